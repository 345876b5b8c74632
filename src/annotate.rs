//! Where the index (the documents' text) meets the store (what the analyst says about it):
//! finding every occurrence of an entity's names for "tag all", and turning a quote or a
//! code-point range into anchors. Used alike by the command line and the workbench.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use crate::corpus::Document;
use crate::index::{IndexError, SearchIndex};
use crate::store::anchor::{byte_range, find_quote};
use crate::store::{Anchor, Store, StoreError};
use crate::text::names::NameFinder;

/// One place a name occurs, ready to become a mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub doc: String,
    /// The document's title, for previews.
    pub title: String,
    pub anchor: Anchor,
}

/// Every occurrence of any of `names` (a name and its aliases) in the indexed documents,
/// by document id and position. The index narrows the documents; [`NameFinder`] finds the
/// exact places (normalised, clitics allowed and left out of the mention).
pub fn occurrences(index: &SearchIndex, names: &[&str]) -> Result<Vec<Occurrence>, IndexError> {
    let finder = NameFinder::new(names.iter().copied());
    let mut found = Vec::new();
    for document in index.documents_naming(names)? {
        let text = document.text();
        for range in finder.find(&text) {
            if let Ok(anchor) = Anchor::new(&text, range, &document.hash) {
                found.push(Occurrence {
                    doc: document.id.clone(),
                    title: document.title.clone(),
                    anchor,
                });
            }
        }
    }
    Ok(found)
}

/// Which of `found` the entity `name` of type `kind` already has as a mention (same document,
/// same bytes), from the store: the tag-all preview shows them as tagged rather than offer
/// to tag them again. No such entity yet: none.
pub fn already_tagged(
    store: &Store,
    name: &str,
    kind: &str,
    found: &[Occurrence],
) -> Result<Vec<bool>, StoreError> {
    let entity = store
        .entities()?
        .into_iter()
        .find(|e| e.kind == kind && e.name == name);
    let Some(entity) = entity else {
        return Ok(vec![false; found.len()]);
    };
    let mentions: std::collections::HashSet<(String, usize, usize)> = store
        .mentions(entity.id)?
        .into_iter()
        .map(|m| (m.doc, m.anchor.byte_start, m.anchor.byte_end))
        .collect();
    Ok(found
        .iter()
        .map(|o| mentions.contains(&(o.doc.clone(), o.anchor.byte_start, o.anchor.byte_end)))
        .collect())
}

/// Anchors for every place `quote` occurs exactly in `document`; an error when none does.
pub fn quote_anchors(document: &Document, quote: &str) -> Result<Vec<Anchor>, StoreError> {
    let text = document.text();
    let ranges = find_quote(&text, quote);
    if ranges.is_empty() {
        return Err(StoreError::Invalid(format!(
            "{quote:?} does not occur in {} (the quote must match the text exactly; \
             `isnad show {} --logical` prints it)",
            document.id, document.id
        )));
    }
    ranges
        .into_iter()
        .map(|range| Anchor::new(&text, range, &document.hash))
        .collect()
}

/// The anchor of code points `chars` of `document`'s text.
pub fn char_anchor(document: &Document, chars: Range<usize>) -> Result<Anchor, StoreError> {
    let text = document.text();
    let bytes = byte_range(&text, chars)?;
    Anchor::new(&text, bytes, &document.hash)
}

/// The source, title and date of each of `docs` (a document the index no longer holds
/// counts as its own source).
pub fn doc_infos<'a>(
    index: &SearchIndex,
    docs: impl IntoIterator<Item = &'a str>,
) -> std::collections::BTreeMap<String, crate::review::DocInfo> {
    let mut documents = crate::export::DocumentCache::new(index);
    docs.into_iter()
        .map(|doc| (doc.to_owned(), documents.info(doc)))
        .collect()
}

/// Makes the annotations follow an index update: moved files (a removed document whose
/// content hash reappears under a new id) take theirs along, changed documents are
/// re-anchored, and what cannot be placed is kept as orphaned.
pub fn follow(
    index: &SearchIndex,
    store: &mut Store,
    changes: &crate::index::DocumentChanges,
) -> Result<crate::store::follow::Followed, StoreError> {
    let (moved, gone) = moves(changes);
    let documents: Vec<(String, String, String)> = changes
        .changed
        .iter()
        .filter_map(|(id, _, hash)| {
            let document = index.document(id).ok().flatten()?;
            Some((id.clone(), hash.clone(), document.text()))
        })
        .collect();
    let edited: Vec<crate::store::follow::ChangedDocument<'_>> = documents
        .iter()
        .map(|(id, hash, text)| crate::store::follow::ChangedDocument { id, hash, text })
        .collect();
    store.follow(&moved, &edited, &gone)
}

