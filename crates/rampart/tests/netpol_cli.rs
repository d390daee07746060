//! `rampart netpol reach | coverage | generate`, run as the binary.

mod support;

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use support::{rampart, workspace};

fn rampart_with(args: &[&str], stdin: Option<&[u8]>) -> Output {
    support::rampart_in(&workspace(), args, stdin)
}

fn temp_dir(name: &str) -> PathBuf {
    support::temp_dir("netpol-cli", name)
}

use serde_json::Value;

fn microservices_demo() -> PathBuf {
    workspace().join("../shared/corpus/real/microservices-demo")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn reach_on_the_example_lists_the_allowed_connections() {
    let out = rampart(&["netpol", "reach", "examples/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 8080
shop/backend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
shop/backend[Deployment] => shop/frontend[Deployment] : TCP 8080
shop/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
shop/frontend[Deployment] => shop/backend[Deployment] : TCP 9090
"
    );
}

#[test]
fn reach_json_and_focus() {
    let out = rampart(&[
        "netpol",
        "reach",
        "examples/",
        "--format",
        "json",
        "--focus-workload",
        "shop/backend",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // Fields in np-guard's order.
    assert!(
        text.contains("\"src\": \"shop/backend[Deployment]\",\n    \"dst\""),
        "{text}"
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    let lines: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} => {} : {}",
                c["src"].as_str().unwrap(),
                c["dst"].as_str().unwrap(),
                c["conn"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "shop/backend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
            "shop/backend[Deployment] => shop/frontend[Deployment] : TCP 8080",
            "shop/frontend[Deployment] => shop/backend[Deployment] : TCP 9090",
        ]
    );
    let bad = rampart(&[
        "netpol",
        "reach",
        "examples/",
        "--focus-workload",
        "shop/nothing",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("--focus-workload shop/nothing"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn reach_reads_stdin() {
    let yaml = fs::read(workspace().join("examples/shop/frontend.yaml")).unwrap();
    let out = rampart_with(&["netpol", "reach", "-"], Some(&yaml));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : All Connections
shop/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
"
    );
}

#[test]
fn coverage_reports_default_deny_and_unselected_workloads() {
    let out = rampart(&["netpol", "coverage", "examples/", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        v["namespaces"],
        serde_json::json!([{
            "namespace": "shop",
            "workloads": 2,
            "policies": 3,
            "ingressDefaultDeny": "default-deny-ingress",
            "egressDefaultDeny": null,
            "unselectedWorkloads": [],
        }])
    );
    let dir = temp_dir("coverage");
    fs::write(
        dir.join("in.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: team, labels: {app: a}}\nspec:\n  containers: [{name: a, image: x.azurecr.io/a:1}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: team, labels: {app: b}}\nspec:\n  containers: [{name: b, image: x.azurecr.io/b:1}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a-only, namespace: team}\nspec:\n  podSelector: {matchLabels: {app: a}}\n",
    )
    .unwrap();
    let out = rampart(&["netpol", "coverage", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines().next().unwrap().starts_with("NAMESPACE"),
        "{text}"
    );
    let row = text.lines().find(|l| l.starts_with("team")).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells, ["team", "2", "1", "no", "no", "1"], "{text}");
    assert!(
        text.contains("  selected by no policy: team/b[Pod]"),
        "{text}"
    );
}

#[test]
fn generate_writes_policies_that_reach_accepts() {
    let out = rampart(&[
        "netpol",
        "generate",
        "examples/shop/frontend.yaml",
        "examples/shop/backend.yaml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let yaml = stdout(&out);
    assert!(yaml.contains("name: \"default-deny\""), "{yaml}");
    assert!(yaml.contains("k8s-app: kube-dns"), "{yaml}");
    let dir = temp_dir("generate");
    fs::write(dir.join("generated.yaml"), &yaml).unwrap();
    // The generated set with the application: only the Services' traffic is left.
    let out = rampart(&[
        "netpol",
        "reach",
        "examples/shop/frontend.yaml",
        "examples/shop/backend.yaml",
        "examples/shop/namespace.yaml",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 8080
shop/backend[Deployment] => shop/frontend[Deployment] : TCP 8080
shop/frontend[Deployment] => shop/backend[Deployment] : TCP 9090
"
    );
    // The generated policies themselves raise no default-deny finding.
    let scan = rampart(&[
        "scan",
        "examples/shop/frontend.yaml",
        "examples/shop/backend.yaml",
        dir.to_str().unwrap(),
        "--select",
        "cluster.network.namespace-default-deny-ingress,cluster.network.namespace-default-deny-egress,cluster.network.workload-not-selected,cluster.network.instance-metadata-egress",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&scan.stdout).unwrap();
    assert_eq!(v["findings"], serde_json::json!([]), "{v}");
}

#[test]
fn invalid_policy_is_an_error_with_its_position() {
    let dir = temp_dir("invalid");
    let file = dir.join("bad.yaml");
    fs::write(
        &file,
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: a}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/33}\n",
    )
    .unwrap();
    let out = rampart(&["netpol", "reach", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "error: {}:8:23: NetworkPolicy a/bad: spec.ingress[0].from[0].ipBlock.cidr: \"10.0.0.0/33\" is not a CIDR",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn unenforced_aks_cluster_is_noted() {
    let dir = temp_dir("aks");
    fs::write(
        dir.join("cluster.json"),
        r#"{"name": "prod-aks", "location": "westeurope", "networkProfile": {"networkPlugin": "azure", "networkPolicy": "none"}}"#,
    )
    .unwrap();
    fs::copy(
        workspace().join("examples/shop/network-policy.yaml"),
        dir.join("np.yaml"),
    )
    .unwrap();
    let out = rampart(&["netpol", "reach", dir.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("AKS cluster \"prod-aks\"") && stderr(&out).contains("not enforced"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn microservices_demo_reach_snapshot() {
    let demo = microservices_demo();
    let policies = demo.join("kustomize/components/network-policies");
    let manifests = demo.join("kubernetes-manifests");
    let out = rampart(&[
        "netpol",
        "reach",
        policies.to_str().unwrap(),
        manifests.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    insta::assert_snapshot!("microservices_demo_reach", stdout(&out));
}
