//! The right-to-left layout engine of `docs/rtl.md`: a paragraph of logical text in, lines
//! of cells in visual order out, with maps both ways. Pure: no terminal, no I/O.
//!
//! Pipeline per paragraph: cap explicit embeddings → base direction → grapheme clusters with
//! per-cluster widths → greedy UAX #14 line breaking in logical order (trailing spaces hang)
//! → per line: levels with rule L1, L2 order over clusters, L4 mirroring, optional 1:1
//! shaping → right alignment for RTL. Bidi controls never reach a cell.
//!
//! Offsets in this module are UTF-8 byte offsets into the paragraph; columns are terminal
//! cells from the left edge of the pane.

mod breaking;
mod clusters;
mod document;
mod reorder;
mod shape;

use std::ops::Range;

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};

pub use breaking::opportunities as break_opportunities;
pub use clusters::{is_bidi_control, is_lone_mark, is_zero_width_format};
pub use document::{DocumentLayout, paragraphs};
pub use reorder::{MAX_EMBEDDING_DEPTH, cap_embeddings, mirror, removed_by_x9, visual_order};

use super::script::Direction;

/// How a paragraph's base direction is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Base {
    /// The first strong character decides (isolates skipped); a paragraph with none takes
    /// `fallback` (the document's direction).
    Auto { fallback: Direction },
    /// Every paragraph has this direction.
    Forced(Direction),
}

impl Base {
    /// The paragraph direction rule for a document: right-to-left throughout for a document
    /// in a right-to-left language (so `CNN: مقتل 144` stays right-to-left), else each
    /// paragraph's first strong character.
    pub fn for_document(direction: Direction) -> Base {
        match direction {
            Direction::Rtl => Base::Forced(Direction::Rtl),
            Direction::Ltr => Base::Auto {
                fallback: Direction::Ltr,
            },
        }
    }
}

/// Everything a layout depends on besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutSettings {
    /// Width of the pane in cells (at least 1).
    pub width: u16,
    pub base: Base,
    /// Replace Arabic letters with their contextual presentation forms (screen only).
    pub shape: bool,
}

/// One terminal cell's worth of text (a grapheme cluster), placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cluster's byte range in the paragraph (logical).
    pub bytes: Range<usize>,
    /// Column of the cell's left edge.
    pub x: u16,
    /// 1 or 2 cells.
    pub width: u8,
    /// Resolved embedding level (odd = right-to-left).
    pub level: u8,
    /// The text to draw when it differs from the logical cluster (mirrored, shaped, with
    /// controls removed, or a lone mark on a dotted circle).
    glyph: Option<Box<str>>,
}

impl Cell {
    /// The text to draw in this cell.
    pub fn text<'a>(&'a self, paragraph: &'a str) -> &'a str {
        match &self.glyph {
            Some(glyph) => glyph,
            None => paragraph.get(self.bytes.clone()).unwrap_or_default(),
        }
    }

    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// One screen line of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The logical byte range of the line, hanging spaces included.
    pub bytes: Range<usize>,
    /// Cells from left to right.
    pub cells: Vec<Cell>,
    /// Column where the first cell starts (non-zero for right-aligned lines).
    pub x: u16,
    /// Columns the cells occupy.
    pub width: u16,
}

/// A paragraph laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphLayout {
    /// The resolved base direction.
    pub direction: Direction,
    pub width: u16,
    pub lines: Vec<Line>,
}

impl ParagraphLayout {
    /// The line and column of the cell holding logical byte `byte`. A byte in hanging
    /// spaces or an invisible character maps to the line's logical end (left edge of an
    /// RTL line, right edge of an LTR one).
    pub fn locate(&self, byte: usize) -> Option<(usize, u16)> {
        let index = self
            .lines
            .partition_point(|line| line.bytes.end <= byte)
            .min(self.lines.len().checked_sub(1)?);
        let line = &self.lines[index];
        if let Some(cell) = line.cells.iter().find(|c| c.bytes.contains(&byte)) {
            return Some((index, cell.x));
        }
        let end = match self.direction {
            Direction::Rtl => line.x.saturating_sub(1),
            Direction::Ltr => line.x + line.width,
        };
        Some((index, end))
    }

    /// The logical byte range of the cell at column `x` of line `line`.
    pub fn hit(&self, line: usize, x: u16) -> Option<Range<usize>> {
        let cells = &self.lines.get(line)?.cells;
        cells
            .iter()
            .find(|c| c.x <= x && x < c.x + u16::from(c.width))
            .map(|c| c.bytes.clone())
    }

