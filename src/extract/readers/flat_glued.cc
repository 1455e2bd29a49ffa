// Rows of a KPI table whose cells ran together without any separator (a web table copied as
// text): the header's value columns from [flat glued_column], the row's digits split only where
// every printed 達成率 equals value / plan and only when exactly one split does.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "extract/readers/flat_cells.h"
#include "extract/readers/table_value.h"

namespace gyosei::extract {
namespace {

class GluedReading {
 public:
  GluedReading(const SheetRules& sheet, const dates::DateScanner& dates, int era_year,
               FlatTables& out)
      : sheet_(sheet), dates_(dates), era_year_(era_year), out_(out) {}

  void Scan(const std::vector<const Line*>& lines) {
    std::vector<GluedColumn> header;
    int since = 0;
    for (const Line* l : lines) {
      size_t end = 0;
      std::vector<GluedColumn> found = GluedHeader(l->text, end);
      if (!found.empty()) {
        header = std::move(found);
        since = 0;
      } else if (header.empty() || ++since > 3) {
        header.clear();
        continue;
      }
      ReadGluedRows(*l, end, header);
    }
  }

 private:
  static constexpr size_t kMaxDigits = 16;
  struct GluedColumn {
    int fiscal_year = 0;
    bool plan = false, rate = false;
    std::string label;
  };

  // The longest chain of [flat glued_column] matches in `t`, each where the last ended, with
  // a 達成率 among them; `end` gets where it ends.
  std::vector<GluedColumn> GluedHeader(std::string_view t, size_t& end) const {
    std::vector<GluedColumn> best;
    Match m, k;
    for (const Pattern& p : sheet_.flat_glued_columns) {
      for (size_t from = 0; from < t.size() && p.Find(t, from, m) && m.end > m.begin;
           from = m.end) {
        std::vector<GluedColumn> chain;
        size_t pos = m.begin;
        while (p.Find(t, pos, k) && k.begin == pos && k.end > pos) {
          auto year = sheet_.FlatYear(k.Group(t, p.GroupIndex("year")), dates_, era_year_);
          if (!year || year->fiscal_year == 0 || !year->rest.empty()) break;
          chain.push_back({year->fiscal_year, k.HasGroup(p.GroupIndex("plan")),
                           k.HasGroup(p.GroupIndex("rate")),
                           std::string(t.substr(k.begin, k.end - k.begin))});
          pos = k.end;
        }
        bool rated =
            std::any_of(chain.begin(), chain.end(), [](const GluedColumn& c) { return c.rate; });
        bool planned =
            std::any_of(chain.begin(), chain.end(), [](const GluedColumn& c) { return c.plan; });
        if (chain.size() >= 2 && rated && planned && chain.size() > best.size()) {
          best = std::move(chain);
          end = pos;
        }
      }
    }
    return best;
  }

  static bool WellFormed(std::string_view n) {
    if (n.empty() || !IsAsciiDigit(static_cast<unsigned char>(n.front())) ||
        !IsAsciiDigit(static_cast<unsigned char>(n.back())))
      return false;
    size_t dot = n.find('.');
    if (dot != std::string_view::npos && n.find('.', dot + 1) != std::string_view::npos)
      return false;
    std::string_view whole = n.substr(0, dot);
    if (dot != std::string_view::npos && n.substr(dot).find(',') != std::string_view::npos)
      return false;
    if (whole.size() > 1 && whole.front() == '0') return false;
    size_t comma = whole.find(',');
    if (comma != std::string_view::npos) {
      if (comma == 0 || comma > 3) return false;
      for (size_t i = comma; i < whole.size(); i += 4)
        if (whole[i] != ',' || i + 4 > whole.size() ||
            whole.substr(i + 1, 3).find(',') != std::string_view::npos)
          return false;
    }
    return true;
  }

  static double ValueOf(std::string_view n) {
    std::string plain;
    for (char c : n)
      if (c != ',') plain += c;
    return std::strtod(plain.c_str(), nullptr);
  }

  // Every split of `run` into the slots (a plan, values, 達成率) where each 達成率 equals its
  // value / the plan; stops looking after two.
  void SplitRun(std::string_view run, size_t pos, const std::vector<char>& slots,
                std::vector<std::string_view>& pieces,
                std::vector<std::vector<std::string_view>>& out) const {
    if (out.size() > 1) return;
    if (pieces.size() == slots.size()) {
      if (pos == run.size()) out.push_back(pieces);
      return;
    }
    for (size_t end = pos + 1; end <= std::min(run.size(), pos + kMaxDigits); ++end) {
      std::string_view piece = run.substr(pos, end - pos);
      if (!WellFormed(piece)) continue;
      if (slots[pieces.size()] == 'r') {
        // The plan is the first slot; the value rated is the one before.
        double plan = ValueOf(pieces.front()), actual = ValueOf(pieces.back());
        // As printed: rounded (within half its last digit) or cut (within one below it);
        // value / plan only, for the alternatives that reading both ways lets through.
        double printed = ValueOf(piece), unit = std::pow(10.0, -Decimals(piece));
        double rate = plan != 0 ? actual / plan * 100 : -1;
        bool ok = plan != 0 && actual != 0 &&
                  (std::abs(printed - rate) <= unit / 2 + 1e-9 ||
                   (rate >= printed - 1e-9 && rate < printed + unit));
        if (!ok) continue;
      }
      pieces.push_back(piece);
      SplitRun(run, end, slots, pieces, out);
      pieces.pop_back();
    }
  }

