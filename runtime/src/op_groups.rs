//! Instructions in optional groups (`qjs_bytecode::OpGroup`): classes, `super` and private
//! names; `with` and sloppy direct eval's declarations; template objects, arguments objects and
//! rest destructuring; `for-in`; `using` declarations; the suspension points of generators and
//! async functions. The interpreter reaches their handlers through `Runtime::op_groups`,
//! which the `add_*` functions here fill. A compiled program without eval, whose bytecode is all
//! the code it will ever run, registers only the groups that bytecode contains, so the linker
//! drops the other handlers.
use crate::atom::{names, Atom};
use crate::function::LoadedProgram;
use crate::gc::Gc;
use crate::interp::{
    bad_cell, copy_data_properties, make_closure, rd_u16, rd_u32, suspend_frame, this_value,
};
use crate::object::{Obj, ObjectKind};
use crate::property::PropDesc;
use crate::runtime::{ErrorType, JsResult, Runtime};
use crate::shape::{CONFIGURABLE, ENUMERABLE, WC, WEC, WRITABLE};
use crate::string::JsString;
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec::Vec;
use qjs_bytecode::{flags, Constant, FunctionTemplate, Op, OpGroup};

/// The interpreter's state that a group's handler reads: the running frame and instruction.
#[derive(Clone, Copy)]
pub(crate) struct OpCx<'a> {
    pub prog: &'a Rc<LoadedProgram>,
    pub t: &'a FunctionTemplate,
    pub code: &'a [u8],
    pub pc: usize,
    pub fi: usize,
    pub locals: usize,
    pub vars: &'a Rc<[Gc]>,
    pub strict: bool,
}

/// What the interpreter does after a group's instruction.
pub(crate) enum OpFlow {
    /// Go on with the next instruction.
    Next,
    /// Take the instruction's jump.
    Jump,
    /// The running frame changed (a generator object replaced a call): reload it.
    Frames,
    /// The frame suspended: `exec` returns this value to the code that resumed it.
    Leave(Value),
}

/// Runs one instruction of a group.
pub(crate) type OpHandler = fn(&mut Runtime, Op, &OpCx) -> JsResult<OpFlow>;

/// Runs `op` through its group's handler, or throws when the group was not registered (only
/// a program whose registration and bytecode disagree can get there).
pub(crate) fn run(rt: &mut Runtime, op: Op, cx: &OpCx) -> JsResult<OpFlow> {
    let handler = op.group().and_then(|g| rt.op_groups[g as usize]);
    match handler {
        Some(h) => h(rt, op, cx),
        None => Err(rt.throw_error(
            ErrorType::InternalError,
            "instruction of an unregistered group (the program was built without it)",
        )),
    }
}

// One entry point per group, each naming only its own handler: a single function taking the
// group would reference every handler, and the linker could then drop none of them.

/// Registers the classes group (`JS_AddOpGroupClasses`).
pub fn add_classes(rt: &mut Runtime) {
    rt.op_groups[OpGroup::Classes as usize] = Some(classes);
}

/// Registers the dynamic-scope group (`JS_AddOpGroupDynamicScope`).
pub fn add_dynamic_scope(rt: &mut Runtime) {
    rt.op_groups[OpGroup::DynamicScope as usize] = Some(dynamic_scope);
}

/// Registers the extra group (`JS_AddOpGroupExtra`).
pub fn add_extra(rt: &mut Runtime) {
    rt.op_groups[OpGroup::Extra as usize] = Some(extra);
}

/// Registers the `for-in` group (`JS_AddOpGroupForIn`).
pub fn add_for_in(rt: &mut Runtime) {
    rt.op_groups[OpGroup::ForIn as usize] = Some(for_in);
}

/// Registers the `using` group (`JS_AddOpGroupDispose`).
pub fn add_dispose(rt: &mut Runtime) {
    rt.op_groups[OpGroup::Dispose as usize] = Some(dispose);
}

