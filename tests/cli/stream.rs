//! kg as a stage of a cluster: `kg extract --jsonl` streams extractions, and
//! `kg ingest --extractions` merges them into the same store a direct ingest
//! makes; a real Spark job (pyspark, local mode, two workers) pipes articles
//! through the binary.

use crate::util::{shipped, Workspace};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

/// The shipped articles as input lines, each with the path `kg ingest` of
/// the shipped folder records.
fn shipped_lines() -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shipped())
        .expect("data/articles")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("article");
            serde_json::json!({"path": p.display().to_string(), "text": text}).to_string() + "\n"
        })
        .collect()
}

#[test]
fn extractions_made_apart_make_the_store_a_direct_ingest_makes() {
    let ws = Workspace::new();
    let out = ws
        .kg()
        .args(["extract", "--jsonl"])
        .write_stdin(shipped_lines())
        .output()
        .expect("kg extract --jsonl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(lines, 5, "one extraction a line");
    ws.write("x.jsonl", &out.stdout);
    ws.kg_bare()
        .args(["--store", "apart.ron", "ingest", "--extractions", "x.jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ingested 5 articles"));
    ws.kg_bare()
        .args(["--store", "direct.ron", "ingest"])
        .arg(shipped())
        .assert()
        .success();
    let apart = std::fs::read_to_string(ws.path("apart.ron")).unwrap();
    let direct = std::fs::read_to_string(ws.path("direct.ron")).unwrap();
    assert!(apart == direct, "the stores differ");
}

#[test]
fn a_bad_input_line_names_its_number_and_stops() {
    let ws = Workspace::new();
    ws.kg()
        .args(["extract", "--jsonl"])
        .write_stdin("{\"text\": \"India and Japan met.\"}\n{\"txt\": 1}\n")
        .assert()
        .failure()
        .stderr(predicate::str::contains("stdin:2: not an article line"));
}

/// A Python with pyspark and a Java it can run (`KG_SPARK_PYTHON`, the venv
/// .ci/run makes under target/spark-venv, or python3), or `None`, said.
fn spark_python() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/spark-venv/bin/python");
    let candidates = std::env::var_os("KG_SPARK_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([venv, "python3".into()]);
    let java = std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let found = java
        .then(|| {
            candidates.into_iter().find(|py| {
                std::process::Command::new(py)
                    .args(["-c", "import pyspark"])
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
        })
        .flatten();
    if found.is_none() {
        eprintln!("SKIPPED: no java with a python that has pyspark (.ci/run installs them in target/spark-venv)");
    }
    found
}

/// The Spark job: argv[1] input JSON lines, argv[2] the kg binary, argv[3]
/// the output file. Two local workers, four partitions, each piped through
/// `kg extract --jsonl`.
const SPARK_JOB: &str = r#"
import sys, time
from pyspark import SparkConf, SparkContext
conf = SparkConf().setMaster("local[2]").setAppName("kg-extract").set("spark.ui.enabled", "false")
sc = SparkContext(conf=conf)
sc.setLogLevel("ERROR")
started = time.time()
lines = sc.textFile(sys.argv[1], minPartitions=4)
extracted = lines.pipe(sys.argv[2] + " extract --jsonl").collect()
sc.stop()
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for line in extracted:
        f.write(line + "\n")
print("spark: %d extractions on 2 workers in %.1f s" % (len(extracted), time.time() - started))
"#;

/// `count` distinct articles from the shipped ones: each a shipped text with a
/// closing line of its own, in a folder, and the same as input lines.
fn many_articles(ws: &Workspace, count: usize) -> String {
    let texts: Vec<String> = std::fs::read_dir(shipped())
        .expect("data/articles")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).expect("article"))
        .collect();
    let mut lines = String::new();
    for i in 0..count {
        let text = format!(
            "{}\nFiled as item {i}.\n",
            texts[i % texts.len()].trim_end()
        );
        // As `kg ingest many`, run in the workspace, records it.
        let path = format!("many/a{i:05}.txt");
        ws.write(&path, &text);
        lines.push_str(&serde_json::json!({"path": path, "text": text}).to_string());
        lines.push('\n');
    }
    lines
}

#[test]
fn a_spark_job_piping_articles_through_kg_makes_the_direct_store() {
    let Some(python) = spark_python() else {
        return;
    };
    let ws = Workspace::new();
    let lines = many_articles(&ws, 2000);
    let input = ws.write("articles.jsonl", lines);
    let kg = assert_cmd::cargo::cargo_bin("kg");
    let out = std::process::Command::new(&python)
        .args(["-c", SPARK_JOB])
        .arg(&input)
        .arg(&kg)
        .arg(ws.path("extractions.jsonl"))
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "the Spark job failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    crate::util::report_client(String::from_utf8_lossy(&out.stdout).trim());
    ws.kg_bare()
        .args([
            "--store",
            "spark.ron",
            "ingest",
            "--extractions",
            "extractions.jsonl",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("ingested 2000 articles"));
    ws.kg_bare()
        .args(["--store", "direct.ron", "ingest", "many"])
        .assert()
        .success();
    let spark = std::fs::read(ws.path("spark.ron")).unwrap();
    let direct = std::fs::read(ws.path("direct.ron")).unwrap();
    assert!(
        spark == direct,
        "the Spark-made store differs from the direct one"
    );
}
