//! The overlays: the key help (generated from the keymap) and the calibration page.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::bidi::{Base, LayoutSettings, layout_paragraph};
use crate::text::script::Direction;
use crate::tui::action::{Action, Context};
use crate::tui::app::App;
use crate::tui::help::{self, HelpRow};
use crate::tui::paint::{TextLine, fill, label, paint_line};
use crate::tui::strings;
use crate::tui::theme::Surface;
use crate::workspace::BidiMode;

/// Covers every row but the status and hint lines with `surface` (nothing of the panes
/// shows through, not even a column at the edge) and returns the area to write in:
/// `margin` columns in from each side, below a blank top row.
pub(super) fn overlay_box(buf: &mut Buffer, screen: Rect, margin: u16, surface: &Surface) -> Rect {
    let covered = Rect::new(
        screen.x,
        screen.y,
        screen.width,
        screen.height.saturating_sub(2),
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
    let rows = help::rows(app.keymap(), area.width);
    let body_height = usize::from(area.height.saturating_sub(2));
    let scroll = usize::from(scroll).min(rows.len().saturating_sub(body_height));
    let shown = rows.len().min(scroll + body_height);
    // Where the help is, and that it scrolls.
    let position = if rows.len() > body_height {
        format!(
            " · {}",
            strings::help_position(scroll + 1, shown, rows.len())
        )
    } else {
        String::new()
    };
    TextLine::plain(
        &format!("{}{position}", strings::HELP_TITLE),
        overlay.text.patch(overlay.heading),
    )
    .paint(
        buf,
        Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1),
        app.painter(),
    );
    let (column, does_width) = help::columns(area.width);
    for (y, row) in (area.y + 1..).zip(rows.iter().skip(scroll).take(body_height)) {
        match row {
            HelpRow::Heading(text) => label(
                buf,
                area.x + 1,
                y,
                text,
                area.width.saturating_sub(2),
                overlay.text.patch(overlay.heading),
            ),
            HelpRow::Keys(keys, does) => {
                let keys_width = if does.is_empty() {
                    area.width.saturating_sub(3)
                } else {
                    column - 1
                };
                TextLine::plain(keys, overlay.text.patch(overlay.accent)).paint(
                    buf,
                    Rect::new(area.x + 2, y, keys_width, 1),
                    app.painter(),
                );
                TextLine::plain(does, overlay.text).paint(
                    buf,
                    Rect::new(area.x + 2 + column, y, does_width, 1),
                    app.painter(),
                );
                0
            }
            HelpRow::Blank => 0,
        };
    }
    let more = if shown < rows.len() {
        format!("{} · ", strings::MORE_BELOW)
    } else if scroll > 0 {
        format!("{} · ", strings::MORE_ABOVE)
    } else {
        String::new()
    };
    label(
        buf,
        area.x + 1,
        area.bottom() - 1,
        &format!("{more}{}", strings::HELP_FOOTER),
        area.width.saturating_sub(2),
        overlay.text.patch(overlay.meta),
    );
}

pub(super) fn draw_calibrate(app: &App, buf: &mut Buffer, screen: Rect) {
    let overlay = &app.theme().overlay;
    // Each line is labelled with its key in the keymap.
    let keys = |action| app.keymap().label(Context::Calibrate, action);
    let actions = [
        Action::CalibrateApp,
        Action::CalibrateShaped,
        Action::CalibrateTerminal,
    ];
    let choices = actions.map(keys).join(", ");
    let leave = keys(Action::Cancel);
    let area = overlay_box(buf, screen, 2, overlay);
    label(
        buf,
        area.x + 1,
        area.y,
        &strings::calibrate_title(&choices, &leave),
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
            &format!("{}.", keys(actions[index])),
            4,
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
