//! Template objects of tagged templates (13.2.8.4 GetTemplateObject): one frozen array of
//! cooked strings with a frozen `raw` array, made the first time a site is evaluated and
//! reused afterwards, so `tag` sees the same object every time the same site runs.
use crate::function::LoadedProgram;
use crate::object::Obj;
use crate::property::PropDesc;
use crate::runtime::{JsResult, Runtime};
use crate::value::Value;
use alloc::rc::{Rc, Weak};
use alloc::vec::Vec;

/// A site: the program's address, the function and the instruction's offset. The cache holds
/// a `Weak` to the program, which keeps its allocation (so its address) from being reused
/// while the entry exists; an entry whose program is gone is never hit again.
pub(crate) type SiteKey = (usize, u32, u32);

/// Per-realm cache of template objects ([[TemplateMap]]).
#[derive(Default)]
pub struct TemplateCache {
    sites: hashbrown::HashMap<SiteKey, (Weak<LoadedProgram>, Obj)>,
}

impl TemplateCache {
    fn get(&self, key: &SiteKey) -> Option<Obj> {
        let (program, obj) = self.sites.get(key)?;
        (program.strong_count() > 0).then(|| obj.clone())
    }
}

/// The template object for the site at `pc` of `func`; `strings` holds the n cooked strings
/// (undefined where an escape is invalid) followed by the n raw strings.
pub(crate) fn template_object(
    rt: &mut Runtime,
    program: &Rc<LoadedProgram>,
    func: u32,
    pc: u32,
    strings: Vec<Value>,
) -> JsResult<Obj> {
    let key = (Rc::as_ptr(program) as usize, func, pc);
    if let Some(obj) = rt.realm.templates.get(&key) {
        return Ok(obj);
    }
    let mut cooked = strings;
    let raw = cooked.split_off(cooked.len() / 2);
    let raw = rt.new_array(raw);
    let cooked = rt.new_array(cooked);
    crate::builtins::object::set_integrity_level(rt, &raw, 0)?;
    let raw_key = rt.intern("raw");
    rt.define_property_or_throw(&cooked, raw_key, PropDesc::data(Value::object(raw), 0))?;
    crate::builtins::object::set_integrity_level(rt, &cooked, 0)?;
    rt.realm
        .templates
        .sites
        .insert(key, (Rc::downgrade(program), cooked.clone()));
    Ok(cooked)
}
