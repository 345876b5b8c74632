//! The index thread: an `IndexWorker` owns the `SearchIndex` (and a reading connection to
//! the store, for `entity:` filters, tag-all and exports) and answers the app's
//! `IndexJob`s in order, except that only the newest waiting search runs. The worker
//! itself is synchronous: the thread drives one, and so do the tests.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use crate::index::{Progress, SearchHit, SearchIndex, SearchRequest, SearchResults};
use crate::store::Store;
use crate::tui::msg::{
    IndexJob, Listing, LoadedDocument, Msg, ReindexEvent, SearchOutcome, SearchSpec,
};
use crate::tui::{strings, terminal};
use crate::workspace::Workspace;

/// Where an `IndexWorker`'s answers go.
pub trait Sink {
    /// Queues a message for the app; false when nobody listens any more.
    fn send(&mut self, msg: Msg) -> bool;
    /// Work whose answer may come after later jobs' answers: the thread runs it on a
    /// thread of its own, a test in place.
    fn aside(&mut self, work: Box<dyn FnOnce() -> Msg + Send>);
}

/// The index and what the worker keeps beside it. The thread runs one; tests drive one
/// directly.
pub struct IndexWorker {
    workspace: Workspace,
    index: SearchIndex,
    /// A reading connection for `entity:` filters, opened when a query first names one.
    store: Option<Store>,
    /// The generation of the newest search asked for, as the runtime sends them: a count
    /// for an older one is dropped, even while it runs (`IndexJob::Count`).
    newest: Arc<AtomicU64>,
}

impl IndexWorker {
    pub fn new(workspace: Workspace, index: SearchIndex) -> IndexWorker {
        IndexWorker {
            workspace,
            index,
            store: None,
            newest: Arc::default(),
        }
    }

    /// Lets searches use every core (`SearchIndex::search_on_all_cores`).
    pub fn search_on_all_cores(&mut self) -> Result<(), crate::index::IndexError> {
        self.index.search_on_all_cores()
    }

    /// Where the newest search's generation is kept, for whoever sends the searches
    /// (`IndexJob::Count` for an older one is then dropped).
    pub fn newest_search(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.newest)
    }

    /// Does `job`, answering on `sink`; false when the sink no longer listens.
    pub fn handle(&mut self, job: IndexJob, sink: &mut dyn Sink) -> bool {
        let (workspace, index, store) = (&self.workspace, &mut self.index, &mut self.store);
        let msg = match job {
            IndexJob::Search {
                generation,
                spec,
                limit,
                force,
            } => Msg::Searched {
                generation,
                outcome: search(workspace, index, store, &spec, limit, force),
            },
            IndexJob::Count { generation, spec } => {
                let newest = Arc::clone(&self.newest);
                let stale = move || newest.load(Ordering::SeqCst) > generation;
                match count(workspace, index, store, &spec, &stale) {
                    Some((total, reviewed)) => Msg::Counted {
                        generation,
                        total,
                        reviewed,
                    },
                    // A newer search was asked for: its own count will come.
                    None => return true,
                }
            }
            IndexJob::Facets { generation, spec } => {
                let start = Instant::now();
                let outcome = facets(workspace, index, store, &spec);
                Msg::Facets {
                    generation,
                    outcome,
                    millis: start.elapsed().as_secs_f64() * 1e3,
                }
            }
            IndexJob::Load {
                doc,
                query,
                exact,
                caret_byte,
            } => {
                let words = with_aliases(workspace, store, &query).query;
                Msg::Loaded(load(index, &doc, query, &words, exact, caret_byte))
            }
            IndexJob::NextUnreviewed {
                spec,
                passed,
                current,
            } => next_unreviewed(workspace, index, store, &spec, &passed, current),
            IndexJob::DocIds => {
                list_ids(index, sink);
                return true;
            }
            IndexJob::Export { format, path } => {
                Msg::Exported(export(workspace, index, store, format, path))
            }
            IndexJob::DocInfos(docs) => Msg::DocInfos(crate::annotate::doc_infos(
                index,
                docs.iter().map(String::as_str),
            )),
            IndexJob::Copies(doc) => Msg::CopiesShown(copies_view(index, &doc).map(Box::new)),
            IndexJob::Chain(claim) => {
                Msg::ChainShown(chain(workspace, index, store, claim).map(Box::new))
            }
            IndexJob::Attributions(pieces) => {
                let mut documents = crate::export::DocumentCache::new(index);
                let copies_added = pieces
                    .iter()
                    .filter(|(_, doc, anchor)| documents.copy_added(doc, anchor, false))
                    .map(|(id, _, _)| *id)
                    .collect();
                let found = pieces
                    .into_iter()
                    .map(|(id, doc, anchor)| (id, documents.attribution(&doc, anchor.bytes())))
                    .collect();
                Msg::Attributions {
                    found,
                    copies_added,
                }
            }
            IndexJob::FindOccurrences(request) => {
                let found = occurrences(workspace, index, store, &request);
                Msg::Occurrences { request, found }
            }
            IndexJob::Reindex => {
                let result = reindex(workspace, index, store, sink);
                list_ids(index, sink);
                Msg::Reindex(ReindexEvent::Done(result))
            }
        };
        sink.send(msg)
    }
}

