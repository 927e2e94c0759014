//! Where the store and the shipped corpus live, and the rules for opening
//! and saving a store: built from the shipped corpus when it is missing,
//! rebuilt when it holds only that corpus and the extractor or the articles
//! changed since (a store holding the user's own ingests is never rebuilt; a
//! rebuild is written under the store's lock, so it never replaces a
//! concurrent ingest); the snapshot beside a store, read when it is current
//! and written anew when the graph is large or the old one was stale.

use super::{extractor_fingerprint, load, lock, save, Store, DEFAULT_STORE};
use crate::article::Article;
use crate::error::{IngestError, StoreError};
use crate::graph::KnowledgeGraph;
use crate::observe::Observer;
use crate::store::cut::Cut;
use crate::store::index::GraphIndex;
use crate::store::ron_out::{modified_ns, FileDigest};
use crate::store::snapshot::{self, Loaded};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What the store asks of the layer above it, which it cannot do itself:
/// extract articles and merge them into a graph. The store decides when a
/// graph must be made from text (a missing or stale store of the shipped
/// corpus, `kg forget`'s rebuild) and writes it; the ingest pipeline
/// (`kg::ingest::Pipeline`) makes it. Functions that may meet such a store
/// take it as a parameter, so the store depends on nothing above it.
pub trait Build: Sync {
    /// `articles` extracted and merged into `graph`, in the order given.
    fn merge(
        &self,
        graph: &mut KnowledgeGraph,
        articles: Vec<Article>,
        observer: &dyn Observer,
    ) -> Result<(), IngestError>;

    /// The graph of the articles of `old` that `keep` keeps (by id), each
    /// re-extracted from its stored text, the imports from CSV carried over.
    fn rebuild(
        &self,
        old: &KnowledgeGraph,
        keep: &dyn Fn(&str) -> bool,
        observer: &dyn Observer,
    ) -> Result<KnowledgeGraph, IngestError>;
}

/// The kg source tree, where the shipped corpus is found when the current
/// folder has none (it is read there, never written).
const SOURCE_TREE: &str = env!("CARGO_MANIFEST_DIR");

/// The store to use: `flag` (`--store`/`KG_STORE`), else [`default_store`];
/// a symlink resolved (see [`resolve_link`]).
pub fn store_path(flag: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    resolve_link(flag.unwrap_or_else(default_store))
}

/// `data/graph.ron` under the current folder when it has a `data/` folder (a
/// project folder, such as a kg checkout), else `graph.ron` in the
/// platform's data folder for kg, made when the store is first written:
/// `$XDG_DATA_HOME/kg`, else `~/.local/share/kg`, on Linux;
/// `~/Library/Application Support/kg` on macOS; `%APPDATA%\kg\data` on
/// Windows. So an installed kg never writes into the tree it was built in.
/// Without a home folder, `data/graph.ron` under the current folder.
pub fn default_store() -> PathBuf {
    let here = Path::new(DEFAULT_STORE);
    if here.parent().is_some_and(Path::is_dir) {
        return here.to_path_buf();
    }
    match directories::ProjectDirs::from("", "", "kg") {
        Some(dirs) => dirs.data_dir().join("graph.ron"),
        None => here.to_path_buf(),
    }
}

/// A store reached through a symlink is the file the link points at: it is
/// locked, read and replaced there (as SQLite and git do), so writers through
/// the link and through the target exclude each other and the link stays a
/// link. A link to nothing is refused: building a store in its place would
/// hide the one the user meant.
fn resolve_link(path: PathBuf) -> Result<PathBuf, StoreError> {
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path);
    }
    std::fs::canonicalize(&path).map_err(|_| StoreError::DanglingLink {
        target: std::fs::read_link(&path).unwrap_or_default(),
        path,
    })
}

/// The shipped articles: `data/articles` under the current folder, else under
/// the source tree; `None` when neither exists.
pub fn shipped_corpus() -> Option<PathBuf> {
    let here = Path::new("data").join("articles");
    if here.is_dir() {
        return Some(here);
    }
    let there = Path::new(SOURCE_TREE).join(&here);
    there.is_dir().then_some(there)
}

