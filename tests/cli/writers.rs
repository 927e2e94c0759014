//! The CLI explains itself to scripts: the writing commands (`ingest`,
//! `forget`, `reindex`, `import`) print their counts as JSON in one shape
//! with `--format json`; articles come from stdin (`-`) and from HTML; `kg
//! articles` lists what the store holds.

use crate::util::{json_of, seed, shipped, Workspace};

/// The keys every writer's JSON has.
const SHAPE: [&str; 7] = [
    "command",
    "store",
    "saved",
    "snapshot",
    "article_count",
    "added",
    "removed",
];

fn has_the_shape(json: &serde_json::Value, command: &str) {
    for key in SHAPE {
        assert!(json.get(key).is_some(), "{command}: no {key} in {json}");
    }
    assert_eq!(json["command"], command);
    for side in ["added", "removed"] {
        for count in ["entity_count", "relation_count", "evidence_count"] {
            assert!(json[side][count].is_u64(), "{command}: {side}.{count}");
        }
    }
}

#[test]
fn every_writer_prints_its_counts_as_json_in_one_shape() {
    let ws = Workspace::new();
    let stats = |ws: &Workspace| json_of(ws.kg().args(["stats", "--format", "json"]));
    let ingested = json_of(ws.kg().args(["ingest", "--format", "json"]).arg(shipped()));
    has_the_shape(&ingested, "ingest");
    let after = stats(&ws);
    assert_eq!(ingested["saved"], true);
    assert_eq!(ingested["article_count"], 5);
    assert_eq!(ingested["known_count"], 0);
    assert_eq!(ingested["added"]["entity_count"], after["entity_count"]);
    assert_eq!(ingested["added"]["relation_count"], after["relation_count"]);

    let again = json_of(ws.kg().args(["ingest", "--format", "json"]).arg(shipped()));
    assert_eq!(
        (again["saved"].clone(), again["known_count"].clone()),
        (false.into(), 5.into())
    );

    let reindexed = json_of(ws.kg().args(["reindex", "--format", "json"]));
    has_the_shape(&reindexed, "reindex");
    assert_eq!(reindexed["article_count"], 5);
    assert_eq!(reindexed["changed_entity_count"], 0);

    let forgot = json_of(ws.kg().args(["forget", "--format", "json"]).arg(seed()));
    has_the_shape(&forgot, "forget");
    let left = stats(&ws);
    assert_eq!(forgot["article_count"], 1);
    assert_eq!(forgot["forgotten"][0]["path"], seed().display().to_string());
    let gone = |what: &str| after[what].as_u64().unwrap() - left[what].as_u64().unwrap();
    assert_eq!(forgot["removed"]["entity_count"], gone("entity_count"));
    assert_eq!(forgot["removed"]["relation_count"], gone("relation_count"));

    ws.write(
        "nodes.csv",
        "id,kind,label\ncountry:x,country,X\nofficial:y,official,Y\n",
    );
    ws.write(
        "edges.csv",
        "source,target,relation\nofficial:y,country:x,represents\n",
    );
    let imported = json_of(ws.kg().args([
        "import",
        "--nodes",
        "nodes.csv",
        "--edges",
        "edges.csv",
        "--format",
        "json",
    ]));
    has_the_shape(&imported, "import");
    assert_eq!(imported["row_count"], 1);
    assert_eq!(imported["article_count"], 1);
    assert_eq!(imported["added"]["entity_count"], 2);
    assert_eq!(imported["added"]["relation_count"], 1);
}

/// What an extraction says, without where it was read from: its entities
/// and its relations with their sentences (no ids, paths or offsets).
fn facts(extraction: &serde_json::Value) -> (serde_json::Value, Vec<String>) {
    let relations = extraction["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {}",
                r["source"], r["relation"], r["target"], r["attrs"], r["evidence"]["sentence"]
            )
        })
        .collect();
    (extraction["entities"].clone(), relations)
}

#[test]
fn a_dash_reads_the_article_from_stdin() {
    let ws = Workspace::new();
    let text = std::fs::read_to_string(seed()).unwrap();
    let from_file = json_of(ws.kg().arg("extract").arg(seed()));
    let from_stdin = json_of(ws.kg().args(["extract", "-"]).write_stdin(text.clone()));
    assert_eq!(from_stdin["article"]["path"], "<stdin>");
    assert_eq!(from_stdin["article"]["id"], from_file["article"]["id"]);
    assert_eq!(from_stdin["entities"], from_file["entities"]);
    assert_eq!(from_stdin["relations"], from_file["relations"]);

    let ingested = json_of(
        ws.kg()
            .args(["ingest", "-", "--format", "json"])
            .write_stdin(text),
    );
    assert_eq!(
        (
            ingested["article_count"].clone(),
            ingested["known_count"].clone()
        ),
        (1.into(), 0.into())
    );
    // The same text from its file is the same article.
    let again = json_of(ws.kg().args(["ingest", "--format", "json"]).arg(seed()));
    assert_eq!(again["known_count"], 1);
    ws.kg()
        .args(["extract", "-"])
        .write_stdin("   \n")
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "<stdin>: the file holds only whitespace",
        ));
}

