//! The team's documents in its database: files shared by content, and followed by every
//! member's workspace in the order they were shared.

use std::collections::BTreeSet;

use postgres::Transaction;

use super::{Remote, TeamError};
use crate::team::schema;

/// Bytes of files shared in one transaction, at most (a larger file goes alone).
const SHARE_BATCH_BYTES: usize = 64 * 1024 * 1024;

/// Bytes of documents fetched in one query, at most (a larger file comes alone).
const FETCH_BATCH_BYTES: u64 = 32 * 1024 * 1024;

/// Documents fetched in one query, at most.
const FETCH_BATCH: usize = 200;

/// Documents read from the team's list at a time.
const FOLLOW_BATCH: i64 = 1000;

/// A file to share: its path in the corpus folder (`/`-separated) and its bytes.
pub struct Sharing<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// What sharing did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Shared {
    /// Paths the team did not have.
    pub new: usize,
    /// Paths the team had with other bytes.
    pub changed: usize,
    /// Paths the team had with the same bytes.
    pub unchanged: usize,
    /// Bytes sent (bytes the team holds under another path are not sent again).
    pub bytes_sent: u64,
}

/// A document of the team's list: where it goes, its bytes' hash, whether it was taken out
/// of the team, and the number of its last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamDocument {
    pub path: String,
    pub hash: String,
    pub removed: bool,
    pub seq: i64,
}

/// The hash the team keys a file's bytes by: BLAKE3, hexadecimal.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

impl Remote {
    /// Shares `files` with the team, in transactions of up to [`SHARE_BATCH_BYTES`]: each
    /// file's bytes are sent once (by hash), its path points at them, and members following
    /// the list get it.
    pub fn share(&mut self, author: &str, files: &[Sharing<'_>]) -> Result<Shared, TeamError> {
        let mut shared = Shared::default();
        let mut start = 0;
        while start < files.len() {
            let mut end = start;
            let mut bytes = 0;
            while end < files.len()
                && (end == start || bytes + files[end].bytes.len() <= SHARE_BATCH_BYTES)
            {
                bytes += files[end].bytes.len();
                end += 1;
            }
            let batch = self.share_batch(author, &files[start..end])?;
            shared.new += batch.new;
            shared.changed += batch.changed;
            shared.unchanged += batch.unchanged;
            shared.bytes_sent += batch.bytes_sent;
            start = end;
        }
        Ok(shared)
    }

    fn share_batch(&mut self, author: &str, files: &[Sharing<'_>]) -> Result<Shared, TeamError> {
        let schema = self.schema.clone();
        let client = self.client()?;
        let outcome = (|| -> Result<Shared, postgres::Error> {
            let mut tx = client.transaction()?;
            let hashes: Vec<String> = files.iter().map(|f| content_hash(f.bytes)).collect();
            let mut known: BTreeSet<String> = tx
                .query(
                    &format!("SELECT hash FROM {schema}.blob WHERE hash = ANY($1)"),
                    &[&hashes],
                )?
                .iter()
                .map(|row| row.get(0))
                .collect();
            let mut shared = Shared::default();
            let mut changed_paths: Vec<&str> = Vec::new();
            for (file, hash) in files.iter().zip(&hashes) {
                if !known.contains(hash) {
                    let size = i64::try_from(file.bytes.len()).unwrap_or(i64::MAX);
                    tx.execute(
                        &format!(
                            "INSERT INTO {schema}.blob (hash, content, size) VALUES ($1, $2, $3) \
                             ON CONFLICT (hash) DO NOTHING"
                        ),
                        &[hash, &file.bytes, &size],
                    )?;
                    shared.bytes_sent += file.bytes.len() as u64;
                    known.insert(hash.clone());
                }
                let before: Option<(String, bool)> = tx
                    .query_opt(
                        &format!(
                            "SELECT hash, removed FROM {schema}.document WHERE path = $1 FOR UPDATE"
                        ),
                        &[&file.path],
                    )?
                    .map(|row| (row.get(0), row.get(1)));
                if before.as_ref().is_some_and(|(_, removed)| *removed) {
                    // Brought back: the `removed` column is the admins' alone.
                    tx.execute(
                        &format!("UPDATE {schema}.document SET removed = false WHERE path = $1"),
                        &[&file.path],
                    )?;
                }
                match before {
                    Some((same, false)) if same == *hash => shared.unchanged += 1,
                    other => {
                        if other.as_ref().is_some_and(|(same, _)| same == hash) {
                            shared.new += 1;
                        } else if other.is_some() {
                            shared.changed += 1;
                        } else {
                            shared.new += 1;
                        }
                        changed_paths.push(file.path);
                        tx.execute(
                            &format!(
                                "INSERT INTO {schema}.document (path, hash, added_by, seq) \
                                 VALUES ($1, $2, $3, 0) ON CONFLICT (path) DO UPDATE SET \
                                 hash = excluded.hash, added_by = excluded.added_by, \
                                 added_at = now()"
                            ),
                            &[&file.path, hash, &author],
                        )?;
                    }
                }
            }
            if !changed_paths.is_empty() {
                number(&mut tx, &schema, &changed_paths)?;
            }
            tx.commit()?;
            Ok(shared)
        })();
        outcome.map_err(|error| self.failed(&error))
    }

    /// Takes the documents at `paths` out of the team (an admin's right): each stays listed
    /// as removed, so the members' workspaces take it out too. The paths the team had.
    pub fn remove_documents(
        &mut self,
        author: &str,
        paths: &[&str],
    ) -> Result<Vec<String>, TeamError> {
        let schema = self.schema.clone();
        let client = self.client()?;
        let outcome = (|| -> Result<Vec<String>, postgres::Error> {
            let mut tx = client.transaction()?;
            let removed: Vec<String> = tx
                .query(
                    &format!(
                        "UPDATE {schema}.document SET removed = true, added_by = $2, \
                         added_at = now() WHERE path = ANY($1) AND NOT removed RETURNING path"
                    ),
                    &[&paths, &author],
                )?
                .iter()
                .map(|row| row.get(0))
                .collect();
            if !removed.is_empty() {
                let numbered: Vec<&str> = removed.iter().map(String::as_str).collect();
                number(&mut tx, &schema, &numbered)?;
            }
            tx.commit()?;
            Ok(removed)
        })();
        outcome.map_err(|error| self.failed(&error))
    }

    /// Whether the list has documents after number `seq` and path `path`.
    pub fn documents_waiting(&mut self, seq: i64, path: &str) -> Result<bool, TeamError> {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM {}.document WHERE (seq, path) > ($1, $2))",
            self.schema
        );
        let client = self.client()?;
        match client.query_one(&sql, &[&seq, &path]) {
            Ok(row) => Ok(row.get(0)),
            Err(error) => Err(self.failed(&error)),
        }
    }

