//! Functions made from source text at run time: `Function(...)`, `GeneratorFunction(...)`,
//! `AsyncGeneratorFunction(...)`
//! (ECMA-262 20.2.1.1.1 CreateDynamicFunction). The runtime cannot parse: the host registers
//! the compiler as `Runtime::compile_function_hook` (qjs does; programs built by qjsc without
//! the eval feature do not, and these constructors then throw an EvalError).
use crate::atom::names;
use crate::function::Args;
use crate::runtime::{ErrorType, JsResult, Runtime};
use crate::string::StringBuilder;
use crate::value::Value;

/// Which constructor: `magic` 0 Function, 1 GeneratorFunction, 2 AsyncFunction,
/// 3 AsyncGeneratorFunction.
pub fn dynamic_function(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let Some(compile) = rt.compile_function_hook else {
        return Err(rt.throw_error(
            ErrorType::EvalError,
            "Function constructor is not available: this program was built without the compiler (eval)",
        ));
    };
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
    let params = params.finish().to_rust_string();
    let program = match compile(&params, &body, a.magic as u8) {
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
