//! Map and Set (ECMA-262 24.1, 24.2), their iterators, `Map.groupBy` / `Object.groupBy` (GroupBy,
//! 7.3.35) and the Set methods (union, intersection, ..., with GetSetRecord semantics).
//!
//! A collection is an insertion-ordered entry list with a hash index over it ([`MapData`]).
//! Deleting leaves a tombstone; the list is compacted when tombstones outnumber live entries.
//! Everything that walks the list (iterators, `forEach`, the Set methods) does so through a
//! registered cursor, and compaction moves every live cursor to the same logical position, so the
//! spec's "entries added during iteration are visited, deleted ones are skipped" holds.
// Without the `map` feature the group's registration is not compiled; what only it reaches
// is then unreferenced (never code-generated), while the parts the base uses stay.
#![cfg_attr(not(feature = "map"), allow(dead_code, unused_imports))]
use crate::atom::{names, Atom};
use crate::function::{is_native, Args};
use crate::gc::Gc;
use crate::object::{IterKind, Obj, ObjectKind};
use crate::runtime::{Exc, JsResult, Runtime};
use crate::shape::CONFIGURABLE;
use crate::value::{Value, V};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::Cell;
use core::hash::BuildHasher;
use hashbrown::{DefaultHashBuilder, HashTable};

/// A position in a collection's entry list, shared between the walker and the collection (which
/// moves it on compaction). A cursor whose only owner is the collection is dead.
pub type Cursor = Rc<Cell<usize>>;

struct Entry {
    /// `Value::UNINIT` once deleted.
    key: Value,
    value: Value,
    hash: u64,
}

/// The [[MapData]] / [[SetData]] of a collection.
pub struct MapData {
    entries: Vec<Entry>,
    /// Indices into `entries` of the live entries, hashed by key.
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
    live: usize,
    cursors: Vec<Cursor>,
    /// Dead cursors are swept when `cursors` grows past this.
    cursor_sweep_at: usize,
}

/// SameValueZero (7.2.11).
pub fn same_value_zero(a: &Value, b: &Value) -> bool {
    match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => a.strict_equals(b),
    }
}

/// -0 becomes +0 (keys are stored canonicalized).
fn canonical_key(v: Value) -> Value {
    if v.as_number() == Some(0.0) {
        Value::int(0)
    } else {
        v
    }
}

impl Default for MapData {
    fn default() -> Self {
        MapData {
            entries: Vec::new(),
            index: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
            live: 0,
            cursors: Vec::new(),
            cursor_sweep_at: 8,
        }
    }
}

impl MapData {
    /// Hash of a key's SameValueZero class: strings by content, numbers by their normalized
    /// bits, bigints by value, symbols and objects by identity.
    fn hash(&self, k: &Value) -> u64 {
        let h = &self.hasher;
        match k.get() {
            V::Str(s) => h.hash_one((0u8, s)),
            V::Int(i) => self.hash_int(i),
            V::Float(f) => {
                if f == 0.0 {
                    self.hash_int(0)
                } else if f as i32 as f64 == f {
                    self.hash_int(f as i32)
                } else {
                    let f = if f.is_nan() { f64::NAN } else { f };
                    h.hash_one((1u8, f.to_bits()))
                }
            }
            V::Symbol(a) => h.hash_one((2u8, a.0)),
            V::Object(o) => h.hash_one((3u8, o.gc().addr())),
            V::Bool(b) => h.hash_one((4u8, b)),
            V::Null => h.hash_one(5u8),
            V::BigInt(b) => h.hash_one((7u8, b)),
            _ => h.hash_one(6u8),
        }
    }

