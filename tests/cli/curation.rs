//! Curation without editing RON: `kg merge`, `kg reject` and `kg unalias`
//! recorded beside the store and taken again by every rebuild (reindex,
//! forget, a later ingest, the shipped corpus rebuilt), shown at once (the
//! snapshot too), refused with the exit codes the CLI uses; and the default
//! store outside a project folder, in the platform's data directory.

use crate::util::{json_of, ssgp_2014, stdout_of, Workspace};
use predicates::prelude::*;
use std::path::Path;

const ELEVATION_2006: &str = "milestone:2006-elevation-india-japan";

fn show(ws: &Workspace, name: &str) -> String {
    stdout_of(ws.kg().args(["show", name]))
}

fn store_text(ws: &Workspace) -> String {
    String::from_utf8(ws.store_bytes()).expect("UTF-8 store")
}

/// Forgets the 2014 article and ingests it again: the store made again
/// from the articles, as `kg forget`'s rebuild and an ingest make it.
fn forget_and_ingest_again(ws: &Workspace) {
    let article = ws.path("articles/ssgp.txt");
    ws.kg().arg("forget").arg(&article).assert().success();
    ws.kg().arg("ingest").arg(&article).assert().success();
}

#[test]
fn a_merge_stays_merged_after_reindex_forget_and_ingest() {
    let ws = Workspace::with_store();
    let out = stdout_of(ws.kg().args(["merge", ELEVATION_2006, "India meeting"]));
    assert!(
        out.starts_with(
            "merged India meeting (milestone:2006-meeting-india) into Elevation to \
             India-Japan Strategic and Global Partnership (milestone:2006-elevation-india-japan)"
        ),
        "{out}"
    );
    assert!(ws.path("store.curation.ron").is_file());
    let merged = |ws: &Workspace, when: &str| {
        let shown = show(ws, "India meeting");
        assert!(
            shown.starts_with(&format!(
                "Elevation to India-Japan Strategic and Global Partnership — milestone ({ELEVATION_2006})"
            )),
            "{when}: {shown}"
        );
        let aliases = shown.lines().nth(1).unwrap_or_default();
        assert!(aliases.contains("India meeting"), "{when}: {aliases}");
        assert!(
            !store_text(ws).contains("\"milestone:2006-meeting-india\""),
            "{when}: the merged id is still in the store"
        );
    };
    merged(&ws, "at once");
    ws.kg()
        .arg("reindex")
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing changed"));
    merged(&ws, "after reindex");
    forget_and_ingest_again(&ws);
    merged(&ws, "after forget and ingest");
}

#[test]
fn a_rejected_fact_stays_rejected_after_reindex_and_ingest() {
    let ws = Workspace::with_store();
    let counterpart = |ws: &Workspace| show(ws, "Yoshiro Mori").contains("counterpart_of");
    assert!(counterpart(&ws));
    ws.kg()
        .args(["reject", "Yoshiro Mori", "counterpart_of", "Manmohan Singh"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "rejected Yoshiro Mori —counterpart_of→ Manmohan Singh (1 sentence, 1 article)",
        ));
    assert!(!counterpart(&ws), "shown at once");
    ws.kg().arg("reindex").assert().success();
    assert!(!counterpart(&ws), "after reindex");
    forget_and_ingest_again(&ws);
    assert!(!counterpart(&ws), "after forget and ingest");
    // Another article stating it (the same story, one more line) does not bring it back.
    let text = std::fs::read_to_string(ssgp_2014()).unwrap();
    let copy = ws.write(
        "articles/copy.txt",
        format!("{text}\nThe talks lasted two hours.\n"),
    );
    let said = stdout_of(ws.kg().arg("ingest").arg(&copy));
    assert!(!counterpart(&ws), "after another article states it");
    // What the ingest says it added is what the store holds: not the rejected fact.
    let control = Workspace::with_store();
    let unrejected = stdout_of(control.kg().arg("ingest").arg(&copy));
    assert!(unrejected.contains("+0 relations"), "{unrejected}");
    let evidence = |line: &str| -> usize {
        let count = line.split("+").last().unwrap_or_default();
        count
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .parse()
            .unwrap_or(0)
    };
    assert!(said.contains("+0 relations"), "{said}");
    assert_eq!(
        evidence(&said) + 1,
        evidence(&unrejected),
        "{said} / {unrejected}"
    );
    let squeezed = store_text(&ws)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        !squeezed.contains(
            "source: \"official:manmohan-singh\", relation: counterpart_of, target: \"official:yoshiro-mori\""
        ),
        "the store written by the ingest holds the rejected fact"
    );
    // Either way round (counterpart_of holds both ways), it was decided before.
    ws.kg()
        .args(["reject", "Manmohan Singh", "counterpart_of", "Yoshiro Mori"])
        .assert()
        .success()
        .stdout(predicate::str::contains("decided before"));
}

