//! The reachability engine.
//!
//! Workloads that no policy can tell apart (same namespace, pod labels and container ports)
//! are folded into one class; every policy target, rule peer and isolation flag is computed
//! once per class as a bit set, so a pair of classes is judged with two bit tests, and the
//! allowed connections are only worked out for the pairs both ends admit.

use std::borrow::Cow;
use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};
use std::net::IpAddr;
use std::sync::Arc;

use crate::addr::{cut, IpRange};
use crate::labels::{Labels, Selector};
use crate::model::{BackendPort, ContainerPort, Network, TargetPort, NAMESPACE_NAME_LABEL};
use crate::policy::{Direction, PeerTarget, Rule};
use crate::ports::{ConnSet, PortSet};

/// A set of indexes below `len`. Policies and their rules mostly select a few classes of one
/// namespace, so a set starts as a sorted list and becomes a bit vector only once that is
/// smaller: one bit vector per policy and per rule would make memory grow with policies ×
/// classes (over 100 MB for 60,000 workloads and 3,000 policies).
#[derive(Clone, Debug, PartialEq, Eq)]
enum BitSet {
    Sparse { len: usize, items: Vec<u32> },
    Dense { words: Vec<u64> },
    Full { len: usize },
}

impl BitSet {
    fn new(len: usize) -> BitSet {
        BitSet::Sparse {
            len,
            items: Vec::new(),
        }
    }

    fn full(len: usize) -> BitSet {
        BitSet::Full { len }
    }

    /// The set of `items`, which are increasing and below `len`.
    fn from_sorted(len: usize, items: Vec<u32>) -> BitSet {
        let mut set = BitSet::Sparse { len, items };
        set.densify_if_large();
        set
    }

    /// A list costs 32 bits an item, a bit vector `len` bits: switch when the list is larger.
    fn densify_if_large(&mut self) {
        if let BitSet::Sparse { len, items } = self {
            if items.len() * 32 > *len {
                let mut words = vec![0u64; len.div_ceil(64)];
                for &i in items.iter() {
                    words[i as usize / 64] |= 1 << (i % 64);
                }
                *self = BitSet::Dense { words };
            }
        }
    }

    fn insert(&mut self, i: usize) {
        match self {
            BitSet::Sparse { items, .. } => {
                let i = i as u32;
                match items.last() {
                    Some(&last) if last >= i => {
                        if let Err(at) = items.binary_search(&i) {
                            items.insert(at, i);
                        }
                    }
                    _ => items.push(i),
                }
                self.densify_if_large();
            }
            BitSet::Dense { words } => words[i / 64] |= 1 << (i % 64),
            BitSet::Full { .. } => {}
        }
    }

    fn has(&self, i: usize) -> bool {
        match self {
            BitSet::Sparse { items, .. } => items.binary_search(&(i as u32)).is_ok(),
            BitSet::Dense { words } => words.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0),
            BitSet::Full { len } => i < *len,
        }
    }

    fn union_with(&mut self, other: &BitSet) {
        match (&mut *self, other) {
            (BitSet::Full { .. }, _) => {}
            (_, BitSet::Full { len }) => *self = BitSet::Full { len: *len },
            (BitSet::Dense { words }, BitSet::Dense { words: theirs }) => {
                for (a, b) in words.iter_mut().zip(theirs) {
                    *a |= b;
                }
            }
            (BitSet::Dense { words }, BitSet::Sparse { items, .. }) => {
                for &i in items {
                    words[i as usize / 64] |= 1 << (i % 64);
                }
            }
            (BitSet::Sparse { len, items }, BitSet::Sparse { items: theirs, .. }) => {
                if theirs.is_empty() {
                    return;
                }
                let mut merged = Vec::with_capacity(items.len() + theirs.len());
                let (mut a, mut b) = (items.iter().peekable(), theirs.iter().peekable());
                loop {
                    let next = match (a.peek(), b.peek()) {
                        (Some(&&x), Some(&&y)) if x < y => a.next(),
                        (Some(&&x), Some(&&y)) if y < x => b.next(),
                        (Some(_), Some(_)) => {
                            b.next();
                            a.next()
                        }
                        (Some(_), None) => a.next(),
                        (None, Some(_)) => b.next(),
                        (None, None) => break,
                    };
                    merged.extend(next.copied());
                }
                *self = BitSet::Sparse {
                    len: *len,
                    items: merged,
                };
                self.densify_if_large();
            }
            (BitSet::Sparse { len, items }, BitSet::Dense { words: theirs }) => {
                let mut words = theirs.clone();
                words.resize(len.div_ceil(64), 0);
                for &i in items.iter() {
                    words[i as usize / 64] |= 1 << (i % 64);
                }
                *self = BitSet::Dense { words };
            }
        }
    }

    fn iter(&self) -> BitIter<'_> {
        match self {
            BitSet::Sparse { items, .. } => BitIter::Sparse(items.iter()),
            BitSet::Dense { words } => BitIter::Dense {
                words,
                index: 0,
                word: words.first().copied().unwrap_or(0),
            },
            BitSet::Full { len } => BitIter::Full(0..*len),
        }
    }
}

