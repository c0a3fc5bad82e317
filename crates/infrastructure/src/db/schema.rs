// @generated automatically by Diesel CLI.

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
