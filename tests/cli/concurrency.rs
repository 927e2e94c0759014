//! Concurrent use: ingests into one store wait for each other on its lock
//! file and lose nothing; readers neither wait nor see a half-written store.

use crate::crash::article;
use crate::util::Workspace;
use std::io::BufRead as _;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Rounds of two ingests started together, each into a fresh store.
const ROUNDS: usize = 4;
/// Articles per ingest.
const BATCH: usize = 6;
/// Articles already in the store: reading and writing it takes long enough
/// (tens of milliseconds) that two ingests started together collide.
const ALREADY: usize = 150;

/// A store holding `ALREADY` articles (text only), as a user's would.
fn seed_store(ws: &Workspace) {
    let mut store = kg::store::Store {
        extractor: kg::store::extractor_fingerprint(),
        ..Default::default()
    };
    for i in 0..ALREADY {
        let text = article(1_000_000 + i).repeat(8);
        store.graph.add_article(kg::graph::ArticleRecord {
            id: kg::article::content_id(&text),
            path: format!("old/{i}.txt"),
            title: format!("Talks, dispatch {i}"),
            date: Some("2025-05-01".into()),
            text,
            fingerprint: None,
        });
    }
    kg::store::save(&ws.store(), &store).unwrap();
}

fn kg(ws: &Workspace) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.current_dir(ws.dir.path())
        .env_remove("KG_STORE")
        .env_remove("KG_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn two_ingests_at_once_keep_both_sets_of_articles() {
    let (mut kept, mut expected, mut waited) = (0, 0, 0);
    let (mut reads, mut unreadable) = (0, 0);
    for round in 0..ROUNDS {
        let ws = Workspace::new();
        seed_store(&ws);
        let mut ids = Vec::new();
        for (set, range) in [("a", 0..BATCH), ("b", BATCH..2 * BATCH)] {
            for i in range {
                let text = article(1000 * round + i);
                ws.write(&format!("{set}/{i}.txt"), &text);
                ids.push(kg::article::content_id(&text));
            }
        }
        let done = AtomicBool::new(false);
        let store = ws.store();
        let (outputs, (r, u)) = std::thread::scope(|scope| {
            // A reader loading the store over and over while both write it.
            let reader = scope.spawn(|| {
                let (mut reads, mut unreadable) = (0, 0);
                while !done.load(Ordering::Relaxed) {
                    match kg::store::load(&store) {
                        Ok(_) => reads += 1,
                        Err(err) => {
                            unreadable += 1;
                            eprintln!("reader: {err}");
                        }
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                (reads, unreadable)
            });
            let children: Vec<_> = ["a", "b"]
                .iter()
                .map(|set| {
                    kg(&ws)
                        .arg("--store")
                        .arg(ws.store())
                        .arg("ingest")
                        .arg(ws.path(set))
                        .spawn()
                        .expect("spawn kg")
                })
                .collect();
            let outputs: Vec<_> = children
                .into_iter()
                .map(|c| c.wait_with_output().expect("wait for kg"))
                .collect();
            done.store(true, Ordering::Relaxed);
            (outputs, reader.join().expect("reader"))
        });
        reads += r;
        unreadable += u;
        for out in &outputs {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{stderr}");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.starts_with(&format!("ingested {BATCH} articles (0 already known): +")),
                "{stdout}"
            );
            if stderr.contains("kg: waiting for lock on ") {
                waited += 1;
            }
        }
        let graph = kg::store::load(&ws.store()).unwrap().unwrap().graph;
        expected += ids.len() + ALREADY;
        kept += ids.iter().filter(|id| graph.has_article(id)).count();
        kept += graph
            .articles()
            .filter(|a| a.path.starts_with("old/"))
            .count();
    }
    eprintln!(
        "concurrency test: {ROUNDS} rounds of two {BATCH}-article ingests at once into a \
         store of {ALREADY}: \
         {kept}/{expected} articles kept, {waited} ingests waited for the lock; \
         a reader loaded the store {reads} times meanwhile, {unreadable} failed"
    );
    assert_eq!(kept, expected, "an ingest lost the other's articles");
    assert_eq!(unreadable, 0, "a reader saw a half-written store");
}

/// The first line `child` writes on stderr, waiting at most a minute.
fn first_stderr_line(child: &mut std::process::Child) -> String {
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stderr).read_line(&mut line);
        let _ = tx.send(line);
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("kg said nothing within a minute")
}

#[test]
fn writers_wait_for_the_lock_and_say_so_while_readers_go_on() {
    let ws = Workspace::new();
    // With a data/ folder here, the store is data/graph.ron.
    let first = ws.write("in/first.txt", article(1));
    let second = ws.write("in/second.txt", article(2));
    std::fs::create_dir_all(ws.path("data")).unwrap();
    let store = ws.path("data/graph.ron");
    let out = kg(&ws).arg("ingest").arg(&first).output().unwrap();
    assert!(out.status.success());
    let first_id = kg::article::content_id(&article(1));

    for args in [
        vec!["ingest".to_string(), second.display().to_string()],
        vec!["forget".to_string(), first_id.clone()],
        vec!["reindex".to_string()],
    ] {
        let held = kg::store::lock(&store, |_| panic!("nobody else holds the lock")).unwrap();
        let before = std::fs::read(&store).unwrap();
        let mut writer = kg(&ws).args(&args).spawn().unwrap();
        assert_eq!(
            first_stderr_line(&mut writer),
            "kg: waiting for lock on data/graph.ron.lock …\n",
            "kg {}",
            args[0]
        );
        let reader = kg(&ws).arg("stats").output().unwrap();
        assert!(reader.status.success(), "readers take no lock");
        assert!(reader.stderr.is_empty());
        assert_eq!(
            std::fs::read(&store).unwrap(),
            before,
            "written without the lock"
        );
        drop(held);
        let out = writer.wait_with_output().unwrap();
        assert!(out.status.success(), "kg {}", args[0]);
    }
    let graph = kg::store::load(&store).unwrap().unwrap().graph;
    assert!(!graph.has_article(&first_id));
    assert!(graph.has_article(&kg::article::content_id(&article(2))));
}
