//! `kg reindex`: re-extracts every stored article from its stored text with
//! this build's extractor, under the store's lock, and prints what changed.

use super::ingest;
use anyhow::Result;
use kg::article::Article;
use kg::error::StoreError;
use kg::graph::{GraphDiff, KnowledgeGraph, RelationKey};
use kg::scale::import_store;
use kg::store::{self, Store};
use std::fmt::Write as _;
use std::path::Path;

/// The most added, removed or changed entities and relations listed one by one.
const MAX_LISTED: usize = 40;

/// `kg reindex` of the store at `store_path`.
pub fn run(store_path: &Path) -> Result<()> {
    let missing = || StoreError::Missing {
        path: store_path.to_path_buf(),
    };
    // Read once, under the lock: a large store takes long to parse.
    if !store_path.exists() {
        return Err(missing().into());
    }
    let _lock = ingest::lock(store_path)?;
    let old = store::load(store_path)?.ok_or_else(missing)?;
    let current = store::extractor_fingerprint();
    let mut records: Vec<_> = old.graph.articles().collect();
    // The order `kg ingest FOLDER` merges in: by path.
    records.sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
    // Imports from CSV have no text to re-extract: their facts are carried over.
    records.retain(|r| !import_store::is_import(&old.graph, &r.id));
    let outdated = records
        .iter()
        .filter(|r| {
            old.graph
                .provenance(&r.id)
                .is_none_or(|p| p.extractor != current)
        })
        .count();
    let articles: Vec<Article> = records
        .iter()
        .map(|r| Article {
            id: r.id.clone(),
            path: r.path.clone(),
            title: r.title.clone(),
            date: r.date.as_deref().and_then(|d| d.parse().ok()),
            text: r.text.clone(),
        })
        .collect();
    let count = articles.len();
    let mut new = Store {
        graph: KnowledgeGraph::new(),
        default_corpus: old.default_corpus,
        extractor: current.clone(),
    };
    ingest::merge_all(&mut new.graph, articles)?;
    import_store::carry_imports(&old.graph, &mut new.graph);
    let head = format!(
        "reindexed {count} article{} with extractor {current}",
        if count == 1 { "" } else { "s" }
    );
    if store::same_content(&new, &old) {
        println!(
            "{head}: nothing changed; {} left as it was",
            store_path.display()
        );
        return Ok(());
    }
    let snapshot = super::save_with_snapshot(store_path, &new)?;
    let diff = GraphDiff::between(&old.graph, &new.graph);
    println!(
        "{head} ({outdated} made by another or an unrecorded one): {}; saved {}{}",
        counts(&diff),
        store_path.display(),
        super::and_snapshot(snapshot)
    );
    print!("{}", details(&diff, &new.graph, &old.graph));
    Ok(())
}

fn counts(diff: &GraphDiff) -> String {
    if diff.is_empty() {
        return "the same facts (provenance and order updated)".to_string();
    }
    format!(
        "entities +{} -{} ~{}, relations +{} -{}, evidence +{} -{}",
        diff.added_entities.len(),
        diff.removed_entities.len(),
        diff.changed_entities.len(),
        diff.added_relations.len(),
        diff.removed_relations.len(),
        diff.added_evidence,
        diff.removed_evidence
    )
}

/// One line per entity or relation added (`+`), removed (`-`) or changed
/// (`~`), at most [`MAX_LISTED`].
fn details(diff: &GraphDiff, new: &KnowledgeGraph, old: &KnowledgeGraph) -> String {
    let name = |id: &str| {
        new.entity(id)
            .or_else(|| old.entity(id))
            .map_or_else(|| id.to_string(), |e| e.name.clone())
    };
    let relation = |(s, r, t): &RelationKey| format!("{} —{r}→ {}", name(s), name(t));
    let lines: Vec<String> = diff
        .added_entities
        .iter()
        .map(|id| format!("  + {id} ({})", name(id)))
        .chain(
            diff.removed_entities
                .iter()
                .map(|id| format!("  - {id} ({})", name(id))),
        )
        .chain(
            diff.changed_entities
                .iter()
                .map(|id| format!("  ~ {id} ({})", name(id))),
        )
        .chain(
            diff.added_relations
                .iter()
                .map(|k| format!("  + {}", relation(k))),
        )
        .chain(
            diff.removed_relations
                .iter()
                .map(|k| format!("  - {}", relation(k))),
        )
        .collect();
    let mut out = String::new();
    for line in lines.iter().take(MAX_LISTED) {
        let _ = writeln!(out, "{line}");
    }
    if lines.len() > MAX_LISTED {
        let _ = writeln!(out, "  … and {} more", lines.len() - MAX_LISTED);
    }
    out
}
