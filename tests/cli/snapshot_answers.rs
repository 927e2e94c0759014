//! `kg query` (with `--as-of` too), `kg show`, `kg stats`, `kg timeline`,
//! `kg export` (every view and format) and `kg report` answered from the
//! snapshot beside a store must print what the same commands print from the
//! RON store itself; and the commands that rewrite the store write the
//! snapshot anew.

use crate::util::{seed, shipped, ssgp_2014, Workspace};
use std::fs::File;

/// A store of news articles (dates, aliases, attributes, several articles
/// per fact) with a snapshot forced beside it.
fn store_with_snapshot() -> Workspace {
    let ws = Workspace::new();
    ws.copy(&seed(), "articles/seed.txt");
    ws.copy(&ssgp_2014(), "articles/ssgp.txt");
    for entry in std::fs::read_dir(shipped()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        ws.copy(&path, &format!("articles/{name}"));
    }
    ws.kg()
        .arg("ingest")
        .arg(ws.path("articles"))
        .assert()
        .success();
    ws.write("nodes.csv", "id,kind,label\n");
    ws.write("edges.csv", "source,target,relation\n");
    ws.kg()
        .args(["import", "--nodes", "nodes.csv", "--edges", "edges.csv"])
        .args(["--snapshot", "always"])
        .assert()
        .success();
    assert!(ws.path("store.snapshot").is_file());
    ws
}

/// The same store in a second workspace, without a snapshot.
fn plain_copy(ws: &Workspace) -> Workspace {
    let plain = Workspace::new();
    plain.write("store.ron", ws.store_bytes());
    plain
}

