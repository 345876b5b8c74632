//! Writing a file so that a crash or a full disk never leaves a half-written one in place of
//! a good one: a uniquely named temporary file beside the target, synced, then renamed.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `target` atomically, creating its folder if needed.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}
