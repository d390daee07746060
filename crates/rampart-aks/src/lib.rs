//! The AKS cluster model, read from `az aks show` JSON, ARM templates and Terraform.
//!
//! Every reader produces the same [`ManagedCluster`] (with its [`AgentPool`]s, maintenance
//! configurations and diagnostic settings), whose properties are tri-state [`Prop`]s: known,
//! unknown (an expression an offline reader cannot resolve) or absent (the platform default
//! applies). Rules can therefore never mistake "could not tell" for "compliant".
//!
//! Inputs recognised by [`read`]:
//! - `az aks show -o json` (a flattened ManagedCluster), `az aks list`, `az aks nodepool
//!   list|show`, REST response bodies (`properties` wrapper, `value[]` lists) and REST API
//!   example files (`parameters.parameters` request body, `responses.<code>.body`);
//! - ARM templates (`$schema` …`deploymentTemplate`…) with their parameters files;
//! - Terraform HCL (via [`hcl_to_node`]), `.tf.json` and `terraform show -json` plans.

pub mod arm;
pub mod jsonc;
pub mod model;
pub mod prop;
pub mod terraform;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rampart_document::Node;

pub use model::{
    network_key, AgentPool, Collected, DefenderPlan, Definitions, DiagnosticSetting, Dialect,
    LogCategory, MaintenanceConfig, ManagedCluster, SecurityGroup, SecurityRule, Subnet,
};
pub use prop::{At, Prop, Read, Value};
pub use terraform::{hcl_to_node, HclError};

/// A definition that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// One document to consider: its file and root.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    pub file: &'a Arc<str>,
    pub root: &'a Node,
}

/// What a document is, as far as this crate is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    ArmTemplate,
    ArmParameters,
    TerraformConfiguration,
    TerraformPlan,
    /// A REST API example file (`parameters` + `responses`).
    RestExample,
    /// A ManagedCluster, an agent pool, or a list of them (`az` output, REST bodies).
    Live,
}

