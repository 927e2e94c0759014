//! Wall and CPU time (user + sys of the whole process, all threads) of each
//! step of a large import, for machines shared with other work, where wall
//! time alone says little:
//!
//! ```sh
//! cargo run --release --example scale_timing -- DIR OUT [build|save|all]
//! ```
//!
//! DIR holds `nodes.csv` and `edges.csv` (a `kg bench` preset folder); the
//! store and snapshot are written under OUT. `build` is the CSV → index build
//! of `kg bench`; `save` reads the CSV as `kg import` does, writes the RON
//! store and the snapshot, loads the snapshot and hashes the store.

use anyhow::{bail, Context, Result};
use kg::bench_support::snapshot;
use kg::bench_support::{import_record, read, write_import, ArticleRef, FileDigest, ReadOptions};
use std::path::Path;
use std::time::Instant;

/// CPU seconds this process has used so far (Linux; 0 elsewhere).
fn cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn timed<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let (wall, cpu0) = (Instant::now(), cpu());
    let out = f()?;
    println!(
        "{what}: wall {:.2} s, cpu {:.2} s",
        wall.elapsed().as_secs_f64(),
        cpu() - cpu0
    );
    Ok(out)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(out)) = (args.get(1), args.get(2)) else {
        bail!("usage: scale_timing DIR OUT [build|save|all]");
    };
    let (dir, out) = (Path::new(dir), Path::new(out));
    let what = args.get(3).map_or("all", String::as_str);
    let (nodes, edges) = (dir.join("nodes.csv"), dir.join("edges.csv"));
    if what == "all" || what == "build" {
        timed("build from CSV", || {
            Ok(read(&nodes, &edges, &ReadOptions::default())?.into_index(None))
        })?;
    }
    if what == "all" || what == "save" {
        std::fs::create_dir_all(out).with_context(|| format!("{}", out.display()))?;
        let options = ReadOptions {
            spans: true,
            digest: true,
            known: None,
        };
        let csv = timed("read CSV as kg import does", || {
            Ok(read(&nodes, &edges, &options)?)
        })?;
        let record = import_record(&csv.digest, &nodes, &edges);
        let store = out.join("graph.ron");
        let digest = timed("write RON store", || {
            Ok(write_import(&store, &csv, &record, "scale_timing")?)
        })?;
        println!("  ({} bytes)", digest.len);
        let article = ArticleRef {
            id: record.id.clone(),
            path: record.path.clone(),
            title: record.title.clone(),
        };
        let index = csv.into_index(Some(article));
        timed("write snapshot", || {
            Ok(snapshot::write(&store, &digest, false, &index)?)
        })?;
        timed("load snapshot", || match snapshot::load(&store) {
            snapshot::Loaded::Fresh(index) => Ok(index),
            other => bail!("snapshot not loaded: {other:?}"),
        })?;
        timed("hash the store", || Ok(FileDigest::of(&store)?))?;
    }
    Ok(())
}
