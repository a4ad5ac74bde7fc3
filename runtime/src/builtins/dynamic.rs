//! Code made from source text at run time: `Function(...)`, `GeneratorFunction(...)`, `AsyncGeneratorFunction(...)`
//! (ECMA-262 20.2.1.1.1 CreateDynamicFunction), `eval` (19.2.1, direct and indirect), and the
//! run-time parts of eval's declarations and of object environments (`with`). The runtime cannot parse: the host registers
//! the compiler with `Runtime::set_function_compiler` (qjs does; programs built by qjsc without
//! the eval feature do not, and these constructors then throw an EvalError).
use crate::atom::{names, Atom};
use crate::function::Args;
use crate::object::{Obj, ObjectKind};
use crate::property::PropDesc;
use crate::runtime::{ErrorType, FunctionCompiler, JsResult, Runtime};
use crate::shape::WEC;
use crate::string::StringBuilder;
use crate::value::Value;
use qjs_bytecode::Constant;

/// What a runtime with a compiler runs: the compiler, and the code around it. The built-ins
/// (`Function`, `eval`) and direct eval reach that code only through this table, which only
/// [`Runtime::set_function_compiler`] fills: a program without eval links none of it.
#[derive(Clone, Copy)]
pub(crate) struct DynamicCode {
    compile: FunctionCompiler,
    create_function: WithCompiler,
    indirect_eval: WithCompiler,
    direct_eval: fn(&mut Runtime, FunctionCompiler, Value, &Value) -> JsResult<Value>,
}

/// A built-in's body, given the compiler its entry point found.
type WithCompiler = fn(&mut Runtime, FunctionCompiler, &Args) -> JsResult<Value>;

impl Runtime {
    /// Lets code be made from source text at run time (`Function(...)`, `eval`): the host's
    /// compiler (qjs and the eval feature register qjs-compiler's).
    pub fn set_function_compiler(&mut self, compile: FunctionCompiler) {
        self.dynamic_code = Some(DynamicCode {
            compile,
            create_function: create_dynamic_function,
            indirect_eval,
            direct_eval: perform_direct_eval,
        });
    }

    /// The dynamic code, or the EvalError `unavailable` of a program built without it.
    fn dynamic_code(&mut self, unavailable: &str) -> JsResult<DynamicCode> {
        match self.dynamic_code {
            Some(d) => Ok(d),
            None => Err(self.throw_error(ErrorType::EvalError, unavailable)),
        }
    }
}

const NO_FUNCTION_CONSTRUCTOR: &str =
    "Function constructor is not available (the program was compiled with -fno-eval)";
const NO_EVAL: &str = "eval is not available (the program was compiled with -fno-eval)";

/// `Function`, `GeneratorFunction`, `AsyncFunction` and `AsyncGeneratorFunction` (see
/// `create_dynamic_function`).
pub fn dynamic_function(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let d = rt.dynamic_code(NO_FUNCTION_CONSTRUCTOR)?;
    (d.create_function)(rt, d.compile, a)
}

/// %eval%, called other than directly (see `indirect_eval`); direct eval recognizes it by
/// this function. A value other than a string is the result, compiler or not.
pub fn global_eval(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.get(0).is_string() {
        return Ok(a.get(0));
    }
    let d = rt.dynamic_code(NO_EVAL)?;
    (d.indirect_eval)(rt, d.compile, a)
}

/// A direct eval (see `perform_direct_eval`).
pub(crate) fn direct_eval(rt: &mut Runtime, x: Value, scope: &Value) -> JsResult<Value> {
    if !x.is_string() {
        return Ok(x);
    }
    let d = rt.dynamic_code(NO_EVAL)?;
    (d.direct_eval)(rt, d.compile, x, scope)
}