/// Which removed documents moved (their content hash reappears under a new id: `(old, new)`)
/// and which are gone. A removed document takes the first added one left with its hash, so
/// copies of one text pair up in order. Looked up by hash, not searched: a whole corpus moved
/// is a million of each.
fn moves(changes: &crate::index::DocumentChanges) -> (Vec<(String, String)>, Vec<String>) {
    let mut added: HashMap<&str, VecDeque<&str>> = HashMap::new();
    for (id, hash) in &changes.added {
        added
            .entry(hash.as_str())
            .or_default()
            .push_back(id.as_str());
    }
    let mut moved = Vec::new();
    let mut gone = Vec::new();
    for (id, hash) in &changes.removed {
        match added.get_mut(hash.as_str()).and_then(VecDeque::pop_front) {
            Some(to) => moved.push((id.clone(), to.to_owned())),
            None => gone.push(id.clone()),
        }
    }
    (moved, gone)
}

/// A query term the store answers, not the index: which documents it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterTerm {
    /// `entity:NAME`: documents mentioning a tagged entity (by name or alias).
    Entity(String),
    /// `tag:NAME`: documents carrying a document tag.
    Tag(String),
    /// `reviewed:yes` or `reviewed:no` (as typed; checked when resolved).
    Reviewed(String),
    /// `annotated:yes` or `annotated:no`: documents with a mention or evidence, or without.
    Annotated(String),
}

/// A filter term of a query, and whether it is negated (`-tag:NAME`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub term: FilterTerm,
    pub negated: bool,
}

/// The fields the store answers, as they start a word of the query.
const FILTER_FIELDS: [&str; 4] = ["entity:", "tag:", "reviewed:", "annotated:"];

/// `query` without its `entity:`, `tag:`, `reviewed:` and `annotated:` terms (each `field:WORD` or
/// `field:"TWO WORDS"`, at the start of a word, `-` before it to exclude), and those terms.
pub fn split_filter_terms(query: &str) -> (String, Vec<Filter>) {
    let mut rest = String::new();
    let mut filters = Vec::new();
    let mut at = 0;
    while let Some(tail) = query.get(at..).filter(|t| !t.is_empty()) {
        let at_word_start = query
            .get(..at)
            .is_some_and(|before| before.is_empty() || before.ends_with(char::is_whitespace));
        if at_word_start {
            let (negated, body) = match tail.strip_prefix('-') {
                Some(body) => (true, body),
                None => (false, tail),
            };
            let field = FILTER_FIELDS
                .iter()
                .find_map(|field| body.strip_prefix(field).map(|after| (*field, after)));
            if let Some((field, after)) = field {
                let (value, remaining) = if let Some(quoted) = after.strip_prefix('"') {
                    quoted.split_once('"').unwrap_or((quoted, ""))
                } else {
                    after.split_at(after.find(char::is_whitespace).unwrap_or(after.len()))
                };
                let value = value.trim();
                if !value.is_empty() {
                    let term = match field {
                        "entity:" => FilterTerm::Entity(value.to_owned()),
                        "tag:" => FilterTerm::Tag(value.to_owned()),
                        "reviewed:" => FilterTerm::Reviewed(value.to_owned()),
                        _ => FilterTerm::Annotated(value.to_owned()),
                    };
                    filters.push(Filter { term, negated });
                }
                at = query.len() - remaining.len();
                continue;
            }
        }
        let Some(c) = tail.chars().next() else {
            break;
        };
        rest.push(c);
        at += c.len_utf8();
    }
    (
        rest.split_whitespace().collect::<Vec<_>>().join(" "),
        filters,
    )
}

/// Why a filter term cannot be applied. The command line and the workbench each add where
/// to find what it names (`isnad entity list`, the entities pane).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("no entity is called {0}")]
    Unknown(String),
    #[error("no document is tagged {0}")]
    UnknownTag(String),
    #[error("reviewed: takes yes or no, not {0}")]
    Reviewed(String),
    #[error("annotated: takes yes or no, not {0}")]
    Annotated(String),
    #[error("{0}")]
    Store(String),
}

