//! The runtime: heap, atoms, the interpreter's stacks, and the realm with its intrinsics.
use crate::atom::{Atom, AtomTable};
use crate::gc::{Heap, Payload};
use crate::interp::{Frame, Handler};
use crate::object::{Obj, ObjectData, ObjectKind};
use crate::shape::Shape;
use crate::string::JsString;
use crate::value::Value;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::mem::ManuallyDrop;
use hashbrown::HashMap;

/// Marker for "an exception is pending in `Runtime::exception`".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exc;

pub type JsResult<T> = Result<T, Exc>;

/// The error constructors every realm has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorType {
    Error,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    URIError,
    InternalError,
    AggregateError,
    SuppressedError,
}

impl ErrorType {
    pub const ALL: [ErrorType; 10] = [
        ErrorType::Error,
        ErrorType::EvalError,
        ErrorType::RangeError,
        ErrorType::ReferenceError,
        ErrorType::SyntaxError,
        ErrorType::TypeError,
        ErrorType::URIError,
        ErrorType::InternalError,
        ErrorType::AggregateError,
        ErrorType::SuppressedError,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::Error => "Error",
            ErrorType::EvalError => "EvalError",
            ErrorType::RangeError => "RangeError",
            ErrorType::ReferenceError => "ReferenceError",
            ErrorType::SyntaxError => "SyntaxError",
            ErrorType::TypeError => "TypeError",
            ErrorType::URIError => "URIError",
            ErrorType::InternalError => "InternalError",
            ErrorType::AggregateError => "AggregateError",
            ErrorType::SuppressedError => "SuppressedError",
        }
    }
}

/// The intrinsic objects of one realm.
pub struct Realm {
    pub global: Obj,
    pub object_proto: Obj,
    pub function_proto: Obj,
    pub array_proto: Obj,
    pub string_proto: Obj,
    pub number_proto: Obj,
    pub boolean_proto: Obj,
    pub symbol_proto: Obj,
    pub date_proto: Obj,
    pub generator_proto: Obj,
    pub promise_proto: Obj,
    pub promise_ctor: Obj,
    pub generator_function_proto: Obj,
    pub iterator_proto: Obj,
    pub async_iterator_proto: Obj,
    pub async_generator_proto: Obj,
    pub async_generator_function_proto: Obj,
    /// %AsyncFunction.prototype%, the [[Prototype]] of async (non-generator) functions.
    pub async_function_proto: Obj,
    pub async_from_sync_iterator_proto: Obj,
    pub array_iterator_proto: Obj,
    pub string_iterator_proto: Obj,
    pub map_proto: Obj,
    pub set_proto: Obj,
    pub map_iterator_proto: Obj,
    pub set_iterator_proto: Obj,
    pub iterator_helper_proto: Obj,
    pub wrap_iterator_proto: Obj,
    pub weakmap_proto: Obj,
    pub weakset_proto: Obj,
    pub weakref_proto: Obj,
    pub finalization_registry_proto: Obj,
    pub regexp_proto: Obj,
    pub bigint_proto: Obj,
    pub regexp_string_iterator_proto: Obj,
    /// %RegExp%, once registered.
    pub regexp_ctor: Option<Obj>,
    /// Indexed by `ErrorType as usize`.
    pub error_protos: Vec<Obj>,
    /// Script-level let/const/class bindings and the global variable cache.
    pub globals: crate::globals::GlobalScope,
    /// Tagged templates' template objects, by site.
    pub templates: crate::template::TemplateCache,
}

/// Limits that keep bad programs from crashing the host.
pub const MAX_FRAMES: usize = 10_000;
/// Rust-level re-entries of the interpreter (native → JS calls); each uses Rust stack.
pub const MAX_NATIVE_DEPTH: u32 = 1000;
/// Default bound on the Rust stack the runtime may use below its entry point (QuickJS's
/// default is also 1 MB); qjsc's `-S` changes it.
pub const DEFAULT_MAX_STACK: usize = 1 << 20;

