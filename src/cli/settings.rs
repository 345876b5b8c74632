//! The command line validated (ripgrep's high-level arguments): `Args::settings` turns the
//! raw arguments into the `Settings` and `Task` the commands run on, or says which value
//! is wrong and what is accepted.

use std::path::PathBuf;

use isnad::store::{Stance, Status};
use isnad::team::roles::TeamRole;
use isnad::workspace::{BidiMode, ShapingMode};

use super::args::{
    Args, BaseArg, BidiArg, ClaimCommand, Command, DisplayArgs, DocCommand, EntityAdd,
    EntityCommand, ExportFormat, ShapingArg, SortArg, TeamArg, TeamCommand,
};

/// Validated settings for one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub workspace: Option<PathBuf>,
    pub task: Task,
}

/// What to do, validated (named apart from the workbench's `tui::Action`, a key's meaning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    Open {
        bidi: Option<BidiMode>,
        shaping: Option<ShapingMode>,
    },
    Init {
        dir: PathBuf,
    },
    Add {
        paths: Vec<PathBuf>,
    },
    Index {
        rebuild: bool,
    },
    Search(SearchTask),
    Show(ShowTask),
    EntityAdd(EntityAddTask),
    EntityList {
        json: bool,
    },
    ClaimAdd {
        text: String,
        status: Status,
    },
    ClaimLink(ClaimLinkTask),
    ClaimList {
        json: bool,
    },
    ClaimChain {
        claim: i64,
        json: bool,
    },
    DocList(DocListTask),
    DocCopies {
        json: bool,
    },
    TeamInit {
        database: String,
        schema: String,
    },
    TeamJoin {
        database: String,
        schema: String,
        dir: PathBuf,
    },
    TeamStatus,
    TeamPush {
        database: String,
        schema: String,
    },
    TeamExport {
        dir: PathBuf,
    },
    TeamRemove {
        paths: Vec<String>,
    },
    TeamGrant {
        member: String,
        role: TeamRole,
        team: Option<(String, String)>,
    },
    TeamMembers {
        team: Option<(String, String)>,
    },
    DocReview {
        docs: Vec<String>,
        reviewed: bool,
    },
    DocTag {
        doc: String,
        tags: Vec<String>,
        remove: bool,
    },
    DocNote {
        doc: String,
        text: String,
    },
    Export(ExportTask),
    Import {
        file: PathBuf,
    },
    Backup {
        file: Option<PathBuf>,
    },
    Undo,
    Redo,
}

/// `isnad search`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTask {
    pub query: String,
    pub limit: usize,
    pub exact: bool,
    pub json: bool,
    /// Count the matches' facets too (an empty query: the whole corpus).
    pub facets: bool,
}

/// `isnad show`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowTask {
    pub doc: String,
    pub width: Option<u16>,
    pub logical: bool,
    pub base: Option<BaseArg>,
    pub shape: bool,
}

/// `isnad entity add`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityAddTask {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub note: String,
    pub target: Target,
}

/// `isnad claim link`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimLinkTask {
    pub claim: i64,
    pub doc: String,
    pub passage: Passage,
    pub stance: Stance,
    pub note: String,
}

/// `isnad doc list`, validated: the days read, the order chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocListTask {
    pub json: bool,
    pub narrow: isnad::triage::Narrow,
    pub sort: isnad::triage::Sort,
}

/// `isnad export`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportTask {
    pub format: ExportFormat,
    pub output: Option<PathBuf>,
    pub table: bool,
    /// conll: comment lines.
    pub comments: bool,
    /// csv: for spreadsheets (byte order mark, CRLF).
    pub excel: bool,
}

impl ExportTask {
    /// The task, or why a flag does not go with its format.
    fn checked(self) -> Result<Self, String> {
        let flags = [
            ("--table", self.table, ExportFormat::Csv, "csv"),
            ("--excel", self.excel, ExportFormat::Csv, "csv"),
            ("--comments", self.comments, ExportFormat::Conll, "conll"),
        ];
        for (flag, given, format, name) in flags {
            if given && self.format != format {
                return Err(format!("{flag} is for --format {name}"));
            }
        }
        Ok(self)
    }
}