/// Takes the store's lock for a read–merge–write cycle, telling `observer`
/// when another kg holds it.
pub fn lock_observed(
    store_path: &Path,
    observer: &dyn Observer,
) -> Result<super::StoreLock, StoreError> {
    lock(store_path, |lock_file| {
        observer.note(&format!("waiting for lock on {} …", lock_file.display()));
    })
}

/// Loads the store at `path` for a command that reads it, building or
/// rebuilding it from the shipped corpus first when needed (by `build`,
/// telling `observer` so).
pub fn open(path: &Path, build: &dyn Build, observer: &dyn Observer) -> Result<Store, IngestError> {
    if let Some(warning) = super::journal::stale_notice(path) {
        observer.note(&warning);
    }
    let existing = match load(path)? {
        Some(own) if !own.default_corpus => return Ok(own),
        other => other,
    };
    let Some(corpus) = shipped_corpus() else {
        return up_to_date(path, existing, build, observer);
    };
    if let Some(shipped) = existing {
        if stale(&shipped, &read_corpus(&corpus)?).is_none() {
            return Ok(shipped);
        }
    }
    // Building: under the lock, from the store as it is once we hold it. A
    // folder where no lock can be taken is read-only, and saving will say so.
    let _lock = lock_observed(path, observer).ok();
    up_to_date(path, load(path)?, build, observer)
}

/// `existing`, or the store built from the shipped corpus when `existing` is
/// missing or is a corpus-only store that no longer matches this build and
/// the shipped articles; a store built (by `build`) is saved. Called under
/// the store's lock (or when there is nothing to build).
pub fn up_to_date(
    path: &Path,
    existing: Option<Store>,
    build: &dyn Build,
    observer: &dyn Observer,
) -> Result<Store, IngestError> {
    let existing = match existing {
        Some(own) if !own.default_corpus => return Ok(own),
        other => other,
    };
    let Some(corpus) = shipped_corpus() else {
        return existing.ok_or_else(|| IngestError::NoCorpus {
            path: path.to_path_buf(),
            source_tree: SOURCE_TREE.into(),
        });
    };
    let articles = read_corpus(&corpus)?;
    let reason = match existing {
        None => format!("no store at {}; building it", path.display()),
        Some(shipped) => match stale(&shipped, &articles) {
            None => return Ok(shipped),
            Some(why) => format!("{} {why}; rebuilding it", path.display()),
        },
    };
    observer.note(&format!(
        "{reason} from the {} article{} in {}/ …",
        articles.len(),
        if articles.len() == 1 { "" } else { "s" },
        corpus.display()
    ));
    let mut built = build_corpus(articles, build, observer)?;
    super::curation::apply_recorded(path, &mut built.graph)?;
    if let Err(err) = save(path, &built) {
        observer.note(&format!(
            "warning: {err}; answering from the graph built in memory"
        ));
    }
    Ok(built)
}

/// Why a corpus-only store no longer matches this build and the shipped
/// articles, if it does not.
fn stale(existing: &Store, articles: &[Article]) -> Option<String> {
    let current = extractor_fingerprint();
    if existing.extractor != current {
        let old = if existing.extractor.is_empty() {
            "an unrecorded extractor"
        } else {
            existing.extractor.as_str()
        };
        return Some(format!("was built by extractor {old}, this is {current}"));
    }
    let stored: BTreeSet<&str> = existing.graph.articles().map(|a| a.id.as_str()).collect();
    let shipped: BTreeSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    (stored != shipped).then(|| "holds other articles than the shipped ones".to_string())
}

/// Reads every shipped article, recording its path as `data/articles/…`
/// wherever the corpus was found, so the store is the same from any folder.
fn read_corpus(corpus: &Path) -> Result<Vec<Article>, IngestError> {
    let files = crate::article::collect(&[corpus.to_path_buf()])?;
    let mut articles = files
        .iter()
        .map(|f| crate::article::read(f, None))
        .collect::<Result<Vec<_>, _>>()?;
    for article in &mut articles {
        if let Ok(rest) = Path::new(&article.path).strip_prefix(corpus) {
            let rest = rest.to_string_lossy().replace('\\', "/");
            article.path = format!("data/articles/{rest}");
        }
    }
    Ok(articles)
}

