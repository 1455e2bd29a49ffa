// Ruled tables: the grid builder on drawn lines given by hand (pdf_grid), then whole PDFs made
// by tools/make-table-fixtures (merged cells, nested header rows, a table across a page break,
// a table without lines), and, when ../shared is there, the real evaluation sheets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/pdf_grid.h"
#include "test_support.h"

namespace gyosei {
namespace {

Expected<Document> Read(const std::string& path) {
  return ReadPdfDocument(testing::ReadFileBytes(path), path, {});
}

std::string Text(const TableCell& cell) {
  std::string text;
  for (const Line& line : cell.lines) text += (text.empty() ? "" : "|") + line.text;
  return text;
}

// row, column, row_span, column_span, text ('|' between a cell's lines).
using CellRow = std::tuple<int, int, int, int, std::string>;

std::vector<CellRow> Cells(const Table& table) {
  std::vector<CellRow> out;
  for (const TableCell& c : table.cells) {
    out.emplace_back(c.row, c.column, c.row_span, c.column_span, Text(c));
  }
  return out;
}

pdf::Rule H(double y, double x0, double x1) { return {x0, y, x1, y}; }
pdf::Rule V(double x, double y0, double y1) { return {x, y0, x, y1}; }

// One word per laid-out line, at (x, y), 10 points high.
pdf::PlacedLine Word(int line, const std::string& text, double x, double y) {
  pdf::PlacedLine pl;
  pl.loc = {1, line, 0};
  pl.text = text;
  pl.words.push_back({x, y, x + 10.0 * static_cast<double>(text.size()) / 3, y + 10, 0,
                      static_cast<uint32_t>(text.size())});
  return pl;
}

std::vector<pdf::RuledTable> Grid(std::vector<pdf::Rule> rules,
                                  const std::vector<pdf::PlacedLine>& lines) {
  pdf::PageGrids grids;
  grids.Find(1, rules);
  return grids.ReadCells(lines);
}

TEST_CASE("grid: a 2x3 ruled grid whose top row merges two columns") {
  // 0    100   200   300
  // +-----------+-----+  0
  // | 事業名      | A   |
  // +-----+-----+-----+  30
  // | 所管 | 福祉 | 評価 |
  // +-----+-----+-----+  60
  std::vector<pdf::Rule> rules = {H(0, 0, 300),   H(30, 0, 300), H(60, 0, 300), V(0, 0, 60),
                                  V(100, 30, 60), V(200, 0, 60), V(300, 0, 60)};
  auto tables =
      Grid(rules, {Word(1, "事業名", 5, 10), Word(2, "A", 205, 10), Word(3, "所管", 5, 40),
                   Word(4, "福祉", 105, 40), Word(5, "評価", 205, 40)});
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  CHECK(t.source == TableSource::kRuled);
  CHECK(t.rows == 2);
  CHECK(t.columns == 3);
  CHECK(Cells(t) == std::vector<CellRow>{{0, 0, 1, 2, "事業名"},
                                         {0, 2, 1, 1, "A"},
                                         {1, 0, 1, 1, "所管"},
                                         {1, 1, 1, 1, "福祉"},
                                         {1, 2, 1, 1, "評価"}});
  CHECK(t.cells[0].box == Box{0, 0, 200, 30});
  CHECK(t.cells[0].lines[0].loc == SourceLoc{1, 1, 0});
}

TEST_CASE("grid: borders drawn cell by cell and a hair apart are one line; a row span") {
  // The left column's middle border is missing: its cell spans both rows.
  std::vector<pdf::Rule> rules = {H(0, 0, 50), H(0.4, 50, 100), H(30, 50, 100),  H(60, 0, 100),
                                  V(0, 0, 60), V(50, 0, 29),    V(50.3, 29, 60), V(100, 0, 60)};
  auto tables =
      Grid(rules, {Word(1, "指標", 5, 25), Word(2, "目標", 55, 10), Word(3, "実績", 55, 40)});
  REQUIRE(tables.size() == 1);
  CHECK(Cells(tables[0].table) ==
        std::vector<CellRow>{{0, 0, 2, 1, "指標"}, {0, 1, 1, 1, "目標"}, {1, 1, 1, 1, "実績"}});
}

TEST_CASE("grid: a frame around a paragraph, an underline and a lone rule are no table") {
  std::vector<pdf::Rule> frame = {H(0, 0, 300), H(100, 0, 300), V(0, 0, 100), V(300, 0, 100),
                                  H(120, 0, 80)};
  CHECK(Grid(frame, {Word(1, "お知らせ", 5, 10)}).empty());
}

TEST_CASE("grid: a line running across a border is cut at the cell edge, keeping its location") {
  std::vector<pdf::Rule> rules = {H(0, 0, 200), H(30, 0, 200), V(0, 0, 30), V(100, 0, 30),
                                  V(200, 0, 30)};
  pdf::PlacedLine line;
  line.loc = {1, 7, 0};
  line.text = "単位 千円";
  line.words = {{80, 10, 98, 20, 0, 6}, {102, 10, 120, 20, 7, 13}};
  auto tables = Grid(rules, {line});
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0].table;
  REQUIRE(t.cells.size() == 2);
  REQUIRE(t.cells[1].lines.size() == 1);
  CHECK(t.cells[0].lines.at(0).text == "単位");
  CHECK(t.cells[1].lines[0].text == "千円");
  CHECK(t.cells[1].lines[0].loc == SourceLoc{1, 7, 7});
}

TEST_CASE("grid: tables ending one page and starting the next with the same columns join") {
  auto page = [](int number, double top, double bottom) {
    pdf::RuledTable t;
    t.table.first_page = t.table.last_page = number;
    t.table.rows = 1;
    t.table.columns = 2;
    t.table.cells = {{0, 0, 1, 1, {}, {}}, {0, 1, 1, 1, {}, {}}};
    t.column_edges = {50, 150, 300};
    t.starts_page = top == 0;
    t.ends_page = bottom == 0;
    return t;
  };
  std::vector<std::vector<pdf::RuledTable>> pages = {
      {page(1, 1, 0)}, {page(2, 0, 0)}, {page(3, 0, 1)}, {page(4, 1, 1)}};
  pages[3][0].column_edges = {50, 150, 300};
  std::vector<Table> out;
  pdf::JoinContinuedTables(pages, out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].first_page == 1);
  CHECK(out[0].last_page == 3);
  CHECK(out[0].rows == 3);
  CHECK(out[0].cells.back().row == 2);
  CHECK(out[1].first_page == 4);  // text above it on its page: a new table

