//! `kg ingest`: reads the articles and hands them to [`kg::ingest::ingest`],
//! which extracts them and merges them into the store under its lock; prints
//! what changed.

use super::args::OutputFormat;
use super::progress::Stderr;
use super::written::{Counts, Written};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// `kg ingest PATH... [--date D]` into the store at `store_path`.
pub fn run(
    store_path: &Path,
    paths: &[PathBuf],
    date: Option<&str>,
    format: OutputFormat,
) -> Result<()> {
    let date = date.map(kg::article::parse_date_option).transpose()?;
    let files = kg::article::collect(paths)?;
    let articles = kg::ingest::read_all(&files, date)?;
    let done = kg::ingest::ingest(store_path, articles, &Stderr::new())?;
    report(store_path, done, format)
}

/// `kg ingest --extractions FILE...`: extractions made elsewhere.
pub fn run_extractions(store_path: &Path, files: &[PathBuf], format: OutputFormat) -> Result<()> {
    let (articles, extracted) = kg::ingest::jsonl::read_extractions(files)?;
    let done = kg::ingest::ingest_extracted(store_path, articles, extracted, &Stderr::new())?;
    report(store_path, done, format)
}

/// What an ingest prints.
fn report(store_path: &Path, done: kg::ingest::Ingested, format: OutputFormat) -> Result<()> {
    for path in &done.undated {
        eprintln!(
            "kg: warning: {path}: no date in its dateline, so relative dates (\"on Monday\") \
             stay unresolved; give one with --date YYYY-MM-DD"
        );
    }
    if format == OutputFormat::Json {
        let s = done.summary;
        let mut written = Written::new("ingest", store_path);
        if let Some(snapshot) = done.saved {
            written = written.saved(snapshot);
        }
        written.articles = s.articles;
        written.known = Some(s.known);
        written.added = Counts {
            entities: s.entities,
            relations: s.relations,
            evidence: s.evidence,
        };
        return super::emit_json(&written);
    }
    match done.saved {
        None => say!("{}; {} left as it was", done.summary, store_path.display()),
        Some(snapshot) => say!(
            "{}; saved {}{}",
            done.summary,
            store_path.display(),
            super::and_snapshot(snapshot)
        ),
    }
    Ok(())
}
