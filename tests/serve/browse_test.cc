// serve/browse and serve/api on a real archive: a target's fiscal year (its due date's, else
// the document's), the optional indicators/actuals tables absent (nothing shown, no error)
// and present (shown and charted, whatever other columns they have).
#include "serve/browse.h"

#include <sqlite3.h>

#include "archive/archive.h"
#include "archive/archive_support.h"
#include "pipeline/import.h"
#include "serve/api.h"
#include "serve/pages.h"

namespace gyosei::serve {
namespace {

using testing::TempDir;
using testing::WriteFile;

constexpr const char* kPolicy =
    "# 令和3年度 総務部 部局運営方針\n\n## 部局目標1 人材育成の推進\n\n"
    "【目標数値】 ・職員研修の受講者数 令和6年度末までに300人以上\n・時間外勤務時間 120時間以下\n";

std::string ImportPolicy(const TempDir& tmp) {
  WriteFile(tmp / "docs/policy.txt", kPolicy);
  ImportOptions options;
  options.jobs = 1;
  auto summary = ImportDocuments(tmp / "a.db", {tmp / "docs"}, RuleFiles::Builtin(), options);
  REQUIRE(summary);
  REQUIRE(summary->counts.imported == 1);
  return tmp / "a.db";
}

void Exec(const std::string& db_path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

TEST_CASE("browse: a target's fiscal year is its due date's fiscal year, else the document's") {
  TempDir tmp;
  auto browser = Browser::Open(ImportPolicy(tmp));
  REQUIRE(browser);
  auto metrics = browser->Metrics("", 10);
  REQUIRE(metrics);
  REQUIRE(metrics->rows.size() == 2);
  for (size_t r = 0; r < metrics->rows.size(); ++r) {
    auto series = browser->TargetSeries(metrics->Get(r, "metric"), "");
    REQUIRE(series);
    REQUIRE(series->rows.size() == 1);
    if (metrics->Get(r, "unit") == "人") {
      CHECK(series->Get(0, "value") == "300");
      CHECK(series->Get(0, "due") == "2025-03-31");
      CHECK(series->Get(0, "fiscal_year") == "2024");  // 令和6年度末
    } else {
      CHECK(series->Get(0, "value") == "120");
      CHECK(series->Get(0, "fiscal_year") == "2021");  // no due date: the document's year
    }
  }
  auto none = browser->TargetSeries("時間外勤務時間", "999999");
  REQUIRE(none);
  CHECK(none->rows.empty());
}

TEST_CASE("browse: indicators and actuals empty -> no rows; present -> shown and charted") {
  TempDir tmp;
  std::string db = ImportPolicy(tmp);
  {
    auto browser = Browser::Open(db);
    REQUIRE(browser);
    // A policy has no indicators or actuals: the tables are there (schema version 4), empty.
    for (const char* table : {"indicators", "actuals"}) {
      auto rows = browser->OptionalTable(table, 1);
      REQUIRE(rows);
      CHECK(rows->rows.empty());
    }
    auto goals = browser->OptionalTable("goals", 1);  // not one of the optional tables
    REQUIRE(goals);
    CHECK(goals->columns.empty());
    auto actuals = browser->ActualSeries("時間外勤務時間", "");
    REQUIRE(actuals);
    CHECK(actuals->rows.empty());
    auto doc = browser->Document(999);
    REQUIRE(doc);
    CHECK(doc->rows.empty());
    CHECK(*browser->SourcePath(999) == "");
    CHECK(browser->SourcePath(1)->find("policy.txt") != std::string::npos);
  }
  // An actual as an evaluation sheet's import writes it.
  Exec(db,
       "INSERT INTO actuals (id, document_id, goal_id, ordinal, text, metric, value, unit, "
       "fiscal_year, date, indicator_key, page, line) VALUES (1, 1, 1, 1, '実績 130時間', "
       "'時間外勤務時間', 130, '時間', 2021, NULL, 'i1', NULL, 7);");
  auto browser = Browser::Open(db);
  REQUIRE(browser);
  auto series = browser->ActualSeries("時間外勤務時間", "");
  REQUIRE(series);
  REQUIRE(series->rows.size() == 1);
  CHECK(series->Get(0, "fiscal_year") == "2021");
  CHECK(series->Get(0, "value") == "130");
  DocumentView view;
  view.document = *browser->Document(1);
  view.actuals = *browser->OptionalTable("actuals", 1);
  std::string json = DocumentJson(view);
  CHECK(json.find("\"actuals\":[{\"id\":1,\"document_id\":1,") != std::string::npos);
  CHECK(json.find("\"value\":130.0,\"unit\":\"時間\",\"fiscal_year\":2021") != std::string::npos);
  CHECK(json.find("\"indicators\":[]") != std::string::npos);
}

TEST_CASE("pages: a booklet's sheet says which sheet and pages; an indicator hit shows its row") {
  // tests/ingest/fixtures/tables-booklet.pdf: two one-page sheets, each with an indicator.
  TempDir tmp;
  WriteFile(tmp / "docs/booklet.pdf",
            testing::ReadFile("tests/ingest/fixtures/tables-booklet.pdf"));
  ImportOptions options;
  options.jobs = 1;
  auto summary = ImportDocuments(tmp / "a.db", {tmp / "docs"}, RuleFiles::Builtin(), options);
  REQUIRE(summary);
  auto browser = Browser::Open(tmp / "a.db");
  REQUIRE(browser);
  DocumentView view;
  view.document = *browser->Document(2);
  REQUIRE(view.document.Get(0, "part") == "2");
  std::string page = DocumentPage(view);
  CHECK(page.find("<dt>part</dt><dd>冊子の 2/2 枚目 (p.2)</dd>") != std::string::npos);
  CHECK(page.find("/documents/2/source#page=2") != std::string::npos);
  CHECK(DocumentJson(view).find("\"part\":2,\"part_count\":2,\"first_page\":2,\"last_page\":2") !=
        std::string::npos);

  SearchQuery q;
  q.text = "公園清掃回数";
  auto hits = SearchArchive(tmp / "a.db", q);
  REQUIRE(hits);
  REQUIRE(!hits->empty());
  CHECK((*hits)[0].kind == "indicator");
  SearchForm form;
  form.q = q.text;
  std::string results = SearchPage(form, Facets{}, *hits, "");
  // (Its unit is the reader's: not what this test is about.)
  CHECK(results.find("<div class=\"indicator\">指標: 公園清掃回数") != std::string::npos);
  CHECK(results.find("<span class=\"sheet\">冊子の 2/2 枚目 (p.2)</span>") != std::string::npos);
  CHECK(results.find("<div class=\"goal\">目標: 公園維持管理事業</div>") != std::string::npos);
}

}  // namespace
}  // namespace gyosei::serve
