//! The ingest pipeline: articles read, extracted on every core, then merged
//! into the graph in the order given; an article the graph already holds
//! (same text, same content hash) changes nothing. `kg ingest`, `kg reindex`
//! and the build of the shipped corpus all go through here.
//!
//! [`ingest`] is the whole of `kg ingest`: extraction, the slow part, runs
//! before the store's lock is taken; the lock is held from reading the store
//! to writing it, so concurrent ingests wait for each other and lose nothing.

mod append;
pub mod jsonl;

use crate::article::Article;
use crate::error::IngestError;
use crate::extract::Extractor;
use crate::graph::{ArticleRecord, GraphDiff, KnowledgeGraph};
use crate::model::Extraction;
use crate::store::import_store;
use crate::store::{self, Store};
use crate::stories::Fingerprint;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use crate::observe::{Observer, Silent};

/// The store's [`store::Build`]: what it asks of this pipeline when it
/// must make a graph from text (the shipped corpus built, `kg forget`'s
/// rebuild).
pub struct Pipeline;

impl store::Build for Pipeline {
    fn merge(
        &self,
        graph: &mut KnowledgeGraph,
        articles: Vec<Article>,
        observer: &dyn Observer,
    ) -> Result<(), IngestError> {
        merge_all(graph, articles, observer).map(|_| ())
    }

    fn rebuild(
        &self,
        old: &KnowledgeGraph,
        keep: &dyn Fn(&str) -> bool,
        observer: &dyn Observer,
    ) -> Result<KnowledgeGraph, IngestError> {
        rebuild(old, keep, observer).map(|(graph, _)| graph)
    }
}

/// What one ingest did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Articles given, known ones included.
    pub articles: usize,
    /// Articles whose text the store (or an earlier file of the same batch) already held.
    pub known: usize,
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ingested {} article{} ({} already known): ",
            self.articles,
            if self.articles == 1 { "" } else { "s" },
            self.known
        )?;
        if self.known == self.articles {
            f.write_str("nothing new")
        } else {
            write!(
                f,
                "+{} entities, +{} relations, +{} evidence",
                self.entities, self.relations, self.evidence
            )
        }
    }
}

/// What [`ingest`] did to the store.
#[derive(Debug)]
pub struct Ingested {
    pub summary: Summary,
    /// Paths of the new articles without a date (relative dates stay unresolved).
    pub undated: Vec<String>,
    /// `None` when nothing was new and the store was left as it was; else
    /// the snapshot written beside it, if one was.
    pub saved: Option<Option<PathBuf>>,
}

/// `kg ingest`: merges `articles` into the store at `store_path` (created
/// when missing), under its lock, and saves it with its snapshot when
/// anything is new.
pub fn ingest(
    store_path: &Path,
    articles: Vec<Article>,
    observer: &dyn Observer,
) -> Result<Ingested, IngestError> {
    ingest_with(store_path, articles, None, observer)
}

/// `kg ingest --extractions`: [`ingest`] of articles whose extractions were
/// made elsewhere (`kg extract --jsonl` on another machine, say; read with
/// [`jsonl::read_extractions`]): the store is the one ingesting the articles
/// here makes.
pub fn ingest_extracted(
    store_path: &Path,
    articles: Vec<Article>,
    extracted: HashMap<String, Extraction>,
    observer: &dyn Observer,
) -> Result<Ingested, IngestError> {
    ingest_with(store_path, articles, Some(extracted), observer)
}

