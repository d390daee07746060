//! The pod as PSA sees it, and the ways checks walk it.
//!
//! Scalars of the wrong type (`privileged: "true"`, `runAsUser: "0"`) are read fail-closed:
//! the API server could not decode them, so the object would never be admitted, and a scanner
//! must not call input it cannot interpret safe. A structure of the wrong type (a string where a
//! list or object belongs) reads as absent, as an unset Go field would.

use rampart_document::{dotted_keys, push_index, Entry, Node, Pos};

/// The pod as PSA sees it: `metadata` (for annotations) and `spec`. For a workload the caller
/// passes the template's metadata and spec, and adds the template's own path in front of every
/// violation path.
#[derive(Clone, Copy, Debug)]
pub struct PodView<'a> {
    pub metadata: Option<&'a Node>,
    pub spec: &'a Node,
    /// The init, regular and ephemeral container lists, looked up once: every check walks
    /// them.
    lists: [&'a [Node]; 3],
}

/// Kinds whose pod lives in `spec.template`.
const TEMPLATE_KINDS: [&str; 7] = [
    "Deployment",
    "DaemonSet",
    "StatefulSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
    "PodTemplate",
];

impl<'a> PodView<'a> {
    pub fn new(metadata: Option<&'a Node>, spec: &'a Node) -> PodView<'a> {
        PodView {
            metadata,
            spec,
            lists: CONTAINER_LISTS.map(|list| items(spec.get(list))),
        }
    }

    /// Finds the pod inside a Kubernetes object: a Pod itself, the template of a workload, or
    /// the job template's pod template of a CronJob. Also returns the path of the pod within
    /// the object (`""`, `"spec.template."`, `"spec.jobTemplate.spec.template."`, or
    /// `"template."` for a PodTemplate) so violation paths can be made absolute.
    pub fn from_object(object: &'a Node) -> Option<(PodView<'a>, &'static str)> {
        let kind = object.get("kind").and_then(Node::as_str)?;
        let (pod, prefix) = match kind {
            "Pod" => (object, ""),
            "PodTemplate" => (object.get("template")?, "template."),
            "CronJob" => (
                object.path(&["spec", "jobTemplate", "spec", "template"])?,
                "spec.jobTemplate.spec.template.",
            ),
            k if TEMPLATE_KINDS.contains(&k) => {
                (object.path(&["spec", "template"])?, "spec.template.")
            }
            _ => return None,
        };
        let spec = pod.get("spec")?;
        Some((PodView::new(pod.get("metadata"), spec), prefix))
    }

    pub(crate) fn annotations(&self) -> &'a [Entry] {
        self.metadata
            .and_then(|m| m.get("annotations"))
            .map_or(&[], Node::entries)
    }

    pub(crate) fn security_context(&self) -> Option<&'a Node> {
        self.spec.get("securityContext")
    }

    /// Init, regular, then ephemeral containers: PSA checks all three, in that order.
    pub(crate) fn containers(&self) -> impl Iterator<Item = Container<'a>> + 'a {
        CONTAINER_LISTS
            .into_iter()
            .zip(self.lists)
            .flat_map(move |(list, nodes)| {
                nodes
                    .iter()
                    .enumerate()
                    .map(move |(index, node)| Container { list, index, node })
            })
    }

    /// The pod level, then every container: for rules that read the same field at both.
    pub(crate) fn sites(&self) -> impl Iterator<Item = Site<'a>> + 'a {
        std::iter::once(Site::Pod(self.spec)).chain(self.containers().map(Site::Container))
    }

    /// `spec.hostUsers: false`, the user-namespace opt-in. Only an explicit boolean `false`
    /// counts: unset means the pod shares the host's users.
    pub(crate) fn in_user_namespace(&self) -> bool {
        self.spec.get("hostUsers").and_then(Node::as_bool) == Some(false)
    }

    /// `spec.os.name: windows`, matched exactly.
    pub(crate) fn is_windows(&self) -> bool {
        self.spec.path(&["os", "name"]).and_then(Node::as_str) == Some("windows")
    }
}

const CONTAINER_LISTS: [&str; 3] = ["initContainers", "containers", "ephemeralContainers"];

/// One container and where it sits in the pod spec.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Container<'a> {
    list: &'static str,
    index: usize,
    pub(crate) node: &'a Node,
}

