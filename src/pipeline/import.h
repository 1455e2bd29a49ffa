// Import: many documents -> one SQLite archive (archive/archive.h describes it and its queries).
//
//   ImportOptions o;  o.jobs = 2;
//   Expected<ImportSummary> s = ImportDocuments("policies.db", {"scans/"}, RuleFiles::Builtin(),
//   o);
//
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

#include <cstdint>
#include <functional>
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

}  // namespace gyosei