/// [`ingest`], extracting what `made` does not hold.
fn ingest_with(
    store_path: &Path,
    articles: Vec<Article>,
    made: Option<HashMap<String, Extraction>>,
    observer: &dyn Observer,
) -> Result<Ingested, IngestError> {
    // What the store does not hold yet is extracted before taking the lock:
    // reading without it is safe, as every write is an atomic rename. The
    // store read then is kept when it is still the file there under the lock,
    // so a large store is parsed once.
    let before = FileStamp::of(store_path);
    if before.is_none() && made.is_none() {
        return ingest_new(store_path, articles, observer);
    }
    // A store with a snapshot its files extend is not read whole: the batch
    // goes to its journal, merged against the part of the graph it touches.
    let base = append::base_of(store_path);
    let snapshot = match base {
        Some(_) => None,
        None => store::load(store_path)?,
    };
    let held = base.as_ref().map(append::held);
    let known = |id: &str| match (&held, &snapshot) {
        (Some(held), _) => held.contains(id),
        (None, Some(s)) => s.graph.has_article(id),
        (None, None) => false,
    };
    let extracted = match made {
        Some(made) => made,
        None => extract_fresh(&articles, known, observer)?,
    };
    let _lock = store::lock_observed(store_path, observer)?;
    if let Some(base) = base.filter(|_| FileStamp::of(store_path) == before) {
        if let Some(done) = append::ingest(store_path, base, &articles, &extracted)? {
            return Ok(done);
        }
    }
    let current = match snapshot {
        Some(read) if before.is_some() && FileStamp::of(store_path) == before => Some(read),
        _ => store::load(store_path)?,
    };
    // Only the new articles need writing when the RON stays as it is: a
    // store of the user's (the journal's batch names its own extractor).
    let appendable = current.as_ref().is_some_and(|s| !s.default_corpus);
    let mut store = match current {
        // A store of the shipped corpus is brought up to date before the user's articles join it.
        Some(shipped) if shipped.default_corpus => {
            store::up_to_date(store_path, Some(shipped), &Pipeline, observer)?
        }
        Some(own) => own,
        None => Store {
            extractor: store::extractor_fingerprint(),
            ..Store::default()
        },
    };
    let undated: Vec<String> = articles
        .iter()
        .filter(|a| a.date.is_none() && !store.graph.has_article(&a.id))
        .map(|a| a.path.clone())
        .collect();
    let extracted = with_missing(&store.graph, &articles, extracted, observer)?;
    let unfold = {
        let fresh: Vec<&Extraction> = articles
            .iter()
            .filter(|a| !store.graph.has_article(&a.id))
            .filter_map(|a| extracted.get(&a.id))
            .collect();
        store.graph.may_unfold(&fresh)
    };
    // A store merged again is written whole; else only the new articles
    // need writing when the RON stays as it is.
    let appendable = appendable && !unfold;
    let batch = match appendable {
        true => batch_of(&store.graph, &articles, &extracted),
        false => store::journal::Batch::default(),
    };
    let summary = if unfold {
        remerge(&mut store.graph, articles, extracted, observer)?
    } else {
        merge_extracted(&mut store.graph, articles, extracted, observer)?
    };
    let merged = Merged {
        summary,
        undated,
        batch,
        appendable,
    };
    commit_merged(store_path, store, merged, observer)
}

/// What an ingest merged, to be committed.
struct Merged {
    summary: Summary,
    undated: Vec<String>,
    /// The new articles, for the journal when `appendable`.
    batch: store::journal::Batch,
    appendable: bool,
}

/// The end of an ingest that merged into `store`: nothing written when
/// every article was known; else the user's decisions taken (the summary
/// counts what they left) and the store committed, its batch to the journal
/// when it may be ([`store::commit`]).
fn commit_merged(
    store_path: &Path,
    mut store: Store,
    merged: Merged,
    observer: &dyn Observer,
) -> Result<Ingested, IngestError> {
    let Merged {
        summary,
        undated,
        batch,
        appendable,
    } = merged;
    if summary.known == summary.articles {
        return Ok(Ingested {
            summary,
            undated,
            saved: None,
        });
    }
    let (entities, relations, evidence) =
        store::curation::apply_counted(store_path, &mut store.graph)?;
    let summary = Summary {
        entities: summary.entities.saturating_sub(entities),
        relations: summary.relations.saturating_sub(relations),
        evidence: summary.evidence.saturating_sub(evidence),
        ..summary
    };
    store.default_corpus = false;
    store.extractor = store::extractor_fingerprint();
    let snapshot = store::commit(store_path, &store, &batch, appendable, observer)?;
    Ok(Ingested {
        summary,
        undated,
        saved: Some(snapshot),
    })
}