  void ReadGluedRows(const Line& line, size_t from, const std::vector<GluedColumn>& header) {
    // Slots: the plan first (its column must come first), then each value and its 達成率.
    if (!header.front().plan) return;
    std::vector<char> slots;
    for (const GluedColumn& c : header) {
      slots.push_back(c.plan ? 'p' : 'v');
      if (c.rate) slots.push_back('r');
    }
    const std::string& t = line.text;
    size_t row_begin = from;
    auto number_char = [&](size_t i) {
      return IsAsciiDigit(static_cast<unsigned char>(t[i])) || t[i] == '.' || t[i] == ',';
    };
    for (size_t i = from; i < t.size();) {
      if (!number_char(i)) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < t.size() && number_char(end)) ++end;
      std::string_view run = std::string_view(t).substr(i, end - i);
      std::vector<std::vector<std::string_view>> solutions;
      std::vector<std::string_view> pieces;
      // No number of a table runs past kMaxDigits: longer runs are no row (and the search
      // stays small).
      if (run.size() >= slots.size() && run.size() <= slots.size() * kMaxDigits)
        SplitRun(run, 0, slots, pieces, solutions);
      if (solutions.size() > 1)
        Warn("run-together numbers split more than one way: not read", line.LocAt(i));
      if (solutions.size() > 1) row_begin = end;  // a row of values ended there
      if (solutions.size() == 1) {
        EmitGlued(line, std::string_view(t).substr(row_begin, i - row_begin), i, header,
                  solutions.front());
        row_begin = end;
      }
      i = end;
    }
  }

  void EmitGlued(const Line& line, std::string_view row_text, size_t at,
                 const std::vector<GluedColumn>& header,
                 const std::vector<std::string_view>& pieces) {
    // A header cell left between the header and the first row (備考).
    for (size_t cut = std::min<size_t>(row_text.size(), 15); cut > 0; --cut)
      if (SheetRules::AnyFullMatch(sheet_.flat_labels, row_text.substr(0, cut))) {
        row_text.remove_prefix(cut);
        break;
      }
    std::string name(row_text), unit;
    std::optional<TargetBaseline> baseline;
    Match m;
    for (const Pattern& p : sheet_.flat_glued_baselines) {
      if (!p.Find(row_text, 0, m)) continue;
      std::string_view b = m.Group(row_text, p.GroupIndex("baseline"));
      unit = std::string(m.Group(row_text, p.GroupIndex("unit")));
      auto year = sheet_.FlatYear(m.Group(row_text, p.GroupIndex("year")), dates_, era_year_);
      baseline = TargetBaseline{ValueOf(b), unit, "", year ? year->fiscal_year : 0};
      name = std::string(row_text.substr(0, m.begin));
      if (!unit.empty() && name.ends_with(unit)) name.erase(name.size() - unit.size());
      break;
    }
    FlatIndicator ind;
    ind.indicator.name = name;
    ind.indicator.unit = unit;
    size_t k = 0;
    std::string text(row_text);
    for (const GluedColumn& c : header) {
      std::string_view value = pieces[k++];
      TableValue v{text + " " + c.label + " " + std::string(value),
                   name,
                   ValueOf(value),
                   unit,
                   c.fiscal_year,
                   line.LocAt(at)};
      if (c.plan) {
        Target t = ItemOf<Target>(std::move(v));
        t.baseline = baseline;
        ind.targets.push_back(std::move(t));
      } else {
        ind.actuals.push_back(ItemOf<Actual>(std::move(v)));
      }
      if (c.rate) ind.indicator.achievement = Achievement{ValueOf(pieces[k++]), c.fiscal_year};
    }
    Finish(std::move(ind), line.LocAt(at));
  }

  void Warn(std::string message, SourceLoc loc) {
    out_.warnings.push_back({"flat_table_unread", std::move(message), loc});
  }
  void Finish(FlatIndicator ind, SourceLoc loc) {
    ind.indicator.loc = loc;
    out_.indicators.push_back(std::move(ind));
  }

  const SheetRules& sheet_;
  const dates::DateScanner& dates_;
  int era_year_;
  FlatTables& out_;
};

}  // namespace

void ReadGluedTables(const std::vector<const Line*>& lines, const SheetRules& sheet,
                     const dates::DateScanner& dates, int era_year, FlatTables& out) {
  GluedReading(sheet, dates, era_year, out).Scan(lines);
}

}  // namespace gyosei::extract
