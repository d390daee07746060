//! Every kind of workload seen as the pod it runs: its pod template and containers.

use rampart_document::{push_index, push_path, Node};
use rampart_pss::PodView;

use crate::object::Object;

/// A workload (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob,
/// ReplicationController, PodTemplate) normalised to its pod template.
#[derive(Clone, Copy, Debug)]
pub struct Workload<'a> {
    pub object: &'a Object,
    /// The pod's metadata (the template's, for controllers).
    pub pod_metadata: Option<&'a Node>,
    pub spec: &'a Node,
    /// Where the pod metadata and spec sit inside the object.
    pub metadata_path: &'static str,
    pub spec_path: &'static str,
}

/// Where each kind keeps its pod.
fn template_paths(kind: &str, group: &str) -> Option<(&'static str, &'static str)> {
    let core = group.is_empty();
    let apps = matches!(group, "apps" | "extensions");
    let batch = group == "batch";
    Some(match kind {
        "Pod" if core => ("metadata", "spec"),
        "PodTemplate" if core => ("template.metadata", "template.spec"),
        "ReplicationController" if core => ("spec.template.metadata", "spec.template.spec"),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" if apps => {
            ("spec.template.metadata", "spec.template.spec")
        }
        "Job" if batch => ("spec.template.metadata", "spec.template.spec"),
        "CronJob" if batch => (
            "spec.jobTemplate.spec.template.metadata",
            "spec.jobTemplate.spec.template.spec",
        ),
        _ => return None,
    })
}

/// Whether objects of this kind run pods (even if this one is malformed).
pub fn is_workload_kind(object: &Object) -> bool {
    template_paths(&object.kind, object.group()).is_some()
}

impl<'a> Workload<'a> {
    pub fn from_object(object: &'a Object) -> Option<Workload<'a>> {
        let (metadata_path, spec_path) = template_paths(&object.kind, object.group())?;
        let lookup = |path: &str| {
            rampart_document::dotted_keys(path).try_fold(&object.node, |node, key| node.get(key))
        };
        let spec = lookup(spec_path).filter(|s| s.is_map())?;
        Some(Workload {
            object,
            pod_metadata: lookup(metadata_path),
            spec,
            metadata_path,
            spec_path,
        })
    }

    pub fn is_pod(&self) -> bool {
        self.object.kind == "Pod"
    }

    pub fn pod_view(&self) -> PodView<'a> {
        PodView::new(self.pod_metadata, self.spec)
    }

    /// Init, regular and ephemeral containers, in the order Pod Security Admission walks them.
    pub fn containers(&self) -> impl Iterator<Item = Container<'a>> + 'a {
        let spec = self.spec;
        let spec_path = self.spec_path;
        ContainerKind::ALL.into_iter().flat_map(move |kind| {
            spec.get(kind.field())
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .map(move |(index, node)| Container {
                    node,
                    kind,
                    index,
                    spec_path,
                })
        })
    }

    /// Object-relative path of a field of the pod spec (`securityContext.runAsUser`).
    pub fn spec_field(&self, rel: &str) -> String {
        let dot = if rel.is_empty() || rel.starts_with('[') {
            ""
        } else {
            "."
        };
        let mut s = String::with_capacity(self.spec_path.len() + dot.len() + rel.len());
        s.push_str(self.spec_path);
        s.push_str(dot);
        s.push_str(rel);
        s
    }

    /// Turns a path relative to the pod (`spec.…` / `metadata.…`, as the PSS engine reports
    /// them) into one relative to the object.
    pub fn pod_field(&self, mut pod_path: String) -> String {
        for (prefix, path) in [("spec", self.spec_path), ("metadata", self.metadata_path)] {
            if pod_path.starts_with(prefix) {
                pod_path.replace_range(..prefix.len(), path);
                break;
            }
        }
        pod_path
    }

    /// The pod's annotation `key`.
    pub fn pod_annotation(&self, key: &str) -> Option<&'a str> {
        self.pod_metadata?.get("annotations")?.get(key)?.as_str()
    }

    pub fn service_account(&self) -> &'a str {
        self.spec
            .get("serviceAccountName")
            .or_else(|| self.spec.get("serviceAccount"))
            .and_then(Node::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("default")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    Init,
    Regular,
    Ephemeral,
}

impl ContainerKind {
    pub const ALL: [ContainerKind; 3] = [
        ContainerKind::Init,
        ContainerKind::Regular,
        ContainerKind::Ephemeral,
    ];

    pub fn field(self) -> &'static str {
        match self {
            ContainerKind::Init => "initContainers",
            ContainerKind::Regular => "containers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        }
    }

    /// How messages name it: `init container "x"`.
    pub fn noun(self) -> &'static str {
        match self {
            ContainerKind::Init => "init container",
            ContainerKind::Regular => "container",
            ContainerKind::Ephemeral => "ephemeral container",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Container<'a> {
    pub node: &'a Node,
    pub kind: ContainerKind,
    pub index: usize,
    spec_path: &'static str,
}

impl<'a> Container<'a> {
    pub fn name(&self) -> &'a str {
        self.node.get("name").and_then(Node::as_str).unwrap_or("")
    }