/// An address near the top of the current Rust stack.
#[inline(never)]
pub(crate) fn stack_pointer() -> usize {
    let marker = 0u8;
    core::hint::black_box(&marker) as *const u8 as usize
}

/// Compiles the source of a dynamic function (params, body, kind: 0 function, 1 generator,
/// 2 async, 3 async generator) to a program whose top-level code returns the function; Err is the SyntaxError
/// message. Registered by hosts that keep the compiler (the eval feature).
pub type FunctionCompiler =
    fn(&str, &str, u8) -> Result<qjs_bytecode::Program, alloc::string::String>;

/// Receives what `print` and `console.log` write.
pub type OutputSink = Box<dyn FnMut(&str)>;

/// Backward jumps and calls between two polls of the interrupt handler.
pub const INTERRUPT_INTERVAL: u32 = 10_000;

pub struct Runtime {
    heap: ManuallyDrop<Box<Heap>>,
    pub atoms: AtomTable,
    pub root_shape: Rc<Shape>,
    pub realm: ManuallyDrop<Realm>,
    /// The pending exception when a `JsResult` is `Err(Exc)`.
    pub exception: Value,
    pub(crate) stack: Vec<Value>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) handlers: Vec<Handler>,
    pub(crate) arg_bufs: Vec<Vec<Value>>,
    pub(crate) native_depth: u32,
    /// The native functions being called, innermost last, each with the number of bytecode
    /// frames below it (for the `    at name (native)` lines of error stacks).
    pub(crate) native_calls: Vec<(usize, Obj)>,
    /// Set when a generator frame suspends (Some(true) for `yield*`, whose inner result object
    /// is produced as is); the generator's resume reads and clears it.
    pub(crate) yielded: Option<bool>,
    /// Promise jobs waiting to run (27.2.2), in order.
    pub(crate) jobs: alloc::collections::VecDeque<crate::builtins::promise::Job>,
    /// Runs one job: set by the code that queues jobs, so that a program that never queues one
    /// does not link the promise machinery through `host::run_jobs`.
    pub(crate) job_runner: Option<fn(&mut Runtime, crate::builtins::promise::Job) -> JsResult<()>>,
    /// Runs a FinalizationRegistry's cleanup job: set by `register_refs`, so that a program
    /// without FinalizationRegistry (which alone makes cleanups due) does not link it.
    pub(crate) cleanup_runner: Option<CleanupRunner>,
    /// Async functions, async generators and async iteration, installed by `add_promise`
    /// (`JS_AddIntrinsicPromise`); without it the interpreter's async instructions throw.
    pub(crate) async_hooks: Option<&'static crate::interp::AsyncHooks>,
    /// The handlers of the instruction groups registered (`op_groups::add_op_group`), by
    /// `OpGroup` index.
    pub(crate) op_groups: [Option<crate::op_groups::OpHandler>; qjs_bytecode::OpGroup::ALL.len()],
    /// Rejected promises with no handler yet (reported when the job queue is empty).
    pub(crate) unhandled_rejections: Vec<Obj>,
    /// Stack address when the host entered the runtime (see `check_stack`).
    pub(crate) stack_base: usize,
    /// Most Rust stack bytes the runtime may use below `stack_base`.
    pub max_stack: usize,
    /// Arrays being joined (Array.prototype.join skips cycles).
    pub(crate) join_stack: Vec<Obj>,
    /// Math.random's state (seeded on first use).
    pub(crate) random_state: u64,
    /// Symbol.for's registry.
    pub(crate) symbol_registry: HashMap<JsString, Atom>,
    /// Polled during long-running code; returning true stops it with an uncatchable-by-design
    /// InternalError("interrupted") (QuickJS's JS_SetInterruptHandler).
    pub(crate) interrupt_handler: Option<Box<dyn FnMut() -> bool>>,
    /// Countdown to the next poll of the interrupt handler.
    pub(crate) interrupt_countdown: u32,
    /// The pending exception is the interrupt: no `catch` or `finally` in JavaScript sees it
    /// (a program that caught it could go on running, and allocating, after the host asked it
    /// to stop). Native code that takes the exception clears it.
    pub(crate) uncatchable: bool,
    /// The compiler and the code that runs what it makes (`Function(...)` and friends, `eval`),
    /// when the host provides one (`set_function_compiler`).
    pub(crate) dynamic_code: Option<crate::builtins::dynamic::DynamicCode>,
    /// Where `print` and `console.log` write (the host sets it; tests capture it).
    pub output: Option<OutputSink>,
    /// The module records and the host's module loader.
    pub modules: crate::module::Modules,
    /// The module system, installed by `add_modules`; without it loading a module or calling
    /// `import()` throws.
    pub(crate) module_hooks: Option<&'static crate::module::ModuleHooks>,
    /// [[KeptAlive]]: WeakRef targets held until the current job ends (9.10).
    pub(crate) kept_alive: Vec<Value>,
    /// RegExpCreate(pattern, flags), installed by `add_regexp`; without it regular expression
    /// literals and the String methods that build a RegExp throw (qjsc's `-fno-regexp`).
    pub(crate) regexp_create: Option<RegExpCreate>,
    /// The RegExp object of a program's regular expression literal, installed by `add_regexp`.
    pub(crate) regexp_literal: Option<RegExpFromLiteral>,
    /// Decodes the literals' compiled patterns as programs load, installed by `add_regexp`.
    #[cfg(feature = "regexp")]
    pub(crate) regexp_decode: Option<crate::function::RegExpDecode>,
    /// Compiles a pattern given at run time (`new RegExp(string)`, `String.prototype.match`
    /// with a string), installed by `add_regexp_compiler`: a program whose patterns are all
    /// literals runs without the pattern parser and compiler.
    #[cfg(feature = "regexp")]
    pub(crate) regexp_compiler: Option<RegExpCompiler>,
    /// Which optional features were registered (bits of `builtins::OPTIONAL`), so that a
    /// reference to a removed one names its `-fno-` flag.
    pub(crate) intrinsics: u16,
    /// The operations on BigInt values, installed by `add_bigint` (as QuickJS's
    /// `JS_AddIntrinsicBigInt` installs its bigint ops). Without it no BigInt value can
    /// exist (qjsc's `-fno-bigint` rejects literals), so the operators reach none of them and
    /// the linker drops the arithmetic, parsing and printing of BigInts.
    pub(crate) bigint_ops: Option<&'static BigIntOps>,
    /// The regular expression engine's reusable match memory.
    #[cfg(feature = "regexp")]
    pub(crate) regexp_scratch: qjs_regexp::Scratch,
    /// Recently compiled patterns, so a literal or `new RegExp(s)` in a loop compiles once.
    #[cfg(feature = "regexp")]
    pub(crate) regexp_cache: crate::builtins::regexp::Cache,
    /// The Annex B legacy RegExp static properties (RegExp.$1, RegExp.lastMatch, ...).
    #[cfg(feature = "regexp")]
    pub(crate) regexp_legacy: crate::builtins::regexp_legacy::Statics,
}

