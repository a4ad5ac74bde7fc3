//! RegExp, RegExp.prototype and %RegExpStringIteratorPrototype% (ECMA-262 22.2), over the
//! `qjs-regexp` engine. Registered by `add_regexp` (QuickJS's `JS_AddIntrinsicRegExp`), which
//! also installs the runtime's RegExpCreate hook used by literals and the String methods.
use super::iterator::iter_result;
use super::util::length_of;
use crate::atom::{names, Atom};
use crate::function::{is_native, Args, LoadedProgram};
use crate::object::{Obj, ObjectKind, Slot};
use crate::property::own_slot;
use crate::runtime::{ErrorType, JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC, WEC, WRITABLE};
use crate::string::{JsString, StringBuilder};
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec::Vec;
use qjs_regexp::{ExecError, Flags, Regex};

/// The internal slots of a RegExp object.
pub struct RegExpData {
    pub regex: Rc<Regex>,
    pub source: JsString,
    pub flags: JsString,
    /// [[LegacyFeaturesEnabled]]: made by %RegExp% itself, not a subclass (Annex B legacy
    /// static properties, RegExp.prototype.compile).
    pub legacy: bool,
}

/// The state of a RegExp String Iterator (22.2.9.1).
pub struct RegExpIterState {
    pub rx: Value,
    pub s: JsString,
    pub global: bool,
    pub unicode: bool,
    pub done: bool,
}

/// Recently compiled (source, flags) pairs.
#[derive(Default)]
pub struct Cache {
    entries: Vec<(JsString, JsString, Rc<Regex>)>,
    next: usize,
}

const CACHE_SIZE: usize = 16;

impl Cache {
    fn get(&self, source: &JsString, flags: &JsString) -> Option<Rc<Regex>> {
        self.entries
            .iter()
            .find(|(s, f, _)| s == source && f == flags)
            .map(|(_, _, r)| r.clone())
    }
    fn put(&mut self, source: JsString, flags: JsString, r: Rc<Regex>) {
        if self.entries.len() < CACHE_SIZE {
            self.entries.push((source, flags, r));
        } else if let Some(e) = self.entries.get_mut(self.next) {
            *e = (source, flags, r);
            self.next = (self.next + 1) % CACHE_SIZE;
        }
    }
}

fn regexp_data(o: &Value) -> Option<(Rc<Regex>, JsString, JsString)> {
    let obj = o.as_object()?;
    let b = obj.borrow();
    match &b.kind {
        ObjectKind::RegExp(d) => Some((d.regex.clone(), d.source.clone(), d.flags.clone())),
        _ => None,
    }
}

pub fn is_regexp_object(o: &Value) -> bool {
    o.as_object()
        .is_some_and(|obj| matches!(obj.borrow().kind, ObjectKind::RegExp(_)))
}

use super::string::is_regexp;

fn syntax_error(rt: &mut Runtime, msg: &str) -> crate::runtime::Exc {
    rt.throw_error(ErrorType::SyntaxError, msg)
}

/// The compiled form of `source` with `flags`: `template`'s program when that is `source`
/// compiled with flags that differ only where the program does not, else from the cache or the
/// pattern compiler.
fn compile(
    rt: &mut Runtime,
    source: &JsString,
    flags: &JsString,
    template: Option<Rc<Regex>>,
) -> JsResult<Rc<Regex>> {
    let Some(f) = Flags::parse(flags.units().map(u32::from)) else {
        let msg = crate::text!(
            "Invalid regular expression flags '",
            flags.to_rust_string(),
            "'"
        );
        return Err(syntax_error(rt, &msg));
    };
    if let Some(t) = template {
        if t.flags() == f {
            return Ok(t);
        }
        if let Some(r) = t.with_flags(f) {
            return Ok(Rc::new(r));
        }
    }
    if let Some(r) = rt.regexp_cache.get(source, flags) {
        return Ok(r);
    }
    let Some(compiler) = rt.regexp_compiler else {
        return Err(rt.type_error(
            "cannot compile a regular expression at run time: the pattern compiler is not \
             registered (JS_AddIntrinsicRegExpCompiler)",
        ));
    };
    match compiler(&source.to_utf16(), f) {
        Ok(r) => {
            let r = Rc::new(r);
            rt.regexp_cache
                .put(source.clone(), flags.clone(), r.clone());
            Ok(r)
        }
        Err(e) => {
            let msg = crate::text!(
                "Invalid regular expression: /",
                source.to_rust_string(),
                "/",
                flags.to_rust_string(),
                ": ",
                e.message
            );
            Err(syntax_error(rt, &msg))
        }
    }
}

/// RegExpAlloc (22.2.3.2): an object with a writable, non-configurable `lastIndex`.
fn regexp_alloc(rt: &mut Runtime, new_target: &Value) -> JsResult<Obj> {
    let proto = rt.proto_from_ctor(new_target, |r| r.realm.regexp_proto.clone())?;
    Ok(regexp_object(rt, &proto))
}

fn regexp_object(rt: &mut Runtime, proto: &Obj) -> Obj {
    let o = rt.alloc_object(Some(proto), ObjectKind::Ordinary);
    rt.define_value(&o, names::lastIndex, Value::int(0), WRITABLE);
    o
}

