//! String and String.prototype (ECMA-262 22.1).
use super::util::relative_index;
use crate::atom::names;
use crate::function::Args;
use crate::object::ObjectKind;
use crate::runtime::{JsResult, Runtime};
use crate::shape::WC;
use crate::string::{JsString, StringBuilder};
use crate::value::{Value, V};
use alloc::vec::Vec;
#[cfg(feature = "string-normalize")]
use qjs_unicode::Form;

fn string_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = if a.is_empty() {
        JsString::empty()
    } else {
        let v = a.get(0);
        match v.get() {
            V::Symbol(sym) if !a.is_construct() => {
                let d = rt
                    .atoms
                    .symbol_description(sym)
                    .unwrap_or_else(JsString::empty);
                JsString::from_str("Symbol(")
                    .concat(&d)
                    .concat(&JsString::from_str(")"))
            }
            _ => rt.to_string(&v)?,
        }
    };
    if !a.is_construct() {
        return Ok(Value::string(s));
    }
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.string_proto.clone())?;
    let len = s.len();
    let o = rt.alloc_object(Some(&proto), ObjectKind::String(s));
    rt.define_value(&o, names::length, Value::int(len as i32), 0);
    Ok(Value::object(o))
}

/// thisStringValue for toString/valueOf.
fn this_string_value(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if let Some(s) = a.this.as_string() {
        return Ok(Value::string(s.clone()));
    }
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::String(s) = &o.borrow().kind {
            return Ok(Value::string(s.clone()));
        }
    }
    Err(rt.type_error("String.prototype.valueOf requires that 'this' be a String"))
}

/// RequireObjectCoercible(this) then ToString.
fn this_str(rt: &mut Runtime, a: &Args) -> JsResult<JsString> {
    if a.this.is_nullish() {
        return Err(rt.type_error("String.prototype method called on null or undefined"));
    }
    rt.to_string(a.this)
}

fn char_at(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let i = rt.to_integer(&a.get(0))?;
    let u = (i >= 0.0).then(|| s.get(i as usize)).flatten();
    Ok(match (a.magic, u) {
        (0, Some(u)) => Value::string(JsString::from_utf16(alloc::vec![u])),
        (0, None) => Value::str(""),
        (1, Some(u)) => Value::int(u as i32),
        (1, None) => Value::number(f64::NAN),
        (_, Some(u)) => {
            let lo = s.get(i as usize + 1);
            match lo {
                Some(l) if (0xD800..0xDC00).contains(&u) && (0xDC00..0xE000).contains(&l) => {
                    Value::int(0x10000 + ((u as i32 - 0xD800) << 10) + (l as i32 - 0xDC00))
                }
                _ => Value::int(u as i32),
            }
        }
        (_, None) => Value::UNDEFINED,
    })
}

fn at(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let n = rt.to_integer(&a.get(0))?;
    let k = if n < 0.0 { s.len() as f64 + n } else { n };
    if k < 0.0 || k >= s.len() as f64 {
        return Ok(Value::UNDEFINED);
    }
    Ok(Value::string(s.slice(k as usize, k as usize + 1)))
}

