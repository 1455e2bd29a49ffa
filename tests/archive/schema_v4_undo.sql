-- Turns a version-4 archive back into version 3 (the layout before schema_booklets.sql), for
-- the tests of the upgrade (archive_probe_test.cc, archive_cli.sh). Plain SQL: no tokenizer
-- is needed, passages_fts is left as it is. Run with foreign keys off. A booklet's sheets
-- after the first are dropped (version 3 kept one document per path).
BEGIN;
CREATE TABLE documents_v3 (
  id                    INTEGER PRIMARY KEY,
  sha256                TEXT NOT NULL,
  source_path           TEXT NOT NULL UNIQUE,
  format                TEXT NOT NULL,
  encoding              TEXT,
  pages                 INTEGER,
  municipality_code     TEXT,
  municipality_name     TEXT,
  prefecture            TEXT,
  municipality_evidence TEXT,
  fiscal_year           INTEGER,
  department            TEXT,
  document_type         TEXT NOT NULL,
  document_label        TEXT,
  title                 TEXT,
  author_title          TEXT,
  author_name           TEXT,
  period_start          TEXT,
  period_end            TEXT,
  goal_count            INTEGER NOT NULL,
  target_count          INTEGER NOT NULL,
  warning_count         INTEGER NOT NULL,
  rules_version         TEXT NOT NULL,
  imported_at           TEXT NOT NULL,
  run_id                INTEGER REFERENCES runs(id),
  json                  TEXT NOT NULL
);
INSERT INTO documents_v3 SELECT id, sha256, source_path, format, encoding, pages,
  municipality_code, municipality_name, prefecture, municipality_evidence, fiscal_year,
  department, document_type, document_label, title, author_title, author_name, period_start,
  period_end, goal_count, target_count, warning_count, rules_version, imported_at, run_id, json
FROM documents WHERE part <= 1;
DROP TABLE documents;
ALTER TABLE documents_v3 RENAME TO documents;
CREATE INDEX documents_by_sha256 ON documents(sha256);
CREATE INDEX documents_by_municipality ON documents(municipality_code, fiscal_year);
CREATE INDEX documents_by_prefecture ON documents(prefecture, fiscal_year);
CREATE INDEX documents_by_year ON documents(fiscal_year, document_type);
CREATE TABLE passages_v3 (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  goal_id     INTEGER REFERENCES goals(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  page        INTEGER,
  line        INTEGER,
  text        TEXT NOT NULL
);
INSERT INTO passages_v3 SELECT id, document_id, goal_id, kind, page, line, text FROM passages;
DROP TABLE passages;
ALTER TABLE passages_v3 RENAME TO passages;
CREATE INDEX passages_by_document ON passages(document_id);
CREATE INDEX passages_by_goal ON passages(goal_id);
PRAGMA user_version = 3;
COMMIT;
