//! The `:` command line: parsing what was typed into a `Command`, and completion.

use super::strings;
use crate::export::Format;
use crate::store::Status;
use crate::workspace::{BidiMode, ShapingMode, ThemeChoice};

/// A command of the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open a document by id.
    Open(String),
    Bidi(BidiMode),
    Shaping(ShapingMode),
    /// Colours for a light or dark background, or as the terminal says.
    Theme(ThemeChoice),
    /// Exact search on, off, or toggled.
    Exact(Option<bool>),
    Reindex,
    Calibrate,
    Help,
    Quit,
    Undo,
    Redo,
    /// Show the entities pane.
    Entities,
    /// Rename the selected entity.
    Rename(String),
    /// Give the selected entity another name.
    Alias(String),
    /// Merge the selected entity into the one of this name.
    Merge(String),
    /// Set the note of the selected entity, or of the document at hand (empty clears it).
    Note(String),
    /// Tag the document at hand (several tags, comma-separated).
    Tag(Vec<String>),
    /// Take tags off the document at hand.
    Untag(Vec<String>),
    /// Record a claim (with the passage `c` was pressed on).
    Claim(String),
    /// The selected claim's status.
    Status(Status),
    /// The selected claim's verdict note.
    Verdict(String),
    /// The selected claim's text.
    Text(String),
    /// The claims pane, narrowed to a query (empty: all).
    Claims(String),
    /// The claims × sources matrix.
    Matrix,
    /// Export the annotations (to a path, or to `exports/` in the workspace).
    Export(Format, Option<String>),
}

/// Every command: name, arguments, what it does (also the completion list).
pub const COMMANDS: [(&str, &str, &str); 26] = [
    ("open", "DOC", strings::COMMAND_OPEN),
    ("bidi", "app|terminal|off", strings::COMMAND_BIDI),
    ("shaping", "on|off|auto", strings::COMMAND_SHAPING),
    ("theme", "light|dark|auto", strings::COMMAND_THEME),
    ("exact", "[on|off]", strings::COMMAND_EXACT),
    ("reindex", "", strings::COMMAND_REINDEX),
    ("calibrate", "", strings::COMMAND_CALIBRATE),
    ("entities", "", strings::COMMAND_ENTITIES),
    ("undo", "", strings::COMMAND_UNDO),
    ("redo", "", strings::COMMAND_REDO),
    ("rename", "NAME", strings::COMMAND_RENAME),
    ("alias", "NAME", strings::COMMAND_ALIAS),
    ("merge", "ENTITY", strings::COMMAND_MERGE),
    ("note", "TEXT", strings::COMMAND_NOTE),
    ("tag", "NAME[, NAME…]", strings::COMMAND_TAG),
    ("untag", "NAME[, NAME…]", strings::COMMAND_UNTAG),
    ("claim", "TEXT", strings::COMMAND_CLAIM),
    ("claims", "[QUERY]", strings::COMMAND_CLAIMS),
    (
        "status",
        "unverified|supported|disputed|refuted|true|false",
        strings::COMMAND_STATUS,
    ),
    ("verdict", "TEXT", strings::COMMAND_VERDICT),
    ("text", "TEXT", strings::COMMAND_TEXT),
    ("matrix", "", strings::COMMAND_MATRIX),
    (
        "export",
        "md|html|json|csv|brat|w3c|conll|claimreview [PATH]",
        strings::COMMAND_EXPORT,
    ),
    ("help", "", strings::COMMAND_HELP),
    ("quit", "", strings::COMMAND_QUIT),
    ("q", "", strings::COMMAND_Q),
];

