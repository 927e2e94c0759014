//! No input makes the extractor panic or run away: property tests on
//! arbitrary text and on mutated real articles, checking that every relation's
//! evidence slices the text to its sentence and joins entities the extraction
//! holds, and timings of long inputs against short ones.
//!
//! These are the extractor's fuzz harness in CI: cargo-fuzz needs a nightly
//! toolchain and cargo-fuzz itself, which CI does not have, so the budget is a
//! fixed number of proptest cases (in each test's name), run on every
//! `cargo test`. `PROPTEST_CASES=20000 cargo test --release robust_`
//! runs a longer campaign.

use crate::mutate::{apply, budget, Edit};
use crate::util::shipped;
use kg::article::Article;
use kg::extract::Extractor;
use kg::model::Extraction;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn extractor() -> &'static Extractor {
    Extractor::shared().expect("the built-in gazetteers load")
}

/// The shipped articles' texts, to mutate.
fn real_texts() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(shipped())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// Extracts `text`, failing the case on an evidence that does not slice the
/// text to its sentence or a relation end the extraction does not hold.
fn check(text: &str) -> Result<Extraction, TestCaseError> {
    let x = extractor().extract(&Article::from_text("prop.txt", text.to_string(), None));
    for r in &x.relations {
        let ev = &r.evidence;
        prop_assert!(ev.start <= ev.end, "{r:?}");
        prop_assert_eq!(
            text.get(ev.start..ev.end),
            Some(ev.sentence.as_str()),
            "evidence {}..{} does not slice the text to its sentence",
            ev.start,
            ev.end
        );
        for end in [&r.source, &r.target] {
            prop_assert!(
                x.entities.iter().any(|e| &e.id == end),
                "relation end {end} is not an entity of the extraction"
            );
        }
    }
    Ok(x)
}

/// Text shaped like news, dense in what the extractor looks for: names,
/// titles, countries, dates, agreements, abbreviations, odd punctuation.
fn newsy() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "India",
        "Japan",
        "Japanese",
        "U.S.",
        "Prime Minister",
        "Defence Minister",
        "Mr.",
        "Dr.",
        "Narendra Modi",
        "Modi",
        "Nakatani",
        "met",
        "will meet",
        "signed",
        "the",
        "and",
        "of",
        "on Monday",
        "May 4, 2025",
        "2014",
        "September",
        "Special Strategic and Global Partnership",
        "Agreement",
        "ASEAN",
        "Ministry of Defence",
        "New Delhi",
        "Tokyo",
        "in",
        "summit",
        "–",
        "-",
        "'s",
        "\u{2019}s",
        "\"",
        "(",
        ")",
        ".",
        ",",
        ":",
        "\n\n",
        "date 2025-05-04",
        "é",
        "🙂",
    ];
    let word = prop_oneof![
        6 => proptest::sample::select(WORDS).prop_map(String::from),
        1 => "[A-Z][a-z]{0,8}",
        1 => "[0-9]{1,4}",
    ];
    proptest::collection::vec(word, 0..200).prop_map(|words| words.join(" "))
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..200usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), any::<String>()).prop_map(|(at, what)| Edit::Insert { at, what }),
        (any::<usize>(), "[.,;:!?\"'()\\[\\]\n –—]{1,4}")
            .prop_map(|(at, what)| Edit::Insert { at, what }),
        (any::<usize>(), 0..400usize).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        any::<usize>().prop_map(|at| Edit::Truncate { at }),
        (any::<usize>(), 0..100usize).prop_map(|(at, len)| Edit::Upper { at, len }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(budget(1024)))]

    /// Any string at all, control characters and astral planes included.
    #[test]
    fn arbitrary_strings_1024_cases(text in any::<String>()) {
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(budget(256)))]

    /// Strings of what the extractor reacts to, in any order.
    #[test]
    fn newsy_word_salad_256_cases(text in newsy()) {
        check(&text)?;
    }

    /// A shipped article with up to eight random edits.
    #[test]
    fn mutated_real_articles_256_cases(
        which in 0..5usize,
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let texts = real_texts();
        let mut text = texts[which % texts.len()].clone();
        for e in &edits {
            apply(&mut text, e);
        }
        check(&text)?;
    }
}

