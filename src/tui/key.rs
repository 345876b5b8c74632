//! Key chords as the keymap writes them (`ctrl-c`, `shift-tab`, `G`, `pagedown`, `?`), and
//! their conversion from crossterm's key events.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key with the modifiers that matter for binding: Ctrl and Alt (Shift is part of the
/// character for printable keys: `G`, `?`; it is kept only for named keys: `shift-tab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// The key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    F(u8),
}

/// Names of the named keys, as written in the keymap.
const NAMES: [(&str, Code); 15] = [
    ("enter", Code::Enter),
    ("esc", Code::Esc),
    ("tab", Code::Tab),
    ("backspace", Code::Backspace),
    ("delete", Code::Delete),
    ("left", Code::Left),
    ("right", Code::Right),
    ("up", Code::Up),
    ("down", Code::Down),
    ("home", Code::Home),
    ("end", Code::End),
    ("pageup", Code::PageUp),
    ("pagedown", Code::PageDown),
    ("insert", Code::Insert),
    ("space", Code::Char(' ')),
];

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Parses `ctrl-c`, `alt-x`, `shift-tab`, `G`, `?`, `f5`, `space`, `-` (a lone dash is
    /// the dash key). The error says what was not understood.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut key = Key::plain(Code::Esc);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(after) = lower.strip_prefix("ctrl-").filter(|a| !a.is_empty()) {
                key.ctrl = true;
                rest = rest.get(rest.len() - after.len()..).unwrap_or_default();
            } else if let Some(after) = lower.strip_prefix("alt-").filter(|a| !a.is_empty()) {
                key.alt = true;
                rest = rest.get(rest.len() - after.len()..).unwrap_or_default();
            } else if let Some(after) = lower.strip_prefix("shift-").filter(|a| !a.is_empty()) {
                key.shift = true;
                rest = rest.get(rest.len() - after.len()..).unwrap_or_default();
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => Code::Char(if key.ctrl || key.alt {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            _ => {
                if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == lower) {
                    *code
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse().ok())
                    && (1..=24).contains(&n)
                {
                    Code::F(n)
                } else {
                    return Err(format!(
                        "unknown key {text:?}: write a character (`x`, `G`, `?`), a name \
                         (enter, esc, tab, backspace, delete, left, right, up, down, home, end, \
                         pageup, pagedown, insert, space, f1…f24), optionally after ctrl-, alt- \
                         or shift-"
                    ));
                }
            }
        };
        if key.shift && matches!(key.code, Code::Char(_)) {
            return Err(format!(
                "{text:?}: write the shifted character itself (`G`, not `shift-g`)"
            ));
        }
        Ok(key)
    }

    /// The key of a crossterm event; `None` for releases and repeats of nothing we bind.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let mods = event.modifiers;
        let ctrl = mods.contains(KeyModifiers::CONTROL);
        let alt = mods.contains(KeyModifiers::ALT);
        let shift = mods.contains(KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => Code::Char(if ctrl || alt {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => {
                return Some(Key {
                    code: Code::Tab,
                    ctrl,
                    alt,
                    shift: true,
                });
            }
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Delete => Code::Delete,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::Insert => Code::Insert,
            KeyCode::F(n) => Code::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl,
            alt,
            shift: shift && !matches!(code, Code::Char(_)),
        })
    }

    /// The character this key types into a text field, if any.
    pub fn typed(&self) -> Option<char> {
        match self.code {
            Code::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            Code::Char(' ') => f.write_str("space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(name, _)| *name);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_back() {
        for text in [
            "q",
            "G",
            "?",
            "/",
            "-",
            "ctrl-c",
            "ctrl-r",
            "shift-tab",
            "pagedown",
            "f5",
            "space",
            "alt-x",
            "enter",
        ] {
            let key = Key::parse(text).expect(text);
            assert_eq!(key.to_string(), text);
        }
        assert_eq!(
            Key::parse("Ctrl-C").expect("case"),
            Key::parse("ctrl-c").expect("lower")
        );
        assert!(Key::parse("shift-g").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn events_match_what_the_keymap_writes() {
        let event = |code, mods| Key::from_event(&KeyEvent::new(code, mods));
        assert_eq!(
            event(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Key::parse("G").ok()
        );
        assert_eq!(
            event(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::parse("shift-tab").ok()
        );
        assert_eq!(
            event(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Key::parse("ctrl-c").ok()
        );
        assert_eq!(
            event(KeyCode::Char('ب'), KeyModifiers::NONE).and_then(|k| k.typed()),
            Some('ب')
        );
    }
}
