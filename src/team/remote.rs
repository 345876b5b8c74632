//! The team database as the store sees it: changes pushed in one transaction each, checked
//! against the versions the local copy last saw; the feed read back from where the local
//! copy left it; ids handed out by the database's sequences; undo and redo of one member's
//! own steps.
//!
//! The connection is made when first needed and made again after it drops: a database that
//! goes away and comes back is picked up at the next change or look for changes.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{Client, Transaction};
use serde_json::{Map, Value};

use super::schema::{self, Kind, TABLES, Table};

mod access;
mod documents;
mod push;
mod setup;

pub use access::Members;
pub use documents::{Shared, Sharing, TeamDocument, content_hash};
pub use push::Everything;
pub use setup::Made;

/// A row as the journal keeps it: column name to value.
pub type Image = Map<String, Value>;

/// Opens a new connection to the team database, or says why not (no password in it).
pub type Connector = Box<dyn FnMut() -> Result<Client, Unconnected> + Send>;

/// Why connecting failed: the database is away (the network, the server down), or it
/// answered and refused (a password, a database that does not exist, TLS), which waiting
/// does not mend.
#[derive(Debug, Clone)]
pub struct Unconnected {
    pub away: bool,
    pub reason: String,
}

impl Unconnected {
    /// The database could not be reached.
    pub fn away(reason: impl std::fmt::Display) -> Unconnected {
        Unconnected {
            away: true,
            reason: reason.to_string(),
        }
    }
}

/// Who changed a row last, and when (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub version: i64,
    pub by: String,
    pub at: String,
}

/// What went wrong with the team database; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(
        "the team database ({database}) cannot be reached, so nothing was changed: {reason}; \
         searching and reading go on with this machine's copy: annotate again once it is back"
    )]
    Offline { database: String, reason: String },
    #[error(
        "{what} was {how} by {by} at {at} since your copy last saw it, so your change was not \
         made{current}; look at it again and repeat the change if it still applies"
    )]
    Conflict {
        what: String,
        how: &'static str,
        by: String,
        at: String,
        current: String,
    },
    #[error(
        "cannot undo \"{summary}\": {what} was changed by {by} at {at} since; nothing was \
         undone"
    )]
    Overtaken {
        summary: String,
        what: String,
        by: String,
        at: String,
    },
    #[error(
        "another member's change crossed this one ({detail}), so it was not made; look again \
         and repeat it if it still applies"
    )]
    Crossed { detail: String },
    #[error(
        "cannot undo \"{summary}\": what other members did since depends on it ({detail}); \
         nothing was undone"
    )]
    Depended { summary: String, detail: String },
    /// `reason` says who `role` is in the team and what would allow it.
    #[error("the team database refused this, so nothing was changed: {reason}")]
    NotAllowed { role: String, reason: String },
    #[error(
        "the team in schema {schema} of {database} was made by an older isnad (schema \
         {found}) and has no team roles yet: its owner upgrades it by running `isnad team \
         init` on it again"
    )]
    Older {
        database: String,
        schema: String,
        found: i64,
    },
    #[error(
        "the team database ({database}) was made by a newer isnad (schema {found}; this one knows up to {known}): upgrade isnad"
    )]
    Newer {
        database: String,
        found: i64,
        known: i64,
    },
    #[error(
        "the team database ({database}) has no isnad team in schema {schema}: make one with `isnad team init`, or give the schema the team uses"
    )]
    NoTeam { database: String, schema: String },
    #[error("the team database ({database}): {message}")]
    Database { database: String, message: String },
    #[error(
        "the team database ({database}) answered but would not let this isnad in, so nothing was done: {reason}"
    )]
    Refused { database: String, reason: String },
}

/// One row change of a step, as pushed: the local copy's version of the row before it
/// (`None`: the local copy has no such row, so the database must have none either).
#[derive(Debug)]
pub struct RowChange<'a> {
    pub table: &'static str,
    pub id: i64,
    pub expected: Option<i64>,
    pub before: Option<&'a Image>,
    pub after: Option<&'a Image>,
}

/// A step as the database recorded it: its id, and each row's version after it (`None`:
/// the row is gone).
#[derive(Debug)]
pub struct Pushed {
    pub step: i64,
    pub rows: Stamps,
}

/// A journal step read from the feed.
#[derive(Debug, Clone)]
pub struct Step {
    pub id: i64,
    pub time: String,
    pub author: String,
    pub summary: String,
    pub state: String,
    pub rows: Vec<JournalRow>,
}

