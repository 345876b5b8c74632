//! `tests/run`, the suite's front door, with stand-ins for `dpkg`, `apt-get`, `sudo`, `id` and
//! `cargo` at the front of PATH and for `tests/pg-cluster`: what it installs and how (as root,
//! through `sudo -n`), what it says when it cannot, that with everything present it only runs
//! the tests around a throwaway PostgreSQL, stopped whatever the tests' outcome. Nothing on
//! this machine is installed or removed. The real `tests/pg-cluster` is run once, at the end.

use std::path::{Path, PathBuf};
use std::process::Output;

/// A folder of stand-ins, each logging how it was called to `calls.log`.
struct Shims {
    dir: tempfile::TempDir,
}

const DPKG: &str = r#"#!/bin/sh
[ "$1" = -s ] || exit 2
case " $FAKE_INSTALLED " in
  *" $2 "*) printf 'Package: %s\nStatus: install ok installed\n' "$2" ;;
  *) echo "dpkg-query: package '$2' is not installed" >&2; exit 1 ;;
esac
"#;

const ID: &str = r#"#!/bin/sh
[ "$1" = -u ] && echo "$FAKE_UID"
"#;

const SUDO: &str = r#"#!/bin/sh
[ "$FAKE_SUDO" = yes ] || { echo "sudo: a password is required" >&2; exit 1; }
[ "$1" = -n ] && shift
[ "$1" = true ] && exit 0
echo "sudo $*" >> "$CALLS"
exec "$@"
"#;

const APT_GET: &str = r#"#!/bin/sh
echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> "$CALLS"
"#;

/// Says what the tests would see of the cluster, and fails as `FAKE_CARGO_EXIT` says.
const CARGO: &str = r#"#!/bin/sh
echo "cargo $*" >> "$CALLS"
echo "ISNAD_TEST_PG=$ISNAD_TEST_PG ISNAD_TEST_PGPASSFILE=$ISNAD_TEST_PGPASSFILE PGPASSFILE=${PGPASSFILE-unset}" > "$CALLS.env"
exit "${FAKE_CARGO_EXIT:-0}"
"#;

/// Writes the env file `tests/pg-cluster start` writes, or fails when `FAKE_PG` is `fails`.
const PG_CLUSTER: &str = r#"#!/bin/sh
echo "pg-cluster $1" >> "$CALLS"
echo "$2" >> "$CALLS.dirs"
[ "$1" = start ] || exit 0
if [ "$FAKE_PG" = fails ]; then echo "FATAL: could not create shared memory segment" >&2; exit 1; fi
printf "export ISNAD_TEST_PG='postgres://isnad_super@127.0.0.1:5999/postgres'\nexport ISNAD_TEST_PGPASSFILE='%s/pgpass'\n" "$2" > "$2/env"
"#;

impl Shims {
    fn new() -> Shims {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, script) in [
            ("dpkg", DPKG),
            ("id", ID),
            ("sudo", SUDO),
            ("apt-get", APT_GET),
            ("cargo", CARGO),
            ("pg-cluster", PG_CLUSTER),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, script).expect("write a stand-in");
            let executable = std::os::unix::fs::PermissionsExt::from_mode(0o755);
            std::fs::set_permissions(&path, executable).expect("chmod");
        }
        Shims { dir }
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("calls.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// `tests/run --test cli` with `installed` packages, user id `uid`, a working `sudo -n`
    /// or not, and `CC` set or not.
    fn run(&self, installed: &str, uid: u32, sudo: bool, cc: Option<&str>) -> Output {
        self.run_with(installed, uid, sudo, cc, &[])
    }

    /// `run` with more variables for the stand-ins.
    fn run_with(
        &self,
        installed: &str,
        uid: u32,
        sudo: bool,
        cc: Option<&str>,
        vars: &[(&str, &str)],
    ) -> Output {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs: Vec<PathBuf> = vec![self.dir.path().to_path_buf()];
        dirs.extend(std::env::split_paths(&path));
        let mut command = std::process::Command::new(script());
        command
            .args(["--test", "cli"])
            .env("PATH", std::env::join_paths(dirs).expect("PATH"))
            .env("CALLS", self.dir.path().join("calls.log"))
            .env("FAKE_INSTALLED", installed)
            .env("FAKE_UID", uid.to_string())
            .env("FAKE_SUDO", if sudo { "yes" } else { "no" })
            .env("ISNAD_PG_CLUSTER", self.dir.path().join("pg-cluster"))
            .env_remove("DEBIAN_FRONTEND")
            .env_remove("PGPASSFILE")
            .envs(vars.iter().copied());
        match cc {
            Some(cc) => command.env("CC", cc),
            None => command.env_remove("CC"),
        };
        command.output().expect("run tests/run")
    }
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/run")
}

const ALL: &str = "libicu-dev tmux hunspell-ar mount util-linux postgresql";

/// What a run that must succeed called, in order.
fn calls_of(installed: &str, uid: u32, sudo: bool, cc: Option<&str>) -> Vec<String> {
    let shims = Shims::new();
    let output = shims.run(installed, uid, sudo, cc);
    assert!(output.status.success(), "{output:?}");
    shims.calls()
}

#[test]
fn with_everything_present_it_only_runs_the_tests() {
    let shims = Shims::new();
    let output = shims.run(ALL, 1000, false, None);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        shims.calls(),
        [
            "pg-cluster start",
            "cargo test --test cli",
            "pg-cluster stop"
        ]
    );
    assert!(output.stderr.is_empty(), "says nothing: {output:?}");
}

