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
/// These are the pieces between the bound values, in order.
const SQL: [&str; 10] = [
    "INSERT INTO state (session_id, state_key, state_value, mock_id, client_ip, created_at, updated_at) VALUES (",
    ", ",
    ", CAST(",
    " AS TEXT), ",
    ", ",
    ", ",
    ", ",
    ") ON CONFLICT (session_id, state_key) DO UPDATE \
       SET state_value = CAST(CAST(state_value AS INTEGER) + ",
    " AS TEXT), \
           mock_id = COALESCE(excluded.mock_id, mock_id), \
           client_ip = COALESCE(excluded.client_ip, client_ip), updated_at = excluded.updated_at \
       WHERE json_valid(state_value) AND json_type(state_value) = 'integer' \
         AND typeof(CAST(state_value AS INTEGER) + ",
    ") = 'integer' RETURNING CAST(state_value AS INTEGER)",
];

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
        out.push_sql(SQL[0]);
        out.push_bind_param::<Text, _>(&self.scope)?;
        out.push_sql(SQL[1]);
        out.push_bind_param::<Text, _>(&self.key)?;
        out.push_sql(SQL[2]);
        out.push_bind_param::<BigInt, _>(&self.initial)?;
        out.push_sql(SQL[3]);
        out.push_bind_param::<Nullable<Text>, _>(&self.mock_id)?;
        out.push_sql(SQL[4]);
        out.push_bind_param::<Nullable<Text>, _>(&self.client_ip)?;
        out.push_sql(SQL[5]);
        out.push_bind_param::<Text, _>(&self.now)?;
        out.push_sql(SQL[6]);
        out.push_bind_param::<Text, _>(&self.now)?;
        out.push_sql(SQL[7]);
        out.push_bind_param::<BigInt, _>(&self.delta)?;
        out.push_sql(SQL[8]);
        out.push_bind_param::<BigInt, _>(&self.delta)?;
        out.push_sql(SQL[9]);
        Ok(())
    }
}
