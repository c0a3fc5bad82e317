//! The admin UI at `/admin` (SPEC §12): the built React app, embedded in the
//! binary.
//!
//! - `/admin/assets/*` are content-hashed: `Cache-Control: public,
//!   max-age=31536000, immutable`; an unknown asset is a 404 (never the app,
//!   which a browser would try to run as a script).
//! - Any other `/admin/**` path that is not a file is a client route and gets
//!   `index.html`, with `Cache-Control: no-cache` so a new build is picked up.
//! - Files pre-compressed at build time (`x.js.br`, `x.js.gz`) are sent when
//!   the client's `Accept-Encoding` allows, with `Content-Encoding` and
//!   `Vary: Accept-Encoding`.

mod encoding;
mod files;
mod serve;

pub use files::{EmbeddedUi, UiFiles};
pub use serve::respond;

use actix_web::{guard, web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/admin",
        web::route()
            .guard(guard::Any(guard::Get()).or(guard::Head()))
            .to(|req: HttpRequest| async move {
                // Keep the query: `/admin?search=x` is the Mocks list filtered.
                let location = match req.query_string() {
                    "" => "/admin/".to_string(),
                    query => format!("/admin/?{query}"),
                };
                HttpResponse::PermanentRedirect()
                    .insert_header(("Location", location))
                    .finish()
            }),
    )
    .service(
        web::scope("/admin").default_service(web::to(|req: HttpRequest| async move {
            respond(&EmbeddedUi, &req)
        })),
    );
}
