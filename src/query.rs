//! Questions asked of a read-only [`KnowledgeGraph`]: which entity a name means,
//! the ways two entities are connected, the milestones between them, what the
//! graph holds about one entity, and counts; each with a plain-text rendering.
//!
//! Everything here returns entity ids (`kind:slug`), never `NodeIndex`, in the
//! structures it hands out, so results can be printed as JSON and compared
//! across stores.

use crate::error::QueryError;
use crate::graph::{Edge, KnowledgeGraph};
use crate::model::{fold, Entity, EntityKind, RelationKind, Status};
use crate::render::counted;
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub mod answer;
mod articles;
mod path_modes;
pub mod paths_report;
mod reader;
mod search;
pub mod searcher;
#[cfg(test)]
mod searcher_tests;

pub use crate::query::paths_report::{Mode as PathMode, PathsResult};
pub use articles::{render_articles_text, ArticleQuery, ArticleRow};
pub use path_modes::{PathsQuery, WORK_BUDGET};
pub use reader::{Around, Connection, Drawing, Reader, ReportPart, ViewRequest, Whole};
pub use search::{render_search_text, Found};

/// The largest `max_hops` that [`paths`] accepts.
pub const MAX_HOPS: usize = 10;

/// Refuses a hop cap outside 1..=[`MAX_HOPS`], for every path query alike.
pub fn check_hops(max_hops: usize) -> Result<(), QueryError> {
    if (1..=MAX_HOPS).contains(&max_hops) {
        Ok(())
    } else {
        Err(QueryError::BadHops {
            got: max_hops,
            max: MAX_HOPS,
        })
    }
}

/// How many names an unknown-entity error suggests.
const SUGGESTIONS: usize = 5;

/// The lowest similarity (0..1) a name needs to be suggested.
const SUGGESTION_THRESHOLD: f64 = 0.75;

/// Words that precede a name in news text and are not part of it, in their
/// normalised form. Only used to normalise queries; longer forms first.
const TITLES: &[&str] = &[
    "minister of external affairs",
    "minister of foreign affairs",
    "external affairs minister",
    "deputy prime minister",
    "lieutenant general",
    "minister of defence",
    "minister of defense",
    "secretary of defense",
    "secretary of state",
    "defence minister",
    "defense minister",
    "foreign minister",
    "defence secretary",
    "defense secretary",
    "foreign secretary",
    "his excellency",
    "her excellency",
    "vice president",
    "prime minister",
    "chief minister",
    "crown prince",
    "president",
    "chancellor",
    "secretary",
    "minister",
    "general",
    "admiral",
    "premier",
    "senator",
    "ambassador",
    "sheikh",
    "prince",
    "king",
    "queen",
    "lt gen",
    "maj gen",
    "gen",
    "adm",
    "sir",
    "mrs",
    "pm",
    "mr",
    "ms",
    "dr",
    "the",
];

// ---------------------------------------------------------------------------
// Resolving names
// ---------------------------------------------------------------------------

/// Finds the entity a user means by `name`.
///
/// Tried in order, each case- and accent-insensitive:
/// 1. the entity id (`country:india`), the name or an alias (`Japanese`, `PM Modi`);
/// 2. the same after leading titles and honorifics are stripped
///    (`Defence Minister Rajnath Singh`, `Japanese Defence Minister Gen Nakatani`);
/// 3. the one entity whose name ends with the (stripped) query (`Modi`).
///
/// When several entities match, countries win over officials, officials over the
/// rest. An unknown or ambiguous name is [`QueryError::UnknownEntity`] with up to
/// five suggestions.
///
/// Complexity: O(N) over the entities, plus string similarity for the suggestions.
pub fn resolve(kg: &KnowledgeGraph, name: &str) -> Result<NodeIndex, QueryError> {
    let raw_id = fold(name.trim()).to_lowercase();
    if let Some(ix) = kg.index_of(&raw_id).filter(|_| !normalize(name).is_empty()) {
        return Ok(ix);
    }
    resolve_among(&named_nodes(kg), name)
}

/// An entity as [`resolve_among`] sees it; `key` is how the caller names it.
#[derive(Debug, Clone)]
pub(crate) struct Named<'a, K> {
    pub key: K,
    pub id: &'a str,
    pub name: &'a str,
    pub kind: EntityKind,
    pub aliases: Vec<&'a str>,
}

/// Every node of `kg` with what names it, for [`resolve_among`] and
/// [`matches_among`].
pub(crate) fn named_nodes(kg: &KnowledgeGraph) -> Vec<Named<'_, NodeIndex>> {
    kg.petgraph()
        .node_indices()
        .map(|ix| {
            let e = kg.entity_at(ix);
            Named {
                key: ix,
                id: &e.id,
                name: &e.name,
                kind: e.kind,
                aliases: e.aliases.iter().map(String::as_str).collect(),
            }
        })
        .collect()
}

/// [`resolve`] over any list of entities, once the id itself has not matched.
/// A name several entities answer to equally is [`QueryError::Ambiguous`],
/// never the first of them.
pub(crate) fn resolve_among<K: Copy + Ord>(
    nodes: &[Named<'_, K>],
    name: &str,
) -> Result<K, QueryError> {
    let found = matches_among(nodes, name)?;
    match found.as_slice() {
        [one] => Ok(*one),
        several => Err(ambiguous(nodes, name, several)),
    }
}

/// The [`QueryError::Ambiguous`] of `name`, naming each candidate by name and id.
pub(crate) fn ambiguous<K: Copy + Ord>(
    nodes: &[Named<'_, K>],
    name: &str,
    candidates: &[K],
) -> QueryError {
    let mut listed: Vec<String> = nodes
        .iter()
        .filter(|e| candidates.contains(&e.key))
        .map(|e| format!("{} ({})", e.name, e.id))
        .collect();
    listed.sort();
    QueryError::Ambiguous {
        name: name.trim().to_string(),
        candidates: listed,
    }
}

/// Every entity `name` may mean, best first tier only: one when the name is
/// unique, several when it is not; an unknown name is
/// [`QueryError::UnknownEntity`] with suggestions.
pub(crate) fn matches_among<K: Copy + Ord>(
    nodes: &[Named<'_, K>],
    name: &str,
) -> Result<Vec<K>, QueryError> {
    let query = normalize(name);
    let unknown = |suggestions: Vec<String>| QueryError::UnknownEntity {
        name: name.trim().to_string(),
        suggestions,
    };
    if query.is_empty() {
        return Err(unknown(Vec::new()));
    }
    let found = best_exact(nodes, &query);
    if !found.is_empty() {
        return Ok(found);
    }
    let stripped = strip_titles(nodes, &query);
    if !stripped.is_empty() && stripped != query {
        let found = best_exact(nodes, &stripped);
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let found = by_acronym(nodes, name);
    if !found.is_empty() {
        return Ok(found);
    }
    let key = if stripped.is_empty() {
        &query
    } else {
        &stripped
    };
    let mut by_last: Vec<&Named<'_, K>> =
        nodes.iter().filter(|e| last_word_is(e.name, key)).collect();
    if let Some(best) = by_last.iter().map(|e| kind_rank(e.kind)).min() {
        by_last.retain(|e| kind_rank(e.kind) == best);
        let mut keys: Vec<K> = by_last.iter().map(|e| e.key).collect();
        keys.sort();
        return Ok(keys);
    }
    Err(unknown(suggestions(nodes, &query)))
}

/// Agreements and organizations an acronym alone ("RAA") abbreviates: the
/// initials of their name, small words skipped.
fn by_acronym<K: Copy + Ord>(nodes: &[Named<'_, K>], name: &str) -> Vec<K> {
    let name = name.trim();
    if !crate::graph::is_acronym(name) {
        return Vec::new();
    }
    let mut keys: Vec<K> = nodes
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Agreement | EntityKind::Organization))
        .filter(|e| crate::graph::initials(e.name) == name)
        .map(|e| e.key)
        .collect();
    keys.sort();
    keys
}

/// Lower case, accents folded, apostrophes dropped, every other run of
/// punctuation and space one space: `"Gen. Nakatani"` → `"gen nakatani"`.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let folded;
    let text = if text.is_ascii() {
        text
    } else {
        folded = fold(text);
        folded.as_str()
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' {
            space = true;
        }
    }
    out
}

/// Whether `normalize(text) == query`, without allocating for ASCII text
/// (graphs of millions of entities are searched name by name).
fn normalizes_to(text: &str, query: &str) -> bool {
    if !text.is_ascii() {
        // Folding keeps ASCII as it is: an ASCII letter or digit before any
        // other character is the first of the normalised text.
        let first = text
            .chars()
            .find(|c| c.is_ascii_alphanumeric() || !c.is_ascii());
        if let (Some(c), Some(&q)) = (first, query.as_bytes().first()) {
            if c.is_ascii() && c.to_ascii_lowercase() as u32 != u32::from(q) {
                return false;
            }
        }
        return normalize(text) == query;
    }
    let q = query.as_bytes();
    let (mut i, mut space, mut any) = (0, false, false);
    for c in text.bytes() {
        if c.is_ascii_alphanumeric() {
            if space && any {
                if q.get(i) != Some(&b' ') {
                    return false;
                }
                i += 1;
            }
            space = false;
            any = true;
            if q.get(i) != Some(&c.to_ascii_lowercase()) {
                return false;
            }
            i += 1;
        } else if c != b'\'' {
            space = true;
        }
    }
    i == q.len()
}

/// Whether the last word of `normalize(text)` is `word`, without allocating
/// for ASCII text.
fn last_word_is(text: &str, word: &str) -> bool {
    if !text.is_ascii() {
        // As in `normalizes_to`, from the end.
        let last = text
            .chars()
            .rev()
            .find(|c| c.is_ascii_alphanumeric() || !c.is_ascii());
        if let (Some(c), Some(&w)) = (last, word.as_bytes().last()) {
            if c.is_ascii() && c.to_ascii_lowercase() as u32 != u32::from(w) {
                return false;
            }
        }
        return normalize(text).rsplit(' ').next() == Some(word);
    }
    let w = word.as_bytes();
    let mut j = w.len();
    let mut started = false;
    for c in text.bytes().rev() {
        if c.is_ascii_alphanumeric() {
            started = true;
            if j == 0 || w[j - 1] != c.to_ascii_lowercase() {
                return false;
            }
            j -= 1;
        } else if c != b'\'' && started {
            break;
        }
    }
    j == 0 && started
}

/// Countries first, then officials, then the rest in model order.
fn kind_rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Country => 0,
        EntityKind::Official => 1,
        EntityKind::Organization => 2,
        EntityKind::Agreement => 3,
        EntityKind::Place => 4,
        EntityKind::Milestone => 5,
    }
}

