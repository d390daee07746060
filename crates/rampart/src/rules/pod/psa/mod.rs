//! Pod Security Admission as namespaces configure it: enforce labels, and what they would do to
//! the workloads in the input.

pub mod invalid_label;
pub mod namespace_enforce_weak;
pub mod namespace_no_enforce;
pub mod rejected_by_enforce;

use rampart_document::Pos;

use crate::finding::{Location, Resource};
use crate::inventory::{Inventory, NamespaceInfo};

pub const ENFORCE: &str = "pod-security.kubernetes.io/enforce";

/// Where a finding about a namespace points: its Namespace object (at `rel` when it exists),
/// or, for a namespace only named by workloads, the first workload in it.
pub fn namespace_location(
    inv: &Inventory,
    ns: &NamespaceInfo,
    rel: &str,
) -> Option<(Resource, Location)> {
    let resource = Resource {
        api_version: "v1".into(),
        kind: "Namespace".into(),
        namespace: None,
        name: ns.name.clone(),
    };
    if let Some(o) = &ns.object {
        let pos: Option<Pos> = None;
        return Some((resource, o.location(rel, pos)));
    }
    let first = inv.workloads.iter().find(|w| w.namespace == ns.name)?;
    Some((resource, first.location.clone()))
}

/// The object-relative path of a namespace label.
pub fn label_path(key: &str) -> String {
    rampart_document::join_key("metadata.labels", key)
}
