//! The chain view in the workbench (and what the index thread reads for an overlay): `c` on a claim (or its evidence) asks the index thread
//! for the claim's chain; in the view, Enter opens the selected source, passage or name in
//! the reader and `t` offers a name as an entity.

use super::{App, Mode};
use crate::tui::action::Action;
use crate::tui::chain_view::{ChainView, Row};
use crate::tui::msg::{Effect, IndexJob, Msg};
use crate::tui::strings;

impl App {
    /// `c` in the claims pane: the chain of the claim whose evidence is listed, or of the
    /// selected claim.
    pub(super) fn open_chain(&mut self) -> Vec<Effect> {
        let Some(claim) = self
            .claims
            .listed()
            .or_else(|| self.claims.selected_claim())
            .map(|c| c.claim.id)
        else {
            self.say(strings::NO_CLAIM_SELECTED);
            return Vec::new();
        };
        vec![Effect::Index(IndexJob::Chain(claim))]
    }

    /// The rows the chain view shows at once (its box less its heading).
    fn chain_rows(&self) -> usize {
        crate::tui::chain_view::visible(self.size.1)
    }

    /// What the index thread read for an overlay (a copy group, a chain) in it, or why
    /// it could not.
    pub(super) fn overlay_shown(&mut self, msg: Msg) {
        match msg {
            Msg::CopiesShown(Ok(view)) => self.mode = Mode::Copies(view),
            Msg::ChainShown(Ok(chain)) => {
                let mut view = ChainView::new(*chain);
                // Back where it was left, on the same claim.
                if let Some((claim, selected, offset)) = self.chain_back
                    && claim == view.chain.claim
                {
                    view.restore(selected, offset);
                }
                view.keep_in_view(self.chain_rows());
                self.mode = Mode::Chain(Box::new(view));
            }
            Msg::CopiesShown(Err(message)) | Msg::ChainShown(Err(message)) => {
                self.error(message);
            }
            _ => {}
        }
    }

    /// Keys in the chain view.
    pub(super) fn act_chain(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.chain_rows();
        let page = super::signed(rows);
        let Mode::Chain(view) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::MoveDown => view.move_by(1, rows),
            Action::MoveUp => view.move_by(-1, rows),
            Action::PageDown => view.move_by(page, rows),
            Action::PageUp => view.move_by(-page, rows),
            Action::First => view.move_by(isize::MIN / 2, rows),
            Action::Last => view.move_by(isize::MAX / 2, rows),
            Action::Cancel => {
                self.leave_chain();
            }
            Action::Open => return self.open_from_chain(),
            Action::TagSelection => return self.tag_from_chain(),
            _ => {}
        }
        Vec::new()
    }

    /// Closes the chain view, keeping where it was (for `c` on the same claim) and making
    /// its claim the current one (what `e` links to).
    fn leave_chain(&mut self) {
        if let Mode::Chain(view) = &self.mode {
            let claim = view.chain.claim;
            self.chain_back = Some((claim, view.selected, view.offset));
            self.current_claim = Some(claim);
        }
        self.mode = Mode::Panes;
    }

    /// Enter: the selected passage, name or origin in the reader (an origin with the
    /// passage its text carries selected, ready to link).
    fn open_from_chain(&mut self) -> Vec<Effect> {
        let Mode::Chain(view) = &self.mode else {
            return Vec::new();
        };
        let Some((doc, at)) = place(view) else {
            return Vec::new();
        };
        let claim = view.chain.claim;
        let carried = carried_at(view);
        self.leave_chain();
        let note = match &carried {
            Some((copy, _)) => strings::carried_selected(copy, claim),
            None => strings::BACK_TO_CHAIN.to_owned(),
        };
        self.after_load = Some((doc.clone(), carried.map(|(_, range)| range), note));
        self.remember_place();
        vec![self.load(doc, at)]
    }

    /// `t`: the selected name (on a passage, the first name it is attributed to) selected
    /// in its document, its type asked for.
    fn tag_from_chain(&mut self) -> Vec<Effect> {
        let Mode::Chain(view) = &self.mode else {
            return Vec::new();
        };
        let Some(row) = view.row() else {
            return Vec::new();
        };
        let Some(link) = view.link(row) else {
            self.say(strings::PICK_A_NAME);
            return Vec::new();
        };
        let name = match row {
            Row::Named { depth, .. } => link.attribution.get(depth),
            _ => link.attribution.iter().find(|a| !a.target_at.is_empty()),
        };
        let Some(name) = name else {
            self.say(strings::NOTHING_ATTRIBUTED);
            return Vec::new();
        };
        if name.target_at.is_empty() {
            // A forwarded message's channel: named by the export, not in the text.
            let message = strings::not_in_text(&name.target);
            self.say(message);
            return Vec::new();
        }
        let (doc, range) = (link.doc.clone(), name.target_at.clone());
        self.leave_chain();
        self.tag_after_load = Some((doc.clone(), range.clone()));
        self.remember_place();
        vec![self.load(doc, Some(range.start))]
    }
}

/// On an origin's head whose text carries a copy's passage: the copy holding it, and
/// where the passage is in the origin (bytes).
fn carried_at(view: &ChainView) -> Option<(String, std::ops::Range<usize>)> {
    let Some(Row::Source { source }) = view.row() else {
        return None;
    };
    let branch = view.chain.sources.get(source)?;
    let carried = branch.carries.as_ref()?;
    let copy = branch.evidence.iter().find(|l| l.id == carried.evidence)?;
    Some((copy.doc.clone(), carried.at.clone()))
}

/// The document and the byte the selected row of `view` opens at.
fn place(view: &ChainView) -> Option<(String, Option<usize>)> {
    let row = view.row()?;
    if let Row::Source { source } = row {
        let branch = view.chain.sources.get(source)?;
        let at = branch.carries.as_ref().map(|c| c.at.start);
        let at = at.or_else(|| {
            let own = branch.evidence.iter().find(|l| !l.copy)?;
            Some(own.at.start)
        });
        return Some((branch.origin.clone(), at));
    }
    let link = view.link(row)?;
    let at = match row {
        Row::Named { depth, .. } => link
            .attribution
            .get(depth)
            .filter(|a| !a.target_at.is_empty())
            .map_or(link.at.start, |a| a.target_at.start),
        _ => link.at.start,
    };
    Some((link.doc.clone(), Some(at)))
}
