CREATE TABLE near_bands (band INTEGER NOT NULL, slice BLOB NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (band, slice, article)) WITHOUT ROWID;
INSERT INTO near_bands (band, slice, article) WITH RECURSIVE bands(band) AS (SELECT 0 UNION ALL SELECT band + 1 FROM bands WHERE band < 19) SELECT band, substr(near_signature, band * (length(near_signature) / 20) + 1, length(near_signature) / 20), articles.rowid FROM articles, bands WHERE dup_of = '' AND length(near_signature) > 0;
CREATE INDEX articles_unsigned ON articles (date) WHERE length(near_signature) = 0;
