//! Going through a corpus document by document: each document with its review state, tags
//! and counts of annotations; a list narrowed and sorted as the analyst asks; how much of it
//! is reviewed. Pure: the caller brings the index's listing and the store's notes, so the
//! command line and the workbench agree.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use crate::corpus::date_timestamp;
use crate::index::Listed;
use crate::store::DocNote;

/// A document in a list: what the index says of it and what the analyst noted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    pub listed: Listed,
    pub note: DocNote,
    /// Tagged mentions of entities in it.
    pub mentions: usize,
    /// Passages of it linked to claims.
    pub evidence: usize,
}

impl DocRow {
    /// Its published date, when it is a readable `YYYY-MM-DD` date.
    pub fn date(&self) -> Option<&str> {
        self.listed
            .published
            .as_deref()
            .filter(|d| date_timestamp(d).is_some())
    }
}

/// The documents of `listed`, each with its note (an empty one when it has none) and its
/// counts of mentions and evidence (`counts`: by document).
pub fn rows(
    listed: Vec<Listed>,
    notes: Vec<DocNote>,
    counts: &BTreeMap<String, (usize, usize)>,
) -> Vec<DocRow> {
    let mut notes: BTreeMap<String, DocNote> =
        notes.into_iter().map(|n| (n.doc.clone(), n)).collect();
    listed
        .into_iter()
        .map(|listed| {
            let note = notes
                .remove(&listed.doc)
                .unwrap_or_else(|| DocNote::empty(&listed.doc));
            let (mentions, evidence) = counts.get(&listed.doc).copied().unwrap_or_default();
            DocRow {
                listed,
                note,
                mentions,
                evidence,
            }
        })
        .collect()
}

/// How a list of documents is ordered: the index sorts pages of it the same way.
pub use crate::index::Sort;

/// Sorts `rows` by `sort`; ties keep the document ids' order, so a list never shuffles.
pub fn sort(rows: &mut [DocRow], sort: Sort) {
    let by_title = |a: &DocRow, b: &DocRow| {
        a.listed
            .title
            .cmp(&b.listed.title)
            .then_with(|| a.listed.doc.cmp(&b.listed.doc))
    };
    // Newest first; undated after every dated one.
    let by_date = |a: &DocRow, b: &DocRow| match (a.date(), b.date()) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    match sort {
        Sort::Date => rows.sort_by(|a, b| by_date(a, b).then_with(|| by_title(a, b))),
        Sort::Source => rows.sort_by(|a, b| {
            let source = |r: &DocRow| {
                r.listed
                    .source
                    .as_deref()
                    .map(|s| s.trim().to_lowercase())
                    .filter(|s| !s.is_empty())
            };
            match (source(a), source(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| by_date(a, b))
            .then_with(|| by_title(a, b))
        }),
        Sort::Title => rows.sort_by(by_title),
    }
}

/// What a list keeps: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrow {
    /// Reviewed (`Some(true)`) or not (`Some(false)`).
    pub reviewed: Option<bool>,
    /// The outlet, compared ignoring case and surrounding space.
    pub source: Option<String>,
    /// Published on or after this `YYYY-MM-DD` day.
    pub since: Option<String>,
    /// Published on or before this `YYYY-MM-DD` day.
    pub until: Option<String>,
    /// Carrying this tag (compared as `store::doc_notes::tag_key` compares).
    pub tag: Option<String>,
}

impl Narrow {
    /// Whether `row` is kept. A document without a readable date is never within dates.
    pub fn keeps(&self, row: &DocRow) -> bool {
        if self.reviewed.is_some_and(|r| r != row.note.reviewed) {
            return false;
        }
        if let Some(source) = &self.source {
            let wanted = source.trim().to_lowercase();
            if row
                .listed
                .source
                .as_deref()
                .map(|s| s.trim().to_lowercase())
                != Some(wanted)
            {
                return false;
            }
        }
        if self.since.is_some() || self.until.is_some() {
            let Some(date) = row.date() else {
                return false;
            };
            if self.since.as_deref().is_some_and(|since| date < since)
                || self.until.as_deref().is_some_and(|until| date > until)
            {
                return false;
            }
        }
        self.tag.as_deref().is_none_or(|tag| row.note.has_tag(tag))
    }
}

/// A day as the command line gives it: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for the first
/// (`end` false) or last (`end` true) day of that month or year. Returns `YYYY-MM-DD`.
pub fn parse_day(text: &str, end: bool) -> Result<String, String> {
    let period = crate::text::dates::parse_period(text)?;
    Ok(crate::text::dates::day_string(if end {
        period.last
    } else {
        period.first
    }))
}

/// What a list says of a document beside its title, outlet and date: its counts of
/// mentions and evidence, its tags and its note (each only when there is one).
pub fn details(mentions: usize, evidence: usize, note: &DocNote) -> Vec<String> {
    let mut parts = annotations(mentions, evidence, note);
    if !note.note.is_empty() {
        parts.push(format!("note: {}", note.note));
    }
    parts
}

