//! `rampart node` on node roots built here: an AKS-like hardened node, a weak one, flags that
//! override the config file, and a root with no kubelet.

use std::collections::BTreeSet;
use std::os::unix::fs::{chown, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use rampart::node_cmd::audit;

fn root(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rampart-node-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(root: &Path, path: &str, text: &str, mode: u32) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The unit and drop-in as AKS writes them.
fn aks_unit(root: &Path) {
    write(
        root,
        "etc/systemd/system/kubelet.service",
        "[Unit]\nDescription=Kubelet\n\n[Service]\nRestart=always\nEnvironmentFile=/etc/default/kubelet\nExecStart=/usr/local/bin/kubelet \\\n        --enable-server \\\n        --node-labels=\"${KUBELET_NODE_LABELS}\" \\\n        --v=2 \\\n        $KUBELET_TLS_BOOTSTRAP_FLAGS \\\n        $KUBELET_CONFIG_FILE_FLAGS \\\n        $KUBELET_FLAGS\n",
        0o644,
    );
    write(
        root,
        "etc/systemd/system/kubelet.service.d/10-componentconfig.conf",
        "[Service]\nEnvironment=\"KUBELET_CONFIG_FILE_FLAGS=--config /etc/default/kubeletconfig.json\"\n",
        0o600,
    );
}

const HARDENED_CONFIG: &str = r#"{
  "kind": "KubeletConfiguration",
  "apiVersion": "kubelet.config.k8s.io/v1beta1",
  "authentication": {
    "anonymous": {"enabled": false},
    "webhook": {"enabled": true},
    "x509": {"clientCAFile": "/etc/kubernetes/certs/ca.crt"}
  },
  "authorization": {"mode": "Webhook"},
  "readOnlyPort": 0,
  "protectKernelDefaults": true,
  "eventRecordQPS": 0,
  "rotateCertificates": true,
  "serverTLSBootstrap": true,
  "streamingConnectionIdleTimeout": "4h0m0s",
  "tlsCipherSuites": ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"],
  "featureGates": {"RotateKubeletServerCertificate": true}
}
"#;

fn hardened(root: &Path) {
    aks_unit(root);
    write(
        root,
        "etc/default/kubelet",
        "KUBELET_FLAGS=--cloud-provider=external --node-ip=10.224.0.4 --pod-infra-container-image=mcr.microsoft.com/oss/kubernetes/pause:3.6\nKUBELET_NODE_LABELS=kubernetes.azure.com/role=agent,agentpool=nodepool1\n",
        0o644,
    );
    write(
        root,
        "etc/default/kubeletconfig.json",
        HARDENED_CONFIG,
        0o600,
    );
    write(
        root,
        "var/lib/kubelet/kubeconfig",
        "apiVersion: v1\nkind: Config\n",
        0o600,
    );
    write(
        root,
        "etc/kubernetes/azure.json",
        "{\"cloud\": \"AzurePublicCloud\"}\n",
        0o600,
    );
}

fn rules(result: &rampart::scan::ScanResult) -> BTreeSet<&'static str> {
    result.findings.iter().map(|f| f.rule).collect()
}

#[test]
fn a_hardened_aks_node_passes() {
    let r = root("hardened");
    hardened(&r);
    let result = audit(&r);
    assert!(result.errors.is_empty(), "{:#?}", result.errors);
    assert!(result.findings.is_empty(), "{:#?}", result.findings);
}

#[test]
fn findings_name_the_node_from_its_hostname() {
    let r = root("hostname");
    hardened(&r);
    write(
        &r,
        "etc/hostname",
        "aks-nodepool1-12345678-vmss000000\n",
        0o644,
    );
    write(&r, "var/lib/kubelet/kubeconfig", "apiVersion: v1\n", 0o640);
    write(
        &r,
        "etc/default/kubelet",
        "KUBELET_FLAGS=--read-only-port=10255\n",
        0o644,
    );
    let result = audit(&r);
    let port = result
        .findings
        .iter()
        .find(|f| f.rule == "host.node.kubelet.read-only-port")
        .unwrap();
    assert_eq!(port.resource.name, "aks-nodepool1-12345678-vmss000000");
    assert_eq!(port.resource.kind, "Node");
}