    pub fn image(&self) -> Option<&'a str> {
        self.node.get("image").and_then(Node::as_str)
    }

    pub fn security_context(&self) -> Option<&'a Node> {
        self.node.get("securityContext")
    }

    /// `container "web"` etc., for messages.
    pub fn describe(&self) -> Described<'a> {
        Described {
            kind: self.kind,
            name: self.name(),
        }
    }

    /// A message: how it names the container, then `rest`, in one string (without the
    /// formatting machinery of `format!`: some rules name a container in tens of thousands
    /// of findings).
    pub fn says(&self, rest: &[&str]) -> String {
        let d = self.describe();
        let len =
            d.kind.noun().len() + d.name.len() + 3 + rest.iter().map(|r| r.len()).sum::<usize>();
        let mut s = String::with_capacity(len);
        let _ = d.write_to(&mut s);
        for r in rest {
            s.push_str(r);
        }
        s
    }

    /// Where a finding about the field at `rel` points: its key, or the deepest part of the
    /// path that exists (the same answer [`Object::location`] gives for [`Container::field`],
    /// without walking down from the object's root).
    pub fn locate(&self, rel: &str) -> rampart_document::Pos {
        self.node.locate(rel)
    }

    /// Object-relative path of a field of this container (`securityContext.privileged`,
    /// `volumeMounts[1].readOnly`).
    pub fn field(&self, rel: &str) -> String {
        // Room for `.containers[index].` with an index of up to four digits.
        let mut p =
            String::with_capacity(self.spec_path.len() + self.kind.field().len() + rel.len() + 8);
        p.push_str(self.spec_path);
        push_container(&mut p, self.kind, self.index);
        // Most paths are plain dotted keys, which go in as written.
        if is_plain_path(rel) {
            p.push('.');
            p.push_str(rel);
        } else {
            push_path(&mut p, rel);
        }
        p
    }
}

/// Appends `.containers[2]` (or the init or ephemeral list) to the path of a pod spec.
pub fn push_container(path: &mut String, kind: ContainerKind, index: usize) {
    path.push('.');
    path.push_str(kind.field());
    push_index(path, index);
}

/// Whether `rel` is non-empty dotted keys that need no quoting: no empty step, no index, no
/// character that [`rampart_document::push_key`] would quote.
fn is_plain_path(rel: &str) -> bool {
    // A leading dot reads as an empty first step.
    let mut previous = b'.';
    for &b in rel.as_bytes() {
        if matches!(b, b'[' | b']' | b'"' | b'/') || (b == b'.' && previous == b'.') {
            return false;
        }
        previous = b;
    }
    previous != b'.'
}

/// A container as messages name it: `init container "x"`.
#[derive(Clone, Copy, Debug)]
pub struct Described<'a> {
    kind: ContainerKind,
    name: &'a str,
}

impl<'a> Described<'a> {
    /// A container of `kind` named `name`, as messages name it.
    pub fn new(kind: ContainerKind, name: &'a str) -> Described<'a> {
        Described { kind, name }
    }

    /// Writes the text to `out` (see [`Container::says`]).
    pub fn write_to<W: std::fmt::Write>(self, out: &mut W) -> std::fmt::Result {
        out.write_str(self.kind.noun())?;
        out.write_str(" \"")?;
        out.write_str(self.name)?;
        out.write_str("\"")
    }
}

impl std::fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// The path step by step, as `Container::field` writes any path it does not take whole.
    fn stepwise(prefix: &str, rel: &str) -> String {
        let mut p = prefix.to_string();
        push_path(&mut p, rel);
        p
    }

    #[test]
    fn container_fields_taken_whole_match_the_stepwise_path() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n\
                    spec:\n  template:\n    spec:\n      containers:\n      - {name: a}\n      - {name: b}\n";
        let docs = rampart_document::parse_str(text, &rampart_document::Limits::default());
        let root = docs.into_iter().next().unwrap().unwrap().root;
        let object = Object::from_node(&Arc::from("t.yaml"), String::new(), root).unwrap();
        let w = Workload::from_object(&object).unwrap();
        let c = w.containers().nth(1).unwrap();
        let prefix = "spec.template.spec.containers[1]";
        for rel in [
            "",
            "image",
            "resources.limits.cpu",
            "securityContext.capabilities.drop",
            "env[2].value",
            "resources.limits[\"nvidia.com/gpu\"]",
            "a..b",
            ".a",
            "a.",
            "volumeMounts[0].readOnly",
        ] {
            assert_eq!(c.field(rel), stepwise(prefix, rel), "{rel:?}");
        }
        assert!(is_plain_path("resources.limits.cpu"));
        for rel in ["", ".", "a..b", ".a", "a.", "env[0]", "x/y", "a\"b"] {
            assert!(!is_plain_path(rel), "{rel:?}");
        }
    }
}
