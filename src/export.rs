//! The annotations leaving the tool, and coming back. `json` is the whole store (entities
//! with their mentions, claims with their evidence), versioned, each anchor with its byte
//! range, code points, quote, context and document hash, so `isnad import` can place it in
//! another workspace with the same documents: by id, else by content hash, re-anchored if
//! the text moved; what cannot be placed comes in orphaned and is reported.
//!
//! Writes go to a temporary file renamed into place: a full disk never leaves a partial
//! file where a good one was.

pub mod brat;
pub mod chain;
pub mod claimreview;
pub mod conll;
mod format;
pub mod report;
pub mod table;
pub mod w3c;

pub use format::{
    Format, Rendered, ReportStyle, render, render_conll, save, style_for, texts, write,
};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::corpus::Document;
use crate::corpus::sanitize::sanitize;
use crate::index::SearchIndex;
use crate::store::anchor::{char_offset, locate};
use crate::store::import::{Imported, ImportedClaim, ImportedEntity, ImportedEvidence};
use crate::store::{Anchor, Provenance, Stance, Status, Store, StoreError};

/// What the `format` field of an export says.
pub const FORMAT: &str = "isnad-export";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
    #[error("{0} is not an isnad export: {1}")]
    NotAnExport(String, String),
    #[error(
        "{0} was written by a newer isnad (export version {1}; this one reads {VERSION}): upgrade isnad"
    )]
    Newer(String, u32),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// A document the annotations point into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub id: String,
    pub hash: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Language and base direction (`rtl`/`ltr`), for laying quotes out.
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub dir: String,
    /// The origin this document is a copy of (`crate::copies`), into which it folds when a
    /// claim's independent sources are counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<crate::review::CopyOf>,
}

/// Where an annotation points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub doc: String,
    pub doc_hash: String,
    /// Code points in the document's text (title, newline, body); `null` when orphaned.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub byte_start: usize,
    pub byte_end: usize,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    #[serde(default)]
    pub orphaned: bool,
    /// The store id of the mention or evidence at this place: the same in every export,
    /// whatever is added or removed around it (absent in exports made before ids were).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Who made the annotation and when (from the journal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityOut {
    /// The store id, as `isnad entity list` numbers entities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    pub note: String,
    pub mentions: Vec<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceOut {
    #[serde(flatten)]
    pub place: Place,
    pub stance: String,
    pub note: String,
    /// Who the passage is attributed to, in the order written (`crate::attribution`):
    /// derived from the text, ignored by an import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribution: Vec<crate::attribution::Attribution>,
    /// The passage is in a copy but not in its origin's text: a sentence the copy added,
    /// counted as its own outlet's ([`crate::review::summarize`]). Derived, ignored by an
    /// import.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub copy_added: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimOut {
    /// The store id, as `isnad claim list` numbers claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub text: String,
    pub status: String,
    pub verdict: String,
    pub created: String,
    pub updated: String,
    pub evidence: Vec<EvidenceOut>,
    /// Who recorded the claim (from the journal; its times are `created` and `updated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
}

/// Everything an export holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    pub documents: Vec<DocumentRef>,
    pub entities: Vec<EntityOut>,
    pub claims: Vec<ClaimOut>,
    /// Notes on documents (reviewed, tags, text).
    #[serde(default)]
    pub doc_notes: Vec<crate::store::DocNote>,
    /// The documents noted that no annotation cites (those cited are in `documents`):
    /// their metadata, for the tables and reports, and their hash, for an import to find
    /// them renamed.
    #[serde(default)]
    pub noted_documents: Vec<DocumentRef>,
}

/// The documents annotations point into, each read (and its text built) once; places
/// anchors in them.
pub struct DocumentCache<'a> {
    index: &'a SearchIndex,
    read: BTreeMap<String, Option<(Document, String)>>,
    /// The copy groups, opened on first use (`None`: none made yet, or unreadable, and
    /// then no document is taken for a copy).
    copies: Option<crate::copies::CopyStore>,
    copies_opened: bool,
    /// Origins, each read once: for a copy's origin outlet and date, and to compare its
    /// passages with (kept apart from `read`: an origin no annotation cites stays out of
    /// exports).
    origins: BTreeMap<String, Option<(Document, String)>>,
    /// [`DocumentCache::info`] of each document asked about.
    infos: BTreeMap<String, crate::review::DocInfo>,
}

