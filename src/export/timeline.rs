//! A timeline drawn as SVG without Graphviz: milestones on a vertical time axis,
//! year ticks on the left, each milestone marked by its kind and labelled with its
//! date, name and who took part; the sentence behind it as a tooltip.
//!
//! Positions are proportional to time; labels that would overlap are pushed apart
//! and joined to their mark by a leader line. The axis ends at the last event;
//! the partnership levels in force are drawn as spans beside it, each from its
//! elevation to the next. The output depends on the entries and levels alone,
//! so the same timeline gives the same file.

use super::filter::PartialDate;
use super::interchange::xml_escape;
use crate::query::{LevelSpan, TimelineEntry};
use std::fmt::Write as _;

const WIDTH: f64 = 980.0;
/// Where the axis runs.
const AXIS_X: f64 = 150.0;
/// Where labels start.
const LABEL_X: f64 = 235.0;
/// Where the axis starts.
const TOP: f64 = 96.0;
/// Vertical room of one label (two lines).
const ROW: f64 = 42.0;
/// Where the bars of partnership levels run.
const SPAN_X: f64 = 58.0;
/// Label texts are cut to this many characters.
const NAME_MAX: usize = 100;
const DETAIL_MAX: usize = 120;

/// How a milestone kind is marked: a shape and a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkStyle {
    /// `diamond`, `square`, `circle`, `triangle` or `ring`.
    pub shape: &'static str,
    pub color: &'static str,
}

/// The mark of a milestone kind (`elevation`, `signing`, `meeting`, `summit`,
/// `anniversary`, `statement`); anything else is a small grey circle.
pub fn mark_style(kind: Option<&str>) -> MarkStyle {
    let (shape, color) = match kind.unwrap_or("") {
        "elevation" => ("diamond", "#6a3d9a"),
        "signing" => ("square", "#33a02c"),
        "meeting" => ("circle", "#1f78b4"),
        "summit" => ("triangle", "#e31a1c"),
        "anniversary" => ("ring", "#b59a00"),
        _ => ("circle", "#737373"),
    };
    MarkStyle { shape, color }
}

/// Decimal years: `2014-09-01` → 2014.67.
fn years(date: PartialDate) -> f64 {
    let (y, m, d) = date.first_day();
    f64::from(y) + f64::from(m - 1) / 12.0 + f64::from(d - 1) / 365.25
}

/// Label positions near `wanted` (sorted) at least `gap` apart and not above `top`:
/// runs of labels that would overlap are set as a block centred on their marks.
fn spread(wanted: &[f64], gap: f64, top: f64) -> Vec<f64> {
    // Blocks of consecutive labels: (first index, count, y of the first).
    let mut blocks: Vec<(usize, usize, f64)> = Vec::new();
    for (i, &w) in wanted.iter().enumerate() {
        blocks.push((i, 1, w.max(top)));
        while blocks.len() > 1 {
            let (first, count, y) = blocks[blocks.len() - 1];
            let (pfirst, pcount, py) = blocks[blocks.len() - 2];
            if py + pcount as f64 * gap <= y {
                break;
            }
            blocks.truncate(blocks.len() - 2);
            let n = pcount + count;
            let mean: f64 = (0..n)
                .map(|k| wanted[pfirst + k] - k as f64 * gap)
                .sum::<f64>()
                / n as f64;
            let floor = blocks.last().map_or(top, |&(_, c, y)| y + c as f64 * gap);
            blocks.push((pfirst, n, mean.max(floor).max(top)));
            let _ = first;
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for (_, count, y) in blocks {
        out.extend((0..count).map(|k| y + k as f64 * gap));
    }
    out
}

/// A tick step in years giving at most a dozen ticks.
fn tick_step(span: f64) -> i32 {
    [1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000]
        .into_iter()
        .find(|&s| span / f64::from(s) <= 12.0)
        .unwrap_or(1000)
}

fn cut(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text,
    }
}

fn mark(out: &mut String, style: MarkStyle, x: f64, y: f64) {
    let c = style.color;
    let _ = match style.shape {
        "diamond" => writeln!(
            out,
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="{c}" stroke="white" stroke-width="1.5"/>"#,
            y - 8.0,
            x + 8.0,
            y + 8.0,
            x - 8.0
        ),
        "square" => writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="{c}" stroke="white" stroke-width="1.5"/>"#,
            x - 6.0,
            y - 6.0
        ),
        "triangle" => writeln!(
            out,
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="{c}" stroke="white" stroke-width="1.5"/>"#,
            y - 8.0,
            x + 7.5,
            y + 6.0,
            x - 7.5,
            y + 6.0
        ),
        "ring" => writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="6" fill="white" stroke="{c}" stroke-width="3"/>"#
        ),
        _ => writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="6.5" fill="{c}" stroke="white" stroke-width="1.5"/>"#
        ),
    };
}

