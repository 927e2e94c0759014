//! Reading a graph from two CSV files — `nodes.csv` (`id,kind,label`) and
//! `edges.csv` (`source,target,relation`) — checking every row before anything
//! is used: a bad row is reported with its file and line, and the caller gets
//! either the whole graph or the list of bad rows, never part of it.
//!
//! Ids are the model's `kind:slug`; an id without a `kind:` prefix gets the
//! one its `kind` column names. Kinds and relations are those of
//! `docs/MODEL.md`, and a relation must join the kinds the model says it
//! joins (`represents` goes from an official to a country). The same relation
//! given twice is one edge; a symmetric one (`meets`, `counterpart_of`) is
//! stored from the lower id to the higher, as the graph stores it.
//!
//! Files are read whole and parsed on every core, each part of a file by its
//! own `csv` reader, split where a record ends.

use super::arena::Strings;
use super::index::{ArticleRef, Columns, GraphIndex};
use super::intern::{hash, IdTable};
use crate::model::{EntityKind, RelationKind};
use rayon::slice::ParallelSliceMut;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How many bad rows an error lists before it only counts them.
pub const ROWS_SHOWN: usize = 20;

/// One bad row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub path: PathBuf,
    pub line: u64,
    pub message: String,
}

/// Why an import was refused. Nothing has been written when it is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: line 1: the header must name the columns {expected}; found {found:?}")]
    Header {
        path: PathBuf,
        expected: String,
        found: String,
    },
    #[error("{}", render_rows(.errors, *.total))]
    Rows { errors: Vec<RowError>, total: usize },
    #[error("{path}: too many rows for one graph (the limit is 2^32 - 2 entities and edges)")]
    TooLarge { path: PathBuf },
    #[error(transparent)]
    Store(#[from] crate::error::StoreError),
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn render_rows(errors: &[RowError], total: usize) -> String {
    let mut out = format!(
        "{total} bad row{}; nothing was imported:",
        if total == 1 { "" } else { "s" }
    );
    for e in errors {
        let _ = write!(out, "\n  {}:{}: {}", e.path.display(), e.line, e.message);
    }
    if total > errors.len() {
        let _ = write!(out, "\n  … and {} more", total - errors.len());
    }
    out
}

fn kinds_text(kinds: &[EntityKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    names.join(" or ")
}

/// Tells the kind of an entity the store holds, by id.
pub type KnownKind<'a> = &'a (dyn Fn(&str) -> Option<EntityKind> + Sync);

/// What to read besides the graph.
#[derive(Default)]
pub struct ReadOptions<'a> {
    /// Keep each edge's rows as (byte start, byte end) in `edges.csv`.
    pub spans: bool,
    /// Compute [`CsvGraph::digest`], the content id of the two files.
    pub digest: bool,
    /// Entities edges may name that `nodes.csv` does not: those of the store
    /// being imported into.
    pub known: Option<KnownKind<'a>>,
}

/// A graph read from CSV: entities in id order, edges sorted by (source,
/// relation, target) with duplicates merged.
#[derive(Debug, Default)]
pub struct CsvGraph {
    pub nodes_path: PathBuf,
    pub edges_path: PathBuf,
    /// Entity ids, sorted.
    pub ids: Strings,
    pub labels: Strings,
    pub kinds: Vec<u8>,
    /// Entities that only the store knows (named by edges, not in nodes.csv).
    pub external: Vec<bool>,
    pub src: Vec<u32>,
    pub dst: Vec<u32>,
    pub rel: Vec<u8>,
    /// With [`ReadOptions::spans`]: the rows behind edge `i` are
    /// `spans[span_start[i]..span_start[i + 1]]`.
    pub span_start: Vec<u32>,
    pub spans: Vec<(u64, u64)>,
    /// With [`ReadOptions::digest`]: the first 16 hex digits of the SHA-256 of
    /// nodes.csv followed by edges.csv.
    pub digest: String,
    /// Rows in edges.csv, duplicates included.
    pub edge_rows: usize,
}

impl CsvGraph {
    pub fn kind(&self, v: u32) -> EntityKind {
        EntityKind::ALL[self.kinds[v as usize] as usize]
    }

    pub fn relation(&self, e: usize) -> RelationKind {
        RelationKind::ALL[self.rel[e] as usize]
    }

    /// The rows (byte spans in edges.csv) behind edge `e`.
    pub fn spans_of(&self, e: usize) -> &[(u64, u64)] {
        if self.span_start.is_empty() {
            return &[];
        }
        &self.spans[self.span_start[e] as usize..self.span_start[e + 1] as usize]
    }

    /// The columns [`CsvGraph::into_index`] takes, copied (no spans), so
    /// the index can be built while this graph is still written out.
    pub fn index_copy(&self) -> CsvGraph {
        CsvGraph {
            ids: self.ids.clone(),
            labels: self.labels.clone(),
            kinds: self.kinds.clone(),
            src: self.src.clone(),
            dst: self.dst.clone(),
            rel: self.rel.clone(),
            edge_rows: self.edge_rows,
            ..CsvGraph::default()
        }
    }

    /// The index for path queries, with `article` as the source of every edge.
    pub fn into_index(self, article: Option<ArticleRef>) -> GraphIndex {
        GraphIndex::from_columns(Columns {
            ids: self.ids,
            names: self.labels,
            kinds: self.kinds,
            node_dates: Vec::new(),
            alias_node: Vec::new(),
            aliases: Strings::new(),
            edge_src: self.src,
            edge_dst: self.dst,
            edge_rel: self.rel,
            edge_weight: Vec::new(),
            edge_date: Vec::new(),
            edge_article: Vec::new(),
            sentences: Strings::new(),
            articles: article.into_iter().collect(),
            evidence: self.edge_rows as u64,
            ..Columns::default()
        })
    }
}

/// Rows of one part of a file, parsed by one thread.
#[derive(Debug, Default, PartialEq)]
struct Part<T> {
    rows: T,
    errors: Vec<RowError>,
    error_count: usize,
    /// Lines in this part (the next part's line numbers start after them).
    lines: u64,
    /// What to add to a line number in this part to make it the file's.
    base: u64,
}

impl<T> Part<T> {
    fn new(rows: T) -> Part<T> {
        Part {
            rows,
            errors: Vec::new(),
            error_count: 0,
            lines: 0,
            base: 0,
        }
    }

    /// What the row `read` gave is: its line, one to pass over (a blank
    /// line, or a bad one, recorded as an error), or the end of the part.
    fn row_line(
        &mut self,
        path: &Path,
        read: csv::Result<bool>,
        record: &csv::ByteRecord,
        widths: (usize, usize),
        lines: &mut LineCounter<'_>,
    ) -> RowLine {
        let line = match read {
            Ok(false) => return RowLine::End,
            Ok(true) => lines.line_at(record.position().map_or(0, |p| p.byte())),
            Err(e) => {
                let l = lines.line_at(e.position().map_or(0, |p| p.byte()));
                self.error(path, l, format!("unreadable CSV: {e}"));
                return RowLine::Skip;
            }
        };
        let blank = record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty);
        self.shape(path, line, record.len(), blank, widths)
    }

    /// Whether a row of `len` fields at `line` is one to read: a blank line
    /// is passed over, a row without the `need`ed columns or with more than the
    /// header's `width` recorded as an error.
    fn shape(
        &mut self,
        path: &Path,
        line: u64,
        len: usize,
        blank: bool,
        (need, width): (usize, usize),
    ) -> RowLine {
        if blank {
            return RowLine::Skip;
        }
        if len < need {
            self.error(path, line, format!("expected {need} columns, found {len}"));
            return RowLine::Skip;
        }
        if len > width {
            self.error(
                path,
                line,
                format!("{len} fields, more than the header's {width} columns"),
            );
            return RowLine::Skip;
        }
        RowLine::At(line)
    }

    fn error(&mut self, path: &Path, line: u64, message: String) {
        self.error_count += 1;
        if self.errors.len() < ROWS_SHOWN {
            self.errors.push(RowError {
                path: path.to_path_buf(),
                line,
                message,
            });
        }
    }
}