/// The operations on BigInts that the operators and conversions of the base reach (see
/// `Runtime::bigint_ops`).
pub struct BigIntOps {
    /// A binary operator (`Op::Add`, `Op::Sub`, ...) applied to two BigInts.
    pub arith: fn(
        &mut Runtime,
        qjs_bytecode::Op,
        &crate::bigint::BigInt,
        &crate::bigint::BigInt,
    ) -> JsResult<Value>,
    /// `x + n` for a small `n` (`++`, `--`, ToBigInt of a boolean).
    pub add_small: fn(&crate::bigint::BigInt, i64) -> crate::bigint::Result<crate::bigint::BigInt>,
    pub neg: fn(&crate::bigint::BigInt) -> crate::bigint::BigInt,
    pub not: fn(&crate::bigint::BigInt) -> crate::bigint::Result<crate::bigint::BigInt>,
    /// StringToBigInt (7.1.14): None when the text is not an integer literal.
    pub parse: fn(&[u16]) -> Option<crate::bigint::Result<crate::bigint::BigInt>>,
    /// A BigInt literal's digits.
    pub from_constant: fn(&[u16]) -> crate::bigint::Result<crate::bigint::BigInt>,
    /// The BigInt compared with a Number.
    pub cmp_f64: fn(&crate::bigint::BigInt, f64) -> Option<core::cmp::Ordering>,
    /// In decimal.
    pub to_decimal: fn(&crate::bigint::BigInt) -> alloc::string::String,
}