/// The attributes of a milestone's group after its class: what did not
/// happen (planned, explored, denied…) is drawn faded, its outlines dashed.
fn faded(entry: &TimelineEntry) -> String {
    if entry.status.happened() {
        String::new()
    } else {
        format!(
            r#" data-status="{}" opacity="0.45" stroke-dasharray="3 2""#,
            entry.status
        )
    }
}

/// The second label line: kind, then its status when it did not happen,
/// then who took part.
fn detail(entry: &TimelineEntry) -> String {
    let mut parts = Vec::new();
    if let Some(kind) = entry.kind.as_deref().filter(|k| !k.is_empty()) {
        parts.push(kind.to_string());
    }
    if !entry.status.happened() {
        parts.push(entry.status.to_string());
    }
    if !entry.involves.is_empty() {
        parts.push(entry.involves.join(", "));
    }
    cut(&parts.join(" · "), DETAIL_MAX)
}

fn tooltip(entry: &TimelineEntry) -> String {
    let mut tip = format!(
        "{} {}",
        entry.date.as_deref().unwrap_or("undated"),
        entry.name
    );
    if !entry.sentence.trim().is_empty() {
        tip.push_str("\n\u{201c}");
        tip.push_str(&cut(&entry.sentence, 400));
        tip.push('\u{201d}');
    }
    tip
}

/// One milestone's label (and its tooltip) with its first line's baseline at `y`.
fn label(out: &mut String, entry: &TimelineEntry, y: f64) {
    let date = entry.date.as_deref().unwrap_or("undated");
    let _ = writeln!(
        out,
        r##"<text x="{LABEL_X}" y="{y:.1}" font-size="13" fill="#222"><tspan font-weight="bold">{}</tspan>  {}</text>"##,
        xml_escape(date),
        xml_escape(&cut(&entry.name, NAME_MAX))
    );
    let detail = detail(entry);
    if !detail.is_empty() {
        let _ = writeln!(
            out,
            r##"<text x="{LABEL_X}" y="{:.1}" font-size="11" fill="#666">{}</text>"##,
            y + 15.0,
            xml_escape(&detail)
        );
    }
}

/// The undated milestones in rows below the axis, from `y_end`; returns where they end.
fn undated_rows(body: &mut String, undated: &[&TimelineEntry], y_end: f64) -> f64 {
    let mut y = y_end + 40.0;
    let _ = writeln!(
        body,
        r##"<text x="{:.1}" y="{y:.1}" font-size="13" font-weight="bold" fill="#555" text-anchor="end">undated</text>"##,
        AXIS_X - 14.0
    );
    for entry in undated {
        let _ = writeln!(
            body,
            r#"<g class="milestone"{}><title>{}</title>"#,
            faded(entry),
            xml_escape(&tooltip(entry))
        );
        mark(body, mark_style(entry.kind.as_deref()), AXIS_X, y - 4.0);
        label(body, entry, y);
        body.push_str("</g>\n");
        y += ROW;
    }
    y - ROW + 20.0
}

/// The axis from [`TOP`] to `bottom`, a tick and a year label every `step`
/// years from `start` up to `end` (decimal years).
fn axis(
    body: &mut String,
    (start, end, step): (i32, f64, i32),
    bottom: f64,
    y_of: &dyn Fn(f64) -> f64,
) {
    let _ = writeln!(
        body,
        r##"<line x1="{AXIS_X}" y1="{:.1}" x2="{AXIS_X}" y2="{bottom:.1}" stroke="#888" stroke-width="2"/>"##,
        TOP - 12.0
    );
    let mut year = start;
    while f64::from(year) <= end {
        let y = y_of(f64::from(year));
        let _ = writeln!(
            body,
            r##"<line x1="{:.1}" y1="{y:.1}" x2="{AXIS_X}" y2="{y:.1}" stroke="#888" stroke-width="1.5"/>"##,
            AXIS_X - 8.0
        );
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#555" text-anchor="end">{year}</text>"##,
            AXIS_X - 14.0,
            y + 4.0
        );
        year += step;
    }
}

