//! `state.get/set/inc/delete` and `sequence(...)`, bound to the request's scope.

use std::sync::Arc;

use minijinja::value::{Object, Rest, Value};
use minijinja::{Error, ErrorKind, State};

use super::args::Args;
use super::json_dump;
use crate::state::{StateError, StateMeta, StateRepository};

/// The `state` object of the template context.
pub struct StateObject {
    pub store: Arc<dyn StateRepository>,
    pub scope: String,
    pub meta: StateMeta,
}

impl std::fmt::Debug for StateObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<state of {}>", self.scope)
    }
}

fn storage(e: StateError) -> Error {
    Error::new(ErrorKind::InvalidOperation, e.to_string())
}

/// The JSON of a value to store, no deeper than `state.get` reads back.
fn to_json(value: &Value) -> Result<serde_json::Value, Error> {
    let text = json_dump::to_json_text(value, "state value")?;
    serde_json::from_str(&text)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("state value: {e}")))
}

impl StateObject {
    pub fn increment(&self, key: &str, initial: i64, delta: i64) -> Result<i64, Error> {
        self.store
            .increment(&self.scope, key, initial, delta, &self.meta)
            .map_err(storage)
    }
}

impl Object for StateObject {
    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let args = Args::from_slice(args);
        match method {
            "get" => {
                let key = args.string(0, "key")?;
                match self.store.get(&self.scope, &key).map_err(storage)? {
                    Some(v) => Ok(Value::from_serialize(&v)),
                    None => Ok(args.value(1, "default")?.unwrap_or(Value::from(()))),
                }
            }
            "set" => {
                let key = args.string(0, "key")?;
                let value = to_json(&args.required(1, "value")?)?;
                self.store
                    .set(&self.scope, &key, &value, &self.meta)
                    .map_err(storage)?;
                Ok(Value::from(""))
            }
            "inc" => {
                let key = args.string(0, "key")?;
                let delta = args.i64_or(1, "delta", 1)?;
                self.increment(&key, delta, delta).map(Value::from)
            }
            "delete" => {
                let key = args.string(0, "key")?;
                self.store.delete(&self.scope, &key).map_err(storage)?;
                Ok(Value::from(""))
            }
            other => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("state has no method '{other}'; use get, set, inc or delete"),
            )),
        }
    }
}

/// `sequence(key, start=0, increment=1)`: the first call in a scope returns
/// `start`, then `start + increment`, … (one atomic store operation each).
pub fn sequence(state: &State<'_, '_>, args: Rest<Value>) -> Result<i64, Error> {
    let args = Args::new(args.0);
    let key = args.string(0, "key")?;
    let start = args.i64_or(1, "start", 0)?;
    let step = args.i64_or(2, "increment", 1)?;
    let object = state
        .lookup("state")
        .and_then(|v| v.downcast_object::<StateObject>())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                "sequence() needs request state, which is unavailable here",
            )
        })?;
    object.increment(&key, start, step)
}
