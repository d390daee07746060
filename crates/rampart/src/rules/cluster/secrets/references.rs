//! How a pod reads secrets: Kubernetes Secrets (env `secretKeyRef`, `envFrom.secretRef`,
//! `secret` and projected volumes, a CSI volume's `nodePublishSecretRef`) and Key Vault through
//! the Secrets Store CSI driver (a `csi` volume of driver `secrets-store.csi.k8s.io` naming a
//! SecretProviderClass). Kept per workload in the inventory, since the rules that use it join
//! workloads with the SecretProviderClasses of their namespace.

use rampart_document::{push_index, Node};

use crate::finding::Location;
use crate::workload::Workload;

/// The CSI driver name of the Secrets Store CSI driver.
pub const SECRETS_STORE_DRIVER: &str = "secrets-store.csi.k8s.io";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceTarget {
    /// A Kubernetes Secret.
    Secret,
    /// A SecretProviderClass (Secrets Store CSI driver).
    ProviderClass,
    /// A Kubernetes Secret holding the service principal a CSI volume authenticates with
    /// (`nodePublishSecretRef`).
    ProviderCredentials,
}

/// One place where a pod reads a Secret or a SecretProviderClass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretReference {
    pub target: ReferenceTarget,
    /// The Secret or SecretProviderClass name (same namespace as the pod).
    pub name: String,
    /// How, for messages: `env DB_PASSWORD of container "api"`, `volume "certs"`.
    pub via: String,
    /// Where the name is written.
    pub location: Location,
}

/// `list` + `[i].` + `rest`: the path of a field of one item of a list.
fn item_field(mut list: String, i: usize, rest: &str) -> String {
    list.reserve(rest.len() + 8);
    push_index(&mut list, i);
    list.push('.');
    list.push_str(rest);
    list
}

/// `head` then how messages name the container (`env DB_PASSWORD of container "api"`).
fn of_container(head: &[&str], c: crate::workload::Container) -> String {
    let mut s = String::with_capacity(64);
    for h in head {
        s.push_str(h);
    }
    let _ = c.describe().write_to(&mut s);
    s
}

fn text(node: Option<&Node>) -> Option<&str> {
    node.and_then(Node::as_str).filter(|s| !s.is_empty())
}

/// Every Secret and SecretProviderClass reference of the workload's pod, in spec order.
pub fn secret_references(w: &Workload) -> Vec<SecretReference> {
    let mut out = Vec::new();
    let object = w.object;
    let mut push = |target, name: &str, via: String, path: String, node: &Node| {
        out.push(SecretReference {
            target,
            name: name.to_string(),
            via,
            location: object.location(path, Some(node.pos)),
        });
    };
    for c in w.containers() {
        for (i, env) in c
            .node
            .get("env")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let Some(name_node) = env.path(&["valueFrom", "secretKeyRef", "name"]) else {
                continue;
            };
            let Some(secret) = text(Some(name_node)) else {
                continue;
            };
            let var = env.get("name").and_then(Node::as_str).unwrap_or("?");
            push(
                ReferenceTarget::Secret,
                secret,
                of_container(&["env ", var, " of "], c),
                item_field(c.field("env"), i, "valueFrom.secretKeyRef.name"),
                name_node,
            );
        }
        for (i, from) in c
            .node
            .get("envFrom")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let Some(name_node) = from.path(&["secretRef", "name"]) else {
                continue;
            };
            let Some(secret) = text(Some(name_node)) else {
                continue;
            };
            push(
                ReferenceTarget::Secret,
                secret,
                of_container(&["envFrom of "], c),
                item_field(c.field("envFrom"), i, "secretRef.name"),
                name_node,
            );
        }
    }
    let volumes = w.spec.get("volumes").map(Node::items).unwrap_or(&[]);
    for (i, volume) in volumes.iter().enumerate() {
        let vol = volume.get("name").and_then(Node::as_str).unwrap_or("?");
        let at = |rel: &str| item_field(w.spec_field("volumes"), i, rel);
        if let Some(n) = volume.path(&["secret", "secretName"]) {
            if let Some(secret) = text(Some(n)) {
                push(
                    ReferenceTarget::Secret,
                    secret,
                    ["volume \"", vol, "\""].concat(),
                    at("secret.secretName"),
                    n,
                );
            }
        }
        let sources = volume
            .path(&["projected", "sources"])
            .map(Node::items)
            .unwrap_or(&[]);
        for (j, source) in sources.iter().enumerate() {
            if let Some(n) = source.path(&["secret", "name"]) {
                if let Some(secret) = text(Some(n)) {
                    push(
                        ReferenceTarget::Secret,
                        secret,
                        ["projected volume \"", vol, "\""].concat(),
                        item_field(at("projected.sources"), j, "secret.name"),
                        n,
                    );
                }
            }
        }
        let Some(csi) = volume.get("csi") else {
            continue;
        };
        if let Some(n) = csi.path(&["nodePublishSecretRef", "name"]) {
            if let Some(secret) = text(Some(n)) {
                push(
                    ReferenceTarget::ProviderCredentials,
                    secret,
                    ["nodePublishSecretRef of CSI volume \"", vol, "\""].concat(),
                    at("csi.nodePublishSecretRef.name"),
                    n,
                );
            }
        }
        if text(csi.get("driver")) != Some(SECRETS_STORE_DRIVER) {
            continue;
        }
        if let Some(n) = csi.path(&["volumeAttributes", "secretProviderClass"]) {
            if let Some(class) = text(Some(n)) {
                push(
                    ReferenceTarget::ProviderClass,
                    class,
                    ["CSI volume \"", vol, "\""].concat(),
                    at("csi.volumeAttributes.secretProviderClass"),
                    n,
                );
            }
        }
    }
    out
}
