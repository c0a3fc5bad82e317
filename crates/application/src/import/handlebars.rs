//! A small reader for Handlebars templates (WireMock's and Mockoon's
//! response templates): text and `{{helper arg key=value}}` tags, enough to
//! translate the tags that have a Jinja equivalent.

/// A piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// A `{{…}}` (or `{{{…}}}`) tag: its source and what it says.
    Tag {
        source: &'a str,
        tag: Tag,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    /// `{{expr}}`: a value.
    Value(Expr),
    /// `{{!…}}`: dropped.
    Comment,
    /// `{{#…}}`, `{{/…}}`, `{{else}}`, `{{>…}}`: blocks and partials.
    Block,
}

/// `helper arg… key=value…`, or a bare path (`request.path`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expr {
    pub head: String,
    pub args: Vec<Arg>,
    pub hash: Vec<(String, Arg)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    /// A number, `true`, `false` or `null`, as written.
    Literal(String),
    Path(String),
    Sub(Expr),
}

impl Expr {
    pub fn hash(&self, key: &str) -> Option<&Arg> {
        self.hash.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Arg {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(s) | Self::Literal(s) => Some(s),
            _ => None,
        }
    }
}

/// Splits `template` into text and tags. Unclosed tags are text.
pub fn parse(template: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let triple = rest[open..].starts_with("{{{");
        let (start, close) = if triple {
            (open + 3, "}}}")
        } else {
            (open + 2, "}}")
        };
        let Some(len) = rest[start..].find(close) else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        let end = start + len + close.len();
        let inner = rest[start..start + len]
            .trim()
            .trim_start_matches('~')
            .trim_end_matches('~')
            .trim();
        let tag = if inner.starts_with('!') {
            Tag::Comment
        } else if inner.starts_with(['#', '/', '>', '^'])
            || inner == "else"
            || inner.starts_with("else ")
        {
            Tag::Block
        } else {
            Tag::Value(parse_expr(&mut tokens(inner).into_iter().peekable()))
        };
        pieces.push(Piece::Tag {
            source: &rest[open..end],
            tag,
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Open,
    Close,
}

fn tokens(inner: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push(Token::Open);
            }
            ')' => {
                chars.next();
                out.push(Token::Close);
            }
            '\'' | '"' => {
                chars.next();
                let mut s = String::new();
                while let Some(ch) = chars.next() {
                    match ch {
                        '\\' => s.extend(chars.next()),
                        ch if ch == c => break,
                        ch => s.push(ch),
                    }
                }
                out.push(Token::Str(s));
            }
            _ => {
                let mut word = String::new();
                let mut depth = 0;
                while let Some(&ch) = chars.peek() {
                    if depth == 0 && (ch.is_whitespace() || ch == '(' || ch == ')') {
                        break;
                    }
                    if depth == 0 && (ch == '\'' || ch == '"') && word.ends_with('=') {
                        break;
                    }
                    depth += i32::from(ch == '[') - i32::from(ch == ']');
                    word.push(ch);
                    chars.next();
                }
                out.push(Token::Word(word));
            }
        }
    }
    out
}

fn parse_expr(tokens: &mut std::iter::Peekable<std::vec::IntoIter<Token>>) -> Expr {
    let mut expr = Expr::default();
    if let Some(Token::Word(head)) = tokens.peek().cloned() {
        tokens.next();
        expr.head = head;
    }
    while let Some(token) = tokens.next() {
        match token {
            Token::Close => break,
            Token::Word(word) => match word.split_once('=') {
                Some((key, value)) if !key.is_empty() && !key.contains('[') => {
                    let arg = if value.is_empty() {
                        value_arg(tokens)
                    } else {
                        word_arg(value)
                    };
                    expr.hash.push((key.to_string(), arg));
                }
                _ => expr.args.push(word_arg(&word)),
            },
            Token::Str(s) => expr.args.push(Arg::Str(s)),
            Token::Open => expr.args.push(Arg::Sub(parse_expr(tokens))),
        }
    }
    expr
}

fn value_arg(tokens: &mut std::iter::Peekable<std::vec::IntoIter<Token>>) -> Arg {
    match tokens.next() {
        Some(Token::Str(s)) => Arg::Str(s),
        Some(Token::Open) => Arg::Sub(parse_expr(tokens)),
        Some(Token::Word(w)) => word_arg(&w),
        _ => Arg::Literal(String::new()),
    }
}

fn word_arg(word: &str) -> Arg {
    let literal = matches!(word, "true" | "false" | "null") || word.parse::<f64>().is_ok();
    if literal {
        Arg::Literal(word.to_string())
    } else {
        Arg::Path(word.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(source: &str) -> Expr {
        match &parse(source)[..] {
            [Piece::Tag {
                tag: Tag::Value(e), ..
            }] => e.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_and_tags_are_split() {
        let pieces = parse("id={{request.path}} {{! note }}{{#if x}}y{{/if}} {{oops");
        assert_eq!(pieces.len(), 8, "{pieces:?}");
        assert_eq!(pieces[0], Piece::Text("id="));
        assert!(matches!(&pieces[2], Piece::Text(" ")));
        assert!(matches!(
            &pieces[3],
            Piece::Tag {
                tag: Tag::Comment,
                ..
            }
        ));
        assert!(matches!(
            &pieces[4],
            Piece::Tag {
                tag: Tag::Block,
                ..
            }
        ));
        assert_eq!(pieces[7], Piece::Text(" {{oops"));
    }

    #[test]
    fn helpers_with_arguments_hashes_and_subexpressions() {
        let e = value("{{{jsonPath request.body '$.a'}}}");
        assert_eq!(
            (e.head.as_str(), e.args.clone()),
            (
                "jsonPath",
                vec![Arg::Path("request.body".into()), Arg::Str("$.a".into())]
            )
        );
        let e = value("{{randomValue length=10 type='ALPHANUMERIC' uppercase=true}}");
        assert_eq!(e.hash("length"), Some(&Arg::Literal("10".into())));
        assert_eq!(e.hash("type"), Some(&Arg::Str("ALPHANUMERIC".into())));
        let e = value("{{oneOf (array 'a' \"b\") }}");
        assert_eq!(
            e.args,
            vec![Arg::Sub(Expr {
                head: "array".into(),
                args: vec![Arg::Str("a".into()), Arg::Str("b".into())],
                hash: vec![]
            })]
        );
        assert_eq!(
            value("{{request.headers.[X-Trace Id]}}").head,
            "request.headers.[X-Trace Id]"
        );
    }
}
