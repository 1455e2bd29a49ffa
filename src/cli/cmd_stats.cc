// gyosei stats --archive A: what the archive holds, for a person at a terminal.
#include <iostream>

#include "archive/archive.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "core/utf8.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--archive", "FILE", "the archive made by gyosei import (required)"},
};

// Pads by display width so Japanese names line up.
std::string Pad(const std::string& s, int width) {
  int w = DisplayWidth(s);
  return s + std::string(w < width ? width - w : 1, ' ');
}

int Run(const ParsedArgs& args) {
  if (!args.Has("--archive") || !args.positional.empty()) {
    std::cerr << HelpText(kStatsCommand);
    return kExitUsage;
  }
  auto stats = ComputeStats(args.Get("--archive"));
  if (!stats) return Fail(stats.status());
  const ArchiveStats& s = *stats;
  std::cout << "documents " << s.documents << " (" << s.pages << " PDF pages), goals " << s.goals
            << ", targets " << s.targets << ", ratings " << s.ratings << ", dates " << s.dates
            << ", failures " << s.failures << ", import runs " << s.runs << "\n";
  for (const std::string& v : s.rules_versions) std::cout << "rules version " << v << "\n";

  std::cout << "\nper municipality and fiscal year:\n  " << Pad("code", 8)
            << Pad("municipality", 24) << Pad("FY", 6) << Pad("docs", 6) << Pad("goals", 7)
            << "targets\n";
  for (const ArchiveStats::Group& g : s.groups) {
    std::string name =
        g.municipality_name.empty() ? "(unknown)" : g.prefecture + g.municipality_name;
    if (g.prefecture == g.municipality_name) name = g.municipality_name;
    std::cout << "  " << Pad(g.municipality_code.empty() ? "-" : g.municipality_code, 8)
              << Pad(name, 24) << Pad(g.fiscal_year ? std::to_string(g.fiscal_year) : "-", 6)
              << Pad(std::to_string(g.documents), 6) << Pad(std::to_string(g.goals), 7) << g.targets
              << "\n";
  }
  if (!s.ratings_by_level.empty()) {
    std::cout << "\nratings:\n";
    for (const ArchiveStats::RatingCount& r : s.ratings_by_level) {
      std::cout << "  " << Pad(r.scale, 16)
                << Pad(std::to_string(r.level) + "/" + std::to_string(r.levels), 6)
                << Pad(r.label, 28) << r.count << "\n";
    }
  }
  if (!s.failures_by_code.empty()) {
    std::cout << "\nfailures (SELECT * FROM failures for the files and messages):\n";
    for (const ArchiveStats::FailureCount& f : s.failures_by_code) {
      std::cout << "  " << Pad(f.code, 16) << f.count << "\n";
    }
  }
  if (Status s = CheckOutput("the statistics are incomplete"); !s.ok()) return Fail(s);
  return kExitOk;
}

}  // namespace

const CommandSpec kStatsCommand{"stats", "--archive FILE",
                                "what an archive holds: documents per municipality and year, "
                                "targets, ratings, failures",
                                kFlags, Run};

}  // namespace gyosei::cli
