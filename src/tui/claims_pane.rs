//! The claims pane's state: every claim with its status, its evidence counted by distinct
//! source and its disagreement hints; Enter lists one claim's evidence in publication order
//! (the domain's [`timeline`]: first appearance marked, undated last), and Enter on a piece
//! opens it in the reader. `:claims QUERY` narrows the list with the search analyzer.

use std::collections::{BTreeMap, BTreeSet};

use super::list::{moved, scrolled};
use crate::review::{DocInfo, Entry, Summary, Timeline, summarize, timeline};
use crate::store::{Claim, Evidence};
use crate::text::arabic::{Stemmer, normalize};
use crate::text::words::word_ranges;

/// A claim with its evidence and what they add up to.
#[derive(Debug, Clone)]
pub struct ClaimView {
    pub claim: Claim,
    /// As the store keeps it.
    pub evidence: Vec<Evidence>,
    pub summary: Summary,
    /// The evidence in publication order: what the evidence list shows, in its order.
    pub timeline: Timeline,
    /// An origin nobody linked that ran the passage before every linked report
    /// (`crate::review::told_earlier`): the first piece is then the first linked one.
    pub earlier: Option<crate::review::CopyOf>,
}

impl ClaimView {
    fn new(
        claim: Claim,
        evidence: Vec<Evidence>,
        infos: &BTreeMap<String, DocInfo>,
        own: &BTreeSet<i64>,
    ) -> Self {
        let mut view = ClaimView {
            claim,
            evidence,
            summary: Summary::default(),
            timeline: Timeline::default(),
            earlier: None,
        };
        view.recount(infos, own);
        view
    }

    /// Counts and orders the evidence again with these documents' sources and dates (the
    /// passages in `own` are their copies' own, `crate::review::summarize`).
    fn recount(&mut self, infos: &BTreeMap<String, DocInfo>, own: &BTreeSet<i64>) {
        self.summary = summarize(&self.evidence, infos, own);
        self.earlier = crate::review::told_earlier(&self.evidence, infos, own);
        self.timeline = timeline(self.evidence.iter().map(|e| e.doc.as_str()), infos);
    }

    /// The pieces of evidence in the order listed, each with its place on the timeline.
    pub fn listed(&self) -> impl Iterator<Item = (&Evidence, &Entry)> {
        self.timeline
            .entries
            .iter()
            .filter_map(|entry| Some((self.evidence.get(entry.index)?, entry)))
    }

    /// The piece listed `n`th.
    pub fn listed_at(&self, n: usize) -> Option<&Evidence> {
        self.evidence.get(self.timeline.entries.get(n)?.index)
    }
}

/// The evidence list of one claim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvidenceList {
    pub claim: i64,
    pub selected: usize,
    pub offset: usize,
}

/// The claims pane.
#[derive(Default)]
pub struct ClaimsPane {
    pub claims: Vec<ClaimView>,
    /// Indices into `claims` that pass the filter, in order.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub list: Option<EvidenceList>,
    /// `:claims QUERY`: the query and its analysed words.
    pub filter: Option<(String, Vec<String>)>,
    pub loaded: bool,
    stemmer: Option<Stemmer>,
}

/// Rows one claim takes in the list: its text, its counts.
pub const ROWS_PER_CLAIM: u16 = 2;
/// Rows one piece of evidence takes: stance, source and date; the title; the quote; who it
/// is attributed to.
pub const ROWS_PER_EVIDENCE: u16 = 4;

