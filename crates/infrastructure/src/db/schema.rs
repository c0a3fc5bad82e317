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
    request_log (log_id) {
        log_id -> BigInt,
        request_method -> Text,
        request_path -> Text,
        request_query -> Text,
        request_headers -> Text,
        request_body -> Text,
        request_body_truncated -> Bool,
        matched_mock_id -> Nullable<Text>,
        variant -> Nullable<BigInt>,
        template_context -> Nullable<Text>,
        near_misses -> Nullable<Text>,
        response_status -> Integer,
        response_headers -> Text,
        response_body -> Text,
        response_body_truncated -> Bool,
        duration_ms -> Double,
        outcome -> Text,
        client_ip -> Text,
        session_id -> Nullable<Text>,
        created_at -> Text,
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

diesel::allow_tables_to_appear_in_same_query!(
    api_keys,
    mocks,
    request_log,
    state,
    variant_positions,
);
