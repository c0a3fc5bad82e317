use actix_web::{web, HttpResponse};

/// Placeholder until the React admin UI is built and embedded (SPEC §12).
const PLACEHOLDER: &str =
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Mimicus</title></head>\
<body><h1>Mimicus</h1><p>The admin UI is not built into this binary yet. \
The admin API is at <code>/api/admin</code>; see the README.</p></body></html>";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::scope("/admin").default_service(web::to(|| async {
        HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(PLACEHOLDER)
    })));
}