/// RegExpInitialize (22.2.3.3); `template` is the regexp that `pattern` is the source of, if
/// any.
fn regexp_initialize(
    rt: &mut Runtime,
    o: &Obj,
    pattern: &Value,
    flags: &Value,
    legacy: bool,
    template: Option<Rc<Regex>>,
) -> JsResult<Value> {
    let p = if pattern.is_undefined() {
        JsString::empty()
    } else {
        rt.to_string(pattern)?
    };
    let f = if flags.is_undefined() {
        JsString::empty()
    } else {
        rt.to_string(flags)?
    };
    let regex = compile(rt, &p, &f, template)?;
    o.borrow_mut().kind = ObjectKind::RegExp(alloc::boxed::Box::new(RegExpData {
        regex,
        source: p,
        flags: f,
        legacy,
    }));
    let v = Value::object(o.clone());
    rt.put(&v, names::lastIndex, Value::int(0), true)?;
    Ok(v)
}

/// RegExpCreate (22.2.3.1): the hook behind the String methods.
fn regexp_create(rt: &mut Runtime, pattern: &Value, flags: &Value) -> JsResult<Value> {
    let ctor = rt
        .realm
        .regexp_ctor
        .clone()
        .map(Value::object)
        .unwrap_or_default();
    let o = regexp_alloc(rt, &ctor)?;
    regexp_initialize(rt, &o, pattern, flags, true, None)
}

/// A literal's compiled pattern, verified (`LoadedProgram::load` calls it).
fn decode_literal(program: &[u8], flags: &JsString) -> Option<Regex> {
    Regex::from_bytes(program, Flags::parse(flags.units().map(u32::from))?)
}

/// A regular expression literal's evaluation: RegExpCreate of its text, with the program the
/// compiler made of it. (%RegExp%.prototype cannot be changed, and the object is new, so
/// nothing here is observable.)
fn literal(rt: &mut Runtime, prog: &LoadedProgram, index: u32) -> JsResult<Value> {
    let Some(lit) = prog.regexps.get(index as usize) else {
        return Err(rt.throw_error(ErrorType::InternalError, "bad regexp literal"));
    };
    // None: the program was loaded before RegExp was registered.
    let Some(regex) = lit.regex.clone() else {
        return Err(rt.regexp_removed());
    };
    let (source, flags) = (lit.source.clone(), lit.flags.clone());
    let proto = rt.realm.regexp_proto.clone();
    let o = regexp_object(rt, &proto);
    o.borrow_mut().kind = ObjectKind::RegExp(alloc::boxed::Box::new(RegExpData {
        regex,
        source,
        flags,
        legacy: true,
    }));
    Ok(Value::object(o))
}

/// The RegExp constructor (22.2.4.1).
fn regexp_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let (pattern, flags) = (a.get(0), a.get(1));
    let pattern_is_regexp = is_regexp(rt, &pattern)?;
    let new_target = if a.is_construct() {
        a.new_target.clone()
    } else {
        let active = Value::object(a.callee.clone());
        if pattern_is_regexp && flags.is_undefined() {
            let c = rt.get(&pattern, names::constructor)?;
            if c.same_value(&active) {
                return Ok(pattern);
            }
        }
        active
    };
    let mut template = None;
    let (p, f) = if let Some((regex, source, oflags)) = regexp_data(&pattern) {
        template = Some(regex);
        (
            Value::string(source),
            if flags.is_undefined() {
                Value::string(oflags)
            } else {
                flags
            },
        )
    } else if pattern_is_regexp {
        let p = rt.get(&pattern, names::source)?;
        let f = if flags.is_undefined() {
            rt.get(&pattern, names::flags)?
        } else {
            flags
        };
        (p, f)
    } else {
        (pattern, flags)
    };
    let o = regexp_alloc(rt, &new_target)?;
    let legacy = new_target.as_object().is_some_and(|o| o.ptr_eq(a.callee));
    regexp_initialize(rt, &o, &p, &f, legacy, template)
}

/// RegExp.prototype.compile (B.2.4.1).
fn regexp_compile(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(o) = a
        .this
        .as_object()
        .filter(|_| is_regexp_object(a.this))
        .cloned()
    else {
        return Err(rt.type_error("RegExp.prototype.compile called on incompatible receiver"));
    };
    let legacy = matches!(&o.borrow().kind, ObjectKind::RegExp(d) if d.legacy);
    if !legacy {
        return Err(rt.type_error("RegExp.prototype.compile called on a RegExp subclass instance"));
    }
    let (pattern, flags) = (a.get(0), a.get(1));
    let (p, f, template) = match regexp_data(&pattern) {
        Some((regex, source, oflags)) => {
            if !flags.is_undefined() {
                return Err(rt.type_error("flags must be undefined when the pattern is a RegExp"));
            }
            (Value::string(source), Value::string(oflags), Some(regex))
        }
        None => (pattern, flags, None),
    };
    regexp_initialize(rt, &o, &p, &f, true, template)
}

fn species_getter(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(a.this.clone())
}

/// The flag characters in `flags` order, with their getter names.
const FLAG_GETTERS: [(char, &str, Atom); 8] = [
    ('d', "hasIndices", names::hasIndices),
    ('g', "global", names::global),
    ('i', "ignoreCase", names::ignoreCase),
    ('m', "multiline", names::multiline),
    ('s', "dotAll", names::dotAll),
    ('u', "unicode", names::unicode),
    ('v', "unicodeSets", names::unicodeSets),
    ('y', "sticky", names::sticky),
];

/// get RegExp.prototype.flags (22.2.6.4).
fn flags_getter(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error("RegExp.prototype.flags getter called on non-object"));
    }
    let mut b = StringBuilder::new();
    for (c, _, key) in FLAG_GETTERS {
        if rt.get(a.this, key)?.truthy() {
            b.push_unit(c as u16);
        }
    }
    Ok(Value::string(b.finish(rt)?))
}