/// Line numbers of rows in a chunk, from their byte offsets. The `csv`
/// reader's own count dates a row after empty lines from the first of them,
/// and counts CRLF line ends short; a user opening the file at the line an
/// error names must find the row.
struct LineCounter<'c> {
    chunk: &'c [u8],
    /// A byte offset already counted, and the line it is on.
    at: usize,
    line: u64,
}

impl<'c> LineCounter<'c> {
    fn new(chunk: &'c [u8]) -> LineCounter<'c> {
        LineCounter {
            chunk,
            at: 0,
            line: 1,
        }
    }

    /// The line of the row the reader says starts at `byte` (the end of the
    /// row before it, so line ends are passed over first). Offsets must not
    /// decrease from one call to the next.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = (byte as usize).clamp(self.at, self.chunk.len());
        while matches!(self.chunk.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let ends = self.chunk[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += ends as u64;
        self.at = start;
        self.line
    }

    /// Line ends in the whole chunk: what the next part's lines start after.
    fn line_ends(&self) -> u64 {
        self.chunk.iter().filter(|&&b| b == b'\n').count() as u64
    }
}

/// See [`Part::row_line`].
enum RowLine {
    At(u64),
    Skip,
    End,
}

/// Entity rows of one part of nodes.csv.
#[derive(Debug, Default, PartialEq)]
struct NodeRows {
    ids: Strings,
    labels: Strings,
    kinds: Vec<u8>,
    lines: Vec<u64>,
    /// Rows whose id had no `kind:` prefix (it was added).
    prefixed: Vec<u32>,
}

/// One edge row: ends as numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
struct EdgeRow {
    src: u32,
    dst: u32,
    rel: u8,
}

/// Reads and checks both files; see the module docs.
pub fn read(
    nodes: &Path,
    edges: &Path,
    options: &ReadOptions<'_>,
) -> Result<CsvGraph, ImportError> {
    let read_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Read { path, source }
    };
    let node_bytes = read_whole(nodes).map_err(read_err(nodes))?;
    let edge_bytes = read_whole(edges).map_err(read_err(edges))?;
    // The content id is hashed on a thread of its own while both files are
    // parsed (it takes longer than the entities alone).
    std::thread::scope(|scope| {
        let digest = scope.spawn(|| content_id(&node_bytes, &edge_bytes, options.digest));
        let graph = parse(nodes, edges, &node_bytes, &edge_bytes, options);
        let digest = digest
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        graph.map(|graph| CsvGraph { digest, ..graph })
    })
}

/// The first 16 hex digits of the SHA-256 of `nodes`, a separator and
/// `edges`; empty when not `wanted`.
fn content_id(nodes: &[u8], edges: &[u8], wanted: bool) -> String {
    if !wanted {
        return String::new();
    }
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(nodes);
    h.update(b"\n--edges--\n");
    h.update(edges);
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// [`read`] of the files' bytes, without the content id.
fn parse(
    nodes: &Path,
    edges: &Path,
    node_bytes: &[u8],
    edge_bytes: &[u8],
    options: &ReadOptions<'_>,
) -> Result<CsvGraph, ImportError> {
    // Entities: parsed in parts, then one table of ids.
    let head = header(nodes, node_bytes, &["id", "kind", "label"])?;
    unterminated_quote(nodes, node_bytes, head.body)?;
    let parts = parse_parts(node_bytes, head.body, |chunk, first_line, _offset| {
        parse_nodes(nodes, chunk, first_line, &head)
    });
    let mut errors: Vec<RowError> = Vec::new();
    let mut total = 0usize;
    let rows = gather_nodes(parts, &mut errors, &mut total);
    errors.truncate(ROWS_SHOWN);
    let n_rows = rows.ids.len();
    if n_rows >= u32::MAX as usize - 1 {
        return Err(ImportError::TooLarge {
            path: nodes.to_path_buf(),
        });
    }
    let table = id_table(nodes, &rows, &mut errors, &mut total);
    // Bare ids (given without `kind:`) as edges may name them.
    let bare = bare_ids(&rows);

    // Edges: parsed and looked up in parts.
    let edge_head = header(edges, edge_bytes, &["source", "target", "relation"])?;
    unterminated_quote(edges, edge_bytes, edge_head.body)?;
    let lookup = Lookup {
        table: &table,
        ids: &rows.ids,
        bare: &bare,
        kinds: &rows.kinds,
        known: options.known,
    };
    let spans = options.spans;
    let parts = parse_parts(edge_bytes, edge_head.body, |chunk, first_line, offset| {
        parse_edges(edges, chunk, first_line, offset, &edge_head, &lookup, spans)
    });
    let n_file = n_rows as u32;
    let gathered = gather_edges(parts, n_file, &mut errors, &mut total);
    let (edge_rows, edge_spans, externals, external_kinds) = gathered;
    if total > 0 {
        errors.sort_by_key(|e| (e.path != nodes, e.line));
        return Err(ImportError::Rows { errors, total });
    }
    drop(table);
    drop(bare);
    let edge_count_rows = edge_rows.len();
    if edge_count_rows >= u32::MAX as usize - 1 {
        return Err(ImportError::TooLarge {
            path: edges.to_path_buf(),
        });
    }

    let n = n_rows + externals.len();
    let (rank, numbered) = number_entities(rows, &externals, &external_kinds);
    let Numbered {
        ids,
        labels,
        kinds,
        external,
    } = numbered;

    // Edges in (source, relation, target) order, symmetric ones lower id
    // first, duplicates merged: one sort of packed keys.
    let wide = n >= 1 << 30;
    let key = |r: &EdgeRow| -> (u32, u8, u32) {
        let (mut s, mut t) = (rank[r.src as usize], rank[r.dst as usize]);
        if RelationKind::ALL[r.rel as usize].is_symmetric() && t < s {
            std::mem::swap(&mut s, &mut t);
        }
        (s, r.rel, t)
    };
    let pack =
        |(s, r, t): (u32, u8, u32)| (u64::from(s) << 34) | (u64::from(r) << 30) | u64::from(t);
    let unpack = |k: u64| {
        (
            (k >> 34) as u32,
            ((k >> 30) & 0xf) as u8,
            (k & ((1 << 30) - 1)) as u32,
        )
    };
    let mut graph = CsvGraph {
        nodes_path: nodes.to_path_buf(),
        edges_path: edges.to_path_buf(),
        ids,
        labels,
        kinds,
        external,
        edge_rows: edge_count_rows,
        ..CsvGraph::default()
    };
    let push =
        |graph: &mut CsvGraph, k: (u32, u8, u32), prev: &mut Option<(u32, u8, u32)>| -> bool {
            if *prev == Some(k) {
                return false;
            }
            graph.src.push(k.0);
            graph.rel.push(k.1);
            graph.dst.push(k.2);
            *prev = Some(k);
            true
        };
    let mut prev = None;
    if !spans && !wide {
        let mut keys: Vec<u64> = edge_rows.iter().map(|r| pack(key(r))).collect();
        drop(edge_rows);
        keys.par_sort_unstable();
        graph.src.reserve_exact(keys.len());
        graph.dst.reserve_exact(keys.len());
        graph.rel.reserve_exact(keys.len());
        for &k in &keys {
            push(&mut graph, unpack(k), &mut prev);
        }
    } else {
        const _: () = assert!(RelationKind::ALL.len() <= 16);
        // (key, row) packed in one number whose order is theirs: source,
        // relation (under 16 kinds), target, row, 32 bits each but the
        // relation's 4. One comparison of integers sorts faster than tuples.
        let keyed_of = |(s, r, t): (u32, u8, u32), i: usize| {
            (u128::from(s) << 68) | (u128::from(r) << 64) | (u128::from(t) << 32) | i as u128
        };
        let mut keyed: Vec<u128> = edge_rows
            .iter()
            .enumerate()
            .map(|(i, r)| keyed_of(key(r), i))
            .collect();
        drop(edge_rows);
        keyed.par_sort_unstable();
        // Sized once (rows given twice make an edge fewer): grown by
        // doubling, the columns were copied and faulted in again and again.
        graph.src.reserve_exact(keyed.len());
        graph.dst.reserve_exact(keyed.len());
        graph.rel.reserve_exact(keyed.len());
        if spans {
            graph.span_start.reserve_exact(keyed.len() + 1);
            graph.spans.reserve_exact(keyed.len());
        }
        for &ki in &keyed {
            let k = (
                (ki >> 68) as u32,
                ((ki >> 64) & 0xf) as u8,
                (ki >> 32) as u32,
            );
            let i = ki as u32;
            if push(&mut graph, k, &mut prev) && spans {
                graph.span_start.push(graph.spans.len() as u32);
            }
            if spans {
                graph.spans.push(edge_spans[i as usize]);
            }
        }
        if spans {
            graph.span_start.push(graph.spans.len() as u32);
        }
    }
    Ok(graph)
}

/// The entity rows of every part as one [`NodeRows`], with line numbers and
/// row numbers made the file's; the parts' errors are added to `errors` and
/// counted in `total`.
fn gather_nodes(
    parts: Vec<Part<NodeRows>>,
    errors: &mut Vec<RowError>,
    total: &mut usize,
) -> NodeRows {
    let mut rows = NodeRows::default();
    for part in parts {
        *total += part.error_count;
        errors.extend(part.errors);
        let base = rows.ids.len() as u32;
        let p = part.rows;
        if rows.ids.is_empty() {
            rows.ids = p.ids;
            rows.labels = p.labels;
        } else {
            rows.ids.append(&p.ids);
            rows.labels.append(&p.labels);
        }
        rows.kinds.extend(p.kinds);
        rows.lines.extend(p.lines.iter().map(|l| l + part.base));
        rows.prefixed.extend(p.prefixed.iter().map(|i| i + base));
    }
    rows
}

/// The table of entity ids, each row's id inserted in batches; a repeated id
/// is an error (added to `errors` and counted in `total`).
fn id_table(
    nodes: &Path,
    rows: &NodeRows,
    errors: &mut Vec<RowError>,
    total: &mut usize,
) -> IdTable {
    let n_rows = rows.ids.len();
    let mut table = IdTable::with_capacity(n_rows);
    let mut hashes = [0u64; BATCH];
    for i in 0..n_rows {
        // A batch's slots are loaded together, ahead of its inserts.
        let b = i % BATCH;
        if b == 0 {
            let ahead = (n_rows - i).min(BATCH);
            for (j, h) in hashes[..ahead].iter_mut().enumerate() {
                *h = hash(rows.ids.get(i + j).as_bytes());
            }
            table.touch(&hashes[..ahead]);
        }
        let id = rows.ids.get(i);
        if let Some(first) = table.insert_hashed(id, hashes[b], i as u32, &rows.ids) {
            *total += 1;
            if errors.len() < ROWS_SHOWN {
                errors.push(RowError {
                    path: nodes.to_path_buf(),
                    line: rows.lines[i],
                    message: format!(
                        "duplicate id {id:?} (first on line {})",
                        rows.lines[first as usize]
                    ),
                });
            }
        }
    }
    table
}

/// The ids given without `kind:` prefix, without it, each with its row (or
/// `u32::MAX` when two kinds share it).
fn bare_ids(rows: &NodeRows) -> Bare {
    let mut bare = Bare {
        ids: Strings::new(),
        node: Vec::new(),
        table: IdTable::with_capacity(rows.prefixed.len()),
    };
    for &i in &rows.prefixed {
        let kind = EntityKind::ALL[rows.kinds[i as usize] as usize];
        let raw = &rows.ids.get(i as usize)[kind.as_str().len() + 1..];
        let b = bare.ids.push(raw);
        if bare.table.insert(raw, b, &bare.ids).is_none() {
            bare.node.push(i);
        } else {
            bare.node.push(u32::MAX);
        }
    }
    bare
}

/// What [`gather_edges`] returns: the edge rows, their spans, and the ends
/// only the store knows (ids and kinds).
type GatheredEdges = (Vec<EdgeRow>, Vec<(u64, u64)>, Vec<String>, Vec<EntityKind>);

/// The edge rows of every part in one list (with their spans), ends that
/// only the store knows numbered after the file's `n_file` entities; the
/// parts' errors are added to `errors` and counted in `total`.
fn gather_edges(
    parts: Vec<Part<EdgeRows>>,
    n_file: u32,
    errors: &mut Vec<RowError>,
    total: &mut usize,
) -> GatheredEdges {
    let mut externals: Vec<String> = Vec::new();
    let mut external_kinds: Vec<EntityKind> = Vec::new();
    let mut external_number: HashMap<String, u32> = HashMap::new();
    let mut edge_rows: Vec<EdgeRow> = Vec::new();
    let mut edge_spans: Vec<(u64, u64)> = Vec::new();
    for part in parts {
        *total += part.error_count;
        for e in part.errors {
            if errors.len() < ROWS_SHOWN {
                errors.push(e);
            }
        }
        let EdgeRows {
            edges: part_edges,
            spans: part_spans,
            externals: part_ext,
        } = part.rows;
        let first = edge_rows.len();
        // The first part's columns are kept and grown (a large buffer grows
        // without a copy), not copied.
        if edge_rows.is_empty() {
            edge_rows = part_edges;
            edge_spans = part_spans;
        } else {
            edge_rows.extend(part_edges);
            edge_spans.extend(part_spans);
        }
        // Ends only the store knows get numbers after the file's entities.
        for (row, is_source, id, kind) in part_ext {
            let next = n_file + externals.len() as u32;
            let number = *external_number.entry(id.clone()).or_insert_with(|| {
                externals.push(id);
                external_kinds.push(kind);
                next
            });
            let r = &mut edge_rows[first + row as usize];
            if is_source {
                r.src = number;
            } else {
                r.dst = number;
            }
        }
    }
    (edge_rows, edge_spans, externals, external_kinds)
}

/// The entities' columns in id order.
struct Numbered {
    ids: Strings,
    labels: Strings,
    kinds: Vec<u8>,
    external: Vec<bool>,
}

/// Numbers the file's entities and then the `externals` in id order: each
/// old number's new one, and the columns in the new order.
fn number_entities(
    rows: NodeRows,
    externals: &[String],
    external_kinds: &[EntityKind],
) -> (Vec<u32>, Numbered) {
    let n_rows = rows.ids.len();
    // Number the entities in id order: sort by the first 20 bytes (longer
    // than most ids, `official:o1234567` is 17), then, for ties, whole ids.
    let n = n_rows + externals.len();
    let id_of = |i: usize| -> &str {
        if i < n_rows {
            rows.ids.get(i)
        } else {
            &externals[i - n_rows]
        }
    };
    let mut keyed: Vec<(u128, u64)> = (0..n)
        .map(|i| {
            let b = id_of(i).as_bytes();
            let mut k = [0u8; 20];
            let m = b.len().min(20);
            k[..m].copy_from_slice(&b[..m]);
            let (hi, lo) = k.split_at(16);
            let mut hi_k = [0u8; 16];
            hi_k.copy_from_slice(hi);
            let mut lo_k = [0u8; 4];
            lo_k.copy_from_slice(lo);
            let lo = (u64::from(u32::from_be_bytes(lo_k)) << 32) | i as u64;
            (u128::from_be_bytes(hi_k), lo)
        })
        .collect();
    keyed.par_sort_unstable_by(|x, y| {
        x.0.cmp(&y.0)
            .then((x.1 >> 32).cmp(&(y.1 >> 32)))
            .then_with(|| id_of(x.1 as u32 as usize).cmp(id_of(y.1 as u32 as usize)))
    });
    let mut rank = vec![0u32; n];
    for (new, &(_, lo)) in keyed.iter().enumerate() {
        rank[lo as u32 as usize] = new as u32;
    }
    let ext_text: usize = externals.iter().map(String::len).sum();
    let mut ids = Strings::with_capacity(n, rows.ids.text_len() + ext_text);
    let mut labels = Strings::with_capacity(n, rows.labels.text_len());
    let mut kinds = Vec::with_capacity(n);
    let mut external = Vec::with_capacity(n);
    for &(_, lo) in &keyed {
        let old = lo as u32 as usize;
        ids.push(id_of(old));
        if old < n_rows {
            labels.push(rows.labels.get(old));
            kinds.push(rows.kinds[old]);
            external.push(false);
        } else {
            labels.push("");
            kinds.push(external_kinds[old - n_rows] as u8);
            external.push(true);
        }
    }
    drop(keyed);
    drop(rows);
    (
        rank,
        Numbered {
            ids,
            labels,
            kinds,
            external,
        },
    )
}

/// A whole file, as [`std::fs::read`] gives it, read in one part per core:
/// most of the time goes to faulting in and filling the new buffer's pages,
/// which cores do side by side.
fn read_whole(path: &Path) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let file = std::fs::File::open(path)?;
        let len = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        if len >= 1 << 24 && cores > 1 && len < usize::MAX {
            let mut bytes = vec![0u8; len];
            let part = len.div_ceil(cores);
            let read = std::thread::scope(|scope| {
                let handles: Vec<_> = bytes
                    .chunks_mut(part)
                    .enumerate()
                    .map(|(i, chunk)| {
                        let file = &file;
                        scope.spawn(move || file.read_exact_at(chunk, (i * part) as u64))
                    })
                    .collect();
                handles
                    .into_iter()
                    .try_for_each(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            });
            // A file that changed size while read is read again, whole.
            let mut probe = [0u8; 1];
            if read.is_ok() && file.read_at(&mut probe, len as u64)? == 0 {
                return Ok(bytes);
            }
        }
    }
    std::fs::read(path)
}

/// Ids given without their `kind:` prefix, as edges may still name them.
struct Bare {
    ids: Strings,
    node: Vec<u32>,
    table: IdTable,
}

impl Header {
    /// The fields a row needs (to reach every wanted column) and may have.
    fn widths(&self) -> (usize, usize) {
        let need = self.columns.iter().max().map_or(0, |m| m + 1);
        (need, self.width)
    }
}

/// Refuses a file with a quoted field that never closes: the `csv` reader
/// would read every row after it into that one field.
fn unterminated_quote(path: &Path, bytes: &[u8], body: usize) -> Result<(), ImportError> {
    let Some(open) = open_quote_at_end(&bytes[body..]) else {
        return Ok(());
    };
    let line = 1 + bytes[..body + open].iter().filter(|&&b| b == b'\n').count() as u64;
    Err(ImportError::Rows {
        errors: vec![RowError {
            path: path.to_path_buf(),
            line,
            message: "unterminated quoted field".to_string(),
        }],
        total: 1,
    })
}

/// The offset of the quote that opens a field still open at the end of
/// `data`. A quote opens a field only as its first byte (elsewhere it is
/// text, as the `csv` reader takes it), and `""` inside a quoted field is a
/// quote that closes nothing. Only the quotes are visited (a file without
/// any, the usual one, is one `memchr`).
fn open_quote_at_end(data: &[u8]) -> Option<usize> {
    let next_quote = |from: usize| {
        data.get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == b'"'))
            .map(|i| from + i)
    };
    if !data.contains(&b'"') {
        return None;
    }
    let mut from = 0;
    loop {
        // Outside a quoted field: the next quote that starts a field opens one.
        let open = loop {
            let q = next_quote(from)?;
            if q == 0 || matches!(data[q - 1], b',' | b'\n' | b'\r') {
                break q;
            }
            from = q + 1;
        };
        // Inside: `""` is a quote in the text (the field stays open from
        // the second one); a lone quote closes it.
        let mut open = open;
        loop {
            let Some(q) = next_quote(open + 1) else {
                return Some(open);
            };
            if data.get(q + 1) == Some(&b'"') {
                open = q + 1;
            } else {
                from = q + 1;
                break;
            }
        }
    }
}