/// `extracted` with the extractions of the articles `graph` does not hold
/// that it lacks, made now.
fn with_missing(
    graph: &KnowledgeGraph,
    articles: &[Article],
    mut extracted: HashMap<String, Extraction>,
    observer: &dyn Observer,
) -> Result<HashMap<String, Extraction>, IngestError> {
    let missing = extract_fresh(
        articles,
        |id| graph.has_article(id) || extracted.contains_key(id),
        observer,
    )?;
    extracted.extend(missing);
    Ok(extracted)
}

/// The batch the articles `graph` does not hold make, with their
/// extractions from `extracted`, in the order [`merge_extracted`] merges
/// them: what the store's journal records of this ingest.
fn batch_of(
    graph: &KnowledgeGraph,
    articles: &[Article],
    extracted: &HashMap<String, Extraction>,
) -> store::journal::Batch {
    let mut seen: HashSet<&str> = HashSet::new();
    let fresh: Vec<(&Article, &Extraction)> = articles
        .iter()
        .filter(|a| !graph.has_article(&a.id) && seen.insert(&a.id))
        .filter_map(|a| Some((a, extracted.get(&a.id)?)))
        .collect();
    // Each record's fingerprint made on every core.
    let record = |(a, x): (&Article, &Extraction)| (record_of(a.clone()), x.clone());
    store::journal::Batch {
        extractor: store::extractor_fingerprint(),
        articles: in_order(fresh, record, |done| done.collect()),
    }
}

/// [`ingest`] into a store that does not exist yet: under its lock (a
/// concurrent first ingest waits), the articles extracted on every core
/// while this thread merges them, then the store written whole.
fn ingest_new(
    store_path: &Path,
    articles: Vec<Article>,
    observer: &dyn Observer,
) -> Result<Ingested, IngestError> {
    let _lock = store::lock_observed(store_path, observer)?;
    if store_path.exists() {
        // Another ingest made it meanwhile: the usual way.
        drop(_lock);
        return ingest_with(store_path, articles, Some(HashMap::new()), observer);
    }
    let mut store = Store::default();
    let undated: Vec<String> = articles
        .iter()
        .filter(|a| a.date.is_none())
        .map(|a| a.path.clone())
        .collect();
    let summary = merge_extracted(&mut store.graph, articles, HashMap::new(), observer)?;
    let merged = Merged {
        summary,
        undated,
        batch: store::journal::Batch::default(),
        appendable: false,
    };
    commit_merged(store_path, store, merged, observer)
}

/// The record the store keeps of an article.
pub(crate) fn record_of(article: Article) -> ArticleRecord {
    let fingerprint = Fingerprint::of(&article.text);
    record_with(article, fingerprint)
}

/// [`record_of`] given the article's fingerprint, made before.
fn record_with(article: Article, fingerprint: Option<Fingerprint>) -> ArticleRecord {
    ArticleRecord {
        fingerprint,
        date: article.date.map(|d| d.to_string()),
        id: article.id,
        path: article.path,
        title: article.title,
        text: article.text,
    }
}

/// What [`reindex`] did.
#[derive(Debug)]
pub struct Reindexed {
    /// Articles re-extracted (imports from CSV are carried over, not counted).
    pub articles: usize,
    /// Of those, how many another extractor (or an unrecorded one) had made.
    pub outdated: usize,
    /// This build's extractor.
    pub extractor: String,
    pub old: KnowledgeGraph,
    pub new: KnowledgeGraph,
    /// `None` when nothing changed and the store was left as it was; else
    /// the snapshot written beside it, if one was.
    pub saved: Option<Option<PathBuf>>,
}

impl Reindexed {
    /// What changed between the old graph and the new.
    pub fn diff(&self) -> GraphDiff {
        GraphDiff::between(&self.old, &self.new)
    }
}

