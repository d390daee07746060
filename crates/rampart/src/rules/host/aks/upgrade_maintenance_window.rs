//! `host.aks.upgrade.maintenance-window` — Auto-upgrade channel has no maintenance window.
//!
//! For each enabled auto-upgrade channel, checks that its reserved maintenance configuration
//! exists: `aksManagedAutoUpgradeSchedule` for `upgradeChannel`, `aksManagedNodeOSUpgradeSchedule`
//! (recurring at least weekly) for `nodeOSUpgradeChannel`. Reads ARM
//! `managedClusters/maintenanceConfigurations` resources, `az aks maintenanceconfiguration list`
//! output and azurerm's `maintenance_window_auto_upgrade` / `maintenance_window_node_os` blocks.
//! `az aks show` output does not contain them: the control is then reported as unverifiable.
//!
//! ## Why
//! Without a window, upgrades and reimages start whenever AKS schedules them; with a window
//! that recurs monthly, node OS patches wait up to a month. Configurations with any other name gate
//! nothing.
//!
//! ## Fails
//! ```json
//! {"autoUpgradeProfile": {"upgradeChannel": "stable", "nodeOSUpgradeChannel": "NodeImage"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"type": "Microsoft.ContainerService/managedClusters/maintenanceConfigurations",
//!   "name": "aks1/aksManagedNodeOSUpgradeSchedule",
//!   "properties": {"maintenanceWindow": {"schedule": {"weekly": {"dayOfWeek": "Sunday", "intervalWeeks": 1}},
//!     "durationHours": 4, "startTime": "02:00"}}}
//! ```
//!
//! ## Fix
//! `az aks maintenanceconfiguration add --name aksManagedNodeOSUpgradeSchedule --schedule-type
//! Weekly --day-of-week Sunday --interval-weeks 1 --duration 4 --start-time 02:00` (and the same
//! for `aksManagedAutoUpgradeSchedule`); Terraform `maintenance_window_node_os { frequency =
//! "Weekly" ... }`.

use rampart_aks::{Collected, MaintenanceConfig, Prop};

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.upgrade.maintenance-window",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Low,
    title: "Auto-upgrade channel has no maintenance window",
    source: include_str!("upgrade_maintenance_window.rs"),
    remediation: "Add aksManagedAutoUpgradeSchedule and aksManagedNodeOSUpgradeSchedule maintenance configurations (weekly for node OS).",
    references: &[Reference::Url("https://learn.microsoft.com/azure/aks/planned-maintenance")],
    pss: None,
    check: Check::Inventory(check),
};

const AUTO: &str = "aksManagedAutoUpgradeSchedule";
const NODE_OS: &str = "aksManagedNodeOSUpgradeSchedule";

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let configs = match &c.maintenance {
            Collected::NotInInput(why) => {
                return (
                    c.at.clone(),
                    Verdict::Unknown(format!("maintenance configurations: {why}; list them with az aks maintenanceconfiguration list")),
                )
            }
            Collected::Found(list) => list,
        };
        let auto = channel_on(&c.upgrade_channel, &["none"], false);
        let node_os = channel_on(
            &c.node_os_upgrade_channel,
            &["none", "unmanaged"],
            c.dialect.is_terraform(),
        );
        let mut problems = Vec::new();
        for (on, name, weekly, what) in [
            (auto, AUTO, false, "upgradeChannel"),
            (node_os, NODE_OS, true, "nodeOSUpgradeChannel"),
        ] {
            match on {
                Err(r) => return (c.at.clone(), Verdict::unknown(what, &r)),
                Ok(false) => continue,
                Ok(true) => {}
            }
            match window(configs, name) {
                Err(r) => {
                    return (
                        c.at.clone(),
                        Verdict::unknown("a maintenance configuration name", &r),
                    )
                }
                Ok(None) => problems.push(format!(
                    "{what} is on but there is no {name} window: upgrades start at any time"
                )),
                Ok(Some(m)) if weekly => match m.recurrence.text() {
                    Ok(Some(r)) if r.to_ascii_lowercase().contains("monthly") => problems.push(
                        format!("{name} recurs {r}: node OS patches can wait a month"),
                    ),
                    Err(r) => return (m.at.clone(), Verdict::unknown("the window's schedule", &r)),
                    _ => {}
                },
                Ok(Some(_)) => {}
            }
        }
        let verdict = if problems.is_empty() {
            Verdict::Pass
        } else {
            Verdict::Fail(problems.join("; "))
        };
        (c.at.clone(), verdict)
    });
}

/// Whether a channel is enabled: set to something other than `off` values; unset means off
/// (or on, for azurerm's NodeImage default).
fn channel_on(p: &Prop, off: &[&str], default_on: bool) -> Result<bool, String> {
    match p.text()? {
        None => Ok(default_on),
        Some(v) => Ok(!off.iter().any(|o| v.eq_ignore_ascii_case(o))),
    }
}

fn window<'a>(
    configs: &'a [MaintenanceConfig],
    name: &str,
) -> Result<Option<&'a MaintenanceConfig>, String> {
    let mut unknown = None;
    for m in configs {
        match m.name.text() {
            Ok(Some(n)) if n.eq_ignore_ascii_case(name) => return Ok(Some(m)),
            Err(r) => unknown = Some(r),
            _ => {}
        }
    }
    match unknown {
        Some(r) => Err(r),
        None => Ok(None),
    }
}
