//! Asking the terminal what it is and how it treats right-to-left text (`docs/rtl.md`,
//! "Terminal detection"), before the first key is read:
//!
//! - DECRQM for the ANSI mode BDSM (`CSI 8 $ p`): whether it reorders text itself and can be
//!   told not to;
//! - XTVERSION (`CSI > 0 q`) and DA2 (`CSI > c`): its name and version, which decide how isnad
//!   gets its laid-out lines shown as they are;
//! - OSC 11 (`OSC 11 ; ? ST`): its background colour, for a light or dark theme;
//! - DA1 (`CSI c`) last, which every terminal answers: when its answer comes, every answer the
//!   terminal was going to give has come before it.
//!
//! The query is written after entering the alternate screen and the answers read from stdin
//! before crossterm's reader starts, so crossterm never sees them. A terminal that answers
//! nothing costs `TIMEOUT` and leaves every answer unknown.

use std::time::Duration;

/// DECRQM for mode 8, XTVERSION, DA2, OSC 11, then DA1 as the sentinel.
pub const QUERY: &str = "\x1b[8$p\x1b[>0q\x1b[>c\x1b]11;?\x1b\\\x1b[c";

/// How long to wait for the answer. Terminals answer DA1 in milliseconds, but a busy
/// machine (kitty drawing in software, under load) took more than 300 ms, and answers
/// that come after the wait reach the key reader as typed text. Keys typed while waiting
/// are kept (`Parsed::typed`), so waiting costs nothing but a little latency.
pub const TIMEOUT: Duration = Duration::from_millis(1500);

/// What the terminal said about its bidi mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bidi {
    /// It knows BDSM and obeys the switch (set or reset): explicit mode works.
    Switchable,
    /// Permanently implicit: it always reorders, whatever isnad asks.
    AlwaysReorders,
    /// Permanently explicit: it never reorders.
    NeverReorders,
    /// It does not know the mode, or did not answer.
    #[default]
    Unknown,
}

/// Everything the terminal answered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    /// Its account of mode 8 (BDSM).
    pub bidi: Bidi,
    /// The XTVERSION text (`XTerm(379)`, `kitty(0.26.5)`, `Konsole 22.12.3`), printable
    /// ASCII only.
    pub version: Option<String>,
    /// The DA2 parameters (`65;7006;1` for VTE 0.70.6, `1;4000;26` for kitty).
    pub da2: Option<Vec<u32>>,
    /// The background colour, 8 bits a channel.
    pub background: Option<[u8; 3]>,
}

/// The answers, and what the user typed while they were awaited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub answers: Answers,
    /// Bytes outside the answers (keys pressed meanwhile), escape sequences left out.
    pub typed: Vec<u8>,
}

/// Reads the terminal's answers from the bytes received so far; `None` until DA1's answer
/// has arrived.
pub fn parse(bytes: &[u8]) -> Option<Answers> {
    parse_all(bytes).map(|parsed| parsed.answers)
}

/// `parse`, keeping what was typed meanwhile.
pub fn parse_all(bytes: &[u8]) -> Option<Parsed> {
    let mut answers = Answers::default();
    let mut typed = Vec::new();
    let mut rest = bytes;
    loop {
        let Some(start) = rest.iter().position(|b| *b == 0x1b) else {
            typed.extend_from_slice(rest);
            break;
        };
        typed.extend_from_slice(&rest[..start]);
        let after = &rest[start + 1..];
        match after.first()? {
            b'[' => {
                let body = &after[1..];
                // Parameters and intermediates, then one final byte.
                let end = body.iter().position(|b| (0x40..=0x7e).contains(b))?;
                let (params, last) = (&body[..end], body[end]);
                match (last, params) {
                    (b'c', [b'?', ..]) => {
                        typed.extend_from_slice(&body[end + 1..]);
                        return Some(Parsed { answers, typed });
                    }
                    (b'c', [b'>', numbers @ ..]) => answers.da2 = Some(numbers_of(numbers)),
                    (b'y', _) => {
                        if let Some(bidi) = decrqm(params) {
                            answers.bidi = bidi;
                        }
                    }
                    _ => {}
                }
                rest = &body[end + 1..];
            }
            b'P' | b']' => {
                let body = &after[1..];
                let (text, next) = string_body(body)?;
                if after[0] == b'P' {
                    if let Some(version) = text.strip_prefix(b">|") {
                        answers.version = Some(printable(version));
                    }
                } else if let Some(colour) = text.strip_prefix(b"11;") {
                    answers.background = rgb(colour);
                }
                rest = next;
            }
            _ => rest = after,
        }
    }
    None
}

