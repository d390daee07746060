//! Recognising credentials in configuration text.
//!
//! Three kinds of evidence, strongest first:
//!
//! 1. **Shape**: text with the structure of a known secret — a PEM private key, a JSON Web
//!    Token, an Azure Storage `AccountKey=`, a Service Bus / Event Hubs `SharedAccessKey=`, an
//!    Azure shared access signature (`sig=` next to `sv=`), a `Password=`/`Pwd=` in a
//!    connection string, a password in a URL (`scheme://user:password@host`), or a token with
//!    a vendor prefix (GitHub `ghp_`, Slack `xoxb-`, AWS `AKIA`, …). Found anywhere in a value,
//!    also inside a base64-encoded value.
//! 2. **Name**: a literal under a key whose name says it is a credential (`DB_PASSWORD`,
//!    `clientSecret`, `api-key`), also `key = value` lines inside an embedded config file.
//! 3. **Randomness**: a single token of base64 characters whose Shannon entropy is as high as
//!    that of random data of its length.
//!
//! Every check is a hand-written scan over bytes (no regular expressions): they run on every
//! ConfigMap value and every environment variable of the input. False positives are avoided
//! on purpose, at the price of some misses: references (`$(VAR)`, `${VAR}`, `{{ .Values.x }}`),
//! placeholders (`<password>`, `changeme`, `YOUR_API_KEY`, AWS's documented `…EXAMPLE` keys),
//! paths, URLs without credentials, booleans, UUIDs and hex digests are never reported.
//!
//! Nothing here keeps a secret: a [`Detection`] holds only the kind and a redacted form
//! ([`redact`]), so no report can print more than four characters of a value.

use std::fmt;

/// What a secret was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretKind {
    PrivateKey,
    Jwt,
    StorageAccountKey,
    SharedAccessKey,
    SharedAccessSignature,
    ConnectionStringPassword,
    UrlPassword,
    /// A token recognised by its vendor prefix; holds how to name it (without the prefix: a
    /// report shows at most four characters of a secret, and `github_pat_` is longer).
    VendorToken(&'static str),
    /// A literal under a credential-like key name; holds the credential word (`password`).
    NamedCredential(&'static str),
    HighEntropy,
}

impl fmt::Display for SecretKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretKind::PrivateKey => f.write_str("a private key (PEM)"),
            SecretKind::Jwt => f.write_str("a JSON Web Token"),
            SecretKind::StorageAccountKey => {
                f.write_str("an Azure Storage account key (AccountKey=)")
            }
            SecretKind::SharedAccessKey => {
                f.write_str("a Service Bus / Event Hubs shared access key (SharedAccessKey=)")
            }
            SecretKind::SharedAccessSignature => {
                f.write_str("an Azure shared access signature (sig=)")
            }
            SecretKind::ConnectionStringPassword => {
                f.write_str("a password in a connection string (Password=)")
            }
            SecretKind::UrlPassword => f.write_str("a password in a URL (user:password@host)"),
            SecretKind::VendorToken(name) => write!(f, "a {name}"),
            SecretKind::NamedCredential(word) => write!(f, "a literal {word}"),
            SecretKind::HighEntropy => f.write_str("a random-looking string (high entropy)"),
        }
    }
}

/// One secret found in a value. Holds no secret material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    pub kind: SecretKind,
    /// At most four characters of the secret ([`redact`]).
    pub shown: String,
    /// 1-based line inside the value (multi-line values are embedded files).
    pub line: usize,
    /// The key inside an embedded file that holds it (`db_password` in an `app.ini` value).
    pub embedded_key: Option<String>,
    /// Found after decoding the value from base64.
    pub base64: bool,
}

impl fmt::Display for Detection {
    /// `a literal password (line 3, key "db_password") "****"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.base64 {
            f.write_str("base64-encoded ")?;
            // "base64-encoded a JSON Web Token" reads badly: drop the article.
            let kind = self.kind.to_string();
            let kind = kind
                .strip_prefix("an ")
                .or_else(|| kind.strip_prefix("a "))
                .unwrap_or(&kind);
            f.write_str(kind)?;
        } else {
            write!(f, "{}", self.kind)?;
        }
        match (&self.embedded_key, self.line) {
            (Some(key), line) => write!(f, " (line {line}, key \"{key}\")")?,
            (None, line) if line > 1 => write!(f, " (line {line})")?,
            _ => {}
        }
        write!(f, " \"{}\"", self.shown)
    }
}

/// How a secret is shown: its first four characters when it is long enough that they give
/// little away (16 or more), else `****`.
pub fn redact(secret: &str) -> String {
    let secret = secret.trim();
    if secret.chars().count() >= 16 {
        let head: String = secret.chars().take(4).collect();
        format!("{head}…")
    } else {
        "****".to_string()
    }
}

/// Most detections reported for one value: a dump of a whole config file does not need more
/// to be fixed.
const MAX_DETECTIONS: usize = 8;

/// Everything in `value` that looks like a secret, given the `key` it is stored under (a
/// ConfigMap key or an environment variable name).
pub fn scan(key: &str, value: &str) -> Vec<Detection> {
    scan_depth(key, value, 0)
}

fn scan_depth(key: &str, value: &str, depth: u8) -> Vec<Detection> {
    let mut found = Vec::new();
    find_shaped(value, &mut found);
    if !found.is_empty() {
        found.truncate(MAX_DETECTIONS);
        return found;
    }
    let trimmed = value.trim();
    let single_line = !trimmed.contains('\n');
    if single_line {
        if let Some(word) = credential_key(key) {
            if is_literal_credential(trimmed, key) {
                found.push(Detection {
                    kind: SecretKind::NamedCredential(word),
                    shown: redact(trimmed),
                    line: 1,
                    embedded_key: None,
                    base64: false,
                });
                return found;
            }
        }
        if depth < 2 {
            if let Some(decoded) = decode_base64_text(trimmed) {
                let mut inner = scan_depth("", &decoded, depth + 1);
                if !inner.is_empty() {
                    for d in &mut inner {
                        d.base64 = true;
                        d.line = 1;
                        d.shown = redact(trimmed);
                    }
                    return inner;
                }
                // Base64 of readable text (a config snippet, a name) is not random.
                return found;
            }
        }
        if is_high_entropy(trimmed) {
            found.push(Detection {
                kind: SecretKind::HighEntropy,
                shown: redact(trimmed),
                line: 1,
                embedded_key: None,
                base64: false,
            });
            return found;
        }
    }
    find_assignments(value, &mut found);
    found.truncate(MAX_DETECTIONS);
    found
}

