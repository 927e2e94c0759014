//! `kg import`: a graph from CSV into the store, all or nothing. Every row is
//! checked first ([`super::import::read`]); only then is the store written,
//! once and atomically, with the snapshot beside it when the graph is large.
//!
//! Into a missing store the graph is written straight from the CSV columns
//! ([`super::ron_out`]); into an existing one it is merged through the
//! [`KnowledgeGraph`] like an ingested article. Either way the import is one
//! source, an article record without text whose id is the hash of the two
//! files, so importing the same files again changes nothing; every relation's
//! evidence is its row (`source,target,relation`) with the row's byte span in
//! the edges file.

use super::import::{read, CsvGraph, ImportError, ReadOptions};
use super::index::{csv_row, ArticleRef, GraphIndex};
use super::ron_out::{write_import, FileDigest};
use super::snapshot;
use crate::graph::{ArticleRecord, KnowledgeGraph};
use crate::model::{Attrs, Entity, Evidence};
use crate::store::{self, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// When to write a snapshot beside the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SnapshotPolicy {
    /// When the graph is large ([`snapshot::worth_it`]) or already had one.
    #[default]
    Auto,
    Always,
    Never,
}

/// What an import did, and how long its steps took.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
    pub rows: usize,
    /// The files were imported before: nothing changed.
    pub already: bool,
    pub snapshot: Option<PathBuf>,
    /// Reading and checking the CSV.
    pub read: Duration,
    /// Writing the store (merging first, when there was one).
    pub save: Duration,
    /// Building the index and writing the snapshot.
    pub snapshot_time: Duration,
    pub store_bytes: u64,
}

/// The source record of an import of `nodes` and `edges`.
pub fn import_record(id: &str, nodes: &Path, edges: &Path) -> ArticleRecord {
    let name = |p: &Path| {
        p.file_name()
            .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().to_string())
    };
    ArticleRecord {
        id: id.to_string(),
        path: edges.display().to_string(),
        title: format!("Imported from {} and {}", name(nodes), name(edges)),
        date: None,
        text: String::new(),
    }
}

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Imports `nodes` and `edges` into the store at `store_path`, which holds
/// `existing` (`None` when there is no store yet).
pub fn import(
    store_path: &Path,
    nodes: &Path,
    edges: &Path,
    existing: Option<Store>,
    policy: SnapshotPolicy,
) -> Result<ImportSummary, ImportError> {
    let started = Instant::now();
    let graph_known = existing.as_ref().filter(|s| s.graph.node_count() > 0 || s.graph.articles().next().is_some());
    let known = graph_known.map(|s| &s.graph);
    let lookup = |id: &str| known.and_then(|g| g.entity(id)).map(|e| e.kind);
    let options = ReadOptions {
        spans: true,
        digest: true,
        known: known.map(|_| &lookup as &(dyn Fn(&str) -> Option<crate::model::EntityKind> + Sync)),
    };
    let csv = read(nodes, edges, &options)?;
    let mut summary = ImportSummary {
        read: started.elapsed(),
        rows: csv.edge_rows,
        ..ImportSummary::default()
    };
    let record = import_record(&csv.digest, nodes, edges);
    let had_snapshot = snapshot::path_for(store_path).exists();
    let wants = |entities: usize, relations: usize| match policy {
        SnapshotPolicy::Always => true,
        SnapshotPolicy::Never => false,
        SnapshotPolicy::Auto => had_snapshot || snapshot::worth_it(entities, relations),
    };
    match existing.filter(|s| s.graph.node_count() > 0 || s.graph.articles().next().is_some()) {
        None => {
            let t = Instant::now();
            let digest = write_import(store_path, &csv, &record, &store::extractor_fingerprint())
                .map_err(write_err(store_path))?;
            summary.save = t.elapsed();
            summary.store_bytes = digest.len;
            summary.entities = csv.external.iter().filter(|e| !**e).count();
            summary.relations = csv.src.len();
            summary.evidence = csv.spans.len();
            if wants(summary.entities, summary.relations) {
                let t = Instant::now();
                let article = ArticleRef {
                    id: record.id.clone(),
                    path: record.path.clone(),
                    title: record.title.clone(),
                };
                let index = csv.into_index(Some(article));
                summary.snapshot =
                    Some(snapshot::write(store_path, &digest, false, &index).map_err(write_err(store_path))?);
                summary.snapshot_time = t.elapsed();
            } else {
                remove_snapshot(store_path);
            }
        }
        Some(mut store) => {
            if store.graph.has_article(&record.id) {
                summary.already = true;
                return Ok(summary);
            }
            let t = Instant::now();
            merge(&mut store.graph, &csv, record, &mut summary);
            store.default_corpus = false;
            store.extractor = store::extractor_fingerprint();
            drop(csv);
            store::save(store_path, &store)?;
            summary.save = t.elapsed();
            if wants(store.graph.node_count(), store.graph.edge_count()) {
                let t = Instant::now();
                let digest = FileDigest::of(store_path).map_err(write_err(store_path))?;
                summary.store_bytes = digest.len;
                let index = GraphIndex::from_graph(&store.graph);
                summary.snapshot =
                    Some(snapshot::write(store_path, &digest, false, &index).map_err(write_err(store_path))?);
                summary.snapshot_time = t.elapsed();
            } else {
                remove_snapshot(store_path);
            }
        }
    }
    Ok(summary)
}

/// A snapshot the store no longer wants would only go stale.
fn remove_snapshot(store_path: &Path) {
    let _ = std::fs::remove_file(snapshot::path_for(store_path));
}

/// Adds the CSV's entities and relations to `graph` as one import source.
fn merge(graph: &mut KnowledgeGraph, csv: &CsvGraph, record: ArticleRecord, summary: &mut ImportSummary) {
    let article = record.id.clone();
    graph.add_article(record);
    for v in 0..csv.ids.len() {
        if csv.external[v] {
            continue;
        }
        let entity = Entity {
            id: csv.ids.get(v).to_string(),
            kind: csv.kind(v as u32),
            name: csv.labels.get(v).to_string(),
            aliases: Vec::new(),
            attrs: Attrs::new(),
        };
        if graph.upsert_entity(entity).1 {
            summary.entities += 1;
        }
    }
    for e in 0..csv.src.len() {
        let (s, t) = (csv.ids.get(csv.src[e] as usize), csv.ids.get(csv.dst[e] as usize));
        let relation = csv.relation(e);
        let sentence = csv_row(s, t, relation);
        for &(start, end) in csv.spans_of(e) {
            let evidence = Evidence {
                article: article.clone(),
                sentence: sentence.clone(),
                start: start as usize,
                end: end as usize,
            };
            if let Some((new_edge, new_evidence)) = graph.add_relation(s, relation, t, Attrs::new(), evidence) {
                summary.relations += usize::from(new_edge);
                summary.evidence += usize::from(new_evidence);
            }
        }
    }
}
