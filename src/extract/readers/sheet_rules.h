// The vocabulary of evaluation sheets and KPI tables (rules/sheets/*.rules), compiled once:
// which cells are form labels and what their value is, which header cells name a year or a
// value's role, how a number cell is written. Internal to extract.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "dates/dates.h"
#include "extract/rules_model.h"
#include "rules/rule_files.h"
#include "rules/rule_set.h"

namespace gyosei::extract {

// [form ROLE]: a label cell whose value lies right of it or below it.
enum class FormRole {
  kNone,
  kGoalTitle,
  kChildGoal,
  kLinkedGoal,
  kDepartment,
  kRating,
  kIndicator,
  kUnit
};
// [grid ROLE]: a header or row-label cell of an indicator grid.
enum class GridRole {
  kNone,
  kPlan,
  kForecast,  // 見込み: a plan, except in a derived row
  kBudget,    // 予算: no value of an indicator; its year is the one the sheet is written in
  kDerived,   // a row label of a figure computed from other lines (単位あたりコスト(A/C))
  kMeasured,
  kBaseline,
  kAchievement,
  kYearAxis,
  kIgnore,
  kTotal
};

// A header cell that names a year: 令和5年度, R5, 2023年度, H25, 5年度 (era-less), with what
// follows the year (20年度決算 -> rest "決算").
struct YearCell {
  int fiscal_year = 0;  // 0: era-less and the document's era is unknown
  std::string rest;
};

// A number cell: 1,234 / ▲1,839 / 43/100 (value 43, of 100) / 16.0人.
struct NumberCell {
  double value = 0;
  std::optional<double> of;
  std::string unit;  // printed after the number; "" = none
};

class SheetRules {
 public:
  // Reads every rules/sheets/*.rules file; errors name file:line (unknown kinds and roles too).
  static Expected<std::shared_ptr<const SheetRules>> Compile(const RuleFiles& files);

  FormRole Form(std::string_view label) const;
  GridRole Grid(std::string_view label) const;
  // `document_year` resolves era-less years (5年度) to the document's era: the era whose
  // reading lies nearest to it. nullopt when `text` names no year.
  std::optional<YearCell> Year(std::string_view text, const dates::DateScanner& dates,
                               int document_year) const;
  // A year cell of a table flattened to text: Year(), else a [flat year] pattern (平成12年,
  // 平成13年実績, 平成25 without 年度).
  std::optional<YearCell> FlatYear(std::string_view text, const dates::DateScanner& dates,
                                   int document_year) const;
  std::optional<NumberCell> Number(std::string_view text) const;
  static bool AnyFullMatch(const std::vector<Pattern>& patterns, std::string_view text);
  // The unit a label prints in parentheses: 事業費(千円), (単位:千円). "" when none.
  std::string UnitOf(std::string_view label) const;
  // The unit a whole cell is ([unit] bare: 千円/t under a label naming the figure). "" when
  // the cell is not only a unit.
  std::string BareUnit(std::string_view text) const;
  // A check-mark choice cell: 1 selected (● 達成), -1 not selected (○), 0 no mark; `option`
  // gets the text after the mark.
  int Mark(std::string_view text, std::string& option) const;
  // The department a department cell names, cut where the next field begins. "" when none.
  std::string Department(std::string_view value) const;

  LabelRules form_labels, grid_labels;  // roles as their rule names; see Form() / Grid()
  std::vector<Pattern> years, numbers, units, bare_units, not_units, departments, selected,
      unselected;
  std::vector<std::string> eras;
  // [flat ...]: tables flattened to text (flat_tables.h). flat_units: unit words printed in a
  // label cell of their own (千円); flat_no_values: cells that hold no value (なし, -, [H26]);
  // flat_labels: header cells left of the years that name label columns (主要施策コード).
  // flat_values: a header cell naming the indicator's value, its plan beside a measured
  // column (指標値 | 単位 | 目標月 | 実績値); flat_due_labels: the column of the month or year the
  // plan is due (目標月); flat_dues: such a cell (H28.3), groups era, year, month.
  std::vector<Pattern> flat_years, flat_units, flat_no_values, flat_labels, flat_values,
      flat_due_labels, flat_dues, flat_glued_columns, flat_glued_baselines;

 private:
  std::optional<YearCell> YearBy(const std::vector<Pattern>& patterns, std::string_view text,
                                 const dates::DateScanner& dates, int document_year) const;
};

}  // namespace gyosei::extract
