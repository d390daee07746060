//! Namespace labels, parsed the way PSA parses them.

use rampart_document::Node;

use crate::level::Level;
use crate::version::Version;

pub const ENFORCE_LABEL: &str = "pod-security.kubernetes.io/enforce";
pub const ENFORCE_VERSION_LABEL: &str = "pod-security.kubernetes.io/enforce-version";
pub const AUDIT_LABEL: &str = "pod-security.kubernetes.io/audit";
pub const AUDIT_VERSION_LABEL: &str = "pod-security.kubernetes.io/audit-version";
pub const WARN_LABEL: &str = "pod-security.kubernetes.io/warn";
pub const WARN_VERSION_LABEL: &str = "pod-security.kubernetes.io/warn-version";

/// The three PSA modes of a namespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespacePolicy {
    pub enforce: ModePolicy,
    pub audit: ModePolicy,
    pub warn: ModePolicy,
}

/// One mode's level and version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModePolicy {
    pub level: Level,
    pub version: Version,
    /// The mode's level label was present (whatever its value). False for a mode left at the
    /// default, including a warn mode that follows enforce.
    pub labeled: bool,
    /// What was wrong with the level or version label, when one did not parse.
    pub invalid: Option<String>,
}

impl ModePolicy {
    /// PSA's default configuration: privileged at latest.
    fn unset() -> ModePolicy {
        ModePolicy {
            level: Level::Privileged,
            version: Version::LATEST,
            labeled: false,
            invalid: None,
        }
    }

    fn note(&mut self, problem: String) {
        match &mut self.invalid {
            Some(text) => {
                text.push_str("; ");
                text.push_str(&problem);
            }
            None => self.invalid = Some(problem),
        }
    }
}

impl Default for NamespacePolicy {
    fn default() -> Self {
        NamespacePolicy {
            enforce: ModePolicy::unset(),
            audit: ModePolicy::unset(),
            warn: ModePolicy::unset(),
        }
    }
}

/// What one mode's labels said.
struct Read {
    mode: ModePolicy,
    level_ok: bool,
    version_set: bool,
}

impl NamespacePolicy {
    /// From a Namespace's `metadata.labels` (None = no labels).
    ///
    /// A bad enforce level fails closed to `restricted`; a bad audit or warn level fails open
    /// to `privileged`, because those modes only report. A bad version reads as `latest`. When
    /// warn has no level label and a valid enforce level is stricter than warn's, warn follows
    /// enforce, and its version too unless warn-version is set, so users hear about what
    /// enforce will reject.
    pub fn from_labels(labels: Option<&Node>) -> NamespacePolicy {
        let Some(labels) = labels else {
            return NamespacePolicy::default();
        };
        let enforce = read_mode(
            labels,
            ENFORCE_LABEL,
            ENFORCE_VERSION_LABEL,
            Level::Restricted,
        );
        let audit = read_mode(labels, AUDIT_LABEL, AUDIT_VERSION_LABEL, Level::Privileged);
        let mut warn = read_mode(labels, WARN_LABEL, WARN_VERSION_LABEL, Level::Privileged);
        if !warn.mode.labeled && enforce.level_ok && enforce.mode.level > warn.mode.level {
            warn.mode.level = enforce.mode.level;
            if !warn.version_set {
                warn.mode.version = enforce.mode.version;
            }
        }
        NamespacePolicy {
            enforce: enforce.mode,
            audit: audit.mode,
            warn: warn.mode,
        }
    }
}

fn read_mode(labels: &Node, level_key: &str, version_key: &str, bad_level: Level) -> Read {
    let mut mode = ModePolicy::unset();
    let mut level_ok = false;
    if let Some(value) = labels.get(level_key) {
        mode.labeled = true;
        match value.as_str().and_then(Level::parse) {
            Some(level) => {
                mode.level = level;
                level_ok = true;
            }
            None => {
                mode.level = bad_level;
                mode.note(format!(
                    "{level_key}={} is not a level (privileged, baseline or restricted); using {bad_level}",
                    value.to_json()
                ));
            }
        }
    }
    let version_set = match labels.get(version_key) {
        Some(value) => {
            match value.as_str().and_then(Version::parse_label) {
                Some(v) => mode.version = v,
                None => mode.note(format!(
                    "{version_key}={} is not a version (latest or v1.N); using latest",
                    value.to_json()
                )),
            }
            true
        }
        None => false,
    };
    Read {
        mode,
        level_ok,
        version_set,
    }
}
