//! A workspace's whole store into a new team: every row with its id, the journal with its
//! steps' ids, in one transaction.

use std::collections::HashMap;

use postgres::types::ToSql;
use serde_json::Value;

use super::{Image, JournalRow, Remote, Step, TeamError};
use crate::team::schema::{self, Kind};

/// Everything a store holds, to push: the rows of each annotation table (parents' tables
/// first, as `schema::TABLES` orders them) and the journal, oldest step first.
#[derive(Debug, Default)]
pub struct Everything {
    pub rows: Vec<(&'static str, Vec<Image>)>,
    pub steps: Vec<Step>,
}

impl Remote {
    /// Copies `everything` into this team, which must be empty (just made): rows at version
    /// 1, the journal as it was, one feed number for all of it, and the id sequences moved
    /// past the ids taken. The feed number it was given.
    pub fn push_everything(
        &mut self,
        author: &str,
        everything: &Everything,
    ) -> Result<i64, TeamError> {
        let schema = self.schema.clone();
        let database = self.database.clone();
        let client = self.client()?;
        let outcome = (|| -> Result<Result<i64, TeamError>, postgres::Error> {
            let mut tx = client.transaction()?;
            let head: i64 = tx
                .query_one(
                    &format!("SELECT seq FROM {schema}.feed_head FOR UPDATE"),
                    &[],
                )?
                .get(0);
            if head != 0 {
                return Ok(Err(TeamError::Database {
                    database,
                    message: format!(
                        "the team in schema {schema} has work in it already: push into a new \
                         one (another database, or --schema NAME)"
                    ),
                }));
            }
            for (name, images) in &everything.rows {
                let Some(table) = schema::table(name) else {
                    continue;
                };
                insert_rows(&mut tx, &schema, table, images, author)?;
                let max = images
                    .iter()
                    .filter_map(|image| image.get("id").and_then(Value::as_i64))
                    .max()
                    .unwrap_or(0);
                tx.execute(
                    "SELECT setval($1::text::regclass, $2::bigint + 1, false)",
                    &[&schema::id_sequence(&schema, name), &max],
                )?;
            }
            insert_journal(&mut tx, &schema, &everything.steps)?;
            let last_step = everything.steps.iter().map(|s| s.id).max().unwrap_or(0);
            tx.execute(
                &format!("SELECT setval('{schema}.journal_ids', $1::bigint + 1, false)"),
                &[&last_step],
            )?;
            let steps: Vec<i64> = everything.steps.iter().map(|s| s.id).collect();
            let seq = if steps.is_empty() {
                0
            } else {
                super::publish(&mut tx, &schema, &steps)?;
                1
            };
            tx.commit()?;
            Ok(Ok(seq))
        })();
        match outcome {
            Ok(result) => result,
            Err(error) => Err(self.failed(&error)),
        }
    }
}

/// The rows of one table, new at version 1 and made by `author`, in one statement of arrays,
/// one per column.
pub(super) fn insert_rows(
    tx: &mut postgres::Transaction<'_>,
    schema: &str,
    table: &schema::Table,
    images: &[Image],
    author: &str,
) -> Result<(), postgres::Error> {
    if images.is_empty() {
        return Ok(());
    }
    let mut columns: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut casts = Vec::new();
    for (i, (column, kind)) in table.columns.iter().enumerate() {
        match kind {
            Kind::Int => {
                let values: Vec<i64> = images
                    .iter()
                    .map(|image| image.get(*column).and_then(Value::as_i64).unwrap_or(0))
                    .collect();
                columns.push(Box::new(values));
                casts.push(format!("${}::bigint[]", i + 1));
            }
            Kind::Text => {
                let values: Vec<String> = images
                    .iter()
                    .map(|image| {
                        image
                            .get(*column)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned()
                    })
                    .collect();
                columns.push(Box::new(values));
                casts.push(format!("${}::text[]", i + 1));
            }
        }
    }
    let author_at = columns.len() + 1;
    columns.push(Box::new(author.to_owned()));
    let params: Vec<&(dyn ToSql + Sync)> = columns.iter().map(|v| &**v as _).collect();
    tx.execute(
        &format!(
            "INSERT INTO {schema}.{name} ({list}, version, created_by, changed_by) \
             SELECT *, 1, ${author_at}, ${author_at} FROM unnest({casts})",
            name = table.name,
            list = table.column_list(),
            casts = casts.join(", "),
        ),
        &params,
    )?;
    Ok(())
}

/// The journal: each step with its id and state, and each row change with the version the
/// step left: 1 for the last step in force that touched the row (every row is at version
/// 1), 0 for the others, so undoing an older step is refused as overtaken.
fn insert_journal(
    tx: &mut postgres::Transaction<'_>,
    schema: &str,
    steps: &[Step],
) -> Result<(), postgres::Error> {
    let mut last: HashMap<(&str, i64), i64> = HashMap::new();
    for step in steps.iter().filter(|s| s.state == "done") {
        for row in &step.rows {
            last.insert((row.table.as_str(), row.row), step.id);
        }
    }
    for chunk in steps.chunks(1000) {
        let ids: Vec<i64> = chunk.iter().map(|s| s.id).collect();
        let times: Vec<&str> = chunk.iter().map(|s| s.time.as_str()).collect();
        let authors: Vec<&str> = chunk.iter().map(|s| s.author.as_str()).collect();
        let summaries: Vec<&str> = chunk.iter().map(|s| s.summary.as_str()).collect();
        let states: Vec<&str> = chunk.iter().map(|s| s.state.as_str()).collect();
        tx.execute(
            &format!(
                "INSERT INTO {schema}.journal (id, time, author, summary, state) \
                 SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])"
            ),
            &[&ids, &times, &authors, &summaries, &states],
        )?;
        let rows: Vec<(i64, &JournalRow)> = chunk
            .iter()
            .flat_map(|s| s.rows.iter().map(move |r| (s.id, r)))
            .collect();
        let step_ids: Vec<i64> = rows.iter().map(|(s, _)| *s).collect();
        let seqs: Vec<i32> = rows
            .iter()
            .map(|(_, r)| i32::try_from(r.seq).unwrap_or(i32::MAX))
            .collect();
        let tables: Vec<&str> = rows.iter().map(|(_, r)| r.table.as_str()).collect();
        let row_ids: Vec<i64> = rows.iter().map(|(_, r)| r.row).collect();
        let before: Vec<Option<&str>> = rows.iter().map(|(_, r)| r.before.as_deref()).collect();
        let after: Vec<Option<&str>> = rows.iter().map(|(_, r)| r.after.as_deref()).collect();
        let versions: Vec<i64> = rows
            .iter()
            .map(|(s, r)| i64::from(last.get(&(r.table.as_str(), r.row)) == Some(s)))
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO {schema}.journal_row (step, seq, tbl, row, before, after, version) \
                 SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], \
                 $5::text[], $6::text[], $7::bigint[])"
            ),
            &[
                &step_ids, &seqs, &tables, &row_ids, &before, &after, &versions,
            ],
        )?;
    }
    Ok(())
}