/// The names of the store's entities, as searching expands them
/// ([`crate::aliases::AliasTable`]).
pub fn alias_table(store: &Store) -> Result<crate::aliases::AliasTable, StoreError> {
    let entities = store.entities()?;
    Ok(crate::aliases::AliasTable::new(
        entities
            .iter()
            .map(|e| std::iter::once(&e.name).chain(&e.aliases)),
    ))
}

/// The documents that mention every entity named in `names` (by canonical name or alias,
/// compared in normalised form); an error names an entity that does not exist.
pub fn documents_mentioning(store: &Store, names: &[String]) -> Result<Vec<String>, FilterError> {
    let entities = store
        .entities()
        .map_err(|e| FilterError::Store(e.to_string()))?;
    let mut docs: Option<Vec<String>> = None;
    for name in names {
        let matching: Vec<i64> = entities
            .iter()
            .filter(|e| e.is_called(name))
            .map(|e| e.id)
            .collect();
        if matching.is_empty() {
            return Err(FilterError::Unknown(name.clone()));
        }
        let mut these = Vec::new();
        for id in matching {
            these.extend(
                store
                    .mentions(id)
                    .map_err(|e| FilterError::Store(e.to_string()))?
                    .into_iter()
                    .map(|m| m.doc),
            );
        }
        these.sort_unstable();
        these.dedup();
        docs = Some(match docs {
            None => these,
            Some(before) => before.into_iter().filter(|d| these.contains(d)).collect(),
        });
    }
    Ok(docs.unwrap_or_default())
}

/// `yes`/`true` or `no`/`false`, in any case.
fn yes_or_no(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

/// A query with its filter terms answered: what the index searches, and which documents
/// it may return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The query without its filter terms.
    pub query: String,
    /// Only these documents (`None`: all), sorted.
    pub only: Option<Vec<String>>,
    /// Never these, sorted.
    pub except: Vec<String>,
}

