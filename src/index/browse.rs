//! Lists of documents without their text, answered from fast columns: a sorted page of a
//! list (newest first, by outlet, by title) and the facet counts of a query (by outlet,
//! language and day). Neither reads a stored document except the page's own: at a million
//! documents a first page or the counts cost milliseconds, not a pass over the corpus.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::search::{Listed, Parsed, SearchRequest, SearchResults};
use super::{IndexError, SearchIndex};
use crate::text::dates;

/// How a list of documents is ordered. Ties fall to the title, then to the index's order,
/// so a list never shuffles between two looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first, by title within a day; documents without a readable date last.
    #[default]
    Date,
    /// By outlet (documents without one last), newest first within each, then by title.
    Source,
    /// By title.
    Title,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Date, Sort::Source, Sort::Title];

    /// Its name on the command line (`--sort`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Source => "source",
            Sort::Title => "title",
        }
    }

    /// How the workbench names it: by outlet, as the facets and `outlet:` do.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Source => "outlet",
            Sort::Title => "title",
        }
    }

    /// The next order in `ALL`, around.
    #[must_use]
    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }
}

/// A page of a sorted list, and how long the list is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// Every document of the list.
    pub total: usize,
    /// Those of the list without a readable date.
    pub undated: usize,
    pub docs: Vec<Listed>,
}

/// What the index counts of a query's matches: by outlet, language and day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexFacets {
    /// Every match.
    pub total: usize,
    /// Outlets as written, most matches first (then by name).
    pub outlets: Vec<(String, usize)>,
    /// Matches naming no outlet.
    pub no_outlet: usize,
    /// Language codes, most matches first.
    pub langs: Vec<(String, usize)>,
    /// Days of publication (`YYYY-MM-DD`), oldest first.
    pub days: Vec<(String, usize)>,
    /// Matches without a readable date.
    pub undated: usize,
    /// For each document set asked about, how many matches are in it.
    pub within: Vec<usize>,
}

