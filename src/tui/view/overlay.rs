//! The overlays: the key help (generated from the keymap) and the calibration page.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::bidi::{Base, LayoutSettings, layout_paragraph};
use crate::text::script::Direction;
use crate::tui::app::App;
use crate::tui::paint::{fill, label, paint_line};
use crate::tui::strings;
use crate::tui::theme::Surface;
use crate::workspace::BidiMode;

/// Covers every row but the status line with `surface` (nothing of the panes shows
/// through, not even a column at the edge) and returns the area to write in: `margin`
/// columns in from each side, below a blank top row.
pub(super) fn overlay_box(buf: &mut Buffer, screen: Rect, margin: u16, surface: &Surface) -> Rect {
    let covered = Rect::new(
        screen.x,
        screen.y,
        screen.width,
        screen.height.saturating_sub(1),
    );
    for y in covered.y..covered.bottom() {
        for x in covered.x..covered.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
            }
        }
    }
    fill(buf, covered, surface.text);
    Rect::new(
        covered.x + margin,
        covered.y + 1,
        covered.width.saturating_sub(margin * 2),
        covered.height.saturating_sub(1),
    )
}

pub(super) fn draw_help(app: &App, buf: &mut Buffer, screen: Rect, scroll: u16) {
    let overlay = &app.theme().overlay;
    let area = overlay_box(buf, screen, 1, overlay);
    let mut lines: Vec<(String, String, bool)> = Vec::new();
    for (context, rows) in app.keymap.sections() {
        if !lines.is_empty() {
            lines.push((String::new(), String::new(), false));
        }
        lines.push((
            strings::context_title(context).to_owned(),
            String::new(),
            true,
        ));
        for (action, keys) in rows {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            lines.push((keys, strings::action_help(action).to_owned(), false));
        }
    }
    label(
        buf,
        area.x + 1,
        area.y,
        strings::HELP_TITLE,
        area.width.saturating_sub(2),
        overlay.text.patch(overlay.heading),
    );
    let body_height = area.height.saturating_sub(3);
    let scroll = usize::from(scroll).min(lines.len().saturating_sub(usize::from(body_height)));
    for (y, (keys, help, heading)) in
        (area.y + 2..).zip(lines.iter().skip(scroll).take(usize::from(body_height)))
    {
        if *heading {
            label(
                buf,
                area.x + 1,
                y,
                keys,
                area.width.saturating_sub(2),
                overlay.text.patch(overlay.heading),
            );
        } else {
            let column = (area.width / 3).clamp(8, 24);
            label(
                buf,
                area.x + 2,
                y,
                keys,
                column - 1,
                overlay.text.patch(overlay.accent),
            );
            label(
                buf,
                area.x + 2 + column,
                y,
                help,
                area.width.saturating_sub(column + 3),
                overlay.text,
            );
        }
    }
    label(
        buf,
        area.x + 1,
        area.bottom() - 1,
        strings::HELP_FOOTER,
        area.width.saturating_sub(2),
        overlay.text.patch(overlay.meta),
    );
}

pub(super) fn draw_calibrate(app: &App, buf: &mut Buffer, screen: Rect) {
    let overlay = &app.theme().overlay;
    let area = overlay_box(buf, screen, 2, overlay);
    label(
        buf,
        area.x + 1,
        area.y,
        strings::CALIBRATE_TITLE,
        area.width.saturating_sub(2),
        overlay.text.patch(overlay.heading),
    );
    let sample = strings::CALIBRATE_SAMPLE;
    let width = area.width.saturating_sub(8).min(50);
    let choices = [
        (BidiMode::App, false),
        (BidiMode::App, true),
        (BidiMode::Off, false),
    ];
    for (index, ((mode, shape), choice)) in
        choices.iter().zip(strings::CALIBRATE_CHOICES).enumerate()
    {
        let y = area.y + 2 + u16::try_from(index).unwrap_or(0) * 3;
        if y + 1 >= area.bottom() {
            break;
        }
        label(
            buf,
            area.x + 1,
            y,
            &format!("{}.", index + 1),
            3,
            overlay.text.patch(overlay.accent),
        );
        let settings = LayoutSettings {
            width,
            base: Base::Forced(Direction::Rtl),
            shape: *shape,
        };
        let layout = layout_paragraph(sample, &settings);
        if let Some(line) = layout.lines.first() {
            paint_line(
                buf,
                Rect::new(area.x + 5, y, width, 1),
                sample,
                line,
                *mode,
                &|_| overlay.text,
            );
        }
        label(
            buf,
            area.x + 5,
            y + 1,
            choice,
            area.width.saturating_sub(6),
            overlay.text.patch(overlay.meta),
        );
    }
}
