//! The `kg-bench` binary: the bench harness, out of the shipped `kg` (which
//! runs it for `kg bench`, with the same arguments). It times kg on
//! generated graphs beside networkx and its extraction beside spaCy
//! ([`bench`]); each measurement runs in a process of its own, this
//! executable again (`kg-bench worker`), so its peak memory is its own.
#![warn(clippy::too_many_lines)]

mod bench;
#[path = "../../cli/bench_args.rs"]
mod bench_args;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// The allocator `kg` runs on, so the figures are kg's.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// `kg bench`'s command line, as `kg` parsed it.
#[derive(Debug, Parser)]
#[command(
    name = "kg bench",
    bin_name = "kg bench",
    version,
    about = "Time kg on generated graphs beside networkx, and extraction speed",
    after_long_help = bench_args::EXAMPLES
)]
struct Bench {
    #[command(flatten)]
    args: bench_args::BenchArgs,
}

/// One measurement, in a process of its own (for peak memory).
#[derive(Debug, Parser)]
#[command(name = "kg-bench worker")]
struct Worker {
    #[arg(long)]
    task: String,
    #[arg(long)]
    dir: PathBuf,
    #[arg(long)]
    work: PathBuf,
    #[arg(long)]
    pairs: usize,
}

/// The first argument that says a worker is wanted.
const WORKER: &str = "worker";

fn main() -> ExitCode {
    let worker = std::env::args_os().nth(1).is_some_and(|a| a == WORKER);
    let done = if worker {
        let w = Worker::parse_from(std::env::args_os().skip(1));
        bench::worker(&w.task, &w.dir, &w.work, w.pairs)
    } else {
        bench::run(&Bench::parse().args)
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kg bench: {err:#}");
            ExitCode::FAILURE
        }
    }
}
