//! `kg` turns news articles about international relations into a typed knowledge
//! graph of countries, officials, organizations, agreements, milestones and places,
//! every fact backed by the sentence that states it.
//!
//! The modules follow the data flow: [`article`] → [`extract`] → [`graph`] →
//! [`store`] → [`query`] → [`export`].

pub mod article;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod graph;
pub mod model;
pub mod query;
pub mod scale;
pub mod store;
