//! The C that qjsc writes: bytecode arrays (`-c`) and the instantiated `main()` template (`-e`,
//! and the source that `-o` compiles).
use std::fmt::Write as _;
use std::path::Path;

/// One compiled input: its C array name and serialized bytecode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BytecodeArray {
    pub cname: String,
    pub bytes: Vec<u8>,
    /// A module that is registered, not run (what the program's modules import).
    pub load_only: bool,
    /// The program needs the module system (`Program::uses_modules`).
    pub uses_modules: bool,
}

const HEADER: &str = "/* File generated automatically by qjsc. */\n";

/// The default C name of an input: `prefix` + the file's stem, with every character that cannot
/// appear in a C identifier replaced by `_` (QuickJS: `qjsc_` + stem).
pub fn default_cname(prefix: &str, path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = String::with_capacity(prefix.len() + stem.len());
    name.push_str(prefix);
    name.extend(stem.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        }
    }));
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// Whether `name` is a valid C identifier (for `-N`).
pub fn is_c_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Arrays larger than this are written as string literals: C compilers read those an order of
/// magnitude faster than initializer lists (a 2 MB program: about 2 s instead of 27 s with gcc).
const STRING_LITERAL_MIN: usize = 32 * 1024;

/// Appends `const uint32_t NAME_size = N;` and `const uint8_t NAME[N] = ...;`: eight bytes a
/// line as QuickJS writes them, or for large arrays a string literal of octal escapes (exactly N
/// characters, so C adds no terminating NUL).
fn write_array(out: &mut String, array: &BytecodeArray) {
    let n = array.bytes.len();
    let _ = writeln!(out, "const uint32_t {}_size = {n};\n", array.cname);
    if n >= STRING_LITERAL_MIN {
        let _ = writeln!(out, "const uint8_t {}[{n}] =", array.cname);
        for chunk in array.bytes.chunks(64) {
            out.push('"');
            for b in chunk {
                let _ = write!(out, "\\{b:03o}");
            }
            out.push_str("\"\n");
        }
        out.push_str(";\n\n");
        return;
    }
    let _ = writeln!(out, "const uint8_t {}[{n}] = {{", array.cname);
    for (i, b) in array.bytes.iter().enumerate() {
        let _ = write!(out, " 0x{b:02x},");
        if i % 8 == 7 {
            out.push('\n');
        }
    }
    if !n.is_multiple_of(8) {
        out.push('\n');
    }
    out.push_str("};\n\n");
}

/// Where the bytecode of the generated `main()` lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In the C source, as arrays.
    InSource,
    /// In an object file linked beside it (`objfile.rs`): the C source declares the arrays
    /// `extern` and defines only their sizes.
    Extern,
}

/// Appends `extern const uint8_t NAME[N];` and `const uint32_t NAME_size = N;`.
fn write_extern(out: &mut String, array: &BytecodeArray) {
    let n = array.bytes.len();
    let _ = writeln!(out, "extern const uint8_t {}[{n}];", array.cname);
    let _ = writeln!(out, "const uint32_t {}_size = {n};\n", array.cname);
}

/// `qjsc -c`: only the bytecode arrays.
pub fn bytecode_c(arrays: &[BytecodeArray]) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str("\n#include <stdint.h>\n\n");
    for a in arrays {
        write_array(&mut out, a);
    }
    out
}

