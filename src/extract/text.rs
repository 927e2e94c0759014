//! Segmentation: sentences with byte spans, and word tokens inside them.

/// A sentence: byte span into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A word or punctuation mark with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// Starts with an upper-case letter ("Singh", "KIHARA", "Việt").
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

/// "India's", "Philippines’": a possessive form, which names an owner, not a person's country.
pub fn is_possessive(word: &str) -> bool {
    owner(word).is_some()
}

/// The owner a possessive names: "India" of "India's".
pub fn owner(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joins_words(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '&' | '@')
}

/// Splits `text[span]` into tokens. Words keep internal hyphens and apostrophes
/// ("Meeting-Plus", "Côte d'Ivoire" is two words); a period inside a word is kept
/// ("U.S", "H.E"), and every other symbol is a token of its own.
pub fn tokenize<'a>(text: &'a str, span: Span) -> Vec<Token<'a>> {
    let slice = &text[span.start..span.end];
    let bytes = slice.as_bytes();
    // News text averages about six bytes a token.
    let mut tokens = Vec::with_capacity(slice.len() / 4 + 1);
    let push = |tokens: &mut Vec<Token<'a>>, start: usize, end: usize| {
        tokens.push(Token {
            text: &text[span.start + start..span.start + end],
            start: span.start + start,
            end: span.start + end,
        })
    };
    let mut i = 0;
    while let Some((class, len)) = class_at(slice, i) {
        if class == Class::Space {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        if class == Class::Word {
            loop {
                // ASCII letters and digits, the bulk of a word, one lookup each.
                while bytes.get(i).is_some_and(|&b| ASCII_WORD[usize::from(b)]) {
                    i += 1;
                }
                let Some((class, len)) = class_at(slice, i) else {
                    break;
                };
                let after = i + len;
                // A joiner joins only when a word character follows: "U.S" and
                // "al-Sisi", not "Sisi-".
                let joins = class == Class::Joiner
                    && class_at(slice, after).is_some_and(|(c, _)| c == Class::Word);
                if !(class == Class::Word || joins) {
                    break;
                }
                i = after;
            }
        }
        push(&mut tokens, start, i);
    }
    tokens
}

/// What a character does in a token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    /// Letters and digits, of any script.
    Word,
    /// Joins two words into one token: hyphens, apostrophes, `&`, `@`, `.`.
    Joiner,
    Other,
}

/// Classes of the ASCII bytes, by table: nearly all of English news text.
const ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        table[b] = if c.is_ascii_whitespace() || b == 0x0B {
            Class::Space
        } else if c.is_ascii_alphanumeric() {
            Class::Word
        } else if matches!(c, '-' | '\'' | '&' | '@' | '.') {
            Class::Joiner
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// The ASCII bytes of class `Word`.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = matches!(ASCII_CLASSES[b], Class::Word);
        b += 1;
    }
    table
};

/// The class and UTF-8 length of the character at byte `i` of `s` (a char boundary).
fn class_at(s: &str, i: usize) -> Option<(Class, usize)> {
    let &b = s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((ASCII_CLASSES[usize::from(b)], 1));
    }
    let c = s[i..].chars().next()?;
    let class = if c.is_whitespace() {
        Class::Space
    } else if is_word_char(c) {
        Class::Word
    } else if joins_words(c) {
        Class::Joiner
    } else {
        Class::Other
    };
    Some((class, c.len_utf8()))
}

/// Splits an article into sentences. A line break ends a sentence (news text puts
/// captions, datelines and paragraphs on lines of their own) unless the sentence plainly
/// runs on to the next line ([`line_runs_on`]); inside a line a `.`, `!` or `?` ends one
/// unless it closes an abbreviation ("Mr.", "U.S.") or an initial ("C.").
pub fn sentences(text: &str, words: &crate::gazetteer::Lexicon) -> Vec<Span> {
    let abbreviations = &words.abbreviations;
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let bytes = text.as_bytes();
    let mut line_start = 0;
    while line_start < bytes.len() {
        let mut line_end = next_line_end(bytes, line_start);
        while line_end < bytes.len()
            && line_runs_on(
                &text[line_start..line_end],
                &text[line_end..],
                &words.run_on_words,
            )
        {
            line_end = next_line_end(bytes, line_end);
        }
        split_line(text, line_start, line_end, abbreviations, &mut out);
        line_start = line_end;
    }
    if out.iter().all(|s| s.end - s.start <= MAX_SENTENCE_BYTES) {
        return out;
    }
    out.into_iter().flat_map(|s| cap_length(text, s)).collect()
}

