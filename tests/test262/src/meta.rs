//! The test's front matter: the YAML block between `/*---` and `---*/`.
//!
//! Only the keys the runner acts on are read (`includes`, `flags`, `features`, `negative`); the
//! YAML subset test262 uses is small enough to parse by hand: top-level `key: value` lines,
//! inline lists `[a, b]`, block lists (`- a` lines), the `negative` mapping and block scalars
//! (`|`, `>`), whose text is ignored.

/// When a negative test's error must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Parse,
    Resolution,
    Runtime,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Parse => "parse",
            Phase::Resolution => "resolution",
            Phase::Runtime => "runtime",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    pub phase: Phase,
    /// The name of the expected error constructor, e.g. `SyntaxError`.
    pub error_type: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    pub only_strict: bool,
    pub no_strict: bool,
    pub module: bool,
    pub raw: bool,
    pub is_async: bool,
    pub can_block_is_false: bool,
    pub can_block_is_true: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub includes: Vec<String>,
    pub flags: Flags,
    pub features: Vec<String>,
    pub negative: Option<Negative>,
}

/// How a test is run: its source as global code, with or without `"use strict";`, or as a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Sloppy,
    Strict,
    Module,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
            Mode::Module => "module",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "sloppy" => Some(Mode::Sloppy),
            "strict" => Some(Mode::Strict),
            "module" => Some(Mode::Module),
            _ => None,
        }
    }
}

impl Flags {
    /// The flags that are set, by their test262 names.
    pub fn names(&self) -> Vec<&'static str> {
        let all = [
            (self.only_strict, "onlyStrict"),
            (self.no_strict, "noStrict"),
            (self.module, "module"),
            (self.raw, "raw"),
            (self.is_async, "async"),
            (self.can_block_is_false, "CanBlockIsFalse"),
            (self.can_block_is_true, "CanBlockIsTrue"),
        ];
        all.iter()
            .filter(|(set, _)| *set)
            .map(|(_, n)| *n)
            .collect()
    }
}

impl Meta {
    /// The modes the test runs in, as INTERPRETING.md's "Strict Mode" section says.
    pub fn modes(&self) -> Vec<Mode> {
        let f = &self.flags;
        if f.module {
            vec![Mode::Module]
        } else if f.raw || f.no_strict {
            vec![Mode::Sloppy]
        } else if f.only_strict {
            vec![Mode::Strict]
        } else {
            vec![Mode::Sloppy, Mode::Strict]
        }
    }
}

/// The text between `/*---` and `---*/`, if the source has a front matter block.
fn front_matter(source: &str) -> Option<&str> {
    let start = source.find("/*---")? + 5;
    let len = source[start..].find("---*/")?;
    Some(&source[start..start + len])
}

/// The items of an inline list `[a, b, c]` (quotes removed).
fn inline_list(v: &str) -> Vec<String> {
    let v = v.trim();
    let inner = v.strip_prefix('[').unwrap_or(v);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    inner
        .split(',')
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect()
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
        .unwrap_or(s);
    s.to_string()
}

/// A top-level entry: its key, the text after the colon, and its indented lines.
struct Entry<'a> {
    key: &'a str,
    value: String,
    body: Vec<&'a str>,
}

fn entries(yaml: &str) -> Vec<Entry<'_>> {
    let mut out: Vec<Entry> = Vec::new();
    // A few tests are written with CR line terminators only (line-terminator-normalisation-CR).
    for line in yaml.split(['\n', '\r']) {
        let top_level = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        let key_value = if top_level {
            line.split_once(':')
        } else {
            None
        };
        match key_value {
            Some((key, value)) if !key.trim().starts_with('-') && !key.trim().starts_with('#') => {
                out.push(Entry {
                    key: key.trim(),
                    value: value.trim().to_string(),
                    body: Vec::new(),
                })
            }
            _ => {
                if let Some(last) = out.last_mut() {
                    // An inline list continued on the next lines.
                    if last.value.starts_with('[') && !last.value.ends_with(']') {
                        last.value.push(' ');
                        last.value.push_str(line.trim());
                    } else {
                        last.body.push(line);
                    }
                }
            }
        }
    }
    out
}

