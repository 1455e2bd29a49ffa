// gyosei export --archive A --table T --format F: tidy rows for spreadsheets, pandas, DuckDB.
#include <fstream>
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
  ExportFormat how = format == "csv" ? ExportFormat::kCsv : ExportFormat::kJsonl;
  std::ofstream file;
  if (args.Has("--output")) {
    file.open(args.Get("--output"), std::ios::binary | std::ios::trunc);
    if (!file) return Fail(Status(StatusCode::kIoError, args.Get("--output") + ": cannot write"));
  }
  Status s = ExportTable(args.Get("--archive"), what, how, file.is_open() ? file : std::cout);
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace

const CommandSpec kExportCommand{
    "export", "--archive FILE [--table T] [--format F]",
    "export targets, goals, documents, indicators or actuals as CSV or JSON Lines", kFlags, Run};

}  // namespace gyosei::cli
