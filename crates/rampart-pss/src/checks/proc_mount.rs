//! `procMount` and `procMount_restricted`: an unmasked /proc exposes the host's kernel knobs.

use std::ops::ControlFlow;

use crate::pod::{locate, shown, PodView};
use crate::version::Version;
use crate::violation::{violation, Sink};
use crate::Check;

/// From 1.35, baseline accepts any procMount in a user-namespaced pod (`hostUsers: false`),
/// where /proc is the pod's own.
const USER_NAMESPACE_SINCE: Version = Version(35);

pub(crate) fn baseline<S: Sink>(pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
    if v >= USER_NAMESPACE_SINCE && pod.in_user_namespace() {
        return ControlFlow::Continue(());
    }
    default_only(pod, Check::ProcMount, sink)
}

/// Restricted (1.35+) keeps the strict rule whatever `hostUsers` says.
pub(crate) fn restricted<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    default_only(pod, Check::ProcMountRestricted, sink)
}

fn default_only<S: Sink>(pod: &PodView, check: Check, sink: &mut S) -> ControlFlow<()> {
    const FIELD: &str = "securityContext.procMount";
    for c in pod.containers() {
        let Some(field) = c.security_context().and_then(|sc| sc.get("procMount")) else {
            continue;
        };
        if field.as_str() != Some("Default") {
            sink.report(|| {
                violation(
                    check,
                    c.path(FIELD),
                    locate(c.node, FIELD),
                    format!(
                        "{} must not set {FIELD}={} (only Default is allowed)",
                        c.describe(),
                        shown(Some(field))
                    ),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}
