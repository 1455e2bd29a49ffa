// gyosei search --archive A QUERY: ranked full-text hits with a highlighted snippet.
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "archive/archive.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "extract/municipality.h"
#include "normalize/normalize.h"

namespace gyosei::cli {
namespace {

constexpr int kMaxLimit = 10000;

constexpr FlagSpec kFlags[] = {
    {"--archive", "FILE", "the archive made by gyosei import (required)"},
    {"--municipality", "NAME|CODE", "only this municipality (静岡県菊川市, 菊川市, 222241)"},
    {"--prefecture", "NAME", "only municipalities of this prefecture (静岡県 or 静岡)"},
    {"--fiscal-year", "YEAR", "only this fiscal year"},
    {"--from", "YEAR", "only fiscal years from YEAR"},
    {"--to", "YEAR", "only fiscal years up to YEAR"},
    {"--type", "TYPE", "only this document_type (department_policy, reform_plan, ...)"},
    {"--limit", "N", "at most N hits, 1-10000 (default 20)"},
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

// Text from the archive (file names, document text) made safe for a terminal, as ripgrep
// does: control characters (ESC could retitle or recolour the terminal, a newline fake a hit)
// are written as escapes: \n \r \t, \xNN, and \u{NN} for the C1 controls U+0080-U+009F.
std::string Printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0 &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80) {
      auto u = static_cast<unsigned char>(s[++i]);
      out += std::string("\\u{") + kHex[u >> 4] + kHex[u & 15] + "}";
    } else if (c >= 0x20 && c != 0x7F) {
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    }
  }
  return out;
}

// The snippet on one line: its line breaks are spaces, the rest escaped, the marks kept.
std::string PrintableSnippet(const std::string& snippet, const SearchQuery& q) {
  std::string out;
  size_t at = 0;
  bool inside = false;
  for (;;) {
    const std::string& mark = inside ? q.mark_close : q.mark_open;
    size_t found = snippet.find(mark, at);
    std::string piece = snippet.substr(at, found == std::string::npos ? found : found - at);
    std::replace(piece.begin(), piece.end(), '\n', ' ');
    out += Printable(piece);
    if (found == std::string::npos) return out;
    out += mark;
    at = found + mark.size();
    inside = !inside;
  }
}

// "sheet 2 of 5, pp. 3-4" for a booklet's sheet, "" for a whole file.
std::string SheetOf(const SearchHit& h) {
  if (h.part == 0) return "";
  std::string pages = h.first_page == h.last_page ? "p. " + std::to_string(h.first_page)
                                                  : "pp. " + std::to_string(h.first_page) + "-" +
                                                        std::to_string(h.last_page);
  return "sheet " + std::to_string(h.part) + " of " + std::to_string(h.part_count) + ", " + pages;
}

void PrintHit(const SearchHit& h, const SearchQuery& q, int rank) {
  std::string who = h.municipality_name.empty() ? "(municipality unknown)" : h.municipality_name;
  if (!h.prefecture.empty() && h.prefecture != h.municipality_name)
    who += " (" + h.prefecture + ")";
  std::string where = Printable(h.source_path);
  if (h.part > 0) where += " [" + SheetOf(h) + "]";
  if (h.page > 0) where += " p." + std::to_string(h.page);
  if (h.line > 0) where += (h.page > 0 ? ":" : " line ") + std::to_string(h.line);
  std::cout << rank << ". " << Printable(who) << "  "
            << (h.fiscal_year ? "FY" + std::to_string(h.fiscal_year) : "FY?") << "  "
            << Printable(h.document_type) << "  " << where << "\n";
  if (!h.document_title.empty())
    std::cout << "   document: " << Printable(h.document_title) << "\n";
  if (h.kind == "indicator") {
    // The indicator's row: its name, unit and 達成率; its targets and actuals are the snippet.
    std::cout << "   indicator: " << Printable(h.indicator);
    if (!h.indicator_unit.empty()) std::cout << " (" << Printable(h.indicator_unit) << ")";
    if (h.indicator_achievement) std::cout << "  達成率 " << *h.indicator_achievement << "%";
    std::cout << "\n";
  }
  if (!h.goal_title.empty()) {
    std::cout << "   " << (h.kind == "body" ? "under goal: " : "goal: ") << Printable(h.goal_title)
              << "\n";
  }
  std::cout << "   " << PrintableSnippet(h.snippet, q) << "\n";
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
  if (q.fiscal_year_from && q.fiscal_year_to && q.fiscal_year_from > q.fiscal_year_to) {
    std::cerr << "gyosei: --from " << q.fiscal_year_from << " is after --to " << q.fiscal_year_to
              << ": no year is in that range\n";
    return kExitUsage;
  }
  if (args.Has("--municipality")) {
    q.municipality = args.Get("--municipality");
    // Resolved through the code table so every spelling --municipality takes elsewhere works;
    // a name the table does not know is still matched as stored.
    auto table = MunicipalityTable::Load(*rules);
    if (!table) return Fail(table.status());
    auto m = table->Lookup(q.municipality);
    if (m) {
      q.municipality = m->code;
    } else if (m.status().code() == StatusCode::kInvalidArgument) {
      std::cerr << "gyosei: --municipality: " << m.status().message() << "\n";
      return kExitUsage;
    } else {
      // Not silent: zero hits would otherwise look like "nothing about it in the archive".
      std::cerr << "gyosei: warning: --municipality '" << q.municipality
                << "' is not in the municipality code table; matched only as a name stored in "
                   "the archive\n";
    }
  }
  q.prefecture = args.Get("--prefecture");
  q.document_type = args.Get("--type");
  if (!q.document_type.empty() && std::find(kDocumentTypes.begin(), kDocumentTypes.end(),
                                            q.document_type) == kDocumentTypes.end()) {
    std::cerr << "gyosei: --type '" << q.document_type << "' is not a document type (";
    for (size_t i = 0; i < kDocumentTypes.size(); ++i)
      std::cerr << (i ? ", " : "") << kDocumentTypes[i];
    std::cerr << ")\n";
    return kExitUsage;
  }
  if (args.Has("--limit")) {
    std::string v = args.Get("--limit");
    if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(v) < 1 || std::stoi(v) > kMaxLimit) {
      std::cerr << "gyosei: --limit needs a number from 1 to " << kMaxLimit << ", got '" << v
                << "'\n";
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
      PrintHit(h, q, ++rank);
  }
  if (hits->empty()) std::cerr << "gyosei: no hits\n";
  if (Status s = CheckOutput("the hits are incomplete"); !s.ok()) return Fail(s);
  return kExitOk;
}

}  // namespace

const CommandSpec kSearchCommand{"search", "--archive FILE QUERY...",
                                 "full-text search of an archive (Japanese words of any length)",
                                 kFlags, Run};

}  // namespace gyosei::cli
