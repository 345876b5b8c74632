//! A claim's evidence in the order its documents were published, and who reported it
//! first. Pure, like the rest of `review`: the report and the claims pane both call
//! [`timeline`], so they never disagree on the order or on which piece came first.
//!
//! The rule: pieces whose document has a readable `YYYY-MM-DD` published date come first,
//! oldest first (dates before 1970 included); pieces of documents without a readable date
//! come last, said to be undated. Ties keep the order the evidence was given in, so a
//! timeline never shuffles. Dates are days, so every piece dated on the earliest day is a
//! first appearance: two outlets that published on the same day both reported it first.

use std::collections::BTreeMap;

use super::DocInfo;
use crate::corpus::date_timestamp;

/// One piece of evidence on a claim's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where the piece is in the evidence as given.
    pub index: usize,
    /// Its document's published date (`YYYY-MM-DD`); `None` when the document has no
    /// readable date (or is not known).
    pub date: Option<String>,
    /// Published on the earliest date of all the claim's evidence.
    pub first: bool,
}

/// Who reported a claim first, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstReport {
    /// The document of the first piece (of those tied on the earliest date, the one given
    /// first).
    pub doc: String,
    /// Who published each first appearance ([`DocInfo::reporter`]), in the timeline's
    /// order, each named once (compared as outlets are: ignoring case and spacing).
    pub by: Vec<String>,
    /// The earliest date, `YYYY-MM-DD`.
    pub published: String,
}

/// A claim's evidence in publication order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    /// Every piece once: dated ones oldest first, then the undated ones.
    pub entries: Vec<Entry>,
    /// `None` when no piece is dated.
    pub first: Option<FirstReport>,
}

/// The timeline of evidence in documents `docs` (one id per piece, in the order the
/// evidence is kept), each document's date and outlet taken from `infos`.
pub fn timeline<'a>(
    docs: impl IntoIterator<Item = &'a str>,
    infos: &BTreeMap<String, DocInfo>,
) -> Timeline {
    let docs: Vec<&str> = docs.into_iter().collect();
    let mut dated: Vec<(i64, usize, String)> = Vec::new();
    let mut undated = Vec::new();
    for (index, doc) in docs.iter().enumerate() {
        let date = infos
            .get(*doc)
            .and_then(|info| info.published.as_deref())
            .map(str::trim)
            .and_then(|date| Some((date_timestamp(date)?, date.to_owned())));
        match date {
            Some((day, date)) => dated.push((day, index, date)),
            None => undated.push(index),
        }
    }
    // Stable: pieces of one day keep the order they were given in.
    dated.sort_by_key(|(day, _, _)| *day);
    let earliest = dated.first().map(|(day, _, _)| *day);
    let mut entries: Vec<Entry> = dated
        .into_iter()
        .map(|(day, index, date)| Entry {
            index,
            date: Some(date),
            first: Some(day) == earliest,
        })
        .collect();
    let first = entries.first().map(|head| {
        let mut by: Vec<String> = Vec::new();
        for entry in entries.iter().take_while(|e| e.first) {
            let doc = docs[entry.index];
            let name = infos
                .get(doc)
                .map_or_else(|| doc.to_owned(), |info| info.reporter().to_owned());
            let key = same_outlet(&name);
            if !by.iter().any(|n| same_outlet(n) == key) {
                by.push(name);
            }
        }
        FirstReport {
            doc: docs[head.index].to_owned(),
            by,
            published: head.date.clone().unwrap_or_default(),
        }
    });
    entries.extend(undated.into_iter().map(|index| Entry {
        index,
        date: None,
        first: false,
    }));
    Timeline { entries, first }
}

