//! Property tests over the admin surface (issue 13): generated templates,
//! JSONPaths, regexes, body conditions and whole mock definitions are sent to
//! create, PATCH, bulk import and preview of the real `mimicus` binary. Every
//! answer must be a 2xx or a SPEC §2 4xx error, a refused input must leave
//! the stored mocks unchanged, and the process must still be up at the end
//! (a stack overflow aborts it, which fails the next request).
//!
//! `MIMICUS_PROPTEST_CASES` sets the number of cases per property (default
//! 64, a few seconds; `make test` stays well under a minute).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::{Client, Method};
use serde_json::{json, Value};

use crate::helpers::{mock_json, start_binary, ServerProcess};

fn cases() -> u32 {
    std::env::var("MIMICUS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Flat operator chains up to 100,000 long, deep nesting of every kind,
/// long filter and attribute chains, elif ladders and random fragments.
fn template() -> impl Strategy<Value = String> {
    let binary = prop::sample::select(vec![
        " + 1",
        " - 1",
        " * 2",
        " ~ 'a'",
        " and x",
        " or y",
        " == 1",
        " in z",
        "|abs",
        "|upper",
        "|default(1)",
        ".b",
        ".0",
        "()",
        "[0]",
        " is defined",
    ]);
    let unary = prop::sample::select(vec!["not ", "-", "+"]);
    // Weighted towards long chains: a bounded run must meet them often.
    let length = prop_oneof![
        1 => 0usize..2_000,
        2 => 2_000usize..100_000,
        2 => Just(100_000usize),
    ];
    prop_oneof![
        4 => (binary.clone(), length.clone()).prop_map(|(op, n)| format!("{{{{ 1{} }}}}", op.repeat(n))),
        2 => (unary, length).prop_map(|(op, n)| format!("{{{{ {}1 }}}}", op.repeat(n))),
        1 => (0usize..3_000).prop_map(|n| format!("{{{{ {}1{} }}}}", "(".repeat(n), ")".repeat(n))),
        1 => (0usize..3_000).prop_map(|n| format!("{{{{ {}1{} }}}}", "[".repeat(n), "]".repeat(n))),
        1 => (0usize..3_000).prop_map(|n| format!("{}x{}", "{% if a %}".repeat(n), "{% endif %}".repeat(n))),
        1 => (0usize..20_000).prop_map(|n| format!("{{% if a %}}{}{{% endif %}}", "{% elif b %}".repeat(n))),
        1 => (0usize..3_000).prop_map(|n| format!("{}{{{{ x }}}}{}", "{% for i in a %}".repeat(n), "{% endfor %}".repeat(n))),
        1 => (prop::collection::vec(binary, 1..40), 1usize..3_000)
            .prop_map(|(ops, n)| format!("{{{{ x{} }}}}", ops.concat().repeat(n))),
        1 => "[{}%#a-z0-9 ()|.+~'\"\\-\\[\\]]{0,400}",
    ]
}

fn jsonpath() -> impl Strategy<Value = String> {
    prop_oneof![
        (0usize..3_000).prop_map(|n| format!("$[?{}@.a{}]", "(".repeat(n), ")".repeat(n))),
        (0usize..3_000).prop_map(|n| format!("${}{}", "[?@".repeat(n), "]".repeat(n))),
        (0usize..3_000).prop_map(|n| format!("${}", "..a".repeat(n))),
        "\\$[\\[\\]()?@.a-z0-9*=<>!&| '\"]{0,500}",
    ]
}

fn regex() -> impl Strategy<Value = String> {
    prop_oneof![
        "[()\\[\\]{}*+?|a-z0-9\\\\^$.,]{0,400}",
        (0usize..10_000).prop_map(|n| format!("{}a{}", "(".repeat(n), ")".repeat(n))),
        (0usize..2_000).prop_map(|n| "(a{1000})".repeat(n)),
        (0usize..10_000).prop_map(|n| "a*".repeat(n)),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z{}%]{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Fields that replace or extend a valid base mock.
fn mock_fields() -> impl Strategy<Value = Value> {
    let status = prop_oneof![-1_000i64..1_000, Just(100), Just(101), Just(199), Just(204)];
    prop_oneof![
        6 => template().prop_map(|t| json!({"is_template": true, "response_body": t})),
        2 => template().prop_map(|t| json!({"is_template": true, "error_body": t, "response_headers": {"X-T": t}})),
        1 => jsonpath().prop_map(|p| json!({"match_body": {"jsonpath": p}})),
        1 => (jsonpath(), regex()).prop_map(|(p, r)| json!({"match_body": [{"jsonpath": p, "regex": r}]})),
        1 => regex().prop_map(|r| json!({"match_body": {"regex": r}})),
        1 => regex().prop_map(|r| json!({"match_headers": {"X-A": {"regex": r}}, "match_query": {"q": {"regex": r}}})),
        1 => regex().prop_map(|r| json!({"match_path": format!("^/{r}")})),
        1 => "[/a-z{}*%^()0-9\\-]{0,300}".prop_map(|p| json!({"match_path": p})),
        1 => json_value().prop_map(|v| json!({"match_body": {"json_contains": v}})),
        1 => (status.clone(), status.clone()).prop_map(|(a, b)| json!({"response_status": a, "error_status_code": b})),
        1 => (status, template()).prop_map(|(s, t)| json!({"variants": [{"weight": 1, "response": {"status": s, "body": t, "is_template": true}}]})),
        1 => (prop::sample::select(application::dto::KNOWN_FIELDS.to_vec()), json_value())
            .prop_map(|(field, v)| json!({ field: v })),
        1 => json_value(),
    ]
}

/// A 2xx, or a 4xx with the SPEC §2 body; anything else fails the case.
fn check_answer(what: &str, status: u16, body: &Value) -> Result<bool, TestCaseError> {
    if (200..300).contains(&status) {
        return Ok(true);
    }
    let is_spec_error = body["error"].is_string() && body["detail"].is_string();
    if (400..500).contains(&status) && is_spec_error {
        return Ok(false);
    }
    Err(TestCaseError::fail(format!(
        "{what}: status {status}, body {}",
        domain::limits::echo(&body.to_string())
    )))
}

struct Admin<'a> {
    client: Client,
    server: &'a ServerProcess,
}

impl Admin<'_> {
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<(u16, Value), TestCaseError> {
        let response = self
            .client
            .request(method, format!("{}{path}", self.server.address))
            .json(body)
            .send()
            .await
            .map_err(|e| TestCaseError::fail(format!("server unreachable (crashed?): {e}")))?;
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    async fn export(&self) -> Result<Value, TestCaseError> {
        Ok(self
            .call(Method::GET, "/api/admin/mocks/export", &Value::Null)
            .await?
            .1)
    }

    /// Create, PATCH and bulk-import one definition (and preview its
    /// template), checking every answer and that refusals store nothing.
    async fn exercise(&self, fields: &Value) -> Result<(), TestCaseError> {
        let mut definition = mock_json("/fuzz", json!({}));
        if let (Some(d), Some(f)) = (definition.as_object_mut(), fields.as_object()) {
            d.extend(f.clone());
        }
        let before = self.export().await?;
        let (status, body) = self
            .call(Method::POST, "/api/admin/mocks", &definition)
            .await?;
        if check_answer("create", status, &body)? {
            let id = body["mock_id"].as_str().unwrap_or_default();
            self.call(
                Method::DELETE,
                &format!("/api/admin/mocks/{id}"),
                &Value::Null,
            )
            .await?;
        } else {
            prop_assert_eq!(
                &self.export().await?,
                &before,
                "a refused create stored something"
            );
        }

        let (status, body) = self
            .call(Method::PATCH, "/api/admin/mocks/fuzz-base", fields)
            .await?;
        if !check_answer("patch", status, &body)? {
            prop_assert_eq!(
                &self.export().await?,
                &before,
                "a refused patch changed something"
            );
        }

        let items = json!({"mocks": [definition]});
        let (status, body) = self
            .call(Method::POST, "/api/admin/mocks/bulk-import", &items)
            .await?;
        if check_answer("bulk import", status, &body)? {
            for created in body["mocks"].as_array().into_iter().flatten() {
                let id = created["mock_id"].as_str().unwrap_or_default();
                self.call(
                    Method::DELETE,
                    &format!("/api/admin/mocks/{id}"),
                    &Value::Null,
                )
                .await?;
            }
        }

        for key in ["response_body", "error_body"] {
            if let Some(template) = fields.get(key).filter(|t| t.is_string()) {
                let preview = json!({"template": template});
                let (status, body) = self
                    .call(Method::POST, "/api/admin/templates/preview", &preview)
                    .await?;
                prop_assert_eq!(
                    status,
                    200,
                    "preview: {}",
                    domain::limits::echo(&body.to_string())
                );
                prop_assert!(body["rendered"].is_string() || body["error"]["message"].is_string());
            }
        }
        Ok(())
    }
}

#[test]
fn generated_admin_input_never_crashes_the_server_or_stores_anything_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_binary(&dir.path().join("fuzz.db"), &[]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let admin = Admin {
        client: Client::new(),
        server: &server,
    };
    let base = mock_json("/fuzz-base", json!({"mock_id": "fuzz-base"}));
    let (status, _) = runtime
        .block_on(admin.call(Method::POST, "/api/admin/mocks", &base))
        .unwrap();
    assert_eq!(status, 201);

    let config = Config {
        cases: cases(),
        failure_persistence: None,
        // A crash ends the server, so every shrunk case would fail too:
        // report the input that failed first.
        max_shrink_iters: 0,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&mock_fields(), |fields| {
        runtime.block_on(admin.exercise(&fields))
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    let health = runtime.block_on(admin.call(Method::GET, "/health", &Value::Null));
    assert!(
        matches!(health, Ok((200, _))),
        "the server is still up: {health:?}"
    );
}
