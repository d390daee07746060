//! `host.aks.node.custom-kubelet` — Node pool kubelet settings weaken isolation.
//!
//! Checks the kubelet knobs AKS exposes per pool (`kubeletConfig`, azurerm `kubelet_config {}`):
//! `allowedUnsafeSysctls` must be empty, `failSwapOn` must not be false, and `podMaxPids` must be
//! set above 0 (unset means unlimited). None of the CIS kubelet items can be set here: see
//! `rampart node` for those.
//!
//! ## Why
//! Unsafe sysctls let pods change kernel parameters shared with other pods; without a PID limit
//! one pod can fork-bomb the node; swap lets secrets in memory reach disk.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "np", "kubeletConfig": {"allowedUnsafeSysctls": ["kernel.msg*"]}}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "np", "kubeletConfig": {"podMaxPids": 1024}}]}
//! ```
//!
//! ## Fix
//! `az aks nodepool add --kubelet-config kubelet.json` with `{"podMaxPids": 1024}` and no
//! `allowedUnsafeSysctls`; Terraform `kubelet_config { pod_max_pid = 1024 }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.custom-kubelet",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Low,
    title: "Node pool kubelet settings weaken isolation",
    source: include_str!("node_custom_kubelet.rs"),
    remediation:
        "Set kubeletConfig.podMaxPids, remove allowedUnsafeSysctls and keep failSwapOn true.",
    references: &[Reference::Url(
        "https://learn.microsoft.com/azure/aks/custom-node-configuration",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let k = &p.kubelet_config;
        let sysctls = k.first_of(&["allowedUnsafeSysctls", "allowed_unsafe_sysctls"]);
        let swap = k.first_of(&["failSwapOn", "fail_swap_on"]);
        let pids = k.first_of(&["podMaxPids", "pod_max_pid"]);
        let mut problems = Vec::new();
        let mut at = None;
        match sysctls.list() {
            Err(r) => {
                return (
                    sysctls.at().clone(),
                    Verdict::unknown("allowedUnsafeSysctls", &r),
                )
            }
            Ok(Some(l)) if !l.is_empty() => {
                let names: Vec<String> = l.iter().map(|s| s.describe()).collect();
                problems.push(format!("allowedUnsafeSysctls allows {}", names.join(", ")));
                at.get_or_insert(sysctls.at().clone());
            }
            _ => {}
        }
        match swap.bool() {
            Err(r) => return (swap.at().clone(), Verdict::unknown("failSwapOn", &r)),
            Ok(Some(false)) => {
                problems.push("failSwapOn is false: pod memory can be swapped to disk".into());
                at.get_or_insert(swap.at().clone());
            }
            _ => {}
        }
        match pids.int() {
            Err(r) => return (pids.at().clone(), Verdict::unknown("podMaxPids", &r)),
            Ok(Some(n)) if n > 0 => {}
            Ok(Some(n)) => {
                problems.push(format!("podMaxPids is {n}: no per-pod process limit"));
                at.get_or_insert(pids.at().clone());
            }
            Ok(None) => {
                problems.push("podMaxPids is not set: no per-pod process limit".into());
                at.get_or_insert(pids.at().clone());
            }
        }
        let verdict = if problems.is_empty() {
            Verdict::Pass
        } else {
            Verdict::Fail(problems.join("; "))
        };
        (at.unwrap_or_else(|| k.at().clone()), verdict)
    });
}
