//! The team database's tables in PostgreSQL, as numbered migrations, and the description of
//! the annotation tables both stores share.
//!
//! The annotation tables have the columns of the local store's (`store::schema`), so a row
//! image from the journal is a row in either, plus three the team database alone keeps: the
//! row's `version` (raised by every change: the optimistic check of concurrent edits), who
//! changed it last and when (`changed_by`, `changed_at`), who made it by the name they give
//! (`created_by`, from isnad.toml: anyone can set it, so it is for people to read) and by the
//! database role they logged in as (`created_role`, since migration 2: the rule of who may
//! change a document's note, enforced by row-level security; see `roles`). `created_role` is
//! filled by its default and never named in a write, and the local copy has no such column:
//! `Table::columns` are the columns both stores share. The journal is the local one's, with the version each step
//! left on the rows it touched. The feed numbers every committed change in commit order:
//! `feed_head` is a single row every writer updates just before it commits, so numbers are
//! handed out in the order changes become visible and a reader that has seen number N has
//! seen every change before it.
//!
//! Every name is in the team's own schema (`isnad` unless told otherwise). Names of schemas,
//! tables and columns come from this module or from [`valid_schema`], never from input;
//! values are always parameters.

/// A column's type, in both stores: `INTEGER` / `bigint` or `TEXT` / `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
}

use Kind::{Int, Text};

/// One annotation table: its name, its columns (`id` first) and what else it needs.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
    /// Column constraints and indexes after the columns, with `{s}` for the schema.
    pub extra: &'static str,
}

impl Table {
    /// The type of `column`, if the table has it.
    pub fn kind(&self, column: &str) -> Option<Kind> {
        self.columns
            .iter()
            .find(|(name, _)| *name == column)
            .map(|&(_, kind)| kind)
    }

    /// The columns as a list for SQL: `id, name, type`.
    pub fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const ANCHOR: [(&str, Kind); 6] = [
    ("byte_start", Int),
    ("byte_end", Int),
    ("quote", Text),
    ("prefix", Text),
    ("suffix", Text),
    ("doc_hash", Text),
];

/// The annotation tables in the order their rows may be made (a row's parents first).
pub const TABLES: &[Table] = &[
    Table {
        name: "entity",
        columns: &[("id", Int), ("name", Text), ("type", Text), ("note", Text)],
        extra: "",
    },
    Table {
        name: "alias",
        columns: &[("id", Int), ("entity", Int), ("alias", Text)],
        extra: ", UNIQUE (entity, alias), FOREIGN KEY (entity) REFERENCES {s}.entity (id)",
    },
    Table {
        name: "mention",
        columns: &[
            ("id", Int),
            ("entity", Int),
            ("doc", Text),
            ANCHOR[0],
            ANCHOR[1],
            ANCHOR[2],
            ANCHOR[3],
            ANCHOR[4],
            ANCHOR[5],
            ("orphaned", Int),
        ],
        extra: ", FOREIGN KEY (entity) REFERENCES {s}.entity (id)",
    },
    Table {
        name: "claim",
        columns: &[
            ("id", Int),
            ("text", Text),
            ("status", Text),
            ("verdict", Text),
            ("created", Text),
            ("updated", Text),
        ],
        extra: "",
    },
    Table {
        name: "evidence",
        columns: &[
            ("id", Int),
            ("claim", Int),
            ("doc", Text),
            ANCHOR[0],
            ANCHOR[1],
            ANCHOR[2],
            ANCHOR[3],
            ANCHOR[4],
            ANCHOR[5],
            ("stance", Text),
            ("note", Text),
            ("orphaned", Int),
        ],
        extra: ", FOREIGN KEY (claim) REFERENCES {s}.claim (id)",
    },
    Table {
        name: "doc_note",
        columns: &[
            ("id", Int),
            ("doc", Text),
            ("reviewed", Int),
            ("tags", Text),
            ("note", Text),
        ],
        extra: ", UNIQUE (doc)",
    },
];

/// The annotation table called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The name of the sequence that gives `table`'s new ids.
pub fn id_sequence(schema: &str, table: &str) -> String {
    format!("{schema}.{table}_ids")
}

/// The channel a team database notifies on when a change is committed.
pub fn channel(schema: &str) -> String {
    format!("{schema}_changes")
}

/// The longest schema name: the team's roles are named `{schema}_annotator` and the like,
/// and PostgreSQL cuts identifiers at 63 bytes, which would give a long schema's reader and
/// admin roles names that are not theirs (or the same name).
pub const MAX_SCHEMA: usize = 63 - "_annotator".len();

/// Whether `name` can be the team's schema: a lowercase SQL identifier that needs no quotes,
/// short enough that its roles' names need none either ([`MAX_SCHEMA`]).
pub fn valid_schema(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= MAX_SCHEMA
        && !name.starts_with("pg_")
}

/// The first migration: the annotation tables, the journal and the feed.
fn first(schema: &str) -> String {
    use std::fmt::Write as _;
    let mut sql =
        format!("CREATE TABLE {schema}.meta (key text PRIMARY KEY, value text NOT NULL);\n");
    for table in TABLES {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|(name, kind)| {
                let sql_type = match kind {
                    Int => "bigint",
                    Text => "text",
                };
                if *name == "id" {
                    format!("id {sql_type} PRIMARY KEY")
                } else {
                    format!("{name} {sql_type} NOT NULL")
                }
            })
            .collect();
        let _ = write!(
            sql,
            "CREATE TABLE {schema}.{name} ({columns}, version bigint NOT NULL, \
             created_by text NOT NULL, changed_by text NOT NULL, \
             changed_at timestamptz NOT NULL DEFAULT now(){extra});\n\
             CREATE SEQUENCE {sequence};\n",
            name = table.name,
            columns = columns.join(", "),
            extra = table.extra.replace("{s}", schema),
            sequence = id_sequence(schema, table.name),
        );
    }
    let _ = write!(
        sql,
        "CREATE INDEX ON {schema}.mention (entity);
         CREATE INDEX ON {schema}.mention (doc);
         CREATE INDEX ON {schema}.evidence (claim);
         CREATE INDEX ON {schema}.alias (entity);
         CREATE TABLE {schema}.journal (
             id bigint PRIMARY KEY,
             time text NOT NULL,
             author text NOT NULL,
             summary text NOT NULL,
             state text NOT NULL CHECK (state IN ('done', 'undone', 'dropped'))
         );
         CREATE SEQUENCE {schema}.journal_ids;
         CREATE INDEX ON {schema}.journal (author, state, id);
         CREATE TABLE {schema}.journal_row (
             step bigint NOT NULL REFERENCES {schema}.journal (id),
             seq integer NOT NULL,
             tbl text NOT NULL,
             row bigint NOT NULL,
             before text,
             after text,
             version bigint NOT NULL,
             PRIMARY KEY (step, seq)
         );
         CREATE TABLE {schema}.feed (
             seq bigint NOT NULL,
             step bigint NOT NULL REFERENCES {schema}.journal (id),
             PRIMARY KEY (seq, step)
         );
         CREATE TABLE {schema}.feed_head (
             one boolean PRIMARY KEY DEFAULT true CHECK (one),
             seq bigint NOT NULL
         );
         INSERT INTO {schema}.feed_head (seq) VALUES (0);
        "
    );
    sql
}

