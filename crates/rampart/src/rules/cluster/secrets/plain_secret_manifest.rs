//! `cluster.secrets.plain-secret-manifest` — a Secret manifest carries its values.
//!
//! Checks `kind: Secret` objects for non-empty `data` (base64) or `stringData` (plain text)
//! values. Keys whose content is public by design are not counted: `ca.crt` and `tls.crt`
//! (certificates) and `namespace` (service-account token Secrets). Values that decode to a
//! placeholder (`${DB_PASSWORD}`, `<password>`, `changeme`) are not counted either. A Secret
//! without values — a `kubernetes.io/service-account-token` Secret left for the token
//! controller to fill, or one whose values are added at deploy time — passes. The finding lists
//! the keys, never the values.
//!
//! This applies to any file, including a `kubectl get secrets -o yaml` dump: such a file holds
//! the cluster's live credentials and must be handled as a secret itself.
//!
//! ## Why
//! Base64 is an encoding, not encryption. A Secret manifest in Git gives its credentials to
//! everyone with read access to the repository, its forks and its CI logs, forever: deleting
//! the file does not remove it from history.
//!
//! ## Fails
//! ```yaml
//! apiVersion: v1
//! kind: Secret
//! metadata: { name: orders-db, namespace: shop }
//! type: Opaque
//! data:
//!   password: …base64…
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: secrets-store.csi.x-k8s.io/v1
//! kind: SecretProviderClass
//! metadata: { name: orders-db, namespace: shop }
//! spec:
//!   provider: azure
//!   secretObjects:
//!   - secretName: orders-db
//!     type: Opaque
//!     data: [{ objectName: orders-db-password, key: password }]
//!   parameters: { keyvaultName: shop-kv, tenantId: …, clientID: …, objects: … }
//! ```
//!
//! ## Fix
//! Keep the values in Azure Key Vault and let the Secrets Store CSI driver mount them (or sync
//! them into a Secret with `secretObjects`); if a Secret must live in Git, encrypt it (Sealed
//! Secrets, SOPS with an Azure Key Vault key). Rotate every credential that was committed.

use rampart_document::{Node, Value};

use super::detect::{decode_base64, is_placeholder};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.secrets.plain-secret-manifest",
    layer: Layer::Cluster,
    domain: "secrets",
    severity: Severity::High,
    title: "Secret manifest with its values committed",
    source: include_str!("plain_secret_manifest.rs"),
    remediation: "Remove the values from the manifest: keep them in Key Vault (Secrets Store CSI driver) or encrypt the file (Sealed Secrets, SOPS), and rotate them.",
    references: &[
        Reference::CisAks("4.5.2"),
        Reference::MitreAttack("T1552.001"),
        Reference::Url("https://kubernetes.io/docs/concepts/security/secrets-good-practices/"),
    ],
    pss: None,
    check: Check::Object(check),
};

/// Keys whose content is public by design.
const PUBLIC_KEYS: &[&str] = &["ca.crt", "tls.crt", "namespace"];

/// Whether a `data` (base64) or `stringData` (plain) value holds something.
fn holds_value(node: &Node, base64: bool) -> bool {
    let text = match &node.value {
        Value::Str(s) => s.trim(),
        Value::Null => return false,
        // A number or boolean under stringData is still a value.
        _ => return true,
    };
    if text.is_empty() {
        return false;
    }
    if !base64 {
        return !is_placeholder(text);
    }
    match decode_base64(text).map(String::from_utf8) {
        Some(Ok(decoded)) => !decoded.trim().is_empty() && !is_placeholder(&decoded),
        // Binary content (a keystore) or text that is not base64: either way, committed.
        _ => true,
    }
}

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if o.kind != "Secret" || !o.group().is_empty() {
        return;
    }
    let kind = o
        .node
        .get("type")
        .and_then(Node::as_str)
        .unwrap_or("Opaque");
    let mut keys = Vec::new();
    let mut first: Option<(&str, &Node)> = None;
    for (field, base64) in [("data", true), ("stringData", false)] {
        let Some(map) = o.node.get(field) else {
            continue;
        };
        for entry in map.entries() {
            if PUBLIC_KEYS.contains(&&*entry.key) || !holds_value(&entry.value, base64) {
                continue;
            }
            if first.is_none() {
                first = Some((field, map));
            }
            keys.push(&*entry.key);
        }
    }
    let Some((field, node)) = first else {
        return;
    };
    let count = keys.len();
    let noun = if count == 1 { "value" } else { "values" };
    out.at(
        o,
        field,
        Some(node.pos),
        format!(
            "Secret of type {kind} carries {count} {noun} in the manifest (base64 is an encoding, not encryption): {}",
            keys.join(", ")
        ),
    );
}
