//! The JSON object (ECMA-262 25.5): `JSON.parse` with a reviver and `JSON.stringify` with a
//! replacer function or property list, indentation, `toJSON` and well-formed output; and the
//! JSON.parse source text access proposal: the reviver's `context.source`, `JSON.rawJSON`,
//! `JSON.isRawJSON`.
use crate::atom::{names, Atom};
use crate::function::Args;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{ErrorType, Exc, JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::string::JsString;
use crate::value::{Value, V};
use alloc::string::String;
use alloc::vec::Vec;

/// A code unit of the text being parsed (Latin-1 or UTF-16 strings are parsed in place).
trait Unit: Copy {
    fn code(self) -> u16;
    fn string(s: &[Self]) -> JsString;
}

impl Unit for u8 {
    fn code(self) -> u16 {
        self as u16
    }
    fn string(s: &[u8]) -> JsString {
        JsString::from_latin1(s.to_vec())
    }
}

impl Unit for u16 {
    fn code(self) -> u16 {
        self
    }
    fn string(s: &[u16]) -> JsString {
        JsString::from_units(s)
    }
}

/// A recursive-descent parser for the JSON grammar (25.5.1 and ECMA-404).
struct Parser<'a, T: Unit> {
    s: &'a [T],
    pos: usize,
    /// Build a JSON Parse Record for every value (only when a reviver will see them).
    track: bool,
    /// The records of the values parsed so far whose parent is still open.
    records: Vec<ParseRecord>,
}

/// A JSON Parse Record: a parsed value with the source range of a primitive, and the records
/// of an array's elements or an object's entries (keyed; the last of duplicate keys wins).
struct ParseRecord {
    value: Value,
    key: Option<Atom>,
    source: Option<(usize, usize)>,
    children: Vec<ParseRecord>,
}

impl ParseRecord {
    fn entry(&self, key: Atom) -> Option<&ParseRecord> {
        self.children.iter().rev().find(|r| r.key == Some(key))
    }
}

