//! The bytecode format: the one interface between the compiler and the runtime.
//!
//! Pure data, `no_std`: the compiler builds a [`Program`], [`write`](serialize::write) turns it into
//! bytes, and the runtime's loader ([`read`](serialize::read)) parses and *verifies* those bytes before
//! anything runs them (see [`verify`]). A program that passes the verifier cannot make the
//! interpreter index out of bounds, jump into the middle of an instruction, or under/overflow its
//! operand stack.
#![no_std]
extern crate alloc;

pub mod decimal;
pub mod disasm;
pub mod op;
pub mod program;
pub mod serialize;
pub mod verify;

pub use op::{Op, OpGroup};
pub use program::*;
pub use serialize::{read, write, LoadError};
