//! The `kg` binary end to end, as one integration test binary: the workflow,
//! the shipped corpus and auto-build, `kg extract`'s contract, bad input,
//! export, the timeline drawing and the HTML report, and store round trips.

mod util;

mod auto_build;
mod crash;
mod errors;
mod eval;
mod export;
mod extract;
mod history;
mod report;
mod scale;
mod store_roundtrip;
mod workflow;