/// The members of a [`BitSet`], in increasing order.
enum BitIter<'a> {
    Sparse(std::slice::Iter<'a, u32>),
    Dense {
        words: &'a [u64],
        index: usize,
        word: u64,
    },
    Full(std::ops::Range<usize>),
}

impl Iterator for BitIter<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            BitIter::Sparse(items) => items.next().map(|&i| i as usize),
            BitIter::Dense { words, index, word } => loop {
                if *word != 0 {
                    let bit = word.trailing_zeros() as usize;
                    *word &= *word - 1;
                    return Some(*index * 64 + bit);
                }
                *index += 1;
                *word = *words.get(*index)?;
            },
            BitIter::Full(range) => range.next(),
        }
    }
}

/// A peer's selectors: `(own namespace when no namespaceSelector, namespaceSelector,
/// podSelector)`, the key under which its classes are computed once.
type PeerKey<'p> = (Option<usize>, Option<&'p Selector>, Option<&'p Selector>);

/// Workloads that every policy treats alike (its members are listed in `Analysis::members`).
#[derive(Debug)]
struct Class {
    namespace: usize,
    labels: Arc<Labels>,
    ports: Vec<ContainerPort>,
}

/// The classes of a namespace by the value they have for a label, for each label key that
/// starts a selector's `matchLabels` (built on first use): a selector then tests the few
/// classes that hold its first pair rather than every class of the namespace.
struct LabelIndex<'n> {
    /// Per class: its namespace and labels, borrowed from the network (which outlives the
    /// analysis being built, unlike its `classes`).
    classes: Vec<(usize, &'n Labels)>,
    /// Per namespace: its classes, in increasing order.
    in_ns: Vec<Vec<u32>>,
    by_key: HashMap<&'n str, HashMap<(usize, &'n str), Vec<u32>>>,
}

impl<'n> LabelIndex<'n> {
    /// The classes of namespace `ns` that `selector` can match, in increasing order (callers
    /// still test each): those that hold its first `matchLabels` pair, or all of them.
    fn candidates(&mut self, selector: &'n Selector, ns: usize) -> &[u32] {
        let Some((key, value)) = selector.match_labels.first() else {
            return &self.in_ns[ns];
        };
        let classes = &self.classes;
        let index = self.by_key.entry(key.as_str()).or_insert_with(|| {
            let mut index: HashMap<(usize, &str), Vec<u32>> = HashMap::new();
            for (c, (ns, labels)) in classes.iter().enumerate() {
                if let Some(v) = labels.get(key) {
                    index.entry((*ns, v)).or_default().push(c as u32);
                }
            }
            index
        });
        index.get(&(ns, value.as_str())).map_or(&[], Vec::as_slice)
    }
}

/// `ports` sorted, without repeats (borrowed when they already are).
fn sorted_ports(ports: &[ContainerPort]) -> Cow<'_, [ContainerPort]> {
    if ports.windows(2).all(|p| p[0] < p[1]) {
        return Cow::Borrowed(ports);
    }
    let mut sorted = ports.to_vec();
    sorted.sort();
    sorted.dedup();
    Cow::Owned(sorted)
}

/// A rule with its peers resolved.
#[derive(Debug)]
struct ResolvedRule {
    policy: usize,
    direction: Direction,
    index: usize,
    /// Classes the peers select.
    classes: BitSet,
    /// Address pieces the peers hold.
    addresses: BitSet,
    /// Some peer matches a pod of any namespace, whatever its labels (what the unknown
    /// ingress controller needs).
    any_pod: bool,
    fixed: Option<ConnSet>,
}

/// Something a connection starts or ends at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// Index into [`Network::workloads`].
    Workload(usize),
    /// A range of addresses outside the cluster.
    External(IpRange),
    /// The Ingress controller, wherever it runs.
    IngressController,
}

/// One allowed connection: indexes into [`Reachability::endpoints`] and
/// [`Reachability::conns`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub src: u32,
    pub dst: u32,
    pub conn: u32,
}

/// Every allowed connection, sorted as the connection list prints them.
#[derive(Clone, Debug, Default)]
pub struct Reachability {
    pub endpoints: Vec<Endpoint>,
    /// `namespace/name[Kind]`, `a.b.c.d-e.f.g.h[External]`, `{ingress-controller}`.
    pub names: Vec<String>,
    pub conns: Vec<ConnSet>,
    pub edges: Vec<Edge>,
    /// Things the user should know (Ingress backends that lead nowhere, hostNetwork pods).
    pub notes: Vec<String>,
}