/// The migrations of a team database in `schema`: migration `i` brings it from version `i`
/// to `i + 1` (`meta.schema_version`). `None` unless `schema` is a [`valid_schema`]: every
/// name in the SQL comes from it, unquoted.
pub fn migrations(schema: &str) -> Option<Vec<String>> {
    if !valid_schema(schema) {
        return None;
    }
    Some(vec![
        first(schema),
        super::roles::migration(schema)?,
        documents(schema)?,
    ])
}

/// The documents the team shares: each file's bytes once (`blob`, by their BLAKE3 hash),
/// where it is in the team's corpus (`document`, a path relative to the corpus folder), and
/// the number of the last change of each path, handed out in commit order as the feed's
/// are (`document_head`). A document taken out of the team stays listed, `removed`, so the
/// members' workspaces take it out too. Readers read them; annotators share (insert and
/// replace); only admins remove or bring back (the `removed` column is theirs alone).
fn documents(schema: &str) -> Option<String> {
    use super::roles::TeamRole;
    let reader = TeamRole::Reader.role_name(schema)?;
    let annotator = TeamRole::Annotator.role_name(schema)?;
    let admin = TeamRole::Admin.role_name(schema)?;
    Some(format!(
        "CREATE TABLE {schema}.blob (
             hash text PRIMARY KEY,
             content bytea NOT NULL,
             size bigint NOT NULL
         );
         CREATE TABLE {schema}.document (
             path text PRIMARY KEY,
             hash text NOT NULL REFERENCES {schema}.blob (hash),
             added_by text NOT NULL,
             added_at timestamptz NOT NULL DEFAULT now(),
             removed boolean NOT NULL DEFAULT false,
             seq bigint NOT NULL
         );
         CREATE INDEX ON {schema}.document (seq, path);
         CREATE TABLE {schema}.document_head (
             one boolean PRIMARY KEY DEFAULT true CHECK (one),
             seq bigint NOT NULL
         );
         INSERT INTO {schema}.document_head (seq) VALUES (0);
         GRANT SELECT ON {schema}.blob, {schema}.document, {schema}.document_head TO {reader};
         GRANT INSERT ON {schema}.blob TO {annotator};
         GRANT INSERT, UPDATE (hash, added_by, added_at, seq) ON {schema}.document TO {annotator};
         GRANT UPDATE (removed) ON {schema}.document TO {admin};
         GRANT UPDATE ON {schema}.document_head TO {annotator};
        "
    ))
}

/// The schema version this build writes.
pub fn current() -> i64 {
    migrations("isnad").map_or(0, |all| i64::try_from(all.len()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The team's tables have the local store's columns, in its order: a row image from the
    /// journal is a row of either.
    #[test]
    fn the_tables_have_the_local_stores_columns() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = crate::store::Store::open(&dir.path().join("s.sqlite"), "a").expect("store");
        for table in TABLES {
            let local = store.columns_of(table.name).expect("columns");
            let ours: Vec<(String, Kind)> = table
                .columns
                .iter()
                .map(|&(name, kind)| (name.to_owned(), kind))
                .collect();
            assert_eq!(local, ours, "{}", table.name);
        }
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        let mut journaled = crate::store::schema::JOURNALED.to_vec();
        journaled.sort_unstable();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, journaled);
    }

    #[test]
    fn schema_names_need_no_quotes() {
        for good in ["isnad", "team_2", "_x"] {
            assert!(valid_schema(good), "{good}");
        }
        for bad in [
            "",
            "Isnad",
            "2team",
            "a-b",
            "a b",
            "a;drop",
            "pg_catalog",
            "ا",
            &"a".repeat(MAX_SCHEMA + 1),
        ] {
            assert!(!valid_schema(bad), "{bad}");
            assert!(migrations(bad).is_none(), "{bad}");
        }
        assert!(valid_schema(&"a".repeat(MAX_SCHEMA)));
    }
}