/// indexOf 0, lastIndexOf 1, includes 2, startsWith 3, endsWith 4.
fn search(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let needle = a.get(0);
    if a.magic >= 2 && needle.is_object() && is_regexp(rt, &needle)? {
        return Err(rt.type_error("first argument must not be a regular expression"));
    }
    let n = rt.to_string(&needle)?;
    let len = s.len() as f64;
    match a.magic {
        0 | 2 => {
            let from = crate::number::clamp(rt.to_integer(&a.get(1))?, 0.0, len) as usize;
            let r = s.find(&n, from);
            Ok(if a.magic == 0 {
                Value::int(r.map_or(-1, |i| i as i32))
            } else {
                Value::bool(r.is_some())
            })
        }
        1 => {
            let p = rt.to_number(&a.get(1))?;
            let from = if p.is_nan() {
                len
            } else {
                crate::number::clamp(crate::number::to_integer_or_infinity(p), 0.0, len)
            };
            Ok(Value::int(
                s.rfind(&n, from as usize).map_or(-1, |i| i as i32),
            ))
        }
        3 => {
            let start = crate::number::clamp(rt.to_integer(&a.get(1))?, 0.0, len) as usize;
            Ok(Value::bool(
                start + n.len() <= s.len() && (0..n.len()).all(|j| s.at(start + j) == n.at(j)),
            ))
        }
        _ => {
            let end = if a.get(1).is_undefined() {
                len
            } else {
                crate::number::clamp(rt.to_integer(&a.get(1))?, 0.0, len)
            } as usize;
            Ok(Value::bool(
                n.len() <= end && (0..n.len()).all(|j| s.at(end - n.len() + j) == n.at(j)),
            ))
        }
    }
}

fn slice(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let len = s.len() as f64;
    let start = relative_index(rt, &a.get(0), len, 0.0)?;
    let end = relative_index(rt, &a.get(1), len, len)?;
    Ok(Value::string(if start < end {
        s.slice(start as usize, end as usize)
    } else {
        JsString::empty()
    }))
}

fn substring(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let len = s.len() as f64;
    let start = crate::number::clamp(rt.to_integer(&a.get(0))?, 0.0, len);
    let end = if a.get(1).is_undefined() {
        len
    } else {
        crate::number::clamp(rt.to_integer(&a.get(1))?, 0.0, len)
    };
    let (lo, hi) = if start < end {
        (start, end)
    } else {
        (end, start)
    };
    Ok(Value::string(s.slice(lo as usize, hi as usize)))
}

fn substr(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let len = s.len() as f64;
    let start = relative_index(rt, &a.get(0), len, 0.0)?;
    let count = if a.get(1).is_undefined() {
        len
    } else {
        rt.to_integer(&a.get(1))?
    };
    let end = (start + count.max(0.0)).min(len);
    Ok(Value::string(if start < end {
        s.slice(start as usize, end as usize)
    } else {
        JsString::empty()
    }))
}

/// Cased (Unicode D135), as far as Rust's Lowercase/Uppercase properties tell.
fn is_cased(c: char) -> bool {
    c.is_lowercase()
        || c.is_uppercase()
        || matches!(c, '\u{1C5}' | '\u{1C8}' | '\u{1CB}' | '\u{1F2}')
}

/// Case_Ignorable (Unicode D136) for the characters that occur in words: apostrophes, the
/// word-internal punctuation of Word_Break MidLetter/MidNumLet, combining marks, format
/// characters and modifier letters.
fn is_case_ignorable(c: char) -> bool {
    matches!(c,
        '\'' | '.' | ':' | '^' | '`' | '\u{A8}' | '\u{AD}' | '\u{AF}' | '\u{B4}' | '\u{B7}'
        | '\u{B8}' | '\u{2018}' | '\u{2019}' | '\u{2024}' | '\u{2027}' | '\u{2B0}'..='\u{36F}'
        | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5BD}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' | '\u{FEFF}' | '\u{E0001}' | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180F}' | '\u{1D167}'..='\u{1D169}'
        | '\u{1D173}'..='\u{1D182}' | '\u{1D185}'..='\u{1D18B}' | '\u{1D1AA}'..='\u{1D1AD}'
        | '\u{1D242}'..='\u{1D244}')
}

/// Whether the Σ at `chars[i]` is in Final_Sigma context (Unicode 3.13, table 3-17).
fn final_sigma(chars: &[Result<char, u16>], i: usize) -> bool {
    let cased_before = chars[..i]
        .iter()
        .rev()
        .filter_map(|c| c.as_ref().ok())
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| is_cased(c));
    let cased_after = chars[i + 1..]
        .iter()
        .filter_map(|c| c.as_ref().ok())
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| is_cased(c));
    cased_before && !cased_after
}

