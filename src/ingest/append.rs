//! An ingest whose cost follows its batch, not the store: the new articles
//! merged into the part of the graph they can touch, cut out of the
//! snapshot's index ([`Cut::around`]), for the summary and the checks, and
//! appended to the journal; the RON is neither read nor written.
//!
//! The journal's batches are what the store holds (every reader replays
//! them on the whole graph, [`crate::store::journal`]); the cut only tells
//! the ingest what the batch adds and whether it could undo a fold. So a
//! fast ingest appends the batch an ingest reading the whole RON appends,
//! and the summaries agree (a test holds them to it).
//! Whenever the cut cannot answer (no snapshot the files extend, a store of
//! the shipped corpus, a batch that may unfold a fold, a journal due to be
//! folded), [`ingest`] returns `None` and the caller reads the whole store.
//! A store another build wrote takes the fast way too: each journal batch
//! names the extractor of its articles, as their provenance does.

use super::{record_of, Ingested, Summary};
use crate::article::Article;
use crate::error::{IngestError, StoreError};
use crate::model::Extraction;
use crate::store;
use crate::store::cut::Cut;
use crate::store::journal::{self, Appended, Batch};
use crate::store::snapshot::{self, Base};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The snapshot an ingest into the store at `store_path` can merge its
/// batch against, when there is one: a store of the user's, large enough to
/// take ingests through its journal, with a snapshot its RON, journal and
/// curation record extend.
pub fn base_of(store_path: &Path) -> Option<Base> {
    let (default_corpus, _) = store::head(store_path)?;
    if default_corpus {
        return None;
    }
    if !journal::takes_ingests(store_path) {
        return None;
    }
    // Without its sentences: a merge needs them only to tell an official's
    // two countries apart, and then asks for them (see `merged_into_cut`).
    snapshot::load_base(store_path, false)
}

/// The ids of the articles the store `base` is of holds (in the RON or the
/// journal).
pub fn held(base: &Base) -> HashSet<&str> {
    let stored = base.index.articles().iter().map(|a| a.id.as_str());
    let journaled = base
        .overlay
        .iter()
        .flat_map(|b| b.articles.iter().map(|(r, _)| r.id.as_str()));
    stored.chain(journaled).collect()
}

/// `kg ingest` of `articles` through the journal, under the store's lock,
/// with `base` read from the files as they still are: `extracted` holds the
/// extraction of every article `base` does not hold. `None` when the whole
/// store must be read instead (see the module docs); nothing is written then.
pub fn ingest(
    store_path: &Path,
    base: Base,
    articles: &[Article],
    extracted: &HashMap<String, Extraction>,
) -> Result<Option<Ingested>, IngestError> {
    let held = held(&base);
    let mut seen: HashSet<&str> = HashSet::new();
    let fresh: Vec<&Article> = articles
        .iter()
        .filter(|a| !held.contains(a.id.as_str()) && seen.insert(&a.id))
        .collect();
    let mut summary = Summary {
        articles: articles.len(),
        known: articles.len() - fresh.len(),
        ..Summary::default()
    };
    let undated = articles
        .iter()
        .filter(|a| a.date.is_none() && !held.contains(a.id.as_str()))
        .map(|a| a.path.clone())
        .collect();
    if fresh.is_empty() {
        return Ok(Some(Ingested {
            summary,
            undated,
            saved: None,
        }));
    }
    let batch = Batch {
        extractor: store::extractor_fingerprint(),
        articles: fresh
            .iter()
            .filter_map(|a| Some((record_of((*a).clone()), extracted.get(&a.id)?.clone())))
            .collect(),
    };
    let added = match merged_into_cut(store_path, &base, &batch)? {
        Merged::NeedsSentences => match snapshot::load_base(store_path, true) {
            Some(full) => merged_into_cut(store_path, &full, &batch)?,
            None => Merged::Unfolds,
        },
        merged => merged,
    };
    let Merged::Added(entities, relations, evidence) = added else {
        return Ok(None);
    };
    match journal::append(store_path, &batch, Some(&base.ron)).map_err(|source| {
        StoreError::Write {
            path: journal::path_for(store_path),
            source,
        }
    })? {
        Appended::Written => {}
        Appended::Fold => return Ok(None),
    }
    summary.entities = entities;
    summary.relations = relations;
    summary.evidence = evidence;
    Ok(Some(Ingested {
        summary,
        undated,
        saved: Some(None),
    }))
}

