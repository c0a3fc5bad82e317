//! HAR files (a browser's "Save all as HAR") → mocks, with the recording's
//! own rules and code: each entry becomes a captured exchange and
//! `domain::recording::mocks_from_exchanges` turns them into mocks, exactly
//! as `POST /api/admin/recording/stop` does with its captures (one mock per
//! method, path and query; different responses become `sequence` variants;
//! request headers are no matchers; credentials and hop-by-hop headers go).

use base64::Engine as _;
use bytes::Bytes;
use domain::recording::{mocks_from_exchanges, ConversionOptions, Exchange};
use serde::Deserialize;
use serde_json::Value;

use super::error::{deserialize, pointer};
use super::{Conversion, ImportError};
use crate::dto::definition_json;

/// Tag of every mock made from a HAR file.
pub const HAR_TAG: &str = "har";

#[derive(Debug, Deserialize)]
struct Har {
    log: Log,
}

#[derive(Debug, Deserialize)]
struct Log {
    entries: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    request: Request,
    response: Response,
}

#[derive(Debug, Deserialize)]
struct Request {
    method: String,
    url: String,
    #[serde(default)]
    headers: Vec<NameValue>,
    #[serde(default, rename = "postData")]
    post_data: Option<PostData>,
}

#[derive(Debug, Default, Deserialize)]
struct PostData {
    #[serde(default)]
    text: String,
}

#[derive(Debug, Deserialize)]
struct Response {
    status: i64,
    #[serde(default)]
    headers: Vec<NameValue>,
    #[serde(default)]
    content: Content,
}

#[derive(Debug, Default, Deserialize)]
struct Content {
    #[serde(default, rename = "mimeType")]
    mime_type: String,
    text: Option<String>,
    encoding: Option<String>,
}

#[derive(Debug, Deserialize)]
struct NameValue {
    name: String,
    value: String,
}

pub fn convert(doc: &Value) -> Result<Conversion, ImportError> {
    let har: Har = deserialize(doc, "")?;
    let mut out = Conversion::default();
    let mut problems: Vec<(usize, String)> = Vec::new();
    let mut exchanges = Vec::with_capacity(har.log.entries.len());
    let mut positions = Vec::with_capacity(har.log.entries.len());
    for (index, entry) in har.log.entries.into_iter().enumerate() {
        match exchange(entry) {
            Ok(exchange) => {
                exchanges.push(exchange);
                positions.push(index);
            }
            Err(why) => problems.push((index, why)),
        }
    }
    let converted = mocks_from_exchanges(
        &exchanges,
        &ConversionOptions {
            id_prefix: HAR_TAG,
            tags: vec![HAR_TAG.to_string()],
            // Ids depend only on the request, so importing a file again
            // finds the same ids (skipped, or replaced with upsert).
            is_taken: &|_| false,
        },
    );
    for skipped in converted.skipped {
        let index = positions
            .get(skipped.index)
            .copied()
            .unwrap_or(skipped.index);
        problems.push((index, format!("not imported: {}", skipped.reason)));
    }
    problems.sort_by_key(|(index, _)| *index);
    for (index, why) in problems {
        out.warn(pointer("/log/entries", index), why);
    }
    out.mocks = converted
        .mocks
        .iter()
        .map(|m| Value::Object(definition_json(m)))
        .collect();
    Ok(out)
}

/// One HAR entry as the exchange a recording would have captured. The HAR
/// holds the body decoded, so `Content-Encoding` and `Content-Length` go.
fn exchange(entry: Entry) -> Result<Exchange, String> {
    let (path, query) = split_url(&entry.request.url)?;
    let mut response_headers = pairs(entry.response.headers);
    response_headers.retain(|(name, _)| {
        !name.eq_ignore_ascii_case("content-encoding")
            && !name.eq_ignore_ascii_case("content-length")
    });
    let content = entry.response.content;
    let has_type = response_headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    if !has_type && !content.mime_type.is_empty() {
        response_headers.push(("Content-Type".to_string(), content.mime_type.clone()));
    }
    let text = content.text.unwrap_or_default();
    let response_body = if content.encoding.as_deref() == Some("base64") {
        let decoded = base64::engine::general_purpose::STANDARD.decode(text.trim());
        Bytes::from(decoded.map_err(|e| format!("the response body is not valid base64: {e}"))?)
    } else {
        Bytes::from(text)
    };
    Ok(Exchange {
        method: entry.request.method,
        path,
        query,
        request_headers: pairs(entry.request.headers),
        request_body: Bytes::from(entry.request.post_data.unwrap_or_default().text),
        status: u16::try_from(entry.response.status).unwrap_or(0),
        response_headers,
        response_body,
        response_body_truncated: false,
    })
}

/// Headers without HTTP/2 pseudo-headers (`:authority`, `:status`).
fn pairs(headers: Vec<NameValue>) -> Vec<(String, String)> {
    headers
        .into_iter()
        .filter(|h| !h.name.starts_with(':'))
        .map(|h| (h.name, h.value))
        .collect()
}

/// The path (as sent, still escaped) and the decoded query of an http(s) URL.
fn split_url(url: &str) -> Result<(String, Vec<(String, String)>), String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        let shown = domain::limits::echo(url);
        return Err(format!(
            "the URL \"{shown}\" is not http or https, so there is no request to mock"
        ));
    };
    let target = rest.find(['/', '?', '#']).map_or("", |i| &rest[i..]);
    let target = target.split('#').next().unwrap_or("");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = if path.is_empty() { "/" } else { path };
    let query = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    Ok((path.to_string(), query))
}

#[cfg(test)]
mod tests;
