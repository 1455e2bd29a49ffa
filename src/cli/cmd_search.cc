// gyosei search --archive A QUERY: ranked full-text hits with a highlighted snippet.
#include <unistd.h>

#include <iostream>

#include "archive/archive.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "extract/municipality.h"
#include "normalize/normalize.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--archive", "FILE", "the archive made by gyosei import (required)"},
    {"--municipality", "NAME|CODE", "only this municipality (静岡県菊川市, 菊川市, 222241)"},
    {"--prefecture", "NAME", "only municipalities of this prefecture (静岡県 or 静岡)"},
    {"--fiscal-year", "YEAR", "only this fiscal year"},
    {"--from", "YEAR", "only fiscal years from YEAR"},
    {"--to", "YEAR", "only fiscal years up to YEAR"},
    {"--type", "TYPE", "only this document_type (department_policy, reform_plan, ...)"},
    {"--limit", "N", "at most N hits (default 20)"},
    {"--json", nullptr, "one JSON object per hit (JSON Lines)"},
    kRulesFlag,
};

bool ParseYear(const ParsedArgs& args, const char* flag, int& out) {
  if (!args.Has(flag)) return true;
  std::string v = args.Get(flag);
  if (v.size() != 4 || v.find_first_not_of("0123456789") != std::string::npos) {
    std::cerr << "gyosei: " << flag << " needs a 4-digit year, got '" << v << "'\n";
    return false;
  }
  out = std::stoi(v);
  return true;
}

void PrintHit(const SearchHit& h, int rank) {
  std::string who = h.municipality_name.empty() ? "(municipality unknown)" : h.municipality_name;
  if (!h.prefecture.empty() && h.prefecture != h.municipality_name)
    who += " (" + h.prefecture + ")";
  std::string where = h.source_path;
  if (h.page > 0) where += " p." + std::to_string(h.page);
  if (h.line > 0) where += (h.page > 0 ? ":" : " line ") + std::to_string(h.line);
  std::cout << rank << ". " << who << "  "
            << (h.fiscal_year ? "FY" + std::to_string(h.fiscal_year) : "FY?") << "  "
            << h.document_type << "  " << where << "\n";
  if (!h.document_title.empty()) std::cout << "   document: " << h.document_title << "\n";
  if (!h.goal_title.empty()) {
    std::cout << "   " << (h.in_goal ? "goal: " : "under goal: ") << h.goal_title << "\n";
  }
  std::string snippet = h.snippet;
  for (char& c : snippet) {
    if (c == '\n') c = ' ';
  }
  std::cout << "   " << snippet << "\n";
}

int Run(const ParsedArgs& args) {
  if (!args.Has("--archive") || args.positional.empty()) {
    std::cerr << HelpText(kSearchCommand);
    return kExitUsage;
  }
  auto rules = LoadRules(args);
  if (!rules) return Fail(rules.status());
  auto normalizer = Normalizer::Create(*rules);
  if (!normalizer) return Fail(normalizer.status());

  SearchQuery q;
  std::string text;
  for (const std::string& p : args.positional) text += (text.empty() ? "" : " ") + p;
  q.text = (*normalizer)->NormalizeLine(text);
  int year = 0;
  if (!ParseYear(args, "--fiscal-year", year) || !ParseYear(args, "--from", q.fiscal_year_from) ||
      !ParseYear(args, "--to", q.fiscal_year_to)) {
    return kExitUsage;
  }
  if (year) q.fiscal_year_from = q.fiscal_year_to = year;
  if (args.Has("--municipality")) {
    q.municipality = args.Get("--municipality");
    // Resolved through the code table so every spelling --municipality takes elsewhere works;
    // a name the table does not know is still matched as stored.
    auto table = MunicipalityTable::Load(*rules);
    if (!table) return Fail(table.status());
    auto m = table->Lookup(q.municipality);
    if (m)
      q.municipality = m->code;
    else if (m.status().code() == StatusCode::kInvalidArgument) {
      std::cerr << "gyosei: --municipality: " << m.status().message() << "\n";
      return kExitUsage;
    }
  }
  q.prefecture = args.Get("--prefecture");
  q.document_type = args.Get("--type");
  if (args.Has("--limit")) {
    std::string v = args.Get("--limit");
    if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
      std::cerr << "gyosei: --limit needs a whole number, got '" << v << "'\n";
      return kExitUsage;
    }
    q.limit = std::stoi(v);
  }
  bool json = args.Has("--json");
  if (!json && isatty(STDOUT_FILENO)) {
    q.mark_open = "\x1b[1;31m";
    q.mark_close = "\x1b[0m";
  }
  auto hits = SearchArchive(args.Get("--archive"), q);
  if (!hits) {
    Fail(hits.status());
    return hits.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
  }
  int rank = 0;
  for (const SearchHit& h : *hits) {
    if (json)
      std::cout << SearchHitJson(h) << "\n";
    else
      PrintHit(h, ++rank);
  }
  if (!json && hits->empty()) std::cerr << "gyosei: no hits\n";
  return kExitOk;
}

}  // namespace

const CommandSpec kSearchCommand{"search", "--archive FILE QUERY...",
                                 "full-text search of an archive (Japanese words of any length)",
                                 kFlags, Run};

}  // namespace gyosei::cli