/// What the header row of a file says.
struct Header {
    /// Where the body starts.
    body: usize,
    /// Each wanted column's position.
    columns: Vec<usize>,
    /// How many columns the header names: no row may have more.
    width: usize,
}

/// Checks the header row and returns where the body starts and, for each
/// wanted column, its position.
fn header(path: &Path, bytes: &[u8], wanted: &[&str]) -> Result<Header, ImportError> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| i + 1);
    let line = &bytes[..end];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(line);
    let mut record = csv::StringRecord::new();
    let found: Vec<String> = match reader.read_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|f| f.trim_start_matches('\u{feff}').to_string())
            .collect(),
        _ => Vec::new(),
    };
    let columns: Option<Vec<usize>> = wanted
        .iter()
        .map(|w| found.iter().position(|f| f.eq_ignore_ascii_case(w)))
        .collect();
    match columns {
        Some(columns) => Ok(Header {
            body: end,
            columns,
            width: found.len(),
        }),
        None => Err(ImportError::Header {
            path: path.to_path_buf(),
            expected: wanted.join(","),
            found: String::from_utf8_lossy(line).trim_end().to_string(),
        }),
    }
}

/// Splits `bytes[body..]` into one part per core at record ends and parses
/// each on its own thread: `parse(chunk, first line number, byte offset)`.
fn parse_parts<'a, T, F>(bytes: &'a [u8], body: usize, parse: F) -> Vec<Part<T>>
where
    T: Send + Default,
    F: Fn(&'a [u8], u64, u64) -> Part<T> + Sync,
{
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let data = &bytes[body..];
    let parts = if data.len() < 1 << 20 { 1 } else { cores };
    let mut bounds = vec![0usize];
    let quoted = data.contains(&b'"');
    for p in 1..parts {
        let want = data.len() * p / parts;
        let cut = record_end_after(data, want.max(*bounds.last().unwrap_or(&0)), quoted);
        bounds.push(cut);
    }
    bounds.push(data.len());
    bounds.dedup();
    let chunks: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    let parse = &parse;
    let mut results: Vec<Part<T>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .skip(1)
            .map(|&(s, e)| scope.spawn(move || parse(&data[s..e], 0, (body + s) as u64)))
            .collect();
        let mut out = Vec::with_capacity(chunks.len());
        if let Some(&(s, e)) = chunks.first() {
            out.push(parse(&data[s..e], 0, (body + s) as u64));
        }
        for h in handles {
            out.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out
    });
    if chunks.is_empty() {
        results.push(Part::new(T::default()));
    }
    // Line numbers: the header is line 1.
    let mut base = 1u64;
    for part in &mut results {
        for e in &mut part.errors {
            e.line += base;
        }
        part.base = base;
        base += part.lines;
    }
    results
}

