//! Pattern text to a syntax tree, following the ES2025 grammar (22.2.1) and, without /u or /v,
//! the web-compatibility grammar of Annex B.1.2. The tree is already resolved against the
//! flags in force at each point (modifiers, case folding), so the compiler only lays it out.
use crate::class::{self, Ranges, MAX_UNICODE};
use crate::{uni, Error, Flags, GroupName};
use alloc::boxed::Box;
use alloc::vec::Vec;

/// Deeper nesting is refused, so parsing, compiling and dropping the tree stay within a small,
/// known native stack.
const MAX_DEPTH: u32 = 200;

pub(crate) enum Node {
    Empty,
    Char(u32),
    Set(Ranges),
    LineStart {
        multiline: bool,
    },
    LineEnd {
        multiline: bool,
    },
    WordBoundary {
        negated: bool,
        unicode_icase: bool,
    },
    /// `index` is the capture group number (1-based) or None for a non-capturing group.
    Group {
        body: Box<Node>,
        index: Option<u32>,
    },
    Look {
        behind: bool,
        negated: bool,
        body: Box<Node>,
    },
    BackRef {
        groups: Vec<u32>,
        icase: bool,
    },
    NamedBackRef {
        name: Vec<u16>,
        icase: bool,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    /// `captures` are the group numbers inside `body` (reset at each iteration).
    Repeat {
        body: Box<Node>,
        min: u32,
        max: u32,
        greedy: bool,
        captures: (u32, u32),
    },
}

#[derive(Clone, Copy)]
struct Mods {
    icase: bool,
    multiline: bool,
    dot_all: bool,
}

pub(crate) struct Parsed {
    pub node: Node,
    pub capture_count: u32,
    pub names: Vec<GroupName>,
}

/// A class operand in /v mode: single characters as ranges plus the strings of other lengths.
#[derive(Default, Clone)]
struct ClassSet {
    ranges: Ranges,
    strings: Vec<Vec<u32>>,
}

enum ClassAtom {
    Char(u32),
    Set(Ranges),
}

struct Parser {
    src: Vec<u32>,
    /// Offsets of `src` elements in the original UTF-16 pattern (for error positions).
    offsets: Vec<usize>,
    pos: usize,
    unicode: bool,
    vmode: bool,
    mods: Mods,
    total_groups: u32,
    has_named: bool,
    ncap: u32,
    names: Vec<GroupName>,
    /// For each named group: its name index and the (disjunction, alternative) path leading to it.
    name_paths: Vec<(usize, Vec<(u32, u32)>)>,
    alt_path: Vec<(u32, u32)>,
    next_disjunction: u32,
    named_refs: Vec<(Vec<u16>, usize)>,
}

pub(crate) fn parse(pattern: &[u16], flags: Flags) -> Result<Parsed, Error> {
    let unicode = flags.unicode || flags.unicode_sets;
    let (mut src, mut offsets) = (Vec::with_capacity(pattern.len()), Vec::new());
    let mut i = 0;
    while let Some(&u) = pattern.get(i) {
        offsets.push(i);
        let lo = pattern.get(i + 1).copied().unwrap_or(0);
        if unicode && is_high(u.into()) && is_low(lo.into()) {
            src.push(combine(u.into(), lo.into()));
            i += 2;
        } else {
            src.push(u.into());
            i += 1;
        }
    }
    offsets.push(pattern.len());
    let (total_groups, has_named) = prescan(&src, flags.unicode_sets);
    let mut p = Parser {
        src,
        offsets,
        pos: 0,
        unicode,
        vmode: flags.unicode_sets,
        mods: Mods {
            icase: flags.ignore_case,
            multiline: flags.multiline,
            dot_all: flags.dot_all,
        },
        total_groups,
        // `\k<name>` syntax is required with named groups, and always with /u or /v.
        has_named: has_named || unicode,
        ncap: 0,
        names: Vec::new(),
        name_paths: Vec::new(),
        alt_path: Vec::new(),
        next_disjunction: 0,
        named_refs: Vec::new(),
    };
    let node = p.disjunction(0)?;
    if p.pos < p.src.len() {
        return Err(p.err(if p.peek() == Some(')' as u32) {
            "unmatched ')'"
        } else {
            "unexpected character"
        }));
    }
    for (name, at) in core::mem::take(&mut p.named_refs) {
        if !p.names.iter().any(|g| g.name == name) {
            return Err(Error {
                message: "group name not defined",
                offset: at,
            });
        }
    }
    if p.ncap >= crate::MAX_CAPTURES {
        return Err(Error {
            message: "too many capture groups",
            offset: 0,
        });
    }
    Ok(Parsed {
        node,
        capture_count: p.ncap,
        names: p.names,
    })
}

/// Counts capture groups and notes whether any is named, before parsing (a back reference may
/// name a later group, and `\k` means different things with and without named groups).
fn prescan(src: &[u32], vmode: bool) -> (u32, bool) {
    let (mut i, mut class_depth, mut count, mut named) = (0, 0u32, 0u32, false);
    while let Some(&c) = src.get(i) {
        match char::from_u32(c) {
            Some('\\') => i += 1,
            Some('[') if class_depth == 0 || vmode => class_depth += 1,
            Some(']') if class_depth > 0 => class_depth -= 1,
            Some('(') if class_depth == 0 => {
                if src.get(i + 1) != Some(&('?' as u32)) {
                    count += 1;
                } else if src.get(i + 2) == Some(&('<' as u32))
                    && !matches!(src.get(i + 3).copied(), Some(0x3D | 0x21))
                {
                    count += 1;
                    named = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (count, named)
}

fn is_high(c: u32) -> bool {
    (0xD800..0xDC00).contains(&c)
}
fn is_low(c: u32) -> bool {
    (0xDC00..0xE000).contains(&c)
}
fn combine(hi: u32, lo: u32) -> u32 {
    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
}
fn hex(c: u32) -> Option<u32> {
    char::from_u32(c)?.to_digit(16)
}
fn is_syntax_char(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some('^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|')
    )
}

fn push_utf16(out: &mut Vec<u16>, c: u32) {
    if c >= 0x10000 {
        let c = c - 0x10000;
        out.push(0xD800 | (c >> 10) as u16);
        out.push(0xDC00 | (c & 0x3FF) as u16);
    } else {
        out.push(c as u16);
    }
}

impl Parser {
    fn err(&self, message: &'static str) -> Error {
        let offset = self.offsets.get(self.pos).copied().unwrap_or(0);
        Error { message, offset }
    }
    fn peek(&self) -> Option<u32> {
        self.src.get(self.pos).copied()
    }
    fn peek_at(&self, k: usize) -> Option<u32> {
        self.src.get(self.pos + k).copied()
    }
    fn is(&self, c: char) -> bool {
        self.peek() == Some(c as u32)
    }
    fn looking_at(&self, s: &[u8]) -> bool {
        s.iter()
            .enumerate()
            .all(|(k, &c)| self.peek_at(k) == Some(c.into()))
    }
    fn eat(&mut self, c: char) -> bool {
        let yes = self.is(c);
        if yes {
            self.pos += 1;
        }
        yes
    }
    fn eat_str(&mut self, s: &[u8]) -> bool {
        let yes = self.looking_at(s);
        if yes {
            self.pos += s.len();
        }
        yes
    }
    fn max_char(&self) -> u32 {
        if self.unicode {
            MAX_UNICODE
        } else {
            0xFFFF
        }
    }

    fn disjunction(&mut self, depth: u32) -> Result<Node, Error> {
        if depth > MAX_DEPTH {
            return Err(self.err("regular expression too deeply nested"));
        }
        let id = self.next_disjunction;
        self.next_disjunction += 1;
        let mut alts = Vec::new();
        loop {
            self.alt_path.push((id, alts.len() as u32));
            let alt = self.alternative(depth);
            self.alt_path.pop();
            alts.push(alt?);
            if !self.eat('|') {
                break;
            }
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn alternative(&mut self, depth: u32) -> Result<Node, Error> {
        let mut terms = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' as u32 || c == ')' as u32 {
                break;
            }
            self.term(depth, &mut terms)?;
        }
        Ok(match terms.len() {
            0 => Node::Empty,
            1 => terms.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(terms),
        })
    }

    fn term(&mut self, depth: u32, out: &mut Vec<Node>) -> Result<(), Error> {
        let first_cap = self.ncap;
        let m = self.mods;
        // Assertions, which take no quantifier (lookaheads do, in Annex B).
        let assertion = if self.eat('^') {
            Some(Node::LineStart {
                multiline: m.multiline,
            })
        } else if self.eat('$') {
            Some(Node::LineEnd {
                multiline: m.multiline,
            })
        } else if self.looking_at(b"\\b") || self.looking_at(b"\\B") {
            let negated = self.peek_at(1) == Some('B' as u32);
            self.pos += 2;
            Some(Node::WordBoundary {
                negated,
                unicode_icase: self.unicode && m.icase,
            })
        } else if self.looking_at(b"(?<=") || self.looking_at(b"(?<!") {
            let negated = self.peek_at(3) == Some('!' as u32);
            self.pos += 4;
            let body = self.disjunction(depth + 1)?;
            if !self.eat(')') {
                return Err(self.err("missing ')'"));
            }
            Some(Node::Look {
                behind: true,
                negated,
                body: Box::new(body),
            })
        } else {
            None
        };
        if let Some(a) = assertion {
            if self.quantifier()?.is_some() {
                return Err(self.err("nothing to repeat"));
            }
            out.push(a);
            return Ok(());
        }
        let atom = if self.looking_at(b"(?=") || self.looking_at(b"(?!") {
            let negated = self.peek_at(2) == Some('!' as u32);
            self.pos += 3;
            let body = self.disjunction(depth + 1)?;
            if !self.eat(')') {
                return Err(self.err("missing ')'"));
            }
            let look = Node::Look {
                behind: false,
                negated,
                body: Box::new(body),
            };
            if self.unicode {
                if self.quantifier()?.is_some() {
                    return Err(self.err("nothing to repeat"));
                }
                out.push(look);
                return Ok(());
            }
            look
        } else {
            self.atom(depth)?
        };
        match self.quantifier()? {
            None => out.push(atom),
            Some((min, max, greedy)) => out.push(Node::Repeat {
                body: Box::new(atom),
                min,
                max,
                greedy,
                captures: (first_cap + 1, self.ncap + 1),
            }),
        }
        Ok(())
    }

    /// `{n}`, `{n,}`, `{n,m}` at the current position, or None (position unchanged).
    fn braced(&mut self) -> Result<Option<(u32, u32)>, Error> {
        let save = self.pos;
        if !self.eat('{') {
            return Ok(None);
        }
        let Some(min) = self.decimal() else {
            self.pos = save;
            return Ok(None);
        };
        let max = if self.eat(',') {
            if self.is('}') {
                u32::MAX
            } else if let Some(m) = self.decimal() {
                m
            } else {
                self.pos = save;
                return Ok(None);
            }
        } else {
            min
        };
        if !self.eat('}') {
            self.pos = save;
            return Ok(None);
        }
        if min > max {
            return Err(self.err("numbers out of order in {} quantifier"));
        }
        Ok(Some((min, max)))
    }

    fn decimal(&mut self) -> Option<u32> {
        let mut v: Option<u32> = None;
        while let Some(d) = self.peek().and_then(|c| char::from_u32(c)?.to_digit(10)) {
            self.pos += 1;
            v = Some(v.unwrap_or(0).saturating_mul(10).saturating_add(d));
        }
        v
    }

    fn quantifier(&mut self) -> Result<Option<(u32, u32, bool)>, Error> {
        let (min, max) = if self.eat('*') {
            (0, u32::MAX)
        } else if self.eat('+') {
            (1, u32::MAX)
        } else if self.eat('?') {
            (0, 1)
        } else if self.is('{') {
            match self.braced()? {
                Some(q) => q,
                None if self.unicode => return Err(self.err("incomplete quantifier")),
                None => return Ok(None),
            }
        } else {
            return Ok(None);
        };
        let greedy = !self.eat('?');
        Ok(Some((min, max, greedy)))
    }

    fn char_node(&self, c: u32) -> Node {
        if self.mods.icase {
            let mut r = alloc::vec![(c, c)];
            class::close_over_case(&mut r, self.unicode);
            if r.len() > 1 || r.first() != Some(&(c, c)) {
                return Node::Set(r);
            }
        }
        Node::Char(c)
    }

    fn atom(&mut self, depth: u32) -> Result<Node, Error> {
        let Some(c) = self.peek() else {
            return Err(self.err("unexpected end"));
        };
        match char::from_u32(c) {
            Some('.') => {
                self.pos += 1;
                let all = alloc::vec![(0, self.max_char())];
                Ok(Node::Set(if self.mods.dot_all {
                    all
                } else {
                    class::subtract(
                        &all,
                        &alloc::vec![(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)],
                    )
                }))
            }
            Some('(') => self.group(depth),
            Some('[') => {
                self.pos += 1;
                if self.vmode {
                    let negated = self.eat('^');
                    let (mut set, may_strings) = self.class_v_contents(depth)?;
                    if negated {
                        if may_strings {
                            return Err(self.err("negated character class may contain strings"));
                        }
                        set.ranges = class::complement(&set.ranges, MAX_UNICODE);
                        set.strings.clear();
                    }
                    Ok(self.set_node(set))
                } else {
                    self.class_ranges().map(Node::Set)
                }
            }
            Some('\\') => {
                self.pos += 1;
                self.atom_escape()
            }
            Some('*' | '+' | '?') => Err(self.err("nothing to repeat")),
            Some('{') => {
                if self.unicode {
                    return Err(self.err("nothing to repeat"));
                }
                let save = self.pos;
                if self.braced()?.is_some() {
                    self.pos = save;
                    return Err(self.err("nothing to repeat"));
                }
                self.pos += 1;
                Ok(self.char_node(c))
            }
            Some('}' | ']') if self.unicode => Err(self.err("lone quantifier brackets")),
            _ => {
                self.pos += 1;
                Ok(self.char_node(c))
            }
        }
    }

    fn group(&mut self, depth: u32) -> Result<Node, Error> {
        self.pos += 1; // (
        let saved = self.mods;
        let mut index = None;
        if self.eat('?') {
            if self.eat('<') {
                let name = self.group_name()?;
                self.ncap += 1;
                index = Some(self.ncap);
                self.add_name(name)?;
            } else if !self.eat(':') {
                self.modifiers()?;
            }
        } else {
            self.ncap += 1;
            index = Some(self.ncap);
        }
        let body = self.disjunction(depth + 1);
        self.mods = saved;
        let body = body?;
        if !self.eat(')') {
            return Err(self.err("missing ')'"));
        }
        Ok(Node::Group {
            body: Box::new(body),
            index,
        })
    }

    /// `(?ims-ims:`, after the `(?`.
    fn modifiers(&mut self) -> Result<(), Error> {
        let mut seen = [false; 3];
        let mut removing = false;
        let (mut added, mut removed) = (0, 0);
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err("invalid group"));
            };
            self.pos += 1;
            let k = match char::from_u32(c) {
                Some('i') => 0,
                Some('m') => 1,
                Some('s') => 2,
                Some('-') if !removing => {
                    removing = true;
                    continue;
                }
                Some(':') if !removing || added + removed > 0 => return Ok(()),
                _ => return Err(self.err("invalid group")),
            };
            if core::mem::replace(&mut seen[k], true) {
                return Err(self.err("repeated flag in modifiers"));
            }
            let on = !removing;
            match k {
                0 => self.mods.icase = on,
                1 => self.mods.multiline = on,
                _ => self.mods.dot_all = on,
            }
            if removing {
                removed += 1;
            } else {
                added += 1;
            }
        }
    }

