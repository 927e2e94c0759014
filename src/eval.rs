//! Extraction quality against gold annotations: the same matching and the same
//! precision, recall and F1 as `../shared/tools/score.py`, per kind and overall;
//! [`evaluate`] finds each gold file's article, extracts it and scores it.

use crate::model::{fold, Extraction, RelationKind};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Why an evaluation cannot run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error("{}: cannot read the gold folder: {error}", .path.display())]
    GoldFolder {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: no gold files (*.json) in this folder", .path.display())]
    NoGold { path: PathBuf },
    #[error("{}: cannot read: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: not valid JSON: {error}", .path.display())]
    Json {
        path: PathBuf,
        error: serde_json::Error,
    },
    #[error(transparent)]
    Article(#[from] crate::error::ArticleError),
    #[error(transparent)]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
}

/// Extracts the article behind every gold file of `gold_dir` (the `.txt` or
/// `.md` of the same name in the first of `article_dirs` that has one) and
/// scores it like score.py; a gold file without an article is scored as an
/// empty extraction and named in the second value.
pub fn evaluate(
    gold_dir: &Path,
    article_dirs: &[PathBuf],
) -> Result<(Report, Vec<String>), EvalError> {
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|error| EvalError::GoldFolder {
            path: gold_dir.to_path_buf(),
            error,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    if gold_files.is_empty() {
        return Err(EvalError::NoGold {
            path: gold_dir.to_path_buf(),
        });
    }
    let extractor = crate::extract::Extractor::shared()?;
    let mut report = Report::default();
    let mut unmatched = Vec::new();
    for gold_path in gold_files {
        let text = std::fs::read_to_string(&gold_path).map_err(|error| EvalError::Read {
            path: gold_path.clone(),
            error,
        })?;
        let gold: Value = serde_json::from_str(&text).map_err(|error| EvalError::Json {
            path: gold_path.clone(),
            error,
        })?;
        let stem = gold_path.file_stem().unwrap_or_default();
        let article_path = article_dirs
            .iter()
            .flat_map(|d| ["txt", "md"].map(|ext| d.join(stem).with_extension(ext)))
            .find(|p| p.is_file());
        let name = gold_path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let extraction = match article_path {
            // As `kg extract` sees it: no date beyond the article's own dateline.
            Some(p) => extractor.extract(&crate::article::read(&p, None)?),
            None => {
                unmatched.push(name.clone());
                Extraction {
                    article: crate::model::ArticleMeta {
                        id: String::new(),
                        path: String::new(),
                        title: String::new(),
                        date: None,
                    },
                    entities: Vec::new(),
                    relations: Vec::new(),
                }
            }
        };
        report.add(score(&name, &gold, &extraction));
    }
    Ok((report, unmatched))
}

/// True positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// (precision, recall, F1) with score.py's conventions for empty sets.
    pub fn prf(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (tp + fn_)
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// One article's score with what was missed and what was extra.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ArticleScore {
    pub name: String,
    /// By kind, as the report's `per_kind`.
    #[serde(rename = "per_kind")]
    pub entities: BTreeMap<String, Counts>,
    #[serde(rename = "relation_scores")]
    pub relations: Counts,
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
    pub relations_missed: Vec<String>,
    pub relations_spurious: Vec<String>,
}

/// Every article's score and the totals.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    #[serde(rename = "article_scores")]
    pub articles: Vec<ArticleScore>,
    pub per_kind: BTreeMap<String, Counts>,
    #[serde(rename = "entity_scores")]
    pub entities: Counts,
    #[serde(rename = "relation_scores")]
    pub relations: Counts,
}

/// score.py's `norm`: accents folded, lower case, punctuation to spaces, no leading "the".
pub fn norm(s: &str) -> String {
    let folded = fold(s).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || c == '+' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out.strip_prefix("the ").map(str::to_string).unwrap_or(out)
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| x.as_i64().map(|n| n.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

fn is_optional(v: &Value) -> bool {
    v.get("optional").and_then(Value::as_bool).unwrap_or(false)
}

/// Greedy one-to-one map, predicted id -> gold id, in prediction order.
fn map_entities(pred: &Extraction, gents: &[Value]) -> HashMap<String, String> {
    let mut mapping: HashMap<String, String> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    for p in &pred.entities {
        let kind = p.kind.as_str();
        for g in gents {
            let gid = text(g, "id");
            if used.contains(&gid) || text(g, "kind") != kind {
                continue;
            }
            if !same_entity(p, g) {
                continue;
            }
            mapping.insert(p.id.clone(), gid.clone());
            used.insert(gid);
            break;
        }
    }
    mapping
}

/// Whether the predicted entity `p` may be the gold entity `g` of its kind:
/// a milestone by date and keywords, anything else by a name or alias.
fn same_entity(p: &crate::model::Entity, g: &Value) -> bool {
    let kind = p.kind.as_str();
    if kind == "milestone" {
        let date = p.attrs.get("date").cloned();
        if !date.is_some_and(|d| strs(g, "dates").contains(&d)) {
            return false;
        }
        let keywords: Vec<String> = strs(g, "keywords").iter().map(|k| norm(k)).collect();
        let pname = std::iter::once(norm(&p.name))
            .chain(p.aliases.iter().map(|a| norm(a)))
            .collect::<Vec<_>>()
            .join(" ");
        if !keywords.is_empty() && !keywords.iter().any(|k| pname.contains(k.as_str())) {
            return false;
        }
    } else {
        let names: HashSet<String> = std::iter::once(text(g, "name"))
            .chain(strs(g, "aliases"))
            .filter(|n| !n.is_empty())
            .map(|n| norm(&n))
            .collect();
        if !names.contains(&norm(&p.name)) {
            return false;
        }
    }
    true
}

/// Scores one extraction against one gold file's JSON.
pub fn score(name: &str, gold: &Value, pred: &Extraction) -> ArticleScore {
    let empty = Vec::new();
    let gents = gold
        .get("entities")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let optional: HashSet<String> = gents
        .iter()
        .filter(|g| is_optional(g))
        .map(|g| text(g, "id"))
        .collect();
    let mapping = map_entities(pred, gents);
    let mut score = ArticleScore {
        name: name.to_string(),
        ..ArticleScore::default()
    };
    let mut kinds: Vec<String> = gents
        .iter()
        .map(|g| text(g, "kind"))
        .chain(pred.entities.iter().map(|p| p.kind.as_str().to_string()))
        .collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let gk: Vec<&Value> = gents.iter().filter(|g| text(g, "kind") == kind).collect();
        let pk: Vec<_> = pred
            .entities
            .iter()
            .filter(|p| p.kind.as_str() == kind)
            .collect();
        let matched: HashSet<&String> = pk.iter().filter_map(|p| mapping.get(&p.id)).collect();
        let tp = matched
            .iter()
            .filter(|g| !optional.contains(g.as_str()))
            .count();
        let fp = pk.iter().filter(|p| !mapping.contains_key(&p.id)).count();
        let missed: Vec<&&Value> = gk
            .iter()
            .filter(|g| !matched.contains(&text(g, "id")) && !is_optional(g))
            .collect();
        score
            .missed
            .extend(missed.iter().map(|g| format!("{kind}:{}", text(g, "name"))));
        score.spurious.extend(
            pk.iter()
                .filter(|p| !mapping.contains_key(&p.id))
                .map(|p| format!("{kind}:{}", p.name)),
        );
        score.entities.insert(
            kind,
            Counts {
                tp,
                fp,
                fn_: missed.len(),
            },
        );
    }
    let key = |s: &str, r: &str, t: &str| {
        let symmetric = RelationKind::parse(r).is_some_and(RelationKind::is_symmetric);
        if symmetric && t < s {
            (t.to_string(), r.to_string(), s.to_string())
        } else {
            (s.to_string(), r.to_string(), t.to_string())
        }
    };
    let grels_list = gold
        .get("relations")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let grels: HashMap<(String, String, String), bool> = grels_list
        .iter()
        .map(|r| {
            (
                key(&text(r, "source"), &text(r, "relation"), &text(r, "target")),
                is_optional(r),
            )
        })
        .collect();
    let mut found: HashSet<(String, String, String)> = HashSet::new();
    for r in &pred.relations {
        let (s, t) = (mapping.get(&r.source), mapping.get(&r.target));
        let (Some(s), Some(t)) = (s, t) else {
            if s.is_some_and(|s| optional.contains(s)) || t.is_some_and(|t| optional.contains(t)) {
                continue;
            }
            score.relations.fp += 1;
            score
                .relations_spurious
                .push(format!("{} {} {}", r.source, r.relation, r.target));
            continue;
        };
        let k = key(s, r.relation.as_str(), t);
        if grels.contains_key(&k) {
            found.insert(k);
        } else if optional.contains(s) || optional.contains(t) {
            continue;
        } else {
            score.relations.fp += 1;
            score
                .relations_spurious
                .push(format!("{s} {} {t}", r.relation));
        }
    }
    score.relations.tp = found
        .iter()
        .filter(|k| grels.get(*k) == Some(&false))
        .count();
    for (k, opt) in &grels {
        if !opt && !found.contains(k) {
            score.relations.fn_ += 1;
            score
                .relations_missed
                .push(format!("{} {} {}", k.0, k.1, k.2));
        }
    }
    score.relations_missed.sort();
    score
}

impl Report {
    pub fn add(&mut self, article: ArticleScore) {
        for (kind, c) in &article.entities {
            self.per_kind.entry(kind.clone()).or_default().add(*c);
            self.entities.add(*c);
        }
        self.relations.add(article.relations);
        self.articles.push(article);
    }

    /// The table score.py prints, preceded by each article's misses unless `quiet`.
    pub fn render_text(&self, quiet: bool) -> String {
        let mut out = String::new();
        if !quiet {
            for a in &self.articles {
                out.push_str(&format!("== {}\n", a.name));
                for (label, list) in [
                    ("missed", &a.missed),
                    ("spurious", &a.spurious),
                    ("relations_missed", &a.relations_missed),
                    ("relations_spurious", &a.relations_spurious),
                ]
                .into_iter()
                .filter(|(_, list)| !list.is_empty())
                {
                    out.push_str(&format!("  {label}: {}\n", list.join("; ")));
                }
            }
        }
        out.push_str(&format!(
            "{:<14}{:>7}{:>7}{:>7}   tp/fp/fn\n",
            "kind", "P", "R", "F1"
        ));
        let row = |name: &str, c: &Counts| {
            let (p, r, f) = c.prf();
            format!(
                "{name:<14}{p:7.2}{r:7.2}{f:7.2}   {}/{}/{}\n",
                c.tp, c.fp, c.fn_
            )
        };
        for (kind, c) in &self.per_kind {
            out.push_str(&row(kind, c));
        }
        out.push_str(&row("ENTITIES", &self.entities));
        out.push_str(&row("RELATIONS", &self.relations));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_matches_score_py() {
        assert_eq!(norm("The Hiroshima Accord"), "hiroshima accord");
        assert_eq!(norm("Việt Nam–New Zealand"), "viet nam new zealand");
        assert_eq!(
            norm("ASEAN Defence Ministers' Meeting-Plus"),
            "asean defence ministers meeting plus"
        );
    }

    #[test]
    fn counts_follow_score_py_conventions() {
        assert_eq!(
            Counts {
                tp: 0,
                fp: 0,
                fn_: 0
            }
            .prf(),
            (1.0, 1.0, 1.0)
        );
        let (p, r, f) = Counts {
            tp: 3,
            fp: 1,
            fn_: 1,
        }
        .prf();
        assert!((p - 0.75).abs() < 1e-9 && (r - 0.75).abs() < 1e-9 && (f - 0.75).abs() < 1e-9);
    }
}
