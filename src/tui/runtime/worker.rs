//! The index thread: it owns the `SearchIndex` (and a reading connection to the store, for
//! `entity:` filters, tag-all and exports) and runs the app's index effects in order,
//! except that only the newest waiting search runs.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use crate::index::{Progress, SearchIndex, SearchRequest};
use crate::store::Store;
use crate::tui::msg::{Effect, LoadedDocument, Msg, ReindexEvent, SearchOutcome};
use crate::tui::{strings, terminal};
use crate::workspace::Workspace;

/// What the worker thread does.
pub(super) enum Job {
    /// An effect that needs the index: `Search`, `Load` or `Reindex`.
    Index(Effect),
    DocIds,
    Calibrate {
        path: PathBuf,
        identity: String,
        answer: terminal::Calibration,
    },
}

/// The index thread: runs jobs in order, except that only the newest waiting search runs.
pub(super) fn worker(
    workspace: &Workspace,
    mut index: SearchIndex,
    jobs: &Receiver<Job>,
    messages: &Sender<Msg>,
    pending: &Arc<AtomicUsize>,
) {
    let mut queue: VecDeque<Job> = VecDeque::new();
    // A reading connection for `entity:` filters, opened when a query first names one.
    let mut store: Option<Store> = None;
    loop {
        if queue.is_empty() {
            match jobs.recv() {
                Ok(job) => queue.push_back(job),
                Err(_) => return,
            }
        }
        while let Ok(job) = jobs.try_recv() {
            queue.push_back(job);
        }
        // A search is stale when a newer one waits behind it.
        let newest_search = queue
            .iter()
            .rposition(|job| matches!(job, Job::Index(Effect::Search { .. })));
        let Some(job) = queue.pop_front() else {
            continue;
        };
        if matches!(job, Job::Index(Effect::Search { .. })) && newest_search.is_some_and(|i| i > 0)
        {
            pending.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let msg = run_job(workspace, &mut index, &mut store, job, messages, pending);
        let sent = msg.is_none_or(|msg| messages.send(msg).is_ok());
        // After the answer is queued, so that idle means every answer is waiting.
        pending.fetch_sub(1, Ordering::SeqCst);
        if !sent {
            return;
        }
    }
}

fn run_job(
    workspace: &Workspace,
    index: &mut SearchIndex,
    store: &mut Option<Store>,
    job: Job,
    messages: &Sender<Msg>,
    pending: &Arc<AtomicUsize>,
) -> Option<Msg> {
    match job {
        Job::Index(Effect::Search {
            generation,
            query,
            exact,
            limit,
            force,
        }) => Some(Msg::Searched {
            generation,
            outcome: search(workspace, index, store, &query, exact, limit, force),
        }),
        Job::Index(Effect::Load {
            doc,
            query,
            exact,
            caret_byte,
        }) => {
            let loaded = match index.document(&doc) {
                Ok(Some(document)) => match index.highlights(&query, exact, &document.text()) {
                    // The search line already says why such a query is refused: the
                    // document opens, with nothing highlighted.
                    Err(crate::index::IndexError::TooDeep { .. }) => Ok(Vec::new()),
                    other => other,
                }
                .map(|hits| {
                    Box::new(LoadedDocument {
                        document,
                        query: query.clone(),
                        hits,
                        caret_byte,
                    })
                })
                .map_err(|e| e.to_string()),
                Ok(None) => Err(format!(
                    "no document {doc:?} in this workspace (tab after :open completes ids)"
                )),
                Err(e) => Err(e.to_string()),
            };
            Some(Msg::Loaded(loaded))
        }
        Job::DocIds => {
            list_ids_aside(index, messages, pending);
            None
        }
        Job::Index(Effect::Export { format, path }) => {
            Some(Msg::Exported(export(workspace, index, store, format, path)))
        }
        Job::Index(Effect::DocInfos(docs)) => Some(Msg::DocInfos(crate::annotate::doc_infos(
            index,
            docs.iter().map(String::as_str),
        ))),
        Job::Index(Effect::FindOccurrences(request)) => {
            let found = occurrences(workspace, index, store, &request);
            Some(Msg::Occurrences { request, found })
        }
        Job::Index(Effect::Reindex) => {
            let mut last = Instant::now();
            let mut done = 0;
            let mut total = 0;
            let result = index.update(&workspace.corpus_roots(), &mut |progress| {
                match progress {
                    Progress::Start { total: t, .. } => total = t,
                    Progress::File { done: d, .. } => done = d,
                    Progress::Committing | Progress::Waiting => {}
                }
                if last.elapsed() > Duration::from_millis(100) {
                    last = Instant::now();
                    let _ = messages.send(Msg::Reindex(ReindexEvent::Progress { done, total }));
                }
            });
            let result = result
                .map(|report| {
                    let mut message = format!(
                        "index up to date: {} documents ({} new, {} changed, {} removed files, {} skipped)",
                        report.documents,
                        report.added,
                        report.changed,
                        report.removed,
                        report.skipped.len()
                    );
                    message.push_str(&follow(workspace, index, store, &report));
                    message
                })
                .map_err(|e| e.to_string());
            list_ids_aside(index, messages, pending);
            Some(Msg::Reindex(ReindexEvent::Done(result)))
        }
        Job::Calibrate {
            path,
            identity,
            answer,
        } => terminal::remember(&path, &identity, answer).err().map(|e| {
            Msg::Notice(format!(
                "could not remember the calibration in {}: {e}",
                path.display()
            ))
        }),
        // `perform` sends only the effects above to this thread.
        Job::Index(_) => None,
    }
}

/// Runs one search: `entity:` terms resolved with the store, a phrase of very common words
/// only when `force`d.
fn search(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    query: &str,
    exact: bool,
    limit: usize,
    force: bool,
) -> SearchOutcome {
    let start = Instant::now();
    let resolved = crate::annotate::resolve_query(query, store, || {
        workspace.open_store().map_err(|e| e.to_string())
    });
    let (query, docs) = match resolved {
        Ok(resolved) => resolved,
        Err(error @ crate::annotate::EntityFilterError::Unknown(_)) => {
            return SearchOutcome::Failed(format!("{error} (the entities pane, E, lists them)"));
        }
        Err(error) => return SearchOutcome::Failed(error.to_string()),
    };
    match index.is_slow_phrase(&query, exact) {
        Ok(true) if !force => SearchOutcome::SlowPhrase,
        Err(e) => SearchOutcome::Failed(e.to_string()),
        Ok(_) => match index.search(SearchRequest {
            exact,
            docs: docs.as_deref(),
            ..SearchRequest::new(&query, limit)
        }) {
            Ok(results) => SearchOutcome::Done {
                results,
                millis: start.elapsed().as_secs_f64() * 1e3,
            },
            Err(e) => SearchOutcome::Failed(e.to_string()),
        },
    }
}

/// Every place the names of `request` occur, each with whether it is tagged already.
fn occurrences(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    request: &crate::tui::msg::TagAllRequest,
) -> Result<Vec<(crate::annotate::Occurrence, bool)>, String> {
    let names: Vec<&str> = request.names.iter().map(String::as_str).collect();
    let found = crate::annotate::occurrences(index, &names).map_err(|e| e.to_string())?;
    // No annotations yet: nothing is tagged, and the store is not made for asking.
    let tagged = if store.is_some() || workspace.store_path().exists() {
        let store = opened(workspace, store)?;
        crate::annotate::already_tagged(store, &request.name, &request.kind, &found)
            .map_err(|e| e.to_string())?
    } else {
        vec![false; found.len()]
    };
    Ok(found.into_iter().zip(tagged).collect())
}

/// `:export`: the store rendered in `format`, written to `path` (relative to the
/// workspace) or to a new name in `exports/`.
fn export(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    format: crate::export::Format,
    path: Option<String>,
) -> Result<String, String> {
    let store = opened(workspace, store)?;
    let bundle = crate::export::collect(store, index).map_err(|e| e.to_string())?;
    let rendered = crate::export::render(
        format,
        &bundle,
        index,
        &crate::export::style_for(workspace),
        false,
    );
    let target = if let Some(path) = path {
        workspace.root().join(path)
    } else {
        let stamp = crate::store::file_stamp();
        let name = if format.is_folder() {
            format!("isnad-{stamp}-{}", format.as_str())
        } else {
            format!("isnad-{stamp}.{}", format.extension())
        };
        workspace.root().join("exports").join(name)
    };
    let files = crate::export::save(&rendered, &target).map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {} ({})",
        target.display(),
        strings::count(files, "file", "files")
    ))
}

