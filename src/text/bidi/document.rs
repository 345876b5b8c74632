//! A whole document laid out lazily: paragraphs are found once (a newline scan), and each
//! is laid out only when asked for, then cached per settings, so a reader lays out only
//! what is visible.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::{LayoutSettings, ParagraphLayout, layout_paragraph};

/// Byte ranges of the paragraphs of `text` (split on `\n`).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, _) in text.match_indices('\n') {
        out.push(start..index);
        start = index + 1;
    }
    out.push(start..text.len());
    out
}

/// A document's paragraphs with a layout cache.
pub struct DocumentLayout {
    text: Rc<str>,
    paragraphs: Vec<Range<usize>>,
    cache: RefCell<HashMap<(usize, LayoutSettings), Rc<ParagraphLayout>>>,
}

impl DocumentLayout {
    pub fn new(text: impl Into<Rc<str>>) -> Self {
        let text = text.into();
        let paragraphs = paragraphs(&text);
        DocumentLayout {
            text,
            paragraphs,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte ranges of the paragraphs in the document text.
    pub fn paragraph_ranges(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The text of paragraph `index`.
    pub fn paragraph(&self, index: usize) -> &str {
        self.paragraphs
            .get(index)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or_default()
    }

    /// The layout of paragraph `index`, computed on first use.
    pub fn layout(&self, index: usize, settings: &LayoutSettings) -> Rc<ParagraphLayout> {
        let key = (index, *settings);
        if let Some(layout) = self.cache.borrow().get(&key) {
            return Rc::clone(layout);
        }
        let layout = Rc::new(layout_paragraph(self.paragraph(index), settings));
        self.cache.borrow_mut().insert(key, Rc::clone(&layout));
        layout
    }

    /// Forgets cached layouts (after a resize, for instance, old widths are useless).
    pub fn clear_cache(&self) {
        self.cache.borrow_mut().clear();
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
}
