-- Schema step "booklets and searchable indicators" (version 3 -> 4). Applied to new archives
-- after schema.sql and schema_indicators.sql, and to version-3 archives when an import opens
-- them, in the same transaction as the steps before it; kept apart from schema.sql so that
-- every schema step stays separate.
--
-- 1. A booklet (many evaluation sheets in one PDF) is one document per sheet, so a document's
--    key becomes (source_path, part). SQLite cannot drop the UNIQUE constraint on source_path:
--    documents is rebuilt the documented way (foreign keys off, copy, drop, rename; the rows
--    that reference it keep their ids), with the sheet's place in the file next to its path.
CREATE TABLE documents_v4 (
  id                    INTEGER PRIMARY KEY,
  sha256                TEXT NOT NULL,          -- of the file's bytes (two paths may share it)
  source_path           TEXT NOT NULL,          -- the file, as found by the import (relative
                                                -- if given so; bytes that are not UTF-8
                                                -- written \xNN, a backslash \\)
  part                  INTEGER NOT NULL DEFAULT 0,  -- 0: the whole file; N: the file is a
                                                -- booklet and this is its N-th sheet (from 1)
  part_count            INTEGER,                -- the booklet's sheets; NULL for a whole file
  first_page            INTEGER,                -- the sheet's pages in the file (inclusive);
  last_page             INTEGER,                -- NULL for a whole file
  format                TEXT NOT NULL,          -- pdf | text | html
  encoding              TEXT,
  pages                 INTEGER,                -- PDF pages of the document (of the sheet, for
                                                -- a booklet's sheet); NULL for text
  municipality_code     TEXT,                   -- 6-digit 全国地方公共団体コード
  municipality_name     TEXT,
  prefecture            TEXT,
  municipality_evidence TEXT,                   -- text | caller (--manifest)
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
  json                  TEXT NOT NULL,          -- the full contract-v1 JSON (of the sheet)
  UNIQUE (source_path, part)                    -- the document's key
);
INSERT INTO documents_v4 (id, sha256, source_path, format, encoding, pages, municipality_code,
  municipality_name, prefecture, municipality_evidence, fiscal_year, department, document_type,
  document_label, title, author_title, author_name, period_start, period_end, goal_count,
  target_count, warning_count, rules_version, imported_at, run_id, json)
SELECT id, sha256, source_path, format, encoding, pages, municipality_code, municipality_name,
  prefecture, municipality_evidence, fiscal_year, department, document_type, document_label,
  title, author_title, author_name, period_start, period_end, goal_count, target_count,
  warning_count, rules_version, imported_at, run_id, json
FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v4 RENAME TO documents;
-- Dropped with the old table (as in schema.sql).
CREATE INDEX documents_by_sha256 ON documents(sha256);
CREATE INDEX documents_by_municipality ON documents(municipality_code, fiscal_year);
CREATE INDEX documents_by_prefecture ON documents(prefecture, fiscal_year);
CREATE INDEX documents_by_year ON documents(fiscal_year, document_type);

-- 2. Indicators are searchable: a passage of kind 'indicator' holds an indicator's name, unit,
--    targets and actuals, and names the indicator it is (its goal in goal_id, as for a goal).
--    Documents imported before this step have none until they are imported again (--force).
ALTER TABLE passages ADD COLUMN indicator_id INTEGER REFERENCES indicators(id) ON DELETE CASCADE;
CREATE INDEX passages_by_indicator ON passages(indicator_id);
