//! The graph store: one RON file users can read and diff, written atomically
//! (temporary file in the same folder, synced, then renamed over the old one),
//! with a lock file beside it for writers, and a versioned schema that older
//! files are migrated from as they are read.
//!
//! Schema versions:
//! 1. articles, entities, relations with their evidence.
//! 2. each article also records the `extractor` that made its facts and the
//!    `entities` it yielded ([`Provenance`]); version-1 files are read with the
//!    extractor unrecorded (or the store's, for a store of the shipped corpus)
//!    and the entities taken from the relations each article backs.

pub mod arena;
pub mod curation;
pub mod cut;
mod direct;
mod forget;
pub mod import;
pub mod import_store;
pub mod index;
pub mod intern;
pub(crate) mod journal;
mod neo4j;
mod opening;
pub(crate) mod record;
pub(crate) mod ron_in;
pub mod ron_out;
pub mod snapshot;
pub mod status;

pub use crate::store::import::{read as read_csv, CsvGraph, ReadOptions};
pub use crate::store::import_store::{import, ImportSummary, SnapshotPolicy};
pub use forget::{find_articles, forget, Forgotten};
pub use neo4j::import_neo4j;
pub use opening::{
    commit, compact, default_store, import_csv, lock_observed, open, open_index,
    save_with_snapshot, shipped_corpus, store_path, up_to_date, Build, Compacted,
};

use crate::error::StoreError;
use crate::graph::{ArticleRecord, KnowledgeGraph, Provenance};
use crate::model::{Attrs, Entity, Evidence, RelationKind};
use crate::store::ron_out::{FileDigest, Pending};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest schema version this build reads (and migrates).
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// Where the store lives in a project folder (one with `data/`) unless
/// `--store` or `KG_STORE` says otherwise; elsewhere see [`default_store`].
pub const DEFAULT_STORE: &str = "data/graph.ron";

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredRelation {
    pub source: String,
    pub relation: RelationKind,
    pub target: String,
    #[serde(default)]
    pub attrs: Attrs,
    pub evidence: Vec<Evidence>,
}

/// An article as stored: its record, then (schema 2) its provenance.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredArticle {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    /// Empty when unrecorded.
    #[serde(default)]
    pub extractor: String,
    #[serde(default)]
    pub entities: Vec<String>,
    /// The text's [`crate::stories::Fingerprint`] in hex; empty when
    /// unrecorded (older stores: computed from the text on load).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
    pub text: String,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoreFile {
    pub version: u32,
    /// True when the store was built from the shipped corpus and nothing else,
    /// so it may be rebuilt when that corpus changes.
    #[serde(default)]
    pub default_corpus: bool,
    /// Which extractor built the graph ([`extractor_fingerprint`]); empty in
    /// stores written before this field existed.
    #[serde(default)]
    pub extractor: String,
    pub articles: Vec<StoredArticle>,
    pub entities: Vec<Entity>,
    pub relations: Vec<StoredRelation>,
}

#[derive(Debug, Deserialize)]
struct VersionProbe {
    /// Wide, so that a version from far in the future reads as newer, not as corrupt.
    version: u64,
}

/// A loaded store: the graph, whether it holds only the shipped corpus, and
/// which extractor built it.
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub graph: KnowledgeGraph,
    pub default_corpus: bool,
    /// The [`extractor_fingerprint`] of the build that last wrote the RON
    /// (each journal batch names its own).
    pub extractor: String,
}

/// This build's extractor: the crate version, a hash of its gazetteer data
/// and a hash of the extraction code (`0.1.0+data.1a2b3c4d.code.5e6f7a8b`).
/// A store built from the shipped corpus by another extractor is rebuilt.
pub fn extractor_fingerprint() -> String {
    format!(
        "{}+data.{}.code.{}",
        env!("CARGO_PKG_VERSION"),
        crate::gazetteer::data_fingerprint(),
        env!("KG_EXTRACTOR_SOURCE_HASH")
    )
}

