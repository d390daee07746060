//! Volumes: `hostPathVolumes` and `restrictedVolumes`.

use std::ops::ControlFlow;

use rampart_document::Node;

use crate::pod::{items, locate, PodView};
use crate::violation::{violation, Sink};
use crate::Check;

/// Sources a restricted pod may use: none of them exposes the node or an arbitrary remote
/// filesystem. `ephemeral` and `image` are allowed at every pinned version, even ones older
/// than those volume types.
const ALLOWED: [&str; 9] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/// Sources PSA names when it rejects them; anything else it reports as "unknown".
const FORBIDDEN: [&str; 21] = [
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos",
];

fn volumes<'a>(pod: &PodView<'a>) -> &'a [Node] {
    items(pod.spec.get("volumes"))
}

fn volume_name(volume: &Node) -> &str {
    volume.get("name").and_then(Node::as_str).unwrap_or("")
}

/// Baseline: a hostPath volume gives the pod the node's filesystem.
pub(crate) fn host_path<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    for (i, volume) in volumes(pod).iter().enumerate() {
        if volume.get("hostPath").is_some() {
            sink.report(|| {
                violation(
                    Check::HostPathVolumes,
                    format!("spec.volumes[{i}].hostPath"),
                    locate(volume, "hostPath"),
                    format!("volume {:?} must not use hostPath", volume_name(volume)),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}

/// Restricted: only the allow-listed sources. PSA sees volumes after API defaulting, which
/// turns a volume that names no source into `emptyDir`, so such a volume passes here. A source
/// this crate does not know (a typo, or a type newer than PSA) fails as "unknown".
pub(crate) fn restricted<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    for (i, volume) in volumes(pod).iter().enumerate() {
        if ALLOWED.iter().any(|k| volume.get(k).is_some()) {
            continue;
        }
        let Some(source) = volume
            .entries()
            .iter()
            .find(|e| &*e.key != "name" && !e.value.is_null())
        else {
            continue; // defaulted to emptyDir
        };
        sink.report(|| {
            let (key, kind, pos) = match FORBIDDEN.iter().find(|k| volume.get(k).is_some()) {
                Some(k) => (*k, *k, locate(volume, k)),
                None => (&*source.key, "unknown", source.key_pos),
            };
            let message = if kind == "unknown" {
                format!(
                    "volume {:?} uses an unknown volume type {key:?}; allowed: {}",
                    volume_name(volume),
                    ALLOWED.join(", ")
                )
            } else {
                format!(
                    "volume {:?} uses restricted volume type {kind:?}; allowed: {}",
                    volume_name(volume),
                    ALLOWED.join(", ")
                )
            };
            let mut path = format!("spec.volumes[{i}]");
            rampart_document::push_key(&mut path, key);
            violation(Check::RestrictedVolumes, path, pos, message)
        })?;
    }
    ControlFlow::Continue(())
}
