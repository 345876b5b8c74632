//! The workbench TUI, the only module that imports ratatui or crossterm.
//!
//! The shape follows `docs/style.md`: `App::update` is a pure state machine (messages in, state
//! and `Effect`s out) and the `runtime` performs the effects on a real terminal, with the
//! index on a worker thread. Panes own their view state (`SearchPane`, `ReaderPane`); the
//! `view` only reads it. Keys go through the `keymap` (data, embedded from
//! `assets/keymap.toml`, patched by the user's file) to `Action`s. Right-to-left text is
//! laid out by `text::bidi` and written cell by cell (`paint`), never through ratatui's
//! `Line`/`Span`.

pub mod action;
pub mod app;
pub mod chain_view;
pub mod claims_pane;
pub mod command;
pub mod copies_view;
pub mod entities_pane;
pub mod facets_pane;
pub mod help;
pub mod hints;
pub mod input;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod msg;
pub mod paint;
pub mod preview;
pub mod probe;
pub mod reader_pane;
pub mod runtime;
pub mod search_pane;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod view;

pub use app::{App, AppOptions};
pub use runtime::{CalibrationStore, Scripted, run, run_script};
