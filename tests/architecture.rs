//! The house rules, checked on the source tree: the layers of `docs/architecture.md` (a module
//! may use its own layer and the ones below it, never one above), no import circle between
//! modules, files under 600 lines and functions under 100.
//!
//! The layer table is read from `docs/architecture.md` itself, so the document and the test
//! cannot disagree. Run `cargo test --test architecture -- --nocapture` to see the import graph.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
/// Items `lib.rs` re-exports from `error` at the crate root.
const ROOT_REEXPORTS: [&str; 3] = ["Error", "Result", "Status"];
const MAX_FN_LINES: usize = 100;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `| N | name | modules… | … |` rows of the "Layers" table: module → layer number.
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let mut out = BTreeMap::new();
    let mut in_table = false;
    for line in doc.lines() {
        if line.starts_with("## Layers") {
            in_table = true;
            continue;
        }
        if in_table && line.starts_with("## ") {
            break;
        }
        if !in_table || !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(n) = cells.get(1).and_then(|c| c.parse::<usize>().ok()) else {
            continue;
        };
        for m in cells.get(3).unwrap_or(&"").split(',') {
            let m = m.trim().trim_matches('`');
            if !m.is_empty() {
                out.insert(m.to_string(), n);
            }
        }
    }
    assert!(!out.is_empty(), "docs/architecture.md has no Layers table");
    out
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, into);
        } else if p.extension().is_some_and(|x| x == "rs") {
            into.push(p);
        }
    }
}

/// `src/a/b.rs` → `["a", "b"]`; `src/a/mod.rs` → `["a"]`.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root().join("src")).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|l| l == "mod") {
        parts.pop();
    }
    parts
}

