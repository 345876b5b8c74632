//! Facets: a query's matches counted by outlet, language, month and day of publication,
//! review state, document tag and whether anything is annotated in them; and picks of facet
//! values that narrow a search (values of one facet OR, different facets AND, any value may
//! be excluded instead). The index counts what it holds (fast columns, `SearchIndex::facets`),
//! the store says which documents are reviewed, tagged and annotated; this module joins them,
//! so the command line and the workbench count and narrow alike.

use std::collections::BTreeSet;
use std::fmt;

use crate::annotate::Resolved;
use crate::index::{IndexError, IndexFacets, SearchIndex, SearchRequest};
use crate::store::{Store, StoreError};

/// A facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Outlet,
    Lang,
    Month,
    Day,
    Reviewed,
    Tag,
    Annotated,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Outlet,
        Facet::Lang,
        Facet::Month,
        Facet::Day,
        Facet::Reviewed,
        Facet::Tag,
        Facet::Annotated,
    ];

    /// Facets picked together: a month's picks and a day's narrow the same dates.
    pub const FAMILIES: &'static [&'static [Facet]] = &[
        &[Facet::Outlet],
        &[Facet::Lang],
        &[Facet::Month, Facet::Day],
        &[Facet::Reviewed],
        &[Facet::Tag],
        &[Facet::Annotated],
    ];

    /// Its name, as `--facets` and the workbench print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Outlet => "outlet",
            Facet::Lang => "language",
            Facet::Month => "month",
            Facet::Day => "day",
            Facet::Reviewed => "reviewed",
            Facet::Tag => "tag",
            Facet::Annotated => "annotated",
        }
    }
}

/// The value a facet gives documents without one (no outlet, no date).
pub const NONE: &str = "";

/// One value of a facet and how many matches have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// As written (`BBC`, `ar`, `2024-03`, `yes`); `NONE` for documents without one.
    pub value: String,
    pub count: usize,
}

impl Count {
    /// How the value is shown: itself, or what its absence means.
    pub fn label(&self, facet: Facet) -> String {
        label(facet, &self.value)
    }
}

/// How `value` of `facet` is shown.
pub fn label(facet: Facet, value: &str) -> String {
    match (facet, value) {
        (Facet::Outlet, NONE) => "(no outlet)".to_owned(),
        (Facet::Month | Facet::Day, NONE) => "(no date)".to_owned(),
        (Facet::Lang, NONE) => "(unknown)".to_owned(),
        _ => value.to_owned(),
    }
}

/// A facet's values with their counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub facet: Facet,
    pub counts: Vec<Count>,
}

/// Every facet of a query's matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Every match.
    pub total: usize,
    /// The facets with at least one value, in `Facet::ALL` order.
    pub groups: Vec<Group>,
}

impl Facets {
    /// The group of `facet`, if it has values.
    pub fn group(&self, facet: Facet) -> Option<&Group> {
        self.groups.iter().find(|g| g.facet == facet)
    }

    /// Replaces the group of `facet` with `other`'s (counted with other picks), keeping
    /// the facets' order.
    pub fn take_group(&mut self, facet: Facet, other: &Facets) {
        self.groups.retain(|g| g.facet != facet);
        if let Some(group) = other.group(facet) {
            self.groups.push(group.clone());
            self.groups.sort_by_key(|g| g.facet);
        }
    }
}

/// Days are listed when the matches fall on at most this many of them (or a month is
/// picked); otherwise months say enough.
pub const MAX_DAYS_LISTED: usize = 62;

/// Why facets could not be counted.
#[derive(Debug, thiserror::Error)]
pub enum FacetError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the store knows of documents, as sets the index counts within.
#[derive(Debug, Clone, Default)]
pub struct StoreSets {
    pub reviewed: Vec<String>,
    /// Each tag in use (as first written) and its documents.
    pub tags: Vec<(String, Vec<String>)>,
    /// Documents with a mention or evidence.
    pub annotated: Vec<String>,
}

impl StoreSets {
    /// Reads them from `store` (`None`: there is no store yet, so nothing is noted).
    pub fn read(store: Option<&Store>) -> Result<StoreSets, StoreError> {
        let Some(store) = store else {
            return Ok(StoreSets::default());
        };
        let mut tags = Vec::new();
        for (tag, _) in store.doc_tags()? {
            let docs = store.docs_tagged(&tag)?;
            tags.push((tag, docs));
        }
        Ok(StoreSets {
            reviewed: store.reviewed_docs()?,
            tags,
            annotated: store.annotation_counts()?.into_keys().collect(),
        })
    }
}

