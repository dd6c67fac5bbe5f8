//! The pipeline runs one way (README, "How it works"): no two source files that are not parent
//! and child may import each other, directly or round a longer circle. This reads every `use` and
//! every `crate::…`/`super::…` path in src/ (the binary aside), resolves each to the file of the
//! module it names, and fails on any circle between files that are not ancestor and descendant (a
//! parent using its own children, and a child its parent's items, is how modules are built).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path ("head::notice") → its file, for every .rs file under src/ (not src/bin).
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "bin") {
                    stack.push(p);
                }
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                parts.pop();
            }
            out.insert(parts.join("::"), p);
        }
    }
    out
}

/// The paths a file names: `use` trees expanded, and inline `crate::`/`super::` paths.
fn paths(text: &str) -> Vec<String> {
    // Code before the tests, without comments (doc links name modules without importing them).
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for stmt in code.split(';') {
        if let Some(k) = stmt.find("use ") {
            let before = &stmt[..k];
            if before.trim_end().ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            expand("", stmt[k + 4..].trim(), &mut out);
        }
    }
    for (i, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        let tail: String = code[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        out.push(tail);
    }
    out
}

/// Expands a use tree: `a::{b, c::{d, e}}` → a::b, a::c::d, a::c::e.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let item = tree.split(" as ").next().unwrap_or("").trim();
        out.push(format!("{prefix}{item}"));
        return;
    };
    let head = format!("{prefix}{}", &tree[..open]);
    let inner = &tree[open + 1..tree.rfind('}').filter(|&e| e > open).unwrap_or(tree.len())];
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&head, &inner[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        expand(&head, &inner[start..], out);
    }
}

/// The module a path names, resolved from module `from`: the longest prefix that is a module.
fn resolve(path: &str, from: &str, is_mod_file: bool, mods: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    let mut base: Vec<&str> = if from.is_empty() { vec![] } else { from.split("::").collect() };
    if !is_mod_file {
        base.pop(); // `super` of a leaf file is its directory's module
    }
    match parts.first() {
        Some(&"crate") => {
            parts.remove(0);
            base.clear();
        }
        Some(&"super") => {
            while parts.first() == Some(&"super") {
                parts.remove(0);
                if is_mod_file {
                    base.pop();
                }
            }
            if !is_mod_file {
                // `super::` from a leaf file already starts at its parent (base); one pop done.
            }
        }
        Some(&"self") => {
            parts.remove(0);
            base = if from.is_empty() { vec![] } else { from.split("::").collect() };
        }
        _ => return None, // an external crate or a local item
    }
    let mut best = None;
    for n in 0..=parts.len() {
        let mut full = base.clone();
        full.extend_from_slice(&parts[..n]);
        let name = full.join("::");
        if mods.contains_key(&name) {
            best = Some(name);
        }
    }
    best
}

fn related(a: &str, b: &str) -> bool {
    let under = |x: &str, y: &str| y.is_empty() || x == y || x.starts_with(&format!("{y}::"));
    under(a, b) || under(b, a)
}

/// Strongly connected components with more than one module (Tarjan, iterative enough for a small graph).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let names: Vec<&String> = graph.keys().collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> = names.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut done = BTreeSet::new();
    for a in &names {
        if done.contains(*a) {
            continue;
        }
        let group: Vec<String> = names
            .iter()
            .filter(|b| reaches[a].contains(**b) && reaches[**b].contains(*a))
            .map(|b| (*b).clone())
            .collect();
        if group.len() > 1 {
            done.extend(group.iter().cloned());
            out.push(group);
        }
    }
    out
}

#[test]
fn no_import_circle_between_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mods = modules(&src);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, file) in &mods {
        let text = std::fs::read_to_string(file).unwrap();
        let is_mod_file = file.file_name().is_some_and(|f| f == "mod.rs" || f == "lib.rs");
        let edges = graph.entry(name.clone()).or_default();
        for p in paths(&text) {
            if let Some(to) = resolve(&p, name, is_mod_file, &mods) {
                if !related(name, &to) {
                    edges.insert(to);
                }
            }
        }
    }
    let found = circles(&graph);
    assert!(found.is_empty(), "files that import each other round a circle: {found:?}");
    // The checker sees the imports it must: head::title uses grammar::dates.
    assert!(graph["head::title"].contains("grammar::dates"), "{:?}", graph["head::title"]);
}
