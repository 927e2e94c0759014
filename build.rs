//! Records a hash of the extraction pipeline's source code as
//! `KG_EXTRACTOR_SOURCE_HASH`, so a store built from the shipped corpus by other
//! code is rebuilt even when the crate version did not change.

use std::path::{Path, PathBuf};

/// The sources whose changes change the graph built from a set of articles:
/// reading, extraction, the model, merging and storing.
const SOURCES: [&str; 9] = [
    "src/article.rs",
    "src/extract",
    "src/gazetteer.rs",
    "src/graph.rs",
    "src/ingest.rs",
    "src/model",
    "src/model.rs",
    "src/store",
    "src/store.rs",
];

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for source in SOURCES {
        println!("cargo:rerun-if-changed={source}");
        collect(Path::new(source), &mut files);
    }
    files.sort();
    // FNV-1a: stable across Rust releases, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        let name = file.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(file).unwrap_or_default();
        for b in name.bytes().chain([0]).chain(bytes).chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!(
        "cargo:rustc-env=KG_EXTRACTOR_SOURCE_HASH={:08x}",
        (hash >> 32) ^ (hash & 0xffff_ffff)
    );
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}