/// What two names of an outlet are compared by.
fn same_outlet(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infos(docs: &[(&str, Option<&str>, &str, Option<&str>)]) -> BTreeMap<String, DocInfo> {
        docs.iter()
            .map(|&(id, source, title, published)| {
                (id.to_owned(), DocInfo::new(id, source, title, published))
            })
            .collect()
    }

    fn order(timeline: &Timeline) -> Vec<usize> {
        timeline.entries.iter().map(|e| e.index).collect()
    }

    #[test]
    fn oldest_first_undated_last_and_the_first_named_by_source() {
        let infos = infos(&[
            ("late.txt", Some("RT"), "later", Some("2024-05-24")),
            ("none.txt", Some("AP"), "no date", None),
            ("early.txt", Some("الجزيرة"), "أول خبر", Some("2024-03-22")),
            ("junk.txt", Some("AFP"), "bad date", Some("last spring")),
        ]);
        let line = timeline(["late.txt", "none.txt", "early.txt", "junk.txt"], &infos);
        assert_eq!(order(&line), [2, 0, 1, 3]);
        let dates: Vec<Option<&str>> = line.entries.iter().map(|e| e.date.as_deref()).collect();
        assert_eq!(
            dates,
            [Some("2024-03-22"), Some("2024-05-24"), None, None],
            "an unreadable date is no date"
        );
        let firsts: Vec<bool> = line.entries.iter().map(|e| e.first).collect();
        assert_eq!(firsts, [true, false, false, false]);
        assert_eq!(
            line.first,
            Some(FirstReport {
                doc: "early.txt".to_owned(),
                by: vec!["الجزيرة".to_owned()],
                published: "2024-03-22".to_owned(),
            })
        );
    }

    /// Dates before 1970 are negative timestamps: compared as numbers, still oldest first.
    #[test]
    fn dates_before_1970_come_before_later_ones() {
        let infos = infos(&[
            ("moon.txt", Some("NASA"), "", Some("1969-07-20")),
            ("epoch.txt", Some("UPI"), "", Some("1970-01-01")),
            ("war.txt", Some("BBC"), "", Some("1914-07-28")),
            ("hijra.txt", Some("Old"), "", Some("0622-07-16")),
        ]);
        let line = timeline(["epoch.txt", "moon.txt", "war.txt", "hijra.txt"], &infos);
        assert_eq!(order(&line), [3, 2, 1, 0]);
        let first = line.first.expect("a first report");
        assert_eq!(
            (first.doc.as_str(), first.published.as_str()),
            ("hijra.txt", "0622-07-16")
        );
    }

    /// Dates are days: all published on the earliest day are first, in the order given; an
    /// outlet is named once; a document without a source is named by its title, and one
    /// without either by its id.
    #[test]
    fn ties_on_the_first_day_are_all_first_and_keep_their_order() {
        let infos = infos(&[
            ("b.txt", Some("BBC"), "b", Some("2024-03-23")),
            ("a.txt", None, "شاهد عيان", Some("2024-03-22")),
            ("c.txt", Some("RT"), "c", Some("2024-03-22")),
            ("d.txt", Some("rt"), "d", Some("2024-03-22")),
            ("e.txt", None, "", Some("2024-03-22")),
        ]);
        let line = timeline(["b.txt", "c.txt", "a.txt", "d.txt", "e.txt"], &infos);
        assert_eq!(order(&line), [1, 2, 3, 4, 0]);
        let firsts: Vec<bool> = line.entries.iter().map(|e| e.first).collect();
        assert_eq!(firsts, [true, true, true, true, false]);
        let first = line.first.expect("a first report");
        assert_eq!(first.doc, "c.txt", "of the tied, the one given first");
        assert_eq!(first.by, ["RT", "شاهد عيان", "e.txt"]);
    }

    #[test]
    fn nothing_dated_means_no_first_report_and_the_given_order() {
        let infos = infos(&[("a.txt", Some("RT"), "a", None)]);
        // "gone.txt" is not known at all (a document the index no longer holds).
        let line = timeline(["gone.txt", "a.txt", "a.txt"], &infos);
        assert_eq!(order(&line), [0, 1, 2]);
        assert!(line.entries.iter().all(|e| e.date.is_none() && !e.first));
        assert_eq!(line.first, None);
        assert_eq!(timeline([], &infos), Timeline::default());
    }
}
