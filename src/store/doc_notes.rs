//! The analyst's notes on whole documents: reviewed or not, tags, and a free-text note.
//! Triage reads and writes them; every change is one journaled step, undoable like the
//! others, and a note whose fields are all empty again is deleted (so "has a note" means
//! something).
//!
//! Tags are free text, several per document. A tag is kept as it was first written
//! (whitespace collapsed); two tags are the same when they are equal ignoring case
//! (`tag_key`). In the `tags` column they are one per line, in the order added.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::columns::text;
use super::{Store, StoreError};

/// The analyst's note on a document: reviewed or not, tags, free text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocNote {
    pub doc: String,
    pub reviewed: bool,
    /// One tag per line (`DocNote::tag_list`).
    pub tags: String,
    pub note: String,
}

impl DocNote {
    /// No note yet on `doc`.
    pub fn empty(doc: &str) -> DocNote {
        DocNote {
            doc: doc.to_owned(),
            reviewed: false,
            tags: String::new(),
            note: String::new(),
        }
    }

    /// The tags, in the order they were added.
    pub fn tag_list(&self) -> Vec<&str> {
        self.tags
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// Whether `tag` is one of the tags (compared as `tag_key` compares).
    pub fn has_tag(&self, tag: &str) -> bool {
        let key = tag_key(tag);
        self.tag_list().iter().any(|t| tag_key(t) == key)
    }

    /// Whether nothing is noted: such a note is not kept.
    pub fn is_empty(&self) -> bool {
        !self.reviewed && self.tag_list().is_empty() && self.note.trim().is_empty()
    }
}

/// A tag as it is kept: whitespace (line breaks included) collapsed to single spaces;
/// `None` when nothing is left.
pub fn clean_tag(tag: &str) -> Option<String> {
    let cleaned = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    (!cleaned.is_empty()).then_some(cleaned)
}

/// What two tags are compared by: the cleaned tag, lower-cased.
pub fn tag_key(tag: &str) -> String {
    clean_tag(tag).unwrap_or_default().to_lowercase()
}

/// What a change to a document's tags did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Retagged {
    /// The tags added or removed, as they are written.
    pub changed: Vec<String>,
    /// The tags asked for that were already there (adding) or were not (removing).
    pub unchanged: Vec<String>,
}

