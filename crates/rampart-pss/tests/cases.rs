//! Scenarios the conformance corpus does not cover, each with its answer written by hand from
//! the PSS fact sheet.

use rampart_document::{parse_str, Limits, Node, Pos};
use rampart_pss::{
    active_checks, allows, evaluate, rejecting_versions, Check, Level, ModePolicy, NamespacePolicy,
    PodView, Version, Violation,
};

fn parse(yaml: &str) -> Node {
    let mut docs = parse_str(yaml, &Limits::default());
    assert_eq!(docs.len(), 1, "one document expected");
    docs.remove(0).expect("valid YAML").root
}

fn pod_of(root: &Node) -> PodView<'_> {
    PodView::from_object(root).expect("a pod").0
}

fn run(root: &Node, level: Level, v: u16) -> Vec<Violation> {
    let pod = pod_of(root);
    let out = evaluate(&pod, level, Version(v));
    // The verdict-only and all-versions paths agree with the full evaluation.
    assert_eq!(allows(&pod, level, Version(v)), out.is_empty());
    assert_eq!(
        rejecting_versions(&pod, level) & Version(v).bit() != 0,
        !out.is_empty()
    );
    out
}

/// (check id, path) of each violation, in order.
fn found(root: &Node, level: Level, v: u16) -> Vec<(&'static str, String)> {
    run(root, level, v)
        .into_iter()
        .map(|x| (x.check.upstream_id(), x.path))
        .collect()
}

fn ids(root: &Node, level: Level, v: u16) -> Vec<&'static str> {
    found(root, level, v)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// Bits for v1.from ..= v1.to.
fn versions(from: u16, to: u16) -> u64 {
    (from..=to).fold(0, |m, v| m | (1 << v))
}

const ALL: u64 = (1 << 38) - 1;

/// A pod that passes restricted at every version.
const RESTRICTED_POD: &str = "
apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: registry.k8s.io/pause
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: [ALL]
";

#[test]
fn the_restricted_base_pod_passes_everywhere() {
    let root = parse(RESTRICTED_POD);
    let pod = pod_of(&root);
    assert_eq!(rejecting_versions(&pod, Level::Restricted), 0);
    assert_eq!(rejecting_versions(&pod, Level::Baseline), 0);
    assert_eq!(rejecting_versions(&pod, Level::Privileged), 0);
}

#[test]
fn ephemeral_containers_are_checked() {
    let root = parse(
        "
kind: Pod
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
  ephemeralContainers:
  - name: debugger
    securityContext:
      privileged: true
      capabilities:
        add: [SYS_PTRACE]
",
    );
    assert_eq!(
        found(&root, Level::Baseline, 37),
        vec![
            (
                "capabilities_baseline",
                "spec.ephemeralContainers[0].securityContext.capabilities.add[0]".to_string()
            ),
            (
                "privileged",
                "spec.ephemeralContainers[0].securityContext.privileged".to_string()
            ),
        ]
    );
    assert_eq!(
        found(&root, Level::Restricted, 37),
        vec![
            (
                "privileged",
                "spec.ephemeralContainers[0].securityContext.privileged".to_string()
            ),
            (
                "allowPrivilegeEscalation",
                "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation".to_string()
            ),
            (
                "capabilities_restricted",
                "spec.ephemeralContainers[0].securityContext.capabilities.drop".to_string()
            ),
            (
                "capabilities_restricted",
                "spec.ephemeralContainers[0].securityContext.capabilities.add[0]".to_string()
            ),
        ]
    );
}

#[test]
fn ephemeral_containers_need_their_own_run_as_non_root_and_seccomp() {
    let root = parse(
        "
kind: Pod
spec:
  containers:
  - name: app
    securityContext:
      runAsNonRoot: true
      seccompProfile: {type: Localhost}
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
  ephemeralContainers:
  - name: debug
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
",
    );
    assert_eq!(
        found(&root, Level::Restricted, 37),
        vec![
            (
                "runAsNonRoot",
                "spec.ephemeralContainers[0].securityContext.runAsNonRoot".to_string()
            ),
            (
                "seccompProfile_restricted",
                "spec.ephemeralContainers[0].securityContext.seccompProfile.type".to_string()
            ),
        ]
    );
}

