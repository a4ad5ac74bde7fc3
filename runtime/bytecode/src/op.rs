//! Opcodes. Each instruction is one byte of opcode followed by its operand (little endian).
//!
//! The doc comment of every opcode gives its operand and its stack effect as `before → after`
//! (top of stack on the right). "atom" operands index [`Program::atoms`](crate::Program::atoms);
//! "const" operands index the function's constant pool; "loc" operands index the frame's local
//! slots (parameters first, then variables and temporaries); "var" operands index the closure's
//! captured cells ([`FunctionTemplate::captures`](crate::FunctionTemplate::captures)).
//! Jump offsets are relative to the start of the *next* instruction.

/// The shape of an instruction's operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    None,
    I8,
    U8,
    /// Local slot index.
    Loc,
    /// Captured-cell index.
    Var,
    /// Constant-pool index.
    Const,
    /// Argument count.
    Argc,
    /// Atom index (u32).
    Atom,
    /// Relative jump (i32).
    Jump,
    I32,
    /// Atom (u32) followed by a flags byte.
    AtomU8,
    /// Constant-pool index (u16) followed by a flags byte.
    ConstU8,
}

impl Operand {
    /// Encoded size in bytes.
    pub const fn size(self) -> usize {
        match self {
            Operand::None => 0,
            Operand::I8 | Operand::U8 => 1,
            Operand::Loc | Operand::Var | Operand::Const | Operand::Argc => 2,
            Operand::Atom | Operand::Jump | Operand::I32 => 4,
            Operand::AtomU8 => 5,
            Operand::ConstU8 => 3,
        }
    }
}

