//! isnad — a keyboard-driven terminal workbench for reviewing many news reports about one
//! event, right-to-left languages first.
//!
//! # How the pieces fit
//!
//! ```text
//!   files ──corpus──▶ Document ──index──▶ SearchIndex ──search──▶ SearchHit
//!                        │                    ▲
//!                        └── text (arabic normaliser + stemmer, words, script)
//!   Workspace: finds isnad.toml, owns the paths (corpus roots, .isnad/), opens the index
//! ```
//!
//! - [`corpus`] turns untrusted files into [`corpus::Document`]s: decoding (UTF-8/16,
//!   Windows-1256, ISO-8859-6), sanitising (no escape sequences or controls survive), the
//!   formats (txt, md, json, jsonl, html) and metadata. Anything unreadable becomes a
//!   [`corpus::Skipped`] naming the file, line and reason.
//! - [`text`] holds pure algorithms with no I/O: the Arabic normaliser and light stemmer of
//!   `arabic-search.md`, word boundaries, script and direction detection.
//! - [`index`] wraps tantivy: the schema (exact and stemmed field pairs), the analyzers
//!   (registered on every open, versioned), incremental updates against a manifest, and
//!   search with lenient parsing and highlighted snippets. The index is derived data and is
//!   rebuilt whenever it cannot be trusted.
//! - [`workspace`] is one investigation on disk: discovery like git, `isnad.toml`, the
//!   sample case, and `add`.
//!
//! - [`tui`] is the workbench: a pure `App::update` (messages in, effects out), panes that
//!   own their view state, a keymap that is data, and a runtime that owns the terminal and
//!   runs the index on a worker thread.
//!
//! The domain modules never import a terminal crate (a test keeps it so); the command line
//! in `main.rs`/`cli.rs` and the TUI are faces over this API.
//!
//! Offsets: document and snippet offsets are UTF-8 **byte** offsets unless a name says
//! otherwise (`char_` for code points).

pub mod annotate;
mod atomic;
pub mod corpus;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod index;
mod lock;
pub mod review;
pub mod store;
pub mod text;
pub mod tui;
pub mod workspace;