/// What merging a batch into the cut around it found.
enum Merged {
    /// What it adds to the store: entities, relations, evidence (net of the
    /// user's decisions).
    Added(usize, usize, usize),
    /// The batch may undo a fold: the store must be merged again whole.
    Unfolds,
    /// The base was read without its evidence sentences and the merge needs
    /// them (an official with two countries, or decisions of the user's to
    /// take, whose counts of evidence depend on them).
    NeedsSentences,
}

/// Merges `batch` into the cut around it of the store `base` is of, with
/// the journal's later batches and the user's decisions taken first.
fn merged_into_cut(store_path: &Path, base: &Base, batch: &Batch) -> Result<Merged, IngestError> {
    let curation = store::curation::read(store_path)?;
    if !base.sentences && !curation.is_empty() {
        return Ok(Merged::NeedsSentences);
    }
    let touched: Vec<&Extraction> = base
        .overlay
        .iter()
        .chain(std::iter::once(batch))
        .flat_map(|b| b.articles.iter().map(|(_, x)| x))
        .collect();
    let mut graph = Cut::around(&base.index, &touched, &curation.named_ids(), base.sentences).graph;
    if !base.sentences {
        graph.mark_without_sentences();
    }
    journal::replay(&mut graph, base.overlay.clone());
    curation.apply(&mut graph);
    let fresh: Vec<&Extraction> = batch.articles.iter().map(|(_, x)| x).collect();
    if graph.may_unfold(&fresh) {
        return Ok(Merged::Unfolds);
    }
    let articles = batch
        .articles
        .iter()
        .map(|(record, extraction)| (extraction.clone(), record.clone()));
    let merged = graph.merge_all_recorded(articles, &batch.extractor);
    if graph.wanted_sentences() {
        return Ok(Merged::NeedsSentences);
    }
    let (entities, relations, evidence) = store::curation::apply_counted(store_path, &mut graph)?;
    Ok(Merged::Added(
        merged.new_entities.saturating_sub(entities),
        merged.new_relations.saturating_sub(relations),
        merged.new_evidence.saturating_sub(evidence),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ingest, Silent};
    use crate::store::index::GraphIndex;
    use std::path::PathBuf;

    /// Every fact of an index in a canonical text: entities, edges (with
    /// their status, evidence, articles and stories) and articles, by id.
    fn dump(g: &GraphIndex) -> Vec<String> {
        let mut out: Vec<String> = (0..g.node_count() as u32)
            .map(|v| format!("{:?}", g.entity_record(v)))
            .collect();
        let story = |a: u32| g.articles()[g.article_story(a) as usize].id.clone();
        let mut edges: Vec<String> = (0..g.edge_count() as u32)
            .map(|e| {
                let edge = g.edge(e);
                let mut evidence: Vec<(Option<String>, String)> = g
                    .evidence(e)
                    .into_iter()
                    .map(|(a, s)| (a.map(|a| g.articles()[a as usize].id.clone()), s))
                    .collect();
                evidence.sort();
                format!(
                    "{} {:?} {} {:?} w{} {:?}",
                    g.id(edge.src),
                    edge.relation,
                    g.id(edge.dst),
                    g.edge_attrs_shown(e),
                    edge.articles,
                    evidence
                )
            })
            .collect();
        edges.sort();
        out.extend(edges);
        let mut articles: Vec<String> = (0..g.articles().len() as u32)
            .map(|a| format!("{:?} story {}", g.article_record(a), story(a)))
            .collect();
        articles.sort();
        out.extend(articles);
        out
    }

    /// Files in `dir`: `n` variants of the shipped articles (each with a
    /// numbered line, so each is new), enough for a store that takes
    /// ingests through its journal.
    fn variants(dir: &Path, n: usize) -> Vec<PathBuf> {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let sources = crate::article::collect(&[shipped]).expect("shipped articles");
        let texts: Vec<String> = sources
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("article"))
            .collect();
        (0..n)
            .map(|i| {
                let path = dir.join(format!("v{i:04}.txt"));
                let text = format!("{}\n\nBulletin {i}.\n", texts[i % texts.len()].trim_end());
                std::fs::write(&path, text).expect("variant written");
                path
            })
            .collect()
    }

    fn read(files: &[PathBuf]) -> Vec<Article> {
        crate::ingest::read_all(files, None).expect("articles read")
    }

    fn own_articles() -> Vec<PathBuf> {
        let eval = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval");
        let mut files = crate::article::collect(&[eval]).expect("own articles");
        files.sort();
        files
    }

    /// Ingests `batch` into both stores, the second read whole (its
    /// snapshot removed first); the summaries agree. Whether the first's
    /// RON was left as it was (the batch went through the journal).
    fn both(fast: &Path, whole: &Path, batch: &[PathBuf]) -> bool {
        let _ = std::fs::remove_file(snapshot::path_for(whole));
        assert!(base_of(fast).is_some(), "the fast store has its base");
        let ron = std::fs::read(fast).expect("ron");
        let a = ingest(fast, read(batch), &Silent).expect("fast ingest");
        let b = ingest(whole, read(batch), &Silent).expect("whole ingest");
        assert_eq!(a.summary, b.summary, "{batch:?}");
        assert_eq!(a.undated, b.undated);
        let journaled = |p: &Path| journal::batches(&journal::read_bytes(p));
        assert_eq!(journaled(fast), journaled(whole));
        std::fs::read(fast).expect("ron") == ron
    }

    /// The gate of the fast ingest: two stores alike, one ingesting through
    /// the snapshot (the RON neither read nor written), the other without a
    /// snapshot (read whole); batch after batch the summaries and the
    /// journal's batches agree, and a reader of the first (the snapshot
    /// with the journal laid over it, no RON) sees every fact the second
    /// (RON and journal) does, stories too.
    #[test]
    fn a_fast_ingest_and_its_reader_agree_with_a_whole_read() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (fast, whole) = (dir.path().join("fast"), dir.path().join("whole"));
        let arts = dir.path().join("arts");
        for d in [&fast, &whole, &arts] {
            std::fs::create_dir_all(d).expect("folder");
        }
        let (fast, whole) = (fast.join("graph.ron"), whole.join("graph.ron"));
        let files = variants(&arts, 412);
        let base = read(&files[..400]);
        ingest(&fast, base.clone(), &Silent).expect("base ingested");
        ingest(&whole, base, &Silent).expect("base ingested");
        assert!(
            journal::takes_ingests(&fast),
            "the base store is large enough"
        );
        // Copies of stored stories, their facts again: through the journal,
        // the second batch merged on the cut with the first laid over it.
        assert!(both(&fast, &whole, &files[400..404]));
        assert!(both(&fast, &whole, &files[404..408]));
        assert!(matches!(snapshot::load(&fast), snapshot::Loaded::Behind));
        let _ = std::fs::remove_file(snapshot::path_for(&whole));
        let pipeline = crate::ingest::Pipeline;
        let over = crate::store::open_index(&fast, &pipeline, &Silent).expect("overlaid");
        let read_whole = crate::store::open_index(&whole, &pipeline, &Silent).expect("whole");
        assert_eq!(dump(&over), dump(&read_whole));
        // The reader wrote the snapshot anew: the next one opens it as it is.
        assert!(matches!(snapshot::load(&fast), snapshot::Loaded::Fresh(_)));
        // Articles that may undo a fold go the whole way; the summaries agree
        // all the same.
        for batch in own_articles().chunks(5).chain([&files[408..]]) {
            both(&fast, &whole, batch);
        }
    }
}
