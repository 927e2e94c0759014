//! A graph leaves kg for a graph database and comes back: the Neo4j import
//! CSV checked against Neo4j's documented header rules, read back by
//! `kg import --neo4j` into the same store, and a generated graph of 44,000
//! relations bulk-loaded into Kùzu (COPY FROM that CSV, columns by header
//! name), whose shortest paths are kg's.

use crate::export::{client_json, kuzu_python, shipped_export};
use crate::util::{json_of, Workspace};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The field types a Neo4j import header may give a property (Operations
/// Manual, "Import: CSV header format"), each also as an array with `[]`.
const PROPERTY_TYPES: [&str; 16] = [
    "int",
    "long",
    "float",
    "double",
    "boolean",
    "byte",
    "short",
    "char",
    "string",
    "point",
    "date",
    "localtime",
    "time",
    "localdatetime",
    "datetime",
    "duration",
];

/// What a header field is by Neo4j's rules: `(role, property name)`, the
/// role `ID`, `LABEL`, `START_ID`, `END_ID`, `TYPE`, `IGNORE` or the
/// property's type; panics on a field the import tool refuses.
fn neo4j_field(field: &str) -> (String, String) {
    let (name, ty) = field.split_once(':').unwrap_or((field, "string"));
    let role = ty.split('(').next().unwrap();
    if ["ID", "START_ID", "END_ID"].contains(&role) {
        return (role.to_string(), name.to_string());
    }
    if ["LABEL", "TYPE", "IGNORE"].contains(&ty) {
        assert!(name.is_empty(), "{field}: {ty} takes no property name");
        return (ty.to_string(), String::new());
    }
    let base = ty.strip_suffix("[]").unwrap_or(ty);
    assert!(
        PROPERTY_TYPES.contains(&base),
        "{field}: {ty} is no Neo4j property type"
    );
    assert!(!name.is_empty(), "{field}: a property needs a name");
    (ty.to_string(), name.to_string())
}

/// Checks a folder of Neo4j import CSV against the documented rules: every
/// header field valid, names unique in a file, one `:ID` per nodes file and
/// one `:START_ID`, `:END_ID`, `:TYPE` in the relations file, ids unique
/// across the nodes files (one id space), every relation's ends among them,
/// labels and types present, `int` columns integers, every row as long as
/// its header. Returns (nodes, relations).
fn check_neo4j_folder(dir: &Path) -> (usize, usize) {
    let mut ids = BTreeSet::new();
    let mut relations = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let fields: Vec<(String, String)> =
            reader.headers().unwrap().iter().map(neo4j_field).collect();
        let named: Vec<&String> = fields
            .iter()
            .map(|(_, n)| n)
            .filter(|n| !n.is_empty())
            .collect();
        let unique: BTreeSet<&&String> = named.iter().collect();
        assert_eq!(
            unique.len(),
            named.len(),
            "{}: a name twice",
            path.display()
        );
        let at = |role: &str| {
            let found: Vec<usize> = (0..fields.len()).filter(|&i| fields[i].0 == role).collect();
            found
        };
        let nodes = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("nodes_");
        let required: &[&str] = if nodes {
            &["ID"]
        } else {
            &["START_ID", "END_ID", "TYPE"]
        };
        for role in required {
            assert_eq!(at(role).len(), 1, "{}: {role}", path.display());
        }
        for record in reader.records() {
            let record = record.expect("a row as long as its header");
            for (i, (ty, _)) in fields.iter().enumerate() {
                let value = &record[i];
                if ty == "int" {
                    assert!(value.parse::<i64>().is_ok(), "{}: {value}", path.display());
                }
                if ty == "LABEL" || ty == "TYPE" {
                    assert!(!value.is_empty() && !value.contains(' '), "{value:?}");
                }
            }
            if nodes {
                assert!(ids.insert(record[at("ID")[0]].to_string()), "id twice");
            } else {
                relations.push((
                    record[at("START_ID")[0]].to_string(),
                    record[at("END_ID")[0]].to_string(),
                ));
            }
        }
    }
    for (s, t) in &relations {
        assert!(
            ids.contains(s) && ids.contains(t),
            "{s} -> {t}: an end no nodes file holds"
        );
    }
    (ids.len(), relations.len())
}

/// Every file of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_graph_goes_to_neo4j_csv_and_comes_back_the_same() {
    let ws = shipped_export("neo4j", "out");
    let stats = json_of(ws.kg().args(["stats", "--format", "json"]));
    let (nodes, relations) = check_neo4j_folder(&ws.path("out"));
    assert_eq!(
        (nodes as u64, relations as u64),
        (
            stats["entity_count"].as_u64().unwrap(),
            stats["relation_count"].as_u64().unwrap()
        )
    );
    let back = |ws: &Workspace| {
        let mut cmd = ws.kg_bare();
        cmd.arg("--store").arg(ws.path("back.ron"));
        cmd
    };
    back(&ws)
        .args(["import", "--neo4j", "out"])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "+{} entities, +{} relations",
            stats["entity_count"], stats["relation_count"]
        )));
    // The store that came back: the same stats, the same export.
    assert_eq!(
        json_of(back(&ws).args(["stats", "--format", "json"])),
        stats
    );
    back(&ws)
        .args(["export", "--format", "neo4j", "-o", "again"])
        .assert()
        .success();
    assert_eq!(files(&ws.path("again")), files(&ws.path("out")));
    for format in ["json", "graphml"] {
        let ours = ws
            .kg()
            .args(["export", "--format", format, "-o", "-"])
            .output()
            .unwrap()
            .stdout;
        let theirs = back(&ws)
            .args(["export", "--format", format, "-o", "-"])
            .output()
            .unwrap()
            .stdout;
        assert!(ours == theirs, "the {format} exports differ");
    }
    // Again: nothing new.
    back(&ws)
        .args(["import", "--neo4j", "out"])
        .assert()
        .success()
        .stdout(predicates::str::contains("imported before: nothing new"));
}

