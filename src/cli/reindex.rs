//! `kg reindex`: re-extracts every stored article from its stored text with
//! this build's extractor ([`kg::ingest::reindex`]) and prints what changed.

use super::args::OutputFormat;
use super::progress::Stderr;
use super::written::Written;
use anyhow::Result;
use kg::graph::{GraphDiff, KnowledgeGraph, RelationKey};
use std::fmt::Write as _;
use std::path::Path;

/// The most added, removed or changed entities and relations listed one by one.
const MAX_LISTED: usize = 40;

/// `kg reindex` of the store at `store_path`.
pub fn run(store_path: &Path, format: OutputFormat) -> Result<()> {
    let done = kg::ingest::reindex(store_path, &Stderr::new())?;
    if format == OutputFormat::Json {
        return super::emit_json(&as_written(store_path, &done));
    }
    let count = done.articles;
    let head = format!(
        "reindexed {count} article{} with extractor {}",
        if count == 1 { "" } else { "s" },
        done.extractor
    );
    let Some(snapshot) = done.saved.clone() else {
        say!(
            "{head}: nothing changed; {} left as it was",
            store_path.display()
        );
        return Ok(());
    };
    let diff = done.diff();
    say!(
        "{head} ({} made by another or an unrecorded one): {}; saved {}{}",
        done.outdated,
        counts(&diff),
        store_path.display(),
        super::and_snapshot(snapshot)
    );
    super::emit(&details(&diff, &done.new, &done.old))?;
    Ok(())
}

/// What `kg reindex --format json` prints.
fn as_written(store_path: &Path, done: &kg::ingest::Reindexed) -> Written {
    let mut written = Written::new("reindex", store_path);
    if let Some(snapshot) = done.saved.clone() {
        written = written.saved(snapshot);
    }
    written.articles = done.articles;
    written.with_diff(&done.diff())
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
