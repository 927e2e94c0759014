//! Writing a store of millions of entities as RON, fast: the schema of
//! [`crate::store`] (which reads it back unchanged), one entity and one
//! relation per line so the file still diffs cleanly, formatted on every core
//! and hashed while it is written so the snapshot beside it can name it.

use super::import::CsvGraph;
use super::index::csv_row;
use crate::graph::ArticleRecord;
use crate::store;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What identifies a store file's content: its length and SHA-256, and the
/// modification time it had when they were taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub len: u64,
    pub sha256: String,
    pub modified_ns: u128,
}

/// A file's modification time in nanoseconds since 1970, 0 when unknown.
pub fn modified_ns(path: &Path) -> u128 {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

impl FileDigest {
    /// The digest of `bytes`, read from a file modified at `modified_ns`
    /// (taken before reading, so a later change shows).
    pub fn of_bytes(bytes: &[u8], modified_ns: u128) -> FileDigest {
        FileDigest {
            len: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
            modified_ns,
        }
    }

    /// Reads `path` through and hashes it.
    pub fn of(path: &Path) -> std::io::Result<FileDigest> {
        let modified = modified_ns(path);
        let mut file = std::fs::File::open(path)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut len = 0u64;
        loop {
            let n = std::io::Read::read(&mut file, &mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            len += n as u64;
        }
        Ok(FileDigest {
            len,
            sha256: hex(&hasher.finalize()),
            modified_ns: modified,
        })
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether `s` needs no escaping in a RON string.
#[inline]
fn plain(s: &str) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
}

/// Appends `s` as a RON string literal, escaped exactly as `ron` escapes it
/// (`char::escape_debug`), so the file reads back to the same text.
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    if plain(s) {
        out.extend_from_slice(s.as_bytes());
    } else {
        let mut tmp = [0u8; 4];
        for c in s.chars().flat_map(char::escape_debug) {
            out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        }
    }
    out.push(b'"');
}

fn push_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// The store for an import into nothing: the graph read from CSV, every
/// relation with its rows as evidence from `article`. Written atomically to
/// `path`; returns the digest of what was written.
pub fn write_import(
    path: &Path,
    graph: &CsvGraph,
    article: &ArticleRecord,
    extractor: &str,
) -> std::io::Result<FileDigest> {
    let dir: PathBuf = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".graph-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    let file = tmp.as_file().try_clone()?;
    let mut out = Hashing {
        inner: std::io::BufWriter::with_capacity(1 << 20, file),
        hasher: Sha256::new(),
        len: 0,
    };
    let mut head = Vec::new();
    head.extend_from_slice(b"(\n  version: ");
    push_u64(&mut head, u64::from(store::SCHEMA_VERSION));
    head.extend_from_slice(b",\n  default_corpus: false,\n  extractor: ");
    push_str(&mut head, extractor);
    head.extend_from_slice(b",\n  articles: [\n    (id: ");
    push_str(&mut head, &article.id);
    head.extend_from_slice(b", path: ");
    push_str(&mut head, &article.path);
    head.extend_from_slice(b", title: ");
    push_str(&mut head, &article.title);
    head.extend_from_slice(b", date: ");
    match &article.date {
        Some(d) => {
            head.extend_from_slice(b"Some(");
            push_str(&mut head, d);
            head.push(b')');
        }
        None => head.extend_from_slice(b"None"),
    }
    head.extend_from_slice(b", extractor: ");
    push_str(&mut head, super::import_store::IMPORT_EXTRACTOR);
    head.extend_from_slice(b", text: ");
    push_str(&mut head, &article.text);
    head.extend_from_slice(b"),\n  ],\n  entities: [\n");
    out.write_all(&head)?;

    let n = graph.ids.len();
    let entity_lines = |range: std::ops::Range<usize>| -> Vec<u8> {
        let mut buf = Vec::with_capacity(range.len() * 64);
        for v in range {
            if graph.external[v] {
                continue;
            }
            buf.extend_from_slice(b"    (id: ");
            push_str(&mut buf, graph.ids.get(v));
            buf.extend_from_slice(b", kind: ");
            buf.extend_from_slice(graph.kind(v as u32).as_str().as_bytes());
            buf.extend_from_slice(b", name: ");
            push_str(&mut buf, graph.labels.get(v));
            buf.extend_from_slice(b"),\n");
        }
        buf
    };
    write_parallel(&mut out, n, entity_lines)?;
    out.write_all(b"  ],\n  relations: [\n")?;
    let relation_lines = |range: std::ops::Range<usize>| -> Vec<u8> {
        let mut buf = Vec::with_capacity(range.len() * 160);
        for e in range {
            let (s, t) = (
                graph.ids.get(graph.src[e] as usize),
                graph.ids.get(graph.dst[e] as usize),
            );
            let relation = graph.relation(e);
            buf.extend_from_slice(b"    (source: ");
            push_str(&mut buf, s);
            buf.extend_from_slice(b", relation: ");
            buf.extend_from_slice(relation.as_str().as_bytes());
            buf.extend_from_slice(b", target: ");
            push_str(&mut buf, t);
            buf.extend_from_slice(b", evidence: [");
            for (i, &(start, end)) in graph.spans_of(e).iter().enumerate() {
                if i > 0 {
                    buf.extend_from_slice(b", ");
                }
                buf.extend_from_slice(b"(article: ");
                push_str(&mut buf, &article.id);
                buf.extend_from_slice(b", sentence: ");
                if plain(s) && plain(t) {
                    buf.push(b'"');
                    buf.extend_from_slice(s.as_bytes());
                    buf.push(b',');
                    buf.extend_from_slice(t.as_bytes());
                    buf.push(b',');
                    buf.extend_from_slice(relation.as_str().as_bytes());
                    buf.push(b'"');
                } else {
                    push_str(&mut buf, &csv_row(s, t, relation));
                }
                buf.extend_from_slice(b", start: ");
                push_u64(&mut buf, start);
                buf.extend_from_slice(b", end: ");
                push_u64(&mut buf, end);
                buf.push(b')');
            }
            buf.extend_from_slice(b"]),\n");
        }
        buf
    };
    write_parallel(&mut out, graph.src.len(), relation_lines)?;
    out.write_all(b"  ],\n)\n")?;
    out.flush()?;
    let Hashing { inner, hasher, len } = out;
    inner.into_inner().map_err(|e| e.into_error())?;
    store::keep_permissions(path, tmp.as_file());
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(FileDigest {
        len,
        sha256: hex(&hasher.finalize()),
        modified_ns: modified_ns(path),
    })
}

/// Formats `0..count` in blocks on every core but one, while that one hashes
/// and writes the blocks already formatted, in order.
fn write_parallel<W, F>(out: &mut W, count: usize, format: F) -> std::io::Result<()>
where
    W: Write + Send,
    F: Fn(std::ops::Range<usize>) -> Vec<u8> + Sync,
{
    const BLOCK: usize = 1 << 16;
    let cores = std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .clamp(1, 8);
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<u8>>(cores * 2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> std::io::Result<()> {
            for block in receive {
                out.write_all(&block)?;
            }
            Ok(())
        });
        let format = &format;
        let mut start = 0;
        while start < count {
            let ranges: Vec<std::ops::Range<usize>> = (0..cores)
                .map(|i| {
                    let s = (start + i * BLOCK).min(count);
                    s..(s + BLOCK).min(count)
                })
                .filter(|r| !r.is_empty())
                .collect();
            start = ranges.last().map_or(count, |r| r.end);
            let handles: Vec<_> = ranges
                .iter()
                .skip(1)
                .cloned()
                .map(|r| scope.spawn(move || format(r)))
                .collect();
            let first = format(ranges[0].clone());
            if send.send(first).is_err() {
                break;
            }
            for h in handles {
                let block = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                if send.send(block).is_err() {
                    break;
                }
            }
        }
        drop(send);
        writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_ron_does() {
        for s in [
            "plain",
            "quote \" and \\ slash",
            "tab\tnew\nline",
            "Côte d'Ivoire",
            "zero\u{200b}width",
            "",
        ] {
            let mut buf = Vec::new();
            push_str(&mut buf, s);
            let ours = String::from_utf8(buf).unwrap();
            assert_eq!(ours, ron::to_string(&s).unwrap(), "{s:?}");
            let back: String = ron::from_str(&ours).unwrap();
            assert_eq!(back, s);
        }
        let mut buf = Vec::new();
        for v in [0, 7, 10, 12_345_678_901] {
            buf.clear();
            push_u64(&mut buf, v);
            assert_eq!(String::from_utf8(buf.clone()).unwrap(), v.to_string());
        }
    }
}
