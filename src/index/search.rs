//! Running a query: lenient parsing, exact fields boosted above stemmed ones, the total
//! count, and snippets that highlight the original words of the stored text.

use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, QueryParser};
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use super::{IndexError, SearchIndex, query};
use crate::text::script::Direction;

/// A search as asked for.
#[derive(Debug, Clone, Copy)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub limit: usize,
    /// Only the exact (normalised, unstemmed) fields.
    pub exact: bool,
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

/// The best hits and how many documents matched in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: usize,
}

/// Snippet length in bytes (tantivy counts bytes: about half as many Arabic letters).
const SNIPPET_BYTES: usize = 300;

/// Field boosts: exact forms rank above stem-only matches, titles above bodies.
const BOOSTS: [(&str, f32); 4] = [
    ("title", 4.0),
    ("title_stem", 2.0),
    ("body", 2.0),
    ("body_stem", 1.0),
];

impl SearchIndex {
    /// Runs `request`. Half-typed input is parsed leniently; an empty query finds nothing.
    pub fn search(&self, request: SearchRequest<'_>) -> Result<SearchResults, IndexError> {
        if request.query.trim().is_empty() || request.limit == 0 {
            return Ok(SearchResults::default());
        }
        let query = self.parse(request.query, request.exact);
        let searcher = self.reader.searcher();
        let collector = (TopDocs::with_limit(request.limit).order_by_score(), Count);
        let (top, total) = searcher
            .search(&query, &collector)
            .map_err(|e| self.error(e))?;
        let snippets = self.snippet_generator(&*query, request.exact)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
            let document = self.to_document(&stored);
            let (snippet, highlights) = snippet_of(&snippets, &document.body);
            hits.push(SearchHit {
                doc: document.id,
                file: document.file,
                title: document.title,
                source: document.source,
                published: document.published,
                lang: document.lang,
                direction: document.direction,
                score,
                snippet,
                highlights,
            });
        }
        Ok(SearchResults { hits, total })
    }

    /// Parses a user query for the exact fields only, or for exact and stemmed fields.
    fn parse(&self, text: &str, exact: bool) -> Box<dyn Query> {
        let f = &self.fields;
        let fields: Vec<Field> = if exact {
            vec![f.title, f.body]
        } else {
            vec![f.title, f.title_stem, f.body, f.body_stem]
        };
        let mut parser = QueryParser::for_index(&self.index, fields);
        parser.set_conjunction_by_default();
        for (name, boost) in BOOSTS {
            if let Ok(field) = self.index.schema().get_field(name) {
                parser.set_field_boost(field, boost);
            }
        }
        let (query, _ignored) = parser.parse_query_lenient(&query::rewrite(text, exact));
        query
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
            self.fields.body_stem
        };
        let mut terms: Vec<Term> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
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
        let analyzer = self
            .index
            .tokenizer_for_field(field)
            .map_err(|e| self.error(e))?;
        Ok(SnippetGenerator::new(
            weights,
            analyzer,
            field,
            SNIPPET_BYTES,
        ))
    }
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
