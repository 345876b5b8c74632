//! Going through documents at scale, warm and in-process: the facet counts of a query and
//! of the whole corpus (with a store's worth of reviewed, tagged and annotated documents),
//! the documents pane's first page in each order, and finding the next document not yet
//! reviewed. As the workbench runs them: segments searched on every core. A Markdown table
//! of medians and 99th percentiles.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use isnad::facets::{self, Facet, Picks, StoreSets};
use isnad::index::{SearchIndex, SearchRequest, Sort};

use super::generate::Vocabulary;
use super::latency::time_ms;

/// What the store would say of a corpus under review: one document in a hundred reviewed,
/// one in twenty annotated, two tags on one in fifty and one in three hundred.
fn sets(ids: &[String]) -> StoreSets {
    let every = |n: usize| -> Vec<String> { ids.iter().step_by(n).cloned().collect() };
    let mut reviewed = every(100);
    reviewed.sort();
    StoreSets {
        reviewed,
        tags: vec![
            ("wire".to_owned(), every(50)),
            ("شاهد".to_owned(), every(300)),
        ],
        annotated: every(20),
    }
}

pub fn run(workspace: &Path, words: &Path, runs: usize) -> Result<String> {
    let workspace = isnad::workspace::Workspace::open(workspace)?;
    let mut index = workspace.open_index()?;
    // As the workbench searches: segments on every core.
    index.search_on_all_cores()?;
    let vocabulary = Vocabulary::load(words, 1);
    let ids = index.doc_ids()?;
    let sets = sets(&ids);
    let word = vocabulary.words.get(300).map_or("الهجوم", String::as_str);
    let mut out = String::new();
    writeln!(
        out,
        "{} documents in {}; {} reviewed, query `{word}`\n",
        ids.len(),
        workspace.root().display(),
        sets.reviewed.len()
    )?;
    writeln!(out, "| what | result | p50 ms | p99 ms |")?;
    writeln!(out, "|---|---:|---:|---:|")?;
    facet_rows(&mut out, &index, &sets, word, runs)?;
    list_rows(&mut out, &index, &sets, word, runs)?;
    Ok(out)
}

/// One row of the table.
fn row(out: &mut String, what: &str, result: &str, (p50, p99): (f64, f64)) -> Result<()> {
    writeln!(out, "| {what} | {result} | {p50:.2} | {p99:.2} |")?;
    Ok(())
}

/// Facet counts: of a query, of the whole corpus, with an outlet picked.
fn facet_rows(
    out: &mut String,
    index: &SearchIndex,
    sets: &StoreSets,
    word: &str,
    runs: usize,
) -> Result<()> {
    let none = Picks::default();
    let query = SearchRequest::new(word, 1);
    let all = SearchRequest::new("", 1);
    for (what, request) in [
        ("facets of a 1-term query", query),
        ("facets of the whole corpus", all),
    ] {
        let counted = facets::count(index, request, sets, &none)?;
        let groups = counted.groups.len();
        let times = time_ms(runs, || {
            let _ = facets::count(index, request, sets, &none);
        });
        row(
            out,
            what,
            &format!("{} matches, {groups} facets", counted.total),
            times,
        )?;
    }
    // The workbench with an outlet picked: the counts with the pick, and the outlets
    // counted again without it.
    let outlet = facets::count(index, all, sets, &none)?
        .group(Facet::Outlet)
        .and_then(|g| g.counts.first())
        .map(|c| c.value.clone())
        .unwrap_or_default();
    let mut picked = Picks::default();
    picked.toggle_include(Facet::Outlet, &outlet);
    let narrowed = picked.with_query(word);
    let narrowed_request = SearchRequest::new(&narrowed, 1);
    let times = time_ms(runs, || {
        let _ = facets::count(index, narrowed_request, sets, &picked);
        let _ = facets::count(index, query, sets, &none);
    });
    let total = facets::count(index, narrowed_request, sets, &picked)?.total;
    row(
        out,
        "facets of the query, an outlet picked (two counts)",
        &format!("{total} matches"),
        times,
    )?;
    Ok(())
}

/// The documents pane's pages, and the next unreviewed document.
fn list_rows(
    out: &mut String,
    index: &SearchIndex,
    sets: &StoreSets,
    word: &str,
    runs: usize,
) -> Result<()> {
    let all = SearchRequest::new("", 1);
    let query = SearchRequest::new(word, 1);
    let far_at = usize::try_from(index.document_count() / 2)
        .unwrap_or(usize::MAX)
        .min(10_000);
    for sort in Sort::ALL {
        let page = index.page(all, sort, 0, 50)?;
        let times = time_ms(runs, || {
            let _ = index.page(all, sort, 0, 50);
        });
        row(
            out,
            &format!("documents pane, first 50 by {}", sort.as_str()),
            &format!("{} of {}", page.docs.len(), page.total),
            times,
        )?;
    }
    let far = index.page(all, Sort::Date, far_at, 50)?;
    let times = time_ms(runs, || {
        let _ = index.page(all, Sort::Date, far_at, 50);
    });
    row(
        out,
        "documents pane, 50 from the 10,000th by date",
        &far.docs.len().to_string(),
        times,
    )?;
    let unreviewed = SearchRequest {
        except: &sets.reviewed,
        ..all
    };
    let next = index.page(unreviewed, Sort::Date, 0, 1)?;
    let times = time_ms(runs, || {
        let _ = index.page(unreviewed, Sort::Date, 0, 1);
    });
    row(
        out,
        "next unreviewed of the documents list (by date)",
        next.docs.first().map_or("none", |d| d.doc.as_str()),
        times,
    )?;
    let in_query = SearchRequest {
        except: &sets.reviewed,
        ..query
    };
    let first = index.first_allowed(in_query)?;
    let times = time_ms(runs, || {
        let _ = index.first_allowed(in_query);
    });
    row(
        out,
        "next unreviewed of a 1-term query's results",
        first.as_deref().unwrap_or("none"),
        times,
    )?;
    Ok(())
}