fn corrupt(path: &Path, err: ron::error::SpannedError) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        line: err.span.start.line,
        column: err.span.start.col,
        // The probe's type is ours, not the user's: name the thing they know.
        message: err
            .code
            .to_string()
            .replace("struct `VersionProbe`", "the store")
            .replace("struct `StoreFile`", "the store"),
    }
}

/// What a hand-edited store may hold that no kg wrote: a relation between
/// kinds the model does not join, evidence citing an article the store does
/// not hold, or offsets that are reversed or run past the article's text.
/// (`member_of` from an organization, which extractors before 0.2 wrote, is
/// let through: stores they built must still open.)
fn check_relation(graph: &KnowledgeGraph, rel: &StoredRelation) -> Result<(), String> {
    let kind = |id: &str| graph.entity(id).map(|e| e.kind);
    let what = || format!("relation {} {} {}", rel.source, rel.relation, rel.target);
    if let (Some(s), Some(t)) = (kind(&rel.source), kind(&rel.target)) {
        let (sources, targets) = rel.relation.endpoints();
        let legacy =
            rel.relation == RelationKind::MemberOf && s == crate::model::EntityKind::Organization;
        if !legacy && (!sources.contains(&s) || !targets.contains(&t)) {
            return Err(format!(
                "{}: {} joins {} to {}, which the model does not allow",
                what(),
                rel.relation,
                s,
                t
            ));
        }
    }
    for ev in &rel.evidence {
        if ev.article.is_empty() {
            continue;
        }
        let Some(article) = graph.article(&ev.article) else {
            return Err(format!(
                "{}: evidence cites article {:?}, which the store does not hold",
                what(),
                ev.article
            ));
        };
        if ev.start > ev.end {
            return Err(format!(
                "{}: evidence starts at byte {} after it ends ({})",
                what(),
                ev.start,
                ev.end
            ));
        }
        if !article.text.is_empty() && ev.end > article.text.len() {
            return Err(format!(
                "{}: evidence ends at byte {}, past the end of article {} ({} bytes)",
                what(),
                ev.end,
                ev.article,
                article.text.len()
            ));
        }
    }
    Ok(())
}

/// The line where `rel` starts in the store's text (the line of its
/// `source:` followed by its relation and target), for an error to name.
fn line_of_relation(path: &Path, text: Option<&str>, rel: &StoredRelation) -> Option<usize> {
    let reread;
    let text = match text {
        Some(text) => text,
        None => {
            reread = std::fs::read_to_string(path).ok()?;
            &reread
        }
    };
    let source = format!("\"{}\"", rel.source);
    let target = format!("\"{}\"", rel.target);
    let relation = format!("relation: {}", rel.relation);
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len()).find_map(|i| {
        let window = lines[i..lines.len().min(i + 4)].join(" ");
        (lines[i].contains(&source) && window.contains(&relation) && window.contains(&target))
            .then_some(i + 1)
    })
}

/// Parses a store from its text; `path` only names it in errors. Files of an
/// older schema version are migrated (see the module doc). A store in the
/// line layout of [`crate::store::ron_out`] is read on every core; any other
/// text is read by `ron`.
pub fn from_str(path: &Path, text: &str) -> Result<Store, StoreError> {
    if let Some(file) = crate::store::ron_in::parse(text) {
        return build(path, Some(text), file);
    }
    let probe: VersionProbe = ron::from_str(text).map_err(|e| corrupt(path, e))?;
    if probe.version > u64::from(SCHEMA_VERSION) {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: probe.version,
            supported: SCHEMA_VERSION,
        });
    }
    if probe.version < u64::from(OLDEST_SCHEMA_VERSION) {
        return Err(StoreError::UnknownVersion {
            path: path.to_path_buf(),
            found: probe.version,
            supported: SCHEMA_VERSION,
        });
    }
    let file: StoreFile = ron::from_str(text).map_err(|e| corrupt(path, e))?;
    build(path, Some(text), file)
}

