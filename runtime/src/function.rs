//! Function objects (closures over bytecode, native functions, bound functions) and the entry
//! points for calling them from Rust.
use crate::atom::{names, Atom};
use crate::gc::{Gc, Payload};
use crate::object::{Obj, ObjectKind};
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::string::JsString;
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec::Vec;
use qjs_bytecode::{flags, FunctionTemplate};

/// A verified program with its atoms mapped into the runtime's table.
pub struct LoadedProgram {
    pub atoms: Vec<Atom>,
    pub functions: Vec<FunctionTemplate>,
    pub main: u32,
    /// An ES module: its main function runs only through a module record (`crate::module`).
    pub module: bool,
    /// The source text functions' `source` ranges slice (empty when not kept).
    pub source: Vec<u8>,
    /// The regular expression literals (`Constant::RegExp` indexes them).
    pub regexps: Vec<LiteralRegExp>,
}

/// A regular expression literal of a loaded program.
pub struct LiteralRegExp {
    pub source: JsString,
    pub flags: JsString,
    /// The compiled pattern, decoded and verified at load time by the RegExp built-in's hook;
    /// None when RegExp is not registered (then evaluating the literal throws).
    #[cfg(feature = "regexp")]
    pub regex: Option<Rc<qjs_regexp::Regex>>,
}

/// Decodes and verifies a literal's compiled pattern, given its flags; installed by
/// `add_regexp`, so that programs without RegExp do not link the decoder.
#[cfg(feature = "regexp")]
pub type RegExpDecode = fn(&[u8], &JsString) -> Option<qjs_regexp::Regex>;

impl LoadedProgram {
    /// Maps a verified program into `rt`; fails only on a regular expression literal whose
    /// compiled pattern does not verify.
    pub fn load(
        rt: &mut Runtime,
        p: qjs_bytecode::Program,
    ) -> Result<Rc<LoadedProgram>, qjs_bytecode::LoadError> {
        let atoms: Vec<Atom> = p
            .atoms
            .iter()
            .map(|units| rt.atoms.intern(&JsString::from_units(units)))
            .collect();
        let mut regexps = Vec::with_capacity(p.regexps.len());
        for r in &p.regexps {
            // The verifier has checked both atom indices.
            let text = |a: u32| rt.atoms.text(atoms[a as usize]);
            let (source, flags) = (text(r.source), text(r.flags));
            #[cfg(feature = "regexp")]
            let regex = match rt.regexp_decode {
                Some(decode) => decode(&r.program, &flags)
                    .map(Rc::new)
                    .ok_or(qjs_bytecode::LoadError::Invalid(
                        "regular expression program",
                        0,
                        0,
                    ))
                    .map(Some)?,
                None => None,
            };
            regexps.push(LiteralRegExp {
                source,
                flags,
                #[cfg(feature = "regexp")]
                regex,
            });
        }
        Ok(Rc::new(LoadedProgram {
            atoms,
            functions: p.functions,
            main: p.main,
            module: p.module.is_some(),
            source: p.source,
            regexps,
        }))
    }
}

/// A function compiled to bytecode, with the cells it captured.
pub struct Closure {
    pub program: Rc<LoadedProgram>,
    pub func: u32,
    pub vars: Rc<[Gc]>,
    pub home_object: Option<Obj>,
    /// Arrow functions: the `this` (or the cell holding a derived constructor's `this`),
    /// `new.target` and function (for `super(...)`) of the frame that created them.
    pub lexical_this: Option<(Value, Value, Obj)>,
}

