//! Every runtime switch of the display, driven through the real runtime (index and store
//! threads, crossterm's backend) on a writer that is not a terminal and never answers a
//! query: `:bidi`, `:shaping`, each answer of `:calibrate`, Ctrl-z-free resizes, and every
//! terminal the probe can name. None may stop the workbench; each must set the terminal up
//! with the sequences of its terminal, and the frame after it must be drawn whole.

mod common;

use common::terminal::assert_only_isnads_sequences;
use common::workbench::key;

use isnad::tui::msg::Msg;
use isnad::tui::probe::Answers;
use isnad::tui::terminal::Emulator;
use isnad::tui::{AppOptions, run_script};
use isnad::workspace::ShapingMode;

fn options(emulator: Emulator) -> AppOptions {
    AppOptions {
        shaping: ShapingMode::Auto,
        emulator,
        ..common::workbench::options()
    }
}

fn command(text: &str) -> Vec<Msg> {
    let mut msgs = vec![key(":")];
    msgs.extend(text.chars().map(|c| key(&c.to_string())));
    msgs.push(key("enter"));
    msgs
}

/// Runs `script` on the sample reports; the bytes written.
fn run(emulator: Emulator, script: Vec<Msg>) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, index) = common::workbench::sample_workspace(dir.path());
    let mut out = Vec::new();
    let run = run_script(
        workspace,
        index,
        options(emulator),
        script,
        &mut out,
        (100, 30),
    )
    .expect("no runtime switch stops the workbench");
    assert!(!run.steps.is_empty());
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn bidi_shaping_and_calibration_switches_never_stop_the_workbench() {
    let mut script = vec![key("/")];
    script.extend("داعش".chars().map(|c| key(&c.to_string())));
    script.extend([key("enter"), key("enter")]);
    for line in [
        "bidi terminal",
        "bidi off",
        "bidi app",
        "shaping on",
        "shaping off",
        "shaping auto",
    ] {
        script.extend(command(line));
    }
    for answer in ["1", "2", "3", "esc"] {
        script.extend(command("calibrate"));
        script.push(key(answer));
    }
    script.push(Msg::Resize {
        width: 120,
        height: 40,
    });
    script.push(key("q"));
    let out = run(Emulator::Other, script);
    // Each switch set the terminal up: implicit for `terminal`, explicit otherwise.
    assert!(
        out.matches("\u{1b}[8h\u{1b}[0 k").count() >= 2,
        "terminal mode"
    );
    assert!(
        out.matches("\u{1b}[8l\u{1b}[1 k").count() >= 3,
        "explicit mode"
    );
    // And cleared the screen for a whole frame, without asking where the cursor is.
    assert!(out.matches("\u{1b}[2J").count() >= 4);
    assert!(!out.contains("\u{1b}[6n"), "no cursor position query");
    assert!(out.contains("calibrated: bidi"));
    assert_only_isnads_sequences(&out);
}

#[test]
fn every_terminal_the_probe_names_is_set_up_its_own_way_at_run_time() {
    let said = |version: Option<&str>, da2: &[u32]| {
        Msg::Probed(Some(Answers {
            version: version.map(str::to_owned),
            da2: Some(da2.to_vec()),
            ..Answers::default()
        }))
    };
    let script = vec![
        said(None, &[65, 7006, 1]),
        said(Some("Konsole 22.12.3"), &[1, 115, 0]),
        said(None, &[24, 279, 0]),
        said(Some("kitty(0.26.5)"), &[1, 4000, 26]),
        said(Some("XTerm(379)"), &[41, 379, 0]),
        key("/"),
        key("د"),
        key("enter"),
        key("enter"),
        key("q"),
    ];
    let out = run(Emulator::Other, script);
    // VTE: the mode on every row, the cursor kept.
    assert!(out.contains("\u{1b}7\u{1b}[1;1H\u{1b}[8l\u{1b}[1 k"));
    assert!(out.contains("\u{1b}[30;1H\u{1b}[8l\u{1b}[1 k\u{1b}8"));
    // Konsole's and mlterm's own bidi off, then on again when another terminal is named.
    for (off, on) in [
        (
            "\u{1b}]50;BidiRenderingEnabled=false\u{7}",
            "\u{1b}]50;BidiRenderingEnabled=true\u{7}",
        ),
        (
            "\u{1b}]5379;use_ctl=false\u{7}",
            "\u{1b}]5379;use_ctl=true\u{7}",
        ),
    ] {
        let set = out.find(off).expect("switched off");
        assert!(out.rfind(on).is_some_and(|at| at > set), "given back");
    }
    assert_only_isnads_sequences(&out);
}

#[test]
fn kitty_gets_right_to_left_runs_reversed_and_vte_does_not() {
    let script = || {
        let mut script = vec![key("/")];
        script.extend("داعش".chars().map(|c| key(&c.to_string())));
        script.extend([key("enter"), key("enter"), key("q")]);
        script
    };
    let kitty = run(Emulator::Kitty, script());
    let vte = run(Emulator::Vte, script());
    // The title's first words, "روسيا تعترف": VTE gets visual order, kitty each word
    // reversed back (its HarfBuzz lays the run out right to left). Both join letters
    // themselves, so isnad does not shape (`auto`).
    assert!(vte.contains("فرتعت ايسور"), "VTE: visual order");
    assert!(kitty.contains("تعترف روسيا"), "kitty: runs reversed");
    assert!(!kitty.contains("فرتعت ايسور"));
}