impl Reachability {
    /// The connection list: `SRC => DST : CONNS`, one line per pair, sorted.
    pub fn connlist(&self, keep: impl Fn(&Edge) -> bool) -> String {
        let mut out = String::new();
        for e in self.edges.iter().filter(|e| keep(e)) {
            out.push_str(&self.names[e.src as usize]);
            out.push_str(" => ");
            out.push_str(&self.names[e.dst as usize]);
            out.push_str(" : ");
            out.push_str(&self.conns[e.conn as usize].to_string());
            out.push('\n');
        }
        out
    }
}

/// Where a connection's far end is, for the per-side verdicts.
#[derive(Clone, Copy, Debug)]
enum Far {
    Class(usize),
    Address(usize),
    /// A pod of an unknown namespace with unknown labels.
    AnyPod,
}

/// The engine's view of a [`Network`], ready for queries. It shares the network it was built
/// from, so one analysis can serve every rule of a scan.
pub struct Analysis {
    pub network: Arc<Network>,
    namespaces: Vec<(String, Labels)>,
    namespace_index: HashMap<String, usize>,
    classes: Vec<Class>,
    /// The workloads of each class, class after class (increasing within one);
    /// `member_start[c]..member_start[c + 1]` are class `c`'s.
    members: Vec<usize>,
    member_start: Vec<usize>,
    class_of: Vec<Option<usize>>,
    /// Per policy: the classes it applies to.
    targets: Vec<BitSet>,
    /// Per class: the policies that apply to it, in order.
    class_policies: Vec<Vec<u32>>,
    rules: Vec<ResolvedRule>,
    /// Per policy and direction: indexes into `rules`.
    policy_rules: Vec<[Vec<usize>; 2]>,
    /// Per class and direction: the rules of the policies that apply to it.
    class_rules: Vec<[Vec<usize>; 2]>,
    /// Per class and direction: isolated by some policy.
    isolated: [BitSet; 2],
    /// Address pieces cut at every `cidr` and `except`.
    pieces: Vec<IpRange>,
}

fn dir_index(d: Direction) -> usize {
    match d {
        Direction::Ingress => 0,
        Direction::Egress => 1,
    }
}

impl Analysis {
    pub fn new(shared: Arc<Network>) -> Analysis {
        let network: &Network = &shared;
        // Namespaces: given ones, plus those named by workloads and policies; each carries the
        // automatic name label (the API server sets it and it cannot be changed).
        let mut names: BTreeSet<&str> = network.namespaces.keys().map(String::as_str).collect();
        names.extend(network.workloads.iter().map(|w| w.namespace.as_str()));
        names.extend(network.policies.iter().map(|p| p.namespace.as_str()));
        let namespaces: Vec<(String, Labels)> = names
            .into_iter()
            .map(|n| {
                let labels = network
                    .namespaces
                    .get(n)
                    .unwrap_or(&Labels::default())
                    .with(NAMESPACE_NAME_LABEL, n);
                (n.to_string(), labels)
            })
            .collect();
        let namespace_index: HashMap<String, usize> = namespaces
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (n.clone(), i))
            .collect();

        // Classes.
        let ports: Vec<Cow<[ContainerPort]>> = network
            .workloads
            .iter()
            .map(|w| sorted_ports(&w.ports))
            .collect();
        let mut classes: Vec<Class> = Vec::new();
        let mut class_key: HashMap<(usize, &Labels, &[ContainerPort]), usize> =
            HashMap::with_capacity(network.workloads.len());
        let mut class_of = Vec::with_capacity(network.workloads.len());
        let mut index = LabelIndex {
            classes: Vec::new(),
            in_ns: vec![Vec::new(); namespaces.len()],
            by_key: HashMap::new(),
        };
        for (i, w) in network.workloads.iter().enumerate() {
            if w.host_network {
                class_of.push(None);
                continue;
            }
            let ns = namespace_index[&w.namespace];
            let next = classes.len();
            let c = *class_key.entry((ns, &w.labels, &ports[i])).or_insert(next);
            if c == next {
                classes.push(Class {
                    namespace: ns,
                    labels: Arc::clone(&w.labels),
                    ports: ports[i].to_vec(),
                });
                index.classes.push((ns, &w.labels));
            }
            class_of.push(Some(c));
        }
        drop(class_key);
        let nc = classes.len();
        // Members grouped by class, each class's in workload order (a counting sort).
        let mut member_start = vec![0usize; nc + 1];
        for c in class_of.iter().flatten() {
            member_start[c + 1] += 1;
        }
        for c in 0..nc {
            member_start[c + 1] += member_start[c];
        }
        let mut members = vec![0usize; member_start[nc]];
        let mut next_slot = member_start.clone();
        for (i, c) in class_of.iter().enumerate() {
            if let Some(c) = c {
                members[next_slot[*c]] = i;
                next_slot[*c] += 1;
            }
        }
        for (i, c) in classes.iter().enumerate() {
            index.in_ns[c.namespace].push(i as u32);
        }

