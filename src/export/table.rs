//! CSV: entities, mentions, claims and evidence, one file each. Every cell that a
//! spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is neutralised with a leading `'`, since document text and names come
//! from outside.

use super::{Bundle, Place};

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

/// `(file name, contents)` of the four tables.
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
    vec![
        ("entities.csv".to_owned(), write(entities)),
        ("mentions.csv".to_owned(), write(mentions)),
        ("claims.csv".to_owned(), write(claims)),
        ("evidence.csv".to_owned(), write(evidence)),
    ]
}

/// The four tables as one (`--table`): a `table` column says which row is which, and
/// each row fills the columns that apply to it.
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
}
