//! Triage in the workbench: `r` marks the document at hand reviewed (or back), `R` opens
//! the next one of the results not yet reviewed, and the results say how many of them are.
//! The review states come from the store thread (`Msg::DocNotes`), after every change,
//! whoever made it.

use std::collections::BTreeSet;

use super::App;
use crate::store::DocNote;
use crate::tui::action::Context;
use crate::tui::msg::{Effect, IndexJob, StoreAction};
use crate::tui::strings;

impl App {
    /// What was noted on `doc` (reviewed, tags, note), as the store last said.
    pub fn doc_note(&self, doc: &str) -> Option<&DocNote> {
        self.doc_notes.get(doc)
    }

    /// Whether `doc` is marked reviewed, as the store last said.
    pub fn is_reviewed(&self, doc: &str) -> bool {
        self.doc_notes.get(doc).is_some_and(|note| note.reviewed)
    }

    /// The document `r` and `R` are about: the one open in the reader, or the selected
    /// result.
    pub(super) fn triage_doc(&self) -> Option<String> {
        if self.context() == Context::Reader {
            return self
                .reader
                .open
                .as_ref()
                .map(|open| open.document.id.clone());
        }
        self.search.selected_hit().map(|hit| hit.doc.clone())
    }

    /// `r`: marks the document at hand reviewed, or not reviewed when it is.
    pub(super) fn toggle_reviewed(&mut self) -> Vec<Effect> {
        let Some(doc) = self.triage_doc() else {
            self.say(strings::NO_DOCUMENT_TO_REVIEW);
            return Vec::new();
        };
        let reviewed = !self.is_reviewed(&doc);
        vec![Effect::Store(StoreAction::Review { doc, reviewed })]
    }

    /// `R`: opens the best-ranked result not yet reviewed, other than the one at hand.
    pub(super) fn next_unreviewed(&mut self) -> Vec<Effect> {
        let after = self.triage_doc();
        self.remember_place();
        vec![Effect::Index(IndexJob::NextUnreviewed {
            spec: self.search.spec(),
            after,
        })]
    }

    /// The store's document notes, after a change: when a review state changed, the
    /// results are asked for again (their count of reviewed, and a `reviewed:` query).
    pub(super) fn doc_notes_changed(&mut self, notes: Vec<DocNote>) -> Vec<Effect> {
        let reviewed = |notes: &std::collections::BTreeMap<String, DocNote>| -> BTreeSet<String> {
            notes
                .values()
                .filter(|note| note.reviewed)
                .map(|note| note.doc.clone())
                .collect()
        };
        let before = reviewed(&self.doc_notes);
        self.doc_notes = notes
            .into_iter()
            .map(|note| (note.doc.clone(), note))
            .collect();
        if reviewed(&self.doc_notes) == before {
            return Vec::new();
        }
        self.search.refresh().into_iter().collect()
    }
}
