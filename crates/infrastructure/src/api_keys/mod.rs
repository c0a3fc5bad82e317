//! Diesel storage of admin API keys (hashes only).

use async_trait::async_trait;
use diesel::prelude::*;
use domain::api_key::{ApiKey, ApiKeyRepository};
use domain::RepositoryError;

use crate::db::schema::api_keys;
use crate::db::{run_blocking, DbPool};

#[derive(Clone)]
pub struct SqliteApiKeyRepository {
    pool: DbPool,
}

impl SqliteApiKeyRepository {
    pub fn new(pool: DbPool) -> Self {
        Self { pool }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_keys)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
struct Row {
    id: String,
    name: String,
    prefix: String,
    hash: String,
    created_at: String,
    last_used_at: Option<String>,
}

impl From<Row> for ApiKey {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            name: r.name,
            prefix: r.prefix,
            hash: r.hash,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        }
    }
}

impl From<&ApiKey> for Row {
    fn from(k: &ApiKey) -> Self {
        Self {
            id: k.id.clone(),
            name: k.name.clone(),
            prefix: k.prefix.clone(),
            hash: k.hash.clone(),
            created_at: k.created_at.clone(),
            last_used_at: k.last_used_at.clone(),
        }
    }
}

#[async_trait]
impl ApiKeyRepository for SqliteApiKeyRepository {
    async fn insert(&self, key: &ApiKey) -> Result<(), RepositoryError> {
        let row = Row::from(key);
        run_blocking(&self.pool, move |conn| {
            diesel::insert_into(api_keys::table)
                .values(&row)
                .execute(conn)?;
            Ok(())
        })
        .await?;
        Ok(())
    }

    async fn list(&self) -> Result<Vec<ApiKey>, RepositoryError> {
        let rows = run_blocking(&self.pool, |conn| {
            Ok(api_keys::table
                .select(Row::as_select())
                .order(api_keys::created_at.asc())
                .load::<Row>(conn)?)
        })
        .await?;
        Ok(rows.into_iter().map(ApiKey::from).collect())
    }

    async fn delete(&self, id: &str) -> Result<(), RepositoryError> {
        let id = id.to_string();
        let deleted = run_blocking(&self.pool, move |conn| {
            Ok(diesel::delete(api_keys::table.find(id)).execute(conn)?)
        })
        .await?;
        if deleted == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn touch(&self, id: &str, at: &str) -> Result<(), RepositoryError> {
        let (id, at) = (id.to_string(), at.to_string());
        run_blocking(&self.pool, move |conn| {
            diesel::update(api_keys::table.find(id))
                .set(api_keys::last_used_at.eq(Some(at)))
                .execute(conn)?;
            Ok(())
        })
        .await?;
        Ok(())
    }
}
