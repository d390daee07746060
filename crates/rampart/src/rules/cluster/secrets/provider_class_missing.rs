//! `cluster.secrets.provider-class-missing` — a pod mounts a SecretProviderClass that does not
//! exist.
//!
//! When the input defines SecretProviderClasses, checks that every Secrets Store CSI volume
//! (`csi.driver: secrets-store.csi.k8s.io`) names, in `volumeAttributes.secretProviderClass`, a
//! SecretProviderClass of the pod's own namespace. Inputs without any SecretProviderClass are
//! not checked: the classes may be deployed from elsewhere.
//!
//! ## Why
//! The class is looked up in the pod's namespace when the volume is mounted. A missing one (a
//! typo, or the class created in another namespace) leaves the pod stuck in
//! `ContainerCreating` with `FailedMount` — and the usual quick fix under pressure is to paste
//! the secret into the manifest.
//!
//! ## Fails
//! ```yaml
//! # SecretProviderClass "api-kv" exists in namespace "shared", the pod runs in "shop"
//! volumes:
//! - name: kv
//!   csi:
//!     driver: secrets-store.csi.k8s.io
//!     volumeAttributes: { secretProviderClass: api-kv }
//! ```
//!
//! ## Passes
//! ```yaml
//! # SecretProviderClass "api-kv" exists in namespace "shop", the pod runs in "shop"
//! volumes:
//! - name: kv
//!   csi:
//!     driver: secrets-store.csi.k8s.io
//!     volumeAttributes: { secretProviderClass: api-kv }
//! ```
//!
//! ## Fix
//! Create the SecretProviderClass in the pod's namespace, or correct the name.

use std::collections::{BTreeMap, BTreeSet};

use super::provider_class::is_provider_class;
use super::references::ReferenceTarget;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.secrets.provider-class-missing",
    layer: Layer::Cluster,
    domain: "secrets",
    severity: Severity::Medium,
    title: "Pod mounts a SecretProviderClass that does not exist",
    source: include_str!("provider_class_missing.rs"),
    remediation: "Create the SecretProviderClass in the pod's namespace or fix the name in volumeAttributes.secretProviderClass.",
    references: &[Reference::Url(
        "https://secrets-store-csi-driver.sigs.k8s.io/getting-started/usage",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    let mut classes: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for o in inv.objects.iter().filter(|o| is_provider_class(o)) {
        classes
            .entry(o.effective_namespace().unwrap_or("default"))
            .or_default()
            .insert(&o.name);
    }
    if classes.is_empty() {
        return;
    }
    for w in &inv.workloads {
        let here = classes.get(w.namespace.as_str());
        for r in &w.secret_references {
            if r.target != ReferenceTarget::ProviderClass
                || here.is_some_and(|names| names.contains(&*r.name))
            {
                continue;
            }
            let elsewhere: Vec<&str> = classes
                .iter()
                .filter(|(_, names)| names.contains(&*r.name))
                .map(|(ns, _)| *ns)
                .collect();
            let hint = if elsewhere.is_empty() {
                match here {
                    Some(names) => format!(
                        "; namespace \"{}\" has: {}",
                        w.namespace,
                        names.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                    None => String::new(),
                }
            } else {
                format!(" (it exists in namespace {})", elsewhere.join(", "))
            };
            out.finding(
                w.resource.clone(),
                r.location(w),
                format!(
                    "{} names SecretProviderClass \"{}\", which the input does not define in namespace \"{}\"{hint}",
                    r.via(),
                    r.name,
                    w.namespace
                ),
            );
        }
    }
}
