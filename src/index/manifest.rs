//! What the index holds, per corpus file: size and modification time (to see changes
//! without reading), the documents it gave, and what was skipped in it. Written atomically
//! after each index commit; a crash between commit and write only makes the next run redo
//! some files, which is idempotent.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

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
}

/// The manifest of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Schema, analyzer and word-list versions the index was built with.
    pub build: String,
    pub files: BTreeMap<String, FileEntry>,
}

impl Manifest {
    /// Reads the manifest; a missing or unreadable one is `None` (the index is rebuilt).
    pub fn load(path: &Path) -> Option<Manifest> {
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest to a temporary file, syncs it and renames it into place.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_extension("json.tmp");
        {
            let mut file = std::fs::File::create(&tmp)?;
            serde_json::to_writer(&mut file, self).map_err(std::io::Error::other)?;
            file.flush()?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, path)
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
            },
        );
        manifest.save(&path).expect("save");
        assert_eq!(Manifest::load(&path), Some(manifest));
        std::fs::write(&path, "{not json").expect("write");
        assert_eq!(Manifest::load(&path), None);
    }
}
