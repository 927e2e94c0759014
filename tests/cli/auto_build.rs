//! Commands that read the store build it from the shipped corpus when it is
//! missing, and rebuild a corpus-only store when the extractor or the articles
//! changed; a store with the user's own articles is never rebuilt.

use crate::util::{json_of, seed, shipped, ssgp_2014, Workspace};
use predicates::prelude::*;

fn shipped_count() -> usize {
    std::fs::read_dir(shipped())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.ends_with(".txt") || name.ends_with(".md")
        })
        .count()
}

/// Replaces the recorded extractor, as if an older kg had written the store.
fn age_extractor(store: &std::path::Path) {
    let text = std::fs::read_to_string(store).unwrap();
    let start = text.find("extractor: \"").expect("extractor recorded");
    let end = start + text[start..].find("\",").unwrap();
    let aged = format!("{}extractor: \"0.0.0-old{}", &text[..start], &text[end..]);
    std::fs::write(store, aged).unwrap();
}

#[test]
fn a_missing_store_is_built_from_the_shipped_corpus_with_one_line() {
    let ws = Workspace::new();
    let n = shipped_count();
    let out = ws
        .kg()
        .args(["stats", "--format", "json"])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("kg: no store at "), "{stderr}");
    assert!(
        stderr.contains(&format!("building it from the {n} articles in ")),
        "{stderr}"
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(stats["article_count"], n);
    let store = String::from_utf8(ws.store_bytes()).unwrap();
    assert!(store.contains("default_corpus: true"));
    assert!(store.contains("path: \"data/articles/"), "paths are stable");

    let before = ws.store_bytes();
    ws.kg().arg("stats").assert().success().stderr("");
    assert_eq!(
        ws.store_bytes(),
        before,
        "an up-to-date store is left alone"
    );
}

#[test]
fn the_default_store_and_corpus_are_found_under_the_current_folder() {
    let ws = Workspace::new();
    ws.copy(&seed(), "data/articles/seed.txt");
    ws.kg_bare()
        .args(["query", "India", "Japan"])
        .assert()
        .success()
        .stdout(predicate::str::contains("India ⇄ Japan"))
        .stderr(predicate::eq(
            "kg: no store at data/graph.ron; building it from the 1 article in data/articles/ …\n",
        ));
    assert!(ws.path("data/graph.ron").is_file());

    // A new shipped article: the corpus-only store is rebuilt, with one line.
    ws.copy(&ssgp_2014(), "data/articles/ssgp.txt");
    ws.kg_bare()
        .arg("stats")
        .assert()
        .success()
        .stderr(predicate::eq(
            "kg: data/graph.ron holds other articles than the shipped ones; \
             rebuilding it from the 2 articles in data/articles/ …\n",
        ));
    let stats = json_of(ws.kg_bare().args(["stats", "--format", "json"]));
    assert_eq!(stats["article_count"], 2);
}

#[test]
fn kg_store_names_the_store_too() {
    let ws = Workspace::new();
    ws.kg_bare()
        .env("KG_STORE", ws.path("env.ron"))
        .arg("stats")
        .assert()
        .success();
    assert!(ws.path("env.ron").is_file());
}

#[test]
fn a_corpus_store_from_another_extractor_is_rebuilt() {
    let ws = Workspace::new();
    ws.kg().arg("stats").assert().success();
    let fresh = ws.store_bytes();
    age_extractor(&ws.store());
    ws.kg().arg("stats").assert().success().stderr(
        predicate::str::contains("was built by extractor 0.0.0-old, this is ")
            .and(predicate::str::contains("; rebuilding it from the ")),
    );
    assert_eq!(ws.store_bytes(), fresh, "rebuilt exactly as new");
}

#[test]
fn a_store_with_the_users_articles_is_never_rebuilt() {
    let ws = Workspace::with_store();
    age_extractor(&ws.store());
    let aged = ws.store_bytes();
    ws.kg().arg("stats").assert().success().stderr("");
    assert_eq!(ws.store_bytes(), aged);
}

#[test]
fn ingesting_into_the_corpus_store_keeps_the_corpus_and_marks_it_user_data() {
    let ws = Workspace::new();
    ws.kg().arg("stats").assert().success();
    let own = ws.write(
        "own.txt",
        "date 2025-06-01 Tokyo: Japan and India held maritime talks on Monday.\n",
    );
    ws.kg().arg("ingest").arg(&own).assert().success();
    let store = String::from_utf8(ws.store_bytes()).unwrap();
    assert!(store.contains("default_corpus: false"));
    let stats = json_of(ws.kg().args(["stats", "--format", "json"]));
    assert_eq!(stats["article_count"], shipped_count() + 1);
}
