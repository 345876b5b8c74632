//! Limits of the machine: a workspace that cannot be written, an export that runs out of
//! room, and documents at the edge of size (scaled down here; `isnad-bench limits` runs the
//! full sizes: a 100 MB report, a million lines, one 10 MB line, 100,000 files).

mod common;

use std::process::Command;

use common::case::Case;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Makes `dir` read-only until dropped: a read-only tmpfs mounted over a copy for root
/// (whom permissions do not stop), permissions for anyone else.
struct ReadOnly {
    dir: std::path::PathBuf,
    mounted: bool,
}

impl ReadOnly {
    fn new(dir: &std::path::Path) -> ReadOnly {
        if is_root() {
            let copy = dir.with_extension("copy");
            let status = Command::new("cp")
                .arg("-a")
                .arg(dir)
                .arg(&copy)
                .status()
                .expect("cp");
            assert!(status.success());
            let mount = |args: &[&str]| {
                let output = Command::new("mount").args(args).output().expect("mount");
                assert!(
                    output.status.success(),
                    "root must be able to mount a tmpfs for this test: {output:?}"
                );
            };
            mount(&[
                "-t",
                "tmpfs",
                "-o",
                "size=64m",
                "tmpfs",
                &dir.display().to_string(),
            ]);
            let status = Command::new("cp")
                .arg("-a")
                .arg(format!("{}/.", copy.display()))
                .arg(dir)
                .status()
                .expect("cp");
            assert!(status.success());
            mount(&["-o", "remount,ro", &dir.display().to_string()]);
            ReadOnly {
                dir: dir.to_path_buf(),
                mounted: true,
            }
        } else {
            chmod(dir, "a-w");
            ReadOnly {
                dir: dir.to_path_buf(),
                mounted: false,
            }
        }
    }
}

fn chmod(dir: &std::path::Path, mode: &str) {
    let status = Command::new("chmod")
        .args(["-R", mode])
        .arg(dir)
        .status()
        .expect("chmod");
    assert!(status.success());
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.dir).status();
        } else {
            chmod(&self.dir, "u+w");
        }
    }
}

#[test]
fn a_read_only_workspace_gives_a_clear_error_and_is_not_touched() {
    let case = Case::new("readonly");
    case.ok(&["index"]);
    case.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    let store = case.root.join(".isnad/store.sqlite");
    let before = std::fs::read(&store).expect("store");
    let guard = ReadOnly::new(&case.root);
    for args in [
        &["search", "داعش"][..],
        &["entity", "list"],
        &["entity", "add", "موسكو", "--type", "LOC", "--all"],
        &["index"],
    ] {
        let said = case.fails(args);
        assert!(
            said.contains("cannot be written")
                && said.contains("Make it writable, or copy the workspace to a writable disk"),
            "{args:?}: {said}"
        );
        assert!(!said.contains("panicked"), "{said}");
    }
    drop(guard);
    assert_eq!(std::fs::read(&store).expect("store"), before);
}

/// In a mount namespace of its own (`unshare`, no root needed where user namespaces are
/// allowed), a full disk: a tmpfs of 64 KiB at `exports/` holding the good report and a
/// filler that leaves less room than the new report needs. The export is run there, then
/// what the folder holds is printed, before the namespace and its disk go away.
const FULL_DISK: &str = r#"
set -e
out="$PWD/exports"
mount -t tmpfs -o size=64k tmpfs "$out"
cp "$GOOD" "$out/report.html"
room=$(df -k --output=avail "$out" | tail -n 1)
# Leave 4 KiB free: less than the new report, more than nothing.
head -c $(( (room - 4) * 1024 )) /dev/zero > "$out/filler" || true
set +e
"$ISNAD" export --format html -o "$out/report.html" 2> "$ERR"
echo "exit $?"
cmp -s "$GOOD" "$out/report.html" && echo "old report whole"
ls -A "$out"
"#;