    /// Integer keys hash in blocks of 16: consecutive integers share a seeded random block
    /// and take consecutive buckets in it, so ids and indices used in order touch one cache
    /// line per 16 keys instead of one per key (the index stays random at block granularity,
    /// so strided keys spread as well as before). hashbrown picks the bucket from the low bits
    /// and a 7-bit tag from the top bits, so the tag comes from the whole integer: neighbours
    /// in a block keep distinct tags.
    fn hash_int(&self, i: i32) -> u64 {
        const TAG: u64 = 0xFE00_0000_0000_0000;
        let k = i as u32;
        let block = self.hasher.hash_one((1u8, k >> 4)) << 4;
        let tag = u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15) & TAG;
        tag | (block & !TAG & !0xF) | u64::from(k & 0xF)
    }

    pub fn size(&self) -> usize {
        self.live
    }

    /// Index of the live entry with key `k`.
    fn find(&self, k: &Value) -> Option<usize> {
        let hash = self.hash(k);
        let entries = &self.entries;
        self.index
            .find(hash, |&i| same_value_zero(&entries[i as usize].key, k))
            .map(|&i| i as usize)
    }

    pub fn has(&self, k: &Value) -> bool {
        self.find(k).is_some()
    }

    pub fn get(&self, k: &Value) -> Option<Value> {
        self.find(k).map(|i| self.entries[i].value.clone())
    }

    /// Sets `k` to `v`; returns the replaced value (to be dropped outside any borrow).
    pub fn set(&mut self, k: Value, v: Value) -> Option<Value> {
        let hash = self.hash(&k);
        let entries = &mut self.entries;
        if let Some(&i) = self
            .index
            .find(hash, |&i| same_value_zero(&entries[i as usize].key, &k))
        {
            return Some(core::mem::replace(&mut entries[i as usize].value, v));
        }
        let i = entries.len() as u32;
        entries.push(Entry {
            key: canonical_key(k),
            value: v,
            hash,
        });
        self.index
            .insert_unique(hash, i, |&j| entries[j as usize].hash);
        self.live += 1;
        None
    }

    /// Removes `k`; returns its key and value (to be dropped outside any borrow).
    pub fn delete(&mut self, k: &Value) -> Option<(Value, Value)> {
        let hash = self.hash(k);
        let entries = &mut self.entries;
        let found = self
            .index
            .find_entry(hash, |&i| same_value_zero(&entries[i as usize].key, k))
            .ok()?;
        let (i, _) = found.remove();
        let e = &mut entries[i as usize];
        let old = (
            core::mem::replace(&mut e.key, Value::UNINIT),
            core::mem::take(&mut e.value),
        );
        self.live -= 1;
        let dead = self.entries.len() - self.live;
        if dead > 8 && dead > self.live {
            self.compact();
        }
        Some(old)
    }

    /// Removes every entry; returns them (to be dropped outside any borrow).
    pub fn clear(&mut self) -> Vec<(Value, Value)> {
        let mut out = Vec::with_capacity(self.live);
        for e in &mut self.entries {
            if !e.key.is_uninit() {
                out.push((
                    core::mem::replace(&mut e.key, Value::UNINIT),
                    core::mem::take(&mut e.value),
                ));
            }
        }
        self.live = 0;
        self.index.clear();
        self.compact();
        out
    }

    /// Drops the tombstones, moving every live cursor to the same logical position.
    fn compact(&mut self) {
        self.cursors.retain(|c| Rc::strong_count(c) > 1);
        if !self.cursors.is_empty() {
            // Position p becomes the number of live entries before p.
            let mut before = Vec::with_capacity(self.entries.len() + 1);
            let mut n = 0;
            for e in &self.entries {
                before.push(n);
                if !e.key.is_uninit() {
                    n += 1;
                }
            }
            before.push(n);
            for c in &self.cursors {
                let p = c.get().min(self.entries.len());
                c.set(before[p]);
            }
        }
        self.entries.retain(|e| !e.key.is_uninit());
        self.index.clear();
        let entries = &self.entries;
        for (i, e) in entries.iter().enumerate() {
            self.index
                .insert_unique(e.hash, i as u32, |&j| entries[j as usize].hash);
        }
    }

    /// A new cursor at the first entry.
    pub fn cursor(&mut self) -> Cursor {
        if self.cursors.len() >= self.cursor_sweep_at {
            self.cursors.retain(|c| Rc::strong_count(c) > 1);
            self.cursor_sweep_at = (self.cursors.len() * 2).max(8);
        }
        let c = Rc::new(Cell::new(0));
        self.cursors.push(c.clone());
        c
    }

    /// The first live entry at or after the cursor, advancing the cursor past it.
    pub fn next(&self, c: &Cursor) -> Option<(Value, Value)> {
        let mut p = c.get();
        while let Some(e) = self.entries.get(p) {
            p += 1;
            if !e.key.is_uninit() {
                c.set(p);
                return Some((e.key.clone(), e.value.clone()));
            }
        }
        c.set(p);
        None
    }

    /// The live keys, in order.
    fn keys(&self) -> Vec<Value> {
        self.entries
            .iter()
            .filter(|e| !e.key.is_uninit())
            .map(|e| e.key.clone())
            .collect()
    }

    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        for e in &self.entries {
            e.key.trace(f);
            e.value.trace(f);
        }
    }
}

