//! Where the store and the shipped corpus live, and opening the store for
//! reading: built from the shipped corpus when it is missing, rebuilt when it
//! holds only that corpus and the extractor or the articles changed since.
//! A store holding the user's own ingests is never rebuilt. A rebuild is
//! written under the store's lock, so it never replaces a concurrent ingest.

use super::ingest;
use anyhow::{anyhow, Result};
use kg::article::Article;
use kg::store::{self, Store};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The kg source tree, where the shipped corpus is found when the current
/// folder has none.
const SOURCE_TREE: &str = env!("CARGO_MANIFEST_DIR");

/// The store to use: `--store`/`KG_STORE`, else `data/graph.ron` under the
/// current folder when it has a `data/` folder, else under the source tree;
/// a symlink resolved (see [`resolve_link`]).
pub fn store_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    let path = match flag {
        Some(path) => path,
        None => {
            let here = Path::new(store::DEFAULT_STORE);
            match here.parent() {
                Some(dir) if !dir.is_dir() && Path::new(SOURCE_TREE).join(dir).is_dir() => {
                    Path::new(SOURCE_TREE).join(here)
                }
                _ => here.to_path_buf(),
            }
        }
    };
    resolve_link(path)
}

/// A store reached through a symlink is the file the link points at: it is
/// locked, read and replaced there (as SQLite and git do), so writers through
/// the link and through the target exclude each other and the link stays a
/// link. A link to nothing is refused: building a store in its place would
/// hide the one the user meant.
fn resolve_link(path: PathBuf) -> Result<PathBuf> {
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path);
    }
    std::fs::canonicalize(&path).map_err(|_| {
        let target = std::fs::read_link(&path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        anyhow!(
            "{}: the store is a symlink to {target}, which does not exist; \
             create the store there or point --store at a file",
            path.display()
        )
    })
}

/// The shipped articles: `data/articles` under the current folder, else under
/// the source tree; `None` when neither exists.
pub fn shipped_corpus() -> Option<PathBuf> {
    let here = Path::new("data").join("articles");
    if here.is_dir() {
        return Some(here);
    }
    let there = Path::new(SOURCE_TREE).join(&here);
    there.is_dir().then_some(there)
}

/// Loads the store at `path` for a command that reads it, building or
/// rebuilding it from the shipped corpus first when needed (with one line on
/// stderr saying so).
pub fn open(path: &Path) -> Result<Store> {
    let existing = match store::load(path)? {
        Some(own) if !own.default_corpus => return Ok(own),
        other => other,
    };
    let Some(corpus) = shipped_corpus() else {
        return up_to_date(path, existing);
    };
    if let Some(shipped) = existing {
        if stale(&shipped, &read_corpus(&corpus)?).is_none() {
            return Ok(shipped);
        }
    }
    // Building: under the lock, from the store as it is once we hold it. A
    // folder where no lock can be taken is read-only, and saving will say so.
    let _lock = ingest::lock(path).ok();
    up_to_date(path, store::load(path)?)
}

/// `existing`, or the store built from the shipped corpus when `existing` is
/// missing or is a corpus-only store that no longer matches this build and
/// the shipped articles; a store built is saved. Called under the store's
/// lock (or when there is nothing to build).
pub fn up_to_date(path: &Path, existing: Option<Store>) -> Result<Store> {
    let existing = match existing {
        Some(own) if !own.default_corpus => return Ok(own),
        other => other,
    };
    let Some(corpus) = shipped_corpus() else {
        return existing.ok_or_else(|| {
            anyhow!(
                "{}: no store here, and no shipped articles to build it from \
                 (looked for data/articles in the current folder and in {SOURCE_TREE}); \
                 add articles with `kg ingest PATH...`",
                path.display()
            )
        });
    };
    let articles = read_corpus(&corpus)?;
    let reason = match existing {
        None => format!("no store at {}; building it", path.display()),
        Some(shipped) => match stale(&shipped, &articles) {
            None => return Ok(shipped),
            Some(why) => format!("{} {why}; rebuilding it", path.display()),
        },
    };
    eprintln!(
        "kg: {reason} from the {} article{} in {}/ …",
        articles.len(),
        if articles.len() == 1 { "" } else { "s" },
        corpus.display()
    );
    let built = build(articles)?;
    if let Err(err) = store::save(path, &built) {
        eprintln!("kg: warning: {err}; answering from the graph built in memory");
    }
    Ok(built)
}

/// Why a corpus-only store no longer matches this build and the shipped
/// articles, if it does not.
fn stale(existing: &Store, articles: &[Article]) -> Option<String> {
    let current = store::extractor_fingerprint();
    if existing.extractor != current {
        let old = if existing.extractor.is_empty() {
            "an unrecorded extractor"
        } else {
            existing.extractor.as_str()
        };
        return Some(format!("was built by extractor {old}, this is {current}"));
    }
    let stored: BTreeSet<&str> = existing.graph.articles().map(|a| a.id.as_str()).collect();
    let shipped: BTreeSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    (stored != shipped).then(|| "holds other articles than the shipped ones".to_string())
}

/// Reads every shipped article, recording its path as `data/articles/…`
/// wherever the corpus was found, so the store is the same from any folder.
fn read_corpus(corpus: &Path) -> Result<Vec<Article>> {
    let files = kg::article::collect(&[corpus.to_path_buf()])?;
    let mut articles = ingest::read_all(&files, None)?;
    for article in &mut articles {
        if let Ok(rest) = Path::new(&article.path).strip_prefix(corpus) {
            let rest = rest.to_string_lossy().replace('\\', "/");
            article.path = format!("data/articles/{rest}");
        }
    }
    Ok(articles)
}

/// A corpus-only store built from `articles`.
fn build(articles: Vec<Article>) -> Result<Store> {
    let mut built = Store {
        default_corpus: true,
        extractor: store::extractor_fingerprint(),
        ..Store::default()
    };
    ingest::merge_all(&mut built.graph, articles)?;
    Ok(built)
}
