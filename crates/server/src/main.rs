use std::process::ExitCode;

use clap::Parser;
use server::{cli, telemetry, thread_stacks, Action, Application, Cli, Config, LogFormat};

/// mimalloc instead of glibc's malloc. Inspector entries are allocated on
/// the HTTP worker and freed on the inspector's thread, and with 10,000
/// mocks in memory glibc's malloc and free took ~16 % of the core (~5 % with
/// 100 mocks), so W1 @10k ran at 85–93 % of W1. With mimalloc: 97–105 %. Built without transparent huge pages (`no_thp`), which
/// otherwise put RSS after W1 @10k at 74–79 MB instead of ~60 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::parse().into_action() {
        Action::Serve(config) => {
            // First, before any thread starts: std reads the default stack
            // size once.
            let stacks = thread_stacks::reserve_render_stacks();
            telemetry::init(config.log_format);
            if let Err(e) = stacks {
                tracing::warn!(
                    error = %e,
                    bytes = domain::limits::TEMPLATE_RENDER_STACK_BYTES,
                    "threads keep the default stack: a template building a deeply nested value can crash the server"
                );
            }
            run(serve(config))
        }
        Action::Import(args) => {
            telemetry::init_quiet(LogFormat::Text);
            run(cli::import(args))
        }
        Action::Export(args) => {
            telemetry::init_quiet(LogFormat::Text);
            run(cli::export(args))
        }
    }
}

/// What `#[actix_web::main]` does, so that `main` runs before any thread.
fn run(task: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    actix_web::rt::System::new().block_on(task)
}

async fn serve(config: Config) -> ExitCode {
    let host = config.host.clone();
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("mimicus: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Tests and scripts read this line to learn the port when started with --port 0.
    println!("mimicus listening on http://{host}:{}", app.port());
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mimicus: {e}");
            ExitCode::FAILURE
        }
    }
}
