// gyosei extract FILE...: one contract-v1 JSON object per file (JSON Lines for several).
#include <algorithm>
#include <iostream>

#include "archive/worker.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "emit/json.h"
#include "emit/json_decode.h"
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
     "time is up; the other files go on). Every other option works with it, standard input "
     "(-) too"},
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

// One result: its warnings on stderr, its JSON as one line (or indented) on stdout.
void PrintExtraction(const std::string& path, const Extraction& e, bool pretty) {
  for (const Warning& w : e.warnings) PrintWarning(path, w.message, w.loc.page, w.loc.line);
  std::cout << ExtractionToJson(e, pretty) << "\n";
}

// What the reader of standard output misses when writing `path`'s JSON failed.
std::string OutputLost(const ParsedArgs& args, const std::string& path) {
  std::string lost = "the JSON of " + PrintablePath(path);
  if (path != args.positional.back()) lost += " and of the files after it";
  return lost + " is lost or incomplete";
}

// --timeout: each document in a worker process of the import's pool (archive/worker.h), which
// kills it when the time is up. The request carries every option plain extract reads with
// (password, fallback fiscal year, municipality, standard input's bytes, one object per
// booklet sheet), so both print the same JSON. Returns how many files failed, or -1 when
// standard output could not be written (the rest is not extracted).
int ExtractIsolated(const ParsedArgs& args, const Normalizer& normalizer,
                    const Extractor& extractor, const ExtractOptions& options, int seconds) {
  archive::WorkerPool pool(1, normalizer, extractor, seconds, {0, MaxFileBytes(args)});
  int failed = 0;
  for (const std::string& path : args.positional) {
    archive::WorkRequest request;
    request.path = path;
    request.municipality = options.municipality;
    request.default_fiscal_year = options.fiscal_year;
    request.pdf_password = args.Get(kPasswordFlag.name);
    request.sheets = true;
    if (path == "-") {
      auto bytes = ReadInput(path);
      if (!bytes) {
        Fail(bytes.status());
        ++failed;
        continue;
      }
      request.path = "<stdin>";
      request.input = std::move(bytes).value();
    }
    std::vector<archive::WorkResult> results;
    if (Status s = pool.Dispatch(std::move(request)); !s.ok()) {
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
    // One line per sheet, each ExtractionToJson's: decoded once into the typed Extraction.
    size_t begin = 0;
    while (begin < r.json.size()) {
      size_t end = std::min(r.json.find('\n', begin), r.json.size());
      auto e = ExtractionFromJson(std::string_view(r.json).substr(begin, end - begin), path);
      begin = end + 1;
      if (!e) {
        Fail(e.status());
        ++failed;
        break;
      }
      PrintExtraction(path, *e, args.Has("--pretty"));
    }
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
    Document doc = (*normalizer)->Normalize(std::move(*raw));
    // A booklet of evaluation sheets prints one object per sheet (source.part says which).
    for (const Extraction& e : (*extractor)->ExtractSheets(doc, options)) {
      PrintExtraction(path, e, pretty);
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
