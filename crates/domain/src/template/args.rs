use minijinja::value::{Kwargs, Value};
use minijinja::{Error, ErrorKind};

/// Jinja2-style arguments: each parameter may come by position or by name
/// (`random_int(1, 10)` and `random_int(min=1, max=10)` alike).
pub struct Args {
    positional: Vec<Value>,
    kwargs: Option<Kwargs>,
}

impl Args {
    pub fn new(mut values: Vec<Value>) -> Self {
        let kwargs = match values.last() {
            Some(last) if last.is_kwargs() => values.pop().and_then(|v| Kwargs::try_from(v).ok()),
            _ => None,
        };
        Self {
            positional: values,
            kwargs,
        }
    }

    pub fn from_slice(values: &[Value]) -> Self {
        Self::new(values.to_vec())
    }

    /// The parameter at `index` or named `name`, if given.
    pub fn value(&self, index: usize, name: &str) -> Result<Option<Value>, Error> {
        if let Some(v) = self.positional.get(index) {
            return Ok(Some(v.clone()));
        }
        match &self.kwargs {
            Some(k) if k.has(name) => k.get::<Value>(name).map(Some),
            _ => Ok(None),
        }
    }

    pub fn required(&self, index: usize, name: &str) -> Result<Value, Error> {
        self.value(index, name)?.ok_or_else(|| {
            Error::new(
                ErrorKind::MissingArgument,
                format!("missing argument '{name}'"),
            )
        })
    }

    pub fn i64_or(&self, index: usize, name: &str, default: i64) -> Result<i64, Error> {
        match self.value(index, name)? {
            None => Ok(default),
            Some(v) => i64::try_from(v.clone()).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("'{name}' must be an integer, got {v}"),
                )
            }),
        }
    }

    pub fn f64_or(&self, index: usize, name: &str, default: f64) -> Result<f64, Error> {
        match self.value(index, name)? {
            None => Ok(default),
            Some(v) => f64::try_from(v.clone()).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("'{name}' must be a number, got {v}"),
                )
            }),
        }
    }

    pub fn string(&self, index: usize, name: &str) -> Result<String, Error> {
        let v = self.required(index, name)?;
        Ok(v.as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string()))
    }
}
