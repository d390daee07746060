//! AKS cluster definitions through the scan pipeline: the real REST API examples, one cluster
//! written three ways, unresolvable and missing values, load errors, `--parameters`, and the
//! joins with manifests.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use rampart::aks::{entra_admin_groups, UNKNOWN_PREFIX};
use rampart::config::Config;
use rampart::context::Context;
use rampart::finding::Finding;
use rampart::rules::CATALOG;
use rampart::scan::{Scan, ScanResult};
use rampart_document::Limits;

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/aks")
}

fn rest_examples() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/corpus/real/azure-rest-api-specs/specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-10-01/examples",
    );
    assert!(
        dir.is_dir(),
        "the shared corpus is missing at {}",
        dir.display()
    );
    dir
}

fn scan_with(paths: &[PathBuf], parameters: Option<PathBuf>) -> ScanResult {
    let context = Context {
        version: rampart_pss::Version::LATEST,
        config: Config {
            arm_parameters: parameters,
            ..Config::default()
        },
    };
    Scan {
        context: &context,
        rules: CATALOG.to_vec(),
        limits: Limits::default(),
        progress: false,
    }
    .run(paths)
}

fn scan(paths: &[PathBuf]) -> ScanResult {
    scan_with(paths, None)
}

fn is_aks_rule(id: &str) -> bool {
    id.starts_with("host.aks.") || id.starts_with("cluster.aks.")
}

fn aks_rule_ids() -> Vec<&'static str> {
    CATALOG
        .iter()
        .map(|r| r.id)
        .filter(|id| is_aks_rule(id))
        .collect()
}

/// `(rule, kind, name, verdict, severity)` for every AKS finding: a control that passes has
/// no entry.
fn verdicts(result: &ScanResult) -> BTreeSet<(String, String, String, &'static str, String)> {
    result
        .findings
        .iter()
        .filter(|f| is_aks_rule(f.rule))
        .map(|f| {
            let verdict = if f.message.starts_with(UNKNOWN_PREFIX) {
                "unknown"
            } else {
                "fail"
            };
            (
                f.rule.to_string(),
                f.resource.kind.clone(),
                f.resource.name.clone(),
                verdict,
                f.severity.to_string(),
            )
        })
        .collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rampart-aks-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn render(f: &Finding, prefix: &str) -> String {
    format!(
        "{}:{}:{} {} [{} {}] {} — {}",
        f.location
            .file
            .strip_prefix(prefix)
            .unwrap_or(&f.location.file),
        f.location.line,
        f.location.column,
        f.rule,
        f.resource.kind,
        f.resource.name,
        f.location.path,
        f.message
    )
}

#[test]
fn every_rest_example_loads_and_is_evaluated() {
    let dir = rest_examples();
    let result = scan(std::slice::from_ref(&dir));
    assert!(
        result.errors.is_empty(),
        "load errors: {:#?}",
        result.errors
    );
    let aks = &result.inventory.aks;
    // SOURCES.md: 27 ManagedCluster objects and 10 AgentPool objects in 15 files.
    assert_eq!(aks.clusters.len(), 27);
    assert_eq!(aks.pools.len(), 10);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 15);
    for file in &files {
        let name = file.display().to_string();
        assert!(
            result
                .findings
                .iter()
                .any(|f| is_aks_rule(f.rule) && *f.location.file == *name),
            "{name} was not evaluated"
        );
    }
    let prefix = format!("{}/", dir.display());
    let mut text = String::new();
    for f in result.findings.iter().filter(|f| is_aks_rule(f.rule)) {
        writeln!(text, "{}", render(f, &prefix)).unwrap();
    }
    insta::assert_snapshot!("rest_examples", text);
}