impl SearchIndex {
    /// The documents `request` allows (as `list` reads it: an empty query with no `docs`
    /// allows every document but `except`), sorted by `sort`, from `offset`, at most
    /// `limit` of them; with the length of the whole list.
    pub fn page(
        &self,
        request: SearchRequest<'_>,
        sort: Sort,
        offset: usize,
        limit: usize,
    ) -> Result<Page, IndexError> {
        let Some(parsed) = self.parse_allowing_all(SearchRequest {
            limit: limit.max(1),
            count: false,
            ..request
        })?
        else {
            return Ok(Page::default());
        };
        let searcher = self.reader.searcher();
        let (addresses, Tallied { total, undated }) = self.sorted(&parsed, sort, offset, limit)?;
        let docs = addresses
            .into_iter()
            .map(|address| self.listed(&searcher, address))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page {
            total,
            undated,
            docs,
        })
    }

    /// The matches of `request` (a search: an empty query finds nothing) in `sort`'s order
    /// instead of by relevance, `limit` of them, with their snippets; every hit's score is
    /// 0. With the total when `request.count`.
    pub fn search_sorted(
        &self,
        request: SearchRequest<'_>,
        sort: Sort,
    ) -> Result<SearchResults, IndexError> {
        let Some(parsed) = self.parse_request(request)? else {
            return Ok(SearchResults {
                hits: Vec::new(),
                total: request.count.then_some(0),
            });
        };
        let (addresses, Tallied { total, .. }) = self.sorted(&parsed, sort, 0, request.limit)?;
        let top: Vec<(f32, DocAddress)> = addresses.into_iter().map(|a| (0.0, a)).collect();
        let hits = self.fetch_hits(&parsed, request.exact, &top)?;
        Ok(SearchResults {
            hits,
            total: request.count.then_some(total),
        })
    }

    /// The addresses of `parsed`'s matches in `sort`'s order, from `offset`, at most
    /// `limit`; and how many match in all (and how many of those have no date). Each
    /// segment keeps its best by the columns' values (a string column's ordinals sort as
    /// its strings do within a segment) and names only those, in one pass over the
    /// dictionaries' blocks, before the segments are merged by name: ties are broken the
    /// same way whatever the segments, so a list never shuffles.
    fn sorted(
        &self,
        parsed: &Parsed,
        sort: Sort,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<DocAddress>, Tallied), IndexError> {
        let searcher = self.reader.searcher();
        let collector = Sorted {
            sort,
            keep: offset + limit.max(1),
        };
        let (mut ranked, tallied) = searcher
            .search(&*parsed.matching, &(collector, Tally))
            .map_err(|e| self.error(e))?;
        sort_ranked(&mut ranked, offset..offset + limit.max(1));
        Ok((
            ranked
                .into_iter()
                .skip(offset)
                .take(limit.max(1))
                .map(|r| r.address)
                .collect(),
            tallied,
        ))
    }

    /// Counts the matches of `request` (read as `page` reads it) by outlet, language and
    /// day, and how many fall in each of `sets` (document ids, sorted or not): what the
    /// store knows of documents (reviewed, tagged, annotated) comes in as such sets.
    pub fn facets(
        &self,
        request: SearchRequest<'_>,
        sets: &[&[String]],
    ) -> Result<IndexFacets, IndexError> {
        let Some(parsed) = self.parse_allowing_all(SearchRequest {
            limit: 1,
            count: false,
            ..request
        })?
        else {
            return Ok(IndexFacets {
                within: vec![0; sets.len()],
                ..IndexFacets::default()
            });
        };
        let searcher = self.reader.searcher();
        let failed = |e| self.error(e);
        let counted = searcher
            .search(&*parsed.matching, &FacetCollector)
            .map_err(failed)?;
        let mut within = Vec::with_capacity(sets.len());
        for set in sets {
            if set.is_empty() {
                within.push(0);
                continue;
            }
            let query = BooleanQuery::new(vec![
                (Occur::Must, parsed.matching.box_clone()),
                (Occur::Must, Box::new(self.id_set(set)) as Box<dyn Query>),
            ]);
            within.push(searcher.search(&query, &Count).map_err(failed)?);
        }
        let by_count = |counts: BTreeMap<String, usize>| {
            let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
        };
        let days = counted
            .days
            .into_iter()
            .filter_map(|(day, count)| {
                let day = dates::day_of_seconds(day.checked_mul(86_400)?)?;
                Some((dates::day_string(day), count))
            })
            .collect();
        Ok(IndexFacets {
            total: counted.total,
            outlets: by_count(counted.outlets),
            no_outlet: counted.no_outlet,
            langs: by_count(counted.langs),
            days,
            undated: counted.undated,
            within,
        })
    }

    /// The list entry of the document at `address`.
    pub(super) fn listed(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
    ) -> Result<Listed, IndexError> {
        let stored: tantivy::TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
        Ok(Listed::from(self.to_document(&stored)))
    }
}

/// Counts by outlet and language (ordinals of a segment's columns, named at the end) and by
/// day (days since 1970, negative before).
struct FacetCollector;

#[derive(Default)]
struct Counted {
    total: usize,
    outlets: BTreeMap<String, usize>,
    no_outlet: usize,
    langs: BTreeMap<String, usize>,
    days: BTreeMap<i64, usize>,
    undated: usize,
}

struct SegmentFacets {
    outlet: Option<StrColumn>,
    lang: Option<StrColumn>,
    date: Column<DateTime>,
    outlets: Vec<usize>,
    langs: Vec<usize>,
    /// Counts by day from `first_day`, when the segment's dates span few enough days to
    /// count in place; else in `days`.
    first_day: i64,
    by_day: Vec<usize>,
    days: BTreeMap<i64, usize>,
    total: usize,
    no_outlet: usize,
    undated: usize,
    /// Buffers for a block of documents' column values.
    ords_read: Vec<Option<u64>>,
    dates_read: Vec<Option<DateTime>>,
}

