//! End to end in a real pseudo-terminal: tmux runs `isnad` on a fixture workspace holding
//! the sample reports; keys go in with `send-keys`, the screen comes out with
//! `capture-pane`. Without tmux each test fails saying so: `tests/run` installs it.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// `tmux -S socket ARGS`, run to its end.
fn tmux_output(socket: &Path, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .arg("-S")
        .arg(socket)
        .args(args)
        .output()
        .expect("run tmux")
}

fn tmux(socket: &Path, args: &[&str]) -> String {
    String::from_utf8_lossy(&tmux_output(socket, args).stdout).into_owned()
}

fn capture(socket: &Path) -> String {
    tmux(socket, &["capture-pane", "-p", "-t", "isnad"])
}

/// The screen with its colours and attributes as escape sequences.
fn capture_styled(socket: &Path) -> String {
    tmux(socket, &["capture-pane", "-p", "-e", "-t", "isnad"])
}

/// Waits until the screen satisfies `done`, or fails showing the last screen.
fn wait_for(socket: &Path, what: &str, done: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = capture(socket);
        if done(&screen) {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited for {what}; the screen is:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The first line of a document's body laid out as `isnad show` lays it out at the reader's
/// width: the oracle for what the reader must show.
fn shown_line(binary: &Path, workspace: &Path, doc: &str, width: u16, line: usize) -> String {
    let output = Command::new(binary)
        .args(["show", doc, "--width", &width.to_string()])
        .env("ISNAD_WORKSPACE", workspace)
        .output()
        .expect("isnad show");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.lines().nth(line).expect("line").trim().to_owned()
}

/// A workspace with the sample reports, indexed, and a data folder, in `dir`.
fn fixture_workspace(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    workspace_of(dir, common::copy_sample_reports)
}

/// A workspace whose corpus `fill` writes, indexed, and a data folder, in `dir`.
fn workspace_of(dir: &Path, fill: impl FnOnce(&Path)) -> (std::path::PathBuf, std::path::PathBuf) {
    let workspace = dir.join("case");
    let data = dir.join("data");
    let status = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["init"])
        .arg(&workspace)
        .status()
        .expect("init");
    assert!(status.success());
    fill(&workspace.join("corpus"));
    let binary = Path::new(env!("CARGO_BIN_EXE_isnad"));
    let status = Command::new(binary)
        .arg("index")
        .env("ISNAD_WORKSPACE", &workspace)
        .status()
        .expect("index");
    assert!(status.success());

    (workspace, data)
}

/// Fails the test unless tmux can run here: a test that passed without running would hide
/// that nothing was checked.
fn require_tmux() {
    if let Err(error) = Command::new("tmux").arg("-V").output() {
        panic!("tmux cannot run ({error}): run tests/run, which installs it");
    }
}

#[test]
fn search_open_and_quit_in_a_real_terminal() {
    require_tmux();
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, data) = fixture_workspace(dir.path());
    let binary = Path::new(env!("CARGO_BIN_EXE_isnad"));
    let socket = dir.path().join("tmux.sock");
    let exit_file = dir.path().join("exit-status");
    start_isnad(&socket, &workspace, &data, &exit_file);
    let cleanup = scopeguard(&socket);

    wait_for(&socket, "the workbench listing the documents", |s| {
        s.contains("Documents ·")
    });
    tmux(&socket, &["send-keys", "-t", "isnad", "/"]);
    tmux(&socket, &["send-keys", "-t", "isnad", "-l", "داعش"]);
    // Both titles, in visual order: the first line of each as `isnad show` lays it out at
    // the width a result's title gets (the search pane is 48 cells at 120: 45 for text).
    // The wait covers the titles too: tmux may be read between two writes of one frame.
    let titles: Vec<String> = [common::SAMPLE_A, common::SAMPLE_B]
        .iter()
        .map(|doc| shown_line(binary, &workspace, doc, 45, 0))
        .collect();
    wait_for(&socket, "two results with both titles", |s| {
        s.contains("Search · 2 ·") && titles.iter().all(|title| s.contains(title.as_str()))
    });
    tmux(&socket, &["send-keys", "-t", "isnad", "Enter"]);
    wait_for(&socket, "the results focused", |s| s.contains("RESULTS"));
    tmux(&socket, &["send-keys", "-t", "isnad", "Enter"]);
    // The report's first paragraph after the title, in visual order at the reader's width.
    let reader_width = 120 - 48 - 1;
    let first = shown_line(binary, &workspace, common::SAMPLE_A, reader_width, 2);
    wait_for(&socket, "the reader showing the first paragraph", |s| {
        s.contains("READER") && s.lines().any(|l| l.trim_end().ends_with(first.as_str()))
    });
    quit(&socket, &exit_file);
    drop(cleanup);
}

