use super::*;
use alloc::vec;

fn has(r: &[(u32, u32)], c: u32) -> bool {
    contains(r, c)
}

fn equivalents(c: u32) -> Vec<u32> {
    let mut v = Vec::new();
    for_each_fold_equivalent(c, |x| v.push(x));
    v.sort_unstable();
    v
}

fn non_unicode_equivalents(c: u16) -> Vec<u16> {
    let mut v = Vec::new();
    for_each_non_unicode_equivalent(c, |x| v.push(x));
    v.sort_unstable();
    v
}

fn well_formed(r: &[(u32, u32)]) -> bool {
    r.iter().all(|&(s, e)| s <= e && e <= 0x10_ffff) && r.windows(2).all(|w| w[0].1 + 1 < w[1].0)
}

#[test]
fn general_category() {
    let lu = lone_property("Lu").unwrap();
    assert!((u32::from('A')..=u32::from('Z')).all(|c| has(&lu, c)));
    assert!(!has(&lu, u32::from('a')));
    assert_eq!(
        property_value("General_Category", "Uppercase_Letter"),
        Some(lu.clone())
    );
    assert_eq!(property_value("gc", "Lu"), Some(lu.clone()));
    assert_eq!(lone_property("Uppercase_Letter"), Some(lu));
    let lc = lone_property("LC").unwrap();
    assert!(has(&lc, 0x01C5) && has(&lc, u32::from('a')) && !has(&lc, u32::from('1')));
    assert_eq!(lone_property("digit"), lone_property("Nd"));
    assert_eq!(lone_property("Combining_Mark"), lone_property("M"));
    assert_eq!(lone_property("punct"), property_value("gc", "Punctuation"));
    let cn = lone_property("Cn").unwrap();
    assert!(has(&cn, 0x0378) && !has(&cn, u32::from('a')));
    let assigned = lone_property("Assigned").unwrap();
    assert_eq!(union(&assigned, &cn), vec![(0, 0x10_ffff)]);
    assert!(intersection(&assigned, &cn).is_empty());
    assert_eq!(difference(&union(&assigned, &cn), &cn), assigned);
    assert_eq!(lone_property("Any"), Some(vec![(0, 0x10_ffff)]));
    assert_eq!(lone_property("ASCII"), Some(vec![(0, 0x7f)]));
}

#[test]
fn scripts() {
    let greek = property_value("Script", "Greek").unwrap();
    assert!(has(&greek, 0x0391) && !has(&greek, u32::from('A')));
    assert_eq!(property_value("sc", "Grek"), Some(greek));
    // U+0964 DEVANAGARI DANDA is Common, with many script extensions.
    assert!(!has(&property_value("sc", "Deva").unwrap(), 0x0964));
    assert!(has(&property_value("scx", "Deva").unwrap(), 0x0964));
    assert!(has(
        &property_value("Script_Extensions", "Bengali").unwrap(),
        0x0964
    ));
    assert!(has(&property_value("sc", "Zyyy").unwrap(), 0x0964));
    assert!(!has(&property_value("scx", "Zyyy").unwrap(), 0x0964));
    assert_eq!(
        property_value("sc", "Qaac"),
        property_value("Script", "Coptic")
    );
    assert!(has(&property_value("scx", "Unknown").unwrap(), 0x0378));
    assert_eq!(
        property_value("scx", "Zzzz"),
        property_value("sc", "Unknown")
    );
    // A value alias without code points.
    assert_eq!(property_value("sc", "Hrkt"), Some(Vec::new()));
    // New in Unicode 17.
    assert!(!property_value("sc", "Sidt").unwrap().is_empty());
}

