//! Word, ODF text and e-mail files in a corpus, as `isnad index`, `search`, `show` and
//! `doc list` meet them: the `LibreOffice` fixtures (`tests/data/formats/office`), messages
//! and mailboxes written here with their attachments, and hostile files (a zip bomb, a cut
//! Word file, a password-protected one, a broken message among good ones) that must be
//! skipped with a reason while the rest is read.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use common::{isnad, search_ids};
use isnad::fuzzing::zip_of;
use serde_json::Value;

struct Env {
    data: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            data: tempfile::tempdir().expect("tempdir"),
            work: tempfile::tempdir().expect("tempdir"),
        };
        isnad(env.data.path(), env.work.path())
            .args(["init", "case"])
            .assert()
            .success();
        env
    }

    fn ws(&self) -> PathBuf {
        self.work.path().join("case")
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.ws().join("corpus").join(name), bytes).expect("write");
    }

    /// `isnad index`: it succeeds whatever it skips; what it printed.
    fn index(&self) -> String {
        let output = isnad(self.data.path(), &self.ws())
            .arg("index")
            .output()
            .expect("run");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        assert!(output.status.success(), "{stdout}{:?}", output.stderr);
        stdout
    }

    fn search(&self, query: &str) -> Vec<String> {
        search_ids(self.data.path(), &self.ws(), query)
    }

    fn show(&self, id: &str) -> String {
        let output = isnad(self.data.path(), &self.ws())
            .args(["show", id, "--logical", "--width", "1000"])
            .output()
            .expect("run");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("utf-8")
    }

    /// `isnad doc list --json`, by document id.
    fn listed(&self, id: &str) -> Value {
        let output = isnad(self.data.path(), &self.ws())
            .args(["doc", "list", "--json"])
            .output()
            .expect("run");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        stdout
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).expect("json"))
            .find(|doc| doc["doc"] == id)
            .unwrap_or_else(|| panic!("{id} not listed: {stdout}"))
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats/office")
        .join(name);
    std::fs::read(path).expect("fixture")
}

#[test]
fn word_and_opendocument_files_are_read_in_logical_order() {
    let env = Env::new();
    env.write("mixed.docx", &fixture("mixed.docx"));
    env.write("mixed.odt", &fixture("mixed.odt"));
    let stdout = env.index();
    assert!(stdout.contains("2 documents indexed"), "{stdout}");
    assert!(!stdout.contains("skipped"), "{stdout}");
    assert_eq!(env.search("Moscow"), ["mixed.docx", "mixed.odt"]);
    assert_eq!(env.search("\"ولاية خراسان\""), ["mixed.docx", "mixed.odt"]);
    // Soft hyphens are gone: the word is found whole.
    assert_eq!(env.search("international"), ["mixed.docx", "mixed.odt"]);
    // The footnote is read, the page header and footer are not.
    assert_eq!(env.search("FSB"), ["mixed.docx", "mixed.odt"]);
    assert!(env.search("صفحة").is_empty());
    let expected = String::from_utf8(fixture("expected.txt")).expect("utf-8");
    for id in ["mixed.docx", "mixed.odt"] {
        let shown = env.show(id);
        assert!(shown.contains("المدينة | City\n"), "{shown}");
        // Every line of the expected text, in logical order, is a line of the document
        // (the table's cells are one row a line here).
        for line in expected
            .lines()
            .filter(|l| !matches!(*l, "المدينة" | "City" | "موسكو" | "Moscow"))
        {
            assert!(shown.lines().any(|shown| shown == line), "{id}: {line}");
        }
        let doc = env.listed(id);
        assert_eq!(doc["title"], "تقرير اختبار");
        assert_eq!(doc["published"], "2024-08-15");
        assert_eq!(doc["lang"], "ar-SY");
    }
}

#[test]
fn hostile_office_files_are_skipped_with_a_reason() {
    let env = Env::new();
    let zeros = vec![b' '; 64 * 1024 * 1024];
    let bomb = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1_000_000, "a bomb: {} bytes", bomb.len());
    env.write("bomb.docx", &bomb);
    let docx = fixture("mixed.docx");
    env.write("cut.docx", docx.get(..docx.len() / 2).expect("half"));
    let mut locked = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    locked.resize(512, 0);
    locked.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    env.write("locked.docx", &locked);
    env.write("text.odt", b"just some text");
    let manifest: &[u8] = b"<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>";
    env.write(
        "locked.odt",
        &zip_of(&[
            ("META-INF/manifest.xml", manifest),
            ("content.xml", b"\x8f\x02"),
        ]),
    );
    env.write("good.odt", &fixture("mixed.odt"));
    let stdout = env.index();
    for expected in [
        "skipped bomb.docx: refused: a zip bomb",
        "skipped cut.docx: not a Word file: the zip is damaged",
        "skipped locked.docx: password-protected: isnad cannot read it",
        "skipped locked.odt: password-protected: isnad cannot read it",
        "skipped text.odt: not an OpenDocument text: it is not a zip archive",
    ] {
        assert!(stdout.contains(expected), "{expected}\n{stdout}");
    }
    assert!(stdout.contains("1 document indexed"), "{stdout}");
    assert_eq!(env.search("Moscow"), ["good.odt"]);
}