impl Collector for FacetCollector {
    type Fruit = Counted;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = reader.fast_fields();
        let outlet = fast.str("outlet")?;
        let lang = fast.str("lang")?;
        let terms =
            |column: &Option<StrColumn>| column.as_ref().map_or(0, |c| c.dictionary().num_terms());
        let date = fast.date("date")?;
        let day = |date: DateTime| date.into_timestamp_secs().div_euclid(DAY);
        let (first_day, last_day) = (day(date.min_value()), day(date.max_value()));
        let span = usize::try_from(last_day - first_day + 1).unwrap_or(0);
        Ok(SegmentFacets {
            outlets: vec![0; terms(&outlet)],
            langs: vec![0; terms(&lang)],
            outlet,
            lang,
            date,
            first_day,
            by_day: if span <= MAX_DAY_SPAN {
                vec![0; span]
            } else {
                Vec::new()
            },
            days: BTreeMap::new(),
            total: 0,
            no_outlet: 0,
            undated: 0,
            ords_read: Vec::new(),
            dates_read: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counted>) -> tantivy::Result<Counted> {
        let mut all = Counted::default();
        for fruit in fruits {
            all.total += fruit.total;
            all.no_outlet += fruit.no_outlet;
            all.undated += fruit.undated;
            for (outlet, n) in fruit.outlets {
                *all.outlets.entry(outlet).or_default() += n;
            }
            for (lang, n) in fruit.langs {
                *all.langs.entry(lang).or_default() += n;
            }
            for (day, n) in fruit.days {
                *all.days.entry(day).or_default() += n;
            }
        }
        Ok(all)
    }
}

/// Seconds in a day; a date's day is its seconds divided by this, rounded down.
const DAY: i64 = 86_400;

/// Segments whose dates span more days than this (about 270 years) count days in a map.
const MAX_DAY_SPAN: usize = 100_000;

impl SegmentFacets {
    fn count_day(&mut self, day: i64) {
        match usize::try_from(day - self.first_day)
            .ok()
            .and_then(|at| self.by_day.get_mut(at))
        {
            Some(n) => *n += 1,
            None => *self.days.entry(day).or_default() += 1,
        }
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Counted;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.total += docs.len();
        let mut ords = std::mem::take(&mut self.ords_read);
        for (column, counts, mut none) in [
            (&self.outlet, &mut self.outlets, Some(&mut self.no_outlet)),
            (&self.lang, &mut self.langs, None),
        ] {
            ords.clear();
            ords.resize(docs.len(), None);
            if let Some(column) = column {
                column.ords().first_vals(docs, &mut ords);
            }
            for ord in &ords {
                match ord.and_then(|o| usize::try_from(o).ok()) {
                    Some(ord) => {
                        if let Some(n) = counts.get_mut(ord) {
                            *n += 1;
                        }
                    }
                    None => {
                        if let Some(none) = none.as_deref_mut() {
                            *none += 1;
                        }
                    }
                }
            }
        }
        self.ords_read = ords;
        let mut dates = std::mem::take(&mut self.dates_read);
        dates.clear();
        dates.resize(docs.len(), None);
        self.date.first_vals(docs, &mut dates);
        for date in &dates {
            match date {
                Some(date) => self.count_day(date.into_timestamp_secs().div_euclid(DAY)),
                None => self.undated += 1,
            }
        }
        self.dates_read = dates;
    }