impl<'a> DocumentCache<'a> {
    pub fn new(index: &'a SearchIndex) -> DocumentCache<'a> {
        DocumentCache {
            index,
            read: BTreeMap::new(),
            copies: None,
            copies_opened: false,
            origins: BTreeMap::new(),
            infos: BTreeMap::new(),
        }
    }

    /// The document `id` and its text, if the index holds it.
    pub fn get(&mut self, id: &str) -> Option<(&Document, &str)> {
        read_once(&mut self.read, self.index, id)
    }

    /// Where `anchor` is in document `doc` now: code points and bytes, or orphaned.
    pub fn place(&mut self, doc: &str, anchor: &Anchor, orphaned: bool) -> Place {
        let text = self.get(doc).filter(|_| !orphaned).map(|(_, t)| t);
        let found = text.and_then(|t| {
            let range = locate(anchor, t)?;
            Some((
                range.clone(),
                char_offset(t, range.start),
                char_offset(t, range.end),
            ))
        });
        let bytes = found.as_ref().map_or(anchor.bytes(), |(r, _, _)| r.clone());
        Place {
            doc: doc.to_owned(),
            doc_hash: anchor.doc_hash.clone(),
            start: found.as_ref().map(|f| f.1),
            end: found.as_ref().map(|f| f.2),
            byte_start: bytes.start,
            byte_end: bytes.end,
            quote: anchor.quote.clone(),
            prefix: anchor.prefix.clone(),
            suffix: anchor.suffix.clone(),
            orphaned: found.is_none(),
            id: None,
            provenance: None,
        }
    }

    /// Where document `id` comes from, for counting outlets, and the origin it is a copy
    /// of, for counting independent sources.
    pub fn info(&mut self, id: &str) -> crate::review::DocInfo {
        if let Some(info) = self.infos.get(id) {
            return info.clone();
        }
        let info = self.own_info(id);
        if !self.copies_opened {
            self.copies_opened = true;
            self.copies = self.index.copies().ok().flatten();
        }
        // The mark alone: which origin, without the group's signatures.
        let origin = self
            .copies
            .as_ref()
            .and_then(|store| store.mark_of(id).ok().flatten())
            .and_then(|(_, origin)| origin);
        let info = match origin {
            Some(origin) => {
                let document = self.origin(&origin).map(|(d, _)| d);
                let source = document
                    .and_then(|d| d.source.clone())
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| origin.clone());
                let published = document.and_then(|d| d.published.clone());
                info.copy_of(crate::review::CopyOf {
                    doc: origin,
                    source,
                    published,
                })
            }
            None => info,
        };
        self.infos.insert(id.to_owned(), info.clone());
        info
    }

    /// Origin `id` and its text, read once (not among the documents exports list).
    fn origin(&mut self, id: &str) -> Option<(&Document, &str)> {
        read_once(&mut self.origins, self.index, id)
    }

    /// Who the passage at bytes `at` of document `doc` is attributed to, in the order
    /// written ([`crate::attribution::of_passage`]), and last the channel a forwarded
    /// message came from.
    pub fn attribution(
        &mut self,
        doc: &str,
        at: std::ops::Range<usize>,
    ) -> Vec<crate::attribution::Attribution> {
        let Some((document, text)) = self.get(doc) else {
            return Vec::new();
        };
        let mut chain = crate::attribution::of_passage(text, at.clone());
        let credit = crate::attribution::dateline(text);
        let quote = text.get(at).unwrap_or("").to_owned();
        let forwarded = document.forwarded_from.clone().filter(|f| !f.is_empty());
        // A wire credit heading the body (`(رويترز) -`) runs the whole story, but for the
        // sentences a copy added to it.
        if let Some(credit) = credit
            && !self.not_in_origin(doc, |origin| !origin.contains(quote.as_str()))
        {
            chain.insert(0, credit);
        }
        if let Some(from) = forwarded {
            chain.push(crate::attribution::forwarded(&from));
        }
        chain
    }

