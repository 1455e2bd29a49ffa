#include "extract/readers/sheet_reader.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <utility>

#include "extract/readers/table_value.h"

namespace gyosei::extract {
namespace {

std::string CellText(const TableCell& c) {
  std::string out;
  for (const Line& l : c.lines) out += l.text;
  return out;
}

SourceLoc CellLoc(const TableCell& c) {
  return c.lines.empty() ? SourceLoc{} : c.lines.front().loc;
}

// A rating cell's text without the bullet it is listed with (・目標を上回った).
std::string_view WithoutBullet(std::string_view s) {
  for (std::string_view b : {"・", "●", "■", "◆", "○"})
    if (s.starts_with(b)) s.remove_prefix(b.size());
  while (s.starts_with(" ")) s.remove_prefix(1);
  return s;
}

// The cells of a table by row, each row ordered by column.
class Grid {
 public:
  explicit Grid(const Table& t) : table_(t), rows_(static_cast<size_t>(t.rows)) {
    for (const TableCell& c : t.cells)
      if (c.row >= 0 && c.row < t.rows) rows_[static_cast<size_t>(c.row)].push_back(&c);
    for (auto& r : rows_)
      std::sort(r.begin(), r.end(),
                [](const TableCell* a, const TableCell* b) { return a->column < b->column; });
  }
  const std::vector<const TableCell*>& Row(int r) const { return rows_[static_cast<size_t>(r)]; }
  int rows() const { return static_cast<int>(rows_.size()); }
  // Column positions of text-aligned tables are approximate (see TablesFromBlocks).
  bool aligned() const { return table_.source == TableSource::kAligned; }

  // The first non-empty cell right of `c` in its row.
  const TableCell* RightOf(const TableCell& c) const {
    for (const TableCell* x : Row(c.row))
      if (x->column >= c.column + c.column_span && !CellText(*x).empty()) return x;
    return nullptr;
  }
  // Cells of the rows below `c` (up to `depth` rows) in its columns (nearest ±1 when aligned).
  std::vector<const TableCell*> Below(const TableCell& c, int depth) const {
    std::vector<const TableCell*> out;
    int slack = aligned() ? 1 : 0;
    for (int r = c.row + c.row_span; r < std::min(rows(), c.row + c.row_span + depth); ++r)
      for (const TableCell* x : Row(r))
        if (x->column + x->column_span - 1 >= c.column - slack &&
            x->column <= c.column + c.column_span - 1 + slack && !CellText(*x).empty())
          out.push_back(x);
    return out;
  }

 private:
  const Table& table_;
  std::vector<std::vector<const TableCell*>> rows_;
};

// One column of a grid's header: its year and the role its header gives the values under it.
struct Slot {
  const TableCell* cell = nullptr;
  int fiscal_year = 0;
  GridRole role = GridRole::kNone;
  bool ignored = false;
};

class SheetReading {
 public:
  SheetReading(const ReadContext& ctx, const SheetRules& sheet) : ctx_(ctx), sheet_(sheet) {}

  ReadResult Run() {
    for (const Table& t : ctx_.tables) ReadTable(t);
    // A sheet that names no year of its own is of the year whose budget it prints last: the
    // year it is written and evaluated in (21-23年度決算 | 24年度予算 in a 平成 sheet -> 2012).
    if (out_.fiscal_year == 0 && ctx_.fiscal_year == 0) out_.fiscal_year = budget_year_;
    int next_indicator = 0;
    for (Goal& g : out_.goals)
      for (Indicator& i : g.indicators) {
        std::string id = "i" + std::to_string(++next_indicator);
        for (Target& x : g.targets)
          if (x.indicator == i.id) x.indicator = id;
        for (Actual& x : g.actuals)
          if (x.indicator == i.id) x.indicator = id;
        i.id = id;
      }
    for (size_t i = 0; i < out_.goals.size(); ++i) {
      std::string id = "g" + std::to_string(i + 1);
      for (Goal& g : out_.goals)
        if (g.parent_id == out_.goals[i].id) g.parent_id = id;
      out_.goals[i].id = id;
    }
    return std::move(out_);
  }

  // The values the reading finds in `t` alone, under a goal of its own: targets, actuals and
  // the department. (Not ratings: a check-mark choice reads from either grid when it reads.)
  int CountValues(const Table& t) {
    out_.goals.emplace_back();
    top_ = current_ = 0;
    ReadTable(t);
    size_t n = out_.metadata.department.empty() ? 0 : 1;
    for (const Goal& g : out_.goals) n += g.targets.size() + g.actuals.size();
    return static_cast<int>(n);
  }

 private:
  Goal* Current() { return current_ < 0 ? nullptr : &out_.goals[static_cast<size_t>(current_)]; }

