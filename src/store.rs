//! The workspace's durable state: entities, mentions, claims, evidence and document notes,
//! in `SQLite` (`.isnad/store.sqlite`). This is the analyst's work, the one thing that must
//! never be lost:
//!
//! - every user action is one transaction (`BEGIN IMMEDIATE`, WAL, `synchronous = FULL`):
//!   when a method returns, the change is on disk, and a crash at any moment leaves the
//!   store as it was before or after it;
//! - every action is a step of the [`journal`] with time and author, so undo and redo work
//!   across restarts; a bulk action (tag all, merge) is one step;
//! - a busy timeout lets the command line write while the workbench has the store open;
//!   [`Store::version`] tells a reader that someone else changed it;
//! - schema migrations ([`schema`]) run after a backup of the file; a store from a newer
//!   isnad, a damaged file or something that is not a store is reported and left untouched.
//!
//! Offsets are bytes in `Document::text()` ([`anchor`]); code points at the edges.

pub mod anchor;
mod claims;
mod columns;
pub mod doc_notes;
mod entities;
pub mod follow;
pub mod import;
pub mod journal;
mod mirror;
pub use mirror::{DocPosition, TeamNews};
pub mod reanchor;
pub mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use anchor::Anchor;
pub use claims::{Claim, Evidence, Stance, Status};
pub use doc_notes::{DocNote, Retagged};
pub use entities::{Entity, Mention, NewEntity, Tagged, find_entity};
pub use journal::Provenance;
use journal::{Change, Direction};

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How long opening the store waits for another process upgrading it.
const UPGRADE_WAIT: Duration = Duration::from_mins(5);

/// The lock held while the store at `path` is upgraded: `store.sqlite.lock`.
fn upgrade_lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// What can go wrong with the store; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is not an isnad store or is damaged ({reason}); it was left untouched: move \
         it away to start a new one, or put back a backup (store.sqlite.v*.bak next to it)"
    )]
    Damaged { path: PathBuf, reason: String },
    #[error(
        "{path} was written by a newer isnad (schema {found}; this one knows up to {known}): \
         upgrade isnad to open it"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "the annotation store is busy: another isnad has been writing for over {0:?}; try again"
    )]
    Busy(Duration),
    #[error("cannot back up {path} before upgrading it, so it was not upgraded: {source}")]
    Backup {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot open the annotation store {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("annotation store: {0}")]
    Sql(rusqlite::Error),
    #[error("no {what} with id {id}")]
    Missing { what: &'static str, id: i64 },
    #[error("the annotation store is damaged: {0}")]
    Corrupt(String),
    #[error(
        "{path} is damaged ({reason}), so nothing was written to it. Your annotations may still \
         be read: export them (`isnad export --format json`), then move the store away and \
         import the export, or put back a backup (store.sqlite.v*.bak next to it)"
    )]
    DamagedPages { path: PathBuf, reason: String },
    #[error(
        "{path} was replaced or removed while this isnad had it open, so nothing more is written \
         to it. Every change made here until now was saved to {rescued}: compare it with the \
         store now in place (`isnad export` on each) before putting one back, then restart"
    )]
    Replaced { path: PathBuf, rescued: PathBuf },
    #[error(
        "the write-ahead log of {path} was deleted by something else while this isnad had it \
         open; every change made here until now was written into the store itself, and this \
         change was not made: try it again"
    )]
    LogDeleted { path: PathBuf },
    #[error(
        "the disk holding the annotation store (.isnad/store.sqlite) is full, so nothing was \
         changed: free some space (`df -h` lists the disks), then try again; reading, \
         searching and exporting still work"
    )]
    DiskFull,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Team(#[from] crate::team::TeamError),
    #[error(
        "{what} was changed by {by} at {at} while you were changing it, so your change was not \
         made: {now}; look again and repeat it if it still applies"
    )]
    ChangedMeanwhile {
        what: String,
        by: String,
        at: String,
        now: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Busy(BUSY_TIMEOUT)
            }
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sql(error),
        }
    }
}

/// The current time for a file name (`20261202-135838`, UTC): backups, rescues, exports.
pub fn file_stamp() -> String {
    time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_default()
}

/// The current time as the journal records it (RFC 3339, UTC).
pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// What a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub entities: usize,
    pub claims: usize,
}

/// The open store of one workspace.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    author: String,
    /// What this connection writes to, to notice the files changing under it; see
    /// [`Store::guard`].
    watch: Watch,
    /// The team database this store is a copy of, in a team's workspace.
    team: Option<mirror::Team>,
}

