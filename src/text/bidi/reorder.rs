//! UAX #9 per line, over grapheme clusters: levels come from the paragraph (unicode-bidi),
//! rule L1 resets trailing whitespace and isolates to the paragraph level, rule L2 reverses
//! runs (`reorder_visual`), and rule L4 mirrors brackets at odd levels. Reordering clusters,
//! not characters, keeps harakat after their base letter (rule L3).

use std::borrow::Cow;
use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, ParagraphBidiInfo};

use super::clusters::Cluster;

/// A unit of reordering: a grapheme cluster in layout, a character in conformance tests.
pub trait Unit {
    fn bytes(&self) -> Range<usize>;
}

impl Unit for Cluster {
    fn bytes(&self) -> Range<usize> {
        self.bytes.clone()
    }
}

impl Unit for Range<usize> {
    fn bytes(&self) -> Range<usize> {
        self.clone()
    }
}

/// Explicit embeddings, overrides and isolates deeper than this are neutralised: UAX #9
/// allows 125, and unicode-bidi 0.3.18 panics near that depth (servo/unicode-bidi#145).
pub const MAX_EMBEDDING_DEPTH: usize = 60;
/// WORD JOINER: bidi class BN like the controls it replaces, and as long in UTF-8 (3
/// bytes), so byte offsets do not move.
const NEUTRAL_STAND_IN: char = '\u{2060}';

/// `text` with explicit formatting characters beyond [`MAX_EMBEDDING_DEPTH`] replaced by a
/// neutral character of the same length. Borrowed when nothing needs replacing.
pub fn cap_embeddings(text: &str) -> Cow<'_, str> {
    let is_control = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if text.chars().filter(|&c| is_control(c)).count() <= MAX_EMBEDDING_DEPTH {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let (mut depth, mut excess) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}' => {
                if depth >= MAX_EMBEDDING_DEPTH {
                    excess += 1;
                    out.push(NEUTRAL_STAND_IN);
                } else {
                    depth += 1;
                    out.push(c);
                }
            }
            '\u{202C}' | '\u{2069}' => {
                if excess > 0 {
                    excess -= 1;
                    out.push(NEUTRAL_STAND_IN);
                } else {
                    depth = depth.saturating_sub(1);
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The resolved levels of one line's units, in logical order, after rule L1.
pub fn line_levels<U: Unit>(para: &ParagraphBidiInfo<'_>, text: &str, units: &[U]) -> Vec<Level> {
    let para_level = para.paragraph_level;
    let mut levels: Vec<Level> = units
        .iter()
        .map(|u| level_of(para, text, &u.bytes()))
        .collect();
    // L1: whitespace and isolate controls before a segment separator or at the line end,
    // and the separators themselves, take the paragraph level. (Invisible BN characters and
    // explicit embeddings are transparent in these runs.)
    let mut trailing = true;
    for (index, unit) in units.iter().enumerate().rev() {
        let class = unit_class(para, text, &unit.bytes());
        match class {
            ClusterClass::Separator => {
                levels[index] = para_level;
                trailing = true;
            }
            ClusterClass::Resettable if trailing => levels[index] = para_level,
            ClusterClass::Resettable => {}
            ClusterClass::Other => trailing = false,
        }
    }
    levels
}

/// The level of a cluster: that of its first character that is not removed by rule X9.
fn level_of(para: &ParagraphBidiInfo<'_>, text: &str, bytes: &Range<usize>) -> Level {
    let slice = text.get(bytes.clone()).unwrap_or_default();
    let offset = slice
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| !removed_by_x9(class_at(para, bytes.start + i)))
        .unwrap_or(0);
    para.levels
        .get(bytes.start + offset)
        .copied()
        .unwrap_or(para.paragraph_level)
}

/// The bidi class of the character starting at `byte`, as unicode-bidi already looked it
/// up for the paragraph (a table search per character is the costliest part of layout).
fn class_at(para: &ParagraphBidiInfo<'_>, byte: usize) -> BidiClass {
    para.original_classes
        .get(byte)
        .copied()
        .unwrap_or(BidiClass::ON)
}

/// True for the classes rule X9 removes (they have no level of their own and no cell).
pub fn removed_by_x9(class: BidiClass) -> bool {
    matches!(
        class,
        BidiClass::BN
            | BidiClass::LRE
            | BidiClass::RLE
            | BidiClass::LRO
            | BidiClass::RLO
            | BidiClass::PDF
    )
}

enum ClusterClass {
    Separator,
    Resettable,
    Other,
}

fn unit_class(para: &ParagraphBidiInfo<'_>, text: &str, bytes: &Range<usize>) -> ClusterClass {
    let slice = text.get(bytes.clone()).unwrap_or_default();
    let mut resettable = true;
    for (i, _) in slice.char_indices() {
        match class_at(para, bytes.start + i) {
            BidiClass::S | BidiClass::B => return ClusterClass::Separator,
            BidiClass::WS | BidiClass::FSI | BidiClass::LRI | BidiClass::RLI | BidiClass::PDI => {}
            class if removed_by_x9(class) => {}
            _ => resettable = false,
        }
    }
    if resettable {
        ClusterClass::Resettable
    } else {
        ClusterClass::Other
    }
}

/// Rule L2: the visual order of units with these levels (indices into `levels`).
pub fn visual_order(levels: &[Level]) -> Vec<usize> {
    if levels.iter().all(Level::is_ltr) && levels.windows(2).all(|w| w[0] == w[1]) {
        return (0..levels.len()).collect();
    }
    BidiInfo::reorder_visual(levels)
}

/// Rule L4: the mirrored form of `c` when it is at an odd (right-to-left) level.
pub fn mirror(c: char) -> char {
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_capped_without_moving_offsets() {
        let text = format!("{}x{}", "\u{202B}".repeat(130), "\u{202C}".repeat(130));
        let capped = cap_embeddings(&text);
        assert_eq!(capped.len(), text.len());
        assert_eq!(capped.matches('\u{202B}').count(), MAX_EMBEDDING_DEPTH);
        let info = ParagraphBidiInfo::new(&capped, None);
        assert_eq!(info.levels.len(), text.len());
        assert!(matches!(cap_embeddings("abc"), Cow::Borrowed(_)));
    }

    #[test]
    fn brackets_mirror_and_quotes_do_not() {
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror('«'), '»');
        assert_eq!(mirror('['), ']');
        assert_eq!(mirror('“'), '“');
    }
}