  void StartGoal(const TableCell& value, bool child) {
    Goal g;
    g.id = "draft" + std::to_string(out_.goals.size());
    g.title = CellText(value);
    g.loc = CellLoc(value);
    if (child && top_ >= 0) g.parent_id = out_.goals[static_cast<size_t>(top_)].id;
    out_.goals.push_back(std::move(g));
    current_ = static_cast<int>(out_.goals.size()) - 1;
    total_read_ = false;
    if (!child || top_ < 0) top_ = current_;
  }

  void ReadTable(const Table& table) {
    Grid grid(table);
    // A form naming the indicator (指標名 | 単位) with no grid of its own names the one of the
    // table right after it (a grid of other columns, printed as a table of its own).
    if (indicator_pending_ && !form_names_.empty()) {
      form_names_.erase(form_names_.begin(), form_names_.end() - 1);
      form_names_.back().row = kCarried;
    } else {
      form_names_.clear();
      indicator_unit_.clear();
    }
    indicator_pending_ = false;
    size_t named_before = form_names_.size();
    table_unit_.clear();
    has_form_labels_ = false;
    for (int r = 0; r < grid.rows(); ++r)
      for (const TableCell* c : grid.Row(r)) ReadFormCell(grid, *c);
    bool named_here = form_names_.size() > named_before;
    if (!ReadGrid(grid)) {
      indicator_pending_ = named_here;
      bool years_down = false;
      for (int r = 0; r < grid.rows() && !years_down; ++r)
        if (!grid.Row(r).empty() &&
            sheet_.Year(CellText(*grid.Row(r).front()), ctx_.dates, ctx_.era_year)) {
          int more = 0;
          for (int k = r + 1; k < grid.rows(); ++k)
            if (!grid.Row(k).empty() &&
                sheet_.Year(CellText(*grid.Row(k).front()), ctx_.dates, ctx_.era_year))
              ++more;
          years_down = more > 0;
        }
      if (years_down) {
        Table turned = Transposed(table);
        // Rows are the table's columns: every row is below the labels.
        for (FormName& n : form_names_) n.row = std::min(n.row, -1);
        indicator_pending_ = !ReadGrid(Grid(turned)) && named_here;
        continued_.clear();
      } else if (grid.aligned() && !continued_.empty() && !has_form_labels_) {
        // A text-aligned grid broken by lines outside it (a label on a line of its own)
        // continues under the last header: rows read against it when they have one value
        // per header column.
        for (int r = 0; r < grid.rows(); ++r)
          ReadDataRow(grid, grid.Row(r), {}, continued_, continued_name_, continued_unit_, true);
      } else {
        continued_.clear();
      }
    } else {
      continued_.clear();
      if (grid.aligned()) continued_ = last_slots_;
    }
  }

  // A label and its value in one cell: `所管課 福祉課` (a text table whose columns are one
  // space apart), or a label line over its value's lines (指標名 / 見守り訪問件数: rows of a
  // table without rules run together). The label's role and the value as a cell of its own;
  // nullopt when the cell is a label alone, or no label.
  std::optional<std::pair<FormRole, TableCell>> GluedLabel(const TableCell& c) const {
    if (c.lines.empty() || sheet_.Form(CellText(c)) != FormRole::kNone) return std::nullopt;
    TableCell value = c;
    const Line& first = c.lines.front();
    if (FormRole role = sheet_.Form(first.text); role != FormRole::kNone && c.lines.size() >= 2) {
      value.lines.erase(value.lines.begin());
      return std::pair(role, std::move(value));
    }
    // The lines below a label and its value on one line are another field the layout joined.
    size_t space = first.text.find(' ');
    if (space == std::string::npos) return std::nullopt;
    FormRole role = sheet_.Form(std::string_view(first.text).substr(0, space));
    size_t rest = first.text.find_first_not_of(' ', space);
    if (role == FormRole::kNone || rest == std::string::npos) return std::nullopt;
    value.lines.resize(1);
    value.lines.front().text = first.text.substr(rest);
    value.lines.front().loc = first.LocAt(rest);
    value.lines.front().anchors.clear();
    return std::pair(role, std::move(value));
  }