/// toLowerCase (magic 0) / toUpperCase (1), by code point with the full Unicode mappings
/// (SpecialCasing included) Rust has, and the Final_Sigma rule.
fn change_case(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    if let Some(l1) = s.as_latin1() {
        if l1.is_ascii() {
            let out: Vec<u8> = if a.magic == 0 {
                l1.to_ascii_lowercase()
            } else {
                l1.to_ascii_uppercase()
            };
            return Ok(Value::string(JsString::from_latin1(out)));
        }
    }
    let chars: Vec<Result<char, u16>> = char::decode_utf16(s.units())
        .map(|c| c.map_err(|e| e.unpaired_surrogate()))
        .collect();
    let mut b = StringBuilder::new();
    for (i, c) in chars.iter().enumerate() {
        match *c {
            Ok(c) => {
                if a.magic == 0 {
                    if c == '\u{3A3}' && final_sigma(&chars, i) {
                        b.push_char('\u{3C2}');
                        continue;
                    }
                    for l in c.to_lowercase() {
                        b.push_char(l);
                    }
                } else {
                    for u in c.to_uppercase() {
                        b.push_char(u);
                    }
                }
            }
            Err(u) => b.push_unit(u),
        }
    }
    Ok(Value::string(b.finish(rt)?))
}

/// trim (magic 0), trimStart (1), trimEnd (2).
fn trim(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let (mut lo, mut hi) = (0, s.len());
    if a.magic != 2 {
        while lo < hi && crate::number::is_whitespace(s.at(lo)) {
            lo += 1;
        }
    }
    if a.magic != 1 {
        while hi > lo && crate::number::is_whitespace(s.at(hi - 1)) {
            hi -= 1;
        }
    }
    Ok(Value::string(s.slice(lo, hi)))
}

/// For an object `v` (ES2025 no longer looks these up on primitives): GetMethod(v, key) and,
/// if there is one, its call on `v` with `this` and `rest` as
/// arguments (the Symbol.replace / Symbol.split protocol of 22.1.3).
fn call_symbol_method(
    rt: &mut Runtime,
    v: &Value,
    key: crate::atom::Atom,
    this: &Value,
    rest: &[Value],
) -> JsResult<Option<Value>> {
    let m = rt.get(v, key)?;
    if m.is_nullish() {
        return Ok(None);
    }
    if !rt.is_callable(&m) {
        return Err(rt.type_error("Symbol method is not a function"));
    }
    let mut args = alloc::vec![this.clone()];
    args.extend_from_slice(rest);
    rt.call(&m, v.clone(), &args).map(Some)
}

fn split(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.this.is_nullish() {
        return Err(rt.type_error("String.prototype.split called on null or undefined"));
    }
    let sep0 = a.get(0);
    if sep0.is_object() {
        if let Some(r) = call_symbol_method(rt, &sep0, names::Symbol_split, a.this, &[a.get(1)])? {
            return Ok(r);
        }
    }
    let s = rt.to_string(a.this)?;
    let lim = if a.get(1).is_undefined() {
        u32::MAX
    } else {
        rt.to_uint32(&a.get(1))?
    };
    let sep_v = a.get(0);
    let mut out: Vec<Value> = Vec::new();
    let sep = rt.to_string(&sep_v)?;
    if lim == 0 {
        return Ok(Value::object(rt.new_array(out)));
    }
    if sep_v.is_undefined() {
        return Ok(Value::object(rt.new_array(alloc::vec![Value::string(s)])));
    }
    if sep.is_empty() {
        for i in 0..s.len().min(lim as usize) {
            out.push(Value::string(s.slice(i, i + 1)));
        }
        return Ok(Value::object(rt.new_array(out)));
    }
    let mut p = 0;
    while let Some(q) = s.find(&sep, p) {
        out.push(Value::string(s.slice(p, q)));
        if out.len() as u32 >= lim {
            return Ok(Value::object(rt.new_array(out)));
        }
        p = q + sep.len();
    }
    out.push(Value::string(s.slice(p, s.len())));
    Ok(Value::object(rt.new_array(out)))
}

