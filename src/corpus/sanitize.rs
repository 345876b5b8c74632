//! Makes untrusted document text safe to store and to show: terminal escape sequences and
//! C0/C1 controls removed, line ends unified, tabs expanded, NFC.
//!
//! Bidi formatting characters (RLO, isolates…) are kept: they are part of the logical text
//! and the layout engine neutralises them. Nothing that leaves this module can move a
//! terminal's cursor, change its title, write its clipboard or start a hyperlink.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

const ESC: char = '\u{1B}';
const BEL: char = '\u{07}';
/// C1 String Terminator, and the C1 forms of CSI and of the string-introducing controls.
const ST: char = '\u{9C}';
const C1_CSI: char = '\u{9B}';
const TAB_STOP: usize = 4;

/// Returns `text` with escape sequences and control characters removed (newlines kept, other
/// line and paragraph separators turned into `\n`, tabs expanded to spaces) and composed to
/// NFC.
pub fn sanitize(text: &str) -> String {
    if !needs_cleaning(text) {
        return compose(text.to_owned());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut column = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => push_newline(&mut out, &mut column),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    push_newline(&mut out, &mut column);
                }
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            ESC => skip_escape(&mut chars),
            C1_CSI => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            c if c.is_control() => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    compose(out)
}

/// True when `text` has anything `sanitize` changes besides composition: C0 controls other
/// than newline, DEL, C1 controls (UTF-8 `C2 80`–`C2 9F`, NEL included) and the line and
/// paragraph separators (`E2 80 A8`/`A9`). A byte scan, so clean text is not rebuilt.
fn needs_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xE2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)),
        _ => false,
    })
}

fn compose(text: String) -> String {
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// True when `is_nfc_quick` says yes for `text`. It looks up every character's combining
/// class and quick-check property (a few percent of indexing, for Arabic text); here the
/// characters that are starters and always in NFC (below U+0300, the Arabic letters,
/// digits and punctuation) are skipped, and the runs between them are asked. The answer
/// is the same: such a character resets the quick check, which then goes on as it began.
fn is_nfc(text: &str) -> bool {
    let stable = |c: char| {
        c < '\u{0300}'
            || matches!(c, '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{060C}' | '\u{061B}' | '\u{061F}')
    };
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !stable(c)) {
        let run = rest.get(start..).unwrap_or_default();
        let end = run.find(stable).unwrap_or(run.len());
        if is_nfc_quick(run.get(..end).unwrap_or_default().chars())
            != unicode_normalization::IsNormalized::Yes
        {
            return false;
        }
        rest = run.get(end..).unwrap_or_default();
    }
    true
}

fn push_newline(out: &mut String, column: &mut usize) {
    out.push('\n');
    *column = 0;
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an ESC: a CSI, a control string (OSC, DCS, SOS, PM, APC) or a short escape.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            // nF escape: intermediates then one final byte.
            while chars
                .next_if(|c| ('\u{20}'..='\u{2F}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7E}').contains(c));
        }
        Some(c) if ('\u{30}'..='\u{7E}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameter and intermediate bytes, then the final byte. A character outside the CSI
/// alphabet ends the sequence and is kept.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3F}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7E}').contains(c));
}

/// A control string runs to BEL or ST (ESC `\` or U+009C). It also ends at a newline, so an
/// unterminated sequence cannot swallow the rest of a document; the newline is kept.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_nfc, sanitize};
    use unicode_normalization::is_nfc_quick;

    #[test]
    fn removes_terminal_escape_sequences() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]52;c;aGVsbG8=\u{07}y"), "xy");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e.vil\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("x\u{1b}]0;title\u{9c}y"), "xy");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("x\u{1b}Py\u{1b}\\z"), "xz");
        assert_eq!(sanitize("x\u{1b}(By"), "xy");
        assert_eq!(sanitize("x\u{1b}7y"), "xy");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn unterminated_control_string_stops_at_the_line_end() {
        assert_eq!(sanitize("a\u{1b}]0;evil\nسطر ثان"), "a\nسطر ثان");
    }

    #[test]
    fn removes_controls_and_unifies_line_ends() {
        assert_eq!(sanitize("a\u{0}b\u{7f}c\u{8f}d"), "abcd");
        assert_eq!(sanitize("a\r\nb\rc\u{2029}d\u{85}e"), "a\nb\nc\nd\ne");
        assert_eq!(sanitize("ab\tc"), "ab  c");
    }

    #[test]
    fn keeps_bidi_controls_and_arabic() {
        let text = "\u{202E}مرحبا\u{202C} \u{2067}x\u{2069}";
        assert_eq!(sanitize(text), text);
    }

    #[test]
    fn the_quick_check_by_runs_answers_as_the_whole() {
        let texts = [
            "",
            "plain ascii",
            "قال بوتين، إن الهجوم؟",
            "مُحَمَّدٌ وَالْأَمْنِ",
            "ا\u{0653} آ",
            "e\u{301} é",
            "a\u{0316}\u{0301}b",
            "a\u{0301}\u{0316}b",
            "\u{2000} \u{0340}",
            "ب\u{0651}\u{064E} ب\u{064E}\u{0651}",
            "ﻻ ﷲ",
        ];
        for text in texts {
            let whole = is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes;
            assert_eq!(is_nfc(text), whole, "{text:?}");
        }
    }

    #[test]
    fn composes_to_nfc() {
        assert_eq!(sanitize("ا\u{0653}"), "آ");
        assert_eq!(sanitize("e\u{301}"), "é");
    }
}
