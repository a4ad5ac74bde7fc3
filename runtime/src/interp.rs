//! The interpreter: one dispatch loop over verified bytecode.
//!
//! JS-to-JS calls push a [`Frame`] and continue in the same loop, so JavaScript recursion never
//! grows the Rust stack; it is bounded by `MAX_FRAMES` and reported as a `RangeError`. Rust code
//! that calls JavaScript (built-ins, getters) re-enters [`run`] through `Runtime::call`, which
//! marks the new frame as a *boundary*: `run` returns when that frame returns or throws.
//!
//! The loader's verifier guarantees operand ranges and stack depths, so the loop indexes without
//! re-checking kinds beyond what safe Rust does anyway (an out-of-range index would panic, never
//! read out of bounds; the verifier makes that unreachable).
use crate::atom::{names, Atom};
use crate::function::{Closure, LoadedProgram};
use crate::gc::{Gc, Payload};
use crate::object::{Obj, ObjectKind};
use crate::op_groups::{OpCx, OpFlow};
use crate::property::PropDesc;
use crate::runtime::{ErrorType, Exc, JsResult, Runtime, MAX_FRAMES};
use crate::shape::{CONFIGURABLE, ENUMERABLE, WRITABLE};
use crate::string::JsString;
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec::Vec;
use qjs_bytecode::{flags, Capture, Constant, Op};

pub(crate) struct Frame {
    pub(crate) program: Rc<LoadedProgram>,
    pub(crate) func: u32,
    /// Offset of the instruction being executed (kept current for stack traces).
    pub(crate) pc: usize,
    /// Stack index of local slot 0; the operand stack starts after the locals.
    locals: usize,
    /// Stack index of the first actual argument, and how many there are.
    pub(crate) args: usize,
    pub(crate) argc: usize,
    /// Stack length to restore when the frame returns.
    ret_base: usize,
    pub(crate) callee: Obj,
    /// The function whose `this`, `new.target` and `super` the frame uses: the callee, or for
    /// an arrow function the function it was created in.
    function: Obj,
    vars: Rc<[Gc]>,
    /// `this`; in a derived constructor (and its arrows) a cell, bound by `super()`.
    pub(crate) this: Value,
    new_target: Value,
    pub(crate) home: Option<Obj>,
    strict: bool,
    /// Called with `new`: the return value follows the constructor rules.
    construct: bool,
    /// Derived constructor: `this` is bound by `super()`.
    derived: bool,
    /// This frame runs a parent constructor for `super(...)`: its result binds the caller's `this`.
    super_call: bool,
    /// Entered from Rust: `run` returns when this frame is done.
    boundary: bool,
    /// The generator object this frame runs for (resumed generators only).
    pub(crate) generator: Option<Obj>,
}

/// An installed `try` handler.
pub(crate) struct Handler {
    frame: usize,
    pc: usize,
    sp: usize,
    /// A `finally` (or iterator-closing) handler: it also runs for a generator's `return()`.
    finally: bool,
}

/// A generator's frame while it is suspended: its part of the value stack (arguments, locals
/// and operands) and its handlers, with positions relative to the first argument.
pub(crate) struct SavedFrame {
    program: Rc<LoadedProgram>,
    func: u32,
    pc: usize,
    locals_offset: usize,
    argc: usize,
    callee: Obj,
    function: Obj,
    vars: Rc<[Gc]>,
    this: Value,
    new_target: Value,
    home: Option<Obj>,
    strict: bool,
    stack: Vec<Value>,
    /// (pc, stack offset, finally)
    handlers: Vec<(usize, usize, bool)>,
}

impl SavedFrame {
    pub(crate) fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        f(self.callee.gc());
        f(self.function.gc());
        self.vars.iter().for_each(&mut *f);
        self.this.trace(f);
        self.new_target.trace(f);
        if let Some(h) = &self.home {
            f(h.gc());
        }
        self.stack.iter().for_each(|v| v.trace(f));
    }

    /// Overwrites the top `vals.len()` operand values (how `yield*` receives its next input).
    pub(crate) fn replace_top(&mut self, vals: [Value; 2]) {
        let n = self.stack.len();
        if n >= 2 {
            let [a, b] = vals;
            self.stack[n - 2] = a;
            self.stack[n - 1] = b;
        }
    }

    pub(crate) fn push(&mut self, v: Value) {
        self.stack.push(v);
    }
}

/// The async instructions' entry points into `builtins::promise` and
/// `builtins::async_generator` (`Runtime::async_hooks`): reached through this table, which
/// `add_promise` installs, so a program with no async code does not link them.
pub(crate) struct AsyncHooks {
    pub start_async: fn(&mut Runtime, SavedFrame) -> JsResult<Value>,
    pub create_async_generator: fn(&mut Runtime, &Obj, SavedFrame) -> JsResult<Value>,
    pub await_value: fn(&mut Runtime, &Obj, Value) -> JsResult<()>,
    pub yield_value: fn(&mut Runtime, &Obj, Value) -> crate::builtins::async_generator::Resumption,
    pub get_async_iterator: fn(&mut Runtime, &Value) -> JsResult<(Value, Value)>,
    pub iter_next: fn(&mut Runtime) -> JsResult<()>,
    pub iter_result_step: fn(&mut Runtime) -> JsResult<bool>,
    pub iter_close: fn(&mut Runtime) -> JsResult<bool>,
    pub iter_close_throw: fn(&mut Runtime) -> JsResult<bool>,
    pub delegate_call: fn(&mut Runtime) -> JsResult<()>,
    pub delegate_result: fn(&mut Runtime, &Obj) -> JsResult<Option<Value>>,
}

/// Takes the current frame off the stacks into a [`SavedFrame`] that resumes at `pc`. Returns
/// it with the frame's `ret_base` and whether it was a boundary frame.
pub(crate) fn suspend_frame(rt: &mut Runtime, pc: usize) -> (SavedFrame, usize, bool) {
    let fi = rt.frames.len() - 1;
    let mut handlers = Vec::new();
    while rt.handlers.last().is_some_and(|h| h.frame == fi) {
        if let Some(h) = rt.handlers.pop() {
            handlers.push(h);
        }
    }
    handlers.reverse();
    let f = rt.frames.remove(fi);
    let stack = rt.stack.split_off(f.args);
    rt.stack.truncate(f.ret_base);
    let saved = SavedFrame {
        handlers: handlers
            .into_iter()
            .map(|h| (h.pc, h.sp - f.args, h.finally))
            .collect(),
        program: f.program,
        func: f.func,
        pc,
        locals_offset: f.locals - f.args,
        argc: f.argc,
        callee: f.callee,
        function: f.function,
        vars: f.vars,
        this: f.this,
        new_target: f.new_target,
        home: f.home,
        strict: f.strict,
        stack,
    };
    (saved, f.ret_base, f.boundary)
}

/// Pushes a saved generator frame back as a boundary frame on top of the stacks.
pub(crate) fn restore_frame(rt: &mut Runtime, s: SavedFrame, generator: Obj) -> JsResult<()> {
    if rt.frames.len() >= MAX_FRAMES {
        return Err(rt.range_error("Maximum call stack size exceeded"));
    }
    let args = rt.stack.len();
    rt.stack.extend(s.stack);
    let fi = rt.frames.len();
    for (pc, sp, finally) in s.handlers {
        rt.handlers.push(Handler {
            frame: fi,
            pc,
            sp: args + sp,
            finally,
        });
    }
    rt.frames.push(Frame {
        program: s.program,
        func: s.func,
        pc: s.pc,
        locals: args + s.locals_offset,
        args,
        argc: s.argc,
        ret_base: args,
        callee: s.callee,
        function: s.function,
        vars: s.vars,
        this: s.this,
        new_target: s.new_target,
        home: s.home,
        strict: s.strict,
        construct: false,
        derived: false,
        super_call: false,
        boundary: true,
        generator: Some(generator),
    });
    Ok(())
}

/// Source position of a frame, for stack traces: (function name, file, line, column).
pub(crate) fn frame_positions(rt: &Runtime) -> Vec<StackFrame> {
    let mut out = Vec::new();
    let mut natives = rt.native_calls.iter().rev().peekable();
    for level in (0..=rt.frames.len()).rev() {
        while let Some((_, f)) = natives.next_if(|(depth, _)| *depth >= level) {
            out.push(StackFrame::Native(f.clone()));
        }
        let Some(f) = level.checked_sub(1).and_then(|i| rt.frames.get(i)) else {
            continue;
        };
        let t = &f.program.functions[f.func as usize];
        let (line, col) = t.position(f.pc as u32);
        out.push(StackFrame::Bytecode {
            name: f.program.atoms[t.name as usize],
            main: f.func == f.program.main,
            file: f.program.atoms[t.filename as usize],
            line,
            col,
        });
    }
    out
}

