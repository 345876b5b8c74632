//! Writing laid-out text into ratatui's `Buffer`, one cell per cluster, never through
//! `Line`/`Span` (which measure whole strings and would misplace Arabic clusters). Every
//! symbol is checked once more here: nothing that is a control reaches the terminal.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::text::bidi::{
    Base, Cell, LayoutSettings, Line, ParagraphLayout, is_bidi_control, layout_paragraph, mirror,
};
use crate::text::script::Direction;
use crate::workspace::BidiMode;

/// Marks text cut at the edge of its pane.
const ELLIPSIS: &str = "…";

/// The text of a cell with anything a terminal would interpret replaced.
pub fn safe_symbol(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        Cow::Owned(
            text.chars()
                .filter(|c| !is_bidi_control(*c))
                .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// The columns (relative to the line's area) at which each cell of `line` is drawn: the
/// engine's visual placement, or in `terminal`/`off` mode the cells in logical order (the
/// terminal reorders them itself, or nobody does).
pub fn placements(line: &Line, mode: BidiMode) -> Vec<(u16, &Cell)> {
    if mode == BidiMode::App {
        return line.cells.iter().map(|c| (c.x, c)).collect();
    }
    let mut cells: Vec<&Cell> = line.cells.iter().collect();
    cells.sort_by_key(|c| c.bytes.start);
    let mut x = line.x;
    cells
        .into_iter()
        .map(|c| {
            let at = x;
            x += u16::from(c.width);
            (at, c)
        })
        .collect()
}

/// The text `cell` is drawn with. The engine mirrors brackets in right-to-left runs for the
/// visual order it places; in `terminal` mode the cells go out in logical order and the
/// terminal mirrors as it reorders, and in `off` mode nothing is reordered: either way a
/// bracket is sent as written, or it would show the wrong way round.
fn cell_text<'a>(cell: &'a Cell, paragraph: &'a str, mode: BidiMode) -> &'a str {
    if mode != BidiMode::App && cell.is_rtl() {
        let logical = paragraph.get(cell.bytes.clone()).unwrap_or_default();
        let mut chars = logical.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && mirror(c) != c
        {
            return logical;
        }
    }
    cell.text(paragraph)
}

/// Draws `line` of `paragraph` on row `area` (its first row), styling each cell.
pub fn paint_line(
    buf: &mut Buffer,
    area: Rect,
    paragraph: &str,
    line: &Line,
    mode: BidiMode,
    style_of: &dyn Fn(&Cell) -> Style,
) {
    for (x, cell) in placements(line, mode) {
        let width = u16::from(cell.width);
        if x + width > area.width {
            continue;
        }
        let column = area.x + x;
        let symbol = safe_symbol(cell_text(cell, paragraph, mode));
        if let Some(target) = buf.cell_mut((column, area.y)) {
            target.set_symbol(&symbol).set_style(style_of(cell));
        }
        for extra in 1..width {
            if let Some(target) = buf.cell_mut((column + extra, area.y)) {
                target.reset();
            }
        }
    }
}

/// How every text on screen is drawn: who orders right-to-left text, and whether Arabic
/// letters are joined. One value for the whole frame, so that the status line, names,
/// titles and the command line are drawn as the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Painter {
    pub bidi: BidiMode,
    pub shape: bool,
}

/// One line of any text (a title, a snippet, a message), laid out by the engine in its
/// own direction and cut to the width of `area`; `marks` style byte ranges of `text`.
pub struct TextLine<'a> {
    pub text: &'a str,
    pub base: Base,
    pub style: Style,
    pub marks: &'a [(Range<usize>, Style)],
}

impl<'a> TextLine<'a> {
    /// The style of one cell: the line's own, patched by every mark over its bytes.
    fn style_of(&self, cell: &Cell) -> Style {
        self.marks
            .iter()
            .filter(|(range, _)| range.start < cell.bytes.end && cell.bytes.start < range.end)
            .fold(self.style, |style, (_, mark)| style.patch(*mark))
    }