impl<T: Unit> Parser<'_, T> {
    fn peek(&self) -> Option<u16> {
        self.s.get(self.pos).map(|u| u.code())
    }

    fn skip_ws(&mut self) {
        while let Some(0x09 | 0x0A | 0x0D | 0x20) = self.peek() {
            self.pos += 1;
        }
    }

    fn error(&self, rt: &mut Runtime) -> Exc {
        let msg = match self.peek() {
            None => String::from("Unexpected end of JSON input"),
            Some(u) => {
                let c = char::from_u32(u as u32).unwrap_or('\u{fffd}');
                crate::text!("Unexpected token '", c, "' in JSON at position ", self.pos)
            }
        };
        rt.throw_error(ErrorType::SyntaxError, &msg)
    }

    fn expect(&mut self, rt: &mut Runtime, u: u8) -> JsResult<()> {
        if self.peek() == Some(u as u16) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(rt))
        }
    }

    fn value(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        self.skip_ws();
        if !self.track {
            return self.untracked_value(rt);
        }
        let (start, first_child) = (self.pos, self.records.len());
        let v = self.untracked_value(rt)?;
        let children = self.records.split_off(first_child);
        let source = (!v.is_object()).then_some((start, self.pos));
        self.records.push(ParseRecord {
            value: v.clone(),
            key: None,
            source,
            children,
        });
        Ok(v)
    }

    /// A value, its children tracked if `track` is set but not the value itself.
    fn untracked_value(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        match self.peek() {
            Some(0x7B) => self.object(rt),
            Some(0x5B) => self.array(rt),
            Some(0x22) => Ok(Value::string(self.string(rt)?)),
            Some(0x2D | 0x30..=0x39) => self.number(rt),
            Some(0x74) => self.literal(rt, b"true", Value::TRUE),
            Some(0x66) => self.literal(rt, b"false", Value::FALSE),
            Some(0x6E) => self.literal(rt, b"null", Value::NULL),
            _ => Err(self.error(rt)),
        }
    }

    fn literal(&mut self, rt: &mut Runtime, word: &[u8], v: Value) -> JsResult<Value> {
        for &b in word {
            self.expect(rt, b)?;
        }
        Ok(v)
    }

    fn object(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        rt.check_stack()?;
        self.pos += 1;
        let o = rt.new_object();
        self.skip_ws();
        if self.peek() == Some(0x7D) {
            self.pos += 1;
            return Ok(Value::object(o));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(0x22) {
                return Err(self.error(rt));
            }
            let key = self.string(rt)?;
            let key = rt.atoms.intern(&key);
            self.skip_ws();
            self.expect(rt, b':')?;
            let v = self.value(rt)?;
            if let Some(r) = self.records.last_mut().filter(|_| self.track) {
                r.key = Some(key);
            }
            // Duplicate keys: the last value wins; `__proto__` is a plain data property.
            rt.create_data_property(&o, key, v)?;
            self.skip_ws();
            match self.peek() {
                Some(0x2C) => self.pos += 1,
                Some(0x7D) => {
                    self.pos += 1;
                    return Ok(Value::object(o));
                }
                _ => return Err(self.error(rt)),
            }
        }
    }

    fn array(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        rt.check_stack()?;
        self.pos += 1;
        let mut elems = Vec::new();
        self.skip_ws();
        if self.peek() == Some(0x5D) {
            self.pos += 1;
            return Ok(Value::object(rt.new_array(elems)));
        }
        loop {
            elems.push(self.value(rt)?);
            self.skip_ws();
            match self.peek() {
                Some(0x2C) => self.pos += 1,
                Some(0x5D) => {
                    self.pos += 1;
                    return Ok(Value::object(rt.new_array(elems)));
                }
                _ => return Err(self.error(rt)),
            }
        }
    }

    /// A string literal; `pos` is at the opening quote.
    fn string(&mut self, rt: &mut Runtime) -> JsResult<JsString> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes.
        loop {
            match self.peek() {
                Some(0x22) => {
                    let s = T::string(&self.s[start..self.pos]);
                    self.pos += 1;
                    return Ok(s);
                }
                Some(0x5C) => break,
                Some(u) if u >= 0x20 => self.pos += 1,
                _ => return Err(self.error(rt)),
            }
        }
        let mut out: Vec<u16> = self.s[start..self.pos].iter().map(|u| u.code()).collect();
        loop {
            match self.peek() {
                Some(0x22) => {
                    self.pos += 1;
                    return Ok(JsString::from_utf16(out));
                }
                Some(0x5C) => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(0x22) => 0x22,
                        Some(0x5C) => 0x5C,
                        Some(0x2F) => 0x2F,
                        Some(0x62) => 0x08,
                        Some(0x66) => 0x0C,
                        Some(0x6E) => 0x0A,
                        Some(0x72) => 0x0D,
                        Some(0x74) => 0x09,
                        Some(0x75) => {
                            let mut v: u16 = 0;
                            for _ in 0..4 {
                                self.pos += 1;
                                let d = self
                                    .peek()
                                    .and_then(|u| char::from_u32(u as u32))
                                    .and_then(|c| c.to_digit(16));
                                match d {
                                    Some(d) => v = v * 16 + d as u16,
                                    None => return Err(self.error(rt)),
                                }
                            }
                            v
                        }
                        _ => return Err(self.error(rt)),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(u) if u >= 0x20 => {
                    out.push(u);
                    self.pos += 1;
                }
                _ => return Err(self.error(rt)),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(0x30..=0x39) = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        let start = self.pos;
        let neg = self.peek() == Some(0x2D);
        if neg {
            self.pos += 1;
        }
        match self.peek() {
            Some(0x30) => self.pos += 1,
            Some(0x31..=0x39) => {
                self.digits();
            }
            _ => return Err(self.error(rt)),
        }
        let int_end = self.pos;
        if self.peek() == Some(0x2E) {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error(rt));
            }
        }
        if let Some(0x45 | 0x65) = self.peek() {
            self.pos += 1;
            if let Some(0x2B | 0x2D) = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error(rt));
            }
        }
        let text = &self.s[start..self.pos];
        // Small integers without fraction or exponent.
        if int_end == self.pos && text.len() <= 10 {
            let digits = &text[neg as usize..];
            let n = digits
                .iter()
                .fold(0i64, |n, u| n * 10 + (u.code() - 0x30) as i64);
            let f = n as f64;
            return Ok(Value::number(if neg { -f } else { f }));
        }
        // JSON's number grammar is a signed StrUnsignedDecimalLiteral.
        let body: Vec<u8> = text[neg as usize..]
            .iter()
            .map(|u| u.code() as u8)
            .collect();
        let f = crate::math::decimal_to_f64(&body);
        Ok(Value::number(if neg { -f } else { f }))
    }
}