fn app_armor_pod(pod_type: &str, container_type: &str) -> Node {
    parse(&format!(
        "
kind: Pod
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {{type: RuntimeDefault}}
    appArmorProfile:
      type: {pod_type}
  containers:
  - name: app
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {{drop: [ALL]}}
      appArmorProfile:
        type: {container_type}
        localhostProfile: my-profile
"
    ))
}

#[test]
fn app_armor_fields_are_checked_at_every_version() {
    for good in ["RuntimeDefault", "Localhost"] {
        let root = app_armor_pod(good, good);
        let pod = pod_of(&root);
        assert_eq!(rejecting_versions(&pod, Level::Baseline), 0, "{good}");
        assert_eq!(rejecting_versions(&pod, Level::Restricted), 0, "{good}");
    }

    let root = app_armor_pod("Unconfined", "RuntimeDefault");
    let pod = pod_of(&root);
    assert_eq!(rejecting_versions(&pod, Level::Baseline), ALL);
    assert_eq!(rejecting_versions(&pod, Level::Restricted), ALL);
    assert_eq!(Check::AppArmorProfile.failing_versions(&pod), ALL);
    for v in [0, 18, 29, 30, 37] {
        assert_eq!(
            found(&root, Level::Baseline, v),
            vec![(
                "appArmorProfile",
                "spec.securityContext.appArmorProfile.type".to_string()
            )]
        );
    }

    let root = app_armor_pod("Localhost", "Unconfined");
    assert_eq!(
        found(&root, Level::Restricted, 0),
        vec![(
            "appArmorProfile",
            "spec.containers[0].securityContext.appArmorProfile.type".to_string()
        )]
    );
    assert_eq!(rejecting_versions(&pod_of(&root), Level::Baseline), ALL);

    // A profile with no type is not a confining profile.
    let root = app_armor_pod("''", "RuntimeDefault");
    assert_eq!(ids(&root, Level::Baseline, 37), vec!["appArmorProfile"]);
}

#[test]
fn app_armor_annotations_need_no_matching_container() {
    let root = parse(
        "
kind: Pod
metadata:
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
    container.apparmor.security.beta.kubernetes.io/other: localhost/custom
    container.apparmor.security.beta.kubernetes.io/ghost: unconfined
spec:
  containers:
  - name: app
",
    );
    assert_eq!(
        found(&root, Level::Baseline, 37),
        vec![(
            "appArmorProfile",
            "metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/ghost\"]"
                .to_string()
        )]
    );
}

fn se_linux_pod(at_pod: &str, at_container: &str) -> Node {
    parse(&format!(
        "
kind: Pod
spec:
  securityContext:
    seLinuxOptions: {{type: {at_pod}, level: 's0:c123,c456'}}
  containers:
  - name: app
    securityContext:
      seLinuxOptions: {{type: {at_container}}}
"
    ))
}

#[test]
fn container_engine_t_is_allowed_from_1_31() {
    for root in [
        se_linux_pod("container_engine_t", "container_t"),
        se_linux_pod("container_init_t", "container_engine_t"),
    ] {
        assert!(run(&root, Level::Baseline, 31).is_empty());
        assert!(run(&root, Level::Baseline, 37).is_empty());
        assert_eq!(ids(&root, Level::Baseline, 30), vec!["seLinuxOptions"]);
        assert_eq!(ids(&root, Level::Baseline, 0), vec!["seLinuxOptions"]);
        let pod = pod_of(&root);
        assert_eq!(rejecting_versions(&pod, Level::Baseline), versions(0, 30));
    }
    let root = se_linux_pod("container_engine_t", "container_t");
    assert_eq!(
        found(&root, Level::Baseline, 30),
        vec![(
            "seLinuxOptions",
            "spec.securityContext.seLinuxOptions.type".to_string()
        )]
    );
    // Anything off the list fails at every version; case matters.
    let root = se_linux_pod("container_t", "Container_t");
    assert_eq!(rejecting_versions(&pod_of(&root), Level::Baseline), ALL);
}

#[test]
fn se_linux_user_and_role_must_be_empty() {
    let root = parse(
        "
kind: Pod
spec:
  containers:
  - name: app
    securityContext:
      seLinuxOptions: {user: system_u, role: system_r, type: ''}
",
    );
    assert_eq!(
        found(&root, Level::Baseline, 37),
        vec![
            (
                "seLinuxOptions",
                "spec.containers[0].securityContext.seLinuxOptions.user".to_string()
            ),
            (
                "seLinuxOptions",
                "spec.containers[0].securityContext.seLinuxOptions.role".to_string()
            ),
        ]
    );
}

