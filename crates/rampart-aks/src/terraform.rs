//! Terraform: `azurerm_kubernetes_cluster` and `azurerm_kubernetes_cluster_node_pool` from HCL
//! (`.tf`), Terraform's JSON configuration syntax (`.tf.json`) and `terraform show -json` plans.
//!
//! HCL is first turned into the JSON configuration syntax Terraform itself defines (blocks as
//! nested objects and lists, every non-literal expression as a `"${…}"` string), as a
//! position-keeping [`Node`] tree; both configuration forms are then read the same way.
//! `var.x` and `local.y` resolve from variable defaults and locals; any other expression (a
//! reference to another resource, a function call, a conditional) is [`Prop::Unknown`].

use std::collections::HashMap;
use std::sync::Arc;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::Span;
use rampart_document::{Entry, Node, Pos, Value as NodeValue};

use crate::model::{
    network_key, AgentPool, Collected, DefenderPlan, Definitions, DiagnosticSetting, Dialect,
    LogCategory, MaintenanceConfig, ManagedCluster, SecurityGroup, SecurityRule, Subnet,
};
use crate::prop::{At, Prop, Syntax, Value};

const CLUSTER: &str = "azurerm_kubernetes_cluster";
const NODE_POOL: &str = "azurerm_kubernetes_cluster_node_pool";
const DIAGNOSTIC: &str = "azurerm_monitor_diagnostic_setting";
const PRICING: &str = "azurerm_security_center_subscription_pricing";
const SUBNET: &str = "azurerm_subnet";
const NSG_ASSOCIATION: &str = "azurerm_subnet_network_security_group_association";
const NSG: &str = "azurerm_network_security_group";
const NSG_RULE: &str = "azurerm_network_security_rule";
/// The resource types read; everything else in a configuration is ignored.
const READ: &[&str] = &[
    CLUSTER,
    NODE_POOL,
    DIAGNOSTIC,
    PRICING,
    SUBNET,
    NSG_ASSOCIATION,
    NSG,
    NSG_RULE,
];
const API_VERSION: &str = "azurerm";

/// An HCL file that could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HclError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Parses HCL into Terraform's JSON configuration form, keeping positions.
pub fn hcl_to_node(text: &str) -> Result<Node, HclError> {
    let body = hcl_edit::parser::parse_body(text).map_err(|e| HclError {
        line: e.location().line() as u32,
        column: e.location().column() as u32,
        message: e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid HCL")
            .to_string(),
    })?;
    let lines = LineIndex::new(text);
    let mut root = Tree::default();
    for structure in body.iter() {
        match structure {
            Structure::Attribute(a) => {
                let pos = lines.pos(a.span());
                root.insert_value(a.key.as_str(), expression(&a.value, text, &lines), pos);
            }
            Structure::Block(b) => {
                let pos = lines.pos(b.span());
                let mut keys: Vec<String> = vec![b.ident.as_str().to_string()];
                keys.extend(b.labels.iter().map(|l| l.as_str().to_string()));
                let inner = block_body(&b.body, text, &lines, pos);
                root.insert_block(&keys, inner, pos);
            }
        }
    }
    Ok(root.into_node(Pos::new(1, 1)))
}

/// Byte offset → line and column.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn pos(&self, span: Option<std::ops::Range<usize>>) -> Pos {
        let Some(span) = span else {
            return Pos::new(1, 1);
        };
        let line = self.starts.partition_point(|&s| s <= span.start).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..span.start)
            .map_or(1, |s| s.chars().count() + 1);
        Pos::new(line as u32, column as u32)
    }
}

/// Top-level blocks merged by type and labels, as in Terraform's JSON syntax.
#[derive(Default)]
struct Tree {
    entries: Vec<(String, Pos, Slot)>,
}

enum Slot {
    Tree(Tree),
    Node(Node),
}

impl Tree {
    fn insert_value(&mut self, key: &str, node: Node, pos: Pos) {
        self.entries.push((key.to_string(), pos, Slot::Node(node)));
    }

    fn insert_block(&mut self, keys: &[String], body: Node, pos: Pos) {
        let Some((first, rest)) = keys.split_first() else {
            return;
        };
        if rest.is_empty() {
            // `locals {}` and `terraform {}` blocks merge their attributes.
            if let Some((_, _, Slot::Tree(t))) =
                self.entries.iter_mut().find(|(k, _, _)| k == first)
            {
                for e in body.entries() {
                    t.insert_value(&e.key, e.value.clone(), e.key_pos);
                }
                return;
            }
            let mut t = Tree::default();
            for e in body.entries() {
                t.insert_value(&e.key, e.value.clone(), e.key_pos);
            }
            self.entries.push((first.clone(), pos, Slot::Tree(t)));
            return;
        }
        let existing = self
            .entries
            .iter_mut()
            .find(|(k, _, s)| k == first && matches!(s, Slot::Tree(_)));
        match existing {
            Some((_, _, Slot::Tree(t))) => t.insert_block(rest, body, pos),
            _ => {
                let mut t = Tree::default();
                t.insert_block(rest, body, pos);
                self.entries.push((first.clone(), pos, Slot::Tree(t)));
            }
        }
    }

