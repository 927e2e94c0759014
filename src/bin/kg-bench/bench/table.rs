//! The closing block of `kg bench`: issue 16's table, each workload with the
//! figure this run measured, the issue's target and whether it is met,
//! computed from the run's own measurements (a workload the run skipped is
//! "not measured", with the flag that measures it).

use super::growth::{Batch, IngestReport, PresetGrowth};
use super::{cpu, dur_ms, mib, thousands, ExtractionLine, ImportReport};
use std::fmt::Write as _;

/// The issue's targets: one new article into a store of thousands of
/// articles (seconds of wall time, MiB of peak memory).
const ONE_ARTICLE: (f64, f64) = (0.2, 100.0);
/// One new article into the large preset's store (seconds, MiB: the snapshot's own size).
const INTO_LARGE: (f64, f64) = (0.5, 600.0);
/// The batch ingest on every core against one core, by wall time.
const BATCH_SPEEDUP: f64 = 1.8;
/// `kg import` of the large preset, seconds of wall time.
const IMPORT_S: f64 = 3.0;
/// Extraction on one core, MB/s.
const EXTRACTION_MB_S: f64 = 50.0;
/// How many times slower than the physical reference extraction may be.
const REFERENCE_WITHIN: f64 = 3.0;

/// Whether a target is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Met,
    NotMet,
    NotMeasured,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not met",
            Verdict::NotMeasured => "not measured",
        }
    }
}

/// One side of a target: the measured value at most, or at least, a limit.
#[derive(Debug, Clone, Copy)]
pub(super) enum Bound {
    AtMost(f64),
    AtLeast(f64),
}

/// Met when every measured value keeps its bound; not measured when there
/// is nothing to judge or a value is missing (NaN).
pub(super) fn verdict(checks: &[(f64, Bound)]) -> Verdict {
    if checks.is_empty() || checks.iter().any(|(v, _)| !v.is_finite()) {
        return Verdict::NotMeasured;
    }
    let holds = |&(v, bound): &(f64, Bound)| match bound {
        Bound::AtMost(limit) => v <= limit,
        Bound::AtLeast(limit) => v >= limit,
    };
    if checks.iter().all(holds) {
        Verdict::Met
    } else {
        Verdict::NotMet
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub workload: String,
    pub today: String,
    pub target: String,
    pub verdict: Verdict,
}

fn line(workload: String, today: String, target: String, checks: &[(f64, Bound)]) -> Line {
    Line {
        workload,
        today,
        target,
        verdict: verdict(checks),
    }
}

fn not_measured(workload: String, why: &str, target: String) -> Line {
    Line {
        workload,
        today: format!("not measured ({why})"),
        target,
        verdict: Verdict::NotMeasured,
    }
}

/// What the run measured that the table reads.
#[derive(Default)]
pub(super) struct Measured<'a> {
    /// One article into stores of N articles.
    pub growth: &'a [(usize, IngestReport)],
    /// One article into the large preset's imported store.
    pub into_large: Option<&'a PresetGrowth>,
    pub batch: Option<&'a Batch>,
    /// How many articles the batch line was asked for (shown when it did not run).
    pub batch_articles: usize,
    pub large_import: Option<&'a ImportReport>,
    /// The extraction lines, the issue's workload (--extraction-articles) last when given.
    pub extraction: &'a [ExtractionLine],
    pub cores: usize,
}

fn costs(r: &IngestReport) -> String {
    format!(
        "{} wall, {} CPU, {}",
        dur_ms(r.wall_s * 1000.0),
        cpu(r.cpu_s),
        mib(r.peak_mib)
    )
}

fn ingest_lines(m: &Measured) -> Vec<Line> {
    let target = format!("≤ {} s, ≤ {}", ONE_ARTICLE.0, mib(ONE_ARTICLE.1));
    let mut out: Vec<Line> = m
        .growth
        .iter()
        .map(|(n, r)| {
            line(
                format!(
                    "kg ingest of one new article into a store of {} articles",
                    thousands(*n)
                ),
                costs(r),
                target.clone(),
                &[
                    (r.wall_s, Bound::AtMost(ONE_ARTICLE.0)),
                    (r.peak_mib, Bound::AtMost(ONE_ARTICLE.1)),
                ],
            )
        })
        .collect();
    if out.is_empty() {
        out.push(not_measured(
            "kg ingest of one new article into a store of N articles".into(),
            "--growth N",
            target,
        ));
    }
    let workload = "the same into the large preset's store (kg import's)".to_string();
    let target = format!("≤ {} s, ≤ {}", INTO_LARGE.0, mib(INTO_LARGE.1));
    out.push(match m.into_large {
        None => not_measured(workload, "--preset large --grow-presets large", target),
        Some(g) => {
            let r = &g.ingest;
            let today = format!("{}; {}", costs(r), g.change());
            let checks = [
                (r.wall_s, Bound::AtMost(INTO_LARGE.0)),
                (r.peak_mib, Bound::AtMost(INTO_LARGE.1)),
            ];
            line(workload, today, target, &checks)
        }
    });
    out
}

