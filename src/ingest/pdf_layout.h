// Page geometry -> document structure, without poppler: text boxes (words with a bbox, in
// points, y growing downwards) become lines, lines become paragraphs, headings and table
// cells. Kept apart from the poppler glue so it can be reasoned about (and tested) on its own.
//
// The steps, per page:
//   1. boxes whose vertical extents overlap by half form a physical line, sorted left to right;
//   2. a physical line is cut where the horizontal gap is far wider than the line's word gaps
//      (a column or cell boundary) into segments;
//   3. segments stacked under each other (x ranges overlapping, line-spacing gap, same size)
//      form blocks: a cell's text, a paragraph, a column;
//   4. blocks whose vertical extents overlap while sitting side by side form a row; runs of
//      rows with two or more blocks are a table, one block per cell; cells whose extents
//      overlap share a column (a header centred over left-aligned values too), a cell that
//      spans two columns of another row takes the one its left edge is in. Everything else is
//      paragraphs and headings.
// Running headers/footers are found across pages before step 2 (DropRunningLines).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"

namespace gyosei::pdf {

struct Box {
  std::string text;  // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool space_after = false;
  // Where its characters stand: `edges[first_edge + i]` is character i's left edge and the
  // entry after the last character its right edge, in the page's edges (BuildLines);
  // kNoEdges when unknown.
  static constexpr uint32_t kNoEdges = UINT32_MAX;
  uint32_t first_edge = kNoEdges;
};

struct TextLine {
  std::vector<Box> boxes;  // left to right
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string Joined() const;  // the boxes' text, spaced where there is a real gap
};

struct PageText {
  int number = 0;
  double width = 0, height = 0;
  std::vector<TextLine> lines;  // top to bottom
};

// Groups `boxes` (consumed) into physical lines, top to bottom. Overprinted duplicates (the
// same word drawn twice at the same spot, fake bold) are dropped; with `edges` (the boxes'
// character edges), so are characters drawn again a hair off within other words (a shadow:
// 重要業績評価指標 over 重要業績評価 + 指標).
void BuildLines(std::vector<Box>& boxes, std::vector<TextLine>& lines,
                const std::vector<double>& edges = {});

// Removes lines in the top/bottom margin bands that repeat (digits aside) on most pages, and
// bare page numbers ("- 3 -", "3", "3/12", "P.3"). Lines for which `keep(page index, line)`
// holds (table rows that reach into the margins) stay. Returns how many lines were dropped.
int DropRunningLines(std::vector<PageText>& pages,
                     const std::function<bool(size_t, const TextLine&)>& keep = {});

// The document's usual gap between consecutive lines of a paragraph (points).
double UsualLineGap(const std::vector<PageText>& pages);

// Where a line the layouter emitted sits on the page, word by word: what ruled tables need to
// hand the same lines (same text, same location) to their cells.
struct PlacedWord {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  uint32_t begin = 0, end = 0;  // its bytes in the line's text
};
struct PlacedLine {
  SourceLoc loc;
  std::string text;
  std::vector<PlacedWord> words;  // left to right
};

// Lays out a document's pages one after another.
class PageLayouter {
 public:
  explicit PageLayouter(double line_gap);  // UsualLineGap of the document
  ~PageLayouter();
  PageLayouter(const PageLayouter&) = delete;
  PageLayouter& operator=(const PageLayouter&) = delete;

  // Appends the page's blocks to `out.blocks`; line locations are {page.number, n, 0} with n
  // counting the lines in the order they are emitted.
  // With `placed`, also records every emitted line's words there (in emission order).
  void Layout(const PageText& page, Page& out, std::vector<PlacedLine>* placed = nullptr);

 private:
  class Builder;
  std::unique_ptr<Builder> builder_;
};

}  // namespace gyosei::pdf
