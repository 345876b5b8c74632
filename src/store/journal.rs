//! The journal: every user action is one step, a list of row changes (table, id, the row
//! before and after as JSON). Undo applies the `before` images in reverse order; redo the
//! `after` images in order. Steps are `done`, `undone` (redo-able) or `dropped` (undone and
//! then overtaken by a new action). The journal lives in the same database and is written in
//! the same transaction as the change, so an acknowledged action and its undo never part.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Map, Number};

use super::StoreError;
use super::schema::JOURNALED;
use crate::team::{Remote, RowChange};

/// A row as the journal keeps it: column name to value.
type Image = Map<String, serde_json::Value>;

/// One change being made: the open transaction and the rows it touched so far, and in a
/// team's workspace the team database it goes to.
pub struct Change<'c> {
    tx: Transaction<'c>,
    rows: Vec<(&'static str, i64, Option<Image>, Option<Image>)>,
    remote: Option<&'c mut Remote>,
}

fn check_table(table: &'static str) -> &'static str {
    assert!(JOURNALED.contains(&table), "not a journaled table: {table}");
    table
}

fn to_json(value: Value) -> serde_json::Value {
    match value {
        Value::Null | Value::Blob(_) => serde_json::Value::Null,
        Value::Integer(i) => serde_json::Value::Number(i.into()),
        Value::Real(f) => {
            Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        Value::Text(s) => serde_json::Value::String(s),
    }
}

fn to_sql(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Number(n) => n.as_i64().map_or_else(
            || Value::Real(n.as_f64().unwrap_or_default()),
            Value::Integer,
        ),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        _ => Value::Null,
    }
}

/// The row `id` of `table` as an image, if it exists.
fn image(tx: &Transaction<'_>, table: &'static str, id: i64) -> Result<Option<Image>, StoreError> {
    let mut statement = tx.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = statement
        .column_names()
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    let row = statement
        .query_row([id], |row| {
            let mut image = Image::new();
            for (i, name) in names.iter().enumerate() {
                image.insert(name.clone(), to_json(row.get::<_, Value>(i)?));
            }
            Ok(image)
        })
        .optional()?;
    Ok(row)
}

/// Puts `image` in place of row `id` (or removes the row when `None`).
fn restore(
    tx: &Transaction<'_>,
    table: &'static str,
    id: i64,
    image: Option<&Image>,
) -> Result<(), StoreError> {
    match image {
        None => {
            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        }
        Some(image) => {
            // Update in place when the row is there (never delete a row others point at),
            // insert it otherwise.
            let columns: Vec<&str> = image.keys().map(String::as_str).collect();
            let values: Vec<Value> = image.values().map(to_sql).collect();
            let sets: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 2))
                .collect();
            let mut all = vec![Value::Integer(id)];
            all.extend(values.iter().cloned());
            let updated = tx.execute(
                &format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", ")),
                rusqlite::params_from_iter(all),
            )?;
            if updated == 0 {
                let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
                tx.execute(
                    &format!(
                        "INSERT INTO {table} ({}) VALUES ({})",
                        columns.join(", "),
                        marks.join(", ")
                    ),
                    rusqlite::params_from_iter(values),
                )?;
            }
        }
    }
    Ok(())
}

