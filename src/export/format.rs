//! The export formats: which there are, rendering a bundle in one, and writing the result
//! (one file, or a folder of them) through temporary files renamed into place.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Bundle, ExportError, brat, claimreview, conll, report, table, w3c};
use crate::index::SearchIndex;

/// Writes `bytes` to `path` through a temporary file in the same folder.
///
/// A file that exists and is not a regular file or a folder (a FIFO, a device, a socket)
/// is written as such files are meant to be written, through it: renaming a new file over
/// it would replace `/dev/full` or a pipe another program reads with a regular file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let failed = |source| ExportError::Write {
        path: path.display().to_string(),
        source,
    };
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if special {
        use std::io::Write as _;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(failed)?;
        return file
            .write_all(bytes)
            .and_then(|()| file.flush())
            .map_err(failed);
    }
    crate::atomic::write_atomically(path, bytes).map_err(failed)
}

/// The text of every document the bundle points into (for formats that carry the text).
pub fn texts(bundle: &Bundle, index: &SearchIndex) -> BTreeMap<String, String> {
    bundle
        .documents
        .iter()
        .filter_map(|d| {
            let document = index.document(&d.id).ok().flatten()?;
            Some((d.id.clone(), document.text()))
        })
        .collect()
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Html,
    Json,
    Csv,
    Brat,
    W3c,
    Conll,
    ClaimReview,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Brat,
        Format::W3c,
        Format::Conll,
        Format::ClaimReview,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Brat => "brat",
            Format::W3c => "w3c",
            Format::Conll => "conll",
            Format::ClaimReview => "claimreview",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == text.trim())
    }

    /// Formats written as a folder of files.
    pub fn is_folder(self) -> bool {
        matches!(self, Format::Csv | Format::Brat)
    }

    /// The file name extension of a one-file format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::W3c | Format::ClaimReview => "jsonld",
            Format::Conll => "conll",
            other => other.as_str(),
        }
    }
}

/// A rendered export: one file, or files for a folder.
pub enum Rendered {
    One(Vec<u8>),
    Files(Vec<(String, String)>),
}

/// What a report needs besides the bundle: its title and each entity type's colour.
pub struct ReportStyle {
    pub title: String,
    pub colours: BTreeMap<String, String>,
    /// Who publishes `ClaimReview`s (`[user] organisation` and `url`).
    pub reviewer: claimreview::Reviewer,
    /// CSV for spreadsheets: a UTF-8 byte order mark and CRLF line ends.
    pub excel: bool,
}

/// Renders `bundle` in `format` (`one_table`: CSV as one file).
pub fn render(
    format: Format,
    bundle: &Bundle,
    index: &SearchIndex,
    style: &ReportStyle,
    one_table: bool,
) -> Rendered {
    let rendered = match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(bundle).unwrap_or_default();
            text.push('\n');
            Rendered::One(text.into_bytes())
        }
        Format::W3c => Rendered::One(w3c::render(bundle).into_bytes()),
        Format::Conll => Rendered::One(conll::render(bundle, &texts(bundle, index)).into_bytes()),
        Format::ClaimReview => {
            Rendered::One(claimreview::render(bundle, &style.reviewer).into_bytes())
        }
        Format::Md => Rendered::One(report::markdown(bundle, &style.title).into_bytes()),
        Format::Html => {
            Rendered::One(report::html(bundle, &style.title, &style.colours).into_bytes())
        }
        Format::Brat => Rendered::Files(brat::render(bundle, &texts(bundle, index))),
        Format::Csv if one_table => {
            Rendered::One(table::one_table_for(bundle, style.excel).into_bytes())
        }
        Format::Csv => Rendered::Files(table::render_for(bundle, style.excel)),
    };
    inert(rendered)
}

/// The `CoNLL` export with `options`, and how many nested or overlapping mentions `IOB2`
/// could not hold.
pub fn render_conll(
    bundle: &Bundle,
    index: &SearchIndex,
    options: conll::Options,
) -> (Rendered, usize) {
    let (text, left_out) = conll::render_with(bundle, &texts(bundle, index), options);
    (inert(Rendered::One(text.into_bytes())), left_out)
}

/// An export with no control character but tab, newline and carriage return: `cat` of a
/// report, a table or a brat file can never drive a terminal, whatever a document's id, name
/// or text held when it was indexed (JSON escapes them already). Every field is cleaned on
/// the way in; this holds for an index made before a field was.
fn inert(rendered: Rendered) -> Rendered {
    fn clean(text: String) -> String {
        if text.chars().any(is_inert_control) {
            text.chars().filter(|&c| !is_inert_control(c)).collect()
        } else {
            text
        }
    }
    match rendered {
        Rendered::One(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Rendered::One(clean(text).into_bytes()),
            Err(error) => Rendered::One(error.into_bytes()),
        },
        Rendered::Files(files) => Rendered::Files(
            files
                .into_iter()
                .map(|(name, text)| (clean(name), clean(text)))
                .collect(),
        ),
    }
}

/// A control character an export leaves out.
fn is_inert_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Writes a rendered export to `path` (a folder for several files); returns how many files.
/// What an export cut short left in that folder before is cleared.
pub fn save(rendered: &Rendered, path: &Path) -> Result<usize, ExportError> {
    let folder = match rendered {
        Rendered::One(_) => path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
        Rendered::Files(_) => path,
    };
    crate::atomic::clear_leftovers(folder, false);
    match rendered {
        Rendered::One(bytes) => {
            write(path, bytes)?;
            Ok(1)
        }
        Rendered::Files(files) => {
            for (name, contents) in files {
                write(&path.join(name), contents.as_bytes())?;
            }
            Ok(files.len())
        }
    }
}

/// The report style of a workspace: its folder's name as title, its types' colours.
pub fn style_for(workspace: &crate::workspace::Workspace) -> ReportStyle {
    let root = workspace.root();
    let name = root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ReportStyle {
        title: format!("isnad report: {name}"),
        colours: workspace
            .config()
            .entity_types
            .iter()
            .map(|t| (t.name.clone(), report::css_colour(&t.colour)))
            .collect(),
        reviewer: claimreview::Reviewer {
            organisation: workspace.config().user.organisation.clone(),
            url: workspace.config().user.url.clone(),
        },
        excel: false,
    }
}

#[cfg(test)]
mod tests {
    use super::{Rendered, inert};

    #[test]
    fn exports_keep_no_control_but_tab_and_line_ends() {
        let hostile = "| a\u{1b}]0;pwned\u{7} | b\u{9b}2J |\r\n\tنص\u{0}\u{7f}\n";
        let Rendered::One(bytes) = inert(Rendered::One(hostile.as_bytes().to_vec())) else {
            panic!("one file");
        };
        assert_eq!(
            String::from_utf8(bytes).expect("UTF-8"),
            "| a]0;pwned | b2J |\r\n\tنص\n"
        );
        let Rendered::Files(files) = inert(Rendered::Files(vec![(
            "doc\u{1b}.ann".to_owned(),
            "T1\tORG 0 4\tداعش\u{1b}[2J\n".to_owned(),
        )])) else {
            panic!("files");
        };
        assert_eq!(
            files,
            [("doc.ann".to_owned(), "T1\tORG 0 4\tداعش[2J\n".to_owned())]
        );
    }
}
