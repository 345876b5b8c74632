//! The chain view: the claim, its counts, then each independent source as a tree: the
//! origin's head, the passages in it and in its copies (oldest first, the first appearance
//! badged, a copy said so), each passage's quote and, one row a link, who it is attributed
//! to, each name citing the one above it. The interface's lines are left to right; names
//! and quotes are isolated, each in its own direction. Only the rows in view are drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::overlay_box;
use crate::export::chain::{Link, Source};
use crate::text::bidi::Base;
use crate::text::script::Direction;
use crate::tui::app::App;
use crate::tui::chain_view::{ChainView, HEAD_ROWS, Row};
use crate::tui::paint::{TextLine, fill, label};
use crate::tui::strings;
use crate::tui::theme::Surface;

/// Interface text with names in it: left to right, whatever the names are.
const LTR: Base = Base::Forced(Direction::Ltr);
/// A quote: its own first strong character decides, right to left if it has none.
const QUOTE: Base = Base::Auto {
    fallback: Direction::Rtl,
};

pub(super) fn draw(app: &App, view: &ChainView, buf: &mut Buffer, screen: Rect) {
    let overlay = &app.theme().overlay;
    let area = overlay_box(buf, screen, 1, overlay);
    if area.height <= HEAD_ROWS || area.width < 8 {
        return;
    }
    let chain = &view.chain;
    let line = |y: u16| Rect::new(area.x, y, area.width, 1);
    TextLine {
        text: &strings::chain_title(chain.claim, &chain.status, &chain.text),
        base: LTR,
        style: overlay.text.patch(overlay.heading),
        marks: &[],
    }
    .paint(buf, line(area.y), app.painter());
    let pieces = chain.sources.iter().map(|s| s.evidence.len()).sum();
    TextLine::plain(
        &strings::chain_counts(chain.independent_sources, pieces),
        overlay.text.patch(overlay.meta),
    )
    .paint(buf, line(area.y + 1), app.painter());
    let top = area.y + HEAD_ROWS;
    let visible = usize::from(area.bottom() - top);
    for (slot, (index, row)) in view
        .rows
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(visible)
        .enumerate()
    {
        let y = top + u16::try_from(slot).unwrap_or(0);
        let surface = if index == view.selected {
            &app.theme().selected
        } else {
            overlay
        };
        draw_row(app, view, *row, surface, buf, line(y));
    }
    if chain.sources.is_empty() {
        TextLine::plain(strings::CHAIN_EMPTY, overlay.text.patch(overlay.meta)).paint(
            buf,
            line(top),
            app.painter(),
        );
    }
}

/// One row of the tree at `area`, on `surface` (the selection's, or the overlay's).
fn draw_row(
    app: &App,
    view: &ChainView,
    row: Row,
    surface: &Surface,
    buf: &mut Buffer,
    area: Rect,
) {
    let sources = &view.chain.sources;
    if row != Row::Gap {
        fill(buf, area, surface.text);
    }
    match row {
        Row::Gap => {}
        Row::Source { source } => {
            if let Some(branch) = sources.get(source) {
                draw_head(app, branch, surface, buf, area);
            }
        }
        Row::Carries { source } => {
            if let Some(branch) = sources.get(source) {
                draw_carries(app, branch, surface, buf, area);
            }
        }
        Row::Piece { source, link } => {
            if let Some((branch, piece)) = piece(sources, source, link) {
                let last = link + 1 >= branch.evidence.len();
                let badge = view.chain.told_earlier();
                draw_piece(app, piece, (last, badge), surface, buf, area);
            }
        }
        Row::Quote { source, link } => {
            if let Some((branch, piece)) = piece(sources, source, link) {
                let x = trunk(buf, branch, link, surface, area);
                let quote = piece.quote.replace(['\n', '\r', '\t'], " ");
                let line = TextLine {
                    text: &quote,
                    base: QUOTE,
                    style: surface.text,
                    marks: &[],
                };
                // Under its passage, not at the far side: a right-to-left quote is laid
                // out in a box as wide as it is (the whole row when longer).
                let room = indent(area, x + 2);
                let width = line
                    .layout_painted(room.width, app.painter())
                    .lines
                    .first()
                    .map_or(room.width, |l| l.width);
                line.paint(buf, Rect { width, ..room }, app.painter());
            }
        }
        Row::Named {
            source,
            link,
            depth,
        } => {
            let Some((branch, piece)) = piece(sources, source, link) else {
                return;
            };
            let Some(named) = piece.attribution.get(depth) else {
                return;
            };
            let x = trunk(buf, branch, link, surface, area);
            // Each name one step in from the one it is cited by.
            let depth = u16::try_from(depth).unwrap_or(u16::MAX / 4);
            paint_ltr(
                app,
                buf,
                indent(area, x + 2 + depth.saturating_mul(2)),
                &strings::chain_named(&named.target, named.kind.as_str(), &named.phrase),
                surface.text.patch(surface.meta),
            );
        }
    }
}