/// The index just past the first record end at or after `at`: a newline
/// outside quotes (an even number of `"` before it).
fn record_end_after(data: &[u8], at: usize, quoted: bool) -> usize {
    let mut quotes = if quoted {
        data[..at].iter().filter(|&&b| b == b'"').count()
    } else {
        0
    };
    let mut i = at;
    while i < data.len() {
        match data[i] {
            b'"' => quotes += 1,
            b'\n' if quotes % 2 == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    data.len()
}

fn reader(chunk: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(chunk)
}

/// Field `i` of a record as text, or the row's error.
fn field(record: &csv::ByteRecord, i: usize) -> Result<&str, String> {
    std::str::from_utf8(record.get(i).unwrap_or_default()).map_err(|e| {
        format!(
            "not valid UTF-8 (byte {} of column {})",
            e.valid_up_to() + 1,
            i + 1
        )
    })
}

fn parse_nodes(path: &Path, chunk: &[u8], _first: u64, head: &Header) -> Part<NodeRows> {
    match simple(chunk) {
        Some(text) => nodes_simple(path, text, head),
        None => nodes_csv(path, chunk, head),
    }
}

fn node_part(chunk: &[u8]) -> Part<NodeRows> {
    let rows_guess = chunk.len() / 48;
    Part::new(NodeRows {
        ids: Strings::with_capacity(rows_guess, chunk.len() / 2),
        labels: Strings::with_capacity(rows_guess, chunk.len() / 2),
        ..NodeRows::default()
    })
}

/// [`parse_nodes`] of a [`simple`] chunk.
fn nodes_simple(path: &Path, text: &str, head: &Header) -> Part<NodeRows> {
    let mut part = node_part(text.as_bytes());
    let (cols, widths) = (&head.columns, head.widths());
    let mut prefixed = String::new();
    // One field past the header's is kept, to see a row that has too many.
    part.lines = simple_rows(text, widths.1 + 1, |line_no, _, _, fields| {
        let blank = fields.len() == 1 && fields[0].is_empty();
        if let RowLine::At(line_no) = part.shape(path, line_no, fields.len(), blank, widths) {
            let row = node_row(
                &mut part.rows,
                fields[cols[0]],
                fields[cols[1]],
                fields[cols[2]],
                &mut prefixed,
            );
            part.add_node(path, line_no, row);
        }
    });
    part
}

/// [`parse_nodes`] of any chunk, by the `csv` reader.
fn nodes_csv(path: &Path, chunk: &[u8], head: &Header) -> Part<NodeRows> {
    let mut part = node_part(chunk);
    let (cols, widths) = (&head.columns, head.widths());
    let mut prefixed = String::new();
    let mut rdr = reader(chunk);
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter::new(chunk);
    loop {
        let read = rdr.read_byte_record(&mut record);
        let line_no = match part.row_line(path, read, &record, widths, &mut lines) {
            RowLine::At(line) => line,
            RowLine::Skip => continue,
            RowLine::End => break,
        };
        let row = (|| {
            let id = field(&record, cols[0])?;
            let kind_text = field(&record, cols[1])?;
            let label = field(&record, cols[2])?;
            node_row(&mut part.rows, id, kind_text, label, &mut prefixed)
        })();
        part.add_node(path, line_no, row);
    }
    part.lines = lines.line_ends();
    part
}

/// Checks an entity row and keeps its id (with its `kind:` prefix) and
/// label: whether the id came without the prefix, and the kind.
fn node_row(
    rows: &mut NodeRows,
    id: &str,
    kind_text: &str,
    label: &str,
    prefixed: &mut String,
) -> Result<(bool, EntityKind), String> {
    let kind = EntityKind::parse(kind_text).ok_or_else(|| {
        format!(
            "unknown kind {kind_text:?}; expected one of {}",
            EntityKind::ALL.map(EntityKind::as_str).join(", ")
        )
    })?;
    if id.is_empty() {
        return Err("empty id".into());
    }
    if id.contains('\0') || label.contains('\0') {
        return Err(format!(
            "a NUL byte in the id or label of {:?}",
            id.replace('\0', "\\0")
        ));
    }
    if label.is_empty() {
        return Err(format!("empty label for {id:?}"));
    }
    let was_bare = match id.split_once(':') {
        Some((prefix, slug)) if prefix == kind.as_str() && !slug.is_empty() => {
            rows.ids.push(id);
            false
        }
        Some((prefix, _)) => {
            return Err(format!(
                "id {id:?} says kind {prefix:?} but the kind column says {kind}"
            ))
        }
        None => {
            prefixed.clear();
            prefixed.push_str(kind.as_str());
            prefixed.push(':');
            prefixed.push_str(id);
            rows.ids.push(prefixed);
            true
        }
    };
    rows.labels.push(label);
    Ok((was_bare, kind))
}

impl Part<NodeRows> {
    /// Records what [`node_row`] made of the row at `line_no`.
    fn add_node(&mut self, path: &Path, line_no: u64, row: Result<(bool, EntityKind), String>) {
        match row {
            Ok((was_bare, kind)) => {
                if was_bare {
                    self.rows.prefixed.push(self.rows.kinds.len() as u32);
                }
                self.rows.kinds.push(kind as u8);
                self.rows.lines.push(line_no);
            }
            Err(message) => self.error(path, line_no, message),
        }
    }
}

/// The text of a chunk the rows of which can be split by hand: one with no
/// quote (so no field holds a comma or a line end) and no carriage return
/// (so every line ends at `\n`), in valid UTF-8 (so every field is text).
/// Such a chunk splits into exactly the rows and fields the `csv` reader
/// finds, without its costs per row (a record copied to be trimmed, each
/// field checked as UTF-8 on its own); any other goes through the reader.
fn simple(chunk: &[u8]) -> Option<&str> {
    if chunk.contains(&b'"') || chunk.contains(&b'\r') {
        return None;
    }
    std::str::from_utf8(chunk).ok()
}

/// Calls `row(line number, byte offset, length, fields)` for each line of a
/// [`simple`] chunk, with its first `width` fields (fewer when the line has
/// fewer) trimmed as [`csv::Trim::All`] trims them (ASCII whitespace); returns
/// the number of lines as the `csv` reader counts them (its line ends).
///
/// Line numbers are where each row is, as [`LineCounter`] counts them for
/// the reader.
///
/// One pass over the bytes: lines are too short for a search per delimiter to pay.
fn simple_rows<'t>(
    text: &'t str,
    width: usize,
    mut row: impl FnMut(u64, usize, usize, &[&'t str]),
) -> u64 {
    let bytes = text.as_bytes();
    let mut fields: Vec<&'t str> = Vec::with_capacity(width);
    let mut line_no = 0;
    let mut start = 0;
    while start < bytes.len() {
        line_no += 1;
        fields.clear();
        let mut field = start;
        let mut end = bytes.len();
        for (i, &b) in bytes.iter().enumerate().skip(start) {
            if b == b'\n' {
                end = i;
                break;
            }
            if b == b',' {
                if fields.len() < width {
                    fields.push(text[field..i].trim_ascii());
                }
                field = i + 1;
            }
        }
        if end > start {
            if fields.len() < width {
                fields.push(text[field..end].trim_ascii());
            }
            row(line_no, start, end - start, &fields);
        }
        start = end + 1;
    }
    line_no - u64::from(!text.is_empty() && !text.ends_with('\n'))
}

struct Lookup<'m> {
    table: &'m IdTable,
    ids: &'m Strings,
    bare: &'m Bare,
    kinds: &'m [u8],
    known: Option<KnownKind<'m>>,
}

impl Lookup<'_> {
    /// The number and kind of the entity `id` (whose [`hash`] is `h`) names;
    /// `u32::MAX` for one only the store knows.
    #[inline]
    fn find(&self, id: &str, h: u64) -> Option<(u32, EntityKind)> {
        let found = self.table.get_hashed(id, h, self.ids).or_else(|| {
            self.bare
                .table
                .get_hashed(id, h, &self.bare.ids)
                .map(|b| self.bare.node[b as usize])
                .filter(|&n| n != u32::MAX)
        });
        if let Some(i) = found {
            return Some((i, EntityKind::ALL[self.kinds[i as usize] as usize]));
        }
        let kind = self.known.and_then(|k| k(id))?;
        Some((u32::MAX, kind))
    }
}

/// An edge row checked: the row, and the ids and kinds of ends only the store knows.
type CheckedEdge<'r> = (
    EdgeRow,
    Option<&'r str>,
    Option<&'r str>,
    EntityKind,
    EntityKind,
);

