//! `kg ingest`: reads the articles and hands them to [`kg::ingest::ingest`],
//! which extracts them and merges them into the store under its lock; prints
//! what changed.

use super::progress::Stderr;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// `kg ingest PATH... [--date D]` into the store at `store_path`.
pub fn run(store_path: &Path, paths: &[PathBuf], date: Option<&str>) -> Result<()> {
    let date = date.map(kg::article::parse_date_option).transpose()?;
    let files = kg::article::collect(paths)?;
    let articles = kg::ingest::read_all(&files, date)?;
    let done = kg::ingest::ingest(store_path, articles, &Stderr::new())?;
    for path in &done.undated {
        eprintln!(
            "kg: warning: {path}: no date in its dateline, so relative dates (\"on Monday\") \
             stay unresolved; give one with --date YYYY-MM-DD"
        );
    }
    match done.saved {
        None => println!("{}; {} left as it was", done.summary, store_path.display()),
        Some(snapshot) => println!(
            "{}; saved {}{}",
            done.summary,
            store_path.display(),
            super::and_snapshot(snapshot)
        ),
    }
    Ok(())
}
