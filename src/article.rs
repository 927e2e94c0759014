//! Articles: reading them from disk (or standard input, named `-`) with
//! clear errors, HTML read as its text, their content-hash id, title, and
//! the publication date read from the dateline.

use crate::error::ArticleError;
use jiff::civil::Date;
use regex::Regex;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Articles larger than this are refused: news text is kilobytes, not megabytes.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// One article's text and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// First 16 hex digits of the SHA-256 of the text.
    pub id: String,
    pub path: String,
    pub title: String,
    /// Publication date: `--date`, else the dateline.
    pub date: Option<Date>,
    pub text: String,
}

impl Article {
    /// Builds an article from text already in memory.
    pub fn from_text(path: &str, text: String, date: Option<Date>) -> Article {
        let id = content_id(&text);
        let title = title_of(&text);
        let file_date = file_name_date(path);
        let date = date
            .or_else(|| dateline_date(&text))
            .or_else(|| yearless_dateline_date(&text, file_date))
            .or(file_date);
        Article {
            id,
            path: path.to_string(),
            title,
            date,
            text,
        }
    }
}

/// The content hash that makes re-ingesting the same text a no-op.
pub fn content_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Reads and validates one article file: a regular file (a symlink to one is
/// followed) of at most [`MAX_ARTICLE_BYTES`], read with that hard limit so a
/// device or a file that grows while read cannot exhaust memory.
///
/// `-` reads standard input, recorded as [`STDIN_PATH`]. An HTML page (by
/// its `.html`/`.htm` name, or a text starting `<!DOCTYPE html` or `<html`)
/// is read as its text ([`html_text`]).
pub fn read(path: &Path, date: Option<Date>) -> Result<Article, ArticleError> {
    let stdin = path == Path::new(STDIN);
    let path: &Path = if stdin { Path::new(STDIN_PATH) } else { path };
    let bytes = if stdin {
        read_stdin()?
    } else {
        read_limited(path)?
    };
    if bytes.is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ArticleError::Blank {
            path: path.to_path_buf(),
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ArticleError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| ArticleError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if is_html(path, &text) {
        text = html_text(&text).map_err(|message| ArticleError::Html {
            path: path.to_path_buf(),
            message,
        })?;
        if text.trim().is_empty() {
            return Err(ArticleError::Blank {
                path: path.to_path_buf(),
            });
        }
    }
    Ok(Article::from_text(&path.display().to_string(), text, date))
}

/// The path that names standard input.
pub const STDIN: &str = "-";

/// The path an article read from standard input is recorded under.
pub const STDIN_PATH: &str = "<stdin>";

/// Standard input, at most [`MAX_ARTICLE_BYTES`] of it.
fn read_stdin() -> Result<Vec<u8>, ArticleError> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ArticleError::Io {
            path: STDIN_PATH.into(),
            source,
        })?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            path: STDIN_PATH.into(),
            size: bytes.len() as u64,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    Ok(bytes)
}

/// Whether `text` read from `path` is an HTML page: by its name, else by
/// how it starts.
fn is_html(path: &Path, text: &str) -> bool {
    if matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("html" | "htm" | "xhtml")
    ) {
        return true;
    }
    let start: String = text
        .trim_start()
        .chars()
        .take(14)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// The text of an HTML page, as a reader sees it: tags stripped, character
/// references decoded (`&apos;`, `&amp;`, `&#39;`, `&nbsp;` as a space),
/// scripts, styles and the head left out, one paragraph a block with a
/// blank line between; no markup of its own (no `#` before a heading, no
/// brackets round a link). Parsed by html2text (html5ever, the HTML
/// standard's parser), so broken markup is read as a browser reads it.
pub fn html_text(html: &str) -> Result<String, String> {
    let width = html.len().max(80);
    let text = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .raw_mode(true)
        .no_link_wrapping()
        .string_from_read(html.as_bytes(), width)
        .map_err(|e| e.to_string())?;
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    Ok(lines.join("\n").replace('\u{a0}', " ").trim().to_string() + "\n")
}

/// The bytes of the regular file at `path`, refusing special files (a FIFO
/// would block, a device never end) and anything over [`MAX_ARTICLE_BYTES`].
fn read_limited(path: &Path) -> Result<Vec<u8>, ArticleError> {
    use std::io::Read as _;
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => ArticleError::Missing {
            path: path.to_path_buf(),
        },
        _ => ArticleError::Io {
            path: path.to_path_buf(),
            source,
        },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ArticleError::NotRegular {
            path: path.to_path_buf(),
            what: special_kind(&meta),
        });
    }
    let too_large = |size| ArticleError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_ARTICLE_BYTES,
    };
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a file that is not a regular one is, in words.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md" | "html" | "htm")
    )
}

