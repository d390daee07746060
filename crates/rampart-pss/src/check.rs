//! The PSS checks: identity, versions, overrides, and dispatch to their rules.

use std::fmt;
use std::ops::ControlFlow;

use crate::checks;
use crate::level::Level;
use crate::pod::PodView;
use crate::version::{version_range, Version};
use crate::violation::{Sink, Verdict, Violation};

/// One PSA check. Variant names follow PSA's check ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    HostNamespaces,
    Privileged,
    CapabilitiesBaseline,
    HostPathVolumes,
    HostPorts,
    AppArmorProfile,
    SeLinuxOptions,
    ProcMount,
    SeccompProfileBaseline,
    Sysctls,
    WindowsHostProcess,
    HostProbesAndHostLifecycle,
    AllowPrivilegeEscalation,
    CapabilitiesRestricted,
    RunAsNonRoot,
    RunAsUser,
    RestrictedVolumes,
    SeccompProfileRestricted,
    ProcMountRestricted,
}

/// Restricted checks that take over from a baseline check at `restricted`, from a version on.
/// Below that version the baseline check keeps running at `restricted`.
const OVERRIDES: [(Check, Check, Version); 4] = [
    (Check::RestrictedVolumes, Check::HostPathVolumes, Version(0)),
    (
        Check::SeccompProfileRestricted,
        Check::SeccompProfileBaseline,
        Version(19),
    ),
    (
        Check::CapabilitiesRestricted,
        Check::CapabilitiesBaseline,
        Version(22),
    ),
    (Check::ProcMountRestricted, Check::ProcMount, Version(35)),
];

impl Check {
    /// Every check: baseline checks, then restricted ones.
    pub const ALL: [Check; 19] = [
        Check::HostNamespaces,
        Check::Privileged,
        Check::CapabilitiesBaseline,
        Check::HostPathVolumes,
        Check::HostPorts,
        Check::AppArmorProfile,
        Check::SeLinuxOptions,
        Check::ProcMount,
        Check::SeccompProfileBaseline,
        Check::Sysctls,
        Check::WindowsHostProcess,
        Check::HostProbesAndHostLifecycle,
        Check::AllowPrivilegeEscalation,
        Check::CapabilitiesRestricted,
        Check::RunAsNonRoot,
        Check::RunAsUser,
        Check::RestrictedVolumes,
        Check::SeccompProfileRestricted,
        Check::ProcMountRestricted,
    ];

    /// The order PSA reports failing checks in: baseline checks sorted by id, then restricted
    /// checks sorted by id. [`crate::evaluate`] returns violations in this order so that a
    /// rendered list of reasons reads like PSA's rejection message.
    pub const PSA_ORDER: [Check; 19] = [
        Check::AppArmorProfile,
        Check::CapabilitiesBaseline,
        Check::HostNamespaces,
        Check::HostPathVolumes,
        Check::HostPorts,
        Check::HostProbesAndHostLifecycle,
        Check::Privileged,
        Check::ProcMount,
        Check::SeLinuxOptions,
        Check::SeccompProfileBaseline,
        Check::Sysctls,
        Check::WindowsHostProcess,
        Check::AllowPrivilegeEscalation,
        Check::CapabilitiesRestricted,
        Check::ProcMountRestricted,
        Check::RestrictedVolumes,
        Check::RunAsNonRoot,
        Check::RunAsUser,
        Check::SeccompProfileRestricted,
    ];

