//! The read facade: a store opened for reading answers every read question —
//! query (with `--as-of`), show, stats, timeline, report, the views of an
//! export, path queries — on one read model, the compact [`GraphIndex`],
//! loaded from the store's snapshot or built from its RON file, for small
//! stores as for large ones.
//!
//! Every answer carries the small [`KnowledgeGraph`] it is rendered from,
//! cut out of the index around the answer.

use crate::error::{ExportError, IngestError, QueryError};
use crate::export::interchange::{self, Rows, Selection};
use crate::export::{self, Filter, Format, View};
use crate::graph::KnowledgeGraph;
use crate::ingest::{Observer, Pipeline};
use crate::model::{PartialDate, StatusSet};
use crate::query::answer::{self, Scope};
use crate::query::{ConnectionPath, Fact, PathsQuery, PathsResult, Stats};
use crate::store::index::GraphIndex;
use crate::store::snapshot::{self, Loaded};
use petgraph::stable_graph::NodeIndex;
use std::io::Write;
use std::path::Path;

/// A store opened for reading.
pub struct Reader {
    index: GraphIndex,
    /// The statuses of the facts its answers keep (`--status`); all by default.
    statuses: StatusSet,
}

/// The answer to `kg query A B`.
pub struct Connection {
    pub graph: KnowledgeGraph,
    pub a: NodeIndex,
    pub b: NodeIndex,
    pub paths: Vec<ConnectionPath>,
    pub facts: Vec<Fact>,
}

/// One or two entities and the graph around them (`kg show`, `kg timeline`).
pub struct Around {
    pub graph: KnowledgeGraph,
    pub a: NodeIndex,
    pub b: Option<NodeIndex>,
}

/// What `kg report A B` is made from: the routes and a graph holding all the
/// page shows, with the size of the whole store for its footer.
pub struct ReportPart {
    pub graph: KnowledgeGraph,
    pub size: export::report::StoreSize,
    pub a: NodeIndex,
    pub b: NodeIndex,
    pub routes: Vec<ConnectionPath>,
}

/// What `kg export` draws: its foci (none, one or two entities), the filter,
/// and for a neighbourhood its depth, for the whole graph or a neighbourhood
/// the most entities drawn.
#[derive(Debug, Clone, Copy)]
pub struct ViewRequest<'q> {
    pub foci: &'q [String],
    pub filter: &'q Filter,
    /// Hops around a single focus.
    pub depth: usize,
    /// The most entities a neighbourhood holds.
    pub ego_max: usize,
    /// The most entities the whole graph holds (the best-evidenced); `None`: all.
    pub whole_max: Option<usize>,
    /// The longest route and how many routes between two foci.
    pub max_hops: usize,
    pub limit: usize,
}

/// A view of the graph to write, and what was left out of it.
pub struct Drawing {
    pub graph: KnowledgeGraph,
    pub view: View,
    /// Entities within reach (a neighbourhood) or in the graph (the whole
    /// graph) that the view leaves out.
    pub left_out: usize,
    /// Between two foci: the routes drawn.
    pub routes: Vec<ConnectionPath>,
}

/// A graph to write for other tools ([`crate::export::interchange`]): the
/// whole graph or a view of a cut, written row by row from the index.
pub struct Whole<'r> {
    index: &'r GraphIndex,
    selection: Selection,
    title: String,
    left_out: usize,
}

impl Whole<'_> {
    /// The title written into the file.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Entities the graph holds that the export leaves out (`--max-nodes`).
    pub fn left_out(&self) -> usize {
        self.left_out
    }

    /// How many entities and relations are written.
    pub fn counts(&self) -> (usize, usize) {
        (self.selection.node_count(), self.selection.edge_count())
    }

    /// Writes it as GraphML, Cytoscape.js JSON or a Cypher script; another
    /// format is refused.
    pub fn write(&self, format: Format, out: &mut (dyn Write + Send)) -> std::io::Result<()> {
        let rows = Rows::new(self.index, &self.selection);
        interchange::write(format, &rows, &self.title, out)
    }

    /// Writes it as a folder of Neo4j CSV files; the files' names.
    pub fn write_neo4j(&self, dir: &Path) -> Result<Vec<String>, ExportError> {
        interchange::write_folder(&Rows::new(self.index, &self.selection), dir)
    }
}

