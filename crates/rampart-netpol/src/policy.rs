//! `networking.k8s.io/v1` NetworkPolicy, read from its document tree with the API server's
//! defaulting and validation, keeping the position of every rule, peer and port.

use rampart_document::{join_key, Node, Pos};

use crate::addr::IpRange;
use crate::labels::Selector;
use crate::model::ContainerPort;
use crate::ports::{ConnSet, PortSet, Protocol};
use crate::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }

    /// The peer list field of a rule in this direction.
    pub fn peers_field(self) -> &'static str {
        match self {
            Direction::Ingress => "from",
            Direction::Egress => "to",
        }
    }
}

/// A policy as the API server stores it.
#[derive(Clone, Debug)]
pub struct NetworkPolicy {
    pub namespace: String,
    pub name: String,
    /// Where the object starts.
    pub pos: Pos,
    /// `spec.podSelector` (missing reads as `{}`: every pod of the namespace).
    pub pod_selector: Selector,
    pub pod_selector_pos: Pos,
    /// The ingress rules, when `Ingress` is among the effective policyTypes (the policy then
    /// isolates its pods for ingress, even with no rules).
    pub ingress: Option<Vec<Rule>>,
    /// The egress rules, when `Egress` is among the effective policyTypes.
    pub egress: Option<Vec<Rule>>,
    /// Whether `spec.policyTypes` was written (else it was defaulted).
    pub explicit_policy_types: bool,
}

impl NetworkPolicy {
    pub fn rules(&self, direction: Direction) -> Option<&[Rule]> {
        match direction {
            Direction::Ingress => self.ingress.as_deref(),
            Direction::Egress => self.egress.as_deref(),
        }
    }

    /// `namespace/name`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// One ingress or egress rule.
#[derive(Clone, Debug)]
pub struct Rule {
    pub direction: Direction,
    pub index: usize,
    /// Object-relative path (`spec.ingress[0]`).
    pub path: String,
    pub pos: Pos,
    /// `from`/`to`; `None` when missing or empty: every peer, addresses outside the cluster
    /// included.
    pub peers: Option<Vec<Peer>>,
    /// `ports`; `None` when missing or empty: every protocol and port.
    pub ports: Option<Vec<PortRule>>,
}

impl Rule {
    /// The connections the rule allows towards a destination with these container ports;
    /// `None` for an address outside the cluster (named ports resolve to nothing there).
    pub fn conns_to(&self, destination: Option<&[ContainerPort]>) -> ConnSet {
        match &self.ports {
            None => ConnSet::all(),
            Some(ports) => {
                let mut conns = ConnSet::none();
                for p in ports {
                    if let Some((protocol, set)) = p.resolve(destination) {
                        conns.add(protocol, &set);
                    }
                }
                conns
            }
        }
    }

