//! Kubernetes objects found in the input, with their identity and where they were written.

use std::sync::{Arc, OnceLock};

use rampart_document::{Entry, Node, Pos, Value};

use crate::finding::{Location, Resource};

/// One Kubernetes object: a document, or one item of a `List`.
#[derive(Debug, Clone)]
pub struct Object {
    pub file: Arc<str>,
    /// Path of the object inside its document: empty, or `items[3]` for a list item.
    pub base_path: String,
    pub node: Node,
    pub api_version: String,
    pub kind: String,
    /// The namespace as written (`metadata.namespace`).
    pub namespace: Option<String>,
    pub name: String,
    resource: OnceLock<Arc<Resource>>,
}

impl Object {
    /// Recognises a Kubernetes object: a mapping with string `apiVersion` and `kind`.
    pub fn from_node(file: &Arc<str>, base_path: String, node: Node) -> Result<Object, Node> {
        let (Some(api_version), Some(kind)) = (
            node.get("apiVersion").and_then(Node::as_str),
            node.get("kind").and_then(Node::as_str),
        ) else {
            return Err(node);
        };
        let meta = node.get("metadata");
        let text = |key: &str| meta.and_then(|m| m.get(key)).and_then(Node::as_str);
        let name = text("name")
            .or_else(|| text("generateName"))
            .unwrap_or("")
            .to_string();
        Ok(Object {
            api_version: api_version.to_string(),
            kind: kind.to_string(),
            // An empty namespace is unset, as kubectl and the API server read it.
            namespace: text("namespace")
                .filter(|ns| !ns.is_empty())
                .map(str::to_string),
            name,
            file: file.clone(),
            base_path,
            node,
            resource: OnceLock::new(),
        })
    }

    /// The namespace the object lands in: its own, or `default` for a namespaced kind applied
    /// without `-n`. Cluster-scoped kinds have none.
    pub fn effective_namespace(&self) -> Option<&str> {
        match &self.namespace {
            Some(ns) if !is_cluster_scoped(&self.kind) => Some(ns),
            None if is_namespaced(&self.kind) => Some("default"),
            _ => None,
        }
    }

    /// The object's identity, shared by all its findings (built once, on first use).
    pub fn resource(&self) -> Arc<Resource> {
        self.resource
            .get_or_init(|| {
                Arc::new(Resource {
                    api_version: self.api_version.clone(),
                    kind: self.kind.clone(),
                    namespace: self.effective_namespace().map(str::to_string),
                    name: self.name.clone(),
                })
            })
            .clone()
    }

    /// Drops what the API server writes back and no rule reads (`status`,
    /// `metadata.managedFields`), so objects kept for later joins stay small — a
    /// `kubectl get -o yaml` dump carries far more of it than of the object itself.
    pub fn drop_runtime_state(&mut self) {
        fn without(node: &mut Node, key: &str) {
            if let Value::Map(entries) = &mut node.value {
                if entries.iter().any(|e| &*e.key == key) {
                    let kept: Vec<Entry> = std::mem::take(entries)
                        .into_vec()
                        .into_iter()
                        .filter(|e| &*e.key != key)
                        .collect();
                    *entries = kept.into_boxed_slice();
                }
            }
        }
        without(&mut self.node, "status");
        if let Value::Map(entries) = &mut self.node.value {
            if let Some(meta) = entries.iter_mut().find(|e| &*e.key == "metadata") {
                without(&mut meta.value, "managedFields");
            }
        }
    }

    /// The API group of `apiVersion` (empty for the core group).
    pub fn group(&self) -> &str {
        self.api_version.rsplit_once('/').map_or("", |(g, _)| g)
    }

    pub fn metadata(&self) -> Option<&Node> {
        self.node.get("metadata")
    }

    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.metadata()?.get("annotations")?.get(key)?.as_str()
    }

    /// Full path inside the document of a path relative to the object.
    pub fn path(&self, rel: &str) -> String {
        match (self.base_path.is_empty(), rel.is_empty()) {
            (true, _) => rel.to_string(),
            (false, true) => self.base_path.clone(),
            (false, false) if rel.starts_with('[') => format!("{}{rel}", self.base_path),
            (false, false) => format!("{}.{rel}", self.base_path),
        }
    }

    /// A location for `rel`, at `pos` when the caller holds the node, or else at the key of the
    /// deepest part of the path that exists.
    pub fn location(&self, rel: impl Into<String>, pos: Option<Pos>) -> Location {
        let rel: String = rel.into();
        let pos = pos.unwrap_or_else(|| self.node.locate(&rel));
        Location {
            file: self.file.clone(),
            line: pos.line,
            column: pos.column,
            path: if self.base_path.is_empty() {
                rel
            } else {
                self.path(&rel)
            },
        }
    }
}

/// Kinds that exist only at cluster scope (a namespace written on them is ignored by the API).
pub fn is_cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "Namespace"
            | "Node"
            | "PersistentVolume"
            | "ClusterRole"
            | "ClusterRoleBinding"
            | "StorageClass"
            | "CustomResourceDefinition"
            | "ValidatingWebhookConfiguration"
            | "MutatingWebhookConfiguration"
            | "ValidatingAdmissionPolicy"
            | "ValidatingAdmissionPolicyBinding"
            | "MutatingAdmissionPolicy"
            | "MutatingAdmissionPolicyBinding"
            | "PriorityClass"
            | "IngressClass"
            | "APIService"
            | "CSIDriver"
            | "CSINode"
            | "RuntimeClass"
            | "PodSecurityPolicy"
            | "CertificateSigningRequest"
            | "VolumeAttachment"
            | "ClusterIssuer"
            | "ConstraintTemplate"
            | "ClusterPolicy"
            | "ClusterPolicyReport"
    )
}

/// Built-in kinds that are namespaced, so an unset namespace means `default`.
pub fn is_namespaced(kind: &str) -> bool {
    matches!(
        kind,
        "Pod"
            | "Deployment"
            | "ReplicaSet"
            | "StatefulSet"
            | "DaemonSet"
            | "Job"
            | "CronJob"
            | "ReplicationController"
            | "PodTemplate"
            | "Service"
            | "Endpoints"
            | "EndpointSlice"
            | "ConfigMap"
            | "Secret"
            | "ServiceAccount"
            | "Role"
            | "RoleBinding"
            | "NetworkPolicy"
            | "Ingress"
            | "PersistentVolumeClaim"
            | "HorizontalPodAutoscaler"
            | "PodDisruptionBudget"
            | "ResourceQuota"
            | "LimitRange"
            | "Lease"
            | "SecretProviderClass"
    )
}
