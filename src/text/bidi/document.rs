//! A whole document laid out lazily: paragraphs are found once (a newline scan), and each
//! is laid out only when asked for, then cached per settings, so a reader lays out only
//! what is visible.
//!
//! A paragraph longer than [`MAX_PIECE`] bytes (one 50 MB line took 3.3 GB to lay out whole)
//! is laid out in pieces of at most that size, cut after a space where there is one near the
//! limit, else between grapheme clusters. A piece continues its paragraph: no blank row
//! between them, and the paragraph's base direction for all of them. Each piece is its own
//! bidi paragraph, so an embedding or isolate spanning a cut is closed at it: only text that
//! is already unreadable as one paragraph is laid out differently. The cache of laid-out
//! pieces is emptied when it holds more than [`CACHE_TEXT`] bytes of text, so reading through
//! a huge document keeps memory bounded.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use unicode_segmentation::GraphemeCursor;

use super::{Base, LayoutSettings, ParagraphLayout, base_direction, layout_paragraph};

/// The longest piece of a paragraph laid out at once, in bytes: thousands of words, far
/// beyond any paragraph a report has, and a few megabytes of layout.
pub const MAX_PIECE: usize = 32 * 1024;

/// How far before [`MAX_PIECE`] a space is looked for to cut at.
const SPACE_WINDOW: usize = 4 * 1024;

/// Bytes of text whose layouts are kept before the cache is emptied.
pub const CACHE_TEXT: usize = 2 * 1024 * 1024;

/// Byte ranges of the paragraphs of `text` (split on `\n`), long ones in pieces of at most
/// `MAX_PIECE` bytes: a piece that continues a paragraph starts where the previous one ends.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in text
        .match_indices('\n')
        .map(|(index, _)| index)
        .chain(std::iter::once(text.len()))
    {
        let mut from = start;
        while end - from > MAX_PIECE {
            let cut = cut_before(text, from, from + MAX_PIECE);
            out.push(from..cut);
            from = cut;
        }
        out.push(from..end);
        start = end + 1;
    }
    out
}

/// Where to end a piece that starts at `from` and may reach `limit` (inside the text): after
/// the last space in the window before the limit, else at the last grapheme boundary.
fn cut_before(text: &str, from: usize, limit: usize) -> usize {
    let mut high = limit;
    while !text.is_char_boundary(high) {
        high -= 1;
    }
    let mut low = limit.saturating_sub(SPACE_WINDOW).max(from + 1).min(high);
    while !text.is_char_boundary(low) {
        low += 1;
    }
    if let Some(space) = text.get(low..high).and_then(|w| w.rfind(' ')) {
        return low + space + 1;
    }
    let mut cursor = GraphemeCursor::new(high, text.len(), true);
    let cut = match cursor.is_boundary(text, 0) {
        Ok(true) => high,
        _ => match cursor.prev_boundary(text, 0) {
            Ok(Some(boundary)) if boundary > from => boundary,
            // One cluster longer than a piece (thousands of marks): cut inside it.
            _ => high,
        },
    };
    if cut > from {
        cut
    } else {
        // Never an empty piece: at least one character.
        text.get(from..)
            .and_then(|rest| rest.chars().next())
            .map_or(limit, |c| from + c.len_utf8())
    }
}

/// A document's paragraphs with a layout cache.
pub struct DocumentLayout {
    text: Rc<str>,
    paragraphs: Vec<Range<usize>>,
    cache: RefCell<HashMap<(usize, LayoutSettings), Rc<ParagraphLayout>>>,
    /// Bytes of text laid out in the cache, and how many it may hold ([`CACHE_TEXT`]).
    cached_text: Cell<usize>,
    cache_limit: usize,
    /// The base direction of each paragraph laid out in pieces, by its first piece: found
    /// once, since a paragraph without a strong character is read to its end to find it.
    directions: RefCell<HashMap<(usize, Base), super::Direction>>,
}