/// The title of a view of the whole graph.
const WHOLE_TITLE: &str = "Knowledge graph";

impl Reader {
    /// Opens the store at `path` for reading: its index from the snapshot
    /// when it is current (a stale one is said and rebuilt, so the next
    /// command is fast again), else built from the RON store, itself built
    /// from the shipped corpus when needed ([`crate::store::open`]).
    pub fn open(path: &Path, observer: &dyn Observer) -> Result<Reader, IngestError> {
        let index = match snapshot::load(path) {
            Loaded::Fresh(index) => *index,
            Loaded::Missing => {
                GraphIndex::from_graph(&crate::store::open(path, &Pipeline, observer)?.graph)
            }
            Loaded::Stale(_) | Loaded::Behind => {
                crate::store::open_index(path, &Pipeline, observer)?
            }
        };
        Ok(Reader::of_index(index))
    }

    /// Opens the store at `path` for path queries ([`Reader::paths`]): as
    /// [`Reader::open`], and the snapshot written anew when the graph is
    /// large ([`crate::store::open_index`]).
    pub fn open_indexed(path: &Path, observer: &dyn Observer) -> Result<Reader, IngestError> {
        let index = crate::store::open_index(path, &Pipeline, observer)?;
        Ok(Reader::of_index(index))
    }

    /// A reader of a graph in memory.
    pub fn of_graph(graph: &KnowledgeGraph) -> Reader {
        Reader::of_index(GraphIndex::from_graph(graph))
    }

    /// A reader of an index in memory.
    pub(crate) fn of_index(index: GraphIndex) -> Reader {
        Reader {
            index,
            statuses: StatusSet::all(),
        }
    }

    /// This reader, its answers keeping only facts of these statuses
    /// (`--status held`): edges, milestones and agreements of other statuses
    /// are left out of query, paths, show, timeline and export.
    pub fn keeping(mut self, statuses: StatusSet) -> Reader {
        self.statuses = statuses;
        self
    }

    /// `scope` narrowed to the statuses this reader keeps.
    fn scoped(&self, scope: Scope) -> Scope {
        scope.with_statuses(&self.index, self.statuses)
    }

    /// The stored articles `q` keeps (`kg articles`).
    pub fn articles(&self, q: &super::ArticleQuery<'_>) -> Vec<super::ArticleRow> {
        super::articles::articles(&self.index, q)
    }

    /// The entities whose name or an alias holds `text` (`kg search`).
    pub fn search(&self, text: &str) -> Vec<super::Found> {
        super::search::search(&self.index, text)
    }

    /// Counts over the whole store (`kg stats`).
    pub fn stats(&self) -> Stats {
        answer::stats(&self.index)
    }

    /// `kg paths`: the paths `q` asks for.
    pub fn paths(&self, q: &PathsQuery<'_>) -> Result<PathsResult, QueryError> {
        let scope = self.scoped(Scope::everything());
        super::path_modes::answer(&self.index, &scope, q)
    }

    /// `kg paths` as text: a summary line, then each path hop by hop with its sources.
    pub fn render_paths(&self, result: &PathsResult) -> String {
        crate::query::paths_report::render_text(&self.index, result)
    }

    /// How many entities `filter` keeps.
    pub fn entities_in(&self, filter: &Filter) -> usize {
        Scope::filtered(&self.index, filter, &[]).node_count(&self.index)
    }

    /// The routes between `a` and `b` and the facts that join them directly
    /// (`kg query`), in the graph as it stood on `as_of` when given.
    pub fn query(
        &self,
        a: &str,
        b: &str,
        as_of: Option<PartialDate>,
        max_hops: usize,
        limit: usize,
    ) -> Result<Connection, QueryError> {
        let index = &self.index;
        let scope = self.scoped(match as_of {
            Some(date) => Scope::as_of(index, &date.to_string()),
            None => Scope::everything(),
        });
        let (a, b) = answer::resolve_pair_in_scope(index, &scope, a, b)?;
        let ans = answer::query(index, &scope, a, b, max_hops, limit)?;
        Ok(Connection {
            graph: ans.graph,
            a: ans.a,
            b: ans.b,
            paths: ans.paths,
            facts: ans.facts,
        })
    }

