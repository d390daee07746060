//! Policy versions (`v1.N`), the value of the `enforce-version` label.

use std::fmt;

/// A policy version 1.N; the field is N (the major is always 1).
///
/// Policy versions are not cluster versions: a namespace pinned to `v1.22` is judged by the rules
/// as they stood in Kubernetes 1.22, whatever the cluster runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub u16);

impl Version {
    /// The newest policy version known. `latest`, and any pinned version above it, evaluate as
    /// this one, as PSA does.
    pub const LATEST: Version = Version(37);
    /// The oldest policy version.
    pub const OLDEST: Version = Version(0);

    /// Reads `latest`, `v1.25`, `1.25`, `v1.25.3` or `1.25.3` (a patch number is ignored).
    /// Versions newer than [`Version::LATEST`] cap to it. A minor with a leading zero (`v1.025`)
    /// is rejected, as in PSA's label syntax, because its meaning is not obvious.
    pub fn parse(s: &str) -> Option<Version> {
        if s == "latest" {
            return Some(Version::LATEST);
        }
        let rest = s.strip_prefix('v').unwrap_or(s).strip_prefix("1.")?;
        let minor = match rest.split_once('.') {
            Some((minor, patch)) => {
                if patch.is_empty() || !patch.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                minor
            }
            None => rest,
        };
        parse_minor(minor)
    }

    /// PSA's own label syntax: exactly `latest` or `v1.N`, N without a leading zero.
    /// Anything else (`1.25`, `v1.25.0`, `v1.025`) is an invalid label value.
    pub fn parse_label(s: &str) -> Option<Version> {
        if s == "latest" {
            return Some(Version::LATEST);
        }
        parse_minor(s.strip_prefix("v1.")?)
    }

    /// The minor number N of v1.N.
    pub fn minor(self) -> u16 {
        self.0
    }

    /// Every policy version from v1.0 to [`Version::LATEST`], oldest first.
    pub fn all() -> impl DoubleEndedIterator<Item = Version> + ExactSizeIterator {
        (0..=Version::LATEST.0).map(Version)
    }

    /// This version's bit in a version mask (bit N for v1.N; versions past LATEST share its bit).
    pub fn bit(self) -> u64 {
        1u64 << self.0.min(Version::LATEST.0)
    }
}

/// Every version of the mask: bits 0 to LATEST.
pub(crate) const ALL_VERSIONS: u64 = (1u64 << (Version::LATEST.0 + 1)) - 1;

/// Bits for versions `from..to` (minor numbers; `to` exclusive), clipped to the known versions.
pub(crate) fn version_range(from: u16, to: u16) -> u64 {
    let to = to.min(Version::LATEST.0 + 1);
    if from >= to {
        return 0;
    }
    ALL_VERSIONS & !((1u64 << from) - 1) & ((1u64 << to) - 1)
}

/// A plain decimal without a leading zero; large values cap to LATEST instead of overflowing.
fn parse_minor(s: &str) -> Option<Version> {
    let bytes = s.as_bytes();
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if bytes.len() > 1 && bytes[0] == b'0' {
        return None;
    }
    let mut n: u32 = 0;
    for &b in bytes {
        n = n.saturating_mul(10).saturating_add(u32::from(b - b'0'));
    }
    Some(Version(n.min(u32::from(Version::LATEST.0)) as u16))
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v1.{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_accepted_spellings() {
        assert_eq!(Version::parse("latest"), Some(Version::LATEST));
        assert_eq!(Version::parse("v1.25"), Some(Version(25)));
        assert_eq!(Version::parse("1.25"), Some(Version(25)));
        assert_eq!(Version::parse("v1.25.3"), Some(Version(25)));
        assert_eq!(Version::parse("1.0.0"), Some(Version(0)));
        assert_eq!(Version::parse("v1.99"), Some(Version::LATEST));
        assert_eq!(
            Version::parse("v1.99999999999999999999"),
            Some(Version::LATEST)
        );
        for bad in [
            "", "v1", "v1.", "v2.3", "v1.025", "v1.2.", "v1.2.x", "v1.-1", "V1.2", " v1.2",
            "v1.2 ", "Latest",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn label_syntax_is_strict() {
        assert_eq!(Version::parse_label("v1.0"), Some(Version(0)));
        assert_eq!(Version::parse_label("v1.31"), Some(Version(31)));
        assert_eq!(Version::parse_label("latest"), Some(Version::LATEST));
        for bad in ["1.25", "v1.25.0", "v1.025", "v1.00", "v1.", "v2.0"] {
            assert_eq!(Version::parse_label(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ranges_and_display() {
        assert_eq!(version_range(0, 38), ALL_VERSIONS);
        assert_eq!(version_range(25, 100), ALL_VERSIONS & !((1 << 25) - 1));
        assert_eq!(version_range(3, 5), 0b11000);
        assert_eq!(version_range(5, 5), 0);
        assert_eq!(Version(25).to_string(), "v1.25");
        assert_eq!(Version(50).bit(), 1 << 37);
    }
}
