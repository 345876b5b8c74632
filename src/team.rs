//! Team mode: a workspace whose annotations live in PostgreSQL, shared by several analysts.
//!
//! The team database holds the record (`schema`): every annotation, the journal of every
//! change with its author, and a feed numbering the changes in commit order. Each member's
//! workspace keeps a copy of it in its own store (`store::Store`), which every command and
//! the workbench read as before, offline too. A change is made in the local copy's
//! transaction, pushed to the team database in one transaction of its own (checked against
//! the versions of the rows the copy last saw), and committed locally only once the team
//! database has it (`remote`); what other members did comes back through the feed.

pub mod connect;
mod remote;
pub mod roles;
pub mod schema;

pub use remote::{
    Connector, Current, Everything, Fetched, Image, JournalRow, Made, Members, Pushed, Remote,
    RowChange, Shared, Sharing, Stamp, Stamps, Step, TeamDocument, TeamError, Unconnected,
    content_hash,
};

/// The team in `schema` of the database `spec` names (a libpq URL or `key=value` string),
/// as a store reaches it: connecting as libpq would (`connect`), when first needed.
pub fn remote(spec: &str, schema: &str) -> Result<Remote, connect::ConnectError> {
    let target = connect::Target::parse(spec)?;
    let database = target.describe();
    Ok(Remote::new(
        Box::new(move || {
            target.connect().map_err(|error| Unconnected {
                away: matches!(error, connect::ConnectError::Unreachable { .. }),
                reason: error.to_string(),
            })
        }),
        schema,
        &database,
    ))
}
