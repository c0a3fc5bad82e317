//! Admin API keys (SPEC §11): generation, hashing, constant-time checks.
//!
//! Active key hashes live in memory, so authenticating a request never reads
//! the database; `last_used_at` is written at most once a minute per key.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use base64::Engine as _;
use chrono::{SecondsFormat, Utc};
use domain::api_key::{ApiKey, ApiKeyRepository};
use domain::{FieldError, RepositoryError};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::AppError;

const TOUCH_EVERY: Duration = Duration::from_secs(60);
const PREFIX_LEN: usize = 12;
/// Id used for the key given with `--api-key`; it is never stored.
const BOOTSTRAP_ID: &str = "bootstrap";

pub struct ApiKeyService {
    repo: Arc<dyn ApiKeyRepository>,
    /// (id, SHA-256 of the key) of every valid key.
    active: RwLock<Vec<(String, [u8; 32])>>,
    touched: Mutex<HashMap<String, Instant>>,
    /// Whether the admin API may be used without a key while no key exists
    /// (only when bound to a loopback address).
    open_when_keyless: bool,
}

fn digest(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (i, chunk) in text.as_bytes().chunks(2).enumerate() {
        out[i] = u8::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
    }
    Some(out)
}

/// A new key: `mk_` and 32 bytes from the OS's CSPRNG, URL-safe base64.
fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "mk_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

impl ApiKeyService {
    /// Loads stored key hashes; `bootstrap` is hashed in memory only.
    pub async fn load(
        repo: Arc<dyn ApiKeyRepository>,
        bootstrap: Option<&str>,
        open_when_keyless: bool,
    ) -> Result<Self, AppError> {
        let mut active: Vec<(String, [u8; 32])> = repo
            .list()
            .await?
            .into_iter()
            .filter_map(|k| from_hex(&k.hash).map(|h| (k.id, h)))
            .collect();
        if let Some(key) = bootstrap.filter(|k| !k.is_empty()) {
            active.push((BOOTSTRAP_ID.to_string(), digest(key)));
        }
        Ok(Self {
            repo,
            active: RwLock::new(active),
            touched: Mutex::new(HashMap::new()),
            open_when_keyless,
        })
    }

    pub fn has_keys(&self) -> bool {
        !self
            .active
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }

    /// Whether a request without a valid key must be refused.
    pub fn auth_required(&self) -> bool {
        self.has_keys() || !self.open_when_keyless
    }

    /// Checks a presented key against every active hash in constant time.
    pub fn verify(&self, presented: &str) -> bool {
        let candidate = digest(presented);
        let matched = {
            let active = self.active.read().unwrap_or_else(PoisonError::into_inner);
            let mut found = None;
            for (id, hash) in active.iter() {
                if bool::from(hash.ct_eq(&candidate)) {
                    found = Some(id.clone());
                }
            }
            found
        };
        match matched {
            Some(id) => {
                self.touch(id);
                true
            }
            None => false,
        }
    }

