//! YAML (and JSON, which YAML 1.2 contains) into [`Node`] trees, with limits for hostile input.
//!
//! `saphyr-parser` gives a pull stream of events with spans; the tree is built here with an
//! explicit stack so that nesting depth and alias expansion are bounded before any work is done
//! on them (a recursive builder would overflow on `[[[[…`, and naive alias cloning is the
//! "billion laughs" attack).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::node::{Entry, Node, Pos, Value};

/// Bounds on what one input may cost.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// Most nodes that alias expansion may add to one document.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 256,
            max_alias_nodes: 100_000,
        }
    }
}

/// A document that could not be read: where and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl ParseError {
    fn at(pos: Pos, message: impl Into<String>) -> Self {
        ParseError {
            line: pos.line,
            column: pos.column,
            message: message.into(),
        }
    }
}

/// One document of a stream.
#[derive(Clone, Debug)]
pub struct Document {
    /// Position of the document in its file, counting from 0.
    pub index: usize,
    pub root: Node,
}

/// Reads raw bytes: rejects binary and non-UTF-8 content and oversized input with a clear
/// error, strips a byte-order mark, then parses every document.
pub fn parse_bytes(bytes: &[u8], limits: &Limits) -> Vec<Result<Document, ParseError>> {
    if bytes.len() > limits.max_bytes {
        return vec![Err(ParseError::at(
            Pos::new(1, 1),
            format!(
                "file is {} bytes, larger than the {} byte limit",
                bytes.len(),
                limits.max_bytes
            ),
        ))];
    }
    if let Some(at) = memchr_nul(bytes) {
        return vec![Err(ParseError::at(
            offset_pos(bytes, at),
            "binary content (NUL byte): not a YAML or JSON file",
        ))];
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return vec![Err(ParseError::at(
                offset_pos(bytes, e.valid_up_to()),
                "invalid UTF-8: not a YAML or JSON text file",
            ))]
        }
    };
    parse_str(text.strip_prefix('\u{feff}').unwrap_or(text), limits)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn offset_pos(bytes: &[u8], at: usize) -> Pos {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    Pos::new(line as u32, col as u32)
}

/// Parses every document of a YAML stream. A broken document becomes an error, and parsing
/// resumes at the next `---` line so later documents are still read.
///
/// Texts written entirely in the common subset of YAML that manifests use are read by a fast
/// one-pass reader (`subset.rs`); anything else goes to the reference reader, which gives the
/// same trees but costs several times more.
pub fn parse_str(text: &str, limits: &Limits) -> Vec<Result<Document, ParseError>> {
    match crate::subset::parse(text, limits) {
        Some(docs) => docs.into_iter().map(Ok).collect(),
        None => parse_str_reference(text, limits),
    }
}

/// The fast reader alone: `None` when the text is not entirely in its subset. For tests
/// comparing it with [`parse_str_reference`].
#[doc(hidden)]
pub fn parse_str_fast(text: &str, limits: &Limits) -> Option<Vec<Document>> {
    crate::subset::parse(text, limits)
}

/// The reference reader alone (`saphyr-parser` events built into trees), which [`parse_str`]
/// falls back to.
#[doc(hidden)]
pub fn parse_str_reference(text: &str, limits: &Limits) -> Vec<Result<Document, ParseError>> {
    let mut out = Vec::new();
    let mut line_offset = 0u32;
    let mut rest = text;
    let mut index = 0usize;
    loop {
        let (docs, failure) = parse_stream(rest, limits, line_offset, &mut index);
        out.extend(docs.into_iter().map(Ok));
        let Some(err) = failure else { break };
        let err_line = err.line;
        out.push(Err(err));
        index += 1;
        // Resume at the first document marker after the error.
        match next_document_start(rest, err_line - line_offset) {
            Some((byte, line)) => {
                rest = &rest[byte..];
                line_offset += line;
            }
            None => break,
        }
    }
    out
}

