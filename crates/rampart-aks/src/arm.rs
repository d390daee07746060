//! ARM templates: the managed cluster, its agent pool and maintenance configuration children
//! and the diagnostic settings scoped to it, with template expressions evaluated as far as an
//! offline reader can: `parameters()` (from a parameters file, else the default),
//! `variables()`, `concat()`, `format()` and a few pure functions. Anything that needs a
//! deployment (`reference()`, `resourceGroup()`, `uniqueString()`…) becomes
//! [`Prop::Unknown`].

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use rampart_document::{join_key, Entry, Node, Pos, Value as NodeValue};

use crate::model::{
    cluster_from_arm, diagnostic_from_arm, maintenance_from_arm, pool_from_arm,
    security_rule_from_arm, subnet_from_arm, AgentPool, DefenderPlan, DiagnosticSetting, Dialect,
    MaintenanceConfig, ManagedCluster, SecurityGroup, Subnet,
};
use crate::prop::{At, Prop, Syntax, Value};

pub const CLUSTER_TYPE: &str = "Microsoft.ContainerService/managedClusters";
const POOL_TYPE: &str = "Microsoft.ContainerService/managedClusters/agentPools";
const MAINTENANCE_TYPE: &str =
    "Microsoft.ContainerService/managedClusters/maintenanceConfigurations";
const DIAGNOSTIC_TYPE: &str = "Microsoft.Insights/diagnosticSettings";
const DEPLOYMENT_TYPE: &str = "Microsoft.Resources/deployments";
const PRICING_TYPE: &str = "Microsoft.Security/pricings";
const NESTED_DIAGNOSTIC_TYPE: &str =
    "Microsoft.ContainerService/managedClusters/providers/diagnosticSettings";

/// Whether a document is an ARM deployment template.
pub fn is_template(root: &Node) -> bool {
    schema(root).is_some_and(|s| s.to_ascii_lowercase().contains("deploymenttemplate"))
}

/// Whether a document is an ARM parameters file.
pub fn is_parameters_file(root: &Node) -> bool {
    schema(root).is_some_and(|s| s.to_ascii_lowercase().contains("deploymentparameters"))
}

fn schema(root: &Node) -> Option<&str> {
    root.get("$schema").and_then(Node::as_str)
}

/// What one template holds.
#[derive(Debug, Default)]
pub struct Template {
    pub clusters: Vec<ManagedCluster>,
    /// Agent pool resources, with the cluster name they name.
    pub pools: Vec<AgentPool>,
    pub maintenance: Vec<(Option<String>, MaintenanceConfig)>,
    pub diagnostics: Vec<DiagnosticSetting>,
    pub defender_plans: Vec<DefenderPlan>,
    pub subnets: Vec<Subnet>,
    pub security_groups: Vec<SecurityGroup>,
}

/// Reads a template. `parameters` is a parameters file's root, whose values win over the
/// template's defaults.
pub fn read_template(file: &Arc<str>, root: &Node, parameters: Option<&Node>) -> Template {
    let ctx = Ctx::new(root, parameters);
    let mut out = Template::default();
    let Some(resources) = root.get("resources") else {
        return out;
    };
    // languageVersion 2.0 keys resources by symbolic name instead of listing them.
    match &resources.value {
        NodeValue::Seq(items) => {
            for (i, r) in items.iter().enumerate() {
                ctx.resource(file, r, &format!("resources[{i}]"), None, &mut out);
            }
        }
        NodeValue::Map(entries) => {
            for e in entries.iter() {
                ctx.resource(
                    file,
                    &e.value,
                    &join_key("resources", &e.key),
                    None,
                    &mut out,
                );
            }
        }
        _ => {}
    }
    out
}

/// Where a parameter's value comes from.
enum Param<'a> {
    /// A parameters file value or the default, still to be evaluated.
    Node(&'a Node),
    /// Passed by an enclosing deployment, already evaluated in its scope.
    Value(Prop),
    /// Why there is no value.
    Missing(String),
}

