//! The tantivy index over the corpus: schema, the Arabic analyzers, incremental updates and
//! search. The index is derived data: whenever it is missing, corrupt, or built by another
//! analyzer version, it is rebuilt from the corpus, and the caller is told why.

mod analyzer;
mod browse;
mod build;
mod copies;
mod frequent;
mod id_set;
mod manifest;
mod merge;
mod operators;
mod query;
mod schema;
mod search;
mod typed;
mod update;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

pub use analyzer::{ANALYZER_VERSION, ArabicTokenizer, EXACT, STEM};
pub use browse::{IndexFacets, Page, Sort};
pub use copies::CopiesRefresh;
pub use frequent::FrequentStems;
pub use manifest::{Manifest, Summary};
pub use operators::MAX_EXPANSIONS;
pub use query::typing_prefix;
pub use schema::Fields;
pub use search::{Listed, Ranking, SearchHit, SearchRequest, SearchResults};
pub use update::{DocumentChanges, Progress, UpdateReport};

use crate::corpus::{self, Document};
use crate::text::arabic::Stemmer;
use crate::text::script::Direction;

/// Errors of the index layer. Each says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("cannot use the index folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The lock is the operating system's (a file lock): it goes with the process holding it,
    /// so there is never a stale one to delete by hand, and deleting the folder would break
    /// the writer that holds it.
    #[error(
        "another isnad process is writing the index in {path}: wait for it to finish, then try \
         again"
    )]
    Locked { path: PathBuf },
    #[error("the index in {path} failed: {source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error(
        "the corpus folder {path} is missing (an unmounted disk?); nothing was removed from the \
         index. Reconnect it, or remove it from [corpus] roots in isnad.toml"
    )]
    MissingRoot { path: PathBuf },
    #[error(
        "the query nests parentheses {depth} deep; isnad reads at most {max} levels: remove \
         some parentheses"
    )]
    TooDeep { depth: usize, max: usize },
    /// What was typed cannot be read (a `date:` that is not a date); says what is accepted.
    #[error("{0}")]
    Query(String),
    #[error("cannot write the index manifest {path}: {source}")]
    Manifest {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the disk holding the index {path} is full, so the index could not be brought up to \
         date: free some space (`df -h` lists the disks), then run `isnad index`"
    )]
    DiskFull { path: PathBuf },
    /// The copy groups beside the index (`crate::copies`) could not be brought up to date;
    /// the index itself is.
    #[error("{0}; the index is up to date, and the next `isnad index` tries the copies again")]
    Copies(crate::copies::CopiesError),
}

/// Why an opened index must be updated before it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// It was (re)created empty at open, for the reason given.
    Build(String),
    /// The last update was cut short; the index is whole but may miss files.
    Finish,
    /// Names were tagged (or untagged) since it was written: documents holding them are
    /// analysed again.
    Reread,
    /// The index is whole but its copy groups were never made (an index from before
    /// `crate::copies`): the update makes them.
    Copies,
}

/// An open index, its reader and its manifest.
pub struct SearchIndex {
    dir: PathBuf,
    manifest_path: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    build: String,
    stemmer: Arc<Stemmer>,
    /// The stems whose adjacent pairs the stemmed fields index (`index::frequent`).
    frequent: Arc<FrequentStems>,
    /// The entity-name words the stemmer protects now.
    names: std::collections::BTreeSet<String>,
    /// Loaded on first use: searching never needs it.
    manifest: Option<Manifest>,
    /// Why the index was (re)created at open, if it was.
    created: Option<String>,
    /// The last update did not finish (see `interrupted`).
    interrupted: bool,
    /// Threads that fetch a page of hits: more than one once `search_on_all_cores`.
    fetchers: usize,
    /// Sets of documents named by id, as bitsets by segment (`id_set`).
    id_sets: Arc<id_set::IdSetCache>,
    /// The lock that makes other isnad processes wait while this one writes the index.
    lock_path: PathBuf,
    /// Held from creating the index at open to the end of the update that fills it, and
    /// during each update.
    lock: Option<crate::lock::WriteLock>,
    /// When the manifest this process read or wrote was last written: another process that
    /// updated the index since changed it.
    manifest_written: Option<std::time::SystemTime>,
}