    fn into_node(self, pos: Pos) -> Node {
        let entries: Vec<Entry> = self
            .entries
            .into_iter()
            .map(|(key, key_pos, slot)| Entry {
                key: key.into(),
                key_pos,
                value: match slot {
                    Slot::Tree(t) => t.into_node(key_pos),
                    Slot::Node(n) => n,
                },
            })
            .collect();
        Node::new(NodeValue::Map(entries.into_boxed_slice()), pos)
    }
}

/// A block body: attributes as values, nested blocks as lists of objects under their type.
fn block_body(body: &Body, text: &str, lines: &LineIndex, pos: Pos) -> Node {
    let mut entries: Vec<Entry> = Vec::new();
    for structure in body.iter() {
        match structure {
            Structure::Attribute(a) => entries.push(Entry {
                key: a.key.as_str().into(),
                key_pos: lines.pos(a.span()),
                value: expression(&a.value, text, lines),
            }),
            // `dynamic "x" { for_each = … }` writes zero or more `x` blocks decided at plan
            // time: the block is unknown, not absent.
            Structure::Block(b) if b.ident.as_str() == "dynamic" && b.labels.len() == 1 => {
                let bpos = lines.pos(b.span());
                let name = b.labels[0].as_str();
                entries.retain(|e| &*e.key != name);
                entries.push(Entry {
                    key: name.into(),
                    key_pos: bpos,
                    value: Node::new(
                        NodeValue::Str(format!("${{dynamic \"{name}\" block}}").into()),
                        bpos,
                    ),
                });
            }
            Structure::Block(b) => {
                let bpos = lines.pos(b.span());
                let inner = block_body(&b.body, text, lines, bpos);
                let key = b.ident.as_str();
                if let Some(e) = entries.iter_mut().find(|e| &*e.key == key) {
                    if let NodeValue::Seq(items) = &mut e.value.value {
                        let mut v = std::mem::take(items).into_vec();
                        v.push(inner);
                        *items = v.into_boxed_slice();
                        continue;
                    }
                }
                entries.push(Entry {
                    key: key.into(),
                    key_pos: bpos,
                    value: Node::new(NodeValue::Seq(vec![inner].into_boxed_slice()), bpos),
                });
            }
        }
    }
    Node::new(NodeValue::Map(entries.into_boxed_slice()), pos)
}

/// A literal becomes its value; anything else its source text wrapped in `${…}`.
fn expression(e: &Expression, text: &str, lines: &LineIndex) -> Node {
    let pos = lines.pos(e.span());
    let value = match e {
        Expression::Null(_) => NodeValue::Null,
        Expression::Bool(b) => NodeValue::Bool(*b.value()),
        Expression::Number(n) => match n.as_i64() {
            Some(i) => NodeValue::Int(i),
            None => NodeValue::Float(n.as_f64().unwrap_or(0.0)),
        },
        Expression::String(s) => NodeValue::Str(escape_template(s.value()).into()),
        Expression::Array(a) => NodeValue::Seq(
            a.iter()
                .map(|x| expression(x, text, lines))
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        ),
        Expression::Object(o) => NodeValue::Map(
            o.iter()
                .map(|(k, v)| {
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                        ObjectKey::Expression(x) => source(x.span(), text),
                    };
                    Entry {
                        key: key.into(),
                        key_pos: lines.pos(k.span()),
                        value: expression(v.expr(), text, lines),
                    }
                })
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        ),
        // A quoted template is already in the JSON syntax's form: `"${var.x}-aks"`.
        Expression::StringTemplate(_) => {
            let raw = source(e.span(), text);
            let inner = raw
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(&raw);
            NodeValue::Str(inner.into())
        }
        Expression::Parenthesis(p) => return expression(p.inner(), text, lines),
        _ => NodeValue::Str(format!("${{{}}}", source(e.span(), text)).into()),
    };
    Node::new(value, pos)
}

fn source(span: Option<std::ops::Range<usize>>, text: &str) -> String {
    span.and_then(|s| text.get(s))
        .unwrap_or("")
        .trim()
        .to_string()
}

/// A literal string written in HCL must not be read as an interpolation later.
fn escape_template(s: &str) -> String {
    s.replace("${", "$${").replace("%{", "%%{")
}

/// Whether a document came from Terraform configuration (HCL or `.tf.json`).
pub fn is_configuration(file: &str) -> bool {
    file.ends_with(".tf") || file.ends_with(".tf.json")
}

/// Whether a document is `terraform show -json` output.
pub fn is_plan(root: &Node) -> bool {
    root.get("planned_values").is_some()
        || (root.get("format_version").is_some() && root.get("resource_changes").is_some())
}

/// Variable defaults and locals of one module (the `.tf` files of one folder).
#[derive(Default)]
pub struct Module<'a> {
    variables: HashMap<String, &'a Node>,
    locals: HashMap<String, &'a Node>,
}

/// Terraform's strings: templates, resolved in `module` after `depth` references.
struct Templates<'m, 'a> {
    module: &'m Module<'a>,
    depth: u32,
}

