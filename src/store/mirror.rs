//! The store as a team member's copy of the team database (`crate::team`): it catches up
//! with the team's feed, records the versions the team database gave each row (what the
//! next change of that row is checked against), and sends undo and redo there.
//!
//! Catching up is one local transaction per batch of the feed: the steps and the rows they
//! touched, as they are in the team database now, replace what the copy had. Applying the
//! same batch twice changes nothing, and a batch older than what another process of this
//! workspace already applied is not applied.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::journal::Direction;
use super::{Store, StoreError};
use crate::team::schema::{self, Kind};
use crate::team::{Fetched, Remote, Stamps};

/// The key of the last feed number the copy has applied, in `team_state`.
const LAST_SEQ: &str = "last_seq";

/// How many looks for notifications pass between two questions to the database itself
/// ([`Store::follow_team`]): a notification lost is made up for within this many looks.
const ASK_EVERY: u32 = 8;

/// The key of where the workspace has followed the team's document list to, in
/// `team_state` (`workspace::Workspace::follow_team_documents` keeps it): the last
/// document's number and path, as [`DocPosition`] writes them.
pub const LAST_DOC_SEQ: &str = "last_doc_seq";

/// Where in the team's document list a workspace is: every document up to this number and
/// path (the list's order) taken in. One share can number thousands of documents alike, so
/// the path is part of the place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocPosition {
    pub seq: i64,
    pub path: String,
}

impl DocPosition {
    /// As kept in the store: `SEQ<tab>PATH` (the number first: the path may hold anything).
    fn parse(text: &str) -> DocPosition {
        let (seq, path) = text.split_once('\t').unwrap_or((text, ""));
        DocPosition {
            seq: seq.parse().unwrap_or(0),
            path: path.to_owned(),
        }
    }

    fn write(&self) -> String {
        format!("{}\t{}", self.seq, self.path)
    }
}

/// What a look at the team database found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TeamNews {
    /// Other members' annotations were caught up with.
    pub annotations: bool,
    /// The team has shared documents this workspace has not taken in yet.
    pub documents_waiting: bool,
}

/// A store's team database, and how it is being followed.
pub(super) struct Team {
    remote: Remote,
    looks: u32,
}

impl Team {
    pub(super) fn remote(&mut self) -> &mut Remote {
        &mut self.remote
    }
}

/// The version of row `id` of `table` the copy last saw in the team database.
pub(super) fn seen_version(
    tx: &Transaction<'_>,
    table: &str,
    id: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT version FROM team_version WHERE tbl = ?1 AND row = ?2",
            params![table, id],
            |row| row.get(0),
        )
        .optional()?)
}

/// Records the versions the team database gave rows (forgetting the rows it no longer has).
pub(super) fn record_versions(tx: &Transaction<'_>, rows: &Stamps) -> Result<(), StoreError> {
    let mut set = tx.prepare_cached(
        "INSERT INTO team_version (tbl, row, version) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, row) DO UPDATE SET version = excluded.version",
    )?;
    let mut forget = tx.prepare_cached("DELETE FROM team_version WHERE tbl = ?1 AND row = ?2")?;
    for ((table, id), stamp) in rows {
        match stamp {
            Some(stamp) => set.execute(params![table, id, stamp.version])?,
            None => forget.execute(params![table, id])?,
        };
    }
    Ok(())
}

