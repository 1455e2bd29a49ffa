#include "extract/readers/flat_tables.h"

#include "extract/readers/flat_cells.h"
#include "extract/readers/table_value.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/utf8.h"

namespace gyosei::extract {
namespace {

struct Cell {
  std::string text;
  SourceLoc loc;
};

// One column of a rebuilt header: a year (with the role its header cell names) or a role of
// its own (基準値, 5ヵ年目標).
struct Column {
  int fiscal_year = 0;
  bool year = false;
  GridRole role = GridRole::kNone;
  std::string label;
};

struct Header {
  std::vector<Column> columns;
  size_t begin = 0, end = 0;  // the header's cells: [begin, end)
  int labels = 0;  // label columns left of it (主要施策コード | 成果指標 | 区分)
};

bool IsReadRole(GridRole r) {
  return r == GridRole::kPlan || r == GridRole::kMeasured || r == GridRole::kBaseline ||
         r == GridRole::kAchievement;
}

// Columns a flattened table prints that hold no indicator's value: ignored ones, and 予算
// columns (the sheet reader reads their year; a flattened table has no use for it).
bool IsSkippedRole(GridRole r) { return r == GridRole::kIgnore || r == GridRole::kBudget; }

bool Parenthesized(std::string_view s) { return s.starts_with("(") && s.ends_with(")"); }

// A text dump's row whose cells are joined by one space, a blank cell written as one more
// space (人件費 直接人件費 千円   20,515   15,322: 千円, a blank, 20,515, a blank, 15,322; the
// blanks at the row's end are trimmed away with the line's trailing spaces). Such a line has
// only odd runs of spaces, one of three or more. Its cells in order, a blank as empty text;
// nullopt for any other line.
std::optional<std::vector<Cell>> SpacedCells(const Line& line) {
  const std::vector<SpaceRun>& runs = line.space_runs;
  if (runs.empty()) return std::nullopt;
  for (const SpaceRun& r : runs)
    if (r.spaces % 2 == 0) return std::nullopt;
  std::vector<Cell> cells;
  const std::string& t = line.text;
  size_t next_run = 0;
  for (size_t i = 0; i < t.size();) {
    // The cell ends at a space, or where a run of spaces normalization dropped starts the next.
    size_t end = t.find(' ', i);
    if (end == std::string::npos) end = t.size();
    while (next_run < runs.size() && runs[next_run].offset <= i) ++next_run;
    if (next_run < runs.size() && runs[next_run].offset < end) end = runs[next_run].offset;
    cells.push_back({t.substr(i, end - i), line.LocAt(i)});
    i = end < t.size() && t[end] == ' ' ? end + 1 : end;
    if (next_run < runs.size() && runs[next_run].offset == i)
      for (uint32_t blank = 0; blank < (runs[next_run].spaces - 1) / 2; ++blank)
        cells.push_back({"", line.LocAt(i)});
  }
  return cells;
}

// A line's cells: split at spaces (normalization has collapsed runs of them, so blank cells
// are gone). An era split from its year (平成 25, 平成 29 年度) and a number split from its unit
// (300 人) are joined back.
std::vector<Cell> LineCells(const Line& line, const SheetRules& sheet,
                            const dates::DateScanner& dates, int era_year) {
  // A row label run into its first value (実績値2,748): two cells.
  auto split_label = [&](std::vector<Cell>& cells) {
    std::vector<Cell> out;
    for (Cell& c : cells) {
      size_t digit = 0;
      while (digit < c.text.size() && !IsAsciiDigit(static_cast<unsigned char>(c.text[digit])))
        ++digit;
      std::string_view label = std::string_view(c.text).substr(0, digit);
      if (digit > 0 && digit < c.text.size() && !label.starts_with("(") &&
          sheet.Grid(label) != GridRole::kNone && sheet.Number(c.text.substr(digit))) {
        out.push_back({std::string(label), c.loc});
        out.push_back({c.text.substr(digit), c.loc});
      } else {
        out.push_back(std::move(c));
      }
    }
    cells = std::move(out);
  };
  std::vector<Cell> raw;
  const std::string& t = line.text;
  for (size_t i = 0; i < t.size();) {
    size_t end = t.find(' ', i);
    if (end == std::string::npos) end = t.size();
    if (end > i) raw.push_back({t.substr(i, end - i), line.LocAt(i)});
    i = end + 1;
  }
  // A year printed twice on the line is one column per role, each role written after its
  // year with a space (R4 目標 R4 実績 R5 目標 R5 実績): the year and its role are one cell. A
  // year printed once may be followed by the role of the next year (H29 目標値 H31).
  // A year is written with digits, or as 元年: other cells (most of a document's) skip the
  // year patterns.
  auto may_name_year = [](std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return IsAsciiDigit(static_cast<unsigned char>(c)); }) ||
           text.find("元") != std::string_view::npos;
  };
  auto year_of = [&](const std::string& text) {
    if (!may_name_year(text)) return 0;
    auto y = sheet.FlatYear(text, dates, era_year);
    return y && y->rest.empty() ? y->fiscal_year : 0;
  };
  std::vector<int> cell_years(raw.size());
  std::map<int, int> year_count;
  for (size_t k = 0; k < raw.size(); ++k)
    if ((cell_years[k] = year_of(raw[k].text)) != 0) ++year_count[cell_years[k]];
  for (size_t k = 0; k + 1 < raw.size(); ++k) {
    int y = cell_years[k];
    if (y == 0 || year_count[y] < 2) continue;
    // The role, or the role run into the text after it (実績見守り訪問件数).
    const std::string& next = raw[k + 1].text;
    for (size_t end = next.size(); end > 0; --end) {
      if (end < next.size() && (static_cast<unsigned char>(next[end]) & 0xC0) == 0x80) continue;
      GridRole role = sheet.Grid(std::string_view(next).substr(0, end));
      if (!IsReadRole(role) && !IsSkippedRole(role)) continue;
      raw[k].text += next.substr(0, end);
      if (end == next.size()) {
        raw.erase(raw.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        cell_years.erase(cell_years.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      } else {
        raw[k + 1].text.erase(0, end);
        cell_years[k + 1] = year_of(raw[k + 1].text);
      }
      break;
    }
  }
  // Among year columns, a header cell run into the text after it (R5実績見守り訪問件数: the last
  // column and the first record's name, a reflow joined the lines): two cells.
  auto year_role = [&](std::string_view text) {
    if (!may_name_year(text)) return false;
    auto y = sheet.FlatYear(std::string(text), dates, era_year);
    if (!y || y->fiscal_year == 0 || y->rest.empty()) return false;
    GridRole role = sheet.Grid(y->rest);
    return IsReadRole(role) || IsSkippedRole(role);
  };
  auto boundary = [](const std::string& text, size_t at) {
    return (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
  };
  int year_roles = 0;
  for (const Cell& c : raw) year_roles += year_role(c.text);
  for (size_t k = 0; k < raw.size(); ++k) {
    const std::string& text = raw[k].text;
    size_t cut = 0;
    // (The line's last cell is HeaderAt's: a heading after the header, H26予算コスト.)
    if (year_roles >= 2 && k + 1 < raw.size() && !year_role(text))
      for (size_t end = text.size(); end-- > 2 && cut == 0;)
        if (boundary(text, end) && year_role(std::string_view(text).substr(0, end))) cut = end;
    if (cut == 0) continue;
    Cell rest{text.substr(cut), raw[k].loc};
    raw[k].text.resize(cut);
    raw.insert(raw.begin() + static_cast<std::ptrdiff_t>(k) + 1, std::move(rest));
    ++k;
  }
  std::vector<Cell> out;
  for (size_t k = 0; k < raw.size(); ++k) {
    Cell c = raw[k];
    bool era = c.text == "平成" || c.text == "令和" || c.text == "昭和";
    if (era && k + 1 < raw.size() && !raw[k + 1].text.empty() &&
        IsAsciiDigit(static_cast<unsigned char>(raw[k + 1].text[0]))) {
      c.text += raw[++k].text;
      if (k + 1 < raw.size() && raw[k + 1].text.starts_with("年")) c.text += raw[++k].text;
    } else if (k + 1 < raw.size() && !c.text.empty() &&
               IsAsciiDigit(static_cast<unsigned char>(c.text.back())) &&
               SheetRules::AnyFullMatch(sheet.flat_units, raw[k + 1].text)) {
      auto number = sheet.Number(c.text);
      if (number && number->unit.empty()) c.text += raw[++k].text;
    }
    out.push_back(std::move(c));
  }
  split_label(out);
  // Values whose spaces normalization dropped (45人30人12人): one cell each, when every part
  // is a number.
  std::vector<Cell> numbers;
  for (Cell& c : out) {
    std::vector<size_t> cuts{0};
    for (size_t k = 1; k < c.text.size(); ++k) {
      char before = c.text[k - 1];
      if (IsAsciiDigit(static_cast<unsigned char>(c.text[k])) &&
          !IsAsciiDigit(static_cast<unsigned char>(before)) && before != ',' && before != '.')
        cuts.push_back(k);
    }
    bool all_numbers = cuts.size() > 1;
    for (size_t k = 0; k < cuts.size() && all_numbers; ++k) {
      size_t end = k + 1 < cuts.size() ? cuts[k + 1] : c.text.size();
      all_numbers = sheet.Number(c.text.substr(cuts[k], end - cuts[k])).has_value();
    }
    if (!all_numbers) {
      numbers.push_back(std::move(c));
      continue;
    }
    for (size_t k = 0; k < cuts.size(); ++k) {
      size_t end = k + 1 < cuts.size() ? cuts[k + 1] : c.text.size();
      numbers.push_back({c.text.substr(cuts[k], end - cuts[k]), c.loc});
    }
  }
  // A value run into the text after it (4,107参考)…): the number is a cell of its own.
  std::vector<Cell> led;
  for (Cell& c : numbers) {
    size_t end = 0;
    while (end < c.text.size() && (IsAsciiDigit(static_cast<unsigned char>(c.text[end])) ||
                                   c.text[end] == ',' || c.text[end] == '.'))
      ++end;
    if (end > 0 && end < c.text.size() && !sheet.Number(c.text) &&
        IsAsciiDigit(static_cast<unsigned char>(c.text[end - 1]))) {
      led.push_back({c.text.substr(0, end), c.loc});
      led.push_back({c.text.substr(end), c.loc});
    } else {
      led.push_back(std::move(c));
    }
  }
  numbers = std::move(led);
  // A value run into the row label after it (3,000実績値): two cells.
  out.clear();
  for (Cell& c : numbers) {
    auto n = sheet.Number(c.text);
    if (n && !n->unit.empty() && sheet.Grid(n->unit) != GridRole::kNone &&
        c.text.ends_with(n->unit)) {
      std::string label = n->unit;
      out.push_back({c.text.substr(0, c.text.size() - label.size()), c.loc});
      out.push_back({label, c.loc});
    } else {
      out.push_back(std::move(c));
    }
  }
  // Years a reflow ran together (平成27平成28): one cell each, when every part is a year.
  std::vector<Cell> years;
  for (Cell& c : out) {
    std::vector<size_t> cuts{0};
    for (std::string_view era : {"平成", "令和", "昭和"})
      for (size_t at = c.text.find(era, 1); at != std::string::npos; at = c.text.find(era, at + 1))
        cuts.push_back(at);
    std::sort(cuts.begin(), cuts.end());
    bool all_years = cuts.size() > 1;
    for (size_t k = 0; k < cuts.size() && all_years; ++k) {
      size_t end = k + 1 < cuts.size() ? cuts[k + 1] : c.text.size();
      all_years =
          sheet.FlatYear(c.text.substr(cuts[k], end - cuts[k]), dates, era_year).has_value();
    }
    if (!all_years) {
      years.push_back(std::move(c));
      continue;
    }
    for (size_t k = 0; k < cuts.size(); ++k) {
      size_t end = k + 1 < cuts.size() ? cuts[k + 1] : c.text.size();
      years.push_back({c.text.substr(cuts[k], end - cuts[k]), c.loc});
    }
  }
  return years;
}

struct Row {
  GridRole role = GridRole::kNone;
  std::vector<const Cell*> values;
  std::string name;
  const Cell* label = nullptr;
};

class FlatReading {
 public:
  FlatReading(const SheetRules& sheet, const dates::DateScanner& dates, int era_year)
      : sheet_(sheet), dates_(dates), era_year_(era_year) {}

  FlatTables Take() { return std::move(out_); }

  // A stream of cells (one per line, or one line's): every header in it and what follows.
  // `lines` (with `next_line`) are the document's lines after the stream's line, for a header
  // that fills its line and has its rows on the lines below.
  void Scan(const std::vector<Cell>& cells, const std::vector<const Line*>* lines = nullptr,
            size_t next_line = 0) {
    for (size_t i = 0; i < cells.size();) {
      std::optional<Header> h = HeaderAt(cells, i);
      if (!h) {
        std::vector<Kind> kinds = KindsHeaderAt(cells, i);
        i = kinds.empty() ? i + 1 : ReadNamedRecords(cells, i + kinds.size(), kinds);
        continue;
      }
      if (lines != nullptr && h->end == cells.size()) {
        ReadLines(*h, *lines, next_line);
        return;
      }
      // Rows labelled by their role follow within a cell or two (a name before the first).
      bool role_rows = false;
      for (size_t k = h->end; k < std::min(cells.size(), h->end + 2); ++k)
        role_rows |=
            !Parenthesized(WithoutSpaces(cells[k].text)) && IsReadRole(RoleOf(cells[k].text));
      if (role_rows)
        i = ReadRoleRows(cells, *h);
      else if (h->labels > 0)
        i = ReadRecords(cells, *h);
      else if (h->end < cells.size() && IsValue(cells[h->end].text))
        i = ReadValueRow(cells, *h);
      else
        i = ReadRoleRows(cells, *h);
    }
  }

 private:
  // The [grid] role of a header or row label: spaces, surrounding parentheses and a trailing
  // unit in parentheses (達成率(%)) ignored.
  // Memoized: HeaderAt and KindsHeaderAt ask again for the same cells at every start position,
  // and each answer runs the [grid] patterns (a document's cells repeat, too).
  GridRole RoleOf(std::string_view text) const {
    return Memoized(roles_, text, [&] { return ReadRole(text); });
  }
  // cache[text], read once.
  template <typename Cache, typename Read>
  static typename Cache::mapped_type Memoized(Cache& cache, std::string_view text, Read read) {
    auto it = cache.find(text);
    if (it == cache.end()) it = cache.emplace(std::string(text), read()).first;
    return it->second;
  }
  GridRole ReadRole(std::string_view text) const {
    std::string t = WithoutSpaces(text);
    if (Parenthesized(t)) t = t.substr(1, t.size() - 2);
    if (!sheet_.UnitOf(t).empty()) t = t.substr(0, t.rfind('('));
    if (t.empty() || HasDigitOnly(t)) return GridRole::kNone;
    return sheet_.Grid(t);
  }
  static bool HasDigitOnly(std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) {
      return IsAsciiDigit(static_cast<unsigned char>(c)) || c == ',' || c == '.';
    });
  }

  // A year cell with the role its rest names (none when it names none).
  std::optional<Column> YearOf(std::string_view text) const {
    return Memoized(years_, text, [&] { return ReadYear(text); });
  }
  std::optional<Column> ReadYear(std::string_view text) const {
    std::string t = WithoutSpaces(text);
    if (t.empty()) return std::nullopt;
    auto y = sheet_.FlatYear(t, dates_, era_year_);
    if (!y || y->fiscal_year == 0) return std::nullopt;
    Column c{y->fiscal_year, true, GridRole::kNone, t};
    if (!y->rest.empty()) {
      c.role = RoleOf(y->rest);
      if (!IsReadRole(c.role) && !IsSkippedRole(c.role)) return std::nullopt;
    }
    return c;
  }

  bool IsNoValue(std::string_view text) const {
    std::string t = WithoutSpaces(text);
    return t.empty() || SheetRules::AnyFullMatch(sheet_.flat_no_values, t);
  }
  bool IsValue(std::string_view text) const {
    return IsNoValue(text) || sheet_.Number(Trimmed(text)).has_value();
  }
  bool IsHeaderLabel(std::string_view text) const {
    return Memoized(header_labels_, text, [&] { return ReadHeaderLabel(text); });
  }
  bool ReadHeaderLabel(std::string_view text) const {
    std::string t = WithoutSpaces(text);
    return !t.empty() &&
           (sheet_.Form(t) != FormRole::kNone || sheet_.Grid(t) == GridRole::kYearAxis ||
            SheetRules::AnyFullMatch(sheet_.flat_labels, t));
  }

  // The header starting at cells[i]: a year cell, or a role cell right before one (基準値 H27).
  // At least two years. A role cell right before a year names that year's column when it is a
  // plan (目標値 H31); a role in parentheses after a year names the year's (平成25 (基準値)).
  std::optional<Header> HeaderAt(const std::vector<Cell>& cells, size_t i) const {
    Header h;
    int years = 0;
    size_t j = i;
    // Label columns left of the header (主要施策コード | 成果指標 | 区分 | 平成12年 ...).
    for (size_t k = i; k > 0 && IsHeaderLabel(cells[k - 1].text); --k) ++h.labels;
    while (j < cells.size()) {
      const std::string& t = cells[j].text;
      if (auto y = YearOf(t)) {
        if (j + 1 < cells.size() && y->role == GridRole::kNone &&
            Parenthesized(WithoutSpaces(cells[j + 1].text)) &&
            IsReadRole(RoleOf(cells[j + 1].text))) {
          y->role = RoleOf(cells[++j].text);
        }
        h.columns.push_back(*y);
        ++years;
        ++j;
        continue;
      }
      GridRole r = RoleOf(t);
      if (years > 0 && !IsReadRole(r) && !IsSkippedRole(r)) {
        // The line's last header cell run into the heading after it (H26予算コスト).
        if (j + 1 == cells.size())
          for (size_t cut = t.size() - 1; cut >= 3; --cut)
            if (auto y = YearOf(t.substr(0, cut)); y && y->role != GridRole::kNone) {
              h.columns.push_back(*y);
              ++years;
              ++j;
              break;
            }
        break;
      }
      if (Parenthesized(WithoutSpaces(t)) || (!IsReadRole(r) && !IsSkippedRole(r))) break;
      std::optional<Column> next = j + 1 < cells.size() ? YearOf(cells[j + 1].text) : std::nullopt;
      if (next && next->role == GridRole::kNone && r == GridRole::kPlan) {
        next->role = r;
        next->label = WithoutSpaces(t) + next->label;
        h.columns.push_back(*next);
        ++years;
        j += 2;
        continue;
      }
      // A role of its own: before the years (基準値), or after them in a table whose rows
      // carry labels (... | 5ヵ年目標); elsewhere it labels the rows below (目標値 570.0 ...).
      if ((h.columns.empty() && !next) || (!h.columns.empty() && years > 0 && h.labels == 0)) break;
      h.columns.push_back(Column{0, false, r, WithoutSpaces(t)});
      ++j;
    }
    if (years < 2 || (i == j)) return std::nullopt;
    h.begin = i;
    h.end = j;
    // 基準値 … 現状値 … 目標値: a later baseline column is the latest measured value, and the
    // years between the baseline and it (or the plan) are measured too.
    int baseline = -1, last = -1;
    for (size_t k = 0; k < h.columns.size(); ++k) {
      Column& c = h.columns[k];
      if (c.role == GridRole::kBaseline && baseline >= 0) c.role = GridRole::kMeasured;
      if (c.role == GridRole::kBaseline && baseline < 0) baseline = static_cast<int>(k);
      if (c.role == GridRole::kMeasured) last = static_cast<int>(k);
    }
    if (baseline >= 0)
      for (int k = baseline + 1; k < last; ++k)
        if (h.columns[static_cast<size_t>(k)].year &&
            h.columns[static_cast<size_t>(k)].role == GridRole::kNone)
          h.columns[static_cast<size_t>(k)].role = GridRole::kMeasured;
    return h;
  }

  void Warn(std::string message, SourceLoc loc) {
    out_.warnings.push_back({"flat_table_unread", std::move(message), loc});
  }

  // One indicator's values, one per column (`values` as long as the columns).
  void Emit(const Header& h, const std::string& name, std::string unit, GridRole row_role,
            const std::vector<const Cell*>& values, FlatIndicator& ind) {
    if (ind.indicator.name.empty()) ind.indicator.name = name;
    for (size_t k = 0; k < values.size() && k < h.columns.size(); ++k) {
      const Column& c = h.columns[k];
      GridRole role = c.role != GridRole::kNone ? c.role : row_role;
      auto n = sheet_.Number(Trimmed(values[k]->text));
      if (!n || IsSkippedRole(c.role)) continue;
      std::string value_unit = !n->unit.empty() ? n->unit : unit;
      std::string text = name + " " + c.label + " " + std::string(Trimmed(values[k]->text));
      TableValue v{text, name, n->value, value_unit, c.fiscal_year, values[k]->loc};
      if (role == GridRole::kPlan) {
        ind.targets.push_back(ItemOf<Target>(std::move(v)));
      } else if (role == GridRole::kMeasured) {
        ind.actuals.push_back(ItemOf<Actual>(std::move(v)));
      } else if (role == GridRole::kBaseline) {
        baseline_ = TargetBaseline{n->value, value_unit, "", c.fiscal_year};
      } else if (role == GridRole::kAchievement) {
        ind.indicator.achievement = Achievement{n->value, c.fiscal_year};
      }
      if (ind.indicator.unit.empty() && role != GridRole::kAchievement)
        ind.indicator.unit = value_unit;
    }
  }

  void Finish(FlatIndicator ind, SourceLoc loc) {
    if (ind.targets.empty() && ind.actuals.empty()) return;
    if (baseline_)
      for (Target& t : ind.targets) t.baseline = baseline_;
    baseline_.reset();
    ind.indicator.loc = loc;
    out_.indicators.push_back(std::move(ind));
  }

  // The name printed right before the header (婚姻率 平成25 (基準値) ...), when it is one.
  std::string NameBefore(const std::vector<Cell>& cells, size_t begin) const {
    if (begin == 0) return "";
    const std::string& t = cells[begin - 1].text;
    if (!HasWord(t) || IsValue(t) || RoleOf(t) != GridRole::kNone || IsHeaderLabel(t)) return "";
    return std::string(Trimmed(t));
  }

  // 婚姻率 平成25 (基準値) 平成27 平成28 (現状値) 平成31 (目標値) 5.5‰ 5.4‰ 5.0‰ 5.9‰: one row of
  // values right after the header, exactly one per column.
  size_t ReadValueRow(const std::vector<Cell>& cells, const Header& h) {
    size_t n = h.columns.size(), j = h.end;
    std::vector<const Cell*> values;
    while (j < cells.size() && values.size() < n && IsValue(cells[j].text))
      values.push_back(&cells[j++]);
    bool more = j < cells.size() && IsValue(cells[j].text);
    if (values.size() != n || more) {
      Warn("a flattened table's row does not have one value per column: not read",
           cells[h.end].loc);
      return j;
    }
    FlatIndicator ind;
    Emit(h, NameBefore(cells, h.begin), "", GridRole::kNone, values, ind);
    Finish(std::move(ind), cells[h.begin].loc);
    return j;
  }

  // Rows of cells after a header with label columns: each record has exactly one cell per
  // label and year column (11102 | 生涯学習推進協議会の設置 | 当初 | なし | ... | 設置). A record
  // whose value cells are not values (a heading, the next header) ends the table.
  size_t ReadRecords(const std::vector<Cell>& cells, const Header& h) {
    size_t labels = static_cast<size_t>(h.labels), width = labels + h.columns.size();
    size_t first_label = h.begin - labels;
    int name_column = -1;
    for (size_t k = 0; k < labels; ++k)
      if (sheet_.Form(WithoutSpaces(cells[first_label + k].text)) == FormRole::kIndicator)
        name_column = static_cast<int>(k);
    size_t j = h.end;
    for (; j + width <= cells.size(); j += width) {
      bool fits = true;
      for (size_t k = 0; k < width && fits; ++k) {
        const std::string& t = cells[j + k].text;
        bool header_like =
            YearOf(t).has_value() || IsHeaderLabel(t) || RoleOf(t) != GridRole::kNone;
        bool short_word = std::string_view(t).size() <= 12;  // 設置, 策定: no value, still a cell
        fits = !header_like && (k < labels || IsValue(t) || short_word);
      }
      if (!fits) break;
      std::string name;
      for (size_t k = 0; k < labels; ++k) {
        const std::string& t = cells[j + k].text;
        if (static_cast<int>(k) == name_column ||
            (name_column < 0 && t.size() > name.size() && HasWord(t)))
          name = t;
      }
      std::vector<const Cell*> values;
      for (size_t k = labels; k < width; ++k) values.push_back(&cells[j + k]);
      FlatIndicator ind;
      Emit(h, name, "", GridRole::kNone, values, ind);
      Finish(std::move(ind), cells[j].loc);
    }
    return std::max(j, h.end);
  }

  // Rows labelled by their role after a header of years (目標値 570.0 580.0 ... 実績値 594.5
  // ... 達成率 104.3% ...). A plan row after a plan row starts the next indicator, named by the
  // text before its first row or, in order, by the names listed under an 指標名 label before
  // the header.
  size_t ReadRoleRows(const std::vector<Cell>& cells, const Header& h) {
    std::vector<std::vector<Row>> groups;
    std::string pending = NameBefore(cells, h.begin);
    size_t j = h.end;
    int idle = 0;
    while (j < cells.size() && idle <= 10) {
      if (HeaderAt(cells, j)) break;
      GridRole role =
          Parenthesized(WithoutSpaces(cells[j].text)) ? GridRole::kNone : RoleOf(cells[j].text);
      if (!IsReadRole(role)) {
        if (HasWord(cells[j].text) && !IsValue(cells[j].text)) pending = cells[j].text;
        ++j;
        ++idle;
        continue;
      }
      Row row{role, {}, pending, &cells[j]};
      for (++j; j < cells.size() && IsValue(cells[j].text); ++j) row.values.push_back(&cells[j]);
      bool repeats = !groups.empty() && std::any_of(groups.back().begin(), groups.back().end(),
                                                    [&](const Row& r) { return r.role == role; });
      if (groups.empty() || repeats) groups.emplace_back();
      groups.back().push_back(std::move(row));
      pending.clear();
      idle = 0;
    }
    std::vector<std::pair<std::string, const Cell*>> names = NamesListed(cells, h.begin);
    if (names.size() != groups.size()) names.clear();
    for (size_t g = 0; g < groups.size(); ++g) {
      std::string name = groups[g].front().name;
      std::string unit;
      if (!names.empty()) {
        name = names[g].first;
        if (const Cell* b = names[g].second) {
          auto n = sheet_.Number(Trimmed(b->text));
          unit = n->unit;
          if (listed_baseline_) baseline_ = TargetBaseline{n->value, n->unit, "", 0};
        }
      }
      ReadGroup(h, groups[g], name, unit);
    }
    return j;
  }

  // Names listed before the header under an 指標名 label, each with the number printed after
  // it (its baseline, when a 基準値 label heads that list).
  std::vector<std::pair<std::string, const Cell*>> NamesListed(const std::vector<Cell>& cells,
                                                               size_t begin) {
    listed_baseline_ = false;
    size_t from = begin;
    for (size_t k = begin; k > 0 && begin - k < 60; --k)
      if (sheet_.Form(WithoutSpaces(cells[k - 1].text)) == FormRole::kIndicator) {
        from = k;
        break;
      }
    if (from == begin) return {};
    for (size_t k = from - 1; k > 0 && from - k <= 4; --k)
      listed_baseline_ |= RoleOf(cells[k - 1].text) == GridRole::kBaseline;
    std::vector<std::pair<std::string, const Cell*>> names;
    for (size_t k = from; k < begin; ++k) {
      const std::string& t = cells[k].text;
      if (sheet_.Number(Trimmed(t))) {
        if (!names.empty() && names.back().second == nullptr) names.back().second = &cells[k];
        continue;
      }
      if (!HasWord(t) || Parenthesized(WithoutSpaces(t)) || IsValue(t) ||
          RoleOf(t) != GridRole::kNone || IsHeaderLabel(t))
        continue;
      // A name run into the number after it (体験参加者数1,200 人): the number is its own cell.
      size_t digit = 0;
      while (digit < t.size() && !(IsAsciiDigit(static_cast<unsigned char>(t[digit])) &&
                                   sheet_.Number(Trimmed(t.substr(digit)))))
        ++digit;
      if (digit > 0 && digit < t.size()) {
        glued_.push_back({t.substr(digit), cells[k].loc});
        names.emplace_back(std::string(Trimmed(t.substr(0, digit))), &glued_.back());
        continue;
      }
      names.emplace_back(std::string(Trimmed(t)), nullptr);
    }
    return names;
  }

  // One indicator's rows. A row with one value per column is read as it stands; a measured
  // row that stops early (the years to come are blank) only when each of its values is
  // confirmed by the 達成率 printed for its column. A printed 達成率 that disagrees with the
  // values it rates drops the indicator.
  void ReadGroup(const Header& h, const std::vector<Row>& rows, const std::string& name,
                 const std::string& unit) {
    size_t n = h.columns.size();
    const Row* plan = nullptr;
    const Row* rate = nullptr;
    for (const Row& r : rows) {
      if (r.role == GridRole::kPlan && r.values.size() == n) plan = &r;
      if (r.role == GridRole::kAchievement) rate = &r;
    }
    // The year columns, for a row that fills them from the first on.
    std::vector<size_t> years;
    for (size_t k = 0; k < n; ++k)
      if (h.columns[k].year) years.push_back(k);
    auto value = [&](const Cell* c) { return sheet_.Number(Trimmed(c->text)); };
    auto confirms = [&](const Cell* r, double actual, double planned) {
      auto printed = value(r);
      if (!printed || planned == 0 || actual == 0) return printed.has_value() && planned != 0;
      double tolerance = std::pow(10.0, -Decimals(r->text)) + 1e-9;
      return std::abs(printed->value - actual / planned * 100) <= tolerance ||
             std::abs(printed->value - planned / actual * 100) <= tolerance;
    };
    FlatIndicator ind;
    for (const Row& r : rows) {
      if (r.role == GridRole::kAchievement && r.values.size() != n) continue;
      if (r.values.size() == n) {
        if (r.role == GridRole::kMeasured && plan != nullptr && rate != nullptr &&
            rate->values.size() == n) {
          for (size_t k = 0; k < n; ++k) {
            auto a = value(r.values[k]);
            auto p = value(plan->values[k]);
            if (a && p && value(rate->values[k]) &&
                !confirms(rate->values[k], a->value, p->value)) {
              Warn("a flattened table's 達成率 does not match its values: not read", r.label->loc);
              return;
            }
          }
        }
        Emit(h, name, unit, r.role, r.values, ind);
        continue;
      }
      if (r.role != GridRole::kMeasured || plan == nullptr || rate == nullptr ||
          rate->values.size() != r.values.size() || r.values.size() > years.size()) {
        if (!r.values.empty())
          Warn("a flattened table's row does not have one value per column: not read",
               r.label->loc);
        continue;
      }
      std::vector<const Cell*> placed(n, nullptr);
      bool ok = true;
      for (size_t k = 0; k < r.values.size() && ok; ++k) {
        auto a = value(r.values[k]);
        auto p = value(plan->values[years[k]]);
        ok = a && p && confirms(rate->values[k], a->value, p->value);
        placed[years[k]] = r.values[k];
      }
      if (!ok) {
        Warn("a flattened table's measured row is not confirmed by its 達成率: not read",
             r.label->loc);
        continue;
      }
      for (size_t k = 0; k < n; ++k) {
        if (placed[k] == nullptr) continue;
        Header single = h;
        single.columns = {h.columns[k]};
        Emit(single, name, unit, r.role, {placed[k]}, ind);
      }
    }
    Finish(std::move(ind), rows.front().label->loc);
  }

  // A header that ends its line, its rows on the lines below: each a label and exactly one
  // number per column. Normalization may have run rows together (直接事業費16,847 … 17,861間接
  // 事業費864 1,551), so the lines are read as one stream of cells split where a label meets a
  // number. A unit printed as a cell of its own (千円) holds for the rows after it; the next
  // header ends the table. A row with fewer numbers is read only when its line kept its blank
  // cells (SpacedCells), and then only under a printed unit: its label, its own unit cell if
  // it prints one, a value or blank per column, the blanks its line's end trimmed counted in.
  void ReadLines(const Header& h, const std::vector<const Line*>& lines, size_t from) {
    constexpr size_t kMaxLines = 40;
    size_t n = h.columns.size();
    std::vector<Cell> cells;
    for (size_t li = from; li < lines.size() && li < from + kMaxLines; ++li) {
      std::vector<Cell> line_cells = LineCells(*lines[li], sheet_, dates_, era_year_);
      for (size_t i = 0; i < line_cells.size(); ++i)
        if (HeaderAt(line_cells, i)) li = lines.size();
      if (li == lines.size()) break;
      if (std::optional<std::vector<Cell>> spaced = SpacedCells(*lines[li])) {
        cells.insert(cells.end(), spaced->begin(), spaced->end());
        continue;
      }
      for (const Cell& c : line_cells) SplitGlued(c, cells);
    }
    std::string unit;
    auto is_number = [&](const Cell& c) {
      auto v = sheet_.Number(WithoutSpaces(c.text));
      return v && (v->unit.empty() || !HasWord(v->unit));
    };
    auto is_unit = [&](const Cell& c) {
      return SheetRules::AnyFullMatch(sheet_.flat_units, WithoutSpaces(c.text));
    };
    for (size_t j = 0; j < cells.size();) {
      std::string t = WithoutSpaces(cells[j].text);
      if (is_unit(cells[j])) {
        unit = t;
        ++j;
        continue;
      }
      size_t first = j + 1;
      bool spaced_row = false;
      for (size_t k = first; k < cells.size() && cells[k].loc.line == cells[j].loc.line; ++k)
        spaced_row |= cells[k].text.empty();
      if (spaced_row && first < cells.size() && is_unit(cells[first])) unit = cells[first++].text;
      size_t k = first;
      while (k < cells.size() && (is_number(cells[k]) || (spaced_row && cells[k].text.empty())))
        ++k;
      size_t slots = k - first;
      bool ends_line = k == cells.size() || cells[k].loc.line != cells[j].loc.line;
      if (spaced_row && (unit.empty() || !ends_line || slots > n)) slots = 0;
      if (HasWord(t) && !IsValue(t) && !IsSkippedRole(RoleOf(t)) &&
          (slots == n || (spaced_row && slots > 0))) {
        std::vector<const Cell*> values;
        for (size_t v = first; v < k; ++v) values.push_back(&cells[v]);
        GridRole role = RoleOf(t);
        FlatIndicator ind;
        Emit(h, t, unit, IsReadRole(role) ? role : GridRole::kNone, values, ind);
        Finish(std::move(ind), cells[j].loc);
      }
      j = std::max(k, j + 1);
    }
  }

  // A cell run into its neighbours (千円20,515 / 17,861間接事業費864): labels and numbers apart;
  // a number keeps a unit that is no word (5.4‰). A cell with parentheses (一般財源1(=…)) is a
  // label as it stands.
  void SplitGlued(const Cell& c, std::vector<Cell>& out) const {
    const std::string& t = c.text;
    if (t.find('(') != std::string::npos) {
      out.push_back(c);
      return;
    }
    size_t start = 0;
    auto digit = [&](size_t i) { return IsAsciiDigit(static_cast<unsigned char>(t[i])); };
    for (size_t i = 1; i <= t.size(); ++i) {
      bool boundary = i == t.size();
      if (!boundary) {
        bool number_before = digit(i - 1), number_here = digit(i) || t[i] == ',' || t[i] == '.';
        if (digit(i) && !number_before && t[i - 1] != ',' && t[i - 1] != '.') boundary = true;
        if (number_before && !number_here && (t[i] & 0x80)) {
          // Text after a number: its unit when that is no word, else a label starting.
          size_t end = i;
          while (end < t.size() && !digit(end)) ++end;
          boundary = HasWord(t.substr(i, end - i));
        }
      }
      if (boundary) {
        out.push_back({t.substr(start, i - start), c.loc});
        start = i;
      }
    }
  }

  // A header of roles without years (指標値 | 単位 | 目標月 | 実績値): the kind of each column;
  // empty when cells[i] starts none. It needs a plan first and a measured column.
  enum class Kind { kPlan, kMeasured, kUnit, kDue };
  std::vector<Kind> KindsHeaderAt(const std::vector<Cell>& cells, size_t i) const {
    std::vector<Kind> kinds;
    bool measured = false;
    auto is_plan = [&](const std::string& t) {
      return SheetRules::AnyFullMatch(sheet_.flat_values, t) || RoleOf(t) == GridRole::kPlan;
    };
    for (size_t j = i; j < cells.size(); ++j) {
      std::string t = WithoutSpaces(cells[j].text);
      // The header starts with a plan cell: most cells are none, and asking that first spares
      // them the unit and due patterns (a unit or due cell first returns {} below as well).
      if (j == i && !is_plan(t)) return {};
      Kind k;
      if (sheet_.Form(t) == FormRole::kUnit)
        k = Kind::kUnit;
      else if (SheetRules::AnyFullMatch(sheet_.flat_due_labels, t))
        k = Kind::kDue;
      else if (is_plan(t))
        k = Kind::kPlan;
      else if (RoleOf(t) == GridRole::kMeasured)
        k = Kind::kMeasured;
      else
        break;
      if (kinds.empty() && k != Kind::kPlan) return {};
      measured |= k == Kind::kMeasured;
      kinds.push_back(k);
    }
    if (kinds.size() < 3 || !measured) return {};
    return kinds;
  }

  // The fiscal year of a due cell (H28.3: March 2016 lies in 2015).
  int DueYear(std::string_view text) const {
    std::string t = WithoutSpaces(text);
    Match m;
    for (const Pattern& p : sheet_.flat_dues) {
      if (!p.Find(t, 0, m) || m.begin != 0 || m.end != t.size()) continue;
      std::string era(m.Group(t, p.GroupIndex("era")));
      std::string year(m.Group(t, p.GroupIndex("year")));
      int month = std::atoi(std::string(m.Group(t, p.GroupIndex("month"))).c_str());
      int fy = year.size() == 4 ? std::atoi(year.c_str())
                                : dates_.FiscalYearOf((era == "H"   ? "平成"
                                                       : era == "R" ? "令和"
                                                                    : era) +
                                                      year + "年度");
      if (fy == 0 || month < 1 || month > 12) return 0;
      return month <= 3 ? fy - 1 : fy;
    }
    return 0;
  }

  bool Fits(Kind k, std::string_view text) const {
    std::string t = WithoutSpaces(text);
    auto n = sheet_.Number(t);
    switch (k) {
      case Kind::kPlan:
        return n && n->unit.empty();
      case Kind::kMeasured:
        return (n && n->unit.empty()) || IsNoValue(t);
      case Kind::kUnit: {
        auto u = sheet_.Number("1" + t);
        return !t.empty() && t.size() <= 12 && u && u->unit == t && RoleOf(t) == GridRole::kNone;
      }
      case Kind::kDue:
        return DueYear(t) != 0;
    }
    return false;
  }

  // Records after a header of roles: the text before each record's cells is its name (指標 and
  // the circled number of its row left out); a record is one cell per column, its last
  // (measured) cell may be missing when a name follows.
  size_t ReadNamedRecords(const std::vector<Cell>& cells, size_t j,
                          const std::vector<Kind>& kinds) {
    std::string name;
    int idle = 0;
    while (j < cells.size() && idle <= 8) {
      if (HeaderAt(cells, j) || !KindsHeaderAt(cells, j).empty()) break;
      size_t fit = 0;
      while (fit < kinds.size() && j + fit < cells.size() && Fits(kinds[fit], cells[j + fit].text))
        ++fit;
      bool short_ok = fit + 1 == kinds.size() && kinds.back() == Kind::kMeasured &&
                      (j + fit == cells.size() || HasWord(cells[j + fit].text));
      if (fit < kinds.size() && !(short_ok && fit > 0)) {
        if (HasWord(cells[j].text)) name += cells[j].text;
        ++j;
        ++idle;
        continue;
      }
      std::string metric = CleanName(name);
      name.clear();
      idle = 0;
      std::string unit;
      int fy = 0;
      for (size_t k = 0; k < fit; ++k) {
        if (kinds[k] == Kind::kUnit) unit = WithoutSpaces(cells[j + k].text);
        if (kinds[k] == Kind::kDue) fy = DueYear(cells[j + k].text);
      }
      FlatIndicator ind;
      ind.indicator.name = metric;
      ind.indicator.unit = unit;
      for (size_t k = 0; k < fit; ++k) {
        auto n = sheet_.Number(WithoutSpaces(cells[j + k].text));
        if (!n || (kinds[k] != Kind::kPlan && kinds[k] != Kind::kMeasured)) continue;
        std::string text = metric + " " + std::string(Trimmed(cells[j + k].text)) + unit;
        TableValue v{text, metric, n->value, unit, fy, cells[j + k].loc};
        if (kinds[k] == Kind::kPlan)
          ind.targets.push_back(ItemOf<Target>(std::move(v)));
        else
          ind.actuals.push_back(ItemOf<Actual>(std::move(v)));
      }
      Finish(std::move(ind), cells[j].loc);
      j += fit;
    }
    return j;
  }

  // A record's name as printed around its cells: the word 指標 and circled numbers dropped.
  std::string CleanName(std::string_view raw) const {
    std::string out;
    for (size_t i = 0; i < raw.size();) {
      size_t at = i;
      char32_t c = DecodeUtf8(raw, i);
      if (c == ' ' || (c >= 0x2460 && c <= 0x2473)) continue;
      out.append(raw.substr(at, i - at));
    }
    for (std::string_view label : {"指標"}) {
      if (out.starts_with(label)) out.erase(0, label.size());
      if (out.ends_with(label)) out.erase(out.size() - label.size());
      for (size_t at = out.find(label); at != std::string::npos; at = out.find(label))
        out.erase(at, label.size());
    }
    return out;
  }

  const SheetRules& sheet_;
  const dates::DateScanner& dates_;
  int era_year_;
  FlatTables out_;
  // What RoleOf, YearOf and IsHeaderLabel found for a cell's text (looked up without a copy).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename T>
  using ByText = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;
  mutable ByText<GridRole> roles_;
  mutable ByText<std::optional<Column>> years_;
  mutable ByText<bool> header_labels_;
  std::optional<TargetBaseline> baseline_;  // the baseline of the indicator being read
  bool listed_baseline_ = false;
  std::deque<Cell> glued_;  // numbers split off a listed name (stable addresses)
};

bool SameValue(double a, double b) { return std::abs(a - b) < 1e-9; }

}  // namespace

