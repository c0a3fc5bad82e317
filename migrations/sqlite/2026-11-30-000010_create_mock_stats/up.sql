-- Hit counts per mock for the admin UI (GET /api/admin/mocks/stats).
-- Written as additive deltas (hits = hits + delta), so instances sharing a
-- database add up; last_hit_at is RFC 3339 UTC with microseconds, fixed
-- width, so the text order is the time order.
CREATE TABLE mock_stats (
    mock_id TEXT PRIMARY KEY NOT NULL,
    hits BIGINT NOT NULL DEFAULT 0,
    last_hit_at TEXT
);
