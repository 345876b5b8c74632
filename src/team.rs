//! Team mode: a workspace whose annotations live in PostgreSQL, shared by several analysts.
//!
//! The team database holds the record (`schema`): every annotation, the journal of every
//! change with its author, and a feed numbering the changes in commit order. Each member's
//! workspace keeps a copy of it in its own store (`store::Store`), which every command and
//! the workbench read as before, offline too. A change is made in the local copy's
//! transaction, pushed to the team database in one transaction of its own (checked against
//! the versions of the rows the copy last saw), and committed locally only once the team
//! database has it (`remote`); what other members did comes back through the feed.

mod remote;
pub mod schema;

pub use remote::{Connector, Fetched, Image, Pushed, Remote, RowChange, Stamp, Step, TeamError};