/// Recognises the documents this crate reads; `None` for anything else.
pub fn shape(file: &str, root: &Node) -> Option<Shape> {
    if terraform::is_configuration(file) {
        return Some(Shape::TerraformConfiguration);
    }
    if arm::is_template(root) {
        return Some(Shape::ArmTemplate);
    }
    if arm::is_parameters_file(root) {
        return Some(Shape::ArmParameters);
    }
    if terraform::is_plan(root) {
        return Some(Shape::TerraformPlan);
    }
    if root.get("responses").is_some_and(Node::is_map)
        && root.get("parameters").is_some_and(Node::is_map)
    {
        let p = root.get("parameters");
        let names_aks = p
            .and_then(|p| p.get("parameters"))
            .is_some_and(|b| live_kind(b).is_some())
            || root
                .get("responses")
                .map(Node::entries)
                .unwrap_or(&[])
                .iter()
                .any(|e| e.value.get("body").is_some_and(|b| live_kind(b).is_some()));
        return names_aks.then_some(Shape::RestExample);
    }
    live_kind(root).map(|_| Shape::Live)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LiveKind {
    Cluster,
    Pool,
    Diagnostic,
    Maintenance,
    Pricing,
    Network,
    List,
}

fn live_kind(root: &Node) -> Option<LiveKind> {
    if root.is_seq() || root.get("value").is_some_and(Node::is_seq) {
        let items = if root.is_seq() {
            root.items()
        } else {
            root.get("value").map(Node::items).unwrap_or(&[])
        };
        return items
            .iter()
            .any(|i| live_kind(i).is_some())
            .then_some(LiveKind::List);
    }
    if !root.is_map() {
        return None;
    }
    let ty = root.get("type").and_then(Node::as_str).unwrap_or("");
    let id = root.get("id").and_then(Node::as_str).unwrap_or("");
    let lower_ty = ty.to_ascii_lowercase();
    let lower_id = id.to_ascii_lowercase();
    if lower_ty == "microsoft.containerservice/managedclusters" {
        return Some(LiveKind::Cluster);
    }
    if lower_ty.ends_with("managedclusters/agentpools") {
        return Some(LiveKind::Pool);
    }
    if lower_ty.ends_with("managedclusters/maintenanceconfigurations") {
        return Some(LiveKind::Maintenance);
    }
    if lower_ty == "microsoft.security/pricings" {
        return Some(LiveKind::Pricing);
    }
    if matches!(
        lower_ty.as_str(),
        "microsoft.network/virtualnetworks"
            | "microsoft.network/virtualnetworks/subnets"
            | "microsoft.network/networksecuritygroups"
    ) {
        return Some(LiveKind::Network);
    }
    if lower_id.contains("/managedclusters/") && lower_id.contains("/diagnosticsettings/") {
        return Some(LiveKind::Diagnostic);
    }
    let props = root.get("properties").unwrap_or(root);
    let has = |k: &str| {
        props
            .entries()
            .iter()
            .any(|e| e.key.eq_ignore_ascii_case(k))
    };
    if has("agentPoolProfiles")
        || (has("kubernetesVersion") && (has("dnsPrefix") || has("networkProfile")))
        || has("aadProfile")
        || has("apiServerAccessProfile")
    {
        return Some(LiveKind::Cluster);
    }
    if has("vmSize") && (has("osType") || has("mode") || has("count")) {
        return Some(LiveKind::Pool);
    }
    None
}

/// Reads every AKS definition among `docs`. `parameters` (from `--parameters FILE`) applies to
/// every ARM template; without it, a template `x.json` uses `x.parameters.json` from the same
/// folder when the input holds one.
pub fn read(docs: &[Document], parameters: Option<Document>) -> (Definitions, Vec<ReadError>) {
    let mut defs = Definitions::default();
    let mut errors = Vec::new();
    let shapes: Vec<Option<Shape>> = docs.iter().map(|d| shape(d.file, d.root)).collect();
    if let Some(p) = parameters {
        if !arm::is_parameters_file(p.root) && p.root.get("parameters").is_none() {
            errors.push(ReadError {
                file: p.file.clone(),
                line: p.root.pos.line,
                column: p.root.pos.column,
                message: "not an ARM parameters file (expected a `parameters` object)".into(),
            });
        }
    }
    let mut terraform_modules: BTreeMap<String, Vec<(Arc<str>, &Node)>> = BTreeMap::new();
    let mut live_diagnostics = Vec::new();
    let mut live_maintenance = Vec::new();
    for (doc, shape) in docs.iter().zip(&shapes) {
        match shape {
            Some(Shape::ArmTemplate) => {
                let params = parameters
                    .map(|p| p.root)
                    .or_else(|| paired_parameters(doc.file, docs, &shapes).map(|d| d.root));
                let t = arm::read_template(doc.file, doc.root, params);
                attach_template(t, &mut defs);
            }
            Some(Shape::TerraformConfiguration) => {
                let dir = Path::new(&**doc.file)
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                terraform_modules
                    .entry(dir)
                    .or_default()
                    .push((doc.file.clone(), doc.root));
            }
            Some(Shape::TerraformPlan) => defs.extend(terraform::read_plan(doc.file, doc.root)),
            Some(Shape::RestExample) => read_rest_example(doc, &mut defs),
            Some(Shape::Live) => read_live(
                doc.file,
                doc.root,
                "",
                "az",
                Dialect::Live,
                &mut defs,
                &mut live_diagnostics,
                &mut live_maintenance,
            ),
            Some(Shape::ArmParameters) | None => {}
        }
    }
    for docs in terraform_modules.values() {
        defs.extend(terraform::read_configuration(docs));
    }
    attach_live(&mut defs, live_diagnostics, live_maintenance);
    (defs, errors)
}

/// `x.parameters.json` next to template `x.json`, among the scanned documents.
fn paired_parameters<'a>(
    template: &str,
    docs: &[Document<'a>],
    shapes: &[Option<Shape>],
) -> Option<Document<'a>> {
    let stem = template.strip_suffix(".json")?;
    docs.iter()
        .zip(shapes)
        .find(|(d, s)| {
            **s == Some(Shape::ArmParameters)
                && d.file
                    .strip_prefix(stem)
                    .is_some_and(|rest| rest == ".parameters.json")
        })
        .map(|(d, _)| *d)
}

