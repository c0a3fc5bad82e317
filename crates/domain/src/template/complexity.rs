//! Checks a template against [`crate::limits`] before minijinja parses it,
//! with minijinja's own lexer, so the count sees exactly the tags the parser
//! will see (strings, comments and raw blocks included).

use minijinja::machinery::{tokenize, Token, WhitespaceConfig};
use minijinja::syntax::SyntaxConfig;

use super::TemplateError;
use crate::limits::{TEMPLATE_MAX_ELIF, TEMPLATE_MAX_OPERATORS_PER_TAG};

/// Refuses a template whose parse tree could nest deeper than the limits
/// allow. Lexing is iterative and linear; a lexer error ends the count (the
/// parser stops at the same token) and is left for the compiler to report.
// `SyntaxConfig` is a unit struct only while minijinja's custom_syntax
// feature is off; `default()` keeps this working if it is turned on.
#[allow(clippy::default_constructed_unit_structs)]
pub fn check(source: &str) -> Result<(), TemplateError> {
    let mut operators = 0usize;
    let mut elifs = 0usize;
    let tokens = tokenize(
        source,
        false,
        SyntaxConfig::default(),
        WhitespaceConfig::default(),
    );
    for token in tokens {
        let Ok((token, span)) = token else { break };
        let line = Some(span.start_line as usize);
        match token {
            Token::VariableStart | Token::BlockStart => operators = 0,
            Token::Ident("elif") => {
                elifs += 1;
                if elifs > TEMPLATE_MAX_ELIF {
                    let what = format!("more than {TEMPLATE_MAX_ELIF} elif branches");
                    return Err(too_complex(&what, line));
                }
            }
            token if builds_depth(&token) => {
                operators += 1;
                if operators > TEMPLATE_MAX_OPERATORS_PER_TAG {
                    let what = format!("one expression has more than {TEMPLATE_MAX_OPERATORS_PER_TAG} operators, filters or attribute accesses");
                    return Err(too_complex(&what, line));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn too_complex(what: &str, line: Option<usize>) -> TemplateError {
    let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
    TemplateError {
        message: format!("template is too complex: {what}{at}"),
        line,
    }
}

/// Tokens that can add a level to an expression tree: every operator and
/// opening bracket, and the keyword operators. Names, literals, commas,
/// colons and closing brackets never nest by themselves.
fn builds_depth(token: &Token<'_>) -> bool {
    match token {
        Token::Ident(word) => matches!(*word, "not" | "and" | "or" | "in" | "is" | "if" | "else"),
        Token::TemplateData(_)
        | Token::VariableStart
        | Token::VariableEnd
        | Token::BlockStart
        | Token::BlockEnd
        | Token::Str(_)
        | Token::String(_)
        | Token::Int(_)
        | Token::Int128(_)
        | Token::Float(_)
        | Token::Comma
        | Token::Colon
        | Token::Assign
        | Token::ParenClose
        | Token::BracketClose
        | Token::BraceClose => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(op: &str, n: usize) -> String {
        format!("{{{{ 1{} }}}}", op.repeat(n))
    }

    #[test]
    fn ordinary_templates_pass() {
        for t in [
            "plain text {{ with }} } { stray braces",
            "{% for u in users %}{{ u.name|upper }}{% if not loop.last %},{% endif %}{% endfor %}",
            "{{ request.json.items[0].id if request.json else 'none' }}",
            "{# a comment with + + + #}{% raw %}{{ 1 + 1 + 1 }}{% endraw %}",
        ] {
            assert_eq!(check(t), Ok(()), "{t}");
        }
    }

    #[test]
    fn long_chains_in_one_tag_are_refused_with_the_limit() {
        let e = check(&chain(" + 1", TEMPLATE_MAX_OPERATORS_PER_TAG + 1)).err();
        assert!(e.is_some_and(|e| e.message.contains("1000 operators") && e.line == Some(1)));
        for op in [" - 1", " ~ 'a'", "|abs", ".b", "()", "[0]"] {
            assert!(check(&chain(op, 100_000)).is_err(), "{op}");
        }
        let nots = format!("{{{{ {}1 }}}}", "not ".repeat(100_000));
        assert!(check(&nots).is_err());
    }

    #[test]
    fn the_count_restarts_at_each_tag() {
        let many = chain(" + 1", 900).repeat(50);
        assert_eq!(check(&many), Ok(()));
    }

    #[test]
    fn operators_hidden_in_strings_do_not_count_but_strings_cannot_hide_tags() {
        let quoted = format!("{{{{ '{}' }}}}", "+".repeat(10_000));
        assert_eq!(check(&quoted), Ok(()));
        let after_string = format!("{{{{ '}}}}' {} }}}}", "+ 1 ".repeat(5_000));
        assert!(check(&after_string).is_err());
    }

    #[test]
    fn elif_ladders_are_bounded() {
        let ladder = format!(
            "{{% if a %}}{}{{% endif %}}",
            "{% elif a %}".repeat(TEMPLATE_MAX_ELIF + 1)
        );
        assert!(check(&ladder).is_err_and(|e| e.message.contains("elif")));
    }

    /// The deepest template the limits let through — blocks nested to
    /// minijinja's own limit, a full elif ladder, and in its last branch a
    /// maximal chain of the costliest operator (calls) — compiles without
    /// exhausting the compile thread's stack (in an unoptimized build, whose
    /// frames are the largest).
    #[test]
    fn the_worst_template_within_the_limits_compiles() {
        let source = worst_template();
        assert_eq!(check(&source), Ok(()));
        let compiled = super::super::TemplateSet::compile(vec![("t".into(), source)]);
        assert!(compiled.is_ok(), "{:?}", compiled.err());
    }

    /// Bulk compiles share one compile-stack thread; the worst template,
    /// compiled there after others, still fits.
    #[test]
    fn the_worst_template_compiles_on_a_shared_compile_thread() {
        let compiled = super::super::with_compile_stack(|| {
            let small = super::super::TemplateSet::compile(vec![("s".into(), "{{ 1 }}".into())]);
            let worst = super::super::TemplateSet::compile(vec![("t".into(), worst_template())]);
            (
                small.is_ok(),
                worst.is_ok(),
                std::thread::current().name().map(str::to_string),
            )
        });
        assert_eq!(
            compiled,
            Ok((true, true, Some("template-compile".to_string())))
        );
    }

    fn worst_template() -> String {
        let depth = crate::limits::TEMPLATE_PARSER_NESTING - 10;
        let calls = format!("{{{{ f{} }}}}", "()".repeat(TEMPLATE_MAX_OPERATORS_PER_TAG));
        let ladder = format!(
            "{{% if a %}}{}{calls}{{% endif %}}",
            "{% elif a %}".repeat(TEMPLATE_MAX_ELIF)
        );
        format!(
            "{}{ladder}{}",
            "{% if a %}".repeat(depth),
            "{% endif %}".repeat(depth)
        )
    }
}
