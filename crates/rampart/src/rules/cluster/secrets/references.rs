//! How a pod reads secrets: Kubernetes Secrets (env `secretKeyRef`, `envFrom.secretRef`,
//! `secret` and projected volumes, a CSI volume's `nodePublishSecretRef`) and Key Vault through
//! the Secrets Store CSI driver (a `csi` volume of driver `secrets-store.csi.k8s.io` naming a
//! SecretProviderClass). Kept per workload in the inventory, since the rules that use it join
//! workloads with the SecretProviderClasses of their namespace.

use rampart_document::{push_index, Node, Pos};

use crate::finding::Location;
use crate::inventory::WorkloadFacts;
use crate::workload::{push_container, Container, ContainerKind, Described, Workload};

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

/// One place where a pod reads a Secret or a SecretProviderClass. The inventory keeps every
/// reference of every workload, so where it is written is kept compact; [`SecretReference::via`]
/// and [`SecretReference::location`] spell it out for a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretReference {
    pub target: ReferenceTarget,
    /// The Secret or SecretProviderClass name (same namespace as the pod).
    pub name: Box<str>,
    place: Place,
    /// Where the name is written.
    pos: Pos,
}

/// Where in the pod spec a reference is written.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    /// `env[env].valueFrom.secretKeyRef.name` of a container; `var` is the variable's name.
    Env {
        container: ContainerAt,
        env: usize,
        var: Box<str>,
    },
    /// `envFrom[index].secretRef.name` of a container.
    EnvFrom {
        container: ContainerAt,
        index: usize,
    },
    /// A field of `volumes[index]`, the volume named `volume`.
    Volume {
        index: usize,
        volume: Box<str>,
        field: VolumeField,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct ContainerAt {
    kind: ContainerKind,
    index: usize,
    name: Box<str>,
}

impl ContainerAt {
    fn of(c: &Container) -> ContainerAt {
        ContainerAt {
            kind: c.kind,
            index: c.index,
            name: c.name().into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VolumeField {
    /// `secret.secretName`
    Secret,
    /// `projected.sources[i].secret.name`
    Projected(usize),
    /// `csi.nodePublishSecretRef.name`
    CsiCredentials,
    /// `csi.volumeAttributes.secretProviderClass`
    CsiClass,
}

impl SecretReference {
    /// How, for messages: `env DB_PASSWORD of container "api"`, `volume "certs"`.
    pub fn via(&self) -> String {
        let mut s = String::with_capacity(64);
        let (head, container) = match &self.place {
            Place::Env { container, var, .. } => {
                s.push_str("env ");
                s.push_str(var);
                (" of ", container)
            }
            Place::EnvFrom { container, .. } => ("envFrom of ", container),
            Place::Volume { volume, field, .. } => {
                s.push_str(match field {
                    VolumeField::Secret => "volume \"",
                    VolumeField::Projected(_) => "projected volume \"",
                    VolumeField::CsiCredentials => "nodePublishSecretRef of CSI volume \"",
                    VolumeField::CsiClass => "CSI volume \"",
                });
                s.push_str(volume);
                s.push('"');
                return s;
            }
        };
        s.push_str(head);
        let _ = Described::new(container.kind, &container.name).write_to(&mut s);
        s
    }

    /// Where the name is written, in the workload `w` it was read from.
    pub fn location(&self, w: &WorkloadFacts) -> Location {
        let mut p = w.spec_path_in_document(64);
        match &self.place {
            Place::Env { container, env, .. } => {
                push_container(&mut p, container.kind, container.index);
                p.push_str(".env");
                push_index(&mut p, *env);
                p.push_str(".valueFrom.secretKeyRef.name");
            }
            Place::EnvFrom { container, index } => {
                push_container(&mut p, container.kind, container.index);
                p.push_str(".envFrom");
                push_index(&mut p, *index);
                p.push_str(".secretRef.name");
            }
            Place::Volume { index, field, .. } => {
                p.push_str(".volumes");
                push_index(&mut p, *index);
                match field {
                    VolumeField::Secret => p.push_str(".secret.secretName"),
                    VolumeField::Projected(j) => {
                        p.push_str(".projected.sources");
                        push_index(&mut p, *j);
                        p.push_str(".secret.name");
                    }
                    VolumeField::CsiCredentials => p.push_str(".csi.nodePublishSecretRef.name"),
                    VolumeField::CsiClass => {
                        p.push_str(".csi.volumeAttributes.secretProviderClass")
                    }
                }
            }
        }
        Location {
            file: w.location.file.clone(),
            line: self.pos.line,
            column: self.pos.column,
            path: p,
        }
    }
}

fn text(node: Option<&Node>) -> Option<&str> {
    node.and_then(Node::as_str).filter(|s| !s.is_empty())
}

/// Every Secret and SecretProviderClass reference of the workload's pod, in spec order.
pub fn secret_references(w: &Workload) -> Vec<SecretReference> {
    let mut out = Vec::new();
    let mut push = |target, name: &str, place: Place, node: &Node| {
        out.push(SecretReference {
            target,
            name: name.into(),
            place,
            pos: node.pos,
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
                Place::Env {
                    container: ContainerAt::of(&c),
                    env: i,
                    var: var.into(),
                },
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
                Place::EnvFrom {
                    container: ContainerAt::of(&c),
                    index: i,
                },
                name_node,
            );
        }
    }
    let volumes = w.spec.get("volumes").map(Node::items).unwrap_or(&[]);
    for (i, volume) in volumes.iter().enumerate() {
        let vol = volume.get("name").and_then(Node::as_str).unwrap_or("?");
        let at = |field| Place::Volume {
            index: i,
            volume: vol.into(),
            field,
        };
        if let Some(n) = volume.path(&["secret", "secretName"]) {
            if let Some(secret) = text(Some(n)) {
                push(ReferenceTarget::Secret, secret, at(VolumeField::Secret), n);
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
                        at(VolumeField::Projected(j)),
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
                    at(VolumeField::CsiCredentials),
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
                    at(VolumeField::CsiClass),
                    n,
                );
            }
        }
    }
    out
}
