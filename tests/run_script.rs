//! `tests/run`, the suite's front door, with stand-ins for `dpkg`, `apt-get`, `sudo`, `id` and
//! `cargo` at the front of PATH: what it installs and how (as root, through `sudo -n`), what
//! it says when it cannot, and that with everything present it only runs the tests. Nothing
//! on this machine is installed or removed.

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

const CARGO: &str = r#"#!/bin/sh
echo "cargo $*" >> "$CALLS"
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
            .env_remove("DEBIAN_FRONTEND");
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

const ALL: &str = "libicu-dev tmux hunspell-ar mount util-linux";

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
    assert_eq!(shims.calls(), ["cargo test --test cli"]);
    assert!(output.stderr.is_empty(), "says nothing: {output:?}");
}

#[test]
fn as_root_it_installs_what_is_missing_then_runs_the_tests() {
    assert_eq!(
        calls_of("mount util-linux", 0, false, None),
        [
            "apt-get update -qq (DEBIAN_FRONTEND=)",
            "apt-get install -y libicu-dev tmux hunspell-ar -qq (DEBIAN_FRONTEND=noninteractive)",
            "cargo test --test cli",
        ]
    );
}

#[test]
fn a_user_installs_through_sudo_without_a_password() {
    assert_eq!(
        calls_of("libicu-dev mount util-linux", 1000, true, None),
        [
            "sudo apt-get update -qq",
            "apt-get update -qq (DEBIAN_FRONTEND=)",
            "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y tmux hunspell-ar -qq",
            "apt-get install -y tmux hunspell-ar -qq (DEBIAN_FRONTEND=noninteractive)",
            "cargo test --test cli",
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
        said.contains("sudo apt-get update && sudo apt-get install -y libicu-dev tmux hunspell-ar"),
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
