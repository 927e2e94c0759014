//! Extracts the given articles over and over, on one thread, until `MB` megabytes
//! have been read, and prints MB/s: a steady workload for profilers and
//! instruction counters (`valgrind --tool=callgrind`), where `kg bench` would
//! add its other corpora and threads.
//!
//! ```sh
//! cargo run --release --example extract_loop -- MB FILE...
//! ```

use anyhow::{Context, Result};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mb: f64 = args
        .next()
        .context("usage: extract_loop MB FILE...")?
        .parse()
        .context("MB must be a number")?;
    let files: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let articles = files
        .iter()
        .map(|p| kg::article::read(p, None))
        .collect::<Result<Vec<_>, _>>()?;
    let extractor = kg::extract::Extractor::shared()?;
    let target = (mb * 1e6) as usize;
    let (mut bytes, mut facts) = (0usize, 0usize);
    let start = Instant::now();
    while bytes < target && !articles.is_empty() {
        for a in &articles {
            let x = extractor.extract(a);
            facts += x.entities.len() + x.relations.len();
            bytes += a.text.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{:.2} MB in {seconds:.3} s: {:.1} MB/s ({facts} facts)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds
    );
    Ok(())
}

#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
