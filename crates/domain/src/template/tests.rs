//! Every helper and context variable, rendered through the real engine.

use std::sync::Arc;

use super::*;
use crate::state::{OverlayStore, StateMeta, StateRepository};

/// An in-memory store: an overlay over a store that is always empty.
pub(super) struct Empty;

impl StateRepository for Empty {
    fn get(&self, _: &str, _: &str) -> Result<Option<serde_json::Value>, crate::state::StateError> {
        Ok(None)
    }
    fn set(
        &self,
        _: &str,
        _: &str,
        _: &serde_json::Value,
        _: &StateMeta,
    ) -> Result<(), crate::state::StateError> {
        Ok(())
    }
    fn increment(
        &self,
        _: &str,
        _: &str,
        i: i64,
        _: i64,
        _: &StateMeta,
    ) -> Result<i64, crate::state::StateError> {
        Ok(i)
    }
    fn delete(&self, _: &str, _: &str) -> Result<bool, crate::state::StateError> {
        Ok(false)
    }
    fn list(&self, _: &str) -> Result<Vec<crate::state::StateEntry>, crate::state::StateError> {
        Ok(vec![])
    }
    fn sessions(&self) -> Result<Vec<crate::state::SessionSummary>, crate::state::StateError> {
        Ok(vec![])
    }
    fn clear(&self, _: Option<String>) -> Result<usize, crate::state::StateError> {
        Ok(0)
    }
}

fn request() -> TemplateRequest {
    TemplateRequest {
        method: "POST".into(),
        path: "/api/users/42".into(),
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("cookie".into(), "theme=dark; sid=abc".into()),
        ],
        query: vec![("page".into(), "2".into()), ("page".into(), "3".into())],
        body: r#"{"user": {"name": "Ada"}, "items": [1, 2]}"#.into(),
        path_params: vec![("id".into(), "42".into())],
        client_ip: "127.0.0.1".into(),
        session_id: Some("s1".into()),
    }
}

pub(super) fn render_with(
    source: &str,
    store: Option<Arc<dyn StateRepository>>,
) -> Result<String, TemplateError> {
    let set = TemplateSet::compile(vec![("t".into(), source.into())]).map_err(|(_, e)| e)?;
    let context = RenderContext::new(request(), "mock-1", "My mock", store);
    set.render("t", &context, crate::limits::DEFAULT_TEMPLATE_MAX_OUTPUT)
        .map(Option::unwrap_or_default)
}

fn render(source: &str) -> String {
    render_with(source, None).unwrap_or_else(|e| panic!("{source}: {e}"))
}

#[test]
fn request_context_is_exposed() {
    assert_eq!(
        render("{{ request.method }} {{ request.path }}"),
        "POST /api/users/42"
    );
    assert_eq!(
        render("{{ request.headers['content-type'] }}|{{ request.headers['Content-Type'] }}"),
        "application/json|application/json"
    );
    assert_eq!(
        render("{{ request.query.page }}"),
        "2",
        "first value per name"
    );
    assert_eq!(
        render("{{ request.json.user.name }} {{ request.json['items'][1] }}"),
        "Ada 2"
    );
    assert_eq!(
        render("{{ request.body }}"),
        r#"{"user": {"name": "Ada"}, "items": [1, 2]}"#
    );
    assert_eq!(render("{{ request.path_params.id }}"), "42");
    assert_eq!(
        render("{{ request.cookies.theme }}/{{ request.cookies.sid }}"),
        "dark/abc"
    );
    assert_eq!(
        render("{{ session_id }} {{ client_ip }} {{ mock.id }} {{ mock.name }}"),
        "s1 127.0.0.1 mock-1 My mock"
    );
    assert!(render("{{ env.timestamp }}").parse::<i64>().is_ok());
}

#[test]
fn conditionals_and_loops_work_and_output_is_not_escaped() {
    assert_eq!(render("{% for i in request.json['items'] %}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}"), "1,2");
    assert_eq!(
        render("{% if request.query.page == '2' %}two{% else %}other{% endif %}"),
        "two"
    );
    assert_eq!(render("{{ '<b>&' }}"), "<b>&");
}

