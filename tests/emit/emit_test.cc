// ExtractionToJson against exact expected text: key order, null mapping and number format are
// part of the contract, so the checks compare whole strings, not parsed values.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "emit/json.h"

using namespace gyosei;

namespace {

// The contract's example document (docs/output-v1.md), cut down to one of everything.
Extraction KikugawaExample() {
  Extraction e;
  e.path = "corpus/kikugawa/2021_somu_policy.pdf";
  e.sha256 = "ab12";
  e.format = "pdf";
  e.pages = 3;
  e.municipality = Municipality{"菊川市", "静岡県", "222241", "text"};
  e.department = "総務部";
  e.author = Author{"部長", "大石 芳正"};
  e.document_type = "department_policy";
  e.document_label = "運営方針";
  e.title = "令和3年度 総務部の運営方針";
  e.fiscal_year = 2021;

  Goal g;
  g.id = "g1";
  g.number = "1";
  g.title = "定員管理計画の推進";
  g.description = "職員数は318人となっています。";
  g.owner = "総務課";
  g.policy_refs = {"7-1-1"};
  g.sdgs = {8, 11};
  g.loc = {2, 17, 0};

  Target t;
  t.text = "令和4年4月1日現在の職員数を318人とします。";
  t.metric = "職員数";
  t.value = 318.0;
  t.unit = "人";
  t.comparison = "eq";
  t.due = "2022-04-01";
  t.baseline = TargetBaseline{4296, "人", "2021-02-28", 0};
  t.loc = {2, 20, 5};
  g.targets.push_back(t);

  Target pct;
  pct.text = "満足度53%以上(令和5年度49.4%)";
  pct.value = 53;
  pct.unit = "%";
  pct.comparison = "ge";
  pct.maintain = true;
  pct.baseline = TargetBaseline{49.4, "%", "", 2023};
  pct.fiscal_year = 2025;
  pct.indicator = "i1";
  pct.loc = {2, 21, 0};
  g.targets.push_back(pct);

  // The contract's additions: an indicator row with its measured value.
  g.actuals.push_back(Actual{"満足度 実績 49.4%", "満足度", 49.4, "%", 2023, "", "i1", {2, 22, 0}});
  g.indicators.push_back(
      Indicator{"i1", "満足度", "outcome", "%", "up", Achievement{93.2, 2023}, {2, 22, 0}});

  g.rating = Rating{"ほぼ目標どおり達成", "achievement_5", 2, 5};
  e.goals.push_back(g);

  e.dates.push_back(DateMention{"令和4年4月1日", "2022-04-01", 0, "date", "", "", {2, 20, 3}});
  e.dates.push_back(
      DateMention{"令和3年度", "2021", 2021, "fiscal_year", "2021-04-01", "2022-03-31", {1, 1, 0}});
  e.warnings.push_back(Warning{"era_mismatch", "2024(令和5)年度: 令和5 is 2023", {1, 4, 0}});
  e.warnings.push_back(Warning{"poppler", "Syntax Error: bad xref", {}});
  e.rules_version = "2026.11.1+3f2a9c1d";
  return e;
}

}  // namespace