/// Where `entity add` tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Only create the entity (and its aliases).
    Nothing,
    All,
    Quote {
        doc: String,
        quote: String,
    },
    Chars {
        doc: String,
        start: usize,
        end: usize,
    },
}

/// Which passage `claim link` means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Passage {
    Quote {
        quote: String,
        occurrence: Option<usize>,
    },
    Chars {
        start: usize,
        end: usize,
    },
}

/// The most results one search may ask for.
pub const MAX_LIMIT: usize = 10_000;

/// The widths `show --width` accepts, in cells.
const WIDTHS: std::ops::RangeInclusive<u16> = 2..=10_000;

/// `value` (given to `option`) as a number in `range`. Any value outside it, however large
/// or negative, gets the same message naming the range (`unit` follows its end).
fn number_in<T>(
    option: &str,
    value: &str,
    range: std::ops::RangeInclusive<T>,
    unit: &str,
) -> Result<T, String>
where
    T: TryFrom<u64> + PartialOrd + std::fmt::Display,
{
    let accepted = format!("give {} to {}{unit}", range.start(), range.end());
    let digits = value.strip_prefix('-').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{option} {value:?} is not a number: {accepted}"));
    }
    value
        .parse::<u64>()
        .ok()
        .and_then(|n| T::try_from(n).ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| format!("{option} {value} is out of range: {accepted}"))
}

/// `--schema`, checked: a name PostgreSQL takes without quotes.
fn team_schema(schema: String) -> Result<String, String> {
    if isnad::team::schema::valid_schema(&schema) {
        Ok(schema)
    } else {
        Err(format!(
            "--schema {schema:?} is not a schema name isnad uses: lowercase letters, digits and \
             _, not starting with a digit or pg_, at most {} (the team's roles add _annotator)",
            isnad::team::schema::MAX_SCHEMA
        ))
    }
}

/// `--database` and `--schema`, when given: a team named instead of the workspace's.
fn team_arg(team: TeamArg) -> Result<Option<(String, String)>, String> {
    match team.database {
        Some(database) => Ok(Some((database, team_schema(team.schema)?))),
        None => Ok(None),
    }
}

/// `isnad team …`, validated.
fn team_task(command: TeamCommand) -> Result<Task, String> {
    Ok(match command {
        TeamCommand::Init { database, schema } => Task::TeamInit {
            database,
            schema: team_schema(schema)?,
        },
        TeamCommand::Join {
            database,
            schema,
            dir,
        } => Task::TeamJoin {
            database,
            schema: team_schema(schema)?,
            dir: dir.unwrap_or_else(|| PathBuf::from(".")),
        },
        TeamCommand::Status => Task::TeamStatus,
        TeamCommand::Push { database, schema } => Task::TeamPush {
            database,
            schema: team_schema(schema)?,
        },
        TeamCommand::Export { dir } => Task::TeamExport { dir },
        TeamCommand::Remove { paths } => Task::TeamRemove { paths },
        TeamCommand::Grant { member, role, team } => Task::TeamGrant {
            role: TeamRole::parse(&role).ok_or_else(|| {
                format!("{role:?} is not a team role: give reader, annotator or admin")
            })?,
            member,
            team: team_arg(team)?,
        },
        TeamCommand::Members { team } => Task::TeamMembers {
            team: team_arg(team)?,
        },
    })
}