/// One line of an error's `stack`, innermost first.
pub(crate) enum StackFrame {
    /// A function running bytecode: its name (`main` for a program's top-level code), file and
    /// current position.
    Bytecode {
        name: Atom,
        main: bool,
        file: Atom,
        line: u32,
        col: u32,
    },
    /// A native function being called.
    Native(Obj),
}

/// Runs a loaded program's top-level code with `this` = the global object.
pub fn run_program(rt: &mut Runtime, program: &Rc<LoadedProgram>) -> JsResult<Value> {
    if program.module {
        // Its main function needs the module's environment (see `host::eval_module`).
        return Err(rt.type_error("a module cannot run as a script"));
    }
    let global = rt.global();
    let f = rt.new_closure(program, program.main, Rc::from(Vec::new()), None);
    call_bytecode(rt, &f, Value::object(global), &[], Value::UNDEFINED)
}

/// Calls a bytecode closure from Rust.
pub(crate) fn call_bytecode(
    rt: &mut Runtime,
    f: &Obj,
    this: Value,
    args: &[Value],
    new_target: Value,
) -> JsResult<Value> {
    let base = rt.stack.len();
    rt.stack.extend_from_slice(args);
    if let Err(e) = push_frame(rt, f, this, base, args.len(), base, new_target, true) {
        rt.stack.truncate(base);
        return Err(e);
    }
    run(rt)
}

/// Pushes a frame for closure `f` whose arguments are already on the stack at `args`.
#[allow(clippy::too_many_arguments)]
fn push_frame(
    rt: &mut Runtime,
    f: &Obj,
    this: Value,
    args: usize,
    argc: usize,
    ret_base: usize,
    new_target: Value,
    boundary: bool,
) -> JsResult<()> {
    if rt.frames.len() >= MAX_FRAMES {
        return Err(rt.range_error("Maximum call stack size exceeded"));
    }
    let (program, func, vars, home, lexical) = match &f.borrow().kind {
        ObjectKind::Closure(Closure {
            program,
            func,
            vars,
            home_object,
            lexical_this,
        }) => (
            program.clone(),
            *func,
            vars.clone(),
            home_object.clone(),
            lexical_this.clone(),
        ),
        _ => return Err(rt.type_error("not a function")),
    };
    let t = &program.functions[func as usize];
    let tf = t.flags;
    let construct = !new_target.is_undefined();
    if tf & flags::CLASS_CONSTRUCTOR != 0 && !construct {
        return Err(rt.type_error("class constructors must be invoked with 'new'"));
    }
    let strict = tf & flags::STRICT != 0;
    let derived = tf & flags::DERIVED != 0;
    let mut function = f.clone();
    let (this, new_target) = if let Some((t, nt, func)) = lexical {
        function = func;
        (t, nt)
    } else if construct {
        if derived {
            // A cell, so that arrow functions created before `super()` see it bound after.
            (Value::cell(rt.new_cell(Value::UNINIT)), new_target)
        } else {
            let proto = rt.proto_from_ctor(&new_target, |r| r.realm.object_proto.clone())?;
            (
                Value::object(rt.alloc_object(Some(&proto), ObjectKind::Ordinary)),
                new_target,
            )
        }
    } else if strict {
        (this, Value::UNDEFINED)
    } else if this.is_nullish() {
        (Value::object(rt.global()), Value::UNDEFINED)
    } else {
        (Value::object(rt.to_object(&this)?), Value::UNDEFINED)
    };
    let locals = rt.stack.len();
    let (param_count, local_count) = (t.param_count as usize, t.local_count as usize);
    // Parameters start as copies of the actual arguments, the other locals undefined. One
    // reservation covers the locals and the operand stack, so the frame's pushes never grow it.
    rt.stack.reserve(local_count + t.stack_size as usize);
    let copied = local_count.min(param_count).min(argc);
    rt.stack.extend_from_within(args..args + copied);
    // (A loop, not `resize`: most frames have no or few non-parameter locals, and this
    // inlines.)
    while rt.stack.len() < locals + local_count {
        rt.stack.push(Value::UNDEFINED);
    }
    rt.frames.push(Frame {
        program,
        func,
        pc: 0,
        locals,
        args,
        argc,
        ret_base,
        callee: f.clone(),
        function,
        vars,
        this,
        new_target,
        home,
        strict,
        construct,
        derived,
        super_call: false,
        boundary,
        generator: None,
    });
    Ok(())
}

/// The value of a frame's `this` slot (read through the cell of a derived constructor).
pub(crate) fn this_value(slot: &Value) -> Value {
    match slot.as_cell() {
        Some(g) => cell_value(g),
        None => slot.clone(),
    }
}

/// Binds `this` after `super()` returned `v` in frame `fi` (ReferenceError when bound already).
fn bind_this(rt: &mut Runtime, fi: usize, v: Value) -> JsResult<()> {
    let slot = rt.frames[fi].this.clone();
    if !this_value(&slot).is_uninit() {
        return Err(rt.reference_error("super() called twice"));
    }
    match slot.as_cell() {
        Some(g) => set_cell_value(g, v),
        None => rt.frames[fi].this = v,
    }
    Ok(())
}

/// The value in a closure cell.
pub(crate) fn cell_value(g: &Gc) -> Value {
    match &*g.borrow() {
        Payload::Cell(v) => v.clone(),
        _ => Value::UNDEFINED,
    }
}

/// Stores into a closure cell.
pub(crate) fn set_cell_value(g: &Gc, v: Value) {
    if let Payload::Cell(slot) = &mut *g.borrow_mut() {
        *slot = v;
    }
}

#[inline]
pub(crate) fn rd_u16(code: &[u8], at: usize) -> usize {
    // One range check instead of one per byte. The verifier keeps operands inside the code;
    // a (never taken) miss reads 0 rather than panicking.
    match code.get(at..at + 2) {
        Some(&[a, b]) => u16::from_le_bytes([a, b]) as usize,
        _ => 0,
    }
}
#[inline]
pub(crate) fn rd_u32(code: &[u8], at: usize) -> u32 {
    match code.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}
#[inline]
fn rd_i32(code: &[u8], at: usize) -> isize {
    rd_u32(code, at) as i32 as isize
}

