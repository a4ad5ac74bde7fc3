//! WeakMap and WeakSet (ECMA-262 24.3, 24.4, with the upsert proposal's getOrInsert and
//! getOrInsertComputed), WeakRef and FinalizationRegistry (26.1, 26.2). The tables live in
//! `weak.rs`; the heap (`gc.rs`) removes an entry when its key dies and the collector applies
//! the ephemeron rule, so nothing here keeps a key alive.
// Without the `map` or `weakref` feature that group's registration is not compiled; what only it reaches
// is then unreferenced (never code-generated), while the parts the base uses stay.
#![cfg_attr(
    not(all(feature = "map", feature = "weakref")),
    allow(dead_code, unused_imports)
)]
use crate::atom::{names, Atom};
use crate::function::Args;
use crate::object::{Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::value::{Value, V};
use crate::weak::{Held, Registry, WeakOwner, WeakRefTarget, WeakTable};
use alloc::rc::{Rc, Weak};
use core::cell::{Cell, RefCell};

/// A value that CanBeHeldWeakly (9.13): an object, or a symbol not in the global registry.
enum Holdable {
    Object(Obj),
    Symbol(Atom),
}

fn holdable(rt: &Runtime, v: &Value) -> Option<Holdable> {
    match v.get() {
        V::Object(o) => Some(Holdable::Object(o.clone())),
        V::Symbol(a) if !rt.symbol_registry.values().any(|&s| s == a) => Some(Holdable::Symbol(a)),
        _ => None,
    }
}

impl Holdable {
    /// The key that names this value for `owner`, which the heap tells when it dies.
    fn register(&self, rt: &Runtime, owner: Weak<dyn WeakOwner>) -> Held {
        match self {
            Holdable::Object(o) => Held::Object(rt.heap().weak_key(o.gc(), owner)),
            Holdable::Symbol(a) => Held::Symbol(*a),
        }
    }

    /// The key of this value if anything holds it weakly (otherwise no table has it).
    fn find(&self, rt: &Runtime) -> Option<Held> {
        match self {
            Holdable::Object(o) => rt.heap().find_weak_key(o.gc()).map(Held::Object),
            Holdable::Symbol(a) => Some(Held::Symbol(*a)),
        }
    }
}

// ---- WeakMap and WeakSet ----

/// The table of `this` if it is a WeakMap (`set == false`) or WeakSet, else a TypeError.
fn this_table(
    rt: &mut Runtime,
    this: &Value,
    set: bool,
    method: &str,
) -> JsResult<Rc<RefCell<WeakTable>>> {
    if let Some(o) = this.as_object() {
        match (&o.borrow().kind, set) {
            (ObjectKind::WeakMap(t), false) | (ObjectKind::WeakSet(t), true) => {
                return Ok(t.clone())
            }
            _ => {}
        }
    }
    let class = if set { "WeakSet" } else { "WeakMap" };
    Err(rt.type_error(&crate::text!(
        class,
        ".prototype.",
        method,
        " called on an incompatible receiver"
    )))
}

fn invalid_key(rt: &mut Runtime, set: bool) -> crate::runtime::Exc {
    let what = if set { "WeakSet value" } else { "WeakMap key" };
    rt.type_error(&crate::text!(
        "invalid ",
        what,
        ": it cannot be held weakly"
    ))
}

/// Adds or replaces an entry.
fn table_set(rt: &Runtime, t: &Rc<RefCell<WeakTable>>, k: &Holdable, v: Value) {
    let owner: Weak<dyn WeakOwner> = Rc::downgrade(t) as Weak<RefCell<WeakTable>>;
    let key = k.register(rt, owner);
    let old = t.borrow_mut().set(key, v);
    drop(old);
}

fn table_get(rt: &Runtime, t: &Rc<RefCell<WeakTable>>, k: &Value) -> Option<Value> {
    let key = holdable(rt, k)?.find(rt)?;
    t.borrow().get(key).cloned()
}

/// The WeakMap (magic 0) and WeakSet (magic 1) constructors (24.3.1.1, 24.4.1.1).
fn weak_collection_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let set = a.magic == 1;
    let class = if set { "WeakSet" } else { "WeakMap" };
    if !a.is_construct() {
        return Err(rt.type_error(&crate::text!("Constructor ", class, " requires 'new'")));
    }
    let proto = if set {
        rt.proto_from_ctor(a.new_target, |r| r.realm.weakset_proto.clone())?
    } else {
        rt.proto_from_ctor(a.new_target, |r| r.realm.weakmap_proto.clone())?
    };
    let table = Rc::new(RefCell::new(WeakTable::default()));
    let kind = if set {
        ObjectKind::WeakSet(table)
    } else {
        ObjectKind::WeakMap(table)
    };
    let ov = Value::object(rt.alloc_object(Some(&proto), kind));
    let iterable = a.get(0);
    if iterable.is_nullish() {
        return Ok(ov);
    }
    let adder = crate::builtins::map::collection_adder(rt, &ov, set)?;
    crate::builtins::map::add_from_iterable(rt, &iterable, set, |rt, k, v| {
        let args = [k, v];
        rt.call(&adder, ov.clone(), if set { &args[..1] } else { &args })
            .map(drop)
    })?;
    Ok(ov)
}

