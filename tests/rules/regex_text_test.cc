// rules/regex_text: the literals every match of a pattern contains, read from its text. A text
// without them is not searched, so a literal claimed wrongly would lose a match: the last case
// checks the claim against RE2 itself for every built-in rule and every line of the corpus.
#include "rules/regex_text.h"

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "rules/rule_files.h"
#include "rules/rule_set.h"
#include "test_support.h"

using namespace gyosei;
using rules_internal::MayContainMatch;
using rules_internal::RequiredLiterals;
using rules_internal::RequiredLiteralsOf;

TEST_CASE("RequiredLiteralsOf: literal runs outside optional pieces, alternatives together",
          "[rules]") {
  struct Case {
    std::string regex;
    RequiredLiterals required;
  };
  const std::vector<Case> cases = {
      {"目標値\\s*(?:\\((?P<year>[^()]{2,16})\\))?", {{"目標値"}}},
      {"[0-9]+\\s*(?:→|⇒|->)\\s*[0-9]+", {{"→", "⇒", "->"}}},
      {"(?:現状|基準)値?:", {{"現状", "基準"}, {":"}}},
      {"(?:現状|基準)値:", {{"現状値:", "基準値:"}}},
      {"^第([0-9]+)章\\s", {{"第"}, {"章"}}},
      {"\\(単位:(?P<unit>[^()]+)\\)", {{"(単位:"}, {")"}}},
      {"(?:《|【|\\[)(?:数値目標|目標値)(?:》|】|\\])",
       // 18 spellings would pass the cap of 16: the run is cut before the closing bracket.
       {{"《数値目標", "《目標値", "【数値目標", "【目標値", "[数値目標", "[目標値"},
        {"》", "】", "]"}}},
      // Repeated pieces still require one copy; optional ones nothing.
      {"(?:実績)+値", {{"実績"}, {"値"}}},
      {"(?:実績){2,3}値", {{"実績"}, {"値"}}},
      {"(?:実績){0,3}値", {{"値"}}},
      {"指標?名", {{"指"}, {"名"}}},
      {"(?:指標)?名", {{"名"}}},
      {"a*b+?c{1,2}?", {{"b"}, {"c"}}},
      // Alternation: one list from each branch, or nothing when a branch requires nothing.
      {"達成|未達成|[A-D]", {}},
      {"(?P<a>達成)|(?P<b>評価[A-D])", {{"達成", "評価"}}},
      {"(?:|済)", {}},
      // What the reader does not read claims nothing.
      {"(?i)kpi", {}},
      {"(?i:kpi)目標", {}},
      {"\\Qa.b\\E", {}},
      {"\\p{Han}+課", {{"課"}}},
      {"{3}", {}},
      {"a{,3}", {{"a{,3}"}}},  // not a count: RE2 reads the braces as themselves
      {"(?s:.)目標", {{"目標"}}},
  };
  for (const Case& c : cases) {
    INFO(c.regex);
    CHECK(RequiredLiteralsOf(c.regex) == c.required);
  }
}

TEST_CASE("MayContainMatch: each list needs one of its strings in the text", "[rules]") {
  RequiredLiterals required = {{"→", "->"}, {"目標"}};
  CHECK(MayContainMatch(required, "現状10件(R4)→目標20件"));
  CHECK(MayContainMatch(required, "目標 10 -> 20"));
  CHECK_FALSE(MayContainMatch(required, "現状10件、目標20件"));
  CHECK_FALSE(MayContainMatch(required, ""));
  CHECK(MayContainMatch({}, ""));
}

namespace {

// Every line of the corpus's normalized texts (what the readers' patterns are run on), and of
// the dev-set texts when ../shared is there.
std::vector<std::string> CorpusLines() {
  std::vector<std::string> lines;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator("corpus"))
    if (e.path().extension() == ".normalized") files.push_back(e.path());
  std::filesystem::path shared = std::filesystem::path(GYOSEI_SHARED_DIR) / "devset" / "raw";
  if (std::filesystem::is_directory(shared))
    for (const auto& e : std::filesystem::directory_iterator(shared)) files.push_back(e.path());
  for (const auto& f : files) {
    std::istringstream in(testing::ReadFileBytes(f.string()));
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("no built-in rule's literals rule out a line RE2 finds a match in", "[rules][slow]") {
  RuleFiles rules = RuleFiles::Builtin();
  std::vector<std::string> lines = CorpusLines();
  REQUIRE(lines.size() > 1000);
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  size_t patterns = 0, ruled_out = 0;
  for (const RuleFile* file : rules.Matching("", ".rules")) {
    auto sections = ParseRuleFile(*file);
    if (!sections.ok()) continue;  // a table of another format (normalize/chars.rules)
    for (const RuleSection& section : *sections)
      for (const RuleEntry& entry : section.entries) {
        RE2 re(entry.value, options);
        if (!re.ok()) continue;  // a value that is not a pattern (a name, a number)
        ++patterns;
        RequiredLiterals required = RequiredLiteralsOf(entry.value);
        for (const std::string& line : lines) {
          if (MayContainMatch(required, line)) continue;
          ++ruled_out;
          if (RE2::PartialMatch(line, re))
            FAIL_CHECK(entry.Where()
                       << ": " << entry.value << " matches, though ruled out, in: " << line);
        }
      }
  }
  CHECK(patterns > 300);
  CHECK(ruled_out > patterns * lines.size() / 2);  // the literals do rule out most lines
}

TEST_CASE("RelaxedCounts: counted repetitions lose their upper bound, nothing else changes",
          "[rules]") {
  struct Case {
    std::string regex, relaxed;
  };
  const std::vector<Case> cases = {
      {"^([0-9]{1,2})[.．、](?P<title>[^\\s]{4,40}?)", "^([0-9]{1,})[.．、](?P<title>[^\\s]{4,}?)"},
      {"令和[0-9]{2}年度", "令和[0-9]{2,}年度"},
      {"[{1,2}]\\{3,4}a{5,}", "[{1,2}]\\{3,4}a{5,}"},  // in a class, escaped, already open
      {"a{,3}b{x}", "a{,3}b{x}"},                      // not counts: RE2 reads them as text
      {"\\Qa{1,2}\\E", "\\Qa{1,2}\\E"},
  };
  for (const Case& c : cases) {
    INFO(c.regex);
    CHECK(rules_internal::RelaxedCounts(c.regex) == c.relaxed);
  }
}

TEST_CASE("a prefilter set says yes wherever a pattern matches, and may say yes more often",
          "[rules]") {
  auto numbered = Pattern::Compile("^([0-9]{1,2})\\.(?P<title>[^\\s]{2,4})$", "r.rules:1");
  REQUIRE(numbered.ok());
  PatternSet exact(PatternSet::Anchor::kStart);
  PatternSet prefilter(PatternSet::Anchor::kStart, PatternSet::Exactness::kPrefilter);
  for (PatternSet* set : {&exact, &prefilter}) {
    REQUIRE(set->Add(*numbered).ok());
    REQUIRE(set->Compile().ok());
  }
  for (std::string text : {"1.目標", "12.施策の推進", "123.目標", "1.施策の体系と目標"}) {
    INFO(text);
    CHECK(exact.AnyMatches(text) == numbered->FullMatch(text));
    if (numbered->FullMatch(text)) CHECK(prefilter.AnyMatches(text));
  }
  CHECK_FALSE(exact.AnyMatches("1.施策の体系と目標"));
  CHECK(prefilter.AnyMatches("1.施策の体系と目標"));  // five characters: only the relaxed count
  CHECK(prefilter.Matching("1.目標").empty());
}
