//! Who may do what in a team's database: three group roles per team, the grants that make
//! them, the row-level security of document notes, and the function admins grant with
//! (schema migration 2).
//!
//! isnad makes no login roles: the database's administrator does (`CREATE ROLE amal LOGIN
//! PASSWORD …`), and a team admin then makes each one a member of one team role (`isnad
//! team grant amal annotator`). The team roles are `{schema}_reader` (reads everything),
//! `{schema}_annotator` (a reader that also writes annotations, the journal and the feed)
//! and `{schema}_admin` (an annotator that may change anyone's document note and grant team
//! roles). Each is a member of the one below it, so privileges are granted once.
//!
//! Roles belong to the whole PostgreSQL server, not to one database: two teams in different
//! databases of one server with the same schema name share their roles, and a member of one
//! is a member of the other. Give each team on a server a schema of its own (`--schema`).
//! Making a role that exists already is not an error, so a team made again after being
//! dropped, or made in a second database on purpose, gets the roles it had; but a role that
//! can log in or is a superuser (a DBA's `isnad_admin`) is never taken for a team role, or
//! granting `admin` would hand out membership of it: the migration is refused.
//!
//! A document's note text (`doc_note.note`) may be changed or cleared only by the database
//! role that made it (`created_role`) or a team admin; its review mark and tags are the
//! team's triage, which every annotator may change. Row-level security makes a new row carry
//! its maker's role; a trigger (`keep_others_notes`) keeps the text, row by row. The team's
//! owner (whoever ran `isnad team init`) is not held by either: PostgreSQL lets a table's
//! owner past row-level security unless FORCE is given, the trigger lets the schema's owner
//! by, and the owner made the team and can change anything anyway.
//!
//! Granting is done by `grant_team_role`, a function that runs as its owner (the team's
//! creator, who needs CREATEROLE to make the roles): in PostgreSQL 15 granting a role needs
//! ADMIN OPTION on it or CREATEROLE, and no role can be given ADMIN OPTION on itself, so
//! admins could not make other admins by plain GRANTs. Through the function every grant has
//! the same grantor, so one admin can take back what another gave; only members of the
//! admin role (and the owner) may call it.
//!
//! Every name in the SQL comes from a schema name checked by `schema::valid_schema`; the
//! member's name is a value, quoted by PostgreSQL's own `format('%I')`.

use std::fmt::Write as _;

use super::schema::{self, TABLES};

/// What a member of a team may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TeamRole {
    /// Reads every annotation, changes none.
    Reader,
    /// Adds and changes annotations; changes only their own document notes.
    Annotator,
    /// Changes anything, and grants team roles.
    Admin,
}

impl TeamRole {
    /// Every team role, least first.
    pub const ALL: [TeamRole; 3] = [TeamRole::Reader, TeamRole::Annotator, TeamRole::Admin];

    /// The word for it on the command line: `reader`, `annotator`, `admin`.
    pub fn word(self) -> &'static str {
        match self {
            TeamRole::Reader => "reader",
            TeamRole::Annotator => "annotator",
            TeamRole::Admin => "admin",
        }
    }

    /// The team role a word names.
    pub fn parse(word: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|role| role.word() == word)
    }

    /// Its group role in PostgreSQL for the team in `schema` (`isnad_annotator`); `None`
    /// unless the schema is a valid one, so the name needs no quotes.
    pub fn role_name(self, schema: &str) -> Option<String> {
        schema::valid_schema(schema).then(|| format!("{schema}_{}", self.word()))
    }
}

impl std::fmt::Display for TeamRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

/// The function team admins grant roles with: `grant_team_role(member, word)`.
pub fn grant_function(schema: &str) -> String {
    format!("{schema}.grant_team_role")
}

/// The tables an annotator writes: the annotations, the journal and the feed.
fn written_tables(schema: &str) -> Vec<String> {
    TABLES
        .iter()
        .map(|table| table.name)
        .chain(["journal", "journal_row", "feed"])
        .map(|name| format!("{schema}.{name}"))
        .collect()
}

