//! Ranking a query while it is typed without visiting every match.
//!
//! While typing, the last word also matches as a prefix (`build`): the query's clause for it
//! scores a document `WHOLE_WORD_TIER` plus the word's BM25 when the document has the word
//! whole, and adds a constant for a word the prefix expands to. Two letters expand to words
//! in nearly every document of a large corpus, and the constant scores leave tantivy nothing
//! to skip by: ranking that query visited and scored every match (40–60 ms at a million
//! documents).
//!
//! The tier decides most of the order, so the best matches are found in two steps:
//!
//! 1. The documents with the word whole, by the query with the whole word alone, which
//!    tantivy ranks by BM25 skipping blocks that cannot make the best (block-max WAND). Each
//!    document that may is scored as the typed query scores it: the tier, the word's BM25,
//!    the prefix's constant when one of the prefix's words is there (always when the whole
//!    word is one of them), and the other clauses' scores.
//! 2. When they are fewer than asked for, the documents with only a word the prefix expands
//!    to. Alone, the prefix scores every one of them the same: the first ones in index order
//!    are the best, and only as many are read. Beside other words, they rank by those words'
//!    scores: by the other words' query, tantivy skipping blocks again, each candidate
//!    checked for a prefix word along their postings (when the prefix's words are in many
//!    documents), or by the whole query with the prefix's words united lazily (when few).
//!
//!
//! When the typed word is one of the query's optional clauses (`عام OR وأ`), step 1 is the
//! same (the other clauses add to the score, none is required); step 2 takes the other
//! clauses' best matches, with or without a word of the prefix, then the documents with only
//! a word of the prefix, which all score the prefix alone: the first ones in index order.
//!
//! Scores are the ones the typed query gives, summed in the same order, so the order is the
//! same, ties (equal scores) in index order, as tantivy's collector orders them. One
//! difference: with two or more other required clauses, tantivy adds the clauses' scores in
//! the order of their estimated costs and this adds the other clauses' sum to the typed
//! word's score, so two documents whose scores differ in the last bit (about 1e-4 beside
//! the tier) may swap. The count is not computed here (`SearchIndex::count`).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::postings::SegmentPostings;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

use super::build::{PREFIX_SCORE, TYPED_PREFIX_BOOST, TypedSplit, WHOLE_WORD_TIER};

/// What the prefix adds to a document's score.
const PREFIX: Score = PREFIX_SCORE * TYPED_PREFIX_BOOST;

/// The score of a document of the set a search is restricted to (`IdSetQuery` scores 1).
const ONLY_SCORE: Score = 1.0;

/// Margin for rounding when a score is bounded from a part of it, in units in the last
/// place of the score: each addition rounds by half of one at most.
const SLACK_ULPS: Score = 4.0;

/// The prefix's words are in this share of the documents or more (their document
/// frequencies summed): documents with only a prefix word are found by checking the other
/// words' best matches, not by uniting the prefix's postings.
const DENSE_SHARE: u64 = 8;

/// A typed query as ranking takes it apart, with the restrictions of the search.
pub(super) struct Typed {
    pub split: TypedSplit,
    /// Only these documents (`SearchRequest::docs`): required, adds its score.
    pub only: Option<Box<dyn Query>>,
    /// Never these documents (`SearchRequest::except`).
    pub except: Option<Box<dyn Query>>,
}

