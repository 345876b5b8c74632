//! The chain view (`c` on a claim): the claim's independent sources, each origin with the
//! evidence in it and in its copies under it, oldest first, and under each passage who it
//! is attributed to, one link a row, each citing the one above: a tree. The index thread
//! builds the chain ([`crate::export::chain`], as `isnad claim chain` does); this lays it
//! out in rows and keeps the selection. Heads, passages and names are selectable: Enter
//! opens the place in the reader, `t` offers a name as an entity.

use crate::export::chain::{Chain, Link};

/// Rows above the tree: the claim, its counts, a blank.
pub const HEAD_ROWS: u16 = 3;

/// The tree's rows on a screen `height` rows high (the overlay's box, less its heading).
pub fn visible(height: u16) -> usize {
    // The status and hint lines, the box's blank top row, then the heading rows.
    usize::from(height.saturating_sub(3 + HEAD_ROWS)).max(1)
}

/// One row of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An independent source's head (`Chain::sources[source]`).
    Source { source: usize },
    /// Under a head whose origin nothing is linked in: it carries a copy's passage.
    Carries { source: usize },
    /// A piece of evidence (`sources[source].evidence[link]`).
    Piece { source: usize, link: usize },
    /// The piece's quote.
    Quote { source: usize, link: usize },
    /// Who the piece is attributed to: its `depth`th attribution, each citing the one
    /// before.
    Named {
        source: usize,
        link: usize,
        depth: usize,
    },
    /// Between two sources.
    Gap,
}

impl Row {
    /// Whether the selection stops on it.
    pub fn selectable(self) -> bool {
        matches!(
            self,
            Row::Source { .. } | Row::Piece { .. } | Row::Named { .. }
        )
    }
}

/// The view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainView {
    pub chain: Chain,
    /// Every row, in order.
    pub rows: Vec<Row>,
    /// The selected row (a selectable one, when there is any).
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

impl ChainView {
    pub fn new(chain: Chain) -> ChainView {
        let rows = rows(&chain);
        let selected = rows.iter().position(|r| r.selectable()).unwrap_or(0);
        ChainView {
            chain,
            rows,
            selected,
            offset: 0,
        }
    }

    /// Selects row `selected` (or the nearest selectable one before it) with `offset` the
    /// first shown, as the view was left; rows that are gone since are clamped away.
    pub fn restore(&mut self, selected: usize, offset: usize) {
        let last = self.rows.len().saturating_sub(1);
        if let Some(row) = (0..=selected.min(last))
            .rev()
            .find(|&i| self.rows[i].selectable())
        {
            self.selected = row;
        }
        self.offset = offset.min(self.selected);
    }

    /// The selected row.
    pub fn row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    /// The piece of evidence of row `row`, for the rows that belong to one.
    pub fn link(&self, row: Row) -> Option<&Link> {
        match row {
            Row::Piece { source, link }
            | Row::Quote { source, link }
            | Row::Named { source, link, .. } => self.chain.sources.get(source)?.evidence.get(link),
            Row::Source { .. } | Row::Carries { .. } | Row::Gap => None,
        }
    }

    /// Moves the selection `steps` selectable rows down (up when negative), stopping at
    /// the first and the last; `visible` rows fit on the screen.
    pub fn move_by(&mut self, steps: isize, visible: usize) {
        let selectable: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].selectable())
            .collect();
        let Some(at) = selectable.iter().position(|&i| i >= self.selected) else {
            return;
        };
        let to = at
            .saturating_add_signed(steps)
            .min(selectable.len().saturating_sub(1));
        self.selected = selectable[to];
        self.keep_in_view(visible);
    }

    /// Scrolls so the selected row and the rows that belong to it (a passage's quote and
    /// names, a head's note) are in view, the selected one first if they do not all fit.
    pub fn keep_in_view(&mut self, visible: usize) {
        let visible = visible.max(1);
        let mut end = self.selected + 1;
        while self.rows.get(end).is_some_and(|row| {
            matches!(
                row,
                Row::Carries { .. } | Row::Quote { .. } | Row::Named { .. }
            )
        }) {
            end += 1;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if end > self.offset + visible {
            self.offset = end.saturating_sub(visible).min(self.selected);
        }
    }
}

