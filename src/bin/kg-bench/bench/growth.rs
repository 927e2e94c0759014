//! The write side of `kg bench`: what one more article costs as the store
//! grows (`kg ingest` of one new article into stores of 1,000, 10,000 …
//! articles, each measured in a process of its own for its peak memory and
//! CPU time), and the physical reference for extraction: one multi-pattern
//! pass (aho-corasick, and `rg -F -f` when installed) over the same text with
//! every gazetteer name.

use anyhow::{anyhow, bail, Context, Result};
use kg::article::Article;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What one `ingest-one` worker measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct IngestReport {
    pub articles: usize,
    pub wall_s: f64,
    pub cpu_s: f64,
    pub peak_mib: f64,
    /// The store's files after the ingest (RON, snapshot, journal), in bytes.
    pub store_bytes: u64,
    /// What a reader opening the store afterwards took (wall seconds).
    pub reopen_s: f64,
    /// The store's snapshot after the ingest, in bytes (0 when it has none).
    #[serde(default)]
    pub snapshot_bytes: u64,
}

/// What a reader opening a store costs, in a process of its own.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub(super) struct OpenReport {
    pub wall_s: f64,
    pub peak_mib: f64,
}

/// One new article into a preset's imported store: the ingest, and the
/// snapshot and a reader before and after it. The first reader after an
/// ingest may rebuild the snapshot (from the RON and the journal), so the
/// next reader and a later one are told apart.
#[derive(Debug, Clone, Default)]
pub(super) struct PresetGrowth {
    /// The ingest alone (its `reopen_s` is the next reader's wall time).
    pub ingest: IngestReport,
    pub snapshot_before: u64,
    pub snapshot_after_next: u64,
    pub reader_before: OpenReport,
    pub next_reader: OpenReport,
    pub later_reader: OpenReport,
}

impl PresetGrowth {
    /// The snapshot and the readers before and after, in words.
    pub fn change(&self) -> String {
        let pct = |before: f64, after: f64| (after / before - 1.0) * 100.0;
        let (before, later) = (&self.reader_before, &self.later_reader);
        format!(
            "snapshot {} → {} after the ingest, {} after the next reader ({:+.0} %); \
             a reader opening it: {}, {} before; the next {}, {}; a later one {}, {} ({:+.0} % memory)",
            super::size(self.snapshot_before),
            super::size(self.ingest.snapshot_bytes),
            super::size(self.snapshot_after_next),
            pct(self.snapshot_before as f64, self.snapshot_after_next as f64),
            super::dur_ms(before.wall_s * 1000.0),
            super::mib(before.peak_mib),
            super::dur_ms(self.next_reader.wall_s * 1000.0),
            super::mib(self.next_reader.peak_mib),
            super::dur_ms(later.wall_s * 1000.0),
            super::mib(later.peak_mib),
            pct(before.peak_mib, later.peak_mib)
        )
    }
}

/// `kg ingest` of many new articles into an empty store, on one core and on all.
#[derive(Debug, Clone, Default)]
pub(super) struct Batch {
    pub articles: usize,
    pub one_core: IngestReport,
    pub all_cores: IngestReport,
}

impl Batch {
    /// How many times faster all cores ingest than one, by wall time.
    pub fn speedup(&self) -> f64 {
        self.one_core.wall_s / self.all_cores.wall_s
    }
}

/// This process's CPU time (user + system), from /proc (Linux; `None` elsewhere).
pub(super) fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The articles the growth stores are made of: the files of `dir`.
fn sources(dir: &Path) -> Result<Vec<Article>> {
    let files = kg::article::collect(&[dir.to_path_buf()])?;
    let articles: Vec<Article> = files
        .iter()
        .map(|p| kg::article::read(p, None))
        .collect::<Result<_, _>>()?;
    if articles.is_empty() {
        bail!("{}: no articles to grow stores from", dir.display());
    }
    Ok(articles)
}

/// The `i`-th generated article: a source article with a numbered line
/// added, so each is new to the store (its content hash differs) and brings
/// its facts again as fresh evidence.
fn variant(sources: &[Article], i: usize) -> Article {
    let base = &sources[i % sources.len()];
    let text = format!("{}\n\nBulletin {i}.\n", base.text.trim_end());
    Article {
        id: kg::article::content_id(&text),
        path: format!(
            "bench/{i:07}-{}",
            base.path.rsplit('/').next().unwrap_or("a")
        ),
        title: base.title.clone(),
        date: base.date,
        text,
    }
}

/// The bytes of the files of `store` (its RON, snapshot, journal, curation
/// record: every file of its folder named after it), not the bench's others.
fn store_bytes(store: &Path) -> u64 {
    let (Some(dir), Some(stem)) = (store.parent(), store.file_stem()) else {
        return 0;
    };
    let prefix = format!("{}.", stem.to_string_lossy());
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    })
}

