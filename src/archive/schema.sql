-- The gyosei archive, schema version 2 (PRAGMA user_version). Built into the binary; applied in
-- one transaction when the archive is created (sqlite.cc migrates a version 1 archive: see
-- kMigrateV1ToV2 there). docs/archive.md describes every table with
-- example queries. Everything except passages_fts is plain SQL any SQLite client can read;
-- passages_fts needs gyosei's tokenizer: gyosei search, or any client that loads the extension
-- build/gyosei_fts.so (docs/archive.md, "Full-text search from other tools").

CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,            -- UTC, ISO 8601
  finished_at   TEXT,                     -- NULL while running or when the run was killed
  status        TEXT NOT NULL,            -- running | done | interrupted | error
  rules_version TEXT NOT NULL,
  jobs          INTEGER NOT NULL,
  forced        INTEGER NOT NULL,
  files_seen    INTEGER NOT NULL DEFAULT 0,
  imported      INTEGER NOT NULL DEFAULT 0,
  replaced      INTEGER NOT NULL DEFAULT 0,
  unchanged     INTEGER NOT NULL DEFAULT 0,
  failed        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
  id                    INTEGER PRIMARY KEY,
  sha256                TEXT NOT NULL,          -- of the file's bytes (two paths may share it)
  source_path           TEXT NOT NULL UNIQUE,   -- the document's key: as found by the import
                                                -- (relative if given so; bytes that are not
                                                -- UTF-8 written \xNN, a backslash \\)
  format                TEXT NOT NULL,          -- pdf | text | html
  encoding              TEXT,
  pages                 INTEGER,                -- PDF page count; NULL for text
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
  json                  TEXT NOT NULL           -- the full contract-v1 JSON
);
CREATE INDEX documents_by_sha256 ON documents(sha256);
CREATE INDEX documents_by_municipality ON documents(municipality_code, fiscal_year);
CREATE INDEX documents_by_prefecture ON documents(prefecture, fiscal_year);
CREATE INDEX documents_by_year ON documents(fiscal_year, document_type);

CREATE TABLE goals (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  goal_key     TEXT NOT NULL,      -- "g3": the contract's id, unique within the document
  parent_key   TEXT,
  ordinal      INTEGER NOT NULL,   -- document order, from 1
  number       TEXT,
  title        TEXT NOT NULL,
  description  TEXT,
  owner        TEXT,
  policy_refs  TEXT NOT NULL,      -- JSON array of strings
  sdgs         TEXT NOT NULL,      -- JSON array of SDG numbers
  page         INTEGER,
  line         INTEGER,
  UNIQUE (document_id, goal_key)
);

CREATE TABLE targets (
  id                   INTEGER PRIMARY KEY,
  document_id          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  goal_id              INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
  ordinal              INTEGER NOT NULL,   -- within the goal, from 1
  text                 TEXT NOT NULL,
  metric               TEXT,
  value                REAL,
  unit                 TEXT,
  comparison           TEXT,               -- eq ge gt le lt
  maintain             INTEGER NOT NULL,   -- 0 | 1
  due                  TEXT,
  baseline_value       REAL,
  baseline_unit        TEXT,
  baseline_date        TEXT,
  baseline_fiscal_year INTEGER,
  page                 INTEGER,
  line                 INTEGER
);
CREATE INDEX targets_by_document ON targets(document_id);
CREATE INDEX targets_by_goal ON targets(goal_id);

CREATE TABLE ratings (
  goal_id     INTEGER PRIMARY KEY REFERENCES goals(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  label       TEXT NOT NULL,
  scale       TEXT NOT NULL,
  level       INTEGER NOT NULL,     -- 1 = best
  levels      INTEGER NOT NULL
);
CREATE INDEX ratings_by_document ON ratings(document_id);
CREATE INDEX ratings_by_scale ON ratings(scale, level);

CREATE TABLE dates (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  date        TEXT,
  fiscal_year INTEGER,
  kind        TEXT NOT NULL,
  start       TEXT,
  end         TEXT,
  page        INTEGER,
  line        INTEGER
);
CREATE INDEX dates_by_document ON dates(document_id);

-- The files that could not be imported, one row per path (the latest attempt). A later
-- successful import of the path deletes its row.
CREATE TABLE failures (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL UNIQUE,
  sha256        TEXT,                 -- NULL when the file could not even be read
  code          TEXT NOT NULL,        -- damaged unsupported encoding timeout crashed io_error ...
  message       TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  at            TEXT NOT NULL,
  run_id        INTEGER REFERENCES runs(id)
);
CREATE INDEX failures_by_sha256 ON failures(sha256);

-- Searchable text: each goal (title + description) and the body text in runs of blocks
-- (about 400 bytes, never across a page), with where it starts.
CREATE TABLE passages (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  goal_id     INTEGER REFERENCES goals(id) ON DELETE CASCADE,   -- set for kind 'goal'
  kind        TEXT NOT NULL,        -- goal | body
  page        INTEGER,
  line        INTEGER,
  text        TEXT NOT NULL
);
CREATE INDEX passages_by_document ON passages(document_id);
-- Every foreign key that cascades has an index whose first column is that key: without one,
-- each deleted goal scanned all passages (import --force was quadratic).
CREATE INDEX passages_by_goal ON passages(goal_id);

-- External-content FTS5 index over passages.text; the importer keeps it in step. content is
-- double-quoted because sqlite-utils and Datasette find a table's FTS index by that spelling.
-- Archives made with content='passages' are re-declared by UpgradeFtsDeclaration (sqlite.cc).
CREATE VIRTUAL TABLE passages_fts USING fts5(
  text, content="passages", content_rowid="id", tokenize="gyosei_cjk"
);
-- Merge index segments 16 at a time instead of 4: about 12% less writer time on a 2,000-document
-- import, no measurable change in query time.
INSERT INTO passages_fts(passages_fts, rank) VALUES('automerge', 16);