/// The state of a Map or Set iterator.
pub struct CollectionIter {
    /// None once the iterator is exhausted.
    pub target: Option<Obj>,
    cursor: Cursor,
    kind: IterKind,
}

impl CollectionIter {
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        if let Some(t) = &self.target {
            f(t.gc());
        }
    }
}

/// Runs `f` on the data of a Map (`set == false`) or Set; None if `o` is not one.
fn with_data<R>(o: &Obj, set: bool, f: impl FnOnce(&mut MapData) -> R) -> Option<R> {
    let mut b = o.borrow_mut();
    match (&mut b.kind, set) {
        (ObjectKind::Map(d), false) | (ObjectKind::Set(d), true) => Some(f(d)),
        _ => None,
    }
}

/// RequireInternalSlot(this, [[MapData]] or [[SetData]]).
fn this_collection(rt: &mut Runtime, this: &Value, set: bool, method: &str) -> JsResult<Obj> {
    if let Some(o) = this.as_object() {
        let ok = matches!(
            (&o.borrow().kind, set),
            (ObjectKind::Map(_), false) | (ObjectKind::Set(_), true)
        );
        if ok {
            return Ok(o.clone());
        }
    }
    let class = if set { "Set" } else { "Map" };
    Err(rt.type_error(&crate::text!(
        class,
        ".prototype.",
        method,
        " called on an incompatible receiver"
    )))
}

/// Closes an iterator after an abrupt completion: `return` is called if present, and whatever
/// it does, the original exception stays the one thrown (IteratorClose with a throw completion).
pub fn iterator_close_on_error(rt: &mut Runtime, iter: &Value) -> Exc {
    let exc = rt.take_exception();
    if let Ok(ret) = rt.get(iter, names::return_) {
        if !ret.is_nullish() {
            let _ = rt.call(&ret, iter.clone(), &[]);
        }
    }
    rt.throw(exc)
}

/// Runs `r`; on an exception closes `iter` first.
fn close_if_err<T>(rt: &mut Runtime, iter: &Value, r: JsResult<T>) -> JsResult<T> {
    r.map_err(|_| iterator_close_on_error(rt, iter))
}

fn new_collection(rt: &mut Runtime, proto: &Obj, set: bool) -> Obj {
    let data = Box::default();
    let kind = if set {
        ObjectKind::Set(data)
    } else {
        ObjectKind::Map(data)
    };
    rt.alloc_object(Some(proto), kind)
}

/// The `set` (maps) or `add` (sets) method that a collection constructor feeds its iterable
/// to, looked up once on the new object (24.1.1.1 step 5, 24.2.2.1 step 5).
pub(crate) fn collection_adder(rt: &mut Runtime, ov: &Value, set: bool) -> JsResult<Value> {
    let adder_key = if set { rt.intern("add") } else { names::set };
    let adder = rt.get(ov, adder_key)?;
    if !rt.is_callable(&adder) {
        let what = if set { "add" } else { "set" };
        return Err(rt.type_error(&crate::text!("'", what, "' is not a function")));
    }
    Ok(adder)
}

/// AddEntriesFromIterable (24.1.1.2) and its Set/WeakSet counterpart: `add(key, value)` for each
/// entry of `iterable` (for sets, each value as the key and undefined), closing the iterator
/// when anything throws.
pub(crate) fn add_from_iterable(
    rt: &mut Runtime,
    iterable: &Value,
    set: bool,
    mut add: impl FnMut(&mut Runtime, Value, Value) -> JsResult<()>,
) -> JsResult<()> {
    let (iter, next) = rt.get_iterator(iterable)?;
    while let Some(item) = rt.iterator_step(&iter, &next)? {
        let r = if set {
            add(rt, item, Value::UNDEFINED)
        } else if !item.is_object() {
            Err(rt.type_error("iterator value is not an entry object"))
        } else {
            rt.get_index(&item, 0).and_then(|k| {
                let v = rt.get_index(&item, 1)?;
                add(rt, k, v)
            })
        };
        close_if_err(rt, &iter, r)?;
    }
    Ok(())
}

