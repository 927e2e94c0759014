//! A CLI that explains itself: examples in every command's long help, shell
//! completions and a man page generated from the command line's definition,
//! and exit codes as documented (0 success, 1 no connection or failure,
//! 2 usage error).

use crate::util::{shipped, stdout_of, Workspace};

/// Every command a user can run.
const COMMANDS: [&str; 20] = [
    "ingest",
    "extract",
    "query",
    "show",
    "timeline",
    "eval",
    "stats",
    "export",
    "report",
    "forget",
    "reindex",
    "merge",
    "reject",
    "unalias",
    "compact",
    "import",
    "paths",
    "bench",
    "completions",
    "man",
];

#[test]
fn every_command_has_examples_in_its_long_help() {
    let ws = Workspace::new();
    let top = stdout_of(ws.kg_bare().arg("--help"));
    assert!(top.contains("Examples:"), "{top}");
    for command in COMMANDS {
        let help = stdout_of(ws.kg_bare().args([command, "--help"]));
        let examples = help
            .split_once("Examples:")
            .map(|(_, after)| after)
            .unwrap_or_else(|| panic!("no examples in `kg {command} --help`:\n{help}"));
        assert!(
            examples.contains(&format!(" {command}")),
            "the examples of `kg {command} --help` do not run it:\n{examples}"
        );
    }
    assert!(!ws.store().exists(), "help opened the store");
}

#[test]
fn the_long_help_documents_the_exit_codes() {
    let help = stdout_of(Workspace::new().kg_bare().arg("--help"));
    let status = help
        .split_once("Exit status:")
        .map(|(_, after)| after)
        .unwrap_or_else(|| panic!("no exit status in `kg --help`:\n{help}"));
    for code in ["0  ", "1  ", "2  "] {
        assert!(status.contains(code), "exit code {code:?} not in {status}");
    }
    assert!(status.contains("no connection"), "{status}");
    assert!(status.contains("flag value"), "{status}");
}

#[test]
fn completions_for_every_shell() {
    let ws = Workspace::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(ws.kg_bare().args(["completions", shell]));
        for command in ["query", "paths", "export"] {
            assert!(
                script.contains(command),
                "{shell} completions do not mention {command}"
            );
        }
    }
    let bash = stdout_of(ws.kg_bare().args(["completions", "bash"]));
    assert!(bash.contains("complete -F _kg"), "{bash}");
    assert!(bash.contains("--max-hops"), "flags are completed too");
    ws.kg_bare()
        .args(["completions", "tcsh"])
        .assert()
        .failure()
        .code(2);
    assert!(!ws.store().exists());
}

#[test]
fn the_man_page_is_roff_and_names_every_command() {
    let ws = Workspace::new();
    let page = stdout_of(ws.kg_bare().arg("man"));
    assert!(
        page.starts_with(".TH") || page.starts_with(".ie"),
        "not roff: {}",
        &page[..page.len().min(200)]
    );
    assert!(page.contains("\n.TH kg 1"), "the title");
    for section in ["SYNOPSIS", "OPTIONS", "EXAMPLES AND EXIT STATUS"] {
        assert!(
            page.contains(&format!(".SH {section}"))
                || page.contains(&format!(".SH \"{section}\"")),
            "{section}"
        );
    }
    for command in COMMANDS {
        let heading = format!(".SH \"KG {}\"", command.to_uppercase());
        assert!(page.contains(&heading), "no section {heading}");
    }
    assert!(
        !page.to_lowercase().contains("bench-worker"),
        "a hidden command"
    );
    assert!(
        page.contains("kg query India Japan \\-\\-max\\-hops 3"),
        "the examples"
    );
    assert!(!ws.store().exists(), "man opened the store");
}

