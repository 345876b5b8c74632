//! A team's documents in a member's workspace: the files `isnad add` copies into the corpus
//! folder are shared with the team, and the files the team shares are written into the
//! corpus folder, where indexing finds them as any others. The index stays local and
//! derived: what comes from the team is files, never index.

use std::path::{Component, Path, PathBuf};

use super::{Workspace, WorkspaceError, io_error};
use crate::store::{DocPosition, Store};
use crate::team::{Shared, Sharing, content_hash};

/// What following the team's documents did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Followed {
    /// Corpus-relative paths written (new to this workspace, or changed by the team).
    pub written: Vec<String>,
    /// Corpus-relative paths taken out, as the team took them out.
    pub removed: Vec<String>,
    /// Documents this workspace had already, byte for byte.
    pub unchanged: usize,
    /// Documents not written, with the reason (a path that would leave the corpus folder).
    pub refused: Vec<(String, String)>,
}

/// `path` from the team's list as a path inside a corpus folder: relative, `/`-separated,
/// with no `..`, `.` or empty parts; `None` otherwise (another member's database is not
/// trusted to stay inside the folder).
fn inside_corpus(path: &str) -> Option<PathBuf> {
    if path.is_empty() || path.contains(['\\', '\0']) || path.starts_with('/') {
        return None;
    }
    let relative = PathBuf::from(path);
    let parts_ok = path
        .split('/')
        .all(|part| !part.is_empty() && part != "." && part != "..")
        && relative
            .components()
            .all(|component| matches!(component, Component::Normal(_)));
    parts_ok.then_some(relative)
}

impl Workspace {
    /// The folder the team's documents go in: the first corpus folder (`isnad add`'s).
    fn team_corpus(&self) -> Result<PathBuf, WorkspaceError> {
        self.corpus_roots()
            .into_iter()
            .next()
            .ok_or_else(|| WorkspaceError::TeamDatabase {
                path: self.root.join(super::CONFIG_FILE),
                message: "the workspace has no corpus folder to keep the team's documents in \
                          ([corpus] roots)"
                    .to_owned(),
            })
    }

    /// Shares the files `paths` of the first corpus folder (corpus-relative, as
    /// [`AddReport`](super::AddReport) names them) with the team `store` is a copy of.
    pub fn share_documents(
        &self,
        store: &mut Store,
        paths: &[String],
    ) -> Result<Shared, WorkspaceError> {
        let corpus = self.team_corpus()?;
        let author = store.author().to_owned();
        let Some(remote) = store.team_remote() else {
            return Ok(Shared::default());
        };
        let mut read = Vec::with_capacity(paths.len());
        for path in paths {
            let file = corpus.join(path);
            read.push((
                path.as_str(),
                std::fs::read(&file).map_err(io_error("read", &file))?,
            ));
        }
        let files: Vec<Sharing<'_>> = read
            .iter()
            .map(|(path, bytes)| Sharing { path, bytes })
            .collect();
        Ok(remote.share(&author, &files)?)
    }

    /// Writes into the first corpus folder the documents the team shared or changed since
    /// this workspace last looked, in the order they were shared; each file written whole
    /// (a temporary file renamed), its bytes checked against the team's hash. Where to
    /// resume is kept in the store once every file of a batch is written, so an interrupted
    /// follow starts again where it stopped.
    pub fn follow_team_documents(&self, store: &mut Store) -> Result<Followed, WorkspaceError> {
        let corpus = self.team_corpus()?;
        let mut followed = Followed::default();
        if !store.is_team() {
            return Ok(followed);
        }
        loop {
            let after = store.team_documents_position()?;
            let Some(remote) = store.team_remote() else {
                return Ok(followed);
            };
            let batch = remote.documents_after(after.seq, &after.path)?;
            let Some(last) = batch.last().map(|d| DocPosition {
                seq: d.seq,
                path: d.path.clone(),
            }) else {
                return Ok(followed);
            };
            let mut wanted: Vec<(&crate::team::TeamDocument, PathBuf)> = Vec::new();
            for document in &batch {
                let Some(relative) = inside_corpus(&document.path) else {
                    followed.refused.push((
                        document.path.clone(),
                        "its path would leave the corpus folder".to_owned(),
                    ));
                    continue;
                };
                let target = corpus.join(&relative);
                if document.removed {
                    match file_hash(&target) {
                        None => {}
                        Some(hash) if hash == document.hash => {
                            std::fs::remove_file(&target).map_err(io_error("remove", &target))?;
                            followed.removed.push(document.path.clone());
                        }
                        Some(_) => followed.refused.push((
                            document.path.clone(),
                            "the team took it out, and it was kept here: this workspace's copy \
                             differs from the one the team had"
                                .to_owned(),
                        )),
                    }
                    continue;
                }
                if file_hash(&target).as_deref() == Some(document.hash.as_str()) {
                    followed.unchanged += 1;
                    continue;
                }
                wanted.push((document, target));
            }
            // The bytes come a few files at a time (`Remote::blobs`), not a query each; bytes
            // shared under two paths come once.
            let mut seen = std::collections::HashSet::new();
            let hashes: Vec<&str> = wanted
                .iter()
                .map(|(d, _)| d.hash.as_str())
                .filter(|hash| seen.insert(*hash))
                .collect();
            for group in remote.blob_groups(&hashes)? {
                let bytes = remote.blobs(&group)?;
                for (document, target) in &wanted {
                    if !group.contains(&document.hash.as_str()) {
                        continue;
                    }
                    if let Some(content) = bytes.get(&document.hash) {
                        write_followed(&mut followed, document, target, content)?;
                    } else {
                        // Not there any more: said as the database says it.
                        let content = remote.blob(&document.hash)?;
                        write_followed(&mut followed, document, target, &content)?;
                    }
                }
            }
            store.set_team_documents_position(&last)?;
        }
    }
}

