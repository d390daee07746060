//! The rule catalog. A rule is one file: its doc comment (what, why, failing and passing
//! examples, fix), its metadata and its check. Adding a rule touches that file, its fixture
//! folder and one line of [`CATALOG`].

pub mod cluster;
pub mod host;
pub mod pod;

use std::sync::LazyLock;

use rampart_document::Pos;
use serde::Serialize;

use crate::context::Context;
use crate::finding::{Finding, Layer, Location, Resource, Severity};
use crate::inventory::Inventory;
use crate::object::Object;
use crate::workload::Workload;

/// What a rule looks at.
pub enum Check {
    /// One workload at a time, while the input is read (runs in parallel).
    Workload(fn(&Workload, &Context, &mut Emit)),
    /// Every object (workloads included), while the input is read (runs in parallel). The
    /// rule picks the kinds it cares about.
    Object(fn(&Object, &Context, &mut Emit)),
    /// The `rampart_pss` check named by the rule's `pss` field, at the target policy version.
    Pss,
    /// The whole inventory once everything is read: joins between objects.
    Inventory(fn(&Inventory, &Context, &mut Emit)),
}

/// Where a control is documented elsewhere.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "kebab-case")]
pub enum Reference {
    /// A Pod Security Standards control name.
    Pss(&'static str),
    CisAks(&'static str),
    AzurePolicy(&'static str),
    MitreAttack(&'static str),
    Checkov(&'static str),
    Url(&'static str),
}

pub struct Rule {
    pub id: &'static str,
    pub layer: Layer,
    pub domain: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// The rule file's own source: its `//!` doc is the rule's documentation.
    pub source: &'static str,
    /// One sentence: what to change.
    pub remediation: &'static str,
    pub references: &'static [Reference],
    pub pss: Option<rampart_pss::Check>,
    pub check: Check,
}

impl Rule {
    /// The rule's documentation, Markdown, from the `//!` lines of its file.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if out.is_empty() {
                    continue;
                }
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }

    /// Where the rule's documentation can be read online.
    pub fn help_uri(&self) -> String {
        format!("https://rampart.dev/rules/{}", self.id)
    }
}

/// Collects one rule's findings.
pub struct Emit<'a> {
    pub rule: &'static Rule,
    pub out: &'a mut Vec<Finding>,
}

impl Emit<'_> {
    /// A finding on `object` at object-relative `path`; `pos` when the caller holds the node,
    /// else the deepest existing node on the path is used.
    pub fn at(
        &mut self,
        object: &Object,
        path: impl Into<String>,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) {
        self.finding(object.resource(), object.location(path, pos), message);
    }

    pub fn finding(
        &mut self,
        resource: impl Into<std::sync::Arc<Resource>>,
        location: Location,
        message: impl Into<String>,
    ) {
        let resource = resource.into();
        let fingerprint = Finding::fingerprint(self.rule.id, &resource, &location.path);
        self.out.push(Finding {
            rule: self.rule.id,
            severity: self.rule.severity,
            layer: self.rule.layer,
            message: message.into(),
            resource,
            location,
            remediation: self.rule.remediation,
            fingerprint,
        });
    }
}

/// Every rule, in catalog order: layer by layer, each layer's module listing its own rules.
pub static CATALOG: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    [
        host::aks::RULES,
        host::node::RULES,
        cluster::aks::RULES,
        cluster::rbac::RULES,
        cluster::network::RULES,
        cluster::secrets::RULES,
        cluster::supply_chain::RULES,
        pod::RULES,
    ]
    .concat()
});

/// The first `n` of `items` joined with commas, for a message that then says how many there
/// are in all.
pub fn first_joined<S: AsRef<str>>(items: &[S], n: usize) -> String {
    items
        .iter()
        .take(n)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn find(id: &str) -> Option<&'static Rule> {
    CATALOG.iter().copied().find(|r| r.id == id)
}

/// Whether `id` is matched by a selector: the id itself or a dotted prefix of it
/// (`pod.pss` matches `pod.pss.privileged`; `pod.p` matches nothing), or `ALL`.
pub fn selector_matches(selector: &str, id: &str) -> bool {
    selector == "ALL"
        || id == selector
        || (id.starts_with(selector) && id.as_bytes().get(selector.len()) == Some(&b'.'))
        || (selector.ends_with('.') && id.starts_with(selector))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_ids_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for r in CATALOG.iter() {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.starts_with(r.layer.as_str()),
                "{} not under its layer",
                r.id
            );
            assert!(
                r.id.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'.'
                    || b == b'-'),
                "{} is not lower-case words",
                r.id
            );
            let doc = r.doc();
            for section in ["## Why", "## Fails", "## Passes", "## Fix"] {
                assert!(doc.contains(section), "{} doc lacks {section}", r.id);
            }
            assert!(!r.remediation.is_empty(), "{} has no remediation", r.id);
        }
    }

    #[test]
    fn selectors() {
        assert!(selector_matches("pod.pss", "pod.pss.privileged"));
        assert!(selector_matches("pod", "pod.pss.privileged"));
        assert!(!selector_matches("pod.p", "pod.pss.privileged"));
        assert!(selector_matches("pod.pss.privileged", "pod.pss.privileged"));
        assert!(selector_matches("ALL", "host.aks.node.os-sku"));
    }
}