/// The store a parsed file holds.
/// `text` is the file's, when still at hand, for an error to name a line
/// (else the file is read again for it, only then).
fn build(path: &Path, text: Option<&str>, file: StoreFile) -> Result<Store, StoreError> {
    let version = file.version;
    let mut graph = KnowledgeGraph::new();
    graph.reserve(file.entities.len(), file.relations.len());
    let mut provenance: BTreeMap<String, Provenance> = BTreeMap::new();
    for article in file.articles {
        provenance.insert(
            article.id.clone(),
            Provenance {
                extractor: article.extractor,
                entities: article.entities.into_iter().collect(),
            },
        );
        graph.add_article(ArticleRecord {
            id: article.id,
            path: article.path,
            title: article.title,
            date: article.date,
            text: article.text,
            // A fingerprint that does not read is made again from the text.
            fingerprint: article.fingerprint.parse().ok(),
        });
    }
    for entity in file.entities {
        graph.upsert_entity(entity);
    }
    for rel in file.relations {
        check_relation(&graph, &rel).map_err(|message| StoreError::Inconsistent {
            path: path.to_path_buf(),
            message: match line_of_relation(path, text, &rel) {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            },
        })?;
        for evidence in rel.evidence {
            graph
                .add_relation(
                    &rel.source,
                    rel.relation,
                    &rel.target,
                    rel.attrs.clone(),
                    evidence,
                )
                .ok_or_else(|| StoreError::Inconsistent {
                    path: path.to_path_buf(),
                    message: format!(
                        "relation {} {} {} names an entity the store does not hold",
                        rel.source, rel.relation, rel.target
                    ),
                })?;
        }
    }
    if version < 2 {
        migrate_provenance_from_v1(
            &graph,
            &mut provenance,
            &file.extractor,
            file.default_corpus,
        );
    }
    for (article, p) in provenance {
        graph.set_provenance(&article, p);
    }
    Ok(Store {
        graph,
        default_corpus: file.default_corpus,
        extractor: file.extractor,
    })
}

/// Version 1 recorded neither who extracted an article nor which entities it
/// yielded: the extractor stays unrecorded (a store of the shipped corpus was
/// built whole, by its own extractor) and the entities are the relation ends
/// the article's evidence backs.
fn migrate_provenance_from_v1(
    graph: &KnowledgeGraph,
    provenance: &mut BTreeMap<String, Provenance>,
    store_extractor: &str,
    default_corpus: bool,
) {
    let mut backed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (s, edge, t) in graph.edges() {
        for evidence in &edge.evidence {
            let ends = backed.entry(evidence.article.as_str()).or_default();
            ends.insert(s.id.clone());
            ends.insert(t.id.clone());
        }
    }
    for (article, p) in provenance.iter_mut() {
        if default_corpus {
            p.extractor = store_extractor.to_string();
        }
        if let Some(ends) = backed.remove(article.as_str()) {
            p.entities.extend(ends);
        }
    }
}

/// What the head of the store at `path` says, read from its first bytes
/// alone: whether it holds only the shipped corpus, and which extractor
/// built it. `None` when it cannot be read or does not start as a store of
/// this schema does.
pub fn head(path: &Path) -> Option<(bool, String)> {
    use std::io::Read as _;
    let mut first = Vec::with_capacity(4096);
    File::open(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut first)
        .ok()?;
    let text = match std::str::from_utf8(&first) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&first[..e.valid_up_to()]).ok()?,
    };
    let (default_corpus, extractor, _) = record::read_head(text)?;
    Some((default_corpus, extractor))
}