    /// The screen runs `(line, columns)` covering the cells whose text intersects the
    /// logical byte range `range`: one logical range may light several separate runs.
    pub fn spans(&self, range: &Range<usize>) -> Vec<(usize, Range<u16>)> {
        let mut spans: Vec<(usize, Range<u16>)> = Vec::new();
        for (index, line) in self.lines.iter().enumerate() {
            if line.bytes.end <= range.start || line.bytes.start >= range.end {
                continue;
            }
            for cell in &line.cells {
                if cell.bytes.end <= range.start || cell.bytes.start >= range.end {
                    continue;
                }
                let columns = cell.x..cell.x + u16::from(cell.width);
                match spans.last_mut() {
                    Some((l, run)) if *l == index && run.end == columns.start => {
                        run.end = columns.end;
                    }
                    _ => spans.push((index, columns)),
                }
            }
        }
        spans
    }
}

/// True when `text` has characters that can make anything right-to-left.
fn may_have_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        !c.is_ascii()
            && matches!(
                bidi_class(c),
                BidiClass::R
                    | BidiClass::AL
                    | BidiClass::AN
                    | BidiClass::RLE
                    | BidiClass::RLO
                    | BidiClass::RLI
                    | BidiClass::FSI
            )
    })
}

/// The base direction a paragraph gets under `base`.
pub fn base_direction(text: &str, base: Base) -> Direction {
    match base {
        Base::Forced(direction) => direction,
        Base::Auto { fallback } => match unicode_bidi::get_base_direction(text) {
            unicode_bidi::Direction::Ltr => Direction::Ltr,
            unicode_bidi::Direction::Rtl => Direction::Rtl,
            unicode_bidi::Direction::Mixed => fallback,
        },
    }
}

