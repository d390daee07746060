//! Trusted registries: the `trustedRegistries` setting of `.rampart.yaml` and how an image is
//! matched against it.
//!
//! A pattern without `/` matches the registry host: `*.azurecr.io` matches
//! `myacr.azurecr.io` (a `*` there never crosses a `/`, so `myacr.azurecr.io.evil.example` and
//! `evil.example/x.azurecr.io` do not match). A pattern with `/` matches host and repository:
//! `myregistry.example.com/team/*` matches every repository under `team/`, at any depth, and a
//! pattern without `*` after the host matches that repository or anything below it
//! (`docker.io/library` matches `docker.io/library/nginx`). Hosts compare case-insensitively.
//! An image without a registry is on Docker Hub (`nginx` is `docker.io/library/nginx`), and
//! Docker Hub's other host names (`index.docker.io`, `registry-1.docker.io`) are `docker.io`.

use std::borrow::Cow;

use crate::context::Context;
use crate::rules::pod::image::reference::ImageRef;

/// Trusted when `trustedRegistries` is not set: Azure Container Registry and the Microsoft
/// Artifact Registry.
pub const DEFAULT_TRUSTED: &[&str] = &["*.azurecr.io", "mcr.microsoft.com"];

/// The configured patterns, or the default.
pub fn trusted_patterns(ctx: &Context) -> Vec<&str> {
    match &ctx.config.trusted_registries {
        Some(list) => list.iter().map(String::as_str).collect(),
        None => DEFAULT_TRUSTED.to_vec(),
    }
}

/// An image's registry host (lower case) and repository path, as the registry names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageName<'a> {
    pub host: Cow<'a, str>,
    pub repository: Cow<'a, str>,
}

/// Lower case, Docker Hub's aliases as `docker.io`; borrowed when already canonical (patterns
/// are matched against every image).
fn canonical_host(host: &str) -> Cow<'_, str> {
    let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    };
    match &*host {
        "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => {
            Cow::Borrowed("docker.io")
        }
        _ => host,
    }
}

impl ImageName<'_> {
    /// `None` for references that are not literal (templated `$(IMAGE)`, `{{ … }}`) or empty.
    pub fn of(image: &str) -> Option<ImageName<'_>> {
        let image = image.trim();
        if image.is_empty()
            || image
                .bytes()
                .any(|b| matches!(b, b'$' | b'{' | b'}' | b' '))
        {
            return None;
        }
        let r = ImageRef::parse(image);
        let host = canonical_host(r.registry.unwrap_or("docker.io"));
        let repository = if host == "docker.io" && !r.repository.contains('/') {
            Cow::Owned(format!("library/{}", r.repository))
        } else {
            Cow::Borrowed(r.repository)
        };
        Some(ImageName { host, repository })
    }
}

/// `*` matches any run of characters (not `/` unless `cross_slash`); everything else matches
/// itself. Linear-time two-pointer matching with one backtrack point.
fn glob(pattern: &[u8], text: &[u8], cross_slash: bool) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((sp, st)) = star {
            if !cross_slash && text[st] == b'/' {
                return false;
            }
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&b| b == b'*')
}

/// Whether `pattern` (one `trustedRegistries` entry) covers `name`.
pub fn matches(pattern: &str, name: &ImageName) -> bool {
    let pattern = pattern.trim();
    let (host_pattern, path_pattern) = match pattern.split_once('/') {
        Some((h, p)) => (h, Some(p)),
        None => (pattern, None),
    };
    let host_pattern = canonical_host(host_pattern);
    if !glob(host_pattern.as_bytes(), name.host.as_bytes(), false) {
        return false;
    }
    let Some(path) = path_pattern.map(|p| p.trim_end_matches('/')) else {
        return true;
    };
    if path.is_empty() {
        return true;
    }
    if path.contains('*') {
        return glob(path.as_bytes(), name.repository.as_bytes(), true);
    }
    name.repository == path
        || name
            .repository
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whether any of `patterns` covers `name`.
pub fn is_trusted(patterns: &[&str], name: &ImageName) -> bool {
    patterns.iter().any(|p| matches(p, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(pattern: &str, image: &str) -> bool {
        matches(pattern, &ImageName::of(image).unwrap())
    }

    #[test]
    fn names_images_as_the_registry_does() {
        let n = ImageName::of("nginx:1.25").unwrap();
        assert_eq!((&*n.host, &*n.repository), ("docker.io", "library/nginx"));
        let n = ImageName::of("bitnami/redis@sha256:abc").unwrap();
        assert_eq!((&*n.host, &*n.repository), ("docker.io", "bitnami/redis"));
        let n = ImageName::of("MyACR.azurecr.io/shop/web:1.0").unwrap();
        assert_eq!((&*n.host, &*n.repository), ("myacr.azurecr.io", "shop/web"));
        let n = ImageName::of("index.docker.io/library/nginx").unwrap();
        assert_eq!(n.host, "docker.io");
        assert_eq!(ImageName::of("$(IMAGE)"), None);
        assert_eq!(ImageName::of("{{ .Values.image }}"), None);
    }

    #[test]
    fn registry_globs() {
        assert!(trusted("*.azurecr.io", "myacr.azurecr.io/web:1"));
        assert!(trusted("*.azurecr.io", "MyAcr.AzureCR.io/web:1"));
        assert!(!trusted("*.azurecr.io", "azurecr.io/web:1"));
        assert!(!trusted(
            "*.azurecr.io",
            "myacr.azurecr.io.evil.example/web:1"
        ));
        assert!(!trusted(
            "*.azurecr.io",
            "evil.example/myacr.azurecr.io/web:1"
        ));
        assert!(!trusted("*.azurecr.io", "nginx"));
        assert!(trusted(
            "mcr.microsoft.com",
            "mcr.microsoft.com/dotnet/aspnet:8.0"
        ));
        assert!(!trusted(
            "mcr.microsoft.com",
            "mcr.microsoft.com.evil.example/x"
        ));
        assert!(trusted("localhost:5000", "localhost:5000/web"));
    }

    #[test]
    fn repository_globs() {
        let p = "myregistry.example.com/team/*";
        assert!(trusted(p, "myregistry.example.com/team/web:1"));
        assert!(trusted(p, "myregistry.example.com/team/sub/web:1"));
        assert!(!trusted(p, "myregistry.example.com/teamx/web:1"));
        assert!(!trusted(p, "myregistry.example.com/other/web:1"));
        assert!(!trusted(p, "other.example.com/team/web:1"));
        assert!(trusted("docker.io/library/*", "nginx:1.25"));
        assert!(!trusted("docker.io/library/*", "bitnami/nginx:1.25"));
        assert!(trusted("docker.io/bitnami", "bitnami/nginx:1.25"));
        assert!(!trusted("docker.io/bitnami", "bitnamix/nginx:1.25"));
        assert!(trusted(
            "*.azurecr.io/shop/*",
            "prodacr.azurecr.io/shop/api:2"
        ));
    }

    #[test]
    fn glob_backtracks() {
        assert!(glob(b"a*b*c", b"axxbyyc", false));
        assert!(!glob(b"a*b*c", b"axxbyy", false));
        assert!(glob(b"*", b"", false));
        assert!(!glob(b"*.io", b"a/b.io", false));
        assert!(glob(b"*.io", b"a/b.io", true));
    }
}