/// One row change of a journal step, as the journal keeps it (images as JSON text).
#[derive(Debug, Clone)]
pub struct JournalRow {
    pub seq: i64,
    pub table: String,
    pub row: i64,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A row a step touched, as it is now in the team database: its image and stamp, or
/// `None` when it is gone.
#[derive(Debug)]
pub struct Current {
    pub table: &'static str,
    pub id: i64,
    pub now: Option<(Image, Stamp)>,
}

/// What changed in the team database after some feed number.
#[derive(Debug, Default)]
pub struct Fetched {
    pub steps: Vec<Step>,
    /// The rows the steps touched, as they are now.
    pub rows: Vec<Current>,
    /// The feed number read up to.
    pub seq: i64,
}

/// Ids taken from a table's sequence and not used yet, and how many to take next.
#[derive(Debug, Default)]
struct Pool {
    ids: VecDeque<i64>,
    next_batch: i64,
}

/// The largest batch of ids taken at once.
const MAX_ID_BATCH: i64 = 4096;

/// Steps read from the feed at a time.
const FEED_BATCH: i64 = 2000;

/// The stamp of each row (table, id) a step touched, `None` when the row is gone.
pub type Stamps = BTreeMap<(&'static str, i64), Option<Stamp>>;

/// A connection to one team's database.
pub struct Remote {
    connect: Connector,
    client: Option<Client>,
    schema: String,
    database: String,
    ids: HashMap<&'static str, Pool>,
    listening: bool,
    /// When connecting last failed, and why: connecting is not tried again for
    /// [`RETRY_AFTER`], so a workbench looking for changes several times a second does not
    /// wait on a database that is away each time.
    down: Option<(std::time::Instant, Unconnected)>,
}

/// How long after a failed connection the next one is tried.
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// Whether `error` means the connection is gone (or was never made).
fn is_lost(error: &postgres::Error) -> bool {
    error.is_closed()
        || error.code().is_none()
            && std::error::Error::source(error)
                .is_some_and(|source| source.downcast_ref::<std::io::Error>().is_some())
}

impl Remote {
    /// A team in `schema` of the database `connect` reaches; `database` names it in messages
    /// (never with a password). Nothing is connected yet.
    pub fn new(connect: Connector, schema: &str, database: &str) -> Remote {
        Remote {
            connect,
            client: None,
            schema: schema.to_owned(),
            database: database.to_owned(),
            ids: HashMap::new(),
            listening: false,
            down: None,
        }
    }

    /// The database, for messages.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// The team's schema.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// A failed connection as the error it is: away, or refused by the database.
    fn unconnected(&self, failed: Unconnected) -> TeamError {
        if failed.away {
            self.offline(failed.reason)
        } else {
            TeamError::Refused {
                database: self.database.clone(),
                reason: failed.reason,
            }
        }
    }

    fn offline(&self, reason: impl std::fmt::Display) -> TeamError {
        TeamError::Offline {
            database: self.database.clone(),
            reason: reason.to_string(),
        }
    }

    /// `error` from the database as a [`TeamError`]; a lost connection is dropped, to be
    /// made again next time.
    fn failed(&mut self, error: &postgres::Error) -> TeamError {
        // The server going down says so on the connection before it closes it.
        let going = error.code().is_some_and(|code| {
            [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
            ]
            .contains(code)
        });
        if is_lost(error) || going {
            self.client = None;
            self.listening = false;
            if going {
                return self.offline("the server is shutting down or restarting");
            }
            return self.offline(error);
        }
        if let Some(db) = error.as_db_error() {
            if *db.code() == SqlState::INSUFFICIENT_PRIVILEGE {
                let role = self.role().unwrap_or_else(|| "?".to_owned());
                let reason = self.refusal(&role, db.message());
                return TeamError::NotAllowed { role, reason };
            }
            return TeamError::Database {
                database: self.database.clone(),
                message: db.message().to_owned(),
            };
        }
        TeamError::Database {
            database: self.database.clone(),
            message: error.to_string(),
        }
    }

    /// The role the connection logs in as, when connected.
    fn role(&mut self) -> Option<String> {
        let client = self.client.as_mut()?;
        client
            .query_one("SELECT current_user::text", &[])
            .ok()
            .map(|row| row.get(0))
    }

    /// The connection, made (again) if needed, with the team's schema checked.
    fn client(&mut self) -> Result<&mut Client, TeamError> {
        if self.client.as_ref().is_some_and(Client::is_closed) {
            self.client = None;
            self.listening = false;
        }
        if self.client.is_none() {
            if let Some((when, failed)) = &self.down
                && when.elapsed() < RETRY_AFTER
            {
                let failed = failed.clone();
                return Err(self.unconnected(failed));
            }
            match (self.connect)() {
                Ok(client) => {
                    self.down = None;
                    self.client = Some(client);
                }
                Err(failed) => {
                    self.down = Some((std::time::Instant::now(), failed.clone()));
                    return Err(self.unconnected(failed));
                }
            }
            self.check_schema()?;
        }
        self.client.as_mut().ok_or_else(|| TeamError::Offline {
            database: String::new(),
            reason: String::new(),
        })
    }

    /// The team's schema must exist and be one this build knows.
    fn check_schema(&mut self) -> Result<(), TeamError> {
        let schema = self.schema.clone();
        let Some(client) = self.client.as_mut() else {
            return Ok(());
        };
        let found = client.query_opt(
            "SELECT 1 FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relname = 'meta'",
            &[&schema],
        );
        match found {
            Ok(None) => {
                return Err(TeamError::NoTeam {
                    database: self.database.clone(),
                    schema,
                });
            }
            Ok(Some(_)) => {}
            Err(error) => return Err(self.failed(&error)),
        }
        let version = self.schema_version()?;
        if version > schema::current() {
            return Err(TeamError::Newer {
                database: self.database.clone(),
                found: version,
                known: schema::current(),
            });
        }
        Ok(())
    }

    fn schema_version(&mut self) -> Result<i64, TeamError> {
        let sql = format!(
            "SELECT value FROM {}.meta WHERE key = 'schema_version'",
            self.schema
        );
        let Some(client) = self.client.as_mut() else {
            return Ok(0);
        };
        match client.query_opt(&sql, &[]) {
            Ok(row) => Ok(row
                .and_then(|row| row.get::<_, String>(0).parse().ok())
                .unwrap_or(0)),
            Err(error) => Err(self.failed(&error)),
        }
    }

    /// A new id for a row of `table`. The first id of a change is taken alone, and each time
    /// the change needs more, twice as many as the last time (up to [`MAX_ID_BATCH`]): one
    /// entity takes one id, and tagging 10,000 mentions takes a dozen round trips.
    pub fn take_id(&mut self, table: &'static str) -> Result<i64, TeamError> {
        if let Some(id) = self
            .ids
            .get_mut(table)
            .and_then(|pool| pool.ids.pop_front())
        {
            return Ok(id);
        }
        let batch = self.ids.get(table).map_or(1, |pool| pool.next_batch.max(1));
        let sequence = schema::id_sequence(&self.schema, table);
        let client = self.client()?;
        let rows = client.query(
            "SELECT nextval($1::text::regclass) FROM generate_series(1, $2::bigint)",
            &[&sequence, &batch],
        );
        let rows = match rows {
            Ok(rows) => rows,
            Err(error) => return Err(self.failed(&error)),
        };
        let pool = self.ids.entry(table).or_default();
        pool.ids.extend(rows.iter().map(|row| row.get::<_, i64>(0)));
        pool.next_batch = (batch * 2).min(MAX_ID_BATCH);
        pool.ids
            .pop_front()
            .ok_or_else(|| self.offline("no id was handed out"))
    }

    /// Forgets the ids taken and not used: a change ended. (They are never used again;
    /// only the next change's first id is taken alone.)
    pub fn end_change(&mut self) {
        self.ids.clear();
    }

    /// Pushes one step: checks every row against the version the local copy saw, applies
    /// the new images, records the step in the journal and the feed, and notifies the
    /// other members; all in one transaction. `dropped`: this author's undone steps can no
    /// longer be redone.
    pub fn push(
        &mut self,
        author: &str,
        time: &str,
        summary: &str,
        rows: &[RowChange<'_>],
    ) -> Result<Pushed, TeamError> {
        self.end_change();
        let schema = self.schema.clone();
        let database = self.database.clone();
        let client = self.client()?;
        let outcome = (|| -> Result<Result<Pushed, TeamError>, postgres::Error> {
            let mut tx = client.transaction()?;
            let mut stamps: Stamps = BTreeMap::new();
            let mut at = 0;
            while at < rows.len() {
                // A run of new rows of one table (a tag-all's mentions) goes in one statement:
                // their ids come from the team's sequence, so none can be there already.
                let run = new_rows_from(rows, at, &stamps);
                if run > 1
                    && let Some(table) = schema::table(rows[at].table)
                {
                    insert_new(
                        &mut tx,
                        &schema,
                        table,
                        &rows[at..at + run],
                        author,
                        &mut stamps,
                    )?;
                    at += run;
                    continue;
                }
                let change = &rows[at];
                at += 1;
                let key = (change.table, change.id);
                let Some(table) = schema::table(change.table) else {
                    return Ok(Err(TeamError::Database {
                        database,
                        message: format!("not a table of annotations: {}", change.table),
                    }));
                };
                // Within one step a row is checked once, against what the local copy saw.
                let current = if let Some(known) = stamps.get(&key) {
                    known.clone()
                } else {
                    let current = lock_row(&mut tx, &schema, table, change.id)?;
                    let seen = current.as_ref().map(|(_, stamp)| stamp.version);
                    if seen != change.expected {
                        if current.is_none()
                            && let Some(refused) =
                                access::hidden_by_policy(&mut tx, &schema, table.name, change.id)?
                        {
                            return Ok(Err(refused));
                        }
                        return Ok(Err(conflict(table, change.id, current)));
                    }
                    current.map(|(_, stamp)| stamp)
                };
                let stamp = write_row(
                    &mut tx,
                    &schema,
                    table,
                    change.id,
                    current.as_ref(),
                    change.after,
                    author,
                )?;
                stamps.insert(key, stamp);
            }
            let step: i64 = tx
                .query_one(&format!("SELECT nextval('{schema}.journal_ids')"), &[])?
                .get(0);
            let dropped = tx.query(
                &format!(
                    "UPDATE {schema}.journal SET state = 'dropped' \
                     WHERE state = 'undone' AND author = $1 RETURNING id"
                ),
                &[&author],
            )?;
            tx.execute(
                &format!(
                    "INSERT INTO {schema}.journal (id, time, author, summary, state) \
                     VALUES ($1, $2, $3, $4, 'done')"
                ),
                &[&step, &time, &author, &summary],
            )?;
            let versions: Vec<i64> = rows
                .iter()
                .map(|c| {
                    stamps
                        .get(&(c.table, c.id))
                        .and_then(|s| s.as_ref().map(|s| s.version))
                        .unwrap_or(0)
                })
                .collect();
            insert_journal_rows(&mut tx, &schema, step, rows, &versions)?;
            let mut steps: Vec<i64> = dropped.iter().map(|row| row.get(0)).collect();
            steps.push(step);
            publish(&mut tx, &schema, &steps)?;
            tx.commit()?;
            Ok(Ok(Pushed { step, rows: stamps }))
        })();
        match outcome {
            Ok(result) => result,
            Err(error) => Err(self.conflict_or_failed(&error, None)),
        }
    }

    /// A unique or foreign-key violation is a member's change crossing this one (a note
    /// for the same document made at the same moment, evidence for a claim just deleted);
    /// in an undo or redo (`travel`, with the step's summary), a later change depending on
    /// what it would take away. Anything else as [`Remote::failed`].
    fn conflict_or_failed(&mut self, error: &postgres::Error, travel: Option<&str>) -> TeamError {
        if let Some(db) = error.as_db_error()
            && matches!(
                *db.code(),
                SqlState::UNIQUE_VIOLATION | SqlState::FOREIGN_KEY_VIOLATION
            )
        {
            let detail = db.detail().unwrap_or(db.message()).to_owned();
            return match travel {
                Some(summary) => TeamError::Depended {
                    summary: summary.to_owned(),
                    detail,
                },
                None => TeamError::Crossed { detail },
            };
        }
        self.failed(error)
    }

    /// Undoes `author`'s newest step still in force, or redoes the one they undid last;
    /// its summary, or `None` when there is none. Refused when another change has since
    /// touched a row the step touched.
    pub fn travel(&mut self, author: &str, undo: bool) -> Result<Option<String>, TeamError> {
        let schema = self.schema.clone();
        let client = self.client()?;
        let mut picked = String::new();
        let outcome = (|| -> Result<Result<Option<String>, TeamError>, postgres::Error> {
            let mut tx = client.transaction()?;
            let pick = if undo {
                "state = 'done' AND author = $1 ORDER BY id DESC"
            } else {
                "state = 'undone' AND author = $1 ORDER BY id ASC"
            };
            let Some(row) = tx.query_opt(
                &format!(
                    "SELECT id, summary FROM {schema}.journal WHERE {pick} LIMIT 1 FOR UPDATE"
                ),
                &[&author],
            )?
            else {
                return Ok(Ok(None));
            };
            let (step, summary): (i64, String) = (row.get(0), row.get(1));
            picked.clone_from(&summary);
            let rows = tx.query(
                &format!(
                    "SELECT seq, tbl, row, before, after, version FROM {schema}.journal_row \
                     WHERE step = $1 ORDER BY seq"
                ),
                &[&step],
            )?;
            let mut stamps = match still_as_left(&mut tx, &schema, &summary, &rows)? {
                Ok(stamps) => stamps,
                Err(overtaken) => return Ok(Err(overtaken)),
            };
            let mut ordered: Vec<&postgres::Row> = rows.iter().collect();
            if undo {
                ordered.reverse();
            }
            for row in ordered {
                let name: String = row.get(1);
                let Some(table) = schema::table(&name) else {
                    continue;
                };
                let id: i64 = row.get(2);
                let image: Option<String> = if undo { row.get(3) } else { row.get(4) };
                let image = image.and_then(|text| match serde_json::from_str(&text) {
                    Ok(Value::Object(map)) => Some(map),
                    _ => None,
                });
                let current = stamps.get(&(table.name, id)).cloned().flatten();
                let stamp = write_row(
                    &mut tx,
                    &schema,
                    table,
                    id,
                    current.as_ref(),
                    image.as_ref(),
                    author,
                )?;
                stamps.insert((table.name, id), stamp);
            }
            for ((name, id), stamp) in &stamps {
                tx.execute(
                    &format!(
                        "UPDATE {schema}.journal_row SET version = $3 \
                         WHERE step = $1 AND tbl = $2 AND row = $4"
                    ),
                    &[&step, name, &stamp.as_ref().map_or(0, |s| s.version), id],
                )?;
            }
            let state = if undo { "undone" } else { "done" };
            tx.execute(
                &format!("UPDATE {schema}.journal SET state = $1 WHERE id = $2"),
                &[&state, &step],
            )?;
            publish(&mut tx, &schema, &[step])?;
            tx.commit()?;
            Ok(Ok(Some(summary)))
        })();
        match outcome {
            Ok(result) => result,
            Err(error) => Err(self.conflict_or_failed(&error, Some(&picked))),
        }
    }

    /// The newest feed number: a cheap question asked often.
    pub fn head(&mut self) -> Result<i64, TeamError> {
        let sql = format!("SELECT seq FROM {}.feed_head", self.schema);
        let client = self.client()?;
        match client.query_one(&sql, &[]) {
            Ok(row) => Ok(row.get(0)),
            Err(error) => Err(self.failed(&error)),
        }
    }

    /// Whether the database has said a change was committed since the last call (`LISTEN`
    /// on this connection). A notification is only a wake-up: callers still compare feed
    /// numbers, so one lost costs a moment, never a change.
    pub fn notified(&mut self) -> Result<bool, TeamError> {
        let channel = schema::channel(&self.schema);
        let listening = self.listening;
        let client = self.client()?;
        if !listening {
            if let Err(error) = client.batch_execute(&format!("LISTEN {channel}")) {
                return Err(self.failed(&error));
            }
            self.listening = true;
            return Ok(true);
        }
        let mut any = false;
        let failure = {
            let mut notifications = client.notifications();
            let mut pending = notifications.iter();
            loop {
                match pending.next() {
                    Ok(Some(_)) => any = true,
                    Ok(None) => break None,
                    Err(error) => break Some(error),
                }
            }
        };
        match failure {
            Some(error) => Err(self.failed(&error)),
            None => Ok(any),
        }
    }

    /// The steps committed after feed number `after` (up to a batch of them), with the rows
    /// they touched as they are now: one consistent snapshot.
    pub fn fetch(&mut self, after: i64) -> Result<Fetched, TeamError> {
        let schema = self.schema.clone();
        let client = self.client()?;
        let outcome = (|| -> Result<Fetched, postgres::Error> {
            let mut tx = client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            // Feed numbers have no gaps: each is taken inside the transaction it numbers.
            let feed = tx.query(
                &format!(
                    "SELECT seq, step FROM {schema}.feed WHERE seq > $1 AND seq <= $2 \
                     ORDER BY seq"
                ),
                &[&after, &(after + FEED_BATCH)],
            )?;
            let mut fetched = Fetched {
                seq: after,
                ..Fetched::default()
            };
            let mut steps: BTreeSet<i64> = BTreeSet::new();
            for row in &feed {
                fetched.seq = fetched.seq.max(row.get(0));
                steps.insert(row.get(1));
            }
            if steps.is_empty() {
                tx.commit()?;
                return Ok(fetched);
            }
            let ids: Vec<i64> = steps.into_iter().collect();
            let mut by_step: BTreeMap<i64, Step> = BTreeMap::new();
            for row in tx.query(
                &format!(
                    "SELECT id, time, author, summary, state FROM {schema}.journal \
                     WHERE id = ANY($1)"
                ),
                &[&ids],
            )? {
                let id: i64 = row.get(0);
                by_step.insert(
                    id,
                    Step {
                        id,
                        time: row.get(1),
                        author: row.get(2),
                        summary: row.get(3),
                        state: row.get(4),
                        rows: Vec::new(),
                    },
                );
            }
            let mut touched: BTreeMap<&'static str, BTreeSet<i64>> = BTreeMap::new();
            for row in tx.query(
                &format!(
                    "SELECT step, seq, tbl, row, before, after FROM {schema}.journal_row \
                     WHERE step = ANY($1) ORDER BY step, seq"
                ),
                &[&ids],
            )? {
                let name: String = row.get(2);
                let id: i64 = row.get(3);
                if let Some(table) = schema::table(&name) {
                    touched.entry(table.name).or_default().insert(id);
                }
                if let Some(step) = by_step.get_mut(&row.get(0)) {
                    step.rows.push(JournalRow {
                        seq: i64::from(row.get::<_, i32>(1)),
                        table: name,
                        row: id,
                        before: row.get(4),
                        after: row.get(5),
                    });
                }
            }
            fetched.rows = current_rows(&mut tx, &schema, &touched)?;
            fetched.steps = by_step.into_values().collect();
            tx.commit()?;
            Ok(fetched)
        })();
        outcome.map_err(|error| self.failed(&error))
    }
}

/// The stamps of the rows a step touched (`rows`: its journal rows, version last), each
/// locked and still at the version the step's last application left it; otherwise who
/// changed which since.
fn still_as_left(
    tx: &mut Transaction<'_>,
    schema: &str,
    summary: &str,
    rows: &[postgres::Row],
) -> Result<Result<Stamps, TeamError>, postgres::Error> {
    // The version each row was left at by this step's last application.
    let mut left: BTreeMap<(String, i64), i64> = BTreeMap::new();
    for row in rows {
        left.insert((row.get(1), row.get(2)), row.get(5));
    }
    let mut stamps = BTreeMap::new();
    for ((name, id), version) in &left {
        let Some(table) = schema::table(name) else {
            continue;
        };
        let current = lock_row(tx, schema, table, *id)?;
        let now = current.as_ref().map_or(0, |(_, s)| s.version);
        if now != *version {
            // A row hidden from FOR UPDATE by row-level security is not gone.
            if current.is_none()
                && let Some(refused) = access::hidden_by_policy(tx, schema, table.name, *id)?
            {
                return Ok(Err(refused));
            }
            let (by, at) = current.as_ref().map_or_else(
                || ("another member".to_owned(), "some point".to_owned()),
                |(_, s)| (s.by.clone(), s.at.clone()),
            );
            return Ok(Err(TeamError::Overtaken {
                summary: summary.to_owned(),
                what: format!("{} {id}", name.replace('_', " ")),
                by,
                at,
            }));
        }
        stamps.insert((table.name, *id), current.map(|(_, s)| s));
    }
    Ok(Ok(stamps))
}

/// The rows `touched` (ids by table) as they are now, parents' tables first.
fn current_rows(
    tx: &mut Transaction<'_>,
    schema: &str,
    touched: &BTreeMap<&'static str, BTreeSet<i64>>,
) -> Result<Vec<Current>, postgres::Error> {
    let mut rows = Vec::new();
    for table in TABLES {
        let Some(ids) = touched.get(table.name) else {
            continue;
        };
        let ids: Vec<i64> = ids.iter().copied().collect();
        let mut found: BTreeMap<i64, (Image, Stamp)> = BTreeMap::new();
        for row in tx.query(
            &format!(
                "SELECT {columns}, version, changed_by, {AT} FROM {schema}.{name} \
                 WHERE id = ANY($1)",
                columns = table.column_list(),
                name = table.name,
            ),
            &[&ids],
        )? {
            let (image, stamp) = read_row(table, &row);
            let id = image.get("id").and_then(Value::as_i64).unwrap_or_default();
            found.insert(id, (image, stamp));
        }
        for id in ids {
            rows.push(Current {
                table: table.name,
                id,
                now: found.remove(&id),
            });
        }
    }
    Ok(rows)
}

/// Inserts `batch`, new rows of `table`, in one statement, and records their stamps.
fn insert_new(
    tx: &mut Transaction<'_>,
    schema: &str,
    table: &Table,
    batch: &[RowChange<'_>],
    author: &str,
    stamps: &mut Stamps,
) -> Result<(), postgres::Error> {
    let images: Vec<Image> = batch
        .iter()
        .filter_map(|change| change.after.cloned())
        .collect();
    push::insert_rows(tx, schema, table, &images, author)?;
    let when: String = tx.query_one(&format!("SELECT {NOW}"), &[])?.get(0);
    for change in batch {
        stamps.insert(
            (change.table, change.id),
            Some(Stamp {
                version: 1,
                by: author.to_owned(),
                at: when.clone(),
            }),
        );
    }
    Ok(())
}

/// How many rows from `at` on are new rows of one table, each its first appearance in the
/// step (0 or 1 when the row at `at` is not the start of such a run).
fn new_rows_from(rows: &[RowChange<'_>], at: usize, stamps: &Stamps) -> usize {
    let Some(first) = rows.get(at) else {
        return 0;
    };
    let mut seen = std::collections::HashSet::new();
    rows[at..]
        .iter()
        .take_while(|change| {
            change.table == first.table
                && change.before.is_none()
                && change.after.is_some()
                && change.expected.is_none()
                && !stamps.contains_key(&(change.table, change.id))
                && seen.insert(change.id)
        })
        .count()
}

/// The moment of the transaction, as [`AT`] writes a row's change time.
const NOW: &str = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS \"UTC\"')";

/// A row's change time as people read it: `2026-12-04 18:41:12 UTC`.
const AT: &str = "to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS \"UTC\"')";

/// The image and stamp of a row selected as `columns, version, changed_by, AT`.
fn read_row(table: &Table, row: &postgres::Row) -> (Image, Stamp) {
    let mut image = Image::new();
    for (i, (name, kind)) in table.columns.iter().enumerate() {
        let value = match kind {
            Kind::Int => Value::from(row.get::<_, i64>(i)),
            Kind::Text => Value::from(row.get::<_, String>(i)),
        };
        image.insert((*name).to_owned(), value);
    }
    let n = table.columns.len();
    let stamp = Stamp {
        version: row.get(n),
        by: row.get(n + 1),
        at: row.get(n + 2),
    };
    (image, stamp)
}

/// The row `id` of `table` as it is, locked until the transaction ends.
fn lock_row(
    tx: &mut Transaction<'_>,
    schema: &str,
    table: &Table,
    id: i64,
) -> Result<Option<(Image, Stamp)>, postgres::Error> {
    let sql = format!(
        "SELECT {columns}, version, changed_by, {AT} FROM {schema}.{name} WHERE id = $1 FOR UPDATE",
        columns = table.column_list(),
        name = table.name,
    );
    Ok(tx.query_opt(&sql, &[&id])?.map(|row| read_row(table, &row)))
}

/// The conflict a row not at the version the local copy saw makes.
fn conflict(table: &Table, id: i64, current: Option<(Image, Stamp)>) -> TeamError {
    let what = format!("{} {id}", table.name.replace('_', " "));
    match current {
        Some((image, stamp)) => TeamError::Conflict {
            what,
            how: "changed",
            by: stamp.by,
            at: stamp.at,
            current: describe(table, &image)
                .map(|text| format!("; it now reads: {text}"))
                .unwrap_or_default(),
        },
        None => TeamError::Conflict {
            what,
            how: "deleted",
            by: "another member".to_owned(),
            at: "some point".to_owned(),
            current: String::new(),
        },
    }
}

/// What a row says, shortly, for a conflict's message.
fn describe(table: &Table, image: &Image) -> Option<String> {
    let field = |name: &str| image.get(name).and_then(Value::as_str).unwrap_or_default();
    let text = match table.name {
        "entity" => format!("{} ({})", field("name"), field("type")),
        "alias" => field("alias").to_owned(),
        "mention" | "evidence" => format!("\u{2068}{}\u{2069}", field("quote")),
        "claim" => format!("\u{2068}{}\u{2069} ({})", field("text"), field("status")),
        "doc_note" => format!("tags {:?}, note {:?}", field("tags"), field("note")),
        _ => return None,
    };
    let mut short: String = text.chars().take(160).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    Some(short)
}

/// Writes `image` as row `id` of `table` (or deletes the row when `None`); `current` is
/// the row's stamp now. The row's stamp after.
fn write_row(
    tx: &mut Transaction<'_>,
    schema: &str,
    table: &Table,
    id: i64,
    current: Option<&Stamp>,
    image: Option<&Image>,
    author: &str,
) -> Result<Option<Stamp>, postgres::Error> {
    let name = table.name;
    let Some(image) = image else {
        if current.is_some() {
            tx.execute(
                &format!("DELETE FROM {schema}.{name} WHERE id = $1"),
                &[&id],
            )?;
        }
        return Ok(None);
    };
    let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    for (column, kind) in table.columns {
        let value = image.get(*column);
        values.push(match kind {
            Kind::Int => Box::new(if *column == "id" {
                id
            } else {
                value.and_then(Value::as_i64).unwrap_or_default()
            }),
            Kind::Text => Box::new(value.and_then(Value::as_str).unwrap_or_default().to_owned()),
        });
    }
    let version = current.map_or(1, |stamp| stamp.version + 1);
    values.push(Box::new(version));
    values.push(Box::new(author.to_owned()));
    let n = table.columns.len();
    let sql = if current.is_some() {
        let sets: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, (column, _))| format!("{column} = ${}", i + 1))
            .collect();
        format!(
            "UPDATE {schema}.{name} SET {sets}, version = ${v}, changed_by = ${b}, \
             changed_at = now() WHERE id = $1 RETURNING {AT}",
            sets = sets.join(", "),
            v = n + 1,
            b = n + 2,
        )
    } else {
        let marks: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
        format!(
            "INSERT INTO {schema}.{name} ({columns}, version, created_by, changed_by) \
             VALUES ({marks}, ${v}, ${b}, ${b}) RETURNING {AT}",
            columns = table.column_list(),
            marks = marks.join(", "),
            v = n + 1,
            b = n + 2,
        )
    };
    let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| &**v as _).collect();
    let row = tx.query_one(&sql, &params)?;
    Ok(Some(Stamp {
        version,
        by: author.to_owned(),
        at: row.get(0),
    }))
}

/// The rows of step `step`, in one statement.
fn insert_journal_rows(
    tx: &mut Transaction<'_>,
    schema: &str,
    step: i64,
    rows: &[RowChange<'_>],
    versions: &[i64],
) -> Result<(), postgres::Error> {
    let json = |image: Option<&Image>| image.map(|i| Value::Object(i.clone()).to_string());
    let seqs: Vec<i32> = (0..rows.len())
        .map(|i| i32::try_from(i).unwrap_or(i32::MAX))
        .collect();
    let tables: Vec<&str> = rows.iter().map(|r| r.table).collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let before: Vec<Option<String>> = rows.iter().map(|r| json(r.before)).collect();
    let after: Vec<Option<String>> = rows.iter().map(|r| json(r.after)).collect();
    // Every entry of a row carries the version the step left it at.
    let mut last: HashMap<(&str, i64), i64> = HashMap::new();
    for (row, version) in rows.iter().zip(versions) {
        last.insert((row.table, row.id), *version);
    }
    let versions: Vec<i64> = rows
        .iter()
        .map(|r| last.get(&(r.table, r.id)).copied().unwrap_or(0))
        .collect();
    tx.execute(
        &format!(
            "INSERT INTO {schema}.journal_row (step, seq, tbl, row, before, after, version) \
             SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bigint[], $5::text[], \
             $6::text[], $7::bigint[])"
        ),
        &[&step, &seqs, &tables, &ids, &before, &after, &versions],
    )?;
    Ok(())
}

/// Gives the feed its next number for `steps` and tells the members. The number is taken
/// last, holding `feed_head` until the commit: numbers are handed out in commit order.
fn publish(tx: &mut Transaction<'_>, schema: &str, steps: &[i64]) -> Result<(), postgres::Error> {
    let seq: i64 = tx
        .query_one(
            &format!("UPDATE {schema}.feed_head SET seq = seq + 1 RETURNING seq"),
            &[],
        )?
        .get(0);
    tx.execute(
        &format!("INSERT INTO {schema}.feed (seq, step) SELECT $1, unnest($2::bigint[])"),
        &[&seq, &steps],
    )?;
    let channel = schema::channel(schema);
    tx.execute("SELECT pg_notify($1, $2)", &[&channel, &seq.to_string()])?;
    Ok(())
}