        let mut pieces_from = Vec::new();
        for p in &network.policies {
            for d in [Direction::Ingress, Direction::Egress] {
                for r in p.rules(d).unwrap_or(&[]) {
                    for peer in r.peers.as_deref().unwrap_or(&[]) {
                        if let PeerTarget::IpBlock(b) = &peer.target {
                            pieces_from.push(b.cidr);
                            pieces_from.extend(b.except.iter().copied());
                        }
                    }
                }
            }
        }
        let pieces = cut(&pieces_from);

        let mut analysis = Analysis {
            network: Arc::clone(&shared),
            namespaces,
            namespace_index,
            classes,
            members,
            member_start,
            class_of,
            targets: Vec::with_capacity(network.policies.len()),
            class_policies: vec![Vec::new(); nc],
            rules: Vec::new(),
            policy_rules: Vec::with_capacity(network.policies.len()),
            class_rules: (0..nc).map(|_| [Vec::new(), Vec::new()]).collect(),
            isolated: [BitSet::new(nc), BitSet::new(nc)],
            pieces,
        };

        let mut namespace_cache: HashMap<&Selector, Vec<usize>> = HashMap::new();
        let mut peer_cache: HashMap<PeerKey, BitSet> = HashMap::new();
        for (pi, p) in network.policies.iter().enumerate() {
            let ns = analysis.namespace_index[&p.namespace];
            let targets: Vec<u32> = index
                .candidates(&p.pod_selector, ns)
                .iter()
                .copied()
                .filter(|&c| p.pod_selector.matches(&analysis.classes[c as usize].labels))
                .collect();
            let targets = BitSet::from_sorted(nc, targets);
            let mut per_dir: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
            for d in [Direction::Ingress, Direction::Egress] {
                let Some(rules) = p.rules(d) else {
                    continue;
                };
                for c in targets.iter() {
                    analysis.isolated[dir_index(d)].insert(c);
                }
                for r in rules {
                    let resolved = analysis.resolve_rule(
                        pi,
                        ns,
                        r,
                        &mut index,
                        &mut namespace_cache,
                        &mut peer_cache,
                    );
                    per_dir[dir_index(d)].push(analysis.rules.len());
                    analysis.rules.push(resolved);
                }
            }
            for c in targets.iter() {
                analysis.class_policies[c].push(pi as u32);
                for (d, rules) in per_dir.iter().enumerate() {
                    analysis.class_rules[c][d].extend(rules.iter().copied());
                }
            }
            analysis.targets.push(targets);
            analysis.policy_rules.push(per_dir);
        }
        analysis
    }

    fn resolve_rule<'p>(
        &self,
        policy: usize,
        ns: usize,
        rule: &'p Rule,
        index: &mut LabelIndex<'p>,
        namespace_cache: &mut HashMap<&'p Selector, Vec<usize>>,
        peer_cache: &mut HashMap<PeerKey<'p>, BitSet>,
    ) -> ResolvedRule {
        let nc = self.classes.len();
        let mut resolved = ResolvedRule {
            policy,
            direction: rule.direction,
            index: rule.index,
            classes: BitSet::new(nc),
            addresses: BitSet::new(self.pieces.len()),
            any_pod: false,
            fixed: rule.fixed_conns(),
        };
        let Some(peers) = &rule.peers else {
            resolved.classes = BitSet::full(nc);
            resolved.addresses = BitSet::full(self.pieces.len());
            resolved.any_pod = true;
            return resolved;
        };
        for peer in peers {
            match &peer.target {
                PeerTarget::IpBlock(block) => {
                    for (i, piece) in self.pieces.iter().enumerate() {
                        if block.holds(piece) {
                            resolved.addresses.insert(i);
                        }
                    }
                }
                PeerTarget::Pods { namespaces, pods } => {
                    if namespaces.as_ref().is_some_and(Selector::is_empty)
                        && pods.as_ref().is_none_or(Selector::is_empty)
                    {
                        resolved.any_pod = true;
                    }
                    // A podSelector alone picks pods of the policy's own namespace.
                    let own = namespaces.is_none().then_some(ns);
                    let key = (own, namespaces.as_ref(), pods.as_ref());
                    if let Some(set) = peer_cache.get(&key) {
                        resolved.classes.union_with(set);
                        continue;
                    }
                    let chosen: Vec<usize> = match namespaces {
                        None => vec![ns],
                        Some(sel) => namespace_cache
                            .entry(sel)
                            .or_insert_with(|| {
                                self.namespaces
                                    .iter()
                                    .enumerate()
                                    .filter(|(_, (_, labels))| sel.matches(labels))
                                    .map(|(i, _)| i)
                                    .collect()
                            })
                            .clone(),
                    };
                    let mut items: Vec<u32> = Vec::new();
                    for &n in &chosen {
                        match pods {
                            None => items.extend_from_slice(&index.in_ns[n]),
                            Some(sel) => items.extend(
                                index
                                    .candidates(sel, n)
                                    .iter()
                                    .copied()
                                    .filter(|&c| sel.matches(&self.classes[c as usize].labels)),
                            ),
                        }
                    }
                    // Each namespace's classes are in order; several namespaces interleave.
                    if chosen.len() > 1 {
                        items.sort_unstable();
                    }
                    let set = BitSet::from_sorted(nc, items);
                    resolved.classes.union_with(&set);
                    peer_cache.insert(key, set);
                }
            }
        }
        resolved
    }

    fn rule_conns(&self, r: &ResolvedRule, destination: Option<&[ContainerPort]>) -> ConnSet {
        match &r.fixed {
            Some(c) => c.clone(),
            None => self.rule_of(r).conns_to(destination),
        }
    }

    /// The workloads of class `c`, in increasing order.
    fn members_of(&self, c: usize) -> &[usize] {
        &self.members[self.member_start[c]..self.member_start[c + 1]]
    }

    fn rule_of(&self, r: &ResolvedRule) -> &Rule {
        let p = &self.network.policies[r.policy];
        &p.rules(r.direction).expect("resolved rules exist")[r.index]
    }

    /// What the source's egress side allows towards `far`.
    fn egress_side(&self, src: usize, far: Far) -> ConnSet {
        if !self.isolated[1].has(src) {
            return ConnSet::all();
        }
        let mut conns = ConnSet::none();
        for &r in &self.class_rules[src][1] {
            let rule = &self.rules[r];
            let (hit, ports) = match far {
                Far::Class(d) => (rule.classes.has(d), Some(&self.classes[d].ports[..])),
                Far::Address(a) => (rule.addresses.has(a), None),
                Far::AnyPod => (rule.any_pod, None),
            };
            if hit {
                conns.union_with(&self.rule_conns(rule, ports));
            }
        }
        conns
    }

    /// What the destination's ingress side allows from `far`.
    fn ingress_side(&self, far: Far, dst: usize) -> ConnSet {
        if !self.isolated[0].has(dst) {
            return ConnSet::all();
        }
        let ports = Some(&self.classes[dst].ports[..]);
        let mut conns = ConnSet::none();
        for &r in &self.class_rules[dst][0] {
            let rule = &self.rules[r];
            let hit = match far {
                Far::Class(s) => rule.classes.has(s),
                Far::Address(a) => rule.addresses.has(a),
                Far::AnyPod => rule.any_pod,
            };
            if hit {
                conns.union_with(&self.rule_conns(rule, ports));
            }
        }
        conns
    }

    /// Whether some `dir` rule (0 ingress, 1 egress) of class `c` admits class `other` as peer.
    /// Asked per pair instead of keeping a class × class matrix, whose size is quadratic in
    /// the number of classes (hundreds of megabytes for tens of thousands of workloads).
    fn admits(&self, c: usize, dir: usize, other: usize) -> bool {
        self.class_rules[c][dir]
            .iter()
            .any(|&r| self.rules[r].classes.has(other))
    }

    /// Every class that some `dir` rule of class `c` admits as peer.
    fn admitted(&self, c: usize, dir: usize) -> BitSet {
        let mut set = BitSet::new(self.classes.len());
        for &r in &self.class_rules[c][dir] {
            set.union_with(&self.rules[r].classes);
        }
        set
    }

    fn class_pair(&self, s: usize, d: usize) -> ConnSet {
        let (eg, ing) = (self.isolated[1].has(s), self.isolated[0].has(d));
        if !eg && !ing {
            return ConnSet::all();
        }
        if eg && !self.admits(s, 1, d) {
            return ConnSet::none();
        }
        if ing && !self.admits(d, 0, s) {
            return ConnSet::none();
        }
        let out = self.egress_side(s, Far::Class(d));
        if out.is_empty() {
            return out;
        }
        out.intersect(&self.ingress_side(Far::Class(s), d))
    }

    /// Every allowed connection between workloads, outside address ranges and the Ingress
    /// controller. Self connections (always allowed) are left out.
    pub fn reach(&self) -> Reachability {
        let nc = self.classes.len();
        let mut conns: Vec<ConnSet> = Vec::new();
        let mut conn_ids: HashMap<ConnSet, u32> = HashMap::new();
        let mut intern = |c: ConnSet| -> u32 {
            if let Some(&id) = conn_ids.get(&c) {
                return id;
            }
            let id = conns.len() as u32;
            conns.push(c.clone());
            conn_ids.insert(c, id);
            id
        };

        // Endpoint ids: workloads first (by index), then address pieces, then the controller.
        let nw = self.network.workloads.len();
        let piece_id = |i: usize| (nw + i) as u32;
        let controller_id = (nw + self.pieces.len()) as u32;
        let mut edges: Vec<Edge> = Vec::new();

        let all_classes = BitSet::full(nc);
        for s in 0..nc {
            let row;
            let candidates = if self.isolated[1].has(s) {
                row = self.admitted(s, 1);
                &row
            } else {
                &all_classes
            };
            for d in candidates.iter() {
                if self.isolated[0].has(d) && !self.admits(d, 0, s) {
                    continue;
                }
                let c = self.class_pair(s, d);
                if c.is_empty() {
                    continue;
                }
                let id = intern(c);
                for &a in self.members_of(s) {
                    for &b in self.members_of(d) {
                        if a != b {
                            edges.push(Edge {
                                src: a as u32,
                                dst: b as u32,
                                conn: id,
                            });
                        }
                    }
                }
            }
            for p in 0..self.pieces.len() {
                let c = self.egress_side(s, Far::Address(p));
                if c.is_empty() {
                    continue;
                }
                let id = intern(c);
                for &a in self.members_of(s) {
                    edges.push(Edge {
                        src: a as u32,
                        dst: piece_id(p),
                        conn: id,
                    });
                }
            }
        }
        for d in 0..nc {
            for p in 0..self.pieces.len() {
                let c = self.ingress_side(Far::Address(p), d);
                if c.is_empty() {
                    continue;
                }
                let id = intern(c);
                for &b in self.members_of(d) {
                    edges.push(Edge {
                        src: piece_id(p),
                        dst: b as u32,
                        conn: id,
                    });
                }
            }
        }

        let mut notes = Vec::new();
        for (w, c) in self.ingress_controller(&mut notes) {
            let id = intern(c);
            edges.push(Edge {
                src: controller_id,
                dst: w as u32,
                conn: id,
            });
        }
        for w in &self.network.workloads {
            if w.host_network {
                notes.push(format!(
                    "{} uses the host network: NetworkPolicies neither isolate nor select its pods, and its traffic appears as the node's; it is left out of the list",
                    w.display_name()
                ));
            }
        }

        let mut endpoints: Vec<Endpoint> = (0..nw).map(Endpoint::Workload).collect();
        endpoints.extend(self.pieces.iter().map(|p| Endpoint::External(*p)));
        endpoints.push(Endpoint::IngressController);
        let names: Vec<String> = endpoints
            .iter()
            .map(|e| match e {
                Endpoint::Workload(i) => self.network.workloads[*i].display_name(),
                Endpoint::External(r) => format!("{r}[External]"),
                Endpoint::IngressController => "{ingress-controller}".to_string(),
            })
            .collect();
        // Names never prefix one another (each ends with its only `]` or `}`), so ordering by
        // (source name, destination name) orders the printed lines.
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        let mut rank = vec![0u32; names.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        edges.sort_unstable_by_key(|e| (rank[e.src as usize], rank[e.dst as usize]));
        edges.dedup_by(|a, b| a.src == b.src && a.dst == b.dst);
        Reachability {
            endpoints,
            names,
            conns,
            edges,
            notes,
        }
    }

    /// Connections from the Ingress controller to the workloads behind Ingress backends: the
    /// Service's target port, if the workload admits ingress from a pod it cannot know (the
    /// controller's namespace and labels are not in the input).
    fn ingress_controller(&self, notes: &mut Vec<String>) -> Vec<(usize, ConnSet)> {
        let net: &Network = &self.network;
        let mut out: HashMap<usize, ConnSet> = HashMap::new();
        for ing in &net.ingresses {
            for b in &ing.backends {
                let Some(svc) = net
                    .services
                    .iter()
                    .find(|s| s.namespace == ing.namespace && s.name == b.service)
                else {
                    notes.push(format!(
                        "Ingress {}/{}: backend Service {:?} is not in the input",
                        ing.namespace, ing.name, b.service
                    ));
                    continue;
                };
                let Some(sp) = svc.ports.iter().find(|p| match &b.port {
                    BackendPort::Number(n) => p.port == *n,
                    BackendPort::Name(n) => p.name.as_deref() == Some(n),
                }) else {
                    notes.push(format!(
                        "Ingress {}/{}: Service {}/{} has no port {}",
                        ing.namespace,
                        ing.name,
                        svc.namespace,
                        svc.name,
                        match &b.port {
                            BackendPort::Number(n) => n.to_string(),
                            BackendPort::Name(n) => format!("{n:?}"),
                        }
                    ));
                    continue;
                };
                for (wi, w) in net.workloads.iter().enumerate() {
                    if !svc.selects(w) {
                        continue;
                    }
                    let Some(c) = self.class_of[wi] else {
                        continue;
                    };
                    let target = match &sp.target {
                        TargetPort::Number(n) => ConnSet::of(sp.protocol, PortSet::single(*n)),
                        TargetPort::Name(name) => {
                            let mut t = ConnSet::none();
                            for cp in &w.ports {
                                if cp.protocol == sp.protocol && cp.name.as_deref() == Some(name) {
                                    t.add(sp.protocol, &PortSet::single(cp.port));
                                }
                            }
                            t
                        }
                    };
                    if target.is_empty() {
                        notes.push(format!(
                            "Ingress {}/{}: Service {}/{} target port {:?} matches no container port of {}",
                            ing.namespace,
                            ing.name,
                            svc.namespace,
                            svc.name,
                            match &sp.target {
                                TargetPort::Number(n) => n.to_string(),
                                TargetPort::Name(n) => n.clone(),
                            },
                            w.display_name()
                        ));
                        continue;
                    }
                    let allowed = target.intersect(&self.ingress_side(Far::AnyPod, c));
                    if allowed.is_empty() {
                        notes.push(format!(
                            "Ingress {}/{}: {} does not admit ingress from an arbitrary pod, so the Ingress controller's traffic to it is left out",
                            ing.namespace,
                            ing.name,
                            w.display_name()
                        ));
                        continue;
                    }
                    out.entry(wi).or_default().union_with(&allowed);
                }
            }
        }
        let mut out: Vec<(usize, ConnSet)> = out.into_iter().collect();
        out.sort_by_key(|(w, _)| *w);
        out
    }

    // Queries for rules and reports.

    /// The policies that apply to a workload (none for hostNetwork pods).
    pub fn policies_for(&self, workload: usize) -> Vec<usize> {
        let Some(c) = self.class_of[workload] else {
            return Vec::new();
        };
        self.class_policies[c].iter().map(|&p| p as usize).collect()
    }

    /// The workloads a policy applies to.
    pub fn targets_of(&self, policy: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.targets[policy]
            .iter()
            .flat_map(|c| self.members_of(c).iter().copied())
            .collect();
        out.sort_unstable();
        out
    }

    /// Whether a policy applies to any workload (without listing them).
    pub fn selects_any(&self, policy: usize) -> bool {
        // Every class has a member.
        self.targets[policy].iter().next().is_some()
    }

    /// Whether some policy isolates the workload in this direction.
    pub fn is_isolated(&self, workload: usize, direction: Direction) -> bool {
        self.class_of[workload].is_some_and(|c| self.isolated[dir_index(direction)].has(c))
    }

    /// The workloads the peers of a policy's rule select (`rule` indexes the policy's rules of
    /// that direction).
    pub fn peer_workloads(&self, policy: usize, direction: Direction, rule: usize) -> Vec<usize> {
        let Some(&r) = self.policy_rules[policy][dir_index(direction)].get(rule) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self.rules[r]
            .classes
            .iter()
            .flat_map(|c| self.members_of(c).iter().copied())
            .collect();
        out.sort_unstable();
        out
    }

    /// What the workload may send to one outside address, and the rules `(policy, rule
    /// index)` that allow it (empty when its egress is not isolated: everything is allowed).
    pub fn egress_to_address(
        &self,
        workload: usize,
        addr: IpAddr,
    ) -> (ConnSet, Vec<(usize, usize)>) {
        let Some(c) = self.class_of[workload] else {
            return (ConnSet::all(), Vec::new());
        };
        if !self.isolated[1].has(c) {
            return (ConnSet::all(), Vec::new());
        }
        let target = IpRange::single(addr);
        let mut conns = ConnSet::none();
        let mut by = Vec::new();
        for &r in &self.class_rules[c][1] {
            let rule = self.rule_of(&self.rules[r]);
            let hit = match &rule.peers {
                None => true,
                Some(peers) => peers.iter().any(|p| match &p.target {
                    PeerTarget::IpBlock(b) => b.holds(&target),
                    PeerTarget::Pods { .. } => false,
                }),
            };
            if hit {
                let allowed = rule.conns_to(None);
                if !allowed.is_empty() {
                    conns.union_with(&allowed);
                    by.push((self.rules[r].policy, self.rules[r].index));
                }
            }
        }
        (conns, by)
    }

    /// The allowed connections between two workloads.
    pub fn between(&self, src: usize, dst: usize) -> ConnSet {
        match (self.class_of[src], self.class_of[dst]) {
            _ if src == dst => ConnSet::all(),
            (Some(s), Some(d)) => self.class_pair(s, d),
            _ => ConnSet::all(),
        }
    }

    /// How many classes the workloads fell into (for diagnostics and benchmarks).
    pub fn class_count(&self) -> usize {
        self.classes.len()
    }

    /// Labels of a namespace, the automatic name label included.
    pub fn namespace_labels(&self, name: &str) -> Option<&Labels> {
        self.namespace_index
            .get(name)
            .map(|&i| &self.namespaces[i].1)
    }
}