    /// `name>` after `<`: RegExpIdentifierName, whose escapes always use the Unicode forms.
    fn group_name(&mut self) -> Result<Vec<u16>, Error> {
        let mut name = Vec::new();
        loop {
            let Some(mut c) = self.peek() else {
                return Err(self.err("invalid group name"));
            };
            self.pos += 1;
            if c == '>' as u32 && !name.is_empty() {
                return Ok(name);
            }
            if c == '\\' as u32 {
                if !self.eat('u') {
                    return Err(self.err("invalid group name"));
                }
                c = self
                    .unicode_escape(true)
                    .ok_or_else(|| self.err("invalid unicode escape in group name"))?;
            } else if is_high(c) {
                if let Some(lo) = self.peek().filter(|&l| is_low(l)) {
                    self.pos += 1;
                    c = combine(c, lo);
                }
            }
            // IdentifierStartChar adds `$` and `_`; IdentifierPartChar adds `$`, ZWNJ and ZWJ.
            let ok = c == '$' as u32
                || c == '_' as u32
                || if name.is_empty() {
                    uni::is_id_start(c)
                } else {
                    uni::is_id_continue(c) || c == 0x200C || c == 0x200D
                };
            if !ok {
                return Err(self.err("invalid group name"));
            }
            push_utf16(&mut name, c);
        }
    }

