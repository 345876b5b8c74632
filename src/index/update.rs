//! Bringing the index in line with the corpus: new and changed files are (re)read, removed
//! files are deleted, unchanged files (same size and modification time) are not touched.
//! A file is also read again when what the metadata tables say of it changed (`tables`).

mod plan;
mod tables;

use plan::{Todo, plan_reads};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::{IndexWriter, TantivyDocument, Term};

use super::frequent::{self, FrequentStems};
use super::manifest::{DocEntry, FileEntry, Manifest};
use super::{IndexError, SearchIndex, tantivy_error};
use crate::corpus::{self, CorpusFile, Document, FileContents, FileMeta, Skipped};
use crate::lock;

/// Progress of an update, for a progress bar or a status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// About to read `total` new or changed files (`bytes` in all).
    Start { total: usize, bytes: u64 },
    /// `done` of them read; `current` is the file just read.
    File {
        done: usize,
        bytes_done: u64,
        current: &'a str,
    },
    /// Writing the index to disk.
    Committing,
    /// Waiting for another isnad process to finish its update of the index.
    Waiting,
    /// Finding the copies among `total` new or changed documents; `done` placed.
    Copies { done: usize, total: usize },
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Documents in the index afterwards.
    pub documents: usize,
    /// Everything not read, in the whole corpus (also files skipped in earlier runs).
    pub skipped: Vec<Skipped>,
    /// Bytes of the files read in this update.
    pub bytes_read: u64,
    /// Documents that appeared, changed (same id, new content) or disappeared, with their
    /// content hashes: what annotations must follow.
    pub documents_changed: DocumentChanges,
    /// What finding the copies among them did (`crate::copies`).
    pub copies: super::CopiesRefresh,
}

/// Document-level changes of one update: `(id, hash)` pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentChanges {
    pub added: Vec<(String, String)>,
    /// `(id, old hash, new hash)`.
    pub changed: Vec<(String, String, String)>,
    pub removed: Vec<(String, String)>,
}

impl DocumentChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// Records what a file held before and after (a JSON Lines file may hold thousands of
    /// documents: looked up by id, not compared pairwise).
    fn compare(&mut self, before: &[DocEntry], after: &[DocEntry]) {
        let after_by_id: HashMap<&str, &DocEntry> =
            after.iter().map(|d| (d.id.as_str(), d)).collect();
        for old in before {
            match after_by_id.get(old.id.as_str()) {
                Some(new) if new.hash != old.hash => {
                    self.changed
                        .push((old.id.clone(), old.hash.clone(), new.hash.clone()));
                }
                Some(_) => {}
                None => self.removed.push((old.id.clone(), old.hash.clone())),
            }
        }
        let before_ids: HashSet<&str> = before.iter().map(|d| d.id.as_str()).collect();
        for new in after {
            if !before_ids.contains(new.id.as_str()) {
                self.added.push((new.id.clone(), new.hash.clone()));
            }
        }
    }
}

/// The most memory one indexing thread fills before it writes its segment out.
///
/// Each segment written is merged again later, so small buffers cost CPU twice: at a million
/// documents, 682 CPU seconds with 320 MB a thread against 886 with 64 MB; tantivy-cli (one
/// thread, 1 GB) took 449. 512 MB would save a little more and passes the 1.5 GB peak memory
/// goal at 1M (`benches/RESULTS.md`, "Indexing: a larger buffer per thread").
const WRITER_MAX_BYTES_PER_THREAD: usize = 320 << 20;

/// The least: tantivy refuses less than 15 MB, and below this every segment is tiny.
const WRITER_MIN_BYTES_PER_THREAD: usize = 64 << 20;

/// The share of the memory the system says is available that the buffers may take together.
const WRITER_SHARE_OF_AVAILABLE: u64 = 4;

/// Each indexing thread's buffer: the most, unless a quarter of the available memory
/// (`available`, bytes, when the system says) split between `threads` is less.
fn writer_bytes_per_thread(threads: usize, available: Option<u64>) -> usize {
    let Some(available) = available else {
        return WRITER_MAX_BYTES_PER_THREAD;
    };
    let share = available / WRITER_SHARE_OF_AVAILABLE / threads.max(1) as u64;
    usize::try_from(share)
        .unwrap_or(usize::MAX)
        .clamp(WRITER_MIN_BYTES_PER_THREAD, WRITER_MAX_BYTES_PER_THREAD)
}

