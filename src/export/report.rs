//! One self-contained HTML page about two entities, for a brief: the diagram of the
//! routes between them, their timeline, and every fact between and around them with
//! its source article and sentence. Inline SVG and CSS only: no script, no fetch.

use super::interchange::{article_label, xml_escape as esc};
use super::{render_with, timeline_svg, to_dot, view, Renderer, BUILTIN_NOTE};
use crate::error::ExportError;
use crate::graph::{Edge, KnowledgeGraph};
use crate::model::Entity;
use crate::query::{ConnectionPath, TimelineEntry};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A report page, and a note for the user when its diagram was drawn in a lesser way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub html: String,
    pub note: Option<String>,
    /// How many fact rows the table holds.
    pub facts: usize,
}

/// One row of the facts table: an edge and one sentence that states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRow {
    pub date: Option<String>,
    pub source: String,
    pub relation: String,
    pub target: String,
    /// Whether the edge is a hop of one of the routes drawn.
    pub on_route: bool,
    pub article: String,
    pub sentence: String,
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; background: white; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
p.summary { color: #555; margin: 0 0 8px; }
p.note { color: #8a6d00; font-size: 13px; }
figure { margin: 8px 0; overflow-x: auto; border: 1px solid #e4e4e4; border-radius: 6px; padding: 8px; background: white; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
ol.routes { font-size: 14px; line-height: 1.6; padding-left: 24px; }
ol.routes .rel { color: #666; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #eee; }
th { background: #f3f3f3; position: sticky; top: 0; }
td.fact ul { margin: 0; padding-left: 16px; }
td.fact li.route { font-weight: bold; }
td.date { white-space: nowrap; color: #444; }
td.rel { color: #666; white-space: nowrap; }
td.src .path { color: #888; font-size: 11px; display: block; word-break: break-all; }
td.sentence { color: #333; font-style: italic; max-width: 520px; }
footer { color: #888; font-size: 12px; margin-top: 32px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: white; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h2#facts { break-before: page; page-break-before: always; }
  figure { border: none; padding: 0; overflow: visible; break-inside: avoid; page-break-inside: avoid; }
  figure svg { max-height: 255mm; width: auto; max-width: 100%; }
  th { position: static; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  td.sentence { max-width: none; }
}
"#;

/// The size of the store a report was made from, for its footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreSize {
    pub articles: usize,
    pub entities: usize,
    pub relations: usize,
}

impl StoreSize {
    pub fn of(kg: &KnowledgeGraph) -> StoreSize {
        StoreSize {
            articles: kg.articles().count(),
            entities: kg.node_count(),
            relations: kg.edge_count(),
        }
    }
}

/// The page for `a` and `b`: `routes` as `kg query` finds them, `timeline` as
/// `kg timeline A B` lists it; the diagram is drawn by `renderer`.
pub fn html(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: NodeIndex,
    routes: &[ConnectionPath],
    timeline: &[TimelineEntry],
    renderer: Renderer,
) -> Result<Report, ExportError> {
    html_of_part(kg, StoreSize::of(kg), a, b, routes, timeline, renderer)
}

/// [`html`] from `kg`, a part of a store of size `store` that holds all the
/// page shows (a cut out of the snapshot).
pub fn html_of_part(
    kg: &KnowledgeGraph,
    store: StoreSize,
    a: NodeIndex,
    b: NodeIndex,
    routes: &[ConnectionPath],
    timeline: &[TimelineEntry],
    renderer: Renderer,
) -> Result<Report, ExportError> {
    let (ea, eb) = (kg.entity_at(a), kg.entity_at(b));
    let diagram_view = view::from_routes(kg, a, b, routes);
    let rendered = render_with(&to_dot(kg, &diagram_view), super::Format::Svg, renderer)?;
    let diagram = inline_svg(&String::from_utf8_lossy(&rendered.bytes));
    let levels = crate::query::partnership_levels(kg, a, b);
    let timeline_drawing = timeline_svg(&format!("{} ⇄ {}", ea.name, eb.name), timeline, &levels);
    let rows = fact_rows(kg, a, b, routes, timeline);

    let mut out = String::new();
    let title = format!("{} and {}", ea.name, eb.name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"icon\" href=\"data:,\">\n<title>{} — kg report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&title));
    let articles: BTreeSet<&str> = rows.iter().map(|r| r.article.as_str()).collect();
    let shortest = routes.iter().map(ConnectionPath::hops).min();
    let route_text = match shortest {
        Some(h) => format!(
            "{} (shortest {h} hop{})",
            count(routes.len(), "route", "routes"),
            if h == 1 { "" } else { "s" }
        ),
        None => "no connecting route".to_string(),
    };
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} · {} · {} from {}</p>",
        esc(&route_text),
        esc(&count(timeline.len(), "milestone", "milestones")),
        esc(&count(rows.len(), "fact", "facts")),
        esc(&crate::stories::support(
            articles.len(),
            articles
                .iter()
                .map(|id| kg.story_of(id))
                .collect::<BTreeSet<_>>()
                .len()
        )),
    );

    out.push_str("<h2 id=\"connections\">Connections</h2>\n");
    let _ = writeln!(out, "<figure class=\"diagram\">\n{diagram}\n</figure>");
    if rendered.note.is_some() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(BUILTIN_NOTE));
    }
    if !routes.is_empty() {
        out.push_str("<ol class=\"routes\">\n");
        for route in routes {
            let _ = writeln!(out, "<li>{}</li>", route_html(kg, route));
        }
        out.push_str("</ol>\n");
    }

    out.push_str("<h2 id=\"timeline\">Timeline</h2>\n");
    let _ = writeln!(
        out,
        "<figure class=\"timeline\">\n{}</figure>",
        timeline_drawing
    );

    facts_table(&mut out, kg, &rows);

    out.push_str("<h2 id=\"sources\">Sources</h2>\n<ul>\n");
    let mut by_date: Vec<&str> = articles.iter().copied().collect();
    by_date.sort_by_key(|id| {
        let date = kg.article(id).and_then(|a| a.date.clone());
        (date.is_none(), date, article_label(kg, id))
    });
    for id in &by_date {
        let record = kg.article(id);
        let story = kg.story_of(id);
        let copy = by_date
            .iter()
            .find(|other| *other != id && kg.story_of(other) == story)
            .map(|other| format!(" (the same story as {})", esc(&article_label(kg, other))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<li>{} — <code>{}</code>{}{copy}</li>",
            esc(&article_label(kg, id)),
            esc(record.map_or(*id, |a| a.path.as_str())),
            record
                .and_then(|a| a.date.as_deref())
                .map(|d| format!(", {}", esc(d)))
                .unwrap_or_default()
        );
    }
    out.push_str("</ul>\n");
    let _ = writeln!(
        out,
        "<footer>Made by kg {} from a store of {} articles, {} entities and {} relations.</footer>",
        env!("CARGO_PKG_VERSION"),
        store.articles,
        store.entities,
        store.relations
    );
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(Report {
        html: out,
        note: rendered.note,
        facts: rows.len(),
    })
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An SVG document as an element to put in a page: the XML declaration, doctype
/// and comments before `<svg` go.
fn inline_svg(svg: &str) -> String {
    match svg.find("<svg") {
        Some(start) => svg[start..].trim_end().to_string(),
        None => String::new(),
    }
}

/// A route as a line of names joined by arrows with the relation.
fn route_html(kg: &KnowledgeGraph, route: &ConnectionPath) -> String {
    let name = |id: &str| kg.entity(id).map_or(id.to_string(), |e| e.name.clone());
    let mut out = esc(&name(route.nodes.first().map_or("", String::as_str)));
    for step in &route.steps {
        let mut rel = match &step.date {
            Some(d) => step.relation.dated_phrase(d),
            None => step.relation.phrase(),
        };
        if !step.status.happened() {
            let _ = write!(rel, " [{}]", step.status);
        }
        let arrow = if step.forward {
            format!(" <span class=\"rel\">—{}→</span> ", esc(&rel))
        } else {
            format!(" <span class=\"rel\">←{}—</span> ", esc(&rel))
        };
        out.push_str(&arrow);
        out.push_str(&esc(&name(&step.to)));
    }
    out
}

/// The date a fact is shown with: the edge's, else a milestone's at either end,
/// else an agreement's year.
fn fact_date(source: &Entity, edge: &Edge, target: &Entity) -> Option<String> {
    edge.attrs
        .get("date")
        .map(String::as_str)
        .or_else(|| source.milestone_date())
        .or_else(|| target.milestone_date())
        .or_else(|| source.agreement_year())
        .or_else(|| target.agreement_year())
        .filter(|d| !d.trim().is_empty())
        .map(str::to_string)
}

/// The facts of `rows` as a table of the sentences that state them: one row
/// per sentence (in the order of its first fact), its facts listed beside
/// it, the routes' hops in bold. A sentence stating five facts is read once.
fn facts_table(out: &mut String, kg: &KnowledgeGraph, rows: &[FactRow]) {
    let groups = by_sentence(rows);
    let _ = writeln!(
        out,
        "<h2 id=\"facts\">Facts</h2>\n<p class=\"summary\">Every relation between the entities \
         above (the routes' hops in bold), under the sentence that states it: {} in {}.</p>",
        esc(&count(rows.len(), "fact", "facts")),
        esc(&count(groups.len(), "sentence", "sentences")),
    );
    out.push_str("<table>\n<thead><tr><th>Date</th><th>Sentence</th><th>Facts it states</th><th>Source</th></tr></thead>\n<tbody>\n");
    for group in &groups {
        let first = group[0];
        let record = kg.article(&first.article);
        let path = record.map(|a| a.path.as_str()).unwrap_or("");
        let article_date = record.and_then(|a| a.date.as_deref()).unwrap_or("");
        let facts: String = group
            .iter()
            .map(|r| {
                let fact = format!(
                    "{} <span class=\"rel\">{}</span> {}",
                    esc(&r.source),
                    esc(&r.relation),
                    esc(&r.target)
                );
                match r.on_route {
                    true => format!("<li class=\"route\">{fact}</li>"),
                    false => format!("<li>{fact}</li>"),
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td class=\"date\">{}</td><td class=\"sentence\">\u{201c}{}\u{201d}</td>\
             <td class=\"fact\"><ul>{facts}</ul></td><td class=\"src\">{}{}<span class=\"path\">{}</span></td></tr>",
            esc(first.date.as_deref().unwrap_or("—")),
            esc(&first.sentence),
            esc(&article_label(kg, &first.article)),
            match article_date {
                "" => String::new(),
                date => format!(" ({})", esc(date)),
            },
            esc(path),
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// `rows` grouped by (article, sentence), each group in the order of its
/// first row, its rows in theirs.
fn by_sentence(rows: &[FactRow]) -> Vec<Vec<&FactRow>> {
    let mut at: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut groups: Vec<Vec<&FactRow>> = Vec::new();
    for row in rows {
        let key = (row.article.as_str(), row.sentence.as_str());
        let i = *at.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(row);
    }
    groups
}

/// Every edge among `a`, `b`, the nodes of the routes and the timeline's
/// milestones, one row per distinct (article, sentence); dated rows first by date,
/// then by relation, source and target names.
pub fn fact_rows(
    kg: &KnowledgeGraph,
    a: NodeIndex,
    b: NodeIndex,
    routes: &[ConnectionPath],
    timeline: &[TimelineEntry],
) -> Vec<FactRow> {
    let g = kg.petgraph();
    let mut nodes: BTreeSet<NodeIndex> = BTreeSet::from([a, b]);
    nodes.extend(
        routes
            .iter()
            .flat_map(|r| &r.nodes)
            .chain(timeline.iter().map(|t| &t.id))
            .filter_map(|id| kg.index_of(id)),
    );
    let route_edges: BTreeSet<EdgeIndex> = view::from_routes(kg, a, b, routes)
        .edges
        .unwrap_or_default();
    type Key = (
        bool,
        Option<String>,
        String,
        (String, String),
        String,
        String,
    );
    let mut rows: BTreeMap<Key, FactRow> = BTreeMap::new();
    for &ix in &nodes {
        for e in g.edges_directed(ix, petgraph::Direction::Outgoing) {
            if !nodes.contains(&e.target()) {
                continue;
            }
            let (source, target, edge) = (&g[ix], &g[e.target()], e.weight());
            let date = fact_date(source, edge, target);
            for ev in &edge.evidence {
                let row = FactRow {
                    date: date.clone(),
                    source: source.name.clone(),
                    // "party to [explored]": a fact that did not happen says so.
                    relation: match super::dot::edge_status(edge) {
                        s if s.happened() => edge.relation.phrase(),
                        s => format!("{} [{s}]", edge.relation.phrase()),
                    },
                    target: target.name.clone(),
                    on_route: route_edges.contains(&e.id()),
                    article: ev.article.clone(),
                    sentence: ev.sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                };
                let key = (
                    date.is_none(),
                    date.clone(),
                    row.relation.clone(),
                    (source.id.clone(), target.id.clone()),
                    ev.article.clone(),
                    row.sentence.clone(),
                );
                rows.entry(key).or_insert(row);
            }
        }
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::tests::sample;
    use crate::query;

    #[test]
    fn the_page_holds_diagram_timeline_and_facts_and_nothing_external() {
        let kg = sample();
        let (india, japan) = (
            kg.index_of("country:india").unwrap(),
            kg.index_of("country:japan").unwrap(),
        );
        let routes = query::distinct_routes(&kg, india, japan, 4, 10).unwrap();
        assert!(!routes.is_empty());
        let timeline = query::timeline(&kg, india, Some(japan));
        let report = html(&kg, india, japan, &routes, &timeline, Renderer::Builtin).unwrap();
        let page = &report.html;
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<h1>India and Japan</h1>"));
        assert_eq!(page.matches("<svg").count(), 2, "diagram and timeline");
        assert!(!page.contains("<?xml"));
        assert!(page.contains("Timeline: India ⇄ Japan"));
        assert!(page.contains("India and Japan are partners."));
        assert!(report.facts > 0);
        for external in ["http://", "https://", "<script", "src="] {
            let outside_svg_namespaces = page
                .replace("http://www.w3.org/2000/svg", "")
                .replace("http://www.w3.org/1999/xlink", "");
            assert!(!outside_svg_namespaces.contains(external), "{external}");
        }
        assert_eq!(
            page,
            &html(&kg, india, japan, &routes, &timeline, Renderer::Builtin)
                .unwrap()
                .html,
            "deterministic"
        );
    }

    #[test]
    fn the_facts_table_has_one_row_per_sentence() {
        let kg = sample();
        let (india, japan) = (
            kg.index_of("country:india").unwrap(),
            kg.index_of("country:japan").unwrap(),
        );
        let routes = query::distinct_routes(&kg, india, japan, 4, 10).unwrap();
        let timeline = query::timeline(&kg, india, Some(japan));
        let rows = fact_rows(&kg, india, japan, &routes, &timeline);
        let sentences: BTreeSet<(&str, &str)> = rows
            .iter()
            .map(|r| (r.article.as_str(), r.sentence.as_str()))
            .collect();
        assert!(
            sentences.len() < rows.len(),
            "some sentence states two facts"
        );
        let page = html(&kg, india, japan, &routes, &timeline, Renderer::Builtin)
            .unwrap()
            .html;
        let table = &page[page.find("<tbody>").unwrap()..page.find("</tbody>").unwrap()];
        assert_eq!(table.matches("<tr>").count(), sentences.len());
        assert_eq!(table.matches("<li").count(), rows.len());
        assert!(page.contains("@media print"));
    }

    #[test]
    fn fact_rows_cover_routes_and_milestones_dated_first() {
        let kg = sample();
        let singh = kg.index_of("official:rajnath-singh").unwrap();
        let nakatani = kg.index_of("official:gen-nakatani").unwrap();
        let routes = query::distinct_routes(&kg, singh, nakatani, 4, 10).unwrap();
        let rows = fact_rows(&kg, singh, nakatani, &routes, &[]);
        // The meeting is stated by three articles: three rows, on the route.
        let meets: Vec<&FactRow> = rows.iter().filter(|r| r.relation == "meets").collect();
        assert_eq!(meets.len(), 3);
        assert!(meets.iter().all(|r| r.on_route));
        let dated = rows
            .iter()
            .position(|r| r.date.is_none())
            .unwrap_or(rows.len());
        assert!(rows[..dated].iter().all(|r| r.date.is_some()));
        assert!(rows[dated..].iter().all(|r| r.date.is_none()));
    }
}
