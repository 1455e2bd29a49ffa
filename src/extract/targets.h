// Targets from target-block items and commitment sentences. Internal to extract.
#pragma once

#include <optional>
#include <vector>

#include "dates/dates.h"
#include "extract/extraction.h"
#include "extract/rules_model.h"
#include "extract/text_piece.h"
#include "quantities/baseline.h"

namespace gyosei::extract {

class TargetBuilder {
 public:
  TargetBuilder(const CompiledRules& rules, const dates::DateScanner& dates,
                const quantities::QuantityScanner& quantities)
      : rules_(rules), dates_(dates), quantities_(quantities) {}

  // An item of a target block: a target when it holds a quantity or reads as a commitment or
  // an end state (statement); nullopt for leftovers.
  std::optional<Target> FromBlockItem(TextPiece item, int fiscal_year,
                                      std::vector<Warning>& warnings) const;

  // A sentence outside target blocks: a target only with a commitment and a quantity that
  // is not context (history, approximations).
  std::optional<Target> FromSentence(TextPiece sentence, int fiscal_year,
                                     std::vector<Warning>& warnings) const;

  // A row of a KPI table: what is measured, the target value cell and the baseline cell (any
  // may be empty). nullopt when the target cell holds neither a quantity nor a commitment.
  // Every target written inside `piece` as rules/targets.rules in_line patterns describe it,
  // appended to `out`; returns how many. A pattern's `actual` group (the measured value printed
  // beside the target in a progress row) is appended to `actuals`.
  size_t InLine(TextPiece piece, int fiscal_year, std::vector<Target>& out,
                std::vector<Actual>& actuals, std::vector<Warning>& warnings) const;

  // Every measured value written inside `piece` as rules/targets.rules [actual] in_line
  // patterns describe it, appended to `out` with `metric`; returns how many.
  size_t ActualsInLine(TextPiece piece, std::string_view metric, std::vector<Actual>& out) const;

  std::optional<Target> FromTableRow(TextPiece metric, TextPiece target, TextPiece baseline,
                                     int fiscal_year, std::vector<Warning>& warnings) const;

  // The fiscal year the first date in `text` falls in (目標値(H31) -> 2019, (2014年度) -> 2014);
  // 0 when it names none.
  int YearIn(std::string_view text) const;

 private:
  // Whether a parenthetical "(…)" after a value restates it (延べ300日, 5年間で15人: [target]
  // restatement) rather than giving a baseline.
  bool Restates(std::string_view parenthetical) const;
  std::optional<Target> Build(TextPiece item, bool in_block, int fiscal_year,
                              std::vector<Warning>& warnings) const;
  std::string Metric(std::string_view text, size_t value_begin) const;
  const CompiledRules& rules_;
  const dates::DateScanner& dates_;
  const quantities::QuantityScanner& quantities_;
};

bool AnyContains(const std::vector<Pattern>& patterns, std::string_view text);

// The year a date expression names: its 年度, else its calendar year (H24 -> 2012, 平成31年 ->
// 2019); 0 when the text names none.
int YearOf(const dates::DateScanner& dates, std::string_view text);

}  // namespace gyosei::extract
