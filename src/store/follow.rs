//! Annotations following their documents when the corpus changes: a file moved with the
//! same content takes its annotations along; a changed document's anchors are found again
//! (`reanchor`); what cannot be found, or whose document is gone, is kept and marked
//! orphaned, never dropped. One journal step.

use rusqlite::types::Value;

use super::anchor::Anchor;
use super::reanchor::reanchor;
use super::{Store, StoreError};

/// A document whose text changed: its id, new content hash and new text.
pub struct ChangedDocument<'a> {
    pub id: &'a str,
    pub hash: &'a str,
    pub text: &'a str,
}

/// An annotation that could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// `mention` or `evidence`.
    pub kind: &'static str,
    pub doc: String,
    pub quote: String,
}

/// What following the documents did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Followed {
    /// Annotations moved to a renamed file's new id.
    pub moved: usize,
    /// Annotations found again at a new place (or with a changed quote).
    pub reanchored: usize,
    /// Annotations whose document changed but whose passage is where it was.
    pub kept: usize,
    pub orphaned: Vec<Orphan>,
}

type Row = (
    i64,
    String,
    usize,
    usize,
    String,
    String,
    String,
    String,
    bool,
);

impl Store {
    /// Moves annotations of `moved` documents (old id, new id), re-anchors those in
    /// `changed` documents, and marks those of `gone` documents orphaned.
    pub fn follow(
        &mut self,
        moved: &[(String, String)],
        changed: &[ChangedDocument<'_>],
        gone: &[String],
    ) -> Result<Followed, StoreError> {
        let author = self.author.clone();
        let mut followed = Followed::default();
        let mut change = self.change()?;
        for table in ["mention", "evidence"] {
            for (old, new) in moved {
                for row in rows(&change, table, old)? {
                    change.update(table, row.0, &[("doc", Value::Text(new.clone()))])?;
                    followed.moved += 1;
                }
            }
            for document in changed {
                for row in rows(&change, table, document.id)? {
                    let (id, _, start, end, quote, prefix, suffix, hash, orphaned) = row;
                    if hash == document.hash && !orphaned {
                        continue;
                    }
                    let found = reanchor(document.text, start..end, &quote, &prefix, &suffix)
                        .and_then(|range| Anchor::new(document.text, range, document.hash).ok());
                    let Some(anchor) = found else {
                        if !orphaned {
                            change.update(table, id, &[("orphaned", Value::Integer(1))])?;
                        }
                        followed.orphaned.push(Orphan {
                            kind: table_kind(table),
                            doc: document.id.to_owned(),
                            quote,
                        });
                        continue;
                    };
                    if anchor.bytes() == (start..end) && anchor.quote == quote {
                        followed.kept += 1;
                    } else {
                        followed.reanchored += 1;
                    }
                    change.update(
                        table,
                        id,
                        &[
                            ("byte_start", int(anchor.byte_start)),
                            ("byte_end", int(anchor.byte_end)),
                            ("quote", Value::Text(anchor.quote)),
                            ("prefix", Value::Text(anchor.prefix)),
                            ("suffix", Value::Text(anchor.suffix)),
                            ("doc_hash", Value::Text(anchor.doc_hash)),
                            ("orphaned", Value::Integer(0)),
                        ],
                    )?;
                }
            }
            for doc in gone {
                for row in rows(&change, table, doc)? {
                    if !row.8 {
                        change.update(table, row.0, &[("orphaned", Value::Integer(1))])?;
                    }
                    followed.orphaned.push(Orphan {
                        kind: table_kind(table),
                        doc: doc.clone(),
                        quote: row.4,
                    });
                }
            }
        }
        change.commit(&author, "follow the changed documents")?;
        Ok(followed)
    }
}

fn table_kind(table: &str) -> &'static str {
    if table == "mention" {
        "mention"
    } else {
        "evidence"
    }
}

fn int(value: usize) -> Value {
    Value::Integer(i64::try_from(value).unwrap_or(i64::MAX))
}

/// The anchored rows of `table` in document `doc`.
fn rows(
    change: &super::journal::Change<'_>,
    table: &str,
    doc: &str,
) -> Result<Vec<Row>, StoreError> {
    let sql = format!(
        "SELECT id, doc, byte_start, byte_end, quote, prefix, suffix, doc_hash, orphaned
         FROM {table} WHERE doc = ?1 ORDER BY id"
    );
    let rows = change
        .tx()
        .prepare(&sql)?
        .query_map([doc], |row| {
            let at = |i| {
                row.get::<_, i64>(i)
                    .map(|v| usize::try_from(v).unwrap_or(0))
            };
            Ok((
                row.get(0)?,
                row.get(1)?,
                at(2)?,
                at(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
