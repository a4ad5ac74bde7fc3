//! The heap: reference-counted GC boxes and the cycle collector.
//!
//! This is one of the few modules that hold `unsafe`. Its invariants:
//! - Every [`GcBox`] is allocated by [`Heap::alloc`] with `Box::into_raw`, registered in
//!   `Heap::all` at index `header.index`, and freed exactly once, by [`Heap::free_box`], when its
//!   reference count reaches zero. `all` holds only live (not yet freed) boxes.
//! - `header.rc` counts the [`Gc`] handles that point at the box. Handles are created only by
//!   `alloc` (count 1) and `Clone` (count + 1) and give their count back in `Drop`, so a box is
//!   never freed while a handle exists (no use-after-free from safe code).
//! - Every box points at its heap (`header.heap`), and the heap outlives its boxes: the runtime
//!   drops its heap only when `all` is empty, and otherwise leaks it on purpose (a leak report,
//!   never a dangling pointer).
//! - Freeing is iterative: a box whose count drops to zero is queued on `Heap::zero` and the
//!   queue is drained in a loop, so freeing a long chain never recurses on the Rust stack.
//! - The cycle collector (trial deletion, as QuickJS describes it) subtracts from each box's
//!   count the references that other boxes hold, as reported by [`Payload::trace`]. `trace` must
//!   report each handle a payload owns exactly once and nothing else; reporting fewer only keeps
//!   garbage alive, which is safe.
//! - Weak references never hold a box: they name it by a [`WeakKey`] (its address and a
//!   never-reused id). A box that something weakly refers to is listed in `Heap::weak`, and only
//!   while it is live (`free_box` removes it and tells the [`WeakOwner`]s), so turning a key
//!   back into a handle ([`Heap::resolve`]) never reaches a freed box, and a stale key (its box
//!   freed, the address reused) resolves to nothing.
//! - Ephemerons: in the marking phase a weak collection's values are not traced through the
//!   collection itself; a value is live only if its collection and its key both are (the
//!   fix-point in `mark_ephemerons`). The subtraction phase counts them as usual.
use crate::object::ObjectData;
use crate::value::Value;
use crate::weak::{WeakKey, WeakOwner, WeakTable};
use alloc::boxed::Box;
use alloc::rc::{Rc, Weak};
use alloc::vec::Vec;
use core::cell::{Cell, Ref, RefCell, RefMut};
use core::ptr::NonNull;
use hashbrown::HashMap;

/// What a GC box holds.
pub enum Payload {
    Object(ObjectData),
    /// A captured variable shared between a frame and its closures.
    Cell(Value),
    /// After the collector has broken a cycle, before the box is freed.
    Dead,
}

impl Payload {
    /// Reports every GC handle this payload owns.
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        match self {
            Payload::Object(o) => o.trace(f),
            Payload::Cell(v) => v.trace(f),
            Payload::Dead => {}
        }
    }

    /// Like `trace`, without the values of a weak collection (which the marking phase reaches
    /// only through live keys); returns that collection's table.
    fn trace_strong(&self, f: &mut dyn FnMut(&Gc)) -> Option<Rc<RefCell<WeakTable>>> {
        match self {
            Payload::Object(o) => o.trace_strong(f),
            Payload::Cell(v) => {
                v.trace(f);
                None
            }
            Payload::Dead => None,
        }
    }
}

struct Header {
    rc: Cell<u32>,
    /// Position in `Heap::all`.
    index: Cell<u32>,
    /// Scratch count for the collector.
    gc_count: Cell<u32>,
    marked: Cell<bool>,
    /// Listed in `Heap::weak` (something refers to this box weakly).
    weak: Cell<bool>,
    heap: NonNull<Heap>,
}

pub struct GcBox {
    header: Header,
    payload: RefCell<Payload>,
}

/// A counted reference to a GC box: `Clone` is a dup, `Drop` a free.
pub struct Gc(NonNull<GcBox>);

