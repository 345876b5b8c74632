//! Running the validated commands against the domain API. Messages for people go to stderr
//! (progress, notes, skipped files); results go to stdout.

//! Everything printed goes through `isnad::text::terminal::for_terminal` (the macros
//! below): a line may quote a file name, document text, a name, a note or a query, and none
//! of their bytes may drive the terminal.

/// `println!`, made safe for the terminal.
macro_rules! say {
    () => { println!() };
    ($($arg:tt)*) => {
        println!("{}", isnad::text::terminal::for_terminal(&format!($($arg)*)))
    };
}

/// `eprintln!`, made safe for the terminal.
macro_rules! note {
    ($($arg:tt)*) => {
        eprintln!("{}", isnad::text::terminal::for_terminal(&format!($($arg)*)))
    };
}

/// `writeln!`, made safe for the terminal.
macro_rules! say_to {
    ($out:expr) => { writeln!($out) };
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, "{}", isnad::text::terminal::for_terminal(&format!($($arg)*)))
    };
}

mod claim;
mod doc;
mod entity;
mod export;
mod index;
mod open;
mod search;
mod show;
mod status;
mod team;

use std::process::ExitCode;

use anyhow::{Context, Result};

use self::index::plural;
use crate::cli::{Settings, Task};
use isnad::index::{IndexError, Pending, SearchIndex};
use isnad::workspace::{TeamConfig, Workspace};

/// Runs one command; `Err` is printed by `main` with its causes.
pub fn run(settings: &Settings) -> Result<ExitCode> {
    match &settings.task {
        Task::Init { dir } => {
            let workspace = Workspace::init(dir)?;
            say!(
                "Created an isnad workspace in {}",
                workspace.root().display()
            );
            say!(
                "Add documents with `isnad add FILE_OR_FOLDER...`, then search with `isnad search WORDS`."
            );
            Ok(ExitCode::SUCCESS)
        }
        Task::Add { paths } => index::add(&workspace(settings)?, paths),
        Task::Index { rebuild } => index::index(&workspace(settings)?, *rebuild),
        Task::Search(task) => search::search(&workspace(settings)?, task),
        Task::Open { bidi, shaping } => open::open(settings, *bidi, *shaping),
        Task::Show(task) => show::show(settings, task),
        Task::EntityAdd(task) => entity::add(&workspace(settings)?, task),
        Task::EntityList { json } => entity::list(&workspace(settings)?, *json),
        Task::ClaimAdd { text, status } => claim::add(&workspace(settings)?, text, *status),
        Task::ClaimLink(task) => claim::link(&workspace(settings)?, task),
        Task::ClaimList { json } => claim::list(&workspace(settings)?, *json),
        Task::ClaimChain { claim, json } => claim::chain(&workspace(settings)?, *claim, *json),
        Task::DocList(task) => doc::list(&workspace(settings)?, task),
        Task::DocCopies { json } => doc::copies(&workspace(settings)?, *json),
        Task::DocReview { docs, reviewed } => doc::review(&workspace(settings)?, docs, *reviewed),
        Task::DocTag { doc, tags, remove } => doc::tag(&workspace(settings)?, doc, tags, *remove),
        Task::DocNote { doc, text } => doc::note(&workspace(settings)?, doc, text),
        Task::Export(task) => export::export(&workspace(settings)?, task),
        Task::Import { file } => export::import(&workspace(settings)?, file),
        Task::Backup { file } => backup(&workspace(settings)?, file.as_deref()),
        Task::TeamInit { database, schema } => team::init(database, schema),
        Task::TeamJoin {
            database,
            schema,
            dir,
        } => team::join(database, schema, dir),
        Task::TeamStatus => team::status(&workspace(settings)?),
        Task::TeamPush { database, schema } => team::push(workspace(settings)?, database, schema),
        Task::TeamExport { dir } => team::export(&workspace(settings)?, dir),
        Task::TeamRemove { paths } => team::remove(&workspace(settings)?, paths),
        Task::TeamGrant { member, role, team } => {
            team::grant(&team_of(settings, team.as_ref())?, member, *role)
        }
        Task::TeamMembers { team } => team::members(&team_of(settings, team.as_ref())?),
        Task::Undo => entity::travel(&workspace(settings)?, true),
        Task::Redo => entity::travel(&workspace(settings)?, false),
    }
}

/// The team named by `--database` and `--schema`, else the workspace's.
fn team_of(settings: &Settings, named: Option<&(String, String)>) -> Result<TeamConfig> {
    if let Some((database, schema)) = named {
        return Ok(TeamConfig {
            database: database.clone(),
            schema: schema.clone(),
        });
    }
    let workspace = workspace(settings)?;
    workspace.team().cloned().with_context(|| {
        format!(
            "{} works alone, with no team: run this in a team's workspace, or name the team \
             with --database (and --schema)",
            workspace.root().display()
        )
    })
}

