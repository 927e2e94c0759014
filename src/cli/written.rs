//! What the writing commands (`ingest`, `forget`, `reindex`, `import`,
//! `merge`, `reject`, `unalias`) print with `--format json`: one shape for
//! all, counts of what the store gained and lost, so a script reads every
//! writer alike.
//!
//! ```json
//! {"command": "ingest", "store": "data/graph.ron", "saved": true, "snapshot": null,
//!  "article_count": 5, "known_count": 0,
//!  "added": {"entity_count": 67, "relation_count": 169, "evidence_count": 177},
//!  "removed": {"entity_count": 0, "relation_count": 0, "evidence_count": 0}}
//! ```

use serde::Serialize;
use std::path::{Path, PathBuf};

/// Entities, relations and evidence sentences.
#[derive(Debug, Default, Serialize)]
pub struct Counts {
    #[serde(rename = "entity_count")]
    pub entities: usize,
    #[serde(rename = "relation_count")]
    pub relations: usize,
    #[serde(rename = "evidence_count")]
    pub evidence: usize,
}

/// One writing command's outcome.
#[derive(Debug, Default, Serialize)]
pub struct Written {
    pub command: &'static str,
    pub store: String,
    /// Whether the store was written; `false`: nothing new, left as it was.
    pub saved: bool,
    /// The snapshot written beside the store, if one was.
    pub snapshot: Option<String>,
    /// Articles the command took: given to ingest (known ones too),
    /// forgotten, re-extracted; the sources an import added.
    #[serde(rename = "article_count")]
    pub articles: usize,
    pub added: Counts,
    pub removed: Counts,
    /// `ingest`: articles the store already held.
    #[serde(rename = "known_count", skip_serializing_if = "Option::is_none")]
    pub known: Option<usize>,
    /// `reindex`: entities whose name, aliases or attributes changed.
    #[serde(
        rename = "changed_entity_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub changed_entities: Option<usize>,
    /// `import`: the rows read.
    #[serde(rename = "row_count", skip_serializing_if = "Option::is_none")]
    pub rows: Option<usize>,
    /// `forget`: each article forgotten, its id and the path it came from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forgotten: Vec<ArticleId>,
    /// `merge`, `reject`, `unalias`: the decision, its entities by id and name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<kg::curate::Decision>,
    /// `merge`, `reject`, `unalias`: the curation record beside the store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// An article by id and path.
#[derive(Debug, Serialize)]
pub struct ArticleId {
    pub id: String,
    pub path: String,
}

impl Written {
    /// The outcome of `command` on the store at `store`.
    pub fn new(command: &'static str, store: &Path) -> Written {
        Written {
            command,
            store: store.display().to_string(),
            ..Written::default()
        }
    }

    /// Saved, with the snapshot written beside the store if one was.
    pub fn saved(mut self, snapshot: Option<PathBuf>) -> Written {
        self.saved = true;
        self.snapshot = snapshot.map(|p| p.display().to_string());
        self
    }

    /// What `diff` added, removed and changed, as counts.
    pub fn with_diff(mut self, diff: &kg::graph::GraphDiff) -> Written {
        self.added = Counts {
            entities: diff.added_entities.len(),
            relations: diff.added_relations.len(),
            evidence: diff.added_evidence,
        };
        self.removed = Counts {
            entities: diff.removed_entities.len(),
            relations: diff.removed_relations.len(),
            evidence: diff.removed_evidence,
        };
        self.changed_entities = Some(diff.changed_entities.len());
        self
    }
}
