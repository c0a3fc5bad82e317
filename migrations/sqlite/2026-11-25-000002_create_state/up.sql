-- Per-session (or per-client) state (SPEC §5). `session_id` holds the scope:
-- the session header's value, or `ip:<client address>`.
CREATE TABLE state (
    state_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    session_id TEXT NOT NULL,
    state_key TEXT NOT NULL,
    state_value TEXT NOT NULL,
    mock_id TEXT,
    client_ip TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (session_id, state_key)
);

CREATE INDEX idx_state_updated_at ON state (updated_at);
