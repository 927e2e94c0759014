//! Safety at the edges: output paths that are devices or symlinks, special
//! files among the articles, text that no XML may hold.

use crate::util::{seed, Workspace};
use predicates::prelude::*;
use std::os::unix::fs::{symlink, FileTypeExt};
use std::path::Path;
use std::process::Command as Std;

/// Builds the store from the seed article, so exports have something to write.
fn seeded() -> Workspace {
    let ws = Workspace::new();
    ws.kg().arg("ingest").arg(seed()).assert().success();
    ws
}

/// Runs a coreutils command that makes a special file; false (with a visible
/// note) where this machine does not permit it.
fn make_special(program: &str, args: &[&str], what: &str) -> bool {
    let ok = Std::new(program)
        .args(args)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("SKIPPED: {what}: `{program}` is not permitted or not found here");
    }
    ok
}

#[test]
fn output_onto_a_character_device_writes_through_and_keeps_the_device() {
    let ws = seeded();
    let null = ws.path("null");
    let null_s = null.to_string_lossy().to_string();
    if !make_special("mknod", &[&null_s, "c", "1", "3"], "the /dev/null replica") {
        return;
    }
    for args in [
        vec!["export", "--format", "dot", "-o", &null_s],
        vec![
            "timeline", "India", "Japan", "--format", "svg", "-o", &null_s,
        ],
        vec!["report", "India", "Japan", "-o", &null_s],
    ] {
        ws.kg().args(&args).assert().success();
        let meta = std::fs::symlink_metadata(&null).unwrap();
        assert!(
            meta.file_type().is_char_device(),
            "{args:?} replaced the device"
        );
    }
}

#[test]
fn output_onto_a_full_device_reports_no_space() {
    let ws = seeded();
    let full = ws.path("full");
    let full_s = full.to_string_lossy().to_string();
    if !make_special("mknod", &[&full_s, "c", "1", "7"], "the /dev/full replica") {
        return;
    }
    ws.kg()
        .args(["export", "--format", "dot", "-o", &full_s])
        .assert()
        .failure()
        .stderr(predicate::str::contains("full").and(predicate::str::contains("space")));
    assert!(std::fs::symlink_metadata(&full)
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn output_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let ws = seeded();
    std::fs::create_dir(ws.path("real")).unwrap();
    let target = ws.path("real/graph.dot");
    std::fs::write(&target, "old").unwrap();
    symlink(&target, ws.path("link.dot")).unwrap();
    ws.kg()
        .args(["export", "--format", "dot", "-o", "link.dot"])
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(ws.path("link.dot"))
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("digraph"), "{written}");
}

