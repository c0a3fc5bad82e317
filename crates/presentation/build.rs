//! The admin UI is embedded from `frontend/dist` (built by `make ui`). Cargo
//! re-runs this script, and so re-embeds, whenever anything in that folder
//! changes; the folder is created empty when missing so that a build without
//! the UI compiles (and `/admin` explains how to build it) without
//! re-running on every build.

use std::path::Path;

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../frontend/dist");
    if !dist.exists() {
        if let Err(e) = std::fs::create_dir_all(&dist) {
            println!("cargo:warning=could not create {}: {e}", dist.display());
        }
    }
    println!("cargo:rerun-if-changed={}", dist.display());
    println!("cargo:rerun-if-changed=build.rs");
}