#[test]
fn rest_examples_spot_checks() {
    let dir = rest_examples();
    let result = scan(std::slice::from_ref(&dir));
    let find = |file: &str, rule: &str, line: u32| {
        result
            .findings
            .iter()
            .find(|f| f.rule == rule && f.location.file.ends_with(file) && f.location.line == line)
    };
    // ManagedClustersGet.json: `"enableRBAC": false` in the response body, line 43.
    let rbac = find("ManagedClustersGet.json", "cluster.aks.authz.k8s-rbac", 43).expect("rbac");
    assert_eq!(
        rbac.location.path,
        "responses.200.body.properties.enableRBAC"
    );
    // ManagedClustersCreate_NodePublicIPPrefix.json: pools with `enableNodePublicIP: true`.
    assert!(result
        .findings
        .iter()
        .any(|f| f.rule == "host.aks.node.no-public-ip"
            && f.location
                .file
                .ends_with("ManagedClustersCreate_NodePublicIPPrefix.json")));
    // AgentPoolsCreate_CustomNodeConfig.json: unsafe sysctls and failSwapOn false.
    let kubelet = result
        .findings
        .iter()
        .find(|f| {
            f.rule == "host.aks.node.custom-kubelet"
                && f.location
                    .file
                    .ends_with("AgentPoolsCreate_CustomNodeConfig.json")
        })
        .expect("custom kubelet");
    assert!(
        kubelet.message.contains("kernel.msg*"),
        "{}",
        kubelet.message
    );
    assert!(kubelet.message.contains("failSwapOn is false"));
    // Private cluster with a public FQDN: the low finding, not the high one.
    let fqdn: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| {
            f.rule == "cluster.aks.api.private-cluster"
                && f.location
                    .file
                    .ends_with("ManagedClustersCreate_PrivateClusterPublicFQDN.json")
        })
        .collect();
    assert!(!fqdn.is_empty());
    assert!(fqdn.iter().all(
        |f| f.severity == rampart::finding::Severity::Low && f.message.contains("public FQDN")
    ));
    // A response body holds the cluster alone: audit logs cannot be verified from it.
    assert!(result
        .findings
        .iter()
        .any(|f| f.rule == "cluster.aks.logging.audit" && f.message.starts_with(UNKNOWN_PREFIX)));
    assert!(!result
        .findings
        .iter()
        .any(|f| f.rule == "cluster.aks.logging.audit" && !f.message.starts_with(UNKNOWN_PREFIX)));
}

#[test]
fn one_cluster_three_inputs_same_verdicts() {
    let eq = here().join("equivalent");
    let az = scan(&[eq.join("az")]);
    let arm = scan(&[eq.join("arm")]);
    let terraform = scan(&[eq.join("terraform")]);
    for (name, r) in [("az", &az), ("arm", &arm), ("terraform", &terraform)] {
        assert!(r.errors.is_empty(), "{name}: {:#?}", r.errors);
        assert_eq!(r.inventory.aks.clusters.len(), 1, "{name}");
        assert_eq!(r.inventory.aks.clusters[0].agent_pools.len(), 2, "{name}");
    }
    let expected = verdicts(&az);
    assert_eq!(
        verdicts(&arm),
        expected,
        "ARM template differs from az output"
    );
    assert_eq!(
        verdicts(&terraform),
        expected,
        "Terraform differs from az output"
    );

    // The verdicts themselves, written by hand from the three files.
    let rules: BTreeSet<&str> = expected.iter().map(|v| v.0.as_str()).collect();
    let failing = [
        "cluster.aks.api.private-cluster",
        "cluster.aks.api.run-command",
        "cluster.aks.api.vnet-integration",
        "cluster.aks.net.egress",
        "cluster.aks.secrets.kms",
        "host.aks.node.cmk-disk",
        "host.aks.node.custom-kubelet",
        "host.aks.node.encryption-at-host",
        "host.aks.node.fips",
        "host.aks.node.no-public-ip",
        "host.aks.node.os-sku",
        "host.aks.node.rg-lockdown",
        "host.aks.node.ssh-disabled",
        "host.aks.node.subnet-nsg",
    ];
    assert_eq!(rules, failing.into_iter().collect::<BTreeSet<_>>());
    for passing in [
        "cluster.aks.net.policy",
        "cluster.aks.logging.audit",
        "host.aks.upgrade.maintenance-window",
        "cluster.aks.authn.local-accounts",
        "cluster.aks.api.authorized-ips",
        "host.aks.defender",
    ] {
        assert!(!rules.contains(passing), "{passing} should pass");
    }
    // Per pool: only the user pool fails encryption at host and node public IPs.
    assert!(expected.contains(&(
        "host.aks.node.no-public-ip".into(),
        "AgentPool".into(),
        "eqaks/apps".into(),
        "fail",
        "high".into()
    )));
    assert!(!expected
        .iter()
        .any(|v| v.0 == "host.aks.node.encryption-at-host" && v.2 == "eqaks/system"));
}

