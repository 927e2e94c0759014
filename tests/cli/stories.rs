//! Syndicated copies: one wire story published by three outlets (a new
//! headline, another dateline, a trailing line) counts as one source for
//! every count of sources, whatever the order of ingest, and through forget,
//! reindex and the journal; an article of its own on the same meeting does
//! not join it. Fixtures: `tests/fixtures/stories/`.

use crate::util::{json_of, stdout_of, Workspace};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

const WIRE: [&str; 3] = [
    "wire_original.txt",
    "wire_copy_courier.txt",
    "wire_copy_gazette.txt",
];
const OWN: &str = "own_reporting.txt";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stories")
        .join(name)
}

fn put(ws: &Workspace, names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| ws.copy(&fixture(n), &format!("in/{n}")))
        .collect()
}

/// File name → story id, from `kg articles --format json`.
fn stories(ws: &Workspace) -> BTreeMap<String, String> {
    let rows = json_of(ws.kg().args(["articles", "--format", "json"]));
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let path = r["path"].as_str().expect("path");
            let name = path.rsplit('/').next().unwrap_or(path).to_string();
            (name, r["story"].as_str().expect("story").to_string())
        })
        .collect()
}

/// File name → article id.
fn ids(ws: &Workspace) -> BTreeMap<String, String> {
    let rows = json_of(ws.kg().args(["articles", "--format", "json"]));
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let path = r["path"].as_str().expect("path");
            let name = path.rsplit('/').next().unwrap_or(path).to_string();
            (name, r["id"].as_str().expect("id").to_string())
        })
        .collect()
}

