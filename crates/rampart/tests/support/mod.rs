//! Running the `rampart` binary from tests: one helper for every command-line test file.

#![allow(dead_code)] // each test file uses the part it needs

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The workspace root, where `examples/` lives.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `rampart ARGS` run in the workspace root.
pub fn rampart(args: &[&str]) -> Output {
    rampart_in(&workspace(), args, None)
}

/// `rampart ARGS` run in `dir`, with `stdin` as standard input when given.
pub fn rampart_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rampart");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("rampart output")
}

/// Standard output as JSON, or a panic showing both streams.
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A fresh, empty folder for one test (`prefix` keeps test files apart).
pub fn temp_dir(prefix: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rampart-{prefix}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The rule id of every finding of a JSON report, in report order.
pub fn finding_rules(report: &Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .expect("a findings array")
        .iter()
        .map(|f| f["rule"].as_str().expect("a rule id"))
        .collect()
}
