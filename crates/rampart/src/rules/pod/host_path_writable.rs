//! `pod.host-path.writable` — hostPath volume mounted read-write.
//!
//! Checks each container's `volumeMounts` of `hostPath` volumes for `readOnly: true`.
//!
//! ## Why
//! A writable host mount lets a compromised container change the node: plant binaries or
//! configuration that the node or other pods later run, or fill the node's disk. Read-only
//! mounts keep the node's data the node's.
//!
//! ## Fails
//! ```yaml
//! volumeMounts:
//! - name: logs
//!   mountPath: /host/logs
//! ```
//!
//! ## Passes
//! ```yaml
//! volumeMounts:
//! - name: logs
//!   mountPath: /host/logs
//!   readOnly: true
//! ```
//!
//! ## Fix
//! Add `readOnly: true` to the mount, or replace the hostPath volume.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.host-path.writable",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "hostPath volume mounted read-write",
    source: include_str!("host_path_writable.rs"),
    remediation: "Mount hostPath volumes with readOnly: true.",
    references: &[Reference::CisAks("4.2.12")],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    let host_volumes: Vec<&str> = w
        .spec
        .get("volumes")
        .map(|v| v.items())
        .unwrap_or(&[])
        .iter()
        .filter(|v| v.get("hostPath").is_some())
        .filter_map(|v| v.get("name").and_then(|n| n.as_str()))
        .collect();
    if host_volumes.is_empty() {
        return;
    }
    for c in w.containers() {
        let mounts = c.node.get("volumeMounts").map(|m| m.items()).unwrap_or(&[]);
        for (i, m) in mounts.iter().enumerate() {
            let Some(name) = m.get("name").and_then(|n| n.as_str()) else {
                continue;
            };
            if !host_volumes.contains(&name) {
                continue;
            }
            if m.get("readOnly").and_then(|r| r.as_bool()) == Some(true) {
                continue;
            }
            let at = m.get("readOnly").map_or(m.pos, |r| r.pos);
            out.at(
                w.object,
                c.field(&format!("volumeMounts[{i}].readOnly")),
                Some(at),
                format!(
                    "{} mounts hostPath volume \"{name}\" read-write",
                    c.describe()
                ),
            );
        }
    }
}
