//! The copy groups on disk: `copies.sqlite` beside the index's manifest. Derived data like
//! the index (made again from the documents whenever it is missing, unreadable or of
//! another scheme), but kept across index rebuilds: a signature is keyed by the content
//! hash of its document, so a rebuild reuses every one.
//!
//! Each document is a row with its signature and its group; the signature's bands are rows
//! of their own, so placing a new document is a few indexed lookups, not a pass over the
//! corpus. Groups are the connected parts of the "copy of" relation: a document joins (and
//! joins together) the groups of every document it is a copy of. Removing a document splits
//! its group again where it was the only link.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::signature::{SCHEME, Signature, THRESHOLD};
use super::{Group, Member};

/// What went wrong with the copies file. Says which file.
#[derive(Debug, thiserror::Error)]
#[error("the copies file {path} failed: {source}")]
pub struct CopiesError {
    pub path: PathBuf,
    #[source]
    pub source: rusqlite::Error,
}

/// A document to place: its id, content hash, published date as given, and signature
/// (`None`: it has no words, and is nobody's copy).
#[derive(Debug, Clone)]
pub struct Placed {
    pub id: String,
    pub hash: String,
    pub published: Option<String>,
    pub signature: Option<Signature>,
}

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS doc (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL,
        published TEXT,
        -- the published date as Unix seconds (midnight UTC), when it reads as a date
        at INTEGER,
        -- empty: no words
        sig BLOB NOT NULL,
        grp INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS doc_grp ON doc (grp);
    CREATE INDEX IF NOT EXISTS doc_hash ON doc (hash);
    CREATE TABLE IF NOT EXISTS band (
        key INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (key, n)
    ) WITHOUT ROWID;
";

/// The copy groups of one workspace.
pub struct CopyStore {
    conn: Connection,
    path: PathBuf,
}

/// Up to this many members, a group that lost one compares every pair of the rest.
const PAIRWISE_UP_TO: usize = 64;

/// One row of `doc`, as grouping needs it.
struct Row {
    n: i64,
    signature: Option<Signature>,
}

impl CopyStore {
    /// Opens (creating) the copies file at `path`. One that cannot be read, or holds
    /// signatures of another scheme, is emptied: everything in it is made again.
    pub fn open(path: &Path) -> Result<CopyStore, CopiesError> {
        if let Ok(store) = Self::open_as_is(path) {
            return Ok(store);
        }
        // Derived data: a damaged file is replaced, never repaired.
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
        Self::open_as_is(path)
    }

    fn open_as_is(path: &Path) -> Result<CopyStore, CopiesError> {
        let error = |source| CopiesError {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(error)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(error)?;
        // WAL: readers (the workbench) never wait for a refresh. NORMAL: a power cut may
        // lose the last refresh, which the next one makes again; it never corrupts.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(error)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(error)?;
        // The band table is looked up at random keys: at 100k documents it is 80 MB, and
        // with SQLite's default 2 MB cache placing them read pages from the kernel most of
        // the time (half of the grouping's time). Mapped and cached, it is read once.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)
            .map_err(error)?;
        conn.pragma_update(None, "cache_size", -(128i64 << 10))
            .map_err(error)?;
        conn.execute_batch(SCHEMA).map_err(error)?;
        let scheme: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'scheme'", [], |row| {
                row.get(0)
            })
            .optional()
            .map_err(error)?;
        if scheme.as_deref() != Some(SCHEME) {
            conn.execute_batch(
                "BEGIN IMMEDIATE; DELETE FROM band; DELETE FROM doc; \
                 INSERT OR REPLACE INTO meta (key, value) VALUES ('scheme', '');",
            )
            .map_err(error)?;
            conn.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'scheme'",
                params![SCHEME],
            )
            .map_err(error)?;
            conn.execute_batch("COMMIT").map_err(error)?;
        }
        Ok(CopyStore {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens the copies file at `path` to read, when there is one.
    pub fn open_existing(path: &Path) -> Result<Option<CopyStore>, CopiesError> {
        if !path.is_file() {
            return Ok(None);
        }
        Self::open(path).map(Some)
    }

    #[cfg(test)]
    pub(crate) fn conn_for_tests(&self) -> &Connection {
        &self.conn
    }

    fn error(&self, source: rusqlite::Error) -> CopiesError {
        CopiesError {
            path: self.path.clone(),
            source,
        }
    }

    /// Every document placed, with its content hash.
    pub fn known(&self) -> Result<HashMap<String, String>, CopiesError> {
        let mut statement = self
            .conn
            .prepare("SELECT id, hash FROM doc")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }

    /// The signature already made of a text with content hash `hash`, if any document
    /// placed has that text: `Some(None)` when that text has no words.
    pub fn signature_of_hash(&self, hash: &str) -> Result<Option<Option<Signature>>, CopiesError> {
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT sig FROM doc WHERE hash = ?1 LIMIT 1",
                [hash],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        Ok(bytes.map(|bytes| Signature::from_bytes(&bytes)))
    }

    /// Takes out the documents `removed` (ids), then places `added`, in one transaction. A
    /// document whose text changed is in both.
    pub fn apply(&mut self, removed: &[String], added: &[Placed]) -> Result<(), CopiesError> {
        let path = self.path.clone();
        let error = |source| CopiesError {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(error)?;
        let mut touched: HashSet<i64> = HashSet::new();
        for id in removed {
            let row: Option<(i64, Vec<u8>, i64)> = tx
                .query_row("SELECT n, sig, grp FROM doc WHERE id = ?1", [id], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })
                .optional()
                .map_err(error)?;
            let Some((n, sig, grp)) = row else { continue };
            if let Some(signature) = Signature::from_bytes(&sig) {
                let mut delete = tx
                    .prepare_cached("DELETE FROM band WHERE key = ?1 AND n = ?2")
                    .map_err(error)?;
                for key in signature.bands() {
                    delete.execute(params![key, n]).map_err(error)?;
                }
            }
            tx.execute("DELETE FROM doc WHERE n = ?1", [n])
                .map_err(error)?;
            touched.insert(grp);
        }
        for grp in touched {
            split(&tx, grp).map_err(error)?;
        }
        place_all(&tx, added).map_err(error)?;
        tx.commit().map_err(error)
    }

    /// Every group of two documents or more, origins in id order.
    pub fn groups(&self) -> Result<Vec<Group>, CopiesError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT grp, id, published, at, sig FROM doc WHERE grp IN \
                 (SELECT grp FROM doc GROUP BY grp HAVING COUNT(*) > 1) ORDER BY grp",
            )
            .map_err(|e| self.error(e))?;
        let mut by_group: BTreeMap<i64, Vec<Candidate>> = BTreeMap::new();
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    Candidate {
                        doc: row.get(1)?,
                        published: row.get(2)?,
                        at: row.get(3)?,
                        signature: Signature::from_bytes(&row.get::<_, Vec<u8>>(4)?),
                    },
                ))
            })
            .map_err(|e| self.error(e))?;
        for row in rows {
            let (grp, candidate) = row.map_err(|e| self.error(e))?;
            by_group.entry(grp).or_default().push(candidate);
        }
        let mut groups: Vec<Group> = by_group.into_values().filter_map(arrange).collect();
        groups.sort_by(|a, b| a.origin.doc.cmp(&b.origin.doc));
        Ok(groups)
    }

    /// The group of document `id`, when it has copies.
    pub fn group_of(&self, id: &str) -> Result<Option<Group>, CopiesError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT id, published, at, sig FROM doc WHERE grp = \
                 (SELECT grp FROM doc WHERE id = ?1)",
            )
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([id], |row| {
                Ok(Candidate {
                    doc: row.get(0)?,
                    published: row.get(1)?,
                    at: row.get(2)?,
                    signature: Signature::from_bytes(&row.get::<_, Vec<u8>>(3)?),
                })
            })
            .map_err(|e| self.error(e))?;
        let members = rows
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))?;
        Ok(arrange(members))
    }

    /// Each document of a copy group: how many other documents the group holds, and the
    /// origin when it is a copy (`None` on the origin). What the workbench's lists say,
    /// read without the signatures (no similarity is needed).
    pub fn marks(&self) -> Result<HashMap<String, (usize, Option<String>)>, CopiesError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT grp, id, at FROM doc WHERE grp IN \
                 (SELECT grp FROM doc GROUP BY grp HAVING COUNT(*) > 1)",
            )
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<i64>>(2)?,
                ))
            })
            .map_err(|e| self.error(e))?;
        let mut by_group: HashMap<i64, Vec<(String, Option<i64>)>> = HashMap::new();
        for row in rows {
            let (grp, id, at) = row.map_err(|e| self.error(e))?;
            by_group.entry(grp).or_default().push((id, at));
        }
        let mut marks = HashMap::new();
        for members in by_group.into_values() {
            marks.extend(group_marks(members));
        }
        Ok(marks)
    }

    /// Document `id`'s mark as [`CopyStore::marks`] gives it, read alone (for a page of
    /// search results); `None` when it has no copies.
    pub fn mark_of(&self, id: &str) -> Result<Option<(usize, Option<String>)>, CopiesError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, at FROM doc WHERE grp = (SELECT grp FROM doc WHERE id = ?1)",
            )
            .map_err(|e| self.error(e))?;
        let members = statement
            .query_map([id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, Option<i64>>(1)?))
            })
            .map_err(|e| self.error(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))?;
        if members.len() < 2 {
            return Ok(None);
        }
        Ok(group_marks(members)
            .find(|(member, _)| member == id)
            .map(|(_, mark)| mark))
    }
}

