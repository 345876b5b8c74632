//! Annotations following their documents when the corpus changes: a file moved with the
//! same content takes its annotations along; a changed document's anchors are found again
//! (`reanchor`); what cannot be found, or whose document is gone, is kept and marked
//! orphaned, never dropped. One journal step.

use rusqlite::types::Value;

use super::anchor::Anchor;
use super::columns::{ANCHOR_COLUMNS, anchor_from_row, anchor_values};
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
    /// Annotations (and document notes) moved to a renamed file's new id.
    pub moved: usize,
    /// Annotations found again at a new place (or with a changed quote).
    pub reanchored: usize,
    /// Annotations whose document changed but whose passage is where it was.
    pub kept: usize,
    pub orphaned: Vec<Orphan>,
}

/// An anchored row: its id, its anchor, whether it is orphaned.
type Row = (i64, Anchor, bool);

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
                for (id, old, orphaned) in rows(&change, table, document.id)? {
                    if old.doc_hash == document.hash && !orphaned {
                        continue;
                    }
                    let found = reanchor(
                        document.text,
                        old.bytes(),
                        &old.quote,
                        &old.prefix,
                        &old.suffix,
                    )
                    .and_then(|range| Anchor::new(document.text, range, document.hash).ok());
                    let Some(anchor) = found else {
                        if !orphaned {
                            change.update(table, id, &[("orphaned", Value::Integer(1))])?;
                        }
                        followed.orphaned.push(Orphan {
                            kind: table_kind(table),
                            doc: document.id.to_owned(),
                            quote: old.quote,
                        });
                        continue;
                    };
                    if anchor.bytes() == old.bytes() && anchor.quote == old.quote {
                        followed.kept += 1;
                    } else {
                        followed.reanchored += 1;
                    }
                    let mut values = anchor_values(&anchor).to_vec();
                    values.push(("orphaned", Value::Integer(0)));
                    change.update(table, id, &values)?;
                }
            }
            for doc in gone {
                for (id, anchor, orphaned) in rows(&change, table, doc)? {
                    if !orphaned {
                        change.update(table, id, &[("orphaned", Value::Integer(1))])?;
                    }
                    followed.orphaned.push(Orphan {
                        kind: table_kind(table),
                        doc: doc.clone(),
                        quote: anchor.quote,
                    });
                }
            }
        }
        // The review state, tags and note of a moved file go with it.
        for (old, new) in moved {
            if super::doc_notes::move_doc_note(&mut change, old, new)? {
                followed.moved += 1;
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

/// The anchored rows of `table` in document `doc`.
fn rows(
    change: &super::journal::Change<'_>,
    table: &str,
    doc: &str,
) -> Result<Vec<Row>, StoreError> {
    let sql =
        format!("SELECT id, {ANCHOR_COLUMNS}, orphaned FROM {table} WHERE doc = ?1 ORDER BY id");
    let rows = change
        .tx()
        .prepare(&sql)?
        .query_map([doc], |row| {
            Ok((row.get(0)?, anchor_from_row(row, 1)?, row.get(7)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