/// An independent source's head: its outlet, origin and date (its passages say which
/// one is a first appearance).
fn draw_head(app: &App, branch: &Source, surface: &Surface, buf: &mut Buffer, area: Rect) {
    let head = strings::chain_source(
        &branch.source,
        &branch.origin,
        branch.published.as_deref(),
        branch.origin_linked,
    );
    paint_ltr(app, buf, area, &head, surface.text.patch(surface.heading));
}

/// Under an origin nothing is linked in: that its text carries a copy's passage (a hint
/// when it came out before the first linked report).
fn draw_carries(app: &App, branch: &Source, surface: &Surface, buf: &mut Buffer, area: Rect) {
    let Some(carried) = &branch.carries else {
        return;
    };
    let text = format!(
        "│  {}",
        strings::chain_carries(&carried.copies, carried.earlier)
    );
    let style = if carried.earlier {
        surface.hint
    } else {
        surface.meta
    };
    paint_ltr(app, buf, area, &text, surface.text.patch(style));
}

/// A passage's row: its branch line, stance, date, outlet, document, "copy", and "first"
/// at the end when it is a first appearance.
fn draw_piece(
    app: &App,
    piece: &Link,
    (last, told_earlier): (bool, bool),
    surface: &Surface,
    buf: &mut Buffer,
    area: Rect,
) {
    let text = format!(
        "{}{}",
        if last { "└─ " } else { "├─ " },
        strings::chain_piece(
            piece.stance.as_str(),
            piece.published.as_deref(),
            &piece.source,
            &piece.doc,
            (piece.copy, piece.added_to_copy_of.as_deref()),
            piece.orphaned,
        )
    );
    let style = surface.text.patch(surface.stance(piece.stance));
    let first = if told_earlier {
        strings::FIRST_LINKED_BADGE
    } else {
        strings::FIRST_BADGE
    };
    let badge = piece.first.then_some(first);
    text_with_badge(app, buf, area, &text, style, badge, surface);
}

/// What runs down the left of a passage's own rows: the line on to the branch's next
/// passage, or nothing after its last. Returns the columns it takes.
fn trunk(buf: &mut Buffer, branch: &Source, link: usize, surface: &Surface, area: Rect) -> u16 {
    let text = if link + 1 >= branch.evidence.len() {
        "   "
    } else {
        "│  "
    };
    label(
        buf,
        area.x,
        area.y,
        text,
        area.width,
        surface.text.patch(surface.meta),
    )
}

/// Branch `source` and its `link`th piece.
fn piece(sources: &[Source], source: usize, link: usize) -> Option<(&Source, &Link)> {
    let branch = sources.get(source)?;
    Some((branch, branch.evidence.get(link)?))
}

/// `area` less `by` columns on the left.
fn indent(area: Rect, by: u16) -> Rect {
    let by = by.min(area.width);
    Rect::new(area.x + by, area.y, area.width - by, 1)
}

/// Interface text, left to right, cut to `area`.
fn paint_ltr(app: &App, buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    TextLine {
        text,
        base: LTR,
        style,
        marks: &[],
    }
    .paint(buf, area, app.painter());
}

/// `text` at `area`'s left, `badge` (if any) at its right end.
fn text_with_badge(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    style: Style,
    badge: Option<&str>,
    surface: &Surface,
) {
    let mut room = area.width;
    if let Some(badge) = badge {
        let width = u16::try_from(badge.chars().count()).unwrap_or(0);
        label(
            buf,
            area.right().saturating_sub(width),
            area.y,
            badge,
            width,
            surface.text.patch(surface.accent),
        );
        room = room.saturating_sub(width + 1);
    }
    paint_ltr(
        app,
        buf,
        Rect {
            width: room,
            ..area
        },
        text,
        style,
    );
}
