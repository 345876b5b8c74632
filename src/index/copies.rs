//! Keeping the copy groups ([`crate::copies`]) in line with the index: after each update,
//! under the index lock, the documents the groups do not know yet (or knew with another
//! text) are placed, and those gone are taken out. What the groups know is compared with
//! the manifest, not with what the update did, so a refresh cut short (killed, a full disk)
//! is finished by the next one, and a workspace from before copies existed gets its groups
//! at its next update.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use tantivy::TantivyDocument;

use super::update::Progress;
use super::{IndexError, SearchIndex, tantivy_error};
use crate::copies::{self, CopiesError, CopyStore, Placed};

/// Documents fetched and signed at a time: bounds the text held in memory (their
/// signatures, 512 bytes each, are kept to place them all at once).
const BATCH: usize = 2_000;

/// Above this many documents to place, the stored documents are read segment by segment
/// rather than looked up one by one.
const SCAN_ABOVE: usize = 500;

/// What a refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopiesRefresh {
    pub placed: usize,
    pub removed: usize,
}

/// One stored document as placing needs it.
struct Stored {
    id: String,
    hash: String,
    published: Option<String>,
    title: String,
    body: String,
}

impl From<CopiesError> for IndexError {
    fn from(error: CopiesError) -> IndexError {
        IndexError::Copies(error)
    }
}

impl SearchIndex {
    /// The copies file of this index: beside the manifest, so a rebuild keeps it.
    pub fn copies_path(&self) -> PathBuf {
        self.manifest_path.with_file_name("copies.sqlite")
    }

    /// The copy groups, to read; `None` before the first update made them.
    pub fn copies(&self) -> Result<Option<CopyStore>, IndexError> {
        Ok(CopyStore::open_existing(&self.copies_path())?)
    }

    /// Brings the copy groups in line with the manifest (called under the index lock).
    pub(super) fn refresh_copies(
        &mut self,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<CopiesRefresh, IndexError> {
        let path = self.copies_path();
        let mut store = CopyStore::open(&path)?;
        let now: HashMap<String, String> = self
            .manifest_mut()
            .files
            .values()
            .flat_map(|file| file.docs.iter())
            .map(|doc| (doc.id.clone(), doc.hash.clone()))
            .collect();
        let known = store.known()?;
        let removed: Vec<String> = known
            .iter()
            .filter(|(id, hash)| now.get(*id) != Some(*hash))
            .map(|(id, _)| id.clone())
            .collect();
        let mut wanted: Vec<&String> = now
            .iter()
            .filter(|(id, hash)| known.get(*id) != Some(*hash))
            .map(|(id, _)| id)
            .collect();
        if removed.is_empty() && wanted.is_empty() {
            return Ok(CopiesRefresh::default());
        }
        // The corpus's order (ids sort as paths do), so groups form the same way each time.
        wanted.sort();
        let total = wanted.len();
        progress(Progress::Copies { done: 0, total });
        let mut done = 0;
        let mut signed: Vec<Placed> = Vec::with_capacity(total);
        if wanted.len() > SCAN_ABOVE {
            let wanted: HashSet<&str> = wanted.iter().map(|id| String::as_str(id)).collect();
            let mut batch = Vec::with_capacity(BATCH);
            let searcher = self.reader.searcher();
            for segment in searcher.segment_readers() {
                let store_reader = segment
                    .get_store_reader(64)
                    .map_err(|e| tantivy_error(&self.dir, e.into()))?;
                for stored in store_reader.iter::<TantivyDocument>(segment.alive_bitset()) {
                    let stored = stored.map_err(|e| self.error(e))?;
                    let Some(document) = self.stored(&stored) else {
                        continue;
                    };
                    if !wanted.contains(document.id.as_str()) {
                        continue;
                    }
                    batch.push(document);
                    if batch.len() == BATCH {
                        done += sign_batch(&store, &std::mem::take(&mut batch), &mut signed)?;
                        progress(Progress::Copies { done, total });
                    }
                }
            }
            done += sign_batch(&store, &batch, &mut signed)?;
        } else {
            let mut batch = Vec::with_capacity(wanted.len());
            for id in wanted {
                batch.extend(self.document(id)?.map(Stored::from));
            }
            done += sign_batch(&store, &batch, &mut signed)?;
        }
        // One transaction: a refresh cut short leaves the groups as they were.
        store.apply(&removed, &signed)?;
        progress(Progress::Copies { done, total });
        Ok(CopiesRefresh {
            placed: done,
            removed: removed.len(),
        })
    }

    /// What placing needs of a stored document: a document with an id.
    fn stored(&self, stored: &TantivyDocument) -> Option<Stored> {
        Some(self.to_document(stored))
            .filter(|d| !d.id.is_empty())
            .map(Stored::from)
    }
}

impl From<crate::corpus::Document> for Stored {
    fn from(document: crate::corpus::Document) -> Stored {
        Stored {
            id: document.id,
            hash: document.hash,
            published: document.published,
            title: document.title,
            body: document.body,
        }
    }
}

/// Signs the documents of `batch` on every core (reusing the signature of a text already
/// placed) into `signed`. Returns how many were signed.
fn sign_batch(
    store: &CopyStore,
    batch: &[Stored],
    signed: &mut Vec<Placed>,
) -> Result<usize, CopiesError> {
    let mut reused = Vec::with_capacity(batch.len());
    for document in batch {
        reused.push(store.signature_of_hash(&document.hash)?);
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 8);
    let chunk = batch.len().div_ceil(threads).max(1);
    let mut placed: Vec<Placed> = Vec::with_capacity(batch.len());
    std::thread::scope(|scope| {
        let workers: Vec<_> = batch
            .chunks(chunk)
            .zip(reused.chunks(chunk))
            .map(|(documents, reused)| {
                scope.spawn(move || {
                    documents
                        .iter()
                        .zip(reused)
                        .map(|(document, reused)| Placed {
                            id: document.id.clone(),
                            hash: document.hash.clone(),
                            published: document.published.clone(),
                            signature: reused.clone().unwrap_or_else(|| {
                                copies::document_signature(&document.title, &document.body)
                            }),
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            // A panic in signing is a bug; it surfaces as one here, not as a lost batch.
            placed.extend(
                worker
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
    });
    let count = placed.len();
    signed.extend(placed);
    Ok(count)
}
