//! `cluster.secrets.configmap-credential` — a ConfigMap holds a credential.
//!
//! Checks every value of a ConfigMap's `data` for credentials (see the detectors in
//! `cluster/secrets/detect.rs`):
//!
//! - a literal under a credential-like key: `password`, `passwd`, `pwd`, `secret`, `token`,
//!   `apikey`/`api_key`/`api-key`, `connectionstring`, `client_secret`, `private_key`,
//!   `accountkey` and the like, in any case and with `-`, `_`, `.` or camel-case separators —
//!   but not keys about a credential (`PASSWORD_FILE`, `secretName`, `tokenUrl`, `…_ID`);
//! - values with the shape of a secret, anywhere in the value (embedded config files
//!   included): an Azure Storage connection string's `AccountKey=`, a SQL/ADO.NET connection
//!   string's `Password=`/`Pwd=`, a Service Bus / Event Hubs `SharedAccessKey=`, an Azure SAS
//!   `sig=`, a password in a URL (`amqp://user:password@host`), a PEM private key, a JSON Web
//!   Token, vendor tokens (GitHub `ghp_`, GitLab `glpat-`, Slack `xox…-`, AWS `AKIA`, Google
//!   `AIza`, Stripe `sk_live_`, npm, Docker Hub, PyPI);
//! - `key = value` / `key: value` lines of an embedded file whose key names a credential;
//! - a single random-looking token (base64 alphabet, 24 characters or more, Shannon entropy near
//!   that of random data of its length).
//!
//! References and placeholders are skipped (`$(VAR)`, `${VAR}`, `{{ … }}`, `<password>`,
//! `changeme`, `YOUR_TOKEN`), as are paths, URLs without credentials, booleans, UUIDs and hex
//! digests. Base64 values are decoded and checked again. The finding names the key and the
//! kind of secret and shows at most four characters of it.
//!
//! ## Why
//! ConfigMaps are not secret: anyone with `get configmaps` in the namespace reads them (many
//! roles grant it), they are stored unencrypted in etcd even when Secrets are encrypted with KMS,
//! they are printed by `kubectl describe`, and they live in Git next to the manifests.
//!
//! ## Fails
//! ```yaml
//! apiVersion: v1
//! kind: ConfigMap
//! metadata: { name: orders, namespace: shop }
//! data:
//!   ORDERS_DB: "Server=tcp:shop.database.windows.net;Database=orders;User ID=app;Password=…;"
//!   DB_PASSWORD: "…"
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: v1
//! kind: ConfigMap
//! metadata: { name: orders, namespace: shop }
//! data:
//!   ORDERS_DB: "Server=tcp:shop.database.windows.net;Database=orders;Authentication=Active Directory Workload Identity;"
//!   DB_PASSWORD_FILE: /mnt/secrets-store/db-password
//! ```
//!
//! ## Fix
//! Move the value to Azure Key Vault and mount it with a SecretProviderClass (Secrets Store CSI
//! driver), or at least to a Kubernetes Secret; better, drop the credential and use workload
//! identity (Entra ID authentication for SQL, Storage and Service Bus). Rotate the exposed
//! credential: it is in the Git history.

use rampart_document::join_key;

use super::detect;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.secrets.configmap-credential",
    layer: Layer::Cluster,
    domain: "secrets",
    severity: Severity::High,
    title: "ConfigMap holds a credential",
    source: include_str!("configmap_credential.rs"),
    remediation: "Move the credential to Key Vault (Secrets Store CSI driver) or a Secret, or replace it with workload identity, and rotate it.",
    references: &[
        Reference::CisAks("4.5.2"),
        Reference::MitreAttack("T1552.007"),
        Reference::Url("https://kubernetes.io/docs/concepts/configuration/configmap/"),
    ],
    pss: None,
    check: Check::Object(check),
};

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if o.kind != "ConfigMap" || !o.group().is_empty() {
        return;
    }
    let Some(data) = o.node.get("data") else {
        return;
    };
    for entry in data.entries() {
        let Some(value) = entry.value.as_str() else {
            continue;
        };
        let found = detect::scan(&entry.key, value);
        if found.is_empty() {
            continue;
        }
        let what: Vec<String> = found.iter().map(ToString::to_string).collect();
        out.at(
            o,
            join_key("data", &entry.key),
            Some(entry.value.pos),
            format!("key \"{}\" holds {}", entry.key, what.join("; ")),
        );
    }
}
