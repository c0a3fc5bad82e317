CREATE INDEX idx_state_updated_at ON state (updated_at);
