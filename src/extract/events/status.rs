//! Whether an event was held, is planned, or was denied or only intended.

use super::Milestone;
use crate::extract::{Doc, Sentence};
use crate::model::PartialDate;

/// "did not sign", "denied signing": the event is negated. "agreed to explore a
/// partnership": it is only intended. Looks at the few words before the trigger.
pub(super) fn modality(s: &Sentence, trigger: usize) -> Option<&'static str> {
    let has = |ws: &[&str]| {
        (trigger.saturating_sub(4)..trigger)
            .any(|k| ws.iter().any(|w| s.word(k).eq_ignore_ascii_case(w)))
    };
    if has(&[
        "not", "never", "no", "denied", "denies", "deny", "rejected", "refused", "declined", "n't",
    ]) {
        Some("denied")
    } else if has(&[
        "explore",
        "exploring",
        "consider",
        "considering",
        "study",
        "discuss",
        "discussing",
        "towards",
        "toward",
    ]) {
        Some("agreed to explore")
    } else {
        None
    }
}

/// Whether `date`, at its precision, reaches `today` or later ("May 2024" on May 2).
fn not_over(date: PartialDate, today: PartialDate) -> bool {
    let last_day = |d: PartialDate| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
    last_day(date) >= last_day(today)
}

/// A date after the article's is still to come; an undated event is planned when a
/// future marker ("will hold", "is scheduled to") comes just before its trigger; "will
/// meet next week": a month that has not ended, told in the future; "did not sign":
/// what the text says of it.
pub(super) fn milestone_status(doc: &Doc, m: &Milestone) -> &'static str {
    match (m.dated, doc.article_date) {
        _ if m.modality.is_some() => m.modality.unwrap_or_default(),
        (true, Some(today)) if m.date > today => "planned",
        (true, Some(today)) if m.future && not_over(m.date, today) => "planned",
        (true, Some(_)) => "held",
        _ if m.future => "planned",
        _ => "held",
    }
}
