//! What the evidence of a claim adds up to: how many distinct sources (outlets) support,
//! refute or mention it, and hints where they disagree (different numbers, Arabic-Indic
//! digits read as digits; opposite stances). Pure: the caller supplies each document's
//! source, so the command line and the workbench compute the same thing. [`timeline`]
//! orders the evidence by publication date and names who reported a claim first.

pub mod timeline;

use std::collections::{BTreeMap, BTreeSet};

use crate::store::{Evidence, Stance};

pub use timeline::{Entry, FirstReport, Timeline, timeline};

/// One independent source of a claim's chain: an origin and the evidence of its own
/// document and of its copies, in publication order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// The origin's document id (a document that is no copy is its own origin).
    pub origin: String,
    /// Its outlet ([`DocInfo::source`], or [`CopyOf::source`] for an origin no evidence
    /// is in).
    pub source: String,
    /// The timeline's entries of its pieces, oldest first (undated last).
    pub entries: Vec<Entry>,
    /// Whether one of its pieces is a first appearance.
    pub first: bool,
}

/// A claim's chain: its evidence in publication order, copies folded under their origin,
/// the branches ordered by their earliest piece (those holding the first appearance
/// first). `pieces` names each piece's document in the order the evidence is kept, and
/// whether the passage is its copy's own (not in the origin's text: then it stays with its
/// own outlet, see [`summarize`]).
pub fn chain<'a>(
    pieces: impl IntoIterator<Item = (&'a str, bool)>,
    infos: &BTreeMap<String, DocInfo>,
) -> Vec<Branch> {
    let pieces: Vec<(&str, bool)> = pieces.into_iter().collect();
    let line = timeline(pieces.iter().map(|(doc, _)| *doc), infos);
    let mut branches: Vec<Branch> = Vec::new();
    for entry in line.entries {
        let (doc, own) = pieces.get(entry.index).copied().unwrap_or_default();
        let info = infos.get(doc);
        let (origin, source) = match info.and_then(|i| i.copy_of.as_ref()).filter(|_| !own) {
            Some(origin) => (origin.doc.clone(), origin.source.clone()),
            None => (
                doc.to_owned(),
                info.map_or_else(|| doc.to_owned(), |i| i.source.clone()),
            ),
        };
        match branches.iter_mut().find(|b| b.origin == origin) {
            Some(branch) => {
                branch.first |= entry.first;
                branch.entries.push(entry);
            }
            None => branches.push(Branch {
                origin,
                source,
                first: entry.first,
                entries: vec![entry],
            }),
        }
    }
    branches
}

/// Where a document comes from, for counting outlets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    /// The outlet (`source` metadata), or the document id when it has none.
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    /// Whether `source` is the document's own (not its id standing in).
    pub has_source: bool,
    /// The origin this document is a copy of (`crate::copies`), when it is one.
    pub copy_of: Option<CopyOf>,
}

/// The origin a copy folds into when sources are counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CopyOf {
    /// The origin's document id.
    pub doc: String,
    /// The origin's outlet (its `source`, or its id), as [`DocInfo::source`].
    pub source: String,
    /// The origin's published date, as the document gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// An origin nobody linked that ran a claim's story before every linked report: a copy's
/// linked passage is in its text ([`summarize`]'s `own` leaves it out otherwise), and it
/// was published before the claim's first linked date. Then "first" is said of the
/// linked evidence only ("first linked"), and this origin is named beside it.
pub fn told_earlier(
    evidence: &[Evidence],
    docs: &BTreeMap<String, DocInfo>,
    own: &BTreeSet<i64>,
) -> Option<CopyOf> {
    let first = timeline(evidence.iter().map(|e| e.doc.as_str()), docs).first?;
    let first_day = crate::corpus::date_timestamp(&first.published)?;
    evidence
        .iter()
        .filter(|e| !own.contains(&e.id) && !e.orphaned)
        .filter_map(|e| docs.get(&e.doc)?.copy_of.as_ref())
        .filter(|origin| !evidence.iter().any(|e| e.doc == origin.doc))
        .filter_map(|origin| {
            let day = crate::corpus::date_timestamp(origin.published.as_deref()?.trim())?;
            (day < first_day).then_some((day, origin))
        })
        .min_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.doc.cmp(&y.doc)))
        .map(|(_, origin)| origin.clone())
}