#[cfg(test)]
mod bitset_tests {
    use super::BitSet;
    use std::collections::BTreeSet;

    /// Every representation and every union of two of them agrees with a plain set.
    #[test]
    fn sparse_dense_and_full_sets_agree_with_a_plain_set() {
        let len = 1000;
        let samples: Vec<Vec<usize>> = vec![
            vec![],
            vec![3],
            vec![999, 0, 500, 3, 3],
            (0..len).step_by(7).collect(),
            (0..len).rev().step_by(3).collect(),
            (10..60).collect(),
        ];
        let build = |items: &[usize]| {
            let mut b = BitSet::new(len);
            for &i in items {
                b.insert(i);
            }
            b
        };
        for a in &samples {
            let set: BTreeSet<usize> = a.iter().copied().collect();
            let b = build(a);
            assert_eq!(
                b.iter().collect::<Vec<_>>(),
                set.iter().copied().collect::<Vec<_>>()
            );
            for i in 0..len {
                assert_eq!(b.has(i), set.contains(&i));
            }
            for other in &samples {
                let mut u = build(a);
                u.union_with(&build(other));
                let want: Vec<usize> = set
                    .union(&other.iter().copied().collect())
                    .copied()
                    .collect();
                assert_eq!(u.iter().collect::<Vec<_>>(), want);
                let mut f = build(a);
                f.union_with(&BitSet::full(len));
                assert_eq!(f.iter().count(), len);
            }
        }
        assert!(matches!(build(&samples[3]), BitSet::Dense { .. }));
        assert!(matches!(build(&samples[2]), BitSet::Sparse { .. }));
        let mut full = BitSet::full(len);
        full.union_with(&build(&samples[1]));
        assert!(full.has(999) && !full.has(1000));
    }
}