#[test]
fn as_root_it_installs_what_is_missing_then_runs_the_tests() {
    assert_eq!(
        calls_of("mount util-linux", 0, false, None),
        [
            "apt-get update -qq (DEBIAN_FRONTEND=)",
            "apt-get install -y libicu-dev tmux hunspell-ar postgresql -qq (DEBIAN_FRONTEND=noninteractive)",
            "pg-cluster start",
            "cargo test --test cli",
            "pg-cluster stop",
        ]
    );
}

#[test]
fn a_user_installs_through_sudo_without_a_password() {
    assert_eq!(
        calls_of("libicu-dev mount util-linux postgresql", 1000, true, None),
        [
            "sudo apt-get update -qq",
            "apt-get update -qq (DEBIAN_FRONTEND=)",
            "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y tmux hunspell-ar -qq",
            "apt-get install -y tmux hunspell-ar -qq (DEBIAN_FRONTEND=noninteractive)",
            "pg-cluster start",
            "cargo test --test cli",
            "pg-cluster stop",
        ]
    );
}

#[test]
fn without_root_or_sudo_it_stops_and_names_the_command() {
    let shims = Shims::new();
    let output = shims.run("mount util-linux", 1000, false, None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains(
            "sudo apt-get update && sudo apt-get install -y libicu-dev tmux hunspell-ar postgresql"
        ),
        "{said}"
    );
    assert!(shims.calls().is_empty(), "nothing installed, no tests run");
}

#[test]
fn without_a_c_compiler_it_installs_gcc() {
    let calls = calls_of(ALL, 0, false, Some("/nonexistent/cc"));
    let install = "apt-get install -y gcc libc6-dev -qq (DEBIAN_FRONTEND=noninteractive)";
    assert!(calls.iter().any(|call| call == install), "{calls:?}");
}

#[test]
fn the_tests_see_the_cluster_through_their_own_variables_only() {
    let shims = Shims::new();
    let output = shims.run(ALL, 1000, false, None);
    assert!(output.status.success(), "{output:?}");
    let dir = std::fs::read_to_string(shims.dir.path().join("calls.log.dirs")).expect("dirs");
    let dirs: Vec<&str> = dir.lines().collect();
    assert_eq!(dirs.len(), 2, "one start, one stop: {dirs:?}");
    assert_eq!(dirs[0], dirs[1], "stopped the folder it started");
    assert!(!Path::new(dirs[0]).exists(), "the folder is removed");
    let seen = std::fs::read_to_string(shims.dir.path().join("calls.log.env")).expect("env");
    assert_eq!(
        seen.trim(),
        format!(
            "ISNAD_TEST_PG=postgres://isnad_super@127.0.0.1:5999/postgres \
             ISNAD_TEST_PGPASSFILE={}/pgpass PGPASSFILE=unset",
            dirs[0]
        )
    );
}

#[test]
fn failing_tests_still_stop_the_cluster_and_keep_cargos_exit_code() {
    let shims = Shims::new();
    let output = shims.run_with(ALL, 1000, false, None, &[("FAKE_CARGO_EXIT", "101")]);
    assert_eq!(output.status.code(), Some(101), "{output:?}");
    assert_eq!(
        shims.calls(),
        [
            "pg-cluster start",
            "cargo test --test cli",
            "pg-cluster stop"
        ]
    );
}

#[test]
fn a_cluster_that_does_not_start_fails_the_run_before_any_test() {
    let shims = Shims::new();
    let output = shims.run_with(ALL, 1000, false, None, &[("FAKE_PG", "fails")]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("could not create shared memory segment"),
        "{said}"
    );
    assert!(
        said.contains("PostgreSQL for the tests did not start"),
        "{said}"
    );
    assert_eq!(shims.calls(), ["pg-cluster start", "pg-cluster stop"]);
}

/// The real `tests/pg-cluster`: a cluster started within seconds, the variables the tests
/// read and a private pgpass file, and a folder removed by `stop`. (`tests/team_pg.rs`
/// connects to it with that file.)
#[test]
fn the_cluster_script_starts_a_server_and_stop_removes_its_folder() {
    let parent = tempfile::Builder::new()
        .prefix("isnad-pg-script")
        .tempdir_in("/tmp")
        .expect("tempdir");
    let dir = parent.path().join("cluster");
    let cluster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pg-cluster");
    let started = std::time::Instant::now();
    let output = std::process::Command::new(&cluster)
        .arg("start")
        .arg(&dir)
        .output()
        .expect("run tests/pg-cluster start");
    assert!(output.status.success(), "{output:?}");
    assert!(started.elapsed().as_secs() < 15, "{:?}", started.elapsed());
    let printed = String::from_utf8_lossy(&output.stdout);
    let env = std::fs::read_to_string(dir.join("env")).expect("the env file");
    assert_eq!(printed, env);
    assert!(
        env.contains("export ISNAD_TEST_PG='postgres://isnad_super@127.0.0.1:"),
        "{env}"
    );
    assert!(
        !env.contains("PGPASSWORD") && !env.contains("export PGPASSFILE"),
        "{env}"
    );
    let passfile = dir.join("pgpass");
    let mode = std::fs::metadata(&passfile).expect("pgpass").permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600
    );
    let pgpass = std::fs::read_to_string(&passfile).expect("read pgpass");
    assert!(pgpass.starts_with("127.0.0.1:"), "{pgpass}");
    assert!(dir.join("socket").is_dir() && dir.join("data/PG_VERSION").is_file());

    let stopped = std::process::Command::new(&cluster)
        .arg("stop")
        .arg(&dir)
        .output()
        .expect("run tests/pg-cluster stop");
    assert!(stopped.status.success(), "{stopped:?}");
    assert!(!dir.exists(), "stop removes the folder");
}
