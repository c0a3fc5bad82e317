//! Captures → stored mocks, through the same bulk path as an import.

use domain::recording::{mocks_from_exchanges, Capture, ConversionOptions};
use domain::MockDefinition;
use serde_json::Value;

use crate::dto::definition_json;
use crate::{AppError, MockService};

/// A capture that made no mock, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedCapture {
    pub capture_id: i64,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct CreatedMocks {
    pub created: Vec<MockDefinition>,
    pub skipped: Vec<SkippedCapture>,
    /// `(mock_id, sentence)` for converted mocks that storing refused.
    pub errors: Vec<(String, String)>,
}

/// Tags of every recorded mock, to find (and clean up) them as a group.
pub const RECORDED_TAG: &str = "recorded";

/// Converts `captures` and stores the mocks. Ids never clash with stored
/// mocks unless `upsert`: a taken id gets the next free `-2`, `-3`, …; with
/// `upsert` the stored mock of that id is replaced, its variant positions
/// and rate-limit counters reset. The mocks go through the bulk import,
/// so they are validated exactly like mocks sent by a user.
pub async fn create_mocks(
    mocks: &MockService,
    captures: &[Capture],
    upsert: bool,
) -> Result<CreatedMocks, AppError> {
    let catalog = mocks.catalog();
    let is_taken = |id: &str| {
        !upsert
            && domain::MockId::parse(id)
                .ok()
                .is_some_and(|id| catalog.get(&id).is_some())
    };
    let conversion = mocks_from_exchanges(
        captures.iter().map(|c| c.entry.exchange()),
        &ConversionOptions {
            id_prefix: "rec",
            tags: vec![RECORDED_TAG.to_string()],
            is_taken: &is_taken,
        },
    );
    let items: Vec<Value> = conversion
        .mocks
        .iter()
        .map(|m| Value::Object(definition_json(m)))
        .collect();
    let report = mocks.bulk_import(&items, upsert).await?;
    for stored in report.stored.iter().filter(|s| s.replaced) {
        mocks.reset(stored.mock.id.as_str()).await?;
    }
    let errors = report
        .errors
        .into_iter()
        .map(|(index, error)| {
            let id = conversion.mocks.get(index).map(|m| m.id.to_string());
            (id.unwrap_or_default(), error)
        })
        .collect();
    let skipped = conversion
        .skipped
        .into_iter()
        .map(|s| SkippedCapture {
            capture_id: captures.get(s.index).map_or(0, |c| c.capture_id),
            reason: s.reason,
        })
        .collect();
    Ok(CreatedMocks {
        created: report.stored.into_iter().map(|s| s.mock).collect(),
        skipped,
        errors,
    })
}
