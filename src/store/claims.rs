//! Claims ("144 killed", "ISIS claimed responsibility") and their evidence: passages of
//! documents that support, refute or only mention them. Every change is one journaled step,
//! undoable like the entities'.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::columns::{ANCHOR_COLUMNS, anchor_from_row, anchor_values, int, text};
use super::{Anchor, Store, StoreError};

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Unverified,
    Supported,
    Disputed,
    Refuted,
    True,
    False,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Unverified,
        Status::Supported,
        Status::Disputed,
        Status::Refuted,
        Status::True,
        Status::False,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::Supported => "supported",
            Status::Disputed => "disputed",
            Status::Refuted => "refuted",
            Status::True => "true",
            Status::False => "false",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }
}

/// How a passage bears on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    Supports,
    Refutes,
    Mentions,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Supports, Stance::Refutes, Stance::Mentions];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Mentions => "mentions",
        }
    }

    pub fn parse(text: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }
}

/// A claim as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: i64,
    pub text: String,
    pub status: Status,
    pub verdict: String,
    /// RFC 3339, UTC.
    pub created: String,
    pub updated: String,
}

/// One passage linked to a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub id: i64,
    pub claim: i64,
    pub doc: String,
    pub anchor: Anchor,
    pub stance: Stance,
    pub note: String,
    /// Its passage was not found again after the document changed.
    pub orphaned: bool,
}

fn claim_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Claim> {
    let status: String = row.get(2)?;
    Ok(Claim {
        id: row.get(0)?,
        text: row.get(1)?,
        status: Status::parse(&status).unwrap_or(Status::Unverified),
        verdict: row.get(3)?,
        created: row.get(4)?,
        updated: row.get(5)?,
    })
}

fn evidence_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    let stance: String = row.get(9)?;
    Ok(Evidence {
        id: row.get(0)?,
        claim: row.get(1)?,
        doc: row.get(2)?,
        anchor: anchor_from_row(row, 3)?,
        stance: Stance::parse(&stance).unwrap_or(Stance::Mentions),
        note: row.get(10)?,
        orphaned: row.get(11)?,
    })
}

fn insert_evidence(
    change: &mut super::journal::Change<'_>,
    claim: i64,
    doc: &str,
    anchor: &Anchor,
    stance: Stance,
    note: &str,
) -> Result<i64, StoreError> {
    let mut values = vec![("claim", Value::Integer(claim)), ("doc", text(doc))];
    values.extend(anchor_values(anchor));
    values.push(("stance", text(stance.as_str())));
    values.push(("note", text(note.trim())));
    change.insert("evidence", &values)
}

const CLAIM_COLUMNS: &str = "id, text, status, verdict, created, updated";
/// The columns `evidence_from_row` reads.
fn evidence_columns() -> String {
    format!("id, claim, doc, {ANCHOR_COLUMNS}, stance, note, orphaned")
}

impl Store {
    /// Records a claim; returns its id.
    pub fn add_claim(&mut self, claim: &str, status: Status) -> Result<i64, StoreError> {
        self.add_claim_from(claim, status, None)
    }

    /// Records a claim and, in the same step, the passage it was read in as supporting
    /// evidence; returns its id.
    pub fn add_claim_from(
        &mut self,
        claim: &str,
        status: Status,
        passage: Option<(&str, &Anchor)>,
    ) -> Result<i64, StoreError> {
        let claim = claim.split_whitespace().collect::<Vec<_>>().join(" ");
        if claim.is_empty() {
            return Err(StoreError::Invalid("a claim needs some text".to_owned()));
        }
        let author = self.author.clone();
        let now = super::now();
        let mut change = self.change()?;
        let id = change.insert(
            "claim",
            &[
                ("text", text(&claim)),
                ("status", text(status.as_str())),
                ("created", text(&now)),
                ("updated", text(&now)),
            ],
        )?;
        if let Some((doc, anchor)) = passage {
            insert_evidence(&mut change, id, doc, anchor, Stance::Supports, "")?;
        }
        change.commit(&author, &format!("claim {claim}"))?;
        Ok(id)
    }

    /// Changes a claim's text, status or verdict (whichever is given).
    pub fn update_claim(
        &mut self,
        id: i64,
        claim: Option<&str>,
        status: Option<Status>,
        verdict: Option<&str>,
    ) -> Result<(), StoreError> {
        let author = self.author.clone();
        let mut values = vec![("updated", text(&super::now()))];
        let mut what = Vec::new();
        if let Some(claim) = claim {
            let claim = claim.split_whitespace().collect::<Vec<_>>().join(" ");
            if claim.is_empty() {
                return Err(StoreError::Invalid("a claim needs some text".to_owned()));
            }
            values.push(("text", text(&claim)));
            what.push("text");
        }
        if let Some(status) = status {
            values.push(("status", text(status.as_str())));
            what.push(status.as_str());
        }
        if let Some(verdict) = verdict {
            values.push(("verdict", text(verdict.trim())));
            what.push("verdict");
        }
        let mut change = self.change()?;
        change.update("claim", id, &values)?;
        change.commit(&author, &format!("claim {id}: {}", what.join(", ")))?;
        Ok(())
    }