/// Counts the facets of `request`'s matches (an empty query: the whole corpus, as lists
/// read it), with `sets` from the store; `picks` says which months are picked, so that
/// their days are listed.
pub fn count(
    index: &SearchIndex,
    request: SearchRequest<'_>,
    sets: &StoreSets,
    picks: &Picks,
) -> Result<Facets, FacetError> {
    let mut asked: Vec<&[String]> = vec![&sets.reviewed, &sets.annotated];
    asked.extend(sets.tags.iter().map(|(_, docs)| docs.as_slice()));
    let counted = index.facets(request, &asked)?;
    Ok(join(counted, sets, picks))
}

/// The facets of what the index counted (`within`: reviewed, annotated, then each tag of
/// `sets`).
fn join(counted: IndexFacets, sets: &StoreSets, picks: &Picks) -> Facets {
    let IndexFacets {
        total,
        outlets,
        no_outlet,
        langs,
        days,
        undated,
        within,
    } = counted;
    let of = |pairs: Vec<(String, usize)>| -> Vec<Count> {
        pairs
            .into_iter()
            .map(|(value, count)| Count { value, count })
            .collect()
    };
    let none = |count: usize| {
        (count > 0).then(|| Count {
            value: NONE.to_owned(),
            count,
        })
    };
    let mut groups = Vec::new();
    let mut push = |facet: Facet, counts: Vec<Count>| {
        if !counts.is_empty() {
            groups.push(Group { facet, counts });
        }
    };
    let mut outlet_counts = of(outlets);
    outlet_counts.extend(none(no_outlet));
    push(Facet::Outlet, outlet_counts);
    push(Facet::Lang, of(langs));
    // Months newest first, as lists are sorted; the undated last.
    let mut months: Vec<Count> = Vec::new();
    for (day, count) in days.iter().rev() {
        let month = day.get(..7).unwrap_or(day);
        match months.last_mut() {
            Some(last) if last.value == month => last.count += count,
            _ => months.push(Count {
                value: month.to_owned(),
                count: *count,
            }),
        }
    }
    let months_picked: Vec<&str> = picks.values(Facet::Month).map(|(value, _)| value).collect();
    let listed_days: Vec<Count> = days
        .iter()
        .rev()
        .filter(|(day, _)| {
            days.len() <= MAX_DAYS_LISTED
                || months_picked
                    .iter()
                    .any(|month| day.starts_with(&format!("{month}-")))
        })
        .map(|(value, count)| Count {
            value: value.clone(),
            count: *count,
        })
        .collect();
    months.extend(none(undated));
    push(Facet::Month, months);
    push(Facet::Day, listed_days);
    let reviewed = within.first().copied().unwrap_or(0);
    let annotated = within.get(1).copied().unwrap_or(0);
    let yes_no = |yes: usize| -> Vec<Count> {
        [("yes", yes), ("no", total.saturating_sub(yes))]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(value, count)| Count {
                value: value.to_owned(),
                count,
            })
            .collect()
    };
    push(Facet::Reviewed, yes_no(reviewed));
    let mut tags: Vec<Count> = sets
        .tags
        .iter()
        .zip(within.iter().skip(2))
        .filter(|(_, n)| **n > 0)
        .map(|((tag, _), n)| Count {
            value: tag.clone(),
            count: *n,
        })
        .collect();
    tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    push(Facet::Tag, tags);
    push(Facet::Annotated, yes_no(annotated));
    Facets { total, groups }
}

/// Facet values picked to narrow a search: each included or excluded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picks {
    picked: BTreeSet<(Facet, String, bool)>,
}

/// Whether a value is picked, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    Included,
    Excluded,
}

impl Picks {
    pub fn is_empty(&self) -> bool {
        self.picked.is_empty()
    }

    /// How `value` of `facet` is picked, if it is.
    pub fn state(&self, facet: Facet, value: &str) -> Option<Picked> {
        if self.picked.contains(&(facet, value.to_owned(), true)) {
            Some(Picked::Excluded)
        } else if self.picked.contains(&(facet, value.to_owned(), false)) {
            Some(Picked::Included)
        } else {
            None
        }
    }

    /// Includes `value` (or, when it is included already, drops the pick).
    pub fn toggle_include(&mut self, facet: Facet, value: &str) {
        self.toggle(facet, value, false);
    }

    /// Excludes `value` (or, when it is excluded already, drops the pick).
    pub fn toggle_exclude(&mut self, facet: Facet, value: &str) {
        self.toggle(facet, value, true);
    }

