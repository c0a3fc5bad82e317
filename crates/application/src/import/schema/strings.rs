//! String values that satisfy `format`, `pattern`, `minLength` and `maxLength`.

use base64::Engine as _;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{Map, Value};

use super::names;
use super::pattern::PatternSampler;

/// Longest string the generator writes; a larger `minLength` is cut to it.
use domain::limits::SCHEMA_MAX_STRING as MAX_STRING;

/// The string constraints of one schema.
#[derive(Debug, Default)]
pub struct StringRules {
    pub min_len: usize,
    pub max_len: Option<usize>,
    pub format: Option<String>,
    pub pattern: Option<String>,
}

impl StringRules {
    pub fn of(schema: &Map<String, Value>) -> Self {
        let len = |key: &str| {
            schema
                .get(key)
                .and_then(Value::as_u64)
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        };
        Self {
            min_len: len("minLength").unwrap_or(0).min(MAX_STRING),
            max_len: len("maxLength"),
            format: schema
                .get("format")
                .and_then(Value::as_str)
                .map(str::to_string),
            pattern: schema
                .get("pattern")
                .and_then(Value::as_str)
                .map(str::to_string),
        }
    }

    /// Whether `s` has an acceptable length (in characters, as JSON Schema counts).
    pub fn fits_length(&self, s: &str) -> bool {
        let n = s.chars().count();
        n >= self.min_len && self.max_len.is_none_or(|max| n <= max)
    }

    /// Whether `s` satisfies every rule (used to vet a spec's own examples).
    pub fn accepts(&self, s: &str) -> bool {
        self.fits_length(s)
            && self.format.as_deref().is_none_or(|f| format_accepts(f, s))
            && self.pattern.as_deref().is_none_or(|p| {
                domain::matching::Pattern::compile(p).is_ok_and(|re| re.is_match(s))
            })
    }
}

/// A string for `rules`, realistic where the format or the property name
/// (`hint`) says what it holds. `Err` carries the value anyway, with the
/// reason it does not satisfy the rules.
pub fn generate(
    rules: &StringRules,
    hint: Option<&str>,
    rng: &mut StdRng,
) -> Result<String, (String, String)> {
    if let Some(pattern) = &rules.pattern {
        return pattern_string(pattern, rules, rng);
    }
    if let Some(format) = rules.format.as_deref().filter(|f| is_known_format(f)) {
        for _ in 0..8 {
            let s = format_value(format, rng);
            if rules.fits_length(&s) {
                return Ok(s);
            }
        }
        let s = format_value(format, rng);
        return Err((s, format!("no \"{format}\" string fits the length limits")));
    }
    if let Some(method) = hint.and_then(names::faker_method_for) {
        if let Some(s) = names::fake(method, rng).filter(|s| rules.fits_length(s)) {
            return Ok(s);
        }
    }
    Ok(filler(rules.min_len, rules.max_len, rng))
}

fn pattern_string(
    pattern: &str,
    rules: &StringRules,
    rng: &mut StdRng,
) -> Result<String, (String, String)> {
    let sampler =
        PatternSampler::new(pattern).map_err(|e| (filler(rules.min_len, rules.max_len, rng), e))?;
    let mut last = String::new();
    for _ in 0..64 {
        last = sampler.sample(rng);
        if sampler.is_match(&last) && rules.fits_length(&last) {
            return Ok(last);
        }
    }
    Err((
        last,
        format!(
            "could not produce a string matching pattern \"{}\" within the length limits",
            domain::limits::echo(pattern)
        ),
    ))
}

/// Lorem-ipsum words cut or padded to the length limits.
pub fn filler(min: usize, max: Option<usize>, rng: &mut StdRng) -> String {
    const WORDS: &[&str] = &[
        "lorem",
        "ipsum",
        "dolor",
        "sit",
        "amet",
        "consectetur",
        "adipiscing",
        "elit",
        "sed",
        "do",
        "eiusmod",
        "tempor",
    ];
    let natural = rng.gen_range(5..=12).max(min);
    let target = max.map_or(natural, |max| natural.min(max));
    let mut s = String::new();
    while s.len() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
    }
    s.truncate(target);
    // A trailing space would look like a bug in a field value.
    if s.ends_with(' ') {
        s.pop();
        s.push('x');
    }
    s
}

const FORMATS: &[&str] = &[
    "email",
    "idn-email",
    "uuid",
    "date",
    "date-time",
    "time",
    "duration",
    "uri",
    "url",
    "iri",
    "uri-reference",
    "iri-reference",
    "uri-template",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "byte",
    "password",
    "json-pointer",
    "relative-json-pointer",
    "regex",
    "phone",
];

