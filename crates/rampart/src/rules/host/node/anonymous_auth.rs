//! `host.node.kubelet.anonymous-auth` — Kubelet accepts anonymous requests.
//!
//! Checks `--anonymous-auth` / `authentication.anonymous.enabled`: it must be false (the kubelet's default is true).
//!
//! CIS AKS 3.2.1 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! Anonymous requests reach the kubelet API on 10250: with a permissive authorizer they list pods, read logs and exec
//! into containers without credentials.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! authentication:
//!   anonymous:
//!     enabled: true
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! authentication:
//!   anonymous:
//!     enabled: false
//! ```
//!
//! ## Fix
//! Set `authentication.anonymous.enabled: false` in the config file or `--anonymous-auth=false` in `KUBELET_FLAGS`
//! (`/etc/default/kubelet`), then `systemctl restart kubelet`.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.anonymous-auth",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::High,
    title: "Kubelet accepts anonymous requests",
    source: include_str!("anonymous_auth.rs"),
    remediation: "Set --anonymous-auth=false (authentication.anonymous.enabled: false).",
    references: &[Reference::CisAks("3.2.1")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get(
        "anonymous-auth",
        &["authentication", "anonymous", "enabled"],
    ) {
        Some(s) => match s.as_bool() {
            Some(false) => (s.location(), Verdict::Pass),
            Some(true) => (
                s.location(),
                Verdict::Fail("anonymous authentication is enabled on the kubelet API".into()),
            ),
            None => (
                s.location(),
                Verdict::Fail(format!("anonymous-auth {:?} is not a boolean", s.text())),
            ),
        },
        None => (
            k.default_location(),
            Verdict::Fail(
                "anonymous authentication is not disabled (the kubelet default is enabled)".into(),
            ),
        ),
    }
}
