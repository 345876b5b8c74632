//! `isnad search`: human output (rank, title, path, snippet) or JSON lines.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::SearchTask;
use anyhow::Result;
use isnad::text::terminal::for_terminal;
use serde::Serialize;

use isnad::facets::{Facet, Facets, Picks, StoreSets};
use isnad::index::{SearchHit, SearchRequest};
use isnad::workspace::Workspace;

/// One result as `--json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    doc: &'a str,
    path: String,
    title: &'a str,
    score: f32,
    snippet: &'a str,
    /// UTF-8 byte ranges into `snippet`, as `[start, end]` pairs.
    highlights: Vec<[usize; 2]>,
    /// How many other documents are in its copy group (0: none; `isnad doc copies`).
    copies: usize,
    /// The group's origin, when this document is a copy of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_of: Option<String>,
}

/// Each hit's copy group mark: how many others, and the origin of a copy. None without
/// copy groups (an index being made) or when they cannot be read: the results stand alone.
fn copy_marks(
    index: &isnad::index::SearchIndex,
    hits: &[SearchHit],
) -> Vec<(usize, Option<String>)> {
    let store = index.copies().ok().flatten();
    hits.iter()
        .map(|hit| {
            store
                .as_ref()
                .and_then(|s| s.mark_of(&hit.doc).ok().flatten())
                .unwrap_or((0, None))
        })
        .collect()
}