#[test]
fn csi_ephemeral_and_image_volumes_are_allowed_at_restricted() {
    let root = parse(
        "
kind: Pod
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
  volumes:
  - name: secrets-store
    csi:
      driver: secrets-store.csi.k8s.io
      readOnly: true
  - name: scratch
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: [ReadWriteOnce]
  - name: model
    image:
      reference: registry.example/model:1
  - name: defaulted
",
    );
    let pod = pod_of(&root);
    assert_eq!(rejecting_versions(&pod, Level::Restricted), 0);
    assert!(run(&root, Level::Restricted, 0).is_empty());
}

#[test]
fn other_volume_sources_fail_at_restricted_with_their_type() {
    let root = parse(
        "
kind: Pod
spec:
  volumes:
  - name: nfs
    nfs: {server: nfs.example, path: /}
  - name: typo
    emptydir: {}
  - name: nulled
    hostPath: null
",
    );
    let out = Check::RestrictedVolumes.evaluate(&pod_of(&root), Version(37));
    let got: Vec<(&str, &str)> = out
        .iter()
        .map(|v| (v.path.as_str(), v.message.as_str()))
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "spec.volumes[0].nfs");
    assert!(
        got[0].1.contains("restricted volume type \"nfs\""),
        "{}",
        got[0].1
    );
    assert_eq!(got[1].0, "spec.volumes[1].emptydir");
    assert!(got[1].1.contains("unknown volume type"), "{}", got[1].1);
    // Baseline only objects to hostPath, and a null hostPath is no hostPath.
    assert!(run(&root, Level::Baseline, 37).is_empty());
}

fn sysctl_pod(name: &str) -> Node {
    parse(&format!(
        "
kind: Pod
spec:
  securityContext:
    sysctls:
    - name: kernel.shm_rmid_forced
      value: '1'
    - name: {name}
      value: '4096 87380 6291456'
  containers:
  - name: app
"
    ))
}

#[test]
fn newly_allowed_sysctls_are_rejected_at_older_versions() {
    let root = sysctl_pod("net.ipv4.tcp_rmem");
    assert_eq!(
        found(&root, Level::Baseline, 31),
        vec![(
            "sysctls",
            "spec.securityContext.sysctls[1].name".to_string()
        )]
    );
    assert!(run(&root, Level::Baseline, 32).is_empty());
    assert_eq!(
        Check::Sysctls.failing_versions(&pod_of(&root)),
        versions(0, 31)
    );

    for (name, since) in [
        ("net.ipv4.ip_local_reserved_ports", 27),
        ("net.ipv4.tcp_keepalive_time", 29),
        ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_wmem", 32),
        ("net.ipv4.tcp_slow_start_after_idle", 37),
        ("net.ipv4.tcp_notsent_lowat", 37),
    ] {
        let root = sysctl_pod(name);
        let pod = pod_of(&root);
        assert_eq!(
            rejecting_versions(&pod, Level::Baseline),
            versions(0, since - 1),
            "{name}"
        );
        assert!(
            !run(&root, Level::Restricted, since - 1).is_empty(),
            "{name}"
        );
    }

    // Exact names only: no case folding, no slash separators.
    for name in [
        "NET.IPV4.TCP_SYNCOOKIES",
        "net/ipv4/tcp_syncookies",
        "kernel.msgmax",
    ] {
        let root = sysctl_pod(name);
        assert_eq!(
            rejecting_versions(&pod_of(&root), Level::Baseline),
            ALL,
            "{name}"
        );
    }
}

const WINDOWS_POD: &str = "
kind: Pod
spec:
  os:
    name: windows
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
";

#[test]
fn windows_pods_are_exempt_from_three_checks_from_1_25() {
    let root = parse(WINDOWS_POD);
    assert!(run(&root, Level::Restricted, 25).is_empty());
    assert!(run(&root, Level::Restricted, 37).is_empty());
    assert_eq!(
        ids(&root, Level::Restricted, 24),
        vec![
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "seccompProfile_restricted"
        ]
    );
    // Before 1.8 none of the three checks existed.
    assert!(run(&root, Level::Restricted, 7).is_empty());
    assert_eq!(
        rejecting_versions(&pod_of(&root), Level::Restricted),
        versions(8, 24)
    );

    // The same pod as Linux fails at every version from 1.8.
    let linux = parse(&WINDOWS_POD.replace("windows", "linux"));
    assert_eq!(
        rejecting_versions(&pod_of(&linux), Level::Restricted),
        versions(8, 37)
    );
    // "Windows" is not "windows".
    let cased = parse(&WINDOWS_POD.replace("windows", "Windows"));
    assert_eq!(
        rejecting_versions(&pod_of(&cased), Level::Restricted),
        versions(8, 37)
    );
}