    /// The entity `name` with every edge touching it (`kg show`).
    pub fn show(&self, name: &str) -> Result<Around, QueryError> {
        let scope = self.scoped(Scope::everything());
        let (graph, a) = answer::around(&self.index, &scope, answer::resolve(&self.index, name)?);
        Ok(Around { graph, a, b: None })
    }

    /// The entity `a` (and `b`) with all their timeline and partnership
    /// levels read (`kg timeline`).
    pub fn timeline(&self, a: &str, b: Option<&str>) -> Result<Around, QueryError> {
        let index = &self.index;
        let (a, b) = match b {
            Some(b) => answer::resolve_pair_in_scope(index, &Scope::everything(), a, b)
                .map(|(a, b)| (a, Some(b)))?,
            None => (answer::resolve(index, a)?, None),
        };
        let scope = self.scoped(Scope::everything());
        let (graph, a, b) = answer::timeline_cut(index, &scope, a, b);
        Ok(Around { graph, a, b })
    }

    /// What `kg report A B` is made from.
    pub fn report(
        &self,
        a: &str,
        b: &str,
        max_hops: usize,
        limit: usize,
    ) -> Result<ReportPart, QueryError> {
        let index = &self.index;
        let (a, b) = answer::resolve_pair_in_scope(index, &Scope::everything(), a, b)?;
        let size = export::report::StoreSize {
            articles: index.articles().len(),
            entities: index.node_count(),
            relations: index.edge_count(),
        };
        let (graph, a, b, routes) = answer::report_cut(index, a, b, max_hops, limit)?;
        Ok(ReportPart {
            graph,
            size,
            a,
            b,
            routes,
        })
    }

    /// The view `kg export` draws: the whole graph, a neighbourhood, or the
    /// routes between two entities, of what the filter keeps. The part of
    /// the graph the view shows is cut out of the index, and the view is
    /// taken of that cut as of the whole graph.
    pub fn view(&self, req: &ViewRequest<'_>) -> Result<Drawing, QueryError> {
        let index = &self.index;
        let foci: Vec<u32> = match req.foci {
            [a, b] => {
                let (a, b) = answer::resolve_pair_in_scope(index, &Scope::everything(), a, b)?;
                vec![a, b]
            }
            foci => foci
                .iter()
                .map(|name| answer::resolve(index, name))
                .collect::<Result<_, _>>()?,
        };
        let scope = self.scoped(Scope::filtered(index, req.filter, &foci));
        let mut routes = Vec::new();
        let (graph, view, left_out) = match *foci.as_slice() {
            [a] => answer::ego(index, &scope, a, req.depth, req.ego_max),
            [a, b] => {
                let (graph, a, b, paths) =
                    answer::routes_cut(index, &scope, a, b, req.max_hops, req.limit)?;
                let view = export::from_routes(&graph, a, b, &paths);
                routes = paths;
                (graph, view, 0)
            }
            _ => answer::whole(index, &scope, req.whole_max),
        };
        Ok(Drawing {
            graph,
            view,
            left_out,
            routes,
        })
    }