impl Gc {
    fn header(&self) -> &Header {
        // SAFETY: a handle keeps its box alive (module invariants).
        unsafe { &self.0.as_ref().header }
    }

    fn cell(&self) -> &RefCell<Payload> {
        // SAFETY: as above.
        unsafe { &self.0.as_ref().payload }
    }

    pub fn borrow(&self) -> Ref<'_, Payload> {
        self.cell().borrow()
    }

    pub fn borrow_mut(&self) -> RefMut<'_, Payload> {
        self.cell().borrow_mut()
    }

    /// Identity comparison.
    pub fn ptr_eq(&self, other: &Gc) -> bool {
        self.0 == other.0
    }

    /// A stable identity for hashing and cycle detection.
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }

    pub fn ref_count(&self) -> u32 {
        self.header().rc.get()
    }
}

impl Clone for Gc {
    #[inline]
    fn clone(&self) -> Gc {
        let h = self.header();
        h.rc.set(h.rc.get() + 1);
        Gc(self.0)
    }
}

impl Drop for Gc {
    #[inline]
    fn drop(&mut self) {
        let h = self.header();
        let rc = h.rc.get() - 1;
        h.rc.set(rc);
        if rc == 0 {
            // SAFETY: the heap outlives its boxes (module invariants).
            let heap = unsafe { h.heap.as_ref() };
            heap.release(self.0);
        }
    }
}

/// A weakly referenced box: its id and who must hear of its death.
struct WeakTarget {
    ptr: NonNull<GcBox>,
    id: u64,
    owners: Vec<Weak<dyn WeakOwner>>,
}

/// All GC boxes of one runtime.
pub struct Heap {
    /// Weakly referenced live boxes, by address.
    weak: RefCell<HashMap<usize, WeakTarget>>,
    next_weak_id: Cell<u64>,
    /// Owners (finalization registries) with cleared cells whose cleanup job is due.
    pending_cleanups: RefCell<Vec<Weak<dyn WeakOwner>>>,
    all: RefCell<Vec<NonNull<GcBox>>>,
    zero: RefCell<Vec<NonNull<GcBox>>>,
    draining: Cell<bool>,
    collecting: Cell<bool>,
    allocated_since_gc: Cell<usize>,
    gc_threshold: Cell<usize>,
}

const MIN_GC_THRESHOLD: usize = 20_000;

impl Heap {
    pub fn new() -> Box<Heap> {
        Box::new(Heap {
            weak: RefCell::new(HashMap::new()),
            next_weak_id: Cell::new(0),
            pending_cleanups: RefCell::new(Vec::new()),
            all: RefCell::new(Vec::new()),
            zero: RefCell::new(Vec::new()),
            draining: Cell::new(false),
            collecting: Cell::new(false),
            allocated_since_gc: Cell::new(0),
            gc_threshold: Cell::new(MIN_GC_THRESHOLD),
        })
    }

    /// Allocates a box. The heap must stay at a stable address (it is always boxed).
    pub fn alloc(&self, payload: Payload) -> Gc {
        let index = self.all.borrow().len() as u32;
        let b = Box::new(GcBox {
            header: Header {
                rc: Cell::new(1),
                index: Cell::new(index),
                gc_count: Cell::new(0),
                marked: Cell::new(false),
                weak: Cell::new(false),
                heap: NonNull::from(self),
            },
            payload: RefCell::new(payload),
        });
        // SAFETY: Box::into_raw never returns null.
        let p = unsafe { NonNull::new_unchecked(Box::into_raw(b)) };
        self.all.borrow_mut().push(p);
        self.allocated_since_gc
            .set(self.allocated_since_gc.get() + 1);
        Gc(p)
    }

    /// Number of live boxes.
    pub fn live_count(&self) -> usize {
        self.all.borrow().len()
    }

    /// Number of live boxes that something refers to weakly.
    pub fn weak_count(&self) -> usize {
        self.weak.borrow().len()
    }

