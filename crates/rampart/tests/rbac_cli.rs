//! `rampart rbac` and the `cluster.rbac.*` rules over the demo app and real installs.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{finding_rules, json, rampart};

const CONFIG: &str = "examples/.rampart.yaml";

#[test]
fn who_can_lists_subjects_with_their_bindings() {
    let out = rampart(&[
        "rbac",
        "who-can",
        "create",
        "pods",
        "examples/",
        "--config",
        CONFIG,
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let subjects = v["subjects"].as_array().unwrap();
    let names: Vec<&str> = subjects
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            "3f2a6c1e-8d4b-4c7a-9e21-5b0f7d9a1c44",
            "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
        ],
        "sorted by kind, namespace, name"
    );
    let dev = &subjects[0];
    assert_eq!(dev["kind"], "Group");
    assert_eq!(dev["displayName"], "shop-developers");
    assert_eq!(dev["via"][0]["binding"], "RoleBinding/dev/developers");
    assert_eq!(dev["via"][0]["role"], "Role/developer-role");
    assert_eq!(dev["via"][0]["namespace"], "dev");
    assert_eq!(
        subjects[1]["via"][0]["binding"],
        "ClusterRoleBinding/break-glass-admins"
    );
    assert!(
        subjects[1]["via"][0].get("namespace").is_none(),
        "cluster-wide"
    );

    let in_shop = json(&rampart(&[
        "rbac",
        "who-can",
        "create",
        "pods",
        "examples/",
        "-n",
        "shop",
        "--format",
        "json",
    ]));
    assert_eq!(
        in_shop["subjects"].as_array().unwrap().len(),
        1,
        "the dev Role does not reach shop"
    );

    let secrets = json(&rampart(&[
        "rbac",
        "who-can",
        "list",
        "secrets",
        "examples/",
        "-n",
        "shop",
        "--format",
        "json",
    ]));
    let kinds: Vec<String> = secrets["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}:{}",
                s["kind"].as_str().unwrap(),
                s["name"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            "Group:7c4d9e2b-1a3f-4b6c-8d5e-2f7a9b1c3d5e",
            "Group:9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
            "ServiceAccount:backend",
        ]
    );
}

