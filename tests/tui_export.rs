//! `:export` in the workbench, through the real runtime (fed keys, writing to a sink): the
//! file lands in `exports/` of the workspace and the status line names it.

mod common;

use isnad::tui::key::Key;
use isnad::tui::msg::Msg;
use isnad::tui::{AppOptions, run_script};

fn keys(text: &str) -> Vec<Msg> {
    text.chars()
        .map(|c| Msg::Key(Key::parse(&c.to_string()).expect("char")))
        .collect()
}

#[test]
fn export_from_the_command_line_of_the_workbench() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace, index) = common::workbench::sample_workspace(dir.path());
    let mut store = workspace.open_store().expect("store");
    store
        .add_claim("death toll", isnad::store::Status::Disputed)
        .expect("claim");
    drop(store);

    let mut script = keys(":export md");
    script.push(Msg::Key(Key::parse("enter").expect("enter")));
    let mut script_html = keys(":export html report.html");
    script_html.push(Msg::Key(Key::parse("enter").expect("enter")));
    script.extend(script_html);
    let options = AppOptions {
        workspace: "case".to_owned(),
        bidi_chosen: true,
        ..common::workbench::options()
    };
    let mut out = Vec::new();
    run_script(workspace, index, options, script, &mut out, (100, 30)).expect("run");
    let screen = String::from_utf8_lossy(&out);
    assert!(screen.contains("wrote"), "the status line names the file");

    let exports: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .expect("exports/")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    let report = std::fs::read_to_string(&exports[0]).expect("read");
    assert!(report.contains("### 1. death toll — disputed"), "{report}");
    let html = std::fs::read_to_string(dir.path().join("report.html")).expect("the named path");
    assert!(html.contains("death toll"));
}