fn repeat(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let n = rt.to_integer(&a.get(0))?;
    if n < 0.0 || n.is_infinite() {
        return Err(rt.range_error("Invalid count value"));
    }
    if s.is_empty() || n == 0.0 {
        return Ok(Value::string(JsString::empty()));
    }
    if s.len() as f64 * n > (1u64 << 30) as f64 {
        return Err(rt.range_error("Invalid string length"));
    }
    let mut b = StringBuilder::new();
    for _ in 0..n as usize {
        b.push_js(&s);
    }
    Ok(Value::string(b.finish(rt)?))
}

/// padStart (magic 0) / padEnd (1).
fn pad(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let max = rt.to_length(&a.get(0))?;
    let fill = if a.get(1).is_undefined() {
        JsString::from_str(" ")
    } else {
        rt.to_string(&a.get(1))?
    };
    let len = s.len() as f64;
    if max <= len || fill.is_empty() {
        return Ok(Value::string(s));
    }
    if max > (1u64 << 30) as f64 {
        return Err(rt.range_error("Invalid string length"));
    }
    let need = (max - len) as usize;
    let mut filler = StringBuilder::new();
    while filler.len() < need {
        filler.push_js(&fill);
    }
    let filler = filler.finish(rt)?.slice(0, need);
    Ok(Value::string(if a.magic == 0 {
        filler.concat(&s)
    } else {
        s.concat(&filler)
    }))
}

fn concat(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut s = this_str(rt, a)?;
    for v in a.args {
        let t = rt.to_string(v)?;
        s = s.concat(&t);
    }
    Ok(Value::string(s))
}

/// replace (magic 0) / replaceAll (1) with a string pattern and a string or function replacement.
fn replace(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.this.is_nullish() {
        return Err(rt.type_error("String.prototype.replace called on null or undefined"));
    }
    let search = a.get(0);
    if a.magic == 1 && search.is_object() {
        // replaceAll with a RegExp must be global (22.1.3.20 step 2.b).
        if is_regexp(rt, &search)? {
            let flags = rt.get(&search, names::flags)?;
            if flags.is_nullish() {
                return Err(rt.type_error("replaceAll: flags is null or undefined"));
            }
            let flags = rt.to_string(&flags)?;
            if !flags.units().any(|u| u == b'g' as u16) {
                return Err(rt.type_error("replaceAll must be called with a global RegExp"));
            }
        }
    }
    if search.is_object() {
        if let Some(r) =
            call_symbol_method(rt, &search, names::Symbol_replace, a.this, &[a.get(1)])?
        {
            return Ok(r);
        }
    }
    let s = rt.to_string(a.this)?;
    let pat = rt.to_string(&search)?;
    let rep = a.get(1);
    let functional = rt.is_callable(&rep);
    let rep_s = if functional {
        JsString::empty()
    } else {
        rt.to_string(&rep)?
    };
    let mut positions = Vec::new();
    let mut p = 0;
    while let Some(q) = s.find(&pat, p) {
        positions.push(q);
        if a.magic == 0 {
            break;
        }
        p = q + pat.len().max(1);
        if p > s.len() {
            break;
        }
    }
    let mut b = StringBuilder::new();
    let mut last = 0;
    for q in positions {
        b.push_js(&s.slice(last, q));
        if functional {
            let r = rt.call(
                &rep,
                Value::UNDEFINED,
                &[
                    Value::string(pat.clone()),
                    Value::int(q as i32),
                    Value::string(s.clone()),
                ],
            )?;
            let r = rt.to_string(&r)?;
            b.push_js(&r);
        } else {
            get_substitution(rt, &mut b, &pat, &s, q, &[], &Value::UNDEFINED, &rep_s)?;
        }
        last = q + pat.len();
    }
    b.push_js(&s.slice(last, s.len()));
    Ok(Value::string(b.finish(rt)?))
}