/// Registers the suspension group (`JS_AddOpGroupGenerators`) and %GeneratorPrototype%'s
/// methods: generator objects come only from generator functions, whose code starts with this
/// group's `InitialYield`.
pub fn add_generators(rt: &mut Runtime) {
    rt.op_groups[OpGroup::Generators as usize] = Some(generators);
    crate::builtins::generator::register(rt);
}

/// Registers every group (what a runtime that may compile code at run time needs).
pub fn add_all_op_groups(rt: &mut Runtime) {
    add_generators(rt);
    add_classes(rt);
    add_dynamic_scope(rt);
    add_extra(rt);
    add_for_in(rt);
    add_dispose(rt);
}

/// Classes, `super` references, methods and accessors of literals, private names.
fn classes(rt: &mut Runtime, op: Op, cx: &OpCx) -> JsResult<OpFlow> {
    let OpCx {
        prog,
        t,
        code,
        pc,
        fi,
        locals,
        vars,
        strict,
    } = *cx;
    let atom = |i: u32| prog.atoms[i as usize];
    match op {
        Op::GetSuperField | Op::GetSuperElem => {
            // GetSuperBase comes before the key's conversion (13.3.7.3).
            let home = rt.frames[fi].home.clone();
            let base = rt.super_base(&home)?;
            let a = if op == Op::GetSuperElem {
                let k = rt.pop();
                rt.to_property_key(&k)?
            } else {
                atom(rd_u32(code, pc + 1))
            };
            let v = super_get(rt, fi, &base, a)?;
            rt.stack.push(v);
        }
        Op::PutSuperField | Op::PutSuperElem => {
            let v = rt.pop();
            let home = rt.frames[fi].home.clone();
            let base = rt.super_base(&home)?;
            let a = if op == Op::PutSuperElem {
                let k = rt.pop();
                rt.to_property_key(&k)?
            } else {
                atom(rd_u32(code, pc + 1))
            };
            super_put(rt, fi, &base, a, v, strict)?;
        }
        Op::GetSuperBase => {
            let home = rt.frames[fi].home.clone();
            let base = rt.super_base(&home)?;
            rt.stack.push(base);
        }
        Op::GetSuperRef => {
            let k = rt.pop();
            let base = rt.pop();
            let a = rt.to_property_key(&k)?;
            let v = super_get(rt, fi, &base, a)?;
            rt.stack.push(v);
        }
        Op::PutSuperRef => {
            let v = rt.pop();
            let k = rt.pop();
            let base = rt.pop();
            let a = rt.to_property_key(&k)?;
            super_put(rt, fi, &base, a, v, strict)?;
        }
        Op::DefineMethod | Op::DefineMethodComputed => {
            let f = rt.pop();
            let (a, fl) = if op == Op::DefineMethodComputed {
                let k = rt.pop();
                (rt.to_property_key(&k)?, code[pc + 1])
            } else {
                (atom(rd_u32(code, pc + 1)), code[pc + 5])
            };
            let Some(o) = rt.top().as_object().cloned() else {
                return Err(bad_cell(rt));
            };
            let Some(fo) = f.as_object().cloned() else {
                return Err(bad_cell(rt));
            };
            if let ObjectKind::Closure(c) = &mut fo.borrow_mut().kind {
                c.home_object = Some(o.clone());
            }
            let enumerable = if fl & 4 != 0 { ENUMERABLE } else { 0 };
            match fl & 3 {
                1 => {
                    if op == Op::DefineMethodComputed {
                        rt.set_function_name(&f, a, "get");
                    }
                    define_accessor_checked(rt, &o, a, Some(fo), None, enumerable | CONFIGURABLE)?
                }
                2 => {
                    if op == Op::DefineMethodComputed {
                        rt.set_function_name(&f, a, "set");
                    }
                    define_accessor_checked(rt, &o, a, None, Some(fo), enumerable | CONFIGURABLE)?
                }
                _ => {
                    if op == Op::DefineMethodComputed {
                        rt.set_function_name(&f, a, "");
                    }
                    rt.define_property_or_throw(&o, a, PropDesc::data(f, enumerable | WC))?
                }
            }
        }
        Op::Class => {
            let Constant::Function(fidx) = t.constants[rd_u16(code, pc + 1)] else {
                return Err(bad_cell(rt));
            };
            let heritage = if code[pc + 3] & 1 != 0 {
                Some(rt.pop())
            } else {
                None
            };
            let (ctor, proto) = make_class(rt, prog, fidx, fi, locals, vars, heritage)?;
            rt.stack.push(Value::object(ctor));
            rt.stack.push(Value::object(proto));
        }
        Op::SetNameComputed => {
            let n = rt.stack.len();
            let (k, f) = (rt.stack[n - 2].clone(), rt.stack[n - 1].clone());
            let a = rt.to_property_key(&k)?;
            rt.set_function_name(&f, a, "");
        }
        Op::SetHome => {
            let n = rt.stack.len();
            let home = rt.stack[n - 2].as_object().cloned();
            if let Some(fo) = rt.stack[n - 1].as_object() {
                if let ObjectKind::Closure(c) = &mut fo.borrow_mut().kind {
                    c.home_object = home;
                }
            }
        }
        Op::DefineClassField => {
            let v = rt.pop();
            let k = rt.pop();
            let a = rt.to_property_key(&k)?;
            let Some(o) = rt.top().as_object().cloned() else {
                return Err(rt.type_error("class fields need an object"));
            };
            if !rt.create_data_property(&o, a, v)? {
                let k = rt.atom_string(a);
                return Err(rt.type_error(&crate::text!("cannot define field ", k)));
            }
        }
        Op::NewPrivateName => {
            let d = rt.atoms.text(atom(rd_u32(code, pc + 1)));
            let a = rt.atoms.new_private(d);
            rt.stack.push(Value::symbol(a));
        }
        Op::GetPrivate => {
            let name = rt.pop();
            let obj = rt.pop();
            let v = private_get(rt, &obj, &name)?;
            rt.stack.push(v);
        }
        Op::PutPrivate => {
            let v = rt.pop();
            let name = rt.pop();
            let obj = rt.pop();
            private_set(rt, &obj, &name, v)?;
        }
        Op::DefinePrivate => {
            let v = rt.pop();
            let name = rt.pop();
            let obj = rt.top().clone();
            private_define(rt, &obj, &name, v, code[pc + 1])?;
        }
        Op::PrivateIn => {
            let name = rt.pop();
            let obj = rt.pop();
            let (Some(o), crate::value::V::Symbol(a)) = (obj.as_object(), name.get()) else {
                return Err(rt.type_error("right operand of 'in' is not an object"));
            };
            let has = o.borrow().find(a).is_some();
            rt.stack.push(Value::bool(has));
        }
        _ => return Err(bad_cell(rt)),
    }
    Ok(OpFlow::Next)
}