/// The Map (magic 0) and Set (magic 1) constructors (24.1.1.1, 24.2.2.1).
fn collection_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    if !a.is_construct() {
        let class = if set { "Set" } else { "Map" };
        return Err(rt.type_error(&crate::text!("Constructor ", class, " requires 'new'")));
    }
    let proto = if set {
        rt.proto_from_ctor(a.new_target, |r| r.realm.set_proto.clone())?
    } else {
        rt.proto_from_ctor(a.new_target, |r| r.realm.map_proto.clone())?
    };
    let o = new_collection(rt, &proto, set);
    let ov = Value::object(o.clone());
    let iterable = a.get(0);
    if iterable.is_nullish() {
        return Ok(ov);
    }
    let adder = collection_adder(rt, &ov, set)?;
    // The built-in adder is applied directly, without a call.
    let direct = if set {
        is_native(&adder, set_add)
    } else {
        is_native(&adder, map_set)
    };
    add_from_iterable(rt, &iterable, set, |rt, k, v| {
        if direct {
            drop(with_data(&o, set, |d| d.set(k, v)));
        } else if set {
            rt.call(&adder, ov.clone(), &[k])?;
        } else {
            rt.call(&adder, ov.clone(), &[k, v])?;
        }
        Ok(())
    })?;
    Ok(ov)
}

fn map_get(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_collection(rt, a.this, false, "get")?;
    let k = a.get(0);
    Ok(with_data(&o, false, |d| d.get(&k))
        .flatten()
        .unwrap_or_default())
}

fn map_set(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_collection(rt, a.this, false, "set")?;
    let old = with_data(&o, false, |d| d.set(a.get(0), a.get(1)));
    drop(old);
    Ok(a.this.clone())
}

/// Map.prototype.getOrInsert (magic 0) and getOrInsertComputed (magic 1) (the upsert proposal).
fn map_get_or_insert(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let computed = a.magic == 1;
    let name = if computed {
        "getOrInsertComputed"
    } else {
        "getOrInsert"
    };
    let o = this_collection(rt, a.this, false, name)?;
    let f = a.get(1);
    if computed && !rt.is_callable(&f) {
        return Err(rt.type_error("getOrInsertComputed: callback is not a function"));
    }
    let k = canonical_key(a.get(0));
    if let Some(v) = with_data(&o, false, |d| d.get(&k)).flatten() {
        return Ok(v);
    }
    let v = if computed {
        rt.call(&f, Value::UNDEFINED, core::slice::from_ref(&k))?
    } else {
        f
    };
    // The callback may have inserted the key meanwhile: then its value is replaced.
    let old = with_data(&o, false, |d| d.set(k, v.clone()));
    drop(old);
    Ok(v)
}

fn set_add(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_collection(rt, a.this, true, "add")?;
    let k = a.get(0);
    let old = with_data(&o, true, |d| {
        if d.has(&k) {
            None
        } else {
            d.set(k, Value::UNDEFINED)
        }
    });
    drop(old);
    Ok(a.this.clone())
}

/// has (magic 0 Map, 1 Set).
fn collection_has(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    let o = this_collection(rt, a.this, set, "has")?;
    let k = a.get(0);
    Ok(Value::bool(
        with_data(&o, set, |d| d.has(&k)).unwrap_or(false),
    ))
}

fn collection_delete(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    let o = this_collection(rt, a.this, set, "delete")?;
    let k = a.get(0);
    let old = with_data(&o, set, |d| d.delete(&k)).flatten();
    Ok(Value::bool(old.is_some()))
}

fn collection_clear(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    let o = this_collection(rt, a.this, set, "clear")?;
    let old = with_data(&o, set, |d| d.clear());
    drop(old);
    Ok(Value::UNDEFINED)
}

