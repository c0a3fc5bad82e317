//! The import use case: convert a document, validate every mock, store
//! them through the bulk-import path (one transaction, one index rebuild).

use std::sync::Arc;
use std::time::Instant;

use domain::{MockDefinition, RepositoryError};

use super::{convert, ImportError, ImportFormat, ImportOptions, ImportWarning};
use crate::mocks::prepare_mocks;
use crate::{AppError, MockService};

/// Progress of a long import (the CLI draws a bar; the API has none).
pub trait ImportProgress: Send + Sync {
    /// A new phase begins; `total` items, or 0 when unknown.
    fn phase(&self, _name: &'static str, _total: u64) {}
    fn advance(&self, _items: u64) {}
}

/// Reports nothing.
pub struct NoProgress;

impl ImportProgress for NoProgress {}

/// What an import did (or, on a dry run, would do).
#[derive(Debug)]
pub struct ImportOutcome {
    pub format: ImportFormat,
    pub dry_run: bool,
    /// Ids of new mocks.
    pub created: Vec<String>,
    /// Ids of mocks replaced (`upsert`).
    pub updated: Vec<String>,
    /// Ids of mocks not stored (already there without `upsert`, or invalid).
    pub skipped: Vec<String>,
    pub warnings: Vec<ImportWarning>,
    /// The created and updated mocks, in document order.
    pub mocks: Vec<MockDefinition>,
}

/// Items validated per progress step.
const CHUNK: usize = 256;

impl MockService {
    /// Imports a document (JSON or YAML bytes) as mocks.
    pub async fn import_document(
        &self,
        bytes: Vec<u8>,
        options: ImportOptions,
        progress: Arc<dyn ImportProgress>,
    ) -> Result<ImportOutcome, AppError> {
        let started = Instant::now();
        let worker = Arc::clone(&progress);
        let converted = tokio::task::spawn_blocking(move || {
            worker.phase("converting", 0);
            let (format, conversion) = convert(&bytes, &options)?;
            drop(bytes);
            worker.phase("validating", conversion.mocks.len() as u64);
            let mut prepared = Vec::with_capacity(conversion.mocks.len());
            for chunk in conversion.mocks.chunks(CHUNK) {
                prepared.extend(prepare_mocks(chunk));
                worker.advance(chunk.len() as u64);
            }
            Ok::<_, ImportError>((format, conversion, prepared))
        })
        .await
        .map_err(|e| {
            AppError::Storage(RepositoryError::Unknown(format!("import task failed: {e}")))
        })?;
        let (format, conversion, prepared) = converted?;
        let converted_at = started.elapsed();
        progress.phase("storing", 0);
        let report = self
            .store_prepared(prepared, options.upsert, options.dry_run)
            .await?;
        let item_id = |i: usize| {
            conversion.mocks[i]
                .get("mock_id")
                .and_then(serde_json::Value::as_str)
                .map_or_else(|| format!("#{i}"), str::to_string)
        };
        let mut outcome = ImportOutcome {
            format,
            dry_run: options.dry_run,
            created: Vec::new(),
            updated: Vec::new(),
            skipped: Vec::new(),
            warnings: conversion.warnings,
            mocks: Vec::with_capacity(report.stored.len()),
        };
        for (index, error) in report.errors {
            let id = item_id(index);
            outcome.skipped.push(id.clone());
            outcome.warnings.push(ImportWarning {
                item: id,
                message: error,
            });
        }
        for stored in report.stored {
            let id = stored.mock.id.to_string();
            if stored.replaced {
                outcome.updated.push(id);
            } else {
                outcome.created.push(id);
            }
            outcome.mocks.push(stored.mock);
        }
        tracing::info!(
            format = %format,
            dry_run = options.dry_run,
            created = outcome.created.len(),
            updated = outcome.updated.len(),
            skipped = outcome.skipped.len(),
            warnings = outcome.warnings.len(),
            convert_ms = converted_at.as_secs_f64() * 1000.0,
            elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
            "import finished"
        );
        Ok(outcome)
    }
}
