// Pieces several subcommands share: the rule files (built-in plus --rules DIR) and reading a
// document (file or standard input) through ingest.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

#include "cli/flags.h"
#include "core/document.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "rules/rule_files.h"

namespace gyosei::cli {

inline constexpr FlagSpec kRulesFlag{"--rules", "DIR",
                                     "add or override rule files from DIR (repeatable)", true};
inline constexpr FlagSpec kPasswordFlag{"--pdf-password", "PW", "password for encrypted PDFs"};
inline constexpr FlagSpec kThreadsFlag{
    "--threads", "N",
    "threads reading a PDF's pages, 1-64 (default: one per core, at most 8); same output"};

inline constexpr FlagSpec kMaxFileSizeFlag{
    "--max-file-size", "MB",
    "refuse larger files without reading them (default 256; memory grows with the file)"};
// The default of --max-file-size: far above a long document (a 2,280-page PDF is 1.7 MB, a
// 600-page budget book tens of MB), far below what would exhaust memory (text takes ~10x).
inline constexpr int kDefaultMaxFileMb = 256;

// --max-file-size in bytes (the default when absent). Prints the error and returns -1 when the
// value is not a number from 1 to 1048576.
int64_t MaxFileBytes(const ParsedArgs& args);

// The --threads value, or the number of cores (at most 8) when it is absent. Prints the error and
// returns 0 when the value is not a number from 1 to 64.
int PdfThreads(const ParsedArgs& args);

// The built-in rules with every --rules DIR applied in order.
Expected<RuleFiles> LoadRules(const ParsedArgs& args);

// The document at `path`: the file, or for "-" standard input's bytes (read as text, reported
// as <stdin>).
Expected<DocumentSource> SourceOf(const std::string& path);

// --pdf-password, --threads and --max-file-size as pipeline options (their values checked
// before, with PdfThreads and MaxFileBytes).
PipelineOptions ReadingOptions(const ParsedArgs& args);

// Reads and ingests `path` ("-" = standard input, treated as text).
Expected<Document> ReadDocument(const std::string& path, const ParsedArgs& args);

// What `normalize` and `tables` print from: `path` read (its warnings on stderr) and
// normalized with the rules of --rules, or as ingested with --raw.
Expected<Document> ReadForPrinting(const std::string& path, const ParsedArgs& args);

// Prints "gyosei: MESSAGE" on stderr and returns kExitFailed.
int Fail(const Status& status);

// Flushes standard output; when a write failed (a full disk, /dev/full, a closed pipe) an
// kIoError saying so, then `lost` (what the reader of the output is missing).
Status CheckOutput(const std::string& lost);

// --output FILE written so that a failed command leaves FILE as it was: into a temporary file
// in FILE's folder, renamed over FILE by Commit() (a symlink FILE: over its target). Refuses a
// FILE that is the same file as `protect` (the archive being read), compared by device and
// inode, so a symlink or another path to it is caught too.
class ReplacingOutput {
 public:
  static Expected<ReplacingOutput> Open(const std::string& path, const std::string& protect);
  ReplacingOutput(ReplacingOutput&& other) noexcept;
  ReplacingOutput(const ReplacingOutput&) = delete;
  ReplacingOutput& operator=(const ReplacingOutput&) = delete;
  ~ReplacingOutput();  // removes the temporary file unless committed

  std::ostream& stream() { return file_; }
  Status Commit();

 private:
  ReplacingOutput() = default;
  std::string target_, temporary_;
  std::ofstream file_;
};

}  // namespace gyosei::cli
