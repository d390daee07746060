//! Linux capabilities: `capabilities_baseline` and `capabilities_restricted`.

use std::ops::ControlFlow;

use rampart_document::Node;

use crate::pod::{items, locate, shown, Container, PodView};
use crate::version::Version;
use crate::violation::{violation, Sink};
use crate::Check;

/// The container runtime's default set: adding these grants nothing a container does not
/// already have. Matched exactly and case-sensitively (`chown` and `CAP_CHOWN` fail).
const DEFAULT_SET: [&str; 13] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// The one capability restricted pods may add back after dropping everything.
const RESTRICTED_ADD: &str = "NET_BIND_SERVICE";

fn capabilities<'a>(c: &Container<'a>) -> Option<&'a Node> {
    c.security_context().and_then(|sc| sc.get("capabilities"))
}

/// Baseline: `add` may only hold default capabilities. `drop` is not read.
pub(crate) fn baseline<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    for c in pod.containers() {
        let add = items(capabilities(&c).and_then(|caps| caps.get("add")));
        for (i, cap) in add.iter().enumerate() {
            if !cap.as_str().is_some_and(|name| DEFAULT_SET.contains(&name)) {
                sink.report(|| added(Check::CapabilitiesBaseline, &c, i, cap))?;
            }
        }
    }
    ControlFlow::Continue(())
}

/// Restricted (1.22+): `drop` must contain `ALL` and `add` may only hold `NET_BIND_SERVICE`.
/// A container without `capabilities` has not dropped anything, so it fails. Windows pods are
/// exempt from 1.25, where Linux capabilities have no meaning.
pub(crate) fn restricted<S: Sink>(pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
    const DROP: &str = "securityContext.capabilities.drop";
    if v >= Version(25) && pod.is_windows() {
        return ControlFlow::Continue(());
    }
    for c in pod.containers() {
        let caps = capabilities(&c);
        let drop = caps.and_then(|caps| caps.get("drop"));
        if !items(drop).iter().any(|d| d.as_str() == Some("ALL")) {
            sink.report(|| {
                violation(
                    Check::CapabilitiesRestricted,
                    c.path(DROP),
                    locate(c.node, DROP),
                    c.says(&[" must set ", DROP, "=[\"ALL\"]"]),
                )
            })?;
        }
        let add = items(caps.and_then(|caps| caps.get("add")));
        for (i, cap) in add.iter().enumerate() {
            if cap.as_str() != Some(RESTRICTED_ADD) {
                sink.report(|| added(Check::CapabilitiesRestricted, &c, i, cap))?;
            }
        }
    }
    ControlFlow::Continue(())
}

fn added(check: Check, c: &Container, i: usize, cap: &Node) -> crate::Violation {
    let allowed = match check {
        Check::CapabilitiesRestricted => "only NET_BIND_SERVICE may be added".to_string(),
        _ => format!("allowed: {}", DEFAULT_SET.join(", ")),
    };
    violation(
        check,
        c.path(&format!("securityContext.capabilities.add[{i}]")),
        cap.pos,
        format!(
            "{} must not add capability {} ({allowed})",
            c.describe(),
            shown(Some(cap))
        ),
    )
}