    /// True when enough has been allocated since the last collection to run another.
    pub fn wants_collect(&self) -> bool {
        self.allocated_since_gc.get() >= self.gc_threshold.get()
    }

    fn release(&self, p: NonNull<GcBox>) {
        self.zero.borrow_mut().push(p);
        if self.draining.get() {
            return;
        }
        self.draining.set(true);
        loop {
            let next = self.zero.borrow_mut().pop();
            let Some(p) = next else { break };
            self.free_box(p);
        }
        self.draining.set(false);
    }

    /// The weak key of a live box, listing it as weakly referenced (with `owner`, who is told
    /// when the box dies; an owner already listed is not listed twice).
    pub fn weak_key(&self, g: &Gc, owner: Weak<dyn WeakOwner>) -> WeakKey {
        let mut weak = self.weak.borrow_mut();
        let t = weak.entry(g.addr()).or_insert_with(|| {
            let id = self.next_weak_id.get();
            self.next_weak_id.set(id + 1);
            g.header().weak.set(true);
            WeakTarget {
                ptr: g.0,
                id,
                owners: Vec::new(),
            }
        });
        if !t.owners.iter().any(|o| o.ptr_eq(&owner)) {
            t.owners.push(owner);
        }
        WeakKey {
            addr: g.addr(),
            id: t.id,
        }
    }

    /// The weak key of `g` if something refers to it weakly (otherwise no weak collection
    /// holds it).
    pub fn find_weak_key(&self, g: &Gc) -> Option<WeakKey> {
        self.weak.borrow().get(&g.addr()).map(|t| WeakKey {
            addr: g.addr(),
            id: t.id,
        })
    }

    fn weak_target(&self, k: WeakKey) -> Option<NonNull<GcBox>> {
        self.weak
            .borrow()
            .get(&k.addr)
            .filter(|t| t.id == k.id)
            .map(|t| t.ptr)
    }

    /// A handle to the box `k` names, if it is still live.
    pub fn resolve(&self, k: WeakKey) -> Option<Gc> {
        let p = self.weak_target(k)?;
        // SAFETY: boxes listed in `weak` are live (free_box unlists them first).
        let h = unsafe { &p.as_ref().header };
        h.rc.set(h.rc.get() + 1);
        Some(Gc(p))
    }

    /// Whether the marking phase reached the box `k` names.
    fn weak_marked(&self, k: WeakKey) -> bool {
        // SAFETY: as in `resolve`.
        self.weak_target(k)
            .is_some_and(|p| unsafe { p.as_ref() }.header.marked.get())
    }

    /// Takes the registries whose cleanup jobs are due.
    pub fn take_pending_cleanups(&self) -> Vec<Weak<dyn WeakOwner>> {
        core::mem::take(&mut *self.pending_cleanups.borrow_mut())
    }

    /// Tells the weak owners of a dying box; their values are dropped on the free queue.
    fn weak_died(&self, p: NonNull<GcBox>) {
        let addr = p.as_ptr() as usize;
        let Some(t) = self.weak.borrow_mut().remove(&addr) else {
            return;
        };
        let key = WeakKey { addr, id: t.id };
        for owner in t.owners {
            if let Some(o) = owner.upgrade() {
                if o.target_died(key) {
                    self.pending_cleanups.borrow_mut().push(owner);
                }
            }
        }
    }

    /// Unregisters and frees a box whose count is zero, dropping its payload first.
    fn free_box(&self, p: NonNull<GcBox>) {
        // SAFETY: p is registered and live (module invariants).
        if unsafe { p.as_ref() }.header.weak.get() {
            self.weak_died(p);
        }
        {
            let mut all = self.all.borrow_mut();
            // SAFETY: p is registered and live (module invariants).
            let i = unsafe { p.as_ref() }.header.index.get() as usize;
            all.swap_remove(i);
            if let Some(moved) = all.get(i) {
                // SAFETY: every pointer in `all` is live.
                unsafe { moved.as_ref() }.header.index.set(i as u32);
            }
        }
        // SAFETY: the count is zero, so no handle or borrow refers to the box; we own it now.
        let b = unsafe { Box::from_raw(p.as_ptr()) };
        let payload = core::mem::replace(&mut *b.payload.borrow_mut(), Payload::Dead);
        drop(payload);
        drop(b);
    }

