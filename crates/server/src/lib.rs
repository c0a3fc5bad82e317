//! The `mimicus` binary's library half: configuration, wiring and startup,
//! shared by `main` and the integration tests.

pub mod config;
pub mod startup;
pub mod telemetry;

pub use config::{Cli, Config, LogFormat, Secret};
pub use startup::{Application, StartupError};
