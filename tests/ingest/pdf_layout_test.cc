// Page geometry -> lines (src/ingest/pdf_layout.cc), on boxes made here: what poppler hands
// over for shadowed and fake-bold text, and for text that only overlaps.
#include <catch2/catch.hpp>

#include <string>
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