/// A registry's cleanup job (`builtins::weakref::run_cleanup`).
pub type CleanupRunner =
    fn(&mut Runtime, &alloc::rc::Weak<dyn crate::weak::WeakOwner>) -> JsResult<()>;

/// RegExpCreate (22.2.3.1) as provided by the RegExp built-in.
pub type RegExpCreate = fn(&mut Runtime, &Value, &Value) -> JsResult<Value>;

/// The evaluation of literal `index` of a loaded program, as provided by the RegExp built-in.
pub type RegExpFromLiteral =
    fn(&mut Runtime, &crate::function::LoadedProgram, u32) -> JsResult<Value>;

/// A pattern compiler (`qjs_regexp::Regex::new`).
#[cfg(feature = "regexp")]
pub type RegExpCompiler =
    fn(&[u16], qjs_regexp::Flags) -> Result<qjs_regexp::Regex, qjs_regexp::Error>;

fn bare_object(heap: &Heap, shape: &Rc<Shape>, proto: Option<&Obj>, kind: ObjectKind) -> Obj {
    Obj::from_gc(heap.alloc(Payload::Object(ObjectData::new(
        proto.cloned(),
        shape.clone(),
        kind,
    ))))
}

impl Runtime {
    /// A runtime with one realm whose intrinsic objects exist but hold no properties yet
    /// (QuickJS's `JS_NewContextRaw`); see [`crate::builtins::add_base_objects`].
    pub fn new_raw() -> Runtime {
        let heap = Heap::new();
        let root_shape = Shape::root();
        let op = bare_object(&heap, &root_shape, None, ObjectKind::Ordinary);
        let obj = |proto: &Obj, kind| bare_object(&heap, &root_shape, Some(proto), kind);
        let function_proto = obj(&op, ObjectKind::Ordinary);
        let iterator_proto = obj(&op, ObjectKind::Ordinary);
        let generator_proto = obj(&iterator_proto, ObjectKind::Ordinary);
        // An ordinary object until `promise::register` makes it the constructor, so that a
        // runtime without Promise links none of it.
        let promise_ctor = obj(&function_proto, ObjectKind::Ordinary);
        let generator_function_proto = obj(&function_proto, ObjectKind::Ordinary);
        let async_iterator_proto = obj(&op, ObjectKind::Ordinary);
        let async_generator_proto = obj(&async_iterator_proto, ObjectKind::Ordinary);
        let async_generator_function_proto = obj(&function_proto, ObjectKind::Ordinary);
        let async_function_proto = obj(&function_proto, ObjectKind::Ordinary);
        let async_from_sync_iterator_proto = obj(&async_iterator_proto, ObjectKind::Ordinary);
        let error_proto = obj(&op, ObjectKind::Ordinary);
        let mut error_protos = Vec::new();
        for t in ErrorType::ALL {
            error_protos.push(if t == ErrorType::Error {
                error_proto.clone()
            } else {
                obj(&error_proto, ObjectKind::Ordinary)
            });
        }
        let realm = Realm {
            global: obj(&op, ObjectKind::Ordinary),
            function_proto,
            array_proto: obj(
                &op,
                ObjectKind::Array {
                    elems: Vec::new(),
                    length: 0,
                    length_writable: true,
                },
            ),
            string_proto: obj(&op, ObjectKind::String(JsString::empty())),
            number_proto: obj(&op, ObjectKind::Number(0.0)),
            boolean_proto: obj(&op, ObjectKind::Boolean(false)),
            symbol_proto: obj(&op, ObjectKind::Ordinary),
            date_proto: obj(&op, ObjectKind::Ordinary),
            generator_proto,
            generator_function_proto,
            async_iterator_proto,
            async_generator_proto,
            async_generator_function_proto,
            async_function_proto,
            async_from_sync_iterator_proto,
            promise_proto: obj(&op, ObjectKind::Ordinary),
            promise_ctor,
            array_iterator_proto: obj(&iterator_proto, ObjectKind::Ordinary),
            string_iterator_proto: obj(&iterator_proto, ObjectKind::Ordinary),
            map_proto: obj(&op, ObjectKind::Ordinary),
            set_proto: obj(&op, ObjectKind::Ordinary),
            map_iterator_proto: obj(&iterator_proto, ObjectKind::Ordinary),
            set_iterator_proto: obj(&iterator_proto, ObjectKind::Ordinary),
            iterator_helper_proto: obj(&iterator_proto, ObjectKind::Ordinary),
            wrap_iterator_proto: obj(&iterator_proto, ObjectKind::Ordinary),
            weakmap_proto: obj(&op, ObjectKind::Ordinary),
            weakset_proto: obj(&op, ObjectKind::Ordinary),
            weakref_proto: obj(&op, ObjectKind::Ordinary),
            finalization_registry_proto: obj(&op, ObjectKind::Ordinary),
            regexp_proto: obj(&op, ObjectKind::Ordinary),
            bigint_proto: obj(&op, ObjectKind::Ordinary),
            regexp_string_iterator_proto: obj(&iterator_proto, ObjectKind::Ordinary),
            regexp_ctor: None,
            iterator_proto,
            error_protos,
            object_proto: op,
            globals: crate::globals::GlobalScope::default(),
            templates: Default::default(),
        };
        Runtime {
            heap: ManuallyDrop::new(heap),
            atoms: AtomTable::new(),
            root_shape,
            realm: ManuallyDrop::new(realm),
            exception: Value::UNDEFINED,
            stack: Vec::with_capacity(1024),
            frames: Vec::new(),
            handlers: Vec::new(),
            arg_bufs: Vec::new(),
            native_depth: 0,
            native_calls: Vec::new(),
            yielded: None,
            jobs: alloc::collections::VecDeque::new(),
            job_runner: None,
            cleanup_runner: None,
            async_hooks: None,
            op_groups: [None; qjs_bytecode::OpGroup::ALL.len()],
            unhandled_rejections: Vec::new(),
            stack_base: 0,
            max_stack: DEFAULT_MAX_STACK,
            join_stack: Vec::new(),
            random_state: 0,
            symbol_registry: HashMap::new(),
            interrupt_handler: None,
            dynamic_code: None,
            interrupt_countdown: INTERRUPT_INTERVAL,
            uncatchable: false,
            output: None,
            modules: crate::module::Modules::default(),
            module_hooks: None,
            kept_alive: Vec::new(),
            regexp_create: None,
            regexp_literal: None,
            #[cfg(feature = "regexp")]
            regexp_decode: None,
            #[cfg(feature = "regexp")]
            regexp_compiler: None,
            intrinsics: 0,
            bigint_ops: None,
            #[cfg(feature = "regexp")]
            regexp_scratch: qjs_regexp::Scratch::default(),
            #[cfg(feature = "regexp")]
            regexp_cache: Default::default(),
            #[cfg(feature = "regexp")]
            regexp_legacy: Default::default(),
        }
    }

