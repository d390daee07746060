//! `rampart netpol reach | coverage | generate`: what the NetworkPolicies in the input allow,
//! which namespaces and workloads they leave open, and a starting policy set to apply.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use clap::{Args, Subcommand, ValueEnum};
use rampart_document::Node;
use rampart_netpol::{Analysis, Direction, Level, Reachability, TargetPort};
use serde::Serialize;
use serde_json::{json, Value};

use crate::cli::{exit_code, print_errors, read_inventory, InputArgs, UsageError, EXIT_ERROR};
use crate::netpol::{NetworkInput, ObjectProblem};
use crate::scan::ScanResult;
use crate::source::RawDocument;

#[derive(Args, Debug)]
pub struct NetpolArgs {
    #[command(subcommand)]
    pub command: NetpolCommand,
}

#[derive(Subcommand, Debug)]
pub enum NetpolCommand {
    /// The allowed connections between workloads, outside addresses and the Ingress controller.
    Reach(ReachArgs),
    /// Per namespace: whether ingress and egress are denied by default, and the workloads no
    /// policy selects.
    Coverage(CoverageArgs),
    /// A default-deny policy set per namespace, with DNS and the Services' traffic allowed, as
    /// YAML to review and apply.
    Generate(GenerateArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReachFormat {
    /// `SRC => DST : CONNS`, one line per pair, sorted (np-guard's connectivity list).
    Connlist,
    Json,
}

#[derive(Args, Debug)]
pub struct ReachArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, short = 'f', value_enum, default_value_t = ReachFormat::Connlist)]
    pub format: ReachFormat,
    /// Only the connections of this workload: `NAMESPACE/NAME` (or `NAMESPACE/NAME[Kind]`).
    #[arg(long, value_name = "NS/NAME")]
    pub focus_workload: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CoverageFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, short = 'f', value_enum, default_value_t = CoverageFormat::Human)]
    pub format: CoverageFormat,
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: NetpolArgs) -> Result<i32, UsageError> {
    match args.command {
        NetpolCommand::Reach(a) => reach(a),
        NetpolCommand::Coverage(a) => coverage(a),
        NetpolCommand::Generate(a) => generate(a),
    }
}

fn load(input: &InputArgs) -> Result<ScanResult, UsageError> {
    Ok(read_inventory(input)?.1)
}

/// Prints load errors, policy problems and notes on standard error; the exit code.
fn report_problems(result: &ScanResult, problems: &[ObjectProblem], notes: &[String]) -> i32 {
    print_errors(result);
    let mut sorted: Vec<&ObjectProblem> = problems.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.location.file, a.location.line, a.location.column).cmp(&(
            &b.location.file,
            b.location.line,
            b.location.column,
        ))
    });
    for p in &sorted {
        let label = match p.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        eprintln!("{label}: {}", p.to_load_error());
    }
    for n in notes {
        eprintln!("note: {n}");
    }
    if problems.iter().any(|p| p.level == Level::Error) {
        EXIT_ERROR
    } else {
        exit_code(result, None)
    }
}

fn write_out(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), UsageError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(UsageError(e.to_string())),
        _ => Ok(()),
    }
}