#[test]
fn a_template_parameter_without_value_is_unknown_until_a_parameters_file_gives_it() {
    let arm = here().join("equivalent/arm");
    // The template alone: the paired parameters file is not part of the input.
    let alone = scan(&[arm.join("aks.json")]);
    let policy: Vec<&Finding> = alone
        .findings
        .iter()
        .filter(|f| f.rule == "cluster.aks.net.policy")
        .collect();
    assert_eq!(policy.len(), 1);
    assert!(
        policy[0].message.starts_with(UNKNOWN_PREFIX),
        "{}",
        policy[0].message
    );
    assert!(policy[0].message.contains("networkPolicy"));
    // The finding points at the expression in the template.
    assert_eq!(policy[0].location.line, 54);
    // With --parameters the value resolves and the control passes.
    let with = scan_with(
        &[arm.join("aks.json")],
        Some(arm.join("aks.parameters.json")),
    );
    assert!(with.errors.is_empty(), "{:#?}", with.errors);
    assert!(!with
        .findings
        .iter()
        .any(|f| f.rule == "cluster.aks.net.policy"));
}

#[test]
fn crlf_comments_and_trailing_commas_load_at_the_same_positions() {
    let src = here().join("equivalent/arm");
    let dir = temp_dir("crlf");
    for name in ["aks.json", "aks.parameters.json", "defender.json"] {
        let text = std::fs::read_to_string(src.join(name)).unwrap();
        if name == "aks.json" {
            assert!(text.contains("//") && text.contains("/*") && text.contains(",\n  },"));
        }
        std::fs::write(dir.join(name), text.replace('\n', "\r\n")).unwrap();
    }
    let lf = scan(std::slice::from_ref(&src));
    let crlf = scan(std::slice::from_ref(&dir));
    assert!(crlf.errors.is_empty(), "{:#?}", crlf.errors);
    let key = |r: &ScanResult| -> Vec<(String, u32, u32, String)> {
        r.findings
            .iter()
            .map(|f| {
                (
                    f.rule.to_string(),
                    f.location.line,
                    f.location.column,
                    f.location.path.clone(),
                )
            })
            .collect()
    };
    assert!(!key(&lf).is_empty());
    assert_eq!(key(&lf), key(&crlf));
}

/// Every AKS rule must report something (a failure or "cannot verify") on `result`.
fn assert_no_rule_passes(result: &ScanResult, what: &str) {
    for id in aks_rule_ids() {
        assert!(
            result.findings.iter().any(|f| f.rule == id),
            "{id} passed on {what}"
        );
    }
}

#[test]
fn unresolvable_arm_expressions_never_pass() {
    let result = scan(&[
        here().join("unknown/arm.json"),
        here().join("unknown/network-policy.yaml"),
    ]);
    assert!(result.errors.is_empty(), "{:#?}", result.errors);
    assert_no_rule_passes(&result, "an ARM template of unresolved parameters");
    // What cannot be resolved is reported as such, not as a failure of the setting.
    let policy = result
        .findings
        .iter()
        .find(|f| f.rule == "cluster.aks.net.policy")
        .unwrap();
    assert!(
        policy.message.starts_with(UNKNOWN_PREFIX),
        "{}",
        policy.message
    );
    assert!(
        policy.message.contains("clusterProperties"),
        "{}",
        policy.message
    );
}

#[test]
fn unresolvable_terraform_expressions_never_pass() {
    let result = scan(&[
        here().join("unknown/main.tf"),
        here().join("unknown/network-policy.yaml"),
    ]);
    assert!(result.errors.is_empty(), "{:#?}", result.errors);
    assert_no_rule_passes(&result, "Terraform of variables without defaults");
    let private = result
        .findings
        .iter()
        .find(|f| f.rule == "cluster.aks.api.private-cluster")
        .unwrap();
    assert!(private.message.starts_with(UNKNOWN_PREFIX));
    assert!(
        private.message.contains("private_cluster"),
        "{}",
        private.message
    );
}