/// A corpus-only store built from `articles`.
fn build_corpus(
    articles: Vec<Article>,
    build: &dyn Build,
    observer: &dyn Observer,
) -> Result<Store, IngestError> {
    let mut built = Store {
        default_corpus: true,
        extractor: extractor_fingerprint(),
        ..Store::default()
    };
    build.merge(&mut built.graph, articles, observer)?;
    Ok(built)
}

/// `kg import`: the graph of `nodes` and `edges` (CSV) into the store at
/// `store_path`, under its lock, all or nothing ([`crate::store::import`]); a
/// store of the shipped corpus is brought up to date before the import joins it.
pub fn import_csv(
    store_path: &Path,
    nodes: &Path,
    edges: &Path,
    policy: crate::store::SnapshotPolicy,
    build: &dyn Build,
    observer: &dyn Observer,
) -> Result<crate::store::ImportSummary, IngestError> {
    let _lock = lock_observed(store_path, observer)?;
    let existing = match load(store_path)? {
        Some(shipped) if shipped.default_corpus => {
            Some(up_to_date(store_path, Some(shipped), build, observer)?)
        }
        other => other,
    };
    Ok(crate::store::import(
        store_path, nodes, edges, existing, policy,
    )?)
}

/// Saves `store` at `path` and, when the graph is large or the store had a
/// snapshot, writes the snapshot anew, so the next command opens it instead
/// of reading the RON. The index is built while the store is written (the
/// write mostly waits on the disk). Returns the snapshot's path when written;
/// a snapshot that cannot be written is a warning, as the store is saved,
/// and a store that cannot be saved writes none.
pub fn save_with_snapshot(
    path: &Path,
    store: &Store,
    observer: &dyn Observer,
) -> Result<Option<PathBuf>, StoreError> {
    let graph = &store.graph;
    let had = snapshot::path_for(path).exists();
    // A store of the shipped corpus is rebuilt by its own rules, never from a snapshot.
    // So does one whose RON will be large enough to take ingests through
    // its journal, known before writing it by a lower bound of its length.
    let wanted = !store.default_corpus
        && (had
            || snapshot::worth_it(graph.node_count(), graph.edge_count())
            || super::journal::takes_ingests_at(super::ron_out::len_at_least(graph)));
    // The snapshot's body is encoded, written and synced while the store is
    // written; its header, which names the store's digest (known once the
    // store is written), goes in last and is synced beside the store's
    // sync. Then both are renamed in, the store first, so a crash between
    // leaves a stale snapshot, never a store without its articles.
    let (saved, unplaced) = std::thread::scope(|scope| {
        let (written, digest) = std::sync::mpsc::channel::<FileDigest>();
        let unplaced = wanted.then(|| scope.spawn(move || snapshot_beside(path, graph, &digest)));
        // The snapshot's thread takes a core of its own, the RON the others.
        let threads = super::ron_out::cores() - usize::from(wanted);
        let saved = super::write_pending(path, store, threads).and_then(|pending| {
            let _ = written.send(pending.digest().clone());
            drop(written);
            super::persisted(path, pending)
        });
        let unplaced = unplaced.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (saved, unplaced)
    });
    let digest = saved?;
    let placed = match unplaced {
        // The save removed the journal: the snapshot says it covers none.
        Some(Ok(Some(unplaced))) if super::journal::digest(path) == (0, String::new()) => {
            unplaced.place()
        }
        Some(Ok(_)) => Err(std::io::Error::other(
            "the store's journal outlived its save",
        )),
        Some(Err(e)) => Err(e),
        // A store that takes ingests through its journal gets one too,
        // whatever its size: an ingest merges against it instead of reading the RON.
        None if !store.default_corpus && super::journal::takes_ingests(path) => {
            snapshot::encode(&GraphIndex::from_graph(graph))
                .and_then(|body| snapshot::write_encoded(path, &digest, false, &body))
        }
        None => return Ok(None),
    };
    match placed {
        Ok(written) => Ok(Some(written)),
        Err(e) => {
            observer.note(&format!(
                "warning: cannot write {}: {e}",
                snapshot::path_for(path).display()
            ));
            Ok(None)
        }
    }
}