/// `query` with its `entity:`, `tag:`, `reviewed:` and `annotated:` terms answered by the
/// store. The
/// store is opened with `open` only when the query has such a term, and kept in `store`.
pub fn resolve_query(
    query: &str,
    store: &mut Option<Store>,
    open: impl FnOnce() -> Result<Store, String>,
) -> Result<Resolved, FilterError> {
    let (rest, filters) = split_filter_terms(query);
    if filters.is_empty() {
        return Ok(Resolved {
            query: query.to_owned(),
            only: None,
            except: Vec::new(),
        });
    }
    if store.is_none() {
        *store = Some(open().map_err(FilterError::Store)?);
    }
    let store = store
        .as_ref()
        .ok_or_else(|| FilterError::Store("the annotation store is not open".to_owned()))?;
    let failed = |e: StoreError| FilterError::Store(e.to_string());
    let mut only: Option<Vec<String>> = None;
    let mut except: Vec<String> = Vec::new();
    for filter in filters {
        let (docs, allows) = match &filter.term {
            FilterTerm::Entity(name) => (
                documents_mentioning(store, std::slice::from_ref(name))?,
                true,
            ),
            FilterTerm::Tag(tag) => {
                let docs = store.docs_tagged(tag).map_err(failed)?;
                if docs.is_empty() {
                    return Err(FilterError::UnknownTag(tag.clone()));
                }
                (docs, true)
            }
            FilterTerm::Reviewed(value) => {
                let allows =
                    yes_or_no(value).ok_or_else(|| FilterError::Reviewed(value.clone()))?;
                (store.reviewed_docs().map_err(failed)?, allows)
            }
            FilterTerm::Annotated(value) => {
                let allows =
                    yes_or_no(value).ok_or_else(|| FilterError::Annotated(value.clone()))?;
                let docs = store
                    .annotation_counts()
                    .map_err(failed)?
                    .into_keys()
                    .collect();
                (docs, allows)
            }
        };
        // Each list is sorted (by id), so a search in it is a binary one.
        if allows == filter.negated {
            except.extend(docs);
        } else {
            only = Some(match only {
                None => docs,
                Some(before) => before
                    .into_iter()
                    .filter(|d| docs.binary_search(d).is_ok())
                    .collect(),
            });
        }
    }
    except.sort_unstable();
    except.dedup();
    Ok(Resolved {
        query: rest,
        only,
        except,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_documents_take_the_added_ones_with_their_hash_in_order() {
        let pair = |id: &str, hash: &str| (id.to_owned(), hash.to_owned());
        let changes = crate::index::DocumentChanges {
            added: vec![
                pair("new/a", "h1"),
                pair("copy2", "h2"),
                pair("copy1", "h2"),
            ],
            changed: Vec::new(),
            removed: vec![
                pair("old/a", "h1"),
                pair("x", "h2"),
                pair("y", "h2"),
                pair("z", "h2"),
                pair("w", "h9"),
            ],
        };
        let (moved, gone) = moves(&changes);
        assert_eq!(
            moved,
            [
                pair("old/a", "new/a"),
                pair("x", "copy2"),
                pair("y", "copy1")
            ]
        );
        assert_eq!(gone, ["z", "w"]);
    }

    fn filter(term: FilterTerm, negated: bool) -> Filter {
        Filter { term, negated }
    }

    #[test]
    fn filter_terms_come_out_of_the_query() {
        assert_eq!(
            split_filter_terms("entity:بوتين هجوم"),
            (
                "هجوم".to_owned(),
                vec![filter(FilterTerm::Entity("بوتين".to_owned()), false)]
            )
        );
        assert_eq!(
            split_filter_terms("هجوم entity:\"تنظيم الدولة\" OR قاعة"),
            (
                "هجوم OR قاعة".to_owned(),
                vec![filter(FilterTerm::Entity("تنظيم الدولة".to_owned()), false)]
            )
        );
        assert_eq!(
            split_filter_terms("nonentity:x"),
            ("nonentity:x".to_owned(), Vec::new())
        );
        assert_eq!(
            split_filter_terms("reviewed:no -tag:\"شاهد عيان\" tag:x هجوم -قاعة"),
            (
                "هجوم -قاعة".to_owned(),
                vec![
                    filter(FilterTerm::Reviewed("no".to_owned()), false),
                    filter(FilterTerm::Tag("شاهد عيان".to_owned()), true),
                    filter(FilterTerm::Tag("x".to_owned()), false),
                ]
            )
        );
        // Half typed: nothing to filter on yet, and nothing left behind.
        assert_eq!(
            split_filter_terms("هجوم tag:"),
            ("هجوم".to_owned(), Vec::new())
        );
        assert_eq!(
            split_filter_terms("tag:\"غير مغلق"),
            (
                String::new(),
                vec![filter(FilterTerm::Tag("غير مغلق".to_owned()), false)]
            )
        );
    }

    #[test]
    fn filter_terms_resolve_to_documents_allowed_and_excluded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("s.sqlite"), "a").expect("store");
        store.set_reviewed("a.txt", true).expect("review");
        store.set_reviewed("b.txt", true).expect("review");
        let tag = |t: &str| vec![t.to_owned()];
        store.tag_doc("b.txt", &tag("Wire")).expect("tag");
        store.tag_doc("c.txt", &tag("wire")).expect("tag");
        let mut store = Some(store);
        let mut resolve =
            |query: &str| resolve_query(query, &mut store, || Err("opened already".to_owned()));
        let resolved = resolve("هجوم reviewed:yes tag:WIRE").expect("resolve");
        assert_eq!(resolved.query, "هجوم");
        assert_eq!(resolved.only, Some(vec!["b.txt".to_owned()]));
        assert!(resolved.except.is_empty());
        let resolved = resolve("reviewed:no -tag:wire").expect("resolve");
        assert_eq!(resolved.only, None);
        assert_eq!(resolved.except, ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(
            resolve("-reviewed:no").expect("resolve").only,
            Some(vec!["a.txt".to_owned(), "b.txt".to_owned()])
        );
        assert_eq!(
            resolve("reviewed:maybe"),
            Err(FilterError::Reviewed("maybe".to_owned()))
        );
        assert_eq!(
            resolve("tag:missing"),
            Err(FilterError::UnknownTag("missing".to_owned()))
        );
        // No filter term: the store is not needed.
        let mut none = None;
        let plain =
            resolve_query("هجوم", &mut none, || Err("not opened".to_owned())).expect("plain");
        assert_eq!(plain.query, "هجوم");
        assert!(none.is_none());
    }
}
