//! One thing, one node, whatever the order: the same event told by two
//! articles is one milestone; the shipped corpus and our own short articles
//! (tests/fixtures/identity: Poland–South Korea, Brazil–Nigeria,
//! Kenya–Turkey) make one store in any order of ingest and after `kg
//! reindex`; a surname, a vaguer title or a wrong country in a later article
//! overstates nothing; an ambiguous name is refused; `kg forget` leaves
//! nothing the article gave.

use crate::util::{shipped, stdout_of, Workspace};
use kg::article::Article;
use kg::extract::Extractor;
use kg::graph::{ArticleRecord, KnowledgeGraph};
use kg::model::Extraction;
use kg::store::{self, Store};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/identity")
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// The shipped articles and ours, in path order, extracted once.
fn corpus() -> &'static [(Extraction, ArticleRecord)] {
    static CORPUS: OnceLock<Vec<(Extraction, ArticleRecord)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let files = kg::article::collect(&[shipped(), fixtures()]).expect("articles");
        let extractor = Extractor::shared().expect("extractor");
        files
            .iter()
            .map(|f| {
                let a: Article = kg::article::read(f, None).expect("article");
                let record = ArticleRecord {
                    id: a.id.clone(),
                    path: a.path.clone(),
                    title: a.title.clone(),
                    date: a.date.map(|d| d.to_string()),
                    text: a.text.clone(),
                    fingerprint: None,
                };
                (extractor.extract(&a), record)
            })
            .collect()
    })
}

/// The store text of the corpus merged in `order`.
fn store_text(order: &[usize]) -> String {
    let fingerprint = store::extractor_fingerprint();
    let mut graph = KnowledgeGraph::new();
    for &i in order {
        let (x, r) = &corpus()[i];
        graph.merge_recorded(x.clone(), r.clone(), &fingerprint);
    }
    store::to_string(&Store {
        graph,
        default_corpus: false,
        extractor: fingerprint,
    })
}

fn in_path_order() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| store_text(&(0..corpus().len()).collect::<Vec<_>>()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(50))]

    /// 50 random orders of the shipped corpus and our ten articles give one store.
    #[test]
    fn any_order_of_merging_gives_one_store(
        order in Just((0..15usize).collect::<Vec<_>>()).prop_shuffle()
    ) {
        prop_assume!(corpus().len() == 15);
        let text = store_text(&order);
        prop_assert!(text == in_path_order(), "order {:?} gives another store", order);
    }
}

#[test]
fn the_corpus_is_the_one_the_order_test_shuffles() {
    assert_eq!(corpus().len(), 15, "5 shipped articles and our 10");
}

/// A folder at once, the files one by one in reverse, and `kg reindex` of
/// each: the same bytes.
#[test]
fn ingest_at_once_one_by_one_and_reindex_give_the_same_bytes() {
    let ws = Workspace::new();
    let mut files = kg::article::collect(&[shipped(), fixtures()]).unwrap();
    let at_once = ws.path("at-once.ron");
    let by_one = ws.path("by-one.ron");
    let mut cmd = ws.kg_bare();
    cmd.arg("--store").arg(&at_once).arg("ingest").args(&files);
    cmd.assert().success();
    files.reverse();
    for f in &files {
        ws.kg_bare()
            .arg("--store")
            .arg(&by_one)
            .arg("ingest")
            .arg(f)
            .assert()
            .success();
    }
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    assert!(read(&at_once) == read(&by_one), "one by one differs");
    for store in [&at_once, &by_one] {
        ws.kg_bare()
            .arg("--store")
            .arg(store)
            .arg("reindex")
            .assert()
            .success();
    }
    assert!(read(&at_once) == read(&by_one), "reindexed differ");
    let merged = read(&at_once);
    assert!(!merged.contains("\"official:wrobel\""), "Wrobel split off");
}

