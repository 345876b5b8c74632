//! `isnad` / `isnad open` without a terminal: a summary of the workspace and the
//! commands to use on it.

use std::process::ExitCode;

use anyhow::Result;

use isnad::workspace::Workspace;

pub fn status(workspace: &Workspace) -> Result<ExitCode> {
    let mut index = super::open_index(workspace)?;
    let summary = index.summary();
    let kind = if workspace.is_sample() {
        "the sample case"
    } else {
        "workspace"
    };
    say!("isnad — {kind} in {}", workspace.root().display());
    say!(
        "{} indexed from {}.",
        super::index::plural(summary.documents, "document"),
        super::index::plural(summary.files, "file")
    );
    let skipped = summary.skipped;
    if skipped > 0 {
        say!(
            "{} could not be read; `isnad index` lists them.",
            super::index::plural(skipped, "file or record")
                .replace("file or records", "files or records")
        );
    }
    say!();
    say!("The workbench opens when `isnad` runs in a terminal. From a script:");
    say!("  isnad search داعش              search (Arabic-aware: clitics, hamza, harakat)");
    say!("  isnad search '\"ولاية خراسان\"'   a phrase");
    say!(
        "  isnad add FILE_OR_FOLDER...      add documents ({})",
        isnad::corpus::Format::SUPPORTED
    );
    say!("  isnad index                      pick up changes to the corpus");
    say!("  isnad entity list / claim list   the annotations so far");
    say!("  isnad export --format md         a report of the claims and their sources");
    say!("  isnad --help                     everything else");
    Ok(ExitCode::SUCCESS)
}
