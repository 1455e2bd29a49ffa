// ExtractionFromJson: the decoder beside the encoder. Round trips on every corpus golden (the
// JSON the pipeline really writes) and on a hand-built example with every field set; and the
// errors a damaged or renamed field gives: the document and the field, never a silent default.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "emit/json.h"
#include "emit/json_decode.h"

using namespace gyosei;

namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("every corpus golden decodes and encodes back to the same bytes") {
  int goldens = 0;
  for (const auto& entry : std::filesystem::directory_iterator(GYOSEI_SOURCE_DIR "/corpus")) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".json")) continue;
    INFO(name);
    std::string golden = ReadFile(entry.path());
    if (golden.ends_with("\n")) golden.pop_back();
    auto decoded = ExtractionFromJson(golden, name);
    REQUIRE(decoded.ok());
    CHECK(ExtractionToJson(*decoded, true) == golden);
    ++goldens;
  }
  CHECK(goldens >= 12);
}

TEST_CASE("every field of the contract's additions survives the round trip") {
  Extraction e;
  e.path = "sheets.pdf";
  e.sha256 = "ab12";
  e.format = "pdf";
  e.pages = 6;
  e.part = BookletPart{2, 3, 3, 4};
  e.municipality = Municipality{"菊川市", "静岡県", "222241", "caller"};
  e.author = Author{"部長", "大石 芳正"};
  e.period = Period{"2008-04-01", "2013-03-31"};
  e.document_type = "evaluation_sheet";
  Goal g;
  g.id = "g1";
  g.title = "行政手続オンライン化推進事業";
  g.sdgs = {9};
  g.policy_refs = {"3-2"};
  Target t;
  t.text = "R7目標 100手続";
  t.value = 100;
  t.unit = "手続";
  t.fiscal_year = 2025;
  t.indicator = "i1";
  t.baseline = TargetBaseline{56.5, "手続", "", 2023};
  t.loc = {3, 12, 0};
  g.targets.push_back(t);
  g.actuals.push_back(
      Actual{"R5実績 56", "オンライン化手続数", 56, "手続", 2023, "", "i1", {3, 12, 0}});
  g.indicators.push_back(Indicator{
      "i1", "オンライン化手続数", "outcome", "手続", "up", Achievement{56, 2023}, {3, 11, 0}});
  g.rating = Rating{"A", "grade_a_d", 1, 4};
  g.loc = {3, 2, 0};
  e.goals.push_back(g);
  e.dates.push_back(
      DateMention{"令和7年度", "2025", 2025, "fiscal_year", "2025-04-01", "2026-03-31", {3, 1, 0}});
  e.warnings.push_back(Warning{"poppler", "Syntax Error", {}});
  e.rules_version = "7";

  std::string json = ExtractionToJson(e, false);
  auto back = ExtractionFromJson(json, "sheets.pdf");
  REQUIRE(back.ok());
  CHECK(ExtractionToJson(*back, false) == json);
  REQUIRE(back->part.has_value());
  CHECK(back->part->first_page == 3);
  CHECK(back->goals[0].actuals[0].value == 56);
  CHECK(back->goals[0].indicators[0].achievement->fiscal_year == 2023);
}

TEST_CASE("a missing or mistyped field is an error naming the document and the field") {
  Extraction e;
  e.path = "a.txt";
  e.sha256 = "ab12";
  e.format = "text";
  Goal g;
  g.id = "g1";
  g.title = "定員管理計画の推進";
  Target t;
  t.text = "318人";
  t.value = 318;
  g.targets.push_back(t);
  e.goals.push_back(g);
  const std::string good = ExtractionToJson(e, false);
  REQUIRE(ExtractionFromJson(good, "a.txt").ok());

  struct Case {
    std::string from, to, message;
  };
  for (const Case& c : {
           Case{R"("value":318)", R"("value":"318")",
                "a.txt: extraction result field goals[0].targets[0].value is not a number or null"},
           Case{R"("document_type":)", R"("doc_type":)",
                "a.txt: extraction result field document_type is missing"},
           Case{R"("line":0)", R"("line":null)", ""},  // text input: the goal's loc line is 0
           Case{R"("schema_version":"1")", R"("schema_version":"2")",
                "a.txt: extraction result field schema_version is not \"1\""},
       }) {
    std::string bad = good;
    size_t at = bad.find(c.from);
    if (at == std::string::npos) continue;  // the line-0 case applies only where it occurs
    bad.replace(at, c.from.size(), c.to);
    auto decoded = ExtractionFromJson(bad, "a.txt");
    INFO(bad);
    REQUIRE_FALSE(decoded.ok());
    if (!c.message.empty()) CHECK(decoded.status().message() == c.message);
  }
  auto junk = ExtractionFromJson("{\"schema_version\":", "a.txt");
  REQUIRE_FALSE(junk.ok());
  CHECK(junk.status().message() == "a.txt: the extraction result is not valid JSON");
}
