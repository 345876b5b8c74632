//! The key help: every binding of the keymap by context, with what it does there, then
//! the commands of the command line. Data for the help overlay, and how far it scrolls.

use super::command;
use super::keymap::Keymap;
use super::strings;

/// A row of the help: a heading, or keys and what they do (either may be empty on a row
/// that goes on from the one before), or a blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Heading(&'static str),
    Keys(String, String),
    Blank,
}

/// The columns of the help at `width`: where the keys go and where what they do starts.
pub fn columns(width: u16) -> (u16, u16) {
    let keys = (width / 3).clamp(8, 34);
    (keys, width.saturating_sub(keys + 3).max(1))
}

/// Every row of the help at `width` columns: the keymap's sections, then the commands of
/// the command line; keys longer than their column get a row of their own, and what they
/// do is wrapped between words, never cut.
pub fn rows(keymap: &Keymap, width: u16) -> Vec<HelpRow> {
    let (keys_width, does_width) = columns(width);
    let mut rows = Vec::new();
    for row in entries(keymap) {
        let HelpRow::Keys(keys, does) = row else {
            rows.push(row);
            continue;
        };
        let mut lines = wrap(&does, usize::from(does_width)).into_iter();
        if keys.chars().count() >= usize::from(keys_width) {
            rows.extend(
                wrap(&keys, usize::from(width.saturating_sub(2)))
                    .into_iter()
                    .map(|k| HelpRow::Keys(k, String::new())),
            );
        } else {
            rows.push(HelpRow::Keys(keys, lines.next().unwrap_or_default()));
        }
        rows.extend(lines.map(|d| HelpRow::Keys(String::new(), d)));
    }
    rows
}

/// `text` in lines of at most `width` characters, broken between words (a word longer
/// than a line is broken where it must).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_owned();
        loop {
            let needed =
                line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if needed <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The rows before wrapping.
fn entries(keymap: &Keymap) -> Vec<HelpRow> {
    let mut rows = Vec::new();
    for (context, bindings) in keymap.sections() {
        if !rows.is_empty() {
            rows.push(HelpRow::Blank);
        }
        rows.push(HelpRow::Heading(strings::context_title(context)));
        for (action, keys) in bindings {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            rows.push(HelpRow::Keys(
                keys,
                strings::action_help_in(context, action).to_owned(),
            ));
        }
    }
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading(strings::HELP_COMMANDS));
    for (name, args, does) in command::COMMANDS {
        let usage = if args.is_empty() {
            format!(":{name}")
        } else {
            format!(":{name} {args}")
        };
        rows.push(HelpRow::Keys(usage, (*does).to_owned()));
    }
    rows
}

/// How far the help scrolls on a `width` × `height` screen: its last page at the top.
pub fn last_scroll(keymap: &Keymap, (width, height): (u16, u16)) -> u16 {
    // The overlay leaves the status and hint rows, and has its title and footer rows; it
    // is a column in from each side.
    let body = usize::from(height.saturating_sub(5));
    let rows = rows(keymap, width.saturating_sub(2)).len();
    u16::try_from(rows.saturating_sub(body)).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_entries_wrap_between_words_and_nothing_is_cut() {
        assert_eq!(wrap("one two three", 8), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        let keymap = Keymap::default_keys();
        for width in [38, 78, 118] {
            let (keys_width, does_width) = columns(width);
            for row in rows(&keymap, width) {
                if let HelpRow::Keys(keys, does) = row {
                    assert!(does.chars().count() <= usize::from(does_width), "{does}");
                    assert!(
                        keys.chars().count() < usize::from(keys_width) || does.is_empty(),
                        "{keys}"
                    );
                }
            }
        }
        // Every value of :export is there at 80 columns.
        let all: String = rows(&keymap, 78)
            .into_iter()
            .map(|r| match r {
                HelpRow::Keys(k, d) => format!("{k} {d} "),
                _ => String::new(),
            })
            .collect();
        for format in crate::export::Format::ALL {
            assert!(all.contains(format.as_str()), "{format:?} in {all}");
        }
    }
}
