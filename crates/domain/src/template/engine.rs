use std::cell::Cell;
use std::fmt;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use thiserror::Error;

use super::context::RenderContext;
use super::{complexity, helpers, state_object};
use crate::limits::{RENDER_FUEL, TEMPLATE_COMPILE_STACK_BYTES};

/// A template that failed to compile or render, with the 1-based line when known.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct TemplateError {
    pub message: String,
    pub line: Option<usize>,
}

impl TemplateError {
    fn from_minijinja(e: &minijinja::Error) -> Self {
        let mut message = e
            .detail()
            .map(str::to_string)
            .unwrap_or_else(|| e.kind().to_string());
        if let Some(line) = e.line() {
            message = format!("{message} (line {line})");
        }
        Self {
            message,
            line: e.line(),
        }
    }
}

/// The compiled templates of one mock (body, error body, header values,
/// variant bodies), each under a name such as `response_body` or
/// `response_headers.X-Trace`. Compiled once, rendered many times.
pub struct TemplateSet {
    env: Environment<'static>,
    uses_state: bool,
}

impl fmt::Debug for TemplateSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.env.templates().map(|(name, _)| name).collect();
        write!(f, "TemplateSet({names:?})")
    }
}

/// An environment with every helper and no HTML escaping (responses are JSON and text).
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(RENDER_FUEL));
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_undefined_behavior(UndefinedBehavior::Lenient);
    env.set_keep_trailing_newline(true);
    helpers::register(&mut env);
    env.add_function("sequence", state_object::sequence);
    env
}

impl TemplateSet {
    /// Compiles `(name, source)` pairs; the error names the template that
    /// failed. Each source is checked against [`crate::limits`] first, and
    /// minijinja runs on a thread with a stack sized for the worst template
    /// those limits allow (its parser and code generator recurse per level).
    pub fn compile(sources: Vec<(String, String)>) -> Result<Self, (String, TemplateError)> {
        for (name, source) in &sources {
            complexity::check(source).map_err(|e| (name.clone(), e))?;
        }
        on_compile_stack(move || {
            let mut env = environment();
            let mut uses_state = false;
            for (name, source) in sources {
                uses_state |= source.contains("state") || source.contains("sequence");
                env.add_template_owned(name.clone(), source)
                    .map_err(|e| (name, TemplateError::from_minijinja(&e)))?;
            }
            Ok(Self { env, uses_state })
        })
    }

    /// Checks one template for syntax errors without keeping it.
    pub fn check(source: &str) -> Result<(), TemplateError> {
        Self::compile(vec![("template".into(), source.to_string())])
            .map(|_| ())
            .map_err(|(_, e)| e)
    }

    /// Whether any template touches state (`state.*`, `sequence`); such
    /// renders hit storage and must run on a blocking thread.
    pub fn uses_state(&self) -> bool {
        self.uses_state
    }

    pub fn has(&self, name: &str) -> bool {
        self.env.get_template(name).is_ok()
    }

    /// Renders the template `name`; `Ok(None)` if there is no such template.
    /// Output beyond `max_output` bytes stops the render with an error (the
    /// text is written into a capped buffer, never built whole first).
    pub fn render(
        &self,
        name: &str,
        context: &RenderContext,
        max_output: usize,
    ) -> Result<Option<String>, TemplateError> {
        let Ok(template) = self.env.get_template(name) else {
            return Ok(None);
        };
        let mut out = CappedOutput {
            text: Vec::new(),
            max: max_output,
            exceeded: false,
        };
        match template.render_captured_to(context.value(), &mut out) {
            Ok(_) => Ok(Some(
                String::from_utf8(out.text)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            )),
            Err(_) if out.exceeded => Err(TemplateError {
                message: format!(
                    "the rendered output is larger than the limit of {max_output} bytes (--template-max-output)"
                ),
                line: None,
            }),
            Err(e) => Err(TemplateError::from_minijinja(&e)),
        }
    }
}

/// The render's output, refusing writes past `max` bytes.
struct CappedOutput {
    text: Vec<u8>,
    max: usize,
    exceeded: bool,
}

impl std::io::Write for CappedOutput {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.text.len() + data.len() > self.max {
            self.exceeded = true;
            return Err(std::io::Error::other("template output limit reached"));
        }
        self.text.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type Compiled = Result<TemplateSet, (String, TemplateError)>;

thread_local! {
    /// Set on a thread started by [`with_compile_stack`], whose stack is
    /// already the compile stack.
    static ON_COMPILE_STACK: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work` on one thread with [`TEMPLATE_COMPILE_STACK_BYTES`] of
/// stack, where every template it compiles is compiled directly rather than
/// on a thread of its own. For bulk work (importing thousands of templated
/// mocks): a fresh thread per template costs fresh stack and allocator pages
/// each time, which the kernel zeroes. Templates are compiled one after the
/// other, so the stack each one may use is the same as on its own thread.
pub fn with_compile_stack<R: Send>(work: impl FnOnce() -> R + Send) -> Result<R, String> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("template-compile".into())
            .stack_size(TEMPLATE_COMPILE_STACK_BYTES)
            .spawn_scoped(scope, || {
                ON_COMPILE_STACK.with(|on| on.set(true));
                work()
            })
            .map_err(|e| format!("could not start the template compiler: {e}"))?
            .join()
            .map_err(|_| "the template compiler failed".to_string())
    })
}

/// Runs `compile` on a short-lived thread with
/// [`TEMPLATE_COMPILE_STACK_BYTES`] of stack: the parse tree is built and
/// dropped there, whatever thread asked (std gives threads 2 MiB). On a
/// [`with_compile_stack`] thread it runs in place.
fn on_compile_stack(compile: impl FnOnce() -> Compiled + Send) -> Compiled {
    if ON_COMPILE_STACK.with(Cell::get) {
        return compile();
    }
    let failed = |what: String| {
        (
            String::new(),
            TemplateError {
                message: what,
                line: None,
            },
        )
    };
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("template-compile".into())
            .stack_size(TEMPLATE_COMPILE_STACK_BYTES)
            .spawn_scoped(scope, compile)
            .map_err(|e| failed(format!("could not start the template compiler: {e}")))?
            .join()
            .map_err(|_| failed("the template compiler failed".into()))?
    })
}
