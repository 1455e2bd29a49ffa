-- Schema step "indicators and actuals" (version 1 -> 2): the tables of evaluation sheets' and
-- KPI tables' indicators and measured values, and the targets' year and indicator. Applied to
-- new archives after schema.sql and to version-1 archives when an import opens them; kept
-- apart from schema.sql so that other schema steps stay separate.
-- Indicators (指標) of evaluation sheets and KPI tables, and the values the documents report as
-- measured (実績, 決算). A target that belongs to an indicator names it in targets.indicator_key.
CREATE TABLE IF NOT EXISTS indicators (
  id                       INTEGER PRIMARY KEY,
  document_id              INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  goal_id                  INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
  indicator_key            TEXT NOT NULL,   -- "i2": the contract's id, unique within the document
  name                     TEXT NOT NULL,
  kind                     TEXT,            -- outcome | activity
  unit                     TEXT,
  direction                TEXT,            -- up | down
  achievement              REAL,            -- 達成率 as printed, percent
  achievement_fiscal_year  INTEGER,
  page                     INTEGER,
  line                     INTEGER,
  UNIQUE (document_id, indicator_key)
);
CREATE INDEX IF NOT EXISTS indicators_by_goal ON indicators(goal_id);

CREATE TABLE IF NOT EXISTS actuals (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  goal_id       INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,   -- within the goal, from 1
  text          TEXT NOT NULL,
  metric        TEXT,
  value         REAL NOT NULL,
  unit          TEXT,
  fiscal_year   INTEGER,
  date          TEXT,
  indicator_key TEXT,               -- indicators.indicator_key of the same document
  page          INTEGER,
  line          INTEGER
);
CREATE INDEX IF NOT EXISTS actuals_by_document ON actuals(document_id);
CREATE INDEX IF NOT EXISTS actuals_by_goal ON actuals(goal_id);

ALTER TABLE targets ADD COLUMN fiscal_year INTEGER;   -- the 年度 a year column sets it for
ALTER TABLE targets ADD COLUMN indicator_key TEXT;    -- indicators.indicator_key
