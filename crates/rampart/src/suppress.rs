//! Suppression: the `rampart.dev/ignore` annotation and the config's exempt namespaces.
//! Suppressed findings are kept and counted in every report, never silently dropped.

use foldhash::HashMap;
use std::sync::Arc;

use rampart_document::Node;

use crate::finding::Finding;
use crate::object::Object;
use crate::rules::{selector_matches, CATALOG};
use crate::source::LoadError;
use crate::workload::Workload;

pub const ANNOTATION: &str = "rampart.dev/ignore";

/// The rules an object's annotation silences, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub reason: String,
}

/// The suppressions read from the input, by file then object: the same object may appear in
/// several files with different annotations, so the file is part of an object's identity.
/// A file holds a handful of objects, so each file's list is searched in place, which lets a
/// lookup borrow the finding's strings instead of building a key.
#[derive(Debug, Default)]
pub struct Suppressions {
    by_file: HashMap<Arc<str>, Vec<(ObjectId, Suppression)>>,
}

/// Kind, namespace and name.
type ObjectId = (String, Option<String>, String);

impl Suppressions {
    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// Records `suppression` for an object, replacing what the same object had.
    pub fn insert(
        &mut self,
        file: &Arc<str>,
        (kind, namespace, name): (&str, Option<&str>, &str),
        suppression: Suppression,
    ) {
        let objects = self.by_file.entry(file.clone()).or_default();
        match objects
            .iter_mut()
            .find(|(id, _)| same(id, kind, namespace, name))
        {
            Some((_, s)) => *s = suppression,
            None => objects.push((
                (
                    kind.to_string(),
                    namespace.map(str::to_string),
                    name.to_string(),
                ),
                suppression,
            )),
        }
    }

    pub fn extend(&mut self, other: Suppressions) {
        for (file, objects) in other.by_file {
            for ((kind, namespace, name), s) in objects {
                self.insert(&file, (&kind, namespace.as_deref(), &name), s);
            }
        }
    }

    /// What silences findings on the object `kind`/`namespace`/`name` read from `file`.
    pub fn get(
        &self,
        file: &str,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
    ) -> Option<&Suppression> {
        self.by_file
            .get(file)?
            .iter()
            .find(|(id, _)| same(id, kind, namespace, name))
            .map(|(_, s)| s)
    }
}

fn same(id: &ObjectId, kind: &str, namespace: Option<&str>, name: &str) -> bool {
    id.0 == kind && id.1.as_deref() == namespace && id.2 == name
}

/// Parses `"<rule-id>[,<rule-id>…]: <reason>"`.
pub fn parse(value: &str) -> Result<Suppression, String> {
    let Some((ids, reason)) = value.split_once(':') else {
        return Err(format!(
            "{ANNOTATION} must read \"<rule-id>[,<rule-id>…]: <reason>\"; a reason is required"
        ));
    };
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(format!(
            "{ANNOTATION}: a reason is required after the rule ids"
        ));
    }
    let rules: Vec<String> = ids
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if rules.is_empty() {
        return Err(format!(
            "{ANNOTATION}: name the rule ids to ignore before the colon"
        ));
    }
    for r in &rules {
        if !CATALOG.iter().any(|rule| selector_matches(r, rule.id)) {
            return Err(format!("{ANNOTATION}: unknown rule `{r}`"));
        }
    }
    Ok(Suppression {
        rules,
        reason: reason.to_string(),
    })
}