impl DocInfo {
    /// Document `id`'s info: its outlet is its `source`, or the document itself when it
    /// has none (or an empty one).
    pub fn new(id: &str, source: Option<&str>, title: &str, published: Option<&str>) -> DocInfo {
        let source = source.filter(|s| !s.trim().is_empty());
        DocInfo {
            source: source.unwrap_or(id).to_owned(),
            title: title.to_owned(),
            published: published.map(str::to_owned),
            has_source: source.is_some(),
            copy_of: None,
        }
    }

    /// The same, known to be a copy of `origin`.
    #[must_use]
    pub fn copy_of(self, origin: CopyOf) -> DocInfo {
        DocInfo {
            copy_of: Some(origin),
            ..self
        }
    }

    /// Who to name as having published it: its source, else its title, else its id.
    pub fn reporter(&self) -> &str {
        if self.has_source || self.title.trim().is_empty() {
            &self.source
        } else {
            self.title.trim()
        }
    }
}

/// A claim's evidence, counted and compared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Distinct sources (outlets) with any evidence.
    pub sources: usize,
    /// Distinct sources per stance: an outlet counts once however many passages it has.
    pub supporting: usize,
    pub refuting: usize,
    pub mentioning: usize,
    /// Independent sources: outlets counted with every copy folded into its origin, so
    /// five outlets running one agency's wire story are one source, the agency.
    pub independent: Independent,
    /// Distinct documents with any evidence.
    pub documents: usize,
    /// The copies among the evidence's documents and the origin each was folded into,
    /// `(copy, origin)` in document order.
    pub folded: Vec<(String, String)>,
    /// Where the sources disagree, in words.
    pub hints: Vec<String>,
}

/// [`Summary::independent`]: independent sources with any evidence, and per stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Independent {
    pub sources: usize,
    pub supporting: usize,
    pub refuting: usize,
    pub mentioning: usize,
}

/// The outlet of `doc`: its source, compared case- and space-insensitively.
fn outlet(docs: &BTreeMap<String, DocInfo>, doc: &str) -> String {
    docs.get(doc)
        .map_or_else(|| doc.to_owned(), |info| compared(&info.source))
}

/// How two outlets' names are compared: case and spacing aside.
fn compared(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The independent source of a passage in `doc`: the outlet of the origin it is a copy of,
/// else (and for a passage the copy added, `own`) its own.
fn independent_source(docs: &BTreeMap<String, DocInfo>, doc: &str, own: bool) -> String {
    match docs
        .get(doc)
        .and_then(|info| info.copy_of.as_ref())
        .filter(|_| !own)
    {
        Some(origin) => compared(&origin.source),
        None => outlet(docs, doc),
    }
}

/// The numbers written in `text` (ASCII, Arabic-Indic and Persian digits; `1,200` and
/// `١٬٢٠٠` as one number).
pub fn numbers(text: &str) -> Vec<u64> {
    let mut found = Vec::new();
    let mut current: Option<u64> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = match c {
            '0'..='9' => c.to_digit(10),
            '\u{0660}'..='\u{0669}' => Some(u32::from(c) - 0x0660),
            '\u{06F0}'..='\u{06F9}' => Some(u32::from(c) - 0x06F0),
            _ => None,
        };
        if let Some(d) = digit {
            current = Some(
                current
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(u64::from(d)),
            );
            continue;
        }
        // A thousands separator between digits keeps the number going.
        let separator = matches!(c, ',' | '\u{066C}');
        let next_is_digit = chars.peek().is_some_and(|n| {
            n.is_ascii_digit()
                || ('\u{0660}'..='\u{0669}').contains(n)
                || ('\u{06F0}'..='\u{06F9}').contains(n)
        });
        if separator && current.is_some() && next_is_digit {
            continue;
        }
        if let Some(n) = current.take() {
            found.push(n);
        }
    }
    found.extend(current);
    found
}

