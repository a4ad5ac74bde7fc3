//! Global variables: the script-level lexical scope (let/const/class) over the global object,
//! with a small direct-mapped cache so that reading or writing a global costs a few compares
//! instead of two hash lookups.
//!
//! A cache entry is valid while (a) no lexical binding was declared since it was filled (declaring
//! one clears the cache) and (b) the global object still has the same shape at the same edit
//! epoch (dictionary shapes bump their epoch on every in-place edit; the entry holds an `Rc` of
//! the shape, so a freed shape's address can never be mistaken for a new one).
use crate::atom::Atom;
use crate::object::{Obj, Slot};
use crate::runtime::{ErrorType, JsResult, Runtime};
use crate::shape::{Shape, ACCESSOR, WRITABLE};
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec::Vec;
use hashbrown::HashMap;

/// A global lexical binding (script-level let/const/class).
pub struct LexBinding {
    pub value: Value,
    pub is_const: bool,
}

#[derive(Clone, Default)]
enum Cached {
    #[default]
    Empty,
    /// Index into `GlobalScope::lexicals`.
    Lexical(u32),
    /// A writable (or not) data property of the global object in slot `slot`.
    Property {
        shape: Rc<Shape>,
        epoch: u32,
        slot: u32,
        writable: bool,
    },
}

/// Where a cached global lives: (lexical index, is const) or (slot, writable).
enum Location {
    Lexical(u32, bool),
    Property(u32, bool),
}

#[derive(Clone, Default)]
struct Entry {
    atom: Option<Atom>,
    what: Cached,
}

const CACHE_SIZE: usize = 256;

pub struct GlobalScope {
    index: HashMap<Atom, u32>,
    lexicals: Vec<LexBinding>,
    cache: Vec<Entry>,
}

impl Default for GlobalScope {
    fn default() -> Self {
        GlobalScope {
            index: HashMap::new(),
            lexicals: Vec::new(),
            cache: alloc::vec![Entry::default(); CACHE_SIZE],
        }
    }
}

impl GlobalScope {
    pub fn has_lexical(&self, a: Atom) -> bool {
        self.index.contains_key(&a)
    }

    /// Declares a lexical binding in its TDZ (the caller checked for conflicts).
    pub fn declare_lexical(&mut self, a: Atom, is_const: bool) {
        self.index.insert(a, self.lexicals.len() as u32);
        self.lexicals.push(LexBinding {
            value: Value::UNINIT,
            is_const,
        });
        // A cached global-object property of that name is now shadowed.
        self.cache.iter_mut().for_each(|e| *e = Entry::default());
    }

    pub fn init_lexical(&mut self, a: Atom, v: Value) {
        if let Some(&i) = self.index.get(&a) {
            self.lexicals[i as usize].value = v;
        }
    }

    pub fn lexicals(&self) -> &[LexBinding] {
        &self.lexicals
    }

    fn slot(a: Atom) -> usize {
        a.0 as usize % CACHE_SIZE
    }

    /// Drops every binding (runtime teardown).
    pub fn clear(&mut self) {
        self.index.clear();
        self.lexicals.clear();
        self.cache.clear();
    }
}

impl Runtime {
    /// The cached location of global `a`, re-validated against the global object.
    #[inline]
    fn global_cached(&self, a: Atom, g: &Obj) -> Option<(Location, Value)> {
        let e = self.realm.globals.cache.get(GlobalScope::slot(a))?;
        if e.atom != Some(a) {
            return None;
        }
        match &e.what {
            Cached::Lexical(i) => {
                let b = &self.realm.globals.lexicals[*i as usize];
                Some((Location::Lexical(*i, b.is_const), b.value.clone()))
            }
            Cached::Property {
                shape,
                epoch,
                slot,
                writable,
            } => {
                let b = g.borrow();
                if !Rc::ptr_eq(&b.shape, shape) || b.shape.epoch() != *epoch {
                    return None;
                }
                match b.slots.get(*slot as usize) {
                    Some(Slot::Data(v)) => Some((Location::Property(*slot, *writable), v.clone())),
                    _ => None,
                }
            }
            Cached::Empty => None,
        }
    }

