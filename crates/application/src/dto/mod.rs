//! Wire formats: JSON in, JSON out, with field-precise validation errors.

mod fields;
mod mock_json;
mod mock_parse;
mod recording;
mod serde_input;
pub mod strict_json;
mod suggest;
mod variants;

pub use mock_json::{definition_json, mock_to_json, timestamp};
pub use mock_parse::{parse_mock, KNOWN_FIELDS};
pub use recording::{capture_json, parse_start, parse_stop, status_json, StopOptions};
pub use serde_input::from_json;
