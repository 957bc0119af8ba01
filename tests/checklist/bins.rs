//! BIN table: the built-in table against the shared caijf/bankcard CSV, overrides file.

use cardbench::bins::{find_bank, scheme_of, BinTable, Scheme};
use std::path::Path;

const BANKS13: [&str; 13] = [
    "ICBC", "CCB", "ABC", "BOC", "COMM", "CMB", "PSBC", "CITIC", "CEB", "CIB", "SPDB", "CMBC",
    "SPABANK",
];

/// Every row of the 13 banks in `../shared/data/cn-bins.csv` is in the built-in table with the
/// same bank, card type and PAN length, and a PAN built from it looks up to that bank.
#[test]
fn builtin_matches_shared_cn_bins() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/cn-bins.csv");
    let path = if path.exists() {
        path
    } else {
        Path::new("/work/shared/data/cn-bins.csv").to_path_buf()
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED: {} not found; built-in BIN table not cross-checked",
            path.display()
        );
        return;
    };
    let t = BinTable::builtin();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut checked = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (bin, code, ty, len) = (&rec[0], &rec[1], &rec[3], &rec[4]);
        if !BANKS13.contains(&code) {
            continue;
        }
        let len: usize = len.parse().unwrap();
        let row = t
            .entries()
            .find(|e| e.prefix == bin && e.pan_length == Some(len as u8))
            .unwrap_or_else(|| panic!("{bin}/{len} ({code}) missing from the built-in table"));
        assert_eq!(row.bank_code, code, "{bin}");
        let want_ty = match ty {
            "DC" => "debit",
            "CC" => "credit",
            "SCC" => "quasi-credit",
            "PC" => "prepaid",
            other => panic!("unknown type {other}"),
        };
        assert_eq!(row.card_type, want_ty, "{bin}");
        // A PAN of the row's length under that prefix finds that bank, unless a longer
        // prefix of another row covers it.
        let pan = format!("{bin}{}", "0".repeat(len - bin.len()));
        let hit = t.lookup(&pan).unwrap();
        assert!(hit.prefix.starts_with(bin), "{pan}: {hit:?}");
        if hit.prefix == bin {
            assert_eq!(hit.bank_code, code, "{pan}");
        }
        checked += 1;
    }
    assert_eq!(checked, 705, "rows of the 13 banks");
    assert_eq!(t.len(), 705);
    for code in BANKS13 {
        let b = find_bank(code).unwrap();
        assert!(!b.en.is_empty() && !b.zh.is_empty());
    }
}

#[test]
fn protocols_section7_examples() {
    let t = BinTable::builtin();
    for (pan, bank) in [
        ("6222020000000000000", "ICBC"),
        ("6217000000000000000", "CCB"),
        ("6228480000000000000", "ABC"),
        ("6013820000000000000", "BOC"),
        ("60142800000000000", "BOCOM"),
        ("6225880000000000", "CMB"),
        ("6217990000000000000", "PSBC"),
        ("6226900000000000", "CITIC"),
        ("6226660000000000", "CEB"),
        ("622908000000000000", "CIB"),
        ("6225210000000000", "SPDB"),
        ("6226150000000000", "CMBC"),
        ("6216260000000000000", "PAB"),
    ] {
        let e = t.lookup(pan).unwrap_or_else(|| panic!("{pan}"));
        assert_eq!(e.bank_short(), bank, "{pan}");
    }
    assert_eq!(scheme_of("2300000000000000"), Some(Scheme::Mastercard));
}

#[test]
fn overrides_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("lab.csv");
    std::fs::write(
        &p,
        "prefix,bank,scheme,type,country\n41111111,Lab Test Bank,Visa,credit,GB\n",
    )
    .unwrap();
    let mut t = BinTable::builtin();
    assert_eq!(t.load_overrides(&p).unwrap(), 1);
    let e = t.lookup("4111111111111111").unwrap();
    assert_eq!(e.bank_code, "Lab Test Bank");
    assert_eq!(e.country, "GB");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "12ab,X\n").unwrap();
    assert!(t.load_overrides(&bad).is_err());
    assert!(t.load_overrides(&dir.path().join("missing.csv")).is_err());
}

/// A bad `--bins` (missing, a folder, garbage) is refused the same way by every command, used
/// or not: exit 2 and one line naming the BIN file, in English and Chinese.
#[test]
fn every_command_refuses_a_bad_bins_file() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.csv");
    std::fs::write(&garbage, "12ab,X\n").unwrap();
    let missing = dir.path().join("missing.csv");
    let commands: [&[&str]; 3] = [
        &["ports"],
        &["decode", "atr", "3B 02 14 50"],
        &["report", "summarize", "/nonexistent-cardbench-run"],
    ];
    for bins in [&missing, &garbage, &dir.path().to_path_buf()] {
        for args in commands {
            for lang in ["en", "zh-CN"] {
                let o = std::process::Command::new(env!("CARGO_BIN_EXE_cardbench"))
                    .args(["--lang", lang, "--bins"])
                    .arg(bins)
                    .args(args)
                    .output()
                    .unwrap();
                let err = String::from_utf8_lossy(&o.stderr);
                assert_eq!(o.status.code(), Some(2), "{args:?} {lang}: {err}");
                assert_eq!(err.trim().lines().count(), 1, "{args:?} {lang}: {err}");
                assert!(o.stdout.is_empty(), "{args:?}");
            }
        }
    }
}
