//! Requests as the RBAC authorizer matches them, and rule matching.

use crate::model::PolicyRule;

/// What is asked: a verb on a resource (optionally one subresource and one name), or a verb
/// on a non-resource URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Request {
    Resource {
        verb: String,
        group: String,
        resource: String,
        subresource: Option<String>,
        name: Option<String>,
    },
    NonResource {
        verb: String,
        path: String,
    },
}

/// Whether a named rule may match a request that names no object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// As the API server: a rule with `resourceNames` matches only requests naming one of them.
    Exact,
    /// For risk analysis: a rule limited to some names still grants the capability on those.
    Any,
}

impl Request {
    /// Parses the `RESOURCE` argument of `who-can`: `secrets`, `pods/exec`, `deployments.apps`,
    /// `deployments.apps/scale`, or a non-resource URL starting with `/`.
    pub fn parse(verb: &str, resource: &str, name: Option<&str>) -> Result<Request, String> {
        let verb = verb.trim().to_string();
        if verb.is_empty() {
            return Err("the verb is empty".into());
        }
        if resource.starts_with('/') {
            return Ok(Request::NonResource {
                verb,
                path: resource.to_string(),
            });
        }
        let (main, subresource) = match resource.split_once('/') {
            Some((m, s)) if !s.is_empty() && !s.contains('/') => (m, Some(s.to_string())),
            Some(_) => {
                return Err(format!(
                    "cannot read resource {resource:?}: expected RESOURCE[.GROUP][/SUBRESOURCE]"
                ))
            }
            None => (resource, None),
        };
        let (resource, group) = match main.split_once('.') {
            Some((r, g)) => (r, g),
            None => (main, ""),
        };
        if resource.is_empty() {
            return Err(format!("cannot read resource {main:?}"));
        }
        Ok(Request::Resource {
            verb,
            group: group.to_string(),
            resource: resource.to_string(),
            subresource,
            name: name.map(str::to_string),
        })
    }

    pub fn resource(verb: &str, group: &str, resource: &str, subresource: Option<&str>) -> Request {
        Request::Resource {
            verb: verb.into(),
            group: group.into(),
            resource: resource.into(),
            subresource: subresource.map(str::to_string),
            name: None,
        }
    }

    /// Whether the request carries no namespace (a cluster-scoped resource or a non-resource
    /// URL), so that a RoleBinding can never grant it. One exception: the `bind` check on a
    /// ClusterRole, made when someone writes a RoleBinding, carries that binding's namespace.
    pub fn is_cluster_scoped(&self) -> bool {
        match self {
            Request::NonResource { .. } => true,
            Request::Resource {
                verb,
                group,
                resource,
                ..
            } => {
                let namespaced_bind = verb == "bind"
                    && group == "rbac.authorization.k8s.io"
                    && resource == "clusterroles";
                !namespaced_bind && is_cluster_scoped(group, resource)
            }
        }
    }
}

/// Built-in cluster-scoped resources (by group). Custom resources are assumed namespaced.
pub fn is_cluster_scoped(group: &str, resource: &str) -> bool {
    match group {
        "" => matches!(
            resource,
            "nodes" | "namespaces" | "persistentvolumes" | "componentstatuses" | "users" | "groups"
        ),
        "rbac.authorization.k8s.io" => matches!(resource, "clusterroles" | "clusterrolebindings"),
        "storage.k8s.io" => matches!(
            resource,
            "storageclasses" | "csidrivers" | "csinodes" | "volumeattachments"
        ),
        "apiextensions.k8s.io" => resource == "customresourcedefinitions",
        "apiregistration.k8s.io" => resource == "apiservices",
        "certificates.k8s.io" => matches!(
            resource,
            "certificatesigningrequests" | "signers" | "clustertrustbundles"
        ),
        "admissionregistration.k8s.io" => true,
        "scheduling.k8s.io" => resource == "priorityclasses",
        "node.k8s.io" => resource == "runtimeclasses",
        "networking.k8s.io" => {
            matches!(resource, "ingressclasses" | "ipaddresses" | "servicecidrs")
        }
        "authentication.k8s.io" => matches!(
            resource,
            "tokenreviews" | "selfsubjectreviews" | "userextras" | "uids"
        ),
        "authorization.k8s.io" => matches!(
            resource,
            "subjectaccessreviews" | "selfsubjectaccessreviews" | "selfsubjectrulesreviews"
        ),
        "flowcontrol.apiserver.k8s.io" => true,
        "policy" => resource == "podsecuritypolicies",
        _ => false,
    }
}

fn has(list: &[String], value: &str) -> bool {
    list.iter().any(|v| v == "*" || v == value)
}