/// The end of the line that starts at `from`, its `\n` included.
fn next_line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |k| from + k + 1)
}

/// Whether a sentence wrapped by a single line break goes on after `lines` (the text so
/// far, ending in its `\n`) into `rest`: the last line has no closing punctuation, and
/// the next line (no blank line between) starts a lower-case word, or the last line ends
/// in a comma and the next starts with a letter. "The envoys recalled the first session
/// of the Trade Council,\nheld in Lima in May 2019." is one sentence; a headline, a
/// dateline or a bullet ("- Lima") still ends at its line break. A line ending in a word
/// no sentence ends with ([`ends_in_run_on_word`]) runs on whatever follows.
fn line_runs_on(lines: &str, rest: &str, run_on_words: &[String]) -> bool {
    let last = lines.trim_end();
    if last.len() == lines.len() || rest.starts_with(['\n', '\r']) {
        return false;
    }
    let Some(end) = last.chars().next_back() else {
        return false;
    };
    let next_line = rest.split('\n').next().unwrap_or("").trim_start();
    let Some(first) = next_line.chars().next() else {
        return false;
    };
    let word: String = next_line
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let plain_word = !word.is_empty() && !next_line[word.len()..].starts_with([')', '.', ':']);
    if end == ',' {
        return first.is_alphabetic() && plain_word;
    }
    if ends_in_run_on_word(last, run_on_words) {
        return first.is_alphanumeric();
    }
    end.is_alphanumeric() && first.is_lowercase() && plain_word
}

/// "The talks will be held in Lima on\nMonday.", "JOINT COMMUNIQUE OF THE\nFIFTH SESSION":
/// a line whose last word (any case) is one of `run_on_words` ("on", "the", "between")
/// has not ended its sentence.
fn ends_in_run_on_word(line: &str, run_on_words: &[String]) -> bool {
    let start = line.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &line[start..];
    !word.is_empty() && run_on_words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Longest sentence the extractor looks at as one: news sentences are far shorter, and
/// the patterns compare words within a sentence, so an unpunctuated flood of text must
/// not become one quadratic sentence.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Cuts a span longer than [`MAX_SENTENCE_BYTES`] at whitespace into pieces under it.
fn cap_length(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > MAX_SENTENCE_BYTES {
        let mut cut = crate::article::floor_boundary(text, start + MAX_SENTENCE_BYTES);
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace) {
            if ws > 0 {
                cut = start + ws;
            }
        }
        push_trimmed(text, start, cut, &mut out);
        start = cut;
    }
    push_trimmed(text, start, span.end, &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span {
            start: start + lead,
            end: end - trail,
        });
    }
}

fn split_line(text: &str, start: usize, end: usize, abbreviations: &[String], out: &mut Vec<Span>) {
    let line = &text[start..end];
    let mut sentence_start = start;
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(k) = find_stop(bytes, i) {
        i = k;
        let b = bytes[i];
        // Closing quotes and brackets stay with the sentence they end.
        let mut j = i + 1;
        loop {
            let rest = &line[j..];
            let next = rest.chars().next();
            match next {
                Some(c @ ('"' | '\'' | ')' | '\u{201D}' | '\u{2019}')) => j += c.len_utf8(),
                _ => break,
            }
        }
        let rest = &line[j..];
        let followed_by_space = rest.starts_with(char::is_whitespace);
        let next_word = rest.trim_start().chars().next();
        let starts_new = next_word.is_some_and(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '\u{201C}' | '\u{2018}' | '(' | '«')
        });
        if followed_by_space
            && starts_new
            && !(b == b'.' && ends_abbreviation(&line[..i], abbreviations))
        {
            push_trimmed(text, sentence_start, start + j, out);
            sentence_start = start + j;
        }
        i = j;
    }
    push_trimmed(text, sentence_start, end, out);
}

