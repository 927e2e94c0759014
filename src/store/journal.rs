//! The journal beside a large store: the batches of articles ingested since
//! the RON was last written, so that an ingest writes what it adds, not the
//! whole store. `data/graph.journal` beside `data/graph.ron`.
//!
//! The file starts with a header naming the RON it extends (length,
//! modification time, BLAKE3 hash). Only a journal extending the RON as it
//! is gets appended to. One whose RON was replaced since is still read: a
//! rewrite by kg (compact, forget, reindex, import) that was cut short before
//! removing the journal already holds its articles, which replay skips, and
//! a RON edited by hand keeps the articles ingested since, replayed on the
//! edited graph and folded in by the next writer, with a warning
//! ([`stale_notice`]); never dropped without a word. Then come records, one per
//! ingest: the payload's length, its BLAKE3 hash, and the payload (JSON: the
//! extractor, each new article's record and its extraction). Each record is
//! synced before the ingest reports it; a record cut short or damaged (a
//! writer killed while appending) ends the journal there, and the next
//! writer cuts it off before appending. Readers replay the records on the
//! graph read from the RON, through the same merge the ingest made
//! ([`KnowledgeGraph::merge_recorded`]), so the graph is the one a rewrite
//! of the whole store would have held. A writer that rewrites the RON folds
//! the journal in (it read it with the store) and removes it.

use crate::graph::{ArticleRecord, KnowledgeGraph};
use crate::model::Extraction;
use crate::store::ron_out::{modified_ns, FileDigest};
use serde::{Deserialize, Serialize};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 10] = b"kgjournal\n";

/// When an ingest goes to the journal rather than rewriting the store.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// A store whose RON is smaller is rewritten whole, which costs little.
    min_store: u64,
    /// The journal is folded into the RON once it would pass 1/`fold` of it
    /// (never when 0).
    fold: u64,
}

/// Through the journal from a RON of 1 MiB; folded at an eighth of it.
const LIMITS: Limits = Limits {
    min_store: 1 << 20,
    fold: 8,
};

/// One ingest's new articles, as merged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// The extractor fingerprint recorded as the articles' provenance.
    pub extractor: String,
    pub articles: Vec<(ArticleRecord, Extraction)>,
}

/// The header's binding to the RON file the journal extends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Base {
    len: u64,
    modified_ns: u128,
    hash: String,
}

/// Whether an ingest into the store at `store` may go to its journal: its
/// RON is large enough to be worth not rewriting.
pub fn takes_ingests(store: &Path) -> bool {
    std::fs::metadata(store).is_ok_and(|m| takes_ingests_at(m.len()))
}

/// Whether a store whose RON is `len` bytes long takes ingests through its
/// journal ([`takes_ingests`]).
pub fn takes_ingests_at(len: u64) -> bool {
    len >= LIMITS.min_store
}

/// The journal of the store at `store`: the same name with `.journal`.
pub fn path_for(store: &Path) -> PathBuf {
    store.with_extension("journal")
}

/// What identifies the journal's content for the snapshot: its length and
/// hash (`(0, "")` when there is none).
pub fn digest(store: &Path) -> (u64, String) {
    match std::fs::read(path_for(store)) {
        Ok(bytes) if !bytes.is_empty() => (
            bytes.len() as u64,
            blake3::hash(&bytes).to_hex().to_string(),
        ),
        _ => (0, String::new()),
    }
}

/// The journal's bytes, read before the RON (so that a writer replacing the
/// RON in between makes the journal read stale, never lost); empty when missing.
pub fn read_bytes(store: &Path) -> Vec<u8> {
    std::fs::read(path_for(store)).unwrap_or_default()
}

/// The header line of a journal: `MAGIC`, the header's length (u32 LE),
/// the header (JSON). Returns the header and where the records begin.
fn header(bytes: &[u8]) -> Option<(Base, usize)> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let base = serde_json::from_slice(rest.get(4..4 + len)?).ok()?;
    Some((base, MAGIC.len() + 4 + len))
}

/// Whether `base` names the RON file `ron` (bytes read from `store`, whose
/// modification time was `modified` before reading).
fn extends(base: &Base, ron: &[u8], modified: u128) -> bool {
    base.len == ron.len() as u64
        && (base.modified_ns == modified || base.hash == blake3::hash(ron).to_hex().as_str())
}

