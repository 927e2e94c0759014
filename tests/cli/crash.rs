//! Crash safety: `kg ingest` killed with SIGKILL at random moments leaves the
//! old store or the new one, both loadable, and never loses an article it
//! reported as ingested.
//!
//! Each ingest is the built binary on one new small article, two at a time
//! against the same store, killed after a random delay. A third of the delays
//! are spread over a whole ingest (starting up, extracting, waiting for the
//! lock, reading, writing), a third fall in the last 30 ms before it would
//! end, where the store is read, merged and written, and a third are 0–2 ms
//! after its temporary store file appears (those ingests run alone, so the
//! file is theirs). Every store left behind
//! is loaded with `kg::store::load`. A debug-build ingest takes 0.1–0.3 s,
//! nearly all of it building the extractor, so the delays are calibrated from
//! uninterrupted runs rather than fixed at 0–30 ms from the start; and the
//! extractor is given a small gazetteer (`tests/fixtures/small-gazetteer`,
//! through `KG_DATA_DIR`) so that it builds fast: the store does not care.

use crate::util::Workspace;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many ingests are killed (rounds where the ingest ended first come on top).
const KILLS: usize = 200;
/// The window before an ingest's expected end that half the kills aim at.
const WRITE_WINDOW_MS: u64 = 30;
/// Uninterrupted runs are timed again every so many ingests, as the store grows.
const RECALIBRATE_EVERY: usize = 40;
/// Ingests under way at once, against the same store: they also wait for
/// each other's lock, and a killed holder must release it.
const PARALLEL: usize = 2;

/// xorshift64*: enough randomness for delays, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// A short article, different for every `i`, naming a few entities.
pub fn article(i: usize) -> String {
    const LEADS: [&str; 4] = [
        "Japanese Defence Minister Gen Nakatani met Australian Defence Minister Richard Marles in Tokyo",
        "Prime Minister Narendra Modi met Australian Prime Minister Scott Morrison in New Delhi",
        "Defence Minister Rajnath Singh held talks with his Japanese counterpart General Nakatani in New Delhi",
        "Philippine Defense Secretary Gilberto Teodoro met Japanese Foreign Minister Yoko Kamikawa in Manila",
    ];
    let day = 1 + i % 28;
    format!(
        "Talks, dispatch {i}\n\nTokyo, May {day}, 2025: {}. The two sides reaffirmed their partnership, \
         dispatch {i} said.\n",
        LEADS[i % LEADS.len()]
    )
}

fn spawn_ingest(ws: &Workspace, file: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kg"))
        .current_dir(ws.dir.path())
        .env_remove("KG_STORE")
        .env("KG_DATA_DIR", small_gazetteer())
        .arg("--store")
        .arg(ws.store())
        .arg("ingest")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn kg")
}

fn small_gazetteer() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-gazetteer")
}

/// The store's temporary files: a writer's, or one a killed writer left.
fn temporaries(ws: &Workspace) -> Vec<String> {
    std::fs::read_dir(ws.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| name.starts_with(".store.ron.") && name.ends_with(".tmp"))
        .collect()
}

/// The temporary files killed writers left, seen while no writer runs (the
/// test holds the store's lock for a moment); `None` when a writer holds it.
fn abandoned(ws: &Workspace) -> Option<Vec<String>> {
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(kg::store::lock_path(&ws.store()))
        .ok()?;
    lock.try_lock().ok()?;
    Some(temporaries(ws))
}

/// When an ingest is to be killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Not killed: timed, to calibrate the delays.
    Timed,
    /// At this moment.
    At(Instant),
    /// This long after its temporary store file appears (it runs alone).
    AfterWriteStarts(Duration),
}

/// One ingest under way.
struct Running {
    child: std::process::Child,
    article: String,
    spawned: Instant,
    plan: Plan,
    /// Temporary files already there when it started (left by killed writers).
    stale: Vec<String>,
}

impl Running {
    fn alone(&self) -> bool {
        !matches!(self.plan, Plan::At(_))
    }
}