// ---------------------------------------------------------------------------------------------
// Key names

/// Words that name a credential, matched against a key's words (or several adjacent words run
/// together: `api_key` and `apiKey` both give `apikey`) → how a message names it.
const CREDENTIAL_WORDS: &[(&str, &str)] = &[
    ("password", "password"),
    ("passwd", "password"),
    ("pwd", "password"),
    ("passphrase", "passphrase"),
    ("secret", "secret"),
    ("token", "token"),
    ("apikey", "API key"),
    ("accesskey", "access key"),
    ("secretkey", "secret key"),
    ("privatekey", "private key"),
    ("clientsecret", "client secret"),
    ("connectionstring", "connection string"),
    ("connstring", "connection string"),
    ("connstr", "connection string"),
    ("accountkey", "account key"),
    ("sharedaccesskey", "shared access key"),
    ("masterkey", "master key"),
    ("signingkey", "signing key"),
    ("encryptionkey", "encryption key"),
    ("licensekey", "license key"),
    ("subscriptionkey", "subscription key"),
    ("credential", "credential"),
    ("credentials", "credential"),
];

/// Credential words also recognised at the end of a longer word (`dbpassword`,
/// `githubtoken`), where the key was written without separators.
const CREDENTIAL_SUFFIXES: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "secretkey",
    "privatekey",
    "connectionstring",
    "accountkey",
];

/// Words that make a credential-looking key about something else: where it is (`_FILE`,
/// `_PATH`, `_URL`, `_NAME`, `_REF`), or a property of it (`_LENGTH`, `_TTL`, `_POLICY`).
const QUALIFIERS: &[&str] = &[
    "file",
    "files",
    "path",
    "paths",
    "dir",
    "directory",
    "folder",
    "name",
    "names",
    "ref",
    "reference",
    "url",
    "uri",
    "endpoint",
    "host",
    "hostname",
    "port",
    "id",
    "length",
    "len",
    "min",
    "max",
    "minimum",
    "maximum",
    "policy",
    "policies",
    "expiry",
    "expires",
    "expiration",
    "expire",
    "ttl",
    "timeout",
    "lifetime",
    "duration",
    "age",
    "validity",
    "interval",
    "period",
    "seconds",
    "enabled",
    "enable",
    "disable",
    "disabled",
    "required",
    "require",
    "allow",
    "type",
    "kind",
    "header",
    "field",
    "env",
    "mount",
    "location",
    "version",
    "provider",
    "store",
    "class",
    "mode",
    "rotation",
    "algorithm",
    "format",
    "prefix",
    "suffix",
    "count",
    "size",
    "limit",
    "issuer",
    "audience",
    "scope",
    "scopes",
    "cache",
    "source",
    "regex",
    "pattern",
    "template",
    "label",
    "annotation",
    "reset",
    "hint",
    "prompt",
    "strength",
    "complexity",
    "history",
    "attempts",
    "retries",
    "validation",
    "generator",
    "secretref",
];

