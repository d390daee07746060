//! `host.node.kubelet.tls-ciphers` — Kubelet TLS cipher suites are not restricted.
//!
//! Checks `--tls-cipher-suites` / `tlsCipherSuites`: every suite must be in the CIS strong list (AES-GCM and
//! ChaCha20-Poly1305 suites). Unset leaves Go's defaults, which include CBC suites.
//!
//! CIS Kubernetes Benchmark 4.2.13 (no CIS AKS item).
//!
//! ## Why
//! Weak suites (CBC, 3DES, RC4) make the kubelet API's TLS easier to attack or downgrade.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! tlsCipherSuites: [TLS_RSA_WITH_AES_128_CBC_SHA]
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]
//! ```
//!
//! ## Fix
//! Set `--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,...` (AKS
//! sets such a list in `KUBELET_FLAGS`).

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.tls-ciphers",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet TLS cipher suites are not restricted",
    source: include_str!("tls_ciphers.rs"),
    remediation: "Restrict --tls-cipher-suites to AES-GCM and ChaCha20-Poly1305 suites.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

/// The suites CIS lists as strong.
const STRONG: &[&str] = &[
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
];

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get("tls-cipher-suites", &["tlsCipherSuites"]) {
        Some(s) => {
            let weak: Vec<String> = s
                .text()
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty() && !STRONG.contains(&c.as_str()))
                .collect();
            if weak.is_empty() {
                (s.location(), Verdict::Pass)
            } else {
                (
                    s.location(),
                    Verdict::Fail(format!(
                        "weak TLS cipher suites allowed: {}",
                        weak.join(", ")
                    )),
                )
            }
        }
        None => (
            k.default_location(),
            Verdict::Fail(
                "TLS cipher suites are not restricted: Go's defaults include CBC suites".into(),
            ),
        ),
    }
}
