//! The binary snapshot kept beside a large store: `data/graph.snapshot` next
//! to `data/graph.ron`, holding the [`GraphIndex`] in postcard so a graph of
//! millions of entities opens in well under a second instead of the tens of
//! seconds RON takes to parse.
//!
//! RON stays the store users read, diff and edit; the snapshot is a cache of
//! it and is only trusted while they agree. Its header records the store's
//! length, modification time and BLAKE3 hash; when the length and time still
//! match the snapshot is used as it is, otherwise the store is hashed, and a
//! different hash makes the snapshot stale: the caller falls back to RON (and
//! may write a new snapshot). The header also names the snapshot format, the
//! store schema and the kg version, and carries the BLAKE3 hash of the body,
//! so a damaged or foreign snapshot is refused, never half-read.

use super::index::GraphIndex;
use super::ron_out::{modified_ns, FileDigest};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Bumped whenever [`GraphIndex`]'s layout or the header changes (3: entity
/// attributes, article dates and every article behind an edge; BLAKE3 hashes;
/// 4: edge attributes and every piece of evidence, for exports and reports;
/// 5: the status of every edge; 6: the store's journal it covers; 7: the
/// story of every article and the stories behind every edge; 8: the
/// curation record it was built with; 9: every article's fingerprint, and
/// the evidence sentences in a section of their own after the rest; 10:
/// the edge columns nearly all one value kept as the edges that differ).
pub const FORMAT: u32 = 10;

/// A store with at least this many entities and relations gets a snapshot.
pub const MIN_ELEMENTS: usize = 100_000;

const MAGIC: &[u8; 8] = b"kgsnap\r\n";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    format: u32,
    schema: u32,
    kg: String,
    store_len: u64,
    store_modified_ns: u128,
    store_hash: String,
    default_corpus: bool,
    /// The store's journal the index includes: its length and hash (0 and
    /// empty for none). A journal that grew since makes the snapshot behind.
    journal_len: u64,
    journal_hash: String,
    /// The hash of the store's curation record the index was built with
    /// (empty for none): another record makes the snapshot behind.
    curation_hash: String,
    /// The hash of the index without its evidence sentences, which follow
    /// it (from `texts_at` in the body) with their own hash.
    body_hash: String,
    texts_at: u64,
    texts_hash: String,
}

/// Where the snapshot of the store at `store` lives: the same name with the
/// extension `.snapshot`.
pub fn path_for(store: &Path) -> PathBuf {
    store.with_extension("snapshot")
}

/// Whether a graph of this size deserves a snapshot.
pub fn worth_it(entities: usize, relations: usize) -> bool {
    entities + relations >= MIN_ELEMENTS
}

/// Writes the snapshot of `index` for the store at `store`, whose content is
/// `digest`; atomically, as the store is written.
pub fn write(
    store: &Path,
    digest: &FileDigest,
    default_corpus: bool,
    index: &GraphIndex,
) -> std::io::Result<PathBuf> {
    write_encoded(store, digest, default_corpus, &encode(index)?)
}

/// A snapshot's body: an index encoded, then its evidence sentences (raw,
/// [`GraphIndex::write_texts`]), each with its hash; it needs no store yet.
pub struct Body {
    bytes: Vec<u8>,
    hash: String,
    texts: Vec<u8>,
    texts_hash: String,
}

/// The body of the snapshot of `index`.
pub fn encode(index: &GraphIndex) -> std::io::Result<Body> {
    let bytes = postcard::to_stdvec(index).map_err(std::io::Error::other)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let mut texts = Vec::new();
    index.write_texts(&mut texts)?;
    let texts_hash = blake3::hash(&texts).to_hex().to_string();
    Ok(Body {
        bytes,
        hash,
        texts,
        texts_hash,
    })
}

/// [`write`] of a body encoded before.
pub fn write_encoded(
    store: &Path,
    digest: &FileDigest,
    default_corpus: bool,
    body: &Body,
) -> std::io::Result<PathBuf> {
    // Written under the store's lock: the journal is the one the index was built with.
    let journal = crate::store::journal::digest(store);
    write_unplaced(store, digest, default_corpus, body, journal)?.place()
}

