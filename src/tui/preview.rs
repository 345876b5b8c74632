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
    /// Every hit accepted to begin with: the finder is strict, rejecting is the exception.
    pub fn new(request: TagAllRequest, found: Vec<Occurrence>) -> TagPreview {
        TagPreview {
            request,
            items: found
                .into_iter()
                .map(|occurrence| PreviewItem {
                    occurrence,
                    accepted: true,
                })
                .collect(),
            selected: 0,
            offset: 0,
        }
    }

    pub fn accepted(&self) -> usize {
        self.items.iter().filter(|i| i.accepted).count()
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

    /// Flips the selected hit and moves to the next one.
    pub fn toggle(&mut self, visible: usize) {
        if let Some(item) = self.items.get_mut(self.selected) {
            item.accepted = !item.accepted;
        }
        self.move_by(1, visible);
    }

    pub fn set_all(&mut self, accepted: bool) {
        for item in &mut self.items {
            item.accepted = accepted;
        }
    }
}