/// Clusters in the input (an `az aks show` result or an ARM template) that enforce no
/// NetworkPolicy: AKS accepts the objects but nothing applies them.
pub fn unenforced_clusters(documents: &[RawDocument]) -> Vec<String> {
    let mut out = Vec::new();
    for d in documents {
        let mut clusters: Vec<(&Node, String)> = Vec::new();
        if d.root.get("networkProfile").is_some()
            || d.root.path(&["properties", "networkProfile"]).is_some()
        {
            let name = d
                .root
                .get("name")
                .and_then(Node::as_str)
                .unwrap_or("(unnamed)")
                .to_string();
            clusters.push((&d.root, name));
        }
        for r in d.root.get("resources").map(Node::items).unwrap_or(&[]) {
            if r.get("type").and_then(Node::as_str).is_some_and(|t| {
                t.eq_ignore_ascii_case("Microsoft.ContainerService/managedClusters")
            }) {
                let name = r
                    .get("name")
                    .and_then(Node::as_str)
                    .unwrap_or("(unnamed)")
                    .to_string();
                clusters.push((r, name));
            }
        }
        for (node, name) in clusters {
            let profile = node
                .get("networkProfile")
                .or_else(|| node.path(&["properties", "networkProfile"]));
            let policy = profile
                .and_then(|p| p.get("networkPolicy"))
                .and_then(Node::as_str);
            let dataplane = profile
                .and_then(|p| p.get("networkDataplane"))
                .and_then(Node::as_str);
            let enforced = matches!(policy, Some(p) if !p.eq_ignore_ascii_case("none"))
                || dataplane.is_some_and(|d| d.eq_ignore_ascii_case("cilium"));
            if !enforced {
                out.push(format!(
                    "AKS cluster {name:?} ({}:{}) has networkProfile.networkPolicy {}: NetworkPolicies are accepted but not enforced there",
                    d.file,
                    node.pos.line,
                    policy.unwrap_or("unset (none)")
                ));
            }
        }
    }
    out
}

fn reach(args: ReachArgs) -> Result<i32, UsageError> {
    let result = load(&args.input)?;
    let input = NetworkInput::from_inventory(&result.inventory);
    let analysis = result.inventory.network_core().analysis();
    let reach = analysis.reach();
    let focus: Option<BTreeSet<u32>> = match &args.focus_workload {
        None => None,
        Some(f) => {
            let ids: BTreeSet<u32> = input
                .network
                .workloads
                .iter()
                .enumerate()
                .filter(|(_, w)| {
                    let short = format!("{}/{}", w.namespace, w.name);
                    *f == short || *f == w.display_name()
                })
                .map(|(i, _)| i as u32)
                .collect();
            if ids.is_empty() {
                return Err(UsageError(format!(
                    "--focus-workload {f}: no workload NAMESPACE/NAME like that in the input"
                )));
            }
            Some(ids)
        }
    };
    let keep = |e: &rampart_netpol::Edge| {
        focus
            .as_ref()
            .is_none_or(|ids| ids.contains(&e.src) || ids.contains(&e.dst))
    };
    let mut notes = unenforced_clusters(&result.inventory.documents);
    notes.extend(reach.notes.iter().cloned());
    let code = report_problems(&result, input.problems, &notes);
    write_out(|out| match args.format {
        ReachFormat::Connlist => out.write_all(reach.connlist(keep).as_bytes()),
        ReachFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &reach_lines(&reach, keep))
                .map_err(io::Error::from)?;
            writeln!(out)
        }
    })?;
    Ok(code)
}

/// One connection as `--format json` writes it, fields in np-guard's order.
#[derive(Serialize)]
pub struct ConnLine<'a> {
    pub src: &'a str,
    pub dst: &'a str,
    pub conn: String,
}

/// `[{"src", "dst", "conn"}]`, in connection-list order.
pub fn reach_lines(
    reach: &Reachability,
    keep: impl Fn(&rampart_netpol::Edge) -> bool,
) -> Vec<ConnLine<'_>> {
    reach
        .edges
        .iter()
        .filter(|e| keep(e))
        .map(|e| ConnLine {
            src: &reach.names[e.src as usize],
            dst: &reach.names[e.dst as usize],
            conn: reach.conns[e.conn as usize].to_string(),
        })
        .collect()
}

/// Per namespace: default-deny per direction and the workloads no policy selects.
pub fn coverage_json(input: &NetworkInput, analysis: &Analysis) -> Value {
    let mut namespaces: BTreeMap<&str, (usize, Vec<String>)> = BTreeMap::new();
    for name in input.network.namespaces.keys() {
        namespaces.entry(name).or_default();
    }
    for (i, w) in input.network.workloads.iter().enumerate() {
        let entry = namespaces.entry(&w.namespace).or_default();
        entry.0 += 1;
        if !w.host_network && analysis.policies_for(i).is_empty() {
            entry.1.push(w.display_name());
        }
    }
    let by_ns = input.policies_by_namespace();
    for ns in by_ns.keys() {
        namespaces.entry(ns).or_default();
    }
    let views: Vec<Value> = namespaces
        .iter()
        .map(|(ns, (workloads, unselected))| {
            let deny = |d| {
                input
                    .default_deny(ns, d)
                    .map(|p| Value::String(input.network.policies[p].name.clone()))
                    .unwrap_or(Value::Null)
            };
            json!({
                "namespace": ns,
                "workloads": workloads,
                "policies": by_ns.get(ns).map_or(0, Vec::len),
                "ingressDefaultDeny": deny(Direction::Ingress),
                "egressDefaultDeny": deny(Direction::Egress),
                "unselectedWorkloads": unselected,
            })
        })
        .collect();
    Value::Array(views)
}

