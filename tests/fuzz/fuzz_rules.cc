// Rule files from the bytes: the user's --rules DIR can hold anything, and a bad file must be
// an error naming file:line, never a crash. The first byte, when it is 0x01..0x05, says which
// file the rest replaces (so the seeds are real rule files of each kind, see tools/fuzz):
//   none -> "fuzz.rules", added to the built-in files; 0x01 labels.rules; 0x02 numbering.rules;
//   0x03 normalize/chars.rules; 0x04 normalize/dashes.rules; 0x05 normalize/reflow.rules.
// The file goes through ParseRuleFile, the extractor's rule compiler (and when that accepts it,
// a whole Extractor extracts a short document with it) and the normalizer's table builder.
#include <memory>

#include "extract/extract.h"
#include "extract/rules_model.h"
#include "fuzz_target.h"
#include "normalize/normalize.h"
#include "rules/rule_files.h"
#include "rules/rule_set.h"

namespace {

using namespace gyosei;

// A short document in the shape the built-in rules read, for rules that compile.
Document SampleDocument() {
  static const char* const kLines[] = {
      "令和3年度 総務部の運営方針",
      "部長名 大石 芳正",
      "重点取組項目",
      "1 定員管理計画の推進 (総務課)",
      "現状・課題",
      "職員数は令和2年4月1日現在で1,027名となっています。",
      "達成目標",
      "① 令和4年4月1日現在の職員数を318人とします。(令和3年度:320人)",
      "② 研修受講率を90%以上に向上させます。",
      "評価 A",
  };
  Document doc;
  doc.path = "fuzz.txt";
  Page& page = doc.pages.emplace_back();
  int n = 0;
  for (const char* text : kLines) {
    Block& b = page.blocks.emplace_back();
    Line& line = b.lines.emplace_back();
    line.text = text;
    line.loc = {0, ++n, 0};
  }
  return doc;
}

void Rules(std::string_view data) {
  static const char* const kNames[] = {"fuzz.rules",
                                       "labels.rules",
                                       "numbering.rules",
                                       "normalize/chars.rules",
                                       "normalize/dashes.rules",
                                       "normalize/reflow.rules"};
  static const Document sample = SampleDocument();
  size_t which = 0;
  if (!data.empty() && data[0] >= 1 && data[0] <= 5) {
    which = static_cast<size_t>(data[0]);
    data.remove_prefix(1);
  }
  RuleFile file{kNames[which], std::string("fuzz/") + kNames[which], std::string(data)};

  auto sections = ParseRuleFile(file);
  if (sections) {
    for (const RuleSection& s : *sections) {
      GYOSEI_FUZZ_CHECK(s.line >= 1);
      for (const RuleEntry& e : s.entries) GYOSEI_FUZZ_CHECK(e.line >= s.line);
    }
  } else {
    GYOSEI_FUZZ_CHECK(sections.status().message().starts_with(file.origin + ":"));
  }

  RuleFiles files = RuleFiles::Builtin();
  files.Add(file);
  if (which <= 2) {
    auto compiled = extract::CompileRules(files);
    if (!compiled) {
      GYOSEI_FUZZ_CHECK(!compiled.status().message().empty());
      return;
    }
    // Rules that compile must also run: a pattern may match the empty string, a label may
    // match everything.
    auto extractor = Extractor::Create(files);
    GYOSEI_FUZZ_CHECK(extractor.ok());
    auto normalizer = Normalizer::Create(files);
    GYOSEI_FUZZ_CHECK(normalizer.ok());
    (void)(*extractor)->Extract((*normalizer)->Normalize(sample), {});
  } else {
    auto normalizer = Normalizer::Create(files);
    if (!normalizer) {
      GYOSEI_FUZZ_CHECK(normalizer.status().message().find("fuzz/") != std::string::npos);
      return;
    }
    (void)(*normalizer)->Normalize(sample);
    (void)(*normalizer)->NormalizeLine(data.substr(0, 256));
  }
}

}  // namespace

GYOSEI_FUZZ_TARGET("rules", Rules)
