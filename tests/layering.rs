//! The domain (corpus, text, index, store, export, workspace) never imports a terminal
//! crate: only `src/tui` may. This reads the sources, as a reviewer would.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_tui_imports_ratatui_or_crossterm() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found the sources");
    let tui = src.join("tui");
    let mut leaks = Vec::new();
    for file in files {
        if file.starts_with(&tui) || file == src.join("tui.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read");
        for (number, line) in text.lines().enumerate() {
            if line.contains("ratatui") || line.contains("crossterm") {
                leaks.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "terminal crates outside src/tui:\n{}",
        leaks.join("\n")
    );
}
