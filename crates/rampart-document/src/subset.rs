//! A one-pass reader for the subset of YAML that Kubernetes manifests and `kubectl -o json`
//! dumps are written in, producing exactly the trees the reference reader produces.
//!
//! Why a hand-written parser: scanning is most of the cost of a scan, and no crate reads YAML
//! with positions fast enough. `saphyr-parser` (the reference, see `parse.rs`) handles all of
//! YAML through a general token queue and an event stream, which costs several times more than
//! looking at each byte once. Manifests use a small part of YAML: block mappings and sequences,
//! plain and quoted scalars, literal and folded block scalars, small flow collections, JSON.
//! This module reads that part directly into [`Node`] trees, and gives up — returns `None` —
//! on anything else or anything it is not sure about (anchors, tags, tabs, `\r`, errors …).
//! The caller then runs the reference reader on the whole text, so errors, messages and rare
//! constructs always come from `saphyr-parser`. The `subset` integration test checks on real
//! manifests that both readers give identical trees and positions.
//!
//! Positions copy what `saphyr-parser` reports, quirks included: a block mapping is where its
//! first key is; a block sequence is at its first `-`, except a sequence written at the
//! indentation of its parent key, which is where the first entry's content starts; an empty
//! value is at its `:`; a block scalar is at the start of its first content line.

use crate::node::{Entry, Node, Pos, Value};
use crate::parse::{resolve_plain, Document, Limits};

/// Deepest nesting read here (the recursion depth). Deeper documents go to the reference
/// reader, which also reports the depth-limit error when there is one.
const MAX_FAST_DEPTH: usize = 100;

/// Longest implicit key read here: saphyr refuses keys over 1024 characters.
const MAX_KEY_BYTES: usize = 1000;

/// "Not in the subset, or not sure": the caller falls back to the reference reader.
#[derive(Debug)]
struct Bail;

type Fast<T> = Result<T, Bail>;

/// Every document of `text`, or `None` when any part of it is outside the subset.
pub(crate) fn parse(text: &str, limits: &Limits) -> Option<Vec<Document>> {
    if has_unusual_bytes(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text,
        b: text.as_bytes(),
        i: 0,
        line: 1,
        line_start: 0,
        col_cache: (0, 1),
        max_depth: limits.max_depth.min(MAX_FAST_DEPTH),
        nodes: Vec::new(),
        entries: Vec::new(),
        buf: String::new(),
    };
    reader.stream().ok()
}

/// Control characters other than tab and newline (so `\r` and NUL too) and byte-order marks:
/// saphyr gives them meanings (line breaks, stream ends, document boundaries) that this reader
/// does not reproduce. Checked in wide chunks first because real files almost never have any.
fn has_unusual_bytes(b: &[u8]) -> bool {
    let suspicious = |c: u8| (c < 0x20 && c != b'\t' && c != b'\n') || c == 0xEF;
    b.chunks(64).enumerate().any(|(n, chunk)| {
        let flagged = chunk.iter().fold(false, |acc, &c| acc | suspicious(c));
        flagged
            && chunk.iter().enumerate().any(|(k, &c)| {
                let at = n * 64 + k;
                (c < 0x20 && c != b'\t' && c != b'\n')
                    || (c == 0xEF && b.get(at + 1..at + 3) == Some(&[0xBB, 0xBF]))
            })
    })
}

fn is_blank_or_eol(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0)
}

fn is_flow(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

/// Whether `c` (followed by `next`) starts a plain scalar in block context. Indicators start
/// other tokens; `-`, `?` and `:` do only when a blank follows them.
fn starts_plain(c: u8, next: u8) -> bool {
    match c {
        b'-' | b'?' | b':' => !is_blank_or_eol(next),
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' | b' ' | b'\t' | b'\n' | 0 => false,
        _ => true,
    }
}

/// The same inside a flow collection, where `-` or `:` before a flow indicator is an error.
fn starts_plain_in_flow(c: u8, next: u8) -> bool {
    starts_plain(c, next) && !(matches!(c, b'-' | b':') && is_flow(next))
}

/// Bytes a plain scalar's line must look at in block context: blanks, breaks and `:`.
static BLOCK_SPECIAL: [bool; 256] = special_bytes(b" \t\n:");
/// The same in flow context, where flow indicators end a scalar too.
static FLOW_SPECIAL: [bool; 256] = special_bytes(b" \t\n:,[]{}");

const fn special_bytes(list: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut k = 0;
    while k < list.len() {
        table[list[k] as usize] = true;
        k += 1;
    }
    table
}

/// Where a plain scalar's line ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// End of line or of text.
    Eol,
    /// A ` #` comment.
    Comment,
    /// A `:` value indicator.
    Colon,
    /// A flow indicator (flow context only).
    Flow,
}

