DROP TABLE mocks;