    /// The whole graph (what the filter keeps, at most `req.whole_max`
    /// entities) for other tools, streamed from the index row by row.
    pub fn whole(&self, req: &ViewRequest<'_>) -> Whole<'_> {
        let index = &self.index;
        let scope = self.scoped(Scope::filtered(index, req.filter, &[]));
        let (chosen, total) = answer::whole_choice(index, &scope, req.whole_max);
        let left_out = total - chosen.len();
        Whole {
            index,
            selection: Selection::new(index, &scope, chosen),
            title: WHOLE_TITLE.to_string(),
            left_out,
        }
    }

    /// The view `drawing` ([`Reader::view`]) for other tools, written from
    /// the index as the whole graph is.
    pub fn drawn(&self, drawing: &Drawing) -> Whole<'_> {
        Whole {
            index: &self.index,
            selection: Selection::of_view(&self.index, &drawing.graph, &drawing.view),
            title: drawing.view.title.clone(),
            left_out: drawing.left_out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use std::collections::BTreeSet;

    use crate::export::star_graph as star;

    /// What `kg export` asks with these foci, filter and caps.
    fn request<'q>(
        foci: &'q [String],
        filter: &'q Filter,
        depth: usize,
        max: usize,
    ) -> ViewRequest<'q> {
        ViewRequest {
            foci,
            filter,
            depth,
            ego_max: max,
            whole_max: Some(max),
            max_hops: 4,
            limit: 10,
        }
    }

    /// The ids of the entities a drawing shows.
    fn ids(d: &Drawing) -> Vec<&str> {
        let mut ids: Vec<&str> = d
            .view
            .nodes
            .iter()
            .map(|&ix| d.graph.entity_at(ix).id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn a_neighbourhood_keeps_the_most_evidenced_and_counts_the_rest() {
        let r = Reader::of_graph(&star());
        let (hub, all) = (["country:hub".to_string()], Filter::default());
        let d = r.view(&request(&hub, &all, 2, 2)).expect("view");
        assert_eq!(ids(&d), ["country:hub", "country:strong"]);
        assert_eq!(d.view.emphasized.len(), 1);
        assert_eq!(d.left_out, 2);
        assert_eq!(
            d.view.subtitle,
            "the 2 best-evidenced of 4 entities within 2 hops"
        );

        let d = r.view(&request(&hub, &all, 2, 50)).expect("view");
        assert_eq!((d.view.len(), d.left_out), (4, 0));
        assert!(d.view.left_to_right);
        let rank = |id: &str| d.view.ranks[&d.graph.index_of(id).expect("drawn")];
        assert_eq!((rank("country:hub"), rank("country:far")), (0, 2));
        let d = r.view(&request(&hub, &all, 1, 50)).expect("view");
        assert_eq!((d.view.len(), d.left_out), (3, 0));
    }

    #[test]
    fn the_whole_graph_keeps_the_best_evidenced() {
        let kg = crate::export::dot::tests::sample();
        let r = Reader::of_graph(&kg);
        let all = Filter::default();
        let d = r.view(&request(&[], &all, 2, 3)).expect("view");
        assert_eq!((d.view.len(), d.left_out), (3, kg.node_count() - 3));
        // The meeting of the two ministers is backed by three articles.
        assert!(ids(&d).contains(&"official:rajnath-singh"));
        assert!(ids(&d).contains(&"official:gen-nakatani"));
        assert!(d.view.clusters.values().all(|m| m.len() > 1));
        let d = r
            .view(&request(&[], &all, 2, kg.node_count()))
            .expect("view");
        assert_eq!(d.left_out, 0);
    }

    #[test]
    fn filters_keep_kinds_periods_and_the_foci() {
        let kg = crate::export::dot::tests::sample();
        let r = Reader::of_graph(&kg);
        let officials = Filter {
            kinds: Some(BTreeSet::from([EntityKind::Official])),
            ..Filter::default()
        };
        let japan = ["country:japan".to_string()];
        let d = r.view(&request(&japan, &officials, 5, 50)).expect("view");
        assert_eq!(
            ids(&d),
            [
                "country:japan",
                "official:gen-nakatani",
                "official:rajnath-singh"
            ]
        );
        // Nakatani represents Japan; Singh meets Nakatani.
        assert_eq!(d.view.drawn_edges(&d.graph).len(), 2);
        assert_eq!(r.entities_in(&officials), 2);

        let recent = Filter {
            since: PartialDate::parse("2026"),
            ..Filter::default()
        };
        // The defence ministers' meeting of 2025 goes.
        assert_eq!(r.entities_in(&recent), kg.node_count() - 1);
        assert!(Filter::default().is_empty() && !recent.is_empty());
    }
}