    fn harvest(self) -> Counted {
        let named = |column: &Option<StrColumn>, counts: Vec<usize>| {
            let mut named = BTreeMap::new();
            let Some(column) = column else {
                return named;
            };
            let mut text = String::new();
            for (ord, n) in counts.into_iter().enumerate() {
                text.clear();
                if n > 0 && column.ord_to_str(ord as u64, &mut text).unwrap_or(false) {
                    *named.entry(text.clone()).or_default() += n;
                }
            }
            named
        };
        let mut days = self.days;
        for (at, n) in self.by_day.into_iter().enumerate() {
            if n > 0 {
                let day = self.first_day + i64::try_from(at).unwrap_or(i64::MAX);
                *days.entry(day).or_default() += n;
            }
        }
        Counted {
            total: self.total,
            outlets: named(&self.outlet, self.outlets),
            no_outlet: self.no_outlet,
            langs: named(&self.lang, self.langs),
            days,
            undated: self.undated,
        }
    }
}

/// How many documents a list holds, and how many of them have no date.
#[derive(Debug, Clone, Copy, Default)]
struct Tallied {
    total: usize,
    undated: usize,
}

/// Counts matches and the undated among them, from the date column, in the same pass as
/// the sort.
struct Tally;

struct SegmentTally {
    /// `None` when every document of the segment has a date.
    dates: Option<Column<DateTime>>,
    tallied: Tallied,
}

impl Collector for Tally {
    type Fruit = Tallied;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let dates = reader.fast_fields().date("date")?;
        let full = dates.get_cardinality() == tantivy::columnar::Cardinality::Full;
        Ok(SegmentTally {
            dates: (!full).then_some(dates),
            tallied: Tallied::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallied>) -> tantivy::Result<Tallied> {
        Ok(fruits
            .into_iter()
            .fold(Tallied::default(), |all, one| Tallied {
                total: all.total + one.total,
                undated: all.undated + one.undated,
            }))
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.tallied.total += docs.len();
        if let Some(dates) = &self.dates {
            self.tallied.undated += docs.iter().filter(|&&d| dates.first(d).is_none()).count();
        }
    }

    fn harvest(self) -> Tallied {
        self.tallied
    }
}

/// A document as a sorted list ranks it: its outlet (for `Sort::Source`), its date, the
/// first bytes of its title and its title (each `None`, or equal for all, when it has none
/// or the order does not look at it).
struct Ranked {
    outlet: Option<String>,
    /// Seconds since 1970, negated (newest first); `i64::MAX` for no date or not looked at.
    newest: i64,
    /// `schema::title_prefix`, when the order looks at it.
    prefix: u64,
    /// Named when the order is by title, or when the prefix ties with another's.
    title: Option<String>,
    /// Where to name the title from when a tie asks: the segment's column and ordinal.
    title_at: Option<(StrColumn, u64)>,
    address: DocAddress,
}

impl Ranked {
    /// Everything but the title and the address: what a tie of titles is among.
    fn before_title(&self) -> (Option<&String>, i64, u64) {
        (self.outlet.as_ref(), self.newest, self.prefix)
    }
}

/// `None` after every name.
fn names_first(a: Option<&String>, b: Option<&String>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Outlet, then newest first, then title (its first bytes, then the whole), then index
/// order: the parts an order does not look at are equal.
fn compare_ranked(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    names_first(a.outlet.as_ref(), b.outlet.as_ref())
        .then(a.newest.cmp(&b.newest))
        .then(a.prefix.cmp(&b.prefix))
        .then_with(|| names_first(a.title.as_ref(), b.title.as_ref()))
        .then(a.address.cmp(&b.address))
}

/// Sorts `ranked`, naming the titles of the documents whose title prefixes tie within
/// `window` (the page asked for) and ordering those ties by title.
fn sort_ranked(ranked: &mut [Ranked], window: std::ops::Range<usize>) {
    ranked.sort_by(compare_ranked);
    let mut start = 0;
    while start < ranked.len() {
        let key = ranked[start].before_title();
        let end = start
            + ranked[start..]
                .iter()
                .take_while(|r| r.before_title() == key)
                .count();
        if end - start > 1 && start < window.end && end > window.start {
            for one in &mut ranked[start..end] {
                if one.title.is_none()
                    && let Some((column, ord)) = &one.title_at
                {
                    let mut name = String::new();
                    if column.ord_to_str(*ord, &mut name).unwrap_or(false) {
                        one.title = Some(name);
                    }
                }
            }
            ranked[start..end].sort_by(compare_ranked);
        }
        start = end;
    }
}

/// The best `keep` matches of each segment in `sort`'s order.
struct Sorted {
    sort: Sort,
    keep: usize,
}

/// A segment's ranking key, compared in order: the three parts the order looks at
/// (`Slot`s; `u64::MAX` for none), then the document.
type SegmentKey = ([u64; 3], DocId);

/// What a part of a key holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The outlet's ordinal in the segment's dictionary.
    Outlet,
    /// `newest_key` of the date.
    Newest,
    /// `schema::title_prefix`.
    Prefix,
    /// The title's ordinal in the segment's dictionary.
    Title,
    Unused,
}

impl Sort {
    fn slots(self) -> [Slot; 3] {
        match self {
            Sort::Date => [Slot::Newest, Slot::Prefix, Slot::Unused],
            Sort::Source => [Slot::Outlet, Slot::Newest, Slot::Prefix],
            Sort::Title => [Slot::Title, Slot::Unused, Slot::Unused],
        }
    }
}

/// A date as the first part of a key: negated seconds made unsigned with their order
/// kept (newest smallest); no date last.
fn newest_key(date: Option<DateTime>) -> u64 {
    date.map_or(u64::MAX, |date| {
        date.into_timestamp_secs().saturating_neg().cast_unsigned() ^ (1 << 63)
    })
}

struct SegmentSorted {
    segment: SegmentOrdinal,
    slots: [Slot; 3],
    outlets: Option<StrColumn>,
    titles: Option<StrColumn>,
    dates: Column<DateTime>,
    prefixes: Column<u64>,
    keep: usize,
    /// The best keys so far, worst on top.
    best: std::collections::BinaryHeap<SegmentKey>,
    /// The first part of the key for a block of documents, read at once.
    firsts: Vec<u64>,
    dates_read: Vec<Option<DateTime>>,
    ords_read: Vec<Option<u64>>,
}

impl SegmentSorted {
    fn ord(column: Option<&StrColumn>, doc: DocId) -> u64 {
        column
            .and_then(|c| c.term_ords(doc).next())
            .unwrap_or(u64::MAX)
    }