/// Byte offset and 0-based line number of the first `---` line at or after 1-based `line`,
/// never the first line of `text` (so resuming always makes progress).
fn next_document_start(text: &str, line: u32) -> Option<(usize, u32)> {
    let from = line.saturating_sub(1).max(1);
    let mut offset = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        let n = n as u32;
        if n >= from
            && (l.starts_with("---") && l[3..].chars().next().is_none_or(|c| c.is_whitespace()))
        {
            return Some((offset, n));
        }
        offset += l.len();
    }
    None
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(Box<str>, Pos)>,
        merges: Vec<Node>,
    },
}

struct Builder<'l> {
    limits: &'l Limits,
    line_offset: u32,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_nodes: usize,
    root: Option<Node>,
}

fn parse_stream(
    text: &str,
    limits: &Limits,
    line_offset: u32,
    index: &mut usize,
) -> (Vec<Document>, Option<ParseError>) {
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut b = Builder {
        limits,
        line_offset,
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
    };
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(ev) => ev,
            Err(e) => {
                let m = e.marker();
                let pos = Pos::new(m.line() as u32 + line_offset, m.col() as u32 + 1);
                let message = if e.info().contains("recursion limit") {
                    "nesting too deep: refusing to read further".to_string()
                } else {
                    e.info().to_string()
                };
                return (docs, Some(ParseError::at(pos, message)));
            }
        };
        let pos = b.pos(&span);
        let result = match event {
            Event::DocumentStart(_) => {
                b.stack.clear();
                b.anchors.clear();
                b.alias_nodes = 0;
                b.root = None;
                Ok(())
            }
            Event::DocumentEnd => {
                if let Some(root) = b.root.take() {
                    docs.push(Document {
                        index: *index,
                        root,
                    });
                }
                *index += 1;
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tag_suffix = tag.as_ref().map(|t| t.suffix.as_str());
                b.scalar(&text, style, anchor, tag_suffix, pos)
            }
            Event::SequenceStart(anchor, _) => b.open(
                Frame::Seq {
                    pos,
                    anchor,
                    items: Vec::new(),
                },
                pos,
            ),
            Event::MappingStart(anchor, _) => b.open(
                Frame::Map {
                    pos,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    merges: Vec::new(),
                },
                pos,
            ),
            Event::SequenceEnd | Event::MappingEnd => b.close(),
            Event::Alias(id) => b.alias(id, pos),
            Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(()),
        };
        if let Err(e) = result {
            return (docs, Some(e));
        }
    }
    (docs, None)
}

impl Builder<'_> {
    fn pos(&self, span: &Span) -> Pos {
        Pos::new(
            span.start.line() as u32 + self.line_offset,
            span.start.col() as u32 + 1,
        )
    }

    fn wants_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn scalar(
        &mut self,
        text: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&str>,
        pos: Pos,
    ) -> Result<(), ParseError> {
        if self.wants_key() {
            if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                *key = Some((text.into(), pos));
            }
            if anchor > 0 {
                let node = Node::new(Value::Str(text.into()), pos);
                self.anchors.insert(anchor, (node, 1));
            }
            return Ok(());
        }
        let value = match (style, tag) {
            (_, Some("str")) => Value::Str(text.into()),
            (ScalarStyle::Plain, _) => resolve_plain(text),
            _ => Value::Str(text.into()),
        };
        let node = Node::new(value, pos);
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), 1));
        }
        self.push(node)
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), ParseError> {
        if self.wants_key() {
            return Err(ParseError::at(
                pos,
                "a mapping key that is itself a mapping or sequence is not supported",
            ));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(ParseError::at(
                pos,
                format!(
                    "nesting deeper than {} levels: refusing to read further",
                    self.limits.max_depth
                ),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self) -> Result<(), ParseError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (node, anchor) = match frame {
            Frame::Seq { pos, anchor, items } => {
                (Node::new(Value::Seq(items.into_boxed_slice()), pos), anchor)
            }
            Frame::Map {
                pos,
                anchor,
                mut entries,
                merges,
                ..
            } => {
                merge_keys(&mut entries, merges);
                (
                    Node::new(Value::Map(entries.into_boxed_slice()), pos),
                    anchor,
                )
            }
        };
        if anchor > 0 {
            let count = node.count();
            self.anchors.insert(anchor, (node.clone(), count));
        }
        self.push(node)
    }

    fn alias(&mut self, id: usize, pos: Pos) -> Result<(), ParseError> {
        let Some((node, count)) = self.anchors.get(&id) else {
            return Err(ParseError::at(pos, "alias to an unknown anchor"));
        };
        self.alias_nodes += count;
        if self.alias_nodes > self.limits.max_alias_nodes {
            return Err(ParseError::at(
                pos,
                format!(
                    "alias expansion exceeds {} nodes (an alias bomb?): refusing to expand",
                    self.limits.max_alias_nodes
                ),
            ));
        }
        let mut node = node.clone();
        node.pos = pos;
        if self.wants_key() {
            let Value::Str(text) = &node.value else {
                return Err(ParseError::at(
                    pos,
                    "an alias used as a key must name a string",
                ));
            };
            if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                *key = Some((text.clone(), pos));
            }
            return Ok(());
        }
        self.push(node)
    }

    fn push(&mut self, node: Node) -> Result<(), ParseError> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                merges,
                ..
            }) => {
                let (k, key_pos) = key.take().unwrap_or_else(|| ("".into(), node.pos));
                if &*k == "<<" && (node.is_map() || node.is_seq()) {
                    merges.push(node);
                } else {
                    entries.push(Entry {
                        key: k,
                        key_pos,
                        value: node,
                    });
                }
            }
        }
        Ok(())
    }
}

