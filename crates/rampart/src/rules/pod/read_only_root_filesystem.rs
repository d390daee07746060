//! `pod.read-only-root-filesystem` — container with a writable root file system.
//!
//! Checks that every init and regular container sets
//! `securityContext.readOnlyRootFilesystem: true`. Windows pods (`spec.os.name: windows`) are
//! exempt: the API does not allow the field on them.
//!
//! ## Why
//! A writable image file system lets an attacker who gets code execution drop tools, modify the
//! application's own binaries or configuration, and persist across process restarts. With a
//! read-only root, writes are limited to the volumes the spec declares.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: web
//!   image: myacr.azurecr.io/web:2.3.1
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: web
//!   image: myacr.azurecr.io/web:2.3.1
//!   securityContext:
//!     readOnlyRootFilesystem: true
//!   volumeMounts:
//!   - name: tmp
//!     mountPath: /tmp
//! ```
//!
//! ## Fix
//! Set `readOnlyRootFilesystem: true` and mount an `emptyDir` where the process must write
//! (`/tmp`, caches).

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::{ContainerKind, Workload};

pub static RULE: Rule = Rule {
    id: "pod.read-only-root-filesystem",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Low,
    title: "Root file system is writable",
    source: include_str!("read_only_root_filesystem.rs"),
    remediation:
        "Set securityContext.readOnlyRootFilesystem: true; mount emptyDir where writes are needed.",
    references: &[
        Reference::Checkov("CKV_K8S_22"),
        Reference::MitreAttack("T1525"),
    ],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    if w.spec.path(&["os", "name"]).and_then(|n| n.as_str()) == Some("windows") {
        return;
    }
    for c in w
        .containers()
        .filter(|c| c.kind != ContainerKind::Ephemeral)
    {
        let field = c
            .security_context()
            .and_then(|s| s.get("readOnlyRootFilesystem"));
        if field.and_then(|f| f.as_bool()) == Some(true) {
            continue;
        }
        out.at(
            w.object,
            c.field("securityContext.readOnlyRootFilesystem"),
            Some(field.map_or_else(
                || c.locate("securityContext.readOnlyRootFilesystem"),
                |f| f.pos,
            )),
            c.says(&[" does not set securityContext.readOnlyRootFilesystem=true"]),
        );
    }
}
