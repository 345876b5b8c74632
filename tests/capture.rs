//! Every byte the workbench writes, captured: the runtime drives the app on a `Vec<u8>`
//! behind crossterm's backend, fed a script of keys, with a hostile document in the corpus
//! and a hostile paste in the query line. Only the sequences isnad itself means may reach
//! the terminal.

mod common;

use common::terminal::assert_only_isnads_sequences;
use common::workbench::key;

use isnad::tui::key::Key;
use isnad::tui::msg::Msg;
use isnad::tui::{AppOptions, run_script};
use isnad::workspace::Workspace;

/// What a hostile report tries: a title change, an OSC 52 clipboard write, an OSC 8 link,
/// a device status report (the terminal would answer into isnad's input), DCS, C1 CSI,
/// a right-to-left override spoofing a file name, and an isolate never closed.
const HOSTILE: &str = "داعش عنوان \u{1b}]0;pwned\u{7} \u{1b}]52;c;ZXZpbA==\u{7}\n\
    خبر عن داعش \u{1b}]8;;http://evil.example\u{1b}\\رابط\u{1b}]8;;\u{1b}\\ \u{1b}[6n \
    \u{1b}Pq#0;2;0;0;0\u{1b}\\ \u{9b}31m ملف \u{202e}gnp.exe\u{202c} و \u{2067}معزول \
    \u{1b}[21t نهاية\n";

/// Everything at once, for names, notes, claims and queries typed or pasted.
const EVIL: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;pwned\u{7}\u{1b}]8;;http://evil.example\u{1b}\\\u{9b}2J\u{1b}[6n\u{202e}\u{2067}";

fn keys(text: &str) -> Vec<Msg> {
    text.chars()
        .map(|c| Msg::Key(Key::parse(&c.to_string()).expect("char")))
        .collect()
}

fn run(script: Vec<Msg>) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let workspace = Workspace::init(dir.path()).expect("init");
    std::fs::write(dir.path().join("corpus/hostile.txt"), HOSTILE).expect("write");
    // A claim stored as is, past every input check: the view alone must keep it harmless.
    let mut store = workspace.open_store().expect("store");
    store
        .add_claim(&format!("raw {EVIL}"), isnad::store::Status::Unverified)
        .expect("claim");
    drop(store);
    let mut index = workspace.open_index().expect("index");
    index
        .update(&workspace.corpus_roots(), &mut |_| {})
        .expect("update");
    let options = AppOptions {
        workspace: "hostile".to_owned(),
        ..common::workbench::options()
    };
    let mut out = Vec::new();
    let run = run_script(workspace, index, options, script, &mut out, (100, 30)).expect("run");
    assert!(!run.steps.is_empty());
    String::from_utf8(out).expect("the terminal gets UTF-8")
}

#[test]
fn a_hostile_document_and_paste_never_reach_the_terminal() {
    let mut script = vec![key("/")];
    script.extend(keys("داعش"));
    script.extend([key("enter"), key("enter")]);
    // Select the first words of the document and copy them, then look at the help.
    script.extend([key("v"), key("w"), key("w"), key("y"), key("?"), key("esc")]);
    // A paste into the query line that tries everything once more.
    script.extend([
        key("/"),
        Msg::Paste("\u{1b}]52;c;cGF3bmVk\u{7}\u{1b}[6n\u{9b}2J\u{202e}عكس".to_owned()),
        key("enter"),
        key("q"),
    ]);
    let out = run(script);
    // The document was drawn (visual order of عنوان, and of نهاية), hits and all.
    assert!(out.contains("ناونع"), "the title was not drawn");
    assert!(out.contains("ةياهن"), "the body was not drawn");
    assert!(out.contains("opened"), "the document was not opened");
    assert!(out.contains("\u{1b}]52;c;"), "the copy was not sent");
    assert!(!out.contains("pwned") && !out.contains("evil.example"));
    assert_only_isnads_sequences(&out);
}

