//! The kubelet as configured on a node: command-line flags, the KubeletConfiguration file, and
//! the files CIS AKS section 3 checks (kubeconfig, `azure.json`, the config file itself).
//!
//! On an AKS Linux node, systemd starts `kubelet.service` (`/etc/systemd/system/`) with
//! `EnvironmentFile=/etc/default/kubelet` (`KUBELET_FLAGS=…`, `KUBELET_NODE_LABELS=…`) and the
//! drop-in `kubelet.service.d/10-componentconfig.conf`, which adds `--config
//! /etc/default/kubeletconfig.json`. The kubelet kubeconfig is `/var/lib/kubelet/kubeconfig`
//! and the cloud provider settings `/etc/kubernetes/azure.json`. A flag overrides the same
//! field of the config file, as the kubelet does; fields left unset take the defaults of
//! whichever source the kubelet is using (flag defaults differ from config-file defaults).
//!
//! The same view is built from a `KubeletConfiguration` manifest found by `rampart scan`
//! (no flags, no files).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rampart_document::{parse_bytes, Limits, Node, Value};

use crate::aks::Verdict;
use crate::finding::{Location, Resource};
use crate::inventory::Inventory;
use crate::object::Object;
use crate::rules::Emit;

/// Where AKS writes the kubelet's files, relative to the node root.
pub const UNIT_FILES: &[&str] = &[
    "etc/systemd/system/kubelet.service",
    "lib/systemd/system/kubelet.service",
    "usr/lib/systemd/system/kubelet.service",
];
pub const DROP_IN_DIR: &str = "etc/systemd/system/kubelet.service.d";
pub const FLAGS_FILE: &str = "etc/default/kubelet";
/// Config file locations tried when no unit says which one is used.
pub const CONFIG_FILES: &[&str] = &[
    "etc/default/kubeletconfig.json",
    "var/lib/kubelet/config.yaml",
    "etc/kubernetes/kubelet/kubelet-config.json",
];
pub const KUBECONFIG: &str = "var/lib/kubelet/kubeconfig";
pub const AZURE_JSON: &str = "etc/kubernetes/azure.json";

/// A flag as the kubelet receives it, and where it is written.
#[derive(Clone, Debug)]
pub struct Flag {
    pub value: String,
    pub location: Location,
}

/// One kubelet: its flags (last occurrence wins) and its KubeletConfiguration.
#[derive(Clone, Debug)]
pub struct Kubelet {
    pub resource: Resource,
    /// Where the kubelet is defined (the unit or flags file, or the manifest).
    pub location: Location,
    pub flags: BTreeMap<String, Flag>,
    /// The config file: its name and root, and the path of the root inside the document.
    pub config: Option<(Arc<str>, Node, String)>,
    /// Whether flags were read at all (a manifest has none: flag-only settings are unknown).
    pub has_flags: bool,
}

/// A setting's effective value.
#[derive(Clone, Debug)]
pub enum Setting<'a> {
    Flag(&'a Flag),
    Config(&'a Node, Location),
}

impl Setting<'_> {
    pub fn location(&self) -> Location {
        match self {
            Setting::Flag(f) => f.location.clone(),
            Setting::Config(_, l) => l.clone(),
        }
    }

    /// The value as text (`true`, `0`, `Webhook`…).
    pub fn text(&self) -> String {
        match self {
            Setting::Flag(f) => f.value.clone(),
            Setting::Config(n, _) => match &n.value {
                Value::Str(s) => s.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Seq(items) => items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                _ => n.to_json(),
            },
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.text().to_ascii_lowercase().as_str() {
            "true" | "" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.text().trim().parse().ok()
    }
}

impl Kubelet {
    /// A kubelet described by a `KubeletConfiguration` manifest alone.
    pub fn from_object(o: &Object) -> Kubelet {
        Kubelet {
            resource: (*o.resource()).clone(),
            location: o.location("", Some(o.node.pos)),
            flags: BTreeMap::new(),
            config: Some((o.file.clone(), o.node.clone(), o.base_path.clone())),
            has_flags: false,
        }
    }

    /// The effective value of a setting: the flag if given, else the config file field.
    pub fn get(&self, flag: &str, config_path: &[&str]) -> Option<Setting<'_>> {
        if let Some(f) = self.flags.get(flag) {
            return Some(Setting::Flag(f));
        }
        let (file, root, base) = self.config.as_ref()?;
        let node = root.path(config_path)?;
        let rel = config_path.join(".");
        let path = if base.is_empty() {
            rel
        } else {
            format!("{base}.{rel}")
        };
        Some(Setting::Config(
            node,
            Location {
                file: file.clone(),
                line: node.pos.line,
                column: node.pos.column,
                path,
            },
        ))
    }

    /// A `--feature-gates` entry or `featureGates` field.
    pub fn feature_gate(&self, gate: &str) -> Option<(bool, Location)> {
        if let Some(f) = self.flags.get("feature-gates") {
            for pair in f.value.split(',') {
                if let Some((k, v)) = pair.split_once('=') {
                    if k.trim() == gate {
                        return Some((v.trim().eq_ignore_ascii_case("true"), f.location.clone()));
                    }
                }
            }
        }
        let s = self.get("", &["featureGates", gate])?;
        Some((s.as_bool()?, s.location()))
    }

    /// Whether the kubelet reads a config file (config-file defaults apply to unset fields).
    pub fn uses_config_file(&self) -> bool {
        self.config.is_some()
    }

    /// Where an unset setting would be written: the config file when there is one, else the
    /// kubelet's definition.
    pub fn default_location(&self) -> Location {
        match &self.config {
            Some((file, root, base)) => Location {
                file: file.clone(),
                line: root.pos.line,
                column: root.pos.column,
                path: base.clone(),
            },
            None => self.location.clone(),
        }
    }
}

/// Which file CIS AKS section 3.1 checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    Kubeconfig,
    AzureJson,
    KubeletConfig,
}

