//! An ingest on every core writes the store one core writes: the same RON
//! bytes and the same snapshot after its header (which names the RON's
//! time), however many threads extract, merge, sort and write.

use crate::util::{shipped, Workspace};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Copies of the shipped articles, each told apart by a line of its own (as
/// `kg bench` makes them): enough text (over 1 MiB) that the store is written
/// in the line layout, on every core, with a snapshot beside it.
const COPIES: usize = 800;

fn copies(ws: &Workspace) -> PathBuf {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(shipped())
        .expect("the shipped articles")
        .map(|e| e.expect("an entry").path())
        .collect();
    sources.sort();
    let texts: Vec<String> = sources
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("an article"))
        .collect();
    for i in 0..COPIES {
        let (source, text) = (&sources[i % sources.len()], &texts[i % texts.len()]);
        let name = source.file_name().expect("a name").to_string_lossy();
        ws.write(
            &format!("copies/{i:04}-{name}"),
            format!("{}\n\nBulletin {i}.\n", text.trim_end()),
        );
    }
    ws.path("copies")
}

/// `kg --store STORE ingest FOLDER`, pinned to one core when `pin` is given
/// (a command such as `taskset -c 0`), with `threads` rayon threads.
fn ingest(ws: &Workspace, pin: &[&str], threads: &str, store: &Path, folder: &Path) {
    let kg = assert_cmd::cargo::cargo_bin("kg");
    let mut cmd = match pin.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(kg);
            c
        }
        None => Command::new(kg),
    };
    let out = cmd
        .current_dir(ws.dir.path())
        .env_remove("KG_STORE")
        .env_remove("KG_DATA_DIR")
        .env("XDG_DATA_HOME", ws.path("xdg-data"))
        .env("RAYON_NUM_THREADS", threads)
        .arg("--store")
        .arg(store)
        .arg("ingest")
        .arg(folder)
        .output()
        .expect("kg runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The snapshot's bytes after its header: magic, the header's length, the header.
fn snapshot_body(store: &Path) -> Vec<u8> {
    let bytes = std::fs::read(store.with_extension("snapshot")).expect("a snapshot");
    let len = u64::from_le_bytes(bytes[8..16].try_into().expect("a length")) as usize;
    bytes[16 + len..].to_vec()
}

#[test]
fn an_ingest_writes_the_same_store_on_one_core_and_on_every_core() {
    let ws = Workspace::new();
    let folder = copies(&ws);
    let pinned = Command::new("taskset")
        .args(["-c", "0", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    let pin: &[&str] = if pinned {
        &["taskset", "-c", "0"]
    } else {
        eprintln!("SKIPPED in part: `taskset -c 0` cannot pin here; one rayon thread against four");
        &[]
    };
    let (one, all) = (ws.path("one/graph.ron"), ws.path("all/graph.ron"));
    ingest(&ws, pin, "1", &one, &folder);
    ingest(&ws, &[], "4", &all, &folder);
    let (one_ron, all_ron) = (std::fs::read(&one).unwrap(), std::fs::read(&all).unwrap());
    assert!(one_ron.len() > 1 << 20, "{} bytes", one_ron.len());
    assert!(
        one_ron == all_ron,
        "the RON differs between one core and all"
    );
    assert!(
        snapshot_body(&one) == snapshot_body(&all),
        "the snapshot differs between one core and all"
    );
}