/// The reordering step alone, for one line that is a whole paragraph: the paragraph's
/// direction, and each unit's level after rule L1. Layout runs the same step on clusters;
/// the Unicode conformance test runs it on characters.
pub fn line_levels(text: &str, base: Base, units: &[Range<usize>]) -> (Direction, Vec<Level>) {
    let direction = base_direction(text, base);
    let level = if direction == Direction::Rtl {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let capped = cap_embeddings(text);
    let info = ParagraphBidiInfo::new(&capped, Some(level));
    (direction, reorder::line_levels(&info, &capped, units))
}

/// Lays out one paragraph (text without newlines).
pub fn layout_paragraph(text: &str, settings: &LayoutSettings) -> ParagraphLayout {
    let direction = base_direction(text, settings.base);
    let clusters = clusters::clusters(text);
    let ranges = breaking::break_lines(text, &clusters, settings.width);
    let capped = cap_embeddings(text);
    let plain = direction == Direction::Ltr && !may_have_rtl(text);
    let para_level = if direction == Direction::Rtl {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let info = (!plain).then(|| ParagraphBidiInfo::new(&capped, Some(para_level)));
    let lines = ranges
        .into_iter()
        .map(|range| {
            let line_clusters = &clusters[range];
            let levels = match &info {
                Some(info) => reorder::line_levels(info, &capped, line_clusters),
                None => vec![Level::ltr(); line_clusters.len()],
            };
            let classes = info
                .as_ref()
                .map_or(&[][..], |i| i.original_classes.as_slice());
            build_line(text, line_clusters, &levels, classes, direction, *settings)
        })
        .collect();
    ParagraphLayout {
        direction,
        width: settings.width,
        lines,
    }
}

/// Places one line's clusters: drops hanging spaces and invisible clusters, orders the rest
/// visually, mirrors and shapes, and aligns.
fn build_line(
    text: &str,
    clusters: &[clusters::Cluster],
    levels: &[Level],
    classes: &[BidiClass],
    direction: Direction,
    settings: LayoutSettings,
) -> Line {
    let bytes = match (clusters.first(), clusters.last()) {
        (Some(first), Some(last)) => first.bytes.start..last.bytes.end,
        _ => 0..0,
    };
    let visible_end = clusters
        .iter()
        .rposition(|c| c.kind == clusters::Kind::Visible)
        .map_or(0, |i| i + 1);
    let kept: Vec<usize> = (0..visible_end)
        .filter(|&i| clusters[i].kind != clusters::Kind::Invisible)
        .collect();
    let shaped = if settings.shape {
        let bases: Vec<char> = clusters
            .iter()
            .map(|c| {
                text.get(c.bytes.clone())
                    .and_then(|s| s.chars().next())
                    .unwrap_or(' ')
            })
            .collect();
        shape::shape(&bases)
    } else {
        Vec::new()
    };
    let kept_levels: Vec<Level> = kept.iter().map(|&i| levels[i]).collect();
    let order = visual_order(&kept_levels);
    let width: u16 = kept.iter().map(|&i| u16::from(clusters[i].width)).sum();
    let x = match direction {
        Direction::Rtl => settings.width.saturating_sub(width),
        Direction::Ltr => 0,
    };
    let mut column = x;
    let mut cells = Vec::with_capacity(kept.len());
    for position in order {
        let index = kept[position];
        let cluster = &clusters[index];
        let level = kept_levels[position];
        let logical = text.get(cluster.bytes.clone()).unwrap_or_default();
        // Every mirrored character has bidi class ON, so the table search is skipped for
        // letters and digits.
        let mirrorable = level.is_rtl() && classes.get(cluster.bytes.start) == Some(&BidiClass::ON);
        let glyph = glyph(
            logical,
            cluster.needs_rewrite,
            mirrorable,
            shaped.get(index).copied().flatten(),
        );
        cells.push(Cell {
            bytes: cluster.bytes.clone(),
            x: column,
            width: cluster.width,
            level: level.number(),
            glyph,
        });
        column += u16::from(cluster.width);
    }
    Line {
        bytes,
        cells,
        x,
        width,
    }
}

/// The cell text when it differs from the logical cluster.
fn glyph(
    logical: &str,
    needs_rewrite: bool,
    mirrorable: bool,
    shaped: Option<char>,
) -> Option<Box<str>> {
    let mirrored = mirrorable && logical.chars().any(|c| reorder::mirror(c) != c);
    if !needs_rewrite && !mirrored && shaped.is_none() {
        return None;
    }
    let mut text = if needs_rewrite {
        clusters::cell_text(logical)
    } else {
        logical.to_owned()
    };
    if mirrored {
        text = text.chars().map(reorder::mirror).collect();
    }
    if let Some(form) = shaped {
        let mut chars = text.chars();
        chars.next();
        text = std::iter::once(form).chain(chars).collect();
    }
    Some(text.into_boxed_str())
}

/// The visual text of a line as `isnad show` prints it: cells left to right, with spaces
/// for the alignment offset when `pad` is set.
pub fn line_text(paragraph: &str, line: &Line, pad: bool) -> String {
    let mut out = String::with_capacity(paragraph.len().min(4 * usize::from(line.width)) + 8);
    if pad {
        out.extend(std::iter::repeat_n(' ', usize::from(line.x)));
    }
    for cell in &line.cells {
        out.push_str(cell.text(paragraph));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(width: u16, base: Base) -> LayoutSettings {
        LayoutSettings {
            width,
            base,
            shape: false,
        }
    }

    fn visual(text: &str, width: u16, base: Base) -> Vec<String> {
        let layout = layout_paragraph(text, &settings(width, base));
        layout
            .lines
            .iter()
            .map(|line| line_text(text, line, true))
            .collect()
    }

    const RTL: Base = Base::Forced(Direction::Rtl);
    const AUTO: Base = Base::Auto {
        fallback: Direction::Rtl,
    };

    #[test]
    fn arabic_is_reversed_and_right_aligned() {
        // 12 cells of text, right-aligned in 20; the tanween stays after its alef.
        assert_eq!(visual("قتل 144 شخصاً", 20, RTL), ["        اًصخش 144 لتق"]);
    }

    #[test]
    fn latin_inside_arabic_keeps_its_order_and_brackets_mirror() {
        let out = visual("قال (CNN) أمس", 30, RTL);
        assert_eq!(out[0].trim_start(), "سمأ (CNN) لاق");
    }

    #[test]
    fn auto_base_follows_the_first_strong_character() {
        assert_eq!(
            layout_paragraph("CNN: مقتل", &settings(20, AUTO)).direction,
            Direction::Ltr
        );
        assert_eq!(
            layout_paragraph("... 144", &settings(20, AUTO)).direction,
            Direction::Rtl,
            "fallback"
        );
    }

    #[test]
    fn wrapped_lines_are_each_reordered() {
        let out = visual("واحد اثنان ثلاثة", 11, RTL);
        assert_eq!(
            out,
            ["  نانثا دحاو", "      ةثالث"]
                .map(|s| s.trim_start().to_owned())
                .map(|s| format!("{s:>11}"))
        );
    }

    #[test]
    fn ltr_text_lays_out_as_plain_wrapped_text() {
        let ltr = Base::Forced(Direction::Ltr);
        assert_eq!(visual("one two three", 8, ltr), ["one two", "three"]);
    }

    #[test]
    fn bidi_controls_never_reach_a_cell() {
        let text = "\u{202E}abc\u{202C} \u{2067}نص\u{2069}\u{200F}";
        let layout = layout_paragraph(text, &settings(40, RTL));
        for cell in &layout.lines[0].cells {
            assert!(
                !cell.text(text).chars().any(is_bidi_control),
                "{:?}",
                cell.text(text)
            );
        }
        assert_eq!(line_text(text, &layout.lines[0], false), "صن cba");
    }

    #[test]
    fn maps_go_both_ways_and_a_range_may_light_two_runs() {
        let text = "قال CNN أمس";
        let layout = layout_paragraph(text, &settings(20, RTL));
        let cnn = text.find("CNN").expect("CNN");
        let (line, x) = layout.locate(cnn).expect("located");
        assert_eq!(layout.hit(line, x), Some(cnn..cnn + 1));
        // From the middle of قال to the middle of CNN: two separate runs on screen.
        let spans = layout.spans(&(2..cnn + 2));
        assert_eq!(spans.len(), 2, "{spans:?}");
    }
}
