//! How the workbench is shown: the terminal's answers to the probe, the bidi mode and
//! emulator the layout is made for, and the colours.

use super::App;
use crate::tui::msg::Effect;
use crate::tui::probe::{Answers, Bidi};
use crate::tui::strings;
use crate::tui::terminal::{Display, Emulator};
use crate::tui::theme::{Palette, Theme};
use crate::workspace::{BidiMode, ThemeChoice};

impl App {
    /// Acts on what the terminal answered: its name decides how isnad gets its layout shown
    /// as it is (unless the user chose a bidi mode, the terminal's preferred one); a terminal
    /// that says it always reorders is left to do so.
    pub(super) fn probed(&mut self, answers: Option<Answers>) -> Vec<Effect> {
        let Some(answers) = answers else {
            return Vec::new();
        };
        let before = self.display();
        if let Some(background) = answers.background {
            self.background_rgb = Some(background);
            self.background = Some(Palette::for_background(background));
            self.theme = Theme::new(self.palette());
        }
        let emulator = Emulator::from_answers(&answers).unwrap_or(self.emulator);
        let mut bidi = if self.bidi_chosen {
            self.bidi
        } else {
            emulator.preferred_mode()
        };
        match (answers.bidi, bidi) {
            (Bidi::AlwaysReorders, BidiMode::App) if !self.bidi_chosen => {
                bidi = BidiMode::Terminal;
                self.say(strings::PROBE_SWITCHED);
            }
            (Bidi::AlwaysReorders, BidiMode::App) => self.error(strings::PROBE_ALWAYS_REORDERS),
            (Bidi::NeverReorders, BidiMode::Terminal) => self.error(strings::PROBE_NEVER_REORDERS),
            _ => {
                if let Some(hint) = emulator.hint().filter(|_| emulator != self.emulator) {
                    self.say(hint);
                }
            }
        }
        self.show_on(emulator, bidi);
        self.display_since(before)
    }

    /// Sets the terminal up for another emulator or bidi mode: the effect that does it, if
    /// anything changed.
    pub(super) fn set_display(&mut self, emulator: Emulator, bidi: BidiMode) -> Vec<Effect> {
        let before = self.display();
        self.show_on(emulator, bidi);
        self.display_since(before)
    }

    /// Lays the reader out for `emulator` in `bidi` mode.
    pub(super) fn show_on(&mut self, emulator: Emulator, bidi: BidiMode) {
        self.emulator = emulator;
        self.bidi = bidi;
        self.reader.set_shape(self.shapes());
    }

    /// The effect that sets the terminal up again, if the display changed since `before`.
    pub(super) fn display_since(&self, before: Display) -> Vec<Effect> {
        if self.display() == before {
            Vec::new()
        } else {
            vec![Effect::Display(self.display())]
        }
    }

    /// The colours now: none with `NO_COLOR`, else the chosen theme, else the terminal's
    /// background (dark when unknown).
    pub(super) fn palette(&self) -> Palette {
        if self.no_color {
            return Palette::Plain;
        }
        match self.theme_choice {
            ThemeChoice::Light => Palette::Light,
            ThemeChoice::Dark => Palette::Dark,
            ThemeChoice::Auto => self.background.unwrap_or(Palette::Dark),
        }
    }

    /// `:theme`: light, dark, or as the terminal says.
    pub(super) fn set_theme(&mut self, choice: ThemeChoice) {
        self.theme_choice = choice;
        self.theme = Theme::new(self.palette());
        let palette = self.theme.palette;
        if self.no_color {
            self.say(strings::NO_COLOR_SET);
        } else if self.background.is_some_and(|b| b != palette) && choice != ThemeChoice::Auto {
            self.say(strings::theme_mismatch(
                choice.as_str(),
                palette.as_str(),
                self.background.map(Palette::as_str),
            ));
        } else if choice == ThemeChoice::Auto && self.background.is_none() {
            self.say(strings::theme_auto_unknown(palette.as_str()));
        } else {
            self.say(strings::theme_set(choice.as_str(), palette.as_str()));
        }
    }
}