/// CreateDynamicFunction. Which constructor: `magic` 0 Function, 1 GeneratorFunction,
/// 2 AsyncFunction, 3 AsyncGeneratorFunction.
fn create_dynamic_function(
    rt: &mut Runtime,
    compile: FunctionCompiler,
    a: &Args,
) -> JsResult<Value> {
    let mut params = StringBuilder::new();
    let n = a.len();
    for (i, p) in a.args.iter().take(n.saturating_sub(1)).enumerate() {
        if i > 0 {
            params.push_str(",");
        }
        let s = rt.to_string(p)?;
        params.push_js(&s);
    }
    let body = match a.args.last() {
        Some(b) => rt.to_string(b)?.to_rust_string(),
        None => alloc::string::String::new(),
    };
    let params = params.finish(rt)?.to_rust_string();
    let kind = match a.magic {
        1 => qjs_bytecode::dynamic::GENERATOR,
        2 => qjs_bytecode::dynamic::ASYNC,
        3 => qjs_bytecode::dynamic::ASYNC_GENERATOR,
        _ => qjs_bytecode::dynamic::FUNCTION,
    };
    let program = match compile(&params, &body, kind) {
        Ok(p) => p,
        Err(msg) => return Err(rt.throw_error(ErrorType::SyntaxError, &msg)),
    };
    let f = crate::host::exec_program(rt, program)?;
    // new.target other than the constructor itself supplies the prototype (subclassing).
    if a.is_construct() && !a.new_target.as_object().is_some_and(|o| o.ptr_eq(a.callee)) {
        let default = rt.get(&Value::object(a.callee.clone()), names::prototype)?;
        let proto = rt.get(a.new_target, names::prototype)?;
        let proto = if proto.is_object() { proto } else { default };
        if let (Some(fo), Some(p)) = (f.as_object(), proto.as_object()) {
            fo.borrow_mut().proto = Some(p.clone());
        }
    }
    Ok(f)
}

/// `eval(x)` called other than directly (19.2.1 and PerformEval with direct = false): the code
/// runs in the global scope.
fn indirect_eval(rt: &mut Runtime, compile: FunctionCompiler, a: &Args) -> JsResult<Value> {
    let x = a.get(0);
    let Some(source) = x.as_string().map(|s| s.to_rust_string()) else {
        return Ok(x);
    };
    let program = match compile("", &source, qjs_bytecode::dynamic::EVAL_INDIRECT) {
        Ok(p) => p,
        Err(msg) => return Err(rt.throw_error(ErrorType::SyntaxError, &msg)),
    };
    crate::host::exec_program(rt, program)
}

/// A direct eval (PerformEval with direct = true): `scope` is the scope closure the call site
/// built — its cells are the caller's bindings, its constant 0 their description, and it
/// carries the caller's `this`, `new.target` and home object as an arrow function does.
fn perform_direct_eval(
    rt: &mut Runtime,
    compile: FunctionCompiler,
    x: Value,
    scope: &Value,
) -> JsResult<Value> {
    let Some(source) = x.as_string().map(|s| s.to_rust_string()) else {
        return Ok(x);
    };
    let parts = scope.as_object().and_then(|o| match &o.borrow().kind {
        ObjectKind::Closure(c) => {
            let desc = match c.template().constants.first() {
                Some(Constant::String(a)) => c.program.atoms.get(*a as usize).copied(),
                _ => None,
            };
            Some((
                desc?,
                c.vars.clone(),
                c.home_object.clone(),
                c.lexical_this.clone(),
            ))
        }
        _ => None,
    });
    let Some((desc, vars, home, lexical)) = parts else {
        return Err(rt.throw_error(ErrorType::InternalError, "malformed eval scope"));
    };
    let desc = rt.atoms.text(desc).to_rust_string();
    let program = match compile(&desc, &source, qjs_bytecode::dynamic::EVAL_DIRECT) {
        Ok(p) => p,
        Err(msg) => return Err(rt.throw_error(ErrorType::SyntaxError, &msg)),
    };
    let prog = crate::host::load(rt, program)?;
    let f = rt.new_closure(&prog, prog.main, vars, lexical);
    if let ObjectKind::Closure(c) = &mut f.borrow_mut().kind {
        c.home_object = home;
    }
    crate::interp::call_bytecode(rt, &f, Value::UNDEFINED, &[], Value::UNDEFINED)
}

