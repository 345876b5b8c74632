//! CSV: entities, mentions, claims, evidence and documents, one file each. Every cell that
//! a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is neutralised with a leading `'`, since document text and names come
//! from outside.
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

fn write(rows: Vec<Vec<String>>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| neutralise(c)).collect();
        let _ = out.write_record(&cells);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
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
    let header = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    let mut entities = vec![header(&["entity", "name", "type", "aliases", "note"])];
    let mut mentions = vec![header(&[
        "entity", "doc", "start", "end", "text", "orphaned",
    ])];
    for (i, entity) in bundle.entities.iter().enumerate() {
        let id = (i + 1).to_string();
        entities.push(vec![
            id.clone(),
            entity.name.clone(),
            entity.kind.clone(),
            entity.aliases.join(" | "),
            entity.note.clone(),
        ]);
        for mention in &entity.mentions {
            let mut row = vec![id.clone()];
            row.extend(place_cells(mention));
            mentions.push(row);
        }
    }
    let mut claims = vec![header(&[
        "claim", "text", "status", "verdict", "created", "updated",
    ])];
    let mut evidence = vec![header(&[
        "claim", "doc", "start", "end", "quote", "orphaned", "stance", "note",
    ])];
    for (i, claim) in bundle.claims.iter().enumerate() {
        let id = (i + 1).to_string();
        claims.push(vec![
            id.clone(),
            claim.text.clone(),
            claim.status.clone(),
            claim.verdict.clone(),
            claim.created.clone(),
            claim.updated.clone(),
        ]);
        for piece in &claim.evidence {
            let mut row = vec![id.clone()];
            row.extend(place_cells(&piece.place));
            row.push(piece.stance.clone());
            row.push(piece.note.clone());
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
        ("entities.csv".to_owned(), write(entities)),
        ("mentions.csv".to_owned(), write(mentions)),
        ("claims.csv".to_owned(), write(claims)),
        ("evidence.csv".to_owned(), write(evidence)),
        ("documents.csv".to_owned(), write(docs)),
    ]
}

/// The five tables as one (`--table`): a `table` column says which row is which, and
/// each row fills the columns that apply to it. A `document` row is of its id, with its
/// title, `reviewed` or `unreviewed` as its status and its tags (one per line) where an
/// entity has its aliases.
pub fn one_table(bundle: &Bundle) -> String {
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
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    let empty = String::new;
    for (i, entity) in bundle.entities.iter().enumerate() {
        let id = (i + 1).to_string();
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
        ]);
        for mention in &entity.mentions {
            let mut row = vec!["mention".to_owned(), id.clone(), empty(), empty(), empty()];
            row.extend(place_cells(mention));
            row.extend([empty(), empty()]);
            rows.push(row);
        }
    }
    for (i, claim) in bundle.claims.iter().enumerate() {
        let id = (i + 1).to_string();
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
        ]);
        for piece in &claim.evidence {
            let mut row = vec!["evidence".to_owned(), id.clone(), empty(), empty(), empty()];
            row.extend(place_cells(&piece.place));
            row.extend([piece.stance.clone(), piece.note.clone()]);
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
        ]);
    }
    write(rows)
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
                "note"
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
        assert!(rows.iter().all(|r| r.len() == 12), "no column added");
    }
}