#[cfg(test)]
mod selection_tests {
    use super::{sorted_ports, LabelIndex};
    use crate::labels::{Labels, Requirement, Selector};
    use crate::model::ContainerPort;
    use crate::Protocol;
    use foldhash::{HashMap, HashMapExt};

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs.iter().copied().collect()
    }

    fn match_labels(pairs: &[(&str, &str)]) -> Selector {
        Selector {
            match_labels: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            match_expressions: Vec::new(),
        }
    }

    /// The candidates are a superset of what the selector matches, in class order, and exactly
    /// the classes of the namespace holding the first `matchLabels` pair.
    #[test]
    fn candidates_hold_the_first_pair_in_class_order() {
        let all = [
            (0, labels(&[("app", "web"), ("tier", "front")])),
            (0, labels(&[("app", "api")])),
            (1, labels(&[("app", "web")])),
            (0, labels(&[("app", "web"), ("tier", "back")])),
            (0, labels(&[])),
        ];
        let mut index = LabelIndex {
            classes: all.iter().map(|(ns, l)| (*ns, l)).collect(),
            in_ns: vec![vec![0, 1, 3, 4], vec![2]],
            by_key: HashMap::new(),
        };
        let web = match_labels(&[("app", "web"), ("tier", "back")]);
        assert_eq!(index.candidates(&web, 0), [0, 3]);
        assert_eq!(index.candidates(&web, 1), [2]);
        let none = match_labels(&[("app", "db")]);
        assert!(index.candidates(&none, 0).is_empty());
        let missing_key = match_labels(&[("team", "x")]);
        assert!(index.candidates(&missing_key, 0).is_empty());
        // No matchLabels: every class of the namespace.
        let everything = Selector::default();
        assert_eq!(index.candidates(&everything, 0), [0, 1, 3, 4]);
        let exists = Selector {
            match_labels: Vec::new(),
            match_expressions: vec![Requirement {
                key: "app".into(),
                operator: crate::labels::Operator::Exists,
                values: Vec::new(),
            }],
        };
        assert_eq!(index.candidates(&exists, 1), [2]);
        // What a full scan of the namespace would select is always among the candidates.
        for sel in [&web, &none, &missing_key, &everything, &exists] {
            for ns in 0..2 {
                let scanned: Vec<u32> = index.in_ns[ns]
                    .clone()
                    .into_iter()
                    .filter(|&c| sel.matches(&all[c as usize].1))
                    .collect();
                let picked: Vec<u32> = index
                    .candidates(sel, ns)
                    .iter()
                    .copied()
                    .filter(|&c| sel.matches(&all[c as usize].1))
                    .collect();
                assert_eq!(picked, scanned);
            }
        }
    }

    #[test]
    fn ports_are_sorted_once() {
        let port = |n: u16| ContainerPort {
            name: None,
            port: n,
            protocol: Protocol::Tcp,
        };
        let sorted = [port(80), port(443)];
        assert!(matches!(
            sorted_ports(&sorted),
            std::borrow::Cow::Borrowed(_)
        ));
        let unsorted = [port(443), port(80), port(443)];
        assert_eq!(&*sorted_ports(&unsorted), &sorted);
    }
}
