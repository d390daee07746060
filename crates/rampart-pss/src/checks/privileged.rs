//! Privilege: `privileged`, `windowsHostProcess`, `allowPrivilegeEscalation`.

use std::ops::ControlFlow;

use rampart_document::Node;

use crate::pod::{locate, set_true, shown, PodView};
use crate::version::Version;
use crate::violation::{violation, Sink};
use crate::Check;

/// A privileged container holds every capability and every host device.
pub(crate) fn privileged<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    for c in pod.containers() {
        let field = c.security_context().and_then(|sc| sc.get("privileged"));
        if set_true(field) {
            sink.report(|| {
                violation(
                    Check::Privileged,
                    c.path("securityContext.privileged"),
                    locate(c.node, "securityContext.privileged"),
                    format!(
                        "{} must not set securityContext.privileged={}",
                        c.describe(),
                        shown(field)
                    ),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}

/// A Windows HostProcess container runs as a process on the node, outside any isolation;
/// forbidden at the pod level and on every container.
pub(crate) fn windows_host_process<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    const FIELD: &str = "securityContext.windowsOptions.hostProcess";
    for site in pod.sites() {
        let field = site
            .security_context()
            .and_then(|sc| sc.get("windowsOptions"))
            .and_then(|w| w.get("hostProcess"));
        if set_true(field) {
            sink.report(|| {
                violation(
                    Check::WindowsHostProcess,
                    site.path(FIELD),
                    locate(site.node(), FIELD),
                    format!("{} must not set {FIELD}={}", site.describe(), shown(field)),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}

/// Only an explicit `false` blocks setuid binaries and file capabilities from raising a
/// process's privileges, so unset fails. Windows pods are exempt from 1.25, where the field has
/// no meaning.
pub(crate) fn allow_privilege_escalation<S: Sink>(
    pod: &PodView,
    v: Version,
    sink: &mut S,
) -> ControlFlow<()> {
    const FIELD: &str = "securityContext.allowPrivilegeEscalation";
    if v >= Version(25) && pod.is_windows() {
        return ControlFlow::Continue(());
    }
    for c in pod.containers() {
        let field = c
            .security_context()
            .and_then(|sc| sc.get("allowPrivilegeEscalation"));
        if field.and_then(Node::as_bool) != Some(false) {
            sink.report(|| {
                let json;
                let found = match field {
                    None => "it is unset",
                    Some(f) => {
                        json = ["found ", &f.to_json()].concat();
                        &json
                    }
                };
                violation(
                    Check::AllowPrivilegeEscalation,
                    c.path(FIELD),
                    locate(c.node, FIELD),
                    c.says(&[" must set ", FIELD, "=false (", found, ")"]),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}
