//! Which nodes are one thing, and what a node says when articles disagree:
//! the rules that make a merged graph a function of the set of articles, not
//! of the order they came in.
//!
//! Two kinds of rule. Joins decide a name, an attribute or a title list from
//! two values, and are commutative and associative (the better value wins,
//! ties broken by the text), so any order gives the same node. Folds
//! ([`settle`]) make one node of two that name the same thing: a surname alone
//! ("Wrobel") and the one official of that surname ("Tomasz Wrobel"), an
//! acronym alone ("RAA") and the one agreement it abbreviates with those
//! parties, a vaguely dated milestone ("June 2023") and the same event dated
//! more precisely ("June 5, 2023"). A fold happens only when the target is the
//! only candidate, and it is run to a fixed point after every merge, so it
//! happens whichever of the two articles came first.
//!
//! A batch (`kg ingest FILES…`, `kg reindex`, the rebuild of `kg forget`) is
//! folded once, when all its articles are in, so it is the graph of its set.
//! Across batches a fold is not undone by folding: when a later ingest
//! brings a second candidate (a second "… Wrobel", a second event in the
//! month "June 2023" could be), a node folded before it would stay folded,
//! where one batch keeps it apart, and the store does not keep the folded
//! node's own facts. So an ingest whose batch could make a stored fold
//! ambiguous ([`may_unfold`], rare) merges every stored article again with
//! it as one batch, and the store is the graph of the set in any order.

use super::KnowledgeGraph;
use crate::model::{fold, Entity, EntityKind, RelationKind, Status};
use std::collections::{BTreeMap, BTreeSet};

/// Whether name `a` says more than `b`: more words, then more letters, then
/// the smaller text (any total order will do; this one is stable).
pub(super) fn better_name(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        (
            usize::MAX - s.split_whitespace().count(),
            usize::MAX - s.len(),
        )
    };
    (key(a), a) < (key(b), b)
}

/// Whether title `vague` is a vaguer form of `precise`: its words end it
/// ("Minister" of "Foreign Minister").
pub(super) fn is_vaguer_title(vague: &str, precise: &str) -> bool {
    let v: Vec<String> = vague.split_whitespace().map(str::to_lowercase).collect();
    let p: Vec<String> = precise.split_whitespace().map(str::to_lowercase).collect();
    v.len() < p.len() && p.ends_with(&v)
}

/// The value an attribute keeps when two articles give two: a date the most
/// precise (then the earliest), a title the least vague, a status the most
/// certain ([`Status::most_certain`]), anything else the smaller text.
pub(super) fn join_attr(key: &str, old: &str, new: &str) -> String {
    if old == new {
        return old.to_string();
    }
    let pick_new = match key {
        "date" => (usize::MAX - new.len(), new) < (usize::MAX - old.len(), old),
        "title" if is_vaguer_title(old, new) => true,
        "title" if is_vaguer_title(new, old) => false,
        "status" => {
            let (old, new) = (Status::of_attr(Some(old)), Status::of_attr(Some(new)));
            old.most_certain(new) == new && old != new
        }
        _ => new < old,
    };
    if pick_new { new } else { old }.to_string()
}

/// One entry of a `titles` list, `Title (date)` or `Title`: (title, date).
fn title_entry(entry: &str) -> (&str, Option<&str>) {
    match entry.rsplit_once(" (") {
        Some((title, date)) if date.ends_with(')') => (title, Some(date.trim_end_matches(')'))),
        _ => (entry, None),
    }
}