/// Mode and owner of a file on the node.
#[derive(Clone, Debug)]
pub struct FileFacts {
    pub role: FileRole,
    /// The path as it is on the node (`/var/lib/kubelet/kubeconfig`).
    pub node_path: String,
    /// Where it was read (under `--root`).
    pub location: Location,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
}

/// Everything `rampart node` collected.
#[derive(Clone, Debug)]
pub struct NodeFacts {
    pub root: PathBuf,
    pub kubelet: Option<Kubelet>,
    pub files: Vec<FileFacts>,
}

/// A file that could not be read or parsed: what and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeProblem {
    pub file: String,
    pub line: u32,
    pub message: String,
}

/// Reads the kubelet's flags, config file and file metadata under `root`.
pub fn collect(root: &Path) -> (NodeFacts, Vec<NodeProblem>) {
    let mut problems = Vec::new();
    let mut env: BTreeMap<String, (String, Location)> = BTreeMap::new();
    let mut exec: Option<(String, Location)> = None;
    let mut unit_location = None;
    let mut units: Vec<PathBuf> = UNIT_FILES
        .iter()
        .map(|u| root.join(u))
        .filter(|p| p.is_file())
        .take(1)
        .collect();
    if let Ok(rd) = std::fs::read_dir(root.join(DROP_IN_DIR)) {
        let mut drop_ins: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "conf"))
            .collect();
        drop_ins.sort();
        units.extend(drop_ins);
    }
    let mut env_files: Vec<String> = Vec::new();
    for unit in &units {
        let name: Arc<str> = unit.display().to_string().into();
        let text = match std::fs::read_to_string(unit) {
            Ok(t) => t,
            Err(e) => {
                problems.push(NodeProblem {
                    file: name.to_string(),
                    line: 0,
                    message: format!("cannot read: {}", crate::source::io_reason(&e)),
                });
                continue;
            }
        };
        unit_location.get_or_insert_with(|| loc(&name, 1, ""));
        for (line_no, line) in logical_lines(&text) {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let at = loc(&name, line_no, key.trim());
            match key.trim() {
                "Environment" => {
                    for assignment in split_words(value) {
                        if let Some((k, v)) = assignment.split_once('=') {
                            env.insert(k.to_string(), (v.to_string(), at.clone()));
                        }
                    }
                }
                "EnvironmentFile" => {
                    let path = value.trim().trim_start_matches('-').to_string();
                    env_files.push(path);
                }
                "ExecStart" if value.trim().is_empty() => exec = None,
                "ExecStart" => exec = Some((value.trim().to_string(), at)),
                _ => {}
            }
        }
    }
    if units.is_empty() {
        env_files.push(format!("/{FLAGS_FILE}"));
    }
    for f in &env_files {
        let path = under(root, f);
        let name: Arc<str> = path.display().to_string().into();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (line_no, line) in logical_lines(&text) {
            if let Some((k, v)) = line.split_once('=') {
                let k = k.trim().trim_start_matches("export ").trim();
                let v = unquote(v.trim());
                env.insert(k.to_string(), (v, loc(&name, line_no, k)));
            }
        }
    }
    let has_definition = exec.is_some() || !env.is_empty();
    // Without an ExecStart line (a partial root), the AKS flag variables are the command line.
    let (command, command_at) = match exec {
        Some((c, at)) => (c, Some(at)),
        None => (
            [
                "KUBELET_FLAGS",
                "KUBELET_CONFIG_FILE_FLAGS",
                "KUBELET_TLS_BOOTSTRAP_FLAGS",
            ]
            .iter()
            .filter(|k| env.contains_key(**k))
            .map(|k| format!("${k}"))
            .collect::<Vec<_>>()
            .join(" "),
            None,
        ),
    };
    let mut flags: BTreeMap<String, Flag> = BTreeMap::new();
    let mut pending: Option<String> = None;
    for (word, at) in expand(&command, &env, command_at.as_ref()) {
        if let Some(name) = pending.take() {
            if !word.starts_with("--") {
                flags.insert(
                    name,
                    Flag {
                        value: word,
                        location: at,
                    },
                );
                continue;
            }
            flags.insert(
                name,
                Flag {
                    value: String::new(),
                    location: at.clone(),
                },
            );
        }
        let Some(flag) = word.strip_prefix("--") else {
            continue;
        };
        match flag.split_once('=') {
            Some((k, v)) => {
                flags.insert(
                    k.to_string(),
                    Flag {
                        value: unquote(v),
                        location: at,
                    },
                );
            }
            None => pending = Some(flag.to_string()),
        }
    }
    if let Some(name) = pending {
        let at = command_at.clone().unwrap_or_else(|| loc(&"".into(), 0, ""));
        flags.insert(
            name,
            Flag {
                value: String::new(),
                location: at,
            },
        );
    }
    let config_path = match flags.get("config") {
        Some(f) if !f.value.is_empty() => Some(under(root, &f.value)),
        Some(_) => None,
        None if !has_definition => CONFIG_FILES
            .iter()
            .map(|c| root.join(c))
            .find(|p| p.is_file()),
        None => None,
    };
    let mut config = None;
    if let Some(path) = &config_path {
        let name: Arc<str> = path.display().to_string().into();
        match std::fs::read(path) {
            Ok(bytes) => match parse_bytes(&bytes, &Limits::default()).into_iter().next() {
                Some(Ok(doc)) if doc.root.is_map() => {
                    config = Some((name, doc.root, String::new()))
                }
                Some(Ok(_)) | None => problems.push(NodeProblem {
                    file: name.to_string(),
                    line: 1,
                    message: "not a KubeletConfiguration (expected a mapping)".into(),
                }),
                Some(Err(e)) => problems.push(NodeProblem {
                    file: name.to_string(),
                    line: e.line,
                    message: e.message,
                }),
            },
            Err(e) => problems.push(NodeProblem {
                file: name.to_string(),
                line: 0,
                message: format!(
                    "cannot read the kubelet config: {}",
                    crate::source::io_reason(&e)
                ),
            }),
        }
    }
    let kubelet = (has_definition || config.is_some()).then(|| Kubelet {
        resource: Resource {
            api_version: "v1".into(),
            kind: "Node".into(),
            namespace: None,
            // The node's own name when the root holds one, else the folder audited.
            name: std::fs::read_to_string(root.join("etc/hostname"))
                .ok()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty() && !h.contains(char::is_whitespace))
                .unwrap_or_else(|| root.display().to_string()),
        },
        location: unit_location
            .or_else(|| config.as_ref().map(|(f, _, _)| loc(f, 1, "")))
            .unwrap_or_else(|| loc(&root.display().to_string().into(), 0, "")),
        flags,
        config,
        has_flags: has_definition,
    });
    let mut files = Vec::new();
    let kubeconfig = kubelet
        .as_ref()
        .and_then(|k| k.flags.get("kubeconfig"))
        .map(|f| f.value.clone())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| format!("/{KUBECONFIG}"));
    let mut wanted = vec![
        (FileRole::Kubeconfig, kubeconfig),
        (FileRole::AzureJson, format!("/{AZURE_JSON}")),
    ];
    if let Some(p) = &config_path {
        let node_path = p
            .strip_prefix(root)
            .map(|r| format!("/{}", r.display()))
            .unwrap_or_else(|_| p.display().to_string());
        wanted.push((FileRole::KubeletConfig, node_path));
    }
    for (role, node_path) in wanted {
        if let Some(f) = file_facts(root, role, &node_path) {
            files.push(f);
        }
    }
    (
        NodeFacts {
            root: root.to_path_buf(),
            kubelet,
            files,
        },
        problems,
    )
}

