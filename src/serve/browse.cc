#include "serve/browse.h"

#include "archive/sqlite.h"

namespace gyosei::serve {
namespace {

using archive::Db;
using archive::Stmt;

// The fiscal year (April to March) a due date falls in: 2025-03-31 -> 2024, 2022-04-01 -> 2022,
// a bare year as is. A due date is the end of what a target is for.
constexpr const char* kDueFiscalYear =
    "(CAST(substr(t.due, 1, 4) AS INTEGER) - (CAST(substr(t.due, 6, 2) AS INTEGER) BETWEEN 1 AND "
    "3))";

Rows Collect(Stmt& stmt) {
  Rows out;
  for (int c = 0; c < stmt.Columns(); ++c) out.columns.push_back(stmt.ColumnName(c));
  while (stmt.Step()) {
    std::vector<Cell> row(out.columns.size());
    for (size_t c = 0; c < row.size(); ++c) {
      int i = static_cast<int>(c);
      if (stmt.IsNull(i)) continue;
      if (stmt.ColumnIsInteger(i)) {
        row[c] = {Cell::Kind::kInteger, std::to_string(stmt.Int(i))};
      } else if (stmt.ColumnIsReal(i)) {
        row[c] = {Cell::Kind::kReal, archive::FormatReal(stmt.Real(i))};
      } else {
        row[c] = {Cell::Kind::kText, stmt.Text(i)};
      }
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

// Runs `sql` with text parameters ?1, ?2, ... (a "" binds NULL) and collects the rows.
Expected<Rows> Query(const Db& db, const std::string& sql,
                     std::initializer_list<std::string_view> params = {}) {
  auto stmt = db.Prepare(sql);
  if (!stmt) return stmt.status();
  int i = 0;
  for (std::string_view p : params) stmt->BindOrNull(++i, p);
  Rows rows = Collect(*stmt);
  if (!stmt->status().ok()) return stmt->status();
  return rows;
}

}  // namespace

int Rows::Column(std::string_view name) const {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == name) return static_cast<int>(c);
  }
  return -1;
}

const std::string& Rows::Get(size_t r, std::string_view name) const {
  static const std::string kEmpty;
  int c = Column(name);
  return c < 0 || r >= rows.size() ? kEmpty : rows[r][c].text;
}

Browser::Browser(std::unique_ptr<Db> db) : db_(std::move(db)) {}
Browser::Browser(Browser&&) noexcept = default;
Browser& Browser::operator=(Browser&&) noexcept = default;
Browser::~Browser() = default;

Expected<Browser> Browser::Open(const std::string& archive_path) {
  auto db = archive::OpenForReading(archive_path);
  if (!db) return db.status();
  return Browser(std::make_unique<Db>(std::move(*db)));
}

bool Browser::HasColumn(std::string_view table, std::string_view column) {
  // pragma_table_info takes the table name as a bound parameter: nothing is spliced into SQL.
  auto rows = Query(*db_, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", {table, column});
  return rows && !rows->rows.empty();
}

Expected<Facets> Browser::LoadFacets() {
  Facets f;
  auto m = Query(*db_,
                 "SELECT municipality_code, MIN(municipality_name) AS municipality_name, "
                 "MIN(prefecture) AS prefecture FROM documents WHERE municipality_code IS NOT NULL "
                 "GROUP BY municipality_code ORDER BY municipality_code");
  if (!m) return m.status();
  f.municipalities = std::move(*m);
  auto column = [&](const char* sql, auto&& add) -> Status {
    auto rows = Query(*db_, sql);
    if (!rows) return rows.status();
    for (const auto& r : rows->rows) add(r[0].text);
    return Status::Ok();
  };
  Status s = column(
      "SELECT DISTINCT prefecture FROM documents WHERE prefecture IS NOT NULL "
      "ORDER BY 1",
      [&](const std::string& v) { f.prefectures.push_back(v); });
  if (s.ok()) {
    s = column("SELECT DISTINCT document_type FROM documents ORDER BY 1",
               [&](const std::string& v) { f.document_types.push_back(v); });
  }
  if (s.ok()) {
    s = column(
        "SELECT DISTINCT fiscal_year FROM documents WHERE fiscal_year IS NOT NULL "
        "ORDER BY 1 DESC",
        [&](const std::string& v) { f.fiscal_years.push_back(std::stoi(v)); });
  }
  if (!s.ok()) return s;
  return f;
}

Expected<Rows> Browser::Document(int64_t id) {
  std::string key = std::to_string(id);
  return Query(*db_,
               "SELECT id, sha256, source_path, part, part_count, first_page, last_page, format, "
               "encoding, pages, municipality_code, "
               "municipality_name, prefecture, municipality_evidence, fiscal_year, department, "
               "document_type, document_label, title, author_title, author_name, period_start, "
               "period_end, goal_count, target_count, warning_count, rules_version, imported_at "
               "FROM documents WHERE id = ?1",
               {key});
}

Expected<Rows> Browser::Goals(int64_t document_id) {
  return Query(*db_,
               "SELECT id, goal_key, parent_key, ordinal, number, title, description, owner, "
               "policy_refs, sdgs, page, line FROM goals WHERE document_id = ?1 ORDER BY ordinal",
               {std::to_string(document_id)});
}

Expected<Rows> Browser::Targets(int64_t document_id) {
  return Query(*db_,
               "SELECT t.*, g.goal_key FROM targets t JOIN goals g ON g.id = t.goal_id "
               "WHERE t.document_id = ?1 ORDER BY g.ordinal, t.ordinal",
               {std::to_string(document_id)});
}

Expected<Rows> Browser::Ratings(int64_t document_id) {
  return Query(*db_,
               "SELECT r.*, g.goal_key FROM ratings r JOIN goals g ON g.id = r.goal_id "
               "WHERE r.document_id = ?1 ORDER BY g.ordinal",
               {std::to_string(document_id)});
}

Expected<Rows> Browser::OptionalTable(std::string_view table, int64_t document_id) {
  // Only the two names the pages ask for, so the identifier spliced below is a constant.
  if ((table != "indicators" && table != "actuals") || !HasColumn(table, "document_id")) {
    return Rows{};
  }
  return Query(*db_,
               "SELECT * FROM " + std::string(table) + " WHERE document_id = ?1 ORDER BY rowid",
               {std::to_string(document_id)});
}

Expected<std::string> Browser::SourcePath(int64_t document_id) {
  auto rows =
      Query(*db_, "SELECT source_path FROM documents WHERE id = ?1", {std::to_string(document_id)});
  if (!rows) return rows.status();
  return rows->rows.empty() ? std::string() : rows->rows[0][0].text;
}

Expected<Rows> Browser::Metrics(std::string_view contains, int limit) {
  return Query(*db_,
               "SELECT t.metric, t.unit, COUNT(DISTINCT d.municipality_code) AS municipalities, "
               "COUNT(*) AS targets FROM targets t JOIN documents d ON d.id = t.document_id "
               "WHERE t.metric IS NOT NULL AND t.value IS NOT NULL "
               "AND (?1 IS NULL OR instr(t.metric, ?1) > 0) "
               "GROUP BY t.metric, t.unit ORDER BY targets DESC, t.metric LIMIT " +
                   std::to_string(limit),
               {contains});
}

Expected<Rows> Browser::TargetSeries(std::string_view metric, std::string_view municipality) {
  std::string year = std::string("COALESCE(") +
                     (HasColumn("targets", "fiscal_year") ? "t.fiscal_year, " : "") +
                     kDueFiscalYear + ", d.fiscal_year)";
  return Query(*db_,
               "SELECT d.municipality_code, d.municipality_name, " + year +
                   " AS fiscal_year, t.value, t.unit, t.comparison, t.due, t.document_id, "
                   "t.page, t.line, t.text FROM targets t JOIN documents d ON d.id = t.document_id "
                   "WHERE t.metric = ?1 AND t.value IS NOT NULL "
                   "AND (?2 IS NULL OR d.municipality_code = ?2) "
                   "ORDER BY d.municipality_code, 3, d.id, t.ordinal",
               {metric, municipality});
}

Expected<Rows> Browser::ActualSeries(std::string_view metric, std::string_view municipality) {
  for (const char* column :
       {"metric", "value", "fiscal_year", "document_id", "unit", "page", "line", "text"}) {
    if (!HasColumn("actuals", column)) return Rows{};
  }
  return Query(*db_,
               "SELECT d.municipality_code, d.municipality_name, a.fiscal_year, a.value, a.unit, "
               "a.document_id, a.page, a.line, a.text FROM actuals a "
               "JOIN documents d ON d.id = a.document_id "
               "WHERE a.metric = ?1 AND a.value IS NOT NULL "
               "AND (?2 IS NULL OR d.municipality_code = ?2) "
               "ORDER BY d.municipality_code, a.fiscal_year, d.id",
               {metric, municipality});
}

}  // namespace gyosei::serve
