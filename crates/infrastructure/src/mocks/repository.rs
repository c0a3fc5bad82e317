use async_trait::async_trait;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use diesel::sqlite::Sqlite;
use domain::{MockDefinition, MockFilter, MockId, MockPage, MockRepository, RepositoryError};

use super::row::MockRow;
use crate::db::schema::mocks;
use crate::db::{run_blocking, DbPool};
use crate::InfraError;

/// [`MockRepository`] over SQLite.
#[derive(Clone)]
pub struct SqliteMockRepository {
    pool: DbPool,
}

impl SqliteMockRepository {
    pub fn new(pool: DbPool) -> Self {
        Self { pool }
    }
}

type BoxedQuery<'a> = mocks::BoxedQuery<'a, Sqlite>;

/// `LIKE` pattern matching `text` anywhere, with wildcards in it escaped.
fn like_anywhere(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn filtered(filter: &MockFilter) -> BoxedQuery<'static> {
    let mut query = mocks::table.into_boxed();
    if let Some(enabled) = filter.enabled {
        query = query.filter(mocks::mock_enabled.eq(enabled));
    }
    if let Some(mode) = filter.mode {
        query = query.filter(mocks::mock_mode.eq(mode.as_str()));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.is_empty()) {
        let pattern = like_anywhere(search);
        query = query.filter(
            mocks::mock_name
                .like(pattern.clone())
                .escape('\\')
                .or(mocks::mock_id.like(pattern.clone()).escape('\\'))
                .or(mocks::match_path.like(pattern).escape('\\')),
        );
    }
    if let Some(tag) = filter.tag.clone() {
        query = query.filter(
            sql::<Bool>(
                "EXISTS (SELECT 1 FROM json_each(mocks.mock_tags) WHERE json_each.value = ",
            )
            .bind::<Text, _>(tag)
            .sql(")"),
        );
    }
    query
}

/// Rows that no longer pass validation (stored before a rule was added,
/// such as the 1xx status ban or the template limits) are skipped with a
/// warning instead of keeping the server from starting; the row itself is
/// kept, so nothing is lost and the mock can be fixed by re-importing it.
fn to_domain(rows: Vec<MockRow>) -> Vec<MockDefinition> {
    rows.into_iter()
        .filter_map(|row| match MockDefinition::try_from(row) {
            Ok(mock) => Some(mock),
            Err(e) => {
                tracing::warn!(error = %e, "skipping a stored mock that is no longer valid");
                None
            }
        })
        .collect()
}

#[async_trait]
impl MockRepository for SqliteMockRepository {
    async fn insert(&self, mock: &MockDefinition) -> Result<(), RepositoryError> {
        let row = MockRow::from(mock);
        run_blocking(&self.pool, move |conn| {
            diesel::insert_into(mocks::table)
                .values(&row)
                .execute(conn)?;
            Ok(())
        })
        .await
        .map_err(|e| match RepositoryError::from(e) {
            RepositoryError::Duplicate(_) => RepositoryError::Duplicate(mock.id.to_string()),
            other => other,
        })
    }

    async fn update(&self, mock: &MockDefinition) -> Result<(), RepositoryError> {
        let row = MockRow::from(mock);
        let changed = run_blocking(&self.pool, move |conn| {
            Ok(diesel::update(mocks::table.find(row.mock_id.clone()))
                .set(&row)
                .execute(conn)?)
        })
        .await?;
        if changed == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn delete(&self, id: &MockId) -> Result<(), RepositoryError> {
        let id = id.to_string();
        let deleted = run_blocking(&self.pool, move |conn| {
            Ok(diesel::delete(mocks::table.find(id)).execute(conn)?)
        })
        .await?;
        if deleted == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn get(&self, id: &MockId) -> Result<Option<MockDefinition>, RepositoryError> {
        let id = id.to_string();
        let row = run_blocking(&self.pool, move |conn| {
            Ok(mocks::table
                .find(id)
                .select(MockRow::as_select())
                .first(conn)
                .optional()?)
        })
        .await?;
        Ok(row.map(MockDefinition::try_from).transpose()?)
    }

    async fn list(&self, filter: &MockFilter) -> Result<MockPage, RepositoryError> {
        let filter = filter.clone();
        let (rows, total) = run_blocking(&self.pool, move |conn| {
            let total: i64 = filtered(&filter).count().get_result(conn)?;
            let mut query = filtered(&filter)
                .select(MockRow::as_select())
                .order((mocks::created_at.asc(), mocks::mock_id.asc()))
                .offset(filter.offset.max(0));
            query = query.limit(filter.limit.unwrap_or(-1));
            Ok((query.load::<MockRow>(conn)?, total))
        })
        .await?;
        Ok(MockPage {
            mocks: to_domain(rows),
            total,
        })
    }

    async fn all(&self) -> Result<Vec<MockDefinition>, RepositoryError> {
        let rows = run_blocking(&self.pool, |conn| {
            Ok(mocks::table
                .select(MockRow::as_select())
                .order((mocks::created_at.asc(), mocks::mock_id.asc()))
                .load::<MockRow>(conn)?)
        })
        .await?;
        Ok(to_domain(rows))
    }

    async fn import(
        &self,
        items: Vec<MockDefinition>,
        upsert: bool,
    ) -> Result<Vec<Result<MockDefinition, RepositoryError>>, RepositoryError> {
        let rows: Vec<MockRow> = items.iter().map(MockRow::from).collect();
        let outcomes = run_blocking(&self.pool, move |conn| {
            conn.immediate_transaction(|conn| {
                rows.iter()
                    .map(|row| {
                        let written = if upsert {
                            diesel::insert_into(mocks::table)
                                .values(row)
                                .on_conflict(mocks::mock_id)
                                .do_update()
                                .set(row)
                                .execute(conn)
                        } else {
                            diesel::insert_into(mocks::table).values(row).execute(conn)
                        };
                        match written {
                            Ok(_) => Ok(true),
                            Err(diesel::result::Error::DatabaseError(
                                diesel::result::DatabaseErrorKind::UniqueViolation,
                                _,
                            )) => Ok(false),
                            Err(e) => Err(e),
                        }
                    })
                    .collect::<Result<Vec<bool>, diesel::result::Error>>()
            })
            .map_err(InfraError::from)
        })
        .await?;
        Ok(items
            .into_iter()
            .zip(outcomes)
            .map(|(mock, stored)| {
                if stored {
                    Ok(mock)
                } else {
                    Err(RepositoryError::Duplicate(mock.id.to_string()))
                }
            })
            .collect())
    }
}
