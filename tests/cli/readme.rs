//! The README tells the truth: every `$ kg …` example it shows on the shipped
//! corpus is run, and what it prints after the command must appear in what
//! kg prints now (in order, whitespace aside, `…` standing for anything);
//! every file it writes under `exports/` must equal the committed one.
//!
//! `KG_UPDATE_EXPORTS=1 cargo test --test cli readme` rewrites `exports/`
//! from the commands instead of comparing (needs Graphviz, as the committed
//! drawings were made with it).

use crate::util::Workspace;
use std::path::{Path, PathBuf};

/// One `$ kg …` line of a console block and the lines shown after it.
#[derive(Debug)]
struct Example {
    line: usize,
    args: Vec<String>,
    shown: Vec<String>,
}

/// The examples of the README's ```console blocks.
fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut collecting = false;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_console = line.trim() == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        match line.strip_prefix("$ kg ") {
            Some(command) => {
                collecting = true;
                let command = command.split("  #").next().unwrap_or(command).trim();
                out.push(Example {
                    line: i + 1,
                    args: split_args(command),
                    shown: Vec::new(),
                });
            }
            // Another command's line ends what the last `kg` showed.
            None if line.starts_with("$ ") => collecting = false,
            None if collecting => {
                if let Some(last) = out.last_mut() {
                    last.shown.push(line.to_string());
                }
            }
            None => {}
        }
    }
    out
}

/// Shell words: whitespace-separated, `"…"` quoting.
fn split_args(command: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    args.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        args.push(word);
    }
    args
}

/// Whether an example runs on the shipped corpus alone: not on the reader's
/// own files, the shared gold, or a shell redirection.
fn runs_here(args: &[String]) -> bool {
    let own = ["ingest", "import", "eval", "reindex", "forget", "bench"];
    !args.is_empty()
        && !own.contains(&args[0].as_str())
        && !args
            .iter()
            .any(|a| a.starts_with('>') || a.starts_with('~'))
}

/// Whitespace runs as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the `shown` lines appear in `actual` in order, whitespace aside,
/// `…` (or `...` alone on a line) standing for anything; the piece that does
/// not, when one does not.
fn shown_in(shown: &[String], actual: &str) -> Result<(), String> {
    let actual = squeeze(actual);
    let shown = squeeze(&shown.join("\n"));
    let mut at = 0;
    for piece in shown.split('…').map(str::trim).filter(|p| !p.is_empty()) {
        match actual[at..].find(piece) {
            Some(found) => at += found + piece.len(),
            None => return Err(piece.to_string()),
        }
    }
    Ok(())
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn has_graphviz() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A folder like a checkout's: `data/articles` (the shipped corpus) and an
/// empty `exports/`; its store is built from the corpus on first use.
fn checkout_like() -> Workspace {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.path("data")).expect("data/");
    std::fs::create_dir_all(ws.path("exports")).expect("exports/");
    std::os::unix::fs::symlink(repo().join("data/articles"), ws.path("data/articles"))
        .expect("data/articles");
    ws
}

/// The `exports/…` file an example writes with `-o`, if any.
fn written_export(args: &[String]) -> Option<String> {
    let o = args.iter().position(|a| a == "-o")?;
    args.get(o + 1)
        .filter(|p| p.starts_with("exports/"))
        .cloned()
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let ws = checkout_like();
    let graphviz = has_graphviz();
    let update = std::env::var_os("KG_UPDATE_EXPORTS").is_some();
    let mut failures: Vec<String> = Vec::new();
    let mut ran = 0;
    for ex in examples(&readme).into_iter().filter(|e| runs_here(&e.args)) {
        let out = ws.kg_bare().args(&ex.args).output().expect("kg runs");
        ran += 1;
        let printed = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // Exit 1 is an answer too: "no connection" (the README shows one).
        if !out.status.success() && out.status.code() != Some(1) {
            failures.push(format!(
                "README.md:{}: kg {} failed: {printed}",
                ex.line,
                ex.args.join(" ")
            ));
            continue;
        }
        if let Err(piece) = shown_in(&ex.shown, &printed) {
            failures.push(format!(
                "README.md:{}: kg {}: the README shows {piece:?}; kg printed:\n{printed}",
                ex.line,
                ex.args.join(" ")
            ));
        }
        if let Some(file) = written_export(&ex.args) {
            check_export(&ws, &file, graphviz, update, &mut failures);
        }
    }
    assert!(ran >= 10, "only {ran} README examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Compares (or with `update`, rewrites) the committed `exports/…` file with
/// the one an example wrote; drawings only where Graphviz made both.
fn check_export(
    ws: &Workspace,
    file: &str,
    graphviz: bool,
    update: bool,
    failures: &mut Vec<String>,
) {
    let made: PathBuf = ws.path(file);
    let committed = repo().join(file);
    if made.is_dir() {
        return;
    }
    if !graphviz {
        eprintln!("SKIPPED: comparing {file}: no Graphviz here, and the committed drawings were made with it");
        return;
    }
    let made_bytes = std::fs::read(&made).unwrap_or_default();
    if update {
        std::fs::write(&committed, &made_bytes).expect("rewrite exports/");
        return;
    }
    if std::fs::read(&committed).ok() != Some(made_bytes) {
        failures.push(format!(
            "{file} differs from what its README command makes now; \
             run `KG_UPDATE_EXPORTS=1 cargo test --test cli readme` and commit exports/"
        ));
    }
}

#[test]
fn the_matcher_takes_wrapping_and_ellipses() {
    let shown = [
        "1. India —party_to→ X",
        "   source: …: \"a long",
        "   sentence.\"",
        "…",
    ]
    .map(String::from);
    assert_eq!(
        shown_in(
            &shown,
            "1. India —party_to→ X\n   source: T: \"a long sentence.\"\n2. more"
        ),
        Ok(())
    );
    assert!(shown_in(&shown, "1. India —party_to→ Y").is_err());
    assert_eq!(
        split_args(r#"query "Rajnath Singh" Nakatani --format json"#),
        ["query", "Rajnath Singh", "Nakatani", "--format", "json"]
    );
    assert!(!runs_here(&split_args("ingest ~/news/asean/")));
    assert!(runs_here(&split_args("query India Japan")));
}