/// GetSubstitution (22.1.3.19.1): expands `$$ $& $` $' $n $nn $<name>` of `template` into `b`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn get_substitution(
    rt: &mut Runtime,
    b: &mut StringBuilder,
    matched: &JsString,
    s: &JsString,
    pos: usize,
    captures: &[Value],
    named: &Value,
    template: &JsString,
) -> JsResult<()> {
    let digit = |i: usize| {
        template
            .get(i)
            .filter(|u| (b'0' as u16..=b'9' as u16).contains(u))
            .map(|u| (u - b'0' as u16) as usize)
    };
    let mut i = 0;
    while i < template.len() {
        let c = template.at(i);
        let next = template.get(i + 1);
        if c != b'$' as u16 || next.is_none() {
            b.push_unit(c);
            i += 1;
            continue;
        }
        match next.unwrap_or(0) {
            0x24 => b.push_unit(0x24),
            0x26 => b.push_js(matched),
            0x60 => b.push_js(&s.slice(0, pos.min(s.len()))),
            0x27 => {
                let from = (pos + matched.len()).min(s.len());
                b.push_js(&s.slice(from, s.len()));
            }
            0x3C if !named.is_undefined() => {
                let gt = (i + 2..template.len()).find(|&k| template.at(k) == b'>' as u16);
                let Some(gt) = gt else {
                    b.push_str("$<");
                    i += 2;
                    continue;
                };
                let name = template.slice(i + 2, gt);
                let key = rt.atoms.intern(&name);
                let v = rt.get(named, key)?;
                if !v.is_undefined() {
                    let v = rt.to_string(&v)?;
                    b.push_js(&v);
                }
                i = gt + 1;
                continue;
            }
            _ => match digit(i + 1) {
                Some(d1) => {
                    let two = digit(i + 2)
                        .map(|d2| d1 * 10 + d2)
                        .filter(|&n| n >= 1 && n <= captures.len());
                    let (index, width) = match two {
                        Some(n) => (n, 2),
                        None => (d1, 1),
                    };
                    if index >= 1 && index <= captures.len() {
                        if let Some(v) = captures.get(index - 1).and_then(|v| v.as_string()) {
                            b.push_js(v);
                        }
                    } else {
                        b.push_js(&template.slice(i, i + 1 + width));
                    }
                    i += 1 + width;
                    continue;
                }
                None => {
                    b.push_unit(c);
                    i += 1;
                    continue;
                }
            },
        }
        i += 2;
    }
    Ok(())
}

/// IsRegExp (7.2.8).
pub(crate) fn is_regexp(rt: &mut Runtime, v: &Value) -> JsResult<bool> {
    if !v.is_object() {
        return Ok(false);
    }
    let m = rt.get(v, names::Symbol_match)?;
    if !m.is_undefined() {
        return Ok(m.truthy());
    }
    #[cfg(feature = "regexp")]
    return Ok(super::regexp::is_regexp_object(v));
    #[cfg(not(feature = "regexp"))]
    Ok(false)
}

