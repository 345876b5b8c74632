//! `isnad index` and `isnad add`, with a progress bar on long runs.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use isnad::index::{Progress, SearchIndex, UpdateReport};
use isnad::text::terminal::name_for_terminal;
use isnad::workspace::Workspace;

/// `isnad index [--rebuild]`.
pub fn index(workspace: &Workspace, rebuild: bool) -> Result<ExitCode> {
    follow_team_documents(workspace)?;
    let mut index = if rebuild {
        workspace.rebuild_index()?
    } else {
        workspace.open_index_waiting(&mut waiting_note)?
    };
    if let Some(reason) = index.created().filter(|_| !rebuild) {
        note!("Building the index ({reason})…");
    } else if index.interrupted() {
        note!("The last indexing was interrupted; the index checks out whole. Finishing it…");
    }
    let report = update_with_progress(workspace, &mut index)?;
    print_report(&report, &mut std::io::stdout())?;
    Ok(ExitCode::SUCCESS)
}

/// `isnad add PATH...`: copy, then index. Fails (after copying what it could) when any
/// given path was not added, so scripts notice.
pub fn add(workspace: &Workspace, paths: &[PathBuf]) -> Result<ExitCode> {
    let added = workspace.add(paths)?;
    for rel in &added.copied {
        say!("added {}", name_for_terminal(rel));
    }
    for rel in &added.unchanged {
        say!("already in the corpus: {}", name_for_terminal(rel));
    }
    for skipped in &added.skipped {
        note!("{}not added: {skipped}", crate::ERROR);
    }
    if workspace.team().is_some() {
        share(workspace, &added)?;
    }
    let mut index = workspace.open_index_waiting(&mut waiting_note)?;
    let report = update_with_progress(workspace, &mut index)?;
    print_report(&report, &mut std::io::stdout())?;
    Ok(if added.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// In a team's workspace: shares what `add` put in the corpus folder (copied, or there
/// already) with the team. Out of reach, the files stay added here and the error says so.
fn share(workspace: &Workspace, added: &isnad::workspace::AddReport) -> Result<()> {
    let paths: Vec<String> = added
        .copied
        .iter()
        .chain(&added.unchanged)
        .cloned()
        .collect();
    if paths.is_empty() {
        return Ok(());
    }
    let mut store = workspace.open_store()?;
    let shared = match workspace.share_documents(&mut store, &paths) {
        Ok(shared) => shared,
        Err(error) => {
            // Nothing on this side alone: the files this add copied go again.
            let corpus = workspace.corpus_roots().into_iter().next();
            for rel in &added.copied {
                if let Some(corpus) = &corpus {
                    let _ = std::fs::remove_file(corpus.join(rel));
                }
            }
            return Err(anyhow::Error::new(error).context(
                "nothing was added: the team did not take the files, so they were not kept here \
                 either",
            ));
        }
    };
    say!(
        "shared with the team: {} new, {} changed, {} it had already ({} sent)",
        shared.new,
        shared.changed,
        shared.unchanged,
        indicatif::HumanBytes(shared.bytes_sent)
    );
    drop(store);
    // What the team shared meanwhile comes in now, and this workspace's own files count as
    // followed: an open workbench is not sent to fetch them again.
    follow_team_documents(workspace)
}

/// In a team's workspace: writes the documents the team shared since the last time into
/// the corpus folder, for the index to take in; out of reach, says so and goes on with the
/// files there are.
pub fn follow_team_documents(workspace: &Workspace) -> Result<()> {
    if workspace.team().is_none() {
        return Ok(());
    }
    let mut store = workspace.open_store()?;
    match workspace.follow_team_documents(&mut store) {
        Ok(followed) => {
            if !followed.written.is_empty() {
                note!(
                    "From the team: {}.",
                    plural(followed.written.len(), "document")
                );
            }
            if !followed.removed.is_empty() {
                note!(
                    "Taken out by the team: {}.",
                    plural(followed.removed.len(), "document")
                );
            }
            for (path, reason) in &followed.refused {
                note!(
                    "{}not taken from the team: {}: {reason}",
                    crate::ERROR,
                    name_for_terminal(path)
                );
            }
        }
        Err(isnad::workspace::WorkspaceError::Team(isnad::team::TeamError::Offline {
            database,
            reason,
        })) => note!(
            "note: the team database ({database}) cannot be reached ({reason}): indexing the \
             documents this machine has"
        ),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

/// Said when opening the index waits for another isnad that is building it.
pub fn waiting_note() {
    note!("Another isnad is building the index; waiting for it to finish…");
}

/// Runs an index update with a progress bar on stderr (drawn only on a terminal, and only
/// when the update takes more than a moment).
pub fn update_with_progress(
    workspace: &Workspace,
    index: &mut SearchIndex,
) -> Result<UpdateReport> {
    let started = Instant::now();
    let bar = ProgressBar::hidden();
    let mut total_files = 0;
    let mut on_progress = |progress: Progress<'_>| match progress {
        Progress::Start { total, bytes } => {
            total_files = total;
            bar.set_length(bytes);
            if total > 0 {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} indexing {bar:30} {bytes}/{total_bytes} {msg} ({eta})",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.enable_steady_tick(Duration::from_millis(120));
            }
        }
        Progress::File {
            done, bytes_done, ..
        } => {
            bar.set_position(bytes_done);
            bar.set_message(format!("{done}/{total_files} files"));
        }
        Progress::Committing => bar.set_message("writing the index"),
        Progress::Copies { done, total } => {
            if done == 0 {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} finding copies {bar:30} {pos}/{len} documents ({eta})",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_message("");
                bar.set_length(total as u64);
                bar.enable_steady_tick(Duration::from_millis(120));
            }
            bar.set_position(done as u64);
        }
        Progress::Waiting => {
            note!("Another isnad is updating the index; waiting for it to finish…");
        }
    };
    let report = index.update(&workspace.corpus_roots(), &mut on_progress)?;
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    if report.added + report.changed + report.removed > 0 {
        note!(
            "Indexed {} in {:.2} s ({:.1} MB/s).",
            plural(report.added + report.changed, "file"),
            elapsed.as_secs_f64(),
            report.bytes_read as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9)
        );
    }
    follow_annotations(workspace, index, &report)?;
    Ok(report)
}

