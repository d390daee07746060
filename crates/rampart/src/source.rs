//! Finding input files and turning their documents into Kubernetes objects.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rampart_document::{parse_bytes, Limits, Node, Value};
use serde::Serialize;

use crate::object::Object;

/// Input that could not be read: which file, where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LoadError {
    pub file: Arc<str>,
    pub line: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub column: u32,
    pub message: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message),
            (l, 0) => write!(f, "{}:{}: {}", self.file, l, self.message),
            (l, c) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.message),
        }
    }
}

/// One thing to read: a file on disk or standard input.
#[derive(Clone, Debug)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn name(&self) -> Arc<str> {
        match self {
            Input::File(p) => p.display().to_string().into(),
            Input::Stdin => "<stdin>".into(),
        }
    }

    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::File(p) => fs::read(p),
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
        }
    }
}

/// File extensions read when walking a folder. Files named on the command line are always
/// read, whatever their extension.
const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "tf"];

/// Expands the command-line paths: folders recursively (sorted, hidden entries skipped),
/// `-` as standard input. Paths that do not exist become errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<LoadError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(e) => errors.push(LoadError {
                file: path.display().to_string().into(),
                line: 0,
                column: 0,
                message: format!("cannot read: {}", io_reason(&e)),
            }),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<LoadError>) {
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(LoadError {
                file: dir.display().to_string().into(),
                line: 0,
                column: 0,
                message: format!("cannot read folder: {}", io_reason(&e)),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Follow the entry itself but do not descend through symlinked folders (loops).
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, inputs, errors);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            inputs.push(Input::File(path));
        }
    }
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A document that is not a Kubernetes object: kept whole for engines that read other formats
/// (an `az aks show` cluster, an ARM template, a Terraform plan).
#[derive(Debug, Clone)]
pub struct RawDocument {
    pub file: Arc<str>,
    pub index: usize,
    pub root: Node,
}

/// What one input held.
#[derive(Debug, Default)]
pub struct Loaded {
    pub objects: Vec<Object>,
    /// Mapping and sequence documents that are not Kubernetes objects, and Terraform files.
    pub documents: Vec<RawDocument>,
    pub errors: Vec<LoadError>,
    /// Documents that are not Kubernetes objects (Helm values, tool configuration, …).
    pub skipped: usize,
}

/// Parses one input's bytes into objects. `List` and `*List` documents (what `kubectl get -o`
/// prints) contribute each of their items.
pub fn load_bytes(file: &Arc<str>, bytes: &[u8], limits: &Limits) -> Loaded {
    let mut loaded = Loaded::default();
    if file.ends_with(".tf") {
        load_terraform(file, bytes, limits, &mut loaded);
        return loaded;
    }
    let mut docs = parse_bytes(bytes, limits);
    // ARM templates may carry comments and trailing commas, which Azure accepts: blank them
    // (positions unchanged) and read again.
    if (file.ends_with(".json") || &**file == "<stdin>") && docs.iter().any(Result::is_err) {
        if let Some(text) = std::str::from_utf8(bytes)
            .ok()
            .and_then(rampart_aks::jsonc::blank)
        {
            docs = parse_bytes(text.as_bytes(), limits);
        }
    }
    for doc in docs {
        match doc {
            Ok(doc) => add_document(file, doc.index, doc.root, &mut loaded),
            Err(e) => loaded.errors.push(LoadError {
                file: file.clone(),
                line: e.line,
                column: e.column,
                message: e.message,
            }),
        }
    }
    loaded
}

/// Terraform HCL, kept as a document in Terraform's JSON configuration form.
fn load_terraform(file: &Arc<str>, bytes: &[u8], limits: &Limits, loaded: &mut Loaded) {
    let error = |line: u32, column: u32, message: String| LoadError {
        file: file.clone(),
        line,
        column,
        message,
    };
    if bytes.len() > limits.max_bytes {
        let message = format!(
            "file is {} bytes, larger than the {} byte limit",
            bytes.len(),
            limits.max_bytes
        );
        loaded.errors.push(error(1, 1, message));
        return;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            loaded
                .errors
                .push(error(1, 1, "not UTF-8 text: not a Terraform file".into()));
            return;
        }
    };
    match rampart_aks::hcl_to_node(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(root) => {
            loaded.skipped += 1;
            loaded.documents.push(RawDocument {
                file: file.clone(),
                index: 0,
                root,
            });
        }
        Err(e) => loaded.errors.push(error(
            e.line,
            e.column,
            format!("invalid HCL: {}", e.message),
        )),
    }
}

fn add_document(file: &Arc<str>, index: usize, root: Node, loaded: &mut Loaded) {
    if is_list(&root) {
        let Node { value, .. } = root;
        let Value::Map(entries) = value else { return };
        for entry in entries.into_vec() {
            if &*entry.key != "items" {
                continue;
            }
            let Value::Seq(items) = entry.value.value else {
                continue;
            };
            for (i, item) in items.into_vec().into_iter().enumerate() {
                add_object(file, format!("items[{i}]"), item, loaded);
            }
        }
        return;
    }
    match Object::from_node(file, String::new(), root) {
        Ok(o) => loaded.objects.push(o),
        // Sequences too: `az aks nodepool list` prints a bare array.
        Err(root) if root.is_map() || root.is_seq() => {
            loaded.skipped += 1;
            loaded.documents.push(RawDocument {
                file: file.clone(),
                index,
                root,
            });
        }
        Err(_) => loaded.skipped += 1,
    }
}

fn add_object(file: &Arc<str>, base_path: String, node: Node, loaded: &mut Loaded) {
    match Object::from_node(file, base_path, node) {
        Ok(o) => loaded.objects.push(o),
        Err(_) => loaded.skipped += 1,
    }
}

fn is_list(root: &Node) -> bool {
    let kind = root.get("kind").and_then(Node::as_str).unwrap_or("");
    kind.ends_with("List") && root.get("items").is_some_and(Node::is_seq)
}
