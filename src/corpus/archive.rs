//! Reading members of a zip archive (`.docx`, `.odt`) within limits: the archive is untrusted,
//! so the number of entries and the bytes unpacked from it are capped (a zip bomb is refused
//! with a message, never unpacked), and every failure becomes a reason a user can read.

use std::io::{Cursor, Read as _};

use zip::ZipArchive;
use zip::result::ZipError;

/// The most entries an archive may list: office suites write a few dozen.
pub const MAX_ENTRIES: usize = 10_000;

/// The most bytes unpacked from one archive, all members together.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// How many times its own size an archive may unpack to (plus [`SMALL_ALLOWANCE`]): real
/// documents stay under 30; deflate cannot exceed about 1,030, which zip bombs approach.
pub const MAX_RATIO: u64 = 200;

/// What any archive may unpack to, however small it is.
const SMALL_ALLOWANCE: u64 = 16 * 1024 * 1024;

/// The signature of an OLE compound file: an old binary Office file (`.doc`), or a
/// password-protected Word 2007+ file, which Office wraps in one.
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Why an encrypted document is not read.
pub const PASSWORD_PROTECTED: &str =
    "password-protected: isnad cannot read it (save a copy without a password)";

/// A zip archive being read, with what is left of its unpacking budget.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes that may still be unpacked.
    budget: u64,
    /// What the file should be, for messages ("a Word file").
    what: &'static str,
    packed: usize,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip archive expected to be `what`, or says why it cannot be read.
    pub fn open(bytes: &'a [u8], what: &'static str) -> Result<Archive<'a>, String> {
        if bytes.starts_with(&COMPOUND_FILE) {
            return Err(if contains_utf16(bytes, "EncryptionInfo") {
                PASSWORD_PROTECTED.to_owned()
            } else {
                format!(
                    "not {what}: it is an old binary Office file (.doc); save it as .docx or .odt"
                )
            });
        }
        if bytes.is_empty() {
            return Err(format!("not {what}: the file is empty"));
        }
        if !bytes.starts_with(b"PK") {
            return Err(format!("not {what}: it is not a zip archive"));
        }
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| format!("not {what}: the zip is damaged or cut short ({error})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "not read: the archive lists {} entries (isnad reads up to {MAX_ENTRIES})",
                zip.len()
            ));
        }
        let size = bytes.len() as u64;
        Ok(Archive {
            zip,
            budget: MAX_UNPACKED.min(size.saturating_mul(MAX_RATIO) + SMALL_ALLOWANCE),
            what,
            packed: bytes.len(),
        })
    }

    /// Whether the archive has a member called `name`.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The unpacked bytes of member `name`, `None` when there is none; an error when it is
    /// damaged, encrypted or would take the archive past its budget.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let what = self.what;
        let entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(entry_error(what, name, &error)),
        };
        if entry.encrypted() {
            return Err(PASSWORD_PROTECTED.to_owned());
        }
        let bomb = || {
            format!(
                "refused: a zip bomb ({name} unpacks to more than {} MB from a {} KB file; \
                 isnad unpacks at most {MAX_RATIO} times a file's size, up to {} MB)",
                self.budget / 1_000_000,
                self.packed / 1_000,
                MAX_UNPACKED / 1_000_000
            )
        };
        // A size the archive declares too large is believed; a small one is not: what comes
        // out is counted.
        if entry.size() > self.budget {
            return Err(bomb());
        }
        let mut bytes = Vec::new();
        let read = entry
            .take(self.budget.saturating_add(1))
            .read_to_end(&mut bytes);
        if let Err(error) = read {
            return Err(format!("not {what}: the zip is damaged ({name}: {error})"));
        }
        let unpacked = bytes.len() as u64;
        if unpacked > self.budget {
            return Err(bomb());
        }
        self.budget -= unpacked;
        Ok(Some(bytes))
    }
}

