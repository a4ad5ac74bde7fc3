//! Prints the disassembly of a file: `cargo run -p qjs-compiler --example dump -- FILE`
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let src = std::fs::read_to_string(&path).expect("readable file");
    match qjs_compiler::compile_script(&src, &path) {
        Ok(p) => {
            print!("{}", qjs_bytecode::disasm::disassemble(&p));
            if let Err(e) = qjs_bytecode::verify::verify(&p) {
                println!("VERIFY FAILED: {e:?}");
            }
        }
        Err(e) => println!("{e}"),
    }
}