/// Each member of a group (id, published day): how many others the group holds, and its
/// origin when it is a copy.
fn group_marks(
    members: Vec<(String, Option<i64>)>,
) -> impl Iterator<Item = (String, (usize, Option<String>))> {
    let origin = members
        .iter()
        .min_by_key(|(id, at)| origin_order(*at, id))
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let others = members.len().saturating_sub(1);
    members.into_iter().map(move |(id, _)| {
        let copy_of = (id != origin).then(|| origin.clone());
        (id, (others, copy_of))
    })
}

/// The order a group's members are published in, as its origin is chosen: dated before
/// undated, earlier first, and on one date the least id.
fn origin_order(at: Option<i64>, doc: &str) -> (bool, Option<i64>, &str) {
    (at.is_none(), at, doc)
}

/// A member before the origin is chosen.
struct Candidate {
    doc: String,
    published: Option<String>,
    at: Option<i64>,
    signature: Option<Signature>,
}

/// A group's members arranged: the origin is the earliest published (dated before
/// undated; on the same date, the least id), the copies in published order then id, each
/// with its similarity to the origin. `None` for a document alone.
fn arrange(mut members: Vec<Candidate>) -> Option<Group> {
    if members.len() < 2 {
        return None;
    }
    members.sort_by(|a, b| origin_order(a.at, &a.doc).cmp(&origin_order(b.at, &b.doc)));
    let mut members = members.into_iter();
    let origin = members.next()?;
    let copies = members
        .map(|copy| {
            let similarity = match (&origin.signature, &copy.signature) {
                (Some(a), Some(b)) => a.similarity(b),
                _ => 0.0,
            };
            Member {
                doc: copy.doc,
                published: copy.published,
                similarity,
            }
        })
        .collect();
    Some(Group {
        origin: Member {
            doc: origin.doc,
            published: origin.published,
            similarity: 1.0,
        },
        copies,
    })
}

