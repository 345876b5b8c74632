//! Metadata tables (`metadata.csv`, `metadata.jsonl`) in an update: which were added,
//! changed or removed, which documents that makes the update look at again, and reading the
//! tables an update needs. A table is read only when it changed or when a file it may
//! describe is read, added or removed: an update with nothing new reads none.

use std::collections::BTreeSet;

use crate::corpus::metadata::{self, folders_above, table_folder};
use crate::corpus::{self, CorpusFile, Format, Metadata, Skipped};
use crate::index::manifest::{FileEntry, Manifest};

/// The tables of the corpus, as an update sees them.
pub(super) struct Tables<'a> {
    /// The tables present, in path order (a folder's `metadata.csv` before its
    /// `metadata.jsonl`).
    present: Vec<&'a CorpusFile>,
    /// Those added or changed since the last update.
    changed: BTreeSet<&'a str>,
    /// Folders holding a table added, changed or removed: their documents may need reading
    /// again.
    dirty: BTreeSet<String>,
    pub added: usize,
    pub changed_count: usize,
    pub unchanged: usize,
}

impl<'a> Tables<'a> {
    /// Finds the tables among `files` and compares them with the manifest; `removed` are the
    /// manifest's files no longer present.
    pub fn find(files: &'a [CorpusFile], manifest: &Manifest, removed: &[String]) -> Self {
        let mut tables = Tables {
            present: Vec::new(),
            changed: BTreeSet::new(),
            dirty: BTreeSet::new(),
            added: 0,
            changed_count: 0,
            unchanged: 0,
        };
        for file in files.iter().filter(|f| metadata::is_table(&f.rel)) {
            tables.present.push(file);
            match manifest.files.get(&file.rel) {
                Some(entry)
                    if entry.table
                        && entry.size == file.size
                        && entry.modified_ns == file.modified_ns =>
                {
                    tables.unchanged += 1;
                    continue;
                }
                Some(_) => tables.changed_count += 1,
                None => tables.added += 1,
            }
            tables.changed.insert(&file.rel);
            tables.dirty.insert(table_folder(&file.rel).to_owned());
        }
        for rel in removed.iter().filter(|rel| metadata::is_table(rel)) {
            tables.dirty.insert(table_folder(rel).to_owned());
        }
        tables
    }

    /// Whether a table that may describe the file at `rel` was added, changed or removed.
    pub fn is_dirty(&self, rel: &str) -> bool {
        !self.dirty.is_empty() && folders_above(rel).any(|folder| self.dirty.contains(folder))
    }

    /// Reads the tables that changed and those that may describe a file of `affected` (files
    /// to read, to check again, or removed). Returns what they say, and the manifest entries
    /// of the tables read, whose bad rows (a row naming a file that is gone, say) are up to
    /// date again.
    pub fn read<'r>(
        &self,
        files: &[CorpusFile],
        affected: impl Iterator<Item = &'r str>,
    ) -> (Metadata, Vec<(String, FileEntry)>) {
        let mut folders = BTreeSet::new();
        for rel in affected {
            folders.extend(folders_above(rel).map(str::to_owned));
        }
        let mut metadata = Metadata::default();
        let mut entries = Vec::new();
        let wanted = self.present.iter().filter(|table| {
            self.changed.contains(table.rel.as_str()) || folders.contains(table_folder(&table.rel))
        });
        let mut documents = None;
        for table in wanted {
            let documents = documents.get_or_insert_with(|| documents_of(files));
            let mut read = match corpus::read_file(&table.path) {
                Ok(bytes) => {
                    metadata::read_table(&table.rel, &bytes, &|rel| documents.contains(rel))
                }
                Err(reason) => metadata::Table {
                    skipped: vec![Skipped {
                        path: table.rel.clone(),
                        line: None,
                        reason,
                    }],
                    ..metadata::Table::default()
                },
            };
            metadata.add(&table.rel, &mut read);
            entries.push((
                table.rel.clone(),
                FileEntry {
                    size: table.size,
                    modified_ns: table.modified_ns,
                    docs: Vec::new(),
                    skipped: read.skipped,
                    metadata: None,
                    table: true,
                },
            ));
        }
        (metadata, entries)
    }
}

/// The files of the corpus that are documents isnad reads: what a table's row may name.
fn documents_of(files: &[CorpusFile]) -> BTreeSet<&str> {
    files
        .iter()
        .map(|f| f.rel.as_str())
        .filter(|rel| {
            !metadata::is_table(rel) && Format::of_path(std::path::Path::new(rel)).is_some()
        })
        .collect()
}
