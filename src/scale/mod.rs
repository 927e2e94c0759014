//! Graphs of millions of entities: a compact read-only [`index`] built for path
//! queries, the queries themselves ([`search`]), and the pieces around them.
//!
//! The flow: a [`KnowledgeGraph`](crate::graph::KnowledgeGraph) (or CSV files)
//! → [`index::GraphIndex`] (entities numbered in id order, adjacency arrays)
//! → [`search::Searcher`] (reusable work arrays, one query at a time).

pub mod answer;
pub mod arena;
pub mod import;
pub mod import_store;
pub mod index;
pub mod intern;
pub mod report;
pub(crate) mod ron_in;
pub mod ron_out;
pub mod search;
pub mod snapshot;
pub mod status;

#[cfg(test)]
mod search_tests;