/// The first `.`, `!` or `?` in `bytes[from..]`. Eight bytes are tested at a time: the
/// marks are rare, and the test of a byte is the same arithmetic on all eight.
fn find_stop(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of the lowest byte of `x` that is zero is set, and no lower one (higher
    // ones may be too, where a borrow passed): enough to find the first.
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let found = zero_bytes(w ^ (ONES * u64::from(b'.')))
            | zero_bytes(w ^ (ONES * u64::from(b'!')))
            | zero_bytes(w ^ (ONES * u64::from(b'?')));
        if found != 0 {
            return Some(from + k * 8 + found.trailing_zeros() as usize / 8);
        }
    }
    let tail = rest.len() - chunks.remainder().len();
    chunks
        .remainder()
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?'))
        .map(|k| from + tail + k)
}

/// Whether the text before a period ends in an abbreviation or a one-letter initial.
fn ends_abbreviation(before: &str, abbreviations: &[String]) -> bool {
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    is_initials(word) || abbreviations.iter().any(|a| a == word)
}

/// "C", "A.H", "L.P": one capital letter or several joined by periods, the initials of
/// a name ("K.T. Rahman Khan", "Dewi S.R. Lestari"), after which a period ends nothing.
pub fn is_initials(word: &str) -> bool {
    // Most words fail at once: an upper-case letter, then the end or a period.
    let mut chars = word.chars();
    if !chars.next().is_some_and(char::is_uppercase) || chars.next().is_some_and(|c| c != '.') {
        return false;
    }
    !word.is_empty()
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        })
}

#[cfg(test)]
#[allow(clippy::excessive_nesting)]
mod tests {
    use super::*;

    #[test]
    fn ascii_table_classes_bytes_as_the_char_tests_do() {
        for b in 0u8..128 {
            let c = b as char;
            let expected = if c.is_whitespace() {
                Class::Space
            } else if is_word_char(c) {
                Class::Word
            } else if joins_words(c) || c == '.' {
                Class::Joiner
            } else {
                Class::Other
            };
            let text = c.to_string();
            assert!(
                class_at(&text, 0) == Some((expected, 1)),
                "byte {b:#04x} is classed wrongly"
            );
        }
        assert!(class_at("\u{2019}", 0) == Some((Class::Joiner, 3)));
        assert!(class_at("\u{a0}", 0) == Some((Class::Space, 2)));
        assert!(class_at("é", 0) == Some((Class::Word, 2)));
    }