/// The keys EnumerableOwnProperties(o, key) lists (7.3.24).
fn enumerable_own_keys(rt: &mut Runtime, o: &Obj) -> Vec<Atom> {
    let mut out = Vec::new();
    for k in rt.own_keys(o) {
        if rt.atoms.is_symbol(k) {
            continue;
        }
        if rt
            .get_own_property(o, k)
            .is_some_and(|d| d.enumerable == Some(true))
        {
            out.push(k);
        }
    }
    out
}

/// InternalizeJSONProperty (25.5.1.1, with the source text access proposal's parse records).
fn internalize(
    rt: &mut Runtime,
    holder: &Obj,
    name: Atom,
    reviver: &Value,
    text: &JsString,
    record: Option<&ParseRecord>,
) -> JsResult<Value> {
    rt.check_stack()?;
    let hv = Value::object(holder.clone());
    let val = rt.get(&hv, name)?;
    let context = rt.new_object();
    // The record describes `val` only while the reviver has not replaced it.
    let record = record.filter(|r| r.value.same_value(&val));
    if let Some((start, end)) = record.and_then(|r| r.source) {
        let source = Value::string(text.slice(start, end));
        rt.create_data_property(&context, names::source, source)?;
    }
    if let Some(o) = val.as_object().cloned() {
        let children = record.map_or(&[][..], |r| &r.children[..]);
        if o.is_array() {
            let len = super::util::length_of(rt, &val)?;
            let mut i = 0.0;
            while i < len {
                let k = rt.number_key(i);
                let child = children.get(i as usize);
                revive_property(rt, &o, k, reviver, text, child)?;
                i += 1.0;
            }
        } else {
            for k in enumerable_own_keys(rt, &o) {
                let child = record.and_then(|r| r.entry(k));
                revive_property(rt, &o, k, reviver, text, child)?;
            }
        }
    }
    let key = Value::string(rt.atoms.text(name));
    rt.call(reviver, hv, &[key, val, Value::object(context)])
}

/// One step of InternalizeJSONProperty's walk: revives `o[k]`, deleting it when the reviver
/// returns undefined.
fn revive_property(
    rt: &mut Runtime,
    o: &Obj,
    k: Atom,
    reviver: &Value,
    text: &JsString,
    record: Option<&ParseRecord>,
) -> JsResult<()> {
    let v = internalize(rt, o, k, reviver, text, record)?;
    if v.is_undefined() {
        rt.delete_property(o, k)?;
    } else {
        rt.create_data_property(o, k, v)?;
    }
    Ok(())
}

/// JSON.parse (25.5.1).
fn parse(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let text = rt.to_string(&a.get(0))?;
    let reviver = a.get(1);
    let track = rt.is_callable(&reviver);
    let (v, record) = match text.as_latin1() {
        Some(bytes) => parse_text(rt, bytes, track)?,
        None => parse_text(rt, &text.to_utf16(), track)?,
    };
    if !track {
        return Ok(v);
    }
    let root = rt.new_object();
    rt.create_data_property(&root, names::empty, v)?;
    internalize(rt, &root, names::empty, &reviver, &text, record.as_ref())
}

/// Parses a whole JSON text; with `track`, also returns the value's parse record.
fn parse_text<T: Unit>(
    rt: &mut Runtime,
    s: &[T],
    track: bool,
) -> JsResult<(Value, Option<ParseRecord>)> {
    let mut p = Parser {
        s,
        pos: 0,
        track,
        records: Vec::new(),
    };
    let v = p.value(rt)?;
    p.skip_ws();
    if p.pos != s.len() {
        return Err(p.error(rt));
    }
    Ok((v, p.records.pop()))
}

