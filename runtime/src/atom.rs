//! Atoms: interned property keys compared as integers. Integer keys up to 2^31 - 1 are
//! immediate (no table entry); strings and symbols live in the runtime's table.
use crate::string::JsString;
use alloc::vec::Vec;
use hashbrown::HashMap;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Atom(pub u32);

const INT_TAG: u32 = 1 << 31;

impl Atom {
    pub const fn from_index(i: u32) -> Option<Atom> {
        if i < INT_TAG {
            Some(Atom(i | INT_TAG))
        } else {
            None
        }
    }
    /// The integer this atom stands for, if it is an immediate integer key.
    #[inline]
    pub fn as_index(self) -> Option<u32> {
        (self.0 & INT_TAG != 0).then_some(self.0 & !INT_TAG)
    }
}

enum Entry {
    Str(JsString),
    /// A symbol, with its description (None for `Symbol()`).
    Symbol(Option<JsString>),
    /// A private name (`#x`) of one class evaluation, with its description (`#x`). Private
    /// names key properties that no reflection lists (`own_keys` skips them).
    Private(JsString),
}

pub struct AtomTable {
    entries: Vec<Entry>,
    map: HashMap<JsString, u32>,
}

macro_rules! predefined {
    ($( $name:ident = $text:expr ),* $(,)?) => {
        /// Atoms every runtime interns first, in this order.
        #[allow(non_upper_case_globals)]
        pub mod names {
            use super::Atom;
            predefined!(@consts 0u32; $($name)*);
        }
        const PREDEFINED: &[&str] = &[ $( $text, )* ];
    };
    (@consts $n:expr; $first:ident $($rest:ident)*) => {
        pub const $first: Atom = Atom($n);
        predefined!(@consts $n + 1u32; $($rest)*);
    };
    (@consts $n:expr;) => {};
}

predefined! {
    empty = "", length = "length", prototype = "prototype", constructor = "constructor",
    name = "name", message = "message", stack = "stack", cause = "cause",
    toString = "toString", valueOf = "valueOf", value = "value", done = "done", next = "next",
    get = "get", set = "set", writable = "writable", enumerable = "enumerable",
    configurable = "configurable", undefined = "undefined", callee = "callee",
    return_ = "return", throw_ = "throw", lastIndex = "lastIndex", join = "join",
    toJSON = "toJSON", arguments = "arguments", caller = "caller", errors = "errors",
    __proto__ = "__proto__", default = "default", globalThis = "globalThis", index = "index",
    input = "input", groups = "groups", then = "then", resolve_ = "resolve", anonymous = "<anonymous>",
    exec = "exec", flags = "flags", source = "source",
    // RegExp.prototype's flag getters (the flags getter reads all eight on every call).
    hasIndices = "hasIndices", global = "global", ignoreCase = "ignoreCase",
    multiline = "multiline", dotAll = "dotAll", unicode = "unicode", unicodeSets = "unicodeSets",
    sticky = "sticky",
    // Well-known symbols (described as the spec names them).
    Symbol_iterator = "Symbol.iterator", Symbol_hasInstance = "Symbol.hasInstance",
    Symbol_toPrimitive = "Symbol.toPrimitive", Symbol_toStringTag = "Symbol.toStringTag",
    Symbol_species = "Symbol.species", Symbol_isConcatSpreadable = "Symbol.isConcatSpreadable",
    Symbol_unscopables = "Symbol.unscopables", Symbol_asyncIterator = "Symbol.asyncIterator",
    Symbol_match = "Symbol.match", Symbol_matchAll = "Symbol.matchAll", Symbol_replace = "Symbol.replace",
    Symbol_search = "Symbol.search", Symbol_split = "Symbol.split",
    Symbol_dispose = "Symbol.dispose", Symbol_asyncDispose = "Symbol.asyncDispose",
}

/// The first well-known symbol; every predefined atom from here on is a symbol.
const FIRST_SYMBOL: u32 = names::Symbol_iterator.0;

impl AtomTable {
    pub fn new() -> AtomTable {
        let mut t = AtomTable {
            entries: Vec::new(),
            map: HashMap::new(),
        };
        for (i, text) in PREDEFINED.iter().enumerate() {
            let s = JsString::from_str(text);
            if i as u32 >= FIRST_SYMBOL {
                t.entries.push(Entry::Symbol(Some(s)));
            } else {
                t.map.insert(s.clone(), i as u32);
                t.entries.push(Entry::Str(s));
            }
        }
        t
    }

    /// Interns a string key (canonical array indices become immediate integer atoms).
    pub fn intern(&mut self, s: &JsString) -> Atom {
        if let Some(i) = s.to_array_index().and_then(Atom::from_index) {
            return i;
        }
        if let Some(&i) = self.map.get(s) {
            return Atom(i);
        }
        let i = self.entries.len() as u32;
        self.entries.push(Entry::Str(s.clone()));
        self.map.insert(s.clone(), i);
        Atom(i)
    }

    pub fn intern_str(&mut self, s: &str) -> Atom {
        self.intern(&JsString::from_str(s))
    }

    /// A new symbol.
    pub fn new_symbol(&mut self, description: Option<JsString>) -> Atom {
        let i = self.entries.len() as u32;
        self.entries.push(Entry::Symbol(description));
        Atom(i)
    }

    /// A new private name (each evaluation of a class body creates its own).
    pub fn new_private(&mut self, description: JsString) -> Atom {
        let i = self.entries.len() as u32;
        self.entries.push(Entry::Private(description));
        Atom(i)
    }

    pub fn is_private(&self, a: Atom) -> bool {
        a.as_index().is_none() && matches!(self.entries.get(a.0 as usize), Some(Entry::Private(_)))
    }

    pub fn is_symbol(&self, a: Atom) -> bool {
        a.as_index().is_none() && matches!(self.entries.get(a.0 as usize), Some(Entry::Symbol(_)))
    }

    /// The key as a string (for symbols: their description, or the empty string).
    pub fn text(&self, a: Atom) -> JsString {
        if let Some(i) = a.as_index() {
            return crate::number::int_to_string(i as i64);
        }
        match self.entries.get(a.0 as usize) {
            Some(Entry::Str(s)) => s.clone(),
            Some(Entry::Symbol(Some(d))) => d.clone(),
            Some(Entry::Private(d)) => d.clone(),
            _ => JsString::empty(),
        }
    }

    pub fn symbol_description(&self, a: Atom) -> Option<JsString> {
        match self.entries.get(a.0 as usize) {
            Some(Entry::Symbol(d)) => d.clone(),
            _ => None,
        }
    }
}

impl Default for AtomTable {
    fn default() -> Self {
        Self::new()
    }
}
