//! Admission control over images, for inputs that describe a whole cluster.
//!
//! Whether a control is missing can only be judged when the input shows the cluster's
//! admission setup, not on a folder of application manifests. [`cluster_wide`] says whether the
//! input looks like that: a `kubectl get -o yaml|json` `List`, objects carrying server-set
//! metadata (`metadata.uid`, `resourceVersion`, `managedFields`), the `kube-system` Namespace
//! itself, or admission policies of any kind recognised below.
//!
//! [`admission_controls`] then lists what restricts registries or verifies signatures, and
//! whether it enforces (rejects) or only audits:
//!
//! | Recognised | Counts as | Enforces when |
//! |---|---|---|
//! | Gatekeeper constraint (`constraints.gatekeeper.sh`) of a kind naming allowed repos or images: `K8sAllowedRepos`, `K8sAllowedReposV2`, `K8sAzureV2ContainerAllowedImages` (Azure Policy), any `*AllowedRepos*`/`*AllowedImages*`/`*AllowedRegistr*` | registries | `spec.enforcementAction` is unset or `deny` (or `scoped` with a `deny` action) |
//! | Gatekeeper constraint of a kind whose ConstraintTemplate (`templates.gatekeeper.sh`) in the input has rego that reads `image` and compares it (`startswith`, `re_match`, `glob.match`, `regex.match`, `repos`, `registr`) | registries | as above |
//! | Gatekeeper constraint of a kind whose template calls Ratify through `external_data`, or a kind naming Ratify or image integrity | signatures | as above |
//! | Ratify `Verifier` / `NamespacedVerifier` (`config.ratify.deislabs.io`) | signatures | a Gatekeeper constraint that calls Ratify enforces |
//! | Kyverno `ClusterPolicy` / `Policy` (`kyverno.io`) rule with `verifyImages` (Cosign or Notary) | signatures | `failureAction` of the entry or `spec.validationFailureAction` is `Enforce` (Kyverno's default is `Audit`) |
//! | Kyverno rule whose `validate` block checks `image` against registry patterns (a pattern value with `/`, or an expression mentioning `registr`, `startsWith`/`starts_with`) | registries | `validate.failureAction` or `spec.validationFailureAction` is `Enforce` |
//! | Kyverno `ImageValidatingPolicy` (`policies.kyverno.io`) | signatures | `spec.validationActions` holds `Deny` |
//! | `ValidatingAdmissionPolicy` (`admissionregistration.k8s.io`) whose CEL mentions `image` with `startsWith`, `matches(` or `registr` | registries | a `ValidatingAdmissionPolicyBinding` for it has `validationActions` with `Deny` |
//! | Sigstore policy-controller `ClusterImagePolicy` (`policy.sigstore.dev`) | signatures | `spec.mode` is not `warn` |

use std::collections::{HashMap, HashSet};

use rampart_document::{Node, Value};

use crate::finding::{Location, Resource};
use crate::inventory::Inventory;
use crate::object::Object;

/// What a control does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Restricts which registries or repositories images come from.
    Registries,
    /// Verifies image signatures (Notation / Notary, Cosign).
    Signatures,
}

/// One admission control found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdmissionControl {
    pub control: Control,
    /// Whether it rejects non-compliant pods (not only audits or warns).
    pub enforced: bool,
    /// `K8sAllowedRepos "prod-repos"`, with why it does not enforce when it does not.
    pub description: String,
}

/// Why the input is taken to show a whole cluster, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterEvidence {
    pub reason: String,
    pub location: Location,
}

/// The resource cluster-wide findings are reported on.
pub fn cluster_resource() -> Resource {
    Resource {
        api_version: String::new(),
        kind: "Cluster".to_string(),
        namespace: None,
        name: "admission-control".to_string(),
    }
}

fn has_server_metadata(o: &Object) -> bool {
    o.metadata().is_some_and(|m| {
        m.get("uid").is_some()
            || m.get("resourceVersion").is_some()
            || m.get("managedFields").is_some()
    })
}

