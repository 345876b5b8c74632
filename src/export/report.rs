//! The readable report, in Markdown and in self-contained HTML: the claims with status,
//! verdict, hints and their evidence quotes grouped by stance with their sources; an index
//! of entities with their mentions per document; the documents cited. Each claim's
//! evidence is in publication order ([`crate::review::timeline`]: undated last, said to be
//! so) under a line naming who reported it first. Every string from a document or an
//! analyst is escaped for the format. Orphaned annotations (their passage no longer found in
//! the document) are marked and counted apart from the others.
//!
//! HTML: every part of a line that comes from a document or an analyst (an outlet, a title,
//! a date, a document id, a note, a name) is isolated in `<bdi>` (or an element with `dir`),
//! as W3C's "Inline markup and bidirectional text in HTML" advises, so an Arabic outlet does
//! not reorder the English line around it; each quote is laid out in its own direction (its
//! first strong character, else its document's), whatever its document's language.
//!
//! Markdown (CommonMark): besides the characters that format inline, a line of document text
//! that starts like a block (`- `, `+ `, `1. `, `1) `, `#`, `>`, `=`, `~~~`) has its marker
//! escaped, and `&` is written `&amp;`, so `&lt;` in a document stays `&lt;`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Bundle, ClaimOut, DocumentRef, EvidenceOut};
use crate::review::{DocInfo, Entry, Timeline, summarize_named, timeline};
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

/// The chain of `claim` (`crate::review::chain`): one line per independent source, in
/// order of first appearance: its outlet and origin, then each piece's document (outlet,
/// date; a copy said so) and who it is attributed to. Names made safe by `name`, dates by
/// `date`. Empty for a claim without evidence.
fn chain_lines(
    (claim, earlier): (&ClaimOut, bool),
    infos: &BTreeMap<String, DocInfo>,
    name: &dyn Fn(&str) -> String,
    date: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let branches = crate::review::chain(
        claim
            .evidence
            .iter()
            .map(|e| (e.place.doc.as_str(), e.copy_added)),
        infos,
    );
    branches
        .iter()
        .map(|branch| {
            let pieces: Vec<String> = branch
                .entries
                .iter()
                .filter_map(|entry| {
                    let piece = claim.evidence.get(entry.index)?;
                    let doc = &piece.place.doc;
                    let own = *doc == branch.origin;
                    let outlet = infos.get(doc).map_or(doc.as_str(), |i| i.source.as_str());
                    // The outlet where the branch's head does not name it already.
                    let mut about: Vec<String> = Vec::new();
                    if !own && outlet != doc {
                        about.push(name(outlet));
                    }
                    about.extend(entry.date.as_deref().map(date));
                    if !own {
                        about.push("copy".to_owned());
                    }
                    if entry.first {
                        about.push(if earlier {
                            "first linked report".to_owned()
                        } else {
                            "first report".to_owned()
                        });
                    }
                    let mut line = name(doc);
                    if !about.is_empty() {
                        let _ = write!(line, " ({})", about.join(", "));
                    }
                    for link in &piece.attribution {
                        let _ = write!(line, " ← {}", name(&link.target));
                    }
                    Some(line)
                })
                .collect();
            // The origin named where no passage is in it (a copy's story came from it).
            let cited = branch
                .entries
                .iter()
                .filter_map(|e| claim.evidence.get(e.index))
                .any(|piece| piece.place.doc == branch.origin);
            let head = match (branch.source == branch.origin, cited) {
                (true, true) => String::new(),
                (true, false) => format!("{}: ", name(&branch.origin)),
                (false, true) => format!("{}: ", name(&branch.source)),
                (false, false) => {
                    format!("{} ({}): ", name(&branch.source), name(&branch.origin))
                }
            };
            format!("{head}{}", pieces.join("; "))
        })
        .collect()
}

