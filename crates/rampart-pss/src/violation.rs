//! What a failing check reports, and how checks hand reports to their caller.

use std::ops::ControlFlow;

use rampart_document::Pos;

use crate::Check;

/// One offending field.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub check: Check,
    /// Field path relative to the pod object, starting with `spec.` or `metadata.`. When the
    /// offending field is absent, the path names the field that must be set.
    pub path: String,
    /// Position of that field's key, or of the deepest node that exists on the path.
    pub pos: Pos,
    /// A sentence saying what is wrong and what would be allowed.
    pub message: String,
}

/// Receives offences from a check. Checks call it with a closure so that the path and message
/// strings are only built when someone wants them: a verdict needs no strings at all.
pub(crate) trait Sink {
    /// `Break` when the caller has heard enough (a verdict needs a single offence).
    fn report(&mut self, make: impl FnOnce() -> Violation) -> ControlFlow<()>;
}

impl Sink for Vec<Violation> {
    fn report(&mut self, make: impl FnOnce() -> Violation) -> ControlFlow<()> {
        self.push(make());
        ControlFlow::Continue(())
    }
}

/// Only whether anything failed.
#[derive(Default)]
pub(crate) struct Verdict {
    pub(crate) failed: bool,
}

impl Sink for Verdict {
    fn report(&mut self, _make: impl FnOnce() -> Violation) -> ControlFlow<()> {
        self.failed = true;
        ControlFlow::Break(())
    }
}

/// Shorthand for building a violation inside a report closure.
pub(crate) fn violation(check: Check, path: String, pos: Pos, message: String) -> Violation {
    Violation {
        check,
        path,
        pos,
        message,
    }
}