impl Closure {
    pub fn template(&self) -> &FunctionTemplate {
        &self.program.functions[self.func as usize]
    }
    /// The function's source text (verified in range and UTF-8 at load), if kept.
    pub fn source_text(&self) -> Option<&str> {
        let (start, end) = self.template().source;
        let bytes = self.program.source.get(start as usize..end as usize)?;
        core::str::from_utf8(bytes).ok().filter(|s| !s.is_empty())
    }
    pub fn is_constructor(&self) -> bool {
        self.template().flags & (flags::NOT_CONSTRUCTOR | flags::ARROW | flags::METHOD) == 0
    }
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        for c in self.vars.iter() {
            f(c);
        }
        if let Some(h) = &self.home_object {
            f(h.gc());
        }
        if let Some((t, nt, func)) = &self.lexical_this {
            t.trace(f);
            nt.trace(f);
            f(func.gc());
        }
    }
}

/// What a native function receives.
pub struct Args<'a> {
    pub this: &'a Value,
    pub args: &'a [Value],
    /// `new.target`, undefined for a plain call.
    pub new_target: &'a Value,
    pub callee: &'a Obj,
    pub magic: u16,
}

impl Args<'_> {
    /// Argument `i`, undefined when absent.
    pub fn get(&self, i: usize) -> Value {
        self.args.get(i).cloned().unwrap_or_default()
    }
    pub fn len(&self) -> usize {
        self.args.len()
    }
    pub fn is_empty(&self) -> bool {
        self.args.is_empty()
    }
    pub fn is_construct(&self) -> bool {
        !self.new_target.is_undefined()
    }
}

pub type NativeFn = fn(&mut Runtime, &Args) -> JsResult<Value>;

/// True when `v` is the built-in function implemented by `f` (fast paths check that a method
/// has not been replaced).
pub fn is_native(v: &Value, f: NativeFn) -> bool {
    v.as_object().is_some_and(
        |o| matches!(&o.borrow().kind, ObjectKind::Native(n) if core::ptr::fn_addr_eq(n.f, f)),
    )
}

pub struct NativeFunction {
    pub f: NativeFn,
    pub magic: u16,
    pub constructor: bool,
    /// Values the function closes over (promise resolving functions and the like).
    pub data: Vec<Value>,
}

/// The data values of a native function (empty for others).
pub fn native_data(f: &Obj) -> Vec<Value> {
    match &f.borrow().kind {
        ObjectKind::Native(n) => n.data.clone(),
        _ => Vec::new(),
    }
}

pub fn set_native_data(f: &Obj, data: Vec<Value>) {
    if let ObjectKind::Native(n) = &mut f.borrow_mut().kind {
        n.data = data;
    }
}

pub struct BoundFunction {
    pub target: Obj,
    pub this: Value,
    pub args: Vec<Value>,
}

impl BoundFunction {
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        f(self.target.gc());
        self.this.trace(f);
        self.args.iter().for_each(|a| a.trace(f));
    }
}

impl Runtime {
    /// A native function object with `length` and `name`.
    pub fn new_native(
        &mut self,
        name: &str,
        f: NativeFn,
        length: u32,
        magic: u16,
        constructor: bool,
    ) -> Obj {
        let proto = self.realm.function_proto.clone();
        let o = self.alloc_object(
            Some(&proto),
            ObjectKind::Native(NativeFunction {
                f,
                magic,
                constructor,
                data: Vec::new(),
            }),
        );
        let name = Value::str(name);
        let mut b = o.borrow_mut();
        b.put_data(names::length, Value::int(length as i32), CONFIGURABLE);
        b.put_data(names::name, name, CONFIGURABLE);
        drop(b);
        o
    }

    /// A native function that carries `data` (see [`native_data`]).
    pub fn new_native_with_data(
        &mut self,
        name: &str,
        f: NativeFn,
        length: u32,
        magic: u16,
        data: Vec<Value>,
    ) -> Obj {
        let o = self.new_native(name, f, length, magic, false);
        set_native_data(&o, data);
        o
    }