/// The store file and its write-ahead log as this connection opened them (device and inode),
/// and whether the file passed an integrity check.
#[derive(Debug, Default)]
struct Watch {
    file: Option<(u64, u64)>,
    log: Option<(u64, u64)>,
    checked: bool,
    /// Opened for reading only, the disk being full.
    full: bool,
}

/// Puts the store in write-ahead-log mode, once, when it is new. Switching needs the store
/// to itself: `SQLite` answers "busy" at once, without waiting, when another process switching
/// the same new store could deadlock with this one, so the switch is tried again until
/// [`BUSY_TIMEOUT`].
fn set_write_ahead_log(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(error)
                if error.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// A copy in memory of the database `source` has open.
fn in_memory(source: &Connection) -> rusqlite::Result<Connection> {
    let mut memory = Connection::open_in_memory()?;
    rusqlite::backup::Backup::new(source, &mut memory)?.run_to_completion(
        1024,
        Duration::ZERO,
        None,
    )?;
    Ok(memory)
}

/// The `SQLite` URI that opens the file at `path` as immutable: read without locks or a
/// write-ahead log, creating no file beside it. Every byte of the path but the unreserved
/// ones and `/` is percent-encoded.
fn immutable_uri(path: &Path) -> String {
    use std::fmt::Write as _;
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(byte) {
            uri.push(char::from(*byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether the disk holding the store at `path` is full.
fn disk_full(path: &Path) -> bool {
    crate::atomic::disk_full(path.parent().unwrap_or(Path::new(".")))
}

/// `source` as the error of the store at `path`: damaged when `SQLite` says so.
fn damaged(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_path_buf(),
            reason: source.to_string(),
        },
        _ => StoreError::from(source),
    }
}

/// The device and inode of the file at `path`, if there is one.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).ok().map(|_| (0, 0))
    }
}

/// The write-ahead log beside the store at `path`.
fn log_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

impl Store {
    /// Opens the store at `path`, creating it if it does not exist and migrating it (after a
    /// backup) if it is older. `author` is recorded with every change.
    ///
    /// On a full disk, where `SQLite` cannot grow the shared-memory index every connection
    /// needs, the store is opened for reading only: everything reads, and every change is
    /// refused with [`StoreError::DiskFull`] until space is freed.
    pub fn open(path: &Path, author: &str) -> Result<Store, StoreError> {
        match Self::open_for_writing(path, author) {
            Err(error) if !matches!(error, StoreError::Newer { .. }) && disk_full(path) => {
                Self::open_on_full_disk(path, author)
            }
            opened => opened,
        }
    }

    fn open_for_writing(path: &Path, author: &str) -> Result<Store, StoreError> {
        let mut store = Store {
            conn: Self::connect(path)?,
            path: path.to_path_buf(),
            author: author.to_owned(),
            watch: Watch::default(),
            team: None,
        };
        store.migrate().map_err(|e| match e {
            StoreError::Sql(source) => damaged(path, source),
            other => other,
        })?;
        store.watch.file = identity(path);
        store.watch.log = identity(&log_path(path));
        Ok(store)
    }

    /// The store at `path` opened for reading on a full disk: a snapshot in memory, read
    /// without writing a byte beside the store. Without changes waiting in the write-ahead log
    /// (the usual case: the last isnad to close it wrote them into the store), the file is
    /// read as immutable; with some, the store and its log are read through a copy made in
    /// the system's temporary folder.
    fn open_on_full_disk(path: &Path, author: &str) -> Result<Store, StoreError> {
        fn full<E>(_: E) -> StoreError {
            StoreError::DiskFull
        }
        if !path.exists() {
            return Err(StoreError::DiskFull);
        }
        let log = log_path(path);
        let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if std::fs::metadata(&log).is_ok_and(|m| m.len() > 0) {
            let room = tempfile::tempdir().map_err(full)?;
            let copy = room.path().join("store.sqlite");
            std::fs::copy(path, &copy).map_err(full)?;
            std::fs::copy(&log, log_path(&copy)).map_err(full)?;
            in_memory(&Connection::open_with_flags(&copy, read_only).map_err(full)?)
        } else {
            in_memory(
                &Connection::open_with_flags(
                    immutable_uri(path),
                    read_only | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(full)?,
            )
        }
        .map_err(full)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            author: author.to_owned(),
            watch: Watch {
                full: true,
                ..Watch::default()
            },
            team: None,
        };
        // A store that needs upgrading cannot be upgraded without room.
        if store.schema_version().map_err(full)? != schema::current() {
            return Err(StoreError::DiskFull);
        }
        Ok(store)
    }

    /// Whether this store was opened for reading only, on a full disk.
    pub fn read_only_on_full_disk(&self) -> bool {
        self.watch.full
    }

    /// A connection to the store at `path`, set up as every one of isnad's is.
    fn connect(path: &Path) -> Result<Connection, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        let damaged = |source| damaged(path, source);
        // WAL: readers never block the writer; FULL: a committed change survives power loss.
        set_write_ahead_log(&conn).map_err(damaged)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(damaged)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(damaged)?;
        Ok(conn)
    }

    /// Before every write: the store must be whole, and still the file this connection
    /// opened, with its own write-ahead log.
    ///
    /// - The first write of a connection runs `PRAGMA quick_check` (milliseconds for a store
    ///   of thousands of annotations): a damaged page is refused, never written around.
    /// - A store file replaced or removed under the connection would take every later
    ///   change with the old file: what this connection sees is saved beside it (`VACUUM
    ///   INTO`) and nothing more is written.
    /// - A write-ahead log deleted under the connection would hold its changes where no
    ///   other connection reads them: they are checkpointed into the store through this
    ///   connection, which then reconnects with a new log; the change asked for is refused
    ///   with a message, and made when asked again.
    fn guard(&mut self) -> Result<(), StoreError> {
        if self.watch.full {
            // Opened on a full disk: reconnected for writing once there is room again.
            if disk_full(&self.path) {
                return Err(StoreError::DiskFull);
            }
            let mut reopened = Self::open_for_writing(&self.path, &self.author)?;
            reopened.team = self.team.take();
            *self = reopened;
        }
        let file = identity(&self.path);
        if self.watch.file.is_some() && file != self.watch.file {
            let rescued = self.rescue()?;
            return Err(StoreError::Replaced {
                path: self.path.clone(),
                rescued,
            });
        }
        let log = identity(&log_path(&self.path));
        if self.watch.log.is_some() && log != self.watch.log {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            self.conn = Self::connect(&self.path)?;
            // The new connection makes its log at its first read.
            self.conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
            self.watch.log = identity(&log_path(&self.path));
            return Err(StoreError::LogDeleted {
                path: self.path.clone(),
            });
        }
        if !self.watch.checked {
            let verdict: String = self
                .conn
                .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
                .unwrap_or_else(|e| e.to_string());
            if verdict != "ok" {
                return Err(StoreError::DamagedPages {
                    path: self.path.clone(),
                    reason: verdict,
                });
            }
            self.watch.checked = true;
        }
        if self.watch.log.is_none() {
            self.watch.log = log;
        }
        Ok(())
    }

    /// Writes a consistent copy of the store to `target`, a new file (its folder is made):
    /// committed changes still in the write-ahead log are in it, and writers may go on
    /// meanwhile. What the copy holds is counted in the copy itself.
    pub fn back_up_to(&self, target: &Path) -> Result<Copied, StoreError> {
        if target.exists() {
            return Err(StoreError::Invalid(format!(
                "{} exists already: give the backup a new name",
                target.display()
            )));
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Invalid(format!("cannot create the folder {}: {e}", dir.display()))
            })?;
        }
        self.vacuum_into(target)?;
        let copy = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let count = |table: &str| -> Result<usize, StoreError> {
            let n: i64 = copy.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(Copied {
            entities: count("entity")?,
            claims: count("claim")?,
        })
    }

    /// Saves what this connection sees to a new file beside the store; its path.
    fn rescue(&self) -> Result<PathBuf, StoreError> {
        let stamp = file_stamp();
        Ok(self.copy_beside(|n| match n {
            1 => format!(".rescued-{stamp}"),
            n => format!(".rescued-{stamp}-{n}"),
        })?)
    }

    /// Copies what this connection sees (`VACUUM INTO`) to the first free name of the store's
    /// own with `suffix(1)`, `suffix(2)`… after it; the copy's path.
    fn copy_beside(&self, suffix: impl Fn(usize) -> String) -> rusqlite::Result<PathBuf> {
        let name = |n| PathBuf::from(format!("{}{}", self.path.display(), suffix(n)));
        let mut n = 1;
        while name(n).exists() {
            n += 1;
        }
        let target = name(n);
        self.vacuum_into(&target)?;
        Ok(target)
    }

    /// A consistent copy of what this connection sees, at `target` (a new file).
    fn vacuum_into(&self, target: &Path) -> rusqlite::Result<()> {
        self.conn
            .execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map(|_| ())
    }

    /// Where the store is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn author(&self) -> &str {
        &self.author
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        let known = schema::current();
        if found > known {
            return Err(StoreError::Newer {
                path: self.path.clone(),
                found,
                known,
            });
        }
        if found == known {
            return Ok(());
        }
        // Upgraded by one process at a time: one that waited here finds the work done, and
        // two never write the same backup. (Without a lock file, in a folder that cannot be
        // written, the upgrade fails on its own with the reason.)
        let _upgrading =
            match crate::lock::lock(&upgrade_lock_path(&self.path), UPGRADE_WAIT, &mut || {}) {
                Ok(Some(lock)) => Some(lock),
                Ok(None) => return Err(StoreError::Busy(UPGRADE_WAIT)),
                Err(_) => None,
            };
        let found = self.schema_version()?;
        if found == known {
            return Ok(());
        }
        if found > 0 {
            self.backup(found)?;
        }
        for (version, sql) in schema::MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(found).unwrap_or(0))
        {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another process may have migrated while this one waited.
            let now: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
            if now > i64::try_from(version).unwrap_or(i64::MAX) {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.pragma_update(
                None,
                "user_version",
                i64::try_from(version + 1).unwrap_or(i64::MAX),
            )?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Copies the store to `store.sqlite.v{version}.bak` (a new name if that exists).
    fn backup(&self, version: i64) -> Result<(), StoreError> {
        self.copy_beside(|n| match n {
            1 => format!(".v{version}.bak"),
            n => format!(".v{version}.{n}.bak"),
        })
        .map_err(|source| StoreError::Backup {
            path: self.path.clone(),
            source,
        })?;
        Ok(())
    }

    /// A number that changes whenever another connection commits a change: the workbench
    /// polls it to pick up what the command line wrote.
    pub fn version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    /// Starts a user action: one transaction, one journal step. In a team's workspace the
    /// step is pushed to the team database before it is committed here
    /// ([`journal::Change::commit`]), checked against the rows as this copy last saw them:
    /// what the analyst was looking at, so a change another member made meanwhile is
    /// reported, never silently overwritten.
    fn change(&mut self) -> Result<Change<'_>, StoreError> {
        self.guard()?;
        let Store { conn, team, .. } = self;
        Ok(Change::new(
            conn.transaction_with_behavior(TransactionBehavior::Immediate)?,
            team.as_mut().map(mirror::Team::remote),
        ))
    }

    /// Undoes the newest action (a bulk action as a whole); returns what it was, or `None`
    /// when there is nothing to undo. Durable when it returns.
    pub fn undo(&mut self) -> Result<Option<String>, StoreError> {
        self.travel(Direction::Undo)
    }

    /// Redoes the action undone last; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, StoreError> {
        self.travel(Direction::Redo)
    }

    fn travel(&mut self, direction: Direction) -> Result<Option<String>, StoreError> {
        self.guard()?;
        if self.team.is_some() {
            return self.travel_in_team(direction);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let summary = journal::travel(&tx, direction)?;
        tx.commit()?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(store: &Store) -> Vec<String> {
        let claims = store.claims().expect("claims");
        claims.into_iter().map(|c| c.text).collect()
    }

    /// How a full disk opens the store (`Store::open` takes this path when opening for
    /// writing fails there): a snapshot read without a byte written beside the store, whether
    /// changes wait in the write-ahead log or not; once there is room, the first change
    /// reconnects for writing.
    #[test]
    fn a_store_on_a_full_disk_is_read_from_a_snapshot() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store # 50%.sqlite");
        let mut writer = Store::open(&path, "a").expect("open");
        writer.add_claim("أول", Status::Unverified).expect("claim");
        // The writer still open: its change is in the log, not yet in the store file.
        assert!(std::fs::metadata(log_path(&path)).expect("log").len() > 0);
        let mut snapshot = Store::open_on_full_disk(&path, "b").expect("snapshot");
        assert!(snapshot.read_only_on_full_disk());
        assert_eq!(texts(&snapshot), ["أول"]);
        drop(writer);
        assert!(
            !log_path(&path).exists(),
            "the last to close empties the log"
        );
        let files = || {
            let mut names: Vec<_> = std::fs::read_dir(dir.path())
                .expect("list")
                .map(|e| e.expect("entry").file_name())
                .collect();
            names.sort();
            names
        };
        let before = files();
        let immutable = Store::open_on_full_disk(&path, "c").expect("immutable");
        assert_eq!(texts(&immutable), ["أول"]);
        assert_eq!(files(), before, "nothing written beside the store");
        // This disk has room: the change reconnects and is made, in the file.
        snapshot
            .add_claim("ثان", Status::Unverified)
            .expect("made once there is room");
        assert!(!snapshot.read_only_on_full_disk());
        drop(snapshot);
        let reopened = Store::open(&path, "d").expect("open");
        assert_eq!(texts(&reopened), ["أول", "ثان"]);
    }
}