pub fn search(workspace: &Workspace, task: &SearchTask) -> Result<ExitCode> {
    let SearchTask {
        query,
        limit,
        exact,
        json,
        facets,
    } = task;
    let (limit, exact, json) = (*limit, *exact, *json);
    let index = super::open_index(workspace)?;
    let mut store = None;
    let (resolved, expanded) = resolve(workspace, query, &mut store)?;
    let query = expanded.query;
    let request = SearchRequest {
        query: &query,
        limit,
        exact,
        count: true,
        docs: resolved.only.as_deref(),
        except: &resolved.except,
        // The command line reads whole words: a prefix is written `word*`.
        typing: None,
    };
    let facets = if *facets {
        // Without a store nothing is reviewed, tagged or annotated yet.
        let sets = StoreSets::read(store.as_ref())?;
        Some(isnad::facets::count(
            &index,
            request,
            &sets,
            &Picks::default(),
        )?)
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if task.query.trim().is_empty() {
        // `--facets` alone: the whole corpus counted.
        if let Some(facets) = &facets {
            print_facets(&mut out, facets, json)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let results = results(&index, request)?;
    let total = results.total.unwrap_or(results.hits.len());
    let marks = copy_marks(&index, &results.hits);
    if json {
        for (hit, (copies, copy_of)) in results.hits.iter().zip(marks) {
            let line = JsonHit {
                doc: &hit.doc,
                path: workspace.file_path(&hit.file).display().to_string(),
                title: &hit.title,
                score: hit.score,
                snippet: &hit.snippet,
                highlights: hit.highlights.iter().map(|r| [r.start, r.end]).collect(),
                copies,
                copy_of,
            };
            super::write_json(&mut out, &line, false)?;
        }
        if let Some(facets) = &facets {
            print_facets(&mut out, facets, true)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    say_expansions(&mut out, &expanded.expansions)?;
    if total == 0 {
        say_to!(out, "No documents match {}.", task.query.trim())?;
        return Ok(ExitCode::SUCCESS);
    }
    let shown = results.hits.len();
    if shown < total {
        say_to!(out, "{total} documents match; the best {shown}:")?;
    } else {
        say_to!(out, "{}:", super::index::plural(total, "document"))?;
    }
    for (rank, (hit, mark)) in results.hits.iter().zip(&marks).enumerate() {
        say_to!(out)?;
        say_to!(out, "{}. {}", rank + 1, hit.title)?;
        say_to!(out, "   {}", details(hit, mark))?;
        writeln!(out, "   {}", marked(&hit.snippet, &hit.highlights, color))?;
    }
    if let Some(facets) = &facets {
        say_to!(out)?;
        print_facets(&mut out, facets, false)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `query`'s filter terms answered by the store, and a tagged entity's names searched
/// together (a workspace without a store has none); the store is opened when it exists.
fn resolve(
    workspace: &Workspace,
    query: &str,
    store: &mut Option<isnad::store::Store>,
) -> Result<(isnad::annotate::Resolved, isnad::aliases::Expanded)> {
    let mut resolved = isnad::annotate::resolve_query(query, store, || {
        workspace.open_store().map_err(|e| e.to_string())
    })
    .map_err(|error| match error {
        isnad::annotate::FilterError::Unknown(_) => {
            anyhow::anyhow!("{error} (`isnad entity list` lists the entities)")
        }
        isnad::annotate::FilterError::UnknownTag(_) => {
            anyhow::anyhow!("{error} (`isnad doc list --json` shows every document's tags)")
        }
        _ => anyhow::Error::new(error),
    })?;
    if store.is_none() && workspace.store_path().exists() {
        *store = Some(workspace.open_store()?);
    }
    let expanded = match store {
        Some(store) => isnad::annotate::alias_table(store)?.expand(&resolved.query),
        None => isnad::aliases::Expanded {
            query: std::mem::take(&mut resolved.query),
            expansions: Vec::new(),
        },
    };
    Ok((resolved, expanded))
}

/// Says which words were searched with their entity's other names.
fn say_expansions(out: &mut impl Write, expansions: &[isnad::aliases::Expansion]) -> Result<()> {
    for expansion in expansions {
        let also: Vec<String> = expansion
            .also
            .iter()
            .map(|name| for_terminal(name).into_owned())
            .collect();
        say_to!(
            out,
            "{} is also searched as {} (names of one entity).",
            for_terminal(&expansion.typed),
            also.join(", ")
        )?;
    }
    Ok(())
}

/// One value of a facet as `--json` prints it: `value` is null for "none" (no outlet, no
/// date).
#[derive(Serialize)]
struct JsonCount<'a> {
    value: Option<&'a str>,
    count: usize,
}

/// `{"facets": {"total": N, "outlet": [{"value", "count"}…], "language": […], …}}`, or
/// one line per facet for people.
fn print_facets(out: &mut impl Write, facets: &Facets, json: bool) -> Result<()> {
    if json {
        let mut object = serde_json::Map::new();
        object.insert("total".to_owned(), facets.total.into());
        for facet in Facet::ALL {
            let counts: Vec<JsonCount<'_>> = facets
                .group(facet)
                .map(|g| g.counts.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|c| JsonCount {
                    value: (c.value != isnad::facets::NONE).then_some(c.value.as_str()),
                    count: c.count,
                })
                .collect();
            object.insert(facet.as_str().to_owned(), serde_json::to_value(counts)?);
        }
        let line = serde_json::json!({ "facets": object });
        super::write_json(out, &line, false)?;
        return Ok(());
    }
    say_to!(
        out,
        "Facets of {}:",
        super::index::plural(facets.total, "document")
    )?;
    for group in &facets.groups {
        let values: Vec<String> = group
            .counts
            .iter()
            .map(|c| format!("{} {}", for_terminal(&c.label(group.facet)), c.count))
            .collect();
        say_to!(out, "  {}: {}", group.facet.as_str(), values.join(" · "))?;
    }
    Ok(())
}

/// The hits of `request`; filter terms alone (`reviewed:no`, nothing to search for) list
/// the documents they allow, newest first.
fn results(
    index: &isnad::index::SearchIndex,
    request: SearchRequest<'_>,
) -> Result<isnad::index::SearchResults> {
    if !request.query.trim().is_empty() {
        return Ok(index.search(request)?);
    }
    let page = index.page(request, isnad::index::Sort::Date, 0, request.limit)?;
    Ok(isnad::index::SearchResults {
        hits: page.docs.into_iter().map(SearchHit::from).collect(),
        total: Some(page.total),
    })
}

/// Id, outlet, date, and its place in a copy group: "+2 copies" on an origin, "copy of
/// wire.md" on a copy.
fn details(hit: &SearchHit, (copies, copy_of): &(usize, Option<String>)) -> String {
    let mut parts = vec![hit.doc.clone()];
    parts.extend(hit.source.clone());
    parts.extend(hit.published.clone());
    match (copies, copy_of) {
        (_, Some(origin)) => parts.push(format!("copy of {origin}")),
        (0, None) => {}
        (1, None) => parts.push("+1 copy".to_owned()),
        (n, None) => parts.push(format!("+{n} copies")),
    }
    parts.join(" · ")
}

/// The snippet with its highlights in bold yellow on a colour terminal; plain otherwise.
/// Each piece of document text goes through `for_terminal`, so only our own codes are sent.
fn marked(snippet: &str, highlights: &[std::ops::Range<usize>], color: bool) -> String {
    if !color {
        return for_terminal(snippet).into_owned();
    }
    let mut out = String::with_capacity(snippet.len() + highlights.len() * 12);
    let mut at = 0;
    for range in highlights {
        let (Some(before), Some(word)) = (snippet.get(at..range.start), snippet.get(range.clone()))
        else {
            continue;
        };
        out.push_str(&for_terminal(before));
        out.push_str("\u{1b}[1;33m");
        out.push_str(&for_terminal(word));
        out.push_str("\u{1b}[0m");
        at = range.end;
    }
    out.push_str(&for_terminal(snippet.get(at..).unwrap_or_default()));
    out
}
