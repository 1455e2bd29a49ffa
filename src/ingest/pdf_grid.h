// Ruled tables of a PDF page, without poppler: the drawn line segments become a cell grid the
// way Camelot's lattice mode and pdfplumber read one, in three separate steps:
//   1. lines: segments on the same row or column (within a snap tolerance) that touch or
//      overlap are joined into one ruling line;
//   2. grid: lines that cross or touch form connected groups; a group with two or more
//      horizontal and two or more vertical lines is a table, its distinct x and y positions
//      the grid's column and row edges; a cell grows right and down while the border between
//      grid positions is not drawn, so merged cells keep their spans;
//   3. cells: every word of the page's laid-out lines goes to the cell holding its centre;
//      a cell's lines are the page's lines (same text and location), cut at the cell edge
//      when a line runs across a border.
// A table that ends a page and one that starts the next with the same column edges are one
// table continued (JoinContinuedTables). Internal to the PDF reader.
#pragma once

#include <vector>

#include "core/document.h"
#include "ingest/pdf_layout.h"

namespace gyosei::pdf {

// A drawn horizontal (y0 == y1) or vertical (x0 == x1) line segment, in points, origin top
// left like the word boxes.
struct Rule {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool horizontal() const { return y0 == y1; }
};

// A ruled table found on one page, with what joining it to the next page's needs.
struct RuledTable {
  Table table;
  std::vector<double> column_edges;  // x of each column's left edge, then the right edge
  bool starts_page = false;          // no text of the page above it
  bool ends_page = false;            // no text of the page below it
};

// A page's grids before their cells are read.
class PageGrids {
 public:
  PageGrids();
  ~PageGrids();
  PageGrids(PageGrids&&) noexcept;
  PageGrids& operator=(PageGrids&&) noexcept;

  // Steps 1 and 2 (`rules` is reordered).
  void Find(int page, std::vector<Rule>& rules);
  bool empty() const;
  // Whether (x, y) is inside a grid of two or more rows and columns: text there is table
  // content, never a running header or footer.
  bool InTable(double x, double y) const;
  // Step 3: reads the cells from the page's laid-out lines; the grids are consumed. Grids
  // with no text in any cell are dropped.
  std::vector<RuledTable> ReadCells(const std::vector<PlacedLine>& lines);

  struct Grid;  // defined in the .cc

 private:
  std::vector<Grid> grids_;
};

// Appends the pages' tables (in page order) to `out`, joining a table continued on the next
// page into the one before it.
void JoinContinuedTables(std::vector<std::vector<RuledTable>>& pages, std::vector<Table>& out);

}  // namespace gyosei::pdf