macro_rules! opcodes {
    ($( $(#[$doc:meta])* $name:ident ($operand:ident, $pop:expr, $push:expr) ),* $(,)?) => {
        /// A bytecode instruction's opcode.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Op { $( $(#[$doc])* $name, )* }

        const ALL: &[Op] = &[ $( Op::$name, )* ];
        const NAMES: &[&str] = &[ $( stringify!($name), )* ];
        const OPERANDS: &[Operand] = &[ $( Operand::$operand, )* ];
        /// Encoded lengths, precomputed: the interpreter asks for one per instruction.
        const LENS: &[u8] = &[ $( 1 + Operand::$operand.size() as u8, )* ];
        /// Fixed (pops, pushes); `VARIADIC` in pops means "computed from the operand".
        const EFFECTS: &[(u16, u16)] = &[ $( ($pop, $push), )* ];
    };
}

/// Marker in the effect table: the pop count depends on the operand (see [`Op::stack_effect`]).
const VARIADIC: u16 = u16::MAX;

opcodes! {
    // ---- constants and stack shuffling ----
    /// `→ undefined`
    Undefined(None, 0, 1),
    /// `→ null`
    Null(None, 0, 1),
    /// `→ true`
    True(None, 0, 1),
    /// `→ false`
    False(None, 0, 1),
    /// i8: `→ int`
    PushI8(I8, 0, 1),
    /// i32: `→ int`
    PushI32(I32, 0, 1),
    /// const (a Number or String constant): `→ value`
    PushConst(Const, 0, 1),
    /// const (a Function constant): `→ closure`. Builds a function object whose captured cells are
    /// taken from the current frame as the template's `captures` list says. Arrow functions also
    /// capture the current `this`, `new.target` and home object.
    Closure(Const, 0, 1),
    /// `→ this` (ReferenceError in a derived constructor before `super()` returns)
    This(None, 0, 1),
    /// `→ new.target` (undefined when not called as a constructor)
    NewTarget(None, 0, 1),
    /// `→ f` the function object that is running (for a named function expression's own name)
    ThisFunction(None, 0, 1),
    /// `a → a a`
    Dup(None, 1, 2),
    /// `a b → a b a b`
    Dup2(None, 2, 4),
    /// `a →`
    Drop(None, 1, 0),
    /// `a b → b`
    Nip(None, 2, 1),
    /// `a b → b a`
    Swap(None, 2, 2),
    /// `a b → b a b`
    Insert2(None, 2, 3),
    /// `a b c → c a b c`
    Insert3(None, 3, 4),
    /// `a b c d → d a b c d`
    Insert4(None, 4, 5),
    /// `x a b → a b x`
    Rot3L(None, 3, 3),
    /// `a b x → x a b`
    Rot3R(None, 3, 3),
    /// `x a b c → a b c x`
    Rot4L(None, 4, 4),

    // ---- local slots ----
    /// loc: `→ value`
    GetLoc(Loc, 0, 1),
    /// loc: `value →`
    PutLoc(Loc, 1, 0),
    /// loc: `value → value`
    SetLoc(Loc, 1, 1),
    /// loc: `→ value`, ReferenceError if the slot is in its temporal dead zone
    GetLocCheck(Loc, 0, 1),
    /// loc: `value →`, ReferenceError if the slot is in its temporal dead zone
    PutLocCheck(Loc, 1, 0),
    /// loc: `→`, puts the slot into its temporal dead zone
    SetLocUninit(Loc, 0, 0),

    // ---- local slots that hold a cell (locals captured by inner functions) ----
    /// loc: `→`, the slot gets a fresh cell holding undefined
    NewCell(Loc, 0, 0),
    /// loc: `→`, the slot gets a fresh cell in its temporal dead zone
    NewCellTdz(Loc, 0, 0),
    /// loc: `→`, the slot gets a fresh cell holding the old cell's value (per-iteration `let`)
    CopyCell(Loc, 0, 0),
    /// loc: `→ value`
    GetLocCell(Loc, 0, 1),
    /// loc: `value →`
    PutLocCell(Loc, 1, 0),
    /// loc: `→ value` with TDZ check
    GetLocCellCheck(Loc, 0, 1),
    /// loc: `value →` with TDZ check
    PutLocCellCheck(Loc, 1, 0),

    // ---- captured cells of the running closure ----
    /// var: `→ value`
    GetVar(Var, 0, 1),
    /// var: `value →`
    PutVar(Var, 1, 0),
    /// var: `→ value` with TDZ check
    GetVarCheck(Var, 0, 1),
    /// var: `value →` with TDZ check
    PutVarCheck(Var, 1, 0),
    /// atom (the variable's name): `→`, throws TypeError "Assignment to constant variable."
    ThrowConstAssign(Atom, 0, 0),

    // ---- globals ----
    /// atom: `→ value`; looks in the global lexical scope, then the global object; ReferenceError if absent
    GetGlobal(Atom, 0, 1),
    /// atom: `→ value`, undefined if absent (for `typeof x`)
    GetGlobalOrUndef(Atom, 0, 1),
    /// atom: `value →`; assigns a global lexical binding (TDZ- and const-checked) or a global object
    /// property; in strict code an undeclared name is a ReferenceError, in sloppy code it is created
    PutGlobal(Atom, 1, 0),
    /// atom: `→`, `var` declaration: defines the global property as undefined unless present
    DeclareVar(Atom, 0, 0),
    /// atom: `f →`, function declaration at script top level: (re)defines the global property
    DeclareFunc(Atom, 1, 0),
    /// atom, flags (bit 0 = const): `→`, creates a global lexical binding in its TDZ
    /// (SyntaxError if the name is already lexically declared)
    DeclareLex(AtomU8, 0, 0),
    /// atom: `value →`, initializes a global lexical binding
    InitGlobalLex(Atom, 1, 0),
    /// atom: `→ bool` (`delete x` on a global)
    DeleteGlobal(Atom, 0, 1),

    // ---- properties ----
    /// atom: `obj → value`
    GetField(Atom, 1, 1),
    /// atom: `obj → obj value` (keeps the object as the `this` of a following call)
    GetField2(Atom, 1, 2),
    /// atom: `obj value →`
    PutField(Atom, 2, 0),
    /// `obj key → value`
    GetElem(None, 2, 1),
    /// `obj key → obj value`
    GetElem2(None, 2, 2),
    /// `obj key value →`
    PutElem(None, 3, 0),
    /// atom: `obj → bool`
    DeleteField(Atom, 1, 1),
    /// `obj key → bool`
    DeleteElem(None, 2, 1),
    /// `key obj → bool`
    In(None, 2, 1),
    /// `value ctor → bool`
    InstanceOf(None, 2, 1),
    /// `key → ToPropertyKey(key)` (so a computed key is converted once in `o[k] += v`)
    ToPropertyKey(None, 1, 1),
    /// atom: `→ value`: `super.name`, read from the home object's prototype with `this` as receiver
    GetSuperField(Atom, 0, 1),
    /// `key → value`: `super[key]`
    GetSuperElem(None, 1, 1),
    /// atom: `value →`: `super.name = value`
    PutSuperField(Atom, 1, 0),
    /// `key value →`: `super[key] = value`
    PutSuperElem(None, 2, 0),

    // ---- object and array literals ----
    /// `→ {}`
    Object(None, 0, 1),
    /// argc n: `v1 … vn → [v1, …, vn]`
    Array(Argc, VARIADIC, 1),
    /// atom: `obj value → obj` (CreateDataProperty)
    DefineField(Atom, 2, 1),
    /// `obj key value → obj` (CreateDataProperty with a computed key)
    DefineElem(None, 3, 1),
    /// atom, flags: `obj f → obj`. Defines a method (flags & 3 == 0), getter (1) or setter (2);
    /// bit 2 set = enumerable (object literals), clear = not (classes). Sets f's home object to obj.
    DefineMethod(AtomU8, 2, 1),
    /// flags as for DefineMethod: `obj key f → obj`
    DefineMethodComputed(U8, 3, 1),
    /// `obj proto → obj` (`__proto__: proto` in a literal; ignored unless proto is an object or null)
    SetProto(None, 2, 1),
    /// `arr value → arr` (appends at index `arr.length`)
    AppendElem(None, 2, 1),
    /// `arr → arr` (a hole: length + 1)
    AppendHole(None, 1, 1),
    /// `arr iterable → arr` (appends every value of the iterable)
    AppendSpread(None, 2, 1),
    /// `obj source → obj` (`{...source}`)
    CopyDataProps(None, 2, 1),

    // ---- calls ----
    /// argc n: `this f a1 … an → result`
    Call(Argc, VARIADIC, 1),
    /// argc n: `f a1 … an → result` (`new f(…)`; new.target = f)
    New(Argc, VARIADIC, 1),
    /// `this f args → result` (args: an array built by Array/AppendSpread)
    CallSpread(None, 3, 1),
    /// `f args → result`
    NewSpread(None, 2, 1),
    /// argc n: `a1 … an → this`: `super(…)` in a derived constructor; binds and returns `this`
    SuperCall(Argc, VARIADIC, 1),
    /// `args → this`
    SuperCallSpread(None, 1, 1),
    /// `value →` returns from the function
    Return(None, 1, 0),
    /// `→` returns undefined
    ReturnUndef(None, 0, 0),

    // ---- control flow ----
    /// jump: `→`
    Jump(Jump, 0, 0),
    /// jump: `cond →`, jumps when falsy
    JumpIfFalse(Jump, 1, 0),
    /// jump: `cond →`, jumps when truthy
    JumpIfTrue(Jump, 1, 0),
    /// jump: `a → a` and jump when a is falsy, else `a →` (for `&&`)
    And(Jump, 1, 0),
    /// jump: `a → a` and jump when a is truthy, else `a →` (for `||`)
    Or(Jump, 1, 0),
    /// jump: `a → a` and jump when a is neither null nor undefined, else `a →` (for `??`)
    Coalesce(Jump, 1, 0),
    /// jump: `a → undefined` and jump when a is null or undefined, else `a → a` (for `?.`)
    OptionalChain(Jump, 1, 1),
    /// `value →` throws
    Throw(None, 1, 0),
    /// jump: `→`, installs an exception handler at the target; when an exception reaches it, the
    /// stack is cut back to its depth at TryStart and the exception value is pushed
    TryStart(Jump, 0, 0),
    /// `→` removes the innermost handler of this frame
    TryEnd(None, 0, 0),
    /// `→`
    Nop(None, 0, 0),
    /// `→`
    Debugger(None, 0, 0),

    // ---- operators ----
    /// `a b → a + b`
    Add(None, 2, 1),
    Sub(None, 2, 1),
    Mul(None, 2, 1),
    Div(None, 2, 1),
    Mod(None, 2, 1),
    Pow(None, 2, 1),
    BitAnd(None, 2, 1),
    BitOr(None, 2, 1),
    BitXor(None, 2, 1),
    Shl(None, 2, 1),
    Sar(None, 2, 1),
    Shr(None, 2, 1),
    Lt(None, 2, 1),
    Le(None, 2, 1),
    Gt(None, 2, 1),
    Ge(None, 2, 1),
    Eq(None, 2, 1),
    Ne(None, 2, 1),
    StrictEq(None, 2, 1),
    StrictNe(None, 2, 1),
    /// `a → -a`
    Neg(None, 1, 1),
    /// `a → ToNumber(a)` (unary +)
    Plus(None, 1, 1),
    /// `a → ~a`
    BitNot(None, 1, 1),
    /// `a → !a`
    Not(None, 1, 1),
    /// `a → typeof a`
    TypeOf(None, 1, 1),
    /// `a → ToNumeric(a) + 1`
    Inc(None, 1, 1),
    /// `a → ToNumeric(a) - 1`
    Dec(None, 1, 1),
    /// `a → ToNumeric(a)` (postfix operators keep the old value converted)
    ToNumeric(None, 1, 1),
    /// `a → ToString(a)` (template literal substitutions)
    ToString(None, 1, 1),

    // ---- iteration ----
    /// `obj → iter`: starts a for-in enumeration
    ForInStart(None, 1, 1),
    /// jump: `iter → iter key`; when exhausted, jumps to the target with `iter` only
    ForInNext(Jump, 1, 2),
    /// `iterable → iter next`: GetIterator
    ForOfStart(None, 1, 2),
    /// jump: `iter next → iter next value`; when done, sets `next` to undefined and jumps to the
    /// target with `iter next` only
    ForOfNext(Jump, 2, 3),
    /// `iter next → iter next value`: like ForOfNext, but pushes undefined when done (and stays
    /// done: once `next` is undefined nothing is called) — for array destructuring
    IterNextOrUndef(None, 2, 3),
    /// `iter next → iter next array`: collects the remaining values (rest element)
    IterRest(None, 2, 3),
    /// `iter next →`: calls `iter.return()` unless done (`next` undefined)
    IteratorClose(None, 2, 0),
    /// `iter next exc →`: calls `iter.return()` ignoring its errors, then throws exc
    IteratorCloseThrow(None, 3, 0),

    // ---- classes and functions ----
    /// const (the constructor's Function constant), flags (bit 0 = has heritage):
    /// `[heritage] → ctor proto`. Without heritage the stack starts empty.
    Class(ConstU8, VARIADIC, 2),
    /// `→ arguments` (an unmapped arguments object of the actual arguments)
    Arguments(None, 0, 1),
    /// argc (index of the first rest argument): `→ array`
    RestParam(Argc, 0, 1),
    /// atom: `f → f`: sets an anonymous function's `name` (SetFunctionName)
    SetName(Atom, 1, 1),
    /// `key f → key f`: SetFunctionName with a computed key
    SetNameComputed(None, 2, 2),
    /// argc n: `source k1 … kn → obj`: a new object with the own enumerable properties of
    /// source except the keys k1…kn (object rest in destructuring, CopyDataProperties with
    /// an exclusion list)
    CopyDataPropsExcept(Argc, VARIADIC, 1),
    /// `a → a`, TypeError when a is null or undefined (RequireObjectCoercible)
    RequireObjectCoercible(None, 1, 1),

    // ---- generators ----
    /// `→`: ends a generator function's prologue: the frame is saved in a new generator object,
    /// which the call returns; the first `next()` resumes after this instruction
    InitialYield(None, 0, 0),
    /// `value → received`: suspends the generator, producing `{value, done: false}`; resumes
    /// with the value passed to `next()` (`throw()` throws here, `return()` unwinds through
    /// `finally` handlers only)
    Yield(None, 1, 1),
    /// jump: `iter next received mode → iter next received mode` — one step of `yield*`: calls
    /// the inner iterator's next/throw/return (mode 0/1/2) with `received`; when the inner
    /// result is done, jumps to the target with `value` alone (depth − 3); otherwise suspends
    /// the generator yielding the inner result object as is, and resumes here with the new
    /// received value and mode
    YieldStar(Jump, 4, 4),
    /// jump: `→`, like TryStart, but the handler also runs for a generator's `return()`
    /// (it is a `finally` or an iterator-closing handler, not a `catch`)
    TryFinally(Jump, 0, 0),
    /// `value → received`: suspends the async function until value (as a promise) settles;
    /// resumes with its fulfilment value, or throws its rejection reason here
    Await(None, 1, 1),

    // ---- class elements (fields and private names) ----
    /// `home f → home f`: sets closure f's home object (a class's field initializer function)
    SetHome(None, 2, 2),
    /// `obj key value → obj`: CreateDataPropertyOrThrow (a class field; TypeError when the
    /// object is non-extensible or the property is non-configurable)
    DefineClassField(None, 3, 1),
    /// atom (the description, `#x`): `→ name`, a fresh private name
    NewPrivateName(Atom, 0, 1),
    /// `obj name → value`: PrivateGet (TypeError when obj lacks the private element, or it is an
    /// accessor without a getter)
    GetPrivate(None, 2, 1),
    /// `obj name value →`: PrivateSet (TypeError when obj lacks the element, it is a method,
    /// or an accessor without a setter)
    PutPrivate(None, 3, 0),
    /// flags (0 field, 1 method, 2 getter, 3 setter): `obj name value → obj`: PrivateFieldAdd /
    /// PrivateMethodOrAccessorAdd (TypeError when obj already has the element; a setter joins
    /// a getter of the same name defined just before it)
    DefinePrivate(U8, 3, 1),
    /// `obj name → bool`: `#x in obj` (TypeError when obj is not an object)
    PrivateIn(None, 2, 1),

    // ---- tagged templates ----
    /// argc n (the number of template strings): `cooked1 … cookedn raw1 … rawn → template`: the
    /// site's template object (GetTemplateObject), made on first evaluation and then reused for
    /// this instruction of this program; cooked strings that are invalid escapes are undefined
    TemplateObject(Argc, VARIADIC, 1),
    /// `obj key → obj ToPropertyKey(key)`, TypeError first when obj is null or undefined: the
    /// order of GetValue on `obj[key] op= v`, which converts the key once
    ToPropertyKeyOf(None, 2, 2),

    // ---- explicit resource management (`using`) ----
    /// `→ ds`: a new, empty list of disposable resources
    DisposeNew(None, 0, 1),
    /// flags (1: `await using`): `value ds → value`: AddDisposableResource
    AddDisposable(U8, 2, 1),
    /// jump: `ds → ds result`: disposes the last resource added (its error is recorded in ds);
    /// result is what `await using` awaits; jumps with `ds` alone when none is left
    DisposeNext(Jump, 1, 2),
    /// `ds exc → ds`: records a throw completion (combined into SuppressedError with one
    /// recorded before; a generator's return() is remembered instead)
    DisposeError(None, 2, 1),
    /// `ds →`: throws the recorded error, or continues a generator's return()
    DisposeEnd(None, 1, 0),

    // ---- eval, `with` and the mapped arguments object ----
    /// atom, flags: `obj → obj bool`: HasBinding of an object environment: HasProperty(obj,
    /// atom); with flags bit 0 (a `with` object) false when `obj[@@unscopables][atom]` is truthy
    WithHas(AtomU8, 1, 2),
    /// argc n: `this f a1 … an scope → result`: a call that is a direct eval when f is the
    /// realm's %eval%: the source is compiled in the caller's scope, which `scope` describes (a
    /// closure whose cells are the visible bindings and whose constant 0 is the compiler's
    /// description of them); otherwise an ordinary call
    CallEval(Argc, VARIADIC, 1),
    /// atom, flags (bit 0: a function): `→`, the checks of GlobalDeclarationInstantiation and
    /// EvalDeclarationInstantiation for a global var or function declaration of a script or a
    /// sloppy eval (SyntaxError if a global lexical binding has the name, TypeError if the
    /// global object cannot take it: CanDeclareGlobalVar / CanDeclareGlobalFunction)
    CheckGlobalDecl(AtomU8, 0, 0),
    /// atom: `→`, CreateGlobalVarBinding(atom, deletable): a configurable undefined property
    /// unless present
    DeclareEvalVar(Atom, 0, 0),
    /// atom: `f →`, CreateGlobalFunctionBinding(atom, f, deletable)
    DeclareEvalFunc(Atom, 1, 0),
    /// `a → ToObject(a)` (TypeError for null and undefined)
    ToObject(None, 1, 1),
    /// `→ arguments`: a mapped arguments object (sloppy functions with simple parameter
    /// lists): element i aliases parameter i when local slot i holds a cell (the compiler
    /// captures the parameters for this) and i < the argument count
    MappedArguments(None, 0, 1),

    // ---- modules ----
    /// phase (0 evaluation, 1 source): `specifier options → promise`: `import(specifier,
    /// options)` / `import.source(…)` (13.3.10.1 EvaluateImportCall): resolves relative to the
    /// running code's file; the promise settles with the namespace (a source-phase import of a
    /// source text module rejects with a SyntaxError)
    ImportCall(U8, 2, 1),
    /// `→ object`: `import.meta` of the running module (created on first use)
    ImportMeta(None, 0, 1),

    // ---- async generators and async iteration ----
    /// `value → received`: AsyncGeneratorYield — settles the oldest `next()`/`throw()`/`return()`
    /// request with `{value, done: false}`, then takes the next request at once if one is
    /// queued, else suspends; resumes with a `next()` value (`throw()` throws here, `return()`
    /// awaits its value and then unwinds through `finally` handlers only)
    AsyncYield(None, 1, 1),
    /// `iterable → iter next`: GetIterator(iterable, async), wrapping a sync iterator in an
    /// async-from-sync iterator when there is no `Symbol.asyncIterator` method
    GetAsyncIterator(None, 1, 2),
    /// `iter next → iter undefined next result`: calls `next` (the slot reads undefined, i.e.
    /// done, until AsyncIterResult accepts the awaited result, so failures do not close it)
    AsyncIterNext(None, 2, 4),
    /// jump: `iter undefined next result → iter next value`; TypeError unless result is an
    /// object; when it is done, jumps to the target with `iter undefined` (depth − 2)
    AsyncIterResult(Jump, 4, 3),
    /// jump: `iter next → result`: calls `iter.return()` (AsyncIteratorClose) for the result
    /// to await; jumps to the target with nothing when done or there is no `return` (depth − 2)
    AsyncIterClose(Jump, 2, 1),
    /// `result →`: TypeError unless the awaited `return()` result is an object
    AsyncIterCloseCheck(None, 1, 0),
    /// jump: `iter next exc → exc result`: AsyncIteratorClose for a throw completion (errors
    /// of `return` are ignored, except while a generator's `return()` unwinds); jumps to the
    /// target with `exc` alone when there is nothing to await (depth − 2)
    AsyncIterCloseThrow(Jump, 3, 2),
    /// `iter next received mode → iter next received mode kind result`: one call of an async
    /// `yield*` (next/throw/return by mode 0/1/2); kind 0: result is the inner result to await;
    /// 1: there was no `throw`, result is the awaited-to-be `return()` result (then TypeError);
    /// 2: there was no `return`, result is the value to await and return
    AsyncDelegateCall(None, 4, 6),
    /// jump: `iter next received mode kind awaited → iter next received mode value`: finishes
    /// an async `yield*` step; when the inner iterator is done, jumps with `value` alone
    /// (depth − 5), or returns from the generator for a `return()` request
    AsyncDelegateResult(Jump, 6, 5),
    /// `iter next received mode value → iter next received mode`: AsyncGeneratorYield of an
    /// inner value (not awaited); the new received value and mode replace the top two
    AsyncYieldDelegate(None, 5, 4),
    /// const: `→ regexp`: a fresh RegExp object for the regular expression literal of the
    /// constant (`Constant::RegExp`, compiled by the compiler)
    RegExp(Const, 0, 1),
    /// atom: `env → value`: GetBindingValue of an object environment found by `WithHas`
    /// (9.1.1.2.6): the property may have gone since, then ReferenceError in strict code and
    /// undefined otherwise; else Get(env, atom)
    WithGet(Atom, 1, 1),
    /// atom: `env value →`: SetMutableBinding of an object environment found by `WithHas`
    /// (9.1.1.2.5): ReferenceError in strict code when the property has gone since, then
    /// Set(env, atom, value, strict)
    WithPut(Atom, 2, 0),
    /// `→ base`: GetSuperBase (the running method's home object's prototype) for a super
    /// reference that is read and then written (`super[k] += v`, `super.x++`)
    GetSuperBase(None, 0, 1),
    /// `base key → value`: Get of a super reference made by `GetSuperBase` (receiver `this`)
    GetSuperRef(None, 2, 1),
    /// `base key value →`: PutValue of a super reference made by `GetSuperBase`
    PutSuperRef(None, 3, 0),
    /// atom (a message): `→`, throws a ReferenceError (`delete super.x`)
    ThrowReferenceError(Atom, 0, 0),
    /// argc n: `this f a1 … an → result`, always followed by `Return`: a call in tail position
    /// of strict code (15.10.3 PrepareForTailCall). When f is a bytecode function and the
    /// running frame has no handlers and is an ordinary call, f's frame replaces it (the
    /// `Return` is then never reached); otherwise it is an ordinary `Call`
    TailCall(Argc, VARIADIC, 1),
    /// argc n: `this f a1 … an scope → result`, always followed by `Return`: `CallEval` in
    /// tail position (when f is not %eval% the call is a `TailCall`)
    TailCallEval(Argc, VARIADIC, 1),
    /// `this f args scope → result`: `CallEval` whose arguments are spread into the array args
    CallEvalSpread(None, 4, 1),
    /// `→ result`: `super(...args)` of a default derived constructor, passing the frame's own
    /// arguments without iterating them (10.2.1.4 / 15.7.14 step 4.a: no observable spread)
    SuperCallForward(None, 0, 1),
}

impl Op {
    /// Decodes an opcode byte.
    #[inline]
    pub fn from_u8(b: u8) -> Option<Op> {
        ALL.get(b as usize).copied()
    }

    /// The opcode's mnemonic.
    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }

    /// The shape of the operand that follows the opcode byte.
    pub fn operand(self) -> Operand {
        OPERANDS[self as usize]
    }

    /// Total encoded length (opcode + operand).
    #[allow(clippy::len_without_is_empty)]
    #[inline]
    pub fn len(self) -> usize {
        LENS[self as usize] as usize
    }

    /// (values popped, values pushed) when the instruction falls through; `arg` is the decoded
    /// integer operand (argc) and `flags` the trailing flags byte, for the opcodes whose effect
    /// depends on them.
    pub fn stack_effect(self, arg: u32, flags: u8) -> (u32, u32) {
        let (pop, push) = EFFECTS[self as usize];
        let pop = if pop == VARIADIC {
            match self {
                Op::Array | Op::SuperCall => arg,
                Op::New => arg + 1,
                Op::Call | Op::TailCall => arg + 2,
                Op::CallEval | Op::TailCallEval => arg + 3,
                Op::Class => (flags & 1) as u32,
                Op::CopyDataPropsExcept => arg + 1,
                Op::TemplateObject => 2 * arg,
                _ => 0,
            }
        } else {
            pop as u32
        };
        (pop, push as u32)
    }

    /// Stack depth change when the instruction's jump is taken, relative to the depth before the
    /// instruction. For TryStart it is the depth at which its handler starts (exception pushed).
    pub fn branch_effect(self) -> i32 {
        match self {
            Op::JumpIfFalse | Op::JumpIfTrue => -1,
            Op::TryStart | Op::TryFinally => 1,
            Op::YieldStar => -3,
            Op::AsyncIterResult | Op::AsyncIterClose | Op::AsyncIterCloseThrow => -2,
            Op::AsyncDelegateResult => -5,
            _ => 0,
        }
    }

    /// True for instructions after which control never falls through.
    pub fn is_terminator(self) -> bool {
        matches!(
            self,
            Op::Jump | Op::Return | Op::ReturnUndef | Op::Throw | Op::IteratorCloseThrow
        )
    }

    /// Number of opcodes.
    pub const COUNT: usize = ALL.len();

    /// The optional group the instruction belongs to, if any (see [`OpGroup`]).
    pub fn group(self) -> Option<OpGroup> {
        use Op::*;
        Some(match self {
            GetSuperField | GetSuperElem | PutSuperField | PutSuperElem | GetSuperBase
            | GetSuperRef | PutSuperRef | DefineMethod | DefineMethodComputed | Class
            | SetNameComputed | SetHome | DefineClassField | NewPrivateName | GetPrivate
            | PutPrivate | DefinePrivate | PrivateIn => OpGroup::Classes,
            WithHas | WithGet | WithPut | DeclareEvalVar | DeclareEvalFunc => OpGroup::DynamicScope,
            TemplateObject | IterRest | CopyDataPropsExcept | Arguments | MappedArguments => {
                OpGroup::Extra
            }
            ForInStart | ForInNext => OpGroup::ForIn,
            InitialYield | Yield | Await | YieldStar | AsyncYield | AsyncYieldDelegate => {
                OpGroup::Generators
            }
            DisposeNew | AddDisposable | DisposeNext | DisposeError | DisposeEnd => {
                OpGroup::Dispose
            }
            _ => return None,
        })
    }
}

/// Instructions whose handlers a runtime links only when the group is registered: a compiled
/// program that cannot compile code at run time registers the groups its bytecode contains
/// (qjsc's reach analysis collects them), and the linker drops the others' code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpGroup {
    /// Classes, `super`, methods and accessors of object literals, private names.
    Classes,
    /// `with` and sloppy direct eval's declarations.
    DynamicScope,
    /// Template objects, arguments objects, rest elements of destructuring.
    Extra,
    /// `for-in` loops.
    ForIn,
    /// `using` and `await using` declarations.
    Dispose,
    /// The suspension points of generators and async functions.
    Generators,
}