    /// A runtime with the base built-ins installed.
    pub fn new() -> Runtime {
        let mut rt = Runtime::new_raw();
        crate::builtins::add_base_objects(&mut rt);
        #[cfg(feature = "iterator-helpers")]
        crate::builtins::add_iterator_helpers(&mut rt);
        #[cfg(feature = "date")]
        crate::builtins::add_date(&mut rt);
        #[cfg(feature = "string-normalize")]
        crate::builtins::add_string_normalize(&mut rt);
        #[cfg(feature = "promise")]
        crate::builtins::add_promise(&mut rt);
        #[cfg(feature = "json")]
        crate::builtins::add_json(&mut rt);
        #[cfg(feature = "map")]
        crate::builtins::add_map_set(&mut rt);
        #[cfg(feature = "weakref")]
        crate::builtins::add_weakref(&mut rt);
        #[cfg(feature = "bigint")]
        crate::builtins::add_bigint(&mut rt);
        crate::builtins::add_modules(&mut rt);
        #[cfg(feature = "regexp")]
        crate::builtins::add_regexp(&mut rt);
        rt
    }

    /// RegExpCreate(pattern, flags), or the error that says RegExp was left out.
    pub fn regexp_create(&mut self, pattern: &Value, flags: &Value) -> JsResult<Value> {
        match self.regexp_create {
            Some(f) => f(self, pattern, flags),
            None => Err(self.regexp_removed()),
        }
    }

