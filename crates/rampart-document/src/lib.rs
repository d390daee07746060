//! YAML and JSON documents as trees that remember where every value was written.
//!
//! Kubernetes manifests, `kubectl get -o json` dumps and cluster definitions all load into the
//! same [`Node`] tree, so every engine and rule can point a finding at a file, line and column.

mod node;
mod parse;
mod subset;

pub use node::{
    dotted_keys, join_key, push_index, push_key, push_path, Entry, Node, PathSteps, Pos, Step,
    Value,
};
pub use parse::{parse_bytes, parse_str, resolve_plain, Document, Limits, ParseError};
#[doc(hidden)]
pub use parse::{parse_str_fast, parse_str_reference};
