#include "extract/readers/booklet.h"

namespace gyosei::extract {
namespace {

std::string BlockText(const Block& b) {
  std::string out;
  for (const Line& l : b.lines) out += l.text;
  return out;
}

// Whether the page's first table opens like a sheet's header: row 0 starts with a goal_title
// label that has a value beside it, and the next two rows hold another form label (所属名,
// 所管課; a list of programs headed 事務事業名 holds values there instead).
bool OpensSheet(const Page& page, const SheetRules& rules) {
  const Block* label = nullptr;
  bool has_value = false;
  for (const Block& b : page.blocks) {
    if (b.kind != BlockKind::kTableCell) continue;
    FormRole role = rules.Form(BlockText(b));
    if (label == nullptr) {
      if (b.row != 0 || role != FormRole::kGoalTitle) return false;
      label = &b;
    } else if (b.table != label->table || b.row > label->row + 2) {
      return false;
    } else if (b.row == label->row) {
      has_value |= !BlockText(b).empty() && role == FormRole::kNone;
    } else if (role != FormRole::kNone && role != FormRole::kGoalTitle) {
      return has_value;
    }
  }
  return false;
}

}  // namespace

std::vector<std::pair<int, int>> SheetPages(const Document& doc, const SheetRules& rules) {
  std::vector<std::pair<int, int>> sheets;
  for (const Page& p : doc.pages) {
    if (OpensSheet(p, rules)) {
      if (!sheets.empty()) sheets.back().second = p.number - 1;
      sheets.emplace_back(sheets.empty() ? doc.pages.front().number : p.number, p.number);
    }
  }
  if (sheets.size() < 2) return {};
  sheets.back().second = doc.pages.back().number;
  return sheets;
}

Document PagesOf(const Document& doc, int first, int last) {
  Document part;
  part.path = doc.path;
  part.sha256 = doc.sha256;
  part.format = doc.format;
  part.encoding = doc.encoding;
  part.page_count = doc.page_count;
  part.normalized = doc.normalized;
  for (const Page& p : doc.pages)
    if (p.number >= first && p.number <= last) part.pages.push_back(p);
  for (const Table& t : doc.tables)
    if (t.first_page >= first && t.first_page <= last) part.tables.push_back(t);
  for (const Warning& w : doc.warnings)
    if (w.loc.page == 0 || (w.loc.page >= first && w.loc.page <= last)) part.warnings.push_back(w);
  return part;
}

}  // namespace gyosei::extract
