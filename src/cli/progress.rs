//! A progress bar for long runs, drawn only when stderr is a terminal and
//! there is enough work to watch; otherwise a hidden bar that costs nothing.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal as _;

/// Runs of fewer items than this finish before a bar would be worth drawing.
const MIN_ITEMS: usize = 200;

/// A bar counting `items` things labelled `what`, or a hidden one.
pub fn bar(items: usize, what: &str) -> ProgressBar {
    if items < MIN_ITEMS || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(items as u64);
    let style = ProgressStyle::with_template(&format!(
        "{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {what} ({{per_sec}}, {{eta}} left)"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("=> "));
    bar
}

/// The library's [`kg::ingest::Observer`] for the command line: its lines on
/// stderr after `kg: `, extraction counted on a bar.
pub struct Stderr {
    bar: std::sync::Mutex<ProgressBar>,
}

impl Stderr {
    pub fn new() -> Stderr {
        Stderr {
            bar: std::sync::Mutex::new(ProgressBar::hidden()),
        }
    }

    fn with_bar(&self, f: impl FnOnce(&mut ProgressBar)) {
        if let Ok(mut bar) = self.bar.lock() {
            f(&mut bar);
        }
    }
}

impl kg::ingest::Observer for Stderr {
    fn note(&self, line: &str) {
        eprintln!("kg: {line}");
    }

    fn start(&self, total: usize) {
        self.with_bar(|b| *b = bar(total, "articles"));
    }

    fn tick(&self) {
        self.with_bar(|b| b.inc(1));
    }

    fn finish(&self) {
        self.with_bar(|b| b.finish_and_clear());
    }
}
