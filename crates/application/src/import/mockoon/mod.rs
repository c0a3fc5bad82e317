//! Mockoon environment files → mocks.
//!
//! Each HTTP route becomes a mock answering with its default response.
//! Rule-matched responses become extra mocks with the rules as matchers,
//! ranked above the default in Mockoon's order (the first matching response
//! wins); random and sequential response modes become weighted and cycling
//! variants. Templates are translated where Mimicus has an equivalent;
//! everything else is listed per route as a warning.

mod environment;
mod paths;
mod route;
mod rules;
mod templates;

use serde_json::Value;

use self::environment::Environment;
use super::error::deserialize;
use super::ids::IdAllocator;
use super::{Conversion, ImportError};

pub fn convert(doc: &Value) -> Result<Conversion, ImportError> {
    let env: Environment = deserialize(doc, "")?;
    let mut out = Conversion::default();
    let mut ids = IdAllocator::default();
    if env.proxy_mode {
        out.warn(
            "/proxyMode",
            format!("the environment forwards unmatched requests to {}; in Mimicus, use a recording or proxy-with-fallback mocks for that", env.proxy_host),
        );
    }
    for (index, r) in env.routes.iter().enumerate() {
        route::convert(&env, r, index, &mut ids, &mut out);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