/// Whether a tmux server listens on `socket`.
fn server_answers(socket: &Path) -> bool {
    tmux_output(socket, &["list-sessions"]).status.success()
}

/// Starts `isnad` on `workspace` in a new tmux session on `socket`; the shell writes its
/// exit status to `exit_file`, then waits so the pane stays readable.
fn start_isnad(socket: &Path, workspace: &Path, data: &Path, exit_file: &Path) {
    start_isnad_with(socket, workspace, data, exit_file, "");
}

/// [`start_isnad`] with `env` (`NAME='value' …`) set for isnad.
fn start_isnad_with(socket: &Path, workspace: &Path, data: &Path, exit_file: &Path, env: &str) {
    let binary = Path::new(env!("CARGO_BIN_EXE_isnad"));
    let script = format!(
        "cd '{}' && {env} ISNAD_DATA_DIR='{}' ISNAD_KEYMAP=/nonexistent '{}' --bidi app --shaping off; echo $? > '{}'; sleep 30",
        workspace.display(),
        data.display(),
        binary.display(),
        exit_file.display()
    );
    let output = tmux_output(
        socket,
        &[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "isnad",
            "-x",
            "120",
            "-y",
            "40",
            "env",
            "LANG=C.UTF-8",
            "TERM=xterm-256color",
            "sh",
            "-c",
            &script,
        ],
    );
    assert!(
        output.status.success(),
        "tmux could not start isnad: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Sends `q` and waits for isnad to exit with status 0.
fn quit(socket: &Path, exit_file: &Path) {
    tmux(socket, &["send-keys", "-t", "isnad", "q"]);
    // The shell creates the file before it writes the status into it: wait for the status.
    let start = Instant::now();
    let status = loop {
        let written = std::fs::read_to_string(exit_file).unwrap_or_default();
        if !written.trim().is_empty() {
            break written;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "isnad did not quit:\n{}",
            capture(socket)
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status.trim(), "0");
}

/// Kills the tmux server when the test ends, even on failure.
fn scopeguard(socket: &Path) -> impl Drop + '_ {
    struct Guard<'a>(&'a Path);
    impl Drop for Guard<'_> {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .arg("-S")
                .arg(self.0)
                .arg("kill-server")
                .output();
        }
    }
    Guard(socket)
}

fn keys(socket: &Path, keys: &[&str]) {
    for key in keys {
        tmux(socket, &["send-keys", "-t", "isnad", key]);
    }
}

/// Starts isnad (again) and opens the first sample report in the reader.
fn open_report(socket: &Path, workspace: &Path, data: &Path, exit_file: &Path) {
    open_report_with(socket, workspace, data, exit_file, "");
}

