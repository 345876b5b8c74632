//! CSV: entities, mentions, claims, evidence and documents, one file each. Every cell that
//! a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is neutralised with a leading `'`, since document text and names come
//! from outside. Such a cell no longer equals what it holds (a quote `-2 dead` is written
//! `'-2 dead`, one character longer than its span): the last column of every table,
//! `neutralised`, names the columns of the row that were (space-separated, empty for most
//! rows), so a script drops the `'` of those cells alone and gets the text back exactly.
//!
//! Entities, claims, mentions and evidence are numbered by their ids in the store: the
//! numbers `isnad entity list` and `isnad claim list` show, the same in every export
//! whatever is added later. Columns are only ever added at the end of a table.
//!
//! `excel` writes a UTF-8 byte order mark and CRLF line ends, what Excel and `LibreOffice`
//! need to read UTF-8 without asking (without the mark they read a legacy code page and
//! Arabic comes out as mojibake).
//!
//! `documents.csv` has a row per document cited or noted: its metadata and what the analyst
//! noted (reviewed `true`/`false`, tags, note). Tags are one per line in their cell, as the
//! store keeps them: a tag never holds a line break, so splitting the cell on line breaks
//! gives the tags back exactly.

use std::collections::BTreeMap;

use super::{Bundle, DocumentRef, Place};
use crate::store::DocNote;

/// `cell`, safe to open in a spreadsheet.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The last column of every table.
const NEUTRALISED: &str = "neutralised";

