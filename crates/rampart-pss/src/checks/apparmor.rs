//! `appArmorProfile`: the beta annotations and the `appArmorProfile` fields.

use std::ops::ControlFlow;

use rampart_document::{push_key, Node};

use crate::pod::{annotation_value, is_live, locate, shown, PodView};
use crate::violation::{violation, Sink};
use crate::Check;

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

/// Empty means "runtime default", as does `runtime/default`; `localhost/<name>` is a profile
/// loaded on the node. Anything else, `unconfined` included, turns AppArmor off or is unknown.
fn annotation_allowed(value: &str) -> bool {
    value.is_empty() || value == "runtime/default" || value.starts_with("localhost/")
}

/// A set profile must confine: `Unconfined` and an empty type both fail.
fn type_allowed(t: Option<&Node>) -> bool {
    matches!(
        t.and_then(Node::as_str),
        Some("RuntimeDefault" | "Localhost")
    )
}

/// PSA has a single version of this check, so the field rule applies at every pinned version,
/// even ones older than the Kubernetes release that added the fields. Annotations count whether
/// or not a container of that name exists.
pub(crate) fn app_armor_profile<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    const FIELD: &str = "securityContext.appArmorProfile.type";
    let annotations = pod.annotations();
    for (i, entry) in annotations.iter().enumerate() {
        if !entry.key.starts_with(ANNOTATION_PREFIX) {
            continue;
        }
        let value = annotation_value(&entry.value);
        if value.is_some_and(annotation_allowed) || !is_live(annotations, i) {
            continue;
        }
        sink.report(|| {
            let mut path = String::from("metadata.annotations");
            push_key(&mut path, &entry.key);
            violation(
                Check::AppArmorProfile,
                path,
                entry.key_pos,
                format!(
                    "annotation {:?} must not set AppArmor profile {} (allowed: runtime/default, localhost/<profile>)",
                    &*entry.key,
                    shown(Some(&entry.value))
                ),
            )
        })?;
    }
    for site in pod.sites() {
        let Some(profile) = site
            .security_context()
            .and_then(|sc| sc.get("appArmorProfile"))
        else {
            continue;
        };
        let t = profile.get("type");
        if !type_allowed(t) {
            sink.report(|| {
                violation(
                    Check::AppArmorProfile,
                    site.path(FIELD),
                    locate(site.node(), FIELD),
                    format!(
                        "{} must not set {FIELD}={} (allowed: RuntimeDefault, Localhost)",
                        site.describe(),
                        shown(t)
                    ),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}