/// Migration 2: the team roles, their grants, `created_role` and the rule on document
/// notes, and the granting function. `None` unless `schema` is valid.
pub(super) fn migration(schema: &str) -> Option<String> {
    let [reader, annotator, admin] = TeamRole::ALL.map(|role| role.role_name(schema));
    let (reader, annotator, admin) = (reader?, annotator?, admin?);
    let written = written_tables(schema).join(", ");
    let sequences = TABLES
        .iter()
        .map(|table| schema::id_sequence(schema, table.name))
        .chain([format!("{schema}.journal_ids")])
        .collect::<Vec<_>>()
        .join(", ");
    // Rows made before this migration are the owner's: the one who made the team.
    let mut add_column = String::new();
    let mut set_default = String::new();
    for table in TABLES {
        let name = table.name;
        let _ = writeln!(
            add_column,
            "EXECUTE format('ALTER TABLE {schema}.{name} ADD COLUMN created_role text \
             NOT NULL DEFAULT %L', owner);"
        );
        let _ = writeln!(
            set_default,
            "ALTER TABLE {schema}.{name} ALTER COLUMN created_role SET DEFAULT current_user;"
        );
    }
    let grant = grant_function(schema);
    let keep = keep_others_notes(schema, &admin);
    // A role made (or a membership granted) by another team's migration committing at the
    // same moment is a unique violation rather than duplicate_object: both mean "there".
    let there = "duplicate_object OR unique_violation";
    Some(format!(
        "DO $roles$
         DECLARE taken text := (SELECT string_agg(rolname, ', ') FROM pg_catalog.pg_roles
             WHERE rolname IN ('{reader}', '{annotator}', '{admin}')
             AND (rolcanlogin OR rolsuper));
         BEGIN
             IF taken IS NOT NULL THEN
                 RAISE EXCEPTION 'the role % exists already and can log in, so it cannot be a role of this team: give the team another schema (--schema)', taken
                     USING ERRCODE = 'duplicate_object';
             END IF;
             BEGIN CREATE ROLE {reader} NOLOGIN; EXCEPTION WHEN {there} THEN NULL; END;
             BEGIN CREATE ROLE {annotator} NOLOGIN; EXCEPTION WHEN {there} THEN NULL; END;
             BEGIN CREATE ROLE {admin} NOLOGIN; EXCEPTION WHEN {there} THEN NULL; END;
             BEGIN GRANT {reader} TO {annotator}; EXCEPTION WHEN {there} THEN NULL; END;
             BEGIN GRANT {annotator} TO {admin}; EXCEPTION WHEN {there} THEN NULL; END;
         END $roles$;
         GRANT USAGE ON SCHEMA {schema} TO {reader};
         GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {reader};
         GRANT INSERT, UPDATE, DELETE ON {written} TO {annotator};
         GRANT UPDATE ON {schema}.feed_head TO {annotator};
         GRANT USAGE ON SEQUENCE {sequences} TO {annotator};
         DO $created$
         DECLARE owner text := (SELECT pg_catalog.pg_get_userbyid(nspowner)
                                FROM pg_catalog.pg_namespace WHERE nspname = '{schema}');
         BEGIN
         {add_column}END $created$;
         {set_default}ALTER TABLE {schema}.doc_note ENABLE ROW LEVEL SECURITY;
         CREATE POLICY everyone_reads ON {schema}.doc_note FOR SELECT USING (true);
         CREATE POLICY rows_made_as_oneself ON {schema}.doc_note FOR INSERT
             WITH CHECK (created_role = current_user);
         CREATE POLICY everyone_triages ON {schema}.doc_note FOR UPDATE
             USING (true) WITH CHECK (true);
         CREATE POLICY everyone_clears ON {schema}.doc_note FOR DELETE USING (true);
         {keep}
         CREATE FUNCTION {grant}(grantee text, word text) RETURNS void
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $grant$
         DECLARE
             team text[] := ARRAY['{reader}', '{annotator}', '{admin}'];
             wanted text := '{schema}_' || word;
             grantee_oid oid := (SELECT oid FROM pg_roles WHERE rolname = grantee);
             other text;
         BEGIN
             IF NOT wanted = ANY (team) THEN
                 RAISE EXCEPTION '% is not a team role: give reader, annotator or admin', word
                     USING ERRCODE = 'invalid_parameter_value';
             END IF;
             IF grantee_oid IS NULL THEN
                 RAISE EXCEPTION 'there is no role % in this database server: its administrator makes it first (CREATE ROLE % LOGIN PASSWORD ...)', grantee, grantee
                     USING ERRCODE = 'undefined_object';
             END IF;
             IF grantee = ANY (team) THEN
                 RAISE EXCEPTION '% is one of the team roles: give the role of a member', grantee
                     USING ERRCODE = 'invalid_parameter_value';
             END IF;
             EXECUTE format('GRANT %I TO %I', wanted, grantee);
             FOREACH other IN ARRAY team LOOP
                 IF other <> wanted AND EXISTS (
                     SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     WHERE g.rolname = other AND m.member = grantee_oid
                 ) THEN
                     EXECUTE format('REVOKE %I FROM %I', other, grantee);
                 END IF;
             END LOOP;
         END $grant$;
         REVOKE ALL ON FUNCTION {grant}(text, text) FROM PUBLIC;
         GRANT EXECUTE ON FUNCTION {grant}(text, text) TO {admin};
        "
    ))
}