/// The seed article as an HTML page: its paragraphs as `<p>`, every quote
/// and ampersand a character reference, a script and a style beside them.
fn seed_as_html() -> String {
    let text = std::fs::read_to_string(seed()).unwrap();
    let escape = |p: &str| {
        p.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('\'', "&apos;")
            .replace('"', "&#34;")
    };
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><title>Ignored</title><style>p { margin: 0 }</style>\
         <script>document.write('<p>Narendra Modi met Xi Jinping.</p>');</script></head><body>\n",
    );
    for (i, para) in text.split("\n\n").enumerate() {
        let para = escape(para.trim());
        html.push_str(&if i == 0 {
            format!("<h1>{}</h1>\n", para.replace('\n', "<br>"))
        } else {
            format!("<p>{para}</p>\n")
        });
    }
    html + "</body></html>\n"
}

#[test]
fn an_html_article_is_read_as_its_text() {
    let ws = Workspace::new();
    ws.write("page.html", seed_as_html());
    let plain = json_of(ws.kg().arg("extract").arg(seed()));
    let page = json_of(ws.kg().args(["extract", "page.html"]));
    assert_eq!(facts(&page), facts(&plain));
    let printed = page.to_string();
    assert!(!printed.contains("&apos") && !printed.contains("&amp") && !printed.contains('<'));
    assert!(
        !printed.contains("Xi Jinping"),
        "the script was read as text"
    );
    // Sniffed by its start from stdin, found by its name in a folder.
    let piped = json_of(ws.kg().args(["extract", "-"]).write_stdin(seed_as_html()));
    assert_eq!(facts(&piped), facts(&plain));
    ws.write("news/page.htm", seed_as_html());
    let ingested = json_of(ws.kg().args(["ingest", "news", "--format", "json"]));
    assert_eq!(ingested["article_count"], 1);
    assert_eq!(
        ingested["added"]["relation_count"],
        plain["relations"].as_array().unwrap().len()
    );
}

#[test]
fn articles_lists_the_stored_articles_with_their_ids_dates_and_relations() {
    let ws = Workspace::new();
    ws.kg().arg("ingest").arg(shipped()).assert().success();
    let rows = json_of(ws.kg().args(["articles", "--format", "json"]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "by date");
    let seed_row = rows
        .iter()
        .find(|r| r["path"] == seed().display().to_string())
        .expect("the seed");
    let extracted = json_of(ws.kg().arg("extract").arg(seed()));
    assert_eq!(seed_row["id"], extracted["article"]["id"]);
    assert_eq!(seed_row["date"], "2025-05-04");
    assert!(seed_row["relation_count"].as_u64().unwrap() > 0);
    // The id is what forget takes.
    let id = seed_row["id"].as_str().unwrap();
    ws.kg().args(["forget", id]).assert().success();
    let text = crate::util::stdout_of(
        ws.kg()
            .args(["articles", "--since", "2020", "--grep", "JAPAN"]),
    );
    assert!(text.starts_with("2 articles\n"), "{text}");
    assert!(!text.contains(id));
    ws.kg()
        .args(["articles", "--since", "yesterday"])
        .assert()
        .code(2);
}

#[test]
fn search_finds_entities_by_name_or_alias_with_what_show_takes() {
    let ws = Workspace::new();
    ws.kg().arg("ingest").arg(shipped()).assert().success();
    let found = json_of(ws.kg().args(["search", "JAPANESE", "--format", "json"]));
    let japan = &found.as_array().unwrap()[0];
    assert_eq!(japan["id"], "country:japan", "{found}");
    assert_eq!(japan["kind"], "country");
    assert_eq!(japan["aliases"], serde_json::json!(["Japanese"]));
    let stats = json_of(ws.kg().args(["stats", "--format", "json"]));
    assert!(japan["article_count"].as_u64().unwrap() <= stats["article_count"].as_u64().unwrap());
    assert!(japan["article_count"].as_u64().unwrap() >= 2);
    // Names before aliases; what it prints is what show takes.
    let text = crate::util::stdout_of(ws.kg().args(["search", "rajnath"]));
    assert!(
        text.starts_with("3 entities\nofficial      Rajnath Singh  (official:rajnath-singh"),
        "{text}"
    );
    ws.kg()
        .args(["show", "official:rajnath-singh"])
        .assert()
        .success();
    // Nothing found: exit 1, as for a query without a connection.
    ws.kg()
        .args(["search", "Atlantis"])
        .assert()
        .code(1)
        .stdout("0 entities\n");
}

#[test]
fn a_closed_stdout_ends_a_writer_quietly() {
    let ws = Workspace::new();
    let kg = assert_cmd::cargo::cargo_bin("kg");
    // `true` has exited (its end of the pipe closed) long before kg, which
    // first ingests the corpus or writes the export, says what it did.
    for args in [
        format!("ingest {}", shipped().display()),
        "export --format neo4j -o out".to_string(),
    ] {
        let out = std::process::Command::new("bash")
            .current_dir(ws.dir.path())
            .arg("-c")
            .arg(format!(
                "'{}' --store store.ron {args} | true; echo \"status ${{PIPESTATUS[0]}}\" >&2",
                kg.display()
            ))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("status 0"), "kg {args}: {stderr}");
        assert!(!stderr.contains("panicked"), "kg {args}: {stderr}");
    }
    assert!(ws.path("out/relations.csv").exists());
}
