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

/// The request the template-translation tests render against.
pub fn sample_request() -> TemplateRequest {
    TemplateRequest {
        method: "POST".into(),
        path: "/users/42/orders".into(),
        headers: vec![
            ("X-Trace".into(), "abc".into()),
            ("X-Lang".into(), "fr".into()),
        ],
        query: vec![("page".into(), "3".into()), ("q".into(), "cats".into())],
        body: r#"{"user": {"name": "Ann", "tags": ["a", "b"]}}"#.into(),
        path_params: vec![("id".into(), "42".into())],
        ..Default::default()
    }
}

/// Translates `source` with `helper` (every tag must translate) and
/// renders it against [`sample_request`].
pub fn render_translated(
    source: &str,
    helper: &dyn Fn(&super::jinja::Expr) -> Option<String>,
) -> String {
    let t = super::jinja::translate(source, helper);
    assert!(t.unsupported.is_empty(), "{:?}", t.unsupported);
    render(&t.text, sample_request())
}