/// Whether the input describes a whole cluster (a dump or its admission setup), with the first
/// piece of evidence.
pub fn cluster_wide(inv: &Inventory) -> Option<ClusterEvidence> {
    let at = |o: &Object, reason: String| ClusterEvidence {
        reason,
        location: o.location("", Some(o.node.pos)),
    };
    for o in &inv.objects {
        if o.base_path.starts_with("items[") {
            return Some(at(o, "the input is a `kubectl get` List".into()));
        }
        if has_server_metadata(o) {
            return Some(at(
                o,
                "its objects carry server-set metadata (uid, resourceVersion, managedFields), as exported from a live cluster".into(),
            ));
        }
        if o.kind == "Namespace" && o.group().is_empty() && o.name == "kube-system" {
            return Some(at(
                o,
                "it defines the kube-system Namespace, as a cluster dump does".into(),
            ));
        }
    }
    if let Some(w) = inv
        .workloads
        .iter()
        .find(|w| w.location.path.starts_with("items["))
    {
        return Some(ClusterEvidence {
            reason: "the input is a `kubectl get` List".into(),
            location: w.location.clone(),
        });
    }
    inv.objects
        .iter()
        .find(|o| is_admission_policy(o))
        .map(|o| {
            at(
                o,
                format!("it defines admission policies ({} \"{}\")", o.kind, o.name),
            )
        })
}

const GATEKEEPER_CONSTRAINTS: &str = "constraints.gatekeeper.sh";
const GATEKEEPER_TEMPLATES: &str = "templates.gatekeeper.sh";
const RATIFY: &str = "config.ratify.deislabs.io";

fn is_sigstore(group: &str) -> bool {
    group == "policy.sigstore.dev" || group.ends_with(".sigstore.dev")
}

/// Objects that configure admission policy (what makes an input "the cluster's policy").
pub fn is_admission_policy(o: &Object) -> bool {
    let g = o.group();
    g == GATEKEEPER_CONSTRAINTS
        || g == GATEKEEPER_TEMPLATES
        || g == RATIFY
        || is_sigstore(g)
        || (g == "kyverno.io" && matches!(o.kind.as_str(), "ClusterPolicy" | "Policy"))
        || g == "policies.kyverno.io"
        || (g == "admissionregistration.k8s.io"
            && matches!(
                o.kind.as_str(),
                "ValidatingAdmissionPolicy" | "ValidatingAdmissionPolicyBinding"
            ))
}

/// Every string in a subtree (map keys excluded), depth-first.
fn strings<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    match &node.value {
        Value::Str(s) => out.push(s),
        Value::Seq(items) => items.iter().for_each(|n| strings(n, out)),
        Value::Map(entries) => entries.iter().for_each(|e| strings(&e.value, out)),
        _ => {}
    }
}

/// Every value under a key named `key`, at any depth.
fn values_under<'a>(node: &'a Node, key: &str, out: &mut Vec<&'a Node>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| values_under(n, key, out)),
        Value::Map(entries) => {
            for e in entries.iter() {
                if &*e.key == key {
                    out.push(&e.value);
                }
                values_under(&e.value, key, out);
            }
        }
        _ => {}
    }
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Gatekeeper: does the constraint reject? `deny` is the default.
fn gatekeeper_enforced(o: &Object) -> Result<(), String> {
    let spec = o.node.get("spec");
    let action = spec
        .and_then(|s| s.get("enforcementAction"))
        .and_then(Node::as_str)
        .unwrap_or("deny");
    match action {
        "deny" => Ok(()),
        "scoped" => {
            let scoped = spec
                .and_then(|s| s.get("scopedEnforcementActions"))
                .map(Node::items)
                .unwrap_or(&[]);
            if scoped
                .iter()
                .any(|a| a.get("action").and_then(Node::as_str) == Some("deny"))
            {
                Ok(())
            } else {
                Err("scoped enforcement without a deny action".into())
            }
        }
        other => Err(format!("enforcementAction {other}")),
    }
}