/// `kg reindex`: re-extracts every stored article from its stored text with
/// this build's extractor, under the store's lock, and saves the store when
/// anything changed.
pub fn reindex(store_path: &Path, observer: &dyn Observer) -> Result<Reindexed, IngestError> {
    let missing = || crate::error::StoreError::Missing {
        path: store_path.to_path_buf(),
    };
    // Read once, under the lock: a large store takes long to parse.
    if !store_path.exists() {
        return Err(missing().into());
    }
    let _lock = store::lock_observed(store_path, observer)?;
    let old = store::load(store_path)?.ok_or_else(missing)?;
    let current = store::extractor_fingerprint();
    let outdated = old
        .graph
        .articles()
        .filter(|r| !import_store::is_import(&old.graph, &r.id))
        .filter(|r| {
            old.graph
                .provenance(&r.id)
                .is_none_or(|p| p.extractor != current)
        })
        .count();
    let (mut graph, count) = rebuild(&old.graph, |_| true, observer)?;
    store::curation::apply_recorded(store_path, &mut graph)?;
    let new = Store {
        graph,
        default_corpus: old.default_corpus,
        extractor: current.clone(),
    };
    let saved = if store::same_content(&new, &old) {
        None
    } else {
        Some(store::save_with_snapshot(store_path, &new, observer)?)
    };
    Ok(Reindexed {
        articles: count,
        outdated,
        extractor: current,
        old: old.graph,
        new: new.graph,
        saved,
    })
}

/// The graph of the articles of `old` that `keep` keeps (by id), each
/// re-extracted from its stored text by this build and merged in path order,
/// with the imports from CSV carried over (they have no text); and how many
/// articles were re-extracted. Merging is a function of the set of articles,
/// so this is the graph those articles make, whatever order they came in.
pub fn rebuild(
    old: &KnowledgeGraph,
    keep: impl Fn(&str) -> bool,
    observer: &dyn Observer,
) -> Result<(KnowledgeGraph, usize), IngestError> {
    let mut articles = stored_articles(old, keep);
    // The order `kg ingest FOLDER` merges in: by path.
    in_path_order(&mut articles);
    let count = articles.len();
    let mut new = KnowledgeGraph::new();
    merge_all(&mut new, articles, observer)?;
    import_store::carry_imports(old, &mut new);
    Ok((new, count))
}

/// The articles of `old` that `keep` keeps (by id), imports from CSV left
/// out (they have no text), as read again from their stored text.
fn stored_articles(old: &KnowledgeGraph, keep: impl Fn(&str) -> bool) -> Vec<Article> {
    old.articles()
        .filter(|r| keep(&r.id) && !import_store::is_import(old, &r.id))
        .map(|r| Article {
            id: r.id.clone(),
            path: r.path.clone(),
            title: r.title.clone(),
            date: r.date.as_deref().and_then(|d| d.parse().ok()),
            text: r.text.clone(),
        })
        .collect()
}

fn in_path_order(articles: &mut [Article]) {
    articles.sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
}

/// [`merge_extracted`] of a batch that could make an earlier fold ambiguous
/// ([`KnowledgeGraph::may_unfold`]): every stored article and the new ones
/// merged again as one batch, in path order as [`rebuild`] does, the
/// imports from CSV carried over; so the graph is the set's, whatever order
/// its articles came in. The summary counts what the graph holds now that it
/// did not.
fn remerge(
    graph: &mut KnowledgeGraph,
    articles: Vec<Article>,
    extracted: HashMap<String, Extraction>,
    observer: &dyn Observer,
) -> Result<Summary, IngestError> {
    let mut seen: HashSet<String> = HashSet::new();
    let given = articles.len();
    let mut all = stored_articles(graph, |_| true);
    let stored = all.len();
    all.extend(
        articles
            .into_iter()
            .filter(|a| !graph.has_article(&a.id) && seen.insert(a.id.clone())),
    );
    let fresh = all.len() - stored;
    observer.note(&format!(
        "a new article could make a name folded before ambiguous: merging the {stored} stored articles again with it"
    ));
    in_path_order(&mut all);
    let mut new = KnowledgeGraph::new();
    merge_extracted(&mut new, all, extracted, observer)?;
    import_store::carry_imports(graph, &mut new);
    let evidence = |g: &KnowledgeGraph| g.edges().map(|(_, e, _)| e.evidence.len()).sum::<usize>();
    let summary = Summary {
        articles: given,
        known: given - fresh,
        entities: new.node_count().saturating_sub(graph.node_count()),
        relations: new.edge_count().saturating_sub(graph.edge_count()),
        evidence: evidence(&new).saturating_sub(evidence(graph)),
    };
    *graph = new;
    Ok(summary)
}