impl SearchIndex {
    /// Opens the index in `dir` (with its manifest at `manifest_path`), creating it when
    /// missing and recreating it, empty, when it cannot be used as it is.
    pub fn open(dir: &Path, manifest_path: &Path, stemmer: Stemmer) -> Result<Self, IndexError> {
        Self::open_waiting(dir, manifest_path, stemmer, &mut || {})
    }

    /// [`SearchIndex::open`], calling `waiting` when it must wait for another isnad process
    /// that is building the index: the index is then opened as that process leaves it.
    pub fn open_waiting(
        dir: &Path,
        manifest_path: &Path,
        stemmer: Stemmer,
        waiting: &mut dyn FnMut(),
    ) -> Result<Self, IndexError> {
        let stemmer = Arc::new(stemmer);
        let (schema, fields) = schema::build();
        let build = build_id(&stemmer);
        let names = stemmer.names();
        let folder_error = |source| IndexError::Folder {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(folder_error)?;
        let marker = writing_marker(manifest_path);
        let lock_path = crate::lock::index_lock_path(manifest_path);
        let mut held = None;
        let (index, reader, frequent, manifest, created, interrupted) = loop {
            // A marker left while another process holds the lock is its update at work,
            // not one cut short; under the lock, it is one cut short.
            let cut_short =
                marker.exists() && (held.is_some() || !crate::lock::held_elsewhere(&lock_path));
            let reason = match inspect(dir, manifest_path, &schema, &stemmer, &build, cut_short) {
                Ok((index, reader, frequent)) => {
                    break (index, reader, frequent, None, None, cut_short);
                }
                Err(reason) => reason,
            };
            if held.is_none() {
                // Created under the lock, which is held until the update that fills it;
                // looked at again once held (another process may have built it meanwhile).
                held = Some(
                    crate::lock::lock(&lock_path, crate::lock::INDEX_WAIT, waiting)
                        .map_err(folder_error)?
                        .ok_or_else(|| IndexError::Locked {
                            path: dir.to_path_buf(),
                        })?,
                );
                continue;
            }
            clear_dir(dir).map_err(folder_error)?;
            let _ = std::fs::remove_file(manifest_path);
            let _ = std::fs::remove_file(&marker);
            let index = Index::builder()
                .schema(schema.clone())
                .settings(index_settings())
                .create_in_dir(dir)
                .map_err(|source| tantivy_error(dir, source))?;
            // Chosen by the update that first fills it.
            let frequent = Arc::new(FrequentStems::default());
            analyzer::register(&index, &stemmer, &frequent);
            let reader = reader(&index).map_err(|source| tantivy_error(dir, source))?;
            let fresh = Manifest {
                build: build.clone(),
                names: names.clone(),
                ..Manifest::default()
            };
            break (index, reader, frequent, Some(fresh), Some(reason), false);
        };
        if created.is_none() {
            held = None;
        }
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            manifest_path: manifest_path.to_path_buf(),
            index,
            reader,
            fields,
            build,
            stemmer,
            frequent,
            names,
            manifest,
            created,
            interrupted,
            fetchers: 1,
            id_sets: Arc::default(),
            lock_path,
            lock: held,
            manifest_written: None,
        })
    }

    /// True when the last update was cut short (killed, or the machine stopped) after it
    /// began writing: the index was checked and is whole, but the files that update was
    /// reading may be missing from it until the next [`SearchIndex::update`].
    pub fn interrupted(&self) -> bool {
        self.interrupted
    }

    /// Why the index was created or recreated when it was opened, if it was; an index
    /// created at open is empty until [`SearchIndex::update`] runs.
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }

    /// The manifest: which files and documents the index holds, and what was skipped.
    /// Read from disk on first use.
    pub fn manifest(&mut self) -> &Manifest {
        self.manifest_mut()
    }

    fn manifest_mut(&mut self) -> &mut Manifest {
        let (path, build) = (&self.manifest_path, &self.build);
        // A manifest that cannot be read makes every file look new: the next update
        // re-reads them, replacing their documents, which is safe.
        if self.manifest.is_none() {
            self.manifest_written = written_at(path);
        }
        self.manifest.get_or_insert_with(|| {
            Manifest::load(path).unwrap_or_else(|| Manifest {
                build: build.clone(),
                ..Manifest::default()
            })
        })
    }

    /// Why the index must be updated before it answers, if it must: what every command
    /// and the workbench ask at open.
    pub fn pending(&mut self) -> Option<Pending> {
        if let Some(reason) = self.created() {
            Some(Pending::Build(reason.to_owned()))
        } else if self.interrupted() {
            Some(Pending::Finish)
        } else if !self.stale_names().is_empty() {
            Some(Pending::Reread)
        } else if self.document_count() > 0 && !self.copies_path().exists() {
            Some(Pending::Copies)
        } else {
            None
        }
    }

    /// Entity-name words protected now but not when the index was written, or the other
    /// way round: the documents holding them must be analysed again.
    pub fn stale_names(&mut self) -> std::collections::BTreeSet<String> {
        // The sidecar when the manifest is not read yet: every command asks this at open.
        let written = match &self.manifest {
            None => Manifest::stored_names(&self.manifest_path),
            Some(_) => None,
        };
        let written = written.unwrap_or_else(|| {
            let names = self.manifest_mut().names.clone();
            // A manifest from before the sidecar: written now, read once (a sidecar that
            // cannot be written only costs the same again next time).
            if self.manifest.is_some() {
                let _ = Manifest::save_names(&self.manifest_path, &names);
            }
            names
        });
        self.names.symmetric_difference(&written).cloned().collect()
    }

    /// How many files and documents the index holds and how many were skipped, from the
    /// manifest's small sidecar when it is there.
    pub fn summary(&mut self) -> Summary {
        if self.manifest.is_none()
            && let Some(summary) = Manifest::stored_summary(&self.manifest_path)
        {
            return summary;
        }
        // A manifest from before the sidecar, which the next update writes.
        self.manifest_mut().summary()
    }

    /// Runs each search over the index's segments on every core from now on. A large index
    /// has a dozen segments, and a query matching most of a million documents took 60 ms on
    /// one core. For a process that searches many times (the workbench): starting the
    /// threads costs a one-shot command more than it saves.
    pub fn search_on_all_cores(&mut self) -> Result<(), IndexError> {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        if threads < 2 {
            return Ok(());
        }
        let mut searching = self.index.clone();
        searching
            .set_multithread_executor(threads.min(8))
            .map_err(|e| self.error(e))?;
        self.reader = reader(&searching).map_err(|e| self.error(e))?;
        self.fetchers = threads.min(8);
        Ok(())
    }

    /// The number of documents in the index.
    pub fn document_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The stored document with id `id`, if the index holds it; failing that, the document of
    /// the file whose corpus-relative path `id` is (`#` and `%` in it as in the file's name).
    pub fn document(&self, id: &str) -> Result<Option<Document>, IndexError> {
        let mut stored = self.first_stored(self.fields.doc, id)?;
        // A file's path as typed, `#` or `%` in it unescaped, names the file's document.
        let escaped = corpus::file_id(id);
        if stored.is_none() && escaped != id {
            stored = self.first_stored(self.fields.doc, &escaped)?;
        }
        Ok(stored.map(|stored| self.to_document(&stored)))
    }

    /// The first stored document whose `field` holds the term `value`.
    fn first_stored(
        &self,
        field: tantivy::schema::Field,
        value: &str,
    ) -> Result<Option<TantivyDocument>, IndexError> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.error(e))?;
        let Some((_, address)) = top.into_iter().next() else {
            return Ok(None);
        };
        searcher.doc(address).map(Some).map_err(|e| self.error(e))
    }

    /// The id of every document the index holds, in no set order: from the index's own
    /// terms, so that it costs what the ids cost, not what the manifest of every file does.
    pub fn doc_ids(&self) -> Result<Vec<String>, IndexError> {
        self.doc_id_lister().list()
    }

    /// What [`SearchIndex::doc_ids`] reads, as it is now, to list on another thread: at a
    /// million documents listing takes long enough to hold up a search queued behind it.
    pub fn doc_id_lister(&self) -> DocIdLister {
        DocIdLister {
            searcher: self.reader.searcher(),
            field: self.fields.doc,
            dir: self.dir.clone(),
        }
    }

    /// The id of a document whose content hash is `hash`, if the index holds one.
    pub fn id_with_hash(&self, hash: &str) -> Result<Option<String>, IndexError> {
        Ok(self
            .first_stored(self.fields.hash, hash)?
            .and_then(|stored| {
                stored
                    .get_first(self.fields.doc)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            }))
    }

    fn to_document(&self, stored: &TantivyDocument) -> Document {
        let f = &self.fields;
        let text = |field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let direction = match text(f.direction).as_deref() {
            Some("rtl") => Direction::Rtl,
            _ => Direction::Ltr,
        };
        Document {
            id: text(f.doc).unwrap_or_default(),
            file: text(f.file).unwrap_or_default(),
            title: text(f.title).unwrap_or_default(),
            body: text(f.body).unwrap_or_default(),
            source: text(f.source),
            url: text(f.url),
            published: text(f.published),
            author: text(f.author),
            forwarded_from: text(f.forwarded_from),
            part_of: text(f.part_of),
            lang: text(f.lang).unwrap_or_else(|| "und".to_owned()),
            direction,
            hash: text(f.hash).unwrap_or_default(),
        }
    }

    fn error(&self, source: tantivy::TantivyError) -> IndexError {
        tantivy_error(&self.dir, source)
    }
}