    /// Defines a native method on `o` (writable, configurable, not enumerable). Out of line and
    /// returning nothing: registration makes hundreds of these calls, so each call site stays a
    /// handful of register loads (see [`Runtime::define_method_obj`] for the function object).
    #[inline(never)]
    pub fn define_method(&mut self, o: &Obj, name: &str, f: NativeFn, length: u32) {
        self.define_method_obj(o, name, f, length, 0);
    }

    /// [`Runtime::define_method`] for a function that reads its `magic` number.
    #[inline(never)]
    pub fn define_method_magic(
        &mut self,
        o: &Obj,
        name: &str,
        f: NativeFn,
        length: u32,
        magic: u16,
    ) {
        self.define_method_obj(o, name, f, length, magic);
    }

    /// Defines a native method on `o` and returns the function object (for aliases such as
    /// `Array.prototype[Symbol.iterator]`).
    pub fn define_method_obj(
        &mut self,
        o: &Obj,
        name: &str,
        f: NativeFn,
        length: u32,
        magic: u16,
    ) -> Obj {
        let key = self.intern(name);
        let func = self.new_native(name, f, length, magic, false);
        self.define_value(o, key, Value::object(func.clone()), crate::shape::WC);
        func
    }

    /// Defines a method keyed by a symbol atom; its name is "[description]".
    #[inline(never)]
    pub fn define_symbol_method(
        &mut self,
        o: &Obj,
        key: Atom,
        name: &str,
        f: NativeFn,
        length: u32,
    ) {
        let func = self.new_native(name, f, length, 0, false);
        self.define_value(o, key, Value::object(func), WC);
    }

    /// Links a built-in constructor and its prototype object: `ctor.prototype` (not writable,
    /// enumerable or configurable) and `proto.constructor` (writable, configurable).
    #[inline(never)]
    pub fn link_constructor(&mut self, ctor: &Obj, proto: &Obj) {
        self.define_value(ctor, names::prototype, Value::object(proto.clone()), 0);
        self.define_value(proto, names::constructor, Value::object(ctor.clone()), WC);
    }

    /// Defines a getter on `o`.
    #[inline(never)]
    pub fn define_getter(&mut self, o: &Obj, key: Atom, name: &str, f: NativeFn) {
        let getter = self.new_native(name, f, 0, 0, false);
        self.define_accessor(o, key, Some(getter), None, CONFIGURABLE);
    }

    /// Allocates a closure object for template `func` of `program`.
    pub fn new_closure(
        &mut self,
        program: &Rc<LoadedProgram>,
        func: u32,
        vars: Rc<[Gc]>,
        lexical_this: Option<(Value, Value, Obj)>,
    ) -> Obj {
        let t = &program.functions[func as usize];
        let (tflags, length, name) = (t.flags, t.length, program.atoms[t.name as usize]);
        let proto = if tflags & (flags::ASYNC | flags::GENERATOR) == flags::ASYNC {
            self.realm.async_function_proto.clone()
        } else {
            self.realm.function_proto.clone()
        };
        let closure = Closure {
            program: program.clone(),
            func,
            vars,
            home_object: None,
            lexical_this,
        };
        let is_ctor = closure.is_constructor();
        let o = self.alloc_object(Some(&proto), ObjectKind::Closure(closure));
        let name = Value::string(self.atoms.text(name));
        {
            let mut b = o.borrow_mut();
            b.put_data(names::length, Value::int(length as i32), CONFIGURABLE);
            b.put_data(names::name, name, CONFIGURABLE);
        }
        if tflags & flags::GENERATOR != 0 {
            let is_async = tflags & flags::ASYNC != 0;
            let gfp = if is_async {
                self.realm.async_generator_function_proto.clone()
            } else {
                self.realm.generator_function_proto.clone()
            };
            o.borrow_mut().proto = Some(gfp);
            let gp = if is_async {
                self.realm.async_generator_proto.clone()
            } else {
                self.realm.generator_proto.clone()
            };
            let p = self.alloc_object(Some(&gp), ObjectKind::Ordinary);
            self.define_value(
                &o,
                names::prototype,
                Value::object(p),
                crate::shape::WRITABLE,
            );
        } else if is_ctor {
            let p = self.new_object();
            self.define_value(
                &p,
                names::constructor,
                Value::object(o.clone()),
                crate::shape::WC,
            );
            let flags = if tflags & flags::CLASS_CONSTRUCTOR != 0 {
                0
            } else {
                crate::shape::WRITABLE
            };
            self.define_value(&o, names::prototype, Value::object(p), flags);
        }
        o
    }

