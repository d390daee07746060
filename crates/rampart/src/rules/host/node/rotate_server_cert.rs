//! `host.node.kubelet.rotate-server-cert` — Kubelet serving certificate is not rotated.
//!
//! Checks that the kubelet requests and rotates its serving certificate: `--rotate-server-certificates` /
//! `serverTLSBootstrap: true`, with the `RotateKubeletServerCertificate` feature gate not turned off.
//!
//! CIS AKS 3.2.9 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! A static serving certificate (`tlsCertFile`, e.g. AKS's `kubeletserver.crt`) is never renewed and is usually
//! self-signed, so clients cannot verify the kubelet they talk to.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! tlsCertFile: /etc/kubernetes/certs/kubeletserver.crt
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! serverTLSBootstrap: true
//! featureGates:
//!   RotateKubeletServerCertificate: true
//! ```
//!
//! ## Fix
//! Set `serverTLSBootstrap: true` / `--rotate-server-certificates=true` (on AKS, kubelet serving certificate rotation
//! is on by default in supported regions and Kubernetes versions).

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.rotate-server-cert",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Medium,
    title: "Kubelet serving certificate is not rotated",
    source: include_str!("rotate_server_cert.rs"),
    remediation: "Enable kubelet serving certificate rotation (--rotate-server-certificates=true).",
    references: &[Reference::CisAks("3.2.9")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    if let Some((false, at)) = k.feature_gate("RotateKubeletServerCertificate") {
        return (
            at,
            Verdict::Fail("the RotateKubeletServerCertificate feature gate is off".into()),
        );
    }
    match k.get("rotate-server-certificates", &["serverTLSBootstrap"]) {
        Some(s) if s.as_bool() == Some(true) => (s.location(), Verdict::Pass),
        Some(s) => (s.location(), Verdict::Fail("serving certificate rotation (serverTLSBootstrap) is off".into())),
        None => (
            k.default_location(),
            Verdict::Fail("serving certificate rotation (serverTLSBootstrap) is not enabled: the serving certificate is static".into()),
        ),
    }
}