/// get RegExp.prototype.global etc. (RegExpHasFlag, 22.2.6.4.1); magic indexes FLAG_GETTERS.
fn flag_getter(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let (c, name, _) = FLAG_GETTERS[a.magic as usize % FLAG_GETTERS.len()];
    if let Some((_, _, flags)) = regexp_data(a.this) {
        return Ok(Value::bool(flags.units().any(|u| u == c as u16)));
    }
    if a.this
        .as_object()
        .is_some_and(|o| Obj::ptr_eq(o, &rt.realm.regexp_proto))
    {
        return Ok(Value::UNDEFINED);
    }
    Err(rt.type_error(&crate::text!(
        "RegExp.prototype.",
        name,
        " getter called on incompatible receiver"
    )))
}

/// get RegExp.prototype.source (22.2.6.13) with EscapeRegExpPattern.
fn source_getter(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some((_, source, _)) = regexp_data(a.this) else {
        if a.this
            .as_object()
            .is_some_and(|o| Obj::ptr_eq(o, &rt.realm.regexp_proto))
        {
            return Ok(Value::str("(?:)"));
        }
        return Err(rt.type_error("RegExp.prototype.source getter called on incompatible receiver"));
    };
    if source.is_empty() {
        return Ok(Value::str("(?:)"));
    }
    let mut b = StringBuilder::new();
    let (mut in_class, mut escaped) = (false, false);
    for u in source.units() {
        match u {
            0x0A => b.push_str(if escaped { "n" } else { "\\n" }),
            0x0D => b.push_str(if escaped { "r" } else { "\\r" }),
            0x2028 => b.push_str(if escaped { "u2028" } else { "\\u2028" }),
            0x2029 => b.push_str(if escaped { "u2029" } else { "\\u2029" }),
            0x2F if !escaped && !in_class => b.push_str("\\/"),
            _ => {
                if !escaped {
                    if u == b'[' as u16 {
                        in_class = true;
                    } else if u == b']' as u16 {
                        in_class = false;
                    }
                }
                b.push_unit(u);
            }
        }
        escaped = !escaped && u == b'\\' as u16;
    }
    Ok(Value::string(b.finish(rt)?))
}

/// RegExp.prototype.toString (22.2.6.17).
fn regexp_to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error("RegExp.prototype.toString called on non-object"));
    }
    let (sk, fk) = (names::source, names::flags);
    let s = rt.get(a.this, sk)?;
    let s = rt.to_string(&s)?;
    let f = rt.get(a.this, fk)?;
    let f = rt.to_string(&f)?;
    let mut b = StringBuilder::new();
    b.push_unit(b'/' as u16);
    b.push_js(&s);
    b.push_unit(b'/' as u16);
    b.push_js(&f);
    Ok(Value::string(b.finish(rt)?))
}

/// Runs the matcher on `s` from `start`; the capture offsets on success.
/// Each group's (start, end), None for groups that did not participate.
type Captures = Vec<Option<(usize, usize)>>;

/// Matches `regex` against `s` at or after `start` (only at `start` when `sticky`); on success
/// appends the capture ranges, group 0 first, to `caps`.
fn match_into(
    rt: &mut Runtime,
    regex: &Regex,
    s: &JsString,
    start: usize,
    sticky: bool,
    caps: &mut Captures,
) -> JsResult<bool> {
    let mut scratch = core::mem::take(&mut rt.regexp_scratch);
    let r = {
        let handler = &mut rt.interrupt_handler;
        let mut poll = || handler.as_mut().is_some_and(|h| h());
        match (s.as_latin1(), s.as_utf16()) {
            (Some(b), _) => regex.search(b, start, sticky, &mut scratch, &mut poll),
            (None, Some(u)) => regex.search(u, start, sticky, &mut scratch, &mut poll),
            (None, None) => Ok(false),
        }
    };
    match r {
        Ok(found) => {
            if found {
                caps.extend((0..regex.capture_count()).map(|i| scratch.capture(i)));
            }
            rt.regexp_scratch = scratch;
            Ok(found)
        }
        Err(e) => {
            scratch.shrink();
            rt.regexp_scratch = scratch;
            Err(match e {
                ExecError::Interrupted => {
                    let e = rt.throw_error(ErrorType::InternalError, "interrupted");
                    // As everywhere else, JavaScript cannot catch the host's interrupt.
                    rt.uncatchable = true;
                    e
                }
                ExecError::TooComplex => rt.throw_error(
                    ErrorType::InternalError,
                    "regular expression too complex: backtracking limit reached",
                ),
            })
        }
    }
}

fn run_matcher(
    rt: &mut Runtime,
    regex: &Regex,
    s: &JsString,
    start: usize,
) -> JsResult<Option<Captures>> {
    let mut caps = Vec::new();
    Ok(match_into(rt, regex, s, start, regex.flags().sticky, &mut caps)?.then_some(caps))
}

