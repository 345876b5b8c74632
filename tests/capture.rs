//! Every byte the workbench writes, captured: the runtime drives the app on a `Vec<u8>`
//! behind crossterm's backend, fed a script of keys, with a hostile document in the corpus
//! and a hostile paste in the query line. Only the sequences isnad itself means may reach
//! the terminal.

mod common;

use isnad::tui::key::Key;
use isnad::tui::keymap::Keymap;
use isnad::tui::msg::Msg;
use isnad::tui::{AppOptions, run_script};
use isnad::workspace::{BidiMode, ShapingMode, Workspace};

/// What a hostile report tries: a title change, an OSC 52 clipboard write, an OSC 8 link,
/// a device status report (the terminal would answer into isnad's input), DCS, C1 CSI,
/// a right-to-left override spoofing a file name, and an isolate never closed.
const HOSTILE: &str = "داعش عنوان \u{1b}]0;pwned\u{7} \u{1b}]52;c;ZXZpbA==\u{7}\n\
    خبر عن داعش \u{1b}]8;;http://evil.example\u{1b}\\رابط\u{1b}]8;;\u{1b}\\ \u{1b}[6n \
    \u{1b}Pq#0;2;0;0;0\u{1b}\\ \u{9b}31m ملف \u{202e}gnp.exe\u{202c} و \u{2067}معزول \
    \u{1b}[21t نهاية\n";

fn keys(text: &str) -> Vec<Msg> {
    text.chars()
        .map(|c| Msg::Key(Key::parse(&c.to_string()).expect("char")))
        .collect()
}

fn key(name: &str) -> Msg {
    Msg::Key(Key::parse(name).expect("key"))
}

fn run(script: Vec<Msg>) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let workspace = Workspace::init(dir.path()).expect("init");
    std::fs::write(dir.path().join("corpus/hostile.txt"), HOSTILE).expect("write");
    let mut index = workspace.open_index().expect("index");
    index
        .update(&workspace.corpus_roots(), &mut |_| {})
        .expect("update");
    let options = AppOptions {
        keymap: Keymap::default_keys(),
        workspace: "hostile".to_owned(),
        bidi: BidiMode::App,
        shaping: ShapingMode::Off,
        auto_shapes: false,
        notice: None,
        bidi_chosen: false,
        entity_types: isnad::workspace::EntityType::defaults(),
    };
    let mut out = Vec::new();
    let run = run_script(workspace, index, options, script, &mut out, (100, 30)).expect("run");
    assert!(!run.steps.is_empty());
    String::from_utf8(out).expect("the terminal gets UTF-8")
}

/// The sequences isnad means: cursor moves, colours, clearing, the modes it sets and
/// restores (alternate screen, mouse, paste, cursor, bidi), and OSC 52 for its own copy.
fn allowed_csi(params: &str, intermediates: &str, last: char) -> bool {
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit() || c == ';');
    match (last, intermediates) {
        ('H' | 'm' | 'J' | 'K', "") => digits(params),
        ('h' | 'l', "") => {
            matches!(params, "8" | "?1049" | "?25" | "?2004")
                || params.strip_prefix('?').is_some_and(|p| {
                    p.split(';')
                        .all(|m| ["1000", "1002", "1003", "1006", "1015"].contains(&m))
                })
        }
        ('k', " ") => matches!(params, "0" | "1"),
        _ => false,
    }
}

/// Every escape sequence in `out` isnad meant; no other control or bidi control at all.
fn assert_only_isnads_sequences(out: &str) {
    let mut chars = out.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let context = || {
            out.get(at.saturating_sub(40)..(at + 40).min(out.len()))
                .unwrap_or("")
        };
        if c == '\u{1b}' {
            match chars.next() {
                Some((_, '[')) => {
                    let mut params = String::new();
                    let mut intermediates = String::new();
                    let last = loop {
                        let (_, c) = chars.next().expect("a whole sequence");
                        match c {
                            '0'..='?' => params.push(c),
                            ' '..='/' => intermediates.push(c),
                            _ => break c,
                        }
                    };
                    assert!(
                        allowed_csi(&params, &intermediates, last),
                        "CSI {params:?} {intermediates:?} {last:?} near {:?}",
                        context()
                    );
                }
                Some((_, ']')) => {
                    // Only isnad's own copy: OSC 52 with base64, ended by BEL.
                    let mut body = String::new();
                    loop {
                        let (_, c) = chars.next().expect("a whole OSC");
                        if c == '\u{7}' {
                            break;
                        }
                        body.push(c);
                    }
                    let payload = body.strip_prefix("52;c;").expect("only OSC 52");
                    assert!(
                        payload
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)),
                        "OSC 52 carries base64 only: {body:?}"
                    );
                }
                other => panic!("ESC followed by {other:?} near {:?}", context()),
            }
        } else {
            assert!(
                !c.is_control() || c == '\r' || c == '\n',
                "control {c:?} near {:?}",
                context()
            );
            assert!(
                !isnad::text::bidi::is_bidi_control(c),
                "bidi control {c:?} near {:?}",
                context()
            );
        }
    }
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
