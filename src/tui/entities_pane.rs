//! The entities pane's state: the store's entities grouped by type (in the order of the
//! workspace's types), each with its mention and document counts; Enter lists one entity's
//! mentions in context, and Enter on a mention opens it in the reader.

use super::list::{moved, scrolled};
use crate::store::{Entity, Mention};

/// A row of the entity list: a type's heading or an entity (an index into `entities`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Heading(usize),
    Entity(usize),
}

/// The mentions of one entity, shown in place of the list.
#[derive(Debug, Clone, Default)]
pub struct MentionList {
    pub entity: i64,
    pub mentions: Vec<Mention>,
    pub selected: usize,
    pub offset: usize,
}

/// The entities pane.
#[derive(Debug, Default)]
pub struct EntitiesPane {
    /// In type order, then by name.
    pub entities: Vec<Entity>,
    /// Each type's name, in the workspace's order (unknown types go last).
    pub types: Vec<String>,
    pub rows: Vec<Row>,
    /// The selected row (always an entity row when there is one).
    pub selected: usize,
    pub offset: usize,
    /// The mentions of the entity opened with Enter.
    pub mentions: Option<MentionList>,
    /// The store has answered at least once.
    pub loaded: bool,
}

impl EntitiesPane {
    pub fn new(types: Vec<String>) -> EntitiesPane {
        EntitiesPane {
            types,
            ..EntitiesPane::default()
        }
    }

    /// Takes a fresh list from the store, keeping the selected entity selected.
    pub fn receive(&mut self, mut entities: Vec<Entity>) {
        let keep = self.selected_entity().map(|e| e.id);
        let rank = |kind: &str| {
            self.types
                .iter()
                .position(|t| t == kind)
                .unwrap_or(self.types.len())
        };
        entities.sort_by(|a, b| {
            (rank(&a.kind), &a.kind, &a.name, a.id).cmp(&(rank(&b.kind), &b.kind, &b.name, b.id))
        });
        self.entities = entities;
        self.loaded = true;
        self.rows.clear();
        let mut last_kind: Option<&str> = None;
        for (i, entity) in self.entities.iter().enumerate() {
            if last_kind != Some(entity.kind.as_str()) {
                self.rows.push(Row::Heading(i));
                last_kind = Some(&entity.kind);
            }
            self.rows.push(Row::Entity(i));
        }
        let again = keep.and_then(|id| {
            self.rows
                .iter()
                .position(|r| matches!(r, Row::Entity(i) if self.entities[*i].id == id))
        });
        self.selected = again.unwrap_or(0);
        self.snap(1);
        // How many rows fit is the view's to know: it scrolls the selection into view
        // (`view_offset`); here the list only never starts below the selection.
        self.offset = self.offset.min(self.top_row());
        if let Some(list) = &self.mentions
            && !self.entities.iter().any(|e| e.id == list.entity)
        {
            self.mentions = None;
        }
    }

    pub fn selected_entity(&self) -> Option<&Entity> {
        match self.rows.get(self.selected) {
            Some(Row::Entity(i)) => self.entities.get(*i),
            _ => None,
        }
    }

    /// The entity of the open mention list.
    pub fn listed_entity(&self) -> Option<&Entity> {
        let list = self.mentions.as_ref()?;
        self.entities.iter().find(|e| e.id == list.entity)
    }

    /// Moves the selection by `delta` rows (skipping headings); `visible` rows fit.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        if let Some(list) = self.mentions.as_mut() {
            if list.mentions.is_empty() {
                return;
            }
            list.selected = moved(list.selected, delta, list.mentions.len());
            let visible = (visible / 2).max(1);
            list.offset = scrolled(list.offset, list.selected, visible);
            return;
        }
        if self.rows.is_empty() {
            return;
        }
        self.selected = moved(self.selected, delta, self.rows.len());
        self.settle(if delta < 0 { -1 } else { 1 }, visible);
    }

    /// Puts the selection on an entity row (looking in `direction` first) and in view.
    fn settle(&mut self, direction: isize, visible: usize) {
        self.snap(direction);
        self.offset = self.view_offset(visible);
    }

    /// The first row to draw when `visible` rows fit: the selection in view, with the
    /// heading above the first entity.
    pub fn view_offset(&self, visible: usize) -> usize {
        scrolled(self.offset, self.top_row(), visible).min(self.selected)
    }

    /// The row that must be in view for the selection: the heading above the first entity.
    fn top_row(&self) -> usize {
        if self.selected == 1 { 0 } else { self.selected }
    }

    /// Puts the selection on an entity row, looking in `direction` first.
    fn snap(&mut self, direction: isize) {
        if matches!(self.rows.get(self.selected), Some(Row::Heading(_))) {
            let forward =
                (self.selected..self.rows.len()).find(|&r| matches!(self.rows[r], Row::Entity(_)));
            let backward = (0..self.selected)
                .rev()
                .find(|&r| matches!(self.rows[r], Row::Entity(_)));
            self.selected = if direction < 0 {
                backward.or(forward)
            } else {
                forward.or(backward)
            }
            .unwrap_or(0);
        }
    }

    /// Shows the mentions of the selected entity (they come from the store).
    pub fn open_mentions(&mut self, mentions: Vec<Mention>, entity: i64) {
        if self.loaded && !self.entities.iter().any(|e| e.id == entity) {
            return;
        }
        let keep = self
            .mentions
            .as_ref()
            .filter(|l| l.entity == entity)
            .map_or(0, |l| l.selected);
        self.mentions = Some(MentionList {
            entity,
            selected: keep.min(mentions.len().saturating_sub(1)),
            offset: 0,
            mentions,
        });
    }

    pub fn selected_mention(&self) -> Option<&Mention> {
        let list = self.mentions.as_ref()?;
        list.mentions.get(list.selected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: i64, name: &str, kind: &str) -> Entity {
        Entity {
            id,
            name: name.to_owned(),
            kind: kind.to_owned(),
            aliases: Vec::new(),
            note: String::new(),
            mentions: 1,
            docs: 1,
        }
    }

    #[test]
    fn names_arriving_from_elsewhere_are_all_in_view() {
        // Another process tags two names of types listed before the selected one's: the
        // selection stays on its entity, and the list still starts at the top.
        let types = ["PER", "ORG", "LOC"].map(str::to_owned).to_vec();
        let mut pane = EntitiesPane::new(types);
        pane.receive(vec![entity(1, "روسيا", "LOC")]);
        assert_eq!(pane.selected_entity().map(|e| e.id), Some(1));
        pane.receive(vec![
            entity(1, "روسيا", "LOC"),
            entity(2, "تعترف", "PER"),
            entity(3, "موسكو", "ORG"),
        ]);
        assert_eq!(pane.selected_entity().map(|e| e.id), Some(1));
        assert_eq!(pane.selected, 5);
        assert_eq!(pane.view_offset(20), 0, "all six rows fit");
        assert_eq!(
            pane.view_offset(3),
            3,
            "the selection in view when they do not"
        );
    }
}