/// [`open_report`] with `env` set for isnad ([`start_isnad_with`]).
fn open_report_with(socket: &Path, workspace: &Path, data: &Path, exit_file: &Path, env: &str) {
    // Killing the last session makes the server exit; a new session asked for meanwhile can
    // reach the exiting server and be lost with it. Start from no server at all.
    let _ = tmux(socket, &["kill-server"]);
    let start = Instant::now();
    while server_answers(socket) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the previous tmux server did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_file(exit_file);
    start_isnad_with(socket, workspace, data, exit_file, env);
    wait_for(socket, "the workbench listing the documents", |s| {
        s.contains("Documents ·")
    });
    keys(socket, &[":"]);
    tmux(
        socket,
        &[
            "send-keys",
            "-t",
            "isnad",
            "-l",
            &format!("open {}", common::SAMPLE_A),
        ],
    );
    keys(socket, &["Enter"]);
    wait_for(socket, "the reader", |s| {
        s.lines()
            .next()
            .is_some_and(|top| top.contains(common::SAMPLE_A))
    });
}

/// Whether the report's first word (روسيا; its title is the reader's first row) is drawn
/// underlined, as mentions are.
fn first_word_is_a_mention(socket: &Path) -> bool {
    let screen = capture_styled(socket);
    let title = screen.lines().nth(2).unwrap_or_default();
    // Right to left: the first word is the last on the row (its first letter may be drawn
    // apart, under the caret).
    let at = title
        .rfind("ايسو")
        .unwrap_or_else(|| panic!("the title is not on row 2:\n{screen}"));
    let before: String = title
        .get(..at)
        .unwrap_or_default()
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    before.contains("\u{1b}[4m") || before.contains("[4;")
}

#[test]
fn a_tag_survives_a_restart_and_so_does_its_undo() {
    require_tmux();
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, data) = fixture_workspace(dir.path());
    let socket = dir.path().join("tmux.sock");
    let exit_file = dir.path().join("exit-status");
    let cleanup = scopeguard(&socket);

    open_report(&socket, &workspace, &data, &exit_file);
    assert!(!first_word_is_a_mention(&socket), "nothing is tagged yet");
    // The caret is on the title's first word: select it with the keyboard and tag it LOC.
    keys(&socket, &["v", "t", "l"]);
    // The status line shows the name in visual order.
    wait_for(&socket, "the tag", |s| {
        s.contains("tagged ايسور as LOC: 1 mention")
    });
    quit(&socket, &exit_file);

    open_report(&socket, &workspace, &data, &exit_file);
    // The mentions come from the store thread just after the document.
    let start = Instant::now();
    while !first_word_is_a_mention(&socket) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the mention is not coloured after a restart:\n{}",
            capture_styled(&socket)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    keys(&socket, &["u"]);
    wait_for(&socket, "the undo", |s| {
        s.contains("undone: tag ايسور (LOC)")
    });
    assert!(!first_word_is_a_mention(&socket));
    quit(&socket, &exit_file);

    open_report(&socket, &workspace, &data, &exit_file);
    // The store has answered, and holds no entity: the undo survived the restart.
    keys(&socket, &["E"]);
    wait_for(&socket, "the entities pane", |s| {
        s.contains("No entities yet")
    });
    keys(&socket, &["E"]);
    assert!(!first_word_is_a_mention(&socket));
    quit(&socket, &exit_file);
    drop(cleanup);
}

/// Opens `doc` with the command line and waits for it.
fn open_doc(socket: &Path, doc: &str) {
    keys(socket, &[":"]);
    tmux(
        socket,
        &["send-keys", "-t", "isnad", "-l", &format!("open {doc}")],
    );
    keys(socket, &["Enter"]);
    wait_for(socket, "the document", |s| {
        s.lines().next().is_some_and(|top| top.contains(doc))
    });
}