/// Overwrites the store with text of the same length that is not RON, and
/// gives it back its modification time: the snapshot still counts as
/// current, so a command that answers proves it did not read the RON.
fn garble_store(ws: &Workspace) {
    let store = ws.store();
    let modified = std::fs::metadata(&store).unwrap().modified().unwrap();
    let len = std::fs::metadata(&store).unwrap().len() as usize;
    std::fs::write(&store, "#".repeat(len)).unwrap();
    File::options()
        .write(true)
        .open(&store)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

/// Stdout, stderr (store paths made alike) and success of `kg ARGS` in `ws`.
fn run(ws: &Workspace, args: &[&str]) -> (String, String, bool) {
    let out = ws.kg().args(args).output().unwrap();
    let err =
        String::from_utf8_lossy(&out.stderr).replace(&ws.store().display().to_string(), "STORE");
    (
        String::from_utf8(out.stdout).unwrap(),
        err,
        out.status.success(),
    )
}

const COMMANDS: &[&[&str]] = &[
    &["stats"],
    &["stats", "--format", "json"],
    &["query", "India", "Japan"],
    &["query", "India", "Japan", "--format", "json"],
    &["query", "PM Modi", "Nakatani", "--max-hops", "3"],
    &[
        "query",
        "Defence Minister Rajnath Singh",
        "Japan",
        "--format",
        "json",
    ],
    &["query", "country:india", "country:japan", "--limit", "2"],
    &["query", "Modi", "Abe", "--max-hops", "2"],
    &["query", "Indai", "Japan"],
    &["query", "India", "Japan", "--max-hops", "11"],
    &["show", "India"],
    &["show", "India", "--format", "json"],
    &["show", "Japan"],
    &["show", "Rajnath Singh", "--format", "json"],
    &["show", "Special Strategic and Global Partnership"],
    &["show", "Nowhere"],
    &["timeline", "India"],
    &["timeline", "India", "Japan"],
    &["timeline", "India", "Japan", "--format", "json"],
    &[
        "timeline",
        "Japan",
        "Philippines",
        "--format",
        "svg",
        "-o",
        "-",
    ],
    &["timeline", "Rajnath Singh"],
    &[
        "export", "--focus", "India", "--focus", "Japan", "--format", "dot", "-o", "-",
    ],
    &[
        "export",
        "--focus",
        "Rajnath Singh",
        "--focus",
        "Nakatani",
        "--format",
        "svg",
        "-o",
        "-",
    ],
    &[
        "export", "--focus", "India", "--focus", "Nowhere", "--format", "dot", "-o", "-",
    ],
    &["query", "India", "Japan", "--as-of", "2015"],
    &[
        "query", "India", "Japan", "--as-of", "2010", "--format", "json",
    ],
    &["query", "India", "Japan", "--as-of", "2005-06"],
    &["query", "Rajnath Singh", "Nakatani", "--as-of", "2024"],
    &["query", "India", "Japan", "--as-of", "20x5"],
    // Neighbourhoods: capped, at every depth, filtered.
    &["export", "--focus", "Japan", "--format", "dot", "-o", "-"],
    &[
        "export", "--focus", "India", "--depth", "1", "--format", "dot", "-o", "-",
    ],
    &[
        "export",
        "--focus",
        "India",
        "--depth",
        "3",
        "--max-nodes",
        "200",
        "--format",
        "dot",
        "-o",
        "-",
    ],
    &[
        "export",
        "--focus",
        "Japan",
        "--max-nodes",
        "5",
        "--format",
        "svg",
        "-o",
        "-",
    ],
    &[
        "export",
        "--focus",
        "Japan",
        "--depth",
        "2",
        "--kinds",
        "country,official,milestone",
        "--since",
        "2024",
        "--format",
        "dot",
        "-o",
        "-",
    ],
    &[
        "export", "--focus", "Japan", "--until", "2014", "--format", "json", "-o", "-",
    ],
    &[
        "export",
        "--focus",
        "Rajnath Singh",
        "--format",
        "graphml",
        "-o",
        "-",
    ],
    &["export", "--focus", "Nowhere", "--format", "dot", "-o", "-"],
    // Paths, filtered or for other tools.
    &[
        "export",
        "--focus",
        "India",
        "--focus",
        "Japan",
        "--kinds",
        "country,agreement",
        "--format",
        "dot",
        "-o",
        "-",
    ],
    &[
        "export", "--focus", "India", "--focus", "Japan", "--since", "2020", "--format", "dot",
        "-o", "-",
    ],
    &[
        "export", "--focus", "India", "--focus", "Japan", "--format", "json", "-o", "-",
    ],
    &[
        "export", "--focus", "India", "--focus", "Japan", "--format", "graphml", "-o", "-",
    ],
    // The whole graph: all of it, capped, filtered.
    &["export", "--format", "dot", "-o", "-"],
    &["export", "--format", "graphml", "-o", "-"],
    &["export", "--format", "json", "-o", "-"],
    &["export", "--max-nodes", "12", "--format", "dot", "-o", "-"],
    &["export", "--max-nodes", "1", "--format", "json", "-o", "-"],
    &["export", "--max-nodes", "8", "--format", "svg", "-o", "-"],
    &[
        "export",
        "--kinds",
        "country,official",
        "--format",
        "dot",
        "-o",
        "-",
    ],
    &[
        "export", "--until", "2010", "--format", "graphml", "-o", "-",
    ],
    &[
        "export",
        "--kinds",
        "milestone",
        "--since",
        "2030",
        "--format",
        "dot",
        "-o",
        "-",
    ],
    // Reports.
    &["report", "India", "Japan", "-o", "-"],
    &[
        "report",
        "Rajnath Singh",
        "Nakatani",
        "--max-hops",
        "3",
        "--limit",
        "4",
        "-o",
        "-",
    ],
    &["report", "Philippines", "Japan", "-o", "-"],
    &["report", "India", "Jpan", "-o", "-"],
];

#[test]
fn every_reading_command_from_the_snapshot_matches_the_store() {
    let ws = store_with_snapshot();
    let plain = plain_copy(&ws);
    garble_store(&ws);
    // The commands meant to fail: a name no entity has, a bad flag value,
    // a filter that leaves nothing.
    let failing = ["Indai", "Nowhere", "Jpan", "11", "20x5", "2030"];
    for args in COMMANDS {
        let (from_index, from_ron) = (run(&ws, args), run(&plain, args));
        assert_eq!(from_index, from_ron, "kg {}", args.join(" "));
        let meant = !args.iter().any(|a| failing.contains(a));
        assert_eq!(
            from_index.2,
            meant,
            "kg {}: {}",
            args.join(" "),
            from_index.1
        );
    }
    // The RON path really was not taken: a command that must read it fails.
    let (_, err, ok) = run(&ws, &["reindex"]);
    assert!(!ok, "reindex reads the garbled store: {err}");
}

#[test]
fn a_neo4j_folder_from_the_snapshot_matches_the_store() {
    let ws = store_with_snapshot();
    let plain = plain_copy(&ws);
    garble_store(&ws);
    for args in [
        &["export", "--format", "neo4j", "-o", "neo4j"][..],
        &[
            "export", "--focus", "Japan", "--format", "neo4j", "-o", "neo4j",
        ],
    ] {
        let (out, err, ok) = run(&ws, args);
        assert!(ok, "{err}");
        assert_eq!((out, err, ok), run(&plain, args), "kg {}", args.join(" "));
        let mut names: Vec<String> = std::fs::read_dir(ws.path("neo4j"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        assert!(names.contains(&"relations.csv".to_string()), "{names:?}");
        for name in names {
            let path = format!("neo4j/{name}");
            assert_eq!(
                std::fs::read(ws.path(&path)).unwrap(),
                std::fs::read(plain.path(&path)).unwrap(),
                "{path} of kg {}",
                args.join(" ")
            );
        }
    }
}

/// A short article of its own, to ingest into a store that has a snapshot.
const ARTICLE: &str = "New Delhi [India], March 3 (ANI): Defence Minister Rajnath Singh \
met his Australian counterpart Richard Marles in New Delhi on Monday.\n";

#[test]
fn writers_write_the_snapshot_anew() {
    let ws = store_with_snapshot();
    ws.write("more/marles.txt", ARTICLE);
    let check = |what: &str| {
        // Current: the next command answers from it without a word on stderr,
        // and prints what the store itself answers.
        let plain = plain_copy(&ws);
        for args in [&["stats"][..], &["show", "Rajnath Singh"]] {
            let (out, err, ok) = run(&ws, args);
            assert!(ok && err.is_empty(), "after {what}: {err}");
            assert_eq!(
                out,
                run(&plain, args).0,
                "after {what}: kg {}",
                args.join(" ")
            );
        }
    };
    let (out, err, ok) = run(&ws, &["ingest", "more", "--date", "2025-03-03"]);
    assert!(ok, "{err}");
    assert!(
        out.trim_end().ends_with(
            "and STORE.snapshot"
                .replace("STORE", &ws.path("store").display().to_string())
                .as_str()
        ),
        "{out}"
    );
    check("ingest");
    let (out, err, ok) = run(&ws, &["forget", "more/marles.txt"]);
    assert!(ok, "{err}");
    assert!(out.contains(".snapshot"), "{out}");
    check("forget");
    let (_, err, ok) = run(&ws, &["reindex"]);
    assert!(ok, "{err}");
    check("reindex");
}

#[test]
fn a_stale_snapshot_is_said_and_the_store_answers() {
    let ws = store_with_snapshot();
    // An edit by hand: the snapshot no longer matches the store.
    let mut text = String::from_utf8(ws.store_bytes()).unwrap();
    text.push('\n');
    ws.write("store.ron", &text);
    let plain = plain_copy(&ws);
    for args in [
        &["stats"][..],
        &["show", "India"],
        &["query", "India", "Japan"],
    ] {
        let (out, err, ok) = run(&ws, args);
        assert!(ok, "{err}");
        assert!(err.contains("store.snapshot is older than"), "{err}");
        assert!(err.contains("reading STORE instead"), "{err}");
        assert_eq!(out, run(&plain, args).0, "kg {}", args.join(" "));
        // The snapshot was written anew: the next command uses it, silently.
        let (again, err, ok) = run(&ws, args);
        assert!(ok && err.is_empty(), "{err}");
        assert_eq!(again, out, "kg {}", args.join(" "));
        text.push('\n');
        ws.write("store.ron", &text);
    }
}

/// A store imported from CSV: `places` places, each in one of ten countries.
fn imported(places: usize, snapshot: &str) -> Workspace {
    let ws = Workspace::new();
    let mut nodes = String::from("id,kind,label\n");
    let mut edges = String::from("source,target,relation\n");
    for c in 0..10 {
        nodes.push_str(&format!("country:c{c},country,Country {c}\n"));
    }
    for p in 0..places {
        nodes.push_str(&format!("place:p{p},place,Place {p}\n"));
        edges.push_str(&format!("place:p{p},country:c{},located_in\n", p % 10));
    }
    ws.write("nodes.csv", nodes);
    ws.write("edges.csv", edges);
    ws.kg()
        .args(["import", "--nodes", "nodes.csv", "--edges", "edges.csv"])
        .args(["--snapshot", snapshot])
        .assert()
        .success();
    ws
}

#[test]
fn a_whole_graph_too_large_to_draw_is_refused_with_advice() {
    let ws = imported(2_500, "always");
    let plain = imported(2_500, "never");
    assert!(!plain.path("store.snapshot").exists());
    for format in ["svg", "dot", "png"] {
        let args = ["export", "--format", format];
        let (out, err, ok) = run(&ws, &args);
        assert!(!ok && out.is_empty(), "{out}");
        assert!(err.contains("2510 entities, too many to draw"), "{err}");
        assert!(
            err.contains("--max-nodes N") && err.contains("--focus"),
            "{err}"
        );
        assert_eq!((out, err, ok), run(&plain, &args));
    }
    let code = ws
        .kg()
        .args(["export", "--format", "svg"])
        .output()
        .unwrap();
    assert_eq!(code.status.code(), Some(2));
    // Capped, a part of it, or for other tools: answered, alike from both.
    garble_store(&ws);
    for args in [
        &["export", "--max-nodes", "30", "--format", "dot", "-o", "-"][..],
        &[
            "export",
            "--focus",
            "Country 3",
            "--format",
            "dot",
            "-o",
            "-",
        ],
        &[
            "export", "--focus", "Place 7", "--depth", "3", "--format", "json", "-o", "-",
        ],
        &["export", "--format", "json", "-o", "-"],
        &["report", "Place 1", "Place 2", "-o", "-"],
    ] {
        let (from_index, from_ron) = (run(&ws, args), run(&plain, args));
        assert!(from_index.2, "kg {}: {}", args.join(" "), from_index.1);
        assert_eq!(from_index, from_ron, "kg {}", args.join(" "));
    }
}

#[test]
fn a_csv_row_given_twice_is_two_pieces_of_evidence_from_the_snapshot_too() {
    let import = |snapshot: &str| {
        let ws = Workspace::new();
        ws.write(
            "nodes.csv",
            "id,kind,label\ncountry:a,country,A\ncountry:b,country,B\nagreement:x,agreement,X\n",
        );
        ws.write(
            "edges.csv",
            "source,target,relation\ncountry:a,agreement:x,party_to\n\
             country:b,agreement:x,party_to\ncountry:a,agreement:x,party_to\n",
        );
        ws.kg()
            .args(["import", "--nodes", "nodes.csv", "--edges", "edges.csv"])
            .args(["--snapshot", snapshot])
            .assert()
            .success();
        ws
    };
    let (ws, plain) = (import("always"), import("never"));
    garble_store(&ws);
    let args = ["export", "--format", "graphml", "-o", "-"];
    let (out, err, ok) = run(&ws, &args);
    assert!(ok, "{err}");
    assert!(out.contains("<data key=\"e_evidence\">2</data>"), "{out}");
    assert_eq!((out, err, ok), run(&plain, &args));
}

#[test]
fn whole_graph_files_for_other_tools_are_streamed_as_the_store_writes_them() {
    let ws = store_with_snapshot();
    let plain = plain_copy(&ws);
    garble_store(&ws);
    for (args, files) in [
        (
            &["export", "--format", "graphml", "-o", "out/g.graphml"][..],
            &["out/g.graphml"][..],
        ),
        (
            &["export", "--format", "json"],
            &["exports/knowledge-graph.json"],
        ),
        (
            &[
                "export",
                "--kinds",
                "country,agreement",
                "--format",
                "json",
                "-o",
                "j.json",
            ],
            &["j.json"],
        ),
        (
            &[
                "export",
                "--max-nodes",
                "5",
                "--format",
                "neo4j",
                "-o",
                "neo",
            ],
            &["neo/nodes_country.csv", "neo/relations.csv"],
        ),
        (
            &["export", "--since", "2020", "--format", "neo4j"],
            &["exports/knowledge-graph-neo4j/relations.csv"],
        ),
    ] {
        let (from_index, from_ron) = (run(&ws, args), run(&plain, args));
        assert!(from_index.2, "kg {}: {}", args.join(" "), from_index.1);
        assert_eq!(
            from_index
                .0
                .replace(&ws.dir.path().display().to_string(), "DIR"),
            from_ron
                .0
                .replace(&plain.dir.path().display().to_string(), "DIR"),
            "kg {}",
            args.join(" ")
        );
        assert_eq!(from_index.1, from_ron.1, "kg {}", args.join(" "));
        for file in files {
            let streamed = std::fs::read(ws.path(file)).unwrap();
            assert!(!streamed.is_empty(), "{file}");
            assert_eq!(
                streamed,
                std::fs::read(plain.path(file)).unwrap(),
                "{file} of kg {}",
                args.join(" ")
            );
        }
    }
    // A filter that leaves nothing fails alike, before any file is written.
    let args = [
        "export",
        "--kinds",
        "milestone",
        "--since",
        "2030",
        "--format",
        "graphml",
    ];
    let (from_index, from_ron) = (run(&ws, &args), run(&plain, &args));
    assert!(!from_index.2);
    assert_eq!(from_index, from_ron);
    assert!(!ws.path("exports/knowledge-graph.graphml").exists());
}

#[test]
fn a_large_store_is_rewritten_one_item_per_line_and_reads_back_alike() {
    // 50,010 entities and 50,000 relations: large enough for the line layout.
    let ws = imported(50_000, "auto");
    let fresh = run(&ws, &["stats"]).0;
    ws.write("more/marles.txt", ARTICLE);
    let (out, err, ok) = run(&ws, &["ingest", "more", "--date", "2025-03-03"]);
    assert!(ok, "{err}");
    // Into a large store, an ingest appends its articles to the journal; the
    // store and its snapshot are written whole when it is folded in.
    assert!(ws.path("store.journal").exists(), "{out}");
    let journaled = run(&ws, &["show", "Rajnath Singh"]);
    assert!(journaled.2, "{}", journaled.1);
    let (out, err, ok) = run(&ws, &["compact"]);
    assert!(ok, "{err}");
    assert!(out.trim_end().ends_with(".snapshot"), "{out}");
    assert!(!ws.path("store.journal").exists(), "{out}");
    // The first reader after the ingest rebuilt the snapshot (and said so).
    assert!(journaled.1.contains("for fast opening"), "{}", journaled.1);
    assert_eq!(run(&ws, &["show", "Rajnath Singh"]).0, journaled.0);
    let text = String::from_utf8(ws.store_bytes()).unwrap();
    let loaded = kg::store::load(&ws.store()).unwrap().unwrap();
    assert!(loaded.graph.edge_count() > 50_000);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("    (source: "))
            .count(),
        loaded.graph.edge_count(),
        "one relation per line"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("    (id: ")).count(),
        loaded.graph.node_count() + loaded.graph.articles().count(),
        "one entity or article per line"
    );
    // The snapshot written beside it answers what the store answers.
    let check = |what: &str| {
        let plain = plain_copy(&ws);
        for args in [&["stats"][..], &["show", "Country 3"]] {
            let (out, err, ok) = run(&ws, args);
            assert!(ok && err.is_empty(), "after {what}: {err}");
            assert_eq!(
                out,
                run(&plain, args).0,
                "after {what}: kg {}",
                args.join(" ")
            );
        }
    };
    check("ingest");
    assert!(run(&ws, &["show", "Rajnath Singh"]).2);
    // A bad input leaves it as it was.
    let before = ws.store_bytes();
    let (_, err, ok) = run(&ws, &["ingest", "more/missing.txt"]);
    assert!(!ok, "{err}");
    let (_, err, ok) = run(&ws, &["forget", "no-such-article"]);
    assert!(!ok, "{err}");
    assert_eq!(ws.store_bytes(), before);
    // Forgotten, the graph is the import's again.
    let (_, err, ok) = run(&ws, &["forget", "more/marles.txt"]);
    assert!(ok, "{err}");
    check("forget");
    assert_eq!(run(&ws, &["stats"]).0, fresh);
    let (out, err, ok) = run(&ws, &["reindex"]);
    assert!(ok, "{err}");
    assert!(out.contains("nothing changed"), "{out}");
}
