//! Mouse clicks and the wheel: never needed, always welcome.

use super::{App, Focus, Left, Mode};
use crate::tui::msg::Effect;
use crate::tui::search_pane::ROWS_PER_RESULT;

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) -> Vec<Effect> {
        let Some(areas) = self.areas else {
            return Vec::new();
        };
        if !matches!(self.mode, Mode::Panes) {
            return Vec::new();
        }
        let inside = |r: ratatui::layout::Rect| {
            column >= r.x && column < r.right() && row >= r.y && row < r.bottom()
        };
        let left_column =
            inside(areas.search_title) || inside(areas.query) || inside(areas.results);
        if left_column && self.left() == Left::Entities {
            // The left column shows the entities, not the search: they take the keys.
            self.focus_on(Focus::Entities);
        } else if left_column && self.left() == Left::Claims {
            self.focus_on(Focus::Claims);
        } else if inside(areas.query) || inside(areas.search_title) {
            self.focus_on(Focus::Query);
        } else if inside(areas.results) {
            self.focus_on(Focus::Results);
            let index = self.search.offset + usize::from((row - areas.results.y) / ROWS_PER_RESULT);
            if index < self.search.hits.len() {
                if index == self.search.selected {
                    return self.open_selected();
                }
                self.search.select(index, self.visible_results());
            }
        } else if inside(areas.reader_body) {
            self.focus_on(Focus::Reader);
            self.reader.click(
                usize::from(row - areas.reader_body.y),
                column - areas.reader_body.x,
            );
        } else if inside(areas.reader_title) || inside(areas.reader_meta) {
            self.focus_on(Focus::Reader);
        }
        Vec::new()
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let Some(areas) = self.areas else {
            return;
        };
        let step: isize = if down { 3 } else { -3 };
        if column >= areas.reader_body.x
            && row >= areas.reader_body.y
            && row < areas.reader_body.bottom()
            && column < areas.reader_body.right()
        {
            self.reader.scroll(step);
        } else if row >= areas.results.y
            && row < areas.results.bottom()
            && column < areas.results.right()
            && self.left() == Left::Search
        {
            self.search.move_by(step.signum(), self.visible_results());
        }
    }
}