#[test]
fn a_claim_with_evidence_from_two_reports_survives_a_restart() {
    require_tmux();
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, data) = fixture_workspace(dir.path());
    let socket = dir.path().join("tmux.sock");
    let exit_file = dir.path().join("exit-status");
    let cleanup = scopeguard(&socket);

    open_report(&socket, &workspace, &data, &exit_file);
    // The title's first words, selected with the keyboard; c pre-fills the claim with them.
    keys(&socket, &["v", "w", "w", "c"]);
    wait_for(&socket, "the claim's text", |s| s.contains(":claim "));
    keys(&socket, &["Enter"]);
    // The caret is on the passage now: the status line names its claim.
    wait_for(&socket, "the claim", |s| s.contains("claim 1 (supports)"));
    open_doc(&socket, common::SAMPLE_B);
    keys(&socket, &["v", "w", "e"]);
    wait_for(&socket, "the stance prompt", |s| s.contains("s supports"));
    keys(&socket, &["s"]);
    wait_for(&socket, "the link", |s| s.contains("claim 1 (supports)"));
    keys(&socket, &["C"]);
    wait_for(&socket, "two supporting sources", |s| {
        s.contains("2 sources: 2 supporting")
    });
    quit(&socket, &exit_file);

    open_report(&socket, &workspace, &data, &exit_file);
    keys(&socket, &["C"]);
    let screen = wait_for(&socket, "the claim after a restart", |s| {
        s.contains("2 sources: 2 supporting")
    });
    assert!(screen.contains("unverified"), "{screen}");
    quit(&socket, &exit_file);
    drop(cleanup);
}

/// Two workbenches on one workspace, and the command line beside them: each tags a word,
/// the command line tags a third name, and each workbench's entities pane shows all three
/// (the store thread notices other processes' commits); after both quit, the store holds
/// all three: no write lost.
#[test]
fn two_workbenches_and_the_command_line_share_one_store() {
    require_tmux();
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, data) = fixture_workspace(dir.path());
    let (a, b) = (dir.path().join("a.sock"), dir.path().join("b.sock"));
    let (a_exit, b_exit) = (dir.path().join("a-exit"), dir.path().join("b-exit"));
    let cleanup_a = scopeguard(&a);
    let cleanup_b = scopeguard(&b);
    open_report(&a, &workspace, &data, &a_exit);
    open_report(&b, &workspace, &data, &b_exit);

    // A tags the title's first word, B its second, at the same moment.
    keys(&a, &["v", "t", "l"]);
    keys(&b, &["w", "v", "t", "p"]);
    wait_for(&a, "A's tag", |s| s.contains("tagged ايسور as LOC"));
    wait_for(&b, "B's tag", |s| s.contains("tagged فرتعت as PER"));
    let added = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["entity", "add", "موسكو", "--type", "ORG", "--all"])
        .env("ISNAD_WORKSPACE", &workspace)
        .env("ISNAD_DATA_DIR", &data)
        .output()
        .expect("isnad entity add");
    assert!(added.status.success(), "{added:?}");

    for (socket, who) in [(&a, "A"), (&b, "B")] {
        keys(socket, &["E"]);
        wait_for(
            socket,
            &format!("all three names in {who}'s entities pane"),
            |s| {
                // The pane on the left of the divider, not the report on its right.
                let pane: String = s
                    .lines()
                    .filter_map(|line| line.split('│').next())
                    .collect();
                pane.contains("Entities · 3")
                    && ["ايسور", "فرتعت", "وكسوم"]
                        .iter()
                        .all(|name| pane.contains(name))
            },
        );
    }
    quit(&a, &a_exit);
    quit(&b, &b_exit);
    let listed = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["entity", "list", "--json"])
        .env("ISNAD_WORKSPACE", &workspace)
        .env("ISNAD_DATA_DIR", &data)
        .output()
        .expect("isnad entity list");
    let entities: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let mut names: Vec<&str> = entities
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["تعترف", "روسيا", "موسكو"]);
    drop((cleanup_a, cleanup_b));
}

