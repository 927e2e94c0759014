//! The `kg` binary end to end, as one integration test binary: the workflow,
//! the shipped corpus and auto-build, `kg extract`'s contract, bad input,
//! export, the timeline drawing and the HTML report, store round trips and
//! schema migration, crash safety, concurrent use, the same store on one
//! core and on all, provenance (forget,
//! reindex), curation (merge, reject, unalias), graphs imported from CSV
//! with their path queries and snapshot, and fuzz-style property tests of the extractor and store loader.

mod mutate;
mod util;

mod auto_build;
#[allow(clippy::excessive_nesting)]
mod concurrency;
mod cores;
mod crash;
mod curation;
mod edges;
mod errors;
mod eval;
mod export;
mod extract;
mod graph_database;
mod help;
mod history;
mod identity;
mod journal;
mod json_vocabulary;
mod large_graphs;
mod model_doc;
mod provenance;
mod readme;
mod report;
mod robust_extract;
mod robust_store;
mod scale;
mod schema;
mod snapshot_answers;
mod status;
mod store_roundtrip;
mod stories;
mod stream;
mod workflow;
mod writers;
