//! `isnad claim add|link|list`: claims and their evidence from the command line.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::{document, plural};
use crate::cli::{ClaimLinkTask, Passage};
use isnad::annotate::{char_anchor, quote_anchors};
use isnad::corpus::sanitize::sanitize;
use isnad::export::DocumentCache;
use isnad::review::{summarize, timeline};
use isnad::store::Status;
use isnad::workspace::Workspace;

pub fn add(workspace: &Workspace, text: &str, status: Status) -> Result<ExitCode> {
    let mut store = super::open_store(workspace)?;
    let id = store.add_claim(&sanitize(text), status)?;
    say!("{id}");
    Ok(ExitCode::SUCCESS)
}

pub fn link(workspace: &Workspace, task: &ClaimLinkTask) -> Result<ExitCode> {
    let ClaimLinkTask {
        claim,
        doc,
        passage,
        stance,
        note,
    } = task;
    let (claim, stance) = (*claim, *stance);
    let mut store = super::open_store(workspace)?;
    if store.claim(claim)?.is_none() {
        bail!("no claim {claim} (`isnad claim list` shows the ids)");
    }
    let index = super::open_index(workspace)?;
    let document = document(&index, doc)?;
    let anchor = match passage {
        Passage::Chars { start, end } => char_anchor(&document, *start..*end)?,
        Passage::Quote { quote, occurrence } => {
            let mut found = quote_anchors(&document, quote)?;
            match occurrence {
                None if found.len() > 1 => bail!(
                    "{quote:?} occurs {} times in {doc}: say which with --occurrence 1 to {}, or use --start/--end",
                    found.len(),
                    found.len()
                ),
                None => found.remove(0),
                Some(n) if *n > found.len() => bail!(
                    "--occurrence {n}: {quote:?} occurs only {} in {doc}",
                    plural(found.len(), "time")
                ),
                Some(n) => found.remove(n - 1),
            }
        }
    };
    let text = document.text();
    let chars = anchor.chars(&text);
    store.link(claim, &document.id, &anchor, stance, &sanitize(note))?;
    say!(
        "claim {claim} ← {} {}..{} ({})",
        document.id,
        chars.start,
        chars.end,
        stance.as_str()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct JsonEvidence {
    id: i64,
    doc: String,
    /// Code points in the document's text; `null` when the document changed or is gone.
    start: Option<usize>,
    end: Option<usize>,
    quote: String,
    stance: &'static str,
    note: String,
    source: String,
    /// The origin this piece's document is a copy of, into which it is folded when
    /// independent sources are counted; `null` when it is no copy, or when the passage is
    /// not in the origin's text (then `added_to_copy_of` names the origin).
    origin: Option<String>,
    /// The origin of a copy whose passage is its own (a sentence the copy added): counted
    /// as its own outlet's.
    #[serde(skip_serializing_if = "Option::is_none")]
    added_to_copy_of: Option<String>,
    /// Who the passage is attributed to, in the order written (`phrase`, `target`,
    /// `kind`: outlet, officials or person): "according to CNN, citing US officials" is
    /// CNN then US officials; a forwarded message's channel comes last. Empty: none found.
    attribution: Vec<isnad::attribution::Attribution>,
    /// Not found again after the document changed (kept, with its last known quote).
    orphaned: bool,
}

#[derive(Serialize)]
struct JsonClaim {
    id: i64,
    text: String,
    status: &'static str,
    verdict: String,
    /// Distinct sources (outlets) with any evidence.
    sources: usize,
    supporting_sources: usize,
    refuting_sources: usize,
    mentioning_sources: usize,
    /// Independent sources: outlets with every copy folded into its origin's outlet.
    independent_sources: usize,
    supporting_independent: usize,
    refuting_independent: usize,
    mentioning_independent: usize,
    /// Distinct documents with any evidence.
    documents: usize,
    hints: Vec<String>,
    evidence: Vec<JsonEvidence>,
    /// The earliest dated piece's document, who published it and when; `null` when no
    /// evidence is dated.
    first_reported: Option<JsonFirst>,
}

/// Who reported a claim first (of several on the same day, the one listed first).
#[derive(Serialize)]
struct JsonFirst {
    doc: String,
    /// The document's source, else its title.
    source: String,
    published: String,
    /// Every outlet that published it on that first day, in the timeline's order (the
    /// reports name them all).
    by: Vec<String>,
    /// An origin nobody linked that ran the passage earlier (`isnad::review::told_earlier`):
    /// then this is the first linked report, not the story's first appearance.
    #[serde(skip_serializing_if = "Option::is_none")]
    earlier_unlinked: Option<isnad::review::CopyOf>,
}

pub fn list(workspace: &Workspace, json: bool) -> Result<ExitCode> {
    let store = super::open_store(workspace)?;
    let claims = store.claims()?;
    let mut listed = Vec::new();
    let index = if claims.is_empty() {
        None
    } else {
        Some(super::open_index(workspace)?)
    };
    let mut documents = index.as_ref().map(DocumentCache::new);
    for claim in claims {
        let evidence = store.evidence(claim.id)?;
        let infos = documents
            .as_mut()
            .map(|d| {
                evidence
                    .iter()
                    .map(|e| (e.doc.clone(), d.info(&e.doc)))
                    .collect()
            })
            .unwrap_or_default();
        // The passages their copies added count as their own outlets'.
        let own = documents
            .as_mut()
            .map(|d| d.copies_added(&evidence))
            .unwrap_or_default();
        let summary = summarize(&evidence, &infos, &own);
        let earlier_unlinked = isnad::review::told_earlier(&evidence, &infos, &own);
        let first_reported = timeline(evidence.iter().map(|e| e.doc.as_str()), &infos)
            .first
            .map(|first| JsonFirst {
                source: first
                    .by
                    .first()
                    .cloned()
                    .unwrap_or_else(|| first.doc.clone()),
                doc: first.doc,
                published: first.published,
                by: first.by,
                earlier_unlinked,
            });
        let pieces: Vec<JsonEvidence> = evidence
            .into_iter()
            .map(|piece| json_evidence(documents.as_mut(), &infos, &own, piece))
            .collect();
        listed.push(JsonClaim {
            id: claim.id,
            text: claim.text,
            status: claim.status.as_str(),
            verdict: claim.verdict,
            sources: summary.sources,
            supporting_sources: summary.supporting,
            refuting_sources: summary.refuting,
            mentioning_sources: summary.mentioning,
            independent_sources: summary.independent.sources,
            supporting_independent: summary.independent.supporting,
            refuting_independent: summary.independent.refuting,
            mentioning_independent: summary.independent.mentioning,
            documents: summary.documents,
            hints: summary.hints,
            evidence: pieces,
            first_reported,
        });
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        super::write_json(&mut out, &listed, true)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_claims(&mut out, &listed)?;
    Ok(ExitCode::SUCCESS)
}

/// One piece of evidence as `claim list` gives it: where it is now (without an index,
/// orphaned), its outlet, the origin it folds into or the copy's origin it was added to,
/// and who it is attributed to.
fn json_evidence(
    documents: Option<&mut DocumentCache<'_>>,
    infos: &std::collections::BTreeMap<String, isnad::review::DocInfo>,
    own: &std::collections::BTreeSet<i64>,
    piece: isnad::store::Evidence,
) -> JsonEvidence {
    let mut place = None;
    let mut attribution = Vec::new();
    if let Some(d) = documents {
        let found = d.place(&piece.doc, &piece.anchor, piece.orphaned);
        if !found.orphaned {
            attribution = d.attribution(&piece.doc, found.byte_start..found.byte_end);
        }
        place = Some(found);
    }
    let copy_of = infos
        .get(&piece.doc)
        .and_then(|i| i.copy_of.as_ref())
        .map(|o| o.doc.clone());
    let added = own.contains(&piece.id);
    JsonEvidence {
        attribution,
        id: piece.id,
        start: place.as_ref().and_then(|p| p.start),
        end: place.as_ref().and_then(|p| p.end),
        source: infos
            .get(&piece.doc)
            .map_or_else(|| piece.doc.clone(), |i| i.source.clone()),
        origin: copy_of.clone().filter(|_| !added),
        added_to_copy_of: copy_of.filter(|_| added),
        doc: piece.doc,
        quote: piece.anchor.quote,
        stance: piece.stance.as_str(),
        note: piece.note,
        orphaned: place.is_none_or(|p| p.orphaned),
    }
}

/// Whether any copy was folded into its origin (then the counts are of independent
/// sources, and say so, even where folding left the number as it was).
fn folds(claim: &JsonClaim) -> bool {
    claim.evidence.iter().any(|p| p.origin.is_some())
}

/// "3 sources (4 documents)", or with copies folded, "2 independent sources (5 documents
/// from 3 outlets)".
fn sources(claim: &JsonClaim) -> String {
    let (outlets, independent, documents) =
        (claim.sources, claim.independent_sources, claim.documents);
    if folds(claim) {
        let s = if independent == 1 { "" } else { "s" };
        format!(
            "{independent} independent source{s} ({} from {})",
            plural(documents, "document"),
            plural(outlets, "outlet")
        )
    } else {
        format!(
            "{} ({})",
            plural(outlets, "source"),
            plural(documents, "document")
        )
    }
}

/// "2 sources" by a stance, "2 independent sources" when copies were folded (so the text
/// never says "sources" for what `--json` calls independent).
fn stance_sources(claim: &JsonClaim, count: usize) -> String {
    if folds(claim) {
        plural(count, "independent source")
    } else {
        plural(count, "source")
    }
}

/// How a piece's attribution is written: "وزارة الصحة (officials, قالت) ← …".
fn attribution_line(chain: &[isnad::attribution::Attribution]) -> String {
    chain
        .iter()
        .map(|a| format!("{} ({}, {})", a.target, a.kind.as_str(), a.phrase))
        .collect::<Vec<_>>()
        .join(" ← ")
}

/// The claims as `claim list` prints them without `--json`.
fn print_claims(out: &mut impl Write, listed: &[JsonClaim]) -> Result<()> {
    if listed.is_empty() {
        note!("no claims yet: `isnad claim add \"TEXT\"` records one");
    }
    for claim in listed {
        say_to!(
            out,
            "{} [{}] {} — {}: supported by {}, refuted by {}, mentioned by {}",
            claim.id,
            claim.status,
            claim.text,
            sources(claim),
            stance_sources(claim, claim.supporting_independent),
            stance_sources(claim, claim.refuting_independent),
            stance_sources(claim, claim.mentioning_independent)
        )?;
        let mut folded: Vec<(&str, &str)> = claim
            .evidence
            .iter()
            .filter_map(|p| Some((p.doc.as_str(), p.origin.as_deref()?)))
            .collect();
        folded.dedup();
        for (copy, origin) in folded {
            say_to!(
                out,
                "    {copy} is a copy of {origin}: counted as one source with it"
            )?;
        }
        for piece in &claim.evidence {
            if let Some(origin) = &piece.added_to_copy_of {
                say_to!(
                    out,
                    "    {} copies {origin}, but its passage \"{}\" is not in {origin}: \
                     counted as {}'s own",
                    piece.doc,
                    piece.quote,
                    piece.source
                )?;
            }
        }
        for hint in &claim.hints {
            say_to!(out, "    ! {hint}")?;
        }
        if let Some(first) = &claim.first_reported {
            // Every outlet of that first day, as the reports name them.
            let by = if first.by.is_empty() {
                first.source.clone()
            } else {
                isnad::export::report::and_list(&first.by)
            };
            match &first.earlier_unlinked {
                None => say_to!(
                    out,
                    "    first reported by {by} on {} ({})",
                    first.published,
                    first.doc
                )?,
                Some(origin) => say_to!(
                    out,
                    "    first linked report by {by} on {} ({}); {} ({}) ran the passage on {}, \
                     not linked",
                    first.published,
                    first.doc,
                    origin.source,
                    origin.doc,
                    origin.published.as_deref().unwrap_or("an unknown date")
                )?,
            }
        }
        for piece in &claim.evidence {
            let place = match (piece.start, piece.end) {
                (Some(start), Some(end)) => format!("{start}..{end}"),
                _ => "(orphaned: not found since the document changed or went)".to_owned(),
            };
            let source = if piece.source == piece.doc {
                String::new()
            } else {
                format!(" ({})", piece.source)
            };
            say_to!(
                out,
                "    {} {} {place}{source}: {}",
                piece.stance,
                piece.doc,
                piece.quote
            )?;
            if !piece.attribution.is_empty() {
                say_to!(
                    out,
                    "        attributed to {}",
                    attribution_line(&piece.attribution)
                )?;
            }
        }
    }
    Ok(())
}

/// `isnad claim chain CLAIM`: the evidence by published date, copies under their origin,
/// each passage's attribution (`isnad::export::chain`).
pub fn chain(workspace: &Workspace, claim: i64, json: bool) -> Result<ExitCode> {
    let store = super::open_store(workspace)?;
    let Some(found) = store.claim(claim)? else {
        bail!("no claim {claim} (`isnad claim list` shows the ids)");
    };
    let evidence = store.evidence(claim)?;
    let index = super::open_index(workspace)?;
    let mut documents = DocumentCache::new(&index);
    let chain = isnad::export::chain::chain(&mut documents, &found, &evidence);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        super::write_json(&mut out, &chain, true)?;
    } else {
        print_chain(&mut out, &chain, evidence.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A claim's chain as `claim chain` prints it without `--json`.
fn print_chain(
    out: &mut impl Write,
    chain: &isnad::export::chain::Chain,
    pieces: usize,
) -> Result<()> {
    say_to!(
        out,
        "claim {} — {}: {} ({})",
        chain.claim,
        chain.text,
        plural(chain.independent_sources, "independent source"),
        if pieces == 1 {
            "1 piece of evidence".to_owned()
        } else {
            format!("{pieces} pieces of evidence")
        }
    )?;
    if chain.sources.is_empty() {
        say_to!(out, "no evidence yet: `isnad claim link` adds some")?;
    }
    for branch in &chain.sources {
        say_to!(out)?;
        // The origin's own date, cited or not; "first" is said of the passages.
        let date = branch.published.as_deref().unwrap_or("undated");
        say_to!(out, "{} · {} · {date}", branch.source, branch.origin)?;
        if let Some(carried) = &branch.carries {
            // Nothing linked in the origin, though it tells the same passage.
            let (what, copies) = match carried.copies.as_slice() {
                [one] => ("the passage", one.clone()),
                many => ("the passages", many.join(", ")),
            };
            say_to!(
                out,
                "  not linked, but its text carries {what} linked in {copies}{}",
                if carried.earlier {
                    ", and it was published before the first linked report"
                } else {
                    ""
                }
            )?;
        }
        for link in &branch.evidence {
            let date = link.published.as_deref().unwrap_or("undated");
            let copy = match (&link.added_to_copy_of, link.copy) {
                (Some(origin), _) => format!(" · own text, not in {origin}"),
                (None, true) => " · copy".to_owned(),
                (None, false) => String::new(),
            };
            let first = match (link.first, chain.told_earlier()) {
                (true, true) => " · first linked",
                (true, false) => " · first",
                (false, _) => "",
            };
            say_to!(
                out,
                "  {date} · {} · {}{copy}{first} · {}: {}",
                link.source,
                link.doc,
                link.stance.as_str(),
                link.quote
            )?;
            if !link.attribution.is_empty() {
                say_to!(out, "      ← {}", attribution_line(&link.attribution))?;
            }
        }
    }
    Ok(())
}
