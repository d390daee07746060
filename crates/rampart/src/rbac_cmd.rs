//! `rampart rbac`: who can do what, what one subject holds, and how identities escalate.

use std::collections::BTreeSet;
use std::io::{self, Write};

use clap::{Args, Subcommand, ValueEnum};
use rampart_rbac::{
    escalation_paths, techniques, techniques_of_grants, EscalationPath, Grant, Identity, Rbac,
    Request, Scope, Subject, SubjectKind,
};
use serde_json::{json, Value};

use crate::cli::{exit_code, print_errors, read_inventory, InputArgs, UsageError};
use crate::context::Context;
use crate::scan::ScanResult;

#[derive(Args, Debug)]
pub struct RbacArgs {
    #[command(subcommand)]
    pub command: RbacCommand,
}

#[derive(Subcommand, Debug)]
pub enum RbacCommand {
    /// Which subjects may perform VERB on RESOURCE (`secrets`, `pods/exec`, `deployments.apps`,
    /// or a non-resource URL such as `/metrics`).
    WhoCan(WhoCanArgs),
    /// Every permission SUBJECT holds (`user:NAME`, `group:NAME`, `sa:NS/NAME`), directly and
    /// through its groups, with the binding and role granting it; risky ones are marked.
    Explain(ExplainArgs),
    /// Escalation paths from each subject to cluster-admin-equivalent power or all secrets.
    Paths(PathsArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PathsFormat {
    Human,
    Json,
    Dot,
    Mermaid,
}

#[derive(Args, Debug)]
pub struct WhoCanArgs {
    pub verb: String,
    pub resource: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// Only access in this namespace (default: any namespace, each grant saying where).
    #[arg(short = 'n', long)]
    pub namespace: Option<String>,
    /// The object's name (rules limited by resourceNames match only named requests).
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub format: TextFormat,
    /// Also list the stock `system:` bindings' subjects.
    #[arg(long)]
    pub include_system: bool,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    pub subject: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub format: TextFormat,
}

#[derive(Args, Debug)]
pub struct PathsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = PathsFormat::Human)]
    pub format: PathsFormat,
    /// Also start from the stock system identities (kube-system service accounts, `system:` users).
    #[arg(long)]
    pub include_system: bool,
}

pub fn run(args: RbacArgs) -> Result<i32, UsageError> {
    match args.command {
        RbacCommand::WhoCan(a) => who_can(a),
        RbacCommand::Explain(a) => explain(a),
        RbacCommand::Paths(a) => paths(a),
    }
}

fn load(input: &InputArgs) -> Result<(Context, ScanResult), UsageError> {
    let (context, result) = read_inventory(input)?;
    print_errors(&result);
    Ok((context, result))
}

fn write_out(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), UsageError> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match f(&mut out) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(UsageError(e.to_string())),
        _ => Ok(()),
    }
}

fn subject_json(ctx: &Context, s: &Subject) -> Value {
    let mut v = json!({ "kind": s.kind.as_str(), "name": s.name });
    if let Some(ns) = &s.namespace {
        v["namespace"] = json!(ns);
    }
    if s.kind == SubjectKind::Group {
        if let Some(name) = ctx.config.entra.groups.get(&s.name) {
            v["displayName"] = json!(name);
        }
    }
    v
}

fn subject_text(ctx: &Context, s: &Subject) -> String {
    crate::rules::cluster::rbac::describe_subject(ctx, s)
}

