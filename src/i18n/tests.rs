//! The catalogue's own checks: every file parses, both languages have the same messages with the
//! same variables, every id the code uses exists, plurals follow each language's rules.

use super::*;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A message's shape: the variables it uses and its attribute names.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    vars: BTreeSet<String>,
    attributes: BTreeSet<String>,
}

/// Every message of one language: id → (area, shape). Fails on syntax errors, junk and ids
/// that do not start with their area.
fn messages(lang: Lang) -> BTreeMap<String, (&'static str, Shape)> {
    let mut out = BTreeMap::new();
    for (area, src) in sources(lang) {
        let res = match fluent_syntax::parser::parse(src) {
            Ok(res) => res,
            Err((_, errs)) => panic!("{}/{area}.ftl: syntax errors: {errs:?}", lang.code()),
        };
        for entry in res.body {
            let msg = match entry {
                Entry::Message(m) => m,
                Entry::Junk { content } => panic!("{}/{area}.ftl: junk {content:?}", lang.code()),
                _ => continue,
            };
            let id = msg.id.name.to_string();
            assert!(
                id.starts_with(&format!("{area}-")),
                "{}/{area}.ftl: id {id} must start with `{area}-`",
                lang.code()
            );
            let mut shape = Shape::default();
            if let Some(p) = &msg.value {
                pattern_vars(p, &mut shape.vars);
            }
            for a in &msg.attributes {
                shape.attributes.insert(a.id.name.to_string());
                pattern_vars(&a.value, &mut shape.vars);
            }
            let dup = out.insert(id.clone(), (area, shape));
            assert!(dup.is_none(), "{}: id {id} defined twice", lang.code());
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    let args = match i {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
            None
        }
        InlineExpression::Placeable { expression } => {
            expression_vars(expression, out);
            None
        }
        InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
        InlineExpression::TermReference { arguments, .. } => arguments.as_ref(),
        _ => None,
    };
    for a in args.into_iter() {
        a.positional.iter().for_each(|p| inline_vars(p, out));
        a.named.iter().for_each(|n| inline_vars(&n.value, out));
    }
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let en = messages(Lang::En);
    let zh = messages(Lang::ZhCn);
    let mut bad = Vec::new();
    for (id, (area, shape)) in &en {
        match zh.get(id) {
            None => bad.push(format!(
                "{id}: in en/{area}.ftl, missing in zh-CN/{area}.ftl"
            )),
            Some((zarea, _)) if zarea != area => {
                bad.push(format!("{id}: en/{area}.ftl but zh-CN/{zarea}.ftl"))
            }
            Some((_, zshape)) if zshape != shape => {
                bad.push(format!("{id}: en has {shape:?}, zh-CN has {zshape:?}"))
            }
            Some(_) => {}
        }
    }
    for (id, (area, _)) in &zh {
        if !en.contains_key(id) {
            bad.push(format!(
                "{id}: in zh-CN/{area}.ftl, missing in en/{area}.ftl"
            ));
        }
    }
    assert!(bad.is_empty(), "catalogue differs:\n{}", bad.join("\n"));
    assert!(
        en.len() > 100,
        "only {} messages: are the files embedded?",
        en.len()
    );
}

#[test]
fn every_ftl_file_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
    for lang in Lang::ALL {
        let mut on_disk: Vec<String> = std::fs::read_dir(dir.join(lang.code()))
            .unwrap_or_else(|e| panic!("{}: {e}", lang.code()))
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = AREAS.iter().map(|a| format!("{a}.ftl")).collect();
        listed.sort();
        assert_eq!(
            on_disk,
            listed,
            "src/i18n/{}/ must hold exactly the areas of catalogue!()",
            lang.code()
        );
    }
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, into);
        } else if p.extension().is_some_and(|x| x == "rs") {
            into.push(p);
        }
    }
}

/// The calls that take a message id, and which argument (0-based) it is.
const CALLS: &[(&str, usize)] = &[
    ("Text::tr(", 0),
    ("Text::tr_args(", 0),
    ("Text::tr_each(", 0),
    ("t!(", 1),
    ("tr(", 1),
    ("tr_args(", 1),
    ("tr_static(", 1),
    ("Msg::new(", 1),
];