impl DocumentLayout {
    pub fn new(text: impl Into<Rc<str>>) -> Self {
        let text = text.into();
        let paragraphs = paragraphs(&text);
        DocumentLayout {
            text,
            paragraphs,
            cache: RefCell::new(HashMap::new()),
            cached_text: Cell::new(0),
            cache_limit: CACHE_TEXT,
            directions: RefCell::new(HashMap::new()),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte ranges of the paragraphs in the document text (long ones in pieces).
    pub fn paragraph_ranges(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The text of paragraph (or piece) `index`.
    pub fn paragraph(&self, index: usize) -> &str {
        self.paragraphs
            .get(index)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or_default()
    }

    /// Whether `index` is a piece that continues the paragraph before it, with no newline
    /// between them.
    pub fn continues(&self, index: usize) -> bool {
        index > 0
            && matches!(
                (self.paragraphs.get(index - 1), self.paragraphs.get(index)),
                (Some(before), Some(this)) if before.end == this.start
            )
    }

    /// The layout of paragraph (or piece) `index`, computed on first use.
    pub fn layout(&self, index: usize, settings: &LayoutSettings) -> Rc<ParagraphLayout> {
        let key = (index, *settings);
        if let Some(layout) = self.cache.borrow().get(&key) {
            return Rc::clone(layout);
        }
        let mut piece = *settings;
        if self.continues(index) || self.continues(index + 1) {
            // Every piece takes the direction of its whole paragraph.
            let mut first = index;
            while self.continues(first) {
                first -= 1;
            }
            let direction = *self
                .directions
                .borrow_mut()
                .entry((first, settings.base))
                .or_insert_with(|| {
                    let start = self.paragraphs.get(first).map_or(0, |r| r.start);
                    let end = self.paragraph_end(index);
                    let whole = self.text.get(start..end).unwrap_or_default();
                    base_direction(whole, settings.base)
                });
            piece.base = Base::Forced(direction);
        }
        let text = self.paragraph(index);
        let layout = Rc::new(layout_paragraph(text, &piece));
        if self.cached_text.get() + text.len() > self.cache_limit {
            self.clear_cache();
        }
        self.cached_text.set(self.cached_text.get() + text.len());
        self.cache.borrow_mut().insert(key, Rc::clone(&layout));
        layout
    }

    /// Where the paragraph that piece `index` belongs to ends.
    fn paragraph_end(&self, index: usize) -> usize {
        let mut last = index;
        while self.continues(last + 1) {
            last += 1;
        }
        self.paragraphs.get(last).map_or(0, |r| r.end)
    }

    /// Forgets cached layouts (after a resize, for instance, old widths are useless).
    pub fn clear_cache(&self) {
        self.cache.borrow_mut().clear();
        self.cached_text.set(0);
    }

    /// Up to `count` screen lines starting at line `skip` of paragraph `first`, as
    /// `(paragraph, line)` pairs; only the paragraphs these lines come from are laid out.
    pub fn visible(
        &self,
        first: usize,
        skip: usize,
        count: usize,
        settings: &LayoutSettings,
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(count);
        let mut skip = skip;
        for index in first..self.paragraphs.len() {
            if out.len() >= count {
                break;
            }
            let layout = self.layout(index, settings);
            for line in skip..layout.lines.len() {
                if out.len() >= count {
                    break;
                }
                out.push((index, line));
            }
            skip = 0;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Base, LayoutSettings};
    use super::*;
    use crate::text::script::Direction;

    #[test]
    fn lays_out_only_the_paragraphs_it_shows() {
        let text = (0..1000)
            .map(|i| format!("فقرة رقم {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let document = DocumentLayout::new(text);
        let settings = LayoutSettings {
            width: 40,
            base: Base::Forced(Direction::Rtl),
            shape: false,
        };
        let visible = document.visible(10, 0, 5, &settings);
        assert_eq!(visible, [(10, 0), (11, 0), (12, 0), (13, 0), (14, 0)]);
        assert_eq!(document.cache.borrow().len(), 5);
        assert_eq!(paragraphs("a\n\nb"), [0..1, 2..2, 3..4]);
    }

    /// One 50 MB line took 3.3 GB to lay out whole. Long paragraphs are pieces of at most
    /// `MAX_PIECE` bytes, cut after a space, else between clusters, that join up to the text.
    #[test]
    fn a_long_paragraph_is_laid_out_in_bounded_pieces() {
        let words = "كلمة ".repeat(40_000);
        let text = format!("عنوان\n{words}\nآخر");
        let ranges = paragraphs(&text);
        assert_eq!(ranges.first(), Some(&(0.."عنوان".len())));
        assert!(ranges.len() > 3, "{}", ranges.len());
        for pair in ranges.windows(2) {
            let piece = text.get(pair[0].clone()).expect("a piece");
            assert!(piece.len() <= MAX_PIECE);
            if pair[0].end == pair[1].start {
                assert!(piece.ends_with(' '), "cut after a space");
            }
        }
        let joined: String = ranges[1..ranges.len() - 1]
            .iter()
            .map(|r| text.get(r.clone()).expect("a piece"))
            .collect();
        assert_eq!(joined, words.trim_end_matches('\n'));
        let document = DocumentLayout::new(text.as_str());
        assert!(!document.continues(1) && document.continues(2));
        assert!(!document.continues(ranges.len() - 1));
        // Without spaces, a cut never separates a letter from its harakat.
        let marks = "بَّ".repeat(20_000);
        for range in paragraphs(&marks) {
            assert!(range.len() <= MAX_PIECE);
            assert!(
                marks.get(range).expect("a piece").starts_with('ب'),
                "a piece starts a cluster"
            );
        }
    }

    #[test]
    fn every_piece_takes_its_paragraphs_direction_and_the_cache_stays_bounded() {
        // Right-to-left by its first strong letter; the later pieces hold only Latin.
        let text = format!("عربي {}", "latin ".repeat(60_000));
        let mut document = DocumentLayout::new(text.as_str());
        document.cache_limit = 3 * MAX_PIECE;
        let settings = LayoutSettings {
            width: 80,
            base: Base::Auto {
                fallback: Direction::Ltr,
            },
            shape: false,
        };
        let pieces = document.paragraph_ranges().len();
        assert!(pieces > 10, "{pieces}");
        for index in 0..pieces {
            let layout = document.layout(index, &settings);
            assert_eq!(layout.direction, Direction::Rtl, "piece {index}");
            assert!(document.cached_text.get() <= document.cache_limit);
        }
        assert!(document.cache.borrow().len() < pieces, "emptied on the way");
    }
}
