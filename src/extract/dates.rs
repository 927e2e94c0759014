//! Dates in text, absolute ("2014", "November 2024", "July 8, 2024") and relative
//! ("on Monday", "yesterday", "last November"), resolved against the article's date.

use super::text::Token;
use crate::model::PartialDate;
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

/// A date found in a sentence: token range and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub first: usize,
    pub last: usize,
    pub date: PartialDate,
    /// "the Aug. 13 agreement": the date names the noun after it, not the sentence's event.
    pub attributive: bool,
    /// "56 years to the day after X signed": the date is X's, an event told after it.
    pub anchors_following: bool,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month `word` names in any case ("May", "JANUARY", "Sept."): its full name or
/// its first three or four letters, with or without a period.
fn month_index(word: &str) -> Option<usize> {
    let w = word.trim_end_matches('.').as_bytes();
    if !(3..=9).contains(&w.len()) {
        return None;
    }
    // No two months share their first three letters, which most words fail on.
    let m = match [w[0], w[1], w[2]].map(|b| b.to_ascii_lowercase()) {
        [b'j', b'a', b'n'] => 0,
        [b'f', b'e', b'b'] => 1,
        [b'm', b'a', b'r'] => 2,
        [b'a', b'p', b'r'] => 3,
        [b'm', b'a', b'y'] => 4,
        [b'j', b'u', b'n'] => 5,
        [b'j', b'u', b'l'] => 6,
        [b'a', b'u', b'g'] => 7,
        [b's', b'e', b'p'] => 8,
        [b'o', b'c', b't'] => 9,
        [b'n', b'o', b'v'] => 10,
        [b'd', b'e', b'c'] => 11,
        _ => return None,
    };
    let name = MONTHS[m].as_bytes();
    (name.len() >= w.len()
        && name[..w.len()].eq_ignore_ascii_case(w)
        && (w.len() <= 4 || w.len() == name.len()))
    .then_some(m)
}

fn month_of(word: &str) -> Option<i8> {
    // "May" is a month; "march" and "may" in lower case are verbs.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    i8::try_from(month_index(word)? + 1).ok()
}

/// Whether `word` names a month in any case ("May", "JANUARY", "Sept.").
pub fn is_month_name(word: &str) -> bool {
    month_index(word).is_some()
}

/// Whether `word` is a day of the week ("Monday").
pub fn is_weekday_name(word: &str) -> bool {
    weekday_of(word).is_some()
}

fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        "Sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn day_of(word: &str) -> Option<i8> {
    if !word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // As `trim_end_matches` of each suffix in turn, without building a string searcher.
    let mut digits = word;
    for suffix in ["st", "nd", "rd", "th"] {
        while let Some(rest) = digits.strip_suffix(suffix) {
            digits = rest;
        }
    }
    let d: i8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_of(word: &str) -> Option<i16> {
    if word.len() != 4 {
        return None;
    }
    let y: i16 = word.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// "15-17" as in "April 15-17, 2025": the first day of a range.
fn day_range_start(word: &str) -> Option<i8> {
    let (a, b) = word.split_once('-')?;
    day_of(b)?;
    day_of(a)
}

/// Words that put what follows in the future ("will hold", "is scheduled to").
pub fn is_future_marker(word: &str) -> bool {
    matches!(
        word,
        "will" | "shall" | "scheduled" | "upcoming" | "expected" | "plans" | "planned" | "due"
    )
}

/// Whether a date can start at `word`: a number, a capitalised month or weekday, or
/// one of the words a relative date opens with ([`opens_relative_date`]): exactly the
/// words `find` can make a date of. Most tokens fail on their first byte, which spares
/// them the tests after it.
fn may_open_date(word: &str) -> bool {
    let Some(&b) = word.as_bytes().first() else {
        return false;
    };
    b.is_ascii_digit()
        || matches!(b, b'+' | b'-')
        || (b.is_ascii_uppercase() || matches!(b, b't' | b'y' | b'l' | b'n' | b'a' | b'o'))
            && (opens_relative_date(word) || weekday_of(word).is_some() || month_of(word).is_some())
}

/// The words other than numbers and weekdays that open a relative date (`relative`,
/// `weeks_ago`): "a week after", "two weeks ago", "today", "last month", "this year".
fn opens_relative_date(word: &str) -> bool {
    matches!(
        word,
        "a" | "A"
            | "one"
            | "One"
            | "two"
            | "Two"
            | "three"
            | "Three"
            | "today"
            | "Today"
            | "tonight"
            | "yesterday"
            | "Yesterday"
            | "tomorrow"
            | "Tomorrow"
            | "this"
            | "This"
            | "last"
            | "Last"
            | "next"
            | "Next"
    )
}

/// Finds every date in a sentence's tokens, resolving relative ones against `today`.
pub fn find(tokens: &[Token], today: Option<Date>) -> Vec<DateMention> {
    scan(tokens, today, may_open_date)
}

/// `find`, trying a date only at the tokens `may_open` lets through.
fn scan(tokens: &[Token], today: Option<Date>, may_open: fn(&str) -> bool) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    let word = |k: usize| tokens.get(k).map(|t| t.text).unwrap_or("");
    // The first future marker, looked for only when a date needs it: most sentences
    // have none that does.
    let mut first_future: Option<Option<usize>> = None;
    let mut future = |i: usize| {
        first_future
            .get_or_insert_with(|| tokens.iter().position(|t| is_future_marker(t.text)))
            .is_some_and(|f| f < i)
    };
    while i < tokens.len() {
        // "will meet on Monday" looks forward; "met on Monday, and will" does not.
        let w = word(i);
        if !may_open(w) {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, PartialDate)> = None;
        // Days, years and numeric dates open with a digit; the other words skip their
        // tests.
        let digit = w.as_bytes().first().is_some_and(u8::is_ascii_digit);
        if let Some(d) = digit.then(|| w.parse::<Date>().ok()).flatten() {
            found = Some((i, PartialDate::day(d)));
        } else if let Some(m) = month_of(w) {
            // Month [D[-D]] [,] [YYYY]
            let mut k = i + 1;
            if word(k) == "." {
                k += 1;
            }
            let day = day_of(word(k)).or_else(|| day_range_start(word(k)));
            let mut last = i;
            if day.is_some() {
                last = k;
                k += 1;
                // "from February 25 to 28, 2025"
                if word(k) == "to" && day_of(word(k + 1)).is_some() {
                    k += 2;
                    last = k - 1;
                }
            }
            if word(k) == "," {
                k += 1;
            }
            let year = year_of(word(k));
            if year.is_some() {
                last = k;
            }
            let year = year.or_else(|| today.map(|t| resolve_year_told(tokens, t, m, future(i))));
            if let Some(year) = year {
                if day.is_some() || last > i || today.is_some() && relative_month(tokens, i) {
                    found = Some((
                        last,
                        PartialDate {
                            year,
                            month: Some(m),
                            day,
                        },
                    ));
                }
            }
        } else if let Some((d, m)) = digit
            .then(|| day_of(w).or_else(|| day_range_start(w)))
            .flatten()
            .and_then(|d| Some((d, month_of(word(month_after_day(tokens, i)))?)))
        {
            // D Month [YYYY], D(st) of Month [YYYY]
            let mut last = month_after_day(tokens, i);
            let year = if let Some(y) = year_of(word(last + 1)) {
                last += 1;
                Some(y)
            } else {
                today.map(|t| resolve_year_told(tokens, t, m, future(i)))
            };
            if let Some(year) = year {
                found = Some((
                    last,
                    PartialDate {
                        year,
                        month: Some(m),
                        day: Some(d),
                    },
                ));
            }
        } else if let Some(y) = digit.then(|| year_of(w)).flatten() {
            // A bare year counts after "in", "since", "of", "from", "by" or in a range "(2024-2027)",
            // and opening a timeline's entry: "1991 - The two kings sign a treaty".
            let prev = if i > 0 { word(i - 1) } else { "" };
            let timeline_entry = i == 0 && matches!(word(1), "-" | "\u{2013}" | "\u{2014}" | ":");
            if timeline_entry
                || matches!(
                    prev,
                    "in" | "since" | "of" | "from" | "by" | "In" | "Since" | "year" | "until"
                )
            {
                found = Some((
                    i,
                    PartialDate {
                        year: y,
                        month: None,
                        day: None,
                    },
                ));
            }
        } else if let Some(today) = today {
            found = relative(tokens, i, today, || future(i));
        }
        if let Some((last, date)) = found {
            // "the Aug. 13 normalization" (not "talks on the 22nd.": a day told alone).
            let attributive = i > 0
                && matches!(word(i - 1), "the" | "The" | "its" | "their")
                && day_of_month_told_alone(tokens, i).is_none();
            let anchors_following = matches!(word(last + 1), "after" | "since")
                && word(last) == "day"
                || word(last) == "after";
            out.push(DateMention {
                first: i,
                last,
                date,
                attributive,
                anchors_following,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Where the month of a day told first stands: "31 May" (the next word), "31st of May"
/// (after "of", for an ordinal day), "21 to 23 May" (after the range's last day:
/// `range_to_day`).
fn month_after_day(tokens: &[Token], i: usize) -> usize {
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .any(|x| tokens[i].text.ends_with(x));
    if ordinal && tokens.get(i + 1).is_some_and(|t| t.text == "of") {
        i + 2
    } else if range_to_day(tokens, i) {
        i + 3
    } else {
        i + 1
    }
}

/// "paid a visit from 21 to 23 November 2024": a day followed by "to" (or a dash) and
/// another day opens a range of days of one month; the date is its first day.
fn range_to_day(tokens: &[Token], i: usize) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.text);
    matches!(word(i + 1), "to" | "-" | "\u{2013}") && day_of(word(i + 2)).is_some()
}

/// An ordinal after "on the" with no month after it ("talks on the 22nd."), not an
/// ordinal before a noun ("on the 5th anniversary").
fn day_of_month_told_alone(tokens: &[Token], i: usize) -> Option<i8> {
    let w = tokens[i].text;
    if i < 2
        || tokens[i - 1].text != "the"
        || !matches!(tokens[i - 2].text, "on" | "On")
        || !["st", "nd", "rd", "th"].iter().any(|x| w.ends_with(x))
    {
        return None;
    }
    let next = tokens.get(i + 1);
    let alone = next.is_none_or(|t| {
        !t.is_word()
            || matches!(
                t.text,
                "and" | "in" | "at" | "with" | "when" | "as" | "during"
            )
    });
    alone.then(|| day_of(w)).flatten()
}

fn relative_month(tokens: &[Token], i: usize) -> bool {
    i > 0
        && matches!(
            tokens[i - 1].text,
            "last" | "next" | "this" | "in" | "In" | "early" | "late"
        )
}

/// Verbs that tell an event as past: "In February, the Emir received …".
fn is_past_event_verb(word: &str) -> bool {
    matches!(
        word,
        "met"
            | "held"
            | "signed"
            | "received"
            | "hosted"
            | "visited"
            | "agreed"
            | "announced"
            | "concluded"
            | "elevated"
            | "inked"
            | "welcomed"
            | "discussed"
            | "took"
    )
}

/// The year of a month named without one, as [`resolve_year`] finds it, except that a
/// month still to come this year, told with a past verb and no future word, is this
/// year's: an article of September telling what happened "in February".
fn resolve_year_told(tokens: &[Token], today: Date, month: i8, future: bool) -> i16 {
    let year = resolve_year(today, month, future);
    if year > today.year()
        && !future
        && !tokens.iter().any(|t| is_future_marker(t.text))
        && tokens.iter().any(|t| is_past_event_verb(t.text))
    {
        today.year()
    } else {
        year
    }
}

/// The year of a month named without one: the nearest such month to `today`, ties
/// going forward in future tense and backward otherwise.
fn resolve_year(today: Date, month: i8, future: bool) -> i16 {
    let delta = i32::from(month) - i32::from(today.month());
    if delta > 6 || delta == 6 && !future {
        today.year() - 1
    } else if delta < -6 || delta == -6 && future {
        today.year() + 1
    } else {
        today.year()
    }
}

/// "just a few weeks ago", "two weeks ago", "a couple of months ago", "three days ago",
/// "a year ago": a time counted back from the article's day, told at the month it falls
/// in ("a few" counts three); days ago at their day, years ago at their year. Returns the
/// last token ("ago") and the date.
fn weeks_ago(tokens: &[Token], i: usize, today: Date) -> Option<(usize, PartialDate)> {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.text);
    // "less than a year ago", "over a month ago": a span back, not a date.
    if i > 0 && matches!(word(i - 1), "than" | "over" | "under") {
        return None;
    }
    let (count, unit_at) = match (word(i), word(i + 1), word(i + 2)) {
        ("a" | "A", "few", _) => (3, i + 2),
        ("a" | "A", "couple", "of") => (2, i + 3),
        ("a" | "A" | "one" | "One", _, _) => (1, i + 1),
        ("two" | "Two", _, _) => (2, i + 1),
        ("three" | "Three", _, _) => (3, i + 1),
        (w, _, _) => (
            w.parse::<i64>().ok().filter(|n| (1..=30).contains(n))?,
            i + 1,
        ),
    };
    if word(unit_at + 1) != "ago" {
        return None;
    }
    if matches!(word(unit_at), "year" | "years") {
        let year = today.year() - i16::try_from(count).ok()?;
        let date = PartialDate {
            year,
            month: None,
            day: None,
        };
        return Some((unit_at + 1, date));
    }
    let then = match word(unit_at) {
        "day" | "days" => today.checked_sub(count.days()).ok(),
        "week" | "weeks" => today.checked_sub((7 * count).days()).ok(),
        "month" | "months" => today.checked_sub(jiff::Span::new().months(count)).ok(),
        _ => None,
    }?;
    let day = matches!(word(unit_at), "day" | "days") && word(i + 1) != "few";
    let date = PartialDate {
        year: then.year(),
        month: Some(then.month()),
        day: day.then(|| then.day()),
    };
    Some((unit_at + 1, date))
}

/// A relative date opening at token `i`; `future` tells whether the sentence looks
/// forward there, asked only of weekdays.
fn relative(
    tokens: &[Token],
    i: usize,
    today: Date,
    future: impl FnOnce() -> bool,
) -> Option<(usize, PartialDate)> {
    let w = tokens[i].text;
    let next = tokens.get(i + 1).map(|t| t.text).unwrap_or("");
    let shift = |days: i64| today.checked_add(days.days()).ok().map(PartialDate::day);
    // "56 years to the day after", "ten years ago", "two years after"
    if let Some(n) = (next == "years").then(|| w.parse::<i16>().ok()).flatten() {
        let after = |k: usize| tokens.get(k).map(|t| t.text).unwrap_or("");
        if after(i + 2) == "to"
            && after(i + 3) == "the"
            && after(i + 4) == "day"
            && matches!(after(i + 5), "after" | "since")
        {
            let then = today.checked_sub(jiff::Span::new().years(n)).ok()?;
            return Some((i + 4, PartialDate::day(then)));
        }
        if after(i + 2) == "ago" {
            return Some((
                i + 2,
                PartialDate {
                    year: today.year() - n,
                    month: None,
                    day: None,
                },
            ));
        }
        if after(i + 2) == "after" && (1..=200).contains(&n) {
            return Some((
                i + 2,
                PartialDate {
                    year: today.year() - n,
                    month: None,
                    day: None,
                },
            ));
        }
    }
    if let Some(found) = weeks_ago(tokens, i, today) {
        return Some(found);
    }
    // "came a week after X travelled": X's day, a week before the article's (the date
    // ends at "after", which marks it as the following event's).
    let count = match w {
        "a" | "A" | "one" | "One" => Some(1),
        "two" | "Two" => Some(2),
        "three" | "Three" => Some(3),
        _ => w.parse::<i64>().ok().filter(|n| (1..=30).contains(n)),
    };
    let unit = match next {
        "week" | "weeks" => Some(7),
        "day" | "days" if !matches!(w, "a" | "A") => Some(1),
        _ => None,
    };
    if let (Some(n), Some(unit)) = (count, unit) {
        if tokens.get(i + 2).is_some_and(|t| t.text == "after") {
            return shift(-n * unit).map(|d| (i + 2, d));
        }
    }
    match w {
        "today" | "Today" | "tonight" => return Some((i, PartialDate::day(today))),
        "yesterday" | "Yesterday" => return shift(-1).map(|d| (i, d)),
        "tomorrow" | "Tomorrow" => return shift(1).map(|d| (i, d)),
        "this" | "This" if matches!(next, "morning" | "afternoon" | "evening" | "week") => {
            return Some((i + 1, PartialDate::day(today)))
        }
        "last" | "Last" | "next" | "Next" if next == "year" => {
            let delta = if w.eq_ignore_ascii_case("last") {
                -1
            } else {
                1
            };
            return Some((
                i + 1,
                PartialDate {
                    year: today.year() + delta,
                    month: None,
                    day: None,
                },
            ));
        }
        "last" | "Last" | "next" | "Next" | "this" | "This" if next == "month" => {
            let delta = match w {
                "last" | "Last" => -1,
                "next" | "Next" => 1,
                _ => 0,
            };
            let month = i32::from(today.month()) - 1 + delta;
            return Some((
                i + 1,
                PartialDate {
                    year: today.year() + i16::try_from(month.div_euclid(12)).ok()?,
                    month: i8::try_from(month.rem_euclid(12) + 1).ok(),
                    day: None,
                },
            ));
        }
        "last" | "Last" | "next" | "Next" if next == "week" => {
            // A week away is told at the month it falls in.
            let days = if w.eq_ignore_ascii_case("last") {
                -7
            } else {
                7
            };
            let d = today.checked_add(days.days()).ok()?;
            return Some((
                i + 1,
                PartialDate {
                    year: d.year(),
                    month: Some(d.month()),
                    day: None,
                },
            ));
        }
        "this" | "This" if next == "year" => {
            return Some((
                i + 1,
                PartialDate {
                    year: today.year(),
                    month: None,
                    day: None,
                },
            ))
        }
        _ => {}
    }
    if let Some(d) = day_of_month_told_alone(tokens, i) {
        // "on the 22nd": a day of the article's month, or of the month before when
        // that day is still to come and the sentence does not look forward.
        let back = d > today.day() && !future();
        let month = i32::from(today.month()) - 1 - i32::from(back);
        let year = today.year() + i16::try_from(month.div_euclid(12)).ok()?;
        let month = i8::try_from(month.rem_euclid(12) + 1).ok()?;
        // No 29th of a February that has none.
        let date = Date::new(year, month, d).ok()?;
        return Some((i, PartialDate::day(date)));
    }
    let weekday = weekday_of(w)?;
    // "Wednesday 01st of June 2022": the date told right after the weekday is its own.
    if next.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // "said on Thursday" on a Thursday is today, whatever the tense around it.
    let date = if today.weekday() == weekday {
        today
    } else if future() {
        today.nth_weekday(1, weekday).ok()?
    } else {
        today.nth_weekday(-1, weekday).ok()?
    };
    Some((i, PartialDate::day(date)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{tokenize, Span};
    use jiff::civil::date;

    fn dates(s: &str, today: Option<Date>) -> Vec<String> {
        let toks = tokenize(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
        );
        find(&toks, today).iter().map(|d| d.date.iso()).collect()
    }

    #[test]
    fn every_word_that_opens_a_date_passes_the_first_byte_test() {
        let today = Some(date(2025, 5, 4));
        let words = [
            "today",
            "Today",
            "tonight",
            "yesterday",
            "Yesterday",
            "tomorrow",
            "Tomorrow",
            "this",
            "This",
            "last",
            "Last",
            "next",
            "Next",
            "Monday",
            "Sunday",
            "May",
            "Sept.",
            "2024",
            "5th",
            "12",
            "2025-05-04",
        ];
        for w in words {
            assert!(may_open_date(w), "{w}");
        }
        // Sentences where each date opens on such a word, and one where none does.
        let found = dates(
            "He met her yesterday, will return next week and signed it on 5 May 2020, \
             three years after talks in 2017 and 10 years ago.",
            today,
        );
        assert_eq!(
            found,
            ["2025-05-03", "2025-05", "2020-05-05", "2017", "2015"]
        );
        for w in ["a", "one", "two"] {
            assert!(may_open_date(w), "{w}");
        }
        for w in ["met", "in", "said", "(", "ébauche"] {
            assert!(!may_open_date(w), "{w}");
        }
    }

    proptest::proptest! {
        /// The words `may_open_date` turns away open no date: trying every token finds
        /// the same dates.
        #[test]
        fn the_words_turned_away_open_no_date(
            picks in proptest::collection::vec(0usize..64, 1..10),
            day in 1i8..=28,
        ) {
            const POOL: [&str; 64] = [
                "a week after", "A week after", "a few weeks ago", "a couple of months ago",
                "one day after", "One year ago", "two weeks after", "Two days ago",
                "three months ago", "Three weeks after", "10 years ago", "3 years to the day after",
                "5 years after", "+3 days ago", "-2 weeks after", "over a year ago", "today",
                "Today", "tonight", "yesterday", "Yesterday", "tomorrow", "Tomorrow",
                "this morning", "This week", "this year", "last month", "Last year",
                "next week", "Next month", "this month", "on the 22nd", "On the 3rd and",
                "on Monday", "Friday", "May 5", "5 May 2020", "in 2017", "Sept. 3",
                "15-17 March", "21 to 23 November 2024", "the 1st of June", "March",
                "in May", "last May", "may", "march", "Mayor", "Jan", "2024-05-04", "the",
                "The", "a", "A", "one", "two", "than", "will", "met", "signed", "talks",
                ",", "since", "after",
            ];
            let text = picks.iter().map(|&p| POOL[p]).collect::<Vec<_>>().join(" ");
            let toks = tokenize(&text, Span { start: 0, end: text.len() });
            let today = Some(date(2025, 5, day));
            proptest::prop_assert_eq!(find(&toks, today), scan(&toks, today, |_| true));
        }
    }

    #[test]
    fn month_names_full_or_abbreviated_only() {
        let months: Vec<Option<usize>> = [
            "Sept.",
            "Sep",
            "September",
            "Septem",
            "Mayor",
            "may",
            "Dec.",
            "Jun",
            "Julyx",
            "Ja",
        ]
        .iter()
        .map(|w| month_index(w))
        .collect();
        assert_eq!(
            months,
            [
                Some(8),
                Some(8),
                Some(8),
                None,
                None,
                Some(4),
                Some(11),
                Some(5),
                None,
                None
            ]
        );
    }

    #[test]
    fn a_day_of_the_month_told_alone_is_of_the_articles_month_or_the_one_before() {
        let today = Some(date(2023, 3, 28));
        assert_eq!(
            dates("the talks held on the 22nd.", today),
            vec!["2023-03-22"]
        );
        assert_eq!(
            dates("the MoU signed on the 27th.", today),
            vec!["2023-03-27"]
        );
        assert!(dates("were signed on the 29th, and", today).is_empty());
        assert_eq!(
            dates("were signed on the 29th, and", Some(date(2023, 4, 2))),
            vec!["2023-03-29"]
        );
        assert_eq!(dates("will meet on the 30th.", today), vec!["2023-03-30"]);
        assert!(dates("on the 5th anniversary of ties", today).is_empty());
    }

    #[test]
    fn time_ago_counted_back_from_the_article() {
        let today = Some(date(2021, 8, 10));
        assert_eq!(
            dates("just a few weeks ago, the council met", today),
            vec!["2021-07"]
        );
        assert_eq!(dates("signed two weeks ago", today), vec!["2021-07"]);
        assert_eq!(dates("met a week ago", today), vec!["2021-08"]);
        assert_eq!(dates("talks three days ago", today), vec!["2021-08-07"]);
        assert_eq!(dates("a couple of months ago", today), vec!["2021-06"]);
        assert_eq!(dates("in Riga a year ago", today), vec!["2020"]);
        assert_eq!(dates("two years ago", today), vec!["2019"]);
        assert!(dates("a thaw that began less than a year ago", today).is_empty());
        assert!(dates("a few weeks of talks", today).is_empty());
    }

    #[test]
    fn weeks_relative_to_the_article_at_month_precision() {
        let today = Some(date(2023, 3, 28));
        assert_eq!(
            dates("will travel to London next week", today),
            vec!["2023-04"]
        );
        assert_eq!(dates("talks held last week", today), vec!["2023-03"]);
        assert_eq!(dates("later this week", today), vec!["2023-03-28"]);
    }

    #[test]
    fn the_weekday_of_the_article_is_its_day_in_any_tense() {
        // 2023-02-02 was a Thursday.
        let today = Some(date(2023, 2, 2));
        assert_eq!(
            dates("will give access, they said on Thursday", today),
            vec!["2023-02-02"]
        );
        assert_eq!(dates("will meet on Friday", today), vec!["2023-02-03"]);
        assert_eq!(dates("met on Monday", today), vec!["2023-01-30"]);
    }

    #[test]
    fn an_ordinal_day_of_a_month_and_its_weekday_are_one_date() {
        // 2022-05-31 was a Tuesday.
        let today = Some(date(2022, 5, 31));
        assert_eq!(
            dates(
                "a two-day visit from Tuesday 31st of May to Wednesday 01st of June 2022",
                today
            ),
            vec!["2022-05-31", "2022-06-01"]
        );
        assert_eq!(
            dates("arrived on the 3rd of May", today),
            vec!["2022-05-03"]
        );
        assert_eq!(dates("met on Monday", today), vec!["2022-05-30"]);
    }

    #[test]
    fn months_relative_to_the_article() {
        let today = Some(date(2023, 12, 16));
        assert_eq!(
            dates("will meet in Seoul next month", today),
            vec!["2024-01"]
        );
        assert_eq!(dates("talks held last month", today), vec!["2023-11"]);
        assert_eq!(dates("later this month", today), vec!["2023-12"]);
        assert_eq!(
            dates("talks held last month", Some(date(2024, 1, 5))),
            vec!["2023-12"]
        );
        assert!(dates("next month", None).is_empty());
    }

    #[test]
    fn absolute_dates_at_their_precision() {
        assert_eq!(dates("the elevation in 2014 was", None), vec!["2014"]);
        assert_eq!(dates("they met in November 2024 at", None), vec!["2024-11"]);
        assert_eq!(dates("on July 8, 2024, the", None), vec!["2024-07-08"]);
        assert_eq!(
            dates("in Paris on 28 September.", Some(date(2021, 9, 28))),
            vec!["2021-09-28"]
        );
        assert_eq!(
            dates("from February 25 to 28, 2025.", None),
            vec!["2025-02-25"]
        );
        assert_eq!(dates("from April 15-17, 2025.", None), vec!["2025-04-15"]);
        assert_eq!(
            dates("a visit from 21 to 23 November 2024.", None),
            vec!["2024-11-21"]
        );
        assert_eq!(dates("from 21 - 23 May 2019.", None), vec!["2019-05-21"]);
        assert_eq!(dates("rose 5 to 10 percent in 2019.", None), vec!["2019"]);
        assert_eq!(dates("on 17 March 2024.", None), vec!["2024-03-17"]);
    }

    #[test]
    fn relative_dates_resolve_against_the_article() {
        let sunday = Some(date(2025, 5, 4));
        assert_eq!(
            dates("will hold a meeting on Monday", sunday),
            vec!["2025-05-05"]
        );
        assert_eq!(dates("Singh on Sunday assured", sunday), vec!["2025-05-04"]);
        assert_eq!(dates("they met on Thursday", sunday), vec!["2025-05-01"]);
        assert_eq!(dates("they met yesterday", sunday), vec!["2025-05-03"]);
        assert_eq!(
            dates(
                "sealed it 56 years to the day after they signed",
                Some(date(2019, 1, 22))
            ),
            vec!["1963-01-22"]
        );
        assert_eq!(
            dates("a treaty signed ten years ago", sunday),
            Vec::<String>::new()
        );
        assert_eq!(dates("a treaty signed 10 years ago", sunday), vec!["2015"]);
        assert_eq!(
            dates(
                "the summit in Cambodia last November",
                Some(date(2023, 3, 17))
            ),
            vec!["2022-11"]
        );
        assert_eq!(dates("Lula declined last year", sunday), vec!["2024"]);
    }

    #[test]
    fn verbs_and_bare_numbers_are_not_dates() {
        assert!(dates("they may sign 2000 copies", Some(date(2025, 5, 4))).is_empty());
    }

    #[test]
    fn attributive_dates_are_marked() {
        let s = "sign the Aug. 13 normalization agreement on Sept. 15";
        let toks = tokenize(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
        );
        let found = find(&toks, Some(date(2020, 9, 9)));
        assert_eq!(found.len(), 2);
        assert!(found[0].attributive && !found[1].attributive);
        assert_eq!(found[1].date.iso(), "2020-09-15");
        // A day told alone after "on the" dates its sentence's event.
        let s = "The two leaders held talks on the 22nd.";
        let toks = tokenize(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
        );
        let found = find(&toks, Some(date(2024, 11, 22)));
        assert_eq!(found.len(), 1);
        assert!(!found[0].attributive, "{found:?}");
    }
}
