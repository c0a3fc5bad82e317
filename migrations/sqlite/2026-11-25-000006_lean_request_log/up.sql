-- The inspector writes one row per mock-surface request; every secondary
-- index multiplied that cost (an index entry written per insert and removed
-- per prune). Rows are kept to --inspector-max-entries (10,000 by default),
-- so filtered lists scan newest-first by log_id instead, which also serves
-- created_at order because ids only grow.
DROP INDEX idx_request_log_created_at;
DROP INDEX idx_request_log_session;
DROP INDEX idx_request_log_mock;
DROP INDEX idx_request_log_status;
DROP INDEX idx_request_log_outcome;