    /// Whether `doc` is a copy and `lacks` says its origin's text lacks the passage. An
    /// origin gone from the index lacks everything.
    fn not_in_origin(&mut self, doc: &str, lacks: impl Fn(&str) -> bool) -> bool {
        let Some(origin) = self.info(doc).copy_of else {
            return false;
        };
        self.origin(&origin.doc)
            .map(|(_, text)| text)
            .is_none_or(lacks)
    }

    /// A piece of evidence as exports write it: where it is now, and who it is
    /// attributed to.
    fn evidence_out(
        &mut self,
        e: &crate::store::Evidence,
        provenance: Option<Provenance>,
    ) -> EvidenceOut {
        let place = self.place(&e.doc, &e.anchor, e.orphaned);
        let attribution = if place.orphaned {
            Vec::new()
        } else {
            self.attribution(&e.doc, place.byte_start..place.byte_end)
        };
        let copy_added = self.copy_added(&e.doc, &e.anchor, place.orphaned);
        EvidenceOut {
            place: Place {
                id: Some(e.id),
                provenance,
                ..place
            },
            stance: e.stance.as_str().to_owned(),
            note: e.note.clone(),
            attribution,
            copy_added,
        }
    }

    /// Whether the passage at `anchor` of document `doc` is its copy's own: `doc` is a copy
    /// and its origin's text does not hold the passage (re-anchored there as an annotation
    /// is after an edit). False in a document that copies nothing, and for an orphan.
    pub fn copy_added(&mut self, doc: &str, anchor: &Anchor, orphaned: bool) -> bool {
        if orphaned {
            return false;
        }
        self.not_in_origin(doc, |text| locate(anchor, text).is_none())
    }

    /// Of `evidence`, the ids of the passages their copies added
    /// ([`DocumentCache::copy_added`]).
    pub fn copies_added(&mut self, evidence: &[crate::store::Evidence]) -> BTreeSet<i64> {
        evidence
            .iter()
            .filter(|e| self.copy_added(&e.doc, &e.anchor, e.orphaned))
            .map(|e| e.id)
            .collect()
    }

    /// [`DocumentCache::info`] without the copies.
    fn own_info(&mut self, id: &str) -> crate::review::DocInfo {
        match self.get(id) {
            Some((d, _)) => crate::review::DocInfo::new(
                id,
                d.source.as_deref(),
                &d.title,
                d.published.as_deref(),
            ),
            None => crate::review::DocInfo::new(id, None, "", None),
        }
    }

    /// Every document read so far.
    fn into_documents(self) -> impl Iterator<Item = Document> {
        self.read.into_values().flatten().map(|(d, _)| d)
    }
}

/// Document `id` and its text from `read`, read from `index` the first time.
fn read_once<'m>(
    read: &'m mut BTreeMap<String, Option<(Document, String)>>,
    index: &SearchIndex,
    id: &str,
) -> Option<(&'m Document, &'m str)> {
    read.entry(id.to_owned())
        .or_insert_with(|| {
            let document = index.document(id).ok().flatten()?;
            let text = document.text();
            Some((document, text))
        })
        .as_ref()
        .map(|(d, t)| (d, t.as_str()))
}

