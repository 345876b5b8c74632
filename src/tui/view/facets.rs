//! The facets overlay: each facet's values with their counts, how each is picked, the one
//! selected; outlet names in their own direction.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::overlay::overlay_box;
use crate::facets::{Count, Facet, Picked};
use crate::text::bidi::Base;
use crate::text::script::Direction;
use crate::tui::app::App;
use crate::tui::facets_pane::{FacetPicker, Row};
use crate::tui::paint::{TextLine, fill, label};
use crate::tui::strings;
use crate::tui::theme::Surface;

/// Columns kept for a value's count at the right.
const COUNT_WIDTH: u16 = 9;

/// The widest the list of values is drawn.
const MAX_WIDTH: u16 = 72;

pub(super) fn draw(app: &App, picker: &FacetPicker, buf: &mut Buffer, screen: Rect) {
    let theme = app.theme();
    let overlay = &theme.overlay;
    let covered = overlay_box(buf, screen, 2, overlay);
    // A column of values and counts reads best narrow: the count beside its value.
    let width = covered.width.min(MAX_WIDTH);
    let area = Rect::new(covered.x, covered.y, width, covered.height);
    let picks = &app.search().picks;
    draw_heading(app, picker, buf, covered);
    let body = Rect::new(
        area.x,
        area.y + 2,
        area.width,
        area.height.saturating_sub(3),
    );
    let rows = picker.rows(picks);
    if picker.offset + usize::from(body.height) < rows.len() {
        // The row under the list says there is more: a short terminal hides facets.
        label(
            buf,
            body.x + 1,
            body.bottom(),
            strings::MORE_BELOW,
            body.width.saturating_sub(2),
            overlay.text.patch(overlay.meta),
        );
    }
    if picker.facets.as_ref().is_some_and(|f| f.total == 0) && rows.is_empty() {
        label(
            buf,
            body.x + 1,
            body.y,
            strings::NO_FACETS,
            body.width.saturating_sub(2),
            overlay.text.patch(overlay.meta),
        );
        return;
    }
    for (slot, (index, row)) in rows
        .iter()
        .enumerate()
        .skip(picker.offset)
        .take(usize::from(body.height))
        .enumerate()
    {
        let y = body.y + u16::try_from(slot).unwrap_or(0);
        match row {
            Row::Heading(facet) => {
                label(
                    buf,
                    body.x + 1,
                    y,
                    facet.as_str(),
                    body.width.saturating_sub(2),
                    overlay.text.patch(overlay.heading),
                );
            }
            Row::Value {
                facet,
                count,
                picked,
            } => {
                let surface = if index == picker.selected {
                    &theme.selected
                } else {
                    overlay
                };
                let line = Rect::new(body.x, y, body.width, 1);
                draw_value(app, buf, line, surface, (*facet, count, *picked));
            }
        }
    }
}

/// One value: its mark (picked, excluded or not), its label in its own direction, its
/// count at the right.
fn draw_value(
    app: &App,
    buf: &mut Buffer,
    line: Rect,
    surface: &Surface,
    (facet, count, picked): (Facet, &Count, Option<Picked>),
) {
    let y = line.y;
    fill(buf, line, surface.text);
    let mark = match picked {
        Some(Picked::Included) => "[+]",
        Some(Picked::Excluded) => "[-]",
        None => "[ ]",
    };
    label(buf, line.x + 3, y, mark, 3, surface.accent);
    let number = count.count.to_string();
    let value_width = line.width.saturating_sub(8 + COUNT_WIDTH);
    let style = if picked == Some(Picked::Excluded) {
        surface
            .text
            .patch(surface.meta)
            .add_modifier(ratatui::style::Modifier::CROSSED_OUT)
    } else {
        surface.text
    };
    // Left-aligned beside its mark, whatever its direction (a right-to-left name still
    // reads right to left within).
    TextLine {
        text: &count.label(facet),
        base: Base::Forced(Direction::Ltr),
        style,
        marks: &[],
    }
    .paint(buf, Rect::new(line.x + 7, y, value_width, 1), app.painter());
    let width = u16::try_from(number.len()).unwrap_or(COUNT_WIDTH);
    label(
        buf,
        line.right().saturating_sub(width + 2),
        y,
        &number,
        width,
        surface.text.patch(surface.meta),
    );
}

/// The overlay's first two lines: what is counted (or why not), and what narrows it.
fn draw_heading(app: &App, picker: &FacetPicker, buf: &mut Buffer, covered: Rect) {
    let theme = app.theme();
    let overlay = &theme.overlay;
    let picks = &app.search().picks;
    let title = match (&picker.error, &picker.facets) {
        (Some(error), _) => error.clone(),
        (None, Some(facets)) => strings::facets_title(facets.total, picker.millis),
        (None, None) => strings::FACETS_COUNTING.to_owned(),
    };
    let title_style = if picker.error.is_some() {
        overlay.text.patch(theme.plain.error)
    } else {
        overlay.text.patch(overlay.heading)
    };
    TextLine::plain(&title, title_style).paint(
        buf,
        Rect::new(covered.x + 1, covered.y, covered.width.saturating_sub(2), 1),
        app.painter(),
    );
    if !picks.is_empty() {
        TextLine {
            text: &strings::narrowed(&picks.to_string()),
            base: Base::Auto {
                fallback: Direction::Ltr,
            },
            style: overlay.text.patch(overlay.meta),
            marks: &[],
        }
        .paint(
            buf,
            Rect::new(
                covered.x + 1,
                covered.y + 1,
                covered.width.saturating_sub(2),
                1,
            ),
            app.painter(),
        );
    }
}
