//! Shapes: the ordered property keys and attribute flags that objects share. Adding a key to a
//! shared shape follows (or creates) a cached transition; objects with many keys or with deleted
//! keys get a private "dictionary" shape that is edited in place.
use crate::atom::Atom;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use hashbrown::HashMap;

pub const WRITABLE: u8 = 1;
pub const ENUMERABLE: u8 = 2;
pub const CONFIGURABLE: u8 = 4;
/// The slot holds a getter/setter pair.
pub const ACCESSOR: u8 = 8;
/// The usual attributes of an assigned property.
pub const WEC: u8 = WRITABLE | ENUMERABLE | CONFIGURABLE;
/// Built-in methods: writable and configurable, not enumerable.
pub const WC: u8 = WRITABLE | CONFIGURABLE;

/// Shapes with more keys than this become dictionaries (no transition chains).
const MAX_SHARED_KEYS: usize = 64;
/// Shapes with more keys than this get a hash index.
const INDEX_THRESHOLD: usize = 8;

#[derive(Default)]
pub struct Shape {
    keys: Vec<(Atom, u8)>,
    index: Option<HashMap<Atom, u32>>,
    /// Shapes derived from this one by adding a key. Held strongly, so that objects created
    /// again and again with the same keys (even when none survives) keep finding the same
    /// shapes instead of rebuilding them; the tree is bounded by MAX_SHARED_KEYS in depth and
    /// lives as long as the runtime's root shape.
    transitions: RefCell<Vec<(Atom, u8, Rc<Shape>)>>,
    dictionary: bool,
    /// Some key is an array index (an array whose prototypes have none can append elements
    /// without looking for setters up the chain).
    has_index_keys: bool,
    /// Bumped on every in-place edit of a dictionary shape (caches compare it).
    epoch: u32,
}

impl Shape {
    pub fn root() -> Rc<Shape> {
        Rc::new(Shape::default())
    }

    pub fn keys(&self) -> &[(Atom, u8)] {
        &self.keys
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Slot index and flags of `a`.
    #[inline]
    pub fn lookup(&self, a: Atom) -> Option<(usize, u8)> {
        match &self.index {
            Some(m) => m.get(&a).map(|&i| (i as usize, self.keys[i as usize].1)),
            None => self
                .keys
                .iter()
                .position(|k| k.0 == a)
                .map(|i| (i, self.keys[i].1)),
        }
    }

    fn with_keys(keys: Vec<(Atom, u8)>, dictionary: bool) -> Shape {
        let mut s = Shape {
            keys,
            index: None,
            transitions: RefCell::default(),
            dictionary,
            has_index_keys: false,
            epoch: 0,
        };
        s.reindex();
        s
    }

    /// True when some key is an array index.
    pub fn has_index_keys(&self) -> bool {
        self.has_index_keys
    }

    fn reindex(&mut self) {
        self.has_index_keys = self.keys.iter().any(|k| k.0.as_index().is_some());
        self.index = (self.keys.len() > INDEX_THRESHOLD).then(|| {
            self.keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.0, i as u32))
                .collect()
        });
    }

    fn push_key(&mut self, a: Atom, flags: u8) {
        self.keys.push((a, flags));
        match &mut self.index {
            Some(m) => {
                m.insert(a, self.keys.len() as u32 - 1);
                self.has_index_keys |= a.as_index().is_some();
            }
            None => self.reindex(),
        }
    }

    /// A private, editable copy of `shape` (or `shape` itself when already private).
    fn make_dictionary(shape: &mut Rc<Shape>) -> &mut Shape {
        if !(shape.dictionary && Rc::get_mut(shape).is_some()) {
            *shape = Rc::new(Shape::with_keys(shape.keys.clone(), true));
        }
        // The branch above guarantees a unique Rc.
        let s = Rc::get_mut(shape).expect("unique dictionary shape");
        s.epoch = s.epoch.wrapping_add(1);
        s
    }

    /// The edit epoch (changes whenever a dictionary shape is edited in place).
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// Replaces `shape` by one with `a` appended.
    pub fn add(shape: &mut Rc<Shape>, a: Atom, flags: u8) {
        if shape.dictionary || shape.keys.len() >= MAX_SHARED_KEYS {
            Shape::make_dictionary(shape).push_key(a, flags);
            return;
        }
        let found = shape
            .transitions
            .borrow()
            .iter()
            .find(|t| t.0 == a && t.1 == flags)
            .map(|t| t.2.clone());
        if let Some(next) = found {
            *shape = next;
            return;
        }
        let mut keys = Vec::with_capacity(shape.keys.len() + 1);
        keys.extend_from_slice(&shape.keys);
        keys.push((a, flags));
        let next = Rc::new(Shape::with_keys(keys, false));
        let mut tr = shape.transitions.borrow_mut();
        tr.push((a, flags, next.clone()));
        drop(tr);
        *shape = next;
    }

    /// Removes the key at slot `i` (the caller removes the slot).
    pub fn remove(shape: &mut Rc<Shape>, i: usize) {
        let s = Shape::make_dictionary(shape);
        s.keys.remove(i);
        s.reindex();
    }

    /// Changes the flags of slot `i`.
    pub fn set_flags(shape: &mut Rc<Shape>, i: usize, flags: u8) {
        if shape.keys[i].1 == flags {
            return;
        }
        Shape::make_dictionary(shape).keys[i].1 = flags;
    }
}
