//! How long DOT takes for a 2,000-node neighbourhood, against the time Graphviz
//! needs to lay it out. Ignored by default (it wants a release build):
//!
//! ```sh
//! cargo test --release --test cli scale -- --ignored --nocapture
//! ```

use kg::export;
use kg::graph::KnowledgeGraph;
use kg::model::{Attrs, Entity, EntityKind, Evidence, RelationKind};
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A deterministic generator, so the graph is the same every run.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// 60 countries with 12 officials each, 300 agreements between two countries and
/// 1,500 meetings between two officials: 2,580 entities, every relation with a
/// sentence of news length.
fn synthetic() -> KnowledgeGraph {
    let mut kg = KnowledgeGraph::new();
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let sentence = |what: &str| Evidence {
        article: format!("article-{}", what.len() % 7),
        sentence: format!(
            "In a statement on Monday, the ministry said that {what} had been agreed \
             after talks in the capital, and that both sides would meet again next year."
        ),
        start: 0,
        end: 120,
    };
    let (countries, officials, agreements, meetings) = (60, 12, 300, 1_500);
    for c in 0..countries {
        kg.upsert_entity(Entity::new(
            EntityKind::Country,
            &format!("c{c}"),
            &format!("Country {c}"),
        ));
        for o in 0..officials {
            let mut e = Entity::new(
                EntityKind::Official,
                &format!("c{c}-o{o}"),
                &format!("Official {o} of Country {c}"),
            );
            e.attrs
                .insert("title".into(), "Minister of Foreign Affairs".into());
            kg.upsert_entity(e);
            let who = format!("official:c{c}-o{o}");
            kg.add_relation(
                &who,
                RelationKind::Represents,
                &format!("country:c{c}"),
                Attrs::new(),
                sentence(&who),
            );
        }
    }
    for a in 0..agreements {
        kg.upsert_entity(Entity::new(
            EntityKind::Agreement,
            &format!("a{a}"),
            &format!("Strategic Partnership {a}"),
        ));
        for _ in 0..2 {
            let c = rng.below(countries);
            kg.add_relation(
                &format!("country:c{c}"),
                RelationKind::PartyTo,
                &format!("agreement:a{a}"),
                Attrs::new(),
                sentence("a partnership"),
            );
        }
    }
    for m in 0..meetings {
        let mut e = Entity::new(
            EntityKind::Milestone,
            &format!("m{m}"),
            &format!("Ministers' meeting {m}"),
        );
        e.attrs.insert(
            "date".into(),
            format!("20{:02}-{:02}-{:02}", 10 + m % 15, 1 + m % 12, 1 + m % 28),
        );
        e.attrs.insert("kind".into(), "meeting".into());
        kg.upsert_entity(e);
        for _ in 0..2 {
            let (c, o) = (rng.below(countries), rng.below(officials));
            kg.add_relation(
                &format!("milestone:m{m}"),
                RelationKind::Involves,
                &format!("official:c{c}-o{o}"),
                Attrs::new(),
                sentence("a meeting"),
            );
        }
    }
    kg
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[test]
#[ignore = "a timing: run in release with --ignored --nocapture"]
fn dot_for_a_2000_node_neighbourhood_is_much_faster_than_graphviz() {
    let reader = kg::query::Reader::of_graph(&synthetic());
    let filter = kg::export::Filter::default();
    let drawing = reader
        .view(&kg::query::ViewRequest {
            foci: &["country:c0".to_string()],
            filter: &filter,
            depth: 10,
            ego_max: 2_000,
            whole_max: None,
            max_hops: 4,
            limit: 10,
        })
        .expect("the focus");
    let (kg, view) = (&drawing.graph, &drawing.view);
    assert_eq!(view.len(), 2_000, "{} left out", drawing.left_out);
    let edges = view.drawn_edges(kg).len();

    let mut dot = String::new();
    let runs: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            dot = export::to_dot(kg, view);
            start.elapsed()
        })
        .collect();
    let to_dot = median(runs);
    println!(
        "to_dot: {} nodes, {edges} edges, {} KB of DOT in {:.1} ms (median of 5)",
        view.len(),
        dot.len() / 1024,
        to_dot.as_secs_f64() * 1e3
    );
    assert!(to_dot < Duration::from_secs(1), "to_dot took {to_dot:?}");

    let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        println!("Graphviz `dot` is not installed: no comparison");
        return;
    };
    let start = Instant::now();
    let mut stdin = child.stdin.take().expect("stdin");
    let input = dot.clone();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("dot runs");
    let graphviz = start.elapsed();
    writer.join().expect("writer").expect("DOT written");
    assert!(out.status.success(), "dot failed");
    println!(
        "dot -Tsvg: {:.2} s for the same DOT ({} KB of SVG)",
        graphviz.as_secs_f64(),
        out.stdout.len() / 1024
    );
    assert!(
        to_dot * 10 < graphviz,
        "to_dot {to_dot:?} vs dot {graphviz:?}"
    );
}
