//! `kg export`: draws the whole graph, one entity's neighbourhood or the
//! paths between two entities.

use super::args::ExportFormat;
use anyhow::{bail, Result};
use std::path::Path;

pub fn run(
    _store: &Path,
    _focus: &[String],
    _depth: Option<usize>,
    _format: ExportFormat,
    _output: Option<&Path>,
) -> Result<()> {
    bail!("kg export is not wired yet")
}