/// What the worker thread does: the app's index jobs, and remembering a calibration.
pub(super) enum Job {
    Index(IndexJob),
    Calibrate {
        path: PathBuf,
        identity: String,
        answer: terminal::Calibration,
    },
}

/// The thread's sink: the app's queue, and the count of work not yet answered.
struct Queue<'a> {
    messages: &'a Sender<Msg>,
    pending: &'a Arc<AtomicUsize>,
}

impl Sink for Queue<'_> {
    fn send(&mut self, msg: Msg) -> bool {
        self.messages.send(msg).is_ok()
    }

    /// On a thread of its own, counted as pending work until its answer is queued.
    fn aside(&mut self, work: Box<dyn FnOnce() -> Msg + Send>) {
        let messages = self.messages.clone();
        let done = Arc::clone(self.pending);
        self.pending.fetch_add(1, Ordering::SeqCst);
        let spawned = std::thread::Builder::new()
            .name("isnad-aside".to_owned())
            .spawn(move || {
                let _ = messages.send(work());
                done.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // No thread to spare: the work is not done, and nothing waits for it.
            self.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// The index thread: runs jobs in order, except that only the newest waiting search runs.
pub(super) fn worker(
    mut worker: IndexWorker,
    jobs: &Receiver<Job>,
    messages: &Sender<Msg>,
    pending: &Arc<AtomicUsize>,
) {
    let mut queue: VecDeque<Job> = VecDeque::new();
    let mut sink = Queue { messages, pending };
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
        let is_search = |job: &Job| matches!(job, Job::Index(IndexJob::Search { .. }));
        // A search is stale when a newer one waits behind it.
        let newest_search = queue.iter().rposition(is_search);
        let Some(job) = queue.pop_front() else {
            continue;
        };
        let sent = if is_search(&job) && newest_search.is_some_and(|i| i > 0) {
            true
        } else {
            match job {
                Job::Index(job) => worker.handle(job, &mut sink),
                Job::Calibrate {
                    path,
                    identity,
                    answer,
                } => match terminal::remember(&path, &identity, answer) {
                    Ok(()) => true,
                    Err(e) => sink.send(Msg::Notice(strings::calibration_not_saved(
                        path.display(),
                        e,
                    ))),
                },
            }
        };
        // After the answer is queued, so that idle means every answer is waiting.
        pending.fetch_sub(1, Ordering::SeqCst);
        if !sent {
            return;
        }
    }
}

/// A document with the hits of `query`, for the reader; `words` is the query as searched
/// (a tagged entity's other names with the name typed), what is highlighted.
fn load(
    index: &SearchIndex,
    doc: &str,
    query: String,
    words: &str,
    exact: bool,
    caret_byte: Option<usize>,
) -> Result<Box<LoadedDocument>, String> {
    match index.document(doc) {
        // The query was typed in the query line: the words its last word matched as a
        // prefix are hits too, as in the results.
        Ok(Some(document)) => match index.highlights_typed(words, exact, true, &document.text()) {
            // The search line already says why such a query is refused: the document
            // opens, with nothing highlighted.
            Err(crate::index::IndexError::TooDeep { .. }) => Ok(Vec::new()),
            other => other,
        }
        .map(|hits| {
            Box::new(LoadedDocument {
                document,
                query,
                hits,
                caret_byte,
            })
        })
        .map_err(|e| e.to_string()),
        Ok(None) => Err(strings::no_document(doc)),
        Err(e) => Err(e.to_string()),
    }
}

/// Brings the index up to date, sending progress at most every 100 ms; what the status
/// line says at the end.
fn reindex(
    workspace: &Workspace,
    index: &mut SearchIndex,
    store: &mut Option<Store>,
    sink: &mut dyn Sink,
) -> Result<String, String> {
    let mut last = Instant::now();
    let mut done = 0;
    let mut total = 0;
    // In a team, the documents the team shared come first, as files of the corpus folder.
    let mut from_team = String::new();
    if workspace.team().is_some() {
        let store = opened(workspace, store)?;
        match workspace.follow_team_documents(store) {
            Ok(followed) if !followed.written.is_empty() || !followed.removed.is_empty() => {
                from_team = strings::from_team(followed.written.len(), followed.removed.len());
            }
            Ok(_) => {}
            Err(error) => from_team = strings::team_documents_not_followed(error),
        }
    }
    let result = index.update(&workspace.corpus_roots(), &mut |progress| {
        let copies = match progress {
            Progress::Start { total: t, .. } => {
                total = t;
                None
            }
            Progress::File { done: d, .. } => {
                done = d;
                None
            }
            Progress::Copies { done, total } => Some((done, total)),
            Progress::Committing | Progress::Waiting => None,
        };
        if last.elapsed() > Duration::from_millis(100) {
            last = Instant::now();
            sink.send(Msg::Reindex(match copies {
                Some((done, total)) => ReindexEvent::Copies { done, total },
                None => ReindexEvent::Progress { done, total },
            }));
        }
    });
    result
        .map(|report| {
            let mut message = strings::index_up_to_date(
                report.documents,
                report.added,
                report.changed,
                report.removed,
                report.skipped.len(),
            );
            message.push_str(&follow(workspace, index, store, &report));
            message.push_str(&from_team);
            message
        })
        .map_err(|e| e.to_string())
}

/// A search made ready for the index: its filter terms and the store's picks answered as
/// documents allowed and excluded, the index's picks added to the query.
struct Prepared {
    query: String,
    /// The query line as typed (filter terms and all): its last word is the one being typed.
    typed: String,
    only: Option<Vec<String>>,
    except: Vec<String>,
    /// Nothing to search for was typed: a list of documents, not a search.
    listing: bool,
    /// Words searched with a tagged entity's other names too.
    also: Vec<crate::aliases::Expansion>,
}

impl Prepared {
    fn request(&self, exact: bool, limit: usize) -> SearchRequest<'_> {
        SearchRequest {
            exact,
            docs: self.only.as_deref(),
            except: &self.except,
            // Results come as the query is typed: its last word is also a prefix.
            typing: Some(&self.typed),
            ..SearchRequest::new(&self.query, limit)
        }
    }
}

/// Answers `spec`'s filter terms (`entity:`, `tag:`…) and facet picks.
fn prepare(
    workspace: &Workspace,
    store: &mut Option<Store>,
    spec: &SearchSpec,
) -> Result<Prepared, String> {
    let resolved = crate::annotate::resolve_query(&spec.query, store, || {
        workspace.open_store().map_err(|e| e.to_string())
    });
    let mut resolved = match resolved {
        Ok(resolved) => resolved,
        Err(error @ crate::annotate::FilterError::Unknown(_)) => {
            return Err(strings::unknown_entity(error));
        }
        Err(error @ crate::annotate::FilterError::UnknownTag(_)) => {
            return Err(strings::unknown_tag(error));
        }
        Err(error) => return Err(error.to_string()),
    };
    if spec.picks.needs_store() {
        let sets = store_sets(workspace, store)?;
        spec.picks.narrow(&mut resolved, &sets);
    }
    let expanded = with_aliases(workspace, store, &resolved.query);
    Ok(Prepared {
        listing: resolved.query.trim().is_empty(),
        query: spec.picks.with_query(&expanded.query),
        typed: spec.query.clone(),
        only: resolved.only,
        except: resolved.except,
        also: expanded.expansions,
    })
}

/// `query` with the names of tagged entities searched together; as typed while the
/// workspace has no store (or it cannot be read: the search still runs).
fn with_aliases(
    workspace: &Workspace,
    store: &mut Option<Store>,
    query: &str,
) -> crate::aliases::Expanded {
    existing(workspace, store)
        .ok()
        .flatten()
        .and_then(|store| crate::annotate::alias_table(store).ok())
        .unwrap_or_default()
        .expand(query)
}

/// What the store knows of documents, as facets count and narrow by; nothing while the
/// workspace has no store (it is not made for asking).
fn store_sets(
    workspace: &Workspace,
    store: &mut Option<Store>,
) -> Result<crate::facets::StoreSets, String> {
    let store = existing(workspace, store)?;
    crate::facets::StoreSets::read(store.as_deref()).map_err(|e| e.to_string())
}

/// Runs one search: filter terms and picks answered, a phrase of very common words only
/// when `force`d. Nothing typed lists the documents (those the picks and filter terms
/// allow), newest first or in the order asked for.
fn search(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    spec: &SearchSpec,
    limit: usize,
    force: bool,
) -> SearchOutcome {
    let start = Instant::now();
    let prepared = match prepare(workspace, store, spec) {
        Ok(prepared) => prepared,
        Err(message) => return SearchOutcome::Failed(message),
    };
    let request = prepared.request(spec.exact, limit);
    if prepared.listing {
        let page = match index.page(request, spec.sort.unwrap_or_default(), 0, limit) {
            Ok(page) => page,
            Err(e) => return SearchOutcome::Failed(e.to_string()),
        };
        let counts = annotation_counts(workspace, store);
        let hits: Vec<SearchHit> = page.docs.into_iter().map(SearchHit::from).collect();
        let listing = Listing {
            counts: hits
                .iter()
                .map(|hit| counts.get(&hit.doc).copied().unwrap_or_default())
                .collect(),
            undated: page.undated,
        };
        let reviewed = reviewed_among(workspace, index, store, &prepared, spec.exact, &|| false);
        return SearchOutcome::Done {
            results: SearchResults {
                hits,
                total: Some(page.total),
            },
            millis: start.elapsed().as_secs_f64() * 1e3,
            reviewed,
            listing: Some(listing),
            also: prepared.also.into_boxed_slice(),
        };
    }
    match index.is_slow_phrase(&prepared.query, spec.exact) {
        Ok(true) if !force => SearchOutcome::SlowPhrase,
        Err(e) => SearchOutcome::Failed(e.to_string()),
        Ok(_) => {
            let results = match spec.sort {
                // Sorting visits every match: it counts them too.
                Some(sort) => index.search_sorted(request, sort),
                // Ranked without the count, which the app asks for next (`IndexJob::Count`):
                // the best matches of a query being typed are found without visiting every
                // match, and are drawn first.
                None => index.search(SearchRequest {
                    count: false,
                    ..request
                }),
            };
            match results {
                Ok(mut results) => {
                    // Fewer than asked for: every match is here, counted.
                    if results.total.is_none() && results.hits.len() < limit {
                        results.total = Some(results.hits.len());
                    }
                    let reviewed = if results.total.is_some() {
                        reviewed_among(workspace, index, store, &prepared, spec.exact, &|| false)
                    } else {
                        None
                    };
                    SearchOutcome::Done {
                        results,
                        millis: start.elapsed().as_secs_f64() * 1e3,
                        reviewed,
                        listing: None,
                        also: prepared.also.into_boxed_slice(),
                    }
                }
                Err(e) => SearchOutcome::Failed(e.to_string()),
            }
        }
    }
}

/// Mentions and passages of evidence by document; none while there is no store.
fn annotation_counts(
    workspace: &Workspace,
    store: &mut Option<Store>,
) -> std::collections::BTreeMap<String, (usize, usize)> {
    existing(workspace, store)
        .ok()
        .flatten()
        .and_then(|store| store.annotation_counts().ok())
        .unwrap_or_default()
}

/// The facets of `spec`'s matches (as the search shows them: nothing typed, every
/// document the picks allow). A facet with picks is counted without its own picks, so
/// its other values stay there to pick beside them (several outlets OR'd).
fn facets(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    spec: &SearchSpec,
) -> Result<crate::facets::Facets, String> {
    let sets = store_sets(workspace, store)?;
    let mut count = |spec: &SearchSpec| -> Result<crate::facets::Facets, String> {
        let prepared = prepare(workspace, store, spec)?;
        crate::facets::count(index, prepared.request(spec.exact, 1), &sets, &spec.picks)
            .map_err(|e| e.to_string())
    };
    let mut facets = count(spec)?;
    for family in crate::facets::Facet::FAMILIES {
        if family
            .iter()
            .any(|f| spec.picks.values(*f).next().is_some())
        {
            let without = SearchSpec {
                picks: spec.picks.without(family),
                ..spec.clone()
            };
            let own = count(&without)?;
            for facet in *family {
                facets.take_group(*facet, &own);
            }
        }
    }
    Ok(facets)
}

/// How many documents `spec` matches, and how many of them are reviewed
/// (`reviewed_among`); `None` when `stale` says a newer search was asked for first, or when
/// the search cannot run (the search itself said why).
fn count(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    spec: &SearchSpec,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<(usize, Option<usize>)> {
    if stale() {
        return None;
    }
    let prepared = prepare(workspace, store, spec).ok()?;
    let total = index.count(prepared.request(spec.exact, 1), stale).ok()??;
    let reviewed = reviewed_among(workspace, index, store, &prepared, spec.exact, stale);
    // Stopped while the reviewed ones were counted: dropped all the same.
    (!stale()).then_some((total, reviewed))
}

/// How many matches of `prepared` are marked reviewed: those the query matches among the
/// reviewed documents, counted by the index however many matches there are. `None` while
/// no document of the workspace is reviewed (nothing is said of it then), when the store
/// cannot say, or when `stale` stopped the count.
fn reviewed_among(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    prepared: &Prepared,
    exact: bool,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<usize> {
    let mut reviewed = reviewed_docs(workspace, store).ok()?;
    if reviewed.is_empty() {
        return None;
    }
    if let Some(only) = &prepared.only {
        reviewed.retain(|doc| only.binary_search(doc).is_ok());
    }
    if reviewed.is_empty() {
        return Some(0);
    }
    let request = SearchRequest {
        docs: Some(&reviewed),
        ..prepared.request(exact, 1)
    };
    index.count(request, stale).ok()?
}

/// The documents marked reviewed; none while the workspace has no store (it is not made
/// for asking).
fn reviewed_docs(workspace: &Workspace, store: &mut Option<Store>) -> Result<Vec<String>, String> {
    match existing(workspace, store)? {
        Some(store) => store.reviewed_docs().map_err(|e| e.to_string()),
        None => Ok(Vec::new()),
    }
}

/// `R` past what the workbench has fetched: the first document of the list `spec` makes
/// (best-ranked, or first in its order) not marked reviewed and not among `passed`; when
/// there is none, the list again from the top without `current` (the documents passed over
/// before it). Opened.
fn next_unreviewed(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    spec: &SearchSpec,
    passed: &[String],
    current: Option<String>,
) -> Msg {
    let found = (|| -> Result<Option<String>, String> {
        let prepared = prepare(workspace, store, spec)?;
        let reviewed = reviewed_docs(workspace, store)?;
        let first = |skipped: &[String]| -> Result<Option<String>, String> {
            let mut except = prepared.except.clone();
            except.extend(reviewed.iter().cloned());
            except.extend(skipped.iter().cloned());
            except.sort_unstable();
            except.dedup();
            let request = SearchRequest {
                except: &except,
                ..prepared.request(spec.exact, 1)
            };
            let failed = |e: crate::index::IndexError| e.to_string();
            match (prepared.listing, spec.sort) {
                (true, sort) => Ok(index
                    .page(request, sort.unwrap_or_default(), 0, 1)
                    .map_err(failed)?
                    .docs
                    .into_iter()
                    .next()
                    .map(|listed| listed.doc)),
                (false, Some(sort)) => Ok(index
                    .search_sorted(request, sort)
                    .map_err(failed)?
                    .hits
                    .into_iter()
                    .next()
                    .map(|hit| hit.doc)),
                (false, None) => index.first_allowed(request).map_err(failed),
            }
        };
        match first(passed)? {
            Some(doc) => Ok(Some(doc)),
            None => first(&current.into_iter().collect::<Vec<_>>()),
        }
    })();
    match found {
        Ok(Some(doc)) => {
            let words = with_aliases(workspace, store, &spec.query).query;
            Msg::Loaded(load(
                index,
                &doc,
                spec.query.clone(),
                &words,
                spec.exact,
                None,
            ))
        }
        Ok(None) => Msg::Notice(strings::ALL_REVIEWED.to_owned()),
        Err(error) => Msg::Notice(error),
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
    let tagged = match existing(workspace, store)? {
        Some(store) => crate::annotate::already_tagged(store, &request.name, &request.kind, &found)
            .map_err(|e| e.to_string())?,
        None => vec![false; found.len()],
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
    let (rendered, left_out) = if format == crate::export::Format::Conll {
        crate::export::render_conll(&bundle, index, crate::export::conll::Options::default())
    } else {
        let style = crate::export::style_for(workspace);
        let rendered = crate::export::render(format, &bundle, index, &style, false);
        (rendered, 0)
    };
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
    let wrote = strings::wrote(target.display(), files);
    Ok(if left_out == 0 {
        wrote
    } else {
        // IOB2 gives a token one tag: say what the other formats keep.
        format!(
            "{wrote}; {} left out (brat, json and w3c keep them)",
            strings::count(left_out, "nested mention", "nested mentions")
        )
    })
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
        return strings::FOLLOW_NOT_OPENED.to_owned();
    };
    match crate::annotate::follow(index, store, &report.documents_changed) {
        Ok(f) if f.moved + f.reanchored + f.orphaned.len() == 0 => String::new(),
        Ok(f) => strings::annotations_followed(f.reanchored, f.moved, f.orphaned.len()),
        Err(e) => strings::annotations_not_followed(e),
    }
}

/// The worker's store, opened the first time it is needed.
/// The store, opened when it is not yet: `None` while the workspace has none (a store is
/// not made for asking: nothing is annotated, reviewed or tagged yet).
fn existing<'s>(
    workspace: &Workspace,
    store: &'s mut Option<Store>,
) -> Result<Option<&'s mut Store>, String> {
    if store.is_none() && !workspace.store_path().exists() {
        return Ok(None);
    }
    opened(workspace, store).map(Some)
}

fn opened<'s>(
    workspace: &Workspace,
    store: &'s mut Option<Store>,
) -> Result<&'s mut Store, String> {
    match store {
        Some(store) => Ok(store),
        None => Ok(store.insert(workspace.open_store().map_err(|e| e.to_string())?)),
    }
}