/// Counts and hints for one claim's evidence. A piece in a copy counts with the copy's
/// origin, as the origin's outlet's, unless its id is in `own`: a passage the copy added,
/// not in the origin's text (a sentence of Al Jazeera's own in its copy of Reuters' story
/// is Al Jazeera's, not Reuters').
pub fn summarize(
    evidence: &[Evidence],
    docs: &BTreeMap<String, DocInfo>,
    own: &BTreeSet<i64>,
) -> Summary {
    summarize_named(evidence, docs, own, &str::to_owned)
}

/// [`summarize`], each source's name in the hints written by `name` (an HTML report isolates
/// each in `<bdi>`, so an Arabic outlet does not reorder the English sentence around it).
pub fn summarize_named(
    evidence: &[Evidence],
    docs: &BTreeMap<String, DocInfo>,
    own: &BTreeSet<i64>,
    name: &dyn Fn(&str) -> String,
) -> Summary {
    let mut by_stance: BTreeMap<Stance, BTreeSet<String>> = BTreeMap::new();
    let mut numbers_by_source: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    let name_of = |doc: &str| {
        docs.get(doc)
            .map_or_else(|| doc.to_owned(), |info| info.source.clone())
    };
    let mut display: BTreeMap<String, String> = BTreeMap::new();
    for piece in evidence {
        let source = outlet(docs, &piece.doc);
        display
            .entry(source.clone())
            .or_insert_with(|| name_of(&piece.doc));
        by_stance
            .entry(piece.stance)
            .or_default()
            .insert(source.clone());
        let stated = numbers(&piece.anchor.quote);
        if !stated.is_empty() {
            numbers_by_source.entry(source).or_default().extend(stated);
        }
    }
    let count = |stance| by_stance.get(&stance).map_or(0, BTreeSet::len);
    let mut independent: BTreeMap<Stance, BTreeSet<String>> = BTreeMap::new();
    let mut documents: BTreeSet<&str> = BTreeSet::new();
    let mut folded: Vec<(String, String)> = Vec::new();
    for piece in evidence {
        let own = own.contains(&piece.id);
        independent
            .entry(piece.stance)
            .or_default()
            .insert(independent_source(docs, &piece.doc, own));
        documents.insert(&piece.doc);
        if let Some(origin) = docs.get(&piece.doc).and_then(|i| i.copy_of.as_ref())
            && !own
            && !folded.iter().any(|(copy, _)| *copy == piece.doc)
        {
            folded.push((piece.doc.clone(), origin.doc.clone()));
        }
    }
    let independent_count = |stance| independent.get(&stance).map_or(0, BTreeSet::len);
    let independent = Independent {
        sources: independent
            .values()
            .flatten()
            .collect::<BTreeSet<_>>()
            .len(),
        supporting: independent_count(Stance::Supports),
        refuting: independent_count(Stance::Refutes),
        mentioning: independent_count(Stance::Mentions),
    };
    let mut hints = Vec::new();
    // Numbers: those not every source states.
    if numbers_by_source.len() > 1 {
        let common: BTreeSet<u64> = numbers_by_source.values().skip(1).fold(
            numbers_by_source
                .values()
                .next()
                .cloned()
                .unwrap_or_default(),
            |acc, set| acc.intersection(set).copied().collect(),
        );
        let differing: Vec<String> = numbers_by_source
            .iter()
            .filter_map(|(source, set)| {
                let own: Vec<String> = set.difference(&common).map(u64::to_string).collect();
                (!own.is_empty())
                    .then(|| format!("{} ({})", own.join(", "), name(&display[source])))
            })
            .collect();
        if !differing.is_empty() {
            hints.push(format!("numbers differ: {}", differing.join(" vs ")));
        }
    }
    hints.extend(opposed(&by_stance, &|source| name(&display[source])));
    Summary {
        sources: display.len(),
        supporting: count(Stance::Supports),
        refuting: count(Stance::Refutes),
        mentioning: count(Stance::Mentions),
        independent,
        documents: documents.len(),
        folded,
        hints,
    }
}

/// Claims down, sources across: the stances each source takes in each claim's evidence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrix {
    /// The sources (outlets compared as [`summarize`] compares them), each as first written.
    pub sources: Vec<String>,
    /// Per claim, in the order given, per source: the stances it takes (empty: silent).
    pub rows: Vec<Vec<BTreeSet<Stance>>>,
}

