//! Addresses outside the cluster: CIDRs, inclusive address ranges, and the disjoint ranges that
//! every `cidr` and `except` of the policies cut the address space into.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 or IPv6: a CIDR of one family never matches addresses of the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    fn max(self) -> u128 {
        match self {
            Family::V4 => u128::from(u32::MAX),
            Family::V6 => u128::MAX,
        }
    }

    fn bits(self) -> u32 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }
}

/// An inclusive range of addresses of one family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IpRange {
    pub family: Family,
    pub start: u128,
    pub end: u128,
}

impl IpRange {
    /// The whole address space of a family (`0.0.0.0/0`, `::/0`).
    pub fn everything(family: Family) -> IpRange {
        IpRange {
            family,
            start: 0,
            end: family.max(),
        }
    }

    /// Parses `a.b.c.d/n` or `x::y/n`. Host bits set below the prefix are cleared, as Go's
    /// `net.ParseCIDR` (which the API server used) does.
    pub fn parse_cidr(text: &str) -> Result<IpRange, String> {
        let (addr, prefix) = text
            .split_once('/')
            .ok_or_else(|| format!("{text:?} is not a CIDR (expected address/prefix)"))?;
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{text:?} is not a CIDR: bad address {addr:?}"))?;
        let (family, value) = match addr {
            IpAddr::V4(a) => (Family::V4, u128::from(u32::from(a))),
            IpAddr::V6(a) => (Family::V6, u128::from(a)),
        };
        let prefix: u32 = prefix
            .parse()
            .ok()
            .filter(|p| *p <= family.bits() && !prefix.starts_with('+'))
            .ok_or_else(|| {
                format!(
                    "{text:?} is not a CIDR: the prefix length must be 0 to {}",
                    family.bits()
                )
            })?;
        let host_bits = family.bits() - prefix;
        let host_mask = if host_bits == 128 {
            u128::MAX
        } else {
            (1u128 << host_bits) - 1
        };
        let start = value & !host_mask;
        Ok(IpRange {
            family,
            start,
            end: start | host_mask,
        })
    }

    pub fn single(addr: IpAddr) -> IpRange {
        let (family, value) = match addr {
            IpAddr::V4(a) => (Family::V4, u128::from(u32::from(a))),
            IpAddr::V6(a) => (Family::V6, u128::from(a)),
        };
        IpRange {
            family,
            start: value,
            end: value,
        }
    }

    pub fn contains(&self, family: Family, addr: u128) -> bool {
        self.family == family && self.start <= addr && addr <= self.end
    }

    pub fn contains_range(&self, other: &IpRange) -> bool {
        self.family == other.family && self.start <= other.start && other.end <= self.end
    }

    pub fn is_everything(&self) -> bool {
        *self == IpRange::everything(self.family)
    }

    fn fmt_addr(&self, value: u128, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.family {
            // V4 values never exceed u32::MAX by construction.
            Family::V4 => write!(f, "{}", Ipv4Addr::from(value as u32)),
            Family::V6 => write!(f, "{}", Ipv6Addr::from(value)),
        }
    }
}

impl fmt::Display for IpRange {
    /// `first-last`, e.g. `0.0.0.0-9.255.255.255`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_addr(self.start, f)?;
        f.write_str("-")?;
        self.fmt_addr(self.end, f)
    }
}

/// Cuts each family's address space at the first address of every range and just after its
/// last one, giving disjoint ranges that cover the space. Every range the cuts came from is a
/// union of whole pieces, so one address of a piece (its start) decides membership for all.
/// IPv6 is cut (and reported) only when some range is IPv6.
pub fn cut(ranges: &[IpRange]) -> Vec<IpRange> {
    let mut pieces = Vec::new();
    for family in [Family::V4, Family::V6] {
        if family == Family::V6 && !ranges.iter().any(|r| r.family == Family::V6) {
            continue;
        }
        let mut cuts: Vec<u128> = vec![0];
        for r in ranges.iter().filter(|r| r.family == family) {
            cuts.push(r.start);
            if r.end < family.max() {
                cuts.push(r.end + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for (i, &start) in cuts.iter().enumerate() {
            let end = cuts.get(i + 1).map_or(family.max(), |next| next - 1);
            pieces.push(IpRange { family, start, end });
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises_cidrs() {
        let r = IpRange::parse_cidr("10.1.2.3/8").unwrap();
        assert_eq!(r.to_string(), "10.0.0.0-10.255.255.255");
        assert!(IpRange::parse_cidr("0.0.0.0/0").unwrap().is_everything());
        assert_eq!(
            IpRange::parse_cidr("169.254.169.254/32")
                .unwrap()
                .to_string(),
            "169.254.169.254-169.254.169.254"
        );
        assert_eq!(
            IpRange::parse_cidr("fd00::/8").unwrap().to_string(),
            "fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
        );
        assert!(IpRange::parse_cidr("::/0").unwrap().is_everything());
        for bad in [
            "10.0.0.0",
            "10.0.0.0/33",
            "300.0.0.0/8",
            "::/129",
            "x/1",
            "1.2.3.4/+1",
        ] {
            assert!(IpRange::parse_cidr(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cuts_at_every_boundary() {
        let ten = IpRange::parse_cidr("10.0.0.0/8").unwrap();
        let hole = IpRange::parse_cidr("10.1.0.0/16").unwrap();
        let pieces: Vec<String> = cut(&[ten, hole]).iter().map(|p| p.to_string()).collect();
        assert_eq!(
            pieces,
            [
                "0.0.0.0-9.255.255.255",
                "10.0.0.0-10.0.255.255",
                "10.1.0.0-10.1.255.255",
                "10.2.0.0-10.255.255.255",
                "11.0.0.0-255.255.255.255"
            ]
        );
        assert_eq!(cut(&[]).len(), 1);
        let all_v6 = cut(&[IpRange::parse_cidr("::/0").unwrap()]);
        assert_eq!(all_v6.len(), 2);
        assert_eq!(
            all_v6[1].to_string(),
            "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
        );
    }
}
