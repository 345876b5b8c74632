//! `isnad show`: a document laid out by the RTL engine, as the reader pane will show it.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::{BaseArg, Settings, ShowTask};
use isnad::corpus::{self, Document};
use isnad::text::bidi::{Base, DocumentLayout, LayoutSettings, line_text};
use isnad::text::script::Direction;

pub fn show(settings: &Settings, task: &ShowTask) -> Result<ExitCode> {
    let ShowTask {
        doc,
        width,
        logical,
        base,
        shape,
    } = task;
    let (width, logical, base, shape) = (*width, *logical, *base, *shape);
    let documents = find(settings, doc)?;
    let width = width.unwrap_or_else(default_width);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (index, document) in documents.iter().enumerate() {
        if index > 0 {
            say_to!(out)?;
        }
        let layout = LayoutSettings {
            width,
            base: base_for(document, base),
            shape,
        };
        write_document(&mut out, document, layout, logical)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The documents `doc` names: standard input, a document of the workspace, or a file.
fn find(settings: &Settings, doc: &str) -> Result<Vec<Document>> {
    if doc == "-" {
        let bytes = isnad::corpus::read_bounded(std::io::stdin().lock(), None)
            .map_err(|reason| anyhow::anyhow!("standard input: {reason}"))?;
        return parse("stdin.txt", &bytes, "standard input");
    }
    let workspace = super::workspace(settings)?;
    let index = super::open_index(&workspace)?;
    if let Some(document) = index.document(doc)? {
        return Ok(vec![document]);
    }
    let path = std::path::Path::new(doc);
    if path.is_file() {
        let bytes =
            isnad::corpus::read_file(path).map_err(|reason| anyhow::anyhow!("{doc}: {reason}"))?;
        let name = path
            .file_name()
            .map_or_else(|| doc.to_owned(), |n| n.to_string_lossy().into_owned());
        return parse(&name, &bytes, doc);
    }
    bail!(
        "no document {doc:?} in the workspace {} and no such file; document ids are \
         corpus-relative paths (`isnad search WORDS` lists them)",
        workspace.root().display()
    )
}

fn parse(name: &str, bytes: &[u8], shown: &str) -> Result<Vec<Document>> {
    let contents = corpus::parse_file(name, bytes);
    for skipped in &contents.skipped {
        note!("skipped {shown}: {}", skipped.reason);
    }
    if contents.documents.is_empty() {
        bail!("nothing to show in {shown}");
    }
    Ok(contents.documents)
}

/// The paragraph direction rule: forced by `--base`, else right-to-left throughout for a
/// document in a right-to-left language, else each paragraph's first strong character.
fn base_for(document: &Document, base: Option<BaseArg>) -> Base {
    match base {
        Some(BaseArg::Rtl) => Base::Forced(Direction::Rtl),
        Some(BaseArg::Ltr) => Base::Forced(Direction::Ltr),
        Some(BaseArg::Auto) => Base::Auto {
            fallback: document.direction,
        },
        None => Base::for_document(document.direction),
    }
}

fn default_width() -> u16 {
    if std::io::stdout().is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return w.max(2);
    }
    80
}

/// Title paragraph, then each non-empty body paragraph, one empty line between them.
fn write_document(
    out: &mut dyn Write,
    document: &Document,
    settings: LayoutSettings,
    logical: bool,
) -> Result<()> {
    let layout = DocumentLayout::new(document.text());
    let mut first = true;
    for index in 0..layout.paragraph_ranges().len() {
        let paragraph = layout.paragraph(index);
        if paragraph.trim().is_empty() {
            continue;
        }
        if !first && !layout.continues(index) {
            say_to!(out)?;
        }
        first = false;
        for line in &layout.layout(index, &settings).lines {
            if logical {
                let text = paragraph.get(line.bytes.clone()).unwrap_or_default();
                say_to!(out, "{}", text.trim_end())?;
            } else {
                say_to!(out, "{}", line_text(paragraph, line, true))?;
            }
        }
    }
    Ok(())
}