/// What the user typed while the answers were awaited, as keys: printable characters,
/// Enter, Tab and Backspace (anything else is dropped rather than guessed at).
pub fn typed_keys(typed: &[u8]) -> Vec<super::key::Key> {
    use super::key::{Code, Key};
    String::from_utf8_lossy(typed)
        .chars()
        .filter_map(|c| {
            let code = match c {
                '\r' | '\n' => Code::Enter,
                '\t' => Code::Tab,
                '\u{7f}' | '\u{8}' => Code::Backspace,
                c if c.is_control() || c == '\u{fffd}' => return None,
                c => Code::Char(c),
            };
            Some(Key {
                code,
                ctrl: false,
                alt: false,
                shift: false,
            })
        })
        .collect()
}

/// The text of a string sequence (DCS, OSC) up to its terminator (ST or BEL), and what
/// follows; `None` while it is cut.
fn string_body(body: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            0x07 => return Some((&body[..i], &body[i + 1..])),
            0x1b if body.get(i + 1) == Some(&b'\\') => {
                return Some((&body[..i], &body[i + 2..]));
            }
            0x1b if i + 1 < body.len() => return Some((&body[..i], &body[i..])),
            _ => i += 1,
        }
    }
    None
}

fn numbers_of(params: &[u8]) -> Vec<u32> {
    params
        .split(|b| *b == b';')
        .map(|field| {
            std::str::from_utf8(field)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0)
        })
        .collect()
}

/// Printable ASCII of an answer, at most 64 characters: it may be shown to the user.
fn printable(bytes: &[u8]) -> String {
    bytes
        .iter()
        .filter(|b| (0x20..0x7f).contains(*b))
        .take(64)
        .map(|b| char::from(*b))
        .collect()
}