/// A message with a text body and attachments (name, content type, bytes), base64.
fn message(headers: &str, body: &str, attachments: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut out = format!(
        "{headers}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n\
         --sep\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    );
    for (name, kind, bytes) in attachments {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        write!(
            out,
            "--sep\r\nContent-Type: {kind}\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n"
        )
        .expect("write to a string");
    }
    out.push_str("--sep--\r\n");
    out.into_bytes()
}

#[test]
fn e_mail_headers_charsets_and_attachments() {
    let env = Env::new();
    let docx = fixture("mixed.docx");
    env.write(
        "tip.eml",
        &message(
            "From: =?UTF-8?B?2YXYsdin2LPZhA==?= <desk@wire.example>\r\n\
             Subject: =?UTF-8?B?2KrZgtix2YrYsSDYudin2KzZhA==?=\r\n\
             Date: Thu, 15 Aug 2024 23:30:00 -0400\r\n\
             Message-ID: <tip-1@wire.example>\r\n",
            "انظر التقرير المرفق عن الهجوم",
            &[
                ("photo.jpg", "image/jpeg", b"\xff\xd8\xff\xe0 not read"),
                ("report.docx", "application/octet-stream", &docx),
                ("broken.docx", "application/octet-stream", b"PK\x03\x04 cut"),
            ],
        ),
    );
    let (cp1256, _, bad) = encoding_rs::WINDOWS_1256.encode("بيان عن الاعتقالات في المدينة");
    assert!(!bad);
    let mut legacy = b"From: old@archive.example\r\nSubject: legacy\r\n\
                       Date: Mon, 25 Mar 2024 08:00:00 +0300\r\n\
                       Content-Type: text/plain; charset=windows-1256\r\n\
                       Content-Transfer-Encoding: 8bit\r\n\r\n"
        .to_vec();
    legacy.extend_from_slice(&cp1256);
    env.write("legacy.eml", &legacy);
    let stdout = env.index();
    assert!(
        stdout.contains(
            "skipped tip.eml: attachment broken.docx: not a Word file: the zip is damaged"
        ),
        "{stdout}"
    );
    assert_eq!(stdout.matches("skipped").count(), 1, "{stdout}");
    assert!(stdout.contains("3 documents indexed"), "{stdout}");
    assert_eq!(env.search("المرفق"), ["tip.eml"]);
    assert_eq!(env.search("Moscow"), ["tip.eml#2-report.docx"]);
    assert_eq!(env.search("title:عاجل"), ["tip.eml"]);
    assert_eq!(env.search("الاعتقالات"), ["legacy.eml"]);
    let tip = env.listed("tip.eml");
    assert_eq!(tip["title"], "تقرير عاجل");
    assert_eq!(
        tip["published"], "2024-08-15",
        "the date as the sender wrote it"
    );
    assert_eq!(tip["source"], "wire.example");
    assert_eq!(env.listed("tip.eml#2-report.docx")["title"], "تقرير اختبار");
    assert!(env.show("tip.eml#2-report.docx").contains("المدينة | City"));
}

#[test]
fn a_mailbox_keeps_its_good_messages_around_a_bad_one() {
    let env = Env::new();
    let mbox = "From desk@wire.example Thu Aug 15 10:30:00 2024\n\
                Message-ID: <first@wire.example>\nSubject: first report\n\
                Date: Thu, 15 Aug 2024 10:30:00 +0000\n\nالخبر الأول عن التحقيقات\n\
                >From the archive\n\n\
                From nobody Thu Aug 15 10:31:00 2024\n\n\u{1}\u{2}\u{3} not a message\n\n\
                From desk@wire.example Thu Aug 15 10:32:00 2024\n\
                Subject: third report\n\nالخبر الثالث عن التحقيقات\n";
    env.write("wire.mbox", mbox.as_bytes());
    let stdout = env.index();
    assert!(
        stdout.contains("skipped wire.mbox:9: not an e-mail"),
        "{stdout}"
    );
    assert_eq!(
        env.search("التحقيقات"),
        ["wire.mbox#3", "wire.mbox#first@wire.example"]
    );
    assert!(
        env.show("wire.mbox#first@wire.example")
            .contains("\nFrom the archive")
    );
}
