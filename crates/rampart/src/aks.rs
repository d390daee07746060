//! AKS cluster definitions in a scan: the model read from the inventory's documents
//! (`rampart_aks`), how its verdicts become findings, and what other layers can ask of it.
//!
//! A control has three outcomes. It passes, it fails, or the input cannot tell (an unresolved
//! template expression, a Terraform reference, a separate resource `az aks show` does not
//! print). The third is reported too, as a finding whose message starts with
//! [`UNKNOWN_PREFIX`]: an unverifiable control is never counted as compliant.

use std::sync::Arc;

use rampart_aks::{AgentPool, At, Document, ManagedCluster, Prop};
use rampart_document::{parse_bytes, Limits};

use crate::context::Context;
use crate::finding::{Location, Resource, Severity};
use crate::inventory::Inventory;
use crate::rules::Emit;
use crate::source::{io_reason, LoadError};

/// How messages about unverifiable controls start.
pub const UNKNOWN_PREFIX: &str = "cannot verify: ";

/// The outcome of one control on one cluster or pool.
pub enum Verdict {
    Pass,
    Fail(String),
    /// Like `Fail`, at another severity than the rule's (e.g. a deprecated OS SKU).
    FailAt(Severity, String),
    /// The input does not say: why.
    Unknown(String),
}

impl Verdict {
    /// The verdict for a property whose value could not be read: what it is, and why.
    pub fn unknown(what: &str, reason: &str) -> Verdict {
        Verdict::Unknown(format!("{what} is unresolved ({reason})"))
    }
}

/// Reads the cluster definitions among the inventory's documents into `inventory.aks`, with
/// the `--parameters` file if one was given. Problems become load errors.
pub fn read_definitions(inventory: &mut Inventory, context: &Context, errors: &mut Vec<LoadError>) {
    let mut parameters_root = None;
    let mut parameters_file: Arc<str> = "".into();
    if let Some(path) = &context.config.arm_parameters {
        parameters_file = path.display().to_string().into();
        let error = |line: u32, column: u32, message: String| LoadError {
            file: parameters_file.clone(),
            line,
            column,
            message,
        };
        match std::fs::read(path) {
            Err(e) => errors.push(error(
                0,
                0,
                format!("cannot read the parameters file: {}", io_reason(&e)),
            )),
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let blanked = rampart_aks::jsonc::blank(&text);
                let source = blanked.as_deref().unwrap_or(&text);
                match parse_bytes(source.as_bytes(), &Limits::default())
                    .into_iter()
                    .next()
                {
                    Some(Ok(doc)) => parameters_root = Some(doc.root),
                    Some(Err(e)) => errors.push(error(e.line, e.column, e.message)),
                    None => errors.push(error(1, 0, "the parameters file is empty".into())),
                }
            }
        }
    }
    if inventory.documents.is_empty() {
        return;
    }
    let docs: Vec<Document> = inventory
        .documents
        .iter()
        .map(|d| Document {
            file: &d.file,
            root: &d.root,
        })
        .collect();
    let parameters = parameters_root.as_ref().map(|root| Document {
        file: &parameters_file,
        root,
    });
    let (definitions, problems) = rampart_aks::read(&docs, parameters);
    errors.extend(problems.into_iter().map(|p| LoadError {
        file: p.file,
        line: p.line,
        column: p.column,
        message: p.message,
    }));
    inventory.aks = definitions;
}

pub fn cluster_resource(c: &ManagedCluster) -> Resource {
    Resource {
        api_version: c.api_version.clone(),
        kind: "ManagedCluster".into(),
        namespace: None,
        name: c.name.clone(),
    }
}

pub fn pool_resource(p: &AgentPool) -> Resource {
    Resource {
        api_version: p.api_version.clone(),
        kind: "AgentPool".into(),
        namespace: None,
        name: p.display_name(),
    }
}

pub fn location(file: &Arc<str>, at: &At) -> Location {
    Location {
        file: file.clone(),
        line: at.pos.line,
        column: at.pos.column,
        path: at.path.clone(),
    }
}

