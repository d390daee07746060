//! SecretProviderClass objects (Secrets Store CSI driver, `secrets-store.csi.x-k8s.io`) as the
//! Azure Key Vault provider reads them.
//!
//! The provider takes its settings from `spec.parameters`, a map of strings: `keyvaultName`,
//! `tenantId`, the identity to use (`clientID` for workload identity, `useVMManagedIdentity`
//! with `userAssignedIdentityID`, the deprecated `usePodIdentity`, else a service principal
//! secret passed by the pod's `nodePublishSecretRef`), and `objects`, which is YAML inside a
//! string: a mapping with an `array` of strings, each itself YAML for one Key Vault object
//! (`objectName`, `objectType` `secret`|`key`|`cert`, optional `objectAlias`,
//! `objectVersion`).

use rampart_document::{parse_str, Limits, Node, Pos, Value};

use crate::object::Object;

pub const GROUP: &str = "secrets-store.csi.x-k8s.io";

/// Whether `object` is a SecretProviderClass.
pub fn is_provider_class(object: &Object) -> bool {
    object.kind == "SecretProviderClass" && object.group() == GROUP
}

/// A SecretProviderClass parameter as text (`true` written unquoted still counts).
pub fn parameter<'a>(object: &'a Object, name: &str) -> Option<(String, &'a Node)> {
    let node = object.node.path(&["spec", "parameters", name])?;
    let text = match &node.value {
        Value::Str(s) => s.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        _ => return None,
    };
    Some((text.trim().to_string(), node))
}

/// A parameter that is set to a non-empty value.
pub fn non_empty_parameter<'a>(object: &'a Object, name: &str) -> Option<(String, &'a Node)> {
    parameter(object, name).filter(|(v, _)| !v.is_empty())
}

/// A boolean parameter: the provider parses `"true"` case-insensitively.
pub fn flag(object: &Object, name: &str) -> bool {
    parameter(object, name).is_some_and(|(v, _)| v.eq_ignore_ascii_case("true"))
}

/// One Key Vault object the class fetches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyVaultObject {
    pub name: String,
    pub object_type: String,
    pub alias: Option<String>,
}

/// Why `parameters.objects` cannot be used, as a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectsError(pub String);

fn yaml_root(text: &str) -> Result<Node, String> {
    match parse_str(text, &Limits::default()).into_iter().next() {
        None => Err("it is empty".into()),
        Some(Err(e)) => Err(format!(
            "it is not valid YAML (line {}: {})",
            e.line, e.message
        )),
        Some(Ok(doc)) => Ok(doc.root),
    }
}

/// Parses `parameters.objects` the way the Azure provider does.
pub fn key_vault_objects(objects: &str) -> Result<Vec<KeyVaultObject>, ObjectsError> {
    let err = |m: String| ObjectsError(format!("parameters.objects: {m}"));
    let root = yaml_root(objects).map_err(err)?;
    let Some(array) = root.get("array") else {
        return Err(err("has no `array` list".into()));
    };
    if !array.is_seq() {
        return Err(err("`array` is not a list".into()));
    }
    let mut out = Vec::new();
    for (i, item) in array.items().iter().enumerate() {
        let Some(text) = item.as_str() else {
            return Err(err(format!(
                "array item {i} is not a string: the provider expects each object as a YAML string (`- |` then objectName, objectType)"
            )));
        };
        let object = yaml_root(text).map_err(|m| err(format!("array item {i}: {m}")))?;
        let field = |k: &str| {
            object
                .get(k)
                .and_then(Node::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(name) = field("objectName") else {
            return Err(err(format!("array item {i} has no objectName")));
        };
        let object_type = field("objectType").unwrap_or_default();
        if !["secret", "key", "cert"]
            .iter()
            .any(|t| object_type.eq_ignore_ascii_case(t))
        {
            return Err(err(format!(
                "object \"{name}\" has objectType \"{object_type}\" (expected secret, key or cert)"
            )));
        }
        out.push(KeyVaultObject {
            name,
            object_type,
            alias: field("objectAlias"),
        });
    }
    if out.is_empty() {
        return Err(err("lists no objects".into()));
    }
    Ok(out)
}

/// Kubernetes Secrets the class keeps in sync with Key Vault (`spec.secretObjects[].secretName`):
/// pods that read these read Key Vault content.
pub fn synced_secrets(object: &Object) -> impl Iterator<Item = &str> {
    object
        .node
        .path(&["spec", "secretObjects"])
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(|s| s.get("secretName").and_then(Node::as_str))
}

/// Where `spec.parameters` is, or the object itself.
pub fn parameters_pos(object: &Object) -> Pos {
    object
        .node
        .path(&["spec", "parameters"])
        .map_or(object.node.pos, |n| n.pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_objects_format() {
        let text = "array:\n  - |\n    objectName: db-password\n    objectType: secret\n    objectVersion: \"\"\n  - |\n    objectName: tls\n    objectType: cert\n    objectAlias: tls.pem\n";
        let objects = key_vault_objects(text).unwrap();
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[0].name, "db-password");
        assert_eq!(objects[1].alias.as_deref(), Some("tls.pem"));
    }

    #[test]
    fn explains_what_is_wrong() {
        let e = |t: &str| key_vault_objects(t).unwrap_err().0;
        assert!(
            e("array: [").contains("not valid YAML"),
            "{}",
            e("array: [")
        );
        assert!(e("items:\n  - x\n").contains("no `array`"));
        assert!(e("array:\n  - objectName: a\n    objectType: secret\n").contains("not a string"));
        assert!(e("array:\n  - |\n    objectType: secret\n").contains("no objectName"));
        assert!(
            e("array:\n  - |\n    objectName: a\n    objectType: password\n")
                .contains("objectType \"password\"")
        );
        assert!(e("array: []\n").contains("lists no objects"));
    }
}
