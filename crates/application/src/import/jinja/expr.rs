//! Jinja expressions for Handlebars helper arguments: JSONPath and dotted
//! lookups on the request, Java/date-fns date patterns, helper arguments.

use super::{jinja_string, Arg, Expr};

/// A simple JSONPath (`$.a.b[0]['c d']`) as a Jinja lookup on `base`;
/// `None` for filters, wildcards, recursion and slices.
pub fn jsonpath(base: &str, path: &str) -> Option<String> {
    let mut out = base.to_string();
    let mut rest = path.trim().strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = &after[..end];
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return None;
            }
            out.push_str(&format!("[{}]", jinja_string(name)));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inner = after[..end].trim();
            if let Ok(index) = inner.parse::<i64>() {
                out.push_str(&format!("[{index}]"));
            } else if let Some(name) = inner
                .strip_prefix('\'')
                .and_then(|s| s.strip_suffix('\''))
                .or_else(|| inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')))
            {
                out.push_str(&format!("[{}]", jinja_string(name)));
            } else {
                return None;
            }
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// A dotted path (`a.b.0.c`, lodash style) as a Jinja lookup on `base`.
pub fn dotted(base: &str, path: &str) -> Option<String> {
    let mut out = base.to_string();
    for part in path.split('.') {
        if part.is_empty() {
            return None;
        }
        match part.parse::<u32>() {
            Ok(index) => out.push_str(&format!("[{index}]")),
            Err(_) => out.push_str(&format!("[{}]", jinja_string(part))),
        }
    }
    Some(out)
}

/// A Java / date-fns date pattern (`yyyy-MM-dd'T'HH:mm:ss`) as strftime;
/// `None` for letters without an equivalent.
pub fn date_format(pattern: &str) -> Option<String> {
    const TABLE: &[(&str, &str)] = &[
        ("yyyy", "%Y"),
        ("YYYY", "%Y"),
        ("yy", "%y"),
        ("MMMM", "%B"),
        ("MMM", "%b"),
        ("MM", "%m"),
        ("dd", "%d"),
        ("EEEE", "%A"),
        ("EEE", "%a"),
        ("HH", "%H"),
        ("hh", "%I"),
        ("mm", "%M"),
        ("ss", "%S"),
        ("SSS", "%3f"),
        ("XXX", "%:z"),
        ("xxx", "%:z"),
        ("Z", "%z"),
        ("X", "%z"),
        ("a", "%p"),
        ("M", "%-m"),
        ("d", "%-d"),
        ("H", "%-H"),
    ];
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '\'' {
            let after = &rest[1..];
            let end = after.find('\'')?;
            out.push_str(&after[..end].replace('%', "%%"));
            rest = &after[end + 1..];
        } else if c.is_ascii_alphabetic() {
            let (token, strftime) = TABLE.iter().find(|(t, _)| rest.starts_with(t))?;
            out.push_str(strftime);
            rest = &rest[token.len()..];
        } else {
            if c == '%' {
                out.push('%');
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Some(out)
}

/// A helper argument as a Jinja expression: strings quoted, literals as
/// they are (`null` → `none`), paths and subexpressions through `path`.
pub fn arg(value: &Arg, path: &dyn Fn(&Expr) -> Option<String>) -> Option<String> {
    match value {
        Arg::Str(s) => Some(jinja_string(s)),
        Arg::Literal(l) if l == "null" => Some("none".into()),
        Arg::Literal(l) => Some(l.clone()),
        Arg::Path(p) => path(&Expr {
            head: p.clone(),
            ..Expr::default()
        }),
        Arg::Sub(e) => path(e).map(|x| format!("({x})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::render;
    use domain::template::TemplateRequest;

    #[test]
    fn json_paths_and_dotted_paths_become_lookups() {
        assert_eq!(
            jsonpath("request.json", "$.a.b[0]['c d']").as_deref(),
            Some("request.json[\"a\"][\"b\"][0][\"c d\"]")
        );
        assert_eq!(jsonpath("request.json", "$..a"), None);
        assert_eq!(jsonpath("request.json", "$.a[?(@.b)]"), None);
        assert_eq!(
            dotted("request.json", "user.tags.0").as_deref(),
            Some("request.json[\"user\"][\"tags\"][0]")
        );
        let request = TemplateRequest {
            body: r#"{"a": {"b": [{"c d": 5}]}}"#.into(),
            ..Default::default()
        };
        let source = format!(
            "{{{{ {} }}}}",
            jsonpath("request.json", "$.a.b[0]['c d']").unwrap_or_default()
        );
        assert_eq!(render(&source, request), "5");
    }

    #[test]
    fn date_patterns_become_strftime() {
        assert_eq!(
            date_format("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").as_deref(),
            Some("%Y-%m-%dT%H:%M:%S.%3f%:z")
        );
        assert_eq!(date_format("dd/MM/yy").as_deref(), Some("%d/%m/%y"));
        assert_eq!(date_format("Q"), None);
    }
}