/// Writes a document the team shared whole (a temporary file renamed), its bytes checked
/// against the team's hash first.
fn write_followed(
    followed: &mut Followed,
    document: &crate::team::TeamDocument,
    target: &Path,
    bytes: &[u8],
) -> Result<(), WorkspaceError> {
    if content_hash(bytes) != document.hash {
        followed.refused.push((
            document.path.clone(),
            "the bytes the team database sent do not match their hash".to_owned(),
        ));
        return Ok(());
    }
    crate::atomic::write_atomically(target, bytes).map_err(io_error("write", target))?;
    followed.written.push(document.path.clone());
    Ok(())
}

/// The team's hash of the file at `path`, if it can be read.
fn file_hash(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|bytes| content_hash(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_from_the_team_stays_inside_the_corpus_folder() {
        for good in ["a.txt", "reports/2024/b.pdf", "تقرير.txt", ".hidden/x.txt"] {
            assert!(inside_corpus(good).is_some(), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a/.",
            "a\\..\\b",
            "a\0b",
            "a/",
        ] {
            assert!(inside_corpus(bad).is_none(), "{bad:?}");
        }
    }
}

/// What `isnad team push` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pushed {
    pub entities: usize,
    pub claims: usize,
    pub steps: usize,
    pub documents: Shared,
}

/// The files of `root`, corpus-relative and `/`-separated, hidden ones left out (as `isnad
/// add` and indexing leave them out).
fn corpus_files(root: &Path) -> Result<Vec<String>, WorkspaceError> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| WorkspaceError::Io {
            action: "read",
            path: e.path().unwrap_or(root).to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_file()
            && let Ok(relative) = entry.path().strip_prefix(root)
        {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
    Ok(files)
}

impl Workspace {
    /// Takes the files `paths` (corpus-relative) out of the team `store` is a copy of (an
    /// admin's right), then out of this workspace's corpus folder as every member's will.
    /// The paths the team had.
    pub fn remove_team_documents(
        &self,
        store: &mut Store,
        paths: &[String],
    ) -> Result<Vec<String>, WorkspaceError> {
        let author = store.author().to_owned();
        let Some(remote) = store.team_remote() else {
            return Ok(Vec::new());
        };
        let asked: Vec<&str> = paths.iter().map(String::as_str).collect();
        let removed = remote.remove_documents(&author, &asked)?;
        self.follow_team_documents(store)?;
        Ok(removed)
    }

    /// Copies this workspace's annotations (journal included) and its corpus folder's files
    /// into a new team in `schema` of the database `spec` names, and makes this workspace
    /// work with it. Refused for a workspace of a team, and for a team with work in it.
    pub fn push_to_team(&mut self, spec: &str, schema: &str) -> Result<Pushed, WorkspaceError> {
        if let Some(team) = &self.config.team {
            return Err(WorkspaceError::AlreadyInTeam(
                self.root.clone(),
                team.database.clone(),
            ));
        }
        let corpus = self.team_corpus()?;
        let files = corpus_files(&corpus)?;
        let target = crate::team::connect::Target::parse(spec).map_err(|error| {
            WorkspaceError::TeamDatabase {
                path: self.root.join(super::CONFIG_FILE),
                message: error.to_string(),
            }
        })?;
        let make = || {
            crate::team::remote(spec, schema).map_err(|error| WorkspaceError::TeamDatabase {
                path: self.root.join(super::CONFIG_FILE),
                message: error.to_string(),
            })
        };
        let mut remote = make()?;
        remote.create()?;
        let mut store = self.open_store()?;
        let everything = store.everything()?;
        let seq = remote.push_everything(&self.author(), &everything)?;
        store.become_team_copy(make()?, seq)?;
        let documents = self.share_documents(&mut store, &files)?;
        // Its own files, followed: they are in the corpus folder already.
        self.follow_team_documents(&mut store)?;
        let count = |name: &str| {
            everything
                .rows
                .iter()
                .find(|(table, _)| *table == name)
                .map_or(0, |(_, rows)| rows.len())
        };
        self.join_team(super::TeamConfig {
            database: target.to_stored(),
            schema: schema.to_owned(),
        })?;
        Ok(Pushed {
            entities: count("entity"),
            claims: count("claim"),
            steps: everything.steps.len(),
            documents,
        })
    }

    /// Makes a workspace of one's own in `dir` (a new folder) from this team's workspace: its
    /// corpus files, and its annotations and journal as this copy holds them (caught up
    /// first, when the team database answers).
    pub fn export_alone(&self, store: &mut Store, dir: &Path) -> Result<Workspace, WorkspaceError> {
        let made = Workspace::init(dir)?;
        let into = made.root.join("corpus");
        for root in self.corpus_roots() {
            for relative in corpus_files(&root)? {
                let from = root.join(&relative);
                let to = into.join(&relative);
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent).map_err(io_error("create", parent))?;
                }
                std::fs::copy(&from, &to).map_err(io_error("copy", &from))?;
            }
        }
        made.writable_state_dir()?;
        store.copy_alone(&made.store_path())?;
        Ok(made)
    }
}