/// The partnership levels in force (held, with a start date) as bars left of
/// the year labels, each from its elevation to the level that superseded it
/// or to `end`, named along the bar; the dates and status in its tooltip.
/// "Strategic and Global Partnership, 2006–2014" is a bar from 2006 to 2014.
fn level_spans(body: &mut String, levels: &[LevelSpan], end: f64, y_of: &dyn Fn(f64) -> f64) {
    let year_of = |d: Option<&str>| d.and_then(PartialDate::lenient).map(years);
    let shades = ["#cab2d6", "#b2a0cf", "#9e8cc4"];
    for (i, level) in levels.iter().filter(|l| l.status.happened()).enumerate() {
        let Some(from) = year_of(level.from.as_deref()) else {
            continue;
        };
        let until = year_of(level.until.as_deref()).unwrap_or(end).min(end);
        let (top, bottom) = (y_of(from), y_of(until.max(from)).max(y_of(from) + 6.0));
        let period = match &level.until {
            Some(u) => format!("{}–{u}", level.from.as_deref().unwrap_or("")),
            None => format!("since {}", level.from.as_deref().unwrap_or("")),
        };
        let tip = xml_escape(&format!("{}, {period}", level.name));
        let room = ((bottom - top) / 5.8).floor() as usize;
        let _ = writeln!(
            body,
            r##"<g class="level"><title>{tip}</title><rect x="{SPAN_X}" y="{top:.1}" width="10" height="{:.1}" fill="{}" stroke="#6a3d9a" stroke-width="0.8"/>"##,
            bottom - top,
            shades[i % shades.len()]
        );
        if room >= 6 {
            let (x, y) = (SPAN_X - 4.0, (top + bottom) / 2.0);
            let _ = writeln!(
                body,
                r##"<text x="{x:.1}" y="{y:.1}" font-size="10" fill="#4b2c73" text-anchor="middle" transform="rotate(-90 {x:.1} {y:.1})">{}</text>"##,
                xml_escape(&cut(&level.name, room))
            );
        }
        body.push_str("</g>\n");
    }
}

/// The legend: the kinds present, in a row at `legend_y`.
fn legend(body: &mut String, entries: &[TimelineEntry], legend_y: f64) {
    let kinds: std::collections::BTreeSet<Option<&str>> =
        entries.iter().map(|e| e.kind.as_deref()).collect();
    if kinds.is_empty() {
        return;
    }
    let _ = writeln!(
        body,
        r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#555" text-anchor="end">Legend</text>"##,
        AXIS_X - 14.0,
        legend_y + 4.0
    );
    let mut x = AXIS_X;
    for kind in kinds {
        mark(body, mark_style(kind), x, legend_y);
        let name = kind.unwrap_or("other");
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#333">{}</text>"##,
            x + 14.0,
            legend_y + 4.0,
            xml_escape(name)
        );
        x += 34.0 + 7.5 * name.chars().count() as f64;
    }
}

/// "10 milestones, 2000–2025 (1 undated)".
fn subtitle(entries: &[TimelineEntry], dated: &[(&TimelineEntry, f64)], undated: usize) -> String {
    let years_text = match (dated.first(), dated.last()) {
        (Some(f), Some(l)) => {
            let (a, b) = (
                f.0.date.as_deref().unwrap_or(""),
                l.0.date.as_deref().unwrap_or(""),
            );
            let (a, b) = (a.get(..4).unwrap_or(a), b.get(..4).unwrap_or(b));
            if a == b {
                format!(", {a}")
            } else {
                format!(", {a}–{b}")
            }
        }
        _ => String::new(),
    };
    let count = entries.len();
    format!(
        "{count} milestone{}{years_text}{}",
        if count == 1 { "" } else { "s" },
        if undated == 0 {
            String::new()
        } else {
            format!(" ({undated} undated)")
        }
    )
}