/// The documents of an index as they were when it was made, for listing their ids.
pub struct DocIdLister {
    searcher: tantivy::Searcher,
    field: tantivy::schema::Field,
    dir: PathBuf,
}

impl DocIdLister {
    /// The id of every live document, in no set order.
    pub fn list(&self) -> Result<Vec<String>, IndexError> {
        let searcher = &self.searcher;
        let mut ids = Vec::with_capacity(usize::try_from(searcher.num_docs()).unwrap_or(0));
        let io = |source: std::io::Error| tantivy_error(&self.dir, source.into());
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.field)
                .map_err(|e| tantivy_error(&self.dir, e))?;
            let mut terms = inverted.terms().stream().map_err(io)?;
            while terms.advance() {
                // A replaced or removed document keeps its term until its segment merges.
                if let Some(alive) = segment.alive_bitset() {
                    let postings = inverted
                        .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                        .map_err(io)?;
                    if postings.doc_freq_given_deletes(alive) == 0 {
                        continue;
                    }
                }
                if let Ok(id) = std::str::from_utf8(terms.key()) {
                    ids.push(id.to_owned());
                }
            }
        }
        Ok(ids)
    }
}

/// The file that exists while an update writes: found at open, it means the last update
/// was cut short.
fn writing_marker(manifest_path: &Path) -> PathBuf {
    manifest_path.with_extension("writing")
}

