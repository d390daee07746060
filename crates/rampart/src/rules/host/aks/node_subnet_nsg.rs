//! `host.aks.node.subnet-nsg` — Node subnet without a restrictive network security group.
//!
//! For every agent pool in a customer subnet, finds that subnet in the input (ARM
//! `virtualNetworks/subnets` or inline `subnets[]`, `az network vnet subnet show` /
//! `az network vnet show` output, azurerm `azurerm_subnet` with its
//! `azurerm_subnet_network_security_group_association`) and checks that a network security
//! group is attached and, when the group is in the input too (`networkSecurityGroups`, `az
//! network nsg show`, `azurerm_network_security_group` / `azurerm_network_security_rule`),
//! that no inbound rule allows `Internet`, `*` or `0.0.0.0/0` to reach 22, 10250, 10255 or a
//! NodePort (30000–32767) ahead of any deny (rules are taken in priority order). A subnet or
//! group that is not in the input is reported as unverifiable. Pools in the AKS-managed
//! network get the AKS-managed NSG and pass (`host.aks.node.byo-subnet` reports them).
//!
//! Checkov CKV2_AZURE_31.
//!
//! ## Why
//! The NSG on the node subnet is the network boundary of the host layer: it decides whether
//! the kubelet, SSH and NodePorts are reachable from outside.
//!
//! ## Fails
//! ```json
//! {"type": "Microsoft.Network/networkSecurityGroups", "name": "aks-nodes",
//!  "properties": {"securityRules": [{"name": "ssh", "properties": {"priority": 100,
//!    "direction": "Inbound", "access": "Allow", "sourceAddressPrefix": "Internet",
//!    "destinationPortRange": "22", "protocol": "Tcp"}}]}}
//! ```
//!
//! ## Passes
//! ```json
//! {"type": "Microsoft.Network/networkSecurityGroups", "name": "aks-nodes",
//!  "properties": {"securityRules": [{"name": "https", "properties": {"priority": 100,
//!    "direction": "Inbound", "access": "Allow", "sourceAddressPrefix": "Internet",
//!    "destinationPortRange": "443", "protocol": "Tcp"}}]}}
//! ```
//!
//! ## Fix
//! Attach an NSG to the subnet (`az network vnet subnet update --network-security-group`;
//! Terraform `azurerm_subnet_network_security_group_association`) with no inbound allow from the
//! internet to node ports, then check it with `az network vnet subnet show`.

use rampart_aks::SecurityRule;

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.subnet-nsg",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "Node subnet without a restrictive network security group",
    source: include_str!("node_subnet_nsg.rs"),
    remediation: "Attach an NSG to the node subnet that denies inbound internet traffic to 22, 10250, 10255 and NodePorts.",
    references: &[Reference::Checkov("CKV2_AZURE_31")],
    pss: None,
    check: Check::Inventory(check),
};

/// Ports an internet source must not reach on a node.
const NODE_PORTS: &[(u32, u32, &str)] = &[
    (22, 22, "SSH"),
    (10250, 10250, "the kubelet API"),
    (10255, 10255, "the kubelet read-only port"),
    (30000, 32767, "NodePorts"),
];

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let at = p.vnet_subnet.at().clone();
        if let Ok(false) = p.vnet_subnet.is_set() {
            return (at, Verdict::Pass);
        }
        let Some(key) = &p.subnet_key else {
            return (at, Verdict::Unknown(
                "the node subnet cannot be identified: audit its NSG with az network vnet subnet show".into(),
            ));
        };
        let Some(subnet) = inv.aks.subnet(key) else {
            return (at, Verdict::Unknown(format!(
                "the node subnet ({key}) is not in the input: audit its NSG with az network vnet subnet show"
            )));
        };
        if subnet.nsg.is_absent() {
            return (
                at,
                Verdict::Fail(format!(
                    "the node subnet ({key}) has no network security group"
                )),
            );
        }
        let Some(nsg_key) = &subnet.nsg_key else {
            return (
                at,
                Verdict::unknown(
                    "the subnet's network security group",
                    &subnet.nsg.describe(),
                ),
            );
        };
        let Some(rules) = inv.aks.security_rules(nsg_key) else {
            return (at, Verdict::Unknown(format!(
                "the node subnet's network security group ({nsg_key}) is not in the input: audit its rules with az network nsg show"
            )));
        };
        (at, judge(&rules))
    });
}

/// The first rule (by priority) that matches internet traffic to each sensitive port decides.
fn judge(rules: &[&SecurityRule]) -> Verdict {
    let mut inbound: Vec<(i64, &SecurityRule)> = Vec::new();
    for r in rules {
        match r.direction.text() {
            Ok(Some(d)) if d.eq_ignore_ascii_case("inbound") => {}
            Ok(_) => continue,
            Err(why) => return Verdict::unknown(&format!("direction of rule {}", r.name), &why),
        }
        match r.priority.int() {
            Ok(Some(p)) => inbound.push((p, r)),
            Ok(None) => inbound.push((i64::MAX, r)),
            Err(why) => return Verdict::unknown(&format!("priority of rule {}", r.name), &why),
        }
    }
    inbound.sort_by_key(|(p, _)| *p);
    for &(low, high, what) in NODE_PORTS {
        // Candidate ports: the range start and where each rule's range begins inside it.
        let mut candidates = vec![low];
        for (_, r) in &inbound {
            for (a, _) in port_ranges(r).into_iter().flatten() {
                if a > low && a <= high {
                    candidates.push(a);
                }
            }
        }
        for port in candidates {
            for (_, r) in &inbound {
                let from_internet = match internet_source(r) {
                    Ok(b) => b,
                    Err(why) => {
                        return Verdict::unknown(&format!("source of rule {}", r.name), &why)
                    }
                };
                let covers = match port_ranges(r) {
                    Ok(ranges) => ranges.iter().any(|(a, b)| *a <= port && port <= *b),
                    Err(why) => {
                        return Verdict::unknown(&format!("ports of rule {}", r.name), &why)
                    }
                };
                if !(from_internet && covers) {
                    continue;
                }
                match r.access.text() {
                    Ok(Some(a)) if a.eq_ignore_ascii_case("allow") => {
                        return Verdict::Fail(format!(
                            "NSG rule {} allows inbound traffic from the internet to port {port} ({what})",
                            r.name
                        ))
                    }
                    Ok(_) => break,
                    Err(why) => return Verdict::unknown(&format!("access of rule {}", r.name), &why),
                }
            }
        }
    }
    Verdict::Pass
}

fn internet_source(r: &SecurityRule) -> Result<bool, String> {
    for s in &r.sources {
        if let Some(t) = s.text()? {
            if matches!(
                t.trim().to_ascii_lowercase().as_str(),
                "*" | "internet" | "any" | "0.0.0.0/0" | "0.0.0.0"
            ) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn port_ranges(r: &SecurityRule) -> Result<Vec<(u32, u32)>, String> {
    let mut out = Vec::new();
    for p in &r.ports {
        let Some(t) = p.text()? else { continue };
        let t = t.trim();
        if t == "*" {
            out.push((0, 65535));
        } else if let Some((a, b)) = t.split_once('-') {
            match (a.trim().parse(), b.trim().parse()) {
                (Ok(a), Ok(b)) => out.push((a, b)),
                _ => return Err(format!("port range {t:?}")),
            }
        } else {
            match t.parse() {
                Ok(n) => out.push((n, n)),
                Err(_) => return Err(format!("port {t:?}")),
            }
        }
    }
    Ok(out)
}
