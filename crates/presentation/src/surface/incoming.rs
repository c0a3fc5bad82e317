use actix_web::HttpRequest;
use bytes::Bytes;
use domain::IncomingRequest;

/// Copies what matching and templates need out of the actix request.
pub fn from_actix(req: &HttpRequest, body: Bytes) -> IncomingRequest {
    let query = form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let client_ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    IncomingRequest::new(
        req.method().as_str(),
        req.path(),
        query,
        headers,
        body.to_vec(),
        client_ip,
    )
}
