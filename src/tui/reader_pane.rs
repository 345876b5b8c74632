//! The reader pane's state: one document laid out by the RTL engine, the scroll position in
//! screen rows, a caret and a selection in logical byte offsets of the document's text, and
//! the search hits. Only the paragraphs on screen (and those a motion crosses) are laid out.
//!
//! Rows are what `isnad show` prints: each non-blank paragraph's lines, one blank row between
//! paragraphs. The title is the first paragraph.

use std::ops::Range;
use std::rc::Rc;

use super::msg::LoadedDocument;
use super::strings;
use crate::corpus::Document;
use crate::store::{Evidence, Mention, Stance};
use crate::text::bidi::{Base, DocumentLayout, LayoutSettings, Line, ParagraphLayout};
use crate::text::script::Direction;
use crate::text::words::word_ranges;

/// A screen row of the document: a line of a paragraph, or (`line` = the paragraph's line
/// count) the blank row after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct RowPos {
    pub paragraph: usize,
    pub line: usize,
}

/// An open document.
pub struct OpenDocument {
    pub document: Document,
    pub layout: DocumentLayout,
    /// Byte ranges of the text matching the query, sorted.
    pub hits: Vec<Range<usize>>,
    /// The entity mentions whose quote is still where their anchor says, by position.
    pub mentions: Vec<Mention>,
    /// Passages linked to claims: byte range, claim, stance; by position.
    pub evidence: Vec<(Range<usize>, i64, Stance)>,
    /// The first row on screen.
    pub top: RowPos,
    /// The caret: the byte offset (in the text) where its cluster starts.
    pub caret_byte: usize,
    /// Where the selection started, while selecting.
    pub anchor_byte: Option<usize>,
    /// The column up/down motions aim for.
    goal_x: Option<u16>,
    /// The query the hits are of.
    pub query: String,
}

/// The reader pane.
#[derive(Default)]
pub struct ReaderPane {
    pub open: Option<OpenDocument>,
    /// Width and height of the text area, from the last resize.
    pub width: u16,
    pub height: u16,
    pub shape: bool,
}

impl ReaderPane {
    /// Shows `loaded`, with the caret on its first hit (or its given place).
    pub fn show(&mut self, loaded: LoadedDocument) {
        let LoadedDocument {
            document,
            query,
            hits,
            caret_byte,
        } = loaded;
        let layout = DocumentLayout::new(document.text());
        let mut open = OpenDocument {
            document,
            layout,
            hits,
            mentions: Vec::new(),
            evidence: Vec::new(),
            top: RowPos::default(),
            caret_byte: 0,
            anchor_byte: None,
            goal_x: None,
            query,
        };
        open.top = Self::first_row(&open).unwrap_or_default();
        let caret = caret_byte.or_else(|| open.hits.first().map(|h| h.start));
        if let Some(caret) = caret {
            open.caret_byte = caret.min(open.layout.text().len());
        } else if let Some(start) = self.row_start(&open, open.top) {
            open.caret_byte = start;
        }
        self.open = Some(open);
        self.ensure_caret_visible();
    }

    /// The layout settings for the open document at the current width.
    pub fn settings(&self) -> LayoutSettings {
        let direction = self
            .open
            .as_ref()
            .map_or(Direction::Ltr, |o| o.document.direction);
        LayoutSettings {
            width: self.width.max(1),
            base: Base::for_document(direction),
            shape: self.shape,
        }
    }

    /// A new text area size: layouts at the old width are dropped, the caret stays.
    pub fn resize(&mut self, width: u16, height: u16) {
        if width != self.width
            && let Some(open) = &self.open
        {
            open.layout.clear_cache();
        }
        self.width = width;
        self.height = height;
        if let Some(open) = self.open.as_mut() {
            open.top.line = 0;
            open.goal_x = None;
        }
        self.ensure_caret_visible();
    }

    pub fn set_shape(&mut self, shape: bool) {
        self.shape = shape;
        if let Some(open) = &self.open {
            open.layout.clear_cache();
        }
    }

    pub(crate) fn paragraph_layout(&self, open: &OpenDocument, p: usize) -> Rc<ParagraphLayout> {
        open.layout.layout(p, &self.settings())
    }

    fn shown(open: &OpenDocument, p: usize) -> bool {
        !open.layout.paragraph(p).trim().is_empty()
    }

    fn next_shown(open: &OpenDocument, from: usize) -> Option<usize> {
        (from..open.layout.paragraph_ranges().len()).find(|&p| Self::shown(open, p))
    }