#[cfg(unix)]
#[test]
fn ingests_killed_at_random_moments_leave_a_loadable_store_and_lose_nothing() {
    use std::os::unix::process::ExitStatusExt;

    let ws = Workspace::new();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let mut reported: Vec<String> = Vec::new();
    let (mut kills, mut finished) = (0, 0);
    let mut half_written: std::collections::BTreeSet<String> = Default::default();
    let (mut unloadable, mut lost, mut failed) = (0, 0, 0);
    // How long a whole ingest takes here and now: timed on uninterrupted runs.
    let mut expected = Duration::ZERO;
    let started = Instant::now();
    let mut spawned = 0;
    let mut running: Vec<Running> = Vec::new();
    while kills < KILLS || !running.is_empty() {
        while kills + running.len() < KILLS && running.len() < PARALLEL {
            if running.iter().any(Running::alone) {
                break;
            }
            let n = spawned + 1;
            let end = expected.as_micros() as u64;
            let plan = if n == 1 || n % RECALIBRATE_EVERY == 0 {
                Plan::Timed
            } else if n % 3 == 0 {
                Plan::AfterWriteStarts(Duration::from_micros(rng.below(2_000)))
            } else if n % 3 == 1 {
                Plan::At(Instant::now() + Duration::from_micros(rng.below(end + 1_000)))
            } else {
                let window = WRITE_WINDOW_MS * 1_000;
                let delay = end.saturating_sub(window) + rng.below(window + 5_000);
                Plan::At(Instant::now() + Duration::from_micros(delay))
            };
            if !matches!(plan, Plan::At(_)) && !running.is_empty() {
                break;
            }
            spawned = n;
            let text = article(n);
            let file = ws.write(&format!("in/{n}.txt"), &text);
            running.push(Running {
                child: spawn_ingest(&ws, &file),
                article: kg::article::content_id(&text),
                spawned: Instant::now(),
                plan,
                stale: temporaries(&ws),
            });
        }
        std::thread::sleep(Duration::from_micros(200));
        let mut k = 0;
        while k < running.len() {
            let r = &mut running[k];
            let exited = r.child.try_wait().expect("poll kg").is_some();
            let due = match r.plan {
                Plan::Timed => false,
                Plan::At(t) => Instant::now() >= t,
                Plan::AfterWriteStarts(after) => {
                    let writing = temporaries(&ws).iter().any(|t| !r.stale.contains(t));
                    if writing {
                        std::thread::sleep(after);
                    }
                    writing
                }
            };
            if !exited && !due {
                k += 1;
                continue;
            }
            if !exited {
                let _ = r.child.kill();
            }
            let r = running.swap_remove(k);
            let out = r.child.wait_with_output().expect("wait for kg");
            if r.plan == Plan::Timed {
                if out.status.success() {
                    expected = r.spawned.elapsed();
                } else {
                    failed += 1;
                }
            }
            if out.status.signal() == Some(9) {
                kills += 1;
                half_written.extend(abandoned(&ws).unwrap_or_default());
            } else {
                finished += 1;
            }
            if String::from_utf8_lossy(&out.stdout).contains("; saved ") {
                reported.push(r.article);
            }
            match kg::store::load(&ws.store()) {
                Ok(store) => {
                    let graph = store.map(|s| s.graph).unwrap_or_default();
                    lost = reported.iter().filter(|id| !graph.has_article(id)).count();
                }
                Err(err) => {
                    unloadable += 1;
                    eprintln!("ingest {spawned}: unloadable store: {err}");
                }
            }
        }
    }
    eprintln!(
        "crash test: {spawned} ingests, up to {PARALLEL} at a time, in {:.1} s (a whole one took \
         {} ms when last timed): {kills} killed with SIGKILL ({} of them while writing the \
         store, leaving a temporary file), {finished} ran to the end; {} reported as ingested; \
         unloadable stores: {unloadable}; lost articles: {lost}; uninterrupted ingests that \
         failed: {failed}",
        started.elapsed().as_secs_f64(),
        expected.as_millis(),
        half_written.len(),
        reported.len(),
    );
    assert_eq!(unloadable, 0, "a killed ingest left an unloadable store");
    assert_eq!(lost, 0, "articles reported as ingested were lost");
    assert_eq!(failed, 0, "an ingest that was not killed failed");
    // The survivor takes every article at once, and cleans up after the killed.
    let out = spawn_ingest(&ws, &ws.path("in"))
        .wait_with_output()
        .unwrap();
    assert!(out.status.success());
    let store = kg::store::load(&ws.store()).unwrap().expect("a store");
    assert_eq!(store.graph.articles().count(), spawned);
    assert!(
        temporaries(&ws).is_empty(),
        "temporary files of killed writes remain"
    );
}

