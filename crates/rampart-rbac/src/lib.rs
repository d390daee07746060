//! Kubernetes RBAC, exact to the API server's authorizer: roles and ClusterRoles with
//! aggregation resolved, RoleBindings scoped to their namespace, ClusterRoleBindings, subjects
//! with the implicit groups of service accounts, wildcards, subresources, `resourceNames` and
//! non-resource URLs. On top: `who-can`, per-identity permissions, the risk catalog and
//! escalation paths.

mod builtin;
mod engine;
mod model;
mod paths;
mod request;
mod risk;
mod selector;
mod system;

pub use builtin::{builtin_role, BUILTIN, BUILTIN_NAMES};
pub use engine::{Allowed, Grant, Identity, Rbac, RbacBuilder, Scope, Via};
pub use model::{
    Binding, BindingKind, PolicyRule, ReadProblem, Role, RoleId, RoleKind, RoleRef, ServiceAccount,
    Source, SourcedRule, Subject, SubjectKind,
};
pub use paths::{escalation_paths, EscalationPath, Goal, PodIdentity, Step};
pub use request::{is_cluster_scoped, Names, Request};
pub use risk::{techniques, techniques_of_grants, wildcard_resources, wildcard_verbs, Technique};
pub use selector::{LabelSelector, Requirement};
pub use system::{is_broad_group, is_system_binding, is_system_role, is_system_subject};