    fn previous_shown(open: &OpenDocument, before: usize) -> Option<usize> {
        (0..before).rev().find(|&p| Self::shown(open, p))
    }

    fn line_count(&self, open: &OpenDocument, p: usize) -> usize {
        self.paragraph_layout(open, p).lines.len()
    }

    fn first_row(open: &OpenDocument) -> Option<RowPos> {
        Self::next_shown(open, 0).map(|paragraph| RowPos { paragraph, line: 0 })
    }

    fn last_row(&self, open: &OpenDocument) -> Option<RowPos> {
        let paragraph = Self::previous_shown(open, open.layout.paragraph_ranges().len())?;
        let line = self.line_count(open, paragraph).saturating_sub(1);
        Some(RowPos { paragraph, line })
    }

    /// The row after `row`.
    pub fn next_row(&self, open: &OpenDocument, row: RowPos) -> Option<RowPos> {
        let lines = self.line_count(open, row.paragraph);
        if row.line + 1 < lines {
            return Some(RowPos {
                line: row.line + 1,
                ..row
            });
        }
        let next = Self::next_shown(open, row.paragraph + 1)?;
        if row.line + 1 == lines && !open.layout.continues(next) {
            // The blank row between this paragraph and the next (none between the pieces
            // of one long paragraph).
            return Some(RowPos { line: lines, ..row });
        }
        Some(RowPos {
            paragraph: next,
            line: 0,
        })
    }

    /// The row before `row`.
    pub fn previous_row(&self, open: &OpenDocument, row: RowPos) -> Option<RowPos> {
        if row.line > 0 {
            return Some(RowPos {
                line: row.line - 1,
                ..row
            });
        }
        let previous = Self::previous_shown(open, row.paragraph)?;
        let lines = self.line_count(open, previous);
        Some(RowPos {
            paragraph: previous,
            // The blank row after it, unless this piece continues it.
            line: if open.layout.continues(row.paragraph) {
                lines.saturating_sub(1)
            } else {
                lines
            },
        })
    }

    /// Up to `count` rows from the top of the screen.
    pub fn rows(&self, open: &OpenDocument, count: usize) -> Vec<RowPos> {
        self.rows_from(open, open.top, count)
    }

    /// Up to `count` rows from `top`.
    fn rows_from(&self, open: &OpenDocument, top: RowPos, count: usize) -> Vec<RowPos> {
        let mut rows = Vec::with_capacity(count);
        let mut row = Some(top);
        while let Some(current) = row {
            if rows.len() >= count {
                break;
            }
            rows.push(current);
            row = self.next_row(open, current);
        }
        rows
    }

    /// The line of `row`, or `None` for a blank row.
    pub fn line(layout: &ParagraphLayout, row: RowPos) -> Option<&Line> {
        layout.lines.get(row.line)
    }

    fn paragraph_of(open: &OpenDocument, byte: usize) -> usize {
        let ranges = open.layout.paragraph_ranges();
        ranges
            .partition_point(|r| r.end < byte)
            .min(ranges.len().saturating_sub(1))
    }

    fn paragraph_start(open: &OpenDocument, p: usize) -> usize {
        open.layout.paragraph_ranges().get(p).map_or(0, |r| r.start)
    }

    /// The row and column of the caret.
    pub fn caret_place(&self, open: &OpenDocument) -> (RowPos, u16) {
        let mut paragraph = Self::paragraph_of(open, open.caret_byte);
        if !Self::shown(open, paragraph) {
            paragraph = Self::next_shown(open, paragraph)
                .or_else(|| Self::previous_shown(open, paragraph))
                .unwrap_or(paragraph);
        }
        let local = open
            .caret_byte
            .saturating_sub(Self::paragraph_start(open, paragraph));
        let layout = self.paragraph_layout(open, paragraph);
        let (line, x) = layout.locate(local).unwrap_or((0, 0));
        (RowPos { paragraph, line }, x)
    }

    /// The text byte where the logically first cell of `row` starts.
    fn row_start(&self, open: &OpenDocument, row: RowPos) -> Option<usize> {
        let layout = self.paragraph_layout(open, row.paragraph);
        let line = layout.lines.get(row.line)?;
        let start = line.cells.iter().map(|c| c.bytes.start).min()?;
        Some(Self::paragraph_start(open, row.paragraph) + start)
    }