    fn toggle(&mut self, facet: Facet, value: &str, excluded: bool) {
        let key = (facet, value.to_owned(), excluded);
        if !self.picked.remove(&key) {
            self.picked.remove(&(facet, value.to_owned(), !excluded));
            // Reviewed and annotated have two values: picking one replaces the other.
            if matches!(facet, Facet::Reviewed | Facet::Annotated) {
                self.picked.retain(|(f, _, _)| *f != facet);
            }
            self.picked.insert(key);
        }
    }

    /// These picks but those of `facets`.
    #[must_use]
    pub fn without(&self, facets: &[Facet]) -> Picks {
        Picks {
            picked: self
                .picked
                .iter()
                .filter(|(f, _, _)| !facets.contains(f))
                .cloned()
                .collect(),
        }
    }

    /// Whether a pick is one the store answers (reviewed, tag, annotated).
    pub fn needs_store(&self) -> bool {
        self.picked
            .iter()
            .any(|(f, _, _)| matches!(f, Facet::Reviewed | Facet::Tag | Facet::Annotated))
    }

    pub fn clear(&mut self) {
        self.picked.clear();
    }

    /// The picked values of `facet`, each with whether it is excluded.
    pub fn values(&self, facet: Facet) -> impl Iterator<Item = (&str, bool)> {
        self.picked
            .iter()
            .filter(move |(f, _, _)| *f == facet)
            .map(|(_, value, excluded)| (value.as_str(), *excluded))
    }

    /// The picks the index answers (outlet, language, month, day), as query text to add to a
    /// query with AND: `(outlet:"A" OR outlet:"B") -lang:en (date:2024-03)`.
    pub fn index_query(&self) -> String {
        let mut parts = Vec::new();
        for facet in [Facet::Outlet, Facet::Lang, Facet::Month, Facet::Day] {
            let term = |value: &str| match (facet, value) {
                (Facet::Outlet, NONE) => "-outlet:*".to_owned(),
                (Facet::Outlet, value) => format!("outlet:{}", quoted(value)),
                (Facet::Lang, value) => format!("lang:{}", quoted(value)),
                (_, NONE) => "-date:*".to_owned(),
                (_, value) => format!("date:{value}"),
            };
            let included: Vec<String> = self
                .values(facet)
                .filter(|(_, excluded)| !excluded)
                .map(|(value, _)| term(value))
                .collect();
            if !included.is_empty() {
                // A lone "no value" term is a negation: it needs something to take from.
                let alone_negated = |t: &String| t.starts_with('-');
                parts.push(if included.iter().any(alone_negated) {
                    let positive = match facet {
                        Facet::Outlet => "outlet:*",
                        Facet::Lang => "lang:*",
                        _ => "date:*",
                    };
                    let mut alternatives: Vec<String> = included
                        .iter()
                        .filter(|t| !alone_negated(t))
                        .cloned()
                        .collect();
                    // Documents without a value: everything but those with one.
                    alternatives.push(format!("(* -{positive})"));
                    format!("({})", alternatives.join(" OR "))
                } else {
                    format!("({})", included.join(" OR "))
                });
            }
            for (value, excluded) in self.values(facet) {
                if excluded {
                    let term = term(value);
                    parts.push(match term.strip_prefix('-') {
                        // Excluding "no value" keeps those with one.
                        Some(positive) => positive.to_owned(),
                        None => format!("-{term}"),
                    });
                }
            }
        }
        parts.join(" ")
    }

    /// Narrows `resolved` by the picks the store answers (reviewed, tags, annotated).
    pub fn narrow(&self, resolved: &mut Resolved, sets: &StoreSets) {
        let mut allow = |docs: Vec<String>| {
            resolved.only = Some(match resolved.only.take() {
                None => docs,
                Some(before) => {
                    let docs: BTreeSet<String> = docs.into_iter().collect();
                    before.into_iter().filter(|d| docs.contains(d)).collect()
                }
            });
        };
        let yes = |value: &str, excluded: bool| (value == "yes") != excluded;
        for (value, excluded) in self.values(Facet::Reviewed) {
            if yes(value, excluded) {
                allow(sets.reviewed.clone());
            } else {
                resolved.except.extend(sets.reviewed.iter().cloned());
            }
        }
        for (value, excluded) in self.values(Facet::Annotated) {
            if yes(value, excluded) {
                allow(sets.annotated.clone());
            } else {
                resolved.except.extend(sets.annotated.iter().cloned());
            }
        }
        let tagged = |tag: &str| -> Vec<String> {
            let key = crate::store::doc_notes::tag_key(tag);
            sets.tags
                .iter()
                .filter(|(t, _)| crate::store::doc_notes::tag_key(t) == key)
                .flat_map(|(_, docs)| docs.iter().cloned())
                .collect()
        };
        let mut any_tag: Option<BTreeSet<String>> = None;
        for (value, excluded) in self.values(Facet::Tag) {
            if excluded {
                resolved.except.extend(tagged(value));
            } else {
                any_tag
                    .get_or_insert_with(BTreeSet::new)
                    .extend(tagged(value));
            }
        }
        if let Some(docs) = any_tag {
            allow(docs.into_iter().collect());
        }
        if let Some(only) = &mut resolved.only {
            only.sort_unstable();
            only.dedup();
        }
        resolved.except.sort_unstable();
        resolved.except.dedup();
    }