#[test]
fn windows_pods_still_need_run_as_non_root() {
    let root = parse(&WINDOWS_POD.replace("runAsNonRoot: true", "runAsUser: 1000"));
    assert_eq!(ids(&root, Level::Restricted, 37), vec!["runAsNonRoot"]);
}

const USER_NAMESPACE_POD: &str = "
kind: Pod
spec:
  hostUsers: false
  securityContext:
    runAsUser: 0
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    securityContext:
      procMount: Unmasked
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
";

#[test]
fn host_users_false_relaxes_from_1_35() {
    let root = parse(USER_NAMESPACE_POD);
    assert_eq!(ids(&root, Level::Baseline, 34), vec!["procMount"]);
    assert!(run(&root, Level::Baseline, 35).is_empty());
    assert_eq!(
        found(&root, Level::Restricted, 34),
        vec![
            (
                "procMount",
                "spec.containers[0].securityContext.procMount".to_string()
            ),
            (
                "runAsNonRoot",
                "spec.containers[0].securityContext.runAsNonRoot".to_string()
            ),
            ("runAsUser", "spec.securityContext.runAsUser".to_string()),
        ]
    );
    // At restricted 1.35 procMount_restricted keeps the strict rule.
    assert_eq!(
        found(&root, Level::Restricted, 35),
        vec![(
            "procMount_restricted",
            "spec.containers[0].securityContext.procMount".to_string()
        )]
    );
    let pod = pod_of(&root);
    assert_eq!(rejecting_versions(&pod, Level::Baseline), versions(0, 34));
    assert_eq!(rejecting_versions(&pod, Level::Restricted), ALL);

    // Without the Unmasked procMount, restricted passes from 1.35.
    let calm = parse(&USER_NAMESPACE_POD.replace("procMount: Unmasked", "procMount: Default"));
    assert_eq!(
        rejecting_versions(&pod_of(&calm), Level::Restricted),
        versions(0, 34)
    );

    // hostUsers must be an explicit false: true or unset relax nothing.
    let host = parse(&USER_NAMESPACE_POD.replace("hostUsers: false", "hostUsers: true"));
    assert_eq!(rejecting_versions(&pod_of(&host), Level::Baseline), ALL);
}

#[test]
fn seccomp_annotations_only_count_before_1_19() {
    let root = parse(
        "
kind: Pod
metadata:
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
    container.seccomp.security.alpha.kubernetes.io/missing: unconfined
    container.seccomp.security.alpha.kubernetes.io/app: docker/default
spec:
  containers:
  - name: app
",
    );
    assert_eq!(
        found(&root, Level::Baseline, 18),
        vec![(
            "seccompProfile_baseline",
            "metadata.annotations[\"seccomp.security.alpha.kubernetes.io/pod\"]".to_string()
        )]
    );
    assert!(run(&root, Level::Baseline, 19).is_empty());
    assert_eq!(
        rejecting_versions(&pod_of(&root), Level::Baseline),
        versions(0, 18)
    );
}

#[test]
fn violations_come_in_psa_order() {
    let root = parse(
        "
kind: Pod
spec:
  hostNetwork: true
  containers:
  - name: app
    ports:
    - containerPort: 80
      hostPort: 80
    securityContext:
      privileged: true
      capabilities: {add: [NET_ADMIN]}
",
    );
    assert_eq!(
        ids(&root, Level::Baseline, 37),
        vec![
            "capabilities_baseline",
            "hostNamespaces",
            "hostPorts",
            "privileged"
        ]
    );
    assert_eq!(
        active_checks(Level::Restricted, Version(37))
            .iter()
            .map(|c| c.upstream_id())
            .collect::<Vec<_>>(),
        vec![
            "appArmorProfile",
            "hostNamespaces",
            "hostPorts",
            "hostProbesAndHostLifecycle",
            "privileged",
            "seLinuxOptions",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "procMount_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "runAsUser",
            "seccompProfile_restricted",
        ]
    );
    assert!(active_checks(Level::Privileged, Version::LATEST).is_empty());
    assert_eq!(active_checks(Level::Baseline, Version(0)).len(), 11);
}

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/web: unconfined
    spec:
      containers:
      - name: web
        image: nginx
        securityContext:
          privileged: true
      - name: sidecar
        image: envoy
      volumes:
      - name: host
        hostPath:
          path: /var/run
