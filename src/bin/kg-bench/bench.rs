//! `kg bench`: kg's graph queries timed on generated presets beside networkx
//! (`benches/peers/graph_peer.py`), and kg's extraction throughput.
//!
//! Each kg measurement runs in a process of its own (`kg-bench worker`), so
//! its peak memory is its own: `build` (CSV → index, then every query kind
//! over the query pairs, then the snapshot written), `import` (`kg import`
//! into an empty store: RON and snapshot) and `load` (the snapshot read back).
//! Medians are over the same query pairs for both tools; a networkx query that
//! times out counts as its timeout, and its median is then a lower bound (≥).

mod growth;
mod table;

use crate::bench_args::{BenchArgs, PeerMode, Preset};
use anyhow::{anyhow, bail, Context, Result};
use kg::bench_support::snapshot::{self, Loaded};
use kg::bench_support::{
    read, FileDigest, Filter, GraphIndex, Limits, Outcome, ReadOptions, Searcher, SnapshotPolicy,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The kg source tree, where the peer scripts live.
const SOURCE_TREE: &str = env!("CARGO_MANIFEST_DIR");

/// The generator version of graph_peer.py this build expects.
const GENERATOR: u64 = 1;

/// What the `build` worker measured on one query pair.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PairTimes {
    source: String,
    target: String,
    shortest_ms: f64,
    hops: Option<usize>,
    all_shortest_ms: f64,
    all_shortest: u64,
    simple3_ms: f64,
    simple3: u64,
    simple3_outcome: String,
    ranked_ms: f64,
    ranked: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct BuildReport {
    nodes: usize,
    edges: usize,
    build_s: f64,
    index_mib: f64,
    peak_mib: f64,
    pairs: Vec<PairTimes>,
    /// Shortest paths between entities of any kind, not only countries:
    /// (milliseconds, hops or none) per pair.
    far: Vec<(f64, Option<usize>)>,
    snapshot_save_s: f64,
    snapshot_bytes: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ImportReport {
    total_s: f64,
    read_s: f64,
    ron_save_s: f64,
    snapshot_s: f64,
    ron_bytes: u64,
    peak_mib: f64,
    /// CPU time of the whole import (every thread).
    #[serde(default)]
    cpu_s: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct LoadReport {
    load_s: f64,
    verify_s: f64,
    peak_mib: f64,
    nodes: usize,
}

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// The query pairs of a graph folder: the first `n` rows of queries.csv.
fn query_pairs(dir: &Path, n: usize) -> Result<Vec<(String, String)>> {
    let path = dir.join("queries.csv");
    let mut reader = csv::Reader::from_path(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut pairs = Vec::new();
    for row in reader.records().take(n) {
        let row = row.with_context(|| format!("{}: bad row", path.display()))?;
        pairs.push((
            row.get(0).unwrap_or_default().to_string(),
            row.get(1).unwrap_or_default().to_string(),
        ));
    }
    Ok(pairs)
}

/// `kg-bench worker --task T`: one measurement, printed as JSON on stdout.
pub fn worker(task: &str, dir: &Path, work: &Path, pairs: usize) -> Result<()> {
    let (nodes, edges) = (dir.join("nodes.csv"), dir.join("edges.csv"));
    if let Some(json) = growth::worker(task, dir, work, pairs)? {
        println!("{json}");
        return Ok(());
    }
    let store = work.join("graph.ron");
    let json = match task {
        "build" => {
            let t = Instant::now();
            let index = read(&nodes, &edges, &ReadOptions::default())?.into_index(None);
            let build_s = t.elapsed().as_secs_f64();
            let mut report = BuildReport {
                nodes: index.node_count(),
                edges: index.edge_count(),
                build_s,
                index_mib: index.heap_bytes() as f64 / (1024.0 * 1024.0),
                ..BuildReport::default()
            };
            report.pairs = time_queries(&index, &query_pairs(dir, pairs)?)?;
            report.far = time_far(&index, pairs);
            report.peak_mib = peak_mib();
            std::fs::create_dir_all(work)?;
            let t = Instant::now();
            let digest = FileDigest::of_bytes(b"", 0);
            let path = snapshot::write(&work.join("build.ron"), &digest, false, &index)?;
            report.snapshot_save_s = t.elapsed().as_secs_f64();
            report.snapshot_bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
            serde_json::to_string(&report)?
        }
        "import" => {
            std::fs::create_dir_all(work)?;
            for f in [store.clone(), snapshot::path_for(&store)] {
                let _ = std::fs::remove_file(f);
            }
            let (cpu, t) = (growth::process_cpu_seconds(), Instant::now());
            let summary = kg::store::import(&store, &nodes, &edges, None, SnapshotPolicy::Always)?;
            let report = ImportReport {
                total_s: t.elapsed().as_secs_f64(),
                cpu_s: match (cpu, growth::process_cpu_seconds()) {
                    (Some(a), Some(b)) => b - a,
                    _ => f64::NAN,
                },
                read_s: summary.read.as_secs_f64(),
                ron_save_s: summary.save.as_secs_f64(),
                snapshot_s: summary.snapshot_time.as_secs_f64(),
                ron_bytes: summary.store_bytes,
                peak_mib: peak_mib(),
            };
            serde_json::to_string(&report)?
        }
        "load" => {
            let t = Instant::now();
            let index = match snapshot::load(&store) {
                Loaded::Fresh(index) => index,
                Loaded::Missing => bail!("{}: no snapshot", store.display()),
                Loaded::Stale(why) => bail!("{}: snapshot {why}", store.display()),
                Loaded::Behind => bail!("{}: snapshot behind its journal", store.display()),
            };
            let load_s = t.elapsed().as_secs_f64();
            let peak = peak_mib();
            let t = Instant::now();
            FileDigest::of(&store)?;
            let report = LoadReport {
                load_s,
                verify_s: t.elapsed().as_secs_f64(),
                peak_mib: peak,
                nodes: index.node_count(),
            };
            serde_json::to_string(&report)?
        }
        other => bail!("unknown bench task {other:?}"),
    };
    println!("{json}");
    Ok(())
}

/// Every query kind on every pair, timed.
fn time_queries(index: &GraphIndex, pairs: &[(String, String)]) -> Result<Vec<PairTimes>> {
    let mut s = Searcher::new(index);
    let f = Filter::any();
    let mut out = Vec::new();
    for (a_id, b_id) in pairs {
        let find = |id: &str| {
            index
                .lookup(id)
                .ok_or_else(|| anyhow!("query pair names an unknown entity {id:?}"))
        };
        let (a, b) = (find(a_id)?, find(b_id)?);
        let t = Instant::now();
        let hops = s
            .shortest_path(a, b, &f, kg::query::MAX_HOPS)
            .map(|p| p.hops());
        let shortest_ms = ms(t);
        let t = Instant::now();
        let all = s
            .count_shortest(a, b, &f, kg::query::MAX_HOPS)
            .map_or(0, |c| c.paths);
        let all_shortest_ms = ms(t);
        let t = Instant::now();
        let (simple3, outcome) = s.count_simple(a, b, &f, Limits::new(3, usize::MAX));
        let simple3_ms = ms(t);
        let t = Instant::now();
        let (ranked, _) = s.ranked_paths(a, b, &f, Limits::new(4, 10));
        let ranked_ms = ms(t);
        out.push(PairTimes {
            source: a_id.clone(),
            target: b_id.clone(),
            shortest_ms,
            hops,
            all_shortest_ms,
            all_shortest: all,
            simple3_ms,
            simple3,
            simple3_outcome: outcome.as_str().to_string(),
            ranked_ms,
            ranked: ranked.len(),
        });
    }
    debug_assert!(out
        .iter()
        .all(|p| p.simple3_outcome == Outcome::Complete.as_str()));
    Ok(out)
}

/// Shortest paths between `n` pairs of entities picked evenly through the
/// id order (any kind), which mostly lie farther apart than two countries.
fn time_far(index: &GraphIndex, n: usize) -> Vec<(f64, Option<usize>)> {
    let count = index.node_count() as u64;
    if count < 2 {
        return Vec::new();
    }
    let mut s = Searcher::new(index);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % count) as u32
    };
    (0..n)
        .map(|_| {
            let (a, b) = (next(), next());
            let t = Instant::now();
            let hops = s
                .shortest_path(a, b, &Filter::any(), kg::query::MAX_HOPS)
                .map(|p| p.hops());
            (ms(t), hops)
        })
        .collect()
}

/// Runs a worker in its own process and parses what it prints.
fn run_worker<T: for<'de> Deserialize<'de>>(
    task: &str,
    dir: &Path,
    work: &Path,
    pairs: usize,
) -> Result<T> {
    run_worker_on(task, dir, work, pairs, false)
}

/// The command that pins a process to one core: `taskset -c 0`, which kg's
/// threads follow (they count the cores the process may run on).
const PIN: [&str; 3] = ["taskset", "-c", "0"];

/// Whether [`PIN`] works here.
fn can_pin() -> bool {
    Command::new(PIN[0])
        .args(&PIN[1..])
        .arg("true")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// [`run_worker`], pinned to one core (and one rayon thread) when `one_core`.
fn run_worker_on<T: for<'de> Deserialize<'de>>(
    task: &str,
    dir: &Path,
    work: &Path,
    pairs: usize,
    one_core: bool,
) -> Result<T> {
    let exe = std::env::current_exe().context("cannot find the kg executable")?;
    let mut command = if one_core {
        let mut c = Command::new(PIN[0]);
        c.args(&PIN[1..]).arg(exe).env("RAYON_NUM_THREADS", "1");
        c
    } else {
        Command::new(exe)
    };
    let out = command
        .arg(crate::WORKER)
        .args(["--task", task])
        .arg("--dir")
        .arg(dir)
        .arg("--work")
        .arg(work)
        .args(["--pairs", &pairs.to_string()])
        .output()
        .context("cannot run kg-bench worker")?;
    if !out.status.success() {
        bail!(
            "kg-bench worker --task {task} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    serde_json::from_slice(&out.stdout)
        .with_context(|| format!("kg-bench worker --task {task}: unreadable output"))
}

fn peer_script() -> PathBuf {
    Path::new(SOURCE_TREE).join("benches/peers/graph_peer.py")
}

/// Whether `python` runs and can import networkx.
fn networkx_available(python: &str) -> bool {
    Command::new(python)
        .arg(peer_script())
        .arg("check")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The folder of a preset, generated by the peer script when it is missing
/// or was made by another generator version.
fn ensure_preset(data: &Path, preset: &str, python: &str) -> Result<PathBuf> {
    let dir = data.join(preset);
    let meta: Option<Value> = std::fs::read_to_string(dir.join("preset.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let current = meta.as_ref().is_some_and(|m| {
        m["generator"].as_u64() == Some(GENERATOR) && m["preset"].as_str() == Some(preset)
    });
    if current && dir.join("edges.csv").is_file() {
        return Ok(dir);
    }
    eprintln!("kg: generating the {preset} preset in {} …", dir.display());
    let status = Command::new(python)
        .arg(peer_script())
        .args(["generate", "--preset", preset, "--out"])
        .arg(&dir)
        .status()
        .with_context(|| {
            format!(
                "the presets are generated by {} and that needs {python}; \
                 give a folder of your own with --graph DIR instead",
                peer_script().display()
            )
        })?;
    if !status.success() {
        bail!(
            "{} generate --preset {preset} failed",
            peer_script().display()
        );
    }
    Ok(dir)
}

/// One networkx query result.
#[derive(Debug, Clone, Copy)]
struct PeerQuery {
    ms: f64,
    timeout: bool,
    result: Option<u64>,
}

fn peer_query(q: &Value, kind: &str) -> PeerQuery {
    PeerQuery {
        ms: q[kind]["ms"].as_f64().unwrap_or(f64::NAN),
        timeout: q[kind]["timeout"].as_bool().unwrap_or(false),
        result: q[kind]["result"].as_u64(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NAN, f64::max)
}

/// A duration in the unit that reads best.
fn dur_ms(ms: f64) -> String {
    if ms.is_nan() {
        "—".into()
    } else if ms >= 1000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else if ms >= 0.1 {
        format!("{ms:.2} ms")
    } else {
        format!("{:.1} µs", ms * 1000.0)
    }
}

fn mib(m: f64) -> String {
    if m >= 1024.0 {
        format!("{:.2} GiB", m / 1024.0)
    } else {
        format!("{m:.0} MiB")
    }
}

/// A process's CPU time, read from /proc in ticks of 10 ms: below one
/// tick it is "< 10 ms", not zero.
fn cpu(seconds: f64) -> String {
    if seconds < 0.01 {
        "< 10 ms".into()
    } else {
        dur_ms(seconds * 1000.0)
    }
}

/// The load average over the last minute (Linux), with the cores: a
/// machine busy elsewhere makes wall times wait for a core.
fn busy_note(cores: usize) -> Option<String> {
    let load: f64 = std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    (load > cores as f64).then(|| {
        format!(
            "(load average {load:.1} on {cores} cores at the start: wall times include waiting for a core; \
             compare CPU times and memory)\n"
        )
    })
}

/// A file's size: MiB, or KiB below one MiB.
fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1048576.0 {
        mib(b / 1048576.0)
    } else {
        format!("{:.0} KiB", b / 1024.0)
    }
}

fn ratio(kg: f64, peer: f64, lower_bound: bool) -> String {
    if kg.is_nan() || peer.is_nan() || kg <= 0.0 {
        return "—".into();
    }
    let r = peer / kg;
    let ge = if lower_bound { "≥ " } else { "" };
    if r >= 100.0 {
        format!("{ge}{r:.0}×")
    } else {
        format!("{ge}{r:.1}×")
    }
}

/// One row of the side-by-side table.
struct Row {
    what: String,
    kg: String,
    peer: String,
    ratio: String,
}

fn row(what: &str, kg: String, peer: String, ratio: String) -> Row {
    Row {
        what: what.to_string(),
        kg,
        peer,
        ratio,
    }
}

/// The results of one graph.
struct GraphResult {
    title: String,
    rows: Vec<Row>,
    notes: Vec<String>,
    /// What `kg import` of the graph measured.
    import: ImportReport,
}

/// What the run measured that its closing table reads.
#[derive(Default)]
struct Collected {
    /// One article into stores of N articles.
    growth: Vec<(usize, growth::IngestReport)>,
    /// One article into each preset's imported store.
    grown: Vec<(Preset, growth::PresetGrowth)>,
    batch: Option<growth::Batch>,
    large_import: Option<ImportReport>,
    extraction: Vec<ExtractionLine>,
}

/// `kg bench`.
pub fn run(args: &BenchArgs) -> Result<()> {
    // Under the current folder (or --data), never in the source tree kg was built from.
    let data = args
        .data
        .clone()
        .unwrap_or_else(|| Path::new("benches").join("data"));
    let graphs: Vec<(String, PathBuf, Option<Preset>)> = match &args.graph {
        _ if args.no_graphs => Vec::new(),
        Some(dir) => vec![(dir.display().to_string(), dir.clone(), None)],
        None => args
            .preset
            .iter()
            .map(|&p| {
                let dir = ensure_preset(&data, &p.to_string(), &args.python)?;
                Ok((p.to_string(), dir, Some(p)))
            })
            .collect::<Result<_>>()?,
    };
    let peer = match args.peer {
        PeerMode::Off => None,
        PeerMode::Auto if networkx_available(&args.python) => Some(args.python.clone()),
        PeerMode::Auto => {
            eprintln!(
                "kg: {} cannot import networkx; timing kg alone (pip install networkx, or --python PROGRAM)",
                args.python
            );
            None
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let mut out = format!(
        "kg bench — kg {}, {cores} cores\n",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(&busy_note(cores).unwrap_or_default());
    let mut markdown = String::new();
    let mut got = Collected::default();
    for (name, dir, preset) in &graphs {
        // The store kg import makes is kept until the graph is done: a
        // preset's beside it (under --data), a graph of your own's in the
        // temporary folder.
        let work = match preset {
            Some(_) => tempfile::Builder::new()
                .prefix("kg-bench-")
                .tempdir_in(&data),
            None => tempfile::Builder::new().prefix("kg-bench-").tempdir(),
        }
        .context("cannot make a temporary folder")?;
        let result = bench_graph(name, dir, work.path(), args, peer.as_deref())?;
        out.push('\n');
        out.push_str(&render_rows(&result));
        markdown.push_str(&render_markdown(&result));
        if *preset == Some(Preset::Large) {
            got.large_import = Some(result.import.clone());
        }
        if let Some(p) = preset.filter(|p| grows_into(args, *p)) {
            eprintln!("kg: {name}: ingesting one new article into the imported store …");
            got.grown
                .push((p, growth::into_store(work.path(), &growth_corpus(args)?)?));
        }
    }
    if !args.no_extraction {
        got.extraction = extraction(args)?;
        render_extraction(&got.extraction, args, &mut out, &mut markdown);
    }
    if !args.no_growth {
        got.growth = growth_section(&data, args, &got.grown, &mut out, &mut markdown)?;
    }
    if !args.no_batch {
        got.batch = batch_section(&data, args, &mut out, &mut markdown)?;
    }
    let measured = table::Measured {
        growth: &got.growth,
        into_large: got
            .grown
            .iter()
            .find(|(p, _)| *p == Preset::Large)
            .map(|(_, g)| g),
        batch: got.batch.as_ref(),
        batch_articles: args.batch,
        large_import: got.large_import.as_ref(),
        extraction: &got.extraction,
        cores,
    };
    table::render(&measured, &mut out, &mut markdown);
    print!("{out}");
    if let Some(path) = &args.markdown {
        std::fs::write(path, markdown)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        eprintln!("kg: wrote {}", path.display());
    }
    Ok(())
}

/// Whether the store of `preset` takes one new article after its import.
fn grows_into(args: &BenchArgs, preset: Preset) -> bool {
    !args.no_growth && !args.no_preset_growth && args.grow_presets.contains(&preset)
}

/// Times kg (and the peer) on the graph in `dir`; the store `kg import`
/// makes is left in `work`.
fn bench_graph(
    name: &str,
    dir: &Path,
    work: &Path,
    args: &BenchArgs,
    peer: Option<&str>,
) -> Result<GraphResult> {
    let n = args.queries;
    eprintln!("kg: {name}: building from CSV and timing queries …");
    let build: BuildReport = run_worker("build", dir, work, n)?;
    eprintln!("kg: {name}: importing into a store …");
    let import: ImportReport = run_worker("import", dir, work, n)?;
    let load: LoadReport = run_worker("load", dir, work, n)?;
    let nx: Option<Value> = match peer {
        Some(python) => Some(run_networkx(name, dir, work, args, python)?),
        None => None,
    };

    let pairs = &build.pairs;
    let col = |f: fn(&PairTimes) -> f64| -> Vec<f64> { pairs.iter().map(f).collect() };
    let kg_sp = col(|p| p.shortest_ms);
    let kg_all = col(|p| p.all_shortest_ms);
    let kg_s3 = col(|p| p.simple3_ms);
    let kg_rank = col(|p| p.ranked_ms);
    let nq: Vec<Value> = nx
        .as_ref()
        .and_then(|v| v["queries"].as_array().cloned())
        .unwrap_or_default();
    let peer_col = |kind: &str| -> (Vec<f64>, usize) {
        let qs: Vec<PeerQuery> = nq.iter().map(|q| peer_query(q, kind)).collect();
        (
            qs.iter().map(|q| q.ms).collect(),
            qs.iter().filter(|q| q.timeout).count(),
        )
    };
    let nx_f = |key: &str| {
        nx.as_ref()
            .and_then(|v| v[key].as_f64())
            .unwrap_or(f64::NAN)
    };
    let mut rows = Vec::new();
    let (nx_build, nx_peak, nx_save) = (
        nx_f("build_s") * 1000.0,
        nx_f("peak_mib"),
        nx_f("save_s") * 1000.0,
    );
    rows.push(row(
        "build from CSV",
        dur_ms(build.build_s * 1000.0),
        dur_ms(nx_build),
        ratio(build.build_s * 1000.0, nx_build, false),
    ));
    rows.push(row(
        "load (snapshot)",
        dur_ms(load.load_s * 1000.0),
        "—".into(),
        "—".into(),
    ));
    rows.push(row(
        "peak memory (build + queries)",
        mib(build.peak_mib),
        if nx_peak.is_nan() {
            "—".into()
        } else {
            mib(nx_peak)
        },
        ratio(build.peak_mib, nx_peak, false),
    ));
    rows.push(row(
        "peak memory (load)",
        mib(load.peak_mib),
        "—".into(),
        "—".into(),
    ));
    for (what, kg_times, kind) in [
        ("shortest path", &kg_sp, "shortest"),
        ("all shortest paths (count)", &kg_all, "all_shortest"),
        ("simple paths ≤ 3 hops (count)", &kg_s3, "simple3"),
    ] {
        let (text, m, lower) = peer_cell(&peer_col(kind));
        let kg_m = median(kg_times.clone());
        rows.push(row(
            &format!("{what}, median"),
            dur_ms(kg_m),
            text,
            ratio(kg_m, m, lower),
        ));
        rows.push(row(
            &format!("{what}, slowest"),
            dur_ms(max(kg_times)),
            dur_ms(max(&peer_col(kind).0)),
            "".into(),
        ));
    }
    let far_hops = far_rows(&build, kg_rank, &mut rows);
    storage_rows(&build, &import, nx_save, &mut rows);

    let mut notes = Vec::new();
    if !far_hops.is_empty() {
        notes.push(format!(
            "kg: the pairs of any two entities lie {}–{} hops apart (median {})",
            far_hops[0],
            far_hops[far_hops.len() - 1],
            far_hops[far_hops.len() / 2]
        ));
    }
    let over_1s = kg_s3.iter().filter(|&&t| t > 1000.0).count();
    notes.push(format!(
        "kg: {} of {} simple-path queries over 1 s; index {}, snapshot {}; import peak memory {}; \
         checking the store's hash on load would add {}",
        over_1s,
        pairs.len(),
        mib(build.index_mib),
        mib(build.snapshot_bytes as f64 / 1048576.0),
        mib(import.peak_mib),
        dur_ms(load.verify_s * 1000.0)
    ));
    if !nq.is_empty() {
        let (agree, compared) = agreement(pairs, &nq);
        notes.push(format!(
            "answers agree with networkx where it finished: shortest lengths {}/{}, \
             shortest-path counts {}/{}, simple-path counts {}/{}",
            agree[0], compared[0], agree[1], compared[1], agree[2], compared[2]
        ));
        if let Some(v) = nx.as_ref() {
            notes.push(format!(
                "networkx {} on Python {}, {}-second timeout per query",
                v["networkx"].as_str().unwrap_or("?"),
                v["python"].as_str().unwrap_or("?"),
                args.timeout
            ));
        }
    }
    Ok(GraphResult {
        title: format!(
            "{name}: {} entities, {} relations; medians over {} query pairs",
            thousands(build.nodes),
            thousands(build.edges),
            pairs.len()
        ),
        rows,
        notes,
        import,
    })
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn render_rows(r: &GraphResult) -> String {
    let mut out = format!("Graph queries vs networkx — {}\n", r.title);
    let _ = writeln!(
        out,
        "  {:<46} {:>16}  {:>26}  {:>10}",
        "", "kg", "networkx", "networkx/kg"
    );
    for row in &r.rows {
        let _ = writeln!(
            out,
            "  {:<46} {:>16}  {:>26}  {:>10}",
            row.what, row.kg, row.peer, row.ratio
        );
    }
    for note in &r.notes {
        let _ = writeln!(out, "  {note}");
    }
    out
}

fn render_markdown(r: &GraphResult) -> String {
    let mut out = format!(
        "\n### {}\n\n| | kg | networkx | networkx / kg |\n|---|---|---|---|\n",
        r.title
    );
    for row in &r.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            row.what.trim(),
            row.kg,
            row.peer,
            row.ratio
        );
    }
    for note in &r.notes {
        let _ = writeln!(out, "\n{note}.");
    }
    out
}

/// The extraction lines, for people and in markdown.
fn render_extraction(
    lines: &[ExtractionLine],
    args: &BenchArgs,
    out: &mut String,
    markdown: &mut String,
) {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let _ = writeln!(
        out,
        "\nExtraction (kg extract's pipeline, no store; median of {EXTRACTION_PASSES} passes after a warm-up pass)\n  \
         one core: MB/s per second of CPU time of one thread; all cores: MB/s per second of wall time on {cores} threads"
    );
    let _ = write!(
        markdown,
        "\n### Extraction throughput (median of {EXTRACTION_PASSES} passes)\n\n| corpus | kg one core (CPU time) | kg all cores (wall clock) | reference: one aho-corasick pass, one core | `rg -F -f` (wall) | spaCy NER one core | kg / spaCy |\n|---|---|---|---|---|---|---|\n",
    );
    for l in lines {
        let (peer, ratio) = match l.spacy {
            Some(p) => (format!("{p:.3} MB/s"), format!("{:.0}×", l.one_core / p)),
            None => ("—".to_string(), "—".to_string()),
        };
        let (aho, rg) = l.reference.as_ref().map_or(("—".into(), "—".into()), |r| {
            (
                format!("{:.0} MB/s ({} names)", r.aho_corasick, r.names),
                r.ripgrep.map_or("—".into(), |x| format!("{x:.0} MB/s")),
            )
        });
        let _ = writeln!(
            out,
            "  {:<36} kg {:>7.1} MB/s one core {:>7.1} MB/s all cores   spaCy NER {peer:>12}   {ratio}",
            l.corpus, l.one_core, l.all_cores
        );
        if l.parallel_wall < l.one_core {
            let _ = writeln!(
                out,
                "  {:<36} (the machine was busy: {:.1} MB/s measured on {cores} threads, below one core's)",
                "", l.parallel_wall
            );
        }
        let _ = writeln!(
            out,
            "  {:<36} reference: one aho-corasick pass {aho}, rg -F -f {rg}",
            ""
        );
        let _ = writeln!(
            markdown,
            "| {} | {:.1} MB/s | {:.1} MB/s | {aho} | {rg} | {peer} | {ratio} |",
            l.corpus, l.one_core, l.all_cores
        );
    }
    if lines.iter().all(|l| l.spacy.is_none()) && args.peer == PeerMode::Auto {
        let _ = writeln!(
            out,
            "  ({} cannot import spacy: kg alone; see benches/RESULTS.md for the spaCy setup, or --ner-python PROGRAM)",
            args.ner_python
        );
    }
}

/// The articles the growth stores are made of: --growth-articles, else the shipped ones.
fn growth_corpus(args: &BenchArgs) -> Result<PathBuf> {
    match &args.growth_articles {
        Some(dir) => Ok(dir.clone()),
        None => kg::store::shipped_corpus()
            .ok_or_else(|| anyhow!("no shipped articles (data/articles) to grow stores from")),
    }
}

/// The growth lines: `kg ingest` of one new article into stores of each
/// size, then into the presets' stores measured already (`grown`).
fn growth_section(
    data: &Path,
    args: &BenchArgs,
    grown: &[(Preset, growth::PresetGrowth)],
    out: &mut String,
    markdown: &mut String,
) -> Result<Vec<(usize, growth::IngestReport)>> {
    let corpus = growth_corpus(args)?;
    std::fs::create_dir_all(data).with_context(|| format!("cannot make {}", data.display()))?;
    let _ = writeln!(
        out,
        "\nGrowth: kg ingest of one new article into a store of N articles (from {}; each in a process of its own)",
        corpus.display()
    );
    let _ = write!(
        markdown,
        "\n### Growth: `kg ingest` of one new article into a store of N articles\n\n| store | wall | CPU | peak memory | store files | a reader opening it next |\n|---|---|---|---|---|---|\n"
    );
    let mut measured = Vec::new();
    for &n in &args.growth {
        let r = growth::measure(data, &corpus, n)?;
        growth_line(&format!("{:>9} articles", thousands(n)), &r, out, markdown);
        measured.push((n, r));
    }
    if !grown.is_empty() {
        let _ = writeln!(out, "  into the store kg import made of a preset:");
    }
    for (preset, g) in grown {
        growth_line(&format!("{preset} preset"), &g.ingest, out, markdown);
        let change = g.change();
        let _ = writeln!(out, "  {:>18}   {change}", "");
        let _ = writeln!(markdown, "\n{preset} preset: {change}.\n");
    }
    Ok(measured)
}

/// One growth line: the ingest of one article into the store named `what`.
fn growth_line(what: &str, r: &growth::IngestReport, out: &mut String, markdown: &mut String) {
    let _ = writeln!(
        out,
        "  {what:>18}   {:>9} wall  {:>9} CPU  {:>9} peak  store {:>9}  next reader {:>9}",
        dur_ms(r.wall_s * 1000.0),
        cpu(r.cpu_s),
        mib(r.peak_mib),
        mib(r.store_bytes as f64 / 1048576.0),
        dur_ms(r.reopen_s * 1000.0)
    );
    let _ = writeln!(
        markdown,
        "| {} | {} | {} | {} | {} | {} |",
        what.trim(),
        dur_ms(r.wall_s * 1000.0),
        cpu(r.cpu_s),
        mib(r.peak_mib),
        mib(r.store_bytes as f64 / 1048576.0),
        dur_ms(r.reopen_s * 1000.0)
    );
}

/// The batch line: `kg ingest` of --batch new articles into an empty store,
/// on one core and on all.
fn batch_section(
    data: &Path,
    args: &BenchArgs,
    out: &mut String,
    markdown: &mut String,
) -> Result<Option<growth::Batch>> {
    let corpus = growth_corpus(args)?;
    std::fs::create_dir_all(data).with_context(|| format!("cannot make {}", data.display()))?;
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let _ = writeln!(
        out,
        "\nBatch: kg ingest of {} new articles into an empty store (from {}; each in a process of its own)",
        thousands(args.batch),
        corpus.display()
    );
    let Some(b) = growth::batch(data, &corpus, args.batch)? else {
        let _ = writeln!(
            out,
            "  (skipped: `{}` cannot pin a process to one core here)",
            PIN.join(" ")
        );
        return Ok(None);
    };
    let _ = write!(
        markdown,
        "\n### Batch: `kg ingest` of {} new articles into an empty store\n\n| cores | wall | CPU | peak memory |\n|---|---|---|---|\n",
        thousands(args.batch)
    );
    for (what, r) in [
        (format!("one core ({})", PIN.join(" ")), &b.one_core),
        (format!("all {cores} cores"), &b.all_cores),
    ] {
        let (wall, cpu_time) = (dur_ms(r.wall_s * 1000.0), cpu(r.cpu_s));
        let _ = writeln!(
            out,
            "  {what:<24} {wall:>9} wall  {cpu_time:>9} CPU  {:>9} peak",
            mib(r.peak_mib)
        );
        let _ = writeln!(
            markdown,
            "| {what} | {wall} | {cpu_time} | {} |",
            mib(r.peak_mib)
        );
    }
    let _ = writeln!(
        out,
        "  all cores / one core: {:.2}× by wall time",
        b.speedup()
    );
    let _ = writeln!(
        markdown,
        "\nAll cores / one core: {:.2}× by wall time.",
        b.speedup()
    );
    Ok(Some(b))
}

/// Extraction throughput on one corpus, kg beside spaCy's NER.
struct ExtractionLine {
    corpus: String,
    /// MB/s by the CPU time of the one thread that ran it.
    one_core: f64,
    /// MB/s by wall time, one thread per core, never below `one_core`: a
    /// machine busy elsewhere is reported as such (`parallel_wall`), not as
    /// a second core that slows the first.
    all_cores: f64,
    /// MB/s by wall time of the run on every core, as measured.
    parallel_wall: f64,
    /// One multi-pattern pass with every gazetteer name over the same text.
    reference: Option<growth::Reference>,
    /// spaCy NER-only pipeline, MB/s by process CPU time, when the peer ran.
    spacy: Option<f64>,
}

/// The calling thread's CPU time, where Linux reports it; wall time elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos as f64 / 1e9)
}

fn spacy_available(python: &str) -> bool {
    Command::new(python)
        .args(["-c", "import spacy"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// spaCy's NER on `file` repeated to `mb` megabytes: MB/s by process CPU time.
fn spacy_mb_per_s(python: &str, file: &Path, mb: f64) -> Result<f64> {
    let script = Path::new(SOURCE_TREE).join("benches/peers/spacy_peer.py");
    let output = Command::new(python)
        .arg(&script)
        .arg("--bench")
        .arg(file)
        .args(["--mb", &mb.to_string(), "--ner-only"])
        .output()
        .with_context(|| format!("cannot run {python} {}", script.display()))?;
    if !output.status.success() {
        bail!(
            "{}: {}",
            script.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let result: Value = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("{}: output is not JSON", script.display()))?;
    result["ner"]["mb_s_cpu"]
        .as_f64()
        .ok_or_else(|| anyhow!("{}: no ner.mb_s_cpu in its output", script.display()))
}

/// Timed passes over each extraction corpus; the median is reported.
const EXTRACTION_PASSES: usize = 5;

/// Runs the networkx peer on the graph in `dir` (saving into `work`) and
/// reads its JSON report.
fn run_networkx(
    name: &str,
    dir: &Path,
    work: &Path,
    args: &BenchArgs,
    python: &str,
) -> Result<Value> {
    let n = args.queries;
    eprintln!(
        "kg: {name}: timing networkx (up to {} s per query) …",
        args.timeout
    );
    let json = work.join("networkx.json");
    let status = Command::new(python)
        .arg(peer_script())
        .arg("run")
        .arg("--dir")
        .arg(dir)
        .args([
            "--queries",
            &n.to_string(),
            "--timeout",
            &args.timeout.to_string(),
        ])
        .arg("--save-dir")
        .arg(work)
        .arg("--json")
        .arg(&json)
        .status()
        .context("cannot run the networkx peer")?;
    if !status.success() {
        bail!("the networkx peer failed on {}", dir.display());
    }
    Ok(serde_json::from_str(&std::fs::read_to_string(&json)?)?)
}

/// For shortest lengths, shortest-path counts and simple-path counts: how
/// many of kg's answers equal the peer's, of those the peer finished.
fn agreement(pairs: &[PairTimes], nq: &[Value]) -> ([usize; 3], [usize; 3]) {
    let mut agree = [0usize; 3];
    let mut compared = [0usize; 3];
    for (k, q) in pairs.iter().zip(nq) {
        if q["source"].as_str() != Some(&k.source) || q["target"].as_str() != Some(&k.target) {
            continue;
        }
        let checks = [
            (peer_query(q, "shortest"), k.hops.map(|h| h as u64)),
            (peer_query(q, "all_shortest"), Some(k.all_shortest)),
            (peer_query(q, "simple3"), Some(k.simple3)),
        ];
        for (i, (p, ours)) in checks.into_iter().enumerate() {
            if !p.timeout {
                compared[i] += 1;
                agree[i] += usize::from(p.result == ours);
            }
        }
    }
    (agree, compared)
}

/// The rows on saving and importing: snapshot save against networkx's JSON
/// save (`nx_save` ms), the import and its RON write.
fn storage_rows(build: &BuildReport, import: &ImportReport, nx_save: f64, rows: &mut Vec<Row>) {
    rows.push(row(
        "save (kg: snapshot; networkx: JSON)",
        dur_ms(build.snapshot_save_s * 1000.0),
        dur_ms(nx_save),
        ratio(build.snapshot_save_s * 1000.0, nx_save, false),
    ));
    rows.push(row(
        "import (CSV → RON store + snapshot)",
        dur_ms(import.total_s * 1000.0),
        "—".into(),
        "—".into(),
    ));
    rows.push(row(
        "  of which: write RON",
        format!(
            "{} ({})",
            dur_ms(import.ron_save_s * 1000.0),
            mib(import.ron_bytes as f64 / 1048576.0)
        ),
        "—".into(),
        "—".into(),
    ));
    rows.push(row(
        "  CPU time, peak memory",
        format!("{} CPU, {}", cpu(import.cpu_s), mib(import.peak_mib)),
        "—".into(),
        "—".into(),
    ));
}

/// The rows on shortest paths between any two entities and on k shortest
/// paths (`kg_rank`, ms); returns the sorted hop counts of the far pairs.
fn far_rows(build: &BuildReport, kg_rank: Vec<f64>, rows: &mut Vec<Row>) -> Vec<usize> {
    let far: Vec<f64> = build.far.iter().map(|f| f.0).collect();
    let mut far_hops: Vec<usize> = build.far.iter().filter_map(|f| f.1).collect();
    far_hops.sort_unstable();
    rows.push(row(
        "shortest path, any two entities, median",
        dur_ms(median(far.clone())),
        "—".into(),
        "—".into(),
    ));
    rows.push(row(
        "shortest path, any two entities, slowest",
        dur_ms(max(&far)),
        "—".into(),
        "—".into(),
    ));
    rows.push(row(
        "k shortest paths (k = 10, ≤ 4 hops), median",
        dur_ms(median(kg_rank)),
        "—".into(),
        "—".into(),
    ));
    far_hops
}

/// The peer's cell for one query kind from its times and timeouts: the
/// text, the median, and whether it is only a lower bound (most timed out).
fn peer_cell((times, timeouts): &(Vec<f64>, usize)) -> (String, f64, bool) {
    if times.is_empty() {
        return ("—".into(), f64::NAN, false);
    }
    let m = median(times.clone());
    let lower = *timeouts * 2 > times.len();
    let mut text = if lower {
        format!("≥ {}", dur_ms(m))
    } else {
        dur_ms(m)
    };
    if *timeouts > 0 {
        let _ = write!(text, " ({timeouts}/{} timed out)", times.len());
    }
    (text, m, lower)
}

/// Extracts `articles` split in `cores` parts, one thread each.
fn extract_on_cores(
    extractor: &kg::extract::Extractor,
    articles: &[kg::article::Article],
    cores: usize,
) {
    std::thread::scope(|s| {
        for part in articles.chunks(articles.len().div_ceil(cores)) {
            s.spawn(move || {
                for a in part {
                    std::hint::black_box(extractor.extract(a));
                }
            });
        }
    });
}

/// Extraction throughput on the seed article and on the shipped corpus, each repeated
/// to `--extraction-mb`, and spaCy's NER on the same text when it can run.
fn extraction(args: &BenchArgs) -> Result<Vec<ExtractionLine>> {
    let corpus = kg::store::shipped_corpus()
        .ok_or_else(|| anyhow!("no shipped articles (data/articles) to time extraction on"))?;
    let seed = corpus.join("india_japan_defence_2025-05-04.txt");
    let files = kg::article::collect(std::slice::from_ref(&corpus))?;
    let extractor = kg::extract::Extractor::shared()?;
    let target = (args.extraction_mb * 1e6).max(1.0) as usize;
    let spacy = (args.peer == PeerMode::Auto && spacy_available(&args.ner_python))
        .then_some(args.ner_python.as_str());
    let mut corpora = vec![
        ("seed article repeated".to_string(), vec![seed]),
        ("data/articles repeated".to_string(), files),
    ];
    if let Some(dir) = &args.extraction_articles {
        let files = kg::article::collect(std::slice::from_ref(dir))?;
        if files.is_empty() {
            bail!("{}: no articles to time extraction on", dir.display());
        }
        corpora.push((format!("{} repeated", dir.display()), files));
    }
    let mut out = Vec::new();
    for (what, sources) in corpora {
        let texts: Vec<kg::article::Article> = sources
            .iter()
            .map(|p| kg::article::read(p, None))
            .collect::<Result<_, _>>()?;
        let mut articles = Vec::new();
        let mut bytes = 0usize;
        while bytes < target {
            for a in &texts {
                bytes += a.text.len();
                articles.push(a.clone());
            }
        }
        // One untimed pass warms the allocator and the caches; then the median of
        // several passes, as one pass on a shared machine varies by a fifth.
        for a in &articles {
            std::hint::black_box(extractor.extract(a));
        }
        let mut one_core = Vec::with_capacity(EXTRACTION_PASSES);
        let mut all_cores = Vec::with_capacity(EXTRACTION_PASSES);
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        for _ in 0..EXTRACTION_PASSES {
            let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
            for a in &articles {
                std::hint::black_box(extractor.extract(a));
            }
            let seconds = match (cpu, thread_cpu_seconds()) {
                (Some(a), Some(b)) if b > a => b - a,
                _ => wall.elapsed().as_secs_f64(),
            };
            one_core.push(bytes as f64 / 1e6 / seconds);
            let t = Instant::now();
            extract_on_cores(extractor, &articles, cores);
            all_cores.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
        }
        let (one_core, parallel_wall) = (median(one_core), median(all_cores));
        let joined: String = articles.iter().map(|a| a.text.as_str()).collect();
        let reference = growth::reference(&joined, EXTRACTION_PASSES).ok();
        // The peer gets the same text: one document per copy of the corpus.
        let spacy = match spacy {
            None => None,
            Some(python) => {
                let joined = tempfile::NamedTempFile::new()?;
                let text: Vec<&str> = texts.iter().map(|a| a.text.as_str()).collect();
                std::fs::write(joined.path(), text.join("\n\n"))?;
                eprintln!(
                    "kg: timing spaCy NER on {what} ({} MB)…",
                    args.extraction_mb
                );
                Some(spacy_mb_per_s(python, joined.path(), args.extraction_mb)?)
            }
        };
        out.push(ExtractionLine {
            corpus: format!("{what} to {} MB", args.extraction_mb),
            one_core,
            all_cores: parallel_wall.max(one_core),
            parallel_wall,
            reference,
            spacy,
        });
    }
    Ok(out)
}
