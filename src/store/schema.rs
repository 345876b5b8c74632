//! The store's tables, as numbered migrations. `PRAGMA user_version` says how many have
//! been applied; each runs in its own transaction, after a backup of the file.
//!
//! Every table has an `id INTEGER PRIMARY KEY`, so the journal can record any change as a
//! row image keyed by table and id. Foreign keys have no cascades: deletions of children are
//! explicit, so they are journaled too and undo restores them.

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: entities, their aliases and mentions; the journal.
    "
    CREATE TABLE entity (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE alias (
        id INTEGER PRIMARY KEY,
        entity INTEGER NOT NULL REFERENCES entity(id),
        alias TEXT NOT NULL,
        UNIQUE (entity, alias)
    );
    CREATE TABLE mention (
        id INTEGER PRIMARY KEY,
        entity INTEGER NOT NULL REFERENCES entity(id),
        doc TEXT NOT NULL,
        byte_start INTEGER NOT NULL,
        byte_end INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        doc_hash TEXT NOT NULL
    );
    CREATE INDEX mention_doc ON mention (doc, byte_start);
    CREATE INDEX mention_entity ON mention (entity);
    CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        author TEXT NOT NULL,
        summary TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped'))
    );
    CREATE INDEX journal_state ON journal (state, id);
    CREATE TABLE journal_row (
        id INTEGER PRIMARY KEY,
        step INTEGER NOT NULL REFERENCES journal(id),
        seq INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row INTEGER NOT NULL,
        before TEXT,
        after TEXT,
        UNIQUE (step, seq)
    );
    ",
    // 2: claims and their evidence; notes per document.
    "
    CREATE TABLE claim (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'unverified',
        verdict TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        claim INTEGER NOT NULL REFERENCES claim(id),
        doc TEXT NOT NULL,
        byte_start INTEGER NOT NULL,
        byte_end INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        doc_hash TEXT NOT NULL,
        stance TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX evidence_claim ON evidence (claim);
    CREATE INDEX evidence_doc ON evidence (doc, byte_start);
    CREATE TABLE doc_note (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL UNIQUE,
        reviewed INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    );
    ",
    // 3: annotations whose passage could not be found again after their document changed.
    "
    ALTER TABLE mention ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE evidence ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0;
    ",
    // 4: entities found by name and type, claims by text: tagging and importing look them
    // up once per entity or claim, which without an index scanned the table each time
    // (importing 40,000 entities took 57 s, 100,000 took 232 s).
    "
    CREATE INDEX entity_name ON entity (name, type);
    CREATE INDEX claim_text ON claim (text);
    ",
    // 5: a workspace of a team (`team`): the version of each row in the team database as
    // this copy last saw it, and how far it has read the team's feed. Empty otherwise.
    "
    CREATE TABLE team_version (
        tbl TEXT NOT NULL,
        row INTEGER NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (tbl, row)
    );
    CREATE TABLE team_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    ",
];

/// The schema version this build writes.
pub fn current() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// The tables the journal may touch (table names are never taken from input).
pub const JOURNALED: &[&str] = &[
    "entity", "alias", "mention", "claim", "evidence", "doc_note",
];
