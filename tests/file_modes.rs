//! Files isnad writes for people (exports, the copies `isnad add` puts in the corpus) get
//! the mode any new file gets under the process umask (0644 with umask 022), so a colleague
//! or a brat server can read them; they are written through a temporary file, which must
//! not leave them 0600. The umask is set in a child shell: the test process keeps its own.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::case::Case;

/// `isnad ARGS` in the case's workspace under `umask`.
fn isnad_with_umask(case: &Case, umask: &str, args: &[&str]) {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .env("ISNAD_DATA_DIR", &case.data)
        .env_remove("ISNAD_WORKSPACE")
        .current_dir(&case.root)
        .output()
        .expect("run isnad in sh");
    assert!(output.status.success(), "{args:?}: {output:?}");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every file under `path` (or `path` itself), with its mode.
fn modes(path: &Path) -> Vec<(PathBuf, u32)> {
    if path.is_file() {
        return vec![(path.to_path_buf(), mode(path))];
    }
    let mut files: Vec<(PathBuf, u32)> = std::fs::read_dir(path)
        .expect("read_dir")
        .map(|entry| entry.expect("entry").path())
        .flat_map(|path| modes(&path))
        .collect();
    files.sort();
    files
}

fn written_files_have_the_umask_mode(umask: &str, expected: u32) {
    let case = Case::new("case");
    let inbox = case.root.parent().expect("parent").join("inbox");
    std::fs::create_dir_all(&inbox).expect("mkdir");
    std::fs::write(inbox.join("new.txt"), "عنوان\nنص جديد عن الهجوم").expect("write");
    isnad_with_umask(
        &case,
        umask,
        &["add", inbox.join("new.txt").to_str().expect("path")],
    );
    isnad_with_umask(
        &case,
        umask,
        &["entity", "add", "بوتين", "--type", "PER", "--all"],
    );
    let out = case.root.join("out");
    for (format, name) in [
        ("md", "report.md"),
        ("html", "report.html"),
        ("json", "all.json"),
        ("w3c", "w3c.json"),
        ("conll", "ner.conll"),
        ("brat", "brat"),
        ("csv", "csv"),
    ] {
        let path = out.join(name);
        isnad_with_umask(
            &case,
            umask,
            &[
                "export",
                "--format",
                format,
                "-o",
                path.to_str().expect("path"),
            ],
        );
    }
    let mut written = modes(&case.root.join("corpus/new.txt"));
    written.extend(modes(&out));
    assert!(written.len() > 9, "every export was written: {written:?}");
    let wrong: Vec<String> = written
        .iter()
        .filter(|(_, m)| *m != expected)
        .map(|(path, m)| format!("{} {m:o}", path.display()))
        .collect();
    assert!(
        wrong.is_empty(),
        "with umask {umask} these are not {expected:o}: {wrong:?}"
    );
}

#[test]
fn with_umask_022_exports_and_corpus_copies_are_0644() {
    written_files_have_the_umask_mode("022", 0o644);
}

#[test]
fn with_umask_077_exports_and_corpus_copies_are_0600() {
    written_files_have_the_umask_mode("077", 0o600);
}
