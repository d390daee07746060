//! `host.node.kubelet.client-ca` — Kubelet does not verify client certificates.
//!
//! Checks `--client-ca-file` / `authentication.x509.clientCAFile`: it must be set.
//!
//! CIS AKS 3.2.3 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! Without a client CA the kubelet cannot authenticate the API server's client certificate, so requests fall back to
//! anonymous or token authentication.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! authentication:
//!   anonymous:
//!     enabled: false
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! authentication:
//!   x509:
//!     clientCAFile: /etc/kubernetes/certs/ca.crt
//! ```
//!
//! ## Fix
//! Set `authentication.x509.clientCAFile: /etc/kubernetes/certs/ca.crt` or `--client-ca-file`.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.client-ca",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::High,
    title: "Kubelet does not verify client certificates",
    source: include_str!("client_ca.rs"),
    remediation: "Set --client-ca-file (authentication.x509.clientCAFile).",
    references: &[Reference::CisAks("3.2.3")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get(
        "client-ca-file",
        &["authentication", "x509", "clientCAFile"],
    ) {
        Some(s) if !s.text().trim().is_empty() => (s.location(), Verdict::Pass),
        Some(s) => (
            s.location(),
            Verdict::Fail("the client CA file is empty".into()),
        ),
        None => (
            k.default_location(),
            Verdict::Fail(
                "no client CA file: client certificates to the kubelet are not verified".into(),
            ),
        ),
    }
}
