//! `kg eval`: scoring against gold files with score.py's matching and numbers.

use crate::util::Workspace;
use predicates::prelude::*;

const ARTICLE: &str = " date 2024-03-01 Brazilian President Luiz Silva met his Argentine counterpart Javier Milei in Buenos Aires on Friday.\n";

fn gold(extra_official: bool) -> String {
    let mut entities = vec![
        r#"{"id": "country:brazil", "kind": "country", "name": "Brazil", "aliases": ["Brazilian"]}"#.to_string(),
        r#"{"id": "country:argentina", "kind": "country", "name": "Argentina", "aliases": ["Argentine"]}"#.to_string(),
        r#"{"id": "official:luiz-silva", "kind": "official", "name": "Luiz Silva", "aliases": []}"#.to_string(),
        r#"{"id": "official:javier-milei", "kind": "official", "name": "Javier Milei", "aliases": ["Milei"]}"#.to_string(),
    ];
    if extra_official {
        entities.push(
            r#"{"id": "official:nobody", "kind": "official", "name": "No Body", "aliases": []}"#
                .to_string(),
        );
    }
    format!(
        r#"{{"article": {{"path": "a.txt", "date": "2024-03-01"}}, "entities": [{}],
           "relations": [{{"source": "official:javier-milei", "relation": "meets", "target": "official:luiz-silva"}},
                         {{"source": "official:luiz-silva", "relation": "represents", "target": "country:brazil"}}]}}"#,
        entities.join(",")
    )
}

#[test]
fn eval_prints_score_py_table_with_misses() {
    let ws = Workspace::new();
    ws.write("articles/a.txt", ARTICLE);
    ws.write("gold/a.json", gold(true));
    ws.kg()
        .args(["eval", "gold", "articles"])
        .assert()
        .success()
        .stdout(predicate::str::contains("== a.json"))
        .stdout(predicate::str::contains("missed: official:No Body"))
        .stdout(predicate::str::contains("ENTITIES"))
        // Both gold relations found: symmetric `meets` matches either way round.
        .stdout(predicate::str::contains("RELATIONS").and(predicate::str::contains("2/")));
}

#[test]
fn eval_json_counts_add_up() {
    let ws = Workspace::new();
    ws.write("articles/a.txt", ARTICLE);
    ws.write("gold/a.json", gold(false));
    let out = ws
        .kg()
        .args(["eval", "gold", "articles", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["entity_scores"]["fn_"], 0, "{report}");
    assert_eq!(report["relation_scores"]["tp"], 2, "{report}");
}

#[test]
fn eval_without_gold_files_is_an_error() {
    let ws = Workspace::new();
    ws.write("articles/a.txt", ARTICLE);
    std::fs::create_dir_all(ws.path("gold")).unwrap();
    ws.kg()
        .args(["eval", "gold", "articles"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no gold files"));
}

/// `kg eval GOLD ARTICLES...` in `ws`: entity and relation F1, as score.py
/// computes them.
fn eval_f1(ws: &Workspace, dirs: &[std::path::PathBuf]) -> (f64, f64) {
    let out = ws
        .kg()
        .arg("eval")
        .args(dirs)
        .args(["--format", "json"])
        .output()
        .expect("kg eval runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let f1 = |c: &serde_json::Value| {
        let n = |k: &str| c[k].as_f64().unwrap_or(0.0);
        2.0 * n("tp") / (2.0 * n("tp") + n("fp") + n("fn_")).max(1.0)
    };
    (f1(&v["entity_scores"]), f1(&v["relation_scores"]))
}

/// Our own articles with gold (tests/fixtures/eval/SET/{articles,gold}) keep the scores
/// they reached: a rule change that costs much on any set fails here.
#[test]
fn own_evaluation_sets_keep_their_scores() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval");
    let mut sets: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/eval")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("gold").is_dir())
        .collect();
    sets.sort();
    assert!(!sets.is_empty());
    for set in sets {
        let ws = Workspace::new();
        let (entities, relations) = eval_f1(&ws, &[set.join("gold"), set.join("articles")]);
        // A little under what each set scores now (q7b's statements are the hardest).
        let name = set.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (entity_floor, relation_floor) = match name {
            "q7a" => (0.95, 0.86),
            "q7b" => (0.93, 0.72),
            "q7c" => (0.96, 0.91),
            _ => (0.85, 0.55),
        };
        assert!(
            entities >= entity_floor,
            "{}: entity F1 {entities:.3}",
            set.display()
        );
        assert!(
            relations >= relation_floor,
            "{}: relation F1 {relations:.3}",
            set.display()
        );
    }
}

/// The shared gold (../shared/gold: the seed, the 16 articles of its pairs and
/// the 48 real news articles from every region) keeps the scores it reached,
/// as a whole and for the real-news articles (D*) apart: a rule that costs
/// much on real copy fails here. Skipped, visibly, where the shared material
/// is not beside the repository.
#[test]
fn shared_gold_keeps_its_scores() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    if !shared.join("gold").is_dir() || !shared.join("corpus").is_dir() {
        eprintln!("SKIPPED: shared_gold_keeps_its_scores: no ../shared/gold beside the repository");
        return;
    }
    let ws = Workspace::new();
    // The real-news gold alone, linked into a folder of its own.
    let real_news = ws.path("gold-d");
    std::fs::create_dir(&real_news).expect("folder");
    for entry in std::fs::read_dir(shared.join("gold"))
        .expect("gold")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('D') && name.ends_with(".json") {
            std::os::unix::fs::symlink(entry.path(), real_news.join(&name)).expect("link");
        }
    }
    // A little under what each scores now.
    for (gold, entity_floor, relation_floor) in
        [(shared.join("gold"), 0.96, 0.89), (real_news, 0.95, 0.87)]
    {
        let (entities, relations) = eval_f1(
            &ws,
            &[gold.clone(), shared.join("corpus"), shared.join("seeds")],
        );
        let name = gold.display();
        assert!(entities >= entity_floor, "{name}: entity F1 {entities:.3}");
        assert!(
            relations >= relation_floor,
            "{name}: relation F1 {relations:.3}"
        );
    }
}
