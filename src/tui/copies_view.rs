//! The copies overlay (`=` on a document with copies): the copy group's origin and one copy
//! side by side, the words each has that the other has not marked, `tab` to the next copy.
//! The index thread reads the group and compares the texts (`crate::copies::compare`);
//! this holds what it sent and where the view is.

use std::ops::Range;

use crate::text::script::Direction;

/// One document of the overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub doc: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Title, a newline, body: the document's text as the reader shows it.
    pub text: String,
    pub direction: Direction,
    /// Its similarity to the origin (the origin's own: 1).
    pub similarity: f64,
}

/// A copy beside the origin: the copy, the byte ranges of the origin's text it lacks, and
/// those of its own text the origin lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Beside {
    pub copy: Side,
    pub only_origin: Vec<Range<usize>>,
    pub only_copy: Vec<Range<usize>>,
}

/// The overlay's state.
#[derive(Debug, Clone, PartialEq)]
pub struct CopiesView {
    pub origin: Side,
    /// Never empty.
    pub copies: Vec<Beside>,
    /// The copy shown beside the origin.
    pub shown: usize,
    /// Screen lines scrolled, both sides together.
    pub scroll: u16,
}

impl CopiesView {
    /// The copy shown.
    pub fn beside(&self) -> Option<&Beside> {
        self.copies.get(self.shown)
    }

    /// The next copy (after the last, the first again).
    pub fn next(&mut self) {
        self.shown = (self.shown + 1) % self.copies.len().max(1);
        self.scroll = 0;
    }
}