/// What tells a store file from the one that replaced it: every write is a
/// rename of a new file, with its own inode and modification time.
#[derive(Debug, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified_ns: u128,
    inode: u64,
    /// The journal's length and time: appending to it leaves the RON as it was.
    journal: (u64, u128),
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(FileStamp {
            len: meta.len(),
            modified_ns: crate::store::ron_out::modified_ns(path),
            inode,
            journal: {
                let journal = store::journal::path_for(path);
                let len = std::fs::metadata(&journal).map_or(0, |m| m.len());
                (len, crate::store::ron_out::modified_ns(&journal))
            },
        })
    }
}

/// Reads every file, on every core; the first (in the order given) that
/// cannot be read is the error, naming it.
pub fn read_all(
    files: &[PathBuf],
    date: Option<jiff::civil::Date>,
) -> Result<Vec<Article>, IngestError> {
    // The extractor's tables are built meanwhile, for the extraction that
    // follows; not waited for, as articles already stored need none (an
    // extraction asking for them first waits for them).
    std::thread::spawn(|| Extractor::shared().is_ok());
    in_order(
        files.iter().collect(),
        |f| crate::article::read(f, date),
        |read| read.map(|a| Ok(a?)).collect(),
    )
}

/// Extracts the articles the graph does not hold yet and merges them, in order.
pub fn merge_all(
    graph: &mut KnowledgeGraph,
    articles: Vec<Article>,
    observer: &dyn Observer,
) -> Result<Summary, IngestError> {
    merge_extracted(graph, articles, HashMap::new(), observer)
}

/// Extracts the articles `known` does not hold, once each, keyed by article id.
pub fn extract_fresh(
    articles: &[Article],
    known: impl Fn(&str) -> bool,
    observer: &dyn Observer,
) -> Result<HashMap<String, Extraction>, IngestError> {
    let mut seen: HashSet<&str> = HashSet::new();
    let fresh: Vec<&Article> = articles
        .iter()
        .filter(|a| !known(&a.id) && seen.insert(&a.id))
        .collect();
    if fresh.is_empty() {
        return Ok(HashMap::new());
    }
    let extractions = extract_all(Extractor::shared()?, &fresh, observer);
    Ok(fresh
        .into_iter()
        .map(|a| a.id.clone())
        .zip(extractions)
        .collect())
}

/// [`merge_all`], taking the extractions already made from `extracted` and
/// making the missing ones on every core while this thread merges them, in
/// the order given.
pub fn merge_extracted(
    graph: &mut KnowledgeGraph,
    articles: Vec<Article>,
    mut extracted: HashMap<String, Extraction>,
    observer: &dyn Observer,
) -> Result<Summary, IngestError> {
    let mut summary = Summary {
        articles: articles.len(),
        ..Summary::default()
    };
    let mut seen: HashSet<String> = HashSet::new();
    let fresh: Vec<(Article, Option<Extraction>)> = articles
        .into_iter()
        .filter(|a| !graph.has_article(&a.id) && seen.insert(a.id.clone()))
        .map(|a| {
            let made = extracted.remove(&a.id);
            (a, made)
        })
        .collect();
    summary.known = summary.articles - fresh.len();
    let missing = fresh.iter().filter(|(_, x)| x.is_none()).count();
    let Ready {
        extractor,
        fingerprints,
    } = ready_to_extract(&fresh, missing)?;
    let progress = Progress::new(missing, observer);
    let prepare = |((article, made), fingerprint): ((Article, Option<Extraction>), Option<_>)| {
        let extraction = made.or_else(|| {
            let x = extractor.map(|e| e.extract(&article));
            progress.tick();
            x
        })?;
        // Else made here, beside the merge.
        let fingerprint = fingerprint.unwrap_or_else(|| Fingerprint::of(&article.text));
        Some((extraction, record_with(article, fingerprint)))
    };
    let fingerprint = store::extractor_fingerprint();
    // Folded once, when all are in: the batch's graph is its set's.
    let fresh: Vec<_> = fresh.into_iter().zip(fingerprints).collect();
    let merged = in_order(fresh, prepare, |batch| {
        graph.merge_all_recorded(batch.flatten(), &fingerprint)
    });
    summary.entities += merged.new_entities;
    summary.relations += merged.new_relations;
    summary.evidence += merged.new_evidence;
    Ok(summary)
}

