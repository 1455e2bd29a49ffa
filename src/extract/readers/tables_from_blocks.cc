#include "extract/readers/tables_from_blocks.h"

#include <algorithm>
#include <map>
#include <utility>

namespace gyosei::extract {

std::vector<Table> TablesFromBlocks(const Document& doc) {
  std::vector<Table> out;
  for (const Page& page : doc.pages) {
    std::map<int, Table> by_index;  // the page's tables by their index, in order
    for (const Block& b : page.blocks) {
      if (b.kind != BlockKind::kTableCell || b.table < 0 || b.row < 0 || b.column < 0) continue;
      Table& t = by_index[b.table];
      t.source = TableSource::kAligned;
      t.first_page = t.last_page = page.number;
      t.rows = std::max(t.rows, b.row + 1);
      t.columns = std::max(t.columns, b.column + 1);
      auto same = std::find_if(t.cells.begin(), t.cells.end(), [&](const TableCell& c) {
        return c.row == b.row && c.column == b.column;
      });
      if (same == t.cells.end()) {
        TableCell cell;
        cell.row = b.row;
        cell.column = b.column;
        t.cells.push_back(std::move(cell));
        same = t.cells.end() - 1;
      }
      same->lines.insert(same->lines.end(), b.lines.begin(), b.lines.end());
    }
    for (auto& [index, t] : by_index) {
      std::stable_sort(t.cells.begin(), t.cells.end(), [](const TableCell& a, const TableCell& b) {
        return std::pair(a.row, a.column) < std::pair(b.row, b.column);
      });
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace gyosei::extract