  void ReadFormCell(const Grid& grid, const TableCell& cell) {
    std::string text = CellText(cell);
    if (text.size() == 0 && cell.lines.empty()) return;
    // A whole cell that is only a unit, (単位:千円), gives the table's values their unit.
    if (std::string u = sheet_.UnitOf(text); !u.empty() && text.starts_with("(")) table_unit_ = u;
    FormRole role = sheet_.Form(text);
    std::optional<TableCell> glued;
    if (role == FormRole::kNone)
      if (auto g = GluedLabel(cell)) role = g->first, glued = std::move(g->second);
    if (role == FormRole::kNone) return;
    has_form_labels_ = true;
    const TableCell* right = glued ? &*glued : grid.RightOf(cell);
    if (right != nullptr && sheet_.Form(CellText(*right)) != FormRole::kNone) right = nullptr;
    const TableCell* value = right;
    if (value == nullptr) {
      for (const TableCell* b : grid.Below(cell, 1))
        if (sheet_.Form(CellText(*b)) == FormRole::kNone) {
          value = b;
          break;
        }
    }
    switch (role) {
      case FormRole::kGoalTitle:
        if (value == nullptr) break;
        if (top_ < 0) {
          StartGoal(*value, false);
          if (auto y = sheet_.Year(text, ctx_.dates, ctx_.era_year); y && y->fiscal_year != 0)
            out_.fiscal_year = y->fiscal_year;
        } else if (NextSheet(*value)) {
          StartGoal(*value, false);
        }
        break;
      case FormRole::kChildGoal:
        if (value != nullptr) StartGoal(*value, true);
        break;
      case FormRole::kDepartment:
        if (value != nullptr && out_.metadata.department.empty()) {
          out_.metadata.department = DepartmentOf(*value);
          out_.metadata.department_loc = CellLoc(*value);
        }
        break;
      case FormRole::kRating: {
        Goal* g = Current();
        if (g == nullptr || g->rating) break;
        if (glued) {
          g->rating = RatingOf(ctx_.rules, WithoutBullet(CellText(*glued)), true);
          break;
        }
        if (auto r = MarkedRating(grid, cell)) {
          g->rating = r;
          break;
        }
        std::vector<const TableCell*> candidates;
        if (right != nullptr) candidates.push_back(right);
        for (const TableCell* b : grid.Below(cell, 3)) candidates.push_back(b);
        for (const TableCell* c : candidates) {
          std::string option;
          if (sheet_.Mark(CellText(*c), option) != 0) {
            // The options of a choice in one cell (■拡充 □現状維持 □縮小); none selected, or
            // two, is no rating.
            g->rating = MarkedInCell(CellText(*c));
            break;
          }

          if (auto r = RatingOf(ctx_.rules, WithoutBullet(CellText(*c)), true)) {
            g->rating = r;
            break;
          }
        }
        break;
      }
      case FormRole::kLinkedGoal:
        if (value != nullptr) LinkedGoals(*value);
        break;
      case FormRole::kIndicator:
        if (value != nullptr)
          form_names_.push_back(FormName{cell.row + cell.row_span - 1, CellText(*value), ""});
        break;
      case FormRole::kUnit:
        // A number is a value printed under the unit's column, never a unit.
        // 単位 beside or under a name label is that indicator's.
        if (right != nullptr && !sheet_.Number(CellText(*right))) {
          if (!form_names_.empty() && form_names_.back().unit.empty() &&
              cell.row - form_names_.back().row <= 1)
            form_names_.back().unit = CellText(*right);
          else
            indicator_unit_ = CellText(*right);
        }
        break;
      case FormRole::kNone:
        break;
    }
  }

  // A program's name after the current program's indicators were read, and not its own
  // name again: the next sheet of sheets printed one after another without pages (a text
  // or HTML booklet), whose indicators are not the first program's. (A PDF's sheets are split
  // by page before they are read: there a name repeats the sheet's, or heads an annex.)
  bool NextSheet(const TableCell& value) const {
    std::string title = CellText(value);
    if (ctx_.doc.format == SourceFormat::kPdf || title.empty() || sheet_.Number(title))
      return false;
    bool read = false;
    for (size_t i = static_cast<size_t>(top_); i < out_.goals.size(); ++i) {
      if (out_.goals[i].title == title) return false;
      read |= !out_.goals[i].indicators.empty();
    }
    return read;
  }

  // A department cell listing two sections line by line (公園課 / 道路課: each line a
  // whole department ending in the same kind of unit) names the first; otherwise its lines are
  // one name wrapped (保健福祉局 / 高齢福祉部介護保険課).
  std::string DepartmentOf(const TableCell& value) const {
    if (value.lines.size() >= 2) {
      std::string first = sheet_.Department(value.lines.front().text);
      std::string last = sheet_.Department(value.lines.back().text);
      auto unit_kind = [](const std::string& d) { return d.substr(d.size() - 3); };
      bool listed = first == value.lines.front().text && last == value.lines.back().text &&
                    first.size() >= 3 && last.size() >= 3 && unit_kind(first) == unit_kind(last);
      if (listed) return first;
    }
    return sheet_.Department(CellText(value));
  }

