//! `kg extract`: the JSON contract of MODEL.md, evidence offsets that slice
//! the article to the sentence, the text listing, and no store involved.

use crate::util::{json_of, seed, shipped, stdout_of, Workspace};
use serde_json::Value;

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn check_contract(path: &std::path::Path, json: &Value) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(keys(json), ["article", "entities", "relations"]);
    assert_eq!(keys(&json["article"]), ["date", "id", "path", "title"]);
    let entities = json["entities"].as_array().unwrap();
    assert!(!entities.is_empty(), "{}: no entities", path.display());
    let kinds = [
        "country",
        "official",
        "organization",
        "agreement",
        "milestone",
        "place",
    ];
    for e in entities {
        assert_eq!(keys(e), ["aliases", "attrs", "id", "kind", "name"]);
        let kind = e["kind"].as_str().unwrap();
        assert!(kinds.contains(&kind), "{kind}");
        assert!(e["id"].as_str().unwrap().starts_with(&format!("{kind}:")));
    }
    let ids: Vec<&str> = entities.iter().map(|e| e["id"].as_str().unwrap()).collect();
    for r in json["relations"].as_array().unwrap() {
        assert_eq!(
            keys(r),
            ["attrs", "evidence", "relation", "source", "target"]
        );
        assert!(ids.contains(&r["source"].as_str().unwrap()), "{r}");
        assert!(ids.contains(&r["target"].as_str().unwrap()), "{r}");
        let ev = &r["evidence"];
        assert_eq!(keys(ev), ["end", "sentence", "start"]);
        let (start, end) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.get(start..end),
            ev["sentence"].as_str(),
            "{}: evidence {start}..{end} does not slice the text to its sentence",
            path.display()
        );
    }
}

#[test]
fn every_shipped_article_meets_the_json_contract() {
    let ws = Workspace::new();
    let mut articles: Vec<_> = std::fs::read_dir(shipped())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    articles.sort();
    assert!(articles.len() >= 4);
    for path in articles {
        let json = json_of(ws.kg().arg("extract").arg(&path));
        check_contract(&path, &json);
        assert_eq!(json["article"]["path"], path.display().to_string());
        assert_eq!(json["article"]["id"].as_str().unwrap().len(), 16);
    }
    assert!(!ws.store().exists(), "extract never touches the store");
}

#[test]
fn the_seed_yields_its_officials_and_the_partnership() {
    let ws = Workspace::new();
    let json = json_of(
        ws.kg()
            .arg("extract")
            .arg(seed())
            .args(["--format", "json"]),
    );
    assert_eq!(json["article"]["date"], "2025-05-04");
    let ids: Vec<&str> = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for id in ["country:india", "country:japan", "official:rajnath-singh"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(
        ids.iter()
            .any(|id| id.starts_with("agreement:") && id.contains("special-strategic")),
        "{ids:?}"
    );
}

#[test]
fn text_format_lists_entities_by_kind_and_relations_with_sentences() {
    let ws = Workspace::new();
    let text = stdout_of(
        ws.kg()
            .arg("extract")
            .arg(seed())
            .args(["--format", "text"]),
    );
    let countries = text.find("\ncountries (").expect("countries listed");
    let officials = text.find("\nofficials (").expect("officials listed");
    assert!(countries < officials);
    assert!(text.contains("\nrelations ("), "{text}");
    assert!(text.contains("Rajnath Singh —represents→ India"), "{text}");
    assert!(!ws.store().exists());
}

#[test]
fn date_flag_dates_an_article_without_a_dateline() {
    let ws = Workspace::new();
    let path = ws.write(
        "undated.md",
        "India and Japan held defence talks.\n\nRajnath Singh met Gen Nakatani on Monday.\n",
    );
    let json = json_of(ws.kg().arg("extract").arg(&path));
    assert_eq!(json["article"]["date"], Value::Null);
    let json = json_of(
        ws.kg()
            .arg("extract")
            .arg(&path)
            .args(["--date", "2025-05-04"]),
    );
    assert_eq!(json["article"]["date"], "2025-05-04");
    check_contract(&path, &json);
}