fn snapshot_bytes(store: &Path) -> u64 {
    std::fs::metadata(kg::bench_support::snapshot::path_for(store)).map_or(0, |m| m.len())
}

/// `articles` ingested into `store`, timed: wall, CPU and peak of this
/// process, the store's files after, and (when `reopen`) a reader opening
/// it next in this process.
fn timed_ingest(store: &Path, articles: Vec<Article>, reopen: bool) -> Result<IngestReport> {
    let n = articles.len();
    let (cpu, t) = (process_cpu_seconds(), Instant::now());
    kg::ingest::ingest(store, articles, &kg::ingest::Silent)?;
    let wall_s = t.elapsed().as_secs_f64();
    let cpu_s = match (cpu, process_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => f64::NAN,
    };
    let mut report = IngestReport {
        articles: n,
        wall_s,
        cpu_s,
        peak_mib: super::peak_mib(),
        store_bytes: store_bytes(store),
        // Not measured here without `reopen` (JSON has no NaN).
        reopen_s: 0.0,
        snapshot_bytes: snapshot_bytes(store),
    };
    if reopen {
        let t = Instant::now();
        let reader = kg::query::Reader::open(store, &kg::ingest::Silent)?;
        std::hint::black_box(reader.stats());
        report.reopen_s = t.elapsed().as_secs_f64();
    }
    Ok(report)
}

/// `kg-bench worker --task grow|ingest-one|ingest-only|ingest-batch|open`:
/// `grow` makes a store of `n` generated articles in `work` (not timed);
/// `ingest-one` ingests article `n` into it and reports the time, CPU and
/// peak memory of doing so, and a reader opening it next; `ingest-only`
/// the same without the reader; `ingest-batch` articles `0..n` at once
/// (into an empty store); `open` what a reader opening it costs.
pub(super) fn worker(task: &str, dir: &Path, work: &Path, n: usize) -> Result<Option<String>> {
    let store = work.join("graph.ron");
    let json = match task {
        "grow" => {
            let sources = sources(dir)?;
            std::fs::create_dir_all(work)?;
            let articles: Vec<Article> = (0..n).map(|i| variant(&sources, i)).collect();
            kg::ingest::ingest(&store, articles, &kg::ingest::Silent)?;
            "{}".to_string()
        }
        "ingest-one" | "ingest-only" => {
            let article = variant(&sources(dir)?, n);
            let mut report = timed_ingest(&store, vec![article], task == "ingest-one")?;
            report.articles = n;
            serde_json::to_string(&report)?
        }
        "ingest-batch" => {
            let sources = sources(dir)?;
            std::fs::create_dir_all(work)?;
            let articles: Vec<Article> = (0..n).map(|i| variant(&sources, i)).collect();
            serde_json::to_string(&timed_ingest(&store, articles, true)?)?
        }
        "open" => {
            let t = Instant::now();
            let reader = kg::query::Reader::open(&store, &kg::ingest::Silent)?;
            std::hint::black_box(reader.stats());
            let report = OpenReport {
                wall_s: t.elapsed().as_secs_f64(),
                peak_mib: super::peak_mib(),
            };
            serde_json::to_string(&report)?
        }
        _ => return Ok(None),
    };
    Ok(Some(json))
}

/// One growth measurement: a store of `n` articles made in a temporary
/// folder under `data`, then one more article ingested, each in its own process.
pub(super) fn measure(data: &Path, corpus: &Path, n: usize) -> Result<IngestReport> {
    let work = tempfile::Builder::new()
        .prefix("kg-bench-growth-")
        .tempdir_in(data)
        .with_context(|| format!("cannot make a temporary folder in {}", data.display()))?;
    eprintln!("kg: growth: making a store of {n} articles …");
    let t = Instant::now();
    let _: serde_json::Value = super::run_worker("grow", corpus, work.path(), n)?;
    eprintln!(
        "kg: growth: the store of {n} articles took {:.1} s to make",
        t.elapsed().as_secs_f64()
    );
    super::run_worker("ingest-one", corpus, work.path(), n)
}

/// One new article ingested into the store in `work` (a preset `kg
/// import` made), with a reader opening it before, and the next and a
/// later one after, each in a process of its own.
pub(super) fn into_store(work: &Path, corpus: &Path) -> Result<PresetGrowth> {
    let store = work.join("graph.ron");
    let snapshot_before = snapshot_bytes(&store);
    let reader_before = super::run_worker("open", corpus, work, 0)?;
    let mut ingest: IngestReport = super::run_worker("ingest-only", corpus, work, 0)?;
    let next_reader: OpenReport = super::run_worker("open", corpus, work, 0)?;
    ingest.reopen_s = next_reader.wall_s;
    let snapshot_after_next = snapshot_bytes(&store);
    let later_reader = super::run_worker("open", corpus, work, 0)?;
    Ok(PresetGrowth {
        ingest,
        snapshot_before,
        snapshot_after_next,
        reader_before,
        next_reader,
        later_reader,
    })
}