fn reader(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

/// When the file at `path` was last written, if it exists.
fn written_at(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Whether the index in `dir` can be opened as it is (`Err` says why not): it exists, its
/// manifest is there and from this build, and it checks out (see [`check`]).
fn inspect(
    dir: &Path,
    manifest_path: &Path,
    schema: &tantivy::schema::Schema,
    stemmer: &Arc<Stemmer>,
    build: &str,
    cut_short: bool,
) -> Result<(Index, IndexReader, Arc<FrequentStems>), String> {
    let has_index = dir.join("meta.json").exists();
    match (Manifest::stored_build(manifest_path), has_index) {
        (_, false) => Err("no index yet".to_owned()),
        (None, true) => Err("its manifest is missing or damaged".to_owned()),
        (Some(stored), true) if stored != build => {
            Err("it was built by another version of isnad's analyzer".to_owned())
        }
        (Some(_), true) => check(dir, schema, stemmer, cut_short),
    }
}

/// Opens the index in `dir` and checks it can be used: the schema is this version's, every
/// segment opens, its frequent stems can be read, and, after an update cut short, every
/// file's checksum holds. `Err` says why it must be rebuilt.
fn check(
    dir: &Path,
    schema: &tantivy::schema::Schema,
    stemmer: &Arc<Stemmer>,
    cut_short: bool,
) -> Result<(Index, IndexReader, Arc<FrequentStems>), String> {
    let index = Index::open_in_dir(dir).map_err(|e| format!("it could not be opened ({e})"))?;
    if index.schema() != *schema {
        return Err("its schema is from another version of isnad".to_owned());
    }
    let frequent = FrequentStems::load(dir).map_err(|e| {
        format!(
            "its list of frequent words ({}) cannot be read ({e})",
            frequent::FILE
        )
    })?;
    let frequent = Arc::new(frequent);
    analyzer::register(&index, stemmer, &frequent);
    let reader = reader(&index).map_err(|e| format!("it is damaged: {e}"))?;
    if cut_short {
        let damaged = index.validate_checksum().map_err(|e| {
            format!("the last update was interrupted and it cannot be checked ({e})")
        })?;
        if !damaged.is_empty() {
            return Err(format!(
                "the last update was interrupted and left {} damaged",
                if damaged.len() == 1 {
                    "1 file".to_owned()
                } else {
                    format!("{} files", damaged.len())
                }
            ));
        }
    }
    Ok((index, reader, frequent))
}

/// Settings of a new index. The document store is compressed with zstd: LZ4, tantivy's
/// default, shrinks Arabic UTF-8 only to about two thirds, and the store is half the index.
fn index_settings() -> tantivy::IndexSettings {
    let zstd = tantivy::store::ZstdCompressor {
        compression_level: Some(1),
    };
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(zstd),
        ..Default::default()
    }
}

/// The build id stored in the manifest: schema, analyzer and word-list versions.
fn build_id(stemmer: &Stemmer) -> String {
    format!(
        "schema{}-analyzer{}-words{}",
        schema::SCHEMA_VERSION,
        ANALYZER_VERSION,
        stemmer.fingerprint()
    )
}

fn tantivy_error(dir: &Path, source: tantivy::TantivyError) -> IndexError {
    match source {
        tantivy::TantivyError::LockFailure(..) => IndexError::Locked {
            path: dir.to_path_buf(),
        },
        source => IndexError::Tantivy {
            path: dir.to_path_buf(),
            source,
        },
    }
}

/// Removes everything inside `dir` (the index is derived; nothing else lives there).
fn clear_dir(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// An index over `corpus`, updated from it.
    fn indexed(dir: &Path, corpus: &Path) -> SearchIndex {
        let mut index = SearchIndex::open(
            &dir.join("index"),
            &dir.join("manifest.json"),
            Stemmer::with_defaults(),
        )
        .expect("open");
        index
            .update(&[corpus.to_path_buf()], &mut |_| {})
            .expect("update");
        index
    }

    /// The ids of the documents holding the phrase of `words`, and its highlighted snippets'
    /// words.
    fn phrase_hits(index: &SearchIndex, words: &str) -> (BTreeSet<String>, BTreeSet<String>) {
        let query = format!("\"{words}\"");
        let results = index
            .search(search::SearchRequest::new(&query, 1000))
            .expect("search");
        assert_eq!(results.total, Some(results.hits.len()));
        let mut marked = BTreeSet::new();
        for hit in &results.hits {
            for range in &hit.highlights {
                marked.extend(hit.snippet.get(range.clone()).map(str::to_owned));
            }
        }
        (
            results.hits.into_iter().map(|hit| hit.doc).collect(),
            marked,
        )
    }

    #[test]
    fn phrases_of_frequent_words_find_the_same_documents_through_their_pairs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus");
        // Both words in every document; adjacent, in that order, in one of five.
        let mut adjacent = BTreeSet::new();
        for i in 0..60 {
            let body = match i % 10 {
                1 => "وقالت وروسيا الكرملين أمس",
                2 => "روسيا والكرملين",
                _ => "قالت روسيا إن الكرملين لم يرد، والكرملين روسيا",
            };
            let name = format!("d{i:02}.txt");
            std::fs::write(corpus.join(&name), format!("عنوان {i}\n{body}")).expect("write");
            if matches!(i % 10, 1 | 2) {
                adjacent.insert(name);
            }
        }
        let index = indexed(dir.path(), &corpus);
        let stemmer = Stemmer::with_defaults();
        let stems = FrequentStems::load(&dir.path().join("index")).expect("stems");
        for word in ["روسيا", "الكرملين", "عنوان"] {
            assert!(stems.contains(&stemmer.stem_str(word)), "{word}: {stems:?}");
        }
        let (found, marked) = phrase_hits(&index, "روسيا الكرملين");
        assert_eq!(found, adjacent);
        // Each word is highlighted alone, never the pair as one.
        assert_eq!(
            marked,
            ["روسيا", "وروسيا", "الكرملين", "والكرملين"]
                .map(str::to_owned)
                .into()
        );
        let text = "وقالت وروسيا الكرملين أمس";
        let ranges = index
            .highlights("\"روسيا الكرملين\"", false, text)
            .expect("highlights");
        let words: Vec<&str> = ranges.iter().filter_map(|r| text.get(r.clone())).collect();
        assert_eq!(words, ["وروسيا", "الكرملين"]);
        // With slop the pair, indexed only where its words are adjacent, is left out of the
        // phrase: `~1` allows a word between them, which every document has or the pair.
        let sloppy = index
            .search(search::SearchRequest::new("\"روسيا الكرملين\"~1", 1000))
            .expect("sloppy");
        assert_eq!(sloppy.total, Some(60));
        // Each word is in every document, but their pair in one of five: the phrase is not
        // held back as slow.
        assert!(
            !index
                .is_slow_phrase("\"روسيا الكرملين\"", false)
                .expect("slow")
        );
        // Reopened and with a document added, the stems stay and the new one is found.
        drop(index);
        std::fs::write(corpus.join("new.txt"), "جديد\nروسيا الكرملين").expect("write");
        adjacent.insert("new.txt".to_owned());
        let index = indexed(dir.path(), &corpus);
        assert_eq!(
            FrequentStems::load(&dir.path().join("index")).expect("stems"),
            stems
        );
        assert_eq!(phrase_hits(&index, "روسيا الكرملين").0, adjacent);
        // Exact phrases are answered word by word, as before.
        let exact = index
            .search(search::SearchRequest {
                exact: true,
                ..search::SearchRequest::new("\"روسيا الكرملين\"", 100)
            })
            .expect("exact");
        let exact: Vec<String> = exact.hits.into_iter().map(|hit| hit.doc).collect();
        assert_eq!(exact, ["new.txt"]);
    }

    #[test]
    fn a_corpus_too_small_to_say_chooses_no_frequent_stems() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus");
        for i in 0..5 {
            std::fs::write(corpus.join(format!("{i}.txt")), "عنوان\nروسيا الكرملين")
                .expect("write");
        }
        let index = indexed(dir.path(), &corpus);
        assert!(!dir.path().join("index").join(frequent::FILE).exists());
        assert_eq!(phrase_hits(&index, "روسيا الكرملين").0.len(), 5);
    }

    #[test]
    fn queries_nested_too_deep_are_refused_by_every_reader_and_the_deepest_allowed_runs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus");
        std::fs::write(corpus.join("a.txt"), "عنوان\nمجلس الأمن في غزة").expect("write");
        let index = indexed(dir.path(), &corpus);
        // Thousands of `(` used to overflow the stack and abort the process.
        for depth in [query::MAX_NESTING + 1, 3_000, 100_000] {
            // Quoted, so that `is_slow_phrase` parses it too.
            let text = format!("{}\"الأمن\"", "(".repeat(depth));
            for exact in [false, true] {
                let refused = |result: Result<(), IndexError>| matches!(result, Err(IndexError::TooDeep { depth: d, .. }) if d == depth);
                let request = search::SearchRequest {
                    exact,
                    ..search::SearchRequest::new(&text, 10)
                };
                assert!(refused(index.search(request).map(|_| ())));
                assert!(refused(index.rank(request).map(|_| ())));
                assert!(refused(index.is_slow_phrase(&text, exact).map(|_| ())));
                assert!(refused(index.highlights(&text, exact, "الأمن").map(|_| ())));
            }
        }
        // The deepest query allowed runs on a thread with the workbench worker's stack (the
        // default for spawned threads), and finds the document.
        let deepest = format!(
            "{}الأمن{}",
            "(".repeat(query::MAX_NESTING),
            ")".repeat(query::MAX_NESTING)
        );
        let found = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .spawn_scoped(scope, || {
                    index
                        .search(search::SearchRequest::new(&deepest, 10))
                        .expect("search")
                        .hits
                        .len()
                })
                .expect("spawn")
                .join()
                .expect("join")
        });
        assert_eq!(found, 1);
    }

    #[test]
    fn a_page_fetched_on_several_threads_is_the_page_fetched_on_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus");
        for n in 0..40 {
            let words = "الأمن ".repeat(n % 7 + 1);
            let text = format!("تقرير {n}\n{words} في غزة، والتقرير رقم {n}");
            std::fs::write(corpus.join(format!("{n:02}.txt")), text).expect("write");
        }
        let mut index = indexed(dir.path(), &corpus);
        let request = search::SearchRequest::new("الأمن", 30);
        let alone = index.search(request).expect("search");
        assert_eq!(alone.hits.len(), 30);
        assert_eq!(alone.total, Some(40));
        // Uneven parts: 30 hits on 4 threads are parts of 8, 8, 8 and 6.
        index.fetchers = 4;
        let split = index.search(request).expect("search");
        assert_eq!(split, alone);
    }

    fn sorted(mut ids: Vec<String>) -> Vec<String> {
        ids.sort();
        ids
    }

    #[test]
    fn ids_and_hashes_follow_the_corpus_through_changes_and_removals() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus");
        for (name, text) in [
            ("a.txt", "عنوان أول\nنص أول"),
            ("b.txt", "عنوان ثان\nنص ثان"),
            ("c.txt", "عنوان ثالث\nنص ثالث"),
        ] {
            std::fs::write(corpus.join(name), text).expect("write");
        }
        let mut index = indexed(dir.path(), &corpus);
        assert_eq!(
            sorted(index.doc_ids().expect("ids")),
            ["a.txt", "b.txt", "c.txt"]
        );
        let hash_of_b = index.document("b.txt").expect("b").expect("b").hash;
        assert_eq!(
            index.id_with_hash(&hash_of_b).expect("hash").as_deref(),
            Some("b.txt")
        );

        // A removed file and a changed one: their old documents are deleted, not merged
        // away, and must not be listed.
        std::fs::remove_file(corpus.join("c.txt")).expect("remove");
        std::fs::write(corpus.join("b.txt"), "عنوان ثان\nنص آخر تماما").expect("change");
        index
            .update(std::slice::from_ref(&corpus), &mut |_| {})
            .expect("update again");
        assert_eq!(sorted(index.doc_ids().expect("ids")), ["a.txt", "b.txt"]);
        assert_eq!(index.id_with_hash(&hash_of_b).expect("hash"), None);
        assert_eq!(index.id_with_hash("no such hash").expect("hash"), None);
    }
}