impl<'c> Change<'c> {
    pub fn new(tx: Transaction<'c>, remote: Option<&'c mut Remote>) -> Change<'c> {
        Change {
            tx,
            rows: Vec::new(),
            remote,
        }
    }

    /// The transaction, for reads inside the change.
    pub fn tx(&self) -> &Transaction<'c> {
        &self.tx
    }

    /// Inserts a row; returns its id.
    pub fn insert(
        &mut self,
        table: &'static str,
        values: &[(&str, Value)],
    ) -> Result<i64, StoreError> {
        let table = check_table(table);
        let mut columns: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
        let mut values: Vec<Value> = values.iter().map(|(_, v)| v.clone()).collect();
        // In a team the database hands out ids, so two members never make the same one.
        if let Some(remote) = self.remote.as_mut() {
            columns.push("id");
            values.push(Value::Integer(remote.take_id(table)?));
        }
        let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            columns.join(", "),
            marks.join(", ")
        );
        self.tx.execute(&sql, rusqlite::params_from_iter(values))?;
        let id = self.tx.last_insert_rowid();
        let after = image(&self.tx, table, id)?;
        self.rows.push((table, id, None, after));
        Ok(id)
    }

    /// Sets columns of row `id`.
    pub fn update(
        &mut self,
        table: &'static str,
        id: i64,
        values: &[(&str, Value)],
    ) -> Result<(), StoreError> {
        let table = check_table(table);
        let before = image(&self.tx, table, id)?;
        if before.is_none() {
            return Err(StoreError::Missing { what: table, id });
        }
        let sets: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
            .collect();
        let sql = format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "));
        let mut all = vec![Value::Integer(id)];
        all.extend(values.iter().map(|(_, v)| v.clone()));
        self.tx.execute(&sql, rusqlite::params_from_iter(all))?;
        let after = image(&self.tx, table, id)?;
        self.rows.push((table, id, before, after));
        Ok(())
    }

    /// Deletes row `id`.
    pub fn delete(&mut self, table: &'static str, id: i64) -> Result<(), StoreError> {
        let table = check_table(table);
        let before = image(&self.tx, table, id)?;
        if before.is_none() {
            return Err(StoreError::Missing { what: table, id });
        }
        self.tx
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        self.rows.push((table, id, before, None));
        Ok(())
    }

    /// Records the step and commits: when this returns, the change is on disk. A change
    /// that touched nothing records nothing.
    ///
    /// In a team's workspace the step is pushed to the team database first, in one
    /// transaction there; only once it is committed there is it committed here. A conflict
    /// with another member's change, or a database out of reach, leaves both as they were.
    pub fn commit(mut self, author: &str, summary: &str) -> Result<Option<i64>, StoreError> {
        if self.rows.is_empty() {
            if let Some(remote) = self.remote.as_mut() {
                remote.end_change();
            }
            self.tx.commit()?;
            return Ok(None);
        }
        let time = super::now();
        let step = match self.remote.take() {
            None => {
                // A new action: what was undone can no longer be redone.
                self.tx.execute(
                    "UPDATE journal SET state = 'dropped' WHERE state = 'undone'",
                    [],
                )?;
                self.tx.execute(
                    "INSERT INTO journal (time, author, summary, state) VALUES (?1, ?2, ?3, 'done')",
                    params![time, author, summary],
                )?;
                self.tx.last_insert_rowid()
            }
            Some(remote) => self.push(remote, &time, author, summary)?,
        };
        {
            let mut insert = self.tx.prepare_cached(
                "INSERT INTO journal_row (step, seq, tbl, row, before, after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (seq, (table, id, before, after)) in self.rows.iter().enumerate() {
                let json = |image: &Option<Image>| {
                    image
                        .as_ref()
                        .map(|i| serde_json::Value::Object(i.clone()).to_string())
                };
                insert.execute(params![
                    step,
                    i64::try_from(seq).unwrap_or(i64::MAX),
                    table,
                    id,
                    json(before),
                    json(after)
                ])?;
            }
        }
        self.tx.commit()?;
        Ok(Some(step))
    }
}

impl Change<'_> {
    /// Pushes the step to the team database, then records it here as the database did:
    /// under the database's step id, with the versions it gave the rows.
    fn push(
        &mut self,
        remote: &mut Remote,
        time: &str,
        author: &str,
        summary: &str,
    ) -> Result<i64, StoreError> {
        let mut changes = Vec::with_capacity(self.rows.len());
        for (table, id, before, after) in &self.rows {
            changes.push(RowChange {
                table,
                id: *id,
                expected: if before.is_some() {
                    super::mirror::seen_version(&self.tx, table, *id)?
                } else {
                    None
                },
                before: before.as_ref(),
                after: after.as_ref(),
            });
        }
        let pushed = remote.push(author, time, summary, &changes)?;
        // This author's undone steps were dropped there too.
        self.tx.execute(
            "UPDATE journal SET state = 'dropped' WHERE state = 'undone' AND author = ?1",
            [author],
        )?;
        self.tx.execute(
            "INSERT INTO journal (id, time, author, summary, state) VALUES (?1, ?2, ?3, ?4, 'done')",
            params![pushed.step, time, author, summary],
        )?;
        super::mirror::record_versions(&self.tx, &pushed.rows)?;
        Ok(pushed.step)
    }
}

