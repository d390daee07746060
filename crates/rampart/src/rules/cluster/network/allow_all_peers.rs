//! `cluster.network.allow-all-peers` — policy rule open to every peer.
//!
//! Checks the effective rules of every NetworkPolicy for peers that mean "everyone": a rule
//! without `from`/`to` (or with an empty list), which matches every pod of every namespace and
//! every address outside the cluster, and an `ipBlock` of `0.0.0.0/0` or `::/0` (all
//! addresses of a family, with or without `except`). Rules of a direction the policy's
//! `policyTypes` leaves out are ignored, as Kubernetes ignores them.
//!
//! ## Why
//! Policies are allow lists: one open rule undoes the isolation of every pod the policy
//! selects, for the ports it names. `ingress: [{}]` and `egress: [{}]` are easy to copy from
//! examples and read like "nothing", but they mean "everything".
//!
//! ## Fails
//! ```yaml
//! spec:
//!   podSelector: {matchLabels: {app: api}}
//!   policyTypes: [Ingress, Egress]
//!   ingress:
//!   - {}
//!   egress:
//!   - to:
//!     - ipBlock: {cidr: 0.0.0.0/0}
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   podSelector: {matchLabels: {app: api}}
//!   policyTypes: [Ingress]
//!   ingress:
//!   - from:
//!     - podSelector: {matchLabels: {app: web}}
//!     ports:
//!     - {protocol: TCP, port: 8080}
//! ```
//!
//! ## Fix
//! Name the peers: `podSelector`/`namespaceSelector` for workloads, the narrowest `ipBlock`
//! for outside addresses, and list the ports.

use rampart_netpol::{Direction, NetworkPolicy, PeerTarget, Rule as PolicyRule};

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::netpol::is_network_policy;
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.allow-all-peers",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Medium,
    title: "NetworkPolicy rule allows every peer",
    source: include_str!("allow_all_peers.rs"),
    remediation: "Replace the empty from/to or the 0.0.0.0/0 ipBlock with the pods, namespaces or address ranges that need access.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors",
    )],
    pss: None,
    check: Check::Object(check),
};

fn ports_text(rule: &PolicyRule) -> String {
    match (&rule.ports, rule.fixed_conns()) {
        (None, _) => "on every port".to_string(),
        (Some(_), Some(conns)) => format!("on {conns}"),
        (Some(ports), None) => format!(
            "on {}",
            ports
                .iter()
                .map(|p| match &p.port {
                    rampart_netpol::PortSpec::Named(n) => format!("{} {n}", p.protocol),
                    rampart_netpol::PortSpec::All => format!("{} (all ports)", p.protocol),
                    rampart_netpol::PortSpec::Range(a, b) if a == b =>
                        format!("{} {a}", p.protocol),
                    rampart_netpol::PortSpec::Range(a, b) => format!("{} {a}-{b}", p.protocol),
                })
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if !is_network_policy(o) {
        return;
    }
    let (Some(policy), _) = NetworkPolicy::parse(
        o.effective_namespace().unwrap_or("default"),
        &o.name,
        &o.node,
    ) else {
        return;
    };
    for direction in [Direction::Ingress, Direction::Egress] {
        let (peers_word, every) = match direction {
            Direction::Ingress => ("from", "accepts connections from every pod of every namespace and every address outside the cluster"),
            Direction::Egress => ("to", "may connect to every pod of every namespace and every address outside the cluster"),
        };
        for rule in policy.rules(direction).unwrap_or(&[]) {
            let Some(peers) = &rule.peers else {
                out.at(
                    o,
                    &rule.path,
                    Some(rule.pos),
                    format!(
                        "{} rule {} has no `{peers_word}`: every pod the policy selects {every}, {}",
                        direction.as_str(),
                        rule.index,
                        ports_text(rule)
                    ),
                );
                continue;
            };
            for peer in peers {
                let PeerTarget::IpBlock(block) = &peer.target else {
                    continue;
                };
                if !block.cidr.is_everything() {
                    continue;
                }
                let all = match block.cidr.family {
                    rampart_netpol::Family::V4 => "0.0.0.0/0 (every IPv4 address",
                    rampart_netpol::Family::V6 => "::/0 (every IPv6 address",
                };
                let except = if block.except.is_empty() {
                    ")".to_string()
                } else {
                    format!(
                        " less {} excepted range{})",
                        block.except.len(),
                        if block.except.len() == 1 { "" } else { "s" }
                    )
                };
                out.at(
                    o,
                    &peer.path,
                    Some(peer.pos),
                    format!(
                        "{} rule {} allows ipBlock {all}{except}, {}",
                        direction.as_str(),
                        rule.index,
                        ports_text(rule)
                    ),
                );
            }
        }
    }
}
