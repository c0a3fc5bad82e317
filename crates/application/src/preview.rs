//! `POST /api/admin/templates/preview` (SPEC §6): render against a sample
//! request with real state reads and discarded writes.

use std::sync::Arc;

use domain::state::{OverlayStore, StateRepository};
use domain::template::{RenderContext, TemplateError, TemplateRequest, TemplateSet};

use crate::AppError;

/// Renders `template` for `request`. The outer error is a server fault; the
/// inner one is the template's own (shown to the user with its line).
pub async fn preview(
    store: Arc<dyn StateRepository>,
    template: String,
    request: TemplateRequest,
    max_output: usize,
) -> Result<Result<String, TemplateError>, AppError> {
    tokio::task::spawn_blocking(move || {
        let set = match TemplateSet::compile(vec![("preview".into(), template)]) {
            Ok(set) => set,
            Err((_, e)) => return Err(e),
        };
        let overlay: Arc<dyn StateRepository> = Arc::new(OverlayStore::new(store));
        let context = RenderContext::new(request, "preview", "Template preview", Some(overlay));
        set.render("preview", &context, max_output)
            .map(Option::unwrap_or_default)
    })
    .await
    .map_err(|e| AppError::Storage(domain::RepositoryError::Unknown(e.to_string())))
}
