//! The facets overlay's state: the counts of the search's matches by facet (from the index
//! thread), one value selected, and the picks it changes. The counts of each facet leave
//! out that facet's own picks (`IndexJob::Facets`), so a second outlet can be picked
//! beside the first.

use crate::facets::{Count, Facet, Facets, Picked, Picks};

use super::list::{moved, scrolled};

/// One row of the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(Facet),
    Value {
        facet: Facet,
        count: Count,
        picked: Option<Picked>,
    },
}

/// The overlay while it is open.
#[derive(Debug, Clone, Default)]
pub struct FacetPicker {
    /// Generation of the latest count asked for; answers to others are dropped.
    pub generation: u64,
    /// The counts, once they came.
    pub facets: Option<Facets>,
    pub millis: f64,
    pub error: Option<String>,
    /// Index of the selected row (always a value row when there is one).
    pub selected: usize,
    /// First row on screen.
    pub offset: usize,
}

impl FacetPicker {
    /// The rows: each facet's heading, then its values, each with how it is picked. A
    /// picked value no match has any more is still listed (count 0), to be unpicked.
    pub fn rows(&self, picks: &Picks) -> Vec<Row> {
        let Some(facets) = &self.facets else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for facet in Facet::ALL {
            let mut counts: Vec<Count> = facets
                .group(facet)
                .map(|g| g.counts.clone())
                .unwrap_or_default();
            for (value, _) in picks.values(facet) {
                if !counts.iter().any(|c| c.value == value) {
                    counts.push(Count {
                        value: value.to_owned(),
                        count: 0,
                    });
                }
            }
            if counts.is_empty() {
                continue;
            }
            rows.push(Row::Heading(facet));
            rows.extend(counts.into_iter().map(|count| Row::Value {
                facet,
                picked: picks.state(facet, &count.value),
                count,
            }));
        }
        rows
    }

    /// The selected value, if any.
    pub fn selected_value(&self, picks: &Picks) -> Option<(Facet, String)> {
        match self.rows(picks).get(self.selected) {
            Some(Row::Value { facet, count, .. }) => Some((*facet, count.value.clone())),
            _ => None,
        }
    }

    /// Moves the selection by `delta` values (headings are skipped), keeping it among
    /// `visible` rows on screen.
    pub fn move_by(&mut self, delta: isize, picks: &Picks, visible: usize) {
        let rows = self.rows(picks);
        let values: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Row::Value { .. }))
            .map(|(i, _)| i)
            .collect();
        if values.is_empty() {
            return;
        }
        let at = values
            .iter()
            .position(|&i| i >= self.selected)
            .unwrap_or(values.len() - 1);
        let to = moved(at, delta, values.len());
        self.selected = values[to];
        // Show a facet's heading with its first value.
        let top = if to == 0 || matches!(rows.get(self.selected - 1), Some(Row::Heading(_))) {
            self.selected.saturating_sub(1)
        } else {
            self.selected
        };
        self.offset = scrolled(self.offset, top, visible).min(self.selected);
        if self.selected >= self.offset + visible {
            self.offset = scrolled(self.offset, self.selected, visible);
        }
    }

    /// Selects `value` of `facet` when it is listed (else keeps the selection on a value).
    pub fn select_value(&mut self, picks: &Picks, facet: Facet, value: &str, visible: usize) {
        let found = self.rows(picks).iter().position(|row| {
            matches!(row, Row::Value { facet: f, count, .. } if *f == facet && count.value == value)
        });
        if let Some(at) = found {
            self.selected = at;
        }
        self.settle(picks, visible);
    }

    /// Keeps the selection on a value after the rows changed.
    pub fn settle(&mut self, picks: &Picks, visible: usize) {
        self.move_by(0, picks, visible);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facets::Group;

    fn picker() -> FacetPicker {
        let count = |value: &str, count: usize| Count {
            value: value.to_owned(),
            count,
        };
        FacetPicker {
            facets: Some(Facets {
                total: 5,
                groups: vec![
                    Group {
                        facet: Facet::Outlet,
                        counts: vec![count("BBC", 3), count("", 2)],
                    },
                    Group {
                        facet: Facet::Reviewed,
                        counts: vec![count("no", 5)],
                    },
                ],
            }),
            ..FacetPicker::default()
        }
    }

    #[test]
    fn the_selection_walks_values_and_skips_headings() {
        let mut picker = picker();
        let picks = Picks::default();
        picker.settle(&picks, 10);
        assert_eq!(picker.selected, 1);
        assert_eq!(
            picker.selected_value(&picks),
            Some((Facet::Outlet, "BBC".to_owned()))
        );
        picker.move_by(2, &picks, 10);
        assert_eq!(
            picker.selected_value(&picks),
            Some((Facet::Reviewed, "no".to_owned()))
        );
        picker.move_by(5, &picks, 10);
        assert_eq!(picker.selected, 4, "stays on the last value");
        picker.move_by(-10, &picks, 10);
        assert_eq!(picker.selected, 1);
    }

    #[test]
    fn a_picked_value_no_match_has_stays_listed_to_unpick() {
        let picker = picker();
        let mut picks = Picks::default();
        picks.toggle_exclude(Facet::Outlet, "Reuters");
        let rows = picker.rows(&picks);
        assert!(rows.contains(&Row::Value {
            facet: Facet::Outlet,
            count: Count {
                value: "Reuters".to_owned(),
                count: 0
            },
            picked: Some(Picked::Excluded),
        }));
    }
}
