//! `qjs file.js [args...]` / `qjs -e EXPR`: compile and run JavaScript in one go.
fn main() {
    std::process::exit(qjs_toolchain::qjs::main(
        std::env::args_os().skip(1).collect(),
    ));
}
