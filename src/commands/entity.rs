//! `isnad entity add|list`, `isnad undo|redo`: the annotation store from the command line.
//! Results go to stdout; what went wrong names the value and what to do.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::{document, plural};
use crate::cli::{EntityAddTask, Target};
use isnad::annotate::{char_anchor, occurrences, quote_anchors};
use isnad::corpus::sanitize::sanitize;
use isnad::export::DocumentCache;
use isnad::store::{Anchor, NewEntity, find_entity};
use isnad::workspace::Workspace;

/// The type as `isnad.toml` spells it, or an error listing the types.
fn entity_type(workspace: &Workspace, kind: &str) -> Result<String> {
    let types = &workspace.config().entity_types;
    if let Some(known) = types
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(kind.trim()))
    {
        return Ok(known.name.clone());
    }
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    bail!(
        "unknown entity type {kind:?}: this workspace's types are {} ([[entity_types]] in isnad.toml)",
        names.join(", ")
    )
}

/// One line of user text, without controls (names and notes reach terminals).
fn clean(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn add(workspace: &Workspace, task: &EntityAddTask) -> Result<ExitCode> {
    let EntityAddTask {
        name,
        kind,
        aliases,
        note,
        target,
    } = task;
    let kind = entity_type(workspace, kind)?;
    let name = clean(name);
    let mut aliases: Vec<String> = aliases
        .iter()
        .map(|a| clean(a))
        .filter(|a| !a.is_empty())
        .collect();
    let note = clean(note);
    let mut store = super::open_store(workspace)?;
    // A name (or an alias) of an entity of this type, however written, adds to that
    // entity, as in the workbench.
    let existing = find_entity(&store.entities()?, &name, &kind).cloned();
    let name = existing.as_ref().map_or(name, |entity| entity.name.clone());
    let mentions: Vec<(String, Anchor)> = match target {
        Target::Nothing => Vec::new(),
        Target::All => {
            // The names it already has count too.
            for alias in existing.iter().flat_map(|e| e.aliases.clone()) {
                if !aliases.contains(&alias) {
                    aliases.push(alias);
                }
            }
            let index = super::open_index(workspace)?;
            let mut names = vec![name.as_str()];
            names.extend(aliases.iter().map(String::as_str));
            occurrences(&index, &names)?
                .into_iter()
                .map(|o| (o.doc, o.anchor))
                .collect()
        }
        Target::Quote { doc, quote } => {
            let document = document(&super::open_index(workspace)?, doc)?;
            quote_anchors(&document, quote)?
                .into_iter()
                .map(|anchor| (document.id.clone(), anchor))
                .collect()
        }
        Target::Chars { doc, start, end } => {
            let document = document(&super::open_index(workspace)?, doc)?;
            vec![(document.id.clone(), char_anchor(&document, *start..*end)?)]
        }
    };
    let docs = {
        let mut docs: Vec<&str> = mentions.iter().map(|(d, _)| d.as_str()).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    };
    let summary = format!("tag {name} ({kind}): {}", plural(mentions.len(), "mention"));
    let tagged = store.tag(
        &NewEntity {
            name: &name,
            kind: &kind,
            aliases: &aliases,
            note: &note,
        },
        &mentions,
        &summary,
    )?;
    say!(
        "{} entity {} {name} ({kind}): {} tagged in {}{}{}",
        if tagged.created { "new" } else { "existing" },
        tagged.entity,
        plural(tagged.added, "mention"),
        plural(docs, "document"),
        if tagged.already > 0 {
            format!(", {} already tagged", tagged.already)
        } else {
            String::new()
        },
        if tagged.aliases_added > 0 {
            format!(", {} aliases added", tagged.aliases_added)
        } else {
            String::new()
        },
    );
    if matches!(target, Target::All) && mentions.is_empty() {
        note!("note: {name} occurs nowhere in the corpus (`isnad search {name}` to check)");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct JsonMention {
    doc: String,
    /// Code points in the document's text; `null` when the document changed or is gone.
    start: Option<usize>,
    end: Option<usize>,
    text: String,
    /// Not found again after the document changed (kept, with its last known quote).
    orphaned: bool,
}

#[derive(Serialize)]
struct JsonEntity {
    id: i64,
    name: String,
    #[serde(rename = "type")]
    kind: String,
    aliases: Vec<String>,
    note: String,
    mentions: Vec<JsonMention>,
}

pub fn list(workspace: &Workspace, json: bool) -> Result<ExitCode> {
    let store = super::open_store(workspace)?;
    let entities = store.entities()?;
    let index = if entities.iter().any(|e| e.mentions > 0) {
        Some(super::open_index(workspace)?)
    } else {
        None
    };
    let mut documents = index.as_ref().map(DocumentCache::new);
    let mut listed = Vec::new();
    for entity in entities {
        let mut mentions = Vec::new();
        for mention in store.mentions(entity.id)? {
            let place = documents
                .as_mut()
                .map(|d| d.place(&mention.doc, &mention.anchor, mention.orphaned));
            mentions.push(JsonMention {
                doc: mention.doc.clone(),
                start: place.as_ref().and_then(|p| p.start),
                end: place.as_ref().and_then(|p| p.end),
                text: mention.anchor.quote.clone(),
                orphaned: place.is_none_or(|p| p.orphaned),
            });
        }
        listed.push(JsonEntity {
            id: entity.id,
            name: entity.name,
            kind: entity.kind,
            aliases: entity.aliases,
            note: entity.note,
            mentions,
        });
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        super::write_json(&mut out, &listed, true)?;
        return Ok(ExitCode::SUCCESS);
    }
    if listed.is_empty() {
        note!("no entities yet: `isnad entity add NAME --type PER --all` tags one everywhere");
    }
    for entity in &listed {
        let docs = {
            let mut docs: Vec<&str> = entity.mentions.iter().map(|m| m.doc.as_str()).collect();
            docs.dedup();
            docs.len()
        };
        let also = if entity.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", entity.aliases.join(", "))
        };
        say_to!(
            out,
            "{} {:<6} {}{also}: {} in {}",
            entity.id,
            entity.kind,
            entity.name,
            plural(entity.mentions.len(), "mention"),
            plural(docs, "document")
        )?;
        for mention in &entity.mentions {
            match (mention.start, mention.end) {
                (Some(start), Some(end)) => {
                    say_to!(out, "    {} {start}..{end} {}", mention.doc, mention.text)?;
                }
                _ => say_to!(
                    out,
                    "    {} (orphaned: not found since the document changed or went) {}",
                    mention.doc,
                    mention.text
                )?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `isnad undo` / `isnad redo`.
pub fn travel(workspace: &Workspace, undo: bool) -> Result<ExitCode> {
    let mut store = super::open_store(workspace)?;
    let done = if undo { store.undo()? } else { store.redo()? };
    match (done, undo) {
        (Some(summary), true) => say!("undone: {summary}"),
        (Some(summary), false) => say!("redone: {summary}"),
        (None, true) => say!("nothing to undo"),
        (None, false) => say!("nothing to redo"),
    }
    Ok(ExitCode::SUCCESS)
}