/// A store large enough to be written in the line layout (50,010 entities,
/// 50,000 relations), imported from CSV.
fn large_store(ws: &Workspace) {
    let mut nodes = String::from("id,kind,label\n");
    let mut edges = String::from("source,target,relation\n");
    for c in 0..10 {
        nodes.push_str(&format!("country:c{c},country,Country {c}\n"));
    }
    for p in 0..50_000 {
        nodes.push_str(&format!("place:p{p},place,Place {p}\n"));
        edges.push_str(&format!("place:p{p},country:c{},located_in\n", p % 10));
    }
    ws.write("nodes.csv", nodes);
    ws.write("edges.csv", edges);
    ws.kg()
        .args(["import", "--nodes", "nodes.csv", "--edges", "edges.csv"])
        .assert()
        .success();
}

/// The line layout of a large store is written as the pretty one is: an
/// ingest killed at any moment, reading or writing, leaves the old store or
/// the new one, whole, holding every article reported as ingested; and the
/// commands after it answer, the snapshot rebuilt when it went stale.
#[cfg(unix)]
#[test]
fn large_store_ingests_killed_at_random_moments_leave_the_old_store_or_the_new() {
    let ws = Workspace::new();
    large_store(&ws);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    eprintln!("seed {seed}");
    let mut rng = Rng(seed);
    let relations = |ws: &Workspace| {
        let store = kg::store::load(&ws.store())
            .expect("a loadable store")
            .expect("a store");
        let ids: Vec<String> = store.graph.articles().map(|a| a.id.clone()).collect();
        (store.graph.edge_count(), ids)
    };
    let (imported, _) = relations(&ws);
    // Calibrated on one ingest left to end.
    ws.write("a/0.txt", article(0));
    let started = Instant::now();
    let done = spawn_ingest(&ws, &ws.path("a/0.txt"))
        .wait_with_output()
        .unwrap();
    assert!(done.status.success());
    let took = started.elapsed();
    let (mut last, mut kept) = relations(&ws);
    assert!(last > imported);
    for i in 1..=6 {
        let name = format!("a/{i}.txt");
        ws.write(&name, article(i));
        let mut child = spawn_ingest(&ws, &ws.path(&name));
        // Anywhere from reading the store to the end of the write.
        let delay = took.mul_f64(0.3 + 0.8 * rng.below(1000) as f64 / 1000.0);
        std::thread::sleep(delay);
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let (now, ids) = relations(&ws);
        for id in &kept {
            assert!(ids.contains(id), "article {id} was lost (seed {seed})");
        }
        let reported = String::from_utf8_lossy(&out.stdout).starts_with("ingested");
        eprintln!("ingest {i}: killed {delay:?} in (a whole one takes {took:?}); ended first: {reported}; {} temporary files", temporaries(&ws).len());
        if reported {
            assert!(
                ids.len() > kept.len(),
                "reported but not kept (seed {seed})"
            );
        }
        assert!(now >= last, "relations were lost (seed {seed})");
        (last, kept) = (now, ids);
        ws.kg().arg("stats").assert().success();
    }
    let stats = ws
        .kg()
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["relation_count"], last);
}