TEST_CASE("contract example, pretty: every key in the contract's order") {
  const std::string expected = R"json({
  "schema_version": "1",
  "source": {
    "path": "corpus/kikugawa/2021_somu_policy.pdf",
    "sha256": "ab12",
    "format": "pdf",
    "encoding": null,
    "pages": 3
  },
  "municipality": {
    "name": "菊川市",
    "prefecture": "静岡県",
    "code": "222241",
    "evidence": "text"
  },
  "department": "総務部",
  "author": {
    "title": "部長",
    "name": "大石 芳正"
  },
  "document_type": "department_policy",
  "document_label": "運営方針",
  "title": "令和3年度 総務部の運営方針",
  "fiscal_year": 2021,
  "period": null,
  "goals": [
    {
      "id": "g1",
      "parent_id": null,
      "number": "1",
      "title": "定員管理計画の推進",
      "description": "職員数は318人となっています。",
      "owner": "総務課",
      "policy_refs": [
        "7-1-1"
      ],
      "sdgs": [
        8,
        11
      ],
      "targets": [
        {
          "text": "令和4年4月1日現在の職員数を318人とします。",
          "metric": "職員数",
          "value": 318,
          "unit": "人",
          "comparison": "eq",
          "maintain": false,
          "due": "2022-04-01",
          "baseline": {
            "value": 4296,
            "unit": "人",
            "date": "2021-02-28",
            "fiscal_year": null
          },
          "fiscal_year": null,
          "indicator": null,
          "loc": {
            "page": 2,
            "line": 20
          }
        },
        {
          "text": "満足度53%以上(令和5年度49.4%)",
          "metric": null,
          "value": 53,
          "unit": "%",
          "comparison": "ge",
          "maintain": true,
          "due": null,
          "baseline": {
            "value": 49.4,
            "unit": "%",
            "date": null,
            "fiscal_year": 2023
          },
          "fiscal_year": 2025,
          "indicator": "i1",
          "loc": {
            "page": 2,
            "line": 21
          }
        }
      ],
      "actuals": [
        {
          "text": "満足度 実績 49.4%",
          "metric": "満足度",
          "value": 49.4,
          "unit": "%",
          "fiscal_year": 2023,
          "date": null,
          "indicator": "i1",
          "loc": {
            "page": 2,
            "line": 22
          }
        }
      ],
      "indicators": [
        {
          "id": "i1",
          "name": "満足度",
          "kind": "outcome",
          "unit": "%",
          "direction": "up",
          "achievement": {
            "value": 93.2,
            "fiscal_year": 2023
          },
          "loc": {
            "page": 2,
            "line": 22
          }
        }
      ],
      "rating": {
        "label": "ほぼ目標どおり達成",
        "scale": "achievement_5",
        "level": 2,
        "levels": 5
      },
      "loc": {
        "page": 2,
        "line": 17
      }
    }
  ],
  "dates": [
    {
      "text": "令和4年4月1日",
      "date": "2022-04-01",
      "fiscal_year": null,
      "kind": "date",
      "loc": {
        "page": 2,
        "line": 20
      }
    },
    {
      "text": "令和3年度",
      "date": "2021",
      "fiscal_year": 2021,
      "kind": "fiscal_year",
      "start": "2021-04-01",
      "end": "2022-03-31",
      "loc": {
        "page": 1,
        "line": 1
      }
    }
  ],
  "warnings": [
    {
      "code": "era_mismatch",
      "message": "2024(令和5)年度: 令和5 is 2023",
      "loc": {
        "page": 1,
        "line": 4
      }
    },
    {
      "code": "poppler",
      "message": "Syntax Error: bad xref",
      "loc": null
    }
  ],
  "rules_version": "2026.11.1+3f2a9c1d"
})json";
  CHECK(ExtractionToJson(KikugawaExample(), true) == expected);
}

