use actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use bytes::Bytes;

/// Builds a response with `headers`; Content-Type defaults to application/json.
/// A 204 or 304 carries no body, whatever the mock says (HTTP forbids one,
/// and a client would read it as the start of the next response).
pub fn build(status: u16, headers: &[(String, String)], body: impl Into<Bytes>) -> HttpResponse {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = if matches!(status, StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED) {
        Bytes::new()
    } else {
        body.into()
    };
    let mut response = HttpResponse::with_body(status, body).map_into_boxed_body();
    let map = response.headers_mut();
    for (name, value) in headers {
        // Names and values were validated when the mock was stored.
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            map.append(n, v);
        }
    }
    if !map.contains_key(CONTENT_TYPE) {
        map.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}
