use std::borrow::Cow;

/// Where the UI's files come from: the embedded build, or a fake in tests.
pub trait UiFiles {
    /// The file at `path` (relative to the build folder, no leading `/`).
    fn get(&self, path: &str) -> Option<Cow<'static, [u8]>>;
}

/// `frontend/dist`, embedded at compile time (see `build.rs`).
#[derive(rust_embed::Embed)]
#[folder = "../../frontend/dist/"]
#[allow_missing = true]
struct Dist;

/// The UI built into this binary.
pub struct EmbeddedUi;

impl UiFiles for EmbeddedUi {
    fn get(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        Dist::get(path).map(|file| file.data)
    }
}

impl EmbeddedUi {
    /// Whether `make ui` had built the UI when this binary was compiled.
    pub fn is_built() -> bool {
        Dist::get("index.html").is_some()
    }
}

#[cfg(test)]
impl UiFiles for std::collections::HashMap<&'static str, &'static str> {
    fn get(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        self.get(path).map(|text| Cow::Borrowed(text.as_bytes()))
    }
}