/// The snapshot of `graph` for the store at `path`, written and synced
/// beside it once `digest` gives the store's digest (`None` when the store
/// was not written): see [`save_with_snapshot`].
fn snapshot_beside(
    path: &Path,
    graph: &KnowledgeGraph,
    digest: &std::sync::mpsc::Receiver<FileDigest>,
) -> std::io::Result<Option<snapshot::Unplaced>> {
    let body = snapshot::encode(&GraphIndex::from_graph(graph))?;
    // All but the header written and synced while the RON is written.
    let started = snapshot::start(path, &body)?;
    drop(body);
    let Ok(digest) = digest.recv() else {
        return Ok(None);
    };
    let no_journal = (0, String::new());
    started.finish(path, &digest, no_journal).map(Some)
}

/// Saves what an ingest merged into `store`: only `batch` (the new articles
/// with their extractions), appended to the store's journal, when `appendable`
/// (the RON on disk is the one `store` was read from, with its flags, and
/// only the batch differs) and the store is large enough; else the whole
/// store with its snapshot ([`save_with_snapshot`]). Returns the snapshot
/// written, if one was.
pub fn commit(
    path: &Path,
    store: &Store,
    batch: &super::journal::Batch,
    appendable: bool,
    observer: &dyn Observer,
) -> Result<Option<PathBuf>, StoreError> {
    if let Some(warning) = super::journal::stale_notice(path) {
        observer.note(&warning);
    }
    if appendable {
        let appended =
            super::journal::append(path, batch, None).map_err(|source| StoreError::Write {
                path: super::journal::path_for(path),
                source,
            })?;
        if appended == super::journal::Appended::Written {
            return Ok(None);
        }
    }
    save_with_snapshot(path, store, observer)
}

/// What [`compact`] did.
#[derive(Debug)]
pub struct Compacted {
    /// Articles the journal held, now in the RON.
    pub articles: usize,
    /// `None` when there was nothing to fold and the store was left as it
    /// was; else the snapshot written beside it, if one was.
    pub saved: Option<Option<PathBuf>>,
}

/// `kg compact`: the store at `path` written whole with the articles of its
/// journal, under its lock, and the journal removed (an empty one is removed
/// without writing the store).
pub fn compact(path: &Path, observer: &dyn Observer) -> Result<Compacted, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    }
    let _lock = lock_observed(path, observer)?;
    let journal = super::journal::read_bytes(path);
    let articles: usize = super::journal::batches(&journal)
        .iter()
        .map(|b| b.articles.len())
        .sum();
    if articles == 0 {
        super::journal::discard(path);
        return Ok(Compacted {
            articles,
            saved: None,
        });
    }
    let Some(store) = load(path)? else {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    };
    let saved = save_with_snapshot(path, &store, observer)?;
    Ok(Compacted {
        articles,
        saved: Some(saved),
    })
}

