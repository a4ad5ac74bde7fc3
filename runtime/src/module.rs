//! ES module records (ECMA-262 16.2.1.5-6): loading a graph through the host's
//! [`ModuleLoader`], Link (ResolveExport, environments whose import slots are the exporters'
//! cells), Evaluate with cycles and top-level await (the DFS-index algorithm with async
//! parents), module namespace objects, `import.meta` and `import()`.
//!
//! Records live in `Runtime::modules` for the runtime's lifetime (the spec's module map keeps
//! them alive too) and are named by their index.
use crate::atom::{names, Atom};
use crate::builtins::promise::{self, Capability, Handler};
use crate::function::{Args, LoadedProgram};
use crate::gc::Gc;
use crate::interp::{cell_value, set_cell_value};
use crate::object::{Obj, ObjectKind};
use crate::runtime::{ErrorType, Exc, JsResult, Runtime};
use crate::string::JsString;
use crate::value::Value;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use qjs_bytecode::{Capture, EnvSlot, ModuleInfo};

/// How the host finds and compiles modules (the runtime never depends on the compiler).
pub trait ModuleLoader {
    /// The key (normally a path) of the module that `specifier` names when imported by code of
    /// `referrer` (a module's key, or a script's file name). Err: the message of a TypeError.
    fn resolve(&mut self, referrer: &str, specifier: &str) -> Result<String, String>;
    /// Compiles the module at `key` (`json`: the import asked for `type: "json"`). Err: the
    /// message of a SyntaxError (for a file that cannot be read too).
    fn load(&mut self, key: &str, json: bool) -> Result<qjs_bytecode::Program, String>;
}

/// The module system's entry points. The rest of the runtime reaches this file only through
/// `Runtime::module_hooks`, which `builtins::add_modules` (`JS_AddIntrinsicModules`) installs,
/// so a compiled script that never loads a module (no `import()`) links none of it: qjsc calls
/// the entry point only for programs that need it (`Program::uses_modules`).
pub struct ModuleHooks {
    /// Registers a compiled module under a key ([`Runtime::add_module`]).
    pub add: fn(&mut Runtime, String, bool, qjs_bytecode::Program) -> JsResult<usize>,
    /// Loads, links and evaluates an entry module: the promise of its evaluation.
    pub start: fn(&mut Runtime, String, qjs_bytecode::Program) -> JsResult<Obj>,
    /// `import(specifier, options)` from code of the file `referrer`.
    pub import_call: fn(&mut Runtime, &str, Value, Value, bool) -> JsResult<Value>,
    /// `import.meta` of the module running a program.
    pub import_meta: fn(&mut Runtime, &Rc<LoadedProgram>) -> JsResult<Value>,
}

pub static HOOKS: ModuleHooks = ModuleHooks {
    add: |rt, key, json, p| rt.add_module(key, json, p),
    start: start_entry,
    import_call: |rt, referrer, specifier, options, source_phase| {
        rt.import_call(referrer, specifier, options, source_phase)
    },
    import_meta: |rt, program| rt.import_meta(program),
};

