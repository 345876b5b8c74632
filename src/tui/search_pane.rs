//! The search pane's state: the query line, the results, the selected result, history.
//! Searching runs off the UI thread: each edit asks for a search with a new generation and
//! answers to older generations are dropped.

use super::input::{History, TextInput};
use super::msg::{Effect, SearchOutcome};
use crate::index::{SearchHit, SearchResults};

/// Screen rows one result takes: title, source and date, snippet, a blank.
pub const ROWS_PER_RESULT: u16 = 4;

/// How many results a search asks for.
pub const RESULT_LIMIT: usize = 200;

/// The search pane.
#[derive(Debug, Default)]
pub struct SearchPane {
    pub input: TextInput,
    pub exact: bool,
    pub history: History,
    /// Generation of the latest search asked for.
    pub generation: u64,
    /// Generation of the results shown.
    pub shown: u64,
    pub hits: Vec<SearchHit>,
    pub total: Option<usize>,
    /// Index of the selected result.
    pub selected: usize,
    /// First result on screen.
    pub offset: usize,
    /// How long the shown search took.
    pub millis: f64,
    /// The query is a phrase of very common words, waiting for Enter.
    pub slow_phrase: bool,
    pub error: Option<String>,
}

impl SearchPane {
    /// A search is on its way.
    pub fn pending(&self) -> bool {
        self.generation != self.shown
    }

    /// Asks for a search of the current query (`force`: also a slow phrase).
    pub fn search(&mut self, force: bool) -> Effect {
        self.generation += 1;
        Effect::Search {
            generation: self.generation,
            query: self.input.text().to_owned(),
            exact: self.exact,
            limit: RESULT_LIMIT,
            force,
        }
    }

    /// Takes an answer; false (and nothing changes) when it is stale.
    pub fn receive(&mut self, generation: u64, outcome: SearchOutcome) -> bool {
        if generation != self.generation {
            return false;
        }
        self.shown = generation;
        self.slow_phrase = false;
        self.error = None;
        match outcome {
            SearchOutcome::Done { results, millis } => {
                let SearchResults { hits, total } = results;
                self.hits = hits;
                self.total = total;
                self.millis = millis;
                self.selected = 0;
                self.offset = 0;
            }
            SearchOutcome::SlowPhrase => {
                self.slow_phrase = true;
            }
            SearchOutcome::Failed(message) => self.error = Some(message),
        }
        true
    }

    pub fn selected_hit(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)
    }

    /// Moves the selection by `delta` results, keeping it on screen (`visible` results).
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        if self.hits.is_empty() {
            return;
        }
        let last = self.hits.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(visible);
    }

    pub fn select(&mut self, index: usize, visible: usize) {
        self.selected = index.min(self.hits.len().saturating_sub(1));
        self.scroll_into_view(visible);
    }

    fn scroll_into_view(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}