#[test]
fn time_helpers() {
    let now = render("{{ now() }}");
    assert!(chrono::DateTime::parse_from_rfc3339(&now).is_ok(), "{now}");
    assert_eq!(
        render("{{ now('%Y') }}"),
        chrono::Utc::now().format("%Y").to_string()
    );
    let ts: i64 = render("{{ timestamp() }}").parse().unwrap_or(0);
    assert!((ts - chrono::Utc::now().timestamp()).abs() < 5);
}

#[test]
fn random_helpers_respect_their_bounds() {
    for _ in 0..1000 {
        let n: i64 = render("{{ random_int(1, 10) }}").parse().unwrap_or(-1);
        assert!((1..=10).contains(&n), "{n}");
    }
    let named: i64 = render("{{ random_int(min=5, max=5) }}")
        .parse()
        .unwrap_or(-1);
    assert_eq!(named, 5);
    let default: i64 = render("{{ random_int() }}").parse().unwrap_or(-1);
    assert!((0..=100).contains(&default));
    let f: f64 = render("{{ random_float(2, 3) }}").parse().unwrap_or(-1.0);
    assert!((2.0..3.0).contains(&f));
    assert_eq!(render("{{ random_token() }}").len(), 32);
    assert_eq!(render("{{ random_token(length=8) }}").len(), 8);
    assert!(render("{{ random_token(5) }}")
        .chars()
        .all(|c| c.is_ascii_alphanumeric()));
    let uuid = render("{{ random_uuid() }}");
    assert!(uuid::Uuid::parse_str(&uuid).is_ok() && uuid.len() == 36);
    assert!(render("{{ random_email() }}").contains('@'));
    assert!(render("{{ random_phone() }}")
        .chars()
        .any(|c| c.is_ascii_digit()));
    assert!(render("{{ random_name() }}").contains(' '));
    assert!(!render("{{ random_address() }}").is_empty());
    assert!(["a", "b", "c"].contains(&render("{{ random_choice(['a', 'b', 'c']) }}").as_str()));
    assert!(render_with("{{ random_int(10, 1) }}", None).is_err());
}

#[test]
fn faker_methods_use_python_faker_names() {
    for method in FAKER_METHODS {
        let out = render(&format!("{{{{ faker.{method}() }}}}"));
        assert!(!out.is_empty(), "faker.{method}() was empty");
    }
    assert!(render("{{ faker.email() }}").contains('@'));
    assert!(uuid::Uuid::parse_str(&render("{{ faker.uuid4() }}")).is_ok());
    assert!(chrono::NaiveDate::parse_from_str(&render("{{ faker.date() }}"), "%Y-%m-%d").is_ok());
    assert_eq!(render("{{ faker.ipv4() }}").split('.').count(), 4);
    assert!(render("{{ faker_data('city') }}").len() > 1);
    assert!(render_with("{{ faker.nope() }}", None).is_err());
}