impl Store {
    /// Every document note, by document.
    pub fn doc_notes(&self) -> Result<Vec<DocNote>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT doc, reviewed, tags, note FROM doc_note ORDER BY doc")?;
        let rows = statement
            .query_map([], note_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The note on `doc`, or an empty one.
    pub fn doc_note(&self, doc: &str) -> Result<DocNote, StoreError> {
        let note = self
            .conn
            .query_row(
                "SELECT doc, reviewed, tags, note FROM doc_note WHERE doc = ?1",
                [doc],
                note_from_row,
            )
            .optional()?;
        Ok(note.unwrap_or_else(|| DocNote::empty(doc)))
    }

    /// Sets the note of a document (one step); an empty note is deleted.
    pub fn set_doc_note(&mut self, note: &DocNote) -> Result<(), StoreError> {
        self.write_note(note, &format!("note on {}", note.doc))
    }

    /// Marks `doc` reviewed or not (one step); false when it already was so.
    pub fn set_reviewed(&mut self, doc: &str, reviewed: bool) -> Result<bool, StoreError> {
        let mut note = self.doc_note(doc)?;
        if note.reviewed == reviewed {
            return Ok(false);
        }
        note.reviewed = reviewed;
        let summary = if reviewed {
            format!("mark {doc} reviewed")
        } else {
            format!("mark {doc} not reviewed")
        };
        self.write_note(&note, &summary)?;
        Ok(true)
    }

    /// Adds `tags` to `doc` (one step; tags it has already are left as they are).
    pub fn tag_doc(&mut self, doc: &str, tags: &[String]) -> Result<Retagged, StoreError> {
        let mut note = self.doc_note(doc)?;
        let mut list: Vec<String> = note.tag_list().into_iter().map(str::to_owned).collect();
        let mut retagged = Retagged::default();
        for tag in tags.iter().filter_map(|t| clean_tag(t)) {
            let key = tag_key(&tag);
            if list.iter().any(|t| tag_key(t) == key) {
                retagged.unchanged.push(tag);
            } else {
                list.push(tag.clone());
                retagged.changed.push(tag);
            }
        }
        if !retagged.changed.is_empty() {
            note.tags = list.join("\n");
            let summary = format!("tag {doc}: {}", retagged.changed.join(", "));
            self.write_note(&note, &summary)?;
        }
        Ok(retagged)
    }

    /// Takes `tags` off `doc` (one step).
    pub fn untag_doc(&mut self, doc: &str, tags: &[String]) -> Result<Retagged, StoreError> {
        let mut note = self.doc_note(doc)?;
        let keys: Vec<String> = tags.iter().map(|t| tag_key(t)).collect();
        let mut retagged = Retagged::default();
        let mut kept = Vec::new();
        for tag in note.tag_list() {
            if keys.contains(&tag_key(tag)) {
                retagged.changed.push(tag.to_owned());
            } else {
                kept.push(tag.to_owned());
            }
        }
        for tag in tags.iter().filter_map(|t| clean_tag(t)) {
            let key = tag_key(&tag);
            if !retagged.changed.iter().any(|t| tag_key(t) == key) {
                retagged.unchanged.push(tag);
            }
        }
        if !retagged.changed.is_empty() {
            note.tags = kept.join("\n");
            let summary = format!("untag {doc}: {}", retagged.changed.join(", "));
            self.write_note(&note, &summary)?;
        }
        Ok(retagged)
    }

    /// Sets the free-text note of `doc` (one step; an empty text removes it); false when
    /// it was already so.
    pub fn set_doc_text(&mut self, doc: &str, note_text: &str) -> Result<bool, StoreError> {
        let mut note = self.doc_note(doc)?;
        let note_text = note_text.trim();
        if note.note == note_text {
            return Ok(false);
        }
        note_text.clone_into(&mut note.note);
        self.write_note(&note, &format!("note on {doc}"))?;
        Ok(true)
    }

    /// The documents marked reviewed.
    pub fn reviewed_docs(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT doc FROM doc_note WHERE reviewed != 0 ORDER BY doc")?;
        let rows = statement
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The documents tagged `tag` (compared as `tag_key` compares).
    pub fn docs_tagged(&self, tag: &str) -> Result<Vec<String>, StoreError> {
        Ok(self
            .doc_notes()?
            .into_iter()
            .filter(|note| note.has_tag(tag))
            .map(|note| note.doc)
            .collect())
    }

    /// Every tag in use, as first written, with how many documents carry it; by tag.
    pub fn doc_tags(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut tags: std::collections::BTreeMap<String, (String, usize)> =
            std::collections::BTreeMap::new();
        for note in self.doc_notes()? {
            for tag in note.tag_list() {
                tags.entry(tag_key(tag))
                    .or_insert_with(|| (tag.to_owned(), 0))
                    .1 += 1;
            }
        }
        Ok(tags.into_values().collect())
    }

    /// By document: how many mentions and pieces of evidence it has.
    pub fn annotation_counts(
        &self,
    ) -> Result<std::collections::BTreeMap<String, (usize, usize)>, StoreError> {
        let mut counts: std::collections::BTreeMap<String, (usize, usize)> =
            std::collections::BTreeMap::new();
        for (table, second) in [("mention", false), ("evidence", true)] {
            let mut statement = self
                .conn
                .prepare(&format!("SELECT doc, COUNT(*) FROM {table} GROUP BY doc"))?;
            let rows = statement.query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?;
            for row in rows {
                let (doc, n) = row?;
                let n = usize::try_from(n).unwrap_or(0);
                let entry = counts.entry(doc).or_default();
                if second {
                    entry.1 = n;
                } else {
                    entry.0 = n;
                }
            }
        }
        Ok(counts)
    }

    fn write_note(&mut self, note: &DocNote, summary: &str) -> Result<(), StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        doc_note_in(&mut change, note)?;
        change.commit(&author, summary)?;
        Ok(())
    }
}

fn note_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DocNote> {
    Ok(DocNote {
        doc: row.get(0)?,
        reviewed: row.get(1)?,
        tags: row.get(2)?,
        note: row.get(3)?,
    })
}

/// Writes `note` inside an open change (import and following moved files share it): an
/// empty note deletes the row.
pub(super) fn doc_note_in(
    change: &mut super::journal::Change<'_>,
    note: &DocNote,
) -> Result<(), StoreError> {
    let existing: Option<i64> = change
        .tx()
        .query_row(
            "SELECT id FROM doc_note WHERE doc = ?1",
            [&note.doc],
            |row| row.get(0),
        )
        .optional()?;
    if note.is_empty() {
        return match existing {
            Some(id) => change.delete("doc_note", id),
            None => Ok(()),
        };
    }
    let values = [
        ("reviewed", Value::Integer(i64::from(note.reviewed))),
        ("tags", text(&note.tags)),
        ("note", text(&note.note)),
    ];
    if let Some(id) = existing {
        return change.update("doc_note", id, &values);
    }
    let mut all = vec![("doc", text(&note.doc))];
    all.extend(values);
    change.insert("doc_note", &all).map(|_| ())
}

/// Moves the note of `old` to `new` inside an open change, when `new` has none; true when
/// it moved.
pub(super) fn move_doc_note(
    change: &mut super::journal::Change<'_>,
    old: &str,
    new: &str,
) -> Result<bool, StoreError> {
    let id = |doc: &str| -> Result<Option<i64>, StoreError> {
        Ok(change
            .tx()
            .query_row("SELECT id FROM doc_note WHERE doc = ?1", [doc], |row| {
                row.get(0)
            })
            .optional()?)
    };
    let (Some(from), None) = (id(old)?, id(new)?) else {
        return Ok(false);
    };
    change.update("doc_note", from, &[("doc", text(new))])?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("store.sqlite"), "analyst").expect("open");
        (dir, store)
    }

    #[test]
    fn reviewing_is_one_undoable_step_and_survives_reopening() {
        let (dir, mut store) = store();
        assert!(store.set_reviewed("a.txt", true).expect("review"));
        assert!(
            !store.set_reviewed("a.txt", true).expect("again"),
            "no second step"
        );
        drop(store);
        let mut store = Store::open(&dir.path().join("store.sqlite"), "analyst").expect("reopen");
        assert_eq!(store.reviewed_docs().expect("reviewed"), ["a.txt"]);
        assert_eq!(
            store.undo().expect("undo").as_deref(),
            Some("mark a.txt reviewed")
        );
        assert!(store.reviewed_docs().expect("reviewed").is_empty());
        assert!(
            store.doc_notes().expect("notes").is_empty(),
            "an empty note is not kept"
        );
        store.redo().expect("redo");
        assert!(store.doc_note("a.txt").expect("note").reviewed);
    }

    #[test]
    fn tags_are_kept_as_written_and_compared_ignoring_case() {
        let (_dir, mut store) = store();
        let tags = |list: &[&str]| list.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        let added = store
            .tag_doc(
                "a.txt",
                &tags(&["Verified", "  شاهد   عيان ", "", "verified"]),
            )
            .expect("tag");
        assert_eq!(added.changed, ["Verified", "شاهد عيان"]);
        assert_eq!(added.unchanged, ["verified"]);
        let added = store.tag_doc("a.txt", &tags(&["VERIFIED"])).expect("again");
        assert!(added.changed.is_empty());
        store.tag_doc("b.txt", &tags(&["verified"])).expect("tag b");
        assert_eq!(
            store.docs_tagged("VeRiFiEd").expect("tagged"),
            ["a.txt", "b.txt"]
        );
        assert_eq!(
            store.doc_tags().expect("tags"),
            [("Verified".to_owned(), 2), ("شاهد عيان".to_owned(), 1)]
        );
        let removed = store
            .untag_doc("a.txt", &tags(&["verified", "absent"]))
            .expect("untag");
        assert_eq!(removed.changed, ["Verified"]);
        assert_eq!(removed.unchanged, ["absent"]);
        assert_eq!(
            store.doc_note("a.txt").expect("note").tag_list(),
            ["شاهد عيان"]
        );
        assert_eq!(
            store.undo().expect("undo").as_deref(),
            Some("untag a.txt: Verified")
        );
        assert!(store.doc_note("a.txt").expect("note").has_tag("verified"));
    }

    #[test]
    fn a_moved_file_takes_its_note_along() {
        let (_dir, mut store) = store();
        store.set_reviewed("old.txt", true).expect("review");
        store.set_reviewed("taken.txt", true).expect("review");
        store.set_doc_text("kept.txt", "قبل").expect("note");
        let followed = store
            .follow(
                &[
                    ("old.txt".to_owned(), "new.txt".to_owned()),
                    // The new id has a note of its own: neither is lost.
                    ("kept.txt".to_owned(), "taken.txt".to_owned()),
                ],
                &[],
                &[],
            )
            .expect("follow");
        assert_eq!(followed.moved, 1);
        assert_eq!(
            store.reviewed_docs().expect("reviewed"),
            ["new.txt", "taken.txt"]
        );
        assert_eq!(store.doc_note("kept.txt").expect("note").note, "قبل");
    }

    #[test]
    fn a_text_note_is_set_changed_and_cleared() {
        let (_dir, mut store) = store();
        assert!(store.set_doc_text("a.txt", " مصدر واحد ").expect("note"));
        assert_eq!(store.doc_note("a.txt").expect("note").note, "مصدر واحد");
        assert!(!store.set_doc_text("a.txt", "مصدر واحد").expect("same"));
        assert!(store.set_doc_text("a.txt", "").expect("clear"));
        assert!(store.doc_notes().expect("notes").is_empty());
    }
}