/// Splits a key into lower-case words at separators and camel-case boundaries:
/// `ORDER_DB_PASSWORD` → `order db password`, `clientSecretRef` → `client secret ref`,
/// `APIKey` → `api key`.
pub fn key_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = key.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            // aB → a|B; ABc → A|Bc; AB → AB.
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                words.push(std::mem::take(&mut current));
            }
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The credential a key name designates (`password`, `API key`, …), or `None`. Keys that are
/// about a credential rather than hold one (`PASSWORD_FILE`, `secretName`, `tokenUrl`,
/// `AWS_ACCESS_KEY_ID`) give `None`.
pub fn credential_key(key: &str) -> Option<&'static str> {
    // Every credential word contains one of these stems: most keys are ruled out without
    // allocating. Keys are looked at two bytes at a time; `| 0x20` lower-cases a letter and
    // turns no other byte into one.
    fn stems(pair: [u8; 2]) -> &'static [&'static [u8]] {
        match &pair {
            b"pa" => &[b"pass"],
            b"pw" => &[b"pwd"],
            b"se" => &[b"secret"],
            b"to" => &[b"token"],
            b"ke" => &[b"key"],
            b"cr" => &[b"credential"],
            b"co" => &[b"connstr", b"connectionstring"],
            _ => &[],
        }
    }
    let bytes = key.as_bytes();
    let has_stem = bytes.windows(2).enumerate().any(|(i, pair)| {
        stems([pair[0] | 0x20, pair[1] | 0x20]).iter().any(|stem| {
            bytes
                .get(i..i + stem.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(stem))
        })
    });
    if !has_stem {
        return None;
    }
    let words = key_words(key);
    if words.is_empty() || words.iter().any(|w| QUALIFIERS.contains(&w.as_str())) {
        return None;
    }
    // `pass` alone is too common a word; as the last word (RABBITMQ_DEFAULT_PASS) it is the
    // password.
    if words.last().is_some_and(|w| w == "pass") {
        return Some("password");
    }
    for start in 0..words.len() {
        let mut joined = String::new();
        for w in words.iter().skip(start).take(3) {
            joined.push_str(w);
            if let Some((_, name)) = CREDENTIAL_WORDS.iter().find(|(k, _)| *k == joined) {
                return Some(name);
            }
        }
    }
    for w in &words {
        for suffix in CREDENTIAL_SUFFIXES {
            if w.len() > suffix.len() && w.ends_with(suffix) {
                let name = CREDENTIAL_WORDS
                    .iter()
                    .find(|(k, _)| k == suffix)
                    .map_or("credential", |(_, n)| n);
                return Some(name);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Literal values

/// Whether `value` (already trimmed), found under `key`, is a literal credential rather than a
/// reference, a placeholder, a switch, a location or the name of a Secret object.
pub fn is_literal_credential(value: &str, key: &str) -> bool {
    if value.is_empty() || value.len() > 4096 || is_placeholder(value) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "enabled" | "disabled"
    ) {
        return false;
    }
    if value.starts_with('/')
        || value.starts_with("./")
        || value.starts_with("../")
        || value.starts_with("~/")
        || is_windows_path(value)
        || value.contains("://")
    {
        return false;
    }
    // `secret: my-app-secret` or `DB_PASSWORD_SECRET: orders-db` names a Secret object more
    // often than it holds one.
    if key.to_ascii_lowercase().contains("secret")
        && is_dns_name(value)
        && value.contains(['-', '.'])
    {
        return false;
    }
    true
}

fn is_windows_path(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/')
}

/// A Kubernetes object name (DNS-1123 subdomain).
fn is_dns_name(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 253
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && v.as_bytes()[0].is_ascii_alphanumeric()
}

/// Whole-value placeholders, after lower-casing and removing separators.
const PLACEHOLDER_WORDS: &[&str] = &[
    "changeme",
    "changeit",
    "replaceme",
    "redacted",
    "placeholder",
    "todo",
    "tbd",
    "tba",
    "fixme",
    "none",
    "null",
    "nil",
    "undefined",
    "empty",
    "dummy",
    "notset",
    "unset",
    "secretvalue",
    "mask",
    "masked",
    "hidden",
];

/// Prefixes and suffixes of placeholders (`your-api-key`, `insert_token_here`).
const PLACEHOLDER_PREFIXES: &[&str] = &[
    "your",
    "insert",
    "replace",
    "changeme",
    "fillin",
    "enteryour",
];
const PLACEHOLDER_SUFFIXES: &[&str] = &["here", "goeshere"];

/// A reference to a value defined elsewhere, or text standing in for a value.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    // Kubernetes `$(VAR)`, shell `${VAR}`, Helm/Jinja `{{ }}`, Azure DevOps `#{Var}#`,
    // Python `%(name)s`, App Service `@Microsoft.KeyVault(...)`.
    if ["$(", "${", "{{", "#{", "%(", "@Microsoft.KeyVault("]
        .iter()
        .any(|m| v.contains(m))
    {
        return true;
    }
    // Shell `$VAR`, Argo CD `$oidc.azure.clientSecret`: a `$` and a name.
    if v.len() > 1
        && v.starts_with('$')
        && v[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
    {
        return true;
    }
    let first = v.as_bytes()[0];
    let last = v.as_bytes()[v.len() - 1];
    if (first == b'<' && last == b'>')
        || (first == b'[' && last == b']')
        || (v.len() > 1 && first == b'%' && last == b'%')
        || (v.len() > 4 && v.starts_with("__") && v.ends_with("__"))
    {
        return true;
    }
    let mut chars = v.chars();
    if let Some(c) = chars.next() {
        if chars.all(|d| d == c) {
            return true;
        }
    }
    // UPPER_SNAKE_CASE names another variable or is a fill-in marker (GOOGLE_API_KEY_VAL).
    if v.contains('_')
        && first.is_ascii_uppercase()
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return true;
    }
    let norm: String = v
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if norm.is_empty() {
        return true;
    }
    PLACEHOLDER_WORDS.contains(&norm.as_str())
        || PLACEHOLDER_PREFIXES.iter().any(|p| norm.starts_with(p))
        || PLACEHOLDER_SUFFIXES.iter().any(|s| norm.ends_with(s) && norm.len() > s.len() + 3)
        // Documentation keys such as AWS's AKIAIOSFODNN7EXAMPLE.
        || norm.contains("example")
}

// ---------------------------------------------------------------------------------------------
// Shapes

/// Which bytes occur in a text: one pass decides which shape searches can match at all, so
/// most values (ports, names, flags) cost a single scan.
struct ByteSet([u64; 4]);

impl ByteSet {
    fn of(text: &str) -> ByteSet {
        let mut set = [0u64; 4];
        for b in text.bytes() {
            set[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        ByteSet(set)
    }

    fn has(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

/// Shortest text any shape can match (`AKIA` and 16 characters).
const SHAPE_MIN_LEN: usize = 20;

fn find_shaped(text: &str, out: &mut Vec<Detection>) {
    if text.len() < SHAPE_MIN_LEN {
        return;
    }
    let bytes = ByteSet::of(text);
    if bytes.has(b'-') && bytes.has(b'K') {
        find_private_keys(text, out);
    }
    if bytes.has(b'.') && bytes.has(b'J') {
        find_jwts(text, out);
    }
    if bytes.has(b';') && bytes.has(b'=') {
        find_connection_string_secrets(text, out);
    }
    if bytes.has(b'=') && (bytes.has(b'&') || bytes.has(b'?') || bytes.has(b';')) {
        find_sas_signatures(text, out);
    }
    if bytes.has(b'@') && bytes.has(b':') {
        find_url_passwords(text, out);
    }
    find_vendor_tokens(text, out);
    out.sort_by_key(|d| d.line);
    out.dedup_by(|a, b| a.kind == b.kind && a.line == b.line);
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn detection(text: &str, at: usize, kind: SecretKind, secret: &str) -> Detection {
    Detection {
        kind,
        shown: redact(secret),
        line: line_of(text, at),
        embedded_key: None,
        base64: false,
    }
}

fn is_base64_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')
}

/// `-----BEGIN … PRIVATE KEY-----` (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8) or a PGP private
/// key block, followed by key material (a header alone, in documentation, is not a key).
fn find_private_keys(text: &str, out: &mut Vec<Detection>) {
    for (at, _) in text.match_indices("-----BEGIN ") {
        let rest = &text[at + 11..];
        let Some(end) = rest.find("-----") else {
            continue;
        };
        let label = &rest[..end];
        if label.len() > 40 || !(label.ends_with("PRIVATE KEY") || label == "PGP PRIVATE KEY BLOCK")
        {
            continue;
        }
        let body = &rest[end + 5..];
        let body_end = body.find("-----").unwrap_or(body.len());
        // Inside JSON (a cloud service-account key file) the line breaks are `\n` escapes.
        let body = body[..body_end].replace("\\n", "\n");
        let material: String = body
            .lines()
            .filter(|l| !l.contains(':'))
            .flat_map(|l| l.trim().chars())
            .collect();
        if material.len() >= 32 && material.bytes().all(is_base64_byte) {
            out.push(detection(text, at, SecretKind::PrivateKey, &material));
        }
    }
}

/// Standard or URL-safe base64, padding optional. `None` when `s` is not base64.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover sextet cannot come from an encoder.
    if bits >= 6 {
        return None;
    }
    Some(out)
}

/// The text a single-token base64 value encodes, when it is readable text (not binary).
fn decode_base64_text(value: &str) -> Option<String> {
    if value.len() < 16 || value.len() > 64 * 1024 || !value.bytes().all(is_base64_byte) {
        return None;
    }
    // Mixed alphabets are not one encoding.
    if value.contains(['+', '/']) && value.contains(['-', '_']) {
        return None;
    }
    let decoded = String::from_utf8(decode_base64(value)?).ok()?;
    let printable = decoded
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    printable.then_some(decoded)
}

/// `header.payload.signature`, each base64url, the header a JSON object with `alg`.
fn find_jwts(text: &str, out: &mut Vec<Detection>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("eyJ") {
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let is_url64 = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        let mut end = at;
        let mut segments = [0usize; 3];
        let mut seg = 0;
        let mut start = at;
        while end < bytes.len() {
            let b = bytes[end];
            if is_url64(b) {
                end += 1;
            } else if b == b'.' && seg < 2 {
                segments[seg] = end - start;
                seg += 1;
                end += 1;
                start = end;
            } else {
                break;
            }
        }
        if seg != 2 {
            continue;
        }
        segments[2] = end - start;
        if segments[0] < 10 || segments[1] < 10 || segments[2] < 16 {
            continue;
        }
        let header = &text[at..at + segments[0]];
        let Some(decoded) = decode_base64(header) else {
            continue;
        };
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&decoded) else {
            continue;
        };
        if json.get("alg").is_some() {
            out.push(detection(text, at, SecretKind::Jwt, &text[at..end]));
        }
    }
}

/// Keys that make a `;`-separated line a connection string (ADO.NET, ODBC, JDBC-ish, libpq
/// keyword form).
const CONNECTION_KEYS: &[&str] = &[
    "server",
    "data source",
    "datasource",
    "host",
    "hostname",
    "address",
    "addr",
    "database",
    "initial catalog",
    "user id",
    "userid",
    "uid",
    "user",
    "username",
    "port",
    "accountname",
    "endpoint",
    "defaultendpointsprotocol",
    "sharedaccesskeyname",
    "entitypath",
];

/// The key of a `key=value` pair: the run of letters, digits, spaces and `_` right before `=`.
fn key_before(line: &str, eq: usize) -> &str {
    let bytes = line.as_bytes();
    let mut start = eq;
    while start > 0 {
        let b = bytes[start - 1];
        if b.is_ascii_alphanumeric() || b == b' ' || b == b'_' {
            start -= 1;
        } else {
            break;
        }
    }
    line[start..eq].trim()
}

/// The value of a `key=value` pair: quoted (`'…'`, `"…"`, `{…}`) or up to `;`, a quote or the
/// end of the line.
fn value_after(line: &str, eq: usize) -> &str {
    let rest = &line[eq + 1..];
    let trimmed = rest.trim_start();
    let offset = rest.len() - trimmed.len();
    let close = match trimmed.as_bytes().first() {
        Some(b'\'') => Some('\''),
        Some(b'{') => Some('}'),
        _ => None,
    };
    if let Some(close) = close {
        let inner = &trimmed[1..];
        return &inner[..inner.find(close).unwrap_or(inner.len())];
    }
    let rest = &rest[offset..];
    let end = rest
        .find([';', '"', '\'', '\n', '\r'])
        .unwrap_or(rest.len());
    rest[..end].trim()
}

fn find_connection_string_secrets(text: &str, out: &mut Vec<Detection>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if !line.contains(';') || !line.contains('=') {
            continue;
        }
        let mut pairs: Vec<(String, &str, usize)> = Vec::new();
        for (eq, _) in line.match_indices('=') {
            let key = key_before(line, eq);
            if key.is_empty() {
                continue;
            }
            pairs.push((key.to_ascii_lowercase(), value_after(line, eq), eq));
        }
        let has_context = |except: &str| {
            pairs
                .iter()
                .any(|(k, _, _)| k != except && CONNECTION_KEYS.contains(&k.as_str()))
        };
        for (key, value, eq) in &pairs {
            let kind = match key.as_str() {
                "accountkey" => SecretKind::StorageAccountKey,
                "sharedaccesskey" => SecretKind::SharedAccessKey,
                "password" | "pwd" => SecretKind::ConnectionStringPassword,
                _ => continue,
            };
            let literal = match kind {
                SecretKind::ConnectionStringPassword => {
                    has_context(key) && is_literal_credential(value, "password")
                }
                _ => {
                    value.len() >= 20 && value.bytes().all(is_base64_byte) && !is_placeholder(value)
                }
            };
            if literal {
                out.push(detection(text, line_start + eq, kind, value));
            }
        }
    }
}

/// An Azure SAS: `sig=` in a query or connection string that also has `sv=` (service version)
/// or `se=` (expiry).
fn find_sas_signatures(text: &str, out: &mut Vec<Detection>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("sig=") {
        if at == 0 || !matches!(bytes[at - 1], b'&' | b'?' | b';') {
            continue;
        }
        let value_start = at + 4;
        let len = bytes[value_start..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'%' | b'+' | b'/' | b'='))
            .count();
        if len < 20 {
            continue;
        }
        // The rest of the query: same line, before whitespace or a quote.
        let line_start = text[..at]
            .rfind(['\n', ' ', '"', '\''])
            .map_or(0, |p| p + 1);
        let line_end = text[at..]
            .find(['\n', ' ', '"', '\''])
            .map_or(text.len(), |p| at + p);
        let query = &text[line_start..line_end];
        if query.contains("sv=") || query.contains("se=") {
            let value = &text[value_start..value_start + len];
            out.push(detection(
                text,
                at,
                SecretKind::SharedAccessSignature,
                value,
            ));
        }
    }
}

/// `scheme://user:password@host`: the password, when it is a literal.
fn find_url_passwords(text: &str, out: &mut Vec<Detection>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("://") {
        let scheme_len = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
            .count();
        if scheme_len == 0 {
            continue;
        }
        let rest = &text[at + 3..];
        let authority_end = rest
            .find(['/', '?', '#', ' ', '\n', '\t', '"', '\'', '`', '<', '>'])
            .unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        let Some(at_sign) = authority.rfind('@') else {
            continue;
        };
        let Some((user, password)) = authority[..at_sign].split_once(':') else {
            continue;
        };
        let host = &authority[at_sign + 1..];
        if user.is_empty() || host.is_empty() || !is_literal_credential(password, "password") {
            continue;
        }
        let pw_at = at + 3 + user.len() + 1;
        out.push(detection(text, pw_at, SecretKind::UrlPassword, password));
    }
}

/// Vendor token formats: prefix, allowed body characters, shortest and longest body.
struct TokenFormat {
    prefix: &'static str,
    name: &'static str,
    body: fn(u8) -> bool,
    min: usize,
    max: usize,
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}
fn alnum_underscore(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
fn alnum_dash_underscore(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}
fn alnum_dash(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}
fn upper_digit(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

const TOKEN_FORMATS: &[TokenFormat] = &[
    TokenFormat {
        prefix: "ghp_",
        name: "GitHub personal access token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenFormat {
        prefix: "gho_",
        name: "GitHub OAuth token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenFormat {
        prefix: "ghu_",
        name: "GitHub user-to-server token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenFormat {
        prefix: "ghs_",
        name: "GitHub server-to-server token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenFormat {
        prefix: "ghr_",
        name: "GitHub refresh token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenFormat {
        prefix: "github_pat_",
        name: "GitHub fine-grained token",
        body: alnum_underscore,
        min: 22,
        max: 255,
    },
    TokenFormat {
        prefix: "glpat-",
        name: "GitLab personal access token",
        body: alnum_dash_underscore,
        min: 20,
        max: 64,
    },
    TokenFormat {
        prefix: "xoxb-",
        name: "Slack bot token",
        body: alnum_dash,
        min: 20,
        max: 255,
    },
    TokenFormat {
        prefix: "xoxp-",
        name: "Slack user token",
        body: alnum_dash,
        min: 20,
        max: 255,
    },
    TokenFormat {
        prefix: "xoxa-",
        name: "Slack app token",
        body: alnum_dash,
        min: 20,
        max: 255,
    },
    TokenFormat {
        prefix: "xoxr-",
        name: "Slack refresh token",
        body: alnum_dash,
        min: 20,
        max: 255,
    },
    TokenFormat {
        prefix: "xoxe-",
        name: "Slack token",
        body: alnum_dash,
        min: 20,
        max: 255,
    },
    TokenFormat {
        prefix: "AKIA",
        name: "AWS access key id",
        body: upper_digit,
        min: 16,
        max: 16,
    },
    TokenFormat {
        prefix: "ASIA",
        name: "AWS temporary access key id",
        body: upper_digit,
        min: 16,
        max: 16,
    },
    TokenFormat {
        prefix: "AIza",
        name: "Google API key",
        body: alnum_dash_underscore,
        min: 35,
        max: 35,
    },
    TokenFormat {
        prefix: "sk_live_",
        name: "Stripe secret key",
        body: alnum,
        min: 24,
        max: 255,
    },
    TokenFormat {
        prefix: "rk_live_",
        name: "Stripe restricted key",
        body: alnum,
        min: 24,
        max: 255,
    },
    TokenFormat {
        prefix: "npm_",
        name: "npm access token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenFormat {
        prefix: "dckr_pat_",
        name: "Docker Hub access token",
        body: alnum_dash_underscore,
        min: 20,
        max: 64,
    },
    TokenFormat {
        prefix: "pypi-",
        name: "PyPI API token",
        body: alnum_dash_underscore,
        min: 50,
        max: 512,
    },
];

/// One pass over the text: a prefix ends in `_` or `-` (looked up backwards from there) or is
/// one of the `A…` four-letter prefixes.
fn find_vendor_tokens(text: &str, out: &mut Vec<Detection>) {
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let b = bytes[i];
        if !matches!(b, b'_' | b'-' | b'A') {
            continue;
        }
        for format in TOKEN_FORMATS {
            let p = format.prefix.as_bytes();
            let at = if b == b'A' {
                if p[0] != b'A' || !bytes[i..].starts_with(p) {
                    continue;
                }
                i
            } else {
                if p[p.len() - 1] != b || i + 1 < p.len() || &bytes[i + 1 - p.len()..=i] != p {
                    continue;
                }
                i + 1 - p.len()
            };
            check_token(text, at, format, out);
        }
    }
}

fn check_token(text: &str, at: usize, format: &TokenFormat, out: &mut Vec<Detection>) {
    let bytes = text.as_bytes();
    if at > 0 && alnum_underscore(bytes[at - 1]) {
        return;
    }
    let body_start = at + format.prefix.len();
    let len = bytes[body_start..]
        .iter()
        .take_while(|&&b| (format.body)(b))
        .count();
    // The token must end where its format ends, not run into a longer word.
    let next = bytes.get(body_start + len).copied();
    if len < format.min || len > format.max || next.is_some_and(alnum) {
        return;
    }
    let token = &text[at..body_start + len];
    if is_placeholder(token) {
        return;
    }
    out.push(detection(
        text,
        at,
        SecretKind::VendorToken(format.name),
        token,
    ));
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// Shannon entropy of `s` in bits per character.
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Shortest token judged on randomness alone.
pub const ENTROPY_MIN_LEN: usize = 24;

/// The entropy a token of `len` base64 characters needs: about the 1st percentile of random
/// base64 strings of that length (a short string cannot reach log2(64) = 6 bits: it has too few
/// characters to use the whole alphabet), capped at 4.5 bits.
pub fn entropy_threshold(len: usize) -> f64 {
    let n = len as f64;
    (n.log2() - 0.7 - (n - 20.0) / 100.0).min(4.5)
}

/// A single token that looks like random key material: base64 characters only, at least
/// [`ENTROPY_MIN_LEN`] long, upper case, lower case and digits mixed the way random data mixes
/// them, and entropy above [`entropy_threshold`]. Hex strings (digests, commit ids), UUIDs,
/// paths, URLs, dotted names and camel-case identifiers do not qualify.
pub fn is_high_entropy(token: &str) -> bool {
    let len = token.len();
    if !(ENTROPY_MIN_LEN..=1024).contains(&len) || !token.bytes().all(is_base64_byte) {
        return false;
    }
    let body = token.trim_end_matches('=');
    if body.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
        return false;
    }
    let (mut upper, mut lower, mut digit) = (0, 0, 0);
    for b in body.bytes() {
        upper += usize::from(b.is_ascii_uppercase());
        lower += usize::from(b.is_ascii_lowercase());
        digit += usize::from(b.is_ascii_digit());
    }
    if upper < 2 || lower < 2 || digit < 2 {
        return false;
    }
    // Paths in base64's alphabet (`a/b/c`): words between slashes.
    if body.matches('/').count() >= 2 && body.split('/').all(|seg| seg.len() < 24) {
        let wordy = body.split('/').filter(|s| !s.is_empty()).all(|s| {
            s.bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
        });
        if wordy {
            return false;
        }
    }
    // Identifiers are made of words: long runs of lower-case letters. Random base64 has lower
    // case runs of under 2 characters on average; camel case has 4 to 8.
    let (mut runs, mut run_chars, mut in_run) = (0usize, 0usize, false);
    for b in body.bytes() {
        if b.is_ascii_lowercase() {
            run_chars += 1;
            if !in_run {
                runs += 1;
                in_run = true;
            }
        } else {
            in_run = false;
        }
    }
    if runs > 0 && run_chars as f64 / runs as f64 >= 3.5 {
        return false;
    }
    shannon_entropy(body) >= entropy_threshold(body.len())
}

// ---------------------------------------------------------------------------------------------
// Embedded files

/// `key = value`, `key: value` and `"key": "value"` lines of an embedded config file whose key
/// names a credential and whose value is a literal.
fn find_assignments(text: &str, out: &mut Vec<Detection>) {
    for (i, raw) in text.lines().enumerate() {
        if out.len() >= MAX_DETECTIONS {
            return;
        }
        let Some((key, value)) = split_assignment(raw) else {
            continue;
        };
        let Some(word) = credential_key(key) else {
            continue;
        };
        if !is_literal_credential(value, key) {
            continue;
        }
        out.push(Detection {
            kind: SecretKind::NamedCredential(word),
            shown: redact(value),
            line: i + 1,
            embedded_key: Some(key.to_string()),
            base64: false,
        });
    }
}

fn split_assignment(line: &str) -> Option<(&str, &str)> {
    let mut l = line.trim_start();
    for prefix in ["- ", "export "] {
        l = l.strip_prefix(prefix).unwrap_or(l);
    }
    if l.starts_with(['#', ';', '/', '*', '<']) {
        return None;
    }
    let bytes = l.as_bytes();
    let sep = bytes.iter().position(|&b| b == b'=' || b == b':')?;
    // `key: value` (YAML, JSON) needs a space or quote after the colon; `http://` does not count.
    if bytes[sep] == b':' && !matches!(bytes.get(sep + 1), None | Some(b' ' | b'\t' | b'"' | b'\''))
    {
        return None;
    }
    let key = l[..sep].trim().trim_matches(['"', '\'']);
    if key.is_empty()
        || key.len() > 64
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b' '))
    {
        return None;
    }
    let mut value = l[sep + 1..].trim();
    value = value.strip_suffix(',').unwrap_or(value).trim_end();
    let quoted = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    if quoted {
        value = &value[1..value.len() - 1];
    } else if let Some(p) = value.find(" #") {
        value = value[..p].trim_end();
    }
    // A nested block (`password:` then an indented mapping), an inline structure, or prose
    // (`password = on; then restart`): passwords in config files are single tokens.
    if value.is_empty()
        || value.starts_with(['{', '[', '|', '>'])
        || value.contains(char::is_whitespace)
    {
        return None;
    }
    Some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(key: &str, value: &str) -> Vec<SecretKind> {
        scan(key, value).into_iter().map(|d| d.kind).collect()
    }

    #[test]
    fn key_words_split_separators_and_camel_case() {
        assert_eq!(key_words("ORDER_DB_PASSWORD"), ["order", "db", "password"]);
        assert_eq!(key_words("clientSecretRef"), ["client", "secret", "ref"]);
        assert_eq!(key_words("APIKey"), ["api", "key"]);
        assert_eq!(
            key_words("storage.account-key"),
            ["storage", "account", "key"]
        );
        assert_eq!(key_words("db2Password"), ["db2", "password"]);
    }

    #[test]
    fn credential_key_names() {
        for (key, word) in [
            ("password", "password"),
            ("DB_PASSWORD", "password"),
            ("MYSQL_ROOT_PASSWORD", "password"),
            ("dbPassword", "password"),
            ("dbpassword", "password"),
            ("db.passwd", "password"),
            ("PWD", "password"),
            ("RABBITMQ_DEFAULT_PASS", "password"),
            ("client_secret", "client secret"),
            ("clientSecret", "client secret"),
            ("SECRET_KEY", "secret"),
            ("GITHUB_TOKEN", "token"),
            ("access-token", "token"),
            ("refresh_token", "token"),
            ("apikey", "API key"),
            ("API_KEY", "API key"),
            ("x-api-key", "API key"),
            ("ApiKey", "API key"),
            (
                "ConnectionStrings__Default__ConnectionString",
                "connection string",
            ),
            ("connectionString", "connection string"),
            ("AZURE_STORAGE_ACCOUNT_KEY", "account key"),
            ("private_key", "private key"),
            ("privateKey", "private key"),
            ("MINIO_ACCESS_KEY", "access key"),
        ] {
            assert_eq!(credential_key(key), Some(word), "{key}");
        }
        for key in [
            "PASSWORD_FILE",
            "password_file",
            "secretName",
            "secret-name",
            "ALLOYDB_SECRET_NAME",
            "tokenUrl",
            "TOKEN_ENDPOINT",
            "AWS_ACCESS_KEY_ID",
            "min_password_length",
            "ALLOW_EMPTY_PASSWORD",
            "token_ttl",
            "secretKeyRef",
            "KUBERNETES_CA_CERTIFICATE_FILE",
            "tokenizer",
            "PASS_THROUGH",
            "passport",
            "keyvaultName",
            "ORDER_QUEUE_USERNAME",
            "monkey",
            "secretary_email",
        ] {
            assert_eq!(credential_key(key), None, "{key}");
        }
    }

    #[test]
    fn placeholders_and_references_are_not_credentials() {
        for v in [
            "",
            "$(DB_PASSWORD)",
            "${DB_PASSWORD}",
            "{{ .Values.db.password }}",
            "#{DbPassword}#",
            "<your-password>",
            "<password>",
            "[REDACTED]",
            "%DB_PASSWORD%",
            "********",
            "xxxxxxxx",
            "changeme",
            "CHANGE_ME",
            "replace-me",
            "yourpassword",
            "your-api-key-here",
            "INSERT_ETCD_DISCOVERY_TOKEN",
            "GOOGLE_API_KEY_VAL",
            "AKIAIOSFODNN7EXAMPLE",
            "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)",
        ] {
            assert!(is_placeholder(v), "{v:?} is a placeholder");
        }
        for v in [
            "hunter2",
            "password",
            "supersecret",
            "minio123",
            "c-krit",
            "1234",
        ] {
            assert!(!is_placeholder(v), "{v:?} is a literal");
        }
        assert!(!is_literal_credential("/etc/secrets/db", "password"));
        assert!(!is_literal_credential("C:\\secrets\\db.txt", "password"));
        assert!(!is_literal_credential("true", "password"));
        assert!(!is_literal_credential(
            "https://login.example.com/token",
            "token"
        ));
        assert!(!is_literal_credential("my-app-secret", "secret"));
        assert!(!is_literal_credential("orders-db", "DB_PASSWORD_SECRET"));
        assert!(is_literal_credential("my-app-password", "password"));
        assert!(is_placeholder("$oidc.azure.clientSecret"));
        assert!(is_placeholder("$DB_PASSWORD"));
        assert!(!is_placeholder("$ecr3t!Pass"));
    }

    #[test]
    fn named_credentials() {
        assert_eq!(
            kinds("DB_PASSWORD", "Tr0ub4dor&3"),
            [SecretKind::NamedCredential("password")]
        );
        assert_eq!(kinds("DB_PASSWORD", "$(DB_PASSWORD)"), []);
        assert_eq!(kinds("DB_PASSWORD", ""), []);
        assert_eq!(kinds("DB_PASSWORD_FILE", "/run/secrets/db"), []);
        assert_eq!(kinds("ORDER_QUEUE_HOSTNAME", "rabbitmq"), []);
    }

    #[test]
    fn azure_storage_connection_string() {
        let v = "DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=q9Zk2vJ0m1Rr8TfYwXb3Lp6Hc4Dn7Ge5Sa0Uo2Ki9Nj1Mh8Vt3Wy6Bx4Cz7Ef5Gd0Ha2Ib9Jc1Kd8Le3Mf6Ng4Oh7Pi5Qj0Rk==;EndpointSuffix=core.windows.net";
        let found = scan("STORAGE", v);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, SecretKind::StorageAccountKey);
        assert_eq!(found[0].shown, "q9Zk…");
        // A placeholder key is not a key.
        let v = "DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=<storage-account-key>;EndpointSuffix=core.windows.net";
        assert_eq!(kinds("STORAGE", v), []);
    }

    #[test]
    fn service_bus_and_sas() {
        let v = "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=";
        assert_eq!(kinds("SB", v), [SecretKind::SharedAccessKey]);
        let v = "https://shopdata.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&spr=https&sig=Xb7kQ2%2Bv9LmN4pR8tY1wZ3aC6dE0fG5hJ7kL9mN2oP4%3D";
        assert_eq!(kinds("EXPORT_URL", v), [SecretKind::SharedAccessSignature]);
        // `sig=` without the SAS query fields is something else.
        assert_eq!(
            kinds("X", "https://example.org/?sig=abcdefghijklmnopqrstuvwxyz"),
            []
        );
    }

    #[test]
    fn sql_connection_strings() {
        let v = "Server=tcp:shop.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=Xq7!vR2#pL9z;Encrypt=True;";
        assert_eq!(
            kinds("ORDERS_DB", v),
            [SecretKind::ConnectionStringPassword]
        );
        let v = "Data Source=db;Database=orders;Uid=app;Pwd='p;w0rd';";
        let found = scan("DB", v);
        assert_eq!(found[0].kind, SecretKind::ConnectionStringPassword);
        assert_eq!(found[0].shown, "****");
        // Integrated security or a reference: no literal password.
        let v = "Server=db;Database=orders;Authentication=Active Directory Default;";
        assert_eq!(kinds("DB", v), []);
        let v = "Server=db;Database=orders;User ID=app;Password=${DB_PASSWORD};";
        assert_eq!(kinds("DB", v), []);
        // Prose with a `password=` and a semicolon is not a connection string.
        assert_eq!(kinds("NOTE", "set password=on; then restart"), []);
        // Inside a JSON settings file.
        let v = "{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Server=db;Database=orders;User Id=app;Password=Zr8#kQ1!wE5m;\"\n  }\n}\n";
        let found = scan("appsettings.json", v);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, SecretKind::ConnectionStringPassword);
        assert_eq!(found[0].line, 3);
    }

    #[test]
    fn url_passwords() {
        assert_eq!(
            kinds("BROKER", "amqp://shop:Kx9vQ2mL@rabbitmq:5672/"),
            [SecretKind::UrlPassword]
        );
        assert_eq!(
            kinds(
                "MONGO",
                "mongodb+srv://app:w7Rt%40x2@cluster0.example.net/orders"
            ),
            [SecretKind::UrlPassword]
        );
        assert_eq!(kinds("BROKER", "amqp://rabbitmq:5672"), []);
        assert_eq!(
            kinds("BROKER", "amqp://shop:$(BROKER_PASSWORD)@rabbitmq:5672"),
            []
        );
        assert_eq!(kinds("URL", "https://user@example.org/path"), []);
    }

    #[test]
    fn private_keys() {
        let v = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF\nq2cW3kQ7VtxqZ8ml9bMhAiE8aT4RjIVOLxDiPRpcQOz7M1sCC2Z0d2RsMRiN7b9E\n-----END RSA PRIVATE KEY-----\n";
        let found = scan("tls.key", v);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, SecretKind::PrivateKey);
        assert_eq!(found[0].shown, "MIIE…");
        // A public certificate, or a header in documentation, is not a private key.
        assert_eq!(
            kinds("ca.crt", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n"),
            []
        );
        assert_eq!(
            kinds(
                "README",
                "Keys start with -----BEGIN PRIVATE KEY----- and end..."
            ),
            []
        );
        // A service-account key file: the PEM sits in a JSON string with `\n` escapes.
        let json = "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\nq2cW3kQ7VtxqZ8ml9bMhAiE8aT4RjIVOLxDiPRpcQOz7M1sCC2Z0\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"export@shop.iam.example.com\"\n}\n";
        assert_eq!(kinds("key.json", json), [SecretKind::PrivateKey]);
    }

    #[test]
    fn jwts() {
        // {"alg":"HS256","typ":"JWT"}.{"sub":"1234567890","name":"shop"}.signature
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6InNob3AifQ.Qm9ndXNTaWduYXR1cmVGb3JUZXN0aW5nT25seTEyMzQ";
        assert_eq!(kinds("X", jwt), [SecretKind::Jwt]);
        assert_eq!(kinds("AUTH", &format!("Bearer {jwt}")), [SecretKind::Jwt]);
        // Three base64url segments whose header is not JSON with `alg`.
        assert_eq!(
            kinds(
                "X",
                "eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl"
            ),
            []
        );
        assert_eq!(kinds("X", "eyJhbGciOiJIUzI1NiJ9.short"), []);
    }

    #[test]
    fn vendor_tokens() {
        assert_eq!(
            kinds("X", "ghp_Ab3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5"),
            [SecretKind::VendorToken("GitHub personal access token")]
        );
        assert_eq!(
            kinds("X", "token: xoxb-2048-1234567890-AbCdEfGhIjKlMnOpQrStUvWx"),
            [SecretKind::VendorToken("Slack bot token")]
        );
        assert_eq!(
            kinds("X", "AKIAZ7Q3M5R2T8V4W6Y9"),
            [SecretKind::VendorToken("AWS access key id")]
        );
        // AWS's documentation key, a too-short body and a longer word are not tokens.
        assert_eq!(kinds("X", "AKIAIOSFODNN7EXAMPLE"), []);
        assert_eq!(kinds("X", "ghp_short"), []);
        assert_eq!(kinds("X", "AKIAZ7Q3M5R2T8V4W6Y9Z"), []);
        assert!(!kinds("X", "xghp_Ab3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5")
            .iter()
            .any(|k| matches!(k, SecretKind::VendorToken(_))));
    }

    #[test]
    fn every_token_format_is_found() {
        for format in TOKEN_FORMATS {
            let p = format.prefix.as_bytes();
            // What find_vendor_tokens relies on to find the prefix in one pass.
            assert!(
                p[0] == b'A' || matches!(p[p.len() - 1], b'_' | b'-'),
                "{}",
                format.prefix
            );
            let alphabet: Vec<u8> = b"B7kQ2x"
                .iter()
                .copied()
                .filter(|&b| (format.body)(b))
                .collect();
            let body: String = (0..format.min)
                .map(|i| char::from(alphabet[i % alphabet.len()]))
                .collect();
            let token = format!("{}{body}", format.prefix);
            assert_eq!(
                kinds("X", &format!("value: {token}\n")),
                [SecretKind::VendorToken(format.name)],
                "{token}"
            );
        }
    }

    #[test]
    fn entropy_thresholds() {
        assert!(entropy_threshold(24) < entropy_threshold(40));
        assert!((entropy_threshold(200) - 4.5).abs() < f64::EPSILON);
        assert!(shannon_entropy("aaaa") < 0.001);
        assert!((shannon_entropy("abcd") - 2.0).abs() < 1e-9);
        // Random key material: a 32-byte key in base64, an Azure-style 64-byte key.
        assert!(is_high_entropy(
            "q3J8vN0xY2mB7kR4tW9zL1cF6hD5sG0a+P3eU8iO2nA="
        ));
        assert!(is_high_entropy("xIF1zJbnnojFLMSkBp50mx02rHsMK2sjU7mFt4L13hoB7drAaJ8jD6+A443jJogV7y2FUOhQCWPmM6YaNHy7qg=="));
        // Not random: too short, identifiers, hex digests, UUIDs, paths, versions.
        assert!(!is_high_entropy("q3J8vN0xY2mB7kR4tW9"));
        assert!(!is_high_entropy("ThisIsMyConfigurationValue12"));
        assert!(!is_high_entropy("K8sAzureV2ContainerAllowedImages"));
        assert!(!is_high_entropy("MyAppConfigurationV2Production"));
        assert!(!is_high_entropy(
            "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
        ));
        assert!(!is_high_entropy("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        assert!(!is_high_entropy("usr/local/nvidia/lib64/cuda"));
        assert!(!is_high_entropy("2024-12-01-preview"));
        assert!(!is_high_entropy("io.k8s.cassandra.KubernetesSeedProvider"));
        assert!(!is_high_entropy(
            "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
        ));
    }

    #[test]
    fn base64_values_are_decoded() {
        // base64("Server=db;Database=orders;User ID=app;Password=Vb6$nM1@qZ4x;")
        let v = "U2VydmVyPWRiO0RhdGFiYXNlPW9yZGVycztVc2VyIElEPWFwcDtQYXNzd29yZD1WYjYkbk0xQHFaNHg7";
        let found = scan("DB", v);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, SecretKind::ConnectionStringPassword);
        assert!(found[0].base64);
        // base64 of ordinary text is neither random nor a secret.
        assert_eq!(kinds("CONFIG", "aGVsbG8gd29ybGQgdGhpcyBpcyBhIHRlc3Q="), []);
        // A base64-wrapped random key (as Ceph's `key` often is) is still a random key.
        assert_eq!(
            kinds(
                "k",
                "QVFCMTZWMVZvRjVtRXhBQTVrQ1FzN2JCajhWVUxSdzI2Qzg0SEE9PQ=="
            ),
            [SecretKind::HighEntropy]
        );
        assert_eq!(decode_base64("aGk="), Some(b"hi".to_vec()));
        assert_eq!(decode_base64("a"), None);
        assert_eq!(decode_base64("a b"), None);
    }

    #[test]
    fn embedded_config_files() {
        let v = "[database]\nhost = db\nuser = app\npassword = Wq3!rT8#zK1m\npassword_file = /run/secrets/db\n";
        let found = scan("app.ini", v);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 4);
        assert_eq!(found[0].embedded_key.as_deref(), Some("password"));
        let v = "auth:\n  username: app\n  password: ${APP_PASSWORD}\n  token:\n    file: /var/run/token\nurl: http://example.org\n";
        assert_eq!(kinds("config.yaml", v), []);
        let v = "{\n  \"clientSecret\": \"Nv5~pQ8.rT2_wX6-zA9\",\n  \"clientId\": \"app\"\n}\n";
        assert_eq!(
            kinds("auth.json", v),
            [SecretKind::NamedCredential("client secret")]
        );
    }

    #[test]
    fn redaction_shows_at_most_four_characters() {
        assert_eq!(redact("short"), "****");
        assert_eq!(redact("fifteen-chars-x"), "****");
        assert_eq!(redact("sixteen-chars-xy"), "sixt…");
        for d in scan("DB_PASSWORD", "Tr0ub4dor&3-correct-horse") {
            let shown = d.to_string();
            assert!(!shown.contains("Tr0ub"), "{shown}");
        }
    }
}