/// The value of the super reference `base[a]`, read with frame `fi`'s `this` as receiver.
fn super_get(rt: &mut Runtime, fi: usize, base: &Value, a: Atom) -> JsResult<Value> {
    let this = this_value(&rt.frames[fi].this);
    match base.as_object() {
        Some(o) => rt.get_prop(&o.clone(), a, &this),
        None => Ok(Value::UNDEFINED),
    }
}

/// PutValue of the super reference `base[a]` (receiver `this`; a failure throws in strict code).
fn super_put(
    rt: &mut Runtime,
    fi: usize,
    base: &Value,
    a: Atom,
    v: Value,
    strict: bool,
) -> JsResult<()> {
    let this = this_value(&rt.frames[fi].this);
    if let Some(o) = base.as_object() {
        let ok = rt.set_prop(&o.clone(), a, v, &this)?;
        if !ok && strict {
            return Err(rt.type_error("cannot assign to read only property"));
        }
    }
    Ok(())
}

/// Object environments (`with`, a sloppy function's var object) and eval declarations.
fn dynamic_scope(rt: &mut Runtime, op: Op, cx: &OpCx) -> JsResult<OpFlow> {
    let OpCx {
        prog,
        code,
        pc,
        strict,
        ..
    } = *cx;
    let atom = |i: u32| prog.atoms[i as usize];
    match op {
        Op::WithHas => {
            let a = atom(rd_u32(code, pc + 1));
            let with = code[pc + 5] & 1 != 0;
            let has = match rt.top().as_object().cloned() {
                Some(o) => crate::builtins::dynamic::object_env_has(rt, &o, a, with)?,
                None => false,
            };
            rt.stack.push(Value::bool(has));
        }
        Op::WithGet => {
            let env = rt.pop();
            let a = atom(rd_u32(code, pc + 1));
            let v = crate::builtins::dynamic::object_env_get(rt, &env, a, strict)?;
            rt.stack.push(v);
        }
        Op::WithPut => {
            let v = rt.pop();
            let env = rt.pop();
            let a = atom(rd_u32(code, pc + 1));
            crate::builtins::dynamic::object_env_put(rt, &env, a, v, strict)?;
        }
        Op::DeclareEvalVar => {
            crate::builtins::dynamic::declare_eval_var(rt, atom(rd_u32(code, pc + 1)))?;
        }
        Op::DeclareEvalFunc => {
            let f = rt.pop();
            let a = atom(rd_u32(code, pc + 1));
            crate::builtins::dynamic::declare_eval_function(rt, a, f)?;
        }
        _ => return Err(bad_cell(rt)),
    }
    Ok(OpFlow::Next)
}

