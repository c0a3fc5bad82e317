//! OpenAPI 3.0/3.1 and Swagger 2.0 → one mock per operation (SPEC §13).
//!
//! The success mock answers with the first 2xx response (or `default`).
//! Documented 4xx/5xx responses that carry an example become extra mocks
//! for the same request, disabled and one priority higher, so enabling one
//! simulates that error.

mod media;
mod operation;
mod paths;
mod responses;

use serde_json::Value;

use super::error::pointer;
use super::ids::IdAllocator;
use super::refs::Refs;
use super::schema::Generator;
use super::{Conversion, ImportError};

/// The spec being converted, and the converter's running state.
pub(super) struct Spec<'a> {
    doc: &'a Value,
    refs: Refs<'a>,
    swagger2: bool,
    base: String,
    /// Generates response bodies: templates when the import is dynamic.
    generator: Generator<'a>,
    /// Always static: header values and text bodies.
    static_generator: Generator<'a>,
    ids: IdAllocator,
    out: Conversion,
}

pub fn convert(doc: &Value, dynamic: bool) -> Result<Conversion, ImportError> {
    let swagger2 = detect_version(doc)?;
    let refs = Refs::new(doc);
    refs.check_all()?;
    let mut spec = Spec {
        doc,
        refs,
        swagger2,
        base: paths::base_path(doc),
        generator: Generator::new(doc, dynamic),
        static_generator: Generator::new(doc, false),
        ids: IdAllocator::default(),
        out: Conversion::default(),
    };
    match doc.get("paths") {
        None => spec.out.warn(
            "/paths",
            "the spec has no paths, so there is nothing to mock",
        ),
        Some(Value::Object(paths)) => {
            for (path, item) in paths {
                spec.path_item(path, item)?;
            }
        }
        Some(_) => {
            return Err(ImportError::invalid(
                "/paths",
                "must be an object of path items",
            ))
        }
    }
    Ok(spec.out)
}

/// `true` for Swagger 2.0, `false` for OpenAPI 3.x; other versions are refused.
fn detect_version(doc: &Value) -> Result<bool, ImportError> {
    let version = |key: &str| {
        doc.get(key)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
    };
    if let Some(v) = version("openapi") {
        return if v.starts_with("3.") {
            Ok(false)
        } else {
            Err(ImportError::invalid(
                "/openapi",
                format!("OpenAPI {v} is not supported; use 3.0 or 3.1 (or Swagger 2.0)"),
            ))
        };
    }
    match version("swagger") {
        Some(v) if v == "2.0" || v == "2" => Ok(true),
        Some(v) => Err(ImportError::invalid("/swagger", format!("Swagger {v} is not supported; use 2.0"))),
        None => Err(ImportError::invalid("/openapi", "missing: an OpenAPI document names its version in \"openapi\" (or \"swagger\": \"2.0\")")),
    }
}

#[cfg(test)]
mod tests;
