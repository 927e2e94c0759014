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
use super::ron_out::write_import;
use super::snapshot;
use crate::graph::{ArticleRecord, KnowledgeGraph};
use crate::model::{Attrs, Entity, Evidence};
use crate::store::{self, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The provenance an import's source record carries instead of an
/// extractor: its facts come from CSV rows, not from text (`kg reindex` has no
/// text to re-extract them from).
pub const IMPORT_EXTRACTOR: &str = "csv-import";

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
    /// Sources added: the import's own record, or for a Neo4j folder one per
    /// source article it names.
    pub articles: usize,
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
    pub rows: usize,
    /// The files were imported before: nothing changed.
    pub already: bool,
    pub snapshot: Option<PathBuf>,
    /// The snapshot that could not be written, and why: the store holds the
    /// import all the same (readers rebuild what the snapshot would hold).
    pub snapshot_failed: Option<(PathBuf, String)>,
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
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().to_string(),
        )
    };
    ArticleRecord {
        id: id.to_string(),
        path: edges.display().to_string(),
        title: format!("Imported from {} and {}", name(nodes), name(edges)),
        date: None,
        text: String::new(),
        fingerprint: None,
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
    let graph_known = existing
        .as_ref()
        .filter(|s| s.graph.node_count() > 0 || s.graph.articles().next().is_some());
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
    summary.articles = 1;
    let had_snapshot = snapshot::path_for(store_path).exists();
    let wants = |entities: usize, relations: usize| match policy {
        SnapshotPolicy::Always => true,
        SnapshotPolicy::Never => false,
        SnapshotPolicy::Auto => had_snapshot || snapshot::worth_it(entities, relations),
    };
    match existing.filter(|s| s.graph.node_count() > 0 || s.graph.articles().next().is_some()) {
        None => fresh(store_path, csv, &record, wants, &mut summary)?,
        Some(mut store) => {
            if store.graph.has_article(&record.id) {
                summary.already = true;
                summary.articles = 0;
                return Ok(summary);
            }
            let t = Instant::now();
            merge(&mut store.graph, &csv, record, &mut summary);
            store::curation::apply_recorded(store_path, &mut store.graph)?;
            store.default_corpus = false;
            store.extractor = store::extractor_fingerprint();
            drop(csv);
            let digest = store::save(store_path, &store)?;
            summary.save = t.elapsed();
            summary.store_bytes = digest.len;
            if wants(store.graph.node_count(), store.graph.edge_count()) {
                let t = Instant::now();
                let index = GraphIndex::from_graph(&store.graph);
                write_snapshot(store_path, &digest, &index, &mut summary);
                summary.snapshot_time = t.elapsed();
            } else {
                remove_snapshot(store_path);
            }
        }
    }
    Ok(summary)
}

/// The index of the graph `csv` holds, imported as `record`: built from a
/// copy of its columns (the import still writes the RON from them).
fn index_of(csv: &CsvGraph, record: &ArticleRecord) -> GraphIndex {
    let article = ArticleRef {
        id: record.id.clone(),
        path: record.path.clone(),
        title: record.title.clone(),
    };
    // A row given more than once is more evidence for its edge.
    let repeats: Vec<u32> = (0..csv.src.len())
        .map(|e| csv.spans_of(e).len().saturating_sub(1) as u32)
        .collect();
    csv.index_copy()
        .into_index(Some(article))
        .with_repeated_rows(&repeats)
}

/// The import into no store: the RON written straight from the CSV columns
/// while, on another thread, the index is built from a copy of them and
/// encoded, so the snapshot is ready to be written once the RON's digest is
/// known. The RON is durable (synced and renamed) before the snapshot.
fn fresh(
    store_path: &Path,
    csv: CsvGraph,
    record: &ArticleRecord,
    wants: impl Fn(usize, usize) -> bool,
    summary: &mut ImportSummary,
) -> Result<(), ImportError> {
    let t = Instant::now();
    summary.entities = csv.external.iter().filter(|e| !**e).count();
    summary.relations = csv.src.len();
    summary.evidence = csv.spans.len();
    let snapshot_wanted = wants(summary.entities, summary.relations);
    let body = || snapshot::encode(&index_of(&csv, record));
    let write = || write_import(store_path, &csv, record, &store::extractor_fingerprint());
    let (digest, body) = if snapshot_wanted {
        std::thread::scope(|scope| {
            let body = scope.spawn(body);
            let digest = write();
            let body = body.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            (digest, Some(body))
        })
    } else {
        (write(), None)
    };
    let digest = digest.map_err(write_err(store_path))?;
    summary.save = t.elapsed();
    summary.store_bytes = digest.len;
    // Freed (hundreds of megabytes given back page by page) while the
    // snapshot is written.
    let freeing = std::thread::spawn(move || drop(csv));
    let t = Instant::now();
    match body {
        Some(body) => {
            let written =
                body.and_then(|b| snapshot::write_encoded(store_path, &digest, false, &b));
            match written {
                Ok(path) => summary.snapshot = Some(path),
                Err(e) => {
                    summary.snapshot_failed = Some((snapshot::path_for(store_path), e.to_string()));
                }
            }
            summary.snapshot_time = t.elapsed();
        }
        None => remove_snapshot(store_path),
    }
    let _ = freeing.join();
    Ok(())
}