struct Ctx<'a> {
    /// Lower-cased name → the parameter's value.
    params: HashMap<String, Param<'a>>,
    vars: HashMap<String, &'a Node>,
    depth: Cell<u32>,
}

const MAX_DEPTH: u32 = 32;

impl<'a> Ctx<'a> {
    fn new(root: &'a Node, parameters: Option<&'a Node>) -> Ctx<'a> {
        let mut params = HashMap::new();
        for e in root.get("parameters").map(Node::entries).unwrap_or(&[]) {
            let supplied = parameters.and_then(|p| p.get("parameters")).and_then(|p| {
                p.entries()
                    .iter()
                    .rev()
                    .find(|s| s.key.eq_ignore_ascii_case(&e.key))
            });
            let value = match supplied {
                Some(s) if s.value.get("value").is_some() => {
                    Param::Node(s.value.get("value").unwrap())
                }
                Some(s) if s.value.get("reference").is_some() => {
                    Param::Missing(format!("parameter '{}' is a Key Vault reference", e.key))
                }
                _ => match e.value.get("defaultValue") {
                    Some(d) => Param::Node(d),
                    None => Param::Missing(format!(
                        "parameter '{}' has no default and no value in a parameters file",
                        e.key
                    )),
                },
            };
            params.insert(e.key.to_ascii_lowercase(), value);
        }
        let vars = root
            .get("variables")
            .map(Node::entries)
            .unwrap_or(&[])
            .iter()
            .map(|e| (e.key.to_ascii_lowercase(), &e.value))
            .collect();
        Ctx {
            params,
            vars,
            depth: Cell::new(0),
        }
    }

    fn resource(
        &self,
        file: &Arc<str>,
        node: &'a Node,
        path: &str,
        parent: Option<(&str, &str)>,
        out: &mut Template,
    ) {
        let r = self.convert(node, path, None);
        if let Ok(Some(false)) = r.get("condition").bool() {
            return;
        }
        let ty_prop = r.get("type");
        let Ok(Some(ty)) = ty_prop.text() else {
            return;
        };
        // A child resource's type and name are relative to its parent.
        let (full_type, name_prop) = match parent {
            Some((ptype, pname)) if !ty.contains('/') || !ty.contains('.') => {
                let name = r.get("name").into_owned();
                let full_name = match name.text() {
                    Ok(Some(n)) => Prop::str_at(format!("{pname}/{n}"), name.at().clone()),
                    _ => name.clone(),
                };
                (format!("{ptype}/{ty}"), full_name)
            }
            _ => (ty.to_string(), r.get("name").into_owned()),
        };
        let raw_name = node
            .get("name")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_string();
        let name = match name_prop.text() {
            Ok(Some(n)) => n.to_string(),
            _ => raw_name,
        };
        let api_version = match r.get("apiVersion").text() {
            Ok(Some(v)) => v.to_string(),
            _ => "unknown".into(),
        };
        let is = |t: &str| full_type.eq_ignore_ascii_case(t);
        let segments: Vec<&str> = name.split('/').collect();
        if is(DEPLOYMENT_TYPE) {
            self.deployment(file, node, &r, path, out);
        } else if is("Microsoft.Network/virtualNetworks") {
            if let Ok(Some(subnets)) = r.path(&["properties", "subnets"]).list() {
                for s in subnets.iter() {
                    if let Ok(Some(sub)) = s.get("name").text() {
                        let key =
                            format!("virtualnetworks/{name}/subnets/{sub}").to_ascii_lowercase();
                        out.subnets.push(subnet_from_arm(file, s, key));
                    }
                }
            }
        } else if is("Microsoft.Network/virtualNetworks/subnets") {
            if let [vnet, sub] = segments[..] {
                let key = format!("virtualnetworks/{vnet}/subnets/{sub}").to_ascii_lowercase();
                out.subnets.push(subnet_from_arm(file, &r, key));
            }
        } else if is("Microsoft.Network/networkSecurityGroups") {
            let rules = match r.path(&["properties", "securityRules"]).list() {
                Ok(Some(items)) => items.iter().map(security_rule_from_arm).collect(),
                _ => Vec::new(),
            };
            out.security_groups.push(SecurityGroup {
                file: file.clone(),
                at: r.at().clone(),
                key: format!("networksecuritygroups/{name}").to_ascii_lowercase(),
                rules,
            });
        } else if is("Microsoft.Network/networkSecurityGroups/securityRules") {
            if let [nsg, _] = segments[..] {
                out.security_groups.push(SecurityGroup {
                    file: file.clone(),
                    at: r.at().clone(),
                    key: format!("networksecuritygroups/{nsg}").to_ascii_lowercase(),
                    rules: vec![security_rule_from_arm(&r)],
                });
            }
        } else if is(PRICING_TYPE) {
            // Only the Containers plan covers AKS; an unresolved name might be it.
            let containers = match name_prop.text() {
                Ok(Some(n)) => n
                    .rsplit('/')
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("Containers")),
                Ok(None) => false,
                Err(_) => true,
            };
            if containers {
                out.defender_plans.push(DefenderPlan {
                    file: file.clone(),
                    at: r.at().clone(),
                    tier: r.path(&["properties", "pricingTier"]),
                });
            }
        } else if is(CLUSTER_TYPE) {
            out.clusters.push(cluster_from_arm(
                file,
                &r,
                name.clone(),
                api_version,
                Dialect::Arm,
            ));
        } else if is(POOL_TYPE) {
            let (cluster, pool) = split_child(&segments, &name);
            out.pools.push(pool_from_arm(
                file,
                &r,
                pool,
                cluster,
                api_version,
                Dialect::Arm,
            ));
        } else if is(MAINTENANCE_TYPE) {
            let (cluster, config) = split_child(&segments, &name);
            let name_prop = match name_prop {
                Prop::Known(_, at) => Prop::str_at(config, at),
                other => other,
            };
            out.maintenance
                .push((cluster, maintenance_from_arm(file, &r, name_prop)));
        } else if is(DIAGNOSTIC_TYPE) {
            let target = r.get("scope").into_owned();
            let target = match parent {
                Some((_, pname)) if target.is_absent() => {
                    Prop::str_at(format!("{CLUSTER_TYPE}/{pname}"), r.at().clone())
                }
                _ => target,
            };
            out.diagnostics
                .push(diagnostic_from_arm(file, &r, name.clone(), target));
        } else if is(NESTED_DIAGNOSTIC_TYPE) {
            // `cluster/Microsoft.Insights/setting`, a child of the cluster by name.
            let target = Prop::str_at(
                format!("{CLUSTER_TYPE}/{}", segments[0]),
                name_prop.at().clone(),
            );
            let setting = segments.last().copied().unwrap_or("").to_string();
            out.diagnostics
                .push(diagnostic_from_arm(file, &r, setting, target));
        }
        if let Some(children) = node.get("resources") {
            for (i, c) in children.items().iter().enumerate() {
                self.resource(
                    file,
                    c,
                    &format!("{path}.resources[{i}]"),
                    Some((&full_type, &name)),
                    out,
                );
            }
        }
    }

    /// A nested deployment with an inline template (what Bicep modules compile to). With the
    /// inner evaluation scope its parameters are what the deployment passes, evaluated here;
    /// with the outer scope (the default) the template sees this template's parameters.
    /// Linked templates (`templateLink`) are not fetched.
    fn deployment(
        &self,
        file: &Arc<str>,
        node: &'a Node,
        converted: &Prop,
        path: &str,
        out: &mut Template,
    ) {
        let Some(inner) = node.path(&["properties", "template"]) else {
            return;
        };
        let inner_scope = matches!(
            converted
                .path(&["properties", "expressionEvaluationOptions", "scope"])
                .text(),
            Ok(Some(s)) if s.eq_ignore_ascii_case("inner")
        );
        let base = format!("{path}.properties.template");
        let nested;
        let ctx = if inner_scope {
            let passed = converted.path(&["properties", "parameters"]);
            let mut c = Ctx::new(inner, None);
            for (key, param) in c.params.iter_mut() {
                let entry = match passed.entries() {
                    Ok(Some(entries)) => entries
                        .iter()
                        .rev()
                        .find(|(k, _)| k.eq_ignore_ascii_case(key))
                        .map(|(_, v)| v.clone()),
                    _ => None,
                };
                match entry {
                    Some(e) if !e.get("value").is_absent() => {
                        *param = Param::Value(e.get("value").into_owned());
                    }
                    Some(e) if !e.get("reference").is_absent() => {
                        *param =
                            Param::Missing(format!("parameter '{key}' is a Key Vault reference"));
                    }
                    _ => {}
                }
            }
            nested = c;
            &nested
        } else {
            self
        };
        match inner.get("resources").map(|r| &r.value) {
            Some(NodeValue::Seq(items)) => {
                for (i, r) in items.iter().enumerate() {
                    ctx.resource(file, r, &format!("{base}.resources[{i}]"), None, out);
                }
            }
            Some(NodeValue::Map(entries)) => {
                for e in entries.iter() {
                    ctx.resource(
                        file,
                        &e.value,
                        &join_key(&format!("{base}.resources"), &e.key),
                        None,
                        out,
                    );
                }
            }
            _ => {}
        }
    }

    /// A document subtree with every expression string evaluated (see [`Prop::convert`]).
    fn convert(&self, node: &Node, path: &str, pin: Option<Pos>) -> Prop {
        Prop::convert(node, path, pin, self)
    }

    fn eval_text(&self, text: &str, at: &At) -> Prop {
        let parsed = Parser {
            chars: text.chars().collect(),
            i: 0,
        }
        .parse();
        match parsed.and_then(|e| self.eval(&e, at)) {
            Ok(p) => p,
            Err(reason) => Prop::Unknown(format!("[{text}]: {reason}"), at.clone()),
        }
    }

    fn eval(&self, e: &Expr, at: &At) -> Result<Prop, String> {
        let depth = self.depth.get();
        if depth > MAX_DEPTH {
            return Err("expression nesting too deep (circular variables?)".into());
        }
        self.depth.set(depth + 1);
        let result = self.eval_inner(e, at);
        self.depth.set(depth);
        result
    }

    fn eval_inner(&self, e: &Expr, at: &At) -> Result<Prop, String> {
        let known = |v: Value| Ok(Prop::Known(v, at.clone()));
        match e {
            Expr::Str(s) => known(Value::Str(s.clone())),
            Expr::Int(i) => known(Value::Int(*i)),
            Expr::Member(base, key) => {
                let b = self.eval(base, at)?;
                match b.get(key).into_owned() {
                    Prop::Absent(_) => Err(format!("property '{key}' not found")),
                    p => unknown_to_err(p),
                }
            }
            Expr::Index(base, index) => {
                let b = self.eval(base, at)?;
                let i = self.eval(index, at)?;
                let p = match (&i, i.int(), i.text()) {
                    (Prop::Known(Value::Int(_), _), Ok(Some(n)), _) if n >= 0 => b.item(n as usize),
                    (_, _, Ok(Some(key))) => b.get(&key).into_owned(),
                    _ => return Err("unsupported index".into()),
                };
                match p {
                    Prop::Absent(_) => Err("index not found".into()),
                    p => unknown_to_err(p),
                }
            }
            Expr::Call(name, args) => self.call(&name.to_ascii_lowercase(), args, at),
        }
    }

    fn call(&self, name: &str, args: &[Expr], at: &At) -> Result<Prop, String> {
        let known = |v: Value| Ok(Prop::Known(v, at.clone()));
        let arg = |i: usize| -> Result<Prop, String> {
            args.get(i)
                .ok_or_else(|| format!("{name}() needs more arguments"))
                .and_then(|a| self.eval(a, at))
                .and_then(unknown_to_err)
        };
        let text = |i: usize| -> Result<String, String> {
            let p = arg(i)?;
            scalar_text(&p).ok_or_else(|| format!("{name}() argument {i} is not text"))
        };
        match name {
            "parameters" => {
                let key = text(0)?;
                match self.params.get(&key.to_ascii_lowercase()) {
                    Some(Param::Node(node)) => {
                        unknown_to_err(self.convert(node, &at.path, Some(at.pos)))
                            .map(|p| relocate(p, at))
                    }
                    Some(Param::Value(p)) => unknown_to_err(relocate(p.clone(), at)),
                    Some(Param::Missing(why)) => Err(why.clone()),
                    None => Err(format!("parameter '{key}' is not declared")),
                }
            }
            "variables" => {
                let key = text(0)?;
                match self.vars.get(&key.to_ascii_lowercase()) {
                    Some(node) => unknown_to_err(self.convert(node, &at.path, Some(at.pos)))
                        .map(|p| relocate(p, at)),
                    None => Err(format!("variable '{key}' is not declared")),
                }
            }
            "concat" => {
                let parts: Vec<Prop> = (0..args.len()).map(arg).collect::<Result<_, _>>()?;
                if parts
                    .iter()
                    .all(|p| matches!(p, Prop::Known(Value::List(_), _)))
                {
                    let mut items = Vec::new();
                    for p in parts {
                        if let Prop::Known(Value::List(l), _) = p {
                            items.extend(l);
                        }
                    }
                    return known(Value::List(items));
                }
                let mut s = String::new();
                for p in &parts {
                    s.push_str(&scalar_text(p).ok_or("concat() of text and non-text values")?);
                }
                known(Value::Str(s))
            }
            "format" => {
                let template = text(0)?;
                let values: Vec<String> = (1..args.len()).map(&text).collect::<Result<_, _>>()?;
                known(Value::Str(format_placeholders(&template, &values)?))
            }
            "tolower" => known(Value::Str(text(0)?.to_lowercase())),
            "toupper" => known(Value::Str(text(0)?.to_uppercase())),
            "trim" => known(Value::Str(text(0)?.trim().to_string())),
            "string" => known(Value::Str(text(0)?)),
            "replace" => known(Value::Str(text(0)?.replace(&text(1)?, &text(2)?))),
            "int" => {
                let t = text(0)?;
                t.trim()
                    .parse()
                    .map(Value::Int)
                    .map_err(|_| format!("int({t:?}) is not a number"))
                    .and_then(known)
            }
            "bool" => match arg(0)?.bool()? {
                Some(b) => known(Value::Bool(b)),
                None => Err("bool() of null".into()),
            },
            "true" if args.is_empty() => known(Value::Bool(true)),
            "false" if args.is_empty() => known(Value::Bool(false)),
            "null" if args.is_empty() => Ok(Prop::Absent(at.clone())),
            "not" => match arg(0)?.bool()? {
                Some(b) => known(Value::Bool(!b)),
                None => Err("not() of null".into()),
            },
            "and" | "or" => {
                let mut acc = name == "and";
                for i in 0..args.len() {
                    let b = arg(i)?.bool()?.ok_or("null operand")?;
                    acc = if name == "and" { acc && b } else { acc || b };
                }
                known(Value::Bool(acc))
            }
            "equals" => {
                let (a, b) = (arg(0)?, arg(1)?);
                known(Value::Bool(same_value(&a, &b)))
            }
            "empty" => {
                let p = arg(0)?;
                known(Value::Bool(!p.is_set()?))
            }
            "if" => {
                let cond = arg(0)?.bool()?.ok_or("if() condition is null")?;
                arg(if cond { 1 } else { 2 })
            }
            "createarray" => {
                let items: Vec<Prop> = (0..args.len()).map(arg).collect::<Result<_, _>>()?;
                known(Value::List(items))
            }
            "resourceid" => {
                // Subscription and resource group come from the deployment; the type and names
                // are what a later join needs.
                let parts: Vec<String> = (0..args.len()).map(&text).collect::<Result<_, _>>()?;
                let start = parts
                    .iter()
                    .position(|p| p.contains('/') && p.contains('.'))
                    .ok_or("resourceId() without a resource type")?;
                let ty = &parts[start];
                let names = &parts[start + 1..];
                let mut segs = ty.split('/');
                let mut id = format!(
                    "/subscriptions/{{subscription}}/resourceGroups/{{resourceGroup}}/providers/{}",
                    segs.next().unwrap_or("")
                );
                for (seg, n) in segs.zip(names) {
                    id.push('/');
                    id.push_str(seg);
                    id.push('/');
                    id.push_str(n);
                }
                known(Value::Str(id))
            }
            other => Err(format!(
                "{other}() depends on the deployment and is not evaluated offline"
            )),
        }
    }
}

