//! A finding's JSON text, written directly. Findings are most of a large report, and going
//! through serde's field-by-field machinery (and its byte-at-a-time string escaping) was a
//! seventh of a whole scan's time; the output is byte-for-byte what `serde_json` writes for
//! the same [`Finding`] (tested on every finding of the real corpus).

use std::sync::Arc;

use crate::finding::{Finding, Layer, Resource, Severity};

fn escape(b: u8) -> Option<&'static [u8]> {
    Some(match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0x08 => b"\\b",
        0x0c => b"\\f",
        _ => return None,
    })
}

/// Appends `s` as a JSON string literal, escaped as `serde_json` escapes it.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Findings almost never hold control characters: one pass the compiler vectorises rules
    // them out, and then only quotes and backslashes are searched for.
    if bytes.iter().fold(false, |any, &b| any | (b < 0x20)) {
        push_escaped(out, bytes);
    } else {
        let mut start = 0;
        while let Some(found) = memchr::memchr2(b'"', b'\\', &bytes[start..]) {
            let i = start + found;
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(&[b'\\', bytes[i]]);
            start = i + 1;
        }
        out.extend_from_slice(&bytes[start..]);
    }
    out.push(b'"');
}

/// The general case of [`push_str`]'s body, byte by byte (rare: a control character).
fn push_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        match escape(b) {
            Some(e) => out.extend_from_slice(e),
            None if b < 0x20 => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
            None => out.push(b),
        }
    }
}

fn push_u32(out: &mut Vec<u8>, n: u32) {
    let mut buf = itoa::Buffer::new();
    out.extend_from_slice(buf.format(n).as_bytes());
}

/// Appends the finding as one compact JSON object, fields in the documented order.
pub fn push_finding(out: &mut Vec<u8>, f: &Finding) {
    FindingWriter::default().push(out, f);
}

/// Writes findings, remembering the JSON text of the last resource and file: findings come
/// object by object and file by file, so most share both with the finding before them. The
/// text a rule's findings share (rule id, severity, layer, remediation) is written once per
/// rule.
#[derive(Default)]
pub struct FindingWriter {
    resource: Option<(Arc<Resource>, Vec<u8>)>,
    file: Option<(Arc<str>, Vec<u8>)>,
    rules: foldhash::HashMap<RuleKey, RuleText>,
}

/// A rule by the address and length of its id (static text, and unique to the rule, as is its
/// remediation), with the severity and layer its findings carry (the config may override the
/// severity). Hashed field by field: a few integers, not a byte slice.
type RuleKey = (usize, usize, Severity, Layer);

/// The JSON text before a finding's message, and the remediation string.
struct RuleText {
    head: Vec<u8>,
    remediation: Vec<u8>,
}

impl RuleText {
    fn of(f: &Finding) -> RuleText {
        let mut head = b"{\"rule\":".to_vec();
        push_str(&mut head, f.rule);
        head.extend_from_slice(b",\"severity\":\"");
        head.extend_from_slice(f.severity.as_str().as_bytes());
        head.extend_from_slice(b"\",\"layer\":\"");
        head.extend_from_slice(f.layer.as_str().as_bytes());
        head.extend_from_slice(b"\",\"message\":");
        let mut remediation = Vec::new();
        push_str(&mut remediation, f.remediation);
        RuleText { head, remediation }
    }
}

impl FindingWriter {
    pub fn push(&mut self, out: &mut Vec<u8>, f: &Finding) {
        let rule = self
            .rules
            .entry((f.rule.as_ptr() as usize, f.rule.len(), f.severity, f.layer))
            .or_insert_with(|| RuleText::of(f));
        out.extend_from_slice(&rule.head);
        push_str(out, &f.message);
        out.extend_from_slice(b",\"resource\":");
        push_cached(out, &mut self.resource, &f.resource, |t, r| {
            push_resource(t, r)
        });
        let l = &f.location;
        out.extend_from_slice(b",\"location\":{\"file\":");
        push_cached(out, &mut self.file, &l.file, push_str);
        out.extend_from_slice(b",\"line\":");
        push_u32(out, l.line);
        out.extend_from_slice(b",\"column\":");
        push_u32(out, l.column);
        out.extend_from_slice(b",\"path\":");
        push_str(out, &l.path);
        out.extend_from_slice(b"},\"remediation\":");
        out.extend_from_slice(&rule.remediation);
        out.extend_from_slice(b",\"fingerprint\":\"");
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bits = f.fingerprint.0;
        let mut hex = [0u8; 32];
        for (i, digit) in hex.iter_mut().enumerate() {
            *digit = HEX[((bits >> ((31 - i) * 4)) & 0xf) as usize];
        }
        out.extend_from_slice(&hex);
        out.extend_from_slice(b"\"}");
    }
}

/// Appends the JSON text of `value`, reusing `cache` when it holds the same (shared) value.
fn push_cached<T: ?Sized>(
    out: &mut Vec<u8>,
    cache: &mut Option<(Arc<T>, Vec<u8>)>,
    value: &Arc<T>,
    write: impl Fn(&mut Vec<u8>, &T),
) {
    match cache {
        Some((cached, text)) if Arc::ptr_eq(cached, value) => out.extend_from_slice(text),
        _ => {
            let mut text = Vec::with_capacity(160);
            write(&mut text, value);
            out.extend_from_slice(&text);
            *cache = Some((Arc::clone(value), text));
        }
    }
}

fn push_resource(out: &mut Vec<u8>, r: &Resource) {
    out.extend_from_slice(b"{\"apiVersion\":");
    push_str(out, &r.api_version);
    out.extend_from_slice(b",\"kind\":");
    push_str(out, &r.kind);
    out.extend_from_slice(b",\"namespace\":");
    match &r.namespace {
        Some(ns) => push_str(out, ns),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"name\":");
    push_str(out, &r.name);
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every_byte = String::new();
        for b in 0u8..0x80 {
            every_byte.push(b as char);
        }
        for s in [
            "",
            "plain text that is longer than eight bytes",
            "container \"api\" must not",
            "C:\\path\\to",
            "tab\there\nnewline\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "ünïcödé ✓ text with \"quotes\" after sixteen bytes",
            "12345678\"",
            "1234567\\",
            &every_byte,
        ] {
            let mut ours = Vec::new();
            push_str(&mut ours, s);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }
}