/// The string-literal message ids at API call sites in `code` (comment lines skipped).
fn ids_used(code: &str) -> Vec<String> {
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut ids = Vec::new();
    for &(call, arg) in CALLS {
        let mut from = 0;
        while let Some(k) = code[from..].find(call) {
            let at = from + k;
            from = at + call.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `attr(`, `str(`
            }
            if matches!(call, "tr(" | "tr_args(") && code[..at].ends_with("Text::") {
                continue; // counted as `Text::tr(`
            }
            if let Some(id) = literal_arg(&code[from..], arg) {
                ids.push(id);
            }
        }
    }
    ids
}

/// The `n`th argument of a call (text after its `(`) if it is a plain string literal.
fn literal_arg(rest: &str, n: usize) -> Option<String> {
    let mut depth = 0usize;
    let mut arg = 0;
    let mut start = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                arg += 1;
                start = i + 1;
            }
            _ => {}
        }
        if arg == n {
            let s = rest[start..].trim_start();
            let lit = s.strip_prefix('"')?;
            let end = lit.find('"')?;
            return Some(lit[..end].to_string());
        }
    }
    None
}

#[test]
fn every_id_used_in_src_exists() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut bad = Vec::new();
    let mut seen = 0;
    // This file's samples and call table are the scanner's fixtures, not uses.
    files.retain(|f| !f.ends_with("src/i18n/tests.rs"));
    for f in files {
        let code = std::fs::read_to_string(&f).unwrap_or_default();
        for id in ids_used(&code) {
            seen += 1;
            if !has(Lang::En, &id) {
                bad.push(format!("{}: {id}", f.display()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "ids not in the catalogue:\n{}",
        bad.join("\n")
    );
    assert!(
        seen >= 15,
        "the scan found only {seen} ids: is it still finding calls?"
    );
}

#[test]
fn the_scan_finds_ids_at_every_kind_of_call() {
    let code = r#"
        let a = t!(lang, "common-a");
        let b = t!(lang, "common-b", count = n);
        let c = crate::i18n::tr(Lang::En, "common-c");
        let d = tr_args(
            lang,
            "common-d",
            &[("x", 1.into())],
        );
        let e = Text::tr("common-e");
        let f = Msg::new(Lang::ZhCn, "common-f");
        let g = tr_static(pick(x, y), "common-g");
        // t!(lang, "in-a-comment")
        let h = attr(x, "not-an-id");
        let i = tr(lang, dynamic_id);
    "#;
    let mut ids = ids_used(code);
    ids.sort();
    let want = ["a", "b", "c", "d", "e", "f", "g"].map(|x| format!("common-{x}"));
    assert_eq!(ids, want);
}

#[test]
fn plurals_follow_each_language() {
    let n = |lang, count: u32| tr_args(lang, "common-check-count", &[("count", count.into())]);
    assert_eq!(n(Lang::En, 1), "1 check");
    assert_eq!(n(Lang::En, 2), "2 checks");
    assert_eq!(n(Lang::En, 0), "0 checks");
    assert_eq!(n(Lang::ZhCn, 1), "1 项检查");
    assert_eq!(n(Lang::ZhCn, 2), "2 项检查");
    assert_eq!(t!(Lang::En, "common-check-count", count = 1), "1 check");
}

/// Issue 17, "plural forms are right": English counts go through plural selectors, never
/// `card(s)`; the judges' file (the CSV `detail` column, a contract) keeps its wording.
#[test]
fn english_counts_choose_their_plural_form() {
    for (area, text) in sources(Lang::En) {
        if area == "judge" {
            continue;
        }
        // A count said with `(s)`: a line with a variable (`{ $n } card(s)`).
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains("{ $"))
        {
            assert!(!line.contains("(s)"), "{area}.ftl: {line}");
        }
    }
    let one_and_two = |id: &str, var: &str, one: &str, two: &str| {
        let say = |n: u32| tr_args(Lang::En, id, &[(var, n.into())]);
        assert!(say(1).contains(one), "{id}: {}", say(1));
        assert!(say(2).contains(two), "{id}: {}", say(2));
    };
    one_and_two("decode-apdu-response", "n", "1 data byte", "2 data bytes");
    one_and_two(
        "decode-atr-emv-broken",
        "count",
        "1 rule broken",
        "2 rules broken",
    );
    one_and_two("batch-summary", "terminals", "1 terminal:", "2 terminals:");
    one_and_two(
        "report-summary-skipped",
        "count",
        "1 file not",
        "2 files not",
    );
    one_and_two(
        "diagnosis-noise-garbled",
        "count",
        "1 garbled frame",
        "2 garbled frames",
    );
    let lost = |n: u32| {
        tr_args(
            Lang::En,
            "batch-note-lost",
            &[("lost", n.into()), ("reconnected", n.into())],
        )
    };
    assert_eq!(lost(1), "device lost 1 time, reconnected 1 time");
    assert_eq!(lost(2), "device lost 2 times, reconnected 2 times");
    let zh = tr_args(
        Lang::ZhCn,
        "batch-note-lost",
        &[("lost", 1.into()), ("reconnected", 1.into())],
    );
    assert_eq!(zh, "设备断开 1 次，重新连接 1 次");
}

#[test]
fn no_bidi_isolation_marks() {
    let s = tr_args(Lang::En, "common-check-count", &[("count", 3.into())]);
    assert!(!s.contains(['\u{2068}', '\u{2069}']), "{s:?}");
    for lang in Lang::ALL {
        let s = tr_static(lang, "codes-rc-class-approved-action");
        assert!(!s.contains(['\u{2068}', '\u{2069}']), "{s:?}");
        assert_eq!(s, tr_static(lang, "codes-rc-action-pass"));
    }
}

#[test]
fn a_missing_id_or_variable_shows_instead_of_panicking() {
    let missing = "common-no-such-message";
    assert_eq!(tr(Lang::ZhCn, missing), missing);
    assert_eq!(tr_static(Lang::En, missing), missing);
    assert_eq!(tr_args(Lang::En, missing, &[("x", 1.into())]), missing);
    assert!(!has(Lang::En, missing));
    let no_var = tr_args(Lang::En, "common-check-count", &[]);
    assert!(no_var.contains("checks"), "{no_var}");
}

#[test]
fn plain_messages_are_borrowed() {
    assert!(matches!(
        tr(Lang::ZhCn, "common-family-bank"),
        std::borrow::Cow::Borrowed("银行系统")
    ));
}

#[test]
fn bundles_are_shared_across_threads() {
    let handles: Vec<_> = (0..4u32)
        .map(|i| {
            std::thread::spawn(move || t!(Lang::ZhCn, "common-check-count", count = i).into_owned())
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        assert_eq!(h.join().ok(), Some(format!("{i} 项检查")));
    }
}

#[test]
fn lang_follows_the_locale() {
    let zh = Some("zh_CN.UTF-8");
    let en = Some("en_US.UTF-8");
    assert_eq!(Lang::from_locale(None, None, zh), Lang::ZhCn);
    assert_eq!(
        Lang::from_locale(None, None, Some("zh_TW.UTF-8")),
        Lang::ZhCn
    );
    assert_eq!(Lang::from_locale(None, None, en), Lang::En);
    assert_eq!(Lang::from_locale(None, None, Some("C")), Lang::En);
    assert_eq!(Lang::from_locale(None, None, None), Lang::En);
    assert_eq!(Lang::from_locale(en, None, zh), Lang::En, "LC_ALL wins");
    assert_eq!(
        Lang::from_locale(None, zh, en),
        Lang::ZhCn,
        "LC_MESSAGES over LANG"
    );
    assert_eq!(
        Lang::from_locale(Some(""), None, zh),
        Lang::ZhCn,
        "empty is unset"
    );
}

#[test]
fn lang_spellings() {
    for lang in Lang::ALL {
        assert_eq!(Lang::parse(lang.code()), Some(lang));
        assert_eq!(lang.toggled().toggled(), lang);
    }
    assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("fr"), None);
}

#[test]
fn msg_and_text_read_the_catalogue() {
    let m = Msg::new(Lang::ZhCn, "common-family-card");
    assert_eq!(m.to_string(), "卡片");
    assert_eq!(&*m, "卡片");
    assert_eq!(String::from(m), "卡片");
    let t = Text::tr_args("common-check-count", &[("count", 1.into())]);
    assert_eq!(t.get(Lang::En), "1 check");
    assert_eq!(t.get(Lang::ZhCn), "1 项检查");
    assert_eq!(Text::tr("common-family-net").get(Lang::ZhCn), "网络");
}
