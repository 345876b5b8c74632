//! The search pane's state: the query line, the results, the selected result, history.
//! Searching runs off the UI thread: each edit asks for a search with a new generation and
//! answers to older generations are dropped.

use super::input::{History, TextInput};
use super::list::{moved, scrolled};
use super::msg::{Effect, IndexJob, Listing, SearchOutcome, SearchSpec};
use crate::facets::Picks;
use crate::index::{SearchHit, SearchResults, Sort};

/// Screen rows one result takes: title, source and date, snippet, a blank.
pub const ROWS_PER_RESULT: u16 = 4;

/// How many results a search asks for at first, and how many more each time the selection
/// nears the end of them: fetching and making snippets is most of a search's cost (at a
/// million documents, 50 hits took 35–40 ms of a keystroke whose ranking took 1–13), and a
/// screen shows fewer than this (four rows each: 20 fill an 80-row pane).
pub const RESULT_PAGE: usize = 20;

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
    /// The shown results' count is on its way (`IndexJob::Count`): more match than were
    /// fetched, how many is not known yet.
    pub counting: bool,
    /// How many of every match are marked reviewed, when known.
    pub reviewed: Option<usize>,
    /// Index of the selected result.
    pub selected: usize,
    /// First result on screen.
    pub offset: usize,
    /// How long the shown search took.
    pub millis: f64,
    /// The query is a phrase of very common words, waiting for Enter.
    pub slow_phrase: bool,
    pub error: Option<String>,
    /// Facet values picked to narrow the results (and the documents list).
    pub picks: Picks,
    /// The order asked for with `s`: `None` ranks by relevance (a documents list is then
    /// newest first).
    pub sort: Option<Sort>,
    /// The shown hits are a list of documents (nothing typed), with what it says of each.
    pub listing: Option<Listing>,
    /// Words of the query searched with a tagged entity's other names too.
    pub also: Box<[crate::aliases::Expansion]>,
    /// How many results the latest search asked for.
    limit: usize,
    /// The generation that fetches more of the shown results (the selection stays).
    extending: Option<u64>,
    /// The generation that fetches the next page of the same search: its count stays.
    paging: Option<u64>,
}

impl SearchPane {
    /// A search is on its way.
    pub fn pending(&self) -> bool {
        self.generation != self.shown
    }

    /// Asks for a search of the current query (`force`: also a slow phrase).
    pub fn search(&mut self, force: bool) -> Effect {
        self.limit = RESULT_PAGE;
        self.extending = None;
        self.paging = None;
        self.ask(force)
    }

    /// Asks for the count of the shown results, when they came without it.
    pub fn count(&self) -> Option<Effect> {
        self.counting.then(|| {
            Effect::Index(IndexJob::Count {
                generation: self.shown,
                spec: self.spec(),
            })
        })
    }

    /// Takes a count; false (and nothing changes) when it is not the shown results' (a
    /// newer search was asked for since, other than their next page).
    pub fn counted(&mut self, generation: u64, total: usize, reviewed: Option<usize>) -> bool {
        let current = generation == self.generation || self.paging == Some(self.generation);
        if generation != self.shown || !current || !self.counting {
            return false;
        }
        self.total = Some(total);
        self.reviewed = reviewed;
        self.counting = false;
        true
    }

    fn ask(&mut self, force: bool) -> Effect {
        self.generation += 1;
        Effect::Index(IndexJob::Search {
            generation: self.generation,
            spec: self.spec(),
            limit: self.limit,
            force,
        })
    }

    /// What the search asks for: the query, exact or not, the picks and the order.
    pub fn spec(&self) -> SearchSpec {
        SearchSpec {
            query: self.input.text().to_owned(),
            exact: self.exact,
            picks: self.picks.clone(),
            sort: self.sort,
        }
    }

    /// The order of the shown list: the one asked for, else newest first for a list of
    /// documents; `None` for results ranked by relevance.
    pub fn order(&self) -> Option<Sort> {
        self.sort
            .or_else(|| self.listing.is_some().then_some(Sort::Date))
    }