/// Why member `name` of an archive that should be `what` cannot be read.
fn entry_error(what: &str, name: &str, error: &ZipError) -> String {
    match error {
        ZipError::UnsupportedArchive(detail) if detail.contains("assword") => {
            PASSWORD_PROTECTED.to_owned()
        }
        ZipError::InvalidPassword => PASSWORD_PROTECTED.to_owned(),
        ZipError::CompressionMethodNotSupported(method) => format!(
            "not read: {name} is packed with compression method {method}, which isnad does \
             not unpack (Word and LibreOffice use deflate)"
        ),
        other => format!("not {what}: the zip is damaged ({name}: {other})"),
    }
}

/// Whether `bytes` hold `text` in UTF-16LE (the names of an OLE file's streams).
fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|window| window == needle)
}

/// Text of an XML member: UTF-8, or UTF-16 with a byte order mark; never failing.
pub fn xml_text(bytes: &[u8]) -> String {
    let (text, _, _) = encoding_rs::UTF_8.decode(bytes);
    text.into_owned()
}

/// A zip of `members` (name, bytes), deflated: for tests and fuzz seeds
/// (`isnad::fuzzing::zip_of`).
#[cfg(any(test, feature = "fuzzing"))]
pub fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write as _;
    let mut out = Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        writer
            .start_file(*name, options)
            .expect("start a zip member");
        writer.write_all(bytes).expect("write to memory");
    }
    writer.finish().expect("finish a zip in memory");
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        let zeros = vec![0u8; 32 * 1024 * 1024];
        let bomb = zip_of(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < 200_000, "{}", bomb.len());
        let mut archive = Archive::open(&bomb, "a Word file").expect("opens");
        let refused = archive.read("word/document.xml").expect_err("bomb");
        assert!(refused.starts_with("refused: a zip bomb"), "{refused}");
    }

    /// An archive may declare a small size and unpack to more: what comes out is counted.
    #[test]
    fn a_bomb_that_lies_about_its_size_is_stopped_too() {
        let zeros = vec![0u8; 32 * 1024 * 1024];
        let mut bomb = zip_of(&[("word/document.xml", &zeros)]);
        let mut patched = 0;
        for (signature, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let start = bomb
                .windows(4)
                .position(|w| w == signature)
                .expect("header");
            let field = bomb
                .get_mut(start + at..start + at + 4)
                .expect("size field");
            field.copy_from_slice(&100u32.to_le_bytes());
            patched += 1;
        }
        assert_eq!(patched, 2);
        let mut archive = Archive::open(&bomb, "a Word file").expect("opens");
        match archive.read("word/document.xml") {
            Ok(bytes) => assert!(bytes.is_none_or(|b| b.len() <= 100), "stopped at the size"),
            Err(reason) => assert!(
                reason.starts_with("refused: a zip bomb") || reason.contains("damaged"),
                "{reason}"
            ),
        }
    }

    #[test]
    fn damaged_and_foreign_files_are_named() {
        let good = zip_of(&[("a.xml", b"<a/>")]);
        let cut = good.get(..good.len() / 2).expect("half");
        let damaged = Archive::open(cut, "a Word file").err().expect("damaged");
        assert!(
            damaged.starts_with("not a Word file: the zip is damaged"),
            "{damaged}"
        );
        let mut encrypted = COMPOUND_FILE.to_vec();
        encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        let refused = Archive::open(&encrypted, "a Word file")
            .err()
            .expect("encrypted");
        assert!(refused.starts_with("password-protected"), "{refused}");
        let old = Archive::open(&COMPOUND_FILE, "a Word file")
            .err()
            .expect("doc");
        assert!(old.contains(".doc"), "{old}");
        let text = Archive::open(b"hello", "a Word file").err().expect("text");
        assert_eq!(text, "not a Word file: it is not a zip archive");
        let mut archive = Archive::open(&good, "a Word file").expect("opens");
        assert!(archive.has("a.xml"));
        assert_eq!(archive.read("b.xml"), Ok(None));
        assert_eq!(archive.read("a.xml"), Ok(Some(b"<a/>".to_vec())));
    }
}
