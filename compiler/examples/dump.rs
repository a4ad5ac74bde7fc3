//! Prints the disassembly of a file: `cargo run -p qjs-compiler --example dump -- [-m] FILE`
//! (`-m` or a `.mjs` file: compile it as a module).
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let flag = args.first().is_some_and(|a| a == "-m");
    if flag {
        args.remove(0);
    }
    let path = args.first().expect("usage: dump [-m] FILE").clone();
    let src = std::fs::read_to_string(&path).expect("readable file");
    let compiled = if flag || path.ends_with(".mjs") {
        qjs_compiler::compile_module(&src, &path)
    } else {
        qjs_compiler::compile_script(&src, &path)
    };
    match compiled {
        Ok(p) => {
            print!("{}", qjs_bytecode::disasm::disassemble(&p));
            if let Err(e) = qjs_bytecode::verify::verify(&p) {
                println!("VERIFY FAILED: {e:?}");
            }
        }
        Err(e) => println!("{e}"),
    }
}
