//! One response-code catalogue: `decode 8583` and a `run` against a host that answers RC 10
//! (approved for a partial amount) or RC 11 (approved, VIP) give the same verdict — approved.

use cardbench::codec::iso8583::{encode, Message, Packing};

use crate::shared::cardbench;

#[test]
fn rc_10_and_11_approve_in_decode_and_in_a_run() {
    for rc in ["10", "11"] {
        // decode: a 0210 carrying the code says "approved", with no cause family.
        let mut m = Message::new("0210");
        m.set(3, "000000");
        m.set(11, "000123");
        m.set(39, rc);
        let hex: String = encode(&m, Packing::Ascii)
            .unwrap()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        let o = cardbench().args(["decode", "8583", &hex]).output().unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{text}");
        assert!(text.contains("approved"), "RC {rc}: {text}");
        assert!(!text.contains("cause family"), "RC {rc}: {text}");

        // run: every authorisation answered with the code passes.
        let d = tempfile::tempdir().unwrap();
        let rules = d.path().join("rules.toml");
        std::fs::write(&rules, format!("default_rc = \"{rc}\"\n")).unwrap();
        let out = d.path().join("run");
        let o = cardbench()
            .args([
                "run",
                "--device",
                "crt310:sim",
                "--headless",
                "--swipes",
                "1",
            ])
            .arg("--host")
            .arg(format!("sim:{}", rules.display()))
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout);
        let rows = cardbench::report::read_attempts(&out.join("attempts.csv")).unwrap();
        let auths: Vec<_> = rows.iter().filter(|a| a.step == "auth").collect();
        assert!(!auths.is_empty(), "{stdout}");
        for a in auths {
            assert_eq!(a.rc, rc, "{stdout}");
            assert_eq!(a.outcome, cardbench::model::Outcome::Pass, "RC {rc}: {a:?}");
        }
    }
}
