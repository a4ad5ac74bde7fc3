//! Prints what the public API answers, for `gen/check_api.mjs` to compare with the Unicode data
//! packages: one line per queried name (arguments `lone:NAME`, `pv:NAME=VALUE`, `str:NAME`),
//! then the case mappings, their equivalence classes and ID_Start/ID_Continue for every code
//! point.

use std::fmt::Write as _;
use std::io::Write as _;

fn ranges(r: &[(u32, u32)]) -> String {
    let mut text = String::new();
    for (i, (a, b)) in r.iter().enumerate() {
        let _ = write!(text, "{}{a}-{b}", if i == 0 { "" } else { "," });
    }
    text
}

fn join(v: &[u32]) -> String {
    let parts: Vec<String> = v.iter().map(|c| c.to_string()).collect();
    parts.join(" ")
}

fn main() -> std::io::Result<()> {
    let mut out = String::new();
    for arg in std::env::args().skip(1) {
        let answer = if let Some(name) = arg.strip_prefix("lone:") {
            qjs_unicode::lone_property(name).map(|r| ranges(&r))
        } else if let Some((name, value)) = arg.strip_prefix("pv:").and_then(|a| a.split_once('='))
        {
            qjs_unicode::property_value(name, value).map(|r| ranges(&r))
        } else if let Some(name) = arg.strip_prefix("str:") {
            qjs_unicode::string_property(name).map(|(singles, strings)| {
                for s in strings {
                    let _ = writeln!(out, "{arg}#\t{}", join(&s));
                }
                ranges(&singles)
            })
        } else {
            None
        };
        let _ = writeln!(out, "{arg}\t{}", answer.as_deref().unwrap_or("NONE"));
    }
    for c in 0..=0x10_FFFF {
        let folded = qjs_unicode::simple_case_fold(c);
        if folded != c {
            let _ = writeln!(out, "fold\t{c}\t{folded}");
        }
        let mut same = Vec::new();
        qjs_unicode::for_each_fold_equivalent(c, |x| same.push(x));
        same.sort_unstable();
        if !same.is_empty() {
            let _ = writeln!(out, "feq\t{c}\t{}", join(&same));
        }
        if qjs_unicode::is_id_start(c) {
            let _ = writeln!(out, "ids\t{c}");
        }
        if qjs_unicode::is_id_continue(c) {
            let _ = writeln!(out, "idc\t{c}");
        }
    }
    for u in 0..=0xFFFF {
        let canonical = qjs_unicode::canonicalize_non_unicode(u);
        if canonical != u {
            let _ = writeln!(out, "canon\t{u}\t{canonical}");
        }
        let mut same = Vec::new();
        qjs_unicode::for_each_non_unicode_equivalent(u, |x| same.push(u32::from(x)));
        same.sort_unstable();
        if !same.is_empty() {
            let _ = writeln!(out, "ceq\t{u}\t{}", join(&same));
        }
    }
    std::io::stdout().write_all(out.as_bytes())
}
