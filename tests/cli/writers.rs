//! The CLI explains itself to scripts: the writing commands (`ingest`,
//! `forget`, `reindex`, `import`) print their counts as JSON in one shape
//! with `--format json`; articles come from stdin (`-`) and from HTML; `kg
//! articles` lists what the store holds.

use crate::util::{json_of, seed, shipped, Workspace};

/// The keys every writer's JSON has.
const SHAPE: [&str; 7] = [
    "command", "store", "saved", "snapshot", "articles", "added", "removed",
];

fn has_the_shape(json: &serde_json::Value, command: &str) {
    for key in SHAPE {
        assert!(json.get(key).is_some(), "{command}: no {key} in {json}");
    }
    assert_eq!(json["command"], command);
    for side in ["added", "removed"] {
        for count in ["entities", "relations", "evidence"] {
            assert!(json[side][count].is_u64(), "{command}: {side}.{count}");
        }
    }
}

#[test]
fn every_writer_prints_its_counts_as_json_in_one_shape() {
    let ws = Workspace::new();
    let stats = |ws: &Workspace| json_of(ws.kg().args(["stats", "--format", "json"]));
    let ingested = json_of(ws.kg().args(["ingest", "--format", "json"]).arg(shipped()));
    has_the_shape(&ingested, "ingest");
    let after = stats(&ws);
    assert_eq!(ingested["saved"], true);
    assert_eq!(ingested["articles"], 5);
    assert_eq!(ingested["known"], 0);
    assert_eq!(ingested["added"]["entities"], after["entities"]);
    assert_eq!(ingested["added"]["relations"], after["relations"]);

    let again = json_of(ws.kg().args(["ingest", "--format", "json"]).arg(shipped()));
    assert_eq!(
        (again["saved"].clone(), again["known"].clone()),
        (false.into(), 5.into())
    );

    let reindexed = json_of(ws.kg().args(["reindex", "--format", "json"]));
    has_the_shape(&reindexed, "reindex");
    assert_eq!(reindexed["articles"], 5);
    assert_eq!(reindexed["changed_entities"], 0);

    let forgot = json_of(ws.kg().args(["forget", "--format", "json"]).arg(seed()));
    has_the_shape(&forgot, "forget");
    let left = stats(&ws);
    assert_eq!(forgot["articles"], 1);
    assert_eq!(forgot["forgotten"][0]["path"], seed().display().to_string());
    let gone = |what: &str| after[what].as_u64().unwrap() - left[what].as_u64().unwrap();
    assert_eq!(forgot["removed"]["entities"], gone("entities"));
    assert_eq!(forgot["removed"]["relations"], gone("relations"));

    ws.write(
        "nodes.csv",
        "id,kind,label\ncountry:x,country,X\nofficial:y,official,Y\n",
    );
    ws.write(
        "edges.csv",
        "source,target,relation\nofficial:y,country:x,represents\n",
    );
    let imported = json_of(ws.kg().args([
        "import",
        "--nodes",
        "nodes.csv",
        "--edges",
        "edges.csv",
        "--format",
        "json",
    ]));
    has_the_shape(&imported, "import");
    assert_eq!(imported["rows"], 1);
    assert_eq!(imported["articles"], 1);
    assert_eq!(imported["added"]["entities"], 2);
    assert_eq!(imported["added"]["relations"], 1);
}