/// Found by the mutation test above (seed e973619f…): the defence-ministers
/// article cut after "within six months after their" made the event phrase
/// look for another event word past the sentence's last token.
#[test]
fn a_shipped_article_cut_mid_sentence_extracts() {
    let texts = real_texts();
    let mut text = texts[1].clone();
    text.truncate(kg::article::floor_boundary(&text, 1033));
    check(&text).map_err(|e| e.to_string()).unwrap();
}

#[test]
fn real_articles_keep_their_relations() {
    for text in real_texts() {
        let x = check(&text).map_err(|e| e.to_string()).unwrap();
        assert!(!x.relations.is_empty());
    }
}

/// The CPU time this thread has run, where Linux tells it (nanoseconds, in
/// `/proc/thread-self/schedstat`): unlike the clock on the wall, it does not
/// grow while other tests or processes hold the cores.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    (nanos > 0).then(|| Duration::from_nanos(nanos))
}

/// The least time (CPU time where known) of one extraction of `text`, over `runs`
/// batches. A batch repeats the extraction until it has run for 50 ms, since the
/// thread's CPU clock advances in scheduler ticks of a few milliseconds.
fn time(text: &str, runs: usize) -> Duration {
    let article = Article::from_text("long.txt", text.to_string(), None);
    let clock = || (thread_cpu_time(), Instant::now());
    let since = |(cpu, wall): (Option<Duration>, Instant)| match (cpu, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    (0..runs)
        .map(|_| {
            let mut batch = 1u32;
            loop {
                let start = clock();
                for _ in 0..batch {
                    std::hint::black_box(extractor().extract(&article));
                }
                let took = since(start);
                if took >= Duration::from_millis(50) || batch >= 1 << 16 {
                    return took / batch;
                }
                batch *= 2;
            }
        })
        .min()
        .unwrap_or_default()
}

/// The shipped articles, repeated up to `bytes`.
fn news(bytes: usize) -> String {
    let all = real_texts().join("\n");
    let mut text = String::with_capacity(bytes + all.len());
    while text.len() < bytes {
        text.push_str(&all);
        text.push('\n');
    }
    text
}

/// `text` eight times over takes less than `bound` times as long as once.
fn assert_near_linear(what: &str, text: &str, bound: f64) {
    extractor();
    let once = time(text, 3);
    let eight = time(&text.repeat(8), 1);
    let ratio = eight.as_secs_f64() / once.as_secs_f64().max(1e-6);
    eprintln!(
        "linear-time check, {what}: {} bytes in {:?}, 8× in {:?}: {ratio:.1}× (bound {bound}×)",
        text.len(),
        once,
        eight
    );
    assert!(
        ratio < bound,
        "{what}: 8× the text took {ratio:.1}× as long (bound {bound}×)"
    );
}

/// The shipped articles repeated to 50 KB, then 400 KB: linear would be 8×.
#[test]
fn extraction_time_grows_linearly_50kb_to_400kb() {
    assert_near_linear("news, 50 KB", &news(50_000), 20.0);
}

/// One endless sentence, and runs of names: linear would be 8×. Sentences are
/// capped at 2,000 bytes and the future tense is found once per sentence, so no
/// input without full stops becomes one quadratic sentence.
#[test]
fn long_sentences_extract_in_linear_time() {
    assert_near_linear("no sentence breaks", &"the talks ".repeat(500), 20.0);
    assert_near_linear("full stops only", &". ".repeat(2_500), 20.0);
    assert_near_linear("names only", &"India Japan ".repeat(400), 20.0);
}
