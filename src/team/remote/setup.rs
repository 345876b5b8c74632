//! Making a team's schema, and upgrading one made by an older isnad: the migrations of
//! `team::schema`, run in one transaction by the team's owner.

use postgres::Client;
use postgres::error::SqlState;

use super::{Remote, TeamError};
use crate::team::schema;

/// What `Remote::create` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    /// Made the team.
    New,
    /// Upgraded a team made by an older isnad.
    Upgraded { from: i64, to: i64 },
    /// Found the team there already, at `version`.
    Current { version: i64 },
}

impl Remote {
    /// Makes the team's schema (`init`), or brings a team made by an older isnad up to
    /// this one's schema version: every migration it lacks, in one transaction. Only the
    /// team's owner (who made it) can upgrade it, as migrations change its tables. Refused
    /// when the schema exists and is not an isnad team.
    pub fn create(&mut self) -> Result<Made, TeamError> {
        let schema = self.schema.clone();
        let database = self.database.clone();
        let Some(migrations) = schema::migrations(&schema) else {
            return Err(TeamError::Database {
                database,
                message: format!("{schema:?} is not a schema name isnad uses"),
            });
        };
        let known = schema::current();
        if self.client.is_none() {
            let client = match (self.connect)() {
                Ok(client) => client,
                Err(failed) => return Err(self.unconnected(failed)),
            };
            self.client = Some(client);
        }
        let mut upgrading = false;
        let client = self.client.as_mut().expect("connected above");
        let result = migrate(client, &schema, &migrations, &mut upgrading);
        match result {
            Ok(Some(Made::Current { version })) if version > known => Err(TeamError::Newer {
                database,
                found: version,
                known,
            }),
            Ok(Some(made)) => Ok(made),
            Ok(None) => Err(TeamError::Database {
                database,
                message: format!(
                    "schema {schema} exists and is not an isnad team: give another one with --schema"
                ),
            }),
            Err(error) => {
                let denied = error
                    .as_db_error()
                    .filter(|db| *db.code() == SqlState::INSUFFICIENT_PRIVILEGE);
                match denied {
                    Some(db) if upgrading => Err(TeamError::NotAllowed {
                        role: self.role().unwrap_or_else(|| "?".to_owned()),
                        reason: format!(
                            "only the role that made the team (its owner) can upgrade it, by \
                             running `isnad team init` on it again (PostgreSQL said: {})",
                            db.message()
                        ),
                    }),
                    _ => Err(self.failed(&error)),
                }
            }
        }
    }
}

/// Makes the team in `schema`, or runs the `migrations` it lacks, in one transaction: what
/// was done, or `None` when the schema exists and is not an isnad team. `upgrading` says
/// whether an existing team was being upgraded, for the message of a refusal.
fn migrate(
    client: &mut Client,
    schema: &str,
    migrations: &[String],
    upgrading: &mut bool,
) -> Result<Option<Made>, postgres::Error> {
    let known = schema::current();
    let mut tx = client.transaction()?;
    let exists = tx
        .query_opt(
            "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1",
            &[&schema],
        )?
        .is_some();
    let mut from = 0;
    if exists {
        let team = tx
            .query_opt(
                "SELECT 1 FROM pg_catalog.pg_class c \
                     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                     WHERE n.nspname = $1 AND c.relname = 'meta'",
                &[&schema],
            )?
            .is_some();
        // Locked, so two owners upgrading at once take turns.
        let version = if team {
            tx.query_opt(
                &format!(
                    "SELECT value FROM {schema}.meta WHERE key = 'schema_version' \
                         FOR UPDATE"
                ),
                &[],
            )?
            .and_then(|row| row.get::<_, String>(0).parse::<i64>().ok())
        } else {
            None
        };
        match version {
            None => return Ok(None),
            Some(version) if version >= known => {
                tx.rollback()?;
                return Ok(Some(Made::Current { version }));
            }
            Some(version) => {
                from = version;
                *upgrading = true;
            }
        }
    } else {
        tx.batch_execute(&format!("CREATE SCHEMA {schema}"))?;
    }
    for sql in migrations
        .iter()
        .skip(usize::try_from(from).unwrap_or_default())
    {
        tx.batch_execute(sql)?;
    }
    let version = known.to_string();
    if from == 0 {
        tx.execute(
            &format!(
                "INSERT INTO {schema}.meta (key, value) VALUES ('schema_version', $1), \
                     ('created', now()::text)"
            ),
            &[&version],
        )?;
    } else {
        tx.execute(
            &format!("UPDATE {schema}.meta SET value = $1 WHERE key = 'schema_version'"),
            &[&version],
        )?;
    }
    tx.commit()?;
    Ok(Some(if from == 0 {
        Made::New
    } else {
        Made::Upgraded { from, to: known }
    }))
}