    fn add_name(&mut self, name: Vec<u16>) -> Result<(), Error> {
        let path = self.alt_path.clone();
        match self.names.iter().position(|g| g.name == name) {
            Some(k) => {
                for (_, other_path) in self.name_paths.iter().filter(|(n, _)| *n == k) {
                    let disjoint = path
                        .iter()
                        .zip(other_path.iter())
                        .find(|(a, b)| a != b)
                        .is_some_and(|(a, b)| a.0 == b.0);
                    if !disjoint {
                        return Err(self.err("duplicate group name"));
                    }
                }
                if let Some(g) = self.names.get_mut(k) {
                    g.groups.push(self.ncap);
                }
                self.name_paths.push((k, path));
            }
            None => {
                self.name_paths.push((self.names.len(), path));
                self.names.push(GroupName {
                    name,
                    groups: alloc::vec![self.ncap],
                });
            }
        }
        Ok(())
    }

    /// After `\u`: `XXXX`, a `\uXXXX\uXXXX` surrogate pair or (Unicode forms) `{X...}`.
    fn unicode_escape(&mut self, unicode: bool) -> Option<u32> {
        let save = self.pos;
        if unicode && self.eat('{') {
            let mut v: u32 = 0;
            let mut n = 0;
            while let Some(d) = self.peek().and_then(hex) {
                self.pos += 1;
                v = v.saturating_mul(16).saturating_add(d);
                n += 1;
            }
            if n == 0 || v > MAX_UNICODE || !self.eat('}') {
                self.pos = save;
                return None;
            }
            return Some(v);
        }
        let v = self.hex4()?;
        if unicode && is_high(v) && self.looking_at(b"\\u") {
            let back = self.pos;
            self.pos += 2;
            match self.hex4() {
                Some(lo) if is_low(lo) => return Some(combine(v, lo)),
                _ => self.pos = back,
            }
        }
        Some(v)
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut v = 0;
        for k in 0..4 {
            v = v * 16 + self.peek_at(k).and_then(hex)?;
        }
        self.pos += 4;
        Some(v)
    }

