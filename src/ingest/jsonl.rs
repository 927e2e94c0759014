//! Extraction as a stage of someone else's pipeline: articles in as JSON
//! lines, one extraction out per line, and extractions made elsewhere merged
//! into the store as if their articles had been ingested here.
//!
//! An input line is `{"text": "…", "path"?: "…", "date"?: "YYYY-MM-DD", "id"?: "…"}`
//! (`id` only names the line in errors and, without a `path`, stands for it).
//! An output line is the JSON contract of `kg extract --format json` on one
//! line, its `article` carrying the `text` as well, so that the line alone
//! holds everything a store needs ([`read_extractions`]). Lines are read and
//! extracted in batches, every batch on every core, and written in input
//! order: memory stays bounded whatever the length of the stream.

use crate::article::{content_id, parse_date_option, Article};
use crate::error::IngestError;
use crate::extract::Extractor;
use crate::model::Extraction;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::Path;

/// Lines extracted together: enough to keep every core busy, few enough to
/// keep memory small.
const BATCH: usize = 512;

/// One article of the input stream.
#[derive(Debug, Deserialize)]
struct InputLine {
    text: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

/// One line of output: the extraction, its article's text beside its meta.
#[derive(Debug, Serialize, Deserialize)]
struct OutputLine {
    article: ArticleWithText,
    entities: Vec<crate::model::Entity>,
    relations: Vec<crate::model::Relation>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ArticleWithText {
    id: String,
    path: String,
    title: String,
    date: Option<String>,
    text: String,
}

/// What [`extract_jsonl`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Streamed {
    pub articles: usize,
    pub entities: usize,
    pub relations: usize,
}

/// Reads articles as JSON lines from `input` (named `source` in errors) and
/// writes one extraction a line to `output`, in input order. A line that is
/// not an article stops the stream with its line number; blank lines are
/// passed over.
pub fn extract_jsonl(
    source: &str,
    input: impl BufRead,
    mut output: impl Write,
) -> Result<Streamed, IngestError> {
    let extractor = Extractor::shared()?;
    let mut done = Streamed::default();
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
    let mut lines = input.lines().enumerate();
    loop {
        batch.clear();
        for (i, line) in lines.by_ref() {
            let line = line.map_err(|e| bad(source, i + 1, e.to_string()))?;
            if !line.trim().is_empty() {
                batch.push((i + 1, line));
            }
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let articles: Vec<Article> = batch
            .iter()
            .map(|(n, line)| article_of(source, *n, line))
            .collect::<Result<_, _>>()?;
        let rendered: Vec<(usize, usize, String)> = articles
            .into_par_iter()
            .map(|article| {
                let x = extractor.extract(&article);
                let counts = (x.entities.len(), x.relations.len());
                (counts.0, counts.1, output_line(x, article.text))
            })
            .collect();
        for (entities, relations, line) in rendered {
            output
                .write_all(line.as_bytes())
                .and_then(|()| output.write_all(b"\n"))
                .map_err(IngestError::Output)?;
            done.articles += 1;
            done.entities += entities;
            done.relations += relations;
        }
    }
    output.flush().map_err(IngestError::Output)?;
    Ok(done)
}

/// The article of input line `n`.
fn article_of(source: &str, n: usize, line: &str) -> Result<Article, IngestError> {
    let input: InputLine = serde_json::from_str(line).map_err(|e| {
        bad(
            source,
            n,
            format!("not an article line ({e}); expected {{\"text\": …}}"),
        )
    })?;
    let date = input
        .date
        .as_deref()
        .map(parse_date_option)
        .transpose()
        .map_err(|e| bad(source, n, e.to_string()))?;
    let path = input
        .path
        .or(input.id)
        .unwrap_or_else(|| format!("{source}:{n}"));
    Ok(Article::from_text(&path, input.text, date))
}

/// One extraction as one line of JSON, with its article's text.
fn output_line(x: Extraction, text: String) -> String {
    let line = OutputLine {
        article: ArticleWithText {
            id: x.article.id,
            path: x.article.path,
            title: x.article.title,
            date: x.article.date,
            text,
        },
        entities: x.entities,
        relations: x.relations,
    };
    serde_json::to_string(&line).unwrap_or_default()
}

fn bad(source: &str, line: usize, message: String) -> IngestError {
    IngestError::Jsonl {
        source_name: source.to_string(),
        line,
        message,
    }
}

/// Extractions made elsewhere, read from the JSON-lines files at `paths` (as
/// [`extract_jsonl`] writes them): their articles, sorted by path as `kg
/// ingest` sorts a folder's files so that the store is the one ingesting
/// them here would make, and the extractions by article id. A line whose
/// text does not hash to its article's id is refused: the extraction may not
/// be of that text.
pub fn read_extractions(
    paths: &[std::path::PathBuf],
) -> Result<(Vec<Article>, HashMap<String, Extraction>), IngestError> {
    let mut articles = Vec::new();
    let mut extracted = HashMap::new();
    for path in paths {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| bad(&name, 0, e.to_string()))?;
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| bad(&name, i + 1, e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            let (article, extraction) = extraction_of(&name, i + 1, &line)?;
            extracted.insert(article.id.clone(), extraction);
            articles.push(article);
        }
    }
    articles.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.id.cmp(&b.id)));
    Ok((articles, extracted))
}