/// The memory available for new work, bytes, as Linux's `/proc/meminfo` says
/// (`MemAvailable`); `None` elsewhere or when unreadable.
fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    meminfo_available(&meminfo)
}

/// `MemAvailable` of a `/proc/meminfo` text, in bytes.
fn meminfo_available(meminfo: &str) -> Option<u64> {
    let line = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemAvailable:"))?;
    let kb: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    kb.checked_mul(1024)
}

impl SearchIndex {
    /// Updates the index from the files under `roots`.
    ///
    /// One process updates the index at a time: another isnad's update is waited for
    /// ([`Progress::Waiting`]), and what it wrote is read before this one decides what to do.
    /// On a full disk the update fails with [`IndexError::DiskFull`], and the index stays as
    /// it was (whole: a cut update is finished by the next one).
    pub fn update(
        &mut self,
        roots: &[PathBuf],
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<UpdateReport, IndexError> {
        if self.lock.is_none() {
            self.take_lock(progress)?;
        }
        let result = self.update_from(roots, progress).and_then(|mut report| {
            report.copies = self.refresh_copies(progress)?;
            Ok(report)
        });
        self.lock = None;
        result.map_err(|error| {
            if crate::atomic::disk_full(&self.dir) {
                IndexError::DiskFull {
                    path: self.dir.clone(),
                }
            } else {
                error
            }
        })
    }

    /// Brings the copy groups in line with the index, under the index lock (an update does
    /// it too: this is for the groups alone, as a benchmark times them).
    pub fn update_copies(
        &mut self,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<super::CopiesRefresh, IndexError> {
        if self.lock.is_none() {
            self.take_lock(progress)?;
        }
        let result = self.refresh_copies(progress);
        self.lock = None;
        result
    }

    /// Takes the index lock, waiting for the process that holds it; then reads again what
    /// another process wrote since this one read the index.
    fn take_lock(&mut self, progress: &mut dyn FnMut(Progress<'_>)) -> Result<(), IndexError> {
        let folder_error = |source| IndexError::Folder {
            path: self.dir.clone(),
            source,
        };
        let lock = lock::lock(&self.lock_path, lock::INDEX_WAIT, &mut || {
            progress(Progress::Waiting);
        })
        .map_err(folder_error)?
        .ok_or_else(|| IndexError::Locked {
            path: self.dir.clone(),
        })?;
        self.lock = Some(lock);
        if self.manifest.is_some()
            && super::written_at(&self.manifest_path) != self.manifest_written
        {
            self.manifest = None;
            self.reader
                .reload()
                .map_err(|e| tantivy_error(&self.dir, e))?;
            // It may have rebuilt the index, choosing other frequent stems.
            let frequent = FrequentStems::load(&self.dir).map_err(folder_error)?;
            if frequent != *self.frequent {
                self.frequent = Arc::new(frequent);
                super::analyzer::register(&self.index, &self.stemmer, &self.frequent);
            }
        }
        // Under the lock, a marker is an update cut short, never one at work.
        self.interrupted = super::writing_marker(&self.manifest_path).exists();
        Ok(())
    }

    fn update_from(
        &mut self,
        roots: &[PathBuf],
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<UpdateReport, IndexError> {
        // A missing root would make all its files look deleted.
        if let Some(missing) = roots.iter().find(|root| !root.is_dir()) {
            return Err(IndexError::MissingRoot {
                path: missing.clone(),
            });
        }
        // Names tagged (or untagged) since the last write: their documents are analysed
        // again, found by their unstemmed forms.
        let stale: Vec<String> = self.stale_names().into_iter().collect();
        let stale_files: BTreeSet<String> = if stale.is_empty() {
            BTreeSet::new()
        } else {
            let words: Vec<&str> = stale.iter().map(String::as_str).collect();
            self.documents_naming(&words)?
                .into_iter()
                .map(|document| document.file)
                .collect()
        };
        let (files, walk_skipped) = corpus::scan(roots);
        // Taken out while the update runs; if it fails, the manifest is read again from
        // disk on next use, which still describes what the index holds.
        let mut manifest = std::mem::take(self.manifest_mut());
        let mut report = UpdateReport::default();
        let present: BTreeSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        let removed: Vec<String> = manifest
            .files
            .keys()
            .filter(|rel| !present.contains(rel.as_str()))
            .cloned()
            .collect();
        let (todo, table_entries) =
            plan_reads(&files, &manifest, &removed, &stale_files, &mut report);
        report.removed = removed.len();
        // A `metadata.jsonl` an earlier version read as documents: they go.
        let mut removed = removed;
        removed.extend(
            table_entries
                .iter()
                .filter(|(rel, _)| manifest.files.get(rel).is_some_and(|e| !e.docs.is_empty()))
                .map(|(rel, _)| rel.clone()),
        );
        manifest.names.clone_from(&self.names);
        if !todo.is_empty() || !removed.is_empty() {
            self.write(
                &mut manifest,
                &todo,
                &removed,
                table_entries,
                progress,
                &mut report,
            )?;
        } else {
            let tables_read = !table_entries.is_empty();
            manifest.files.extend(table_entries);
            if !stale.is_empty() || tables_read {
                self.save_manifest(&manifest)?;
            }
            // Nothing to write: the manifest describes the corpus, and the index checked
            // out whole at open, so an interrupted update is over.
            if self.interrupted {
                self.written();
            }
        }
        report.documents = manifest.document_count();
        report.skipped = walk_skipped;
        report.skipped.extend(manifest.skipped().cloned());
        self.manifest = Some(manifest);
        Ok(report)
    }

    fn write(
        &mut self,
        manifest: &mut Manifest,
        todo: &[Todo<'_>],
        removed: &[String],
        tables: Vec<(String, FileEntry)>,
        progress: &mut dyn FnMut(Progress<'_>),
        report: &mut UpdateReport,
    ) -> Result<(), IndexError> {
        let total_bytes = todo.iter().map(|t| t.file.size).sum();
        progress(Progress::Start {
            total: todo.len(),
            bytes: total_bytes,
        });
        let threads = std::thread::available_parallelism()
            .map_or(2, usize::from)
            .clamp(1, 8);
        let preread = self.choose_frequent(todo, threads, progress)?;
        let mut writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_num_threads(
                threads,
                threads * writer_bytes_per_thread(threads, available_memory()),
            )
            .map_err(|e| self.error(e))?;
        writer.set_merge_policy(Box::new(super::merge::BoundedMerges::new(
            super::merge::MAX_MERGE_DOCS,
        )));
        // An update killed before its commit leaves files the index does not use, and
        // tantivy would fail to create one of the same name (`N.del` again): clear them.
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| self.error(e))?;
        // Until the manifest describes what was committed, a crash leaves this behind, and
        // the next open checks the index before trusting it.
        let marker = super::writing_marker(&self.manifest_path);
        std::fs::write(&marker, b"").map_err(|source| IndexError::Manifest {
            path: marker.clone(),
            source,
        })?;
        for rel in removed {
            writer.delete_term(Term::from_field_text(self.fields.file, rel));
            if let Some(entry) = manifest.files.remove(rel) {
                report.documents_changed.compare(&entry.docs, &[]);
            }
        }
        manifest.files.extend(tables);
        // Files are read and parsed on `threads` threads a little ahead of the writer, in
        // any order, and handed to it in the corpus's order: a PDF or an office file takes
        // real work to read, which one thread alone would leave the writer waiting for.
        let first = preread.len();
        let mut index_one =
            |done: usize, todo: &Todo<'_>, contents: FileContents| -> Result<bool, IndexError> {
                let file = todo.file;
                writer.delete_term(Term::from_field_text(self.fields.file, &file.rel));
                for document in &contents.documents {
                    writer
                        .add_document(self.to_tantivy(document))
                        .map_err(|e| self.error(e))?;
                }
                report.bytes_read += file.size;
                let entry = file_entry(todo, contents);
                let before = manifest
                    .files
                    .get(&file.rel)
                    .map(|e| e.docs.clone())
                    .unwrap_or_default();
                report.documents_changed.compare(&before, &entry.docs);
                manifest.files.insert(file.rel.clone(), entry);
                progress(Progress::File {
                    done: done + 1,
                    bytes_done: report.bytes_read,
                    current: &file.rel,
                });
                Ok(true)
            };
        // The files read to choose the frequent stems, then the rest as they are read.
        for (done, (todo, contents)) in todo.iter().zip(preread).enumerate() {
            index_one(done, todo, contents)?;
        }
        read_in_order(
            todo.get(first..).unwrap_or_default(),
            threads,
            |at, todo, contents| index_one(first + at, todo, contents),
        )?;
        progress(Progress::Committing);
        writer.commit().map_err(|e| self.error(e))?;
        writer.wait_merging_threads().map_err(|e| self.error(e))?;
        self.save_manifest(manifest)?;
        self.written();
        self.reader
            .reload()
            .map_err(|e| tantivy_error(&self.dir, e))?;
        Ok(())
    }

    /// When the index holds no document and has no frequent stems yet, chooses them from
    /// the first documents of `todo`, keeps them, and analyses with them from now on
    /// (`index::frequent`). Returns the contents of the files it read, in `todo`'s order.
    fn choose_frequent(
        &mut self,
        todo: &[Todo<'_>],
        threads: usize,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Vec<FileContents>, IndexError> {
        if !self.frequent.is_empty() || self.reader.searcher().num_docs() > 0 {
            return Ok(Vec::new());
        }
        let mut read_files = Vec::new();
        let mut documents = 0;
        let mut bytes_done = 0;
        read_in_order(todo, threads, |at, todo, contents| {
            documents += contents.documents.len();
            read_files.push(contents);
            // The sample is most of a small corpus: the bar moves while it is read (the
            // same counts come again as these files are indexed).
            bytes_done += todo.file.size;
            progress(Progress::File {
                done: at + 1,
                bytes_done,
                current: &todo.file.rel,
            });
            Ok::<_, IndexError>(documents < frequent::SAMPLE_DOCS)
        })?;
        let sample = read_files
            .iter()
            .flat_map(|contents| &contents.documents)
            .map(|document| [document.title.as_str(), document.body.as_str()]);
        let chosen = FrequentStems::choose(sample, &self.stemmer);
        if !chosen.is_empty() {
            chosen
                .save(&self.dir)
                .map_err(|source| IndexError::Folder {
                    path: self.dir.clone(),
                    source,
                })?;
            self.frequent = Arc::new(chosen);
            super::analyzer::register(&self.index, &self.stemmer, &self.frequent);
        }
        Ok(read_files)
    }

    /// The manifest describes what the index holds: no update is cut short any more. (A
    /// marker that cannot be removed only costs a check at the next open.)
    fn written(&mut self) {
        let _ = std::fs::remove_file(super::writing_marker(&self.manifest_path));
        self.interrupted = false;
    }

    fn save_manifest(&mut self, manifest: &Manifest) -> Result<(), IndexError> {
        manifest
            .save(&self.manifest_path)
            .map_err(|source| IndexError::Manifest {
                path: self.manifest_path.clone(),
                source,
            })?;
        self.manifest_written = super::written_at(&self.manifest_path);
        Ok(())
    }

    fn to_tantivy(&self, document: &Document) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.doc, &document.id);
        doc.add_text(f.file, &document.file);
        doc.add_text(f.title, &document.title);
        doc.add_text(f.title_stem, &document.title);
        doc.add_text(f.body, &document.body);
        doc.add_text(f.text_stem, &document.title);
        doc.add_text(f.text_stem, &document.body);
        let optional = [
            (f.source, &document.source),
            (f.url, &document.url),
            (f.published, &document.published),
            (f.author, &document.author),
            (f.forwarded_from, &document.forwarded_from),
            (f.part_of, &document.part_of),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        if let Some(seconds) = document
            .published
            .as_deref()
            .and_then(corpus::date_timestamp)
        {
            doc.add_date(f.date, tantivy::DateTime::from_timestamp_secs(seconds));
        }
        if let Some(source) = document.source.as_deref().map(str::trim)
            && !source.is_empty()
        {
            doc.add_text(f.outlet, source);
        }
        doc.add_text(f.title_key, &document.title);
        doc.add_u64(f.title_prefix, super::schema::title_prefix(&document.title));
        doc.add_text(f.lang, &document.lang);
        doc.add_text(f.direction, document.direction.as_str());
        doc.add_text(f.hash, &document.hash);
        doc
    }
}

/// Reads and parses `todo`'s files on `threads` threads, a few ahead, and hands their
/// contents to `take` in `todo`'s order until it says to stop (false) or fails. A PDF or an
/// office file takes real work to read: one thread alone would leave the writer waiting.
fn read_in_order<E>(
    todo: &[Todo<'_>],
    threads: usize,
    mut take: impl FnMut(usize, &Todo<'_>, FileContents) -> Result<bool, E>,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, FileContents)>(2 * threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(todo) = todo.get(index) else {
                        break;
                    };
                    // Nobody takes any more (done, or an error): stop too.
                    if sender.send((index, todo.read())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut reads = InOrder {
            receiver,
            pending: BTreeMap::new(),
        };
        for (index, todo) in todo.iter().enumerate() {
            let contents = reads.take(index, || todo.read());
            if !take(index, todo, contents)? {
                break;
            }
        }
        Ok(())
    })
}

/// What the manifest keeps of a file just indexed.
fn file_entry(todo: &Todo<'_>, contents: FileContents) -> FileEntry {
    FileEntry {
        size: todo.file.size,
        modified_ns: todo.file.modified_ns,
        docs: contents
            .documents
            .iter()
            .map(|d| DocEntry {
                id: d.id.clone(),
                hash: d.hash.clone(),
            })
            .collect(),
        skipped: contents.skipped,
        metadata: todo.meta.as_ref().map(FileMeta::fingerprint),
        table: false,
    }
}

/// The contents of files read on other threads, given back in the corpus's order.
struct InOrder {
    receiver: std::sync::mpsc::Receiver<(usize, FileContents)>,
    /// Files read before those ahead of them.
    pending: BTreeMap<usize, FileContents>,
}

impl InOrder {
    /// The contents of the `index`th file; `read` reads it here when no reader is left (one
    /// panicked).
    fn take(&mut self, index: usize, read: impl FnOnce() -> FileContents) -> FileContents {
        loop {
            if let Some(contents) = self.pending.remove(&index) {
                return contents;
            }
            match self.receiver.recv() {
                Ok((at, contents)) => {
                    self.pending.insert(at, contents);
                }
                Err(_) => return read(),
            }
        }
    }
}

/// Reads and parses one file, with what the metadata tables say of it; an unreadable or
/// oversized file is one skipped entry.
fn read(file: &CorpusFile, meta: Option<&FileMeta>) -> corpus::FileContents {
    let skipped = |reason: String| corpus::FileContents {
        documents: Vec::new(),
        skipped: vec![Skipped {
            path: file.rel.clone(),
            line: None,
            reason,
        }],
    };
    match corpus::read_file(&file.path) {
        Ok(bytes) => corpus::parse_file_with(&file.rel, &bytes, meta),
        Err(reason) => skipped(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buffers_take_at_most_a_quarter_of_the_available_memory() {
        const GB: u64 = 1 << 30;
        // Plenty: the most per thread.
        assert_eq!(writer_bytes_per_thread(2, Some(24 * GB)), 320 << 20);
        // 2 GB available, two threads: a quarter is 512 MB, 256 each.
        assert_eq!(writer_bytes_per_thread(2, Some(2 * GB)), 256 << 20);
        // One thread: the most again.
        assert_eq!(writer_bytes_per_thread(1, Some(2 * GB)), 320 << 20);
        // Very little: never under the least.
        assert_eq!(writer_bytes_per_thread(8, Some(GB / 2)), 64 << 20);
        // The system does not say: the most.
        assert_eq!(writer_bytes_per_thread(2, None), 320 << 20);
    }

    #[test]
    fn available_memory_is_read_from_meminfo() {
        let meminfo = "MemTotal:       24000000 kB\nMemFree:         1000000 kB\n\
                       MemAvailable:   20000000 kB\nBuffers:          100 kB\n";
        assert_eq!(meminfo_available(meminfo), Some(20_000_000 * 1024));
        assert_eq!(meminfo_available("MemTotal: 5 kB\n"), None);
        assert_eq!(meminfo_available("MemAvailable: many kB\n"), None);
    }
}