/// HasBinding of an object environment record (9.1.1.2.1): the object has the property and,
/// for a `with` object, its @@unscopables does not exclude it.
pub(crate) fn object_env_has(rt: &mut Runtime, o: &Obj, name: Atom, with: bool) -> JsResult<bool> {
    if !rt.has_property(o, name)? {
        return Ok(false);
    }
    if !with {
        return Ok(true);
    }
    let ov = Value::object(o.clone());
    let unscopables = rt.get(&ov, names::Symbol_unscopables)?;
    if unscopables.is_object() && rt.get(&unscopables, name)?.truthy() {
        return Ok(false);
    }
    Ok(true)
}

/// GetBindingValue of an object environment (9.1.1.2.6) whose HasBinding was true earlier: the
/// property may have been deleted since (by a getter or by @@unscopables).
pub(crate) fn object_env_get(
    rt: &mut Runtime,
    env: &Value,
    name: Atom,
    strict: bool,
) -> JsResult<Value> {
    let Some(o) = env.as_object() else {
        return Err(rt.type_error("object environment is not an object"));
    };
    if !rt.has_property(o, name)? {
        if strict {
            return Err(rt.name_error(ErrorType::ReferenceError, name, "is not defined"));
        }
        return Ok(Value::UNDEFINED);
    }
    rt.get(env, name)
}

/// SetMutableBinding of an object environment (9.1.1.2.5) whose HasBinding was true earlier.
pub(crate) fn object_env_put(
    rt: &mut Runtime,
    env: &Value,
    name: Atom,
    v: Value,
    strict: bool,
) -> JsResult<()> {
    let Some(o) = env.as_object() else {
        return Err(rt.type_error("object environment is not an object"));
    };
    if !rt.has_property(o, name)? && strict {
        return Err(rt.name_error(ErrorType::ReferenceError, name, "is not defined"));
    }
    rt.put(env, name, v, strict)
}

/// The checks of GlobalDeclarationInstantiation (16.1.7) and EvalDeclarationInstantiation
/// (19.2.1.3) for a var or function declaration `name` that goes to the global object.
pub(crate) fn check_global_declaration(
    rt: &mut Runtime,
    name: Atom,
    function: bool,
) -> JsResult<()> {
    if rt.realm.globals.has_lexical(name) {
        return Err(rt.name_error(ErrorType::SyntaxError, name, "has already been declared"));
    }
    let g = rt.global();
    let existing = rt.get_own_property(&g, name);
    let ok = match existing {
        // CanDeclareGlobalFunction / CanDeclareGlobalVar on an absent property.
        None => g.borrow().extensible,
        Some(_) if !function => true,
        Some(d) if d.configurable == Some(true) => true,
        Some(d) => !d.is_accessor() && d.writable == Some(true) && d.enumerable == Some(true),
    };
    if !ok {
        return Err(rt.name_error(ErrorType::TypeError, name, "cannot be declared"));
    }
    Ok(())
}

/// CreateGlobalVarBinding(name, deletable = true).
pub(crate) fn declare_eval_var(rt: &mut Runtime, name: Atom) -> JsResult<()> {
    let g = rt.global();
    if !rt.has_own_property(&g, name) {
        rt.define_property_or_throw(&g, name, PropDesc::data(Value::UNDEFINED, WEC))?;
    }
    Ok(())
}

/// CreateGlobalFunctionBinding(name, f, deletable = true).
pub(crate) fn declare_eval_function(rt: &mut Runtime, name: Atom, f: Value) -> JsResult<()> {
    let g = rt.global();
    let configurable = rt
        .get_own_property(&g, name)
        .is_none_or(|d| d.configurable == Some(true));
    let d = if configurable {
        PropDesc::data(f.clone(), WEC)
    } else {
        PropDesc {
            value: Some(f.clone()),
            ..Default::default()
        }
    };
    rt.define_property_or_throw(&g, name, d)?;
    rt.put(&Value::object(g), name, f, false)?;
    Ok(())
}