/// A snapshot written whole and synced beside the store, not yet renamed
/// in ([`Unplaced::place`]).
pub struct Unplaced {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl Unplaced {
    /// Renamed over the store's snapshot.
    pub fn place(self) -> std::io::Result<PathBuf> {
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(self.path)
    }
}

/// [`write_encoded`] up to the rename, for the store whose RON is `digest`
/// (written, perhaps not yet renamed in) and whose journal will be
/// `journal` (its length and hash, [`crate::store::journal::digest`]) when
/// the snapshot is placed.
fn write_unplaced(
    store: &Path,
    digest: &FileDigest,
    default_corpus: bool,
    body: &Body,
    journal: (u64, String),
) -> std::io::Result<Unplaced> {
    let path = path_for(store);
    let sums = BodySums::of(body);
    let head = header(store, digest, default_corpus, &sums, journal)?;
    let tmp = temporary(store, &path)?;
    {
        // Around the page cache: the copy into it cost more than the disk.
        let mut f = crate::store::direct::SequentialWriter::new(tmp.as_file(), tmp.path(), false)?;
        f.write(MAGIC)?;
        f.write(&(head.len() as u64).to_le_bytes())?;
        f.write(&head)?;
        f.write(&body.bytes)?;
        f.write(&body.texts)?;
        f.finish()?;
    }
    crate::store::keep_permissions(&path, tmp.as_file());
    tmp.as_file().sync_all()?;
    // The next command reads the snapshot: back into the cache meanwhile.
    crate::store::direct::read_back(tmp.as_file());
    Ok(Unplaced { tmp, path })
}

/// What a snapshot's header says of its body.
struct BodySums {
    hash: String,
    texts_at: u64,
    texts_hash: String,
}

impl BodySums {
    fn of(body: &Body) -> BodySums {
        BodySums {
            hash: body.hash.clone(),
            texts_at: body.bytes.len() as u64,
            texts_hash: body.texts_hash.clone(),
        }
    }
}

/// The header, encoded, of the snapshot of the store at `store` whose RON
/// is `digest` and journal `journal`, its body summed up in `sums`.
fn header(
    store: &Path,
    digest: &FileDigest,
    default_corpus: bool,
    sums: &BodySums,
    journal: (u64, String),
) -> std::io::Result<Vec<u8>> {
    let (journal_len, journal_hash) = journal;
    let header = Header {
        journal_len,
        journal_hash,
        curation_hash: crate::store::curation::digest(store),
        format: FORMAT,
        schema: crate::store::SCHEMA_VERSION,
        kg: env!("CARGO_PKG_VERSION").to_string(),
        store_len: digest.len,
        store_modified_ns: digest.modified_ns,
        store_hash: digest.hash.clone(),
        default_corpus,
        body_hash: sums.hash.clone(),
        texts_at: sums.texts_at,
        texts_hash: sums.texts_hash.clone(),
    };
    postcard::to_stdvec(&header).map_err(std::io::Error::other)
}

/// A temporary file for the snapshot at `path` of the store at `store`,
/// named as the store's own temporaries, so that taking the store's lock
/// removes those a killed writer left (`.graph.ron.<random>.tmp`).
fn temporary(store: &Path, path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (prefix, suffix) = crate::store::temporary_affixes(store);
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(&dir)
}

/// Room kept for the header of a snapshot written before its store's
/// digest is known ([`start`]); a header is about 400 bytes. The header is
/// written into it last and the rest left zero: postcard reads a header
/// and ignores what follows it, so any reader of this format takes it.
const HEADER_ROOM: usize = 1024;

/// A snapshot's body written and synced to a temporary file beside the
/// store, with room for its header ([`Started::finish`]): all of it but
/// the header, written while the store's RON is still being written.
pub struct Started {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    sums: BodySums,
}

/// [`Started`]: `body` written for the store at `store`, and synced.
pub fn start(store: &Path, body: &Body) -> std::io::Result<Started> {
    let path = path_for(store);
    let tmp = temporary(store, &path)?;
    {
        // Around the page cache, as in `write_unplaced`.
        let mut f = crate::store::direct::SequentialWriter::new(tmp.as_file(), tmp.path(), false)?;
        f.write(MAGIC)?;
        f.write(&(HEADER_ROOM as u64).to_le_bytes())?;
        f.write(&[0; HEADER_ROOM])?;
        f.write(&body.bytes)?;
        f.write(&body.texts)?;
        f.finish()?;
    }
    tmp.as_file().sync_data()?;
    Ok(Started {
        tmp,
        path,
        sums: BodySums::of(body),
    })
}

impl Started {
    /// The snapshot finished for the store whose RON is `digest` (written,
    /// perhaps not yet renamed in) and whose journal will be `journal` when
    /// it is placed: its header written into its room, the file synced.
    pub fn finish(
        self,
        store: &Path,
        digest: &FileDigest,
        journal: (u64, String),
    ) -> std::io::Result<Unplaced> {
        use std::io::{Seek as _, Write as _};
        let Started {
            mut tmp,
            path,
            sums,
        } = self;
        let head = header(store, digest, false, &sums, journal)?;
        if head.len() > HEADER_ROOM {
            return Err(std::io::Error::other(
                "the snapshot's header outgrew its room",
            ));
        }
        let f = tmp.as_file_mut();
        f.seek(std::io::SeekFrom::Start((MAGIC.len() + 8) as u64))?;
        f.write_all(&head)?;
        crate::store::keep_permissions(&path, tmp.as_file());
        tmp.as_file().sync_all()?;
        // The next command reads the snapshot: back into the cache meanwhile.
        crate::store::direct::read_back(tmp.as_file());
        Ok(Unplaced { tmp, path })
    }
}

/// What [`load`] found.
#[derive(Debug)]
pub enum Loaded {
    /// No snapshot beside the store.
    Missing,
    /// A snapshot that does not match the store, and why.
    Stale(String),
    /// A snapshot of the store without the articles its journal took since.
    Behind,
    /// The index, matching the store.
    Fresh(Box<GraphIndex>),
}

/// Loads the snapshot of the store at `store` if it matches the store.
pub fn load(store: &Path) -> Loaded {
    let file = match map_file(store, true) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) => return Loaded::Stale(format!("cannot be read ({e})")),
    };
    match check(store, &file) {
        Ok(index) => Loaded::Fresh(Box::new(index)),
        Err(why) if why.is_empty() => Loaded::Behind,
        Err(why) => Loaded::Stale(why),
    }
}

