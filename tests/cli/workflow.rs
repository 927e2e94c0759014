//! ingest → query → show → timeline → stats → export in one store, and re-ingest as a no-op.

use crate::util::{json_of, seed, ssgp_2014, stdout_of, Workspace};
use predicates::prelude::*;

#[test]
fn ingest_then_query_show_timeline_stats_and_export() {
    let ws = Workspace::new();
    ws.copy(&seed(), "articles/seed.txt");
    ws.copy(&ssgp_2014(), "articles/nested/ssgp.md");
    ws.write("articles/notes.json", "{}"); // not an article: skipped

    let out = stdout_of(ws.kg().arg("ingest").arg(ws.path("articles")));
    assert!(
        out.starts_with("ingested 2 articles (0 already known): +"),
        "{out}"
    );
    assert!(
        out.contains(" entities, +") && out.contains(" evidence"),
        "{out}"
    );
    let store = String::from_utf8(ws.store_bytes()).unwrap();
    assert!(
        store.contains("default_corpus: false"),
        "user data is marked"
    );
    assert!(store.contains("extractor: \""), "the extractor is recorded");

    let text = stdout_of(ws.kg().args(["query", "India", "Japan"]));
    assert!(text.starts_with("India ⇄ Japan: "), "{text}");
    assert!(
        text.contains("Special Strategic and Global Partnership"),
        "{text}"
    );
    assert!(
        text.contains("source: "),
        "every hop shows its sentence: {text}"
    );

    let json = json_of(
        ws.kg()
            .args(["query", "India", "Japan", "--format", "json"]),
    );
    assert_eq!(json["from_entity"]["id"], "country:india");
    assert_eq!(json["to_entity"]["id"], "country:japan");
    let paths = json["paths"].as_array().unwrap();
    assert!(!paths.is_empty() && paths.len() <= 10);
    for path in paths {
        let steps = path["steps"].as_array().unwrap();
        assert!(steps.len() <= 4);
        assert!(steps
            .iter()
            .all(|s| !s["sentence"].as_str().unwrap().is_empty()));
    }
    let limited = json_of(ws.kg().args([
        "query",
        "India",
        "Japan",
        "--limit",
        "1",
        "--max-hops",
        "2",
        "--format",
        "json",
    ]));
    assert_eq!(limited["paths"].as_array().unwrap().len(), 1);

    let show = json_of(ws.kg().args(["show", "Rajnath Singh", "--format", "json"]));
    assert_eq!(show["entity"]["id"], "official:rajnath-singh");
    assert!(stdout_of(ws.kg().args(["show", "country:japan"])).starts_with("Japan — country"));

    let timeline = stdout_of(ws.kg().args(["timeline", "India", "Japan"]));
    assert!(
        timeline.starts_with("Timeline: India ⇄ Japan"),
        "{timeline}"
    );
    assert!(timeline.contains("2014"), "{timeline}");
    let timeline = json_of(ws.kg().args(["timeline", "Japan", "--format", "json"]));
    assert_eq!(timeline["entities"][0]["id"], "country:japan");
    assert!(!timeline["milestones"].as_array().unwrap().is_empty());

    let stats = json_of(ws.kg().args(["stats", "--format", "json"]));
    assert_eq!(stats["article_count"], 2);
    assert!(stats["relation_count"].as_u64().unwrap() > 10);
    assert!(stdout_of(ws.kg().arg("stats")).contains("entities by kind:"));

    ws.kg()
        .args([
            "export", "--focus", "India", "Japan", "--format", "dot", "-o",
        ])
        .arg(ws.path("out/ij.dot"))
        .assert()
        .success()
        .stdout(predicate::str::contains("ij.dot"));
    let dot = std::fs::read_to_string(ws.path("out/ij.dot")).unwrap();
    assert!(dot.contains("digraph") && dot.contains("India"), "{dot}");

    let before = ws.store_bytes();
    ws.kg().args(["stats"]).assert().success().stderr("");
    assert_eq!(
        ws.store_bytes(),
        before,
        "reading never rewrites a user store"
    );
}

#[test]
fn reingesting_the_same_text_changes_nothing() {
    let ws = Workspace::with_store();
    let before = ws.store_bytes();
    let out = stdout_of(ws.kg().arg("ingest").arg(ws.path("articles")));
    assert!(
        out.starts_with("ingested 2 articles (2 already known): nothing new"),
        "{out}"
    );
    assert!(out.contains("left as it was"), "{out}");
    assert_eq!(ws.store_bytes(), before, "store bytes identical");

    // The same text under another name, twice in one batch, is still known.
    let copy = ws.copy(&seed(), "elsewhere/copy.txt");
    let out = stdout_of(ws.kg().arg("ingest").arg(&copy).arg(&copy));
    assert!(
        out.starts_with("ingested 2 articles (2 already known)"),
        "{out}"
    );
    assert_eq!(ws.store_bytes(), before);
}

#[test]
fn ingest_adds_to_an_existing_store_and_reports_only_what_is_new() {
    let ws = Workspace::new();
    ws.copy(&seed(), "a/seed.txt");
    ws.copy(&ssgp_2014(), "b/ssgp.txt");
    ws.kg().arg("ingest").arg(ws.path("a")).assert().success();
    let out = stdout_of(ws.kg().arg("ingest").arg(ws.path("a")).arg(ws.path("b")));
    assert!(
        out.starts_with("ingested 2 articles (1 already known): +"),
        "{out}"
    );
    let stats = json_of(ws.kg().args(["stats", "--format", "json"]));
    assert_eq!(stats["article_count"], 2);
}

#[test]
fn ingest_warns_about_an_undated_article_and_takes_date() {
    let ws = Workspace::new();
    let text = "India and Japan held talks.\n\nDefence Minister Rajnath Singh met \
                Japanese Defence Minister Gen Nakatani in New Delhi on Monday.\n";
    let undated = ws.write("undated.txt", text);
    ws.kg()
        .arg("ingest")
        .arg(&undated)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("undated.txt: no date")
                .and(predicate::str::contains("--date")),
        );

    let ws = Workspace::new();
    let undated = ws.write("undated.txt", text);
    ws.kg()
        .args(["ingest", "--date", "2025-05-04"])
        .arg(&undated)
        .assert()
        .success()
        .stderr("");
    let store = String::from_utf8(ws.store_bytes()).unwrap();
    assert!(store.contains("date: Some(\"2025-05-04\")"), "{store}");
}