/// The article and extraction of line `n` of an extractions file.
fn extraction_of(name: &str, n: usize, line: &str) -> Result<(Article, Extraction), IngestError> {
    let parsed: OutputLine = serde_json::from_str(line).map_err(|e| {
        bad(
            name,
            n,
            format!("not an extraction line of `kg extract --jsonl` ({e})"),
        )
    })?;
    let a = parsed.article;
    if content_id(&a.text) != a.id {
        return Err(bad(
            name,
            n,
            format!(
                "article {} does not match its text (edited after extraction?)",
                a.id
            ),
        ));
    }
    let date = match a.date.as_deref() {
        Some(d) => Some(parse_date_option(d).map_err(|e| bad(name, n, e.to_string()))?),
        None => None,
    };
    let article = Article {
        id: a.id.clone(),
        path: a.path.clone(),
        title: a.title.clone(),
        date,
        text: a.text,
    };
    let extraction = Extraction {
        article: crate::model::ArticleMeta {
            id: a.id,
            path: a.path,
            title: a.title,
            date: a.date,
        },
        entities: parsed.entities,
        relations: parsed.relations,
    };
    Ok((article, extraction))
}

/// Whether `path` names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "TOKYO, May 4, 2025 - Defence Minister Rajnath Singh of India met his Japanese counterpart Gen Nakatani in Tokyo on Monday.";

    fn jsonl(lines: &[String]) -> String {
        lines.join("\n") + "\n"
    }

    #[test]
    fn lines_in_give_one_extraction_a_line_out_in_order() {
        let lines: Vec<String> = (0..3)
            .map(|i| {
                serde_json::json!({"text": format!("{ARTICLE} Note {i}."), "path": format!("a{i}.txt")})
                    .to_string()
            })
            .collect();
        let mut out = Vec::new();
        let done = extract_jsonl("stdin", jsonl(&lines).as_bytes(), &mut out).unwrap();
        assert_eq!(done.articles, 3);
        let text = String::from_utf8(out).unwrap();
        let paths: Vec<String> = text
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["article"]["path"].to_string()
            })
            .collect();
        assert_eq!(paths, ["\"a0.txt\"", "\"a1.txt\"", "\"a2.txt\""]);
    }

    #[test]
    fn what_comes_out_goes_back_in_as_the_same_extraction() {
        let line = serde_json::json!({"text": ARTICLE, "path": "a.txt"}).to_string();
        let mut out = Vec::new();
        extract_jsonl("stdin", line.as_bytes(), &mut out).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, &out).unwrap();
        let (articles, extracted) = read_extractions(&[file]).unwrap();
        let article = &articles[0];
        let direct = Extractor::shared().unwrap().extract(article);
        assert_eq!(extracted[&article.id], direct);
    }

    #[test]
    fn a_bad_line_is_named_with_its_number() {
        let input = format!("{}\n\nnot json\n", serde_json::json!({"text": ARTICLE}));
        let err = extract_jsonl("stdin", input.as_bytes(), Vec::new()).unwrap_err();
        assert!(
            err.to_string().starts_with("stdin:3: not an article line"),
            "{err}"
        );
    }

    #[test]
    fn an_extraction_whose_text_was_edited_is_refused() {
        let line = serde_json::json!({"text": ARTICLE}).to_string();
        let mut out = Vec::new();
        extract_jsonl("stdin", line.as_bytes(), &mut out).unwrap();
        let edited = String::from_utf8(out).unwrap().replace("Monday", "Sunday");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, edited).unwrap();
        let err = read_extractions(&[file]).unwrap_err();
        assert!(err.to_string().contains("does not match its text"), "{err}");
    }
}