/// JSON.rawJSON (source text access proposal): a frozen, null-prototype object whose
/// `rawJSON` text JSON.stringify writes as is; the text must be one JSON primitive without
/// surrounding white space.
fn raw_json(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let text = rt.to_string(&a.get(0))?;
    let units = text.to_utf16();
    let padded = |u: Option<&u16>| matches!(u, None | Some(0x09 | 0x0A | 0x0D | 0x20));
    let open = matches!(units.first(), Some(0x5B | 0x7B));
    if padded(units.first()) || padded(units.last()) || open {
        return Err(rt.throw_error(
            ErrorType::SyntaxError,
            "JSON.rawJSON needs a JSON primitive without surrounding white space",
        ));
    }
    parse_text(rt, &units, false)?;
    let o = rt.alloc_object(None, ObjectKind::RawJson);
    let key = rt.intern("rawJSON");
    rt.create_data_property(&o, key, Value::string(text))?;
    super::object::set_integrity_level(rt, &o, 0)?;
    Ok(Value::object(o))
}

/// JSON.isRawJSON: whether the argument was made by JSON.rawJSON.
fn is_raw_json(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let raw = a
        .get(0)
        .as_object()
        .is_some_and(|o| matches!(o.borrow().kind, ObjectKind::RawJson));
    Ok(Value::bool(raw))
}

/// Longest text JSON.stringify produces (in code units); beyond it, a RangeError rather than
/// exhausting memory (a sparse array with a huge length would otherwise print billions of nulls).
const MAX_OUTPUT: usize = 1 << 30;

/// The state of one JSON.stringify call (25.5.2).
struct Stringifier {
    out: Vec<u16>,
    replacer: Option<Value>,
    property_list: Option<Vec<Atom>>,
    stack: Vec<Obj>,
    indent: Vec<u16>,
    gap: Vec<u16>,
}

/// A property key while serializing: array elements are indexed without making atoms.
#[derive(Clone, Copy)]
enum Key {
    Atom(Atom),
    Index(u32),
}

impl Stringifier {
    fn push_str(&mut self, s: &str) {
        self.out.extend(s.bytes().map(u16::from));
    }

