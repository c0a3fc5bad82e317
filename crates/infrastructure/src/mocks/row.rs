use application::dto::{definition_json, parse_mock};
use diesel::prelude::*;
use domain::MockDefinition;
use serde_json::Value;

use crate::db::schema::mocks;
use crate::db::time;
use crate::InfraError;

/// One row of `mocks`, for reading and writing alike.
#[derive(Debug, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = mocks)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
pub struct MockRow {
    pub mock_id: String,
    pub mock_name: String,
    pub mock_enabled: bool,
    pub mock_mode: String,
    pub mock_priority: i64,
    pub match_method: String,
    pub match_path: String,
    pub mock_tags: String,
    pub definition: String,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&MockDefinition> for MockRow {
    fn from(mock: &MockDefinition) -> Self {
        let definition = Value::Object(definition_json(mock)).to_string();
        Self {
            mock_id: mock.id.to_string(),
            mock_name: mock.name.clone(),
            mock_enabled: mock.enabled,
            mock_mode: mock.mode.as_str().to_string(),
            mock_priority: mock.priority,
            match_method: mock.criteria.method.as_str().to_string(),
            match_path: mock.criteria.path.source().to_string(),
            mock_tags: Value::from(mock.tags.clone()).to_string(),
            definition,
            created_at: time::to_text(&mock.created_at),
            updated_at: time::to_text(&mock.updated_at),
        }
    }
}

impl TryFrom<MockRow> for MockDefinition {
    type Error = InfraError;

    fn try_from(row: MockRow) -> Result<Self, Self::Error> {
        let corrupt = |what: String| InfraError::Corrupt(format!("mock '{}': {what}", row.mock_id));
        let json: Value =
            serde_json::from_str(&row.definition).map_err(|e| corrupt(e.to_string()))?;
        let mut mock = parse_mock(&json).map_err(|e| corrupt(e.to_string()))?;
        mock.created_at = time::from_text(&row.created_at).map_err(corrupt)?;
        mock.updated_at = time::from_text(&row.updated_at).map_err(corrupt)?;
        Ok(mock)
    }
}
