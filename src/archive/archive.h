// Archive: many documents -> one SQLite file that dashboards query with plain SQL and gyosei
// searches with full-text search that works for Japanese. The schema is src/archive/schema.sql
// (described with example queries in docs/archive.md).
//
//   ImportOptions o;  o.jobs = 2;
//   Expected<ImportSummary> s = ImportDocuments("policies.db", {"scans/"}, RuleFiles::Builtin(),
//   o); Expected<std::vector<SearchHit>> hits = SearchArchive("policies.db", {.text =
//   "働き方改革"}); Status st = ExportTable("policies.db", ExportWhat::kTargets,
//   ExportFormat::kCsv, std::cout);
//
// Import:
//  * Files and folders (recursively: .pdf .txt .md .html .htm .csv .tsv; symlinked folders
//    followed once, a loop reported and skipped) plus the files a manifest lists.
//  * A document is a source path with the sha256 of its bytes: a path already in the archive
//    with the same bytes (or one that already failed with them) is skipped, so re-running is
//    cheap and adds nothing; a file whose bytes changed replaces the record of its path; two
//    paths with the same bytes are two documents; `force` re-extracts everything with the
//    current rules (each document records its rules_version). Named files that are not
//    regular files (a FIFO, a device) are failures; in folders they are skipped with a warning.
//  * Each document is ingested, normalized and extracted in a worker PROCESS (a pool of `jobs`
//    processes forked once, after the rules are compiled, fed over pipes). Poppler cannot be
//    interrupted and may crash on hostile input: a worker past `timeout_seconds` is killed and
//    the document recorded as failed ("…: took longer than N s; skipped"), a worker that dies
//    is a failure of its document; either way a fresh worker takes its place and the run goes on.
//  * One writer (the calling thread) commits each document in its own transaction (WAL
//    journal): a crash, Ctrl-C or kill -9 at any point leaves whole documents only, and the next
//    run picks up where it stopped. A second import on the same archive (by any path to it:
//    the lock is on the resolved path) fails at once with a message naming the running one's
//    pid. A full disk stops the run with an error; what was committed stays, and the counts
//    (printed and in `runs`) are of what was committed.
//  * Memory stays flat: files are walked and hashed (in blocks) one at a time; at most two
//    documents per worker are in flight; each worker has a memory limit.
//  * The finished import leaves the archive in rollback-journal mode (no -wal/-shm files), so
//    it can be read on a read-only filesystem and by `sqlite3 -readonly`.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rules/rule_files.h"

namespace gyosei {

struct ImportProgress {
  int64_t files_total = 0;  // files found by the walk (known before the first is dispatched)
  int64_t files_done = 0;   // imported + replaced + unchanged + failed
  int64_t imported = 0;     // new documents
  int64_t replaced = 0;     // new bytes for a path already in the archive
  int64_t unchanged = 0;    // bytes already in the archive (or already failed): skipped
  int64_t failed = 0;
  int64_t pages = 0;   // PDF pages of the documents extracted in this run
  double seconds = 0;  // since the run started
};

struct ImportOptions {
  int jobs = 0;               // worker processes; 0 = every core
  bool force = false;         // re-extract documents already in the archive
  int timeout_seconds = 120;  // per document
  // Limits that make an oversized document a recorded failure instead of a dead import (the
  // CLI's --max-file-size and --memory-limit; 0 = none). A larger file is not read; a worker
  // that needs more memory fails its document ("…: needs more than N MB of memory").
  int64_t max_file_bytes = 0;
  int64_t memory_limit_bytes = 0;  // per worker process (its data segment, RLIMIT_DATA)
  std::string manifest;            // CSV: path,municipality,fiscal_year,document_type; "" = none
  // Called by the writer after each file and when the walk is done; keep it cheap.
  std::function<void(const ImportProgress&)> progress;
  // Polled between documents: true stops the run cleanly (Ctrl-C).
  std::function<bool()> stop_requested;
};

struct ImportSummary {
  ImportProgress counts;
  int64_t run_id = 0;
  bool interrupted = false;
  std::vector<std::string> failures;  // "path: message", this run's, in order
  std::vector<std::string> warnings;  // about the walk: unreadable folders, symlink loops
};

// Creates the archive if needed. Errors (the archive cannot be opened or written, another
// import holds it, a bad manifest line, an input that does not exist) stop the run; a document
// that fails does not, it is in summary.failures and the archive's failures table.
Expected<ImportSummary> ImportDocuments(const std::string& archive_path,
                                        const std::vector<std::string>& inputs,
                                        const RuleFiles& rules, const ImportOptions& options);

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
