//! Syndicated copies: documents whose text is largely the same after normalisation (one
//! agency's wire story run by five outlets, a lightly edited rewrite) are one group, with
//! the earliest-published member as its origin and each copy's similarity to it.
//!
//! The method is `MinHash` with locality-sensitive hashing over word shingles of the
//! normalised text ([`signature`]); the groups live in a file of their own beside the index
//! ([`CopyStore`]), brought up to date by each index update, a new document placed with a
//! few lookups. Translations are not copies: they share no shingles.
//!
//! Pure domain code, no terminal: the command line (`isnad doc copies`), the workbench and
//! the reports all read the groups from here; counting a claim's sources with copies
//! folded into their origin is `crate::review`'s rule.

mod diff;
mod signature;
mod store;

pub use diff::{Compared, compare};
pub use signature::{BANDS, HASHES, ROWS, SCHEME, SHINGLE_WORDS, Signature, THRESHOLD, signature};
pub use store::{CopiesError, CopyStore, Placed};

/// The signature a document is grouped by: its body's, or its title's when the body has
/// no words (an outlet's headline is its own; the story is in the body).
pub fn document_signature(title: &str, body: &str) -> Option<Signature> {
    signature(body).or_else(|| signature(title))
}

/// A document of a copy group.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub doc: String,
    /// Its published date as the document gives it.
    pub published: Option<String>,
    /// Estimated Jaccard similarity of its shingles to the origin's, 0 to 1 (the origin's
    /// own is 1).
    pub similarity: f64,
}

/// Documents that are copies of one another.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The earliest published (dated before undated; on one date, the least id).
    pub origin: Member,
    /// The others, by published date then id.
    pub copies: Vec<Member>,
}