    /// PSA's check id, as it appears in PSA's code, metrics and audit annotations.
    pub fn upstream_id(self) -> &'static str {
        match self {
            Check::HostNamespaces => "hostNamespaces",
            Check::Privileged => "privileged",
            Check::CapabilitiesBaseline => "capabilities_baseline",
            Check::HostPathVolumes => "hostPathVolumes",
            Check::HostPorts => "hostPorts",
            Check::AppArmorProfile => "appArmorProfile",
            Check::SeLinuxOptions => "seLinuxOptions",
            Check::ProcMount => "procMount",
            Check::SeccompProfileBaseline => "seccompProfile_baseline",
            Check::Sysctls => "sysctls",
            Check::WindowsHostProcess => "windowsHostProcess",
            Check::HostProbesAndHostLifecycle => "hostProbesAndHostLifecycle",
            Check::AllowPrivilegeEscalation => "allowPrivilegeEscalation",
            Check::CapabilitiesRestricted => "capabilities_restricted",
            Check::RunAsNonRoot => "runAsNonRoot",
            Check::RunAsUser => "runAsUser",
            Check::RestrictedVolumes => "restrictedVolumes",
            Check::SeccompProfileRestricted => "seccompProfile_restricted",
            Check::ProcMountRestricted => "procMount_restricted",
        }
    }

    /// The check with PSA id `id` (exact spelling).
    pub fn from_upstream_id(id: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.upstream_id() == id)
    }

    /// The level that introduces the check; a restricted namespace runs baseline checks too.
    pub fn level(self) -> Level {
        match self {
            Check::AllowPrivilegeEscalation
            | Check::CapabilitiesRestricted
            | Check::RunAsNonRoot
            | Check::RunAsUser
            | Check::RestrictedVolumes
            | Check::SeccompProfileRestricted
            | Check::ProcMountRestricted => Level::Restricted,
            _ => Level::Baseline,
        }
    }

    /// PSA's short reason, the text its rejection message lists for the check.
    pub fn reason(self) -> &'static str {
        match self {
            Check::HostNamespaces => "host namespaces",
            Check::Privileged => "privileged",
            Check::CapabilitiesBaseline => "non-default capabilities",
            Check::HostPathVolumes => "hostPath volumes",
            Check::HostPorts => "hostPort",
            Check::AppArmorProfile => "forbidden AppArmor profile(s)",
            Check::SeLinuxOptions => "seLinuxOptions",
            Check::ProcMount => "procMount",
            Check::SeccompProfileBaseline => "seccompProfile",
            Check::Sysctls => "forbidden sysctls",
            Check::WindowsHostProcess => "hostProcess",
            Check::HostProbesAndHostLifecycle => "probe or lifecycle host",
            Check::AllowPrivilegeEscalation => "allowPrivilegeEscalation != false",
            Check::CapabilitiesRestricted => "unrestricted capabilities",
            Check::RunAsNonRoot => "runAsNonRoot != true",
            Check::RunAsUser => "runAsUser=0",
            Check::RestrictedVolumes => "restricted volume types",
            Check::SeccompProfileRestricted => "seccompProfile",
            Check::ProcMountRestricted => "procMount",
        }
    }

    /// The minimum policy version of each implementation of the check, oldest first. PSA picks
    /// the newest implementation whose minimum is at or below the requested version, so the
    /// verdict can only change at these versions.
    fn implementations(self) -> &'static [u16] {
        match self {
            Check::SeLinuxOptions => &[0, 31],
            Check::ProcMount => &[0, 35],
            Check::SeccompProfileBaseline => &[0, 19],
            Check::Sysctls => &checks::sysctls::IMPLEMENTATIONS,
            Check::HostProbesAndHostLifecycle => &[34],
            Check::AllowPrivilegeEscalation => &[8, 25],
            Check::CapabilitiesRestricted => &[22, 25],
            Check::RunAsNonRoot => &[0, 35],
            Check::RunAsUser => &[23, 35],
            Check::SeccompProfileRestricted => &[19, 25],
            Check::ProcMountRestricted => &[35],
            _ => &[0],
        }
    }

    /// Whether every later implementation accepts at least what the earlier ones accepted (a
    /// longer allow-list, a new exemption). Then a pod that passes one implementation passes all
    /// later ones too. Only the seccomp baseline check breaks this: it moved from annotations to
    /// fields, which is a different rule, not a wider one.
    fn later_versions_only_relax(self) -> bool {
        self != Check::SeccompProfileBaseline
    }

    /// The first policy version where the check exists.
    pub fn introduced(self) -> Version {
        Version(self.implementations()[0])
    }

    pub fn applies_at(self, v: Version) -> bool {
        self.introduced() <= v
    }

    /// For a baseline check: the restricted check that replaces it at `restricted`, and from
    /// which version.
    pub fn replaced_by(self) -> Option<(Check, Version)> {
        OVERRIDES
            .iter()
            .find(|(_, base, _)| *base == self)
            .map(|&(restricted, _, from)| (restricted, from))
    }

    /// For a restricted check: the baseline check it replaces, and from which version.
    pub fn replaces(self) -> Option<(Check, Version)> {
        OVERRIDES
            .iter()
            .find(|(restricted, _, _)| *restricted == self)
            .map(|&(_, base, from)| (base, from))
    }

    /// Whether PSA runs this check for a namespace at `level` pinned to `v`.
    pub fn active(self, level: Level, v: Version) -> bool {
        if !self.applies_at(v) {
            return false;
        }
        match level {
            Level::Privileged => false,
            Level::Baseline => self.level() == Level::Baseline,
            Level::Restricted => self.replaced_by().is_none_or(|(_, from)| v < from),
        }
    }

    /// Bit N set when PSA runs this check at `level` and policy version v1.N.
    pub fn active_versions(self, level: Level) -> u64 {
        let from = self.introduced().0;
        let end = Version::LATEST.0 + 1;
        match level {
            Level::Privileged => 0,
            Level::Baseline if self.level() == Level::Baseline => version_range(from, end),
            Level::Baseline => 0,
            Level::Restricted => {
                let until = self.replaced_by().map_or(end, |(_, v)| v.0);
                version_range(from, until)
            }
        }
    }

    /// This check alone at version `v` (empty if it does not apply at `v`): one violation per
    /// offending field.
    pub fn evaluate(self, pod: &PodView, v: Version) -> Vec<Violation> {
        let mut out = Vec::new();
        if self.applies_at(v) {
            let _ = self.run(pod, v, &mut out);
        }
        out
    }

    /// Whether this check alone rejects the pod at `v`, without building any violation.
    pub fn rejects(self, pod: &PodView, v: Version) -> bool {
        self.applies_at(v) && self.fails(pod, v)
    }

    /// Bit N set when the check rejects the pod at policy version v1.N. Each implementation of
    /// the check runs once, not once per version.
    pub fn failing_versions(self, pod: &PodView) -> u64 {
        let starts = self.implementations();
        let mut bits = 0;
        for (i, &from) in starts.iter().enumerate() {
            let to = starts.get(i + 1).copied().unwrap_or(Version::LATEST.0 + 1);
            if self.fails(pod, Version(from)) {
                bits |= version_range(from, to);
            } else if self.later_versions_only_relax() {
                break;
            }
        }
        bits
    }

    fn fails(self, pod: &PodView, v: Version) -> bool {
        let mut verdict = Verdict::default();
        let _ = self.run(pod, v, &mut verdict);
        verdict.failed
    }

    /// Runs the rule for version `v`; the caller has checked that the check applies at `v`.
    pub(crate) fn run<S: Sink>(self, pod: &PodView, v: Version, sink: &mut S) -> ControlFlow<()> {
        use checks::*;
        match self {
            Check::HostNamespaces => host::namespaces(pod, sink),
            Check::Privileged => privileged::privileged(pod, sink),
            Check::CapabilitiesBaseline => capabilities::baseline(pod, sink),
            Check::HostPathVolumes => volumes::host_path(pod, sink),
            Check::HostPorts => host::ports(pod, sink),
            Check::AppArmorProfile => apparmor::app_armor_profile(pod, sink),
            Check::SeLinuxOptions => selinux::se_linux_options(pod, v, sink),
            Check::ProcMount => proc_mount::baseline(pod, v, sink),
            Check::SeccompProfileBaseline => seccomp::baseline(pod, v, sink),
            Check::Sysctls => sysctls::sysctls(pod, v, sink),
            Check::WindowsHostProcess => privileged::windows_host_process(pod, sink),
            Check::HostProbesAndHostLifecycle => host::probes_and_lifecycle(pod, sink),
            Check::AllowPrivilegeEscalation => privileged::allow_privilege_escalation(pod, v, sink),
            Check::CapabilitiesRestricted => capabilities::restricted(pod, v, sink),
            Check::RunAsNonRoot => users::run_as_non_root(pod, v, sink),
            Check::RunAsUser => users::run_as_user(pod, v, sink),
            Check::RestrictedVolumes => volumes::restricted(pod, sink),
            Check::SeccompProfileRestricted => seccomp::restricted(pod, v, sink),
            Check::ProcMountRestricted => proc_mount::restricted(pod, sink),
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.upstream_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn psa_order_is_baseline_then_restricted_each_sorted_by_id() {
        let mut expected: Vec<Check> = Check::ALL.to_vec();
        expected.sort_by_key(|c| (c.level(), c.upstream_id()));
        assert_eq!(expected, Check::PSA_ORDER.to_vec());
    }

    #[test]
    fn introduction_versions() {
        let intro: Vec<(&str, u16)> = Check::ALL
            .iter()
            .map(|c| (c.upstream_id(), c.introduced().0))
            .filter(|(_, v)| *v > 0)
            .collect();
        assert_eq!(
            intro,
            vec![
                ("hostProbesAndHostLifecycle", 34),
                ("allowPrivilegeEscalation", 8),
                ("capabilities_restricted", 22),
                ("runAsUser", 23),
                ("seccompProfile_restricted", 19),
                ("procMount_restricted", 35),
            ]
        );
    }

    #[test]
    fn overrides_shape_the_active_sets() {
        assert!(Check::CapabilitiesBaseline.active(Level::Restricted, Version(21)));
        assert!(!Check::CapabilitiesBaseline.active(Level::Restricted, Version(22)));
        assert!(Check::CapabilitiesBaseline.active(Level::Baseline, Version(22)));
        assert!(!Check::HostPathVolumes.active(Level::Restricted, Version(0)));
        assert!(Check::SeccompProfileBaseline.active(Level::Restricted, Version(18)));
        assert!(!Check::SeccompProfileBaseline.active(Level::Restricted, Version(19)));
        assert!(Check::ProcMount.active(Level::Restricted, Version(34)));
        assert!(!Check::ProcMount.active(Level::Restricted, Version(35)));
        assert!(!Check::RunAsNonRoot.active(Level::Baseline, Version(30)));
        for c in Check::ALL {
            assert_eq!(c.active_versions(Level::Privileged), 0);
            for v in Version::all() {
                for level in Level::ALL {
                    assert_eq!(c.active(level, v), c.active_versions(level) & v.bit() != 0);
                }
            }
        }
    }

    #[test]
    fn ids_round_trip() {
        for c in Check::ALL {
            assert_eq!(Check::from_upstream_id(c.upstream_id()), Some(c));
        }
    }
}
