//! The copies overlay: the origin and one copy side by side, each in its own direction
//! (right to left, the origin on the right, where reading starts), the words one has and
//! the other has not marked, both scrolled together. Only the visible screen lines are
//! painted; each paragraph is laid out once a frame.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::overlay_box;
use crate::text::bidi::{Base, ParagraphLayout};
use crate::text::script::Direction;
use crate::tui::app::App;
use crate::tui::copies_view::{CopiesView, Side};
use crate::tui::paint::{TextLine, label};
use crate::tui::strings;

pub(super) fn draw(app: &App, view: &CopiesView, buf: &mut Buffer, screen: Rect) {
    let overlay = &app.theme().overlay;
    let area = overlay_box(buf, screen, 1, overlay);
    let Some(beside) = view.beside() else {
        return;
    };
    let gap = 3;
    let width = area.width.saturating_sub(gap) / 2;
    if width < 4 || area.height < 3 {
        return;
    }
    let left_x = area.x;
    let right_x = area.x + width + gap;
    // Right to left, the origin on the right; else on the left.
    let (origin_x, copy_x) = if view.origin.direction == Direction::Rtl {
        (right_x, left_x)
    } else {
        (left_x, right_x)
    };
    for y in area.y..area.bottom() {
        label(buf, area.x + width + 1, y, "│", 1, app.theme().divider);
    }
    let meta = |side: &Side| -> Vec<String> {
        [
            side.source.clone(),
            side.published.clone(),
            Some(side.doc.clone()),
        ]
        .into_iter()
        .flatten()
        .collect()
    };
    let origin_meta = meta(&view.origin);
    let copy_meta = meta(&beside.copy);
    let mut heading = |x: u16, text: &str| {
        TextLine::plain(text, overlay.text.patch(overlay.heading)).paint(
            buf,
            Rect::new(x, area.y, width, 1),
            app.painter(),
        );
    };
    let origin_parts: Vec<&str> = origin_meta.iter().map(String::as_str).collect();
    let copy_parts: Vec<&str> = copy_meta.iter().map(String::as_str).collect();
    heading(origin_x, &strings::copies_origin(&origin_parts));
    heading(
        copy_x,
        &strings::copies_copy(
            view.shown,
            view.copies.len(),
            beside.copy.similarity,
            &copy_parts,
        ),
    );
    let body = |x: u16| Rect::new(x, area.y + 2, width, area.height.saturating_sub(2));
    let marked = overlay.text.patch(app.theme().hit);
    side(
        app,
        buf,
        body(origin_x),
        &view.origin,
        &beside.only_origin,
        marked,
        view.scroll,
    );
    side(
        app,
        buf,
        body(copy_x),
        &beside.copy,
        &beside.only_copy,
        marked,
        view.scroll,
    );
}

/// One side: the document's paragraphs wrapped at `area`'s width, from screen line
/// `scroll` on (past the end, its last lines), `marks` (byte ranges of its text) marked.
fn side(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    side: &Side,
    marks: &[Range<usize>],
    marked: Style,
    scroll: u16,
) {
    let style = app.theme().overlay.text;
    let base = Base::for_document(side.direction);
    let painter = app.painter();
    // Each paragraph with its byte offset in the text, and the marks within it.
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for paragraph in side.text.split('\n') {
        let range = at..at + paragraph.len();
        let inside: Vec<(Range<usize>, Style)> = marks
            .iter()
            .filter(|m| m.start < range.end && range.start < m.end)
            .map(|m| {
                (
                    m.start.max(range.start) - range.start..m.end.min(range.end) - range.start,
                    marked,
                )
            })
            .collect();
        paragraphs.push((paragraph, inside));
        at = range.end + 1;
    }
    // Each paragraph laid out once: its lines counted to find the first visible one, then
    // painted from the same layout.
    let laid: Vec<(TextLine<'_>, ParagraphLayout)> = paragraphs
        .iter()
        .map(|(text, marks)| {
            let line = TextLine {
                text,
                base,
                style,
                marks,
            };
            let layout = line.layout_painted(area.width, painter);
            (line, layout)
        })
        .collect();
    let total: usize = laid.iter().map(|(_, l)| l.lines.len().max(1)).sum();
    let rows = usize::from(area.height);
    let mut skip = usize::from(scroll).min(total.saturating_sub(rows));
    let mut y = area.y;
    for (line, layout) in &laid {
        let count = layout.lines.len().max(1);
        if y >= area.bottom() {
            break;
        }
        if skip >= count {
            skip -= count;
            continue;
        }
        let visible = (count - skip).min(usize::from(area.bottom() - y));
        let rows: Vec<Rect> = (0..visible)
            .map(|i| Rect::new(area.x, y + u16::try_from(i).unwrap_or(0), area.width, 1))
            .collect();
        line.paint_lines(buf, &rows, layout, skip, painter);
        y += u16::try_from(visible).unwrap_or(0);
        skip = 0;
    }
}
