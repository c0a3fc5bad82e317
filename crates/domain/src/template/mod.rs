//! Jinja2 templates (SPEC §6) on minijinja: helpers, faker, request context
//! and state access. Templates are compiled once, when a mock is stored.

mod args;
mod complexity;
mod context;
mod context_json;
mod engine;
mod faker;
mod helpers;
mod json_dump;
mod state_object;

pub use context::{RenderContext, TemplateRequest};
pub use engine::{with_compile_stack, TemplateError, TemplateSet};
pub use faker::FAKER_METHODS;

#[cfg(test)]
mod deep_value_tests;
#[cfg(test)]
mod tests;
