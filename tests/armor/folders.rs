//! Report folders that cannot be subverted (issue 18, kind 5; implemented by the reports
//! area in `report::folder`): a symbolic link planted in the report folder, as
//! `attempts.csv` or as a summary's temporary file, is never followed, and a report folder
//! that is itself a link is refused.

use crate::common::{file, refused, run_headless};
use std::os::unix::fs::symlink;

#[test]
fn links_planted_in_the_report_folder_are_refused_never_followed() {
    for planted in ["attempts.csv", ".cards.csv.tmp", ".diagnosis.csv.tmp"] {
        let d = tempfile::tempdir().unwrap();
        let victim = file(d.path(), "victim.txt", "keep");
        let out = d.path().join("out");
        std::fs::create_dir(&out).unwrap();
        symlink(&victim, out.join(planted)).unwrap();
        let o = run_headless(d.path(), "crt310:sim", &["--swipes", "1"]);
        refused(&o, &["out", planted]);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        // Nothing was written beside the link either.
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    }
}

#[test]
fn a_report_folder_that_is_a_link_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let elsewhere = d.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    symlink(&elsewhere, d.path().join("out")).unwrap();
    let o = run_headless(d.path(), "crt310:sim", &["--swipes", "1"]);
    refused(&o, &["symbolic link"]);
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}