/// Expands files and folders into the article files they hold, sorted,
/// folders recursively; `-` (standard input) is kept as it is.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ArticleError> {
    let mut out = Vec::new();
    for path in paths {
        if path == Path::new(STDIN) {
            out.push(path.clone());
            continue;
        }
        if !path.exists() {
            return Err(ArticleError::Missing { path: path.clone() });
        }
        if path.is_dir() {
            let before = out.len();
            collect_dir(path, &mut out)?;
            if out.len() == before {
                return Err(ArticleError::NoArticles { path: path.clone() });
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ArticleError> {
    let io = |source| ArticleError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        // Following symlinks; special files (FIFOs, devices) named like
        // articles are skipped, as are links to nothing.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            collect_dir(&path, out)?;
        } else if meta.is_file() && is_article_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Where a leading `date YYYY-MM-DD` marker ends: the text before it is metadata.
pub fn dateline_marker_end(text: &str) -> Option<usize> {
    dateline_marker().find(text).map(|m| m.end())
}

/// Parses `YYYY-MM-DD` as given to `--date`.
pub fn parse_date_option(value: &str) -> Result<Date, ArticleError> {
    value
        .trim()
        .parse::<Date>()
        .map_err(|_| ArticleError::BadDate {
            value: value.to_string(),
        })
}

/// The first non-empty line, without a leading `date YYYY-MM-DD` marker, cut to 120 chars.
fn title_of(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = dateline_marker()
        .find(line)
        .map(|m| line[m.end()..].trim_start())
        .unwrap_or(line);
    let mut title: String = line.chars().take(120).collect();
    if title.len() < line.len() {
        title.push('…');
    }
    title
}

fn dateline_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\s*(?i:date)[:\s]+(\d{4}-\d{2}-\d{2})").expect("static regex"))
}

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS
        .iter()
        .position(|m| *m == key)
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn full_date_patterns() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let month = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        [
            Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("static regex"),
            Regex::new(&format!(r"(?i)\b{month}\s+(\d{{1,2}}),?\s+(\d{{4}})\b")).expect("static regex"),
            Regex::new(&format!(r"(?i)\b(\d{{1,2}})\s+{month},?\s+(\d{{4}})\b")).expect("static regex"),
        ]
    })
}

/// The publication date from the dateline: an explicit `date YYYY-MM-DD` marker, or the
/// first full date ("May 4, 2025", "17 September 2025") in the article's header lines.
pub fn dateline_date(text: &str) -> Option<Date> {
    if let Some(c) = dateline_marker().captures(text) {
        if let Ok(d) = c[1].parse::<Date>() {
            return Some(d);
        }
    }
    // The header: the lines before the first long paragraph of body text.
    let mut header_end = 0;
    for line in text.split_inclusive('\n') {
        header_end += line.len();
        if line.trim().len() > 200 {
            break;
        }
    }
    let header = &text[..header_end.min(text.len())];
    let header = &header[..floor_boundary(header, 400)];
    // A date far into a long line belongs to a caption or the story, not the dateline.
    let mut kept = String::with_capacity(header.len());
    for line in header.split_inclusive('\n') {
        if line.trim().len() <= 100 {
            kept.push_str(line);
        } else {
            kept.push_str(&line[..floor_boundary(line, 60)]);
            kept.push('\n');
        }
    }
    let header = kept.as_str();
    let [iso, mdy, dmy] = full_date_patterns();
    let mut best: Option<(usize, Date)> = None;
    let mut consider = |pos: usize, y: &str, m: i8, d: &str| {
        let (Ok(y), Ok(d)) = (y.parse::<i16>(), d.parse::<i8>()) else {
            return;
        };
        if let Ok(date) = Date::new(y, m, d) {
            if best.is_none_or(|(p, _)| pos < p) {
                best = Some((pos, date));
            }
        }
    };
    if let Some(c) = iso.captures(header) {
        if let Ok(m) = c[2].parse::<i8>() {
            consider(c.get(0).map_or(0, |m| m.start()), &c[1], m, &c[3]);
        }
    }
    if let Some(c) = mdy.captures(header) {
        if let Some(m) = month_number(&c[1]) {
            consider(c.get(0).map_or(0, |m| m.start()), &c[3], m, &c[2]);
        }
    }
    if let Some(c) = dmy.captures(header) {
        if let Some(m) = month_number(&c[2]) {
            consider(c.get(0).map_or(0, |m| m.start()), &c[3], m, &c[1]);
        }
    }
    // A dateline without a year ahead of the first full date: that date is the story's.
    let yearless = yearless_dateline().find(header).map(|m| m.start());
    best.filter(|&(p, _)| yearless.is_none_or(|y| p < y))
        .map(|(_, d)| d)
}

