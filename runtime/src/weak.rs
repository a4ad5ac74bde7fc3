//! The data behind WeakMap, WeakSet, WeakRef and FinalizationRegistry. None of it holds its
//! targets: a target object is named by a [`WeakKey`] that the heap hands out and resolves
//! (`gc.rs`), and the heap tells every [`WeakOwner`] of an object when it dies, so an entry goes
//! away with its key and no collection grows with dead keys. Symbols that can be held weakly are
//! atoms, which live as long as the runtime, so they are kept as they are.
//!
//! Invariant: a table is borrowed only inside one weak-collection operation that neither drops a
//! handle nor runs JavaScript while the borrow lasts (values leave the table first and are
//! dropped afterwards), so the heap's death notices and the collector always find it free.
use crate::atom::Atom;
use crate::gc::Gc;
use crate::value::Value;
use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use hashbrown::HashMap;

/// A weakly referenced object: its address and an id that is never reused, so a key whose
/// object died (and whose address now holds another object) matches nothing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WeakKey {
    pub addr: usize,
    pub id: u64,
}

/// What may be held weakly (CanBeHeldWeakly, 9.13): an object, by its key, or a symbol that is
/// not in the global registry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Object(WeakKey),
    Symbol(Atom),
}

/// Something that refers to objects weakly and must hear of their death.
pub trait WeakOwner {
    /// The object `key` names has died. True when a finalization cleanup job is now due.
    fn target_died(&self, key: WeakKey) -> bool;

    /// The registry, for an owner that is one (its cleanup job runs its callback).
    fn as_registry(&self) -> Option<&RefCell<Registry>> {
        None
    }
}

/// The entries of a WeakMap (a WeakSet's values are all undefined).
#[derive(Default)]
pub struct WeakTable {
    /// By key id: the key's address (to rebuild its [`WeakKey`]) and the value.
    objects: HashMap<u64, (usize, Value)>,
    symbols: HashMap<Atom, Value>,
}

impl WeakTable {
    pub fn get(&self, k: Held) -> Option<&Value> {
        match k {
            Held::Object(k) => self.objects.get(&k.id).map(|(_, v)| v),
            Held::Symbol(a) => self.symbols.get(&a),
        }
    }

    /// Sets `k` to `v`; returns the replaced value (to be dropped after the borrow ends).
    pub fn set(&mut self, k: Held, v: Value) -> Option<Value> {
        match k {
            Held::Object(k) => self.objects.insert(k.id, (k.addr, v)).map(|(_, v)| v),
            Held::Symbol(a) => self.symbols.insert(a, v),
        }
    }

    /// Removes `k`; returns its value (to be dropped after the borrow ends).
    pub fn remove(&mut self, k: Held) -> Option<Value> {
        match k {
            Held::Object(k) => self.objects.remove(&k.id).map(|(_, v)| v),
            Held::Symbol(a) => self.symbols.remove(&a),
        }
    }

    /// Reports every value (the references the collector subtracts).
    pub fn trace_values(&self, f: &mut dyn FnMut(&Gc)) {
        self.objects.values().for_each(|(_, v)| v.trace(f));
        self.symbols.values().for_each(|v| v.trace(f));
    }

    /// Reports the values whose keys are live (the ephemeron rule).
    pub fn trace_live_values(&self, is_live: &dyn Fn(WeakKey) -> bool, f: &mut dyn FnMut(&Gc)) {
        for (&id, (addr, v)) in &self.objects {
            if is_live(WeakKey { addr: *addr, id }) {
                v.trace(f);
            }
        }
        self.symbols.values().for_each(|v| v.trace(f));
    }
}

impl WeakOwner for RefCell<WeakTable> {
    fn target_died(&self, key: WeakKey) -> bool {
        // A table that is somehow busy keeps the entry: its id matches no live object, so it
        // is unreachable (only its memory stays).
        if let Ok(mut t) = self.try_borrow_mut() {
            let old = t.objects.remove(&key.id);
            drop(t);
            drop(old);
        }
        false
    }
}

/// A WeakRef's [[WeakRefTarget]]; emptied when the target dies.
pub struct WeakRefTarget(pub Cell<Option<Held>>);

impl WeakOwner for WeakRefTarget {
    fn target_died(&self, key: WeakKey) -> bool {
        if self.0.get() == Some(Held::Object(key)) {
            self.0.set(None);
        }
        false
    }
}

/// One registration of a FinalizationRegistry (a Record of [[Cells]]).
struct Registration {
    held_value: Value,
    token: Option<Held>,
}

/// A FinalizationRegistry's [[Cells]] and [[CleanupCallback]].
pub struct Registry {
    pub callback: Value,
    /// Live registrations, by target.
    cells: HashMap<Held, Vec<Registration>>,
    /// Registrations of dead targets, waiting for the cleanup job (still unregistrable).
    cleared: VecDeque<Registration>,
}

impl core::hash::Hash for Held {
    fn hash<H: core::hash::Hasher>(&self, h: &mut H) {
        match self {
            Held::Object(k) => (0u8, k.id).hash(h),
            Held::Symbol(a) => (1u8, a.0 as u64).hash(h),
        }
    }
}

impl Registry {
    pub fn new(callback: Value) -> Registry {
        Registry {
            callback,
            cells: HashMap::new(),
            cleared: VecDeque::new(),
        }
    }

    pub fn register(&mut self, target: Held, held_value: Value, token: Option<Held>) {
        self.cells
            .entry(target)
            .or_default()
            .push(Registration { held_value, token });
    }

    /// Removes the cells registered with `token`; returns their held values (to be dropped
    /// after the borrow ends).
    pub fn unregister(&mut self, token: Held) -> Vec<Value> {
        let mut removed = Vec::new();
        let mut take = |c: &mut Registration| {
            if c.token == Some(token) {
                removed.push(core::mem::take(&mut c.held_value));
                false
            } else {
                true
            }
        };
        for cells in self.cells.values_mut() {
            cells.retain_mut(&mut take);
        }
        self.cleared.retain_mut(take);
        self.cells.retain(|_, v| !v.is_empty());
        removed
    }

    /// The next held value whose cleanup is due.
    pub fn next_cleared(&mut self) -> Option<Value> {
        self.cleared.pop_front().map(|c| c.held_value)
    }

    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        self.callback.trace(f);
        for c in self.cells.values().flatten() {
            c.held_value.trace(f);
        }
        self.cleared.iter().for_each(|c| c.held_value.trace(f));
    }
}

impl WeakOwner for RefCell<Registry> {
    fn target_died(&self, key: WeakKey) -> bool {
        let Ok(mut r) = self.try_borrow_mut() else {
            return false;
        };
        let Some(cells) = r.cells.remove(&Held::Object(key)) else {
            return false;
        };
        r.cleared.extend(cells);
        true
    }

    fn as_registry(&self) -> Option<&RefCell<Registry>> {
        Some(self)
    }
}