impl Args {
    /// Validates the raw arguments; the error names the bad value and the accepted range.
    pub fn settings(self) -> Result<Settings, String> {
        let top = self.display;
        let task = match self.command.unwrap_or(Command::Open {
            display: DisplayArgs::default(),
        }) {
            Command::Open { display } => Task::Open {
                bidi: display.bidi.or(top.bidi).map(|b| match b {
                    BidiArg::App => BidiMode::App,
                    BidiArg::Terminal => BidiMode::Terminal,
                    BidiArg::Off => BidiMode::Off,
                }),
                shaping: display.shaping.or(top.shaping).map(|s| match s {
                    ShapingArg::On => ShapingMode::On,
                    ShapingArg::Off => ShapingMode::Off,
                    ShapingArg::Auto => ShapingMode::Auto,
                }),
            },
            Command::Init { dir } => Task::Init {
                dir: dir.unwrap_or_else(|| PathBuf::from(".")),
            },
            Command::Add { paths } => Task::Add { paths },
            Command::Index { rebuild } => Task::Index { rebuild },
            Command::Search {
                query,
                limit,
                exact,
                json,
                facets,
            } => {
                let limit = number_in("--limit", &limit, 1..=MAX_LIMIT, "")?;
                let query = query.join(" ");
                if query.trim().is_empty() && !facets {
                    return Err(
                        "the search query is empty: give at least one word (or --facets to \
                         count the whole corpus)"
                            .to_owned(),
                    );
                }
                Task::Search(SearchTask {
                    query,
                    limit,
                    exact,
                    json,
                    facets,
                })
            }
            Command::Show {
                doc,
                width,
                logical,
                base,
                shape,
                no_shape: _,
            } => {
                let width = width
                    .map(|width| number_in("--width", &width, WIDTHS, " cells"))
                    .transpose()?;
                Task::Show(ShowTask {
                    doc,
                    width,
                    logical,
                    base,
                    shape,
                })
            }
            Command::Entity(EntityCommand::Add(add)) => add.settings()?,
            Command::Entity(EntityCommand::List { json }) => Task::EntityList { json },
            Command::Claim(claim) => claim_settings(claim)?,
            Command::Doc(doc) => doc_settings(doc)?,
            Command::Export {
                format,
                output,
                table,
                comments,
                excel,
            } => Task::Export(
                ExportTask {
                    format,
                    output,
                    table,
                    comments,
                    excel,
                }
                .checked()?,
            ),
            Command::Import { file } => Task::Import { file },
            Command::Backup { file } => Task::Backup { file },
            Command::Team(team) => team_task(team)?,
            Command::Undo => Task::Undo,
            Command::Redo => Task::Redo,
        };
        Ok(Settings {
            workspace: self.workspace,
            task,
        })
    }
}

impl EntityAdd {
    /// Validates the target: the corpus, one document with a quote or a range, or none.
    fn settings(self) -> Result<Task, String> {
        let EntityAdd {
            name,
            kind,
            aliases,
            all,
            doc,
            quote,
            start,
            end,
            note,
        } = self;
        if name.trim().is_empty() {
            return Err("the entity's name is empty".to_owned());
        }
        let target = match (all, doc, quote, start.zip(end)) {
            (true, ..) => Target::All,
            (false, None, ..) => Target::Nothing,
            (false, Some(doc), Some(quote), _) => {
                if quote.is_empty() {
                    return Err("--quote is empty: give the text to tag".to_owned());
                }
                Target::Quote { doc, quote }
            }
            (false, Some(doc), None, Some((start, end))) => {
                if start >= end {
                    return Err(format!(
                        "--start {start} --end {end}: the start must come before the end"
                    ));
                }
                Target::Chars { doc, start, end }
            }
            (false, Some(_), None, None) => {
                return Err(
                    "--doc needs --quote TEXT or --start S --end E to say what to tag".to_owned(),
                );
            }
        };
        Ok(Task::EntityAdd(EntityAddTask {
            name,
            kind,
            aliases,
            note,
            target,
        }))
    }
}

/// `isnad doc …`, validated: dates read as days, tags and notes sanitised.
fn doc_settings(command: DocCommand) -> Result<Task, String> {
    use isnad::corpus::sanitize::sanitize;
    Ok(match command {
        DocCommand::List {
            json,
            unreviewed,
            reviewed,
            source,
            since,
            until,
            tag,
            sort,
        } => {
            let day = |value: Option<String>, option: &str, end: bool| {
                value
                    .map(|v| {
                        isnad::triage::parse_day(&v, end).map_err(|e| format!("{option}: {e}"))
                    })
                    .transpose()
            };
            let since = day(since, "--since", false)?;
            let until = day(until, "--until", true)?;
            if let (Some(since), Some(until)) = (&since, &until)
                && since > until
            {
                return Err(format!(
                    "--since {since} is after --until {until}: no document could be listed"
                ));
            }
            Task::DocList(DocListTask {
                json,
                narrow: isnad::triage::Narrow {
                    reviewed: match (reviewed, unreviewed) {
                        (true, _) => Some(true),
                        (_, true) => Some(false),
                        _ => None,
                    },
                    source: source.map(|s| sanitize(&s)),
                    since,
                    until,
                    tag: tag.map(|t| sanitize(&t)),
                },
                sort: match sort {
                    SortArg::Date => isnad::triage::Sort::Date,
                    SortArg::Source => isnad::triage::Sort::Source,
                    SortArg::Title => isnad::triage::Sort::Title,
                },
            })
        }
        DocCommand::Review { mut docs, undo } => {
            // Document ids may start with `-`, so `--undo` after them arrives as one: it is
            // the option all the same, as the usage line writes it (`DOC... [--undo]`).
            let before = docs.len();
            docs.retain(|doc| doc != "--undo");
            let undo = undo || docs.len() < before;
            if docs.is_empty() {
                return Err(
                    "doc review needs a document id (`isnad doc list` shows them)".to_owned(),
                );
            }
            Task::DocReview {
                docs,
                reviewed: !undo,
            }
        }
        DocCommand::Tag { doc, tags, remove } => {
            let tags: Vec<String> = tags
                .iter()
                .filter_map(|t| isnad::store::doc_notes::clean_tag(&sanitize(t)))
                .collect();
            if tags.is_empty() {
                return Err("give at least one tag that is not blank".to_owned());
            }
            Task::DocTag { doc, tags, remove }
        }
        DocCommand::Copies { json } => Task::DocCopies { json },
        DocCommand::Note { doc, text } => Task::DocNote {
            doc,
            text: sanitize(&text),
        },
    })
}

