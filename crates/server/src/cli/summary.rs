//! The table printed after an import.

use std::fmt::Write as _;

use application::import::ImportOutcome;

/// Counts in a small table, then the skipped ids and the warnings.
pub fn render(outcome: &ImportOutcome, source: &str, database: &str) -> String {
    let mut out = String::new();
    let verb = if outcome.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    let _ = writeln!(out, "{verb} {source} ({}) into {database}", outcome.format);
    let rows = [
        ("created", outcome.created.len()),
        ("updated", outcome.updated.len()),
        ("skipped", outcome.skipped.len()),
        ("warnings", outcome.warnings.len()),
    ];
    let rule = "+----------+--------+";
    let _ = writeln!(out, "{rule}\n| result   |  count |\n{rule}");
    for (name, count) in rows {
        let _ = writeln!(out, "| {name:<8} | {count:>6} |");
    }
    let _ = writeln!(out, "{rule}");
    if !outcome.skipped.is_empty() {
        let _ = writeln!(out, "\nSkipped: {}", outcome.skipped.join(", "));
    }
    if !outcome.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &outcome.warnings {
            let _ = writeln!(out, "  {}: {}", w.item, w.message);
        }
    }
    if outcome.dry_run {
        let _ = writeln!(out, "\nDry run: nothing was stored.");
    }
    out
}
