#include "cli/common.h"

#include <iostream>

namespace gyosei::cli {

Expected<RuleFiles> LoadRules(const ParsedArgs& args) {
  RuleFiles rules = RuleFiles::Builtin();
  for (const std::string& dir : args.GetAll(kRulesFlag.name)) {
    if (Status s = rules.AddDirectory(dir); !s.ok()) return s;
  }
  return rules;
}

Expected<Document> ReadDocument(const std::string& path, const ParsedArgs& args) {
  IngestOptions options;
  options.pdf_password = args.Get(kPasswordFlag.name);
  if (path != "-") return IngestFile(path, options);
  auto bytes = ReadInput(path);
  if (!bytes) return bytes.status();
  return IngestBytes(*bytes, "<stdin>", options);
}

int Fail(const Status& status) {
  std::cerr << "gyosei: " << status.message() << "\n";
  return kExitFailed;
}

}  // namespace gyosei::cli