/// Edge rows of one part of edges.csv.
#[derive(Debug, Default, PartialEq)]
struct EdgeRows {
    edges: Vec<EdgeRow>,
    spans: Vec<(u64, u64)>,
    /// (row in this part, whether the source, id, kind) for ends only the store knows.
    externals: Vec<(u32, bool, String, EntityKind)>,
}

/// Edge rows read ahead of their lookups in a [`simple`] chunk: the misses
/// of a batch's lookups overlap (see [`IdTable::touch`]).
const BATCH: usize = 32;

/// An edge row of a [`simple`] chunk, split, its ends not yet looked up.
struct EdgeFields<'t> {
    line: u64,
    source: &'t str,
    target: &'t str,
    relation: &'t str,
    span: (u64, u64),
}

fn parse_edges(
    path: &Path,
    chunk: &[u8],
    _first: u64,
    offset: u64,
    head: &Header,
    lookup: &Lookup<'_>,
    spans: bool,
) -> Part<EdgeRows> {
    match simple(chunk) {
        Some(text) => edges_simple(path, text, offset, head, lookup, spans),
        None => edges_csv(path, chunk, offset, head, lookup, spans),
    }
}

fn edge_part(chunk: &[u8]) -> Part<EdgeRows> {
    Part::new(EdgeRows {
        edges: Vec::with_capacity(chunk.len() / 40),
        ..EdgeRows::default()
    })
}

