//! `kg bench`: runs the `kg-bench` executable beside this one with the same
//! arguments (as git and cargo run their external subcommands), so the bench
//! harness and its Python peers stay out of the shipped binary. The flags
//! were checked already: both parse [`super::bench_args::BenchArgs`].

use anyhow::{bail, Context, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The bench executable's name.
const BENCH: &str = "kg-bench";

/// Runs `kg-bench` with the arguments after `bench`, and ends with its exit code.
pub fn run() -> Result<()> {
    let exe = std::env::current_exe().context("cannot find the kg executable")?;
    let bench = beside(&exe);
    if !bench.is_file() {
        bail!(
            "kg bench runs {}, which is not there: build it with `cargo build --release --bin {BENCH}` \
             (a plain `cargo build --release` builds it too)",
            bench.display()
        );
    }
    let status = Command::new(&bench)
        .args(after_bench(std::env::args_os()))
        .status()
        .with_context(|| format!("cannot run {}", bench.display()))?;
    if status.success() {
        return Ok(());
    }
    // Its messages are printed already; its exit code is ours.
    std::process::exit(status.code().unwrap_or(1));
}

/// `kg-bench` in the folder of `exe`.
fn beside(exe: &Path) -> PathBuf {
    exe.with_file_name(format!("{BENCH}{}", std::env::consts::EXE_SUFFIX))
}

/// The arguments after the first `bench` (the subcommand; flags before it are kg's).
fn after_bench(args: impl Iterator<Item = OsString>) -> Vec<OsString> {
    args.skip(1).skip_while(|a| a != "bench").skip(1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arguments_after_the_subcommand_are_handed_on() {
        let args = ["kg", "--store", "x.ron", "bench", "--preset", "bench"].map(OsString::from);
        assert_eq!(after_bench(args.into_iter()), ["--preset", "bench"]);
        assert!(after_bench(["kg", "bench"].map(OsString::from).into_iter()).is_empty());
        let exe = Path::new("/opt/kg/kg");
        assert_eq!(
            beside(exe),
            Path::new(&format!("/opt/kg/kg-bench{}", std::env::consts::EXE_SUFFIX))
        );
    }
}
