//! The key help: every binding of the keymap by context, with what it does there, then
//! the commands of the command line. Data for the help overlay, and how far it scrolls.

use super::command;
use super::keymap::Keymap;
use super::strings;

/// A row of the help: a heading, or keys and what they do, or a blank.
pub enum HelpRow {
    Heading(&'static str),
    Keys(String, &'static str),
    Blank,
}

/// Every row of the help: the keymap's sections, then the commands of the command line.
pub fn rows(keymap: &Keymap) -> Vec<HelpRow> {
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
                strings::action_help_in(context, action),
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
        rows.push(HelpRow::Keys(usage, does));
    }
    rows
}

/// How far the help scrolls on a screen `height` rows high: its last page at the top.
pub fn last_scroll(keymap: &Keymap, height: u16) -> u16 {
    // The overlay leaves the status and hint rows, and has its title and footer rows.
    let body = usize::from(height.saturating_sub(5));
    u16::try_from(rows(keymap).len().saturating_sub(body)).unwrap_or(u16::MAX)
}