impl Group {
    /// The origin, then the copies.
    pub fn members(&self) -> impl Iterator<Item = &Member> {
        std::iter::once(&self.origin).chain(&self.copies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "قالت وزارة الصحة في غزة إن عدد القتلى ارتفع إلى ١٤٤ شخصاً بعد الغارات \
        التي استهدفت أحياء في شمال القطاع فجر اليوم، وأضافت أن فرق الإنقاذ ما زالت تبحث عن \
        مفقودين تحت الأنقاض. وقال شهود عيان إن الطائرات حلقت على ارتفاع منخفض قبل القصف.";
    const OTHER: &str = "أعلن الاتحاد الأوروبي اليوم عن حزمة مساعدات جديدة بقيمة خمسين مليون \
        يورو، وقالت المفوضية إن المساعدات ستصل عبر معبر رفح خلال الأسبوع المقبل إذا سمحت \
        الظروف بذلك، مشيرة إلى أن التنسيق جار مع الأمم المتحدة.";

    fn placed(id: &str, text: &str, published: Option<&str>) -> Placed {
        Placed {
            id: id.to_owned(),
            hash: format!("h-{}", text.len()),
            published: published.map(str::to_owned),
            signature: signature(text),
        }
    }

    fn open() -> (tempfile::TempDir, CopyStore) {
        let dir = tempfile::tempdir().expect("test");
        let store = CopyStore::open(&dir.path().join("copies.sqlite")).expect("test");
        (dir, store)
    }

    fn shape(store: &CopyStore) -> Vec<(String, Vec<String>)> {
        store
            .groups()
            .expect("test")
            .into_iter()
            .map(|g| (g.origin.doc, g.copies.into_iter().map(|c| c.doc).collect()))
            .collect()
    }

    #[test]
    fn copies_group_under_the_earliest_and_split_when_the_link_goes() {
        let (_dir, mut store) = open();
        let copy = format!("(رويترز) - {WIRE} ولم يصدر تعليق من الجيش.");
        let copy_of_copy = format!("{copy} وتابعت الوزارة بياناتها اليومية.");
        store
            .apply(
                &[],
                &[
                    placed("c", &copy, Some("2024-03-02")),
                    placed("other", OTHER, Some("2024-03-01")),
                    placed("wire", WIRE, Some("2024-03-01")),
                    placed("empty", "", None),
                ],
            )
            .expect("test");
        assert_eq!(shape(&store), [("wire".into(), vec!["c".to_owned()])]);
        // Placed later, joins through `c`; undated, so never the origin.
        store
            .apply(&[], &[placed("cc", &copy_of_copy, None)])
            .expect("test");
        let group = store.group_of("cc").expect("test").expect("test");
        assert_eq!(group.origin.doc, "wire");
        assert_eq!(group.copies.len(), 2);
        assert!(
            group
                .copies
                .iter()
                .all(|c| c.similarity >= 0.5 && c.similarity < 1.0)
        );
        assert_eq!(store.group_of("other").expect("test"), None);
        let marks = store.marks().expect("test");
        assert_eq!(
            (&marks["wire"], &marks["cc"], marks.get("other")),
            (&(2, None), &(2, Some("wire".to_owned())), None)
        );
        // One document's mark, read alone, is the same.
        for id in ["wire", "cc", "other", "absent"] {
            assert_eq!(
                store.mark_of(id).expect("test"),
                marks.get(id).cloned(),
                "{id}"
            );
        }
        // The origin leaves: the copies stay together, the earliest left is the origin.
        store.apply(&["wire".into()], &[]).expect("test");
        assert_eq!(shape(&store), [("c".into(), vec!["cc".to_owned()])]);
        let known = store.known().expect("test");
        assert_eq!(known.len(), 4);
        assert!(
            store
                .signature_of_hash(&known["c"])
                .expect("test")
                .expect("test")
                .is_some()
        );
        assert_eq!(
            store.signature_of_hash(&known["empty"]).expect("test"),
            Some(None)
        );
    }

    /// Words `t{i}w0 … t{i}w19` for each chunk `i` of `chunks`: texts whose overlap is
    /// known.
    fn chunks(chunks: std::ops::RangeInclusive<usize>) -> String {
        chunks
            .flat_map(|i| (0..20).map(move |j| format!("t{i}w{j}")))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn removing_the_only_link_splits_a_group() {
        let (_dir, mut store) = open();
        // a ~ b and b ~ c (about 0.6 each), but a and c share a fifth.
        let (a, b, c) = (chunks(1..=6), chunks(1..=10), chunks(5..=10));
        let sig = |t: &str| signature(t).expect("test");
        assert!(sig(&a).similarity(&sig(&b)) >= THRESHOLD);
        assert!(sig(&b).similarity(&sig(&c)) >= THRESHOLD);
        assert!(sig(&a).similarity(&sig(&c)) < THRESHOLD);
        store
            .apply(
                &[],
                &[
                    placed("a", &a, None),
                    placed("c", &c, None),
                    placed("b", &b, None),
                ],
            )
            .expect("test");
        assert_eq!(
            shape(&store),
            [("a".into(), vec!["b".to_owned(), "c".to_owned()])]
        );
        store.apply(&["b".into()], &[]).expect("test");
        assert!(shape(&store).is_empty(), "{:?}", shape(&store));
        assert_eq!(store.known().expect("test").len(), 2);
    }

    /// Placing a corpus at once (candidates found in memory) and one document at a time
    /// (looked up in the band table) make the same groups.
    #[test]
    fn at_once_and_one_by_one_agree() {
        let texts: Vec<(String, String)> = (0..40)
            .map(|i| {
                // Stories of 8 chunks; story k's copies share 6 of its chunks.
                let story = i / 4;
                let base = story * 20;
                let text = match i % 4 {
                    0 => chunks(base..=base + 7),
                    1 => chunks(base + 1..=base + 8),
                    2 => chunks(base + 2..=base + 9),
                    _ => chunks(base + 10..=base + 17),
                };
                (format!("doc{i:02}"), text)
            })
            .collect();
        let all: Vec<Placed> = texts.iter().map(|(id, t)| placed(id, t, None)).collect();
        let (_a, mut at_once) = open();
        at_once.apply(&[], &all).expect("test");
        let (_b, mut one_by_one) = open();
        for placed in all.iter().rev() {
            one_by_one
                .apply(&[], std::slice::from_ref(placed))
                .expect("test");
        }
        let groups = shape(&at_once);
        assert_eq!(groups, shape(&one_by_one));
        assert_eq!(groups.len(), 10, "{groups:?}");
        assert!(
            groups.iter().all(|(_, copies)| copies.len() == 2),
            "{groups:?}"
        );
    }

    #[test]
    fn another_scheme_or_a_damaged_file_is_made_again() {
        let dir = tempfile::tempdir().expect("test");
        let path = dir.path().join("copies.sqlite");
        {
            let mut store = CopyStore::open(&path).expect("test");
            store
                .apply(&[], &[placed("wire", WIRE, None)])
                .expect("test");
            store
                .conn_for_tests()
                .execute("UPDATE meta SET value = 'old' WHERE key = 'scheme'", [])
                .expect("test");
        }
        assert!(
            CopyStore::open(&path)
                .expect("test")
                .known()
                .expect("test")
                .is_empty()
        );
        std::fs::write(&path, b"not a database at all, just bytes").expect("test");
        let _ = std::fs::remove_file(dir.path().join("copies.sqlite-wal"));
        let store = CopyStore::open(&path).expect("test");
        assert!(store.known().expect("test").is_empty());
        assert!(
            CopyStore::open_existing(&dir.path().join("none"))
                .expect("test")
                .is_none()
        );
    }
}