fn batch_line(m: &Measured) -> Line {
    let target = format!("≥ {BATCH_SPEEDUP}× on 2 cores");
    let Some(b) = m.batch else {
        let workload = format!(
            "kg ingest of {} articles, 1 core vs {} cores",
            thousands(m.batch_articles),
            m.cores
        );
        return not_measured(workload, "--batch N, and taskset", target);
    };
    let today = format!(
        "{} vs {} wall ({} vs {} CPU): {:.2}×",
        dur_ms(b.one_core.wall_s * 1000.0),
        dur_ms(b.all_cores.wall_s * 1000.0),
        cpu(b.one_core.cpu_s),
        cpu(b.all_cores.cpu_s),
        b.speedup()
    );
    line(
        format!(
            "kg ingest of {} articles, 1 core vs {} cores",
            thousands(b.articles),
            m.cores
        ),
        today,
        target,
        &[(b.speedup(), Bound::AtLeast(BATCH_SPEEDUP))],
    )
}

fn import_line(m: &Measured) -> Line {
    let workload = "kg import of the large preset".to_string();
    let target = format!("≤ {IMPORT_S} s");
    match m.large_import {
        None => not_measured(workload, "--preset large", target),
        Some(i) => line(
            workload,
            format!(
                "{} wall, {} CPU, {} (of which the RON write {})",
                dur_ms(i.total_s * 1000.0),
                cpu(i.cpu_s),
                mib(i.peak_mib),
                dur_ms(i.ron_save_s * 1000.0)
            ),
            target,
            &[(i.total_s, Bound::AtMost(IMPORT_S))],
        ),
    }
}

fn extraction_lines(m: &Measured) -> Vec<Line> {
    let target = format!("≥ {EXTRACTION_MB_S} MB/s");
    let within = format!("extraction within {REFERENCE_WITHIN}× of it");
    let Some(x) = m.extraction.last() else {
        return vec![
            not_measured("extraction, one core".into(), "--no-extraction", target),
            not_measured("the physical reference".into(), "--no-extraction", within),
        ];
    };
    let speed = line(
        format!("extraction, one core, {}", x.corpus),
        format!(
            "{:.1} MB/s ({:.2} s CPU per 5 MB)",
            x.one_core,
            5.0 / x.one_core
        ),
        target,
        &[(x.one_core, Bound::AtLeast(EXTRACTION_MB_S))],
    );
    let workload = "the physical reference: one multi-pattern pass over the same text".to_string();
    let Some(r) = &x.reference else {
        return vec![speed, not_measured(workload, "no gazetteer names", within)];
    };
    let (by, rate) = match r.ripgrep {
        Some(rg) => ("rg -F -f", rg),
        None => ("one aho-corasick pass on one core", r.aho_corasick),
    };
    let slower = rate / x.one_core;
    let today = format!(
        "{rate:.0} MB/s by {by} with {} names; extraction {slower:.1}× slower",
        r.names
    );
    vec![
        speed,
        line(
            workload,
            today,
            within,
            &[(slower, Bound::AtMost(REFERENCE_WITHIN))],
        ),
    ]
}

/// The table's rows, in the issue's order.
pub(super) fn lines(m: &Measured) -> Vec<Line> {
    let mut out = ingest_lines(m);
    out.push(batch_line(m));
    out.push(import_line(m));
    out.extend(extraction_lines(m));
    out
}