    /// A fresh closure cell.
    pub fn new_cell(&self, v: Value) -> Gc {
        self.heap().alloc(Payload::Cell(v))
    }

    /// Call(F, thisArgument, args) (7.3.14).
    pub fn call(&mut self, f: &Value, this: Value, args: &[Value]) -> JsResult<Value> {
        let Some(fo) = f.as_object().filter(|o| o.is_callable()) else {
            return Err(self.type_error("not a function"));
        };
        let fo = fo.clone();
        self.call_obj(&fo, this, args, Value::UNDEFINED)
    }

    /// Construct(F, args, newTarget) (7.3.15).
    pub fn construct(
        &mut self,
        f: &Value,
        args: &[Value],
        new_target: Option<&Value>,
    ) -> JsResult<Value> {
        if !self.is_constructor(f) {
            return Err(self.type_error("not a constructor"));
        }
        let fo = f.as_object().cloned().ok_or(crate::runtime::Exc)?;
        let nt = new_target.cloned().unwrap_or_else(|| f.clone());
        self.call_obj(&fo, Value::UNDEFINED, args, nt)
    }

    /// Calls a function object from Rust: natives directly, bytecode by re-entering the
    /// interpreter (bounded by `MAX_NATIVE_DEPTH`).
    pub(crate) fn call_obj(
        &mut self,
        f: &Obj,
        this: Value,
        args: &[Value],
        new_target: Value,
    ) -> JsResult<Value> {
        self.check_stack()?;
        self.native_depth += 1;
        let r = self.call_obj_inner(f, this, args, new_target);
        self.native_depth -= 1;
        r
    }

    fn call_obj_inner(
        &mut self,
        f: &Obj,
        this: Value,
        args: &[Value],
        new_target: Value,
    ) -> JsResult<Value> {
        let native = match &f.borrow().kind {
            ObjectKind::Native(n) => Some((n.f, n.magic)),
            _ => None,
        };
        if let Some((nf, magic)) = native {
            // Native calls count like bytecode calls: a native loop that only calls natives
            // (spreading an iterator whose `next` is native) must still reach the handler.
            self.poll()?;
            self.native_calls.push((self.frames.len(), f.clone()));
            let r = nf(
                self,
                &Args {
                    this: &this,
                    args,
                    new_target: &new_target,
                    callee: f,
                    magic,
                },
            );
            self.native_calls.pop();
            return r;
        }
        let bound = match &f.borrow().kind {
            ObjectKind::Bound(b) => Some((b.target.clone(), b.this.clone(), b.args.clone())),
            _ => None,
        };
        if let Some((target, bthis, mut bargs)) = bound {
            bargs.extend_from_slice(args);
            let nt = if new_target.as_object().is_some_and(|o| o.ptr_eq(f)) {
                Value::object(target.clone())
            } else {
                new_target
            };
            return self.call_obj_inner(&target, bthis, &bargs, nt);
        }
        crate::interp::call_bytecode(self, f, this, args, new_target)
    }

    /// The function's own `name` as a string (for stack traces and messages).
    pub fn function_name(&mut self, f: &Obj) -> JsString {
        let v = match crate::property::own_slot(&f.borrow(), names::name) {
            Some((crate::object::Slot::Data(v), _)) => v,
            _ => Value::UNDEFINED,
        };
        v.as_string().cloned().unwrap_or_else(JsString::empty)
    }
}
