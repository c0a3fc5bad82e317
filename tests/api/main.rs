//! Integration tests: each starts the real server on a random port with a
//! fresh SQLite file in a temp dir and talks HTTP to it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin_fuzz;
mod body_limits;
mod deep_values;
mod faults;
mod helpers;
mod import_cli;
mod import_errors;
mod import_har;
mod import_mockoon;
mod import_openapi;
mod import_support;
mod import_wiremock;
mod inspector;
mod matching;
mod metrics;
mod mock_stats;
mod mocks_bulk;
mod mocks_crud;
mod near_misses;
mod openapi_check;
mod ordering;
mod process;
mod proxy;
mod recording;
mod recording_mocks;
mod recording_proxy;
mod robustness;
mod security;
mod server_info;
mod state;
mod templates;
mod traffic;
mod ui;
mod upstream;
mod validation;
mod variants;
