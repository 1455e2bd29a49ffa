// The archive's readers: search, export, stats. Each opens the archive read-only, so they run
// alongside an import (WAL readers see the last committed document).
#include <nlohmann/json.hpp>
#include <ostream>

#include "archive/archive.h"
#include "archive/sqlite.h"
#include "archive/tokenizer.h"

namespace gyosei {
namespace {

using archive::Db;
using archive::Stmt;

// A body hit is "under" the last goal that starts at or before it. A goal's own title and
// description, and an indicator's row, count twice: a hit there says more about the document
// than one in passing (bm25 is negative, lower is better).
constexpr const char* kSearchSql = R"sql(
SELECT d.id, d.municipality_code, d.municipality_name, d.prefecture, d.fiscal_year,
       d.document_type, d.title, d.source_path, p.kind,
       CASE WHEN p.kind IN ('goal', 'indicator') THEN g.title ELSE
         (SELECT g2.title FROM goals g2 WHERE g2.document_id = d.id
            AND (IFNULL(g2.page, 0), g2.line) <= (IFNULL(p.page, 0), p.line)
          ORDER BY IFNULL(g2.page, 0) DESC, g2.line DESC LIMIT 1) END,
       p.page, p.line, snippet(passages_fts, 0, ?2, ?3, '…', 24), passages_fts.rank,
       i.name, i.unit, i.achievement, d.part, d.part_count, d.first_page, d.last_page
FROM passages_fts
JOIN passages p ON p.id = passages_fts.rowid
JOIN documents d ON d.id = p.document_id
LEFT JOIN goals g ON g.id = p.goal_id
LEFT JOIN indicators i ON i.id = p.indicator_id
WHERE passages_fts MATCH ?1
  AND (?4 IS NULL OR d.municipality_code = ?4 OR substr(d.municipality_code, 1, 5) = ?4
       OR d.municipality_name = ?4)
  AND (?5 IS NULL OR d.prefecture = ?5 OR d.prefecture IN (?5 || '県', ?5 || '府', ?5 || '都'))
  AND (?6 IS NULL OR d.fiscal_year >= ?6)
  AND (?7 IS NULL OR d.fiscal_year <= ?7)
  AND (?8 IS NULL OR d.document_type = ?8)
ORDER BY passages_fts.rank * CASE p.kind WHEN 'body' THEN 1.0 ELSE 2.0 END
LIMIT ?9
)sql";

constexpr const char* kDocumentsSql = R"sql(
SELECT id AS document_id, sha256, source_path, part, part_count, first_page, last_page, format,
       pages, municipality_code,
       municipality_name, prefecture, municipality_evidence, fiscal_year, department,
       document_type, document_label, title, author_title, author_name, period_start,
       period_end, goal_count, target_count, warning_count, rules_version, imported_at
FROM documents ORDER BY municipality_code, fiscal_year, source_path, part
)sql";

constexpr const char* kGoalsSql = R"sql(
SELECT d.municipality_code, d.municipality_name, d.prefecture, d.fiscal_year, d.document_type,
       g.document_id, d.source_path, d.part, g.goal_key AS goal_id, g.parent_key AS parent_goal_id,
       g.number, g.title, g.owner, g.description, g.policy_refs, g.sdgs,
       r.label AS rating_label, r.scale AS rating_scale, r.level AS rating_level,
       r.levels AS rating_levels,
       (SELECT COUNT(*) FROM targets t WHERE t.goal_id = g.id) AS target_count, g.page, g.line
FROM goals g JOIN documents d ON d.id = g.document_id LEFT JOIN ratings r ON r.goal_id = g.id
ORDER BY d.municipality_code, d.fiscal_year, d.source_path, d.part, g.ordinal
)sql";

constexpr const char* kTargetsSql = R"sql(
SELECT d.municipality_code, d.municipality_name, d.prefecture, d.fiscal_year, d.document_type,
       t.document_id, d.source_path, d.part, g.goal_key AS goal_id, g.number AS goal_number,
       g.title AS goal_title, t.metric, t.value, t.unit, t.comparison, t.maintain, t.due,
       t.baseline_value, t.baseline_unit, t.baseline_date, t.baseline_fiscal_year, t.page,
       t.line, t.text, t.fiscal_year AS value_fiscal_year, t.indicator_key AS indicator_id