#[cfg(unix)]
fn file_facts(root: &Path, role: FileRole, node_path: &str) -> Option<FileFacts> {
    use std::os::unix::fs::MetadataExt;
    let path = under(root, node_path);
    let meta = std::fs::metadata(&path).ok()?;
    let name: Arc<str> = path.display().to_string().into();
    Some(FileFacts {
        role,
        node_path: node_path.to_string(),
        location: loc(&name, 0, ""),
        mode: meta.mode() & 0o7777,
        uid: meta.uid(),
        gid: meta.gid(),
    })
}

#[cfg(not(unix))]
fn file_facts(_root: &Path, _role: FileRole, _node_path: &str) -> Option<FileFacts> {
    None
}

fn loc(file: &Arc<str>, line: u32, path: &str) -> Location {
    Location {
        file: file.clone(),
        line,
        column: if line == 0 { 0 } else { 1 },
        path: path.to_string(),
    }
}

/// A node path (`/etc/default/kubelet`) under the collection root.
fn under(root: &Path, node_path: &str) -> PathBuf {
    root.join(node_path.trim_start_matches('/'))
}

/// Lines with `\` continuations joined and comments dropped, with their first line number.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if current.is_empty() {
            start = i as u32 + 1;
            let t = line.trim_start();
            if t.starts_with('#') || t.starts_with(';') {
                continue;
            }
        }
        match line.strip_suffix('\\') {
            Some(head) => {
                current.push_str(head);
                current.push(' ');
            }
            None => {
                current.push_str(line);
                out.push((start, std::mem::take(&mut current)));
            }
        }
    }
    if !current.is_empty() {
        out.push((start, current));
    }
    out
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['"', '\''] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return t[1..t.len() - 1].to_string();
        }
    }
    t.to_string()
}

