// Pattern: errors reported at load with file:line although a pattern's RE2 is built on its first
// use, and group numbers known at load equal to RE2's.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "rules/rule_set.h"

using namespace gyosei;

TEST_CASE("a pattern's syntax error is reported at load, with where it was written", "[rules]") {
  struct Case {
    std::string regex, message;
  };
  const std::vector<Case> cases = {
      {"目標(数値", "r.rules:3: bad pattern `目標(数値`: missing ): 目標(数値"},
      {"[施策", "r.rules:3: bad pattern `[施策`: missing ]: [施策"},
      {"達成率{2,1}", "r.rules:3: bad pattern `達成率{2,1}`: invalid repetition size: {2,1}"},
      {"(?:年度{1000}){3}",
       "r.rules:3: bad pattern `(?:年度{1000}){3}`: invalid repetition size: {3}"},
  };
  for (const Case& c : cases) {
    auto p = Pattern::Compile(c.regex, "r.rules:3");
    INFO(c.regex);
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().message() == c.message);
  }
}

TEST_CASE("a pattern too large for RE2 is reported at load, not at its first use", "[rules]") {
  // Four thousand Unicode letters in a row: over RE2's memory budget, which only compiling
  // finds; its size bound sends it to be compiled at load.
  std::string huge;
  for (int i = 0; i < 4; ++i) huge += "\\pL{1000}";
  auto p = Pattern::Compile(huge, "r.rules:7");
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().message().rfind("r.rules:7: bad pattern `" + huge + "`: ", 0) == 0);
  // One thousand of them compile, lazily or not, and match.
  auto fits = Pattern::Compile("^\\pL{1,1000}$", "r.rules:8");
  REQUIRE(fits.ok());
  CHECK(fits->FullMatch("施策の体系"));
}

TEST_CASE("group numbers known at load are RE2's", "[rules]") {
  struct Case {
    std::string regex;
    int count;
    std::vector<std::pair<std::string, int>> named;
    std::string text, first_group;
  };
  const std::vector<Case> cases = {
      {"(?P<year>令和[0-9]+)年度", 1, {{"year", 1}}, "令和5年度", "令和5"},
      {"(?:担当|所管)課:(?P<department>\\S+)", 1, {{"department", 1}}, "担当課:企画課", "企画課"},
      {"[(（](単位:)?(?P<unit>[^()（）]{1,8})[)）]", 2, {{"unit", 2}}, "(単位:件)", "単位:"},
      {"\\(([0-9]+)\\)\\s*(?P<title>\\S+)", 2, {{"title", 2}}, "(1) 子育て支援", "1"},
      {"[(]第(?P<n>[0-9])章[)](\\p{Han}+)", 2, {{"n", 1}}, "(第2章)総則", "2"},
      {"(?i:abc)(?P<a>x)|(?P<b>y)", 2, {{"a", 1}, {"b", 2}}, "ABCx", "x"},
  };
  for (const Case& c : cases) {
    INFO(c.regex);
    auto p = Pattern::Compile(c.regex, "r.rules:1");
    REQUIRE(p.ok());
    CHECK(p->GroupCount() == c.count);
    for (const auto& [name, index] : c.named) CHECK(p->GroupIndex(name) == index);
    CHECK(p->GroupIndex("missing") == -1);
    Match m;
    REQUIRE(p->Find(c.text, 0, m));
    CHECK(m.Group(c.text, 1) == c.first_group);
    CHECK(m.groups.size() == static_cast<size_t>(c.count) + 1);
  }
}

TEST_CASE("a pattern first used by several threads at once is built once", "[rules]") {
  auto p = Pattern::Compile("(?P<year>令和[0-9]{1,2})年度", "r.rules:1");
  REQUIRE(p.ok());
  const Pattern shared = *p;  // copies share the built RE2
  std::vector<int> found(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Match m;
      std::string text = "計画期間は令和" + std::to_string(t + 1) + "年度まで";
      if (shared.Find(text, 0, m)) found[t] = static_cast<int>(m.Group(text, 1).size());
    });
  for (std::thread& t : threads) t.join();
  CHECK(found == std::vector<int>{7, 7, 7, 7});
}

TEST_CASE("BuildAllPatterns builds the live patterns and skips those already gone", "[rules]") {
  auto kept = Pattern::Compile("(?P<year>令和[0-9]{1,2})年度", "r.rules:1");
  REQUIRE(kept.ok());
  {
    // Patterns destroyed before the call: their entries have expired.
    for (int i = 0; i < 2000; ++i) REQUIRE(Pattern::Compile("第[0-9]+章", "r.rules:2").ok());
  }
  int found = 0;  // counted in the thread, checked here: Catch2's checks are not thread-safe
  std::thread finder([&] {
    Match m;
    for (int i = 0; i < 100; ++i) found += kept->Find("計画期間は令和5年度まで", 0, m);
  });
  BuildAllPatterns();
  finder.join();
  CHECK(found == 100);
  Match m;
  REQUIRE(kept->Find("令和12年度", 0, m));
  CHECK(m.Group("令和12年度", 1) == "令和12");
}
