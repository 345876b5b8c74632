//! Text on its way to a terminal outside the workbench: the command line's results, notes
//! and errors, which quote file names, document text, names, notes and queries.
//!
//! Whatever a document or a file name holds, nothing printed can move the cursor, change
//! the title, write the clipboard, start a link, make the terminal answer, or reorder the
//! line: a control character is shown as its visible picture (`␛` for ESC) or, for C1, as
//! `\u{9b}`, and bidi controls (embeddings, overrides, isolates, marks) are left out — the
//! text reads in its logical order, as it is stored.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::bidi::is_bidi_control;

/// `text` safe to print: newlines and tabs kept, other controls made visible, bidi
/// controls dropped.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if is_bidi_control(c) => {}
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('?')),
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A name (a file, a document id) as it is, on one line: every control character, newlines
/// and tabs included, and every bidi control written as `\u{…}`, so that a newline cannot
/// forge a line of output and an override cannot show the name as another.
pub fn name_for_terminal(name: &str) -> Cow<'_, str> {
    if !name.chars().any(hides_in_a_name) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if hides_in_a_name(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// True for a character that makes a name (a file, a document id) read as something it is
/// not: any control character (a newline forges a line, an escape drives the terminal) and
/// any bidi control (an override shows `bidi_<RLO>gpj.txt` as `bidi_txt.jpg`).
pub fn hides_in_a_name(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// JSON text safe to print with the same meaning: C1 controls, DEL and bidi controls (which
/// JSON allows raw in strings, and only there) become `\uXXXX` escapes.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if !json.chars().any(needs_care) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_care(c) && c != '\n' && c != '\t' {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_care(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_and_bidi_controls_dropped() {
        assert_eq!(for_terminal("plain عربي\n"), "plain عربي\n");
        assert_eq!(
            for_terminal("a\u{1b}]0;t\u{7}b\u{9b}2J\u{202e}txt.exe\u{202c}\r"),
            "a␛]0;t␇b\\u{9b}2Jtxt.exe␍"
        );
        assert_eq!(for_terminal("\u{2067}x\u{200f}\u{7f}"), "x␡");
    }

    #[test]
    fn names_show_every_control_and_stay_on_one_line() {
        assert_eq!(name_for_terminal("a/b c's.txt"), "a/b c's.txt");
        assert_eq!(
            name_for_terminal("a\nFAKE\t\u{1b}]0;t\u{7}bidi_\u{202e}gpj.txt"),
            "a\\u{a}FAKE\\u{9}\\u{1b}]0;t\\u{7}bidi_\\u{202e}gpj.txt"
        );
    }

    #[test]
    fn json_keeps_its_meaning() {
        let value = serde_json::json!({"name": "a\u{202e}b\u{9b}c\u{1b}d"});
        let json = serde_json::to_string(&value).expect("json");
        let safe = json_for_terminal(&json);
        assert!(!safe.chars().any(needs_care));
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still json");
        assert_eq!(back, value);
    }
}