impl PolicyRule {
    /// Whether this rule allows `request`, with the API server's matching: `*` verbs include
    /// every special verb; resource `*` covers every resource and subresource, `res` only the
    /// main resource, `res/sub` that subresource and `*/sub` that subresource of any resource;
    /// `resourceNames` restrict to exact names; non-resource URLs match exactly or by a
    /// trailing `*` prefix.
    pub fn allows(&self, request: &Request, names: Names) -> bool {
        match request {
            Request::Resource {
                verb,
                group,
                resource,
                subresource,
                name,
            } => {
                if !has(&self.verbs, verb) || !has(&self.api_groups, group) {
                    return false;
                }
                let resource_ok = self.resources.iter().any(|r| {
                    if r == "*" {
                        return true;
                    }
                    match subresource {
                        None => r == resource,
                        Some(sub) => match r.split_once('/') {
                            Some((res, s)) => s == sub && (res == "*" || res == resource),
                            None => false,
                        },
                    }
                });
                if !resource_ok {
                    return false;
                }
                if self.resource_names.is_empty() || names == Names::Any {
                    return true;
                }
                name.as_ref()
                    .is_some_and(|n| self.resource_names.contains(n))
            }
            Request::NonResource { verb, path } => {
                has(&self.verbs, verb)
                    && self.non_resource_urls.iter().any(|u| {
                        u == "*"
                            || u == path
                            || u.strip_suffix('*')
                                .is_some_and(|prefix| path.starts_with(prefix))
                    })
            }
        }
    }

    /// `verbs: ["*"]`, `resources: ["*"]` and `apiGroups: ["*"]` together: every permission.
    pub fn is_full_wildcard(&self) -> bool {
        let star = |l: &[String]| l.iter().any(|v| v == "*");
        star(&self.verbs)
            && star(&self.resources)
            && star(&self.api_groups)
            && self.resource_names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(groups: &[&str], resources: &[&str], verbs: &[&str], names: &[&str]) -> PolicyRule {
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        PolicyRule {
            api_groups: v(groups),
            resources: v(resources),
            verbs: v(verbs),
            resource_names: v(names),
            non_resource_urls: vec![],
        }
    }

    #[test]
    fn parses_resource_arguments() {
        assert_eq!(
            Request::parse("get", "deployments.apps/scale", None).unwrap(),
            Request::resource("get", "apps", "deployments", Some("scale"))
        );
        assert_eq!(
            Request::parse("get", "secrets", None).unwrap(),
            Request::resource("get", "", "secrets", None)
        );
        assert!(matches!(
            Request::parse("get", "/metrics", None).unwrap(),
            Request::NonResource { .. }
        ));
        assert!(Request::parse("get", "pods/exec/x", None).is_err());
    }

    #[test]
    fn subresources_need_their_own_grant() {
        let pods = rule(&[""], &["pods"], &["create", "get"], &[]);
        assert!(pods.allows(&Request::resource("create", "", "pods", None), Names::Exact));
        assert!(!pods.allows(
            &Request::resource("create", "", "pods", Some("exec")),
            Names::Exact
        ));
        let star_sub = rule(&[""], &["*/exec"], &["create"], &[]);
        assert!(star_sub.allows(
            &Request::resource("create", "", "pods", Some("exec")),
            Names::Exact
        ));
        assert!(!star_sub.allows(&Request::resource("create", "", "pods", None), Names::Exact));
        let all = rule(&["*"], &["*"], &["*"], &[]);
        assert!(all.allows(
            &Request::resource(
                "escalate",
                "rbac.authorization.k8s.io",
                "clusterroles",
                None
            ),
            Names::Exact
        ));
        assert!(all.allows(
            &Request::resource("get", "", "nodes", Some("proxy")),
            Names::Exact
        ));
        let res_star = rule(&[""], &["pods/*"], &["create"], &[]);
        assert!(
            !res_star.allows(
                &Request::resource("create", "", "pods", Some("exec")),
                Names::Exact
            ),
            "res/* is not a wildcard"
        );
    }

    #[test]
    fn resource_names_restrict_and_unnamed_requests_never_match() {
        let named = rule(&[""], &["secrets"], &["get", "list"], &["db"]);
        let mut get_db = Request::resource("get", "", "secrets", None);
        if let Request::Resource { name, .. } = &mut get_db {
            *name = Some("db".into());
        }
        assert!(named.allows(&get_db, Names::Exact));
        assert!(!named.allows(
            &Request::resource("list", "", "secrets", None),
            Names::Exact
        ));
        assert!(named.allows(&Request::resource("list", "", "secrets", None), Names::Any));
        let star_name = rule(&[""], &["secrets"], &["get"], &["*"]);
        assert!(
            !star_name.allows(
                &Request::parse("get", "secrets", Some("other")).unwrap(),
                Names::Exact
            ),
            "* is a literal name"
        );
    }

    #[test]
    fn groups_must_match() {
        let apps = rule(&["apps"], &["deployments"], &["create"], &[]);
        assert!(apps.allows(
            &Request::resource("create", "apps", "deployments", None),
            Names::Exact
        ));
        assert!(!apps.allows(
            &Request::resource("create", "extensions", "deployments", None),
            Names::Exact
        ));
    }

    #[test]
    fn non_resource_urls() {
        let r = PolicyRule {
            verbs: vec!["get".into()],
            non_resource_urls: vec!["/healthz*".into(), "/metrics".into()],
            ..Default::default()
        };
        assert!(r.allows(
            &Request::NonResource {
                verb: "get".into(),
                path: "/healthz/ready".into()
            },
            Names::Exact
        ));
        assert!(r.allows(
            &Request::NonResource {
                verb: "get".into(),
                path: "/metrics".into()
            },
            Names::Exact
        ));
        assert!(!r.allows(
            &Request::NonResource {
                verb: "get".into(),
                path: "/metrics/x".into()
            },
            Names::Exact
        ));
        assert!(!r.allows(
            &Request::NonResource {
                verb: "post".into(),
                path: "/metrics".into()
            },
            Names::Exact
        ));
    }
}
