DROP TABLE state;
