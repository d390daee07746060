//! The fast reader for the common subset of YAML must give exactly the reference reader's
//! trees and positions, on real manifests and on every tricky construct, and must accept
//! most real files (bailing out too often would make it useless).

use std::path::{Path, PathBuf};

use rampart_document::{
    parse_str, parse_str_fast, parse_str_reference, Document, Limits, Node, Value,
};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Equality of trees where NaN equals NaN (`.nan` parses to it in both readers).
fn same_node(a: &Node, b: &Node) -> bool {
    a.pos == b.pos
        && match (&a.value, &b.value) {
            (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
            (Value::Seq(x), Value::Seq(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same_node(a, b))
            }
            (Value::Map(x), Value::Map(y)) => {
                x.len() == y.len()
                    && x.iter().zip(y.iter()).all(|(a, b)| {
                        a.key == b.key && a.key_pos == b.key_pos && same_node(&a.value, &b.value)
                    })
            }
            (x, y) => x == y,
        }
}

/// Where two trees first differ, for readable failures.
fn first_difference(a: &Node, b: &Node, path: &str) -> Option<String> {
    let here = || Some(format!("at {path:?}: fast {a:?}\n  reference {b:?}"));
    if a.pos != b.pos {
        return here();
    }
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => x
            .iter()
            .zip(y.iter())
            .enumerate()
            .find_map(|(i, (a, b))| first_difference(a, b, &format!("{path}[{i}]"))),
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
            x.iter().zip(y.iter()).find_map(|(ea, eb)| {
                let p = format!("{path}.{}", eb.key);
                if ea.key != eb.key || ea.key_pos != eb.key_pos {
                    return Some(format!(
                        "key at {p:?}: fast {:?}@{} reference {:?}@{}",
                        ea.key, ea.key_pos, eb.key, eb.key_pos
                    ));
                }
                first_difference(&ea.value, &eb.value, &p)
            })
        }
        _ if same_node(a, b) => None,
        _ => here(),
    }
}

/// Compares both readers on `text`. Returns whether the fast reader accepted it; panics with
/// the first difference when it accepted it and disagrees.
fn compare(text: &str, what: &str) -> bool {
    let limits = Limits::default();
    let Some(fast) = parse_str_fast(text, &limits) else {
        return false;
    };
    let reference: Vec<Document> = parse_str_reference(text, &limits)
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|e| {
                panic!("{what}: fast reader accepted a text the reference refuses ({e})\n{text}")
            })
        })
        .collect();
    assert_eq!(
        fast.len(),
        reference.len(),
        "{what}: document counts differ\n{text}"
    );
    for (f, r) in fast.iter().zip(&reference) {
        assert_eq!(f.index, r.index, "{what}: document indexes differ");
        if let Some(diff) = first_difference(&f.root, &r.root, "") {
            panic!(
                "{what}: document {} differs {diff}\n--- text ---\n{text}",
                r.index
            );
        }
    }
    true
}

/// The construct is in the subset: the fast reader must take it and agree.
fn accepted(text: &str) {
    assert!(compare(text, "case"), "fast reader bailed on:\n{text}");
}

/// The construct is outside the subset: the fast reader must leave it to the reference.
fn refused(text: &str) {
    assert!(
        parse_str_fast(text, &Limits::default()).is_none(),
        "fast reader should bail on:\n{text}"
    );
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        ) {
            out.push(path);
        }
    }
}

/// Compares every file under `dir`; returns (files, accepted files, bytes, accepted bytes).
fn compare_tree(dir: &Path) -> (usize, usize, usize, usize) {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    let (mut n, mut n_ok, mut bytes, mut bytes_ok) = (0, 0, 0, 0);
    for path in files {
        let Ok(raw) = std::fs::read(&path) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(&raw) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        n += 1;
        bytes += raw.len();
        if compare(text, &path.display().to_string()) {
            n_ok += 1;
            bytes_ok += raw.len();
        }
    }
    (n, n_ok, bytes, bytes_ok)
}

fn shared_corpus() -> PathBuf {
    let dir = workspace_root().join("../shared/corpus");
    assert!(
        dir.is_dir(),
        "the shared corpus is missing: expected it at {} (next to the workspace)",
        dir.display()
    );
    dir
}

