//! `isnad export` and `isnad import`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::plural;
use crate::cli::{ExportFormat, ExportTask};
use isnad::export::{self, Format, Rendered};
use isnad::workspace::Workspace;

pub fn export(workspace: &Workspace, task: &ExportTask) -> Result<ExitCode> {
    let (format, output, one_table) = (task.format, task.output.as_deref(), task.table);
    let format = match format {
        ExportFormat::Md => Format::Md,
        ExportFormat::Html => Format::Html,
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Brat => Format::Brat,
        ExportFormat::W3c => Format::W3c,
        ExportFormat::Conll => Format::Conll,
        ExportFormat::Claimreview => Format::ClaimReview,
    };
    if format.is_folder() && !one_table && output.is_none() {
        anyhow::bail!(
            "{} writes a folder of files: give -o DIR",
            if format == Format::Brat {
                "brat (NAME.txt and NAME.ann per document)"
            } else {
                "csv (entities, mentions, claims, evidence, documents)"
            }
        );
    }
    let store = super::open_store(workspace)?;
    let index = super::open_index(workspace)?;
    let bundle = export::collect(&store, &index)?;
    let rendered = if format == Format::Conll {
        let options = export::conll::Options {
            comments: task.comments,
        };
        let (rendered, left_out) = export::render_conll(&bundle, &index, options);
        if left_out > 0 {
            note!(
                "conll: left out {} nested in or overlapping a longer one (IOB2 gives a \
                 token one tag; json, brat and w3c keep them all)",
                plural(left_out, "mention")
            );
        }
        rendered
    } else {
        let style = export::ReportStyle {
            excel: task.excel,
            ..export::style_for(workspace)
        };
        export::render(format, &bundle, &index, &style, one_table)
    };
    match (output, &rendered) {
        (Some(path), _) => {
            let files = export::save(&rendered, path)?;
            note!(
                "wrote {} ({} in {}, {})",
                path.display(),
                plural(files, "file"),
                plural(bundle.entities.len(), "entity"),
                plural(bundle.claims.len(), "claim")
            );
        }
        (None, Rendered::One(bytes)) => write_out(format, bytes)?,
        (None, Rendered::Files(_)) => anyhow::bail!("this format writes a folder: give -o DIR"),
    }
    Ok(ExitCode::SUCCESS)
}

/// An export on standard output. JSON formats have what could drive a terminal escaped
/// (the same JSON to a parser); the others are made safe only when a terminal shows them,
/// and go to a pipe as written.
fn write_out(format: Format, bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let text = String::from_utf8_lossy(bytes);
    if matches!(format, Format::Json | Format::W3c | Format::ClaimReview) {
        out.write_all(isnad::text::terminal::json_for_terminal(&text).as_bytes())?;
    } else if out.is_terminal() {
        out.write_all(isnad::text::terminal::for_terminal(&text).as_bytes())?;
    } else {
        out.write_all(bytes)?;
    }
    Ok(())
}

pub fn import(workspace: &Workspace, file: &Path) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.display().to_string();
    let mut index = super::open_index(workspace)?;
    let mut store = super::open_store(workspace)?;
    let report = export::import(&name, &text, &mut index, &mut store)?;
    let (imported, problems) = (report.imported, report.problems);
    say!(
        "imported {} ({} new) with {}, {} ({} new) with {}",
        plural(report.entities, "entity"),
        imported.entities,
        plural(imported.mentions, "new mention"),
        plural(report.claims, "claim"),
        imported.claims,
        if imported.evidence == 1 {
            "1 new piece of evidence".to_owned()
        } else {
            format!("{} new pieces of evidence", imported.evidence)
        },
    );
    if !problems.is_empty() {
        note!(
            "{} not imported as written:",
            plural(problems.len(), "annotation")
        );
        for problem in &problems {
            note!("  {problem}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
