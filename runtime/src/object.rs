//! Objects: a prototype, a shape with its slots, dense array elements, and the per-class data of
//! exotic and built-in objects ([`ObjectKind`]). The operations here never run JavaScript; the
//! ones that may (getters, setters, proxies later) live in `property.rs`.
use crate::atom::Atom;
use crate::function::{BoundFunction, Closure, NativeFunction};
use crate::gc::{Gc, Payload};
use crate::shape::{self, Shape};
use crate::string::JsString;
use crate::value::Value;
use crate::weak::WeakTable;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::{Ref, RefCell, RefMut};

/// A property's storage.
#[derive(Clone)]
pub enum Slot {
    Data(Value),
    Accessor { get: Option<Obj>, set: Option<Obj> },
}

/// Class-specific data.
pub enum ObjectKind {
    Ordinary,
    /// Array elements `0..elems.len()`; holes are `Value::UNINIT`. Elements beyond `elems` (or
    /// with non-default attributes) are ordinary properties with index keys.
    Array {
        elems: Vec<Value>,
        length: u32,
        length_writable: bool,
    },
    Closure(Closure),
    Native(NativeFunction),
    Bound(BoundFunction),
    Error,
    Boolean(bool),
    Number(f64),
    String(JsString),
    Symbol(Atom),
    /// A BigInt wrapper object (Object(1n)).
    BigInt(crate::bigint::BigInt),
    /// A Date's time value (ms since the epoch, or NaN).
    Date(f64),
    Arguments,
    /// A sloppy function's mapped arguments object (10.4.4): element i aliases the cell of
    /// parameter i while `map[i]` is Some.
    MappedArguments(Vec<Option<Gc>>),
    ForIn(ForInState),
    Generator(alloc::boxed::Box<crate::builtins::generator::GeneratorState>),
    Promise(alloc::boxed::Box<crate::builtins::promise::PromiseData>),
    ArrayIterator {
        target: Option<Value>,
        index: u32,
        kind: IterKind,
    },
    StringIterator {
        s: JsString,
        pos: usize,
    },
    Map(alloc::boxed::Box<crate::builtins::map::MapData>),
    Set(alloc::boxed::Box<crate::builtins::map::MapData>),
    MapIterator(alloc::boxed::Box<crate::builtins::map::CollectionIter>),
    SetIterator(alloc::boxed::Box<crate::builtins::map::CollectionIter>),
    /// The resources of a `using` block or a DisposableStack.
    DisposeStack(alloc::boxed::Box<crate::builtins::dispose::DisposeState>),
    /// A module namespace exotic object (10.4.6).
    ModuleNamespace(alloc::boxed::Box<crate::module::Namespace>),
    /// CreateAsyncFromSyncIterator's object: the sync iterator record (27.1.6.1).
    AsyncFromSyncIterator {
        iter: Value,
        next: Value,
    },
    #[cfg(feature = "iterator-helpers")]
    IteratorHelper(alloc::boxed::Box<crate::builtins::iterator_helpers::Helper>),
    /// %WrapForValidIteratorPrototype% objects ([[Iterated]]).
    #[cfg(feature = "iterator-helpers")]
    WrappedIterator(alloc::boxed::Box<crate::builtins::iterator_helpers::IterRecord>),
    WeakMap(Rc<RefCell<WeakTable>>),
    WeakSet(Rc<RefCell<WeakTable>>),
    WeakRef(Rc<crate::weak::WeakRefTarget>),
    FinalizationRegistry(Rc<RefCell<crate::weak::Registry>>),
    /// An object made by JSON.rawJSON ([[IsRawJSON]]): JSON.stringify writes its `rawJSON`.
    RawJson,
    /// A RegExp's compiled matcher and original source and flags.
    #[cfg(feature = "regexp")]
    RegExp(alloc::boxed::Box<crate::builtins::regexp::RegExpData>),
    /// %RegExpStringIterator% (22.2.9).
    #[cfg(feature = "regexp")]
    RegExpStringIterator(alloc::boxed::Box<crate::builtins::regexp::RegExpIterState>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IterKind {
    Keys,
    Values,
    Entries,
}

/// A for-in enumeration in progress (ECMA-262 14.7.5.9): the object whose keys are visited and
/// the keys still to visit, re-checked for presence before each is produced.
pub struct ForInState {
    pub object: Option<Obj>,
    pub keys: Vec<JsString>,
    pub pos: usize,
}

pub struct ObjectData {
    pub proto: Option<Obj>,
    pub shape: Rc<Shape>,
    pub slots: Vec<Slot>,
    pub kind: ObjectKind,
    pub extensible: bool,
}

impl ObjectData {
    pub fn new(proto: Option<Obj>, shape: Rc<Shape>, kind: ObjectKind) -> ObjectData {
        ObjectData {
            proto,
            shape,
            slots: Vec::new(),
            kind,
            extensible: true,
        }
    }

    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        if let Some(t) = self.trace_strong(f) {
            t.borrow().trace_values(f);
        }
    }

    /// Every handle but the values of a weak collection, whose table is returned instead (the
    /// collector's marking phase reaches those values only through live keys).
    pub fn trace_strong(&self, f: &mut dyn FnMut(&Gc)) -> Option<Rc<RefCell<WeakTable>>> {
        if let Some(p) = &self.proto {
            f(p.gc());
        }
        for s in &self.slots {
            match s {
                Slot::Data(v) => v.trace(f),
                Slot::Accessor { get, set } => {
                    for o in [get, set].into_iter().flatten() {
                        f(o.gc());
                    }
                }
            }
        }
        match &self.kind {
            ObjectKind::Array { elems, .. } => elems.iter().for_each(|v| v.trace(f)),
            ObjectKind::Closure(c) => c.trace(f),
            ObjectKind::Bound(b) => b.trace(f),
            ObjectKind::ForIn(s) => {
                if let Some(o) = &s.object {
                    f(o.gc())
                }
            }
            ObjectKind::ArrayIterator {
                target: Some(v), ..
            } => v.trace(f),
            ObjectKind::Generator(g) => g.trace(f),
            ObjectKind::Promise(p) => p.trace(f),
            ObjectKind::Native(n) => n.data.iter().for_each(|v| v.trace(f)),
            ObjectKind::Map(m) | ObjectKind::Set(m) => m.trace(f),
            ObjectKind::MapIterator(i) | ObjectKind::SetIterator(i) => i.trace(f),
            ObjectKind::DisposeStack(s) => s.trace(f),
            ObjectKind::MappedArguments(map) => map.iter().flatten().for_each(f),
            ObjectKind::ModuleNamespace(n) => n.trace(f),
            ObjectKind::AsyncFromSyncIterator { iter, next } => {
                iter.trace(f);
                next.trace(f);
            }
            ObjectKind::FinalizationRegistry(r) => r.borrow().trace(f),
            #[cfg(feature = "iterator-helpers")]
            ObjectKind::IteratorHelper(h) => h.trace(f),
            #[cfg(feature = "iterator-helpers")]
            ObjectKind::WrappedIterator(r) => r.trace(f),
            ObjectKind::WeakMap(t) | ObjectKind::WeakSet(t) => return Some(t.clone()),
            #[cfg(feature = "regexp")]
            ObjectKind::RegExpStringIterator(i) => i.rx.trace(f),
            _ => {}
        }
        None
    }

    /// The own property `a` (ordinary storage only: array elements are looked up by the caller).
    #[inline]
    pub fn find(&self, a: Atom) -> Option<(usize, u8)> {
        self.shape.lookup(a)
    }

    /// Appends a new property (the caller checked it is absent).
    pub fn push_prop(&mut self, a: Atom, flags: u8, slot: Slot) {
        Shape::add(&mut self.shape, a, flags);
        self.slots.push(slot);
    }

    pub fn remove_prop(&mut self, i: usize) {
        Shape::remove(&mut self.shape, i);
        self.slots.remove(i);
    }

    pub fn set_flags(&mut self, i: usize, flags: u8) {
        Shape::set_flags(&mut self.shape, i, flags);
    }

    /// Defines or overwrites a data property with the given flags (no checks).
    pub fn put_data(&mut self, a: Atom, v: Value, flags: u8) {
        match self.find(a) {
            Some((i, _)) => {
                self.set_flags(i, flags);
                self.slots[i] = Slot::Data(v);
            }
            None => self.push_prop(a, flags, Slot::Data(v)),
        }
    }

    pub fn is_array(&self) -> bool {
        matches!(self.kind, ObjectKind::Array { .. })
    }

    pub fn is_callable(&self) -> bool {
        matches!(
            self.kind,
            ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_)
        )
    }

