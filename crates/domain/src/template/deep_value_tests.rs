//! Values nested as deep as a render's fuel allows: dropping, printing,
//! comparing and serializing them recurses once per level, so they must fit
//! the stack every rendering thread gets.

use std::sync::Arc;

use super::tests::{render_with, Empty};
use super::TemplateError;
use crate::limits::{TEMPLATE_JSON_MAX_NESTING, TEMPLATE_RENDER_STACK_BYTES};
use crate::state::{OverlayStore, StateRepository};

/// `{% set ns.x = [[…ns.x…]] %}` with the deepest literal the parser takes
/// (73 levels for 80 instructions), `iterations` times: the most levels per
/// instruction a loop gets.
fn deepest_loop(iterations: usize) -> String {
    format!(
        "{{% set ns = namespace(x=[]) %}}{{% for i in range({iterations}) %}}\
         {{% set ns.x = {}ns.x{} %}}{{% endfor %}}",
        "[".repeat(73),
        "]".repeat(73)
    )
}

/// Runs `render` on a thread with a render thread's stack; a stack overflow
/// would abort the whole test binary.
fn on_render_stack<T: Send>(render: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(TEMPLATE_RENDER_STACK_BYTES)
            .spawn_scoped(scope, render)
            .map(|thread| thread.join())
    })
    .ok()
    .and_then(Result::ok)
    .unwrap_or_else(|| panic!("the render thread could not run"))
}

#[test]
fn the_deepest_value_the_fuel_allows_is_compared_printed_and_dropped() {
    // 24,000 iterations use 1.92 million of the 2 million instructions and
    // nest 1.75 million levels; what is left compares, serializes and prints.
    let deep = format!(
        "{}{{{{ [ns.x, [ns.x]]|sort|length }}}} {{{{ (ns.x|tojson)|length }}}} {{{{ ns.x }}}}",
        deepest_loop(24_000)
    );
    let (printed, out_of_fuel) = on_render_stack(|| {
        let printed = render_with(&deep, None);
        // Nesting until the fuel runs out, then dropping what was built.
        let out_of_fuel = render_with(&deepest_loop(100_000), None);
        (printed, out_of_fuel)
    });
    let levels = 24_000 * 73;
    let printed = printed.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        printed.starts_with(&format!("2 {} [[[", 2 * levels + 2)),
        "{}",
        &printed[..40]
    );
    assert_eq!(printed.len(), "2 3504002 ".len() + 2 * levels + 2);
    assert!(out_of_fuel.is_err_and(|e| e.message.contains("fuel")));
}

fn nested_deeper_than_json_allows() -> String {
    format!(
        "{{% set ns = namespace(x=1) %}}{{% for i in range({}) %}}{{% set ns.x = [ns.x] %}}{{% endfor %}}",
        TEMPLATE_JSON_MAX_NESTING + 1
    )
}

fn refused(result: Result<String, TemplateError>) -> bool {
    result.is_err_and(|e| e.message.contains("nests more than 127 levels"))
}

#[test]
fn json_dumps_and_state_set_refuse_values_json_cannot_read_back() {
    let deep = nested_deeper_than_json_allows();
    assert!(refused(render_with(
        &format!("{deep}{{{{ json_dumps(ns.x) }}}}"),
        None
    )));
    let store: Arc<dyn StateRepository> = Arc::new(OverlayStore::new(Arc::new(Empty)));
    let set = format!("{deep}{{{{ state.set('k', ns.x) }}}}");
    assert!(refused(render_with(&set, Some(store))));
    // One level less is fine, and reads back.
    let fits = format!(
        "{{% set ns = namespace(x=1) %}}{{% for i in range({}) %}}{{% set ns.x = [ns.x] %}}{{% endfor %}}\
         {{{{ json_loads(json_dumps(ns.x)) == ns.x }}}}",
        TEMPLATE_JSON_MAX_NESTING
    );
    assert_eq!(render_with(&fits, None).ok().as_deref(), Some("True"));
}