/// Loads the store at `path`, with the batches its [`journal`] holds
/// replayed on it and the decisions of its [`curation`] record taken; a
/// missing file is `Ok(None)`.
pub fn load(path: &Path) -> Result<Option<Store>, StoreError> {
    // The journal first: a writer replacing the RON meanwhile makes it stale.
    let journal = journal::read_bytes(path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        StoreError::Corrupt {
            path: path.to_path_buf(),
            line,
            column,
            message: format!("not valid UTF-8 (byte offset {})", valid.len()),
        }
    })?;
    let batches = journal::batches(&journal);
    drop(journal);
    // The text of a large store is let go before its graph is built.
    let mut store = match crate::store::ron_in::parse(&text) {
        Some(file) => {
            drop(text);
            build(path, None, file)?
        }
        None => from_str(path, &text)?,
    };
    journal::replay(&mut store.graph, batches);
    curation::apply_recorded(path, &mut store.graph)?;
    Ok(Some(store))
}

/// The store as RON text, entities and relations in a stable order so files diff cleanly.
pub fn to_string(store: &Store) -> String {
    let graph = &store.graph;
    let mut entities: Vec<Entity> = graph.entities().cloned().collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    let mut relations: Vec<StoredRelation> = graph
        .edges()
        .map(|(s, e, t)| StoredRelation {
            source: s.id.clone(),
            relation: e.relation,
            target: t.id.clone(),
            attrs: e.attrs.clone(),
            evidence: e.evidence.clone(),
        })
        .collect();
    relations.sort_by(|a, b| {
        (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target))
    });
    let file = StoreFile {
        version: SCHEMA_VERSION,
        default_corpus: store.default_corpus,
        extractor: store.extractor.clone(),
        articles: graph
            .articles()
            .map(|a| {
                let provenance = graph.provenance(&a.id);
                StoredArticle {
                    id: a.id.clone(),
                    path: a.path.clone(),
                    title: a.title.clone(),
                    date: a.date.clone(),
                    extractor: provenance.map_or_else(String::new, |p| p.extractor.clone()),
                    entities: provenance
                        .map(|p| p.entities.iter().cloned().collect())
                        .unwrap_or_default(),
                    fingerprint: a.fingerprint.map(|f| f.to_string()).unwrap_or_default(),
                    text: a.text.clone(),
                }
            })
            .collect(),
        entities,
        relations,
    };
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .struct_names(false)
        .indentor("  ".to_string());
    ron::ser::to_string_pretty(&file, config).unwrap_or_else(|e| {
        // Serialising plain owned data cannot fail; keep a loud marker if it ever does.
        format!("// serialisation failed: {e}\n")
    })
}

/// Whether two stores would be saved as the same text: the same flags,
/// articles (with their provenance), entities and relations (with their
/// attributes and evidence, in order). Compared in place, without writing
/// either out.
pub fn same_content(a: &Store, b: &Store) -> bool {
    let (x, y) = (&a.graph, &b.graph);
    // Unrecorded provenance is saved as an empty one.
    let provenance = |g: &KnowledgeGraph, id: &str| {
        g.provenance(id).map_or((String::new(), Vec::new()), |p| {
            (p.extractor.clone(), p.entities.iter().cloned().collect())
        })
    };
    a.default_corpus == b.default_corpus
        && a.extractor == b.extractor
        && x.node_count() == y.node_count()
        && x.edge_count() == y.edge_count()
        && x.articles().count() == y.articles().count()
        && x.articles()
            .zip(y.articles())
            .all(|(p, q)| p == q && provenance(x, &p.id) == provenance(y, &q.id))
        && x.entities().all(|e| y.entity(&e.id) == Some(e))
        && x.edges()
            .all(|(s, edge, t)| y.edge_between(&s.id, edge.relation, &t.id) == Some(edge))
}

/// A store with at least this many entities and relations is saved in the
/// line layout of [`crate::store::ron_out`]: one article, entity or relation
/// per line, written and read back on every core. Smaller ones keep the
/// pretty layout, a field per line. Both read back to the same store.
pub const LINE_LAYOUT_MIN: usize = crate::store::snapshot::MIN_ELEMENTS;