    /// Text in its own direction (the first strong character decides), unmarked: ids,
    /// names, messages, what the user typed.
    pub fn plain(text: &'a str, style: Style) -> TextLine<'a> {
        TextLine {
            text,
            base: Base::Auto {
                fallback: crate::text::script::Direction::Ltr,
            },
            style,
            marks: &[],
        }
    }

    /// The text laid out at `width` cells (at least one).
    fn layout_at(&self, width: u16, shape: bool) -> ParagraphLayout {
        let settings = LayoutSettings {
            width: width.max(1),
            base: self.base,
            shape,
        };
        layout_paragraph(self.text, &settings)
    }

    /// How many screen lines the text takes at `width` cells.
    pub fn lines(&self, width: u16) -> usize {
        self.layout_at(width, false).lines.len()
    }

    /// The text laid out at `width` cells as `painter` paints it: its screen lines, to count
    /// and then paint with [`TextLine::paint_lines`] (laid out once).
    pub fn layout_painted(&self, width: u16, painter: Painter) -> ParagraphLayout {
        self.layout_at(width, painter.shape)
    }

    /// Draws screen lines `skip..` of `layout` (this text's, from
    /// [`TextLine::layout_painted`] at the rows' width), one on each of `rows`, without an
    /// ellipsis: a scrolled view of a whole text.
    pub fn paint_lines(
        &self,
        buf: &mut Buffer,
        rows: &[Rect],
        layout: &ParagraphLayout,
        skip: usize,
        painter: Painter,
    ) {
        for (row, line) in rows.iter().zip(layout.lines.iter().skip(skip)) {
            paint_line(buf, *row, self.text, line, painter.bidi, &|c| {
                self.style_of(c)
            });
        }
    }

    /// Draws the first screen line of the text in `area` (its first row). Text that does
    /// not fit ends in `…` at its logical end: the left of a right-to-left line.
    pub fn paint(&self, buf: &mut Buffer, area: Rect, painter: Painter) {
        self.paint_wrapped(buf, &[area], painter);
    }

    /// Draws the text over `rows` (one screen line on the first row of each, all of the same
    /// width or narrower), wrapped where it breaks; what does not fit ends in `…` at its
    /// logical end.
    pub fn paint_wrapped(&self, buf: &mut Buffer, rows: &[Rect], painter: Painter) {
        let Some(width) = rows.iter().map(|r| r.width).filter(|w| *w > 0).min() else {
            return;
        };
        let mut layout = self.layout_at(width, painter.shape);
        let cut = layout.lines.len() > rows.len() && width > 1;
        if cut {
            // Make room for the ellipsis on the side where the text goes on.
            layout = self.layout_at(width - 1, painter.shape);
        }
        let rtl = layout.direction == Direction::Rtl;
        for (index, (row, line)) in rows.iter().zip(&layout.lines).enumerate() {
            let mut area = Rect::new(row.x, row.y, width, 1);
            if cut && index + 1 == rows.len() {
                let at = if rtl {
                    area.x + line.x
                } else {
                    area.x + line.x + line.width
                };
                if let Some(cell) = buf.cell_mut((at, area.y)) {
                    cell.set_symbol(ELLIPSIS).set_style(self.style);
                }
                if rtl {
                    area.x += 1;
                }
                area.width -= 1;
            }
            paint_line(buf, area, self.text, line, painter.bidi, &|c| {
                self.style_of(c)
            });
        }
    }
}

/// A text field on the row `area`: the screen line of `text` that holds the cursor (at
/// `cursor_byte`), so that the end of a long query stays in view while it is typed, with
/// `…` on each side where the text goes on. Returns the cursor's column in `area`: the
/// left edge of the cell it precedes (for a right-to-left line, left of the last cell it
/// follows, which is the same place on screen).
pub fn paint_field(
    buf: &mut Buffer,
    area: Rect,
    line: &TextLine<'_>,
    cursor_byte: usize,
    painter: Painter,
) -> u16 {
    if area.width < 3 || area.height == 0 {
        line.paint(buf, area, painter);
        return 0;
    }
    let settings = |width| LayoutSettings {
        width,
        base: line.base,
        shape: painter.shape,
    };
    let mut layout = layout_paragraph(line.text, &settings(area.width));
    let mut inner = area;
    if layout.lines.len() > 1 {
        // A cell on each side for the ellipses.
        inner = Rect::new(area.x + 1, area.y, area.width - 2, 1);
        layout = layout_paragraph(line.text, &settings(inner.width));
    }
    let last = layout.lines.len().saturating_sub(1);
    let (index, column) = if cursor_byte >= line.text.len() {
        let end = layout.lines.last().map_or(0, |l| match layout.direction {
            Direction::Rtl => l.x.saturating_sub(1),
            Direction::Ltr => l.x + l.width,
        });
        (last, end)
    } else {
        layout.locate(cursor_byte).unwrap_or((0, 0))
    };
    let Some(shown) = layout.lines.get(index) else {
        return 0;
    };
    let rtl = layout.direction == Direction::Rtl;
    // Text before this line is on its logical start side, text after on its end side.
    let (before, after) = (index > 0, index < last);
    let (left, right) = if rtl {
        (after, before)
    } else {
        (before, after)
    };
    for (cut, x) in [(left, area.x), (right, area.right() - 1)] {
        if cut && let Some(cell) = buf.cell_mut((x, area.y)) {
            cell.set_symbol(ELLIPSIS).set_style(line.style);
        }
    }
    paint_line(buf, inner, line.text, shown, painter.bidi, &|c| {
        line.style_of(c)
    });
    (inner.x - area.x) + column.min(inner.width.saturating_sub(1))
}

/// A left-to-right label of the interface itself (plain ASCII and known words).
pub fn label(buf: &mut Buffer, x: u16, y: u16, text: &str, max_width: u16, style: Style) -> u16 {
    let (end, _) = buf.set_stringn(x, y, safe_symbol(text), usize::from(max_width), style);
    end.saturating_sub(x)
}

/// Fills a rectangle with a style (spaces).
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    buf.set_style(area, style);
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAINTER: Painter = Painter {
        bidi: BidiMode::App,
        shape: false,
    };

