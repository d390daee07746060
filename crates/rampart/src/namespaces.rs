//! `rampart namespaces`: Pod Security Admission as the input configures it, per namespace —
//! enforce/audit/warn levels, the workloads the enforce level would reject, and how many would
//! be rejected at baseline and restricted (what tightening the label would break).

use std::io::{self, Write};

use rampart_pss::{Level, ModePolicy, Version};
use serde_json::{json, Value};

use crate::cli::{exit_code, print_errors, read_inventory, ListFormat, NamespacesArgs, UsageError};
use crate::inventory::{Inventory, NamespaceInfo, WorkloadFacts};

fn mode_json(m: &ModePolicy) -> Value {
    json!({
        "level": m.level.as_str(),
        "version": m.version.to_string(),
        "labeled": m.labeled,
        "invalid": m.invalid,
    })
}

fn workload_json(w: &WorkloadFacts, checks: &[rampart_pss::Check]) -> Value {
    json!({
        "kind": w.resource.kind,
        "name": w.resource.name,
        "file": w.location.file,
        "line": w.location.line,
        "checks": checks.iter().map(|c| c.upstream_id()).collect::<Vec<_>>(),
    })
}

/// One namespace's view.
pub fn namespace_json(inv: &Inventory, ns: &NamespaceInfo, version: Version) -> Value {
    let workloads: Vec<&WorkloadFacts> = inv
        .workloads
        .iter()
        .filter(|w| w.namespace == ns.name)
        .collect();
    let enforce = &ns.policy.enforce;
    let rejected: Vec<Value> = workloads
        .iter()
        .filter_map(|w| {
            let checks = w.rejected_by(enforce.level, enforce.version);
            (!checks.is_empty()).then(|| workload_json(w, &checks))
        })
        .collect();
    let count_at = |level| {
        workloads
            .iter()
            .filter(|w| !w.rejected_by(level, version).is_empty())
            .count()
    };
    json!({
        "name": ns.name,
        "defined": ns.object.is_some(),
        "enforce": mode_json(&ns.policy.enforce),
        "audit": mode_json(&ns.policy.audit),
        "warn": mode_json(&ns.policy.warn),
        "workloads": workloads.len(),
        "rejectedByEnforce": rejected,
        "rejectedAt": { "version": version.to_string(), "baseline": count_at(Level::Baseline), "restricted": count_at(Level::Restricted) },
    })
}

pub fn run(args: NamespacesArgs) -> Result<i32, UsageError> {
    let (context, result) = read_inventory(&args.input)?;
    print_errors(&result);
    let inv = &result.inventory;
    let views: Vec<Value> = inv
        .namespaces
        .values()
        .map(|ns| namespace_json(inv, ns, context.version))
        .collect();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        ListFormat::Json => serde_json::to_writer_pretty(
            &mut out,
            &json!({ "namespaces": views, "errors": result.errors }),
        )
        .map_err(io::Error::from)
        .and_then(|_| writeln!(out)),
        ListFormat::Human => write_human(&views, context.version, &mut out),
    };
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(UsageError(e.to_string()));
        }
    }
    Ok(exit_code(&result, None))
}

fn write_human(views: &[Value], version: Version, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<24} {:<8} {:<22} {:>9} {:>9} {:>11}",
        "NAMESPACE", "DEFINED", "ENFORCE", "WORKLOADS", "BASELINE", "RESTRICTED"
    )?;
    for v in views {
        let enforce = &v["enforce"];
        let level = if enforce["labeled"].as_bool() == Some(true) {
            format!(
                "{}:{}",
                enforce["level"].as_str().unwrap_or(""),
                enforce["version"].as_str().unwrap_or("")
            )
        } else {
            "(none: privileged)".to_string()
        };
        writeln!(
            out,
            "{:<24} {:<8} {:<22} {:>9} {:>9} {:>11}",
            v["name"].as_str().unwrap_or(""),
            if v["defined"].as_bool() == Some(true) {
                "yes"
            } else {
                "no"
            },
            level,
            v["workloads"],
            v["rejectedAt"]["baseline"],
            v["rejectedAt"]["restricted"],
        )?;
        for w in v["rejectedByEnforce"].as_array().into_iter().flatten() {
            writeln!(
                out,
                "  rejected by enforce: {} {} ({}:{}) — {}",
                w["kind"].as_str().unwrap_or(""),
                w["name"].as_str().unwrap_or(""),
                w["file"].as_str().unwrap_or(""),
                w["line"],
                w["checks"]
                    .as_array()
                    .map(|c| c
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or_default()
            )?;
        }
    }
    writeln!(
        out,
        "\nBASELINE / RESTRICTED: workloads that level would reject at policy {version}."
    )
}
