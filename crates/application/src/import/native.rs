//! Mimicus's own export (`{"mocks": [...]}` or a bare array), imported as is.

use serde_json::Value;

use super::{Conversion, ImportError};

pub fn convert(doc: &Value) -> Result<Conversion, ImportError> {
    let items = match doc {
        Value::Array(items) => items,
        Value::Object(map) => match map.get("mocks") {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(ImportError::invalid(
                    "/mocks",
                    "must be an array of mock definitions",
                ))
            }
        },
        _ => return Err(ImportError::invalid("", "send {\"mocks\": [...]}")),
    };
    Ok(Conversion {
        mocks: items.clone(),
        warnings: Vec::new(),
    })
}