    /// A new RegExp object for literal `index` of `prog`.
    pub(crate) fn regexp_literal(
        &mut self,
        prog: &crate::function::LoadedProgram,
        index: u32,
    ) -> JsResult<Value> {
        match self.regexp_literal {
            Some(f) => f(self, prog, index),
            None => Err(self.regexp_removed()),
        }
    }

    pub(crate) fn regexp_removed(&mut self) -> Exc {
        self.throw_error(
            ErrorType::InternalError,
            "RegExp is not available (the program was compiled with -fno-regexp)",
        )
    }

    /// The module system, or the error that says it was left out.
    pub(crate) fn module_hooks(&mut self) -> JsResult<&'static crate::module::ModuleHooks> {
        match self.module_hooks {
            Some(hooks) => Ok(hooks),
            None => Err(self.throw_error(
                ErrorType::InternalError,
                "modules are not available (the program was built without JS_AddIntrinsicModules)",
            )),
        }
    }

    /// The async machinery, or the error that says it was left out.
    pub(crate) fn async_hooks(&mut self) -> JsResult<&'static crate::interp::AsyncHooks> {
        match self.async_hooks {
            Some(hooks) => Ok(hooks),
            None => Err(self.throw_error(
                ErrorType::InternalError,
                "async functions are not available (the program was built with -fno-promise)",
            )),
        }
    }

    pub fn heap(&self) -> &Heap {
        &self.heap
    }

    /// Number of live GC boxes (objects and closure cells).
    pub fn live_objects(&self) -> usize {
        self.heap.live_count()
    }

    /// ClearKeptObjects (9.10): ends the current job's hold on WeakRef targets.
    pub fn clear_kept_objects(&mut self) {
        self.kept_alive.clear();
    }

    /// Runs the cycle collector now.
    pub fn collect_garbage(&mut self) {
        self.heap.collect();
    }

    /// Allocates an object with the given prototype and kind.
    pub fn alloc_object(&self, proto: Option<&Obj>, kind: ObjectKind) -> Obj {
        bare_object(&self.heap, &self.root_shape, proto, kind)
    }

    /// `{}` with Object.prototype.
    pub fn new_object(&self) -> Obj {
        self.alloc_object(Some(&self.realm.object_proto), ObjectKind::Ordinary)
    }

    pub fn new_array(&self, elems: Vec<Value>) -> Obj {
        let length = elems.len() as u32;
        self.alloc_object(
            Some(&self.realm.array_proto),
            ObjectKind::Array {
                elems,
                length,
                length_writable: true,
            },
        )
    }

    pub fn intern(&mut self, s: &str) -> Atom {
        self.atoms.intern_str(s)
    }

    /// Sets the pending exception and returns the marker.
    pub fn throw(&mut self, v: Value) -> Exc {
        self.exception = v;
        self.uncatchable = false;
        Exc
    }

    /// Takes the pending exception.
    pub fn take_exception(&mut self) -> Value {
        self.uncatchable = false;
        core::mem::take(&mut self.exception)
    }

    /// Throws a new error of type `t` with `msg`.
    pub fn throw_error(&mut self, t: ErrorType, msg: &str) -> Exc {
        let e = crate::builtins::error::new_error(self, t, JsString::from_str(msg));
        self.throw(Value::object(e))
    }

    pub fn type_error(&mut self, msg: &str) -> Exc {
        self.throw_error(ErrorType::TypeError, msg)
    }

    pub fn range_error(&mut self, msg: &str) -> Exc {
        self.throw_error(ErrorType::RangeError, msg)
    }

    pub fn reference_error(&mut self, msg: &str) -> Exc {
        self.throw_error(ErrorType::ReferenceError, msg)
    }

    /// Throws a RangeError when native re-entries have used more than `max_stack` bytes of
    /// the Rust stack since the host entered the runtime.
    pub(crate) fn check_stack(&mut self) -> JsResult<()> {
        let sp = stack_pointer();
        if self.stack_base == 0 || self.native_depth == 0 {
            self.stack_base = sp;
        }
        if self.stack_base.saturating_sub(sp) > self.max_stack
            || self.native_depth >= MAX_NATIVE_DEPTH
        {
            return Err(self.range_error("Maximum call stack size exceeded"));
        }
        Ok(())
    }

    /// Installs (or removes) the interrupt handler.
    pub fn set_interrupt_handler(&mut self, h: Option<Box<dyn FnMut() -> bool>>) {
        self.interrupt_handler = h;
    }

    /// Called on backward jumps and calls: every `INTERRUPT_INTERVAL` times, asks the handler
    /// whether to stop, and collects garbage when enough was allocated.
    #[inline]
    pub(crate) fn poll(&mut self) -> JsResult<()> {
        self.interrupt_countdown -= 1;
        if self.interrupt_countdown == 0 {
            self.interrupt_countdown = INTERRUPT_INTERVAL;
            if let Some(h) = &mut self.interrupt_handler {
                if h() {
                    let e = self.throw_error(ErrorType::InternalError, "interrupted");
                    self.uncatchable = true;
                    return Err(e);
                }
            }
        }
        if self.heap.wants_collect() {
            self.heap.collect();
        }
        Ok(())
    }

    /// Writes to the host's output (stdout for the command-line tools).
    pub fn write_output(&mut self, s: &str) {
        match &mut self.output {
            Some(f) => f(s),
            None => crate::host::write_stdout(s),
        }
    }

    /// The text of an atom as a Rust string (for messages).
    pub fn atom_string(&self, a: Atom) -> String {
        self.atoms.text(a).to_rust_string()
    }

    pub fn global(&self) -> Obj {
        self.realm.global.clone()
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.stack.clear();
        self.frames.clear();
        self.native_calls.clear();
        self.handlers.clear();
        self.arg_bufs.clear();
        self.join_stack.clear();
        self.kept_alive.clear();
        self.jobs.clear();
        self.unhandled_rejections.clear();
        self.modules.clear();
        self.exception = Value::UNDEFINED;
        self.output = None;
        self.interrupt_handler = None;
        // SAFETY: the realm is dropped exactly once, here, and not used afterwards.
        unsafe { ManuallyDrop::drop(&mut self.realm) };
        self.heap.collect();
        if self.heap.live_count() == 0 {
            // SAFETY: no box remains, so nothing points at the heap any more.
            unsafe { ManuallyDrop::drop(&mut self.heap) };
        } else {
            // Handles still exist outside the runtime (an embedder kept one): keep the heap alive
            // rather than leave them dangling.
            crate::host::report_leak(self.heap.live_count());
        }
    }
}
