//! `docs/MODEL.md`, the model a clone carries, names the kinds and relations
//! kg knows, each relation between the kinds kg lets it join.

use kg::model::{EntityKind, RelationKind};
use std::collections::BTreeSet;

/// The first cell (between backquotes) and the second of every row of the
/// table under `heading`.
fn table(doc: &str, heading: &str) -> Vec<(String, String)> {
    let section = doc.split(heading).nth(1).expect("the section");
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

#[test]
fn the_model_doc_names_the_kinds_and_relations_kg_knows() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/MODEL.md"))
        .expect("docs/MODEL.md");
    let kinds: Vec<String> = table(&doc, "## Entity kinds")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let known: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(kinds, known);
    let relations = table(&doc, "## Relations");
    let names: Vec<&str> = relations.iter().map(|(r, _)| r.as_str()).collect();
    let known: Vec<&str> = RelationKind::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(names, known);
    for (name, ends) in &relations {
        let relation = RelationKind::parse(name).expect("a relation");
        let (mut sources, mut targets) = (BTreeSet::new(), BTreeSet::new());
        for pair in ends.split(", ") {
            let (s, t) = pair.split_once(" → ").expect("source → target");
            sources.extend(s.split(" / ").map(str::to_string));
            targets.extend(t.split(" / ").map(str::to_string));
        }
        let (ks, kt) = relation.endpoints();
        let names = |kinds: &[EntityKind]| -> BTreeSet<String> {
            kinds.iter().map(|k| k.as_str().to_string()).collect()
        };
        assert_eq!((sources, targets), (names(ks), names(kt)), "{name}");
    }
}