#[test]
fn an_export_on_a_full_disk_leaves_the_previous_file_whole() {
    let case = Case::new("full");
    case.ok(&["index"]);
    std::fs::create_dir_all(case.root.join("exports")).expect("mkdir");
    let good = case.root.join("good.html");
    case.ok(&[
        "export",
        "--format",
        "html",
        "-o",
        &good.display().to_string(),
    ]);
    // Enough annotations that the next report is larger than the room left.
    case.ok(&["entity", "add", "بوتين", "--type", "PER", "--all"]);
    case.ok(&["entity", "add", "داعش", "--type", "ORG", "--all"]);
    let err = case.root.join("stderr.txt");
    // Root mounts in a namespace of its own; anyone else maps to root in a user namespace.
    let namespace = if is_root() { "-m" } else { "-rm" };
    let output = Command::new("unshare")
        .args([namespace, "sh", "-c", FULL_DISK])
        .env("ISNAD", env!("CARGO_BIN_EXE_isnad"))
        .env("ISNAD_DATA_DIR", &case.data)
        .env("GOOD", &good)
        .env("ERR", &err)
        .current_dir(&case.root)
        .output()
        .expect("unshare");
    let shown = String::from_utf8_lossy(&output.stdout);
    let said = std::fs::read_to_string(&err).unwrap_or_default();
    assert!(
        output.status.success(),
        "the namespace could not be made: {output:?}"
    );
    assert!(
        shown.contains("exit 1"),
        "the export cannot fit: {shown} {said}"
    );
    assert!(said.contains("No space left on device"), "{said}");
    assert!(shown.contains("old report whole"), "{shown}");
    let listed: Vec<&str> = shown
        .lines()
        .skip_while(|l| !l.starts_with("old report"))
        .skip(1)
        .collect();
    assert_eq!(
        listed,
        ["filler", "report.html"],
        "no partial file left: {shown}"
    );
}

/// The workspace on a full disk (a tmpfs of 8 MiB in a mount namespace, filled): each
/// command's output, then its exit status; then the same after the filler is removed.
const FULL_WORKSPACE: &str = r#"
set -e
ws="$PWD/full"
mkdir -p "$ws"
mount -t tmpfs -o size=8m tmpfs "$ws"
cp -a "$SOURCE/." "$ws/"
cd "$ws"
head -c 100M /dev/zero > filler 2>/dev/null || true
set +e
for args in "entity list" "search داعش" "export --format json -o $OUT" "entity add موسكو --type LOC --all"; do
  echo "== $args"
  "$ISNAD" $args 2>&1
  echo "exit $?"
done
rm filler
echo "== freed"
"$ISNAD" entity add موسكو --type LOC --all 2>&1
echo "exit $?"
"$ISNAD" entity list 2>&1
"#;

/// On a full disk, opening the store needs room to grow its shared-memory index, so even
/// `entity list` and an export to another disk failed with "disk I/O error". Reading,
/// searching and exporting work; a change is refused saying the disk is full; once space is
/// freed, changes are made again.
#[test]
fn a_full_disk_still_reads_and_exports_and_says_why_changes_wait() {
    let case = Case::new("fullws");
    case.ok(&["index"]);
    case.ok(&["entity", "add", "داعش", "--type", "ORG", "--all"]);
    let out = case.root.join("../export.json");
    let namespace = if is_root() { "-m" } else { "-rm" };
    let output = Command::new("unshare")
        .args([namespace, "sh", "-c", FULL_WORKSPACE])
        .env("ISNAD", env!("CARGO_BIN_EXE_isnad"))
        .env("ISNAD_DATA_DIR", &case.data)
        .env("SOURCE", &case.root)
        .env("OUT", &out)
        .current_dir(case.root.join(".."))
        .output()
        .expect("unshare");
    assert!(
        output.status.success(),
        "the namespace could not be made: {output:?}"
    );
    let shown = String::from_utf8_lossy(&output.stdout);
    let step = |name: &str| {
        shown
            .split("== ")
            .find(|s| s.starts_with(name))
            .unwrap_or_else(|| panic!("{name} ran: {shown}"))
            .to_owned()
    };
    let list = step("entity list");
    assert!(list.contains("داعش") && list.contains("exit 0"), "{list}");
    assert!(step("search").contains("exit 0"), "{shown}");
    assert!(step("export").contains("exit 0"), "{shown}");
    let export = std::fs::read_to_string(&out).expect("the export was written");
    assert!(export.contains("داعش"), "{export}");
    let add = step("entity add");
    assert!(
        add.contains("is full, so nothing was changed") && add.contains("exit 1"),
        "{add}"
    );
    assert!(!shown.contains("disk I/O error"), "{shown}");
    let freed = step("freed");
    assert!(
        freed.contains("exit 0") && freed.contains("موسكو"),
        "{freed}"
    );
}
