//! `host.node.kubelet.streaming-timeout` — Kubelet streaming connections never time out.
//!
//! Checks `--streaming-connection-idle-timeout` / `streamingConnectionIdleTimeout`: it must not be 0 (unset passes:
//! the default is 4h).
//!
//! CIS AKS 3.2.5 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! Idle exec, attach and port-forward sessions stay open forever, and so does whatever they give access to.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! streamingConnectionIdleTimeout: 0s
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! streamingConnectionIdleTimeout: 5m
//! ```
//!
//! ## Fix
//! Set `streamingConnectionIdleTimeout: 5m` or `--streaming-connection-idle-timeout=5m`.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.streaming-timeout",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet streaming connections never time out",
    source: include_str!("streaming_timeout.rs"),
    remediation: "Set --streaming-connection-idle-timeout to a non-zero duration.",
    references: &[Reference::CisAks("3.2.5")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get(
        "streaming-connection-idle-timeout",
        &["streamingConnectionIdleTimeout"],
    ) {
        Some(s) => {
            let t = s.text();
            let zero = t
                .trim()
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .trim_matches('0')
                .is_empty()
                && !t.trim().is_empty();
            if zero {
                (
                    s.location(),
                    Verdict::Fail(format!(
                        "streaming connection idle timeout is {t}: idle sessions never close"
                    )),
                )
            } else {
                (s.location(), Verdict::Pass)
            }
        }
        None => (k.default_location(), Verdict::Pass),
    }
}
