//! `kg timeline --format svg` and `kg report`: the timeline drawn on a time axis,
//! and the self-contained HTML page, loaded in headless Chromium when it is installed.

use crate::util::{json_of, stdout_of, Workspace};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn timeline_svg_labels_every_milestone_with_its_date() {
    let ws = Workspace::with_store();
    let out = stdout_of(
        ws.kg()
            .args(["timeline", "India", "Japan", "--format", "svg"]),
    );
    assert!(out.contains("exports/timeline-india-japan.svg"), "{out}");
    let svg = std::fs::read_to_string(ws.path("exports/timeline-india-japan.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let json = json_of(
        ws.kg()
            .args(["timeline", "India", "Japan", "--format", "json"]),
    );
    let milestones = json["milestones"].as_array().unwrap();
    assert!(!milestones.is_empty());
    for m in milestones {
        let date = m["date"].as_str().unwrap_or("undated");
        // Long names are cut: their first words are there.
        let name: String = m["name"].as_str().unwrap().chars().take(60).collect();
        let name = name.replace('\'', "&apos;");
        let label = format!("<tspan font-weight=\"bold\">{date}</tspan>  {name}");
        assert!(svg.contains(&label), "{label} missing");
    }
    // One group per milestone (one that did not happen says its status).
    assert_eq!(
        svg.matches("<g class=\"milestone\"").count(),
        milestones.len()
    );
    // The text formats are as they were; -o writes any of them to a file.
    let text = stdout_of(ws.kg().args(["timeline", "India", "Japan"]));
    assert!(text.starts_with("Timeline: India ⇄ Japan ("), "{text}");
    ws.kg()
        .args(["timeline", "India", "Japan", "-o"])
        .arg(ws.path("t.txt"))
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(ws.path("t.txt")).unwrap(), text);
    let again = stdout_of(
        ws.kg()
            .args(["timeline", "India", "Japan", "--format", "svg", "-o", "-"]),
    );
    assert_eq!(
        again.trim_end(),
        svg.trim_end(),
        "the same timeline, the same file"
    );
}

#[test]
fn report_is_one_page_with_diagram_timeline_and_sourced_facts() {
    let ws = Workspace::with_store();
    let out = stdout_of(ws.kg().args(["report", "India", "Japan"]));
    assert!(out.contains("exports/india-japan.html"), "{out}");
    let html = std::fs::read_to_string(ws.path("exports/india-japan.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        html.matches("<svg").count(),
        2,
        "the diagram and the timeline"
    );
    assert!(html.contains("Paths between India and Japan"));
    assert!(html.contains("Timeline: India ⇄ Japan"));
    assert!(html.contains("<th>Sentence</th>"));
    assert!(html.contains("Rajnath Singh"));
    assert!(
        html.contains("india_japan_defence_2025-05-04.txt") || html.contains("seed.txt"),
        "articles are named by path"
    );
    let without_namespaces = html
        .replace("http://www.w3.org/2000/svg", "")
        .replace("http://www.w3.org/1999/xlink", "");
    for external in [
        "http://", "https://", "<script", " src=", "@import", "url(http",
    ] {
        assert!(!without_namespaces.contains(external), "{external}");
    }
    // Without Graphviz the diagram comes from the built-in layout, and the page says so.
    let out = ws
        .kg()
        .env("KG_NO_GRAPHVIZ", "1")
        .args(["report", "India", "Japan", "-o", "-"])
        .assert()
        .success()
        .stderr(predicates::str::contains("built-in layout"))
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert_eq!(page.matches("<svg").count(), 2);
    assert!(page.contains("rendered with the built-in layout"));
}

/// The Chromium binary, if one is installed.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// Runs headless Chromium on `page`, writing a screenshot; returns its stderr.
fn screenshot(browser: &str, page: &Path, png: &Path, profile: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap_or_default()
}

/// Pixels of the screenshot within a few levels of `rgb`.
fn pixels_like(png: &Path, rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png).expect("the screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    assert!(channels >= 3, "colour screenshot");
    buf[..info.buffer_size()]
        .chunks(channels)
        .filter(|px| (0..3).all(|i| px[i].abs_diff(rgb[i]) <= 6))
        .count()
}

#[test]
fn report_loads_in_chromium_without_console_errors_and_shows_the_diagram() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let ws = Workspace::with_store();
    let page = ws.path("report.html");
    ws.kg()
        .args(["report", "India", "Japan", "-o"])
        .arg(&page)
        .assert()
        .success();
    let png = ws.path("report.png");
    let log = screenshot(browser, &page, &png, &ws.path("profile"));
    let problems: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(problems.is_empty(), "console messages: {problems:#?}");
    assert!(png.exists(), "no screenshot; chromium said:\n{log}");
    // The diagram is on the first screen: the fills of countries and of the
    // agreements, milestones or officials between them show.
    let countries = pixels_like(&png, [0xa6, 0xce, 0xe3]);
    let between: usize = [[0xca, 0xb2, 0xd6], [0xff, 0xed, 0x6f], [0xfd, 0xbf, 0x6f]]
        .into_iter()
        .map(|rgb| pixels_like(&png, rgb))
        .sum();
    assert!(
        countries > 400 && between > 2_000,
        "diagram not visible: {countries} country pixels, {between} others"
    );
}
