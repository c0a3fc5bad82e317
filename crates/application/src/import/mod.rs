//! Mocks from other tools' files (SPEC §13): OpenAPI/Swagger specs,
//! WireMock mappings, Mockoon environments, HAR files and Mimicus's own
//! export. Each converter turns a parsed document into mock definitions in
//! the wire format, so every generated mock passes the same validation as
//! one sent to the admin API.

mod document;
mod error;
mod format;
mod refs;
pub mod schema;

pub use document::parse_document;
pub use error::ImportError;
pub use format::ImportFormat;

#[cfg(test)]
mod test_support;