    /// The number of the team's last change to its documents.
    pub fn documents_head(&mut self) -> Result<i64, TeamError> {
        let sql = format!("SELECT seq FROM {}.document_head", self.schema);
        let client = self.client()?;
        match client.query_one(&sql, &[]) {
            Ok(row) => Ok(row.get(0)),
            Err(error) => Err(self.failed(&error)),
        }
    }

    /// The documents after number `seq` and path `path` in the list's order (number, then
    /// path), a batch of them.
    pub fn documents_after(
        &mut self,
        seq: i64,
        path: &str,
    ) -> Result<Vec<TeamDocument>, TeamError> {
        let sql = format!(
            "SELECT path, hash, removed, seq FROM {}.document WHERE (seq, path) > ($1, $2) \
             ORDER BY seq, path LIMIT $3",
            self.schema
        );
        let client = self.client()?;
        match client.query(&sql, &[&seq, &path, &FOLLOW_BATCH]) {
            Ok(rows) => Ok(rows
                .iter()
                .map(|row| TeamDocument {
                    path: row.get(0),
                    hash: row.get(1),
                    removed: row.get(2),
                    seq: row.get(3),
                })
                .collect()),
            Err(error) => Err(self.failed(&error)),
        }
    }

    /// `hashes` in groups whose bytes together stay under [`FETCH_BATCH_BYTES`] (a larger
    /// file alone), to fetch a group at a time.
    pub fn blob_groups<'h>(&mut self, hashes: &[&'h str]) -> Result<Vec<Vec<&'h str>>, TeamError> {
        if hashes.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT hash, size FROM {}.blob WHERE hash = ANY($1)",
            self.schema
        );
        let client = self.client()?;
        let sizes: std::collections::HashMap<String, i64> = match client.query(&sql, &[&hashes]) {
            Ok(rows) => rows.iter().map(|row| (row.get(0), row.get(1))).collect(),
            Err(error) => return Err(self.failed(&error)),
        };
        let mut groups: Vec<Vec<&'h str>> = Vec::new();
        let mut bytes = 0u64;
        for &hash in hashes {
            let size = sizes
                .get(hash)
                .map_or(0, |&s| u64::try_from(s).unwrap_or(0));
            match groups.last_mut() {
                Some(group) if bytes + size <= FETCH_BATCH_BYTES && group.len() < FETCH_BATCH => {
                    group.push(hash);
                    bytes += size;
                }
                _ => {
                    groups.push(vec![hash]);
                    bytes = size;
                }
            }
        }
        Ok(groups)
    }

    /// The bytes the team holds under each of `hashes`, by hash (one query).
    pub fn blobs(
        &mut self,
        hashes: &[&str],
    ) -> Result<std::collections::HashMap<String, Vec<u8>>, TeamError> {
        let sql = format!(
            "SELECT hash, content FROM {}.blob WHERE hash = ANY($1)",
            self.schema
        );
        let client = self.client()?;
        match client.query(&sql, &[&hashes]) {
            Ok(rows) => Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect()),
            Err(error) => Err(self.failed(&error)),
        }
    }

    /// The bytes the team holds under `hash`.
    pub fn blob(&mut self, hash: &str) -> Result<Vec<u8>, TeamError> {
        let sql = format!("SELECT content FROM {}.blob WHERE hash = $1", self.schema);
        let client = self.client()?;
        match client.query_opt(&sql, &[&hash]) {
            Ok(Some(row)) => Ok(row.get(0)),
            Ok(None) => Err(TeamError::Database {
                database: self.database.clone(),
                message: format!("the team's list names bytes it does not hold ({hash})"),
            }),
            Err(error) => Err(self.failed(&error)),
        }
    }
}

/// Gives `paths` the next number of the document list and tells the members. The number is
/// taken last, holding the head until the commit: numbers are handed out in commit order,
/// so a member that has read up to N has every change numbered N or less.
fn number(tx: &mut Transaction<'_>, schema: &str, paths: &[&str]) -> Result<(), postgres::Error> {
    let seq: i64 = tx
        .query_one(
            &format!("UPDATE {schema}.document_head SET seq = seq + 1 RETURNING seq"),
            &[],
        )?
        .get(0);
    tx.execute(
        &format!("UPDATE {schema}.document SET seq = $1 WHERE path = ANY($2)"),
        &[&seq, &paths],
    )?;
    tx.execute(
        "SELECT pg_notify($1, 'documents')",
        &[&schema::channel(schema)],
    )?;
    Ok(())
}