/// Places a substituted value where the expression using it is written.
fn relocate(p: Prop, at: &At) -> Prop {
    match p {
        Prop::Known(v, _) => Prop::Known(v, at.clone()),
        Prop::Unknown(r, _) => Prop::Unknown(r, at.clone()),
        Prop::Absent(_) => Prop::Absent(at.clone()),
    }
}

fn unknown_to_err(p: Prop) -> Result<Prop, String> {
    match p {
        Prop::Unknown(r, _) => Err(r),
        p => Ok(p),
    }
}

fn scalar_text(p: &Prop) -> Option<String> {
    match p {
        Prop::Known(Value::Str(s), _) => Some(s.clone()),
        Prop::Known(Value::Int(i), _) => Some(i.to_string()),
        Prop::Known(Value::Bool(b), _) => Some(b.to_string()),
        _ => None,
    }
}

fn same_value(a: &Prop, b: &Prop) -> bool {
    match (a, b) {
        (Prop::Known(Value::Str(x), _), Prop::Known(Value::Str(y), _)) => x.eq_ignore_ascii_case(y),
        (Prop::Known(x, _), Prop::Known(y, _)) => x == y,
        (Prop::Absent(_), Prop::Absent(_)) => true,
        _ => false,
    }
}

fn format_placeholders(template: &str, values: &[String]) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let spec: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let index: usize = spec
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .parse()
                    .map_err(|_| format!("format() placeholder {{{spec}}} is not an index"))?;
                out.push_str(
                    values
                        .get(index)
                        .ok_or_else(|| format!("format() has no argument {index}"))?,
                );
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