    /// `s`: the next order. A list of documents goes date, source, title, around; search
    /// results go relevance, date, source, title, around. Returns the order now.
    pub fn next_sort(&mut self) -> Option<Sort> {
        let listing = self.input.text().trim().is_empty();
        self.sort = match (self.sort, listing) {
            (None, true) => Some(Sort::Date.next()),
            (None, false) => Some(Sort::Date),
            (Some(Sort::Title), false) => None,
            (Some(sort), _) => Some(sort.next()),
        };
        self.sort
    }

    /// Asks for the shown results again, as many as are fetched, keeping the selection
    /// where it is (after a document's review state changed: with `reviewed:no`, the
    /// document leaves the list and the next one takes its place).
    pub fn refresh(&mut self) -> Option<Effect> {
        self.limit = self.limit.max(RESULT_PAGE);
        let effect = self.ask(true);
        self.extending = Some(self.generation);
        self.paging = None;
        Some(effect)
    }

    /// Asks for the next page of results when the selection is within a screen
    /// (`visible` results) of the last one fetched and there are more.
    pub fn more(&mut self, visible: usize) -> Option<Effect> {
        let fetched = self.hits.len();
        if self.pending()
            || fetched == 0
            || fetched < self.limit
            || self.total.is_some_and(|total| total <= fetched)
            || self.selected + visible < fetched
        {
            return None;
        }
        self.limit += RESULT_PAGE.max(visible * 2);
        let effect = self.ask(true);
        self.extending = Some(self.generation);
        self.paging = Some(self.generation);
        Some(effect)
    }