fn emit(out: &mut Emit, resource: Resource, location: Location, verdict: Verdict) {
    let (message, severity) = match verdict {
        Verdict::Pass => return,
        Verdict::Fail(m) => (m, None),
        Verdict::FailAt(s, m) => (m, Some(s)),
        Verdict::Unknown(m) => (format!("{UNKNOWN_PREFIX}{m}"), None),
    };
    out.finding(resource, location, message);
    if let (Some(s), Some(f)) = (severity, out.out.last_mut()) {
        f.severity = s;
    }
}

/// Reports `verdict` on cluster `c`, at `at` (the property, or where it would be written).
pub fn on_cluster(out: &mut Emit, c: &ManagedCluster, at: &At, verdict: Verdict) {
    emit(out, cluster_resource(c), location(&c.file, at), verdict);
}

/// Reports `verdict` on cluster `c`, at a position in another file (a separate resource).
pub fn on_cluster_in(
    out: &mut Emit,
    c: &ManagedCluster,
    file: &Arc<str>,
    at: &At,
    verdict: Verdict,
) {
    emit(out, cluster_resource(c), location(file, at), verdict);
}

/// Reports `verdict` on agent pool `p`.
pub fn on_pool(out: &mut Emit, p: &AgentPool, at: &At, verdict: Verdict) {
    emit(out, pool_resource(p), location(&p.file, at), verdict);
}

/// Runs a per-pool control on every agent pool of every definition (cluster pools and
/// standalone ones alike).
pub fn each_pool(inv: &Inventory, out: &mut Emit, judge: impl Fn(&AgentPool) -> (At, Verdict)) {
    for p in inv.aks.all_pools() {
        let (at, verdict) = judge(p);
        on_pool(out, p, &at, verdict);
    }
}

/// Runs a cluster control on every cluster definition.
pub fn each_cluster(
    inv: &Inventory,
    out: &mut Emit,
    judge: impl Fn(&ManagedCluster) -> (At, Verdict),
) {
    for c in &inv.aks.clusters {
        let (at, verdict) = judge(c);
        on_cluster(out, c, &at, verdict);
    }
}

/// The common shape of a boolean control: `true` passes, `false` fails, absent takes
/// `default`, unknown is unknown.
pub fn boolean(p: &Prop, what: &str, default: bool, fail: &str) -> (At, Verdict) {
    let verdict = match p.bool() {
        Ok(Some(true)) => Verdict::Pass,
        Ok(Some(false)) => Verdict::Fail(format!("{what} is false: {fail}")),
        Ok(None) if default => Verdict::Pass,
        Ok(None) => Verdict::Fail(format!("{what} is not set (default false): {fail}")),
        Err(r) => Verdict::unknown(what, &r),
    };
    (p.at().clone(), verdict)
}

/// The network policy engine a cluster definition enforces NetworkPolicies with: `Ok(Some(engine))`
/// (`azure`, `calico`, `cilium`), `Ok(None)` when there is none (`networkPolicy` unset or
/// `none`: policies are accepted and ignored), `Err(reason)` when the input cannot tell.
pub fn network_policy_engine(c: &ManagedCluster) -> Result<Option<String>, String> {
    match c.network_policy.text()? {
        Some(v) if !v.eq_ignore_ascii_case("none") => Ok(Some(v.to_ascii_lowercase())),
        _ => Ok(None),
    }
}

/// An Entra ID group granted cluster-admin through `aadProfile.adminGroupObjectIDs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntraAdminGroup {
    /// The cluster's name.
    pub cluster: String,
    /// The group's object id.
    pub object_id: String,
    /// Where the id is written.
    pub location: Location,
}

/// The Entra admin group ids of every cluster definition in the inventory (ids that are
/// unresolved expressions are left out: they name no group yet). These groups hold
/// cluster-admin, and are the break-glass path once local accounts are disabled.
pub fn entra_admin_groups(inventory: &Inventory) -> Vec<EntraAdminGroup> {
    let mut out = Vec::new();
    for c in &inventory.aks.clusters {
        let Ok(Some(items)) = c.aad_admin_groups.list() else {
            continue;
        };
        for item in items.iter() {
            if let Ok(Some(id)) = item.text() {
                out.push(EntraAdminGroup {
                    cluster: c.name.clone(),
                    object_id: id.to_string(),
                    location: location(&c.file, item.at()),
                });
            }
        }
    }
    out
}