/// `rgb:RRRR/GGGG/BBBB` (1 to 4 hex digits a channel) as 8 bits a channel.
fn rgb(spec: &[u8]) -> Option<[u8; 3]> {
    let spec = std::str::from_utf8(spec).ok()?;
    let channels = spec.strip_prefix("rgb:")?;
    let mut out = [0_u8; 3];
    let mut parts = channels.split('/');
    for slot in &mut out {
        let hex = parts.next()?;
        if hex.is_empty() || hex.len() > 4 {
            return None;
        }
        let value = u32::from_str_radix(hex, 16).ok()?;
        let max = (1_u32 << (4 * hex.len())) - 1;
        *slot = u8::try_from(value * 255 / max).ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// `8;Ps$` (the final `y` already taken): the report for mode 8.
fn decrqm(params: &[u8]) -> Option<Bidi> {
    let params = params.strip_suffix(b"$")?;
    let mut fields = params.split(|b| *b == b';');
    if fields.next()? != b"8" {
        return None;
    }
    Some(match fields.next()? {
        b"1" | b"2" => Bidi::Switchable,
        b"3" => Bidi::AlwaysReorders,
        b"4" => Bidi::NeverReorders,
        _ => Bidi::Unknown,
    })
}

/// Waits (up to `timeout`) for the answers on stdin, which must be in raw mode: the
/// answers (`None` when the terminal did not answer in time) and the keys typed meanwhile.
#[cfg(unix)]
pub fn read_answers(timeout: Duration) -> (Option<Answers>, Vec<u8>) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;
    use std::time::Instant;

    let stdin = std::io::stdin();
    let fd = stdin.as_fd();
    let deadline = Instant::now() + timeout;
    let mut bytes = Vec::new();
    let mut buf = [0_u8; 256];
    // On giving up: what came is kept as typed, its escape sequences dropped.
    let unanswered = |bytes: &[u8]| {
        let mut typed = bytes.to_vec();
        typed.retain(|b| b.is_ascii_graphic() || *b == b' ' || *b >= 0x80);
        (
            None,
            if bytes.contains(&0x1b) {
                Vec::new()
            } else {
                typed
            },
        )
    };
    loop {
        if let Some(parsed) = parse_all(&bytes) {
            return (Some(parsed.answers), parsed.typed);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || bytes.len() > 4096 {
            return unanswered(&bytes);
        }
        let wait = Timespec::try_from(left).unwrap_or(Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        });
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        match poll(&mut fds, Some(&wait)) {
            Ok(0) => return unanswered(&bytes),
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return unanswered(&bytes),
        }
        match rustix::io::read(fd, &mut buf) {
            Ok(0) | Err(_) => return unanswered(&bytes),
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
}

#[cfg(not(unix))]
pub fn read_answers(_timeout: Duration) -> (Option<Answers>, Vec<u8>) {
    (None, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bidi(bytes: &[u8]) -> Option<Bidi> {
        parse(bytes).map(|a| a.bidi)
    }

    #[test]
    fn the_da1_answer_ends_the_wait() {
        assert_eq!(bidi(b""), None);
        assert_eq!(bidi(b"\x1b[8;2$y"), None);
        assert_eq!(bidi(b"\x1b[8;2$y\x1b[?62;22c"), Some(Bidi::Switchable));
        assert_eq!(bidi(b"\x1b[8;1$y\x1b[?1;2c"), Some(Bidi::Switchable));
        assert_eq!(bidi(b"\x1b[8;3$y\x1b[?65;1c"), Some(Bidi::AlwaysReorders));
        assert_eq!(bidi(b"\x1b[8;4$y\x1b[?6c"), Some(Bidi::NeverReorders));
    }

    #[test]
    fn a_terminal_that_does_not_know_the_mode_is_unknown() {
        // Only DA1: DECRQM was not understood.
        assert_eq!(bidi(b"\x1b[?1;2c"), Some(Bidi::Unknown));
        // Mode 8 not recognised (0), and a report for another mode.
        assert_eq!(bidi(b"\x1b[8;0$y\x1b[?1;2c"), Some(Bidi::Unknown));
        assert_eq!(bidi(b"\x1b[12;2$y\x1b[?1;2c"), Some(Bidi::Unknown));
        // A key typed meanwhile and a cut sequence do not confuse it.
        assert_eq!(bidi(b"q\x1b[8;2$yx\x1b[?1;2c"), Some(Bidi::Switchable));
        assert_eq!(bidi(b"\x1b[8;2"), None);
    }

    /// The answers the five terminals of `term-shot` gave (recorded under Xvfb).
    #[test]
    fn real_terminals_answers_are_read_whole() {
        let kitty = parse(
            b"\x1b[8;0$y\x1b[>1;4000;26c\x1bP>|kitty(0.26.5)\x1b\\\
              \x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;c",
        )
        .expect("answered");
        assert_eq!(kitty.version.as_deref(), Some("kitty(0.26.5)"));
        assert_eq!(kitty.da2, Some(vec![1, 4000, 26]));
        assert_eq!(kitty.background, Some([255, 255, 255]));
        let konsole = parse(
            b"\x1b[>1;115;0c\x1bP>|Konsole 22.12.3\x1b\\\x1b]11;rgb:0000/0000/0000\x07\
              \x1b[?62;1;4c",
        )
        .expect("answered");
        assert_eq!(konsole.version.as_deref(), Some("Konsole 22.12.3"));
        assert_eq!(konsole.background, Some([0, 0, 0]));
        assert_eq!(konsole.bidi, Bidi::Unknown);
        let vte = parse(b"\x1b[8;1$y\x1b[>65;7006;1c\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?65;1;9c")
            .expect("answered");
        assert_eq!(vte.bidi, Bidi::Switchable);
        assert_eq!(vte.da2, Some(vec![65, 7006, 1]));
        assert_eq!(vte.version, None);
        let mlterm = parse(
            b"\x1b[8;0$y\x1b[>24;279;0c\x1b]11;rgb:0000/0000/0000\x1b\\\
              \x1b[?63;1;2;3;4;6;7;15;18;22;29c",
        )
        .expect("answered");
        assert_eq!(mlterm.da2, Some(vec![24, 279, 0]));
    }

    #[test]
    fn keys_typed_while_waiting_are_kept() {
        let parsed =
            parse_all(b"da\x1b[8;2$y\x1b[>65;7006;1c\x1b]11;rgb:0/0/0\x07\x1b[?65;1c\xd8\xaf\r")
                .expect("answered");
        assert_eq!(parsed.typed, "da\u{62f}\r".as_bytes());
        let keys = typed_keys(&parsed.typed);
        assert_eq!(keys.len(), 4);
        assert_eq!(keys[2].code, crate::tui::key::Code::Char('د'));
        assert_eq!(keys[3].code, crate::tui::key::Code::Enter);
    }

    #[test]
    fn colours_of_any_precision_and_hostile_versions() {
        assert_eq!(rgb(b"rgb:ff/80/00"), Some([255, 128, 0]));
        assert_eq!(rgb(b"rgb:f/0/8"), Some([255, 0, 136]));
        assert_eq!(rgb(b"rgb:fffff/0/0"), None);
        assert_eq!(rgb(b"#ffffff"), None);
        // An escape inside an answer ends it; nothing but printable ASCII is kept.
        let answers = parse(b"\x1bP>|evil\x07\x9b title\x1b\\\x1b[?1c").expect("answered");
        assert_eq!(answers.version.as_deref(), Some("evil"));
        let answers = parse(b"\x1bP>|a\x1b[31mb\x1b\\\x1b[?1c").expect("answered");
        assert_eq!(answers.version.as_deref(), Some("a"));
    }
}
