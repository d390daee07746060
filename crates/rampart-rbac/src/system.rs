//! What a stock cluster ships: bootstrap roles and bindings, control-plane identities and AKS's
//! own objects. Findings about them are noise unless asked for (`--include-system`), because the
//! user neither wrote them nor can remove them.
//!
//! Excluded unless `--include-system`:
//! - roles and bindings named `system:*`, or labelled `kubernetes.io/bootstrapping=rbac-defaults`;
//! - the built-in ClusterRoles `cluster-admin`, `admin`, `edit`, `view` when unbound (never
//!   reported as unused);
//! - the ClusterRoleBinding of `cluster-admin` to the group `system:masters`;
//! - AKS-managed objects: ClusterRole `aks-service`, binding `aks-service-rolebinding`;
//! - subjects that are control-plane identities: users and groups named `system:*` (other than
//!   the broad groups `system:authenticated`, `system:unauthenticated`, `system:anonymous`,
//!   `system:serviceaccounts*`, which are always reported), and service accounts in
//!   `kube-system`.

use crate::model::{Binding, Role, Subject, SubjectKind};

const BOOTSTRAP_LABEL: (&str, &str) = ("kubernetes.io/bootstrapping", "rbac-defaults");

pub fn is_system_role(role: &Role) -> bool {
    role.id.name.starts_with("system:")
        || role.id.name == "aks-service"
        || role.labels.get(BOOTSTRAP_LABEL.0).map(String::as_str) == Some(BOOTSTRAP_LABEL.1)
}

pub fn is_system_binding(binding: &Binding) -> bool {
    binding.name.starts_with("system:")
        || binding.name == "aks-service-rolebinding"
        || binding.labels.get(BOOTSTRAP_LABEL.0).map(String::as_str) == Some(BOOTSTRAP_LABEL.1)
        || (binding.role_ref.name == "cluster-admin"
            && !binding.subjects.is_empty()
            && binding
                .subjects
                .iter()
                .all(|s| s.kind == SubjectKind::Group && s.name == "system:masters"))
}

/// Groups that stand for everyone (or every service account): always worth reporting.
pub fn is_broad_group(subject: &Subject) -> bool {
    match subject.kind {
        SubjectKind::Group => {
            matches!(
                subject.name.as_str(),
                "system:authenticated" | "system:unauthenticated" | "system:serviceaccounts"
            ) || subject.name.starts_with("system:serviceaccounts:")
        }
        SubjectKind::User => subject.name == "system:anonymous",
        SubjectKind::ServiceAccount => false,
    }
}

pub fn is_system_subject(subject: &Subject) -> bool {
    if is_broad_group(subject) {
        return false;
    }
    match subject.as_service_account() {
        Some((ns, _)) => ns == "kube-system",
        None => subject.name.starts_with("system:"),
    }
}