fn weakmap_get(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_table(rt, a.this, false, "get")?;
    Ok(table_get(rt, &t, &a.get(0)).unwrap_or_default())
}

fn weakmap_set(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_table(rt, a.this, false, "set")?;
    let Some(k) = holdable(rt, &a.get(0)) else {
        return Err(invalid_key(rt, false));
    };
    table_set(rt, &t, &k, a.get(1));
    Ok(a.this.clone())
}

fn weakset_add(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_table(rt, a.this, true, "add")?;
    let Some(k) = holdable(rt, &a.get(0)) else {
        return Err(invalid_key(rt, true));
    };
    table_set(rt, &t, &k, Value::UNDEFINED);
    Ok(a.this.clone())
}

/// has (magic 0 WeakMap, 1 WeakSet).
fn weak_has(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_table(rt, a.this, a.magic == 1, "has")?;
    Ok(Value::bool(table_get(rt, &t, &a.get(0)).is_some()))
}

/// delete (magic 0 WeakMap, 1 WeakSet).
fn weak_delete(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_table(rt, a.this, a.magic == 1, "delete")?;
    let Some(key) = holdable(rt, &a.get(0)).and_then(|k| k.find(rt)) else {
        return Ok(Value::FALSE);
    };
    let old = t.borrow_mut().remove(key);
    Ok(Value::bool(old.is_some()))
}

/// WeakMap.prototype.getOrInsert (magic 0) and getOrInsertComputed (magic 1).
fn weakmap_get_or_insert(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let computed = a.magic == 1;
    let name = if computed {
        "getOrInsertComputed"
    } else {
        "getOrInsert"
    };
    let t = this_table(rt, a.this, false, name)?;
    let key = a.get(0);
    let Some(k) = holdable(rt, &key) else {
        return Err(invalid_key(rt, false));
    };
    let f = a.get(1);
    if computed && !rt.is_callable(&f) {
        return Err(rt.type_error("getOrInsertComputed: callback is not a function"));
    }
    if let Some(v) = table_get(rt, &t, &key) {
        return Ok(v);
    }
    let v = if computed {
        rt.call(&f, Value::UNDEFINED, core::slice::from_ref(&key))?
    } else {
        f
    };
    // The callback may have inserted the key meanwhile: then its value is replaced.
    table_set(rt, &t, &k, v.clone());
    Ok(v)
}

// ---- WeakRef ----