FROM targets t JOIN goals g ON g.id = t.goal_id JOIN documents d ON d.id = t.document_id
ORDER BY d.municipality_code, d.fiscal_year, d.source_path, d.part, g.ordinal, t.ordinal
)sql";

constexpr const char* kIndicatorsSql = R"sql(
SELECT d.municipality_code, d.municipality_name, d.prefecture, d.fiscal_year, d.document_type,
       i.document_id, d.source_path, d.part, g.goal_key AS goal_id, g.title AS goal_title,
       i.indicator_key AS indicator_id, i.name, i.kind, i.unit, i.direction, i.achievement,
       i.achievement_fiscal_year,
       (SELECT COUNT(*) FROM targets t WHERE t.document_id = i.document_id
          AND t.indicator_key = i.indicator_key) AS target_count,
       (SELECT COUNT(*) FROM actuals a WHERE a.document_id = i.document_id
          AND a.indicator_key = i.indicator_key) AS actual_count, i.page, i.line
FROM indicators i JOIN goals g ON g.id = i.goal_id JOIN documents d ON d.id = i.document_id
ORDER BY d.municipality_code, d.fiscal_year, d.source_path, d.part, g.ordinal, i.id
)sql";

constexpr const char* kActualsSql = R"sql(
SELECT d.municipality_code, d.municipality_name, d.prefecture, d.fiscal_year, d.document_type,
       a.document_id, d.source_path, d.part, g.goal_key AS goal_id, g.number AS goal_number,
       g.title AS goal_title, a.indicator_key AS indicator_id, a.metric, a.value, a.unit,
       a.fiscal_year AS value_fiscal_year, a.date, a.page, a.line, a.text
FROM actuals a JOIN goals g ON g.id = a.goal_id JOIN documents d ON d.id = a.document_id
ORDER BY d.municipality_code, d.fiscal_year, d.source_path, d.part, g.ordinal, a.ordinal
)sql";

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Whitespace-separated terms (an ideographic space separates too), counted the way the match
// expression splits them, in one pass.
size_t CountTerms(std::string_view text) {
  size_t terms = 0;
  bool in_term = false;
  for (size_t i = 0; i < text.size();) {
    size_t space = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ? 1
                   : text.substr(i, 3) == "\u3000"                                         ? 3
                                                                                           : 0;
    if (space == 0 && !in_term) ++terms;
    in_term = space == 0;
    i += space ? space : 1;
  }
  return terms;
}

Status CheckQueryBounds(const SearchQuery& query) {
  if (query.text.size() > kMaxQueryBytes) {
    return Status(StatusCode::kInvalidArgument,
                  "the query is " + std::to_string(query.text.size()) + " bytes long; at most " +
                      std::to_string(kMaxQueryBytes) + " are searched");
  }
  if (size_t terms = CountTerms(query.text); terms > kMaxQueryTerms) {
    return Status(StatusCode::kInvalidArgument,
                  "the query has " + std::to_string(terms) + " terms; at most " +
                      std::to_string(kMaxQueryTerms) + " are searched");
  }
  if (query.limit < 0) {
    return Status(StatusCode::kInvalidArgument,
                  "the hit limit is " + std::to_string(query.limit) + "; it must be 0 or more");
  }
  return Status::Ok();
}

Expected<int64_t> Count(Db& db, const char* sql) {
  auto stmt = db.Prepare(sql);
  if (!stmt) return stmt.status();
  int64_t n = stmt->Step() ? stmt->Int(0) : 0;
  if (!stmt->status().ok()) return stmt->status();
  return n;
}

}  // namespace