/// The whole records of `bytes` from `start`, and where the last whole one ends.
fn records(bytes: &[u8], start: usize) -> (Vec<Batch>, usize) {
    let mut out = Vec::new();
    let mut at = start;
    while let Some(head) = bytes.get(at..at + 40) {
        let len = u64::from_le_bytes(head[..8].try_into().unwrap_or_default()) as usize;
        let Some(payload) = bytes.get(at + 40..(at + 40).saturating_add(len)) else {
            break;
        };
        if blake3::hash(payload).as_bytes() != &head[8..40] {
            break;
        }
        let Ok(batch) = serde_json::from_slice::<Batch>(payload) else {
            break;
        };
        out.push(batch);
        at += 40 + len;
    }
    (out, at)
}

/// The batches of `journal` (bytes read by [`read_bytes`]), whether or not
/// it extends the RON it is read with: [`replay`] skips the articles that
/// RON already holds.
pub fn batches(journal: &[u8]) -> Vec<Batch> {
    match header(journal) {
        Some((_, start)) => records(journal, start).0,
        None => Vec::new(),
    }
}

/// The batches of `journal` past its first `covered` bytes (what a snapshot
/// built with that much of it does not hold).
pub fn batches_after(journal: &[u8], covered: u64) -> Vec<Batch> {
    match header(journal) {
        Some((_, start)) => records(journal, start.max(covered as usize)).0,
        None => Vec::new(),
    }
}

/// Whether `journal` (bytes read by [`read_bytes`]) extends the RON at
/// `store` as it is now (length and time, as [`append`] asks); an empty
/// journal extends any.
pub fn extends_ron(store: &Path, journal: &[u8]) -> bool {
    if journal.is_empty() {
        return true;
    }
    let Some((base, _)) = header(journal) else {
        return false;
    };
    std::fs::metadata(store).is_ok_and(|m| m.len() == base.len)
        && base.modified_ns == modified_ns(store)
}

/// A warning when the journal beside `store` holds articles but was written
/// for another version of its RON (the RON edited or replaced by hand since):
/// its articles are read on top of the RON as it is now, and the next write
/// folds them in. `None` for a journal that extends the RON, or none.
pub fn stale_notice(store: &Path) -> Option<String> {
    let journal = read_bytes(store);
    let (base, start) = header(&journal)?;
    let modified = modified_ns(store);
    if base.len == std::fs::metadata(store).ok()?.len() && base.modified_ns == modified {
        return None;
    }
    let ron = std::fs::read(store).ok()?;
    if extends(&base, &ron, modified) {
        return None;
    }
    let count = missing_from(&records(&journal, start).0, &ron);
    if count == 0 {
        return None;
    }
    Some(format!(
        "warning: {} was written for an earlier {} (edited or replaced since); \
         its {count} {} read on top of it and folded in by the next write",
        path_for(store).display(),
        store.display(),
        if count == 1 {
            "article is"
        } else {
            "articles are"
        },
    ))
}

/// How many articles of `batches` the RON text `ron` does not name (by the
/// quoted article id its records carry).
fn missing_from(batches: &[Batch], ron: &[u8]) -> usize {
    let quoted: Vec<String> = batches
        .iter()
        .flat_map(|b| &b.articles)
        .map(|(record, _)| format!("\"{}\"", record.id))
        .collect();
    let Ok(ids) = aho_corasick::AhoCorasick::new(&quoted) else {
        return quoted.len();
    };
    let mut found = vec![false; quoted.len()];
    for m in ids.find_overlapping_iter(ron) {
        found[m.pattern().as_usize()] = true;
    }
    found.iter().filter(|&&f| !f).count()
}

/// Replays `batches` on `graph` as the ingests merged them: each batch's
/// articles the graph does not hold yet, folded once when all are in
/// ([`KnowledgeGraph::merge_all_recorded`]), batch after batch.
pub fn replay(graph: &mut KnowledgeGraph, batches: Vec<Batch>) {
    for batch in batches {
        let fresh: Vec<_> = batch
            .articles
            .into_iter()
            .filter(|(record, _)| !graph.has_article(&record.id))
            .map(|(record, extraction)| (extraction, record))
            .collect();
        graph.merge_all_recorded(fresh, &batch.extractor);
    }
}

/// Removes the journal (only under the store's lock, once the RON holds
/// what it held).
pub fn discard(store: &Path) {
    let _ = std::fs::remove_file(path_for(store));
}

/// What [`append`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Appended {
    /// The batch is in the journal, synced.
    Written,
    /// The store should be rewritten whole instead: its RON is small, or the
    /// journal has grown to a fair part of it.
    Fold,
}

