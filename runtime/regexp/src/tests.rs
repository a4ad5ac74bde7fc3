extern crate std;
use super::*;
use alloc::string::String;
use alloc::vec::Vec;

fn run(pat: &str, flags: &str, input: &str) -> Option<Vec<Option<String>>> {
    let p: Vec<u16> = pat.encode_utf16().collect();
    let f = Flags::parse(flags.chars().map(|c| c as u32)).expect("flags");
    let re = Regex::new(&p, f).expect("compiles");
    let s: Vec<u16> = input.encode_utf16().collect();
    let mut sc = Scratch::default();
    let found = re.exec(&s, 0, &mut sc, &mut || false).expect("runs");
    let caps: Vec<_> = (0..re.capture_count()).map(|i| sc.capture(i)).collect();
    // The precompiled form (qjsc's regex literals) decodes to the same program.
    let decoded = Regex::from_bytes(&re.to_bytes(), f).expect("decodes");
    assert!(decoded.prog.code == re.prog.code && decoded.prog.first == re.prog.first);
    assert!(decoded.prog.sets == re.prog.sets && decoded.prog.refs == re.prog.refs);
    assert_eq!(decoded.group_names(), re.group_names());
    let mut sc2 = Scratch::default();
    let found2 = decoded.exec(&s, 0, &mut sc2, &mut || false).expect("runs");
    let caps2: Vec<_> = (0..re.capture_count()).map(|i| sc2.capture(i)).collect();
    assert_eq!((found, &caps), (found2, &caps2), "decoded {pat}");
    // The same subject stored as Latin-1 must match identically.
    if let Ok(latin1) = s
        .iter()
        .map(|&u| u8::try_from(u))
        .collect::<Result<Vec<u8>, _>>()
    {
        let mut sc1 = Scratch::default();
        let found1 = re.exec(&latin1, 0, &mut sc1, &mut || false).expect("runs");
        let caps1: Vec<_> = (0..re.capture_count()).map(|i| sc1.capture(i)).collect();
        assert_eq!(
            (found, &caps),
            (found1, &caps1),
            "Latin-1 vs UTF-16 for {pat}"
        );
    }
    if !found {
        return None;
    }
    Some(
        caps.into_iter()
            .map(|c| c.map(|(a, b)| String::from_utf16_lossy(&s[a..b])))
            .collect(),
    )
}

fn m(pat: &str, flags: &str, input: &str) -> Vec<Option<&'static str>> {
    run(pat, flags, input)
        .unwrap_or_default()
        .into_iter()
        .map(|o| o.map(|s| &*std::boxed::Box::leak(s.into_boxed_str())))
        .collect()
}

fn err(pat: &str, flags: &str) -> bool {
    let p: Vec<u16> = pat.encode_utf16().collect();
    Regex::new(
        &p,
        Flags::parse(flags.chars().map(|c| c as u32)).expect("flags"),
    )
    .is_err()
}

#[test]
fn basics() {
    assert_eq!(m("a(b|c)d", "", "xacd"), [Some("acd"), Some("c")]);
    assert_eq!(m("a*?b", "", "aaab"), [Some("aaab")]);
    assert_eq!(m("(a*)*b", "", "aab"), [Some("aab"), Some("aa")]);
    assert_eq!(m("(a*)?", "", "b"), [Some(""), None]);
    assert_eq!(m("(?:a|b)*c", "", "ababc"), [Some("ababc")]);
    assert_eq!(
        m("(z)((a+)?(b+)?(c))*", "", "zaacbbbcac"),
        [
            Some("zaacbbbcac"),
            Some("z"),
            Some("ac"),
            Some("a"),
            None,
            Some("c")
        ]
    );
    assert_eq!(m("a{2,3}", "", "aaaa"), [Some("aaa")]);
    assert_eq!(m("(ab){2}", "", "ababab"), [Some("abab"), Some("ab")]);
    assert_eq!(m("^\\w+@\\w+\\.com$", "", "joe@x.com"), [Some("joe@x.com")]);
    assert_eq!(m("\\bfoo\\b", "", "a foo b"), [Some("foo")]);
    assert_eq!(m("(a)\\1", "i", "aA"), [Some("aA"), Some("a")]);
    assert_eq!(m("(?<=\\$)\\d+", "", "cost $42"), [Some("42")]);
    assert_eq!(m("(?<!\\$)\\b\\d+", "", "$4 7"), [Some("7")]);
    assert_eq!(
        m("(?<=(\\d+)(\\d+))$", "", "1053"),
        [Some(""), Some("1"), Some("053")]
    );
    assert_eq!(m("(?=(a+))a*b\\1", "", "baaabac"), [Some("aba"), Some("a")]);
    assert_eq!(m("(?!(a))b\\1", "", "b"), [Some("b"), None]);
    assert_eq!(
        m("(?<y>\\d{4})-(?<m>\\d\\d)", "", "x2020-12"),
        [Some("2020-12"), Some("2020"), Some("12")]
    );
    assert_eq!(
        m("(?:(?<a>x)|(?<a>y))\\k<a>", "", "yy"),
        [Some("yy"), None, Some("y")]
    );
    assert_eq!(m("(?i:a)b", "", "Ab"), [Some("Ab")]);
    assert_eq!(m("(?i:a)b", "", "AB"), Vec::<Option<&str>>::new());
    assert_eq!(m("[\\d-z]+", "", "1-z"), [Some("1-z")]);
    assert_eq!(m("\\u{1F600}", "u", "x😀"), [Some("😀")]);
    assert_eq!(m("^.$", "u", "😀"), [Some("😀")]);
    assert_eq!(m("^.$", "", "😀"), Vec::<Option<&str>>::new());
    assert_eq!(m("[\\q{abc|d}x]+", "v", "abcdx"), [Some("abcdx")]);
    assert_eq!(m("[\\w--\\d]+", "v", "ab1"), [Some("ab")]);
    assert_eq!(m("[[a-z]&&[aeiou]]+", "v", "xaei"), [Some("aei")]);
    assert_eq!(m("\\cJ", "", "\n"), [Some("\n")]);
    assert_eq!(m("\\c", "", "\\c"), [Some("\\c")]);
    assert_eq!(m("a{", "", "a{"), [Some("a{")]);
    assert_eq!(m("\\1(a)", "", "a"), [Some("a"), Some("a")]);
    assert_eq!(m("\\8", "", "8"), [Some("8")]);
    assert_eq!(m("\\101", "", "A"), [Some("A")]);
    assert_eq!(m("x*y+$", "m", "xy\nz"), [Some("xy")]);
}

