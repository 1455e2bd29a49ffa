// Pieces several subcommands share: the rule files (built-in plus --rules DIR) and reading a
// document (file or standard input) through ingest.
#pragma once

#include <string>

#include "cli/flags.h"
#include "core/document.h"
#include "ingest/ingest.h"
#include "rules/rule_files.h"

namespace gyosei::cli {

inline constexpr FlagSpec kRulesFlag{"--rules", "DIR",
                                     "add or override rule files from DIR (repeatable)", true};
inline constexpr FlagSpec kPasswordFlag{"--pdf-password", "PW", "password for encrypted PDFs"};
inline constexpr FlagSpec kThreadsFlag{
    "--threads", "N",
    "threads reading a PDF's pages, 1-64 (default: one per core, at most 8); same output"};

// The --threads value, or the number of cores (at most 8) when it is absent. Prints the error and
// returns 0 when the value is not a number from 1 to 64.
int PdfThreads(const ParsedArgs& args);

// The built-in rules with every --rules DIR applied in order.
Expected<RuleFiles> LoadRules(const ParsedArgs& args);

// Reads and ingests `path` ("-" = standard input, treated as text).
Expected<Document> ReadDocument(const std::string& path, const ParsedArgs& args);

// What `normalize` and `tables` print from: `path` read (its warnings on stderr) and
// normalized with the rules of --rules, or as ingested with --raw.
Expected<Document> ReadForPrinting(const std::string& path, const ParsedArgs& args);

// Prints "gyosei: MESSAGE" on stderr and returns kExitFailed.
int Fail(const Status& status);

}  // namespace gyosei::cli
