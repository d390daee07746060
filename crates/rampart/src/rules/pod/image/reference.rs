//! Container image references split into registry, repository, tag and digest.

/// `[registry/]repository[:tag][@digest]`, following the distribution reference grammar: the
/// first component is a registry only if it has a `.` or `:` or is `localhost`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    pub registry: Option<&'a str>,
    pub repository: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

impl<'a> ImageRef<'a> {
    pub fn parse(image: &'a str) -> ImageRef<'a> {
        // Byte scans: every image is parsed by several rules, and the general char searcher
        // costs more than these short strings.
        let find = |s: &str, c: u8| s.bytes().position(|b| b == c);
        let image = image.trim();
        let (name, digest) = match find(image, b'@') {
            Some(i) => (&image[..i], Some(&image[i + 1..])),
            None => (image, None),
        };
        let (registry, rest) = match find(name, b'/') {
            Some(i)
                if name[..i].bytes().any(|b| b == b'.' || b == b':')
                    || &name[..i] == "localhost" =>
            {
                (Some(&name[..i]), &name[i + 1..])
            }
            _ => (None, name),
        };
        // A colon after the last slash separates the tag (a registry port comes before a slash).
        let (repository, tag) = match rest.bytes().rposition(|b| b == b':') {
            Some(i) if find(&rest[i + 1..], b'/').is_none() => (&rest[..i], Some(&rest[i + 1..])),
            _ => (rest, None),
        };
        ImageRef {
            registry,
            repository,
            tag,
            digest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ImageRef;

    #[test]
    fn splits_references() {
        let r = ImageRef::parse("myacr.azurecr.io/shop/web:1.2@sha256:abc");
        assert_eq!(r.registry, Some("myacr.azurecr.io"));
        assert_eq!(r.repository, "shop/web");
        assert_eq!(r.tag, Some("1.2"));
        assert_eq!(r.digest, Some("sha256:abc"));
        let r = ImageRef::parse("localhost:5000/web");
        assert_eq!(r.registry, Some("localhost:5000"));
        assert_eq!(r.tag, None);
        let r = ImageRef::parse("nginx");
        assert_eq!((r.registry, r.repository, r.tag), (None, "nginx", None));
        let r = ImageRef::parse("library/redis:7");
        assert_eq!(
            (r.registry, r.repository, r.tag),
            (None, "library/redis", Some("7"))
        );
    }
}