impl Runtime {
    #[inline]
    pub(crate) fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or_default()
    }
    #[inline]
    pub(crate) fn top(&self) -> &Value {
        static_undefined(self.stack.last())
    }

    /// GetPrototypeFromConstructor (10.1.14).
    pub fn proto_from_ctor(&mut self, ctor: &Value, default: fn(&Runtime) -> Obj) -> JsResult<Obj> {
        if ctor.is_object() {
            let p = self.get(ctor, names::prototype)?;
            if let Some(o) = p.as_object() {
                return Ok(o.clone());
            }
        }
        Ok(default(self))
    }

    /// OrdinaryHasInstance / InstanceofOperator (13.10.2).
    pub fn instance_of(&mut self, v: &Value, ctor: &Value) -> JsResult<bool> {
        if !ctor.is_object() {
            return Err(self.type_error("invalid 'instanceof' right operand"));
        }
        let h = self.get(ctor, names::Symbol_hasInstance)?;
        if !h.is_nullish() {
            let r = self.call(&h, ctor.clone(), core::slice::from_ref(v))?;
            return Ok(r.truthy());
        }
        if !self.is_callable(ctor) {
            return Err(self.type_error("invalid 'instanceof' right operand"));
        }
        self.ordinary_has_instance(ctor, v)
    }

    pub fn ordinary_has_instance(&mut self, ctor: &Value, v: &Value) -> JsResult<bool> {
        let Some(c) = ctor.as_object() else {
            return Ok(false);
        };
        let bound = match &c.borrow().kind {
            ObjectKind::Bound(b) => Some(b.target.clone()),
            _ => None,
        };
        if let Some(t) = bound {
            return self.instance_of(v, &Value::object(t));
        }
        let Some(o) = v.as_object() else {
            return Ok(false);
        };
        let proto = self.get(ctor, names::prototype)?;
        let Some(proto) = proto.as_object() else {
            return Err(self.type_error("'prototype' is not an object"));
        };
        let mut cur = o.proto();
        while let Some(p) = cur {
            if p.ptr_eq(proto) {
                return Ok(true);
            }
            cur = p.proto();
        }
        Ok(false)
    }

    /// The values an iterable produces (used for spread).
    pub fn iterate_to_vec(&mut self, iterable: &Value) -> JsResult<Vec<Value>> {
        if let Some(o) = iterable.as_object() {
            if self.has_default_array_iterator(o) {
                let b = o.borrow();
                if let ObjectKind::Array { elems, length, .. } = &b.kind {
                    if elems.len() == *length as usize && elems.iter().all(|e| !e.is_uninit()) {
                        return Ok(elems.clone());
                    }
                }
            }
        }
        let (iter, next) = self.get_iterator(iterable)?;
        let mut out = Vec::new();
        while let Some(v) = self.iterator_step(&iter, &next)? {
            out.push(v);
        }
        Ok(out)
    }

    fn has_default_array_iterator(&mut self, o: &Obj) -> bool {
        if !o.is_array() || self.has_own_property(o, names::Symbol_iterator) {
            return false;
        }
        let ap = self.realm.array_proto.clone();
        if !o.proto().is_some_and(|p| p.ptr_eq(&ap)) {
            return false;
        }
        let f = match crate::property::own_slot(&ap.borrow(), names::Symbol_iterator) {
            Some((crate::object::Slot::Data(v), _)) => v,
            _ => return false,
        };
        let is_default = crate::function::is_native(&f, crate::builtins::array::array_values);
        is_default && self.array_iterator_next_is_default()
    }

    fn array_iterator_next_is_default(&mut self) -> bool {
        let p = self.realm.array_iterator_proto.clone();
        let f = match crate::property::own_slot(&p.borrow(), names::next) {
            Some((crate::object::Slot::Data(v), _)) => v,
            _ => return false,
        };
        crate::function::is_native(&f, crate::builtins::iterator::array_iterator_next)
    }

    /// GetIterator (7.4.2): (iterator, next method).
    pub fn get_iterator(&mut self, iterable: &Value) -> JsResult<(Value, Value)> {
        let m = self.get(iterable, names::Symbol_iterator)?;
        if !self.is_callable(&m) {
            return Err(self.type_error("value is not iterable"));
        }
        let iter = self.call(&m, iterable.clone(), &[])?;
        if !iter.is_object() {
            return Err(self.type_error("iterator is not an object"));
        }
        let next = self.get(&iter, names::next)?;
        Ok((iter, next))
    }

    /// IteratorStep + IteratorValue: the next value, or None when done.
    pub fn iterator_step(&mut self, iter: &Value, next: &Value) -> JsResult<Option<Value>> {
        // Array iterators with the built-in `next` step without allocating a result object.
        if let Some(o) = iter.as_object() {
            let is_array_iter = matches!(o.borrow().kind, ObjectKind::ArrayIterator { .. });
            if is_array_iter
                && crate::function::is_native(next, crate::builtins::iterator::array_iterator_next)
            {
                return crate::builtins::iterator::array_iterator_step(self, o);
            }
        }
        let r = self.call(next, iter.clone(), &[])?;
        if !r.is_object() {
            return Err(self.type_error("iterator result is not an object"));
        }
        let done = self.get(&r, names::done)?;
        if done.truthy() {
            return Ok(None);
        }
        Ok(Some(self.get(&r, names::value)?))
    }

    /// IteratorClose (7.4.11) for a normal completion.
    pub fn iterator_close(&mut self, iter: &Value) -> JsResult<()> {
        let ret = self.get(iter, names::return_)?;
        if ret.is_nullish() {
            return Ok(());
        }
        let r = self.call(&ret, iter.clone(), &[])?;
        if !r.is_object() {
            return Err(self.type_error("iterator result is not an object"));
        }
        Ok(())
    }

    /// EnumerateObjectProperties (14.7.5.9): enumerable string keys of `o` and its prototypes,
    /// shadowed keys skipped.
    pub(crate) fn for_in_keys(&mut self, o: &Obj) -> Vec<JsString> {
        let mut seen: Vec<Atom> = Vec::new();
        let mut out = Vec::new();
        let mut cur = Some(o.clone());
        while let Some(c) = cur {
            for k in self.own_keys(&c) {
                if self.atoms.is_symbol(k) || seen.contains(&k) {
                    continue;
                }
                seen.push(k);
                let enumerable = crate::property::own_slot(&c.borrow(), k)
                    .is_some_and(|(_, f)| f & ENUMERABLE != 0);
                if enumerable {
                    out.push(self.atoms.text(k));
                }
            }
            cur = c.proto();
        }
        out
    }

    pub(crate) fn super_base(&mut self, home: &Option<Obj>) -> JsResult<Value> {
        match home.as_ref().and_then(|h| h.proto()) {
            Some(p) => Ok(Value::object(p)),
            None => Err(self.type_error("super is not available here")),
        }
    }

    pub(crate) fn set_function_name(&mut self, f: &Value, key: Atom, prefix: &str) {
        let Some(o) = f.as_object() else { return };
        let mut name = if self.atoms.is_symbol(key) {
            match self.atoms.symbol_description(key) {
                Some(d) => JsString::from_str("[")
                    .concat(&d)
                    .concat(&JsString::from_str("]")),
                None => JsString::empty(),
            }
        } else {
            self.atoms.text(key)
        };
        if !prefix.is_empty() {
            name = JsString::from_str(prefix)
                .concat(&JsString::from_str(" "))
                .concat(&name);
        }
        o.borrow_mut()
            .put_data(names::name, Value::string(name), CONFIGURABLE);
    }
}

fn static_undefined(v: Option<&Value>) -> &Value {
    const U: &Value = &Value::UNDEFINED;
    v.unwrap_or(U)
}

/// Where the interpreter goes after an instruction that changes frames or throws.
enum Flow {
    /// Reload the (new) current frame.
    Reload,
    /// An exception is pending.
    Throw,
}

/// Runs until the innermost boundary frame returns (its value) or throws.
pub(crate) fn run(rt: &mut Runtime) -> JsResult<Value> {
    run_from(rt, false)
}

/// Like [`run`]; with `throwing`, the pending exception is first thrown in the current frame
/// (how a generator's `throw()` and `return()` resume it).
pub(crate) fn run_from(rt: &mut Runtime, throwing: bool) -> JsResult<Value> {
    if throwing {
        unwind(rt)?;
    }
    loop {
        let flow = match exec(rt) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => Flow::Reload,
            Err(Exc) => Flow::Throw,
        };
        if let Flow::Throw = flow {
            unwind(rt)?
        }
    }
}

/// Finds the handler for the pending exception: in the current frame, or by popping frames up to
/// the boundary (then the exception propagates to Rust).
fn unwind(rt: &mut Runtime) -> JsResult<()> {
    // A generator's `return()` travels as the exception value UNINIT: only `finally`
    // handlers see it, `catch` clauses do not.
    let returning = rt.exception.is_uninit();
    loop {
        let Some(fi) = rt.frames.len().checked_sub(1) else {
            return Err(Exc);
        };
        while let Some(h) = rt.handlers.last() {
            if h.frame != fi {
                break;
            }
            let (pc, sp, finally) = (h.pc, h.sp, h.finally);
            rt.handlers.pop();
            if (returning && !finally) || rt.uncatchable {
                continue;
            }
            if rt.stack.len() < sp {
                // The protected code popped below the depth the handler was verified for:
                // malformed bytecode. Running the handler could misindex, so the frame fails.
                while rt.handlers.last().is_some_and(|h| h.frame == fi) {
                    rt.handlers.pop();
                }
                rt.throw_error(
                    ErrorType::InternalError,
                    "malformed bytecode: stack below a handler's depth",
                );
                break;
            }
            rt.stack.truncate(sp);
            let e = rt.take_exception();
            rt.stack.push(e);
            rt.frames[fi].pc = pc;
            return Ok(());
        }
        let Some(f) = rt.frames.pop() else {
            return Err(Exc);
        };
        rt.stack.truncate(f.ret_base);
        if f.boundary {
            return Err(Exc);
        }
    }
}

/// Pops the current frame with return value `v`. Returns Some(v) when it was a boundary frame.
fn do_return(rt: &mut Runtime, mut v: Value) -> JsResult<Option<Value>> {
    let fi = rt.frames.len() - 1;
    {
        let f = &rt.frames[fi];
        if f.construct && !v.is_object() {
            if f.derived && !v.is_undefined() {
                return Err(
                    rt.type_error("derived class constructor must return an object or undefined")
                );
            }
            let this = this_value(&f.this);
            if this.is_uninit() {
                return Err(
                    rt.reference_error("this is not initialized: call super() before returning")
                );
            }
            v = this;
        }
    }
    while rt.handlers.last().is_some_and(|h| h.frame >= fi) {
        rt.handlers.pop();
    }
    let Some(f) = rt.frames.pop() else {
        return Ok(Some(v));
    };
    rt.stack.truncate(f.ret_base);
    if f.boundary {
        return Ok(Some(v));
    }
    if f.super_call {
        let caller = rt.frames.len() - 1;
        bind_this(rt, caller, v.clone())?;
    }
    rt.stack.push(v);
    Ok(None)
}

