// A table flattened column by column: what a PDF's text becomes when it is pulled out one
// column after another. Its first column names the rows — goals numbered 1..N on consecutive
// lines with nothing between them (1 市総合戦略策定事業 / 2 シティセールス事業 / …) — and each
// later column's cells come in the same row order, wherever the other columns' cells fall
// between them:
//
//   ③ / 実績額 / 単位:円 / … / 9,499,000 / … / 1,879,000 / 43,576,000 / …
//   今後の方針 / 今後の方針の理由 / 随時見直しを行 / 事業の継続 / いながら取り組む。
//
// Two kinds of column are read, and only when the row order is certain:
//  - amounts: a measured label (実績額, 決算額: [grid measured]) with its unit printed on a line
//    of its own below it (単位:円), then exactly N lines after it that are only a number and
//    that no indicator has read: one actual per row, in order, the label as its metric;
//  - ratings: lines that are only a rating ([scale]) after the name column: N of them are the
//    rows' in order; fewer, and the first of them printed within a few lines of its rating
//    label is the first row's (a column-major dump prints the label once, in the first row's
//    cell, with its value beside it).
// Internal to extract.
#pragma once

#include <vector>

#include "core/document.h"
#include "extract/extraction.h"
#include "extract/readers/sheet_rules.h"
#include "extract/rules_model.h"

namespace gyosei::extract {

// Adds what the columns give to `goals` (goals that already have a rating keep it); a column
// whose count does not match the rows is left unread with a warning.
// `fiscal_year`: the year the document reports on (0 = unknown), the year of its amounts.
void AddColumnValues(const Document& doc, const SheetRules& sheet, const CompiledRules& rules,
                     int fiscal_year, std::vector<Goal>& goals, std::vector<Warning>& warnings);

}  // namespace gyosei::extract