/// The date a file name ends with: `india_japan_defence_2025-05-04.txt`.
pub fn file_name_date(path: &str) -> Option<Date> {
    let stem = Path::new(path).file_stem()?.to_str()?;
    let tail = stem.get(stem.len().checked_sub(10)?..)?;
    let before = stem[..stem.len() - 10].chars().next_back();
    if before.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    tail.parse::<Date>().ok()
}

/// "CANBERRA, March 3 (Reuters) -", "March 3 \u{2014}": a dateline that gives no year,
/// opening one of the header lines, with no full date before it. Its year is the one
/// that puts it nearest to a reference date: the file's date, else the full date the
/// text gives nearest to the top. Without either, the article stays undated.
pub fn yearless_dateline_date(text: &str, file_date: Option<Date>) -> Option<Date> {
    let header = &text[..floor_boundary(text, 400)];
    let c = yearless_dateline().captures(header)?;
    let dateline = c.get(0)?;
    let month = month_number(c.get(1)?.as_str())?;
    let day: i8 = c.get(2)?.as_str().parse().ok()?;
    // A full date ahead of it is the dateline `dateline_date` reads.
    let reference = file_date.or_else(|| {
        let [iso, mdy, dmy] = full_date_patterns();
        let first = |re: &Regex, ymd: [usize; 3]| {
            re.captures_iter(text).find_map(|c| {
                let m = c.get(ymd[1])?.as_str();
                let month = m.parse::<i8>().ok().or_else(|| month_number(m))?;
                let date = Date::new(
                    c.get(ymd[0])?.as_str().parse().ok()?,
                    month,
                    c.get(ymd[2])?.as_str().parse().ok()?,
                )
                .ok()?;
                Some((c.get(0)?.start().abs_diff(dateline.end()), date))
            })
        };
        [
            first(iso, [1, 2, 3]),
            first(mdy, [3, 1, 2]),
            first(dmy, [3, 2, 1]),
        ]
        .into_iter()
        .flatten()
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, d)| d)
    })?;
    (reference.year() - 1..=reference.year() + 1)
        .filter_map(|y| Date::new(y, month, day).ok())
        .filter_map(|d| Some((reference.until(d).ok()?.get_days().unsigned_abs(), d)))
        .min_by_key(|(days, _)| *days)
        .map(|(_, d)| d)
}

fn yearless_dateline() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // An optional place in any case ("CANBERRA", "New Delhi [India]"), a comma, the
        // month and day, an optional agency in brackets, then a dash or colon. Latin
        // letters only: Unicode classes would make it costly to compile.
        let month = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        Regex::new(&format!(
            r"(?m)^[ \t]*(?:[A-Z\u{{C0}}-\u{{17F}}][A-Za-z\u{{C0}}-\u{{17F}}.'\- ]{{0,40}}(?:\[[^\]\n]{{1,30}}\])?,[ \t]*){{0,2}}(?i:{month})[ \t]+(\d{{1,2}})[ \t]*(?:\([^)\n]{{1,40}}\)[ \t]*)?(?:--|-|\u{{2013}}|\u{{2014}}|:)"
        ))
        .expect("static regex")
    })
}

/// The largest char boundary at or below `max`.
pub fn floor_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dateline_marker_wins() {
        let t = " date 2025-05-04 New Delhi [India], May 4 (ANI): Defence Minister met.";
        assert_eq!(dateline_date(t), Some(date(2025, 5, 4)));
        assert_eq!(
            title_of(t),
            "New Delhi [India], May 4 (ANI): Defence Minister met."
        );
    }

    #[test]
    fn header_dates_in_common_shapes() {
        assert_eq!(
            dateline_date("Headline\n\nFinancial Times -Guy in Berlin JANUARY 22, 2019\n\nBody."),
            Some(date(2019, 1, 22))
        );
        assert_eq!(
            dateline_date("Title\n\nWednesday, 17 September 2025, 1:13 pm\n\nBody"),
            Some(date(2025, 9, 17))
        );
        assert_eq!(
            dateline_date("by X Sep 28, 2021, 16:50 PM\n"),
            Some(date(2021, 9, 28))
        );
        assert_eq!(dateline_date("No date here at all.\n"), None);
    }

    #[test]
    fn same_text_same_id() {
        assert_eq!(content_id("abc"), content_id("abc"));
        assert_ne!(content_id("abc"), content_id("abd"));
        assert_eq!(content_id("abc").len(), 16);
    }
}
