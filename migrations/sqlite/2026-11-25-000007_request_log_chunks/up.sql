-- Inspector entries are stored as one JSON chunk per written batch instead
-- of one row per request: a row per request cost more CPU than serving the
-- request. Layout and reasons: crates/infrastructure/src/request_log/chunk.rs.
CREATE TABLE request_log_chunks (
    first_id INTEGER PRIMARY KEY NOT NULL,
    last_id INTEGER NOT NULL,
    data TEXT NOT NULL
);

-- next_id: the id the next entry gets (never reused, not even after a clear).
-- floor_id: entries below it are pruned; a chunk is deleted once all of its
-- entries are below it.
CREATE TABLE request_log_meta (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    next_id BIGINT NOT NULL,
    floor_id BIGINT NOT NULL
);

INSERT INTO request_log_meta (singleton, next_id, floor_id)
SELECT 1, next_id, COALESCE((SELECT min(log_id) FROM request_log), next_id)
FROM (SELECT max(
        COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'request_log'), 0),
        COALESCE((SELECT max(log_id) FROM request_log), 0)) + 1 AS next_id);

-- Existing entries move over as one chunk each.
INSERT INTO request_log_chunks (first_id, last_id, data)
SELECT log_id, log_id, json_object(
    's', json_array(request_query, request_headers, request_body,
                    response_headers, response_body,
                    COALESCE(template_context, ''), COALESCE(near_misses, '')),
    'r', json_array(json_array(
        request_method, request_path, 0, 1, 2,
        json(CASE WHEN request_body_truncated THEN 'true' ELSE 'false' END),
        matched_mock_id, variant,
        CASE WHEN template_context IS NULL THEN NULL ELSE 5 END,
        CASE WHEN near_misses IS NULL THEN NULL ELSE 6 END,
        response_status, 3, 4,
        json(CASE WHEN response_body_truncated THEN 'true' ELSE 'false' END),
        duration_ms, outcome, client_ip, session_id, created_at)))
FROM request_log;

DROP TABLE request_log;

-- SPEC §10's request_log table, read-only, for anyone querying the file.
CREATE VIEW request_log AS
SELECT c.first_id + r.key AS log_id,
       r.value ->> 0 AS request_method,
       r.value ->> 1 AS request_path,
       c.data ->> ('$.s[' || (r.value ->> 2) || ']') AS request_query,
       c.data ->> ('$.s[' || (r.value ->> 3) || ']') AS request_headers,
       c.data ->> ('$.s[' || (r.value ->> 4) || ']') AS request_body,
       r.value ->> 5 AS request_body_truncated,
       r.value ->> 6 AS matched_mock_id,
       r.value ->> 7 AS variant,
       c.data ->> ('$.s[' || (r.value ->> 8) || ']') AS template_context,
       c.data ->> ('$.s[' || (r.value ->> 9) || ']') AS near_misses,
       r.value ->> 10 AS response_status,
       c.data ->> ('$.s[' || (r.value ->> 11) || ']') AS response_headers,
       c.data ->> ('$.s[' || (r.value ->> 12) || ']') AS response_body,
       r.value ->> 13 AS response_body_truncated,
       r.value ->> 14 AS duration_ms,
       r.value ->> 15 AS outcome,
       r.value ->> 16 AS client_ip,
       r.value ->> 17 AS session_id,
       r.value ->> 18 AS created_at
FROM request_log_chunks AS c, json_each(c.data, '$.r') AS r
WHERE c.first_id + r.key >= (SELECT floor_id FROM request_log_meta);
