#include "cli/common.h"

#include <algorithm>
#include <iostream>
#include <thread>

#include "normalize/normalize.h"

namespace gyosei::cli {

Expected<RuleFiles> LoadRules(const ParsedArgs& args) {
  RuleFiles rules = RuleFiles::Builtin();
  for (const std::string& dir : args.GetAll(kRulesFlag.name)) {
    if (Status s = rules.AddDirectory(dir); !s.ok()) return s;
  }
  return rules;
}

int PdfThreads(const ParsedArgs& args) {
  // Default: one per core, at most 8: each thread holds its own copy of the document, and 8
  // keeps that bounded on many-core machines.
  if (!args.Has(kThreadsFlag.name))
    return std::clamp<int>(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
  std::string v = args.Get(kThreadsFlag.name);
  int n = v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos
              ? 0
              : std::stoi(v);
  if (n < 1 || n > 64) {
    std::cerr << "gyosei: --threads needs a number from 1 to 64, got '" << v << "'\n";
    return 0;
  }
  return n;
}

Expected<Document> ReadDocument(const std::string& path, const ParsedArgs& args) {
  IngestOptions options;
  options.pdf_password = args.Get(kPasswordFlag.name);
  options.pdf_threads = PdfThreads(args);
  if (path != "-") return IngestFile(path, options);
  auto bytes = ReadInput(path);
  if (!bytes) return bytes.status();
  return IngestBytes(*bytes, "<stdin>", options);
}

int Fail(const Status& status) {
  std::cerr << "gyosei: " << status.message() << "\n";
  return kExitFailed;
}

Expected<Document> ReadForPrinting(const std::string& path, const ParsedArgs& args) {
  auto rules = LoadRules(args);
  if (!rules) return rules.status();
  auto normalizer = Normalizer::Create(*rules);
  if (!normalizer) return normalizer.status();
  auto raw = ReadDocument(path, args);
  if (!raw) return raw.status();
  for (const Warning& w : raw->warnings) std::cerr << "gyosei: warning: " << w.message << "\n";
  if (args.Has("--raw")) return std::move(raw).value();
  return (*normalizer)->Normalize(*raw);
}

}  // namespace gyosei::cli