#[test]
fn three_documents_reviewed_with_the_keyboard_are_counted_after_a_restart() {
    require_tmux();
    let dir = tempfile::tempdir().expect("tempdir");
    let workspace = dir.path().join("case");
    let data = dir.path().join("data");
    let binary = Path::new(env!("CARGO_BIN_EXE_isnad"));
    assert!(
        Command::new(binary)
            .arg("init")
            .arg(&workspace)
            .status()
            .expect("init")
            .success()
    );
    let corpus = workspace.join("corpus");
    common::copy_sample_reports(&corpus);
    // Two more reports on Russia: four results, three to review.
    std::fs::write(
        corpus.join("c.txt"),
        "موسكو\nقالت روسيا إن التحقيق مستمر.\n",
    )
    .expect("c");
    std::fs::write(
        corpus.join("d.txt"),
        "الكرملين\nنفت روسيا أي صلة بالهجوم.\n",
    )
    .expect("d");
    let socket = dir.path().join("tmux.sock");
    let exit_file = dir.path().join("exit-status");
    let cleanup = scopeguard(&socket);
    start_isnad(&socket, &workspace, &data, &exit_file);
    wait_for(&socket, "the workbench listing the documents", |s| {
        s.contains("Documents ·")
    });
    keys(&socket, &["/"]);
    tmux(&socket, &["send-keys", "-t", "isnad", "-l", "روسيا"]);
    wait_for(&socket, "four results", |s| s.contains("Search · 4 ·"));
    // The first result, from the results; then R and r in the reader, twice.
    keys(&socket, &["Enter", "r"]);
    wait_for(&socket, "one reviewed", |s| s.contains("1 of 4 reviewed"));
    for n in 2..=3 {
        let before = capture(&socket);
        keys(&socket, &["R"]);
        wait_for(&socket, "the next unreviewed document", |s| {
            s.lines().next() != before.lines().next() && s.contains("READER")
        });
        keys(&socket, &["r"]);
        wait_for(&socket, "one more reviewed", |s| {
            s.contains(&format!("{n} of 4 reviewed"))
        });
    }
    quit(&socket, &exit_file);

    let _ = tmux(&socket, &["kill-server"]);
    let start = Instant::now();
    while server_answers(&socket) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "tmux did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_file(&exit_file);
    start_isnad(&socket, &workspace, &data, &exit_file);
    wait_for(&socket, "the workbench listing the documents", |s| {
        s.contains("Documents ·")
    });
    keys(&socket, &["/"]);
    tmux(&socket, &["send-keys", "-t", "isnad", "-l", "روسيا"]);
    wait_for(&socket, "the count after a restart", |s| {
        s.contains("3 of 4 reviewed")
    });
    // The one left is the one R opens.
    tmux(&socket, &["send-keys", "-t", "isnad", "Enter"]);
    keys(&socket, &["R"]);
    let listed = Command::new(binary)
        .args(["doc", "list", "--unreviewed", "--json"])
        .env("ISNAD_WORKSPACE", &workspace)
        .env("ISNAD_DATA_DIR", &data)
        .output()
        .expect("doc list");
    let left: serde_json::Value = serde_json::from_slice(
        String::from_utf8_lossy(&listed.stdout)
            .lines()
            .next()
            .expect("one unreviewed document")
            .as_bytes(),
    )
    .expect("json");
    let left = left["doc"].as_str().expect("doc").to_owned();
    wait_for(&socket, "the last unreviewed document", |s| {
        s.lines()
            .next()
            .is_some_and(|top| top.contains(left.as_str()))
    });
    quit(&socket, &exit_file);
    drop(cleanup);
}

