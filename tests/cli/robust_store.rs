//! The store loader's fuzz harness: `kg::store::from_str` on arbitrary text,
//! RON-shaped noise and mutated real stores never panics, reports damage with
//! a line and column inside the text, and whatever it accepts saves and loads
//! back the same; the CSV reader of `kg import` on CSV-shaped noise (open
//! quotes, surplus fields, NULs) never panics and refuses at a line inside
//! the file. The budget is a fixed number of proptest cases (in each
//! test's name; `PROPTEST_CASES` overrides it), as cargo-fuzz needs nightly.

use crate::mutate::{apply, budget, Edit};
use kg::error::StoreError;
use kg::store;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn fixture_v1() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.ron");
        std::fs::read_to_string(path).expect("the version-1 fixture")
    })
}

/// The fixture migrated and written as this version writes it.
fn current() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let store = store::from_str(Path::new("v1.ron"), fixture_v1()).expect("fixture loads");
        store::to_string(&store)
    })
}

/// Loads `text`; a panic fails the case, damage must be reported inside it,
/// and an accepted store must round-trip.
fn check(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("fuzz.ron");
    match store::from_str(path, text) {
        Ok(loaded) => {
            let again = store::to_string(&loaded);
            let back = store::from_str(path, &again)
                .map_err(|e| TestCaseError::fail(format!("saved store does not load: {e}")))?;
            prop_assert_eq!(store::to_string(&back), again);
        }
        Err(err) => {
            prop_assert!(err.to_string().starts_with("fuzz.ron: "), "{}", err);
            if let StoreError::Corrupt { line, column, .. } = err {
                let lines = text.split('\n').count();
                prop_assert!(line >= 1 && line <= lines + 1, "line {} of {}", line, lines);
                prop_assert!(column >= 1, "column {}", column);
            }
        }
    }
    Ok(())
}

/// RON tokens and the store's own words, in any order.
fn ron_noise() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        "\"",
        "\\",
        "\n",
        " ",
        "version",
        "version: 2",
        "version: 1",
        "version: 0",
        "articles",
        "entities",
        "relations",
        "evidence",
        "id",
        "kind",
        "country",
        "official",
        "relation",
        "meets",
        "source",
        "target",
        "Some(",
        "None",
        "true",
        "false",
        "-1",
        "0",
        "18446744073709551616",
        "1e999",
        "\"x\"",
        "r#\"raw\"#",
        "'c'",
        "//",
        "/*",
        "*/",
        "#![enable(implicit_some)]",
    ];
    let token = prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(String::from),
        1 => any::<String>(),
    ];
    proptest::collection::vec(token, 0..120).prop_map(|t| t.concat())
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1..64usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), ron_noise()).prop_map(|(at, what)| Edit::Insert { at, what }),
        (any::<usize>(), 1..2000usize).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        any::<usize>().prop_map(|at| Edit::Truncate { at }),
        (any::<usize>(), any::<char>()).prop_map(|(at, with)| Edit::Replace { at, with }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(budget(2048)))]

    #[test]
    fn arbitrary_text_2048_cases(text in any::<String>()) {
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(budget(512)))]

    #[test]
    fn ron_shaped_noise_512_cases(text in ron_noise()) {
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(budget(512)))]

    /// The version-1 fixture or its version-2 form, with up to four edits.
    #[test]
    fn mutated_stores_512_cases(
        v1 in any::<bool>(),
        edits in proptest::collection::vec(edit(), 1..5),
    ) {
        let mut text = if v1 { fixture_v1() } else { current() }.to_string();
        for e in &edits {
            apply(&mut text, e);
        }
        check(&text)?;
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["(", "[", "{", "Some(", "(version: 2, articles: ["] {
        let text = open.repeat(200_000);
        let err = store::from_str(Path::new("deep.ron"), &text).unwrap_err();
        assert!(err.to_string().starts_with("deep.ron: "), "{err}");
    }
}

#[test]
fn every_truncation_of_a_store_is_refused_with_a_position() {
    let text = current();
    let cuts: Vec<usize> = (0..text.len())
        .step_by(97)
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for cut in cuts {
        match store::from_str(Path::new("cut.ron"), &text[..cut]) {
            Err(StoreError::Corrupt { line, .. }) => assert!(line >= 1),
            other => panic!("a store cut at byte {cut} gave {other:?}"),
        }
    }
}

/// CSV fields and separators as an import meets them, awkward ones included:
/// quotes left open or doubled, surplus fields, NULs, carriage returns.
fn csv_noise() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "country:india",
        "official:a",
        "country",
        "official",
        "India",
        "represents",
        "meets",
        ",",
        ",",
        "\n",
        "\n",
        "\r\n",
        "\"",
        "\"\"",
        "\"a, b\"",
        "\0",
        " ",
        "é",
    ];
    proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)
        .prop_map(|tokens| tokens.concat())
}

/// Reads `nodes` and `edges` as `kg import` does: a panic fails the case, and
/// a refusal names a file and a line inside it.
fn check_csv(nodes: &str, edges: &str) -> Result<(), TestCaseError> {
    use kg::error::ImportError;
    use kg::store::{read_csv as read, ReadOptions};
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (n, e) = (dir.path().join("nodes.csv"), dir.path().join("edges.csv"));
    std::fs::write(&n, nodes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    std::fs::write(&e, edges).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let options = ReadOptions {
        spans: true,
        digest: true,
        known: None,
    };
    match read(&n, &e, &options) {
        Ok(graph) => {
            let rows = nodes.lines().count();
            prop_assert!(
                graph.ids.len() <= rows,
                "{} entities from {} lines",
                graph.ids.len(),
                rows
            );
        }
        Err(ImportError::Rows { errors, total }) => {
            prop_assert!(total >= errors.len() && !errors.is_empty());
            for err in errors {
                let text = if err.path == n { nodes } else { edges };
                let lines = text.split('\n').count() as u64;
                prop_assert!(
                    err.line >= 1 && err.line <= lines,
                    "line {} of {}",
                    err.line,
                    lines
                );
            }
        }
        Err(_) => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(budget(256)))]

    #[test]
    fn csv_noise_is_read_or_refused_at_a_line_256_cases(
        nodes in csv_noise(),
        edges in csv_noise(),
    ) {
        check_csv(&format!("id,kind,label\n{nodes}"), &format!("source,target,relation\n{edges}"))?;
    }
}
