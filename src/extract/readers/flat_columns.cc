#include "extract/readers/flat_columns.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "extract/readers/flat_cells.h"
#include "extract/readers/table_value.h"
#include "extract/segment.h"

namespace gyosei::extract {
namespace {

// How far below its rating label the first row's rating may be printed: the label's row holds
// the label, the label of a neighbouring column and that column's wrapped text.
constexpr size_t kRatingReach = 4;
// How far below its label an amount column's unit caption (単位:円) may be printed.
constexpr size_t kUnitReach = 3;

using LineKey = std::pair<int, int>;  // page, line

LineKey KeyOf(const SourceLoc& loc) { return {loc.page, loc.line}; }

// The goals that form the name column, in row order; empty when there is none. They are
// numbered 1..N (N >= 3) on consecutive lines, and none but the last has any text of its own.
std::vector<Goal*> NameColumn(const std::vector<const Line*>& lines, std::vector<Goal>& goals,
                              size_t& last_line) {
  constexpr size_t kMinRows = 3;
  std::map<LineKey, size_t> index;  // built at the first goal numbered 1
  auto line_of = [&](const Goal& g) -> std::optional<size_t> {
    auto it = index.find(KeyOf(g.loc));
    return it == index.end() ? std::nullopt : std::optional<size_t>(it->second);
  };
  for (size_t first = 0; first < goals.size(); ++first) {
    if (goals[first].number != "1") continue;
    if (index.empty())
      for (size_t i = 0; i < lines.size(); ++i) index.emplace(KeyOf(lines[i]->loc), i);
    std::vector<Goal*> rows{&goals[first]};
    std::optional<size_t> at = line_of(goals[first]);
    bool column = at.has_value();
    for (size_t k = first + 1; k < goals.size(); ++k) {
      Goal& g = goals[k];
      const Goal& prev = *rows.back();
      if (g.number != std::to_string(rows.size() + 1) || g.parent_id != prev.parent_id) break;
      // The list goes on, but not as a name column: items with text of their own, or apart.
      std::optional<size_t> here = line_of(g);
      bool bare = prev.description.empty() && prev.targets.empty() && prev.actuals.empty();
      if (!bare || !here || !at || *here != *at + 1) column = false;
      rows.push_back(&g);
      at = here;
    }
    if (column && rows.size() >= kMinRows) {
      last_line = *at;
      return rows;
    }
  }
  return {};
}

// The parts of a line that were lines of their own in the source (a reflow joins a cell's
// wrapped text and the short cell beside it: 随時見直しを行 + 事業の継続).
std::vector<std::string_view> SourceLines(const Line& line) {
  std::vector<std::string_view> parts;
  std::string_view text = line.text;
  size_t start = 0;
  int source_line = line.loc.line;
  for (const Anchor& a : line.anchors) {
    if (a.loc.line == source_line || a.offset <= start || a.offset >= text.size()) continue;
    parts.push_back(text.substr(start, a.offset - start));
    start = a.offset;
    source_line = a.loc.line;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Ratings are read after a rating label (今後の方針, 評価: the label of a column, so short
// scales count too, as in a labelled cell).
void ReadRatings(const std::vector<const Line*>& lines, size_t from, const CompiledRules& rules,
                 const std::vector<Goal*>& rows) {
  std::vector<std::pair<size_t, Rating>> ratings;
  size_t label = lines.size(), first_label = lines.size();  // the label before the first rating
  for (size_t i = from; i < lines.size(); ++i) {
    for (std::string_view part : SourceLines(*lines[i])) {
      if (ratings.empty() && rules.labels.Classify(part) == "rating") label = i;
      if (label == lines.size()) continue;
      if (auto r = RatingOf(rules, part, true)) {
        if (ratings.empty()) first_label = label;
        ratings.emplace_back(i, std::move(*r));
      }
    }
  }
  if (ratings.empty()) return;
  if (ratings.size() == rows.size()) {
    for (size_t k = 0; k < rows.size(); ++k)
      if (!rows[k]->rating) rows[k]->rating = ratings[k].second;
    return;
  }
  if (ratings.size() < rows.size() && !rows.front()->rating &&
      ratings.front().first <= first_label + kRatingReach)
    rows.front()->rating = ratings.front().second;
}

void ReadAmounts(const std::vector<const Line*>& lines, size_t from, const SheetRules& sheet,
                 int fiscal_year, const std::vector<Goal*>& rows, const std::vector<Goal>& goals,
                 std::vector<Warning>& warnings) {
  std::set<LineKey> read;  // lines an indicator or another reader took a value from
  for (const Goal& g : goals) {
    for (const Target& t : g.targets) read.insert(KeyOf(t.loc));
    for (const Actual& a : g.actuals) read.insert(KeyOf(a.loc));
  }
  for (size_t label = from; label < lines.size(); ++label) {
    const std::string& name = lines[label]->text;
    if (sheet.Grid(WithoutSpaces(name)) != GridRole::kMeasured) continue;
    std::string unit;
    for (size_t i = label + 1; i < lines.size() && i <= label + kUnitReach && unit.empty(); ++i)
      unit = sheet.UnitOf(lines[i]->text);
    if (unit.empty()) continue;
    std::vector<std::pair<const Line*, double>> amounts;
    for (size_t i = label + 1; i < lines.size(); ++i) {
      auto n = sheet.Number(Trimmed(lines[i]->text));
      if (n && n->unit.empty() && !n->of && !HasWord(lines[i]->text) &&
          !read.contains(KeyOf(lines[i]->loc)))
        amounts.emplace_back(lines[i], n->value);
    }
    if (amounts.size() != rows.size()) {
      warnings.push_back({"flat_column_unread",
                          "a column of amounts whose count (" + std::to_string(amounts.size()) +
                              ") is not the table's rows (" + std::to_string(rows.size()) +
                              "): not read",
                          lines[label]->loc});
      return;
    }
    for (size_t k = 0; k < rows.size(); ++k) {
      rows[k]->actuals.push_back(
          ItemOf<Actual>({name + " " + std::string(Trimmed(amounts[k].first->text)), name,
                          amounts[k].second, unit, fiscal_year, amounts[k].first->loc}));
    }
    return;
  }
}

}  // namespace

void AddColumnValues(const Document& doc, const SheetRules& sheet, const CompiledRules& rules,
                     int fiscal_year, std::vector<Goal>& goals, std::vector<Warning>& warnings) {
  std::vector<const Line*> lines = LinesOutsideTables(doc);
  size_t last = 0;
  std::vector<Goal*> rows = NameColumn(lines, goals, last);
  if (rows.empty()) return;
  ReadRatings(lines, last + 1, rules, rows);
  ReadAmounts(lines, last + 1, sheet, fiscal_year, rows, goals, warnings);
}

}  // namespace gyosei::extract