/// Loads, links and evaluates a compiled module as a program's entry point.
fn start_entry(rt: &mut Runtime, key: String, p: qjs_bytecode::Program) -> JsResult<Obj> {
    let m = rt.add_module(key, false, p)?;
    rt.load_requested_modules(m)?;
    rt.link_module(m)?;
    let promise = rt.evaluate_module(m)?;
    // The host reports a failure itself (not as an unhandled rejection).
    promise::perform_then(
        rt,
        &promise,
        Handler::Js(Value::UNDEFINED),
        Handler::Js(Value::UNDEFINED),
        None,
    );
    Ok(promise)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Status {
    New,
    Linking,
    Linked,
    Evaluating,
    EvaluatingAsync,
    Evaluated,
}

pub(crate) struct ModuleRecord {
    key: String,
    program: Rc<LoadedProgram>,
    info: ModuleInfo,
    /// The module each request resolved to (`None` until loaded).
    requested: Vec<Option<usize>>,
    env: Vec<Gc>,
    main: Option<Obj>,
    status: Status,
    dfs_index: u32,
    dfs_ancestor: u32,
    namespace: Option<Obj>,
    /// A cell holding the namespace (what `import * as ns` and `export * as ns` bind).
    namespace_cell: Option<Gc>,
    meta: Option<Obj>,
    error: Option<Value>,
    cycle_root: usize,
    has_tla: bool,
    /// [[AsyncEvaluation]]: the order in which the module became async (None: false).
    async_order: Option<u64>,
    top_capability: Option<Capability>,
    pending_deps: u32,
    async_parents: Vec<usize>,
}

/// The state of all modules of a runtime.
#[derive(Default)]
pub struct Modules {
    records: Vec<ModuleRecord>,
    /// (key, json) → record.
    map: hashbrown::HashMap<(String, bool), usize>,
    async_counter: u64,
    pub loader: Option<Box<dyn ModuleLoader>>,
}

impl Modules {
    /// Drops every record (teardown, before the heap is collected).
    pub(crate) fn clear(&mut self) {
        self.records.clear();
        self.map.clear();
    }
}

/// What ResolveExport finds.
#[derive(Clone)]
enum Resolution {
    Cell(Gc),
    Namespace(usize),
    Ambiguous,
    NotFound,
}

impl Resolution {
    fn same(&self, other: &Resolution) -> bool {
        match (self, other) {
            (Resolution::Cell(a), Resolution::Cell(b)) => a.ptr_eq(b),
            (Resolution::Namespace(a), Resolution::Namespace(b)) => a == b,
            _ => false,
        }
    }
}

/// The data of a module namespace exotic object (10.4.6): its export names in code-unit
/// order and the cell each reads.
pub struct Namespace {
    pub exports: Vec<(Atom, Gc)>,
}

impl Namespace {
    pub fn trace(&self, f: &mut dyn FnMut(&Gc)) {
        self.exports.iter().for_each(|(_, c)| f(c));
    }

    /// The cell of export `key`.
    pub fn cell(&self, key: Atom) -> Option<&Gc> {
        self.exports.iter().find(|(a, _)| *a == key).map(|(_, c)| c)
    }
}

fn syntax_error(rt: &mut Runtime, msg: &str) -> Exc {
    rt.throw_error(ErrorType::SyntaxError, msg)
}

impl Runtime {
    fn module(&self, m: usize) -> &ModuleRecord {
        &self.modules.records[m]
    }

    fn module_mut(&mut self, m: usize) -> &mut ModuleRecord {
        &mut self.modules.records[m]
    }

    fn atom_of(&self, m: usize, a: u32) -> Atom {
        self.module(m).program.atoms[a as usize]
    }

    /// Runs the loader with the runtime borrowed elsewhere.
    fn with_loader<R>(
        &mut self,
        f: impl FnOnce(&mut dyn ModuleLoader) -> Result<R, String>,
        error: ErrorType,
    ) -> JsResult<R> {
        let Some(mut loader) = self.modules.loader.take() else {
            return Err(self.type_error("modules cannot be loaded in this program"));
        };
        let r = f(loader.as_mut());
        self.modules.loader = Some(loader);
        r.map_err(|msg| self.throw_error(error, &msg))
    }

    /// HostLoadImportedModule for one request: the record of `specifier` imported from
    /// `referrer`, compiled (not yet its dependencies) on first use. Without a loader (a
    /// compiled program) only the modules registered up front exist.
    fn load_one(&mut self, referrer: &str, specifier: &str, json: bool) -> JsResult<usize> {
        if self.modules.loader.is_none() {
            let key = join_specifier(referrer, specifier);
            return match self.modules.map.get(&(key, json)) {
                Some(&m) => Ok(m),
                None => {
                    let msg = crate::text!(
                        "cannot find module '",
                        specifier,
                        "' imported by '",
                        referrer,
                        "'"
                    );
                    Err(self.type_error(&msg))
                }
            };
        }
        let key = self.with_loader(|l| l.resolve(referrer, specifier), ErrorType::TypeError)?;
        if let Some(&m) = self.modules.map.get(&(key.clone(), json)) {
            return Ok(m);
        }
        let program = self.with_loader(|l| l.load(&key, json), ErrorType::SyntaxError)?;
        self.add_module(key, json, program)
    }

    /// Registers a compiled module under `key` (its imports are loaded later). Hosts call it
    /// for the entry module.
    pub fn add_module(
        &mut self,
        key: String,
        json: bool,
        program: qjs_bytecode::Program,
    ) -> JsResult<usize> {
        if let Err(e) = qjs_bytecode::verify::verify(&program) {
            let msg = crate::text!(key, ": ", e);
            return Err(syntax_error(self, &msg));
        }
        let Some(info) = program.module.clone() else {
            let msg = crate::text!(key, ": not a module");
            return Err(syntax_error(self, &msg));
        };
        let program = crate::host::load(self, program)?;
        let env = info
            .env
            .iter()
            .map(|k| {
                self.new_cell(match k {
                    EnvSlot::Var => Value::UNDEFINED,
                    EnvSlot::Lexical | EnvSlot::Import => Value::UNINIT,
                })
            })
            .collect();
        let has_tla =
            program.functions[program.main as usize].flags & qjs_bytecode::flags::ASYNC != 0;
        let m = self.modules.records.len();
        self.modules.records.push(ModuleRecord {
            key: key.clone(),
            program,
            requested: alloc::vec![None; info.requests.len()],
            info,
            env,
            main: None,
            status: Status::New,
            dfs_index: 0,
            dfs_ancestor: 0,
            namespace: None,
            namespace_cell: None,
            meta: None,
            error: None,
            cycle_root: m,
            has_tla,
            async_order: None,
            top_capability: None,
            pending_deps: 0,
            async_parents: Vec::new(),
        });
        self.modules.map.insert((key, json), m);
        Ok(m)
    }

    /// The text of a request's specifier and whether it asks for a JSON module. Attributes
    /// other than `type` are a SyntaxError (HostGetSupportedImportAttributes is `type` only).
    fn request_of(&mut self, m: usize, r: usize) -> JsResult<(String, bool)> {
        let req = self.module(m).info.requests[r].clone();
        let spec = self.atom_of(m, req.specifier);
        let spec = self.atom_string(spec);
        let mut json = false;
        for (k, v) in req.attributes {
            let (k, v) = (self.atom_of(m, k), self.atom_of(m, v));
            let (k, v) = (self.atom_string(k), self.atom_string(v));
            json = attribute(self, &k, &v)?;
        }
        Ok((spec, json))
    }

    /// LoadRequestedModules: loads every module reachable from `root` (synchronously).
    pub fn load_requested_modules(&mut self, root: usize) -> JsResult<()> {
        let mut seen = alloc::vec![false; self.modules.records.len()];
        let mut work = alloc::vec![root];
        while let Some(m) = work.pop() {
            if seen.len() < self.modules.records.len() {
                seen.resize(self.modules.records.len(), false);
            }
            if core::mem::replace(&mut seen[m], true) {
                continue;
            }
            for r in 0..self.module(m).requested.len() {
                let dep = match self.module(m).requested[r] {
                    Some(d) => d,
                    None => {
                        let (spec, json) = self.request_of(m, r)?;
                        let key = self.module(m).key.clone();
                        let d = self.load_one(&key, &spec, json)?;
                        self.module_mut(m).requested[r] = Some(d);
                        d
                    }
                };
                work.push(dep);
            }
        }
        Ok(())
    }

    fn requested(&self, m: usize, r: u32) -> usize {
        // Linking runs after load_requested_modules filled every request.
        self.module(m).requested[r as usize].unwrap_or(m)
    }

    // ---- Link (16.2.1.5.1) ----

    /// Link(): resolves every import of the graph and creates the environments.
    pub fn link_module(&mut self, m: usize) -> JsResult<()> {
        let mut stack = Vec::new();
        if let Err(e) = self.inner_link(m, &mut stack, 0) {
            for s in stack {
                self.module_mut(s).status = Status::New;
            }
            return Err(e);
        }
        Ok(())
    }

    fn inner_link(&mut self, m: usize, stack: &mut Vec<usize>, mut index: u32) -> JsResult<u32> {
        if self.module(m).status != Status::New {
            return Ok(index);
        }
        self.check_stack()?;
        let r = self.module_mut(m);
        r.status = Status::Linking;
        r.dfs_index = index;
        r.dfs_ancestor = index;
        index += 1;
        stack.push(m);
        for i in 0..self.module(m).requested.len() {
            let Some(dep) = self.module(m).requested[i] else {
                return Err(self.type_error("module not loaded"));
            };
            index = self.inner_link(dep, stack, index)?;
            if self.module(dep).status == Status::Linking {
                let a = self.module(dep).dfs_ancestor;
                let r = self.module_mut(m);
                r.dfs_ancestor = r.dfs_ancestor.min(a);
            }
        }
        self.initialize_environment(m)?;
        if self.module(m).dfs_ancestor == self.module(m).dfs_index {
            while let Some(s) = stack.pop() {
                self.module_mut(s).status = Status::Linked;
                if s == m {
                    break;
                }
            }
        }
        Ok(index)
    }

    /// InitializeEnvironment (16.2.1.6.4).
    fn initialize_environment(&mut self, m: usize) -> JsResult<()> {
        for e in self.module(m).info.indirect_exports.clone() {
            let name = self.atom_of(m, e.name);
            match self.resolve_export(m, name, &mut Vec::new()) {
                Resolution::Cell(_) | Resolution::Namespace(_) => {}
                r => return Err(self.unresolvable(m, e.request, name, &r)),
            }
        }
        for i in self.module(m).info.imports.clone() {
            let dep = self.requested(m, i.request);
            let cell = match i.name {
                None => self.namespace_cell(dep)?,
                Some(n) => {
                    let name = self.atom_of(m, n);
                    match self.resolve_export(dep, name, &mut Vec::new()) {
                        Resolution::Cell(c) => c,
                        Resolution::Namespace(t) => self.namespace_cell(t)?,
                        r => return Err(self.unresolvable(m, i.request, name, &r)),
                    }
                }
            };
            self.module_mut(m).env[i.slot as usize] = cell;
        }
        let program = self.module(m).program.clone();
        let main = self.env_closure(m, &program, program.main);
        self.module_mut(m).main = Some(main);
        for (slot, f) in self.module(m).info.functions.clone() {
            let func = self.env_closure(m, &program, f);
            set_cell_value(&self.module(m).env[slot as usize], Value::object(func));
        }
        Ok(())
    }

    /// A closure of function `f` whose captures are environment slots (the verifier checked).
    fn env_closure(&mut self, m: usize, program: &Rc<LoadedProgram>, f: u32) -> Obj {
        let env = &self.module(m).env;
        let cells: Vec<Gc> = program.functions[f as usize]
            .captures
            .iter()
            .filter_map(|c| match *c {
                Capture::Local(s) => env.get(s as usize).cloned(),
                Capture::Var(_) => None,
            })
            .collect();
        self.new_closure(program, f, Rc::from(cells), None)
    }

    fn unresolvable(&mut self, m: usize, request: u32, name: Atom, r: &Resolution) -> Exc {
        let spec = self.module(m).info.requests[request as usize].specifier;
        let spec = self.atom_of(m, spec);
        let (spec, name) = (self.atom_string(spec), self.atom_string(name));
        let msg = if matches!(r, Resolution::Ambiguous) {
            crate::text!(
                "the export '",
                name,
                "' of module '",
                spec,
                "' is ambiguous"
            )
        } else {
            crate::text!(
                "the module '",
                spec,
                "' does not provide an export named '",
                name,
                "'"
            )
        };
        syntax_error(self, &msg)
    }

    /// ResolveExport (16.2.1.6.3).
    fn resolve_export(&mut self, m: usize, name: Atom, set: &mut Vec<(usize, Atom)>) -> Resolution {
        if set.contains(&(m, name)) {
            return Resolution::NotFound;
        }
        set.push((m, name));
        for e in &self.module(m).info.local_exports {
            if self.atom_of(m, e.name) == name {
                return Resolution::Cell(self.module(m).env[e.slot as usize].clone());
            }
        }
        for e in self.module(m).info.indirect_exports.clone() {
            if self.atom_of(m, e.name) != name {
                continue;
            }
            let dep = self.requested(m, e.request);
            return match e.import {
                None => Resolution::Namespace(dep),
                Some(i) => {
                    let i = self.atom_of(m, i);
                    self.resolve_export(dep, i, set)
                }
            };
        }
        if name == names::default {
            return Resolution::NotFound;
        }
        let mut star = Resolution::NotFound;
        for r in self.module(m).info.star_exports.clone() {
            let dep = self.requested(m, r);
            match self.resolve_export(dep, name, set) {
                Resolution::Ambiguous => return Resolution::Ambiguous,
                Resolution::NotFound => {}
                found => {
                    if matches!(star, Resolution::NotFound) {
                        star = found;
                    } else if !star.same(&found) {
                        return Resolution::Ambiguous;
                    }
                }
            }
        }
        star
    }

    /// GetExportedNames (16.2.1.6.2).
    fn exported_names(&self, m: usize, set: &mut Vec<usize>, out: &mut Vec<Atom>) {
        if set.contains(&m) {
            return;
        }
        set.push(m);
        let info = &self.module(m).info;
        for e in &info.local_exports {
            out.push(self.atom_of(m, e.name));
        }
        for e in &info.indirect_exports {
            out.push(self.atom_of(m, e.name));
        }
        for &r in &info.star_exports {
            let dep = self.requested(m, r);
            let mut names_of = Vec::new();
            self.exported_names(dep, set, &mut names_of);
            for n in names_of {
                if n != names::default && !out.contains(&n) {
                    out.push(n);
                }
            }
        }
    }

    // ---- namespaces (10.4.6, 16.2.1.10 GetModuleNamespace) ----

    fn namespace_cell(&mut self, m: usize) -> JsResult<Gc> {
        if let Some(c) = &self.module(m).namespace_cell {
            return Ok(c.clone());
        }
        let cell = self.new_cell(Value::UNINIT);
        self.module_mut(m).namespace_cell = Some(cell.clone());
        let ns = self.module_namespace(m);
        set_cell_value(&cell, Value::object(ns));
        Ok(cell)
    }

    /// GetModuleNamespace: created once; its exports are the names that resolve.
    pub(crate) fn module_namespace(&mut self, m: usize) -> Obj {
        if let Some(ns) = &self.module(m).namespace {
            return ns.clone();
        }
        let ns = self.alloc_object(
            None,
            ObjectKind::ModuleNamespace(Box::new(Namespace {
                exports: Vec::new(),
            })),
        );
        self.define_value(&ns, names::Symbol_toStringTag, Value::str("Module"), 0);
        ns.borrow_mut().extensible = false;
        self.module_mut(m).namespace = Some(ns.clone());
        if let Some(c) = &self.module(m).namespace_cell {
            set_cell_value(c, Value::object(ns.clone()));
        }
        let mut names_of = Vec::new();
        self.exported_names(m, &mut Vec::new(), &mut names_of);
        let mut exports: Vec<(Atom, Gc)> = Vec::new();
        for name in names_of {
            let cell = match self.resolve_export(m, name, &mut Vec::new()) {
                Resolution::Cell(c) => c,
                Resolution::Namespace(t) => match self.namespace_cell(t) {
                    Ok(c) => c,
                    Err(_) => continue,
                },
                _ => continue,
            };
            exports.push((name, cell));
        }
        let texts: Vec<JsString> = exports.iter().map(|(a, _)| self.atoms.text(*a)).collect();
        let mut order: Vec<usize> = (0..exports.len()).collect();
        order.sort_by(|&a, &b| texts[a].cmp_units(&texts[b]));
        let sorted = order.into_iter().map(|i| exports[i].clone()).collect();
        if let ObjectKind::ModuleNamespace(n) = &mut ns.borrow_mut().kind {
            n.exports = sorted;
        }
        ns
    }

    // ---- Evaluate (16.2.1.5.3) ----

    /// Evaluate(): runs the graph; the promise settles when the module (and, with top-level
    /// await, everything it waits for) has run.
    pub fn evaluate_module(&mut self, m: usize) -> JsResult<Obj> {
        let mut m = m;
        if matches!(
            self.module(m).status,
            Status::EvaluatingAsync | Status::Evaluated
        ) {
            m = self.module(m).cycle_root;
        }
        if let Some(c) = &self.module(m).top_capability {
            return c.promise.as_object().cloned().ok_or(Exc);
        }
        let ctor = Value::object(self.realm.promise_ctor.clone());
        let cap = promise::new_capability(self, &ctor)?;
        self.module_mut(m).top_capability = Some(cap.clone());
        let mut stack = Vec::new();
        match self.inner_evaluate(m, &mut stack, 0) {
            Err(_) => {
                let e = self.take_exception();
                for s in stack {
                    let r = self.module_mut(s);
                    r.status = Status::Evaluated;
                    r.error = Some(e.clone());
                }
                self.call(&cap.reject, Value::UNDEFINED, &[e])?;
            }
            Ok(_) => {
                if self.module(m).async_order.is_none() {
                    self.call(&cap.resolve, Value::UNDEFINED, &[Value::UNDEFINED])?;
                }
            }
        }
        cap.promise.as_object().cloned().ok_or(Exc)
    }

    fn inner_evaluate(
        &mut self,
        m: usize,
        stack: &mut Vec<usize>,
        mut index: u32,
    ) -> JsResult<u32> {
        match self.module(m).status {
            Status::EvaluatingAsync | Status::Evaluated => {
                return match self.module(m).error.clone() {
                    Some(e) => Err(self.throw(e)),
                    None => Ok(index),
                };
            }
            Status::Evaluating => return Ok(index),
            Status::Linked => {}
            Status::New | Status::Linking => return Err(self.type_error("module is not linked")),
        }
        self.check_stack()?;
        let r = self.module_mut(m);
        r.status = Status::Evaluating;
        r.dfs_index = index;
        r.dfs_ancestor = index;
        r.pending_deps = 0;
        index += 1;
        stack.push(m);
        for i in 0..self.module(m).requested.len() {
            let mut dep = self.requested(m, i as u32);
            index = self.inner_evaluate(dep, stack, index)?;
            if self.module(dep).status == Status::Evaluating {
                let a = self.module(dep).dfs_ancestor;
                let r = self.module_mut(m);
                r.dfs_ancestor = r.dfs_ancestor.min(a);
            } else {
                dep = self.module(dep).cycle_root;
                if let Some(e) = self.module(dep).error.clone() {
                    return Err(self.throw(e));
                }
            }
            if self.module(dep).async_order.is_some() {
                self.module_mut(m).pending_deps += 1;
                self.module_mut(dep).async_parents.push(m);
            }
        }
        if self.module(m).pending_deps > 0 || self.module(m).has_tla {
            self.modules.async_counter += 1;
            let order = self.modules.async_counter;
            self.module_mut(m).async_order = Some(order);
            if self.module(m).pending_deps == 0 {
                self.execute_async(m)?;
            }
        } else {
            self.execute_sync(m)?;
        }
        if self.module(m).dfs_ancestor == self.module(m).dfs_index {
            while let Some(s) = stack.pop() {
                let r = self.module_mut(s);
                r.status = if r.async_order.is_none() {
                    Status::Evaluated
                } else {
                    Status::EvaluatingAsync
                };
                r.cycle_root = m;
                if s == m {
                    break;
                }
            }
        }
        Ok(index)
    }

    fn execute_sync(&mut self, m: usize) -> JsResult<()> {
        let main = self.module(m).main.clone().ok_or(Exc)?;
        self.call(&Value::object(main), Value::UNDEFINED, &[])?;
        Ok(())
    }

    /// ExecuteAsyncModule: runs the async body; its promise reports back.
    fn execute_async(&mut self, m: usize) -> JsResult<()> {
        let main = self.module(m).main.clone().ok_or(Exc)?;
        let p = self.call(&Value::object(main), Value::UNDEFINED, &[])?;
        let Some(p) = p.as_object().cloned() else {
            return Ok(());
        };
        let data = alloc::vec![Value::int(m as i32)];
        let on_ok = self.new_native_with_data("", async_module_settled, 1, 0, data.clone());
        let on_err = self.new_native_with_data("", async_module_settled, 1, 1, data);
        promise::perform_then(
            self,
            &p,
            Handler::Js(Value::object(on_ok)),
            Handler::Js(Value::object(on_err)),
            None,
        );
        Ok(())
    }

    /// GatherAvailableAncestors (16.2.1.5.3.2).
    fn gather_available_ancestors(&mut self, m: usize, list: &mut Vec<usize>) {
        for p in self.module(m).async_parents.clone() {
            let root = self.module(p).cycle_root;
            if list.contains(&p) || self.module(root).error.is_some() {
                continue;
            }
            let r = self.module_mut(p);
            r.pending_deps = r.pending_deps.saturating_sub(1);
            if r.pending_deps == 0 {
                list.push(p);
                if !self.module(p).has_tla {
                    self.gather_available_ancestors(p, list);
                }
            }
        }
    }

    /// AsyncModuleExecutionFulfilled (16.2.1.5.3.3).
    fn async_module_fulfilled(&mut self, m: usize) -> JsResult<()> {
        if self.module(m).status == Status::Evaluated {
            return Ok(());
        }
        let r = self.module_mut(m);
        r.async_order = None;
        r.status = Status::Evaluated;
        if let Some(c) = r.top_capability.clone() {
            self.call(&c.resolve, Value::UNDEFINED, &[Value::UNDEFINED])?;
        }
        let mut list = Vec::new();
        self.gather_available_ancestors(m, &mut list);
        list.sort_by_key(|&p| self.module(p).async_order);
        for p in list {
            if self.module(p).status == Status::Evaluated {
                continue;
            }
            if self.module(p).has_tla {
                self.execute_async(p)?;
            } else if self.execute_sync(p).is_err() {
                let e = self.take_exception();
                self.async_module_rejected(p, e)?;
            } else {
                let r = self.module_mut(p);
                r.status = Status::Evaluated;
                r.async_order = None;
                if let Some(c) = r.top_capability.clone() {
                    self.call(&c.resolve, Value::UNDEFINED, &[Value::UNDEFINED])?;
                }
            }
        }
        Ok(())
    }

    /// AsyncModuleExecutionRejected (16.2.1.5.3.4). The module's own promise is rejected
    /// before its parents' (the order of the current specification, which test262 checks).
    fn async_module_rejected(&mut self, m: usize, e: Value) -> JsResult<()> {
        if self.module(m).status == Status::Evaluated {
            return Ok(());
        }
        let r = self.module_mut(m);
        r.error = Some(e.clone());
        r.status = Status::Evaluated;
        if let Some(c) = self.module(m).top_capability.clone() {
            self.call(&c.reject, Value::UNDEFINED, core::slice::from_ref(&e))?;
        }
        for p in self.module(m).async_parents.clone() {
            self.async_module_rejected(p, e.clone())?;
        }
        Ok(())
    }

    // ---- import.meta and import() ----

    /// The module whose code `program` is.
    fn module_of(&self, program: &Rc<LoadedProgram>) -> Option<usize> {
        self.modules
            .records
            .iter()
            .position(|r| Rc::ptr_eq(&r.program, program))
    }

    /// `import.meta` of the module running `program`: a null-prototype object made on first use.
    pub(crate) fn import_meta(&mut self, program: &Rc<LoadedProgram>) -> JsResult<Value> {
        let Some(m) = self.module_of(program) else {
            return Err(syntax_error(self, "import.meta outside a module"));
        };
        if let Some(o) = &self.module(m).meta {
            return Ok(Value::object(o.clone()));
        }
        let o = self.alloc_object(None, ObjectKind::Ordinary);
        self.module_mut(m).meta = Some(o.clone());
        Ok(Value::object(o))
    }

    /// `import(specifier, options)` from code whose file is `referrer` (13.3.10.1
    /// EvaluateImportCall): always a promise; every failure rejects it. A source-phase import
    /// (`import.source`) loads the module, then rejects: a source text module has no source
    /// object (16.2.1.7.2 GetModuleSource).
    pub(crate) fn import_call(
        &mut self,
        referrer: &str,
        specifier: Value,
        options: Value,
        source_phase: bool,
    ) -> JsResult<Value> {
        let ctor = Value::object(self.realm.promise_ctor.clone());
        let cap = promise::new_capability(self, &ctor)?;
        let started = self
            .start_import(referrer, specifier, options)
            .and_then(|m| {
                if source_phase {
                    return Err(syntax_error(
                        self,
                        "a source text module has no source phase",
                    ));
                }
                self.load_requested_modules(m)?;
                Ok(m)
            });
        match started {
            Ok(m) => {
                let data = alloc::vec![
                    Value::int(m as i32),
                    cap.resolve.clone(),
                    cap.reject.clone()
                ];
                let f = self.new_native_with_data("", import_continue, 1, 0, data);
                let done = promise::promise_resolve(self, &ctor, Value::UNDEFINED)?;
                if let Some(p) = done.as_object() {
                    promise::perform_then(
                        self,
                        p,
                        Handler::Js(Value::object(f)),
                        Handler::Js(Value::UNDEFINED),
                        None,
                    );
                }
            }
            Err(_) => {
                let e = self.take_exception();
                self.call(&cap.reject, Value::UNDEFINED, &[e])?;
            }
        }
        Ok(cap.promise)
    }

    /// The steps of EvaluateImportCall that can fail before loading, then HostLoadImportedModule.
    fn start_import(
        &mut self,
        referrer: &str,
        specifier: Value,
        options: Value,
    ) -> JsResult<usize> {
        let spec = self.to_string(&specifier)?.to_rust_string();
        let mut json = false;
        if !options.is_undefined() {
            if !options.is_object() {
                return Err(self.type_error("the options of import() must be an object"));
            }
            let with = self.intern("with");
            let attrs = self.get(&options, with)?;
            if !attrs.is_undefined() {
                let Some(o) = attrs.as_object().cloned() else {
                    return Err(self.type_error("the 'with' option of import() must be an object"));
                };
                let mut pairs = Vec::new();
                for k in self.own_keys(&o) {
                    if self.atoms.is_symbol(k) {
                        continue;
                    }
                    let enumerable = self
                        .get_own_property(&o, k)
                        .is_some_and(|d| d.enumerable == Some(true));
                    if !enumerable {
                        continue;
                    }
                    let v = self.get(&attrs, k)?;
                    let Some(v) = v.as_string().cloned() else {
                        return Err(self.type_error("import attribute values must be strings"));
                    };
                    pairs.push((self.atom_string(k), v.to_rust_string()));
                }
                for (k, v) in pairs {
                    json = attribute(self, &k, &v)?;
                }
            }
        }
        self.load_one(referrer, &spec, json)
    }
}

/// The key of the module that `specifier` names when imported by `referrer`, for programs
/// that carry their modules (qjsc): a relative specifier (`./`, `../`) joins the referrer's
/// directory with `.` and `..` segments resolved; any other specifier is its own key.
pub fn join_specifier(referrer: &str, specifier: &str) -> String {
    if !(specifier.starts_with("./") || specifier.starts_with("../")) {
        return String::from(specifier);
    }
    let dir = referrer.rfind('/').map_or("", |i| &referrer[..i]);
    let absolute = referrer.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in dir.split('/').chain(specifier.split('/')) {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            s => parts.push(s),
        }
    }
    let mut key = String::from(if absolute { "/" } else { "" });
    key.push_str(&parts.join("/"));
    key
}