/// The whole store, with code points computed against the indexed documents.
pub fn collect(store: &Store, index: &SearchIndex) -> Result<Bundle, ExportError> {
    let mut documents = DocumentCache::new(index);
    let (made_entities, made_mentions, made_claims, made_evidence) = (
        store.provenance("entity")?,
        store.provenance("mention")?,
        store.provenance("claim")?,
        store.provenance("evidence")?,
    );
    let mut entities = Vec::new();
    for entity in store.entities()? {
        let mentions = store
            .mentions(entity.id)?
            .iter()
            .map(|m| Place {
                id: Some(m.id),
                provenance: made_mentions.get(&m.id).cloned(),
                ..documents.place(&m.doc, &m.anchor, m.orphaned)
            })
            .collect();
        entities.push(EntityOut {
            id: Some(entity.id),
            name: entity.name,
            kind: entity.kind,
            aliases: entity.aliases,
            note: entity.note,
            mentions,
            provenance: made_entities.get(&entity.id).cloned(),
        });
    }
    let mut claims = Vec::new();
    for claim in store.claims()? {
        let evidence = store
            .evidence(claim.id)?
            .iter()
            .map(|e| documents.evidence_out(e, made_evidence.get(&e.id).cloned()))
            .collect();
        claims.push(ClaimOut {
            id: Some(claim.id),
            creator: made_claims.get(&claim.id).map(|p| p.creator.clone()),
            text: claim.text,
            status: claim.status.as_str().to_owned(),
            verdict: claim.verdict,
            created: claim.created,
            updated: claim.updated,
            evidence,
        });
    }
    let reference = |d: Document, copy_of: Option<crate::review::CopyOf>| DocumentRef {
        id: d.id,
        hash: d.hash,
        title: d.title,
        source: d.source,
        published: d.published,
        url: d.url,
        lang: d.lang,
        dir: d.direction.as_str().to_owned(),
        copy_of,
    };
    let cited: Vec<String> = documents.read.keys().cloned().collect();
    let origins: BTreeMap<String, crate::review::CopyOf> = cited
        .iter()
        .filter_map(|id| Some((id.clone(), documents.info(id).copy_of?)))
        .collect();
    let docs: Vec<DocumentRef> = documents
        .into_documents()
        .map(|d| {
            let origin = origins.get(&d.id).cloned();
            reference(d, origin)
        })
        .collect();
    let doc_notes = store.doc_notes()?;
    let mut noted = DocumentCache::new(index);
    for note in &doc_notes {
        if !docs.iter().any(|d| d.id == note.doc) {
            noted.get(&note.doc);
        }
    }
    Ok(Bundle {
        format: FORMAT.to_owned(),
        version: VERSION,
        documents: docs,
        entities,
        claims,
        doc_notes,
        noted_documents: noted.into_documents().map(|d| reference(d, None)).collect(),
    })
}

/// Reads an export; `name` names it in errors.
pub fn read(name: &str, text: &str) -> Result<Bundle, ExportError> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let header: Header = serde_json::from_str(text)
        .map_err(|e| ExportError::NotAnExport(name.to_owned(), e.to_string()))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(ExportError::NotAnExport(
            name.to_owned(),
            format!(
                "its \"format\" is not \"{FORMAT}\" (make one with `isnad export --format json`)"
            ),
        ));
    }
    match header.version {
        Some(v) if v > VERSION => return Err(ExportError::Newer(name.to_owned(), v)),
        _ => {}
    }
    serde_json::from_str(text).map_err(|e| ExportError::NotAnExport(name.to_owned(), e.to_string()))
}

/// What could not be placed in this workspace, in words.
pub type Problems = Vec<String>;

/// Places a bundle's annotations in `index`'s documents: by id; else by content hash (a
/// document renamed); re-anchored by quote when the text moved. What cannot be placed is
/// kept, orphaned, and named in the problems.
pub fn place(
    bundle: &Bundle,
    index: &SearchIndex,
) -> (Vec<ImportedEntity>, Vec<ImportedClaim>, Problems) {
    let mut documents = DocumentCache::new(index);
    let mut problems = Vec::new();
    let mut resolve = |place: &Place, what: &str| -> (String, Anchor, bool) {
        let old = Anchor {
            byte_start: place.byte_start,
            byte_end: place.byte_end,
            quote: sanitize(&place.quote),
            prefix: sanitize(&place.prefix),
            suffix: sanitize(&place.suffix),
            doc_hash: sanitize(&place.doc_hash),
        };
        // This workspace's id: the same, or the document's id now (a path as typed before
        // ids escaped `#` and `%`), else a document with the same content.
        let doc = if let Some((document, _)) = documents.get(&place.doc) {
            Some(document.id.clone())
        } else {
            index.id_with_hash(&place.doc_hash).ok().flatten()
        };
        let placed = doc.as_deref().and_then(|doc| {
            let (document, text) = documents.get(doc)?;
            let range = locate(&old, text)?;
            let anchor = Anchor::new(text, range, &document.hash).ok()?;
            Some((doc.to_owned(), anchor))
        });
        match placed {
            Some((doc, anchor)) if !place.orphaned => (doc, anchor, false),
            _ => {
                let reason = if place.orphaned {
                    "it was orphaned already"
                } else if doc.is_none() {
                    "no document of this workspace has that id or content"
                } else {
                    "the passage is not in the document"
                };
                problems.push(format!(
                    "{what} \"{}\" in {}: {reason}; kept as orphaned",
                    old.quote,
                    one_line(&place.doc)
                ));
                (doc.unwrap_or_else(|| one_line(&place.doc)), old, true)
            }
        }
    };
    let entities = bundle
        .entities
        .iter()
        .map(|e| ImportedEntity {
            name: one_line(&e.name),
            kind: one_line(&e.kind),
            aliases: e.aliases.iter().map(|a| one_line(a)).collect(),
            note: sanitize(&e.note),
            mentions: e.mentions.iter().map(|m| resolve(m, "mention")).collect(),
        })
        .collect();
    let (mut unknown_status, mut unknown_stance) = (Vec::new(), Vec::new());
    let claims = bundle
        .claims
        .iter()
        .map(|c| ImportedClaim {
            text: sanitize(&c.text),
            status: status_or_unverified(&c.text, &c.status, &mut unknown_status),
            verdict: sanitize(&c.verdict),
            created: one_line(&c.created),
            updated: one_line(&c.updated),
            evidence: c
                .evidence
                .iter()
                .map(|e| {
                    let (doc, anchor, orphaned) = resolve(&e.place, "evidence");
                    ImportedEvidence {
                        doc,
                        anchor,
                        stance: stance_or_mentions(&c.text, &e.stance, &mut unknown_stance),
                        note: sanitize(&e.note),
                        orphaned,
                    }
                })
                .collect(),
        })
        .collect();
    problems.extend(unknown_status);
    problems.extend(unknown_stance);
    (entities, claims, problems)
}

