//! NetworkPolicy semantics, one small scenario per rule of the fact sheet
//! (`../shared/docs/netpol-semantics.md`), each with the allowed connections written by hand in
//! np-guard's connection-list format. Scenarios go through the same pipeline as `rampart netpol
//! reach`: load → inventory → engine.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rampart::config::Config;
use rampart::context::Context;
use rampart::netpol::NetworkInput;
use rampart::scan::{Scan, ScanResult};
use rampart_document::Limits;
use rampart_netpol::Level;
use rampart_pss::Version;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn scan(yaml: &str) -> ScanResult {
    let dir = std::env::temp_dir().join(format!(
        "rampart-netpol-scenario-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    fs::create_dir_all(&dir).unwrap();
    let file: PathBuf = dir.join("input.yaml");
    fs::write(&file, yaml).unwrap();
    let context = Context {
        version: Version::LATEST,
        config: Config::default(),
    };
    let result = Scan {
        context: &context,
        rules: Vec::new(),
        limits: Limits::default(),
        progress: false,
    }
    .run(&[file]);
    let _ = fs::remove_dir_all(&dir);
    assert!(result.errors.is_empty(), "load errors: {:?}", result.errors);
    result
}

/// The connection list, keeping the lines that `keep` accepts (by source and destination).
fn reach_where(yaml: &str, keep: impl Fn(&str, &str) -> bool) -> String {
    let result = scan(yaml);
    let input = NetworkInput::from_inventory(&result.inventory);
    let errors: Vec<_> = input
        .problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .collect();
    assert!(errors.is_empty(), "policy errors: {errors:?}");
    let reach = result.inventory.network_core().analysis().reach();
    reach.connlist(|e| keep(&reach.names[e.src as usize], &reach.names[e.dst as usize]))
}

fn reach(yaml: &str) -> String {
    reach_where(yaml, |_, _| true)
}

fn to(yaml: &str, dst: &str) -> String {
    reach_where(yaml, |_, d| d == dst)
}

fn from(yaml: &str, src: &str) -> String {
    reach_where(yaml, |s, _| s == src)
}

/// Compares line by line, so a failure shows what differs.
#[track_caller]
fn expect(actual: String, expected: &str) {
    let expected: String = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        actual, expected,
        "\nactual:\n{actual}\nexpected:\n{expected}"
    );
}

/// A Pod with labels (a flow mapping) and optional container ports (YAML list items).
fn pod(ns: &str, name: &str, labels: &str, ports: &[&str]) -> String {
    let mut s = format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels: {labels}\nspec:\n  containers:\n  - name: main\n    image: example.azurecr.io/app:1.0\n"
    );
    if !ports.is_empty() {
        s.push_str("    ports:\n");
        for p in ports {
            s.push_str(&format!("    - {p}\n"));
        }
    }
    s
}

fn namespace(name: &str, labels: &str) -> String {
    format!("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels: {labels}\n")
}

/// A NetworkPolicy with the given spec (indented by two spaces under `spec:`).
fn policy(ns: &str, name: &str, spec: &str) -> String {
    let body: String = spec
        .trim_matches('\n')
        .lines()
        .map(|l| format!("  {l}\n"))
        .collect();
    format!(
        "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{body}"
    )
}

fn two_pods() -> String {
    pod("a", "x", "{app: x}", &[]) + &pod("a", "z", "{app: z}", &[])
}

