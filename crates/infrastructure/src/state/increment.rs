//! The atomic increment as a statement Diesel can keep prepared.
//!
//! `sql_query` statements are re-prepared on every call, which cost more
//! than executing them on the `sequence()` hot path; a query with a static
//! query id is prepared once per connection and reused.

use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::sqlite::Sqlite;
use diesel::{QueryResult, RunQueryDsl, SqliteConnection};

/// One statement, so concurrent increments never lose an update; the
/// `WHERE` refuses values that are not JSON integers, and so does a sum that
/// would leave the 64-bit range (SQLite would turn it into a float).
/// Parameters, in order: scope, key, initial, mock_id, client_ip, now, now,
/// delta, delta.
const SQL: &str = "INSERT INTO state (session_id, state_key, state_value, mock_id, client_ip, created_at, updated_at) \
     VALUES (?, ?, CAST(? AS TEXT), ?, ?, ?, ?) \
     ON CONFLICT (session_id, state_key) DO UPDATE \
       SET state_value = CAST(CAST(state_value AS INTEGER) + ? AS TEXT), \
           mock_id = COALESCE(excluded.mock_id, mock_id), \
           client_ip = COALESCE(excluded.client_ip, client_ip), updated_at = excluded.updated_at \
       WHERE json_valid(state_value) AND json_type(state_value) = 'integer' \
         AND typeof(CAST(state_value AS INTEGER) + ?) = 'integer' \
     RETURNING CAST(state_value AS INTEGER)";

pub struct Increment<'a> {
    pub scope: &'a str,
    pub key: &'a str,
    pub initial: i64,
    pub mock_id: Option<&'a str>,
    pub client_ip: Option<&'a str>,
    pub now: &'a str,
    pub delta: i64,
}

impl QueryId for Increment<'_> {
    type QueryId = Increment<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl Query for Increment<'_> {
    type SqlType = BigInt;
}

impl RunQueryDsl<SqliteConnection> for Increment<'_> {}

impl QueryFragment<Sqlite> for Increment<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        // Diesel writes its own `?` for each bound value, so the SQL goes in
        // as the pieces between the placeholders.
        let mut pieces = SQL.split('?');
        macro_rules! bind {
            ($ty:ty, $value:expr) => {
                out.push_sql(pieces.next().unwrap_or_default());
                out.push_bind_param::<$ty, _>($value)?;
            };
        }
        bind!(Text, &self.scope);
        bind!(Text, &self.key);
        bind!(BigInt, &self.initial);
        bind!(Nullable<Text>, &self.mock_id);
        bind!(Nullable<Text>, &self.client_ip);
        bind!(Text, &self.now);
        bind!(Text, &self.now);
        bind!(BigInt, &self.delta);
        bind!(BigInt, &self.delta);
        out.push_sql(pieces.next().unwrap_or_default());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_statement_has_one_placeholder_per_bound_value() {
        assert_eq!(super::SQL.matches('?').count(), 9);
    }
}
