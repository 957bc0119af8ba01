//! Report writers: formula neutralisation, PAN refusal (never a crash), Excel mode, atomic
//! summaries.

use cardbench::model::Attempt;
use cardbench::report::{read_attempts, write_atomic, AttemptLog, REFUSED};

#[test]
fn hostile_cells_are_neutralised_and_pans_refused() {
    let d = tempfile::tempdir().unwrap();
    let mut log = AttemptLog::open(d.path(), false).unwrap();
    let a = Attempt {
        card_label: "=HYPERLINK(\"http://x\")".into(),
        bank: "+cmd".into(),
        scheme: "-2".into(),
        model: "@SUM(1)".into(),
        firmware: "\tfw".into(),
        serial: "\rsn".into(),
        detail: "track 6222020000000000018=2812220".into(),
        outcome: cardbench::model::Outcome::Fail,
        ..Attempt::default()
    };
    let refused = log.append(&a).unwrap();
    assert_eq!(refused, vec!["detail".to_string()]);
    let back = read_attempts(log.path()).unwrap();
    let b = &back[0];
    assert_eq!(b.card_label, "'=HYPERLINK(\"http://x\")");
    assert_eq!(b.bank, "'+cmd");
    assert_eq!(b.scheme, "'-2");
    assert_eq!(b.model, "'@SUM(1)");
    assert_eq!(b.firmware, "'\tfw");
    assert_eq!(b.serial, "'\rsn");
    assert_eq!(b.detail, REFUSED);
    let raw = std::fs::read_to_string(log.path()).unwrap();
    assert!(!raw.contains("6222020000000000018"));
    assert!(!raw.starts_with('\u{feff}'));
    // A second run never appends to it: re-opening is refused (issue 16: a reused --out is
    // never mixed), and the first run's rows stay as they were.
    drop(log);
    let again = AttemptLog::open(d.path(), false);
    assert!(again.is_err());
    assert_eq!(
        read_attempts(&d.path().join("attempts.csv")).unwrap().len(),
        1
    );
}

#[test]
fn summaries_are_replaced_atomically() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("cards.csv");
    let rows = vec![vec!["1".to_string(), "工商银行".to_string()]];
    write_atomic(&p, &["a", "b"], &rows, true).unwrap();
    let raw = std::fs::read(&p).unwrap();
    assert!(raw.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(String::from_utf8_lossy(&raw).contains("工商银行\r\n"));
    let refused = write_atomic(
        &p,
        &["a", "b"],
        &[vec!["4111111111111111".into(), "x".into()]],
        false,
    )
    .unwrap();
    assert_eq!(refused.len(), 1);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(REFUSED) && !text.contains("4111111111111111"));
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}