  // A choice printed as check marks right of the label or in the two rows below it: the option
  // of the one selected mark (its own text, else the nearest text in the row above or below).
  std::optional<Rating> MarkedRating(const Grid& grid, const TableCell& label) const {
    const TableCell* marked = nullptr;
    std::string option;
    int marks = 0;
    for (int r = label.row; r < std::min(grid.rows(), label.row + label.row_span + 2); ++r) {
      for (const TableCell* c : grid.Row(r)) {
        if (c->column < label.column + label.column_span) continue;
        std::string text;
        int m = sheet_.Mark(CellText(*c), text);
        if (m != 0) ++marks;
        if (m == 1) {
          if (marked != nullptr) return std::nullopt;  // two selected: unsure
          marked = c;
          option = text;
        }
      }
    }
    if (marked == nullptr || marks < 2) return std::nullopt;
    if (option.empty()) {
      int best = 1 << 20;
      for (int r : {marked->row - 1, marked->row + 1}) {
        if (r < 0 || r >= grid.rows()) continue;
        for (const TableCell* c : grid.Row(r)) {
          std::string rest;
          int d = std::abs(c->column - marked->column);
          if (d <= 1 && d < best && sheet_.Mark(CellText(*c), rest) == 0)
            best = d, option = CellText(*c);
        }
      }
    }
    return RatingOf(ctx_.rules, option, true);
  }

  // A choice printed in one cell, its options one space apart (■拡充 □現状維持 □縮小, or
  // ■ 拡充 □ 縮小): the rating of the one selected option; nullopt unless exactly one is.
  std::optional<Rating> MarkedInCell(std::string_view text) const {
    std::vector<std::string> options;  // each with its mark
    size_t from = 0;
    while (from < text.size()) {
      size_t space = text.find(' ', from);
      std::string_view part = text.substr(
          from, space == std::string_view::npos ? std::string_view::npos : space - from);
      from = space == std::string_view::npos ? text.size() : space + 1;
      std::string option;
      if (sheet_.Mark(part, option) != 0 || options.empty())
        options.emplace_back(part);
      else
        options.back() += (option.empty() && options.back().empty() ? "" : " ") + std::string(part);
    }
    std::string chosen;
    int selected = 0, marks = 0;
    for (const std::string& o : options) {
      std::string option;
      int m = sheet_.Mark(o, option);
      marks += m != 0;
      if (m == 1) ++selected, chosen = option;
    }
    if (selected != 1 || marks < 2) return std::nullopt;
    while (chosen.starts_with(" ")) chosen.erase(0, 1);
    return RatingOf(ctx_.rules, chosen, true);
  }

  // 2.事務事業の最適化 ①民間活力の導入: one goal per numbered part, each under the one before.
  void LinkedGoals(const TableCell& value) {
    std::string text = CellText(value);
    std::string parent;
    size_t from = 0;
    while (from < text.size()) {
      size_t space = text.find(' ', from);
      std::string part =
          text.substr(from, space == std::string::npos ? std::string::npos : space - from);
      from = space == std::string::npos ? text.size() : space + 1;
      auto number = ctx_.rules.MatchNumber(part);
      if (!number || number->title_begin >= part.size()) continue;
      Goal g;
      g.id = "draft" + std::to_string(out_.goals.size());
      g.number = number->number;
      g.title = part.substr(number->title_begin);
      g.parent_id = parent;
      g.loc = CellLoc(value);
      parent = g.id;
      out_.goals.push_back(std::move(g));
    }
  }

  // A header cell's year and role, when it names a year (its rest empty or a grid role).
  std::optional<Slot> YearSlot(const TableCell& c) const {
    auto y = sheet_.Year(CellText(c), ctx_.dates, ctx_.era_year);
    if (!y) return std::nullopt;
    Slot s{&c, y->fiscal_year, GridRole::kNone, false};
    if (!y->rest.empty()) {
      s.role = sheet_.Grid(y->rest);
      if (s.role == GridRole::kNone || s.role == GridRole::kYearAxis ||
          s.role == GridRole::kDerived)
        return std::nullopt;
      s.ignored = s.role == GridRole::kIgnore || s.role == GridRole::kBudget;
    }
    return s;
  }

  // The header row's columns from its first year cell on.
  std::vector<Slot> HeaderSlots(const Grid& grid, int r) {
    std::vector<Slot> slots;
    int years = 0;
    for (const TableCell* c : grid.Row(r)) {
      if (auto s = YearSlot(*c)) {
        slots.push_back(*s);
        ++years;
        if (s->role == GridRole::kBudget) budget_year_ = std::max(budget_year_, s->fiscal_year);
      } else if (!slots.empty()) {
        GridRole role = sheet_.Grid(CellText(*c));
        slots.push_back(Slot{c, 0, role, role == GridRole::kNone || role == GridRole::kIgnore});
      }
    }
    if (years < 2) slots.clear();
    return slots;
  }

