-- The request inspector (SPEC §10). JSON columns hold JSON text.
CREATE TABLE request_log (
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

CREATE INDEX idx_request_log_created_at ON request_log (created_at);
CREATE INDEX idx_request_log_session ON request_log (session_id, log_id);
CREATE INDEX idx_request_log_mock ON request_log (matched_mock_id, log_id);
CREATE INDEX idx_request_log_status ON request_log (response_status, log_id);
CREATE INDEX idx_request_log_outcome ON request_log (outcome, log_id);