/// How a call instruction found its callee on the stack.
#[derive(Clone, Copy, PartialEq)]
enum CallKind {
    /// `this f args`
    Call,
    /// `f args`
    New,
    /// `args`, callee = parent constructor of the running one
    Super,
}

/// Performs a call whose arguments are the top `argc` stack values. Bytecode callees get a new
/// frame (returns Ok(true): reload); natives run now and their result is pushed (Ok(false)).
fn do_call(rt: &mut Runtime, argc: usize, kind: CallKind) -> JsResult<bool> {
    rt.poll()?;
    let args = rt.stack.len() - argc;
    let (mut f, mut this, ret_base, mut new_target) = match kind {
        CallKind::Call => (
            rt.stack[args - 1].clone(),
            rt.stack[args - 2].clone(),
            args - 2,
            Value::UNDEFINED,
        ),
        CallKind::New => {
            let f = rt.stack[args - 1].clone();
            (f.clone(), Value::UNDEFINED, args - 1, f)
        }
        CallKind::Super => {
            let fi = rt.frames.len() - 1;
            let parent = rt.frames[fi]
                .function
                .proto()
                .map(Value::object)
                .unwrap_or_default();
            (
                parent,
                Value::UNDEFINED,
                args,
                rt.frames[fi].new_target.clone(),
            )
        }
    };
    let mut argc = argc;
    loop {
        let Some(fo) = f.as_object().cloned() else {
            return Err(rt.type_error(if kind == CallKind::Call {
                "not a function"
            } else {
                "not a constructor"
            }));
        };
        if kind != CallKind::Call && !rt.is_constructor(&f) {
            return Err(rt.type_error("not a constructor"));
        }
        enum Target {
            Bytecode,
            Native(crate::function::NativeFn, u16),
            Bound(Obj, Value, Vec<Value>),
            None,
        }
        let target = match &fo.borrow().kind {
            ObjectKind::Closure(_) => Target::Bytecode,
            ObjectKind::Native(n) => Target::Native(n.f, n.magic),
            ObjectKind::Bound(b) => Target::Bound(b.target.clone(), b.this.clone(), b.args.clone()),
            _ => Target::None,
        };
        match target {
            Target::Bytecode => {
                push_frame(rt, &fo, this, args, argc, ret_base, new_target, false)?;
                if kind == CallKind::Super {
                    let n = rt.frames.len();
                    rt.frames[n - 1].super_call = true;
                }
                return Ok(true);
            }
            Target::Native(nf, magic) => {
                let mut buf = rt.arg_bufs.pop().unwrap_or_default();
                buf.extend(rt.stack.drain(args..));
                rt.stack.truncate(ret_base);
                // Natives that call back into JavaScript check the stack in `call_obj`.
                rt.native_depth += 1;
                let args = crate::function::Args {
                    this: &this,
                    args: &buf,
                    new_target: &new_target,
                    callee: &fo,
                    magic,
                };
                rt.native_calls.push((rt.frames.len(), fo.clone()));
                let r = nf(rt, &args);
                rt.native_calls.pop();
                rt.native_depth -= 1;
                buf.clear();
                rt.arg_bufs.push(buf);
                let v = r?;
                if kind == CallKind::Super {
                    let fi = rt.frames.len() - 1;
                    bind_this(rt, fi, v.clone())?;
                }
                rt.stack.push(v);
                return Ok(false);
            }
            Target::Bound(t, bthis, bargs) => {
                // Splice the bound arguments in front of the actual ones and retry.
                let n = bargs.len();
                let tail: Vec<Value> = rt.stack.drain(args..).collect();
                rt.stack.extend(bargs);
                rt.stack.extend(tail);
                argc += n;
                if kind == CallKind::Call {
                    this = bthis;
                } else if new_target.as_object().is_some_and(|o| o.ptr_eq(&fo)) {
                    new_target = Value::object(t.clone());
                }
                f = Value::object(t);
            }
            Target::None => return Err(rt.type_error("not a function")),
        }
    }
}

/// `x op y` for two int32 operands, when the result follows from them directly (None: take
/// the general path). Results that are not int32 (overflow, -0, `>>>` above 2^31) are floats.
#[inline]
fn int_arith(op: Op, x: i32, y: i32) -> Option<Value> {
    Some(match op {
        Op::Sub => match x.checked_sub(y) {
            Some(r) => Value::int(r),
            None => Value::number(x as f64 - y as f64),
        },
        Op::Mul => match x.checked_mul(y) {
            // A zero product may be -0 (`-1 * 0`): the float product gets the sign right.
            Some(r) if r != 0 => Value::int(r),
            _ => Value::number(x as f64 * y as f64),
        },
        Op::Mod if y != 0 => match x.wrapping_rem(y) {
            // The sign of a zero remainder follows the dividend (`-4 % 2` is -0).
            0 if x < 0 => Value::number(-0.0),
            r => Value::int(r),
        },
        Op::BitAnd => Value::int(x & y),
        Op::BitOr => Value::int(x | y),
        Op::BitXor => Value::int(x ^ y),
        // Shift counts are taken mod 32, as `wrapping_sh*` does.
        Op::Shl => Value::int(x.wrapping_shl(y as u32)),
        Op::Sar => Value::int(x.wrapping_shr(y as u32)),
        Op::Shr => Value::number((x as u32).wrapping_shr(y as u32) as f64),
        _ => return None,
    })
}

/// `TailCall`: when the callee is a bytecode function (not a class constructor) and the
/// running frame is an ordinary call with no handler installed, the callee's frame replaces
/// the running one, so a chain of tail calls runs in constant frame space. Otherwise it is
/// an ordinary call (the `Return` after it returns the result). Ok(true): reload the frame.
fn tail_call(rt: &mut Runtime, argc: usize) -> JsResult<bool> {
    let fi = rt.frames.len() - 1;
    let args = rt.stack.len() - argc;
    let callee = rt.stack[args - 1].as_object().cloned();
    let replaceable = {
        let cur = &rt.frames[fi];
        // (A boundary frame stays: Rust code waits for it to return.)
        !cur.boundary
            && !cur.construct
            && !cur.super_call
            && cur.generator.is_none()
            && rt.handlers.last().is_none_or(|h| h.frame != fi)
    };
    let target = callee.filter(|fo| {
        replaceable
            && match &fo.borrow().kind {
                ObjectKind::Closure(c) => {
                    c.program.functions[c.func as usize].flags & flags::CLASS_CONSTRUCTOR == 0
                }
                _ => false,
            }
    });
    let Some(fo) = target else {
        return do_call(rt, argc, CallKind::Call);
    };
    rt.poll()?;
    let this = rt.stack[args - 2].clone();
    let Some(old) = rt.frames.pop() else {
        return Err(bad_cell(rt));
    };
    // The arguments move down to where the running frame's own arguments started.
    let base = old.ret_base;
    rt.stack.drain(base..args);
    push_frame(rt, &fo, this, base, argc, base, Value::UNDEFINED, false)?;
    Ok(true)
}

/// Moves the elements of the array on top of the stack onto the stack; returns their count.
fn spread_args(rt: &mut Runtime) -> JsResult<usize> {
    let arr = rt.pop();
    let items = rt.iterate_to_vec(&arr)?;
    let n = items.len();
    rt.stack.extend(items);
    Ok(n)
}