    /// QuoteJSONString (25.5.2.3): well-formed, lone surrogates escaped.
    fn quote(&mut self, s: &JsString) {
        self.out.push(0x22);
        let n = s.len();
        let mut i = 0;
        while i < n {
            let u = s.at(i);
            i += 1;
            match u {
                0x08 => self.push_str("\\b"),
                0x09 => self.push_str("\\t"),
                0x0A => self.push_str("\\n"),
                0x0C => self.push_str("\\f"),
                0x0D => self.push_str("\\r"),
                0x22 => self.push_str("\\\""),
                0x5C => self.push_str("\\\\"),
                0xD800..=0xDBFF if i < n && (0xDC00..=0xDFFF).contains(&s.at(i)) => {
                    self.out.push(u);
                    self.out.push(s.at(i));
                    i += 1;
                }
                0..=0x1F | 0xD800..=0xDFFF => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        self.out.push(HEX[((u >> shift) & 15) as usize] as u16);
                    }
                }
                _ => self.out.push(u),
            }
        }
        self.out.push(0x22);
    }

    fn key_value(rt: &mut Runtime, k: Key) -> Value {
        match k {
            Key::Atom(a) => Value::string(rt.atoms.text(a)),
            Key::Index(i) => Value::string(crate::number::int_to_string(i as i64)),
        }
    }

    /// SerializeJSONProperty (25.5.2.2): appends the serialization of `holder[key]`; false
    /// (and nothing appended) when it is undefined.
    fn property(&mut self, rt: &mut Runtime, holder: &Value, key: Key) -> JsResult<bool> {
        let mut value = match key {
            Key::Atom(a) => rt.get(holder, a)?,
            Key::Index(i) => rt.get_index(holder, i)?,
        };
        if value.is_object() || value.is_bigint() {
            let to_json = rt.get(&value, names::toJSON)?;
            if rt.is_callable(&to_json) {
                let k = Self::key_value(rt, key);
                value = rt.call(&to_json, value.clone(), &[k])?;
            }
        }
        if let Some(r) = self.replacer.clone() {
            let k = Self::key_value(rt, key);
            value = rt.call(&r, holder.clone(), &[k, value])?;
        }
        if let Some(o) = value.as_object() {
            if matches!(o.borrow().kind, ObjectKind::RawJson) {
                let key = rt.intern("rawJSON");
                let raw = rt.get(&value, key)?;
                if let Some(s) = raw.as_string() {
                    self.out.extend(s.units());
                }
                return Ok(true);
            }
            let unwrapped = match &o.borrow().kind {
                ObjectKind::Number(_) => Some(0),
                ObjectKind::String(_) => Some(1),
                ObjectKind::Boolean(b) => Some(2 + *b as u8),
                ObjectKind::BigInt(_) => Some(4),
                _ => None,
            };
            value = match unwrapped {
                Some(4) => return Err(rt.type_error("Do not know how to serialize a BigInt")),
                Some(0) => Value::number(rt.to_number(&value)?),
                Some(1) => Value::string(rt.to_string(&value)?),
                Some(2) => Value::FALSE,
                Some(_) => Value::TRUE,
                None => value,
            };
        }
        match value.get() {
            V::Null => self.push_str("null"),
            V::Bool(b) => self.push_str(if b { "true" } else { "false" }),
            V::Str(s) => self.quote(s),
            V::Int(i) => {
                let s = crate::number::int_to_string(i as i64);
                self.out.extend(s.units());
            }
            V::Float(f) => {
                if f.is_finite() {
                    let s = crate::number::number_to_string(f);
                    self.out.extend(s.units());
                } else {
                    self.push_str("null");
                }
            }
            V::BigInt(_) => return Err(rt.type_error("Do not know how to serialize a BigInt")),
            V::Object(o) if !o.is_callable() => {
                let o = o.clone();
                if o.is_array() {
                    self.array(rt, &o)?;
                } else {
                    self.object(rt, &o)?;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Pushes `o` on the cycle stack and indents (the common start of 25.5.2.5 and 25.5.2.6).
    fn enter(&mut self, rt: &mut Runtime, o: &Obj) -> JsResult<usize> {
        rt.check_stack()?;
        if self.stack.iter().any(|s| s.ptr_eq(o)) {
            return Err(rt.type_error("Converting circular structure to JSON"));
        }
        self.stack.push(o.clone());
        let stepback = self.indent.len();
        self.indent.extend_from_slice(&self.gap);
        Ok(stepback)
    }

    fn leave(&mut self, stepback: usize) {
        self.stack.pop();
        self.indent.truncate(stepback);
    }

    /// Before a member (`first` for the first one): the separator and indentation.
    fn separator(&mut self, rt: &mut Runtime, first: bool) -> JsResult<()> {
        if self.out.len() > MAX_OUTPUT {
            return Err(rt.range_error("Invalid string length"));
        }
        if !first {
            self.out.push(b',' as u16);
        }
        if !self.gap.is_empty() {
            self.out.push(b'\n' as u16);
            self.out.extend_from_slice(&self.indent);
        }
        Ok(())
    }

    /// After the last member: the closing bracket on its own line when indenting.
    fn close(&mut self, any: bool, stepback: usize, bracket: u8) {
        if any && !self.gap.is_empty() {
            self.out.push(b'\n' as u16);
            self.out.extend_from_slice(&self.indent[..stepback]);
        }
        self.out.push(bracket as u16);
    }

    /// SerializeJSONObject (25.5.2.5).
    fn object(&mut self, rt: &mut Runtime, o: &Obj) -> JsResult<()> {
        let stepback = self.enter(rt, o)?;
        let keys = match &self.property_list {
            Some(l) => l.clone(),
            None => enumerable_own_keys(rt, o),
        };
        let ov = Value::object(o.clone());
        self.out.push(b'{' as u16);
        let mut any = false;
        for k in keys {
            let mark = self.out.len();
            self.separator(rt, !any)?;
            let name = rt.atoms.text(k);
            self.quote(&name);
            self.out.push(b':' as u16);
            if !self.gap.is_empty() {
                self.out.push(b' ' as u16);
            }
            if self.property(rt, &ov, Key::Atom(k))? {
                any = true;
            } else {
                self.out.truncate(mark);
            }
        }
        self.close(any, stepback, b'}');
        self.leave(stepback);
        Ok(())
    }

    /// SerializeJSONArray (25.5.2.6).
    fn array(&mut self, rt: &mut Runtime, o: &Obj) -> JsResult<()> {
        let stepback = self.enter(rt, o)?;
        let ov = Value::object(o.clone());
        let len = super::util::length_of(rt, &ov)?;
        self.out.push(b'[' as u16);
        let mut i = 0.0;
        while i < len {
            self.separator(rt, i == 0.0)?;
            let key = if i < u32::MAX as f64 {
                Key::Index(i as u32)
            } else {
                Key::Atom(rt.number_key(i))
            };
            if !self.property(rt, &ov, key)? {
                self.push_str("null");
            }
            i += 1.0;
        }
        self.close(len > 0.0, stepback, b']');
        self.leave(stepback);
        Ok(())
    }
}

/// JSON.stringify (25.5.2).
fn stringify(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let replacer = a.get(1);
    let mut st = Stringifier {
        out: Vec::new(),
        replacer: None,
        property_list: None,
        stack: Vec::new(),
        indent: Vec::new(),
        gap: Vec::new(),
    };
    if let Some(r) = replacer.as_object() {
        if r.is_callable() {
            st.replacer = Some(replacer.clone());
        } else if r.is_array() {
            let len = super::util::length_of(rt, &replacer)?;
            let mut list: Vec<Atom> = Vec::new();
            let mut i = 0.0;
            while i < len {
                let k = rt.number_key(i);
                let v = rt.get(&replacer, k)?;
                let item = match v.get() {
                    V::Str(s) => Some(s.clone()),
                    V::Int(_) | V::Float(_) => Some(rt.to_string(&v)?),
                    V::Object(o) => {
                        let wrapper = matches!(
                            o.borrow().kind,
                            ObjectKind::String(_) | ObjectKind::Number(_)
                        );
                        if wrapper {
                            Some(rt.to_string(&v)?)
                        } else {
                            None
                        }
                    }
                    _ => None,
                };
                if let Some(s) = item {
                    let atom = rt.atoms.intern(&s);
                    if !list.contains(&atom) {
                        list.push(atom);
                    }
                }
                i += 1.0;
            }
            st.property_list = Some(list);
        }
    }
    let mut space = a.get(2);
    if let Some(o) = space.as_object() {
        let kind = match &o.borrow().kind {
            ObjectKind::Number(_) => 1,
            ObjectKind::String(_) => 2,
            _ => 0,
        };
        if kind == 1 {
            space = Value::number(rt.to_number(&space)?);
        } else if kind == 2 {
            space = Value::string(rt.to_string(&space)?);
        }
    }
    if let Some(n) = space.as_number() {
        let n = crate::number::to_integer_or_infinity(n).min(10.0);
        if n >= 1.0 {
            st.gap = alloc::vec![b' ' as u16; n as usize];
        }
    } else if let Some(s) = space.as_string() {
        st.gap = s.units().take(10).collect();
    }
    let wrapper = rt.new_object();
    rt.create_data_property(&wrapper, names::empty, a.get(0))?;
    if st.property(rt, &Value::object(wrapper), Key::Atom(names::empty))? {
        Ok(Value::string(JsString::from_utf16(st.out)))
    } else {
        Ok(Value::UNDEFINED)
    }
}

pub fn register(rt: &mut Runtime) {
    let op = rt.realm.object_proto.clone();
    let json = rt.alloc_object(Some(&op), ObjectKind::Ordinary);
    rt.define_method(&json, "parse", parse, 2);
    rt.define_method(&json, "stringify", stringify, 3);
    rt.define_method(&json, "rawJSON", raw_json, 1);
    rt.define_method(&json, "isRawJSON", is_raw_json, 1);
    rt.define_value(
        &json,
        names::Symbol_toStringTag,
        Value::str("JSON"),
        CONFIGURABLE,
    );
    let g = rt.global();
    let key = rt.intern("JSON");
    rt.define_value(&g, key, Value::object(json), WC);
}
