// Issue 15 in the archive: a booklet of evaluation sheets is one document per sheet (keyed by
// source path and part, with its pages), and indicators are searchable rows.
#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <tuple>

#include "archive/archive.h"
#include "archive_support.h"
#include "ingest/ingest.h"

namespace gyosei {
namespace {

using testing::Import;
using testing::ReadFile;
using testing::SqlFile;
using testing::TempDir;
using testing::WriteFile;
namespace fs = testing::fs;

// (part, part_count, first_page, last_page, pages) of each document of `path`, by part.
using PartRow = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>;
std::vector<PartRow> Parts(const std::string& db, const std::string& path) {
  SqlFile sql(db);
  std::vector<PartRow> out;
  int64_t n = sql.Int("SELECT COUNT(*) FROM documents WHERE source_path = '" + path + "'");
  for (int64_t k = 0; k < n; ++k) {
    std::string row = "FROM documents WHERE source_path = '" + path + "' ORDER BY part LIMIT 1 " +
                      "OFFSET " + std::to_string(k);
    out.emplace_back(sql.Int("SELECT part " + row), sql.Int("SELECT part_count " + row),
                     sql.Int("SELECT first_page " + row), sql.Int("SELECT last_page " + row),
                     sql.Int("SELECT pages " + row));
  }
  return out;
}

// Rows left behind by a document that is gone: none may be.
int64_t Orphans(const std::string& db) {
  SqlFile sql(db);
  int64_t n = 0;
  for (const char* table : {"goals", "targets", "indicators", "actuals", "passages", "dates"}) {
    n += sql.Int(std::string("SELECT COUNT(*) FROM ") + table +
                 " WHERE document_id NOT IN (SELECT id FROM documents)");
  }
  return n;
}

std::vector<SearchHit> Search(const std::string& db, const std::string& text) {
  SearchQuery q;
  q.text = text;
  q.limit = 0;
  auto hits = SearchArchive(db, q);
  INFO((hits ? "" : hits.status().message()));
  REQUIRE(hits);
  return *hits;
}

TEST_CASE("booklet: a two-sheet booklet is two documents with their part and pages") {
  // tests/ingest/fixtures/tables-booklet.pdf (tools/make-table-fixtures booklet): two sheets,
  // one page each, each opening with 事務事業名 / 所管課.
  TempDir tmp;
  std::string pdf = tmp / "docs/booklet.pdf", db = tmp / "a.db";
  WriteFile(pdf, ReadFile("tests/ingest/fixtures/tables-booklet.pdf"));
  ImportSummary first = Import(db, {pdf});
  CHECK(first.counts.imported == 1);  // one file
  CHECK(first.counts.pages == 2);
  CHECK(Parts(db, pdf) == std::vector<PartRow>{{1, 2, 1, 1, 1}, {2, 2, 2, 2, 1}});
  {
    SqlFile sql(db);
    CHECK(sql.Text("SELECT g.title FROM goals g JOIN documents d ON d.id = g.document_id "
                   "WHERE d.part = 1 ORDER BY g.ordinal LIMIT 1") == "地域見守り支援事業");
    CHECK(sql.Text("SELECT g.title FROM goals g JOIN documents d ON d.id = g.document_id "
                   "WHERE d.part = 2 ORDER BY g.ordinal LIMIT 1") == "公園維持管理事業");
    // Each sheet's JSON is its own (source.part), and its body text is from its pages only.
    CHECK(sql.Int("SELECT COUNT(*) FROM documents "
                  "WHERE json_extract(json, '$.source.part.index') = part") == 2);
    CHECK(sql.Int("SELECT COUNT(*) FROM passages p JOIN documents d ON d.id = p.document_id "
                  "WHERE p.page NOT BETWEEN d.first_page AND d.last_page") == 0);
    CHECK(sql.Int("SELECT COUNT(DISTINCT document_id) FROM passages WHERE kind = 'body'") == 2);
  }
  // Search says which sheet a hit is in.
  auto hits = Search(db, "公園維持管理事業");
  REQUIRE(!hits.empty());
  CHECK(std::tie(hits[0].part, hits[0].part_count, hits[0].first_page, hits[0].last_page) ==
        std::tuple{2, 2, 2, 2});
  // Export lists the sheets with their pages.
  std::ostringstream csv;
  REQUIRE(ExportTable(db, ExportWhat::kDocuments, ExportFormat::kCsv, csv).ok());
  CHECK(csv.str().find(",source_path,part,part_count,first_page,last_page,") != std::string::npos);
  CHECK(csv.str().find(pdf + ",2,2,2,2,pdf,1,") != std::string::npos);

  // Unchanged: nothing is done. --force: every sheet is replaced, none doubled.
  CHECK(Import(db, {pdf}).counts.unchanged == 1);
  ImportOptions force;
  force.force = true;
  CHECK(Import(db, {pdf}, force).counts.replaced == 1);
  CHECK(Parts(db, pdf).size() == 2);
  CHECK(Orphans(db) == 0);
}

TEST_CASE("booklet_becomes_single_file: a path's sheets all go when it is one document again") {
  TempDir tmp;
  std::string pdf = tmp / "docs/sheets.pdf", db = tmp / "a.db";
  WriteFile(pdf, ReadFile("tests/ingest/fixtures/tables-booklet.pdf"));
  Import(db, {pdf});
  REQUIRE(Parts(db, pdf).size() == 2);
  // The same path now holds a one-table report: one whole-file document, no sheet left.
  WriteFile(pdf, ReadFile("tests/ingest/fixtures/tables-merged.pdf"));
  CHECK(Import(db, {pdf}).counts.replaced == 1);
  CHECK(Parts(db, pdf) == std::vector<PartRow>{{0, 0, 0, 0, 1}});
  CHECK(Orphans(db) == 0);
  auto report = Search(db, "地域見守り支援事業");  // in the report's form now
  CHECK(!report.empty());
  for (const SearchHit& h : report) CHECK(h.part == 0);
  CHECK(Search(db, "公園維持管理事業").empty());  // the old sheet 2: gone from the index
  // And back: a booklet again.
  WriteFile(pdf, ReadFile("tests/ingest/fixtures/tables-booklet.pdf"));
  CHECK(Import(db, {pdf}).counts.replaced == 1);
  CHECK(Parts(db, pdf).size() == 2);
  CHECK(Orphans(db) == 0);
  CHECK(SqlFile(db).Text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("booklet: sample sheets joined with qpdf are imported one document per sheet") {
  const fs::path dir = fs::path(GYOSEI_SHARED_DIR) / "samples" / "pdf-target";
  if (!fs::is_directory(dir) || std::system("qpdf --version >/dev/null 2>&1") != 0) {
    WARN("skipped: " << dir << " or qpdf is absent");
    return;
  }
  std::vector<fs::path> sheets;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".pdf") sheets.push_back(entry.path());
  std::sort(sheets.begin(), sheets.end());
  REQUIRE(sheets.size() >= 3);
  sheets.resize(3);
  TempDir tmp;
  std::string booklet = tmp / "booklet.pdf", db = tmp / "a.db";
  std::string command = "qpdf --empty --pages";
  for (const fs::path& p : sheets) command += " '" + p.string() + "'";
  REQUIRE(std::system((command + " -- '" + booklet + "'").c_str()) == 0);
  // The sheets alone, then the booklet: each sheet's pages and first goal are the same.
  std::vector<std::string> singles;
  for (const fs::path& p : sheets) singles.push_back(p.string());
  Import(db, singles);
  Import(db, {booklet});
  SqlFile sql(db);
  std::vector<PartRow> want;
  int64_t page = 0;
  for (int k = 1; k <= 3; ++k) {
    int64_t pages =
        sql.Int("SELECT pages FROM documents WHERE source_path = '" + singles[k - 1] + "'");
    want.emplace_back(k, 3, page + 1, page + pages, pages);
    page += pages;
    std::string first_goal =
        "SELECT g.title FROM goals g JOIN documents d ON d.id = "
        "g.document_id WHERE d.source_path = '";
    CHECK(sql.Text(first_goal + booklet + "' AND d.part = " + std::to_string(k) +
                   " ORDER BY g.ordinal LIMIT 1") ==
          sql.Text(first_goal + singles[k - 1] + "' ORDER BY g.ordinal LIMIT 1"));
  }
  CHECK(Parts(db, booklet) == want);
  CHECK(Orphans(db) == 0);
}

TEST_CASE("search: an indicator is found by its name, unit and values; the hit is its row") {
  TempDir tmp;
  std::string db = tmp / "a.db", sheet = tmp / "docs/sheet.md";
  WriteFile(sheet,
            "# 令和5年度 事務事業評価シート\n\n"
            "| 事業名 | 行政改革推進事業 | | | | |\n"
            "|---|---|---|---|---|---|\n"
            "| 所管課 | 総務課 | | | | |\n"
            "| 指標名 | 単位 | R4目標 | R4実績 | R5目標 | R5実績 |\n"
            "| オンライン手続数 | 手続 | 40 | 38 | 60 | 61 |\n"
            "| 窓口待ち時間 | 分 | 15 | 18 | 12 | 11 |\n\n"
            "オンライン手続の拡充を進めた。\n");
  Import(db, {sheet});
  struct Case {
    std::string query;
    std::string kind, indicator, unit, goal;
    int line;
  };
  const std::vector<Case> cases = {
      {"オンライン手続数", "indicator", "オンライン手続数", "手続", "行政改革推進事業", 7},
      {"窓口待ち時間", "indicator", "窓口待ち時間", "分", "行政改革推進事業", 8},
      {"R5実績 11", "indicator", "窓口待ち時間", "分", "行政改革推進事業", 8},        // an actual
      {"R4目標 40", "indicator", "オンライン手続数", "手続", "行政改革推進事業", 7},  // a target
      // Body text: its passage starts at line 1, above the sheet's goal.
      {"拡充", "body", "", "", "", 1},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    auto hits = Search(db, c.query);
    REQUIRE(!hits.empty());
    const SearchHit& h = hits[0];
    CHECK(std::tie(h.kind, h.indicator, h.indicator_unit, h.goal_title, h.line) ==
          std::tie(c.kind, c.indicator, c.unit, c.goal, c.line));
    CHECK(h.in_goal == false);
    CHECK(h.document_type == "evaluation_sheet");
  }
  // The indicator's hit as JSON (gyosei search --json, serve's /api/search).
  std::string json = SearchHitJson(Search(db, "窓口待ち時間")[0]);
  CHECK(json.find("\"kind\":\"indicator\"") != std::string::npos);
  CHECK(json.find("\"indicator\":\"窓口待ち時間\",\"indicator_unit\":\"分\"") != std::string::npos);
  CHECK(json.find("\"part\":null") != std::string::npos);
}

}  // namespace
}  // namespace gyosei
