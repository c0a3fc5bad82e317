//! Limits on user input that keep one request from exhausting the server.
//!
//! Every parser that takes user text (templates, JSONPath, regexes, paths)
//! checks these *before* parsing, because the parsers recurse once per
//! nesting level and a stack overflow aborts the whole process. The values
//! are documented in `docs/limits.md`; importers and any new parser reuse
//! them rather than inventing their own.

/// Operators in one template tag (`{{ … }}` or `{% … %}`): binary and unary
/// operators, `|filter`, `.attr`, `[…]`, `(…)`, `is`, `if`. minijinja builds
/// a left-deep tree from a flat chain (`1 + 1 + …`) and walks it
/// recursively, so the longest chain bounds the depth. Real expressions use
/// a few dozen; a chain of 5,700 overflowed a worker's stack.
pub const TEMPLATE_MAX_OPERATORS_PER_TAG: usize = 1_000;

/// `{% elif %}` branches in one template: each nests the next one level
/// deeper, and minijinja does not count them against its own nesting limit.
pub const TEMPLATE_MAX_ELIF: usize = 1_000;

/// Nesting of blocks and brackets, enforced by minijinja's parser itself
/// (kept here so the worst case below is written down in one place).
pub const TEMPLATE_PARSER_NESTING: usize = 150;

/// Stack of the thread templates are compiled on. The deepest template the
/// limits above allow nests 150 + 1,000 + 1,000 levels; minijinja's parser,
/// code generator and tree drop take at most ~3 KB per level in a debug
/// build (~1.2 KB optimized), so about 6.5 MB: 64 MiB leaves a tenfold
/// margin. Only the pages touched are ever committed.
pub const TEMPLATE_COMPILE_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Instructions one render may execute. Far above any real response
/// template (a loop over 10,000 items uses ~100,000), low enough that a
/// runaway loop fails in milliseconds with a `template_error` instead of
/// holding a thread and memory.
pub const RENDER_FUEL: u64 = 2_000_000;

/// Stack of every thread that renders templates (HTTP workers, their
/// blocking pools, the state writer); the server makes it the default stack
/// of its threads (`server::thread_stacks`). Only the pages a render touches
/// are committed.
///
/// A render can build a value nested far deeper than any limit on the text
/// (`{% set ns.x = [ns.x] %}` in a loop), and dropping, printing, comparing
/// or serializing it recurses once per level; minijinja has no hook to
/// refuse the nesting, but each level costs at least one instruction of
/// fuel. Measured on minijinja 2.24:
///
/// - depth: `{% set ns.x = [ns.x] %}` in a loop costs 8 instructions per
///   level (250,000 levels within [`RENDER_FUEL`]); a literal nested 73
///   deep (the parser's limit) around `ns.x` costs 80 per iteration for 73
///   levels (1.8 million); unrolled `{% set x = [[…x…]] %}` tags 0.96 levels
///   per instruction. No builtin adds more than one level per instruction
///   (`groupby` adds two for two), so at most 2,000,000 levels.
/// - stack per level, the worst of dropping, `{{ }}`, `~`, `|string`,
///   `|tojson`, `==`, `in`, `|sort`, `|unique`, `|min`, map keys and `|zip`
///   chains: 352 bytes in a release build (comparing; printing 255–304,
///   dropping 64–175), 448 in a debug build, whose minijinja is optimized
///   for this (`[profile.dev.package.minijinja]` in Cargo.toml; unoptimized
///   it takes 1,728). `json_dumps` and `state.set` go through serde_json
///   (719 bytes a level in release, 1,583 in debug), so they refuse values
///   nested deeper than [`TEMPLATE_JSON_MAX_NESTING`].
///
/// 2,000,000 × 448 bytes ≈ 0.9 GB, so 2 GiB leaves a 2.4× margin (3× in
/// release), which also holds minijinja's own recursion (at most 500 macro
/// calls, within 2 MiB). A test renders 1.75 million levels (24,000
/// iterations of the 73-deep literal) on a stack of this size.
pub const TEMPLATE_RENDER_STACK_BYTES: usize = 2 * 1024 * 1024 * 1024;

