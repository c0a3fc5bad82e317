//! Handlebars → Jinja: the translation loop shared by the WireMock and
//! Mockoon converters, and the pieces both need (JSONPath and date formats).

use super::handlebars::{self, Piece, Tag};
pub use super::schema::jinja_string;
use super::schema::write_literal;

mod expr;

pub use super::handlebars::{Arg, Expr};
pub use expr::{arg, date_format, dotted, jsonpath};

/// A translated template.
#[derive(Debug, Clone, PartialEq)]
pub struct Translated {
    pub text: String,
    /// Whether `text` is a Jinja template (some tag was translated).
    pub is_template: bool,
    /// Tags left as literal text because Mimicus has no equivalent.
    pub unsupported: Vec<String>,
}

/// Translates every `{{…}}` tag of `source` with `helper` (`None`: no
/// equivalent; the tag is kept as literal text and listed).
pub fn translate(source: &str, helper: &dyn Fn(&Expr) -> Option<String>) -> Translated {
    let pieces = handlebars::parse(source);
    let mut text = String::with_capacity(source.len());
    let mut unsupported = Vec::new();
    let mut translated = 0;
    for piece in &pieces {
        match piece {
            Piece::Text(t) => write_literal(t, &mut text),
            Piece::Tag {
                tag: Tag::Comment, ..
            } => translated += 1,
            Piece::Tag {
                source,
                tag: Tag::Value(expr),
            } => match helper(expr) {
                Some(jinja) => {
                    translated += 1;
                    text.push_str("{{ ");
                    text.push_str(&jinja);
                    text.push_str(" }}");
                }
                None => {
                    unsupported.push((*source).to_string());
                    write_literal(source, &mut text);
                }
            },
            Piece::Tag {
                source,
                tag: Tag::Block,
            } => {
                unsupported.push((*source).to_string());
                write_literal(source, &mut text);
            }
        }
    }
    if translated == 0 {
        // Nothing to render: the body stays exactly as written.
        return Translated {
            text: source.to_string(),
            is_template: false,
            unsupported,
        };
    }
    Translated {
        text,
        is_template: true,
        unsupported,
    }
}

/// A response's body and header values after translation: all of them are
/// rendered when any one is a template, so the others are escaped.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslatedResponse {
    pub body: String,
    pub headers: Vec<(String, String)>,
    pub is_template: bool,
    pub unsupported: Vec<String>,
}

/// Translates a response's body and header values with `helper`.
pub fn translate_response(
    body: &str,
    headers: &[(String, String)],
    helper: &dyn Fn(&Expr) -> Option<String>,
) -> TranslatedResponse {
    let body_t = translate(body, helper);
    let header_t: Vec<(String, Translated)> = headers
        .iter()
        .map(|(name, value)| (name.clone(), translate(value, helper)))
        .collect();
    let is_template = body_t.is_template || header_t.iter().any(|(_, t)| t.is_template);
    let mut unsupported = body_t.unsupported.clone();
    unsupported.extend(
        header_t
            .iter()
            .flat_map(|(_, t)| t.unsupported.iter().cloned()),
    );
    if !is_template {
        return TranslatedResponse {
            body: body.to_string(),
            headers: headers.to_vec(),
            is_template,
            unsupported,
        };
    }
    let escaped = |t: Translated| {
        if t.is_template {
            t.text
        } else {
            let mut out = String::new();
            write_literal(&t.text, &mut out);
            out
        }
    };
    TranslatedResponse {
        body: escaped(body_t),
        headers: header_t
            .into_iter()
            .map(|(name, t)| (name, escaped(t)))
            .collect(),
        is_template,
        unsupported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::render;
    use domain::template::TemplateRequest;

    #[test]
    fn translated_tags_render_and_the_rest_stays_literal() {
        let helper = |e: &Expr| (e.head == "request.path").then(|| "request.path".to_string());
        let t = translate(
            "{\"p\": \"{{request.path}}\", \"x\": \"{{unknown}}\"} {% raw %}",
            &helper,
        );
        assert!(t.is_template);
        assert_eq!(t.unsupported, ["{{unknown}}"]);
        let request = TemplateRequest {
            path: "/a/b".into(),
            ..Default::default()
        };
        assert_eq!(
            render(&t.text, request),
            "{\"p\": \"/a/b\", \"x\": \"{{unknown}}\"} {% raw %}"
        );
        let plain = translate("no tags {{here", &helper);
        assert_eq!(
            (plain.text.as_str(), plain.is_template),
            ("no tags {{here", false)
        );
    }
}
