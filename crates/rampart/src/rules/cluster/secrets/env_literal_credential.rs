//! `cluster.secrets.env-literal-credential` — a credential written as a literal environment
//! variable.
//!
//! Checks every container's (init and ephemeral containers included) `env[].value` with the
//! same detectors as `cluster.secrets.configmap-credential`: a literal under a credential-like
//! variable name (`DB_PASSWORD`, `CLIENT_SECRET`, `API_KEY`, …), or a value shaped like a
//! secret (connection string with `AccountKey=`/`Password=`/`SharedAccessKey=`, a password in a
//! URL, a private key, a JWT, a vendor token), or a random-looking token. References
//! (`$(OTHER_VAR)`), `valueFrom`, empty values and placeholders are not reported. The finding
//! names the variable and the kind of secret and shows at most four characters of it.
//!
//! ## Why
//! A literal in the pod spec is in Git, in every ReplicaSet revision, readable by anyone who can
//! `get` the Deployment (far more people than can read Secrets), and in the
//! `last-applied-configuration` annotation. Environment variables also leak into crash dumps,
//! debug endpoints and child processes.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: api
//!   image: myacr.azurecr.io/api:1.4.2
//!   env:
//!   - name: DB_PASSWORD
//!     value: "…"
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: api
//!   image: myacr.azurecr.io/api:1.4.2
//!   env:
//!   - name: DB_PASSWORD
//!     valueFrom:
//!       secretKeyRef: { name: api-db, key: password }
//! ```
//!
//! ## Fix
//! Mount the credential from Key Vault with the Secrets Store CSI driver (or read it from a
//! Secret with `valueFrom.secretKeyRef`), or remove it in favour of workload identity. Rotate the
//! exposed value.

use super::detect;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;
use rampart_document::Node;

pub static RULE: Rule = Rule {
    id: "cluster.secrets.env-literal-credential",
    layer: Layer::Cluster,
    domain: "secrets",
    severity: Severity::High,
    title: "Credential in a literal environment variable",
    source: include_str!("env_literal_credential.rs"),
    remediation: "Read the credential from Key Vault (Secrets Store CSI driver) or a Secret instead of a literal env value, and rotate it.",
    references: &[
        Reference::CisAks("4.5.2"),
        Reference::MitreAttack("T1552.007"),
    ],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    for c in w.containers() {
        let env = c.node.get("env").map(Node::items).unwrap_or(&[]);
        for (i, var) in env.iter().enumerate() {
            let (Some(name), Some(value_node)) =
                (var.get("name").and_then(Node::as_str), var.get("value"))
            else {
                continue;
            };
            let Some(value) = value_node.as_str() else {
                continue;
            };
            let found = detect::scan(name, value);
            if found.is_empty() {
                continue;
            }
            let what: Vec<String> = found.iter().map(ToString::to_string).collect();
            out.at(
                w.object,
                c.field(&format!("env[{i}].value")),
                Some(value_node.pos),
                format!("{} sets {name} to {}", c.describe(), what.join("; ")),
            );
        }
    }
}
