//! The curation record beside a store, `data/graph.curation.ron` beside
//! `data/graph.ron`: the user's merges, rejected relations and removed
//! aliases ([`Curation`]), in RON for people to read and diff. The commands
//! that take them (`kg merge`, `kg reject`, `kg unalias`) are
//! [`crate::curate`].
//!
//! The record is written as the store is: under the store's lock, to a
//! temporary file synced and renamed over the old one, and before the store
//! it changes. Every graph the store gives goes through it last (a load, the
//! journal replayed, a rebuild of the shipped corpus, `kg reindex`, `kg
//! forget`, an ingest), and a snapshot names the record it was built with,
//! so a decision stays taken whatever is rebuilt, and a kg killed between
//! the two writes leaves a store that still reads as decided.

use crate::error::StoreError;
use crate::graph::{Curation, KnowledgeGraph};
use std::path::{Path, PathBuf};

/// The record of the store at `store`: the same name with `.curation.ron`.
pub fn path_for(store: &Path) -> PathBuf {
    store.with_extension("curation.ron")
}

/// The record of the store at `store`; empty when it has none.
pub fn read(store: &Path) -> Result<Curation, StoreError> {
    let path = path_for(store);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Curation::default()),
        Err(source) => return Err(StoreError::Read { path, source }),
    };
    ron::from_str(&text).map_err(|e| StoreError::CorruptCuration {
        path,
        line: e.span.start.line,
        column: e.span.start.col,
        message: e
            .code
            .to_string()
            .replace("struct `Curation`", "the record"),
    })
}

/// Takes the decisions recorded for the store at `store` on `graph`.
pub fn apply_recorded(store: &Path, graph: &mut KnowledgeGraph) -> Result<(), StoreError> {
    read(store)?.apply(graph);
    Ok(())
}

/// [`apply_recorded`], counting what the decisions took away: entities,
/// relations and evidence (an ingest's summary counts what it added net).
pub fn apply_counted(
    store: &Path,
    graph: &mut KnowledgeGraph,
) -> Result<(usize, usize, usize), StoreError> {
    let curation = read(store)?;
    if curation.is_empty() {
        return Ok((0, 0, 0));
    }
    let totals = |g: &KnowledgeGraph| {
        let evidence: usize = g.edges().map(|(_, e, _)| e.evidence.len()).sum();
        (g.node_count(), g.edge_count(), evidence)
    };
    let before = totals(graph);
    curation.apply(graph);
    let after = totals(graph);
    Ok((
        before.0.saturating_sub(after.0),
        before.1.saturating_sub(after.1),
        before.2.saturating_sub(after.2),
    ))
}

/// What names the record's content for the snapshot: its BLAKE3 hash, empty
/// when there is none.
pub fn digest(store: &Path) -> String {
    std::fs::read(path_for(store))
        .map(|bytes| blake3::hash(&bytes).to_hex().to_string())
        .unwrap_or_default()
}

/// Writes the record of the store at `store` atomically (only under the
/// store's lock): a reader or a crash sees the old record or the new one.
pub fn write(store: &Path, curation: &Curation) -> Result<PathBuf, StoreError> {
    let path = path_for(store);
    let write_err = |source| StoreError::Write {
        path: path.clone(),
        source,
    };
    let pretty = ron::ser::PrettyConfig::new().struct_names(false);
    let body = ron::ser::to_string_pretty(curation, pretty)
        .map_err(|e| write_err(std::io::Error::other(e)))?;
    let name = store
        .file_name()
        .map_or_else(|| "the store".into(), |n| n.to_string_lossy());
    let text = format!(
        "// What kg merge, kg reject and kg unalias decided for {name}; every\n\
         // load and rebuild of the store takes these decisions again.\n{body}\n"
    );
    super::replace_file(store, &path, text.as_bytes()).map_err(write_err)?;
    Ok(path)
}
