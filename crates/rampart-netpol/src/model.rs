//! The engine's input: namespaces, workloads (the endpoints), policies, Services and Ingresses.

use std::collections::BTreeMap;
use std::sync::Arc;

use rampart_document::{join_key, Node, Pos};

use crate::labels::{labels_of, Labels};
use crate::policy::NetworkPolicy;
use crate::ports::Protocol;
use crate::Problem;

/// The label the API server puts on every namespace, holding its name.
pub const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// A workload's pods as one endpoint: every pod of a Deployment, StatefulSet… shares its
/// template's labels and ports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
    pub namespace: String,
    pub name: String,
    /// `Deployment`, `Pod`, …
    pub kind: String,
    /// The pod labels (shared with the inventory that read them).
    pub labels: Arc<Labels>,
    /// Declared container ports (for named ports).
    pub ports: Vec<ContainerPort>,
    /// `hostNetwork: true`: policies neither isolate nor select these pods.
    pub host_network: bool,
}

impl Workload {
    /// `namespace/name[Kind]`.
    pub fn display_name(&self) -> String {
        format!("{}/{}[{}]", self.namespace, self.name, self.kind)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContainerPort {
    pub name: Option<String>,
    pub port: u16,
    pub protocol: Protocol,
}

/// A Service: which pods it selects and how its ports map to theirs.
#[derive(Clone, Debug)]
pub struct Service {
    pub namespace: String,
    pub name: String,
    pub pos: Pos,
    /// `spec.selector`; `None` for a Service without one (its endpoints are managed by hand).
    pub selector: Option<Labels>,
    pub ports: Vec<ServicePort>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicePort {
    pub name: Option<String>,
    pub port: u16,
    pub protocol: Protocol,
    pub target: TargetPort,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TargetPort {
    Number(u16),
    /// A container port name of the selected pods.
    Name(String),
}

impl Service {
    pub fn parse(namespace: &str, name: &str, node: &Node) -> (Service, Vec<Problem>) {
        let mut problems = Vec::new();
        let spec = node.get("spec");
        let selector = spec
            .and_then(|s| s.get("selector"))
            .map(|s| labels_of(Some(s)))
            .filter(|s| !s.is_empty());
        let mut ports = Vec::new();
        for (i, p) in spec
            .and_then(|s| s.get("ports"))
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let path = format!("spec.ports[{i}]");
            let Some(port) = p
                .get("port")
                .and_then(Node::as_i64)
                .and_then(|n| u16::try_from(n).ok())
                .filter(|n| *n > 0)
            else {
                problems.push(Problem::error(
                    p.pos,
                    &join_key(&path, "port"),
                    "a Service port needs a number from 1 to 65535",
                ));
                continue;
            };
            let protocol = match p.get("protocol") {
                None => Protocol::Tcp,
                Some(n) => match n.as_str().and_then(Protocol::parse) {
                    Some(proto) => proto,
                    None => {
                        problems.push(Problem::error(
                            n.pos,
                            &join_key(&path, "protocol"),
                            format!("protocol {}: expected TCP, UDP or SCTP", n.to_json()),
                        ));
                        continue;
                    }
                },
            };
            // targetPort defaults to port.
            let target = match p.get("targetPort") {
                None => TargetPort::Number(port),
                Some(t) => match (t.as_i64(), t.as_str()) {
                    (Some(n), _) => match u16::try_from(n).ok().filter(|n| *n > 0) {
                        Some(n) => TargetPort::Number(n),
                        None => {
                            problems.push(Problem::error(
                                t.pos,
                                &join_key(&path, "targetPort"),
                                format!("targetPort {n} is outside 1-65535"),
                            ));
                            continue;
                        }
                    },
                    (None, Some(s)) => TargetPort::Name(s.to_string()),
                    _ => TargetPort::Number(port),
                },
            };
            ports.push(ServicePort {
                name: p.get("name").and_then(Node::as_str).map(str::to_string),
                port,
                protocol,
                target,
            });
        }
        (
            Service {
                namespace: namespace.to_string(),
                name: name.to_string(),
                pos: node.pos,
                selector,
                ports,
            },
            problems,
        )
    }

    pub fn selects(&self, w: &Workload) -> bool {
        w.namespace == self.namespace
            && self
                .selector
                .as_ref()
                .is_some_and(|s| s.iter().all(|(k, v)| w.labels.get(k) == Some(v)))
    }
}

/// An Ingress: the Services it sends outside traffic to.
#[derive(Clone, Debug)]
pub struct Ingress {
    pub namespace: String,
    pub name: String,
    pub pos: Pos,
    pub backends: Vec<Backend>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backend {
    pub service: String,
    pub port: BackendPort,
    pub path: String,
    pub pos: Pos,
}

/// How a backend names the Service port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendPort {
    Number(u16),
    Name(String),
}

impl Ingress {
    /// Reads `networking.k8s.io/v1` backends (`service.name`, `service.port.number|name`) and
    /// the older `serviceName`/`servicePort` form; resource backends lead to no workload.
    pub fn parse(namespace: &str, name: &str, node: &Node) -> Ingress {
        let mut backends = Vec::new();
        let spec = node.get("spec");
        let mut add = |b: &Node, path: String| {
            let (service, port) = if let Some(s) = b.get("service") {
                let port = s.get("port");
                let port = match (
                    port.and_then(|p| p.get("number")).and_then(Node::as_i64),
                    port.and_then(|p| p.get("name")).and_then(Node::as_str),
                ) {
                    (Some(n), _) => u16::try_from(n).ok().map(BackendPort::Number),
                    (None, Some(n)) => Some(BackendPort::Name(n.to_string())),
                    _ => None,
                };
                (s.get("name").and_then(Node::as_str), port)
            } else {
                let port = b
                    .get("servicePort")
                    .and_then(|p| match (p.as_i64(), p.as_str()) {
                        (Some(n), _) => u16::try_from(n).ok().map(BackendPort::Number),
                        (None, Some(s)) => Some(BackendPort::Name(s.to_string())),
                        _ => None,
                    });
                (b.get("serviceName").and_then(Node::as_str), port)
            };
            if let (Some(service), Some(port)) = (service, port) {
                backends.push(Backend {
                    service: service.to_string(),
                    port,
                    path,
                    pos: b.pos,
                });
            }
        };
        for key in ["defaultBackend", "backend"] {
            if let Some(b) = spec.and_then(|s| s.get(key)) {
                add(b, join_key("spec", key));
            }
        }
        for (i, rule) in spec
            .and_then(|s| s.get("rules"))
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            for (j, p) in rule
                .path(&["http", "paths"])
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .enumerate()
            {
                if let Some(b) = p.get("backend") {
                    add(b, format!("spec.rules[{i}].http.paths[{j}].backend"));
                }
            }
        }
        Ingress {
            namespace: namespace.to_string(),
            name: name.to_string(),
            pos: node.pos,
            backends,
        }
    }
}

/// Everything the engine reasons about.
#[derive(Clone, Debug, Default)]
pub struct Network {
    /// Namespace name → labels. Namespaces only named by workloads or policies may be
    /// missing: the engine adds them, and the automatic `kubernetes.io/metadata.name` label to
    /// every namespace.
    pub namespaces: BTreeMap<String, Labels>,
    pub workloads: Vec<Workload>,
    pub policies: Vec<NetworkPolicy>,
    pub services: Vec<Service>,
    pub ingresses: Vec<Ingress>,
}
