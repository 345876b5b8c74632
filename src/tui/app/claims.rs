//! Claims in the workbench: `c` writes a claim from the selection (which becomes its
//! supporting evidence), `e` then `s`/`r`/`m` links the selection to the current claim, the
//! claims pane (counts by distinct source, hints, evidence, status, verdict), `:claims` to
//! search them and `:matrix` to see who says what.

use super::{App, CommandLine, Focus, Mode};
use crate::store::{Anchor, Stance, Status};
use crate::tui::action::{Action, Context};
use crate::tui::claims_pane::{ROWS_PER_CLAIM, ROWS_PER_EVIDENCE};
use crate::tui::input::TextInput;
use crate::tui::msg::{ClaimAction, Effect, IndexJob, Msg, StoreAction};
use crate::tui::strings;

impl App {
    pub(super) fn claims_msg(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Claims(claims) => {
                self.claims
                    .receive(claims, &self.doc_infos, &self.copies_added);
                if let Some(id) = self.current_claim {
                    if self.claims.claim(id).is_none() {
                        self.current_claim = None;
                    } else if self.focus() != Focus::Claims {
                        self.claims.select_claim(id);
                    }
                }
                self.refresh_reader_evidence();
                let missing: Vec<String> = self
                    .claims
                    .evidence_docs()
                    .into_iter()
                    .filter(|d| !self.doc_infos.contains_key(d))
                    .collect();
                let unattributed: Vec<(i64, String, crate::store::Anchor)> = self
                    .claims
                    .claims
                    .iter()
                    .flat_map(|c| c.evidence.iter())
                    .filter(|e| !e.orphaned && !self.attributions.contains_key(&e.id))
                    .map(|e| (e.id, e.doc.clone(), e.anchor.clone()))
                    .collect();
                let mut jobs = Vec::new();
                if !missing.is_empty() {
                    jobs.push(Effect::Index(IndexJob::DocInfos(missing)));
                }
                if !unattributed.is_empty() {
                    jobs.push(Effect::Index(IndexJob::Attributions(unattributed)));
                }
                return jobs;
            }
            Msg::DocInfos(infos) => {
                self.doc_infos.extend(infos);
                self.claims.resummarize(&self.doc_infos, &self.copies_added);
            }
            Msg::Attributions {
                found,
                copies_added,
            } => {
                self.attributions.extend(found);
                if !copies_added.is_empty() {
                    self.copies_added.extend(copies_added);
                    self.claims.resummarize(&self.doc_infos, &self.copies_added);
                }
            }
            Msg::ClaimCreated(id) => self.current_claim = Some(id),
            _ => {}
        }
        Vec::new()
    }

    /// The reader's evidence marks, from the claims.
    pub(super) fn refresh_reader_evidence(&mut self) {
        let evidence = self.claims.claims.iter().flat_map(|c| c.evidence.iter());
        self.reader.set_evidence(evidence);
    }

    /// `C`: the claims pane, or back to the search.
    pub(super) fn toggle_claims(&mut self) {
        if self.focus() == Focus::Claims {
            self.focus_on(Focus::Results);
        } else {
            self.focus_on(Focus::Claims);
            if self.claims.claims.is_empty() {
                self.say(strings::NO_CLAIMS_YET);
            }
        }
    }

    /// `c`: the command line, pre-filled with the selected passage as the claim's text.
    pub(super) fn begin_claim(&mut self) {
        let Some(range) = self.reader.tag_range() else {
            self.say(strings::SELECT_CLAIM_PASSAGE);
            return;
        };
        let Some(open) = self.reader.open.as_ref() else {
            return;
        };
        let text = open
            .layout
            .text()
            .get(range.clone())
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let passage = Some((open.document.id.clone(), range));
        let mut input = TextInput::default();
        input.set(&format!("claim {text}"));
        self.mode = Mode::Command(CommandLine {
            input,
            passage,
            ..CommandLine::default()
        });
        self.say(strings::EDIT_THE_CLAIM);
    }

    /// `e`: remembers the passage and asks for the stance.
    pub(super) fn begin_link(&mut self) {
        let Some(claim) = self.current_claim.and_then(|id| self.claims.claim(id)) else {
            self.say(strings::NO_CURRENT_CLAIM);
            return;
        };
        let text = claim.claim.text.clone();
        let Some(range) = self.reader.tag_range() else {
            self.say(strings::SELECT_PASSAGE_TO_LINK);
            return;
        };
        self.mode = Mode::Stance(range);
        let keys = |action| self.keymap.label(Context::Stance, action);
        let message = strings::link_as(
            &text,
            &keys(Action::Supports),
            &keys(Action::Refutes),
            &keys(Action::Mentions),
            &keys(Action::Cancel),
        );
        self.say(message);
    }

    /// What the key after `e` does (`Context::Stance`).
    pub(super) fn stance_key(&mut self, action: Option<Action>) -> Vec<Effect> {
        let stance = match action {
            Some(Action::Supports) => Stance::Supports,
            Some(Action::Refutes) => Stance::Refutes,
            Some(Action::Mentions) => Stance::Mentions,
            Some(Action::Cancel) => {
                self.mode = Mode::Panes;
                self.say(strings::LINKING_CANCELLED);
                return Vec::new();
            }
            // A key the keymap leaves unbound here: still waiting for the stance.
            _ => return Vec::new(),
        };
        let Mode::Stance(range) = std::mem::replace(&mut self.mode, Mode::Panes) else {
            return Vec::new();
        };
        let (Some(claim), Some(open)) = (self.current_claim, self.reader.open.as_ref()) else {
            return Vec::new();
        };
        match Anchor::new(open.layout.text(), range, &open.document.hash) {
            Ok(anchor) => {
                let doc = open.document.id.clone();
                self.reader.clear_selection();
                vec![Effect::Store(StoreAction::Claim(ClaimAction::Link {
                    claim,
                    doc,
                    anchor,
                    stance,
                }))]
            }
            Err(e) => {
                self.error(e.to_string());
                Vec::new()
            }
        }
    }

    /// `:claim TEXT`: records the claim, with the passage `c` was pressed on (`passage`).
    pub(super) fn record_claim(
        &mut self,
        text: &str,
        passage: Option<(String, std::ops::Range<usize>)>,
    ) -> Vec<Effect> {
        let passage = passage.and_then(|(doc, range)| {
            let open = self.reader.open.as_ref().filter(|o| o.document.id == doc)?;
            let anchor = Anchor::new(open.layout.text(), range, &open.document.hash).ok()?;
            Some((doc, anchor))
        });
        self.reader.clear_selection();
        vec![Effect::Store(StoreAction::Claim(ClaimAction::Add {
            text: text.to_owned(),
            evidence: passage,
        }))]
    }

    /// The claim the claims pane is about: the one whose evidence is listed, else the
    /// selected one, else the current claim.
    fn target_claim(&self) -> Option<i64> {
        self.claims
            .listed()
            .or_else(|| self.claims.selected_claim())
            .map(|c| c.claim.id)
            .or(self.current_claim)
    }

    /// `:status`, `:verdict`, `:text` on the target claim.
    pub(super) fn update_claim(
        &mut self,
        text: Option<String>,
        status: Option<Status>,
        verdict: Option<String>,
    ) -> Vec<Effect> {
        let Some(id) = self.target_claim() else {
            self.error(strings::NO_CLAIM_TO_UPDATE);
            return Vec::new();
        };
        vec![Effect::Store(StoreAction::Claim(ClaimAction::Update {
            id,
            text,
            status,
            verdict,
            seen: None,
        }))]
    }

    /// The change `S`, `V` or `R` began, to the claim they began on (`seen`, as it was shown
    /// then): never to another that the selection moved to meanwhile, and refused by the store
    /// when someone changed or deleted that claim since.
    pub(super) fn update_seen_claim(
        &mut self,
        seen: Option<crate::store::Claim>,
        text: Option<String>,
        status: Option<Status>,
        verdict: Option<String>,
    ) -> Vec<Effect> {
        let Some(seen) = seen else {
            return self.update_claim(text, status, verdict);
        };
        vec![Effect::Store(StoreAction::Claim(ClaimAction::Update {
            id: seen.id,
            text,
            status,
            verdict,
            seen: Some(seen),
        }))]
    }

    /// Claims shown at once in the pane (or pieces of evidence).
    fn claim_rows(&self) -> usize {
        let height = self.areas.map_or(2, |a| a.results.height.saturating_sub(1));
        let per = if self.claims.list.is_some() {
            ROWS_PER_EVIDENCE
        } else {
            ROWS_PER_CLAIM
        };
        usize::from(height / per).max(1)
    }

    pub(super) fn act_claims(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.claim_rows();
        let page = super::signed(rows);
        match action {
            Action::MoveDown => self.claims.move_by(1, rows),
            Action::MoveUp => self.claims.move_by(-1, rows),
            Action::PageDown => self.claims.move_by(page, rows),
            Action::PageUp => self.claims.move_by(-page, rows),
            Action::First => self.claims.move_by(isize::MIN / 2, rows),
            Action::Last => self.claims.move_by(isize::MAX / 2, rows),
            Action::Open => return self.open_claim(),
            Action::TagSelection => return self.tag_attributed(),
            Action::Chain => return self.open_chain(),
            Action::Cancel => match self.claims.list.take() {
                Some(_) => {}
                None => self.toggle_claims(),
            },
            Action::SetStatus | Action::SetVerdict | Action::EditText => {
                let Some(claim) = self.target_claim().and_then(|id| self.claims.claim(id)) else {
                    self.say(strings::NO_CLAIM_SELECTED);
                    return Vec::new();
                };
                let line = match action {
                    Action::SetStatus => "status ".to_owned(),
                    Action::SetVerdict => format!("verdict {}", claim.claim.verdict),
                    _ => format!("text {}", claim.claim.text),
                };
                let current = claim.claim.status;
                let seen = claim.claim.clone();
                self.open_command(&line);
                if let Mode::Command(command) = &mut self.mode {
                    command.claim = Some(seen);
                }
                if action == Action::SetStatus {
                    let all: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                    self.say(strings::status_now(current.as_str(), &all.join(" · ")));
                }
            }
            Action::Unlink => {
                if let Some(evidence) = self.claims.selected_evidence() {
                    let id = evidence.id;
                    return vec![Effect::Store(StoreAction::Claim(ClaimAction::Unlink {
                        evidence: id,
                    }))];
                }
                self.say(strings::PICK_EVIDENCE_TO_UNLINK);
            }
            Action::Delete => {
                if let Some(id) = self.target_claim() {
                    self.claims.list = None;
                    return vec![Effect::Store(StoreAction::Claim(ClaimAction::Delete {
                        id,
                    }))];
                }
            }
            _ => {}
        }
        if let Some(id) = self
            .claims
            .listed()
            .or_else(|| self.claims.selected_claim())
            .map(|c| c.claim.id)
        {
            self.current_claim = Some(id);
        }
        Vec::new()
    }

    fn open_claim(&mut self) -> Vec<Effect> {
        if let Some(evidence) = self.claims.selected_evidence() {
            let (doc, caret) = (evidence.doc.clone(), evidence.anchor.byte_start);
            self.remember_place();
            return vec![self.load(doc, Some(caret))];
        }
        if let Some(claim) = self.claims.selected_claim() {
            let id = claim.claim.id;
            self.current_claim = Some(id);
            self.claims.list = Some(crate::tui::claims_pane::EvidenceList {
                claim: id,
                ..Default::default()
            });
        }
        Vec::new()
    }

    /// `t` on a piece of evidence: opens its document and offers the name it is
    /// attributed to (who reports it) as an entity, its type's key to press next.
    fn tag_attributed(&mut self) -> Vec<Effect> {
        let Some(evidence) = self.claims.selected_evidence() else {
            self.say(strings::NOTHING_ATTRIBUTED);
            return Vec::new();
        };
        let (id, doc) = (evidence.id, evidence.doc.clone());
        // The outermost name written in the text (a forwarded message's channel is not).
        let name = self
            .attributions
            .get(&id)
            .and_then(|chain| chain.iter().find(|a| !a.target_at.is_empty()));
        let Some(name) = name else {
            self.say(strings::NOTHING_ATTRIBUTED);
            return Vec::new();
        };
        let range = name.target_at.clone();
        self.tag_after_load = Some((doc.clone(), range.clone()));
        self.remember_place();
        vec![self.load(doc, Some(range.start))]
    }

    /// `:claims QUERY`: the claims pane, narrowed.
    pub(super) fn search_claims(&mut self, query: &str) {
        self.claims.set_filter(query);
        self.focus_on(Focus::Claims);
        self.claims.list = None;
        let shown = self.claims.shown.len();
        if query.trim().is_empty() {
            self.say(strings::all_claims(shown));
        } else {
            self.say(strings::claims_match(shown, query.trim()));
        }
    }

    /// `:matrix`.
    pub(super) fn show_matrix(&mut self) {
        if self.claims.claims.is_empty() {
            self.say(strings::NO_CLAIMS_FOR_MATRIX);
            return;
        }
        self.mode = Mode::Matrix;
    }
}
