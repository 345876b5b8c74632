//! Deciding what an update reads: new and changed files, files whose names were tagged
//! since, files with ids of an earlier version, and unchanged files for which a metadata
//! table says something else now; each with what the tables say of it.

use std::collections::BTreeSet;

use super::tables;
use super::{UpdateReport, read};
use crate::corpus::{self, CorpusFile, FileContents, FileMeta, metadata};
use crate::index::manifest::{FileEntry, Manifest};

/// A file to read, with what the metadata tables say of it.
pub(super) struct Todo<'a> {
    pub file: &'a CorpusFile,
    pub meta: Option<FileMeta>,
}

impl Todo<'_> {
    pub fn read(&self) -> FileContents {
        read(self.file, self.meta.as_ref())
    }
}

/// Which files an update reads, with what the metadata tables say of each: new and changed
/// files, files whose names were tagged since (`stale`), and unchanged files for which a
/// table says something else now. Also the manifest entries of the tables read. Counts the
/// files into `report`.
pub(super) fn plan_reads<'a>(
    files: &'a [CorpusFile],
    manifest: &Manifest,
    removed: &[String],
    stale: &BTreeSet<String>,
    report: &mut UpdateReport,
) -> (Vec<Todo<'a>>, Vec<(String, FileEntry)>) {
    let tables = tables::Tables::find(files, manifest, removed);
    let mut todo: Vec<&CorpusFile> = Vec::new();
    // Unchanged files a table of their folder (or above) changed for.
    let mut recheck: Vec<&CorpusFile> = Vec::new();
    for file in files.iter().filter(|f| !metadata::is_table(&f.rel)) {
        match manifest.files.get(&file.rel) {
            Some(entry)
                if entry.size == file.size
                    && entry.modified_ns == file.modified_ns
                    && !stale.contains(&file.rel)
                    && !has_old_ids(&file.rel, entry) =>
            {
                if tables.is_dirty(&file.rel) {
                    recheck.push(file);
                } else {
                    report.unchanged += 1;
                }
            }
            Some(_) => {
                report.changed += 1;
                todo.push(file);
            }
            None => {
                report.added += 1;
                todo.push(file);
            }
        }
    }
    let affected = todo.iter().chain(&recheck).map(|f| f.rel.as_str());
    let removed_documents = removed
        .iter()
        .filter(|rel| !metadata::is_table(rel))
        .map(String::as_str);
    let (meta, table_entries) = tables.read(files, affected.chain(removed_documents));
    for file in recheck {
        let now = meta.for_file(&file.rel).map(|m| m.fingerprint());
        let before = manifest
            .files
            .get(&file.rel)
            .and_then(|e| e.metadata.clone());
        if now == before {
            report.unchanged += 1;
        } else {
            report.changed += 1;
            todo.push(file);
        }
    }
    todo.sort_by(|a, b| a.rel.cmp(&b.rel));
    let todo: Vec<Todo<'_>> = todo
        .into_iter()
        .map(|file| Todo {
            file,
            meta: meta.for_file(&file.rel),
        })
        .collect();
    report.added += tables.added;
    report.changed += tables.changed_count;
    report.unchanged += tables.unchanged;
    (todo, table_entries)
}

/// Whether the documents of the file at `rel` have ids an earlier version gave them (paths
/// with `%` or `#` were not escaped): the file is read again, and since its documents keep
/// their content, annotations follow them to their new ids as they follow a moved file.
fn has_old_ids(rel: &str, entry: &FileEntry) -> bool {
    rel.contains(['%', '#'])
        && entry
            .docs
            .iter()
            .any(|d| !corpus::is_id_of_file(&d.id, rel))
}