/// Parses a command line (without its `:`); the error says what is accepted.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (name, argument) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(n, a)| (n, a.trim()));
    let usage = |name: &str| {
        let (_, args, _) = COMMANDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .copied()
            .unwrap_or(("", "", ""));
        strings::takes(name, args)
    };
    match name {
        "open" | "o" if !argument.is_empty() => Ok(Command::Open(argument.to_owned())),
        "open" | "o" => Err(strings::open_takes(&usage("open"))),
        "bidi" => BidiMode::parse(argument)
            .map(Command::Bidi)
            .ok_or_else(|| usage("bidi")),
        "shaping" => ShapingMode::parse(argument)
            .map(Command::Shaping)
            .ok_or_else(|| usage("shaping")),
        "theme" => ThemeChoice::parse(argument)
            .map(Command::Theme)
            .ok_or_else(|| usage("theme")),
        "exact" => match argument {
            "" => Ok(Command::Exact(None)),
            "on" => Ok(Command::Exact(Some(true))),
            "off" => Ok(Command::Exact(Some(false))),
            _ => Err(usage("exact")),
        },
        "reindex" if argument.is_empty() => Ok(Command::Reindex),
        "undo" | "u" if argument.is_empty() => Ok(Command::Undo),
        "redo" if argument.is_empty() => Ok(Command::Redo),
        "entities" if argument.is_empty() => Ok(Command::Entities),
        "rename" if !argument.is_empty() => Ok(Command::Rename(argument.to_owned())),
        "alias" if !argument.is_empty() => Ok(Command::Alias(argument.to_owned())),
        "merge" if !argument.is_empty() => Ok(Command::Merge(argument.to_owned())),
        "note" => Ok(Command::Note(argument.to_owned())),
        "tag" | "untag" => {
            let tags = tag_list(argument);
            if tags.is_empty() {
                Err(strings::TAG_WHAT.to_owned())
            } else if name == "tag" {
                Ok(Command::Tag(tags))
            } else {
                Ok(Command::Untag(tags))
            }
        }
        "claim" if !argument.is_empty() => Ok(Command::Claim(argument.to_owned())),
        "claims" => Ok(Command::Claims(argument.to_owned())),
        "status" => Status::parse(argument)
            .map(Command::Status)
            .ok_or_else(|| usage("status")),
        "verdict" => Ok(Command::Verdict(argument.to_owned())),
        "text" if !argument.is_empty() => Ok(Command::Text(argument.to_owned())),
        "matrix" if argument.is_empty() => Ok(Command::Matrix),
        "export" => {
            let (format, path) = argument
                .split_once(char::is_whitespace)
                .map_or((argument, ""), |(f, p)| (f, p.trim()));
            let format = Format::parse(format).ok_or_else(|| usage("export"))?;
            Ok(Command::Export(
                format,
                (!path.is_empty()).then(|| path.to_owned()),
            ))
        }
        "calibrate" if argument.is_empty() => Ok(Command::Calibrate),
        "help" | "h" if argument.is_empty() => Ok(Command::Help),
        "q" | "quit" | "q!" | "qa" | "wq" if argument.is_empty() => Ok(Command::Quit),
        "rename" | "alias" | "merge" | "claim" | "text" => Err(usage(name)),
        "" => Err(strings::TYPE_A_COMMAND.to_owned()),
        _ => {
            let known: Vec<&str> = COMMANDS.iter().map(|(n, _, _)| *n).collect();
            if known.contains(&name) {
                return Err(strings::takes_no_argument(name));
            }
            // The nearest command by spelling, when one is near (a typo, a slip).
            let nearest = known
                .iter()
                .filter(|n| n.len() > 1)
                .map(|n| (strsim::damerau_levenshtein(n, name), *n))
                .min()
                .filter(|(distance, _)| *distance <= 2);
            Err(match nearest {
                Some((_, near)) => strings::no_command_near(name, near),
                None => strings::no_command(name),
            })
        }
    }
}

/// The tags of a `:tag` argument: comma-separated, trimmed, the empty left out.
fn tag_list(argument: &str) -> Vec<String> {
    argument
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What completion may offer: document ids (`:open`), entity names (`:merge`) and the
/// document tags in use (`:tag`, `:untag`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Candidates<'a> {
    pub doc_ids: &'a [String],
    pub entity_names: &'a [String],
    pub tags: &'a [String],
}

/// For `:tag A, B, c`: the line up to the tag being typed (`tag A, B, `) and that tag
/// (`c`), when `name` takes a list of tags.
fn last_tag<'a>(name: &str, argument: &'a str) -> Option<(String, &'a str)> {
    if !matches!(name, "tag" | "untag") {
        return None;
    }
    Some(match argument.rsplit_once(',') {
        Some((head, last)) => (format!("{name} {}, ", head.trim_end()), last.trim_start()),
        None => (format!("{name} "), argument),
    })
}

/// The values `name`'s argument can take (`doc_ids` for `:open`, entity names for
/// `:merge`), or `None` for a free text.
fn values<'a>(name: &str, candidates: Candidates<'a>) -> Option<Vec<&'a str>> {
    let Candidates {
        doc_ids,
        entity_names,
        tags,
    } = candidates;
    Some(match name {
        "bidi" => vec!["app", "terminal", "off"],
        "shaping" => vec!["on", "off", "auto"],
        "theme" => vec!["light", "dark", "auto"],
        "exact" => vec!["on", "off"],
        "open" | "o" => doc_ids.iter().map(String::as_str).collect(),
        "merge" => entity_names.iter().map(String::as_str).collect(),
        "tag" | "untag" => tags.iter().map(String::as_str).collect(),
        "status" => Status::ALL.iter().map(|s| s.as_str()).collect(),
        "export" => Format::ALL.iter().map(|f| f.as_str()).collect(),
        _ => return None,
    })
}

/// Completes the word being typed: a command name, or its argument (`doc_ids` for
/// `:open`). Returns the whole new line, or `None` when nothing fits. Several matches
/// complete to their common prefix.
pub fn complete(line: &str, candidates: Candidates<'_>) -> Option<String> {
    let (name, argument) = match line.split_once(' ') {
        Some((name, argument)) => (name, Some(argument.trim_start())),
        None => (line, None),
    };
    let Some(argument) = argument else {
        let names = COMMANDS.iter().map(|(n, _, _)| *n).filter(|n| n.len() > 1);
        let done = common_prefix(names.filter(|n| n.starts_with(name)))?;
        return Some(
            if COMMANDS
                .iter()
                .any(|(n, args, _)| *n == done && !args.is_empty())
            {
                format!("{done} ")
            } else {
                done
            },
        );
    };
    let values = values(name, candidates)?;
    if let Some((head, last)) = last_tag(name, argument) {
        let done = common_prefix(values.into_iter().filter(|v| v.starts_with(last)))?;
        return Some(format!("{head}{done}"));
    }
    let done = common_prefix(values.into_iter().filter(|v| v.starts_with(argument)))?;
    Some(format!("{name} {done}"))
}