#[test]
fn a_weak_node_fails_every_control_it_breaks() {
    let r = root("weak");
    // No config file: every unset setting takes the command-line default.
    write(
        &r,
        "etc/systemd/system/kubelet.service",
        "[Service]\nEnvironmentFile=-/etc/default/kubelet\nExecStart=/usr/local/bin/kubelet $KUBELET_FLAGS\n",
        0o644,
    );
    write(
        &r,
        "etc/default/kubelet",
        "KUBELET_FLAGS=--hostname-override=node-7 --event-qps=5 --rotate-certificates=false \\\n  --make-iptables-util-chains=false --streaming-connection-idle-timeout=0 \\\n  --feature-gates=RotateKubeletServerCertificate=false --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA\n",
        0o644,
    );
    write(&r, "var/lib/kubelet/kubeconfig", "apiVersion: v1\n", 0o666);
    write(&r, "etc/kubernetes/azure.json", "{}", 0o664);
    chown(r.join("var/lib/kubelet/kubeconfig"), Some(1000), Some(1000)).unwrap();
    chown(r.join("etc/kubernetes/azure.json"), Some(0), Some(1000)).unwrap();
    let result = audit(&r);
    assert!(result.errors.is_empty(), "{:#?}", result.errors);
    let expected: BTreeSet<&str> = [
        "host.node.kubelet.anonymous-auth",
        "host.node.kubelet.authz-mode",
        "host.node.kubelet.client-ca",
        "host.node.kubelet.read-only-port",
        "host.node.kubelet.streaming-timeout",
        "host.node.kubelet.protect-kernel-defaults",
        "host.node.kubelet.iptables-chains",
        "host.node.kubelet.hostname-override",
        "host.node.kubelet.event-qps",
        "host.node.kubelet.rotate-certs",
        "host.node.kubelet.rotate-server-cert",
        "host.node.kubelet.tls-ciphers",
        "host.node.kubelet.kubeconfig-perms",
        "host.node.kubelet.kubeconfig-owner",
        "host.node.kubelet.azure-json-perms",
        "host.node.kubelet.azure-json-owner",
    ]
    .into_iter()
    .collect();
    assert_eq!(rules(&result), expected);
    let authz = result
        .findings
        .iter()
        .find(|f| f.rule == "host.node.kubelet.authz-mode")
        .unwrap();
    assert!(authz.message.contains("AlwaysAllow"), "{}", authz.message);
    // A flag finding points at the flags file line that sets it (continuation lines joined).
    let qps = result
        .findings
        .iter()
        .find(|f| f.rule == "host.node.kubelet.event-qps")
        .unwrap();
    assert!(qps.location.file.ends_with("etc/default/kubelet"));
    assert_eq!(qps.location.line, 1);
    let perms = result
        .findings
        .iter()
        .find(|f| f.rule == "host.node.kubelet.kubeconfig-perms")
        .unwrap();
    assert!(perms.message.contains("666"), "{}", perms.message);
    assert_eq!(perms.resource.name, "/var/lib/kubelet/kubeconfig");

    let out = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(["node", "--root", r.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "critical authz-mode finding");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["findings"].as_array().unwrap().len(),
        result.findings.len()
    );
}

#[test]
fn flags_override_the_config_file() {
    let r = root("override");
    hardened(&r);
    // The config file says anonymous auth on and port 0; the flags say the opposite.
    write(
        &r,
        "etc/default/kubeletconfig.json",
        &HARDENED_CONFIG.replace(
            "\"anonymous\": {\"enabled\": false}",
            "\"anonymous\": {\"enabled\": true}",
        ),
        0o600,
    );
    write(
        &r,
        "etc/default/kubelet",
        "KUBELET_FLAGS=--anonymous-auth=false --read-only-port=10255\n",
        0o644,
    );
    let result = audit(&r);
    assert!(result.errors.is_empty(), "{:#?}", result.errors);
    assert_eq!(
        rules(&result),
        ["host.node.kubelet.read-only-port"].into_iter().collect()
    );
    let port = &result.findings[0];
    assert!(port.location.file.ends_with("etc/default/kubelet"));
    assert!(port.message.contains("10255"));
}

#[test]
fn config_file_defaults_apply_when_the_kubelet_reads_one() {
    let r = root("defaults");
    hardened(&r);
    // An almost empty config file: readOnlyPort and authorization default to 0 and Webhook
    // there, while anonymous auth still defaults to enabled.
    write(
        &r,
        "etc/default/kubeletconfig.json",
        "{\"kind\": \"KubeletConfiguration\", \"apiVersion\": \"kubelet.config.k8s.io/v1beta1\"}\n",
        0o644,
    );
    let result = audit(&r);
    let found = rules(&result);
    assert!(!found.contains("host.node.kubelet.read-only-port"));
    assert!(!found.contains("host.node.kubelet.authz-mode"));
    assert!(found.contains("host.node.kubelet.anonymous-auth"));
    assert!(found.contains("host.node.kubelet.client-ca"));
    // 644 is allowed for the config file.
    assert!(!found.contains("host.node.kubelet.config-perms"));
}

#[test]
fn config_file_owner_and_mode() {
    let r = root("config-perms");
    hardened(&r);
    let config = r.join("etc/default/kubeletconfig.json");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o646)).unwrap();
    chown(&config, Some(1000), Some(0)).unwrap();
    let result = audit(&r);
    assert_eq!(
        rules(&result),
        [
            "host.node.kubelet.config-owner",
            "host.node.kubelet.config-perms"
        ]
        .into_iter()
        .collect()
    );
}

#[test]
fn a_root_without_a_kubelet_is_an_error() {
    let r = root("empty");
    let result = audit(&r);
    assert_eq!(result.errors.len(), 1);
    assert!(result.errors[0].message.contains("no kubelet found"));
    let out = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(["node", "--root", r.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--root /host"));
}

#[test]
fn a_broken_config_file_is_reported_with_its_line() {
    let r = root("broken");
    hardened(&r);
    write(
        &r,
        "etc/default/kubeletconfig.json",
        "{\n  \"kind\": \"KubeletConfiguration\",\n  \"readOnlyPort\": [\n}\n",
        0o600,
    );
    let result = audit(&r);
    assert_eq!(result.errors.len(), 1, "{:#?}", result.errors);
    assert!(result.errors[0].file.ends_with("kubeletconfig.json"));
    assert!(result.errors[0].line >= 3);
}