/// The regex and [[LegacyFeaturesEnabled]] of a RegExp object on which a RegExpExec loop runs
/// no JavaScript: `exec` resolves to the built-in through data properties (reading it calls
/// nothing), `lastIndex` is a writable own data property, and `flags` (as the caller read
/// them) are the regexp's own, so the loop's global and unicode modes are the matcher's. Loops
/// over such a regexp run natively, without the result arrays and `lastIndex` writes that no
/// code could observe.
fn plain_regexp(rx: &Value, flags: &JsString) -> Option<(Rc<Regex>, bool)> {
    let o = rx.as_object()?;
    let found = {
        let b = o.borrow();
        let ObjectKind::RegExp(d) = &b.kind else {
            return None;
        };
        let last_index_ok = matches!(
            own_slot(&b, names::lastIndex),
            Some((Slot::Data(_), f)) if f & WRITABLE != 0
        );
        (last_index_ok && d.flags == *flags).then(|| (d.regex.clone(), d.legacy))
    }?;
    let mut cur = o.clone();
    let exec = loop {
        let next = {
            let b = cur.borrow();
            match own_slot(&b, names::exec) {
                Some((Slot::Data(v), _)) => break v,
                Some(_) => return None,
                None => b.proto.clone()?,
            }
        };
        cur = next;
    };
    is_native(&exec, exec_method).then_some(found)
}

/// A global RegExpExec loop (the one in @@match and @@replace) over a plain regexp, run
/// natively from `lastIndex` 0: the capture ranges of every match, `capture_count` per match,
/// one after another. Afterwards `lastIndex` is 0, as the loop's final failing exec leaves it,
/// and the legacy statics describe the last match.
fn all_matches(
    rt: &mut Runtime,
    rx: &Value,
    regex: &Regex,
    legacy: bool,
    s: &JsString,
) -> JsResult<Captures> {
    let f = regex.flags();
    let unicode = f.unicode || f.unicode_sets;
    let mut caps = Vec::new();
    let mut at = 0usize;
    while at <= s.len() {
        let first = caps.len();
        match match_into(rt, regex, s, at, f.sticky, &mut caps) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // Where the spec's loop would have left it.
                rt.put(rx, names::lastIndex, Value::number(at as f64), true)?;
                return Err(e);
            }
        }
        let (start, end) = caps.get(first).copied().flatten().unwrap_or((at, at));
        at = if start == end {
            advance(s, end as f64, unicode) as usize
        } else {
            end
        };
    }
    let n = regex.capture_count();
    if let Some(last) = caps.len().checked_sub(n).and_then(|i| caps.get(i..)) {
        super::regexp_legacy::record_match(rt, legacy, s, last);
    }
    rt.put(rx, names::lastIndex, Value::int(0), true)?;
    Ok(caps)
}

/// A capture as the value exec would give it: its text, or undefined when it did not take part.
fn capture_value(s: &JsString, c: Option<(usize, usize)>) -> Value {
    c.map_or(Value::UNDEFINED, |(a, b)| Value::string(s.slice(a, b)))
}

fn has_flag(flags: &JsString, c: char) -> bool {
    flags.units().any(|u| u == c as u16)
}

/// RegExpBuiltinExec (22.2.7.2).
fn builtin_exec(rt: &mut Runtime, r: &Value, s: &JsString) -> JsResult<Value> {
    let Some((regex, _, _)) = regexp_data(r) else {
        return Err(rt.type_error("RegExp exec called on incompatible receiver"));
    };
    let li = rt.get(r, names::lastIndex)?;
    let mut last_index = rt.to_length(&li)?;
    let f = regex.flags();
    let (global, sticky) = (f.global, f.sticky);
    if !global && !sticky {
        last_index = 0.0;
    }
    if last_index > s.len() as f64 {
        if global || sticky {
            rt.put(r, names::lastIndex, Value::int(0), true)?;
        }
        return Ok(Value::NULL);
    }
    let Some(caps) = run_matcher(rt, &regex, s, last_index as usize)? else {
        if global || sticky {
            rt.put(r, names::lastIndex, Value::int(0), true)?;
        }
        return Ok(Value::NULL);
    };
    let (start, end) = caps.first().copied().flatten().unwrap_or((0, 0));
    if global || sticky {
        rt.put(r, names::lastIndex, Value::number(end as f64), true)?;
    }
    let legacy = r
        .as_object()
        .is_some_and(|o| matches!(&o.borrow().kind, ObjectKind::RegExp(d) if d.legacy));
    super::regexp_legacy::record_match(rt, legacy, s, &caps);
    let elems: Vec<Value> = caps.iter().map(|&c| capture_value(s, c)).collect();
    let arr = rt.new_array(elems);
    rt.define_value(&arr, names::index, Value::number(start as f64), WEC);
    rt.define_value(&arr, names::input, Value::string(s.clone()), WEC);
    let groups = group_object(rt, &regex, &caps, |_, c| capture_value(s, c));
    rt.define_value(&arr, names::groups, groups, WEC);
    if f.has_indices {
        let pair = |rt: &mut Runtime, c: Option<(usize, usize)>| {
            c.map_or(Value::UNDEFINED, |(a, b)| {
                Value::object(rt.new_array(alloc::vec![
                    Value::number(a as f64),
                    Value::number(b as f64)
                ]))
            })
        };
        let mut items = Vec::with_capacity(caps.len());
        for c in &caps {
            items.push(pair(rt, *c));
        }
        let indices = rt.new_array(items);
        let igroups = group_object(rt, &regex, &caps, |rt, c| pair(rt, c));
        rt.define_value(&indices, names::groups, igroups, WEC);
        let key = rt.intern("indices");
        rt.define_value(&arr, key, Value::object(indices), WEC);
    }
    Ok(Value::object(arr))
}

/// The `groups` object of a match: each name (in order of first appearance) with the value of
/// whichever of its groups participated; undefined when the pattern has no named groups.
fn group_object(
    rt: &mut Runtime,
    regex: &Regex,
    caps: &[Option<(usize, usize)>],
    mut value: impl FnMut(&mut Runtime, Option<(usize, usize)>) -> Value,
) -> Value {
    if regex.group_names().is_empty() {
        return Value::UNDEFINED;
    }
    let o = rt.alloc_object(None, ObjectKind::Ordinary);
    for g in regex.group_names() {
        let c = g
            .groups
            .iter()
            .find_map(|&i| caps.get(i as usize).copied().flatten());
        let v = value(rt, c);
        let key = rt.atoms.intern(&JsString::from_units(&g.name));
        rt.define_value(&o, key, v, WEC);
    }
    Value::object(o)
}