/// Validates `isnad claim …`.
fn claim_settings(command: ClaimCommand) -> Result<Task, String> {
    Ok(match command {
        ClaimCommand::Add { text, status } => {
            if text.trim().is_empty() {
                return Err("the claim is empty: give its text".to_owned());
            }
            Task::ClaimAdd {
                text,
                status: status.into(),
            }
        }
        ClaimCommand::Link {
            claim,
            doc,
            quote,
            occurrence,
            start,
            end,
            stance,
            note,
        } => {
            let stance = Stance::from(stance);
            let passage = match (quote, start.zip(end)) {
                (Some(quote), _) if quote.is_empty() => {
                    return Err("--quote is empty: give the passage".to_owned());
                }
                (Some(_), _) if occurrence == Some(0) => {
                    return Err("--occurrence counts from 1".to_owned());
                }
                (Some(quote), _) => Passage::Quote { quote, occurrence },
                (None, Some((start, end))) if start < end => Passage::Chars { start, end },
                (None, Some((start, end))) => {
                    return Err(format!(
                        "--start {start} --end {end}: the start must come before the end"
                    ));
                }
                (None, None) => {
                    return Err("give the passage: --quote TEXT or --start S --end E".to_owned());
                }
            };
            Task::ClaimLink(ClaimLinkTask {
                claim,
                doc,
                passage,
                stance,
                note,
            })
        }
        ClaimCommand::List { json } => Task::ClaimList { json },
        ClaimCommand::Chain { claim, json } => Task::ClaimChain { claim, json },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn settings(args: &[&str]) -> Result<Settings, String> {
        Args::try_parse_from(args)
            .map_err(|e| e.to_string())?
            .settings()
    }

    #[test]
    fn no_command_opens_the_workbench() {
        let open = Task::Open {
            bidi: None,
            shaping: None,
        };
        assert_eq!(settings(&["isnad"]).expect("ok").task, open);
        assert_eq!(
            settings(&["isnad", "open", "--bidi", "terminal"])
                .expect("ok")
                .task,
            Task::Open {
                bidi: Some(BidiMode::Terminal),
                shaping: None
            }
        );
        assert_eq!(
            settings(&["isnad", "--shaping", "on"]).expect("ok").task,
            Task::Open {
                bidi: None,
                shaping: Some(ShapingMode::On)
            }
        );
    }

    #[test]
    fn search_words_are_joined_and_limits_checked() {
        let parsed = settings(&["isnad", "search", "مجلس", "الأمن", "--json"]).expect("ok");
        assert_eq!(
            parsed.task,
            Task::Search(SearchTask {
                query: "مجلس الأمن".into(),
                limit: 10,
                exact: false,
                facets: false,
                json: true
            })
        );
        let error = settings(&["isnad", "search", "x", "--limit", "0"]).expect_err("bad limit");
        assert!(error.contains("--limit 0"), "{error}");
        assert!(
            settings(&["isnad", "search", " "])
                .expect_err("empty")
                .contains("empty")
        );
    }
}
