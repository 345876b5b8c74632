//! The readability check every snapshot goes through, in every palette: a cell that sets
//! its background sets its foreground too, with a contrast of at least 4.5:1; a cell that
//! sets only its foreground uses a colour with at least 3:1 against the palette's
//! background (and against both white and black unless it is one of the 16 ANSI colours,
//! which a terminal's theme may adapt); reverse video is fine. Contrast is measured with
//! xterm's palette for the ANSI colours.

use isnad::tui::theme::{Palette, contrast, is_ansi};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn set(colour: Color) -> Option<Color> {
    (colour != Color::Reset).then_some(colour)
}

/// Panics naming the first cell that cannot be read on a `palette` terminal.
pub fn assert_readable(buffer: &Buffer, palette: Palette) {
    let background = match palette {
        Palette::Light => Color::White,
        Palette::Dark | Palette::Plain => Color::Black,
    };
    for y in buffer.area.top()..buffer.area.bottom() {
        for x in buffer.area.left()..buffer.area.right() {
            let Some(cell) = buffer.cell((x, y)) else {
                continue;
            };
            let at = || format!("{palette:?}: cell ({x},{y}) {:?}", cell.symbol());
            if palette == Palette::Plain {
                assert!(
                    set(cell.fg).is_none() && set(cell.bg).is_none(),
                    "{}: a colour under NO_COLOR",
                    at()
                );
                continue;
            }
            if cell.modifier.contains(Modifier::REVERSED) {
                continue;
            }
            match (set(cell.fg), set(cell.bg)) {
                (fg, Some(bg)) => {
                    let fg = fg.unwrap_or_else(|| {
                        panic!("{}: background {bg:?} without a foreground", at())
                    });
                    let ratio = contrast(fg, bg);
                    assert!(ratio >= 4.5, "{}: {fg:?} on {bg:?} is {ratio:.1}:1", at());
                }
                (Some(fg), None) => {
                    let ratio = contrast(fg, background);
                    assert!(
                        ratio >= 3.0,
                        "{}: {fg:?} on the terminal's {background:?} is {ratio:.1}:1",
                        at()
                    );
                    if !is_ansi(fg) {
                        let other = if background == Color::White {
                            Color::Black
                        } else {
                            Color::White
                        };
                        let ratio = contrast(fg, other);
                        assert!(
                            ratio >= 3.0,
                            "{}: {fg:?} on {other:?} is {ratio:.1}:1",
                            at()
                        );
                    }
                }
                (None, None) => {}
            }
        }
    }
}
