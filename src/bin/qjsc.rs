//! `qjsc [options] file.js...`: compile JavaScript to a standalone executable or to C.
fn main() {
    std::process::exit(qjs_toolchain::qjsc::main(
        std::env::args_os().skip(1).collect(),
    ));
}
