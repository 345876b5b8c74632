//! One writer at a time across processes, the others waiting their turn: an exclusive lock
//! on a file, held while the index is created or updated (`index.lock`; tantivy's own writer
//! lock refuses a second writer at once) and while the store is upgraded (`store.sqlite.lock`). The
//! lock is the operating system's: it goes with the process that holds it, so none is ever
//! left stale.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt;

/// How long an index writer waits for another isnad's update before giving up: longer than
/// indexing a large corpus from scratch takes.
pub const INDEX_WAIT: Duration = Duration::from_mins(30);

/// How often a waiting writer tries again.
const POLL: Duration = Duration::from_millis(50);

/// A lock, held until dropped.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// The lock file of the index whose manifest is at `manifest_path`.
pub fn index_lock_path(manifest_path: &Path) -> PathBuf {
    manifest_path.with_file_name("index.lock")
}

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

/// The lock, if no other process holds it now.
pub fn try_lock(path: &Path) -> std::io::Result<Option<WriteLock>> {
    let file = open(path)?;
    Ok(file
        .try_lock_exclusive()?
        .then_some(WriteLock { _file: file }))
}

/// Whether another process holds the lock now (a writer at work). A lock file that cannot
/// be opened says nobody writes: no writer could have taken it either.
pub fn held_elsewhere(path: &Path) -> bool {
    matches!(try_lock(path), Ok(None))
}

/// The lock, waiting up to `wait` for the process that holds it; `waiting` is called once,
/// when the wait begins. `None` when the wait ran out.
pub fn lock(
    path: &Path,
    wait: Duration,
    waiting: &mut dyn FnMut(),
) -> std::io::Result<Option<WriteLock>> {
    let started = Instant::now();
    let mut told = false;
    loop {
        if let Some(lock) = try_lock(path)? {
            return Ok(Some(lock));
        }
        if started.elapsed() >= wait {
            return Ok(None);
        }
        if !told {
            waiting();
            told = true;
        }
        std::thread::sleep(POLL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = index_lock_path(&dir.path().join("manifest.json"));
        let first = try_lock(&path).expect("lock").expect("free");
        assert!(held_elsewhere(&path));
        let mut told = 0;
        let second = lock(&path, Duration::from_millis(120), &mut || told += 1).expect("lock");
        assert!(
            second.is_none(),
            "the wait runs out while the first holds it"
        );
        assert_eq!(told, 1, "told once that it waits");
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                lock(&path, Duration::from_mins(1), &mut || {})
                    .expect("lock")
                    .is_some()
            })
        };
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        assert!(
            waiter.join().expect("waiter"),
            "taken once the first lets go"
        );
        assert!(!held_elsewhere(&path));
    }
}
