//! Scenarios from the RBAC semantics, each with the answer written by hand.

use rampart_document::{parse_str, Limits};
use rampart_rbac::{
    escalation_paths, Goal, Identity, Names, PodIdentity, Rbac, RbacBuilder, Request, Source,
    SubjectKind,
};

/// Builds the RBAC state from a multi-document YAML string.
fn rbac(yaml: &str) -> Rbac {
    let mut b = RbacBuilder::default();
    for (i, doc) in parse_str(yaml, &Limits::default()).into_iter().enumerate() {
        let root = doc.expect("valid yaml").root;
        let api = root
            .get("apiVersion")
            .and_then(|n| n.as_str())
            .unwrap_or("");
        let group = api.rsplit_once('/').map_or("", |(g, _)| g);
        let kind = root
            .get("kind")
            .and_then(|n| n.as_str())
            .unwrap_or("")
            .to_string();
        let ns = root
            .path(&["metadata", "namespace"])
            .and_then(|n| n.as_str())
            .map(str::to_string);
        b.add(group, &kind, ns.as_deref(), &root, Source(i));
    }
    b.build()
}

/// `Kind ns/name via binding→role@where` lines, for compact expectations.
fn who(r: &Rbac, verb: &str, resource: &str, ns: Option<&str>, name: Option<&str>) -> Vec<String> {
    let req = Request::parse(verb, resource, name).unwrap();
    r.who_can(&req, ns)
        .into_iter()
        .map(|a| {
            let subject = match &a.subject.namespace {
                Some(ns) => format!("{} {ns}/{}", a.subject.kind.as_str(), a.subject.name),
                None => format!("{} {}", a.subject.kind.as_str(), a.subject.name),
            };
            let via: Vec<String> = a
                .via
                .iter()
                .map(|v| {
                    format!(
                        "{}→{}@{}",
                        v.binding,
                        v.role,
                        v.namespace.as_deref().unwrap_or("*")
                    )
                })
                .collect();
            format!("{subject} via {}", via.join(" "))
        })
        .collect()
}

const CLUSTER_ROLE_SECRETS: &str = r#"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list"]
  "#;

#[test]
fn rolebinding_to_clusterrole_is_scoped_to_its_namespace() {
    let r = rbac(&format!(
        "{CLUSTER_ROLE_SECRETS}\n---\n{}",
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-secrets, namespace: shop}
subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: secret-reader, apiGroup: rbac.authorization.k8s.io}"#
    ));
    assert_eq!(
        who(&r, "get", "secrets", Some("shop"), None),
        vec!["Group devs via RoleBinding/shop/read-secrets→ClusterRole/secret-reader@shop"]
    );
    assert!(who(&r, "get", "secrets", Some("billing"), None).is_empty());
    assert_eq!(
        who(&r, "list", "secrets", None, None).len(),
        1,
        "any namespace counts without -n"
    );
    assert!(who(&r, "delete", "secrets", Some("shop"), None).is_empty());
}

#[test]
fn rolebinding_cannot_grant_cluster_scoped_resources_except_its_namespace_object() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-and-ns}
rules:
- {apiGroups: [""], resources: ["nodes", "namespaces"], verbs: ["get", "patch"]}
- {nonResourceURLs: ["/metrics"], verbs: ["get"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
subjects: [{kind: User, name: alice@contoso.com}]
roleRef: {kind: ClusterRole, name: node-and-ns}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
subjects: [{kind: User, name: bob@contoso.com}]
roleRef: {kind: ClusterRole, name: node-and-ns}"#,
    );
    assert_eq!(
        who(&r, "get", "nodes", None, None),
        vec!["User bob@contoso.com via ClusterRoleBinding/crb→ClusterRole/node-and-ns@*"]
    );
    assert_eq!(
        who(&r, "get", "/metrics", None, None).len(),
        1,
        "only the ClusterRoleBinding grants non-resource URLs"
    );
    let patch_shop = who(&r, "patch", "namespaces", None, Some("shop"));
    assert_eq!(
        patch_shop.len(),
        2,
        "the Namespace object shop is namespaced to shop: {patch_shop:?}"
    );
    assert_eq!(
        who(&r, "patch", "namespaces", None, Some("billing")).len(),
        1
    );
}

