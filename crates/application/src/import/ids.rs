//! Mock ids derived from names in the source file (`operationId`, a stub's
//! name), made valid (`[A-Za-z0-9._-]{1,128}`) and unique within an import.

use std::collections::HashSet;

/// Longest id produced, leaving room for a `-N` suffix.
const MAX_LEN: usize = 120;

#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// `raw` made valid; `-2`, `-3`, … appended when already handed out.
    pub fn unique(&mut self, raw: &str) -> String {
        let base = slug(raw);
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// Keeps `[A-Za-z0-9._-]`; every other run of characters becomes one `-`.
pub fn slug(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed: String = out.trim_matches('-').chars().take(MAX_LEN).collect();
    if trimmed.is_empty() {
        "mock".to_string()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_and_unique() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.unique("listPets"), "listPets");
        assert_eq!(ids.unique("listPets"), "listPets-2");
        assert_eq!(ids.unique("GET /pets/{id}"), "GET-pets-id");
        assert_eq!(ids.unique("¿?"), "mock");
        assert_eq!(ids.unique(&"x".repeat(300)).len(), MAX_LEN);
    }
}
