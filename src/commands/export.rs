//! `isnad export` and `isnad import`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::plural;
use crate::cli::ExportFormat;
use isnad::export::{self, Format, Rendered};
use isnad::workspace::Workspace;

pub fn export(
    workspace: &Workspace,
    format: ExportFormat,
    output: Option<&Path>,
    one_table: bool,
) -> Result<ExitCode> {
    let format = match format {
        ExportFormat::Md => Format::Md,
        ExportFormat::Html => Format::Html,
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Brat => Format::Brat,
        ExportFormat::W3c => Format::W3c,
        ExportFormat::Conll => Format::Conll,
    };
    if format.is_folder() && !one_table && output.is_none() {
        anyhow::bail!(
            "{} writes a folder of files: give -o DIR",
            if format == Format::Brat {
                "brat (NAME.txt and NAME.ann per document)"
            } else {
                "csv (entities, mentions, claims, evidence)"
            }
        );
    }
    let store = workspace.open_store()?;
    let index = super::open_index(workspace)?;
    let bundle = export::collect(&store, &index)?;
    let rendered = export::render(
        format,
        &bundle,
        &index,
        &export::style_for(workspace),
        one_table,
    );
    match (output, &rendered) {
        (Some(path), _) => {
            let files = export::save(&rendered, path)?;
            eprintln!(
                "wrote {} ({} in {}, {})",
                path.display(),
                plural(files, "file"),
                plural(bundle.entities.len(), "entity"),
                plural(bundle.claims.len(), "claim")
            );
        }
        (None, Rendered::One(bytes)) => std::io::stdout().lock().write_all(bytes)?,
        (None, Rendered::Files(_)) => anyhow::bail!("this format writes a folder: give -o DIR"),
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
    // A note follows its document to this workspace's id for the same content.
    let notes: Vec<isnad::store::DocNote> = bundle
        .doc_notes
        .iter()
        .map(|note| {
            let doc = bundle
                .documents
                .iter()
                .find(|d| d.id == note.doc)
                .and_then(|d| export::local_id(&mut index, &d.id, &d.hash))
                .unwrap_or_else(|| note.doc.clone());
            isnad::store::DocNote {
                doc,
                ..note.clone()
            }
        })
        .collect();
    let imported = store.import(&entities, &claims, &notes, &format!("import {name}"))?;
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
