CREATE TABLE annotations (id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, actor TEXT NOT NULL, issue TEXT NOT NULL, kind TEXT NOT NULL, position REAL, salience REAL, note TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
CREATE INDEX annotations_by_scenario ON annotations (scenario, id);
