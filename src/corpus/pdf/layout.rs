//! From glyphs placed on pages to text in logical order: lines by baseline, marks joined to
//! their letters, words by the gaps between glyphs' ink, each line put back into logical
//! order by the bidi engine, lines joined into paragraphs, hyphenated words mended, and the
//! running headers and footers that repeat on every page dropped.
//!
//! Coordinates are those of the page as shown: x grows to the right, y downwards, in points.

use std::collections::HashMap;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use unicode_bidi::{BidiClass, bidi_class};

use crate::text::bidi::{Base, line_levels, mirror, visual_order};
use crate::text::script::Direction;

/// A glyph as drawn: the text it stands for (one or more characters, in logical order) and
/// where its ink is.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    /// For a glyph that stood alone in an `/ActualText` span, its own text (`text` being
    /// the span's).
    pub own: Option<String>,
    /// Left and right edges of the glyph's box along the line (its origin and advance).
    pub left: f64,
    pub right: f64,
    /// Left and right edges of its ink: where a mark sits, over which letter.
    pub ink: (f64, f64),
    /// The y of the glyph's origin: the baseline of its line.
    pub baseline: f64,
    /// The font size (the em), in points.
    pub size: f64,
    /// Whether the glyph takes room along the line (a mark does not).
    pub advances: bool,
}

/// The glyphs of one page.
#[derive(Debug, Default)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub height: f64,
}

/// Below this gap between two glyphs' ink, in ems, they belong to one word. Letters of a
/// word sit closer (joined Arabic letters overlap; Latin letters leave their side bearings,
/// under a tenth of an em); the space between words is a quarter of an em or more.
const WORD_GAP: f64 = 0.15;

/// One line of a page: its text in logical order and its geometry.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    direction: Direction,
    /// The width of its first word in reading order.
    first_word: f64,
    left: f64,
    right: f64,
    baseline: f64,
    size: f64,
}

/// The text of the pages: paragraphs one per line, in reading order.
pub fn text(pages: &[Page]) -> String {
    let mut lines: Vec<Vec<Line>> = pages.iter().map(|page| lines(&page.glyphs)).collect();
    drop_running_heads(&mut lines, pages);
    let mut out = String::new();
    let mut open = false;
    for page in &lines {
        // A page without text (a picture) leaves the paragraph open.
        if page.is_empty() {
            continue;
        }
        // The text block's width: from the leftmost line start to the rightmost line end.
        let left = page.iter().map(|l| l.left).fold(f64::INFINITY, f64::min);
        let right = page
            .iter()
            .map(|l| l.right)
            .fold(f64::NEG_INFINITY, f64::max);
        let width = right - left;
        let spacing = |direction| line_spacing(page, direction);
        for (index, line) in page.iter().enumerate() {
            let previous = index.checked_sub(1).and_then(|i| page.get(i));
            let joins = open
                && previous.is_none_or(|previous| {
                    continues(previous, line, spacing(line.direction), width)
                });
            if joins {
                join(&mut out, &line.text);
            } else {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&line.text);
            }
            open = true;
        }
        // A paragraph goes on to the next page only when the page's last line is full.
        open = page
            .last()
            .is_some_and(|last| width - (last.right - last.left) < 2.0 * last.size);
    }
    out
}

/// Whether `line` goes on with the paragraph of `previous`, the line above it: close
/// below it, in the same size and direction, and `previous` is full, in that the first word
/// of `line` would not have fitted at its end.
fn continues(previous: &Line, line: &Line, spacing: f64, width: f64) -> bool {
    let gap = line.baseline - previous.baseline;
    let same_size = (line.size - previous.size).abs() < 0.15 * previous.size;
    let room = width - (previous.right - previous.left);
    gap > 0.0
        && gap < 1.25 * spacing.max(0.8 * previous.size)
        && same_size
        && previous.direction == line.direction
        && room < line.first_word + 0.5 * previous.size
}

