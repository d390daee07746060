//! `.rampart.yaml`: project settings that the command line can override.

use std::collections::BTreeMap;
use std::path::Path;

use rampart_document::{parse_bytes, Limits, Node, Value};

use crate::finding::Severity;
use crate::source::LoadError;

/// Settings read from `.rampart.yaml`.
///
/// ```yaml
/// select: [pod, cluster]            # rule ids or dotted prefixes to run (default: all)
/// ignore: [pod.image.digest]        # rule ids or prefixes to skip
/// severity:                         # per-rule severity overrides
///   pod.default-namespace: info
/// exemptNamespaces: [kube-system]   # findings on objects in these namespaces are suppressed
/// k8sVersion: "1.30"                # Pod Security Standards policy version (default: latest)
/// failOn: high                      # default for --fail-on
/// includeSystem: false               # also report stock system: RBAC objects
/// trustedRegistries: ["*.azurecr.io", mcr.microsoft.com]   # image registries allowed
/// entra:
///   groups:                           # Entra ID group object id → display name
///     3f2a6c1e-8d4b-4c7a-9e21-5b0f7d9a1c44: shop-developers
///   breakGlassGroups: [6d1e…]         # groups allowed cluster-admin
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub exempt_namespaces: Vec<String>,
    pub k8s_version: Option<String>,
    pub fail_on: Option<String>,
    /// Registries images may come from (`*.azurecr.io` style globs); `None` = the default.
    pub trusted_registries: Option<Vec<String>>,
    pub entra: Entra,
    /// ARM parameters file applied to every template scanned (`rampart scan --parameters`).
    pub arm_parameters: Option<std::path::PathBuf>,
    /// Report on the stock `system:` RBAC objects too (`--include-system`).
    pub include_system: bool,
}

/// Entra ID (Azure AD) facts the cluster's RBAC refers to by object id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entra {
    /// Group object id → display name, used in every report.
    pub groups: BTreeMap<String, String>,
    /// Groups allowed to hold cluster-admin (break-glass access).
    pub break_glass_groups: Vec<String>,
}

impl Entra {
    /// `name (id)` for a known group id, else the id itself.
    pub fn describe_group(&self, id: &str) -> String {
        match self.groups.get(id) {
            Some(name) => format!("{name} ({id})"),
            None => id.to_string(),
        }
    }
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, LoadError> {
        let file: std::sync::Arc<str> = path.display().to_string().into();
        let err = |line: u32, message: String| LoadError {
            file: file.clone(),
            line,
            column: 0,
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| {
            err(
                0,
                format!("cannot read config: {}", crate::source::io_reason(&e)),
            )
        })?;
        let mut docs = parse_bytes(&bytes, &Limits::default()).into_iter();
        let root = match docs.next() {
            None => return Ok(Config::default()),
            Some(Err(e)) => return Err(err(e.line, e.message)),
            Some(Ok(doc)) => doc.root,
        };
        if root.is_null() {
            return Ok(Config::default());
        }
        if !root.is_map() {
            return Err(err(root.pos.line, "config must be a mapping".into()));
        }
        let mut config = Config::default();
        for entry in root.entries() {
            let v = &entry.value;
            let line = entry.key_pos.line;
            match &*entry.key {
                "select" => config.select = strings(v).map_err(|m| err(line, format!("select: {m}")))?,
                "ignore" => config.ignore = strings(v).map_err(|m| err(line, format!("ignore: {m}")))?,
                "exemptNamespaces" => {
                    config.exempt_namespaces =
                        strings(v).map_err(|m| err(line, format!("exemptNamespaces: {m}")))?
                }
                "severity" => {
                    for e in v.entries() {
                        let sev = e.value.as_str().and_then(Severity::parse).ok_or_else(|| {
                            err(
                                e.value.pos.line,
                                format!(
                                    "severity of {}: expected critical, high, medium, low or info",
                                    e.key
                                ),
                            )
                        })?;
                        config.severity.insert(e.key.to_string(), sev);
                    }
                }
                "k8sVersion" => {
                    config.k8s_version =
                        Some(version_text(v).map_err(|m| err(line, format!("k8sVersion: {m}")))?)
                }
                "failOn" => {
                    config.fail_on = Some(
                        v.as_str()
                            .ok_or_else(|| err(line, "failOn: expected a severity or never".into()))?
                            .to_string(),
                    )
                }
                "includeSystem" => {
                    config.include_system = v
                        .as_bool()
                        .ok_or_else(|| err(line, "includeSystem: expected true or false".into()))?
                }
                "trustedRegistries" => {
                    config.trusted_registries = Some(
                        strings(v).map_err(|m| err(line, format!("trustedRegistries: {m}")))?,
                    )
                }
                "entra" => {
                    for e in v.entries() {
                        let line = e.key_pos.line;
                        match &*e.key {
                            "groups" => {
                                for g in e.value.entries() {
                                    let name = g.value.as_str().ok_or_else(|| {
                                        err(g.key_pos.line, format!("entra.groups.{}: expected a display name", g.key))
                                    })?;
                                    config.entra.groups.insert(g.key.to_string(), name.to_string());
                                }
                            }
                            "breakGlassGroups" => {
                                config.entra.break_glass_groups = strings(&e.value)
                                    .map_err(|m| err(line, format!("entra.breakGlassGroups: {m}")))?
                            }
                            other => {
                                return Err(err(
                                    line,
                                    format!("unknown setting `entra.{other}` (expected groups, breakGlassGroups)"),
                                ))
                            }
                        }
                    }
                }
                other => {
                    return Err(err(
                        line,
                        format!(
                            "unknown setting `{other}` (expected select, ignore, severity, exemptNamespaces, k8sVersion, failOn, trustedRegistries, entra, includeSystem)"
                        ),
                    ))
                }
            }
        }
        Ok(config)
    }
}

fn strings(v: &Node) -> Result<Vec<String>, String> {
    match &v.value {
        Value::Seq(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| "expected a list of strings".to_string())
            })
            .collect(),
        Value::Str(s) => Ok(s
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()),
        Value::Null => Ok(Vec::new()),
        _ => Err("expected a list of strings".into()),
    }
}

/// Versions must be quoted: YAML reads `1.30` as the number 1.3.
fn version_text(v: &Node) -> Result<String, String> {
    match &v.value {
        Value::Str(s) => Ok(s.to_string()),
        _ => Err(
            "write the version as a quoted string, e.g. \"1.30\" (YAML reads 1.30 as 1.3)".into(),
        ),
    }
}