Expected<std::vector<SearchHit>> SearchArchive(const std::string& archive_path,
                                               const SearchQuery& query) {
  if (Status s = CheckQueryBounds(query); !s.ok()) return s;
  auto match = archive::FtsMatchExpression(query.text);
  if (!match) return match.status();
  auto db = archive::OpenForReading(archive_path);
  if (!db) return db.status();
  auto stmt = db->Prepare(kSearchSql);
  if (!stmt) return stmt.status();
  stmt->Bind(1, *match).Bind(2, query.mark_open).Bind(3, query.mark_close);
  stmt->BindOrNull(4, query.municipality).BindOrNull(5, query.prefecture);
  stmt->BindOrNull(6, int64_t{query.fiscal_year_from}).BindOrNull(7, int64_t{query.fiscal_year_to});
  stmt->BindOrNull(8, query.document_type).Bind(9, int64_t{query.limit > 0 ? query.limit : -1});
  std::vector<SearchHit> hits;
  while (stmt->Step()) {
    SearchHit h;
    h.document_id = stmt->Int(0);
    h.municipality_code = stmt->Text(1);
    h.municipality_name = stmt->Text(2);
    h.prefecture = stmt->Text(3);
    h.fiscal_year = static_cast<int>(stmt->Int(4));
    h.document_type = stmt->Text(5);
    h.document_title = stmt->Text(6);
    h.source_path = stmt->Text(7);
    h.kind = stmt->Text(8);
    h.in_goal = h.kind == "goal";
    h.goal_title = stmt->Text(9);
    h.page = static_cast<int>(stmt->Int(10));
    h.line = static_cast<int>(stmt->Int(11));
    h.snippet = stmt->Text(12);
    h.score = stmt->Real(13);
    h.indicator = stmt->Text(14);
    h.indicator_unit = stmt->Text(15);
    if (!stmt->IsNull(16)) h.indicator_achievement = stmt->Real(16);
    h.part = static_cast<int>(stmt->Int(17));
    h.part_count = static_cast<int>(stmt->Int(18));
    h.first_page = static_cast<int>(stmt->Int(19));
    h.last_page = static_cast<int>(stmt->Int(20));
    hits.push_back(std::move(h));
  }
  if (!stmt->status().ok()) return stmt->status();
  return hits;
}