/// The best entity whose normalised name or alias is `query`, if any.
fn best_exact<K: Copy + Ord>(nodes: &[Named<'_, K>], query: &str) -> Vec<K> {
    let hits: Vec<((u8, u8), K)> = nodes
        .iter()
        .filter_map(|e| {
            if normalizes_to(e.name, query) {
                Some(((kind_rank(e.kind), 0u8), e.key))
            } else if e.aliases.iter().any(|a| normalizes_to(a, query)) {
                Some(((kind_rank(e.kind), 1u8), e.key))
            } else {
                None
            }
        })
        .collect();
    let Some(best) = hits.iter().map(|(rank, _)| *rank).min() else {
        return Vec::new();
    };
    let mut keys: Vec<K> = hits
        .into_iter()
        .filter(|(rank, _)| *rank == best)
        .map(|(_, k)| k)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Strips leading titles, and one leading country name or demonym before a
/// title ("Japanese Defence Minister …"), from a normalised query.
fn strip_titles<K>(nodes: &[Named<'_, K>], query: &str) -> String {
    let mut rest = query;
    let mut country_stripped = false;
    loop {
        if let Some(after) = TITLES
            .iter()
            .find_map(|t| rest.strip_prefix(t).and_then(|r| r.strip_prefix(' ')))
        {
            rest = after;
            continue;
        }
        if !country_stripped {
            let (first, after) = rest.split_once(' ').unwrap_or((rest, ""));
            let is_country = nodes.iter().any(|e| {
                e.kind == EntityKind::Country
                    && (normalize(e.name) == first
                        || e.aliases.iter().any(|a| normalize(a) == first))
            });
            let title_follows = TITLES
                .iter()
                .any(|t| after.strip_prefix(t).is_some_and(|r| r.starts_with(' ')));
            if is_country && title_follows {
                country_stripped = true;
                rest = after;
                continue;
            }
        }
        return rest.to_string();
    }
}

/// Up to five entity names closest to `query`, best first.
fn suggestions<K>(nodes: &[Named<'_, K>], query: &str) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = nodes
        .iter()
        .filter_map(|e| {
            let score = std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .map(|n| similarity(query, &normalize(n)))
                .fold(0.0_f64, f64::max);
            (score >= SUGGESTION_THRESHOLD).then_some((score, e.name))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then(a.1.cmp(b.1))
    });
    let mut out: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
        if out.len() == SUGGESTIONS {
            break;
        }
    }
    out
}

/// How alike two normalised names are, 0..1; a candidate holding every word
/// of the query ("strategic partnership") counts high.
fn similarity(query: &str, candidate: &str) -> f64 {
    let jw = strsim::jaro_winkler(query, candidate);
    let lev = strsim::normalized_levenshtein(query, candidate);
    let words: Vec<&str> = candidate.split(' ').collect();
    let all_words = query.len() >= 3 && query.split(' ').all(|w| words.contains(&w));
    let contains = if all_words { 0.85 } else { 0.0 };
    jw.max(lev).max(contains)
}

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

/// One hop of a [`ConnectionPath`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    /// Id of the node the hop leaves.
    pub from: String,
    /// Id of the node the hop reaches.
    pub to: String,
    pub relation: RelationKind,
    /// What the text says of the edge: `held` when it happened.
    pub status: Status,
    /// Whether the edge is directed `from` → `to` (else `to` → `from`);
    /// always true for symmetric relations (`meets`, `counterpart_of`).
    pub forward: bool,
    /// The edge's `date` attribute, or the date of a milestone at either end.
    pub date: Option<String>,
    /// Ids of the articles whose sentences state this edge.
    pub articles: Vec<String>,
    /// How many articles state it (as many as `articles`).
    pub article_count: usize,
    /// How many stories: syndicated copies of one story count once.
    pub story_count: usize,
    /// The first sentence that states it.
    pub sentence: String,
}

/// A simple path between two entities, edges taken in either direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectionPath {
    /// Entity ids from the first entity to the second.
    pub nodes: Vec<String>,
    pub steps: Vec<PathStep>,
    /// The least certain of its hops' statuses: `held` when every hop happened.
    pub status: Status,
}

impl ConnectionPath {
    /// Number of edges.
    pub fn hops(&self) -> usize {
        self.steps.len()
    }

    /// The ranking weight: stories behind each hop, summed.
    pub fn evidence(&self) -> usize {
        self.steps.iter().map(|s| s.story_count).sum()
    }

    /// The least certain status of `steps`: a route is held only when every hop is.
    pub fn status_of(steps: &[PathStep]) -> Status {
        steps.iter().map(|s| s.status).max().unwrap_or(Status::Held)
    }
}

/// What `kg query A B --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryResult {
    #[serde(rename = "from_entity")]
    pub from: EntityRef,
    #[serde(rename = "to_entity")]
    pub to: EntityRef,
    pub paths: Vec<ConnectionPath>,
    pub facts: Vec<Fact>,
}

impl QueryResult {
    pub fn new(
        kg: &KnowledgeGraph,
        a: NodeIndex,
        b: NodeIndex,
        paths: Vec<ConnectionPath>,
        facts: Vec<Fact>,
    ) -> QueryResult {
        QueryResult {
            from: EntityRef::of(kg.entity_at(a)),
            to: EntityRef::of(kg.entity_at(b)),
            paths,
            facts,
        }
    }
}

/// An entity named in a result: id, name and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
}

impl EntityRef {
    pub fn of(entity: &Entity) -> EntityRef {
        EntityRef {
            id: entity.id.clone(),
            name: entity.name.clone(),
            kind: entity.kind,
        }
    }

    /// Entity `v` of the index.
    pub fn of_index(g: &crate::store::index::GraphIndex, v: u32) -> EntityRef {
        EntityRef {
            id: g.id(v).to_string(),
            name: g.name(v).to_string(),
            kind: g.kind(v),
        }
    }
}

/// One level of partnership between two parties and the years it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelSpan {
    /// Id of the partnership agreement.
    pub agreement: String,
    pub name: String,
    /// When the level began: its elevation's date, else the agreement's year.
    #[serde(rename = "since")]
    pub from: Option<String>,
    /// When the next level superseded it.
    pub until: Option<String>,
    /// `held` for a level reached; a level only explored or planned is
    /// listed after those, and supersedes none.
    pub status: Status,
}

/// When a partnership began: the earliest elevation that concerns it, else its year.
fn partnership_start(kg: &KnowledgeGraph, ix: NodeIndex) -> Option<String> {
    let elevated = kg
        .incident(ix)
        .filter(|(e, _, is_source)| e.relation == RelationKind::Concerns && !is_source)
        .map(|(_, m, _)| kg.entity_at(m))
        .filter(|m| m.attrs.get("kind").is_some_and(|k| k == "elevation"))
        .filter_map(|m| m.date().map(str::to_string))
        .min();
    elevated.or_else(|| kg.entity_at(ix).attrs.get("year").cloned())
}

/// The partnership levels `a` and `b` are both party to, oldest first, each
/// superseded by the next level in force of at least its rank
/// (`data/partnerships.ron`): Global Partnership 2000, Strategic and Global
/// Partnership 2006, Special Strategic and Global Partnership 2014. A level
/// only explored, planned or hoped for supersedes nothing: it follows the
/// levels in force with its status. A lower level reached later does not
/// replace a higher one in force either; it is left out.
pub fn partnership_levels(kg: &KnowledgeGraph, a: NodeIndex, b: NodeIndex) -> Vec<LevelSpan> {
    let parties_of = |x: NodeIndex| -> BTreeMap<NodeIndex, Status> {
        kg.incident(x)
            .filter(|(e, other, is_source)| {
                e.relation == RelationKind::PartyTo
                    && *is_source
                    && kg
                        .entity_at(*other)
                        .attrs
                        .get("kind")
                        .is_some_and(|k| k == "partnership")
            })
            .map(|(e, other, _)| {
                (
                    other,
                    Status::of_attr(e.attrs.get("status").map(String::as_str)),
                )
            })
            .collect()
    };
    let of_b = parties_of(b);
    let mut spans: Vec<(LevelSpan, u8)> = parties_of(a)
        .into_iter()
        .filter_map(|(ix, s)| of_b.get(&ix).map(|t| (ix, s.max(*t))))
        .map(|(ix, status)| {
            let e = kg.entity_at(ix);
            let span = LevelSpan {
                agreement: e.id.clone(),
                name: e.name.clone(),
                from: partnership_start(kg, ix),
                until: None,
                status,
            };
            (span, partnership_rank(&e.name))
        })
        .collect();
    spans.sort_by(|(x, _), (y, _)| {
        (!x.status.happened())
            .cmp(&!y.status.happened())
            .then_with(|| x.from.is_none().cmp(&y.from.is_none()))
            .then_with(|| x.from.cmp(&y.from))
            .then_with(|| x.agreement.cmp(&y.agreement))
    });
    let mut out: Vec<LevelSpan> = Vec::new();
    let mut current: Option<(usize, u8)> = None;
    for (span, rank) in spans {
        if !span.status.happened() {
            out.push(span);
            continue;
        }
        match current {
            Some((_, held)) if rank < held => continue,
            Some((i, _)) if out[i].from.is_some() && span.from > out[i].from => {
                out[i].until = span.from.clone();
            }
            _ => {}
        }
        current = Some((out.len(), rank));
        out.push(span);
    }
    out
}

