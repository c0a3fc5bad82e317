//! Mocks from other tools' files (SPEC §13): OpenAPI/Swagger specs,
//! WireMock mappings, Mockoon environments, HAR files and Mimicus's own
//! export. Each converter turns a parsed document into mock definitions in
//! the wire format, so every generated mock passes the same validation
//! (`dto::parse_mock`) as one sent to the admin API.

mod conversion;
mod document;
mod error;
mod format;
mod handlebars;
mod har;
mod ids;
mod jinja;
mod mockoon;
mod native;
mod openapi;
mod refs;
pub mod schema;
mod service;
mod wiremock;

pub use conversion::{Conversion, ImportWarning};
pub use document::parse_document;
pub use error::ImportError;
pub use format::ImportFormat;
pub use service::{ImportOutcome, ImportProgress, NoProgress};

use domain::limits::IMPORT_MAX_MOCKS as MAX_MOCKS;

/// How a document is imported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// `None`: recognised from the document.
    pub format: Option<ImportFormat>,
    /// Report what would happen, store nothing.
    pub dry_run: bool,
    /// Replace mocks whose id already exists.
    pub upsert: bool,
    /// Schema-generated bodies become templates that vary per request.
    pub dynamic: bool,
}

/// Parses `bytes` and converts them to mock definitions.
pub fn convert(
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<(ImportFormat, Conversion), ImportError> {
    let doc = parse_document(bytes)?;
    let format = match options.format {
        Some(format) => format,
        None => ImportFormat::sniff(&doc)?,
    };
    let conversion = match format {
        ImportFormat::OpenApi => openapi::convert(&doc, options.dynamic)?,
        ImportFormat::Mimicus => native::convert(&doc)?,
        ImportFormat::WireMock => wiremock::convert(&doc)?,
        ImportFormat::Mockoon => mockoon::convert(&doc)?,
        ImportFormat::Har => har::convert(&doc)?,
    };
    if conversion.mocks.len() > MAX_MOCKS {
        return Err(ImportError::invalid(
            "",
            format!(
                "the document would create {} mocks; one import creates at most {MAX_MOCKS}",
                conversion.mocks.len()
            ),
        ));
    }
    Ok((format, conversion))
}

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod test_support;
