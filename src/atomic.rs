//! Writing a file so that a crash or a full disk never leaves a half-written one in place of
//! a good one: a uniquely named temporary file beside the target, synced, then renamed.
//!
//! The temporary file is created with the mode any new file gets (0666 less the process
//! umask, applied by the OS at creation), not the 0600 of a private temporary file, since
//! the rename makes it the file people and other programs read. A file being replaced
//! keeps its mode.

use std::io::Write;
use std::path::Path;

/// Room below which a folder's disk counts as full: less than `SQLite` needs to open the store
/// (its shared-memory index and log) and far less than an index update writes.
const FULL_BELOW: u64 = 1024 * 1024;

/// Whether the disk holding `folder` is full (less than a megabyte left to this user): what an
/// I/O error there most likely means, to be said in words a user can act on.
pub fn disk_full(folder: &Path) -> bool {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    fs4::available_space(folder).is_ok_and(|room| room < FULL_BELOW)
}

/// How the temporary files of [`write_atomically`] begin: hidden, and isnad's own.
const TEMPORARY_PREFIX: &str = ".isnad-tmp-";

/// A temporary file older than this is a leftover of a write that was cut short (a kill, a
/// crash, a full disk): one being written now is seconds old.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_mins(10);

/// True when `path` is the temporary file of an atomic write that never finished: isnad's
/// prefix (or `.tmp` and six letters or digits, as isnad named them before, in `corpus`
/// folders only, `own_folder`) and older than [`LEFTOVER_AGE`].
pub(crate) fn is_leftover(path: &Path, own_folder: bool) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let named = name.starts_with(TEMPORARY_PREFIX)
        || (own_folder
            && name.len() == 10
            && name
                .strip_prefix(".tmp")
                .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_alphanumeric())));
    named
        && std::fs::symlink_metadata(path).is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > LEFTOVER_AGE)
        })
}

/// Removes the leftovers ([`is_leftover`]) directly inside `dir`; how many. Best effort: a
/// file that cannot be removed stays, and costs nothing but its space.
pub(crate) fn clear_leftovers(dir: &Path, own_folder: bool) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|path| is_leftover(path, own_folder) && std::fs::remove_file(path).is_ok())
        .count()
}

/// Writes `bytes` to `target` atomically, creating its folder if needed.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    if let Ok(existing) = std::fs::metadata(target) {
        tmp.as_file().set_permissions(existing.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("report.md");
        std::fs::write(&target, "old").expect("write");
        for mode in [0o600, 0o640] {
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode))
                .expect("chmod");
            write_atomically(&target, b"new").expect("write");
            let now = std::fs::metadata(&target).expect("stat").permissions();
            assert_eq!(now.mode() & 0o777, mode);
        }
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
    }

    /// Interrupted writes left `.tmpXXXXXX` files in `corpus/` and export folders.
    #[test]
    fn leftovers_of_cut_writes_are_cleared_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = std::time::SystemTime::now() - LEFTOVER_AGE * 2;
        let make = |name: &str, aged: bool| {
            let path = dir.path().join(name);
            std::fs::write(&path, "x").expect("write");
            if aged {
                let file = std::fs::File::options()
                    .write(true)
                    .open(&path)
                    .expect("open");
                file.set_modified(old).expect("age it");
            }
            path
        };
        let cut = make(".isnad-tmp-a1B2c3", true);
        let before = make(".tmpAb12Cd", true);
        let writing = make(".isnad-tmp-now123", false);
        let theirs = make(".tmp-notes", true);
        let report = make("report.md", true);
        assert_eq!(clear_leftovers(dir.path(), false), 1, "an export folder");
        assert!(!cut.exists());
        assert!(before.exists(), "old names only in isnad's own folders");
        assert_eq!(clear_leftovers(dir.path(), true), 1, "a corpus folder");
        assert!(!before.exists());
        for kept in [writing, theirs, report] {
            assert!(kept.exists(), "{}", kept.display());
        }
    }
}