// §1, §5: without policies everything is allowed; self pairs are left out; outside addresses
// are one range when no ipBlock cuts them.
#[test]
fn no_policy_allows_everything() {
    expect(
        reach(&two_pods()),
        "
        0.0.0.0-255.255.255.255[External] => a/x[Pod] : All Connections
        0.0.0.0-255.255.255.255[External] => a/z[Pod] : All Connections
        a/x[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/x[Pod] => a/z[Pod] : All Connections
        a/z[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/z[Pod] => a/x[Pod] : All Connections
        ",
    );
}

// §2: no policyTypes and no egress rules: Ingress only; egress stays open.
#[test]
fn defaulted_policy_types_without_egress_rules_leave_egress_open() {
    let yaml = two_pods()
        + &policy(
            "a",
            "x-from-z",
            "
podSelector: {matchLabels: {app: x}}
ingress:
- from:
  - podSelector: {matchLabels: {app: z}}
  ports:
  - port: 80
",
        );
    expect(
        reach(&yaml),
        "
        0.0.0.0-255.255.255.255[External] => a/z[Pod] : All Connections
        a/x[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/x[Pod] => a/z[Pod] : All Connections
        a/z[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/z[Pod] => a/x[Pod] : TCP 80
        ",
    );
}

// §2: no policyTypes with egress rules: Ingress and Egress; no ingress rules = deny all ingress.
#[test]
fn defaulted_policy_types_with_egress_rules_isolate_both_directions() {
    let yaml = two_pods()
        + &policy(
            "a",
            "x-dns-to-z",
            "
podSelector: {matchLabels: {app: x}}
egress:
- to:
  - podSelector: {matchLabels: {app: z}}
  ports:
  - {protocol: UDP, port: 53}
",
        );
    expect(
        reach(&yaml),
        "
        0.0.0.0-255.255.255.255[External] => a/z[Pod] : All Connections
        a/x[Pod] => a/z[Pod] : UDP 53
        a/z[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        ",
    );
}

// §2: explicit policyTypes: the rules of an unlisted direction do nothing (and are warned about).
#[test]
fn explicit_policy_types_ignore_the_other_direction() {
    let yaml = two_pods()
        + &policy(
            "a",
            "egress-only",
            "
podSelector: {matchLabels: {app: x}}
policyTypes: [Egress]
ingress:
- from:
  - podSelector: {matchLabels: {app: z}}
egress:
- to:
  - podSelector: {matchLabels: {app: z}}
  ports:
  - port: 443
",
        );
    expect(
        reach(&yaml),
        "
        0.0.0.0-255.255.255.255[External] => a/x[Pod] : All Connections
        0.0.0.0-255.255.255.255[External] => a/z[Pod] : All Connections
        a/x[Pod] => a/z[Pod] : TCP 443
        a/z[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/z[Pod] => a/x[Pod] : All Connections
        ",
    );
    let result = scan(&yaml);
    let input = NetworkInput::from_inventory(&result.inventory);
    let warnings: Vec<String> = input
        .problems
        .iter()
        .filter(|p| p.level == Level::Warning)
        .map(|p| format!("{}:{} {}", p.location.line, p.location.path, p.message))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("spec.ingress"), "{warnings:?}");
}

// §2: isolation is per direction; Ingress+Egress with no rules is deny-all.
#[test]
fn deny_all_and_per_direction_isolation() {
    let deny_all = two_pods()
        + &policy(
            "a",
            "deny-all",
            "
podSelector: {}
policyTypes: [Ingress, Egress]
",
        );
    expect(reach(&deny_all), "");
    let deny_ingress = two_pods()
        + &policy(
            "a",
            "deny-ingress",
            "
podSelector: {}
policyTypes: [Ingress]
",
        );
    expect(
        reach(&deny_ingress),
        "
        a/x[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/z[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        ",
    );
}

// §1: allows of all policies are unioned; endPort gives an inclusive range.
#[test]
fn allows_of_several_policies_are_unioned() {
    let yaml = two_pods()
        + &policy(
            "a",
            "http",
            "
podSelector: {matchLabels: {app: x}}
ingress:
- from:
  - podSelector: {matchLabels: {app: z}}
  ports:
  - port: 80
",
        )
        + &policy(
            "a",
            "more",
            "
podSelector: {matchLabels: {app: x}}
policyTypes: [Ingress]
ingress:
- from:
  - podSelector: {matchLabels: {app: z}}
  ports:
  - {port: 443, endPort: 445}
  - {protocol: UDP, port: 53}
",
        );
    expect(
        to(&yaml, "a/x[Pod]"),
        "a/z[Pod] => a/x[Pod] : TCP 80,443-445,UDP 53",
    );
}

fn blue_red() -> String {
    namespace("a", "{team: blue}")
        + &namespace("b", "{team: blue}")
        + &namespace("c", "{team: red}")
        + &pod("a", "db", "{app: db}", &[])
        + &pod("a", "web", "{app: web}", &[])
        + &pod("b", "web", "{app: web}", &[])
        + &pod("b", "other", "{app: other}", &[])
        + &pod("c", "web", "{app: web}", &[])
}

// §3: namespaceSelector and podSelector in one peer are ANDed.
#[test]
fn selectors_in_one_peer_are_anded() {
    let yaml = blue_red()
        + &policy(
            "a",
            "db",
            "
podSelector: {matchLabels: {app: db}}
ingress:
- from:
  - namespaceSelector: {matchLabels: {team: blue}}
    podSelector: {matchLabels: {app: web}}
",
        );
    expect(
        to(&yaml, "a/db[Pod]"),
        "
        a/web[Pod] => a/db[Pod] : All Connections
        b/web[Pod] => a/db[Pod] : All Connections
        ",
    );
}

// §3: the same selectors as two peers are ORed (one YAML dash of difference).
#[test]
fn selectors_in_two_peers_are_ored() {
    let yaml = blue_red()
        + &policy(
            "a",
            "db",
            "
podSelector: {matchLabels: {app: db}}
ingress:
- from:
  - namespaceSelector: {matchLabels: {team: blue}}
  - podSelector: {matchLabels: {app: web}}
",
        );
    expect(
        to(&yaml, "a/db[Pod]"),
        "
        a/web[Pod] => a/db[Pod] : All Connections
        b/other[Pod] => a/db[Pod] : All Connections
        b/web[Pod] => a/db[Pod] : All Connections
        ",
    );
}

// §3: `namespaceSelector: {}` is every pod of every namespace, never an outside address.
#[test]
fn empty_namespace_selector_is_all_pods_but_no_addresses() {
    let yaml = blue_red()
        + &policy(
            "a",
            "db",
            "
podSelector: {matchLabels: {app: db}}
ingress:
- from:
  - namespaceSelector: {}
",
        );
    expect(
        to(&yaml, "a/db[Pod]"),
        "
        a/web[Pod] => a/db[Pod] : All Connections
        b/other[Pod] => a/db[Pod] : All Connections
        b/web[Pod] => a/db[Pod] : All Connections
        c/web[Pod] => a/db[Pod] : All Connections
        ",
    );
}

// §3: `namespaceSelector: {}` with a podSelector: those pods in any namespace.
#[test]
fn empty_namespace_selector_with_pod_selector() {
    let yaml = blue_red()
        + &policy(
            "a",
            "db",
            "
podSelector: {matchLabels: {app: db}}
ingress:
- from:
  - namespaceSelector: {}
    podSelector: {matchLabels: {app: web}}
",
        );
    expect(
        to(&yaml, "a/db[Pod]"),
        "
        a/web[Pod] => a/db[Pod] : All Connections
        b/web[Pod] => a/db[Pod] : All Connections
        c/web[Pod] => a/db[Pod] : All Connections
        ",
    );
}

// §3: `podSelector: {}` as a peer is every pod of the policy's own namespace.
#[test]
fn empty_pod_selector_peer_is_the_policy_namespace() {
    let yaml = blue_red()
        + &policy(
            "a",
            "db",
            "
podSelector: {matchLabels: {app: db}}
ingress:
- from:
  - podSelector: {}
",
        );
    expect(
        to(&yaml, "a/db[Pod]"),
        "a/web[Pod] => a/db[Pod] : All Connections",
    );
}

// §3: namespaces are selectable by the automatic kubernetes.io/metadata.name label, also when
// the input has no Namespace object; objects without a namespace land in `default`.
#[test]
fn automatic_namespace_name_label() {
    let yaml = pod("a", "db", "{app: db}", &[])
        + &pod("b", "web", "{app: web}", &[])
        + &pod("c", "web", "{app: web}", &[])
        + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: loose\n  labels: {app: web}\nspec:\n  containers:\n  - {name: main, image: example.azurecr.io/app:1.0}\n"
        + &policy(
            "a",
            "db",
            "
podSelector: {matchLabels: {app: db}}
ingress:
- from:
  - namespaceSelector:
      matchLabels: {kubernetes.io/metadata.name: b}
  - namespaceSelector:
      matchExpressions:
      - {key: kubernetes.io/metadata.name, operator: In, values: [default]}
",
        );
    expect(
        to(&yaml, "a/db[Pod]"),
        "
        b/web[Pod] => a/db[Pod] : All Connections
        default/loose[Pod] => a/db[Pod] : All Connections
        ",
    );
}

// §3: missing `from` or an empty list means every source, outside addresses included; missing
// `ports` means every port; `ingress: [{}]` allows everything.
#[test]
fn missing_or_empty_from_and_ports() {
    let base = pod("a", "x", "{app: x}", &[]) + &pod("a", "z", "{app: z}", &[]);
    let ports_only = base.clone()
        + &policy(
            "a",
            "x",
            "
podSelector: {matchLabels: {app: x}}
ingress:
- ports:
  - port: 80
",
        );
    let expected = "
        0.0.0.0-255.255.255.255[External] => a/x[Pod] : TCP 80
        a/z[Pod] => a/x[Pod] : TCP 80
        ";
    expect(to(&ports_only, "a/x[Pod]"), expected);
    let empty_from = base.clone()
        + &policy(
            "a",
            "x",
            "
podSelector: {matchLabels: {app: x}}
ingress:
- from: []
  ports:
  - port: 80
",
        );
    expect(to(&empty_from, "a/x[Pod]"), expected);
    let allow_all = base.clone()
        + &policy(
            "a",
            "x",
            "
podSelector: {matchLabels: {app: x}}
ingress:
- {}
",
        );
    expect(
        to(&allow_all, "a/x[Pod]"),
        "
        0.0.0.0-255.255.255.255[External] => a/x[Pod] : All Connections
        a/z[Pod] => a/x[Pod] : All Connections
        ",
    );
    let deny = base
        + &policy(
            "a",
            "x",
            "
podSelector: {matchLabels: {app: x}}
ingress: []
",
        );
    expect(to(&deny, "a/x[Pod]"), "");
}

// §3: matchExpressions; NotIn and DoesNotExist match pods without the key.
#[test]
fn match_expressions() {
    let yaml = pod("a", "db", "{app: db}", &[])
        + &pod("a", "prod", "{tier: web, env: prod}", &[])
        + &pod("a", "dev", "{tier: web, env: dev}", &[])
        + &pod("a", "bare", "{}", &[])
        + &pod("a", "legacy", "{tier: web, legacy: \"true\"}", &[])
        + &policy(
            "a",
            "db",
            "
podSelector: {matchLabels: {app: db}}
ingress:
- from:
  - podSelector:
      matchExpressions:
      - {key: env, operator: NotIn, values: [dev]}
      - {key: legacy, operator: DoesNotExist}
  ports:
  - port: 5432
- from:
  - podSelector:
      matchExpressions:
      - {key: tier, operator: In, values: [web]}
      - {key: env, operator: Exists}
  ports:
  - port: 6432
",
        );
    expect(
        to(&yaml, "a/db[Pod]"),
        "
        a/bare[Pod] => a/db[Pod] : TCP 5432
        a/dev[Pod] => a/db[Pod] : TCP 6432
        a/prod[Pod] => a/db[Pod] : TCP 5432,6432
        ",
    );
}

// §3 ports: a named port resolves against each destination pod's container ports, name and
// protocol; a pod without it gets nothing from that entry.
#[test]
fn named_ports_resolve_per_destination() {
    let yaml = pod("a", "client", "{app: client}", &[])
        + &pod(
            "a",
            "s1",
            "{role: server}",
            &["{name: http, containerPort: 8080}"],
        )
        + &pod(
            "a",
            "s2",
            "{role: server}",
            &["{name: http, containerPort: 9090}"],
        )
        + &pod(
            "a",
            "s3",
            "{role: server}",
            &["{name: http, containerPort: 5000, protocol: UDP}"],
        )
        + &pod(
            "a",
            "s4",
            "{role: server}",
            &["{name: web, containerPort: 80}"],
        )
        + &policy(
            "a",
            "servers",
            "
podSelector: {matchLabels: {role: server}}
policyTypes: [Ingress]
ingress:
- from:
  - podSelector: {matchLabels: {app: client}}
  ports:
  - port: http
",
        );
    expect(
        from(&yaml, "a/client[Pod]"),
        "
        a/client[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/client[Pod] => a/s1[Pod] : TCP 8080
        a/client[Pod] => a/s2[Pod] : TCP 9090
        ",
    );
}

// §3 ports: in an egress rule the name resolves against each peer pod; with a protocol.
#[test]
fn named_ports_in_egress_resolve_against_peers() {
    let yaml = pod("a", "client", "{app: client}", &[])
        + &pod(
            "a",
            "dns1",
            "{role: dns}",
            &[
                "{name: dns, containerPort: 53, protocol: UDP}",
                "{name: dns-tcp, containerPort: 53}",
            ],
        )
        + &pod(
            "a",
            "dns2",
            "{role: dns}",
            &["{name: dns, containerPort: 5353, protocol: UDP}"],
        )
        + &policy(
            "a",
            "client",
            "
podSelector: {matchLabels: {app: client}}
policyTypes: [Egress]
egress:
- to:
  - podSelector: {matchLabels: {role: dns}}
  ports:
  - {port: dns, protocol: UDP}
  - port: dns
",
        );
    expect(
        from(&yaml, "a/client[Pod]"),
        "
        a/client[Pod] => a/dns1[Pod] : UDP 53
        a/client[Pod] => a/dns2[Pod] : UDP 5353
        ",
    );
}

// §3 ports: protocol defaults to TCP; an entry without a port is the whole protocol.
#[test]
fn protocol_defaults_and_whole_protocol_entries() {
    let yaml = two_pods()
        + &policy(
            "a",
            "x",
            "
podSelector: {matchLabels: {app: x}}
ingress:
- from:
  - podSelector: {matchLabels: {app: z}}
  ports:
  - protocol: UDP
  - protocol: SCTP
    port: 9
",
        )
        + &policy(
            "a",
            "z",
            "
podSelector: {matchLabels: {app: z}}
ingress:
- from:
  - podSelector: {matchLabels: {app: x}}
  ports:
  - {}
",
        );
    expect(
        reach_where(&yaml, |s, d| s.starts_with("a/") && d.starts_with("a/")),
        "
        a/x[Pod] => a/z[Pod] : TCP 1-65535
        a/z[Pod] => a/x[Pod] : SCTP 9,UDP 1-65535
        ",
    );
}

// §5: both ends must allow: the intersection of the source's egress and the destination's
// ingress.
#[test]
fn both_ends_must_allow() {
    let yaml = two_pods()
        + &policy(
            "a",
            "x-out",
            "
podSelector: {matchLabels: {app: x}}
policyTypes: [Egress]
egress:
- to:
  - podSelector: {matchLabels: {app: z}}
  ports:
  - port: 80
  - port: 443
",
        )
        + &policy(
            "a",
            "z-in",
            "
podSelector: {matchLabels: {app: z}}
ingress:
- from:
  - podSelector: {matchLabels: {app: x}}
  ports:
  - port: 443
  - port: 8443
",
        );
    expect(from(&yaml, "a/x[Pod]"), "a/x[Pod] => a/z[Pod] : TCP 443");
}

// §4 ipBlock: ranges are cut at every cidr and except; except only subtracts from its own
// peer; ipBlock never matches a pod.
#[test]
fn ip_block_except_is_local_to_its_peer() {
    let yaml = two_pods()
        + &policy(
            "a",
            "x-out",
            "
podSelector: {matchLabels: {app: x}}
policyTypes: [Egress]
egress:
- to:
  - ipBlock:
      cidr: 10.0.0.0/8
      except: [10.1.0.0/16]
- to:
  - ipBlock: {cidr: 10.1.0.0/16}
  ports:
  - port: 443
- to:
  - ipBlock: {cidr: 0.0.0.0/0}
  ports:
  - port: 53
    protocol: UDP
",
        );
    expect(
        from(&yaml, "a/x[Pod]"),
        "
        a/x[Pod] => 0.0.0.0-9.255.255.255[External] : UDP 53
        a/x[Pod] => 10.0.0.0-10.0.255.255[External] : All Connections
        a/x[Pod] => 10.1.0.0-10.1.255.255[External] : TCP 443,UDP 53
        a/x[Pod] => 10.2.0.0-10.255.255.255[External] : All Connections
        a/x[Pod] => 11.0.0.0-255.255.255.255[External] : UDP 53
        ",
    );
    // The other pod, not isolated, reaches every piece.
    expect(
        from(&yaml, "a/z[Pod]"),
        "
        a/z[Pod] => 0.0.0.0-9.255.255.255[External] : All Connections
        a/z[Pod] => 10.0.0.0-10.0.255.255[External] : All Connections
        a/z[Pod] => 10.1.0.0-10.1.255.255[External] : All Connections
        a/z[Pod] => 10.2.0.0-10.255.255.255[External] : All Connections
        a/z[Pod] => 11.0.0.0-255.255.255.255[External] : All Connections
        a/z[Pod] => a/x[Pod] : All Connections
        ",
    );
}

// §4 ipBlock in ingress: outside sources, judged on the pod side only.
#[test]
fn ip_block_ingress_from_outside() {
    let yaml = two_pods()
        + &policy(
            "a",
            "x-in",
            "
podSelector: {matchLabels: {app: x}}
ingress:
- from:
  - ipBlock: {cidr: 192.168.0.0/16}
  ports:
  - port: 22
",
        );
    expect(
        to(&yaml, "a/x[Pod]"),
        "192.168.0.0-192.168.255.255[External] => a/x[Pod] : TCP 22",
    );
}

// §4: an IPv4 CIDR never matches IPv6 and vice versa; IPv6 ranges appear once a policy names
// one.
#[test]
fn address_families_are_separate() {
    let yaml = two_pods()
        + &policy(
            "a",
            "x-out",
            "
podSelector: {matchLabels: {app: x}}
policyTypes: [Egress]
egress:
- to:
  - ipBlock: {cidr: fd00::/8}
",
        );
    expect(
        from(&yaml, "a/x[Pod]"),
        "a/x[Pod] => fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections",
    );
    expect(
        reach_where(&yaml, |s, d| s == "a/z[Pod]" && d.ends_with("[External]")),
        "
        a/z[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        a/z[Pod] => ::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections
        a/z[Pod] => fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections
        a/z[Pod] => fe00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections
        ",
    );
}

// §5: self traffic is never listed; workloads the policies cannot tell apart still get their
// mutual lines.
#[test]
fn identical_workloads_reach_each_other_but_not_themselves() {
    let yaml = pod("a", "w1", "{app: w}", &[])
        + &pod("a", "w2", "{app: w}", &[])
        + &pod("a", "w3", "{app: w}", &[])
        + &policy(
            "a",
            "same-namespace",
            "
podSelector: {}
policyTypes: [Ingress, Egress]
ingress:
- from:
  - podSelector: {}
egress:
- to:
  - podSelector: {}
",
        );
    expect(
        reach(&yaml),
        "
        a/w1[Pod] => a/w2[Pod] : All Connections
        a/w1[Pod] => a/w3[Pod] : All Connections
        a/w2[Pod] => a/w1[Pod] : All Connections
        a/w2[Pod] => a/w3[Pod] : All Connections
        a/w3[Pod] => a/w1[Pod] : All Connections
        a/w3[Pod] => a/w2[Pod] : All Connections
        ",
    );
}

// §4, §5: hostNetwork pods are neither isolated nor selected: left out and noted.
#[test]
fn host_network_pods_are_left_out() {
    let host = "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n  namespace: a\n  labels: {app: w}\nspec:\n  hostNetwork: true\n  containers:\n  - {name: main, image: example.azurecr.io/agent:1.0}\n";
    let yaml = pod("a", "w1", "{app: w}", &[])
        + &pod("a", "w2", "{app: w}", &[])
        + host
        + &policy(
            "a",
            "same-namespace",
            "
podSelector: {}
policyTypes: [Ingress, Egress]
ingress:
- from:
  - podSelector: {matchLabels: {app: w}}
egress:
- to:
  - podSelector: {}
",
        );
    expect(
        reach(&yaml),
        "
        a/w1[Pod] => a/w2[Pod] : All Connections
        a/w2[Pod] => a/w1[Pod] : All Connections
        ",
    );
    let result = scan(&yaml);
    let reach = result.inventory.network_core().analysis().reach();
    assert!(
        reach
            .notes
            .iter()
            .any(|n| n.contains("a/agent[Pod] uses the host network")),
        "{:?}",
        reach.notes
    );
}

// §8.7: a policy never applies to pods of another namespace.
#[test]
fn policies_apply_to_their_own_namespace_only() {
    let yaml = pod("a", "x", "{app: x}", &[])
        + &pod("b", "x", "{app: x}", &[])
        + &policy(
            "a",
            "deny-all",
            "
podSelector: {}
policyTypes: [Ingress, Egress]
",
        );
    expect(
        reach(&yaml),
        "
        0.0.0.0-255.255.255.255[External] => b/x[Pod] : All Connections
        b/x[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        ",
    );
}

fn web_behind_ingress(web_policy: &str) -> String {
    let base = "
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: example.azurecr.io/web:1.0
        ports:
        - {name: http, containerPort: 8080}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {name: http}}
";
    base.to_string() + web_policy
}

// §5: the Ingress controller reaches the backends' target ports, if the workload admits ingress
// from a pod it cannot know.
#[test]
fn ingress_controller_reaches_service_target_ports() {
    expect(
        reach_where(&web_behind_ingress(""), |s, _| s == "{ingress-controller}"),
        "{ingress-controller} => shop/web[Deployment] : TCP 8080",
    );
    let any_namespace = web_behind_ingress(&policy(
        "shop",
        "web",
        "
podSelector: {matchLabels: {app: web}}
ingress:
- from:
  - namespaceSelector: {}
  ports:
  - port: 8080
  - port: 9000
",
    ));
    expect(
        reach_where(&any_namespace, |s, _| s == "{ingress-controller}"),
        "{ingress-controller} => shop/web[Deployment] : TCP 8080",
    );
    let only_frontend = web_behind_ingress(&policy(
        "shop",
        "web",
        "
podSelector: {matchLabels: {app: web}}
ingress:
- from:
  - podSelector: {matchLabels: {app: frontend}}
",
    ));
    expect(
        reach_where(&only_frontend, |s, _| s == "{ingress-controller}"),
        "",
    );
}

// §5 (reporting): pods are collapsed to their owner.
#[test]
fn pods_are_collapsed_to_their_owner() {
    let yaml = "
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: a}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example.azurecr.io/web:1.0}]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f
  namespace: a
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true, uid: u1}]
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example.azurecr.io/web:1.0}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-5d8f-x1
  namespace: a
  labels: {app: web}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, controller: true, uid: u2}]
spec:
  containers: [{name: web, image: example.azurecr.io/web:1.0}]
---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
  namespace: a
  labels: {app: db}
  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true, uid: u3}]
