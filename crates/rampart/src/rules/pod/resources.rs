//! CPU and memory requests and limits: four rules, one per setting, sharing one check.
//!
//! Each rule walks init and regular containers (ephemeral containers cannot set resources).

pub mod cpu_limits;
pub mod cpu_requests;
pub mod memory_limits;
pub mod memory_requests;

use crate::rules::Emit;
use crate::workload::{ContainerKind, Workload};

/// Reports containers that do not set `resources.<section>.<resource>`. A request set without
/// a limit is fine; a limit without a request is fine too, since Kubernetes then copies the
/// limit into the request.
fn require(w: &Workload, out: &mut Emit, section: &str, resource: &str) {
    for c in w
        .containers()
        .filter(|c| c.kind != ContainerKind::Ephemeral)
    {
        let resources = c.node.get("resources");
        let set = resources
            .and_then(|r| r.get(section))
            .and_then(|s| s.get(resource))
            .is_some();
        // A limit counts as the request when no request is given.
        let defaulted = section == "requests"
            && resources
                .and_then(|r| r.get("limits"))
                .and_then(|s| s.get(resource))
                .is_some();
        if set || defaulted {
            continue;
        }
        let rel = ["resources.", section, ".", resource].concat();
        // `container "api" sets no cpu limit`
        let message = c.says(&[" sets no ", resource, " ", &section[..section.len() - 1]]);
        out.at(w.object, c.field(&rel), Some(c.locate(&rel)), message);
    }
}