/// The status of the claim `claim` as this version knows it; one it does not know (from a
/// newer isnad, or edited by hand) is imported as unverified, and said in `problems`.
fn status_or_unverified(claim: &str, status: &str, problems: &mut Problems) -> Status {
    Status::parse(status).unwrap_or_else(|| {
        problems.push(format!(
            "claim \"{}\": unknown status \"{}\", imported as unverified",
            one_line(claim),
            one_line(status)
        ));
        Status::Unverified
    })
}

/// The stance of a piece of evidence of `claim`; an unknown one is imported as mentions.
fn stance_or_mentions(claim: &str, stance: &str, problems: &mut Problems) -> Stance {
    Stance::parse(stance).unwrap_or_else(|| {
        problems.push(format!(
            "evidence of claim \"{}\": unknown stance \"{}\", imported as mentions",
            one_line(claim),
            one_line(stance)
        ));
        Stance::Mentions
    })
}

/// What `import` brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Entities and claims in the export.
    pub entities: usize,
    pub claims: usize,
    /// What was new to this store.
    pub imported: Imported,
    pub problems: Problems,
}

/// Imports the export `text` (named `name` in errors and in the journal) into `store`,
/// placed in `index`'s documents, as one undoable step. Every string of the export is
/// sanitised first: an export is as untrusted as a document.
pub fn import(
    name: &str,
    text: &str,
    index: &mut SearchIndex,
    store: &mut Store,
) -> Result<ImportReport, ExportError> {
    let bundle = read(name, text)?;
    let (entities, claims, problems) = place(&bundle, index);
    // A note follows its document to this workspace's id for the same content.
    let notes: Vec<crate::store::DocNote> = bundle
        .doc_notes
        .iter()
        .map(|note| {
            let doc = bundle
                .documents
                .iter()
                .find(|d| d.id == note.doc)
                .and_then(|d| local_id(index, &d.id, &d.hash))
                .unwrap_or_else(|| note.doc.clone());
            crate::store::DocNote {
                doc,
                reviewed: note.reviewed,
                tags: sanitize(&note.tags),
                note: sanitize(&note.note),
            }
        })
        .collect();
    let imported = store.import(&entities, &claims, &notes, &format!("import {name}"))?;
    Ok(ImportReport {
        entities: entities.len(),
        claims: claims.len(),
        imported,
        problems,
    })
}

/// A name or type from an export: sanitised, on one line.
fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// This workspace's id for a document exported as `id` with content `hash`: the same id
/// when the index holds it, else the id of a document with that content.
pub fn local_id(index: &SearchIndex, id: &str, hash: &str) -> Option<String> {
    if let Some(document) = index.document(id).ok().flatten() {
        return Some(document.id);
    }
    index.id_with_hash(hash).ok().flatten()
}