/// The rank `data/partnerships.ron` gives the level a partnership's name
/// ends with ("Turkey-Kenya Comprehensive Strategic Partnership": 50); 0 when
/// none does.
pub fn partnership_rank(name: &str) -> u8 {
    let Ok(gazetteer) = crate::gazetteer::Gazetteer::shared() else {
        return 0;
    };
    let name = fold(name).to_lowercase();
    gazetteer
        .partnerships
        .iter()
        .flat_map(|l| {
            std::iter::once(&l.name)
                .chain(&l.variants)
                .map(move |n| (n, l.rank))
        })
        .filter(|(n, _)| name.ends_with(&fold(n).to_lowercase()))
        .max_by_key(|(n, _)| n.len())
        .map_or(0, |(_, rank)| rank)
}

/// "Partnership levels" lines for `kg timeline A B`.
pub fn render_levels_text(levels: &[LevelSpan]) -> String {
    let mut out = String::new();
    if levels.is_empty() {
        return out;
    }
    out.push_str("Partnership levels:\n");
    for l in levels {
        let from = l.from.as_deref().unwrap_or("?");
        let range = match &l.until {
            _ if !l.status.happened() => from.to_string(),
            Some(until) => format!("{from}–{until}"),
            None => format!("{from}–"),
        };
        let _ = writeln!(out, "  {range:<22}{}{}", l.name, status_mark(l.status));
    }
    out
}

/// Whether a date ("2014", "2014-09-01") may fall after `as_of`: unless the
/// last day it covers is on or before the last day `as_of` covers. A year
/// passes a day's cut-off only when it ended before it ("2024" is after
/// "2024-03-01", not after "2024-12-31" or "2024"). A date that is not one
/// is never after.
pub(crate) fn after(date: &str, as_of: &str) -> bool {
    match (
        crate::model::PartialDate::lenient(date),
        crate::model::PartialDate::lenient(as_of),
    ) {
        (Some(d), Some(cut)) => d.last_day() > cut.last_day(),
        _ => false,
    }
}

/// Routes of one shape shown before routes of other shapes get their turn.
const ROUTES_PER_SHAPE: usize = 3;

/// Distinct routes: paths shortest first, each passing through at least one entity
/// no shorter route already passed through, at most `limit` of them. A 3-hop path
/// through the agreement a 2-hop path already showed adds nothing a reader needs.
pub fn distinct_routes(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: NodeIndex,
    max_hops: usize,
    limit: usize,
) -> Result<Vec<ConnectionPath>, QueryError> {
    let candidates = paths(kg, a, b, max_hops, route_candidates(limit))?;
    Ok(pick_routes(candidates, limit))
}

/// How many paths [`distinct_routes`] draws its routes from.
pub(crate) fn route_candidates(limit: usize) -> usize {
    limit.saturating_mul(20).max(limit)
}

/// The routes [`distinct_routes`] keeps of `candidates` (as [`paths`] ranks them).
pub(crate) fn pick_routes(candidates: Vec<ConnectionPath>, limit: usize) -> Vec<ConnectionPath> {
    let mut seen_shorter: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut seen_now: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut current_len = 0;
    let mut out: Vec<(bool, ConnectionPath)> = Vec::new();
    let mut per_shape: std::collections::HashMap<(usize, Vec<String>), usize> =
        std::collections::HashMap::new();
    for p in candidates {
        if p.nodes.len() != current_len {
            seen_shorter.extend(seen_now.drain());
            current_len = p.nodes.len();
        }
        let inner = &p.nodes[1..p.nodes.len().saturating_sub(1)];
        if inner.iter().any(|n| seen_shorter.contains(n)) {
            continue;
        }
        seen_now.extend(inner.iter().cloned());
        // Routes of one shape (through agreements, through milestones…) beyond the
        // first few wait until every other shape has been shown.
        let shape: Vec<String> = p
            .steps
            .iter()
            .map(|s| s.relation.as_str().to_string())
            .chain(
                inner
                    .iter()
                    .filter_map(|n| n.split(':').next().map(str::to_string)),
            )
            .collect();
        let seen = per_shape.entry((p.nodes.len(), shape)).or_insert(0);
        *seen += 1;
        out.push((*seen > ROUTES_PER_SHAPE, p));
    }
    // Routes through facts that happened first, then shortest first: a
    // direct route through a held fact never waits behind a longer one or
    // one through a fact that did not happen. Among those, the shapes not
    // yet shown, then as the engine ranked them (more evidence first).
    out.sort_by_key(|(overflow, p)| (!p.status.happened(), p.nodes.len(), *overflow));
    out.into_iter().map(|(_, p)| p).take(limit).collect()
}

/// The simple paths between `a` and `b`, edges taken in either direction.
///
/// # Arguments
/// * `max_hops` — the longest path, in edges; 1..=[`MAX_HOPS`] else [`QueryError::BadHops`].
/// * `limit` — how many paths to return at most.
///
/// # Returns
/// Shortest paths first; among equally long ones, those whose hops are stated
/// by more articles first, then by the node ids. Between two nodes joined by
/// several edges, a path takes the edge with the most articles behind it.
///
/// # Complexity
/// The one path engine, [`crate::query::Reader`]'s: the graph is indexed, then
/// the shortest distance is found and paths of each length enumerated in
/// turn, the best `limit` kept; longer lengths are not searched once `limit`
/// paths are in hand. The work is capped (a fixed budget of neighbour
/// visits), so on a graph with huge hubs the answer is the best paths found
/// within the budget rather than an exhaustive ranking.
pub fn paths(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: NodeIndex,
    max_hops: usize,
    limit: usize,
) -> Result<Vec<ConnectionPath>, QueryError> {
    check_hops(max_hops)?;
    let g = kg.petgraph();
    if a == b || limit == 0 || !g.contains_node(a) || !g.contains_node(b) {
        return Ok(Vec::new());
    }
    let index = crate::store::index::GraphIndex::from_graph(kg);
    let number = |ix: NodeIndex| index.lookup(&g[ix].id);
    let (Some(a), Some(b)) = (number(a), number(b)) else {
        return Ok(Vec::new());
    };
    Ok(crate::query::answer::ranked(&index, a, b, max_hops, limit))
}

fn first_sentence(edge: &Edge) -> String {
    edge.evidence
        .first()
        .map(|e| e.sentence.clone())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------

/// One edge as a statement with its date and its first source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// Id of the edge's source.
    pub source: String,
    pub relation: RelationKind,
    /// Id of the edge's target.
    pub target: String,
    /// What the text says of it: `held` when it happened, else `planned`,
    /// `explored`, `hoped`, `hypothetical` or `denied`.
    pub status: Status,
    /// The edge's `date`, else a milestone's date, else an agreement's year.
    pub date: Option<String>,
    pub sentence: String,
    /// Id of the article the sentence comes from.
    pub article_id: String,
    /// Ids of the articles that state this fact, in evidence order.
    pub articles: Vec<String>,
    /// How many articles state it (as many as `articles`).
    pub article_count: usize,
    /// How many stories: syndicated copies of one story count once.
    pub story_count: usize,
    /// The earliest publication date among those articles: when it was first reported.
    pub first_reported: Option<String>,
}

impl Fact {
    fn of(kg: &KnowledgeGraph, source: &Entity, edge: &Edge, target: &Entity) -> Fact {
        let first_reported = edge
            .evidence
            .iter()
            .filter_map(|e| kg.article(&e.article).and_then(|a| a.date.clone()))
            .min();
        let mut articles: Vec<String> = Vec::new();
        for e in &edge.evidence {
            if !articles.contains(&e.article) {
                articles.push(e.article.clone());
            }
        }
        Fact {
            article_count: articles.len(),
            story_count: kg.story_count(edge),
            articles,
            first_reported,
            source: source.id.clone(),
            relation: edge.relation,
            status: Status::of_attr(edge.attrs.get("status").map(String::as_str)),
            target: target.id.clone(),
            date: edge
                .attrs
                .get("date")
                .cloned()
                .or_else(|| source.milestone_date().map(str::to_string))
                .or_else(|| target.milestone_date().map(str::to_string))
                .or_else(|| source.agreement_year().map(str::to_string))
                .or_else(|| target.agreement_year().map(str::to_string)),
            sentence: first_sentence(edge),
            article_id: edge
                .evidence
                .first()
                .map(|e| e.article.clone())
                .unwrap_or_default(),
        }
    }
}

