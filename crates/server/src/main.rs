use std::process::ExitCode;

use clap::Parser;
use server::{telemetry, Application, Cli};

#[actix_web::main]
async fn main() -> ExitCode {
    let config = Cli::parse().into_config();
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
