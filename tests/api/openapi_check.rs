//! Checks a server's mocks against the OpenAPI spec they came from: every
//! operation called, its answer's status, Content-Type and body validated
//! against the spec's own schema (the `jsonschema` crate, formats on).

use reqwest::Client;
use serde_json::Value;

use crate::import_support::call;

/// Validates `instance` against the schema at `pointer` in `spec`.
pub fn validate(spec: &Value, pointer: &str, instance: &Value) {
    let mut root = spec.clone();
    let fragment = pointer.replace('{', "%7B").replace('}', "%7D");
    root["$ref"] = Value::String(format!("#{fragment}"));
    let draft = if spec["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1"))
    {
        jsonschema::Draft::Draft202012
    } else {
        jsonschema::Draft::Draft4
    };
    let validator = jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema at {pointer} does not compile: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "body {instance}\ndoes not match {pointer}: {errors:#?}"
    );
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The path clients call: the spec's base path + the path with each
/// `{param}` filled in.
fn request_path(spec: &Value, path: &str) -> String {
    let base = match spec["basePath"].as_str() {
        Some(base) => base.trim_end_matches('/').to_string(),
        None => {
            let server = &spec["servers"][0];
            let mut url = server["url"].as_str().unwrap_or("").to_string();
            for (name, var) in server["variables"].as_object().into_iter().flatten() {
                url = url.replace(
                    &format!("{{{name}}}"),
                    var["default"].as_str().unwrap_or(""),
                );
            }
            url.split_once("://").map_or(url.clone(), |(_, rest)| {
                rest.find('/')
                    .map_or(String::new(), |i| rest[i..].to_string())
            })
        }
    };
    let mut filled = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => in_param = true,
            '}' => {
                in_param = false;
                filled.push('7');
            }
            _ if !in_param => filled.push(c),
            _ => {}
        }
    }
    format!("{base}{filled}")
}

/// Calls every operation of `spec` on the server at `base` and checks the
/// answer: the first 2xx status (or `default`), a Content-Type the response
/// documents, and a body valid against the response's schema. Returns the
/// number of operations checked.
pub async fn check_openapi(client: &Client, base: &str, spec: &Value) -> usize {
    let swagger2 = spec.get("swagger").is_some();
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let Some(responses) = operation["responses"].as_object() else {
                continue;
            };
            let key = responses
                .keys()
                .find(|k| k.starts_with('2'))
                .or_else(|| responses.keys().find(|k| *k == "default"))
                .expect("a success response");
            let expected_status = key.parse::<u16>().unwrap_or(200);
            let response = resolve(spec, &responses[key]);
            let answer = call(
                client,
                base,
                &method.to_uppercase(),
                &request_path(spec, path),
            )
            .await;
            let at = format!("{method} {path}");
            assert_eq!(answer.status, expected_status, "{at}: {}", answer.body);
            let response_pointer = format!("/paths/{}/{method}/responses/{key}", escape(path));
            let media_types: Vec<String> = if swagger2 {
                let produces = operation.get("produces").or_else(|| spec.get("produces"));
                produces
                    .and_then(Value::as_array)
                    .map(|p| {
                        p.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                response["content"]
                    .as_object()
                    .map(|c| c.keys().cloned().collect())
                    .unwrap_or_default()
            };
            let has_body = if swagger2 {
                response.get("schema").is_some()
            } else {
                !media_types.is_empty()
            };
            if !has_body {
                assert!(
                    answer.body.is_empty(),
                    "{at}: expected no body, got {}",
                    answer.body
                );
                checked += 1;
                continue;
            }
            let media = media_types
                .iter()
                .find(|m| answer.content_type.starts_with(m.as_str()));
            let media = media.unwrap_or_else(|| {
                panic!(
                    "{at}: Content-Type {} is not one of {media_types:?}",
                    answer.content_type
                )
            });
            let schema_pointer = if swagger2 {
                format!("{response_pointer}/schema")
            } else {
                format!("{response_pointer}/content/{}/schema", escape(media))
            };
            let has_schema = spec.pointer(&schema_pointer).is_some()
                || resolve(
                    spec,
                    spec.pointer(&response_pointer).unwrap_or(&Value::Null),
                )
                .pointer(&format!("/content/{}/schema", escape(media)))
                .is_some();
            if media.contains("json") {
                let body: Value = serde_json::from_str(&answer.body)
                    .unwrap_or_else(|e| panic!("{at}: not JSON ({e}): {}", answer.body));
                if has_schema {
                    let pointer = resolved_pointer(spec, &response_pointer, &schema_pointer, media);
                    validate(spec, &pointer, &body);
                }
            } else {
                assert!(!answer.body.is_empty(), "{at}: empty {media} body");
            }
            checked += 1;
        }
    }
    checked
}

fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(r) => spec
            .pointer(r.trim_start_matches('#'))
            .expect("ref resolves"),
        None => value,
    }
}

/// The schema's pointer, following a response-level `$ref` when there is one.
fn resolved_pointer(
    spec: &Value,
    response_pointer: &str,
    schema_pointer: &str,
    media: &str,
) -> String {
    if spec.pointer(schema_pointer).is_some() {
        return schema_pointer.to_string();
    }
    let reference = spec
        .pointer(&format!("{response_pointer}/$ref"))
        .and_then(Value::as_str)
        .expect("response $ref");
    format!(
        "{}/content/{}/schema",
        reference.trim_start_matches('#'),
        escape(media)
    )
}
