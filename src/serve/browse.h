// Internal to serve/: what the web app reads from an archive, as rows named with the archive's
// own column names (so the JSON endpoints and the pages show the same fields as the tables).
// Read-only (SQLITE_OPEN_READONLY) and parameterized SQL only. One Browser per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gyosei::archive {
class Db;
}

namespace gyosei::serve {

struct Cell {
  enum class Kind { kNull, kInteger, kReal, kText };
  Kind kind = Kind::kNull;
  std::string text;  // the value as the export prints it ("318", not "318.0"); "" for null
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  // The column's index, or -1.
  int Column(std::string_view name) const;
  // The text of `name` in row r ("" when null or no such column).
  const std::string& Get(size_t r, std::string_view name) const;
};

// The filters the search form offers: the values present in the archive.
struct Facets {
  Rows municipalities;  // municipality_code, municipality_name, prefecture
  std::vector<std::string> prefectures, document_types;
  std::vector<int> fiscal_years;
};

class Browser {
 public:
  static Expected<Browser> Open(const std::string& archive_path);
  Browser(Browser&&) noexcept;
  Browser& operator=(Browser&&) noexcept;
  ~Browser();

  Expected<Facets> LoadFacets();
  // documents row without its json column; no rows when there is no such document.
  Expected<Rows> Document(int64_t id);
  Expected<Rows> Goals(int64_t document_id);    // document order
  Expected<Rows> Targets(int64_t document_id);  // with goal_key, by goal and ordinal
  Expected<Rows> Ratings(int64_t document_id);  // with goal_key
  // Rows of an optional per-document table (indicators, actuals: added by a later schema);
  // no columns when the archive has no such table.
  Expected<Rows> OptionalTable(std::string_view table, int64_t document_id);
  // The file a document was imported from, exactly as recorded ("" = no such document).
  Expected<std::string> SourcePath(int64_t document_id);

  // Metrics with targets: metric, unit, municipalities, targets (most targets first).
  // `contains` filters the metric ("" = all).
  Expected<Rows> Metrics(std::string_view contains, int limit);
  // Targets of one metric (exact) by fiscal year, of one municipality ("" = all):
  // municipality_code, municipality_name, fiscal_year, value, unit, comparison, due,
  // document_id, page, line, text. fiscal_year is the year the value is for: the target's own
  // fiscal_year column when the archive has one, else the fiscal year its due date falls in,
  // else the document's.
  Expected<Rows> TargetSeries(std::string_view metric, std::string_view municipality);
  // The same for actuals, when the archive has an actuals table with metric, value and
  // fiscal_year columns; else no columns.
  Expected<Rows> ActualSeries(std::string_view metric, std::string_view municipality);

 private:
  explicit Browser(std::unique_ptr<archive::Db> db);
  bool HasColumn(std::string_view table, std::string_view column);
  std::unique_ptr<archive::Db> db_;
};

}  // namespace gyosei::serve