/// Appends `batch` to the journal of the store at `store`, under the store's
/// lock: a journal extending another RON, or none, is started anew (written
/// beside it and renamed in); a torn tail is cut off first. Returns
/// [`Appended::Fold`] without writing when the store should be rewritten.
///
/// `ron` is the RON's digest when the caller knows it (a snapshot's header
/// names it): a new journal's header takes it, checked by the file's length
/// and time, instead of hashing the whole RON again.
pub fn append(store: &Path, batch: &Batch, ron: Option<&FileDigest>) -> std::io::Result<Appended> {
    append_known(store, batch, LIMITS, ron)
}

#[cfg(test)]
fn append_within(store: &Path, batch: &Batch, limits: Limits) -> std::io::Result<Appended> {
    append_known(store, batch, limits, None)
}

fn append_known(
    store: &Path,
    batch: &Batch,
    limits: Limits,
    ron: Option<&FileDigest>,
) -> std::io::Result<Appended> {
    let ron_len = std::fs::metadata(store)?.len();
    if ron_len < limits.min_store {
        return Ok(Appended::Fold);
    }
    let payload = serde_json::to_vec(batch).map_err(std::io::Error::other)?;
    let mut record = Vec::with_capacity(payload.len() + 40);
    record.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    record.extend_from_slice(blake3::hash(&payload).as_bytes());
    record.extend_from_slice(&payload);
    let path = path_for(store);
    let existing = std::fs::read(&path).unwrap_or_default();
    if existing.is_empty() {
        if too_long(record.len(), ron_len, limits) {
            return Ok(Appended::Fold);
        }
        start(store, &record, ron)?;
        return Ok(Appended::Written);
    }
    // Appended to only while it extends the RON as it was written (length and
    // time); anything else (another RON's, damaged, copied) is folded, from
    // what the caller read.
    let end = match header(&existing) {
        Some((base, start)) if base.len == ron_len && base.modified_ns == modified_ns(store) => {
            records(&existing, start).1
        }
        _ => return Ok(Appended::Fold),
    };
    if too_long(end + record.len(), ron_len, limits) {
        return Ok(Appended::Fold);
    }
    let mut file = std::fs::OpenOptions::new().write(true).open(&path)?;
    file.set_len(end as u64)?;
    file.seek(std::io::SeekFrom::End(0))?;
    file.write_all(&record)?;
    file.sync_all()?;
    Ok(Appended::Written)
}

/// Whether a journal of `len` bytes is due to be folded into a RON of `ron_len`.
fn too_long(len: usize, ron_len: u64, limits: Limits) -> bool {
    ron_len
        .checked_div(limits.fold)
        .is_some_and(|most| len as u64 > most)
}