/// The union of two `titles` lists ("; "-separated `Title (date)` entries):
/// each title once with the earliest date it was reported, no title that is a
/// vaguer form of another, the latest reported first, undated ones last by
/// name. Returns the list and the current title (its first entry).
pub(super) fn join_titles<'a>(lists: impl IntoIterator<Item = &'a str>) -> (String, String) {
    let mut first_seen: BTreeMap<String, Option<String>> = BTreeMap::new();
    for entry in lists
        .into_iter()
        .flat_map(|l| l.split("; "))
        .filter(|e| !e.is_empty())
    {
        let (title, date) = title_entry(entry);
        let date = date.map(str::to_string);
        let slot = first_seen.entry(title.to_string()).or_insert(date.clone());
        if let (Some(d), Some(s)) = (&date, slot.as_ref()) {
            if d < s {
                *slot = date;
            }
        } else if slot.is_none() {
            *slot = date;
        }
    }
    let titles: Vec<String> = first_seen.keys().cloned().collect();
    let mut entries: Vec<(String, Option<String>)> = first_seen
        .into_iter()
        .filter(|(t, _)| !titles.iter().any(|other| is_vaguer_title(t, other)))
        .collect();
    // Latest first; undated last, by name.
    entries.sort_by(|(ta, da), (tb, db)| match (da, db) {
        (Some(a), Some(b)) => b.cmp(a).then(ta.cmp(tb)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => ta.cmp(tb),
    });
    let current = entries.first().map(|(t, _)| t.clone()).unwrap_or_default();
    let list = entries
        .iter()
        .map(|(t, d)| match d {
            Some(d) => format!("{t} ({d})"),
            None => t.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    (list, current)
}

/// Joins `incoming` into `node` (same id): the better name, every other
/// name as an alias (sorted, once whatever the case), each attribute by
/// [`join_attr`], titles by [`join_titles`].
pub(super) fn join_entity(node: &mut Entity, incoming: Entity) {
    let mut forms: Vec<String> = std::mem::take(&mut node.aliases);
    forms.push(node.name.clone());
    forms.push(incoming.name.clone());
    forms.extend(incoming.aliases);
    if better_name(&incoming.name, &node.name) {
        node.name = incoming.name;
    }
    node.aliases = canonical_aliases(&node.name, forms);
    let titles_before = node.attrs.remove("titles");
    for (key, value) in incoming.attrs {
        if key == "titles" {
            continue;
        }
        let joined = match node.attrs.get(&key) {
            Some(old) => join_attr(&key, old, &value),
            None => value,
        };
        node.attrs.insert(key, joined);
    }
    if let Some(before) = titles_before {
        node.attrs.insert("titles".into(), before);
    }
}

/// Aliases as a set: trimmed, none equal to the name or to each other
/// whatever the case (the smaller text kept), sorted.
pub(super) fn canonical_aliases(name: &str, forms: Vec<String>) -> Vec<String> {
    let mut by_case: BTreeMap<String, String> = BTreeMap::new();
    for form in forms {
        let form = form.trim().to_string();
        if form.is_empty() || form.eq_ignore_ascii_case(name) {
            continue;
        }
        let slot = by_case.entry(form.to_lowercase()).or_insert(form.clone());
        if form < *slot {
            *slot = form;
        }
    }
    let mut out: Vec<String> = by_case.into_values().collect();
    out.sort();
    out
}

/// The initials of a name, small words skipped: "Trade and Investment
/// Framework Agreement" → "TIFA".
pub(crate) fn initials(name: &str) -> String {
    let mut out = String::new();
    initials_into(name, &mut out);
    out
}

/// [`initials`] written into `out` (cleared first), with no allocation of
/// its own: scans of every stored agreement make it once per name.
pub(crate) fn initials_into(name: &str, out: &mut String) {
    // ASCII words: no other text lower-cases to one of them.
    const SMALL: [&str; 6] = ["and", "of", "the", "for", "on", "in"];
    out.clear();
    let words = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !SMALL.iter().any(|s| w.eq_ignore_ascii_case(s)));
    out.extend(
        words
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase()),
    );
}

/// Whether a name is an acronym alone ("RAA", "TIFA").
pub(crate) fn is_acronym(name: &str) -> bool {
    let n = name.trim();
    n.len() >= 2 && n.chars().all(|c| c.is_ascii_uppercase() || c == '-')
}

/// What a fold compares: for each node of a kind that folds, the facts that
/// tell whether two are one.
struct Shape {
    id: String,
    kind: EntityKind,
    name: String,
    attrs: crate::model::Attrs,
    /// Countries a milestone involves, or that are party to an agreement.
    countries: BTreeSet<String>,
    /// Agreements a milestone concerns, as a fact that happened.
    concerns: BTreeSet<String>,
    /// An official's name folded and lower-cased, and its words; an
    /// agreement's [`initials`]: made once per node, for the comparisons of
    /// every pair in a bucket.
    lower: String,
    words: Vec<String>,
    initials: String,
}

/// The buckets a node can fold within: officials by each end of their name,
/// agreements by acronym and initials, milestones by kind and year.
pub(crate) fn buckets(e: &Entity) -> Vec<String> {
    buckets_of(e.kind, &e.name, |key| e.attrs.get(key).map(String::as_str))
}

/// Whether entities of `kind` fold into others of their kind: those
/// [`buckets_of`] gives buckets.
pub(crate) fn folds(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Official | EntityKind::Agreement | EntityKind::Milestone
    )
}