/// After an update, the annotations follow their documents; says what moved, what was
/// found again and what could not be placed.
fn follow_annotations(
    workspace: &Workspace,
    index: &SearchIndex,
    report: &UpdateReport,
) -> Result<()> {
    if report.documents_changed.is_empty() || !workspace.store_path().exists() {
        return Ok(());
    }
    let mut store = super::open_store(workspace)?;
    let followed = isnad::annotate::follow(index, &mut store, &report.documents_changed)?;
    if followed.moved + followed.reanchored + followed.orphaned.len() == 0 {
        return Ok(());
    }
    note!(
        "Annotations: {} found again, {} moved with their file, {} orphaned{}",
        followed.reanchored,
        followed.moved,
        followed.orphaned.len(),
        if followed.orphaned.is_empty() {
            "."
        } else {
            " (kept and listed by `isnad entity list` and `isnad claim list`):"
        }
    );
    for orphan in &followed.orphaned {
        note!(
            "  orphaned {} in {}: {}",
            orphan.kind,
            orphan.doc,
            orphan.quote
        );
    }
    Ok(())
}

/// The summary of an update, then each skipped file or line with its reason.
pub fn print_report(report: &UpdateReport, out: &mut dyn Write) -> Result<()> {
    say_to!(
        out,
        "{} indexed ({} new, {} changed, {} removed, {} unchanged files).",
        plural(report.documents, "document"),
        report.added,
        report.changed,
        report.removed,
        report.unchanged
    )?;
    if !report.skipped.is_empty() {
        // A skipped entry may be a whole file, one record of it, or a part of a file whose
        // other documents are indexed (a PDF's scanned pages, a chat's photos).
        say_to!(
            out,
            "Not indexed ({}; a file named here may have other documents indexed):",
            match report.skipped.len() {
                1 => "1 file, record or part of a file".to_owned(),
                n => format!("{n} files, records or parts of files"),
            }
        )?;
        for skipped in &report.skipped {
            say_to!(out, "  skipped {skipped}")?;
        }
    }
    Ok(())
}

pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{count} {stem}ies")
    } else {
        format!("{count} {noun}s")
    }
}
