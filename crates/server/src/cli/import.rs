//! `mimicus import FILE [--format F] [--dry-run] [--upsert] [--dynamic]`.

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

use application::import::{ImportFormat, ImportOptions, ImportProgress, NoProgress};

use super::progress::Bar;
use super::{describe, open, summary};
use crate::ImportArgs;

/// Largest file the command reads (the API's limit is `--body-limit`).
use domain::limits::IMPORT_FILE_MAX_BYTES as MAX_FILE;
/// Files from this size on get a progress bar.
const LARGE_FILE: u64 = 1024 * 1024;

pub async fn run(args: ImportArgs) -> ExitCode {
    match import(&args).await {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mimicus: import of {} failed: {e}", args.file.display());
            ExitCode::FAILURE
        }
    }
}

async fn import(args: &ImportArgs) -> Result<String, String> {
    let format = args
        .format
        .as_deref()
        .map(ImportFormat::parse)
        .transpose()
        .map_err(|e| e.to_string())?;
    let options = ImportOptions {
        format,
        dry_run: args.dry_run,
        upsert: args.upsert,
        dynamic: args.dynamic,
    };
    let bar = Bar::new();
    let bytes = read(args, &bar)?;
    let progress: Arc<dyn ImportProgress> = if bytes.len() as u64 >= LARGE_FILE {
        Arc::new(bar)
    } else {
        bar.finish();
        Arc::new(NoProgress)
    };
    let service = open(&args.database_url).await?;
    let result = service
        .import_document(bytes, options, Arc::clone(&progress))
        .await;
    progress.phase("done", 0);
    drop(progress);
    let outcome = result.map_err(|e| describe(&e))?;
    let source = args.file.display().to_string();
    Ok(summary::render(&outcome, &source, &args.database_url))
}

/// The file's bytes, refusing files over [`MAX_FILE`].
fn read(args: &ImportArgs, bar: &Bar) -> Result<Vec<u8>, String> {
    let too_large = || format!("the file is larger than {} MiB", MAX_FILE / (1024 * 1024));
    let mut input: Box<dyn Read> = if args.file.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(&args.file).map_err(|e| e.to_string())?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > MAX_FILE {
            return Err(too_large());
        }
        if size >= LARGE_FILE {
            bar.reading(size);
        }
        Box::new(file)
    };
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = input.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(bytes);
        }
        if (bytes.len() + n) as u64 > MAX_FILE {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk[..n]);
        bar.read(n as u64);
    }
}
