//! Running a query: lenient parsing, exact fields boosted above stemmed ones, the total
//! count, and snippets that highlight the original words of the stored text.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, EnableScoring, Occur, Query, QueryParser, Scorer, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

use super::analyzer::ArabicTokenizer;
use super::query::{self, Forms};
use super::typed::{self, Typed};
use super::{IndexError, SearchIndex};
use super::{build, frequent};
use crate::text::script::Direction;

/// A search as asked for.
#[derive(Debug, Clone, Copy)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub limit: usize,
    /// Only the exact (normalised, unstemmed) fields.
    pub exact: bool,
    /// Count every matching document (`SearchResults::total`); costs a pass over all matches.
    pub count: bool,
    /// Only these documents (by id), e.g. those mentioning an entity; with an empty query,
    /// all of them.
    pub docs: Option<&'a [String]>,
    /// Never these documents (by id), e.g. those reviewed already; with an empty query and
    /// no `docs`, every other document.
    pub except: &'a [String],
    /// What the user is typing, when the query is being typed (the query itself, or the
    /// part of it typed when filters were added to it): its last word also matches as a
    /// prefix (`query::typing_prefix`), ranked under whole-word matches.
    pub typing: Option<&'a str>,
}

impl<'a> SearchRequest<'a> {
    /// The best `limit` matches of `query`, stemmed and exact forms, with the total count.
    pub fn new(query: &'a str, limit: usize) -> Self {
        SearchRequest {
            query,
            limit,
            exact: false,
            count: true,
            docs: None,
            except: &[],
            typing: None,
        }
    }
}

/// The ranked matches of a query, before any document is fetched.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    /// Every matching document, when counting was asked for.
    pub total: Option<usize>,
    /// The best matches, best first.
    pub top: Vec<(f32, DocAddress)>,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub doc: String,
    pub file: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub lang: String,
    pub direction: Direction,
    pub score: f32,
    /// A passage of the body on one line (newlines become spaces).
    pub snippet: String,
    /// Byte ranges into `snippet` of the words that matched.
    pub highlights: Vec<Range<usize>>,
}

/// A document as a list shows it: its metadata, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub doc: String,
    pub file: String,
    pub title: String,
    pub source: Option<String>,
    /// `YYYY-MM-DD` when the date could be read, else the value as given.
    pub published: Option<String>,
    pub lang: String,
    pub direction: Direction,
}

impl From<crate::corpus::Document> for Listed {
    /// A document as a list shows it: its metadata, its text left out.
    fn from(document: crate::corpus::Document) -> Listed {
        Listed {
            doc: document.id,
            file: document.file,
            title: document.title,
            source: document.source,
            published: document.published,
            lang: document.lang,
            direction: document.direction,
        }
    }
}

impl From<Listed> for SearchHit {
    /// A listed document as a hit without a snippet (a list of documents, not a search).
    fn from(listed: Listed) -> SearchHit {
        SearchHit {
            doc: listed.doc,
            file: listed.file,
            title: listed.title,
            source: listed.source,
            published: listed.published,
            lang: listed.lang,
            direction: listed.direction,
            score: 0.0,
            snippet: String::new(),
            highlights: Vec::new(),
        }
    }
}

/// The best hits and how many documents matched in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Every matching document, when the request asked for the count.
    pub total: Option<usize>,
}

/// Snippet length in bytes (tantivy counts bytes: about half as many Arabic letters).
const SNIPPET_BYTES: usize = 300;

/// Boosts of the exact fields when only they are searched: titles above bodies.
const EXACT_BOOSTS: [(&str, f32); 2] = [("title", 4.0), ("body", 2.0)];

/// Boosts of the fields that only add to the score of a stemmed match (`text_stem`, boost
/// 1): an exact match, and a match in the title, rank above a stem-only match in the body.
const BONUS_BOOSTS: [(&str, f32); 3] = [("title", 4.0), ("body", 2.0), ("title_stem", 2.0)];

/// Fewer hits than this are fetched on one thread: starting another costs more.
const MIN_SPLIT_FETCH: usize = 8;

/// How many of the best stemmed matches are ranked again with their exact forms.
const RESCORE_WINDOW: usize = 200;