";

#[test]
fn paths_and_positions_in_a_deployment_template() {
    let root = parse(DEPLOYMENT);
    let (pod, prefix) = PodView::from_object(&root).expect("a workload");
    assert_eq!(prefix, "spec.template.");
    // The caller may also pass the template nodes itself.
    let template = root.path(&["spec", "template"]).unwrap();
    let direct = PodView::new(template.get("metadata"), template.get("spec").unwrap());
    let out = evaluate(&direct, Level::Restricted, Version::LATEST);
    assert_eq!(out, evaluate(&pod, Level::Restricted, Version::LATEST));

    let at = |check: Check, path: &str| -> &Violation {
        out.iter()
            .find(|v| v.check == check && v.path == path)
            .unwrap_or_else(|| panic!("no {check} at {path}: {out:#?}"))
    };
    let v = at(
        Check::AppArmorProfile,
        "metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/web\"]",
    );
    assert_eq!(v.pos, Pos::new(10, 9));
    let v = at(
        Check::Privileged,
        "spec.containers[0].securityContext.privileged",
    );
    assert_eq!(v.pos, Pos::new(16, 11));
    assert_eq!(
        v.message,
        "container \"web\" must not set securityContext.privileged=true"
    );
    // An absent field points at the deepest ancestor that exists.
    let v = at(
        Check::AllowPrivilegeEscalation,
        "spec.containers[0].securityContext.allowPrivilegeEscalation",
    );
    assert_eq!(v.pos, Pos::new(15, 9));
    assert_eq!(
        v.message,
        "container \"web\" must set securityContext.allowPrivilegeEscalation=false (it is unset)"
    );
    let v = at(
        Check::AllowPrivilegeEscalation,
        "spec.containers[1].securityContext.allowPrivilegeEscalation",
    );
    assert_eq!(v.pos.line, 17);
    let v = at(
        Check::RunAsNonRoot,
        "spec.containers[1].securityContext.runAsNonRoot",
    );
    assert_eq!(v.pos.line, 17);
    let v = at(Check::RestrictedVolumes, "spec.volumes[0].hostPath");
    assert_eq!(v.pos, Pos::new(21, 9));
    let hp = Check::HostPathVolumes.evaluate(&pod, Version::LATEST);
    assert_eq!(hp.len(), 1);
    assert_eq!(hp[0].path, "spec.volumes[0].hostPath");
    assert_eq!(hp[0].pos, Pos::new(21, 9));

    // Each violation path leads to its position (or to the deepest node that exists).
    for v in &out {
        let (base, rest) = if let Some(rest) = v.path.strip_prefix("spec.") {
            (direct.spec, rest)
        } else {
            (
                direct.metadata.unwrap(),
                v.path.strip_prefix("metadata.").unwrap(),
            )
        };
        let deepest = base.deepest(rest);
        assert!(deepest.pos.line >= v.pos.line, "{v:?}");
    }
}

#[test]
fn cron_job_templates_are_found() {
    let root = parse(
        "
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          hostPID: true
          containers: [{name: c}]
",
    );
    let (pod, prefix) = PodView::from_object(&root).unwrap();
    assert_eq!(prefix, "spec.jobTemplate.spec.template.");
    let out = evaluate(&pod, Level::Baseline, Version::LATEST);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].path, "spec.hostPID");
    assert_eq!(out[0].message, "pod must not set hostPID=true");
    assert!(PodView::from_object(&parse("kind: Service\nspec: {}\n")).is_none());
}

