//! Compiles snippets of every supported construct and checks that each program verifies and
//! survives a serialization round trip.
use crate::{compile_script, ErrorKind};
use qjs_bytecode::disasm::disassemble;

fn compile_ok(src: &str) -> qjs_bytecode::Program {
    let p = match compile_script(src, "test.js") {
        Ok(p) => p,
        Err(e) => panic!("{src}\n{e}"),
    };
    if let Err(e) = qjs_bytecode::verify::verify(&p) {
        panic!("verify failed for {src}: {e:?}\n{}", disassemble(&p));
    }
    let bytes = qjs_bytecode::write(&p, false);
    assert_eq!(qjs_bytecode::read(&bytes), Ok(p.clone()), "round trip of {src}");
    p
}

/// The instructions of the main function, one mnemonic (and operand) per line.
fn main_code(src: &str) -> String {
    let p = compile_ok(src);
    let text = disassemble(&p);
    let start = text.find(&format!("function #{}", p.main)).expect("main listed");
    text[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("function"))
        .map(|l| l.split_once(": ").map_or(l, |x| x.1).trim().to_string())
        .filter(|l| l != "Nop")
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn smoke() {
    compile_ok("x = 1 + 2");
}