/// What a ConstraintTemplate's rego checks, if anything about images.
fn template_control(o: &Object) -> Option<Control> {
    let mut texts = Vec::new();
    for target in o
        .node
        .path(&["spec", "targets"])
        .map(Node::items)
        .unwrap_or(&[])
    {
        if let Some(rego) = target.get("rego") {
            strings(rego, &mut texts);
        }
        if let Some(libs) = target.get("libs") {
            strings(libs, &mut texts);
        }
        if let Some(code) = target.get("code") {
            strings(code, &mut texts);
        }
    }
    let rego = lower(&texts.join("\n"));
    if rego.contains("external_data") && rego.contains("ratify") {
        return Some(Control::Signatures);
    }
    let compares = [
        "startswith",
        "re_match",
        "glob.match",
        "regex.match",
        "repos",
        "registr",
    ];
    (rego.contains("image") && compares.iter().any(|c| rego.contains(c)))
        .then_some(Control::Registries)
}

fn template_kind(o: &Object) -> Option<&str> {
    o.node
        .path(&["spec", "crd", "spec", "names", "kind"])
        .and_then(Node::as_str)
}

/// What a constraint kind says about itself.
fn constraint_kind_control(kind: &str) -> Option<Control> {
    let k = lower(kind);
    if k.contains("ratify") || k.contains("imageintegrity") {
        Some(Control::Signatures)
    } else if k.contains("allowedrepos")
        || k.contains("allowedimages")
        || k.contains("allowedregistr")
    {
        Some(Control::Registries)
    } else {
        None
    }
}

/// Kyverno: `Enforce` rejects, `Audit` (the default) reports.
fn kyverno_enforced(action: Option<&str>) -> bool {
    action.is_some_and(|a| a.eq_ignore_ascii_case("enforce"))
}

fn kyverno_controls(o: &Object, out: &mut Vec<AdmissionControl>) {
    let spec = o.node.get("spec");
    let default_action = spec
        .and_then(|s| s.get("validationFailureAction"))
        .and_then(Node::as_str);
    for rule in spec
        .and_then(|s| s.get("rules"))
        .map(Node::items)
        .unwrap_or(&[])
    {
        let rule_name = rule.get("name").and_then(Node::as_str).unwrap_or("?");
        let describe = |enforced: bool| {
            let mut d = format!("{} \"{}\" rule \"{rule_name}\"", o.kind, o.name);
            if !enforced {
                d.push_str(" (Audit, not Enforce)");
            }
            d
        };
        let verify = rule.get("verifyImages").map(Node::items).unwrap_or(&[]);
        if !verify.is_empty() {
            let enforced = verify.iter().any(|v| {
                kyverno_enforced(
                    v.get("failureAction")
                        .and_then(Node::as_str)
                        .or(default_action),
                )
            });
            out.push(AdmissionControl {
                control: Control::Signatures,
                enforced,
                description: describe(enforced),
            });
        }
        let Some(validate) = rule.get("validate") else {
            continue;
        };
        let mut patterns = Vec::new();
        values_under(validate, "image", &mut patterns);
        let mut pattern_texts = Vec::new();
        for p in patterns {
            strings(p, &mut pattern_texts);
        }
        let by_pattern = pattern_texts.iter().any(|t| t.contains('/'));
        let mut all = Vec::new();
        strings(validate, &mut all);
        let by_expression = all.iter().any(|t| {
            let t = lower(t);
            t.contains("image")
                && (t.contains("registr") || t.contains("startswith") || t.contains("starts_with"))
        });
        if by_pattern || by_expression {
            let enforced = kyverno_enforced(
                validate
                    .get("failureAction")
                    .and_then(Node::as_str)
                    .or(default_action),
            );
            out.push(AdmissionControl {
                control: Control::Registries,
                enforced,
                description: describe(enforced),
            });
        }
    }
}

fn cel_checks_registry(o: &Object) -> bool {
    let mut texts = Vec::new();
    if let Some(spec) = o.node.get("spec") {
        strings(spec, &mut texts);
    }
    texts.iter().any(|t| {
        t.contains("image")
            && (t.contains("startsWith") || t.contains("matches(") || lower(t).contains("registr"))
    })
}