#[test]
fn binary_properties_and_aliases() {
    assert_eq!(lone_property("Alpha"), lone_property("Alphabetic"));
    assert_eq!(lone_property("space"), lone_property("White_Space"));
    let ws = lone_property("White_Space").unwrap();
    assert!(has(&ws, 0x20) && has(&ws, 0x3000) && !has(&ws, 0x200b));
    let hex = lone_property("AHex").unwrap();
    assert_eq!(hex, vec![(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]);
    assert!(has(&lone_property("RI").unwrap(), 0x1F1E6));
    let names = tables::BINARY_NAMES
        .split([';', ','])
        .chain(tables::GC_NAMES.split([';', ',']));
    for name in names {
        let r = lone_property(name).unwrap();
        assert!(well_formed(&r), "{name}");
    }
    for value in tables::SCRIPT_NAMES.split([';', ',']) {
        for name in ["Script", "sc", "Script_Extensions", "scx"] {
            assert!(
                well_formed(&property_value(name, value).unwrap()),
                "{name}={value}"
            );
        }
    }
}

#[test]
fn unknown_names_are_rejected() {
    for name in [
        "alphabetic",
        "IsAlpha",
        "Is_Alpha",
        "ALPHA",
        "Latin",
        "Greek",
        "Block",
        "Line_Break",
        "Other_Alphabetic",
        "Composition_Exclusion",
        "",
        "General_Category",
        "gc=Lu",
        "RGI_Emoji",
        "Basic_Emoji",
        "lu",
        "L&",
    ] {
        assert_eq!(lone_property(name), None, "{name}");
    }
    assert_eq!(property_value("Block", "Basic_Latin"), None);
    assert_eq!(property_value("General_Category", "Greek"), None);
    assert_eq!(property_value("Script", "Lu"), None);
    assert_eq!(property_value("sc", "greek"), None);
    assert_eq!(property_value("ASCII", "Y"), None);
    assert_eq!(property_value("Script", ""), None);
    assert_eq!(property_value("scx", "Grek,Latn"), None);
    assert_eq!(string_property("Alphabetic"), None);
    assert_eq!(string_property("rgi_emoji"), None);
}

#[test]
fn properties_of_strings() {
    let (singles, strings) = string_property("Emoji_Keycap_Sequence").unwrap();
    assert!(singles.is_empty());
    assert_eq!(strings.len(), 12);
    assert!(strings.contains(&vec![0x23, 0xFE0F, 0x20E3]));
    let (_, flags) = string_property("RGI_Emoji_Flag_Sequence").unwrap();
    assert!(flags.contains(&vec![0x1F1FA, 0x1F1F8]));
    let (_, tags) = string_property("RGI_Emoji_Tag_Sequence").unwrap();
    assert_eq!(tags.len(), 3);
    let (basic, basic_strings) = string_property("Basic_Emoji").unwrap();
    assert!(has(&basic, 0x231A) && basic_strings.contains(&vec![0x2194, 0xFE0F]));
    let family = vec![0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467];
    assert!(string_property("RGI_Emoji_ZWJ_Sequence")
        .unwrap()
        .1
        .contains(&family));
    let (rgi, rgi_strings) = string_property("RGI_Emoji").unwrap();
    assert_eq!(rgi, basic);
    assert!(rgi_strings.contains(&family) && rgi_strings.contains(&vec![0x1F1FA, 0x1F1F8]));
    let mut sorted = rgi_strings.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), rgi_strings.len());
    assert!(rgi_strings.iter().all(|s| s.len() > 1));
    let (_, modifiers) = string_property("RGI_Emoji_Modifier_Sequence").unwrap();
    assert!(modifiers.contains(&vec![0x1F44D, 0x1F3FB]));
}

#[test]
fn case_folding() {
    assert_eq!(simple_case_fold(u32::from('A')), u32::from('a'));
    assert_eq!(simple_case_fold(u32::from('a')), u32::from('a'));
    assert_eq!(simple_case_fold(0x1E9E), 0xDF);
    assert_eq!(simple_case_fold(0x212A), u32::from('k'));
    assert_eq!(simple_case_fold(0x0130), 0x0130); // status T and F only
    assert_eq!(simple_case_fold(0x03A3), 0x03C3);
    assert_eq!(simple_case_fold(0x03C2), 0x03C3);
    assert_eq!(simple_case_fold(0x0100), 0x0101);
    assert_eq!(simple_case_fold(0x0101), 0x0101);
    assert_eq!(simple_case_fold(0x10400), 0x10428);
    assert_eq!(simple_case_fold(0x13F8), 0x13F0);
    assert_eq!(simple_case_fold(0xAB70), 0x13A0);
    assert_eq!(simple_case_fold(0x10_ffff), 0x10_ffff);
    assert_eq!(equivalents(u32::from('k')), vec![u32::from('K'), 0x212A]);
    assert_eq!(equivalents(0x212A), vec![u32::from('K'), u32::from('k')]);
    assert_eq!(equivalents(0x03C3), vec![0x03A3, 0x03C2]);
    assert_eq!(equivalents(0xDF), vec![0x1E9E]);
    assert_eq!(equivalents(u32::from('1')), Vec::<u32>::new());
    let closed = fold_closure(&[(u32::from('a'), u32::from('z'))]);
    assert_eq!(
        closed,
        vec![(0x41, 0x5A), (0x61, 0x7A), (0x17F, 0x17F), (0x212A, 0x212A)]
    );
}