/// The 2014 elevation the shipped corpus tells twice ("in 2014", "Sept 1,
/// 2014") and the Poland–South Korea one ("in June 2023", "on June 5, 2023")
/// are one milestone each, dated most precisely, backed by both articles.
#[test]
fn one_event_told_twice_is_one_milestone() {
    let text = in_path_order();
    let graph = store::from_str(Path::new("x.ron"), text).unwrap().graph;
    for (vague, precise) in [
        (
            "milestone:2014-elevation-india-japan",
            "milestone:2014-09-01-elevation-india-japan",
        ),
        (
            "milestone:2023-06-elevation-poland-south-korea",
            "milestone:2023-06-05-elevation-poland-south-korea",
        ),
    ] {
        assert!(graph.entity(vague).is_none(), "{vague} is a second node");
        let node = graph.index_of(precise).expect(precise);
        let articles: std::collections::BTreeSet<&str> = graph
            .incident(node)
            .flat_map(|(edge, _, _)| edge.evidence.iter().map(|e| e.article.as_str()))
            .collect();
        assert_eq!(articles.len(), 2, "{precise}: {articles:?}");
        assert_eq!(
            graph.entity(precise).unwrap().date(),
            precise
                .split('-')
                .take(3)
                .collect::<Vec<_>>()
                .join("-")
                .strip_prefix("milestone:")
        );
    }
}

/// "Brazilian Minister Adebayo" in a later article neither gives Musa
/// Adebayo a second country nor replaces "Foreign Minister" by "Minister";
/// nor does it in an earlier one.
#[test]
fn a_surname_with_a_wrong_country_and_a_vaguer_title_overstate_nothing() {
    let full = fixture("brazil_nigeria_tifa_2024-03-11.txt");
    let surname = fixture("brazil_nigeria_ratified_2024-05-20.txt");
    for order in [[&full, &surname], [&surname, &full]] {
        let ws = Workspace::new();
        for file in order {
            ws.kg().arg("ingest").arg(file).assert().success();
        }
        let show = stdout_of(ws.kg().args(["show", "Musa Adebayo"]));
        assert!(show.contains("  title: Foreign Minister\n"), "{show}");
        assert!(show.contains("  country: Nigeria\n"), "{show}");
        assert!(
            show.contains("Minister Adebayo"),
            "the surname joined: {show}"
        );
        let represents = show
            .split("\n\n")
            .find(|block| block.starts_with("—represents→"))
            .unwrap_or_default();
        assert!(represents.starts_with("—represents→ (1)"), "{show}");
        assert!(!represents.contains("—           Brazil\n"), "{show}");
    }
}

