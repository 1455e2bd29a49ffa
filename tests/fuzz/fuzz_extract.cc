// The whole text pipeline on arbitrary text: ingest (as a .txt) -> normalize -> extract ->
// JSON. The JSON must parse, and every goal's parent must be a goal listed before it.
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "emit/json.h"
#include "extract/extract.h"
#include "fuzz_target.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "rules/rule_files.h"

namespace {

using namespace gyosei;

void Extract(std::string_view data) {
  static const RuleFiles rules = RuleFiles::Builtin();
  static const std::shared_ptr<const Normalizer> normalizer = Normalizer::Create(rules).value();
  static const std::shared_ptr<const Extractor> extractor = Extractor::Create(rules).value();
  auto raw = ReadTextDocument(data, "fuzz.txt");
  if (!raw) return;
  Document doc = normalizer->Normalize(*raw);
  ExtractOptions options;
  // Inputs of odd length also run with a caller's fiscal year (the anaphora paths).
  if (data.size() % 2 == 1) options.fiscal_year = 2021;
  Extraction e = extractor->Extract(doc, options);
  std::set<std::string> ids;
  for (const Goal& g : e.goals) {
    GYOSEI_FUZZ_CHECK(!g.id.empty() && ids.insert(g.id).second);
    GYOSEI_FUZZ_CHECK(g.parent_id.empty() || ids.count(g.parent_id) == 1);
  }
  std::string json = ExtractionToJson(e, false);
  GYOSEI_FUZZ_CHECK(nlohmann::json::accept(json));
}

}  // namespace

GYOSEI_FUZZ_TARGET("extract", Extract)