/// Sends the ids `:open` completes, listed and sorted aside: at a million documents that
/// takes a few hundred milliseconds, which the first keys typed after the workbench opens
/// would otherwise wait for. None when the index cannot list them (a search says why).
fn list_ids(index: &SearchIndex, sink: &mut dyn Sink) {
    let lister = index.doc_id_lister();
    sink.aside(Box::new(move || {
        let mut ids = lister.list().unwrap_or_default();
        ids.sort_unstable();
        Msg::DocIds(ids)
    }));
    // And how many copies each document has, for "+3 copies" in the lists: read from the
    // copies file aside too (a map of every grouped document).
    let copies = index.copies_path();
    sink.aside(Box::new(move || {
        Msg::CopyCounts(
            crate::copies::CopyStore::open_existing(&copies)
                .ok()
                .flatten()
                .and_then(|store| store.marks().ok())
                .unwrap_or_default(),
        )
    }));
}

/// The copy group of `doc` for the copies overlay: the origin and each copy read from the
/// index, each copy compared with the origin; the copy shown first is `doc` (the first copy
/// when `doc` is the origin).
/// The chain of claim `claim`, or why there is none.
fn chain(
    workspace: &Workspace,
    index: &SearchIndex,
    store: &mut Option<Store>,
    claim: i64,
) -> Result<crate::export::chain::Chain, String> {
    let store = opened(workspace, store)?;
    let found = store
        .claim(claim)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| strings::no_claim(claim))?;
    let evidence = store.evidence(claim).map_err(|e| e.to_string())?;
    let mut documents = crate::export::DocumentCache::new(index);
    Ok(crate::export::chain::chain(
        &mut documents,
        &found,
        &evidence,
    ))
}