/// The annotations follow the documents an update changed; what the status line adds.
fn follow(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    report: &crate::index::UpdateReport,
) -> String {
    if report.documents_changed.is_empty() || !workspace.store_path().exists() {
        return String::new();
    }
    let Ok(store) = opened(workspace, store) else {
        return "; the annotations could not be opened to follow the changes".to_owned();
    };
    match crate::annotate::follow(index, store, &report.documents_changed) {
        Ok(f) if f.moved + f.reanchored + f.orphaned.len() == 0 => String::new(),
        Ok(f) => format!(
            "; annotations: {} found again, {} moved, {} orphaned (isnad claim list / entity list name them)",
            f.reanchored,
            f.moved,
            f.orphaned.len()
        ),
        Err(e) => format!("; the annotations could not follow the changes: {e}"),
    }
}

/// The worker's store, opened the first time it is needed.
fn opened<'s>(
    workspace: &Workspace,
    store: &'s mut Option<Store>,
) -> Result<&'s mut Store, String> {
    match store {
        Some(store) => Ok(store),
        None => Ok(store.insert(workspace.open_store().map_err(|e| e.to_string())?)),
    }
}

/// Sends the ids `:open` completes, listed and sorted on a thread of their own: at a million
/// documents that takes a few hundred milliseconds, which the first keys typed after the
/// workbench opens would otherwise wait for. None when the index cannot list them (a search
/// says why). The thread counts as pending work until its answer is queued.
fn list_ids_aside(index: &SearchIndex, messages: &Sender<Msg>, pending: &Arc<AtomicUsize>) {
    let lister = index.doc_id_lister();
    let messages = messages.clone();
    let done = Arc::clone(pending);
    pending.fetch_add(1, Ordering::SeqCst);
    let spawned = std::thread::Builder::new()
        .name("isnad-ids".to_owned())
        .spawn(move || {
            let mut ids = lister.list().unwrap_or_default();
            ids.sort_unstable();
            let _ = messages.send(Msg::DocIds(ids));
            done.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        // No thread to spare: `:open` completes nothing, and nothing waits for it.
        pending.fetch_sub(1, Ordering::SeqCst);
    }
}