/// Checks one import attribute; true for `type: "json"`.
fn attribute(rt: &mut Runtime, key: &str, value: &str) -> JsResult<bool> {
    if key != "type" {
        let msg = crate::text!("unsupported import attribute '", key, "'");
        return Err(syntax_error(rt, &msg));
    }
    match value {
        "json" => Ok(true),
        _ => {
            let msg = crate::text!("unsupported module type '", value, "'");
            Err(rt.type_error(&msg))
        }
    }
}

fn module_index(v: &Value) -> usize {
    v.as_int().unwrap_or(0).max(0) as usize
}

/// The reactions to an async module body's promise (magic 0 fulfilled, 1 rejected).
fn async_module_settled(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = crate::function::native_data(a.callee);
    let m = data.first().map_or(0, module_index);
    if m >= rt.modules.records.len() {
        return Ok(Value::UNDEFINED);
    }
    if a.magic == 0 {
        rt.async_module_fulfilled(m)?;
    } else {
        rt.async_module_rejected(m, a.get(0))?;
    }
    Ok(Value::UNDEFINED)
}

/// import(): the loaded module is linked and evaluated; the namespace settles the promise.
/// data: [module, resolve, reject].
fn import_continue(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = crate::function::native_data(a.callee);
    let (Some(m), Some(resolve), Some(reject)) = (data.first(), data.get(1), data.get(2)) else {
        return Ok(Value::UNDEFINED);
    };
    let m = module_index(m);
    if m >= rt.modules.records.len() {
        return Ok(Value::UNDEFINED);
    }
    let evaluated = rt.link_module(m).and_then(|_| rt.evaluate_module(m));
    let p = match evaluated {
        Ok(p) => p,
        Err(_) => {
            let e = rt.take_exception();
            rt.call(reject, Value::UNDEFINED, &[e])?;
            return Ok(Value::UNDEFINED);
        }
    };
    let data = alloc::vec![Value::int(m as i32), resolve.clone()];
    let on_ok = rt.new_native_with_data("", import_fulfilled, 1, 0, data);
    promise::perform_then(
        rt,
        &p,
        Handler::Js(Value::object(on_ok)),
        Handler::Js(reject.clone()),
        None,
    );
    Ok(Value::UNDEFINED)
}

/// import(): the module evaluated; resolve with its namespace. data: [module, resolve].
fn import_fulfilled(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let data = crate::function::native_data(a.callee);
    let (Some(m), Some(resolve)) = (data.first(), data.get(1)) else {
        return Ok(Value::UNDEFINED);
    };
    let m = module_index(m);
    if m >= rt.modules.records.len() {
        return Ok(Value::UNDEFINED);
    }
    let ns = rt.module_namespace(m);
    rt.call(resolve, Value::UNDEFINED, &[Value::object(ns)])?;
    Ok(Value::UNDEFINED)
}

/// Kept here for hosts that named it as a module helper (it lives with the promises, so that a
/// script's executable links no code of this file).
pub use crate::builtins::promise::promise_outcome;

/// Value of a namespace export, or UNINIT while the binding is in its TDZ.
pub fn namespace_get(ns: &Namespace, key: Atom) -> Option<Value> {
    ns.cell(key).map(cell_value)
}