/// "A, B and C".
pub fn and_list(names: &[String]) -> String {
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
    (line, earlier): (&Timeline, Option<&crate::review::CopyOf>),
    name: impl Fn(&str) -> String,
    date: impl Fn(&str) -> String,
) -> Option<String> {
    match &line.first {
        Some(first) => {
            let by: Vec<String> = first.by.iter().map(|b| name(b)).collect();
            let Some(origin) = earlier else {
                return Some(format!(
                    "First reported by {} on {}.",
                    and_list(&by),
                    date(&first.published)
                ));
            };
            // An origin nobody linked ran the passage before: the linked evidence's first
            // is not the story's.
            Some(format!(
                "First linked report by {} on {}; {} ({}) ran the passage on {}, not linked.",
                and_list(&by),
                date(&first.published),
                name(&origin.source),
                name(&origin.doc),
                date(origin.published.as_deref().unwrap_or_default())
            ))
        }
        None if !claim.evidence.is_empty() => Some(NO_FIRST.to_owned()),
        None => None,
    }
}

/// What a piece's place on `line` adds to its citation: first report, or undated (said
/// per piece only when some are dated; else the claim says none is).
fn when(entry: &Entry, line: &Timeline, earlier: bool) -> Option<&'static str> {
    if entry.first && earlier {
        Some("first linked report")
    } else if entry.first {
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
            let mut info =
                DocInfo::new(&d.id, d.source.as_deref(), &d.title, d.published.as_deref());
            info.copy_of.clone_from(&d.copy_of);
            (d.id.clone(), info)
        })
        .collect()
}

/// The claim's counts and hints, as the claims pane computes them, over the evidence still
/// found in its documents (the orphaned pieces are counted apart), each source's name in
/// the hints written by `name`.
fn summary(
    claim: &ClaimOut,
    infos: &BTreeMap<String, DocInfo>,
    name: &dyn Fn(&str) -> String,
) -> (crate::review::Summary, Option<crate::review::CopyOf>) {
    // Numbered here, so the passages their copies added can be named.
    let found: Vec<&crate::export::EvidenceOut> = claim
        .evidence
        .iter()
        .filter(|e| !e.place.orphaned)
        .collect();
    let own: std::collections::BTreeSet<i64> = (0_i64..)
        .zip(&found)
        .filter(|(_, e)| e.copy_added)
        .map(|(n, _)| n)
        .collect();
    let evidence: Vec<Evidence> = (0_i64..)
        .zip(found)
        .map(|(id, e)| Evidence {
            id,
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
            orphaned: false,
        })
        .collect();
    (
        summarize_named(&evidence, infos, &own, name),
        crate::review::told_earlier(&evidence, infos, &own),
    )
}

/// The claim's line of counts: distinct sources per stance (independent ones, copies
/// folded into their origin, when any were: which, `name` writing each document), and the
/// orphaned pieces apart.
fn counts(claim: &ClaimOut, s: &crate::review::Summary, name: &dyn Fn(&str) -> String) -> String {
    let i = &s.independent;
    let mut line = if s.folded.is_empty() {
        format!(
            "{} supporting, {} refuting, {} mentioning (distinct sources).",
            s.supporting, s.refuting, s.mentioning
        )
    } else {
        let folded: Vec<String> = s
            .folded
            .iter()
            .map(|(copy, origin)| format!("{} of {}", name(copy), name(origin)))
            .collect();
        format!(
            "{} supporting, {} refuting, {} mentioning (independent sources: {} in all, from \
             {} outlets and {} documents; copies counted with their origin: {}).",
            i.supporting,
            i.refuting,
            i.mentioning,
            i.sources,
            s.sources,
            s.documents,
            folded.join(", ")
        )
    };
    let orphaned = claim.evidence.iter().filter(|e| e.place.orphaned).count();
    if orphaned > 0 {
        let _ = write!(
            line,
            " {orphaned} {} orphaned (no longer found in {}), not counted.",
            if orphaned == 1 {
                "piece of evidence"
            } else {
                "pieces of evidence"
            },
            if orphaned == 1 {
                "its document"
            } else {
                "their documents"
            }
        );
    }
    line
}

