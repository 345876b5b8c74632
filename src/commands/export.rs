//! `isnad export` and `isnad import`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::plural;
use crate::cli::ExportFormat;
use isnad::export;
use isnad::workspace::Workspace;

pub fn export(
    workspace: &Workspace,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let store = workspace.open_store()?;
    let index = super::open_index(workspace)?;
    let bundle = export::collect(&store, &index)?;
    let bytes = match format {
        ExportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&bundle)?;
            text.push('\n');
            text.into_bytes()
        }
        ExportFormat::W3c => export::w3c::render(&bundle).into_bytes(),
        ExportFormat::Conll => {
            export::conll::render(&bundle, &export::texts(&bundle, &index)).into_bytes()
        }
        ExportFormat::Md => export::report::markdown(&bundle, &title(workspace)).into_bytes(),
        ExportFormat::Html => {
            let colours = workspace
                .config()
                .entity_types
                .iter()
                .map(|t| (t.name.clone(), export::report::css_colour(&t.colour)))
                .collect();
            export::report::html(&bundle, &title(workspace), &colours).into_bytes()
        }
        ExportFormat::Brat | ExportFormat::Csv => {
            let Some(dir) = output else {
                anyhow::bail!(
                    "{} writes a folder of files: give -o DIR",
                    if format == ExportFormat::Brat {
                        "brat (NAME.txt and NAME.ann per document)"
                    } else {
                        "csv (entities, mentions, claims, evidence)"
                    }
                );
            };
            let files = if format == ExportFormat::Brat {
                export::brat::render(&bundle, &export::texts(&bundle, &index))
            } else {
                export::table::render(&bundle)
            };
            for (name, contents) in &files {
                export::write(&dir.join(name), contents.as_bytes())?;
            }
            eprintln!("wrote {} in {}", plural(files.len(), "file"), dir.display());
            return Ok(ExitCode::SUCCESS);
        }
    };
    match output {
        Some(path) => {
            export::write(path, &bytes)?;
            eprintln!(
                "wrote {} ({}, {})",
                path.display(),
                plural(bundle.entities.len(), "entity"),
                plural(bundle.claims.len(), "claim")
            );
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(workspace: &Workspace, file: &Path) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.display().to_string();
    let bundle = export::read(&name, &text)?;
    let mut index = super::open_index(workspace)?;
    let (entities, claims, problems) = export::place(&bundle, &mut index);
    let mut store = workspace.open_store()?;
    let imported = store.import(&entities, &claims, &format!("import {name}"))?;
    println!(
        "imported {} ({} new) with {}, {} ({} new) with {}",
        plural(entities.len(), "entity"),
        imported.entities,
        plural(imported.mentions, "new mention"),
        plural(claims.len(), "claim"),
        imported.claims,
        if imported.evidence == 1 {
            "1 new piece of evidence".to_owned()
        } else {
            format!("{} new pieces of evidence", imported.evidence)
        },
    );
    if !problems.is_empty() {
        eprintln!(
            "{} could not be placed:",
            plural(problems.len(), "annotation")
        );
        for problem in &problems {
            eprintln!("  {problem}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The report's title: the workspace's folder name.
fn title(workspace: &Workspace) -> String {
    let name = workspace.root().file_name().map_or_else(
        || workspace.root().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("isnad report: {name}")
}