/// The table `rows` (a header, then the rows) as CSV, each cell neutralised and a last
/// column naming the cells that were.
fn write(rows: Vec<Vec<String>>, excel: bool) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(if excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let mut cells = header.clone();
    cells.push(NEUTRALISED.to_owned());
    let _ = out.write_record(&cells);
    for row in rows {
        let mut which = Vec::new();
        let mut cells: Vec<String> = row
            .iter()
            .zip(&header)
            .map(|(cell, name)| {
                let safe = neutralise(cell);
                if safe.len() != cell.len() {
                    which.push(name.as_str());
                }
                safe
            })
            .collect();
        cells.push(which.join(" "));
        let _ = out.write_record(&cells);
    }
    let text = String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default();
    if excel {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

fn place_cells(place: &Place) -> Vec<String> {
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    vec![
        place.doc.clone(),
        number(place.start),
        number(place.end),
        place.quote.clone(),
        place.orphaned.to_string(),
    ]
}

/// Every document cited or noted, by id: its metadata (when the index still holds it) and
/// its note (an empty one when it has none).
fn documents(bundle: &Bundle) -> Vec<(String, Option<&DocumentRef>, DocNote)> {
    let mut rows: BTreeMap<&str, (Option<&DocumentRef>, Option<&DocNote>)> = BTreeMap::new();
    for doc in bundle.documents.iter().chain(&bundle.noted_documents) {
        rows.entry(&doc.id).or_default().0 = Some(doc);
    }
    for note in &bundle.doc_notes {
        rows.entry(&note.doc).or_default().1 = Some(note);
    }
    rows.into_iter()
        .map(|(id, (doc, note))| {
            let note = note.cloned().unwrap_or_else(|| DocNote::empty(id));
            (id.to_owned(), doc, note)
        })
        .collect()
}

/// A document's tags in one cell, one per line.
fn tag_cell(note: &DocNote) -> String {
    note.tag_list().join("\n")
}

/// `(file name, contents)` of the five tables.
pub fn render(bundle: &Bundle) -> Vec<(String, String)> {
    render_for(bundle, false)
}

/// A store id as a cell, or a position for a bundle read from an export without ids.
fn id_cell(id: Option<i64>, position: usize) -> String {
    id.map_or_else(|| position.to_string(), |id| id.to_string())
}

/// [`render`], for spreadsheets when `excel`.
pub fn render_for(bundle: &Bundle, excel: bool) -> Vec<(String, String)> {
    let header = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    let mut entities = vec![header(&["entity", "name", "type", "aliases", "note"])];
    let mut mentions = vec![header(&[
        "entity", "doc", "start", "end", "text", "orphaned", "mention",
    ])];
    for (i, entity) in bundle.entities.iter().enumerate() {
        let id = id_cell(entity.id, i + 1);
        entities.push(vec![
            id.clone(),
            entity.name.clone(),
            entity.kind.clone(),
            entity.aliases.join(" | "),
            entity.note.clone(),
        ]);
        for (m, mention) in entity.mentions.iter().enumerate() {
            let mut row = vec![id.clone()];
            row.extend(place_cells(mention));
            row.push(
                mention
                    .id
                    .map_or_else(|| format!("{id}-{}", m + 1), |id| id.to_string()),
            );
            mentions.push(row);
        }
    }
    let mut claims = vec![header(&[
        "claim", "text", "status", "verdict", "created", "updated", "creator",
    ])];
    let mut evidence = vec![header(&[
        "claim", "doc", "start", "end", "quote", "orphaned", "stance", "note", "evidence",
    ])];
    for (i, claim) in bundle.claims.iter().enumerate() {
        let id = id_cell(claim.id, i + 1);
        claims.push(vec![
            id.clone(),
            claim.text.clone(),
            claim.status.clone(),
            claim.verdict.clone(),
            claim.created.clone(),
            claim.updated.clone(),
            claim.creator.clone().unwrap_or_default(),
        ]);
        for (n, piece) in claim.evidence.iter().enumerate() {
            let mut row = vec![id.clone()];
            row.extend(place_cells(&piece.place));
            row.push(piece.stance.clone());
            row.push(piece.note.clone());
            row.push(
                piece
                    .place
                    .id
                    .map_or_else(|| format!("{id}-{}", n + 1), |id| id.to_string()),
            );
            evidence.push(row);
        }
    }
    let mut docs = vec![header(&[
        "doc",
        "title",
        "source",
        "published",
        "url",
        "lang",
        "reviewed",
        "tags",
        "note",
    ])];
    for (id, doc, note) in documents(bundle) {
        let meta = |field: fn(&DocumentRef) -> Option<&str>| {
            doc.and_then(field).unwrap_or_default().to_owned()
        };
        docs.push(vec![
            id,
            meta(|d| Some(&d.title)),
            meta(|d| d.source.as_deref()),
            meta(|d| d.published.as_deref()),
            meta(|d| d.url.as_deref()),
            meta(|d| Some(&d.lang)),
            note.reviewed.to_string(),
            tag_cell(&note),
            note.note.clone(),
        ]);
    }
    vec![
        ("entities.csv".to_owned(), write(entities, excel)),
        ("mentions.csv".to_owned(), write(mentions, excel)),
        ("claims.csv".to_owned(), write(claims, excel)),
        ("evidence.csv".to_owned(), write(evidence, excel)),
        ("documents.csv".to_owned(), write(docs, excel)),
    ]
}

/// The five tables as one (`--table`): a `table` column says which row is which, and
/// each row fills the columns that apply to it. A `document` row is of its id, with its
/// title, `reviewed` or `unreviewed` as its status and its tags (one per line) where an
/// entity has its aliases.
/// The `id` column holds the store id of an entity, mention, claim or evidence row (`of`
/// is the entity or claim it belongs to).
pub fn one_table(bundle: &Bundle) -> String {
    one_table_for(bundle, false)
}

/// [`one_table`], for spreadsheets when `excel`.
pub fn one_table_for(bundle: &Bundle, excel: bool) -> String {
    let mut rows = vec![
        [
            "table",
            "of",
            "name_or_text",
            "type_or_status",
            "aliases_or_verdict",
            "doc",
            "start",
            "end",
            "quote",
            "orphaned",
            "stance",
            "note",
            "id",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    let empty = String::new;
    for (i, entity) in bundle.entities.iter().enumerate() {
        let id = id_cell(entity.id, i + 1);
        rows.push(vec![
            "entity".to_owned(),
            id.clone(),
            entity.name.clone(),
            entity.kind.clone(),
            entity.aliases.join(" | "),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            entity.note.clone(),
            id.clone(),
        ]);
        for (m, mention) in entity.mentions.iter().enumerate() {
            let mut row = vec!["mention".to_owned(), id.clone(), empty(), empty(), empty()];
            row.extend(place_cells(mention));
            row.extend([empty(), empty()]);
            row.push(id_cell(mention.id, m + 1));
            rows.push(row);
        }
    }
    for (i, claim) in bundle.claims.iter().enumerate() {
        let id = id_cell(claim.id, i + 1);
        rows.push(vec![
            "claim".to_owned(),
            id.clone(),
            claim.text.clone(),
            claim.status.clone(),
            claim.verdict.clone(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            id.clone(),
        ]);
        for (n, piece) in claim.evidence.iter().enumerate() {
            let mut row = vec!["evidence".to_owned(), id.clone(), empty(), empty(), empty()];
            row.extend(place_cells(&piece.place));
            row.extend([piece.stance.clone(), piece.note.clone()]);
            row.push(id_cell(piece.place.id, n + 1));
            rows.push(row);
        }
    }
    for (id, doc, note) in documents(bundle) {
        let review = if note.reviewed {
            "reviewed"
        } else {
            "unreviewed"
        };
        rows.push(vec![
            "document".to_owned(),
            id.clone(),
            doc.map(|d| d.title.clone()).unwrap_or_default(),
            review.to_owned(),
            tag_cell(&note),
            id,
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            note.note.clone(),
            empty(),
        ]);
    }
    write(rows, excel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_the_rest_kept() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://evil\")"),
            "'=HYPERLINK(\"http://evil\")"
        );
        for bad in ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("بوتين"), "بوتين");
        assert_eq!(neutralise("144"), "144");
    }

    fn bundle_with_notes() -> Bundle {
        Bundle {
            format: super::super::FORMAT.to_owned(),
            version: super::super::VERSION,
            documents: vec![DocumentRef {
                id: "a.txt".to_owned(),
                hash: "h".to_owned(),
                title: "هجوم كروكوس".to_owned(),
                source: Some("RT عربي".to_owned()),
                published: Some("2024-03-23".to_owned()),
                url: None,
                lang: "ar".to_owned(),
                dir: "rtl".to_owned(),
                copy_of: None,
            }],
            entities: Vec::new(),
            claims: Vec::new(),
            doc_notes: vec![
                DocNote {
                    doc: "a.txt".to_owned(),
                    reviewed: true,
                    tags: "شاهد عيان\n=HYPERLINK(1)\nA, B; \"C\"".to_owned(),
                    note: "-2 dead, per FSB".to_owned(),
                },
                DocNote {
                    doc: "b.txt".to_owned(),
                    reviewed: false,
                    tags: "later".to_owned(),
                    note: String::new(),
                },
            ],
            noted_documents: vec![DocumentRef {
                id: "b.txt".to_owned(),
                hash: "hb".to_owned(),
                title: "بيان".to_owned(),
                source: None,
                published: None,
                url: Some("https://example.org/b".to_owned()),
                lang: "ar".to_owned(),
                dir: "rtl".to_owned(),
                copy_of: None,
            }],
        }
    }

    /// The tags of every row of documents.csv come back exactly from their cell (the
    /// formula-looking first tag neutralised, and only that); a noted document no
    /// annotation cites has its metadata too.
    #[test]
    fn documents_csv_carries_review_state_tags_and_note() {
        let files = render(&bundle_with_notes());
        let (_, text) = files
            .iter()
            .find(|(name, _)| name == "documents.csv")
            .expect("documents.csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            header,
            [
                "doc",
                "title",
                "source",
                "published",
                "url",
                "lang",
                "reviewed",
                "tags",
                "note",
                "neutralised"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 2);
        let a = &rows[0];
        assert_eq!(
            a.iter().take(7).collect::<Vec<_>>(),
            [
                "a.txt",
                "هجوم كروكوس",
                "RT عربي",
                "2024-03-23",
                "",
                "ar",
                "true"
            ]
        );
        let tags: Vec<&str> = a[7].split('\n').collect();
        assert_eq!(tags, ["شاهد عيان", "=HYPERLINK(1)", "A, B; \"C\""]);
        assert_eq!(
            &a[8], "'-2 dead, per FSB",
            "a formula-looking note is neutralised"
        );
        assert_eq!(&a[9], "note", "and said to be");
        let b = &rows[1];
        assert_eq!(
            b.iter().collect::<Vec<_>>(),
            [
                "b.txt",
                "بيان",
                "",
                "",
                "https://example.org/b",
                "ar",
                "false",
                "later",
                "",
                ""
            ]
        );
    }

    #[test]
    fn the_one_table_has_a_row_per_document() {
        let text = one_table(&bundle_with_notes());
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        let documents: Vec<Vec<&str>> = rows
            .iter()
            .filter(|r| &r[0] == "document")
            .map(|r| vec![&r[1], &r[2], &r[3], &r[5], &r[11]])
            .collect();
        assert_eq!(
            documents,
            [
                vec![
                    "a.txt",
                    "هجوم كروكوس",
                    "reviewed",
                    "a.txt",
                    "'-2 dead, per FSB"
                ],
                vec!["b.txt", "بيان", "unreviewed", "b.txt", ""],
            ]
        );
        assert!(
            rows.iter().all(|r| r.len() == 14),
            "every row has every column, the id and neutralised last"
        );
    }
}