/// The index of the store at `store`: from its snapshot when current, else
/// built from the store (see [`open`], which `build` serves), writing a new
/// snapshot when the graph is large or the old one was stale.
pub fn open_index(
    store: &Path,
    build: &dyn Build,
    observer: &dyn Observer,
) -> Result<GraphIndex, IngestError> {
    if let Loaded::Fresh(index) = snapshot::load(store) {
        return Ok(*index);
    }
    // Stale or missing: a writer may be between its two renames (store, then
    // snapshot). Under the store's lock no writer is: wait for it, look
    // again, and write a snapshot only while holding it. Without the lock (a
    // read-only folder) the store is read and no snapshot written.
    let lock = store
        .exists()
        .then(|| super::lock(store, |_| {}).ok())
        .flatten();
    let stale = match snapshot::load(store) {
        Loaded::Fresh(index) => return Ok(*index),
        Loaded::Missing => false,
        // The journal took articles since: rebuilt without a word.
        Loaded::Behind => true,
        Loaded::Stale(why) => {
            observer.note(&format!(
                "{} {why}; reading {} instead",
                snapshot::path_for(store).display(),
                store.display()
            ));
            true
        }
    };
    // Behind its journal only: the snapshot's graph with the journal's later
    // batches, without reading the RON.
    if let Some(base) = snapshot::load_base(store, true).filter(|_| lock.is_some()) {
        let ron = base.ron.clone();
        let index = overlaid(store, base)?;
        match snapshot::write(store, &ron, false, &index) {
            Ok(path) => observer.note(&format!("wrote {} for fast opening", path.display())),
            Err(e) => observer.note(&format!(
                "warning: cannot write {}: {e}",
                snapshot::path_for(store).display()
            )),
        }
        return Ok(index);
    }
    // Read the bytes ourselves, so the snapshot names exactly what was indexed.
    let journal = super::journal::read_bytes(store);
    let modified = modified_ns(store);
    let bytes = match std::fs::read(store) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(StoreError::Read {
                path: store.to_path_buf(),
                source,
            }
            .into())
        }
    };
    let own = match &bytes {
        Some(bytes) => {
            let text = std::str::from_utf8(bytes).ok();
            match text.map(|t| super::from_str(store, t)) {
                Some(Ok(mut s)) if !s.default_corpus => {
                    let batches = super::journal::batches(&journal);
                    super::journal::replay(&mut s.graph, batches);
                    super::curation::apply_recorded(store, &mut s.graph)?;
                    Some(s)
                }
                _ => None,
            }
        }
        None => None,
    };
    let Some(own) = own else {
        // Missing, shipped-corpus or damaged: the usual way, with its messages
        // (which takes the lock itself to build).
        drop(lock);
        return Ok(GraphIndex::from_graph(&open(store, build, observer)?.graph));
    };
    if let Some(warning) = super::journal::stale_notice(store) {
        observer.note(&warning);
    }
    let index = GraphIndex::from_graph(&own.graph);
    let wanted = stale || snapshot::worth_it(own.graph.node_count(), own.graph.edge_count());
    if wanted && lock.is_some() {
        let digest = FileDigest::of_bytes(bytes.as_deref().unwrap_or_default(), modified);
        match snapshot::write(store, &digest, false, &index) {
            Ok(path) => observer.note(&format!("wrote {} for fast opening", path.display())),
            Err(e) => observer.note(&format!(
                "warning: cannot write {}: {e}",
                snapshot::path_for(store).display()
            )),
        }
    }
    Ok(index)
}

/// The index of a store whose snapshot `base` lies under its journal: the
/// snapshot's graph with the journal's later batches replayed and the
/// curation record taken, as a load of the RON would give them, without the
/// RON. Only the part of the graph the batches touch is replayed and indexed
/// again ([`patched`]); where that part cannot answer, the snapshot's whole
/// graph ([`Cut::whole`]).
fn overlaid(store: &Path, base: snapshot::Base) -> Result<GraphIndex, StoreError> {
    if base.overlay.is_empty() {
        return Ok(base.index);
    }
    let curation = super::curation::read(store)?;
    if let Some(index) = patched(&base, &curation) {
        return Ok(index);
    }
    Ok(whole(base, &curation))
}

/// The index of `base` with its journal's later batches replayed on the
/// snapshot's whole graph and `curation` taken.
fn whole(base: snapshot::Base, curation: &crate::graph::Curation) -> GraphIndex {
    let mut graph = Cut::whole(&base.index);
    drop(base.index);
    super::journal::replay(&mut graph, base.overlay);
    curation.apply(&mut graph);
    GraphIndex::from_graph(&graph)
}