impl ClaimsPane {
    /// Takes the store's claims, keeping the selection on the same claim.
    pub fn receive(
        &mut self,
        claims: Vec<(Claim, Vec<Evidence>)>,
        infos: &BTreeMap<String, DocInfo>,
        own: &BTreeSet<i64>,
    ) {
        let keep = self.selected_claim().map(|c| c.claim.id);
        let kept_piece = self.selected_evidence().map(|e| e.id);
        self.claims = claims
            .into_iter()
            .map(|(claim, evidence)| ClaimView::new(claim, evidence, infos, own))
            .collect();
        self.loaded = true;
        self.refilter();
        if let Some(index) = keep.and_then(|id| self.position(id)) {
            self.selected = index;
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        if let Some(list) = self.list
            && !self.claims.iter().any(|c| c.claim.id == list.claim)
        {
            self.list = None;
        }
        self.keep_piece(kept_piece);
    }

    /// Counts and orders again with more documents' sources and dates known; the selected
    /// piece of evidence stays selected where it moves.
    pub fn resummarize(&mut self, infos: &BTreeMap<String, DocInfo>, own: &BTreeSet<i64>) {
        let kept_piece = self.selected_evidence().map(|e| e.id);
        for view in &mut self.claims {
            view.recount(infos, own);
        }
        self.keep_piece(kept_piece);
    }

    /// Selects the piece of evidence `id` in the open evidence list, if it is listed.
    fn keep_piece(&mut self, id: Option<i64>) {
        let (Some(id), Some(mut list)) = (id, self.list) else {
            return;
        };
        let at = self
            .claim(list.claim)
            .and_then(|view| view.listed().position(|(e, _)| e.id == id));
        if let Some(at) = at {
            list.selected = at;
            self.list = Some(list);
        }
    }

    /// The documents of all evidence.
    pub fn evidence_docs(&self) -> Vec<String> {
        let mut docs: Vec<String> = self
            .claims
            .iter()
            .flat_map(|c| c.evidence.iter().map(|e| e.doc.clone()))
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    fn position(&self, id: i64) -> Option<usize> {
        self.shown
            .iter()
            .position(|&i| self.claims[i].claim.id == id)
    }

    /// Selects claim `id` if it is shown.
    pub fn select_claim(&mut self, id: i64) {
        if let Some(index) = self.position(id) {
            self.selected = index;
        }
    }

    pub fn selected_claim(&self) -> Option<&ClaimView> {
        self.shown.get(self.selected).map(|&i| &self.claims[i])
    }

    pub fn claim(&self, id: i64) -> Option<&ClaimView> {
        self.claims.iter().find(|c| c.claim.id == id)
    }

    /// The claim whose evidence is listed.
    pub fn listed(&self) -> Option<&ClaimView> {
        self.claim(self.list?.claim)
    }

    /// The piece of evidence selected in the list (which is in timeline order).
    pub fn selected_evidence(&self) -> Option<&Evidence> {
        let list = self.list?;
        self.claim(list.claim)?.listed_at(list.selected)
    }

    /// Narrows the list to claims holding every word of `query` (normalised and stemmed as
    /// the search does); an empty query shows all.
    pub fn set_filter(&mut self, query: &str) {
        if query.trim().is_empty() {
            self.filter = None;
        } else {
            let words = self.analyse(query);
            self.filter = Some((query.trim().to_owned(), words));
        }
        self.selected = 0;
        self.offset = 0;
        self.refilter();
    }

    fn analyse(&mut self, text: &str) -> Vec<String> {
        let stemmer = self.stemmer.get_or_insert_with(Stemmer::with_defaults);
        word_ranges(text)
            .filter_map(|r| text.get(r))
            .map(|w| stemmer.stem(&normalize(w)))
            .collect()
    }

    fn refilter(&mut self) {
        let Some((_, wanted)) = self.filter.clone() else {
            self.shown = (0..self.claims.len()).collect();
            return;
        };
        let texts: Vec<String> = self.claims.iter().map(|c| c.claim.text.clone()).collect();
        self.shown = texts
            .iter()
            .enumerate()
            .filter(|(_, text)| {
                let words = self.analyse(text);
                wanted.iter().all(|w| words.contains(w))
            })
            .map(|(i, _)| i)
            .collect();
    }

    /// Moves the selection (of the list shown) by `delta`; `visible` items fit.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        if let Some(mut list) = self.list {
            let count = self.claim(list.claim).map_or(0, |c| c.evidence.len());
            if count > 0 {
                list.selected = moved(list.selected, delta, count);
                list.offset = scrolled(list.offset, list.selected, visible);
                self.list = Some(list);
            }
            return;
        }
        if self.shown.is_empty() {
            return;
        }
        self.selected = moved(self.selected, delta, self.shown.len());
        self.offset = scrolled(self.offset, self.selected, visible);
    }
}
