//! Writing a store of millions of entities as RON, fast: the schema of
//! [`crate::store`] (which reads it back unchanged), one entity and one
//! relation per line so the file still diffs cleanly, each line written by
//! the record codec (`store/record.rs`) from a graph or from CSV columns,
//! formatted on every core, hashed (BLAKE3) while it is written so the
//! snapshot beside it can name it, and written around the page cache
//! ([`super::direct`]).

use super::direct::SequentialWriter;
use super::import::CsvGraph;
use super::import_store::IMPORT_EXTRACTOR;
use super::record::{self, EvidenceParts, Sentence};
use crate::graph::ArticleRecord;
use crate::model::Attrs;
use crate::store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What identifies a store file's content: its length and BLAKE3 hash, and
/// the modification time it had when they were taken. (BLAKE3, not SHA-256:
/// it hashes a 1.4 GB store several times faster.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub len: u64,
    pub hash: String,
    pub modified_ns: u128,
}

/// A file's modification time in nanoseconds since 1970, 0 when unknown.
pub fn modified_ns(path: &Path) -> u128 {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

impl FileDigest {
    /// The digest of `bytes`, read from a file modified at `modified_ns`
    /// (taken before reading, so a later change shows).
    pub fn of_bytes(bytes: &[u8], modified_ns: u128) -> FileDigest {
        FileDigest {
            len: bytes.len() as u64,
            hash: blake3::hash(bytes).to_hex().to_string(),
            modified_ns,
        }
    }

    /// Reads `path` through and hashes it.
    pub fn of(path: &Path) -> std::io::Result<FileDigest> {
        let modified = modified_ns(path);
        let mut file = std::fs::File::open(path)?;
        let mut hasher = blake3::Hasher::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut len = 0u64;
        loop {
            let n = std::io::Read::read(&mut file, &mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            len += n as u64;
        }
        Ok(FileDigest {
            len,
            hash: hasher.finalize().to_hex().to_string(),
            modified_ns: modified,
        })
    }
}

/// The store for an import into nothing: the graph read from CSV, every
/// relation with its rows as evidence from `article`. Written atomically to
/// `path` (a temporary file beside it, synced, then renamed over it); returns
/// the digest of what was written.
pub fn write_import(
    path: &Path,
    graph: &CsvGraph,
    article: &ArticleRecord,
    extractor: &str,
) -> std::io::Result<FileDigest> {
    let dir = parent_dir(path)?;
    let tmp = temporary_beside(path, &dir)?;
    let mut out = OrderedWriter::new(tmp.as_file(), tmp.path())?;
    let mut head = Vec::new();
    record::write_head(&mut head, false, extractor);
    let no_entities = BTreeSet::new();
    record::write_article(&mut head, article, IMPORT_EXTRACTOR, &no_entities);
    head.extend_from_slice(record::ENTITIES.as_bytes());
    out.put(&head)?;

    let no_attrs = Attrs::new();
    let entity_lines = |range: std::ops::Range<usize>, buf: &mut Vec<u8>| {
        for v in range.filter(|&v| !graph.external[v]) {
            let (id, name) = (graph.ids.get(v), graph.labels.get(v));
            record::write_entity(buf, id, graph.kind(v as u32), name, &[], &no_attrs);
        }
    };
    out.parallel(graph.ids.len(), entity_lines)?;
    out.put(record::RELATIONS.as_bytes())?;
    let relation_lines = |range: std::ops::Range<usize>, buf: &mut Vec<u8>| {
        for e in range.clone() {
            if (e - range.start).is_multiple_of(TOUCH_AHEAD) {
                touch_targets(graph, e..(e + TOUCH_AHEAD).min(range.end));
            }
            let (s, t) = (
                graph.ids.get(graph.src[e] as usize),
                graph.ids.get(graph.dst[e] as usize),
            );
            let relation = graph.relation(e);
            // The sentence is the row as `csv_row` writes it.
            let row = [s, ",", t, ",", relation.as_str()];
            let evidence = graph.spans_of(e).iter().map(|&(start, end)| EvidenceParts {
                article: &article.id,
                sentence: Sentence::Parts(&row),
                start,
                end,
            });
            record::write_relation(buf, (s, relation, t), &no_attrs, evidence);
        }
    };
    out.parallel(graph.src.len(), relation_lines)?;
    out.put(record::END.as_bytes())?;
    let (len, hash) = out.finish()?;
    persist(tmp, path, &dir, len, hash)
}

/// Relations whose targets are touched before their lines are formatted.
const TOUCH_AHEAD: usize = 256;

/// Reads the first byte of the target id of every edge in `edges`: the
/// ids lie at random in a table far larger than the cache, and these
/// loads, independent of each other, wait for memory side by side, where
/// the formatting would wait for each in turn.
fn touch_targets(graph: &CsvGraph, edges: std::ops::Range<usize>) {
    let mut sum = 0u8;
    for &t in &graph.dst[edges] {
        sum = sum.wrapping_add(
            graph
                .ids
                .get(t as usize)
                .as_bytes()
                .first()
                .map_or(0, |b| *b),
        );
    }
    std::hint::black_box(sum);
}

/// Writes `store` to `path` in the line layout, atomically (a temporary file
/// beside it, synced, then renamed over it): the articles, the entities by id
/// and the relations by (source, relation, target), one per line, formatted
/// on every core and hashed as they are written. Returns the digest of what
/// was written, so the snapshot can name it without reading it back.
pub fn write_store(path: &Path, store: &store::Store) -> std::io::Result<FileDigest> {
    write_store_pending(path, store, cores())?.persist()
}

/// A file of a store written whole to a temporary file beside it and
/// hashed, not yet synced nor renamed in: what names its digest (the
/// snapshot) can be written and synced while it is synced.
pub struct Pending {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    dir: PathBuf,
    digest: FileDigest,
}

impl Pending {
    /// The digest the file will have once renamed in: its length, hash and
    /// modification time (which syncing and renaming keep).
    pub fn digest(&self) -> &FileDigest {
        &self.digest
    }

    /// Synced, renamed over the file it replaces, the folder synced: a
    /// crash leaves the old file or this one, whole.
    pub fn persist(self) -> std::io::Result<FileDigest> {
        let Pending {
            tmp,
            path,
            dir,
            digest,
        } = self;
        persist(tmp, &path, &dir, digest.len, digest.hash)
    }
}

/// `bytes` written to a temporary file beside `path`, to replace it
/// ([`Pending::persist`]).
pub fn pending_bytes(path: &Path, bytes: &[u8]) -> std::io::Result<Pending> {
    let dir = parent_dir(path)?;
    let tmp = temporary_beside(path, &dir)?;
    crate::store::direct::write_all_at(tmp.as_file(), bytes, 0)?;
    let hash = blake3::hash(bytes).to_hex().to_string();
    pending(tmp, path, dir, bytes.len() as u64, hash)
}

/// A temporary file written whole, for `path`.
fn pending(
    tmp: tempfile::NamedTempFile,
    path: &Path,
    dir: PathBuf,
    len: u64,
    hash: String,
) -> std::io::Result<Pending> {
    store::keep_permissions(path, tmp.as_file());
    let modified_ns = tmp
        .as_file()
        .metadata()?
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    Ok(Pending {
        tmp,
        path: path.to_path_buf(),
        dir,
        digest: FileDigest {
            len,
            hash,
            modified_ns,
        },
    })
}

/// [`write_store`] up to the sync: the store written to a temporary file
/// beside `path` and hashed, formatted on `threads` threads (the caller may
/// keep a core for other work).
pub fn write_store_pending(
    path: &Path,
    store: &store::Store,
    threads: usize,
) -> std::io::Result<Pending> {
    let graph = &store.graph;
    let dir = parent_dir(path)?;
    // A graph read from a store holds its entities and relations in order,
    // with those added since at the end: a stable sort finds the sorted runs.
    let mut entities: Vec<&crate::model::Entity> = graph.entities().collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    let mut relations: Vec<_> = graph.edges().collect();
    relations
        .sort_by(|a, b| (&a.0.id, a.1.relation, &a.2.id).cmp(&(&b.0.id, b.1.relation, &b.2.id)));
    let articles: Vec<&ArticleRecord> = graph.articles().collect();

    let tmp = temporary_beside(path, &dir)?;
    let mut out = OrderedWriter::new(tmp.as_file(), tmp.path())?.with_threads(threads);
    let mut head = Vec::new();
    record::write_head(&mut head, store.default_corpus, &store.extractor);
    out.put(&head)?;
    let no_entities = BTreeSet::new();
    let article_lines = |range: std::ops::Range<usize>, buf: &mut Vec<u8>| {
        for a in &articles[range] {
            let provenance = graph.provenance(&a.id);
            let extractor = provenance.map_or("", |p| p.extractor.as_str());
            let entities = provenance.map_or(&no_entities, |p| &p.entities);
            record::write_article(buf, a, extractor, entities);
        }
    };
    out.parallel(articles.len(), article_lines)?;
    out.put(record::ENTITIES.as_bytes())?;
    let entity_lines = |range: std::ops::Range<usize>, buf: &mut Vec<u8>| {
        for e in &entities[range] {
            record::write_entity(buf, &e.id, e.kind, &e.name, &e.aliases, &e.attrs);
        }
    };
    out.parallel(entities.len(), entity_lines)?;
    out.put(record::RELATIONS.as_bytes())?;
    let relation_lines = |range: std::ops::Range<usize>, buf: &mut Vec<u8>| {
        for (s, edge, t) in &relations[range] {
            let evidence = edge.evidence.iter().map(|ev| EvidenceParts {
                article: &ev.article,
                sentence: Sentence::Whole(&ev.sentence),
                start: ev.start as u64,
                end: ev.end as u64,
            });
            record::write_relation(buf, (&s.id, edge.relation, &t.id), &edge.attrs, evidence);
        }
    };
    out.parallel(relations.len(), relation_lines)?;
    out.put(record::END.as_bytes())?;
    let (len, hash) = out.finish()?;
    pending(tmp, path, dir, len, hash)
}

/// A lower bound of the length of the RON a store of `graph` is saved as,
/// in either layout: each article's text and each piece of evidence's
/// sentence is written whole (escaped, so never shorter). Known before
/// writing, so that what depends on the length can start beside the write.
pub fn len_at_least(graph: &crate::graph::KnowledgeGraph) -> u64 {
    let texts: usize = graph.articles().map(|a| a.text.len()).sum();
    let sentences: usize = graph
        .edges()
        .flat_map(|(_, edge, _)| &edge.evidence)
        .map(|ev| ev.sentence.len())
        .sum();
    (texts + sentences) as u64
}

/// The cores this process may run on.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |c| c.get())
}

/// The folder `path` is in, made if missing.
fn parent_dir(path: &Path) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A temporary file in `dir`, named like the store it will replace.
fn temporary_beside(path: &Path, dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let (prefix, suffix) = store::temporary_affixes(path);
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(dir)
}

/// Replaces `path` with the fully written `tmp`: synced, renamed over it, the
/// folder synced, so a crash leaves the old file or the new one, whole.
fn persist(
    tmp: tempfile::NamedTempFile,
    path: &Path,
    dir: &Path,
    len: u64,
    hash: String,
) -> std::io::Result<FileDigest> {
    store::keep_permissions(path, tmp.as_file());
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(FileDigest {
        len,
        hash,
        modified_ns: modified_ns(path),
    })
}

/// Writes a file from its start in order, with blocks formatted on every
/// core: each block, once formatted, waits for the blocks before it to be
/// placed, then is handed to the file's writer ([`SequentialWriter`]), which
/// hashes it and writes it around the page cache on threads of its own while
/// the next blocks are formatted. Only that hand-over runs in file order.
struct OrderedWriter {
    out: Option<Out>,
    /// Threads that format (every core, at most 8, unless told).
    threads: usize,
}

/// The file so far.
type Out = SequentialWriter;

/// Items formatted as one block (a relation line is about 200 bytes).
const BLOCK: usize = 1 << 15;

/// Where the blocks of [`OrderedWriter::parallel`] stand, shared by its threads.
struct Turns {
    /// The next block to be placed, and the file it goes into.
    next: std::sync::Mutex<(usize, Option<Out>)>,
    turn: std::sync::Condvar,
    failed: std::sync::atomic::AtomicBool,
}

impl Turns {
    fn fail(&self) {
        self.failed.store(true, std::sync::atomic::Ordering::SeqCst);
        self.turn.notify_all();
    }

    fn failed(&self) -> bool {
        self.failed.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits for block `k`'s turn and puts `buf` into the file; `Ok(false)`
    /// once another thread failed.
    fn put_in_turn(&self, k: usize, buf: &[u8]) -> std::io::Result<bool> {
        {
            let mut next = lock(&self.next);
            while next.0 != k && !self.failed() {
                next = wait(&self.turn, next);
            }
            if self.failed() {
                return Ok(false);
            }
            let put = match next.1.as_mut() {
                Some(out) => out.write(buf),
                None => Err(std::io::Error::other("the store's writer was lost")),
            };
            if let Err(e) = put {
                drop(next);
                self.fail();
                return Err(e);
            }
            next.0 = k + 1;
        }
        self.turn.notify_all();
        Ok(true)
    }
}

/// Marks the [`Turns`] failed when dropped while its thread unwinds.
struct ReleaseOnPanic<'t>(&'t Turns);

impl Drop for ReleaseOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.fail();
        }
    }
}

