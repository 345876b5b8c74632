//! `team::connect` against a real PostgreSQL: the throwaway server `tests/run` starts
//! (`tests/pg-cluster`), which takes scram-sha-256 passwords on 127.0.0.1 and has no TLS.
//! What a user sees when the password, the database, TLS or the server is wrong, and that
//! no message or `Debug` ever shows the password.

mod common;

use common::pg;
use isnad::team::connect::{ConnectError, Target};

/// A password no server message or setting could contain by chance.
const WRONG: &str = "wr0ng-Pa55-7d1c";

/// `db`'s URL with `user:password@` in place of `user@`.
fn with_password(url: &str, password: &str) -> String {
    url.replacen("isnad_super@", &format!("isnad_super:{password}@"), 1)
}

fn shown(error: &ConnectError) -> String {
    format!("{error}\n{error:?}")
}

#[test]
fn connects_with_the_password_from_the_pgpass_file() {
    let db = pg::database();
    let (mut client, password) = db
        .target()
        .connect_keeping_password()
        .expect("connect with the pgpass file");
    let row = client
        .query_one("SELECT current_database(), current_user", &[])
        .expect("query");
    assert_eq!(row.get::<_, String>(0), db.name());
    assert_eq!(row.get::<_, String>(1), "isnad_super");
    // A second connection (LISTEN's) with the password found for the first.
    let mut again = db.target().connect_again(&password).expect("connect again");
    again.batch_execute("SELECT 1").expect("query");
    assert!(!format!("{password:?}").contains(&read_password(&db)));
}

#[test]
fn a_wrong_password_is_refused_without_showing_it() {
    let db = pg::database();
    for spec in [
        with_password(&db.url, WRONG),
        format!("{} password={WRONG} sslmode=disable", words(&db)),
    ] {
        let target = Target::parse(&spec).expect("a valid spec");
        assert!(target.had_password());
        let Err(error) = target.connect() else {
            panic!("a wrong password must be refused");
        };
        assert!(
            matches!(error, ConnectError::AuthFailed { .. }),
            "{error:?}"
        );
        let said = shown(&error);
        assert!(!said.contains(WRONG), "{said}");
        assert!(
            said.contains(".pgpass") && said.contains("PGPASSWORD"),
            "{said}"
        );
        assert!(said.contains(&target.describe()), "{said}");
    }
}

#[test]
fn without_any_password_it_says_where_to_put_one() {
    assert!(
        std::env::var_os("PGPASSWORD").is_none(),
        "run the tests without PGPASSWORD set (tests/run does not set it)"
    );
    let db = pg::database();
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("none");
    let spec = format!("{}?passfile={}", db.url, missing.display());
    let Err(error) = Target::parse(&spec).expect("valid").connect() else {
        panic!("no password, no connection");
    };
    assert!(
        matches!(error, ConnectError::NoPassword { .. }),
        "{error:?}"
    );
    let said = error.to_string();
    assert!(
        said.contains(&format!("in {} (mode 0600)", missing.display())),
        "{said}"
    );
}

#[test]
fn a_missing_database_is_named() {
    let db = pg::database();
    let url = db.url.replace(db.name(), "isnad_t_no_such_db");
    let spec = format!("{url}?passfile={}", db.passfile.display());
    let Err(error) = Target::parse(&spec).expect("valid").connect() else {
        panic!("there is no such database");
    };
    assert!(
        matches!(error, ConnectError::NoDatabase { .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("\"isnad_t_no_such_db\" does not exist"),
        "{error}"
    );
}

#[test]
fn sslmode_require_fails_on_a_server_without_tls_and_disable_connects() {
    let db = pg::database();
    let base = format!("{}?passfile={}", db.url, db.passfile.display());
    let Err(error) = Target::parse(&format!("{base}&sslmode=require"))
        .expect("valid")
        .connect()
    else {
        panic!("the throwaway server has no TLS");
    };
    assert!(matches!(error, ConnectError::Tls { .. }), "{error:?}");
    assert!(error.to_string().contains("TLS"), "{error}");
    for mode in ["disable", "allow", "prefer"] {
        Target::parse(&format!("{base}&sslmode={mode}"))
            .expect("valid")
            .connect()
            .unwrap_or_else(|e| panic!("sslmode={mode}: {e}"));
    }
}

#[test]
fn a_closed_port_cannot_be_reached() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let spec = format!("postgresql://isnad_super:{WRONG}@127.0.0.1:{port}/x?connect_timeout=5");
    let started = std::time::Instant::now();
    let Err(error) = Target::parse(&spec).expect("valid").connect() else {
        panic!("nothing listens on {port}");
    };
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    assert!(
        matches!(error, ConnectError::Unreachable { .. }),
        "{error:?}"
    );
    let said = shown(&error);
    assert!(said.contains(&format!("127.0.0.1:{port}")), "{said}");
    assert!(
        said.to_lowercase().contains("refused"),
        "the OS's reason: {said}"
    );
    assert!(!said.contains(WRONG), "{said}");
}

/// The test database as `key=value` words, without a password.
fn words(db: &pg::TestDb) -> String {
    let target = db.target();
    let described = target.describe(); // host:port/dbname as user
    let (address, _) = described.split_once('/').expect("host:port/");
    let (host, port) = address.rsplit_once(':').expect("host:port");
    format!(
        "host={host} port={port} user=isnad_super dbname={}",
        db.name()
    )
}

/// The server's password, from the pgpass file (its first line's last field).
fn read_password(db: &pg::TestDb) -> String {
    let text = std::fs::read_to_string(&db.passfile).expect("read the pgpass file");
    let line = text.lines().next().expect("a line");
    line.rsplit(':').next().expect("a password").to_owned()
}
