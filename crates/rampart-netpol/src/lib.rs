//! NetworkPolicy reachability between workloads, exact to Kubernetes semantics.
//!
//! Input: a [`Network`] of namespaces, workloads (each seen as its pod template: labels and
//! container ports), [`NetworkPolicy`]s read from their documents with the API server's
//! defaulting and validation, Services and Ingresses. [`Analysis`] answers which connections
//! are allowed:
//!
//! - a connection is allowed iff the source's egress side and the destination's ingress side
//!   both allow it; a side that no policy isolates (per direction, by the effective
//!   `policyTypes`) allows everything; allows of all policies are unioned;
//! - `podSelector` and `namespaceSelector` in one peer are ANDed; separate peers are ORed; a
//!   missing `from`/`to` or `ports` means everything;
//! - named ports resolve against the destination pod's container ports (name and protocol);
//! - addresses outside the cluster are ranges cut at every `cidr` and `except` of the
//!   policies; for them only the pod side is judged. `ipBlock` never matches a pod (as on AKS
//!   with Azure CNI powered by Cilium, and as np-guard's analyzer reads it): manifests carry no
//!   pod addresses, and selectors are the way to allow in-cluster peers;
//! - `hostNetwork` pods are neither isolated nor selected, and are reported apart;
//! - self connections and node-to-pod traffic are always allowed and not listed.

pub mod addr;
pub mod labels;
pub mod model;
pub mod policy;
pub mod ports;
pub mod reach;

use std::fmt;

use rampart_document::Pos;

pub use addr::{Family, IpRange};
pub use labels::{Labels, Selector};
pub use model::{
    Backend, BackendPort, ContainerPort, Ingress, Network, Service, ServicePort, TargetPort,
    Workload, NAMESPACE_NAME_LABEL,
};
pub use policy::{Direction, IpBlock, NetworkPolicy, Peer, PeerTarget, PortRule, PortSpec, Rule};
pub use ports::{ConnSet, PortSet, Protocol};
pub use reach::{Analysis, Edge, Endpoint, Reachability};

/// How bad a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The API server would reject the object: it is left out of the analysis.
    Error,
    /// Accepted, but probably not what was meant.
    Warning,
}

/// Something wrong in an object, at a path relative to the object and its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub level: Level,
    pub pos: Pos,
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn error(pos: Pos, path: &str, message: impl Into<String>) -> Problem {
        Problem {
            level: Level::Error,
            pos,
            path: path.to_string(),
            message: message.into(),
        }
    }

    pub fn warning(pos: Pos, path: &str, message: impl Into<String>) -> Problem {
        Problem {
            level: Level::Warning,
            pos,
            path: path.to_string(),
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
