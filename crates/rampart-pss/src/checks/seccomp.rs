//! Seccomp: `seccompProfile_baseline` and `seccompProfile_restricted`.

use std::ops::ControlFlow;

use rampart_document::{push_key, Entry, Node};

use crate::pod::{annotation_value, locate, shown, PodView, Site};
use crate::version::Version;
use crate::violation::{violation, Sink};
use crate::Check;

const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const FIELD: &str = "securityContext.seccompProfile.type";
/// Policy 1.19 moved seccomp from annotations to fields, and restricted began requiring it.
const FIELDS_SINCE: Version = Version(19);
/// Windows pods have no seccomp; from 1.25 restricted does not ask them for a profile.
const WINDOWS_EXEMPT_SINCE: Version = Version(25);

/// The `localhostProfile` path is never inspected.
fn type_allowed(t: Option<&Node>) -> bool {
    matches!(
        t.and_then(Node::as_str),
        Some("RuntimeDefault" | "Localhost")
    )
}

fn annotation_allowed(value: &str) -> bool {
    value == "runtime/default" || value == "docker/default" || value.starts_with("localhost/")
}

/// Baseline forbids turning seccomp off, but does not require a profile. Before 1.19 it reads
/// only the annotations; from 1.19 only the fields (so a pod annotated `unconfined` without
/// fields passes 1.19+).
pub(crate) fn baseline<S: Sink>(pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
    if v < FIELDS_SINCE {
        return annotations(pod, sink);
    }
    for site in pod.sites() {
        let Some(profile) = site
            .security_context()
            .and_then(|sc| sc.get("seccompProfile"))
        else {
            continue;
        };
        let t = profile.get("type");
        if !type_allowed(t) {
            sink.report(|| bad_type(Check::SeccompProfileBaseline, &site, t))?;
        }
    }
    ControlFlow::Continue(())
}

/// The pod annotation, and each container's annotation, keyed by the names of containers that
/// exist. A present annotation must name a confining profile; an empty value fails.
fn annotations<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    let annotations = pod.annotations();
    if let Some(entry) = live(annotations, |key| key == POD_ANNOTATION) {
        if !annotation_value(&entry.value).is_some_and(annotation_allowed) {
            sink.report(|| bad_annotation(entry, "pod"))?;
        }
    }
    for (n, c) in pod.containers().enumerate() {
        let name = c.name();
        let Some(entry) = live(annotations, |key| {
            key.strip_prefix(CONTAINER_ANNOTATION_PREFIX) == Some(name)
        }) else {
            continue;
        };
        if annotation_value(&entry.value).is_some_and(annotation_allowed) {
            continue;
        }
        // Two containers with one name share one annotation: report it once.
        if pod
            .containers()
            .take(n)
            .any(|earlier| earlier.name() == name)
        {
            continue;
        }
        sink.report(|| bad_annotation(entry, &c.describe()))?;
    }
    ControlFlow::Continue(())
}

/// The last entry whose key matches: with duplicate keys the last one is the one decoded.
fn live(entries: &[Entry], matches: impl Fn(&str) -> bool) -> Option<&Entry> {
    entries.iter().rev().find(|e| matches(&e.key))
}

/// Restricted (1.19+): a confining profile must be in effect for every container, from the pod
/// level or its own. A bad value fails wherever it is set, even if the other level is good.
pub(crate) fn restricted<S: Sink>(pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
    if v >= WINDOWS_EXEMPT_SINCE && pod.is_windows() {
        return ControlFlow::Continue(());
    }
    let mut pod_confined = false;
    if let Some(profile) = pod
        .security_context()
        .and_then(|sc| sc.get("seccompProfile"))
    {
        let t = profile.get("type");
        if type_allowed(t) {
            pod_confined = true;
        } else {
            sink.report(|| bad_type(Check::SeccompProfileRestricted, &Site::Pod(pod.spec), t))?;
        }
    }
    for c in pod.containers() {
        match c.security_context().and_then(|sc| sc.get("seccompProfile")) {
            Some(profile) => {
                let t = profile.get("type");
                if !type_allowed(t) {
                    sink.report(|| {
                        bad_type(Check::SeccompProfileRestricted, &Site::Container(c), t)
                    })?;
                }
            }
            None if !pod_confined => {
                sink.report(|| {
                    violation(
                        Check::SeccompProfileRestricted,
                        c.path(FIELD),
                        locate(c.node, FIELD),
                        c.says(&[
                            " must set ",
                            FIELD,
                            " to RuntimeDefault or Localhost (the pod level does not set one)",
                        ]),
                    )
                })?;
            }
            None => {}
        }
    }
    ControlFlow::Continue(())
}

fn bad_type(check: Check, site: &Site, t: Option<&Node>) -> crate::Violation {
    violation(
        check,
        site.path(FIELD),
        locate(site.node(), FIELD),
        format!(
            "{} must not set {FIELD}={} (allowed: RuntimeDefault, Localhost)",
            site.describe(),
            shown(t)
        ),
    )
}

fn bad_annotation(entry: &Entry, who: &str) -> crate::Violation {
    let mut path = String::from("metadata.annotations");
    push_key(&mut path, &entry.key);
    violation(
        Check::SeccompProfileBaseline,
        path,
        entry.key_pos,
        format!(
            "annotation {:?} sets seccomp profile {} for {who} (allowed: runtime/default, docker/default, localhost/<profile>)",
            &*entry.key,
            shown(Some(&entry.value))
        ),
    )
}
