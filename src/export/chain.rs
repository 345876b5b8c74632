//! A claim's chain of attribution, read from the index: each independent source (a copy
//! group's origin, or a document that copies nothing) with the evidence in it and in its
//! copies, oldest first, and who each passage is attributed to. `isnad claim chain` prints
//! it and the workbench's chain view draws it; both build it here, so they never differ.
//!
//! "First" is said of linked evidence only ([`crate::review::timeline`]): the analyst
//! decides what supports a claim, and a document nobody linked is not taken as saying it.
//! An origin no passage is linked in is still named at the head of its copies, and when
//! the passage linked in a copy is found in the origin's own text (re-anchored, as an
//! annotation is after an edit), the chain says so and says whether the origin was
//! published before the claim's first linked appearance: the place to look, and link, if
//! the story was told earlier than the evidence shows.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::DocumentCache;
use crate::attribution::Attribution;
use crate::corpus::date_timestamp;
use crate::review::DocInfo;
use crate::store::anchor::locate;
use crate::store::{Claim, Evidence, Stance};

/// A claim's chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    pub claim: i64,
    pub text: String,
    /// The claim's status (`unverified`, `supported`, …).
    pub status: String,
    pub independent_sources: usize,
    /// The independent sources, the one holding the first appearance first.
    pub sources: Vec<Source>,
}

impl Chain {
    /// Whether an origin nothing is linked in came out before the first linked report,
    /// carrying its passage: then "first" is said as "first linked", so it is not read as
    /// the story's first appearance.
    pub fn told_earlier(&self) -> bool {
        self.sources
            .iter()
            .any(|s| s.carries.as_ref().is_some_and(|c| c.earlier))
    }
}

/// One independent source: an origin and the evidence in it and in its copies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The origin's document id (a document that is no copy is its own origin).
    pub origin: String,
    /// Its outlet (the id when it names none).
    pub source: String,
    /// The origin's own published date (`YYYY-MM-DD` as the document gives it), linked or
    /// not.
    pub published: Option<String>,
    /// Holds a first appearance of the claim.
    pub first: bool,
    /// Whether a passage is linked in the origin's own document.
    pub origin_linked: bool,
    /// For an origin nothing is linked in: the linked passage of a copy that its own text
    /// carries too, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carries: Option<Carried>,
    /// Oldest first, undated last.
    pub evidence: Vec<Link>,
}

/// A copy's linked passage, found in its origin's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Carried {
    /// The piece of evidence whose passage it is (the first, in the branch's order).
    pub evidence: i64,
    /// Every copy whose linked passage the origin's text holds, each once, in the
    /// branch's order.
    pub copies: Vec<String>,
    /// The origin was published before the claim's first linked appearance.
    pub earlier: bool,
    /// Where in the origin's text (title, newline, body), in bytes.
    #[serde(skip)]
    pub at: Range<usize>,
}

/// A piece of evidence in the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub id: i64,
    pub doc: String,
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    /// Published on the earliest date of all the claim's evidence.
    pub first: bool,
    #[serde(serialize_with = "stance_name")]
    pub stance: Stance,
    pub quote: String,
    /// A copy of the source's origin (not the origin's own document).
    pub copy: bool,
    /// Its document is a copy of this origin, but the passage is not in the origin's
    /// text: a sentence the copy added, so it stands as its own outlet's source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_to_copy_of: Option<String>,
    /// The passage is no longer found in its document.
    pub orphaned: bool,
    /// Who the passage is attributed to, the outermost first
    /// ([`DocumentCache::attribution`]).
    pub attribution: Vec<Attribution>,
    /// Where the passage is in its document's text, in bytes.
    #[serde(skip)]
    pub at: Range<usize>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde hands the field by reference
fn stance_name<S: serde::Serializer>(stance: &Stance, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(stance.as_str())
}