/// The articles and stories behind Marles meeting Nakatani, from `kg query`.
fn meeting_support(ws: &Workspace) -> (u64, u64) {
    let json = json_of(ws.kg().args([
        "query",
        "Richard Marles",
        "Gen Nakatani",
        "--max-hops",
        "1",
        "--format",
        "json",
    ]));
    let fact = json["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .find(|f| f["relation"] == "meets")
        .expect("the meeting");
    let step = &json["paths"][0]["steps"][0];
    assert_eq!(step["article_count"], fact["article_count"], "{json}");
    assert_eq!(step["story_count"], fact["story_count"], "{json}");
    assert_eq!(
        fact["articles"].as_array().map(Vec::len),
        fact["article_count"].as_u64().map(|n| n as usize)
    );
    (
        fact["article_count"].as_u64().expect("article_count"),
        fact["story_count"].as_u64().expect("story_count"),
    )
}

/// The three copies are one story, named by the smallest of their ids; the
/// article of its own is another.
fn assert_grouped(got: &BTreeMap<String, String>, copies: &[&str]) {
    let wire: Vec<&String> = copies.iter().map(|n| &got[*n]).collect();
    assert!(wire.windows(2).all(|w| w[0] == w[1]), "{got:?}");
    assert_ne!(got[OWN], *wire[0], "{got:?}");
}

#[test]
fn syndicated_copies_count_as_one_story_everywhere_sources_are_counted() {
    let ws = Workspace::new();
    let mut all: Vec<&str> = WIRE.to_vec();
    all.push(OWN);
    put(&ws, &all);
    ws.kg().arg("ingest").arg(ws.path("in")).assert().success();
    let got = stories(&ws);
    assert_grouped(&got, &WIRE);
    assert_eq!(meeting_support(&ws), (4, 2));

    let stats = json_of(ws.kg().args(["stats", "--format", "json"]));
    assert_eq!(
        (stats["article_count"].clone(), stats["story_count"].clone()),
        (4.into(), 2.into())
    );
    let text = stdout_of(ws.kg().args(["query", "Richard Marles", "Gen Nakatani"]));
    assert!(text.contains("4 outlets, 2 stories"), "{text}");
    let shown = stdout_of(ws.kg().args(["show", "Richard Marles"]));
    assert!(shown.contains("; 4 outlets, 2 stories)"), "{shown}");
    let paths = stdout_of(ws.kg().args(["paths", "Richard Marles", "Gen Nakatani"]));
    assert!(paths.contains("(4 outlets, 2 stories)"), "{paths}");
    let found = json_of(ws.kg().args(["search", "Marles", "--format", "json"]));
    assert_eq!(found[0]["story_count"], 2, "{found}");
    let listed = stdout_of(ws.kg().arg("articles"));
    assert_eq!(listed.matches("(same story as ").count(), 2, "{listed}");

    ws.kg()
        .args(["report", "Richard Marles", "Gen Nakatani", "-o"])
        .arg(ws.path("report.html"))
        .assert()
        .success();
    let page = std::fs::read_to_string(ws.path("report.html")).unwrap();
    assert!(page.contains("from 4 outlets, 2 stories"), "the summary");
    assert_eq!(
        page.matches("(the same story as ").count(),
        3,
        "each copy in Sources"
    );

    // The store records each article's fingerprint.
    let store = String::from_utf8(ws.store_bytes()).unwrap();
    assert_eq!(store.matches("fingerprint: \"").count(), 4);
}

#[test]
fn stories_do_not_depend_on_the_order_or_batches_of_ingest() {
    let at_once = Workspace::new();
    put(&at_once, &[WIRE[0], WIRE[1], WIRE[2], OWN]);
    at_once
        .kg()
        .arg("ingest")
        .arg(at_once.path("in"))
        .assert()
        .success();
    let want = stories(&at_once);
    let orders: [&[&str]; 3] = [
        &[WIRE[2], OWN, WIRE[1], WIRE[0]],
        &[OWN, WIRE[1], WIRE[0], WIRE[2]],
        &[WIRE[1], WIRE[2], OWN, WIRE[0]],
    ];
    for order in orders {
        let ws = Workspace::new();
        let paths = put(&ws, order);
        for path in &paths {
            ws.kg().arg("ingest").arg(path).assert().success();
        }
        assert_eq!(stories(&ws), want, "one by one: {order:?}");
        assert_eq!(meeting_support(&ws), (4, 2));
    }
}

#[test]
fn forget_leaves_the_other_copies_one_story_and_reindex_keeps_it() {
    let ws = Workspace::new();
    let paths = put(&ws, &[WIRE[0], WIRE[1], WIRE[2], OWN]);
    ws.kg().arg("ingest").arg(ws.path("in")).assert().success();
    // Forget the copy whose id names the story: the next smallest names it.
    let before = stories(&ws);
    let ids = ids(&ws);
    let (i, named) = WIRE
        .iter()
        .enumerate()
        .find(|(_, n)| ids[**n] == before[**n])
        .map(|(i, n)| (i, *n))
        .expect("the copy whose id names the story");
    let named = (named, paths[i].clone());
    ws.kg().arg("forget").arg(&named.1).assert().success();
    let left: Vec<&str> = WIRE.iter().copied().filter(|n| *n != named.0).collect();
    let after = stories(&ws);
    assert_eq!(after.len(), 3);
    assert_grouped(&after, &left);
    assert_ne!(
        after[left[0]], before[named.0],
        "renamed after its first article"
    );
    assert_eq!(meeting_support(&ws), (3, 2));

    ws.kg().arg("reindex").assert().success();
    assert_eq!(stories(&ws), after);
    assert_eq!(meeting_support(&ws), (3, 2));
}

#[test]
fn copies_ingested_through_the_journal_are_one_story() {
    let ws = Workspace::new();
    for i in 0..60 {
        ws.write(&format!("base/{i:02}.txt"), crate::journal::long_article(i));
    }
    ws.kg()
        .arg("ingest")
        .arg(ws.path("base"))
        .assert()
        .success();
    let paths = put(&ws, &[WIRE[0], OWN, WIRE[1], WIRE[2]]);
    ws.kg().arg("ingest").args(&paths[..2]).assert().success();
    ws.kg().arg("ingest").args(&paths[2..]).assert().success();
    assert!(
        ws.path("store.journal").exists(),
        "went through the journal"
    );
    let got = stories(&ws);
    assert_grouped(&got, &WIRE);
    // The padded base articles are copies of each other, not of these.
    let base = &got["00.txt"];
    assert!(
        WIRE.iter().chain([&OWN]).all(|n| got[*n] != *base),
        "{got:?}"
    );
    let value: Value = json_of(ws.kg().args(["stats", "--format", "json"]));
    assert!(value["story_count"].as_u64() < value["article_count"].as_u64());
}

/// Article file name → story id, after ingesting `batches` one after the
/// other through the library into a fresh store.
fn stories_after(batches: &[Vec<&str>]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().expect("a folder");
    let store = dir.path().join("store.ron");
    for batch in batches {
        let articles = batch
            .iter()
            .map(|n| kg::article::read(&fixture(n), None).expect("a fixture"))
            .collect();
        kg::ingest::ingest(&store, articles, &kg::ingest::Silent).expect("ingested");
    }
    let reader = kg::query::Reader::open(&store, &kg::ingest::Silent).expect("the store");
    reader
        .articles(&kg::query::ArticleQuery::default())
        .into_iter()
        .map(|r| {
            let name = r.path.rsplit('/').next().unwrap_or(&r.path).to_string();
            (name, r.story)
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
    /// Any order, in any batches: the same stories.
    #[test]
    fn any_order_and_batches_give_the_same_stories(
        keys in proptest::collection::vec(0u32..1000, 4),
        cuts in proptest::collection::vec(proptest::prelude::any::<bool>(), 3),
    ) {
        let all = [WIRE[0], WIRE[1], WIRE[2], OWN];
        let mut order: Vec<usize> = (0..4).collect();
        order.sort_by_key(|&i| keys[i]);
        let mut batches: Vec<Vec<&str>> = vec![vec![all[order[0]]]];
        for (k, &i) in order.iter().enumerate().skip(1) {
            if cuts[k - 1] {
                batches.push(Vec::new());
            }
            batches.last_mut().expect("a batch").push(all[i]);
        }
        let got = stories_after(&batches);
        assert_grouped(&got, &WIRE);
        proptest::prop_assert_eq!(got, stories_after(&[all.to_vec()]), "{:?}", batches);
    }
}