#[test]
fn role_in_another_namespace_is_not_found_and_grants_nothing() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pods, namespace: dev}
rules: [{apiGroups: [""], resources: ["pods"], verbs: ["create"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pods, namespace: prod}
subjects: [{kind: Group, name: devs}]
roleRef: {kind: Role, name: pods}"#,
    );
    assert!(who(&r, "create", "pods", None, None).is_empty());
}

#[test]
fn aggregation_chains_resolve_transitively() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: top}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {tier: middle}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: middle, labels: {tier: middle}}
aggregationRule:
  clusterRoleSelectors:
  - matchExpressions: [{key: tier, operator: In, values: [bottom]}]
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: bottom, labels: {tier: bottom}}
rules: [{apiGroups: [""], resources: ["pods/exec"], verbs: ["create"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: unrelated, labels: {tier: other}}
rules: [{apiGroups: [""], resources: ["secrets"], verbs: ["get"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: top}
subjects: [{kind: Group, name: ops}]
roleRef: {kind: ClusterRole, name: top}"#,
    );
    assert_eq!(
        who(&r, "create", "pods/exec", Some("x"), None),
        vec!["Group ops via ClusterRoleBinding/top→ClusterRole/top@*"]
    );
    assert!(who(&r, "get", "secrets", Some("x"), None).is_empty());
    assert!(
        who(&r, "create", "pods", Some("x"), None).is_empty(),
        "pods/exec does not grant pods"
    );
}

#[test]
fn resource_names_only_match_named_requests() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: one-secret, namespace: shop}
rules: [{apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get", "list", "create"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: one-secret, namespace: shop}
subjects: [{kind: ServiceAccount, name: api}]
roleRef: {kind: Role, name: one-secret}"#,
    );
    assert_eq!(
        who(&r, "get", "secrets", Some("shop"), Some("db")),
        vec!["ServiceAccount shop/api via RoleBinding/shop/one-secret→Role/one-secret@shop"],
        "a ServiceAccount subject without a namespace takes the binding's"
    );
    assert!(who(&r, "get", "secrets", Some("shop"), Some("other")).is_empty());
    assert!(
        who(&r, "list", "secrets", Some("shop"), None).is_empty(),
        "list without a name"
    );
    assert!(
        who(&r, "create", "secrets", Some("shop"), None).is_empty(),
        "create carries no name"
    );
}

#[test]
fn service_accounts_get_their_implicit_groups_and_user_spelling() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: [{apiGroups: [""], resources: ["configmaps"], verbs: ["get"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: exec}
rules: [{apiGroups: [""], resources: ["pods/exec"], verbs: ["create"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: token}
rules: [{apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: all-sa-in-shop, namespace: shop}
subjects: [{kind: Group, name: "system:serviceaccounts:shop"}]
roleRef: {kind: ClusterRole, name: reader}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: every-sa}
subjects: [{kind: Group, name: "system:serviceaccounts"}]
roleRef: {kind: ClusterRole, name: exec}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: as-user}
subjects: [{kind: User, name: "system:serviceaccount:shop:api"}]
roleRef: {kind: ClusterRole, name: token}"#,
    );
    let api = Identity::service_account("shop", "api");
    let other = Identity::service_account("billing", "worker");
    let cm = Request::resource("get", "", "configmaps", None);
    let exec = Request::resource("create", "", "pods", Some("exec"));
    let token = Request::resource("create", "", "serviceaccounts", Some("token"));
    assert!(r.can(&api, &cm, Some("shop"), Names::Exact));
    assert!(!r.can(&other, &cm, Some("shop"), Names::Exact));
    assert!(r.can(&api, &exec, Some("kube-system"), Names::Exact));
    assert!(r.can(&other, &exec, Some("kube-system"), Names::Exact));
    assert!(
        r.can(&api, &token, Some("billing"), Names::Exact),
        "the user spelling equals the ServiceAccount"
    );
    assert!(!r.can(&other, &token, Some("billing"), Names::Exact));
    let user = Identity::user("alice");
    assert!(!r.can(&user, &exec, Some("shop"), Names::Exact));
    assert_eq!(r.grants(&api).len(), 3);
}

#[test]
fn builtin_cluster_admin_and_edit_are_known() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform-admins}
subjects: [{kind: Group, name: 6d1e2f3a-0000-4000-8000-000000000001}]
roleRef: {kind: ClusterRole, name: cluster-admin}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-edit, namespace: shop}
subjects: [{kind: Group, name: devs}]
roleRef: {kind: ClusterRole, name: edit}"#,
    );
    assert_eq!(
        who(
            &r,
            "escalate",
            "clusterroles.rbac.authorization.k8s.io",
            None,
            None
        )
        .len(),
        1
    );
    let secrets = who(&r, "get", "secrets", Some("shop"), None);
    assert_eq!(secrets.len(), 2, "{secrets:?}");
    assert!(
        who(
            &r,
            "create",
            "rolebindings.rbac.authorization.k8s.io",
            Some("shop"),
            None
        )
        .len()
            == 1,
        "edit cannot write bindings"
    );
}