fn who_can(a: WhoCanArgs) -> Result<i32, UsageError> {
    let request = Request::parse(&a.verb, &a.resource, a.name.as_deref()).map_err(UsageError)?;
    let (ctx, result) = load(&a.input)?;
    let rbac = result.inventory.rbac();
    let include_system = a.include_system || ctx.config.include_system;
    let allowed: Vec<_> = rbac
        .who_can(&request, a.namespace.as_deref())
        .into_iter()
        .filter(|al| {
            include_system
                || !rampart_rbac::is_system_subject(&al.subject)
                || rampart_rbac::is_broad_group(&al.subject)
        })
        .collect();
    write_out(|out| match a.format {
        TextFormat::Json => {
            let subjects: Vec<Value> = allowed
                .iter()
                .map(|al| {
                    let mut v = subject_json(&ctx, &al.subject);
                    v["via"] = al
                        .via
                        .iter()
                        .map(|via| {
                            let mut j = json!({ "binding": via.binding, "role": via.role });
                            if let Some(ns) = &via.namespace {
                                j["namespace"] = json!(ns);
                            }
                            j
                        })
                        .collect();
                    v
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &json!({ "subjects": subjects }))?;
            writeln!(out)
        }
        TextFormat::Human => {
            if allowed.is_empty() {
                return writeln!(out, "no subject may {} {}", a.verb, a.resource);
            }
            for al in &allowed {
                writeln!(out, "{}", subject_text(&ctx, &al.subject))?;
                for via in &al.via {
                    let place = via
                        .namespace
                        .as_deref()
                        .map_or("cluster-wide".to_string(), |ns| format!("in {ns}"));
                    writeln!(out, "    via {} → {}  ({place})", via.binding, via.role)?;
                }
            }
            Ok(())
        }
    })?;
    Ok(exit_code(&result, None))
}

fn rule_json(g: &Grant) -> Value {
    let r = &g.rule.rule;
    let mut v = json!({ "verbs": r.verbs });
    if !r.non_resource_urls.is_empty() {
        v["nonResourceURLs"] = json!(r.non_resource_urls);
    } else {
        v["apiGroups"] = json!(r.api_groups);
        v["resources"] = json!(r.resources);
    }
    if !r.resource_names.is_empty() {
        v["resourceNames"] = json!(r.resource_names);
    }
    v
}

fn rule_text(g: &Grant) -> String {
    let r = &g.rule.rule;
    let mut text = if r.non_resource_urls.is_empty() {
        let groups: Vec<&str> = r
            .api_groups
            .iter()
            .map(|g| if g.is_empty() { "core" } else { g.as_str() })
            .collect();
        format!(
            "{} {} [{}]",
            r.verbs.join(","),
            r.resources.join(","),
            groups.join(",")
        )
    } else {
        format!("{} {}", r.verbs.join(","), r.non_resource_urls.join(","))
    };
    if !r.resource_names.is_empty() {
        text.push_str(&format!(" names {}", r.resource_names.join(",")));
    }
    text
}

fn explain(a: ExplainArgs) -> Result<i32, UsageError> {
    let identity = Identity::parse(&a.subject).map_err(UsageError)?;
    let (ctx, result) = load(&a.input)?;
    let rbac = result.inventory.rbac();
    let grants = rbac.grants(&identity);
    let risky_of = |g: &Grant| -> Vec<&'static str> {
        techniques([&g.rule.rule], g.scope == Scope::Cluster)
            .iter()
            .map(|t| t.id())
            .collect()
    };
    // Techniques that need several rules together (CSR approval, bind + write bindings).
    let combined: BTreeSet<&'static str> = techniques_of_grants(&grants)
        .iter()
        .map(|t| t.id())
        .collect();
    write_out(|out| match a.format {
        TextFormat::Json => {
            let permissions: Vec<Value> = grants
                .iter()
                .map(|g| {
                    json!({
                        "binding": g.binding.display(),
                        "role": g.role.to_string(),
                        "subject": subject_json(&ctx, matched_subject(&identity, g)),
                        "scope": match &g.scope { Scope::Cluster => json!("cluster"), Scope::Namespace(ns) => json!(ns) },
                        "rule": rule_json(g),
                        "risky": risky_of(g),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(
                &mut *out,
                &json!({
                    "identity": { "user": identity.user, "groups": identity.groups },
                    "permissions": permissions,
                    "risky": combined,
                }),
            )?;
            writeln!(out)
        }
        TextFormat::Human => {
            writeln!(
                out,
                "{} (groups: {})",
                identity.user.as_deref().unwrap_or("(group members)"),
                identity
                    .groups
                    .iter()
                    .map(|g| ctx.config.entra.describe_group(g))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
            if grants.is_empty() {
                return writeln!(out, "  no permissions");
            }
            for g in &grants {
                let risky = risky_of(g);
                let mark = if risky.is_empty() {
                    String::new()
                } else {
                    format!("  RISKY: {}", risky.join(", "))
                };
                writeln!(
                    out,
                    "  {:<14} {}  via {} → {} (as {}){mark}",
                    g.scope.to_string(),
                    rule_text(g),
                    g.binding.display(),
                    g.role,
                    subject_text(&ctx, matched_subject(&identity, g)),
                )?;
            }
            if !combined.is_empty() {
                writeln!(
                    out,
                    "\nrisky capabilities: {}",
                    combined.iter().copied().collect::<Vec<_>>().join(", ")
                )?;
            }
            Ok(())
        }
    })?;
    Ok(exit_code(&result, None))
}

/// The subject of the grant's binding through which the identity matched.
fn matched_subject<'a>(identity: &Identity, g: &Grant<'a>) -> &'a Subject {
    g.binding
        .subjects
        .iter()
        .find(|s| identity.matches(s))
        .unwrap_or(&g.binding.subjects[0])
}

fn path_json(ctx: &Context, p: &EscalationPath) -> Value {
    json!({
        "start": subject_json(ctx, &p.start),
        "goal": p.goal.id(),
        "steps": p.steps.iter().map(|s| json!({
            "from": s.from, "technique": s.technique, "detail": s.detail, "to": s.to,
        })).collect::<Vec<_>>(),
    })
}

fn graph_id(label: &str) -> String {
    let mut id: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    id.insert(0, 'n');
    id
}

fn paths(a: PathsArgs) -> Result<i32, UsageError> {
    let (ctx, result) = load(&a.input)?;
    let inv = &result.inventory;
    let rbac: &Rbac = inv.rbac();
    let include_system = a.include_system || ctx.config.include_system;
    let found = escalation_paths(rbac, &inv.pod_identities(), include_system);
    let edges = || -> BTreeSet<(String, String, String)> {
        found
            .iter()
            .flat_map(|p| {
                p.steps
                    .iter()
                    .map(|s| (s.from.clone(), s.technique.clone(), s.to.clone()))
            })
            .collect()
    };
    write_out(|out| match a.format {
        PathsFormat::Json => {
            let list: Vec<Value> = found.iter().map(|p| path_json(&ctx, p)).collect();
            serde_json::to_writer_pretty(&mut *out, &json!({ "paths": list }))?;
            writeln!(out)
        }
        PathsFormat::Human => {
            if found.is_empty() {
                return writeln!(out, "no escalation path to cluster-admin or all secrets");
            }
            for p in &found {
                writeln!(out, "{} → {}", subject_text(&ctx, &p.start), p.goal.id())?;
                for (i, s) in p.steps.iter().enumerate() {
                    writeln!(
                        out,
                        "  {}. {} [{}] {} → {}",
                        i + 1,
                        s.from,
                        s.technique,
                        s.detail,
                        s.to
                    )?;
                }
            }
            Ok(())
        }
        PathsFormat::Dot => {
            writeln!(out, "digraph escalation {{\n  rankdir=LR;")?;
            for (from, technique, to) in edges() {
                writeln!(
                    out,
                    "  \"{}\" -> \"{}\" [label=\"{}\"];",
                    from.replace('"', "'"),
                    to.replace('"', "'"),
                    technique
                )?;
            }
            writeln!(out, "}}")
        }
        PathsFormat::Mermaid => {
            writeln!(out, "flowchart LR")?;
            for (from, technique, to) in edges() {
                writeln!(
                    out,
                    "  {}[\"{}\"] -- {} --> {}[\"{}\"]",
                    graph_id(&from),
                    from.replace('"', "'"),
                    technique,
                    graph_id(&to),
                    to.replace('"', "'")
                )?;
            }
            Ok(())
        }
    })?;
    Ok(exit_code(&result, None))
}