/// The usual distance between the baselines of consecutive lines of one paragraph in
/// `direction`: the smallest that comes up more than once (lines of different paragraphs are
/// further apart, and a paragraph of one line has none).
fn line_spacing(lines: &[Line], direction: Direction) -> f64 {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .filter(|pair| pair[0].direction == direction && pair[1].direction == direction)
        .map(|pair| pair[1].baseline - pair[0].baseline)
        .filter(|gap| *gap > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let repeated = gaps
        .windows(2)
        .find(|pair| pair[1] - pair[0] < 0.5)
        .map(|pair| pair[0]);
    repeated.or(gaps.first().copied()).unwrap_or(0.0)
}

/// Appends a wrapped line to the paragraph: a word hyphenated at the end of the line is
/// joined again, anything else gets a space.
fn join(out: &mut String, next: &str) {
    if out.ends_with('\u{AD}') {
        out.pop();
        out.push_str(next);
        return;
    }
    let hyphenated = out.strip_suffix(['-', '\u{2010}']).is_some_and(|head| {
        head.chars().next_back().is_some_and(char::is_alphabetic)
            && next.chars().next().is_some_and(char::is_lowercase)
    });
    if hyphenated {
        out.pop();
        out.push_str(next);
        return;
    }
    out.push(' ');
    out.push_str(next);
}

/// A page's lines, top to bottom.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let (marks, mut letters): (Vec<&Glyph>, Vec<&Glyph>) =
        glyphs.iter().partition(|g| is_mark(&g.text));
    letters.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    // Lines: runs of glyphs whose baselines lie within a third of an em of the line's first.
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in letters {
        match rows.last_mut() {
            Some(row) if (glyph.baseline - row[0].baseline).abs() < 0.35 * row[0].size => {
                row.push(glyph);
            }
            _ => rows.push(vec![glyph]),
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.left.total_cmp(&b.left));
        row.dedup_by(|b, a| a.text == b.text && (a.left - b.left).abs() < 0.05 * a.size);
    }
    // Only a line whose spans were out of step is copied.
    let realigned: Vec<Option<Vec<Glyph>>> = rows.iter().map(|row| realign_spans(row)).collect();
    let rows: Vec<Vec<&Glyph>> = rows
        .into_iter()
        .zip(&realigned)
        .map(|(row, mended)| {
            mended
                .as_ref()
                .map_or(row, |mended| mended.iter().collect())
        })
        .collect();
    // Each mark goes with the letter it sits over: the nearest by centre, on the nearest
    // line.
    let mut attached: HashMap<(usize, usize), Vec<&Glyph>> = HashMap::new();
    for mark in marks {
        let centre = f64::midpoint(mark.ink.0, mark.ink.1);
        let best = rows
            .iter()
            .enumerate()
            .filter(|(_, row)| (row[0].baseline - mark.baseline).abs() < 1.2 * row[0].size)
            .flat_map(|(r, row)| {
                row.iter().enumerate().map(move |(g, glyph)| {
                    let (left, right) = glyph.ink;
                    let outside = (left - centre).max(centre - right).max(0.0);
                    let off_centre = (centre - f64::midpoint(left, right)).abs();
                    let score =
                        outside + 0.25 * off_centre + 0.01 * (glyph.baseline - mark.baseline).abs();
                    (score, (r, g))
                })
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, at)) = best {
            attached.entry(at).or_default().push(mark);
        }
    }
    rows.iter()
        .enumerate()
        .scan(None, |hint, (r, row)| {
            // A line without a letter (a date, a number) has the direction of the line
            // above it.
            let line = line(r, row, &attached, *hint);
            if let Some(line) = &line {
                *hint = Some(line.direction);
            }
            Some(line)
        })
        .flatten()
        .collect()
}