  // A header of two rows: a year spanning its roles in the row below (令和4年度 over
  // 目標 | 実績). The slots of the roles, each of the year above it; empty when row `k` is not
  // such a row (a cell under a year that is no role, or no year spanning two roles).
  std::vector<Slot> RoleSlots(const Grid& grid, const std::vector<Slot>& years, int k) const {
    std::vector<Slot> out;
    bool split = false;
    for (const Slot& y : years) {
      int lo = y.cell->column, hi = lo + y.cell->column_span - 1;
      int under = 0;
      for (const TableCell* c : grid.Row(k)) {
        if (c->column < lo || c->column + c->column_span - 1 > hi) continue;
        std::string text = CellText(*c);
        if (text.empty()) continue;
        GridRole role = sheet_.Grid(text);
        if (role == GridRole::kNone || role == GridRole::kYearAxis || role == GridRole::kDerived ||
            role == GridRole::kTotal || y.role != GridRole::kNone || y.fiscal_year == 0)
          return {};
        out.push_back(
            Slot{c, y.fiscal_year, role, role == GridRole::kIgnore || role == GridRole::kBudget});
        ++under;
      }
      if (under == 0) out.push_back(y);
      split |= under >= 2;
    }
    if (!split) return {};
    return out;
  }

  // Which slot each value cell of a data row falls under: the slot covering its column, or in
  // an aligned table the nearest (ties to the right: numbers are right-aligned under headers
  // that are centred), or in order when the row has one value per slot. A slot claimed twice
  // gets neither value (unsure).
  std::vector<std::pair<const Slot*, const TableCell*>> Assign(
      const Grid& grid, const std::vector<Slot>& slots,
      const std::vector<const TableCell*>& values) const {
    std::vector<std::pair<const Slot*, const TableCell*>> out;
    if (grid.aligned() && values.size() == slots.size()) {
      for (size_t i = 0; i < values.size(); ++i) out.emplace_back(&slots[i], values[i]);
      return out;
    }
    std::map<const Slot*, int> claims;
    for (const TableCell* v : values) {
      const Slot* best = nullptr;
      int best_distance = 1 << 20;
      for (const Slot& s : slots) {
        int lo = s.cell->column, hi = s.cell->column + s.cell->column_span - 1;
        int d = v->column < lo ? lo - v->column : v->column > hi ? v->column - hi : 0;
        if (!grid.aligned() && d > 0) continue;
        if (d < best_distance || (d == best_distance && v->column < lo))
          best = &s, best_distance = d;
      }
      if (best != nullptr && best_distance <= 2) {
        out.emplace_back(best, v);
        ++claims[best];
      }
    }
    std::erase_if(out, [&](const auto& p) { return claims[p.first] > 1; });
    return out;
  }

  // Reads every year-headed block of the table; false when it has no header row.
  bool ReadGrid(const Grid& grid) {
    bool any = false;
    for (int r = 0; r < grid.rows();) {
      std::vector<Slot> slots = HeaderSlots(grid, r);
      if (slots.empty()) {
        ++r;
        continue;
      }
      any = true;
      std::string header_name, header_unit;
      for (const TableCell* c : grid.Row(r)) {
        if (c == slots.front().cell) break;
        std::string t = CellText(*c);
        if (header_unit.empty()) header_unit = sheet_.UnitOf(t);
        auto glued = GluedLabel(*c);
        if (glued && glued->first == FormRole::kIndicator) t = CellText(glued->second);
        if (header_name.empty() && sheet_.Grid(t) == GridRole::kNone &&
            sheet_.Form(t) == FormRole::kNone && (!glued || glued->first == FormRole::kIndicator))
          header_name = t;
      }
      // A header over the label column may print the unit of the grid's values one row above
      // the years (項目(単位:千件)【数値目標】).
      if (header_unit.empty() && r > 0)
        for (const TableCell* c : grid.Row(r - 1))
          if (header_unit.empty() && !sheet_.Number(CellText(*c)))
            header_unit = sheet_.UnitOf(CellText(*c));
      last_slots_ = slots;
      continued_name_ = header_name;
      continued_unit_ = header_unit.empty() ? table_unit_ : header_unit;
      header_row_ = r;
      int k = r + 1;
      if (k < grid.rows())
        if (std::vector<Slot> roles = RoleSlots(grid, slots, k); !roles.empty()) {
          slots = std::move(roles);
          last_slots_ = slots;
          ++k;
        }
      stacked_name_.clear();
      part_name_.clear();
      part_derived_ = false;
      int data_begin = k;
      for (; k < grid.rows() && HeaderSlots(grid, k).empty(); ++k)
        ReadDataRow(grid, WithLabelsAbove(grid, k, data_begin, slots.front().cell->column),
                    grid.Row(r), slots, header_name, header_unit);
      r = k;
    }
    return any;
  }