    /// Trial deletion: frees every box that is kept alive only by references from other boxes.
    pub fn collect(&self) {
        if self.collecting.get() || self.draining.get() {
            return;
        }
        self.collecting.set(true);
        let boxes: Vec<NonNull<GcBox>> = self.all.borrow().clone();
        // SAFETY (whole function): every pointer in `boxes` is live until the final phase, since
        // nothing is freed before then (the collector holds an extra count on the garbage, and
        // live boxes keep their outside references).
        let hdr = |p: &NonNull<GcBox>| unsafe { &p.as_ref().header };
        let payload = |p: &NonNull<GcBox>| unsafe { &p.as_ref().payload };
        // 1. Start from the true counts.
        for p in &boxes {
            let h = hdr(p);
            h.gc_count.set(h.rc.get());
            h.marked.set(false);
        }
        // 2. Subtract the references held inside the heap.
        for p in &boxes {
            payload(p).borrow().trace(&mut |child| {
                let h = child.header();
                h.gc_count.set(h.gc_count.get().wrapping_sub(1));
            });
        }
        // 3. What is still referenced from outside is live, and so is all it reaches.
        let mut stack: Vec<NonNull<GcBox>> = Vec::new();
        let mut tables: Vec<Rc<RefCell<WeakTable>>> = Vec::new();
        let mark_from = |stack: &mut Vec<NonNull<GcBox>>, tables: &mut Vec<_>| {
            while let Some(q) = stack.pop() {
                let table = payload(&q).borrow().trace_strong(&mut |child| {
                    let ch = child.header();
                    if !ch.marked.get() {
                        ch.marked.set(true);
                        stack.push(child.0);
                    }
                });
                tables.extend(table);
            }
        };
        for p in &boxes {
            let h = hdr(p);
            if h.gc_count.get() > 0 && !h.marked.get() {
                h.marked.set(true);
                stack.push(*p);
                mark_from(&mut stack, &mut tables);
            }
        }
        // 3b. Ephemerons: a live weak collection keeps the values of its live keys alive, which
        //     may make more keys live; repeat until nothing changes.
        loop {
            let mut progress = false;
            for t in &tables {
                t.borrow()
                    .trace_live_values(&|k| self.weak_marked(k), &mut |child| {
                        let ch = child.header();
                        if !ch.marked.get() {
                            ch.marked.set(true);
                            stack.push(child.0);
                            progress = true;
                        }
                    });
            }
            if !progress {
                break;
            }
            mark_from(&mut stack, &mut tables);
        }
        // 4. The rest is cyclic garbage: hold it (so no count reaches zero while its references
        //    are broken), break its references, then let the counts go.
        let garbage: Vec<NonNull<GcBox>> = boxes
            .iter()
            .copied()
            .filter(|p| !hdr(p).marked.get())
            .collect();
        for p in &boxes {
            hdr(p).marked.set(false);
        }
        for p in &garbage {
            let h = hdr(p);
            h.rc.set(h.rc.get() + 1);
        }
        for p in &garbage {
            let old = core::mem::replace(&mut *payload(p).borrow_mut(), Payload::Dead);
            drop(old);
        }
        self.collecting.set(false);
        for p in &garbage {
            let h = hdr(p);
            let rc = h.rc.get() - 1;
            h.rc.set(rc);
            if rc == 0 {
                self.release(*p);
            }
        }
        self.allocated_since_gc.set(0);
        let live = self.all.borrow().len();
        self.gc_threshold
            .set(core::cmp::max(MIN_GC_THRESHOLD, live));
    }
}
