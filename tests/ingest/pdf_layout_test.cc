// Page geometry -> lines (src/ingest/pdf_layout.cc), on boxes made here: what poppler hands
// over for shadowed and fake-bold text, and for text that only overlaps.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "core/utf8.h"
#include "ingest/pdf_layout.h"

using gyosei::pdf::Box;
using gyosei::pdf::BuildLines;
using gyosei::pdf::TextLine;

namespace {

// A word at x0 whose characters are `pitch` wide each, on the line from y0 (3 pt high); its
// character edges appended to `edges`.
Box Word(const std::string& text, double x0, double y0, double pitch, std::vector<double>& edges) {
  Box b;
  b.text = text;
  b.x0 = x0;
  b.y0 = y0;
  b.y1 = y0 + 3;
  b.first_edge = static_cast<uint32_t>(edges.size());
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++n) gyosei::DecodeUtf8(text, i);
  for (size_t k = 0; k <= n; ++k) edges.push_back(x0 + static_cast<double>(k) * pitch);
  b.x1 = edges.back();
  return b;
}

std::vector<std::string> Joined(std::vector<Box> boxes, const std::vector<double>& edges) {
  std::vector<TextLine> lines;
  BuildLines(boxes, lines, edges);
  std::vector<std::string> out;
  for (const TextLine& l : lines) out.push_back(l.Joined());
  return out;
}

}  // namespace

TEST_CASE("bug: shadowed text drawn again in other word cuts came out twice") {
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, double>> words;  // text, x0; the 2nd on 0.24 pt lower
    double pitch;
    std::string line;
  };
  const std::vector<Case> cases = {
      {"a shadow cut into two words",
       {{"重要業績評価指標", 122.4}, {"重要業績評価", 122.4}},
       11,
       "重要業績評価指標"},
      {"a number in front of the first drawing only",
       {{"1.村の振興", 69.2}, {"村の振興の要となる高校の", 91.2}},
       11,
       "1.村の振興の要となる高校の"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::vector<double> edges;
    std::vector<Box> boxes;
    double y = 100;
    for (const auto& [text, x0] : c.words) {
      boxes.push_back(Word(text, x0, y, c.pitch, edges));
      y += 0.24;
    }
    CHECK(Joined(boxes, edges) == std::vector<std::string>{c.line});
  }
}

TEST_CASE("text that only overlaps other text is kept whole") {
  std::vector<double> edges;
  SECTION("the same characters half a character off") {
    std::vector<Box> boxes = {Word("1,200", 100, 100, 6, edges), Word("1,200", 103, 100, 6, edges)};
    CHECK(Joined(boxes, edges) == std::vector<std::string>{"1,2001,200"});
  }
  SECTION("the same characters a line lower") {
    std::vector<Box> boxes = {Word("0.40", 100, 100, 6, edges), Word("0.30", 100, 101, 6, edges)};
    CHECK(Joined(boxes, edges) == std::vector<std::string>{"0.400.30"});
  }
  SECTION("without character edges nothing is looked into") {
    std::vector<Box> boxes = {Word("重要業績評価指標", 122.4, 100, 11, edges),
                              Word("重要業績評価", 122.4, 100.24, 11, edges)};
    for (Box& b : boxes) b.first_edge = Box::kNoEdges;
    CHECK(Joined(boxes, edges) == std::vector<std::string>{"重要業績評価指標重要業績評価"});
  }
}

namespace {

// A page of words (text, x0, y0), 10 pt high, 10 pt a character, laid out; each table cell as
// "row.column text".
std::vector<std::string> Cells(const std::vector<std::tuple<std::string, double, double>>& words) {
  std::vector<double> edges;
  std::vector<Box> boxes;
  // Running text below sets the page's usual line gap (2 pt): the table's rows are further apart.
  std::vector<std::tuple<std::string, double, double>> all = words;
  for (double y = 500; y < 560; y += 12) all.emplace_back("本文の行が続きます。", 100, y);
  for (const auto& [text, x0, y0] : all) {
    Box b = Word(text, x0, y0, 10, edges);
    b.y1 = y0 + 10;
    boxes.push_back(std::move(b));
  }
  gyosei::pdf::PageText page;
  page.number = 1;
  page.width = 600;
  page.height = 800;
  BuildLines(boxes, page.lines, edges);
  gyosei::pdf::PageLayouter layouter(gyosei::pdf::UsualLineGap({page}));
  gyosei::Page out;
  layouter.Layout(page, out);
  std::vector<std::string> cells;
  for (const gyosei::Block& b : out.blocks)
    if (b.kind == gyosei::BlockKind::kTableCell)
      for (const gyosei::Line& l : b.lines)
        cells.push_back(std::to_string(b.row) + "." + std::to_string(b.column) + " " + l.text);
  return cells;
}

}  // namespace

TEST_CASE(
    "bug: a header centred over values printed from the cell's left edge was a column of its own") {
  // 指標 | 現状値 | 目標値 centred, (2014年度) wider than its header, the values left-aligned.
  auto cells = Cells({{"重要業績評価指標", 100, 100},
                      {"現状値", 300, 100},
                      {"目標値", 450, 100},
                      {"(KPI)", 140, 115},
                      {"(2014年度)", 275, 115},
                      {"(2019年度)", 425, 115},
                      {"訪問実施校数", 100, 140},
                      {"年111校", 330, 140},
                      {"年111校", 480, 140},
                      {"新規就農者数", 100, 155},
                      {"-", 335, 155},
                      {"5年間で3人", 470, 155}});
  CHECK(cells == std::vector<std::string>{"0.0 重要業績評価指標", "0.1 現状値", "0.2 目標値",
                                          "1.0 (KPI)", "1.1 (2014年度)", "1.2 (2019年度)",
                                          "2.0 訪問実施校数", "2.1 年111校", "2.2 年111校",
                                          "3.0 新規就農者数", "3.1 -", "3.2 5年間で3人"});
}

TEST_CASE("a header spanning two columns keeps them apart") {
  // 令和5年度 over 目標 | 実績: the two stay two columns; the header takes the first.
  auto cells = Cells({{"指標", 100, 100},
                      {"令和5年度", 300, 100},
                      {"目標", 290, 115},
                      {"実績", 360, 115},
                      {"相談件数", 100, 130},
                      {"120", 290, 130},
                      {"131", 360, 130}});
  CHECK(cells == std::vector<std::string>{"0.0 指標", "0.1 令和5年度", "1.1 目標", "1.2 実績",
                                          "2.0 相談件数", "2.1 120", "2.2 131"});
}