/// The chain of `claim`, whose evidence is `evidence` (as the store keeps it).
pub fn chain(documents: &mut DocumentCache<'_>, claim: &Claim, evidence: &[Evidence]) -> Chain {
    let infos: BTreeMap<String, DocInfo> = evidence
        .iter()
        .map(|e| (e.doc.clone(), documents.info(&e.doc)))
        .collect();
    let own = documents.copies_added(evidence);
    let branches = crate::review::chain(
        evidence
            .iter()
            .map(|e| (e.doc.as_str(), own.contains(&e.id))),
        &infos,
    );
    // The first linked date, as the branches' entries already carry it.
    let first_day = branches
        .iter()
        .flat_map(|b| &b.entries)
        .find(|e| e.first)
        .and_then(|e| date_timestamp(e.date.as_deref()?.trim()));
    let mut sources = Vec::new();
    for branch in &branches {
        let links: Vec<Link> = branch
            .entries
            .iter()
            .filter_map(|entry| {
                let piece = evidence.get(entry.index)?;
                let added = own.contains(&piece.id);
                Some(link(
                    documents,
                    &infos,
                    (piece, added),
                    entry,
                    &branch.origin,
                ))
            })
            .collect();
        let published = documents
            .get(&branch.origin)
            .and_then(|(d, _)| d.published.clone());
        let origin_linked = links.iter().any(|l| !l.copy);
        let carries = if origin_linked {
            None
        } else {
            carried(documents, &branch.origin, evidence, &links).map(|(evidence, at)| {
                let day = published.as_deref().and_then(date_timestamp);
                let mut copies: Vec<String> = Vec::new();
                for link in links.iter().filter(|l| l.copy && !l.orphaned) {
                    if !copies.contains(&link.doc) {
                        copies.push(link.doc.clone());
                    }
                }
                Carried {
                    evidence,
                    copies,
                    earlier: matches!((day, first_day), (Some(d), Some(f)) if d < f),
                    at,
                }
            })
        };
        sources.push(Source {
            origin: branch.origin.clone(),
            source: branch.source.clone(),
            published,
            first: branch.first,
            origin_linked,
            carries,
            evidence: links,
        });
    }
    Chain {
        claim: claim.id,
        text: claim.text.clone(),
        status: claim.status.as_str().to_owned(),
        independent_sources: sources.len(),
        sources,
    }
}

/// One piece of evidence as the chain shows it (`added`: a passage its copy added).
fn link(
    documents: &mut DocumentCache<'_>,
    infos: &BTreeMap<String, DocInfo>,
    (piece, added): (&Evidence, bool),
    entry: &crate::review::Entry,
    origin: &str,
) -> Link {
    let place = documents.place(&piece.doc, &piece.anchor, piece.orphaned);
    let attribution = if place.orphaned {
        Vec::new()
    } else {
        documents.attribution(&piece.doc, place.byte_start..place.byte_end)
    };
    let info = infos.get(&piece.doc);
    Link {
        id: piece.id,
        doc: piece.doc.clone(),
        source: info.map_or_else(|| piece.doc.clone(), |i| i.source.clone()),
        title: info.map(|i| i.title.clone()).unwrap_or_default(),
        published: entry.date.clone(),
        first: entry.first,
        stance: piece.stance,
        quote: piece.anchor.quote.clone(),
        copy: piece.doc != origin,
        added_to_copy_of: info
            .and_then(|i| i.copy_of.as_ref())
            .filter(|_| added)
            .map(|o| o.doc.clone()),
        orphaned: place.orphaned,
        attribution,
        at: place.byte_start..place.byte_end,
    }
}

/// The first of `links` (a branch's, in its order) whose passage the origin's text holds,
/// and where.
fn carried(
    documents: &mut DocumentCache<'_>,
    origin: &str,
    evidence: &[Evidence],
    links: &[Link],
) -> Option<(i64, Range<usize>)> {
    let (_, text) = documents.get(origin)?;
    links.iter().filter(|l| !l.orphaned).find_map(|l| {
        let piece = evidence.iter().find(|e| e.id == l.id)?;
        Some((l.id, locate(&piece.anchor, text)?))
    })
}
