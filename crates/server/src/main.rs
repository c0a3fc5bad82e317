use std::process::ExitCode;

use clap::Parser;
use server::{cli, telemetry, Action, Application, Cli, Config, LogFormat};

/// mimalloc instead of glibc's malloc. Inspector entries are allocated on
/// the HTTP worker and freed on the inspector's thread, and with 10,000
/// mocks in memory glibc's malloc and free took ~16 % of the core (~5 % with
/// 100 mocks), so W1 @10k ran at 85–93 % of W1. With mimalloc: 97–105 %. Built without transparent huge pages (`no_thp`), which
/// otherwise put RSS after W1 @10k at 74–79 MB instead of ~60 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> ExitCode {
    match Cli::parse().into_action() {
        Action::Serve(config) => serve(config).await,
        Action::Import(args) => {
            telemetry::init_quiet(LogFormat::Text);
            cli::import(args).await
        }
        Action::Export(args) => {
            telemetry::init_quiet(LogFormat::Text);
            cli::export(args).await
        }
    }
}

async fn serve(config: Config) -> ExitCode {
    telemetry::init(config.log_format);
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