#[test]
fn missing_properties_fail_unless_the_default_is_secure() {
    let dir = temp_dir("bare");
    std::fs::write(
        dir.join("cluster.json"),
        r#"{"name": "bare", "type": "Microsoft.ContainerService/ManagedClusters",
            "agentPoolProfiles": [{"name": "np", "mode": "System"}]}"#,
    )
    .unwrap();
    std::fs::copy(
        here().join("unknown/network-policy.yaml"),
        dir.join("np.yaml"),
    )
    .unwrap();
    let result = scan(std::slice::from_ref(&dir));
    assert!(result.errors.is_empty(), "{:#?}", result.errors);
    // Defaults that are secure (or make the control not applicable), from the fact sheet.
    let secure_by_default: BTreeSet<&str> = [
        "cluster.aks.authz.k8s-rbac",
        "cluster.aks.addon.dashboard",
        "cluster.aks.addon.http-app-routing",
        "cluster.aks.addon.kv-secrets-rotation",
        "cluster.aks.authn.admin-groups",
        "cluster.aks.k8s-version",
        "host.aks.node.no-public-ip",
        "host.aks.node.ephemeral-os",
        "host.aks.node.vmss",
        "host.aks.node.subnet-nsg",
    ]
    .into_iter()
    .collect();
    for id in aks_rule_ids() {
        let fired = result.findings.iter().any(|f| f.rule == id);
        assert_eq!(
            fired,
            !secure_by_default.contains(id),
            "{id}: fired={fired} on a cluster that sets nothing"
        );
    }
    // az output never holds diagnostic settings: unknown, not pass and not fail.
    let audit = result
        .findings
        .iter()
        .find(|f| f.rule == "cluster.aks.logging.audit")
        .unwrap();
    assert!(audit.message.starts_with(UNKNOWN_PREFIX));
    // Absent properties point at the nearest written parent.
    let private = result
        .findings
        .iter()
        .find(|f| f.rule == "cluster.aks.api.private-cluster")
        .unwrap();
    assert_eq!((private.location.line, private.location.column), (1, 1));
    assert_eq!(
        private.location.path,
        "apiServerAccessProfile.enablePrivateCluster"
    );
}

