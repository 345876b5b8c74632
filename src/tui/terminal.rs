//! The real terminal: raw mode and the alternate screen, the bidi mode handshake of
//! `rtl.md` (explicit mode after entering, restored on exit, on panic and around Ctrl-z),
//! OSC 52 copies, environment hints, and the remembered calibration.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// BDSM explicit (`CSI 8 l`) and character path left-to-right (`CSI 1 SP k`): the terminal
/// must not reorder what isnad has already ordered.
pub const EXPLICIT: &str = "\x1b[8l\x1b[1 k";
/// BDSM implicit (`CSI 8 h`) and the default character path: the terminal's own bidi.
pub const IMPLICIT: &str = "\x1b[8h\x1b[0 k";

/// The sequence that sets the terminal up for `mode`.
pub fn mode_sequence(mode: BidiMode) -> &'static str {
    match mode {
        BidiMode::App | BidiMode::Off => EXPLICIT,
        BidiMode::Terminal => IMPLICIT,
    }
}

/// Enters raw mode and the alternate screen, then sets the bidi mode.
pub fn enter(out: &mut impl Write, mode: BidiMode) -> io::Result<()> {
    enable_raw_mode()?;
    set_up(out, mode)
}

/// What `enter` writes: the alternate screen, mouse and paste reporting, the bidi mode.
pub fn set_up(out: &mut impl Write, mode: BidiMode) -> io::Result<()> {
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    out.write_all(mode_sequence(mode).as_bytes())?;
    out.flush()
}

/// Restores the terminal as it was: implicit bidi, main screen, cooked mode.
pub fn leave(out: &mut impl Write) -> io::Result<()> {
    restore(out)?;
    disable_raw_mode()
}

/// What `leave` writes: implicit bidi, no mouse or paste reporting, the main screen.
pub fn restore(out: &mut impl Write) -> io::Result<()> {
    out.write_all(IMPLICIT.as_bytes())?;
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
pub fn suspend(out: &mut impl Write, mode: BidiMode) -> io::Result<()> {
    leave(out)?;
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(out, mode)
}

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// What the environment says about the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalGuess {
    /// A name for remembering calibration (`TERM_PROGRAM`, or `TERM`).
    pub identity: String,
    /// Whether `shaping = auto` should shape: the terminal is known not to join letters.
    pub auto_shapes: bool,
    /// Advice for this terminal, with the exact fix.
    pub hint: Option<String>,
}

/// Reads the usual variables through `var` (the environment, or a test's map).
pub fn guess(var: &dyn Fn(&str) -> Option<String>) -> TerminalGuess {
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let term = var("TERM").unwrap_or_default();
    let identity = if program.is_empty() {
        term.clone()
    } else {
        program.clone()
    };
    let mut hint = None;
    // Terminals that join Arabic letters themselves.
    let mut shapes_itself = var("VTE_VERSION").is_some()
        || var("KONSOLE_VERSION").is_some()
        || term.starts_with("mlterm")
        || program == "iTerm.app"
        || program == "Apple_Terminal"
        || program == "WezTerm";
    if program == "Apple_Terminal" {
        hint = Some(
            "Apple Terminal always reorders right-to-left text: start with --bidi terminal \
             (or set bidi = \"terminal\" in isnad.toml)"
                .to_owned(),
        );
    } else if var("KONSOLE_VERSION").is_some() {
        hint = Some(
            "Konsole: if Arabic reads backwards, turn off Settings › Edit Current Profile › \
             Advanced › Bidirectional text rendering, or start with --bidi terminal"
                .to_owned(),
        );
    } else if term == "xterm-kitty" {
        hint = Some(
            "kitty: add `force_ltr yes` to kitty.conf so it does not reorder isnad's lines"
                .to_owned(),
        );
        shapes_itself = true;
    } else if var("TMUX").is_some() {
        hint = Some(
            "tmux does not pass bidi modes to the outer terminal: if Arabic reads backwards, \
             run :calibrate"
                .to_owned(),
        );
    }
    TerminalGuess {
        identity,
        auto_shapes: !shapes_itself,
        hint,
    }
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

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn hints_name_the_exact_fix() {
        let apple = guess(&env(&[("TERM_PROGRAM", "Apple_Terminal")]));
        assert!(apple.hint.expect("hint").contains("--bidi terminal"));
        let kitty = guess(&env(&[("TERM", "xterm-kitty")]));
        assert!(kitty.hint.expect("hint").contains("force_ltr yes"));
        let xterm = guess(&env(&[("TERM", "xterm-256color")]));
        assert_eq!(xterm.hint, None);
        assert!(xterm.auto_shapes, "xterm does not join letters");
        assert!(!guess(&env(&[("VTE_VERSION", "7600")])).auto_shapes);
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
