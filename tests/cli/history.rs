//! Time: partnership levels superseding each other, and `kg query --as-of`.

use crate::util::{ssgp_2014, Workspace};
use predicates::prelude::*;

fn workspace() -> Workspace {
    let ws = Workspace::new();
    ws.copy(&ssgp_2014(), "articles/ssgp.txt");
    ws.kg().args(["ingest", "articles"]).assert().success();
    ws
}

#[test]
fn timeline_shows_the_succession_of_partnership_levels() {
    let ws = workspace();
    ws.kg()
        .args(["timeline", "India", "Japan"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Partnership levels:"))
        .stdout(predicate::str::is_match(r"2000–2006\s+Global Partnership").unwrap())
        .stdout(
            predicate::str::is_match(r"2006–2014(-09-01)?\s+Strategic and Global Partnership")
                .unwrap(),
        )
        .stdout(
            predicate::str::is_match(r"2014(-09-01)?–\s+Special Strategic and Global Partnership")
                .unwrap(),
        );
    let out = ws
        .kg()
        .args(["timeline", "India", "Japan", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["partnership_levels"][0]["until"], "2006", "{json}");
}

#[test]
fn as_of_sees_the_level_of_that_year() {
    let ws = workspace();
    ws.kg()
        .args(["query", "India", "Japan", "--as-of", "2010"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Strategic and Global Partnership [2006]",
        ))
        .stdout(
            predicate::str::contains("—party_to→ Special Strategic and Global Partnership").not(),
        );
    ws.kg()
        .args(["query", "India", "Japan", "--as-of", "yesterday"])
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'yesterday' for '--as-of",
        ));
}
