//! `isnad add`: copying documents into the workspace's corpus folder.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Workspace, WorkspaceError, io_error};
use crate::corpus::{self, Format, Skipped};

/// What `add` did with each file it was given.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Corpus-relative paths of the files copied.
    pub copied: Vec<String>,
    /// Files already in the corpus with the same bytes.
    pub unchanged: Vec<String>,
    /// Files not copied, and why (the path is the one given).
    pub skipped: Vec<Skipped>,
}

impl Workspace {
    /// Copies files, and the supported files of folders (keeping the folder's name and
    /// structure), into the first corpus root. A file is copied only if isnad can read at
    /// least one document from it, or it is a metadata table (`metadata.csv`) isnad can read; an existing different file is never overwritten. Each
    /// copy is written to a temporary file and renamed, so nothing is half-written.
    pub fn add(&self, paths: &[PathBuf]) -> Result<AddReport, WorkspaceError> {
        let roots = self.corpus_roots();
        let Some(corpus) = roots.first() else {
            return Ok(AddReport::default());
        };
        std::fs::create_dir_all(corpus).map_err(io_error("create", corpus))?;
        let corpus_abs = std::fs::canonicalize(corpus).map_err(io_error("read", corpus))?;
        let mut report = AddReport::default();
        for path in paths {
            let skip = |reason: String| Skipped {
                path: path.display().to_string(),
                line: None,
                reason,
            };
            let Ok(abs) = std::fs::canonicalize(path) else {
                report
                    .skipped
                    .push(skip("no such file or folder".to_owned()));
                continue;
            };
            if abs.starts_with(&corpus_abs) {
                report
                    .skipped
                    .push(skip("already inside the corpus folder".to_owned()));
                continue;
            }
            if abs.is_dir() {
                add_folder(&abs, &corpus_abs, &mut report)?;
            } else {
                let name = abs.file_name().map(PathBuf::from).unwrap_or_default();
                add_file(
                    &abs,
                    &path.display().to_string(),
                    &name,
                    &corpus_abs,
                    &mut report,
                )?;
            }
        }
        Ok(report)
    }
}

fn add_folder(dir: &Path, corpus: &Path, report: &mut AddReport) -> Result<(), WorkspaceError> {
    let base = dir.parent().unwrap_or(dir);
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(dir).display().to_string();
                report.skipped.push(Skipped {
                    path,
                    line: None,
                    reason: error.to_string(),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(base)
            .unwrap_or(entry.path())
            .to_path_buf();
        add_file(
            entry.path(),
            &entry.path().display().to_string(),
            &rel,
            corpus,
            report,
        )?;
    }
    Ok(())
}

fn add_file(
    source: &Path,
    shown: &str,
    rel: &Path,
    corpus: &Path,
    report: &mut AddReport,
) -> Result<(), WorkspaceError> {
    let skip = |reason: String| Skipped {
        path: shown.to_owned(),
        line: None,
        reason,
    };
    let rel_text = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let table = corpus::metadata::is_table(&rel_text);
    if !table && Format::of_path(rel).is_none() {
        report.skipped.push(skip(format!(
            "not a document format isnad reads ({})",
            Format::SUPPORTED
        )));
        return Ok(());
    }
    if let Some(reason) = corpus::refused_name(&rel_text) {
        report.skipped.push(skip(reason.to_owned()));
        return Ok(());
    }
    let bytes = match corpus::read_file(source) {
        Ok(bytes) => bytes,
        Err(reason) => {
            report.skipped.push(skip(reason));
            return Ok(());
        }
    };
    if table {
        // A metadata table: its rows are checked against the corpus when it is indexed.
        if let Err(reason) = corpus::metadata::check_table(&rel_text, &bytes) {
            report.skipped.push(skip(reason));
            return Ok(());
        }
    } else {
        let contents = corpus::parse_file(&rel_text, &bytes);
        if contents.documents.is_empty() {
            let reasons: Vec<String> = contents.skipped.iter().map(|s| s.reason.clone()).collect();
            report.skipped.push(skip(reasons.join("; ")));
            return Ok(());
        }
    }
    let target = corpus.join(rel);
    if target.exists() {
        if std::fs::read(&target).is_ok_and(|existing| existing == bytes) {
            report.unchanged.push(rel_text);
        } else {
            report.skipped.push(skip(format!(
                "the corpus already has a different {rel_text}; rename one of them or edit it in place"
            )));
        }
        return Ok(());
    }
    crate::atomic::write_atomically(&target, &bytes).map_err(io_error("write", &target))?;
    report.copied.push(rel_text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_files_and_folders_and_explains_what_it_skips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = Workspace::init(&dir.path().join("ws")).expect("init");
        let src = dir.path().join("in");
        std::fs::create_dir_all(src.join("reports")).expect("mkdir");
        std::fs::write(src.join("one.txt"), "عنوان\nنص").expect("write");
        std::fs::write(src.join("reports/two.md"), "# عنوان\nنص").expect("write");
        std::fs::write(src.join("reports/skip.pdf"), "%PDF").expect("write");
        std::fs::write(src.join("reports/bin.txt"), b"\0\0").expect("write");
        let report = ws
            .add(&[
                src.join("one.txt"),
                src.join("reports"),
                src.join("missing.txt"),
            ])
            .expect("add");
        assert_eq!(report.copied, ["one.txt", "reports/two.md"]);
        assert_eq!(report.skipped.len(), 3, "{:?}", report.skipped);
        assert!(ws.root().join("corpus/reports/two.md").is_file());

        let again = ws.add(&[src.join("one.txt")]).expect("add again");
        assert_eq!(again.unchanged, ["one.txt"]);
        std::fs::write(src.join("one.txt"), "مختلف").expect("write");
        let conflict = ws.add(&[src.join("one.txt")]).expect("add conflict");
        assert!(
            conflict.skipped[0]
                .reason
                .contains("already has a different one.txt")
        );
        let corpus_file = ws.root().join("corpus/one.txt");
        assert_eq!(
            std::fs::read_to_string(corpus_file).expect("read"),
            "عنوان\nنص"
        );
    }
}