fn check(store: &Path, file: &[u8]) -> Result<GraphIndex, String> {
    let (header, body) = read_header(store, file)?;
    if (header.journal_len, header.journal_hash.clone()) != crate::store::journal::digest(store)
        || header.curation_hash != crate::store::curation::digest(store)
    {
        // Behind the journal, not wrong: said by an empty reason.
        return Err(String::new());
    }
    read_body(&header, body, true)
}

/// The header of snapshot `bytes` and its body, when the snapshot is one of
/// this kg's of the RON at `store` as it is now; else why not.
fn read_header<'b>(store: &Path, bytes: &'b [u8]) -> Result<(Header, &'b [u8]), String> {
    let damaged = || "is damaged".to_string();
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or_else(|| "is not a kg snapshot".to_string())?;
    let (len, rest) = rest.split_at_checked(8).ok_or_else(damaged)?;
    let len = u64::from_le_bytes(len.try_into().map_err(|_| damaged())?) as usize;
    let (head, body) = rest.split_at_checked(len).ok_or_else(damaged)?;
    let header: Header =
        postcard::from_bytes(head).map_err(|_| "was written by another kg".to_string())?;
    if header.format != FORMAT || header.schema != crate::store::SCHEMA_VERSION {
        return Err(format!("was written by kg {} in another format", header.kg));
    }
    if header.default_corpus {
        return Err("belongs to a store built from the shipped corpus".into());
    }
    let meta = std::fs::metadata(store).map_err(|e| format!("has no store beside it ({e})"))?;
    if meta.len() != header.store_len {
        return Err(format!("is older than {}", store.display()));
    }
    if modified_ns(store) != header.store_modified_ns {
        let digest = FileDigest::of(store).map_err(|e| format!("cannot check the store ({e})"))?;
        if digest.hash != header.store_hash {
            return Err(format!("is older than {}", store.display()));
        }
    }
    Ok((header, body))
}

