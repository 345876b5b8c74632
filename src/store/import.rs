//! Bringing annotations in from an export, as one undoable step: entities are merged by
//! name and type (as tagging does), claims by their text; mentions and evidence already
//! there are not doubled; what the caller could not place comes in marked orphaned.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::columns::{anchor_values, int, text};
use super::entities::{has_mention, tag_in};
use super::{Anchor, NewEntity, Stance, Status, Store, StoreError};

/// An entity to bring in, its mentions placed by the caller (`true`: orphaned).
#[derive(Debug, Clone)]
pub struct ImportedEntity {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub note: String,
    pub mentions: Vec<(String, Anchor, bool)>,
}

/// A piece of evidence to bring in.
#[derive(Debug, Clone)]
pub struct ImportedEvidence {
    pub doc: String,
    pub anchor: Anchor,
    pub stance: Stance,
    pub note: String,
    pub orphaned: bool,
}

/// A claim to bring in.
#[derive(Debug, Clone)]
pub struct ImportedClaim {
    pub text: String,
    pub status: Status,
    pub verdict: String,
    pub created: String,
    pub updated: String,
    pub evidence: Vec<ImportedEvidence>,
}

/// What came in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Imported {
    pub entities: usize,
    pub mentions: usize,
    pub claims: usize,
    pub evidence: usize,
}

impl Store {
    /// Brings `entities`, `claims` and document `notes` in as one step.
    pub fn import(
        &mut self,
        entities: &[ImportedEntity],
        claims: &[ImportedClaim],
        notes: &[super::DocNote],
        summary: &str,
    ) -> Result<Imported, StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        let mut imported = Imported::default();
        for entity in entities {
            let placed: Vec<(String, Anchor)> = entity
                .mentions
                .iter()
                .filter(|(_, _, orphaned)| !orphaned)
                .map(|(doc, anchor, _)| (doc.clone(), anchor.clone()))
                .collect();
            let tagged = tag_in(
                &mut change,
                &NewEntity {
                    name: &entity.name,
                    kind: &entity.kind,
                    aliases: &entity.aliases,
                    note: &entity.note,
                },
                &placed,
            )?;
            imported.entities += usize::from(tagged.created);
            imported.mentions += tagged.added;
            for (doc, anchor, _) in entity.mentions.iter().filter(|(_, _, o)| *o) {
                // Kept orphaned, but once: importing the same export again adds nothing.
                let (start, end) = (int(anchor.byte_start), int(anchor.byte_end));
                if has_mention(&change, tagged.entity, doc, start, end)? {
                    continue;
                }
                let mut values = vec![
                    ("entity", Value::Integer(tagged.entity)),
                    ("doc", text(doc)),
                ];
                values.extend(anchor_values(anchor));
                values.push(("orphaned", Value::Integer(1)));
                change.insert("mention", &values)?;
                imported.mentions += 1;
            }
        }
        for claim in claims {
            let existing: Option<i64> = change
                .tx()
                .query_row(
                    "SELECT id FROM claim WHERE text = ?1",
                    [&claim.text],
                    |row| row.get(0),
                )
                .optional()?;
            let id = if let Some(id) = existing {
                id
            } else {
                imported.claims += 1;
                change.insert(
                    "claim",
                    &[
                        ("text", text(&claim.text)),
                        ("status", text(claim.status.as_str())),
                        ("verdict", text(&claim.verdict)),
                        ("created", text(&claim.created)),
                        ("updated", text(&claim.updated)),
                    ],
                )?
            };
            for piece in &claim.evidence {
                let known: bool = change.tx().query_row(
                    "SELECT EXISTS (SELECT 1 FROM evidence
                     WHERE claim = ?1 AND doc = ?2 AND byte_start = ?3 AND byte_end = ?4)",
                    params![
                        id,
                        piece.doc,
                        int(piece.anchor.byte_start),
                        int(piece.anchor.byte_end)
                    ],
                    |row| row.get(0),
                )?;
                if known {
                    continue;
                }
                let mut values = vec![("claim", Value::Integer(id)), ("doc", text(&piece.doc))];
                values.extend(anchor_values(&piece.anchor));
                values.push(("stance", text(piece.stance.as_str())));
                values.push(("note", text(&piece.note)));
                values.push(("orphaned", Value::Integer(i64::from(piece.orphaned))));
                change.insert("evidence", &values)?;
                imported.evidence += 1;
            }
        }
        for note in notes {
            super::doc_notes::doc_note_in(&mut change, note)?;
        }
        change.commit(&author, summary)?;
        Ok(imported)
    }
}
