DROP TABLE mock_stats;
