//! Writing a file so that a crash or a full disk never leaves a half-written one in place of
//! a good one: a uniquely named temporary file beside the target, synced, then renamed.
//!
//! The temporary file is created with the mode any new file gets (0666 less the process
//! umask, applied by the OS at creation), not the 0600 of a private temporary file, since
//! the rename makes it the file people and other programs read. A file being replaced
//! keeps its mode.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `target` atomically, creating its folder if needed.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
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
}