/// The claims × sources matrix of claims with these pieces of evidence: the same outlets
/// [`summarize`] counts, so the matrix and the counts never disagree.
pub fn matrix<'a>(
    claims: impl IntoIterator<Item = &'a [Evidence]>,
    docs: &BTreeMap<String, DocInfo>,
) -> Matrix {
    let claims: Vec<&[Evidence]> = claims.into_iter().collect();
    let mut display: BTreeMap<String, String> = BTreeMap::new();
    for piece in claims.iter().flat_map(|evidence| evidence.iter()) {
        display.entry(outlet(docs, &piece.doc)).or_insert_with(|| {
            docs.get(&piece.doc)
                .map_or_else(|| piece.doc.clone(), |info| info.source.clone())
        });
    }
    let column: BTreeMap<&str, usize> = display
        .keys()
        .enumerate()
        .map(|(i, key)| (key.as_str(), i))
        .collect();
    let rows = claims
        .iter()
        .map(|evidence| {
            let mut row = vec![BTreeSet::new(); display.len()];
            for piece in *evidence {
                if let Some(cell) = column
                    .get(outlet(docs, &piece.doc).as_str())
                    .and_then(|&i| row.get_mut(i))
                {
                    cell.insert(piece.stance);
                }
            }
            row
        })
        .collect();
    Matrix {
        sources: display.into_values().collect(),
        rows,
    }
}

