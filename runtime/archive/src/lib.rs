//! The static library (`libqjs_archive.a`) that qjsc links into every compiled program.
//!
//! It is the `no_std` runtime plus the two things a `no_std` final artifact must supply itself
//! (an allocator over `malloc` and an aborting panic handler), which live in `qjs-embed`'s
//! `glue` module, shared with the `no_std` Rust programs `qjsc --rust` generates.
//!
//! Nothing here uses `std`, so none of std's panic/backtrace machinery ends up in user binaries
//! (see "Small binaries" in DESIGN.md).
//!
//! ## Unwinding
//! The archive qjsc ships is built with the `archive` profile (`panic = "abort"`, see build.rs).
//! Under abort a `no_std` crate needs no `eh_personality`, and the archive references neither
//! `rust_eh_personality` nor `_Unwind_*`: nothing in `core`/`alloc` reaches the unwinder except
//! through a panic runtime, and with abort there is none.
//!
//! Plain workspace builds (`cargo build --workspace`, `cargo clippy --workspace`) compile this crate
//! with the dev profile, i.e. `panic = "unwind"`, and rustc rejects a `no_std` staticlib that
//! unwinds ("unwinding panics are not supported without std"; providing `eh_personality` needs
//! a nightly lang item). So under `cfg(panic = "unwind")` the crate links `std` and uses std's
//! panic handler instead of ours. That variant exists only so that workspace-wide commands
//! work; it is never handed to a C compiler.
//!
//! ## Keeping the C API
//! `extern crate qjs_runtime` links the runtime into this staticlib. rustc exports every
//! `#[no_mangle] pub extern "C"` item of every linked crate from a staticlib, and fat LTO
//! treats exported symbols as roots, so the runtime's C API (`JS_NewRuntime`, ...) survives LTO
//! while everything it does not reach is dropped.
#![cfg_attr(panic = "abort", no_std)]

extern crate qjs_runtime;
// The allocator and the panic handler (its `glue`, compiled under `panic = "abort"`).
extern crate qjs_embed;
