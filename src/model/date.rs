//! The one date type: a calendar date as precise as its source gave it
//! (`2014`, `2014-09`, `2014-09-01`), how such dates are read from flags and
//! from stored attributes, and the span of days each covers.

use std::fmt;

/// A date as precise as the text gave it: `2014`, `2014-09` or `2014-09-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl PartialDate {
    /// The full date of a day.
    pub fn day(d: jiff::civil::Date) -> PartialDate {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date; `None` otherwise.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let mut parts = text.trim().split('-');
        let year = parts.next().filter(|y| y.len() == 4)?;
        let year: i16 = year.parse().ok()?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 => Some(m.parse::<i8>().ok()?),
            Some(_) => return None,
            None => None,
        };
        let day = match parts.next() {
            Some(d) if d.len() == 2 && month.is_some() => Some(d.parse::<i8>().ok()?),
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        jiff::civil::Date::new(year, month.unwrap_or(1), day.unwrap_or(1)).ok()?;
        Some(PartialDate { year, month, day })
    }

    /// A date as stored on a milestone or an edge: the leading `YYYY[-MM[-DD]]` of it.
    pub fn lenient(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        [10, 7, 4]
            .into_iter()
            .filter_map(|n| text.get(..n))
            .find_map(PartialDate::parse)
    }

    /// The date as one number, `yyyymmdd` with zeros for what is not known:
    /// `2014-09` → 20140900. Dates in the compact index are kept so.
    pub fn packed(self) -> u32 {
        let part = |p: Option<i8>| p.and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
        let year = u32::try_from(self.year).unwrap_or(0);
        year * 10_000 + part(self.month) * 100 + part(self.day.filter(|_| self.month.is_some()))
    }

    /// The first day the date covers, as (year, month, day).
    pub fn first_day(self) -> (i16, i8, i8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date covers, as (year, month, day).
    pub fn last_day(self) -> (i16, i8, i8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| {
            jiff::civil::Date::new(self.year, month, 1).map_or(28, |d| d.days_in_month())
        });
        (self.year, month, day)
    }

    /// ISO 8601 at the precision known: `2014`, `2024-11`, `2025-05-05` (a day with no
    /// month is not written).
    pub fn iso(&self) -> String {
        // Written digit by digit: `format!` with padding cost more than the rest of
        // naming a milestone.
        let mut out = String::with_capacity(10);
        match u16::try_from(self.year) {
            Ok(year) if year <= 9999 => push_padded(&mut out, year, 4),
            _ => out.push_str(&format!("{:04}", self.year)),
        }
        for part in [self.month, self.day.filter(|_| self.month.is_some())] {
            match part.map(u16::try_from) {
                Some(Ok(n)) if n <= 99 => {
                    out.push('-');
                    push_padded(&mut out, n, 2);
                }
                Some(_) => out.push_str(&format!("-{:02}", part.unwrap_or_default())),
                None => break,
            }
        }
        out
    }
}

/// `n` in decimal, zero-padded to `width` digits.
fn push_padded(out: &mut String, n: u16, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn partial_dates_parse_strictly_and_cover_spans() {
        assert_eq!(date("2014").to_string(), "2014");
        assert_eq!(date("2014-09").to_string(), "2014-09");
        assert_eq!(date("2024-02-29").last_day(), (2024, 2, 29));
        assert_eq!(date("2023-02").last_day(), (2023, 2, 28));
        assert_eq!(date("2014").last_day(), (2014, 12, 31));
        for bad in [
            "14",
            "2014-9",
            "2014-13",
            "2023-02-29",
            "2014-09-01-02",
            "abcd",
            "",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert_eq!(
            PartialDate::lenient("2025-05-05T10:00"),
            Some(date("2025-05-05"))
        );
    }

    #[test]
    fn iso_pads_like_format() {
        for (year, month, day) in [
            (2025, Some(5), Some(5)),
            (987, Some(12), None),
            (2014, None, None),
            (33, None, Some(4)),
        ] {
            let d = PartialDate { year, month, day };
            let expected = match (month, day) {
                (Some(m), Some(dd)) => format!("{year:04}-{m:02}-{dd:02}"),
                (Some(m), None) => format!("{year:04}-{m:02}"),
                _ => format!("{year:04}"),
            };
            assert_eq!(d.iso(), expected);
        }
    }

    #[test]
    fn packed_dates_keep_zeros_for_what_is_unknown() {
        assert_eq!(date("2014").packed(), 20_140_000);
        assert_eq!(date("2014-09").packed(), 20_140_900);
        assert_eq!(date("2014-09-01").packed(), 20_140_901);
    }
}
