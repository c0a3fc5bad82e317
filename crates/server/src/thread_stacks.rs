//! Every thread the server starts gets a stack that holds the deepest value
//! a template can build ([`TEMPLATE_RENDER_STACK_BYTES`], where the size is
//! worked out).
//!
//! Templates render on actix-web's worker threads, on the blocking pools of
//! their runtimes (the preview) and on the state writer's thread. actix-server
//! and tokio start their threads without a stack size, so they get std's
//! default, which `RUST_MIN_STACK` sets — read once, when the first such
//! thread starts. `main` therefore calls [`reserve_render_stacks`] before any
//! thread exists, and the state writer takes the same default. Only the
//! pages a render touches are ever committed: the size costs address space,
//! not memory. (Servers started inside a test process keep the 2 MiB
//! default: the harness has started threads before any test runs.)

use std::io;
use std::thread;

use domain::limits::TEMPLATE_RENDER_STACK_BYTES;

/// Makes [`TEMPLATE_RENDER_STACK_BYTES`] the stack of every thread started
/// without an explicit size (a larger `RUST_MIN_STACK` is kept). Fails,
/// changing nothing, where such stacks cannot be had for every thread: the
/// threads then keep std's 2 MiB, on which a deeply nested template value
/// can abort the server.
pub fn reserve_render_stacks() -> io::Result<()> {
    if let Some(limit) = address_space_limit() {
        return Err(io::Error::other(limit));
    }
    // Under the kernel's default, heuristic overcommit a stack is refused
    // only if it is larger than RAM and swap together: try one. Its size is
    // explicit, so std has not read the default yet.
    thread::Builder::new()
        .name("stack-probe".into())
        .stack_size(TEMPLATE_RENDER_STACK_BYTES)
        .spawn(|| {})?
        .join()
        .map_err(|_| io::Error::other("the stack probe thread failed"))?;
    let configured = std::env::var("RUST_MIN_STACK")
        .ok()
        .and_then(|v| v.parse::<usize>().ok());
    if !matches!(configured, Some(size) if size >= TEMPLATE_RENDER_STACK_BYTES) {
        std::env::set_var("RUST_MIN_STACK", TEMPLATE_RENDER_STACK_BYTES.to_string());
    }
    Ok(())
}

/// What makes every thread's stack count in full against a limit, so that
/// a dozen threads could not start.
fn address_space_limit() -> Option<&'static str> {
    use rustix::process::{getrlimit, Resource};
    if getrlimit(Resource::As).current.is_some() {
        return Some("the address space is limited (ulimit -v)");
    }
    let overcommit = std::fs::read_to_string("/proc/sys/vm/overcommit_memory");
    if overcommit.is_ok_and(|mode| mode.trim() == "2") {
        return Some("strict overcommit (vm.overcommit_memory = 2)");
    }
    None
}
