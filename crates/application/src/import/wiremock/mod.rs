//! WireMock stub mappings (`{"mappings": [...]}` or one stub) → mocks.
//!
//! Request matchers, responses, delays, proxying and Handlebars templates
//! are converted where Mimicus has an equivalent; everything else is
//! listed per stub as a warning. Priorities are inverted: WireMock's 1 is
//! its highest and 5 its default, Mimicus's higher number wins with 100 as
//! the default, so `mock_priority = 105 - priority`.

mod matchers;
mod request;
mod response;
mod stub;
mod templates;

use serde_json::{json, Map, Value};

use self::stub::{Stub, HARMLESS};
use super::error::{deserialize, pointer};
use super::ids::IdAllocator;
use super::{Conversion, ImportError};

pub fn convert(doc: &Value) -> Result<Conversion, ImportError> {
    let (stubs, base): (Vec<&Value>, &str) = match doc.get("mappings") {
        Some(Value::Array(items)) => (items.iter().collect(), "/mappings"),
        Some(_) => {
            return Err(ImportError::invalid(
                "/mappings",
                "must be an array of stub mappings",
            ))
        }
        None => (vec![doc], ""),
    };
    let mut out = Conversion::default();
    let mut ids = IdAllocator::default();
    for (i, raw) in stubs.into_iter().enumerate() {
        let at = if base.is_empty() {
            String::new()
        } else {
            pointer(base, i)
        };
        let stub: Stub = deserialize(raw, &at)?;
        let mock = convert_stub(stub, i, &mut ids, &mut out);
        out.mocks.push(mock);
    }
    Ok(out)
}

fn convert_stub(stub: Stub, index: usize, ids: &mut IdAllocator, out: &mut Conversion) -> Value {
    let raw_id = stub
        .id
        .as_deref()
        .or(stub.uuid.as_deref())
        .or(stub.name.as_deref());
    let id = ids.unique(raw_id.unwrap_or(&format!("wiremock-{}", index + 1)));
    let mut warn = |message: String| out.warn(&id, message);
    let mut mock = Map::new();
    mock.insert("mock_id".into(), json!(id));
    let matched = request::convert(&stub.request, &mut mock, &mut warn);
    let name = stub.name.clone().unwrap_or(matched);
    mock.insert("mock_name".into(), json!(name));
    if let Some(priority) = stub.priority {
        mock.insert(
            "mock_priority".into(),
            json!(105 - priority.clamp(-1_000_000, 1_000_000)),
        );
    }
    response::convert(&stub.response, &mut mock, &mut warn);
    if let Some(scenario) = &stub.scenario_name {
        warn(format!("scenario \"{scenario}\" (a state machine) has no equivalent; the stub answers in every state"));
    }
    if stub.post_serve_actions.is_some() || stub.serve_event_listeners.is_some() {
        warn("post-serve actions (webhooks) have no equivalent and were dropped".into());
    }
    for key in stub
        .other
        .keys()
        .filter(|k| !HARMLESS.contains(&k.as_str()))
    {
        warn(format!(
            "stub field \"{key}\" is not supported and was ignored"
        ));
    }
    Value::Object(mock)
}

#[cfg(test)]
mod tests;
