use std::collections::HashSet;

use chrono::Utc;
use domain::template::with_compile_stack;
use domain::{MockDefinition, RepositoryError};
use serde_json::Value;

use super::service::MockService;
use crate::dto::parse_mock;
use crate::AppError;

/// Outcome of a bulk import: valid items are stored even when others fail.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Stored mocks (on a dry run: the ones that would be), in input order.
    pub stored: Vec<StoredMock>,
    /// `(index in the input, sentence)` for every item that was not stored.
    pub errors: Vec<(usize, String)>,
}

#[derive(Debug)]
pub struct StoredMock {
    pub index: usize,
    pub mock: MockDefinition,
    /// It replaced a mock with the same id (`upsert`).
    pub replaced: bool,
}

/// Each input item parsed and validated, or why it is invalid. Pure CPU
/// work, so callers may run it off the async workers. All items' templates
/// are compiled on one compile-stack thread instead of a thread each.
pub fn prepare_mocks(items: &[Value]) -> Vec<Result<MockDefinition, String>> {
    let parse_all = || {
        items
            .iter()
            .map(|item| parse_mock(item).map_err(|e| e.to_string()))
            .collect()
    };
    // If no thread can be started, each template gets its own attempt.
    with_compile_stack(parse_all).unwrap_or_else(|_| parse_all())
}

impl MockService {
    /// Imports `items`; a duplicate id is an item error unless `upsert`, in
    /// which case the whole stored definition is replaced (keeping its creation time).
    pub async fn bulk_import(
        &self,
        items: &[Value],
        upsert: bool,
    ) -> Result<ImportReport, AppError> {
        self.store_prepared(prepare_mocks(items), upsert, false)
            .await
    }

    /// Stores mocks prepared by [`prepare_mocks`] in one transaction; with
    /// `dry_run`, reports what would be stored and changes nothing.
    pub async fn store_prepared(
        &self,
        prepared: Vec<Result<MockDefinition, String>>,
        upsert: bool,
        dry_run: bool,
    ) -> Result<ImportReport, AppError> {
        let mut report = ImportReport::default();
        let mut valid = Vec::new();
        let mut positions = Vec::new();
        let mut seen = HashSet::new();
        let _guard = self.write_guard().await;
        for (i, item) in prepared.into_iter().enumerate() {
            match item {
                Err(e) => report.errors.push((i, e)),
                Ok(mut mock) => {
                    if let Err(e) = self.check_upstream(&mock) {
                        report.errors.push((i, e.to_string()));
                        continue;
                    }
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
        let replaced: Vec<bool> = valid
            .iter()
            .map(|m| self.catalog().get(&m.id).is_some())
            .collect();
        let results = if dry_run {
            valid
                .into_iter()
                .zip(&replaced)
                .map(|(mock, exists)| {
                    if *exists && !upsert {
                        Err(RepositoryError::Duplicate(mock.id.to_string()))
                    } else {
                        Ok(mock)
                    }
                })
                .collect()
        } else {
            let started = std::time::Instant::now();
            let results = self.repo().import(valid, upsert).await?;
            tracing::debug!(
                mocks = results.len(),
                elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
                "bulk import stored"
            );
            results
        };
        for ((index, result), replaced) in positions.into_iter().zip(results).zip(replaced) {
            match result {
                Ok(mock) => report.stored.push(StoredMock {
                    index,
                    mock,
                    replaced,
                }),
                Err(RepositoryError::Duplicate(id)) => {
                    report.errors.push((
                        index,
                        format!("mock_id: '{id}' already exists (use ?upsert=true to replace)"),
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        if !dry_run {
            self.catalog()
                .put_many(report.stored.iter().map(|s| s.mock.clone()).collect());
        }
        report.errors.sort_by_key(|(i, _)| *i);
        Ok(report)
    }
}