/// A report that came as a PDF (Chromium's print of an Arabic statement) opens in the reader
/// laid out like any other: its paragraphs as `isnad show` lays them out at the reader's
/// width, in the right order, from the text the PDF reader rebuilt.
#[test]
fn a_report_read_from_a_pdf_opens_in_the_reader() {
    require_tmux();
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, data) = workspace_of(dir.path(), |corpus| {
        let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/pdf/chromium.pdf");
        std::fs::copy(pdf, corpus.join("statement.pdf")).expect("copy");
    });
    let binary = Path::new(env!("CARGO_BIN_EXE_isnad"));
    let socket = dir.path().join("tmux.sock");
    let exit_file = dir.path().join("exit-status");
    start_isnad(&socket, &workspace, &data, &exit_file);
    let cleanup = scopeguard(&socket);
    wait_for(&socket, "the workbench listing the documents", |s| {
        s.contains("Documents ·")
    });
    open_doc(&socket, "statement.pdf");
    let reader_width = 120 - 48 - 1;
    // The body's first paragraph, in visual order (the document's title is the PDF's own).
    let first = shown_line(binary, &workspace, "statement.pdf", reader_width, 2);
    assert!(first.contains("سوكورك"), "{first}");
    let screen = wait_for(&socket, "the reader showing the PDF's text", |s| {
        s.contains("READER") && s.lines().any(|l| l.trim_end().ends_with(first.as_str()))
    });
    assert!(
        !screen.contains("isnad —"),
        "a running head was kept:\n{screen}"
    );
    quit(&socket, &exit_file);
    drop(cleanup);
}

/// A TCP line to the team database that can be cut and mended, as a network or a server
/// going away and coming back would: connections through it are forwarded while it is up,
/// cut when it is cut, and refused until it is mended.
struct Line {
    port: u16,
    up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    open: std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
}

