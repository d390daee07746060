//! The command line as users and CI scripts drive it: exit codes, formats, errors, suppression.

mod support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::{finding_rules, json, rampart, rampart_in, workspace};

fn temp_dir(name: &str) -> std::path::PathBuf {
    support::temp_dir("cli", name)
}

const PRIVILEGED_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: ops
spec:
  containers:
  - name: agent
    image: myacr.azurecr.io/agent:1.0
    securityContext:
      privileged: true
";

#[test]
fn example_scan_exits_1_with_findings() {
    let out = rampart(&["scan", "examples/"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("pod layer"));
    assert!(text.contains("pod.pss.capabilities-baseline"));
    assert!(
        !text.contains("\x1b["),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let out = rampart(&["scan", "examples/", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in ["rule", "severity", "layer", "message", "fingerprint"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
        for key in ["apiVersion", "kind", "name"] {
            assert!(f["resource"][key].is_string(), "resource.{key} in {f}");
        }
        assert!(f["resource"].get("namespace").is_some());
        assert!(f["location"]["file"].is_string());
        assert!(f["location"]["line"].as_u64().unwrap() >= 1);
        assert!(f["location"]["column"].as_u64().unwrap() >= 1);
        assert!(f["location"]["path"].is_string());
    }
    assert_eq!(v["suppressed"], 0);
    assert!(v["errors"].as_array().unwrap().is_empty());
    assert_eq!(
        v["summary"]["total"].as_u64().unwrap() as usize,
        findings.len()
    );
}

#[test]
fn fail_on_threshold_sets_the_exit_code() {
    assert_eq!(
        rampart(&["scan", "examples/", "--fail-on", "never", "-q"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        rampart(&[
            "scan",
            "examples/",
            "--select",
            "pod",
            "--fail-on",
            "critical",
            "-q"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        rampart(&["scan", "examples/", "--fail-on", "low", "-q"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        rampart(&["scan", "examples/", "--select", "pod.resources", "-q"])
            .status
            .code(),
        Some(0),
        "resource findings are at most medium"
    );
}

#[test]
fn select_and_ignore_by_prefix() {
    let v = json(&rampart(&[
        "scan",
        "examples/",
        "--format",
        "json",
        "--select",
        "pod.pss",
        "--ignore",
        "pod.pss.run-as-user",
    ]));
    let rules = finding_rules(&v);
    assert!(!rules.is_empty());
    assert!(
        rules
            .iter()
            .all(|r| r.starts_with("pod.pss.") && *r != "pod.pss.run-as-user"),
        "{rules:?}"
    );
    let bad = rampart(&["scan", "examples/", "--select", "pod.nothing"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("matches no rule"));
}

#[test]
fn sarif_follows_the_2_1_0_structure() {
    let out = rampart(&["scan", "examples/", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    // The typed SARIF 2.1.0 model refuses documents that lack required properties.
    let typed: serde_sarif::sarif::Sarif =
        serde_json::from_slice(&out.stdout).expect("valid SARIF 2.1.0 document");
    assert_eq!(typed.runs.len(), 1);
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "rampart");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 30);
    for r in rules {
        assert!(r["id"].is_string());
        assert!(r["helpUri"].as_str().unwrap().starts_with("https://"));
        assert!(r["help"]["text"].as_str().unwrap().contains("## Fix"));
        assert!(r["shortDescription"]["text"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let id = res["ruleId"].as_str().unwrap();
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        assert!(res["message"]["text"].is_string());
        let phys = &res["locations"][0]["physicalLocation"];
        assert!(phys["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("examples/"));
        assert!(phys["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(phys["region"]["startColumn"].as_u64().unwrap() >= 1);
        assert!(res["partialFingerprints"]["rampart/v1"].is_string());
    }
}

#[test]
fn junit_is_well_formed_xml_with_one_failure_per_finding() {
    let out = rampart(&["scan", "examples/", "--format", "junit"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    let findings = json(&rampart(&["scan", "examples/", "--format", "json"]))["findings"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(failures, findings);
    assert_eq!(root.attribute("failures").unwrap(), findings.to_string());
}

#[test]
fn output_file_receives_the_report() {
    let dir = temp_dir("output");
    let path = dir.join("report.json");
    let out = rampart(&[
        "scan",
        "examples/",
        "--format",
        "json",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(v["summary"]["total"].as_u64().unwrap() > 0);
}

/// Broken, hostile and binary files: each is an error with file and line (exit 2), and the
/// good file beside it is still scanned.
#[test]
fn hostile_inputs_give_errors_and_do_not_hide_good_files() {
    let dir = temp_dir("hostile");
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..15 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(",")
        ));
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"unterminated\n".to_vec(),
            "truncated.yaml:",
        ),
        (
            "malformed.yaml",
            b"apiVersion: v1\nkind: Pod\nspec: [a, b\nmetadata: {name: x}\n".to_vec(),
            "malformed.yaml:",
        ),
        (
            "binary.yaml",
            vec![0x7f, b'E', b'L', b'F', 0, 1, 2, 3, 0xff],
            "binary.yaml:1",
        ),
        ("bomb.yaml", bomb.into_bytes(), "alias"),
        ("deep.json", "[".repeat(200_000).into_bytes(), "deep.json:1"),
        (
            "latin1.yaml",
            b"kind: Pod\nname: caf\xe9\n".to_vec(),
            "latin1.yaml:2",
        ),
    ];
    for (name, bytes, expected) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        std::fs::write(dir.join("good.yaml"), PRIVILEGED_POD).unwrap();
        let started = Instant::now();
        let out = rampart(&["scan", dir.to_str().unwrap(), "--format", "json"]);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(10), "{name} took {took:?}");
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{name}: stderr {stderr}");
        let v = json(&out);
        let errors = v["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(
            errors[0]["line"].as_u64().unwrap() >= 1,
            "{name}: {errors:?}"
        );
        let rules = finding_rules(&v);
        assert!(
            rules.contains(&"pod.pss.privileged"),
            "{name}: the good file is still scanned"
        );
        std::fs::remove_file(dir.join(name)).unwrap();
    }
}

#[test]
fn broken_document_among_good_ones_in_one_file() {
    let dir = temp_dir("multidoc");
    let text = format!(
        "{PRIVILEGED_POD}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: [oops\n---\n{}",
        PRIVILEGED_POD.replace("agent", "second")
    );
    std::fs::write(dir.join("three.yaml"), text).unwrap();
    let out = rampart(&["scan", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    // The flow mapping opened on line 15 is found unclosed at the `---` on line 16.
    let line = v["errors"][0]["line"].as_u64().unwrap();
    assert!((15..=16).contains(&line), "{line}");
    let names: std::collections::BTreeSet<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "pod.pss.privileged")
        .map(|f| f["resource"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        vec!["agent", "second"]
    );
}

#[test]
fn missing_path_is_an_error() {
    let out = rampart(&["scan", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir: cannot read"));
}

#[test]
fn stdin_list_from_kubectl() {
    let list = serde_json::json!({
        "apiVersion": "v1",
        "kind": "List",
        "items": [
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ops", "labels": {"pod-security.kubernetes.io/enforce": "baseline"}}},
            yaml_to_json(PRIVILEGED_POD)
        ]
    });
    let input = serde_json::to_vec_pretty(&list).unwrap();
    let out = rampart_in(
        &workspace(),
        &["scan", "-", "--format", "json"],
        Some(&input),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "pod.pss.privileged")
        .unwrap();
    assert_eq!(f["location"]["file"], "<stdin>");
    assert_eq!(
        f["location"]["path"],
        "items[1].spec.containers[0].securityContext.privileged"
    );
    let rejected = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "pod.psa.rejected-by-enforce")
        .unwrap();
    assert!(rejected["message"].as_str().unwrap().contains("baseline"));
}

/// A YAML manifest as JSON, through rampart's own document tree.
fn yaml_to_json(yaml: &str) -> Value {
    let docs = rampart_document::parse_str(yaml, &rampart_document::Limits::default());
    let root = &docs[0].as_ref().expect("valid YAML").root;
    serde_json::from_str(&root.to_json()).expect("the tree renders as JSON")
}

#[test]
fn annotation_suppresses_with_a_reason_and_is_counted() {
    let dir = temp_dir("suppress");
    let annotated = PRIVILEGED_POD.replace(
        "  namespace: ops\n",
        "  namespace: ops\n  annotations:\n    rampart.dev/ignore: \"pod.pss.privileged: node agent, reviewed\"\n",
    );
    std::fs::write(dir.join("pod.yaml"), annotated).unwrap();
    let v = json(&rampart(&[
        "scan",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let rules = finding_rules(&v);
    assert!(!rules.contains(&"pod.pss.privileged"));
    assert!(v["suppressed"].as_u64().unwrap() >= 1);
    assert!(v["suppressedFindings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "pod.pss.privileged"));

    let no_reason = PRIVILEGED_POD.replace(
        "  namespace: ops\n",
        "  namespace: ops\n  annotations:\n    rampart.dev/ignore: pod.pss.privileged\n",
    );
    std::fs::write(dir.join("pod.yaml"), no_reason).unwrap();
    let out = rampart(&["scan", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert_eq!(v["errors"][0]["line"], 7);
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("reason"));
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "pod.pss.privileged"));
}

#[test]
fn config_file_selects_overrides_and_exempts() {
    let dir = temp_dir("config");
    std::fs::write(dir.join("pod.yaml"), PRIVILEGED_POD).unwrap();
    std::fs::write(
        dir.join("other.yaml"),
        PRIVILEGED_POD.replace("namespace: ops", "namespace: shop"),
    )
    .unwrap();
    std::fs::write(
        dir.join(".rampart.yaml"),
        "select: [pod.pss]\nignore: [pod.pss.run-as-non-root]\nseverity:\n  pod.pss.privileged: low\nexemptNamespaces: [ops]\n",
    )
    .unwrap();
    let out = rampart_in(&dir, &["scan", ".", "--format", "json"], None);
    let v = json(&out);
    let findings = v["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .all(|f| f["resource"]["namespace"] == "shop"));
    assert!(findings
        .iter()
        .all(|f| f["rule"].as_str().unwrap().starts_with("pod.pss.")
            && f["rule"] != "pod.pss.run-as-non-root"));
    let privileged = findings
        .iter()
        .find(|f| f["rule"] == "pod.pss.privileged")
        .unwrap();
    assert_eq!(privileged["severity"], "low");
    assert!(v["suppressed"].as_u64().unwrap() > 0);

    std::fs::write(dir.join(".rampart.yaml"), "selcet: [pod]\n").unwrap();
    let out = rampart_in(&dir, &["scan", ".", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(".rampart.yaml:1: unknown setting `selcet`")
    );
}

#[test]
fn k8s_version_changes_the_verdict() {
    let dir = temp_dir("version");
    // allowPrivilegeEscalation is a restricted check from policy v1.8; runAsUser from v1.23.
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  securityContext: {runAsNonRoot: true, runAsUser: 0}\n  containers:\n  - {name: c, image: x.azurecr.io/c:1, securityContext: {allowPrivilegeEscalation: false}}\n";
    std::fs::write(dir.join("pod.yaml"), pod).unwrap();
    let rules_at = |version: &str| -> Vec<String> {
        let v = json(&rampart(&[
            "scan",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "--select",
            "pod.pss",
            "--k8s-version",
            version,
        ]));
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!rules_at("1.22").contains(&"pod.pss.run-as-user".to_string()));
    assert!(rules_at("v1.23").contains(&"pod.pss.run-as-user".to_string()));
    assert!(rules_at("latest").contains(&"pod.pss.run-as-user".to_string()));
    let bad = rampart(&["scan", dir.to_str().unwrap(), "--k8s-version", "banana"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn rules_catalog_json() {
    let out = rampart(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let rules = v.as_array().unwrap();
    assert!(rules.len() >= 30, "{} rules", rules.len());
    let pss: Vec<&Value> = rules
        .iter()
        .filter(|r| r["id"].as_str().unwrap().starts_with("pod.pss."))
        .collect();
    assert_eq!(pss.len(), 19);
    for r in rules {
        for key in ["id", "layer", "domain", "severity", "title"] {
            assert!(r[key].is_string(), "{key} of {r}");
        }
    }
    for r in &pss {
        assert!(["baseline", "restricted"].contains(&r["pss"]["level"].as_str().unwrap()));
        assert!(r["pss"]["check"].is_string());
    }
    let caps = rules
        .iter()
        .find(|r| r["id"] == "pod.pss.capabilities-restricted")
        .unwrap();
    assert_eq!(caps["pss"]["check"], "capabilities_restricted");
    assert_eq!(caps["pss"]["level"], "restricted");

    let one = rampart(&["rules", "pod.pss.privileged"]);
    let text = String::from_utf8_lossy(&one.stdout);
    for part in [
        "pod.pss.privileged",
        "## Why",
        "## Fails",
        "## Passes",
        "## Fix",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert_eq!(rampart(&["rules", "pod.nope"]).status.code(), Some(2));
}

#[test]
fn namespaces_view_reports_enforce_rejections() {
    let dir = temp_dir("namespaces");
    let ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.30\n";
    std::fs::write(dir.join("ns.yaml"), ns).unwrap();
    std::fs::write(dir.join("pod.yaml"), PRIVILEGED_POD).unwrap();
    std::fs::write(
        dir.join("elsewhere.yaml"),
        PRIVILEGED_POD.replace("namespace: ops", "namespace: undefined-ns"),
    )
    .unwrap();
    let out = rampart(&["namespaces", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let all = v["namespaces"].as_array().unwrap();
    let ops = all.iter().find(|n| n["name"] == "ops").unwrap();
    assert_eq!(ops["defined"], true);
    assert_eq!(ops["enforce"]["level"], "restricted");
    assert_eq!(ops["enforce"]["version"], "v1.30");
    let rejected = ops["rejectedByEnforce"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0]["checks"]
        .as_array()
        .unwrap()
        .contains(&Value::from("privileged")));
    let undefined = all.iter().find(|n| n["name"] == "undefined-ns").unwrap();
    assert_eq!(undefined["defined"], false);
    assert_eq!(undefined["enforce"]["labeled"], false);
    assert_eq!(undefined["rejectedAt"]["baseline"], 1);
    assert!(undefined["rejectedByEnforce"]
        .as_array()
        .unwrap()
        .is_empty());
}