    /// The text byte of the cell of `row` nearest to column `x`.
    fn byte_at(&self, open: &OpenDocument, row: RowPos, x: u16) -> Option<usize> {
        let layout = self.paragraph_layout(open, row.paragraph);
        let line = layout.lines.get(row.line)?;
        let cell = line.cells.iter().min_by_key(|c| {
            let left = c.x;
            let right = c.x + u16::from(c.width);
            if x < left {
                left - x
            } else if x >= right {
                x + 1 - right
            } else {
                0
            }
        })?;
        Some(Self::paragraph_start(open, row.paragraph) + cell.bytes.start)
    }

    /// Keeps the caret's row on screen, scrolling as little as possible.
    pub fn ensure_caret_visible(&mut self) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let (row, _) = self.caret_place(open);
        let mut top = open.top;
        if row < top {
            top = row;
        } else {
            let height = usize::from(self.height.max(1));
            let rows = self.rows(open, height);
            if !rows.contains(&row) {
                top = row;
                for _ in 1..height {
                    match self.previous_row(open, top) {
                        Some(previous) => top = previous,
                        None => break,
                    }
                }
            }
        }
        if let Some(open) = self.open.as_mut() {
            open.top = top;
        }
    }

    /// Moves the caret onto the screen after a scroll.
    fn caret_into_view(&mut self) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let (row, _) = self.caret_place(open);
        let rows = self.rows(open, usize::from(self.height.max(1)));
        if rows.contains(&row) {
            return;
        }
        let target = if row < open.top {
            rows.iter().find_map(|r| self.row_start(open, *r))
        } else {
            rows.iter().rev().find_map(|r| self.row_start(open, *r))
        };
        if let (Some(target), Some(open)) = (target, self.open.as_mut()) {
            open.caret_byte = target;
        }
    }

    /// Scrolls by `delta` rows (negative: up).
    pub fn scroll(&mut self, delta: isize) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let mut top = open.top;
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                // Stop when the last row is at the bottom of the screen.
                let rows = self.rows_from(open, top, usize::from(self.height) + 1);
                if rows.len() <= usize::from(self.height) {
                    None
                } else {
                    self.next_row(open, top)
                }
            } else {
                self.previous_row(open, top)
            };
            match next {
                Some(row) => top = row,
                None => break,
            }
        }
        if let Some(open) = self.open.as_mut() {
            open.top = top;
        }
        self.caret_into_view();
    }

    /// A page down (`pages` > 0) or up.
    pub fn page(&mut self, pages: isize) {
        let step = isize::try_from(self.height.saturating_sub(2).max(1)).unwrap_or(1);
        self.scroll(pages * step);
    }

    pub fn go_first(&mut self) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let first = Self::first_row(open);
        let start = first.and_then(|row| self.row_start(open, row));
        if let Some(open) = self.open.as_mut() {
            open.top = first.unwrap_or_default();
            open.caret_byte = start.unwrap_or(0);
            open.goal_x = None;
        }
    }

    pub fn go_last(&mut self) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let Some(last) = self.last_row(open) else {
            return;
        };
        let start = self.row_start(open, last);
        self.place_caret(start, None);
    }

    /// One cell left (`right` false) or right on screen, onto the next row at a line's end.
    pub fn caret_step(&mut self, right: bool) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let (row, x) = self.caret_place(open);
        let layout = self.paragraph_layout(open, row.paragraph);
        let Some(line) = layout.lines.get(row.line) else {
            return;
        };
        let local = open
            .caret_byte
            .saturating_sub(Self::paragraph_start(open, row.paragraph));
        let index = line
            .cells
            .iter()
            .position(|c| c.bytes.contains(&local))
            .or_else(|| line.cells.iter().position(|c| c.x >= x));
        let start = Self::paragraph_start(open, row.paragraph);
        let target = match (index, right) {
            (Some(i), true) if i + 1 < line.cells.len() => {
                line.cells.get(i + 1).map(|c| start + c.bytes.start)
            }
            (Some(i), false) if i > 0 => line.cells.get(i - 1).map(|c| start + c.bytes.start),
            _ => {
                // Off the edge: to the logically next row when leaving a line where it ends
                // (the left of a right-to-left line, the right of a left-to-right one).
                let forward = right == (layout.direction == Direction::Ltr);
                self.text_row(open, row, forward).and_then(|r| {
                    let edge = if right { 0 } else { self.width };
                    self.byte_at(open, r, edge)
                })
            }
        };
        self.place_caret(target, None);
    }

    fn is_blank(&self, open: &OpenDocument, row: RowPos) -> bool {
        row.line >= self.line_count(open, row.paragraph)
    }

    /// The nearest row after (`forward`) or before `row` that holds text (not a blank row).
    fn text_row(&self, open: &OpenDocument, row: RowPos, forward: bool) -> Option<RowPos> {
        let mut row = row;
        loop {
            row = if forward {
                self.next_row(open, row)?
            } else {
                self.previous_row(open, row)?
            };
            if !self.is_blank(open, row) {
                return Some(row);
            }
        }
    }

    /// Moves the caret to `target`, when there is one, with `goal_x` as the column later
    /// up/down motions aim for, and scrolls it into view.
    fn place_caret(&mut self, target: Option<usize>, goal_x: Option<u16>) {
        if let (Some(target), Some(open)) = (target, self.open.as_mut()) {
            open.caret_byte = target;
            open.goal_x = goal_x;
        }
        self.ensure_caret_visible();
    }

    /// A row up or down, aiming for the same column.
    pub fn caret_line(&mut self, down: bool) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let (row, x) = self.caret_place(open);
        let goal = open.goal_x.unwrap_or(x);
        let target = self
            .text_row(open, row, down)
            .and_then(|r| self.byte_at(open, r, goal));
        self.place_caret(target, Some(goal));
    }

    /// To the start of the next word (`forward`) or of this or the previous one, in reading
    /// (logical) order, across paragraphs.
    pub fn word(&mut self, forward: bool) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let p = Self::paragraph_of(open, open.caret_byte);
        let count = open.layout.paragraph_ranges().len();
        let mut target = None;
        if forward {
            for q in p..count {
                let start = Self::paragraph_start(open, q);
                let found = word_ranges(open.layout.paragraph(q))
                    .map(|w| start + w.start)
                    .find(|&b| b > open.caret_byte);
                if found.is_some() {
                    target = found;
                    break;
                }
            }
        } else {
            for q in (0..=p).rev() {
                let start = Self::paragraph_start(open, q);
                let found = word_ranges(open.layout.paragraph(q))
                    .map(|w| start + w.start)
                    .filter(|&b| b < open.caret_byte)
                    .last();
                if found.is_some() {
                    target = found;
                    break;
                }
            }
        }
        self.place_caret(target, None);
    }

    /// To the logical start or end of the caret's line.
    pub fn line_edge(&mut self, end: bool) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let (row, _) = self.caret_place(open);
        let layout = self.paragraph_layout(open, row.paragraph);
        let Some(line) = layout.lines.get(row.line) else {
            return;
        };
        let starts = line
            .cells
            .iter()
            .filter(|c| {
                !end || !open
                    .layout
                    .paragraph(row.paragraph)
                    .get(c.bytes.clone())
                    .is_some_and(|t| t.trim().is_empty())
            })
            .map(|c| c.bytes.start);
        let local = if end { starts.max() } else { starts.min() };
        let start = Self::paragraph_start(open, row.paragraph);
        self.place_caret(local.map(|local| start + local), None);
    }

    /// To the next (or previous) hit after (before) the caret, wrapping around; the message
    /// says where it landed.
    pub fn hit(&mut self, forward: bool) -> Option<String> {
        let open = self.open.as_mut()?;
        if open.hits.is_empty() {
            return Some(strings::NO_HITS_HERE.to_owned());
        }
        let caret = open.caret_byte;
        let count = open.hits.len();
        let (index, wrapped) = if forward {
            match open.hits.iter().position(|h| h.start > caret) {
                Some(i) => (i, false),
                None => (0, true),
            }
        } else {
            match open.hits.iter().rposition(|h| h.start < caret) {
                Some(i) => (i, false),
                None => (count - 1, true),
            }
        };
        let target = open.hits.get(index).map(|h| h.start);
        self.place_caret(target, None);
        Some(strings::hit_of(index + 1, count, wrapped, forward))
    }

    /// Takes the mentions of `doc` from the store, if it is the open document. A mention
    /// whose quote moved is shown where re-anchoring finds it; an orphaned one is not shown.
    pub fn set_mentions(&mut self, doc: &str, mentions: Vec<Mention>) {
        let Some(open) = self.open.as_mut().filter(|o| o.document.id == doc) else {
            return;
        };
        let text = open.layout.text();
        open.mentions = mentions
            .into_iter()
            .filter(|m| !m.orphaned)
            .filter_map(|mut m| {
                let range = crate::store::anchor::locate(&m.anchor, text)?;
                (m.anchor.byte_start, m.anchor.byte_end) = (range.start, range.end);
                Some(m)
            })
            .collect();
        open.mentions.sort_by_key(|m| (m.anchor.byte_start, m.id));
    }

    /// Takes the evidence (of every claim) that lies in the open document and is still
    /// where its anchor says.
    pub fn set_evidence<'a>(&mut self, evidence: impl IntoIterator<Item = &'a Evidence>) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let text = open.layout.text();
        open.evidence = evidence
            .into_iter()
            .filter(|e| e.doc == open.document.id && !e.orphaned)
            .filter_map(|e| {
                let range = crate::store::anchor::locate(&e.anchor, text)?;
                Some((range, e.claim, e.stance))
            })
            .collect();
        open.evidence
            .sort_by_key(|(range, claim, _)| (range.start, *claim));
    }

    /// The evidence covering the caret: claim and stance.
    pub fn evidence_at_caret(&self, prefer: Option<i64>) -> Option<(i64, Stance)> {
        let open = self.open.as_ref()?;
        let mut here = open
            .evidence
            .iter()
            .filter(|(range, _, _)| range.contains(&open.caret_byte));
        let first = here.clone().next();
        here.find(|(_, claim, _)| Some(*claim) == prefer)
            .or(first)
            .map(|(_, claim, stance)| (*claim, *stance))
    }

    /// To the next (or previous) entity mention, wrapping around; says where it landed.
    pub fn mention(&mut self, forward: bool) -> String {
        let Some(open) = self.open.as_mut() else {
            return String::new();
        };
        if open.mentions.is_empty() {
            return strings::NO_MENTIONS_HERE.to_owned();
        }
        let caret = open.caret_byte;
        let starts: Vec<usize> = open.mentions.iter().map(|m| m.anchor.byte_start).collect();
        let count = starts.len();
        let (index, wrapped) = if forward {
            starts
                .iter()
                .position(|&s| s > caret)
                .map_or((0, true), |i| (i, false))
        } else {
            starts
                .iter()
                .rposition(|&s| s < caret)
                .map_or((count - 1, true), |i| (i, false))
        };
        self.place_caret(starts.get(index).copied(), None);
        strings::mention_of(index + 1, count, wrapped, forward)
    }

    /// What `t` tags: the selection, or else the word at the caret, widened to whole
    /// words (bytes of the text).
    pub fn tag_range(&self) -> Option<Range<usize>> {
        let open = self.open.as_ref()?;
        let text = open.layout.text();
        let range = self
            .selection()
            .unwrap_or(open.caret_byte..open.caret_byte + 1);
        crate::text::words::snap_to_words(text, range)
    }

    /// Starts selecting at the caret, or stops.
    pub fn toggle_selection(&mut self) {
        if let Some(open) = self.open.as_mut() {
            open.anchor_byte = match open.anchor_byte {
                Some(_) => None,
                None => Some(open.caret_byte),
            };
        }
    }

    /// Starts a selection at the caret if none.
    pub fn start_selection(&mut self) {
        if let Some(open) = self.open.as_mut()
            && open.anchor_byte.is_none()
        {
            open.anchor_byte = Some(open.caret_byte);
        }
    }

    /// Selects the bytes `range` of the text (its last character under the caret).
    pub fn select_range(&mut self, range: Range<usize>) {
        if let Some(open) = self.open.as_mut() {
            let text = open.layout.text();
            let last = text
                .get(range.start..range.end)
                .and_then(|s| s.char_indices().last())
                .map_or(range.start, |(i, _)| range.start + i);
            open.anchor_byte = Some(range.start);
            open.caret_byte = last;
        }
    }

    pub fn clear_selection(&mut self) {
        if let Some(open) = self.open.as_mut() {
            open.anchor_byte = None;
        }
    }

    /// The selected byte range of the text: from anchor to caret, both clusters included.
    pub fn selection(&self) -> Option<Range<usize>> {
        let open = self.open.as_ref()?;
        let anchor = open.anchor_byte?;
        let (low, high) = if anchor <= open.caret_byte {
            (anchor, open.caret_byte)
        } else {
            (open.caret_byte, anchor)
        };
        let text = open.layout.text();
        let end = text
            .get(high..)
            .and_then(|rest| {
                unicode_segmentation::UnicodeSegmentation::graphemes(rest, true).next()
            })
            .map_or(text.len(), |g| high + g.len());
        Some(low..end)
    }

    /// The selected text, in logical order.
    pub fn selected_text(&self) -> Option<&str> {
        let open = self.open.as_ref()?;
        open.layout.text().get(self.selection()?)
    }

    /// Puts the caret on the cell at `x` of screen row `row_index` (from the top).
    pub fn click(&mut self, row_index: usize, x: u16) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let rows = self.rows(open, row_index + 1);
        let target = rows.get(row_index).and_then(|r| self.byte_at(open, *r, x));
        self.place_caret(target, None);
    }
}