/// The index in a snapshot's body (what follows its header), checked
/// against its header's hashes, with its evidence sentences when
/// `sentences` (without them, the bytes after the index are not looked at).
fn read_body(header: &Header, body: &[u8], sentences: bool) -> Result<GraphIndex, String> {
    let damaged = || "is damaged".to_string();
    let at = usize::try_from(header.texts_at).map_err(|_| damaged())?;
    let (body, texts) = body.split_at_checked(at).ok_or_else(damaged)?;
    if blake3::hash(body).to_hex().as_str() != header.body_hash {
        return Err(damaged());
    }
    let mut index: GraphIndex = postcard::from_bytes(body).map_err(|_| damaged())?;
    if sentences {
        if blake3::hash(texts).to_hex().as_str() != header.texts_hash {
            return Err(damaged());
        }
        index
            .read_texts(&mut &texts[..], texts.len() as u64)
            .map_err(|_| damaged())?;
    }
    index
        .validate()
        .map_err(|why| format!("is damaged ({why})"))?;
    Ok(index)
}

/// The snapshot beside `store` mapped into memory, up to the end of its
/// index (magic, header, index) or, with `sentences`, whole.
fn map_file(store: &Path, sentences: bool) -> std::io::Result<memmap2::Mmap> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path_for(store))?;
    let size = file.metadata()?.len();
    let mut prefix = [0u8; MAGIC.len() + 8];
    file.read_exact(&mut prefix)?;
    let len = u64::from_le_bytes(prefix[MAGIC.len()..].try_into().unwrap_or_default());
    let mut header = Vec::new();
    (&mut file).take(len).read_to_end(&mut header)?;
    let index_end = postcard::from_bytes::<Header>(&header)
        .map(|h| (prefix.len() as u64 + len).saturating_add(h.texts_at))
        .unwrap_or(size);
    let mapped = if sentences { size } else { index_end.min(size) };
    // SAFETY: kg never writes a snapshot in place: a new one is written to
    // a temporary file and renamed over the old (`write_encoded`), so the
    // file mapped here keeps its bytes while it is mapped, even when it is
    // replaced meanwhile. Only a file truncated by hand during the read
    // could make it fault. Mapped, a snapshot of hundreds of megabytes is
    // neither copied nor faulted in page by page (`populate`).
    unsafe {
        memmap2::MmapOptions::new()
            .len(usize::try_from(mapped).unwrap_or(usize::MAX))
            .populate()
            .map(&file)
    }
}

/// A snapshot the store's files extend: its index, and the journal's
/// batches appended since it was written (which it does not hold).
#[derive(Debug)]
pub struct Base {
    pub index: GraphIndex,
    pub overlay: Vec<crate::store::journal::Batch>,
    /// The RON file the snapshot is of, as its header names it.
    pub ron: FileDigest,
    /// Whether the index holds its evidence sentences.
    pub sentences: bool,
}

/// The snapshot of the store at `store` as a base the journal's later
/// batches lie on, with its evidence sentences when `sentences` (without, the
/// rest of the file is not read, and every sentence reads as its edge):
/// `None` unless it matches the RON and the curation record as they are, the
/// journal still begins with the bytes it was built with, and the journal
/// extends the RON as it is now.
pub fn load_base(store: &Path, sentences: bool) -> Option<Base> {
    let file = map_file(store, sentences).ok()?;
    let (header, body) = read_header(store, &file).ok()?;
    if header.curation_hash != crate::store::curation::digest(store) {
        return None;
    }
    let journal = crate::store::journal::read_bytes(store);
    let covered = journal.get(..header.journal_len as usize)?;
    let prefix_hash = if covered.is_empty() {
        String::new()
    } else {
        blake3::hash(covered).to_hex().to_string()
    };
    if prefix_hash != header.journal_hash || !crate::store::journal::extends_ron(store, &journal) {
        return None;
    }
    let index = read_body(&header, body, sentences).ok()?;
    let overlay = crate::store::journal::batches_after(&journal, header.journal_len);
    let ron = FileDigest {
        len: header.store_len,
        modified_ns: header.store_modified_ns,
        hash: header.store_hash,
    };
    Some(Base {
        index,
        overlay,
        ron,
        sentences,
    })
}
