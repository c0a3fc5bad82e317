-- How many requests each scope has made to each mock with sequence/cycle
-- variants (SPEC §9), so positions survive a restart.
CREATE TABLE variant_positions (
    mock_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    position BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (mock_id, scope)
);