/// Whether the article `id` of `graph` is an import (from CSV, without text).
pub fn is_import(graph: &KnowledgeGraph, id: &str) -> bool {
    graph
        .provenance(id)
        .is_some_and(|p| p.extractor == IMPORT_EXTRACTOR)
}

/// Copies the imports of `old` into `new`, with every relation (and its two
/// ends) that an import's rows state: `kg reindex` rebuilds a graph from the
/// articles' text, and an import has none. Returns how many imports.
pub fn carry_imports(old: &KnowledgeGraph, new: &mut KnowledgeGraph) -> usize {
    let imports: std::collections::BTreeSet<&str> = old
        .articles()
        .filter(|a| is_import(old, &a.id))
        .map(|a| a.id.as_str())
        .collect();
    for id in &imports {
        if let Some(record) = old.article(id) {
            new.add_article(record.clone());
        }
        if let Some(p) = old.provenance(id) {
            new.set_provenance(id, p.clone());
        }
    }
    // Each entity taken once, not once per relation of it.
    let mut taken: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (s, edge, t) in old.edges() {
        let rows: Vec<&Evidence> = edge
            .evidence
            .iter()
            .filter(|ev| imports.contains(ev.article.as_str()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        for end in [s, t] {
            if taken.insert(&end.id) {
                new.upsert_entity(end.clone());
            }
        }
        for ev in rows {
            new.add_relation(&s.id, edge.relation, &t.id, edge.attrs.clone(), ev.clone());
        }
    }
    imports.len()
}

/// Writes the snapshot of a store already written. The import is committed
/// by then, so a failure (a full disk) is recorded in `summary` for a
/// warning, as `kg ingest` warns, not returned as the import's failure.
fn write_snapshot(
    store_path: &Path,
    digest: &crate::store::ron_out::FileDigest,
    index: &GraphIndex,
    summary: &mut ImportSummary,
) {
    match snapshot::write(store_path, digest, false, index) {
        Ok(path) => summary.snapshot = Some(path),
        Err(e) => summary.snapshot_failed = Some((snapshot::path_for(store_path), e.to_string())),
    }
}

/// A snapshot the store no longer wants would only go stale.
fn remove_snapshot(store_path: &Path) {
    let _ = std::fs::remove_file(snapshot::path_for(store_path));
}

/// Adds the CSV's entities and relations to `graph` as one import source.
fn merge(
    graph: &mut KnowledgeGraph,
    csv: &CsvGraph,
    record: ArticleRecord,
    summary: &mut ImportSummary,
) {
    let article = record.id.clone();
    graph.add_article(record);
    graph.set_provenance(
        &article,
        crate::graph::Provenance {
            extractor: IMPORT_EXTRACTOR.to_string(),
            entities: Default::default(),
        },
    );
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
        let (s, t) = (
            csv.ids.get(csv.src[e] as usize),
            csv.ids.get(csv.dst[e] as usize),
        );
        let relation = csv.relation(e);
        let sentence = csv_row(s, t, relation);
        for &(start, end) in csv.spans_of(e) {
            let evidence = Evidence {
                article: article.clone(),
                sentence: sentence.clone(),
                start: start as usize,
                end: end as usize,
            };
            if let Some((new_edge, new_evidence)) =
                graph.add_relation(s, relation, t, Attrs::new(), evidence)
            {
                summary.relations += usize::from(new_edge);
                summary.evidence += usize::from(new_evidence);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::import::ReadOptions;

    const NODES: &str =
        "id,kind,label\ncountry:india,country,India\njapan,country,\"Japan, \"\"Nippon\"\"\"\n\
        official:rajnath-singh,official,Rajnath Singh\nofficial:nakatani,official,Nakatani\n\
        agreement:ssgp,agreement,Special Strategic and Global Partnership\n\
        country:cote-divoire,country,Côte d'Ivoire\nofficial:obrien,official,Sean O'Brien\n";
    const EDGES: &str =
        "source,target,relation\r\nofficial:rajnath-singh,country:india,represents\r\n\
        official:nakatani,japan,represents\r\nofficial:rajnath-singh,official:nakatani,meets\r\n\
        official:nakatani,official:rajnath-singh,meets\r\ncountry:india,agreement:ssgp,party_to\r\n\
        country:japan,agreement:ssgp,party_to\r\ncountry:japan,agreement:ssgp,party_to\r\n\
        official:obrien,country:cote-divoire,represents";

    fn files(dir: &Path) -> (PathBuf, PathBuf) {
        let (n, e) = (dir.join("nodes.csv"), dir.join("edges.csv"));
        std::fs::write(&n, NODES).unwrap();
        std::fs::write(&e, EDGES).unwrap();
        (n, e)
    }

    #[test]
    fn the_fast_path_writes_what_a_merge_would_and_the_index_agrees() {
        let dir = tempfile::tempdir().unwrap();
        let (nodes, edges) = files(dir.path());
        let store_path = dir.path().join("graph.ron");
        let summary = import(&store_path, &nodes, &edges, None, SnapshotPolicy::Always).unwrap();
        // The two `meets` rows are one symmetric edge, the repeated row one edge with two rows.
        assert_eq!(
            (summary.entities, summary.relations, summary.evidence),
            (7, 6, 8)
        );
        let loaded = store::load(&store_path).unwrap().unwrap();

        // The same CSV merged into an empty graph gives the same store text.
        let csv = read(
            &nodes,
            &edges,
            &ReadOptions {
                spans: true,
                digest: true,
                known: None,
            },
        )
        .unwrap();
        let mut merged = Store {
            extractor: store::extractor_fingerprint(),
            ..Store::default()
        };
        let record = import_record(&csv.digest, &nodes, &edges);
        merge(
            &mut merged.graph,
            &csv,
            record.clone(),
            &mut ImportSummary::default(),
        );
        assert_eq!(store::to_string(&loaded), store::to_string(&merged));
        // Strings are escaped as `store::save` escapes them, even all-ASCII ones.
        let text = std::fs::read_to_string(&store_path).unwrap();
        let saved = store::to_string(&merged);
        for name in ["Sean O'Brien", "Côte d'Ivoire", "Japan, \"Nippon\""] {
            let literal = format!("name: {}", ron::to_string(name).unwrap());
            assert!(
                text.contains(&literal) && saved.contains(&literal),
                "{literal}"
            );
        }
        let meets = loaded
            .graph
            .edges()
            .find(|(_, e, _)| e.relation == crate::model::RelationKind::Meets)
            .unwrap();
        assert_eq!(meets.0.id, "official:nakatani");
        assert_eq!(meets.1.evidence.len(), 2);
        // Spans point at the rows in edges.csv, without their line ends.
        let ev = &meets.1.evidence[0];
        assert_eq!(
            &EDGES[ev.start..ev.end],
            "official:rajnath-singh,official:nakatani,meets"
        );
        assert_eq!(
            ev.sentence,
            "official:nakatani,official:rajnath-singh,meets"
        );

        // The index from the CSV, from the store and from the snapshot are one.
        let from_csv = index_of(&csv, &record);
        assert_eq!(GraphIndex::from_graph(&loaded.graph), from_csv);
        match snapshot::load(&store_path) {
            snapshot::Loaded::Fresh(index) => assert_eq!(*index, from_csv),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            from_csv.name(from_csv.lookup("country:japan").unwrap()),
            "Japan, \"Nippon\""
        );

        // Again: nothing changes.
        let before = std::fs::read(&store_path).unwrap();
        let again = import(
            &store_path,
            &nodes,
            &edges,
            Some(loaded),
            SnapshotPolicy::Auto,
        )
        .unwrap();
        assert!(again.already);
        assert_eq!(std::fs::read(&store_path).unwrap(), before);
    }
}
