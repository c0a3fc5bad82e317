// @generated automatically by Diesel CLI.

diesel::table! {
    api_keys (id) {
        id -> Text,
        name -> Text,
        prefix -> Text,
        hash -> Text,
        created_at -> Text,
        last_used_at -> Nullable<Text>,
    }
}

diesel::table! {
    captures (capture_id) {
        capture_id -> BigInt,
        recording_id -> BigInt,
        mock_id -> Nullable<Text>,
        method -> Text,
        path -> Text,
        query -> Text,
        request_headers -> Text,
        request_body -> Binary,
        status -> Integer,
        response_headers -> Text,
        response_body -> Binary,
        response_body_truncated -> Bool,
        duration_ms -> Double,
        created_at -> Text,
    }
}

diesel::table! {
    mock_stats (mock_id) {
        mock_id -> Text,
        hits -> BigInt,
        last_hit_at -> Nullable<Text>,
    }
}

diesel::table! {
    mocks (mock_id) {
        mock_id -> Text,
        mock_name -> Text,
        mock_enabled -> Bool,
        mock_mode -> Text,
        mock_priority -> BigInt,
        match_method -> Text,
        match_path -> Text,
        mock_tags -> Text,
        definition -> Text,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    state (state_id) {
        state_id -> Integer,
        session_id -> Text,
        state_key -> Text,
        state_value -> Text,
        mock_id -> Nullable<Text>,
        client_ip -> Nullable<Text>,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    recordings (recording_id) {
        recording_id -> BigInt,
        upstream_url -> Text,
        path_prefix -> Text,
        timeout_seconds -> Double,
        started_at -> Text,
        stopped_at -> Nullable<Text>,
    }
}

diesel::table! {
    request_log_chunks (first_id) {
        first_id -> BigInt,
        last_id -> BigInt,
        data -> Text,
    }
}

diesel::table! {
    request_log_meta (singleton) {
        singleton -> BigInt,
        next_id -> BigInt,
        floor_id -> BigInt,
    }
}

diesel::table! {
    variant_positions (mock_id, scope) {
        mock_id -> Text,
        scope -> Text,
        position -> BigInt,
        updated_at -> Text,
    }
}

diesel::joinable!(captures -> recordings (recording_id));

diesel::allow_tables_to_appear_in_same_query!(
    api_keys,
    captures,
    mock_stats,
    mocks,
    recordings,
    request_log_chunks,
    request_log_meta,
    state,
    variant_positions,
);