fn attach_template(t: arm::Template, defs: &mut Definitions) {
    let mut clusters = t.clusters;
    let single = clusters.len() == 1;
    let find = |clusters: &mut Vec<ManagedCluster>, name: Option<&str>| -> Option<usize> {
        match name {
            Some(n) => clusters.iter().position(|c| c.name.eq_ignore_ascii_case(n)),
            None => None,
        }
        .or(single.then_some(0))
    };
    for pool in t.pools {
        match find(&mut clusters, pool.cluster.as_deref()) {
            Some(i) => {
                let mut pool = pool;
                pool.cluster = Some(clusters[i].name.clone());
                clusters[i].agent_pools.push(pool);
            }
            None => defs.pools.push(pool),
        }
    }
    for (owner, m) in t.maintenance {
        if let Some(i) = find(&mut clusters, owner.as_deref()) {
            if let Collected::Found(list) = &mut clusters[i].maintenance {
                list.push(m);
            }
        }
    }
    for d in t.diagnostics {
        let target = d
            .target
            .text()
            .ok()
            .flatten()
            .map(|s| s.to_ascii_lowercase());
        let named = clusters.iter().position(|c| {
            target.as_deref().is_some_and(|t| {
                t.contains("managedclusters")
                    && t.trim_end_matches('/')
                        .ends_with(&format!("/{}", c.name.to_ascii_lowercase()))
            })
        });
        let i = named.or(single.then_some(0));
        if let Some(i) = i {
            if let Collected::Found(list) = &mut clusters[i].diagnostics {
                list.push(d);
            }
        }
    }
    defs.clusters.extend(clusters);
    defs.defender_plans.extend(t.defender_plans);
    defs.subnets.extend(t.subnets);
    defs.security_groups.extend(t.security_groups);
}

fn read_rest_example(doc: &Document, defs: &mut Definitions) {
    let root = doc.root;
    let params = root.get("parameters");
    let api_version = params
        .and_then(|p| p.get("api-version"))
        .and_then(Node::as_str)
        .unwrap_or("unknown")
        .to_string();
    let cluster_name = params
        .and_then(|p| p.get("resourceName"))
        .and_then(Node::as_str)
        .map(str::to_string);
    let mut diagnostics = Vec::new();
    let mut maintenance = Vec::new();
    if let Some(body) = params.and_then(|p| p.get("parameters")) {
        let path = "parameters.parameters";
        let prop = Prop::from_node(body, path);
        match live_kind(body) {
            Some(LiveKind::Cluster) => {
                let name = cluster_name.clone().unwrap_or_default();
                let mut cluster = model::cluster_from_arm(
                    doc.file,
                    &prop,
                    name,
                    api_version.clone(),
                    Dialect::Arm,
                );
                // A request body carries the cluster alone, like `az aks show`.
                let why = "a REST request body does not include them (separate resources)";
                cluster.maintenance = Collected::NotInInput(why);
                cluster.diagnostics = Collected::NotInInput(why);
                defs.clusters.push(cluster);
            }
            Some(LiveKind::Pool) => {
                let name = params
                    .and_then(|p| p.get("agentPoolName"))
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_string();
                defs.pools.push(model::pool_from_arm(
                    doc.file,
                    &prop,
                    name,
                    cluster_name.clone(),
                    api_version.clone(),
                    Dialect::Arm,
                ));
            }
            _ => {}
        }
    }
    for e in root.get("responses").map(Node::entries).unwrap_or(&[]) {
        if let Some(body) = e.value.get("body") {
            let path = format!("responses.{}.body", e.key);
            read_live(
                doc.file,
                body,
                &path,
                &api_version,
                Dialect::Live,
                defs,
                &mut diagnostics,
                &mut maintenance,
            );
        }
    }
}