fn split_child(segments: &[&str], name: &str) -> (Option<String>, String) {
    match segments {
        [cluster, child] => (Some(cluster.to_string()), child.to_string()),
        _ => (None, name.to_string()),
    }
}

/// The expression inside `[…]`, or `None` for a literal (`[[` escapes a literal bracket).
pub(crate) fn expression_text(s: &str) -> Option<&str> {
    let t = s.trim();
    if t.starts_with("[[") || !t.starts_with('[') || !t.ends_with(']') {
        return None;
    }
    Some(&t[1..t.len() - 1])
}

fn unescape_literal(s: &str) -> &str {
    if s.trim_start().starts_with("[[") {
        &s.trim_start()[1..]
    } else {
        s
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Str(String),
    Int(i64),
    Call(String, Vec<Expr>),
    Member(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
}

struct Parser {
    chars: Vec<char>,
    i: usize,
}

/// ARM's strings: `[expression]` is evaluated, `[[` escapes a literal `[`; property copy loops
/// add the property they build, unknown here.
impl Syntax for Ctx<'_> {
    fn string(&self, s: &str, at: At) -> Prop {
        match expression_text(s) {
            Some(expr) => self.eval_text(expr, &at),
            None => Prop::Known(Value::Str(unescape_literal(s).to_string()), at),
        }
    }

    fn more_entries(&self, entries: &[Entry], path: &str, map: &mut Vec<(String, Prop)>) {
        // A property copy loop (`"copy": [{"name": "agentPoolProfiles", …}]`) builds the named
        // property at deployment time: it is there, but unknown here.
        for e in entries.iter().filter(|e| &*e.key == "copy") {
            for item in e.value.items() {
                if let Some(name) = item.get("name").and_then(Node::as_str) {
                    let at = At::new(item.pos, join_key(path, name));
                    map.push((
                        name.to_string(),
                        Prop::Unknown(format!("property copy loop `{name}` is not evaluated"), at),
                    ));
                }
            }
        }
    }
}

impl Parser {
    fn parse(mut self) -> Result<Expr, String> {
        let e = self.expr()?;
        self.ws();
        if self.i != self.chars.len() {
            return Err(format!("unexpected text at character {}", self.i + 1));
        }
        Ok(e)
    }

    fn ws(&mut self) {
        while self.chars.get(self.i).is_some_and(|c| c.is_whitespace()) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.ws();
        let mut e = match self.peek() {
            Some('\'') => {
                self.i += 1;
                let mut s = String::new();
                loop {
                    match self.peek() {
                        None => return Err("unterminated string".into()),
                        Some('\'') if self.chars.get(self.i + 1) == Some(&'\'') => {
                            s.push('\'');
                            self.i += 2;
                        }
                        Some('\'') => {
                            self.i += 1;
                            break;
                        }
                        Some(c) => {
                            s.push(c);
                            self.i += 1;
                        }
                    }
                }
                Expr::Str(s)
            }
            Some(c) if c.is_ascii_digit() || c == '-' => {
                let start = self.i;
                self.i += 1;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.i += 1;
                }
                let text: String = self.chars[start..self.i].iter().collect();
                Expr::Int(text.parse().map_err(|_| format!("bad number {text}"))?)
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let name = self.ident();
                self.ws();
                if self.peek() == Some('.') && !self.chars[self.i + 1..].is_empty() {
                    // A user-defined function `namespace.name(…)`.
                    let save = self.i;
                    self.i += 1;
                    let member = self.ident();
                    self.ws();
                    if self.peek() == Some('(') {
                        return Err(format!("user-defined function {name}.{member}()"));
                    }
                    self.i = save;
                }
                if self.peek() != Some('(') {
                    return match name.to_ascii_lowercase().as_str() {
                        "true" | "false" | "null" => Ok(Expr::Call(name, Vec::new())),
                        _ => Err(format!("bare name {name}")),
                    };
                }
                self.i += 1;
                let mut args = Vec::new();
                self.ws();
                if self.peek() == Some(')') {
                    self.i += 1;
                } else {
                    loop {
                        args.push(self.expr()?);
                        self.ws();
                        match self.peek() {
                            Some(',') => self.i += 1,
                            Some(')') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(format!("expected , or ) in {name}()")),
                        }
                    }
                }
                Expr::Call(name, args)
            }
            _ => return Err("expected a value".into()),
        };
        loop {
            self.ws();
            match self.peek() {
                Some('.') => {
                    self.i += 1;
                    let key = self.ident();
                    if key.is_empty() {
                        return Err("expected a property name after '.'".into());
                    }
                    e = Expr::Member(Box::new(e), key);
                }
                Some('[') => {
                    self.i += 1;
                    let index = self.expr()?;
                    self.ws();
                    if self.peek() != Some(']') {
                        return Err("expected ]".into());
                    }
                    self.i += 1;
                    e = Expr::Index(Box::new(e), Box::new(index));
                }
                _ => return Ok(e),
            }
        }
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            self.i += 1;
        }
        self.chars[start..self.i].iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_document::{parse_str, Limits};

    fn node(text: &str) -> Node {
        parse_str(text, &Limits::default()).remove(0).unwrap().root
    }

    fn eval(template: &str, params: Option<&str>, expr: &str) -> Prop {
        let t = node(template);
        let p = params.map(node);
        let ctx = Ctx::new(&t, p.as_ref());
        ctx.eval_text(expr, &At::new(Pos::new(9, 9), "x"))
    }

    const T: &str = r#"{"parameters": {"name": {"type": "string", "defaultValue": "aks1"},
        "policy": {"type": "string"}, "ranges": {"type": "array", "defaultValue": ["1.2.3.4/32"]}},
        "variables": {"prefix": "[concat(parameters('name'), '-x')]", "obj": {"a": {"b": true}}}}"#;

    #[test]
    fn parameters_variables_concat_format() {
        assert_eq!(
            eval(T, None, "parameters('name')").text().unwrap().unwrap(),
            "aks1"
        );
        assert_eq!(
            eval(T, None, "format('{0}/{1}', variables('prefix'), 'np')")
                .text()
                .unwrap()
                .unwrap(),
            "aks1-x/np"
        );
        assert_eq!(eval(T, None, "variables('obj').a.b").bool(), Ok(Some(true)));
        assert_eq!(
            eval(T, None, "parameters('ranges')")
                .list()
                .unwrap()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_parameters_file_wins_and_missing_values_are_unknown() {
        let params = r#"{"parameters": {"policy": {"value": "azure"}, "name": {"value": "prod"}}}"#;
        assert_eq!(
            eval(T, Some(params), "parameters('policy')")
                .text()
                .unwrap()
                .unwrap(),
            "azure"
        );
        assert_eq!(
            eval(T, Some(params), "parameters('name')")
                .text()
                .unwrap()
                .unwrap(),
            "prod"
        );
        let missing = eval(T, None, "parameters('policy')");
        assert!(missing.is_unknown(), "{missing:?}");
        assert!(eval(T, None, "reference('x').enabled").is_unknown());
        assert!(eval(T, None, "resourceGroup().location").is_unknown());
        assert!(eval(T, None, "parameters('nope')").is_unknown());
        assert!(eval(T, None, "concat(").is_unknown());
    }

    #[test]
    fn bicep_modules_compile_to_nested_deployments_that_are_read() {
        let t = node(
            r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "parameters": {"policy": {"type": "string", "defaultValue": "cilium"}},
            "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "aks",
              "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                "parameters": {"networkPolicy": {"value": "[parameters('policy')]"}, "name": {"value": "mod-aks"}},
                "template": {"parameters": {"networkPolicy": {"type": "string"}, "name": {"type": "string"}},
                  "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2025-05-01",
                    "name": "[parameters('name')]",
                    "properties": {"networkProfile": {"networkPolicy": "[parameters('networkPolicy')]"},
                      "copy": [{"name": "agentPoolProfiles", "count": 2, "input": {"name": "[format('np{0}', copyIndex('agentPoolProfiles'))]"}}]}}]}}}]}"#,
        );
        let out = read_template(&"t.json".into(), &t, None);
        assert_eq!(out.clusters.len(), 1);
        let c = &out.clusters[0];
        assert_eq!(c.name, "mod-aks");
        assert_eq!(c.network_policy.text().unwrap().unwrap(), "cilium");
        assert!(c
            .at
            .path
            .starts_with("resources[0].properties.template.resources[0]"));
        // Pools built by a property copy loop are there but unknown.
        assert_eq!(c.agent_pools.len(), 1);
        assert!(c.agent_pools[0].os_sku.is_unknown());
    }

    #[test]
    fn literal_brackets_and_format_escapes() {
        assert_eq!(expression_text("[[not an expression]"), None);
        assert_eq!(
            format_placeholders("{{x}} {0}", &["a".into()]).unwrap(),
            "{x} a"
        );
        assert_eq!(
            eval(
                T,
                None,
                "if(equals(parameters('name'), 'aks1'), 'yes', 'no')"
            )
            .text()
            .unwrap()
            .unwrap(),
            "yes"
        );
    }
}
