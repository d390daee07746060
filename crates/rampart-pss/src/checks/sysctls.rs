//! `sysctls`: only namespaced sysctls that cannot affect other pods on the node.

use std::ops::ControlFlow;

use rampart_document::Node;

use crate::pod::{items, locate, shown, PodView};
use crate::version::Version;
use crate::violation::{violation, Sink};
use crate::Check;

/// The safe list and the policy version that added each name. The list only grows.
const SAFE: [(&str, u16); 14] = [
    ("kernel.shm_rmid_forced", 0),
    ("net.ipv4.ip_local_port_range", 0),
    ("net.ipv4.tcp_syncookies", 0),
    ("net.ipv4.ping_group_range", 0),
    ("net.ipv4.ip_unprivileged_port_start", 0),
    ("net.ipv4.ip_local_reserved_ports", 27),
    ("net.ipv4.tcp_keepalive_time", 29),
    ("net.ipv4.tcp_fin_timeout", 29),
    ("net.ipv4.tcp_keepalive_intvl", 29),
    ("net.ipv4.tcp_keepalive_probes", 29),
    ("net.ipv4.tcp_rmem", 32),
    ("net.ipv4.tcp_wmem", 32),
    ("net.ipv4.tcp_slow_start_after_idle", 37),
    ("net.ipv4.tcp_notsent_lowat", 37),
];

/// The versions where the safe list changed: each starts a distinct implementation.
pub(crate) const IMPLEMENTATIONS: [u16; 5] = [0, 27, 29, 32, 37];

/// The policy version from which `name` is safe; exact, case-sensitive match.
fn safe_since(name: &str) -> Option<Version> {
    SAFE.iter()
        .find(|(safe, _)| *safe == name)
        .map(|&(_, since)| Version(since))
}

/// Only the names are compared; values are not checked.
pub(crate) fn sysctls<S: Sink>(pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
    let list = items(pod.security_context().and_then(|sc| sc.get("sysctls")));
    for (i, sysctl) in list.iter().enumerate() {
        let name = sysctl.get("name");
        let since = name.and_then(Node::as_str).and_then(safe_since);
        if since.is_some_and(|since| since <= v) {
            continue;
        }
        sink.report(|| {
            let why = match since {
                Some(since) => format!("it is only allowed from policy {since}"),
                None => "it is not on the safe list".to_string(),
            };
            violation(
                Check::Sysctls,
                format!("spec.securityContext.sysctls[{i}].name"),
                locate(sysctl, "name"),
                format!("pod must not set sysctl {} ({why})", shown(name)),
            )
        })?;
    }
    ControlFlow::Continue(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_safe_list_change_starts_an_implementation() {
        for (_, since) in SAFE {
            assert!(IMPLEMENTATIONS.contains(&since), "{since}");
        }
        for v in IMPLEMENTATIONS {
            assert!(SAFE.iter().any(|(_, since)| *since == v), "{v}");
        }
    }
}