#[test]
fn errors() {
    assert!(err("(", ""));
    assert!(err("a**", ""));
    assert!(err("a{2,1}", ""));
    assert!(err("{1}", ""));
    assert!(err("\\1", "u"));
    assert!(err("(?<a>x)(?<a>y)", ""));
    assert!(!err("(?<a>x)|(?<a>y)", ""));
    assert!(err("\\k<b>(?<a>x)", ""));
    assert!(err("[b-a]", ""));
    assert!(err("(?i-i:a)", ""));
    assert!(err("(?-:a)", ""));
    assert!(err("[a&&&b]", "v"));
    assert!(err("[^\\q{ab}]", "v"));
    assert!(err("(?<=a)*", ""));
    assert!(!err("(?=a)*", ""));
    assert!(err("(?=a)*", "u"));
    assert!(err("]", "u"));
}

#[test]
fn deep_backtracking_is_bounded() {
    let p: Vec<u16> = "(a|b|ab)*c".encode_utf16().collect();
    let sticky = Flags {
        sticky: true,
        ..Flags::default()
    };
    let re = Regex::new(&p, sticky).expect("compiles");
    let s: Vec<u8> = core::iter::repeat_n(b'a', 100_000).collect();
    let mut sc = Scratch::default();
    assert_eq!(re.exec(&s, 0, &mut sc, &mut || false), Ok(false));
    sc.stack_limit = 1000;
    assert_eq!(
        re.exec(&s, 0, &mut sc, &mut || false),
        Err(ExecError::TooComplex)
    );
    let p: Vec<u16> = "(a*)*b".encode_utf16().collect();
    let re = Regex::new(&p, Flags::default()).expect("compiles");
    let mut polls = 0;
    let r = re.exec(&s[..30], 0, &mut sc, &mut || {
        polls += 1;
        polls > 3
    });
    assert_eq!(r, Err(ExecError::Interrupted));
}

#[test]
fn unicode_properties_and_folding() {
    assert_eq!(m("\\p{Script=Greek}+", "u", "abαβγ"), [Some("αβγ")]);
    assert_eq!(m("\\p{Lu}\\P{Lu}", "u", "abCd"), [Some("Cd")]);
    assert_eq!(m("[\\p{L}--\\p{Lu}]+", "v", "ABcdE"), [Some("cd")]);
    assert_eq!(m("^\\p{RGI_Emoji}$", "v", "👍🏽"), [Some("👍🏽")]);
    assert_eq!(m("ſ", "iu", "s"), [Some("s")]);
    assert_eq!(m("ſ", "i", "s"), Vec::<Option<&str>>::new());
    assert_eq!(m("\\w", "iu", "ſ"), [Some("ſ")]);
    assert_eq!(m("(?<π>x)\\k<π>", "", "xx"), [Some("xx"), Some("x")]);
    assert!(err("\\p{Nope}", "u"));
    assert!(err("\\P{RGI_Emoji}", "v"));
}