/// The SVG of a timeline titled `Timeline: {title}` (title as `India ⇄ Japan`).
pub fn timeline_svg(title: &str, entries: &[TimelineEntry], levels: &[LevelSpan]) -> String {
    let dated: Vec<(&TimelineEntry, f64)> = entries
        .iter()
        .filter_map(|e| {
            let d = e.date.as_deref().and_then(PartialDate::lenient)?;
            Some((e, years(d)))
        })
        .collect();
    let undated: Vec<&TimelineEntry> = entries
        .iter()
        .filter(|e| e.date.as_deref().and_then(PartialDate::lenient).is_none())
        .collect();

    let mut body = String::new();
    let mut y_end = TOP;
    if let (Some(first), Some(last)) = (dated.first(), dated.last()) {
        let (t_min, t_max) = (first.1.min(last.1), first.1.max(last.1));
        let step = tick_step(t_max.floor() + 1.0 - t_min.floor());
        let start = (t_min.floor() as i32).div_euclid(step) * step;
        // The axis ends just past the last event, not at the next tick.
        let end = t_max.max(f64::from(start) + 1.0);
        let length = (dated.len() as f64 * ROW * 1.3).clamp(320.0, 1400.0);
        let scale = length / (end - f64::from(start));
        let y_of = |t: f64| TOP + (t - f64::from(start)) * scale;

        let marks: Vec<f64> = dated.iter().map(|(_, t)| y_of(*t)).collect();
        let wanted: Vec<f64> = marks.iter().map(|m| m + 4.0).collect();
        let labels = spread(&wanted, ROW, TOP - 10.0);
        let bottom = y_of(end) + 12.0;
        y_end = bottom.max(labels.last().map_or(0.0, |l| l + 20.0));
        axis(&mut body, (start, end, step), bottom, &y_of);
        level_spans(&mut body, levels, end, &y_of);
        // Marks that would cover one another step to the right of the axis.
        let mut xs: Vec<f64> = Vec::with_capacity(marks.len());
        for (i, m) in marks.iter().enumerate() {
            let x = match i.checked_sub(1) {
                Some(p) if m - marks[p] < 13.0 => xs[p] + 16.0,
                _ => AXIS_X,
            };
            xs.push(x.min(LABEL_X - 20.0));
        }
        // Milestones: leader line, mark, label, in a group with the sentence as tooltip.
        for ((((entry, _), m), l), x) in dated.iter().zip(&marks).zip(&labels).zip(&xs) {
            let _ = writeln!(
                body,
                r#"<g class="milestone"{}><title>{}</title>"#,
                faded(entry),
                xml_escape(&tooltip(entry))
            );
            let _ = writeln!(
                body,
                r##"<path d="M{AXIS_X} {m:.1}L{:.1} {m:.1}L{:.1} {:.1}" fill="none" stroke="#bbb" stroke-width="1"/>"##,
                x + 16.0,
                LABEL_X - 8.0,
                l - 4.0
            );
            mark(&mut body, mark_style(entry.kind.as_deref()), *x, *m);
            label(&mut body, entry, *l);
            body.push_str("</g>\n");
        }
    }
    if !undated.is_empty() {
        y_end = undated_rows(&mut body, &undated, y_end);
    }
    if entries.is_empty() {
        let _ = writeln!(
            body,
            r##"<text x="{LABEL_X}" y="{TOP}" font-size="13" fill="#666">No milestones in the graph.</text>"##
        );
        y_end = TOP + 10.0;
    }
    let legend_y = y_end + 40.0;
    legend(&mut body, entries, legend_y);
    let height = (legend_y + 30.0).ceil();
    let subtitle = subtitle(entries, &dated, undated.len());
    let title = format!("Timeline: {title}");
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" role="img">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml_escape(&title));
    let _ = writeln!(
        out,
        r#"<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="white"/>"#
    );
    let _ = writeln!(
        out,
        r##"<text x="{:.1}" y="34" font-size="20" font-weight="bold" fill="#111" text-anchor="middle">{}</text>"##,
        WIDTH / 2.0,
        xml_escape(&title)
    );
    let _ = writeln!(
        out,
        r##"<text x="{:.1}" y="56" font-size="12" fill="#666" text-anchor="middle">{}</text>"##,
        WIDTH / 2.0,
        xml_escape(&subtitle)
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: Option<&str>, name: &str, kind: &str) -> TimelineEntry {
        TimelineEntry {
            id: format!("milestone:{name}"),
            name: name.to_string(),
            date: date.map(str::to_string),
            kind: Some(kind.to_string()),
            involves: vec!["India".into(), "Japan".into()],
            sentence: format!("The sentence about {name} & more."),
            status: crate::model::Status::Held,
        }
    }

    #[test]
    fn labels_are_spread_apart_around_their_marks() {
        assert_eq!(spread(&[100.0, 300.0], 40.0, 0.0), vec![100.0, 300.0]);
        // Three at one point: a block centred on it.
        assert_eq!(
            spread(&[200.0, 200.0, 200.0], 40.0, 0.0),
            vec![160.0, 200.0, 240.0]
        );
        // Never above the top.
        assert_eq!(spread(&[10.0, 10.0], 40.0, 0.0), vec![0.0, 40.0]);
        let many = spread(&[50.0, 60.0, 70.0, 80.0, 300.0, 305.0], 40.0, 0.0);
        for pair in many.windows(2) {
            assert!(pair[1] - pair[0] >= 40.0 - 1e-9, "{many:?}");
        }
        assert_eq!(tick_step(3.0), 1);
        assert_eq!(tick_step(26.0), 5);
    }

    #[test]
    fn timeline_svg_marks_and_labels_every_milestone() {
        let entries = vec![
            entry(Some("2000"), "Global Partnership", "elevation"),
            entry(
                Some("2014-09-01"),
                "Special Strategic <Partnership>",
                "elevation",
            ),
            entry(Some("2025-05-05"), "Defence ministers meet", "meeting"),
            entry(None, "Dialogue", "statement"),
        ];
        let svg = timeline_svg("India ⇄ Japan", &entries, &[]);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(">Timeline: India ⇄ Japan</text>"));
        assert!(svg.contains("4 milestones, 2000–2025 (1 undated)"));
        assert!(svg.contains(
            "<tspan font-weight=\"bold\">2014-09-01</tspan>  Special Strategic &lt;Partnership&gt;"
        ));
        assert!(svg.contains("<title>2025-05-05 Defence ministers meet\n“The sentence about Defence ministers meet &amp; more.”</title>"));
        assert!(svg.contains(">2000</text>") && svg.contains(">2025</text>"));
        assert!(svg.contains(">undated</text>"));
        assert!(svg.contains(">elevation</text>") && svg.contains(">meeting</text>"));
        assert_eq!(svg.matches("<g class=\"milestone\">").count(), 4);
        assert_eq!(
            svg,
            timeline_svg("India ⇄ Japan", &entries, &[]),
            "deterministic"
        );
        let xml = roxmltree::Document::parse(&svg).expect("well-formed XML");
        assert_eq!(xml.root_element().tag_name().name(), "svg");

        // The axis ends at the last event: no tick for 2030.
        assert!(!svg.contains(">2030</text>"), "{svg}");

        let level = |name: &str, from: &str, until: Option<&str>| LevelSpan {
            agreement: format!("agreement:{name}"),
            name: name.to_string(),
            from: Some(from.to_string()),
            until: until.map(str::to_string),
            status: crate::model::Status::Held,
        };
        let levels = [
            level("Global Partnership", "2000", Some("2014-09-01")),
            level(
                "Special Strategic and Global Partnership",
                "2014-09-01",
                None,
            ),
        ];
        let spans = timeline_svg("India ⇄ Japan", &entries, &levels);
        assert_eq!(spans.matches("<g class=\"level\">").count(), 2);
        assert!(spans.contains("<title>Global Partnership, 2000–2014-09-01</title>"));
        assert!(spans
            .contains("<title>Special Strategic and Global Partnership, since 2014-09-01</title>"));
        assert!(roxmltree::Document::parse(&spans).is_ok());

        let empty = timeline_svg("Nowhere", &[], &[]);
        assert!(empty.contains("No milestones in the graph."));
        assert!(roxmltree::Document::parse(&empty).is_ok());
    }
}