/// Dated facts first, by date; then by relation, source and target.
fn fact_order(x: &Fact, y: &Fact) -> Ordering {
    x.date
        .is_none()
        .cmp(&y.date.is_none())
        .then_with(|| x.date.cmp(&y.date))
        .then(x.relation.cmp(&y.relation))
        .then_with(|| x.source.cmp(&y.source))
        .then_with(|| x.target.cmp(&y.target))
}

/// The edges incident to `ix` as facts: (fact, the other node, whether `ix` is
/// the source). Symmetric relations (`meets`) are told from `ix`.
fn incident_facts(
    kg: &KnowledgeGraph,
    ix: NodeIndex,
) -> impl Iterator<Item = (Fact, NodeIndex, bool)> + '_ {
    let me = kg.entity_at(ix);
    kg.incident(ix).map(move |(edge, other, is_source)| {
        let o = kg.entity_at(other);
        let is_source = is_source || edge.relation.is_symmetric();
        let fact = if is_source {
            Fact::of(kg, me, edge, o)
        } else {
            Fact::of(kg, o, edge, me)
        };
        (fact, other, is_source)
    })
}

/// What ties `a` and `b` without a detour: the edges between them, and the
/// edges of both to an agreement or milestone they share (both `party_to` one
/// partnership, one meeting `involves` both). Sorted by date, then relation;
/// undated last.
pub fn direct_facts(kg: &KnowledgeGraph, a: NodeIndex, b: NodeIndex) -> Vec<Fact> {
    let shared_kind = |ix: NodeIndex| {
        matches!(
            kg.entity_at(ix).kind,
            EntityKind::Agreement | EntityKind::Milestone
        )
    };
    let of_b: Vec<(Fact, NodeIndex)> = incident_facts(kg, b).map(|(f, n, _)| (f, n)).collect();
    let b_neighbours: BTreeSet<NodeIndex> = of_b.iter().map(|(_, n)| *n).collect();
    let mut shared: BTreeSet<NodeIndex> = BTreeSet::new();
    let mut facts: Vec<Fact> = Vec::new();
    for (fact, other, _) in incident_facts(kg, a) {
        if other == b {
            facts.push(fact);
        } else if other != a && shared_kind(other) && b_neighbours.contains(&other) {
            shared.insert(other);
            facts.push(fact);
        }
    }
    facts.extend(
        of_b.into_iter()
            .filter(|(_, other)| shared.contains(other))
            .map(|(fact, _)| fact),
    );
    facts.sort_by(fact_order);
    facts.dedup();
    facts
}

// ---------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------

/// A milestone in a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub id: String,
    pub name: String,
    pub date: Option<String>,
    /// The milestone's `kind` attribute (`elevation`, `meeting`, …).
    pub kind: Option<String>,
    /// Names of what it `involves`: countries, then officials, then the rest.
    pub involves: Vec<String>,
    pub sentence: String,
    /// Whether it took place: `held`, else `planned`, `explored`, … .
    pub status: Status,
}

/// The milestones connected to `a` — directly (`involves`, `concerns`,
/// `held_in`, `held_at`), through an official who `represents` a, or through an
/// agreement a is `party_to` — and, when `b` is given, also connected to `b`.
/// Sorted by date (ISO strings), undated last.
pub fn timeline(kg: &KnowledgeGraph, a: NodeIndex, b: Option<NodeIndex>) -> Vec<TimelineEntry> {
    let mut milestones = milestones_of(kg, a);
    if let Some(b) = b {
        let of_b = milestones_of(kg, b);
        milestones.retain(|m, _| of_b.contains_key(m));
    }
    let mut entries: Vec<TimelineEntry> = milestones
        .into_iter()
        .map(|(m, sentence)| timeline_entry(kg, m, sentence))
        .collect();
    entries.sort_by(|x, y| {
        x.date
            .is_none()
            .cmp(&y.date.is_none())
            .then_with(|| x.date.cmp(&y.date))
            .then_with(|| x.name.cmp(&y.name))
            .then_with(|| x.id.cmp(&y.id))
    });
    entries
}

/// Milestones linked to `x`, each with the sentence of a direct link when there is one.
fn milestones_of(kg: &KnowledgeGraph, x: NodeIndex) -> BTreeMap<NodeIndex, Option<String>> {
    let mut out: BTreeMap<NodeIndex, Option<String>> = BTreeMap::new();
    if kg.entity_at(x).kind == EntityKind::Milestone {
        out.insert(x, None);
    }
    add_direct_milestones(kg, x, &mut out, true);
    for (edge, other, is_source) in kg.incident(x) {
        let via = match (edge.relation, is_source) {
            (RelationKind::Represents, false) => kg.entity_at(other).kind == EntityKind::Official,
            (RelationKind::PartyTo, true) => kg.entity_at(other).kind == EntityKind::Agreement,
            _ => false,
        };
        if via {
            add_direct_milestones(kg, other, &mut out, false);
        }
    }
    out
}

/// Adds the milestones that point at `node` by `involves`, `concerns`,
/// `held_in` or `held_at`; with `keep_sentence`, the linking sentence too.
fn add_direct_milestones(
    kg: &KnowledgeGraph,
    node: NodeIndex,
    out: &mut BTreeMap<NodeIndex, Option<String>>,
    keep_sentence: bool,
) {
    for (edge, other, is_source) in kg.incident(node) {
        let links = matches!(
            edge.relation,
            RelationKind::Involves
                | RelationKind::Concerns
                | RelationKind::HeldIn
                | RelationKind::HeldAt
        );
        if links && !is_source && kg.entity_at(other).kind == EntityKind::Milestone {
            let sentence = keep_sentence.then(|| first_sentence(edge));
            let slot = out.entry(other).or_insert(None);
            if slot.is_none() {
                *slot = sentence;
            }
        }
    }
}

fn timeline_entry(kg: &KnowledgeGraph, m: NodeIndex, sentence: Option<String>) -> TimelineEntry {
    let entity = kg.entity_at(m);
    let mut involved: Vec<&Entity> = Vec::new();
    let mut own: Vec<(RelationKind, &str, &Edge)> = Vec::new();
    for (edge, other, is_source) in kg.incident(m) {
        if !is_source {
            continue;
        }
        let o = kg.entity_at(other);
        if edge.relation == RelationKind::Involves {
            involved.push(o);
        }
        own.push((edge.relation, o.id.as_str(), edge));
    }
    involved.sort_by(|x, y| {
        kind_rank(x.kind)
            .cmp(&kind_rank(y.kind))
            .then_with(|| x.name.cmp(&y.name))
    });
    own.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(y.1)));
    let sentence = sentence
        .filter(|s| !s.is_empty())
        .or_else(|| own.first().map(|(_, _, e)| first_sentence(e)))
        .or_else(|| kg.incident(m).next().map(|(e, _, _)| first_sentence(e)))
        .unwrap_or_default();
    TimelineEntry {
        id: entity.id.clone(),
        name: entity.name.clone(),
        date: entity.date().map(str::to_string),
        kind: entity.attrs.get("kind").cloned(),
        involves: involved.iter().map(|e| e.name.clone()).collect(),
        sentence,
        status: Status::of_attr(entity.attrs.get("status").map(String::as_str)),
    }
}

// ---------------------------------------------------------------------------
// Show and stats
// ---------------------------------------------------------------------------

/// One entity and every edge touching it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityView {
    pub entity: Entity,
    /// Grouped by relation, outgoing before incoming.
    pub groups: Vec<FactGroup>,
}

/// The facts of one relation in one direction around an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactGroup {
    pub relation: RelationKind,
    /// The entity is the source of these edges.
    pub outgoing: bool,
    /// The status of these facts: a `party_to` only explored is not listed
    /// with the memberships.
    pub status: Status,
    pub facts: Vec<Fact>,
}

/// The entity at `ix` with its incident edges as facts, grouped by relation and direction.
pub fn show(kg: &KnowledgeGraph, ix: NodeIndex) -> EntityView {
    let mut groups: BTreeMap<(RelationKind, bool, Status), Vec<Fact>> = BTreeMap::new();
    for (fact, _, outgoing) in incident_facts(kg, ix) {
        groups
            .entry((fact.relation, !outgoing, fact.status))
            .or_default()
            .push(fact);
    }
    let groups = groups
        .into_iter()
        .map(|((relation, incoming, status), mut facts)| {
            facts.sort_by(fact_order);
            FactGroup {
                relation,
                outgoing: !incoming,
                status,
                facts,
            }
        })
        .collect();
    EntityView {
        entity: kg.entity_at(ix).clone(),
        groups,
    }
}

/// Counts over the whole graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    #[serde(rename = "entity_count")]
    pub entities: usize,
    #[serde(rename = "relation_count")]
    pub relations: usize,
    #[serde(rename = "article_count")]
    pub articles: usize,
    /// Stories among the articles: syndicated copies of one story count once.
    #[serde(rename = "story_count")]
    pub stories: usize,
    /// Evidence sentences over all edges.
    #[serde(rename = "evidence_count")]
    pub evidence: usize,
    /// Every kind, zero included.
    pub by_kind: BTreeMap<EntityKind, usize>,
    /// Every relation, zero included.
    pub by_relation: BTreeMap<RelationKind, usize>,
}

// ---------------------------------------------------------------------------
// Text rendering
// ---------------------------------------------------------------------------

/// The longest sentence shown in text output, in characters.
const SENTENCE_WIDTH: usize = 200;

fn name_of<'a>(kg: &'a KnowledgeGraph, id: &'a str) -> &'a str {
    kg.entity(id).map_or(id, |e| e.name.as_str())
}

