use std::sync::OnceLock;

use serde_json::Value;

/// A request to the mock surface, as the matcher and templates see it.
/// Header names are stored lower-cased so lookups are case-insensitive.
#[derive(Debug, Default)]
pub struct IncomingRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub client_ip: String,
    /// Value of the configured session header, if the request carried one.
    pub session_id: Option<String>,
    json: OnceLock<Option<Value>>,
}

impl IncomingRequest {
    pub fn new(
        method: impl Into<String>,
        path: impl Into<String>,
        query: Vec<(String, String)>,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        client_ip: impl Into<String>,
    ) -> Self {
        // Case is normalized in place: this runs for every request.
        let mut method = method.into();
        method.make_ascii_uppercase();
        Self {
            method,
            path: path.into(),
            query,
            headers: headers
                .into_iter()
                .map(|(mut k, v)| {
                    k.make_ascii_lowercase();
                    (k, v)
                })
                .collect(),
            body,
            client_ip: client_ip.into(),
            session_id: None,
            json: OnceLock::new(),
        }
    }

    /// Reads the session id from `session_header` (SPEC §5), ignoring empty values.
    pub fn with_session_header(mut self, session_header: &str) -> Self {
        self.session_id = self
            .header(session_header)
            .filter(|v| !v.is_empty())
            .map(str::to_string);
        self
    }

    /// The state scope (SPEC §5): the session id, else `ip:<client address>`.
    pub fn state_scope(&self) -> String {
        match &self.session_id {
            Some(session) => session.clone(),
            None => format!("ip:{}", self.client_ip),
        }
    }

    /// All values of a header, by case-insensitive name.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn query_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.query
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text; invalid UTF-8 is replaced rather than refused.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        crate::utf8::lossy(&self.body)
    }

    /// The body parsed as JSON, computed at most once per request.
    pub fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| serde_json::from_slice(&self.body).ok())
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: Vec<(String, String)>) -> IncomingRequest {
        IncomingRequest::new("get", "/", vec![], headers, vec![], "127.0.0.1")
    }

    #[test]
    fn scope_is_the_session_header_or_the_client_ip() {
        let with = request(vec![("X-Session-ID".into(), "abc".into())])
            .with_session_header("x-session-id");
        assert_eq!(with.state_scope(), "abc");
        let without = request(vec![]).with_session_header("X-Session-ID");
        assert_eq!(without.state_scope(), "ip:127.0.0.1");
        let empty = request(vec![("X-Session-ID".into(), String::new())])
            .with_session_header("X-Session-ID");
        assert_eq!(empty.state_scope(), "ip:127.0.0.1");
    }

    #[test]
    fn headers_are_case_insensitive_and_json_is_parsed_once() {
        let mut req = request(vec![("Content-Type".into(), "application/json".into())]);
        req.body = br#"{"a":1}"#.to_vec();
        assert_eq!(req.header("content-type"), Some("application/json"));
        assert_eq!(req.method, "GET");
        assert_eq!(
            req.json().and_then(|j| j.get("a")).and_then(Value::as_i64),
            Some(1)
        );
    }
}
