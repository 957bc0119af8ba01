//! A simulator's pseudo-terminal published under a stable name (`cardbench sim --link PATH`,
//! as udev does for /dev/serial/by-id): only a symbolic link is ever replaced — never a
//! regular file or a folder — and the name goes away with the simulator (on exit, on an
//! unplug, and on SIGTERM/SIGINT through the command's stop flag).

use std::io;
use std::path::{Path, PathBuf};

/// The stable name of a simulator's pty. Dropping it removes the link if it still points at
/// the pty this simulator published (a link someone else repointed is left alone).
#[derive(Debug)]
pub struct PublishedLink {
    path: PathBuf,
    target: Option<String>,
}

impl PublishedLink {
    /// Claims `path` for a link: it must not exist, or be a symlink (a leftover of an earlier
    /// run). Errors: `AlreadyExists` when it is a file, a folder or anything else.
    pub fn new(path: &Path) -> io::Result<PublishedLink> {
        check_replaceable(path)?;
        Ok(PublishedLink {
            path: path.to_path_buf(),
            target: None,
        })
    }

    /// The link's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Points the link at `target` (the pty's slave path), atomically: a client never sees
    /// the name missing while it is repointed.
    pub fn point_at(&mut self, target: &str) -> io::Result<()> {
        check_replaceable(&self.path)?;
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = self
            .path
            .with_file_name(format!(".{name}.tmp{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(target, &tmp)?;
        // rename() replaces the old symlink in one step; the check above refused anything else.
        std::fs::rename(&tmp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
        self.target = Some(target.to_string());
        Ok(())
    }

    /// Removes the link if it still points at what this simulator published (the device is
    /// unplugged, or the simulator stops).
    pub fn remove(&mut self) {
        let Some(target) = self.target.take() else {
            return;
        };
        let ours = std::fs::read_link(&self.path).is_ok_and(|t| t == Path::new(&target));
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Drop for PublishedLink {
    fn drop(&mut self) {
        self.remove();
    }
}

/// `Ok` when `path` is absent or a symlink; `AlreadyExists` naming what is there otherwise.
fn check_replaceable(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.file_type().is_symlink() => Ok(()),
        Ok(m) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            if m.is_dir() {
                "a folder is there, not a symlink"
            } else {
                "a file is there, not a symlink"
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_or_folder_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("precious.txt");
        std::fs::write(&file, "keep me").unwrap();
        assert!(PublishedLink::new(&file).is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
        let sub = dir.path().join("folder");
        std::fs::create_dir(&sub).unwrap();
        assert!(PublishedLink::new(&sub).is_err());
        assert!(sub.is_dir());
    }

    #[test]
    fn a_file_that_appears_later_is_not_replaced_either() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ttyV0");
        let mut link = PublishedLink::new(&path).unwrap();
        std::fs::write(&path, "x").unwrap();
        assert!(link.point_at("/dev/null").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x");
    }

    #[test]
    fn the_link_is_repointed_and_removed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ttyV0");
        std::os::unix::fs::symlink("/dev/old", &path).unwrap();
        let mut link = PublishedLink::new(&path).unwrap();
        link.point_at("/dev/null").unwrap();
        assert_eq!(std::fs::read_link(&path).unwrap(), Path::new("/dev/null"));
        drop(link);
        assert!(
            std::fs::symlink_metadata(&path).is_err(),
            "link left behind"
        );
    }

    #[test]
    fn a_link_repointed_by_someone_else_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ttyV0");
        let mut link = PublishedLink::new(&path).unwrap();
        link.point_at("/dev/null").unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        drop(link);
        assert_eq!(std::fs::read_link(&path).unwrap(), Path::new("/dev/zero"));
    }
}