/// match (magic 0), matchAll (1), search (2): the pattern's own method, else a new RegExp's.
fn match_like(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if a.this.is_nullish() {
        return Err(rt.type_error("String.prototype method called on null or undefined"));
    }
    let key = [
        names::Symbol_match,
        names::Symbol_matchAll,
        names::Symbol_search,
    ][a.magic as usize % 3];
    let regexp = a.get(0);
    if regexp.is_object() {
        if a.magic == 1 && is_regexp(rt, &regexp)? {
            let flags = rt.get(&regexp, names::flags)?;
            if flags.is_nullish() {
                return Err(rt.type_error("matchAll: flags is null or undefined"));
            }
            let flags = rt.to_string(&flags)?;
            if !flags.units().any(|u| u == b'g' as u16) {
                return Err(rt.type_error("matchAll must be called with a global RegExp"));
            }
        }
        if let Some(r) = call_symbol_method(rt, &regexp, key, a.this, &[])? {
            return Ok(r);
        }
    }
    let s = rt.to_string(a.this)?;
    let flags = if a.magic == 1 {
        Value::str("g")
    } else {
        Value::UNDEFINED
    };
    let rx = rt.regexp_create(&regexp, &flags)?;
    let m = rt.get(&rx, key)?;
    if !rt.is_callable(&m) {
        return Err(rt.type_error("RegExp method is not a function"));
    }
    rt.call(&m, rx, &[Value::string(s)])
}

fn locale_compare(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let t = rt.to_string(&a.get(0))?;
    Ok(Value::int(match s.cmp_units(&t) {
        core::cmp::Ordering::Less => -1,
        core::cmp::Ordering::Equal => 0,
        core::cmp::Ordering::Greater => 1,
    }))
}

fn iterator(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    Ok(super::iterator::new_string_iterator(rt, s))
}

fn from_char_code(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut units = Vec::with_capacity(a.len());
    for v in a.args {
        units.push(rt.to_uint32(v)? as u16);
    }
    Ok(Value::string(JsString::from_utf16(units)))
}

fn from_code_point(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let mut b = StringBuilder::new();
    for v in a.args {
        let n = rt.to_number(v)?;
        if crate::math::trunc(n) != n || !(0.0..=1114111.0).contains(&n) {
            return Err(rt.range_error("Invalid code point"));
        }
        let cp = n as u32;
        if cp < 0x10000 {
            b.push_unit(cp as u16);
        } else {
            let c = cp - 0x10000;
            b.push_unit(0xD800 + (c >> 10) as u16);
            b.push_unit(0xDC00 + (c & 0x3FF) as u16);
        }
    }
    Ok(Value::string(b.finish(rt)?))
}

/// isWellFormed (magic 0) / toWellFormed (1).
fn well_formed(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    if s.as_latin1().is_some() {
        return Ok(if a.magic == 0 {
            Value::TRUE
        } else {
            Value::string(s)
        });
    }
    let mut b = StringBuilder::new();
    let mut ok = true;
    for c in char::decode_utf16(s.units()) {
        match c {
            Ok(c) => b.push_char(c),
            Err(_) => {
                ok = false;
                if a.magic == 0 {
                    break;
                }
                b.push_unit(0xFFFD);
            }
        }
    }
    Ok(if a.magic == 0 {
        Value::bool(ok)
    } else {
        Value::string(b.finish(rt)?)
    })
}

/// String.raw (22.1.2.4).
fn raw(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let cooked = Value::object(rt.to_object(&a.get(0))?);
    let raw_key = rt.intern("raw");
    let r = rt.get(&cooked, raw_key)?;
    let literals = Value::object(rt.to_object(&r)?);
    let count = super::util::length_of(rt, &literals)?;
    let mut b = StringBuilder::new();
    let mut i = 0.0;
    while i < count {
        let k = rt.number_key(i);
        let lit = rt.get(&literals, k)?;
        let lit = rt.to_string(&lit)?;
        b.push_js(&lit);
        if i + 1.0 >= count {
            break;
        }
        if let Some(sub) = a.args.get(i as usize + 1) {
            let sub = rt.to_string(sub)?;
            b.push_js(&sub);
        }
        i += 1.0;
    }
    Ok(Value::string(b.finish(rt)?))
}

/// The Annex B HTML methods (B.2.2.2-14) through CreateHTML (B.2.2.2.1); the magic indexes
/// HTML_METHODS.
const HTML_METHODS: [(&str, &str, &str); 13] = [
    ("anchor", "a", "name"),
    ("big", "big", ""),
    ("blink", "blink", ""),
    ("bold", "b", ""),
    ("fixed", "tt", ""),
    ("fontcolor", "font", "color"),
    ("fontsize", "font", "size"),
    ("italics", "i", ""),
    ("link", "a", "href"),
    ("small", "small", ""),
    ("strike", "strike", ""),
    ("sub", "sub", ""),
    ("sup", "sup", ""),
];