/// [`buckets`] of a node given by its kind, name and attributes (`attr`
/// reads one), for nodes that are not [`Entity`] values, such as the index's.
pub(crate) fn buckets_of<'a>(
    kind: EntityKind,
    name: &str,
    attr: impl Fn(&str) -> Option<&'a str>,
) -> Vec<String> {
    if !folds(kind) {
        return Vec::new();
    }
    match kind {
        EntityKind::Official => {
            let words: Vec<String> = fold(name)
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let mut keys: Vec<String> = [words.first(), words.last()]
                .into_iter()
                .flatten()
                .map(|w| format!("o:{w}"))
                .collect();
            keys.dedup();
            keys
        }
        EntityKind::Agreement => {
            let mut keys = vec![format!("a:{}", initials(name))];
            keys.extend(attr("acronym").map(|a| format!("a:{a}")));
            if is_acronym(name) {
                keys.push(format!("a:{}", name.trim()));
            }
            keys.sort();
            keys.dedup();
            keys
        }
        EntityKind::Milestone => {
            let year: String = attr("date").unwrap_or("").chars().take(4).collect();
            let kind = attr("kind").unwrap_or("");
            vec![format!("m:{kind}:{year}")]
        }
        _ => Vec::new(),
    }
}

/// The nodes that share a bucket with one of `seeds`, with their shapes,
/// sorted by id.
fn shapes(kg: &KnowledgeGraph, seeds: &BTreeSet<String>) -> Vec<Shape> {
    let wanted: BTreeSet<String> = seeds
        .iter()
        .filter_map(|id| kg.entity(id))
        .flat_map(buckets)
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Shape> = Vec::new();
    for ix in kg.graph.node_indices() {
        let e = &kg.graph[ix];
        if !buckets(e).iter().any(|b| wanted.contains(b)) {
            continue;
        }
        out.push(shape_of(kg, ix));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn shape_of(kg: &KnowledgeGraph, ix: petgraph::stable_graph::NodeIndex) -> Shape {
    let e = &kg.graph[ix];
    let lower = match e.kind {
        EntityKind::Official => fold(&e.name).to_lowercase(),
        _ => String::new(),
    };
    let mut shape = Shape {
        id: e.id.clone(),
        kind: e.kind,
        name: e.name.clone(),
        attrs: e.attrs.clone(),
        countries: BTreeSet::new(),
        concerns: BTreeSet::new(),
        words: lower.split_whitespace().map(str::to_string).collect(),
        lower,
        initials: match e.kind {
            EntityKind::Agreement => initials(&e.name),
            _ => String::new(),
        },
    };
    for (edge, other, outgoing) in kg.incident(ix) {
        let other = &kg.graph[other];
        match (edge.relation, outgoing) {
            (RelationKind::Involves, true) if other.kind == EntityKind::Country => {
                shape.countries.insert(other.id.clone());
            }
            (RelationKind::PartyTo, false) => {
                shape.countries.insert(other.id.clone());
            }
            // What a denied or hoped-for signing "concerns" does not tell
            // which event it is: a held signing may have had that sentence
            // merged in, its twin not.
            (RelationKind::Concerns, true)
                if Status::of_attr(edge.attrs.get("status").map(String::as_str))
                    == Status::Held =>
            {
                shape.concerns.insert(other.id.clone());
            }
            _ => {}
        }
    }
    shape
}

/// The one node `x` is another name of, if there is exactly one.
fn fold_target<'a>(x: &Shape, all: &'a [Shape]) -> Option<&'a Shape> {
    if !may_be_lesser(x) {
        return None;
    }
    let candidates: Vec<&Shape> = all
        .iter()
        .filter(|r| r.id != x.id && r.kind == x.kind && same_thing(x, r))
        .collect();
    match x.kind {
        EntityKind::Milestone => {
            // The most precise dates; one date among them, the smallest id.
            let best = candidates.iter().map(|r| date_of(r).len()).max()?;
            let top: Vec<&&Shape> = candidates
                .iter()
                .filter(|r| date_of(r).len() == best)
                .collect();
            let dates: BTreeSet<&str> = top.iter().map(|r| date_of(r)).collect();
            (dates.len() == 1)
                .then(|| top.first().map(|r| **r))
                .flatten()
        }
        _ => match candidates.as_slice() {
            [one] => Some(one),
            _ => None,
        },
    }
}

