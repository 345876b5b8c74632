//! Which terminal emulator isnad runs in, and how each one is made to show the lines isnad
//! has laid out exactly as they are. Terminals disagree (measured with `term-shot` and
//! `term-read` under Xvfb, the table in `docs/terminals.md`):
//!
//! | terminal | of its own | what isnad does in `bidi app` |
//! |---|---|---|
//! | xterm, Alacritty, foot… | nothing | writes visual order; `CSI 8 l` is harmless |
//! | VTE (GNOME Terminal…) | bidi, shaping | `CSI 8 l` on **every row**: VTE keeps the mode per row |
//! | mlterm | bidi, shaping | turns its layout off (`OSC 5379 ; use_ctl=false`), shapes itself |
//! | Konsole | bidi, shaping | turns its bidi off (`OSC 50 ; BidiRenderingEnabled=false`), shapes itself |
//! | kitty | HarfBuzz lays each Arabic run out right to left | pre-reverses those runs (`kitty.rs`) |
//! | Apple Terminal | bidi that cannot be switched off | leaves the order to it (`bidi terminal`) |
//!
//! Identified from the terminal's own answers (XTVERSION, DA2) where it gives them, which
//! holds over ssh, else from the environment it sets (`VTE_VERSION`, `KONSOLE_VERSION`,
//! `MLTERM`, `KITTY_WINDOW_ID`, `TERM`, `TERM_PROGRAM`, `TMUX`).

use crate::tui::probe::Answers;
use crate::tui::strings;
use crate::workspace::BidiMode;

/// BDSM explicit (`CSI 8 l`) and character path left-to-right (`CSI 1 SP k`): the terminal
/// must not reorder what isnad has already ordered.
pub const EXPLICIT: &str = "\x1b[8l\x1b[1 k";
/// BDSM implicit (`CSI 8 h`) and the default character path: the terminal's own bidi.
pub const IMPLICIT: &str = "\x1b[8h\x1b[0 k";

const MLTERM_LAYOUT_OFF: &str = "\x1b]5379;use_ctl=false\x07";
const MLTERM_LAYOUT_ON: &str = "\x1b]5379;use_ctl=true\x07";
const KONSOLE_BIDI_OFF: &str = "\x1b]50;BidiRenderingEnabled=false\x07";
const KONSOLE_BIDI_ON: &str = "\x1b]50;BidiRenderingEnabled=true\x07";

/// A terminal emulator isnad knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Emulator {
    Xterm,
    /// GNOME Terminal, Tilix, Terminator, sakura, xfce4-terminal…: VTE inside.
    Vte,
    Mlterm,
    Konsole,
    Kitty,
    /// A multiplexer: what shows the text is the terminal outside it.
    Tmux,
    AppleTerminal,
    Iterm,
    WezTerm,
    /// Anything else: treated like xterm.
    #[default]
    Other,
}

impl Emulator {
    /// From the variables a terminal sets for its programs, through `var`.
    pub fn from_env(var: &dyn Fn(&str) -> Option<String>) -> Emulator {
        let term = var("TERM").unwrap_or_default();
        let program = var("TERM_PROGRAM").unwrap_or_default();
        // First: inside tmux the outer terminal's variables are still set.
        if var("TMUX").is_some() || program == "tmux" {
            return Emulator::Tmux;
        }
        if var("KITTY_WINDOW_ID").is_some() || term == "xterm-kitty" {
            Emulator::Kitty
        } else if var("KONSOLE_VERSION").is_some() {
            Emulator::Konsole
        } else if var("MLTERM").is_some() || term.starts_with("mlterm") {
            Emulator::Mlterm
        } else if var("VTE_VERSION").is_some() {
            Emulator::Vte
        } else {
            match program.as_str() {
                "Apple_Terminal" => Emulator::AppleTerminal,
                "iTerm.app" => Emulator::Iterm,
                "WezTerm" => Emulator::WezTerm,
                _ if var("XTERM_VERSION").is_some() => Emulator::Xterm,
                _ => Emulator::Other,
            }
        }
    }