fn collection_size(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    let o = this_collection(rt, a.this, set, "size")?;
    Ok(Value::number(
        with_data(&o, set, |d| d.size()).unwrap_or(0) as f64
    ))
}

fn collection_for_each(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    let o = this_collection(rt, a.this, set, "forEach")?;
    let f = a.get(0);
    if !rt.is_callable(&f) {
        return Err(rt.type_error("forEach: callback is not a function"));
    }
    let this_arg = a.get(1);
    let Some(cursor) = with_data(&o, set, |d| d.cursor()) else {
        return Ok(Value::UNDEFINED);
    };
    while let Some((k, v)) = with_data(&o, set, |d| d.next(&cursor)).flatten() {
        let args = if set { [k.clone(), k] } else { [v, k] };
        rt.call(
            &f,
            this_arg.clone(),
            &[args[0].clone(), args[1].clone(), a.this.clone()],
        )?;
    }
    Ok(Value::UNDEFINED)
}

/// keys / values / entries: magic = set * 4 + IterKind (0 keys, 1 values, 2 entries).
fn collection_iterator(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic >= 4;
    let kind = match a.magic & 3 {
        0 => IterKind::Keys,
        1 => IterKind::Values,
        _ => IterKind::Entries,
    };
    let method = match kind {
        IterKind::Keys => "keys",
        IterKind::Values => "values",
        IterKind::Entries => "entries",
    };
    let o = this_collection(rt, a.this, set, method)?;
    let cursor = with_data(&o, set, |d| d.cursor()).unwrap_or_default();
    let state = Box::new(CollectionIter {
        target: Some(o),
        cursor,
        kind,
    });
    let it = if set {
        let p = rt.realm.set_iterator_proto.clone();
        rt.alloc_object(Some(&p), ObjectKind::SetIterator(state))
    } else {
        let p = rt.realm.map_iterator_proto.clone();
        rt.alloc_object(Some(&p), ObjectKind::MapIterator(state))
    };
    Ok(Value::object(it))
}

/// %MapIteratorPrototype%.next (magic 0) and %SetIteratorPrototype%.next (magic 1).
fn iterator_next(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    let step = a.this.as_object().and_then(|it| {
        let mut b = it.borrow_mut();
        let st = match (&mut b.kind, set) {
            (ObjectKind::MapIterator(s), false) | (ObjectKind::SetIterator(s), true) => s,
            _ => return None,
        };
        let Some(target) = st.target.clone() else {
            return Some(None);
        };
        let next = with_data(&target, set, |d| d.next(&st.cursor)).flatten();
        if next.is_none() {
            st.target = None;
        }
        Some(next.map(|kv| (kv, st.kind)))
    });
    let Some(step) = step else {
        let class = if set { "Set Iterator" } else { "Map Iterator" };
        return Err(rt.type_error(&crate::text!(
            "next called on an object that is not a ",
            class
        )));
    };
    let Some(((k, v), kind)) = step else {
        return Ok(super::iterator::iter_result(rt, Value::UNDEFINED, true));
    };
    let value = match kind {
        IterKind::Keys => k,
        IterKind::Values if set => k,
        IterKind::Values => v,
        IterKind::Entries => {
            let v = if set { k.clone() } else { v };
            Value::object(rt.new_array(alloc::vec![k, v]))
        }
    };
    Ok(super::iterator::iter_result(rt, value, false))
}

fn species(_rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(a.this.clone())
}