/// Every date flag with a value that is no date: exit code 2, the flag named
/// on stderr, nothing on stdout, no store made.
#[test]
fn a_bad_date_is_a_usage_error() {
    let ws = Workspace::new();
    let article = ws.copy(&crate::util::seed(), "a.txt");
    let article = article.display().to_string();
    let cases: &[(&[&str], &str)] = &[
        (
            &["query", "India", "Japan", "--as-of", "yesterday"],
            "--as-of",
        ),
        (
            &["query", "India", "Japan", "--as-of", "2025-13-45"],
            "--as-of",
        ),
        (
            &["export", "--format", "dot", "--since", "yesterday"],
            "--since",
        ),
        (
            &["export", "--format", "dot", "--until", "2025-02-30"],
            "--until",
        ),
        (
            &["paths", "India", "Japan", "--from", "yesterday"],
            "--from",
        ),
        (
            &["paths", "India", "Japan", "--until", "2025-13"],
            "--until",
        ),
        (&["ingest", "--date", "yesterday", &article], "--date"),
        (&["extract", "--date", "yesterday", &article], "--date"),
    ];
    for (args, flag) in cases {
        let assert = ws.kg().args(*args).assert().failure().code(2).stdout("");
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(flag), "{args:?}: {flag} not in {stderr}");
    }
    assert!(!ws.store().exists(), "a usage error did work");
}

/// A store of the shipped articles, where no path of one hop joins the
/// Philippines and Australia, and India and Japan are connected.
fn shipped_store() -> Workspace {
    let ws = Workspace::new();
    ws.kg().arg("ingest").arg(shipped()).assert().success();
    ws
}

#[test]
fn no_connection_exits_with_one_after_printing_the_answer() {
    let ws = shipped_store();
    let far = ["Philippines", "Australia", "--max-hops", "1"];

    let assert = ws
        .kg()
        .arg("query")
        .args(far)
        .assert()
        .failure()
        .code(1)
        .stderr("");
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert_eq!(out, "Philippines ⇄ Australia: no connecting path found\n");

    let assert = ws
        .kg()
        .arg("query")
        .args(far)
        .args(["--format", "json"])
        .assert()
        .failure()
        .code(1)
        .stderr("");
    let json: serde_json::Value =
        serde_json::from_slice(&assert.get_output().stdout).expect("JSON output");
    assert_eq!(json["paths"], serde_json::json!([]));

    for mode in ["ranked", "shortest", "all-shortest", "simple"] {
        let assert = ws
            .kg()
            .arg("paths")
            .args(far)
            .args(["--mode", mode])
            .assert()
            .failure()
            .code(1)
            .stderr("");
        let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
        assert!(
            out.starts_with("Philippines ⇄ Australia: "),
            "{mode}: {out}"
        );
    }
    for mode in ["all-shortest", "simple"] {
        ws.kg()
            .arg("paths")
            .args(far)
            .args(["--mode", mode, "--count"])
            .assert()
            .failure()
            .code(1)
            .stderr("");
    }
}

#[test]
fn a_connection_exits_with_zero() {
    let ws = shipped_store();
    ws.kg()
        .args(["query", "India", "Japan", "--max-hops", "2"])
        .assert()
        .success();
    ws.kg().args(["paths", "India", "Japan"]).assert().success();
    ws.kg()
        .args([
            "paths",
            "India",
            "Japan",
            "--mode",
            "all-shortest",
            "--count",
        ])
        .assert()
        .success();
    // An unknown entity is a failure, with a message: exit code 1 too.
    ws.kg()
        .args(["query", "India", "Atlantis"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicates::str::contains("unknown entity"));
}

/// `kg query` answers from the snapshot when the store has one: no
/// connection exits with 1 there too.
#[test]
fn no_connection_from_the_snapshot_exits_with_one() {
    let ws = Workspace::new();
    ws.write(
        "nodes.csv",
        "id,kind,label\ncountry:india,country,India\ncountry:japan,country,Japan\n\
         country:chile,country,Chile\norganization:admm-plus,organization,ADMM-Plus\n",
    );
    ws.write(
        "edges.csv",
        "source,target,relation\ncountry:india,organization:admm-plus,member_of\n\
         country:japan,organization:admm-plus,member_of\n",
    );
    ws.kg()
        .args(["import", "--nodes", "nodes.csv", "--edges", "edges.csv"])
        .args(["--snapshot", "always"])
        .assert()
        .success();
    assert!(ws.path("store.snapshot").exists(), "no snapshot");
    ws.kg()
        .args(["query", "India", "Chile"])
        .assert()
        .failure()
        .code(1)
        .stderr("")
        .stdout("India ⇄ Chile: no connecting path found\n");
    ws.kg()
        .args(["query", "India", "Japan"])
        .assert()
        .success()
        .stdout(predicates::str::contains("India ⇄ Japan: 1 path"));
    ws.kg()
        .args(["paths", "India", "Chile"])
        .assert()
        .failure()
        .code(1)
        .stderr("");
}
