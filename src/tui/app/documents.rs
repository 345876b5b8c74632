//! Going through the documents in the workbench: the list of documents (what the search
//! pane shows while nothing is typed, and `D`), its order (`s`), the facets overlay (`f`)
//! whose picks narrow the list and the results, and a document's tags and note (`#`, `a`,
//! `:tag`, `:untag`, `:note`). The rules (what a facet counts, what a pick keeps, how a
//! list is ordered) are the domain's (`facets`, `index::Sort`); this shows them.

use super::{App, Focus, Mode};
use crate::store::doc_notes::tag_key;
use crate::tui::action::Action;
use crate::tui::facets_pane::FacetPicker;
use crate::tui::msg::{Effect, IndexJob, StoreAction};
use crate::tui::strings;

impl App {
    /// `D`: the list of every document (the picks still narrow it); the query typed goes to
    /// the history, to come back with ↑.
    pub(super) fn show_documents(&mut self) -> Vec<Effect> {
        let typed = self.search.input.text().to_owned();
        if !typed.trim().is_empty() {
            self.search.history.push(&typed);
            self.search.input.set("");
        }
        self.focus_on(Focus::Results);
        vec![self.search.search(false)]
    }

    /// `s`: the results or the list in the next order.
    pub(super) fn cycle_sort(&mut self) -> Vec<Effect> {
        match self.search.next_sort() {
            Some(sort) => self.say(strings::sorted(sort.label())),
            None => self.say(strings::SORTED_BY_RELEVANCE),
        }
        vec![self.search.search(true)]
    }

    /// `f`: the facets of what the search pane shows, counted anew.
    pub(super) fn open_facets(&mut self) -> Vec<Effect> {
        let generation = match &self.mode {
            Mode::Facets(picker) => picker.generation + 1,
            _ => 1,
        };
        self.mode = Mode::Facets(FacetPicker {
            generation,
            ..FacetPicker::default()
        });
        vec![self.count_facets()]
    }

    /// Asks for the facets of the current search (in the picker's newest generation).
    fn count_facets(&mut self) -> Effect {
        let spec = self.search.spec();
        let generation = match &mut self.mode {
            Mode::Facets(picker) => {
                picker.generation += 1;
                picker.generation
            }
            _ => 0,
        };
        Effect::Index(IndexJob::Facets { generation, spec })
    }

    /// The counts came: shown when the picker still waits for them.
    pub(super) fn facets_counted(
        &mut self,
        generation: u64,
        outcome: Result<crate::facets::Facets, String>,
        millis: f64,
    ) {
        let visible = self.facet_rows_visible();
        let Mode::Facets(picker) = &mut self.mode else {
            return;
        };
        if picker.generation != generation {
            return;
        }
        // The value selected stays selected, wherever the new counts put it.
        let selected = picker.selected_value(&self.search.picks);
        match outcome {
            Ok(facets) => {
                picker.facets = Some(facets);
                picker.error = None;
            }
            Err(message) => picker.error = Some(message),
        }
        picker.millis = millis;
        match selected {
            Some((facet, value)) => picker.select_value(&self.search.picks, facet, &value, visible),
            None => picker.settle(&self.search.picks, visible),
        }
    }

    /// Rows of values the facets overlay shows at once.
    pub(super) fn facet_rows_visible(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }

    /// A key in the facets overlay.
    pub(super) fn act_facets(&mut self, action: Action) -> Vec<Effect> {
        let visible = self.facet_rows_visible();
        let page = isize::try_from(visible).unwrap_or(isize::MAX);
        let Mode::Facets(picker) = &mut self.mode else {
            return Vec::new();
        };
        let picks = &mut self.search.picks;
        match action {
            Action::Cancel | Action::Facets => {
                self.mode = Mode::Panes;
                return Vec::new();
            }
            Action::MoveDown => picker.move_by(1, picks, visible),
            Action::MoveUp => picker.move_by(-1, picks, visible),
            Action::PageDown => picker.move_by(page, picks, visible),
            Action::PageUp => picker.move_by(-page, picks, visible),
            Action::First => picker.move_by(isize::MIN / 2, picks, visible),
            Action::Last => picker.move_by(isize::MAX / 2, picks, visible),
            Action::Toggle | Action::Exclude | Action::ClearPicks => {
                match (action, picker.selected_value(picks)) {
                    (Action::ClearPicks, _) => picks.clear(),
                    (Action::Toggle, Some((facet, value))) => picks.toggle_include(facet, &value),
                    (Action::Exclude, Some((facet, value))) => picks.toggle_exclude(facet, &value),
                    _ => return Vec::new(),
                }
                // The list behind and the counts follow the picks.
                let search = self.search.search(true);
                return vec![search, self.count_facets()];
            }
            _ => {}
        }
        Vec::new()
    }

    /// `#`: the command line, ready to tag the document at hand.
    pub(super) fn begin_tag_document(&mut self) {
        if self.triage_doc().is_none() {
            self.say(strings::NO_DOCUMENT_TO_NOTE);
            return;
        }
        self.open_command("tag ");
    }

    /// `a`: the command line, ready to write the document's note (its note in it).
    pub(super) fn begin_note_document(&mut self) {
        let Some(doc) = self.triage_doc() else {
            self.say(strings::NO_DOCUMENT_TO_NOTE);
            return;
        };
        let note = self
            .doc_notes
            .get(&doc)
            .map(|n| n.note.clone())
            .unwrap_or_default();
        self.open_command(&format!("note {note}"));
    }

    /// `:tag` and `:untag` on the document at hand.
    pub(super) fn tag_document(&mut self, tags: Vec<String>, remove: bool) -> Vec<Effect> {
        let Some(doc) = self.triage_doc() else {
            self.error(strings::NO_DOCUMENT_TO_NOTE);
            return Vec::new();
        };
        vec![Effect::Store(StoreAction::TagDoc { doc, tags, remove })]
    }

    /// `:note` on the document at hand.
    pub(super) fn note_document(&mut self, note: String) -> Vec<Effect> {
        let Some(doc) = self.triage_doc() else {
            self.error(strings::NO_DOCUMENT_TO_NOTE);
            return Vec::new();
        };
        vec![Effect::Store(StoreAction::DocNote { doc, note })]
    }

    /// The document tags in use, each as first written, for completion.
    pub(super) fn doc_tags(&self) -> Vec<String> {
        let mut seen = std::collections::BTreeSet::new();
        let mut tags = Vec::new();
        for note in self.doc_notes.values() {
            for tag in note.tag_list() {
                if seen.insert(tag_key(tag)) {
                    tags.push(tag.to_owned());
                }
            }
        }
        tags.sort();
        tags
    }
}