    /// [`Store::update_claim`], made only if the claim still reads as `seen` (what the
    /// analyst was looking at when the change began: its text, status and verdict): a claim
    /// another member or process changed or deleted meanwhile is refused, saying who and
    /// what it reads now, never overwritten unseen and never swapped for another.
    pub fn update_claim_seen(
        &mut self,
        seen: &Claim,
        claim: Option<&str>,
        status: Option<Status>,
        verdict: Option<&str>,
    ) -> Result<(), StoreError> {
        let now = self.claim(seen.id)?;
        let unchanged = now.as_ref().is_some_and(|now| {
            now.text == seen.text && now.status == seen.status && now.verdict == seen.verdict
        });
        if !unchanged {
            let (by, at) = self.last_change("claim", seen.id)?.unwrap_or_default();
            return Err(StoreError::ChangedMeanwhile {
                what: format!("claim {}", seen.id),
                by,
                at,
                now: now.map_or_else(
                    || "it was deleted".to_owned(),
                    |now| {
                        format!(
                            "it now reads \u{2068}{}\u{2069} ({})",
                            now.text,
                            now.status.as_str()
                        )
                    },
                ),
            });
        }
        self.update_claim(seen.id, claim, status, verdict)
    }

    /// Deletes a claim with its evidence (one step).
    pub fn delete_claim(&mut self, id: i64) -> Result<(), StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        let ids: Vec<i64> = change
            .tx()
            .prepare("SELECT id FROM evidence WHERE claim = ?1")?
            .query_map([id], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        for evidence in ids {
            change.delete("evidence", evidence)?;
        }
        change.delete("claim", id)?;
        change.commit(&author, &format!("delete claim {id}"))?;
        Ok(())
    }

    /// Links a passage to a claim; returns the evidence id. The same passage linked again
    /// with another stance changes the stance (one passage, one stance per claim).
    pub fn link(
        &mut self,
        claim: i64,
        doc: &str,
        anchor: &Anchor,
        stance: Stance,
        note: &str,
    ) -> Result<i64, StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        let known: Option<i64> = change
            .tx()
            .query_row("SELECT id FROM claim WHERE id = ?1", [claim], |row| {
                row.get(0)
            })
            .optional()?;
        if known.is_none() {
            return Err(StoreError::Missing {
                what: "claim",
                id: claim,
            });
        }
        let existing: Option<i64> = change
            .tx()
            .query_row(
                "SELECT id FROM evidence
                 WHERE claim = ?1 AND doc = ?2 AND byte_start = ?3 AND byte_end = ?4",
                params![claim, doc, int(anchor.byte_start), int(anchor.byte_end)],
                |row| row.get(0),
            )
            .optional()?;
        let id = if let Some(id) = existing {
            change.update(
                "evidence",
                id,
                &[
                    ("stance", text(stance.as_str())),
                    ("note", text(note.trim())),
                ],
            )?;
            id
        } else {
            insert_evidence(&mut change, claim, doc, anchor, stance, note)?
        };
        change.commit(
            &author,
            &format!("link {doc} to claim {claim} ({})", stance.as_str()),
        )?;
        Ok(id)
    }

    /// Removes one piece of evidence.
    pub fn unlink(&mut self, evidence: i64) -> Result<(), StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        change.delete("evidence", evidence)?;
        change.commit(&author, &format!("unlink evidence {evidence}"))?;
        Ok(())
    }

    /// Every claim, oldest first.
    pub fn claims(&self) -> Result<Vec<Claim>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {CLAIM_COLUMNS} FROM claim ORDER BY id"))?;
        let rows = statement
            .query_map([], claim_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// One claim.
    pub fn claim(&self, id: i64) -> Result<Option<Claim>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {CLAIM_COLUMNS} FROM claim WHERE id = ?1"),
                [id],
                claim_from_row,
            )
            .optional()?)
    }

    /// The evidence of a claim, by document and position.
    pub fn evidence(&self, claim: i64) -> Result<Vec<Evidence>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {} FROM evidence WHERE claim = ?1 ORDER BY doc, byte_start",
            evidence_columns()
        ))?;
        let rows = statement
            .query_map([claim], evidence_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