/// GroupBy (7.3.35): the groups in order of first appearance. `property` coerces keys to
/// property keys (Object.groupBy), otherwise -0 becomes +0 (Map.groupBy).
fn group_by(rt: &mut Runtime, a: &Args, property: bool) -> JsResult<Vec<(Value, Vec<Value>)>> {
    let items = a.get(0);
    if items.is_nullish() {
        return Err(rt.type_error("groupBy called on null or undefined"));
    }
    let f = a.get(1);
    if !rt.is_callable(&f) {
        return Err(rt.type_error("groupBy: callback is not a function"));
    }
    let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
    // Where each key's group is: atoms for property keys, a MapData for values.
    let mut by_atom: hashbrown::HashMap<Atom, usize> = hashbrown::HashMap::new();
    let mut by_value = MapData::default();
    let (iter, next) = rt.get_iterator(&items)?;
    let mut k: f64 = 0.0;
    while let Some(v) = rt.iterator_step(&iter, &next)? {
        let key = rt.call(&f, Value::UNDEFINED, &[v.clone(), Value::number(k)]);
        let key = close_if_err(rt, &iter, key)?;
        let slot = if property {
            let atom = rt.to_property_key(&key);
            let atom = close_if_err(rt, &iter, atom)?;
            *by_atom.entry(atom).or_insert_with(|| {
                groups.push((rt.atom_to_value(atom), Vec::new()));
                groups.len() - 1
            })
        } else {
            let key = canonical_key(key);
            match by_value.get(&key).and_then(|i| i.as_int()) {
                Some(i) => i as usize,
                None => {
                    by_value.set(key.clone(), Value::int(groups.len() as i32));
                    groups.push((key, Vec::new()));
                    groups.len() - 1
                }
            }
        };
        groups[slot].1.push(v);
        k += 1.0;
    }
    Ok(groups)
}

/// Object.groupBy (20.1.2.12).
pub fn object_group_by(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let groups = group_by(rt, a, true)?;
    let o = rt.alloc_object(None, ObjectKind::Ordinary);
    for (k, items) in groups {
        let key = rt.to_property_key(&k)?;
        let arr = Value::object(rt.new_array(items));
        rt.create_data_property(&o, key, arr)?;
    }
    Ok(Value::object(o))
}

/// Map.groupBy (24.1.2.1).
fn map_group_by(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let groups = group_by(rt, a, false)?;
    let p = rt.realm.map_proto.clone();
    let m = new_collection(rt, &p, false);
    for (k, items) in groups {
        let arr = Value::object(rt.new_array(items));
        with_data(&m, false, |d| d.set(k, arr));
    }
    Ok(Value::object(m))
}

/// A Set Record (GetSetRecord, 24.2.1.2).
struct SetRecord {
    set: Value,
    size: f64,
    has: Value,
    keys: Value,
}

fn get_set_record(rt: &mut Runtime, v: &Value) -> JsResult<SetRecord> {
    if !v.is_object() {
        return Err(rt.type_error("set method argument is not an object"));
    }
    let raw = {
        let key = rt.intern("size");
        rt.get(v, key)?
    };
    let n = rt.to_number(&raw)?;
    if n.is_nan() {
        return Err(rt.type_error("set-like 'size' is not a number"));
    }
    let size = crate::number::to_integer_or_infinity(n);
    if size < 0.0 {
        return Err(rt.range_error("set-like 'size' is negative"));
    }
    let has = {
        let key = rt.intern("has");
        rt.get(v, key)?
    };
    if !rt.is_callable(&has) {
        return Err(rt.type_error("set-like 'has' is not a function"));
    }
    let keys = {
        let key = rt.intern("keys");
        rt.get(v, key)?
    };
    if !rt.is_callable(&keys) {
        return Err(rt.type_error("set-like 'keys' is not a function"));
    }
    Ok(SetRecord {
        set: v.clone(),
        size,
        has,
        keys,
    })
}

/// GetIteratorFromMethod over the record's `keys` (24.2.1.3 GetKeysIterator).
fn keys_iterator(rt: &mut Runtime, r: &SetRecord) -> JsResult<(Value, Value)> {
    let it = rt.call(&r.keys, r.set.clone(), &[])?;
    if !it.is_object() {
        return Err(rt.type_error("keys() did not return an object"));
    }
    let next = rt.get(&it, names::next)?;
    if !rt.is_callable(&next) {
        return Err(rt.type_error("keys() iterator has no 'next' method"));
    }
    Ok((it, next))
}

fn set_size(o: &Obj) -> f64 {
    with_data(o, true, |d| d.size()).unwrap_or(0) as f64
}

fn set_has(o: &Obj, k: &Value) -> bool {
    with_data(o, true, |d| d.has(k)).unwrap_or(false)
}

/// A new Set (with %Set.prototype%) holding `keys`.
fn set_from(rt: &mut Runtime, data: MapData) -> Value {
    let p = rt.realm.set_proto.clone();
    Value::object(rt.alloc_object(Some(&p), ObjectKind::Set(Box::new(data))))
}