/// `qjsc -e`: the arrays (or with [`Placement::Extern`] their declarations) plus a `main()` that
/// sets the stack limit (`-S`), registers `intrinsics` and evaluates the arrays in order
/// (stopping at the first that throws), then runs the job queue.
pub fn main_c(
    template: &str,
    arrays: &[BytecodeArray],
    placement: Placement,
    intrinsics: &[&str],
    stack_size: Option<u64>,
) -> String {
    let mut bytecode = String::new();
    for a in arrays {
        match placement {
            Placement::InSource => write_array(&mut bytecode, a),
            Placement::Extern => write_extern(&mut bytecode, a),
        }
    }
    let mut calls = String::new();
    for f in intrinsics {
        // The methods' entry points are not in qjs.h (there are hundreds).
        if f.starts_with("JS_AddMethod_") {
            let _ = writeln!(calls, "    extern void {f}(JSContext *ctx);");
        }
        let _ = writeln!(calls, "    {f}(ctx);");
    }
    let mut eval = String::new();
    for a in arrays {
        let _ = writeln!(
            eval,
            "    if (ret == 0 && js_std_eval_binary(ctx, {0}, {0}_size, {1}) != 0)\n        ret = 1;",
            a.cname,
            u8::from(a.load_only)
        );
    }
    let runtime = match stack_size {
        Some(n) => format!("    JS_SetMaxStackSize(rt, (size_t){n}ULL);\n"),
        None => String::new(),
    };
    template
        .replace("@BYTECODE@\n", &bytecode)
        .replace("@RUNTIME@\n", &runtime)
        .replace("@INTRINSICS@\n", &calls)
        .replace("@EVAL@\n", &eval)
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
    fn cnames() {
        assert_eq!(
            default_cname("qjsc_", Path::new("examples/hello.js")),
            "qjsc_hello"
        );
        assert_eq!(default_cname("qjsc_", Path::new("a-b.c.js")), "qjsc_a_b_c");
        assert_eq!(default_cname("", Path::new("1x.js")), "_1x");
        assert!(is_c_identifier("qjsc_hello"));
        assert!(is_c_identifier("_x1"));
        assert!(!is_c_identifier("1x"));
        assert!(!is_c_identifier("a-b"));
        assert!(!is_c_identifier(""));
    }

    #[test]
    fn bytecode_only() {
        let c = bytecode_c(&[array("qjsc_t", &[1, 2, 3, 4, 5, 6, 7, 8, 0xff])]);
        assert!(c.contains("const uint32_t qjsc_t_size = 9;\n"));
        assert!(c.contains(
            "const uint8_t qjsc_t[9] = {\n 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,\n 0xff,\n};\n"
        ));
        assert!(!c.contains("main("));
    }

    #[test]
    fn large_arrays_are_string_literals() {
        let bytes: Vec<u8> = (0..STRING_LITERAL_MIN).map(|i| i as u8).collect();
        let c = bytecode_c(&[array("big", &bytes)]);
        let n = STRING_LITERAL_MIN;
        assert!(c.contains(&format!("const uint8_t big[{n}] =\n\"\\000\\001\\002")));
        assert!(c.contains("\\377\"\n;\n"));
        assert_eq!(c.matches('\\').count(), n);
    }

    #[test]
    fn with_main() {
        let c = main_c(
            crate::MAIN_TEMPLATE,
            &[array("qjsc_a", &[1]), array("qjsc_b", &[2])],
            Placement::InSource,
            &["JS_AddIntrinsicBaseObjects"],
            Some(1 << 20),
        );
        assert!(c.contains("    JS_SetMaxStackSize(rt, (size_t)1048576ULL);\n"));
        assert!(!c.contains('@'), "unreplaced marker in:\n{c}");
        assert!(c.contains("    JS_AddIntrinsicBaseObjects(ctx);\n"));
        let a = c
            .find("js_std_eval_binary(ctx, qjsc_a, qjsc_a_size, 0)")
            .unwrap();
        let b = c
            .find("js_std_eval_binary(ctx, qjsc_b, qjsc_b_size, 0)")
            .unwrap();
        assert!(a < b);
        assert!(c.find("const uint8_t qjsc_b[1]").unwrap() < c.find("int main(").unwrap());
    }

    #[test]
    fn with_main_and_extern_bytecode() {
        let c = main_c(
            crate::MAIN_TEMPLATE,
            &[array("qjsc_a", &[1, 2, 3])],
            Placement::Extern,
            &[],
            None,
        );
        assert!(c.contains("extern const uint8_t qjsc_a[3];\nconst uint32_t qjsc_a_size = 3;\n"));
        assert!(!c.contains("0x01"));
        assert!(c.contains("js_std_eval_binary(ctx, qjsc_a, qjsc_a_size, 0)"));
    }
}