#[test]
fn output_through_a_dangling_symlink_is_refused() {
    let ws = seeded();
    symlink(ws.path("nowhere/graph.dot"), ws.path("link.dot")).unwrap();
    ws.kg()
        .args(["export", "--format", "dot", "-o", "link.dot"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("link.dot").and(predicate::str::contains("symlink")));
    assert!(std::fs::symlink_metadata(ws.path("link.dot"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_fifo_among_the_articles_is_skipped_and_named_alone_is_refused() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path("news")).unwrap();
    std::fs::copy(seed(), ws.path("news/seed.txt")).unwrap();
    let fifo = ws.path("news/pipe.txt");
    if !make_special("mkfifo", &[&fifo.to_string_lossy()], "a FIFO named .txt") {
        return;
    }
    // A hang here would hit the test's timeout instead of failing fast.
    ws.kg()
        .timeout(std::time::Duration::from_secs(60))
        .args(["ingest", "news"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ingested 1 article"));
    ws.kg()
        .timeout(std::time::Duration::from_secs(60))
        .args(["extract", "news/pipe.txt"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("pipe.txt")
                .and(predicate::str::contains("not a regular file")),
        );
}

#[test]
fn a_symlink_to_an_endless_device_is_refused_not_read() {
    let ws = Workspace::new();
    if !Path::new("/dev/zero").exists() {
        eprintln!("SKIPPED: no /dev/zero here");
        return;
    }
    symlink("/dev/zero", ws.path("zero.txt")).unwrap();
    ws.kg()
        .timeout(std::time::Duration::from_secs(60))
        .args(["extract", "zero.txt"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("zero.txt")
                .and(predicate::str::contains("not a regular file")),
        );
}

#[test]
fn a_whitespace_only_file_is_not_called_empty() {
    let ws = Workspace::new();
    ws.write("blank.txt", " \n\t\n");
    ws.write("empty.txt", "");
    ws.kg()
        .args(["extract", "blank.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "blank.txt: the file holds only whitespace",
        ));
    ws.kg()
        .args(["extract", "empty.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("empty.txt: the file is empty"));
}

#[test]
fn noncharacters_in_the_text_never_reach_xml_outputs() {
    let ws = Workspace::new();
    let text = std::fs::read_to_string(seed()).unwrap().replacen(
        "Defence Minister",
        "Defence\u{FFFE} Minister\u{FFFF}",
        1,
    );
    ws.write("seed.txt", text);
    ws.kg().args(["ingest", "seed.txt"]).assert().success();
    for (args, file) in [
        (
            vec!["export", "--format", "graphml", "-o", "g.graphml"],
            "g.graphml",
        ),
        (vec!["export", "--format", "svg", "-o", "g.svg"], "g.svg"),
        (
            vec![
                "timeline", "India", "Japan", "--format", "svg", "-o", "t.svg",
            ],
            "t.svg",
        ),
    ] {
        ws.kg().args(&args).assert().success();
        let xml = std::fs::read_to_string(ws.path(file)).unwrap();
        assert!(
            !xml.contains('\u{FFFE}') && !xml.contains('\u{FFFF}'),
            "{file}"
        );
        // Graphviz's SVG names its DTD, as browsers take it.
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        roxmltree::Document::parse_with_options(&xml, options)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

/// `kg import` of the two files, expected to fail naming `what` on stderr;
/// the store is left unwritten.
fn import_refused(nodes: &str, edges: &str, what: &str) {
    let ws = Workspace::new();
    ws.write("nodes.csv", nodes);
    ws.write("edges.csv", edges);
    ws.kg()
        .args(["import", "--nodes", "nodes.csv", "--edges", "edges.csv"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(what));
    assert!(!ws.store().exists(), "a refused import wrote the store");
}

#[test]
fn csv_with_a_quote_left_open_is_refused_at_its_line() {
    import_refused(
        "id,kind,label\ncountry:india,country,India\ncountry:japan,country,\"Japan\ncountry:peru,country,Peru\n",
        "source,target,relation\n",
        "nodes.csv:3: unterminated quoted field",
    );
    import_refused(
        "id,kind,label\ncountry:india,country,India\n",
        "source,target,relation\ncountry:india,\"country:india,meets\n",
        "edges.csv:2: unterminated quoted field",
    );
}

#[test]
fn csv_rows_with_more_fields_than_the_header_are_refused() {
    import_refused(
        "id,kind,label\nofficial:smith,official,Smith, John\n",
        "source,target,relation\n",
        "nodes.csv:2: 4 fields, more than the header's 3 columns",
    );
    import_refused(
        "id,kind,label\nofficial:a,official,A\nofficial:b,official,B\n",
        "source,target,relation\nofficial:a,official:b,meets,yesterday\n",
        "edges.csv:2: 4 fields, more than the header's 3 columns",
    );
}

#[test]
fn csv_ids_with_a_nul_byte_are_refused() {
    import_refused(
        "id,kind,label\ncountry:ind\0ia,country,India\n",
        "source,target,relation\n",
        "nodes.csv:2: a NUL byte",
    );
}

#[test]
fn an_os_error_is_printed_once() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path("folder.ron")).unwrap();
    let out = ws
        .kg_bare()
        .args(["--store", "folder.ron", "stats"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let os = err.matches("os error").count();
    assert!(os <= 1, "{err}");
}

#[test]
fn a_store_that_is_not_a_struct_names_no_internal_type() {
    let ws = Workspace::new();
    ws.write("store.ron", "[1, 2]\n");
    ws.kg().arg("stats").assert().failure().stderr(
        predicate::str::contains("corrupt store").and(predicate::str::contains("Probe").not()),
    );
}

#[test]
fn a_store_from_far_in_the_future_is_newer_not_corrupt() {
    let ws = seeded();
    let text = std::fs::read_to_string(ws.store()).unwrap();
    let future = text.replacen("version: 2,", "version: 99999999999,", 1);
    assert_ne!(text, future, "the store's version line moved");
    ws.write("store.ron", future);
    ws.kg()
        .arg("stats")
        .assert()
        .failure()
        .stderr(predicate::str::contains("newer").and(predicate::str::contains("corrupt").not()));
}

#[test]
fn a_write_error_on_stdout_names_stdout() {
    let ws = seeded();
    if !Path::new("/dev/full").exists() {
        eprintln!("SKIPPED: no /dev/full here");
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Std::new(assert_cmd::cargo::cargo_bin("kg"))
        .current_dir(ws.dir.path())
        .arg("--store")
        .arg(ws.store())
        .args(["query", "India", "Japan"])
        .stdout(full)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stdout: cannot write"), "{err}");
}

#[test]
fn forget_with_a_too_short_prefix_says_so() {
    let ws = seeded();
    ws.kg()
        .args(["forget", "2f"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("too short"));
}

#[test]
fn a_limit_of_zero_is_a_usage_error() {
    let ws = seeded();
    for cmd in [
        vec!["query", "India", "Japan"],
        vec!["paths", "India", "Japan"],
    ] {
        ws.kg()
            .args(&cmd)
            .args(["--limit", "0"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("at least 1"));
    }
}

#[test]
fn terminal_escapes_in_article_text_never_reach_the_terminal() {
    let ws = Workspace::new();
    let text = std::fs::read_to_string(seed()).unwrap().replacen(
        "Defence Minister",
        "\u{1b}]0;retitled\u{7}Defence \u{1b}[2JMinister\u{9b}",
        1,
    );
    ws.write("seed.txt", text);
    let out = ws
        .kg()
        .args(["extract", "seed.txt", "--format", "text"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{9b}'));
    assert!(!stdout.contains("retitled"), "the OSC's text leaked");
}

#[test]
fn a_store_reached_through_a_symlink_is_written_at_its_target() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path("real")).unwrap();
    ws.kg_bare()
        .args(["--store", "real/g.ron", "ingest"])
        .arg(crate::util::ssgp_2014())
        .assert()
        .success();
    symlink("real/g.ron", ws.path("link.ron")).unwrap();
    ws.kg_bare()
        .args(["--store", "link.ron", "ingest"])
        .arg(seed())
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(ws.path("link.ron"))
        .unwrap()
        .file_type()
        .is_symlink());
    let real = std::fs::read_to_string(ws.path("real/g.ron")).unwrap();
    assert!(
        real.contains("india_japan_defence_2025-05-04.txt"),
        "the real store never got the article"
    );
    assert!(
        !ws.path("link.ron.lock").exists(),
        "the lock must be the target's, shared with writers through the target"
    );
}

#[test]
fn a_dangling_store_symlink_is_refused_not_replaced() {
    let ws = Workspace::new();
    symlink("gone/g.ron", ws.path("link.ron")).unwrap();
    for cmd in [vec!["stats"], vec!["query", "India", "Japan"]] {
        ws.kg_bare()
            .args(["--store", "link.ron"])
            .args(&cmd)
            .assert()
            .failure()
            .stderr(predicate::str::contains("link.ron").and(predicate::str::contains("symlink")));
    }
    assert!(std::fs::symlink_metadata(ws.path("link.ron"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!ws.path("gone").exists());
}

#[test]
fn import_whose_snapshot_cannot_be_written_warns_and_succeeds() {
    let ws = Workspace::new();
    ws.write(
        "nodes.csv",
        "id,kind,label\ncountry:india,country,India\ncountry:japan,country,Japan\n",
    );
    ws.write("edges.csv", "source,target,relation\n");
    // Where the snapshot goes stands a folder that no file can replace.
    ws.write("store.snapshot/keep", "x");
    ws.kg()
        .args(["import", "--nodes", "nodes.csv", "--edges", "edges.csv"])
        .args(["--snapshot", "always"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("warning: cannot write")
                .and(predicate::str::contains("store.snapshot")),
        );
    ws.kg().args(["show", "India"]).assert().success();
}

#[test]
fn temporaries_of_killed_writers_snapshots_included_are_removed_by_the_next_writer() {
    let ws = seeded();
    ws.write(".store.ron.a1b2c3.tmp", "half a store");
    ws.write(".snapshot-d4e5f6.tmp", "half a snapshot from an older kg");
    ws.write(".other.ron.a1b2c3.tmp", "another store's");
    ws.kg()
        .arg("ingest")
        .arg(crate::util::ssgp_2014())
        .assert()
        .success();
    assert!(!ws.path(".store.ron.a1b2c3.tmp").exists());
    assert!(!ws.path(".snapshot-d4e5f6.tmp").exists());
    assert!(ws.path(".other.ron.a1b2c3.tmp").exists());
}

#[test]
fn a_reader_finding_a_stale_snapshot_waits_for_the_writer_holding_the_lock() {
    let ws = Workspace::new();
    ws.write(
        "nodes.csv",
        "id,kind,label\ncountry:india,country,India\ncountry:japan,country,Japan\nofficial:a,official,A\n",
    );
    ws.write(
        "edges.csv",
        "source,target,relation\nofficial:a,country:india,represents\n",
    );
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
    // A writer between its two renames: the store is new, the snapshot old.
    let mut text = std::fs::read_to_string(ws.store()).unwrap();
    text.push('\n');
    std::fs::write(ws.store(), text).unwrap();
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(ws.path("store.ron.lock"))
        .unwrap();
    lock.lock().unwrap();
    let mut reader = Std::new(assert_cmd::cargo::cargo_bin("kg"))
        .current_dir(ws.dir.path())
        .arg("--store")
        .arg(ws.store())
        .args(["show", "India"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        reader.try_wait().unwrap().is_none(),
        "the reader did not wait for the writer's lock"
    );
    lock.unlock().unwrap();
    let out = reader.wait_with_output().unwrap();
    assert!(out.status.success());
}

/// The seeded store with `from` replaced by `to` (once), which must be refused
/// on loading with a message holding `what` and a line number.
fn hand_edit_refused(from: &str, to: &str, what: &str) {
    let ws = seeded();
    let text = std::fs::read_to_string(ws.store()).unwrap();
    assert!(text.contains(from), "the store has no {from:?}");
    let edited = text.replacen(from, to, 1);
    ws.write("store.ron", &edited);
    ws.kg()
        .arg("stats")
        .assert()
        .failure()
        .stderr(predicate::str::contains(what).and(predicate::str::contains("line ")));
    let after = std::fs::read_to_string(ws.store()).unwrap();
    assert_eq!(after, edited, "a refused store was rewritten");
}

#[test]
fn hand_edited_inconsistencies_are_refused_with_their_line() {
    // Offsets past the article's end, and reversed.
    hand_edit_refused(
        "start: 391, end: 577",
        "start: 391, end: 99999",
        "past the end of article",
    );
    hand_edit_refused(
        "start: 391, end: 577",
        "start: 577, end: 391",
        "after it ends",
    );
    // Evidence citing an article the store does not hold.
    hand_edit_refused(
        "(article: \"2ffed1b7855927e9\", sentence: \"India and Japan share",
        "(article: \"0000000000000000\", sentence: \"India and Japan share",
        "which the store does not hold",
    );
    // A relation between kinds the model does not join.
    hand_edit_refused(
        "      source: \"country:india\",\n      relation: party_to,",
        "      source: \"country:india\",\n      relation: follows,",
        "which the model does not allow",
    );
}