fn copy_set(o: &Obj) -> MapData {
    let mut d = MapData::default();
    for k in with_data(o, true, |s| s.keys()).unwrap_or_default() {
        d.set(k, Value::UNDEFINED);
    }
    d
}

/// Calls `visit` with each element of the Set `o`, in order, including elements added during
/// the walk; stops early when `visit` returns Some.
fn walk_set<T>(
    rt: &mut Runtime,
    o: &Obj,
    mut visit: impl FnMut(&mut Runtime, Value) -> JsResult<Option<T>>,
) -> JsResult<Option<T>> {
    let cursor = with_data(o, true, |d| d.cursor()).unwrap_or_default();
    while let Some((k, _)) = with_data(o, true, |d| d.next(&cursor)).flatten() {
        if let Some(r) = visit(rt, k)? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

fn call_has(rt: &mut Runtime, r: &SetRecord, k: Value) -> JsResult<bool> {
    Ok(rt.call(&r.has, r.set.clone(), &[k])?.truthy())
}

/// The Set methods, in the order of their `magic` numbers.
const SET_METHODS: [&str; 7] = [
    "union",
    "intersection",
    "difference",
    "symmetricDifference",
    "isSubsetOf",
    "isSupersetOf",
    "isDisjointFrom",
];

/// The Set methods (24.2.4): magic 0 union, 1 intersection, 2 difference, 3 symmetricDifference,
/// 4 isSubsetOf, 5 isSupersetOf, 6 isDisjointFrom.
fn set_method(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = this_collection(rt, a.this, true, SET_METHODS[a.magic as usize % 7])?;
    let r = get_set_record(rt, &a.get(0))?;
    match a.magic {
        0 => {
            let (it, next) = keys_iterator(rt, &r)?;
            let mut data = copy_set(&o);
            while let Some(k) = rt.iterator_step(&it, &next)? {
                if !data.has(&k) {
                    data.set(k, Value::UNDEFINED);
                }
            }
            Ok(set_from(rt, data))
        }
        1 => {
            let mut data = MapData::default();
            if set_size(&o) <= r.size {
                walk_set(rt, &o, |rt, e| {
                    if call_has(rt, &r, e.clone())? && !data.has(&e) {
                        data.set(e, Value::UNDEFINED);
                    }
                    Ok(None::<()>)
                })?;
            } else {
                let (it, next) = keys_iterator(rt, &r)?;
                while let Some(k) = rt.iterator_step(&it, &next)? {
                    let k = canonical_key(k);
                    if set_has(&o, &k) && !data.has(&k) {
                        data.set(k, Value::UNDEFINED);
                    }
                }
            }
            Ok(set_from(rt, data))
        }
        2 => {
            let mut data = copy_set(&o);
            if set_size(&o) <= r.size {
                for e in data.keys() {
                    if call_has(rt, &r, e.clone())? {
                        data.delete(&e);
                    }
                }
            } else {
                let (it, next) = keys_iterator(rt, &r)?;
                while let Some(k) = rt.iterator_step(&it, &next)? {
                    data.delete(&k);
                }
            }
            Ok(set_from(rt, data))
        }
        3 => {
            let (it, next) = keys_iterator(rt, &r)?;
            let mut data = copy_set(&o);
            while let Some(k) = rt.iterator_step(&it, &next)? {
                let in_result = data.has(&k);
                if set_has(&o, &k) {
                    if in_result {
                        data.delete(&k);
                    }
                } else if !in_result {
                    data.set(k, Value::UNDEFINED);
                }
            }
            Ok(set_from(rt, data))
        }
        4 => {
            if set_size(&o) > r.size {
                return Ok(Value::FALSE);
            }
            let out = walk_set(rt, &o, |rt, e| Ok((!call_has(rt, &r, e)?).then_some(())))?;
            Ok(Value::bool(out.is_none()))
        }
        5 => {
            if set_size(&o) < r.size {
                return Ok(Value::FALSE);
            }
            let (it, next) = keys_iterator(rt, &r)?;
            while let Some(k) = rt.iterator_step(&it, &next)? {
                if !set_has(&o, &k) {
                    rt.iterator_close(&it)?;
                    return Ok(Value::FALSE);
                }
            }
            Ok(Value::TRUE)
        }
        _ => {
            if set_size(&o) <= r.size {
                let out = walk_set(rt, &o, |rt, e| Ok(call_has(rt, &r, e)?.then_some(())))?;
                return Ok(Value::bool(out.is_none()));
            }
            let (it, next) = keys_iterator(rt, &r)?;
            while let Some(k) = rt.iterator_step(&it, &next)? {
                if set_has(&o, &k) {
                    rt.iterator_close(&it)?;
                    return Ok(Value::FALSE);
                }
            }
            Ok(Value::TRUE)
        }
    }
}

#[cfg(feature = "map")]
pub fn register(rt: &mut Runtime) {
    let g = rt.global();
    for set in [false, true] {
        let (proto, iter_proto, class) = if set {
            (
                rt.realm.set_proto.clone(),
                rt.realm.set_iterator_proto.clone(),
                "Set",
            )
        } else {
            (
                rt.realm.map_proto.clone(),
                rt.realm.map_iterator_proto.clone(),
                "Map",
            )
        };
        let m = set as u16;
        let ctor = rt.new_native(class, collection_ctor, 0, m, true);
        rt.define_value(&ctor, names::prototype, Value::object(proto.clone()), 0);
        rt.define_value(
            &proto,
            names::constructor,
            Value::object(ctor.clone()),
            crate::shape::WC,
        );
        rt.define_getter(
            &ctor,
            names::Symbol_species,
            "get [Symbol.species]",
            species,
        );
        if set {
            rt.define_method(&proto, "add", set_add, 1);
        } else {
            rt.define_method(&proto, "get", map_get, 1);
            rt.define_method(&proto, "set", map_set, 2);
            rt.define_method_magic(&proto, "getOrInsert", map_get_or_insert, 2, 0);
            rt.define_method_magic(&proto, "getOrInsertComputed", map_get_or_insert, 2, 1);
        }
        rt.define_method_magic(&proto, "has", collection_has, 1, m);
        rt.define_method_magic(&proto, "delete", collection_delete, 1, m);
        rt.define_method_magic(&proto, "clear", collection_clear, 0, m);
        let size = rt.new_native("get size", collection_size, 0, m, false);
        let size_key = rt.intern("size");
        rt.define_accessor(&proto, size_key, Some(size), None, CONFIGURABLE);
        rt.define_method_magic(&proto, "forEach", collection_for_each, 1, m);
        let iter_base = m * 4;
        let iter_fn = if set {
            let values =
                rt.define_method_obj(&proto, "values", collection_iterator, 0, iter_base + 1);
            let keys_key = rt.intern("keys");
            rt.define_value(
                &proto,
                keys_key,
                Value::object(values.clone()),
                crate::shape::WC,
            );
            rt.define_method_magic(&proto, "entries", collection_iterator, 0, iter_base + 2);
            values
        } else {
            rt.define_method_magic(&proto, "keys", collection_iterator, 0, iter_base);
            rt.define_method_magic(&proto, "values", collection_iterator, 0, iter_base + 1);
            rt.define_method_obj(&proto, "entries", collection_iterator, 0, iter_base + 2)
        };
        rt.define_value(
            &proto,
            names::Symbol_iterator,
            Value::object(iter_fn),
            crate::shape::WC,
        );
        rt.define_value(
            &proto,
            names::Symbol_toStringTag,
            Value::str(class),
            CONFIGURABLE,
        );
        rt.define_method_magic(&iter_proto, "next", iterator_next, 0, m);
        let tag = if set { "Set Iterator" } else { "Map Iterator" };
        rt.define_value(
            &iter_proto,
            names::Symbol_toStringTag,
            Value::str(tag),
            CONFIGURABLE,
        );
        if set {
            for (i, name) in SET_METHODS.iter().enumerate() {
                rt.define_method_magic(&proto, name, set_method, 1, i as u16);
            }
        } else {
            rt.define_method(&ctor, "groupBy", map_group_by, 2);
        }
        let key = rt.intern(class);
        rt.define_value(&g, key, Value::object(ctor), crate::shape::WC);
    }
}
