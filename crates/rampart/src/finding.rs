//! What rules produce: findings with their layer, severity, resource and exact location.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The defense-in-depth layer a control belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    Host,
    Cluster,
    Pod,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Host, Layer::Cluster, Layer::Pod];

    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Host => "host",
            Layer::Cluster => "cluster",
            Layer::Pod => "pod",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Severity, most severe first so that sorting puts critical findings on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether a finding of this severity is at or above `threshold`.
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Kubernetes (or Azure) object a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    pub api_version: String,
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{} {}/{}", self.kind, ns, self.name),
            None => write!(f, "{} {}", self.kind, self.name),
        }
    }
}

/// Where in the input the finding points: file, 1-based line and column, and the field path
/// inside the document (`spec.template.spec.containers[0].securityContext.privileged`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub layer: Layer,
    pub message: String,
    /// Shared by every finding on the same object: large scans hold many findings per object.
    pub resource: Arc<Resource>,
    pub location: Location,
    pub remediation: &'static str,
    pub fingerprint: Fingerprint,
}

/// 128 bits of SHA-256, written as 32 hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint(pub u128);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Finding {
    /// Hashes the rule, the resource identity and the field path, not line numbers, so that
    /// baselines survive edits that move the object around in its file.
    pub fn fingerprint(rule: &str, resource: &Resource, path: &str) -> Fingerprint {
        let mut h = Sha256::new();
        for part in [
            rule,
            &resource.api_version,
            &resource.kind,
            resource.namespace.as_deref().unwrap_or(""),
            &resource.name,
            path,
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let digest = h.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        Fingerprint(u128::from_be_bytes(first))
    }

    /// Order of every report: by file, line, column, rule, then field path, so output is
    /// stable across runs. Findings of one file share its name, which is not compared then.
    pub fn report_order(&self, other: &Finding) -> std::cmp::Ordering {
        let (a, b) = (&self.location, &other.location);
        let file = if Arc::ptr_eq(&a.file, &b.file) {
            std::cmp::Ordering::Equal
        } else {
            a.file.cmp(&b.file)
        };
        file.then(a.line.cmp(&b.line))
            .then(a.column.cmp(&b.column))
            .then_with(|| self.rule.cmp(other.rule))
            .then_with(|| a.path.cmp(&b.path))
    }
}