/// RegExpExec (22.2.7.1).
fn regexp_exec(rt: &mut Runtime, r: &Value, s: &JsString) -> JsResult<Value> {
    let exec = rt.get(r, names::exec)?;
    if is_native(&exec, exec_method) && is_regexp_object(r) {
        return builtin_exec(rt, r, s);
    }
    if rt.is_callable(&exec) {
        let result = rt.call(&exec, r.clone(), &[Value::string(s.clone())])?;
        if !result.is_object() && !result.is_null() {
            return Err(rt.type_error("exec result must be an object or null"));
        }
        return Ok(result);
    }
    builtin_exec(rt, r, s)
}

fn exec_method(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !is_regexp_object(a.this) {
        return Err(rt.type_error("RegExp.prototype.exec called on incompatible receiver"));
    }
    let s = rt.to_string(&a.get(0))?;
    builtin_exec(rt, a.this, &s)
}

fn this_object(rt: &mut Runtime, a: &Args, what: &str) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error(&crate::text!(
            "RegExp.prototype.",
            what,
            " called on non-object"
        )));
    }
    Ok(a.this.clone())
}

fn test_method(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = this_object(rt, a, "test")?;
    let s = rt.to_string(&a.get(0))?;
    Ok(Value::bool(!regexp_exec(rt, &r, &s)?.is_null()))
}

/// AdvanceStringIndex (22.2.7.3).
fn advance(s: &JsString, i: f64, unicode: bool) -> f64 {
    if !unicode || i + 1.0 >= s.len() as f64 {
        return i + 1.0;
    }
    let k = i as usize;
    match (s.get(k), s.get(k + 1)) {
        (Some(h), Some(l)) if (0xD800..0xDC00).contains(&h) && (0xDC00..0xE000).contains(&l) => {
            i + 2.0
        }
        _ => i + 1.0,
    }
}

fn get_flags(rt: &mut Runtime, r: &Value) -> JsResult<JsString> {
    let f = rt.get(r, names::flags)?;
    rt.to_string(&f)
}

/// After an empty match in a global loop: lastIndex = AdvanceStringIndex(lastIndex).
fn step_past_empty(
    rt: &mut Runtime,
    r: &Value,
    result: &Value,
    s: &JsString,
    unicode: bool,
) -> JsResult<JsString> {
    let m = rt.get_index(result, 0)?;
    let m = rt.to_string(&m)?;
    if m.is_empty() {
        let li = rt.get(r, names::lastIndex)?;
        let this_index = rt.to_length(&li)?;
        rt.put(
            r,
            names::lastIndex,
            Value::number(advance(s, this_index, unicode)),
            true,
        )?;
    }
    Ok(m)
}

/// RegExp.prototype[Symbol.match] (22.2.6.8).
fn symbol_match(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let rx = this_object(rt, a, "[Symbol.match]")?;
    let s = rt.to_string(&a.get(0))?;
    let flags = get_flags(rt, &rx)?;
    if !has_flag(&flags, 'g') {
        return regexp_exec(rt, &rx, &s);
    }
    let unicode = has_flag(&flags, 'u') || has_flag(&flags, 'v');
    rt.put(&rx, names::lastIndex, Value::int(0), true)?;
    if let Some((regex, legacy)) = plain_regexp(&rx, &flags) {
        let caps = all_matches(rt, &rx, &regex, legacy, &s)?;
        if caps.is_empty() {
            return Ok(Value::NULL);
        }
        let out = caps
            .chunks(regex.capture_count().max(1))
            .map(|m| capture_value(&s, m[0]))
            .collect();
        return Ok(Value::object(rt.new_array(out)));
    }
    let mut out = Vec::new();
    loop {
        let result = regexp_exec(rt, &rx, &s)?;
        if result.is_null() {
            return Ok(if out.is_empty() {
                Value::NULL
            } else {
                Value::object(rt.new_array(out))
            });
        }
        let m = step_past_empty(rt, &rx, &result, &s, unicode)?;
        out.push(Value::string(m));
    }
}

/// SpeciesConstructor(O, %RegExp%) (7.3.22).
fn species_constructor(rt: &mut Runtime, o: &Value) -> JsResult<Value> {
    let default = rt
        .realm
        .regexp_ctor
        .clone()
        .map(Value::object)
        .unwrap_or_default();
    rt.species_constructor(o, default)
}

/// RegExp.prototype[Symbol.matchAll] (22.2.6.9).
fn symbol_match_all(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = this_object(rt, a, "[Symbol.matchAll]")?;
    let s = rt.to_string(&a.get(0))?;
    let c = species_constructor(rt, &r)?;
    let flags = get_flags(rt, &r)?;
    let matcher = rt.construct(&c, &[r.clone(), Value::string(flags.clone())], None)?;
    let li = rt.get(&r, names::lastIndex)?;
    let last_index = rt.to_length(&li)?;
    rt.put(&matcher, names::lastIndex, Value::number(last_index), true)?;
    let state = RegExpIterState {
        rx: matcher,
        s,
        global: has_flag(&flags, 'g'),
        unicode: has_flag(&flags, 'u') || has_flag(&flags, 'v'),
        done: false,
    };
    let proto = rt.realm.regexp_string_iterator_proto.clone();
    let it = rt.alloc_object(
        Some(&proto),
        ObjectKind::RegExpStringIterator(alloc::boxed::Box::new(state)),
    );
    Ok(Value::object(it))
}

