//! The import formats and how a document's format is recognised.

use std::fmt;

use serde_json::Value;

use super::ImportError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    OpenApi,
    WireMock,
    Mockoon,
    Har,
    /// Mimicus's own export, `{"mocks": [...]}`.
    Mimicus,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 5] = [
        Self::OpenApi,
        Self::WireMock,
        Self::Mockoon,
        Self::Har,
        Self::Mimicus,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpenApi => "openapi",
            Self::WireMock => "wiremock",
            Self::Mockoon => "mockoon",
            Self::Har => "har",
            Self::Mimicus => "mimicus",
        }
    }

    /// Parses a format name (case-insensitive; `swagger` is OpenAPI).
    pub fn parse(raw: &str) -> Result<Self, ImportError> {
        let lower = raw.to_ascii_lowercase();
        if lower == "swagger" {
            return Ok(Self::OpenApi);
        }
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == lower)
            .ok_or_else(|| {
                ImportError::invalid(
                    "format",
                    format!(
                        "must be one of openapi, wiremock, mockoon, har, mimicus; got \"{}\"",
                        domain::limits::echo(raw)
                    ),
                )
            })
    }

    /// Recognises the format from the document's top-level shape.
    pub fn sniff(doc: &Value) -> Result<Self, ImportError> {
        let has = |key: &str| doc.get(key).is_some();
        let is_array = |key: &str| doc.get(key).is_some_and(Value::is_array);
        let format = if has("openapi") || has("swagger") {
            Some(Self::OpenApi)
        } else if doc.pointer("/log/entries").is_some_and(Value::is_array) {
            Some(Self::Har)
        } else if is_array("mappings") || (has("request") && has("response")) {
            Some(Self::WireMock)
        } else if is_array("routes")
            && (has("uuid") || has("lastMigration") || has("endpointPrefix"))
        {
            Some(Self::Mockoon)
        } else if is_array("mocks")
            || doc
                .as_array()
                .is_some_and(|items| items.first().is_some_and(|i| i.get("match_path").is_some()))
        {
            Some(Self::Mimicus)
        } else {
            None
        };
        format.ok_or_else(|| {
            ImportError::invalid(
                "format",
                "could not tell which tool this document comes from (expected an OpenAPI or \
                 Swagger spec, WireMock mappings, a Mockoon environment, a HAR file or a \
                 Mimicus export); pass ?format=…",
            )
        })
    }
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_format_is_recognised_from_its_shape() {
        let cases = [
            (
                json!({"openapi": "3.0.3", "paths": {}}),
                ImportFormat::OpenApi,
            ),
            (json!({"swagger": "2.0"}), ImportFormat::OpenApi),
            (json!({"log": {"entries": []}}), ImportFormat::Har),
            (json!({"mappings": []}), ImportFormat::WireMock),
            (
                json!({"request": {}, "response": {}}),
                ImportFormat::WireMock,
            ),
            (json!({"uuid": "x", "routes": []}), ImportFormat::Mockoon),
            (json!({"mocks": []}), ImportFormat::Mimicus),
            (json!([{"match_path": "/a"}]), ImportFormat::Mimicus),
        ];
        for (doc, expected) in cases {
            assert_eq!(ImportFormat::sniff(&doc), Ok(expected), "{doc}");
        }
        assert!(ImportFormat::sniff(&json!({"hello": 1})).is_err());
        assert!(ImportFormat::sniff(&json!("text")).is_err());
    }

    #[test]
    fn names_parse_case_insensitively() {
        assert_eq!(ImportFormat::parse("OpenAPI"), Ok(ImportFormat::OpenApi));
        assert_eq!(ImportFormat::parse("swagger"), Ok(ImportFormat::OpenApi));
        assert!(ImportFormat::parse("postman").is_err());
    }
}