/// The last feed number applied to the copy.
fn last_seq(conn: &rusqlite::Connection) -> Result<i64, StoreError> {
    Ok(conn
        .query_row(
            "SELECT value FROM team_state WHERE key = ?1",
            [LAST_SEQ],
            |row| row.get::<_, String>(0),
        )
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// A JSON value of an image as the local column's value.
fn to_sql(kind: Kind, value: Option<&serde_json::Value>) -> Value {
    match kind {
        Kind::Int => Value::Integer(value.and_then(serde_json::Value::as_i64).unwrap_or(0)),
        Kind::Text => Value::Text(
            value
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        ),
    }
}

/// Applies a batch of the feed in one transaction; false when another process of this
/// workspace had already applied as much.
fn apply(conn: &mut rusqlite::Connection, fetched: &Fetched) -> Result<bool, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if last_seq(&tx)? >= fetched.seq {
        return Ok(false);
    }
    // Rows arrive table by table: their parents are checked when the batch is whole.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    for step in &fetched.steps {
        tx.execute(
            "INSERT INTO journal (id, time, author, summary, state) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET state = excluded.state",
            params![step.id, step.time, step.author, step.summary, step.state],
        )?;
        let known: i64 = tx.query_row(
            "SELECT count(*) FROM journal_row WHERE step = ?1",
            [step.id],
            |row| row.get(0),
        )?;
        if known == 0 {
            let mut insert = tx.prepare_cached(
                "INSERT INTO journal_row (step, seq, tbl, row, before, after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for row in &step.rows {
                insert.execute(params![
                    step.id, row.seq, row.table, row.row, row.before, row.after
                ])?;
            }
        }
    }
    // Rows gone first: a unique name or document freed by one may be taken by another.
    let mut versions = BTreeMap::new();
    for current in &fetched.rows {
        if current.now.is_none() {
            let table = current.table;
            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [current.id])?;
            versions.insert((table, current.id), None);
        }
    }
    for current in &fetched.rows {
        let (table, id) = (current.table, &current.id);
        let (Some((image, stamp)), Some(description)) = (&current.now, schema::table(table)) else {
            continue;
        };
        let columns = description.column_list();
        let marks: Vec<String> = (1..=description.columns.len())
            .map(|i| format!("?{i}"))
            .collect();
        let sets: Vec<String> = description
            .columns
            .iter()
            .skip(1)
            .map(|(c, _)| format!("{c} = excluded.{c}"))
            .collect();
        let values: Vec<Value> = description
            .columns
            .iter()
            .map(|(c, kind)| {
                if *c == "id" {
                    Value::Integer(*id)
                } else {
                    to_sql(*kind, image.get(*c))
                }
            })
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO {table} ({columns}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
                marks.join(", "),
                sets.join(", ")
            ),
            rusqlite::params_from_iter(values),
        )?;
        versions.insert((table, *id), Some(stamp.clone()));
    }
    record_versions(&tx, &versions)?;
    tx.execute(
        "INSERT INTO team_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![LAST_SEQ, fetched.seq.to_string()],
    )?;
    tx.commit()?;
    Ok(true)
}

impl Store {
    /// The store at `path` as a copy of the team database `remote` reaches. Nothing is
    /// asked of the database until the copy is read or changed.
    pub fn open_team(
        path: &std::path::Path,
        author: &str,
        remote: Remote,
    ) -> Result<Store, StoreError> {
        let mut store = Store::open(path, author)?;
        store.team = Some(Team { remote, looks: 0 });
        Ok(store)
    }

    /// The team database, in a team's workspace.
    pub fn team_remote(&mut self) -> Option<&mut Remote> {
        self.team.as_mut().map(Team::remote)
    }

