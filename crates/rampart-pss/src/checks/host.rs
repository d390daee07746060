//! Host access: `hostNamespaces`, `hostPorts`, `hostProbesAndHostLifecycle`.

use std::ops::ControlFlow;

use rampart_document::Node;

use crate::pod::{items, locate, non_empty, set_true, shown, Container, PodView};
use crate::violation::{violation, Sink};
use crate::Check;

/// `hostUsers` and `shareProcessNamespace` are not host namespaces in PSA's sense.
const NAMESPACES: [&str; 3] = ["hostNetwork", "hostPID", "hostIPC"];

/// Sharing the node's network, process or IPC namespace: each must be unset or `false`.
pub(crate) fn namespaces<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    for key in NAMESPACES {
        let field = pod.spec.get(key);
        if set_true(field) {
            sink.report(|| {
                violation(
                    Check::HostNamespaces,
                    format!("spec.{key}"),
                    locate(pod.spec, key),
                    format!("pod must not set {key}={}", shown(field)),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}

/// Any non-zero `hostPort`: there is no allowed port or range.
pub(crate) fn ports<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    for c in pod.containers() {
        for (j, port) in items(c.node.get("ports")).iter().enumerate() {
            let host_port = port.get("hostPort");
            if host_port.is_some_and(|p| p.as_i64() != Some(0)) {
                sink.report(|| {
                    violation(
                        Check::HostPorts,
                        c.path(&format!("ports[{j}].hostPort")),
                        locate(port, "hostPort"),
                        format!(
                            "{} must not set hostPort {}",
                            c.describe(),
                            shown(host_port)
                        ),
                    )
                })?;
            }
        }
    }
    ControlFlow::Continue(())
}

const PROBES: [&str; 3] = ["livenessProbe", "readinessProbe", "startupProbe"];
/// Hook name and its path under the container.
const HOOKS: [(&str, &str); 2] = [
    ("postStart", "lifecycle.postStart"),
    ("preStop", "lifecycle.preStop"),
];
/// `exec`, `grpc` and `sleep` handlers have no host, so they are not read.
const HANDLERS: [&str; 2] = ["httpGet", "tcpSocket"];

/// A probe or lifecycle hook aimed at another host (1.34+) lets the kubelet reach addresses the
/// pod's network policy would not. Any non-empty host fails, loopback included.
pub(crate) fn probes_and_lifecycle<S: Sink>(pod: &PodView, sink: &mut S) -> ControlFlow<()> {
    for c in pod.containers() {
        for probe in PROBES {
            if let Some(p) = c.node.get(probe) {
                handler_hosts(c, p, probe, sink)?;
            }
        }
        if let Some(lifecycle) = c.node.get("lifecycle") {
            for (hook, at) in HOOKS {
                if let Some(h) = lifecycle.get(hook) {
                    handler_hosts(c, h, at, sink)?;
                }
            }
        }
    }
    ControlFlow::Continue(())
}

fn handler_hosts<S: Sink>(c: Container, handler: &Node, at: &str, sink: &mut S) -> ControlFlow<()> {
    for kind in HANDLERS {
        let host = handler.get(kind).and_then(|h| h.get("host"));
        if non_empty(host) {
            sink.report(|| {
                let rest = format!("{at}.{kind}.host");
                violation(
                    Check::HostProbesAndHostLifecycle,
                    c.path(&rest),
                    locate(c.node, &rest),
                    format!("{} must not set {rest}={}", c.describe(), shown(host)),
                )
            })?;
        }
    }
    ControlFlow::Continue(())
}