impl Syntax for Templates<'_, '_> {
    fn string(&self, s: &str, at: At) -> Prop {
        self.module.template(s, at, self.depth)
    }
}

impl<'a> Module<'a> {
    pub fn add(&mut self, root: &'a Node) {
        for e in root.get("variable").map(Node::entries).unwrap_or(&[]) {
            if let Some(d) = e.value.get("default") {
                self.variables.insert(e.key.to_string(), d);
            }
        }
        for e in root.get("locals").map(Node::entries).unwrap_or(&[]) {
            self.locals.insert(e.key.to_string(), &e.value);
        }
    }

    /// A configuration subtree with `${var.x}` and `${local.y}` resolved (see
    /// [`Prop::convert`]); `depth` counts references followed, against reference cycles.
    fn convert(&self, node: &Node, path: &str, pin: Option<Pos>, depth: u32) -> Prop {
        Prop::convert(
            node,
            path,
            pin,
            &Templates {
                module: self,
                depth,
            },
        )
    }

    /// A string in template syntax: literal text, `${ref}` interpolations, `$${` escapes.
    fn template(&self, s: &str, at: At, depth: u32) -> Prop {
        if !s.contains("${") && !s.contains("%{") {
            return Prop::Known(Value::Str(s.to_string()), at);
        }
        let mut out = String::new();
        let mut rest = s;
        loop {
            let Some(i) = rest.find(['$', '%']) else {
                out.push_str(rest);
                break;
            };
            let tail = &rest[i..];
            if tail.starts_with("$${") || tail.starts_with("%%{") {
                out.push_str(&rest[..i + 1]);
                out.push('{');
                rest = &tail[3..];
                continue;
            }
            if tail.starts_with("%{") {
                return Prop::Unknown(format!("template directive in {s:?}"), at);
            }
            if !tail.starts_with("${") {
                out.push_str(&rest[..i + 1]);
                rest = &tail[1..];
                continue;
            }
            out.push_str(&rest[..i]);
            let Some(end) = matching_brace(&tail[2..]) else {
                return Prop::Unknown(format!("unterminated interpolation in {s:?}"), at);
            };
            let expr = tail[2..2 + end].trim();
            let value = self.reference(expr, &at, depth);
            // A whole-string interpolation keeps the value's type (lists, booleans).
            if i == 0 && 2 + end + 1 == tail.len() && out.is_empty() {
                return value;
            }
            match &value {
                Prop::Known(Value::Str(v), _) => out.push_str(v),
                Prop::Known(Value::Int(v), _) => out.push_str(&v.to_string()),
                Prop::Known(Value::Bool(v), _) => out.push_str(&v.to_string()),
                Prop::Unknown(..) => return value,
                _ => {
                    return Prop::Unknown(
                        format!("`{expr}` is not text and cannot be interpolated"),
                        at,
                    )
                }
            }
            rest = &tail[2 + end + 1..];
        }
        Prop::Known(Value::Str(out), at)
    }

    fn reference(&self, expr: &str, at: &At, depth: u32) -> Prop {
        let lookup = |map: &HashMap<String, &'a Node>, key: &str, what: &str| -> Prop {
            match map.get(key) {
                Some(node) if depth < 16 => {
                    let p = self.convert(node, &at.path, Some(at.pos), depth + 1);
                    match p {
                        Prop::Known(v, _) => Prop::Known(v, at.clone()),
                        Prop::Absent(_) => Prop::Absent(at.clone()),
                        u => u,
                    }
                }
                Some(_) => Prop::Unknown(format!("{what} `{key}` refers to itself"), at.clone()),
                None if what == "variable" => Prop::Unknown(
                    format!("variable `{key}` has no default (set at plan time)"),
                    at.clone(),
                ),
                None => Prop::Unknown(format!("local `{key}` is not defined"), at.clone()),
            }
        };
        let simple = |prefix: &str| {
            expr.strip_prefix(prefix).filter(|k| {
                k.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            })
        };
        if let Some(key) = simple("var.") {
            return lookup(&self.variables, key, "variable");
        }
        if let Some(key) = simple("local.") {
            return lookup(&self.locals, key, "local");
        }
        Prop::Unknown(
            format!("`{expr}` is only known when Terraform plans"),
            at.clone(),
        )
    }
}

fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut prev = '\0';
    for (i, c) in s.char_indices() {
        match c {
            '"' if prev != '\\' => in_str = !in_str,
            '{' if !in_str => depth += 1,
            '}' if !in_str => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// One resource of a configuration or a plan, ready to be mapped.
struct Resource<'n> {
    file: Arc<str>,
    ty: String,
    name: String,
    /// `azurerm_kubernetes_cluster.main` (with any module prefix, for plans).
    address: String,
    body: Prop,
    /// The raw body, for reading references between resources.
    raw: Option<&'n Node>,
    /// For plan resources: what references each argument had in the configuration.
    references: HashMap<String, Vec<String>>,
}

/// Reads the Terraform configuration documents of one module.
pub fn read_configuration(docs: &[(Arc<str>, &Node)]) -> Definitions {
    let mut module = Module::default();
    for (_, root) in docs {
        module.add(root);
    }
    let mut resources = Vec::new();
    for (file, root) in docs {
        let Some(all) = root.get("resource") else {
            continue;
        };
        for ty in all.entries() {
            if !READ.contains(&&*ty.key) {
                continue;
            }
            for r in ty.value.entries() {
                let path = format!("resource.{}.{}", ty.key, r.key);
                // `.tf.json` may also write a resource body as a list of one object.
                let body_node = match &r.value.value {
                    NodeValue::Seq(items) if items.len() == 1 => &items[0],
                    _ => &r.value,
                };
                resources.push(Resource {
                    file: file.clone(),
                    ty: ty.key.to_string(),
                    name: r.key.to_string(),
                    address: format!("{}.{}", ty.key, r.key),
                    body: module.convert(body_node, &path, None, 0),
                    raw: Some(body_node),
                    references: HashMap::new(),
                });
            }
        }
    }
    assemble(resources, Dialect::Terraform)
}

/// Reads `terraform show -json` output: `planned_values` (every module), with the attributes
/// the plan cannot know yet (`resource_changes[].change.after_unknown`) marked unknown.
pub fn read_plan(file: &Arc<str>, root: &Node) -> Definitions {
    let mut unknown: HashMap<String, &Node> = HashMap::new();
    for rc in root.get("resource_changes").map(Node::items).unwrap_or(&[]) {
        if let (Some(addr), Some(u)) = (
            rc.get("address").and_then(Node::as_str),
            rc.path(&["change", "after_unknown"]),
        ) {
            unknown.insert(addr.to_string(), u);
        }
    }
    let mut references: HashMap<String, HashMap<String, Vec<String>>> = HashMap::new();
    collect_references(
        root.path(&["configuration", "root_module"]),
        "",
        &mut references,
    );
    let mut resources = Vec::new();
    let mut stack: Vec<(&Node, String)> = Vec::new();
    if let Some(m) = root.path(&["planned_values", "root_module"]) {
        stack.push((m, "planned_values.root_module".into()));
    }
    while let Some((module, path)) = stack.pop() {
        for (i, r) in module
            .get("resources")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let ty = r.get("type").and_then(Node::as_str).unwrap_or("");
            if !READ.contains(&ty) {
                continue;
            }
            let address = r
                .get("address")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            let rpath = format!("{path}.resources[{i}].values");
            let Some(values) = r.get("values") else {
                continue;
            };
            let mut body = Prop::from_node(values, &rpath);
            if let Some(u) = unknown.get(&address) {
                mark_unknown(&mut body, u);
            }
            let config_address = strip_index(&address);
            resources.push(Resource {
                file: file.clone(),
                ty: ty.to_string(),
                name: r
                    .get("name")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_string(),
                references: references.remove(&config_address).unwrap_or_default(),
                address,
                body,
                raw: None,
            });
        }
        for (i, child) in module
            .get("child_modules")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            stack.push((child, format!("{path}.child_modules[{i}]")));
        }
    }
    assemble(resources, Dialect::TerraformPlan)
}

/// `module.a.azurerm_x.y[0]` → `module.a.azurerm_x.y` (configuration addresses have no index).
fn strip_index(address: &str) -> String {
    match address.rfind('[') {
        Some(i) if address.ends_with(']') => address[..i].to_string(),
        _ => address.to_string(),
    }
}

fn collect_references(
    module: Option<&Node>,
    prefix: &str,
    out: &mut HashMap<String, HashMap<String, Vec<String>>>,
) {
    let Some(module) = module else { return };
    for r in module.get("resources").map(Node::items).unwrap_or(&[]) {
        let Some(addr) = r.get("address").and_then(Node::as_str) else {
            continue;
        };
        let mut refs = HashMap::new();
        for e in r.get("expressions").map(Node::entries).unwrap_or(&[]) {
            let list: Vec<String> = e
                .value
                .get("references")
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .filter_map(|n| n.as_str().map(|s| format!("{prefix}{s}")))
                .collect();
            refs.insert(e.key.to_string(), list);
        }
        out.insert(format!("{prefix}{addr}"), refs);
    }
    for e in module.get("module_calls").map(Node::entries).unwrap_or(&[]) {
        collect_references(
            e.value.path(&["module"]),
            &format!("{prefix}module.{}.", e.key),
            out,
        );
    }
}

/// Marks the attributes a plan reports as `after_unknown: true`.
fn mark_unknown(body: &mut Prop, unknown: &Node) {
    match (&unknown.value, body) {
        (NodeValue::Bool(true), p) => {
            let at = p.at().clone();
            *p = Prop::Unknown("computed when the plan is applied".into(), at);
        }
        (NodeValue::Map(entries), Prop::Known(Value::Map(values), at)) => {
            for e in entries.iter() {
                match values.iter_mut().find(|(k, _)| k == &*e.key) {
                    Some((_, v)) => mark_unknown(v, &e.value),
                    None if e.value.as_bool() == Some(true) => values.push((
                        e.key.to_string(),
                        Prop::Unknown("computed when the plan is applied".into(), at.child(&e.key)),
                    )),
                    None => {}
                }
            }
        }
        (NodeValue::Seq(items), Prop::Known(Value::List(values), _)) => {
            for (u, v) in items.iter().zip(values.iter_mut()) {
                mark_unknown(v, u);
            }
        }
        _ => {}
    }
}

