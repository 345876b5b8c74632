//! Entities in the workbench: tagging in the reader (`t`, `T` and the type's key), the
//! tag-all preview, the entities pane, and what the store answers. Every change is an
//! `Effect::Store`; the store thread answers with the new state and a status message.

use super::{App, Focus, Mode};
use crate::store::Entity;
use crate::text::names::same_name;
use crate::tui::action::Action;
use crate::tui::entities_pane::EntitiesPane;
use crate::tui::key::Key;
use crate::tui::msg::{Effect, IndexJob, Msg, StoreAction, TagAllRequest};
use crate::tui::preview::{ROWS_PER_ITEM, TagPreview};
use crate::tui::strings;

/// The entity called `name` (or with it as an alias) of type `kind`.
fn known<'a>(entities: &'a EntitiesPane, name: &str, kind: &str) -> Option<&'a Entity> {
    crate::store::find_entity(&entities.entities, name, kind)
}

impl App {
    /// Answers from the store and from the search for occurrences.
    pub(super) fn annotations(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Entities(entities) => self.entities.receive(entities),
            Msg::Mentions { doc, mentions } => self.reader.set_mentions(&doc, mentions),
            Msg::EntityMentions { entity, mentions } => {
                self.entities.open_mentions(mentions, entity);
            }
            Msg::Stored(Ok(message)) => self.say(message),
            Msg::Stored(Err(message)) => self.error(message),
            Msg::Occurrences { request, found } => match found {
                Ok(found) if found.is_empty() => {
                    self.say(strings::occurs_nowhere(&request.name));
                }
                Ok(found) if found.iter().all(|(_, tagged)| *tagged) => {
                    self.say(strings::all_tagged_already(&request.name, found.len()));
                }
                Ok(found) => {
                    let preview = TagPreview::new(request, found);
                    let new = preview.items.len() - preview.tagged();
                    self.say(strings::preview_opened(new, preview.documents()));
                    self.mode = Mode::Preview(preview);
                }
                Err(message) => self.error(message),
            },
            _ => {}
        }
        Vec::new()
    }

    /// `E`: the entities pane, or back to the search.
    pub(super) fn toggle_entities(&mut self) {
        if self.focus() == Focus::Entities {
            self.focus_on(Focus::Results);
        } else {
            self.focus_on(Focus::Entities);
            if self.entities.entities.is_empty() {
                self.say(strings::NO_ENTITIES_YET);
            }
        }
    }

    /// `t` / `T` in the reader: remembers what to tag and asks for the type.
    pub(super) fn begin_tag(&mut self, all: bool) {
        let Some(range) = self.reader.tag_range() else {
            self.say(strings::NOTHING_TO_TAG);
            return;
        };
        self.ask_tag_type(range, all);
    }

    /// The open document's bytes `range` to tag, selected and named on the status line:
    /// the next key names the type.
    pub(super) fn offer_tag(&mut self, range: std::ops::Range<usize>) {
        self.reader.select_range(range.clone());
        let name = self
            .reader
            .open
            .as_ref()
            .and_then(|o| o.document.text().get(range.clone()).map(str::to_owned));
        self.ask_tag_type(range, false);
        if let Some(name) = name {
            let keys: Vec<String> = self
                .entity_types
                .iter()
                .map(|t| format!("{} {}", t.key, t.name))
                .collect();
            self.say(strings::tag_name_as(&name, &keys.join(" · ")));
        }
    }

    fn ask_tag_type(&mut self, range: std::ops::Range<usize>, all: bool) {
        self.mode = Mode::TagType { range, all };
        let keys: Vec<String> = self
            .entity_types
            .iter()
            .map(|t| format!("{} {}", t.key, t.name))
            .collect();
        self.say(strings::tag_as(all, &keys.join(" · ")));
    }

    /// The key after `t`/`T`: a type's key tags, anything else cancels.
    pub(super) fn tag_type_key(&mut self, key: Key) -> Vec<Effect> {
        let Mode::TagType { range, all } = std::mem::replace(&mut self.mode, Mode::Panes) else {
            return Vec::new();
        };
        let kind = match key.typed() {
            Some(c) => self.entity_types.iter().find(|t| t.key == c),
            None => None,
        };
        let (Some(kind), Some(open)) = (kind.map(|t| t.name.clone()), self.reader.open.as_ref())
        else {
            self.say(strings::TAGGING_CANCELLED);
            return Vec::new();
        };
        let text = open.layout.text();
        let Some(selected) = text.get(range.clone()) else {
            return Vec::new();
        };
        let name = selected.split_whitespace().collect::<Vec<_>>().join(" ");
        // Tagging an alias adds to its entity.
        let entity = known(&self.entities, &name, &kind);
        let canonical = entity.map_or_else(|| name.clone(), |e| e.name.clone());
        if all {
            let mut names = vec![canonical.clone()];
            names.extend(entity.map(|e| e.aliases.clone()).unwrap_or_default());
            if !names.iter().any(|n| same_name(n, &name)) {
                names.push(name);
            }
            self.reader.clear_selection();
            return self.find_all(canonical, kind, names);
        }
        let anchor = match crate::store::Anchor::new(text, range, &open.document.hash) {
            Ok(anchor) => anchor,
            Err(e) => {
                self.error(e.to_string());
                return Vec::new();
            }
        };
        let doc = open.document.id.clone();
        self.reader.clear_selection();
        // A name of a known entity, however written, adds to it: no alias is made of it.
        vec![Effect::Store(StoreAction::Tag {
            summary: strings::tag_summary(&canonical, &kind),
            name: canonical,
            kind,
            aliases: Vec::new(),
            mentions: vec![(doc, anchor)],
        })]
    }

    fn find_all(&mut self, name: String, kind: String, names: Vec<String>) -> Vec<Effect> {
        self.say(strings::finding_every(&names.join(" / ")));
        vec![Effect::Index(IndexJob::FindOccurrences(TagAllRequest {
            name,
            kind,
            names,
        }))]
    }

    /// Rows the entities pane shows.
    pub(super) fn entity_rows(&self) -> usize {
        self.areas
            .map_or(1, |a| usize::from(a.results.height + 1).max(1))
    }

    pub(super) fn act_entities(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.entity_rows();
        let page = super::signed(rows);
        match action {
            Action::MoveDown => self.entities.move_by(1, rows),
            Action::MoveUp => self.entities.move_by(-1, rows),
            Action::PageDown => self.entities.move_by(page, rows),
            Action::PageUp => self.entities.move_by(-page, rows),
            Action::First => self.entities.move_by(isize::MIN / 2, rows),
            Action::Last => self.entities.move_by(isize::MAX / 2, rows),
            Action::Open => return self.open_entity(),
            Action::Cancel => match self.entities.mentions.take() {
                Some(_) => {}
                None => self.toggle_entities(),
            },
            Action::Rename | Action::AddAlias | Action::Merge => {
                let Some(entity) = self.current_entity() else {
                    self.say(strings::NO_ENTITY_SELECTED);
                    return Vec::new();
                };
                let line = match action {
                    Action::Rename => format!("rename {}", entity.name),
                    Action::AddAlias => "alias ".to_owned(),
                    _ => "merge ".to_owned(),
                };
                let seen = (action == Action::Rename).then(|| (entity.id, entity.name.clone()));
                self.open_command(&line);
                if let Mode::Command(command) = &mut self.mode {
                    command.entity = seen;
                }
            }
            Action::Delete => {
                if let Some(entity) = self.current_entity() {
                    let id = entity.id;
                    self.entities.mentions = None;
                    return vec![Effect::Store(StoreAction::Delete { id })];
                }
            }
            Action::FilterResults => {
                if let Some(entity) = self.current_entity() {
                    let query = if entity.name.contains(char::is_whitespace) {
                        format!("entity:\"{}\"", entity.name)
                    } else {
                        format!("entity:{}", entity.name)
                    };
                    self.search.input.set(&query);
                    self.focus_on(Focus::Results);
                    return vec![self.search.search(true)];
                }
            }
            Action::TagAll => {
                if let Some(entity) = self.current_entity() {
                    let mut names = vec![entity.name.clone()];
                    names.extend(entity.aliases.iter().cloned());
                    let (name, kind) = (entity.name.clone(), entity.kind.clone());
                    return self.find_all(name, kind, names);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The entity the pane is about: the one whose mentions are listed, else the selected.
    pub(super) fn current_entity(&self) -> Option<&Entity> {
        self.entities
            .listed_entity()
            .or_else(|| self.entities.selected_entity())
    }

    fn open_entity(&mut self) -> Vec<Effect> {
        if let Some(mention) = self.entities.selected_mention() {
            let (doc, caret) = (mention.doc.clone(), mention.anchor.byte_start);
            self.remember_place();
            return vec![self.load(doc, Some(caret))];
        }
        match self.entities.selected_entity() {
            Some(entity) => vec![Effect::Store(StoreAction::EntityMentions {
                entity: entity.id,
            })],
            None => Vec::new(),
        }
    }

    /// Hits the preview shows at once.
    pub(super) fn preview_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6) / ROWS_PER_ITEM).max(1)
    }

    pub(super) fn act_preview(&mut self, action: Action) -> Vec<Effect> {
        let visible = self.preview_rows();
        let Mode::Preview(preview) = &mut self.mode else {
            return Vec::new();
        };
        let page = super::signed(visible);
        match action {
            Action::MoveDown => preview.move_by(1, visible),
            Action::MoveUp => preview.move_by(-1, visible),
            Action::PageDown => preview.move_by(page, visible),
            Action::PageUp => preview.move_by(-page, visible),
            Action::First => preview.move_by(isize::MIN / 2, visible),
            Action::Last => preview.move_by(isize::MAX / 2, visible),
            Action::Toggle => preview.toggle(visible),
            Action::AcceptAll => preview.set_all(true),
            Action::RejectAll => preview.set_all(false),
            Action::Cancel => {
                self.mode = Mode::Panes;
                self.say(strings::NOTHING_TAGGED);
            }
            Action::Execute => {
                let Mode::Preview(preview) = std::mem::replace(&mut self.mode, Mode::Panes) else {
                    return Vec::new();
                };
                let mentions: Vec<_> = preview
                    .items
                    .into_iter()
                    .filter(|i| i.accepted && !i.tagged)
                    .map(|i| (i.occurrence.doc, i.occurrence.anchor))
                    .collect();
                if mentions.is_empty() {
                    self.say(strings::NOTHING_ACCEPTED);
                    return Vec::new();
                }
                let request = preview.request;
                let aliases = request
                    .names
                    .into_iter()
                    .filter(|n| *n != request.name)
                    .collect();
                return vec![Effect::Store(StoreAction::Tag {
                    summary: strings::tag_all_summary(&request.name, &request.kind, mentions.len()),
                    name: request.name,
                    kind: request.kind,
                    aliases,
                    mentions,
                })];
            }
            _ => {}
        }
        Vec::new()
    }

    /// `:rename`, `:alias`, `:merge` on the entity of the entities pane.
    pub(super) fn entity_command(&mut self, command: &crate::tui::command::Command) -> Vec<Effect> {
        use crate::tui::command::Command;
        let Some(entity) = self.current_entity() else {
            self.error(strings::SELECT_AN_ENTITY);
            return Vec::new();
        };
        let id = entity.id;
        let action = match command {
            Command::Rename(name) => StoreAction::Rename {
                id,
                name: name.clone(),
                seen: None,
            },
            Command::Alias(alias) => StoreAction::AddAlias {
                id,
                alias: alias.clone(),
            },
            Command::Note(note) => StoreAction::Note {
                id,
                note: note.clone(),
            },
            Command::Merge(target) => {
                let into = self
                    .entities
                    .entities
                    .iter()
                    .find(|e| e.id != id && same_name(&e.name, target))
                    .map(|e| e.id);
                let Some(into) = into else {
                    self.error(strings::no_entity_called(target));
                    return Vec::new();
                };
                StoreAction::Merge { from: id, into }
            }
            _ => return Vec::new(),
        };
        vec![Effect::Store(action)]
    }
}
