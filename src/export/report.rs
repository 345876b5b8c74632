//! The readable report, in Markdown and in self-contained HTML: the claims with status,
//! verdict, hints and their evidence quotes grouped by stance with their sources; an index
//! of entities with their mentions per document; the documents cited. Each claim's
//! evidence is in publication order ([`crate::review::timeline`]: undated last, said to be
//! so) under a line naming who reported it first. Every string from a document or an
//! analyst is escaped for the format; each quote carries its document's language and
//! direction.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Bundle, ClaimOut, DocumentRef, EvidenceOut};
use crate::review::{DocInfo, Entry, Timeline, summarize, timeline};
use crate::store::anchor::{CONTEXT_CHARS, context_of};
use crate::store::{Anchor, Evidence, Stance};

/// Said of a claim whose evidence has no date.
const NO_FIRST: &str = "First reported: not known (no evidence is dated).";

const STANCES: [(&str, &str); 3] = [
    ("supports", "Supports"),
    ("refutes", "Refutes"),
    ("mentions", "Mentions"),
];

/// A piece of evidence with its place on the claim's timeline.
type Dated<'a> = (&'a EvidenceOut, &'a Entry);

/// A claim's evidence grouped by stance, in the report's order, empty groups left out:
/// the stance, its heading, the pieces in the order of `line` (the claim's timeline).
fn by_stance<'a>(
    claim: &'a ClaimOut,
    line: &'a Timeline,
) -> Vec<(&'static str, &'static str, Vec<Dated<'a>>)> {
    STANCES
        .iter()
        .map(|&(stance, label)| {
            let pieces = line
                .entries
                .iter()
                .filter_map(|entry| Some((claim.evidence.get(entry.index)?, entry)))
                .filter(|(e, _)| e.stance == stance)
                .collect();
            (stance, label, pieces)
        })
        .filter(|(_, _, pieces): &(_, _, Vec<Dated<'a>>)| !pieces.is_empty())
        .collect()
}

/// The claim's evidence in publication order.
fn claim_timeline(claim: &ClaimOut, infos: &BTreeMap<String, DocInfo>) -> Timeline {
    timeline(claim.evidence.iter().map(|e| e.place.doc.as_str()), infos)
}

/// "A, B and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [most @ .., last] => format!("{} and {last}", most.join(", ")),
    }
}

/// The line saying who reported `claim` first and when (each name made safe by `name`, the
/// date by `date`), or that no evidence is dated; `None` for a claim without evidence.
fn first_line(
    claim: &ClaimOut,
    line: &Timeline,
    name: impl Fn(&str) -> String,
    date: impl Fn(&str) -> String,
) -> Option<String> {
    match &line.first {
        Some(first) => {
            let by: Vec<String> = first.by.iter().map(|b| name(b)).collect();
            Some(format!(
                "First reported by {} on {}.",
                and_list(&by),
                date(&first.published)
            ))
        }
        None if !claim.evidence.is_empty() => Some(NO_FIRST.to_owned()),
        None => None,
    }
}

/// What a piece's place on `line` adds to its citation: first report, or undated (said
/// per piece only when some are dated; else the claim says none is).
fn when(entry: &Entry, line: &Timeline) -> Option<&'static str> {
    if entry.first {
        Some("first report")
    } else if entry.date.is_none() && line.first.is_some() {
        Some("undated")
    } else {
        None
    }
}

fn infos(bundle: &Bundle) -> BTreeMap<String, DocInfo> {
    bundle
        .documents
        .iter()
        .map(|d| {
            let info = DocInfo::new(&d.id, d.source.as_deref(), &d.title, d.published.as_deref());
            (d.id.clone(), info)
        })
        .collect()
}

/// The claim's counts and hints, as the claims pane computes them.
fn summary(claim: &ClaimOut, infos: &BTreeMap<String, DocInfo>) -> crate::review::Summary {
    let evidence: Vec<Evidence> = claim
        .evidence
        .iter()
        .map(|e| Evidence {
            id: 0,
            claim: 0,
            doc: e.place.doc.clone(),
            anchor: Anchor {
                byte_start: e.place.byte_start,
                byte_end: e.place.byte_end,
                quote: e.place.quote.clone(),
                prefix: e.place.prefix.clone(),
                suffix: e.place.suffix.clone(),
                doc_hash: e.place.doc_hash.clone(),
            },
            stance: Stance::parse(&e.stance).unwrap_or(Stance::Mentions),
            note: e.note.clone(),
            orphaned: e.place.orphaned,
        })
        .collect();
    summarize(&evidence, infos)
}