/// What Tab offers for `line` when completing goes no further: every command name, or every
/// value of its argument, that starts as typed (each as a whole line).
pub fn offers(line: &str, candidates: Candidates<'_>) -> Vec<String> {
    match line.split_once(' ') {
        None => COMMANDS
            .iter()
            .map(|(n, _, _)| *n)
            .filter(|n| n.len() > 1 && n.starts_with(line))
            .map(str::to_owned)
            .collect(),
        Some((name, argument)) => {
            let argument = argument.trim_start();
            let (head, typed) =
                last_tag(name, argument).unwrap_or_else(|| (format!("{name} "), argument));
            values(name, candidates)
                .unwrap_or_default()
                .into_iter()
                .filter(|v| v.starts_with(typed))
                .map(|v| format!("{head}{v}"))
                .collect()
        }
    }
}

fn common_prefix<'a>(mut items: impl Iterator<Item = &'a str>) -> Option<String> {
    let first = items.next()?;
    let mut prefix = first.to_owned();
    for item in items {
        let common: String = prefix
            .chars()
            .zip(item.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect();
        prefix = common;
    }
    Some(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_and_explains_mistakes() {
        assert_eq!(parse("open a.txt"), Ok(Command::Open("a.txt".to_owned())));
        assert_eq!(
            parse(" bidi terminal "),
            Ok(Command::Bidi(BidiMode::Terminal))
        );
        assert_eq!(parse("shaping on"), Ok(Command::Shaping(ShapingMode::On)));
        assert_eq!(parse("q"), Ok(Command::Quit));
        assert_eq!(parse("exact"), Ok(Command::Exact(None)));
        assert!(
            parse("bidi rtl")
                .expect_err("error")
                .contains("app|terminal|off")
        );
        assert!(parse("fly").expect_err("error").contains("no command :fly"));
        assert!(
            parse("exprot md")
                .expect_err("error")
                .contains("did you mean :export?")
        );
        assert!(
            parse("reindex now")
                .expect_err("error")
                .contains("no argument")
        );
        assert!(parse("open").expect_err("error").contains("DOC"));
        assert_eq!(parse("undo"), Ok(Command::Undo));
        assert_eq!(
            parse("rename فلاديمير بوتين"),
            Ok(Command::Rename("فلاديمير بوتين".to_owned()))
        );
        assert!(parse("merge").expect_err("error").contains("ENTITY"));
    }

    #[test]
    fn completes_names_values_and_document_ids() {
        let ids = vec!["000_crocus.md".to_owned(), "001_isis.md".to_owned()];
        let names = vec!["بوتين".to_owned(), "داعش".to_owned()];
        let tags = vec!["wire".to_owned(), "شاهد عيان".to_owned(), "شاهد".to_owned()];
        let candidates = Candidates {
            doc_ids: &ids,
            entity_names: &names,
            tags: &tags,
        };
        let complete = |line: &str| complete(line, candidates);
        assert_eq!(complete("bi").as_deref(), Some("bidi "));
        assert_eq!(complete("rei").as_deref(), Some("reindex"));
        assert_eq!(complete("ren").as_deref(), Some("rename "));
        assert_eq!(complete("bidi t").as_deref(), Some("bidi terminal"));
        assert_eq!(complete("open 00").as_deref(), Some("open 00"));
        assert_eq!(complete("open 001").as_deref(), Some("open 001_isis.md"));
        assert_eq!(complete("merge د").as_deref(), Some("merge داعش"));
        assert_eq!(complete("zz"), None);
        // Nothing typed after the name: every value is offered.
        let offers = |line: &str| offers(line, candidates);
        assert_eq!(offers("status ").len(), 6);
        assert_eq!(offers("status ")[0], "status unverified");
        assert_eq!(offers("bidi t"), ["bidi terminal"]);
        assert!(offers("ex").contains(&"export".to_owned()));
        // Tags: the one being typed, after the others.
        assert_eq!(complete("tag w").as_deref(), Some("tag wire"));
        assert_eq!(complete("tag wire, ش").as_deref(), Some("tag wire, شاهد"));
        assert_eq!(
            offers("tag wire, شاهد"),
            ["tag wire, شاهد عيان", "tag wire, شاهد"]
        );
        assert_eq!(complete("untag w").as_deref(), Some("untag wire"));
    }

    #[test]
    fn tags_are_comma_separated() {
        assert_eq!(
            parse("tag wire, شاهد عيان ,, "),
            Ok(Command::Tag(vec![
                "wire".to_owned(),
                "شاهد عيان".to_owned()
            ]))
        );
        assert_eq!(
            parse("untag wire"),
            Ok(Command::Untag(vec!["wire".to_owned()]))
        );
        assert!(parse("tag ,").expect_err("error").contains(":tag NAME"));
    }
}
