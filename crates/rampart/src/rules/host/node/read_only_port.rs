//! `host.node.kubelet.read-only-port` — Kubelet read-only port is open.
//!
//! Checks `--read-only-port` / `readOnlyPort`: it must be 0. Unset means 10255 on the command line and 0 in a config
//! file.
//!
//! CIS AKS 3.2.4 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! Port 10255 serves pod specs (environment variables included), node metrics and health without any authentication.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! readOnlyPort: 10255
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! readOnlyPort: 0
//! ```
//!
//! ## Fix
//! Set `readOnlyPort: 0` or `--read-only-port=0`, then restart the kubelet.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.read-only-port",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Medium,
    title: "Kubelet read-only port is open",
    source: include_str!("read_only_port.rs"),
    remediation: "Set --read-only-port=0 (readOnlyPort: 0).",
    references: &[Reference::CisAks("3.2.4")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get("read-only-port", &["readOnlyPort"]) {
        Some(s) => match s.as_i64() {
            Some(0) => (s.location(), Verdict::Pass),
            Some(p) => (
                s.location(),
                Verdict::Fail(format!(
                    "the read-only port {p} serves pod specs without authentication"
                )),
            ),
            None => (
                s.location(),
                Verdict::Fail(format!("read-only port {:?} is not a number", s.text())),
            ),
        },
        None if k.uses_config_file() => (k.default_location(), Verdict::Pass),
        None => (
            k.default_location(),
            Verdict::Fail(
                "--read-only-port is not set: without a config file the kubelet serves 10255"
                    .into(),
            ),
        ),
    }
}
