// Extract: a normalized Document -> Extraction (output contract v1: goals, targets, ratings,
// dates, metadata), every item located by page and line.
//
//   auto extractor = Extractor::Create(RuleFiles::Builtin());   // once: compiles rules/
//   Extraction e = (*extractor)->Extract(normalized_doc, {});
//
// How documents are read (the rules say with which words; see rules/README.md):
//  - The goals area starts at a goal_section label (重点施策, 重点取組項目, 改革の方向と具体的
//    項目 ...) and ends at a section_end label or at the next heading numbered like the one
//    that opened it. A document without such a label is all goals area.
//  - A goal starts at a numbered line (numbering.rules; nesting read from the order schemes
//    appear), at a table row whose first cell is numbered (1 定員管理計画の推進 (総務課),
//    ◎部局目標2, (1)), or — in results documents — at a title whose line ends with a rating
//    label (第5次総合計画などの推進 目標どおり達成) or is followed by a line that is one.
//  - Table rows are read as label | value pairs (現状・課題 | text, 達成目標 | items); a label
//    whose value cell is empty takes the value written under it in a later row; a header
//    row of labels (業績目標 | 表題 | 現状や課題 | 達成水準) gives its columns their roles for
//    the rows below. 【bracketed】 labels split a cell into parts.
//  - Targets: every item of a target block (split at ①②③, ・ bullets and sentence ends) that
//    has a quantity or reads as a commitment; elsewhere, for goals without a target block,
//    sentences with a commitment (commit) and a quantity. Quantities inside parentheses are
//    baselines; fragments that only describe history (context) are never the value.
//  - A rating is attached to the goal it rates; several levels of one scale printed
//    together are a legend and rate nothing.
// Unsure values stay null and come with a warning.
#pragma once

#include <memory>
#include <optional>

#include "core/document.h"
#include "core/status.h"
#include "extract/extraction.h"
#include "rules/rule_files.h"

namespace gyosei {

struct ExtractOptions {
  std::optional<Municipality> municipality;  // --municipality: overrides detection
  int fiscal_year = 0;                       // --fiscal-year: used when the text names none
};

class Extractor {
 public:
  // Compiles the rules and loads the municipality table. Errors name file:line.
  static Expected<std::shared_ptr<const Extractor>> Create(const RuleFiles& rules);

  // Thread-safe: an Extractor is immutable once created.
  Extraction Extract(const Document& normalized, const ExtractOptions& options) const;

  // A booklet of evaluation sheets (one PDF, each sheet opening with its own 事務事業名 header)
  // as one Extraction per sheet with its `part`; any other document as the one Extract gives.
  std::vector<Extraction> ExtractSheets(const Document& normalized,
                                        const ExtractOptions& options) const;

  // The --municipality argument (name or code) resolved against the table.
  Expected<Municipality> FindMunicipality(std::string_view name_or_code) const;

  struct State;
  explicit Extractor(std::unique_ptr<const State> state);
  ~Extractor();

 private:
  std::unique_ptr<const State> state_;
};

}  // namespace gyosei