#[test]
fn dangling_bindings_grant_nothing() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dangling}
subjects: [{kind: User, name: mallory}]
roleRef: {kind: ClusterRole, name: does-not-exist}"#,
    );
    assert!(who(&r, "get", "pods", None, None).is_empty());
    assert_eq!(r.bindings.len(), 1);
}

#[test]
fn escalation_path_through_pod_creation_to_a_powerful_service_account() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: ci}
rules: [{apiGroups: ["apps"], resources: ["deployments"], verbs: ["create", "patch"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-deploy, namespace: ci}
subjects: [{kind: Group, name: devs}]
roleRef: {kind: Role, name: deployer}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: read-all-secrets}
rules: [{apiGroups: [""], resources: ["secrets"], verbs: ["list"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: builder-secrets}
subjects: [{kind: ServiceAccount, name: builder, namespace: ci}]
roleRef: {kind: ClusterRole, name: read-all-secrets}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: kubelet-api}
rules: [{apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitoring}
subjects: [{kind: ServiceAccount, name: agent, namespace: monitoring}]
roleRef: {kind: ClusterRole, name: kubelet-api}"#,
    );
    let pods = vec![PodIdentity {
        namespace: "monitoring".into(),
        service_account: "agent".into(),
        mounts_token: true,
    }];
    let paths = escalation_paths(&r, &pods, false);
    let devs: Vec<_> = paths
        .iter()
        .filter(|p| p.start.kind == SubjectKind::Group && p.start.name == "devs")
        .collect();
    assert_eq!(devs.len(), 1, "{paths:#?}");
    assert_eq!(devs[0].goal, Goal::AllSecrets);
    let techniques: Vec<&str> = devs[0].steps.iter().map(|s| s.technique.as_str()).collect();
    assert_eq!(techniques, vec!["pod-create", "secrets-read"]);
    assert_eq!(devs[0].steps[0].to, "ServiceAccount ci/builder");
    let agent = paths
        .iter()
        .find(|p| p.start.name == "agent" && p.goal == Goal::ClusterAdmin)
        .expect("agent path");
    assert_eq!(agent.steps.len(), 1);
    assert_eq!(agent.steps[0].technique, "nodes-proxy");
    assert!(!paths
        .iter()
        .any(|p| p.start.name == "devs" && p.goal == Goal::ClusterAdmin));
}

#[test]
fn bind_on_a_clusterrole_is_checked_in_the_rolebindings_namespace() {
    let r = rbac(
        r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: role-grantor}
rules:
- {apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: ["create"]}
- {apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind", "escalate"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: grantor, namespace: shop}
subjects: [{kind: Group, name: leads}]
roleRef: {kind: ClusterRole, name: role-grantor}"#,
    );
    assert_eq!(
        who(
            &r,
            "bind",
            "clusterroles.rbac.authorization.k8s.io",
            Some("shop"),
            None
        ),
        vec!["Group leads via RoleBinding/shop/grantor→ClusterRole/role-grantor@shop"]
    );
    assert!(who(
        &r,
        "bind",
        "clusterroles.rbac.authorization.k8s.io",
        Some("billing"),
        None
    )
    .is_empty());
    assert!(
        who(
            &r,
            "escalate",
            "clusterroles.rbac.authorization.k8s.io",
            None,
            None
        )
        .is_empty(),
        "escalate is checked when writing a ClusterRole, at cluster scope"
    );
}
