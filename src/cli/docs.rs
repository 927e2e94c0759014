//! `kg completions SHELL` and `kg man`: generated from the clap definitions in
//! [`super::args`], so they always match the flags kg takes.

use super::args::Args;
use super::stdout_error;
use anyhow::Result;
use clap::CommandFactory as _;
use std::io::Write as _;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "kg", &mut script);
    print(&script)
}

/// Prints the manual page, one roff page for `man` as ripgrep's is: the
/// synopsis and global flags, then a section per command with its synopsis,
/// description, flags and examples, then the examples and exit status of
/// `kg --help`.
pub fn man() -> Result<()> {
    let mut cmd = Args::command();
    cmd.build();
    let top = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    top.render_title(&mut page)?;
    top.render_name_section(&mut page)?;
    top.render_synopsis_section(&mut page)?;
    top.render_description_section(&mut page)?;
    top.render_options_section(&mut page)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("kg {}", sub.get_name()).to_uppercase();
        writeln!(page, ".SH \"{name}\"")?;
        let man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        if sub.get_after_long_help().is_some() {
            man.render_extra_section(&mut part)?;
        }
        page.extend(subsections(&String::from_utf8_lossy(&part)).into_bytes());
    }
    let mut extra = Vec::new();
    top.render_extra_section(&mut extra)?;
    let extra = String::from_utf8_lossy(&extra).replacen(
        ".SH EXTRA",
        ".SH \"EXAMPLES AND EXIT STATUS\"",
        1,
    );
    page.extend(extra.into_bytes());
    top.render_version_section(&mut page)?;
    print(&page)
}

/// A command's sections as subsections of its own section: `.SH X` becomes
/// `.SS X`, and the heading of its examples says what they are.
fn subsections(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for line in roff.lines() {
        match line.strip_prefix(".SH ") {
            Some("EXTRA") => out.push_str(".SS EXAMPLES"),
            Some(heading) => {
                out.push_str(".SS ");
                out.push_str(heading);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn print(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}
