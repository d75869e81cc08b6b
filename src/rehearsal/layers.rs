//! The code map's rule, checked (docs/rehearsal.md, "Code map"): no two modules of the rehearsal
//! import each other, directly or through others, and no `mod.rs` shares helpers its children
//! import back. Every file under `src/rehearsal/` is parsed with `syn`; every path it names
//! (`use` trees, and paths in types and expressions) that leads to another rehearsal module is
//! an arrow. Test code (`#[cfg(test)]` items and modules) is left out: tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use syn::visit::Visit;

/// A module's path below `crate::rehearsal`, e.g. `["controllers", "pod"]`; the root is `[]`.
type Module = Vec<String>;

/// Which modules each module's code names.
type Graph = BTreeMap<Module, BTreeSet<Module>>;

/// One source file: the module it holds, and its text.
struct File {
    module: Module,
    source: String,
}

fn read_tree(dir: &Path, prefix: &Module, out: &mut Vec<File>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 file name")
            .to_string();
        if path.is_dir() {
            let mut child = prefix.clone();
            child.push(name);
            read_tree(&path, &child, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = prefix.clone();
            if name != "mod" {
                module.push(name);
            }
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            out.push(File { module, source });
        }
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.parse_args::<syn::Meta>().is_ok_and(|m| m.path().is_ident("test")))
}

/// The paths one file names, and the child modules it declares for tests only.
#[derive(Default)]
struct Names {
    paths: Vec<Vec<String>>,
    test_modules: Vec<String>,
}

impl Names {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.leaf(prefix, &n.ident),
            syn::UseTree::Rename(r) => self.leaf(prefix, &r.ident),
            syn::UseTree::Glob(_) => self.paths.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }

    fn leaf(&mut self, prefix: &[String], ident: &syn::Ident) {
        let mut path = prefix.to_vec();
        if ident != "self" {
            path.push(ident.to_string());
        }
        self.paths.push(path);
    }
}

impl<'ast> Visit<'ast> for Names {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if is_cfg_test(&m.attrs) {
            self.test_modules.push(m.ident.to_string());
            return;
        }
        syn::visit::visit_item_mod(self, m);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_cfg_test(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if !is_cfg_test(&i.attrs) {
            syn::visit::visit_item_impl(self, i);
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if !is_cfg_test(&u.attrs) {
            self.use_tree(&mut Vec::new(), &u.tree);
        }
    }

    /// `pub(super)` names who may see an item, not what it uses.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_path(&mut self, p: &'ast syn::Path) {
        self.paths
            .push(p.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, p);
    }
}

/// The module a path names, seen from `from`, if it is a rehearsal module other than `from`.
fn target(from: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let (mut base, rest): (Module, &[String]) = match path {
        [krate, rehearsal, rest @ ..] if krate == "crate" && rehearsal == "rehearsal" => (Vec::new(), rest),
        [first, ..] if first == "crate" => return None,
        [first, ..] if first == "super" || first == "self" => {
            let mut base = from.clone();
            let mut rest = path;
            while let [first, tail @ ..] = rest {
                match first.as_str() {
                    "super" => {
                        base.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                rest = tail;
            }
            (base, rest)
        }
        // A bare name: a child module of `from`, or something else (a crate, a local item).
        [first, ..] => {
            let mut child = from.clone();
            child.push(first.clone());
            if !modules.contains(&child) {
                return None;
            }
            (from.clone(), path)
        }
        [] => return None,
    };
    let mut found = base.clone();
    for segment in rest {
        base.push(segment.clone());
        if modules.contains(&base) {
            found = base.clone();
        } else {
            break;
        }
    }
    (found != *from).then_some(found)
}

fn graph(files: &[File]) -> Graph {
    let parsed: Vec<(&Module, Names)> = files
        .iter()
        .map(|f| {
            let ast = syn::parse_file(&f.source).unwrap_or_else(|e| panic!("parse {:?}: {e}", f.module));
            let mut names = Names::default();
            names.visit_file(&ast);
            (&f.module, names)
        })
        .collect();
    let test_only: BTreeSet<Module> = parsed
        .iter()
        .flat_map(|(m, n)| {
            n.test_modules.iter().map(|t| {
                let mut child = (*m).clone();
                child.push(t.clone());
                child
            })
        })
        .collect();
    let modules: BTreeSet<Module> = files
        .iter()
        .map(|f| f.module.clone())
        .filter(|m| !test_only.iter().any(|t| m.starts_with(t)))
        .collect();
    parsed
        .iter()
        .filter(|(m, _)| modules.contains(*m))
        .map(|(m, names)| {
            let to = names.paths.iter().filter_map(|p| target(m, p, &modules)).collect();
            ((*m).clone(), to)
        })
        .collect()
}

/// One cycle of the graph, as `a → b → … → a`, if there is one.
fn cycle(graph: &Graph) -> Option<Vec<Module>> {
    fn visit(m: &Module, graph: &Graph, stack: &mut Vec<Module>, done: &mut BTreeSet<Module>) -> Option<Vec<Module>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            let mut found = stack[at..].to_vec();
            found.push(m.clone());
            return Some(found);
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, graph, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(m.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

fn show(m: &Module) -> String {
    if m.is_empty() { "rehearsal".into() } else { m.join("::") }
}

fn file(module: &str, source: &str) -> File {
    File {
        module: module
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        source: source.into(),
    }
}

#[test]
fn the_rehearsal_s_modules_import_one_way() {
    let mut files = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rehearsal");
    read_tree(&root, &Vec::new(), &mut files);
    let graph = graph(&files);
    // The arrows the code map draws are seen (so the scan reads what the code imports).
    for (from, to) in [
        ("server", "api"),
        ("api", "admission"),
        ("admission", "object"),
        ("store", "object"),
        ("controllers::deployment", "api"),
        ("printers", "printers::workloads"),
    ] {
        assert!(
            graph
                .get(&file(from, "").module)
                .is_some_and(|t| t.contains(&file(to, "").module)),
            "{from} → {to} not seen"
        );
    }
    if let Some(c) = cycle(&graph) {
        let shown: Vec<String> = c.iter().map(show).collect();
        panic!(
            "these rehearsal modules import each other: {}\nkeep the arrows of docs/rehearsal.md's code map one-way",
            shown.join(" → ")
        );
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let files = [
        file("", "pub mod a; pub mod b; pub mod c; #[cfg(test)] mod t;"),
        file("a", "use crate::rehearsal::b::{self, B};"),
        file("b", "pub struct B; fn f() { crate::rehearsal::c::g(); }"),
        file("c", "pub fn g() { let _ = super::a::A; }"),
        file("t", "use crate::rehearsal::a;"),
    ];
    let arrows = graph(&files);
    assert!(
        !arrows.contains_key(&file("t", "").module),
        "test-only modules are left out"
    );
    let c = cycle(&arrows).expect("a → b → c → a");
    assert_eq!(c.iter().map(show).collect::<Vec<_>>(), ["a", "b", "c", "a"]);

    // A parent whose child imports it back is a cycle too; a parent using its child is not.
    let parent = [file("p", "mod k; use k::K;"), file("p::k", "pub struct K;")];
    assert_eq!(cycle(&graph(&parent)), None);
    let back = [
        file("p", "mod k; use k::K; pub struct P;"),
        file("p::k", "use super::P; pub struct K;"),
    ];
    assert!(cycle(&graph(&back)).is_some());
}
