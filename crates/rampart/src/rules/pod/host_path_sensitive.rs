//! `pod.host-path.sensitive` — hostPath volume on a sensitive node path.
//!
//! Checks `hostPath` volumes against the node paths that hand over the node: the file system
//! root, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/root`, the kubelet's state
//! (`/var/lib/kubelet`), container runtime state and sockets (`/var/run`, `/run`,
//! `/var/lib/containerd`, `/var/lib/docker`, `containerd.sock`, `docker.sock`, `crio.sock`), and
//! anything below them. Paths are normalised first (`//etc/./` is `/etc`); a path with a `..`
//! step is reported too, because on the node it resolves through symlinks (`/var/run` is a link
//! to `/run`), which a manifest cannot show.
//!
//! ## Why
//! The container runtime socket starts privileged containers on request; `/var/lib/kubelet` holds
//! the kubelet's credentials and every pod's secrets; `/etc` holds the kubelet configuration and
//! CA; `/proc` and `/sys` reach the kernel and every process. Mounting one of them is equivalent
//! to root on the node, and from there to the cluster.
//!
//! ## Fails
//! ```yaml
//! volumes:
//! - name: runtime
//!   hostPath:
//!     path: /run/containerd/containerd.sock
//! ```
//!
//! ## Passes
//! ```yaml
//! volumes:
//! - name: cache
//!   emptyDir: {}
//! ```
//!
//! ## Fix
//! Remove the mount. Node agents that truly need it (log shippers, CSI drivers) belong in a
//! dedicated namespace with its own policy and review; mount the narrowest path, read-only.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.host-path.sensitive",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Critical,
    title: "hostPath mounts a sensitive node path",
    source: include_str!("host_path_sensitive.rs"),
    remediation: "Remove the hostPath volume; never mount the runtime socket, /etc, /proc, /var/lib/kubelet or /.",
    references: &[
        Reference::CisAks("4.2.12"),
        Reference::MitreAttack("T1611"),
        Reference::Checkov("CKV_K8S_27"),
    ],
    pss: None,
    check: Check::Workload(check),
};

/// Node paths whose mount (or the mount of anything below them) hands over the node.
const SENSITIVE: &[&str] = &[
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/boot",
    "/root",
    "/var/lib/kubelet",
    "/var/lib/containerd",
    "/var/lib/docker",
    "/var/run",
    "/run",
];

/// Sockets that are sensitive wherever they live.
const SOCKETS: &[&str] = &[
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
];

/// `/a//b/./c/` → `/a/b/c`.
fn normalise(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    format!("/{}", parts.join("/"))
}

/// Why a host path is sensitive, or `None`.
pub fn sensitive(path: &str) -> Option<&'static str> {
    if path.split('/').any(|p| p == "..") {
        return Some("a path with `..`, which resolves through the node's symlinks to anywhere");
    }
    let p = normalise(path);
    if p == "/" {
        return Some("the node's whole file system");
    }
    if SOCKETS.iter().any(|s| p.ends_with(&format!("/{s}"))) {
        return Some("a container runtime socket");
    }
    SENSITIVE
        .iter()
        .find(|s| p == **s || p.starts_with(&format!("{s}/")))
        .map(|s| match *s {
            "/var/lib/kubelet" => "the kubelet's state and credentials",
            "/var/run" | "/run" | "/var/lib/containerd" | "/var/lib/docker" => {
                "container runtime state"
            }
            "/proc" | "/sys" => "kernel and process interfaces",
            "/etc" => "node configuration",
            _ => "a node system directory",
        })
}

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    let Some(volumes) = w.spec.get("volumes") else {
        return;
    };
    for (i, v) in volumes.items().iter().enumerate() {
        let Some(path_node) = v.get("hostPath").and_then(|h| h.get("path")) else {
            continue;
        };
        let Some(path) = path_node.as_str() else {
            continue;
        };
        if let Some(what) = sensitive(path) {
            let name = v.get("name").and_then(|n| n.as_str()).unwrap_or("");
            out.at(
                w.object,
                w.spec_field(&format!("volumes[{i}].hostPath.path")),
                Some(path_node.pos),
                format!("volume \"{name}\" mounts host path {path}: {what}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sensitive;

    #[test]
    fn sensitive_paths() {
        assert!(sensitive("/").is_some());
        assert!(sensitive("//").is_some());
        assert!(sensitive("/etc/kubernetes/").is_some());
        assert!(sensitive("/var/run/docker.sock").is_some());
        assert!(sensitive("/opt/../etc").is_some());
        assert!(sensitive("/var/run/../var/lib/kubelet").is_some());
        assert!(sensitive("/custom/containerd.sock").is_some());
        assert!(sensitive("/var/lib/kubelet/pods").is_some());
        assert!(sensitive("/var/log").is_none());
        assert!(sensitive("/etcd-data").is_none());
        assert!(sensitive("/data").is_none());
    }
}