impl Typed {
    /// `core` restricted as the search is, the same way `SearchIndex::parse_request` does.
    fn restricted(&self, core: Box<dyn Query>) -> Box<dyn Query> {
        let mut query = core;
        if let Some(only) = &self.only {
            query = Box::new(BooleanQuery::intersection(vec![query, only.box_clone()]));
        }
        if let Some(except) = &self.except {
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (Occur::MustNot, except.box_clone()),
            ]));
        }
        query
    }

    /// The other clauses with `more` added, as one query.
    fn rest_and(&self, more: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .split
            .rest
            .iter()
            .map(|(occur, query)| (*occur, query.box_clone()))
            .collect();
        clauses.extend(more);
        if let [(Occur::Must, _)] = clauses.as_slice() {
            return clauses.swap_remove(0).1;
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The other clauses' query, scoring as they score in the typed query; `None` when
    /// none is required or optional (they only exclude).
    fn scored_rest(&self) -> Option<Box<dyn Query>> {
        self.split
            .rest
            .iter()
            .any(|(occur, _)| *occur != Occur::MustNot)
            .then(|| self.rest_and(Vec::new()))
    }

    /// A document's score in the typed query: the other clauses' (`rest`), the typed word's
    /// (`word`), and the restriction's.
    fn score(&self, rest: Option<Score>, word: Score) -> Score {
        // Two required clauses sum the same either way; with more, see the module doc.
        let mut score = rest.map_or(word, |rest| rest + word);
        if self.only.is_some() {
            score += ONLY_SCORE;
        }
        score
    }
}

/// The typed word's score: its clauses, summed in their order as tantivy's union sums them
/// (the tier, the whole word's BM25, the prefix).
fn word_score(whole: Option<Score>, prefix: bool) -> Score {
    let mut score: Score = 0.0;
    if let Some(whole) = whole {
        score += WHOLE_WORD_TIER;
        score += whole;
    }
    if prefix {
        score += PREFIX;
    }
    score
}

/// The best `limit` matches of the typed query, best first (ties in index order), with
/// their scores: what `TopDocs` over the typed query gives.
pub(super) fn top(
    searcher: &Searcher,
    typed: &Typed,
    limit: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let mut top = Top::new(limit);
    if limit == 0 {
        return Ok(Vec::new());
    }
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let word = &typed.split.word;
    let whole = word.whole.as_ref().map(|term| -> Box<dyn Query> {
        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs))
    });
    let rest = typed
        .scored_rest()
        .map(|query| query.weight(scoring))
        .transpose()?;
    if let Some(whole) = &whole {
        whole_word(searcher, typed, whole, rest.as_deref(), &mut top)?;
    }
    if !top.full() && !word.prefix.is_empty() {
        match &rest {
            None => prefix_alone(searcher, typed, whole.as_deref(), &mut top)?,
            Some(rest) if typed.split.any => {
                prefix_or_rest(searcher, typed, whole.as_deref(), &**rest, &mut top)?;
            }
            Some(rest) => {
                let documents = u64::from(
                    searcher
                        .segment_readers()
                        .iter()
                        .map(SegmentReader::num_docs)
                        .sum::<u32>(),
                );
                if word.prefix_postings * DENSE_SHARE >= documents {
                    prefix_by_rest(searcher, typed, whole.as_deref(), &**rest, &mut top)?;
                } else {
                    prefix_with_rest(searcher, typed, whole.as_deref(), &**rest, &mut top)?;
                }
            }
        }
    }
    Ok(top.into_sorted())
}

