//! Example values from JSON Schema (OpenAPI's dialects included): a value
//! that validates against the schema, realistic where the schema says what
//! a field holds, and — for dynamic imports — a template whose leaves vary
//! per request.
//!
//! Work is bounded: every schema node visited costs fuel, per example and
//! per document, so recursive schemas and exponential `allOf` fan-out end
//! with a shorter example and a warning, never with a hang.

mod collections;
mod generator;
mod leaves;
mod merge;
mod names;
mod numbers;
mod pattern;
mod sample;
mod strings;

pub use generator::{Example, Generator};
pub use sample::{has_jinja_syntax, jinja_string, write_literal, Sample};
pub use strings::format_value;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
