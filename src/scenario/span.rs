//! Byte ranges into a scenario file, kept on values that later stages report on.

use std::ops::Range;

/// A byte range into the scenario source. Empty (`0..0`) when a value did not come from a file
/// (a `--var` override, a default).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span(pub Range<usize>);

impl Span {
    pub fn is_known(&self) -> bool {
        !self.0.is_empty()
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span(r)
    }
}