/// What follows a block node.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A content line; the reader is at its first non-space character, at this column
    /// (0-based, in bytes, which are spaces).
    Content(usize),
    /// The end of the text or a document marker line (the reader is at the marker).
    End,
}

/// How a block scalar treats its final line breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// A key found ahead of the reader on the current line.
#[derive(Clone, Copy)]
struct KeyAhead {
    /// End of the key's text (after the closing quote of a quoted key).
    end: usize,
    /// Offset of the `:` indicator.
    colon: usize,
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Current byte offset.
    i: usize,
    /// 1-based line of `i`.
    line: u32,
    /// Offset of the first byte of that line.
    line_start: usize,
    /// Last (offset, 1-based column) computed, so columns on long lines cost linear time.
    col_cache: (usize, u32),
    max_depth: usize,
    /// Items of the sequences being read, innermost last: one exact allocation per sequence.
    nodes: Vec<Node>,
    /// Entries of the mappings being read, likewise.
    entries: Vec<Entry>,
    /// Scratch text for scalars that need unescaping or folding.
    buf: String,
}

impl<'a> Reader<'a> {
    // ---- bytes, lines and positions ----

    #[inline]
    fn at(&self, i: usize) -> u8 {
        // NUL bytes were refused up front, so 0 means "past the end".
        self.b.get(i).copied().unwrap_or(0)
    }

    #[inline]
    fn peek(&self) -> u8 {
        self.at(self.i)
    }

    fn at_eof(&self) -> bool {
        self.i >= self.b.len()
    }

    fn newline(&mut self) {
        self.i += 1;
        self.line += 1;
        self.line_start = self.i;
    }

    fn skip_spaces(&mut self) {
        while self.peek() == b' ' {
            self.i += 1;
        }
    }

    /// Column of the reader in bytes from the line start (for indentation: spaces only).
    fn col(&self) -> usize {
        self.i - self.line_start
    }

    fn at_dash(&self) -> bool {
        self.peek() == b'-' && is_blank_or_eol(self.at(self.i + 1))
    }

