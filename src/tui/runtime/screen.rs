//! Getting a frame onto the terminal a whole row at a time.
//!
//! ratatui writes only the cells that changed. Terminals draw Arabic harakat, the hamza of
//! أ and long tails past their cell, into the cells and rows around it, and repaint only
//! what is written to (xterm) or only what changed (Konsole, mlterm): after a scroll,
//! pieces of the old text stayed among the new, looking like harakat (`مُناطق`, `حَاولت`).
//! So a row that changes is written whole, and so are the rows above and below it; where
//! the terminal repaints only changes, the cells of the default background of those rows
//! alternate between it and the same colour spelled out, so that every cell changes and
//! the row is painted anew. Seen with term-shot; the output grows by the unchanged cells
//! of those rows only.

use std::io::{self, Write};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::terminal::{Display, kitty};
use crate::tui::view;

/// The terminal and what it shows.
pub(super) struct Screen<W: Write> {
    terminal: Terminal<CrosstermBackend<W>>,
    /// The last frame written; `None` after the screen was cleared.
    shown: Option<Buffer>,
    /// Per row, whether its cells of the default background were last written with the
    /// terminal's background colour spelled out (for terminals that repaint only changes).
    spelled: Vec<bool>,
}

impl<W: Write> Screen<W> {
    pub(super) fn new(terminal: Terminal<CrosstermBackend<W>>) -> Screen<W> {
        Screen {
            terminal,
            shown: None,
            spelled: Vec::new(),
        }
    }

    pub(super) fn backend_mut(&mut self) -> &mut CrosstermBackend<W> {
        self.terminal.backend_mut()
    }

    /// A fixed viewport's new size (scripted runs).
    pub(super) fn resize(&mut self, area: Rect) -> io::Result<()> {
        self.terminal.resize(area)?;
        self.shown = None;
        Ok(())
    }

    /// Clears the screen and has the next frame written whole, without asking the terminal
    /// where its cursor is: ratatui's `Terminal::clear` asks (DSR), and the answer never
    /// reaches it while the input thread reads the terminal, so it gave up after 2 s and
    /// stopped the workbench.
    pub(super) fn repaint(&mut self) -> io::Result<()> {
        self.terminal.backend_mut().clear_region(ClearType::All)?;
        self.shown = None;
        Ok(())
    }

    /// Draws `app` as `display` needs it: kitty's runs reversed (`terminal::kitty`).
    pub(super) fn draw(&mut self, app: &App, display: Display) -> io::Result<()> {
        // A new terminal size: ratatui clears the screen and sizes its buffers.
        self.terminal.autoresize()?;
        let (next, cursor) = {
            let mut frame = self.terminal.get_frame();
            let cursor = view::render(app, &mut frame);
            if display.emulator.reverses_runs(display.bidi) {
                kitty::reverse_runs(frame.buffer_mut());
            }
            (frame.buffer_mut().clone(), cursor)
        };
        if self
            .shown
            .as_ref()
            .is_some_and(|shown| shown.area != next.area)
        {
            self.shown = None;
        }
        let rows = rows_to_write(self.shown.as_ref(), &next);
        // Where the terminal repaints only what changed, every rewritten row changes: its
        // cells of the default background alternate between it and the same colour
        // spelled out (`Emulator::repaints_only_changes`).
        let spelled = match display.background {
            Some([r, g, b]) if display.emulator.repaints_only_changes() => {
                let mut written = next.clone();
                self.spelled.resize(rows.len(), false);
                for (y, _) in rows.iter().enumerate().filter(|(_, write)| **write) {
                    self.spelled[y] = !self.spelled[y];
                    if self.spelled[y] {
                        spell_background(&mut written, y, Color::Rgb(r, g, b));
                    }
                }
                Some(written)
            }
            _ => None,
        };
        let backend = self.terminal.backend_mut();
        backend.draw(cells_of(spelled.as_ref().unwrap_or(&next), &rows))?;
        match cursor {
            Some(position) => {
                backend.set_cursor_position(position)?;
                backend.show_cursor()?;
            }
            None => backend.hide_cursor()?,
        }
        Backend::flush(backend)?;
        // ratatui's own pair of buffers: the next frame is drawn into a clean one.
        self.terminal.swap_buffers();
        self.shown = Some(next);
        Ok(())
    }
}

/// Row `y` of `buf` with `colour` for the default background.
fn spell_background(buf: &mut Buffer, y: usize, colour: Color) {
    let width = usize::from(buf.area.width);
    if let Some(row) = buf.content.get_mut(y * width..(y + 1) * width) {
        for cell in row.iter_mut().filter(|c| c.bg == Color::Reset) {
            cell.bg = colour;
        }
    }
}

/// The rows to write: those that differ from what is shown, with the row above and below
/// each (where marks spill); every row when nothing is known to be shown.
fn rows_to_write(shown: Option<&Buffer>, next: &Buffer) -> Vec<bool> {
    let height = usize::from(next.area.height);
    let width = usize::from(next.area.width);
    let Some(shown) = shown else {
        return vec![true; height];
    };
    let changed: Vec<bool> = (0..height)
        .map(|y| {
            let row = y * width..(y + 1) * width;
            shown.content.get(row.clone()) != next.content.get(row)
        })
        .collect();
    (0..height)
        .map(|y| {
            changed[y] || (y > 0 && changed[y - 1]) || changed.get(y + 1).copied().unwrap_or(false)
        })
        .collect()
}

/// Every cell of the rows to write, left to right, without the cells a wide character
/// covers (writing them would cut it).
fn cells_of<'a>(
    buffer: &'a Buffer,
    rows: &'a [bool],
) -> impl Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)> + 'a {
    let area = buffer.area;
    rows.iter()
        .enumerate()
        .filter(|(_, write)| **write)
        .flat_map(move |(y, _)| {
            let y = area.y + u16::try_from(y).unwrap_or(u16::MAX);
            let mut covered = 0_usize;
            (area.left()..area.right()).filter_map(move |x| {
                let cell = buffer.cell((x, y))?;
                if covered > 0 {
                    covered -= 1;
                    return None;
                }
                covered = cell.symbol().width().saturating_sub(1);
                Some((x, y, cell))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn buffer(rows: &[&str]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, u16::try_from(rows.len()).expect("few")));
        for (y, row) in rows.iter().enumerate() {
            buf.set_string(0, u16::try_from(y).expect("few"), row, Style::new());
        }
        buf
    }

    #[test]
    fn a_changed_row_is_written_with_its_neighbours() {
        let shown = buffer(&["a", "b", "c", "d", "e"]);
        let next = buffer(&["a", "b", "X", "d", "e"]);
        assert_eq!(
            rows_to_write(Some(&shown), &next),
            [false, true, true, true, false]
        );
        assert_eq!(rows_to_write(None, &next), [true; 5]);
        assert_eq!(rows_to_write(Some(&next), &next), [false; 5]);
    }

    #[test]
    fn whole_rows_are_written_but_not_the_cells_a_wide_character_covers() {
        let next = buffer(&["語ab"]);
        let cells: Vec<(u16, String)> = cells_of(&next, &[true])
            .map(|(x, _, c)| (x, c.symbol().to_owned()))
            .collect();
        assert_eq!(
            cells,
            [
                (0, "語".to_owned()),
                (2, "a".to_owned()),
                (3, "b".to_owned())
            ]
        );
    }
}