/// Template objects, arguments objects and rest elements of destructuring.
fn extra(rt: &mut Runtime, op: Op, cx: &OpCx) -> JsResult<OpFlow> {
    let OpCx {
        prog,
        t,
        code,
        pc,
        fi,
        locals,
        ..
    } = *cx;
    match op {
        Op::IterRest => {
            let n = rt.stack.len();
            let (iter, next_m) = (rt.stack[n - 2].clone(), rt.stack[n - 1].clone());
            let mut out = Vec::new();
            if !next_m.is_undefined() {
                loop {
                    match rt.iterator_step(&iter, &next_m) {
                        Ok(Some(v)) => out.push(v),
                        Ok(None) => break,
                        Err(e) => {
                            rt.stack[n - 1] = Value::UNDEFINED;
                            return Err(e);
                        }
                    }
                }
            }
            rt.stack[n - 1] = Value::UNDEFINED;
            let a = rt.new_array(out);
            rt.stack.push(Value::object(a));
        }
        Op::Arguments | Op::MappedArguments => {
            let f = &rt.frames[fi];
            let (args, argc) = (f.args, f.argc);
            let vals: Vec<Value> = rt.stack[args..args + argc].to_vec();
            let o = if op == Op::Arguments {
                make_arguments(rt, vals)
            } else {
                let callee = rt.frames[fi].callee.clone();
                let n = argc.min(t.param_count as usize);
                let cells = rt.stack[locals..locals + n]
                    .iter()
                    .map(|v| v.as_cell().cloned())
                    .collect();
                make_mapped_arguments(rt, vals, cells, callee)
            };
            rt.stack.push(Value::object(o));
        }
        Op::CopyDataPropsExcept => {
            let n = rd_u16(code, pc + 1);
            let start = rt.stack.len() - n;
            let keys: Vec<Value> = rt.stack.drain(start..).collect();
            let src = rt.pop();
            let mut excluded = Vec::with_capacity(n);
            for k in &keys {
                excluded.push(rt.to_property_key(k)?);
            }
            let o = rt.new_object();
            copy_data_properties(rt, &o, &src, &excluded)?;
            rt.stack.push(Value::object(o));
        }
        Op::TemplateObject => {
            let n = 2 * rd_u16(code, pc + 1);
            let start = rt.stack.len() - n;
            let strings: Vec<Value> = rt.stack.drain(start..).collect();
            let func = rt.frames[fi].func;
            let o = crate::template::template_object(rt, prog, func, pc as u32, strings)?;
            rt.stack.push(Value::object(o));
        }
        _ => return Err(bad_cell(rt)),
    }
    Ok(OpFlow::Next)
}