  // Other column edges: a different table, even right at the top of the next page.
  std::vector<std::vector<pdf::RuledTable>> moved = {{page(1, 1, 0)}, {page(2, 0, 1)}};
  moved[1][0].column_edges = {50, 200, 300};
  out.clear();
  pdf::JoinContinuedTables(moved, out);
  CHECK(out.size() == 2);

  // The continuation lacks a column edge that only the header rows had: its cells are placed
  // on the first part's columns, spanning the columns it did not split.
  std::vector<std::vector<pdf::RuledTable>> fewer = {{page(1, 1, 0)}, {page(2, 0, 1)}};
  fewer[0][0].column_edges = {50, 100, 150, 300};
  fewer[0][0].table.columns = 3;
  out.clear();
  pdf::JoinContinuedTables(fewer, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].columns == 3);
  CHECK(Cells(out[0]).back() == CellRow{1, 2, 1, 1, ""});
  CHECK(Cells(out[0])[2] == CellRow{1, 0, 1, 2, ""});

  // Regression: two close edges of the continuation both matched one edge of the first part,
  // which gave a cell of column span 0. Now they are no continuation.
  std::vector<std::vector<pdf::RuledTable>> close = {{page(1, 1, 0)}, {page(2, 0, 1)}};
  close[0][0].column_edges = {50, 150, 302.5};
  close[1][0].column_edges = {50, 300, 302.5};
  out.clear();
  pdf::JoinContinuedTables(close, out);
  CHECK(out.size() == 2);
  for (const Table& t : out) {
    for (const TableCell& c : t.cells) CHECK(c.column_span >= 1);
  }
}

// Every cell inside the grid with spans of at least 1, no grid position held by two cells.
void CheckGrid(const Table& table) {
  std::vector<int> held(static_cast<size_t>(table.rows) * table.columns, 0);
  for (const TableCell& c : table.cells) {
    REQUIRE(c.row_span >= 1);
    REQUIRE(c.column_span >= 1);
    REQUIRE(c.row + c.row_span <= table.rows);
    REQUIRE(c.column + c.column_span <= table.columns);
    for (int r = c.row; r < c.row + c.row_span; ++r) {
      for (int k = c.column; k < c.column + c.column_span; ++k) {
        ++held[static_cast<size_t>(r) * table.columns + k];
      }
    }
  }
  CHECK(std::count_if(held.begin(), held.end(), [](int n) { return n > 1; }) == 0);
}

// Every cell line is, or is a piece of, a line of the page blocks at the same location.
void CheckLocationsMatchBlocks(const Document& doc) {
  std::map<std::pair<int, int>, std::string> page_lines;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) page_lines[{line.loc.page, line.loc.line}] = line.text;
    }
  }
  for (const Table& table : doc.tables) {
    CheckGrid(table);
    for (const TableCell& cell : table.cells) {
      for (const Line& line : cell.lines) {
        auto it = page_lines.find({line.loc.page, line.loc.line});
        REQUIRE(it != page_lines.end());
        CHECK(it->second.compare(line.loc.column, line.text.size(), line.text) == 0);
        CHECK(line.loc.page >= table.first_page);
        CHECK(line.loc.page <= table.last_page);
      }
    }
  }
}