#[test]
fn fast_reader_agrees_on_the_real_corpus_and_accepts_most_of_it() {
    let real = shared_corpus().join("real");
    let (n, n_ok, bytes, bytes_ok) = compare_tree(&real);
    assert!(n > 0, "no files under {}", real.display());
    let rate = bytes_ok as f64 / bytes as f64;
    println!(
        "shared/corpus/real: fast reader took {n_ok}/{n} files, {bytes_ok}/{bytes} bytes ({:.1}%)",
        rate * 100.0
    );
    assert!(
        rate >= 0.90,
        "fast reader accepts only {:.1}% of the bytes",
        rate * 100.0
    );
}

#[test]
fn fast_reader_agrees_on_the_rest_of_the_shared_corpus() {
    let corpus = shared_corpus();
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        return;
    };
    for dir in entries.flatten().map(|e| e.path()) {
        if dir.is_dir() && dir.file_name().is_some_and(|n| n != "real") {
            let (n, n_ok, bytes, bytes_ok) = compare_tree(&dir);
            println!(
                "{}: fast reader took {n_ok}/{n} files, {bytes_ok}/{bytes} bytes",
                dir.display()
            );
        }
    }
}

#[test]
fn fast_reader_agrees_on_fixtures_and_examples() {
    let root = workspace_root();
    for dir in ["crates/rampart/tests/fixtures", "examples"] {
        let (n, n_ok, bytes, bytes_ok) = compare_tree(&root.join(dir));
        println!("{dir}: fast reader took {n_ok}/{n} files, {bytes_ok}/{bytes} bytes");
    }
}

/// For manual checks on a generated corpus: `SUBSET_CORPUS=path cargo test -- --ignored`.
#[test]
#[ignore]
fn fast_reader_agrees_on_the_corpus_named_by_subset_corpus() {
    let dir = std::env::var_os("SUBSET_CORPUS").expect("set SUBSET_CORPUS to a folder");
    let (n, n_ok, bytes, bytes_ok) = compare_tree(Path::new(&dir));
    println!(
        "fast reader took {n_ok}/{n} files, {bytes_ok}/{bytes} bytes ({:.2}%)",
        bytes_ok as f64 * 100.0 / bytes.max(1) as f64
    );
}

/// Random byte edits of real files: the fast reader must never panic, and whatever it accepts
/// must match the reference. `SUBSET_FUZZ_ROUNDS` raises the number of edits per file.
#[test]
fn mutated_files_never_panic_and_never_disagree() {
    let rounds: usize = std::env::var("SUBSET_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(25);
    let mut files = Vec::new();
    files_under(&shared_corpus().join("real"), &mut files);
    files.retain(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 20_000));
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const ALPHABET: &[u8] = b" \n\t:-#'\"[]{},|>&*!?%\\abc01.";
    for (n, path) in files.iter().enumerate().take(120) {
        let Ok(original) = std::fs::read(path) else {
            continue;
        };
        if original.is_empty() {
            continue;
        }
        for round in 0..rounds {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() % bytes.len() as u64) as usize;
                let c = ALPHABET[(next() % ALPHABET.len() as u64) as usize];
                match next() % 3 {
                    0 => bytes[at] = c,
                    1 => bytes.insert(at, c),
                    _ => {
                        bytes.remove(at);
                    }
                }
                if bytes.is_empty() {
                    bytes.push(b'a');
                }
            }
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let what = format!("{} mutation {n}/{round}", path.display());
            let limits = Limits::default();
            if let Some(fast) = parse_str_fast(text, &limits) {
                let reference = parse_str_reference(text, &limits);
                if reference.iter().any(|r| r.is_err()) {
                    panic!("{what}: accepted a text the reference refuses\n{text}");
                }
                compare(text, &what);
                assert_eq!(fast.len(), reference.len());
            }
        }
    }
}

#[test]
fn parse_str_uses_the_fast_reader_and_keeps_errors_from_the_reference() {
    let limits = Limits::default();
    let good = "kind: Pod\nmetadata:\n  name: a\n";
    let docs = parse_str(good, &limits);
    assert_eq!(docs.len(), 1);
    assert!(parse_str_fast(good, &limits).is_some());
    let bad = "kind: Pod\nmetadata: [unclosed\n---\nkind: B\n";
    assert!(parse_str_fast(bad, &limits).is_none());
    let docs = parse_str(bad, &limits);
    assert_eq!(docs.len(), 2);
    assert!(docs[0].is_err());
}

// ---- documents ----

