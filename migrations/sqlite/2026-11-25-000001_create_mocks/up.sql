-- Mock definitions. The whole SPEC §3 definition is kept as JSON in
-- `definition` so every field round-trips exactly; the columns beside it
-- exist for filtering, ordering and indexes.
CREATE TABLE mocks (
    mock_id TEXT PRIMARY KEY NOT NULL,
    mock_name TEXT NOT NULL,
    mock_enabled BOOLEAN NOT NULL,
    mock_mode TEXT NOT NULL,
    mock_priority BIGINT NOT NULL,
    match_method TEXT NOT NULL,
    match_path TEXT NOT NULL,
    mock_tags TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX idx_mocks_enabled ON mocks (mock_enabled);
CREATE INDEX idx_mocks_mode ON mocks (mock_mode);
CREATE INDEX idx_mocks_priority ON mocks (mock_priority);
CREATE INDEX idx_mocks_created_at ON mocks (created_at, mock_id);
