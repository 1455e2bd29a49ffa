#include "extract/readers/tables_from_blocks.h"

#include <algorithm>
#include <map>
#include <utility>

namespace gyosei::extract {
namespace {

constexpr size_t kCaptionMaxBytes = 90;

// Whether every cell of row 0 starts like a number (a digit, or a sign: ▲ △ -).
bool FirstRowIsNumbers(const Table& t) {
  bool any = false;
  for (const TableCell& c : t.cells) {
    if (c.row != 0) continue;
    std::string_view s =
        c.lines.empty() ? std::string_view() : std::string_view(c.lines.front().text);
    bool number = !s.empty() && ((s[0] >= '0' && s[0] <= '9') || s[0] == '-' ||
                                 s.starts_with("▲") || s.starts_with("△"));
    if (!number) return false;
    any = true;
  }
  return any;
}

}  // namespace

std::vector<Table> TablesFromBlocks(const Document& doc) {
  std::vector<Table> out;
  for (const Page& page : doc.pages) {
    std::map<int, Table> by_index;  // the page's tables by their index, in order
    std::map<int, const Line*> captions;
    const Line* before = nullptr;  // the one short line right before the current block
    for (const Block& b : page.blocks) {
      if (b.kind != BlockKind::kTableCell || b.table < 0 || b.row < 0 || b.column < 0) {
        before = b.lines.size() == 1 && b.lines[0].text.size() <= kCaptionMaxBytes ? &b.lines[0]
                                                                                   : nullptr;
        continue;
      }
      if (!by_index.contains(b.table) && before != nullptr) captions[b.table] = before;
      before = nullptr;
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
      if (auto c = captions.find(index); c != captions.end() && FirstRowIsNumbers(t)) {
        // A row of numbers whose label was printed on a line of its own (a label wrapping in
        // its cell pushes it out of the row): the label becomes the row's first cell.
        for (TableCell& cell : t.cells) ++cell.column;
        TableCell label;
        label.lines.push_back(*c->second);
        t.cells.push_back(std::move(label));
        ++t.columns;
      }
      std::stable_sort(t.cells.begin(), t.cells.end(), [](const TableCell& a, const TableCell& b) {
        return std::pair(a.row, a.column) < std::pair(b.row, b.column);
      });
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace gyosei::extract