/// "Comprehensive Strategic Partnership" (and "CSP") is held by several
/// pairs: refused with the candidates; asked with Kenya, it is Kenya's own.
#[test]
fn an_ambiguous_name_is_refused_unless_the_other_end_tells() {
    let ws = Workspace::new();
    ws.kg().arg("ingest").arg(fixtures()).assert().success();
    for name in ["Comprehensive Strategic Partnership", "CSP"] {
        let out = ws.kg().args(["show", name]).assert().failure().code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        for id in [
            "agreement:turkey-kenya-comprehensive-strategic-partnership",
            "agreement:south-korea-poland-comprehensive-strategic-partnership",
            "agreement:japan-vietnam-comprehensive-strategic-partnership",
        ] {
            assert!(err.contains(id), "{name}: {err}");
        }
    }
    let out = stdout_of(ws.kg().args([
        "query",
        "Kenya",
        "Comprehensive Strategic Partnership",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = json.to_string();
    assert!(
        text.contains("agreement:turkey-kenya-comprehensive-strategic-partnership"),
        "{out}"
    );
    assert!(!text.contains("south-korea-poland"), "{out}");
    // The export of the routes resolves the pair alike.
    ws.kg()
        .args([
            "export", "--focus", "Kenya", "CSP", "--format", "dot", "-o", "-",
        ])
        .assert()
        .success();
}

/// Forgetting the article that called Ana Duarte "Minister Duarte" takes
/// "Duarte" and "Minister Duarte" with it: the store is the one the other
/// articles make.
#[test]
fn forget_leaves_no_alias_title_or_attribute_behind() {
    let ws = Workspace::new();
    let tifa = fixture("brazil_nigeria_tifa_2024-03-11.txt");
    let duarte = fixture("brazil_nigeria_duarte_2024-06-02.txt");
    ws.kg()
        .arg("ingest")
        .arg(&tifa)
        .arg(&duarte)
        .assert()
        .success();
    let before = stdout_of(ws.kg().args(["show", "Ana Duarte"]));
    assert!(before.contains("Minister Duarte"), "{before}");
    ws.kg().arg("forget").arg(&duarte).assert().success();
    let after = stdout_of(ws.kg().args(["show", "Ana Duarte"]));
    assert!(
        !after.contains("Duarte,") && !after.contains("Minister Duarte"),
        "{after}"
    );
    let only = Workspace::new();
    only.kg().arg("ingest").arg(&tifa).assert().success();
    assert_eq!(
        std::fs::read_to_string(ws.store()).unwrap(),
        std::fs::read_to_string(only.store()).unwrap(),
        "forgetting differs from never ingesting"
    );
}

/// Three articles of our own: "Defence Minister Nowak", "Adam Nowak" and a
/// second candidate, "Ewa Nowak".
fn nowak_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/identity_order");
    kg::article::collect(&[dir]).expect("articles")
}

/// A surname folded into the one official of it by an earlier ingest
/// ("Nowak" into Adam Nowak) is apart again when a later, separate ingest
/// brings a second candidate (Ewa Nowak): every order of ingesting the three
/// one by one, and `kg reindex` of each, give the bytes of ingesting them at
/// once.
#[test]
fn a_second_candidate_in_a_later_ingest_unfolds_what_an_earlier_folded() {
    let ws = Workspace::new();
    let files = nowak_fixtures();
    assert_eq!(files.len(), 3);
    let ingest = |store: &Path, files: &[PathBuf]| {
        let mut cmd = ws.kg_bare();
        cmd.arg("--store").arg(store).arg("ingest").args(files);
        cmd.assert().success();
    };
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let at_once = ws.path("at-once.ron");
    ingest(&at_once, &files);
    let text = read(&at_once);
    assert!(text.contains("\"official:nowak\""), "Nowak folded at once");
    // Files sort as Adam (0), Ewa (1), Nowak (2): [0, 2, 1] and [2, 0, 1]
    // fold Nowak before Ewa comes.
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for (n, order) in orders.iter().enumerate() {
        let store = ws.path(&format!("order-{n}.ron"));
        for &i in order {
            ingest(&store, &[files[i].clone()]);
        }
        assert!(read(&store) == text, "order {order:?} differs");
        ws.kg_bare()
            .arg("--store")
            .arg(&store)
            .arg("reindex")
            .assert()
            .success();
        assert!(read(&store) == text, "order {order:?} reindexed differs");
    }
}

/// The same through the journal of a large store: Adam Nowak and Nowak
/// appended to it, Ewa Nowak then, give the store of all at once.
#[test]
fn a_second_candidate_unfolds_through_the_journal_too() {
    let (one_by_one, at_once) = (Workspace::new(), Workspace::new());
    let files = nowak_fixtures();
    let names = ["adam.txt", "ewa.txt", "nowak.txt"];
    for ws in [&one_by_one, &at_once] {
        for i in 0..60 {
            ws.write(&format!("base/{i:02}.txt"), crate::journal::long_article(i));
        }
        for (file, name) in files.iter().zip(names) {
            ws.copy(file, name);
        }
    }
    let ingest = |ws: &Workspace, paths: &[&str]| {
        ws.kg().arg("ingest").args(paths).assert().success();
    };
    ingest(&one_by_one, &["base"]);
    ingest(&one_by_one, &["adam.txt"]);
    ingest(&one_by_one, &["nowak.txt"]);
    assert!(one_by_one.path("store.journal").exists(), "journaled");
    ingest(&one_by_one, &["ewa.txt"]);
    if one_by_one.path("store.journal").exists() {
        one_by_one.kg().arg("compact").assert().success();
    }
    ingest(&at_once, &["base", "adam.txt", "ewa.txt", "nowak.txt"]);
    let text = String::from_utf8(at_once.store_bytes()).unwrap();
    assert!(text.contains("\"official:nowak\""), "Nowak folded at once");
    assert!(one_by_one.store_bytes() == at_once.store_bytes(), "differs");
}
