//! Container image references: mutable tags and missing digests.

pub mod latest_tag;
pub mod not_pinned_by_digest;
pub mod reference;