/// Which way to move through the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// Undoes the newest done step, or redoes the oldest undone one, in `tx`; returns the step's
/// summary, or `None` when there is nothing to do.
pub fn travel(tx: &Transaction<'_>, direction: Direction) -> Result<Option<String>, StoreError> {
    let pick = match direction {
        Direction::Undo => {
            "SELECT id, summary FROM journal WHERE state = 'done' ORDER BY id DESC LIMIT 1"
        }
        Direction::Redo => {
            "SELECT id, summary FROM journal WHERE state = 'undone' ORDER BY id ASC LIMIT 1"
        }
    };
    let Some((step, summary)) = tx
        .query_row(pick, [], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let order = if direction == Direction::Undo {
        "DESC"
    } else {
        "ASC"
    };
    let rows: Vec<(String, i64, Option<String>, Option<String>)> = tx
        .prepare(&format!(
            "SELECT tbl, row, before, after FROM journal_row WHERE step = ?1 ORDER BY seq {order}"
        ))?
        .query_map([step], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    for (table, id, before, after) in rows {
        let table = JOURNALED.iter().find(|t| **t == table).ok_or_else(|| {
            StoreError::Corrupt(format!("the journal names an unknown table {table:?}"))
        })?;
        let target = if direction == Direction::Undo {
            before
        } else {
            after
        };
        let image = target
            .map(
                |text| match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(serde_json::Value::Object(map)) => Ok(map),
                    _ => Err(StoreError::Corrupt(format!(
                        "journal step {step} holds a row that is not JSON"
                    ))),
                },
            )
            .transpose()?;
        restore(tx, table, id, image.as_ref())?;
    }
    let state = if direction == Direction::Undo {
        "undone"
    } else {
        "done"
    };
    tx.execute(
        "UPDATE journal SET state = ?1 WHERE id = ?2",
        params![state, step],
    )?;
    Ok(Some(summary))
}

/// Who made a row and when, and when it last changed, as the journal records it: the
/// author and time of the first and the last step in force (`done`) that touched the row.
/// The tables keep no author, and only claims keep times; the journal has both for every
/// row, so exports read them here rather than from new columns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    pub creator: String,
    /// RFC 3339, UTC.
    pub created: String,
    pub modified: String,
}

impl super::Store {
    /// Who made the last change in force to row `id` of `table`, and when (RFC 3339, UTC).
    pub fn last_change(
        &self,
        table: &'static str,
        id: i64,
    ) -> Result<Option<(String, String)>, StoreError> {
        let table = check_table(table);
        Ok(self
            .conn
            .query_row(
                "SELECT j.author, j.time FROM journal_row r JOIN journal j ON j.id = r.step
                 WHERE r.tbl = ?1 AND r.row = ?2 AND j.state = 'done'
                 ORDER BY j.id DESC LIMIT 1",
                params![table, id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// The [`Provenance`] of every row of `table` the journal knows, by row id. A row from
    /// before the journal, or whose steps were all undone, has none.
    pub fn provenance(
        &self,
        table: &'static str,
    ) -> Result<std::collections::HashMap<i64, Provenance>, StoreError> {
        let table = check_table(table);
        let mut statement = self.conn.prepare_cached(
            "SELECT r.row, j.time, j.author FROM journal_row r JOIN journal j ON j.id = r.step
             WHERE r.tbl = ?1 AND j.state = 'done' ORDER BY r.row, j.id, r.seq",
        )?;
        let mut rows = statement.query([table])?;
        let mut known = std::collections::HashMap::new();
        while let Some(row) = rows.next()? {
            let (id, time, author): (i64, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
            known
                .entry(id)
                .and_modify(|p: &mut Provenance| p.modified.clone_from(&time))
                .or_insert(Provenance {
                    creator: author,
                    created: time.clone(),
                    modified: time,
                });
        }
        Ok(known)
    }
}