#[test]
fn hostile_names_notes_claims_and_queries_never_reach_the_terminal() {
    let paste = |text: &str| Msg::Paste(text.to_owned());
    let mut script = vec![key("/")];
    script.extend(keys("داعش"));
    script.extend([key("enter"), key("enter")]);
    // Tag the first word, then rename it, alias it and note it with everything pasted.
    script.extend([key("v"), key("t"), key("o"), key("E")]);
    script.extend([key("R"), paste(EVIL), key("enter")]);
    script.extend([key("a"), paste(EVIL), key("enter")]);
    script.push(key(":"));
    script.extend(keys("note "));
    script.extend([paste(EVIL), key("enter"), key("enter"), key("esc")]);
    // A claim from a passage with a pasted text, a verdict, and the claims pane.
    script.extend([
        key("tab"),
        key("v"),
        key("w"),
        key("c"),
        paste(EVIL),
        key("enter"),
    ]);
    script.extend([key("C"), key("V"), paste(EVIL), key("enter"), key("enter")]);
    script.push(key(":"));
    script.extend(keys("claims "));
    script.extend([paste(EVIL), key("enter"), key(":")]);
    script.extend(keys("matrix"));
    script.extend([
        key("enter"),
        key("esc"),
        key("/"),
        paste(EVIL),
        key("enter"),
        key("q"),
    ]);
    let out = run(script);
    assert!(out.contains("raw"), "the stored claim was drawn");
    // Pasted sequences went whole; only the raw stored claim shows its inert remains.
    assert_eq!(
        out.matches("evil.example").count(),
        0,
        "a paste kept a link's address"
    );
    assert_only_isnads_sequences(&out);
}

#[test]
fn the_check_catches_what_it_should() {
    for bad in [
        "\u{1b}]0;title\u{7}",
        "\u{1b}[6n",
        "\u{1b}[21t",
        "\u{1b}P1$r\u{1b}\\",
        "\u{9b}2J",
        "a\u{202e}b",
        "\u{1b}]52;c;\u{1b}[6n\u{7}",
    ] {
        let caught = std::panic::catch_unwind(|| assert_only_isnads_sequences(bad));
        assert!(caught.is_err(), "{bad:?} passed");
    }
    assert_only_isnads_sequences(
        "\u{1b}[1;2H\u{1b}[38;5;1mنص\u{1b}[0m\u{1b}[?1049h\u{1b}[8l\u{1b}[1 k",
    );
}

/// Names, notes, claims and queries typed as arguments: everything at once.
const EVIL_ARG: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}";

/// A workspace with a hostile report, hostile metadata, file names with escapes and with a
/// spoofing override, besides the sample.
fn hostile_case() -> common::case::Case {
    let case = common::case::Case::new("hostile");
    let corpus = case.root.join("corpus");
    std::fs::write(corpus.join("hostile.txt"), HOSTILE).expect("write");
    let record = serde_json::json!({
        "title": format!("عنوان {EVIL_ARG} داعش"),
        "body": format!("نص عن داعش {EVIL_ARG}"),
        "source": format!("وكالة{EVIL_ARG}"),
        "author": EVIL_ARG,
        "url": format!("http://x/{EVIL_ARG}"),
    });
    // A record whose `id` holds escapes: its id would be shown and exported.
    let keyed = serde_json::json!({
        "id": format!("r{EVIL_ARG}"),
        "title": "سجل بمعرف خبيث",
        "body": "نص عن داعش في سجل معرفه خبيث",
    });
    std::fs::write(corpus.join("records.jsonl"), format!("{record}\n{keyed}\n")).expect("write");
    std::fs::write(corpus.join("spoof\u{202e}txt.exe.txt"), "داعش في اسم ملف\n").expect("write");
    std::fs::write(corpus.join("evil\u{1b}]0;t\u{7}.txt"), "داعش\n").expect("write");
    case
}