fn create_html(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let (_, tag, attr) = HTML_METHODS[a.magic as usize % HTML_METHODS.len()];
    let s = this_str(rt, a)?;
    let mut b = StringBuilder::new();
    b.push_unit(b'<' as u16);
    b.push_str(tag);
    if !attr.is_empty() {
        let v = rt.to_string(&a.get(0))?;
        b.push_unit(b' ' as u16);
        b.push_str(attr);
        b.push_str("=\"");
        for u in v.units() {
            if u == b'"' as u16 {
                b.push_str("&quot;");
            } else {
                b.push_unit(u);
            }
        }
        b.push_unit(b'"' as u16);
    }
    b.push_unit(b'>' as u16);
    b.push_js(&s);
    b.push_str("</");
    b.push_str(tag);
    b.push_unit(b'>' as u16);
    Ok(Value::string(b.finish(rt)?))
}

/// String.prototype.normalize([form]) (22.1.3.15).
#[cfg(feature = "string-normalize")]
fn normalize(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = this_str(rt, a)?;
    let form_arg = a.get(0);
    let form = if form_arg.is_undefined() {
        Form::Nfc
    } else {
        let name = rt.to_string(&form_arg)?;
        let units: Vec<u16> = name.units().collect();
        match Form::from_name(&units) {
            Some(f) => f,
            None => return Err(rt.range_error("bad normalization form")),
        }
    };
    // Strings made only of characters the form leaves alone are returned as they are.
    if s.units().all(|u| u32::from(u) < form.first_affected()) {
        return Ok(Value::string(s));
    }
    // Lone surrogates go through as themselves (class 0, no decomposition).
    let cps = char::decode_utf16(s.units())
        .map(|c| c.map_or_else(|e| u32::from(e.unpaired_surrogate()), u32::from));
    let mut b = StringBuilder::new();
    for c in qjs_unicode::normalize(cps, form) {
        match char::from_u32(c) {
            Some(ch) => b.push_char(ch),
            None => b.push_unit(c as u16),
        }
    }
    Ok(Value::string(b.finish(rt)?))
}

/// Adds String.prototype.normalize (`add_string_normalize`).
#[cfg(feature = "string-normalize")]
pub fn register_normalize(rt: &mut Runtime) {
    let sp = rt.realm.string_proto.clone();
    rt.define_method(&sp, "normalize", normalize, 0);
}

pub fn register(rt: &mut Runtime) {
    let sp = rt.realm.string_proto.clone();
    rt.define_value(&sp, names::length, Value::int(0), 0);
    let ctor = rt.new_native("String", string_ctor, 1, 0, true);
    rt.link_constructor(&ctor, &sp);
    rt.define_method(&sp, "toString", this_string_value, 0);
    rt.define_method(&sp, "valueOf", this_string_value, 0);
    rt.define_method_magic(&sp, "trim", trim, 0, 0);
    let ts = rt.define_method_obj(&sp, "trimStart", trim, 0, 1);
    let te = rt.define_method_obj(&sp, "trimEnd", trim, 0, 2);
    // Annex B: trimLeft and trimRight are the same function objects (B.2.2.15-16).
    let (kl, kr) = (rt.intern("trimLeft"), rt.intern("trimRight"));
    rt.define_value(&sp, kl, Value::object(ts), WC);
    rt.define_value(&sp, kr, Value::object(te), WC);
    rt.define_symbol_method(
        &sp,
        names::Symbol_iterator,
        "[Symbol.iterator]",
        iterator,
        0,
    );
    let g = rt.global();
    let key = rt.intern("String");
    rt.define_value(&g, key, Value::object(ctor), WC);
}

