//! Lucene's `ArabicAnalyzer` as a baseline: `benches/lucene/LuceneBench.java`, compiled and
//! run with a JDK and Lucene's jars when both are here (said so in the report when not).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::suite::{Measured, measure};

/// Where Lucene can run: its jar and the compiled harness.
pub struct Lucene {
    jar: PathBuf,
    classes: PathBuf,
}

/// Lucene's indexing of one corpus, and its query latencies.
pub struct LuceneRun {
    pub index: Measured,
    pub threads: usize,
    pub rows: Vec<LuceneRow>,
}

/// One query as Lucene answered it (the best 10 and the exact count).
#[derive(Debug, Deserialize)]
pub struct LuceneRow {
    pub kind: String,
    pub matches: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Why Lucene was not measured, in words for the report; or Lucene ready to run.
pub fn find(jar: Option<&Path>, work: &Path) -> Result<Lucene, String> {
    let jar = match jar {
        Some(jar) => jar.to_path_buf(),
        None => pyserini_jar().ok_or_else(|| {
            "no Lucene jar: install the `pyserini` Python package, version 0.24.0 \
             (`pip install --no-deps pyserini==0.24.0`: its Anserini jar holds Lucene 9.9.1, \
             which a Java 11 or later compiles and runs), or pass `--lucene-jar`"
                .to_owned()
        })?,
    };
    if !jar.is_file() {
        return Err(format!("the Lucene jar {} is missing", jar.display()));
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/lucene/LuceneBench.java");
    let classes = work.join("lucene-classes");
    std::fs::create_dir_all(&classes).map_err(|e| e.to_string())?;
    let compiled = Command::new("javac")
        .arg("-cp")
        .arg(&jar)
        .arg("-d")
        .arg(&classes)
        .arg(&source)
        .output()
        .map_err(|e| format!("no JDK (javac: {e}): install `default-jdk-headless`"))?;
    if !compiled.status.success() {
        return Err(format!(
            "javac could not compile {}: {}",
            source.display(),
            String::from_utf8_lossy(&compiled.stderr)
        ));
    }
    Ok(Lucene { jar, classes })
}

/// The Anserini fat jar inside an installed `pyserini`.
fn pyserini_jar() -> Option<PathBuf> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import os, pyserini; print(os.path.dirname(pyserini.__file__))",
        ])
        .output()
        .ok()?;
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
        .join("resources")
        .join("jars");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "jar"))
}

impl Lucene {
    fn java(&self) -> Command {
        let mut cmd = Command::new("java");
        let separator = if cfg!(windows) { ";" } else { ":" };
        cmd.arg("-cp").arg(format!(
            "{}{separator}{}",
            self.jar.display(),
            self.classes.display()
        ));
        cmd.arg("LuceneBench");
        cmd
    }

    /// Indexes the JSON Lines files of `corpus` into `dir` with `threads` threads, then
    /// times `queries` (kind, query in isnad's syntax) `runs` times each.
    pub fn run(
        &self,
        dir: &Path,
        corpus: &Path,
        threads: usize,
        queries: &[(&str, String)],
        runs: usize,
    ) -> Result<LuceneRun> {
        let _ = std::fs::remove_dir_all(dir);
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        let mut cmd = self.java();
        cmd.arg("index")
            .arg(dir)
            .arg(threads.to_string())
            .args(&files);
        let index = measure(&mut cmd)?;
        if !index.success {
            bail!("Lucene could not index {}", corpus.display());
        }
        // isnad's syntax and Lucene's classic one agree on these queries: words (AND),
        // `OR`, and "phrases".
        let list = dir.with_extension("queries");
        let lines: Vec<String> = queries
            .iter()
            .map(|(kind, query)| format!("{kind}\t{query}"))
            .collect();
        std::fs::write(&list, lines.join("\n"))?;
        let output = self
            .java()
            .arg("query")
            .arg(dir)
            .arg(runs.to_string())
            .arg(&list)
            .output()?;
        if !output.status.success() {
            bail!(
                "Lucene's queries failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let rows = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<Vec<LuceneRow>, _>>()
            .context("Lucene's query report")?;
        Ok(LuceneRun {
            index,
            threads,
            rows,
        })
    }
}