#[test]
fn bad_hcl_is_a_load_error_and_other_files_still_report() {
    let dir = temp_dir("bad-hcl");
    std::fs::write(
        dir.join("broken.tf"),
        "resource \"azurerm_kubernetes_cluster\" \"x\" {\n  name = \n}\n",
    )
    .unwrap();
    std::fs::copy(
        here().join("equivalent/az/cluster.json"),
        dir.join("cluster.json"),
    )
    .unwrap();
    let result = scan(std::slice::from_ref(&dir));
    assert_eq!(result.errors.len(), 1, "{:#?}", result.errors);
    let e = &result.errors[0];
    assert!(e.file.ends_with("broken.tf"));
    assert!(e.line >= 2, "{e}");
    assert!(e.message.starts_with("invalid HCL"), "{e}");
    assert!(result
        .findings
        .iter()
        .any(|f| f.location.file.ends_with("cluster.json")));

    let out = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(["scan", dir.to_str().unwrap(), "--fail-on", "never", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.tf:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.starts_with("0 findings"), "{stdout}");
}

#[test]
fn az_output_and_templates_can_come_from_standard_input() {
    use std::io::Write as _;
    let template = std::fs::read(here().join("equivalent/arm/aks.json")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args([
            "scan",
            "-",
            "--select",
            "cluster.aks.authn.local-accounts,cluster.aks.net.policy",
            "-f",
            "json",
            "--fail-on",
            "never",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&template).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    // Local accounts are disabled; the network policy parameter has no value on stdin alone.
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["rule"], "cluster.aks.net.policy");
    assert_eq!(findings[0]["location"]["file"], "<stdin>");
}

#[test]
fn a_broken_template_is_a_load_error_with_its_line() {
    let dir = temp_dir("bad-json");
    std::fs::write(
        dir.join("aks.json"),
        "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"resources\": [\n    {\"type\": \n  ]\n}\n",
    )
    .unwrap();
    let result = scan(std::slice::from_ref(&dir));
    assert_eq!(result.errors.len(), 1, "{:#?}", result.errors);
    assert!(result.errors[0].line >= 4, "{}", result.errors[0]);
}

#[test]
fn parameters_flag_on_the_command_line() {
    let arm = here().join("equivalent/arm");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rampart"))
            .args(args)
            .output()
            .unwrap()
    };
    let template = arm.join("aks.json");
    let params = arm.join("aks.parameters.json");
    let with = run(&[
        "scan",
        template.to_str().unwrap(),
        "--parameters",
        params.to_str().unwrap(),
        "--select",
        "cluster.aks.net.policy",
        "--fail-on",
        "low",
        "-q",
    ]);
    assert_eq!(
        with.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let without = run(&[
        "scan",
        template.to_str().unwrap(),
        "--select",
        "cluster.aks.net.policy",
        "--fail-on",
        "low",
        "-q",
    ]);
    assert_eq!(without.status.code(), Some(1));
    let missing = run(&[
        "scan",
        template.to_str().unwrap(),
        "--parameters",
        "/nonexistent/p.json",
        "-q",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/p.json"));
}

#[test]
fn entra_admin_groups_from_every_input() {
    let eq = here().join("equivalent");
    for input in ["az", "arm", "terraform"] {
        let result = scan(&[eq.join(input)]);
        let groups = entra_admin_groups(&result.inventory);
        assert_eq!(groups.len(), 1, "{input}: {groups:?}");
        assert_eq!(groups[0].cluster, "eqaks");
        assert_eq!(groups[0].object_id, "6d1e0c2a-5b7f-4f4e-9f1d-3c2b1a0e9d8c");
        assert!(
            groups[0].location.line > 1,
            "{input}: {:?}",
            groups[0].location
        );
    }
}

#[test]
fn network_policies_without_an_engine_are_reported_with_their_names() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let result = scan(std::slice::from_ref(&examples));
    let join: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| f.rule == "cluster.aks.net.policy-engine-not-enforcing")
        .collect();
    assert_eq!(join.len(), 1);
    assert!(
        join[0].message.contains("shop/default-deny-ingress"),
        "{}",
        join[0].message
    );
    assert!(join[0].location.file.ends_with("examples/aks/cluster.json"));
    // A cluster with an engine, scanned with the same policy: nothing to report.
    let with_engine = scan(&[
        here().join("equivalent/az/cluster.json"),
        here().join("unknown/network-policy.yaml"),
    ]);
    assert!(!with_engine
        .findings
        .iter()
        .any(|f| f.rule == "cluster.aks.net.policy-engine-not-enforcing"));
    // No NetworkPolicies scanned: nothing to join.
    let alone = scan(&[examples.join("aks")]);
    assert!(!alone
        .findings
        .iter()
        .any(|f| f.rule == "cluster.aks.net.policy-engine-not-enforcing"));
}

#[test]
fn terraform_plan_reads_planned_values_and_marks_computed_ones_unknown() {
    let dir = temp_dir("plan");
    std::fs::write(
        dir.join("plan.json"),
        r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": {"root_module": {"resources": [
    {"address": "azurerm_kubernetes_cluster.main", "type": "azurerm_kubernetes_cluster", "name": "main",
     "values": {"name": "planaks", "private_cluster_enabled": true, "local_account_disabled": false,
       "default_node_pool": [{"name": "system", "os_sku": "Mariner", "node_public_ip_enabled": false}],
       "network_profile": [{"network_plugin": "azure", "network_policy": "azure"}]}},
    {"address": "azurerm_kubernetes_cluster_node_pool.gpu", "type": "azurerm_kubernetes_cluster_node_pool", "name": "gpu",
     "values": {"name": "gpu", "mode": "User", "os_sku": "AzureLinux"}}
  ]}},
  "resource_changes": [
    {"address": "azurerm_kubernetes_cluster.main", "change": {"after_unknown": {"disk_encryption_set_id": true}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "azurerm_kubernetes_cluster_node_pool.gpu",
     "expressions": {"kubernetes_cluster_id": {"references": ["azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main"]}}}
  ]}}
}"#,
    )
    .unwrap();
    let result = scan(std::slice::from_ref(&dir));
    assert!(result.errors.is_empty(), "{:#?}", result.errors);
    let clusters = &result.inventory.aks.clusters;
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0].name, "planaks");
    assert_eq!(
        clusters[0].agent_pools.len(),
        2,
        "the gpu pool joins its cluster"
    );
    let rule =
        |id: &str| -> Vec<&Finding> { result.findings.iter().filter(|f| f.rule == id).collect() };
    assert!(rule("cluster.aks.api.private-cluster").is_empty());
    assert_eq!(rule("cluster.aks.authn.local-accounts").len(), 1);
    let cmk = rule("host.aks.node.cmk-disk");
    assert!(
        cmk[0].message.starts_with(UNKNOWN_PREFIX),
        "{}",
        cmk[0].message
    );
    let sku = rule("host.aks.node.os-sku");
    assert_eq!(sku.len(), 1, "only the Mariner pool");
    assert_eq!(sku[0].severity, rampart::finding::Severity::Medium);
    assert_eq!(sku[0].resource.name, "planaks/system");
}
