//! The real terminal: raw mode and the alternate screen, setting the terminal up so that it
//! shows isnad's layout as it is (`emulator`: each terminal's way; `kitty`: its run
//! reversal), restored on exit, on panic and around Ctrl-z; OSC 52 copies; and the
//! remembered calibration.

pub mod emulator;
pub mod kitty;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine as _;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use serde::{Deserialize, Serialize};

use crate::workspace::BidiMode;
pub use emulator::{EXPLICIT, Emulator, IMPLICIT};

/// How the terminal is driven: which emulator it is, who orders right-to-left text, and
/// its background colour when it said (OSC 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    pub emulator: Emulator,
    pub bidi: BidiMode,
    pub background: Option<[u8; 3]>,
}

impl Display {
    /// What sets the terminal up: `emulator.setup`, and for VTE the same on every row of a
    /// `height`-row screen (the cursor saved and restored around it).
    pub fn sequence(self, height: u16) -> String {
        let mut out = self.emulator.setup(self.bidi).to_owned();
        if let Some(row) = self.emulator.row_setup(self.bidi) {
            out.push_str("\x1b7");
            for y in 1..=height {
                let _ = write!(out, "\x1b[{y};1H{row}");
            }
            out.push_str("\x1b8");
        }
        out
    }
}

/// What the panic hook writes to give the terminal its own behaviour back.
static RESTORE: Mutex<&str> = Mutex::new(IMPLICIT);

/// Enters raw mode and the alternate screen, then sets the terminal up.
pub fn enter(out: &mut impl Write, display: Display, height: u16) -> io::Result<()> {
    enable_raw_mode()?;
    set_up(out, display, height)
}

/// What `enter` writes: the alternate screen, mouse and paste reporting, the display.
pub fn set_up(out: &mut impl Write, display: Display, height: u16) -> io::Result<()> {
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    apply(out, display, height)
}

/// Sets the terminal up for `display` (after a switch, a resize or a clear).
pub fn apply(out: &mut impl Write, display: Display, height: u16) -> io::Result<()> {
    if let Ok(mut restore) = RESTORE.lock() {
        *restore = display.emulator.restore();
    }
    out.write_all(display.sequence(height).as_bytes())?;
    out.flush()
}

/// Gives `previous` its own behaviour back before `next` is set up.
pub fn switch(
    out: &mut impl Write,
    previous: Display,
    next: Display,
    height: u16,
) -> io::Result<()> {
    if previous.emulator != next.emulator {
        out.write_all(previous.emulator.restore().as_bytes())?;
    }
    apply(out, next, height)
}

/// Restores the terminal as it was: its own bidi, main screen, cooked mode.
pub fn leave(out: &mut impl Write) -> io::Result<()> {
    restore(out)?;
    disable_raw_mode()
}

/// What `leave` writes: the terminal's own bidi, no mouse or paste reporting, the main
/// screen.
pub fn restore(out: &mut impl Write) -> io::Result<()> {
    let sequence = RESTORE.lock().map_or(IMPLICIT, |r| *r);
    out.write_all(sequence.as_bytes())?;
    execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen
    )?;
    out.flush()
}

/// Restores the terminal before a panic message is printed, so it is readable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave(&mut io::stdout());
        previous(info);
    }));
}

/// Ctrl-z: restores the terminal, stops the process, and sets it up again on `fg`.
pub fn suspend(out: &mut impl Write, display: Display, height: u16) -> io::Result<()> {
    leave(out)?;
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(out, display, height)
}

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// A calibration answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calibration {
    pub bidi: BidiMode,
    pub shaping: bool,
}

/// Where calibration answers are kept: `terminals.toml` in isnad's data folder.
pub fn calibration_path(data_dir: &Path) -> PathBuf {
    data_dir.join("terminals.toml")
}

/// The remembered answer for `identity`, if any (an unreadable file counts as none).
pub fn remembered(path: &Path, identity: &str) -> Option<Calibration> {
    let text = std::fs::read_to_string(path).ok()?;
    let all: BTreeMap<String, Calibration> = toml::from_str(&text).ok()?;
    all.get(identity).copied()
}

/// Remembers `answer` for `identity`, keeping the other terminals' answers.
pub fn remember(path: &Path, identity: &str, answer: Calibration) -> io::Result<()> {
    let mut all: BTreeMap<String, Calibration> = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| toml::from_str(&text).ok())
        .unwrap_or_default();
    all.insert(identity.to_owned(), answer);
    let text = toml::to_string(&all).map_err(io::Error::other)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::atomic::write_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vte_gets_the_mode_on_every_row_and_others_once() {
        let vte = Display {
            emulator: Emulator::Vte,
            bidi: BidiMode::App,
            background: None,
        };
        let sequence = vte.sequence(3);
        assert_eq!(sequence.matches(EXPLICIT).count(), 4);
        assert!(sequence.contains("\x1b[3;1H\x1b[8l"));
        assert!(sequence.starts_with(EXPLICIT) && sequence.ends_with("\x1b8"));
        let xterm = Display {
            emulator: Emulator::Xterm,
            bidi: BidiMode::App,
            background: None,
        };
        assert_eq!(xterm.sequence(3), EXPLICIT);
    }

    #[test]
    fn calibration_is_remembered_per_terminal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = calibration_path(dir.path());
        assert_eq!(remembered(&path, "WezTerm"), None);
        let answer = Calibration {
            bidi: BidiMode::Terminal,
            shaping: false,
        };
        remember(&path, "WezTerm", answer).expect("save");
        remember(
            &path,
            "xterm",
            Calibration {
                bidi: BidiMode::App,
                shaping: true,
            },
        )
        .expect("save");
        assert_eq!(remembered(&path, "WezTerm"), Some(answer));
        assert_eq!(osc52("سلام"), "\x1b]52;c;2LPZhNin2YU=\x07");
    }
}