#[test]
fn document_markers_and_empty_documents() {
    accepted("a: 1\n");
    accepted("---\na: 1\n");
    accepted("--- \na: 1\n");
    accepted("--- # first\na: 1\n");
    accepted("---\n---\nkind: x\n");
    accepted("# only a comment\n");
    accepted("");
    accepted("\n\n");
    accepted("---\n# c\n---\na: 1\n...\n");
    accepted("a: 1\n...\n---\nb: 2");
    accepted("a: 1\n...\nb: 2\n");
    accepted("a: 1\n---\n");
    accepted("a: 1\n---");
    accepted("a: 1\n---\n# c\n");
    accepted("a: 1\n---\n# c");
    accepted("a: 1\n---\n   ");
    accepted("a: 1\n---\n...\n");
    accepted("...\n");
    accepted("---\n");
    accepted("  a: 1\n  b: 2\n");
    refused("--- x\n");
    refused("%YAML 1.2\n---\na: 1\n");
}

// ---- block collections ----

#[test]
fn block_mappings_and_sequences() {
    accepted("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n");
    accepted("spec:\n  containers:\n    - name: a\n      ports:\n        - containerPort: 80\n");
    accepted("containers:\n- name: x\n  env:\n  - name: A\n    value: b\n- name: y\n");
    accepted("- - a\n  - b\n- - c\n");
    accepted("a:\nb: 1\nc:   # x\nd:");
    accepted("a:\n- \n-\n-   # c\n- x\n");
    accepted("k:\n-   # c\n  a: 1\n- - x\n  - y\n");
    accepted("k:\n  - a\n  -  b\nj:\n    - c\n");
    accepted("- a\n- b: 1\n  c: 2\n-\n  d: 3\n");
    accepted("a: 1\na: 2\n");
    accepted("\"quoted key\": 1\n'single': 2\n\"a\\tb\": 3\n");
    accepted("key with spaces: v\nk : v\n");
    accepted("a:\n  b:\n    c:\n      d: deep\n  e: f\n");
    refused("a: 1\n- b\n");
    refused("a:\n  - x\n  b: 1\n");
    refused("a: 1\n   b: 2\n");
    refused("a: b: c\n");
    refused("<<: {a: 1}\n");
    refused("? a\n: b\n");
}

// ---- scalars ----

#[test]
fn plain_scalars() {
    accepted("a: a:b\nb: http://x:80/y\nc: a #b\nd: a#b\ne: value # comment\nf: -1\ng: --flag\n");
    accepted("a: yes\nb: off\nc: 0755\nd: 12\ne: 1.5\nf: ~\ng: 0x1F\nh: -3\ni: v1.25\nj: .nan\n");
    accepted("a: 1e3\nb: +12\nc: 1_000\nd: null\ne: NULL\nf: True\ng: .inf\nh: -.Inf\n");
    accepted("a: x [y] {z}, w\nb: ?x\nc: -x\nd: :x\n");
    accepted("a: multi\n  line\n\n  plain\nb: c\n");
    accepted("- first\n  second\n- third\n");
    accepted("a:\n  on the\n  next line\n");
    accepted("a: trailing spaces   \nb: é ü 日本 # non-ascii\nc: [é, ü]\n");
    refused("a: b\n  c: d\n");
    refused("a: x # c\n  y\n");
    refused("a: &anchor x\n");
    refused("a: *alias\n");
    refused("a: !!str 10\n");
    refused("a:\tb\n");
    refused("a: 1\r\nb: 2\r\n");
    refused("\u{feff}a: 1\n");
}

#[test]
fn quoted_scalars() {
    accepted(
        "a: 'it''s'\nb: \"q\\\"q\"\nc: \"\\n\\t\\\\\\/\\u00e9\\x41\\U0001F600\"\nd: ''\ne: \"\"\n",
    );
    accepted("a: \"x\n  y\"\nb: 'p\n\n  q'\nc: \"  lead and trail  \"\n");
    accepted("a: 'Location describes the path to be mutated, for example:\n  `spec.containers[name: main]`.'\nb: 1\n");
    accepted("a: \"tab\\tand\\\\ escaped \\\" quote\" # comment\n");
    accepted("- \"a\"\n- 'b'\n- \"c\": d\n");
    accepted("a: \"x  \n   y\"\n");
    refused("a: \"\\ud83d\\ude00\"\n");
    refused("a: \"x\\\n  y\"\n");
    refused("a: \"x\"# c\n");
    refused("a: \"x\nb: 1\n");
}

