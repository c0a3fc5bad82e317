-- Recordings (SPEC §8). Only the latest recording is ever read, so starting
-- one deletes the older ones and, by the foreign key, their captures.
-- AUTOINCREMENT: ids are never reused, so the highest id is the latest.
CREATE TABLE recordings (
    recording_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    upstream_url TEXT NOT NULL,
    path_prefix TEXT NOT NULL,
    timeout_seconds DOUBLE NOT NULL,
    started_at TEXT NOT NULL,
    stopped_at TEXT
);

-- At most one recording is active, whichever process starts it.
CREATE UNIQUE INDEX recordings_one_active ON recordings ((stopped_at IS NULL))
    WHERE stopped_at IS NULL;

-- One proxied exchange each, stored before its response is sent. Query and
-- headers are JSON arrays of [name, value] pairs (order and repeats kept);
-- bodies are bytes, exactly as they crossed the proxy.
CREATE TABLE captures (
    capture_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    recording_id INTEGER NOT NULL REFERENCES recordings (recording_id) ON DELETE CASCADE,
    mock_id TEXT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    request_body BLOB NOT NULL,
    status INTEGER NOT NULL,
    response_headers TEXT NOT NULL,
    response_body BLOB NOT NULL,
    response_body_truncated BOOLEAN NOT NULL,
    duration_ms DOUBLE NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX captures_by_recording ON captures (recording_id, capture_id);
