//! A workspace is one investigation: a folder with `isnad.toml`, a corpus and the derived
//! `.isnad/` state. It is found the way git finds a repository, or named explicitly; with no
//! workspace, isnad uses the bundled sample case, copied once to the user's data folder.

mod add;
mod config;
mod team_docs;

use std::path::{Path, PathBuf};

pub use add::AddReport;
pub use config::{
    BidiMode, COLOURS, Config, DisplayConfig, EntityType, ShapingMode, TeamConfig, ThemeChoice,
};
pub use team_docs::Followed;

use crate::index::{IndexError, SearchIndex};
use crate::store::{Store, StoreError};
use crate::text::arabic::Stemmer;

/// The file that marks a workspace.
pub const CONFIG_FILE: &str = "isnad.toml";
/// The folder of derived and durable state inside a workspace.
pub const STATE_DIR: &str = ".isnad";

/// The sample reports shipped with isnad: the default case and the first fixtures.
const SAMPLE: [(&str, &[u8]); 2] = [
    (
        "000_ff08125e7d15537c.txt",
        include_bytes!("../assets/sample/000_ff08125e7d15537c.txt"),
    ),
    (
        "001_1a6e48de951f8d1c.txt",
        include_bytes!("../assets/sample/001_1a6e48de951f8d1c.txt"),
    ),
];

/// Errors about finding, creating and reading workspaces.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no workspace at {0} (it has no {CONFIG_FILE}); create one with `isnad init {0}`")]
    NotAWorkspace(PathBuf),
    #[error("{0} is already an isnad workspace")]
    AlreadyExists(PathBuf),
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {message}")]
    Config { path: PathBuf, message: String },
    #[error(
        "no folder for the sample case: set ISNAD_DATA_DIR, or run isnad inside a workspace \
         (`isnad init`)"
    )]
    NoDataDir,
    #[error(
        "the workspace {root} cannot be written ({reason}): isnad keeps its index and \
         annotations in {state}. Make it writable, or copy the workspace to a writable disk"
    )]
    ReadOnly {
        root: PathBuf,
        state: PathBuf,
        reason: String,
    },
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Team(#[from] crate::team::TeamError),
    #[error("the team database given in {path} ([team] database) cannot be used: {message}")]
    TeamDatabase { path: PathBuf, message: String },
    #[error(
        "{0} already works with the team database {1}; a workspace belongs to one team (make \
         another workspace with `isnad team join` to join another)"
    )]
    AlreadyInTeam(PathBuf, String),
}

pub(crate) fn io_error(
    action: &'static str,
    path: &Path,
) -> impl FnOnce(std::io::Error) -> WorkspaceError {
    let path = path.to_path_buf();
    move |source| WorkspaceError::Io {
        action,
        path,
        source,
    }
}

/// A read-only file system, or a folder this user may not write.
fn is_read_only(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}

/// An open workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    config: Config,
    sample: bool,
}

impl Workspace {
    /// Creates a workspace in `dir` (made if missing): `isnad.toml` and an empty `corpus/`.
    pub fn init(dir: &Path) -> Result<Workspace, WorkspaceError> {
        if dir.join(CONFIG_FILE).exists() {
            return Err(WorkspaceError::AlreadyExists(dir.to_path_buf()));
        }
        std::fs::create_dir_all(dir.join("corpus")).map_err(io_error("create", dir))?;
        let path = dir.join(CONFIG_FILE);
        std::fs::write(&path, Config::TEMPLATE).map_err(io_error("write", &path))?;
        Workspace::open(dir)
    }