/// The WeakRef constructor (26.1.1.1).
fn weakref_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.is_construct() {
        return Err(rt.type_error("Constructor WeakRef requires 'new'"));
    }
    let target = a.get(0);
    let Some(k) = holdable(rt, &target) else {
        return Err(rt.type_error("WeakRef: invalid target"));
    };
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.weakref_proto.clone())?;
    let slot = Rc::new(WeakRefTarget(Cell::new(None)));
    let owner: Weak<dyn WeakOwner> = Rc::downgrade(&slot) as Weak<WeakRefTarget>;
    slot.0.set(Some(k.register(rt, owner)));
    rt.kept_alive.push(target);
    Ok(Value::object(
        rt.alloc_object(Some(&proto), ObjectKind::WeakRef(slot)),
    ))
}

/// WeakRef.prototype.deref (26.1.3.2): the target, kept alive until the current job ends.
fn weakref_deref(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let held = match a.this.as_object() {
        Some(o) => match &o.borrow().kind {
            ObjectKind::WeakRef(slot) => Some(slot.0.get()),
            _ => None,
        },
        None => None,
    };
    let Some(held) = held else {
        return Err(rt.type_error("WeakRef.prototype.deref called on an incompatible receiver"));
    };
    let v = match held {
        Some(Held::Object(k)) => match rt.heap().resolve(k) {
            Some(g) => Value::object(Obj::from_gc(g)),
            None => return Ok(Value::UNDEFINED),
        },
        Some(Held::Symbol(s)) => Value::symbol(s),
        None => return Ok(Value::UNDEFINED),
    };
    rt.kept_alive.push(v.clone());
    Ok(v)
}

// ---- FinalizationRegistry ----

fn this_registry(rt: &mut Runtime, this: &Value, method: &str) -> JsResult<Rc<RefCell<Registry>>> {
    if let Some(o) = this.as_object() {
        if let ObjectKind::FinalizationRegistry(r) = &o.borrow().kind {
            return Ok(r.clone());
        }
    }
    Err(rt.type_error(&crate::text!(
        "FinalizationRegistry.prototype.",
        method,
        " called on an incompatible receiver"
    )))
}

/// The FinalizationRegistry constructor (26.2.1.1).
fn registry_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.is_construct() {
        return Err(rt.type_error("Constructor FinalizationRegistry requires 'new'"));
    }
    let callback = a.get(0);
    if !rt.is_callable(&callback) {
        return Err(rt.type_error("FinalizationRegistry: cleanup callback is not a function"));
    }
    let proto = rt.proto_from_ctor(a.new_target, |r| {
        r.realm.finalization_registry_proto.clone()
    })?;
    let data = Rc::new(RefCell::new(Registry::new(callback)));
    Ok(Value::object(rt.alloc_object(
        Some(&proto),
        ObjectKind::FinalizationRegistry(data),
    )))
}

/// FinalizationRegistry.prototype.register (26.2.3.2).
fn registry_register(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = this_registry(rt, a.this, "register")?;
    let (target, held_value, token) = (a.get(0), a.get(1), a.get(2));
    let Some(t) = holdable(rt, &target) else {
        return Err(rt.type_error("FinalizationRegistry.prototype.register: invalid target"));
    };
    if target.same_value(&held_value) {
        return Err(rt.type_error(
            "FinalizationRegistry.prototype.register: target and held value are the same",
        ));
    }
    let token = match holdable(rt, &token) {
        Some(tok) => Some(tok),
        None if token.is_undefined() => None,
        None => {
            return Err(
                rt.type_error("FinalizationRegistry.prototype.register: invalid unregister token")
            )
        }
    };
    let owner: Weak<dyn WeakOwner> = Rc::downgrade(&r) as Weak<RefCell<Registry>>;
    let target = t.register(rt, owner.clone());
    let token = token.map(|tok| tok.register(rt, owner));
    r.borrow_mut().register(target, held_value, token);
    Ok(Value::UNDEFINED)
}