/// A store whose articles hold at least this much text (1 MiB: a few hundred
/// articles, a store an ingest goes through the journal of) is saved in the
/// line layout too, so that every ingest into it reads it on every core.
pub const LINE_LAYOUT_MIN_TEXT: usize = 1 << 20;

/// Whether `store` is saved in the line layout.
fn line_layout(store: &Store) -> bool {
    let graph = &store.graph;
    graph.node_count() + graph.edge_count() >= LINE_LAYOUT_MIN
        || graph.articles().map(|a| a.text.len()).sum::<usize>() >= LINE_LAYOUT_MIN_TEXT
}

/// Writes the store atomically: a reader or a crash sees the old file or the
/// new one. A writer holds the store's [`lock`] from reading the store to
/// writing it, so that no other writer's articles are lost. Returns the
/// digest of what was written, for the snapshot beside it.
pub fn save(path: &Path, store: &Store) -> Result<FileDigest, StoreError> {
    let cores = crate::store::ron_out::cores();
    persisted(path, write_pending(path, store, cores)?)
}

/// [`save`] up to the sync: the store written whole to a temporary file
/// beside `path` and hashed, its digest known ([`Pending::digest`]); a
/// large one formatted on `threads` threads.
pub(crate) fn write_pending(
    path: &Path,
    store: &Store,
    threads: usize,
) -> Result<Pending, StoreError> {
    let pending = if line_layout(store) {
        crate::store::ron_out::write_store_pending(path, store, threads)
    } else {
        crate::store::ron_out::pending_bytes(path, to_string(store).as_bytes())
    };
    pending.map_err(|source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// The end of [`save`]: `pending` synced and renamed in, and the journal
/// removed, as the store saved holds what it held (it was read with it).
pub(crate) fn persisted(path: &Path, pending: Pending) -> Result<FileDigest, StoreError> {
    let digest = pending.persist().map_err(|source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    journal::discard(path);
    Ok(digest)
}

/// The folder a store lives in (`.` for a bare file name).
/// Replaces `target`, a file of the store at `store`, by `bytes`
/// atomically: written beside it as the store's temporaries are (so taking
/// the store's lock removes one a killed writer left), synced, renamed in,
/// and the folder synced so the rename is durable; `target`'s permissions
/// kept.
pub(crate) fn replace_file(store: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(target);
    std::fs::create_dir_all(&dir)?;
    let (prefix, suffix) = temporary_affixes(store);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    keep_permissions(target, tmp.as_file());
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Temporary files of a store are `.<name>.<random>.tmp` beside it, so that
/// those a killed writer left behind can be told apart and removed.
pub(crate) fn temporary_affixes(path: &Path) -> (String, &'static str) {
    let name = path
        .file_name()
        .map_or_else(|| "graph".into(), |n| n.to_string_lossy());
    (format!(".{name}."), ".tmp")
}

/// The lock file of a store: `<store>.lock` beside it (`data/graph.ron.lock`).
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map_or_else(|| "graph".into(), |n| n.to_os_string());
    name.push(".lock");
    path.with_file_name(name)
}

/// An exclusive lock on a store's lock file, released when dropped (or when
/// the process ends, however it ends).
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
    path: PathBuf,
    removed: usize,
}

impl StoreLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many temporary files of interrupted writes were removed on taking the lock.
    pub fn removed_temporaries(&self) -> usize {
        self.removed
    }
}

/// Takes the exclusive lock on the store at `path` (creating its folder and
/// lock file when needed), calling `on_wait` with the lock file first when
/// another process holds it. Holding it, the temporary files that writers
/// killed mid-write left behind are removed: no other writer is running.
pub fn lock(path: &Path, on_wait: impl FnOnce(&Path)) -> Result<StoreLock, StoreError> {
    let lock_file = lock_path(path);
    let lock_err = |source| StoreError::Lock {
        path: lock_file.clone(),
        source,
    };
    std::fs::create_dir_all(folder_of(path)).map_err(lock_err)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_file)
        .map_err(lock_err)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait(&lock_file);
            file.lock().map_err(lock_err)?;
        }
        Err(TryLockError::Error(source)) => return Err(lock_err(source)),
    }
    let removed = remove_temporaries(path);
    Ok(StoreLock {
        _file: file,
        path: lock_file,
        removed,
    })
}