/// The list value of an entry: inline, or as `- item` lines.
fn list(e: &Entry) -> Vec<String> {
    if e.value.starts_with('[') {
        return inline_list(&e.value);
    }
    e.body
        .iter()
        .filter_map(|l| l.trim().strip_prefix('-'))
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect()
}

fn negative(e: &Entry) -> Result<Negative, String> {
    let mut phase = None;
    let mut error_type = None;
    let mut pairs: Vec<(String, String)> = Vec::new();
    if e.value.starts_with('{') {
        // Flow mapping: `negative: {phase: parse, type: SyntaxError}`.
        let inner = e.value.trim_matches(|c| c == '{' || c == '}');
        for part in inner.split(',') {
            if let Some((k, v)) = part.split_once(':') {
                pairs.push((k.trim().to_string(), unquote(v)));
            }
        }
    }
    for l in &e.body {
        if let Some((k, v)) = l.split_once(':') {
            pairs.push((k.trim().to_string(), unquote(v)));
        }
    }
    for (k, v) in pairs {
        match k.as_str() {
            "phase" => {
                phase = Some(match v.as_str() {
                    "parse" | "early" => Phase::Parse,
                    "resolution" => Phase::Resolution,
                    "runtime" => Phase::Runtime,
                    other => return Err(format!("unknown negative phase `{other}`")),
                })
            }
            "type" => error_type = Some(v),
            _ => {}
        }
    }
    match (phase, error_type) {
        (Some(phase), Some(error_type)) => Ok(Negative { phase, error_type }),
        _ => Err("`negative` needs both `phase` and `type`".into()),
    }
}

/// Parses a test's front matter. A test without one has empty metadata.
pub fn parse(source: &str) -> Result<Meta, String> {
    let mut meta = Meta::default();
    let Some(yaml) = front_matter(source) else {
        return Ok(meta);
    };
    for e in entries(yaml) {
        match e.key {
            "includes" => meta.includes = list(&e),
            "features" => meta.features = list(&e),
            "negative" => meta.negative = Some(negative(&e)?),
            "flags" => {
                for flag in list(&e) {
                    let f = &mut meta.flags;
                    match flag.as_str() {
                        "onlyStrict" => f.only_strict = true,
                        "noStrict" => f.no_strict = true,
                        "module" => f.module = true,
                        "raw" => f.raw = true,
                        "async" => f.is_async = true,
                        "CanBlockIsFalse" => f.can_block_is_false = true,
                        "CanBlockIsTrue" => f.can_block_is_true = true,
                        // generated, non-deterministic: informational.
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_lists_and_negative() {
        let src = "// c\n/*---\ndescription: |\n  flags: [raw]\n  text\nincludes: [compareArray.js, propertyHelper.js]\nflags: [onlyStrict, async]\nfeatures: [Symbol, \"let\"]\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\nx";
        let m = parse(src).expect("parses");
        assert_eq!(m.includes, ["compareArray.js", "propertyHelper.js"]);
        assert!(m.flags.only_strict && m.flags.is_async && !m.flags.raw);
        assert_eq!(m.features, ["Symbol", "let"]);
        assert_eq!(
            m.negative,
            Some(Negative {
                phase: Phase::Parse,
                error_type: "SyntaxError".into()
            })
        );
        assert_eq!(m.modes(), [Mode::Strict]);
    }

    #[test]
    fn block_lists() {
        let src = "/*---\nflags:\n  - noStrict\nfeatures:\n  - Symbol.iterator\n  - Symbol\nincludes:\n- sm/non262.js\ninfo: >\n  more\n---*/";
        let m = parse(src).expect("parses");
        assert!(m.flags.no_strict);
        assert_eq!(m.features, ["Symbol.iterator", "Symbol"]);
        assert_eq!(m.includes, ["sm/non262.js"]);
        assert_eq!(m.modes(), [Mode::Sloppy]);
    }

    #[test]
    fn modes_and_missing_front_matter() {
        assert_eq!(
            parse("var x;").expect("parses").modes(),
            [Mode::Sloppy, Mode::Strict]
        );
        let m = parse("/*---\nflags: [module]\n---*/").expect("parses");
        assert_eq!(m.modes(), [Mode::Module]);
        assert!(parse("/*---\nnegative:\n  type: SyntaxError\n---*/").is_err());
    }
}
