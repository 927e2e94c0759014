//! Bad input: each case fails with a message naming the file and the problem,
//! a non-zero exit code, and an existing store left byte for byte as it was.

use crate::util::{seed, Workspace};
use assert_cmd::assert::Assert;
use predicates::prelude::*;

/// Runs `args` against a store holding two articles; expects failure with
/// `code` and every fragment on stderr, and the store unchanged.
fn fails(setup: impl FnOnce(&Workspace) -> Vec<String>, code: i32, fragments: &[&str]) -> Assert {
    let ws = Workspace::with_store();
    let before = ws.store_bytes();
    let args = setup(&ws);
    let assert = ws.kg().args(&args).assert().failure().code(code);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("kg: "), "{stderr}");
    for fragment in fragments {
        assert!(stderr.contains(fragment), "{fragment:?} not in {stderr:?}");
    }
    assert_eq!(ws.store_bytes(), before, "the store was touched");
    assert
}

fn path_arg(ws: &Workspace, name: &str) -> String {
    ws.path(name).display().to_string()
}

#[test]
fn a_missing_file() {
    fails(
        |ws| vec!["ingest".into(), path_arg(ws, "nope.txt")],
        1,
        &["nope.txt", "no such file"],
    );
}

#[test]
fn a_binary_file() {
    fails(
        |ws| {
            ws.write("blob.txt", b"India\0Japan\x01\x02");
            vec!["ingest".into(), path_arg(ws, "blob.txt")]
        },
        1,
        &["blob.txt", "binary data", "offset 5"],
    );
}

#[test]
fn an_empty_file() {
    fails(
        |ws| {
            ws.write("empty.txt", " \n\t\n");
            vec!["ingest".into(), path_arg(ws, "empty.txt")]
        },
        1,
        &["empty.txt", "empty"],
    );
}

#[test]
fn a_folder_without_articles() {
    fails(
        |ws| {
            ws.write("nothing/here.json", "{}");
            vec!["ingest".into(), path_arg(ws, "nothing")]
        },
        1,
        &["nothing", "no .txt, .md or .html articles"],
    );
}

#[test]
fn invalid_utf8() {
    fails(
        |ws| {
            ws.write(
                "latin1.txt",
                b"Tokyo, caf\xe9 talks between India and Japan.",
            );
            vec!["ingest".into(), path_arg(ws, "latin1.txt")]
        },
        1,
        &["latin1.txt", "not valid UTF-8", "offset 10"],
    );
}

#[test]
fn one_bad_file_in_a_batch_stops_the_whole_ingest() {
    fails(
        |ws| {
            ws.copy(&seed(), "batch/a_good.txt");
            ws.write("batch/b_empty.txt", "");
            vec!["ingest".into(), path_arg(ws, "batch")]
        },
        1,
        &["b_empty.txt", "empty"],
    );
}

#[test]
fn extract_of_a_missing_file() {
    fails(
        |ws| vec!["extract".into(), path_arg(ws, "gone.md")],
        1,
        &["gone.md", "no such file"],
    );
}

#[test]
fn a_corrupt_store_names_line_and_column() {
    let ws = Workspace::with_store();
    let whole = ws.store_bytes();
    std::fs::write(ws.store(), &whole[..whole.len() / 2]).unwrap();
    let cut = ws.store_bytes();
    for args in [
        vec!["query", "India", "Japan"],
        vec!["stats"],
        vec!["export", "--format", "dot"],
    ] {
        let assert = ws.kg().args(&args).assert().failure().code(1);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains("store.ron"), "{stderr}");
        assert!(stderr.contains("corrupt store at line "), "{stderr}");
        assert!(stderr.contains(", column "), "{stderr}");
    }
    let own = ws.copy(&seed(), "more.txt");
    ws.kg().arg("ingest").arg(own).assert().failure().code(1);
    assert_eq!(
        ws.store_bytes(),
        cut,
        "a corrupt store is neither rebuilt nor replaced"
    );
}

