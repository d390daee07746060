//! How `rampart rules` shows the catalog.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::rules::Rule;

/// `{"id","layer","domain","severity","title"}`, plus `pss` for Pod Security Standards rules,
/// and the documentation when one rule is asked for.
pub fn rule_json(rule: &Rule, with_doc: bool) -> Value {
    let mut v = json!({
        "id": rule.id,
        "layer": rule.layer.as_str(),
        "domain": rule.domain,
        "severity": rule.severity.as_str(),
        "title": rule.title,
        "remediation": rule.remediation,
        "references": rule.references,
        "helpUri": rule.help_uri(),
    });
    if let Some(check) = rule.pss {
        v["pss"] = json!({ "level": check.level().as_str(), "check": check.upstream_id() });
    }
    if with_doc {
        v["doc"] = json!(rule.doc());
    }
    v
}

/// One rule's documentation, as `rampart rules ID` prints it.
pub fn rule_text(rule: &Rule) -> String {
    let mut out = format!(
        "{}\n{}\nlayer: {}   domain: {}   severity: {}\n",
        rule.id, rule.title, rule.layer, rule.domain, rule.severity
    );
    if let Some(check) = rule.pss {
        out.push_str(&format!(
            "Pod Security Standards: {} check `{}`\n",
            check.level().as_str(),
            check.upstream_id()
        ));
    }
    out.push('\n');
    out.push_str(&rule.doc());
    if !rule.references.is_empty() {
        out.push_str("\n## References\n");
        for r in rule.references {
            let v = serde_json::to_value(r).unwrap_or_default();
            out.push_str(&format!(
                "- {}: {}\n",
                v["type"].as_str().unwrap_or(""),
                v["id"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

pub fn write_table(rules: &[&Rule], out: &mut dyn Write) -> io::Result<()> {
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in rules {
        writeln!(
            out,
            "{:<width$}  {:<7}  {:<8}  {}",
            r.id,
            r.layer.as_str(),
            r.severity.as_str(),
            r.title
        )?;
    }
    writeln!(
        out,
        "\n{} rules; `rampart rules ID` prints one rule's documentation",
        rules.len()
    )
}
