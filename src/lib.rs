//! isnad — a keyboard-driven terminal workbench for reviewing many news reports about one
//! event, right-to-left languages first.
//!
//! # How the pieces fit
//!
//! ```text
//!   files ──corpus──▶ Document ──index──▶ SearchIndex ──search──▶ SearchHit
//!                        │                    │
//!                        │                    └─ documents changed ─▶ annotate ─▶ Store
//!                        │                                                          │
//!                        └── text (normaliser, stemmer, words, names, bidi)         ├─▶ export
//!                                                                                   └─▶ review
//!   Workspace: finds isnad.toml, owns the paths (corpus roots, .isnad/), opens index + store
//!   tui and the command line (main.rs, cli/, commands/): two faces over these calls
//! ```
//!
//! - [`corpus`] turns untrusted files into [`corpus::Document`]s: decoding (UTF-8/16,
//!   Windows-1256, ISO-8859-6), sanitising (no escape sequences or controls survive), the
//!   formats (txt, md, json, jsonl, html, docx, odt, eml, mbox), metadata and ids ([`corpus::file_id`]). Anything
//!   unreadable becomes a [`corpus::Skipped`] naming the file, line and reason.
//! - [`text`] holds pure algorithms with no I/O: the Arabic normaliser and light stemmer of
//!   `docs/arabic-search.md`, word boundaries, names behind clitics, script and direction
//!   detection, and the right-to-left layout engine of `docs/rtl.md` ([`text::bidi`]).
//! - [`index`] wraps tantivy: the schema (exact and stemmed field pairs), the analyzers
//!   (registered on every open, versioned), incremental updates against a manifest, and
//!   search with lenient parsing and highlighted snippets. The index is derived data and is
//!   rebuilt whenever it cannot be trusted.
//! - [`store`] is the analyst's work in `SQLite`: entities, mentions, claims, evidence and
//!   document notes, each change one transaction and one step of a journal that undoes and
//!   redoes across restarts; anchors that follow changed documents, and orphans kept, never
//!   dropped (`docs/store.md`).
//! - [`annotate`] is where the index meets the store: tag-all occurrences, quotes and
//!   code-point ranges made into anchors, `entity:`, `tag:` and `reviewed:` query terms,
//!   annotations following an index update.
//! - [`aliases`] searches a tagged entity's names together (`بوتين` also finds `Putin`
//!   once the entity says so); pure, its table made from the store's entities.
//! - [`facets`] counts a query's matches by outlet, language, month and day (the index's
//!   fast columns) and by review state, document tag and annotation (the store's sets), and
//!   turns picked values into what narrows a search.
//! - [`review`] counts a claim's evidence by distinct source and finds disagreements; pure.
//! - [`triage`] is going through the corpus document by document: documents with their
//!   review state, tags and annotation counts, narrowed and sorted, "12 of 40 reviewed",
//!   the next unreviewed one; pure.
//! - [`export`] writes the annotations out (JSON, Markdown and HTML reports, CSV, brat, W3C,
//!   `CoNLL`) and imports a JSON export back.
//! - [`workspace`] is one investigation on disk: discovery like git, `isnad.toml`, the
//!   sample case, `add`, and opening the index and the store.
//! - [`team`] is team mode, a workspace whose annotations live in PostgreSQL; so far
//!   [`team::connect`], which reaches a server as libpq does.
//! - [`tui`] is the workbench: a pure `App::update` (messages in, effects out), panes that
//!   own their view state, a keymap that is data, and a runtime that owns the terminal and
//!   runs the index and the store on threads of their own.
//! - `atomic` (private) writes files through a synced temporary file renamed into place, and
//!   tells a full disk; `lock` (private) lets one index writer and one store upgrade run at a
//!   time across processes; `fuzzing` (hidden, behind the `fuzzing` feature, which the
//!   tests and `fuzz/` turn on) holds the checks the fuzz targets run.
//!
//! The domain modules never import a terminal crate (a test keeps it so); the command line
//! in `main.rs`/`cli/`/`commands/` and the TUI are faces over this API.
//!
//! Offsets: document and snippet offsets are UTF-8 **byte** offsets unless a name says
//! otherwise (`char_` for code points). The whole map, the data flow, offsets and document
//! ids are in `docs/architecture.md`.

pub mod aliases;
pub mod annotate;
mod atomic;
pub mod attribution;
pub mod copies;
pub mod corpus;
pub mod export;
pub mod facets;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod index;
mod lock;
pub mod review;
pub mod store;
pub mod team;
pub mod text;
pub mod triage;
pub mod tui;
pub mod workspace;
