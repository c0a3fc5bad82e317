use std::collections::HashSet;

use chrono::Utc;
use domain::{MockDefinition, RepositoryError};
use serde_json::Value;

use super::service::MockService;
use crate::dto::parse_mock;
use crate::AppError;

/// Outcome of a bulk import: valid items are stored even when others fail.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub created: Vec<MockDefinition>,
    /// `(index in the input, sentence)` for every item that was not stored.
    pub errors: Vec<(usize, String)>,
}

impl MockService {
    /// Imports `items`; a duplicate id is an item error unless `upsert`, in
    /// which case the whole stored definition is replaced (keeping its creation time).
    pub async fn bulk_import(
        &self,
        items: &[Value],
        upsert: bool,
    ) -> Result<ImportReport, AppError> {
        let mut report = ImportReport::default();
        let mut valid = Vec::new();
        let mut positions = Vec::new();
        let mut seen = HashSet::new();
        let _guard = self.write_guard().await;
        for (i, item) in items.iter().enumerate() {
            match parse_mock(item) {
                Err(e) => report.errors.push((i, e.to_string())),
                Ok(mut mock) => {
                    if !seen.insert(mock.id.clone()) && !upsert {
                        report.errors.push((
                            i,
                            format!("mock_id: '{}' appears twice in this import", mock.id),
                        ));
                        continue;
                    }
                    if let Some(existing) = self.catalog().get(&mock.id) {
                        mock.created_at = existing.created_at;
                        mock.updated_at = Utc::now();
                    }
                    valid.push(mock);
                    positions.push(i);
                }
            }
        }
        let results = self.repo().import(valid, upsert).await?;
        let mut stored = Vec::new();
        for (position, result) in positions.into_iter().zip(results) {
            match result {
                Ok(mock) => stored.push(mock),
                Err(RepositoryError::Duplicate(id)) => {
                    report.errors.push((
                        position,
                        format!("mock_id: '{id}' already exists (use ?upsert=true to replace)"),
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.catalog().put_many(stored.clone());
        report.errors.sort_by_key(|(i, _)| *i);
        report.created = stored;
        Ok(report)
    }
}
