//! What the property tests share: their case budget and the edits they make to
//! real texts (articles, stores) to find inputs that break a parser.

/// Cases per property, unless `PROPTEST_CASES` says otherwise.
pub fn budget(cases: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases)
}

/// One edit of a text at a char boundary; each test draws the kinds it needs.
#[derive(Debug, Clone)]
pub enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, what: String },
    Duplicate { at: usize, len: usize },
    Truncate { at: usize },
    Upper { at: usize, len: usize },
    Replace { at: usize, with: char },
}

/// The nearest char boundary at or below `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    kg::article::floor_boundary(text, at % (text.len() + 1))
}

/// The span of `len` bytes from `at`, both ends moved down to char boundaries.
fn span(text: &str, at: usize, len: usize) -> (usize, usize) {
    let a = boundary(text, at);
    (a, kg::article::floor_boundary(text, a + len))
}

pub fn apply(text: &mut String, edit: &Edit) {
    match edit {
        Edit::Delete { at, len } => {
            let (a, b) = span(text, *at, *len);
            text.replace_range(a..b, "");
        }
        Edit::Insert { at, what } => {
            let a = boundary(text, *at);
            text.insert_str(a, what);
        }
        Edit::Duplicate { at, len } => {
            let (a, b) = span(text, *at, *len);
            let copy = text[a..b].to_string();
            text.insert_str(b, &copy);
        }
        Edit::Truncate { at } => {
            let a = boundary(text, *at);
            text.truncate(a);
        }
        Edit::Upper { at, len } => {
            let (a, b) = span(text, *at, *len);
            let upper = text[a..b].to_uppercase();
            text.replace_range(a..b, &upper);
        }
        Edit::Replace { at, with } => {
            let a = boundary(text, *at);
            if let Some(c) = text[a..].chars().next() {
                text.replace_range(a..a + c.len_utf8(), &with.to_string());
            }
        }
    }
}