/// A part of a line in a report: the report's own words, or text from a document or an
/// analyst (made safe, and in HTML isolated), or a label with such texts.
enum Part {
    Fixed(&'static str),
    Text(String),
    Labelled(&'static str, Vec<String>),
}

/// `parts` in Markdown, joined with ` · `.
fn parts_md(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Fixed(words) => (*words).to_owned(),
            Part::Text(text) => md(text),
            Part::Labelled(label, texts) => {
                let texts: Vec<String> = texts.iter().map(|t| md(t)).collect();
                format!("{label}: {}", texts.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `parts` in HTML, joined with ` · `, each text isolated.
fn parts_html(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Fixed(words) => (*words).to_owned(),
            Part::Text(text) => bdi(text),
            Part::Labelled(label, texts) => {
                let texts: Vec<String> = texts.iter().map(|t| bdi(t)).collect();
                format!("{label}: {}", texts.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `text` escaped and isolated: laid out in its own direction, as one unit in its line.
fn bdi(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// The direction of `text` by its first strong character (UAX #9 rules P2 and P3), if it
/// has one.
fn own_direction(text: &str) -> Option<&'static str> {
    match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Ltr => Some("ltr"),
        unicode_bidi::Direction::Rtl => Some("rtl"),
        unicode_bidi::Direction::Mixed => None,
    }
}

/// Where a quote comes from: source, title, date, url, id.
fn citation(doc: Option<&DocumentRef>, id: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    if let Some(doc) = doc {
        parts.extend(doc.source.clone().map(Part::Text));
        parts.push(Part::Text(doc.title.clone()));
        parts.extend(doc.published.clone().map(Part::Text));
        parts.extend(doc.url.clone().map(Part::Text));
    }
    parts.push(Part::Text(id.to_owned()));
    parts
}

/// What the analyst noted on a document, as parts of its line in a report: reviewed, its
/// tags, its note. Empty when there is no note.
fn noted(bundle: &Bundle, id: &str) -> Vec<Part> {
    let Some(note) = bundle.doc_notes.iter().find(|n| n.doc == id) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    if note.reviewed {
        parts.push(Part::Fixed("reviewed"));
    }
    let tags = note.tag_list();
    if !tags.is_empty() {
        parts.push(Part::Labelled(
            "tags",
            tags.iter().map(ToString::to_string).collect(),
        ));
    }
    if !note.note.trim().is_empty() {
        parts.push(Part::Labelled("note", vec![note.note.trim().to_owned()]));
    }
    parts
}

/// The documents with a note that no annotation cites: each its id, outlet, date and title
/// (when the index still holds it) and what was noted.
fn noted_only(bundle: &Bundle) -> Vec<Vec<Part>> {
    bundle
        .doc_notes
        .iter()
        .filter(|n| !bundle.documents.iter().any(|d| d.id == n.doc))
        .map(|n| {
            let mut parts = vec![Part::Text(n.doc.clone())];
            if let Some(doc) = bundle.noted_documents.iter().find(|d| d.id == n.doc) {
                parts.extend(doc.source.clone().map(Part::Text));
                parts.extend(doc.published.clone().map(Part::Text));
                parts.push(Part::Text(doc.title.clone()));
            }
            parts.extend(noted(bundle, &n.doc));
            parts
        })
        .collect()
}

/// Text safe inside Markdown (CommonMark 0.31), on one line: line ends become spaces;
/// what would open inline formatting, a link, raw HTML, an entity reference or a table cell
/// is backslash-escaped (§2.4: any ASCII punctuation may be), `&` is written `&amp;`; what
/// would start a block at the start of a line is escaped too ([`md_line`]).
fn md(text: &str) -> String {
    md_line(&text.replace(['\n', '\r'], " "))
}

/// One line of text safe as the start of a Markdown line, or inside one: [`md`], plus the
/// marker of a block it would start escaped (a list item `- `, `+ `, `* `, `1. `, `1) `, an
/// ATX heading `#`, a block quote `>`, a setext underline `=`/`-`, a fence `~~~`/```` ``` ````),
/// and leading blanks dropped (four would start indented code; CommonMark drops fewer).
fn md_line(line: &str) -> String {
    let line = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len() + 8);
    // A run of digits then `.` or `)` starts an ordered list item: escape the delimiter.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let ordered = digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'));
    for (i, c) in line.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if ordered && i == digits => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A quote as the lines of a Markdown block quote: each line of the document's text its own
/// line (ended by a hard break, `\` at the end: CommonMark §6.7), escaped by [`md_line`] so
/// no line starts a list, heading or quote; blank lines left out (they would end the
/// paragraph).
fn md_quote(quote: &str) -> String {
    let lines: Vec<String> = quote
        .split(['\n', '\r'])
        .map(md_line)
        .filter(|l| !l.trim_matches([' ', '\t']).is_empty())
        .collect();
    let lines: Vec<String> = lines
        .iter()
        .map(|l| format!("> {}", l.trim_end_matches([' ', '\t'])))
        .collect();
    lines.join("\\\n")
}

/// `text` as a CommonMark code span (§6.1): fenced by one backtick more than its longest
/// run of them, padded with a space when it starts or ends with one (or with a space).
fn md_code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Mentions per document, found and orphaned apart: `(document, found, orphaned)`.
fn per_document(mentions: &[super::Place]) -> Vec<(&str, usize, usize)> {
    let mut per_doc: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for mention in mentions {
        let counts = per_doc.entry(mention.doc.as_str()).or_default();
        if mention.orphaned {
            counts.1 += 1;
        } else {
            counts.0 += 1;
        }
    }
    per_doc.into_iter().map(|(d, (f, o))| (d, f, o)).collect()
}

/// Said of an orphaned annotation.
const ORPHANED: &str = "orphaned: no longer found in the document";

/// The entities section of the Markdown report: per type, each entity with its aliases and
/// its mentions per document, the orphaned ones apart.
fn md_entities(bundle: &Bundle, out: &mut String) {
    let _ = writeln!(out, "## Entities\n");
    let mut kinds: Vec<&str> = bundle.entities.iter().map(|e| e.kind.as_str()).collect();
    kinds.dedup();
    for kind in kinds {
        let _ = writeln!(out, "### {}\n", md(kind));
        for entity in bundle.entities.iter().filter(|e| e.kind == kind) {
            let per_doc = per_document(&entity.mentions);
            let mut line = format!("- **{}**", md(&entity.name));
            if !entity.aliases.is_empty() {
                let aliases: Vec<String> = entity.aliases.iter().map(|a| md(a)).collect();
                let _ = write!(line, " ({})", aliases.join(", "));
            }
            let found: Vec<String> = per_doc
                .iter()
                .filter(|(_, n, _)| *n > 0)
                .map(|(d, n, _)| format!("{} ×{n}", md_code(d)))
                .collect();
            let orphaned: Vec<String> = per_doc
                .iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(d, _, n)| format!("{} ×{n}", md_code(d)))
                .collect();
            let mut places = Vec::new();
            if !found.is_empty() {
                places.push(found.join(", "));
            }
            if !orphaned.is_empty() {
                places.push(format!(
                    "**orphaned** (no longer found): {}",
                    orphaned.join(", ")
                ));
            }
            let _ = write!(line, ": {}", places.join("; "));
            if !entity.note.is_empty() {
                let _ = write!(line, " — {}", md(&entity.note));
            }
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out);
    }
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
        let (s, earlier) = summary(claim, &infos, &str::to_owned);
        let _ = writeln!(
            out,
            "### {}. {} — {}\n",
            i + 1,
            md(&claim.text),
            md(&claim.status)
        );
        let _ = writeln!(out, "{}\n", counts(claim, &s, &|d| format!("`{}`", md(d))));
        if !claim.verdict.is_empty() {
            let _ = writeln!(out, "**Verdict:** {}\n", md(&claim.verdict));
        }
        for hint in &s.hints {
            let _ = writeln!(out, "**Note:** {}\n", md(hint));
        }
        let line = claim_timeline(claim, &infos);
        if let Some(first) = first_line(claim, (&line, earlier.as_ref()), md, md) {
            let _ = writeln!(out, "{first}\n");
        }
        let chain = chain_lines((claim, earlier.is_some()), &infos, &|d| md(d), &|d| md(d));
        if !chain.is_empty() {
            let _ = writeln!(
                out,
                "**Chain** (each independent source, first appearance first; copies under \
                 their origin; ← who a passage is attributed to):\n"
            );
            for (n, line) in chain.iter().enumerate() {
                let _ = writeln!(out, "{}. {line}", n + 1);
            }
            let _ = writeln!(out);
        }
        for (_, label, pieces) in by_stance(claim, &line) {
            let _ = writeln!(out, "**{label}**\n");
            for (piece, entry) in pieces {
                let _ = writeln!(out, "{}\n>", md_quote(&piece.place.quote));
                let mut cite = citation(
                    docs.get(piece.place.doc.as_str()).copied(),
                    &piece.place.doc,
                );
                cite.extend(when(entry, &line, earlier.is_some()).map(Part::Fixed));
                let mut line = format!("> — {}", parts_md(&cite));
                if piece.place.orphaned {
                    let _ = write!(line, " · **{ORPHANED}**");
                }
                if !piece.note.is_empty() {
                    let _ = write!(line, " · {}", md(&piece.note));
                }
                let _ = writeln!(out, "{line}\n");
            }
        }
    }
    md_entities(bundle, &mut out);
    let _ = writeln!(out, "## Documents cited\n");
    for doc in &bundle.documents {
        let mut cite = citation(Some(doc), &doc.id);
        cite.extend(noted(bundle, &doc.id));
        let _ = writeln!(out, "- {}", parts_md(&cite));
    }
    let others = noted_only(bundle);
    if !others.is_empty() {
        let _ = writeln!(out, "\n## Other documents noted\n");
        for parts in others {
            let _ = writeln!(out, "- {}", parts_md(&parts));
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
blockquote{border-inline-start:4px solid #999;margin:.5em 0;padding:.2em 1em;background:#f6f6f6;white-space:pre-line}\
.supports blockquote{border-color:#2a7}.refutes blockquote{border-color:#c33}.mentions blockquote{border-color:#888}\
blockquote.orphaned{border-style:dashed;background:#fff4f4}li.orphaned{background:#fff4f4}\
.cite{color:#555;font-size:.9em}.hint{color:#a60}.orphaned strong,strong.orphaned{color:#a00}mark{background:none;font-weight:bold}";

/// The language and direction to lay a quote from document `doc` out in: the document's
/// language, and the quote's own direction (its first strong character), else the
/// document's. An Arabic quote from a document detected as English is right-to-left.
fn quote_dir<'a>(
    docs: &BTreeMap<&str, &'a DocumentRef>,
    doc: &str,
    quote: &str,
) -> (&'a str, &'static str) {
    let (lang, doc_dir) = docs.get(doc).map_or(("", "ltr"), |d| {
        (d.lang.as_str(), if d.dir == "rtl" { "rtl" } else { "ltr" })
    });
    (lang, own_direction(quote).unwrap_or(doc_dir))
}

/// The report as one self-contained HTML page, in English (left to right), every part that
/// comes from a document or an analyst isolated.
pub fn html(bundle: &Bundle, title: &str, colours: &BTreeMap<String, String>) -> String {
    let infos = infos(bundle);
    let docs: BTreeMap<&str, &DocumentRef> = bundle
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<h2>Claims</h2>\n",
        escape(title),
        bdi(title)
    );
    html_claims(bundle, &infos, &docs, &mut out);
    let _ = writeln!(out, "<h2>Entities</h2>");
    for entity in &bundle.entities {
        let colour = colours.get(&entity.kind).map_or("#333", String::as_str);
        let orphaned = entity.mentions.iter().filter(|m| m.orphaned).count();
        let found = entity.mentions.len() - orphaned;
        let _ = write!(
            out,
            "<h3><bdi style=\"color:{}\">{}</bdi> <small><bdi>{}</bdi> · {found} {}",
            escape(colour),
            escape(&entity.name),
            escape(&entity.kind),
            if found == 1 { "mention" } else { "mentions" }
        );
        if orphaned > 0 {
            let _ = write!(
                out,
                " · <strong class=\"orphaned\">{orphaned} orphaned</strong>"
            );
        }
        let _ = writeln!(out, "</small></h3>\n<ul>");
        // The mentions found first, then the orphaned ones, marked.
        let in_order = entity
            .mentions
            .iter()
            .filter(|m| !m.orphaned)
            .chain(entity.mentions.iter().filter(|m| m.orphaned));
        for mention in in_order {
            let line = context_of(
                &mention.prefix,
                &mention.quote,
                &mention.suffix,
                CONTEXT_CHARS,
            );
            let (before, quote, after) = line.parts();
            // The direction of the mention's own paragraph (UAX #9 ends one at a line
            // break), not of a context that begins in the paragraph before.
            let paragraph = format!(
                "{}{}{}",
                mention.prefix.rsplit('\n').next().unwrap_or_default(),
                mention.quote,
                mention.suffix.split('\n').next().unwrap_or_default()
            );
            let (lang, dir) = quote_dir(&docs, &mention.doc, &paragraph);
            let _ = writeln!(
                out,
                "<li{} dir=\"{dir}\"><span class=\"context\" lang=\"{}\" dir=\"{dir}\">{}<mark style=\"color:{}\">{}</mark>{}</span> <span class=\"cite\">(<bdi>{}</bdi>)</span>{}</li>",
                if mention.orphaned {
                    " class=\"orphaned\""
                } else {
                    ""
                },
                escape(lang),
                escape(before),
                escape(colour),
                escape(quote),
                escape(after),
                escape(&mention.doc),
                if mention.orphaned {
                    format!(" <strong dir=\"ltr\">{ORPHANED}</strong>")
                } else {
                    String::new()
                }
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "<h2>Documents cited</h2>\n<ul>");
    for doc in &bundle.documents {
        let mut cite = citation(Some(doc), &doc.id);
        cite.extend(noted(bundle, &doc.id));
        let _ = writeln!(out, "<li>{}</li>", parts_html(&cite));
    }
    let _ = writeln!(out, "</ul>");
    let others = noted_only(bundle);
    if !others.is_empty() {
        let _ = writeln!(out, "<h2>Other documents noted</h2>\n<ul>");
        for parts in others {
            let _ = writeln!(out, "<li>{}</li>", parts_html(&parts));
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
    for (i, claim) in bundle.claims.iter().enumerate() {
        // Each name isolated: an Arabic outlet must not reorder the sentence around it.
        let (s, earlier) = summary(claim, infos, &bdi);
        let _ = writeln!(
            out,
            "<section>\n<h3>{}. {} — {}</h3>\n<p>{}</p>",
            i + 1,
            bdi(&claim.text),
            bdi(&claim.status),
            counts(claim, &s, &bdi)
        );
        if !claim.verdict.is_empty() {
            let _ = writeln!(
                out,
                "<p><strong>Verdict:</strong> {}</p>",
                bdi(&claim.verdict)
            );
        }
        for hint in &s.hints {
            // Made of the report's words and isolated names (`summary`'s `bdi`).
            let _ = writeln!(out, "<p class=\"hint\">{hint}</p>");
        }
        let line = claim_timeline(claim, infos);
        let name = |b: &str| bdi(b);
        let date = |d: &str| format!("<time dir=\"auto\" datetime=\"{0}\">{0}</time>", escape(d));
        if let Some(first) = first_line(claim, (&line, earlier.as_ref()), name, date) {
            let _ = writeln!(out, "<p class=\"first\">{first}</p>");
        }
        let chain = chain_lines((claim, earlier.is_some()), infos, &|d| bdi(d), &date);
        if !chain.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"chain\">Chain (each independent source, first appearance first; \
                 copies under their origin; ← who a passage is attributed to):</p>\n<ol class=\"chain\">"
            );
            for line in &chain {
                let _ = writeln!(out, "<li>{line}</li>");
            }
            let _ = writeln!(out, "</ol>");
        }
        for (stance, label, pieces) in by_stance(claim, &line) {
            let _ = writeln!(out, "<div class=\"{stance}\"><h4>{label}</h4>");
            for (piece, entry) in pieces {
                let (lang, dir) = quote_dir(docs, &piece.place.doc, &piece.place.quote);
                let mut cite = citation(
                    docs.get(piece.place.doc.as_str()).copied(),
                    &piece.place.doc,
                );
                cite.extend(when(entry, &line, earlier.is_some()).map(Part::Fixed));
                let _ = writeln!(
                    out,
                    "<blockquote{} lang=\"{}\" dir=\"{dir}\">{}</blockquote>\n<p class=\"cite\">— {}{}{}</p>",
                    if piece.place.orphaned {
                        " class=\"orphaned\""
                    } else {
                        ""
                    },
                    escape(lang),
                    escape(&piece.place.quote),
                    parts_html(&cite),
                    if piece.place.orphaned {
                        format!(" · <strong class=\"orphaned\">{ORPHANED}</strong>")
                    } else {
                        String::new()
                    },
                    if piece.note.is_empty() {
                        String::new()
                    } else {
                        format!(" · note: {}", bdi(&piece.note))
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

#[cfg(test)]
mod tests {
    use super::{md, md_code, md_quote, own_direction};
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    #[test]
    fn block_markers_at_a_line_start_are_escaped() {
        assert_eq!(md("- a"), "\\- a");
        assert_eq!(md("+ a"), "\\+ a");
        assert_eq!(md("1. a"), "1\\. a");
        assert_eq!(md("12) a"), "12\\) a");
        assert_eq!(md("=="), "\\==");
        assert_eq!(md("~~~"), "\\~\\~\\~");
        assert_eq!(md("    code"), "code");
        // Only at the start: elsewhere a hyphen or a number is left alone.
        assert_eq!(md("a - 1. b"), "a - 1. b");
        assert_eq!(md("&lt; <tag>"), "&amp;lt; \\<tag\\>");
        assert_eq!(md_quote("x\n\n- y\n1. z"), "> x\\\n> \\- y\\\n> 1\\. z");
    }

    #[test]
    fn code_spans_fence_backticks_out() {
        assert_eq!(md_code("a b.txt"), "`a b.txt`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`x"), "`` `x ``");
    }

    #[test]
    fn a_quote_goes_by_its_first_strong_character() {
        assert_eq!(own_direction("144 قتيلا"), Some("rtl"));
        assert_eq!(own_direction("CNN: مقتل"), Some("ltr"));
        assert_eq!(own_direction("144 -"), None);
    }

    /// What a CommonMark reader sees of `markdown`: the text of its paragraphs inside one
    /// block quote, hard breaks as newlines, or why not.
    fn quoted_text(markdown: &str) -> Result<String, String> {
        let mut text = String::new();
        let mut depth = 0;
        for event in Parser::new_ext(markdown, Options::empty()) {
            match event {
                Event::Start(Tag::BlockQuote(_)) if depth == 0 => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) if depth == 1 => {}
                Event::Text(t) if depth == 1 => text.push_str(&t),
                Event::HardBreak if depth == 1 => text.push('\n'),
                other => return Err(format!("{other:?} in {markdown:?}")),
            }
        }
        Ok(text)
    }

    /// The quote as a reader should see it: its lines, blank ones left out, without the
    /// spaces and tabs CommonMark strips at either end.
    fn as_lines(quote: &str) -> String {
        quote
            .split(['\n', '\r'])
            .map(|l| l.trim_matches([' ', '\t']))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn quotes_that_look_like_markdown_stay_quotes() {
        for quote in [
            "- The FSB said",
            "1. Gunmen fled",
            "* a\n+ b\n2) c",
            "# not a heading\n> not a quote",
            "Officials said 143 people died.\n- The FSB said",
            "&lt;tag&gt; and <tag> & &amp;",
            "a\n===\nb\n---",
            "~~~\ncode\n~~~",
            "```rust\nx\n```",
            "[a](http://x) ![i](y) <http://z> *e* _e_ `c` | t |",
            "    indented\n\ttabbed",
            "ends with \\\nnext",
            "قال المتحدث إن المهاجمين فروا.\n1. بند",
        ] {
            assert_eq!(
                quoted_text(&md_quote(quote)),
                Ok(as_lines(quote)),
                "{quote:?}"
            );
        }
    }

    proptest! {
        /// Any text, made of what makes Markdown hard, is one block quote whose text is the
        /// quote's (CommonMark as pulldown-cmark reads it).
        #[test]
        fn any_quote_renders_as_its_own_text(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "-", "+", "*", "1", "2.", "3)", "#", ">", "<", "&", "&lt;", "&amp;", "\\",
                "`", "_", "[", "]", "(", ")", "!", "|", "~", "=", ":", ".", " ", "  ", "\t",
                "\n", "\r\n", "a", "قال", "<tag>", "http://x.y", "&#65;", "0",
            ]), 0..24)
        ) {
            let quote: String = pieces.concat();
            prop_assert_eq!(quoted_text(&md_quote(&quote)), Ok(as_lines(&quote)));
            // And on one line (a citation part): never a block, text unchanged but for
            // line ends.
            let one = md(&quote);
            let mut seen = String::new();
            for event in Parser::new_ext(&format!("x {one}"), Options::empty()) {
                match event {
                    Event::Text(t) => seen.push_str(&t),
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                    other => prop_assert!(false, "{other:?} in {one:?}"),
                }
            }
            let expected = format!("x {}", quote.replace(['\n', '\r'], " ").trim_start_matches([' ', '\t']));
            prop_assert_eq!(seen, expected.trim_end_matches([' ', '\t']));
        }
    }
}
