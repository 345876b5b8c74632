//! Where the index (the documents' text) meets the store (what the analyst says about it):
//! finding every occurrence of an entity's names for "tag all", and turning a quote or a
//! code-point range into anchors. Used alike by the command line and the workbench.

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
    let mut added: Vec<&(String, String)> = changes.added.iter().collect();
    let mut moved = Vec::new();
    let mut gone = Vec::new();
    for (id, hash) in &changes.removed {
        match added.iter().position(|(_, h)| h == hash) {
            Some(at) => moved.push((id.clone(), added.remove(at).0.clone())),
            None => gone.push(id.clone()),
        }
    }
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

/// `query` without its `entity:NAME` (or `entity:"A NAME"`) terms, and those names.
pub fn split_entity_terms(query: &str) -> (String, Vec<String>) {
    const PREFIX: &str = "entity:";
    let mut rest = String::new();
    let mut names = Vec::new();
    let mut tail = query;
    while let Some(at) = tail.find(PREFIX) {
        let at_word_start = tail
            .get(..at)
            .is_some_and(|before| before.is_empty() || before.ends_with(char::is_whitespace));
        let (before, after) = tail.split_at(at);
        rest.push_str(before);
        let after = after.get(PREFIX.len()..).unwrap_or_default();
        if !at_word_start {
            rest.push_str(PREFIX);
            tail = after;
            continue;
        }
        let (name, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            match quoted.split_once('"') {
                Some((name, remaining)) => (name, remaining),
                None => (quoted, ""),
            }
        } else {
            after.split_at(after.find(char::is_whitespace).unwrap_or(after.len()))
        };
        if !name.trim().is_empty() {
            names.push(name.trim().to_owned());
        }
        tail = remaining;
    }
    rest.push_str(tail);
    (rest.split_whitespace().collect::<Vec<_>>().join(" "), names)
}

/// Why an `entity:` filter cannot be applied. The command line and the workbench each add
/// where to find the entities (`isnad entity list`, the entities pane).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntityFilterError {
    #[error("no entity is called {0}")]
    Unknown(String),
    #[error("{0}")]
    Store(String),
}

/// The documents that mention every entity named in `names` (by canonical name or alias,
/// compared in normalised form); an error names an entity that does not exist.
pub fn documents_mentioning(
    store: &Store,
    names: &[String],
) -> Result<Vec<String>, EntityFilterError> {
    let entities = store
        .entities()
        .map_err(|e| EntityFilterError::Store(e.to_string()))?;
    let mut docs: Option<Vec<String>> = None;
    for name in names {
        let matching: Vec<i64> = entities
            .iter()
            .filter(|e| e.is_called(name))
            .map(|e| e.id)
            .collect();
        if matching.is_empty() {
            return Err(EntityFilterError::Unknown(name.clone()));
        }
        let mut these = Vec::new();
        for id in matching {
            these.extend(
                store
                    .mentions(id)
                    .map_err(|e| EntityFilterError::Store(e.to_string()))?
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

/// `query` without its `entity:` terms, and the documents they allow (`None`: all). The
/// store is opened with `open` only when the query names an entity, and kept in `store`.
pub fn resolve_query(
    query: &str,
    store: &mut Option<Store>,
    open: impl FnOnce() -> Result<Store, String>,
) -> Result<(String, Option<Vec<String>>), EntityFilterError> {
    let (rest, names) = split_entity_terms(query);
    if names.is_empty() {
        return Ok((query.to_owned(), None));
    }
    if store.is_none() {
        *store = Some(open().map_err(EntityFilterError::Store)?);
    }
    let store = store
        .as_ref()
        .ok_or_else(|| EntityFilterError::Store("the annotation store is not open".to_owned()))?;
    Ok((rest, Some(documents_mentioning(store, &names)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_terms_come_out_of_the_query() {
        assert_eq!(
            split_entity_terms("entity:بوتين هجوم"),
            ("هجوم".to_owned(), vec!["بوتين".to_owned()])
        );
        assert_eq!(
            split_entity_terms("هجوم entity:\"تنظيم الدولة\" OR قاعة"),
            ("هجوم OR قاعة".to_owned(), vec!["تنظيم الدولة".to_owned()])
        );
        assert_eq!(
            split_entity_terms("nonentity:x"),
            ("nonentity:x".to_owned(), Vec::new())
        );
    }
}