/// Maps resources to clusters, attaching node pools and diagnostic settings.
fn assemble(resources: Vec<Resource>, dialect: Dialect) -> Definitions {
    let mut clusters: Vec<ManagedCluster> = resources
        .iter()
        .filter(|r| r.ty == CLUSTER)
        .map(|r| cluster_from_tf(r, dialect))
        .collect();
    let mut orphans = Vec::new();
    for r in resources.iter().filter(|r| r.ty == NODE_POOL) {
        let owner = target_cluster(r, "kubernetes_cluster_id", &clusters);
        let raw_subnet = argument_text(r, "vnet_subnet_id");
        let mut pool = pool_from_tf(&r.file, &r.body, &r.name, dialect, false, raw_subnet);
        match owner {
            Some(i) => {
                pool.cluster = Some(clusters[i].name.clone());
                clusters[i].agent_pools.push(pool);
            }
            None => orphans.push(pool),
        }
    }
    for r in resources.iter().filter(|r| r.ty == DIAGNOSTIC) {
        let Some(i) = target_cluster(r, "target_resource_id", &clusters) else {
            continue;
        };
        let setting = diagnostic_from_tf(r);
        if let Collected::Found(list) = &mut clusters[i].diagnostics {
            list.push(setting);
        }
    }
    let mut defender_plans = Vec::new();
    for r in resources.iter().filter(|r| r.ty == PRICING) {
        // `resource_type` defaults to VirtualMachines: only the Containers plan covers AKS.
        let containers = match r.body.get("resource_type").text() {
            Ok(Some(t)) => t.eq_ignore_ascii_case("Containers"),
            Ok(None) => false,
            Err(_) => true,
        };
        if containers {
            defender_plans.push(DefenderPlan {
                file: r.file.clone(),
                at: r.body.at().clone(),
                tier: r.body.get("tier").into_owned(),
            });
        }
    }
    let mut subnets = Vec::new();
    for r in resources.iter().filter(|r| r.ty == SUBNET) {
        let key = format!("{SUBNET}.{}", r.name);
        // The NSG is attached by a separate association resource naming the subnet.
        let association = resources.iter().find(|a| {
            a.ty == NSG_ASSOCIATION
                && argument_text(a, "subnet_id")
                    .and_then(|t| network_key(&t))
                    .is_some_and(|k| k == key)
        });
        let (nsg, nsg_key) = match association {
            Some(a) => (
                a.body.get("network_security_group_id").into_owned(),
                argument_text(a, "network_security_group_id").and_then(|t| network_key(&t)),
            ),
            None => (
                Prop::Absent(r.body.at().child("network_security_group")),
                None,
            ),
        };
        subnets.push(Subnet {
            file: r.file.clone(),
            at: r.body.at().clone(),
            key,
            nsg,
            nsg_key,
        });
    }
    let mut security_groups = Vec::new();
    for r in resources.iter().filter(|r| r.ty == NSG) {
        let rules = match r.body.get("security_rule").list() {
            Ok(Some(items)) => items.iter().map(security_rule_from_tf).collect(),
            _ => Vec::new(),
        };
        security_groups.push(SecurityGroup {
            file: r.file.clone(),
            at: r.body.at().clone(),
            key: format!("{NSG}.{}", r.name),
            rules,
        });
    }
    for r in resources.iter().filter(|r| r.ty == NSG_RULE) {
        if let Some(key) =
            argument_text(r, "network_security_group_name").and_then(|t| network_key(&t))
        {
            security_groups.push(SecurityGroup {
                file: r.file.clone(),
                at: r.body.at().clone(),
                key,
                rules: vec![security_rule_from_tf(&r.body)],
            });
        }
    }
    Definitions {
        clusters,
        pools: orphans,
        defender_plans,
        subnets,
        security_groups,
    }
}

/// An argument as written (`${azurerm_subnet.nodes.id}`), or its plan-time references, or
/// its value: what names another resource.
fn argument_text(r: &Resource, argument: &str) -> Option<String> {
    if let Some(t) = r.raw.and_then(|n| n.get(argument)).and_then(Node::as_str) {
        return Some(t.to_string());
    }
    if let Some(first) = r.references.get(argument).and_then(|l| l.first()) {
        return Some(first.clone());
    }
    r.body
        .get(argument)
        .text()
        .ok()
        .flatten()
        .map(|t| t.to_string())
}

/// A `security_rule` block or `azurerm_network_security_rule` resource.
fn security_rule_from_tf(rule: &Prop) -> SecurityRule {
    crate::model::security_rule(
        rule,
        rule,
        &crate::model::SecurityRuleFields {
            sources: ("source_address_prefix", "source_address_prefixes"),
            ports: ("destination_port_range", "destination_port_ranges"),
        },
    )
}

