//! Why a connection could not be made, in words that say what to do. No variant holds a
//! password or the connection's configuration: only [`super::Target::describe`], the parts a
//! spec got wrong, and what the operating system or the server said.

use std::path::Path;
use std::time::Duration;

/// Why connecting to PostgreSQL failed.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The spec (URL, `key=value` words or a `PG…` variable) could not be read.
    #[error(
        "the PostgreSQL connection spec is not valid: {part}: {reason} (a URL like \
         postgresql://user@host:5432/dbname, or key=value words like host=… dbname=…)"
    )]
    BadSpec { part: String, reason: String },
    /// No server answered at the host and port.
    #[error(
        "cannot reach the PostgreSQL server for {target}: {reason}; check the host and port, \
         and that the server is running and accepts connections from this machine"
    )]
    Unreachable { target: String, reason: String },
    /// The server refused the user and password.
    #[error(
        "PostgreSQL refused the password for {target} ({server}): check the user name, and \
         the password in .pgpass (or the file PGPASSFILE names) or PGPASSWORD"
    )]
    AuthFailed { target: String, server: String },
    /// The server asked for a password and none was found.
    #[error(
        "PostgreSQL asks for a password for {target} and none was found: put a line \
         host:port:dbname:user:password in {passfile} (mode 0600) or set PGPASSWORD"
    )]
    NoPassword { target: String, passfile: String },
    /// TLS was required and refused, or its handshake or certificate check failed.
    #[error(
        "the encrypted (TLS) connection to {target} failed: {reason}; check sslmode (disable, \
         allow, prefer, require, verify-ca, verify-full) and sslrootcert"
    )]
    Tls { target: String, reason: String },
    /// The server is there but has no such database.
    #[error(
        "the database \"{dbname}\" does not exist on {target}: create it (createdb) or give \
         the name of one that does"
    )]
    NoDatabase { target: String, dbname: String },
    /// The server answered but would not let us in for another reason (`pg_hba.conf`, too
    /// many connections, shutting down…).
    #[error("PostgreSQL refused the connection to {target}: {message}")]
    Refused { target: String, message: String },
}

impl ConnectError {
    /// Sorts a failed connection attempt into what the user can act on. `postgres::Error`'s
    /// own Display is its kind and cause, never the configuration; server messages are the
    /// server's words, which do not contain the password.
    pub(super) fn from_postgres(
        error: &postgres::Error,
        target: String,
        dbname: &str,
        timeout: Option<Duration>,
        passfile: Option<&Path>,
    ) -> ConnectError {
        if let Some(db) = error.as_db_error() {
            let message = match db.hint() {
                Some(hint) => format!("{} ({hint})", db.message()),
                None => db.message().to_owned(),
            };
            return match db.code().code() {
                // invalid_password; invalid_authorization_specification is pg_hba.conf.
                "28P01" => ConnectError::AuthFailed {
                    target,
                    server: db.message().to_owned(),
                },
                "3D000" => ConnectError::NoDatabase {
                    target,
                    dbname: dbname.to_owned(),
                },
                _ => ConnectError::Refused { target, message },
            };
        }
        let shown = error.to_string();
        let cause = std::error::Error::source(error).map_or_else(String::new, ToString::to_string);
        // rust-postgres's kinds are private; their Display is the stable way to tell them.
        if shown.starts_with("error performing TLS handshake") {
            ConnectError::Tls {
                target,
                reason: if cause.is_empty() { shown } else { cause },
            }
        } else if shown.starts_with("timeout waiting for server") {
            let reason = timeout.map_or_else(
                || "no answer".to_owned(),
                |t| format!("no answer within {} s", t.as_secs()),
            );
            ConnectError::Unreachable { target, reason }
        } else if shown.starts_with("invalid configuration") && cause.contains("password missing") {
            ConnectError::NoPassword {
                target,
                passfile: passfile
                    .map_or_else(|| "~/.pgpass".to_owned(), |p| p.display().to_string()),
            }
        } else if shown.starts_with("authentication error") {
            ConnectError::AuthFailed {
                target,
                server: if cause.is_empty() { shown } else { cause },
            }
        } else {
            // "error connecting to server" (the OS's reason) and I/O during start-up.
            ConnectError::Unreachable {
                target,
                reason: if cause.is_empty() { shown } else { cause },
            }
        }
    }
}