/// Where a quote comes from: source, title, date, id.
fn citation(doc: Option<&DocumentRef>, id: &str) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(doc) = doc {
        if let Some(source) = &doc.source {
            parts.push(source.clone());
        }
        parts.push(doc.title.clone());
        if let Some(date) = &doc.published {
            parts.push(date.clone());
        }
        if let Some(url) = &doc.url {
            parts.push(url.clone());
        }
    }
    parts.push(id.to_owned());
    parts
}

/// What the analyst noted on a document, as parts of its line in a report: reviewed, its
/// tags, its note. Empty when there is no note.
fn noted(bundle: &Bundle, id: &str) -> Vec<String> {
    let Some(note) = bundle.doc_notes.iter().find(|n| n.doc == id) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    if note.reviewed {
        parts.push("reviewed".to_owned());
    }
    let tags = note.tag_list();
    if !tags.is_empty() {
        parts.push(format!("tags: {}", tags.join(", ")));
    }
    if !note.note.trim().is_empty() {
        parts.push(format!("note: {}", note.note.trim()));
    }
    parts
}

/// The documents with a note that no annotation cites: each its id, outlet, date and title
/// (when the index still holds it) and what was noted, every part made safe by `safe` and
/// joined.
fn noted_only(bundle: &Bundle, safe: fn(&str) -> String) -> Vec<String> {
    bundle
        .doc_notes
        .iter()
        .filter(|n| !bundle.documents.iter().any(|d| d.id == n.doc))
        .map(|n| {
            let mut parts = vec![n.doc.clone()];
            if let Some(doc) = bundle.noted_documents.iter().find(|d| d.id == n.doc) {
                parts.extend(doc.source.clone());
                parts.extend(doc.published.clone());
                parts.push(doc.title.clone());
            }
            parts.extend(noted(bundle, &n.doc));
            parts
                .iter()
                .map(|p| safe(p))
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .collect()
}

/// Text safe inside Markdown: characters that would format or open HTML are escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The report in Markdown.
pub fn markdown(bundle: &Bundle, title: &str) -> String {
    let infos = infos(bundle);
    let docs: BTreeMap<&str, &DocumentRef> = bundle
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(title));
    let _ = writeln!(out, "## Claims\n");
    if bundle.claims.is_empty() {
        let _ = writeln!(out, "No claims recorded.\n");
    }
    for (i, claim) in bundle.claims.iter().enumerate() {
        let s = summary(claim, &infos);
        let _ = writeln!(
            out,
            "### {}. {} — {}\n",
            i + 1,
            md(&claim.text),
            claim.status
        );
        let _ = writeln!(
            out,
            "{} supporting, {} refuting, {} mentioning (distinct sources).\n",
            s.supporting, s.refuting, s.mentioning
        );
        if !claim.verdict.is_empty() {
            let _ = writeln!(out, "**Verdict:** {}\n", md(&claim.verdict));
        }
        for hint in &s.hints {
            let _ = writeln!(out, "**Note:** {}\n", md(hint));
        }
        let line = claim_timeline(claim, &infos);
        if let Some(first) = first_line(claim, &line, md, md) {
            let _ = writeln!(out, "{first}\n");
        }
        for (_, label, pieces) in by_stance(claim, &line) {
            let _ = writeln!(out, "**{label}**\n");
            for (piece, entry) in pieces {
                let _ = writeln!(out, "> {}\n>", md(&piece.place.quote));
                let mut cite = citation(
                    docs.get(piece.place.doc.as_str()).copied(),
                    &piece.place.doc,
                );
                cite.extend(when(entry, &line).map(str::to_owned));
                let cite: Vec<String> = cite.iter().map(|p| md(p)).collect();
                let mut line = format!("> — {}", cite.join(" · "));
                if piece.place.orphaned {
                    line.push_str(" (orphaned: no longer found in the document)");
                }
                if !piece.note.is_empty() {
                    let _ = write!(line, " · {}", md(&piece.note));
                }
                let _ = writeln!(out, "{line}\n");
            }
        }
    }
    let _ = writeln!(out, "## Entities\n");
    let mut kinds: Vec<&str> = bundle.entities.iter().map(|e| e.kind.as_str()).collect();
    kinds.dedup();
    for kind in kinds {
        let _ = writeln!(out, "### {}\n", md(kind));
        for entity in bundle.entities.iter().filter(|e| e.kind == kind) {
            let mut per_doc: BTreeMap<&str, usize> = BTreeMap::new();
            for mention in &entity.mentions {
                *per_doc.entry(mention.doc.as_str()).or_default() += 1;
            }
            let mut line = format!("- **{}**", md(&entity.name));
            if !entity.aliases.is_empty() {
                let aliases: Vec<String> = entity.aliases.iter().map(|a| md(a)).collect();
                let _ = write!(line, " ({})", aliases.join(", "));
            }
            let places: Vec<String> = per_doc
                .iter()
                .map(|(d, n)| format!("`{}` ×{n}", d.replace('`', "'")))
                .collect();
            let _ = write!(line, ": {}", places.join(", "));
            if !entity.note.is_empty() {
                let _ = write!(line, " — {}", md(&entity.note));
            }
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "## Documents cited\n");
    for doc in &bundle.documents {
        let mut cite = citation(Some(doc), &doc.id);
        cite.extend(noted(bundle, &doc.id));
        let cite: Vec<String> = cite.iter().map(|p| md(p)).collect();
        let _ = writeln!(out, "- {}", cite.join(" · "));
    }
    let others = noted_only(bundle, md);
    if !others.is_empty() {
        let _ = writeln!(out, "\n## Other documents noted\n");
        for line in others {
            let _ = writeln!(out, "- {line}");
        }
    }
    out
}

/// `text` safe as HTML text or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,'Noto Naskh Arabic',sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.6}\
blockquote{border-inline-start:4px solid #999;margin:.5em 0;padding:.2em 1em;background:#f6f6f6}\
.supports blockquote{border-color:#2a7}.refutes blockquote{border-color:#c33}.mentions blockquote{border-color:#888}\
.cite{color:#555;font-size:.9em}.hint{color:#a60}.orphaned{color:#a00}mark{background:none;font-weight:bold}";

/// The report as one self-contained HTML page.
pub fn html(bundle: &Bundle, title: &str, colours: &BTreeMap<String, String>) -> String {
    let infos = infos(bundle);
    let docs: BTreeMap<&str, &DocumentRef> = bundle
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let dir_of = |doc: &str| {
        docs.get(doc).map_or(("", "auto"), |d| {
            (d.lang.as_str(), if d.dir == "rtl" { "rtl" } else { "ltr" })
        })
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1 dir=\"auto\">{}</h1>\n<h2>Claims</h2>\n",
        escape(title),
        escape(title)
    );
    html_claims(bundle, &infos, &docs, &mut out);
    let _ = writeln!(out, "<h2>Entities</h2>");
    for entity in &bundle.entities {
        let colour = colours.get(&entity.kind).map_or("#333", String::as_str);
        let _ = writeln!(
            out,
            "<h3 dir=\"auto\"><span style=\"color:{}\">{}</span> <small>{}</small></h3>\n<ul>",
            escape(colour),
            escape(&entity.name),
            escape(&entity.kind)
        );
        for mention in &entity.mentions {
            let (lang, dir) = dir_of(&mention.doc);
            let line = context_of(
                &mention.prefix,
                &mention.quote,
                &mention.suffix,
                CONTEXT_CHARS,
            );
            let (before, quote, after) = line.parts();
            let _ = writeln!(
                out,
                "<li lang=\"{}\" dir=\"{dir}\">{}<mark style=\"color:{}\">{}</mark>{} <span class=\"cite\">({})</span></li>",
                escape(lang),
                escape(before),
                escape(colour),
                escape(quote),
                escape(after),
                escape(&mention.doc)
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "<h2>Documents cited</h2>\n<ul>");
    for doc in &bundle.documents {
        let mut cite = citation(Some(doc), &doc.id);
        cite.extend(noted(bundle, &doc.id));
        let cite: Vec<String> = cite.iter().map(|p| escape(p)).collect();
        let _ = writeln!(out, "<li dir=\"auto\">{}</li>", cite.join(" · "));
    }
    let _ = writeln!(out, "</ul>");
    let others = noted_only(bundle, escape);
    if !others.is_empty() {
        let _ = writeln!(out, "<h2>Other documents noted</h2>\n<ul>");
        for line in others {
            let _ = writeln!(out, "<li dir=\"auto\">{line}</li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// The claims section of the HTML report.
fn html_claims(
    bundle: &Bundle,
    infos: &BTreeMap<String, DocInfo>,
    docs: &BTreeMap<&str, &DocumentRef>,
    out: &mut String,
) {
    let dir_of = |doc: &str| {
        docs.get(doc).map_or(("", "auto"), |d| {
            (d.lang.as_str(), if d.dir == "rtl" { "rtl" } else { "ltr" })
        })
    };
    for (i, claim) in bundle.claims.iter().enumerate() {
        let s = summary(claim, infos);
        let _ = writeln!(
            out,
            "<section>\n<h3 dir=\"auto\">{}. {} — {}</h3>\n<p>{} supporting, {} refuting, {} mentioning (distinct sources).</p>",
            i + 1,
            escape(&claim.text),
            escape(&claim.status),
            s.supporting,
            s.refuting,
            s.mentioning
        );
        if !claim.verdict.is_empty() {
            let _ = writeln!(
                out,
                "<p dir=\"auto\"><strong>Verdict:</strong> {}</p>",
                escape(&claim.verdict)
            );
        }
        for hint in &s.hints {
            let _ = writeln!(out, "<p class=\"hint\" dir=\"auto\">{}</p>", escape(hint));
        }
        let line = claim_timeline(claim, infos);
        // Each name isolated: an Arabic outlet must not reorder the sentence around it.
        let name = |b: &str| format!("<bdi>{}</bdi>", escape(b));
        let date = |d: &str| format!("<time datetime=\"{0}\">{0}</time>", escape(d));
        if let Some(first) = first_line(claim, &line, name, date) {
            let _ = writeln!(out, "<p class=\"first\">{first}</p>");
        }
        for (stance, label, pieces) in by_stance(claim, &line) {
            let _ = writeln!(out, "<div class=\"{stance}\"><h4>{label}</h4>");
            for (piece, entry) in pieces {
                let (lang, dir) = dir_of(&piece.place.doc);
                let mut cite = citation(
                    docs.get(piece.place.doc.as_str()).copied(),
                    &piece.place.doc,
                );
                cite.extend(when(entry, &line).map(str::to_owned));
                let cite: Vec<String> = cite.iter().map(|p| escape(p)).collect();
                let _ = writeln!(
                    out,
                    "<blockquote lang=\"{}\" dir=\"{dir}\">{}</blockquote>\n<p class=\"cite\" dir=\"auto\">— {}{}{}</p>",
                    escape(lang),
                    escape(&piece.place.quote),
                    cite.join(" · "),
                    if piece.place.orphaned {
                        " <span class=\"orphaned\">(orphaned: no longer found in the document)</span>"
                    } else {
                        ""
                    },
                    if piece.note.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", escape(&piece.note))
                    }
                );
            }
            let _ = writeln!(out, "</div>");
        }
        let _ = writeln!(out, "</section>");
    }
}

/// The CSS colour of an `isnad.toml` colour name (or `#rrggbb`).
pub fn css_colour(colour: &str) -> String {
    if colour.starts_with('#') {
        return colour.to_owned();
    }
    match colour {
        "red" => "#b03030",
        "green" => "#2e7d32",
        "yellow" => "#a08000",
        "blue" => "#1f4fa0",
        "magenta" => "#8e2c8e",
        "cyan" => "#00838f",
        "light-red" => "#d9534f",
        "light-green" => "#43a047",
        "light-yellow" => "#c9a800",
        "light-blue" => "#3d7ee0",
        "light-magenta" => "#b04fb0",
        "light-cyan" => "#0097a7",
        _ => "#555555",
    }
    .to_owned()
}