#[test]
fn a_bad_neo4j_row_is_refused_with_its_line_and_nothing_is_written() {
    let ws = Workspace::new();
    ws.write(
        "n/nodes_country.csv",
        "id:ID,name,:LABEL\ncountry:india,India,Entity;Country\n",
    );
    ws.write(
        "n/relations.csv",
        ":START_ID,:END_ID,:TYPE\ncountry:india,country:india,MEETS\ncountry:india,country:japan,MEETS\n",
    );
    ws.kg()
        .args(["import", "--neo4j", "n"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "relations.csv:3: country:japan is no entity",
        ));
    assert!(!ws.store().exists());
    ws.write("n/relations.csv", ":START_ID,:END_ID,kind:number\n");
    ws.kg()
        .args(["import", "--neo4j", "n"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no Neo4j property type"));
}

/// Bulk-loads a Neo4j export folder into an in-memory Kùzu database with
/// COPY FROM, reading each file's columns by their header names, and prints
/// as JSON the counts, the entities per kind, the load time and the
/// all-shortest paths (distinct id sequences, sorted) for each pair of
/// argv[2:] ("a,b").
const KUZU_COPY: &str = r#"
import glob, json, os, sys, time
import kuzu
folder = sys.argv[1]
db = kuzu.Database(":memory:")
con = kuzu.Connection(db)
started = time.time()
con.execute("CREATE NODE TABLE Entity(id STRING, kind STRING, name STRING, PRIMARY KEY(id))")
con.execute("CREATE REL TABLE Relation(FROM Entity TO Entity, relation STRING, date STRING)")
for f in sorted(glob.glob(os.path.join(folder, "nodes_*.csv"))):
    con.execute("COPY Entity FROM (LOAD FROM '%s' (header=true) "
                "RETURN `id:ID`, lower(split_part(`:LABEL`, ';', 2)), name)" % f)
con.execute("COPY Relation FROM (LOAD FROM '%s' (header=true) "
            "RETURN `:START_ID`, `:END_ID`, lower(`:TYPE`), date)" % os.path.join(folder, "relations.csv"))
loaded = time.time() - started
def rows(query):
    r = con.execute(query)
    out = []
    while r.has_next():
        out.append(r.get_next())
    return out
started = time.time()
paths = {}
for pair in sys.argv[2:]:
    a, b = pair.split(",")
    paths[pair] = sorted(set(
        tuple(n["id"] for n in row[0])
        for row in rows("MATCH p = (a:Entity {id: '%s'})-[:Relation* ALL SHORTEST 1..10]-(b:Entity {id: '%s'}) "
                        "RETURN nodes(p)" % (a, b))))
print(json.dumps({"nodes": rows("MATCH (n:Entity) RETURN count(*)")[0][0],
                  "edges": rows("MATCH ()-[r:Relation]->() RETURN count(*)")[0][0],
                  "kinds": dict(rows("MATCH (n:Entity) RETURN n.kind, count(*)")),
                  "paths": paths, "load_seconds": round(loaded, 3),
                  "path_seconds": round(time.time() - started, 3)}))
"#;

#[test]
fn kuzu_bulk_loads_a_generated_graph_of_44k_relations_and_finds_the_same_shortest_paths() {
    let Some(python) = kuzu_python() else {
        return;
    };
    let ws = Workspace::new();
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/graph_peer.py");
    let generated = std::process::Command::new(&python)
        .arg(peer)
        .args(["generate", "--preset", "small", "--out"])
        .arg(ws.path("gen"))
        .output()
        .unwrap();
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let started = std::time::Instant::now();
    ws.kg()
        .args([
            "import",
            "--nodes",
            "gen/nodes.csv",
            "--edges",
            "gen/edges.csv",
        ])
        .assert()
        .success();
    ws.kg()
        .args(["export", "--format", "neo4j", "-o", "neo4j"])
        .assert()
        .success();
    let kg_seconds = started.elapsed().as_secs_f64();
    let queries = std::fs::read_to_string(ws.path("gen/queries.csv")).unwrap();
    let pairs: Vec<&str> = queries.lines().skip(1).take(5).collect();
    let mut client = std::process::Command::new(&python);
    client
        .args(["-c", KUZU_COPY])
        .arg(ws.path("neo4j"))
        .args(&pairs);
    let db = client_json(client, "Kùzu refused the Neo4j CSV");
    crate::util::report_client(&format!(
        "Kùzu bulk-loaded {} entities, {} relations in {} s (kg import + export: {kg_seconds:.1} s, debug); \
         all-shortest paths of {} pairs in {} s",
        db["nodes"], db["edges"], db["load_seconds"], pairs.len(), db["path_seconds"]
    ));
    crate::export::counts_as_in_stats(&ws, &db);
    for pair in &pairs {
        let (a, b) = pair.split_once(',').unwrap();
        let ours = json_of(ws.kg().args([
            "paths",
            a,
            b,
            "--mode",
            "all-shortest",
            "--limit",
            "100000",
            "--format",
            "json",
        ]));
        let mut ours: Vec<Vec<String>> = ours["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| serde_json::from_value(p["nodes"].clone()).unwrap())
            .collect();
        ours.sort();
        let theirs: Vec<Vec<String>> = serde_json::from_value(db["paths"][*pair].clone()).unwrap();
        assert!(!ours.is_empty(), "{pair}");
        assert_eq!(
            theirs, ours,
            "Kùzu and kg disagree on the shortest paths {pair}"
        );
    }
}