/// Which cluster an argument (`kubernetes_cluster_id`, `target_resource_id`) refers to: by
/// the reference written in the configuration, else the only cluster there is.
fn target_cluster(r: &Resource, argument: &str, clusters: &[ManagedCluster]) -> Option<usize> {
    let mut refs: Vec<String> = r.references.get(argument).cloned().unwrap_or_default();
    if let Some(text) = r.raw.and_then(|n| n.get(argument)).and_then(Node::as_str) {
        refs.push(text.to_string());
    }
    let written = r
        .body
        .get(argument)
        .text()
        .ok()
        .flatten()
        .map(|s| s.to_string());
    for (i, c) in clusters.iter().enumerate() {
        let Some(addr) = &c.address else { continue };
        let hit = refs.iter().any(|t| {
            t.contains(&format!("{addr}.")) || t.trim_start_matches("${").starts_with(addr.as_str())
        }) || written
            .as_deref()
            .is_some_and(|w| c.id.as_deref().is_some_and(|id| id.eq_ignore_ascii_case(w)));
        if hit {
            return Some(i);
        }
    }
    // A plan drops references for settings on existing clusters; a lone cluster is the one.
    if clusters.len() == 1 && (refs.is_empty() || r.raw.is_none()) {
        return Some(0);
    }
    None
}

fn block(body: &Prop, key: &str) -> Prop {
    match body.get(key).into_owned() {
        Prop::Known(Value::List(items), at) => match items.into_iter().next() {
            Some(first) => first,
            None => Prop::Absent(at),
        },
        other => other,
    }
}

/// A block's presence as a boolean (azurerm enables some features by writing the block).
fn presence(body: &Prop, key: &str) -> Prop {
    match block(body, key) {
        Prop::Known(_, at) => Prop::Known(Value::Bool(true), at),
        other => other,
    }
}

fn negate(p: Prop) -> Prop {
    match p {
        Prop::Known(Value::Bool(b), at) => Prop::Known(Value::Bool(!b), at),
        other => other,
    }
}

