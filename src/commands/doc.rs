//! `isnad doc list|review|tag|note`: going through the documents from the command line.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{document, plural};
use crate::cli::DocListTask;
use isnad::index::SearchRequest;
use isnad::triage::{self, DocRow};
use isnad::workspace::Workspace;

/// One document as `doc list --json` prints it.
#[derive(Serialize)]
struct JsonDoc<'a> {
    doc: &'a str,
    path: String,
    title: &'a str,
    source: Option<&'a str>,
    published: Option<&'a str>,
    lang: &'a str,
    reviewed: bool,
    tags: Vec<&'a str>,
    note: &'a str,
    mentions: usize,
    evidence: usize,
}

pub fn list(workspace: &Workspace, task: &DocListTask) -> Result<ExitCode> {
    let index = super::open_index(workspace)?;
    // Reading needs no store: without one, nothing is reviewed or tagged yet.
    let (notes, counts) = if workspace.store_path().exists() {
        let store = super::open_store(workspace)?;
        (store.doc_notes()?, store.annotation_counts()?)
    } else {
        (Vec::new(), std::collections::BTreeMap::new())
    };
    let listed = index.list(SearchRequest::new("", 1))?;
    let mut rows: Vec<DocRow> = triage::rows(listed, notes, &counts)
        .into_iter()
        .filter(|row| task.narrow.keeps(row))
        .collect();
    triage::sort(&mut rows, task.sort);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if task.json {
        for row in &rows {
            let line = JsonDoc {
                doc: &row.listed.doc,
                path: workspace.file_path(&row.listed.file).display().to_string(),
                title: &row.listed.title,
                source: row.listed.source.as_deref(),
                published: row.listed.published.as_deref(),
                lang: &row.listed.lang,
                reviewed: row.note.reviewed,
                tags: row.note.tag_list(),
                note: &row.note.note,
                mentions: row.mentions,
                evidence: row.evidence,
            };
            super::write_json(&mut out, &line, false)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        say_to!(out, "No documents are listed: none matches what was asked.")?;
        return Ok(ExitCode::SUCCESS);
    }
    say_to!(
        out,
        "{} ({}), by {}:",
        plural(rows.len(), "document"),
        triage::reviewed(&rows),
        task.sort.as_str()
    )?;
    for row in &rows {
        say_to!(out)?;
        let mark = if row.note.reviewed { "[x]" } else { "[ ]" };
        let mut head = vec![row.date().unwrap_or("no date").to_owned()];
        head.extend(row.listed.source.clone());
        head.push(row.listed.title.clone());
        say_to!(out, "{mark} {}", head.join(" · "))?;
        let mut details = vec![row.listed.doc.clone()];
        details.extend(triage::annotations(row.mentions, row.evidence, &row.note));
        say_to!(out, "    {}", details.join(" · "))?;
        // The note on a line of its own: it may be long.
        if !row.note.note.is_empty() {
            say_to!(out, "    note: {}", row.note.note)?;
        }
    }
    let undated = rows.iter().filter(|r| r.date().is_none()).count();
    if undated > 0 && task.narrow.since.is_none() && task.narrow.until.is_none() {
        say_to!(out)?;
        say_to!(
            out,
            "{} no readable publication date{}.",
            if undated == 1 {
                "1 document has".to_owned()
            } else {
                format!("{undated} documents have")
            },
            if task.sort == triage::Sort::Date {
                ", listed last"
            } else {
                ""
            }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn review(workspace: &Workspace, docs: &[String], reviewed: bool) -> Result<ExitCode> {
    let index = super::open_index(workspace)?;
    // Every id is checked before anything is marked: a typo marks nothing.
    for doc in docs {
        document(&index, doc)?;
    }
    let mut store = super::open_store(workspace)?;
    for doc in docs {
        let changed = store.set_reviewed(doc, reviewed)?;
        match (changed, reviewed) {
            (true, true) => say!("marked {doc} reviewed"),
            (true, false) => say!("marked {doc} not reviewed"),
            (false, true) => say!("{doc} was reviewed already"),
            (false, false) => say!("{doc} was not reviewed"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn tag(workspace: &Workspace, doc: &str, tags: &[String], remove: bool) -> Result<ExitCode> {
    let index = super::open_index(workspace)?;
    document(&index, doc)?;
    let mut store = super::open_store(workspace)?;
    if remove {
        let done = store.untag_doc(doc, tags)?;
        if !done.changed.is_empty() {
            say!("untagged {doc}: {}", done.changed.join(", "));
        }
        if !done.unchanged.is_empty() {
            say!("{doc} was not tagged {}", done.unchanged.join(", "));
        }
    } else {
        let done = store.tag_doc(doc, tags)?;
        if !done.changed.is_empty() {
            say!("tagged {doc}: {}", done.changed.join(", "));
        }
        if !done.unchanged.is_empty() {
            say!("{doc} was tagged {} already", done.unchanged.join(", "));
        }
    }
    let now = store.doc_note(doc)?;
    let tags = now.tag_list();
    if tags.is_empty() {
        say!("{doc} has no tags");
    } else {
        say!("{doc} is tagged {}", tags.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn note(workspace: &Workspace, doc: &str, text: &str) -> Result<ExitCode> {
    let index = super::open_index(workspace)?;
    document(&index, doc)?;
    let mut store = super::open_store(workspace)?;
    let changed = store.set_doc_text(doc, text)?;
    match (changed, text.trim().is_empty()) {
        (true, false) => say!("wrote the note on {doc}"),
        (true, true) => say!("removed the note on {doc}"),
        (false, _) => say!("the note on {doc} is unchanged"),
    }
    Ok(ExitCode::SUCCESS)
}

/// One copy group as `doc copies --json` prints it.
#[derive(Serialize)]
struct JsonGroup<'a> {
    origin: &'a str,
    published: Option<&'a str>,
    copies: Vec<JsonCopy<'a>>,
}

#[derive(Serialize)]
struct JsonCopy<'a> {
    doc: &'a str,
    /// Estimated share of word shingles in common with the origin, 0 to 1, two decimals.
    similarity: f64,
    published: Option<&'a str>,
}

/// `isnad doc copies`: the copy groups, origin first.
pub fn copies(workspace: &Workspace, json: bool) -> Result<ExitCode> {
    let index = super::open_index(workspace)?;
    let groups = match index.copies()? {
        Some(store) => store.groups()?,
        None => Vec::new(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        for group in &groups {
            let line = JsonGroup {
                origin: &group.origin.doc,
                published: group.origin.published.as_deref(),
                copies: group
                    .copies
                    .iter()
                    .map(|copy| JsonCopy {
                        doc: &copy.doc,
                        similarity: (copy.similarity * 100.0).round() / 100.0,
                        published: copy.published.as_deref(),
                    })
                    .collect(),
            };
            super::write_json(&mut out, &line, false)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if groups.is_empty() {
        let count = usize::try_from(index.document_count()).unwrap_or(0);
        if count < 2 {
            say_to!(
                out,
                "No copies: the workspace holds {}.",
                plural(count, "document")
            )?;
        } else {
            say_to!(
                out,
                "No copies: no two of the {count} documents share most of their text."
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let copies: usize = groups.iter().map(|g| g.copies.len()).sum();
    say_to!(
        out,
        "{} ({} folded into {}):",
        plural(groups.len(), "copy group"),
        plural(copies, "copy"),
        plural(groups.len(), "origin")
    )?;
    let line = |member: &isnad::copies::Member| -> Result<String> {
        let document = index.document(&member.doc)?;
        let mut parts = vec![
            member
                .published
                .clone()
                .unwrap_or_else(|| "no date".to_owned()),
        ];
        if let Some(document) = &document {
            parts.extend(document.source.clone());
            if !document.title.trim().is_empty() {
                parts.push(document.title.clone());
            }
        }
        Ok(parts.join(" · "))
    };
    for group in &groups {
        say_to!(out)?;
        say_to!(out, "origin  {}", line(&group.origin)?)?;
        say_to!(out, "        {}", group.origin.doc)?;
        for copy in &group.copies {
            say_to!(
                out,
                "  {:>3}%  {}",
                (copy.similarity * 100.0).round(),
                line(copy)?
            )?;
            say_to!(out, "        {}", copy.doc)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