FlatTables ReadFlatTables(const Document& doc, const SheetRules& sheet,
                          const dates::DateScanner& dates, int era_year) {
  std::vector<const Line*> lines = LinesOutsideTables(doc);
  FlatReading reading(sheet, dates, era_year);
  // One cell per line; `|` ends a cell (cells a reflow joined onto one line stay apart).
  std::vector<Cell> stream;
  for (const Line* l : lines) {
    std::string_view text = l->text;
    for (size_t from = 0; from < text.size();) {
      size_t bar = text.find('|', from);
      if (bar == std::string_view::npos) bar = text.size();
      std::string_view t = Trimmed(text.substr(from, bar - from));
      if (!t.empty()) stream.push_back({std::string(t), l->LocAt(from)});
      from = bar + 1;
    }
  }
  reading.Scan(stream);
  // Rows on a line.
  for (size_t i = 0; i < lines.size(); ++i) {
    std::vector<Cell> cells = LineCells(*lines[i], sheet, dates, era_year);
    if (cells.size() >= 3) reading.Scan(cells, &lines, i + 1);
  }
  FlatTables out = reading.Take();
  ReadGluedTables(lines, sheet, dates, era_year, out);
  return out;
}

void AddFlatTables(FlatTables tables, std::vector<Goal>& goals, std::vector<Warning>& warnings) {
  warnings.insert(warnings.end(), tables.warnings.begin(), tables.warnings.end());
  if (tables.indicators.empty()) return;
  if (goals.empty()) {
    warnings.push_back({"indicator_without_goal",
                        "a flattened indicator table with no goal to belong to: not read",
                        tables.indicators.front().indicator.loc});
    return;
  }
  int next = 0;
  for (const Goal& g : goals) next += static_cast<int>(g.indicators.size());
  for (FlatIndicator& f : tables.indicators) {
    Goal* goal = &goals.front();
    for (Goal& g : goals)
      if (std::pair(g.loc.page, g.loc.line) <=
          std::pair(f.indicator.loc.page, f.indicator.loc.line))
        goal = &g;
    // A unit the table does not print: the one the document prints with the same value of
    // the same metric (数値目標 雇用創出数:10,000人), else the one unit the document's targets
    // print with that value.
    const std::string& name = f.indicator.name;
    if (f.indicator.unit.empty() && !name.empty()) {
      std::vector<std::string> units;
      for (const Goal& g : goals)
        for (const Target& t : g.targets)
          for (const Target& mine : f.targets) {
            if (!t.value || !mine.value || !SameValue(*t.value, *mine.value) || t.unit.empty())
              continue;
            if (t.text.find(name) != std::string::npos && f.indicator.unit.empty())
              f.indicator.unit = t.unit;
            if (std::find(units.begin(), units.end(), t.unit) == units.end())
              units.push_back(t.unit);
          }
      if (f.indicator.unit.empty() && units.size() == 1) f.indicator.unit = units.front();
      for (Target& t : f.targets)
        if (t.unit.empty()) t.unit = f.indicator.unit;
      for (Actual& a : f.actuals)
        if (a.unit.empty()) a.unit = f.indicator.unit;
    }
    std::string id = "i" + std::to_string(++next);
    f.indicator.id = id;
    for (Target& t : f.targets) {
      std::erase_if(goal->targets, [&](const Target& x) {
        return x.indicator.empty() && x.value && t.value && SameValue(*x.value, *t.value) &&
               x.unit == t.unit && (x.fiscal_year == 0 || x.fiscal_year == t.fiscal_year);
      });
      t.indicator = id;
      goal->targets.push_back(std::move(t));
    }
    for (Actual& a : f.actuals) {
      std::erase_if(goal->actuals, [&](const Actual& x) {
        return x.indicator.empty() && SameValue(x.value, a.value) && x.unit == a.unit &&
               (x.fiscal_year == 0 || x.fiscal_year == a.fiscal_year);
      });
      a.indicator = id;
      goal->actuals.push_back(std::move(a));
    }
    goal->indicators.push_back(std::move(f.indicator));
  }
}

}  // namespace gyosei::extract
