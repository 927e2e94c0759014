//! `kg` turns news articles about international relations into a typed knowledge
//! graph of countries, officials, organizations, agreements, milestones and places,
//! every fact backed by the sentence that states it.
//!
//! The modules follow the data flow: [`article`] → [`extract`] → [`ingest`] →
//! [`graph`] → [`store`] → [`query`] → [`export`]; [`eval`] scores extraction
//! against gold files. Every read question is asked of a [`query::Reader`],
//! which answers it alike from the RON store or from its snapshot.
//!
//! ```
//! use kg::{article::Article, extract::Extractor, graph::{ArticleRecord, KnowledgeGraph}, query};
//!
//! let text = " date 2025-05-04 Defence Minister Rajnath Singh will hold a bilateral meeting \
//!             with his Japanese counterpart General Nakatani in New Delhi on Monday.";
//! let article = Article::from_text("seed.txt", text.to_string(), None);
//! let extraction = Extractor::shared()?.extract(&article);
//! let record = ArticleRecord {
//!     id: article.id.clone(),
//!     path: article.path.clone(),
//!     title: article.title.clone(),
//!     date: article.date.map(|d| d.to_string()),
//!     text: article.text.clone(),
//!     fingerprint: None, // made from the text when the graph takes the record
//! };
//! let mut graph = KnowledgeGraph::new();
//! graph.merge(extraction, record);
//! let india = query::resolve(&graph, "India")?;
//! let japan = query::resolve(&graph, "Japanese")?;
//! let routes = query::distinct_routes(&graph, india, japan, 4, 10)?;
//! assert!(routes.iter().any(|r| r.nodes.contains(&"official:rajnath-singh".to_string())));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(clippy::too_many_lines)]

pub mod article;
pub mod curate;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod observe;
pub mod query;
pub mod render;
pub mod store;
pub mod stories;

/// The internals of the compact index that the bench harness (the
/// `kg-bench` binary, which `kg bench` runs) and `examples/scale_timing.rs`
/// time one by one. Not part of the API.
#[doc(hidden)]
pub mod bench_support {
    pub use crate::query::searcher::{Filter, Limits, Outcome, Searcher};
    pub use crate::store::import::{read, ReadOptions};
    pub use crate::store::import_store::{import, import_record, SnapshotPolicy};
    pub use crate::store::index::{ArticleRef, GraphIndex};
    pub use crate::store::ron_out::{write_import, FileDigest};
    pub use crate::store::snapshot;
}

#[cfg(test)]
#[allow(clippy::excessive_nesting)]
mod read_gates;