std::string SearchHitJson(const SearchHit& h) {
  auto or_null = [](const std::string& s) -> nlohmann::ordered_json {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  auto int_or_null = [](int v) -> nlohmann::ordered_json {
    return v ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json j = {
      {"municipality_code", or_null(h.municipality_code)},
      {"municipality_name", or_null(h.municipality_name)},
      {"prefecture", or_null(h.prefecture)},
      {"fiscal_year", int_or_null(h.fiscal_year)},
      {"document_type", h.document_type},
      {"document_title", or_null(h.document_title)},
      {"document_id", h.document_id},
      {"source_path", h.source_path},
      {"part", int_or_null(h.part)},
      {"part_count", int_or_null(h.part_count)},
      {"first_page", int_or_null(h.first_page)},
      {"last_page", int_or_null(h.last_page)},
      {"kind", h.kind},
      {"in_goal", h.in_goal},
      {"goal_title", or_null(h.goal_title)},
      {"indicator", or_null(h.indicator)},
      {"indicator_unit", or_null(h.indicator_unit)},
      {"indicator_achievement", h.indicator_achievement
                                    ? nlohmann::ordered_json(*h.indicator_achievement)
                                    : nlohmann::ordered_json(nullptr)},
      {"page", int_or_null(h.page)},
      {"line", int_or_null(h.line)},
      {"snippet", h.snippet},
      {"score", h.score}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status ExportTable(const std::string& archive_path, ExportWhat what, ExportFormat format,
                   std::ostream& out) {
  auto db = archive::OpenForReading(archive_path);
  if (!db) return db.status();
  const char* sql = what == ExportWhat::kDocuments    ? kDocumentsSql
                    : what == ExportWhat::kGoals      ? kGoalsSql
                    : what == ExportWhat::kIndicators ? kIndicatorsSql
                    : what == ExportWhat::kActuals    ? kActualsSql
                                                      : kTargetsSql;
  auto stmt = db->Prepare(sql);
  if (!stmt) return stmt.status();
  int columns = stmt->Columns();
  if (format == ExportFormat::kExcelCsv) {
    out << "\xEF\xBB\xBF";
    format = ExportFormat::kCsv;
  }
  if (format == ExportFormat::kCsv) {
    for (int c = 0; c < columns; ++c) out << (c ? "," : "") << CsvField(stmt->ColumnName(c));
    out << "\r\n";
  }
  while (stmt->Step()) {
    if (format == ExportFormat::kCsv) {
      for (int c = 0; c < columns; ++c) {
        if (c) out << ',';
        if (stmt->ColumnIsReal(c))
          out << archive::FormatReal(stmt->Real(c));
        else
          out << CsvField(stmt->Text(c));
      }
      out << "\r\n";
      continue;
    }
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (int c = 0; c < columns; ++c) {
      std::string name = stmt->ColumnName(c);
      if (stmt->IsNull(c))
        row[name] = nullptr;
      else if (stmt->ColumnIsInteger(c))
        row[name] = stmt->Int(c);
      else if (stmt->ColumnIsReal(c))
        row[name] = stmt->Real(c);
      else
        row[name] = stmt->Text(c);
    }
    out << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  if (!stmt->status().ok()) return stmt->status();
  out.flush();
  if (!out) return Status(StatusCode::kIoError, "cannot write the export (disk full?)");
  return Status::Ok();
}

Expected<ArchiveStats> ComputeStats(const std::string& archive_path) {
  auto db = archive::OpenForReading(archive_path);
  if (!db) return db.status();
  ArchiveStats s;
  struct {
    int64_t* field;
    const char* sql;
  } counts[] = {
      {&s.documents, "SELECT COUNT(*) FROM documents"},
      {&s.pages, "SELECT IFNULL(SUM(pages), 0) FROM documents"},
      {&s.goals, "SELECT COUNT(*) FROM goals"},
      {&s.targets, "SELECT COUNT(*) FROM targets"},
      {&s.ratings, "SELECT COUNT(*) FROM ratings"},
      {&s.dates, "SELECT COUNT(*) FROM dates"},
      {&s.failures, "SELECT COUNT(*) FROM failures"},
      {&s.runs, "SELECT COUNT(*) FROM runs"},
  };
  for (auto& [field, sql] : counts) {
    auto n = Count(*db, sql);
    if (!n) return n.status();
    *field = *n;
  }
  auto each = [&](const char* sql, auto&& row) -> Status {
    auto stmt = db->Prepare(sql);
    if (!stmt) return stmt.status();
    while (stmt->Step()) row(*stmt);
    return stmt->status();
  };
  Status st =
      each("SELECT rules_version FROM documents GROUP BY rules_version ORDER BY COUNT(*) DESC",
           [&](Stmt& r) { s.rules_versions.push_back(r.Text(0)); });
  if (st.ok()) {
    st = each(
        "SELECT municipality_code, municipality_name, prefecture, fiscal_year, COUNT(*), "
        "SUM(goal_count), SUM(target_count) FROM documents "
        "GROUP BY municipality_code, fiscal_year ORDER BY municipality_code, fiscal_year",
        [&](Stmt& r) {
          s.groups.push_back({r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), r.Int(4),
                              r.Int(5), r.Int(6)});
        });
  }
  if (st.ok()) {
    st = each(
        "SELECT scale, label, level, levels, COUNT(*) FROM ratings "
        "GROUP BY scale, level, label ORDER BY scale, level",
        [&](Stmt& r) {
          s.ratings_by_level.push_back({r.Text(0), r.Text(1), static_cast<int>(r.Int(2)),
                                        static_cast<int>(r.Int(3)), r.Int(4)});
        });
  }
  if (st.ok()) {
    st = each("SELECT code, COUNT(*) FROM failures GROUP BY code ORDER BY COUNT(*) DESC",
              [&](Stmt& r) {
                s.failures_by_code.push_back({r.Text(0), r.Int(1)});
              });
  }
  if (!st.ok()) return st;
  return s;
}

}  // namespace gyosei
