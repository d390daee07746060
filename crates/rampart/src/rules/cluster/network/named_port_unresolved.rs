//! `cluster.network.named-port-unresolved` — named port in a policy that no container declares.
//!
//! Checks every named port (`port: http`) of the effective NetworkPolicy rules against the
//! container ports of the pods it is resolved on: for an ingress rule, the pods the policy
//! selects; for an egress rule, the pods its `to` peers select. A container port matches when
//! both its `name` and its `protocol` match. Reported when none of those pods declares it (and
//! the input holds some), or when an egress rule's peers are only `ipBlock`s, where a name
//! can never resolve.
//!
//! ## Why
//! A named port that resolves to nothing allows nothing: the rule silently does not apply, so
//! either traffic that should flow is blocked, or the policy author believes a path is
//! restricted to a port when a different rule is what really lets it through.
//!
//! ## Fails
//! ```yaml
//! # the pods declare `- name: web, containerPort: 8080`
//! ingress:
//! - ports:
//!   - port: http
//! ```
//!
//! ## Passes
//! ```yaml
//! ingress:
//! - ports:
//!   - port: web
//! ```
//!
//! ## Fix
//! Use the `name` of a `containerPort` of the destination pods (with the same protocol), or the
//! port number.

use rampart_netpol::{Direction, PeerTarget, PortSpec};

use super::with_analysis;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.named-port-unresolved",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Low,
    title: "NetworkPolicy named port matches no container port",
    source: include_str!("named_port_unresolved.rs"),
    remediation: "Use a containerPort name (with its protocol) of the destination pods, or the port number.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    with_analysis(inv, |input, analysis| {
        let net = &input.network;
        for (p, policy) in net.policies.iter().enumerate() {
            for direction in [Direction::Ingress, Direction::Egress] {
                for rule in policy.rules(direction).unwrap_or(&[]) {
                    let named: Vec<_> = rule
                        .ports
                        .iter()
                        .flatten()
                        .filter_map(|port| match &port.port {
                            PortSpec::Named(name) => Some((port, name)),
                            _ => None,
                        })
                        .collect();
                    if named.is_empty() {
                        continue;
                    }
                    let only_addresses = rule.peers.as_ref().is_some_and(|peers| {
                        peers
                            .iter()
                            .all(|peer| matches!(peer.target, PeerTarget::IpBlock(_)))
                    });
                    let (destinations, whose) = match direction {
                        Direction::Ingress => {
                            (analysis.targets_of(p), "the pods the policy selects")
                        }
                        Direction::Egress if rule.peers.is_none() => continue,
                        Direction::Egress => (
                            analysis.peer_workloads(p, direction, rule.index),
                            "the pods the rule's `to` selects",
                        ),
                    };
                    for (port, name) in named {
                        let message = if direction == Direction::Egress && only_addresses {
                            format!(
                                "named port \"{name}\" in an egress rule whose peers are all ipBlocks: a name resolves only against pods, so this entry allows nothing"
                            )
                        } else {
                            if destinations.is_empty() {
                                continue;
                            }
                            let resolved = destinations.iter().any(|&w| {
                                net.workloads[w].ports.iter().any(|c| {
                                    c.protocol == port.protocol && c.name.as_deref() == Some(name)
                                })
                            });
                            if resolved {
                                continue;
                            }
                            let names: Vec<String> = destinations
                                .iter()
                                .take(3)
                                .map(|&w| net.workloads[w].display_name())
                                .collect();
                            format!(
                                "named port \"{name}\" ({}) matches no container port of {whose} ({}{}): this entry allows nothing",
                                port.protocol,
                                names.join(", "),
                                if destinations.len() > 3 { ", …" } else { "" }
                            )
                        };
                        out.at(
                            input.policy_objects[p],
                            format!("{}.port", port.path),
                            None,
                            message,
                        );
                    }
                }
            }
        }
    });
}
