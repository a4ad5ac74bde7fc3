//! The bytecode of a linked program as a relocatable object file: each array becomes a global,
//! read-only data symbol named by its C name, so the C compiler only sees a `main()` that
//! declares the arrays `extern` (a 1 MB program's bytecode as a C string literal took gcc about
//! 2 s to read; writing the object takes milliseconds).
//!
//! Only ELF targets whose relocatable objects need no ABI flags are written (x86_64, AArch64,
//! x86); elsewhere [`bytecode_object`] returns `None` and qjsc embeds the bytecode in the C
//! source as before.
use crate::emit::BytecodeArray;
use object::write::{Object, StandardSection, Symbol, SymbolSection};
use object::{
    Architecture, BinaryFormat, Endianness, SectionKind, SymbolFlags, SymbolKind, SymbolScope,
};

/// The architecture and byte order of the programs qjsc links (the machine qjsc itself was
/// built for: its runtime archive is), when their object files are ELF ones this module writes.
fn target() -> Option<(Architecture, Endianness)> {
    if !cfg!(target_family = "unix") || cfg!(target_vendor = "apple") {
        return None;
    }
    let arch = if cfg!(all(target_arch = "x86_64", target_pointer_width = "64")) {
        Architecture::X86_64
    } else if cfg!(all(target_arch = "aarch64", target_pointer_width = "64")) {
        Architecture::Aarch64
    } else if cfg!(target_arch = "x86") {
        Architecture::I386
    } else {
        return None;
    };
    let endian = if cfg!(target_endian = "little") {
        Endianness::Little
    } else {
        Endianness::Big
    };
    Some((arch, endian))
}

/// Alignment of each array: 16 bytes, what the x86_64 ABI gives a global array of that size
/// (and what a C compiler would have given it).
const ALIGN: u64 = 16;

/// An object file that defines every array of `arrays` (`const uint8_t NAME[N]`, in
/// `.rodata.NAME` so the linker's `--gc-sections` treats each on its own), or `None` when the
/// target is not one this module writes. The bytes depend only on the arrays (no timestamps,
/// symbols in the arrays' order), so outputs stay reproducible.
pub fn bytecode_object(arrays: &[BytecodeArray]) -> Option<Vec<u8>> {
    let (arch, endian) = target()?;
    let mut obj = Object::new(BinaryFormat::Elf, arch, endian);
    // Without this note the GNU linker assumes the object needs an executable stack.
    obj.add_section(Vec::new(), b".note.GNU-stack".to_vec(), SectionKind::Other);
    for a in arrays {
        let section = obj.add_subsection(StandardSection::ReadOnlyData, a.cname.as_bytes());
        let symbol = obj.add_symbol(Symbol {
            name: a.cname.as_bytes().to_vec(),
            value: 0,
            size: 0,
            kind: SymbolKind::Data,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Undefined,
            flags: SymbolFlags::None,
        });
        obj.add_symbol_data(symbol, section, &a.bytes, ALIGN);
    }
    obj.write().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn array(name: &str, bytes: &[u8]) -> BytecodeArray {
        BytecodeArray {
            cname: name.to_string(),
            bytes: bytes.to_vec(),
            load_only: false,
            uses_modules: false,
        }
    }

    #[test]
    fn deterministic_elf_with_the_arrays() {
        let arrays = [array("qjsc_a", b"QJSB first"), array("qjsc_b", b"second")];
        let Some(bytes) = bytecode_object(&arrays) else {
            assert!(target().is_none());
            return;
        };
        assert!(bytes.starts_with(b"\x7fELF"));
        assert_eq!(bytecode_object(&arrays), Some(bytes.clone()));
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        for needle in [
            &b"QJSB first"[..],
            b"second",
            b"qjsc_a\0",
            b"qjsc_b\0",
            b".rodata.qjsc_a\0",
            b".note.GNU-stack\0",
        ] {
            assert!(has(needle), "{}", String::from_utf8_lossy(needle));
        }
    }
}