/// The suspension points of generators and async functions: the initial suspension that makes
/// the generator (or starts the async function), `yield`, `yield*` and `await`.
fn generators(rt: &mut Runtime, op: Op, cx: &OpCx) -> JsResult<OpFlow> {
    let OpCx { t, pc, fi, .. } = *cx;
    let next = pc + op.len();
    match op {
        Op::InitialYield => {
            let callee = rt.frames[fi].callee.clone();
            let kind = t.flags & (flags::ASYNC | flags::GENERATOR);
            let (saved, _, boundary) = suspend_frame(rt, next);
            let g = if kind == flags::ASYNC {
                (rt.async_hooks()?.start_async)(rt, saved)?
            } else if kind == flags::ASYNC | flags::GENERATOR {
                (rt.async_hooks()?.create_async_generator)(rt, &callee, saved)?
            } else {
                crate::builtins::generator::new_generator(rt, &callee, saved, None)?
            };
            if boundary {
                return Ok(OpFlow::Leave(g));
            }
            rt.stack.push(g);
            return Ok(OpFlow::Frames);
        }
        Op::Yield => {
            let v = rt.pop();
            let Some(g) = rt.frames[fi].generator.clone() else {
                return Err(bad_cell(rt));
            };
            let (saved, _, _) = suspend_frame(rt, next);
            crate::builtins::generator::suspend(&g, saved, false);
            rt.yielded = Some(false);
            return Ok(OpFlow::Leave(v));
        }
        Op::Await => {
            let v = rt.pop();
            let Some(g) = rt.frames[fi].generator.clone() else {
                return Err(bad_cell(rt));
            };
            (rt.async_hooks()?.await_value)(rt, &g, v)?;
            let (saved, _, _) = suspend_frame(rt, next);
            crate::builtins::generator::suspend(&g, saved, false);
            rt.yielded = Some(false);
            return Ok(OpFlow::Leave(Value::UNDEFINED));
        }
        Op::YieldStar => {
            let Some(g) = rt.frames[fi].generator.clone() else {
                return Err(bad_cell(rt));
            };
            use crate::builtins::generator::{delegate_step, Step};
            match delegate_step(rt, &g)? {
                Step::Done(value) => {
                    rt.stack.truncate(rt.stack.len() - 4);
                    rt.stack.push(value);
                    return Ok(OpFlow::Jump);
                }
                Step::Yield(inner) => {
                    let (saved, _, _) = suspend_frame(rt, pc);
                    crate::builtins::generator::suspend(&g, saved, true);
                    rt.yielded = Some(true);
                    return Ok(OpFlow::Leave(inner));
                }
            }
        }
        Op::AsyncYield | Op::AsyncYieldDelegate => {
            let v = rt.pop();
            let Some(g) = rt.frames[fi].generator.clone() else {
                return Err(bad_cell(rt));
            };
            use crate::builtins::async_generator::Resumption;
            let delegating = op == Op::AsyncYieldDelegate;
            match (rt.async_hooks()?.yield_value)(rt, &g, v) {
                Resumption::Now(value, mode) if delegating => {
                    let n = rt.stack.len();
                    rt.stack[n - 2] = value;
                    rt.stack[n - 1] = Value::int(mode);
                }
                Resumption::Now(value, mode) => {
                    if mode == crate::builtins::generator::THROW {
                        return Err(rt.throw(value));
                    }
                    rt.stack.push(value);
                }
                Resumption::Suspend | Resumption::AwaitingReturn => {
                    let (saved, _, _) = suspend_frame(rt, next);
                    crate::builtins::generator::suspend(&g, saved, delegating);
                    rt.yielded = Some(false);
                    return Ok(OpFlow::Leave(Value::UNDEFINED));
                }
            }
        }
        _ => return Err(bad_cell(rt)),
    }
    Ok(OpFlow::Next)
}

