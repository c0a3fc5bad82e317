DROP TABLE variant_positions;
