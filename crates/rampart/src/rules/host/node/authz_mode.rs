//! `host.node.kubelet.authz-mode` — Kubelet authorizes every request.
//!
//! Checks `--authorization-mode` / `authorization.mode`: it must not be `AlwaysAllow` (`Webhook` delegates to the API
//! server). Unset means `AlwaysAllow` on the command line and `Webhook` in a config file.
//!
//! CIS AKS 3.2.2 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! With AlwaysAllow, any caller that reaches port 10250 can exec into every pod on the node.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! authorization:
//!   mode: AlwaysAllow
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! authorization:
//!   mode: Webhook
//! ```
//!
//! ## Fix
//! Set `authorization.mode: Webhook` or `--authorization-mode=Webhook`, then restart the kubelet.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.authz-mode",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Critical,
    title: "Kubelet authorizes every request",
    source: include_str!("authz_mode.rs"),
    remediation: "Set --authorization-mode=Webhook (authorization.mode: Webhook).",
    references: &[Reference::CisAks("3.2.2")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get("authorization-mode", &["authorization", "mode"]) {
        Some(s) if s.text().split(',').any(|m| m.trim() == "AlwaysAllow") => (
            s.location(),
            Verdict::Fail("the kubelet authorizes every request (AlwaysAllow)".into()),
        ),
        Some(s) => (s.location(), Verdict::Pass),
        None if k.uses_config_file() => (k.default_location(), Verdict::Pass),
        None => (
            k.default_location(),
            Verdict::Fail("--authorization-mode is not set: without a config file the kubelet default is AlwaysAllow".into()),
        ),
    }
}
