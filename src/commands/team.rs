//! `isnad team init|join|status|grant|members`: a team's database, who may do what in it,
//! and the workspaces that work with it.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use isnad::team::Made;
use isnad::team::connect::Target;
use isnad::team::roles::TeamRole;
use isnad::workspace::{TeamConfig, Workspace};

/// Notes that a password given in the database's URL is kept nowhere.
fn password_note(target: &Target) {
    if target.had_password() {
        note!(
            "note: the password in the database's address was used to connect and is kept \
             nowhere; give it with PGPASSWORD or ~/.pgpass next time"
        );
    }
}

/// `isnad team init DATABASE [--schema S]`: makes the team's tables, or upgrades a team
/// made by an older isnad (run by the team's owner).
pub fn init(database: &str, schema: &str) -> Result<ExitCode> {
    let target = Target::parse(database)?;
    password_note(&target);
    let mut remote = isnad::team::remote(database, schema)?;
    let where_ = format!("{} (schema {schema})", target.describe());
    match remote.create()? {
        Made::New => say!(
            "Made the isnad team in {where_}, with its roles {}: an admin makes each analyst's \
             login role a member (`isnad team grant ROLE reader|annotator|admin`).",
            TeamRole::ALL
                .iter()
                .filter_map(|role| role.role_name(schema))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Made::Upgraded { from, to } => {
            say!("Upgraded the isnad team in {where_} from schema version {from} to {to}.");
            if from < 2 {
                say!(
                    "It now has team roles: until its members are granted one (`isnad team \
                     grant ROLE reader|annotator|admin`), only its owner can change it."
                );
            }
        }
        Made::Current { .. } => say!("The isnad team in {where_} is there already and up to date."),
    }
    say!(
        "Each analyst joins it from a new workspace, with their own login role: `{}`.",
        join_command(&target, schema)
    );
    Ok(ExitCode::SUCCESS)
}

/// The `isnad team join` an analyst runs for the team in `schema` of `target`'s database:
/// the address as kept, with the login role left for each to put in (`ANALYST`).
fn join_command(target: &Target, schema: &str) -> String {
    let stored = target.to_stored();
    let address = match stored.split_once("://").and_then(|(scheme, rest)| {
        rest.split_once('@')
            .map(|(_, host)| format!("{scheme}://ANALYST@{host}"))
    }) {
        Some(address) => address,
        None => stored,
    };
    if schema == TeamConfig::DEFAULT_SCHEMA {
        format!("isnad team join {address}")
    } else {
        format!("isnad team join --schema {schema} {address}")
    }
}

/// `isnad team join DATABASE [--schema S] [DIR]`: makes the workspace in `dir` (created
/// when there is none) a copy of the team's, caught up before it says so.
pub fn join(database: &str, schema: &str, dir: &Path) -> Result<ExitCode> {
    let target = Target::parse(database)?;
    password_note(&target);
    let mut workspace = if dir.join("isnad.toml").is_file() {
        Workspace::open(dir)?
    } else {
        let made = Workspace::init(dir)?;
        note!("Created an isnad workspace in {}", made.root().display());
        made
    };
    if let Some(team) = workspace.team() {
        bail!(
            "{} already works with the team database {}; a workspace belongs to one team: join \
             from another folder (`isnad team join DATABASE DIR`)",
            workspace.root().display(),
            team.database
        );
    }
    if workspace.store_path().exists() && workspace.open_store()?.has_annotations()? {
        bail!(
            "{} has annotations of its own, and joining would mix them with the team's: join \
             from a new folder (`isnad team join DATABASE DIR`), or export them first \
             (`isnad export --format json`) and import them once joined",
            workspace.root().display()
        );
    }
    // The team must answer before the workspace is tied to it.
    let mut remote = isnad::team::remote(database, schema)?;
    remote.head().with_context(|| {
        format!(
            "{} was left as it was",
            workspace.root().join("isnad.toml").display()
        )
    })?;
    workspace.join_team(TeamConfig {
        database: target.to_stored(),
        schema: schema.to_owned(),
    })?;
    let mut store = workspace.open_store_with(remote)?;
    store.sync()?;
    let claims = store.claims()?.len();
    let entities = store.entities()?.len();
    // The team's documents, fetched and indexed, so that its annotations find their passages.
    if let Err(error) = workspace.follow_team_documents(&mut store) {
        note!(
            "note: the team's documents could not be fetched yet ({error}); `isnad index` fetches them"
        );
    }
    drop(store);
    let mut index = workspace.open_index_waiting(&mut super::index::waiting_note)?;
    let report = super::index::update_with_progress(&workspace, &mut index)?;
    say!(
        "{} now works with the team in {} (schema {schema}): {}, {} and {} so far.",
        workspace.root().display(),
        target.describe(),
        super::plural(report.documents, "document"),
        super::plural(claims, "claim"),
        super::plural(entities, "entity"),
    );
    Ok(ExitCode::SUCCESS)
}

/// `isnad team status`.
pub fn status(workspace: &Workspace) -> Result<ExitCode> {
    let Some(team) = workspace.team() else {
        say!(
            "{} works alone: its annotations are in {} (`isnad team join DATABASE` makes it work \
             with a team)",
            workspace.root().display(),
            workspace.store_path().display()
        );
        return Ok(ExitCode::SUCCESS);
    };
    let mut store = workspace.open_store()?;
    let database = store.team_database().unwrap_or_default().to_owned();
    say!("team database: {database}, schema {}", team.schema);
    say!("author of your changes: {}", workspace.author());
    match store.sync() {
        Ok(_) => {
            let copy = store.team_caught_up_to()?;
            say!("the database answers; this copy has caught up with all of its {copy} changes");
            let mut remote = isnad::team::remote(&team.database, &team.schema)?;
            if let Ok((role, team_role)) = remote.whoami() {
                let owner = remote.members().ok().map(|members| members.owner);
                match team_role {
                    _ if owner.as_deref() == Some(role.as_str()) => {
                        say!("you log in as {role}, the team's owner: you may do anything");
                    }
                    Some(team_role) => say!("you log in as {role}; your team role: {team_role}"),
                    None => say!(
                        "you log in as {role}, with no team role: you change nothing until a \
                         team admin grants you one (superusers excepted)"
                    ),
                }
            }
        }
        Err(error) => {
            let copy = store.team_caught_up_to().unwrap_or_default();
            say!("the database does not answer: {error}");
            say!("this copy holds the team's changes up to number {copy}");
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `isnad team grant ROLE reader|annotator|admin`.
pub fn grant(team: &TeamConfig, member: &str, role: TeamRole) -> Result<ExitCode> {
    let mut remote = isnad::team::remote(&team.database, &team.schema)?;
    remote.grant(member, role)?;
    say!(
        "{member} is now {} of the team in {} (schema {}).",
        match role {
            TeamRole::Reader => "a reader",
            TeamRole::Annotator => "an annotator",
            TeamRole::Admin => "an admin",
        },
        remote.database(),
        team.schema
    );
    Ok(ExitCode::SUCCESS)
}

/// `isnad team members`: one line each, `ROLE TEAM-ROLE`, the owner first.
pub fn members(team: &TeamConfig) -> Result<ExitCode> {
    let mut remote = isnad::team::remote(&team.database, &team.schema)?;
    let members = remote.members()?;
    say!("{} owner", members.owner);
    for (member, role) in &members.members {
        say!("{member} {role}");
    }
    if members.members.is_empty() {
        note!("no member has a team role yet: `isnad team grant ROLE reader|annotator|admin`");
    }
    Ok(ExitCode::SUCCESS)
}

/// `isnad team push DATABASE [--schema S]`.
pub fn push(mut workspace: Workspace, database: &str, schema: &str) -> Result<ExitCode> {
    let target = Target::parse(database)?;
    password_note(&target);
    if workspace.is_sample() {
        bail!(
            "this is the sample case; push a workspace of your own (`isnad init DIR`, then \
             `isnad add` and annotate)"
        );
    }
    let pushed = workspace.push_to_team(database, schema)?;
    say!(
        "Pushed {} into a new team in {} (schema {schema}): {}, {} and {} of the journal; \
         the corpus's files: {} ({} sent).",
        workspace.root().display(),
        target.describe(),
        super::plural(pushed.entities, "entity"),
        super::plural(pushed.claims, "claim"),
        super::plural(pushed.steps, "step"),
        super::plural(
            pushed.documents.new + pushed.documents.changed + pushed.documents.unchanged,
            "file"
        ),
        indicatif::HumanBytes(pushed.documents.bytes_sent),
    );
    say!(
        "This workspace now works with the team; the others join it with `{}`.",
        join_command(&target, schema)
    );
    Ok(ExitCode::SUCCESS)
}

/// `isnad team export DIR`.
pub fn export(workspace: &Workspace, dir: &Path) -> Result<ExitCode> {
    if workspace.team().is_none() {
        bail!(
            "{} works alone already; `isnad backup` copies its annotations",
            workspace.root().display()
        );
    }
    super::index::follow_team_documents(workspace)?;
    let mut store = super::open_store(workspace)?;
    let made = workspace.export_alone(&mut store, dir)?;
    say!(
        "Made a workspace of your own in {} with this team's documents and annotations, \
         journal included; it works alone.",
        made.root().display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `isnad team remove PATH...`.
pub fn remove(workspace: &Workspace, paths: &[String]) -> Result<ExitCode> {
    if workspace.team().is_none() {
        bail!(
            "{} works alone: take a document out by deleting its file from the corpus folder, \
             then `isnad index`",
            workspace.root().display()
        );
    }
    let mut store = workspace.open_store()?;
    let removed = workspace.remove_team_documents(&mut store, paths)?;
    drop(store);
    for path in &removed {
        say!("taken out of the team: {path}");
    }
    let missing: Vec<&String> = paths.iter().filter(|p| !removed.contains(p)).collect();
    for path in &missing {
        note!("not in the team's documents (or taken out already): {path}");
    }
    let mut index = workspace.open_index_waiting(&mut super::index::waiting_note)?;
    let report = super::index::update_with_progress(workspace, &mut index)?;
    super::index::print_report(&report, &mut std::io::stdout())?;
    Ok(if missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
