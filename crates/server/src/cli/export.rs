//! `mimicus export [FILE]`: the same document as `GET /api/admin/mocks/export`.

use std::process::ExitCode;

use super::open;
use crate::ExportArgs;

pub async fn run(args: ExportArgs) -> ExitCode {
    match export(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mimicus: export failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn export(args: &ExportArgs) -> Result<(), String> {
    let service = open(&args.database_url).await?;
    let document = service.export_document();
    let count = document["mocks"].as_array().map_or(0, Vec::len);
    let mut text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    text.push('\n');
    match &args.file {
        None => print!("{text}"),
        Some(path) => {
            std::fs::write(path, text)
                .map_err(|e| format!("could not write {}: {e}", path.display()))?;
            eprintln!("exported {count} mocks to {}", path.display());
        }
    }
    Ok(())
}