#[test]
fn heap_sort_orders_any_input() {
    let mut v: Vec<u32> = (0..200u32).map(|i| (i * 7919) % 211).collect();
    let mut expected = v.clone();
    expected.sort_unstable();
    crate::class::heap_sort(&mut v, |a, b| a < b);
    assert_eq!(v, expected);
    for n in 0..5u32 {
        let mut w: Vec<u32> = (0..n).rev().collect();
        crate::class::heap_sort(&mut w, |a, b| a < b);
        assert_eq!(w, (0..n).collect::<Vec<_>>());
    }
}

#[test]
fn backrefs_on_both_widths() {
    assert_eq!(
        m(r"(a\xe9)\1", "i", "xA\u{c9}a\u{e9}"),
        [Some("A\u{c9}a\u{e9}"), Some("A\u{c9}")]
    );
    assert_eq!(m(r"(?<=(\w)\1)x", "", "aax"), [Some("x"), Some("a")]);
}

#[test]
fn first_units_prefilter() {
    let first = |pat: &str, flags: &str| {
        let p: Vec<u16> = pat.encode_utf16().collect();
        let f = Flags::parse(flags.chars().map(|c| c as u32)).expect("flags");
        Regex::new(&p, f).expect("compiles").prog.first
    };
    let ascii = |pat: &str, flags: &str| first(pat, flags).map(|f| (f.ascii, f.other));
    let bit = |c: char| 1u128 << (c as u32);
    // Through captures, alternatives, optional prefixes, lookarounds and assertions.
    assert_eq!(ascii("(a|b)c", ""), Some((bit('a') | bit('b'), false)));
    assert_eq!(ascii("x?y", ""), Some((bit('x') | bit('y'), false)));
    assert_eq!(ascii("(?=q)\\bz", ""), Some((bit('z'), false)));
    assert_eq!(ascii("^\\d", "m"), Some((0x3FF << 0x30, false)));
    assert_eq!(ascii("é|a", ""), Some((bit('a'), true)));
    // Case-insensitive characters are classes of both cases.
    assert_eq!(ascii("k", "i"), Some((bit('k') | bit('K'), false)));
    assert_eq!(ascii("k", "iu").map(|f| f.1), Some(true));
    assert_eq!(ascii("[^x]", ""), Some((!bit('x'), true)));
    // Patterns that can match empty, or start with any character, have no prefilter.
    for (pat, flags) in [
        ("a*", ""),
        ("(?:)", ""),
        ("\\b", ""),
        (".", "s"),
        ("()\\1a", ""),
    ] {
        assert!(first(pat, flags).is_none(), "{pat}");
    }
    // The prefilter never changes a result.
    assert_eq!(m("\\d+", "", "ab12"), [Some("12")]);
    assert_eq!(m("(?<=a)b", "", "bab"), [Some("b")]);
    assert_eq!(m("\u{1F600}|z", "u", "a\u{1F600}"), [Some("\u{1F600}")]);
}

#[test]
fn corrupted_programs_are_rejected_or_run_safely() {
    let subjects: [Vec<u16>; 3] = [
        "xaabbcab\u{e9}".encode_utf16().collect(),
        "\u{1F600}aaaa\u{212A}".encode_utf16().collect(),
        Vec::new(),
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut accepted, mut rejected) = (0, 0);
    for (pat, flags) in [
        ("a(b|c)*?d{2,5}", "i"),
        ("(?<n>a)\\k<n>(?<=a+)(?!b)\\b", "u"),
        ("[\\p{L}--[a-z]]+", "v"),
        ("((a*)*|b)+c", ""),
        ("^.+$", "ms"),
    ] {
        let p: Vec<u16> = pat.encode_utf16().collect();
        let f = Flags::parse(flags.chars().map(|c| c as u32)).expect("flags");
        let bytes = Regex::new(&p, f).expect("compiles").to_bytes();
        // Every truncation is rejected (the code must end with Match, and counts must fit).
        for n in 0..bytes.len() {
            assert!(
                Regex::from_bytes(&bytes[..n], f).is_none(),
                "{pat} cut at {n}"
            );
        }
        for _ in 0..2000 {
            let mut b = bytes.clone();
            for _ in 0..1 + next() % 3 {
                let i = (next() % b.len() as u64) as usize;
                b[i] = next() as u8;
            }
            let Some(re) = Regex::from_bytes(&b, f) else {
                rejected += 1;
                continue;
            };
            accepted += 1;
            let mut sc = Scratch::default();
            sc.stack_limit = 10_000;
            for s in &subjects {
                let mut steps = 0;
                let _ = re.exec(&s[..], 0, &mut sc, &mut || {
                    steps += 1;
                    steps > 4
                });
            }
        }
    }
    assert!(accepted > 100 && rejected > 100, "{accepted} {rejected}");
}
