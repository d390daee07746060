//! SARIF 2.1.0, as code-scanning services read it: one run, every rule that ran with its help
//! text and URI, results with physical locations (line and column), logical locations naming
//! the Kubernetes object, and stable fingerprints. Suppressed findings are included and marked.
//! Results are written as the scan passes them on, like the JSON report.

use std::io::{self, Write};

use serde_json::{json, Value};

use std::collections::HashMap;

use super::json::Chunks;
use super::Streamed;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;
use crate::scan::ScanResult;
use crate::source::LoadError;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// The score code-scanning services sort security alerts by.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// A relative URI reference for a file path as the user gave it.
fn uri(file: &str) -> String {
    if file == "<stdin>" {
        return "stdin".into();
    }
    let path = file.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn physical(file: &str, line: u32, column: u32) -> Value {
    let mut loc = json!({ "artifactLocation": { "uri": uri(file) } });
    if line > 0 {
        let mut region = json!({ "startLine": line });
        if column > 0 {
            region["startColumn"] = json!(column);
        }
        loc["region"] = region;
    }
    loc
}

fn result(f: &Finding, rule_index: Option<usize>, suppressed: bool) -> Value {
    let r = &f.resource;
    let qualified = match &r.namespace {
        Some(ns) => format!("{}/{}/{}", r.kind, ns, r.name),
        None => format!("{}/{}", r.kind, r.name),
    };
    let mut v = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": physical(&f.location.file, f.location.line, f.location.column),
            "logicalLocations": [{ "fullyQualifiedName": qualified, "kind": "object" }],
        }],
        "partialFingerprints": { "rampart/v1": f.fingerprint },
        "properties": {
            "severity": f.severity.as_str(),
            "layer": f.layer.as_str(),
            "path": f.location.path,
            "resource": r,
            "remediation": f.remediation,
        },
    });
    if let Some(i) = rule_index {
        v["ruleIndex"] = json!(i);
    }
    if suppressed {
        v["suppressions"] = json!([{ "kind": "inSource" }]);
    }
    v
}

fn notification(e: &LoadError) -> Value {
    json!({
        "level": "error",
        "message": { "text": e.message },
        "locations": [{ "physicalLocation": physical(&e.file, e.line, e.column) }],
    })
}

fn rule_descriptor(rule: &Rule) -> Value {
    let doc = rule.doc();
    let summary = doc
        .split("\n\n")
        .nth(1)
        .map(|p| p.replace('\n', " "))
        .unwrap_or_else(|| rule.title.to_string());
    json!({
        "id": rule.id,
        "name": rule.title,
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": summary },
        "help": { "text": doc, "markdown": doc },
        "helpUri": rule.help_uri(),
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "tags": ["security", rule.layer.as_str(), rule.domain],
            "security-severity": security_severity(rule.severity),
            "precision": "high",
        },
    })
}

/// The SARIF log in the making: the run's tool and rules first, then each result as the scan
/// passes it on, then the suppressed results and the invocation with its notifications.
pub struct Sarif<'a> {
    rules: &'a [&'static Rule],
    rule_index: HashMap<&'static str, usize>,
    written: usize,
    chunks: Chunks,
}

impl<'a> Sarif<'a> {
    pub fn new(rules: &'a [&'static Rule]) -> Self {
        let rule_index = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        Sarif {
            rules,
            rule_index,
            written: 0,
            chunks: Chunks::default(),
        }
    }

    fn results(
        &mut self,
        batch: &[Finding],
        suppressed: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for f in batch {
            let buf = self.chunks.buf();
            buf.extend_from_slice(if self.written == 0 {
                b"\n        "
            } else {
                b",\n        "
            });
            let value = result(f, self.rule_index.get(f.rule).copied(), suppressed);
            serde_json::to_writer(&mut *buf, &value)?;
            self.written += 1;
            self.chunks.write_full(out)?;
        }
        Ok(())
    }
}

impl Streamed for Sarif<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = json!({ "driver": {
            "name": "rampart",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://rampart.dev",
            "rules": self.rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
        }});
        write!(
            out,
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": ",
            serde_json::to_string(SCHEMA)?
        )?;
        serde_json::to_writer(&mut *out, &tool)?;
        out.write_all(b",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
    }

    fn findings(&mut self, batch: &[Finding], out: &mut dyn Write) -> io::Result<()> {
        self.results(batch, false, out)
    }

    fn end(&mut self, r: &ScanResult, out: &mut dyn Write) -> io::Result<()> {
        self.results(&r.suppressed, true, out)?;
        self.chunks.flush(out)?;
        out.write_all(if self.written == 0 {
            b"]"
        } else {
            b"\n      ]"
        })?;
        let invocations = json!([{
            "executionSuccessful": r.errors.is_empty(),
            "toolExecutionNotifications": r.errors.iter().map(notification).collect::<Vec<_>>(),
        }]);
        out.write_all(b",\n      \"invocations\": ")?;
        serde_json::to_writer(&mut *out, &invocations)?;
        out.write_all(b"\n    }\n  ]\n}\n")
    }
}
