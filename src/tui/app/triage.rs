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

    /// `R`: opens the next document of the list not yet reviewed, after the one at hand
    /// (the open one, or the selected result): among the results fetched, or else by the
    /// index past them; when none comes after, the list again from the top. The list's
    /// selection follows.
    pub(super) fn next_unreviewed(&mut self) -> Vec<Effect> {
        let current = self.triage_doc();
        let hits = &self.search.hits;
        let at = current
            .as_ref()
            .and_then(|doc| hits.iter().position(|h| &h.doc == doc));
        let unreviewed = |i: &usize| !self.is_reviewed(&hits[*i].doc);
        let start = at.map_or(0, |at| at + 1);
        let after = (start..hits.len()).find(unreviewed);
        let fetched_all = self.search.total.is_none_or(|total| total <= hits.len());
        let next = after.or_else(|| {
            // Nothing after it among those fetched: the top again, when those are all.
            fetched_all
                .then(|| (0..at.unwrap_or(0)).find(unreviewed))
                .flatten()
        });
        if let Some(next) = next {
            let doc = hits[next].doc.clone();
            let visible = self.visible_results();
            self.search.select(next, visible);
            self.remember_place();
            return vec![self.load(doc, None)];
        }
        if fetched_all {
            self.say(strings::ALL_REVIEWED);
            return Vec::new();
        }
        let passed = hits[..start].iter().map(|h| h.doc.clone()).collect();
        self.remember_place();
        vec![Effect::Index(IndexJob::NextUnreviewed {
            spec: self.search.spec(),
            passed,
            current,
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