/// Step 1: the documents with the word whole.
fn whole_word(
    searcher: &Searcher,
    typed: &Typed,
    whole: &dyn Query,
    rest: Option<&dyn Weight>,
    top: &mut Top,
) -> tantivy::Result<()> {
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let word = &typed.split.word;
    let core = if typed.split.rest.is_empty() {
        whole.box_clone()
    } else {
        typed.rest_and(vec![(Occur::Must, whole.box_clone())])
    };
    let matching = typed.restricted(core).weight(scoring)?;
    let whole_weight = whole.weight(scoring)?;
    // Every document with the whole word has a word of the prefix when the whole word is
    // one of them.
    let always_prefix = word
        .whole
        .as_ref()
        .is_some_and(|whole| word.prefix.contains(whole));
    // Without other required clauses (exclusions pass the score on) the query's score is the
    // whole word's.
    let alone = rest.is_none() && typed.only.is_none();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let alive = reader.alive_bitset();
        let mut whole_scorer = if alone {
            None
        } else {
            Some(whole_weight.scorer(reader, 1.0)?)
        };
        let mut rest_scorer = rest.map(|rest| rest.scorer(reader, 1.0)).transpose()?;
        let mut probe = if always_prefix {
            None
        } else {
            Some(Probe::new(reader, &word.prefix)?)
        };
        // The typed query's score is the whole query's (the other clauses and the word's
        // BM25) plus the tier and at most the prefix; alone, it is a function of the word's
        // BM25 that never decreases, and the bound is exact.
        let bound = WHOLE_WORD_TIER + PREFIX;
        let mut exact = ExactBound::default();
        let mut pruning = |top: &Top| match top.worst() {
            Some(worst) if alone => exact.below(worst),
            Some(worst) => bounded(worst, bound),
            None => Score::MIN,
        };
        matching.for_each_pruning(pruning(top), reader, &mut |doc, score| {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                // Alone (an exclusion passes the score on), the query is the whole word's.
                let whole = match whole_scorer.as_mut() {
                    None => Some(score),
                    Some(scorer) => seek_score(&mut **scorer, doc),
                };
                let prefix = probe.as_mut().is_none_or(|probe| probe.contains(doc));
                let rest = rest_scorer
                    .as_mut()
                    .and_then(|scorer| seek_score(&mut **scorer, doc));
                let score = typed.score(rest, word_score(whole, prefix));
                top.push(score, DocAddress::new(ord, doc));
            }
            pruning(top)
        })?;
    }
    Ok(())
}

/// Step 2, the prefix alone: its documents without the whole word all score the same, so
/// the first ones in index order fill the rest.
fn prefix_alone(
    searcher: &Searcher,
    typed: &Typed,
    whole: Option<&dyn Query>,
    top: &mut Top,
) -> tantivy::Result<()> {
    let mut clauses = vec![(Occur::Must, prefix_union(&typed.split.word.prefix))];
    clauses.extend(whole.map(|whole| (Occur::MustNot, whole.box_clone())));
    let query = typed.restricted(typed.rest_and(clauses));
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    // Every one of them is worse than the documents with the whole word kept already.
    let wanted = top.limit - top.kept.len();
    first_in_index_order(
        searcher,
        &*weight,
        typed.score(None, word_score(None, true)),
        wanted,
        top,
    )
}

/// Pushes the first `count` live matches of `weight` in index order, each with `score`:
/// when they all score the same, each is worse than the one before it, so no later one can
/// be kept in their place.
fn first_in_index_order(
    searcher: &Searcher,
    weight: &dyn Weight,
    score: Score,
    mut count: usize,
    top: &mut Top,
) -> tantivy::Result<()> {
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        if count == 0 {
            break;
        }
        let ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let alive = reader.alive_bitset();
        let mut matches = weight.scorer(reader, 1.0)?;
        let mut doc = matches.doc();
        while doc != TERMINATED && count > 0 {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                top.push(score, DocAddress::new(ord, doc));
                count -= 1;
            }
            doc = matches.advance();
        }
    }
    Ok(())
}

/// Step 2 beside other words, when the prefix's words are in many documents: the other
/// words' best matches, by their own query (tantivy skipping blocks), each checked for a
/// prefix word and for the whole word's absence. With `any` (the typed word is optional),
/// a document without a prefix word is kept too, scoring the other words' alone.
fn prefix_by_rest(
    searcher: &Searcher,
    typed: &Typed,
    whole: Option<&dyn Query>,
    rest: &dyn Weight,
    top: &mut Top,
) -> tantivy::Result<()> {
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let matching = typed
        .restricted(typed.rest_and(Vec::new()))
        .weight(scoring)?;
    let whole = whole.map(|whole| whole.weight(scoring)).transpose()?;
    let any = typed.split.any;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let alive = reader.alive_bitset();
        let mut probe = Probe::new(reader, &typed.split.word.prefix)?;
        let mut whole_scorer = whole.as_ref().map(|w| w.scorer(reader, 1.0)).transpose()?;
        let mut rest_scorer = rest.scorer(reader, 1.0)?;
        // The typed query's score is the other clauses' plus at most the prefix's.
        let bound = PREFIX;
        matching.for_each_pruning(top.pruning(bound), reader, &mut |doc, _| {
            if alive.is_none_or(|alive| alive.is_alive(doc))
                && whole_scorer
                    .as_mut()
                    .is_none_or(|scorer| seek_score(&mut **scorer, doc).is_none())
            {
                let prefix = probe.contains(doc);
                if prefix || any {
                    let rest = seek_score(&mut *rest_scorer, doc);
                    top.push(
                        typed.score(rest, word_score(None, prefix)),
                        DocAddress::new(ord, doc),
                    );
                }
            }
            top.pruning(bound)
        })?;
    }
    Ok(())
}

