//! Which segments the index writer merges: tantivy's log-size levels, with no merge
//! producing more than `MAX_MERGE_DOCS` documents.
//!
//! tantivy's `LogMergePolicy` merges every segment of a level at once. At a million
//! documents its last merges read gigabytes of segments through memory maps, and those
//! pages count as the process's resident memory (2.66 GB at 1M, of which 0.72 GB was
//! isnad's own; `benches/GOALS.md`). Bounding each merge bounds what one merge maps, at the
//! price of more segments in a large index, which the workbench searches on every core.

use tantivy::SegmentMeta;
use tantivy::index::SegmentId;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most documents one merge may produce (about 400 MB of index at 4 KB a document).
pub(super) const MAX_MERGE_DOCS: u32 = 100_000;

/// tantivy's levels, each level's merge cut into merges of at most `max_docs`.
#[derive(Debug)]
pub(super) struct BoundedMerges {
    levels: LogMergePolicy,
    max_docs: u32,
}

impl BoundedMerges {
    pub(super) fn new(max_docs: u32) -> BoundedMerges {
        let mut levels = LogMergePolicy::default();
        // A segment past half the bound has nothing of its size left to merge with.
        levels.set_max_docs_before_merge(max_docs as usize / 2);
        BoundedMerges { levels, max_docs }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id: &SegmentId| {
            segments
                .iter()
                .find(|segment| segment.id() == *id)
                .map_or(0, SegmentMeta::num_docs)
        };
        let mut bounded = Vec::new();
        for MergeCandidate(ids) in self.levels.compute_merge_candidates(segments) {
            let mut part: Vec<SegmentId> = Vec::new();
            let mut part_docs = 0u32;
            for id in ids {
                let n = docs(&id);
                if !part.is_empty() && part_docs.saturating_add(n) > self.max_docs {
                    bounded.push(std::mem::take(&mut part));
                    part_docs = 0;
                }
                part.push(id);
                part_docs = part_docs.saturating_add(n);
            }
            bounded.push(part);
        }
        // A merge of one segment would rewrite it for nothing.
        bounded
            .into_iter()
            .filter(|part| part.len() > 1)
            .map(MergeCandidate)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::IndexBuilder;
    use tantivy::schema::{STORED, Schema};

    #[test]
    fn no_merge_produces_more_than_the_bound() {
        let mut schema = Schema::builder();
        schema.add_text_field("t", STORED);
        let index = IndexBuilder::new()
            .schema(schema.build())
            .create_in_ram()
            .expect("index");
        let segments: Vec<SegmentMeta> = (0..8)
            .map(|_| index.new_segment_meta(SegmentId::generate_random(), 30_000))
            .collect();
        let policy = BoundedMerges::new(MAX_MERGE_DOCS);
        let candidates = policy.compute_merge_candidates(&segments);
        assert!(!candidates.is_empty(), "eight segments of one level merge");
        for MergeCandidate(ids) in &candidates {
            let docs = ids.len() * 30_000;
            assert!(docs <= MAX_MERGE_DOCS as usize, "{docs}");
            assert!(ids.len() > 1);
        }
        // tantivy's own policy would merge all eight into 240,000.
        let all = LogMergePolicy::default().compute_merge_candidates(&segments);
        assert_eq!(all.first().map(|c| c.0.len()), Some(8));
    }
}
