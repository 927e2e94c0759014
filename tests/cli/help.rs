//! A CLI that explains itself: examples in every command's long help.

use crate::util::{stdout_of, Workspace};

/// Every command a user can run (the hidden `bench-worker` aside).
const COMMANDS: [&str; 14] = [
    "ingest", "extract", "query", "show", "timeline", "eval", "stats", "export", "report",
    "forget", "reindex", "import", "paths", "bench",
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
