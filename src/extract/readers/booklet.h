// Booklets: many evaluation sheets published as one PDF. A sheet starts on a page whose first
// table opens with the sheet's header — a goal_title label (事務事業名, 事業名) with its value to
// its right and another form label (所管課, 所属名) opening the next row — never at a fixed page
// count. Internal to extract.
#pragma once

#include <utility>
#include <vector>

#include "core/document.h"
#include "extract/readers/sheet_rules.h"

namespace gyosei::extract {

// The first and last page of every sheet, in order; empty unless the document holds two or
// more sheets. Pages before the first sheet's header (a cover) go with the first sheet.
std::vector<std::pair<int, int>> SheetPages(const Document& doc, const SheetRules& rules);

// The pages first..last of `doc` (page numbers kept, so every location stays true to the file)
// with the tables that start on them.
Document PagesOf(const Document& doc, int first, int last);

}  // namespace gyosei::extract