    /// Records use at most once a minute per key, off the request path.
    fn touch(&self, id: String) {
        if id == BOOTSTRAP_ID {
            return;
        }
        let now = Instant::now();
        {
            let mut touched = self.touched.lock().unwrap_or_else(PoisonError::into_inner);
            if touched
                .get(&id)
                .is_some_and(|last| now.duration_since(*last) < TOUCH_EVERY)
            {
                return;
            }
            touched.insert(id.clone(), now);
        }
        let repo = Arc::clone(&self.repo);
        let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            handle.spawn(async move {
                if let Err(e) = repo.touch(&id, &at).await {
                    tracing::warn!(error = %e, key_id = %id, "could not record API key use");
                }
            });
        }
    }

    /// Creates a key; the full key is returned only here.
    pub async fn create(&self, name: &str) -> Result<(ApiKey, String), AppError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(FieldError::new("name", "must be 1 to 100 characters").into());
        }
        let key = generate();
        let hash = digest(&key);
        let record = ApiKey {
            id: uuid::Uuid::new_v4().to_string(),
            name: name.to_string(),
            prefix: key.chars().take(PREFIX_LEN).collect(),
            hash: hex(&hash),
            created_at: Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true),
            last_used_at: None,
        };
        self.repo.insert(&record).await?;
        self.active
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .push((record.id.clone(), hash));
        Ok((record, key))
    }

    pub async fn list(&self) -> Result<Vec<ApiKey>, AppError> {
        Ok(self.repo.list().await?)
    }

    pub async fn delete(&self, id: &str) -> Result<(), AppError> {
        self.repo.delete(id).await.map_err(|e| match e {
            RepositoryError::NotFound => AppError::NotFound {
                resource: "API key",
                id: id.to_string(),
            },
            other => other.into(),
        })?;
        self.active
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|(k, _)| k != id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_trait::async_trait;

    mockall::mock! {
        Repo {}
        #[async_trait]
        impl ApiKeyRepository for Repo {
            async fn insert(&self, key: &ApiKey) -> Result<(), RepositoryError>;
            async fn list(&self) -> Result<Vec<ApiKey>, RepositoryError>;
            async fn delete(&self, id: &str) -> Result<(), RepositoryError>;
            async fn touch(&self, id: &str, at: &str) -> Result<(), RepositoryError>;
        }
    }

    #[tokio::test]
    async fn created_keys_verify_are_stored_only_as_hashes_and_die_on_delete() {
        let mut repo = MockRepo::new();
        repo.expect_list().returning(|| Ok(vec![]));
        repo.expect_insert()
            .withf(|k| k.hash.len() == 64 && !k.hash.contains("mk_") && k.prefix.starts_with("mk_"))
            .times(1)
            .returning(|_| Ok(()));
        repo.expect_touch().returning(|_, _| Ok(()));
        repo.expect_delete().times(1).returning(|_| Ok(()));
        let service = ApiKeyService::load(Arc::new(repo), None, true)
            .await
            .unwrap();
        assert!(!service.auth_required(), "open while keyless on loopback");
        let (record, key) = service.create("ci").await.unwrap();
        assert!(key.len() >= 43, "32 random bytes, URL-safe");
        assert!(key.starts_with(&record.prefix));
        assert!(service.auth_required());
        assert!(service.verify(&key));
        assert!(!service.verify("mk_wrong"));
        service.delete(&record.id).await.unwrap();
        assert!(!service.verify(&key));
    }

    #[tokio::test]
    async fn the_bootstrap_key_works_without_being_stored() {
        let mut repo = MockRepo::new();
        repo.expect_list().returning(|| Ok(vec![]));
        repo.expect_insert().never();
        let service = ApiKeyService::load(Arc::new(repo), Some("s3cret"), true)
            .await
            .unwrap();
        assert!(service.auth_required());
        assert!(service.verify("s3cret"));
        assert!(!service.verify("s3cret "));
    }

    #[tokio::test]
    async fn off_loopback_a_keyless_server_is_never_open() {
        let mut repo = MockRepo::new();
        repo.expect_list().returning(|| Ok(vec![]));
        let service = ApiKeyService::load(Arc::new(repo), None, false)
            .await
            .unwrap();
        assert!(service.auth_required());
    }

    #[tokio::test]
    async fn names_are_validated_before_anything_is_stored() {
        let mut repo = MockRepo::new();
        repo.expect_list().returning(|| Ok(vec![]));
        repo.expect_insert().never();
        let service = ApiKeyService::load(Arc::new(repo), None, true)
            .await
            .unwrap();
        assert!(
            matches!(service.create("  ").await, Err(AppError::Invalid(f)) if f.field == "name")
        );
    }

    #[tokio::test]
    async fn last_used_at_is_written_at_most_once_a_minute_per_key() {
        let mut repo = MockRepo::new();
        repo.expect_list().returning(|| Ok(vec![]));
        repo.expect_insert().returning(|_| Ok(()));
        let touches = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = Arc::clone(&touches);
        repo.expect_touch().returning(move |_, _| {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        });
        let service = ApiKeyService::load(Arc::new(repo), None, true)
            .await
            .unwrap();
        let (_, key) = service.create("busy").await.unwrap();
        for _ in 0..100 {
            assert!(service.verify(&key));
            tokio::task::yield_now().await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(touches.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn generated_keys_are_unique_and_url_safe() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c)));
    }
}
