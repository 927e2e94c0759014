//! Schema versions: a version-1 store (checked in under tests/fixtures,
//! written by kg before per-article provenance) is read and migrated, left
//! as it is by readers, and upgraded by the next write.

use crate::util::{json_of, seed, Workspace};
use kg::error::StoreError;
use kg::store;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.ron")
}

#[test]
fn a_version_1_store_is_read_and_migrated() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    assert!(text.contains("version: 1,"), "the fixture is version 1");
    let loaded = store::from_str(&fixture(), &text).expect("version 1 loads");
    let graph = &loaded.graph;
    assert_eq!(graph.articles().count(), 2);
    assert_eq!((graph.node_count(), graph.edge_count()), (25, 37));
    assert!(!loaded.default_corpus);
    for a in graph.articles() {
        let p = graph.provenance(&a.id).expect("provenance migrated");
        assert_eq!(p.extractor, "", "version 1 did not record who extracted it");
        assert!(!p.entities.is_empty(), "entities taken from its relations");
        for id in &p.entities {
            assert!(graph.entity(id).is_some(), "{id}");
        }
    }
    let written = store::to_string(&loaded);
    assert!(
        written.starts_with("(\n  version: 2,"),
        "{}",
        &written[..40]
    );
    let again = store::from_str(Path::new("v2.ron"), &written).unwrap();
    assert_eq!(
        store::to_string(&again),
        written,
        "the migrated store round-trips"
    );
}

#[test]
fn readers_leave_a_version_1_store_alone_and_writers_upgrade_it() {
    let ws = Workspace::new();
    ws.copy(&fixture(), "store.ron");
    let original = ws.store_bytes();
    let stats = json_of(ws.kg().args(["stats", "--format", "json"]));
    assert_eq!(stats["article_count"], 2);
    ws.kg()
        .args(["query", "Japan", "Australia"])
        .assert()
        .success();
    assert_eq!(ws.store_bytes(), original, "reading does not rewrite");

    let file = ws.copy(&seed(), "seed.txt");
    ws.kg().arg("ingest").arg(file).assert().success();
    let upgraded = kg::store::load(&ws.store()).unwrap().unwrap();
    let text = String::from_utf8(ws.store_bytes()).unwrap();
    assert!(text.contains("version: 2,"));
    assert_eq!(upgraded.graph.articles().count(), 3);
    let current = kg::store::extractor_fingerprint();
    let recorded: Vec<&str> = upgraded
        .graph
        .articles()
        .map(|a| upgraded.graph.provenance(&a.id).unwrap().extractor.as_str())
        .collect();
    assert_eq!(
        recorded.iter().filter(|e| e.is_empty()).count(),
        2,
        "{recorded:?}"
    );
    assert_eq!(
        recorded.iter().filter(|e| **e == current).count(),
        1,
        "{recorded:?}"
    );

    // Reindexing records the current extractor for every article.
    let out = crate::util::stdout_of(ws.kg().arg("reindex"));
    assert!(
        out.contains("(2 made by another or an unrecorded one)"),
        "{out}"
    );
    let reindexed = kg::store::load(&ws.store()).unwrap().unwrap();
    for a in reindexed.graph.articles() {
        assert_eq!(
            reindexed.graph.provenance(&a.id).unwrap().extractor,
            current
        );
    }
}

#[test]
fn a_version_no_kg_wrote_is_refused() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    let zero = text.replacen("version: 1,", "version: 0,", 1);
    let err = store::from_str(Path::new("g.ron"), &zero).unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownVersion { found: 0, .. }),
        "{err}"
    );
    assert!(
        err.to_string().starts_with("g.ron: store schema version 0"),
        "{err}"
    );
}