#[test]
fn string_and_hash_helpers_match_known_vectors() {
    assert_eq!(
        render("{{ uppercase('abC') }} {{ lowercase('AbC') }}"),
        "ABC abc"
    );
    assert_eq!(
        render("{{ md5('abc') }}"),
        "900150983cd24fb0d6963f7d28e17f72"
    );
    assert_eq!(
        render("{{ sha256('abc') }}"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        render("{{ base64_encode('hello world') }}"),
        "aGVsbG8gd29ybGQ="
    );
    assert_eq!(
        render("{{ base64_decode('aGVsbG8gd29ybGQ=') }}"),
        "hello world"
    );
    assert!(render_with("{{ base64_decode('***') }}", None).is_err());
}

#[test]
fn aggregates_accept_lists_and_arguments() {
    assert_eq!(render("{{ sum([1, 2, 3]) }} {{ sum(1, 2, 3) }}"), "6 6");
    assert_eq!(render("{{ min([4, 2, 8]) }} {{ min(4, 2, 8) }}"), "2 2");
    assert_eq!(render("{{ max([4, 2, 8]) }} {{ max(4, 2, 8) }}"), "8 8");
    assert_eq!(render("{{ avg([1, 2, 3, 4]) }} {{ avg(1, 2) }}"), "2.5 1.5");
    assert_eq!(render("{{ sum([1.5, 1]) }}"), "2.5");
    assert_eq!(render("{{ sum(request.json['items']) }}"), "3");
    assert!(render_with("{{ sum(['a']) }}", None).is_err());
}

#[test]
fn json_helpers_round_trip() {
    assert_eq!(
        render("{{ json_dumps(request.json.user) }}"),
        r#"{"name":"Ada"}"#
    );
    assert_eq!(render("{{ json_loads('{\"a\": [1, 2]}').a[1] }}"), "2");
    assert!(render_with("{{ json_loads('{bad') }}", None).is_err());
}

#[test]
fn state_and_sequence_are_bound_to_the_request_scope() {
    let store: Arc<dyn StateRepository> = Arc::new(OverlayStore::new(Arc::new(Empty)));
    let out = render_with(
        "{{ state.set('cart', {'items': [1]}) }}{{ state.get('cart')['items'][0] }} {{ state.get('missing', 'dflt') }} \
         {{ state.inc('n') }} {{ state.inc('n', delta=5) }} {{ sequence('s', start=10, increment=2) }} {{ sequence('s', 10, 2) }}\
         {{ state.delete('cart') }}{{ state.get('cart') is none }}",
        Some(store),
    );
    assert_eq!(
        out.unwrap_or_else(|e| panic!("{e}")),
        "1 dflt 1 6 10 12True"
    );
}

#[test]
fn sequence_without_state_is_a_render_error_not_a_panic() {
    let err = render_with("{{ sequence('x') }}", None).err();
    assert!(err.is_some_and(|e| e.message.contains("state")));
}

#[test]
fn compile_errors_carry_the_line() {
    let err = TemplateSet::check("fine\n{{ broken( }}").err();
    assert_eq!(err.as_ref().and_then(|e| e.line), Some(2));
}

#[test]
fn a_runaway_loop_runs_out_of_fuel_instead_of_hanging() {
    let started = std::time::Instant::now();
    let err = render_with(
        "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
        None,
    )
    .err();
    assert!(err.is_some_and(|e| e.message.contains("fuel")));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // A big but sane loop still renders.
    let out = render("{% for i in range(10000) %}{{ i }},{% endfor %}");
    assert!(out.starts_with("0,1,2,") && out.ends_with("9999,"));
}

#[test]
fn output_beyond_the_cap_is_a_render_error_and_below_it_renders() {
    let set = TemplateSet::compile(vec![(
        "t".into(),
        "{% for i in range(1000) %}0123456789{% endfor %}".into(),
    )])
    .unwrap_or_else(|(_, e)| panic!("{e}"));
    let context = RenderContext::new(request(), "m", "n", None);
    let capped = set.render("t", &context, 9_999).err();
    assert!(capped.is_some_and(|e| e.message.contains("limit of 9999 bytes")));
    let fits = set.render("t", &context, 10_000).ok().flatten();
    assert_eq!(fits.map(|s| s.len()), Some(10_000));
}

/// Recursion while rendering is bounded by minijinja's recursion limit, on
/// a stack no larger than an HTTP worker's.
#[test]
fn runaway_macro_and_loop_recursion_fail_cleanly_on_a_worker_sized_stack() {
    let outcome = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            [
                "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
                "{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}",
            ]
            .iter()
            .map(|t| render_with(t, None).is_err_and(|e| e.message.contains("recursion")))
            .collect::<Vec<bool>>()
        })
        .map(|t| t.join());
    assert!(
        matches!(outcome, Ok(Ok(ref v)) if v == &[true, true]),
        "{outcome:?}"
    );
}
