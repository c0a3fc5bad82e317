CREATE INDEX idx_request_log_created_at ON request_log (created_at);
CREATE INDEX idx_request_log_session ON request_log (session_id, log_id);
CREATE INDEX idx_request_log_mock ON request_log (matched_mock_id, log_id);
CREATE INDEX idx_request_log_status ON request_log (response_status, log_id);
CREATE INDEX idx_request_log_outcome ON request_log (outcome, log_id);