spec:
  containers: [{name: db, image: example.azurecr.io/db:1.0}]
---
apiVersion: v1
kind: Pod
metadata:
  name: db-1
  namespace: a
  labels: {app: db}
  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true, uid: u3}]
spec:
  containers: [{name: db, image: example.azurecr.io/db:1.0}]
";
    expect(
        reach_where(yaml, |s, d| s.starts_with("a/") && d.starts_with("a/")),
        "
        a/db[StatefulSet] => a/web[Deployment] : All Connections
        a/web[Deployment] => a/db[StatefulSet] : All Connections
        ",
    );
}

/// `line:column path: message` of each error.
fn errors(yaml: &str) -> Vec<String> {
    let result = scan(yaml);
    let input = NetworkInput::from_inventory(&result.inventory);
    input
        .problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .map(|p| {
            format!(
                "{}:{} {}",
                p.location.line, p.location.column, p.location.path
            )
        })
        .collect()
}

// §3: what the API server rejects is an error with its position, and the policy is left out.
#[test]
fn invalid_policies_are_errors_with_positions() {
    let bad = |spec: &str| errors(&policy("a", "bad", spec));
    assert_eq!(
        bad("podSelector: {}\ningress:\n- from:\n  - {}\n"),
        ["11:7 spec.ingress[0].from[0]"]
    );
    assert_eq!(
        bad("podSelector: {}\ningress:\n- from:\n  - ipBlock: {cidr: 10.0.0.0/8}\n    podSelector: {}\n"),
        ["11:7 spec.ingress[0].from[0]"]
    );
    assert_eq!(
        bad("podSelector: {}\negress:\n- to:\n  - ipBlock: {cidr: 10.0.0.300/8}\n"),
        ["11:23 spec.egress[0].to[0].ipBlock.cidr"]
    );
    assert_eq!(
        bad("podSelector: {}\negress:\n- to:\n  - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}\n"),
        ["11:45 spec.egress[0].to[0].ipBlock.except[0]"]
    );
    assert_eq!(
        bad("podSelector: {}\ningress:\n- ports:\n  - {port: http, endPort: 90}\n"),
        ["11:29 spec.ingress[0].ports[0].endPort"]
    );
    assert_eq!(
        bad("podSelector: {}\ningress:\n- ports:\n  - {port: 90, endPort: 80}\n"),
        ["11:27 spec.ingress[0].ports[0].endPort"]
    );
    assert_eq!(
        bad("podSelector: {}\ningress:\n- ports:\n  - {port: 80, protocol: ICMP}\n"),
        ["11:28 spec.ingress[0].ports[0].protocol"]
    );
    assert_eq!(
        bad("podSelector: {}\npolicyTypes: [Ingress, Sideways]\n"),
        ["9:26 spec.policyTypes[1]"]
    );
    // A rejected policy does not restrict anything.
    let yaml = two_pods()
        + &policy(
            "a",
            "bad",
            "podSelector: {}\npolicyTypes: [Ingress, Egress]\ningress:\n- from:\n  - {}\n",
        );
    let result = scan(&yaml);
    let input = NetworkInput::from_inventory(&result.inventory);
    assert!(input.network.policies.is_empty());
}
