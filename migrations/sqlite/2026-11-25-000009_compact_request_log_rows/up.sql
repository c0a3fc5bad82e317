-- Inspector rows now hold their text fields (method, path, mock id,
-- outcome, client ip, session id) as references into the chunk's string
-- table, flags as 0/1 and created_at as microseconds from the chunk's "t":
-- about 55 bytes per entry instead of 175, and encoding and writing a batch
-- cost in proportion to its text.
-- Chunks already stored keep the inline layout; the view reads both (a text
-- field is inline when it is not an integer).
DROP VIEW request_log;
CREATE VIEW request_log AS
SELECT c.first_id + r.key AS log_id,
       CASE json_type(r.value, '$[0]') WHEN 'integer' THEN c.data ->> ('$.s[' || (r.value ->> 0) || ']') ELSE r.value ->> 0 END AS request_method,
       CASE json_type(r.value, '$[1]') WHEN 'integer' THEN c.data ->> ('$.s[' || (r.value ->> 1) || ']') ELSE r.value ->> 1 END AS request_path,
       c.data ->> ('$.s[' || (r.value ->> 2) || ']') AS request_query,
       c.data ->> ('$.s[' || (r.value ->> 3) || ']') AS request_headers,
       c.data ->> ('$.s[' || (r.value ->> 4) || ']') AS request_body,
       r.value ->> 5 AS request_body_truncated,
       CASE json_type(r.value, '$[6]') WHEN 'integer' THEN c.data ->> ('$.s[' || (r.value ->> 6) || ']') ELSE r.value ->> 6 END AS matched_mock_id,
       r.value ->> 7 AS variant,
       c.data ->> ('$.s[' || (r.value ->> 8) || ']') AS template_context,
       c.data ->> ('$.s[' || (r.value ->> 9) || ']') AS near_misses,
       r.value ->> 10 AS response_status,
       c.data ->> ('$.s[' || (r.value ->> 11) || ']') AS response_headers,
       c.data ->> ('$.s[' || (r.value ->> 12) || ']') AS response_body,
       r.value ->> 13 AS response_body_truncated,
       r.value ->> 14 AS duration_ms,
       CASE json_type(r.value, '$[15]') WHEN 'integer' THEN c.data ->> ('$.s[' || (r.value ->> 15) || ']') ELSE r.value ->> 15 END AS outcome,
       CASE json_type(r.value, '$[16]') WHEN 'integer' THEN c.data ->> ('$.s[' || (r.value ->> 16) || ']') ELSE r.value ->> 16 END AS client_ip,
       CASE json_type(r.value, '$[17]') WHEN 'integer' THEN c.data ->> ('$.s[' || (r.value ->> 17) || ']') ELSE r.value ->> 17 END AS session_id,
       CASE json_type(r.value, '$[18]') WHEN 'integer'
            THEN strftime('%Y-%m-%dT%H:%M:%S', (COALESCE(c.data ->> '$.t', 0) + (r.value ->> 18)) / 1000000, 'unixepoch')
                 || printf('.%06dZ', (COALESCE(c.data ->> '$.t', 0) + (r.value ->> 18)) % 1000000)
            ELSE r.value ->> 18 END AS created_at
FROM request_log_chunks AS c, json_each(c.data, '$.r') AS r
WHERE c.first_id + r.key >= (SELECT floor_id FROM request_log_meta);
