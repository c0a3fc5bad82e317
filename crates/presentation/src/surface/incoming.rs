use std::net::IpAddr;

use actix_web::HttpRequest;
use bytes::Bytes;
use domain::matching::decode_path;
use domain::IncomingRequest;
use std::borrow::Cow;

use crate::ApiError;

/// Copies what matching and templates need out of the actix request. The
/// path is percent-decoded (`domain::matching::decode_path`); a path that
/// does not decode is kept raw, for the log, with the 400 to answer.
pub fn from_actix(req: &HttpRequest, body: Bytes) -> (IncomingRequest, Option<ApiError>) {
    let query = form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                domain::utf8::lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let client_ip = req.peer_addr().map(|a| ip_text(a.ip())).unwrap_or_default();
    let (path, bad_path) = match decode_path(req.path()) {
        Ok(path) => (path, None),
        Err(detail) => (
            Cow::Borrowed(req.path()),
            Some(ApiError::bad_request("bad_path", detail)),
        ),
    };
    let incoming = IncomingRequest::new(
        req.method().as_str(),
        path,
        query,
        headers,
        body.to_vec(),
        client_ip,
    );
    (incoming, bad_path)
}

/// `Ipv4Addr`'s `Display` goes through the formatting machinery (it
/// supports padding), a visible cost when run for every request.
fn ip_text(ip: IpAddr) -> String {
    let IpAddr::V4(v4) = ip else {
        return ip.to_string();
    };
    let mut text = String::with_capacity(15);
    for (i, octet) in v4.octets().into_iter().enumerate() {
        if i > 0 {
            text.push('.');
        }
        if octet >= 100 {
            text.push(char::from(b'0' + octet / 100));
        }
        if octet >= 10 {
            text.push(char::from(b'0' + octet / 10 % 10));
        }
        text.push(char::from(b'0' + octet % 10));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn addresses_read_as_std_writes_them() {
        for ip in [
            Ipv4Addr::new(127, 0, 0, 1),
            Ipv4Addr::new(0, 0, 0, 0),
            Ipv4Addr::new(10, 99, 100, 255),
            Ipv4Addr::new(192, 168, 1, 20),
        ] {
            assert_eq!(ip_text(IpAddr::V4(ip)), ip.to_string());
        }
        assert_eq!(ip_text(IpAddr::V6(Ipv6Addr::LOCALHOST)), "::1");
    }
}