fn line(
    r: usize,
    row: &[&Glyph],
    attached: &HashMap<(usize, usize), Vec<&Glyph>>,
    hint: Option<Direction>,
) -> Option<Line> {
    // The line in visual order, left to right: each letter with its marks is one unit the
    // reordering keeps whole, so a lam-alef glyph or a letter with its harakat is never
    // turned around.
    let mut visual = String::new();
    let mut units: Vec<Range<usize>> = Vec::new();
    let mut previous: Option<&Glyph> = None;
    // The words' extents, left to right.
    let mut words: Vec<(f64, f64)> = Vec::new();
    let space = |visual: &mut String, units: &mut Vec<Range<usize>>| {
        if !visual.is_empty() && !visual.ends_with(' ') {
            let start = visual.len();
            visual.push(' ');
            units.push(start..visual.len());
        }
    };
    for (g, glyph) in row.iter().enumerate() {
        if glyph.text.chars().all(char::is_whitespace) {
            space(&mut visual, &mut units);
            previous = None;
            continue;
        }
        let apart = previous.is_none_or(|previous: &Glyph| {
            glyph.left - previous.right > WORD_GAP * previous.size.max(glyph.size)
        });
        if apart {
            space(&mut visual, &mut units);
            words.push((glyph.left, glyph.right));
        } else if let Some(word) = words.last_mut() {
            word.1 = word.1.max(glyph.right);
        }
        // A joining stroke between two letters is the justification of the line
        // (kashida), not part of the text.
        if is_kashida(row, g) {
            previous = Some(glyph);
            continue;
        }
        let start = visual.len();
        for c in glyph.text.chars() {
            if is_presentation_form(c) {
                visual.extend(c.nfkc());
            } else {
                visual.push(c);
            }
        }
        if let Some(marks) = attached.get(&(r, g)) {
            for mark in marks {
                visual.push_str(&mark.text);
            }
        }
        units.push(start..visual.len());
        previous = Some(glyph);
    }
    let first = row.first()?;
    let last = row.last()?;
    let direction = direction_of(&visual).or(hint).unwrap_or(Direction::Ltr);
    // The width of the line's first word in reading order: whether it would have fitted at
    // the end of the line above tells a wrapped line from a new paragraph.
    let first_word = match direction {
        Direction::Rtl => words.last(),
        Direction::Ltr => words.first(),
    }
    .map_or(0.0, |(left, right)| right - left);
    // The line is laid out again as if its visual order were logical: reordering a line
    // whose runs are already reversed turns them back.
    let (_, levels) = line_levels(&visual, Base::Forced(direction), &units);
    let mut text = String::with_capacity(visual.len());
    for index in visual_order(&levels) {
        let Some(unit) = units.get(index).and_then(|u| visual.get(u.clone())) else {
            continue;
        };
        if levels.get(index).is_some_and(unicode_bidi::Level::is_rtl) {
            text.extend(unit.chars().map(mirror));
        } else {
            text.push_str(unit);
        }
    }
    let text = mend_brackets(&text.nfc().collect::<String>());
    let text = text.trim();
    (!text.is_empty()).then(|| Line {
        text: text.to_owned(),
        direction,
        first_word,
        left: first.left,
        right: last.right,
        baseline: first.baseline,
        size: row.iter().map(|g| g.size).fold(0.0, f64::max),
    })
}

/// Presentation forms of Arabic (U+FB50–U+FDFF, U+FE70–U+FEFF) and Latin ligatures
/// (U+FB00–U+FB06), which compatibility decomposition turns back into the letters they stand
/// for: PDFs made from shaped text map glyphs to them.
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB00}'..='\u{FB06}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The direction a line was set in: right-to-left when most of its letters are; none
/// when it has no letter.
fn direction_of(text: &str) -> Option<Direction> {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL => rtl += 1,
            BidiClass::L => ltr += 1,
            _ => {}
        }
    }
    match (rtl, ltr) {
        (0, 0) => None,
        (rtl, ltr) if rtl > ltr => Some(Direction::Rtl),
        _ => Some(Direction::Ltr),
    }
}

/// A line's `/ActualText` spans, moved back onto their glyphs when the producer put them
/// out of step. Chromium wraps each glyph of a right-to-left line in a span with its
/// letter, but where the line ends in punctuation the spans come in reading order while the
/// glyphs go left to right, so each span lands two glyphs away from its own (`كـ"مستفزة".`
/// read as `".كـ"مستفزة`). The glyphs' own texts are nearly right: the turn of the spans
/// that agrees with the most of them is taken, when it agrees with clearly more than the
/// spans as drawn.
fn realign_spans(row: &[&Glyph]) -> Option<Vec<Glyph>> {
    let n = row.len();
    // What each span says, by the glyph it was drawn over; what each glyph says itself.
    let spans: Vec<Option<&str>> = row
        .iter()
        .map(|g| g.own.is_some().then_some(g.text.as_str()))
        .collect();
    let own: Vec<&str> = row
        .iter()
        .map(|g| g.own.as_deref().unwrap_or(&g.text))
        .collect();
    let spanned = spans.iter().flatten().count();
    if spanned < 3 {
        return None;
    }
    // With the spans turned by `turn` glyphs, how many say what their new glyph says.
    let agreement = |turn: usize| {
        (0..n)
            .filter(|&at| spans[(at + n - turn) % n] == Some(own[at]))
            .count()
    };
    let at_rest = agreement(0);
    let (turn, best) = (1..n)
        .map(|turn| (turn, agreement(turn)))
        .max_by_key(|&(_, agreed)| agreed)?;
    if best < at_rest + 2 || best * 2 < spanned {
        return None;
    }
    Some(
        row.iter()
            .enumerate()
            .map(|(at, glyph)| Glyph {
                text: spans[(at + n - turn) % n].unwrap_or(own[at]).to_owned(),
                ..(*glyph).clone()
            })
            .collect(),
    )
}