/// A band key shared by more documents than this (text that is nearly all boilerplate,
/// say) pairs each of them only with the first and the one before, not with every other:
/// enough to join a run of copies, without a quadratic number of pairs.
const RUN_PAIRED_WHOLE: usize = 64;

/// Places documents: their rows and bands, and their groups joined with those of the
/// documents each is a copy of, among those already placed and among themselves.
///
/// The candidates among themselves are found in memory (their band keys sorted, equal keys
/// side by side), and the bands are written in key order: a corpus grouped from nothing is
/// one sort, not a B-tree lookup per band. Only documents placed before are looked up.
fn place_all(tx: &rusqlite::Transaction<'_>, added: &[Placed]) -> rusqlite::Result<()> {
    if added.is_empty() {
        return Ok(());
    }
    let placed_before: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM doc)", [], |row| row.get(0))?;
    // Rows first, each its own group (0 until named after its row below).
    let mut rows: Vec<i64> = Vec::with_capacity(added.len());
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO doc (id, hash, published, at, sig, grp) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
        )?;
        for placed in added {
            let at = placed
                .published
                .as_deref()
                .and_then(|date| crate::corpus::date_timestamp(date.trim()));
            let sig = placed
                .signature
                .as_ref()
                .map(Signature::to_bytes)
                .unwrap_or_default();
            insert.execute(params![placed.id, placed.hash, placed.published, at, sig])?;
            rows.push(tx.last_insert_rowid());
        }
    }
    tx.execute("UPDATE doc SET grp = n WHERE grp = 0", [])?;
    // Every group a copy joins: edges between rows.
    let mut edges: Vec<(i64, i64)> = Vec::new();
    if placed_before {
        let mut lookup = tx.prepare_cached("SELECT n FROM band WHERE key = ?1")?;
        let mut row_sig = tx.prepare_cached("SELECT sig FROM doc WHERE n = ?1")?;
        let mut known: HashMap<i64, Option<Signature>> = HashMap::new();
        for (placed, &n) in added.iter().zip(&rows) {
            let Some(signature) = &placed.signature else {
                continue;
            };
            let mut candidates: HashSet<i64> = HashSet::new();
            for key in signature.bands() {
                for other in lookup.query_map([key], |row| row.get::<_, i64>(0))? {
                    candidates.insert(other?);
                }
            }
            for other in candidates {
                let known = match known.entry(other) {
                    std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                    std::collections::hash_map::Entry::Vacant(entry) => {
                        let bytes: Vec<u8> = row_sig.query_row([other], |row| row.get(0))?;
                        entry.insert(Signature::from_bytes(&bytes))
                    }
                };
                if known
                    .as_ref()
                    .is_some_and(|s| s.similarity(signature) >= THRESHOLD)
                {
                    edges.push((n, other));
                }
            }
        }
    }
    let mut keys: Vec<(i64, u32)> = Vec::with_capacity(added.len() * super::BANDS);
    for (i, placed) in added.iter().enumerate() {
        if let Some(signature) = &placed.signature {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            keys.extend(signature.bands().into_iter().map(|key| (key, i)));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0) {
        if run.len() <= RUN_PAIRED_WHOLE {
            for (x, a) in run.iter().enumerate() {
                pairs.extend(run[x + 1..].iter().map(|b| (a.1, b.1)));
            }
        } else {
            for (x, b) in run.iter().enumerate().skip(1) {
                pairs.push((run[0].1, b.1));
                pairs.push((run[x - 1].1, b.1));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let signature = |i: u32| added[i as usize].signature.as_ref();
    for (a, b) in pairs {
        if let (Some(x), Some(y)) = (signature(a), signature(b))
            && x.similarity(y) >= THRESHOLD
        {
            edges.push((rows[a as usize], rows[b as usize]));
        }
    }
    join(tx, &edges)?;
    let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO band (key, n) VALUES (?1, ?2)")?;
    for (key, i) in keys {
        insert.execute(params![key, rows[i as usize]])?;
    }
    Ok(())
}

/// Joins the groups of the two rows of each edge: each connected set of groups takes the
/// least group's name.
fn join(tx: &rusqlite::Transaction<'_>, edges: &[(i64, i64)]) -> rusqlite::Result<()> {
    if edges.is_empty() {
        return Ok(());
    }
    let mut group_of_row = tx.prepare_cached("SELECT grp FROM doc WHERE n = ?1")?;
    let mut grp: HashMap<i64, i64> = HashMap::new();
    let mut parent: HashMap<i64, i64> = HashMap::new();
    for &(a, b) in edges {
        for n in [a, b] {
            if let std::collections::hash_map::Entry::Vacant(entry) = grp.entry(n) {
                entry.insert(group_of_row.query_row([n], |row| row.get(0))?);
            }
        }
        let (ra, rb) = (
            group_root(&mut parent, grp[&a]),
            group_root(&mut parent, grp[&b]),
        );
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
            parent.entry(ra.min(rb)).or_insert(ra.min(rb));
        }
    }
    let groups: Vec<i64> = parent.keys().copied().collect();
    let mut rename = tx.prepare_cached("UPDATE doc SET grp = ?1 WHERE grp = ?2")?;
    for g in groups {
        let r = group_root(&mut parent, g);
        if r != g {
            rename.execute(params![r, g])?;
        }
    }
    Ok(())
}

/// The root of `i` in a union-find forest, halving the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The root of group `g` in a union-find forest of group names (a name absent is a root).
fn group_root(parent: &mut HashMap<i64, i64>, g: i64) -> i64 {
    let mut r = g;
    while let Some(&p) = parent.get(&r) {
        if p == r {
            break;
        }
        r = p;
    }
    let mut at = g;
    while at != r {
        let next = parent.get(&at).copied().unwrap_or(r);
        parent.insert(at, r);
        at = next;
    }
    r
}

/// After a member of group `grp` left: its members split into the connected parts of the
/// "copy of" relation among them, each named by its least row.
fn split(tx: &rusqlite::Transaction<'_>, grp: i64) -> rusqlite::Result<()> {
    let members: Vec<Row> = {
        let mut statement = tx.prepare_cached("SELECT n, sig FROM doc WHERE grp = ?1")?;
        statement
            .query_map([grp], |row| {
                Ok(Row {
                    n: row.get(0)?,
                    signature: Signature::from_bytes(&row.get::<_, Vec<u8>>(1)?),
                })
            })?
            .collect::<Result<_, _>>()?
    };
    if members.len() < 2 {
        if let Some(only) = members.first() {
            tx.prepare_cached("UPDATE doc SET grp = ?1 WHERE n = ?1")?
                .execute([only.n])?;
        }
        return Ok(());
    }
    // Union-find over the members. A group is mostly a handful of documents, every pair
    // compared; a large one (boilerplate can make one) pairs only band candidates.
    let mut parent: Vec<usize> = (0..members.len()).collect();
    let copies = |i: usize, j: usize| match (&members[i].signature, &members[j].signature) {
        (Some(a), Some(b)) => a.similarity(b) >= THRESHOLD,
        _ => false,
    };
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    if members.len() <= PAIRWISE_UP_TO {
        for i in 0..members.len() {
            pairs.extend((i + 1..members.len()).map(|j| (i, j)));
        }
    } else {
        let at: HashMap<i64, usize> = members.iter().enumerate().map(|(i, m)| (m.n, i)).collect();
        let mut lookup = tx.prepare_cached("SELECT n FROM band WHERE key = ?1")?;
        for (i, member) in members.iter().enumerate() {
            let Some(signature) = &member.signature else {
                continue;
            };
            for key in signature.bands() {
                for other in lookup.query_map([key], |row| row.get::<_, i64>(0))? {
                    if let Some(&j) = at.get(&other?)
                        && i < j
                    {
                        pairs.push((i, j));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
    }
    for (i, j) in pairs {
        if copies(i, j) {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut name: HashMap<usize, i64> = HashMap::new();
    for (i, member) in members.iter().enumerate() {
        let r = root(&mut parent, i);
        let least = name.entry(r).or_insert(member.n);
        *least = (*least).min(member.n);
    }
    let mut update = tx.prepare_cached("UPDATE doc SET grp = ?1 WHERE n = ?2")?;
    for (i, member) in members.iter().enumerate() {
        let r = root(&mut parent, i);
        update.execute(params![name[&r], member.n])?;
    }
    Ok(())
}