    fn value(&self, slot: Slot, doc: DocId) -> u64 {
        match slot {
            Slot::Outlet => Self::ord(self.outlets.as_ref(), doc),
            Slot::Title => Self::ord(self.titles.as_ref(), doc),
            Slot::Newest => newest_key(self.dates.first(doc)),
            Slot::Prefix => self.prefixes.first(doc).unwrap_or(u64::MAX),
            Slot::Unused => 0,
        }
    }

    /// The first part of the key of each of `docs`, into `firsts`: a block of a column is
    /// read at once, as the column stores it.
    fn firsts(&mut self, docs: &[DocId]) {
        self.firsts.clear();
        match self.slots[0] {
            Slot::Newest => {
                self.dates_read.clear();
                self.dates_read.resize(docs.len(), None);
                self.dates.first_vals(docs, &mut self.dates_read);
                self.firsts
                    .extend(self.dates_read.iter().map(|d| newest_key(*d)));
            }
            slot @ (Slot::Outlet | Slot::Title) => {
                let column = if slot == Slot::Outlet {
                    &self.outlets
                } else {
                    &self.titles
                };
                self.ords_read.clear();
                self.ords_read.resize(docs.len(), None);
                if let Some(column) = column {
                    column.ords().first_vals(docs, &mut self.ords_read);
                }
                self.firsts
                    .extend(self.ords_read.iter().map(|o| o.unwrap_or(u64::MAX)));
            }
            slot => {
                let mut firsts = std::mem::take(&mut self.firsts);
                firsts.extend(docs.iter().map(|&doc| self.value(slot, doc)));
                self.firsts = firsts;
            }
        }
    }