/// Reads the annotation from an object and, for workloads, its pod template too.
pub fn collect(
    object: &Object,
    workload: Option<&Workload>,
    out: &mut Suppressions,
    errors: &mut Vec<LoadError>,
) {
    let mut found = Vec::new();
    let annotations = |meta: Option<&Node>| {
        meta.and_then(|m| m.get("annotations"))
            .and_then(|a| a.get(ANNOTATION))
            .cloned()
    };
    found.extend(annotations(object.metadata()));
    if let Some(w) = workload {
        if !w.is_pod() {
            found.extend(annotations(w.pod_metadata));
        }
    }
    if found.is_empty() {
        return;
    }
    let mut merged = Suppression {
        rules: Vec::new(),
        reason: String::new(),
    };
    for node in found {
        let text = node.as_str().unwrap_or("");
        match parse(text) {
            Ok(s) => {
                merged.rules.extend(s.rules);
                if !merged.reason.is_empty() {
                    merged.reason.push_str("; ");
                }
                merged.reason.push_str(&s.reason);
            }
            Err(message) => errors.push(LoadError {
                file: object.file.clone(),
                line: node.pos.line,
                column: node.pos.column,
                message,
            }),
        }
    }
    if !merged.rules.is_empty() {
        out.insert(
            &object.file,
            (&object.kind, object.effective_namespace(), &object.name),
            merged,
        );
    }
}

/// Splits findings into reported and suppressed, in place (large scans hold many findings).
pub fn apply(
    mut findings: Vec<Finding>,
    suppressions: &Suppressions,
    exempt_namespaces: &[String],
) -> (Vec<Finding>, Vec<Finding>) {
    if suppressions.is_empty() && exempt_namespaces.is_empty() {
        return (findings, Vec::new());
    }
    let suppressed: Vec<Finding> = findings
        .extract_if(.., |f| {
            let exempt = f
                .resource
                .namespace
                .as_ref()
                .is_some_and(|ns| exempt_namespaces.iter().any(|e| e == ns));
            exempt
                || suppressions
                    .get(
                        &f.location.file,
                        &f.resource.kind,
                        f.resource.namespace.as_deref(),
                        &f.resource.name,
                    )
                    .is_some_and(|s| s.rules.iter().any(|r| selector_matches(r, f.rule)))
        })
        .collect();
    (findings, suppressed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_and_reason() {
        let s = parse("pod.pss.privileged, pod.pss.host-namespaces: node agent, reviewed 2026-10")
            .unwrap();
        assert_eq!(
            s.rules,
            vec!["pod.pss.privileged", "pod.pss.host-namespaces"]
        );
        assert_eq!(s.reason, "node agent, reviewed 2026-10");
        assert!(parse("pod.pss.privileged").is_err());
        assert!(parse("pod.pss.privileged:   ").is_err());
        assert!(parse(": because").is_err());
        assert!(parse("pod.nope: because").is_err());
        assert!(parse("pod.pss: all of PSS, vendor chart").is_ok());
    }

    #[test]
    fn suppressions_are_per_file_and_object_and_a_later_one_replaces() {
        let why = |reason: &str| Suppression {
            rules: vec!["pod".to_string()],
            reason: reason.to_string(),
        };
        let (a, b): (Arc<str>, Arc<str>) = ("a.yaml".into(), "b.yaml".into());
        let web = ("Deployment", Some("shop"), "web");
        let mut s = Suppressions::default();
        assert!(s.is_empty());
        s.insert(&a, web, why("first"));
        s.insert(&a, ("Deployment", None, "web"), why("cluster-wide"));
        let mut other = Suppressions::default();
        other.insert(&a, web, why("second"));
        other.insert(&b, ("Pod", Some("shop"), "web"), why("pod"));
        s.extend(other);

        assert_eq!(
            s.get("a.yaml", "Deployment", Some("shop"), "web")
                .unwrap()
                .reason,
            "second"
        );
        assert_eq!(
            s.get("a.yaml", "Deployment", None, "web").unwrap().reason,
            "cluster-wide"
        );
        assert_eq!(
            s.get("b.yaml", "Pod", Some("shop"), "web").unwrap().reason,
            "pod"
        );
        assert!(s.get("b.yaml", "Deployment", Some("shop"), "web").is_none());
        assert!(s.get("c.yaml", "Deployment", Some("shop"), "web").is_none());
    }
}
