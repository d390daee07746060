//! Running as root: `runAsNonRoot` and `runAsUser`.

use std::ops::ControlFlow;

use crate::pod::{locate, shown, PodView};
use crate::version::Version;
use crate::violation::{violation, Sink};
use crate::Check;

/// From 1.35, a pod in its own user namespace (`hostUsers: false`) passes both checks: its
/// root is not the node's root.
const USER_NAMESPACE_SINCE: Version = Version(35);

/// `runAsNonRoot` must be `true`, set on the pod (inherited by containers that leave it unset)
/// or on every container. An explicit non-`true` anywhere fails. No other field is consulted:
/// a non-zero `runAsUser` or the image's USER does not count.
pub(crate) fn run_as_non_root<S: Sink>(pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
    const FIELD: &str = "securityContext.runAsNonRoot";
    if v >= USER_NAMESPACE_SINCE && pod.in_user_namespace() {
        return ControlFlow::Continue(());
    }
    let mut pod_non_root = false;
    if let Some(field) = pod.security_context().and_then(|sc| sc.get("runAsNonRoot")) {
        if field.as_bool() == Some(true) {
            pod_non_root = true;
        } else {
            sink.report(|| {
                violation(
                    Check::RunAsNonRoot,
                    format!("spec.{FIELD}"),
                    locate(pod.spec, FIELD),
                    format!("pod must not set {FIELD}={}", shown(Some(field))),
                )
            })?;
        }
    }
    for c in pod.containers() {
        match c.security_context().and_then(|sc| sc.get("runAsNonRoot")) {
            Some(field) if field.as_bool() != Some(true) => {
                sink.report(|| {
                    violation(
                        Check::RunAsNonRoot,
                        c.path(FIELD),
                        locate(c.node, FIELD),
                        c.says(&[" must not set ", FIELD, "=", &shown(Some(field))]),
                    )
                })?;
            }
            None if !pod_non_root => {
                sink.report(|| {
                    violation(
                        Check::RunAsNonRoot,
                        c.path(FIELD),
                        locate(c.node, FIELD),
                        c.says(&[" must set ", FIELD, "=true (the pod level does not set it)"]),
                    )
                })?;
            }
            _ => {}
        }
    }
    ControlFlow::Continue(())
}

/// Only an explicit `runAsUser: 0` fails, at the pod level or on any container; there is no
/// inheritance, so a container's 0 fails even when the pod sets a non-zero user.
pub(crate) fn run_as_user<S: Sink>(pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
    const FIELD: &str = "securityContext.runAsUser";
    if v >= USER_NAMESPACE_SINCE && pod.in_user_namespace() {
        return ControlFlow::Continue(());
    }
    for site in pod.sites() {
        let Some(field) = site.security_context().and_then(|sc| sc.get("runAsUser")) else {
            continue;
        };
        if field.as_i64().is_none_or(|uid| uid == 0) {
            sink.report(|| {
                violation(
                    Check::RunAsUser,
                    site.path(FIELD),
                    locate(site.node(), FIELD),
                    match field.as_i64() {
                        Some(_) => format!("{} must not set {FIELD}=0 (root)", site.describe()),
                        None => format!(
                            "{} must set {FIELD} to a non-zero user id, not {}",
                            site.describe(),
                            shown(Some(field))
                        ),
                    },
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}