/// Splits on whitespace outside quotes, removing the quotes.
fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        out.push(cur);
    }
    out
}

/// The command line's words with `$VAR` / `${VAR}` replaced by their values (each word keeps
/// the location of the variable that supplied it).
fn expand(
    command: &str,
    env: &BTreeMap<String, (String, Location)>,
    at: Option<&Location>,
) -> Vec<(String, Location)> {
    let fallback = at.cloned().unwrap_or_else(|| loc(&"".into(), 0, ""));
    let mut out = Vec::new();
    for word in split_words(command) {
        let name = word
            .strip_prefix("${")
            .and_then(|w| w.strip_suffix('}'))
            .or_else(|| word.strip_prefix('$'));
        match name {
            Some(var) if var.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                if let Some((value, vat)) = env.get(var) {
                    for w in split_words(value) {
                        out.push((w, vat.clone()));
                    }
                }
            }
            _ => out.push((word, fallback.clone())),
        }
    }
    out
}

/// Every kubelet the inventory describes: the node `rampart node` collected, and each
/// `KubeletConfiguration` manifest a scan read (use [`Inventory::kubelets`], which keeps them).
pub fn read_kubelets(inv: &Inventory) -> Vec<Kubelet> {
    let mut out: Vec<Kubelet> = inv.node.iter().filter_map(|n| n.kubelet.clone()).collect();
    out.extend(
        inv.objects_of("KubeletConfiguration")
            .filter(|o| o.group() == "kubelet.config.k8s.io")
            .map(Kubelet::from_object),
    );
    out
}

/// The collected files with `role`.
pub fn files(inv: &Inventory, role: FileRole) -> impl Iterator<Item = &FileFacts> {
    inv.node
        .iter()
        .flat_map(|n| n.files.iter())
        .filter(move |f| f.role == role)
}

/// The check of a kubelet setting rule: `judge` gives each kubelet of the input its verdict and
/// the place it is about.
pub fn judge_each(inv: &Inventory, out: &mut Emit, judge: fn(&Kubelet) -> (Location, Verdict)) {
    for k in inv.kubelets() {
        let (location, verdict) = judge(k);
        emit(out, k.resource.clone(), location, verdict);
    }
}

/// Reports a file's verdict.
pub fn report_file(out: &mut Emit, f: &FileFacts, verdict: Verdict) {
    let resource = Resource {
        api_version: "v1".into(),
        kind: "Node".into(),
        namespace: None,
        name: f.node_path.clone(),
    };
    emit(out, resource, f.location.clone(), verdict);
}

fn emit(out: &mut Emit, resource: Resource, location: Location, verdict: Verdict) {
    let message = match verdict {
        Verdict::Pass => return,
        Verdict::Fail(m) | Verdict::FailAt(_, m) => m,
        Verdict::Unknown(m) => format!("{}{m}", crate::aks::UNKNOWN_PREFIX),
    };
    out.finding(resource, location, message);
}