fn date_of(s: &Shape) -> &str {
    s.attrs.get("date").map_or("", String::as_str)
}

/// Whether `x` can be a lesser form of some node at all (a one-word
/// official, an acronym of an agreement with parties, a milestone): what
/// [`same_thing`] asks of `x` alone, so that a bucket of thousands of full
/// names is not compared pair by pair.
fn may_be_lesser(x: &Shape) -> bool {
    match x.kind {
        EntityKind::Official => x.words.len() == 1,
        EntityKind::Agreement => is_acronym(x.name.trim()) && !x.countries.is_empty(),
        EntityKind::Milestone => true,
        _ => false,
    }
}

/// Whether `x`, a lesser form, names the same thing as `r`.
fn same_thing(x: &Shape, r: &Shape) -> bool {
    match x.kind {
        EntityKind::Official => {
            let (short, parts) = (&x.lower, &r.words);
            x.words.len() == 1
                && parts.len() > 1
                && (parts.first() == Some(short) || parts.last() == Some(short))
        }
        EntityKind::Agreement => {
            let acronym = x.name.trim();
            is_acronym(acronym)
                && !is_acronym(&r.name)
                && (r.attrs.get("acronym").map(String::as_str) == Some(acronym)
                    || r.initials == acronym)
                && !x.countries.is_empty()
                && x.countries.is_subset(&r.countries)
        }
        EntityKind::Milestone => same_event(x, r),
        _ => false,
    }
}

/// One event reported twice: the same kind and status, a date that `r`'s
/// refines (or the same date under a smaller id), and the same agreement
/// concerned (the countries of one among the other's), or, concerning none,
/// the same countries.
fn same_event(x: &Shape, r: &Shape) -> bool {
    let (dx, dr) = (date_of(x), date_of(r));
    let refines = if dx.len() == dr.len() {
        dx == dr && r.id < x.id
    } else {
        dr.len() > dx.len() && dr.starts_with(dx) && !dx.is_empty()
    };
    let same_attr = |k: &str| x.attrs.get(k) == r.attrs.get(k);
    if !refines || !same_attr("kind") || !same_attr("status") {
        return false;
    }
    if !x.concerns.is_empty() || !r.concerns.is_empty() {
        x.concerns == r.concerns
            && (x.countries.is_subset(&r.countries) || r.countries.is_subset(&x.countries))
    } else {
        !x.countries.is_empty() && x.countries == r.countries
    }
}

