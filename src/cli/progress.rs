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