/// FinalizationRegistry.prototype.unregister (26.2.3.3).
fn registry_unregister(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let r = this_registry(rt, a.this, "unregister")?;
    let Some(tok) = holdable(rt, &a.get(0)) else {
        return Err(
            rt.type_error("FinalizationRegistry.prototype.unregister: invalid unregister token")
        );
    };
    let Some(key) = tok.find(rt) else {
        return Ok(Value::FALSE);
    };
    let removed = r.borrow_mut().unregister(key);
    Ok(Value::bool(!removed.is_empty()))
}

/// The cleanup job of a registry (CleanupFinalizationRegistry, 9.13): calls its callback once
/// per held value whose target died. The callback and the values are held on the Rust stack
/// while it runs, so a collection meanwhile cannot take them.
pub fn run_cleanup(rt: &mut Runtime, owner: &Weak<dyn WeakOwner>) -> JsResult<()> {
    let Some(owner) = owner.upgrade() else {
        return Ok(());
    };
    let Some(reg) = owner.as_registry() else {
        return Ok(());
    };
    let callback = reg.borrow().callback.clone();
    loop {
        let next = reg.borrow_mut().next_cleared();
        let Some(held_value) = next else {
            return Ok(());
        };
        rt.call(&callback, Value::UNDEFINED, &[held_value])?;
    }
}

fn define_tag(rt: &mut Runtime, proto: &Obj, tag: &str) {
    rt.define_value(
        proto,
        names::Symbol_toStringTag,
        Value::str(tag),
        CONFIGURABLE,
    );
}

/// Installs a constructor `name` over `proto` on the global object.
fn install(rt: &mut Runtime, name: &str, ctor: Obj, proto: &Obj) {
    rt.link_constructor(&ctor, proto);
    define_tag(rt, proto, name);
    let g = rt.global();
    let key = rt.intern(name);
    rt.define_value(&g, key, Value::object(ctor), WC);
}

/// WeakMap and WeakSet (part of the map/set group).
#[cfg(feature = "map")]
pub fn register_collections(rt: &mut Runtime) {
    let wm = rt.realm.weakmap_proto.clone();
    let ctor = rt.new_native("WeakMap", weak_collection_ctor, 0, 0, true);
    install(rt, "WeakMap", ctor, &wm);
    rt.define_method_magic(&wm, "delete", weak_delete, 1, 0);
    rt.define_method(&wm, "get", weakmap_get, 1);
    rt.define_method_magic(&wm, "has", weak_has, 1, 0);
    rt.define_method(&wm, "set", weakmap_set, 2);
    rt.define_method_magic(&wm, "getOrInsert", weakmap_get_or_insert, 2, 0);
    rt.define_method_magic(&wm, "getOrInsertComputed", weakmap_get_or_insert, 2, 1);

    let ws = rt.realm.weakset_proto.clone();
    let ctor = rt.new_native("WeakSet", weak_collection_ctor, 0, 1, true);
    install(rt, "WeakSet", ctor, &ws);
    rt.define_method(&ws, "add", weakset_add, 1);
    rt.define_method_magic(&ws, "delete", weak_delete, 1, 1);
    rt.define_method_magic(&ws, "has", weak_has, 1, 1);
}

/// WeakRef and FinalizationRegistry (QuickJS's `JS_AddIntrinsicWeakRef`).
#[cfg(feature = "weakref")]
pub fn register_refs(rt: &mut Runtime) {
    let wr = rt.realm.weakref_proto.clone();
    let ctor = rt.new_native("WeakRef", weakref_ctor, 1, 0, true);
    install(rt, "WeakRef", ctor, &wr);
    rt.define_method(&wr, "deref", weakref_deref, 0);

    rt.cleanup_runner = Some(run_cleanup);
    let fr = rt.realm.finalization_registry_proto.clone();
    let ctor = rt.new_native("FinalizationRegistry", registry_ctor, 1, 0, true);
    install(rt, "FinalizationRegistry", ctor, &fr);
    rt.define_method(&fr, "register", registry_register, 2);
    rt.define_method(&fr, "unregister", registry_unregister, 1);
}