/// Folds every node that is another name of exactly one other into it, until
/// none is left, looking at the nodes that share a bucket with `seeds` (what
/// the last merge touched).
pub(super) fn settle(kg: &mut KnowledgeGraph, mut seeds: BTreeSet<String>) {
    loop {
        let all = shapes(kg, &seeds);
        let fold_now: Vec<(String, String)> = all
            .iter()
            .filter_map(|x| fold_target(x, &all).map(|r| (x.id.clone(), r.id.clone())))
            .collect();
        // Folds whose target does not fold itself this pass: the others wait
        // for the next, when their target is settled.
        let ready: Vec<&(String, String)> = fold_now
            .iter()
            .filter(|(_, to)| !fold_now.iter().any(|(f, _)| f == to))
            .collect();
        if ready.is_empty() {
            break;
        }
        for (from, to) in ready {
            kg.fold_into(from, to);
            seeds.remove(from);
            seeds.insert(to.clone());
        }
    }
    for id in &seeds {
        kg.drop_conflicting_represents(id);
    }
}

/// Whether merging a batch of `extractions` into `kg` could make an earlier
/// fold ambiguous, which folding after the merge cannot undo: a new official
/// whose name ends in a surname folded before, a new agreement with an
/// acronym folded before, or a new report of an event two articles already
/// tell (one may be a vaguer date folded into it). Only then must every
/// article be merged again as one batch to give the graph of the set.
/// Conservative (it may say yes where no fold was made) and one pass over
/// the nodes that share a fold bucket with the batch.
pub(super) fn may_unfold(kg: &KnowledgeGraph, extractions: &[&crate::model::Extraction]) -> bool {
    let incoming: Vec<&Entity> = extractions.iter().flat_map(|x| &x.entities).collect();
    let touched: BTreeSet<String> = incoming.iter().flat_map(|e| buckets(e)).collect();
    if touched.is_empty() {
        return false;
    }
    kg.graph.node_indices().any(|ix| {
        let stored = buckets(&kg.graph[ix]);
        stored.iter().any(|b| touched.contains(b))
            && incoming
                .iter()
                .filter(|e| buckets(e).iter().any(|b| stored.contains(b)))
                .any(|e| unfolds(kg, ix, e, extractions))
    })
}

/// Whether `e`, from a new batch and sharing a fold bucket with the stored
/// node at `ix`, could be a second candidate for a form folded into it.
fn unfolds(
    kg: &KnowledgeGraph,
    ix: petgraph::stable_graph::NodeIndex,
    e: &Entity,
    extractions: &[&crate::model::Extraction],
) -> bool {
    let t = &kg.graph[ix];
    let new = e.kind == t.kind && kg.entity(&e.id).is_none();
    match t.kind {
        EntityKind::Official => {
            let words: Vec<String> = fold(&e.name)
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            new && words.len() > 1
                && t.aliases.iter().any(|a| {
                    let a = fold(a).to_lowercase();
                    words.first() == Some(&a) || words.last() == Some(&a)
                })
        }
        EntityKind::Agreement => {
            e.kind == t.kind
                && e.id != t.id
                && !is_acronym(&e.name)
                && t.aliases.iter().map(|a| a.trim()).any(|a| {
                    is_acronym(a)
                        && (e.attrs.get("acronym").map(String::as_str) == Some(a)
                            || initials(&e.name) == a)
                })
                && gains_a_party_of(kg, ix, e, extractions)
        }
        EntityKind::Milestone => {
            let told_by: BTreeSet<&str> = kg
                .incident(ix)
                .flat_map(|(edge, _, _)| edge.evidence.iter().map(|ev| ev.article.as_str()))
                .collect();
            told_by.len() > 1
                && if e.id == t.id {
                    changes_event(kg, ix, e, extractions)
                } else {
                    new && e.attrs.get("status") == t.attrs.get("status")
                        && e.date().unwrap_or("").len() >= t.date().unwrap_or("").len()
                        && shares_country(kg, ix, e, extractions)
                }
        }
        _ => false,
    }
}

/// Whether the batch makes a country party to agreement `e` that it was
/// not party to and that is party to the stored agreement at `ix` (an
/// acronym folded into that one names some of its parties).
fn gains_a_party_of(
    kg: &KnowledgeGraph,
    ix: petgraph::stable_graph::NodeIndex,
    e: &Entity,
    extractions: &[&crate::model::Extraction],
) -> bool {
    let parties = shape_of(kg, ix).countries;
    let had = kg
        .index_of(&e.id)
        .map(|r| shape_of(kg, r).countries)
        .unwrap_or_default();
    extractions
        .iter()
        .flat_map(|x| &x.relations)
        .filter(|r| r.target == e.id && r.relation == RelationKind::PartyTo)
        .any(|r| parties.contains(&r.source) && !had.contains(&r.source))
}