/// The trigger that keeps the text of a document's note to its maker, a team admin or the
/// team's owner (changing or clearing it); review marks and tags pass.
fn keep_others_notes(schema: &str, admin: &str) -> String {
    format!(
        "CREATE FUNCTION {schema}.keep_others_notes() RETURNS trigger
         LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $keep$
         BEGIN
             IF OLD.created_role <> current_user
                AND NOT pg_catalog.pg_has_role('{admin}', 'MEMBER')
                AND current_user <> (SELECT pg_catalog.pg_get_userbyid(nspowner)
                                     FROM pg_catalog.pg_namespace WHERE nspname = '{schema}')
                AND ((TG_OP = 'UPDATE' AND NEW.note IS DISTINCT FROM OLD.note)
                     OR (TG_OP = 'DELETE' AND OLD.note <> '')) THEN
                 RAISE EXCEPTION 'the note on document % was made by %; only % or a team admin can change it (you are %)',
                     OLD.doc, OLD.created_role, OLD.created_role, current_user
                     USING ERRCODE = 'insufficient_privilege';
             END IF;
             RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
         END $keep$;
         CREATE TRIGGER keep_others_notes BEFORE UPDATE OR DELETE ON {schema}.doc_note
             FOR EACH ROW EXECUTE FUNCTION {schema}.keep_others_notes();"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name migration 2 writes is the schema's or one of its own words: a schema name
    /// that is not valid gives no SQL at all.
    #[test]
    fn migration_2_is_made_only_from_a_valid_schema_name() {
        for bad in [
            "a;drop",
            "isnad\"; DROP ROLE x; --",
            "Isnad",
            "pg_x",
            "a b",
            "",
        ] {
            assert!(migration(bad).is_none(), "{bad}");
            for role in TeamRole::ALL {
                assert!(role.role_name(bad).is_none(), "{bad}");
            }
        }
        let longest = "a".repeat(schema::MAX_SCHEMA);
        let sql = migration(&longest).expect("the longest valid schema");
        for role in TeamRole::ALL {
            let name = role.role_name(&longest).expect("valid");
            assert!(name.len() <= 63, "{name} would be cut by PostgreSQL");
            assert!(sql.contains(&format!("CREATE ROLE {name} NOLOGIN")));
        }
        // Quotes appear only around the fixed words and the roles' own names.
        let sql = migration("team_7").expect("valid");
        for quoted in sql.split('\'').skip(1).step_by(2) {
            let known = quoted.is_empty()
                || quoted.starts_with("team_7")
                || quoted.contains('%')
                || [
                    ", ",
                    "MEMBER",
                    "invalid_parameter_value",
                    "undefined_object",
                    "duplicate_object",
                    "UPDATE",
                    "DELETE",
                    "insufficient_privilege",
                ]
                .contains(&quoted);
            assert!(known, "{quoted:?}");
        }
    }

    #[test]
    fn team_roles_read_as_their_words() {
        for role in TeamRole::ALL {
            assert_eq!(TeamRole::parse(role.word()), Some(role));
        }
        assert_eq!(TeamRole::parse("owner"), None);
        assert_eq!(
            TeamRole::Annotator.role_name("isnad").as_deref(),
            Some("isnad_annotator")
        );
    }
}
