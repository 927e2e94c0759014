//! `kg query`, `kg show`, `kg stats`, `kg timeline` and `kg export --focus A B`
//! answered from the snapshot beside a store must print what the same commands
//! print from the RON store itself; and the commands that rewrite the store
//! write the snapshot anew.

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
];

#[test]
fn query_show_and_stats_from_the_snapshot_match_the_store() {
    let ws = store_with_snapshot();
    let plain = plain_copy(&ws);
    garble_store(&ws);
    for args in COMMANDS {
        let (from_index, from_ron) = (run(&ws, args), run(&plain, args));
        assert_eq!(from_index, from_ron, "kg {}", args.join(" "));
    }
    // The RON path really was not taken: it cannot read the garbled store.
    let (_, err, ok) = run(&ws, &["query", "India", "Japan", "--as-of", "2015"]);
    assert!(
        !ok,
        "--as-of needs the full graph, read from the store: {err}"
    );
}

#[test]
fn as_of_reads_the_store_and_agrees_with_it() {
    let ws = store_with_snapshot();
    let plain = plain_copy(&ws);
    for args in [
        &["query", "India", "Japan", "--as-of", "2015"][..],
        &[
            "query", "India", "Japan", "--as-of", "2010", "--format", "json",
        ],
    ] {
        assert_eq!(run(&ws, args), run(&plain, args), "kg {}", args.join(" "));
    }
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
