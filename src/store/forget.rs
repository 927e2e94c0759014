//! `kg forget`: removes articles, and every fact only they supported, from
//! the store, under its lock, writing it once; and how a user names a stored
//! article (id, id prefix, path, or a file holding its text).

use crate::error::{IngestError, StoreError};
use crate::graph::{ForgetSummary, GraphDiff, KnowledgeGraph};
use crate::observe::Observer;
use crate::store::import_store;
use std::path::{Path, PathBuf};

/// The shortest id prefix taken for an article.
const MIN_PREFIX: usize = 4;

/// What [`forget`] did.
#[derive(Debug, Clone, Default)]
pub struct Forgotten {
    pub total: ForgetSummary,
    /// Each article forgotten: its id and the path it was ingested from.
    pub articles: Vec<(String, String)>,
    /// The snapshot written beside the store, if one was.
    pub snapshot: Option<PathBuf>,
}

/// Forgets the articles `queries` name ([`find_articles`]) from the store at
/// `store_path`, under its lock, and saves it once. When this build made
/// every article that stays, the store is the one those articles make
/// (rebuilt by `build`): nothing the forgotten ones gave is left, not
/// an alias, a title or an attribute. Otherwise their evidence, and what only
/// it supported, is removed ([`KnowledgeGraph::forget_article`]).
pub fn forget(
    store_path: &Path,
    queries: &[String],
    build: &dyn super::Build,
    observer: &dyn Observer,
) -> Result<Forgotten, IngestError> {
    let missing = || StoreError::Missing {
        path: store_path.to_path_buf(),
    };
    // Nothing to lock (and no lock file to leave behind) when there is no
    // store; it is read once, under the lock (a large one takes long to parse).
    if !store_path.exists() {
        return Err(missing().into());
    }
    let _lock = super::lock_observed(store_path, observer)?;
    let mut store = super::load(store_path)?.ok_or_else(missing)?;
    let mut ids: Vec<String> = Vec::new();
    for query in queries {
        for id in find_articles(&store.graph, query, store_path)? {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    let mut done = Forgotten::default();
    if rebuildable(&store.graph, &ids) {
        let keep = |id: &str| !ids.iter().any(|gone| gone == id);
        let mut graph = build.rebuild(&store.graph, &keep, observer)?;
        super::curation::apply_recorded(store_path, &mut graph)?;
        let diff = GraphDiff::between(&store.graph, &graph);
        done.total = ForgetSummary {
            articles: ids.len(),
            entities: diff.removed_entities.len(),
            relations: diff.removed_relations.len(),
            evidence: diff.removed_evidence,
        };
        for id in ids {
            let path = store
                .graph
                .article(&id)
                .map(|a| a.path.clone())
                .unwrap_or_default();
            done.articles.push((id, path));
        }
        store.graph = graph;
    } else {
        for id in ids {
            let path = store
                .graph
                .article(&id)
                .map(|a| a.path.clone())
                .unwrap_or_default();
            if let Some(gone) = store.graph.forget_article(&id) {
                let total = &mut done.total;
                total.articles += gone.articles;
                total.entities += gone.entities;
                total.relations += gone.relations;
                total.evidence += gone.evidence;
                done.articles.push((id, path));
            }
        }
    }
    // What is left is no longer the shipped corpus: never rebuild it behind the user's back.
    store.default_corpus = false;
    done.snapshot = super::save_with_snapshot(store_path, &store, observer)?;
    Ok(done)
}

/// Whether the store can be rebuilt without `gone`: none of them is an
/// import from CSV, and this build's extractor made every other article (a
/// rebuild by another would change their facts too).
fn rebuildable(graph: &KnowledgeGraph, gone: &[String]) -> bool {
    let current = super::extractor_fingerprint();
    gone.iter().all(|id| !import_store::is_import(graph, id))
        && graph
            .articles()
            .filter(|a| !gone.contains(&a.id) && !import_store::is_import(graph, &a.id))
            .all(|a| {
                graph
                    .provenance(&a.id)
                    .is_some_and(|p| p.extractor == current)
            })
}

/// The articles `query` names: an id, the path they were ingested from (all
/// the versions of that file), a unique id prefix, or a file whose text is
/// a stored article's.
pub fn find_articles(
    graph: &KnowledgeGraph,
    query: &str,
    store_path: &Path,
) -> Result<Vec<String>, StoreError> {
    let q = query.trim();
    if graph.has_article(q) {
        return Ok(vec![q.to_string()]);
    }
    let by_path: Vec<String> = graph
        .articles()
        .filter(|a| a.path == q)
        .map(|a| a.id.clone())
        .collect();
    if !by_path.is_empty() {
        return Ok(by_path);
    }
    if q.len() >= MIN_PREFIX && q.bytes().all(|b| b.is_ascii_hexdigit()) {
        let q = q.to_ascii_lowercase();
        let by_prefix: Vec<String> = graph
            .articles()
            .filter(|a| a.id.starts_with(&q))
            .map(|a| a.id.clone())
            .collect();
        match by_prefix.len() {
            0 => {}
            1 => return Ok(by_prefix),
            _ => {
                return Err(StoreError::AmbiguousArticle {
                    path: store_path.to_path_buf(),
                    query: query.to_string(),
                    matches: by_prefix,
                })
            }
        }
    }
    // The same file named another way ("./a.txt", an absolute path), or a file
    // holding the same text as a stored article.
    let file = Path::new(q);
    if file.is_file() {
        let same_file: Vec<String> = std::fs::canonicalize(file)
            .map(|target| {
                graph
                    .articles()
                    .filter(|a| std::fs::canonicalize(&a.path).is_ok_and(|p| p == target))
                    .map(|a| a.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        if !same_file.is_empty() {
            return Ok(same_file);
        }
        if let Ok(article) = crate::article::read(file, None) {
            if graph.has_article(&article.id) {
                return Ok(vec![article.id]);
            }
        }
    }
    if !q.is_empty() && q.len() < MIN_PREFIX && q.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoreError::ShortPrefix {
            path: store_path.to_path_buf(),
            query: query.to_string(),
            min: MIN_PREFIX,
        });
    }
    Err(StoreError::UnknownArticle {
        path: store_path.to_path_buf(),
        query: query.to_string(),
        suggestions: suggestions(graph, q),
    })
}

/// Up to three stored articles whose path looks like `query`.
fn suggestions(graph: &KnowledgeGraph, query: &str) -> Vec<String> {
    let query = query.to_lowercase();
    let name = |p: &str| {
        Path::new(p)
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().to_lowercase())
    };
    let mut scored: Vec<(f64, String)> = graph
        .articles()
        .map(|a| {
            let path = a.path.to_lowercase();
            let score = strsim::normalized_levenshtein(&query, &path)
                .max(strsim::normalized_levenshtein(&name(&query), &name(&path)));
            (score, a.path.clone())
        })
        .filter(|(score, _)| *score >= 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, p)| p).collect()
}
