//! Random strings matching a JSON Schema `pattern`, via `rand_regex`.
//!
//! JSON Schema patterns are ECMA-262 regexes, where `\w`, `\d` and `.` are
//! ASCII-minded; the Rust parser reads them as Unicode classes. Each class
//! is narrowed to printable ASCII when it has any, so a `\w+` sample is one
//! that ECMA engines (and people) accept. Anchors and word boundaries,
//! which `rand_regex` cannot generate, are dropped; every sample is checked
//! against the full pattern.

use domain::limits::{echo, REGEX_MAX_BYTES, REGEX_MAX_NESTING};
use domain::matching::Pattern;
use rand::rngs::StdRng;
use rand::Rng;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};

/// How many times an unbounded `*` or `+` repeats at most.
const MAX_REPEAT: u32 = 8;

pub struct PatternSampler {
    generator: rand_regex::Regex,
    check: Option<Pattern>,
}

impl PatternSampler {
    /// Bounded like every regex a user sends ([`domain::limits`]).
    pub fn new(pattern: &str) -> Result<Self, String> {
        let shown = echo(pattern);
        if pattern.len() > REGEX_MAX_BYTES {
            return Err(format!(
                "pattern \"{shown}\" is longer than {REGEX_MAX_BYTES} bytes"
            ));
        }
        let hir = regex_syntax::ParserBuilder::new()
            .nest_limit(REGEX_MAX_NESTING)
            .build()
            .parse(pattern)
            .map_err(|e| format!("pattern \"{shown}\" is not a supported regex: {e}"))?;
        let generator = rand_regex::Regex::with_hir(ascii_friendly(hir), MAX_REPEAT)
            .map_err(|e| format!("cannot generate strings for pattern \"{shown}\": {e}"))?;
        Ok(Self {
            generator,
            check: Pattern::compile(pattern).ok(),
        })
    }

    pub fn sample(&self, rng: &mut StdRng) -> String {
        rng.sample(&self.generator)
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.check.as_ref().is_none_or(|re| re.is_match(s))
    }
}

fn ascii_friendly(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Class(Class::Unicode(class)) => {
            let mut ascii = ClassUnicode::new([ClassUnicodeRange::new(' ', '~')]);
            ascii.intersect(&class);
            if ascii.ranges().is_empty() {
                Hir::class(Class::Unicode(class))
            } else {
                Hir::class(Class::Unicode(ascii))
            }
        }
        HirKind::Class(other) => Hir::class(other),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(ascii_friendly(*r.sub)),
            ..r
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(ascii_friendly(*c.sub)),
            ..c
        }),
        HirKind::Concat(items) => Hir::concat(items.into_iter().map(ascii_friendly).collect()),
        HirKind::Alternation(items) => {
            Hir::alternation(items.into_iter().map(ascii_friendly).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn samples_match_anchored_and_unanchored_patterns_in_ascii() {
        let mut rng = StdRng::seed_from_u64(9);
        for pattern in [
            "^\\w+@\\w+\\.com$",
            "[0-9]{3}-[0-9]{4}",
            "^(ab|cd)+\\d?$",
            "^.{2,5}$",
        ] {
            let sampler = PatternSampler::new(pattern).unwrap_or_else(|e| panic!("{e}"));
            for _ in 0..20 {
                let s = sampler.sample(&mut rng);
                assert!(sampler.is_match(&s), "{pattern}: {s:?}");
                assert!(
                    s.chars().all(|c| (' '..='~').contains(&c)),
                    "{pattern}: {s:?}"
                );
            }
        }
    }

    #[test]
    fn unsupported_patterns_are_an_error_not_a_panic() {
        assert!(PatternSampler::new("(?<=a)b").is_err());
        assert!(PatternSampler::new("(").is_err());
    }
}
