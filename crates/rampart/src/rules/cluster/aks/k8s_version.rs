//! `cluster.aks.k8s-version` — Kubernetes version is out of support.
//!
//! Checks `kubernetesVersion` (or `currentKubernetesVersion`; azurerm `kubernetes_version`) and
//! every pool's `orchestratorVersion`: the minor must be within AKS community support, taken as the
//! three minors below the newest Kubernetes release rampart knows (AKS trails upstream by about one
//! minor). Long-term support (`supportPlan: AKSLongTermSupport` on the Premium tier) extends that by
//! two years. Pools must not be newer than the control plane nor more than three minors older.
//! Compare with `az aks get-versions` for the authoritative list in your region.
//!
//! Azure Policy: "Kubernetes Services should be upgraded to a non-vulnerable Kubernetes
//! version" (tests only very old releases).
//!
//! ## Why
//! Out-of-support minors get no CVE fixes: every later Kubernetes vulnerability stays open.
//!
//! ## Fails
//! ```json
//! {"kubernetesVersion": "1.21.2"}
//! ```
//!
//! ## Passes
//! ```json
//! {"kubernetesVersion": "1.34"}
//! ```
//!
//! ## Fix
//! `az aks upgrade --kubernetes-version <version>` (control plane and pools), after checking
//! `az aks get-versions`; Terraform `kubernetes_version` and `orchestrator_version`.

use rampart_aks::Prop;
use rampart_pss::Version;

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.k8s-version",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "Kubernetes version is out of support",
    source: include_str!("k8s_version.rs"),
    remediation: "Upgrade to a supported Kubernetes minor (az aks upgrade --kubernetes-version).",
    references: &[Reference::Url(
        "https://learn.microsoft.com/azure/aks/supported-kubernetes-versions",
    )],
    pss: None,
    check: Check::Inventory(check),
};

/// Minors below the newest upstream release that AKS still supports.
const COMMUNITY_WINDOW: u16 = 3;
/// Long-term support adds two years: about six more minors.
const LTS_EXTRA: u16 = 6;

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    let oldest = Version::LATEST.minor().saturating_sub(COMMUNITY_WINDOW);
    for c in &inv.aks.clusters {
        let lts = matches!(c.support_plan.text(), Ok(Some(p)) if p.eq_ignore_ascii_case("AKSLongTermSupport"))
            && matches!(c.sku_tier.text(), Ok(Some(t)) if t.eq_ignore_ascii_case("premium"));
        let floor = if lts {
            oldest.saturating_sub(LTS_EXTRA)
        } else {
            oldest
        };
        let version = if c.current_kubernetes_version.is_absent() {
            &c.kubernetes_version
        } else {
            &c.current_kubernetes_version
        };
        let (control_plane, verdict) = judge(version, floor, oldest, lts);
        aks::on_cluster(out, c, version.at(), verdict);
        for p in &c.agent_pools {
            let (minor, mut verdict) = judge(&p.orchestrator_version, floor, oldest, lts);
            if let (Some(pool), Some(cp), Verdict::Pass) = (minor, control_plane, &verdict) {
                if pool > cp || cp - pool > 3 {
                    verdict = Verdict::Fail(format!(
                        "pool version 1.{pool} is outside the allowed skew of control plane 1.{cp}"
                    ));
                }
            }
            aks::on_pool(out, p, p.orchestrator_version.at(), verdict);
        }
    }
    for p in &inv.aks.pools {
        let (_, verdict) = judge(&p.orchestrator_version, oldest, oldest, false);
        aks::on_pool(out, p, p.orchestrator_version.at(), verdict);
    }
}

/// The minor and the verdict for one version property. Unset versions take the default
/// (the newest AKS default), which is supported.
fn judge(p: &Prop, floor: u16, oldest: u16, lts: bool) -> (Option<u16>, Verdict) {
    let text = match p.text() {
        Err(r) => return (None, Verdict::unknown("the Kubernetes version", &r)),
        Ok(Some(t)) if t.trim().is_empty() => return (None, Verdict::Pass),
        Ok(None) => return (None, Verdict::Pass),
        Ok(Some(t)) => t,
    };
    let Some(minor) = minor_of(&text) else {
        return (
            None,
            Verdict::Fail(format!("{text:?} is not a Kubernetes version")),
        );
    };
    let verdict = if minor >= floor {
        Verdict::Pass
    } else if lts {
        Verdict::Fail(format!(
            "Kubernetes 1.{minor} is older than long-term support (1.{floor} and later)"
        ))
    } else {
        Verdict::Fail(format!(
            "Kubernetes 1.{minor} is out of AKS community support (1.{oldest} and later): no CVE fixes"
        ))
    };
    (Some(minor), verdict)
}

fn minor_of(text: &str) -> Option<u16> {
    let t = text.trim().trim_start_matches('v');
    let mut parts = t.split('.');
    if parts.next()? != "1" {
        return None;
    }
    parts.next()?.parse().ok()
}