/// Every command, results and errors, on `hostile_case`.
fn hostile_commands() -> Vec<Vec<String>> {
    let evil = EVIL_ARG;
    let lines = [
        "index".to_owned(),
        "search داعش".to_owned(),
        "search --json داعش".to_owned(),
        format!("search داعش|{evil}"),
        "show hostile.txt".to_owned(),
        "show --logical hostile.txt".to_owned(),
        "show records.jsonl#1".to_owned(),
        format!("show no-such{evil}"),
        format!("entity add داعش{evil} --type ORG --all"),
        format!("entity add داعش --type ORG --all --note {evil}"),
        format!("entity add وكالة --type X{evil}"),
        "entity list".to_owned(),
        "entity list --json".to_owned(),
        format!("claim add ادعاء|{evil}"),
        format!("claim link 1 --doc hostile.txt --quote ملف --stance supports --note {evil}"),
        format!("claim link 1 --doc hostile.txt --quote {evil} --stance refutes"),
        "claim list".to_owned(),
        "claim list --json".to_owned(),
        "export --format json".to_owned(),
        "export --format w3c".to_owned(),
        "undo".to_owned(),
        "redo".to_owned(),
        format!("import missing{evil}.json"),
        // Argument errors quote what was given: clap's messages pass the same filter.
        format!("export --format md{evil}"),
        format!("claim link 1{evil} --doc hostile.txt --quote ملف --stance supports"),
        format!("search داعش --limit 5{evil}"),
        format!("show hostile.txt --base rtl{evil}"),
        format!("show hostile.txt --width 80{evil}"),
        format!("no-such-command{evil}"),
        format!("entity add داعش --type ORG --all --no-such-flag{evil}"),
    ];
    // Words split at spaces; `|` joins two words of one argument with a space.
    lines
        .iter()
        .map(|line| line.split(' ').map(|arg| arg.replace('|', " ")).collect())
        .collect()
}

/// Every command of the command line on a hostile workspace, with hostile names, notes,
/// claims and queries as arguments. Nothing it prints, results or errors, may hold an
/// escape, a control or a bidi control (output to a pipe is never coloured).
#[test]
fn the_command_line_prints_nothing_that_drives_a_terminal() {
    let case = hostile_case();
    let mut all = String::new();
    for args in hostile_commands() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = case.run(&args);
        for (stream, bytes) in [("stdout", output.stdout), ("stderr", output.stderr)] {
            let text = String::from_utf8(bytes).expect("UTF-8");
            let caught = std::panic::catch_unwind(|| assert_only_isnads_sequences(&text));
            assert!(
                caught.is_ok() && !text.contains('\u{1b}'),
                "`isnad {}` {stream}: {text:?}",
                args.join(" ")
            );
            all.push_str(&text);
        }
    }
    // The commands did their work: the hostile report and its neighbours were found.
    assert!(all.contains("hostile.txt"), "{all}");
    assert!(
        all.contains("spoof\\u{202e}txt.exe.txt: its name holds bidi control characters"),
        "the spoofing name is refused, and said so: {all}"
    );
    assert!(
        all.contains("control characters"),
        "the name with an escape is skipped: {all}"
    );
    assert!(
        all.contains("claim 1 ← hostile.txt"),
        "the link was made: {all}"
    );
    assert!(
        all.contains("records.jsonl:2: its \"id\" holds control or bidi control characters"),
        "the record with a hostile id is refused, and said so: {all}"
    );
    // Every export written to a file holds nothing that drives a terminal: `cat` of it is
    // as safe as the command's own output.
    for format in ["md", "html", "conll", "csv", "brat", "json", "w3c"] {
        let out = case.root.join(format!("exported-{format}"));
        let output = case.run(&["export", "--format", format, "-o", &out.to_string_lossy()]);
        assert!(output.status.success(), "export {format}: {output:?}");
        let files: Vec<std::path::PathBuf> = if out.is_dir() {
            std::fs::read_dir(&out)
                .expect("folder")
                .map(|e| e.expect("entry").path())
                .collect()
        } else {
            vec![out]
        };
        assert!(!files.is_empty());
        for file in files {
            let text = std::fs::read_to_string(&file).expect("UTF-8 export");
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
                "{}: {text:?}",
                file.display()
            );
        }
    }
}