/// Stack one nesting level may cost, margin included: raising
/// [`RENDER_FUEL`] must raise [`TEMPLATE_RENDER_STACK_BYTES`] too.
const STACK_BUDGET_PER_LEVEL: usize = 1_024;
const _: () = assert!(RENDER_FUEL as usize * STACK_BUDGET_PER_LEVEL <= TEMPLATE_RENDER_STACK_BYTES);

/// Nesting of a value a template turns into JSON itself (`json_dumps`,
/// `state.set`): the deepest JSON serde_json reads back (`json_loads`,
/// `state.get`, request bodies), and shallow enough for its recursive
/// conversions on any stack.
pub const TEMPLATE_JSON_MAX_NESTING: usize = 127;

/// Default cap on the text one render may produce (`--template-max-output`).
pub const DEFAULT_TEMPLATE_MAX_OUTPUT: usize = 4 * 1024 * 1024;

/// Length of a JSONPath expression in a body condition.
pub const JSONPATH_MAX_BYTES: usize = 1_024;

/// Brackets and parentheses open at once in a JSONPath (`$[?(@.a[0] …)]`);
/// the JSONPath parser recurses once per level.
pub const JSONPATH_MAX_NESTING: usize = 32;

/// Length of one regular expression (headers, query, body, paths).
pub const REGEX_MAX_BYTES: usize = 4_096;

/// Nesting of groups and repetitions in a regex.
pub const REGEX_MAX_NESTING: u32 = 64;

/// Memory the compiled program of one regex may take.
pub const REGEX_MAX_COMPILED_BYTES: usize = 1 << 20;

/// Length of `match_path`.
pub const MATCH_PATH_MAX_BYTES: usize = 2_048;

/// Nesting of an imported document (JSON or YAML), as serde_json allows
/// for any body. YAML is checked before parsing: libyaml slows down
/// quadratically with unclosed flow collections.
pub const IMPORT_MAX_NESTING: usize = 128;

/// Mocks one import may create.
pub const IMPORT_MAX_MOCKS: usize = 50_000;

/// Largest file `mimicus import` reads (over HTTP, `--body-limit` applies).
pub const IMPORT_FILE_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Longest chain of `$ref`s to `$ref`s followed.
pub const IMPORT_MAX_REF_CHAIN: usize = 64;

/// Schema nodes one generated example may visit, and all examples of one
/// document together: recursive schemas and exponential `allOf` fan-out
/// end with a shorter example and a warning.
pub const SCHEMA_EXAMPLE_FUEL: usize = 20_000;
pub const SCHEMA_DOCUMENT_FUEL: usize = 3_000_000;

/// Nesting of a generated example, and how often one `$ref` may be open
/// in it at once (a tree schema gets two levels).
pub const SCHEMA_MAX_DEPTH: usize = 32;
pub const SCHEMA_REF_REPEAT: usize = 2;

/// Items in a generated array and characters in a generated string; a
/// larger `minItems` / `minLength` is cut, with a warning.
pub const SCHEMA_MAX_ITEMS: usize = 1_000;
pub const SCHEMA_MAX_STRING: usize = 10_000;

/// How much of a user's input a log line or an error sentence repeats.
pub const ECHO_MAX_BYTES: usize = 200;

/// `text` cut to at most [`ECHO_MAX_BYTES`] (on a character boundary), with
/// the original length when it was cut, so logs cannot be flooded by input.
pub fn echo(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= ECHO_MAX_BYTES {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut end = ECHO_MAX_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}… ({} bytes)", &text[..end], text.len()))
}

/// Most of one upstream response body a recording captures. The proxied
/// response waits until this much is read (the capture is stored before it
/// is sent); a longer body is stored cut, marked truncated, and makes no mock.
pub const CAPTURE_BODY_MAX_BYTES: usize = 10 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_keeps_short_text_and_cuts_long_text_on_a_char_boundary() {
        assert_eq!(echo("short"), "short");
        let long = "é".repeat(1_000);
        let cut = echo(&long);
        assert!(cut.len() < ECHO_MAX_BYTES + 20, "{}", cut.len());
        assert!(cut.ends_with("(2000 bytes)"), "{cut}");
    }
}
