//! Where the index (the documents' text) meets the store (what the analyst says about it):
//! finding every occurrence of an entity's names for "tag all", and turning a quote or a
//! code-point range into anchors. Used alike by the command line and the workbench.

use std::ops::Range;

use crate::corpus::Document;
use crate::index::{IndexError, SearchIndex};
use crate::store::anchor::{byte_range, find_quote};
use crate::store::{Anchor, StoreError};
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