/// [`parse_edges`] of a [`simple`] chunk.
fn edges_simple(
    path: &Path,
    text: &str,
    offset: u64,
    head: &Header,
    lookup: &Lookup<'_>,
    spans: bool,
) -> Part<EdgeRows> {
    let mut part = edge_part(text.as_bytes());
    let (cols, widths) = (&head.columns, head.widths());
    let mut batch: Vec<EdgeFields<'_>> = Vec::with_capacity(BATCH);
    let mut hashes: Vec<u64> = Vec::with_capacity(2 * BATCH);
    // One field past the header's is kept, to see a row that has too many.
    part.lines = simple_rows(text, widths.1 + 1, |line_no, start, len, fields| {
        let blank = fields.len() == 1 && fields[0].is_empty();
        if !blank && (fields.len() < widths.0 || fields.len() > widths.1) {
            // Rows are checked in line order: the errors kept are the first ones.
            part.add_batch(path, &mut batch, &mut hashes, lookup, spans);
        }
        if let RowLine::At(line_no) = part.shape(path, line_no, fields.len(), blank, widths) {
            let at = offset + start as u64;
            batch.push(EdgeFields {
                line: line_no,
                source: fields[cols[0]],
                target: fields[cols[1]],
                relation: fields[cols[2]],
                span: (at, at + len as u64),
            });
            if batch.len() == BATCH {
                part.add_batch(path, &mut batch, &mut hashes, lookup, spans);
            }
        }
    });
    part.add_batch(path, &mut batch, &mut hashes, lookup, spans);
    part
}