/// `for-in` enumeration.
fn for_in(rt: &mut Runtime, op: Op, _cx: &OpCx) -> JsResult<OpFlow> {
    match op {
        Op::ForInStart => {
            let v = rt.pop();
            let (object, keys) = if v.is_nullish() {
                (None, Vec::new())
            } else {
                let o = rt.to_object(&v)?;
                let keys = rt.for_in_keys(&o);
                (Some(o), keys)
            };
            let st = crate::object::ForInState {
                object,
                keys,
                pos: 0,
            };
            let it = rt.alloc_object(None, ObjectKind::ForIn(st));
            rt.stack.push(Value::object(it));
        }
        Op::ForInNext => {
            let it = rt.top().as_object().cloned();
            let key = match it {
                Some(it) => for_in_next(rt, &it)?,
                None => None,
            };
            match key {
                Some(k) => rt.stack.push(Value::string(k)),
                None => {
                    return Ok(OpFlow::Jump);
                }
            }
        }
        _ => return Err(bad_cell(rt)),
    }
    Ok(OpFlow::Next)
}

/// `using` and `await using` declarations (their DisposableStack).
fn dispose(rt: &mut Runtime, op: Op, cx: &OpCx) -> JsResult<OpFlow> {
    let OpCx { code, pc, .. } = *cx;
    match op {
        Op::DisposeNew => {
            let ds = crate::builtins::dispose::new_stack(rt);
            rt.stack.push(ds);
        }
        Op::AddDisposable => {
            let ds = rt.pop();
            let v = rt.stack.last().cloned().unwrap_or_default();
            crate::builtins::dispose::add_resource(rt, &ds, v, code[pc + 1] & 1 != 0)?;
        }
        Op::DisposeNext => {
            let ds = rt.stack.last().cloned().unwrap_or_default();
            match crate::builtins::dispose::dispose_next(rt, &ds)? {
                Some(v) => rt.stack.push(v),
                None => return Ok(OpFlow::Jump),
            }
        }
        Op::DisposeError => {
            let exc = rt.pop();
            let ds = rt.stack.last().cloned().unwrap_or_default();
            crate::builtins::dispose::record_error(rt, &ds, exc)?;
        }
        Op::DisposeEnd => {
            let ds = rt.pop();
            crate::builtins::dispose::finish(rt, &ds)?;
        }
        _ => return Err(bad_cell(rt)),
    }
    Ok(OpFlow::Next)
}

/// The object and private name of a private element access, and the element's slot.
fn private_slot(
    rt: &mut Runtime,
    obj: &Value,
    name: &Value,
) -> JsResult<(Obj, Atom, crate::object::Slot, u8)> {
    let crate::value::V::Symbol(a) = name.get() else {
        return Err(bad_cell(rt));
    };
    let found = obj.as_object().and_then(|o| {
        let b = o.borrow();
        let (i, fl) = b.find(a)?;
        Some((o.clone(), b.slots[i].clone(), fl))
    });
    match found {
        Some((o, slot, fl)) => Ok((o, a, slot, fl)),
        None => {
            let d = rt.atom_string(a);
            Err(rt.type_error(&crate::text!(
                "Cannot access private member ",
                d,
                " from an object whose class did not declare it"
            )))
        }
    }
}

/// PrivateGet (7.3.31).
fn private_get(rt: &mut Runtime, obj: &Value, name: &Value) -> JsResult<Value> {
    let (_, a, slot, _) = private_slot(rt, obj, name)?;
    match slot {
        crate::object::Slot::Data(v) => Ok(v),
        crate::object::Slot::Accessor { get: Some(g), .. } => {
            rt.call(&Value::object(g), obj.clone(), &[])
        }
        crate::object::Slot::Accessor { get: None, .. } => {
            let d = rt.atom_string(a);
            Err(rt.type_error(&crate::text!("'", d, "' was defined without a getter")))
        }
    }
}