pub fn is_known_format(format: &str) -> bool {
    FORMATS.contains(&format)
}

/// A value of a known `format`, drawn from `rng`.
pub fn format_value(format: &str, rng: &mut StdRng) -> String {
    let word = |rng: &mut StdRng| names::fake("word", rng).unwrap_or_default().to_lowercase();
    match format {
        "email" | "idn-email" => names::fake("email", rng).unwrap_or_default(),
        "uuid" => uuid::Builder::from_random_bytes(rng.gen())
            .into_uuid()
            .to_string(),
        "date" => random_datetime(rng).format("%Y-%m-%d").to_string(),
        "date-time" => random_datetime(rng)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        "time" => random_datetime(rng).format("%H:%M:%SZ").to_string(),
        "duration" => format!("P{}D", rng.gen_range(1..30)),
        "uri" | "url" | "iri" => format!("https://example.com/{}", word(rng)),
        "uri-reference" | "iri-reference" => format!("/{}/{}", word(rng), rng.gen_range(1..100)),
        "uri-template" => format!("https://example.com/{}/{{id}}", word(rng)),
        "hostname" | "idn-hostname" => format!("{}.example.com", word(rng)),
        "ipv4" => format!("203.0.113.{}", rng.gen_range(1..255)),
        "ipv6" => format!("2001:db8::{:x}", rng.gen_range(1..0xffff)),
        "byte" => base64::engine::general_purpose::STANDARD.encode(word(rng)),
        "password" => format!("s3cret-{}", rng.gen_range(1000..9999)),
        "json-pointer" => format!("/{}/0", word(rng)),
        "relative-json-pointer" => format!("0/{}", word(rng)),
        "regex" => "^[a-z]+$".to_string(),
        "phone" => names::fake("phone_number", rng).unwrap_or_default(),
        _ => word(rng),
    }
}

fn random_datetime(rng: &mut StdRng) -> NaiveDateTime {
    let base = NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    base + Duration::seconds(rng.gen_range(0..3 * 365 * 24 * 3600))
}

/// Whether `s` is a plausible value of `format` (for vetting examples).
pub fn format_accepts(format: &str, s: &str) -> bool {
    match format {
        "email" | "idn-email" => s
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.')),
        "uuid" => uuid::Uuid::parse_str(s).is_ok() && s.len() == 36,
        "date" => NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10,
        "date-time" => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        "ipv4" => s.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => s.parse::<std::net::Ipv6Addr>().is_ok(),
        "uri" | "url" | "iri" => {
            s.split_once(':').is_some_and(|(scheme, _)| {
                scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
            }) && !s.contains(' ')
        }
        "hostname" => {
            !s.is_empty()
                && s.split('.').all(|l| {
                    !l.is_empty()
                        && l.len() <= 63
                        && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
        }
        "time" | "duration" | "regex" | "json-pointer" => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn every_known_format_produces_an_accepted_value() {
        let mut rng = StdRng::seed_from_u64(7);
        for format in FORMATS {
            let s = format_value(format, &mut rng);
            assert!(!s.is_empty(), "{format}");
            let strict = [
                "email",
                "uuid",
                "date",
                "date-time",
                "ipv4",
                "ipv6",
                "uri",
                "hostname",
            ];
            if strict.contains(format) {
                assert!(format_accepts(format, &s), "{format}: {s}");
            }
        }
    }

    #[test]
    fn filler_respects_both_length_limits() {
        let mut rng = StdRng::seed_from_u64(3);
        for (min, max) in [
            (0, Some(0)),
            (3, Some(3)),
            (40, None),
            (1, Some(2)),
            (0, None),
        ] {
            let s = filler(min, max, &mut rng);
            let rules = StringRules {
                min_len: min,
                max_len: max,
                ..Default::default()
            };
            assert!(rules.fits_length(&s), "{min} {max:?} {s:?}");
        }
    }

    #[test]
    fn patterns_win_over_names_and_formats() {
        let mut rng = StdRng::seed_from_u64(5);
        let rules = StringRules {
            pattern: Some("^[A-Z]{3}-\\d{4}$".into()),
            format: Some("email".into()),
            ..Default::default()
        };
        let s = generate(&rules, Some("email"), &mut rng).unwrap_or_default();
        assert!(
            regex::Regex::new("^[A-Z]{3}-[0-9]{4}$").is_ok_and(|re| re.is_match(&s)),
            "{s}"
        );
    }
}