impl OpGroup {
    pub const ALL: [OpGroup; 6] = [
        OpGroup::Classes,
        OpGroup::DynamicScope,
        OpGroup::Extra,
        OpGroup::ForIn,
        OpGroup::Dispose,
        OpGroup::Generators,
    ];

    /// The group's bit in a mask of groups.
    pub fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Insn {
    pub op: Op,
    /// The main operand as an integer (sign-extended for I8/I32/Jump; 0 when there is none).
    pub arg: i64,
    /// The trailing flags byte of AtomU8/ConstU8 operands.
    pub flags: u8,
    /// Offset of the next instruction.
    pub next: usize,
}

/// Decodes the instruction at `pc`, or `None` if it is truncated or the opcode is unknown.
pub fn decode(code: &[u8], pc: usize) -> Option<Insn> {
    let op = Op::from_u8(*code.get(pc)?)?;
    let next = pc.checked_add(op.len())?;
    let bytes = code.get(pc + 1..next)?;
    let le16 = |b: &[u8]| u16::from_le_bytes([b[0], b[1]]) as i64;
    let le32 = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let (arg, flags) = match op.operand() {
        Operand::None => (0, 0),
        Operand::I8 => (bytes[0] as i8 as i64, 0),
        Operand::U8 => (bytes[0] as i64, 0),
        Operand::Loc | Operand::Var | Operand::Const | Operand::Argc => (le16(bytes), 0),
        Operand::Atom => (le32(bytes) as i64, 0),
        Operand::Jump | Operand::I32 => (le32(bytes) as i32 as i64, 0),
        Operand::AtomU8 => (le32(bytes) as i64, bytes[4]),
        Operand::ConstU8 => (le16(bytes), bytes[2]),
    };
    Some(Insn {
        op,
        arg,
        flags,
        next,
    })
}

/// Appends an instruction to `code` (the compiler's emitter and the tests use this).
pub fn encode(code: &mut alloc::vec::Vec<u8>, op: Op, arg: i64, flags: u8) {
    code.push(op as u8);
    match op.operand() {
        Operand::None => {}
        Operand::I8 | Operand::U8 => code.push(arg as u8),
        Operand::Loc | Operand::Var | Operand::Const | Operand::Argc => {
            code.extend_from_slice(&(arg as u16).to_le_bytes())
        }
        Operand::Atom | Operand::Jump | Operand::I32 => {
            code.extend_from_slice(&(arg as u32).to_le_bytes())
        }
        Operand::AtomU8 => {
            code.extend_from_slice(&(arg as u32).to_le_bytes());
            code.push(flags);
        }
        Operand::ConstU8 => {
            code.extend_from_slice(&(arg as u16).to_le_bytes());
            code.push(flags);
        }
    }
}
