// gyosei extract FILE...: one contract-v1 JSON object per file (JSON Lines for several).
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "emit/json.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--pretty", nullptr, "indent the JSON for people (one object per file, still)"},
    {"--municipality", "NAME|CODE", "the documents' municipality (name or 全国地方公共団体コード): overrides detection"},
    {"--fiscal-year", "YEAR", "the documents' fiscal year when their text names none (e.g. 2021)"},
    kRulesFlag,
    kPasswordFlag,
};

int Run(const ParsedArgs& args) {
  if (args.positional.empty()) {
    std::cerr << HelpText(kExtractCommand);
    return kExitUsage;
  }
  auto rules = LoadRules(args);
  if (!rules) return Fail(rules.status());
  auto normalizer = Normalizer::Create(*rules);
  if (!normalizer) return Fail(normalizer.status());
  auto extractor = Extractor::Create(*rules);
  if (!extractor) return Fail(extractor.status());

  ExtractOptions options;
  if (args.Has("--municipality")) {
    auto m = (*extractor)->FindMunicipality(args.Get("--municipality"));
    if (!m) {
      std::cerr << "gyosei: --municipality: " << m.status().message() << "\n";
      return kExitUsage;
    }
    options.municipality = *m;
  }
  if (args.Has("--fiscal-year")) {
    std::string year = args.Get("--fiscal-year");
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos) {
      std::cerr << "gyosei: --fiscal-year needs a 4-digit year, got '" << year << "'\n";
      return kExitUsage;
    }
    options.fiscal_year = std::stoi(year);
  }
  bool pretty = args.Has("--pretty");
  int failed = 0;
  for (const std::string& path : args.positional) {
    auto raw = ReadDocument(path, args);
    if (!raw) {
      Fail(raw.status());
      ++failed;
      continue;
    }
    Document doc = (*normalizer)->Normalize(*raw);
    Extraction e = (*extractor)->Extract(doc, options);
    for (const Warning& w : e.warnings) {
      std::string where = path;
      if (w.loc.line > 0) where += (w.loc.page > 0 ? ":p" + std::to_string(w.loc.page) : "") + ":" + std::to_string(w.loc.line);
      if (w.message.starts_with(path)) std::cerr << "gyosei: warning: " << w.message << "\n";
      else std::cerr << "gyosei: warning: " << where << ": " << w.message << "\n";
    }
    std::cout << ExtractionToJson(e, pretty) << "\n";
  }
  std::cout.flush();
  return failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace

const CommandSpec kExtractCommand{"extract", "FILE...",
                                  "extract goals, targets, ratings, dates and metadata as contract-v1 JSON",
                                  kFlags, Run};

}  // namespace gyosei::cli