/// Whether the glyph at `g` is a joining stroke set between two Arabic letters it touches:
/// a tatweel (U+0640) that justifies the line (XeTeX stretches words so), or a stroke the
/// font maps to no character, which then reads as the Latin letter of its code
/// (LibreOffice leaves Amiri's kashida out of the font's map: `g`). A tatweel before
/// anything but a letter (`لـ“رويترز”`) is text and is kept.
fn is_kashida(row: &[&Glyph], g: usize) -> bool {
    let Some(glyph) = row.get(g) else {
        return false;
    };
    let mut chars = glyph.text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let is_letter = |other: &Glyph| {
        other.text.chars().next().is_some_and(|c| {
            matches!(bidi_class(c), BidiClass::AL | BidiClass::R)
                && c.is_alphabetic()
                && c != '\u{640}'
        })
    };
    let touching = |other: Option<&&Glyph>, gap: &dyn Fn(&Glyph) -> f64| {
        other.is_some_and(|other| gap(other).abs() < 0.05 * glyph.size && is_letter(other))
    };
    (c == '\u{640}' || c.is_ascii_alphabetic())
        && touching(g.checked_sub(1).and_then(|i| row.get(i)), &|o| {
            glyph.left - o.right
        })
        && touching(row.get(g + 1), &|o| o.left - glyph.right)
}

/// Whether a glyph's text is only combining marks (harakat, shadda…): it belongs to a
/// letter.
fn is_mark(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(unicode_normalization::char::is_combining_mark)
}

/// Brackets some producers map backwards (XeTeX maps the mirrored glyph of `(` to `)`): a
/// line whose brackets of one kind only make sense turned around has them turned.
fn mend_brackets(text: &str) -> String {
    let mut text = text.to_owned();
    for (open, close) in [('(', ')'), ('[', ']'), ('{', '}'), ('«', '»')] {
        if backwards(&text, open, close) {
            text = text
                .chars()
                .map(|c| match c {
                    c if c == open => close,
                    c if c == close => open,
                    c => c,
                })
                .collect();
        }
    }
    text
}

/// Whether the brackets `open`/`close` of `text` close before they open, and balance when
/// swapped.
fn backwards(text: &str, open: char, close: char) -> bool {
    let mut depth = 0i32;
    let mut swapped = 0i32;
    let mut broken = false;
    let mut any = false;
    for c in text.chars() {
        if c == open {
            depth += 1;
            swapped -= 1;
            any = true;
        } else if c == close {
            depth -= 1;
            swapped += 1;
            any = true;
        }
        broken |= depth < 0;
        if swapped < 0 {
            return false;
        }
    }
    any && broken && swapped == 0
}