fn cluster_from_tf(r: &Resource, dialect: Dialect) -> ManagedCluster {
    let b = &r.body;
    let g = |k: &str| b.get(k).into_owned();
    let aad = block(b, "azure_active_directory_role_based_access_control");
    let aad_managed = match &aad {
        Prop::Known(..) => match aad.get("managed").into_owned() {
            // azurerm 4.x only has the managed integration.
            Prop::Absent(_) => Prop::Known(Value::Bool(true), aad.at().clone()),
            other => other,
        },
        other => other.clone(),
    };
    let api = block(b, "api_server_access_profile");
    let network = block(b, "network_profile");
    let addon = block(b, "addon_profile");
    let kv = block(b, "key_vault_secrets_provider");
    let oms = block(b, "oms_agent");
    let kms = block(b, "key_management_service");
    let defender = block(b, "microsoft_defender");
    let rbac_v2 = block(b, "role_based_access_control");
    let name = match b.get("name").text() {
        Ok(Some(n)) => n.to_string(),
        _ => r.name.clone(),
    };
    let mut pools = Vec::new();
    let default_pool = block(b, "default_node_pool");
    if let Prop::Known(..) = default_pool {
        let raw_subnet = r
            .raw
            .and_then(|n| n.get("default_node_pool"))
            .and_then(|p| p.items().first())
            .and_then(|p| p.get("vnet_subnet_id"))
            .and_then(Node::as_str)
            .map(str::to_string);
        let mut pool = pool_from_tf(&r.file, &default_pool, "", dialect, true, raw_subnet);
        pool.cluster = Some(name.clone());
        pools.push(pool);
    }
    let mut maintenance = Vec::new();
    for (key, reserved) in [
        (
            "maintenance_window_auto_upgrade",
            "aksManagedAutoUpgradeSchedule",
        ),
        (
            "maintenance_window_node_os",
            "aksManagedNodeOSUpgradeSchedule",
        ),
        ("maintenance_window", "default"),
    ] {
        let w = block(b, key);
        if let Prop::Known(_, at) = &w {
            maintenance.push(MaintenanceConfig {
                file: r.file.clone(),
                name: Prop::str_at(reserved, at.clone()),
                at: at.clone(),
                recurrence: w.get("frequency").into_owned(),
                time_in_week: w.get("allowed").into_owned(),
            });
        }
    }
    let first_of = |p: &Prop, keys: &[&str]| p.first_of(keys);
    ManagedCluster {
        file: r.file.clone(),
        name,
        api_version: API_VERSION.into(),
        dialect,
        at: b.at().clone(),
        id: b.get("id").text().ok().flatten().map(|s| s.to_string()),
        address: Some(r.address.clone()),
        kubernetes_version: g("kubernetes_version"),
        current_kubernetes_version: g("current_kubernetes_version"),
        support_plan: g("support_plan"),
        sku_tier: g("sku_tier"),
        enable_rbac: match g("role_based_access_control_enabled") {
            Prop::Absent(_) if !rbac_v2.is_absent() => rbac_v2.get("enabled").into_owned(),
            other => other,
        },
        disable_local_accounts: g("local_account_disabled"),
        aad_profile: aad.clone(),
        aad_managed,
        aad_azure_rbac: aad.get("azure_rbac_enabled").into_owned(),
        aad_admin_groups: aad.get("admin_group_object_ids").into_owned(),
        aad_server_app: aad.get("server_app_id").into_owned(),
        private_cluster: g("private_cluster_enabled"),
        private_cluster_public_fqdn: g("private_cluster_public_fqdn_enabled"),
        private_dns_zone: g("private_dns_zone_id"),
        authorized_ip_ranges: match api.get("authorized_ip_ranges").into_owned() {
            Prop::Absent(_) if !g("api_server_authorized_ip_ranges").is_absent() => {
                g("api_server_authorized_ip_ranges")
            }
            other => other,
        },
        vnet_integration: first_of(
            &api,
            &[
                "virtual_network_integration_enabled",
                "vnet_integration_enabled",
            ],
        ),
        api_server_subnet: api.get("subnet_id").into_owned(),
        disable_run_command: negate(g("run_command_enabled")),
        public_network_access: Prop::Absent(b.at().child("public_network_access")),
        identity_type: block(b, "identity").get("type").into_owned(),
        service_principal_client_id: block(b, "service_principal").get("client_id").into_owned(),
        workload_identity: g("workload_identity_enabled"),
        oidc_issuer: g("oidc_issuer_enabled"),
        pod_identity: Prop::Absent(b.at().child("pod_identity")),
        network_profile: network.clone(),
        network_plugin: network.get("network_plugin").into_owned(),
        network_plugin_mode: network.get("network_plugin_mode").into_owned(),
        network_dataplane: first_of(&network, &["network_data_plane", "ebpf_data_plane"]),
        network_policy: network.get("network_policy").into_owned(),
        outbound_type: network.get("outbound_type").into_owned(),
        azure_policy: match g("azure_policy_enabled") {
            Prop::Absent(_) if !addon.is_absent() => {
                block(&addon, "azure_policy").get("enabled").into_owned()
            }
            other => other,
        },
        kv_secrets_provider: presence(b, "key_vault_secrets_provider"),
        kv_secret_rotation: kv.get("secret_rotation_enabled").into_owned(),
        kv_rotation_interval: kv.get("secret_rotation_interval").into_owned(),
        kube_dashboard: block(&addon, "kube_dashboard").get("enabled").into_owned(),
        http_application_routing: match g("http_application_routing_enabled") {
            Prop::Absent(_) if !addon.is_absent() => block(&addon, "http_application_routing")
                .get("enabled")
                .into_owned(),
            other => other,
        },
        oms_agent: match presence(b, "oms_agent") {
            Prop::Absent(_) if !addon.is_absent() => {
                block(&addon, "oms_agent").get("enabled").into_owned()
            }
            other => other,
        },
        oms_workspace: oms.get("log_analytics_workspace_id").into_owned(),
        oms_aad_auth: oms.get("msi_auth_for_monitoring_enabled").into_owned(),
        prometheus_metrics: presence(b, "monitor_metrics"),
        kms_enabled: presence(b, "key_management_service"),
        kms_network_access: kms.get("key_vault_network_access").into_owned(),
        image_cleaner: g("image_cleaner_enabled"),
        defender_enabled: presence(b, "microsoft_defender"),
        defender_workspace: defender.get("log_analytics_workspace_id").into_owned(),
        disk_encryption_set: g("disk_encryption_set_id"),
        upgrade_channel: b.first_of(&["automatic_upgrade_channel", "automatic_channel_upgrade"]),
        node_os_upgrade_channel: b
            .first_of(&["node_os_upgrade_channel", "node_os_channel_upgrade"]),
        node_rg_restriction: Prop::Absent(b.at().child("node_resource_group_restriction")),
        ssh_public_keys: block(&block(b, "linux_profile"), "ssh_key")
            .get("key_data")
            .into_owned(),
        agent_pools: pools,
        maintenance: Collected::Found(maintenance),
        diagnostics: Collected::Found(Vec::new()),
    }
}

