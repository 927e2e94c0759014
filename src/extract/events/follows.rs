//! `follows` between milestones: the later event of an agreement follows the earlier, a
//! signing after the talks follows them.

use super::emit::Emitted;
use super::Milestone;
use crate::extract::{Doc, Output};
use crate::model::{Attrs, RelationKind};

/// "The two sides also inked eight deals after the talks": a signing told as after the
/// meeting of its day follows it.
pub(super) fn relate_told_after(
    doc: &Doc,
    out: &mut Output,
    merged: &[Milestone],
    emitted: &[(usize, Emitted)],
) {
    for (i, later) in emitted.iter().filter(|(i, _)| merged[*i].after_meeting) {
        let m = &merged[*i];
        let meeting = emitted.iter().find(|(j, _)| {
            j != i && matches!(merged[*j].kind, "meeting" | "summit") && merged[*j].date == m.date
        });
        if let Some((_, earlier)) = meeting {
            let s = &doc.sentences[m.sentence];
            out.relate(
                &later.0,
                RelationKind::Follows,
                &earlier.0,
                s,
                doc.text,
                Attrs::new(),
            );
        }
    }
}

/// "announced in March ... signed the agreement on Monday": the later event of the same
/// agreement follows the earlier one, when no event between them shares its agreement or
/// two of its officials (anniversaries follow nothing).
pub(super) fn relate_follows(doc: &Doc, out: &mut Output, ids: &[Emitted]) {
    let anniversary = |e: &Emitted| e.0.contains("anniversary");
    for a in ids {
        for b in ids {
            if a.1 <= b.1 || anniversary(a) || anniversary(b) {
                continue;
            }
            let shared_agreement = a.3.iter().any(|x| b.3.contains(x));
            if shared_agreement && !ids.iter().any(|c| between(c, b, a)) {
                let s = &doc.sentences[0];
                out.relate(&a.0, RelationKind::Follows, &b.0, s, doc.text, Attrs::new());
            }
        }
    }
}

/// Whether event `c` comes between `earlier` and `later` in their relationship: dated
/// between them, with the earlier one's agreement or two of its officials.
pub(super) fn between(c: &Emitted, earlier: &Emitted, later: &Emitted) -> bool {
    c.1 > earlier.1
        && c.1 < later.1
        && (c.3.iter().any(|x| earlier.3.contains(x))
            || c.2.iter().filter(|o| earlier.2.contains(o)).count() >= 2)
}
