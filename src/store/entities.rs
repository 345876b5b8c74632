//! Entities (a canonical name, a type, aliases across scripts, a note) and their mentions
//! (an entity at an anchor in a document). Every method that changes something is one
//! journaled step.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::columns::{ANCHOR_COLUMNS, anchor_from_row, anchor_values, int, text};
use super::journal::Change;
use super::{Anchor, Store, StoreError};

/// An entity to create, or to add to when one of that name and type exists.
#[derive(Debug, Clone, Copy)]
pub struct NewEntity<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub aliases: &'a [String],
    pub note: &'a str,
}

/// An entity as stored, with counts of its mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub note: String,
    pub mentions: usize,
    /// Documents with at least one mention.
    pub docs: usize,
}

impl Entity {
    /// Whether this entity is called `name`: its name or one of its aliases is the same name
    /// ([`crate::text::names::same_name`]).
    pub fn is_called(&self, name: &str) -> bool {
        let key = crate::text::names::name_key(name);
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .any(|n| crate::text::names::name_key(n) == key)
    }
}

/// The entity of type `kind` called `name` among `entities`, if there is one: tagging a name
/// or an alias of an entity adds to that entity.
pub fn find_entity<'a>(entities: &'a [Entity], name: &str, kind: &str) -> Option<&'a Entity> {
    entities
        .iter()
        .find(|e| e.kind == kind && e.is_called(name))
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub id: i64,
    pub entity: i64,
    pub doc: String,
    pub anchor: Anchor,
    /// Its passage was not found again after the document changed: kept, not shown in
    /// place.
    pub orphaned: bool,
}

/// What a tagging did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub entity: i64,
    /// The entity was new.
    pub created: bool,
    /// Mentions added, and those that were already there.
    pub added: usize,
    pub already: usize,
    pub aliases_added: usize,
}

fn mention_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Mention> {
    Ok(Mention {
        id: row.get(0)?,
        entity: row.get(1)?,
        doc: row.get(2)?,
        anchor: anchor_from_row(row, 3)?,
        orphaned: row.get(9)?,
    })
}

/// The columns `mention_from_row` reads.
fn mention_columns() -> String {
    format!("id, entity, doc, {ANCHOR_COLUMNS}, orphaned")
}

