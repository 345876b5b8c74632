//! `isnad` / `isnad open` without a terminal: a summary of the workspace and the
//! commands to use on it.

use std::process::ExitCode;

use anyhow::Result;

use isnad::workspace::Workspace;

pub fn status(workspace: &Workspace) -> Result<ExitCode> {
    let mut index = super::open_index(workspace)?;
    let manifest = index.manifest();
    let kind = if workspace.is_sample() {
        "the sample case"
    } else {
        "workspace"
    };
    println!("isnad — {kind} in {}", workspace.root().display());
    println!(
        "{} indexed from {}.",
        super::index::plural(manifest.document_count(), "document"),
        super::index::plural(manifest.files.len(), "file")
    );
    let skipped = manifest.skipped().count();
    if skipped > 0 {
        println!(
            "{} could not be read; `isnad index` lists them.",
            super::index::plural(skipped, "file or record")
        );
    }
    println!();
    println!("The interactive workbench is not built yet. Meanwhile:");
    println!("  isnad search داعش              search (Arabic-aware: clitics, hamza, harakat)");
    println!("  isnad search '\"ولاية خراسان\"'   a phrase");
    println!("  isnad add FILE_OR_FOLDER...      add documents (.txt .md .json .jsonl .html)");
    println!("  isnad index                      pick up changes to the corpus");
    println!("  isnad --help                     everything else");
    Ok(ExitCode::SUCCESS)
}