/// Whether the batch changes what tells the stored milestone at `ix` from
/// another report of it: its status, or an agreement or country it adds.
fn changes_event(
    kg: &KnowledgeGraph,
    ix: petgraph::stable_graph::NodeIndex,
    e: &Entity,
    extractions: &[&crate::model::Extraction],
) -> bool {
    let t = &kg.graph[ix];
    let shape = shape_of(kg, ix);
    e.attrs.get("status") != t.attrs.get("status")
        || extractions
            .iter()
            .flat_map(|x| &x.relations)
            .filter(|r| r.source == e.id)
            .any(|r| match r.relation {
                RelationKind::Concerns => !shape.concerns.contains(&r.target),
                RelationKind::Involves => {
                    r.target.starts_with("country:") && !shape.countries.contains(&r.target)
                }
                _ => false,
            })
}

/// Whether milestone `e` of a batch involves none of its countries yet or
/// one the stored milestone at `ix` involves.
fn shares_country(
    kg: &KnowledgeGraph,
    ix: petgraph::stable_graph::NodeIndex,
    e: &Entity,
    extractions: &[&crate::model::Extraction],
) -> bool {
    let stored = shape_of(kg, ix).countries;
    let mut theirs = extractions
        .iter()
        .flat_map(|x| &x.relations)
        .filter(|r| r.source == e.id && r.relation == RelationKind::Involves)
        .map(|r| &r.target)
        .filter(|t| t.starts_with("country:"))
        .peekable();
    theirs.peek().is_none() || theirs.any(|c| stored.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ArticleRecord;
    use crate::model::{ArticleMeta, Attrs, Evidence, Extraction, Relation};

    /// An entity of a test article: kind, slug, name, attributes.
    type Made<'a> = (EntityKind, &'a str, &'a str, &'a [(&'a str, &'a str)]);

    /// A tiny article: `entities` as (kind, slug, name, attrs), `relations`
    /// as (source id, relation, target id).
    fn article(
        id: &str,
        entities: &[Made<'_>],
        relations: &[(&str, RelationKind, &str)],
    ) -> (Extraction, ArticleRecord) {
        let entities = entities
            .iter()
            .map(|(kind, slug, name, attrs)| {
                let mut e = Entity::new(*kind, slug, name);
                for (k, v) in *attrs {
                    e.attrs.insert((*k).into(), (*v).into());
                }
                e
            })
            .collect();
        let relations = relations
            .iter()
            .map(|(s, r, t)| Relation {
                source: (*s).into(),
                relation: *r,
                target: (*t).into(),
                attrs: Attrs::new(),
                evidence: Evidence {
                    article: String::new(),
                    sentence: format!("{id}: {s} {t}"),
                    start: 0,
                    end: 1,
                },
            })
            .collect();
        let meta = ArticleMeta {
            id: id.into(),
            path: format!("{id}.txt"),
            title: String::new(),
            date: None,
        };
        let record = ArticleRecord {
            id: id.into(),
            path: meta.path.clone(),
            title: String::new(),
            date: None,
            text: String::new(),
            fingerprint: None,
        };
        (
            Extraction {
                article: meta,
                entities,
                relations,
            },
            record,
        )
    }

    /// The graph as text: entities and edges sorted.
    fn dump(kg: &KnowledgeGraph) -> String {
        let mut entities: Vec<String> = kg.entities().map(|e| format!("{e:?}")).collect();
        entities.sort();
        let mut edges: Vec<String> = kg
            .edges()
            .map(|(s, e, t)| format!("{} {e:?} {}", s.id, t.id))
            .collect();
        edges.sort();
        format!("{entities:#?}\n{edges:#?}")
    }

    /// Merges the articles in both orders; asserts one graph, returns it.
    fn both_orders(
        a: (Extraction, ArticleRecord),
        b: (Extraction, ArticleRecord),
    ) -> KnowledgeGraph {
        let mut ab = KnowledgeGraph::new();
        ab.merge_recorded(a.0.clone(), a.1.clone(), "x");
        ab.merge_recorded(b.0.clone(), b.1.clone(), "x");
        let mut ba = KnowledgeGraph::new();
        ba.merge_recorded(b.0, b.1, "x");
        ba.merge_recorded(a.0, a.1, "x");
        assert_eq!(dump(&ab), dump(&ba));
        ab
    }

    const BRAZIL: Made<'static> = (EntityKind::Country, "brazil", "Brazil", &[]);
    const NIGERIA: Made<'static> = (EntityKind::Country, "nigeria", "Nigeria", &[]);

    #[test]
    fn a_signing_told_by_month_is_the_one_told_by_day() {
        let tifa = "agreement:brazil-nigeria-tifa";
        let day = article(
            "a",
            &[
                BRAZIL,
                NIGERIA,
                (
                    EntityKind::Agreement,
                    "brazil-nigeria-tifa",
                    "Trade and Investment Framework Agreement",
                    &[("acronym", "TIFA")],
                ),
                (
                    EntityKind::Milestone,
                    "2024-03-11-signing-brazil-nigeria",
                    "Signing of the Brazil-Nigeria TIFA",
                    &[
                        ("date", "2024-03-11"),
                        ("kind", "signing"),
                        ("status", "held"),
                    ],
                ),
            ],
            &[
                ("country:brazil", RelationKind::PartyTo, tifa),
                ("country:nigeria", RelationKind::PartyTo, tifa),
                (
                    "milestone:2024-03-11-signing-brazil-nigeria",
                    RelationKind::Involves,
                    "country:brazil",
                ),
                (
                    "milestone:2024-03-11-signing-brazil-nigeria",
                    RelationKind::Involves,
                    "country:nigeria",
                ),
                (
                    "milestone:2024-03-11-signing-brazil-nigeria",
                    RelationKind::Concerns,
                    tifa,
                ),
            ],
        );
        let month = article(
            "b",
            &[
                BRAZIL,
                NIGERIA,
                (EntityKind::Agreement, "brazil-nigeria-tifa2", "TIFA", &[]),
                (
                    EntityKind::Milestone,
                    "2024-03-signing-brazil",
                    "Signing of the Brazil TIFA",
                    &[("date", "2024-03"), ("kind", "signing"), ("status", "held")],
                ),
            ],
            &[
                (
                    "country:brazil",
                    RelationKind::PartyTo,
                    "agreement:brazil-nigeria-tifa2",
                ),
                (
                    "country:nigeria",
                    RelationKind::PartyTo,
                    "agreement:brazil-nigeria-tifa2",
                ),
                (
                    "milestone:2024-03-signing-brazil",
                    RelationKind::Involves,
                    "country:brazil",
                ),
                (
                    "milestone:2024-03-signing-brazil",
                    RelationKind::Concerns,
                    "agreement:brazil-nigeria-tifa2",
                ),
            ],
        );
        let kg = both_orders(day, month);
        assert!(
            kg.entity("agreement:brazil-nigeria-tifa2").is_none(),
            "TIFA alone joins"
        );
        assert!(
            kg.entity("milestone:2024-03-signing-brazil").is_none(),
            "one signing"
        );
        let signing = kg
            .entity("milestone:2024-03-11-signing-brazil-nigeria")
            .unwrap();
        assert_eq!(signing.date(), Some("2024-03-11"));
        assert_eq!(signing.name, "Signing of the Brazil-Nigeria TIFA");
        let concerns = kg
            .edge_between(
                "milestone:2024-03-11-signing-brazil-nigeria",
                RelationKind::Concerns,
                tifa,
            )
            .unwrap();
        assert_eq!(concerns.article_count(), 2, "both articles back the event");
    }

    #[test]
    fn a_vague_date_between_two_events_joins_neither() {
        let milestone =
            |slug: &str, date: &str| (EntityKind::Milestone, slug.to_string(), date.to_string());
        let make = |id: &str, m: (EntityKind, String, String)| {
            let mid = format!("milestone:{}", m.1);
            let attrs: [(&str, &str); 2] = [("date", m.2.as_str()), ("kind", "meeting")];
            let x = article(
                id,
                &[
                    BRAZIL,
                    NIGERIA,
                    (m.0, m.1.as_str(), "Brazil-Nigeria meeting", &attrs),
                ],
                &[
                    (mid.as_str(), RelationKind::Involves, "country:brazil"),
                    (mid.as_str(), RelationKind::Involves, "country:nigeria"),
                ],
            );
            x
        };
        let in_order = |order: [(&str, (EntityKind, String, String)); 3]| {
            let mut kg = KnowledgeGraph::new();
            for (id, m) in order {
                let (x, r) = make(id, m);
                kg.merge(x, r);
            }
            kg
        };
        let a = || ("a", milestone("2024-03-meeting", "2024-03"));
        let b = || ("b", milestone("2024-03-02-meeting", "2024-03-02"));
        let c = || ("c", milestone("2024-03-20-meeting", "2024-03-20"));
        // "March" could be either: kept apart when both are known.
        let kg = in_order([b(), c(), a()]);
        assert!(kg.entity("milestone:2024-03-meeting").is_some());
        assert_eq!(kg.node_count(), 5);
        // In one batch, in any order, both are known when the folds are made.
        let mut batch = KnowledgeGraph::new();
        batch.merge_all_recorded([a(), b(), c()].map(|(id, m)| make(id, m)), "x");
        assert_eq!(dump(&batch), dump(&kg));
    }

    /// A surname folded into its one official: a new official of that
    /// surname may unfold it, one of another name or the same one again not.
    #[test]
    fn a_second_official_of_a_folded_surname_may_unfold_it() {
        let official = |slug: &'static str, name: &'static str| -> Made<'static> {
            (EntityKind::Official, slug, name, &[])
        };
        let mut kg = KnowledgeGraph::new();
        for (id, who) in [
            ("a", official("adam-nowak", "Adam Nowak")),
            ("b", official("nowak", "Nowak")),
        ] {
            let (x, r) = article(id, &[who], &[]);
            kg.merge_recorded(x, r, "x");
        }
        assert!(kg.entity("official:nowak").is_none(), "folded");
        let unfolds = |who: Made<'_>| {
            let (x, _) = article("c", &[who], &[]);
            may_unfold(&kg, &[&x])
        };
        assert!(unfolds(official("ewa-nowak", "Ewa Nowak")));
        assert!(!unfolds(official("ewa-kowalska", "Ewa Kowalska")));
        assert!(!unfolds(official("adam-nowak", "Adam Nowak")));
    }

    #[test]
    fn titles_join_whatever_the_order() {
        let one = join_titles(["Foreign Minister (2024-03-11)", "Minister (2024-05-20)"]);
        let two = join_titles(["Minister (2024-05-20)", "Foreign Minister (2024-03-11)"]);
        assert_eq!(one, two);
        assert_eq!(one.1, "Foreign Minister");
        let (list, current) = join_titles([
            "Chief Minister (2010)",
            "Prime Minister (2014); Chief Minister (2012)",
        ]);
        assert_eq!(list, "Prime Minister (2014); Chief Minister (2010)");
        assert_eq!(current, "Prime Minister");
        assert_eq!(join_attr("date", "2014", "2014-09-01"), "2014-09-01");
        assert_eq!(join_attr("date", "2014-09-01", "2014"), "2014-09-01");
        assert_eq!(
            join_attr("title", "Minister", "Foreign Minister"),
            "Foreign Minister"
        );
        assert_eq!(join_attr("status", "planned", "held"), "held");
        assert_eq!(initials("Trade and Investment Framework Agreement"), "TIFA");
        assert_eq!(initials("Reciprocal Access Agreement"), "RAA");
    }
}