/// The table for people (`out`) and in markdown.
pub(super) fn render(m: &Measured, out: &mut String, markdown: &mut String) {
    let lines = lines(m);
    let met = lines.iter().filter(|l| l.verdict == Verdict::Met).count();
    let judged = lines
        .iter()
        .filter(|l| l.verdict != Verdict::NotMeasured)
        .count();
    let _ = writeln!(
        out,
        "\nIssue 16 table: each workload, this run's figure, the issue's target ({met} of {judged} measured met)"
    );
    let _ = write!(
        markdown,
        "\n### Issue 16 table ({met} of {judged} measured targets met)\n\n| workload | this run | target | |\n|---|---|---|---|\n"
    );
    for l in &lines {
        let _ = writeln!(
            out,
            "  {:<13} {}\n  {:<13} {}   target {}",
            l.verdict.as_str(),
            l.workload,
            "",
            l.today,
            l.target
        );
        let _ = writeln!(
            markdown,
            "| {} | {} | {} | {} |",
            l.workload,
            l.today,
            l.target,
            l.verdict.as_str()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::growth::{OpenReport, Reference};
    use super::*;
    use Bound::{AtLeast, AtMost};

    #[test]
    fn a_target_is_met_when_every_bound_holds_and_judged_only_when_measured() {
        assert_eq!(
            verdict(&[(0.2, AtMost(0.2)), (99.0, AtMost(100.0))]),
            Verdict::Met
        );
        assert_eq!(
            verdict(&[(0.1, AtMost(0.2)), (101.0, AtMost(100.0))]),
            Verdict::NotMet
        );
        assert_eq!(verdict(&[(1.8, AtLeast(1.8))]), Verdict::Met);
        assert_eq!(verdict(&[(1.79, AtLeast(1.8))]), Verdict::NotMet);
        assert_eq!(verdict(&[]), Verdict::NotMeasured);
        assert_eq!(verdict(&[(f64::NAN, AtMost(1.0))]), Verdict::NotMeasured);
        assert_eq!(
            verdict(&[(f64::INFINITY, AtLeast(1.0))]),
            Verdict::NotMeasured
        );
    }

    fn ingest(wall_s: f64, peak_mib: f64) -> IngestReport {
        IngestReport {
            wall_s,
            cpu_s: wall_s,
            peak_mib,
            ..IngestReport::default()
        }
    }

    fn verdicts(m: &Measured) -> Vec<(String, Verdict)> {
        lines(m)
            .into_iter()
            .map(|l| (l.workload, l.verdict))
            .collect()
    }

    #[test]
    fn a_run_that_skipped_everything_measures_nothing_and_says_how_to() {
        let lines = lines(&Measured {
            batch_articles: 2000,
            cores: 2,
            ..Measured::default()
        });
        assert_eq!(lines.len(), 6, "{lines:?}");
        assert!(lines.iter().all(|l| l.verdict == Verdict::NotMeasured));
        assert!(lines[0].today.contains("--growth N"), "{:?}", lines[0]);
        assert!(lines[1].today.contains("--preset large"), "{:?}", lines[1]);
        assert!(lines[2]
            .workload
            .contains("2,000 articles, 1 core vs 2 cores"));
    }

    #[test]
    fn each_workload_is_judged_from_its_own_figures() {
        let growth = [(1000, ingest(0.15, 90.0)), (10_000, ingest(0.15, 240.0))];
        let reader = |wall_s, peak_mib| OpenReport { wall_s, peak_mib };
        let large = PresetGrowth {
            ingest: IngestReport {
                snapshot_bytes: 253 << 20,
                ..ingest(0.4, 500.0)
            },
            snapshot_before: 253 << 20,
            snapshot_after_next: 359 << 20,
            reader_before: reader(0.9, 500.0),
            next_reader: reader(40.0, 5000.0),
            later_reader: reader(1.3, 705.0),
        };
        let batch = Batch {
            articles: 2000,
            one_core: ingest(1.1, 200.0),
            all_cores: ingest(1.0, 200.0),
        };
        let import = ImportReport {
            total_s: 2.5,
            ..ImportReport::default()
        };
        let extraction = [ExtractionLine {
            corpus: "corpus repeated to 5 MB".into(),
            one_core: 40.0,
            all_cores: 70.0,
            parallel_wall: 70.0,
            reference: Some(Reference {
                names: 3500,
                aho_corasick: 400.0,
                ripgrep: Some(100.0),
            }),
            spacy: None,
        }];
        let m = Measured {
            growth: &growth,
            into_large: Some(&large),
            batch: Some(&batch),
            batch_articles: 2000,
            large_import: Some(&import),
            extraction: &extraction,
            cores: 2,
        };
        let got: Vec<Verdict> = verdicts(&m).into_iter().map(|(_, v)| v).collect();
        use Verdict::{Met, NotMet};
        // 10,000: memory over; batch 1.1×; extraction 40 < 50; rg 100 / 40 = 2.5× ≤ 3×.
        assert_eq!(got, [Met, NotMet, Met, NotMet, Met, NotMet, Met]);
        let lines = lines(&m);
        let change =
            "snapshot 253 MiB → 253 MiB after the ingest, 359 MiB after the next reader (+42 %)";
        assert!(lines[2].today.contains(change), "{:?}", lines[2]);
        let readers = "the next 40.0 s, 4.88 GiB; a later one 1.3 s, 705 MiB (+41 % memory)";
        assert!(lines[2].today.contains(readers), "{:?}", lines[2]);
        assert!(
            lines[6].today.contains("100 MB/s by rg -F -f"),
            "{:?}",
            lines[6]
        );
    }

    #[test]
    fn the_reference_is_aho_corasick_where_rg_is_missing() {
        let extraction = [ExtractionLine {
            corpus: "c".into(),
            one_core: 50.0,
            all_cores: 50.0,
            parallel_wall: 50.0,
            reference: Some(Reference {
                names: 10,
                aho_corasick: 200.0,
                ripgrep: None,
            }),
            spacy: None,
        }];
        let m = Measured {
            extraction: &extraction,
            ..Measured::default()
        };
        let lines = lines(&m);
        let reference = lines.last().expect("a reference line");
        assert_eq!(reference.verdict, Verdict::NotMet, "{reference:?}");
        assert!(
            reference
                .today
                .contains("200 MB/s by one aho-corasick pass"),
            "{reference:?}"
        );
        assert!(reference.today.contains("4.0× slower"), "{reference:?}");
        assert_eq!(lines[lines.len() - 2].verdict, Verdict::Met);
    }

    #[test]
    fn a_cpu_time_below_procs_tick_is_not_printed_as_zero() {
        assert_eq!(cpu(0.0), "< 10 ms");
        assert_eq!(cpu(0.009), "< 10 ms");
        assert_eq!(cpu(0.01), "10 ms");
        assert_eq!(cpu(f64::NAN), "—");
        let batch = Batch {
            articles: 10,
            one_core: ingest(0.0, 10.0),
            all_cores: ingest(0.0, 10.0),
        };
        let m = Measured {
            batch: Some(&batch),
            ..Measured::default()
        };
        let line = batch_line(&m);
        assert!(line.today.contains("(< 10 ms vs < 10 ms CPU)"), "{line:?}");
        assert_eq!(line.verdict, Verdict::NotMeasured, "0 / 0 wall is no ratio");
    }

    #[test]
    fn worker_reports_of_an_older_harness_still_parse() {
        let old = r#"{"articles":3,"wall_s":0.5,"cpu_s":0.6,"peak_mib":80.0,"store_bytes":10,"reopen_s":0.1}"#;
        let r: IngestReport = serde_json::from_str(old).expect("parses");
        assert_eq!((r.articles, r.snapshot_bytes), (3, 0));
        let old = r#"{"total_s":1.0,"read_s":0.1,"ron_save_s":0.5,"snapshot_s":0.2,"ron_bytes":9,"peak_mib":60.0}"#;
        let i: ImportReport = serde_json::from_str(old).expect("parses");
        assert_eq!(i.cpu_s, 0.0);
    }

    #[test]
    fn the_new_flags_parse_with_the_issues_defaults() {
        use clap::Parser;
        let b = crate::Bench::parse_from(["kg bench"]).args;
        assert_eq!(b.growth, [1000, 10_000]);
        assert_eq!(b.grow_presets, [crate::bench_args::Preset::Large]);
        assert_eq!(b.batch, 2000);
        assert!(!b.no_batch && !b.no_preset_growth && b.extraction_articles.is_none());
        let b = crate::Bench::parse_from([
            "kg bench",
            "--grow-presets",
            "tiny,large",
            "--batch",
            "50",
            "--no-batch",
            "--no-preset-growth",
            "--extraction-articles",
            "corpus",
        ])
        .args;
        use crate::bench_args::Preset::{Large, Tiny};
        assert_eq!(b.grow_presets, [Tiny, Large]);
        assert_eq!(b.batch, 50);
        assert!(b.no_batch && b.no_preset_growth);
        assert_eq!(
            b.extraction_articles.as_deref(),
            Some(std::path::Path::new("corpus"))
        );
    }
}