#[test]
fn a_store_from_a_newer_kg() {
    let ws = Workspace::with_store();
    let text = String::from_utf8(ws.store_bytes()).unwrap();
    let newer = text.replacen("version: 2,", "version: 99,", 1);
    assert_ne!(newer, text);
    std::fs::write(ws.store(), &newer).unwrap();
    ws.kg()
        .args(["show", "India"])
        .assert()
        .failure()
        .code(1)
        .stderr(
            predicate::str::contains("store.ron")
                .and(predicate::str::contains("version 99 is newer")),
        );
    assert_eq!(ws.store_bytes(), newer.as_bytes());
}

#[test]
fn an_unknown_entity_lists_suggestions() {
    let assert = fails(
        |_| vec!["query".into(), "India".into(), "Jpan".into()],
        1,
        &[
            "store.ron",
            "unknown entity \"Jpan\"",
            "did you mean: Japan",
        ],
    );
    assert.stdout("");
    fails(
        |_| vec!["timeline".into(), "Atlantis".into()],
        1,
        &["unknown entity \"Atlantis\""],
    );
}

#[test]
fn max_hops_out_of_range() {
    for hops in ["0", "100"] {
        fails(
            |_| {
                ["query", "India", "Japan", "--max-hops", hops]
                    .map(String::from)
                    .to_vec()
            },
            2,
            &[&format!("--max-hops must be between 1 and 10, got {hops}")],
        );
    }
}

#[test]
fn a_malformed_date() {
    fails(
        |ws| {
            let file = ws.copy(&seed(), "dated.txt");
            vec![
                "ingest".into(),
                "--date".into(),
                "2025-13-45".into(),
                file.display().to_string(),
            ]
        },
        2,
        &["invalid --date \"2025-13-45\"", "YYYY-MM-DD"],
    );
}

#[test]
fn usage_errors_exit_with_two() {
    let ws = Workspace::new();
    ws.kg().arg("ingest").assert().failure().code(2);
    ws.kg()
        .args(["export", "--format", "jpeg"])
        .assert()
        .failure()
        .code(2);
    ws.kg().arg("frobnicate").assert().failure().code(2);
    assert!(!ws.store().exists());
}

#[test]
fn a_200_mb_file_is_refused_by_its_size_without_reading_it() {
    let started = std::time::Instant::now();
    fails(
        |ws| {
            let path = ws.path("huge.txt");
            // Sparse: no 200 MB are written, and reading it would take a while.
            let file = std::fs::File::create(&path).unwrap();
            file.set_len(200 * 1024 * 1024).unwrap();
            vec!["ingest".into(), path.display().to_string()]
        },
        1,
        &[
            "huge.txt",
            "too large for an article (209715200 bytes; the limit is 16777216 bytes)",
        ],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn an_empty_or_garbled_store_names_line_and_column() {
    let ws = Workspace::with_store();
    let good = ws.store_bytes();
    for (damage, bytes, at) in [
        ("empty", Vec::new(), "line 1, column 1"),
        (
            "garbage",
            b"(\n  version: 2,\n  articles: [oops".to_vec(),
            "line 3, column ",
        ),
        (
            "not UTF-8",
            [&good[..20], b"\xff\xfe", &good[20..]].concat(),
            "not valid UTF-8 (byte offset 20)",
        ),
    ] {
        std::fs::write(ws.store(), &bytes).unwrap();
        let assert = ws.kg().args(["stats"]).assert().failure().code(1);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(
            stderr.contains("store.ron: corrupt store at line "),
            "{damage}: {stderr}"
        );
        assert!(stderr.contains(at), "{damage}: {at:?} not in {stderr}");
        let file = ws.copy(&seed(), "more.txt");
        ws.kg().arg("ingest").arg(file).assert().failure().code(1);
        assert_eq!(ws.store_bytes(), bytes, "{damage}: the store was touched");
    }
}

#[test]
fn forgetting_an_unknown_article_suggests_paths() {
    fails(
        |ws| {
            let near = ws.path("articles/sed.txt").display().to_string();
            vec!["forget".into(), near]
        },
        1,
        &[
            "store.ron: no article ",
            "sed.txt",
            "give an id, an id prefix, or the path it was ingested from",
            "did you mean: ",
            "articles/seed.txt",
        ],
    );
    fails(
        |_| vec!["forget".into(), "0000000000000000".into()],
        1,
        &["no article \"0000000000000000\""],
    );
}

#[test]
fn forget_needs_an_article() {
    let ws = Workspace::with_store();
    ws.kg().arg("forget").assert().failure().code(2);
}
