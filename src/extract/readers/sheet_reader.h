// The reader of evaluation sheets (事務事業評価シート, 事業評価書) and KPI tables: forms of label
// cells and indicator grids, read from the document's tables (see rules/sheets/sheets.rules).
// Internal to extract.
//
//  - Form: a label cell's value is the next cell right of it, else the one below (a rating
//    label takes the nearest cell right or below that is a level of a rating scale).
//    goal_title -> the sheet's goal, child_goal -> a sub-goal under it, department -> the
//    document's department, rating -> the current goal's rating, indicator / unit -> the name
//    and unit of the grid that follows in the same table.
//  - Grid: a header row with two or more year cells (令和5年度, R5, 2023年度, 5年度, 20年度決算);
//    every row below it until the next header row is one indicator's values of one role
//    (from the row label, 想定 / 実績, or from the header cell, 20年度決算). Plans become
//    targets, measured values actuals, 基準値 the targets' baseline, 達成率 the achievement.
//    A table whose years run down a column is read transposed. Blank cells and - are no value.
//    A row label naming a part of the grid (単位あたりコスト(A/C)) may have the indicator's name
//    or only its unit (千円/t) right of it; a derived row's 見込 is no target; the latest 予算
//    column gives the sheet's year when nothing else does.
#pragma once

#include <memory>

#include "extract/readers/reader.h"
#include "extract/readers/sheet_rules.h"

namespace gyosei::extract {

class SheetReader final : public DocumentReader {
 public:
  explicit SheetReader(std::shared_ptr<const SheetRules> rules) : sheet_(std::move(rules)) {}
  std::string_view Name() const override { return "sheet"; }
  // An evaluation sheet (by its type) or a document whose first table opens with a goal_title
  // label, when some table gives the label a value.
  bool Applies(const ReadContext& ctx) const override;
  ReadResult Read(const ReadContext& ctx) const override;
  // How many targets and actuals the reader finds in `t` read on its own (ctx.tables unused):
  // what ChooseTables weighs two readings of a table by.
  int CountValues(const ReadContext& ctx, const Table& t) const;

 private:
  std::shared_ptr<const SheetRules> sheet_;
};

// The table with rows and columns swapped (the years-down layout read as years-across).
Table Transposed(const Table& t);

}  // namespace gyosei::extract