    /// The allowed connections when they do not depend on the destination (no named ports).
    pub fn fixed_conns(&self) -> Option<ConnSet> {
        match &self.ports {
            Some(ports) if ports.iter().any(|p| matches!(p.port, PortSpec::Named(_))) => None,
            _ => Some(self.conns_to(None)),
        }
    }
}

/// One `from`/`to` entry.
#[derive(Clone, Debug)]
pub struct Peer {
    pub path: String,
    pub pos: Pos,
    pub target: PeerTarget,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PeerTarget {
    /// `podSelector` and/or `namespaceSelector` in one entry (AND). `namespaces: None` means
    /// the policy's own namespace; `pods: None` means every pod of the selected namespaces.
    Pods {
        namespaces: Option<Selector>,
        pods: Option<Selector>,
    },
    IpBlock(IpBlock),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IpBlock {
    pub cidr: IpRange,
    pub except: Vec<IpRange>,
}

impl IpBlock {
    /// Whether the block holds the address range `r` (a piece cut at the block's own
    /// boundaries, so its start decides).
    pub fn holds(&self, r: &IpRange) -> bool {
        self.cidr.contains(r.family, r.start)
            && !self.except.iter().any(|e| e.contains(r.family, r.start))
    }
}

/// One `ports` entry.
#[derive(Clone, Debug)]
pub struct PortRule {
    pub path: String,
    pub pos: Pos,
    pub protocol: Protocol,
    pub port: PortSpec,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortSpec {
    /// `port` omitted: every port of the protocol.
    All,
    /// `port`, or `port`..=`endPort`.
    Range(u16, u16),
    /// A container port name, resolved against the destination pod.
    Named(String),
}

impl PortRule {
    /// The ports this entry allows towards a destination with these container ports. A named
    /// port matches a container port with that name and this protocol; an address outside the
    /// cluster (`None`) has no named ports.
    pub fn resolve(&self, destination: Option<&[ContainerPort]>) -> Option<(Protocol, PortSet)> {
        let set = match &self.port {
            PortSpec::All => PortSet::all(),
            PortSpec::Range(a, b) => PortSet::range(*a, *b),
            PortSpec::Named(name) => {
                let mut set = PortSet::empty();
                for c in destination.unwrap_or(&[]) {
                    if c.protocol == self.protocol && c.name.as_deref() == Some(name) {
                        set = set.union(&PortSet::single(c.port));
                    }
                }
                if set.is_empty() {
                    return None;
                }
                set
            }
        };
        Some((self.protocol, set))
    }
}

impl NetworkPolicy {
    /// Reads a NetworkPolicy object. `namespace` is where it lands (its own, or `default`).
    /// Returns `None` with errors when the API server would reject it; warnings come with a
    /// policy too.
    pub fn parse(
        namespace: &str,
        name: &str,
        node: &Node,
    ) -> (Option<NetworkPolicy>, Vec<Problem>) {
        let mut problems = Vec::new();
        let empty = Node::new(rampart_document::Value::Null, node.pos);
        let spec = node.get("spec").unwrap_or(&empty);
        if spec.get("podSelector").is_none() && !spec.is_null() && !spec.is_map() {
            problems.push(Problem::error(spec.pos, "spec", "spec must be a mapping"));
        }
        let pod_selector = match spec.get("podSelector") {
            Some(s) => Selector::parse(s, "spec.podSelector", &mut problems),
            None => Some(Selector::default()),
        };
        let pod_selector_pos = spec.get("podSelector").map_or(spec.pos, |n| n.pos);

        let ingress_rules = parse_rules(spec, Direction::Ingress, &mut problems);
        let egress_rules = parse_rules(spec, Direction::Egress, &mut problems);

        let (mut wants_ingress, mut wants_egress) = (false, false);
        let types = spec.get("policyTypes");
        let explicit = types.is_some_and(|t| !t.items().is_empty());
        if let Some(t) = types {
            if !t.is_seq() {
                problems.push(Problem::error(
                    t.pos,
                    "spec.policyTypes",
                    "policyTypes must be a list of Ingress and/or Egress",
                ));
            }
            for (i, item) in t.items().iter().enumerate() {
                match item.as_str() {
                    Some("Ingress") => wants_ingress = true,
                    Some("Egress") => wants_egress = true,
                    _ => problems.push(Problem::error(
                        item.pos,
                        &format!("spec.policyTypes[{i}]"),
                        format!("policy type {}: expected Ingress or Egress", item.to_json()),
                    )),
                }
            }
        }
        if !explicit {
            // The API server's defaulting: Ingress always; Egress only with egress rules.
            wants_ingress = true;
            wants_egress = spec.get("egress").is_some_and(|e| !e.items().is_empty());
        } else {
            for (listed, direction) in [
                (wants_ingress, Direction::Ingress),
                (wants_egress, Direction::Egress),
            ] {
                let field = direction.as_str();
                if let Some(n) = spec.get(field).filter(|n| !n.items().is_empty() && !listed) {
                    problems.push(Problem::warning(
                        n.pos,
                        &join_key("spec", field),
                        format!(
                            "these {field} rules are ignored: policyTypes does not list {}",
                            if direction == Direction::Ingress {
                                "Ingress"
                            } else {
                                "Egress"
                            }
                        ),
                    ));
                }
            }
        }
        if problems.iter().any(Problem::is_error) {
            return (None, problems);
        }
        let Some(pod_selector) = pod_selector else {
            return (None, problems);
        };
        let policy = NetworkPolicy {
            namespace: namespace.to_string(),
            name: name.to_string(),
            pos: node.pos,
            pod_selector,
            pod_selector_pos,
            ingress: wants_ingress.then_some(ingress_rules),
            egress: wants_egress.then_some(egress_rules),
            explicit_policy_types: explicit,
        };
        (Some(policy), problems)
    }
}

fn parse_rules(spec: &Node, direction: Direction, problems: &mut Vec<Problem>) -> Vec<Rule> {
    let field = direction.as_str();
    let Some(list) = spec.get(field) else {
        return Vec::new();
    };
    if !list.is_seq() {
        problems.push(Problem::error(
            list.pos,
            &join_key("spec", field),
            format!("spec.{field} must be a list of rules"),
        ));
        return Vec::new();
    }
    let mut rules = Vec::new();
    for (index, node) in list.items().iter().enumerate() {
        let path = format!("spec.{field}[{index}]");
        if !node.is_map() && !node.is_null() {
            problems.push(Problem::error(node.pos, &path, "a rule must be a mapping"));
            continue;
        }
        let peers_field = direction.peers_field();
        let peers = node.get(peers_field).and_then(|list| {
            let list_path = join_key(&path, peers_field);
            if !list.is_seq() {
                problems.push(Problem::error(
                    list.pos,
                    &list_path,
                    format!("{peers_field} must be a list of peers"),
                ));
                return None;
            }
            let peers: Vec<Peer> = list
                .items()
                .iter()
                .enumerate()
                .filter_map(|(i, p)| parse_peer(p, &format!("{list_path}[{i}]"), problems))
                .collect();
            (!list.items().is_empty()).then_some(peers)
        });
        let ports = node.get("ports").and_then(|list| {
            let list_path = join_key(&path, "ports");
            if !list.is_seq() {
                problems.push(Problem::error(list.pos, &list_path, "ports must be a list"));
                return None;
            }
            let ports: Vec<PortRule> = list
                .items()
                .iter()
                .enumerate()
                .filter_map(|(i, p)| parse_port(p, &format!("{list_path}[{i}]"), problems))
                .collect();
            (!list.items().is_empty()).then_some(ports)
        });
        rules.push(Rule {
            direction,
            index,
            path,
            pos: node.pos,
            peers,
            ports,
        });
    }
    rules
}

fn parse_peer(node: &Node, path: &str, problems: &mut Vec<Problem>) -> Option<Peer> {
    let pods = node.get("podSelector");
    let namespaces = node.get("namespaceSelector");
    let block = node.get("ipBlock");
    let target = match (pods, namespaces, block) {
        (None, None, None) => {
            problems.push(Problem::error(
                node.pos,
                path,
                "a peer must set podSelector, namespaceSelector or ipBlock (the API server rejects an empty peer)",
            ));
            return None;
        }
        (_, _, Some(_)) if pods.is_some() || namespaces.is_some() => {
            problems.push(Problem::error(
                node.pos,
                path,
                "ipBlock cannot be combined with podSelector or namespaceSelector in one peer",
            ));
            return None;
        }
        (_, _, Some(block)) => {
            PeerTarget::IpBlock(parse_ip_block(block, &join_key(path, "ipBlock"), problems)?)
        }
        _ => {
            let pods = match pods {
                Some(s) => Some(Selector::parse(
                    s,
                    &join_key(path, "podSelector"),
                    problems,
                )?),
                None => None,
            };
            let namespaces = match namespaces {
                Some(s) => Some(Selector::parse(
                    s,
                    &join_key(path, "namespaceSelector"),
                    problems,
                )?),
                None => None,
            };
            PeerTarget::Pods { namespaces, pods }
        }
    };
    Some(Peer {
        path: path.to_string(),
        pos: node.pos,
        target,
    })
}

fn parse_ip_block(node: &Node, path: &str, problems: &mut Vec<Problem>) -> Option<IpBlock> {
    let cidr_path = join_key(path, "cidr");
    let Some(cidr_node) = node.get("cidr") else {
        problems.push(Problem::error(node.pos, &cidr_path, "ipBlock needs a cidr"));
        return None;
    };
    let cidr = match cidr_node.as_str().map(IpRange::parse_cidr) {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            problems.push(Problem::error(cidr_node.pos, &cidr_path, e));
            return None;
        }
        None => {
            problems.push(Problem::error(
                cidr_node.pos,
                &cidr_path,
                "cidr must be a string such as 10.0.0.0/8",
            ));
            return None;
        }
    };
    let mut except = Vec::new();
    let mut ok = true;
    for (i, e) in node
        .get("except")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let p = format!("{path}.except[{i}]");
        match e.as_str().map(IpRange::parse_cidr) {
            Some(Ok(r)) if cidr.contains_range(&r) && r != cidr => except.push(r),
            Some(Ok(_)) => {
                problems.push(Problem::error(
                    e.pos,
                    &p,
                    format!(
                        "except {} must be a strict subset of cidr {}",
                        e.to_json(),
                        cidr_node.to_json()
                    ),
                ));
                ok = false;
            }
            Some(Err(msg)) => {
                problems.push(Problem::error(e.pos, &p, msg));
                ok = false;
            }
            None => {
                problems.push(Problem::error(
                    e.pos,
                    &p,
                    "except entries must be CIDR strings",
                ));
                ok = false;
            }
        }
    }
    ok.then_some(IpBlock { cidr, except })
}

/// An IANA service name as the API accepts for a named port: 1 to 15 characters, lower-case
/// letters, digits and inner single hyphens, at least one letter.
fn is_port_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 15
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

fn parse_port(node: &Node, path: &str, problems: &mut Vec<Problem>) -> Option<PortRule> {
    let before = problems.len();
    let protocol = match node.get("protocol") {
        None => Protocol::Tcp,
        Some(p) => match p.as_str().and_then(Protocol::parse) {
            Some(proto) => proto,
            None => {
                problems.push(Problem::error(
                    p.pos,
                    &join_key(path, "protocol"),
                    format!("protocol {}: expected TCP, UDP or SCTP", p.to_json()),
                ));
                Protocol::Tcp
            }
        },
    };
    let port_path = join_key(path, "port");
    let end_path = join_key(path, "endPort");
    let end = node.get("endPort");
    let end_value = end.map(|e| (e, e.as_i64()));
    let port = match node.get("port") {
        None => {
            if let Some((e, _)) = end_value {
                problems.push(Problem::error(
                    e.pos,
                    &end_path,
                    "endPort requires a numeric port",
                ));
            }
            PortSpec::All
        }
        Some(p) => match (p.as_i64(), p.as_str()) {
            (Some(n), _) => {
                let start = in_port_range(n, p.pos, &port_path, problems);
                match end_value {
                    None => PortSpec::Range(start, start),
                    Some((e, Some(m))) => {
                        let stop = in_port_range(m, e.pos, &end_path, problems);
                        if stop < start {
                            problems.push(Problem::error(
                                e.pos,
                                &end_path,
                                format!("endPort {m} is below port {n}"),
                            ));
                        }
                        PortSpec::Range(start, stop)
                    }
                    Some((e, None)) => {
                        problems.push(Problem::error(e.pos, &end_path, "endPort must be a number"));
                        PortSpec::All
                    }
                }
            }
            (None, Some(name)) => {
                if !is_port_name(name) {
                    problems.push(Problem::error(
                        p.pos,
                        &port_path,
                        format!(
                            "port {name:?} is neither a number nor a valid port name (lower-case letters, digits and hyphens, at most 15, at least one letter)"
                        ),
                    ));
                }
                if let Some((e, _)) = end_value {
                    problems.push(Problem::error(
                        e.pos,
                        &end_path,
                        format!("endPort cannot be used with the named port {name:?}"),
                    ));
                }
                PortSpec::Named(name.to_string())
            }
            (None, None) => {
                problems.push(Problem::error(
                    p.pos,
                    &port_path,
                    format!("port {}: expected a number or a port name", p.to_json()),
                ));
                PortSpec::All
            }
        },
    };
    (problems.len() == before).then(|| PortRule {
        path: path.to_string(),
        pos: node.pos,
        protocol,
        port,
    })
}

fn in_port_range(n: i64, pos: Pos, path: &str, problems: &mut Vec<Problem>) -> u16 {
    match u16::try_from(n) {
        Ok(p) if p >= 1 => p,
        _ => {
            problems.push(Problem::error(
                pos,
                path,
                format!("port {n} is outside 1-65535"),
            ));
            1
        }
    }
}