    /// Takes an answer; false (and nothing changes) when it is stale. An answer without
    /// its count leaves `counting` set: the count is asked for next (`count`), except for
    /// the next page of results already counted.
    pub fn receive(&mut self, generation: u64, outcome: SearchOutcome) -> bool {
        if generation != self.generation {
            return false;
        }
        let known = (self.paging == Some(generation) && !self.counting)
            .then_some((self.total, self.reviewed));
        self.shown = generation;
        self.slow_phrase = false;
        self.error = None;
        self.counting = false;
        match outcome {
            SearchOutcome::Done {
                results,
                millis,
                reviewed,
                listing,
                also,
            } => {
                let SearchResults { hits, total } = results;
                self.also = also;
                self.hits = hits;
                self.total = total;
                self.reviewed = reviewed;
                if total.is_none() {
                    match known {
                        Some((total, reviewed)) => {
                            self.total = total;
                            self.reviewed = reviewed;
                        }
                        None => self.counting = true,
                    }
                }
                self.millis = millis;
                self.listing = listing;
                if self.extending == Some(generation) {
                    let last = self.hits.len().saturating_sub(1);
                    self.selected = self.selected.min(last);
                    self.offset = self.offset.min(self.selected);
                } else {
                    self.selected = 0;
                    self.offset = 0;
                }
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
        self.selected = moved(self.selected, delta, self.hits.len());
        self.offset = scrolled(self.offset, self.selected, visible);
    }

    pub fn select(&mut self, index: usize, visible: usize) {
        self.selected = index.min(self.hits.len().saturating_sub(1));
        self.offset = scrolled(self.offset, self.selected, visible);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::script::Direction;

    fn answer(count: usize, total: usize) -> SearchOutcome {
        let hits = (0..count)
            .map(|i| SearchHit {
                doc: format!("d{i}"),
                file: String::new(),
                title: String::new(),
                source: None,
                published: None,
                lang: "ar".to_owned(),
                direction: Direction::Rtl,
                score: 1.0,
                snippet: String::new(),
                highlights: Vec::new(),
            })
            .collect();
        SearchOutcome::Done {
            results: SearchResults {
                hits,
                total: Some(total),
            },
            millis: 1.0,
            reviewed: Some(0),
            listing: None,
            also: Box::default(),
        }
    }

    /// `answer` without its count.
    fn uncounted(count: usize) -> SearchOutcome {
        match answer(count, count) {
            SearchOutcome::Done {
                results,
                millis,
                listing,
                also,
                ..
            } => SearchOutcome::Done {
                results: SearchResults {
                    total: None,
                    ..results
                },
                millis,
                reviewed: None,
                listing,
                also,
            },
            other => other,
        }
    }

    #[test]
    fn a_count_is_asked_for_the_shown_results_and_kept_for_their_next_page() {
        let mut pane = SearchPane::default();
        pane.input.insert("داعش");
        pane.search(false);
        assert!(pane.count().is_none(), "nothing shown yet");
        assert!(pane.receive(pane.generation, uncounted(RESULT_PAGE)));
        assert!(pane.counting);
        let Some(Effect::Index(IndexJob::Count { generation, spec })) = pane.count() else {
            panic!("a count");
        };
        assert_eq!((generation, spec), (pane.generation, pane.spec()));
        assert!(pane.counted(generation, 120, Some(3)));
        assert_eq!(
            (pane.total, pane.reviewed, pane.counting),
            (Some(120), Some(3), false)
        );
        // The next page of the same results: their count stays, none is asked for.
        pane.select(usize::MAX, 10);
        assert!(pane.more(10).is_some());
        assert!(pane.receive(pane.generation, uncounted(2 * RESULT_PAGE)));
        assert_eq!((pane.total, pane.counting), (Some(120), false));
        assert!(pane.count().is_none());
        // Another query: counted anew; a count for the one before is not taken.
        pane.input.insert("ة");
        pane.search(false);
        assert!(!pane.counted(generation, 7, None));
        assert!(pane.receive(pane.generation, uncounted(RESULT_PAGE)));
        assert!(!pane.counted(generation, 7, None));
        assert_eq!(pane.total, None);
        assert!(pane.counting);
        // A count still running when the next page was asked for is asked again after.
        pane.select(usize::MAX, 10);
        assert!(pane.more(10).is_some());
        assert!(pane.receive(pane.generation, uncounted(2 * RESULT_PAGE)));
        assert!(pane.counting);
        assert!(pane.count().is_some());
    }

    #[test]
    fn the_next_page_comes_when_the_selection_nears_the_end() {
        // Fewer matches than three pages: the third page is the last.
        let total = 3 * RESULT_PAGE - 5;
        let mut pane = SearchPane::default();
        pane.input.insert("داعش");
        let Effect::Index(IndexJob::Search { limit, .. }) = pane.search(false) else {
            panic!("a search");
        };
        assert_eq!(limit, RESULT_PAGE);
        assert!(pane.receive(pane.generation, answer(RESULT_PAGE, total)));
        // Far from the end (more than a screen of 10 results): nothing more.
        pane.move_by(5, 10);
        assert!(pane.more(10).is_none());
        // Within a screen of the end.
        pane.move_by(isize::try_from(RESULT_PAGE - 15).expect("small"), 10);
        let Some(Effect::Index(IndexJob::Search { limit, .. })) = pane.more(10) else {
            panic!("the next page");
        };
        assert_eq!(limit, 2 * RESULT_PAGE);
        // While it is on its way, no second request.
        assert!(pane.more(10).is_none());
        assert!(pane.receive(pane.generation, answer(2 * RESULT_PAGE, total)));
        assert_eq!(pane.selected, RESULT_PAGE - 10, "the selection stays");
        pane.select(usize::MAX, 10);
        assert!(pane.more(10).is_some());
        assert!(pane.receive(pane.generation, answer(total, total)));
        assert_eq!(pane.selected, 2 * RESULT_PAGE - 1);
        // All fetched: no more asking.
        pane.select(usize::MAX, 10);
        assert!(pane.more(10).is_none());
        // A new query starts from the top with one page.
        let Effect::Index(IndexJob::Search { limit, .. }) = pane.search(false) else {
            panic!("a search");
        };
        assert_eq!(limit, RESULT_PAGE);
        assert!(pane.receive(pane.generation, answer(RESULT_PAGE, total)));
        assert_eq!(pane.selected, 0);
    }
}
