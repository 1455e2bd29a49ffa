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
//  * A document is keyed by the sha256 of its bytes: a file already in the archive (or one that
//    already failed) is skipped, so re-running is cheap and adds nothing; a file whose bytes
//    changed replaces the record of its path; `force` re-extracts everything with the current
//    rules (each document records its rules_version).
//  * Each document is ingested, normalized and extracted in a worker PROCESS (a pool of `jobs`
//    processes forked once, after the rules are compiled, fed over pipes). Poppler cannot be
//    interrupted and may crash on hostile input: a worker past `timeout_seconds` is killed and
//    the document recorded as failed ("…: took longer than N s; skipped"), a worker that dies
//    is a failure of its document; either way a fresh worker takes its place and the run goes on.
//  * One writer (the calling thread) commits each document in its own transaction (WAL
//    journal): a crash, Ctrl-C or kill -9 at any point leaves whole documents only, and the next
//    run picks up where it stopped. A second import on the same archive fails at once with a
//    message naming the running one's pid. A full disk stops the run with an error; what was
//    committed stays.
//  * Memory stays flat: files are walked and hashed one at a time; at most one document per
//    worker is in flight.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
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
  std::string manifest;       // CSV: path,municipality,fiscal_year,document_type; "" = none
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

struct SearchQuery {
  std::string text;          // words and phrases; every term must match (AND)
  std::string municipality;  // 6- or 5-digit code or name as stored ("" = any)
  std::string prefecture;    // "静岡県" or "静岡" ("" = any)
  int fiscal_year_from = 0;  // inclusive; 0 = open
  int fiscal_year_to = 0;
  std::string document_type;  // "department_policy", ... ("" = any)
  int limit = 20;
  std::string mark_open = "«";  // around each hit in the snippet
  std::string mark_close = "»";
};

struct SearchHit {
  int64_t document_id = 0;
  std::string municipality_code, municipality_name, prefecture;  // "" when unknown
  int fiscal_year = 0;                                           // 0 = unknown
  std::string document_type, document_title, source_path;
  bool in_goal = false;    // the hit is in a goal's title/description (else in body text)
  std::string goal_title;  // that goal, or the goal the body text is under ("" = none)
  int page = 0;            // 0 = text input
  int line = 0;
  std::string snippet;
  double score = 0;  // bm25: lower is better
};

// Ranked hits. A query that tokenizes to nothing is kInvalidArgument.
Expected<std::vector<SearchHit>> SearchArchive(const std::string& archive_path,
                                               const SearchQuery& query);

enum class ExportWhat { kDocuments, kGoals, kTargets, kIndicators, kActuals };
enum class ExportFormat { kCsv, kJsonl };

// Tidy rows with a header (CSV: RFC 4180, UTF-8 without BOM, "" for null; JSONL: one object a
// row, null for null). Columns are listed in docs/archive.md.
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