/// %RegExpStringIteratorPrototype%.next (22.2.9.2.1).
fn iterator_next(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let state = a.this.as_object().and_then(|o| match &o.borrow().kind {
        ObjectKind::RegExpStringIterator(st) => {
            Some((st.rx.clone(), st.s.clone(), st.global, st.unicode, st.done))
        }
        _ => None,
    });
    let Some((rx, s, global, unicode, done)) = state else {
        return Err(rt.type_error("%RegExpStringIterator%.next called on incompatible receiver"));
    };
    if done {
        return Ok(iter_result(rt, Value::UNDEFINED, true));
    }
    let set_done = |a: &Args| {
        if let Some(o) = a.this.as_object() {
            if let ObjectKind::RegExpStringIterator(st) = &mut o.borrow_mut().kind {
                st.done = true;
            }
        }
    };
    let result = regexp_exec(rt, &rx, &s)?;
    if result.is_null() {
        set_done(a);
        return Ok(iter_result(rt, Value::UNDEFINED, true));
    }
    if global {
        step_past_empty(rt, &rx, &result, &s, unicode)?;
    } else {
        set_done(a);
    }
    Ok(iter_result(rt, result, false))
}

/// RegExp.prototype[Symbol.replace] (22.2.6.11).
fn symbol_replace(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let rx = this_object(rt, a, "[Symbol.replace]")?;
    let s = rt.to_string(&a.get(0))?;
    let mut replace_value = a.get(1);
    if !rt.is_callable(&replace_value) {
        replace_value = Value::string(rt.to_string(&replace_value)?);
    }
    let flags = get_flags(rt, &rx)?;
    let global = has_flag(&flags, 'g');
    let unicode = has_flag(&flags, 'u') || has_flag(&flags, 'v');
    let mut out = Replacement::new(&s, replace_value);
    if global {
        rt.put(&rx, names::lastIndex, Value::int(0), true)?;
        if let Some((regex, legacy)) = plain_regexp(&rx, &flags) {
            let caps = all_matches(rt, &rx, &regex, legacy, &s)?;
            for m in caps.chunks(regex.capture_count().max(1)) {
                let (start, end) = m[0].unwrap_or_default();
                let captures = m[1..].iter().map(|&c| capture_value(&s, c)).collect();
                let named = group_object(rt, &regex, m, |_, c| capture_value(&s, c));
                out.add(rt, s.slice(start, end), start, captures, named)?;
            }
            return out.finish(rt);
        }
    }
    let mut results = Vec::new();
    loop {
        let result = regexp_exec(rt, &rx, &s)?;
        if result.is_null() {
            break;
        }
        if !global {
            results.push(result);
            break;
        }
        step_past_empty(rt, &rx, &result, &s, unicode)?;
        results.push(result);
    }
    for result in results {
        let n = length_of(rt, &result)?;
        let ncaps = if n >= 1.0 { n as usize - 1 } else { 0 };
        let matched = rt.get_index(&result, 0)?;
        let matched = rt.to_string(&matched)?;
        let pos = rt.get(&result, names::index)?;
        let pos = rt.to_integer(&pos)?;
        let position = crate::number::clamp(pos, 0.0, s.len() as f64) as usize;
        let mut captures = Vec::with_capacity(ncaps);
        for i in 1..=ncaps {
            let c = rt.get_index(&result, i as u32)?;
            captures.push(if c.is_undefined() {
                c
            } else {
                Value::string(rt.to_string(&c)?)
            });
        }
        let named = rt.get(&result, names::groups)?;
        out.add(rt, matched, position, captures, named)?;
    }
    out.finish(rt)
}

/// The result string of @@replace, built match by match (22.2.6.11 steps 14-15).
struct Replacement {
    s: JsString,
    /// The callback, or the template string.
    replace_value: Value,
    out: StringBuilder,
    next_pos: usize,
}

impl Replacement {
    fn new(s: &JsString, replace_value: Value) -> Replacement {
        Replacement {
            s: s.clone(),
            replace_value,
            out: StringBuilder::new(),
            next_pos: 0,
        }
    }

    /// One match: its text, position, captures (strings or undefined) and groups object.
    fn add(
        &mut self,
        rt: &mut Runtime,
        matched: JsString,
        position: usize,
        captures: Vec<Value>,
        named: Value,
    ) -> JsResult<()> {
        let s = &self.s;
        let replacement = if let Some(template) = self.replace_value.as_string() {
            let named = if named.is_undefined() {
                named
            } else {
                Value::object(rt.to_object(&named)?)
            };
            let mut out = StringBuilder::new();
            super::string::get_substitution(
                rt, &mut out, &matched, s, position, &captures, &named, template,
            )?;
            out.finish(rt)?
        } else {
            let mut args = Vec::with_capacity(captures.len() + 4);
            args.push(Value::string(matched.clone()));
            args.extend(captures);
            args.push(Value::number(position as f64));
            args.push(Value::string(s.clone()));
            if !named.is_undefined() {
                args.push(named);
            }
            let v = rt.call(&self.replace_value, Value::UNDEFINED, &args)?;
            rt.to_string(&v)?
        };
        if position >= self.next_pos {
            self.out.push_js(&s.slice(self.next_pos, position));
            self.out.push_js(&replacement);
            self.next_pos = (position + matched.len()).min(s.len());
        }
        Ok(())
    }