fn copies_view(
    index: &SearchIndex,
    doc: &str,
) -> Result<crate::tui::copies_view::CopiesView, String> {
    use crate::tui::copies_view::{Beside, CopiesView, Side};
    let store = index
        .copies()
        .map_err(|e| e.to_string())?
        .ok_or_else(|| strings::no_copies(doc))?;
    let group = store
        .group_of(doc)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| strings::no_copies(doc))?;
    let side = |member: &crate::copies::Member| -> Result<Side, String> {
        let document = index
            .document(&member.doc)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                format!(
                    "{} is no longer in the index: reindex (:reindex)",
                    member.doc
                )
            })?;
        Ok(Side {
            text: document.text(),
            doc: document.id,
            source: document.source,
            published: document.published,
            direction: document.direction,
            similarity: member.similarity,
        })
    };
    let origin = side(&group.origin)?;
    let mut copies = Vec::new();
    for member in &group.copies {
        let copy = side(member)?;
        let compared = crate::copies::compare(&origin.text, &copy.text);
        copies.push(Beside {
            copy,
            only_origin: compared.only_left,
            only_copy: compared.only_right,
        });
    }
    let shown = copies.iter().position(|b| b.copy.doc == doc).unwrap_or(0);
    Ok(CopiesView {
        origin,
        copies,
        shown,
        scroll: 0,
    })
}
