//! The Annex B legacy static properties of RegExp (RegExp.$1-$9, input/$_, lastMatch/$&,
//! lastParen/$+, leftContext/$`, rightContext/$'), as the tc39 legacy RegExp features proposal
//! specifies them: accessors on %RegExp% that throw for any other receiver, updated by every
//! successful RegExpBuiltinExec of a RegExp made by %RegExp% itself and invalidated (their
//! getters then throw) by a match of a subclass instance.
use crate::function::Args;
use crate::runtime::{JsResult, Runtime};
use crate::shape::CONFIGURABLE;
use crate::string::JsString;
use crate::value::Value;
use alloc::vec::Vec;

/// [[RegExpInput]] and the last match the other properties derive from.
pub struct Statics {
    input: JsString,
    subject: JsString,
    /// Capture ranges of the last match (group 0 first) in `subject`.
    caps: Vec<Option<(usize, usize)>>,
    /// False after a match by a RegExp whose legacy features are disabled.
    invalid: bool,
}

impl Default for Statics {
    fn default() -> Self {
        Statics {
            input: JsString::empty(),
            subject: JsString::empty(),
            caps: Vec::new(),
            invalid: false,
        }
    }
}

/// UpdateLegacyRegExpStaticProperties, or InvalidateLegacyRegExpStaticProperties when the
/// matching RegExp's legacy features are disabled.
pub fn record_match(rt: &mut Runtime, legacy: bool, s: &JsString, caps: &[Option<(usize, usize)>]) {
    let st = &mut rt.regexp_legacy;
    st.invalid = !legacy;
    if legacy {
        st.input = s.clone();
        st.subject = s.clone();
        st.caps.clear();
        st.caps.extend_from_slice(caps);
    }
}

const INPUT: u16 = 9;
const LAST_MATCH: u16 = 10;
const LAST_PAREN: u16 = 11;
const LEFT_CONTEXT: u16 = 12;
const RIGHT_CONTEXT: u16 = 13;

/// The receiver must be %RegExp% itself (not a subclass, not another realm's).
fn check_receiver(rt: &mut Runtime, a: &Args) -> JsResult<()> {
    let ok = match (a.this.as_object(), &rt.realm.regexp_ctor) {
        (Some(t), Some(c)) => t.ptr_eq(c),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(rt.type_error("RegExp legacy static property accessed on an incompatible receiver"))
    }
}

/// GetLegacyRegExpStaticProperty; `magic` 0-8 is $1-$9, then the named properties.
fn getter(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    check_receiver(rt, a)?;
    let st = &rt.regexp_legacy;
    if st.invalid {
        return Err(rt.type_error("RegExp legacy static properties are not available"));
    }
    let part = |c: Option<&Option<(usize, usize)>>| match c {
        Some(Some((x, y))) => st.subject.slice(*x, *y),
        _ => JsString::empty(),
    };
    let whole = st.caps.first().copied().flatten();
    let s = match a.magic {
        INPUT => st.input.clone(),
        LAST_MATCH => part(st.caps.first()),
        LAST_PAREN if st.caps.len() > 1 => part(st.caps.last()),
        LAST_PAREN => JsString::empty(),
        LEFT_CONTEXT => whole.map_or_else(JsString::empty, |(x, _)| st.subject.slice(0, x)),
        RIGHT_CONTEXT => whole.map_or_else(JsString::empty, |(_, y)| {
            st.subject.slice(y, st.subject.len())
        }),
        n => part(st.caps.get(usize::from(n) + 1)),
    };
    Ok(Value::string(s))
}

/// SetLegacyRegExpStaticProperty for RegExp.input / RegExp.$_.
fn input_setter(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    check_receiver(rt, a)?;
    let s = rt.to_string(&a.get(0))?;
    rt.regexp_legacy.input = s;
    Ok(Value::UNDEFINED)
}

/// Defines the accessors on the RegExp constructor.
pub fn register(rt: &mut Runtime, ctor: &crate::object::Obj) {
    let define = |rt: &mut Runtime, name: &str, magic: u16, settable: bool| {
        let get = rt.new_native(&crate::text!("get ", name), getter, 0, magic, false);
        let set =
            settable.then(|| rt.new_native(&crate::text!("set ", name), input_setter, 1, 0, false));
        let key = rt.intern(name);
        rt.define_accessor(ctor, key, Some(get), set, CONFIGURABLE);
    };
    for i in 1..=9u16 {
        define(rt, &crate::text!("$", i), i - 1, false);
    }
    for (names, magic) in [
        (["input", "$_"], INPUT),
        (["lastMatch", "$&"], LAST_MATCH),
        (["lastParen", "$+"], LAST_PAREN),
        (["leftContext", "$`"], LEFT_CONTEXT),
        (["rightContext", "$'"], RIGHT_CONTEXT),
    ] {
        for name in names {
            define(rt, name, magic, magic == INPUT);
        }
    }
}
