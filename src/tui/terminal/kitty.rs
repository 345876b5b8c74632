//! kitty does no bidi, but it shapes each run of cells with HarfBuzz, and HarfBuzz lays a
//! run whose first letter of a real script is right-to-left (Arabic, Hebrew…) out right to
//! left, mirroring its brackets. isnad's cells are already in visual order, so kitty would
//! show every Arabic word backwards. Sending such a run reversed, with its brackets swapped,
//! makes kitty's reversal give isnad's order back; HarfBuzz then also joins the letters,
//! since it now reads them in logical order.
//!
//! A run, as kitty cuts them: cells that are not blank, one cell wide, in the same font
//! face (bold and italic are other faces), and not drawn by kitty's own box font (box
//! drawing, blocks: the pane divider `│` next to an Arabic word is a run of its own).
//! Colours do not cut runs. Each cell keeps its own style: kitty moves glyphs, not colours.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_script::{Script, UnicodeScript};
use unicode_width::UnicodeWidthStr;

use crate::text::bidi::mirror;

/// Rewrites every row of `buf` so that kitty shows it as drawn.
pub fn reverse_runs(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let face = face_at(buf, x, y);
            let Some(face) = face else {
                x += 1;
                continue;
            };
            let start = x;
            while x < area.right() && face_at(buf, x, y) == Some(face) {
                x += 1;
            }
            reverse_run(buf, y, start, x);
        }
    }
}

/// The font face of the cell at (x, y) if it can be part of a run: not blank, one wide.
fn face_at(buf: &Buffer, x: u16, y: u16) -> Option<Modifier> {
    let cell = buf.cell((x, y))?;
    let symbol = cell.symbol();
    if symbol.trim().is_empty() || symbol.width() != 1 || symbol.chars().any(drawn_by_kitty) {
        return None;
    }
    Some(cell.modifier & (Modifier::BOLD | Modifier::ITALIC))
}

/// Characters kitty draws itself rather than with the font: box drawing, block elements,
/// braille, Powerline symbols, legacy computing symbols.
fn drawn_by_kitty(c: char) -> bool {
    matches!(
        c,
        '\u{2500}'..='\u{259f}'
            | '\u{2800}'..='\u{28ff}'
            | '\u{e0a0}'..='\u{e0d4}'
            | '\u{1fb00}'..='\u{1fbff}'
    )
}

/// Reverses the cells `start..end` of row `y` when kitty would shape them right to left.
fn reverse_run(buf: &mut Buffer, y: u16, start: u16, end: u16) {
    let symbols: Vec<String> = (start..end)
        .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_owned()))
        .collect();
    // What kitty receives is the reversed run: its first script letter decides.
    if !symbols
        .iter()
        .rev()
        .flat_map(|s| s.chars())
        .find_map(real_script)
        .is_some_and(is_right_to_left)
    {
        return;
    }
    for (x, symbol) in (start..end).zip(symbols.iter().rev()) {
        let swapped: String = symbol.chars().map(mirror).collect();
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol(&swapped);
        }
    }
}

/// The script of `c`, unless it is shared (digits, punctuation) or inherited (marks), as
/// HarfBuzz guesses a run's script.
fn real_script(c: char) -> Option<Script> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script),
    }
}

fn is_right_to_left(script: Script) -> bool {
    matches!(
        script,
        Script::Arabic
            | Script::Hebrew
            | Script::Syriac
            | Script::Thaana
            | Script::Nko
            | Script::Samaritan
            | Script::Mandaic
            | Script::Adlam
            | Script::Hanifi_Rohingya
            | Script::Yezidi
            | Script::Mende_Kikakui
            | Script::Imperial_Aramaic
            | Script::Phoenician
            | Script::Kharoshthi
            | Script::Avestan
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    fn row(buf: &Buffer) -> String {
        (0..buf.area.width)
            .map(|x| buf.cell((x, 0)).map_or(" ", |c| c.symbol()).to_owned())
            .collect()
    }

    fn buffer(text: &str) -> Buffer {
        let width = u16::try_from(text.chars().count()).expect("short");
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        buf.set_string(0, 0, text, Style::new());
        buf
    }

    #[test]
    fn arabic_runs_are_reversed_and_latin_ones_kept() {
        // isnad's visual order of "روسيا 144 (داعش) ISIS": kitty would reverse each word.
        let mut buf = buffer("ISIS (شعاد) 144 ايسور");
        reverse_runs(&mut buf);
        // Brackets swap too: HarfBuzz mirrors them back in a right-to-left run.
        assert_eq!(row(&buf), "ISIS (داعش) 144 روسيا");
    }

    #[test]
    fn a_mixed_run_goes_by_what_kitty_reads_first() {
        // "وداعش/ISIS" laid out right to left: kitty receives "وداعش/SISI" and reverses it.
        let mut buf = buffer("ISIS/شعادو");
        reverse_runs(&mut buf);
        assert_eq!(row(&buf), "وداعش/SISI");
        // Arabic-Indic digits are of the Arabic script.
        let mut buf = buffer("٣٤١");
        reverse_runs(&mut buf);
        assert_eq!(row(&buf), "١٤٣");
    }

    #[test]
    fn the_pane_divider_is_a_run_of_its_own() {
        let mut buf = buffer("ىلإ│ابحرم");
        reverse_runs(&mut buf);
        assert_eq!(row(&buf), "إلى│مرحبا");
    }

    #[test]
    fn colours_stay_on_their_cells_and_bold_cuts_runs() {
        let mut buf = buffer("ةملك");
        buf.set_style(Rect::new(0, 0, 1, 1), Style::new().bg(Color::Yellow));
        buf.set_style(
            Rect::new(2, 0, 2, 1),
            Style::new().add_modifier(Modifier::BOLD),
        );
        reverse_runs(&mut buf);
        // Two runs: "ةم" (regular) and "لك" (bold), each reversed in place.
        assert_eq!(row(&buf), "مةكل");
        assert_eq!(buf.cell((0, 0)).map(|c| c.bg), Some(Color::Yellow));
    }
}