/// PrivateSet (7.3.32).
fn private_set(rt: &mut Runtime, obj: &Value, name: &Value, v: Value) -> JsResult<()> {
    let (o, a, slot, fl) = private_slot(rt, obj, name)?;
    match slot {
        crate::object::Slot::Data(_) if fl & WRITABLE != 0 => {
            o.borrow_mut().put_data(a, v, fl);
            Ok(())
        }
        crate::object::Slot::Data(_) => {
            let d = rt.atom_string(a);
            Err(rt.type_error(&crate::text!("Private method '", d, "' is not writable")))
        }
        crate::object::Slot::Accessor { set: Some(s), .. } => {
            rt.call(&Value::object(s), obj.clone(), &[v])?;
            Ok(())
        }
        crate::object::Slot::Accessor { set: None, .. } => {
            let d = rt.atom_string(a);
            Err(rt.type_error(&crate::text!("'", d, "' was defined without a setter")))
        }
    }
}

/// PrivateFieldAdd / PrivateMethodOrAccessorAdd (7.3.33-34): kind 0 field, 1 method, 2 getter,
/// 3 setter (joining the getter of the same element).
fn private_define(rt: &mut Runtime, obj: &Value, name: &Value, v: Value, kind: u8) -> JsResult<()> {
    let crate::value::V::Symbol(a) = name.get() else {
        return Err(bad_cell(rt));
    };
    let Some(o) = obj.as_object().cloned() else {
        return Err(rt.type_error("private elements need an object"));
    };
    let f = v.as_object().cloned();
    let mut b = o.borrow_mut();
    match (b.find(a), kind) {
        (None, 0) => b.push_prop(a, WRITABLE, crate::object::Slot::Data(v)),
        (None, 1) => b.push_prop(a, 0, crate::object::Slot::Data(v)),
        (None, 2) => b.push_prop(
            a,
            crate::shape::ACCESSOR,
            crate::object::Slot::Accessor { get: f, set: None },
        ),
        (None, _) => b.push_prop(
            a,
            crate::shape::ACCESSOR,
            crate::object::Slot::Accessor { get: None, set: f },
        ),
        (Some((i, _)), 3)
            if matches!(b.slots[i], crate::object::Slot::Accessor { set: None, .. }) =>
        {
            if let crate::object::Slot::Accessor { set, .. } = &mut b.slots[i] {
                *set = f;
            }
        }
        (Some(_), _) => {
            drop(b);
            let d = rt.atom_string(a);
            return Err(rt.type_error(&crate::text!(
                "Cannot initialize ",
                d,
                " twice on the same object"
            )));
        }
    }
    Ok(())
}

fn define_accessor_checked(
    rt: &mut Runtime,
    o: &Obj,
    a: Atom,
    get: Option<Obj>,
    set: Option<Obj>,
    flags: u8,
) -> JsResult<()> {
    let d = PropDesc {
        get: get.map(Some),
        set: set.map(Some),
        enumerable: Some(flags & ENUMERABLE != 0),
        configurable: Some(true),
        ..Default::default()
    };
    rt.define_property_or_throw(o, a, d)
}

