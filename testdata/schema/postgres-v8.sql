CREATE TABLE near_bands (band BIGINT NOT NULL, slice BYTEA NOT NULL, article BIGINT NOT NULL, PRIMARY KEY (band, slice, article));
INSERT INTO near_bands (band, slice, article) SELECT band, substring(near_signature FROM band * (length(near_signature) / 20) + 1 FOR length(near_signature) / 20), articles.rowid FROM articles, generate_series(0, 19) AS band WHERE dup_of = '' AND length(near_signature) > 0;
CREATE INDEX articles_unsigned ON articles (date) WHERE length(near_signature) = 0;
