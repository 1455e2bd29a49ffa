// gyosei extract FILE...: one contract-v1 JSON object per file (JSON Lines for several).
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "archive/worker.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "emit/json.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--pretty", nullptr, "indent the JSON for people (one object per file, still)"},
    {"--municipality", "NAME|CODE",
     "the documents' municipality (name or 全国地方公共団体コード): overrides detection"},
    {"--fiscal-year", "YEAR", "the documents' fiscal year when their text names none (e.g. 2021)"},
    kRulesFlag,
    kPasswordFlag,
    kThreadsFlag,
    kMaxFileSizeFlag,
    {"--timeout", "SECONDS",
     "give up on a document after SECONDS (it is read in a separate process, killed when the "
     "time is up; the other files go on). Not with --pdf-password or --fiscal-year"},
};

// "gyosei: warning: FILE[:pPAGE]:LINE: MESSAGE", or the message alone when it names the file.
void PrintWarning(const std::string& path, const std::string& message, int page, int line) {
  std::string where = path;
  if (line > 0) where += (page > 0 ? ":p" + std::to_string(page) : "") + ":" + std::to_string(line);
  if (message.starts_with(path))
    std::cerr << "gyosei: warning: " << message << "\n";
  else
    std::cerr << "gyosei: warning: " << where << ": " << message << "\n";
}

// What the reader of standard output misses when writing `path`'s JSON failed.
std::string OutputLost(const ParsedArgs& args, const std::string& path) {
  std::string lost = "the JSON of " + PrintablePath(path);
  if (path != args.positional.back()) lost += " and of the files after it";
  return lost + " is lost or incomplete";
}

// --timeout: each document in a worker process of the import's pool (archive/worker.h), which
// kills it when the time is up. The worker reads with the document's defaults (no password,
// no fallback fiscal year), hence the flags refused above. Returns how many files failed, or
// -1 when standard output could not be written (the rest is not extracted).
int ExtractIsolated(const ParsedArgs& args, const Normalizer& normalizer,
                    const Extractor& extractor, const ExtractOptions& options, int seconds) {
  archive::WorkerPool pool(1, normalizer, extractor, seconds, {0, MaxFileBytes(args)});
  int failed = 0;
  for (const std::string& path : args.positional) {
    std::vector<archive::WorkResult> results;
    if (Status s = pool.Dispatch({path, options.municipality, 0, ""}); !s.ok()) {
      Fail(Status(s.code(), path + ": " + s.message()));
      ++failed;
      continue;
    }
    while (results.empty()) results = pool.Collect(1000);
    const archive::WorkResult& r = results.front();
    if (!r.status.ok()) {
      Fail(r.status);
      ++failed;
      continue;
    }
    // The worker's JSON is ExtractionToJson's; read defensively all the same (null page).
    auto number = [](const nlohmann::ordered_json& o, const char* key) {
      auto it = o.find(key);
      return it != o.end() && it->is_number_integer() ? it->get<int>() : 0;
    };
    auto json = nlohmann::ordered_json::parse(r.json);
    for (const auto& w : json.value("warnings", nlohmann::ordered_json::array())) {
      auto loc = w.find("loc");
      bool located = loc != w.end() && loc->is_object();
      PrintWarning(path, w.value("message", ""), located ? number(*loc, "page") : 0,
                   located ? number(*loc, "line") : 0);
    }
    std::cout << (args.Has("--pretty") ? json.dump(2) : r.json) << "\n";
    if (Status s = CheckOutput(OutputLost(args, path)); !s.ok()) {
      Fail(s);
      return -1;
    }
  }
  return failed;
}

int Run(const ParsedArgs& args) {
  if (args.positional.empty()) {
    std::cerr << HelpText(kExtractCommand);
    return kExitUsage;
  }
  if (PdfThreads(args) == 0 || MaxFileBytes(args) < 0) return kExitUsage;
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
  if (args.Has("--timeout")) {
    std::string v = args.Get("--timeout");
    if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(v) == 0) {
      std::cerr << "gyosei: --timeout needs a number of seconds (1 or more), got '" << v << "'\n";
      return kExitUsage;
    }
    if (args.Has(kPasswordFlag.name) || args.Has("--fiscal-year") ||
        std::find(args.positional.begin(), args.positional.end(), "-") != args.positional.end()) {
      std::cerr << "gyosei: --timeout cannot be combined with --pdf-password, --fiscal-year or "
                   "standard input (-)\n";
      return kExitUsage;
    }
    int failed = ExtractIsolated(args, **normalizer, **extractor, options, std::stoi(v));
    return failed == 0 ? kExitOk : kExitFailed;
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
    // A booklet of evaluation sheets prints one object per sheet (source.part says which).
    for (const Extraction& e : (*extractor)->ExtractSheets(doc, options)) {
      for (const Warning& w : e.warnings) PrintWarning(path, w.message, w.loc.page, w.loc.line);
      std::cout << ExtractionToJson(e, pretty) << "\n";
    }
    if (Status s = CheckOutput(OutputLost(args, path)); !s.ok()) return Fail(s);
  }
  return failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace

const CommandSpec kExtractCommand{
    "extract", "FILE...", "extract goals, targets, ratings, dates and metadata as contract-v1 JSON",
    kFlags, Run};

}  // namespace gyosei::cli
