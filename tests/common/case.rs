//! A workspace holding the sample reports, and the `isnad` command run in it, for the
//! command-line tests: each call asserts success or failure and returns what was printed.

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

/// A workspace with the sample reports (not yet indexed) and its own data folder.
pub struct Case {
    _dir: tempfile::TempDir,
    pub data: PathBuf,
    pub root: PathBuf,
}

impl Case {
    /// `isnad init NAME` in a fresh folder, with both sample reports in its corpus.
    pub fn new(name: &str) -> Case {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let root = dir.path().join(name);
        super::isnad(&data, dir.path())
            .args(["init", name])
            .assert()
            .success();
        super::copy_sample_reports(&root.join("corpus"));
        Case {
            _dir: dir,
            data,
            root,
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        super::isnad(&self.data, &self.root)
            .args(args)
            .output()
            .expect("run isnad")
    }

    /// Stdout of a run that must succeed.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// Stderr of a run that must fail.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(!output.status.success(), "{args:?} should fail: {output:?}");
        String::from_utf8(output.stderr).expect("UTF-8")
    }

    /// The JSON array a run prints.
    pub fn json(&self, args: &[&str]) -> Vec<Value> {
        let value: Value = serde_json::from_str(&self.ok(args)).expect("JSON");
        value.as_array().expect("an array").clone()
    }

    pub fn entities(&self) -> Vec<Value> {
        self.json(&["entity", "list", "--json"])
    }

    pub fn claims(&self) -> Vec<Value> {
        self.json(&["claim", "list", "--json"])
    }

    /// `isnad export --format json`.
    pub fn export(&self) -> Value {
        serde_json::from_str(&self.ok(&["export", "--format", "json"])).expect("JSON")
    }

    /// `claim link CLAIM --doc DOC --quote QUOTE --stance STANCE` and `more`: stdout, or
    /// stderr when it fails.
    pub fn link(
        &self,
        claim: &str,
        doc: &str,
        quote: &str,
        stance: &str,
        more: &[&str],
    ) -> Result<String, String> {
        let mut args = vec![
            "claim", "link", claim, "--doc", doc, "--quote", quote, "--stance", stance,
        ];
        args.extend(more);
        let output = self.run(&args);
        if output.status.success() {
            Ok(String::from_utf8(output.stdout).expect("UTF-8"))
        } else {
            Err(String::from_utf8(output.stderr).expect("UTF-8"))
        }
    }

    /// The text of document `doc` as offsets count it (title, newline, body), from its file.
    pub fn text(&self, doc: &str) -> String {
        std::fs::read_to_string(self.root.join("corpus").join(doc))
            .expect("read")
            .trim_end_matches('\n')
            .to_owned()
    }
}

/// Code points `start..end` of `text`.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Code points `start..end` of `text`, the range read from a JSON annotation.
pub fn slice_at(text: &str, annotation: &Value) -> String {
    let at = |key: &str| usize::try_from(annotation[key].as_u64().expect(key)).expect("usize");
    slice(text, at("start"), at("end"))
}