/// Removes the store's temporary files (only safe under its lock), its
/// snapshot's among them, and the `.snapshot-*.tmp` files that kg versions
/// before snapshots were named as the store's left; returns how many.
fn remove_temporaries(path: &Path) -> usize {
    let (prefix, suffix) = temporary_affixes(path);
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return 0;
    };
    let named = |name: &str, prefix: &str| {
        name.len() > prefix.len() + suffix.len()
            && name.starts_with(prefix)
            && name.ends_with(suffix)
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            named(&name, &prefix) || named(&name, ".snapshot-")
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Gives the temporary file the permissions of the store it replaces, or
/// `rw-r--r--` for a new one (temporary files start private).
pub(crate) fn keep_permissions(path: &Path, tmp: &std::fs::File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        let _ = tmp.set_permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (path, tmp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn sample() -> Store {
        let mut graph = KnowledgeGraph::new();
        graph.add_article(ArticleRecord {
            id: "abc".into(),
            path: "a.txt".into(),
            title: String::new(),
            date: None,
            text: String::new(),
            fingerprint: None,
        });
        graph.upsert_entity(Entity::new(EntityKind::Country, "india", "India"));
        graph.upsert_entity(Entity::new(
            EntityKind::Official,
            "rajnath-singh",
            "Rajnath Singh",
        ));
        graph.add_relation(
            "official:rajnath-singh",
            RelationKind::Represents,
            "country:india",
            Attrs::new(),
            Evidence {
                article: "abc".into(),
                sentence: "Defence Minister Rajnath Singh of India \"said\".".into(),
                start: 3,
                end: 40,
            },
        );
        Store {
            graph,
            default_corpus: false,
            extractor: extractor_fingerprint(),
        }
    }

    #[test]
    fn round_trips_through_ron() {
        let store = sample();
        let text = to_string(&store);
        let back = from_str(Path::new("t.ron"), &text).unwrap();
        assert_eq!(to_string(&back), text);
        assert_eq!(back.graph.edge_count(), 1);
    }

    #[test]
    fn same_content_is_saved_text_equality() {
        let same = |a: &Store, b: &Store| {
            let by_text = to_string(a) == to_string(b);
            assert_eq!(same_content(a, b), by_text);
            assert_eq!(same_content(b, a), by_text);
            by_text
        };
        let a = sample();
        assert!(same(&a, &sample()));
        let mut b = sample();
        b.graph.add_relation(
            "official:rajnath-singh",
            RelationKind::Represents,
            "country:india",
            Attrs::new(),
            Evidence {
                article: "abc".into(),
                sentence: "again".into(),
                start: 0,
                end: 5,
            },
        );
        assert!(!same(&a, &b));
        let mut c = sample();
        c.graph
            .upsert_entity(Entity::new(EntityKind::Country, "india", "Bharat"));
        assert!(!same(&a, &c));
        let mut d = sample();
        d.default_corpus = true;
        assert!(!same(&a, &d));
        // Unrecorded provenance is saved as an empty one.
        let (mut e, mut f) = (sample(), sample());
        for s in [&mut e, &mut f] {
            s.graph.add_article(ArticleRecord {
                id: "abc".into(),
                path: "a.txt".into(),
                title: "A".into(),
                date: None,
                text: String::new(),
                fingerprint: None,
            });
        }
        f.graph.set_provenance("abc", Provenance::default());
        assert!(same(&e, &f));
        f.graph.set_provenance(
            "abc",
            Provenance {
                extractor: "x".into(),
                entities: Default::default(),
            },
        );
        assert!(!same(&e, &f));
    }

    #[test]
    fn corrupt_store_reports_line_and_column() {
        let text = to_string(&sample());
        let cut = &text[..text.len() / 2];
        let err = from_str(Path::new("g.ron"), cut).unwrap_err().to_string();
        assert!(err.contains("g.ron") && err.contains("line"), "{err}");
    }

    #[test]
    fn newer_schema_is_refused() {
        let text = to_string(&sample()).replacen("version: 2", "version: 99", 1);
        let err = from_str(Path::new("g.ron"), &text).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }));
    }

    #[test]
    fn save_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        save(&path, &sample()).unwrap();
        let loaded = load(&path).unwrap().unwrap();
        assert_eq!(loaded.graph.node_count(), 2);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn the_lock_file_sits_beside_the_store() {
        assert_eq!(
            lock_path(Path::new("data/graph.ron")),
            Path::new("data/graph.ron.lock")
        );
        assert_eq!(lock_path(Path::new("g.ron")), Path::new("g.ron.lock"));
    }

    #[test]
    fn a_second_writer_waits_for_the_lock_and_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        let first = lock(&path, |_| panic!("free")).unwrap();
        assert_eq!(first.path(), dir.path().join("g.ron.lock"));
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn({
            let path = path.clone();
            move || {
                let second = lock(&path, |file| {
                    tx.send(file.to_path_buf()).unwrap();
                });
                second.map(|l| l.path().to_path_buf())
            }
        });
        let told = rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
        assert_eq!(told, dir.path().join("g.ron.lock"));
        drop(first);
        assert!(waiter.join().unwrap().is_ok());
    }

    #[test]
    fn taking_the_lock_removes_temporaries_of_killed_writers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        for name in [
            ".g.ron.x1Yz.tmp",
            ".other.ron.x1Yz.tmp",
            "g.ron.tmp",
            ".g.ron..tmp",
        ] {
            std::fs::write(dir.path().join(name), "half").unwrap();
        }
        let held = lock(&path, |_| {}).unwrap();
        assert_eq!(held.removed_temporaries(), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".g.ron..tmp",
                ".other.ron.x1Yz.tmp",
                "g.ron.lock",
                "g.ron.tmp"
            ]
        );
    }

    #[test]
    fn provenance_round_trips_and_version_1_is_migrated() {
        let mut store = sample();
        store.graph.add_article(ArticleRecord {
            id: "abc".into(),
            path: "a.txt".into(),
            title: "A".into(),
            date: None,
            text: "Defence Minister Rajnath Singh of India \"said\".".into(),
            fingerprint: None,
        });
        let provenance = Provenance {
            extractor: "x".into(),
            entities: ["country:india".to_string()].into_iter().collect(),
        };
        store.graph.set_provenance("abc", provenance.clone());
        let text = to_string(&store);
        let back = from_str(Path::new("t.ron"), &text).unwrap();
        assert_eq!(back.graph.provenance("abc"), Some(&provenance));

        let v1 = text
            .replacen("version: 2", "version: 1", 1)
            .replace("      extractor: \"x\",\n", "")
            .replace(
                "      entities: [\n        \"country:india\",\n      ],\n",
                "",
            );
        assert!(!v1.contains("\"x\""), "{v1}");
        let migrated = from_str(Path::new("t.ron"), &v1).unwrap();
        let p = migrated.graph.provenance("abc").unwrap();
        assert_eq!(p.extractor, "");
        let ends: Vec<&str> = p.entities.iter().map(String::as_str).collect();
        assert_eq!(ends, ["country:india", "official:rajnath-singh"]);
    }
}
