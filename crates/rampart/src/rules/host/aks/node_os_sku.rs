//! `host.aks.node.os-sku` — Node pool OS SKU is not Azure Linux.
//!
//! Checks `osSKU` (azurerm `os_sku`) on every agent pool. Linux pools should run Azure Linux;
//! Ubuntu (the default) is a low finding. The deprecated `CBLMariner`/`Mariner` aliases and the
//! retiring `Windows2019` are medium findings.
//!
//! ## Why
//! Azure Linux is a minimal, Microsoft-maintained image with fewer packages to patch and a
//! faster CVE turnaround; deprecated SKUs stop receiving node images altogether, so their nodes
//! stop getting OS fixes.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "osType": "Linux", "osSKU": "CBLMariner"}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "osType": "Linux", "osSKU": "AzureLinux"}]}
//! ```
//!
//! ## Fix
//! `az aks nodepool update --os-sku AzureLinux` (in-place OS SKU migration) or add a new pool
//! with `az aks nodepool add --os-sku AzureLinux` and drain the old one. Terraform:
//! `os_sku = "AzureLinux"`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.os-sku",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Low,
    title: "Node pool OS SKU is not Azure Linux",
    source: include_str!("node_os_sku.rs"),
    remediation: "Run node pools on Azure Linux (osSKU AzureLinux); move off CBLMariner, Mariner and Windows2019.",
    references: &[Reference::Url("https://learn.microsoft.com/azure/azure-linux/intro-azure-linux")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let windows = p
            .os_type
            .text()
            .map(|t| t.is_some_and(|t| t.eq_ignore_ascii_case("windows")));
        let verdict = match (p.os_sku.text(), windows) {
            (Err(r), _) => Verdict::unknown("osSKU", &r),
            (Ok(Some(sku)), _) => judge(&sku),
            (Ok(None), Ok(true)) => Verdict::Pass,
            (Ok(None), Ok(false)) => Verdict::Fail(
                "osSKU is not set: Linux pools default to Ubuntu; Azure Linux is preferred".into(),
            ),
            (Ok(None), Err(r)) => Verdict::unknown("osType", &r),
        };
        (p.os_sku.at().clone(), verdict)
    });
}

fn judge(sku: &str) -> Verdict {
    let lower = sku.to_ascii_lowercase();
    match lower.as_str() {
        "cblmariner" | "mariner" => Verdict::FailAt(
            Severity::Medium,
            format!("osSKU {sku} is a deprecated alias: its node images are being retired; use AzureLinux"),
        ),
        "windows2019" => Verdict::FailAt(
            Severity::Medium,
            "osSKU Windows2019 is being retired; use Windows2022 or later".into(),
        ),
        s if s.starts_with("azurelinux") || s == "azurecontainerlinux" => Verdict::Pass,
        s if s.starts_with("windows") => Verdict::Pass,
        _ => Verdict::Fail(format!(
            "osSKU {sku}: supported, but Azure Linux is preferred (smaller image, fewer packages to patch)"
        )),
    }
}