/// ClassDefinitionEvaluation (15.7.14), the part before the elements: the constructor and its
/// prototype object, wired to the heritage.
fn make_class(
    rt: &mut Runtime,
    prog: &Rc<LoadedProgram>,
    fidx: u32,
    fi: usize,
    locals: usize,
    vars: &Rc<[Gc]>,
    heritage: Option<Value>,
) -> JsResult<(Obj, Obj)> {
    let (proto_parent, ctor_parent) = match heritage {
        None => (
            Some(rt.realm.object_proto.clone()),
            rt.realm.function_proto.clone(),
        ),
        Some(h) if h.is_null() => (None, rt.realm.function_proto.clone()),
        Some(h) => {
            if !rt.is_constructor(&h) {
                return Err(rt.type_error("parent class must be a constructor"));
            }
            let pp = rt.get(&h, names::prototype)?;
            if !(pp.is_object() || pp.is_null()) {
                return Err(rt.type_error("parent prototype must be an object or null"));
            }
            (
                pp.as_object().cloned(),
                h.as_object()
                    .cloned()
                    .unwrap_or_else(|| rt.realm.function_proto.clone()),
            )
        }
    };
    let ctor = make_closure(rt, prog, fidx, fi, locals, vars)?;
    ctor.borrow_mut().proto = Some(ctor_parent);
    let proto = match crate::property::own_slot(&ctor.borrow(), names::prototype) {
        Some((crate::object::Slot::Data(v), _)) => v.as_object().cloned(),
        _ => None,
    };
    let proto = match proto {
        Some(p) => p,
        None => {
            let p = rt.new_object();
            rt.define_value(&p, names::constructor, Value::object(ctor.clone()), WC);
            rt.define_value(&ctor, names::prototype, Value::object(p.clone()), 0);
            p
        }
    };
    proto.borrow_mut().proto = proto_parent;
    if let ObjectKind::Closure(c) = &mut ctor.borrow_mut().kind {
        c.home_object = Some(proto.clone());
    }
    Ok((ctor, proto))
}

/// CreateUnmappedArgumentsObject (10.4.4.6): `callee` throws (%ThrowTypeError%, the
/// accessor of Function.prototype.caller).
fn make_arguments(rt: &mut Runtime, vals: Vec<Value>) -> Obj {
    let o = arguments_object(rt, vals, ObjectKind::Arguments);
    let thrower = match crate::property::own_slot(&rt.realm.function_proto.borrow(), names::caller)
    {
        Some((crate::object::Slot::Accessor { get, .. }, _)) => get,
        _ => None,
    };
    rt.define_accessor(&o, names::callee, thrower.clone(), thrower, 0);
    o
}

/// CreateMappedArgumentsObject (10.4.4.7): element i aliases `cells[i]` when it is Some.
fn make_mapped_arguments(
    rt: &mut Runtime,
    vals: Vec<Value>,
    cells: Vec<Option<Gc>>,
    callee: Obj,
) -> Obj {
    let o = arguments_object(rt, vals, ObjectKind::MappedArguments(cells));
    rt.define_value(&o, names::callee, Value::object(callee), WC);
    o
}

/// The parts the two kinds of arguments objects share: elements, length, @@iterator.
fn arguments_object(rt: &mut Runtime, vals: Vec<Value>, kind: ObjectKind) -> Obj {
    let proto = rt.realm.object_proto.clone();
    let o = rt.alloc_object(Some(&proto), kind);
    let n = vals.len();
    for (i, v) in vals.into_iter().enumerate() {
        let a = rt.index_atom(i as u32);
        o.borrow_mut()
            .push_prop(a, WEC, crate::object::Slot::Data(v));
    }
    rt.define_value(&o, names::length, Value::int(n as i32), WC);
    let values = crate::property::own_slot(&rt.realm.array_proto.borrow(), names::Symbol_iterator)
        .map(|s| s.0);
    if let Some(crate::object::Slot::Data(f)) = values {
        rt.define_value(&o, names::Symbol_iterator, f, WC);
    }
    o
}

fn for_in_next(rt: &mut Runtime, it: &Obj) -> JsResult<Option<JsString>> {
    loop {
        let (object, key) = {
            let mut b = it.borrow_mut();
            let ObjectKind::ForIn(st) = &mut b.kind else {
                return Ok(None);
            };
            let Some(k) = st.keys.get(st.pos).cloned() else {
                return Ok(None);
            };
            st.pos += 1;
            (st.object.clone(), k)
        };
        // Keys deleted during the loop are skipped.
        let Some(o) = object else { return Ok(None) };
        let a = rt.atoms.intern(&key);
        if rt.has_property(&o, a)? {
            return Ok(Some(key));
        }
    }
}
