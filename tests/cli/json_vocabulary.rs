//! One JSON vocabulary: every command with `--format json` (and `kg extract`,
//! whose contract is fixed) is run on the shipped corpus, and each key it
//! prints has one type across all of them: the type the table of
//! `docs/MODEL.md` gives it. Counts are `*_count` numbers; `articles` is a
//! list of ids everywhere.

use crate::util::{json_of, seed, shipped, Workspace};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Objects keyed by data (kinds, relations, attribute names), not by the
/// vocabulary: their own keys are not looked into.
const DATA_MAPS: [&str; 4] = ["attrs", "by_kind", "by_relation", "per_kind"];

/// The type of a value as the table writes it; `None` for `null` and for an
/// empty list, which fit any type.
fn type_of(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(_) => "boolean".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        Value::Object(_) => "object".into(),
        Value::Array(items) => {
            let inner: BTreeSet<String> = items.iter().filter_map(type_of).collect();
            match inner.len() {
                0 => return None,
                1 => format!("list of {}", inner.first()?),
                _ => format!(
                    "list of {}",
                    inner.into_iter().collect::<Vec<_>>().join(" or ")
                ),
            }
        }
    })
}

/// Every key under `v`, with each type it has and where it was seen.
fn walk(v: &Value, command: &str, seen: &mut BTreeMap<String, BTreeMap<String, BTreeSet<String>>>) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                let types = seen.entry(key.clone()).or_default();
                if let Some(t) = type_of(value) {
                    types.entry(t).or_default().insert(command.to_string());
                }
                if !DATA_MAPS.contains(&key.as_str()) {
                    walk(value, command, seen);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| walk(x, command, seen)),
        _ => {}
    }
}

/// key → type, from the table under "## One JSON vocabulary" in docs/MODEL.md.
fn documented() -> BTreeMap<String, String> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/MODEL.md"))
        .expect("docs/MODEL.md");
    let section = doc
        .split("## One JSON vocabulary")
        .nth(1)
        .expect("the section");
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

/// The JSON of every command that prints it, by a name for the command.
fn every_command() -> Vec<(String, Value)> {
    let ws = Workspace::new();
    let mut out = Vec::new();
    let mut run = |name: &str, args: &[&str]| {
        let mut cmd = ws.kg();
        cmd.args(args);
        out.push((name.to_string(), json_of(&mut cmd)));
    };
    let corpus = shipped().display().to_string();
    run("ingest", &["ingest", &corpus, "--format", "json"]);
    run("query", &["query", "India", "Japan", "--format", "json"]);
    run("show", &["show", "Japan", "--format", "json"]);
    run(
        "timeline",
        &["timeline", "India", "Japan", "--format", "json"],
    );
    run("stats", &["stats", "--format", "json"]);
    run("articles", &["articles", "--format", "json"]);
    run("search", &["search", "japan", "--format", "json"]);
    run("paths", &["paths", "India", "Japan", "--format", "json"]);
    for mode in ["shortest", "all-shortest", "simple"] {
        run(
            &format!("paths --mode {mode}"),
            &[
                "paths", "India", "Japan", "--mode", mode, "--format", "json",
            ],
        );
    }
    let eval = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/q7c");
    let (gold, articles) = (eval.join("gold"), eval.join("articles"));
    run(
        "eval",
        &[
            "eval",
            &gold.display().to_string(),
            &articles.display().to_string(),
            "--format",
            "json",
        ],
    );
    run("extract", &["extract", &seed().display().to_string()]);
    run("reindex", &["reindex", "--format", "json"]);
    run(
        "merge",
        &[
            "merge",
            "milestone:2006-elevation-india-japan",
            "India meeting",
            "--format",
            "json",
        ],
    );
    run(
        "reject",
        &[
            "reject",
            "Yoshiro Mori",
            "counterpart_of",
            "Manmohan Singh",
            "--format",
            "json",
        ],
    );
    run(
        "unalias",
        &["unalias", "Japan", "India-Japan", "--format", "json"],
    );
    run(
        "forget",
        &["forget", &seed().display().to_string(), "--format", "json"],
    );
    ws.write(
        "nodes.csv",
        "id,kind,label\ncountry:x,country,X\nofficial:y,official,Y\n",
    );
    ws.write(
        "edges.csv",
        "source,target,relation\nofficial:y,country:x,represents\n",
    );
    let store = ws.path("imported.ron").display().to_string();
    let (nodes, edges) = (ws.path("nodes.csv"), ws.path("edges.csv"));
    let mut import = ws.kg_bare();
    import.args(["--store", &store, "import", "--format", "json", "--nodes"]);
    import.arg(nodes).arg("--edges").arg(edges);
    out.push(("import".into(), json_of(&mut import)));
    out
}

#[test]
fn every_key_has_one_type_across_commands_as_the_model_doc_says() {
    let mut seen = BTreeMap::new();
    for (command, json) in every_command() {
        walk(&json, &command, &mut seen);
    }
    let doc = documented();
    let mut wrong = Vec::new();
    for (key, types) in &seen {
        if types.len() > 1 {
            wrong.push(format!("{key} has several types: {types:?}"));
            continue;
        }
        // Seen only as null (or an empty list): any type fits.
        let Some((t, commands)) = types.iter().next() else {
            continue;
        };
        match doc.get(key) {
            None => wrong.push(format!(
                "{key} ({t}, in {commands:?}) is not in docs/MODEL.md"
            )),
            Some(d) if d != t => wrong.push(format!(
                "{key} is {t} in {commands:?}; docs/MODEL.md says {d}"
            )),
            Some(_) => {}
        }
        if key.ends_with("_count") && t != "number" {
            wrong.push(format!("{key} is a count but {t}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        seen["articles"].keys().collect::<Vec<_>>(),
        ["list of string"]
    );
    for key in [
        "article_count",
        "story_count",
        "entity_count",
        "relation_count",
    ] {
        assert!(seen.contains_key(key), "{key} printed somewhere");
    }
    // Nothing documented that no command prints.
    let unseen: Vec<&String> = doc.keys().filter(|k| !seen.contains_key(*k)).collect();
    assert!(
        unseen.is_empty(),
        "documented but never printed: {unseen:?}"
    );
}