  // Row `k` with the name cell of the rows above it (from `begin` on) that spans it, left
  // of the values: an indicator's name merged over its 目標 and 実績 rows names both. Only
  // for a row whose own labels are roles alone; a cell spanning a part of the grid (コスト,
  // 単位あたりコスト(A/C)) is no indicator's name.
  std::vector<const TableCell*> WithLabelsAbove(const Grid& grid, int k, int begin,
                                                int first_value_column) const {
    std::vector<const TableCell*> row = grid.Row(k);
    if (grid.aligned()) return row;
    bool roles_only = false;
    for (const TableCell* c : row) {
      if (c->column >= first_value_column) continue;
      std::string t = CellText(*c);
      GridRole role = sheet_.Grid(t);
      if (t.empty()) continue;
      if (role != GridRole::kPlan && role != GridRole::kForecast && role != GridRole::kMeasured &&
          role != GridRole::kBaseline && role != GridRole::kAchievement)
        return row;
      roles_only = true;
    }
    if (!roles_only) return row;
    for (int above = begin; above < k; ++above)
      for (const TableCell* c : grid.Row(above))
        if (c->row + c->row_span > k && c->column + c->column_span <= first_value_column &&
            sheet_.Grid(CellText(*c)) == GridRole::kNone &&
            sheet_.Form(CellText(*c)) == FormRole::kNone)
          row.push_back(c);
    std::sort(row.begin(), row.end(),
              [](const TableCell* a, const TableCell* b) { return a->column < b->column; });
    return row;
  }

  // The header cell above `c` (covering its column, or nearest when aligned), if any.
  const TableCell* HeaderOf(const Grid& grid, const std::vector<const TableCell*>& header,
                            const TableCell& c) const {
    const TableCell* best = nullptr;
    int best_distance = grid.aligned() ? 2 : 1;
    for (const TableCell* h : header) {
      int lo = h->column, hi = h->column + h->column_span - 1;
      int d = c.column < lo ? lo - c.column : c.column > hi ? c.column - hi : 0;
      if (d < best_distance) best = h, best_distance = d;
    }
    return best;
  }

