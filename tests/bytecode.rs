//! Bytecode files are an interface: round trips are exact, and corrupted input is rejected
//! cleanly or, when it still verifies, runs without crashing the host.

fn programs() -> Vec<(String, qjs_bytecode::Program)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["examples", "tests/language"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "js"))
        {
            let src = std::fs::read_to_string(&f).expect("source");
            // Relative, so the bytes (and the mutations the fuzz test makes) do not depend on
            // where the repository is checked out.
            let name = f.strip_prefix(root).unwrap_or(&f).display().to_string();
            let p = qjs_compiler::compile_script(&src, &name).unwrap_or_else(|e| panic!("{e}"));
            out.push((name, p));
        }
    }
    out
}

#[test]
fn serialize_then_load_gives_the_same_program_in_both_byte_orders() {
    for (name, p) in programs() {
        for big in [false, true] {
            let bytes = qjs_bytecode::write(&p, big);
            assert_eq!(
                qjs_bytecode::read(&bytes).as_ref(),
                Ok(&p),
                "{name} (big endian: {big})"
            );
        }
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/closures_classes.js"
    ))
    .expect("source");
    let a = qjs_bytecode::write(
        &qjs_compiler::compile_script(&src, "x.js").expect("compiles"),
        false,
    );
    let b = qjs_bytecode::write(
        &qjs_compiler::compile_script(&src, "x.js").expect("compiles"),
        false,
    );
    assert_eq!(a, b);
}

/// A small deterministic generator (xorshift) so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn corrupted_bytecode_is_rejected_or_runs_safely() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let (mut rejected, mut ran) = (0, 0);
    for (_, p) in programs() {
        let good = qjs_bytecode::write(&p, false);
        for round in 0..300 {
            let mut bytes = good.clone();
            match round % 3 {
                // Flip a few random bytes.
                0 | 1 => {
                    for _ in 0..1 + rng.next() % 4 {
                        let i = (rng.next() as usize) % bytes.len();
                        bytes[i] ^= 1 << (rng.next() % 8);
                    }
                }
                // Truncate.
                _ => bytes.truncate((rng.next() as usize) % bytes.len()),
            }
            match qjs_bytecode::read(&bytes) {
                Err(_) => rejected += 1,
                Ok(_) => {
                    ran += 1;
                    let mut rt = qjs_runtime::Runtime::new();
                    rt.output = Some(Box::new(|_: &str| {}));
                    qjs_runtime::host::add_helpers(&mut rt, &[]);
                    let mut polls = 0;
                    rt.set_interrupt_handler(Some(Box::new(move || {
                        polls += 1;
                        polls > 20
                    })));
                    // Any outcome is fine (value or exception) as long as the host survives.
                    let _ = qjs_runtime::host::eval_binary_quiet(&mut rt, &bytes);
                }
            }
        }
    }
    assert!(rejected > 0 && ran > 0, "rejected {rejected}, ran {ran}");
}

#[test]
fn bad_magic_version_and_truncation_are_errors() {
    use qjs_bytecode::LoadError;
    assert_eq!(qjs_bytecode::read(b"nope"), Err(LoadError::BadMagic));
    let p = &programs()[0].1;
    let mut bytes = qjs_bytecode::write(p, false);
    bytes[4] = 99;
    assert_eq!(
        qjs_bytecode::read(&bytes),
        Err(LoadError::UnsupportedVersion(99))
    );
    let bytes = qjs_bytecode::write(p, false);
    assert!(qjs_bytecode::read(&bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn malformed_bigint_constants_are_load_errors() {
    let p = qjs_compiler::compile_script("let x = 0x1fn;", "b.js").expect("compiles");
    let main = p.main as usize;
    let Some(&qjs_bytecode::Constant::BigInt(a)) = p.functions[main].constants.first() else {
        panic!("no BigInt constant");
    };
    assert!(qjs_bytecode::read(&qjs_bytecode::write(&p, false)).is_ok());
    // Not canonical lowercase hex without leading zeros, or not an atom at all.
    for text in ["", "01f", "1F", "1g", "-1", "1f "] {
        let mut q = p.clone();
        q.atoms[a as usize] = text.encode_utf16().collect();
        assert!(
            qjs_bytecode::read(&qjs_bytecode::write(&q, false)).is_err(),
            "{text:?} loaded"
        );
    }
    let mut q = p.clone();
    q.functions[main].constants[0] = qjs_bytecode::Constant::BigInt(q.atoms.len() as u32);
    assert!(qjs_bytecode::read(&qjs_bytecode::write(&q, false)).is_err());
}