#[test]
fn wrong_types_never_panic_and_fail_closed() {
    let root = parse(
        "
kind: Pod
spec:
  hostNetwork: 'false'
  securityContext:
    runAsNonRoot: 'true'
    runAsUser: 'root'
    sysctls: [42, {name: 7}]
    seccompProfile: RuntimeDefault
  containers:
  - name: app
    ports: [{hostPort: '8080'}, {hostPort: 0}, 17]
    securityContext:
      privileged: 'no'
      allowPrivilegeEscalation: 'false'
      capabilities: {add: [1], drop: ALL}
      procMount: 0
  - just a string
  - null
  initContainers: not-a-list
  volumes: {name: x}
",
    );
    for level in Level::ALL {
        for v in Version::all() {
            let _ = evaluate(&pod_of(&root), level, v);
        }
        let _ = rejecting_versions(&pod_of(&root), level);
    }
    let baseline: Vec<(&str, String)> = found(&root, Level::Baseline, 37);
    assert_eq!(
        baseline,
        vec![
            (
                "capabilities_baseline",
                "spec.containers[0].securityContext.capabilities.add[0]".to_string()
            ),
            ("hostNamespaces", "spec.hostNetwork".to_string()),
            (
                "hostPorts",
                "spec.containers[0].ports[0].hostPort".to_string()
            ),
            (
                "privileged",
                "spec.containers[0].securityContext.privileged".to_string()
            ),
            (
                "procMount",
                "spec.containers[0].securityContext.procMount".to_string()
            ),
            (
                "seccompProfile_baseline",
                "spec.securityContext.seccompProfile.type".to_string()
            ),
            (
                "sysctls",
                "spec.securityContext.sysctls[0].name".to_string()
            ),
            (
                "sysctls",
                "spec.securityContext.sysctls[1].name".to_string()
            ),
        ]
    );
    let restricted = ids(&root, Level::Restricted, 37);
    assert!(restricted.contains(&"runAsNonRoot"));
    assert!(restricted.contains(&"runAsUser"));
    assert!(restricted.contains(&"allowPrivilegeEscalation"));

    // A spec that is not even a mapping has nothing to object to at baseline.
    let scalar = parse("kind: Pod\nspec: 3\n");
    let pod = pod_of(&scalar);
    assert_eq!(rejecting_versions(&pod, Level::Restricted), 0);
}

#[test]
fn capability_matching_is_exact() {
    let root = parse(
        "
kind: Pod
spec:
  containers:
  - name: app
    securityContext:
      capabilities:
        add: [CHOWN, chown, CAP_CHOWN, NET_RAW, NET_BIND_SERVICE]
        drop: [all]
",
    );
    let out = run(&root, Level::Baseline, 37);
    let paths: Vec<&str> = out.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "spec.containers[0].securityContext.capabilities.add[1]",
            "spec.containers[0].securityContext.capabilities.add[2]",
            "spec.containers[0].securityContext.capabilities.add[3]",
        ]
    );
    let restricted = Check::CapabilitiesRestricted.evaluate(&pod_of(&root), Version(22));
    let paths: Vec<&str> = restricted.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "spec.containers[0].securityContext.capabilities.drop",
            "spec.containers[0].securityContext.capabilities.add[0]",
            "spec.containers[0].securityContext.capabilities.add[1]",
            "spec.containers[0].securityContext.capabilities.add[2]",
            "spec.containers[0].securityContext.capabilities.add[3]",
        ]
    );
    assert!(Check::CapabilitiesRestricted
        .evaluate(&pod_of(&root), Version(21))
        .is_empty());
}

#[test]
fn probe_and_lifecycle_hosts_from_1_34() {
    let root = parse(
        "
kind: Pod
spec:
  containers:
  - name: app
    startupProbe:
      tcpSocket: {host: '', port: 80}
    lifecycle:
      preStop:
        tcpSocket: {host: ::1, port: 80}
      postStart:
        exec: {command: [sh]}
",
    );
    assert!(run(&root, Level::Baseline, 33).is_empty());
    assert_eq!(
        found(&root, Level::Baseline, 34),
        vec![(
            "hostProbesAndHostLifecycle",
            "spec.containers[0].lifecycle.preStop.tcpSocket.host".to_string()
        )]
    );
    assert_eq!(
        rejecting_versions(&pod_of(&root), Level::Restricted),
        ALL,
        "restricted fails everywhere anyway (no runAsNonRoot)"
    );
    assert_eq!(
        rejecting_versions(&pod_of(&root), Level::Baseline),
        versions(34, 37)
    );
}

fn labels(yaml: &str) -> NamespacePolicy {
    let root = parse(yaml);
    NamespacePolicy::from_labels(root.path(&["metadata", "labels"]))
}