/// A parsed search.
pub(super) struct Parsed {
    /// What a document must match; scores the stemmed forms (or, for an exact search, the
    /// exact ones).
    pub(super) matching: Box<dyn Query>,
    /// Exact and title forms of the query's words, with their boosts: each adds its score
    /// to a match that contains it.
    bonus: Vec<(Term, f32)>,
    /// The query taken apart around the word being typed, when ranking can use it
    /// (`index::typed`).
    typed: Option<Typed>,
}

impl SearchIndex {
    /// Runs `request`: ranks, then fetches each hit and makes its snippet. Half-typed input
    /// is parsed leniently; an empty query finds nothing.
    pub fn search(&self, request: SearchRequest<'_>) -> Result<SearchResults, IndexError> {
        let Some(query) = self.parse_request(request)? else {
            return Ok(SearchResults {
                hits: Vec::new(),
                total: request.count.then_some(0),
            });
        };
        let ranking = self.rank_parsed(&query, request)?;
        if ranking.top.is_empty() {
            return Ok(SearchResults {
                hits: Vec::new(),
                total: ranking.total,
            });
        }
        let hits = self.fetch_hits(&query, request.exact, &ranking.top)?;
        Ok(SearchResults {
            hits,
            total: ranking.total,
        })
    }

    /// Fetches the documents at `top` (in that order) with their snippets for `query`.
    pub(super) fn fetch_hits(
        &self,
        query: &Parsed,
        exact: bool,
        top: &[(f32, DocAddress)],
    ) -> Result<Vec<SearchHit>, IndexError> {
        let searcher = self.reader.searcher();
        let snippets = self.snippet_generator(&*query.matching, exact)?;
        let fetch = |&(score, address): &(f32, DocAddress)| -> Result<SearchHit, IndexError> {
            let stored: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
            let document = self.to_document(&stored);
            let (snippet, highlights) = snippet_of(&snippets, &document.body);
            Ok(SearchHit {
                score,
                snippet,
                highlights,
                ..SearchHit::from(Listed::from(document))
            })
        };
        // Fetching and making snippets is most of a search that asks for a page of hits:
        // with more than one core to search on, the page is split between them.
        let hits = if self.fetchers > 1 && top.len() >= MIN_SPLIT_FETCH {
            let part = top.len().div_ceil(self.fetchers);
            std::thread::scope(|scope| {
                let parts: Vec<_> = top
                    .chunks(part)
                    .map(|hits| scope.spawn(|| hits.iter().map(fetch).collect::<Vec<_>>()))
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|part| {
                        part.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?
        } else {
            top.iter().map(fetch).collect::<Result<Vec<_>, _>>()?
        };
        Ok(hits)
    }

    /// The id of the best-ranked document `request` allows (an empty query with no `docs`
    /// allows every document, in index order), if any.
    pub fn first_allowed(&self, request: SearchRequest<'_>) -> Result<Option<String>, IndexError> {
        let request = SearchRequest {
            limit: 1,
            count: false,
            ..request
        };
        let Some(parsed) = self.parse_allowing_all(request)? else {
            return Ok(None);
        };
        let top = self.rank_parsed(&parsed, request)?.top;
        top.first()
            .map_or(Ok(None), |&(_, address)| self.doc_id(address))
    }

    /// `parse_request`, except that an empty query with no `docs` allows every document
    /// (but `except`) instead of none: what lists of documents, not searches, ask for.
    pub(super) fn parse_allowing_all(
        &self,
        request: SearchRequest<'_>,
    ) -> Result<Option<Parsed>, IndexError> {
        if request.query.trim().is_empty() && request.docs.is_none() && request.except.is_empty() {
            return Ok(Some(Parsed {
                matching: Box::new(AllQuery),
                bonus: Vec::new(),
                typed: None,
            }));
        }
        self.parse_request(request)
    }

    /// The id of the document at `address` (from this index's searcher).
    fn doc_id(&self, address: DocAddress) -> Result<Option<String>, IndexError> {
        let stored: TantivyDocument = self
            .reader
            .searcher()
            .doc(address)
            .map_err(|e| self.error(e))?;
        Ok(stored
            .get_first(self.fields.doc)
            .and_then(|v| v.as_str())
            .map(str::to_owned))
    }

    /// Every document `request` allows (its query, `docs` and `except`; an empty query with
    /// neither: every document), in index order, without their text: what a list of
    /// documents shows. `request.limit` is ignored.
    pub fn list(&self, request: SearchRequest<'_>) -> Result<Vec<Listed>, IndexError> {
        let searcher = self.reader.searcher();
        let all = usize::try_from(searcher.num_docs())
            .unwrap_or(usize::MAX)
            .max(1);
        let request = SearchRequest {
            limit: all,
            count: false,
            ..request
        };
        let Some(parsed) = self.parse_allowing_all(request)? else {
            return Ok(Vec::new());
        };
        let matching = parsed.matching;
        let addresses = searcher
            .search(&*matching, &tantivy::collector::DocSetCollector)
            .map_err(|e| self.error(e))?;
        let mut addresses: Vec<DocAddress> = addresses.into_iter().collect();
        addresses.sort_unstable();
        addresses
            .into_iter()
            .map(|address| self.listed(&searcher, address))
            .collect()
    }

    /// Every document in which one of `names` may occur: those with the first word of a
    /// name in any clitic form, in normalised unstemmed form (a superset;
    /// `text::names::NameFinder` says where exactly).
    pub fn documents_naming(
        &self,
        names: &[&str],
    ) -> Result<Vec<crate::corpus::Document>, IndexError> {
        let mut forms = Vec::new();
        for name in names {
            let first = crate::text::words::word_ranges(name)
                .next()
                .and_then(|r| name.get(r));
            if let Some(first) = first {
                forms.extend(crate::text::names::clitic_forms(first));
            }
        }
        if forms.is_empty() {
            return Ok(Vec::new());
        }
        let query = forms
            .iter()
            .map(|form| format!("\"{form}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        let limit = usize::try_from(self.document_count())
            .unwrap_or(usize::MAX)
            .max(1);
        // Exact forms: what the stemmer made of a name when the document was indexed does
        // not matter (names it did not protect then are found all the same).
        let ranking = self.rank(SearchRequest {
            count: false,
            exact: true,
            ..SearchRequest::new(&query, limit)
        })?;
        let searcher = self.reader.searcher();
        let mut documents = Vec::with_capacity(ranking.top.len());
        for (_, address) in ranking.top {
            let stored: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
            documents.push(self.to_document(&stored));
        }
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(documents)
    }

    /// Ranks the matches of `request` without fetching documents: the query alone.
    pub fn rank(&self, request: SearchRequest<'_>) -> Result<Ranking, IndexError> {
        match self.parse_request(request)? {
            Some(query) => self.rank_parsed(&query, request),
            None => Ok(Ranking {
                total: request.count.then_some(0),
                top: Vec::new(),
            }),
        }
    }

    /// How many documents `request` matches (its query, `docs` and `except`; the word being
    /// typed as a prefix too), or `None` when `cancelled` says to stop first: it is asked
    /// before each segment is counted. What the workbench shows a moment after the results,
    /// which it asks for without the count (`SearchRequest::count`).
    pub fn count(
        &self,
        request: SearchRequest<'_>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<usize>, IndexError> {
        let Some(query) = self.parse_request(request)? else {
            return Ok(Some(0));
        };
        self.reader
            .searcher()
            .search(&*query.matching, &CancellableCount { cancelled })
            .map_err(|e| self.error(e))
    }

    /// The documents named by `ids`, as a query (their bitsets kept by segment).
    pub(super) fn id_set(&self, ids: &[String]) -> super::id_set::IdSetQuery {
        super::id_set::IdSetQuery::new(self.fields.doc, ids, Arc::clone(&self.id_sets))
    }

    /// The parsed query, or `None` when the request can match nothing (empty, limit 0).
    pub(super) fn parse_request(
        &self,
        request: SearchRequest<'_>,
    ) -> Result<Option<Parsed>, IndexError> {
        if request.limit == 0 {
            return Ok(None);
        }
        let filter = request
            .docs
            .map(|docs| Box::new(self.id_set(docs)) as Box<dyn Query>);
        let empty = request.query.trim().is_empty();
        let parsed = match (empty, filter) {
            (true, None) if request.except.is_empty() => None,
            (true, None) => Some(Parsed {
                matching: Box::new(AllQuery),
                bonus: Vec::new(),
                typed: None,
            }),
            (true, Some(filter)) => Some(Parsed {
                matching: filter,
                bonus: Vec::new(),
                typed: None,
            }),
            (false, None) => Some(self.parse(request.query, request.exact, request.typing)?),
            (false, Some(filter)) => {
                let mut parsed = self.parse(request.query, request.exact, request.typing)?;
                if let Some(typed) = &mut parsed.typed {
                    typed.only = Some(filter.box_clone());
                }
                parsed.matching =
                    Box::new(BooleanQuery::intersection(vec![parsed.matching, filter]));
                Some(parsed)
            }
        };
        Ok(parsed.map(|mut parsed| {
            if !request.except.is_empty() {
                let except: Box<dyn Query> = Box::new(self.id_set(request.except));
                if let Some(typed) = &mut parsed.typed {
                    typed.except = Some(except.box_clone());
                }
                parsed.matching = Box::new(BooleanQuery::new(vec![
                    (Occur::Must, parsed.matching),
                    (Occur::MustNot, except),
                ]));
            }
            parsed
        }))
    }

    /// Ranks in two passes, as Elasticsearch's rescoring does: the matches are ranked by
    /// their stemmed score (and counted) in one pass, then the best `RESCORE_WINDOW` (at
    /// least `limit`) get the bonus of their exact and title forms and are ranked again.
    /// Looking the forms up for a few hundred documents costs a few hundred skips along
    /// their posting lists; doing it for every match cost more than the match itself.
    ///
    /// A query being typed is ranked without visiting every match (`index::typed`), in the
    /// same order; its count, when asked for, is a pass of its own.
    fn rank_parsed(
        &self,
        query: &Parsed,
        request: SearchRequest<'_>,
    ) -> Result<Ranking, IndexError> {
        let searcher = self.reader.searcher();
        let window = rescore_window(query, request.limit);
        if let Some(typed) = &query.typed {
            let mut top = typed::top(&searcher, typed, window).map_err(|e| self.error(e))?;
            let total = if request.count {
                Some(
                    searcher
                        .search(&*query.matching, &Count)
                        .map_err(|e| self.error(e))?,
                )
            } else {
                None
            };
            return self.finish_ranking(query, &searcher, &mut top, total, request.limit);
        }
        self.rank_visiting_every_match(query, request)
    }

    /// [`SearchIndex::rank_parsed`] as tantivy ranks any query, visiting every match: the
    /// order the ranking of a typed query (`index::typed`) must give.
    fn rank_visiting_every_match(
        &self,
        query: &Parsed,
        request: SearchRequest<'_>,
    ) -> Result<Ranking, IndexError> {
        let searcher = self.reader.searcher();
        let window = rescore_window(query, request.limit);
        let top_docs = TopDocs::with_limit(window).order_by_score();
        let (mut top, total) = if request.count {
            let (top, total) = searcher
                .search(&*query.matching, &(top_docs, Count))
                .map_err(|e| self.error(e))?;
            (top, Some(total))
        } else {
            let top = searcher
                .search(&*query.matching, &top_docs)
                .map_err(|e| self.error(e))?;
            (top, None)
        };
        self.finish_ranking(query, &searcher, &mut top, total, request.limit)
    }

    /// The ranking from the best matches by the matching query: their exact and title
    /// forms' bonus added, ranked again, cut to `limit`.
    fn finish_ranking(
        &self,
        query: &Parsed,
        searcher: &Searcher,
        top: &mut Vec<(f32, DocAddress)>,
        total: Option<usize>,
        limit: usize,
    ) -> Result<Ranking, IndexError> {
        if !query.bonus.is_empty() {
            add_bonus(searcher, &query.bonus, top).map_err(|e| self.error(e))?;
            top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        top.truncate(limit);
        Ok(Ranking {
            total,
            top: std::mem::take(top),
        })
    }

    /// [`SearchIndex::rank`], visiting every match as tantivy ranks any query, the query
    /// being typed too: what the ranking while typing must agree with (the tests compare
    /// them) and what it is measured against.
    #[doc(hidden)]
    pub fn rank_as_before(&self, request: SearchRequest<'_>) -> Result<Ranking, IndexError> {
        match self.parse_request(request)? {
            Some(query) => self.rank_visiting_every_match(&query, request),
            None => Ok(Ranking {
                total: request.count.then_some(0),
                top: Vec::new(),
            }),
        }
    }

    /// True when `request` is ranked without visiting every match (`index::typed`): its
    /// word being typed could be taken apart from the rest. What the tests check, so that a
    /// comparison with [`SearchIndex::rank_as_before`] compares two ways.
    #[doc(hidden)]
    pub fn ranks_typed(&self, request: SearchRequest<'_>) -> Result<bool, IndexError> {
        Ok(self
            .parse_request(request)?
            .is_some_and(|query| query.typed.is_some()))
    }

    /// True when every term the query needs positions for (its phrases) is so common that
    /// the phrase must be checked in a large share of the corpus (`"في من"`): such a query
    /// can take tens of milliseconds on a large index, so callers run it off the UI thread
    /// and say so.
    pub fn is_slow_phrase(&self, text: &str, exact: bool) -> Result<bool, IndexError> {
        // Only quotes make phrases: most queries need no parse here.
        if !text.contains('"') {
            return Ok(false);
        }
        let query = self.parse(text, exact, None)?.matching;
        let mut by_field: BTreeMap<Field, Vec<Term>> = BTreeMap::new();
        query.query_terms(&mut |term, needs_positions| {
            if needs_positions {
                by_field.entry(term.field()).or_default().push(term.clone());
            }
        });
        let searcher = self.reader.searcher();
        let documents = searcher.num_docs().max(1);
        // A phrase is searched in each field separately: slow if, in some field, every one
        // of its terms is common.
        for terms in by_field.values().filter(|terms| terms.len() >= 2) {
            let mut all_common = true;
            for term in terms {
                let frequency = searcher.doc_freq(term).map_err(|e| self.error(e))?;
                all_common &= frequency * frequent::SHARE >= documents;
            }
            if all_common {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Parses a user query: what matches, and the exact forms that lift a match.
    ///
    /// A stemmed search matches on `text_stem` alone (every exact match is also a stemmed
    /// one), so each word walks one posting list; an exact search matches on the exact title
    /// and body, boosted. Fanning every word out to four fields instead made two-word
    /// queries three times slower at a million documents.
    ///
    /// A query nested deeper than [`query::MAX_NESTING`] is refused before tantivy sees it.
    ///
    /// `typing`: the last word also matches as a prefix (`SearchRequest::typing`).
    fn parse(&self, text: &str, exact: bool, typing: Option<&str>) -> Result<Parsed, IndexError> {
        let depth = query::nesting(text);
        if depth > query::MAX_NESTING {
            return Err(IndexError::TooDeep {
                depth,
                max: query::MAX_NESTING,
            });
        }
        if exact {
            let (matching, split) =
                self.parse_with(text, Forms::Exact, &EXACT_BOOSTS, true, typing)?;
            return Ok(Parsed {
                matching,
                bonus: Vec::new(),
                typed: split.map(|split| Typed {
                    split,
                    only: None,
                    except: None,
                }),
            });
        }
        let (matching, split) =
            self.parse_with(text, Forms::Stemmed, &[("text_stem", 1.0)], true, typing)?;
        let (forms, _) = self.parse_with(text, Forms::Exact, &BONUS_BOOSTS, false, None)?;
        let schema = self.index.schema();
        let mut bonus: Vec<(Term, f32)> = Vec::new();
        forms.query_terms(&mut |term, _| {
            let name = schema.get_field_name(term.field());
            if let Some(&(_, boost)) = BONUS_BOOSTS.iter().find(|(field, _)| *field == name)
                && !bonus.iter().any(|(known, _)| known == term)
            {
                bonus.push((term.clone(), boost));
            }
        });
        Ok(Parsed {
            matching,
            bonus,
            typed: split.map(|split| Typed {
                split,
                only: None,
                except: None,
            }),
        })
    }

    /// Parses `text` rewritten for `forms`, searching the `fields` (with their boosts) by
    /// default, every word required or any word enough. The conjunctive parse is the one
    /// that matches: it builds the operators (`build`); the other only collects exact forms.
    fn parse_with(
        &self,
        text: &str,
        forms: Forms,
        fields: &[(&str, f32)],
        conjunction: bool,
        typing: Option<&str>,
    ) -> Result<(Box<dyn Query>, Option<build::TypedSplit>), IndexError> {
        let schema = self.index.schema();
        let named: Vec<(Field, f32)> = fields
            .iter()
            .filter_map(|&(name, boost)| schema.get_field(name).ok().map(|f| (f, boost)))
            .collect();
        let mut parser =
            QueryParser::for_index(&self.index, named.iter().map(|&(f, _)| f).collect());
        if conjunction {
            parser.set_conjunction_by_default();
        }
        for &(field, boost) in &named {
            parser.set_field_boost(field, boost);
        }
        let rewritten = query::rewrite(text, forms).map_err(IndexError::Query)?;
        let (ast, _ignored) = tantivy::query_grammar::parse_query_lenient(&rewritten);
        // The word being typed is the last word without a field (filters added to what was
        // typed have fields), when it is what was typed last.
        let typed = typing.and_then(query::typing_prefix).and_then(|word| {
            let literals = build::literals(&ast);
            let at = literals.iter().rposition(|l| l.field_name.is_none())?;
            let last = literals.get(at)?;
            (last.delimiter == tantivy::query_grammar::Delimiter::None && last.phrase == word)
                .then_some(at)
        });
        let searcher = self.reader.searcher();
        let mut builder = build::Builder {
            index: self,
            searcher: &searcher,
            parser: &parser,
            defaults: &named,
            conjunction,
            operators: conjunction,
            typing: typed,
            leaves: 0,
            typed_word: None,
            split: None,
        };
        let query = builder.root(ast)?;
        Ok((query, builder.split))
    }

    /// The byte ranges of `text` (a document's text) holding words of `query`, in order:
    /// what the reader highlights. Stemmed words match every form, unless `exact`.
    pub fn highlights(
        &self,
        query: &str,
        exact: bool,
        text: &str,
    ) -> Result<Vec<Range<usize>>, IndexError> {
        self.highlights_typed(query, exact, false, text)
    }

    /// [`SearchIndex::highlights`] of a query that was being typed (`typing`): the words its
    /// last word matched as a prefix are highlighted too, as the search found them.
    pub fn highlights_typed(
        &self,
        query: &str,
        exact: bool,
        typing: bool,
        text: &str,
    ) -> Result<Vec<Range<usize>>, IndexError> {
        let words = self.query_words(query, exact, typing)?;
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut analyzer = self.word_analyzer(exact);
        let mut stream = analyzer.token_stream(text);
        let mut ranges = Vec::new();
        while stream.advance() {
            let token = stream.token();
            if words.contains(&token.text) {
                ranges.push(token.offset_from..token.offset_to);
            }
        }
        Ok(ranges)
    }

    /// The terms of the text `query` searches for (the stemmed text, or the exact title
    /// and body), pairs of frequent stems left out: with the operators' words expanded, what
    /// the reader highlights. `isnad-bench expand` prints them.
    ///
    /// `typing`: the query was being typed (`SearchRequest::typing`).
    pub fn query_words(
        &self,
        query: &str,
        exact: bool,
        typing: bool,
    ) -> Result<BTreeSet<String>, IndexError> {
        let mut words: BTreeSet<String> = BTreeSet::new();
        if query.trim().is_empty() {
            return Ok(words);
        }
        let field = if exact {
            self.fields.body
        } else {
            self.fields.text_stem
        };
        self.parse(query, exact, typing.then_some(query))?
            .matching
            .query_terms(&mut |term, _| {
                if let Some(word) = term.value().as_str()
                    && !frequent::is_pair(word)
                    && (term.field() == field || (exact && term.field() == self.fields.title))
                {
                    words.insert(word.to_owned());
                }
            });
        Ok(words)
    }

    /// The analyzer of the exact or the stemmed fields, word by word: without the pairs of
    /// frequent stems (`index::frequent`), which are not words of the text and would only
    /// cost time where words are highlighted.
    fn word_analyzer(&self, exact: bool) -> TextAnalyzer {
        let stemmer = Arc::clone(&self.stemmer);
        TextAnalyzer::from(if exact {
            ArabicTokenizer::exact(stemmer)
        } else {
            ArabicTokenizer::stemming(stemmer, Arc::default())
        })
    }

    /// A snippet generator for the body that highlights every query term of the body's
    /// stemmed field (which covers the exact matches too), or of the exact field.
    fn snippet_generator(
        &self,
        query: &dyn Query,
        exact: bool,
    ) -> Result<SnippetGenerator, IndexError> {
        let field = if exact {
            self.fields.body
        } else {
            self.fields.text_stem
        };
        let mut terms: Vec<Term> = Vec::new();
        // Pairs of frequent words (`index::frequent`) are not words of the text: each of
        // their words is highlighted on its own.
        query.query_terms(&mut |term, _| {
            if term.field() == field && !term.value().as_str().is_some_and(frequent::is_pair) {
                terms.push(term.clone());
            }
        });
        let searcher = self.reader.searcher();
        let mut weights = BTreeMap::new();
        for term in terms {
            if let Some(text) = term.value().as_str() {
                let doc_freq = searcher.doc_freq(&term).map_err(|e| self.error(e))?;
                weights.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
        let analyzer = self.word_analyzer(exact);
        Ok(SnippetGenerator::new(
            weights,
            analyzer,
            field,
            SNIPPET_BYTES,
        ))
    }
}

/// Counts matches as tantivy's `Count` does, segment by segment, unless `cancelled` says to
/// stop (then `None`).
struct CancellableCount<'a> {
    cancelled: &'a (dyn Fn() -> bool + Sync),
}

impl Collector for CancellableCount<'_> {
    type Fruit = Option<usize>;
    type Child = SegmentCount;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        _reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentCount> {
        Ok(SegmentCount(Some(0)))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, counts: Vec<Option<usize>>) -> tantivy::Result<Option<usize>> {
        Ok(counts.into_iter().sum())
    }

    fn collect_segment(
        &self,
        weight: &dyn tantivy::query::Weight,
        _segment: u32,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<Option<usize>> {
        if (self.cancelled)() {
            return Ok(None);
        }
        Ok(Some(weight.count(reader)? as usize))
    }
}

/// A segment's count (`None`: not counted).
struct SegmentCount(Option<usize>);

impl SegmentCollector for SegmentCount {
    type Fruit = Option<usize>;

    fn collect(&mut self, _doc: tantivy::DocId, _score: tantivy::Score) {
        self.0 = self.0.map(|n| n + 1);
    }

    fn harvest(self) -> Option<usize> {
        self.0
    }
}

/// Adds to each candidate's score the boosted BM25 score of every exact or title form
/// of the query that it contains.
fn add_bonus(
    searcher: &Searcher,
    bonus: &[(Term, f32)],
    top: &mut [(f32, DocAddress)],
) -> tantivy::Result<()> {
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_by_key(|&i| top.get(i).map(|(_, address)| *address));
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    for (term, boost) in bonus {
        let weight = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs).weight(scoring)?;
        let mut segment = None;
        let mut scorer: Option<Box<dyn Scorer>> = None;
        for &i in &order {
            let Some((score, address)) = top.get_mut(i) else {
                continue;
            };
            if segment != Some(address.segment_ord) {
                segment = Some(address.segment_ord);
                let reader = searcher.segment_reader(address.segment_ord);
                scorer = Some(weight.scorer(reader, *boost)?);
            }
            if let Some(scorer) = scorer.as_mut()
                && scorer.doc() <= address.doc_id
                && scorer.seek(address.doc_id) == address.doc_id
            {
                *score += scorer.score();
            }
        }
    }
    Ok(())
}

/// The snippet and its highlights; the start of the body when no body word matched.
fn snippet_of(generator: &SnippetGenerator, body: &str) -> (String, Vec<Range<usize>>) {
    let snippet = generator.snippet(body);
    let (text, highlights) = if snippet.is_empty() {
        (lead(body, SNIPPET_BYTES).to_owned(), Vec::new())
    } else {
        (
            snippet.fragment().to_owned(),
            snippet.highlighted().to_vec(),
        )
    };
    (text.replace(['\n', '\r'], " "), highlights)
}

/// The first words of `text`, at most `max` bytes, cut at a word boundary when possible.
fn lead(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default();
    head.rfind(char::is_whitespace)
        .map_or(head, |i| head.get(..i).unwrap_or(head))
}

/// How many of the best matches are ranked before the bonus of their exact and title forms
/// re-ranks them (`SearchIndex::rank_parsed`): `limit`, or `RESCORE_WINDOW` when there is a
/// bonus to add.
fn rescore_window(query: &Parsed, limit: usize) -> usize {
    if query.bonus.is_empty() {
        limit
    } else {
        limit.max(RESCORE_WINDOW)
    }
}

#[cfg(test)]
mod tests {
    use super::lead;

    #[test]
    fn lead_cuts_at_a_word_boundary_without_splitting_letters() {
        assert_eq!(lead("قصير", 300), "قصير");
        assert_eq!(lead("كلمة أخرى طويلة", 12), "كلمة");
        assert_eq!(lead("كلمةطويلةجدا", 5), "كل");
    }
}