#[test]
fn an_alias_removed_stays_removed() {
    let ws = Workspace::with_store();
    ws.kg()
        .args(["show", "India-Japan"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("names 2 entities"));
    ws.kg()
        .args(["unalias", "Japan", "india-japan"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "removed alias \"India-Japan\" from Japan (country:japan)",
        ));
    let india = |ws: &Workspace| {
        let squeezed = store_text(ws)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let written = !squeezed.contains("name: \"Japan\", aliases: [ \"India-Japan\"");
        written && show(ws, "India-Japan").starts_with("India — country")
    };
    assert!(india(&ws));
    ws.kg().arg("reindex").assert().success();
    assert!(india(&ws), "after reindex");
    forget_and_ingest_again(&ws);
    assert!(india(&ws), "after forget and ingest");
}

#[test]
fn bad_decisions_are_refused_with_exit_codes_and_change_nothing() {
    let ws = Workspace::with_store();
    let before = ws.store_bytes();
    let refused: [(&[&str], i32, &str); 9] = [
        (
            &["merge", "Japan", "Jpan"],
            1,
            "unknown entity \"Jpan\"; did you mean: Japan?",
        ),
        (
            &["merge", "India-Japan", "Japan"],
            1,
            "\"India-Japan\" names 2 entities",
        ),
        (
            &["merge", "Japan", "Japanese"],
            2,
            "\"Japan\" and \"Japanese\" are the same entity",
        ),
        (
            &["merge", "Japan", "Yoshiro Mori"],
            1,
            "only entities of one kind can be merged",
        ),
        (
            &["reject", "Japan", "partyto", "India"],
            2,
            "invalid value 'partyto'",
        ),
        (
            &["reject", "Yoshiro Mori", "represents", "India"],
            1,
            "no relation Yoshiro Mori —represents→ India",
        ),
        (
            &["reject", "Nobody", "represents", "India"],
            1,
            "unknown entity \"Nobody\"",
        ),
        (
            &["unalias", "Japan", "Nippon"],
            1,
            "has no alias \"Nippon\"; its aliases: ",
        ),
        (
            &["unalias", "Japan", "Japan"],
            1,
            "is the name of Japan (country:japan), not an alias",
        ),
    ];
    for (args, code, message) in refused {
        ws.kg()
            .args(args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(message));
    }
    assert_eq!(
        ws.store_bytes(),
        before,
        "a refused decision wrote the store"
    );
    assert!(!ws.path("store.curation.ron").exists());
}

#[test]
fn the_decisions_print_json_in_the_writers_shape() {
    let ws = Workspace::with_store();
    let merge = ["merge", ELEVATION_2006, "India meeting", "--format", "json"];
    let done = json_of(ws.kg().args(merge));
    assert_eq!(done["command"], "merge");
    assert_eq!(done["saved"], true);
    assert_eq!(done["removed"]["entity_count"], 1);
    assert_eq!(
        done["decision"]["merge"]["into_entity"]["id"],
        ELEVATION_2006
    );
    assert_eq!(
        done["decision"]["merge"]["from_entity"]["name"],
        "India meeting"
    );
    assert!(done["record"]
        .as_str()
        .unwrap()
        .ends_with("store.curation.ron"));
    let again = json_of(ws.kg().args(merge));
    assert_eq!(again["saved"], false);
    assert_eq!(
        again["decision"]["merge"]["from_entity"]["id"],
        "milestone:2006-meeting-india"
    );

    let reject = [
        "reject",
        "Yoshiro Mori",
        "counterpart_of",
        "Manmohan Singh",
        "--format",
        "json",
    ];
    let done = json_of(ws.kg().args(reject));
    assert_eq!(done["command"], "reject");
    assert_eq!(done["removed"]["relation_count"], 1);
    assert_eq!(done["decision"]["reject"]["relation"], "counterpart_of");
    let unalias = ["unalias", "Japan", "India-Japan", "--format", "json"];
    let done = json_of(ws.kg().args(unalias));
    assert_eq!(done["command"], "unalias");
    assert_eq!(done["changed_entity_count"], 1);
    assert_eq!(done["decision"]["unalias"]["alias"], "India-Japan");
}

/// Replaces the recorded extractor, as if an older kg had written the store.
fn age_extractor(store: &Path) {
    let text = std::fs::read_to_string(store).unwrap();
    let start = text.find("extractor: \"").expect("extractor recorded");
    let end = start + text[start..].find("\",").unwrap();
    let aged = format!("{}extractor: \"0.0.0-old{}", &text[..start], &text[end..]);
    std::fs::write(store, aged).unwrap();
}

#[test]
fn the_shipped_corpus_rebuilt_keeps_the_decisions() {
    let ws = Workspace::new();
    ws.kg()
        .args(["reject", "Yoshiro Mori", "counterpart_of", "Manmohan Singh"])
        .assert()
        .success()
        .stderr(predicate::str::contains("building it from the"));
    ws.kg()
        .args(["merge", ELEVATION_2006, "India meeting"])
        .assert()
        .success();
    assert!(
        store_text(&ws).contains("default_corpus: true"),
        "still the shipped corpus"
    );
    age_extractor(&ws.store());
    ws.kg()
        .arg("stats")
        .assert()
        .success()
        .stderr(predicate::str::contains("rebuilding it"));
    assert!(
        !store_text(&ws).contains("\"milestone:2006-meeting-india\""),
        "the rebuilt store was written without the merge"
    );
    assert!(!show(&ws, "Yoshiro Mori").contains("counterpart_of"));
    assert!(show(&ws, "India meeting").contains(ELEVATION_2006));
}

/// A small graph imported with a snapshot: official Alpha represents Xland and Yland.
fn with_snapshot() -> Workspace {
    let ws = Workspace::new();
    ws.write("nodes.csv", "id,kind,label\nofficial:alpha,official,Alpha\ncountry:xland,country,Xland\ncountry:yland,country,Yland\n");
    ws.write("edges.csv", "source,target,relation\nofficial:alpha,country:xland,represents\nofficial:alpha,country:yland,represents\n");
    ws.kg()
        .args([
            "import",
            "--nodes",
            "nodes.csv",
            "--edges",
            "edges.csv",
            "--snapshot",
            "always",
        ])
        .assert()
        .success();
    assert!(ws.path("store.snapshot").is_file());
    ws
}

#[test]
fn the_snapshot_shows_a_decision_at_once_and_a_record_written_alone() {
    let ws = with_snapshot();
    ws.kg()
        .args(["reject", "Alpha", "represents", "Yland"])
        .assert()
        .success()
        .stdout(predicate::str::contains("and ").and(predicate::str::contains("store.snapshot")));
    let shown = show(&ws, "Alpha");
    assert!(
        shown.contains("Xland") && !shown.contains("Yland"),
        "{shown}"
    );
    // Imported again (another file stating it), it stays rejected, in the snapshot too.
    ws.write(
        "more.csv",
        "source,target,relation\nofficial:alpha,country:yland,represents\nofficial:alpha,country:xland,represents\n",
    );
    ws.kg()
        .args(["import", "--nodes", "nodes.csv", "--edges", "more.csv"])
        .assert()
        .success();
    let shown = show(&ws, "Alpha");
    assert!(
        shown.contains("Xland") && !shown.contains("Yland"),
        "{shown}"
    );
    // A kg killed after writing the record, before the store: the record
    // alone is taken, though the snapshot still matches the store.
    let record = ws.path("store.curation.ron");
    let text = std::fs::read_to_string(&record).unwrap();
    let more = text.replace(
        "rejected: [",
        "rejected: [\n        (source: \"official:alpha\", relation: represents, target: \"country:xland\"),",
    );
    assert_ne!(more, text);
    std::fs::write(&record, more).unwrap();
    let shown = show(&ws, "Alpha");
    assert!(!shown.contains("Xland"), "{shown}");
}

#[test]
fn a_damaged_record_is_refused_with_its_line() {
    let ws = Workspace::with_store();
    ws.write("store.curation.ron", "(merges: [oops])");
    ws.kg()
        .args(["stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "store.curation.ron: corrupt curation record at line 1",
        ));
}

#[test]
fn outside_a_project_folder_the_store_is_in_the_data_directory() {
    let source_store = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/graph.ron");
    let stamp = || {
        std::fs::metadata(&source_store)
            .and_then(|m| m.modified())
            .ok()
    };
    let before = stamp();

    let ws = Workspace::new();
    let xdg = ws.path("xdg-data/kg/graph.ron");
    ws.kg_bare()
        .arg("stats")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "no store at {}",
            xdg.display()
        )));
    assert!(xdg.is_file());
    assert!(
        !ws.path("data").exists(),
        "no data/ made in the current folder"
    );

    // Without XDG_DATA_HOME: ~/.local/share/kg on Linux.
    ws.kg_bare()
        .env_remove("XDG_DATA_HOME")
        .env("HOME", ws.path("home"))
        .args(["reject", "Yoshiro Mori", "counterpart_of", "Manmohan Singh"])
        .assert()
        .success();
    assert!(ws.path("home/.local/share/kg/graph.ron").is_file());
    assert!(ws.path("home/.local/share/kg/graph.curation.ron").is_file());
    assert_eq!(stamp(), before, "the source tree's store was written");

    // In a project folder (one with data/), data/graph.ron as ever.
    let project = Workspace::new();
    std::fs::create_dir(project.path("data")).unwrap();
    project.kg_bare().arg("stats").assert().success();
    assert!(project.path("data/graph.ron").is_file());
    assert!(!project.path("xdg-data").exists());
}

#[test]
fn a_graph_imported_back_from_neo4j_keeps_the_decisions() {
    let ws = Workspace::with_store();
    ws.kg()
        .args(["export", "--format", "neo4j", "-o"])
        .arg(ws.path("neo4j"))
        .assert()
        .success();
    ws.kg()
        .args(["reject", "Yoshiro Mori", "counterpart_of", "Manmohan Singh"])
        .assert()
        .success();
    ws.kg()
        .args(["import", "--neo4j"])
        .arg(ws.path("neo4j"))
        .assert()
        .success();
    let squeezed = store_text(&ws)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        !squeezed.contains(
            "source: \"official:manmohan-singh\", relation: counterpart_of, target: \"official:yoshiro-mori\""
        ),
        "the import wrote the rejected fact back"
    );
    assert!(!show(&ws, "Yoshiro Mori").contains("counterpart_of"));
}