/// [`parse_edges`] of any chunk, by the `csv` reader.
fn edges_csv(
    path: &Path,
    chunk: &[u8],
    offset: u64,
    head: &Header,
    lookup: &Lookup<'_>,
    spans: bool,
) -> Part<EdgeRows> {
    let mut part = edge_part(chunk);
    let (cols, widths) = (&head.columns, head.widths());
    let mut rdr = reader(chunk);
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter::new(chunk);
    // The span of the last row is known when the next one starts.
    let mut pending: Option<u64> = None;
    loop {
        let at = rdr.position().byte();
        let ok = rdr.read_byte_record(&mut record);
        if let Some(start) = pending.take() {
            let (start, end) = row_span(chunk, start as usize, at as usize);
            part.rows
                .spans
                .push((offset + start as u64, offset + end as u64));
        }
        let line_no = match part.row_line(path, ok, &record, widths, &mut lines) {
            RowLine::At(line) => line,
            RowLine::Skip => continue,
            RowLine::End => break,
        };
        let row = (|| {
            let source = field(&record, cols[0])?;
            let target = field(&record, cols[1])?;
            let relation = field(&record, cols[2])?;
            let found = [source, target].map(|id| lookup.find(id, hash(id.as_bytes())));
            check_edge(source, target, relation, found)
        })();
        if part.add_edge(path, line_no, row) && spans {
            pending = Some(record.position().map_or(at, |p| p.byte()));
        }
    }
    if let Some(start) = pending {
        let (start, end) = row_span(chunk, start as usize, chunk.len());
        part.rows
            .spans
            .push((offset + start as u64, offset + end as u64));
    }
    part.lines = lines.line_ends();
    part
}

/// Checks an edge row: its relation, its ends (`found`, as
/// [`Lookup::find`] found them) and their kinds.
fn check_edge<'r>(
    source: &'r str,
    target: &'r str,
    rel_text: &str,
    found: [Option<(u32, EntityKind)>; 2],
) -> Result<CheckedEdge<'r>, String> {
    let relation = RelationKind::parse(rel_text).ok_or_else(|| {
        format!(
            "unknown relation {rel_text:?}; expected one of {}",
            RelationKind::ALL.map(RelationKind::as_str).join(", ")
        )
    })?;
    let (s, sk) =
        found[0].ok_or_else(|| format!("unknown source {source:?}: not in the nodes file"))?;
    let (t, tk) =
        found[1].ok_or_else(|| format!("unknown target {target:?}: not in the nodes file"))?;
    let (sources, targets) = relation.endpoints();
    if !sources.contains(&sk) || !targets.contains(&tk) {
        return Err(format!(
            "{relation} goes from {} to {}, not from {sk} to {tk}",
            kinds_text(sources),
            kinds_text(targets)
        ));
    }
    let row = EdgeRow {
        src: s,
        dst: t,
        rel: relation as u8,
    };
    Ok((
        row,
        (s == u32::MAX).then_some(source),
        (t == u32::MAX).then_some(target),
        sk,
        tk,
    ))
}

impl Part<EdgeRows> {
    /// Records what [`check_edge`] made of the row at `line_no`: whether it was good.
    fn add_edge(
        &mut self,
        path: &Path,
        line_no: u64,
        row: Result<CheckedEdge<'_>, String>,
    ) -> bool {
        match row {
            Ok((row, s_ext, t_ext, sk, tk)) => {
                let i = self.rows.edges.len() as u32;
                if let Some(id) = s_ext {
                    self.rows.externals.push((i, true, id.to_string(), sk));
                }
                if let Some(id) = t_ext {
                    self.rows.externals.push((i, false, id.to_string(), tk));
                }
                self.rows.edges.push(row);
                true
            }
            Err(message) => {
                self.error(path, line_no, message);
                false
            }
        }
    }

    /// Looks up the ends of the rows in `batch`, all their first slots
    /// loaded at once, checks the rows in order and empties the batch.
    fn add_batch(
        &mut self,
        path: &Path,
        batch: &mut Vec<EdgeFields<'_>>,
        hashes: &mut Vec<u64>,
        lookup: &Lookup<'_>,
        spans: bool,
    ) {
        hashes.clear();
        for (i, row) in batch.iter().enumerate() {
            // Rows of one source often follow each other: it is hashed,
            // loaded and looked up once.
            if i == 0 || batch[i - 1].source != row.source {
                hashes.push(hash(row.source.as_bytes()));
            }
            hashes.push(hash(row.target.as_bytes()));
        }
        lookup.table.touch(hashes);
        let mut hashes = hashes.iter();
        let mut last: Option<(&str, Option<(u32, EntityKind)>)> = None;
        for row in batch.drain(..) {
            let source = match last {
                Some((id, found)) if id == row.source => found,
                _ => lookup.find(row.source, hashes.next().copied().unwrap_or_default()),
            };
            last = Some((row.source, source));
            let target = lookup.find(row.target, hashes.next().copied().unwrap_or_default());
            let checked = check_edge(row.source, row.target, row.relation, [source, target]);
            if self.add_edge(path, row.line, checked) && spans {
                self.rows.spans.push(row.span);
            }
        }
    }
}

/// The span of a record between `start` and `end`, without the line ends on
/// either side (after `\r\n`, a record's position is that of the `\n`).
fn row_span(chunk: &[u8], mut start: usize, end: usize) -> (usize, usize) {
    let end = trim_end(chunk, start, end);
    while start < end && matches!(chunk[start], b'\n' | b'\r') {
        start += 1;
    }
    (start, end)
}