/// The rows of `chain`: each source's head (and what its origin carries), then each
/// piece, its quote and its attribution, a gap between sources.
fn rows(chain: &Chain) -> Vec<Row> {
    let mut rows = Vec::new();
    for (source, branch) in chain.sources.iter().enumerate() {
        if source > 0 {
            rows.push(Row::Gap);
        }
        rows.push(Row::Source { source });
        if branch.carries.is_some() {
            rows.push(Row::Carries { source });
        }
        for (link, piece) in branch.evidence.iter().enumerate() {
            rows.push(Row::Piece { source, link });
            rows.push(Row::Quote { source, link });
            rows.extend((0..piece.attribution.len()).map(|depth| Row::Named {
                source,
                link,
                depth,
            }));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::{Attribution, Kind};
    use crate::export::chain::{Carried, Source};
    use crate::store::Stance;

    fn piece(id: i64, names: usize) -> Link {
        Link {
            id,
            doc: format!("{id}.md"),
            source: "Outlet".to_owned(),
            title: String::new(),
            published: None,
            first: false,
            stance: Stance::Supports,
            quote: "q".to_owned(),
            copy: false,
            added_to_copy_of: None,
            orphaned: false,
            attribution: (0..names)
                .map(|n| Attribution {
                    phrase: "said".to_owned(),
                    target: format!("name {n}"),
                    kind: Kind::Person,
                    phrase_at: 0..0,
                    target_at: 0..0,
                })
                .collect(),
            at: 0..1,
        }
    }

    fn source(evidence: Vec<Link>, carries: bool) -> Source {
        Source {
            origin: "o.md".to_owned(),
            source: "O".to_owned(),
            published: None,
            first: false,
            origin_linked: !carries,
            carries: carries.then_some(Carried {
                evidence: 1,
                copies: vec!["1.md".to_owned()],
                earlier: true,
                at: 0..1,
            }),
            evidence,
        }
    }

    fn named(source: usize, link: usize, depth: usize) -> Row {
        Row::Named {
            source,
            link,
            depth,
        }
    }

    fn view() -> ChainView {
        ChainView::new(Chain {
            claim: 1,
            text: "c".to_owned(),
            status: "unverified".to_owned(),
            independent_sources: 2,
            sources: vec![
                source(vec![piece(1, 2), piece(2, 0)], true),
                source(vec![piece(3, 1)], false),
            ],
        })
    }

    #[test]
    fn rows_nest_pieces_and_names_under_their_source() {
        let v = view();
        assert_eq!(
            v.rows,
            vec![
                Row::Source { source: 0 },
                Row::Carries { source: 0 },
                Row::Piece { source: 0, link: 0 },
                Row::Quote { source: 0, link: 0 },
                named(0, 0, 0),
                named(0, 0, 1),
                Row::Piece { source: 0, link: 1 },
                Row::Quote { source: 0, link: 1 },
                Row::Gap,
                Row::Source { source: 1 },
                Row::Piece { source: 1, link: 0 },
                Row::Quote { source: 1, link: 0 },
                named(1, 0, 0),
            ]
        );
        assert_eq!(
            v.link(Row::Quote { source: 1, link: 0 }).map(|l| l.id),
            Some(3)
        );
    }

    #[test]
    fn the_selection_skips_quotes_notes_and_gaps_and_stops_at_the_ends() {
        let mut v = view();
        assert_eq!(v.row(), Some(Row::Source { source: 0 }));
        v.move_by(1, 20);
        assert_eq!(v.row(), Some(Row::Piece { source: 0, link: 0 }));
        v.move_by(3, 20);
        assert_eq!(v.row(), Some(Row::Piece { source: 0, link: 1 }));
        v.move_by(1, 20);
        assert_eq!(v.row(), Some(Row::Source { source: 1 }));
        v.move_by(10, 20);
        assert_eq!(v.row(), Some(named(1, 0, 0)));
        v.move_by(-100, 20);
        assert_eq!(v.row(), Some(Row::Source { source: 0 }));
    }

    #[test]
    fn a_passage_scrolls_into_view_with_its_quote_and_names() {
        let mut v = view();
        // Three rows fit: the second piece (row 6) and its quote (row 7).
        v.move_by(4, 3);
        assert_eq!(v.selected, 6);
        assert_eq!(v.offset, 5);
        // Back up to the first head: the view follows.
        v.move_by(-4, 3);
        assert_eq!(v.offset, 0);
        // A passage with more rows than fit keeps its own row first.
        v.move_by(1, 2);
        assert_eq!((v.selected, v.offset), (2, 2));
    }
}