    /// A value this copy keeps about the team (how far it has followed what).
    pub fn team_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM team_state WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Keeps `value` under `key` in this copy's team state (durable when it returns).
    pub fn set_team_value(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO team_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Whether this store is a copy of a team database.
    pub fn is_team(&self) -> bool {
        self.team.is_some()
    }

    /// The team database, for messages (never with a password).
    pub fn team_database(&self) -> Option<&str> {
        self.team.as_ref().map(|team| team.remote.database())
    }

    /// The number of the team's last change this copy holds.
    pub fn team_caught_up_to(&self) -> Result<i64, StoreError> {
        last_seq(&self.conn)
    }

    /// Catches up with the team database: true when the copy changed. Outside a team,
    /// nothing to do.
    pub fn sync(&mut self) -> Result<bool, StoreError> {
        let Store { conn, team, .. } = self;
        let Some(team) = team.as_mut() else {
            return Ok(false);
        };
        let mut changed = false;
        loop {
            let after = last_seq(conn)?;
            let fetched = team.remote.fetch(after)?;
            if fetched.seq <= after {
                return Ok(changed);
            }
            changed |= apply(conn, &fetched)?;
        }
    }

    /// Looks for changes other members made (a notification, or now and then the feed's
    /// number itself) and catches up with their annotations. Cheap enough to be called
    /// several times a second.
    pub fn follow_team(&mut self) -> Result<TeamNews, StoreError> {
        let mut news = TeamNews::default();
        let Some(team) = self.team.as_mut() else {
            return Ok(news);
        };
        team.looks = team.looks.wrapping_add(1);
        let notified = team.remote.notified()?;
        let ask = team.looks % ASK_EVERY == 0;
        if !notified && !ask {
            return Ok(news);
        }
        news.documents_waiting = self.team_documents_waiting()?;
        let Some(team) = self.team.as_mut() else {
            return Ok(news);
        };
        if !notified && team.remote.head()? <= last_seq(&self.conn)? {
            return Ok(news);
        }
        news.annotations = self.sync()?;
        Ok(news)
    }

    /// Whether the team has shared documents this workspace has not taken in yet.
    pub fn team_documents_waiting(&mut self) -> Result<bool, StoreError> {
        let position = self.team_documents_position()?;
        let Some(team) = self.team.as_mut() else {
            return Ok(false);
        };
        Ok(team
            .remote
            .documents_waiting(position.seq, &position.path)?)
    }

    /// Where this workspace is in the team's document list.
    pub fn team_documents_position(&self) -> Result<DocPosition, StoreError> {
        Ok(self
            .team_value(LAST_DOC_SEQ)?
            .map(|text| DocPosition::parse(&text))
            .unwrap_or_default())
    }

    /// Keeps where this workspace is in the team's document list (durable when it returns).
    pub fn set_team_documents_position(
        &mut self,
        position: &DocPosition,
    ) -> Result<(), StoreError> {
        self.set_team_value(LAST_DOC_SEQ, &position.write())
    }

    /// Undo or redo in a team: this author's own steps only, done in the team database and
    /// then caught up with.
    pub(super) fn travel_in_team(
        &mut self,
        direction: Direction,
    ) -> Result<Option<String>, StoreError> {
        let author = self.author.clone();
        let Some(team) = self.team.as_mut() else {
            return Ok(None);
        };
        let summary = team.remote.travel(&author, direction == Direction::Undo)?;
        self.sync()?;
        Ok(summary)
    }

    /// The columns of `table` in the local store, with their kinds (the team database's
    /// tables must have the same).
    #[cfg(test)]
    pub(crate) fn columns_of(&self, table: &str) -> Result<Vec<(String, Kind)>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?;
        let rows = statement.query_map([table], |row| {
            let kind: String = row.get(1)?;
            Ok((
                row.get::<_, String>(0)?,
                if kind.eq_ignore_ascii_case("INTEGER") {
                    Kind::Int
                } else {
                    Kind::Text
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the store holds any annotation (a workspace that joins a team must not).
    pub fn has_annotations(&self) -> Result<bool, StoreError> {
        for table in schema::TABLES {
            let any: bool = self.conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {})", table.name),
                [],
                |row| row.get(0),
            )?;
            if any {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Store {
    /// Everything this store holds, for a push into a new team: every row of every
    /// annotation table and the whole journal.
    pub fn everything(&self) -> Result<crate::team::Everything, StoreError> {
        let mut everything = crate::team::Everything::default();
        for table in schema::TABLES {
            let mut statement = self.conn.prepare(&format!(
                "SELECT {} FROM {} ORDER BY id",
                table.column_list(),
                table.name
            ))?;
            let images = statement
                .query_map([], |row| {
                    let mut image = crate::team::Image::new();
                    for (i, (column, kind)) in table.columns.iter().enumerate() {
                        let value = match kind {
                            Kind::Int => serde_json::Value::from(row.get::<_, i64>(i)?),
                            Kind::Text => serde_json::Value::from(row.get::<_, String>(i)?),
                        };
                        image.insert((*column).to_owned(), value);
                    }
                    Ok(image)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            everything.rows.push((table.name, images));
        }
        let mut steps: Vec<crate::team::Step> = self
            .conn
            .prepare("SELECT id, time, author, summary, state FROM journal ORDER BY id")?
            .query_map([], |row| {
                Ok(crate::team::Step {
                    id: row.get(0)?,
                    time: row.get(1)?,
                    author: row.get(2)?,
                    summary: row.get(3)?,
                    state: row.get(4)?,
                    rows: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut at: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        for (i, step) in steps.iter().enumerate() {
            at.insert(step.id, i);
        }
        let mut statement = self.conn.prepare(
            "SELECT step, seq, tbl, row, before, after FROM journal_row ORDER BY step, seq",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let step: i64 = row.get(0)?;
            if let Some(&i) = at.get(&step) {
                steps[i].rows.push(crate::team::JournalRow {
                    seq: row.get(1)?,
                    table: row.get(2)?,
                    row: row.get(3)?,
                    before: row.get(4)?,
                    after: row.get(5)?,
                });
            }
        }
        everything.steps = steps;
        Ok(everything)
    }

    /// Makes this store the copy of the team `remote` reaches, after its whole content was
    /// pushed there at feed number `seq`: every row at version 1.
    pub fn become_team_copy(&mut self, remote: Remote, seq: i64) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM team_version", [])?;
        for table in schema::TABLES {
            tx.execute(
                &format!(
                    "INSERT INTO team_version (tbl, row, version) SELECT ?1, id, 1 FROM {}",
                    table.name
                ),
                [table.name],
            )?;
        }
        tx.execute(
            "INSERT INTO team_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![LAST_SEQ, seq.to_string()],
        )?;
        tx.commit()?;
        self.team = Some(Team { remote, looks: 0 });
        Ok(())
    }

    /// Writes a copy of this store to `target` (a new file) for a workspace of one's own: the
    /// annotations and the journal as they are, without what tied it to the team.
    pub fn copy_alone(&self, target: &std::path::Path) -> Result<(), StoreError> {
        self.back_up_to(target)?;
        let copy = rusqlite::Connection::open(target)?;
        copy.execute_batch("DELETE FROM team_version; DELETE FROM team_state;")?;
        Ok(())
    }
}
