//! The tag-all preview: every place the names occur in the corpus, each to accept or reject
//! before anything is stored; Enter tags the accepted ones as one undoable step.

use super::list::{moved, scrolled};
use super::msg::TagAllRequest;
use crate::annotate::Occurrence;

/// One hit of the preview.
#[derive(Debug, Clone)]
pub struct PreviewItem {
    pub occurrence: Occurrence,
    pub accepted: bool,
    /// A mention of the entity already: shown as such, not tagged again.
    pub tagged: bool,
}

/// The preview overlay's state.
#[derive(Debug, Clone)]
pub struct TagPreview {
    pub request: TagAllRequest,
    pub items: Vec<PreviewItem>,
    pub selected: usize,
    pub offset: usize,
}

/// Screen rows one hit takes: the document line and the passage.
pub const ROWS_PER_ITEM: u16 = 2;

impl TagPreview {
    /// Every new hit accepted to begin with: the finder is strict, rejecting is the
    /// exception. Hits tagged already (`true` beside them) are there, not to be tagged.
    pub fn new(request: TagAllRequest, found: Vec<(Occurrence, bool)>) -> TagPreview {
        TagPreview {
            request,
            items: found
                .into_iter()
                .map(|(occurrence, tagged)| PreviewItem {
                    occurrence,
                    accepted: !tagged,
                    tagged,
                })
                .collect(),
            selected: 0,
            offset: 0,
        }
    }

    pub fn accepted(&self) -> usize {
        self.items.iter().filter(|i| i.accepted).count()
    }

    /// Hits that are mentions already.
    pub fn tagged(&self) -> usize {
        self.items.iter().filter(|i| i.tagged).count()
    }

    pub fn documents(&self) -> usize {
        let mut docs: Vec<&str> = self
            .items
            .iter()
            .map(|i| i.occurrence.doc.as_str())
            .collect();
        docs.dedup();
        docs.len()
    }

    pub fn move_by(&mut self, delta: isize, visible: usize) {
        if self.items.is_empty() {
            return;
        }
        self.selected = moved(self.selected, delta, self.items.len());
        self.offset = scrolled(self.offset, self.selected, visible);
    }

    /// Flips the selected hit (not one tagged already) and moves to the next one.
    pub fn toggle(&mut self, visible: usize) {
        if let Some(item) = self.items.get_mut(self.selected).filter(|i| !i.tagged) {
            item.accepted = !item.accepted;
        }
        self.move_by(1, visible);
    }

    /// Accepts or rejects every hit not tagged already.
    pub fn set_all(&mut self, accepted: bool) {
        for item in self.items.iter_mut().filter(|i| !i.tagged) {
            item.accepted = accepted;
        }
    }
}