fn coverage(args: CoverageArgs) -> Result<i32, UsageError> {
    let result = load(&args.input)?;
    let input = NetworkInput::from_inventory(&result.inventory);
    let analysis = result.inventory.network_core().analysis();
    let views = coverage_json(&input, analysis);
    let notes = unenforced_clusters(&result.inventory.documents);
    let code = report_problems(&result, input.problems, &notes);
    write_out(|out| match args.format {
        CoverageFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json!({ "namespaces": views }))
                .map_err(io::Error::from)?;
            writeln!(out)
        }
        CoverageFormat::Human => write_coverage(&views, out),
    })?;
    Ok(code)
}

fn write_coverage(views: &Value, out: &mut dyn Write) -> io::Result<()> {
    let deny = |v: &Value| match v.as_str() {
        Some(p) => format!("yes ({p})"),
        None => "no".to_string(),
    };
    writeln!(
        out,
        "{:<24} {:>9} {:>8}  {:<28} {:<28} {:>12}",
        "NAMESPACE",
        "WORKLOADS",
        "POLICIES",
        "INGRESS DEFAULT-DENY",
        "EGRESS DEFAULT-DENY",
        "UNSELECTED"
    )?;
    for v in views.as_array().into_iter().flatten() {
        let unselected = v["unselectedWorkloads"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        writeln!(
            out,
            "{:<24} {:>9} {:>8}  {:<28} {:<28} {:>12}",
            v["namespace"].as_str().unwrap_or(""),
            v["workloads"].as_u64().unwrap_or(0),
            v["policies"].as_u64().unwrap_or(0),
            deny(&v["ingressDefaultDeny"]),
            deny(&v["egressDefaultDeny"]),
            unselected.len()
        )?;
        for w in unselected {
            writeln!(out, "  selected by no policy: {}", w.as_str().unwrap_or(""))?;
        }
    }
    Ok(())
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quote(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// Namespaces `generate` leaves alone: the control plane's own, where a default deny would
/// cut the cluster's system components off.
fn is_system_namespace(ns: &str) -> bool {
    matches!(ns, "kube-system" | "kube-public" | "kube-node-lease")
}

fn write_header(out: &mut String, comment: &str, name: &str, ns: &str) {
    out.push_str("---\n");
    for line in comment.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = write!(
        out,
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {}\n  namespace: {}\n  labels:\n    app.kubernetes.io/managed-by: rampart\n",
        quote(name),
        quote(ns)
    );
}

fn write_match_labels(out: &mut String, indent: &str, labels: &rampart_netpol::Labels) {
    let _ = writeln!(out, "{indent}matchLabels:");
    for (k, v) in labels.iter() {
        let _ = writeln!(out, "{indent}  {}: {}", quote(k), quote(v));
    }
}

/// The Service's target ports as NetworkPolicy port entries (policies see the pod's port),
/// under `key_line` (`    ports:` or `  - ports:`).
fn write_ports(out: &mut String, key_line: &str, svc: &rampart_netpol::Service) {
    let _ = writeln!(out, "{key_line}");
    let mut seen = BTreeSet::new();
    for p in &svc.ports {
        let port = match &p.target {
            TargetPort::Number(n) => n.to_string(),
            TargetPort::Name(n) => quote(n),
        };
        if seen.insert((p.protocol, port.clone())) {
            let _ = writeln!(out, "    - protocol: {}\n      port: {port}", p.protocol);
        }
    }
}

/// YAML for the namespaces of the input: default deny, DNS, and the Services' traffic.
pub fn generate_yaml(input: &NetworkInput) -> String {
    let net = &input.network;
    let mut namespaces: BTreeSet<&str> =
        net.workloads.iter().map(|w| w.namespace.as_str()).collect();
    namespaces.extend(net.services.iter().map(|s| s.namespace.as_str()));
    let exposed: BTreeSet<(&str, &str)> = net
        .ingresses
        .iter()
        .flat_map(|i| {
            i.backends
                .iter()
                .map(move |b| (i.namespace.as_str(), b.service.as_str()))
        })
        .collect();
    let mut out = String::new();
    out.push_str(
        "# NetworkPolicies written by `rampart netpol generate` from the workloads and Services in\n\
         # the input. Review before applying: every namespace below is denied all ingress and\n\
         # egress by default; DNS to kube-dns is allowed; each Service's pods admit its target\n\
         # ports from the pods of their own namespace (from anywhere for LoadBalancer and NodePort\n\
         # Services, from any namespace for Ingress backends — narrow that to the Ingress\n\
         # controller's namespace). Add the cross-namespace and outside traffic your applications\n\
         # need, then check the result with `rampart netpol reach`.\n",
    );
    for ns in namespaces {
        if is_system_namespace(ns) {
            let _ = writeln!(
                out,
                "# namespace {ns}: left alone (cluster system components)"
            );
            continue;
        }
        write_header(
            &mut out,
            &format!("namespace {ns}: deny all ingress and egress unless another policy allows it"),
            "default-deny",
            ns,
        );
        out.push_str("spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n");
        write_header(&mut out, "DNS lookups through kube-dns", "allow-dns", ns);
        out.push_str(
            "spec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n",
        );
        let services: Vec<(usize, &rampart_netpol::Service)> = net
            .services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.namespace == ns && s.selector.is_some() && !s.ports.is_empty())
            .collect();
        for &(i, svc) in &services {
            let Some(selector) = &svc.selector else {
                continue;
            };
            let object = input.service_objects[i];
            let kind = object
                .node
                .path(&["spec", "type"])
                .and_then(Node::as_str)
                .unwrap_or("ClusterIP");
            let from = if matches!(kind, "LoadBalancer" | "NodePort") {
                "  # from anywhere: the Service is reachable from outside the cluster\n".to_string()
            } else if exposed.contains(&(ns, svc.name.as_str())) {
                "  # from any namespace: the Ingress controller's is not in the input; narrow this\n  - from:\n    - namespaceSelector: {}\n".to_string()
            } else {
                "  - from:\n    - podSelector: {}\n".to_string()
            };
            write_header(
                &mut out,
                &format!(
                    "Service {ns}/{} ({kind}, {}:{}): its pods admit its target ports",
                    svc.name, object.file, object.node.pos.line
                ),
                &format!("allow-{}-ingress", svc.name),
                ns,
            );
            out.push_str("spec:\n  podSelector:\n");
            write_match_labels(&mut out, "    ", selector);
            out.push_str("  policyTypes:\n  - Ingress\n  ingress:\n");
            out.push_str(&from);
            if from.contains("  - from:") {
                write_ports(&mut out, "    ports:", svc);
            } else {
                write_ports(&mut out, "  - ports:", svc);
            }
        }
        if !services.is_empty() {
            write_header(
                &mut out,
                &format!("the pods of {ns} may call the Services of {ns}"),
                "allow-egress-to-services",
                ns,
            );
            out.push_str("spec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n  egress:\n");
            for &(_, svc) in &services {
                let Some(selector) = &svc.selector else {
                    continue;
                };
                let _ = writeln!(out, "  # Service {}", svc.name);
                out.push_str("  - to:\n    - podSelector:\n");
                write_match_labels(&mut out, "        ", selector);
                write_ports(&mut out, "    ports:", svc);
            }
        }
    }
    out
}

fn generate(args: GenerateArgs) -> Result<i32, UsageError> {
    let result = load(&args.input)?;
    let input = NetworkInput::from_inventory(&result.inventory);
    let code = report_problems(&result, input.problems, &[]);
    let yaml = generate_yaml(&input);
    write_out(|out| out.write_all(yaml.as_bytes()))?;
    Ok(code)
}