/// What a batch's extraction needs first ([`ready_to_extract`]).
struct Ready {
    extractor: Option<&'static Extractor>,
    /// Each article's fingerprint, when made before (`None`: to be made
    /// beside the merge).
    fingerprints: Vec<Option<Option<Fingerprint>>>,
}

/// The extractor, when `missing` of the `fresh` articles need it, and
/// the articles' fingerprints made while its tables are built on a thread
/// of their own: on the other cores, and only until the tables are built,
/// so that the extraction starts then (those not made by then are made
/// beside the merge). With nothing to extract, no fingerprint is made here:
/// they are made beside the merge ([`merge_extracted`]).
fn ready_to_extract(
    fresh: &[(Article, Option<Extraction>)],
    missing: usize,
) -> Result<Ready, IngestError> {
    if missing == 0 {
        return Ok(Ready {
            extractor: None,
            fingerprints: fresh.iter().map(|_| None).collect(),
        });
    }
    std::thread::scope(|scope| {
        let built = scope.spawn(Extractor::shared);
        let fingerprint = |(article, _): &(Article, Option<Extraction>)| {
            (!built.is_finished()).then(|| Fingerprint::of(&article.text))
        };
        let others = store::ron_out::cores().saturating_sub(1);
        let fingerprints = in_order_on(others, fresh.iter().collect(), fingerprint, |done| {
            done.collect()
        });
        let extractor = built
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        Ok(Ready {
            extractor: Some(extractor),
            fingerprints,
        })
    })
}

/// Extracts on every core, results in the order of `articles`.
fn extract_all(
    extractor: &Extractor,
    articles: &[&Article],
    observer: &dyn Observer,
) -> Vec<Extraction> {
    let progress = Progress::new(articles.len(), observer);
    let extract = |a: &Article| {
        let x = extractor.extract(a);
        progress.tick();
        x
    };
    in_order(articles.to_vec(), extract, |done| done.collect())
}

/// The observer told of an extraction of `total` articles: started when
/// made (if there is any), ticked per article, finished with the last, on
/// whichever core extracts it.
struct Progress<'a> {
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    observer: &'a dyn Observer,
}