/// An article's title, else its path, else its id.
fn article_label<'a>(kg: &'a KnowledgeGraph, id: &'a str) -> &'a str {
    match kg.article(id) {
        Some(a) if !a.title.trim().is_empty() => a.title.trim(),
        Some(a) if !a.path.is_empty() => a.path.as_str(),
        _ => id,
    }
}

/// The sentence on one line, cut with an ellipsis past `SENTENCE_WIDTH`.
fn clip(sentence: &str) -> String {
    crate::render::clip_line(sentence, SENTENCE_WIDTH)
}

/// A node's name with its date (milestones) or year (agreements) in brackets.
fn node_label(kg: &KnowledgeGraph, id: &str) -> String {
    match kg.entity(id) {
        Some(e) => match e.milestone_date().or_else(|| e.agreement_year()) {
            Some(d) => format!("{} [{d}]", e.name),
            None => e.name.clone(),
        },
        None => id.to_string(),
    }
}

/// `—rel→` or `←rel—`, with the hop's date when the nodes do not already show it.
fn arrow(kg: &KnowledgeGraph, step: &PathStep) -> String {
    let shown_by_node = [&step.from, &step.to].iter().any(|id| {
        kg.entity(id)
            .is_some_and(|e| e.milestone_date() == step.date.as_deref())
    });
    let mut label = match (&step.date, shown_by_node) {
        (Some(d), false) => format!("{} ({d})", step.relation),
        _ => step.relation.to_string(),
    };
    if !step.status.happened() {
        let _ = write!(label, " [{}]", step.status);
    }
    if step.forward {
        format!("—{label}→")
    } else {
        format!("←{label}—")
    }
}

/// The answer to `kg query A B` as text: the paths, each with its sources, then the direct facts.
pub fn render_paths_text(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: NodeIndex,
    paths: &[ConnectionPath],
    facts: &[Fact],
) -> String {
    let (an, bn) = (&kg.entity_at(a).name, &kg.entity_at(b).name);
    let mut out = String::new();
    match paths.iter().map(ConnectionPath::hops).min() {
        Some(shortest) => {
            let not_held = paths.iter().filter(|p| !p.status.happened()).count();
            let through = if not_held == 0 {
                String::new()
            } else {
                format!("; {not_held} through facts that did not happen, listed last")
            };
            let _ = writeln!(
                out,
                "{an} ⇄ {bn}: {} (shortest {}{through})",
                counted(paths.len() as u64, "path", "paths"),
                counted(shortest as u64, "hop", "hops")
            );
        }
        None => {
            let _ = writeln!(out, "{an} ⇄ {bn}: no connecting path found");
        }
    }
    for (i, path) in paths.iter().enumerate() {
        let mut line = node_label(kg, path.nodes.first().map_or("", String::as_str));
        for step in &path.steps {
            let _ = write!(line, " {} {}", arrow(kg, step), node_label(kg, &step.to));
        }
        let _ = writeln!(out, "\n{}. {line}", i + 1);
        if !path.status.happened() {
            let _ = writeln!(out, "   not held: {}", not_held(&path.steps));
        }
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for step in &path.steps {
            let article = step.articles.first().map_or("", String::as_str);
            if step.sentence.is_empty() || seen.contains(&(article, step.sentence.as_str())) {
                continue;
            }
            seen.push((article, step.sentence.as_str()));
            let _ = writeln!(
                out,
                "   source: {}: \"{}\"",
                article_label(kg, article),
                clip(&step.sentence)
            );
        }
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "\nDirect facts:");
        out.push_str(&render_facts(kg, facts, "  "));
    }
    out
}

/// The statuses of the hops that did not happen, in path order: "explored".
fn not_held(steps: &[PathStep]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for s in steps.iter().filter(|s| !s.status.happened()) {
        if !seen.contains(&s.status.as_str()) {
            seen.push(s.status.as_str());
        }
    }
    seen.join(", ")
}

/// ` [explored]` after a fact that did not happen; nothing after one that did.
fn status_mark(status: Status) -> String {
    if status.happened() {
        String::new()
    } else {
        format!(" [{status}]")
    }
}

/// Facts one per line: date column, statement, then the quoted source.
fn render_facts(kg: &KnowledgeGraph, facts: &[Fact], indent: &str) -> String {
    let mut out = String::new();
    for f in facts {
        let _ = writeln!(
            out,
            "{indent}{:<10}  {} {} {}{}",
            f.date.as_deref().unwrap_or("—"),
            name_of(kg, &f.source),
            f.relation,
            name_of(kg, &f.target),
            status_mark(f.status)
        );
        if !f.sentence.is_empty() {
            // How sure: how many articles say so, and since when.
            let support = match (f.article_count, &f.first_reported) {
                (n, Some(d)) if n > 1 => format!(
                    "; {}, first reported {d}",
                    crate::stories::support(n, f.story_count)
                ),
                (n, None) if n > 1 => format!("; {}", crate::stories::support(n, f.story_count)),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "{indent}{:<10}  \"{}\" ({}{support})",
                "",
                clip(&f.sentence),
                article_label(kg, &f.article_id)
            );
        }
    }
    out
}

/// A timeline as text, one milestone per line with its sentence below.
pub fn render_timeline_text(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: Option<NodeIndex>,
    entries: &[TimelineEntry],
) -> String {
    let who = match b {
        Some(b) => format!("{} ⇄ {}", kg.entity_at(a).name, kg.entity_at(b).name),
        None => kg.entity_at(a).name.clone(),
    };
    let mut out = format!(
        "Timeline: {who} ({})\n",
        counted(entries.len() as u64, "milestone", "milestones")
    );
    if !entries.is_empty() {
        out.push('\n');
    }
    for e in entries {
        let mut line = format!("{:<10}  {}", e.date.as_deref().unwrap_or("undated"), e.name);
        match (&e.kind, e.status.happened()) {
            (Some(kind), true) => {
                let _ = write!(line, " [{kind}]");
            }
            (Some(kind), false) => {
                let _ = write!(line, " [{kind}, {}]", e.status);
            }
            (None, false) => {
                let _ = write!(line, " [{}]", e.status);
            }
            (None, true) => {}
        }
        if !e.involves.is_empty() {
            let _ = write!(line, " — {}", e.involves.join(", "));
        }
        let _ = writeln!(out, "{line}");
        if !e.sentence.is_empty() {
            let _ = writeln!(out, "{:<10}  \"{}\"", "", clip(&e.sentence));
        }
    }
    out
}