    /// Keeps `doc` (whose first key part is `first`) if it ranks among the best.
    fn offer(&mut self, doc: DocId, first: u64) {
        let full = self.best.len() >= self.keep;
        // Most documents lose on the first part: the others are not read for them.
        if full && self.best.peek().is_some_and(|worst| first > worst.0[0]) {
            return;
        }
        let key = (
            [
                first,
                self.value(self.slots[1], doc),
                self.value(self.slots[2], doc),
            ],
            doc,
        );
        if !full {
            self.best.push(key);
        } else if self.best.peek().is_some_and(|worst| key < *worst) {
            self.best.pop();
            self.best.push(key);
        }
    }
}

impl Collector for Sorted {
    type Fruit = Vec<Ranked>;
    type Child = SegmentSorted;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSorted> {
        let fast = reader.fast_fields();
        Ok(SegmentSorted {
            segment,
            slots: self.sort.slots(),
            outlets: fast.str("outlet")?,
            titles: fast.str("title_key")?,
            dates: fast.date("date")?,
            prefixes: fast.u64("title_prefix")?,
            keep: self.keep.max(1),
            best: std::collections::BinaryHeap::new(),
            firsts: Vec::new(),
            dates_read: Vec::new(),
            ords_read: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Ranked>>) -> tantivy::Result<Vec<Ranked>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentSorted {
    type Fruit = Vec<Ranked>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.firsts(docs);
        let firsts = std::mem::take(&mut self.firsts);
        for (&doc, &first) in docs.iter().zip(&firsts) {
            self.offer(doc, first);
        }
        self.firsts = firsts;
    }

    fn harvest(self) -> Vec<Ranked> {
        let best = self.best.into_sorted_vec();
        let slot_of = |wanted: Slot| self.slots.iter().position(|s| *s == wanted);
        // The names an order compares by, each dictionary read once in order: outlets
        // (few), and titles when the order is by title (the segment's first, together).
        let names = |slot: Option<usize>, column: &Option<StrColumn>| -> Vec<Option<String>> {
            let Some(slot) = slot else {
                return vec![None; best.len()];
            };
            let mut ords: Vec<u64> = best
                .iter()
                .map(|(key, _)| key[slot])
                .filter(|ord| *ord != u64::MAX)
                .collect();
            ords.sort_unstable();
            ords.dedup();
            let mut found: Vec<String> = Vec::with_capacity(ords.len());
            if let Some(column) = column {
                let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    found.push(String::from_utf8_lossy(bytes).into_owned());
                });
            }
            best.iter()
                .map(|(key, _)| {
                    ords.binary_search(&key[slot])
                        .ok()
                        .and_then(|at| found.get(at).cloned())
                })
                .collect()
        };
        let outlets = names(slot_of(Slot::Outlet), &self.outlets);
        let titles = names(slot_of(Slot::Title), &self.titles);
        let newest = slot_of(Slot::Newest);
        let prefix = slot_of(Slot::Prefix);
        best.iter()
            .zip(outlets.into_iter().zip(titles))
            .map(|((key, doc), (outlet, title))| Ranked {
                outlet,
                newest: newest.map_or(i64::MAX, |slot| {
                    if key[slot] == u64::MAX {
                        i64::MAX
                    } else {
                        (key[slot] ^ (1 << 63)).cast_signed()
                    }
                }),
                prefix: prefix.map_or(0, |slot| key[slot]),
                title_at: if prefix.is_some() {
                    self.titles.clone().and_then(|column| {
                        let ord = column.term_ords(*doc).next()?;
                        Some((column, ord))
                    })
                } else {
                    None
                },
                title,
                address: DocAddress::new(self.segment, *doc),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::arabic::Stemmer;

    const WIRE: &str = r#"{"id": "r1", "title": "ب هجوم", "body": "هجوم", "source": "Reuters", "published": "2024-03-22"}
{"id": "r2", "title": "أ اتهامات", "body": "هجوم", "source": "Reuters", "published": "2024-03-23"}
{"id": "b1", "title": "Attack", "body": "attack", "source": "BBC", "published": "2024-03-23"}
{"id": "j1", "title": "ثورة", "body": "ثورة", "source": "الجزيرة", "published": "1958-07-14"}
{"id": "n1", "title": "بيان", "body": "هجوم", "published": "soon"}
{"id": "n2", "title": "Alpha", "body": "x"}
"#;

    fn index(dir: &std::path::Path) -> SearchIndex {
        index_of(dir, WIRE)
    }

    fn index_of(dir: &std::path::Path, wire: &str) -> SearchIndex {
        let corpus = dir.join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus");
        std::fs::write(corpus.join("w.jsonl"), wire).expect("write");
        let mut index = SearchIndex::open(
            &dir.join("index"),
            &dir.join("manifest.json"),
            Stemmer::with_defaults(),
        )
        .expect("open");
        index.update(&[corpus], &mut |_| {}).expect("update");
        index
    }

    fn ids(page: &Page) -> Vec<&str> {
        page.docs
            .iter()
            .map(|d| d.doc.strip_prefix("w.jsonl#").unwrap_or(&d.doc))
            .collect()
    }

    #[test]
    fn pages_sort_by_date_outlet_and_title_with_the_undated_last() {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = index(dir.path());
        let all = SearchRequest::new("", 1);
        let page = index.page(all, Sort::Date, 0, 10).expect("page");
        assert_eq!(page.total, 6);
        assert_eq!(page.undated, 2, "\"soon\" is no date");
        // Newest first (one day's two by title), the old date, then the undated by title.
        assert_eq!(ids(&page), ["b1", "r2", "r1", "j1", "n2", "n1"]);
        let second = index.page(all, Sort::Date, 2, 2).expect("page");
        assert_eq!(ids(&second), ["r1", "j1"]);
        assert_eq!(second.total, 6);
        // By outlet, newest first within one; no outlet last.
        let by_outlet = index.page(all, Sort::Source, 0, 10).expect("page");
        assert_eq!(ids(&by_outlet), ["b1", "r2", "r1", "j1", "n2", "n1"]);
        let paged = index.page(all, Sort::Source, 1, 2).expect("page");
        assert_eq!(ids(&paged), ["r2", "r1"]);
        let by_title = index.page(all, Sort::Title, 0, 10).expect("page");
        assert_eq!(ids(&by_title), ["n2", "b1", "r2", "r1", "n1", "j1"]);
        // A query's matches only.
        let matches = index
            .page(SearchRequest::new("هجوم", 10), Sort::Date, 0, 10)
            .expect("page");
        assert_eq!(ids(&matches), ["r2", "r1", "n1"]);
        assert_eq!((matches.total, matches.undated), (3, 1));
    }

    #[test]
    fn titles_that_begin_alike_are_told_apart_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let day = r#""published": "2024-03-22", "source": "Reuters""#;
        let lines: Vec<String> = ["z", "c", "a", "b"]
            .iter()
            .map(|last| {
                format!(
                    "{{\"id\": \"{last}\", \"title\": \"Breaking news: {last}\", \"body\": \"x\", {day}}}"
                )
            })
            .collect();
        let wire = lines.join("\n");
        let index = index_of(dir.path(), &wire);
        let all = SearchRequest::new("", 1);
        for sort in [Sort::Date, Sort::Source, Sort::Title] {
            assert_eq!(
                ids(&index.page(all, sort, 0, 10).expect("page")),
                ["a", "b", "c", "z"],
                "{sort:?}"
            );
            assert_eq!(ids(&index.page(all, sort, 1, 2).expect("page")), ["b", "c"]);
        }
    }

    #[test]
    fn sets_of_ids_stay_right_as_the_index_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut index = index(dir.path());
        let set = [
            "w.jsonl#r1".to_owned(),
            "w.jsonl#n2".to_owned(),
            "x.jsonl#a".to_owned(),
        ];
        let only = |index: &SearchIndex| {
            let mut ids: Vec<String> = index
                .page(
                    SearchRequest {
                        docs: Some(&set),
                        ..SearchRequest::new("", 1)
                    },
                    Sort::Title,
                    0,
                    10,
                )
                .expect("page")
                .docs
                .into_iter()
                .map(|d| d.doc)
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(only(&index), ["w.jsonl#n2", "w.jsonl#r1"]);
        // Asked again (the bitsets kept): the same.
        assert_eq!(only(&index), ["w.jsonl#n2", "w.jsonl#r1"]);
        // r1 goes, a document of the set comes in another file: a new segment, a deletion.
        let corpus = dir.path().join("corpus");
        let mut wire = String::new();
        for line in WIRE.lines().filter(|l| !l.contains("\"r1\"")) {
            wire.push_str(line);
            wire.push('\n');
        }
        std::fs::write(corpus.join("w.jsonl"), wire).expect("write");
        std::fs::write(
            corpus.join("x.jsonl"),
            r#"{"id": "a", "title": "x", "body": "y"}"#,
        )
        .expect("write");
        index.update(&[corpus], &mut |_| {}).expect("update");
        assert_eq!(only(&index), ["w.jsonl#n2", "x.jsonl#a"]);
        let except = index
            .page(
                SearchRequest {
                    except: &set,
                    ..SearchRequest::new("", 1)
                },
                Sort::Date,
                0,
                10,
            )
            .expect("page");
        assert_eq!(except.total, 4, "six, less r1, less n2");
    }

    #[test]
    fn facets_count_outlets_languages_and_days_before_and_after_1970() {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = index(dir.path());
        let r1 = ["w.jsonl#r1".to_owned(), "w.jsonl#j1".to_owned()];
        let facets = index
            .facets(SearchRequest::new("", 1), &[&r1, &[]])
            .expect("facets");
        assert_eq!(facets.total, 6);
        assert_eq!(
            facets.outlets,
            [
                ("Reuters".to_owned(), 2),
                ("BBC".to_owned(), 1),
                ("الجزيرة".to_owned(), 1)
            ]
        );
        assert_eq!(facets.no_outlet, 2);
        assert_eq!(
            facets.days,
            [
                ("1958-07-14".to_owned(), 1),
                ("2024-03-22".to_owned(), 1),
                ("2024-03-23".to_owned(), 2)
            ]
        );
        assert_eq!(facets.undated, 2);
        assert_eq!(facets.within, [2, 0]);
        let of_query = index
            .facets(SearchRequest::new("هجوم", 10), &[&r1])
            .expect("facets");
        assert_eq!(of_query.total, 3);
        assert_eq!(of_query.within, [1]);
        assert_eq!(of_query.outlets, [("Reuters".to_owned(), 2)]);
    }
}
