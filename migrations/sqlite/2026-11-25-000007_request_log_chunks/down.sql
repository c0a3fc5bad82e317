CREATE TABLE request_log_rows (
    log_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    request_method TEXT NOT NULL,
    request_path TEXT NOT NULL,
    request_query TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    request_body TEXT NOT NULL,
    request_body_truncated BOOLEAN NOT NULL,
    matched_mock_id TEXT,
    variant BIGINT,
    template_context TEXT,
    near_misses TEXT,
    response_status INTEGER NOT NULL,
    response_headers TEXT NOT NULL,
    response_body TEXT NOT NULL,
    response_body_truncated BOOLEAN NOT NULL,
    duration_ms DOUBLE NOT NULL,
    outcome TEXT NOT NULL,
    client_ip TEXT NOT NULL,
    session_id TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO request_log_rows SELECT * FROM request_log;
DROP VIEW request_log;
DROP TABLE request_log_chunks;
DROP TABLE request_log_meta;
ALTER TABLE request_log_rows RENAME TO request_log;