    /// After `\` outside a class.
    fn atom_escape(&mut self) -> Result<Node, Error> {
        let Some(c) = self.peek() else {
            return Err(self.err("\\ at end of pattern"));
        };
        let icase = self.mods.icase;
        match char::from_u32(c) {
            Some('1'..='9') => {
                let save = self.pos;
                let n = self.decimal().unwrap_or(0);
                if n <= self.total_groups {
                    return Ok(Node::BackRef {
                        groups: alloc::vec![n],
                        icase,
                    });
                }
                if self.unicode {
                    return Err(self.err("back reference out of range"));
                }
                self.pos = save;
                if c >= '8' as u32 {
                    self.pos += 1;
                    return Ok(self.char_node(c));
                }
                let v = self.legacy_octal();
                Ok(self.char_node(v))
            }
            Some('k') if self.has_named => {
                self.pos += 1;
                let at = self.offsets.get(self.pos).copied().unwrap_or(0);
                if !self.eat('<') {
                    return Err(self.err("expecting group name"));
                }
                let name = self.group_name()?;
                self.named_refs.push((name.clone(), at));
                Ok(Node::NamedBackRef { name, icase })
            }
            _ => match self.class_escape_set(c)? {
                Some(set) => Ok(self.set_node(set)),
                None => {
                    let v = self.char_escape(false)?;
                    Ok(self.char_node(v))
                }
            },
        }
    }