/// One entity as text: name, id, aliases and attributes, then its facts by relation.
pub fn render_show_text(kg: &KnowledgeGraph, view: &EntityView) -> String {
    let e = &view.entity;
    let mut out = format!("{} — {} ({})\n", e.name, e.kind, e.id);
    if !e.aliases.is_empty() {
        let _ = writeln!(out, "  aliases: {}", e.aliases.join(", "));
    }
    for (key, value) in &e.attrs {
        let _ = writeln!(out, "  {key}: {value}");
    }
    for group in &view.groups {
        let head = if group.outgoing {
            format!("—{}→", group.relation)
        } else {
            format!("←{}—", group.relation)
        };
        let _ = writeln!(
            out,
            "\n{head}{} ({})",
            status_mark(group.status),
            group.facts.len()
        );
        for f in &group.facts {
            let other = if group.outgoing { &f.target } else { &f.source };
            let _ = writeln!(
                out,
                "  {:<10}  {}",
                f.date.as_deref().unwrap_or("—"),
                name_of(kg, other)
            );
            if !f.sentence.is_empty() {
                let support = if f.article_count > 1 {
                    format!(
                        "; {}",
                        crate::stories::support(f.article_count, f.story_count)
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "  {:<10}  \"{}\" ({}{support})",
                    "",
                    clip(&f.sentence),
                    article_label(kg, &f.article_id)
                );
            }
        }
    }
    if view.groups.is_empty() {
        let _ = writeln!(out, "\n(no relations)");
    }
    out
}

/// Counts as an aligned table.
pub fn render_stats_text(stats: &Stats) -> String {
    let mut out = format!(
        "{} entities, {} relations, {} evidence sentences, {}\n\nentities by kind:\n",
        stats.entities,
        stats.relations,
        stats.evidence,
        crate::stories::support(stats.articles, stats.stories)
    );
    for (kind, n) in &stats.by_kind {
        let _ = writeln!(out, "  {:<16}{n:>6}", kind.as_str());
    }
    out.push_str("\nrelations:\n");
    for (relation, n) in &stats.by_relation {
        let _ = writeln!(out, "  {:<16}{n:>6}", relation.as_str());
    }
    out
}

#[cfg(test)]
#[allow(clippy::excessive_nesting)]
mod tests {
    #[test]
    fn a_date_is_after_a_cut_off_unless_it_ended_by_then() {
        for (date, cut, later) in [
            ("2024", "2024-03-01", true),
            ("2023", "2024-03-01", false),
            ("2024", "2024", false),
            ("2024-05", "2024", false),
            ("2024-03-02", "2024-03", false),
            ("2024-04", "2024-03-31", true),
            ("not a date", "2024", false),
        ] {
            assert_eq!(after(date, cut), later, "{date} {cut}");
        }
    }

    #[test]
    fn a_partnership_ranks_by_the_level_its_name_ends_with() {
        assert_eq!(
            partnership_rank("Turkey-Kenya Comprehensive Strategic Partnership"),
            50
        );
        assert_eq!(
            partnership_rank("Special Strategic and Global Partnership"),
            60
        );
        assert_eq!(partnership_rank("Memorandum of Cooperation"), 0);
    }

    /// Kenya and Turkey: a CSP reached in 2023, a lower Strategic Partnership
    /// told of in 2024, a Special Strategic Partnership only explored.
    fn levels_graph() -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::new();
        kg.upsert_entity(Entity::new(EntityKind::Country, "kenya", "Kenya"));
        kg.upsert_entity(Entity::new(EntityKind::Country, "turkey", "Turkey"));
        let levels = [
            ("csp", "Comprehensive Strategic Partnership", "2023", "held"),
            ("sp", "Strategic Partnership", "2024", "held"),
            ("ssp", "Special Strategic Partnership", "2024", "explored"),
        ];
        for (slug, name, year, status) in levels {
            let mut e = Entity::new(EntityKind::Agreement, slug, name);
            e.attrs.insert("kind".into(), "partnership".into());
            e.attrs.insert("year".into(), year.into());
            kg.upsert_entity(e);
            for country in ["country:kenya", "country:turkey"] {
                let mut attrs = Attrs::new();
                attrs.insert("status".into(), status.into());
                let ev = Evidence {
                    article: "a".into(),
                    sentence: format!("{country} {slug}"),
                    start: 0,
                    end: 0,
                };
                kg.add_relation(
                    country,
                    RelationKind::PartyTo,
                    &format!("agreement:{slug}"),
                    attrs,
                    ev,
                );
            }
        }
        kg
    }

    #[test]
    fn an_explored_or_lower_level_supersedes_no_level_in_force() {
        let kg = levels_graph();
        let (a, b) = (
            kg.index_of("country:kenya").expect("kenya"),
            kg.index_of("country:turkey").expect("turkey"),
        );
        let levels = partnership_levels(&kg, a, b);
        let shown: Vec<(&str, Option<&str>, Status)> = levels
            .iter()
            .map(|l| (l.name.as_str(), l.until.as_deref(), l.status))
            .collect();
        assert_eq!(
            shown,
            [
                ("Comprehensive Strategic Partnership", None, Status::Held),
                ("Special Strategic Partnership", None, Status::Explored),
            ]
        );
    }

    #[test]
    fn name_matching_without_allocation_agrees_with_normalize() {
        let texts = [
            "Gen. Nakatani",
            "  PM  Modi ",
            "O'Neil",
            "Côte d'Ivoire",
            "U.S.-Japan 2+2",
            "'quoted'",
            "...",
            "",
            "Ab",
            "b",
            "Thailand–Sweden Treaty 2022",
            "Modi–Abe meeting",
            "Óscar Modi",
        ];
        for text in texts {
            let n = normalize(text);
            for query in [
                "gen nakatani",
                "pm modi",
                "oneil",
                "cote divoire",
                "u s japan 2 2",
                "thailand sweden treaty 2022",
                "oscar modi",
            ] {
                assert_eq!(normalizes_to(text, query), n == query, "{text:?} {query:?}");
            }
            assert!(normalizes_to(text, &n), "{text:?}");
            for word in [
                "nakatani", "modi", "oneil", "divoire", "2", "quoted", "b", "ab", "2022", "meeting",
            ] {
                assert_eq!(
                    last_word_is(text, word),
                    n.rsplit(' ').next() == Some(word),
                    "{text:?} {word:?}"
                );
            }
        }
    }

    use super::*;
    use crate::graph::ArticleRecord;
    use crate::model::{Attrs, Evidence};

    fn article(id: &str, title: &str) -> ArticleRecord {
        ArticleRecord {
            id: id.into(),
            path: format!("data/articles/{id}.txt"),
            title: title.into(),
            date: None,
            text: String::new(),
            fingerprint: None,
        }
    }

    fn entity(
        kind: EntityKind,
        slug: &str,
        name: &str,
        aliases: &[&str],
        attrs: &[(&str, &str)],
    ) -> Entity {
        let mut e = Entity::new(kind, slug, name);
        for a in aliases {
            e.add_alias(a);
        }
        for (k, v) in attrs {
            e.attrs.insert((*k).into(), (*v).into());
        }
        e
    }

    fn relate(
        kg: &mut KnowledgeGraph,
        s: &str,
        r: RelationKind,
        t: &str,
        articles: &[&str],
        date: Option<&str>,
    ) {
        let mut attrs = Attrs::new();
        if let Some(d) = date {
            attrs.insert("date".into(), d.into());
        }
        for a in articles {
            let sentence = format!("{s} {r} {t} ({a}).");
            let ev = Evidence {
                article: (*a).into(),
                end: sentence.len(),
                sentence,
                start: 0,
            };
            assert!(
                kg.add_relation(s, r, t, attrs.clone(), ev).is_some(),
                "{s} {r} {t}"
            );
        }
    }

    const INDIA: &str = "country:india";
    const JAPAN: &str = "country:japan";
    const SINGH: &str = "official:rajnath-singh";
    const NAKATANI: &str = "official:gen-nakatani";
    const MODI: &str = "official:narendra-modi";
    const SSGP: &str = "agreement:india-japan-special-strategic-and-global-partnership";
    const MEETING: &str = "milestone:india-japan-defence-ministers-meeting-2025";
    const ELEVATION: &str = "milestone:elevation-to-ssgp";
    const TALKS: &str = "milestone:india-australia-talks";
    const DIALOGUE: &str = "milestone:india-japan-dialogue";

    /// India and Japan, their defence ministers, a partnership, and milestones.
    fn fixture() -> KnowledgeGraph {
        use EntityKind::*;
        use RelationKind::*;
        let mut kg = KnowledgeGraph::new();
        kg.add_article(article(
            "a1",
            "India, Japan defence ministers meet in Tokyo",
        ));
        kg.add_article(article(
            "a2",
            "A decade of the Special Strategic and Global Partnership",
        ));
        kg.add_article(article("a3", ""));
        for e in [
            entity(Country, "india", "India", &["Indian"], &[]),
            entity(Country, "japan", "Japan", &["Japanese"], &[]),
            entity(Country, "australia", "Australia", &["Australian"], &[]),
            entity(
                Official,
                "rajnath-singh",
                "Rajnath Singh",
                &["Singh"],
                &[("title", "Defence Minister")],
            ),
            entity(
                Official,
                "gen-nakatani",
                "Gen Nakatani",
                &[],
                &[("title", "Defense Minister")],
            ),
            entity(
                Official,
                "narendra-modi",
                "Narendra Modi",
                &[],
                &[("title", "Prime Minister")],
            ),
            entity(Official, "manmohan-singh", "Manmohan Singh", &[], &[]),
            entity(
                Agreement,
                "india-japan-special-strategic-and-global-partnership",
                "Special Strategic and Global Partnership",
                &["SSGP"],
                &[("year", "2014")],
            ),
            entity(
                Milestone,
                "india-japan-defence-ministers-meeting-2025",
                "India–Japan defence ministers' meeting",
                &[],
                &[("date", "2025-05-05"), ("kind", "meeting")],
            ),
            entity(
                Milestone,
                "elevation-to-ssgp",
                "Elevation to Special Strategic and Global Partnership",
                &[],
                &[("date", "2014"), ("kind", "elevation")],
            ),
            entity(
                Milestone,
                "india-australia-talks",
                "India–Australia talks",
                &[],
                &[("date", "2020-06"), ("kind", "meeting")],
            ),
            entity(
                Milestone,
                "india-japan-dialogue",
                "India–Japan dialogue",
                &[],
                &[],
            ),
            entity(Place, "tokyo", "Tokyo", &[], &[]),
        ] {
            kg.upsert_entity(e);
        }
        relate(&mut kg, SINGH, Represents, INDIA, &["a1"], None);
        relate(&mut kg, NAKATANI, Represents, JAPAN, &["a1"], None);
        relate(&mut kg, MODI, Represents, INDIA, &["a2"], None);
        relate(&mut kg, SINGH, Meets, NAKATANI, &["a1"], Some("2025-05-05"));
        relate(&mut kg, INDIA, PartyTo, SSGP, &["a1", "a2"], None);
        relate(&mut kg, JAPAN, PartyTo, SSGP, &["a1", "a2"], None);
        relate(&mut kg, MEETING, Involves, SINGH, &["a1"], None);
        relate(&mut kg, MEETING, Involves, NAKATANI, &["a1"], None);
        relate(&mut kg, MEETING, HeldIn, "place:tokyo", &["a1"], None);
        relate(&mut kg, ELEVATION, Concerns, SSGP, &["a2"], None);
        relate(&mut kg, ELEVATION, Involves, INDIA, &["a2"], None);
        relate(&mut kg, ELEVATION, Involves, JAPAN, &["a2"], None);
        relate(&mut kg, TALKS, Involves, INDIA, &["a3"], None);
        relate(&mut kg, TALKS, Involves, "country:australia", &["a3"], None);
        relate(&mut kg, DIALOGUE, Involves, INDIA, &["a3"], None);
        relate(&mut kg, DIALOGUE, Involves, JAPAN, &["a3"], None);
        kg
    }

    fn ix(kg: &KnowledgeGraph, id: &str) -> NodeIndex {
        kg.index_of(id).expect(id)
    }

    fn resolved(kg: &KnowledgeGraph, name: &str) -> String {
        match resolve(kg, name) {
            Ok(ix) => kg.entity_at(ix).id.clone(),
            Err(e) => panic!("{name}: {e}"),
        }
    }

    #[test]
    fn resolves_ids_names_aliases_and_demonyms() {
        let kg = fixture();
        assert_eq!(resolved(&kg, "japanese"), JAPAN);
        assert_eq!(resolved(&kg, "JAPAN"), JAPAN);
        assert_eq!(resolved(&kg, " country:India "), INDIA);
        assert_eq!(resolved(&kg, "ssgp"), SSGP);
        assert_eq!(resolved(&kg, "Gen. Nakatani"), NAKATANI);
        assert_eq!(
            resolved(&kg, "India-Japan defence ministers meeting"),
            MEETING
        );
    }

    #[test]
    fn resolves_accents_titles_and_surnames() {
        let mut kg = fixture();
        kg.upsert_entity(entity(EntityKind::Official, "to-lam", "Tô Lâm", &[], &[]));
        assert_eq!(resolved(&kg, "to lam"), "official:to-lam");
        assert_eq!(resolved(&kg, "PM Modi"), MODI);
        assert_eq!(resolved(&kg, "Prime Minister Narendra Modi"), MODI);
        assert_eq!(resolved(&kg, "Modi"), MODI);
        assert_eq!(resolved(&kg, "Defence Minister Rajnath Singh"), SINGH);
        assert_eq!(
            resolved(&kg, "Japanese Defense Minister Gen Nakatani"),
            NAKATANI
        );
        assert_eq!(resolved(&kg, "Nakatani"), NAKATANI);
        assert_eq!(
            resolved(&kg, "Mr Singh"),
            SINGH,
            "the alias wins over a surname match"
        );
    }

    #[test]
    fn countries_win_over_other_kinds_with_the_same_name() {
        let mut kg = fixture();
        kg.upsert_entity(entity(EntityKind::Place, "japan", "Japan", &[], &[]));
        assert_eq!(resolved(&kg, "japan"), JAPAN);
    }

    #[test]
    fn unknown_names_suggest_close_ones() {
        let kg = fixture();
        match resolve(&kg, "Jpan") {
            Err(QueryError::UnknownEntity { name, suggestions }) => {
                assert_eq!(name, "Jpan");
                assert_eq!(suggestions.first().map(String::as_str), Some("Japan"));
                assert!(suggestions.len() <= 5);
            }
            other => panic!("{other:?}"),
        }
        match resolve(&kg, "Rajnat Sing") {
            Err(QueryError::UnknownEntity { suggestions, .. }) => {
                assert_eq!(
                    suggestions.first().map(String::as_str),
                    Some("Rajnath Singh")
                );
            }
            other => panic!("{other:?}"),
        }
        match resolve(&kg, "strategic partnership") {
            Err(QueryError::UnknownEntity { suggestions, .. }) => {
                assert_eq!(
                    suggestions,
                    vec![
                        "Elevation to Special Strategic and Global Partnership",
                        "Special Strategic and Global Partnership"
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(
            resolve(&kg, "India Japan").is_err(),
            "a country word is stripped only before a title"
        );
        assert!(matches!(
            resolve(&kg, "   "),
            Err(QueryError::UnknownEntity { suggestions, .. }) if suggestions.is_empty()
        ));
    }

    #[test]
    fn ambiguous_surnames_are_unknown_with_the_candidates() {
        let mut kg = fixture();
        kg.upsert_entity(entity(
            EntityKind::Official,
            "taro-kono",
            "Taro Kono",
            &[],
            &[],
        ));
        kg.upsert_entity(entity(
            EntityKind::Official,
            "yohei-kono",
            "Yohei Kono",
            &[],
            &[],
        ));
        match resolve(&kg, "Mr Kono") {
            Err(QueryError::Ambiguous { candidates, .. }) => {
                assert_eq!(
                    candidates,
                    vec![
                        "Taro Kono (official:taro-kono)",
                        "Yohei Kono (official:yohei-kono)"
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_name_several_entities_hold_is_refused_not_the_first() {
        let mut kg = KnowledgeGraph::new();
        for (slug, acronym) in [
            ("kenya-turkey-comprehensive-strategic-partnership", "CSP"),
            (
                "poland-south-korea-comprehensive-strategic-partnership",
                "CSP",
            ),
        ] {
            kg.upsert_entity(entity(
                EntityKind::Agreement,
                slug,
                "Comprehensive Strategic Partnership",
                &[acronym],
                &[],
            ));
        }
        kg.upsert_entity(entity(
            EntityKind::Agreement,
            "japan-philippines-reciprocal-access-agreement",
            "Reciprocal Access Agreement",
            &[],
            &[],
        ));
        for name in ["Comprehensive Strategic Partnership", "CSP"] {
            match resolve(&kg, name) {
                Err(QueryError::Ambiguous { candidates, .. }) => {
                    assert_eq!(candidates.len(), 2, "{candidates:?}");
                    assert!(candidates[0].contains("(agreement:kenya-turkey-"));
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        // An acronym alone names the one agreement it abbreviates.
        assert_eq!(
            resolved(&kg, "RAA"),
            "agreement:japan-philippines-reciprocal-access-agreement"
        );
    }

    fn hop_counts(paths: &[ConnectionPath]) -> Vec<usize> {
        paths.iter().map(ConnectionPath::hops).collect()
    }

    #[test]
    fn paths_come_shortest_first_then_best_evidenced() {
        let kg = fixture();
        let (a, b) = (ix(&kg, INDIA), ix(&kg, JAPAN));
        let all = paths(&kg, a, b, 4, 100).expect("paths");
        assert_eq!(hop_counts(&all), vec![2, 2, 2, 3, 3, 3, 4]);
        // India–SSGP–Japan is stated by two articles per hop.
        assert_eq!(all[0].nodes, vec![INDIA, SSGP, JAPAN]);
        assert_eq!(all[0].evidence(), 4);
        assert!(all[0].steps.iter().all(|s| s.forward == (s.from == INDIA)));
        assert_eq!(all[0].steps[1].relation, RelationKind::PartyTo);
        assert!(!all[0].steps[1].forward, "Japan → SSGP is walked backwards");
        // Equal evidence breaks ties by node ids.
        assert_eq!(all[1].nodes, vec![INDIA, ELEVATION, JAPAN]);
        assert_eq!(all[1].steps[0].date.as_deref(), Some("2014"));
        assert_eq!(all[2].nodes, vec![INDIA, DIALOGUE, JAPAN]);
        let four = &all[6];
        assert_eq!(four.nodes, vec![INDIA, SINGH, MEETING, NAKATANI, JAPAN]);
        for p in &all {
            assert_eq!(p.nodes.len(), p.steps.len() + 1);
            assert_eq!(
                (p.nodes.first(), p.nodes.last()),
                (Some(&INDIA.to_string()), Some(&JAPAN.to_string()))
            );
            let unique: BTreeSet<&String> = p.nodes.iter().collect();
            assert_eq!(unique.len(), p.nodes.len(), "simple path");
        }
        let meet = all
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| s.relation == RelationKind::Meets)
            .expect("a meets hop");
        assert_eq!(meet.date.as_deref(), Some("2025-05-05"));
        assert_eq!(meet.articles, vec!["a1"]);
        assert!(meet.sentence.contains("meets"));
    }

    #[test]
    fn paths_respect_limit_and_hops() {
        let kg = fixture();
        let (a, b) = (ix(&kg, INDIA), ix(&kg, JAPAN));
        assert_eq!(
            hop_counts(&paths(&kg, a, b, 4, 4).expect("paths")),
            vec![2, 2, 2, 3]
        );
        assert_eq!(
            hop_counts(&paths(&kg, a, b, 2, 100).expect("paths")),
            vec![2, 2, 2]
        );
        assert!(paths(&kg, a, b, 1, 100).expect("paths").is_empty());
        assert!(paths(&kg, a, b, 4, 0).expect("paths").is_empty());
        assert!(paths(&kg, a, a, 4, 10).expect("paths").is_empty());
        let one = paths(&kg, ix(&kg, SINGH), ix(&kg, NAKATANI), 1, 10).expect("paths");
        assert_eq!(hop_counts(&one), vec![1]);
        assert!(matches!(
            paths(&kg, a, b, 0, 10),
            Err(QueryError::BadHops {
                got: 0,
                max: MAX_HOPS
            })
        ));
        assert!(matches!(
            paths(&kg, a, b, 100, 10),
            Err(QueryError::BadHops { got: 100, .. })
        ));
        assert!(paths(&kg, a, b, MAX_HOPS, 10).is_ok());
    }

    #[test]
    fn direct_facts_include_shared_agreements_and_milestones() {
        let kg = fixture();
        let facts = direct_facts(&kg, ix(&kg, INDIA), ix(&kg, JAPAN));
        let got: Vec<(&str, RelationKind, &str, Option<&str>)> = facts
            .iter()
            .map(|f| {
                (
                    f.source.as_str(),
                    f.relation,
                    f.target.as_str(),
                    f.date.as_deref(),
                )
            })
            .collect();
        use RelationKind::*;
        assert_eq!(
            got,
            vec![
                (INDIA, PartyTo, SSGP, Some("2014")),
                (JAPAN, PartyTo, SSGP, Some("2014")),
                (ELEVATION, Involves, INDIA, Some("2014")),
                (ELEVATION, Involves, JAPAN, Some("2014")),
                (DIALOGUE, Involves, INDIA, None),
                (DIALOGUE, Involves, JAPAN, None),
            ]
        );
        let direct = direct_facts(&kg, ix(&kg, NAKATANI), ix(&kg, SINGH));
        assert_eq!(direct.first().map(|f| f.relation), Some(Meets));
        assert!(direct.iter().any(|f| f.source == MEETING));
    }

    #[test]
    fn timeline_is_sorted_by_date_with_undated_last() {
        let kg = fixture();
        let (india, japan) = (ix(&kg, INDIA), ix(&kg, JAPAN));
        let ids =
            |entries: &[TimelineEntry]| entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        let both = timeline(&kg, india, Some(japan));
        assert_eq!(ids(&both), vec![ELEVATION, MEETING, DIALOGUE]);
        let india_only = timeline(&kg, india, None);
        assert_eq!(ids(&india_only), vec![ELEVATION, TALKS, MEETING, DIALOGUE]);
        let meeting = &both[1];
        assert_eq!(meeting.date.as_deref(), Some("2025-05-05"));
        assert_eq!(meeting.kind.as_deref(), Some("meeting"));
        assert_eq!(meeting.involves, vec!["Gen Nakatani", "Rajnath Singh"]);
        assert!(!meeting.sentence.is_empty());
        assert_eq!(both[0].involves, vec!["India", "Japan"]);
        // Through the agreement alone: the elevation concerns the SSGP.
        assert_eq!(ids(&timeline(&kg, ix(&kg, SSGP), None)), vec![ELEVATION]);
    }

    #[test]
    fn show_groups_facts_and_stats_count() {
        let kg = fixture();
        let view = show(&kg, ix(&kg, SINGH));
        let heads: Vec<(RelationKind, bool, usize)> = view
            .groups
            .iter()
            .map(|g| (g.relation, g.outgoing, g.facts.len()))
            .collect();
        use RelationKind::*;
        assert_eq!(
            heads,
            vec![
                (Represents, true, 1),
                (Meets, true, 1),
                (Involves, false, 1)
            ]
        );
        let text = render_show_text(&kg, &view);
        assert!(text.starts_with("Rajnath Singh — official (official:rajnath-singh)"));
        assert!(text.contains("title: Defence Minister"));

        let s = Reader::of_graph(&kg).stats();
        assert_eq!((s.entities, s.relations, s.articles), (13, 16, 3));
        assert_eq!(s.evidence, 18);
        assert_eq!(s.by_kind[&EntityKind::Milestone], 4);
        assert_eq!(s.by_relation[&Involves], 8);
        assert_eq!(s.by_relation[&Follows], 0);
        let json = serde_json::to_value(&s).expect("json");
        assert_eq!(json["by_relation"]["party_to"], 2);
        assert!(render_stats_text(&s).contains("party_to"));
    }

    #[test]
    fn renders_paths_with_arrows_dates_and_sources() {
        let kg = fixture();
        let (a, b) = (ix(&kg, INDIA), ix(&kg, JAPAN));
        let found = paths(&kg, a, b, 4, 10).expect("paths");
        let facts = direct_facts(&kg, a, b);
        let text = render_paths_text(&kg, a, b, &found, &facts);
        assert!(
            text.starts_with("India ⇄ Japan: 7 paths (shortest 2 hops)\n"),
            "{text}"
        );
        assert!(text.contains(
            "1. India —party_to→ Special Strategic and Global Partnership [2014] ←party_to— Japan"
        ));
        assert!(text.contains("Rajnath Singh —meets (2025-05-05)→ Gen Nakatani"));
        assert!(text
            .contains("←involves— India–Japan defence ministers' meeting [2025-05-05] —involves→"));
        assert!(text.contains("source: India, Japan defence ministers meet in Tokyo: \""));
        assert!(
            text.contains("source: data/articles/a3.txt: \""),
            "untitled articles show their path"
        );
        assert!(text.contains("Direct facts:\n  2014        India party_to Special Strategic"));

        let none = render_paths_text(&kg, a, ix(&kg, "place:tokyo"), &[], &[]);
        assert_eq!(none, "India ⇄ Tokyo: no connecting path found\n");

        let result = QueryResult::new(&kg, a, b, found, facts);
        let json = serde_json::to_value(&result).expect("json");
        assert_eq!(json["from_entity"]["id"], INDIA);
        assert_eq!(json["paths"][0]["steps"][0]["relation"], "party_to");
        assert_eq!(json["facts"][0]["date"], "2014");

        let timeline_text = render_timeline_text(&kg, a, Some(b), &timeline(&kg, a, Some(b)));
        assert!(timeline_text.starts_with("Timeline: India ⇄ Japan (3 milestones)\n"));
        assert!(timeline_text.contains("2025-05-05  India–Japan defence ministers' meeting [meeting] — Gen Nakatani, Rajnath Singh"));
        assert!(timeline_text.contains("undated     India–Japan dialogue"));
    }

    /// A small deterministic generator, so the dense graphs are the same every run.
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    fn dense_graph(nodes: usize, edges: usize, seed: u64) -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::new();
        for i in 0..nodes {
            kg.upsert_entity(Entity::new(
                EntityKind::Official,
                &format!("n{i:05}"),
                &format!("N{i}"),
            ));
        }
        let mut rng = XorShift(seed);
        let mut added = 0;
        while added < edges {
            let (s, t) = (rng.below(nodes), rng.below(nodes));
            let ev = Evidence {
                article: format!("a{}", rng.below(5)),
                sentence: "x".into(),
                start: 0,
                end: 1,
            };
            let (s, t) = (format!("official:n{s:05}"), format!("official:n{t:05}"));
            if s != t
                && kg.add_relation(&s, RelationKind::MemberOf, &t, Attrs::new(), ev)
                    == Some((true, true))
            {
                added += 1;
            }
        }
        kg
    }

    /// Checks that every path is a simple walk along real edges from `a` to `b`.
    fn assert_valid(
        kg: &KnowledgeGraph,
        a: &str,
        b: &str,
        found: &[ConnectionPath],
        max_hops: usize,
    ) {
        let adjacent = |x: &str, y: &str| {
            kg.edges()
                .any(|(s, _, t)| (s.id == x && t.id == y) || (s.id == y && t.id == x))
        };
        for pair in found.windows(2) {
            assert!(pair[0].hops() <= pair[1].hops(), "shortest first");
            if pair[0].hops() == pair[1].hops() {
                assert!(
                    pair[0].evidence() >= pair[1].evidence(),
                    "better evidenced first"
                );
            }
        }
        for p in found {
            assert!(p.hops() <= max_hops);
            assert_eq!(p.nodes.first().map(String::as_str), Some(a));
            assert_eq!(p.nodes.last().map(String::as_str), Some(b));
            assert_eq!(p.nodes.iter().collect::<BTreeSet<_>>().len(), p.nodes.len());
            for s in &p.steps {
                assert!(adjacent(&s.from, &s.to));
            }
        }
    }

    #[test]
    fn dense_graph_paths_return_promptly() {
        let kg = dense_graph(2_000, 20_000, 0x9E37_79B9_7F4A_7C15);
        let (a, b) = ("official:n00000", "official:n01999");
        let found = paths(&kg, ix(&kg, a), ix(&kg, b), 4, 50).expect("paths");
        assert_eq!(found.len(), 50);
        assert_valid(&kg, a, b, &found, 4);
        // The first path is as short as breadth-first search says.
        let mut dist: BTreeMap<NodeIndex, usize> = BTreeMap::from([(ix(&kg, b), 0)]);
        let mut frontier = vec![ix(&kg, b)];
        while !frontier.is_empty() && !dist.contains_key(&ix(&kg, a)) {
            let mut next = Vec::new();
            for v in frontier {
                let d = dist[&v] + 1;
                for (_, w, _) in kg.incident(v) {
                    if let std::collections::btree_map::Entry::Vacant(slot) = dist.entry(w) {
                        slot.insert(d);
                        next.push(w);
                    }
                }
            }
            frontier = next;
        }
        assert_eq!(found[0].hops(), dist[&ix(&kg, a)]);
        // Every path of the shortest length is there, once.
        let shortest = found.iter().filter(|p| p.hops() == found[0].hops()).count();
        let distinct: BTreeSet<&Vec<String>> = found.iter().map(|p| &p.nodes).collect();
        assert_eq!(distinct.len(), found.len());
        assert!(shortest >= 1);
    }

    #[test]
    fn hubs_do_not_blow_up_the_search() {
        // a and b share 1,000 neighbours that are densely linked among themselves.
        let mut kg = KnowledgeGraph::new();
        kg.upsert_entity(Entity::new(EntityKind::Country, "a", "A"));
        kg.upsert_entity(Entity::new(EntityKind::Country, "b", "B"));
        for i in 0..1_000 {
            kg.upsert_entity(Entity::new(EntityKind::Milestone, &format!("m{i:04}"), "M"));
        }
        let ev = || Evidence {
            article: "a".into(),
            sentence: "x".into(),
            start: 0,
            end: 1,
        };
        let mut rng = XorShift(7);
        for i in 0..1_000 {
            let m = format!("milestone:m{i:04}");
            kg.add_relation(&m, RelationKind::Involves, "country:a", Attrs::new(), ev());
            kg.add_relation(&m, RelationKind::Involves, "country:b", Attrs::new(), ev());
            for _ in 0..50 {
                let other = format!("milestone:m{:04}", rng.below(1_000));
                kg.add_relation(&m, RelationKind::Follows, &other, Attrs::new(), ev());
            }
        }
        let (a, b) = (ix(&kg, "country:a"), ix(&kg, "country:b"));
        let found = paths(&kg, a, b, 6, 5_000).expect("paths");
        assert_eq!(found.len(), 5_000);
        assert_eq!(found.iter().filter(|p| p.hops() == 2).count(), 1_000);
        assert_valid(&kg, "country:a", "country:b", &found[..20], 6);
        assert!(found.iter().all(|p| p.hops() <= 3));
    }
}
