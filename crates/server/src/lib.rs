//! The `mimicus` binary's library half: configuration, wiring and startup,
//! shared by `main` and the integration tests.

pub mod cli;
pub mod config;
pub mod startup;
pub mod telemetry;
pub mod thread_stacks;

pub use config::{Action, Cli, Config, ExportArgs, ImportArgs, LogFormat, Secret};
pub use startup::{Application, StartupError};