    fn slice(&self, from: usize, to: usize) -> Fast<&'a str> {
        self.text.get(from..to).ok_or(Bail)
    }

    /// Offset of the end of the line holding `from` (its `\n`, or the end of the text).
    fn line_end(&self, from: usize) -> usize {
        let rest = self.b.get(from..).unwrap_or(&[]);
        from + rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len())
    }

    /// Position of offset `i` on the current line. saphyr counts columns in characters.
    fn pos_of(&mut self, i: usize) -> Pos {
        let (cached_at, cached_col) = self.col_cache;
        let (from, base) = if cached_at >= self.line_start && cached_at <= i {
            (cached_at, cached_col)
        } else {
            (self.line_start, 1)
        };
        let span = self.b.get(from..i).unwrap_or(&[]);
        let continuation_bytes = span.iter().filter(|&&c| c & 0xC0 == 0x80).count();
        let col = base + (span.len() - continuation_bytes) as u32;
        self.col_cache = (i, col);
        Pos::new(self.line, col)
    }

    fn pos(&mut self) -> Pos {
        self.pos_of(self.i)
    }

    /// saphyr's end-of-stream position: the line after the last one, column 1.
    fn stream_end_pos(&self) -> Pos {
        let line = if self.line_start >= self.b.len() {
            self.line
        } else {
            self.line + 1
        };
        Pos::new(line, 1)
    }

    fn check_depth(&self, depth: usize) -> Fast<()> {
        if depth >= self.max_depth {
            return Err(Bail);
        }
        Ok(())
    }

    /// `Some(b'-')` or `Some(b'.')` when the reader is at a `---` or `...` marker line.
    fn at_marker(&self) -> Option<u8> {
        if self.i != self.line_start {
            return None;
        }
        let head = self.b.get(self.i..self.i + 3)?;
        let marker = match head {
            b"---" => b'-',
            b"..." => b'.',
            _ => return None,
        };
        is_blank_or_eol(self.at(self.i + 3)).then_some(marker)
    }

    fn skip_comment(&mut self) {
        self.i = self.line_end(self.i);
    }

    /// After a value: only spaces and a comment may end the line. Moves to the next line.
    fn end_line(&mut self) -> Fast<()> {
        self.skip_spaces();
        match self.peek() {
            b'\n' => self.newline(),
            0 => {}
            // A comment must be separated from what precedes it.
            b'#' if matches!(self.at(self.i.wrapping_sub(1)), b' ') => {
                self.skip_comment();
                if self.peek() == b'\n' {
                    self.newline();
                }
            }
            _ => return Err(Bail),
        }
        Ok(())
    }

    /// From the start of a line (or within its indentation), skips blank and comment lines.
    fn skip_to_content(&mut self) -> Fast<Next> {
        loop {
            if self.at_eof() || self.at_marker().is_some() {
                return Ok(Next::End);
            }
            self.skip_spaces();
            match self.peek() {
                b'\n' => self.newline(),
                b'#' => {
                    self.skip_comment();
                    if self.peek() == b'\n' {
                        self.newline();
                    }
                }
                0 => return Ok(Next::End),
                // Tabs in indentation: saphyr has subtle rules; leave them to it.
                b'\t' => return Err(Bail),
                _ => return Ok(Next::Content(self.col())),
            }
        }
    }

    // ---- documents ----

    fn stream(&mut self) -> Fast<Vec<Document>> {
        let mut docs = Vec::new();
        loop {
            let root = match self.skip_to_content()? {
                Next::End => match self.at_marker() {
                    None => return Ok(docs),
                    // `...` ends a document; with none open there is nothing to end.
                    Some(b'.') => {
                        self.i += 3;
                        self.end_line()?;
                        continue;
                    }
                    Some(_) => {
                        self.i += 3;
                        self.end_line()?;
                        self.explicit_document()?
                    }
                },
                Next::Content(_) => self.document_root()?,
            };
            docs.push(Document {
                index: docs.len(),
                root,
            });
        }
    }

    /// The content after a `---` line, which may be empty (a null where the next marker or
    /// the end of the text is, as saphyr reports it).
    fn explicit_document(&mut self) -> Fast<Node> {
        match self.skip_to_content()? {
            Next::End => {
                let pos = if self.at_marker().is_some() {
                    Pos::new(self.line, 1)
                } else {
                    self.stream_end_pos()
                };
                Ok(Node::new(Value::Null, pos))
            }
            Next::Content(_) => self.document_root(),
        }
    }

    /// A document's root node; the document must end right after it.
    fn document_root(&mut self) -> Fast<Node> {
        let (root, next) = self.block_node(-1, 0)?;
        if next != Next::End {
            return Err(Bail);
        }
        Ok(root)
    }

    // ---- block collections ----

    /// A node starting a line, more indented than the block collection around it (`parent`,
    /// -1 for a document root).
    fn block_node(&mut self, parent: isize, depth: usize) -> Fast<(Node, Next)> {
        let indent = self.col();
        if self.at_dash() {
            return self.block_seq(indent, false, depth);
        }
        if self.key_ahead().is_some() {
            return self.block_map(indent, depth);
        }
        match self.peek() {
            b'[' | b'{' => {
                let node = self.flow_collection(parent, depth)?;
                self.end_line()?;
                Ok((node, self.skip_to_content()?))
            }
            // Block scalars alone on their line and root scalars are rare: not handled here.
            b'|' | b'>' => Err(Bail),
            _ if parent < 0 => Err(Bail),
            _ => self.inline_value(parent as usize, depth),
        }
    }

    /// A block mapping whose first key is at the reader, at column `indent`.
    fn block_map(&mut self, indent: usize, depth: usize) -> Fast<(Node, Next)> {
        self.check_depth(depth)?;
        let pos = self.pos();
        let base = self.entries.len();
        loop {
            let ahead = self.key_ahead().ok_or(Bail)?;
            let key_pos = self.pos();
            let key = self.key_text(ahead)?;
            // Merge keys change the mapping: the reference reader applies them.
            if &*key == "<<" {
                return Err(Bail);
            }
            let colon_pos = self.pos_of(ahead.colon);
            self.i = ahead.colon + 1;
            let (value, next) = self.map_value(indent, colon_pos, depth + 1)?;
            self.entries.push(Entry {
                key,
                key_pos,
                value,
            });
            match next {
                // `- x` at the mapping's own indentation after a value is an error.
                Next::Content(c) if c == indent && self.at_dash() => return Err(Bail),
                Next::Content(c) if c == indent => {}
                Next::Content(c) if c > indent => return Err(Bail),
                _ => {
                    let entries: Box<[Entry]> = self.entries.drain(base..).collect();
                    return Ok((Node::new(Value::Map(entries), pos), next));
                }
            }
        }
    }

    /// The value after `key:` in a mapping at column `indent`.
    fn map_value(&mut self, indent: usize, colon_pos: Pos, depth: usize) -> Fast<(Node, Next)> {
        self.skip_spaces();
        match self.peek() {
            b'\n' | b'#' | 0 => {
                self.end_line()?;
                let next = self.skip_to_content()?;
                match next {
                    Next::Content(c) if c > indent => self.block_node(indent as isize, depth),
                    // A sequence may sit at its key's indentation.
                    Next::Content(c) if c == indent && self.at_dash() => {
                        self.block_seq(indent, true, depth)
                    }
                    _ => Ok((Node::new(Value::Null, colon_pos), next)),
                }
            }
            b'\t' => Err(Bail),
            _ => self.inline_value(indent, depth),
        }
    }

    /// A block sequence whose first `-` is at the reader, at column `indent`. `indentless`:
    /// written at the indentation of its parent mapping's keys.
    fn block_seq(&mut self, indent: usize, indentless: bool, depth: usize) -> Fast<(Node, Next)> {
        self.check_depth(depth)?;
        let mut pos = self.pos();
        let base = self.nodes.len();
        let mut first = true;
        loop {
            self.i += 1;
            self.skip_spaces();
            // saphyr marks an entry after the `-` and its spaces, past any comment.
            let entry_pos = if self.peek() == b'#' {
                let end = self.line_end(self.i);
                self.pos_of(end)
            } else {
                self.pos()
            };
            if first && indentless {
                pos = entry_pos;
            }
            first = false;
            let (item, next) = match self.peek() {
                b'\n' | b'#' | 0 => {
                    self.end_line()?;
                    match self.skip_to_content()? {
                        Next::Content(c) if c > indent => {
                            self.block_node(indent as isize, depth + 1)?
                        }
                        next => (Node::new(Value::Null, entry_pos), next),
                    }
                }
                b'\t' => return Err(Bail),
                _ if self.at_dash() => self.block_seq(self.col(), false, depth + 1)?,
                _ if self.key_ahead().is_some() => self.block_map(self.col(), depth + 1)?,
                _ => self.inline_value(indent, depth + 1)?,
            };
            self.nodes.push(item);
            match next {
                Next::Content(c) if c == indent && self.at_dash() => {}
                Next::Content(c) if c > indent => return Err(Bail),
                _ => {
                    let items: Box<[Node]> = self.nodes.drain(base..).collect();
                    return Ok((Node::new(Value::Seq(items), pos), next));
                }
            }
        }
    }

    /// A value that starts after `key: ` or `- `, inside a block collection at column
    /// `parent`.
    fn inline_value(&mut self, parent: usize, depth: usize) -> Fast<(Node, Next)> {
        let node = match self.peek() {
            b'|' | b'>' => return self.block_scalar(parent),
            b'"' | b'\'' => self.quoted(Some(parent))?,
            b'[' | b'{' => self.flow_collection(parent as isize, depth)?,
            c if starts_plain(c, self.at(self.i + 1)) => return self.plain_block(parent),
            _ => return Err(Bail),
        };
        self.end_line()?;
        Ok((node, self.skip_to_content()?))
    }

    // ---- keys ----

    /// The key at the reader if the rest of the line is `key: …` (plain or quoted key).
    fn key_ahead(&self) -> Option<KeyAhead> {
        let c = self.peek();
        let end = match c {
            b'"' | b'\'' => self.quote_end_on_line(self.i, c)? + 1,
            _ if starts_plain(c, self.at(self.i + 1)) => {
                let (end, stop, at) = self.scan_plain_line(self.i, false);
                if stop != Stop::Colon {
                    return None;
                }
                // Only spaces between key and `:` (a tab there has its own rules).
                if self.b.get(end..at)?.iter().any(|&c| c != b' ') {
                    return None;
                }
                end
            }
            _ => return None,
        };
        let mut colon = end;
        while self.at(colon) == b' ' {
            colon += 1;
        }
        let is_key = self.at(colon) == b':'
            && is_blank_or_eol(self.at(colon + 1))
            && colon - self.i <= MAX_KEY_BYTES;
        is_key.then_some(KeyAhead { end, colon })
    }

    /// Offset of the quote closing the quoted scalar opening at `from`, on the same line.
    fn quote_end_on_line(&self, from: usize, quote: u8) -> Option<usize> {
        let mut j = from + 1;
        loop {
            match *self.b.get(j)? {
                b'\n' => return None,
                b'\\' if quote == b'"' => j += 2,
                b'\'' if quote == b'\'' && self.at(j + 1) == b'\'' => j += 2,
                c if c == quote => return Some(j),
                _ => j += 1,
            }
        }
    }

    fn key_text(&mut self, ahead: KeyAhead) -> Fast<Box<str>> {
        match self.peek() {
            b'"' | b'\'' => {
                let text = self.quoted_text(None)?;
                if self.i != ahead.end {
                    return Err(Bail);
                }
                Ok(text)
            }
            _ => Ok(self.slice(self.i, ahead.end)?.into()),
        }
    }

    // ---- plain scalars ----

    /// Scans one line of a plain scalar from `from`: returns the end of its text (trailing
    /// blanks excluded), why it stopped, and where.
    fn scan_plain_line(&self, from: usize, flow: bool) -> (usize, Stop, usize) {
        let b = self.b;
        let special = if flow { &FLOW_SPECIAL } else { &BLOCK_SPECIAL };
        let mut j = from;
        let mut end = from;
        loop {
            // Most bytes are ordinary text: skip them without looking closer.
            let run = j;
            while b.get(j).is_some_and(|&c| !special[c as usize]) {
                j += 1;
            }
            if j > run {
                end = j;
            }
            let Some(&c) = b.get(j) else {
                return (end, Stop::Eol, j);
            };
            match c {
                b'\n' => return (end, Stop::Eol, j),
                b' ' | b'\t' => {
                    let mut k = j + 1;
                    while matches!(b.get(k), Some(b' ' | b'\t')) {
                        k += 1;
                    }
                    match b.get(k) {
                        None | Some(b'\n') => return (end, Stop::Eol, k),
                        Some(b'#') => return (end, Stop::Comment, k),
                        _ => j = k,
                    }
                }
                b':' => {
                    let next = self.at(j + 1);
                    if is_blank_or_eol(next) || (flow && is_flow(next)) {
                        return (end, Stop::Colon, j);
                    }
                    j += 1;
                    end = j;
                }
                b',' | b'[' | b']' | b'{' | b'}' if flow => return (end, Stop::Flow, j),
                _ => {
                    j += 1;
                    end = j;
                }
            }
        }
    }

    /// A plain scalar in block context, possibly continued on more-indented lines (folded:
    /// a single line break becomes a space, each blank line a `\n`).
    fn plain_block(&mut self, parent: usize) -> Fast<(Node, Next)> {
        let pos = self.pos();
        let start = self.i;
        let (end, stop, _) = self.scan_plain_line(start, false);
        if stop == Stop::Colon {
            return Err(Bail);
        }
        let first = self.slice(start, end)?;
        self.i = end;
        self.end_line()?;
        let blanks = match stop {
            Stop::Eol => self.continuation(parent)?,
            _ => None,
        };
        let Some(mut blanks) = blanks else {
            let node = Node::new(resolve_plain(first), pos);
            return Ok((node, self.skip_to_content()?));
        };
        let mut text = std::mem::take(&mut self.buf);
        text.clear();
        text.push_str(first);
        loop {
            if blanks == 0 {
                text.push(' ');
            } else {
                text.extend(std::iter::repeat_n('\n', blanks));
            }
            let start = self.i;
            let (end, stop, _) = self.scan_plain_line(start, false);
            if stop == Stop::Colon {
                return Err(Bail);
            }
            text.push_str(self.slice(start, end)?);
            self.i = end;
            self.end_line()?;
            if stop != Stop::Eol {
                break;
            }
            match self.continuation(parent)? {
                Some(n) => blanks = n,
                None => break,
            }
        }
        let node = Node::new(resolve_plain(&text), pos);
        self.buf = text;
        Ok((node, self.skip_to_content()?))
    }

    /// At the start of the line after a plain scalar's line: if a continuation line follows
    /// (after blank lines, more indented than `parent`, not a comment), moves to its first
    /// character and returns the number of blank lines; otherwise stays put.
    fn continuation(&mut self, parent: usize) -> Fast<Option<usize>> {
        let saved = (self.i, self.line, self.line_start);
        let mut blanks = 0;
        while !self.at_eof() {
            self.skip_spaces();
            match self.peek() {
                b'\n' => {
                    blanks += 1;
                    self.newline();
                }
                b'\t' => return Err(Bail),
                b'#' | 0 => break,
                _ if self.col() > parent => return Ok(Some(blanks)),
                _ => break,
            }
        }
        (self.i, self.line, self.line_start) = saved;
        Ok(None)
    }

    // ---- quoted scalars ----

    /// A quoted scalar; `parent` as for [`Self::quoted_text`].
    fn quoted(&mut self, parent: Option<usize>) -> Fast<Node> {
        let pos = self.pos();
        let text = self.quoted_text(parent)?;
        Ok(Node::new(Value::Str(text), pos))
    }

    /// The text of the quoted scalar at the reader; leaves the reader after the closing quote.
    /// `parent`: the block indentation continuation lines must exceed, or `None` where the
    /// scalar must end on its line (keys, flow collections).
    fn quoted_text(&mut self, parent: Option<usize>) -> Fast<Box<str>> {
        let quote = self.peek();
        let start = self.i + 1;
        // Most quoted scalars have no escapes and fit on their line: borrow them as they are.
        let mut j = start;
        while let Some(&c) = self.b.get(j) {
            if c == quote {
                if quote == b'\'' && self.at(j + 1) == b'\'' {
                    break;
                }
                let text = self.slice(start, j)?;
                self.i = j + 1;
                return Ok(text.into());
            }
            if c == b'\n' || (c == b'\\' && quote == b'"') {
                break;
            }
            j += 1;
        }
        self.quoted_slow(quote == b'\'', parent)
    }

    /// Quoted scalars with escapes or line breaks, folded as saphyr's `scan_flow_scalar` does.
    fn quoted_slow(&mut self, single: bool, parent: Option<usize>) -> Fast<Box<str>> {
        let quote = if single { b'\'' } else { b'"' };
        let mut out = std::mem::take(&mut self.buf);
        out.clear();
        self.i += 1;
        loop {
            self.quoted_run(single, &mut out)?;
            if self.peek() == quote {
                self.i += 1;
                break;
            }
            let ws_start = self.i;
            let mut ws_end = self.i;
            let mut broke = false;
            let mut blank_lines = 0;
            loop {
                match self.peek() {
                    b' ' | b'\t' => {
                        // Tabs in indentation have their own rules.
                        if broke && self.peek() == b'\t' {
                            return Err(Bail);
                        }
                        self.i += 1;
                        if !broke {
                            ws_end = self.i;
                        }
                    }
                    b'\n' => {
                        if parent.is_none() {
                            return Err(Bail);
                        }
                        if broke {
                            blank_lines += 1;
                        }
                        broke = true;
                        self.newline();
                    }
                    _ => break,
                }
            }
            if broke {
                // A continuation line must be indented past its block (saphyr is more lenient;
                // the stricter rule only sends odd files to it).
                let parent = parent.ok_or(Bail)?;
                if self.at_eof() || self.col() <= parent {
                    return Err(Bail);
                }
                if blank_lines == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', blank_lines));
                }
            } else {
                out.push_str(self.slice(ws_start, ws_end)?);
            }
        }
        let text: Box<str> = out.as_str().into();
        self.buf = out;
        Ok(text)
    }

    /// Appends the non-blank characters of a quoted scalar up to a blank, a line break or the
    /// closing quote, resolving escapes.
    fn quoted_run(&mut self, single: bool, out: &mut String) -> Fast<()> {
        loop {
            match self.peek() {
                b' ' | b'\t' | b'\n' => return Ok(()),
                0 => return Err(Bail),
                b'\'' if single => {
                    if self.at(self.i + 1) != b'\'' {
                        return Ok(());
                    }
                    out.push('\'');
                    self.i += 2;
                }
                b'"' if !single => return Ok(()),
                b'\\' if !single => {
                    let c = self.escape()?;
                    out.push(c);
                }
                _ => {
                    let start = self.i;
                    let mut end = start + 1;
                    while let Some(&c) = self.b.get(end) {
                        if matches!(c, b' ' | b'\t' | b'\n' | b'\'' | b'"' | b'\\') {
                            break;
                        }
                        end += 1;
                    }
                    out.push_str(self.slice(start, end)?);
                    self.i = end;
                }
            }
        }
    }

    /// A double-quoted escape at the reader (YAML's set, which includes JSON's).
    fn escape(&mut self) -> Fast<char> {
        let c = match self.at(self.i + 1) {
            b'0' => '\0',
            b'a' => '\x07',
            b'b' => '\x08',
            b't' | b'\t' => '\t',
            b'n' => '\n',
            b'v' => '\x0b',
            b'f' => '\x0c',
            b'r' => '\r',
            b'e' => '\x1b',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{a0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            b'x' => return self.hex_escape(2),
            b'u' => return self.hex_escape(4),
            b'U' => return self.hex_escape(8),
            // Escaped line breaks and unknown escapes: left to the reference reader.
            _ => return Err(Bail),
        };
        self.i += 2;
        Ok(c)
    }

    fn hex_escape(&mut self, digits: usize) -> Fast<char> {
        let start = self.i + 2;
        let hex = self.b.get(start..start + digits).ok_or(Bail)?;
        let mut value = 0u32;
        for &h in hex {
            let d = (h as char).to_digit(16).ok_or(Bail)?;
            value = (value << 4) | d;
        }
        // Surrogates (JSON's `\ud83d\ude00`) are not characters: saphyr refuses them.
        let c = char::from_u32(value).ok_or(Bail)?;
        self.i = start + digits;
        Ok(c)
    }

    // ---- block scalars ----

    /// A literal (`|`) or folded (`>`) block scalar in a block collection at column `parent`,
    /// read as saphyr's `scan_block_scalar` does.
    fn block_scalar(&mut self, parent: usize) -> Fast<(Node, Next)> {
        let literal = self.peek() == b'|';
        self.i += 1;
        let (chomp, increment) = self.block_scalar_header()?;
        self.end_line()?;
        if self.at_eof() || self.peek() == b'\t' {
            return Err(Bail);
        }
        let mut trailing_breaks = 0;
        let indent = if increment > 0 {
            let indent = parent + increment;
            self.skip_block_indent(indent, &mut trailing_breaks);
            indent
        } else {
            // The first non-blank line sets the indentation (at least one past the parent).
            let mut max_indent = 0;
            loop {
                self.skip_spaces();
                max_indent = max_indent.max(self.col());
                if self.peek() != b'\n' {
                    break;
                }
                trailing_breaks += 1;
                self.newline();
            }
            max_indent.max(parent + 1)
        };
        // Empty scalars at the end of the text take another path in saphyr; rare, so skipped.
        if self.at_eof() || (self.col() < indent && self.col() > parent) {
            return Err(Bail);
        }
        let pos = self.pos();
        let mut text = std::mem::take(&mut self.buf);
        text.clear();
        let mut leading_break = false;
        let mut leading_blank = false;
        while self.col() == indent && !matches!(self.peek(), b'\n' | 0) {
            let trailing_blank = matches!(self.peek(), b' ' | b'\t');
            if !literal && leading_break && !leading_blank && !trailing_blank {
                // Folding: a single break between two normal lines becomes a space.
                if trailing_breaks == 0 {
                    text.push(' ');
                }
            } else if leading_break {
                text.push('\n');
            }
            text.extend(std::iter::repeat_n('\n', trailing_breaks));
            trailing_breaks = 0;
            leading_blank = trailing_blank;
            let end = self.line_end(self.i);
            text.push_str(self.slice(self.i, end)?);
            self.i = end;
            leading_break = false;
            if self.peek() != b'\n' {
                break;
            }
            leading_break = true;
            self.newline();
            self.skip_block_indent(indent, &mut trailing_breaks);
        }
        if chomp != Chomp::Strip {
            if leading_break {
                text.push('\n');
            }
            // A last line without a line break still ends with one.
            if self.at_eof() && (self.pos().column as usize - 1) >= indent.max(1) {
                text.push('\n');
            }
        }
        if chomp == Chomp::Keep {
            text.extend(std::iter::repeat_n('\n', trailing_breaks));
        }
        let node = Node::new(Value::Str(text.as_str().into()), pos);
        self.buf = text;
        Ok((node, self.skip_to_content()?))
    }

    /// Chomping and indentation indicators, in either order.
    fn block_scalar_header(&mut self) -> Fast<(Chomp, usize)> {
        let mut chomp = Chomp::Clip;
        let mut increment = 0;
        for _ in 0..2 {
            match self.peek() {
                b'+' if chomp == Chomp::Clip => chomp = Chomp::Keep,
                b'-' if chomp == Chomp::Clip => chomp = Chomp::Strip,
                c @ b'1'..=b'9' if increment == 0 => increment = (c - b'0') as usize,
                b'0' => return Err(Bail),
                _ => break,
            }
            self.i += 1;
        }
        Ok((chomp, increment))
    }

    /// Skips up to `indent` spaces of each line, counting the lines that hold nothing more.
    fn skip_block_indent(&mut self, indent: usize, breaks: &mut usize) {
        loop {
            while self.col() < indent && self.peek() == b' ' {
                self.i += 1;
            }
            if self.peek() != b'\n' {
                return;
            }
            *breaks += 1;
            self.newline();
        }
    }

    // ---- flow collections ----

    /// A `[…]` or `{…}` collection (JSON included) inside a block collection at column
    /// `parent` (-1 at a document root). Leaves the reader after the closing bracket.
    fn flow_collection(&mut self, parent: isize, depth: usize) -> Fast<Node> {
        self.check_depth(depth)?;
        let pos = self.pos();
        let is_seq = self.peek() == b'[';
        self.i += 1;
        self.flow_space(parent)?;
        let value = if is_seq {
            Value::Seq(self.flow_items(parent, depth)?)
        } else {
            Value::Map(self.flow_entries(parent, depth)?)
        };
        Ok(Node::new(value, pos))
    }

    fn flow_items(&mut self, parent: isize, depth: usize) -> Fast<Box<[Node]>> {
        let base = self.nodes.len();
        if self.peek() != b']' {
            loop {
                let item = self.flow_node(parent, depth + 1)?;
                self.nodes.push(item);
                if !self.flow_separator(parent, b']')? {
                    break;
                }
            }
        }
        self.i += 1;
        Ok(self.nodes.drain(base..).collect())
    }

    fn flow_entries(&mut self, parent: isize, depth: usize) -> Fast<Box<[Entry]>> {
        let base = self.entries.len();
        if self.peek() != b'}' {
            loop {
                let key_pos = self.pos();
                let key = self.flow_key()?;
                if &*key == "<<" {
                    return Err(Bail);
                }
                self.skip_spaces();
                if self.peek() != b':' {
                    return Err(Bail);
                }
                self.i += 1;
                self.flow_space(parent)?;
                let value = self.flow_node(parent, depth + 1)?;
                self.entries.push(Entry {
                    key,
                    key_pos,
                    value,
                });
                if !self.flow_separator(parent, b'}')? {
                    break;
                }
            }
        }
        self.i += 1;
        Ok(self.entries.drain(base..).collect())
    }

    /// After a flow item: `,` (true: another item follows) or the closing bracket (false, the
    /// reader stays on it).
    fn flow_separator(&mut self, parent: isize, close: u8) -> Fast<bool> {
        self.flow_space(parent)?;
        match self.peek() {
            b',' => {
                self.i += 1;
                self.flow_space(parent)?;
                // A trailing comma is legal YAML but rare: left to the reference reader.
                if self.peek() == close {
                    return Err(Bail);
                }
                Ok(true)
            }
            c if c == close => Ok(false),
            _ => Err(Bail),
        }
    }

    fn flow_key(&mut self) -> Fast<Box<str>> {
        match self.peek() {
            b'"' | b'\'' => self.quoted_text(None),
            c if starts_plain_in_flow(c, self.at(self.i + 1)) => {
                let start = self.i;
                let (end, stop, _) = self.scan_plain_line(start, true);
                if stop != Stop::Colon {
                    return Err(Bail);
                }
                self.i = end;
                Ok(self.slice(start, end)?.into())
            }
            _ => Err(Bail),
        }
    }

    fn flow_node(&mut self, parent: isize, depth: usize) -> Fast<Node> {
        match self.peek() {
            b'[' | b'{' => self.flow_collection(parent, depth),
            b'"' | b'\'' => self.quoted(None),
            c if starts_plain_in_flow(c, self.at(self.i + 1)) => {
                let pos = self.pos();
                let start = self.i;
                let (end, stop, _) = self.scan_plain_line(start, true);
                // `[a: b]` pairs and `{a: b: c}` are not in the subset.
                if stop == Stop::Colon {
                    return Err(Bail);
                }
                self.i = end;
                Ok(Node::new(resolve_plain(self.slice(start, end)?), pos))
            }
            _ => Err(Bail),
        }
    }

    /// Spaces, line breaks and comments between flow tokens. Lines must stay indented past
    /// the enclosing block, and a document marker inside a collection is an error.
    fn flow_space(&mut self, parent: isize) -> Fast<()> {
        loop {
            match self.peek() {
                b' ' => self.i += 1,
                b'\n' => {
                    self.newline();
                    if self.at_marker().is_some() {
                        return Err(Bail);
                    }
                    self.skip_spaces();
                    if !matches!(self.peek(), b'\n' | b'#' | b'\t' | 0)
                        && self.col() as isize <= parent
                    {
                        return Err(Bail);
                    }
                }
                b'#' if matches!(self.at(self.i.wrapping_sub(1)), b' ' | b'\n') => {
                    self.skip_comment()
                }
                // Tabs, an unclosed collection at the end of the text, anything else: stop.
                b'\t' | 0 => return Err(Bail),
                _ => return Ok(()),
            }
        }
    }
}