/// Every registry or signature control the input defines.
pub fn admission_controls(inv: &Inventory) -> Vec<AdmissionControl> {
    let mut out = Vec::new();
    let mut template_kinds: HashMap<&str, Control> = HashMap::new();
    let mut bindings: HashMap<&str, bool> = HashMap::new();
    for o in &inv.objects {
        match o.group() {
            GATEKEEPER_TEMPLATES if o.kind == "ConstraintTemplate" => {
                if let (Some(kind), Some(control)) = (template_kind(o), template_control(o)) {
                    template_kinds.insert(kind, control);
                }
            }
            "admissionregistration.k8s.io" if o.kind == "ValidatingAdmissionPolicyBinding" => {
                let spec = o.node.get("spec");
                if let Some(policy) = spec
                    .and_then(|s| s.get("policyName"))
                    .and_then(Node::as_str)
                {
                    let deny = spec
                        .and_then(|s| s.get("validationActions"))
                        .map(Node::items)
                        .unwrap_or(&[])
                        .iter()
                        .any(|a| a.as_str() == Some("Deny"));
                    *bindings.entry(policy).or_default() |= deny;
                }
            }
            _ => {}
        }
    }
    let mut constrained_kinds: HashSet<&str> = HashSet::new();
    let mut ratify_enforced = false;
    for o in &inv.objects {
        let group = o.group();
        if group == GATEKEEPER_CONSTRAINTS {
            constrained_kinds.insert(&o.kind);
            let Some(control) = template_kinds
                .get(o.kind.as_str())
                .copied()
                .or_else(|| constraint_kind_control(&o.kind))
            else {
                continue;
            };
            let verdict = gatekeeper_enforced(o);
            if control == Control::Signatures && verdict.is_ok() {
                ratify_enforced = true;
            }
            let mut description = format!("{} \"{}\"", o.kind, o.name);
            if let Err(why) = &verdict {
                description.push_str(&format!(" ({why})"));
            }
            out.push(AdmissionControl {
                control,
                enforced: verdict.is_ok(),
                description,
            });
        } else if group == "kyverno.io" && matches!(o.kind.as_str(), "ClusterPolicy" | "Policy") {
            kyverno_controls(o, &mut out);
        } else if group == "policies.kyverno.io" && o.kind == "ImageValidatingPolicy" {
            let enforced = o
                .node
                .path(&["spec", "validationActions"])
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .any(|a| a.as_str() == Some("Deny"));
            let mut description = format!("ImageValidatingPolicy \"{}\"", o.name);
            if !enforced {
                description.push_str(" (validationActions without Deny)");
            }
            out.push(AdmissionControl {
                control: Control::Signatures,
                enforced,
                description,
            });
        } else if group == "admissionregistration.k8s.io"
            && o.kind == "ValidatingAdmissionPolicy"
            && cel_checks_registry(o)
        {
            let enforced = bindings.get(o.name.as_str()).copied().unwrap_or(false);
            let mut description = format!("ValidatingAdmissionPolicy \"{}\"", o.name);
            if !enforced {
                description.push_str(" (no binding with validationActions Deny)");
            }
            out.push(AdmissionControl {
                control: Control::Registries,
                enforced,
                description,
            });
        } else if is_sigstore(group) && o.kind == "ClusterImagePolicy" {
            let mode = o.node.path(&["spec", "mode"]).and_then(Node::as_str);
            let enforced = mode != Some("warn");
            let mut description = format!("ClusterImagePolicy \"{}\"", o.name);
            if !enforced {
                description.push_str(" (mode warn)");
            }
            out.push(AdmissionControl {
                control: Control::Signatures,
                enforced,
                description,
            });
        }
    }
    // Templates with no constraint enforce nothing; say so rather than stay silent.
    for (kind, control) in &template_kinds {
        if !constrained_kinds.contains(kind) {
            out.push(AdmissionControl {
                control: *control,
                enforced: false,
                description: format!("ConstraintTemplate for {kind} (no constraint of that kind)"),
            });
        }
    }
    for o in inv.objects.iter().filter(|o| o.group() == RATIFY) {
        if !matches!(o.kind.as_str(), "Verifier" | "NamespacedVerifier") {
            continue;
        }
        let mut description = format!("Ratify {} \"{}\"", o.kind, o.name);
        if !ratify_enforced {
            description.push_str(" (no enforcing Gatekeeper constraint calls Ratify)");
        }
        out.push(AdmissionControl {
            control: Control::Signatures,
            enforced: ratify_enforced,
            description,
        });
    }
    out.sort_by(|a, b| a.description.cmp(&b.description));
    out
}

