//! A fresh PostgreSQL database for a test, on the throwaway server `tests/run` starts
//! (`tests/pg-cluster`), dropped when the test ends. The server's URL and pgpass file come in
//! `ISNAD_TEST_PG` and `ISNAD_TEST_PGPASSFILE`; without them a test fails, never skips.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use isnad::team::connect::Target;

/// What a test says when it is run without the throwaway server.
const NO_SERVER: &str = "ISNAD_TEST_PG is not set: run the tests through tests/run, which starts a throwaway PostgreSQL";

/// Databases made by this process so far, for unique names.
static MADE: AtomicU32 = AtomicU32::new(0);

/// A database of its own for one test; dropped (connections and all) when this is dropped.
pub struct TestDb {
    /// A libpq URL of the database, without a password.
    pub url: String,
    /// The pgpass file with the password for `url`.
    pub passfile: PathBuf,
    name: String,
    server_url: String,
}

/// Makes a database with a name no other test or run uses: `isnad_t_<pid>_<n>_<random>`.
pub fn database() -> TestDb {
    let variable = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{NO_SERVER}"));
    let server_url = variable("ISNAD_TEST_PG");
    let passfile = PathBuf::from(variable("ISNAD_TEST_PGPASSFILE"));
    let name = format!(
        "isnad_t_{}_{}_{:08x}",
        std::process::id(),
        MADE.fetch_add(1, Ordering::Relaxed),
        fastrand::u32(..)
    );
    let db = TestDb {
        url: with_dbname(&server_url, &name),
        passfile,
        name,
        server_url,
    };
    db.admin()
        .batch_execute(&format!("CREATE DATABASE {}", db.name))
        .expect("create the test's database");
    db
}

impl TestDb {
    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The database as a [`Target`] that reads the password from the pgpass file.
    pub fn target(&self) -> Target {
        Target::parse(&with_passfile(&self.url, &self.passfile)).expect("the test database's URL")
    }

    /// A connection to the database.
    pub fn connect(&self) -> postgres::Client {
        self.target()
            .connect()
            .expect("connect to the test database")
    }

    /// What a child process (isnad itself) needs to find the password: `PGPASSFILE`.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![("PGPASSFILE".to_owned(), self.passfile.display().to_string())]
    }

    /// A connection to the server's own `postgres` database, for creating and dropping.
    fn admin(&self) -> postgres::Client {
        let spec = with_passfile(&self.server_url, &self.passfile);
        Target::parse(&format!("{spec}&sslmode=disable"))
            .expect("ISNAD_TEST_PG is a URL")
            .connect()
            .expect("connect to the throwaway PostgreSQL of tests/run")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // Never panic here: a failing test is already unwinding through it.
        let dropped = self.admin().batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
        if let Err(error) = dropped {
            eprintln!("could not drop the test database {}: {error}", self.name);
        }
    }
}

/// `url` with its database replaced by `dbname`.
fn with_dbname(url: &str, dbname: &str) -> String {
    let (before_query, _) = url.split_once('?').unwrap_or((url, ""));
    let scheme_end = before_query.find("://").map_or(0, |i| i + 3);
    let authority = before_query
        .get(scheme_end..)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default();
    format!(
        "{}{authority}/{dbname}",
        before_query.get(..scheme_end).unwrap_or_default()
    )
}

/// `url` (without a query) with `passfile=` added, percent-encoded.
fn with_passfile(url: &str, passfile: &std::path::Path) -> String {
    let encoded: String = passfile
        .display()
        .to_string()
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{url}?passfile={encoded}")
}
