//! The qjs engine: values, heap and cycle collector, atoms, strings, shapes and objects, the
//! interpreter, the built-in library, the host helpers and the C API.
//!
//! `no_std` + `alloc`: the runtime reaches the OS only through `libc`, so programs that do not
//! need the compiler link no Rust standard library at all. See ARCHITECTURE.md.
#![no_std]
extern crate alloc;

pub mod atom;
pub mod bigint;
pub mod builtins;
#[cfg(feature = "capi")]
pub mod capi;
pub mod function;
pub mod gc;
pub mod globals;
pub mod host;
pub mod interp;
pub mod math;
pub mod module;
pub mod number;
pub mod object;
pub mod op_groups;
pub mod ops;
pub mod property;
pub mod runtime;
pub mod shape;
pub mod string;
pub mod template;
pub mod value;
pub mod weak;

pub use qjs_bytecode as bytecode;
pub use runtime::{ErrorType, Exc, JsResult, Runtime};
pub use value::{Value, V};
