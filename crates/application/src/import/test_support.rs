//! Rendering through the real template engine, for converter tests.

use domain::template::{RenderContext, TemplateRequest, TemplateSet};

/// Compiles and renders `source` against `request`; panics with the error.
pub fn render(source: &str, request: TemplateRequest) -> String {
    let set = TemplateSet::compile(vec![("t".into(), source.into())])
        .unwrap_or_else(|(_, e)| panic!("{e}: {source}"));
    let context = RenderContext::new(request, "m", "m", None);
    set.render("t", &context, domain::limits::DEFAULT_TEMPLATE_MAX_OUTPUT)
        .unwrap_or_else(|e| panic!("{e}: {source}"))
        .unwrap_or_default()
}
