//! What every converter returns: mocks in the wire format and warnings.

use serde_json::Value;

/// Something in the source that Mimicus could not carry over exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// The mock id it concerns, or where in the document it is.
    pub item: String,
    pub message: String,
}

/// A converted document.
#[derive(Debug, Default)]
pub struct Conversion {
    /// Mock definitions in the admin API's JSON format.
    pub mocks: Vec<Value>,
    pub warnings: Vec<ImportWarning>,
}

impl Conversion {
    pub fn warn(&mut self, item: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            item: item.into(),
            message: message.into(),
        });
    }
}
