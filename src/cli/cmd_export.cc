// gyosei export --archive A --table T --format F: tidy rows for spreadsheets, pandas, DuckDB.
#include <iostream>

#include "archive/archive.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--archive", "FILE", "the archive made by gyosei import (required)"},
    {"--table", "TABLE", "targets (default), goals, documents, indicators or actuals"},
    {"--format", "FORMAT", "csv (default; UTF-8, header row) or jsonl"},
    {"--excel", nullptr, "CSV for Excel: UTF-8 with a byte order mark, CRLF line ends"},
    {"--output", "FILE", "write there instead of standard output"},
};

int Run(const ParsedArgs& args) {
  if (!args.Has("--archive") || !args.positional.empty()) {
    std::cerr << HelpText(kExportCommand);
    return kExitUsage;
  }
  std::string table = args.Get("--table", "targets");
  std::string format = args.Get("--format", "csv");
  ExportWhat what;
  // --table actuals|indicators: added with those tables (evaluation-sheet issue).
  if (table == "targets")
    what = ExportWhat::kTargets;
  else if (table == "goals")
    what = ExportWhat::kGoals;
  else if (table == "documents")
    what = ExportWhat::kDocuments;
  else if (table == "indicators")
    what = ExportWhat::kIndicators;
  else if (table == "actuals")
    what = ExportWhat::kActuals;
  else {
    std::cerr << "gyosei: --table is targets, goals, documents, indicators or actuals, not '"
              << table << "'\n";
    return kExitUsage;
  }
  if (format != "csv" && format != "jsonl") {
    std::cerr << "gyosei: --format is csv or jsonl, not '" << format << "'\n";
    return kExitUsage;
  }
  if (args.Has("--excel") && format != "csv") {
    std::cerr << "gyosei: --excel is for --format csv\n";
    return kExitUsage;
  }
  ExportFormat how = format == "jsonl"     ? ExportFormat::kJsonl
                     : args.Has("--excel") ? ExportFormat::kExcelCsv
                                           : ExportFormat::kCsv;
  std::string archive = args.Get("--archive");
  if (!args.Has("--output")) {
    Status s = ExportTable(archive, what, how, std::cout);
    return s.ok() ? kExitOk : Fail(s);
  }
  // The archive is opened and read before the output is touched: a failed export (the
  // --output is the archive, the archive is missing) leaves any existing file as it was.
  auto output = ReplacingOutput::Open(args.Get("--output"), archive);
  if (!output) {
    Fail(output.status());
    return output.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
  }
  Status s = ExportTable(archive, what, how, output->stream());
  if (s.ok()) s = output->Commit();
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace

const CommandSpec kExportCommand{
    "export", "--archive FILE [--table T] [--format F] [--excel]",
    "export targets, goals, documents, indicators or actuals as CSV or JSON Lines", kFlags, Run};

}  // namespace gyosei::cli