// The methods registered one by one (`methods.rs`); toString, valueOf, the trims and the
// iterator stay in `register`.
super::methods::methods! {
    String_fromCharCode = string_ctor."fromCharCode"(from_char_code, 1, 0);
    String_fromCodePoint = string_ctor."fromCodePoint"(from_code_point, 1, 0);
    String_raw = string_ctor."raw"(raw, 1, 0);
    String_prototype_charAt = string_proto."charAt"(char_at, 1, 0);
    String_prototype_charCodeAt = string_proto."charCodeAt"(char_at, 1, 1);
    String_prototype_codePointAt = string_proto."codePointAt"(char_at, 1, 2);
    String_prototype_at = string_proto."at"(at, 1, 0);
    String_prototype_indexOf = string_proto."indexOf"(search, 1, 0);
    String_prototype_lastIndexOf = string_proto."lastIndexOf"(search, 1, 1);
    String_prototype_includes = string_proto."includes"(search, 1, 2);
    String_prototype_startsWith = string_proto."startsWith"(search, 1, 3);
    String_prototype_endsWith = string_proto."endsWith"(search, 1, 4);
    String_prototype_slice = string_proto."slice"(slice, 2, 0);
    String_prototype_substring = string_proto."substring"(substring, 2, 0);
    String_prototype_substr = string_proto."substr"(substr, 2, 0);
    String_prototype_toLowerCase = string_proto."toLowerCase"(change_case, 0, 0);
    String_prototype_toUpperCase = string_proto."toUpperCase"(change_case, 0, 1);
    String_prototype_toLocaleLowerCase = string_proto."toLocaleLowerCase"(change_case, 0, 0);
    String_prototype_toLocaleUpperCase = string_proto."toLocaleUpperCase"(change_case, 0, 1);
    String_prototype_isWellFormed = string_proto."isWellFormed"(well_formed, 0, 0);
    String_prototype_toWellFormed = string_proto."toWellFormed"(well_formed, 0, 1);
    String_prototype_anchor = string_proto."anchor"(create_html, 1, 0);
    String_prototype_big = string_proto."big"(create_html, 0, 1);
    String_prototype_blink = string_proto."blink"(create_html, 0, 2);
    String_prototype_bold = string_proto."bold"(create_html, 0, 3);
    String_prototype_fixed = string_proto."fixed"(create_html, 0, 4);
    String_prototype_fontcolor = string_proto."fontcolor"(create_html, 1, 5);
    String_prototype_fontsize = string_proto."fontsize"(create_html, 1, 6);
    String_prototype_italics = string_proto."italics"(create_html, 0, 7);
    String_prototype_link = string_proto."link"(create_html, 1, 8);
    String_prototype_small = string_proto."small"(create_html, 0, 9);
    String_prototype_strike = string_proto."strike"(create_html, 0, 10);
    String_prototype_sub = string_proto."sub"(create_html, 0, 11);
    String_prototype_sup = string_proto."sup"(create_html, 0, 12);
    String_prototype_split = string_proto."split"(split, 2, 0);
    String_prototype_repeat = string_proto."repeat"(repeat, 1, 0);
    String_prototype_padStart = string_proto."padStart"(pad, 1, 0);
    String_prototype_padEnd = string_proto."padEnd"(pad, 1, 1);
    String_prototype_concat = string_proto."concat"(concat, 1, 0);
    String_prototype_match = string_proto."match"(match_like, 1, 0);
    String_prototype_matchAll = string_proto."matchAll"(match_like, 1, 1);
    String_prototype_search = string_proto."search"(match_like, 1, 2);
    String_prototype_replace = string_proto."replace"(replace, 2, 0);
    String_prototype_replaceAll = string_proto."replaceAll"(replace, 2, 1);
    String_prototype_localeCompare = string_proto."localeCompare"(locale_compare, 1, 0);
}
