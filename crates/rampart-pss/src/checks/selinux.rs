//! `seLinuxOptions`: the SELinux context a pod or container may ask for.

use std::ops::ControlFlow;

use rampart_document::Node;

use crate::pod::{locate, non_empty, shown, PodView, Site};
use crate::version::Version;
use crate::violation::{violation, Sink};
use crate::Check;

/// Container types every policy version allows.
const TYPES: [&str; 3] = ["container_t", "container_init_t", "container_kvm_t"];
/// Allowed from policy 1.31.
const ENGINE_TYPE: &str = "container_engine_t";
const ENGINE_SINCE: Version = Version(31);

fn type_allowed(t: Option<&Node>, v: Version) -> bool {
    match t {
        None => true,
        Some(t) => match t.as_str() {
            Some("") => true,
            Some(ENGINE_TYPE) => v >= ENGINE_SINCE,
            Some(name) => TYPES.contains(&name),
            None => false,
        },
    }
}

/// A custom type, user or role can lift a container out of the confined domain. `level` (the
/// MCS category) is never checked. Pod and container options are each checked on their own.
pub(crate) fn se_linux_options<S: Sink>(
    pod: &PodView,
    v: Version,
    sink: &mut S,
) -> ControlFlow<()> {
    for site in pod.sites() {
        let Some(opts) = site
            .security_context()
            .and_then(|sc| sc.get("seLinuxOptions"))
        else {
            continue;
        };
        let t = opts.get("type");
        if !type_allowed(t, v) {
            sink.report(|| {
                let allowed = if v >= ENGINE_SINCE {
                    format!("{}, {ENGINE_TYPE}", TYPES.join(", "))
                } else {
                    TYPES.join(", ")
                };
                offence(
                    &site,
                    "type",
                    format!(
                        "must not set SELinux type {} (allowed: {allowed})",
                        shown(t)
                    ),
                )
            })?;
        }
        for key in ["user", "role"] {
            let field = opts.get(key);
            if non_empty(field) {
                sink.report(|| {
                    offence(
                        &site,
                        key,
                        format!("must not set SELinux {key} {}", shown(field)),
                    )
                })?;
            }
        }
    }
    ControlFlow::Continue(())
}

fn offence(site: &Site, key: &str, what: String) -> crate::Violation {
    let rest = format!("securityContext.seLinuxOptions.{key}");
    violation(
        Check::SeLinuxOptions,
        site.path(&rest),
        locate(site.node(), &rest),
        format!("{} {what}", site.describe()),
    )
}