TEST_CASE("a ruled indicator grid with nested header rows and a form with a merged value") {
  auto doc = Read("tests/ingest/fixtures/tables-merged.pdf");
  REQUIRE(doc.ok());
  REQUIRE(doc->tables.size() == 2);
  const Table& grid = doc->tables[0];
  CHECK(grid.source == TableSource::kRuled);
  CHECK(grid.first_page == 1);
  CHECK(grid.last_page == 1);
  CHECK(grid.rows == 4);
  CHECK(grid.columns == 6);
  CHECK(Cells(grid) ==
        std::vector<CellRow>{
            {0, 0, 2, 1, "指標名"},    {0, 1, 2, 1, "単位"}, {0, 2, 1, 2, "令和4年度"},
            {0, 4, 1, 2, "令和5年度"}, {1, 2, 1, 1, "目標"}, {1, 3, 1, 1, "実績"},
            {1, 4, 1, 1, "目標"},      {1, 5, 1, 1, "実績"}, {2, 0, 1, 1, "相談件数"},
            {2, 1, 1, 1, "件"},        {2, 2, 1, 1, "120"},  {2, 3, 1, 1, "98"},
            {2, 4, 1, 1, "130"},       {2, 5, 1, 1, "141"},  {3, 0, 1, 1, "講座参加者数"},
            {3, 1, 1, 1, "人"},        {3, 2, 1, 1, "500"},  {3, 3, 1, 1, "-"},
            {3, 4, 1, 1, "550"},       {3, 5, 1, 1, "612"}});
  const Table& form = doc->tables[1];
  CHECK(Cells(form) == std::vector<CellRow>{{0, 0, 1, 1, "事業名"},
                                            {0, 1, 1, 3, "地域見守り支援事業"},
                                            {1, 0, 1, 1, "所管課"},
                                            {1, 1, 1, 1, "福祉課"},
                                            {1, 2, 1, 1, "評価"},
                                            {1, 3, 1, 1, "A"}});
  // The boxes: left to right, top to bottom, the merged cell as wide as the three below it.
  CHECK(grid.cells[0].box.x0 < grid.cells[1].box.x0);
  CHECK(form.cells[1].box.x1 == Approx(form.cells[5].box.x1));
  CHECK(form.cells[1].box.x0 == Approx(form.cells[3].box.x0));
  CheckLocationsMatchBlocks(*doc);
}

TEST_CASE("a ruled table across a page break is one table spanning both pages") {
  auto doc = Read("tests/ingest/fixtures/tables-pagebreak.pdf");
  REQUIRE(doc.ok());
  REQUIRE(doc->page_count == 2);
  REQUIRE(doc->tables.size() == 1);
  const Table& t = doc->tables[0];
  CHECK(t.first_page == 1);
  CHECK(t.last_page == 2);
  CHECK(t.rows == 61);
  CHECK(t.columns == 3);
  REQUIRE(t.cells.size() == 183);
  CHECK(Cells(t).front() == CellRow{0, 0, 1, 1, "番号"});
  // Every data row whole, in order, including the rows next to the page break.
  for (int i = 1; i <= 60; ++i) {
    INFO("row " << i);
    CHECK(Text(t.cells[i * 3]) == std::to_string(i));
    CHECK(Text(t.cells[i * 3 + 1]) == "団体" + std::to_string(i));
    CHECK(Text(t.cells[i * 3 + 2]) == std::to_string(i * 10));
  }
  CHECK(t.cells.back().lines.at(0).loc.page == 2);
  CheckLocationsMatchBlocks(*doc);
}

TEST_CASE("a table without lines is no ruled table; the layout's table cells stay") {
  auto doc = Read("tests/ingest/fixtures/tables-unruled.pdf");
  REQUIRE(doc.ok());
  CHECK(doc->tables.empty());
  int cells = 0;
  for (const Block& block : doc->pages.at(0).blocks) cells += block.kind == BlockKind::kTableCell;
  CHECK(cells >= 4);
}

TEST_CASE("the shared evaluation sheets each give ruled tables whose cells point at their lines") {
  const std::string dir = std::string(GYOSEI_SHARED_DIR) + "/samples/pdf-target/";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: " << dir << " is absent");
    return;
  }
  int sheets = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".pdf") continue;
    ++sheets;
    INFO(entry.path().string());
    auto doc = Read(entry.path().string());
    REQUIRE(doc.ok());
    int grids = 0, filled = 0;
    for (const Table& t : doc->tables) {
      grids += t.rows >= 2 && t.columns >= 2;
      for (const TableCell& c : t.cells) filled += !c.lines.empty();
    }
    CHECK(grids >= 2);
    CHECK(filled >= 20);
    CheckLocationsMatchBlocks(*doc);
  }
  CHECK(sheets > 0);
}

TEST_CASE("every shared sample PDF gives well-formed grids whose cells point at their lines") {
  const std::string dir = std::string(GYOSEI_SHARED_DIR) + "/samples/pdf/";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: " << dir << " is absent");
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".pdf") continue;
    INFO(entry.path().string());
    auto doc = Read(entry.path().string());
    REQUIRE(doc.ok());
    CheckLocationsMatchBlocks(*doc);
  }
}

}  // namespace
}  // namespace gyosei