#[test]
fn block_scalars() {
    accepted("a: |\n  x\n  y\nb: |-\n\n   z\nc: |\nd: 1\n");
    accepted("a: >\n  folded\n  text\n\n  para\n    more indented\n  back\nb: 1\n");
    accepted("a: |+\n  keep\n\n\nb: >-\n  strip\n\n\nc: >+\n  k\n\nd: 1\n");
    accepted("a: |2\n    two extra\n  base\nb: |-2\n   x\nc: >2-\n   y\n");
    accepted("data:\n  config.yaml: |\n    key: value\n    # not a comment\n    list:\n    - a\n\n  other: x\n");
    accepted("- |\n  in a sequence\n- >-\n  folded\n  in a sequence\n");
    accepted("a: |\n  x\n   \n  y\n  \n");
    accepted("a: |\n  no final newline");
    accepted("a: |-\n  x\n  ");
    accepted("a: >\n  x\n\n\n  y\n \n");
    accepted("a: | # comment\n  x\n");
    accepted("a: |\n  tab\tinside\n");
    refused("a: |\n");
    refused("a: |0\n  x\n");
}

// ---- flow collections and JSON ----

#[test]
fn flow_collections() {
    accepted("a: []\nb: {}\nc: [\"a\", \"b\"]\nd: [a, b]\ne: {a: b}\nf: {x: 1, \"y\": z}\n");
    accepted("k: [a, b]  # c\nj: [1, [2, 3], {a: [4]}]\n");
    accepted("a: [a b, c:d, 'e', -1]\n");
    accepted("a: [\n    x,\n    y\n  ]\n");
    refused("a: [a, b,]\n");
    refused("a: [a: b]\n");
    refused("a: {a, b}\n");
    refused("a: [unclosed\n");
    refused("[a]: b\n");
}

#[test]
fn json_documents() {
    accepted("{\"a\": 1, \"b\": [1, -2.5e3, \"x\", true, null],\n  \"c\": {}\n}");
    accepted("{\n  \"kind\": \"List\",\n  \"items\": [{\"a\":1}, {\"b\": [true, null]}]\n}\n");
    accepted("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"kind\": \"Pod\",\n            \"metadata\": {\n                \"name\": \"a\\u00e9\\n\"\n            }\n        }\n    ]\n}\n");
    accepted("[1, 2, {\"a\": \"b\"}]\n");
    accepted("{\"a\":\"b\",\"c\":[]}");
    refused("{\"a\": \"\\ud83d\\ude00\"}");
    refused("{\n\t\"a\": 1\n}\n");
}

#[test]
fn depth_beyond_the_limit_is_left_to_the_reference() {
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    assert!(parse_str_fast("a:\n  b:\n    c: 1\n", &limits).is_some());
    assert!(parse_str_fast("a:\n  b:\n    c:\n      d: 1\n", &limits).is_none());
    let deep = "[".repeat(10_000);
    assert!(parse_str_fast(&deep, &Limits::default()).is_none());
}

#[test]
fn positions_after_non_ascii_text_and_odd_spacing() {
    accepted(
        "é: ü\nname: \"日本\" # ç\nl: [é, \"ü\", {ö: ä}]\na  : b\n- x\n".trim_end_matches("- x\n"),
    );
    accepted("k:\n- é: 1\n  ü: |\n    日本\n  # comment less indented\n  x: 'é\n    ü'\n");
    accepted("a:\n- |2\n    x\n- >\n  y\n   z\n  w\n");
    accepted("-   spaced: 1\n    more: 2\n-    - deep\n     - er\n");
}

#[test]
fn hand_written_manifests() {
    accepted(MANIFESTS);
}

const MANIFESTS: &str = r#"# A few manifests in the styles generators and people write.
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: prod
  labels: {app: web, tier: "frontend"}
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"ConfigMap"}
data:
  nginx.conf: |
    server {
        listen 80;
        location / { proxy_pass http://backend:8080; }
    }
  motd: >-
    Welcome to the
    cluster.

    Be nice.
  empty: ""
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: web
        image: "registry.example.com/web:1.2.3@sha256:0123456789abcdef"
        args: ["--port=8080", "--log-level", 'debug']
        command:
          - /bin/sh
          - -c
          - |
            echo start
            exec web
        ports:
        - containerPort: 8080
          protocol: TCP
        env:
        - name: A
          value: "1"
        - name: B
          valueFrom:
            secretKeyRef: {name: s, key: k}
        resources:
          limits: {cpu: 500m, memory: 128Mi}
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            drop: ["ALL"]
...
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports:
  - port: 80
    targetPort: 8080
"#;

/// Which real files the fast reader leaves to the reference (manual check).
#[test]
#[ignore]
fn list_refused_files() {
    let mut files = Vec::new();
    files_under(&shared_corpus().join("real"), &mut files);
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        if parse_str_fast(&text, &Limits::default()).is_none() {
            println!("REFUSED {}", p.display());
        }
    }
}
