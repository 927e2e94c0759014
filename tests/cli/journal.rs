//! The journal of a large store: ingests into it write only their articles,
//! readers see them, and folding it in (`kg compact`) writes the store an
//! ingest of everything at once would have written, byte for byte.

use crate::crash::article;
use crate::util::Workspace;

/// Article `i`, padded so that sixty of them hold over 1 MiB of text (a
/// store an ingest goes through the journal of).
pub(crate) fn long_article(i: usize) -> String {
    format!(
        "{}\n{}\n",
        article(i),
        "The talks went on into the evening. ".repeat(600)
    )
}

fn ingest(ws: &Workspace, paths: &[&str]) -> String {
    let out = ws.kg().arg("ingest").args(paths).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn ingests_through_the_journal_fold_into_the_store_written_at_once() {
    let (one_by_one, at_once) = (Workspace::new(), Workspace::new());
    for ws in [&one_by_one, &at_once] {
        for i in 0..60 {
            ws.write(&format!("base/{i:02}.txt"), long_article(i));
        }
        ws.write("x1.txt", long_article(100));
        ws.write("x2.txt", long_article(101));
    }
    ingest(&one_by_one, &["base"]);
    let journal = one_by_one.path("store.journal");
    assert!(!journal.exists());
    let before = one_by_one.store_bytes();
    ingest(&one_by_one, &["x1.txt"]);
    ingest(&one_by_one, &["x2.txt"]);
    // The store itself was left as it was; the journal holds the two.
    assert!(journal.exists());
    assert_eq!(one_by_one.store_bytes(), before);
    let stats = |ws: &Workspace| {
        let out = ws.kg().arg("stats").output().unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let journaled = stats(&one_by_one);
    let counted = crate::util::json_of(one_by_one.kg().args(["stats", "--format", "json"]));
    assert_eq!(counted["article_count"], 62, "{journaled}");
    // Known articles are known through the journal too.
    assert!(ingest(&one_by_one, &["x2.txt"]).contains("nothing new"));

    ingest(&at_once, &["base", "x1.txt", "x2.txt"]);
    assert!(!at_once.path("store.journal").exists());
    let out = one_by_one.kg().arg("compact").output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("folded 2 journaled articles"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!journal.exists());
    assert!(one_by_one.store_bytes() == at_once.store_bytes());
    assert_eq!(stats(&one_by_one), journaled);
}

/// A store edited by hand while its journal held articles keeps them: read
/// on top of the edited RON with a warning, folded in by the next write.
#[test]
fn a_store_edited_by_hand_keeps_the_articles_its_journal_held() {
    let ws = Workspace::new();
    for i in 0..60 {
        ws.write(&format!("base/{i:02}.txt"), long_article(i));
    }
    ws.write("x1.txt", long_article(100));
    ws.write("x2.txt", long_article(101));
    ingest(&ws, &["base"]);
    ingest(&ws, &["x1.txt"]);
    assert!(ws.path("store.journal").exists());
    // The edit: a comment added at the top, as a person might.
    let mut edited = b"// checked by hand\n".to_vec();
    edited.extend(ws.store_bytes());
    std::fs::write(ws.store(), edited).unwrap();
    let out = ws.kg().arg("stats").output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(stdout.contains("61 outlets"), "{stdout}");
    assert!(
        stderr.contains("was written for an earlier") && stderr.contains("its 1 article is"),
        "{stderr}"
    );
    ingest(&ws, &["x2.txt"]);
    assert!(!ws.path("store.journal").exists());
    let out = ws.kg().arg("stats").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("62 outlets"));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
