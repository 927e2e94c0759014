//! A CLI that explains itself: examples in every command's long help, shell
//! completions and a man page generated from the command line's definition.

use crate::util::{stdout_of, Workspace};

/// Every command a user can run (the hidden `bench-worker` aside).
const COMMANDS: [&str; 16] = [
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
    for section in ["SYNOPSIS", "OPTIONS", "EXAMPLES"] {
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
