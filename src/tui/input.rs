//! A one-line text field (the query line, the command line): logical text, a cursor at a
//! grapheme boundary (a byte offset), editing by graphemes so harakat stay on their letter.

use unicode_segmentation::UnicodeSegmentation;

use super::key::{Code, Key};

/// The text and its cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Byte offset of the cursor, always at a grapheme boundary.
    cursor_byte: usize,
}

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor_byte(&self) -> usize {
        self.cursor_byte
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, text: &str) {
        text.clone_into(&mut self.text);
        self.cursor_byte = self.text.len();
    }

    /// Inserts `text` at the cursor (typing or pasting); control characters and newlines
    /// become spaces, so nothing unprintable enters a field.
    pub fn insert(&mut self, text: &str) {
        // Escape sequences go whole (a pasted `ESC ] 0 ; title BEL` leaves nothing), line
        // ends become spaces: the line is one line.
        let clean: String = crate::corpus::sanitize::sanitize(text)
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.text.insert_str(self.cursor_byte, &clean);
        self.cursor_byte += clean.len();
    }

    /// Applies an editing key; true when the key was an edit (text or cursor changed).
    pub fn edit(&mut self, key: Key) -> bool {
        if let Some(c) = key.typed() {
            self.insert(c.encode_utf8(&mut [0; 4]));
            return true;
        }
        match (key.code, key.ctrl) {
            (Code::Backspace, false) => {
                if let Some(start) = self.previous_boundary() {
                    self.text.replace_range(start..self.cursor_byte, "");
                    self.cursor_byte = start;
                }
            }
            (Code::Delete, false) => {
                if let Some(end) = self.next_boundary() {
                    self.text.replace_range(self.cursor_byte..end, "");
                }
            }
            (Code::Char('w') | Code::Backspace, true) => self.delete_word_back(),
            (Code::Char('u'), true) => {
                self.text.replace_range(..self.cursor_byte, "");
                self.cursor_byte = 0;
            }
            (Code::Char('k'), true) => self.text.truncate(self.cursor_byte),
            (Code::Home, _) | (Code::Char('a'), true) => self.cursor_byte = 0,
            (Code::End, _) => self.cursor_byte = self.text.len(),
            _ => return false,
        }
        true
    }

    /// Puts the cursor at `byte` (clamped to the text, on a character boundary).
    pub fn move_to(&mut self, byte: usize) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        self.cursor_byte = byte;
    }

    /// Moves the cursor one grapheme forward (`true`) or back in logical order.
    pub fn step(&mut self, forward: bool) {
        let target = if forward {
            self.next_boundary()
        } else {
            self.previous_boundary()
        };
        if let Some(target) = target {
            self.cursor_byte = target;
        }
    }

    fn previous_boundary(&self) -> Option<usize> {
        let head = self.text.get(..self.cursor_byte)?;
        head.grapheme_indices(true).next_back().map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        let tail = self.text.get(self.cursor_byte..)?;
        tail.graphemes(true)
            .next()
            .map(|g| self.cursor_byte + g.len())
    }

    fn delete_word_back(&mut self) {
        let head = self.text.get(..self.cursor_byte).unwrap_or_default();
        let trimmed = head.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor_byte, "");
        self.cursor_byte = start;
    }
}

/// Past entries of a text field, newest last, with a browsing position.
#[derive(Debug, Clone, Default)]
pub struct History {
    entries: Vec<String>,
    /// Index into `entries` while browsing; `None` when editing a new entry.
    position: Option<usize>,
}

impl History {
    /// Most entries kept.
    const LIMIT: usize = 200;

    /// Records `entry` (not empty, not a repeat of the last one) and stops browsing.
    pub fn push(&mut self, entry: &str) {
        self.position = None;
        let entry = entry.trim();
        if entry.is_empty() || self.entries.last().is_some_and(|last| last == entry) {
            return;
        }
        self.entries.push(entry.to_owned());
        if self.entries.len() > Self::LIMIT {
            self.entries.remove(0);
        }
    }

    /// The previous (older) entry, if any.
    pub fn older(&mut self) -> Option<&str> {
        let next = match self.position {
            None => self.entries.len().checked_sub(1)?,
            Some(0) => 0,
            Some(i) => i - 1,
        };
        self.position = Some(next);
        self.entries.get(next).map(String::as_str)
    }

    /// The next (newer) entry; `Some("")` past the newest.
    pub fn newer(&mut self) -> Option<&str> {
        let i = self.position?;
        if i + 1 >= self.entries.len() {
            self.position = None;
            return Some("");
        }
        self.position = Some(i + 1);
        self.entries.get(i + 1).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).expect("key")
    }

    #[test]
    fn edits_by_grapheme_so_harakat_stay_with_their_letter() {
        let mut input = TextInput::default();
        for c in "شخصاً".chars() {
            input.edit(Key::plain(Code::Char(c)));
        }
        assert_eq!(input.text(), "شخصاً");
        input.edit(key("backspace"));
        assert_eq!(input.text(), "شخص", "the alef and its tanween go together");
        input.step(false);
        input.edit(key("delete"));
        assert_eq!(input.text(), "شخ");
        input.set("مجلس الأمن الدولي");
        input.edit(key("ctrl-w"));
        assert_eq!(input.text(), "مجلس الأمن ");
        input.insert("a\u{1b}[31mb\n");
        assert_eq!(
            input.text(),
            "مجلس الأمن ab ",
            "the escape sequence goes whole"
        );
        input.edit(key("ctrl-u"));
        assert_eq!(input.text(), "");
    }

    #[test]
    fn history_browses_back_and_forth() {
        let mut history = History::default();
        history.push("داعش");
        history.push("داعش");
        history.push("كروكوس");
        assert_eq!(history.older(), Some("كروكوس"));
        assert_eq!(history.older(), Some("داعش"));
        assert_eq!(history.older(), Some("داعش"));
        assert_eq!(history.newer(), Some("كروكوس"));
        assert_eq!(history.newer(), Some(""));
        assert_eq!(history.newer(), None);
    }
}