impl<'a> Container<'a> {
    pub(crate) fn name(&self) -> &'a str {
        self.node.get("name").and_then(Node::as_str).unwrap_or("")
    }

    pub(crate) fn security_context(&self) -> Option<&'a Node> {
        self.node.get("securityContext")
    }

    /// `spec.containers[0].` + `rest`. With room for the template prefix (`spec.template.`)
    /// that a workload's caller puts in front, so that needs no second allocation.
    pub(crate) fn path(&self, rest: &str) -> String {
        let mut p = String::with_capacity(self.list.len() + rest.len() + 48);
        p.push_str("spec.");
        p.push_str(self.list);
        push_index(&mut p, self.index);
        p.push('.');
        p.push_str(rest);
        p
    }

    /// How a message names the container.
    pub(crate) fn describe(&self) -> String {
        self.says(&[])
    }

    /// A message: how it names the container, then `rest`, in one string.
    pub(crate) fn says(&self, rest: &[&str]) -> String {
        let name = self.name();
        let len = rest.iter().map(|r| r.len()).sum::<usize>();
        let mut s = String::with_capacity(name.len() + 12 + len);
        match name {
            "" => {
                s.push_str("container spec.");
                s.push_str(self.list);
                push_index(&mut s, self.index);
            }
            // Debug quoting leaves these characters alone (container names are DNS labels).
            name if name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')) =>
            {
                s.push_str("container \"");
                s.push_str(name);
                s.push('"');
            }
            name => {
                use std::fmt::Write;
                let _ = write!(s, "container {name:?}");
            }
        }
        for r in rest {
            s.push_str(r);
        }
        s
    }
}

/// Where a pod-or-container field lives: the pod spec or one container.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Site<'a> {
    Pod(&'a Node),
    Container(Container<'a>),
}

impl<'a> Site<'a> {
    /// The node `securityContext` hangs from.
    pub(crate) fn node(&self) -> &'a Node {
        match self {
            Site::Pod(spec) => spec,
            Site::Container(c) => c.node,
        }
    }

    pub(crate) fn security_context(&self) -> Option<&'a Node> {
        self.node().get("securityContext")
    }

    pub(crate) fn path(&self, rest: &str) -> String {
        match self {
            Site::Pod(_) => ["spec.", rest].concat(),
            Site::Container(c) => c.path(rest),
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Site::Pod(_) => "pod".to_string(),
            Site::Container(c) => c.describe(),
        }
    }
}

/// Items of an optional list; absent or not a list reads as empty.
pub(crate) fn items(node: Option<&Node>) -> &[Node] {
    node.map_or(&[], Node::items)
}

/// Position of the field at the dotted `path` under `base` (`securityContext.capabilities.drop`):
/// its key when present, otherwise the key of the deepest ancestor that exists (or `base`
/// itself), so a finding about a missing field points at where it belongs.
pub(crate) fn locate(base: &Node, path: &str) -> Pos {
    let mut node = base;
    let mut pos = base.pos;
    for key in dotted_keys(path) {
        match node.entry(key) {
            Some(e) if !e.value.is_null() => {
                pos = e.key_pos;
                node = &e.value;
            }
            _ => break,
        }
    }
    pos
}

/// A boolean that must be unset or `false`: anything else counts as set.
pub(crate) fn set_true(node: Option<&Node>) -> bool {
    node.is_some_and(|n| n.as_bool() != Some(false))
}

/// A string that must be unset or empty: anything else (including a non-string) is non-empty.
pub(crate) fn non_empty(node: Option<&Node>) -> bool {
    node.is_some_and(|n| n.as_str() != Some(""))
}

/// The value as a message shows it: strings quoted, other scalars as JSON.
pub(crate) fn shown(node: Option<&Node>) -> String {
    node.map_or_else(|| "null".to_string(), Node::to_json)
}

/// An annotation value the way Go decodes it into `map[string]string`: null becomes `""`;
/// a non-string has no string reading (and fails every allow-list).
pub(crate) fn annotation_value(node: &Node) -> Option<&str> {
    if node.is_null() {
        Some("")
    } else {
        node.as_str()
    }
}

/// False when a later entry of the same map has the same key: the last one wins, so an earlier
/// duplicate is not part of the object.
pub(crate) fn is_live(entries: &[Entry], i: usize) -> bool {
    let key = &entries[i].key;
    !entries[i + 1..].iter().any(|e| e.key == *key)
}