/// `kg ingest` of `n` new articles into an empty store under `data`, once
/// pinned to one core (`taskset -c 0`, one rayon thread) and once on every
/// core, each in a process and a store of its own; `None` when taskset
/// cannot pin.
pub(super) fn batch(data: &Path, corpus: &Path, n: usize) -> Result<Option<Batch>> {
    if !super::can_pin() {
        return Ok(None);
    }
    let mut runs = Vec::new();
    for one_core in [true, false] {
        let work = tempfile::Builder::new()
            .prefix("kg-bench-batch-")
            .tempdir_in(data)
            .with_context(|| format!("cannot make a temporary folder in {}", data.display()))?;
        eprintln!(
            "kg: batch: ingesting {n} articles into an empty store on {} …",
            if one_core { "one core" } else { "all cores" }
        );
        runs.push(super::run_worker_on(
            "ingest-batch",
            corpus,
            work.path(),
            n,
            one_core,
        )?);
    }
    let all_cores = runs.pop().unwrap_or_default();
    let one_core = runs.pop().unwrap_or_default();
    Ok(Some(Batch {
        articles: n,
        one_core,
        all_cores,
    }))
}

/// Every name of the gazetteer: countries, their demonyms, capitals and
/// places, regions, organizations, officials, titles and partnership levels.
fn gazetteer_names() -> Result<Vec<String>> {
    let g = kg::gazetteer::Gazetteer::shared()?;
    let mut names = Vec::new();
    for c in &g.countries {
        names.push(c.name.clone());
        names.extend(c.aliases.iter().cloned());
        names.extend(c.demonyms.iter().cloned());
        for p in c.capital.iter().chain(&c.places) {
            names.push(p.name.clone());
            names.extend(p.aliases.iter().cloned());
        }
    }
    for r in &g.regions {
        names.push(r.name.clone());
        names.extend(r.aliases.iter().cloned());
    }
    for o in &g.organizations {
        names.push(o.name.clone());
        names.extend(o.aliases.iter().cloned());
    }
    for o in &g.officials {
        names.push(o.name.clone());
        names.extend(o.aliases.iter().cloned());
    }
    for t in &g.titles {
        names.push(t.title.clone());
        names.extend(t.variants.iter().cloned());
    }
    for p in &g.partnerships {
        names.push(p.name.clone());
        names.extend(p.variants.iter().cloned());
    }
    names.retain(|n| !n.trim().is_empty());
    names.sort();
    names.dedup();
    Ok(names)
}

/// The physical reference: MB/s of one pass over `text` finding every
/// gazetteer name, by aho-corasick in this process (CPU time of one thread)
/// and by `rg -F -f` when installed (wall time of the process); and how many names.
pub(super) struct Reference {
    pub names: usize,
    pub aho_corasick: f64,
    pub ripgrep: Option<f64>,
}

pub(super) fn reference(text: &str, passes: usize) -> Result<Reference> {
    let names = gazetteer_names()?;
    let automaton = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&names)
        .map_err(|e| anyhow!("cannot build the reference automaton: {e}"))?;
    let mb = text.len() as f64 / 1e6;
    let mut rates = Vec::with_capacity(passes);
    for _ in 0..passes.max(1) {
        let (cpu, t) = (super::thread_cpu_seconds(), Instant::now());
        std::hint::black_box(automaton.find_iter(text).count());
        let seconds = match (cpu, super::thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => t.elapsed().as_secs_f64(),
        };
        rates.push(mb / seconds);
    }
    Ok(Reference {
        names: names.len(),
        aho_corasick: super::median(rates),
        ripgrep: ripgrep_rate(text, &names, passes).ok().flatten(),
    })
}

/// `rg -F -f NAMES FILE` over the text: MB/s by wall time, median of
/// `passes`; `None` when rg is not installed.
fn ripgrep_rate(text: &str, names: &[String], passes: usize) -> Result<Option<f64>> {
    let dir = tempfile::tempdir()?;
    let (patterns, file): (PathBuf, PathBuf) = (dir.path().join("names"), dir.path().join("text"));
    std::fs::write(&patterns, names.join("\n"))?;
    std::fs::write(&file, text)?;
    let mut rates = Vec::new();
    for _ in 0..passes.max(1) {
        let t = Instant::now();
        let run = Command::new("rg")
            .args(["-F", "-i", "-c", "-f"])
            .arg(&patterns)
            .arg(&file)
            .output();
        match run {
            Ok(out) if out.status.success() => {
                rates.push(text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
            }
            _ => return Ok(None),
        }
    }
    Ok(Some(super::median(rates)))
}