fn pool_from_tf(
    file: &Arc<str>,
    b: &Prop,
    fallback_name: &str,
    dialect: Dialect,
    default_pool: bool,
    raw_subnet: Option<String>,
) -> AgentPool {
    let g = |k: &str| b.get(k).into_owned();
    let name = match b.get("name").text() {
        Ok(Some(n)) => n.to_string(),
        _ => fallback_name.to_string(),
    };
    AgentPool {
        file: file.clone(),
        name,
        cluster: None,
        api_version: API_VERSION.into(),
        dialect,
        at: b.at().clone(),
        // The default node pool is the cluster's system pool.
        mode: if default_pool {
            Prop::str_at("System", b.at().clone())
        } else {
            g("mode")
        },
        os_type: g("os_type"),
        os_sku: g("os_sku"),
        orchestrator_version: g("orchestrator_version"),
        encryption_at_host: b.first_of(&["host_encryption_enabled", "enable_host_encryption"]),
        os_disk_type: g("os_disk_type"),
        fips: g("fips_enabled"),
        node_public_ip: b.first_of(&["node_public_ip_enabled", "enable_node_public_ip"]),
        node_public_ip_prefix: g("node_public_ip_prefix_id"),
        vnet_subnet: g("vnet_subnet_id"),
        pod_subnet: g("pod_subnet_id"),
        ssh_access: Prop::Absent(b.at().child("ssh_access")),
        node_taints: g("node_taints"),
        only_critical_addons: g("only_critical_addons_enabled"),
        pool_type: g("type"),
        kubelet_config: block(b, "kubelet_config"),
        linux_os_config: block(b, "linux_os_config"),
        subnet_key: raw_subnet.and_then(|t| network_key(&t)).or_else(|| {
            b.get("vnet_subnet_id")
                .text()
                .ok()
                .flatten()
                .and_then(|t| network_key(&t))
        }),
    }
}

fn diagnostic_from_tf(r: &Resource) -> DiagnosticSetting {
    let b = &r.body;
    let mut logs = Vec::new();
    for key in ["enabled_log", "log"] {
        if let Ok(Some(items)) = b.get(key).list() {
            for l in items.iter() {
                logs.push(LogCategory {
                    category: l.get("category").into_owned(),
                    category_group: l.get("category_group").into_owned(),
                    // `enabled_log` blocks are enabled by being written.
                    enabled: match (key, l.get("enabled").into_owned()) {
                        ("enabled_log", Prop::Absent(_)) => {
                            Prop::Known(Value::Bool(true), l.at().clone())
                        }
                        (_, p) => p,
                    },
                    at: l.at().clone(),
                });
            }
        }
    }
    DiagnosticSetting {
        file: r.file.clone(),
        name: match b.get("name").text() {
            Ok(Some(n)) => n.to_string(),
            _ => r.name.clone(),
        },
        at: b.at().clone(),
        target: b.get("target_resource_id").into_owned(),
        logs,
        destination: b.first_of(&[
            "log_analytics_workspace_id",
            "storage_account_id",
            "eventhub_authorization_rule_id",
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TF: &str = r#"
variable "policy" {
  default = "calico"
}
variable "ranges" {
  type = list(string)
}
locals {
  prefix = "prod"
}
resource "azurerm_kubernetes_cluster" "main" {
  name                    = "${local.prefix}-aks"
  private_cluster_enabled = false
  dns_prefix              = "$${literal}"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.nodes.id
  }
  network_profile {
    network_plugin = "azure"
    network_policy = var.policy
  }
  api_server_access_profile {
    authorized_ip_ranges = var.ranges
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  os_sku                = "Ubuntu"
}
"#;

    #[test]
    fn hcl_becomes_json_syntax_with_positions() {
        let node = hcl_to_node(TF).unwrap();
        let cluster = node
            .path(&["resource", "azurerm_kubernetes_cluster", "main"])
            .unwrap();
        assert_eq!(cluster.pos.line, 11);
        let pool = &cluster.get("default_node_pool").unwrap().items()[0];
        assert_eq!(
            pool.get("vnet_subnet_id").unwrap().as_str(),
            Some("${azurerm_subnet.nodes.id}")
        );
        assert_eq!(pool.get("vm_size").unwrap().pos.line, 17);
    }

    #[test]
    fn variables_resolve_and_references_stay_unknown() {
        let node = hcl_to_node(TF).unwrap();
        let file: Arc<str> = "main.tf".into();
        let defs = read_configuration(&[(file, &node)]);
        assert!(defs.pools.is_empty());
        let c = &defs.clusters[0];
        assert_eq!(c.name, "prod-aks");
        assert_eq!(c.network_policy.text().unwrap().unwrap(), "calico");
        assert_eq!(c.network_policy.pos().line, 22);
        assert!(c.authorized_ip_ranges.is_unknown());
        assert_eq!(c.agent_pools.len(), 2);
        assert!(c.agent_pools[0].vnet_subnet.is_unknown());
        assert_eq!(c.agent_pools[1].name, "user");
        assert!(c.private_cluster.bool() == Ok(Some(false)));
    }

    #[test]
    fn dynamic_blocks_are_unknown_not_absent() {
        let text = r#"
resource "azurerm_kubernetes_cluster" "m" {
  name = "m"
  dynamic "microsoft_defender" {
    for_each = var.defender ? [1] : []
    content {
      log_analytics_workspace_id = var.workspace
    }
  }
  default_node_pool {
    name = "system"
  }
}
"#;
        let node = hcl_to_node(text).unwrap();
        let defs = read_configuration(&[("m.tf".into(), &node)]);
        let c = &defs.clusters[0];
        assert!(c.defender_enabled.is_unknown(), "{:?}", c.defender_enabled);
        assert_eq!(c.defender_enabled.pos().line, 4);
    }

    #[test]
    fn bad_hcl_reports_its_line() {
        let err = hcl_to_node("resource \"x\" \"y\" {\n  a = \n}\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }
}