/// Source without comments and string literals (so a doc comment naming `crate::cli` does not
/// count as an import).
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                if b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            // Raw strings (r"…", r#"…"#) are rare in src; plain strings with escapes handled.
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                if b.get(i) == Some(&b'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            // A char literal such as '"' or '{'.
            out.push_str("' '");
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            let end = src[i + 2..]
                .find('\'')
                .map(|k| i + 3 + k)
                .unwrap_or(b.len());
            out.push_str("' '");
            i = end;
        } else {
            let c = src[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Every `crate::x::y` path a file names, including `use crate::{x, y::z}` groups: the first
/// two segments of each.
fn crate_paths(code: &str) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(k) = rest.find("crate::") {
        let before = rest[..k].chars().last();
        rest = &rest[k + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `mycrate::`
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = matching_brace(group);
            for item in split_top(&group[..end]) {
                out.insert(segments(item.trim()));
            }
        } else {
            out.insert(segments(rest));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn matching_brace(s: &str) -> usize {
    let mut depth = 1;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

fn split_top(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut v) = (0, 0, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                v.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    v.push(&s[start..]);
    v
}

fn segments(s: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut rest = s;
    for _ in 0..2 {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let seg = &rest[..end];
        if v.is_empty() && ROOT_REEXPORTS.contains(&seg) {
            // `crate::Result` is `crate::error::Result` re-exported at the root.
            v.push("error".to_string());
            break;
        }
        if seg.is_empty() || seg.chars().next().is_some_and(|c| c.is_uppercase()) {
            break;
        }
        v.push(seg.to_string());
        match rest[end..].strip_prefix("::") {
            Some(r) if !r.starts_with('{') => rest = r,
            _ => break,
        }
    }
    v
}

struct Source {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| Source {
            module: module_path(&p),
            text: std::fs::read_to_string(&p).unwrap(),
            path: p,
        })
        .filter(|s| !matches!(s.module.as_slice(), [m] if m == "lib" || m == "main"))
        .collect()
}

/// Edges between modules at depth `depth` (1: top-level modules; 2: `codec::tlv` and
/// `codec::emv` inside one top-level module).
fn edges(srcs: &[Source], depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in srcs {
        if s.module.len() < depth {
            continue;
        }
        let from = s.module[..depth].join("::");
        g.entry(from.clone()).or_default();
        let code = code_only(&s.text);
        let mut targets: BTreeSet<Vec<String>> = crate_paths(&code);
        // `super::x` inside a depth-2 module names a sibling.
        if depth == 2 && s.module.len() >= 2 {
            for line in code.lines() {
                let mut rest = line;
                while let Some(k) = rest.find("super::") {
                    rest = &rest[k + "super::".len()..];
                    let seg = segments(rest);
                    if let Some(first) = seg.first() {
                        let base = if s.module.len() == 2 {
                            &s.module[..1]
                        } else {
                            &s.module[..s.module.len() - 2]
                        };
                        let mut t: Vec<String> = base.to_vec();
                        t.push(first.clone());
                        targets.insert(t);
                    }
                }
            }
        }
        for t in targets {
            if t.len() < depth || (depth == 2 && t[0] != s.module[0]) {
                continue;
            }
            let to = t[..depth].join("::");
            if to != from {
                g.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    g
}

/// Strongly connected components with more than one member (Tarjan).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct St<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        n: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(st: &mut St<'a>, v: &'a str) {
        st.index.insert(v, st.n);
        st.low.insert(v, st.n);
        st.n += 1;
        st.stack.push(v);
        st.on.insert(v);
        let g = st.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !g.contains_key(w) {
                continue;
            }
            if !st.index.contains_key(w) {
                visit(st, w);
                let lw = st.low[w];
                let lv = st.low[v];
                st.low.insert(v, lv.min(lw));
            } else if st.on.contains(w) {
                let iw = st.index[w];
                let lv = st.low[v];
                st.low.insert(v, lv.min(iw));
            }
        }
        if st.low[v] == st.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                st.out.push(comp);
            }
        }
    }
    let mut st = St {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        n: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !st.index.contains_key(v.as_str()) {
            visit(&mut st, v);
        }
    }
    st.out
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let layers = layers();
    let srcs = sources();
    let mut bad = Vec::new();
    for s in &srcs {
        let top = &s.module[0];
        let Some(&mine) = layers.get(top) else {
            bad.push(format!(
                "{}: module `{top}` is not in the Layers table of docs/architecture.md",
                s.path.display()
            ));
            continue;
        };
        for t in crate_paths(&code_only(&s.text)) {
            let Some(&theirs) = layers.get(&t[0]) else {
                continue; // re-exports at the crate root (`crate::Result`) are checked below
            };
            if theirs > mine {
                bad.push(format!(
                    "{}: `{top}` (layer {mine}) uses `crate::{}` (layer {theirs})",
                    s.path.strip_prefix(root()).unwrap().display(),
                    t.join("::")
                ));
            }
        }
    }
    assert!(bad.is_empty(), "upward imports:\n{}", bad.join("\n"));
}

#[test]
fn no_import_circles() {
    let srcs = sources();
    let mut found = Vec::new();
    for depth in [1, 2] {
        let g = edges(&srcs, depth);
        if depth == 1 {
            for (from, to) in &g {
                eprintln!(
                    "{from} -> {}",
                    to.iter().cloned().collect::<Vec<_>>().join(", ")
                );
            }
        }
        for c in cycles(&g) {
            found.push(c.join(" <-> "));
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn files_are_small() {
    let mut big = Vec::new();
    for s in sources() {
        let n = s.text.lines().count();
        if n > MAX_FILE_LINES {
            big.push(format!("{} ({n} lines)", s.path.display()));
        }
    }
    assert!(
        big.is_empty(),
        "files over {MAX_FILE_LINES} lines:\n{}",
        big.join("\n")
    );
}

/// Function bodies by brace matching on comment- and string-free code.
fn long_functions(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim_start();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "const fn ",
            "async fn ",
        ]
        .iter()
        .any(|p| l.starts_with(p))
            || (l.starts_with("pub ") && l.contains(" fn "));
        if !is_fn {
            i += 1;
            continue;
        }
        let name = l
            .split("fn ")
            .nth(1)
            .unwrap_or("")
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("")
            .to_string();
        // Find the opening brace (or a `;` for a declaration without body).
        let mut j = i;
        let mut depth = 0i32;
        let mut opened = false;
        'scan: while j < lines.len() {
            for c in lines[j].chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened && depth == 0 => break 'scan,
                    _ => {}
                }
                if opened && depth == 0 {
                    break 'scan;
                }
            }
            j += 1;
        }
        let len = j.saturating_sub(i) + 1;
        if opened && len > MAX_FN_LINES {
            out.push((name, i + 1, len));
        }
        i += 1;
    }
    out
}

#[test]
fn functions_are_short() {
    let mut long = Vec::new();
    for s in sources() {
        for (name, line, len) in long_functions(&code_only(&s.text)) {
            long.push(format!(
                "{}:{line} fn {name} ({len} lines)",
                s.path.display()
            ));
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_an_upward_import() {
    // The rule must bite: a codec file naming the command line is an upward import.
    let paths = crate_paths(&code_only(
        "use crate::cli::Packing;\n// crate::tui in a comment\nlet s = \"crate::tui\";\n",
    ));
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        vec![vec!["cli".to_string()]]
    );
    let layers = layers();
    assert!(layers["cli"] > layers["codec"]);
    let g = crate_paths(&code_only(
        "use crate::{a::b, c::{d, e}}; fn f() -> crate::Result<()>",
    ));
    assert!(g.contains(&vec!["a".to_string(), "b".to_string()]));
    assert!(g.contains(&vec!["c".to_string()]));
    assert!(g.contains(&vec!["error".to_string()]));
}
