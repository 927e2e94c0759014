//! `kg ingest`: every article is read and extracted before the store is
//! written, once; an article already in the store (same text, same content
//! hash) changes nothing. Extraction, the slow part, runs before the store's
//! lock is taken; the lock is held from reading the store to writing it, so
//! concurrent ingests wait for each other and lose nothing.

use super::corpus;
use anyhow::Result;
use kg::article::Article;
use kg::extract::Extractor;
use kg::graph::{ArticleRecord, KnowledgeGraph};
use kg::model::Extraction;
use kg::store::{self, Store};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

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

/// `kg ingest PATH... [--date D]` into the store at `store_path`.
pub fn run(store_path: &Path, paths: &[PathBuf], date: Option<&str>) -> Result<()> {
    let date = date.map(kg::article::parse_date_option).transpose()?;
    let files = kg::article::collect(paths)?;
    let articles = read_all(&files, date)?;
    // What the store does not hold yet is extracted before taking the lock:
    // reading without it is safe, as every write is an atomic rename. The
    // store read then is kept when it is still the file there under the lock,
    // so a large store is parsed once.
    let before = FileStamp::of(store_path);
    let snapshot = store::load(store_path)?;
    let extracted = extract_fresh(&articles, |id| {
        snapshot.as_ref().is_some_and(|s| s.graph.has_article(id))
    })?;
    let _lock = lock(store_path)?;
    let current = match snapshot {
        Some(read) if before.is_some() && FileStamp::of(store_path) == before => Some(read),
        _ => store::load(store_path)?,
    };
    let mut store = match current {
        // A store of the shipped corpus is brought up to date before the user's articles join it.
        Some(shipped) if shipped.default_corpus => corpus::up_to_date(store_path, Some(shipped))?,
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
    let summary = merge_extracted(&mut store.graph, articles, extracted)?;
    for path in undated {
        eprintln!(
            "kg: warning: {path}: no date in its dateline, so relative dates (\"on Monday\") \
             stay unresolved; give one with --date YYYY-MM-DD"
        );
    }
    if summary.known == summary.articles {
        println!("{summary}; {} left as it was", store_path.display());
        return Ok(());
    }
    store.default_corpus = false;
    store.extractor = store::extractor_fingerprint();
    let snapshot = super::save_with_snapshot(store_path, &store)?;
    println!(
        "{summary}; saved {}{}",
        store_path.display(),
        super::and_snapshot(snapshot)
    );
    Ok(())
}

/// What tells a store file from the one that replaced it: every write is a
/// rename of a new file, with its own inode and modification time.
#[derive(Debug, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified_ns: u128,
    inode: u64,
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
            modified_ns: kg::scale::ron_out::modified_ns(path),
            inode,
        })
    }
}

/// Takes the store's lock for a read–merge–write cycle, saying so on stderr
/// when another kg holds it.
pub fn lock(store_path: &Path) -> Result<store::StoreLock> {
    Ok(store::lock(store_path, |lock_file| {
        eprintln!("kg: waiting for lock on {} …", lock_file.display());
    })?)
}

/// Reads every file; the first that cannot be read is the error, naming it.
pub fn read_all(files: &[PathBuf], date: Option<jiff::civil::Date>) -> Result<Vec<Article>> {
    files
        .iter()
        .map(|f| Ok(kg::article::read(f, date)?))
        .collect()
}

/// Extracts the articles the graph does not hold yet and merges them, in order.
pub fn merge_all(graph: &mut KnowledgeGraph, articles: Vec<Article>) -> Result<Summary> {
    merge_extracted(graph, articles, HashMap::new())
}

/// Extracts the articles `known` does not hold, once each, keyed by article id.
pub fn extract_fresh(
    articles: &[Article],
    known: impl Fn(&str) -> bool,
) -> Result<HashMap<String, Extraction>> {
    let mut seen: HashSet<&str> = HashSet::new();
    let fresh: Vec<&Article> = articles
        .iter()
        .filter(|a| !known(&a.id) && seen.insert(&a.id))
        .collect();
    if fresh.is_empty() {
        return Ok(HashMap::new());
    }
    let extractions = extract_all(Extractor::shared()?, &fresh);
    Ok(fresh
        .into_iter()
        .map(|a| a.id.clone())
        .zip(extractions)
        .collect())
}

/// [`merge_all`], taking the extractions already made from `extracted` and
/// making the missing ones.
pub fn merge_extracted(
    graph: &mut KnowledgeGraph,
    articles: Vec<Article>,
    mut extracted: HashMap<String, Extraction>,
) -> Result<Summary> {
    let mut summary = Summary {
        articles: articles.len(),
        ..Summary::default()
    };
    let mut seen: HashSet<String> = HashSet::new();
    let fresh: Vec<Article> = articles
        .into_iter()
        .filter(|a| !graph.has_article(&a.id) && seen.insert(a.id.clone()))
        .collect();
    summary.known = summary.articles - fresh.len();
    let missing = extract_fresh(&fresh, |id| extracted.contains_key(id))?;
    extracted.extend(missing);
    let extractor = store::extractor_fingerprint();
    for article in fresh {
        let Some(extraction) = extracted.remove(&article.id) else {
            continue;
        };
        let record = ArticleRecord {
            date: article.date.map(|d| d.to_string()),
            id: article.id,
            path: article.path,
            title: article.title,
            text: article.text,
        };
        let merged = graph.merge_recorded(extraction, record, &extractor);
        summary.entities += merged.new_entities;
        summary.relations += merged.new_relations;
        summary.evidence += merged.new_evidence;
    }
    Ok(summary)
}

/// Extracts on every core, results in the order of `articles`.
fn extract_all(extractor: &Extractor, articles: &[&Article]) -> Vec<Extraction> {
    let bar = super::progress::bar(articles.len(), "articles");
    let extract = |a: &&Article| {
        let x = extractor.extract(a);
        bar.inc(1);
        x
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || articles.len() < 2 {
        let out = articles.iter().map(extract).collect();
        bar.finish_and_clear();
        return out;
    }
    let chunk = articles.len().div_ceil(cores);
    let out = std::thread::scope(|scope| {
        let workers: Vec<_> = articles
            .chunks(chunk)
            .map(|part| {
                let extract = &extract;
                scope.spawn(move || part.iter().map(extract).collect::<Vec<Extraction>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    bar.finish_and_clear();
    out
}