    /// Opens the workspace whose root is `dir`.
    pub fn open(dir: &Path) -> Result<Workspace, WorkspaceError> {
        let path = dir.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(WorkspaceError::NotAWorkspace(dir.to_path_buf()));
        }
        let text = std::fs::read_to_string(&path).map_err(io_error("read", &path))?;
        let config = Config::parse(&text).map_err(|message| WorkspaceError::Config {
            path: path.clone(),
            message,
        })?;
        let root = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        Ok(Workspace {
            root,
            config,
            sample: false,
        })
    }

    /// The nearest folder at or above `start` that holds an `isnad.toml`.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .map(Path::to_path_buf)
    }

    /// The bundled sample case in `data_dir/sample`, created on first use. Files the user
    /// deleted from it are not brought back; an index is built by the first command.
    pub fn sample(data_dir: &Path) -> Result<Workspace, WorkspaceError> {
        let root = data_dir.join("sample");
        if !root.join(CONFIG_FILE).exists() {
            let corpus = root.join("corpus");
            std::fs::create_dir_all(&corpus).map_err(io_error("create", &corpus))?;
            for (name, bytes) in SAMPLE {
                let path = corpus.join(name);
                std::fs::write(&path, bytes).map_err(io_error("write", &path))?;
            }
            let path = root.join(CONFIG_FILE);
            std::fs::write(&path, Config::TEMPLATE).map_err(io_error("write", &path))?;
        }
        let mut workspace = Workspace::open(&root)?;
        workspace.sample = true;
        Ok(workspace)
    }

    /// The user's data folder for isnad: `ISNAD_DATA_DIR`, else the platform's data folder.
    pub fn data_dir() -> Result<PathBuf, WorkspaceError> {
        match std::env::var_os("ISNAD_DATA_DIR") {
            Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
            _ => dirs::data_dir()
                .map(|d| d.join("isnad"))
                .ok_or(WorkspaceError::NoDataDir),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// True for the bundled sample case.
    pub fn is_sample(&self) -> bool {
        self.sample
    }

    /// The corpus roots, absolute. The first is where `isnad add` copies documents.
    pub fn corpus_roots(&self) -> Vec<PathBuf> {
        self.config
            .corpus
            .roots
            .iter()
            .map(|r| self.root.join(r))
            .collect()
    }

    /// The absolute path of a corpus-relative file path, as `corpus::scan` names files.
    pub fn file_path(&self, rel: &str) -> PathBuf {
        let roots = self.corpus_roots();
        for root in roots.iter().skip(1) {
            if let Some(name) = root.file_name().and_then(|n| n.to_str())
                && let Some(inner) = rel.strip_prefix(name).and_then(|r| r.strip_prefix('/'))
            {
                return root.join(inner);
            }
        }
        roots
            .first()
            .map_or_else(|| self.root.join(rel), |r| r.join(rel))
    }

    fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    fn manifest_path(&self) -> PathBuf {
        self.state_dir().join("manifest.json")
    }

    /// Where the annotation store is.
    pub fn store_path(&self) -> PathBuf {
        self.state_dir().join("store.sqlite")
    }

    /// Who is working: `[user] author` in `isnad.toml`, else the login name.
    pub fn author(&self) -> String {
        self.config
            .user
            .author
            .clone()
            .filter(|a| !a.trim().is_empty())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "unknown".to_owned())
    }

    /// The state folder (`.isnad`), created if need be, once it is known to be writable:
    /// the store and the index write there, and a read-only disk would otherwise surface
    /// as a puzzling error from `SQLite` or tantivy.
    fn writable_state_dir(&self) -> Result<PathBuf, WorkspaceError> {
        let state = self.state_dir();
        // A read-only disk or folder, said once; other failures as they are.
        let at = &state;
        let failed = |action: &'static str| {
            move |source: std::io::Error| {
                if is_read_only(&source) {
                    WorkspaceError::ReadOnly {
                        root: self.root.clone(),
                        state: at.clone(),
                        // Without the temporary file's name.
                        reason: source.raw_os_error().map_or_else(
                            || source.kind().to_string(),
                            |code| std::io::Error::from_raw_os_error(code).to_string(),
                        ),
                    }
                } else {
                    io_error(action, at)(source)
                }
            }
        };
        std::fs::create_dir_all(&state).map_err(failed("create"))?;
        tempfile::NamedTempFile::new_in(&state).map_err(failed("write in"))?;
        Ok(state)
    }

    /// Opens (or creates) the annotation store: in a team's workspace, the copy of the team
    /// database (nothing is asked of the database until the store is read or changed).
    pub fn open_store(&self) -> Result<Store, WorkspaceError> {
        self.writable_state_dir()?;
        let Some(team) = &self.config.team else {
            return Ok(Store::open(&self.store_path(), &self.author())?);
        };
        let remote = crate::team::remote(&team.database, &team.schema).map_err(|error| {
            WorkspaceError::TeamDatabase {
                path: self.root.join(CONFIG_FILE),
                message: error.to_string(),
            }
        })?;
        self.open_store_with(remote)
    }

    /// Opens the annotation store as a copy of the team database `remote` reaches (`isnad
    /// team join` uses the address it was given, password and all, for its first catch-up).
    pub fn open_store_with(&self, remote: crate::team::Remote) -> Result<Store, WorkspaceError> {
        self.writable_state_dir()?;
        Ok(Store::open_team(
            &self.store_path(),
            &self.author(),
            remote,
        )?)
    }

    /// The team this workspace works with, if any.
    pub fn team(&self) -> Option<&TeamConfig> {
        self.config.team.as_ref()
    }

    /// Makes this workspace work with `team`: its `[team]` section is added to `isnad.toml`
    /// (the rest of the file as it was). Refused when it works with a team already.
    pub fn join_team(&mut self, team: TeamConfig) -> Result<(), WorkspaceError> {
        if let Some(known) = &self.config.team {
            return Err(WorkspaceError::AlreadyInTeam(
                self.root.clone(),
                known.database.clone(),
            ));
        }
        let path = self.root.join(CONFIG_FILE);
        let mut text = std::fs::read_to_string(&path).map_err(io_error("read", &path))?;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&team.section());
        crate::atomic::write_atomically(&path, text.as_bytes())
            .map_err(io_error("write", &path))?;
        self.config.team = Some(team);
        Ok(())
    }

    /// Opens (or creates) the workspace's index.
    pub fn open_index(&self) -> Result<SearchIndex, WorkspaceError> {
        self.open_index_waiting(&mut || {})
    }

    /// [`Workspace::open_index`], calling `waiting` when it waits for another isnad process
    /// building the index.
    pub fn open_index_waiting(
        &self,
        waiting: &mut dyn FnMut(),
    ) -> Result<SearchIndex, WorkspaceError> {
        let state = self.writable_state_dir()?;
        let mut stemmer = Stemmer::with_defaults();
        // Tagged names are never stemmed apart (a store that cannot be read protects
        // nothing; searching still works).
        if self.store_path().exists()
            && let Ok(store) = Store::open(&self.store_path(), &self.author())
            && let Ok(entities) = store.entities()
        {
            stemmer.protect_names(
                entities
                    .iter()
                    .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
                    .map(String::as_str),
            );
        }
        Ok(SearchIndex::open_waiting(
            &state.join("index"),
            &self.manifest_path(),
            stemmer,
            waiting,
        )?)
    }

    /// Discards the index and opens a new, empty one (to be filled by an update). Without
    /// its manifest the index cannot be trusted, so opening recreates it.
    pub fn rebuild_index(&self) -> Result<SearchIndex, WorkspaceError> {
        let manifest = self.manifest_path();
        match std::fs::remove_file(&manifest) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(io_error("remove", &manifest)(error))
            }
            _ => self.open_index(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_then_discover_from_a_subfolder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = Workspace::init(&dir.path().join("case")).expect("init");
        assert!(ws.root().join("corpus").is_dir());
        let sub = ws.root().join("corpus/deep");
        std::fs::create_dir_all(&sub).expect("mkdir");
        assert_eq!(Workspace::discover(&sub).as_deref(), Some(ws.root()));
        assert!(matches!(
            Workspace::init(ws.root()),
            Err(WorkspaceError::AlreadyExists(_))
        ));
    }

    #[test]
    fn opening_a_plain_folder_says_how_to_make_it_a_workspace() {
        let dir = tempfile::tempdir().expect("tempdir");
        let error = Workspace::open(dir.path()).expect_err("not a workspace");
        assert!(error.to_string().contains("isnad init"));
    }

    #[test]
    fn sample_case_is_created_once_with_both_reports() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = Workspace::sample(dir.path()).expect("sample");
        assert!(ws.is_sample());
        let corpus = ws.root().join("corpus");
        assert_eq!(std::fs::read_dir(&corpus).expect("read").count(), 2);
        std::fs::remove_file(corpus.join(SAMPLE[0].0)).expect("remove");
        Workspace::sample(dir.path()).expect("sample again");
        assert_eq!(std::fs::read_dir(&corpus).expect("read").count(), 1);
    }

    #[test]
    fn extra_roots_map_back_to_their_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = Workspace::init(dir.path()).expect("init");
        std::fs::write(
            ws.root().join(CONFIG_FILE),
            "[corpus]\nroots = [\"corpus\", \"../leaks\"]\n",
        )
        .expect("write");
        let ws = Workspace::open(dir.path()).expect("open");
        assert_eq!(ws.file_path("a/b.txt"), ws.root().join("corpus/a/b.txt"));
        assert_eq!(
            ws.file_path("leaks/x.txt"),
            ws.root().join("../leaks/x.txt")
        );
    }
}
