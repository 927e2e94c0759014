//! Issue 15, the status of facts: every reader says whether a fact happened;
//! routes through facts that happened come first and shortest first;
//! `--status` filters; a party to an agreement only explored, planned or
//! possible is no member of it; a level explored supersedes none; `--as-of`
//! is what was known then; every date flag is refused alike. On our own
//! short articles (tests/fixtures/status/): Kenya–Turkey, Brazil–Nigeria,
//! Poland–South Korea.

use crate::util::{json_of, stdout_of, Workspace};
use serde_json::Value;
use std::path::Path;

/// A store of the four status fixtures.
fn store() -> Workspace {
    let ws = Workspace::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/status");
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("fixture").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        ws.copy(&path, &format!("articles/{name}"));
    }
    ws.kg()
        .arg("ingest")
        .arg(ws.path("articles"))
        .assert()
        .success();
    ws
}

fn run(ws: &Workspace, args: &[&str]) -> String {
    stdout_of(ws.kg().args(args))
}

fn json(ws: &Workspace, args: &[&str]) -> Value {
    json_of(ws.kg().args(args).args(["--format", "json"]))
}

/// The names of the agreements `country` is `party_to` with this status, from `kg show`.
fn parties(ws: &Workspace, country: &str, status: &str) -> Vec<String> {
    let show = json(ws, &["show", country]);
    let mut out = Vec::new();
    for group in show["groups"].as_array().expect("groups") {
        if group["relation"] != "party_to" {
            continue;
        }
        for fact in group["facts"].as_array().expect("facts") {
            if fact["status"] == status {
                out.push(fact["target"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_reader_says_what_did_not_happen() {
    let ws = store();
    // query: the hop and the route say so, in text and JSON.
    let text = run(&ws, &["query", "Kenya", "Turkey"]);
    assert!(
        text.contains("—party_to [explored]→ Special Strategic Partnership"),
        "{text}"
    );
    assert!(text.contains("   not held: explored"), "{text}");
    assert!(text.contains("Kenya party_to Special Strategic Partnership [explored]"));
    let q = json(&ws, &["query", "Kenya", "Turkey"]);
    let paths = q["paths"].as_array().expect("paths");
    assert!(paths.iter().all(|p| p["status"].is_string()));
    assert!(paths
        .iter()
        .flat_map(|p| p["steps"].as_array().expect("steps"))
        .all(|s| s["status"].is_string()));
    // timeline: text, JSON and SVG.
    let timeline = run(&ws, &["timeline", "Kenya", "Turkey"]);
    assert!(
        timeline.contains("Special Strategic Partnership [elevation, explored]"),
        "{timeline}"
    );
    let t = json(&ws, &["timeline", "Kenya", "Turkey"]);
    let explored = t["milestones"]
        .as_array()
        .or_else(|| t["entries"].as_array())
        .expect("milestones")
        .iter()
        .filter(|m| m["status"] == "explored")
        .count();
    assert_eq!(explored, 1, "{t}");
    let svg = run(
        &ws,
        &["timeline", "Kenya", "Turkey", "--format", "svg", "-o", "-"],
    );
    assert!(
        svg.contains(r#"<g class="milestone" data-status="explored" opacity="0.45""#),
        "{svg}"
    );
    // paths
    let paths = run(&ws, &["paths", "Kenya", "Turkey"]);
    assert!(paths.contains("party_to [explored]"), "{paths}");
    // exports: DOT draws it grey and dashed; GraphML carries the attribute.
    let dot = run(
        &ws,
        &["export", "--focus", "Kenya", "--format", "dot", "-o", "-"],
    );
    let explored_edge = dot
        .lines()
        .find(|l| l.contains("party to [explored]"))
        .unwrap_or_else(|| panic!("no explored edge in {dot}"));
    assert!(explored_edge.contains("dashed") && explored_edge.contains("#999999"));
    let graphml = run(&ws, &["export", "--format", "graphml", "-o", "-"]);
    assert!(graphml.contains(">explored<") && graphml.contains(">held<"));
    // the report
    ws.kg()
        .args(["report", "Kenya", "Turkey", "-o"])
        .arg(ws.path("r.html"))
        .assert()
        .success();
    let html = std::fs::read_to_string(ws.path("r.html")).expect("report");
    assert!(html.contains("party to [explored]"));
}

#[test]
fn a_party_to_what_did_not_happen_is_no_member() {
    let ws = store();
    assert_eq!(
        parties(&ws, "Kenya", "held"),
        [
            "agreement:turkey-kenya-comprehensive-strategic-partnership",
            "agreement:turkey-kenya-defence-cooperation-agreement"
        ]
    );
    assert_eq!(
        parties(&ws, "Kenya", "explored"),
        ["agreement:turkey-kenya-special-strategic-partnership"]
    );
    // "Kenya did not sign the Maritime Security Memorandum": never a party.
    let show = run(&ws, &["show", "Kenya"]);
    assert!(!show.contains("Maritime Security Memorandum"), "{show}");
    assert!(show.contains("—party_to→ [explored] (1)"), "{show}");
    // Nor does the signing of the day concern it as signed.
    let query = run(&ws, &["query", "Kenya", "Maritime Security Memorandum"]);
    assert!(
        query.contains("—concerns [denied]→ Maritime Security Memorandum"),
        "{query}"
    );
    // "Poland and South Korea plan to sign a Defence Industry Cooperation Treaty".
    assert_eq!(
        parties(&ws, "Poland", "planned"),
        ["agreement:south-korea-poland-defence-industry-cooperation-treaty"]
    );
    // "The two countries could establish a Comprehensive Strategic Partnership":
    // possible, no membership.
    assert_eq!(
        parties(&ws, "Poland", "held"),
        ["agreement:south-korea-poland-framework-agreement-on-defence-procurement"]
    );
    assert_eq!(
        parties(&ws, "Poland", "hypothetical"),
        ["agreement:south-korea-poland-comprehensive-strategic-partnership"]
    );
    // "Brazil may sign a similar agreement with Ghana next year": no
    // membership, and the Ghana signing is hypothetical.
    assert_eq!(
        parties(&ws, "Brazil", "held"),
        ["agreement:brazil-nigeria-trade-and-investment-facilitation-agreement"]
    );
    let show = run(&ws, &["show", "Brazil"]);
    assert!(show.contains("←involves— [hypothetical] (1)"), "{show}");
}

#[test]
fn status_filters_every_reader() {
    let ws = store();
    // The explored partnership and the elevation that explored it, by id.
    let explored = [
        "agreement:turkey-kenya-special-strategic-partnership",
        "milestone:2024-03-12-elevation-turkey-kenya",
    ];
    for args in [
        &["query", "Kenya", "Turkey", "--format", "json"][..],
        &["show", "Kenya", "--format", "json"],
        &["timeline", "Kenya", "Turkey", "--format", "json"],
        &["paths", "Kenya", "Turkey", "--format", "json"],
        &["export", "--focus", "Kenya", "--format", "dot", "-o", "-"],
    ] {
        let all = run(&ws, args);
        assert!(explored.iter().all(|id| all.contains(id)), "{args:?}");
        let mut held = args.to_vec();
        held.extend(["--status", "held"]);
        let out = run(&ws, &held);
        assert!(
            !explored.iter().any(|id| out.contains(id)),
            "{args:?}: {out}"
        );
        assert!(out.contains("country:kenya"), "{args:?}");
    }
    // Repeatable or a comma list.
    let q = run(
        &ws,
        &["query", "Kenya", "Turkey", "--status", "explored,denied"],
    );
    assert!(q.contains("Special Strategic Partnership") && !q.contains("Defence Cooperation"));
    let q2 = run(
        &ws,
        &[
            "query", "Kenya", "Turkey", "--status", "explored", "--status", "denied",
        ],
    );
    assert_eq!(q, q2);
    ws.kg()
        .args(["show", "Kenya", "--status", "maybe"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("held, planned, explored"));
}

#[test]
fn routes_through_what_happened_come_first_and_shortest_first() {
    let ws = store();
    let hops = |limit: &str| -> Vec<(bool, usize)> {
        json(&ws, &["query", "Kenya", "Turkey", "--limit", limit])["paths"]
            .as_array()
            .expect("paths")
            .iter()
            .map(|p| {
                (
                    p["status"] != "held",
                    p["steps"].as_array().expect("steps").len(),
                )
            })
            .collect()
    };
    let all = hops("10");
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "held first, then by hops");
    // Every direct (2-hop) route through facts that happened fits the
    // smallest limit that holds them: none waits behind a longer one.
    let direct_held = all.iter().filter(|&&(n, h)| !n && h == 2).count();
    assert!(direct_held >= 5, "{all:?}");
    let limited = hops(&direct_held.to_string());
    assert!(limited.iter().all(|&(n, h)| !n && h == 2), "{limited:?}");
    let text = run(&ws, &["query", "Kenya", "Turkey"]);
    assert!(
        text.contains("2 through facts that did not happen, listed last"),
        "{text}"
    );
}

#[test]
fn an_explored_elevation_supersedes_no_level() {
    let ws = store();
    let t = json(&ws, &["timeline", "Kenya", "Turkey"]);
    let levels = t["partnership_levels"].as_array().expect("levels");
    let csp = &levels[0];
    assert_eq!(csp["name"], "Comprehensive Strategic Partnership");
    assert_eq!(csp["until"], Value::Null, "{t}");
    assert_eq!(levels[1]["status"], "explored");
    let text = run(&ws, &["timeline", "Kenya", "Turkey"]);
    assert!(
        text.contains("Special Strategic Partnership [explored]"),
        "{text}"
    );
    // After the talks, the CSP is still the level in force.
    let q = run(&ws, &["query", "Kenya", "Turkey", "--as-of", "2024-06-01"]);
    assert!(
        q.contains("—party_to→ Comprehensive Strategic Partnership"),
        "{q}"
    );
}

#[test]
fn as_of_is_what_was_known_then() {
    let ws = store();
    // Hakan Fidan is first reported in March 2024: not known at the end of 2023.
    let q = run(&ws, &["query", "Kenya", "Turkey", "--as-of", "2023-12-31"]);
    assert!(!q.contains("Hakan Fidan"), "{q}");
    assert!(q.contains("Mevlut Cavusoglu"), "{q}");
    let later = run(&ws, &["query", "Kenya", "Turkey", "--as-of", "2024-06"]);
    assert!(later.contains("Hakan Fidan"), "{later}");
    // A signing dated 2023 only: not before 2023 is over.
    let mid = run(&ws, &["query", "Kenya", "Turkey", "--as-of", "2023-06-30"]);
    assert!(
        !mid.contains("Defence Cooperation Agreement [2023]"),
        "{mid}"
    );
    assert!(mid.contains("[2023-06-05]"), "{mid}");
}

#[test]
fn every_date_flag_is_refused_alike() {
    let ws = store();
    let refusal = |args: &[&str], flag: &str, value: &str| {
        let out = ws.kg().args(args).assert().code(2).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(
            err.contains(&format!("invalid value '{value}' for '--{flag}"))
                && err.contains("expected YYYY, YYYY-MM or YYYY-MM-DD"),
            "{args:?}: {err}"
        );
    };
    for bad in ["2023-13", "2023-02-30", "foo"] {
        refusal(&["query", "Kenya", "Turkey", "--as-of", bad], "as-of", bad);
        refusal(&["paths", "Kenya", "Turkey", "--from", bad], "from", bad);
        refusal(
            &["export", "--format", "dot", "--since", bad, "-o", "-"],
            "since",
            bad,
        );
    }
}

/// A signing told again a year later ("the agreement signed last year") is
/// the signing of its day, even when that day's report also names an
/// agreement the parties did not sign: a denied `concerns` does not make
/// the two reports two events.
#[test]
fn a_signing_told_again_is_one_event_beside_a_denied_agreement() {
    let ws = store();
    let timeline = run(&ws, &["timeline", "Kenya", "Turkey"]);
    let signings: Vec<&str> = timeline
        .lines()
        .filter(|l| l.contains("Signing of the Kenya-Turkey Defence Cooperation Agreement"))
        .collect();
    assert_eq!(signings.len(), 1, "{timeline}");
    assert!(signings[0].starts_with("2023-06-05"), "{timeline}");
}
