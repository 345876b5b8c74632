//! Where each pane goes for a terminal size: one pure function, used by the view to draw
//! and by the panes to know their page size and where a click landed.

use ratatui::layout::Rect;

use super::search_pane::ROWS_PER_RESULT;

/// Smallest terminal the workbench draws in; below it a message says so.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// From this width the search and reader panes stand side by side.
const SIDE_BY_SIDE: u16 = 100;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub search_title: Rect,
    pub query: Rect,
    pub results: Rect,
    pub reader_title: Rect,
    pub reader_meta: Rect,
    pub reader_body: Rect,
    /// A one-column rule between side-by-side panes (empty when stacked).
    pub divider: Rect,
    pub status: Rect,
    /// The keys of the pane and mode at hand, under the status line.
    pub hints: Rect,
}

impl Areas {
    /// The regions of a `width` × `height` screen; `None` when it is too small.
    pub fn of(width: u16, height: u16) -> Option<Areas> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let status = Rect::new(0, height - 2, width, 1);
        let hints = Rect::new(0, height - 1, width, 1);
        let main = height - 2;
        let (search, reader, divider) = if width >= SIDE_BY_SIDE {
            let left = (width * 2 / 5).max(36);
            (
                Rect::new(0, 0, left, main),
                Rect::new(left + 1, 0, width - left - 1, main),
                Rect::new(left, 0, 1, main),
            )
        } else {
            // Room for two results when the screen allows (80×24 does), the reader keeping
            // at least five rows.
            let top = (main * 2 / 5).max(9).min(main.saturating_sub(5)).max(5);
            (
                Rect::new(0, 0, width, top),
                Rect::new(0, top, width, main - top),
                Rect::default(),
            )
        };
        let row = |area: Rect, offset: u16| Rect::new(area.x, area.y + offset, area.width, 1);
        Some(Areas {
            search_title: row(search, 0),
            query: row(search, 1),
            results: Rect::new(search.x, search.y + 2, search.width, search.height - 2),
            reader_title: row(reader, 0),
            reader_meta: row(reader, 1),
            reader_body: Rect::new(reader.x, reader.y + 2, reader.width, reader.height - 2),
            divider,
            status,
            hints,
        })
    }

    /// Results that fit in the results area: each takes three rows and a blank one, and
    /// the last needs no blank row after it.
    pub fn visible_results(&self) -> usize {
        usize::from((self.results.height + 1) / ROWS_PER_RESULT).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fit_side_by_side_or_stacked_and_tiny_screens_are_refused() {
        let wide = Areas::of(120, 40).expect("fits");
        assert_eq!(wide.results.x, 0);
        assert_eq!(wide.reader_body.x, wide.divider.x + 1);
        assert_eq!(wide.reader_body.right(), 120);
        assert_eq!(wide.status.y, 38);
        assert_eq!(wide.hints.y, 39);
        let narrow = Areas::of(60, 20).expect("fits");
        assert_eq!(narrow.reader_body.width, 60);
        assert!(narrow.results.height >= 3);
        assert_eq!(narrow.reader_body.bottom(), 18);
        assert!(Areas::of(20, 5).is_none());
        assert!(Areas::of(39, 30).is_none());
    }

    #[test]
    fn at_80_by_24_two_results_show() {
        let areas = Areas::of(80, 24).expect("fits");
        assert_eq!(areas.visible_results(), 2);
        assert!(areas.reader_body.height >= 10);
    }
}