    fn finish(mut self, rt: &mut Runtime) -> JsResult<Value> {
        if self.next_pos < self.s.len() {
            self.out.push_js(&self.s.slice(self.next_pos, self.s.len()));
        }
        Ok(Value::string(self.out.finish(rt)?))
    }
}

/// RegExp.prototype[Symbol.search] (22.2.6.12).
fn symbol_search(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let rx = this_object(rt, a, "[Symbol.search]")?;
    let s = rt.to_string(&a.get(0))?;
    let previous = rt.get(&rx, names::lastIndex)?;
    if !previous.same_value(&Value::int(0)) {
        rt.put(&rx, names::lastIndex, Value::int(0), true)?;
    }
    let result = regexp_exec(rt, &rx, &s)?;
    let current = rt.get(&rx, names::lastIndex)?;
    if !current.same_value(&previous) {
        rt.put(&rx, names::lastIndex, previous, true)?;
    }
    if result.is_null() {
        return Ok(Value::int(-1));
    }
    rt.get(&result, names::index)
}

/// RegExp.prototype[Symbol.split] (22.2.6.14).
fn symbol_split(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let rx = this_object(rt, a, "[Symbol.split]")?;
    let s = rt.to_string(&a.get(0))?;
    let c = species_constructor(rt, &rx)?;
    let flags = get_flags(rt, &rx)?;
    let unicode = has_flag(&flags, 'u') || has_flag(&flags, 'v');
    let new_flags = if has_flag(&flags, 'y') {
        flags
    } else {
        flags.concat(&JsString::from_str("y"))
    };
    let splitter = rt.construct(&c, &[rx, Value::string(new_flags.clone())], None)?;
    let lim = if a.get(1).is_undefined() {
        u32::MAX
    } else {
        rt.to_uint32(&a.get(1))?
    };
    let mut out: Vec<Value> = Vec::new();
    if lim == 0 {
        return Ok(Value::object(rt.new_array(out)));
    }
    let size = s.len();
    if size > 0 {
        if let Some((regex, legacy)) = plain_regexp(&splitter, &new_flags) {
            return split_natively(rt, &regex, legacy, &s, lim, unicode);
        }
    }
    if size == 0 {
        let z = regexp_exec(rt, &splitter, &s)?;
        if z.is_null() {
            out.push(Value::string(s));
        }
        return Ok(Value::object(rt.new_array(out)));
    }
    let (mut p, mut q) = (0usize, 0usize);
    while q < size {
        rt.put(&splitter, names::lastIndex, Value::number(q as f64), true)?;
        let z = regexp_exec(rt, &splitter, &s)?;
        if z.is_null() {
            q = advance(&s, q as f64, unicode) as usize;
            continue;
        }
        let li = rt.get(&splitter, names::lastIndex)?;
        let e = (rt.to_length(&li)? as usize).min(size);
        if e == p {
            q = advance(&s, q as f64, unicode) as usize;
            continue;
        }
        out.push(Value::string(s.slice(p, q)));
        if out.len() as u32 == lim {
            return Ok(Value::object(rt.new_array(out)));
        }
        p = e;
        let n = length_of(rt, &z)?;
        let ncaps = if n >= 1.0 { n as usize - 1 } else { 0 };
        for i in 1..=ncaps {
            let v = rt.get_index(&z, i as u32)?;
            out.push(v);
            if out.len() as u32 == lim {
                return Ok(Value::object(rt.new_array(out)));
            }
        }
        q = p;
    }
    out.push(Value::string(s.slice(p, size)));
    Ok(Value::object(rt.new_array(out)))
}

/// @@split's loop (22.2.6.14 steps 19-21) over a plain splitter: the spec tries the sticky
/// splitter at each position in turn, which is one unanchored search from that position. The
/// splitter itself is never seen by JavaScript, so only the legacy statics record its matches.
fn split_natively(
    rt: &mut Runtime,
    regex: &Regex,
    legacy: bool,
    s: &JsString,
    lim: u32,
    unicode: bool,
) -> JsResult<Value> {
    let size = s.len();
    let mut out: Vec<Value> = Vec::new();
    let mut caps = Vec::with_capacity(regex.capture_count());
    let mut last_match = Vec::new();
    let (mut p, mut q) = (0usize, 0usize);
    let limited = 'search: loop {
        caps.clear();
        if q >= size || !match_into(rt, regex, s, q, false, &mut caps)? {
            break false;
        }
        let (start, end) = caps.first().copied().flatten().unwrap_or((q, q));
        // The spec's loop stops before trying the end of the string.
        if start >= size {
            break false;
        }
        last_match.clear();
        last_match.extend_from_slice(&caps);
        let e = end.min(size);
        if e == p {
            q = advance(s, start as f64, unicode) as usize;
            continue;
        }
        out.push(Value::string(s.slice(p, start)));
        if out.len() as u32 == lim {
            break true;
        }
        p = e;
        for &c in caps.get(1..).unwrap_or_default() {
            out.push(capture_value(s, c));
            if out.len() as u32 == lim {
                break 'search true;
            }
        }
        q = p;
    };
    if !last_match.is_empty() {
        super::regexp_legacy::record_match(rt, legacy, s, &last_match);
    }
    if !limited {
        out.push(Value::string(s.slice(p, size)));
    }
    Ok(Value::object(rt.new_array(out)))
}

/// Whether `c` is one of the ASCII characters of `list` (a byte scan: `str::contains` would link
/// the generic substring searcher).
fn in_ascii_list(c: u32, list: &[u8]) -> bool {
    u8::try_from(c).is_ok_and(|b| list.contains(&b))
}