  void ReadDataRow(const Grid& grid, const std::vector<const TableCell*>& row,
                   const std::vector<const TableCell*>& header, const std::vector<Slot>& slots,
                   const std::string& header_name, const std::string& header_unit,
                   bool continued = false) {
    int first_slot_column = slots.front().cell->column;
    GridRole row_role = GridRole::kNone;
    bool derived = false, left_text = false;
    std::string name, unit;
    std::optional<NumberCell> baseline;
    std::vector<const TableCell*> values;
    for (const TableCell* c : row) {
      std::string t = CellText(*c);
      // An indicator's name under its label's line (指標名 / 見守り訪問件数) is the name alone.
      if (auto glued = GluedLabel(*c); glued && glued->first == FormRole::kIndicator)
        t = CellText(glued->second);
      bool number = sheet_.Number(t).has_value();
      // Left of the years, a column's header says what its cells are (指標名 | 単位 | 基準値).
      bool left = continued ? !number : c->column < first_slot_column;
      const TableCell* head = left && !continued ? HeaderOf(grid, header, *c) : nullptr;
      if (head != nullptr) {
        std::string h = CellText(*head);
        FormRole form = sheet_.Form(h);
        GridRole grid_role = sheet_.Grid(h);
        // A number under the unit's header is a value printed left of its year's header
        // (numbers start at the cell's left edge, headers are centred), never a unit.
        bool value_under_unit = form == FormRole::kUnit && number;
        if (form == FormRole::kUnit && !number) {
          unit = t;
          continue;
        }
        if (grid_role == GridRole::kBaseline) {
          baseline = sheet_.Number(t);
          continue;
        }
        if (form == FormRole::kIndicator) {
          name += t;
          if (unit.empty()) unit = sheet_.UnitOf(t);
          continue;
        }
        // A form field (施策名 in a transposed form) or a column of its own: not the row's label.
        if ((form != FormRole::kNone && !value_under_unit) ||
            (grid_role != GridRole::kNone && grid_role != GridRole::kYearAxis))
          continue;
      }
      if (left && !number) {
        left_text |= !t.empty();
        GridRole role = sheet_.Grid(t);
        if (role == GridRole::kDerived) derived = true, role = GridRole::kNone;
        if (role == GridRole::kIgnore) return;
        if (role == GridRole::kTotal) {
          if (total_read_) return;
          total_read_ = true;
          role = GridRole::kNone;  // the total is the row's name
        }
        if (role != GridRole::kNone && role != GridRole::kYearAxis) {
          if (row_role == GridRole::kNone) row_role = role;
        } else if (role == GridRole::kNone && sheet_.Form(t) == FormRole::kNone) {
          if (unit.empty()) unit = sheet_.UnitOf(t);
          name += t;
        }
      } else {
        values.push_back(c);
      }
    }
    bool any_number = std::any_of(values.begin(), values.end(), [&](const TableCell* c) {
      return sheet_.Number(CellText(*c)).has_value();
    });
    // An indicator whose name fills a row of its own has its values in the row below, under
    // the same years (a long name in a row spanning the grid).
    // Its name may stand right of a label cell naming the grid's part (事業実績).
    // Right of a label naming a part of the grid (単位あたりコスト(A/C)) the indicator's own
    // name may follow (年間処理件数(件)), which wins; a part holds rows of several
    // indicators, and one that is only a unit (千円/t) is the part's figure in that unit.
    if (!continued && !any_number) {
      if (left_text) part_name_ = name, part_derived_ = derived;
      std::string own;
      for (const TableCell* c : values)
        if (own.empty()) own = CellText(*c);
      std::string stacked = name, stacked_unit = unit;
      if (std::string bare = sheet_.BareUnit(own); !bare.empty()) {
        stacked = part_name_.empty() ? part_name_ : part_name_ + " " + own;
        stacked_unit = bare;
      } else if (!own.empty()) {
        stacked = own;
        stacked_unit = sheet_.UnitOf(own);
      }
      if (!stacked.empty()) {
        stacked_name_ = stacked;
        stacked_unit_ = !stacked_unit.empty() ? stacked_unit : sheet_.UnitOf(stacked);
        stacked_derived_ = part_derived_ || sheet_.Grid(stacked) == GridRole::kDerived;
        return;
      }
    }
    if (name.empty() && !stacked_name_.empty())
      name = stacked_name_, unit = stacked_unit_, derived = stacked_derived_;
    stacked_name_.clear();
    // A form's indicator name names a grid below its label whose header names nothing else
    // (a header 細事業費(千円) names its grid): the nearest label above, not one below (a
    // cost grid before an analysis listing 指標 | 市民ニーズ).
    const FormName* form_name = nullptr;
    if (header_name.empty())
      for (const FormName& n : form_names_)
        if (n.row < header_row_) form_name = &n;
    if (name.empty()) name = form_name != nullptr ? form_name->name : header_name;
    std::string form_unit = form_name != nullptr && !form_name->unit.empty() ? form_name->unit
                            : form_names_.empty() || form_name != nullptr    ? indicator_unit_
                                                                             : "";
    // A derived figure (a cost per unit) is in no unit of the grid's amounts.
    // The name a form gives may print its unit (団員充足率(%)).
    if (unit.empty() && !derived)
      unit = !form_unit.empty()     ? form_unit
             : !header_unit.empty() ? header_unit
             : !table_unit_.empty() ? table_unit_
                                    : sheet_.UnitOf(name);
    if (name.empty()) return;
    Goal* goal = Current();
    if (goal == nullptr) {
      out_.warnings.push_back({"indicator_without_goal",
                               "an indicator grid before any goal label: not read",
                               CellLoc(*row.front())});
      return;
    }
    Indicator* indicator = nullptr;
    auto find_indicator = [&]() -> Indicator& {
      if (indicator != nullptr) return *indicator;
      for (Indicator& i : goal->indicators)
        if (i.name == StripUnit(name)) indicator = &i;
      if (indicator == nullptr) {
        Indicator i;
        i.id = "draft" + std::to_string(++drafts_);
        i.name = StripUnit(name);
        i.unit = unit;
        i.loc = CellLoc(*row.front());
        goal->indicators.push_back(std::move(i));
        indicator = &goal->indicators.back();
      }
      return *indicator;
    };
    if (continued && values.size() != slots.size()) return;
    for (auto [slot, cell] : Assign(grid, slots, values)) {
      if (slot->ignored) continue;
      GridRole role = slot->role != GridRole::kNone ? slot->role : row_role;
      // A forecast is a plan, but a derived figure's forecast is the budget divided.
      if (role == GridRole::kForecast) role = derived ? GridRole::kNone : GridRole::kPlan;
      auto n = sheet_.Number(CellText(*cell));
      if (!n || role == GridRole::kNone || role == GridRole::kYearAxis || role == GridRole::kIgnore)
        continue;
      std::string value_unit = !n->unit.empty() ? n->unit : unit;
      Indicator& ind = find_indicator();
      std::string text = ind.name + " " + CellText(*slot->cell) + " " + CellText(*cell);
      TableValue v{text, ind.name, n->value, value_unit, slot->fiscal_year, CellLoc(*cell)};
      if (role == GridRole::kPlan) {
        goal->targets.push_back(ItemOf<Target>(std::move(v)));
        goal->targets.back().indicator = ind.id;
      } else if (role == GridRole::kMeasured) {
        goal->actuals.push_back(ItemOf<Actual>(std::move(v)));
        goal->actuals.back().indicator = ind.id;
      } else if (role == GridRole::kAchievement) {
        ind.achievement = Achievement{n->value, slot->fiscal_year};
      } else if (role == GridRole::kBaseline) {
        baselines_[ind.id] = TargetBaseline{n->value, value_unit, "", slot->fiscal_year};
      }
    }
    if (indicator != nullptr && baseline)
      baselines_[indicator->id] =
          TargetBaseline{baseline->value, !baseline->unit.empty() ? baseline->unit : unit, "", 0};
    if (indicator != nullptr)
      if (auto b = baselines_.find(indicator->id); b != baselines_.end())
        for (Target& t : goal->targets)
          if (t.indicator == indicator->id) t.baseline = b->second;
  }

