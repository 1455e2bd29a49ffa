// Normalize: raw Document -> Document whose lines are what the extractor reads.
//
//   auto normalizer = Normalizer::Create(RuleFiles::Builtin());   // once; reuse everywhere
//   Document clean = normalizer->Normalize(raw);
//   clean.pages[0].blocks[3].lines[0].LocAt(12)   // -> page, line, column in the source
//
// What it does, in order:
//  1. Reflow. Lines that only wrap at the column edge are joined back into one logical line:
//       "…第５次総合計画後期基" + "本計画…"  -> "…第5次総合計画後期基本計画…"
//     A break is kept where the earlier line ends a sentence (。！？:), is clearly shorter than
//     its neighbours (titles, labels, the last line of a paragraph), or where the next line is
//     indented (a leading ideographic space) or starts with a marker (①, (1), 1., ・, ◇, ※, 【 …).
//     Consecutive paragraph blocks are candidates too, because some PDF exports put a blank
//     line after every printed line. Headings, list items and table cells are never merged
//     with their neighbours.
//  2. Character folding (rules/normalize/chars.rules): NFKC, except for the deliberate
//     departures listed there: circled numbers ①②③ and roman numerals stay (they are list
//     markers), ～/〜 become one range mark 〜 (never deleted), ㈱ -> (株), PDF font variants
//     such as 步 -> 歩. Dashes by their neighbours (rules/normalize/dashes.rules): a dash
//     between digits is "-", after katakana a long-vowel mark "ー".
//  3. Spaces: runs collapse to one; leading and trailing spaces go. Spaces that PDF extraction
//     puts between kanji and digits vanish (平成13 年 3月 -> 平成13年3月, 令和 3 年度 ->
//     令和3年度), except after a leading number (1 定員管理計画の推進 stays: "1" is the item's
//     number). Letter-spaced justified text (住 み 続 け ら れ, 部 名) is closed up when every
//     token is a single kanji/kana; names (大石 芳正) and Latin words keep their space. "6, 500" ->
//     "6,500".
// Every output line keeps anchors back to its source pieces, so locations survive all three.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/status.h"
#include "rules/rule_files.h"

namespace gyosei {

class Normalizer {
 public:
  // Builds the folding tables once from rules/normalize/*.rules. Errors name file:line.
  static Expected<std::shared_ptr<const Normalizer>> Create(const RuleFiles& rules);

  // The whole pipeline step. Thread-safe: a Normalizer is immutable once created.
  Document Normalize(const Document& raw) const;
  // The same, consuming `raw` (what a caller done with the raw document should call): each
  // page is freed once folded and the tables move over instead of being copied, so a large
  // document is not held twice (a 612-page budget book's 210,000 table cells: 15 MB a copy).
  Document Normalize(Document&& raw) const;

  // Steps 2 and 3 on one line of text (no reflow); for queries, rule vocabularies and tests.
  std::string NormalizeLine(std::string_view text) const;

  struct Tables;
  explicit Normalizer(std::unique_ptr<const Tables> tables);
  ~Normalizer();

 private:
  std::unique_ptr<const Tables> tables_;
};

}  // namespace gyosei