/// A cluster, pool, diagnostic setting or maintenance configuration as the service reports
/// it, or a list of them.
#[allow(clippy::too_many_arguments)]
fn read_live(
    file: &Arc<str>,
    root: &Node,
    path: &str,
    api_version: &str,
    dialect: Dialect,
    defs: &mut Definitions,
    diagnostics: &mut Vec<(String, DiagnosticSetting)>,
    maintenance: &mut Vec<(String, MaintenanceConfig)>,
) {
    let text = |k: &str| root.get(k).and_then(Node::as_str).unwrap_or("").to_string();
    match live_kind(root) {
        Some(LiveKind::List) => {
            let (items, base) = if root.is_seq() {
                (root.items(), path.to_string())
            } else {
                (
                    root.get("value").map(Node::items).unwrap_or(&[]),
                    rampart_document::join_key(path, "value"),
                )
            };
            for (i, item) in items.iter().enumerate() {
                read_live(
                    file,
                    item,
                    &format!("{base}[{i}]"),
                    api_version,
                    dialect,
                    defs,
                    diagnostics,
                    maintenance,
                );
            }
        }
        Some(LiveKind::Cluster) => {
            let prop = Prop::from_node(root, path);
            defs.clusters.push(model::cluster_from_arm(
                file,
                &prop,
                text("name"),
                api_version.to_string(),
                dialect,
            ));
        }
        Some(LiveKind::Pool) => {
            let prop = Prop::from_node(root, path);
            let cluster = id_segment(&text("id"), "managedClusters");
            defs.pools.push(model::pool_from_arm(
                file,
                &prop,
                text("name"),
                cluster,
                api_version.to_string(),
                dialect,
            ));
        }
        Some(LiveKind::Diagnostic) => {
            let prop = Prop::from_node(root, path);
            if let Some(cluster) = id_segment(&text("id"), "managedClusters") {
                let target = Prop::str_at(text("id"), prop.at().clone());
                diagnostics.push((
                    cluster,
                    model::diagnostic_from_arm(file, &prop, text("name"), target),
                ));
            }
        }
        Some(LiveKind::Maintenance) => {
            let prop = Prop::from_node(root, path);
            if let Some(cluster) = id_segment(&text("id"), "managedClusters") {
                let name = prop.get("name").into_owned();
                maintenance.push((cluster, model::maintenance_from_arm(file, &prop, name)));
            }
        }
        Some(LiveKind::Pricing) if text("name").eq_ignore_ascii_case("Containers") => {
            // `az security pricing show -n Containers` prints the plan flattened.
            let prop = Prop::from_node(root, path);
            let tier = match prop.path(&["properties", "pricingTier"]) {
                Prop::Absent(_) => prop.get("pricingTier").into_owned(),
                t => t,
            };
            defs.defender_plans.push(DefenderPlan {
                file: file.clone(),
                at: prop.at().clone(),
                tier,
            });
        }
        Some(LiveKind::Pricing) => {}
        Some(LiveKind::Network) => {
            let prop = Prop::from_node(root, path);
            let ty = text("type").to_ascii_lowercase();
            let subnets: Vec<Prop> = if ty.ends_with("/subnets") {
                vec![prop.clone()]
            } else if ty.ends_with("/virtualnetworks") {
                let listed = match prop.path(&["properties", "subnets"]) {
                    Prop::Absent(_) => prop.get("subnets").into_owned(),
                    p => p,
                };
                listed
                    .list()
                    .ok()
                    .flatten()
                    .map(|l| l.into_owned())
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            for s in &subnets {
                if let Some(key) = s
                    .get("id")
                    .text()
                    .ok()
                    .flatten()
                    .and_then(|id| network_key(&id))
                {
                    defs.subnets.push(model::subnet_from_arm(file, s, key));
                }
            }
            if ty.ends_with("/networksecuritygroups") {
                if let Some(key) = network_key(&text("id")).or_else(|| {
                    Some(format!(
                        "networksecuritygroups/{}",
                        text("name").to_ascii_lowercase()
                    ))
                }) {
                    let rules = match prop.path(&["properties", "securityRules"]) {
                        Prop::Absent(_) => prop.get("securityRules").into_owned(),
                        p => p,
                    };
                    defs.security_groups.push(SecurityGroup {
                        file: file.clone(),
                        at: prop.at().clone(),
                        key,
                        rules: rules
                            .list()
                            .ok()
                            .flatten()
                            .map(|l| l.iter().map(model::security_rule_from_arm).collect())
                            .unwrap_or_default(),
                    });
                }
            }
        }
        None => {}
    }
}

/// Joins `az monitor diagnostic-settings list` and `az aks maintenanceconfiguration list`
/// output to the live clusters they name; clusters with either list in the input then count
/// as collected.
fn attach_live(
    defs: &mut Definitions,
    diagnostics: Vec<(String, DiagnosticSetting)>,
    maintenance: Vec<(String, MaintenanceConfig)>,
) {
    for (cluster, d) in diagnostics {
        for c in defs
            .clusters
            .iter_mut()
            .filter(|c| c.dialect == Dialect::Live && c.name.eq_ignore_ascii_case(&cluster))
        {
            match &mut c.diagnostics {
                Collected::Found(list) => list.push(d.clone()),
                slot => *slot = Collected::Found(vec![d.clone()]),
            }
        }
    }
    for (cluster, m) in maintenance {
        for c in defs
            .clusters
            .iter_mut()
            .filter(|c| c.dialect == Dialect::Live && c.name.eq_ignore_ascii_case(&cluster))
        {
            match &mut c.maintenance {
                Collected::Found(list) => list.push(m.clone()),
                slot => *slot = Collected::Found(vec![m.clone()]),
            }
        }
    }
}

/// The segment after `/{kind}/` in an ARM resource id.
fn id_segment(id: &str, kind: &str) -> Option<String> {
    let mut parts = id.split('/');
    while let Some(p) = parts.next() {
        if p.eq_ignore_ascii_case(kind) {
            return parts.next().map(str::to_string);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_document::{parse_str, Limits};

    fn read_one(file: &str, text: &str) -> Definitions {
        let root = parse_str(text, &Limits::default()).remove(0).unwrap().root;
        let file: Arc<str> = file.into();
        let (defs, errors) = read(
            &[Document {
                file: &file,
                root: &root,
            }],
            None,
        );
        assert!(errors.is_empty(), "{errors:?}");
        defs
    }

    #[test]
    fn nodepool_list_output_is_a_bare_array_of_pools() {
        let defs = read_one(
            "pools.json",
            r#"[{"id": "/subscriptions/0/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/prod/agentPools/np1",
                 "name": "np1", "type": "Microsoft.ContainerService/managedClusters/agentPools",
                 "osSku": "Ubuntu", "enableNodePublicIp": true, "mode": "User", "vmSize": "Standard_D4s_v5"}]"#,
        );
        assert!(defs.clusters.is_empty());
        assert_eq!(defs.pools.len(), 1);
        let p = &defs.pools[0];
        assert_eq!(p.display_name(), "prod/np1");
        assert_eq!(p.node_public_ip.bool(), Ok(Some(true)));
        assert_eq!(p.at.path, "[0]");
    }

    #[test]
    fn shapes_are_recognised_and_other_documents_ignored() {
        let doc = |t: &str| parse_str(t, &Limits::default()).remove(0).unwrap().root;
        assert_eq!(
            shape(
                "a.json",
                &doc(r#"{"type": "Microsoft.ContainerService/ManagedClusters", "name": "x"}"#)
            ),
            Some(Shape::Live)
        );
        assert_eq!(
            shape(
                "a.json",
                &doc(r#"{"properties": {"agentPoolProfiles": []}, "name": "x"}"#)
            ),
            Some(Shape::Live)
        );
        assert_eq!(
            shape(
                "a.json",
                &doc(r#"{"format_version": "1.2", "resource_changes": []}"#)
            ),
            Some(Shape::TerraformPlan)
        );
        assert_eq!(
            shape("main.tf", &doc("{}")),
            Some(Shape::TerraformConfiguration)
        );
        assert_eq!(
            shape("values.yaml", &doc("replicaCount: 2\nimage: {tag: x}\n")),
            None
        );
        assert_eq!(
            shape(
                "x.json",
                &doc(r#"{"parameters": {"a": 1}, "responses": {"200": {"body": {"value": 1}}}}"#)
            ),
            None,
            "a REST example of another service"
        );
    }
}