/// Executes instructions of the current frame until it changes frames (Ok(None)), a boundary
/// frame returns (Ok(Some)), or an exception is thrown (Err).
fn exec(rt: &mut Runtime) -> JsResult<Option<Value>> {
    // Calls and returns switch frames without leaving this function: each iteration of
    // 'frames loads the state of the current frame.
    'frames: loop {
        let fi = rt.frames.len() - 1;
        let prog = rt.frames[fi].program.clone();
        let vars = rt.frames[fi].vars.clone();
        let t = &prog.functions[rt.frames[fi].func as usize];
        let code: &[u8] = &t.code;
        let locals = rt.frames[fi].locals;
        let strict = rt.frames[fi].strict;
        let atom = |i: u32| prog.atoms[i as usize];
        let mut pc = rt.frames[fi].pc;
        macro_rules! binop {
            ($f:expr) => {{
                let b = rt.pop();
                let a = rt.pop();
                let r = $f(rt, a, b)?;
                rt.stack.push(r);
            }};
        }
        // Takes the current instruction's jump; backward jumps poll the interrupt handler and GC.
        macro_rules! jump {
            ($next:ident, $ops:lifetime) => {{
                let off = rd_i32(code, pc + 1);
                pc = ($next as isize + off) as usize;
                if off < 0 {
                    rt.poll()?;
                }
                continue $ops;
            }};
        }
        'ops: loop {
            rt.frames[fi].pc = pc;
            // SAFETY-free decoding: the verifier checked that every opcode byte is valid.
            let Some(op) = code.get(pc).and_then(|&b| Op::from_u8(b)) else {
                return Err(rt.throw_error(ErrorType::InternalError, "bad opcode"));
            };
            let next = pc + op.len();
            match op {
                Op::Undefined => rt.stack.push(Value::UNDEFINED),
                Op::Null => rt.stack.push(Value::NULL),
                Op::True => rt.stack.push(Value::TRUE),
                Op::False => rt.stack.push(Value::FALSE),
                Op::PushI8 => rt.stack.push(Value::int(code[pc + 1] as i8 as i32)),
                Op::PushI32 => rt.stack.push(Value::int(rd_u32(code, pc + 1) as i32)),
                Op::PushConst => {
                    let v = match t.constants[rd_u16(code, pc + 1)] {
                        Constant::Number(n) => Value::number(n),
                        Constant::String(a) => Value::string(rt.atoms.text(atom(a))),
                        Constant::BigInt(a) => {
                            let text = rt.atoms.text(atom(a)).to_utf16();
                            let r = (rt.bigint_ops()?.from_constant)(&text);
                            Value::bigint(rt.bigint_result(r)?)
                        }
                        Constant::Function(_) | Constant::RegExp(_) => Value::UNDEFINED,
                    };
                    rt.stack.push(v);
                }
                Op::Closure => {
                    let Constant::Function(fidx) = t.constants[rd_u16(code, pc + 1)] else {
                        return Err(bad_cell(rt));
                    };
                    let f = make_closure(rt, &prog, fidx, fi, locals, &vars)?;
                    rt.stack.push(Value::object(f));
                }
                Op::This => {
                    let v = this_value(&rt.frames[fi].this);
                    if v.is_uninit() {
                        return Err(
                            rt.reference_error("this is not initialized: call super() first")
                        );
                    }
                    rt.stack.push(v);
                }
                Op::NewTarget => {
                    let v = rt.frames[fi].new_target.clone();
                    rt.stack.push(v);
                }
                Op::ThisFunction => {
                    let v = Value::object(rt.frames[fi].callee.clone());
                    rt.stack.push(v);
                }
                Op::Dup => {
                    let v = rt.top().clone();
                    rt.stack.push(v);
                }
                Op::Dup2 => {
                    let n = rt.stack.len();
                    let (a, b) = (rt.stack[n - 2].clone(), rt.stack[n - 1].clone());
                    rt.stack.push(a);
                    rt.stack.push(b);
                }
                Op::Drop => {
                    rt.pop().discard();
                }
                Op::Nip => {
                    let b = rt.pop();
                    rt.stack.pop();
                    rt.stack.push(b);
                }
                Op::Swap => {
                    let n = rt.stack.len();
                    rt.stack.swap(n - 1, n - 2);
                }
                Op::Insert2 | Op::Insert3 | Op::Insert4 => {
                    let depth = match op {
                        Op::Insert2 => 2,
                        Op::Insert3 => 3,
                        _ => 4,
                    };
                    let v = rt.top().clone();
                    let n = rt.stack.len();
                    rt.stack.insert(n - depth, v);
                }
                // Adjacent swaps: for three or four values they beat `rotate_left`, whose
                // general algorithm is half a kilobyte of code.
                Op::Rot3L | Op::Rot4L => {
                    let n = rt.stack.len();
                    let k = if op == Op::Rot3L { 3 } else { 4 };
                    for i in n - k..n - 1 {
                        rt.stack.swap(i, i + 1);
                    }
                }
                Op::Rot3R => {
                    let n = rt.stack.len();
                    rt.stack.swap(n - 2, n - 1);
                    rt.stack.swap(n - 3, n - 2);
                }
                Op::GetLoc => {
                    let v = rt.stack[locals + rd_u16(code, pc + 1)].clone();
                    rt.stack.push(v);
                }
                Op::PutLoc => {
                    let v = rt.pop();
                    Value::store(&mut rt.stack[locals + rd_u16(code, pc + 1)], v);
                }
                Op::SetLoc => {
                    let v = rt.top().clone();
                    rt.stack[locals + rd_u16(code, pc + 1)] = v;
                }
                Op::GetLocCheck => {
                    let v = rt.stack[locals + rd_u16(code, pc + 1)].clone();
                    if v.is_uninit() {
                        return Err(
                            rt.reference_error("variable is not initialized (temporal dead zone)")
                        );
                    }
                    rt.stack.push(v);
                }
                Op::PutLocCheck => {
                    let i = locals + rd_u16(code, pc + 1);
                    if rt.stack[i].is_uninit() {
                        return Err(
                            rt.reference_error("variable is not initialized (temporal dead zone)")
                        );
                    }
                    let v = rt.pop();
                    rt.stack[i] = v;
                }
                Op::SetLocUninit => rt.stack[locals + rd_u16(code, pc + 1)] = Value::UNINIT,
                Op::NewCell | Op::NewCellTdz | Op::CopyCell => {
                    let i = locals + rd_u16(code, pc + 1);
                    let init = match op {
                        Op::NewCell => Value::UNDEFINED,
                        Op::NewCellTdz => Value::UNINIT,
                        _ => rt.stack[i].as_cell().map(cell_value).unwrap_or_default(),
                    };
                    rt.stack[i] = Value::cell(rt.new_cell(init));
                }
                Op::GetLocCell | Op::GetLocCellCheck => {
                    let v = match rt.stack[locals + rd_u16(code, pc + 1)].as_cell() {
                        Some(g) => cell_value(g),
                        None => return Err(bad_cell(rt)),
                    };
                    if op == Op::GetLocCellCheck && v.is_uninit() {
                        return Err(
                            rt.reference_error("variable is not initialized (temporal dead zone)")
                        );
                    }
                    rt.stack.push(v);
                }
                Op::PutLocCell | Op::PutLocCellCheck => {
                    let v = rt.pop();
                    let Some(g) = rt.stack[locals + rd_u16(code, pc + 1)].as_cell().cloned() else {
                        return Err(bad_cell(rt));
                    };
                    if op == Op::PutLocCellCheck && cell_value(&g).is_uninit() {
                        return Err(
                            rt.reference_error("variable is not initialized (temporal dead zone)")
                        );
                    }
                    set_cell_value(&g, v);
                }
                Op::GetVar | Op::GetVarCheck => {
                    let v = cell_value(&vars[rd_u16(code, pc + 1)]);
                    if op == Op::GetVarCheck && v.is_uninit() {
                        return Err(
                            rt.reference_error("variable is not initialized (temporal dead zone)")
                        );
                    }
                    rt.stack.push(v);
                }
                Op::PutVar | Op::PutVarCheck => {
                    let v = rt.pop();
                    let g = &vars[rd_u16(code, pc + 1)];
                    if op == Op::PutVarCheck && cell_value(g).is_uninit() {
                        return Err(
                            rt.reference_error("variable is not initialized (temporal dead zone)")
                        );
                    }
                    set_cell_value(g, v);
                }
                Op::ThrowConstAssign => {
                    return Err(rt.type_error("Assignment to constant variable."))
                }
                Op::GetGlobal | Op::GetGlobalOrUndef => {
                    let v =
                        rt.get_global(atom(rd_u32(code, pc + 1)), op == Op::GetGlobalOrUndef)?;
                    rt.stack.push(v);
                }
                Op::PutGlobal => {
                    let v = rt.pop();
                    rt.put_global(atom(rd_u32(code, pc + 1)), v, strict)?;
                }
                Op::DeclareVar => {
                    let a = atom(rd_u32(code, pc + 1));
                    let g = rt.global();
                    if !rt.has_own_property(&g, a) {
                        rt.define_own_property(
                            &g,
                            a,
                            PropDesc::data(Value::UNDEFINED, WRITABLE | ENUMERABLE),
                        )?;
                    }
                }
                Op::DeclareFunc => {
                    let a = atom(rd_u32(code, pc + 1));
                    let f = rt.pop();
                    let g = rt.global();
                    let configurable = rt
                        .get_own_property(&g, a)
                        .is_none_or(|d| d.configurable == Some(true));
                    let d = if configurable {
                        PropDesc::data(f, WRITABLE | ENUMERABLE)
                    } else {
                        PropDesc {
                            value: Some(f),
                            ..Default::default()
                        }
                    };
                    rt.define_property_or_throw(&g, a, d)?;
                }
                Op::DeclareLex => {
                    let a = atom(rd_u32(code, pc + 1));
                    let is_const = code[pc + 5] & 1 != 0;
                    let g = rt.global();
                    let var_clash = rt
                        .get_own_property(&g, a)
                        .is_some_and(|d| d.configurable == Some(false));
                    if rt.realm.globals.has_lexical(a) || var_clash {
                        return Err(rt.name_error(
                            ErrorType::SyntaxError,
                            a,
                            "has already been declared",
                        ));
                    }
                    rt.realm.globals.declare_lexical(a, is_const);
                }
                Op::InitGlobalLex => {
                    let v = rt.pop();
                    rt.realm.globals.init_lexical(atom(rd_u32(code, pc + 1)), v);
                }
                Op::DeleteGlobal => {
                    let a = atom(rd_u32(code, pc + 1));
                    let r = if rt.realm.globals.has_lexical(a) {
                        false
                    } else {
                        let g = rt.global();
                        rt.delete_property(&g, a)?
                    };
                    rt.stack.push(Value::bool(r));
                }
                Op::GetField | Op::GetField2 => {
                    let a = atom(rd_u32(code, pc + 1));
                    let obj = if op == Op::GetField {
                        rt.pop()
                    } else {
                        rt.top().clone()
                    };
                    let v = get_field_fast(rt, &obj, a)?;
                    rt.stack.push(v);
                }
                Op::PutField => {
                    let v = rt.pop();
                    let obj = rt.pop();
                    let a = atom(rd_u32(code, pc + 1));
                    rt.put(&obj, a, v, strict)?;
                }
                Op::GetElem | Op::GetElem2 => {
                    let key = rt.pop();
                    let obj = if op == Op::GetElem {
                        rt.pop()
                    } else {
                        rt.top().clone()
                    };
                    let v = get_elem(rt, &obj, &key)?;
                    rt.stack.push(v);
                }
                Op::PutElem => {
                    let v = rt.pop();
                    let key = rt.pop();
                    let obj = rt.pop();
                    put_elem(rt, &obj, &key, v, strict)?;
                }
                Op::DeleteField | Op::DeleteElem => {
                    let key = if op == Op::DeleteElem {
                        Some(rt.pop())
                    } else {
                        None
                    };
                    let obj = rt.pop();
                    let o = rt.to_object(&obj)?;
                    let a = match key {
                        Some(k) => rt.to_property_key(&k)?,
                        None => atom(rd_u32(code, pc + 1)),
                    };
                    let ok = rt.delete_property(&o, a)?;
                    if !ok && strict {
                        let n = rt.atom_string(a);
                        return Err(rt.type_error(&crate::text!(
                            "cannot delete property '",
                            n,
                            "'"
                        )));
                    }
                    rt.stack.push(Value::bool(ok));
                }
                Op::In => {
                    let obj = rt.pop();
                    let key = rt.pop();
                    let Some(o) = obj.as_object().cloned() else {
                        return Err(rt.type_error("invalid 'in' operand"));
                    };
                    let a = rt.to_property_key(&key)?;
                    let r = rt.has_property(&o, a)?;
                    rt.stack.push(Value::bool(r));
                }
                Op::InstanceOf => {
                    binop!(|rt: &mut Runtime, a, b| rt.instance_of(&a, &b).map(Value::bool))
                }
                Op::ToPropertyKeyOf => {
                    let k = rt.pop();
                    if rt.stack.last().is_none_or(|o| o.is_nullish()) {
                        return Err(rt.type_error("cannot read property of null or undefined"));
                    }
                    let a = rt.to_property_key(&k)?;
                    let v = rt.atom_to_value(a);
                    rt.stack.push(v);
                }
                Op::ToPropertyKey => {
                    let k = rt.pop();
                    let a = rt.to_property_key(&k)?;
                    let v = rt.atom_to_value(a);
                    rt.stack.push(v);
                }
                Op::ThrowReferenceError => {
                    let msg = rt.atoms.text(atom(rd_u32(code, pc + 1)));
                    let msg = msg.to_rust_string();
                    return Err(rt.reference_error(&msg));
                }
                Op::Object => {
                    let o = rt.new_object();
                    rt.stack.push(Value::object(o));
                }
                Op::Array => {
                    let n = rd_u16(code, pc + 1);
                    let start = rt.stack.len() - n;
                    let elems: Vec<Value> = rt.stack.drain(start..).collect();
                    let a = rt.new_array(elems);
                    rt.stack.push(Value::object(a));
                }
                Op::DefineField | Op::DefineElem => {
                    let v = rt.pop();
                    let a = if op == Op::DefineElem {
                        let k = rt.pop();
                        rt.to_property_key(&k)?
                    } else {
                        atom(rd_u32(code, pc + 1))
                    };
                    let Some(o) = rt.top().as_object().cloned() else {
                        return Err(bad_cell(rt));
                    };
                    rt.create_data_property(&o, a, v)?;
                }
                Op::SetProto => {
                    let p = rt.pop();
                    if let (Some(o), true) =
                        (rt.top().as_object().cloned(), p.is_object() || p.is_null())
                    {
                        o.borrow_mut().proto = p.as_object().cloned();
                    }
                }
                Op::AppendElem | Op::AppendHole | Op::AppendSpread => {
                    let v = if op == Op::AppendHole {
                        Value::UNINIT
                    } else {
                        rt.pop()
                    };
                    let Some(arr) = rt.top().as_object().cloned() else {
                        return Err(bad_cell(rt));
                    };
                    let items = if op == Op::AppendSpread {
                        rt.iterate_to_vec(&v)?
                    } else {
                        alloc::vec![v]
                    };
                    let mut b = arr.borrow_mut();
                    if let ObjectKind::Array { elems, length, .. } = &mut b.kind {
                        if elems.len() == *length as usize {
                            if op == Op::AppendHole {
                                *length += 1;
                            } else {
                                elems.extend(items);
                                *length = elems.len() as u32;
                            }
                        } else {
                            // After a trailing hole, dense storage resumes past it.
                            elems.resize(*length as usize, Value::UNINIT);
                            if op == Op::AppendHole {
                                *length += 1;
                            } else {
                                elems.extend(items);
                                *length = elems.len() as u32;
                            }
                        }
                    }
                }
                Op::CopyDataProps => {
                    let src = rt.pop();
                    let Some(dst) = rt.top().as_object().cloned() else {
                        return Err(bad_cell(rt));
                    };
                    copy_data_properties(rt, &dst, &src, &[])?;
                }
                Op::Call | Op::New | Op::SuperCall => {
                    let argc = rd_u16(code, pc + 1);
                    let kind = match op {
                        Op::Call => CallKind::Call,
                        Op::New => CallKind::New,
                        _ => CallKind::Super,
                    };
                    rt.frames[fi].pc = next;
                    if do_call(rt, argc, kind)? {
                        continue 'frames;
                    }
                }
                Op::TailCall => {
                    let argc = rd_u16(code, pc + 1);
                    rt.frames[fi].pc = next;
                    if tail_call(rt, argc)? {
                        continue 'frames;
                    }
                }
                Op::CallSpread | Op::NewSpread | Op::SuperCallSpread => {
                    let argc = spread_args(rt)?;
                    let kind = match op {
                        Op::CallSpread => CallKind::Call,
                        Op::NewSpread => CallKind::New,
                        _ => CallKind::Super,
                    };
                    rt.frames[fi].pc = next;
                    if do_call(rt, argc, kind)? {
                        continue 'frames;
                    }
                }
                Op::Return | Op::ReturnUndef => {
                    let v = if op == Op::Return {
                        rt.pop()
                    } else {
                        Value::UNDEFINED
                    };
                    match do_return(rt, v)? {
                        Some(v) => return Ok(Some(v)),
                        None => continue 'frames,
                    }
                }
                Op::Jump => jump!(next, 'ops),
                Op::JumpIfFalse | Op::JumpIfTrue => {
                    let v = rt.pop();
                    let c = v.truthy();
                    v.discard();
                    if c == (op == Op::JumpIfTrue) {
                        jump!(next, 'ops);
                    }
                }
                Op::And | Op::Or | Op::Coalesce => {
                    let v = rt.top();
                    let jump = match op {
                        Op::And => !v.truthy(),
                        Op::Or => v.truthy(),
                        _ => !v.is_nullish(),
                    };
                    if jump {
                        jump!(next, 'ops);
                    }
                    rt.stack.pop();
                }
                Op::OptionalChain => {
                    if rt.top().is_nullish() {
                        rt.stack.pop();
                        rt.stack.push(Value::UNDEFINED);
                        jump!(next, 'ops);
                    }
                }
                Op::Throw => {
                    let v = rt.pop();
                    return Err(rt.throw(v));
                }
                Op::TryStart | Op::TryFinally => {
                    let target = (next as isize + rd_i32(code, pc + 1)) as usize;
                    let sp = rt.stack.len();
                    let finally = op == Op::TryFinally;
                    rt.handlers.push(Handler {
                        frame: fi,
                        pc: target,
                        sp,
                        finally,
                    });
                }
                Op::ImportMeta => {
                    let hooks = rt.module_hooks()?;
                    let v = (hooks.import_meta)(rt, &prog)?;
                    rt.stack.push(v);
                }
                Op::ImportCall => {
                    let options = rt.pop();
                    let specifier = rt.pop();
                    let referrer = rt.atom_string(atom(t.filename));
                    let source_phase = code[pc + 1] == 1;
                    let hooks = rt.module_hooks()?;
                    let p = (hooks.import_call)(rt, &referrer, specifier, options, source_phase)?;
                    rt.stack.push(p);
                }
                Op::GetAsyncIterator => {
                    let v = rt.pop();
                    let (iter, next_m) = (rt.async_hooks()?.get_async_iterator)(rt, &v)?;
                    rt.stack.push(iter);
                    rt.stack.push(next_m);
                }
                Op::AsyncIterNext => (rt.async_hooks()?.iter_next)(rt)?,
                Op::AsyncIterResult => {
                    if !(rt.async_hooks()?.iter_result_step)(rt)? {
                        jump!(next, 'ops);
                    }
                }
                Op::AsyncIterClose => {
                    if !(rt.async_hooks()?.iter_close)(rt)? {
                        jump!(next, 'ops);
                    }
                }
                Op::AsyncIterCloseCheck => {
                    if !rt.pop().is_object() {
                        return Err(rt.type_error("iterator result is not an object"));
                    }
                }
                Op::AsyncIterCloseThrow => {
                    if !(rt.async_hooks()?.iter_close_throw)(rt)? {
                        jump!(next, 'ops);
                    }
                }
                Op::AsyncDelegateCall => (rt.async_hooks()?.delegate_call)(rt)?,
                Op::AsyncDelegateResult => {
                    let Some(g) = rt.frames[fi].generator.clone() else {
                        return Err(bad_cell(rt));
                    };
                    if let Some(v) = (rt.async_hooks()?.delegate_result)(rt, &g)? {
                        rt.stack.truncate(rt.stack.len() - 4);
                        rt.stack.push(v);
                        jump!(next, 'ops);
                    }
                }
                Op::TryEnd => {
                    if rt.handlers.last().is_some_and(|h| h.frame == fi) {
                        rt.handlers.pop();
                    }
                }
                Op::Nop | Op::Debugger => {}
                Op::Add => {
                    let b = rt.pop();
                    let a = rt.pop();
                    let r = match (a.as_int(), b.as_int()) {
                        (Some(x), Some(y)) => match x.checked_add(y) {
                            Some(s) => Value::int(s),
                            None => Value::number(x as f64 + y as f64),
                        },
                        _ => rt.add(&a, &b)?,
                    };
                    a.discard();
                    b.discard();
                    rt.stack.push(r);
                }
                Op::Sub
                | Op::Mul
                | Op::Div
                | Op::Mod
                | Op::Pow
                | Op::BitAnd
                | Op::BitOr
                | Op::BitXor
                | Op::Shl
                | Op::Sar
                | Op::Shr => {
                    let b = rt.pop();
                    let a = rt.pop();
                    let ints = match (a.as_int(), b.as_int()) {
                        (Some(x), Some(y)) => int_arith(op, x, y),
                        _ => None,
                    };
                    let r = match (op, ints) {
                        (_, Some(r)) => r,
                        // Two numbers: the common float cases without conversions.
                        (Op::Sub | Op::Mul | Op::Div, _) if a.is_number() && b.is_number() => {
                            let (x, y) =
                                (a.as_number().unwrap_or(0.0), b.as_number().unwrap_or(0.0));
                            Value::number(match op {
                                Op::Sub => x - y,
                                Op::Mul => x * y,
                                _ => x / y,
                            })
                        }
                        _ => {
                            let a = rt.to_numeric(&a)?;
                            let b = rt.to_numeric(&b)?;
                            rt.arith(op, &a, &b)?
                        }
                    };
                    a.discard();
                    b.discard();
                    rt.stack.push(r);
                }
                Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                    let b = rt.pop();
                    let a = rt.pop();
                    let r = match (a.as_int(), b.as_int()) {
                        (Some(x), Some(y)) => match op {
                            Op::Lt => x < y,
                            Op::Le => x <= y,
                            Op::Gt => x > y,
                            _ => x >= y,
                        },
                        _ if a.is_number() && b.is_number() => {
                            let (x, y) =
                                (a.as_number().unwrap_or(0.0), b.as_number().unwrap_or(0.0));
                            match op {
                                Op::Lt => x < y,
                                Op::Le => x <= y,
                                Op::Gt => x > y,
                                _ => x >= y,
                            }
                        }
                        _ => match op {
                            Op::Lt => rt.less_than(&a, &b, true)? == Some(true),
                            Op::Gt => rt.less_than(&b, &a, false)? == Some(true),
                            Op::Le => rt.less_than(&b, &a, false)? == Some(false),
                            _ => rt.less_than(&a, &b, true)? == Some(false),
                        },
                    };
                    a.discard();
                    b.discard();
                    rt.stack.push(Value::bool(r));
                }
                Op::Eq | Op::Ne => {
                    let b = rt.pop();
                    let a = rt.pop();
                    let r = rt.loose_equals(&a, &b)?;
                    rt.stack.push(Value::bool(r == (op == Op::Eq)));
                }
                Op::StrictEq | Op::StrictNe => {
                    let b = rt.pop();
                    let a = rt.pop();
                    rt.stack
                        .push(Value::bool(a.strict_equals(&b) == (op == Op::StrictEq)));
                }
                Op::Neg => {
                    let a = rt.pop();
                    let r = match a.as_int() {
                        Some(i) if i != 0 && i != i32::MIN => Value::int(-i),
                        _ => rt.negate(&a)?,
                    };
                    rt.stack.push(r);
                }
                Op::Plus => {
                    let a = rt.pop();
                    let r = if a.is_number() {
                        a
                    } else {
                        Value::number(rt.to_number(&a)?)
                    };
                    rt.stack.push(r);
                }
                Op::ToNumeric => {
                    let a = rt.pop();
                    let r = rt.to_numeric(&a)?;
                    rt.stack.push(r);
                }
                Op::BitNot => {
                    let a = rt.pop();
                    let r = match a.as_int() {
                        Some(i) => Value::int(!i),
                        None => rt.bit_not(&a)?,
                    };
                    rt.stack.push(r);
                }
                Op::Not => {
                    let a = rt.pop();
                    rt.stack.push(Value::bool(!a.truthy()));
                }
                Op::TypeOf => {
                    let a = rt.pop();
                    let s = rt.type_of(&a);
                    rt.stack.push(Value::str(s));
                }
                Op::Inc | Op::Dec => {
                    let a = rt.pop();
                    let d = if op == Op::Inc { 1 } else { -1 };
                    let r = match a.as_int().and_then(|i| i.checked_add(d)) {
                        Some(i) => Value::int(i),
                        None => rt.increment(&a, d)?,
                    };
                    a.discard();
                    rt.stack.push(r);
                }
                Op::ToString => {
                    let a = rt.pop();
                    let s = if a.is_string() {
                        a
                    } else {
                        Value::string(rt.to_string(&a)?)
                    };
                    rt.stack.push(s);
                }
                Op::ForOfStart => {
                    let v = rt.pop();
                    let (iter, next_m) = rt.get_iterator(&v)?;
                    rt.stack.push(iter);
                    // Undefined marks a done iterator, so a missing `next` is kept as null (a
                    // TypeError when called, and the iterator can still be closed).
                    rt.stack.push(if next_m.is_undefined() {
                        Value::NULL
                    } else {
                        next_m
                    });
                }
                Op::ForOfNext | Op::IterNextOrUndef => {
                    let n = rt.stack.len();
                    let (iter, next_m) = (rt.stack[n - 2].clone(), rt.stack[n - 1].clone());
                    let v = if next_m.is_undefined() {
                        Ok(None)
                    } else {
                        rt.iterator_step(&iter, &next_m)
                    };
                    // A throwing `next` leaves the iterator done: nothing may call its `return`.
                    let v = v.inspect_err(|_| rt.stack[n - 1] = Value::UNDEFINED)?;
                    match v {
                        Some(v) => rt.stack.push(v),
                        None => {
                            rt.stack[n - 1] = Value::UNDEFINED;
                            if op == Op::ForOfNext {
                                jump!(next, 'ops);
                            }
                            rt.stack.push(Value::UNDEFINED);
                        }
                    }
                }
                Op::IteratorClose => {
                    let next_m = rt.pop();
                    let iter = rt.pop();
                    if !next_m.is_undefined() {
                        rt.iterator_close(&iter)?;
                    }
                }
                Op::IteratorCloseThrow => {
                    let exc = rt.pop();
                    let next_m = rt.pop();
                    let iter = rt.pop();
                    if !next_m.is_undefined() {
                        if exc.is_uninit() {
                            // A generator's return() in progress: IteratorClose with a return
                            // completion, whose own errors win.
                            rt.iterator_close(&iter)?;
                        } else if rt.iterator_close(&iter).is_err() {
                            // Errors from `return` are ignored: the original exception wins.
                            rt.take_exception();
                        }
                    }
                    return Err(rt.throw(exc));
                }
                Op::SuperCallForward => {
                    let (args, argc) = (rt.frames[fi].args, rt.frames[fi].argc);
                    rt.stack.extend_from_within(args..args + argc);
                    rt.frames[fi].pc = next;
                    if do_call(rt, argc, CallKind::Super)? {
                        continue 'frames;
                    }
                }
                Op::RestParam => {
                    let first = rd_u16(code, pc + 1);
                    let f = &rt.frames[fi];
                    let (args, argc) = (f.args, f.argc);
                    let vals: Vec<Value> = if first < argc {
                        rt.stack[args + first..args + argc].to_vec()
                    } else {
                        Vec::new()
                    };
                    let a = rt.new_array(vals);
                    rt.stack.push(Value::object(a));
                }
                Op::SetName => {
                    let a = atom(rd_u32(code, pc + 1));
                    let f = rt.top().clone();
                    rt.set_function_name(&f, a, "");
                }
                Op::RequireObjectCoercible => {
                    if rt.top().is_nullish() {
                        return Err(rt.type_error("cannot destructure undefined or null"));
                    }
                }
                Op::CallEval | Op::TailCallEval | Op::CallEvalSpread => {
                    let scope = rt.pop();
                    let argc = if op == Op::CallEvalSpread {
                        spread_args(rt)?
                    } else {
                        rd_u16(code, pc + 1)
                    };
                    rt.frames[fi].pc = next;
                    let n = rt.stack.len();
                    let eval = &rt.stack[n - argc - 1];
                    if crate::function::is_native(eval, crate::builtins::dynamic::global_eval) {
                        let source = match argc {
                            0 => Value::UNDEFINED,
                            _ => rt.stack[n - argc].clone(),
                        };
                        rt.stack.truncate(n - argc - 2);
                        let v = crate::builtins::dynamic::direct_eval(rt, source, &scope)?;
                        rt.stack.push(v);
                    } else if op == Op::TailCallEval {
                        if tail_call(rt, argc)? {
                            continue 'frames;
                        }
                    } else if do_call(rt, argc, CallKind::Call)? {
                        continue 'frames;
                    }
                }
                Op::ToObject => {
                    let v = rt.pop();
                    let o = rt.to_object(&v)?;
                    rt.stack.push(Value::object(o));
                }
                Op::RegExp => {
                    let Constant::RegExp(i) = t.constants[rd_u16(code, pc + 1)] else {
                        return Err(bad_cell(rt));
                    };
                    let r = rt.regexp_literal(&prog, i)?;
                    rt.stack.push(r);
                }
                Op::CheckGlobalDecl => {
                    let a = atom(rd_u32(code, pc + 1));
                    let function = code[pc + 5] & 1 != 0;
                    crate::builtins::dynamic::check_global_declaration(rt, a, function)?;
                }
                // The instructions of an optional group (`OpGroup`), whose handlers are linked
                // only when the group is registered (`op_groups.rs`).
                _ => {
                    let cx = OpCx {
                        prog: &prog,
                        t,
                        code,
                        pc,
                        fi,
                        locals,
                        vars: &vars,
                        strict,
                    };
                    match crate::op_groups::run(rt, op, &cx)? {
                        OpFlow::Next => {}
                        OpFlow::Jump => jump!(next, 'ops),
                        OpFlow::Frames => continue 'frames,
                        OpFlow::Leave(v) => return Ok(Some(v)),
                    }
                }
            }
            pc = next;
        }
    }
}

pub(crate) fn bad_cell(rt: &mut Runtime) -> Exc {
    rt.throw_error(ErrorType::InternalError, "malformed bytecode operand")
}

pub(crate) fn make_closure(
    rt: &mut Runtime,
    prog: &Rc<LoadedProgram>,
    fidx: u32,
    fi: usize,
    locals: usize,
    vars: &Rc<[Gc]>,
) -> JsResult<Obj> {
    let t = &prog.functions[fidx as usize];
    let mut cells: Vec<Gc> = Vec::with_capacity(t.captures.len());
    for c in &t.captures {
        let g = match *c {
            Capture::Local(i) => rt.stack[locals + i as usize].as_cell().cloned(),
            Capture::Var(i) => vars.get(i as usize).cloned(),
        };
        match g {
            Some(g) => cells.push(g),
            None => return Err(bad_cell(rt)),
        }
    }
    let frame = &rt.frames[fi];
    let lexical = (t.flags & flags::ARROW != 0).then(|| {
        (
            frame.this.clone(),
            frame.new_target.clone(),
            frame.function.clone(),
        )
    });
    let home = if t.flags & flags::ARROW != 0 {
        frame.home.clone()
    } else {
        None
    };
    let f = rt.new_closure(prog, fidx, Rc::from(cells), lexical);
    if home.is_some() {
        if let ObjectKind::Closure(c) = &mut f.borrow_mut().kind {
            c.home_object = home;
        }
    }
    Ok(f)
}

/// CopyDataProperties (7.3.25): object spread and object rest.
pub(crate) fn copy_data_properties(
    rt: &mut Runtime,
    dst: &Obj,
    src: &Value,
    excluded: &[Atom],
) -> JsResult<()> {
    if src.is_nullish() {
        return Ok(());
    }
    let from = rt.to_object(src)?;
    for k in rt.own_keys(&from) {
        if excluded.contains(&k) {
            continue;
        }
        let Some(d) = rt.get_own_property(&from, k) else {
            continue;
        };
        if d.enumerable == Some(true) {
            let v = rt.get_prop(&from, k, &Value::object(from.clone()))?;
            rt.create_data_property(dst, k, v)?;
        }
    }
    Ok(())
}

#[inline]
fn get_field_fast(rt: &mut Runtime, obj: &Value, a: Atom) -> JsResult<Value> {
    if let Some(o) = obj.as_object() {
        let b = o.borrow();
        if let Some((i, fl)) = b.find(a) {
            if fl & crate::shape::ACCESSOR == 0 {
                if let crate::object::Slot::Data(v) = &b.slots[i] {
                    return Ok(v.clone());
                }
            }
        }
    }
    rt.get(obj, a)
}

fn get_elem(rt: &mut Runtime, obj: &Value, key: &Value) -> JsResult<Value> {
    if let (Some(o), Some(i)) = (obj.as_object(), key.as_int()) {
        if i >= 0 {
            if let Some(v) = o.borrow().dense_get(i as u32) {
                return Ok(v.clone());
            }
        }
    }
    if let (Some(s), Some(i)) = (obj.as_string(), key.as_int()) {
        if let Some(u) = s.get(i as usize).filter(|_| i >= 0) {
            return Ok(Value::string(JsString::from_utf16(alloc::vec![u])));
        }
    }
    if obj.is_nullish() {
        let what = if obj.is_null() { "null" } else { "undefined" };
        return Err(rt.type_error(&crate::text!("cannot read property of ", what)));
    }
    let a = rt.to_property_key(key)?;
    rt.get(obj, a)
}

fn put_elem(rt: &mut Runtime, obj: &Value, key: &Value, v: Value, strict: bool) -> JsResult<()> {
    if let (Some(o), Some(i)) = (obj.as_object(), key.as_int()) {
        if i >= 0 {
            let mut b = o.borrow_mut();
            let b = &mut *b;
            if let ObjectKind::Array {
                elems,
                length,
                length_writable,
            } = &mut b.kind
            {
                let i = i as usize;
                if let Some(slot) = elems.get_mut(i).filter(|s| !s.is_uninit()) {
                    *slot = v;
                    return Ok(());
                }
                if i == elems.len()
                    && i == *length as usize
                    && b.extensible
                    && *length_writable
                    && crate::property::protos_allow_index_append(b.proto.as_ref())
                {
                    elems.push(v);
                    *length += 1;
                    return Ok(());
                }
            }
        }
    }
    if obj.is_nullish() {
        let what = if obj.is_null() { "null" } else { "undefined" };
        return Err(rt.type_error(&crate::text!("cannot set property of ", what)));
    }
    let a = rt.to_property_key(key)?;
    rt.put(obj, a, v, strict)
}