  std::string StripUnit(const std::string& name) const {
    std::string u = sheet_.UnitOf(name);
    if (u.empty()) return name;
    size_t open = name.rfind('(');
    if (open == std::string::npos || open == 0) return name;
    // Only a parenthesis that is the unit alone goes: (野菜 単位t) also names which figure.
    std::string_view inside = std::string_view(name).substr(open + 1);
    inside = inside.substr(0, inside.find(')'));
    if (inside.starts_with("単位:")) inside.remove_prefix(std::string_view("単位:").size());
    return inside == u ? name.substr(0, open) : name;
  }

  const ReadContext& ctx_;
  const SheetRules& sheet_;
  ReadResult out_;
  int top_ = -1, current_ = -1, drafts_ = 0;
  // The indicators a table's form labels name (指標名 | 相談件数), by the label's row.
  struct FormName {
    int row;
    std::string name, unit;
  };
  static constexpr int kCarried = -2;  // the row of a name carried from the table before
  std::vector<FormName> form_names_;
  std::string indicator_unit_, table_unit_;
  // The name (and unit) of a row naming an indicator without values, for the row below it.
  std::string stacked_name_, stacked_unit_;
  bool stacked_derived_ = false;
  // The label of the grid's part the rows below it belong to (単位あたりコスト(A/C)).
  std::string part_name_;
  bool part_derived_ = false;
  int budget_year_ = 0;  // the latest year of a 予算 column
  bool has_form_labels_ = false;
  int header_row_ = 0;  // the row of the grid header being read
  // The last table named an indicator (指標名) and read no grid: the next table's grid is its.
  bool indicator_pending_ = false;
  // The goal's first total row was read: later totals sum its revenue or staff, not its cost.
  bool total_read_ = false;
  // The last header of a text-aligned grid, for the tables that continue it.
  std::vector<Slot> last_slots_, continued_;
  std::string continued_name_, continued_unit_;
  std::map<std::string, TargetBaseline> baselines_;
};

}  // namespace

Table Transposed(const Table& t) {
  Table out = t;
  std::swap(out.rows, out.columns);
  for (TableCell& c : out.cells) {
    std::swap(c.row, c.column);
    std::swap(c.row_span, c.column_span);
  }
  std::stable_sort(out.cells.begin(), out.cells.end(), [](const TableCell& a, const TableCell& b) {
    return std::pair(a.row, a.column) < std::pair(b.row, b.column);
  });
  return out;
}

bool SheetReader::Applies(const ReadContext& ctx) const {
  if (ctx.tables.empty()) return false;
  bool opens_with_title = false;
  if (const Table& first = ctx.tables.front(); !first.cells.empty())
    opens_with_title = sheet_->Form(CellText(first.cells.front())) == FormRole::kGoalTitle;
  if (ctx.document_type != "evaluation_sheet" && !opens_with_title) return false;
  // A sheet of label | value rows only (事業名 | 目標値 | 実績値) is read by the prose reader,
  // which knows those rows; this one is for what it does not: year grids, sub-programs, plan
  // items, check-mark choices.
  bool titled = false, grid = false;
  for (const Table& t : ctx.tables) {
    Grid g(t);
    for (const TableCell& c : t.cells) {
      std::string text = CellText(c), option;
      FormRole role = sheet_->Form(text);
      titled |= role == FormRole::kGoalTitle && g.RightOf(c) != nullptr;
      grid |= role == FormRole::kChildGoal || role == FormRole::kLinkedGoal ||
              sheet_->Mark(text, option) == 1;
    }
    std::map<int, int> years_in_row, years_in_column;
    for (const TableCell& c : t.cells) {
      auto year = sheet_->Year(CellText(c), ctx.dates, ctx.era_year);
      if (!year || (!year->rest.empty() && sheet_->Grid(year->rest) == GridRole::kNone)) continue;
      int in_row = ++years_in_row[c.row], in_column = ++years_in_column[c.column];
      grid |= in_row >= 2 || in_column >= 2;
    }
    if (titled && grid) return true;
  }
  return false;
}

int SheetReader::CountValues(const ReadContext& ctx, const Table& t) const {
  return SheetReading(ctx, *sheet_).CountValues(t);
}

ReadResult SheetReader::Read(const ReadContext& ctx) const {
  ReadResult r = SheetReading(ctx, *sheet_).Run();
  // A form opened by a program's name label is an evaluation sheet even when its title (often
  // a running header, dropped by normalize) did not say so.
  r.document_type = "evaluation_sheet";
  return r;
}

}  // namespace gyosei::extract
