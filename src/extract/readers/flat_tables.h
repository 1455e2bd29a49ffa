// KPI and evaluation tables flattened to text: what a web page's table becomes when copied as
// text, or a PDF's when its text is pulled out. No grid is left, only cells in reading order:
//
//   one cell per line      H23 / H24 / H25 / 目標値 / 570.0 / 580.0 / 600.0 / 実績値 / ...
//   cells ended by `|`     主要施策コード | 成果指標 | 区分 | 平成12年 | 平成13年実績 | ... (one
//   per line) a row on a line        基準値 H27 H28 H29 目標値 H31 ... 実績値 2,748 5,163 7,077
//                          直接事業費 16,847 16,025 17,816 (a blank cell written as one more space)
//
// The reader rebuilds the header (years × roles, from rules/sheets: [year], [flat year],
// [grid ROLE]) and gives the cells after it to its columns only when they add up: a row has
// exactly one cell per column, or — a measured row that stops at the latest year — each of its
// values is confirmed by the printed 達成率 (actual / plan). Anything else gives no value and
// a warning: a wrong value is worse than a missing one. Internal to extract.
#pragma once

#include <vector>

#include "core/document.h"
#include "dates/dates.h"
#include "extract/extraction.h"
#include "extract/readers/sheet_rules.h"

namespace gyosei::extract {

// One indicator read from a flattened table, with its targets and actuals (their `indicator`
// is left empty: AddFlatTables numbers them).
struct FlatIndicator {
  Indicator indicator;
  std::vector<Target> targets;
  std::vector<Actual> actuals;
};

struct FlatTables {
  std::vector<FlatIndicator> indicators;
  std::vector<Warning> warnings;
};

// Reads the document's lines outside its tables (table cells are the grid readers' part).
// `era_year` resolves era-less years (23年度) as SheetRules::Year does.
FlatTables ReadFlatTables(const Document& doc, const SheetRules& sheet,
                          const dates::DateScanner& dates, int era_year);

// Puts each indicator under the last goal that starts before it (else the first goal). A
// target or actual the prose reader read from the same row (same value and unit, no
// indicator) gives way to the table's, which knows its year; an indicator printed without a
// unit takes the unit the document prints with the same value of the same metric elsewhere
// (数値目標 雇用創出数:10,000人). Without any goal nothing is added (a warning says so).
void AddFlatTables(FlatTables tables, std::vector<Goal>& goals, std::vector<Warning>& warnings);

}  // namespace gyosei::extract