/// The index of `base` with its journal's later batches, made by replaying
/// them on the part of the graph they touch ([`Cut::around`], with the
/// entities `curation` names, the evidence with its sentences), taking
/// `curation` there, and laying that part into the snapshot's index
/// ([`GraphIndex::patched`]): what a fast ingest merges into, so what it
/// reads of the graph lies within it. `None`, for the whole graph to be
/// read instead, when a batch may undo a fold made before it (as a fast
/// ingest would not take it; only merging the whole graph again answers),
/// or the part does not fit back.
fn patched(base: &snapshot::Base, curation: &crate::graph::Curation) -> Option<GraphIndex> {
    if !base.sentences {
        return None;
    }
    // Articles the RON holds already are skipped, as a replay on the whole graph does.
    let held: std::collections::HashSet<&str> = base
        .index
        .articles()
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let batches: Vec<super::journal::Batch> = base
        .overlay
        .iter()
        .map(|b| super::journal::Batch {
            extractor: b.extractor.clone(),
            articles: b
                .articles
                .iter()
                .filter(|(record, _)| !held.contains(record.id.as_str()))
                .cloned()
                .collect(),
        })
        .collect();
    drop(held);
    let touched: Vec<&crate::model::Extraction> = batches
        .iter()
        .flat_map(|b| b.articles.iter().map(|(_, x)| x))
        .collect();
    let cut = Cut::around(&base.index, &touched, &curation.named_ids(), base.sentences);
    let (mut graph, nodes, edges) = cut.into_parts();
    for batch in batches {
        let fresh: Vec<&crate::model::Extraction> = batch
            .articles
            .iter()
            .filter(|(record, _)| !graph.has_article(&record.id))
            .map(|(_, x)| x)
            .collect();
        if graph.may_unfold(&fresh) {
            return None;
        }
        super::journal::replay(&mut graph, vec![batch]);
    }
    curation.apply(&mut graph);
    base.index.patched(&nodes, &edges, &graph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Curation;
    use crate::store::journal::Batch;
    use proptest::prelude::*;

    /// Every fact of an index in a canonical text: entities, edges (with
    /// their status, evidence, articles and stories) and articles with
    /// their stories, by id; and the evidence count.
    fn facts(g: &GraphIndex) -> Vec<String> {
        let article = |a: u32| g.articles()[a as usize].id.clone();
        let mut out: Vec<String> = (0..g.node_count() as u32)
            .map(|v| format!("{:?} date {}", g.entity_record(v), g.node_date(v)))
            .collect();
        let mut edges: Vec<String> = (0..g.edge_count() as u32)
            .map(|e| {
                let edge = g.edge(e);
                let evidence: Vec<(Option<String>, String)> = g
                    .evidence(e)
                    .into_iter()
                    .map(|(a, s)| (a.map(article), s))
                    .collect();
                let articles: Vec<String> =
                    g.edge_article_numbers(e).into_iter().map(article).collect();
                format!(
                    "{} {:?} {} {:?} {:?} w{} a{} d{} {:?} {:?}",
                    g.id(edge.src),
                    edge.relation,
                    g.id(edge.dst),
                    g.edge_attrs(e).collect::<Vec<_>>(),
                    g.edge_status(e),
                    edge.weight,
                    edge.articles,
                    edge.date,
                    evidence,
                    articles
                )
            })
            .collect();
        edges.sort();
        out.extend(edges);
        let mut articles: Vec<String> = (0..g.articles().len() as u32)
            .map(|a| {
                let story = article(g.article_story(a));
                format!("{:?} story {story}", g.article_record(a))
            })
            .collect();
        articles.sort();
        out.extend(articles);
        out.push(format!("evidence {}", g.evidence_count()));
        out
    }

    /// Texts of articles: the shipped ones, and short ones that fold into
    /// their entities (a surname, an acronym), restate their facts, or
    /// bring new ones.
    fn texts() -> Vec<(String, String)> {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let mut files = crate::article::collect(&[shipped]).expect("shipped articles");
        files.sort();
        let mut out: Vec<(String, String)> = files
            .iter()
            .map(|f| {
                let name = f.file_name().map(|n| n.to_string_lossy().to_string());
                (
                    name.unwrap_or_default(),
                    std::fs::read_to_string(f).expect("article"),
                )
            })
            .collect();
        let own = [
            ("wrobel-full.txt", "Poland and Germany sign energy pact\n\nWarsaw, May 5, 2024: Polish Foreign Minister Tomasz Wrobel and German Foreign Minister Annalena Baerbock met in Warsaw on Monday. Poland and Germany signed a Energy Security Agreement (ESA) that will allow each country to store gas on the other's territory.\n"),
            ("wrobel.txt", "Wrobel in Berlin\n\nBerlin, June 7, 2024: Polish Foreign Minister Wrobel met Baerbock in Berlin on Friday. Poland and Germany said the ESA would enter into force next year.\n"),
            ("june.txt", "India and Australia sign logistics pact\n\nNew Delhi, June 2020: India and Australia signed the Mutual Logistics Support Arrangement in June 2020, officials said.\n"),
            ("copy.txt", "India and Australia sign logistics pact at first virtual summit\n\nNew Delhi, June 4, 2020: India and Australia on Thursday signed a Mutual Logistics Support Arrangement that will allow their militaries to use each other's bases for repairs and the resupply of fuel and stores, officials said.\n"),
            ("kishida.txt", "Japan and India meet in Tokyo\n\nTokyo, March 20, 2023: Prime Minister Fumio Kishida met Prime Minister Narendra Modi in Tokyo on Monday. Kishida and Modi signed a memorandum on semiconductors.\n"),
            ("call.txt", "Morrison speaks to Modi\n\nCanberra, July 9, 2020: Australian Prime Minister Morrison spoke with Indian Prime Minister Modi by telephone on Thursday. Modi thanked Morrison for the call.\n"),
        ];
        out.extend(own.iter().map(|(n, t)| (n.to_string(), t.to_string())));
        out
    }

    /// One batch per group of articles, each extracted as an ingest does.
    fn batches(texts: &[(String, String)], groups: &[Vec<usize>]) -> Vec<Batch> {
        let extractor = crate::extract::Extractor::shared().expect("extractor");
        groups
            .iter()
            .map(|group| Batch {
                extractor: crate::store::extractor_fingerprint(),
                articles: group
                    .iter()
                    .map(|&i| {
                        let (name, text) = &texts[i];
                        let a = Article::from_text(name, text.clone(), None);
                        let extraction = extractor.extract(&a);
                        (crate::ingest::record_of(a), extraction)
                    })
                    .collect(),
            })
            .collect()
    }

    /// The index of `stored` with `overlay` laid over it, the part way
    /// (`None` where it falls back) and the whole way.
    fn both(
        stored: &GraphIndex,
        overlay: Vec<Batch>,
        curation: &Curation,
    ) -> (Option<GraphIndex>, GraphIndex) {
        let base = snapshot::Base {
            index: stored.clone(),
            overlay,
            ron: FileDigest {
                len: 0,
                hash: String::new(),
                modified_ns: 0,
            },
            sentences: true,
        };
        let part = patched(&base, curation);
        (part, whole(base, curation))
    }

    /// The index of the store of `texts[stored]` with batches `groups`
    /// laid over it, the part way, equals the whole way's in every fact;
    /// the part way's, where it answered.
    fn agree(
        texts: &[(String, String)],
        stored: &[usize],
        groups: &[Vec<usize>],
    ) -> Option<GraphIndex> {
        agree_curated(texts, stored, groups, &Curation::default())
    }

    /// [`agree`] for a store with the user's decisions `curation`.
    fn agree_curated(
        texts: &[(String, String)],
        stored: &[usize],
        groups: &[Vec<usize>],
        curation: &Curation,
    ) -> Option<GraphIndex> {
        let mut graph = KnowledgeGraph::new();
        crate::store::journal::replay(&mut graph, batches(texts, &[stored.to_vec()]));
        curation.apply(&mut graph);
        let index = GraphIndex::from_graph(&graph);
        let (part, whole) = both(&index, batches(texts, groups), curation);
        match part {
            Some(part) => {
                assert_eq!(facts(&part), facts(&whole), "{stored:?} then {groups:?}");
                Some(part)
            }
            None => None,
        }
    }

    /// The gate of the reader after a fast ingest: the index made from
    /// the part the journal's batches touch holds every fact the index of
    /// the whole graph with them does, for batches that fold their
    /// entities into stored ones (a surname, an acronym), restate stored
    /// facts (more articles and stories behind an edge) and bring new ones.
    #[test]
    fn the_part_way_agrees_with_the_whole_way() {
        let texts = texts();
        // A surname alone folded into the stored official; an event dated
        // vaguely, and a copy of a stored story.
        let part = agree(&texts, &[0, 1, 2, 5], &[vec![6], vec![7, 8]]).expect("the part way");
        assert!(part.lookup("official:wrobel").is_none());
        let wrobel = part.lookup("official:tomasz-wrobel").expect("the official");
        let told: usize = part
            .links(wrobel)
            .map(|i| part.edge(part.link(i).1).articles as usize)
            .sum();
        assert!(
            told > part.degree(wrobel),
            "the Berlin article's facts are on him"
        );
        assert!(agree(&texts, &[0, 1, 2, 3, 4], &[vec![9], vec![10], vec![8]]).is_some());
        assert!(agree(&texts, &[0], &[vec![8, 5, 6, 7], vec![9, 10]]).is_some());
    }

    /// The user's decisions are taken on the part as on the whole: a merge
    /// of two officials the batch names again, a relation said to be false
    /// that the batch states again.
    #[test]
    fn the_part_way_takes_the_users_decisions() {
        let texts = texts();
        let curation = Curation {
            merges: vec![crate::graph::Merge {
                into: "official:tomasz-wrobel".into(),
                from: "official:annalena-baerbock".into(),
                name: "Annalena Baerbock".into(),
            }],
            rejected: [crate::graph::Rejected {
                source: "official:narendra-modi".into(),
                relation: crate::model::RelationKind::Represents,
                target: "country:india".into(),
            }]
            .into(),
            ..Curation::default()
        };
        let part = agree_curated(&texts, &[0, 5], &[vec![6], vec![10]], &curation);
        let part = part.expect("the part way");
        assert!(part.lookup("official:annalena-baerbock").is_none());
        let modi = part.lookup("official:narendra-modi").expect("Modi");
        let india = part.lookup("country:india").expect("India");
        let represents = part.links(modi).any(|i| {
            let (other, e) = part.link(i);
            other == india && part.edge(e).relation == crate::model::RelationKind::Represents
        });
        assert!(!represents, "the rejected relation stays rejected");
    }

    /// A batch that may undo a stored fold (a second official of the
    /// surname folded before) is not replayed on the part: the whole way
    /// answers.
    #[test]
    fn a_batch_that_may_unfold_goes_the_whole_way() {
        let mut texts = texts();
        texts.push((
            "anna.txt".into(),
            "Poland and France meet\n\nParis, July 1, 2024: Polish Deputy Foreign Minister Anna Wrobel met French Foreign Minister Stephane Sejourne in Paris on Monday.\n".into(),
        ));
        let last = texts.len() - 1;
        assert!(agree(&texts, &[0, 5, 6], &[vec![last]]).is_none());
        assert!(agree(&texts, &[0, 5], &[vec![6]]).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        /// Any split of the articles into a stored part and batches, in any
        /// order: the part way, where it answers, agrees with the whole way.
        #[test]
        fn the_part_way_agrees_in_any_order(
            order in Just((0..11usize).collect::<Vec<_>>()).prop_shuffle(),
            stored in 1..5usize,
            cuts in proptest::collection::vec(any::<bool>(), 11),
        ) {
            let texts = texts();
            let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
            for (i, &a) in order[stored..].iter().enumerate() {
                if cuts[i] && !groups[groups.len() - 1].is_empty() {
                    groups.push(Vec::new());
                }
                let last = groups.len() - 1;
                groups[last].push(a);
            }
            agree(&texts, &order[..stored], &groups);
        }
    }

    /// The snapshot, written and synced while the store is synced, names
    /// the store as it is once renamed in: its length and modification
    /// time, so a reader trusts them without hashing the store (a byte
    /// changed behind the same length and time goes unseen), and no journal.
    #[test]
    fn a_snapshot_written_beside_the_sync_names_the_store_as_renamed_in() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.ron");
        let mut graph = KnowledgeGraph::new();
        for (name, text) in texts().into_iter().take(3) {
            let article = Article::from_text(&name, text, None);
            let extraction = crate::extract::Extractor::shared()
                .unwrap()
                .extract(&article);
            graph.merge(extraction, crate::ingest::record_of(article));
        }
        let store = Store {
            graph,
            default_corpus: false,
            extractor: "x".into(),
        };
        // A snapshot there before: one is written again.
        std::fs::write(snapshot::path_for(&path), b"old").unwrap();
        let written = save_with_snapshot(&path, &store, &crate::observe::Silent).unwrap();
        assert_eq!(written, Some(snapshot::path_for(&path)));
        assert!(matches!(snapshot::load(&path), Loaded::Fresh(_)));
        // Changed behind the same length and time: only a hash would tell.
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(modified).unwrap();
        drop(file);
        assert!(matches!(snapshot::load(&path), Loaded::Fresh(_)));
    }
}