    /// The query a search runs: what was typed (without its store terms) and the index's
    /// picks, both required.
    pub fn with_query(&self, typed: &str) -> String {
        let picks = self.index_query();
        match (typed.trim().is_empty(), picks.is_empty()) {
            (_, true) => typed.to_owned(),
            (true, false) => picks,
            (false, false) => format!("({typed}) {picks}"),
        }
    }
}

impl fmt::Display for Picks {
    /// `outlet BBC or Reuters · not language en · month 2024-03`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for facet in Facet::ALL {
            let included: Vec<String> = self
                .values(facet)
                .filter(|(_, excluded)| !excluded)
                .map(|(value, _)| label(facet, value))
                .collect();
            if !included.is_empty() {
                parts.push(format!("{} {}", facet.as_str(), included.join(" or ")));
            }
            for (value, excluded) in self.values(facet) {
                if excluded {
                    parts.push(format!("not {} {}", facet.as_str(), label(facet, value)));
                }
            }
        }
        write!(f, "{}", parts.join(" · "))
    }
}

/// `value` in double quotes, its quotes and backslashes escaped.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picks(steps: &[(Facet, &str, bool)]) -> Picks {
        let mut picks = Picks::default();
        for &(facet, value, exclude) in steps {
            if exclude {
                picks.toggle_exclude(facet, value);
            } else {
                picks.toggle_include(facet, value);
            }
        }
        picks
    }

    #[test]
    fn values_of_one_facet_or_different_facets_and_exclusions_not() {
        let p = picks(&[
            (Facet::Outlet, "BBC News", false),
            (Facet::Outlet, "Reuters", false),
            (Facet::Lang, "en", true),
            (Facet::Month, "2024-03", false),
        ]);
        assert_eq!(
            p.index_query(),
            "(outlet:\"BBC News\" OR outlet:\"Reuters\") -lang:\"en\" (date:2024-03)"
        );
        assert_eq!(
            p.to_string(),
            "outlet BBC News or Reuters · not language en · month 2024-03"
        );
        assert_eq!(
            p.with_query("هجوم OR غارة"),
            "(هجوم OR غارة) (outlet:\"BBC News\" OR outlet:\"Reuters\") -lang:\"en\" (date:2024-03)"
        );
        assert_eq!(Picks::default().with_query("x"), "x");
        // "None" values: the undated and those without an outlet.
        let none = picks(&[(Facet::Outlet, NONE, false), (Facet::Month, NONE, true)]);
        assert_eq!(none.index_query(), "((* -outlet:*)) date:*");
        assert_eq!(none.to_string(), "outlet (no outlet) · not month (no date)");
        let either = picks(&[(Facet::Outlet, NONE, false), (Facet::Outlet, "BBC", false)]);
        assert_eq!(either.index_query(), "(outlet:\"BBC\" OR (* -outlet:*))");
        // Quotes in a value stay inside it.
        let quoted = picks(&[(Facet::Outlet, "The \"Times\"", false)]);
        assert_eq!(quoted.index_query(), "(outlet:\"The \\\"Times\\\"\")");
    }

    #[test]
    fn picking_again_drops_the_pick_and_yes_replaces_no() {
        let mut p = picks(&[(Facet::Outlet, "BBC", false)]);
        assert_eq!(p.state(Facet::Outlet, "BBC"), Some(Picked::Included));
        p.toggle_exclude(Facet::Outlet, "BBC");
        assert_eq!(p.state(Facet::Outlet, "BBC"), Some(Picked::Excluded));
        p.toggle_exclude(Facet::Outlet, "BBC");
        assert_eq!(p.state(Facet::Outlet, "BBC"), None);
        assert!(p.is_empty());
        p.toggle_include(Facet::Reviewed, "yes");
        p.toggle_include(Facet::Reviewed, "no");
        assert_eq!(p.state(Facet::Reviewed, "yes"), None);
        assert_eq!(p.state(Facet::Reviewed, "no"), Some(Picked::Included));
        p.clear();
        assert!(p.is_empty());
    }

    #[test]
    fn store_picks_narrow_what_a_query_allows() {
        let docs = |d: &[&str]| d.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let sets = StoreSets {
            reviewed: docs(&["a", "b"]),
            tags: vec![
                ("Wire".to_owned(), docs(&["b", "c"])),
                ("شاهد".to_owned(), docs(&["d"])),
                ("wire".to_owned(), docs(&["e"])),
            ],
            annotated: docs(&["a", "c"]),
        };
        let resolved = |only: Option<&[&str]>| Resolved {
            query: String::new(),
            only: only.map(docs),
            except: Vec::new(),
        };
        let mut r = resolved(None);
        picks(&[(Facet::Tag, "WIRE", false), (Facet::Tag, "شاهد", false)]).narrow(&mut r, &sets);
        assert_eq!(r.only, Some(docs(&["b", "c", "d", "e"])), "tags OR");
        let mut r = resolved(Some(&["a", "b", "c"]));
        picks(&[
            (Facet::Reviewed, "no", false),
            (Facet::Annotated, "yes", false),
        ])
        .narrow(&mut r, &sets);
        assert_eq!(r.only, Some(docs(&["a", "c"])));
        assert_eq!(
            r.except,
            docs(&["a", "b"]),
            "not reviewed: every reviewed one out"
        );
        let mut r = resolved(None);
        picks(&[(Facet::Tag, "wire", true), (Facet::Reviewed, "yes", true)]).narrow(&mut r, &sets);
        assert_eq!(r.only, None);
        assert_eq!(r.except, docs(&["a", "b", "c", "e"]));
    }

    #[test]
    fn counts_join_with_days_listed_when_few_or_their_month_picked() {
        let counted = IndexFacets {
            total: 5,
            outlets: vec![("BBC".to_owned(), 3)],
            no_outlet: 2,
            langs: vec![("ar".to_owned(), 5)],
            days: vec![
                ("1958-07-14".to_owned(), 1),
                ("2024-03-22".to_owned(), 1),
                ("2024-03-23".to_owned(), 2),
            ],
            undated: 1,
            within: vec![2, 0, 1],
        };
        let sets = StoreSets {
            tags: vec![("x".to_owned(), vec!["a".to_owned()])],
            ..StoreSets::default()
        };
        let facets = join(counted.clone(), &sets, &Picks::default());
        let values = |facet: Facet| -> Vec<(String, usize)> {
            facets
                .group(facet)
                .map(|g| g.counts.iter().map(|c| (c.label(facet), c.count)).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            values(Facet::Outlet),
            [("BBC".to_owned(), 3), ("(no outlet)".to_owned(), 2)]
        );
        assert_eq!(
            values(Facet::Month),
            [
                ("2024-03".to_owned(), 3),
                ("1958-07".to_owned(), 1),
                ("(no date)".to_owned(), 1)
            ]
        );
        assert_eq!(values(Facet::Day).len(), 3);
        assert_eq!(
            values(Facet::Reviewed),
            [("yes".to_owned(), 2), ("no".to_owned(), 3)]
        );
        assert_eq!(values(Facet::Annotated), [("no".to_owned(), 5)]);
        assert_eq!(values(Facet::Tag), [("x".to_owned(), 1)]);
        // Many days: only those of a picked month.
        let many = IndexFacets {
            days: (1..=28)
                .flat_map(|d| {
                    [
                        (format!("2024-02-{d:02}"), 1),
                        (format!("2024-03-{d:02}"), 1),
                        (format!("2024-04-{d:02}"), 1),
                    ]
                })
                .collect(),
            ..counted
        };
        assert!(
            join(many.clone(), &sets, &Picks::default())
                .group(Facet::Day)
                .is_none()
        );
        let march = picks(&[(Facet::Month, "2024-03", false)]);
        let days = join(many, &sets, &march);
        let days = days.group(Facet::Day).expect("days of March");
        assert_eq!(days.counts.len(), 28);
        assert!(days.counts.iter().all(|c| c.value.starts_with("2024-03-")));
    }
}