/// Step 2 when the typed word is one of the query's optional clauses (`عام OR وأ`): a
/// document without the whole word scores the other clauses' sum, plus the prefix's when it
/// has a word of the prefix. First the other clauses' best matches (tantivy skipping blocks,
/// each one at most the prefix's score above what they score alone), each checked for a
/// prefix word; then the documents with only a word of the prefix, which all score the
/// prefix's alone: the first ones in index order.
fn prefix_or_rest(
    searcher: &Searcher,
    typed: &Typed,
    whole: Option<&dyn Query>,
    rest: &dyn Weight,
    top: &mut Top,
) -> tantivy::Result<()> {
    prefix_by_rest(searcher, typed, whole, rest, top)?;
    // The documents with a word of the prefix and none of the other clauses.
    let alone = typed.score(None, word_score(None, true));
    if top.worst().is_some_and(|worst| worst > alone) {
        return Ok(());
    }
    let mut clauses = vec![(Occur::Must, prefix_union(&typed.split.word.prefix))];
    clauses.extend(whole.map(|whole| (Occur::MustNot, whole.box_clone())));
    clauses.extend(
        typed
            .split
            .rest
            .iter()
            .map(|(_, query)| (Occur::MustNot, query.box_clone())),
    );
    let query = typed.restricted(Box::new(BooleanQuery::new(clauses)));
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    // Documents kept so far may score less than these: as many as are kept may enter.
    first_in_index_order(searcher, &*weight, alone, top.limit, top)
}

/// Step 2 beside other words, when the prefix's words are in few documents: the typed
/// query without the whole word, the prefix's words united as they are read.
fn prefix_with_rest(
    searcher: &Searcher,
    typed: &Typed,
    whole: Option<&dyn Query>,
    rest: &dyn Weight,
    top: &mut Top,
) -> tantivy::Result<()> {
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Must,
        Box::new(ConstScoreQuery::new(
            prefix_union(&typed.split.word.prefix),
            0.0,
        )),
    )];
    clauses.extend(whole.map(|whole| (Occur::MustNot, whole.box_clone())));
    let matching = typed.restricted(typed.rest_and(clauses)).weight(scoring)?;
    let word = word_score(None, true);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let alive = reader.alive_bitset();
        let mut rest_scorer = rest.scorer(reader, 1.0)?;
        let bound = PREFIX;
        matching.for_each_pruning(top.pruning(bound), reader, &mut |doc, _| {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                let rest = seek_score(&mut *rest_scorer, doc);
                top.push(typed.score(rest, word), DocAddress::new(ord, doc));
            }
            top.pruning(bound)
        })?;
    }
    Ok(())
}

/// Below what a part of a score must be for the whole, at most `bound` more, to stay at or
/// under `worst`: `worst - bound`, less a margin for rounding.
fn bounded(worst: Score, bound: Score) -> Score {
    let ulp = Score::from_bits(worst.abs().to_bits() + 1) - worst.abs();
    worst - bound - SLACK_ULPS * ulp
}

/// The largest BM25 score of the typed word alone whose typed score (with the prefix, the
/// higher) is at most the worst kept: the exact bound, found by bisection once per worst.
#[derive(Default)]
struct ExactBound {
    last: Option<(Score, Score)>,
}