/// A lock whose holder panicked still holds sound data here (a block
/// number and a file that is thrown away on failure).
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn wait<'a, T>(
    c: &std::sync::Condvar,
    g: std::sync::MutexGuard<'a, T>,
) -> std::sync::MutexGuard<'a, T> {
    c.wait(g).unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl OrderedWriter {
    /// A writer of `file`, new and empty, found at `path`.
    fn new(file: &std::fs::File, path: &Path) -> std::io::Result<Self> {
        Ok(OrderedWriter {
            out: Some(SequentialWriter::new(file, path, true)?),
            threads: cores().clamp(1, 8),
        })
    }

    fn out(&mut self) -> std::io::Result<&mut Out> {
        self.out
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the store's writer was lost"))
    }

    /// Formatting on `threads` threads (one to eight).
    fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads.clamp(1, 8);
        self
    }

    /// Writes `bytes` next.
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out()?.write(bytes)
    }

    /// Writes `format(0..count)` next, formatted in blocks on every core.
    fn parallel<F>(&mut self, count: usize, format: F) -> std::io::Result<()>
    where
        F: Fn(std::ops::Range<usize>, &mut Vec<u8>) + Sync,
    {
        let cores = self.threads;
        // Smaller blocks when there are few items, as a few may be most of
        // the bytes (a relation stated in thousands of articles): 8 a core.
        let block = BLOCK.min(count.div_ceil(cores * 8)).max(1);
        let blocks = count.div_ceil(block);
        let threads = cores.min(blocks.max(1));
        let turns = Turns {
            next: std::sync::Mutex::new((0, self.out.take())),
            turn: std::sync::Condvar::new(),
            failed: std::sync::atomic::AtomicBool::new(false),
        };
        let (turns, format) = (&turns, &format);
        let worker = move |first: usize| -> std::io::Result<()> {
            // A worker that panics releases the others, which would wait for its turn.
            let _release = ReleaseOnPanic(turns);
            let mut buf = Vec::new();
            for k in (first..blocks).step_by(threads) {
                buf.clear();
                format(k * block..((k + 1) * block).min(count), &mut buf);
                if !turns.put_in_turn(k, &buf)? {
                    return Ok(());
                }
            }
            Ok(())
        };
        let result = std::thread::scope(|scope| -> std::io::Result<()> {
            let handles: Vec<_> = (1..threads)
                .map(|i| scope.spawn(move || worker(i)))
                .collect();
            let mut result = worker(0);
            for h in handles {
                let r = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                result = result.and(r);
            }
            result
        });
        self.out = lock(&turns.next).1.take();
        result
    }

    /// The length and hash of what was written, once it is all in the file.
    fn finish(mut self) -> std::io::Result<(u64, String)> {
        let out = self
            .out
            .take()
            .ok_or_else(|| std::io::Error::other("the store's writer was lost"))?;
        let (len, hash) = out.finish()?;
        let hash = hash.ok_or_else(|| std::io::Error::other("the store's hash was lost"))?;
        Ok((len, hash.to_hex().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_formatted_side_by_side_land_in_order_and_hash_as_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let file = std::fs::File::create(&path).unwrap();
        let count = 3 * BLOCK + 5;
        let mut out = OrderedWriter::new(&file, &path).unwrap();
        out.put(b"head\n").unwrap();
        out.parallel(count, |range, buf| {
            for i in range {
                // Lines of different lengths, so blocks differ in size.
                buf.extend_from_slice(format!("{i}{}\n", "x".repeat(i % 7)).as_bytes());
            }
        })
        .unwrap();
        out.parallel(0, |_, _| unreachable!()).unwrap();
        // A few long lines, split into blocks of a line or two.
        let long = |i: usize| format!("{i}{}\n", "y".repeat(1000 * (i % 5)));
        out.parallel(37, |range, buf| {
            for i in range {
                buf.extend_from_slice(long(i).as_bytes());
            }
        })
        .unwrap();
        out.put(b"tail\n").unwrap();
        let (len, hash) = out.finish().unwrap();
        let mut expected = String::from("head\n");
        for i in 0..count {
            expected.push_str(&format!("{i}{}\n", "x".repeat(i % 7)));
        }
        expected.extend((0..37).map(long));
        expected.push_str("tail\n");
        let written = std::fs::read(&path).unwrap();
        assert_eq!(written, expected.as_bytes());
        let digest = FileDigest::of(&path).unwrap();
        assert_eq!((len, hash), (digest.len, digest.hash.clone()));
        assert_eq!(digest, FileDigest::of_bytes(&written, digest.modified_ns));
    }

    /// The bound holds in both layouts, escapes and all, and is most of a
    /// store of long texts.
    #[test]
    fn a_store_is_never_shorter_than_its_lower_bound() {
        use crate::model::{ArticleMeta, Entity, EntityKind, Evidence, Extraction, Relation};
        let mut graph = crate::graph::KnowledgeGraph::new();
        for i in 0..3 {
            let text = format!("\"Quoted\"\n\tand {}\\ {i}", "long ".repeat(200));
            let (india, singh) = (
                Entity::new(EntityKind::Country, "india", "India"),
                Entity::new(EntityKind::Official, "rajnath-singh", "Rajnath Singh"),
            );
            let relation = Relation {
                source: singh.id.clone(),
                relation: crate::model::RelationKind::Represents,
                target: india.id.clone(),
                attrs: Attrs::new(),
                evidence: Evidence {
                    article: String::new(),
                    sentence: text.clone(),
                    start: 0,
                    end: text.len(),
                },
            };
            let id = format!("a{i}");
            let extraction = Extraction {
                article: ArticleMeta {
                    id: id.clone(),
                    path: format!("{id}.txt"),
                    title: String::new(),
                    date: None,
                },
                entities: vec![india, singh],
                relations: vec![relation],
            };
            let record = ArticleRecord {
                id: id.clone(),
                path: format!("{id}.txt"),
                title: String::new(),
                date: None,
                text,
                fingerprint: None,
            };
            graph.merge(extraction, record);
        }
        let bound = len_at_least(&graph);
        let store = store::Store {
            graph,
            default_corpus: false,
            extractor: "x".into(),
        };
        let dir = tempfile::tempdir().unwrap();
        let (pretty, lines) = (dir.path().join("p.ron"), dir.path().join("l.ron"));
        let pretty = store::save(&pretty, &store).unwrap().len;
        let lines = write_store(&lines, &store).unwrap().len;
        assert!(bound <= pretty.min(lines), "{bound} > {pretty} or {lines}");
        assert!(
            2 * bound > pretty.max(lines),
            "{bound} is not most of {pretty}, {lines}"
        );
    }

    #[test]
    fn a_block_that_panics_stops_the_others_instead_of_hanging_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let file = std::fs::File::create(&path).unwrap();
        let mut out = OrderedWriter::new(&file, &path).unwrap();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            out.parallel(4 * BLOCK, |range, buf| {
                assert!(!range.contains(&BLOCK), "the block of item BLOCK fails");
                buf.extend_from_slice(b"x");
            })
        }));
        assert!(caught.is_err());
    }
}