#[test]
fn non_unicode_canonicalize() {
    assert_eq!(canonicalize_non_unicode(u16::from(b'k')), u16::from(b'K'));
    assert_eq!(canonicalize_non_unicode(0x212A), 0x212A);
    assert_eq!(canonicalize_non_unicode(0x017F), 0x017F); // ſ uppercases to ASCII S
    assert_eq!(canonicalize_non_unicode(0x0131), 0x0131); // ı uppercases to ASCII I
    assert_eq!(canonicalize_non_unicode(0x00DF), 0x00DF); // ß uppercases to "SS"
    assert_eq!(canonicalize_non_unicode(0x00B5), 0x039C);
    assert_eq!(canonicalize_non_unicode(0x03C2), 0x03A3);
    assert_eq!(canonicalize_non_unicode(0xD800), 0xD800);
    assert_eq!(
        non_unicode_equivalents(u16::from(b'k')),
        vec![u16::from(b'K')]
    );
    assert_eq!(non_unicode_equivalents(0x03C3), vec![0x03A3, 0x03C2]);
    assert_eq!(non_unicode_equivalents(0x039C), vec![0x00B5, 0x03BC]);
    assert_eq!(non_unicode_equivalents(0x212A), Vec::<u16>::new());
    assert_eq!(
        non_unicode_closure(&[(u32::from('a'), u32::from('z'))]),
        vec![(0x41, 0x5A), (0x61, 0x7A)]
    );
}

#[test]
fn identifiers() {
    assert!(is_id_start(u32::from('a')) && is_id_start(0xE9) && is_id_start(0x2118));
    assert!(!is_id_start(u32::from('1')) && !is_id_start(u32::from('$')) && !is_id_start(0x0300));
    assert!(
        is_id_continue(u32::from('1')) && is_id_continue(u32::from('_')) && is_id_continue(0x0300)
    );
    assert!(!is_id_continue(u32::from('$')) && !is_id_continue(0x2E2F));
    assert!(is_id_start(0x20000) && !is_id_start(0x10_ffff));
}

/// The General_Category shortcut of is_id_start/is_id_continue agrees with the stored binary
/// properties on every code point.
#[test]
fn identifiers_match_binary_properties() {
    let start = lone_property("ID_Start").expect("ID_Start");
    let cont = lone_property("ID_Continue").expect("ID_Continue");
    let mut wrong = vec![];
    for c in 0..=0x10_FFFF {
        if is_id_start(c) != contains(&start, c) || is_id_continue(c) != contains(&cont, c) {
            wrong.push(c);
        }
    }
    assert!(wrong.is_empty(), "{wrong:X?}");
}

#[test]
fn normalization() {
    use alloc::string::String;
    let nf = |s: &str, f: Form| -> String {
        normalize(s.chars().map(u32::from), f)
            .into_iter()
            .filter_map(char::from_u32)
            .collect()
    };
    // Lines of NormalizationTest.txt (Unicode 17.0.0): source, NFC, NFD, NFKC, NFKD.
    let cases = [
        ["\u{1E0A}", "\u{1E0A}", "D\u{307}", "\u{1E0A}", "D\u{307}"],
        [
            "\u{1E0A}\u{323}",
            "\u{1E0C}\u{307}",
            "D\u{323}\u{307}",
            "\u{1E0C}\u{307}",
            "D\u{323}\u{307}",
        ],
        [
            "\u{1E9B}\u{323}",
            "\u{1E9B}\u{323}",
            "\u{17F}\u{323}\u{307}",
            "\u{1E69}",
            "s\u{323}\u{307}",
        ],
        [
            "\u{AC00}\u{11A8}",
            "\u{AC01}",
            "\u{1100}\u{1161}\u{11A8}",
            "\u{AC01}",
            "\u{1100}\u{1161}\u{11A8}",
        ],
        ["\u{FB01}", "\u{FB01}", "\u{FB01}", "fi", "fi"],
        ["\u{2126}", "\u{3A9}", "\u{3A9}", "\u{3A9}", "\u{3A9}"],
        [
            "\u{0958}",
            "\u{915}\u{93C}",
            "\u{915}\u{93C}",
            "\u{915}\u{93C}",
            "\u{915}\u{93C}",
        ],
        ["\u{1D400}", "\u{1D400}", "\u{1D400}", "A", "A"],
        ["\u{2F800}", "\u{4E3D}", "\u{4E3D}", "\u{4E3D}", "\u{4E3D}"],
    ];
    for [src, nfc, nfd, nfkc, nfkd] in cases {
        assert_eq!(nf(src, Form::Nfc), nfc, "NFC {src:?}");
        assert_eq!(nf(src, Form::Nfd), nfd, "NFD {src:?}");
        assert_eq!(nf(src, Form::Nfkc), nfkc, "NFKC {src:?}");
        assert_eq!(nf(src, Form::Nfkd), nfkd, "NFKD {src:?}");
    }
    // U+FDFA has the longest mapping (18 code points).
    assert_eq!(nf("\u{FDFA}", Form::Nfkd).chars().count(), 18);
    // Lone surrogates pass through.
    assert_eq!(normalize([0xD800, 0x61], Form::Nfd), [0xD800, 0x61]);
    assert_eq!(combining_class(0x301), 230);
    assert_eq!(combining_class(0x41), 0);
    let name = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
    assert_eq!(Form::from_name(&name("NFKD")), Some(Form::Nfkd));
    assert_eq!(Form::from_name(&name("nfc")), None);
}