/// `details` but the note: counts of mentions and evidence, and tags.
pub fn annotations(mentions: usize, evidence: usize, note: &DocNote) -> Vec<String> {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if mentions > 0 {
        parts.push(count(mentions, "mention", "mentions"));
    }
    if evidence > 0 {
        parts.push(format!(
            "{} of evidence",
            count(evidence, "passage", "passages")
        ));
    }
    let tags = note.tag_list();
    if !tags.is_empty() {
        parts.push(format!("tags: {}", tags.join(", ")));
    }
    parts
}

/// How much of a list is reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reviewed {
    pub reviewed: usize,
    pub total: usize,
}

impl fmt::Display for Reviewed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} reviewed", self.reviewed, self.total)
    }
}

/// How many of `rows` are reviewed.
pub fn reviewed(rows: &[DocRow]) -> Reviewed {
    Reviewed {
        reviewed: rows.iter().filter(|r| r.note.reviewed).count(),
        total: rows.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::script::Direction;

    fn row(doc: &str, title: &str, source: Option<&str>, published: Option<&str>) -> DocRow {
        DocRow {
            listed: Listed {
                doc: doc.to_owned(),
                file: doc.to_owned(),
                title: title.to_owned(),
                source: source.map(str::to_owned),
                published: published.map(str::to_owned),
                lang: "ar".to_owned(),
                direction: Direction::Rtl,
            },
            note: DocNote::empty(doc),
            mentions: 0,
            evidence: 0,
        }
    }

    fn ids(rows: &[DocRow]) -> Vec<&str> {
        rows.iter().map(|r| r.listed.doc.as_str()).collect()
    }

    #[test]
    fn undated_documents_come_last_and_old_dates_sort_as_dates() {
        let mut rows = vec![
            row("a", "ب", Some("BBC"), None),
            row("b", "أ", Some("bbc "), Some("1969-07-20")),
            row("c", "ج", None, Some("2024-03-22")),
            row("d", "د", Some("Reuters"), Some("not a date")),
            row("e", "ه", Some("Reuters"), Some("2024-03-23")),
        ];
        sort(&mut rows, Sort::Date);
        assert_eq!(ids(&rows), ["e", "c", "b", "a", "d"]);
        sort(&mut rows, Sort::Source);
        assert_eq!(ids(&rows), ["b", "a", "e", "d", "c"]);
        sort(&mut rows, Sort::Title);
        assert_eq!(ids(&rows), ["b", "a", "c", "d", "e"]);
    }

    #[test]
    fn narrowing_by_review_source_dates_and_tag() {
        let mut rows = vec![
            row("a", "ا", Some("BBC"), Some("1969-07-20")),
            row("b", "ب", Some("Reuters"), Some("2024-03-22")),
            row("c", "ج", Some("reuters"), None),
        ];
        rows[1].note.reviewed = true;
        rows[2].note.tags = "Wire\nشاهد".to_owned();
        let kept = |narrow: &Narrow| -> Vec<&str> {
            rows.iter()
                .filter(|r| narrow.keeps(r))
                .map(|r| r.listed.doc.as_str())
                .collect()
        };
        assert_eq!(
            kept(&Narrow {
                reviewed: Some(false),
                ..Narrow::default()
            }),
            ["a", "c"]
        );
        assert_eq!(
            kept(&Narrow {
                source: Some(" REUTERS".to_owned()),
                ..Narrow::default()
            }),
            ["b", "c"]
        );
        assert_eq!(
            kept(&Narrow {
                until: Some("1970-01-01".to_owned()),
                ..Narrow::default()
            }),
            ["a"],
            "before 1970, and never the undated"
        );
        assert_eq!(
            kept(&Narrow {
                since: Some("2024-03-22".to_owned()),
                until: Some("2024-03-22".to_owned()),
                ..Narrow::default()
            }),
            ["b"]
        );
        assert_eq!(
            kept(&Narrow {
                tag: Some("wire".to_owned()),
                ..Narrow::default()
            }),
            ["c"]
        );
        assert_eq!(reviewed(&rows).to_string(), "1 of 3 reviewed");
    }

    #[test]
    fn days_are_read_whole_or_as_months_and_years() {
        assert_eq!(parse_day("2024-03-22", false), Ok("2024-03-22".to_owned()));
        assert_eq!(parse_day("2024-02", true), Ok("2024-02-29".to_owned()));
        assert_eq!(parse_day("2023-02", true), Ok("2023-02-28".to_owned()));
        assert_eq!(parse_day("1969", false), Ok("1969-01-01".to_owned()));
        assert_eq!(parse_day("1969", true), Ok("1969-12-31".to_owned()));
        for wrong in ["22/03/2024", "", "2024-3", "yesterday"] {
            let error = parse_day(wrong, false).expect_err(wrong);
            assert!(error.contains("YYYY-MM-DD"), "{error}");
        }
        for (wrong, said) in [
            ("2024-13-01", "no month 13"),
            ("2024-02-30", "February 2024 has 29 days"),
        ] {
            let error = parse_day(wrong, false).expect_err(wrong);
            assert!(error.contains(said), "{error}");
        }
    }
}