impl<'a> Progress<'a> {
    fn new(total: usize, observer: &'a dyn Observer) -> Progress<'a> {
        if total > 0 {
            observer.start(total);
        }
        Progress {
            total,
            done: std::sync::atomic::AtomicUsize::new(0),
            observer,
        }
    }

    fn tick(&self) {
        self.observer.tick();
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if done == self.total {
            self.observer.finish();
        }
    }
}

/// `work` done on each of `items` on every core, and `take` given the
/// results on this thread as they come, in the order of `items` (a result
/// waits for those before it): so this thread consumes while the others
/// still work. On one core, each item is worked as `take` asks for it.
fn in_order<T: Send, U: Send, R>(
    items: Vec<T>,
    work: impl Fn(T) -> U + Sync,
    take: impl FnOnce(&mut dyn Iterator<Item = U>) -> R,
) -> R {
    in_order_on(store::ron_out::cores(), items, work, take)
}

/// [`in_order`] on `threads` threads, this one among them: it works items
/// itself whenever the next result `take` asks for is not in yet, and waits
/// only once none is left to take. So there are never more threads than
/// `threads` at work (a thread that consumed beside `threads` workers would
/// take its core from them at every result, a wake-up each), and this
/// thread sleeps at most for the last items.
fn in_order_on<T: Send, U: Send, R>(
    threads: usize,
    items: Vec<T>,
    work: impl Fn(T) -> U + Sync,
    take: impl FnOnce(&mut dyn Iterator<Item = U>) -> R,
) -> R {
    if threads < 2 || items.len() < 2 {
        return take(&mut items.into_iter().map(work));
    }
    let helpers = threads.min(items.len()) - 1;
    let queue = std::sync::Mutex::new(items.into_iter().enumerate());
    let (done, results) = std::sync::mpsc::channel::<(usize, U)>();
    std::thread::scope(|scope| {
        for _ in 0..helpers {
            let (queue, work, done) = (&queue, &work, done.clone());
            scope.spawn(move || help(queue, work, &done));
        }
        drop(done);
        take(&mut Reordered {
            results,
            waiting: std::collections::BTreeMap::new(),
            due: 0,
            queue: &queue,
            work: &work,
        })
    })
}

/// A helper of [`in_order_on`]: works items of `queue` until none is left
/// (or the taking thread is gone), sending each result with its index.
fn help<T, U>(
    queue: &std::sync::Mutex<std::iter::Enumerate<std::vec::IntoIter<T>>>,
    work: impl Fn(T) -> U,
    done: &std::sync::mpsc::Sender<(usize, U)>,
) {
    while let Some((i, item)) = next_of(queue) {
        if done.send((i, work(item))).is_err() {
            break;
        }
    }
}

/// The next item of a queue shared by the threads of [`in_order_on`].
fn next_of<I: Iterator>(queue: &std::sync::Mutex<I>) -> Option<I::Item> {
    queue
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .next()
}

/// Results that arrive in any order, given out in the order of their
/// index; while the next is not in, this thread works the queue itself.
struct Reordered<'q, T, U, W> {
    results: std::sync::mpsc::Receiver<(usize, U)>,
    waiting: std::collections::BTreeMap<usize, U>,
    due: usize,
    queue: &'q std::sync::Mutex<std::iter::Enumerate<std::vec::IntoIter<T>>>,
    work: &'q W,
}

impl<T, U, W: Fn(T) -> U> Iterator for Reordered<'_, T, U, W> {
    type Item = U;

    fn next(&mut self) -> Option<U> {
        loop {
            if let Some(u) = self.waiting.remove(&self.due) {
                self.due += 1;
                return Some(u);
            }
            if let Ok((i, u)) = self.results.try_recv() {
                self.waiting.insert(i, u);
                continue;
            }
            if let Some((i, item)) = next_of(self.queue) {
                let u = (self.work)(item);
                self.waiting.insert(i, u);
                continue;
            }
            // Nothing left to take: wait for the helpers. Every helper
            // gone (the work done, or one panicked: the scope raises its
            // panic) ends the stream.
            let (i, u) = self.results.recv().ok()?;
            self.waiting.insert(i, u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results come in the order of the items, whichever core is done
    /// first: the first items take longest here.
    #[test]
    fn in_order_gives_the_results_in_the_order_of_the_items() {
        let work = |i: u64| {
            std::thread::sleep(std::time::Duration::from_micros((40 - i) * 300));
            i * 2
        };
        let out: Vec<u64> = in_order_on(3, (0..40).collect(), work, |done| done.collect());
        assert_eq!(out, (0..40).map(|i| i * 2).collect::<Vec<u64>>());
    }

    /// The thread that takes the results works items too, and no more
    /// threads than asked for work.
    #[test]
    fn in_order_works_on_the_taking_thread_and_on_no_more_threads_than_asked() {
        let here = std::thread::current().id();
        let work = |i: u64| {
            std::thread::sleep(std::time::Duration::from_micros(500));
            (i, std::thread::current().id())
        };
        let out: Vec<_> = in_order_on(2, (0..40).collect(), work, |done| done.collect());
        assert_eq!(
            out.iter().map(|(i, _)| *i).collect::<Vec<u64>>(),
            (0..40).collect::<Vec<u64>>()
        );
        let threads: HashSet<_> = out.iter().map(|(_, t)| *t).collect();
        assert!(threads.contains(&here), "the taking thread worked no item");
        assert_eq!(threads.len(), 2);
    }
}
