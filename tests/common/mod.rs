//! Shared helpers for the integration tests: fixture corpora written at test time (so the
//! encodings are exact and the tests say where their data comes from) and the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `isnad` binary with an isolated data folder (for the sample case) and no inherited
/// workspace.
pub fn isnad(data_dir: &Path, cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("isnad").expect("binary");
    cmd.env("ISNAD_DATA_DIR", data_dir)
        .env_remove("ISNAD_WORKSPACE")
        .env("NO_COLOR", "1")
        .current_dir(cwd);
    cmd
}

/// The repository's sample reports.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

pub const SAMPLE_A: &str = "000_ff08125e7d15537c.txt";
pub const SAMPLE_B: &str = "001_1a6e48de951f8d1c.txt";

/// Copies both sample reports into `corpus` (a workspace's corpus folder).
pub fn copy_sample_reports(corpus: &Path) {
    for name in [SAMPLE_A, SAMPLE_B] {
        std::fs::copy(sample_dir().join(name), corpus.join(name)).expect("copy a sample report");
    }
}

/// Writes a corpus with every supported format and encoding, plus files that must be
/// skipped: a binary file, an empty file, an undecodable one, and a JSON Lines file with one
/// malformed line. Returns the names of the files expected to yield documents.
pub fn write_fixture_corpus(dir: &Path) -> Vec<&'static str> {
    std::fs::create_dir_all(dir.join("reports")).expect("mkdir");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write");
    write(
        "plain.txt",
        "هجوم على قاعة الحفلات\nقال مسؤول أمني إن الهجوم وقع مساء الجمعة.\n".as_bytes(),
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend("بيان الكرملين\nنفى الكرملين أي صلة لأوكرانيا بالهجوم.".as_bytes());
    write("bom.txt", &bom);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "تقرير الاستخبارات\nحذرت الاستخبارات الأمريكية من هجوم وشيك."
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    write("utf16.txt", &utf16);
    let (cp1256, _, bad) = encoding_rs::WINDOWS_1256
        .encode("أرشيف قديم\nوثيقة مرمزة بترميز ويندوز العربي عن الاعتقالات.");
    assert!(!bad);
    write("reports/legacy-1256.txt", &cp1256);
    let (iso, _, bad) =
        encoding_rs::ISO_8859_6.encode("نشرة إذاعية\nنقلت الإذاعة خبر الاعتقالات في موسكو.");
    assert!(!bad);
    write("reports/legacy-iso.txt", &iso);
    write(
        "reports/front.md",
        "---\ntitle: تحليل الهجوم\nsource: مرصد الأخبار\npublished: 2024-03-25\nlang: ar\n---\n\nيرى المحللون أن التنظيم استغل الثغرات الأمنية.\n".as_bytes(),
    );
    write(
        "wire.jsonl",
        concat!(
            "{\"id\":\"w1\",\"title\":\"عاجل\",\"body\":\"ارتفاع حصيلة القتلى إلى ١٤٤\",\"source\":\"وكالة أ\",\"published\":\"2024-03-24\"}\n",
            "{\"id\":\"w2\",\"title\":\"Update\",\"text\":\"Death toll rises to 144\",\"source\":\"Agency B\",\"lang\":\"en\"}\n",
            "{\"id\":\"w3\",\"title\":\"broken\",\"body\":\n",
        )
        .as_bytes(),
    );
    write(
        "batch.json",
        "[{\"title\":\"أول\",\"body\":\"الخبر الأول عن التحقيقات\"},{\"title\":\"ثان\",\"body\":\"الخبر الثاني عن التحقيقات\"}]".as_bytes(),
    );
    write(
        "page.html",
        "<html lang=\"ar\"><head><title>صفحة الخبر</title><meta property=\"og:site_name\" content=\"موقع الأخبار\"><script>alert(1)</script></head><body><h1>صفحة الخبر</h1><p>اعتقلت السلطات أربعة مشتبه بهم.</p></body></html>".as_bytes(),
    );
    write("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    write("empty.txt", b"");
    write("latin1.txt", b"caf\xe9 cr\xe8me br\xfbl\xe9e");
    vec![
        "plain.txt",
        "bom.txt",
        "utf16.txt",
        "reports/legacy-1256.txt",
        "reports/legacy-iso.txt",
        "reports/front.md",
        "wire.jsonl",
        "batch.json",
        "page.html",
    ]
}

/// Document ids found by `isnad search QUERY --json` in the workspace at `ws`.
pub fn search_ids(data: &Path, ws: &Path, query: &str) -> Vec<String> {
    let output = isnad(data, ws)
        .args(["search", query, "--json", "--limit", "100"])
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "search {query} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let mut ids: Vec<String> = stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("json line");
            value["doc"].as_str().expect("doc").to_owned()
        })
        .collect();
    ids.sort();
    ids
}
pub mod brat;
pub mod case;
pub mod contrast;
pub mod pg;
pub mod terminal;
pub mod workbench;