    fn abbrevs() -> crate::gazetteer::Lexicon {
        let mut lexicon = crate::gazetteer::Gazetteer::load(None)
            .expect("data parses")
            .lexicon;
        lexicon.abbreviations = ["Mr", "Dr", "U.S", "Jr", "Gen"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        lexicon
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text, &abbrevs())
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Biden met Dr. Smith in the U.S. on Monday. Lloyd J. Austin III came."),
            vec![
                "Mr. Biden met Dr. Smith in the U.S. on Monday.",
                "Lloyd J. Austin III came."
            ]
        );
    }

    #[test]
    fn joined_initials_do_not_end_sentences() {
        assert_eq!(
            split("Envoy K.T. Rahman Khan and Dewi S.R. Lestari met. Talks went well."),
            vec![
                "Envoy K.T. Rahman Khan and Dewi S.R. Lestari met.",
                "Talks went well."
            ]
        );
    }

    #[test]
    fn lines_are_sentences_and_quotes_stay() {
        assert_eq!(
            split("Headline here\n\n\"We agree.\" He said. (ANI)\n"),
            vec!["Headline here", "\"We agree.\"", "He said.", "(ANI)"]
        );
    }

    #[test]
    fn a_sentence_wrapped_by_one_line_break_stays_whole() {
        let cases: &[(&str, &[&str])] = &[
            (
                "They recalled the first session of the Trade Council,\nheld in Lima in May 2019.",
                &["They recalled the first session of the Trade Council,\nheld in Lima in May 2019."],
            ),
            (
                "Both ministers voiced\ntheir concern. Talks ended.",
                &["Both ministers voiced\ntheir concern.", "Talks ended."],
            ),
            (
                "Envoys, in Quito,\nPresident Ruiz spoke.",
                &["Envoys, in Quito,\nPresident Ruiz spoke."],
            ),
            // Headlines, paragraphs, datelines and list items still end at the break.
            (
                "Peru, Chile deepen trade ties\nLima and Santiago agreed.",
                &["Peru, Chile deepen trade ties", "Lima and Santiago agreed."],
            ),
            ("Talks ended.\nthen dinner.", &["Talks ended.", "then dinner."]),
            ("Peru and Chile agreed\n\nto talk.", &["Peru and Chile agreed", "to talk."]),
            ("The goals are\na) trade\nb) energy", &["The goals are", "a) trade", "b) energy"]),
            ("LIMA,\n12 May 2019", &["LIMA,", "12 May 2019"]),
            // A line ending in a word no sentence ends with runs on.
            (
                "The talks open in Lima on\nMonday. Both sides agreed.",
                &["The talks open in Lima on\nMonday.", "Both sides agreed."],
            ),
            (
                "JOINT COMMUNIQUE OF THE\nFIFTH SESSION\nLIMA",
                &["JOINT COMMUNIQUE OF THE\nFIFTH SESSION", "LIMA"],
            ),
            ("Plan A\nThe plan failed.", &["Plan A", "The plan failed."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), want.to_vec(), "{text:?}");
        }
    }

    #[test]
    fn overlong_sentences_are_cut_at_whitespace() {
        let text = "word ".repeat(1000);
        let spans = sentences(&text, &abbrevs());
        assert!(spans.len() >= 3);
        assert!(spans.iter().all(|s| s.end - s.start <= MAX_SENTENCE_BYTES));
        assert!(spans.iter().all(|s| !text[s.start..s.end].starts_with(' ')));
    }

    /// Texts with every class of character in many arrangements: the sample articles
    /// and some odd strings.
    fn odd_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .expect("articles folder")
            .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("article"))
            .collect();
        texts.extend(
            [
                "",
                ".",
                "a",
                "al-Sisi- -x U.S.-Japan Côte d\u{2019}Ivoire\u{a0}São\u{2014}Paulo 3.5% a&b@c",
                "Is it? Yes! No. Done.\") Next 12345678.9?!x",
                "é.é.é.é.é.é.é.é.é.é.é.é!",
            ]
            .map(String::from),
        );
        texts
    }

    #[test]
    fn tokens_match_the_char_by_char_tokenizer() {
        // The tokenizer before ASCII runs were skipped a byte at a time.
        fn reference(text: &str) -> Vec<&str> {
            let mut out = Vec::new();
            let mut i = 0;
            while let Some((class, len)) = class_at(text, i) {
                if class == Class::Space {
                    i += len;
                    continue;
                }
                let start = i;
                i += len;
                if class == Class::Word {
                    while let Some((class, len)) = class_at(text, i) {
                        let after = i + len;
                        let joins = class == Class::Joiner
                            && class_at(text, after).is_some_and(|(c, _)| c == Class::Word);
                        if !(class == Class::Word || joins) {
                            break;
                        }
                        i = after;
                    }
                }
                out.push(&text[start..i]);
            }
            out
        }
        for text in odd_texts() {
            let span = Span {
                start: 0,
                end: text.len(),
            };
            let got: Vec<&str> = tokenize(&text, span).iter().map(|t| t.text).collect();
            assert_eq!(got, reference(&text), "{text}");
        }
    }

    #[test]
    fn stops_are_found_as_a_byte_search_finds_them() {
        for text in odd_texts() {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() + 1 {
                let expected = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|b| b"!.?".contains(b)))
                    .map(|k| from + k);
                assert_eq!(find_stop(bytes, from), expected, "{text} from {from}");
            }
        }
    }

    #[test]
    fn tokens_keep_inner_punctuation() {
        let t = "the U.S.-Japan al-Sisi, Meeting-Plus.";
        let toks: Vec<&str> = tokenize(
            t,
            Span {
                start: 0,
                end: t.len(),
            },
        )
        .iter()
        .map(|t| t.text)
        .collect();
        assert_eq!(
            toks,
            vec![
                "the",
                "U.S",
                ".",
                "-",
                "Japan",
                "al-Sisi",
                ",",
                "Meeting-Plus",
                "."
            ]
        );
    }
}