/// The hint when some sources support a claim and others refute it: "sources disagree: CNN
/// supports it, RT refutes it" (each source written by `name`).
fn opposed(
    by_stance: &BTreeMap<Stance, BTreeSet<String>>,
    name: &dyn Fn(&str) -> String,
) -> Option<String> {
    let (Some(support), Some(refute)) = (
        by_stance.get(&Stance::Supports),
        by_stance.get(&Stance::Refutes),
    ) else {
        return None;
    };
    let names = |set: &BTreeSet<String>| set.iter().map(|s| name(s)).collect::<Vec<_>>().join(", ");
    // "CNN supports it", "CNN, BBC support it".
    let verb = |set: &BTreeSet<String>, one: &'static str, many: &'static str| {
        if set.len() == 1 { one } else { many }
    };
    Some(format!(
        "sources disagree: {} {} it, {} {} it",
        names(support),
        verb(support, "supports", "support"),
        names(refute),
        verb(refute, "refutes", "refute")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Anchor;

    fn piece(doc: &str, quote: &str, stance: Stance) -> Evidence {
        Evidence {
            id: 0,
            claim: 1,
            doc: doc.to_owned(),
            anchor: Anchor {
                byte_start: 0,
                byte_end: quote.len(),
                quote: quote.to_owned(),
                prefix: String::new(),
                suffix: String::new(),
                doc_hash: String::new(),
            },
            stance,
            note: String::new(),
            orphaned: false,
        }
    }

    fn info(source: &str) -> DocInfo {
        DocInfo {
            source: source.to_owned(),
            title: String::new(),
            published: None,
            has_source: true,
            copy_of: None,
        }
    }

    #[test]
    fn the_chain_folds_copies_under_their_origin_in_publication_order() {
        let dated = |source: &str, date: &str| DocInfo::new("x", Some(source), "", Some(date));
        let origin = CopyOf {
            doc: "wire".to_owned(),
            source: "Reuters".to_owned(),
            published: None,
        };
        let docs: BTreeMap<String, DocInfo> = [
            (
                "aj".to_owned(),
                dated("Al Jazeera", "2024-03-02").copy_of(origin.clone()),
            ),
            ("rt".to_owned(), dated("RT", "2024-03-03").copy_of(origin)),
            ("bbc".to_owned(), dated("BBC", "2024-03-02")),
        ]
        .into_iter()
        .collect();
        let branches = chain([("rt", false), ("bbc", false), ("aj", false)], &docs);
        let shape: Vec<(&str, &str, Vec<usize>, bool)> = branches
            .iter()
            .map(|b| {
                (
                    b.origin.as_str(),
                    b.source.as_str(),
                    b.entries.iter().map(|e| e.index).collect(),
                    b.first,
                )
            })
            .collect();
        // BBC and Al Jazeera's copy both on the 2nd: both first; the evidence's order breaks
        // the tie (bbc given before aj).
        assert_eq!(
            shape,
            [
                ("bbc", "BBC", vec![1], true),
                ("wire", "Reuters", vec![2, 0], true)
            ]
        );
    }

    /// Five outlets running one agency's story are one independent source, the agency,
    /// whether or not the agency's own document is among the evidence.
    #[test]
    fn copies_fold_into_their_origin() {
        let origin = |doc: &str, source: &str| CopyOf {
            doc: doc.to_owned(),
            source: source.to_owned(),
            published: None,
        };
        let docs: BTreeMap<String, DocInfo> = [
            ("wire".to_owned(), info("Reuters")),
            (
                "aj".to_owned(),
                info("Al Jazeera").copy_of(origin("wire", "reuters ")),
            ),
            (
                "rt".to_owned(),
                info("RT").copy_of(origin("wire", "Reuters")),
            ),
            ("own".to_owned(), info("BBC")),
            (
                "afp1".to_owned(),
                info("France 24").copy_of(origin("afp", "AFP")),
            ),
        ]
        .into_iter()
        .collect();
        let evidence = [
            piece("aj", "144", Stance::Supports),
            piece("aj", "144 again", Stance::Supports),
            piece("rt", "144", Stance::Supports),
            piece("wire", "144", Stance::Supports),
            piece("own", "no", Stance::Refutes),
            piece("afp1", "144", Stance::Mentions),
        ];
        let summary = summarize(&evidence, &docs, &BTreeSet::new());
        assert_eq!(
            (summary.sources, summary.supporting),
            (5, 3),
            "outlets as before"
        );
        assert_eq!(
            summary.independent,
            Independent {
                sources: 3,
                supporting: 1,
                refuting: 1,
                mentioning: 1
            }
        );
        assert_eq!(summary.documents, 5);
        assert_eq!(
            summary.folded,
            [
                ("aj".to_owned(), "wire".to_owned()),
                ("rt".to_owned(), "wire".to_owned()),
                ("afp1".to_owned(), "afp".to_owned())
            ]
        );
    }

    /// A sentence Al Jazeera added to its copy of Reuters' story is Al Jazeera's: it stands
    /// as its own source, and the copy is folded only for the passages Reuters ran.
    #[test]
    fn a_passage_a_copy_added_is_its_own_outlets() {
        let docs: BTreeMap<String, DocInfo> = [
            ("wire".to_owned(), info("Reuters")),
            (
                "aj".to_owned(),
                info("Al Jazeera").copy_of(CopyOf {
                    doc: "wire".to_owned(),
                    source: "Reuters".to_owned(),
                    published: None,
                }),
            ),
        ]
        .into_iter()
        .collect();
        let mut ran = piece("aj", "144", Stance::Supports);
        ran.id = 1;
        let mut added = piece("aj", "no comment from the army", Stance::Mentions);
        added.id = 2;
        let own = BTreeSet::from([2]);
        let summary = summarize(&[ran.clone(), added.clone()], &docs, &own);
        assert_eq!(
            summary.independent,
            Independent {
                sources: 2,
                supporting: 1,
                refuting: 0,
                mentioning: 1
            }
        );
        assert_eq!(summary.folded, [("aj".to_owned(), "wire".to_owned())]);
        // Only the added passage: nothing is folded.
        let alone = summarize(std::slice::from_ref(&added), &docs, &own);
        assert!(alone.folded.is_empty());
        assert_eq!(alone.independent.sources, 1);
        let branches = chain([("aj", false), ("aj", true)], &docs);
        let origins: Vec<&str> = branches.iter().map(|b| b.origin.as_str()).collect();
        assert_eq!(origins, ["wire", "aj"]);
    }

    /// An origin nobody linked, published before the first linked report, whose text holds
    /// a copy's linked passage, ran the story earlier; one linked, later, or whose copy's
    /// passage is the copy's own, did not.
    #[test]
    fn an_unlinked_origin_that_ran_the_passage_earlier() {
        let dated = |source: &str, date: &str| DocInfo::new("x", Some(source), "", Some(date));
        let origin = CopyOf {
            doc: "wire".to_owned(),
            source: "Reuters".to_owned(),
            published: Some("2024-03-01".to_owned()),
        };
        let docs: BTreeMap<String, DocInfo> = [
            ("wire".to_owned(), dated("Reuters", "2024-03-01")),
            (
                "rt".to_owned(),
                dated("RT", "2024-03-02").copy_of(origin.clone()),
            ),
            ("bbc".to_owned(), dated("BBC", "2024-03-01")),
        ]
        .into_iter()
        .collect();
        let mut copy = piece("rt", "144", Stance::Supports);
        copy.id = 7;
        let none = BTreeSet::new();
        assert_eq!(
            told_earlier(std::slice::from_ref(&copy), &docs, &none),
            Some(origin)
        );
        // The copy's own sentence: nothing of the origin's was linked.
        assert_eq!(
            told_earlier(std::slice::from_ref(&copy), &docs, &BTreeSet::from([7])),
            None
        );
        // The origin linked too, or a report as early as it: no longer earlier.
        let wire = piece("wire", "144", Stance::Supports);
        assert_eq!(told_earlier(&[copy.clone(), wire], &docs, &none), None);
        let bbc = piece("bbc", "144", Stance::Supports);
        assert_eq!(told_earlier(&[copy, bbc], &docs, &none), None);
    }

    #[test]
    fn numbers_in_any_digits() {
        assert_eq!(numbers("مقتل 144 شخصاً و١٤٣ آخرين و۲۰"), [144, 143, 20]);
        assert_eq!(numbers("1,200 و١٬٢٠٠ ثم 3, 4"), [1200, 1200, 3, 4]);
        assert!(numbers("لا أرقام").is_empty());
    }

    #[test]
    fn an_outlet_counts_once_and_differences_are_named() {
        let docs: BTreeMap<String, DocInfo> = [
            ("a1".to_owned(), info("CNN")),
            ("a2".to_owned(), info("cnn ")),
            ("b".to_owned(), info("RT")),
        ]
        .into_iter()
        .collect();
        let evidence = [
            piece("a1", "مقتل 144 شخصاً", Stance::Supports),
            piece("a2", "144 قتيلاً", Stance::Supports),
            piece("b", "على الأقل ١٤٣", Stance::Mentions),
        ];
        let summary = summarize(&evidence, &docs, &BTreeSet::new());
        assert_eq!(
            (summary.supporting, summary.refuting, summary.mentioning),
            (1, 0, 1)
        );
        assert_eq!(summary.hints, ["numbers differ: 144 (CNN) vs 143 (RT)"]);
        let agreeing = [
            piece("a1", "144", Stance::Supports),
            piece("b", "١٤٤", Stance::Supports),
        ];
        assert!(
            summarize(&agreeing, &docs, &BTreeSet::new())
                .hints
                .is_empty()
        );
        let opposed = [
            piece("a1", "نعم", Stance::Supports),
            piece("b", "لا", Stance::Refutes),
        ];
        assert_eq!(
            summarize(&opposed, &docs, &BTreeSet::new()).hints,
            ["sources disagree: CNN supports it, RT refutes it"]
        );
    }

    /// The matrix drew "CNN" and "cnn " as two columns while the counts saw one outlet.
    #[test]
    fn the_matrix_sees_the_outlets_the_counts_see() {
        let docs: BTreeMap<String, DocInfo> = [
            ("a1".to_owned(), info("CNN")),
            ("a2".to_owned(), info("cnn ")),
            ("b".to_owned(), info("RT")),
        ]
        .into_iter()
        .collect();
        let first = [
            piece("a1", "144", Stance::Supports),
            piece("a2", "لا", Stance::Refutes),
        ];
        let second = [piece("b", "143", Stance::Mentions)];
        let table = matrix([&first[..], &second[..]], &docs);
        assert_eq!(table.sources, ["CNN", "RT"]);
        let stances = |row: usize, column: usize| -> Vec<Stance> {
            table.rows[row][column].iter().copied().collect()
        };
        assert_eq!(stances(0, 0), [Stance::Supports, Stance::Refutes]);
        assert!(stances(0, 1).is_empty(), "silent");
        assert_eq!(stances(1, 1), [Stance::Mentions]);
        assert_eq!(summarize(&first, &docs, &BTreeSet::new()).sources, 1);
    }
}