impl ExactBound {
    fn below(&mut self, worst: Score) -> Score {
        if let Some((seen, below)) = self.last
            && seen.to_bits() == worst.to_bits()
        {
            return below;
        }
        let typed = |whole: Score| word_score(Some(whole), true);
        let guess = worst - WHOLE_WORD_TIER - PREFIX;
        let margin = bounded(worst, 0.0) - worst;
        // typed(low) <= worst < typed(high), the margin widened until they are.
        let (mut low, mut high) = (guess + margin, guess - margin);
        while typed(low) > worst {
            low -= (high - low).abs().max(1e-6);
        }
        while typed(high) <= worst {
            high += (high - low).abs().max(1e-6);
        }
        loop {
            let middle = low + (high - low) / 2.0;
            if middle <= low || middle >= high {
                break;
            }
            if typed(middle) <= worst {
                low = middle;
            } else {
                high = middle;
            }
        }
        self.last = Some((worst, low));
        low
    }
}

/// The documents with any of `terms`, united as their postings are read (no scores).
fn prefix_union(terms: &[Term]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        terms
            .iter()
            .map(|term| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
                )
            })
            .collect(),
    ))
}

/// The score of `scorer` at `doc` when it matches there; `doc` never goes back.
fn seek_score(scorer: &mut dyn Scorer, doc: DocId) -> Option<Score> {
    (scorer.doc() <= doc && scorer.seek(doc) == doc).then(|| scorer.score())
}

/// Whether documents, asked in increasing order, hold one of some terms: each term's
/// postings skipped along, the most frequent first.
struct Probe {
    postings: Vec<SegmentPostings>,
}

impl Probe {
    fn new(reader: &SegmentReader, terms: &[Term]) -> tantivy::Result<Probe> {
        let mut postings = Vec::with_capacity(terms.len());
        let mut inverted = None;
        for term in terms {
            let index = match &inverted {
                Some((field, index)) if *field == term.field() => index,
                _ => {
                    &inverted
                        .insert((term.field(), reader.inverted_index(term.field())?))
                        .1
                }
            };
            if let Some(list) = index.read_postings(term, IndexRecordOption::Basic)? {
                postings.push(list);
            }
        }
        Ok(Probe { postings })
    }

    fn contains(&mut self, doc: DocId) -> bool {
        for list in &mut self.postings {
            if list.doc() < doc {
                list.seek(doc);
            }
            if list.doc() == doc {
                return true;
            }
        }
        false
    }
}

/// A ranked document: greater is better (a higher score, then a lower address).
#[derive(Debug, Clone, Copy)]
struct Ranked(Score, DocAddress);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// The best `limit` documents pushed so far. Documents come in increasing address order
/// within each step, so one that only ties the worst kept comes after it and stays out.
struct Top {
    limit: usize,
    kept: BinaryHeap<Reverse<Ranked>>,
}

impl Top {
    fn new(limit: usize) -> Top {
        Top {
            limit,
            kept: BinaryHeap::with_capacity(limit + 1),
        }
    }

    fn full(&self) -> bool {
        self.kept.len() >= self.limit
    }

    fn push(&mut self, score: Score, address: DocAddress) {
        let ranked = Ranked(score, address);
        if !self.full() {
            self.kept.push(Reverse(ranked));
        } else if self.kept.peek().is_some_and(|worst| ranked > worst.0) {
            self.kept.pop();
            self.kept.push(Reverse(ranked));
        }
    }

    /// The score a part of a document's score must pass, when the rest of it adds at most
    /// `bound`, for the document to be kept.
    fn pruning(&self, bound: Score) -> Score {
        self.worst()
            .map_or(Score::MIN, |worst| bounded(worst, bound))
    }

    /// The worst score kept, once `limit` are.
    fn worst(&self) -> Option<Score> {
        self.kept
            .peek()
            .filter(|_| self.full())
            .map(|worst| worst.0.0)
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut kept: Vec<Ranked> = self.kept.into_iter().map(|r| r.0).collect();
        kept.sort_unstable_by(|a, b| b.cmp(a));
        kept.into_iter()
            .map(|Ranked(score, address)| (score, address))
            .collect()
    }
}
