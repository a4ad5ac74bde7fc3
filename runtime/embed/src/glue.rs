//! What a `no_std` executable or static library must supply itself, shared by
//! `libqjs_archive.a` (qjs-archive) and the `no_std` programs `qjsc --rust` generates:
//!
//! * a `#[global_allocator]` over the C library's `malloc` family, and
//! * a `#[panic_handler]` that writes a short message to stderr and calls `abort()`.
//!
//! Compiled only without std and under `panic = "abort"` (the archive profile, the generated
//! crates' profiles): workspace builds that unwind use std's panic handler instead (see
//! qjs-archive), so none of std's panic/backtrace machinery ends up in user binaries (see
//! "Small binaries" in DESIGN.md).
//!
//! Under abort a `no_std` crate needs no `eh_personality`, and nothing here references
//! `rust_eh_personality` or `_Unwind_*`: nothing in `core`/`alloc` reaches the unwinder except
//! through a panic runtime, and with abort there is none (but see `rust_eh_personality` below).
use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;

/// The alignment `malloc` guarantees for any allocation at least this large
/// (glibc, musl and the BSD/macOS allocators all give `2 * sizeof(void*)`).
#[cfg(target_pointer_width = "64")]
const MIN_ALIGN: usize = 16;
#[cfg(not(target_pointer_width = "64"))]
const MIN_ALIGN: usize = 8;

/// `GlobalAlloc` over libc `malloc`/`calloc`/`realloc`/`free`, with `posix_memalign` for
/// alignments that `malloc` does not guarantee.
struct LibcAlloc;

impl LibcAlloc {
    /// Whether plain `malloc(size)` is aligned enough. A block smaller than the requested
    /// alignment may come from a small size class with weaker alignment, hence `align <= size`.
    #[inline]
    fn malloc_suffices(align: usize, size: usize) -> bool {
        align <= MIN_ALIGN && align <= size
    }

    #[inline]
    unsafe fn aligned_alloc(layout: Layout) -> *mut u8 {
        let mut out: *mut c_void = core::ptr::null_mut();
        // posix_memalign wants a power of two that is also a multiple of sizeof(void*).
        let align = layout.align().max(core::mem::size_of::<usize>());
        if libc::posix_memalign(&mut out, align, layout.size()) != 0 {
            return core::ptr::null_mut();
        }
        out as *mut u8
    }
}

unsafe impl GlobalAlloc for LibcAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if Self::malloc_suffices(layout.align(), layout.size()) {
            libc::malloc(layout.size()) as *mut u8
        } else {
            Self::aligned_alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if Self::malloc_suffices(layout.align(), layout.size()) {
            libc::calloc(layout.size(), 1) as *mut u8
        } else {
            let p = Self::aligned_alloc(layout);
            if !p.is_null() {
                core::ptr::write_bytes(p, 0, layout.size());
            }
            p
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        libc::free(ptr as *mut c_void)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if Self::malloc_suffices(layout.align(), new_size) {
            return libc::realloc(ptr as *mut c_void, new_size) as *mut u8;
        }
        // Over-aligned: realloc could lose the alignment, so move the block by hand.
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let new = Self::aligned_alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            libc::free(ptr as *mut c_void);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: LibcAlloc = LibcAlloc;

/// The panic handler.
mod abort_on_panic {
    use core::ffi::c_void;

    /// Writes all of `bytes` to stderr, ignoring errors (we are about to abort anyway).
    fn write_stderr(bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let n = unsafe { libc::write(2, rest.as_ptr() as *const c_void, rest.len()) };
            if n <= 0 {
                return;
            }
            rest = &rest[n as usize..];
        }
    }

    /// Formats `n` in decimal without `core::fmt` (which would pull its machinery into every binary).
    fn write_u32(n: u32) {
        use qjs_runtime::bytecode::decimal;
        let mut buf = decimal::Digits::default();
        write_stderr(decimal::digits(u64::from(n), &mut buf));
    }

    /// A panic in the engine is a bug: report where it happened and abort.
    ///
    /// Only a panic's static message is printed (`PanicMessage::as_str`); formatting arbitrary
    /// arguments would link `core::fmt` and the `Display` impls of everything that can panic,
    /// which is exactly the weight the `no_std` archive exists to avoid.
    /// The unwinding personality routine that the landing pads of the precompiled `core` and
    /// `alloc` refer to.
    ///
    /// The standard library for this target is shipped compiled with `panic = "unwind"`, and fat
    /// LTO merges its bitcode with ours: wherever LLVM cannot prove a callee never unwinds (an
    /// indirect call, say), `alloc`'s cleanup landing pads survive, and with them a reference
    /// to `rust_eh_personality` (which `std` would define; we have no `std`). Rebuilding `core`
    /// with `panic = "abort"` needs nightly (`-Z build-std`), so we define the symbol instead.
    /// It can never run: our panics abort before anything unwinds, and the C main that qjsc
    /// generates (or the Rust `main` of `qjsc --rust`) raises no foreign exceptions. If something did try to unwind through Rust
    /// frames, aborting is the only sound answer. (`_Unwind_Resume`, the other reference those
    /// landing pads make, is left to the C compiler's runtime library, libgcc, which every C
    /// link provides; defining it here would break C++ exceptions in programs that embed us.)
    #[no_mangle]
    extern "C" fn rust_eh_personality() -> ! {
        write_stderr(b"qjs: internal error: unwinding is not supported\n");
        unsafe { libc::abort() }
    }

    #[panic_handler]
    fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
        write_stderr(b"qjs: internal error: panic");
        if let Some(loc) = info.location() {
            write_stderr(b" at ");
            write_stderr(loc.file().as_bytes());
            write_stderr(b":");
            write_u32(loc.line());
        }
        if let Some(msg) = info.message().as_str() {
            write_stderr(b": ");
            write_stderr(msg.as_bytes());
        }
        write_stderr(b"\n");
        unsafe { libc::abort() }
    }
}
