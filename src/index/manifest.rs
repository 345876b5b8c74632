//! What the index holds, per corpus file: size and modification time (to see changes
//! without reading), the documents it gave, and what was skipped in it. Written atomically
//! after each index commit; a crash between commit and write only makes the next run redo
//! some files, which is idempotent.
//!
//! The manifest grows with the corpus (80 MB for a million documents), so a command that
//! only reads never parses it: the build id it was made with (`manifest.build`, checked by
//! `open`), the protected names it was written with (`manifest.names`, checked by every
//! command for names tagged since) and its counts (`manifest.summary`, for `isnad` without
//! a terminal) are kept in small sidecar files. `tests/manifest_reads.rs`
//! keeps it so.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::atomic::write_atomically;
use crate::corpus::Skipped;

/// A document the index holds, as the manifest remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocEntry {
    pub id: String,
    pub hash: String,
}

/// One corpus file as last indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    pub modified_ns: u128,
    pub docs: Vec<DocEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
    /// The fingerprint of what metadata tables said of the file when it was read
    /// ([`crate::corpus::FileMeta::fingerprint`]): when it differs, the file is read again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// The file is a metadata table (`metadata.csv`), read for what it says of other files;
    /// `skipped` holds its bad rows. False in manifests written before tables were read,
    /// which makes such a file read again as a table.
    #[serde(default, skip_serializing_if = "is_false")]
    pub table: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_false(value: &bool) -> bool {
    !value
}

/// The manifest of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Schema, analyzer and word-list versions the index was built with.
    pub build: String,
    pub files: BTreeMap<String, FileEntry>,
    /// The entity-name words the stemmer protected when the index was last written.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub names: BTreeSet<String>,
}

/// What the manifest counts, kept beside it for commands that only report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    /// Files and records that could not be read.
    pub skipped: usize,
}

impl Manifest {
    /// Reads the manifest; a missing or unreadable one is `None` (the index is rebuilt).
    pub fn load(path: &Path) -> Option<Manifest> {
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest, then its sidecars (the protected names, then the build id),
    /// each to a temporary file that is synced and renamed into place.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        write_atomically(
            path,
            &serde_json::to_vec(self).map_err(std::io::Error::other)?,
        )?;
        Self::save_names(path, &self.names)?;
        Self::save_summary(path, self.summary())?;
        write_atomically(&build_path(path), self.build.as_bytes())
    }

    /// Writes the names sidecar of the manifest at `path`.
    pub fn save_names(path: &Path, names: &BTreeSet<String>) -> std::io::Result<()> {
        write_atomically(
            &names_path(path),
            &serde_json::to_vec(names).map_err(std::io::Error::other)?,
        )
    }

    /// The protected names recorded beside the manifest at `path`: what a command that
    /// only reads needs of it, without parsing a manifest of every file (81 MB at a
    /// million documents). `None` when the sidecar is missing or unreadable (a manifest
    /// written before it existed): then the manifest is the answer.
    pub fn stored_names(path: &Path) -> Option<BTreeSet<String>> {
        let bytes = std::fs::read(names_path(path)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the summary sidecar of the manifest at `path`.
    pub fn save_summary(path: &Path, summary: Summary) -> std::io::Result<()> {
        write_atomically(
            &summary_path(path),
            &serde_json::to_vec(&summary).map_err(std::io::Error::other)?,
        )
    }

    /// The counts recorded beside the manifest at `path`; `None` when the sidecar is
    /// missing or unreadable (a manifest written before it existed).
    pub fn stored_summary(path: &Path) -> Option<Summary> {
        let bytes = std::fs::read(summary_path(path)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// This manifest's counts.
    pub fn summary(&self) -> Summary {
        Summary {
            files: self.files.len(),
            documents: self.document_count(),
            skipped: self.skipped().count(),
        }
    }

    /// The build id recorded beside the manifest at `path`, when both files exist.
    pub fn stored_build(path: &Path) -> Option<String> {
        if !path.is_file() {
            return None;
        }
        std::fs::read_to_string(build_path(path)).ok()
    }

    /// The number of documents the index holds.
    pub fn document_count(&self) -> usize {
        self.files.values().map(|f| f.docs.len()).sum()
    }

    /// Everything skipped in the corpus as last indexed.
    pub fn skipped(&self) -> impl Iterator<Item = &Skipped> {
        self.files.values().flat_map(|f| f.skipped.iter())
    }
}

fn build_path(manifest: &Path) -> std::path::PathBuf {
    manifest.with_extension("build")
}

fn names_path(manifest: &Path) -> std::path::PathBuf {
    manifest.with_extension("names")
}

fn summary_path(manifest: &Path) -> std::path::PathBuf {
    manifest.with_extension("summary")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_disk() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("manifest.json");
        let mut manifest = Manifest {
            build: "v1".into(),
            ..Manifest::default()
        };
        manifest.files.insert(
            "a.txt".into(),
            FileEntry {
                size: 3,
                modified_ns: 7,
                docs: vec![DocEntry {
                    id: "a.txt".into(),
                    hash: "h".into(),
                }],
                skipped: Vec::new(),
                metadata: Some("m".into()),
                table: false,
            },
        );
        manifest.save(&path).expect("save");
        assert_eq!(Manifest::load(&path), Some(manifest));
        assert_eq!(Manifest::stored_build(&path).as_deref(), Some("v1"));
        assert_eq!(
            Manifest::stored_summary(&path),
            Some(Summary {
                files: 1,
                documents: 1,
                skipped: 0
            })
        );
        std::fs::write(&path, "{not json").expect("write");
        assert_eq!(Manifest::load(&path), None);
    }
}
