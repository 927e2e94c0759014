//! Paths found on a [`GraphIndex`] as `kg paths` prints them: entity ids,
//! each hop with its relation, date and first source, as JSON or text.

use super::searcher::{Outcome, Path};
use super::{EntityRef, PathStep};
use crate::render::counted;
use crate::store::index::{unpack_date, GraphIndex};
use serde::Serialize;
use std::fmt::Write as _;

/// A path as ids and hops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub hops: usize,
    /// Stories behind the hops, summed: the ranking weight.
    pub weight: u64,
    pub nodes: Vec<String>,
    pub steps: Vec<PathStep>,
}

impl Route {
    pub fn of(g: &GraphIndex, path: &Path) -> Route {
        let steps = path
            .nodes
            .windows(2)
            .zip(&path.edges)
            .map(|(pair, &e)| {
                let edge = g.edge(e);
                let date = [edge.date, g.node_date(pair[0]), g.node_date(pair[1])]
                    .into_iter()
                    .find(|&d| d != 0)
                    .and_then(unpack_date);
                PathStep {
                    from: g.id(pair[0]).to_string(),
                    to: g.id(pair[1]).to_string(),
                    relation: edge.relation,
                    status: g.edge_status(e),
                    forward: edge.src == pair[0] || edge.relation.is_symmetric(),
                    date,
                    articles: g
                        .edge_article_numbers(e)
                        .into_iter()
                        .map(|a| g.articles()[a as usize].id.clone())
                        .collect(),
                    article_count: edge.articles as usize,
                    story_count: edge.weight as usize,
                    sentence: g.sentence(e),
                }
            })
            .collect();
        Route {
            hops: path.hops(),
            weight: path.evidence(g),
            nodes: path.nodes.iter().map(|&v| g.id(v).to_string()).collect(),
            steps,
        }
    }
}

/// Which question `kg paths` answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Ranked,
    Shortest,
    AllShortest,
    Simple,
}

/// What `kg paths --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathsResult {
    #[serde(rename = "from_entity")]
    pub from: EntityRef,
    #[serde(rename = "to_entity")]
    pub to: EntityRef,
    pub mode: Mode,
    pub max_hops: usize,
    /// How the enumeration ended: `complete`, `limit` (more exist) or
    /// `budget` (the work budget ran out; there may be more, or better).
    pub outcome: &'static str,
    /// All shortest paths: how many there are (counted, not enumerated).
    /// Simple paths with `--count`: how many were enumerated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// All shortest paths: their length, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shortest_hops: Option<usize>,
    pub paths: Vec<Route>,
}

impl PathsResult {
    pub fn new(g: &GraphIndex, a: u32, b: u32, mode: Mode, max_hops: usize) -> PathsResult {
        PathsResult {
            from: EntityRef::of_index(g, a),
            to: EntityRef::of_index(g, b),
            mode,
            max_hops,
            outcome: Outcome::Complete.as_str(),
            count: None,
            shortest_hops: None,
            paths: Vec::new(),
        }
    }
}

/// Sentences longer than this are cut with an ellipsis.
const CLIP: usize = 220;

fn clip(s: &str) -> String {
    if s.chars().count() <= CLIP {
        s.to_string()
    } else {
        let cut: String = s.chars().take(CLIP).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The result as text: a summary line, then each path hop by hop with its sources.
pub fn render_text(g: &GraphIndex, r: &PathsResult) -> String {
    let (an, bn) = (&r.from.name, &r.to.name);
    let mut out = String::new();
    let more = match r.outcome {
        "limit" => "; more exist (raise --limit)",
        "budget" => "; stopped at the work budget, so there may be more",
        _ => "",
    };
    let shortest = r.paths.iter().map(|p| p.hops).min();
    let head = match (r.mode, r.count, shortest) {
        (Mode::AllShortest, Some(c), _) if c > 0 => {
            let hops = r.shortest_hops.unwrap_or(0);
            format!(
                "{} of {}{}",
                counted(c, "shortest path", "shortest paths"),
                counted(hops as u64, "hop", "hops"),
                if !r.paths.is_empty() && (r.paths.len() as u64) < c {
                    format!(", {} shown", r.paths.len())
                } else {
                    String::new()
                }
            )
        }
        (Mode::Simple, Some(c), _) => format!(
            "{} of at most {}{more}",
            counted(c, "simple path", "simple paths"),
            counted(r.max_hops as u64, "hop", "hops")
        ),
        (_, _, None) => format!(
            "no path within {}",
            counted(r.max_hops as u64, "hop", "hops")
        ),
        (Mode::Shortest, _, Some(h)) => {
            format!("shortest path, {}", counted(h as u64, "hop", "hops"))
        }
        (Mode::Ranked, _, Some(h)) => format!(
            "{} ranked by length then evidence (shortest {}){more}",
            counted(r.paths.len() as u64, "path", "paths"),
            counted(h as u64, "hop", "hops")
        ),
        (_, _, Some(h)) => format!(
            "{} (shortest {}){more}",
            counted(r.paths.len() as u64, "path", "paths"),
            counted(h as u64, "hop", "hops")
        ),
    };
    let _ = writeln!(out, "{an} ⇄ {bn}: {head}");
    let name = |id: &str| {
        g.lookup(id)
            .map_or_else(|| id.to_string(), |v| g.name(v).to_string())
    };
    for (i, route) in r.paths.iter().enumerate() {
        let mut line = name(route.nodes.first().map_or("", String::as_str));
        for step in &route.steps {
            let mut label = match &step.date {
                Some(d) => format!("{} ({d})", step.relation),
                None => step.relation.to_string(),
            };
            if !step.status.happened() {
                let _ = write!(label, " [{}]", step.status);
            }
            let arrow = if step.forward {
                format!("—{label}→")
            } else {
                format!("←{label}—")
            };
            let _ = write!(line, " {arrow} {}", name(&step.to));
        }
        let _ = writeln!(out, "\n{}. {line}", i + 1);
        let mut seen: Vec<(Option<&String>, &str)> = Vec::new();
        for step in &route.steps {
            let article = step.articles.first();
            if step.sentence.is_empty() || seen.contains(&(article, step.sentence.as_str())) {
                continue;
            }
            seen.push((article, step.sentence.as_str()));
            let support = if step.article_count > 1 {
                format!(
                    " ({})",
                    crate::stories::support(step.article_count, step.story_count)
                )
            } else {
                String::new()
            };
            let source = article
                .and_then(|id| g.article(id))
                .map_or_else(String::new, |a| {
                    if a.title.is_empty() {
                        format!("{}: ", a.path)
                    } else {
                        format!("{}: ", a.title)
                    }
                });
            let _ = writeln!(
                out,
                "   source: {source}\"{}\"{support}",
                clip(&step.sentence)
            );
        }
    }
    out
}