impl Line {
    fn to(server: u16) -> Line {
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
        let port = listener.local_addr().expect("address").port();
        let up = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let open = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (up_, open_) = (up.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if !up_.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let Ok(upstream) = std::net::TcpStream::connect(("127.0.0.1", server)) else {
                    continue;
                };
                let pipe = |mut from: std::net::TcpStream, mut to: std::net::TcpStream| {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                };
                let mut kept = open_.lock().expect("lock");
                for stream in [&client, &upstream] {
                    if let Ok(copy) = stream.try_clone() {
                        kept.push(copy);
                    }
                }
                pipe(
                    client.try_clone().expect("clone"),
                    upstream.try_clone().expect("clone"),
                );
                pipe(upstream, client);
            }
        });
        Line { port, up, open }
    }

    fn cut(&self) {
        self.up.store(false, std::sync::atomic::Ordering::SeqCst);
        for stream in self.open.lock().expect("lock").drain(..) {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }

    fn mend(&self) {
        self.up.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A pgpass file in `dir` with the password of `db` for any host and port (Amal's line
/// listens on a port of its own).
fn any_port_passfile(db: &common::pg::TestDb, dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let line = std::fs::read_to_string(&db.passfile).expect("pgpass");
    let secret = line
        .lines()
        .next()
        .and_then(|l| l.rsplit(':').next())
        .expect("a password");
    let passfile = dir.join("pgpass");
    std::fs::write(&passfile, format!("*:*:*:*:{secret}\n")).expect("pgpass");
    std::fs::set_permissions(&passfile, std::fs::Permissions::from_mode(0o600)).expect("0600");
    passfile
}

/// The port of a `postgres://user@host:port/db` URL.
fn port_of(url: &str) -> u16 {
    url.rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .expect("the test database's port")
}

/// The entities pane (left of the divider) lists `names`, `count` in all.
fn entities_pane_lists(screen: &str, count: usize, names: &[&str]) -> bool {
    let pane: String = screen
        .lines()
        .filter_map(|line| line.split('│').next())
        .collect();
    pane.contains(&format!("Entities · {count}")) && names.iter().all(|name| pane.contains(name))
}

#[test]
fn two_workbenches_of_a_team_share_its_database_and_ride_out_its_absence() {
    require_tmux();
    let db = common::pg::database();
    let dir = tempfile::tempdir().expect("tempdir");
    let passfile = any_port_passfile(&db, dir.path());
    let isnad = |workspace: &Path, args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(args)
            .env("ISNAD_WORKSPACE", workspace)
            .env("PGPASSFILE", &passfile)
            .output()
            .expect("isnad");
        assert!(output.status.success(), "{args:?}: {output:?}");
    };
    let server_port = port_of(&db.url);
    let line = Line::to(server_port);
    let through_line = db
        .url
        .replacen(&format!(":{server_port}/"), &format!(":{}/", line.port), 1);
    isnad(dir.path(), &["team", "init", &db.url]);
    let (a_workspace, a_data) = fixture_workspace(&dir.path().join("amal"));
    let (b_workspace, b_data) = fixture_workspace(&dir.path().join("badr"));
    // Amal reaches the database through the line; Badr directly.
    isnad(
        &a_workspace,
        &[
            "team",
            "join",
            &through_line,
            a_workspace.to_str().expect("a UTF-8 path"),
        ],
    );
    isnad(
        &b_workspace,
        &[
            "team",
            "join",
            &db.url,
            b_workspace.to_str().expect("a UTF-8 path"),
        ],
    );
    let env = format!("PGPASSFILE='{}' USER=amal", passfile.display());
    let (a, b) = (dir.path().join("a.sock"), dir.path().join("b.sock"));
    let (a_exit, b_exit) = (dir.path().join("a-exit"), dir.path().join("b-exit"));
    let cleanup_a = scopeguard(&a);
    let cleanup_b = scopeguard(&b);
    open_report_with(&a, &a_workspace, &a_data, &a_exit, &env);
    open_report_with(
        &b,
        &b_workspace,
        &b_data,
        &b_exit,
        &env.replace("amal", "badr"),
    );

    // Each tags a word of the title; a third member adds from the command line.
    keys(&a, &["v", "t", "l"]);
    keys(&b, &["w", "v", "t", "p"]);
    wait_for(&a, "A's tag", |s| s.contains("tagged ايسور as LOC"));
    wait_for(&b, "B's tag", |s| s.contains("tagged فرتعت as PER"));
    isnad(
        &b_workspace,
        &["entity", "add", "موسكو", "--type", "ORG", "--all"],
    );
    for (socket, who) in [(&a, "A"), (&b, "B")] {
        keys(socket, &["E"]);
        wait_for(
            socket,
            &format!("the team's three names in {who}'s pane"),
            |s| entities_pane_lists(s, 3, &["ايسور", "فرتعت", "وكسوم"]),
        );
    }

    // A document Amal adds reaches Badr's open workbench, which fetches and indexes it.
    let report = dir.path().join("بلاغ.txt");
    std::fs::write(&report, "بلاغ\n\nزلزال في المنطقة الشمالية.\n").expect("write");
    isnad(
        &a_workspace,
        &["add", report.to_str().expect("a UTF-8 path")],
    );
    wait_for(&b, "B taking in the team's new document", |s| {
        s.contains("from the team")
    });

    // The database goes away for A: A says so, reads on, and refuses a change.
    line.cut();
    wait_for(&a, "A saying the database cannot be reached", |s| {
        s.contains("cannot be reached")
    });
    keys(&a, &["Escape", ":"]);
    tmux(&a, &["send-keys", "-t", "isnad", "-l", "undo"]);
    keys(&a, &["Enter"]);
    wait_for(&a, "A's undo refused", |s| s.contains("so nothing"));
    // Meanwhile B goes on.
    isnad(
        &b_workspace,
        &["entity", "add", "داعش", "--type", "ORG", "--all"],
    );
    // It comes back: A says so and shows what happened meanwhile.
    line.mend();
    wait_for(&a, "A saying the database answers again", |s| {
        s.contains("answers again")
    });
    keys(&a, &["Escape", "E"]);
    wait_for(&a, "B's new name in A's pane", |s| {
        entities_pane_lists(s, 4, &["ايسور", "فرتعت", "وكسوم", "شعاد"])
    });
    quit(&a, &a_exit);
    quit(&b, &b_exit);
    drop((cleanup_a, cleanup_b));
}
