//! The command line and the calibration page: what `:` commands and the answer to
//! `:calibrate` do to the state.

use super::{App, Focus, Mode};
use crate::tui::action::Action;
use crate::tui::command::{self, Command};
use crate::tui::msg::{Effect, IndexJob, StoreAction};
use crate::tui::strings;
use crate::workspace::{BidiMode, ShapingMode};

impl App {
    pub(super) fn act_command(&mut self, action: Action) -> Vec<Effect> {
        let tags = self.doc_tags();
        let Mode::Command(line) = &mut self.mode else {
            return Vec::new();
        };
        let input = &mut line.input;
        match action {
            Action::Cancel => self.mode = Mode::Panes,
            Action::Complete => {
                let names: Vec<String> = self
                    .entities
                    .entities
                    .iter()
                    .map(|e| e.name.clone())
                    .collect();
                let candidates = command::Candidates {
                    doc_ids: &self.doc_ids,
                    entity_names: &names,
                    tags: &tags,
                };
                let before = input.text().to_owned();
                if let Some(done) =
                    command::complete(&before, candidates).filter(|done| *done != before)
                {
                    input.set(&done);
                    line.offered.clear();
                    return Vec::new();
                }
                // Completing goes no further: Tab goes through what fits, and the status
                // line lists it.
                if !line.offered.contains(&before) {
                    line.offered = command::offers(&before, candidates);
                }
                let next = line
                    .offered
                    .iter()
                    .position(|o| *o == before)
                    .map_or(0, |i| (i + 1) % line.offered.len().max(1));
                if let Some(choice) = line.offered.get(next).cloned() {
                    input.set(&choice);
                    let shown: Vec<&str> = line
                        .offered
                        .iter()
                        .map(|o| o.split_once(' ').map_or(o.as_str(), |(_, v)| v))
                        .collect();
                    let text = strings::tab_offers(&shown.join(" · "));
                    self.say(text);
                } else {
                    self.say(strings::NOTHING_TO_COMPLETE);
                }
            }
            Action::HistoryPrevious | Action::HistoryNext => {
                let entry = if action == Action::HistoryPrevious {
                    self.command_history.older()
                } else {
                    self.command_history.newer()
                };
                if let Some(entry) = entry {
                    input.set(entry);
                }
            }
            Action::Execute => {
                let Mode::Command(line) = std::mem::replace(&mut self.mode, Mode::Panes) else {
                    return Vec::new();
                };
                let text = line.input.text().to_owned();
                self.command_history.push(&text);
                let command = command::parse(&text);
                // A command that runs replaces the last message (a mistake just corrected).
                if command.is_ok() {
                    self.status = None;
                }
                return match command {
                    Ok(Command::Claim(claim)) => self.record_claim(&claim, line.passage),
                    Ok(Command::Status(status)) if line.claim.is_some() => {
                        self.update_seen_claim(line.claim, None, Some(status), None)
                    }
                    Ok(Command::Verdict(verdict)) if line.claim.is_some() => {
                        self.update_seen_claim(line.claim, None, None, Some(verdict))
                    }
                    Ok(Command::Text(text)) if line.claim.is_some() => {
                        self.update_seen_claim(line.claim, Some(text), None, None)
                    }
                    Ok(Command::Rename(name)) if line.entity.is_some() => {
                        let Some((id, seen)) = line.entity else {
                            return Vec::new();
                        };
                        vec![Effect::Store(StoreAction::Rename {
                            id,
                            name,
                            seen: Some(seen),
                        })]
                    }
                    Ok(command) => self.run(command),
                    Err(message) => {
                        self.error(message);
                        Vec::new()
                    }
                };
            }
            _ => {}
        }
        Vec::new()
    }

    /// Runs a command of the command line.
    pub fn run(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Open(doc) => {
                self.say(strings::opening(&doc));
                self.remember_place();
                vec![self.load(doc, None)]
            }
            Command::Undo => vec![Effect::Store(StoreAction::Undo)],
            Command::Redo => vec![Effect::Store(StoreAction::Redo)],
            Command::Entities => {
                self.focus_on(Focus::Entities);
                Vec::new()
            }
            Command::Claim(text) => self.record_claim(&text, None),
            Command::Status(status) => self.update_claim(None, Some(status), None),
            Command::Verdict(verdict) => self.update_claim(None, None, Some(verdict)),
            Command::Text(text) => self.update_claim(Some(text), None, None),
            Command::Claims(query) => {
                self.search_claims(&query);
                Vec::new()
            }
            Command::Export(format, path) => {
                self.say(strings::exporting(format.as_str()));
                vec![Effect::Index(IndexJob::Export { format, path })]
            }
            Command::Matrix => {
                self.show_matrix();
                Vec::new()
            }
            Command::Note(note) if self.focus() != Focus::Entities => self.note_document(note),
            Command::Tag(tags) => self.tag_document(tags, false),
            Command::Untag(tags) => self.tag_document(tags, true),
            Command::Rename(_) | Command::Alias(_) | Command::Merge(_) | Command::Note(_) => {
                self.entity_command(&command)
            }
            Command::Bidi(mode) => {
                self.bidi_chosen = true;
                self.say(match mode {
                    BidiMode::Terminal => strings::BIDI_TERMINAL.to_owned(),
                    _ => strings::bidi_set(mode.as_str()),
                });
                self.set_display(self.emulator, mode)
            }
            Command::Shaping(mode) => {
                self.shaping = mode;
                self.reader.set_shape(self.shapes());
                self.say(strings::shaping_set(mode.as_str(), self.shapes()));
                Vec::new()
            }
            Command::Theme(choice) => {
                self.set_theme(choice);
                Vec::new()
            }
            Command::Exact(value) => self.set_exact(value.unwrap_or(!self.search.exact)),
            Command::Reindex => {
                if self.reindexing.is_some() {
                    self.say(strings::ALREADY_REINDEXING);
                    return Vec::new();
                }
                self.reindexing = Some((0, 0, false));
                self.say(strings::REINDEXING);
                vec![Effect::Index(IndexJob::Reindex)]
            }
            Command::Calibrate => {
                self.mode = Mode::Calibrate;
                Vec::new()
            }
            Command::Help => {
                self.mode = Mode::Help { scroll: 0 };
                Vec::new()
            }
            Command::Quit => vec![Effect::Quit],
        }
    }

    /// What a key does on the calibration screen (`Context::Calibrate`).
    pub(super) fn calibrate(&mut self, action: Option<Action>) -> Vec<Effect> {
        let choice = match action {
            Some(Action::CalibrateApp) => (BidiMode::App, false),
            Some(Action::CalibrateShaped) => (BidiMode::App, true),
            Some(Action::CalibrateTerminal) => (BidiMode::Terminal, false),
            Some(Action::Cancel) => {
                self.mode = Mode::Panes;
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        self.mode = Mode::Panes;
        let (bidi, shape) = choice;
        self.bidi_chosen = true;
        self.shaping = if shape {
            ShapingMode::On
        } else {
            ShapingMode::Off
        };
        self.say(strings::calibrated(bidi.as_str(), self.shaping.as_str()));
        let mut effects = self.set_display(self.emulator, bidi);
        effects.push(Effect::SaveCalibration {
            bidi,
            shaping: shape,
        });
        effects
    }
}