/// The message for a missing `control` (`to` is what it would do: `restrict image
/// registries`), or `None` when one enforces.
pub fn missing(controls: &[AdmissionControl], control: Control, to: &str) -> Option<String> {
    let relevant: Vec<&AdmissionControl> =
        controls.iter().filter(|c| c.control == control).collect();
    if relevant.iter().any(|c| c.enforced) {
        return None;
    }
    if relevant.is_empty() {
        return Some(format!("no admission control in the input is set to {to}"));
    }
    let listed: Vec<&str> = relevant.iter().map(|c| c.description.as_str()).collect();
    Some(format!(
        "admission controls set to {to} only audit and do not reject: {}",
        listed.join(", ")
    ))
}

/// Reports, for a cluster-wide input, that no enforcing admission control does `control` (`to`
/// says what, for the message).
pub fn report_missing(inv: &Inventory, out: &mut crate::rules::Emit, control: Control, to: &str) {
    let Some(evidence) = cluster_wide(inv) else {
        return;
    };
    if let Some(message) = missing(&admission_controls(inv), control, to) {
        out.finding(
            cluster_resource(),
            evidence.location,
            format!("{message} (checked because {})", evidence.reason),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use rampart_document::Limits;

    use super::*;

    fn inventory(yaml: &str) -> Inventory {
        let file: Arc<str> = "cluster.yaml".into();
        let loaded = crate::source::load_bytes(&file, yaml.as_bytes(), &Limits::default());
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        let mut inv = Inventory::default();
        inv.objects = loaded.objects;
        inv
    }

    fn controls(yaml: &str) -> Vec<(Control, bool)> {
        admission_controls(&inventory(yaml))
            .into_iter()
            .map(|c| (c.control, c.enforced))
            .collect()
    }

    const ALLOWED_REPOS: &str = "apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sAllowedRepos
metadata: { name: repos }
spec:
  parameters: { repos: [shopacr.azurecr.io/] }
";

    #[test]
    fn gatekeeper_enforcement_actions() {
        assert_eq!(controls(ALLOWED_REPOS), [(Control::Registries, true)]);
        let dryrun = ALLOWED_REPOS.replace("spec:\n", "spec:\n  enforcementAction: dryrun\n");
        assert_eq!(controls(&dryrun), [(Control::Registries, false)]);
        let warn = ALLOWED_REPOS.replace("spec:\n", "spec:\n  enforcementAction: warn\n");
        assert_eq!(controls(&warn), [(Control::Registries, false)]);
        let scoped = ALLOWED_REPOS.replace(
            "spec:\n",
            "spec:\n  enforcementAction: scoped\n  scopedEnforcementActions: [{ action: deny, enforcementPoints: [{ name: validation.gatekeeper.sh }] }]\n",
        );
        assert_eq!(controls(&scoped), [(Control::Registries, true)]);
        let azure = "apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sAzureV2ContainerAllowedImages
metadata: { name: azurepolicy-allowed-images }
spec: { enforcementAction: deny }
";
        assert_eq!(controls(azure), [(Control::Registries, true)]);
        let unrelated = "apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata: { name: owner }
";
        assert_eq!(controls(unrelated), []);
    }

    #[test]
    fn constraint_templates_give_their_kind_a_meaning() {
        let template = "apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: { name: shopregistries }
spec:
  crd: { spec: { names: { kind: ShopRegistries } } }
  targets:
  - target: admission.k8s.gatekeeper.sh
    rego: |
      package shopregistries
      violation[{\"msg\": msg}] {
        c := input.review.object.spec.containers[_]
        not startswith(c.image, \"shopacr.azurecr.io/\")
        msg := \"untrusted registry\"
      }
";
        assert_eq!(controls(template), [(Control::Registries, false)]);
        let constraint = "---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: ShopRegistries
metadata: { name: all-pods }
";
        assert_eq!(
            controls(&format!("{template}{constraint}")),
            [(Control::Registries, true)]
        );
    }

    #[test]
    fn kyverno_rules() {
        let verify = "apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: { name: verify }
spec:
  rules:
  - name: cosign
    verifyImages:
    - imageReferences: [\"shopacr.azurecr.io/*\"]
";
        assert_eq!(controls(verify), [(Control::Signatures, false)]);
        let enforce = verify.replace(
            "    - imageReferences",
            "    - failureAction: Enforce\n      imageReferences",
        );
        assert_eq!(controls(&enforce), [(Control::Signatures, true)]);
        let spec_enforce = verify.replace("spec:\n", "spec:\n  validationFailureAction: Enforce\n");
        assert_eq!(controls(&spec_enforce), [(Control::Signatures, true)]);
        // Disallowing :latest checks images but restricts no registry.
        let latest = "apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: { name: disallow-latest-tag }
spec:
  validationFailureAction: Enforce
  rules:
  - name: require-image-tag
    validate:
      pattern:
        spec:
          containers:
          - image: \"!*:latest\"
";
        assert_eq!(controls(latest), []);
        let registries = latest.replace("\"!*:latest\"", "\"shopacr.azurecr.io/*\"");
        assert_eq!(controls(&registries), [(Control::Registries, true)]);
    }

    #[test]
    fn validating_admission_policies_need_a_deny_binding() {
        let policy = "apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: registries }
spec:
  validations:
  - expression: \"object.spec.containers.all(c, c.image.startsWith('shopacr.azurecr.io/'))\"
";
        assert_eq!(controls(policy), [(Control::Registries, false)]);
        let binding = |actions: &str| {
            format!(
                "{policy}---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {{ name: registries }}
spec: {{ policyName: registries, validationActions: [{actions}] }}
"
            )
        };
        assert_eq!(
            controls(&binding("Warn, Audit")),
            [(Control::Registries, false)]
        );
        assert_eq!(controls(&binding("Deny")), [(Control::Registries, true)]);
    }

    #[test]
    fn ratify_and_sigstore() {
        let verifier = "apiVersion: config.ratify.deislabs.io/v1beta1
kind: Verifier
metadata: { name: verifier-notation }
spec: { name: notation }
";
        assert_eq!(controls(verifier), [(Control::Signatures, false)]);
        let with_constraint = format!(
            "{verifier}---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: RatifyVerification
metadata: {{ name: ratify-constraint }}
spec: {{ enforcementAction: deny }}
"
        );
        assert_eq!(
            controls(&with_constraint),
            [(Control::Signatures, true), (Control::Signatures, true)]
        );
        let cip = "apiVersion: policy.sigstore.dev/v1beta1
kind: ClusterImagePolicy
metadata: { name: signed }
spec:
  mode: warn
  images: [{ glob: \"**\" }]
";
        assert_eq!(controls(cip), [(Control::Signatures, false)]);
        assert_eq!(
            controls(&cip.replace("mode: warn", "mode: enforce")),
            [(Control::Signatures, true)]
        );
    }

    #[test]
    fn recognises_cluster_wide_inputs() {
        let app = "apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
";
        assert_eq!(cluster_wide(&inventory(app)), None);
        let dumped = app.replace(
            "name: settings,",
            "name: settings, resourceVersion: \"4411\",",
        );
        assert!(cluster_wide(&inventory(&dumped))
            .unwrap()
            .reason
            .contains("server-set"));
        let system = app.replace("name: shop }", "name: kube-system }");
        assert!(cluster_wide(&inventory(&system))
            .unwrap()
            .reason
            .contains("kube-system"));
        let list = "apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: { name: settings, namespace: shop }
";
        let evidence = cluster_wide(&inventory(list)).unwrap();
        assert!(evidence.reason.contains("List"));
        assert_eq!(evidence.location.path, "items[0]");
        assert!(cluster_wide(&inventory(ALLOWED_REPOS))
            .unwrap()
            .reason
            .contains("admission policies"));
    }
}
