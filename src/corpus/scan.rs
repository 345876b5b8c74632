//! Finding the files of a corpus: every file under the corpus roots, hidden ones excepted,
//! with the size and modification time that incremental indexing compares.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use super::Skipped;

/// A file under a corpus root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Corpus-relative path with `/` separators; the document id of the file.
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub modified_ns: u128,
}

/// Lists the files under `roots`, sorted by relative path. The first root's files are named
/// relative to it; files of further roots are prefixed with that root's folder name, so ids
/// stay distinct. Unreadable folders are reported, not fatal.
pub fn scan(roots: &[PathBuf]) -> (Vec<CorpusFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for (index, root) in roots.iter().enumerate() {
        let prefix = if index == 0 {
            String::new()
        } else {
            let name = root.file_name().map(|n| n.to_string_lossy().into_owned());
            format!("{}/", name.unwrap_or_else(|| format!("root{index}")))
        };
        let walker = WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                if entry.depth() == 0 {
                    return true;
                }
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                // The corpus is isnad's own: what an `add` cut short left behind goes, as
                // the walk passes it (no folder is read twice).
                if hidden && crate::atomic::is_leftover(entry.path(), true) {
                    let _ = std::fs::remove_file(entry.path());
                }
                !hidden
            });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let path = error.path().unwrap_or(root).display().to_string();
                    skipped.push(Skipped {
                        path,
                        line: None,
                        reason: io_reason(&error),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = match relative(root, entry.path()) {
                Ok(rel) => rel,
                Err(reason) => {
                    skipped.push(Skipped {
                        path: entry.path().to_string_lossy().into_owned(),
                        line: None,
                        reason: reason.to_owned(),
                    });
                    continue;
                }
            };
            let metadata = entry.metadata().ok();
            let modified_ns = metadata
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            files.push(CorpusFile {
                rel: format!("{prefix}{rel}"),
                path: entry.path().to_path_buf(),
                size: metadata.map_or(0, |m| m.len()),
                modified_ns,
            });
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    (files, skipped)
}

fn io_reason(error: &walkdir::Error) -> String {
    match error.io_error() {
        Some(io) => format!("cannot read: {io}"),
        None => error.to_string(),
    }
}

/// `path` relative to `root`, with `/` separators, or why it cannot be a document id: a
/// name that is not Unicode, or one holding control or bidi control characters (an id is
/// shown everywhere, and a name with an escape sequence or an override is an attack, not a
/// report).
fn relative(root: &Path, path: &Path) -> Result<String, &'static str> {
    let rel = path
        .strip_prefix(root)
        .map_err(|_| "it is outside its corpus folder")?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    let rel = parts
        .ok_or("its name is not valid Unicode; rename it to read it")?
        .join("/");
    match refused_name(&rel) {
        Some(reason) => Err(reason),
        None => Ok(rel),
    }
}

/// Why a file at corpus-relative path `rel` cannot be read as a document, by its name alone:
/// control characters (a newline forges a line of output, an escape sequence drives the
/// terminal) or bidi controls (an override draws `bidi_<RLO>gpj.txt` as `bidi_txt.jpg`). An id
/// is shown everywhere; what the user reads must be what is there.
pub fn refused_name(rel: &str) -> Option<&'static str> {
    if rel.chars().any(char::is_control) {
        Some("its name holds control characters; rename it to read it")
    } else if rel.chars().any(crate::text::bidi::is_bidi_control) {
        Some(
            "its name holds bidi control characters, which would show it as another name; \
             rename it to read it",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_files_recursively_skipping_hidden_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("corpus");
        std::fs::create_dir_all(root.join("reports/.cache")).expect("mkdir");
        std::fs::write(root.join("b.txt"), "b").expect("write");
        std::fs::write(root.join("reports/a.txt"), "a").expect("write");
        std::fs::write(root.join(".hidden.txt"), "h").expect("write");
        std::fs::write(root.join("reports/.cache/x.txt"), "x").expect("write");
        let extra = dir.path().join("more");
        std::fs::create_dir_all(&extra).expect("mkdir");
        std::fs::write(extra.join("c.txt"), "c").expect("write");
        let (files, skipped) = scan(&[root, extra]);
        let rels: Vec<_> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["b.txt", "more/c.txt", "reports/a.txt"]);
        assert!(skipped.is_empty());
        assert_eq!(files[0].size, 1);
    }

    #[test]
    fn a_missing_root_is_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (files, skipped) = scan(&[dir.path().join("nope")]);
        assert!(files.is_empty());
        assert!(skipped[0].reason.starts_with("cannot read"));
    }
}
