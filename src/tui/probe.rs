//! Asking the terminal whether it reorders right-to-left text itself and can be told not
//! to (`rtl.md`, detection): DECRQM for the ANSI mode BDSM (`CSI 8 $ p`) followed by DA1
//! (`CSI c`), which every terminal answers. When DA1's answer comes without a DECRQM
//! answer before it, the terminal did not understand the question.
//!
//! The query is written after entering the alternate screen and the answer read from
//! stdin before crossterm's reader starts, so crossterm never sees it.

use std::time::Duration;

/// DECRQM for mode 8 (BDSM), then DA1 as the sentinel.
pub const QUERY: &str = "\x1b[8$p\x1b[c";

/// How long to wait for the answer: terminals answer DA1 in milliseconds; one that does
/// not answer at all costs this much before keys are read.
pub const TIMEOUT: Duration = Duration::from_millis(300);

/// What the terminal said about its bidi mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bidi {
    /// It knows BDSM and obeys the switch (set or reset): explicit mode works.
    Switchable,
    /// Permanently implicit: it always reorders, whatever isnad asks.
    AlwaysReorders,
    /// Permanently explicit: it never reorders.
    NeverReorders,
    /// It does not know the mode, or did not answer.
    Unknown,
}

/// Reads the terminal's answer from the bytes received so far; `None` until DA1's answer
/// has arrived.
pub fn parse(bytes: &[u8]) -> Option<Bidi> {
    let mut found = Bidi::Unknown;
    let mut rest = bytes;
    while let Some(start) = rest.windows(2).position(|w| w == b"\x1b[") {
        let body = &rest[start + 2..];
        // A control sequence: parameters and intermediates, then one final byte.
        let end = body.iter().position(|b| (0x40..=0x7e).contains(b))?;
        let (params, last) = (&body[..end], body[end]);
        match (last, params) {
            (b'c', [b'?', ..]) => return Some(found),
            (b'y', _) => {
                if let Some(answer) = decrqm(params) {
                    found = answer;
                }
            }
            _ => {}
        }
        rest = &body[end + 1..];
    }
    None
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

/// Waits (up to `timeout`) for the answer on stdin, which must be in raw mode.
#[cfg(unix)]
pub fn read_answer(timeout: Duration) -> Bidi {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;
    use std::time::Instant;

    let stdin = std::io::stdin();
    let fd = stdin.as_fd();
    let deadline = Instant::now() + timeout;
    let mut bytes = Vec::new();
    let mut buf = [0_u8; 256];
    loop {
        if let Some(answer) = parse(&bytes) {
            return answer;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || bytes.len() > 4096 {
            return Bidi::Unknown;
        }
        let wait = Timespec::try_from(left).unwrap_or(Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        });
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        match poll(&mut fds, Some(&wait)) {
            Ok(0) => return Bidi::Unknown,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return Bidi::Unknown,
        }
        match rustix::io::read(fd, &mut buf) {
            Ok(0) | Err(_) => return Bidi::Unknown,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
}

#[cfg(not(unix))]
pub fn read_answer(_timeout: Duration) -> Bidi {
    Bidi::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_da1_answer_ends_the_wait() {
        assert_eq!(parse(b""), None);
        assert_eq!(parse(b"\x1b[8;2$y"), None);
        assert_eq!(parse(b"\x1b[8;2$y\x1b[?62;22c"), Some(Bidi::Switchable));
        assert_eq!(parse(b"\x1b[8;1$y\x1b[?1;2c"), Some(Bidi::Switchable));
        assert_eq!(parse(b"\x1b[8;3$y\x1b[?65;1c"), Some(Bidi::AlwaysReorders));
        assert_eq!(parse(b"\x1b[8;4$y\x1b[?6c"), Some(Bidi::NeverReorders));
    }

    #[test]
    fn a_terminal_that_does_not_know_the_mode_is_unknown() {
        // Only DA1: DECRQM was not understood.
        assert_eq!(parse(b"\x1b[?1;2c"), Some(Bidi::Unknown));
        // Mode 8 not recognised (0), and a report for another mode.
        assert_eq!(parse(b"\x1b[8;0$y\x1b[?1;2c"), Some(Bidi::Unknown));
        assert_eq!(parse(b"\x1b[12;2$y\x1b[?1;2c"), Some(Bidi::Unknown));
        // A key typed meanwhile and a cut sequence do not confuse it.
        assert_eq!(parse(b"q\x1b[8;2$yx\x1b[?1;2c"), Some(Bidi::Switchable));
        assert_eq!(parse(b"\x1b[8;2"), None);
    }
}
