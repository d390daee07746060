//! The risky permissions: each technique is a set of requests that, granted together, give an
//! attacker a way up. A technique is checked against a set of rules (a role, or everything an
//! identity holds), so combinations that need two grants are found when both are present.

use std::sync::LazyLock;

use crate::engine::{Grant, Scope};
use crate::model::PolicyRule;
use crate::request::{Names, Request};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Technique {
    /// `*` verbs on `*` resources in `*` groups.
    FullWildcard,
    SecretsRead,
    EscalateOrBind,
    Impersonate,
    PodCreate,
    PodExec,
    PodPatch,
    NodesProxy,
    TokenRequest,
    SecretsCreate,
    CsrApprove,
    CsrSign,
    AdmissionWebhooks,
    PersistentVolumeCreate,
}

/// `(verbs, group, resource, subresource)`: any verb of the list on that resource.
type Probe = (
    &'static [&'static str],
    &'static str,
    &'static str,
    Option<&'static str>,
);

const WRITE: &[&str] = &["create", "update", "patch"];

impl Technique {
    pub const ALL: [Technique; 14] = [
        Technique::FullWildcard,
        Technique::SecretsRead,
        Technique::EscalateOrBind,
        Technique::Impersonate,
        Technique::PodCreate,
        Technique::PodExec,
        Technique::PodPatch,
        Technique::NodesProxy,
        Technique::TokenRequest,
        Technique::SecretsCreate,
        Technique::CsrApprove,
        Technique::CsrSign,
        Technique::AdmissionWebhooks,
        Technique::PersistentVolumeCreate,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Technique::FullWildcard => "full-wildcard",
            Technique::SecretsRead => "secrets-read",
            Technique::EscalateOrBind => "escalate-or-bind",
            Technique::Impersonate => "impersonate",
            Technique::PodCreate => "pod-create",
            Technique::PodExec => "pod-exec",
            Technique::PodPatch => "pod-patch",
            Technique::NodesProxy => "nodes-proxy",
            Technique::TokenRequest => "token-request",
            Technique::SecretsCreate => "secrets-create",
            Technique::CsrApprove => "csr-approve",
            Technique::CsrSign => "csr-sign",
            Technique::AdmissionWebhooks => "admission-webhooks",
            Technique::PersistentVolumeCreate => "persistent-volume-create",
        }
    }

    /// What holding the technique lets one do, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Technique::FullWildcard => "every verb on every resource (cluster-admin equivalent)",
            Technique::SecretsRead => "read secrets (get/list/watch), including service account tokens",
            Technique::EscalateOrBind => "escalate or bind roles: grant itself permissions it does not hold",
            Technique::Impersonate => "impersonate users, groups or service accounts",
            Technique::PodCreate => "create pods or pod controllers: run as any service account of the namespace, privileged if admission allows",
            Technique::PodExec => "exec, attach or port-forward into pods: act as their service accounts",
            Technique::PodPatch => "patch running pods: swap the image of a pod running as another service account",
            Technique::NodesProxy => "the kubelet API through nodes/proxy: exec into any pod on any node, unaudited",
            Technique::TokenRequest => "mint tokens for service accounts (serviceaccounts/token)",
            Technique::SecretsCreate => "create secrets: mint long-lived service account token secrets",
            Technique::CsrApprove => "approve certificate signing requests: issue client certificates for any user or group",
            Technique::CsrSign => "sign certificate signing requests as a signer",
            Technique::AdmissionWebhooks => "change admission webhooks and policies: see or rewrite every admitted object, or switch checks off",
            Technique::PersistentVolumeCreate => "create PersistentVolumes: a hostPath volume gives node file-system access",
        }
    }

    /// All-of groups of any-of probes.
    fn requirements(self) -> &'static [&'static [Probe]] {
        const RBAC: &str = "rbac.authorization.k8s.io";
        const CERTS: &str = "certificates.k8s.io";
        const ADMISSION: &str = "admissionregistration.k8s.io";
        match self {
            Technique::FullWildcard => &[],
            Technique::SecretsRead => &[&[(&["get", "list", "watch"], "", "secrets", None)]],
            Technique::EscalateOrBind => &[&[
                (&["escalate", "bind"], RBAC, "roles", None),
                (&["escalate", "bind"], RBAC, "clusterroles", None),
            ]],
            Technique::Impersonate => &[&[
                (&["impersonate"], "", "users", None),
                (&["impersonate"], "", "groups", None),
                (&["impersonate"], "", "serviceaccounts", None),
                (&["impersonate"], "authentication.k8s.io", "uids", None),
            ]],
            Technique::PodCreate => &[&[
                (&["create"], "", "pods", None),
                (WRITE, "apps", "deployments", None),
                (WRITE, "apps", "daemonsets", None),
                (WRITE, "apps", "statefulsets", None),
                (WRITE, "apps", "replicasets", None),
                (WRITE, "batch", "jobs", None),
                (WRITE, "batch", "cronjobs", None),
                (WRITE, "", "replicationcontrollers", None),
            ]],
            Technique::PodExec => &[&[
                (&["create", "get"], "", "pods", Some("exec")),
                (&["create", "get"], "", "pods", Some("attach")),
                (&["create", "get"], "", "pods", Some("portforward")),
            ]],
            Technique::PodPatch => &[&[
                (&["update", "patch"], "", "pods", None),
                (
                    &["update", "patch"],
                    "",
                    "pods",
                    Some("ephemeralcontainers"),
                ),
            ]],
            Technique::NodesProxy => &[&[(&["get", "create"], "", "nodes", Some("proxy"))]],
            Technique::TokenRequest => &[&[(&["create"], "", "serviceaccounts", Some("token"))]],
            Technique::SecretsCreate => &[&[(&["create"], "", "secrets", None)]],
            Technique::CsrApprove => &[
                &[(
                    &["update", "patch"],
                    CERTS,
                    "certificatesigningrequests",
                    Some("approval"),
                )],
                &[(&["approve"], CERTS, "signers", None)],
            ],
            Technique::CsrSign => &[
                &[(
                    &["update", "patch"],
                    CERTS,
                    "certificatesigningrequests",
                    Some("status"),
                )],
                &[(&["sign"], CERTS, "signers", None)],
            ],
            Technique::AdmissionWebhooks => &[&[
                (WRITE, ADMISSION, "mutatingwebhookconfigurations", None),
                (WRITE, ADMISSION, "validatingwebhookconfigurations", None),
                (WRITE, ADMISSION, "validatingadmissionpolicies", None),
                (WRITE, ADMISSION, "validatingadmissionpolicybindings", None),
                (WRITE, ADMISSION, "mutatingadmissionpolicies", None),
                (WRITE, ADMISSION, "mutatingadmissionpolicybindings", None),
            ]],
            Technique::PersistentVolumeCreate => &[&[(&["create"], "", "persistentvolumes", None)]],
        }
    }

    /// Whether limiting the grant with `resourceNames` is the recommended mitigation (bind only
    /// the roles one hands out, impersonate named low-privilege identities, approve for one
    /// signer, edit one's own webhook, read the named secrets). For the others a named grant
    /// keeps the danger: `nodes/proxy` on one node still execs into every pod on it.
    fn names_mitigate(self) -> bool {
        matches!(
            self,
            Technique::EscalateOrBind
                | Technique::Impersonate
                | Technique::CsrApprove
                | Technique::CsrSign
                | Technique::AdmissionWebhooks
                | Technique::SecretsRead
        )
    }

    /// Whether `rules` (granted at cluster scope when `cluster`, else through a RoleBinding)
    /// together hold this technique. Grants limited by `resourceNames` count only where the
    /// limit does not mitigate (see [`Technique::names_mitigate`]).
    pub fn held_by<'r>(
        self,
        rules: impl IntoIterator<Item = &'r PolicyRule> + Clone,
        cluster: bool,
    ) -> bool {
        if self == Technique::FullWildcard {
            return rules.into_iter().any(PolicyRule::is_full_wildcard);
        }
        let names = if self.names_mitigate() {
            Names::Exact
        } else {
            Names::Any
        };
        self.requests().iter().all(|group| {
            group.iter().any(|request| {
                if !cluster && request.is_cluster_scoped() {
                    return false;
                }
                rules
                    .clone()
                    .into_iter()
                    .any(|rule| rule.allows(request, names))
            })
        })
    }

    /// [`Technique::requirements`] as requests, built once: every identity's grants are
    /// checked against them. Each group lists the requests any one of which meets it.
    fn requests(self) -> &'static [Vec<Request>] {
        static REQUESTS: LazyLock<Vec<Vec<Vec<Request>>>> = LazyLock::new(|| {
            Technique::ALL
                .iter()
                .map(|t| {
                    t.requirements()
                        .iter()
                        .map(|group| {
                            group
                                .iter()
                                .flat_map(|(verbs, g, r, sub)| {
                                    verbs.iter().map(move |v| Request::resource(v, g, r, *sub))
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect()
        });
        let i = Technique::ALL
            .iter()
            .position(|&t| t == self)
            .expect("Technique::ALL lists every technique");
        &REQUESTS[i]
    }
}

/// Every technique `rules` hold.
pub fn techniques<'r>(
    rules: impl IntoIterator<Item = &'r PolicyRule> + Clone,
    cluster: bool,
) -> Vec<Technique> {
    Technique::ALL
        .into_iter()
        .filter(|t| t.held_by(rules.clone(), cluster))
        .collect()
}

/// The techniques an identity's grants allow together (some need several rules at once, such
/// as CSR approval or bind plus writing bindings): cluster-wide grants and namespaced grants
/// each judged as a whole. Sorted, each once.
pub fn techniques_of_grants(grants: &[Grant]) -> Vec<Technique> {
    let mut held = Vec::new();
    for cluster in [true, false] {
        let rules = grants
            .iter()
            .filter(|g| (g.scope == Scope::Cluster) == cluster)
            .map(|g| &g.rule.rule);
        held.extend(techniques(rules, cluster));
    }
    held.sort();
    held.dedup();
    held
}

/// Whether any `verbs` / `resources` / `apiGroups` entry is `*`.
pub fn wildcard_verbs(rule: &PolicyRule) -> bool {
    rule.verbs.iter().any(|v| v == "*")
}

pub fn wildcard_resources(rule: &PolicyRule) -> bool {
    rule.resources.iter().any(|v| v == "*") || rule.api_groups.iter().any(|v| v == "*")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::rule;

    #[test]
    fn csr_approval_needs_both_grants() {
        let approval = rule(
            &["certificates.k8s.io"],
            &["certificatesigningrequests/approval"],
            &["update"],
        );
        let signers = rule(&["certificates.k8s.io"], &["signers"], &["approve"]);
        assert!(!Technique::CsrApprove.held_by([&approval], true));
        assert!(Technique::CsrApprove.held_by([&approval, &signers], true));
        assert!(
            !Technique::CsrApprove.held_by([&approval, &signers], false),
            "cluster-scoped: inert through a RoleBinding"
        );
    }

    #[test]
    fn pod_creation_through_controllers_and_wildcards() {
        assert!(
            Technique::PodCreate.held_by([&rule(&["apps"], &["deployments"], &["patch"])], false)
        );
        assert!(Technique::PodCreate.held_by([&rule(&["*"], &["*"], &["create"])], false));
        assert!(!Technique::PodCreate.held_by([&rule(&[""], &["pods"], &["get", "list"])], false));
        assert!(
            !Technique::PodExec.held_by([&rule(&[""], &["pods"], &["*"])], false),
            "pods does not cover pods/exec"
        );
    }

    #[test]
    fn bind_on_clusterroles_works_through_a_rolebinding_and_names_limit_it() {
        let grantor = rule(&["rbac.authorization.k8s.io"], &["clusterroles"], &["bind"]);
        assert!(
            Technique::EscalateOrBind.held_by([&grantor], false),
            "RoleBind cluster-admin in the namespace"
        );
        let escalate = rule(
            &["rbac.authorization.k8s.io"],
            &["clusterroles"],
            &["escalate"],
        );
        assert!(
            !Technique::EscalateOrBind.held_by([&escalate], false),
            "escalate on ClusterRoles needs cluster scope"
        );
        let mut named = grantor.clone();
        named.resource_names = vec!["view".into()];
        assert!(!Technique::EscalateOrBind.held_by([&named], true));
    }

    #[test]
    fn nodes_proxy_get_counts() {
        assert!(Technique::NodesProxy.held_by([&rule(&[""], &["nodes/proxy"], &["get"])], true));
        let proxy = rule(&[""], &["nodes/proxy"], &["get"]);
        assert!(
            !Technique::NodesProxy.held_by([&proxy], false),
            "inert through a RoleBinding"
        );
        let pods = rule(&[""], &["pods"], &["create"]);
        assert!(Technique::PodCreate.held_by([&pods], false));
    }
}