fn mode(level: Level, version: u16, labeled: bool) -> ModePolicy {
    ModePolicy {
        level,
        version: Version(version),
        labeled,
        invalid: None,
    }
}

#[test]
fn namespace_without_labels_is_privileged_everywhere() {
    let unset = mode(Level::Privileged, 37, false);
    let expected = NamespacePolicy {
        enforce: unset.clone(),
        audit: unset.clone(),
        warn: unset,
    };
    assert_eq!(NamespacePolicy::from_labels(None), expected);
    assert_eq!(labels("metadata:\n  labels: {team: a}\n"), expected);
}

#[test]
fn namespace_labels_parse_like_psa() {
    let p = labels(
        "
metadata:
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.24
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/audit-version: latest
",
    );
    assert_eq!(p.enforce, mode(Level::Baseline, 24, true));
    assert_eq!(p.audit, mode(Level::Restricted, 37, true));
    // warn is unset and enforce is stricter: warn follows enforce, version included.
    assert_eq!(p.warn, mode(Level::Baseline, 24, false));
}

#[test]
fn warn_follows_enforce_but_keeps_its_own_version() {
    let p = labels(
        "
metadata:
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.30
    pod-security.kubernetes.io/warn-version: v1.20
",
    );
    assert_eq!(p.warn, mode(Level::Restricted, 20, false));

    // An explicit warn level, even a weaker one, is kept.
    let p = labels(
        "
metadata:
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: privileged
",
    );
    assert_eq!(p.warn, mode(Level::Privileged, 37, true));
}

#[test]
fn bad_label_values() {
    let p = labels(
        "
metadata:
  labels:
    pod-security.kubernetes.io/enforce: Baseline
    pod-security.kubernetes.io/enforce-version: v1.025
    pod-security.kubernetes.io/audit: strict
    pod-security.kubernetes.io/warn: restrictive
    pod-security.kubernetes.io/warn-version: v1.99
",
    );
    // Bad enforce level fails closed; a bad version reads as latest.
    assert_eq!(p.enforce.level, Level::Restricted);
    assert_eq!(p.enforce.version, Version::LATEST);
    assert!(p.enforce.labeled);
    let why = p.enforce.invalid.as_deref().expect("invalid enforce");
    assert!(why.contains("\"Baseline\""), "{why}");
    assert!(why.contains("\"v1.025\""), "{why}");
    // Bad audit and warn levels fail open.
    assert_eq!(p.audit.level, Level::Privileged);
    assert!(p.audit.invalid.is_some());
    assert_eq!(p.warn.level, Level::Privileged);
    assert!(p.warn.invalid.is_some());
    // v1.99 is well-formed and caps to the newest known version.
    assert_eq!(p.warn.version, Version::LATEST);
    assert!(!p.warn.invalid.as_deref().unwrap().contains("v1.99"));

    // A bad enforce level does not make warn follow it.
    let p = labels("metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: nope\n");
    assert_eq!(p.enforce.level, Level::Restricted);
    assert_eq!(p.warn, mode(Level::Privileged, 37, false));

    // Label values must be strings; other versions spellings are not PSA's syntax.
    for bad in ["1.25", "'1.25'", "v1.25.0", "v1", "'v1.-1'"] {
        let p = labels(&format!(
            "metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: {bad}\n"
        ));
        assert_eq!(p.enforce.level, Level::Baseline, "{bad}");
        assert_eq!(p.enforce.version, Version::LATEST, "{bad}");
        assert!(p.enforce.invalid.is_some(), "{bad}");
    }
    let p = labels(
        "metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.0\n",
    );
    assert_eq!(p.enforce, mode(Level::Baseline, 0, true));
}

#[test]
fn level_and_version_spellings() {
    assert_eq!(Level::parse("restricted"), Some(Level::Restricted));
    assert_eq!(Level::parse("Restricted"), None);
    assert_eq!(Level::Baseline.as_str(), "baseline");
    assert!(Level::Restricted > Level::Baseline);
    assert_eq!(Version::parse("v1.25.3"), Some(Version(25)));
    assert_eq!(Version::parse("1.30"), Some(Version(30)));
    assert_eq!(Version::parse("v1.99"), Some(Version::LATEST));
    assert_eq!(Version::parse("v1.025"), None);
    assert_eq!(Version::parse("garbage"), None);
    assert_eq!(Version(7).to_string(), "v1.7");
}
