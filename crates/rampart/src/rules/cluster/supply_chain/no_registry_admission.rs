//! `cluster.supply-chain.no-registry-admission` — nothing at admission restricts image
//! registries.
//!
//! Applies to inputs that show a whole cluster: a `kubectl get -o yaml|json` dump (a `List`,
//! or objects with `metadata.uid` / `resourceVersion` / `managedFields`, or the `kube-system`
//! Namespace itself) or a folder holding the cluster's admission policies. Looks for an
//! admission control that rejects pods whose images come from other registries:
//!
//! - Gatekeeper constraints (`constraints.gatekeeper.sh`) of kind `K8sAllowedRepos`,
//!   `K8sAllowedReposV2`, Azure Policy's `K8sAzureV2ContainerAllowedImages` (from the built-in
//!   "Kubernetes cluster containers should only use allowed images"), any kind naming
//!   allowed repos, images or registries, or any kind whose ConstraintTemplate in the input
//!   compares `image` in its rego;
//! - Kyverno `ClusterPolicy` / `Policy` rules whose `validate` block checks `image` against
//!   registry patterns;
//! - `ValidatingAdmissionPolicy` whose CEL compares `image` (`startsWith`, `matches`), bound by
//!   a `ValidatingAdmissionPolicyBinding` with `validationActions: [Deny]`.
//!
//! A control that only audits (Gatekeeper `enforcementAction: dryrun`/`warn`, Kyverno `Audit`,
//! which is Kyverno's default, a binding without `Deny`, a ConstraintTemplate without a
//! constraint) does not count; the finding lists it. The finding points at the first object
//! that shows the input is cluster-wide.
//!
//! ## Why
//! A list of trusted registries in a scanner or a pipeline stops nothing that is applied by
//! hand, by a compromised CI job or by an attacker holding a deploy token. Only admission
//! control applies to every path into the cluster.
//!
//! ## Fails
//! ```yaml
//! # kubectl get all,ns,constrainttemplates,constraints -A -o yaml — no registry constraint
//! apiVersion: v1
//! kind: List
//! items:
//! - apiVersion: v1
//!   kind: Namespace
//!   metadata: { name: kube-system }
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: constraints.gatekeeper.sh/v1beta1
//! kind: K8sAllowedRepos
//! metadata: { name: trusted-registries }
//! spec:
//!   enforcementAction: deny
//!   match:
//!     kinds: [{ apiGroups: [""], kinds: [Pod] }]
//!   parameters:
//!     repos: ["shopacr.azurecr.io/", "mcr.microsoft.com/"]
//! ```
//!
//! ## Fix
//! Assign the Azure Policy built-in "Kubernetes cluster containers should only use allowed
//! images" with effect `Deny` (the Azure Policy add-on turns it into a Gatekeeper constraint),
//! or install a Gatekeeper `K8sAllowedRepos` constraint, a Kyverno policy with `Enforce`, or a
//! ValidatingAdmissionPolicy with a `Deny` binding.

use super::admission::{report_missing, Control};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.supply-chain.no-registry-admission",
    layer: Layer::Cluster,
    domain: "supply-chain",
    severity: Severity::Medium,
    title: "No admission control restricts image registries",
    source: include_str!("no_registry_admission.rs"),
    remediation: "Enforce allowed registries at admission: Azure Policy allowed images (Deny), Gatekeeper K8sAllowedRepos, Kyverno Enforce, or a ValidatingAdmissionPolicy with Deny.",
    references: &[
        Reference::CisAks("5.1.4"),
        Reference::AzurePolicy("febd0533-8e55-448f-b837-bd0e06f16469"),
        Reference::MitreAttack("T1610"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    report_missing(inv, out, Control::Registries, "restrict image registries");
}
