//! Run folders that cannot be mixed or subverted: a run writes only into a folder it created
//! (or found empty), never through a symbolic link, and every file it creates is created new
//! (`O_CREAT | O_EXCL`, which never follows a link, even a dangling one). A reused `--out` is
//! refused with a clear message rather than mixed with the run already in it
//! (docs/report-format.md, "Run folders").

use super::ReportError;
use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Why a folder cannot take a new run.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// The folder already holds files (another run's reports).
    #[error(
        "report folder {0} already holds {1}: a new run never mixes with an old one; choose another --out or move that folder away"
    )]
    NotFresh(PathBuf, String),
    /// The folder (or a file in it) is a symbolic link.
    #[error("report folder {0} is a symbolic link; refusing to write through it")]
    Link(PathBuf),
    /// The path exists and is not a folder.
    #[error("report folder {0} exists and is not a folder")]
    NotADir(PathBuf),
    /// The folder (or a parent) cannot be made: a read-only or virtual file system, no right
    /// to write, a parent that is a file.
    #[error("cannot create report folder {}: {}; choose another --out (a folder you can write to)", .0.display(), .1)]
    Create(PathBuf, io::Error),
}

impl FolderError {
    /// The error for people in `lang` (English: the `Display`), with what to do.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{t, Lang};
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            FolderError::NotFresh(dir, what) => t!(
                lang,
                "errors-folder-not-fresh",
                path = dir.display().to_string(),
                files = what.as_str()
            ),
            FolderError::Link(dir) => {
                t!(lang, "errors-folder-link", path = dir.display().to_string())
            }
            FolderError::NotADir(dir) => {
                t!(
                    lang,
                    "errors-folder-not-a-dir",
                    path = dir.display().to_string()
                )
            }
            FolderError::Create(dir, e) => t!(
                lang,
                "errors-folder-create",
                path = dir.display().to_string(),
                reason = crate::i18n::io_text(e, lang)
            ),
        }
        .into_owned()
    }
}

/// Checks that `dir` can take a new run: absent, or an empty real folder. Nothing is created.
pub fn check_fresh(dir: &Path) -> Result<(), FolderError> {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return Err(FolderError::Link(dir.to_path_buf()));
    }
    if !meta.is_dir() {
        return Err(FolderError::NotADir(dir.to_path_buf()));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let shown = if names.len() > 3 {
        format!("{}, … ({} entries)", names[..3].join(", "), names.len())
    } else {
        names.join(", ")
    };
    Err(FolderError::NotFresh(dir.to_path_buf(), shown))
}

/// Creates the run folder fresh: its parents as needed, then the folder itself, which must
/// not exist yet or be an empty real folder (a test's temporary folder). A link, a file or a
/// folder holding anything is refused ([`check_fresh`]).
pub fn create_run_dir(dir: &Path) -> Result<(), ReportError> {
    check_fresh(dir)?;
    let cannot = |e| ReportError::from(FolderError::Create(dir.to_path_buf(), e));
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(cannot)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => Ok(()),
        // Checked empty just above (a link planted since would fail the no-follow opens).
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            check_fresh(dir)?;
            Ok(())
        }
        Err(e) => Err(cannot(e)),
    }
}

/// A default folder name that is not taken yet: `base`, else `base-2`, `base-3`… (two runs
/// started within the same second get two folders).
pub fn unused_dir(base: &Path) -> PathBuf {
    if std::fs::symlink_metadata(base).is_err() {
        return base.to_path_buf();
    }
    let name = base
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (2..10_000)
        .map(|n| base.with_file_name(format!("{name}-{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| base.to_path_buf())
}

/// Creates `path` new for writing: fails if anything is there already, a symbolic link
/// included (`O_EXCL` never follows a link).
pub fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Creates a temporary file new: a stale one left by a crash is removed first (removing a
/// link removes the link, never its target), then the file is created with `O_EXCL`.
pub fn create_temp(path: &Path) -> io::Result<File> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    create_new(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn fresh_empty_or_absent_folders_only() {
        let d = tempfile::tempdir().unwrap();
        assert!(check_fresh(d.path()).is_ok());
        let run = d.path().join("a/b/run");
        create_run_dir(&run).unwrap();
        assert!(run.is_dir());
        std::fs::write(run.join("attempts.csv"), "x").unwrap();
        let e = create_run_dir(&run).unwrap_err().to_string();
        assert!(e.contains("already holds attempts.csv"), "{e}");
        let file = d.path().join("f");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(check_fresh(&file), Err(FolderError::NotADir(_))));
    }

    #[test]
    fn links_are_refused_and_never_followed() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("target");
        std::fs::create_dir(&target).unwrap();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(check_fresh(&link), Err(FolderError::Link(_))));
        let victim = d.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let planted = d.path().join(".x.tmp");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        assert!(create_new(&planted).is_err());
        let mut f = create_temp(&planted).unwrap();
        std::io::Write::write_all(&mut f, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(&planted)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn unused_names_get_a_number() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("demo-1");
        assert_eq!(unused_dir(&base), base);
        std::fs::create_dir(&base).unwrap();
        assert_eq!(unused_dir(&base), d.path().join("demo-1-2"));
    }
}
