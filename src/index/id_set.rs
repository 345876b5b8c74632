//! Sets of documents named by id — what the store says of them (reviewed, tagged,
//! annotated, mentioning an entity) — as a query. Each segment's documents of a set are
//! found once (a term lookup per id) and kept as a bitset for that segment, so a search
//! restricted to the reviewed documents, or counted within them, costs a bit test per
//! match after the first time, not a pass over the id dictionary per segment per keystroke
//! (what tantivy's `TermSetQuery` does). A segment is never changed once written, so its
//! bitsets stay right until the set changes; a new segment gets its own.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Bitsets kept at most: a few sets (reviewed, each tag, annotated) over a few dozen
/// segments.
const MAX_KEPT: usize = 512;

/// The bitsets of sets by segment, shared by every query of one index.
#[derive(Debug, Default)]
pub struct IdSetCache {
    kept: Mutex<HashMap<(u64, SegmentId), Arc<BitSet>>>,
}

/// Documents named by id: matches each of them, scored `1`.
#[derive(Debug, Clone)]
pub struct IdSetQuery {
    field: Field,
    ids: Arc<Vec<String>>,
    key: u64,
    cache: Arc<IdSetCache>,
}

impl IdSetQuery {
    /// The documents whose `field` (the id) is one of `ids`.
    pub fn new(field: Field, ids: &[String], cache: Arc<IdSetCache>) -> IdSetQuery {
        let mut hasher = DefaultHasher::new();
        ids.hash(&mut hasher);
        IdSetQuery {
            field,
            ids: Arc::new(ids.to_vec()),
            key: hasher.finish(),
            cache,
        }
    }

    /// The segment's bitset of the set, found once.
    fn bitset(&self, reader: &SegmentReader) -> tantivy::Result<Arc<BitSet>> {
        let key = (self.key, reader.segment_id());
        if let Some(found) = self.lock().get(&key) {
            return Ok(Arc::clone(found));
        }
        let mut bitset = BitSet::with_max_value(reader.max_doc());
        let inverted = reader.inverted_index(self.field)?;
        for id in self.ids.iter() {
            let term = Term::from_field_text(self.field, id);
            if let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? {
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    bitset.insert(doc);
                    doc = postings.advance();
                }
            }
        }
        let bitset = Arc::new(bitset);
        let mut kept = self.lock();
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        kept.insert(key, Arc::clone(&bitset));
        Ok(bitset)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(u64, SegmentId), Arc<BitSet>>> {
        // A panic elsewhere while it was held leaves a cache that is still whole.
        self.cache
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Query for IdSetQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for IdSetQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let bitset = self.bitset(reader)?;
        Ok(Box::new(ConstScorer::new(
            BitSetDocSet::from(BitSet::clone(&bitset)),
            boost,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.bitset(reader)?.contains(doc) {
            Ok(Explanation::new("one of the documents named", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not one of the documents named"
            )))
        }
    }
}
