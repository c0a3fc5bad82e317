DROP TABLE captures;
DROP TABLE recordings;