/// RegExp.escape (22.2.5.1).
fn escape(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(s) = a.get(0).as_string().cloned() else {
        return Err(rt.type_error("RegExp.escape requires a string"));
    };
    let units = s.to_utf16();
    let mut b = StringBuilder::new();
    let hex = |b: &mut StringBuilder, prefix: &str, v: u32, digits: u32| {
        b.push_str(prefix);
        for k in (0..digits).rev() {
            let d = (v >> (4 * k)) & 0xF;
            b.push_unit(if d < 10 {
                b'0' as u16 + d as u16
            } else {
                b'a' as u16 + d as u16 - 10
            });
        }
    };
    let mut i = 0;
    while let Some(&u) = units.get(i) {
        let (c, n) = match units.get(i + 1) {
            Some(&l) if (0xD800..0xDC00).contains(&u) && (0xDC00..0xE000).contains(&l) => (
                0x10000 + ((u as u32 - 0xD800) << 10) + (l as u32 - 0xDC00),
                2,
            ),
            _ => (u as u32, 1),
        };
        if i == 0 && u8::try_from(c).is_ok_and(|b| b.is_ascii_alphanumeric()) {
            hex(&mut b, "\\x", c, 2);
        } else if in_ascii_list(c, b"^$\\.*+?()[]{}|/") {
            b.push_unit(b'\\' as u16);
            b.push_unit(u);
        } else if let Some(e) = match c {
            9 => Some("\\t"),
            10 => Some("\\n"),
            11 => Some("\\v"),
            12 => Some("\\f"),
            13 => Some("\\r"),
            _ => None,
        } {
            b.push_str(e);
        } else if in_ascii_list(c, b",-=<>#&!%:;@~'`\"")
            || is_space_or_terminator(c)
            || (0xD800..0xE000).contains(&c)
        {
            if c <= 0xFF {
                hex(&mut b, "\\x", c, 2);
            } else {
                hex(&mut b, "\\u", c, 4);
            }
        } else {
            for k in 0..n {
                if let Some(&x) = units.get(i + k) {
                    b.push_unit(x);
                }
            }
        }
        i += n;
    }
    Ok(Value::string(b.finish(rt)?))
}

fn is_space_or_terminator(c: u32) -> bool {
    matches!(c, 0x09..=0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF)
}

/// RegExp objects and literals; patterns given at run time need `register_compiler` too.
pub fn register(rt: &mut Runtime) {
    let proto = rt.realm.regexp_proto.clone();
    let ctor = rt.new_native("RegExp", regexp_ctor, 2, 0, true);
    rt.link_constructor(&ctor, &proto);
    rt.define_method(&ctor, "escape", escape, 1);
    super::regexp_legacy::register(rt, &ctor);
    let species = rt.new_native("get [Symbol.species]", species_getter, 0, 0, false);
    rt.define_accessor(
        &ctor,
        names::Symbol_species,
        Some(species),
        None,
        CONFIGURABLE,
    );
    rt.define_method(&proto, "exec", exec_method, 1);
    rt.define_method(&proto, "test", test_method, 1);
    rt.define_method(&proto, "toString", regexp_to_string, 0);
    rt.define_method(&proto, "compile", regexp_compile, 2);
    let flags = rt.new_native("get flags", flags_getter, 0, 0, false);
    rt.define_accessor(&proto, names::flags, Some(flags), None, CONFIGURABLE);
    for (i, &(_, name, key)) in FLAG_GETTERS.iter().enumerate() {
        let g = rt.new_native(&crate::text!("get ", name), flag_getter, 0, i as u16, false);
        rt.define_accessor(&proto, key, Some(g), None, CONFIGURABLE);
    }
    let source = rt.new_native("get source", source_getter, 0, 0, false);
    rt.define_accessor(&proto, names::source, Some(source), None, CONFIGURABLE);
    rt.define_symbol_method(
        &proto,
        names::Symbol_match,
        "[Symbol.match]",
        symbol_match,
        1,
    );
    rt.define_symbol_method(
        &proto,
        names::Symbol_matchAll,
        "[Symbol.matchAll]",
        symbol_match_all,
        1,
    );
    rt.define_symbol_method(
        &proto,
        names::Symbol_replace,
        "[Symbol.replace]",
        symbol_replace,
        2,
    );
    rt.define_symbol_method(
        &proto,
        names::Symbol_search,
        "[Symbol.search]",
        symbol_search,
        1,
    );
    rt.define_symbol_method(
        &proto,
        names::Symbol_split,
        "[Symbol.split]",
        symbol_split,
        2,
    );
    let ip = rt.realm.regexp_string_iterator_proto.clone();
    rt.define_method(&ip, "next", iterator_next, 0);
    rt.define_value(
        &ip,
        names::Symbol_toStringTag,
        Value::str("RegExp String Iterator"),
        CONFIGURABLE,
    );
    rt.realm.regexp_ctor = Some(ctor.clone());
    rt.regexp_create = Some(regexp_create);
    rt.regexp_literal = Some(literal);
    rt.regexp_decode = Some(decode_literal);
    let g = rt.global();
    let key = rt.intern("RegExp");
    rt.define_value(&g, key, Value::object(ctor), WC);
}

/// The pattern parser and compiler, for patterns given at run time (QuickJS's
/// `JS_AddIntrinsicRegExpCompiler`).
pub fn register_compiler(rt: &mut Runtime) {
    rt.regexp_compiler = Some(Regex::new);
}
