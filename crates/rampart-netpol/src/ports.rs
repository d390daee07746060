//! Protocols, port ranges and connection sets: what a policy rule allows and what a pair of
//! endpoints may use.

use std::fmt;

/// The protocols NetworkPolicy ports can name. Ordered by name, as connection lists print them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Sctp,
    Tcp,
    Udp,
}

impl Protocol {
    pub const ALL: [Protocol; 3] = [Protocol::Sctp, Protocol::Tcp, Protocol::Udp];

    /// The API's spelling (`TCP`, `UDP`, `SCTP`); the API server accepts nothing else.
    pub fn parse(text: &str) -> Option<Protocol> {
        match text {
            "TCP" => Some(Protocol::Tcp),
            "UDP" => Some(Protocol::Udp),
            "SCTP" => Some(Protocol::Sctp),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Sctp => "SCTP",
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub const MIN_PORT: u16 = 1;
pub const MAX_PORT: u16 = 65535;

/// A set of ports as sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PortSet {
    ranges: Vec<(u16, u16)>,
}

impl PortSet {
    pub fn empty() -> PortSet {
        PortSet::default()
    }

    pub fn all() -> PortSet {
        PortSet::range(MIN_PORT, MAX_PORT)
    }

    /// `from..=to`; empty when `from > to`.
    pub fn range(from: u16, to: u16) -> PortSet {
        let from = from.max(MIN_PORT);
        if from > to {
            return PortSet::empty();
        }
        PortSet {
            ranges: vec![(from, to)],
        }
    }

    pub fn single(port: u16) -> PortSet {
        PortSet::range(port, port)
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub fn is_all(&self) -> bool {
        self.ranges == [(MIN_PORT, MAX_PORT)]
    }

    pub fn ranges(&self) -> &[(u16, u16)] {
        &self.ranges
    }

    pub fn contains(&self, port: u16) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= port && port <= b)
    }

    pub fn union(&self, other: &PortSet) -> PortSet {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        let mut all: Vec<(u16, u16)> = self.ranges.iter().chain(&other.ranges).copied().collect();
        all.sort_unstable();
        let mut ranges: Vec<(u16, u16)> = Vec::with_capacity(all.len());
        for (a, b) in all {
            match ranges.last_mut() {
                // Adjacent ranges merge too: 80-80 and 81-90 are 80-90.
                Some(last) if u32::from(a) <= u32::from(last.1) + 1 => last.1 = last.1.max(b),
                _ => ranges.push((a, b)),
            }
        }
        PortSet { ranges }
    }

    pub fn intersect(&self, other: &PortSet) -> PortSet {
        let mut ranges = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.ranges.len() && j < other.ranges.len() {
            let (a1, b1) = self.ranges[i];
            let (a2, b2) = other.ranges[j];
            let (a, b) = (a1.max(a2), b1.min(b2));
            if a <= b {
                ranges.push((a, b));
            }
            if b1 < b2 {
                i += 1;
            } else {
                j += 1;
            }
        }
        PortSet { ranges }
    }
}

impl fmt::Display for PortSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (a, b)) in self.ranges.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            if a == b {
                write!(f, "{a}")?;
            } else {
                write!(f, "{a}-{b}")?;
            }
        }
        Ok(())
    }
}

/// Allowed connections: ports per protocol. All three protocols on all ports is "All
/// Connections" (policies cannot restrict other protocols separately).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ConnSet {
    ports: [PortSet; 3],
}

impl ConnSet {
    pub fn none() -> ConnSet {
        ConnSet::default()
    }

    pub fn all() -> ConnSet {
        ConnSet {
            ports: [PortSet::all(), PortSet::all(), PortSet::all()],
        }
    }

    pub fn of(protocol: Protocol, ports: PortSet) -> ConnSet {
        let mut c = ConnSet::none();
        c.ports[protocol.index()] = ports;
        c
    }

    pub fn is_empty(&self) -> bool {
        self.ports.iter().all(PortSet::is_empty)
    }

    pub fn is_all(&self) -> bool {
        self.ports.iter().all(PortSet::is_all)
    }

    pub fn ports(&self, protocol: Protocol) -> &PortSet {
        &self.ports[protocol.index()]
    }

    pub fn allows(&self, protocol: Protocol, port: u16) -> bool {
        self.ports(protocol).contains(port)
    }

    pub fn add(&mut self, protocol: Protocol, ports: &PortSet) {
        let slot = &mut self.ports[protocol.index()];
        *slot = slot.union(ports);
    }

    pub fn union_with(&mut self, other: &ConnSet) {
        for p in Protocol::ALL {
            self.add(p, other.ports(p));
        }
    }

    pub fn intersect(&self, other: &ConnSet) -> ConnSet {
        let mut c = ConnSet::none();
        for p in Protocol::ALL {
            c.ports[p.index()] = self.ports(p).intersect(other.ports(p));
        }
        c
    }
}

impl fmt::Display for ConnSet {
    /// `All Connections`, `No Connections`, or protocol groups by name with their ranges:
    /// `TCP 10053-10054,UDP 10053`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_all() {
            return f.write_str("All Connections");
        }
        if self.is_empty() {
            return f.write_str("No Connections");
        }
        let mut first = true;
        for p in Protocol::ALL {
            let ports = self.ports(p);
            if ports.is_empty() {
                continue;
            }
            if !first {
                f.write_str(",")?;
            }
            first = false;
            write!(f, "{p} {ports}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_merges_overlapping_and_adjacent_ranges() {
        let a = PortSet::range(80, 80).union(&PortSet::range(81, 90));
        assert_eq!(a.to_string(), "80-90");
        let b = a
            .union(&PortSet::range(100, 100))
            .union(&PortSet::range(85, 95));
        assert_eq!(b.to_string(), "80-95,100");
        assert!(PortSet::range(1, 100)
            .union(&PortSet::range(101, 65535))
            .is_all());
    }

    #[test]
    fn intersect_walks_both_lists() {
        let a = PortSet::range(1, 10).union(&PortSet::range(20, 30));
        let b = PortSet::range(5, 25);
        assert_eq!(a.intersect(&b).to_string(), "5-10,20-25");
        assert!(a.intersect(&PortSet::range(11, 19)).is_empty());
    }

    #[test]
    fn display_groups_protocols_by_name() {
        let mut c = ConnSet::of(Protocol::Udp, PortSet::single(10053));
        c.add(Protocol::Tcp, &PortSet::range(10053, 10054));
        assert_eq!(c.to_string(), "TCP 10053-10054,UDP 10053");
        assert_eq!(ConnSet::all().to_string(), "All Connections");
        let mut almost = ConnSet::all();
        almost = almost.intersect(&{
            let mut x = ConnSet::all();
            x.ports[Protocol::Udp.index()] =
                PortSet::range(1, 5352).union(&PortSet::range(5354, 65535));
            x
        });
        assert_eq!(
            almost.to_string(),
            "SCTP 1-65535,TCP 1-65535,UDP 1-5352,5354-65535"
        );
    }
}