    #[test]
    fn controls_never_become_symbols() {
        assert_eq!(
            safe_symbol("a\u{1b}b\u{202e}c\u{9b}"),
            "a\u{FFFD}bc\u{FFFD}"
        );
        assert!(matches!(safe_symbol("بوتين"), Cow::Borrowed(_)));
    }

    #[test]
    fn right_to_left_text_is_right_aligned_in_visual_order() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        TextLine {
            text: "مرحبا 144",
            base: Base::Auto {
                fallback: Direction::Ltr,
            },
            style: Style::new(),
            marks: &[],
        }
        .paint(&mut buf, Rect::new(0, 0, 12, 1), PAINTER);
        let row: String = (0..12)
            .map(|x| buf.cell((x, 0)).map_or(" ", |c| c.symbol()).to_owned())
            .collect();
        assert_eq!(row, "   144 ابحرم");
    }

    /// Brackets are mirrored for the visual order the app places; in `terminal` mode the
    /// terminal mirrors them as it reorders, so they go out as written (they showed the wrong
    /// way round in mlterm and Konsole), and in `off` mode nothing is reordered.
    #[test]
    fn brackets_are_mirrored_only_where_the_app_orders_the_line() {
        let text = "قاعة (كروكوس) [١]";
        let settings = LayoutSettings {
            width: 30,
            base: Base::Forced(Direction::Rtl),
            shape: false,
        };
        let layout = layout_paragraph(text, &settings);
        let line = &layout.lines[0];
        let drawn = |mode: BidiMode| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
            paint_line(&mut buf, Rect::new(0, 0, 30, 1), text, line, mode, &|_| {
                Style::new()
            });
            (0..30)
                .map(|x| buf.cell((x, 0)).map_or(" ", |c| c.symbol()).to_owned())
                .collect::<String>()
                .trim()
                .to_owned()
        };
        assert_eq!(drawn(BidiMode::App), "[١] (سوكورك) ةعاق");
        assert_eq!(drawn(BidiMode::Terminal), text);
        assert_eq!(drawn(BidiMode::Off), text);
    }

    fn painted(text: &str, width: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        TextLine::plain(text, Style::new()).paint(&mut buf, Rect::new(0, 0, width, 1), PAINTER);
        (0..width)
            .map(|x| buf.cell((x, 0)).map_or(" ", |c| c.symbol()).to_owned())
            .collect()
    }

    #[test]
    fn a_long_field_shows_where_its_cursor_is() {
        let text = "one two three four five six";
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let x = paint_field(
            &mut buf,
            Rect::new(0, 0, 12, 1),
            &TextLine::plain(text, Style::new()),
            text.len(),
            PAINTER,
        );
        let row: String = (0..12)
            .map(|x| buf.cell((x, 0)).map_or(" ", |c| c.symbol()).to_owned())
            .collect();
        assert!(row.starts_with('…') && row.contains("six"), "{row:?}");
        assert_eq!(
            buf.cell((x, 0)).map(ratatui::buffer::Cell::symbol),
            Some(" "),
            "after six"
        );
        // At the start: the first words, the ellipsis at the end.
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let x = paint_field(
            &mut buf,
            Rect::new(0, 0, 12, 1),
            &TextLine::plain(text, Style::new()),
            0,
            PAINTER,
        );
        assert_eq!(
            (x, buf.cell((11, 0)).map(ratatui::buffer::Cell::symbol)),
            (1, Some("…"))
        );
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_on_its_logical_end() {
        assert_eq!(painted("one two three", 10), "one two…  ");
        // Right to left: the text goes on to the left, so the ellipsis is there.
        assert_eq!(painted("مرحبا بكم في الموقع", 12), "  …مكب ابحرم");
        // Text that fits has none.
        assert_eq!(painted("one two", 10), "one two   ");
    }
}