    fn fill_global_cache(&mut self, a: Atom, g: &Obj) {
        let what = if let Some(&i) = self.realm.globals.index.get(&a) {
            Cached::Lexical(i)
        } else {
            let b = g.borrow();
            match b.find(a) {
                Some((slot, flags)) if flags & ACCESSOR == 0 => Cached::Property {
                    shape: b.shape.clone(),
                    epoch: b.shape.epoch(),
                    slot: slot as u32,
                    writable: flags & WRITABLE != 0,
                },
                _ => return,
            }
        };
        self.realm.globals.cache[GlobalScope::slot(a)] = Entry {
            atom: Some(a),
            what,
        };
    }

    /// Reads global `a` (ReferenceError when absent unless `or_undef`, for `typeof`).
    pub(crate) fn get_global(&mut self, a: Atom, or_undef: bool) -> JsResult<Value> {
        let g = self.global();
        if let Some((_, v)) = self.global_cached(a, &g) {
            if v.is_uninit() {
                return Err(self.name_error(ErrorType::ReferenceError, a, "is not initialized"));
            }
            return Ok(v);
        }
        if let Some(&i) = self.realm.globals.index.get(&a) {
            self.fill_global_cache(a, &g);
            let v = self.realm.globals.lexicals[i as usize].value.clone();
            if v.is_uninit() {
                return Err(self.name_error(ErrorType::ReferenceError, a, "is not initialized"));
            }
            return Ok(v);
        }
        if self.has_property(&g, a)? {
            self.fill_global_cache(a, &g);
            return self.get_prop(&g, a, &Value::object(g.clone()));
        }
        if or_undef {
            Ok(Value::UNDEFINED)
        } else {
            Err(self.not_defined_error(a))
        }
    }

    /// Assigns global `a`: a lexical binding (TDZ- and const-checked) or a property of the
    /// global object (in strict code an undeclared name is a ReferenceError).
    pub(crate) fn put_global(&mut self, a: Atom, v: Value, strict: bool) -> JsResult<()> {
        let g = self.global();
        match self.global_cached(a, &g) {
            Some((Location::Property(slot, true), _)) => {
                g.borrow_mut().slots[slot as usize] = Slot::Data(v);
                return Ok(());
            }
            Some((Location::Lexical(i, false), old)) if !old.is_uninit() => {
                self.realm.globals.lexicals[i as usize].value = v;
                return Ok(());
            }
            _ => {}
        }
        if let Some(&i) = self.realm.globals.index.get(&a) {
            let b = &self.realm.globals.lexicals[i as usize];
            if b.value.is_uninit() {
                return Err(self.name_error(ErrorType::ReferenceError, a, "is not initialized"));
            }
            if b.is_const {
                return Err(self.type_error("Assignment to constant variable."));
            }
            self.realm.globals.lexicals[i as usize].value = v;
            self.fill_global_cache(a, &g);
            return Ok(());
        }
        if strict && !self.has_property(&g, a)? {
            return Err(self.not_defined_error(a));
        }
        self.put(&Value::object(g.clone()), a, v, strict)?;
        self.fill_global_cache(a, &g);
        Ok(())
    }

    /// `X is not defined`, naming the qjsc flag when X belongs to a feature the program was built
    /// without (`Date is not defined (the program was built with -fno-date)`).
    fn not_defined_error(&mut self, a: Atom) -> crate::runtime::Exc {
        let n = self.atom_string(a);
        match crate::builtins::removed_feature(self, &n) {
            Some(flag) => self.throw_error(
                ErrorType::ReferenceError,
                &crate::text!(
                    n,
                    " is not defined (the program was built with -fno-",
                    flag,
                    ")"
                ),
            ),
            None => self.name_error(ErrorType::ReferenceError, a, "is not defined"),
        }
    }

    pub(crate) fn name_error(&mut self, t: ErrorType, a: Atom, what: &str) -> crate::runtime::Exc {
        let n = self.atom_string(a);
        self.throw_error(t, &crate::text!(n, " ", what))
    }
}
