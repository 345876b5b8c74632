//! Grapheme clusters with their display width, measured one cluster at a time (never a
//! multi-cluster Arabic string in one call: unicode-width counts `لا` as one column where
//! terminals draw two).

use std::ops::Range;

use unicode_bidi::{BidiClass, bidi_class};
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a cluster is, for breaking and for drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Drawn in `width` cells.
    Visible,
    /// Whitespace: drawn, but hangs past the edge at the end of a line.
    Space,
    /// Nothing to draw: bidi controls, other format and control characters.
    Invisible,
}

/// One grapheme cluster of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Byte range in the paragraph.
    pub bytes: Range<usize>,
    /// Display width in cells (0 for invisible clusters).
    pub width: u8,
    pub kind: Kind,
    /// The cluster has characters that must not reach a cell (bidi controls, controls), or
    /// is a lone combining mark drawn on a dotted circle.
    pub needs_rewrite: bool,
}

/// True for the bidi formatting characters, which never reach a cell.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True for zero-width format characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM…), which may
/// begin a cluster without being anything to see.
pub fn is_zero_width_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}')
}

/// True when a cluster's first character that is not a zero-width format character is a
/// combining mark: a mark with no base, drawn on a dotted circle.
pub fn is_lone_mark(text: &str) -> bool {
    text.chars()
        .find(|&c| !is_zero_width_format(c))
        .is_some_and(is_combining_mark)
}

/// True for characters dropped from cell text: bidi controls and C0/C1 controls.
pub fn is_dropped(c: char) -> bool {
    is_bidi_control(c) || c.is_control()
}

/// Splits a paragraph into clusters.
pub fn clusters(text: &str) -> Vec<Cluster> {
    let mut out = Vec::with_capacity(text.len() / 2);
    for (start, grapheme) in text.grapheme_indices(true) {
        let bytes = start..start + grapheme.len();
        out.push(classify(grapheme, bytes));
    }
    out
}

fn classify(grapheme: &str, bytes: Range<usize>) -> Cluster {
    let mut chars = grapheme.chars();
    let first = chars.next().unwrap_or(' ');
    // The common case, most of a text: one character that is neither a control nor a mark.
    if chars.next().is_none() && !is_dropped(first) {
        if first == ' ' {
            return Cluster {
                bytes,
                width: 1,
                kind: Kind::Space,
                needs_rewrite: false,
            };
        }
        if let Some(width @ 1..=2) = UnicodeWidthChar::width(first) {
            let space = first.is_whitespace() && bidi_class(first) == BidiClass::WS;
            let kind = if space { Kind::Space } else { Kind::Visible };
            let width = u8::try_from(width).unwrap_or(2);
            return Cluster {
                bytes,
                width,
                kind,
                needs_rewrite: false,
            };
        }
    }
    let dropped = grapheme.chars().any(is_dropped);
    let kept: String;
    let visible = if dropped {
        kept = grapheme.chars().filter(|&c| !is_dropped(c)).collect();
        kept.as_str()
    } else {
        grapheme
    };
    if visible.is_empty() {
        return Cluster {
            bytes,
            width: 0,
            kind: Kind::Invisible,
            needs_rewrite: true,
        };
    }
    let width = visible.width();
    if width == 0 {
        return if is_lone_mark(visible) {
            Cluster {
                bytes,
                width: 1,
                kind: Kind::Visible,
                needs_rewrite: true,
            }
        } else {
            Cluster {
                bytes,
                width: 0,
                kind: Kind::Invisible,
                needs_rewrite: dropped,
            }
        };
    }
    let space = visible
        .chars()
        .all(|c| c == ' ' || (c.is_whitespace() && bidi_class(c) == BidiClass::WS));
    let kind = if space { Kind::Space } else { Kind::Visible };
    Cluster {
        bytes,
        width: u8::try_from(width.min(2)).unwrap_or(2),
        kind,
        needs_rewrite: dropped,
    }
}

/// The text a cluster puts in its cell: without dropped characters, and a lone combining
/// mark on a dotted circle so it stays visible.
pub fn cell_text(grapheme: &str) -> String {
    let kept: String = grapheme.chars().filter(|&c| !is_dropped(c)).collect();
    if is_lone_mark(&kept) {
        std::iter::once('\u{25CC}')
            .chain(kept.chars().filter(|&c| !is_zero_width_format(c)))
            .collect()
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(text: &str) -> Vec<(String, u8, Kind)> {
        clusters(text)
            .into_iter()
            .map(|c| {
                (
                    text.get(c.bytes).unwrap_or_default().to_owned(),
                    c.width,
                    c.kind,
                )
            })
            .collect()
    }

    #[test]
    fn lam_alef_is_two_cells_and_harakat_stay_with_their_base() {
        let got = widths("لا شخصاً");
        assert_eq!(got[0], ("ل".to_owned(), 1, Kind::Visible));
        assert_eq!(got[1], ("ا".to_owned(), 1, Kind::Visible));
        assert_eq!(got[2].2, Kind::Space);
        assert_eq!(
            got.last().map(|c| (c.0.as_str(), c.1)),
            Some(("اً", 1)),
            "tanween stays on its alef"
        );
    }

    #[test]
    fn controls_are_invisible_and_wide_characters_take_two_cells() {
        let got = widths("\u{202B}a\u{200F}中🔴");
        assert_eq!(got[0].2, Kind::Invisible);
        assert_eq!(got[1].1, 1);
        assert_eq!(got[3], ("中".to_owned(), 2, Kind::Visible));
        assert_eq!(got[4].1, 2);
    }

    #[test]
    fn lone_marks_are_drawn_on_a_dotted_circle() {
        let got = clusters("\u{064B}");
        assert_eq!(got[0].width, 1);
        assert!(got[0].needs_rewrite);
        assert_eq!(cell_text("\u{064B}"), "\u{25CC}\u{064B}");
        // After a ZWNJ the mark still has no base (found by the property test).
        assert_eq!(clusters("\u{200C}\u{064B}")[0].width, 1);
        assert_eq!(cell_text("\u{200C}\u{064B}"), "\u{25CC}\u{064B}");
    }
}
