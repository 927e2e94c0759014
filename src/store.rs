//! The graph store: one RON file users can read and diff, written atomically
//! (temporary file in the same folder, synced, then renamed over the old one).

use crate::error::StoreError;
use crate::graph::{ArticleRecord, KnowledgeGraph};
use crate::model::{Attrs, Entity, Evidence, RelationKind};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Where the store lives unless `--store` or `KG_STORE` says otherwise.
pub const DEFAULT_STORE: &str = "data/graph.ron";

#[derive(Debug, Serialize, Deserialize)]
struct StoredRelation {
    source: String,
    relation: RelationKind,
    target: String,
    #[serde(default)]
    attrs: Attrs,
    evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoreFile {
    version: u32,
    /// True when the store was built from the shipped corpus and nothing else,
    /// so it may be rebuilt when that corpus changes.
    #[serde(default)]
    default_corpus: bool,
    /// Which extractor built the graph ([`extractor_fingerprint`]); empty in
    /// stores written before this field existed.
    #[serde(default)]
    extractor: String,
    articles: Vec<ArticleRecord>,
    entities: Vec<Entity>,
    relations: Vec<StoredRelation>,
}

#[derive(Debug, Deserialize)]
struct VersionProbe {
    version: u32,
}

/// A loaded store: the graph, whether it holds only the shipped corpus, and
/// which extractor built it.
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub graph: KnowledgeGraph,
    pub default_corpus: bool,
    /// The [`extractor_fingerprint`] of the build that last wrote the graph.
    pub extractor: String,
}

/// This build's extractor: the crate version, a hash of its gazetteer data
/// and a hash of the extraction code (`0.1.0+data.1a2b3c4d.code.5e6f7a8b`).
/// A store built from the shipped corpus by another extractor is rebuilt.
pub fn extractor_fingerprint() -> String {
    format!(
        "{}+data.{}.code.{}",
        env!("CARGO_PKG_VERSION"),
        crate::gazetteer::data_fingerprint(),
        env!("KG_EXTRACTOR_SOURCE_HASH")
    )
}

fn corrupt(path: &Path, err: ron::error::SpannedError) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
    }
}

/// Parses a store from its text; `path` only names it in errors.
pub fn from_str(path: &Path, text: &str) -> Result<Store, StoreError> {
    let probe: VersionProbe = ron::from_str(text).map_err(|e| corrupt(path, e))?;
    if probe.version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: probe.version,
            supported: SCHEMA_VERSION,
        });
    }
    let file: StoreFile = ron::from_str(text).map_err(|e| corrupt(path, e))?;
    let mut graph = KnowledgeGraph::new();
    for article in file.articles {
        graph.add_article(article);
    }
    for entity in file.entities {
        graph.upsert_entity(entity);
    }
    for rel in file.relations {
        for evidence in rel.evidence {
            graph
                .add_relation(
                    &rel.source,
                    rel.relation,
                    &rel.target,
                    rel.attrs.clone(),
                    evidence,
                )
                .ok_or_else(|| StoreError::Inconsistent {
                    path: path.to_path_buf(),
                    message: format!(
                        "relation {} {} {} names an entity the store does not hold",
                        rel.source, rel.relation, rel.target
                    ),
                })?;
        }
    }
    Ok(Store {
        graph,
        default_corpus: file.default_corpus,
        extractor: file.extractor,
    })
}

/// Loads the store at `path`; a missing file is `Ok(None)`.
pub fn load(path: &Path) -> Result<Option<Store>, StoreError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    from_str(path, &text).map(Some)
}

/// The store as RON text, entities and relations in a stable order so files diff cleanly.
pub fn to_string(store: &Store) -> String {
    let graph = &store.graph;
    let mut entities: Vec<Entity> = graph.entities().cloned().collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    let mut relations: Vec<StoredRelation> = graph
        .edges()
        .map(|(s, e, t)| StoredRelation {
            source: s.id.clone(),
            relation: e.relation,
            target: t.id.clone(),
            attrs: e.attrs.clone(),
            evidence: e.evidence.clone(),
        })
        .collect();
    relations.sort_by(|a, b| {
        (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target))
    });
    let file = StoreFile {
        version: SCHEMA_VERSION,
        default_corpus: store.default_corpus,
        extractor: store.extractor.clone(),
        articles: graph.articles().cloned().collect(),
        entities,
        relations,
    };
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .struct_names(false)
        .indentor("  ".to_string());
    ron::ser::to_string_pretty(&file, config).unwrap_or_else(|e| {
        // Serialising plain owned data cannot fail; keep a loud marker if it ever does.
        format!("// serialisation failed: {e}\n")
    })
}

/// Writes the store atomically: a reader or a crash sees the old file or the new one.
pub fn save(path: &Path, store: &Store) -> Result<(), StoreError> {
    let write_err = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir: PathBuf = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(write_err)?;
    let text = to_string(store);
    let mut tmp = tempfile::Builder::new()
        .prefix(".graph-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(write_err)?;
    tmp.write_all(text.as_bytes()).map_err(write_err)?;
    keep_permissions(path, tmp.as_file());
    tmp.as_file().sync_all().map_err(write_err)?;
    tmp.persist(path).map_err(|e| write_err(e.error))?;
    // The rename is durable only once the directory entry is synced.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Gives the temporary file the permissions of the store it replaces, or
/// `rw-r--r--` for a new one (temporary files start private).
pub(crate) fn keep_permissions(path: &Path, tmp: &std::fs::File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        let _ = tmp.set_permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (path, tmp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn sample() -> Store {
        let mut graph = KnowledgeGraph::new();
        graph.upsert_entity(Entity::new(EntityKind::Country, "india", "India"));
        graph.upsert_entity(Entity::new(
            EntityKind::Official,
            "rajnath-singh",
            "Rajnath Singh",
        ));
        graph.add_relation(
            "official:rajnath-singh",
            RelationKind::Represents,
            "country:india",
            Attrs::new(),
            Evidence {
                article: "abc".into(),
                sentence: "Defence Minister Rajnath Singh of India \"said\".".into(),
                start: 3,
                end: 40,
            },
        );
        Store {
            graph,
            default_corpus: false,
            extractor: extractor_fingerprint(),
        }
    }

    #[test]
    fn round_trips_through_ron() {
        let store = sample();
        let text = to_string(&store);
        let back = from_str(Path::new("t.ron"), &text).unwrap();
        assert_eq!(to_string(&back), text);
        assert_eq!(back.graph.edge_count(), 1);
    }

    #[test]
    fn corrupt_store_reports_line_and_column() {
        let text = to_string(&sample());
        let cut = &text[..text.len() / 2];
        let err = from_str(Path::new("g.ron"), cut).unwrap_err().to_string();
        assert!(err.contains("g.ron") && err.contains("line"), "{err}");
    }

    #[test]
    fn newer_schema_is_refused() {
        let text = to_string(&sample()).replacen("version: 1", "version: 99", 1);
        let err = from_str(Path::new("g.ron"), &text).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }));
    }

    #[test]
    fn save_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        save(&path, &sample()).unwrap();
        let loaded = load(&path).unwrap().unwrap();
        assert_eq!(loaded.graph.node_count(), 2);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