    fn legacy_octal(&mut self) -> u32 {
        let mut v = 0;
        let first = self.peek().unwrap_or(0);
        let max_digits = if first <= '3' as u32 { 3 } else { 2 };
        for _ in 0..max_digits {
            match self.peek().and_then(|c| char::from_u32(c)?.to_digit(8)) {
                Some(d) => {
                    v = v * 8 + d;
                    self.pos += 1;
                }
                None => break,
            }
        }
        v
    }

    /// `\d \D \s \S \w \W \p{..} \P{..}` at `c` (after the `\`), as a set, or None.
    fn class_escape_set(&mut self, c: u32) -> Result<Option<ClassSet>, Error> {
        let ui = self.unicode && self.mods.icase;
        let (base, negate) = match char::from_u32(c) {
            Some('d') => (class::digits(), false),
            Some('D') => (class::digits(), true),
            Some('s') => (class::space(), false),
            Some('S') => (class::space(), true),
            Some('w') => (class::word(ui), false),
            Some('W') => (class::word(ui), true),
            Some('p' | 'P') if self.unicode => {
                self.pos += 1;
                return self.property(c == 'P' as u32).map(Some);
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        Ok(Some(ClassSet {
            ranges: self.finish_set(base, negate),
            strings: Vec::new(),
        }))
    }

    /// Applies a class escape's negation and the case closure in the order the spec's set
    /// semantics give: /v folds before complementing, the other modes after.
    fn finish_set(&self, mut set: Ranges, negate: bool) -> Ranges {
        if self.vmode {
            if self.mods.icase {
                class::close_over_case(&mut set, true);
            }
            if negate {
                set = class::complement(&set, MAX_UNICODE);
            }
        } else {
            if negate {
                set = class::complement(&set, self.max_char());
            }
            if self.mods.icase {
                class::close_over_case(&mut set, self.unicode);
            }
        }
        set
    }

    /// `{Name}` or `{Name=Value}` after `\p` / `\P`.
    fn property(&mut self, negated: bool) -> Result<ClassSet, Error> {
        if !self.eat('{') {
            return Err(self.err("invalid property name"));
        }
        let mut name = alloc::string::String::new();
        let mut value = alloc::string::String::new();
        let mut has_value = false;
        loop {
            let Some(c) = self.peek().and_then(char::from_u32) else {
                return Err(self.err("invalid property name"));
            };
            self.pos += 1;
            match c {
                '}' => break,
                '=' if !has_value => has_value = true,
                c if c.is_ascii_alphanumeric() || c == '_' => {
                    if has_value {
                        value.push(c)
                    } else {
                        name.push(c)
                    }
                }
                _ => return Err(self.err("invalid property name")),
            }
        }
        if has_value {
            let ranges = uni::property_value(&name, &value)
                .ok_or_else(|| self.err("invalid property name"))?;
            return Ok(ClassSet {
                ranges: self.finish_set(ranges, negated),
                strings: Vec::new(),
            });
        }
        if let Some(ranges) = uni::lone_property(&name) {
            return Ok(ClassSet {
                ranges: self.finish_set(ranges, negated),
                strings: Vec::new(),
            });
        }
        if self.vmode {
            if let Some((ranges, strings)) = uni::string_property(&name) {
                if negated {
                    return Err(self.err("negated property of strings"));
                }
                let ranges = self.finish_set(ranges, false);
                return Ok(ClassSet { ranges, strings });
            }
        }
        Err(self.err("invalid property name"))
    }

    /// A CharacterEscape after `\` (at the escape letter). In a class, Annex B also allows
    /// `\c` with a digit or `_`.
    fn char_escape(&mut self, in_class: bool) -> Result<u32, Error> {
        let Some(c) = self.peek() else {
            return Err(self.err("\\ at end of pattern"));
        };
        self.pos += 1;
        let v = match char::from_u32(c) {
            Some('f') => 0x0C,
            Some('n') => 0x0A,
            Some('r') => 0x0D,
            Some('t') => 0x09,
            Some('v') => 0x0B,
            Some('c') => {
                let next = self.peek().and_then(char::from_u32);
                match next {
                    Some(l) if l.is_ascii_alphabetic() => {
                        self.pos += 1;
                        l as u32 % 32
                    }
                    Some(l) if in_class && !self.unicode && (l.is_ascii_digit() || l == '_') => {
                        self.pos += 1;
                        l as u32 % 32
                    }
                    _ if self.unicode => return Err(self.err("invalid escape")),
                    _ => {
                        // Annex B: the backslash stands for itself and `c` is read again.
                        self.pos -= 1;
                        '\\' as u32
                    }
                }
            }
            Some('0') if !self.peek().is_some_and(|d| (0x30..=0x39).contains(&d)) => 0,
            Some('0'..='9') if self.unicode => return Err(self.err("invalid decimal escape")),
            Some('0'..='7') => {
                self.pos -= 1;
                self.legacy_octal()
            }
            Some('x') => match (self.peek().and_then(hex), self.peek_at(1).and_then(hex)) {
                (Some(a), Some(b)) => {
                    self.pos += 2;
                    a * 16 + b
                }
                _ if self.unicode => return Err(self.err("invalid escape")),
                _ => c,
            },
            Some('u') => match self.unicode_escape(self.unicode) {
                Some(v) => v,
                None if self.unicode => return Err(self.err("invalid unicode escape")),
                None => c,
            },
            _ if self.unicode => {
                if is_syntax_char(c) || c == '/' as u32 || (in_class && c == '-' as u32) {
                    c
                } else {
                    return Err(self.err("invalid escape"));
                }
            }
            Some('k') if self.has_named => return Err(self.err("invalid escape")),
            _ => c,
        };
        Ok(v)
    }

    fn class_atom(&mut self) -> Result<ClassAtom, Error> {
        let Some(c) = self.peek() else {
            return Err(self.err("unterminated character class"));
        };
        self.pos += 1;
        if c != '\\' as u32 {
            return Ok(ClassAtom::Char(c));
        }
        let Some(e) = self.peek() else {
            return Err(self.err("\\ at end of pattern"));
        };
        if e == 'b' as u32 {
            self.pos += 1;
            return Ok(ClassAtom::Char(8));
        }
        if let Some(set) = self.class_escape_set(e)? {
            return Ok(ClassAtom::Set(set.ranges));
        }
        if !self.unicode && (e == '8' as u32 || e == '9' as u32) {
            self.pos += 1;
            return Ok(ClassAtom::Char(e));
        }
        self.char_escape(true).map(ClassAtom::Char)
    }

    fn add_atom(&self, set: &mut Ranges, a: ClassAtom) {
        match a {
            ClassAtom::Char(c) => set.push((c, c)),
            ClassAtom::Set(r) => set.extend(r),
        }
    }

    /// `[...]` without /v (after the `[`): ranges, with case closure and negation applied.
    fn class_ranges(&mut self) -> Result<Ranges, Error> {
        let negated = self.eat('^');
        let mut set = Ranges::new();
        let mut plain = Ranges::new();
        loop {
            if self.eat(']') {
                break;
            }
            let a = self.class_atom()?;
            if self.is('-') && self.peek_at(1).is_some_and(|c| c != ']' as u32) {
                self.pos += 1;
                let b = self.class_atom()?;
                match (a, b) {
                    (ClassAtom::Char(x), ClassAtom::Char(y)) => {
                        if x > y {
                            return Err(self.err("range out of order in character class"));
                        }
                        plain.push((x, y));
                    }
                    (a, b) => {
                        if self.unicode {
                            return Err(self.err("invalid character class range"));
                        }
                        self.add_atom(&mut plain, a);
                        plain.push(('-' as u32, '-' as u32));
                        self.add_atom(&mut plain, b);
                    }
                }
            } else {
                match a {
                    ClassAtom::Char(c) => plain.push((c, c)),
                    ClassAtom::Set(r) => set.extend(r),
                }
            }
        }
        // Class escapes arrive closed already; the characters are closed here.
        class::normalize(&mut plain);
        if self.mods.icase {
            class::close_over_case(&mut plain, self.unicode);
        }
        set.extend(plain);
        class::normalize(&mut set);
        if negated {
            set = class::complement(&set, self.max_char());
        }
        Ok(set)
    }

    fn set_node(&self, set: ClassSet) -> Node {
        if set.strings.is_empty() {
            return Node::Set(set.ranges);
        }
        let mut strings = set.strings;
        // Longest first (strings of equal length cannot both match at one place, so their
        // order does not matter).
        class::heap_sort(&mut strings, |a, b| a.len() > b.len());
        let mut alts = Vec::new();
        let mut has_empty = false;
        for s in strings {
            if s.is_empty() {
                has_empty = true;
                continue;
            }
            alts.push(Node::Concat(
                s.into_iter().map(|c| self.char_node(c)).collect(),
            ));
        }
        if !set.ranges.is_empty() {
            alts.push(Node::Set(set.ranges));
        }
        if has_empty {
            alts.push(Node::Empty);
        }
        Node::Group {
            body: Box::new(Node::Alt(alts)),
            index: None,
        }
    }

    fn fold_set(&self, set: &mut ClassSet) {
        if self.mods.icase {
            class::close_over_case(&mut set.ranges, true);
        }
    }

    /// The contents of a /v class after `[` and `^`, through the closing `]`.
    fn class_v_contents(&mut self, depth: u32) -> Result<(ClassSet, bool), Error> {
        if depth > MAX_DEPTH {
            return Err(self.err("regular expression too deeply nested"));
        }
        if self.eat(']') {
            return Ok((ClassSet::default(), false));
        }
        let (first, first_may, first_char) = self.class_v_operand(depth)?;
        if self.looking_at(b"&&") || self.looking_at(b"--") {
            let intersect = self.looking_at(b"&&");
            let op: &[u8] = if intersect { b"&&" } else { b"--" };
            let (mut acc, mut may) = (first, first_may);
            while self.eat_str(op) {
                if intersect && self.is('&') {
                    return Err(self.err("invalid set operation in character class"));
                }
                let (rhs, rhs_may, _) = self.class_v_operand(depth)?;
                if intersect {
                    acc.ranges = class::intersect(&acc.ranges, &rhs.ranges);
                    acc.strings.retain(|s| rhs.strings.contains(s));
                    may = may && rhs_may;
                } else {
                    acc.ranges = class::subtract(&acc.ranges, &rhs.ranges);
                    acc.strings.retain(|s| !rhs.strings.contains(s));
                }
            }
            if !self.eat(']') {
                return Err(self.err("invalid set operation in character class"));
            }
            return Ok((acc, may));
        }
        let mut acc = ClassSet::default();
        let mut may = false;
        let mut item = Some((first, first_may, first_char));
        loop {
            let (set, m, ch) = match item.take() {
                Some(i) => i,
                None => {
                    if self.eat(']') {
                        break;
                    }
                    if self.looking_at(b"&&") || self.looking_at(b"--") {
                        return Err(self.err("invalid set operation in character class"));
                    }
                    self.class_v_operand(depth)?
                }
            };
            if let (Some(lo), true) = (ch, self.is('-') && !self.looking_at(b"--")) {
                self.pos += 1;
                let (_, _, hi) = self.class_v_operand(depth)?;
                let Some(hi) = hi else {
                    return Err(self.err("invalid character class range"));
                };
                if lo > hi {
                    return Err(self.err("range out of order in character class"));
                }
                let mut r = alloc::vec![(lo, hi)];
                if self.mods.icase {
                    class::close_over_case(&mut r, true);
                }
                acc.ranges.extend(r);
                continue;
            }
            may |= m;
            acc.ranges.extend(set.ranges);
            for s in set.strings {
                if !acc.strings.contains(&s) {
                    acc.strings.push(s);
                }
            }
        }
        class::normalize(&mut acc.ranges);
        Ok((acc, may))
    }

    /// One ClassSetOperand: nested class, `\q{..}`, class escape or single character (returned
    /// also as the third value, for ranges).
    fn class_v_operand(&mut self, depth: u32) -> Result<(ClassSet, bool, Option<u32>), Error> {
        let Some(c) = self.peek() else {
            return Err(self.err("unterminated character class"));
        };
        if c == '[' as u32 {
            self.pos += 1;
            let negated = self.eat('^');
            let (mut set, may) = self.class_v_contents(depth + 1)?;
            if negated {
                if may {
                    return Err(self.err("negated character class may contain strings"));
                }
                set.ranges = class::complement(&set.ranges, MAX_UNICODE);
                set.strings.clear();
            }
            return Ok((set, may && !negated, None));
        }
        if c == '\\' as u32 {
            let Some(e) = self.peek_at(1) else {
                return Err(self.err("\\ at end of pattern"));
            };
            if e == 'q' as u32 {
                self.pos += 2;
                if !self.eat('{') {
                    return Err(self.err("invalid escape"));
                }
                return self.class_strings();
            }
            self.pos += 1;
            if let Some(set) = self.class_escape_set(e)? {
                let may = !set.strings.is_empty();
                return Ok((set, may, None));
            }
            let ch = self.class_set_escape()?;
            return Ok((self.single(ch), false, Some(ch)));
        }
        let ch = self.class_set_char()?;
        Ok((self.single(ch), false, Some(ch)))
    }

    fn single(&self, c: u32) -> ClassSet {
        let mut s = ClassSet {
            ranges: alloc::vec![(c, c)],
            strings: Vec::new(),
        };
        self.fold_set(&mut s);
        s
    }

    /// A ClassSetCharacter that is not an escape.
    fn class_set_char(&mut self) -> Result<u32, Error> {
        let Some(c) = self.peek() else {
            return Err(self.err("unterminated character class"));
        };
        let syntax = matches!(
            char::from_u32(c),
            Some('(' | ')' | '[' | ']' | '{' | '}' | '/' | '-' | '\\' | '|')
        );
        let double = matches!(
            char::from_u32(c),
            Some(
                '&' | '!'
                    | '#'
                    | '$'
                    | '%'
                    | '*'
                    | '+'
                    | ','
                    | '.'
                    | ':'
                    | ';'
                    | '<'
                    | '='
                    | '>'
                    | '?'
                    | '@'
                    | '^'
                    | '`'
                    | '~'
            )
        ) && self.peek_at(1) == Some(c);
        if syntax || double {
            return Err(self.err("invalid character in character class"));
        }
        self.pos += 1;
        Ok(c)
    }

    /// After `\` in a /v class, at the escape letter: a character.
    fn class_set_escape(&mut self) -> Result<u32, Error> {
        let Some(e) = self.peek() else {
            return Err(self.err("\\ at end of pattern"));
        };
        if e == 'b' as u32 {
            self.pos += 1;
            return Ok(8);
        }
        if matches!(
            char::from_u32(e),
            Some('&' | '-' | '!' | '#' | '%' | ',' | ':' | ';' | '<' | '=' | '>' | '@' | '`' | '~')
        ) {
            self.pos += 1;
            return Ok(e);
        }
        self.char_escape(true)
    }

    /// `\q{abc|d|}` contents after the `{`.
    fn class_strings(&mut self) -> Result<(ClassSet, bool, Option<u32>), Error> {
        let mut set = ClassSet::default();
        let mut may = false;
        let mut cur: Vec<u32> = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err("unterminated class string"));
            };
            if c == '}' as u32 || c == '|' as u32 {
                self.pos += 1;
                let s = core::mem::take(&mut cur);
                if let [only] = s[..] {
                    let one = self.single(only);
                    set.ranges.extend(one.ranges);
                } else {
                    may = true;
                    if !set.strings.contains(&s) {
                        set.strings.push(s);
                    }
                }
                if c == '}' as u32 {
                    break;
                }
                continue;
            }
            let ch = if c == '\\' as u32 {
                self.pos += 1;
                self.class_set_escape()?
            } else {
                self.class_set_char()?
            };
            cur.push(ch);
        }
        class::normalize(&mut set.ranges);
        Ok((set, may, None))
    }
}