/// A new journal for the RON at `store`, holding `record`: written beside
/// it as the store's temporaries are, synced, renamed in.
fn start(store: &Path, record: &[u8], ron: Option<&FileDigest>) -> std::io::Result<()> {
    let len = std::fs::metadata(store)?.len();
    let digest = match ron {
        Some(d) if d.len == len && d.modified_ns == modified_ns(store) => d.clone(),
        _ => FileDigest::of(store)?,
    };
    let base = Base {
        len: digest.len,
        modified_ns: digest.modified_ns,
        hash: digest.hash,
    };
    let head = serde_json::to_vec(&base).map_err(std::io::Error::other)?;
    let dir = match store.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (prefix, suffix) = super::temporary_affixes(store);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(&dir)?;
    {
        let f = tmp.as_file_mut();
        f.write_all(MAGIC)?;
        f.write_all(&(head.len() as u32).to_le_bytes())?;
        f.write_all(&head)?;
        f.write_all(record)?;
    }
    super::keep_permissions(store, tmp.as_file());
    tmp.as_file().sync_all()?;
    tmp.persist(path_for(store)).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::store::{self, Store};

    fn article(i: usize) -> Article {
        let seed = crate::article::read(
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/articles/india_japan_defence_2025-05-04.txt"
            )),
            None,
        )
        .unwrap();
        let text = format!("{}\n\nBulletin {i}.\n", seed.text.trim_end());
        Article {
            id: crate::article::content_id(&text),
            path: format!("a{i}.txt"),
            text,
            ..seed
        }
    }

    fn batch(i: usize) -> Batch {
        let a = article(i);
        let extraction = crate::extract::Extractor::shared().unwrap().extract(&a);
        let record = ArticleRecord {
            date: a.date.map(|d| d.to_string()),
            id: a.id,
            path: a.path,
            title: a.title,
            text: a.text,
            fingerprint: None,
        };
        Batch {
            extractor: store::extractor_fingerprint(),
            articles: vec![(record, extraction)],
        }
    }

    const ANY: Limits = Limits {
        min_store: 0,
        fold: 0,
    };

    /// A store of articles 0 and 1, saved at `dir/g.ron`, and the store
    /// those and `more` make when merged in memory.
    fn base(dir: &Path, more: &[usize]) -> (PathBuf, String) {
        let path = dir.join("g.ron");
        let mut s = Store {
            extractor: store::extractor_fingerprint(),
            ..Store::default()
        };
        replay(&mut s.graph, vec![batch(0), batch(1)]);
        store::save(&path, &s).unwrap();
        replay(&mut s.graph, more.iter().map(|&i| batch(i)).collect());
        (path, store::to_string(&s))
    }

    fn loaded(path: &Path) -> String {
        store::to_string(&store::load(path).unwrap().unwrap())
    }

    #[test]
    fn journaled_ingests_read_back_as_the_store_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (path, whole) = base(dir.path(), &[2, 3]);
        for i in [2, 3] {
            assert_eq!(
                append_within(&path, &batch(i), ANY).unwrap(),
                Appended::Written
            );
        }
        assert!(path_for(&path).exists());
        assert!(loaded(&path) == whole);
        // Written whole, the journal is folded in and removed.
        store::save(&path, &store::load(&path).unwrap().unwrap()).unwrap();
        assert!(!path_for(&path).exists());
        assert!(std::fs::read_to_string(&path).unwrap() == whole);
    }

    #[test]
    fn a_torn_or_damaged_record_ends_the_journal_and_is_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let (path, with_2) = base(dir.path(), &[2]);
        let (_, with_2_and_4) = base(tempfile::tempdir().unwrap().path(), &[2, 4]);
        append_within(&path, &batch(2), ANY).unwrap();
        let whole_one = std::fs::metadata(path_for(&path)).unwrap().len();
        append_within(&path, &batch(3), ANY).unwrap();
        let journal = path_for(&path);
        // A writer killed while appending article 3.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&journal)
            .unwrap();
        file.set_len(whole_one + 100).unwrap();
        assert!(loaded(&path) == with_2);
        // The next append cuts the torn record off.
        append_within(&path, &batch(4), ANY).unwrap();
        assert!(loaded(&path) == with_2_and_4);
        // A damaged byte in the last record: that record is ignored.
        let mut bytes = std::fs::read(&journal).unwrap();
        // Still JSON, but not what was written: "bulletin 4".
        let last = bytes.windows(10).rposition(|w| w == b"Bulletin 4").unwrap();
        bytes[last] ^= 0x20;
        std::fs::write(&journal, bytes).unwrap();
        assert!(loaded(&path) == with_2);
    }

    #[test]
    fn a_journal_of_an_edited_ron_is_still_read_and_only_folded() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = base(dir.path(), &[]);
        let before = std::fs::read_to_string(&path).unwrap();
        append_within(&path, &batch(2), ANY).unwrap();
        assert_eq!(stale_notice(&path), None);
        // The RON edited by hand while the journal held article 2: the
        // article is read on top of the edited RON, with a warning, and the
        // journal is never appended to again.
        let other = before.replacen("version: 2", "version: 2 ", 1);
        std::fs::write(&path, &other).unwrap();
        let graph = store::load(&path).unwrap().unwrap().graph;
        assert_eq!(graph.articles().count(), 3);
        let warning = stale_notice(&path).expect("a warning");
        assert!(
            warning.contains("its 1 article is read on top of it"),
            "{warning}"
        );
        // A RON that already holds the journal's articles (a rewrite cut
        // short before removing the journal) reads the same.
        store::save(&path, &store::load(&path).unwrap().unwrap()).unwrap();
        assert!(!path_for(&path).exists());
        append_within(&path, &batch(3), ANY).unwrap();
        let journal = std::fs::read(path_for(&path)).unwrap();
        store::save(&path, &store::load(&path).unwrap().unwrap()).unwrap();
        std::fs::write(path_for(&path), journal).unwrap();
        assert_eq!(
            store::load(&path)
                .unwrap()
                .unwrap()
                .graph
                .articles()
                .count(),
            4
        );
        assert_eq!(stale_notice(&path), None);
        assert_eq!(
            append_within(&path, &batch(3), ANY).unwrap(),
            Appended::Fold
        );
        let folding = Limits {
            min_store: 0,
            fold: 1000,
        };
        std::fs::remove_file(path_for(&path)).unwrap();
        assert_eq!(
            append_within(&path, &batch(3), folding).unwrap(),
            Appended::Fold
        );
        // A small store is rewritten whole.
        assert_eq!(append(&path, &batch(3), None).unwrap(), Appended::Fold);
    }
}