/// Drops the lines at the top and bottom of pages that repeat from page to page, digits
/// aside ("page 3 of 9", a running title), and lone page numbers.
fn drop_running_heads(lines: &mut [Vec<Line>], pages: &[Page]) {
    let key = |line: &Line| -> String {
        line.text
            .chars()
            .map(|c| if c.is_numeric() { '#' } else { c })
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let is_number = |line: &Line| {
        let core: String = line
            .text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—' | '|' | '/' | '.'))
            .collect();
        !core.is_empty() && core.chars().all(char::is_numeric)
    };
    // Where on the page a line is: the top or the bottom band (a tenth of the height).
    let band = |line: &Line, height: f64| -> Option<bool> {
        if line.baseline < 0.12 * height {
            Some(true)
        } else if line.baseline > 0.88 * height {
            Some(false)
        } else {
            None
        }
    };
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for (page_lines, page) in lines.iter().zip(pages) {
        let mut keys: Vec<(bool, String)> = page_lines
            .iter()
            .filter_map(|line| Some((band(line, page.height)?, key(line))))
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let pages_with_text = lines.iter().filter(|l| !l.is_empty()).count();
    let repeats = |count: usize| pages_with_text >= 2 && count >= 2.max(pages_with_text / 2);
    for (page_lines, page) in lines.iter_mut().zip(pages) {
        page_lines.retain(|line| {
            let Some(top) = band(line, page.height) else {
                return true;
            };
            let repeated = seen
                .get(&(top, key(line)))
                .is_some_and(|&count| repeats(count));
            !(repeated || is_number(line))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of one line set right to left from `x`, each letter a glyph of width `w`.
    fn glyph(text: &str, left: f64, right: f64, baseline: f64) -> Glyph {
        Glyph {
            text: text.to_owned(),
            own: None,
            left,
            right,
            ink: (left, right),
            baseline,
            size: 10.0,
            advances: true,
        }
    }

    /// A word set from `left`, its glyphs given left to right, each 5 points wide.
    fn word(glyphs: &[&str], left: f64, baseline: f64) -> Vec<Glyph> {
        glyphs
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let at = left + 5.0 * i as f64;
                glyph(text, at, at + 5.0, baseline)
            })
            .collect()
    }

    #[test]
    fn a_mixed_line_keeps_its_latin_and_digits_in_reading_order() {
        // "قال CNN إن 144" set right to left: from the left, "144", "إن", "CNN", "قال".
        let mut glyphs = Vec::new();
        glyphs.extend(word(&["1", "4", "4"], 0.0, 50.0));
        glyphs.extend(word(&["ن", "إ"], 20.0, 50.0));
        glyphs.extend(word(&["C", "N", "N"], 35.0, 50.0));
        glyphs.extend(word(&["ل", "ا", "ق"], 55.0, 50.0));
        // Drawn in any order: position decides.
        glyphs.reverse();
        let lines = lines(&glyphs);
        assert_eq!(lines[0].text, "قال CNN إن 144");
    }

    #[test]
    fn marks_join_the_letter_they_sit_on() {
        // "بِسْمِ": the kasra under ب, the sukun over س, drawn before their letters.
        let mut glyphs = vec![
            glyph("\u{650}", 11.0, 13.0, 52.0),
            glyph("\u{652}", 6.0, 8.0, 46.0),
        ];
        glyphs.extend(word(&["م", "س", "ب"], 0.0, 50.0));
        glyphs.push(glyph("\u{650}", 1.0, 3.0, 53.0));
        let lines = lines(&glyphs);
        assert_eq!(lines[0].text, "بِسْمِ");
    }

    #[test]
    fn an_english_line_with_an_arabic_quote() {
        let mut glyphs = word(&["s", "a", "i", "d"], 0.0, 20.0);
        // "الوضع" set right to left after it.
        glyphs.extend(word(&["ع", "ض", "و", "ل", "ا"], 25.0, 20.0));
        glyphs.extend(word(&["n", "o", "w"], 55.0, 20.0));
        let lines = lines(&glyphs);
        assert_eq!(lines[0].direction, Direction::Ltr);
        assert_eq!(lines[0].text, "said الوضع now");
    }

    /// A page of left-to-right lines: each line's words (one glyph each, 40 points wide,
    /// 10 apart from the left margin at 50) and its baseline.
    fn page(lines: &[(&[&str], f64)]) -> Page {
        let mut glyphs = Vec::new();
        for &(words, baseline) in lines {
            for (i, text) in words.iter().enumerate() {
                let left = 50.0 + 50.0 * i as f64;
                glyphs.push(glyph(text, left, left + 40.0, baseline));
            }
        }
        Page {
            glyphs,
            height: 800.0,
        }
    }

    #[test]
    fn wrapped_lines_join_and_short_lines_end_paragraphs() {
        let pages = [page(&[
            (&["a", "b", "c", "d", "hyphen-"], 100.0),
            (&["ated", "f"], 114.0),
            (&["g", "h", "i", "j", "k"], 128.0),
            (&["l", "m", "n", "o", "p"], 142.0),
            (&["q"], 156.0),
        ])];
        assert_eq!(text(&pages), "a b c d hyphenated f\ng h i j k l m n o p q");
    }

    #[test]
    fn running_heads_and_page_numbers_are_dropped() {
        let first = page(&[
            (&["Annual", "report"], 40.0),
            (&["a", "b", "c"], 400.0),
            (&["end"], 414.0),
            (&["1"], 780.0),
        ]);
        let second = page(&[
            (&["Annual", "report"], 40.0),
            (&["d", "e", "f"], 400.0),
            (&["end"], 414.0),
            (&["2"], 780.0),
        ]);
        assert_eq!(text(&[first, second]), "a b c end\nd e f end");
    }

    #[test]
    fn a_stroke_that_justifies_a_word_is_dropped_and_a_written_tatweel_kept() {
        // "الكسندر" stretched between lam and kaf, once as a tatweel, once as a stroke the
        // font maps to no character ("g"); then "لـ“" where the tatweel is text.
        for stroke in ["\u{640}", "g"] {
            let glyphs = word(&["ك", stroke, "ل", "ا"], 0.0, 10.0);
            assert_eq!(lines(&glyphs)[0].text, "الك", "{stroke:?}");
        }
        let glyphs = word(&["“", "\u{640}", "ل"], 0.0, 10.0);
        assert_eq!(lines(&glyphs)[0].text, "لـ“");
    }

    #[test]
    fn spans_out_of_step_with_their_glyphs_are_put_back() {
        // `قال "نعم".` set right to left: from the left `.` `"` م ع ن `"` ل ا ق, each glyph
        // in a span; the spans came in reading order, two glyphs early; the glyph of ع maps
        // to nothing of its own, and that of ن to a wrong letter.
        let visual = [".", "\"", "م", "ع", "ن", "\"", "ل", "ا", "ق"];
        let spans = ["م", "ع", "ن", "\"", "ل", "ا", "ق", ".", "\""];
        let own = [".", "\"", "م", "", "ت", "\"", "ل", "ا", "ق"];
        let mut glyphs = word(&visual, 0.0, 10.0);
        for ((glyph, span), own) in glyphs.iter_mut().zip(spans).zip(own) {
            glyph.text = span.to_owned();
            glyph.own = (!own.is_empty()).then(|| own.to_owned());
        }
        // A space between the two words.
        for glyph in glyphs.iter_mut().skip(6) {
            glyph.left += 3.0;
            glyph.right += 3.0;
        }
        assert_eq!(lines(&glyphs)[0].text, "قال \"نعم\".");
    }

    #[test]
    fn backwards_brackets_are_turned() {
        assert_eq!(mend_brackets("قتلوا )على الأقل( في"), "قتلوا (على الأقل) في");
        assert_eq!(mend_brackets("a (b) c"), "a (b) c");
        assert_eq!(mend_brackets("a) b"), "a) b");
    }

    #[test]
    fn presentation_forms_fold_back_to_letters() {
        // "لا" as the lam-alef ligature form U+FEFB, and "سلام" in isolated forms.
        let mut glyphs = vec![glyph("\u{FEFB}", 30.0, 36.0, 10.0)];
        glyphs.extend(word(
            &["\u{FEE1}", "\u{FE8E}", "\u{FEE0}", "\u{FEB3}"],
            0.0,
            10.0,
        ));
        assert_eq!(lines(&glyphs)[0].text, "لا سلام");
    }

    #[test]
    fn an_arabic_line_in_visual_order_comes_out_logical() {
        // "لا سلام" drawn right to left: سلام's letters from the right, then the lam-alef
        // glyph (one glyph for two letters) at the left.
        let glyphs = vec![
            glyph("م", 0.0, 4.0, 100.0),
            glyph("ا", 4.0, 6.0, 100.0),
            glyph("ل", 6.0, 10.0, 100.0),
            glyph("س", 10.0, 16.0, 100.0),
            glyph("لا", 20.0, 26.0, 100.0),
        ];
        let lines = lines(&glyphs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "لا سلام");
        assert_eq!(lines[0].direction, Direction::Rtl);
    }
}