/// The workspace named by `--workspace`/`ISNAD_WORKSPACE`, else the one around the current
/// folder, else the sample case (with a note saying so).
fn workspace(settings: &Settings) -> Result<Workspace> {
    if let Some(dir) = &settings.workspace {
        return Ok(Workspace::open(dir)?);
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    if let Some(root) = Workspace::discover(&cwd) {
        return Ok(Workspace::open(&root)?);
    }
    let workspace = Workspace::sample(&Workspace::data_dir()?)?;
    note!(
        "note: no isnad.toml here or above; using the sample case in {} (`isnad init` creates a workspace)",
        workspace.root().display()
    );
    Ok(workspace)
}

/// Opens the annotation store; in a team's workspace the copy first catches up with the
/// team database, or, when it cannot be reached, says that what follows is this machine's
/// copy (a change is then refused, with the reason).
fn open_store(workspace: &Workspace) -> Result<isnad::store::Store> {
    catch_up_documents(workspace)?;
    let mut store = workspace.open_store()?;
    if let Err(error) = store.sync() {
        match error {
            isnad::store::StoreError::Team(isnad::team::TeamError::Offline {
                database,
                reason,
            }) => {
                note!(
                    "note: the team database ({database}) cannot be reached ({reason}): what \
                     follows is this machine's copy of the team's annotations, as last caught up"
                );
            }
            isnad::store::StoreError::Team(refused @ isnad::team::TeamError::Refused { .. }) => {
                note!("note: {refused}; what follows is this machine's copy, as last caught up");
            }
            other => return Err(other.into()),
        }
    }
    Ok(store)
}

/// In a team's workspace, when the team has shared documents this workspace has not taken
/// in: fetches them into the corpus folder and indexes them, so that what a command shows
/// holds them (and annotations on them are not taken for orphans). One question to the
/// database otherwise; none outside a team. Out of reach, the command goes on with what is
/// here (the note says so where the annotations are read).
fn catch_up_documents(workspace: &Workspace) -> Result<()> {
    if workspace.team().is_none() {
        return Ok(());
    }
    let waiting = workspace
        .open_store()?
        .team_documents_waiting()
        .unwrap_or(false);
    if waiting {
        index::follow_team_documents(workspace)?;
        let mut index = workspace.open_index_waiting(&mut index::waiting_note)?;
        let report = index::update_with_progress(workspace, &mut index)?;
        index::print_report(&report, &mut std::io::stderr())?;
    }
    Ok(())
}

/// Opens the index, building it first when there is none (or it had to be recreated).
fn open_index(workspace: &Workspace) -> Result<SearchIndex> {
    catch_up_documents(workspace)?;
    let mut index = workspace.open_index_waiting(&mut index::waiting_note)?;
    if let Some(pending) = index.pending() {
        let usable = !matches!(pending, Pending::Build(_));
        match pending {
            Pending::Build(reason) => note!("Building the index ({reason})…"),
            Pending::Finish => note!(
                "The last indexing was interrupted; the index checks out whole. Finishing it…"
            ),
            Pending::Copies => note!(
                "Finding the copies among the documents (once: this index is older than copy groups)…"
            ),
            Pending::Reread => note!(
                "Re-reading the documents whose tagged names changed (a tagged name is never stemmed apart)…"
            ),
        }
        match index::update_with_progress(workspace, &mut index) {
            Ok(report) => index::print_report(&report, &mut std::io::stderr())?,
            // A whole index that only misses an update still answers: reading goes on.
            Err(error)
                if usable
                    && matches!(
                        error.downcast_ref::<IndexError>(),
                        Some(IndexError::DiskFull { .. })
                    ) =>
            {
                note!("{error}; until then, the index is read as it is");
            }
            Err(error) => return Err(error),
        }
    }
    Ok(index)
}

/// `value` as JSON on one line of `out` (or pretty), with every character that could drive a
/// terminal escaped (`json_for_terminal`): the same JSON to a parser.
fn write_json(
    out: &mut impl std::io::Write,
    value: &impl serde::Serialize,
    pretty: bool,
) -> Result<()> {
    let json = if pretty {
        serde_json::to_string_pretty(value)?
    } else {
        serde_json::to_string(value)?
    };
    writeln!(out, "{}", isnad::text::terminal::json_for_terminal(&json))?;
    Ok(())
}

/// The document `doc` of the index, or an error that says how to find ids.
fn document(index: &SearchIndex, doc: &str) -> Result<isnad::corpus::Document> {
    match index.document(doc)? {
        Some(document) => Ok(document),
        None => {
            anyhow::bail!("no document {doc:?} in this workspace (`isnad search WORDS` lists ids)")
        }
    }
}

/// `isnad backup [FILE]`: a consistent copy of the store, changes still in its log included.
fn backup(workspace: &Workspace, file: Option<&std::path::Path>) -> Result<ExitCode> {
    let store_path = workspace.store_path();
    if !store_path.exists() {
        anyhow::bail!(
            "there are no annotations yet ({} does not exist): nothing to back up",
            store_path.display()
        );
    }
    let target = file.map_or_else(
        || {
            store_path
                .with_file_name("backups")
                .join(format!("store-{}.sqlite", isnad::store::file_stamp()))
        },
        std::path::Path::to_path_buf,
    );
    let store = open_store(workspace)?;
    let copied = store.back_up_to(&target)?;
    say!(
        "backed up {} ({}, {}) to {}",
        store_path.display(),
        plural(copied.entities, "entity"),
        plural(copied.claims, "claim"),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}