TEST_CASE("compact form is one line with the same content") {
  const std::string json = ExtractionToJson(KikugawaExample(), false);
  CHECK(json.find('\n') == std::string::npos);
  CHECK(json.rfind(R"({"schema_version":"1","source":{"path":"corpus/kikugawa/)", 0) == 0);
  CHECK(json.find(R"("value":318,"unit":"人")") != std::string::npos);
  CHECK(json.find(R"("loc":null})") != std::string::npos);
}

TEST_CASE("a default Extraction: every nullable field is null, every list empty") {
  Extraction e;
  e.path = "x.txt";
  e.format = "text";
  CHECK(ExtractionToJson(e, false) ==
        R"({"schema_version":"1","source":{"path":"x.txt","sha256":"","format":"text",)"
        R"("encoding":null,"pages":null},"municipality":null,"department":null,"author":null,)"
        R"("document_type":"other","document_label":null,"title":null,"fiscal_year":null,)"
        R"("period":null,"goals":[],"dates":[],"warnings":[],"rules_version":null})");
}

TEST_CASE("text input: encoding kept, pages and every loc.page null") {
  Extraction e;
  e.path = "corpus/001.txt";
  e.sha256 = "ff";
  e.format = "text";
  e.encoding = "Shift_JIS";
  e.pages = 0;
  e.period = Period{"2008-04-01", "2013-03-31"};
  e.municipality = Municipality{"伊賀市", "三重県", "242161", "caller"};
  Goal g;
  g.id = "g2";
  g.parent_id = "g1";
  g.title = "";
  g.loc = {0, 9, 0};
  Target t;
  t.text = "小冊子とホームページを作成します。";
  t.loc = {0, 12, 0};
  g.targets.push_back(t);
  e.goals.push_back(g);
  e.warnings.push_back(Warning{"w", "m", {0, 3, 0}});
  const std::string json = ExtractionToJson(e, false);
  CHECK(json.find(R"("encoding":"Shift_JIS","pages":null)") != std::string::npos);
  CHECK(json.find(R"("period":{"start":"2008-04-01","end":"2013-03-31"})") != std::string::npos);
  CHECK(json.find(R"("evidence":"caller")") != std::string::npos);
  CHECK(json.find(R"("id":"g2","parent_id":"g1","number":null,"title":"","description":null,)"
                  R"("owner":null,"policy_refs":[],"sdgs":[],"targets":[)") != std::string::npos);
  CHECK(json.find(R"({"text":"小冊子とホームページを作成します。","metric":null,"value":null,)"
                  R"("unit":null,"comparison":null,"maintain":false,"due":null,"baseline":null,)"
                  R"("fiscal_year":null,"indicator":null,"loc":{"page":null,"line":12}})") !=
        std::string::npos);
  CHECK(json.find(R"("rating":null,"loc":{"page":null,"line":9}})") != std::string::npos);
  CHECK(json.find(R"({"code":"w","message":"m","loc":{"page":null,"line":3}})") !=
        std::string::npos);
}

TEST_CASE("numbers: integral doubles as integers, fractions as written") {
  struct Case {
    double value;
    const char* json;
  };
  for (const Case& c : {Case{318, "318"}, Case{49.4, "49.4"}, Case{0, "0"}, Case{-2, "-2"},
                        Case{6500, "6500"}, Case{0.5, "0.5"}, Case{1e15, "1000000000000000"}}) {
    Extraction e;
    Goal g;
    Target t;
    t.value = c.value;
    g.targets.push_back(t);
    e.goals.push_back(g);
    INFO(c.json);
    CHECK(ExtractionToJson(e, false).find(std::string(R"("value":)") + c.json + ",") !=
          std::string::npos);
  }
}

TEST_CASE("a PDF's encoding is null even if set; invalid UTF-8 does not throw") {
  Extraction e;
  e.format = "pdf";
  e.encoding = "UTF-8";
  e.title = "bad \xff byte";
  std::string json;
  REQUIRE_NOTHROW(json = ExtractionToJson(e, false));
  CHECK(json.find(R"("encoding":null)") != std::string::npos);
  CHECK(json.find("bad \xEF\xBF\xBD byte") != std::string::npos);
}

// ExtractionToJson writes the text itself instead of building nlohmann's tree: what it writes
// must be exactly what nlohmann prints for the same values, which is what nlohmann prints again
// after reading it (keys keep their order in ordered_json).
TEST_CASE("the written JSON is nlohmann's own form: escapes, numbers, empty lists, indents") {
  Extraction e = KikugawaExample();
  e.title = std::string("quote \" backslash \\ tab \t newline \n bell \x07 del \x7f ") +
            "\xE2\x80\xA8 line separator, \x1f unit separator";
  e.department =
      "bad \xC0\xAF overlong, \xED\xA0\x80 surrogate, \xF4\x90\x80\x80 past U+10FFFF, "
      "\xE3\x81 cut";
  Goal g;
  g.id = "g9";
  for (double v : {0.0001, 1e-7, 123.456, -0.5, 1e21, 2.5e-300}) {
    Target t;
    t.text = "目標";
    t.value = v;
    g.targets.push_back(t);
  }
  Actual a;
  a.text = "実績";
  a.value = std::nan("");
  g.actuals.push_back(a);
  e.goals.push_back(g);
  e.goals.push_back(Goal{});  // every list of it empty
  for (bool pretty : {false, true}) {
    INFO("pretty: " << pretty);
    std::string json = ExtractionToJson(e, pretty);
    CHECK(nlohmann::ordered_json::parse(json).dump(pretty ? 2 : -1, ' ', false) == json);
  }
  std::string json = ExtractionToJson(e, false);
  CHECK(json.find(R"(\u0007 del )"
                  "\x7f") != std::string::npos);
  CHECK(json.find("bad \xEF\xBF\xBD") != std::string::npos);
  CHECK(json.find(R"("value":0.0001,)") != std::string::npos);
  CHECK(json.find(R"("value":null,"unit")") != std::string::npos);  // NaN
}
