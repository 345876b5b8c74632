//! Team mode: a workspace whose annotations live in PostgreSQL.
//!
//! - [`connect`] reaches the server as libpq does: specs, `PG…` variables, pgpass, TLS.

pub mod connect;