    /// The dense element at `i`, if present.
    #[inline]
    pub fn dense_get(&self, i: u32) -> Option<&Value> {
        match &self.kind {
            ObjectKind::Array { elems, .. } => elems.get(i as usize).filter(|v| !v.is_uninit()),
            _ => None,
        }
    }
}

/// A handle to an object.
#[derive(Clone)]
pub struct Obj(Gc);

impl Obj {
    pub fn from_gc(g: Gc) -> Obj {
        Obj(g)
    }

    pub fn gc(&self) -> &Gc {
        &self.0
    }

    #[inline]
    pub fn borrow(&self) -> Ref<'_, ObjectData> {
        Ref::map(self.0.borrow(), |p| match p {
            Payload::Object(o) => o,
            // Obj handles are only made for object payloads, and the collector replaces a
            // payload only when no handle to it is reachable from running code.
            _ => unreachable!("object handle to a non-object box"),
        })
    }

    #[inline]
    pub fn borrow_mut(&self) -> RefMut<'_, ObjectData> {
        RefMut::map(self.0.borrow_mut(), |p| match p {
            Payload::Object(o) => o,
            _ => unreachable!("object handle to a non-object box"),
        })
    }

    pub fn ptr_eq(&self, other: &Obj) -> bool {
        self.0.ptr_eq(&other.0)
    }

    pub fn is_callable(&self) -> bool {
        self.borrow().is_callable()
    }

    pub fn is_array(&self) -> bool {
        self.borrow().is_array()
    }

    pub fn is_module_namespace(&self) -> bool {
        matches!(self.borrow().kind, ObjectKind::ModuleNamespace(_))
    }

    pub fn proto(&self) -> Option<Obj> {
        self.borrow().proto.clone()
    }
}

/// Flags of the properties that built-ins define.
pub use shape::{CONFIGURABLE, ENUMERABLE, WC, WEC, WRITABLE};