/// YAML merge keys (`<<: *base`): entries of the merged mappings that the mapping does not set
/// itself. Kubernetes' decoder honours them, so the scanner must see the merged object.
fn merge_keys(entries: &mut Vec<Entry>, merges: Vec<Node>) {
    for merged in merges {
        let sources: Vec<&Node> = match &merged.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![&merged],
        };
        for source in sources {
            for e in source.entries() {
                if !entries.iter().any(|own| own.key == e.key) {
                    entries.push(e.clone());
                }
            }
        }
    }
}

/// Resolves a plain scalar as Kubernetes' YAML decoder does (YAML 1.1 core types).
pub fn resolve_plain(text: &str) -> Value {
    let Some(first) = text.bytes().next() else {
        return Value::Null;
    };
    match first {
        b'~' | b'n' | b'N' if matches!(text, "~" | "null" | "Null" | "NULL") => return Value::Null,
        b'y' | b'Y' | b't' | b'T' | b'o' | b'O'
            if matches!(
                text,
                "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON"
            ) =>
        {
            return Value::Bool(true)
        }
        b'n' | b'N' | b'f' | b'F' | b'o' | b'O'
            if matches!(
                text,
                "n" | "N"
                    | "no"
                    | "No"
                    | "NO"
                    | "false"
                    | "False"
                    | "FALSE"
                    | "off"
                    | "Off"
                    | "OFF"
            ) =>
        {
            return Value::Bool(false)
        }
        b'0'..=b'9' | b'-' | b'+' | b'.' => {}
        _ => return Value::Str(text.into()),
    }
    if let Some(i) = parse_int(text) {
        return Value::Int(i);
    }
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = text.trim_start_matches(['-', '+']);
    let looks_float = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+' | b'_'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    if looks_float {
        if let Ok(f) = text.replace('_', "").parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.into())
}

fn parse_int(text: &str) -> Option<i64> {
    let (neg, body) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if body.is_empty() {
        return None;
    }
    let body_clean;
    let body = if body.contains('_') {
        body_clean = body.replace('_', "");
        body_clean.as_str()
    } else {
        body
    };
    let parsed = if let Some(hex) = body.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()
    } else if let Some(oct) = body.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()
    } else if body.len() > 1 && body.starts_with('0') && body.bytes().all(|b| b.is_ascii_digit()) {
        i64::from_str_radix(&body[1..], 8).ok()
    } else if body.bytes().all(|b| b.is_ascii_digit()) {
        body.parse::<i64>().ok()
    } else {
        None
    }?;
    Some(if neg { -parsed } else { parsed })
}