    /// From the terminal's answers, when they name it.
    pub fn from_answers(answers: &Answers) -> Option<Emulator> {
        if let Some(version) = &answers.version {
            let named = [
                ("XTerm(", Emulator::Xterm),
                ("kitty(", Emulator::Kitty),
                ("Konsole", Emulator::Konsole),
                ("tmux", Emulator::Tmux),
                ("mlterm", Emulator::Mlterm),
                ("VTE", Emulator::Vte),
                ("WezTerm", Emulator::WezTerm),
                ("iTerm2", Emulator::Iterm),
            ];
            if let Some((_, emulator)) = named.iter().find(|(p, _)| version.starts_with(p)) {
                return Some(*emulator);
            }
        }
        match answers.da2.as_deref()? {
            [65, ..] => Some(Emulator::Vte),
            [1, 4000, ..] => Some(Emulator::Kitty),
            [1, 115, ..] => Some(Emulator::Konsole),
            [24, 279, 0] => Some(Emulator::Mlterm),
            [84, ..] => Some(Emulator::Tmux),
            [41, ..] => Some(Emulator::Xterm),
            _ => None,
        }
    }

    /// A short name for the status line and the calibration memory.
    pub fn name(self) -> &'static str {
        match self {
            Emulator::Xterm => "xterm",
            Emulator::Vte => "vte",
            Emulator::Mlterm => "mlterm",
            Emulator::Konsole => "konsole",
            Emulator::Kitty => "kitty",
            Emulator::Tmux => "tmux",
            Emulator::AppleTerminal => "apple-terminal",
            Emulator::Iterm => "iterm2",
            Emulator::WezTerm => "wezterm",
            Emulator::Other => "terminal",
        }
    }

    /// The bidi mode that reads correctly here with nothing changed by the user.
    pub fn preferred_mode(self) -> BidiMode {
        match self {
            // Its bidi cannot be switched off: logical order is what it shows right.
            Emulator::AppleTerminal => BidiMode::Terminal,
            _ => BidiMode::App,
        }
    }

    /// Written once after entering the alternate screen, and whenever the mode changes.
    pub fn setup(self, mode: BidiMode) -> &'static str {
        let ordered_by_isnad = mode != BidiMode::Terminal;
        match (self, ordered_by_isnad) {
            (Emulator::Mlterm, true) => MLTERM_LAYOUT_OFF,
            (Emulator::Mlterm, false) => MLTERM_LAYOUT_ON,
            (Emulator::Konsole, true) => KONSOLE_BIDI_OFF,
            (Emulator::Konsole, false) => KONSOLE_BIDI_ON,
            (_, true) => EXPLICIT,
            (_, false) => IMPLICIT,
        }
    }

    /// Written on every row after `setup` (and again after a resize or a clear): VTE keeps
    /// the bidi mode per row and applies `CSI 8 l` only to the row the cursor is on.
    pub fn row_setup(self, mode: BidiMode) -> Option<&'static str> {
        match (self, mode) {
            (Emulator::Vte, BidiMode::Terminal) => Some(IMPLICIT),
            (Emulator::Vte, _) => Some(EXPLICIT),
            _ => None,
        }
    }

    /// What gives the terminal its own behaviour back, on exit, on a crash and around
    /// Ctrl-z. mlterm and Konsole cannot be asked what their setting was: isnad restores
    /// their default (on).
    pub fn restore(self) -> &'static str {
        match self {
            Emulator::Mlterm => MLTERM_LAYOUT_ON,
            Emulator::Konsole => KONSOLE_BIDI_ON,
            _ => IMPLICIT,
        }
    }

    /// Whether the terminal lays each run of right-to-left letters out right to left by
    /// itself (kitty's HarfBuzz shaping), so isnad must send such runs reversed.
    pub fn reverses_runs(self, mode: BidiMode) -> bool {
        self == Emulator::Kitty && mode == BidiMode::App
    }

    /// Whether the terminal repaints only the cells whose content or attributes changed
    /// since it last painted. Konsole and mlterm do, and Arabic glyphs (the hamza of أ,
    /// long tails) reach into the cells and rows around them: what reached into a cell
    /// that stayed the same was never painted over, and after a scroll pieces of the old
    /// text stayed among the new (looking like harakat). isnad changes the attributes of
    /// every cell of a row it rewrites there (`runtime/screen.rs`), so the whole row is
    /// painted anew.
    pub fn repaints_only_changes(self) -> bool {
        matches!(self, Emulator::Konsole | Emulator::Mlterm)
    }

    /// Whether Arabic letters come out joined with no help (so `shaping = auto` leaves
    /// them alone).
    pub fn joins_letters(self, mode: BidiMode) -> bool {
        match self {
            Emulator::Vte
            | Emulator::Kitty
            | Emulator::AppleTerminal
            | Emulator::Iterm
            | Emulator::WezTerm => true,
            // Their own layout is what joins letters, and isnad turns it off.
            Emulator::Mlterm | Emulator::Konsole => mode == BidiMode::Terminal,
            Emulator::Xterm | Emulator::Tmux | Emulator::Other => false,
        }
    }

    /// What to tell the user when no strategy can make this terminal right by itself: the
    /// exact setting that does.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Emulator::Tmux => Some(strings::TMUX_HINT),
            Emulator::AppleTerminal => Some(strings::APPLE_TERMINAL_HINT),
            _ => None,
        }
    }
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
    fn the_environment_names_the_terminal() {
        let cases = [
            (
                &[("VTE_VERSION", "7006"), ("TERM", "xterm-256color")][..],
                Emulator::Vte,
            ),
            (&[("KONSOLE_VERSION", "221203")][..], Emulator::Konsole),
            (
                &[("MLTERM", "3.9.0"), ("TERM", "mlterm")][..],
                Emulator::Mlterm,
            ),
            (&[("KITTY_WINDOW_ID", "1")][..], Emulator::Kitty),
            (&[("TERM", "xterm-kitty")][..], Emulator::Kitty),
            (
                &[("TERM_PROGRAM", "Apple_Terminal")][..],
                Emulator::AppleTerminal,
            ),
            (
                &[("XTERM_VERSION", "XTerm(379)"), ("TERM", "xterm")][..],
                Emulator::Xterm,
            ),
            (&[("TERM", "xterm-256color")][..], Emulator::Other),
            // Inside tmux, the outer terminal's variables do not count.
            (
                &[("TMUX", "/tmp/t,1,0"), ("VTE_VERSION", "7006")][..],
                Emulator::Tmux,
            ),
        ];
        for (vars, expected) in cases {
            assert_eq!(Emulator::from_env(&env(vars)), expected, "{vars:?}");
        }
    }

    #[test]
    fn answers_name_the_terminal_over_ssh_too() {
        let answer = |version: Option<&str>, da2: &[u32]| Answers {
            version: version.map(str::to_owned),
            da2: Some(da2.to_vec()),
            ..Answers::default()
        };
        let of = |a: &Answers| Emulator::from_answers(a);
        assert_eq!(
            of(&answer(Some("XTerm(379)"), &[41, 379, 0])),
            Some(Emulator::Xterm)
        );
        assert_eq!(
            of(&answer(Some("kitty(0.26.5)"), &[1, 4000, 26])),
            Some(Emulator::Kitty)
        );
        assert_eq!(of(&answer(None, &[1, 4000, 26])), Some(Emulator::Kitty));
        assert_eq!(
            of(&answer(Some("Konsole 22.12.3"), &[1, 115, 0])),
            Some(Emulator::Konsole)
        );
        assert_eq!(of(&answer(None, &[65, 7006, 1])), Some(Emulator::Vte));
        assert_eq!(of(&answer(None, &[24, 279, 0])), Some(Emulator::Mlterm));
        assert_eq!(
            of(&answer(Some("tmux 3.3a"), &[84, 0, 0])),
            Some(Emulator::Tmux)
        );
        assert_eq!(of(&answer(None, &[0, 10, 1])), None);
        assert_eq!(of(&Answers::default()), None);
    }

    #[test]
    fn each_terminal_gets_what_makes_it_right() {
        // Only Konsole is sent Konsole's OSC 50 (xterm reads OSC 50 as "set the font").
        for emulator in [
            Emulator::Xterm,
            Emulator::Other,
            Emulator::Tmux,
            Emulator::Vte,
        ] {
            assert!(!emulator.setup(BidiMode::App).contains("]50;"));
            assert!(!emulator.restore().contains("]50;"));
        }
        assert_eq!(Emulator::Konsole.setup(BidiMode::App), KONSOLE_BIDI_OFF);
        assert_eq!(Emulator::Mlterm.setup(BidiMode::App), MLTERM_LAYOUT_OFF);
        assert_eq!(Emulator::Vte.row_setup(BidiMode::App), Some(EXPLICIT));
        assert_eq!(Emulator::Xterm.row_setup(BidiMode::App), None);
        assert!(Emulator::Kitty.reverses_runs(BidiMode::App));
        assert!(Emulator::Konsole.repaints_only_changes());
        assert!(!Emulator::Vte.repaints_only_changes());
        assert!(!Emulator::Kitty.reverses_runs(BidiMode::Terminal));
        assert!(!Emulator::Mlterm.joins_letters(BidiMode::App));
        assert!(Emulator::Vte.joins_letters(BidiMode::App));
        assert_eq!(Emulator::AppleTerminal.preferred_mode(), BidiMode::Terminal);
    }
}
