//! The bottom two rows: the mode, the status message and the settings, or the command
//! line; the key hints of the pane and mode at hand.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{AUTO, inner};
use crate::text::bidi::{Base, base_direction};
use crate::text::script::Direction;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::hints;
use crate::tui::input::TextInput;
use crate::tui::layout::Areas;
use crate::tui::paint::{TextLine, fill, label, paint_field};
use crate::tui::strings;

/// Draws the status line (or the command line) and the key hints under it; returns the
/// command line's cursor.
pub(super) fn draw_status(app: &App, buf: &mut Buffer, areas: &Areas) -> Option<Position> {
    let area = areas.status;
    let theme = app.theme();
    let status = &theme.status;
    fill(buf, area, status.text);
    if let Some(input) = app.command() {
        // What Tab offers, what a key opened the line for: on the hint row.
        match app.status() {
            Some(message) => {
                fill(buf, areas.hints, status.text);
                let style = if message.error {
                    status.text.patch(status.error)
                } else {
                    status.text.patch(status.meta)
                };
                TextLine::plain(&message.text, style).paint(
                    buf,
                    inner(areas.hints, 1),
                    app.painter(),
                );
            }
            None => draw_hints(app, buf, areas.hints),
        }
        return Some(draw_command_line(app, input, buf, area));
    }
    let mut x = area.x
        + label(
            buf,
            area.x,
            area.y,
            mode_name(app),
            area.width,
            theme.status_mode,
        );
    x += 1;
    let mut right = strings::settings(app.bidi().as_str(), app.reader().shape);
    if let Some((done, total, copies)) = app.reindexing() {
        let progress = if copies {
            strings::copies_progress(done, total)
        } else {
            strings::reindexing_progress(done, total)
        };
        right = format!("{progress} · {right}");
    }
    right = format!("{} · {right} ", app.workspace());
    let right_width = u16::try_from(right.chars().count()).unwrap_or(0);
    let mut message_end = area.right().saturating_sub(right_width + 1);
    // The message comes first: the settings on the right give way to it.
    let message_needs = app.status().map_or(0, |m| {
        u16::try_from(m.text.chars().count()).unwrap_or(u16::MAX)
    });
    if right_width + 1 >= area.width.saturating_sub(x) / 2
        || message_needs > message_end.saturating_sub(x)
    {
        message_end = area.right();
    } else {
        label(
            buf,
            area.right() - right_width,
            area.y,
            &right,
            right_width,
            status.text.patch(status.meta),
        );
    }
    let Some(message) = app.status() else {
        draw_hints(app, buf, areas.hints);
        return None;
    };
    let style = if message.error {
        status.text.patch(status.error)
    } else {
        status.text
    };
    // A message longer than its room goes on over the hint row: it is read once, the
    // hints are always there.
    let width = message_end.saturating_sub(x);
    let line = TextLine::plain(&message.text, style);
    if line.lines(width) > 1 {
        fill(buf, areas.hints, status.text);
        line.paint_wrapped(
            buf,
            &[
                Rect::new(x, area.y, width, 1),
                Rect::new(
                    x,
                    areas.hints.y,
                    areas.hints.right().saturating_sub(x + 1),
                    1,
                ),
            ],
            app.painter(),
        );
    } else {
        line.paint(buf, Rect::new(x, area.y, width, 1), app.painter());
        draw_hints(app, buf, areas.hints);
    }
    None
}

/// The mode the status line names: the focused pane, or what waits for a key.
fn mode_name(app: &App) -> &'static str {
    match app.mode() {
        Mode::TagType { .. } => strings::MODE_TAG_AS,
        Mode::Stance(_) => strings::MODE_STANCE,
        Mode::Preview(_) => strings::MODE_TAG_ALL,
        Mode::Command(_) => strings::MODE_COMMAND,
        Mode::Help { .. } => strings::MODE_HELP,
        Mode::Calibrate => strings::MODE_CALIBRATE,
        Mode::Matrix => strings::MODE_MATRIX,
        Mode::Facets(_) => strings::MODE_FACETS,
        Mode::Copies(_) => strings::MODE_COPIES,
        Mode::Chain(_) => strings::MODE_CHAIN,
        Mode::Panes => match app.focus() {
            Focus::Query => strings::MODE_QUERY,
            Focus::Results => strings::MODE_RESULTS,
            Focus::Reader if app.reader().selection().is_some() => strings::MODE_SELECT,
            Focus::Reader => strings::MODE_READER,
            Focus::Entities => strings::MODE_ENTITIES,
            Focus::Claims => strings::MODE_CLAIMS,
        },
    }
}

/// The key hints of the pane and mode at hand, whole hints only.
fn draw_hints(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme();
    let mut x = area.x + 1;
    for (i, hint) in hints::hints(app).iter().enumerate() {
        let separator = if i == 0 { "" } else { " · " };
        let width = u16::try_from(
            separator.chars().count() + hint.keys.chars().count() + 1 + hint.does.chars().count(),
        )
        .unwrap_or(u16::MAX);
        if x + width > area.right() {
            break;
        }
        x += label(buf, x, area.y, separator, width, theme.plain.meta);
        x += label(buf, x, area.y, &hint.keys, width, theme.plain.accent);
        x += 1;
        x += label(buf, x, area.y, &hint.does, width, theme.plain.meta);
    }
}

/// The command line: `:`, the command's name, and its argument laid out in its own
/// direction (a claim's Arabic text right to left, right-aligned); returns the cursor.
fn draw_command_line(app: &App, input: &TextInput, buf: &mut Buffer, area: Rect) -> Position {
    let status = &app.theme().status;
    label(
        buf,
        area.x,
        area.y,
        ":",
        1,
        status.text.patch(status.accent),
    );
    let text = input.text();
    let cursor = input.cursor_byte();
    let field = inner(area, 1);
    // The name and the space after it, then the argument.
    let split = text.find(' ').map(|i| i + 1);
    let argument_rtl = split
        .and_then(|at| text.get(at..))
        .is_some_and(|arg| base_direction(arg, AUTO) == Direction::Rtl);
    let (Some(at), true) = (split, argument_rtl) else {
        let x = paint_field(
            buf,
            field,
            &TextLine::plain(text, status.text),
            cursor,
            app.painter(),
        );
        return Position::new(field.x + x, field.y);
    };
    let (name, argument) = text.split_at(at);
    let name_width = u16::try_from(name.chars().count())
        .unwrap_or(0)
        .min(field.width);
    TextLine::plain(name, status.text).paint(
        buf,
        Rect::new(field.x, field.y, name_width, 1),
        app.painter(),
    );
    let argument_area = Rect::new(
        field.x + name_width,
        field.y,
        field.width.saturating_sub(name_width),
        1,
    );
    let argument_line = TextLine {
        text: argument,
        base: Base::Forced(Direction::Rtl),
        style: status.text,
        marks: &[],
    };
    let x = paint_field(
        buf,
        argument_area,
        &argument_line,
        cursor.saturating_sub(at),
        app.painter(),
    );
    if cursor < at {
        let typed = text.get(..cursor).unwrap_or_default().chars().count();
        Position::new(field.x + u16::try_from(typed).unwrap_or(0), field.y)
    } else {
        Position::new(argument_area.x + x, field.y)
    }
}