impl Store {
    /// Tags `mentions` (document id and anchor) as `entity`, creating the entity or adding
    /// its new aliases; mentions already there are counted, not doubled. One step.
    pub fn tag(
        &mut self,
        entity: &NewEntity<'_>,
        mentions: &[(String, Anchor)],
        summary: &str,
    ) -> Result<Tagged, StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        let tagged = tag_in(&mut change, entity, mentions)?;
        change.commit(&author, summary)?;
        Ok(tagged)
    }

    /// Every entity, by type then name, with its aliases and counts.
    pub fn entities(&self) -> Result<Vec<Entity>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT e.id, e.name, e.type, e.note,
                    (SELECT COUNT(*) FROM mention m WHERE m.entity = e.id),
                    (SELECT COUNT(DISTINCT doc) FROM mention m WHERE m.entity = e.id)
             FROM entity e ORDER BY e.type, e.name, e.id",
        )?;
        let mut entities: Vec<Entity> = statement
            .query_map([], |row| {
                Ok(Entity {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    note: row.get(3)?,
                    aliases: Vec::new(),
                    mentions: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
                    docs: usize::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut aliases = self
            .conn
            .prepare("SELECT alias FROM alias WHERE entity = ?1 ORDER BY id")?;
        for entity in &mut entities {
            entity.aliases = aliases
                .query_map([entity.id], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
        }
        Ok(entities)
    }

    /// The mentions of entity `id`, by document and position.
    pub fn mentions(&self, id: i64) -> Result<Vec<Mention>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {} FROM mention WHERE entity = ?1 ORDER BY doc, byte_start",
            mention_columns()
        ))?;
        let rows = statement
            .query_map([id], mention_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The mentions in document `doc`, by position.
    pub fn mentions_in(&self, doc: &str) -> Result<Vec<Mention>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {} FROM mention WHERE doc = ?1 ORDER BY byte_start, id",
            mention_columns()
        ))?;
        let rows = statement
            .query_map([doc], mention_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Gives entity `id` a new canonical name; the old one becomes an alias.
    /// [`Store::rename_entity`], made only if the entity is still called `seen` (as the
    /// analyst saw it when the rename began): refused, saying who renamed or deleted it,
    /// otherwise.
    pub fn rename_entity_seen(
        &mut self,
        id: i64,
        seen: &str,
        name: &str,
    ) -> Result<(), StoreError> {
        let now: Option<String> = self
            .conn
            .query_row("SELECT name FROM entity WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?;
        if now.as_deref() != Some(seen) {
            let (by, at) = self.last_change("entity", id)?.unwrap_or_default();
            return Err(StoreError::ChangedMeanwhile {
                what: format!("entity {id}"),
                by,
                at,
                now: now.map_or_else(
                    || "it was deleted".to_owned(),
                    |now| format!("it is now called \u{2068}{now}\u{2069}"),
                ),
            });
        }
        self.rename_entity(id, name)
    }

    pub fn rename_entity(&mut self, id: i64, name: &str) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a name cannot be empty".to_owned()));
        }
        let author = self.author.clone();
        let mut change = self.change()?;
        let old: String = change
            .tx()
            .query_row("SELECT name FROM entity WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or(StoreError::Missing { what: "entity", id })?;
        change.update("entity", id, &[("name", text(name))])?;
        let known: bool = change.tx().query_row(
            "SELECT EXISTS (SELECT 1 FROM alias WHERE entity = ?1 AND alias = ?2)",
            params![id, old],
            |row| row.get(0),
        )?;
        if !known && old != name {
            change.insert(
                "alias",
                &[("entity", Value::Integer(id)), ("alias", text(&old))],
            )?;
        }
        change.commit(&author, &format!("rename {old} to {name}"))?;
        Ok(())
    }

    /// Adds an alias to entity `id`.
    pub fn add_alias(&mut self, id: i64, alias: &str) -> Result<(), StoreError> {
        let alias = alias.trim();
        if alias.is_empty() {
            return Err(StoreError::Invalid("an alias cannot be empty".to_owned()));
        }
        let author = self.author.clone();
        let mut change = self.change()?;
        change.insert(
            "alias",
            &[("entity", Value::Integer(id)), ("alias", text(alias))],
        )?;
        change.commit(&author, &format!("alias {alias}"))?;
        Ok(())
    }

    /// Sets the note of entity `id`.
    pub fn set_note(&mut self, id: i64, note: &str) -> Result<(), StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        change.update("entity", id, &[("note", text(note.trim()))])?;
        change.commit(&author, "note")?;
        Ok(())
    }

    /// Deletes entity `id` with its aliases and mentions (one step).
    pub fn delete_entity(&mut self, id: i64) -> Result<(), StoreError> {
        let author = self.author.clone();
        let mut change = self.change()?;
        let name: String = change
            .tx()
            .query_row("SELECT name FROM entity WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or(StoreError::Missing { what: "entity", id })?;
        for table in ["mention", "alias"] {
            let ids: Vec<i64> = change
                .tx()
                .prepare(&format!("SELECT id FROM {table} WHERE entity = ?1"))?
                .query_map([id], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            for row in ids {
                change.delete(table, row)?;
            }
        }
        change.delete("entity", id)?;
        change.commit(&author, &format!("delete {name}"))?;
        Ok(())
    }

    /// Merges entity `from` into `into`: its mentions move, its name and aliases become
    /// aliases, and it is deleted (one step).
    pub fn merge(&mut self, from: i64, into: i64) -> Result<(), StoreError> {
        if from == into {
            return Err(StoreError::Invalid(
                "an entity cannot be merged into itself".to_owned(),
            ));
        }
        let author = self.author.clone();
        let mut change = self.change()?;
        let name_of = |change: &Change<'_>, id: i64| -> Result<String, StoreError> {
            change
                .tx()
                .query_row("SELECT name FROM entity WHERE id = ?1", [id], |row| {
                    row.get(0)
                })
                .optional()?
                .ok_or(StoreError::Missing { what: "entity", id })
        };
        let from_name = name_of(&change, from)?;
        let into_name = name_of(&change, into)?;
        let mut names: Vec<(Option<i64>, String)> = vec![(None, from_name.clone())];
        let aliases: Vec<(i64, String)> = change
            .tx()
            .prepare("SELECT id, alias FROM alias WHERE entity = ?1")?
            .query_map([from], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        names.extend(aliases.into_iter().map(|(id, alias)| (Some(id), alias)));
        for (alias_row, alias) in names {
            if let Some(row) = alias_row {
                change.delete("alias", row)?;
            }
            let known: bool = change.tx().query_row(
                "SELECT EXISTS (SELECT 1 FROM alias WHERE entity = ?1 AND alias = ?2)",
                params![into, alias],
                |row| row.get(0),
            )?;
            if !known && alias != into_name {
                change.insert(
                    "alias",
                    &[("entity", Value::Integer(into)), ("alias", text(&alias))],
                )?;
            }
        }
        let mentions: Vec<(i64, String, i64, i64)> = change
            .tx()
            .prepare("SELECT id, doc, byte_start, byte_end FROM mention WHERE entity = ?1")?
            .query_map([from], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        for (id, doc, start, end) in mentions {
            if has_mention(&change, into, &doc, start, end)? {
                change.delete("mention", id)?;
            } else {
                change.update("mention", id, &[("entity", Value::Integer(into))])?;
            }
        }
        change.delete("entity", from)?;
        change.commit(&author, &format!("merge {from_name} into {into_name}"))?;
        Ok(())
    }
}

/// Whether entity `entity` has a mention at bytes `start..end` of `doc` already.
pub(super) fn has_mention(
    change: &Change<'_>,
    entity: i64,
    doc: &str,
    start: impl rusqlite::ToSql,
    end: impl rusqlite::ToSql,
) -> Result<bool, StoreError> {
    // `+entity` keeps SQLite off the index by entity, which it would otherwise choose: in a
    // tag-all every new mention was then compared with each one the step had added before
    // it (10,000 mentions: 3.8 s, two thirds of it here). By document and start, a lookup
    // reads a row or two (196 ms).
    Ok(change.tx().query_row(
        "SELECT EXISTS (SELECT 1 FROM mention
         WHERE +entity = ?1 AND doc = ?2 AND byte_start = ?3 AND byte_end = ?4)",
        params![entity, doc, start, end],
        |row| row.get(0),
    )?)
}

/// The work of `Store::tag` inside an open change (tag-all and import share it).
pub(super) fn tag_in(
    change: &mut Change<'_>,
    entity: &NewEntity<'_>,
    mentions: &[(String, Anchor)],
) -> Result<Tagged, StoreError> {
    let name = entity.name.trim();
    let kind = entity.kind.trim();
    if name.is_empty() || kind.is_empty() {
        return Err(StoreError::Invalid(
            "an entity needs a name and a type".to_owned(),
        ));
    }
    let existing: Option<i64> = change
        .tx()
        .query_row(
            "SELECT id FROM entity WHERE name = ?1 AND type = ?2",
            params![name, kind],
            |row| row.get(0),
        )
        .optional()?;
    let (id, created) = match existing {
        Some(id) => (id, false),
        None => (
            change.insert(
                "entity",
                &[
                    ("name", text(name)),
                    ("type", text(kind)),
                    ("note", text(entity.note)),
                ],
            )?,
            true,
        ),
    };
    let mut aliases_added = 0;
    for alias in entity.aliases {
        let alias = alias.trim();
        if alias.is_empty() || alias == name {
            continue;
        }
        let known: bool = change.tx().query_row(
            "SELECT EXISTS (SELECT 1 FROM alias WHERE entity = ?1 AND alias = ?2)",
            params![id, alias],
            |row| row.get(0),
        )?;
        if !known {
            change.insert(
                "alias",
                &[("entity", Value::Integer(id)), ("alias", text(alias))],
            )?;
            aliases_added += 1;
        }
    }
    let (mut added, mut already) = (0, 0);
    for (doc, anchor) in mentions {
        if has_mention(
            change,
            id,
            doc,
            int(anchor.byte_start),
            int(anchor.byte_end),
        )? {
            already += 1;
            continue;
        }
        let mut values = vec![("entity", Value::Integer(id)), ("doc", text(doc))];
        values.extend(anchor_values(anchor));
        change.insert("mention", &values)?;
        added += 1;
    }
    Ok(Tagged {
        entity: id,
        created,
        added,
        already,
        aliases_added,
    })
}
