//! A temporary workspace and a `kg` command that runs in it with a clean environment.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The shipped corpus in the source tree.
pub fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles")
}

/// The shipped India–Japan defence article (the seed).
pub fn seed() -> PathBuf {
    shipped().join("india_japan_defence_2025-05-04.txt")
}

/// The shipped India–Japan 2014 article.
pub fn ssgp_2014() -> PathBuf {
    shipped().join("india_japan_special_strategic_global_partnership_2014-09-01.txt")
}

/// A temporary folder to run `kg` in; its store is `store.ron` inside it.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn store(&self) -> PathBuf {
        self.path("store.ron")
    }

    /// `kg` in this folder, with no `KG_*` variables from outside, and the
    /// platform's data directory (where the default store lives outside a
    /// project folder) in this folder too, never the user's.
    pub fn kg_bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("kg").expect("the kg binary");
        cmd.current_dir(self.dir.path())
            .env_remove("KG_STORE")
            .env_remove("KG_DATA_DIR")
            .env_remove("KG_NO_GRAPHVIZ")
            .env("XDG_DATA_HOME", self.path("xdg-data"));
        cmd
    }

    /// `kg --store store.ron …`.
    pub fn kg(&self) -> Command {
        let mut cmd = self.kg_bare();
        cmd.arg("--store").arg(self.store());
        cmd
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create folder");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    /// Copies a file into the workspace under `name`.
    pub fn copy(&self, from: &Path, name: &str) -> PathBuf {
        self.write(name, std::fs::read(from).expect("read fixture"))
    }

    /// A store with the two India–Japan articles ingested.
    pub fn with_store() -> Workspace {
        let ws = Workspace::new();
        ws.copy(&seed(), "articles/seed.txt");
        ws.copy(&ssgp_2014(), "articles/ssgp.txt");
        ws.kg()
            .arg("ingest")
            .arg(ws.path("articles"))
            .assert()
            .success();
        ws
    }

    pub fn store_bytes(&self) -> Vec<u8> {
        std::fs::read(self.store()).expect("the store exists")
    }
}

/// Stdout of a successful run, as text.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

/// Stdout of a successful run, as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("JSON output")
}

/// Says what a real client (networkx, cytoscape.js, Kùzu, Spark) loaded: on
/// stderr, and appended to `target/tmp/real-clients.txt`, which `.ci/run`
/// prints after the tests (cargo test hides a passing test's stderr).
pub fn report_client(line: &str) {
    use std::io::Write as _;
    eprintln!("{line}");
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("real-clients.txt");
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(file, "{line}");
    }
}
