// Archive: many documents -> one SQLite file that dashboards query with plain SQL and gyosei
// searches with full-text search that works for Japanese. The schema is src/archive/schema.sql
// (described with example queries in docs/archive.md).
//
//   Expected<std::vector<SearchHit>> hits = SearchArchive("policies.db", {.text = "働き方改革"});
//   Status st = ExportTable("policies.db", ExportWhat::kTargets, ExportFormat::kCsv, std::cout);
//
// Documents get in through the import (pipeline/import.h), which runs the pipeline in worker
// processes and stores each typed Extraction with ArchiveWriter.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gyosei {

// The document_type values (contract v1), for checking a manifest or a --type filter.
inline constexpr std::array<std::string_view, 5> kDocumentTypes = {
    "department_policy", "department_results", "reform_plan", "evaluation_sheet", "other"};

// A search query's bounds: FTS5 matches each term on its own, so the cost grows with the
// number of terms; past these the query is refused (kInvalidArgument) rather than left to run
// for minutes.
inline constexpr size_t kMaxQueryTerms = 32;
inline constexpr size_t kMaxQueryBytes = 1024;

struct SearchQuery {
  std::string text;          // words and phrases; every term must match (AND)
  std::string municipality;  // 6- or 5-digit code or name as stored ("" = any)
  std::string prefecture;    // "静岡県" or "静岡" ("" = any)
  int fiscal_year_from = 0;  // inclusive; 0 = open
  int fiscal_year_to = 0;
  std::string document_type;    // "department_policy", ... ("" = any)
  int limit = 20;               // 0 = every hit (for programs; the CLI's --limit takes 1 to 10000)
  std::string mark_open = "«";  // around each hit in the snippet
  std::string mark_close = "»";
};

struct SearchHit {
  int64_t document_id = 0;
  std::string municipality_code, municipality_name, prefecture;  // "" when unknown
  int fiscal_year = 0;                                           // 0 = unknown
  std::string document_type, document_title, source_path;
  // The document is one sheet of a booklet: its number, the booklet's sheets and the sheet's
  // pages in the file (all 0 for a whole file).
  int part = 0, part_count = 0, first_page = 0, last_page = 0;
  std::string kind;        // where the hit is: "goal" (title/description), "indicator", "body"
  bool in_goal = false;    // kind == "goal"
  std::string goal_title;  // that goal, the indicator's, or the goal body text is under ("" = none)
  // kind "indicator": its name, unit ("" = none) and 達成率 (percent) as printed.
  std::string indicator, indicator_unit;
  std::optional<double> indicator_achievement;
  int page = 0;  // 0 = text input
  int line = 0;
  std::string snippet;
  double score = 0;  // bm25: lower is better
};

// Ranked hits. A query that tokenizes to nothing or is over the bounds above is
// kInvalidArgument.
Expected<std::vector<SearchHit>> SearchArchive(const std::string& archive_path,
                                               const SearchQuery& query);

// One hit as a JSON object on one line: `gyosei search --json` and serve's /api/search. Field
// names are the archive's (document_id, municipality_code, ...); "" and 0 are null.
std::string SearchHitJson(const SearchHit& hit);

enum class ExportWhat { kDocuments, kGoals, kTargets, kIndicators, kActuals };
// kExcelCsv is kCsv preceded by a UTF-8 byte order mark: Japanese Excel reads a CSV without
// one as CP932 and shows UTF-8 text as mojibake.
enum class ExportFormat { kCsv, kExcelCsv, kJsonl };

// Tidy rows with a header (CSV: RFC 4180, UTF-8, CRLF, "" for null; JSONL: one object a row,
// null for null). Columns are listed in docs/archive.md.
Status ExportTable(const std::string& archive_path, ExportWhat what, ExportFormat format,
                   std::ostream& out);

struct ArchiveStats {
  struct Group {
    std::string municipality_code, municipality_name, prefecture;
    int fiscal_year = 0;
    int64_t documents = 0, goals = 0, targets = 0;
  };
  struct RatingCount {
    std::string scale, label;
    int level = 0, levels = 0;
    int64_t count = 0;
  };
  struct FailureCount {
    std::string code;
    int64_t count = 0;
  };
  int64_t documents = 0, pages = 0, goals = 0, targets = 0, ratings = 0, dates = 0, failures = 0,
          runs = 0;
  std::vector<std::string> rules_versions;  // of the documents, most used first
  std::vector<Group> groups;                // per municipality and fiscal year
  std::vector<RatingCount> ratings_by_level;
  std::vector<FailureCount> failures_by_code;
};

Expected<ArchiveStats> ComputeStats(const std::string& archive_path);

}  // namespace gyosei