#[test]
fn who_can_non_resource_url_and_bad_resource() {
    let v = json(&rampart(&[
        "rbac",
        "who-can",
        "get",
        "/metrics",
        "examples/",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["subjects"].as_array().unwrap().len(),
        1,
        "only cluster-admin covers non-resource URLs"
    );
    let bad = rampart(&["rbac", "who-can", "get", "pods/exec/extra", "examples/"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn explain_marks_risky_permissions() {
    let out = rampart(&[
        "rbac",
        "explain",
        "sa:shop/backend",
        "examples/",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["identity"]["user"], "system:serviceaccount:shop:backend");
    let perms = v["permissions"].as_array().unwrap();
    assert_eq!(perms.len(), 1);
    assert_eq!(perms[0]["binding"], "RoleBinding/shop/backend-secrets");
    assert_eq!(perms[0]["scope"], "shop");
    assert_eq!(perms[0]["risky"], serde_json::json!(["secrets-read"]));

    let text = String::from_utf8(
        rampart(&[
            "rbac",
            "explain",
            "group:7c4d9e2b-1a3f-4b6c-8d5e-2f7a9b1c3d5e",
            "examples/",
            "--config",
            CONFIG,
        ])
        .stdout,
    )
    .unwrap();
    assert!(text.contains("platform-engineers"), "{text}");
    assert!(text.contains("RISKY: secrets-read"), "{text}");
    assert_eq!(
        rampart(&["rbac", "explain", "bogus", "examples/"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn paths_find_escalations_in_every_format() {
    let v = json(&rampart(&[
        "rbac",
        "paths",
        "examples/",
        "--format",
        "json",
    ]));
    let paths = v["paths"].as_array().unwrap();
    let platform = paths
        .iter()
        .find(|p| {
            p["start"]["name"] == "7c4d9e2b-1a3f-4b6c-8d5e-2f7a9b1c3d5e"
                && p["goal"] == "all-secrets"
        })
        .expect("the platform group reads every secret");
    assert_eq!(platform["steps"][0]["technique"], "secrets-read");
    let devs: Vec<&Value> = paths
        .iter()
        .filter(|p| p["start"]["name"] == "3f2a6c1e-8d4b-4c7a-9e21-5b0f7d9a1c44")
        .collect();
    assert!(
        devs.is_empty(),
        "developers can run pods in dev, where no service account is powerful: {devs:?}"
    );
    let dot = String::from_utf8(rampart(&["rbac", "paths", "examples/", "--format", "dot"]).stdout)
        .unwrap();
    assert!(dot.starts_with("digraph escalation {") && dot.contains("->"));
    let mermaid =
        String::from_utf8(rampart(&["rbac", "paths", "examples/", "--format", "mermaid"]).stdout)
            .unwrap();
    assert!(mermaid.starts_with("flowchart LR") && mermaid.contains("-->"));
}

#[test]
fn rbac_rules_on_the_demo() {
    let v = json(&rampart(&[
        "scan",
        "examples/",
        "--select",
        "cluster.rbac",
        "--config",
        CONFIG,
        "--format",
        "json",
    ]));
    let mut got: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["resource"]["name"].as_str().unwrap()
            )
        })
        .collect();
    got.sort();
    // `get` on `*` includes nodes/proxy and pods/exec (both reachable with GET); creating
    // deployments runs pods as any service account. The break-glass binding is declared.
    assert_eq!(
        got,
        vec![
            "cluster.rbac.nodes-proxy platform-operators",
            "cluster.rbac.pod-create developers",
            "cluster.rbac.pod-create platform-operators",
            "cluster.rbac.pod-exec platform-operators",
            "cluster.rbac.pod-token-risky backend",
            "cluster.rbac.secrets-read-cluster-wide platform-operators",
            "cluster.rbac.wildcard-resources platform-operator",
        ]
    );
    // Without the config, the break-glass binding is reported and group ids are unknown.
    let v = json(&rampart(&[
        "scan",
        "examples/",
        "--select",
        "cluster.rbac",
        "--format",
        "json",
    ]));
    let rules = finding_rules(&v);
    assert!(rules.contains(&"cluster.rbac.cluster-admin-binding"));
    assert_eq!(
        rules
            .iter()
            .filter(|r| **r == "cluster.rbac.unknown-entra-group")
            .count(),
        3
    );
}

/// The Entra admin groups of a cluster definition scanned alongside count as break-glass groups.
#[test]
fn aks_admin_groups_feed_the_break_glass_list() {
    let dir = std::env::temp_dir().join(format!("rampart-rbac-join-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let group = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    std::fs::write(
        dir.join("admins.yaml"),
        format!(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {{name: aks-admins}}\nsubjects: [{{kind: Group, name: {group}}}]\nroleRef: {{kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}}\n"
        ),
    )
    .unwrap();
    let rules_of = |dir: &Path| -> Vec<String> {
        let v = json(&rampart(&[
            "scan",
            dir.to_str().unwrap(),
            "--select",
            "cluster.rbac",
            "--format",
            "json",
        ]));
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let alone = rules_of(&dir);
    assert!(
        alone.contains(&"cluster.rbac.cluster-admin-binding".to_string()),
        "{alone:?}"
    );
    assert!(alone.contains(&"cluster.rbac.unknown-entra-group".to_string()));
    std::fs::write(
        dir.join("cluster.json"),
        format!(
            r#"{{"id": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/prod",
  "name": "prod", "type": "Microsoft.ContainerService/ManagedClusters", "location": "westeurope",
  "properties": {{"kubernetesVersion": "1.33.2", "aadProfile": {{"managed": true, "enableAzureRBAC": false, "adminGroupObjectIDs": ["{group}"]}}}}}}"#
        ),
    )
    .unwrap();
    let joined = rules_of(&dir);
    assert!(
        !joined.contains(&"cluster.rbac.cluster-admin-binding".to_string()),
        "{joined:?}"
    );
    assert!(
        !joined.contains(&"cluster.rbac.unknown-entra-group".to_string()),
        "{joined:?}"
    );
}