/// `end` moved back over the line terminator of the record starting at `start`.
fn trim_end(chunk: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(chunk[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lines of CSV without quotes or carriage returns: the ones [`simple`]
    /// chunks hold, with blank lines, padding, short and long rows, and ids,
    /// kinds and relations both known and not.
    fn lines(words: &'static [&'static str]) -> impl Strategy<Value = String> {
        let field = proptest::sample::select(words);
        let pad = proptest::sample::select(&["", " ", "\t", " \u{a0}"][..]);
        let cell = (pad.clone(), field, pad).prop_map(|(a, f, b)| format!("{a}{f}{b}"));
        let line = proptest::collection::vec(cell, 0..5).prop_map(|cells| cells.join(","));
        (proptest::collection::vec(line, 0..12), any::<bool>()).prop_map(|(lines, end)| {
            let mut text = lines.join("\n");
            if end {
                text.push('\n');
            }
            text
        })
    }

    const NODE_WORDS: &[&str] = &[
        "country:india",
        "india",
        "official:x",
        "official:",
        "x:y",
        "country",
        "official",
        "contry",
        "India",
        "Côte d'Ivoire",
        "",
    ];

    const EDGE_WORDS: &[&str] = &[
        "country:india",
        "japan",
        "official:x",
        "official:y",
        "official:z",
        "agreement:a",
        "represents",
        "party_to",
        "meets",
        "meet",
        "",
        "é",
    ];

    /// The header `a,b,c` naming the three columns in order.
    fn three_columns() -> Header {
        Header {
            body: 0,
            columns: vec![0, 1, 2],
            width: 3,
        }
    }

    /// [`open_quote_at_end`] one byte at a time, as it was first written.
    fn open_quote_byte_by_byte(data: &[u8]) -> Option<usize> {
        #[derive(Clone, Copy)]
        enum At {
            FieldStart,
            Unquoted,
            Quoted(usize),
            QuoteInQuoted,
        }
        let mut at = At::FieldStart;
        for (i, &b) in data.iter().enumerate() {
            let ends_field = matches!(b, b',' | b'\n' | b'\r');
            at = match (at, b) {
                (At::FieldStart, b'"') => At::Quoted(i),
                (At::Quoted(_), b'"') => At::QuoteInQuoted,
                (At::Quoted(open), _) => At::Quoted(open),
                (At::QuoteInQuoted, b'"') => At::Quoted(i),
                (_, _) if ends_field => At::FieldStart,
                _ => At::Unquoted,
            };
        }
        match at {
            At::Quoted(open) => Some(open),
            _ => None,
        }
    }

    proptest! {
        #[test]
        fn the_open_quote_is_found_as_a_byte_by_byte_scan_finds_it(
            data in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b',', b'"', b'\n', b'\r']), 0..40)
        ) {
            prop_assert_eq!(open_quote_at_end(&data), open_quote_byte_by_byte(&data));
        }
    }

    #[test]
    fn a_quote_left_open_is_found_where_it_opens() {
        for (data, open) in [
            ("a,b,c\n", None),
            ("a,\"b, \"\"x\"\"\",c\n", None),
            ("a,5\" gun,c\n", None),
            ("a,\"b,c\nd,e,f\n", Some(2)),
            ("a,b,c\n\"d,e\n", Some(6)),
        ] {
            assert_eq!(open_quote_at_end(data.as_bytes()), open, "{data:?}");
        }
    }

    #[test]
    fn a_row_after_an_empty_line_is_on_its_own_line_in_both_readers() {
        let path = Path::new("nodes.csv");
        let text = "\ncountry:india\n\n\nx,country,X\n";
        let simple_text = simple(text.as_bytes()).unwrap();
        let head = three_columns();
        let ours = nodes_simple(path, simple_text, &head);
        assert_eq!(ours, nodes_csv(path, text.as_bytes(), &head));
        assert_eq!(ours.errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2]);
        assert_eq!(ours.rows.lines, [5]);
        assert_eq!(ours.lines, 5);
    }

    proptest! {
        #[test]
        fn simple_nodes_read_as_the_csv_reader_reads_them(text in lines(NODE_WORDS)) {
            let path = Path::new("nodes.csv");
            let cols = three_columns();
            let simple_text = simple(text.as_bytes()).unwrap();
            prop_assert_eq!(
                nodes_simple(path, simple_text, &cols),
                nodes_csv(path, text.as_bytes(), &cols)
            );
        }

        #[test]
        fn simple_edges_read_as_the_csv_reader_reads_them(
            text in lines(EDGE_WORDS),
            spans in any::<bool>(),
            known in any::<bool>(),
        ) {
            let mut ids = Strings::new();
            let mut table = IdTable::with_capacity(4);
            let kinds = [
                EntityKind::Country as u8,
                EntityKind::Official as u8,
                EntityKind::Official as u8,
            ];
            for id in ["country:india", "official:x", "official:y"] {
                let i = ids.push(id);
                table.insert(id, i, &ids);
            }
            let mut bare = Bare {
                ids: Strings::new(),
                node: Vec::new(),
                table: IdTable::with_capacity(1),
            };
            bare.table.insert("india", bare.ids.push("india"), &bare.ids);
            bare.node.push(0);
            let store = |id: &str| {
                matches!(id, "japan" | "agreement:a").then_some(if id == "japan" {
                    EntityKind::Country
                } else {
                    EntityKind::Agreement
                })
            };
            let lookup = Lookup {
                table: &table,
                ids: &ids,
                bare: &bare,
                kinds: &kinds,
                known: known.then_some(&store as KnownKind<'_>),
            };
            let path = Path::new("edges.csv");
            let cols = three_columns();
            let simple_text = simple(text.as_bytes()).unwrap();
            prop_assert_eq!(
                edges_simple(path, simple_text, 7, &cols, &lookup, spans),
                edges_csv(path, text.as_bytes(), 7, &cols, &lookup, spans)
            );
        }
    }

    #[test]
    fn many_edges_fill_and_empty_batches_in_line_order() {
        let mut ids = Strings::new();
        let mut table = IdTable::with_capacity(2);
        for id in ["country:india", "official:x"] {
            let i = ids.push(id);
            table.insert(id, i, &ids);
        }
        let bare = Bare {
            ids: Strings::new(),
            node: Vec::new(),
            table: IdTable::with_capacity(0),
        };
        let kinds = [EntityKind::Country as u8, EntityKind::Official as u8];
        let lookup = Lookup {
            table: &table,
            ids: &ids,
            bare: &bare,
            kinds: &kinds,
            known: None,
        };
        // Good rows, bad ones and short ones across several batches.
        let mut text = String::new();
        for i in 0..5 * BATCH {
            text.push_str(match i % 7 {
                0 => "official:x,country:japan,represents\n",
                3 => "official:x\n",
                _ => "official:x,country:india,represents\n",
            });
        }
        let path = Path::new("edges.csv");
        let ours = edges_simple(path, &text, 0, &three_columns(), &lookup, true);
        assert_eq!(
            ours,
            edges_csv(path, text.as_bytes(), 0, &three_columns(), &lookup, true)
        );
        assert_eq!(ours.errors.len(), ROWS_SHOWN);
        assert_eq!(ours.errors[0].line, 1);
        assert_eq!(ours.errors[1].line, 4);
    }
}
