#include "extract/targets.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/utf8.h"

namespace gyosei::extract {
namespace {

struct Range {
  size_t begin, end;
  bool Contains(size_t b, size_t e) const { return b >= begin && e <= end; }
  bool Overlaps(size_t b, size_t e) const { return b < end && e > begin; }
};

// Top-level (...) spans: baselines and asides, never a target's own value.
std::vector<Range> Parentheticals(std::string_view text) {
  std::vector<Range> out;
  int depth = 0;
  size_t open = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') {
      if (depth++ == 0) open = i;
    } else if (text[i] == ')' && depth > 0) {
      if (--depth == 0) out.push_back({open, i + 1});
    }
  }
  if (depth > 0) out.push_back({open, text.size()});
  return out;
}

bool InsideAny(const std::vector<Range>& ranges, size_t b, size_t e) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const Range& r) { return r.Contains(b, e); });
}

std::vector<Range> ContextRanges(const std::vector<Pattern>& patterns, std::string_view text) {
  std::vector<Range> out;
  Match m;
  for (const Pattern& p : patterns) {
    for (size_t from = 0; from <= text.size() && p.Find(text, from, m);) {
      out.push_back({m.begin, m.end});
      from = m.end > m.begin ? m.end : m.end + 1;
    }
  }
  return out;
}

// The due date an expression gives, at the precision it is written: a month stays a month
// (平成22年4月 -> 2010-04), 年度末 / 月末 / まで give their last day.
std::string DueOf(const dates::DateExpr& e) {
  if (e.kind == dates::DateKind::kDate ||
      (e.kind == dates::DateKind::kMonth && e.marker != dates::DateMarker::kUntil))
    return e.value;
  return dates::DueDate(e);
}

// A value as printed in a list or a run-together table: "3,823 人", "5.9‰", "30%以上",
// "1.55". The unit is kept as printed (千人 stays 千人).
struct PlainValue {
  double value = 0;
  std::string unit, comparison;
};
std::optional<PlainValue> ReadPlainValue(std::string_view text) {
  size_t i = 0;
  std::string digits;
  while (i < text.size() &&
         (IsAsciiDigit(static_cast<unsigned char>(text[i])) || text[i] == ',' || text[i] == '.')) {
    if (text[i] != ',') digits += text[i];
    ++i;
  }
  if (digits.empty() || !IsAsciiDigit(static_cast<unsigned char>(digits.front())) ||
      !IsAsciiDigit(static_cast<unsigned char>(digits.back())))
    return std::nullopt;
  PlainValue v;
  v.value = std::stod(digits);
  std::string unit;
  for (char c : text.substr(i))
    if (c != ' ') unit += c;
  for (auto [word, cmp] : {std::pair{"以上", "ge"}, {"以下", "le"}, {"未満", "lt"}, {"超", "gt"}}) {
    if (unit.ends_with(word)) {
      unit.resize(unit.size() - std::string_view(word).size());
      v.comparison = cmp;
      break;
    }
  }
  v.unit = unit;
  return v;
}

std::string_view GroupOf(const Pattern& p, const Match& m, std::string_view text,
                         std::string_view name) {
  int g = p.GroupIndex(name);
  return g > 0 && m.HasGroup(g) ? m.Group(text, g) : std::string_view();
}

}  // namespace

namespace {
// The first date `text` names, with no context: nullopt when none.
std::optional<dates::DateExpr> FirstDate(const dates::DateScanner& dates, std::string_view text) {
  dates::DateContext ctx;
  std::vector<dates::DateExpr> found;
  dates.Scan(text, ctx, found);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}
}  // namespace

int YearOf(const dates::DateScanner& dates, std::string_view text) {
  std::optional<dates::DateExpr> first = FirstDate(dates, text);
  if (!first) return 0;
  if (first->fiscal_year != 0) return first->fiscal_year;
  const std::string& v = first->value;
  return v.size() >= 4 && IsAsciiDigit(static_cast<unsigned char>(v[0])) ? std::stoi(v.substr(0, 4))
                                                                         : 0;
}

// The fiscal year of a column's year or due month: 令和6年度 -> 2024, 平成32年3月 (the end of
// fiscal 2019) -> 2019.
int DueYearOf(const dates::DateScanner& dates, std::string_view text) {
  std::optional<dates::DateExpr> first = FirstDate(dates, text);
  if (!first) return 0;
  if (first->fiscal_year != 0) return first->fiscal_year;
  const std::string& v = first->value;
  if (v.size() < 7 || v[4] != '-' || !IsAsciiDigit(static_cast<unsigned char>(v[0]))) return 0;
  int year = std::stoi(v.substr(0, 4)), month = std::stoi(v.substr(5, 2));
  return month >= 4 ? year : year - 1;
}

bool AnyContains(const std::vector<Pattern>& patterns, std::string_view text) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const Pattern& p) { return p.Contains(text); });
}

std::string TargetBuilder::Metric(std::string_view text, size_t value_begin) const {
  std::string_view before = text.substr(0, value_begin);
  size_t comma = before.rfind("、");
  std::string metric(comma == std::string_view::npos ? before : before.substr(comma + 3));
  for (bool changed = true; changed && !metric.empty();) {
    changed = false;
    for (const Pattern& p : rules_.targets.metric_prefix) changed |= p.ReplaceAll(metric, "") > 0;
    for (const Pattern& p : rules_.targets.metric_suffix) changed |= p.ReplaceAll(metric, "") > 0;
  }
  while (!metric.empty() && metric.back() == ' ') metric.pop_back();
  while (!metric.empty() && metric.front() == ' ') metric.erase(0, 1);
  return metric;
}

std::optional<Target> TargetBuilder::Build(TextPiece item, bool in_block, int fiscal_year,
                                           std::vector<Warning>& warnings) const {
  std::string_view text = item.text;
  if (text.empty()) return std::nullopt;
  // A sentence outside a target block needs a commitment: most prose has none, and checking
  // first spares it the context patterns and the quantity scan.
  bool commits = rules_.Commits(text) && !AnyContains(rules_.targets.not_commit, text);
  if (!in_block && !commits) return std::nullopt;
  std::vector<Range> parens = Parentheticals(text);
  std::vector<Range> context = ContextRanges(rules_.targets.context, text);

  std::vector<quantities::Quantity> quantities;
  quantities_.Scan(text, quantities);
  const quantities::Quantity* main = nullptr;
  for (const quantities::Quantity& q : quantities) {
    if (InsideAny(parens, q.begin, q.end)) continue;
    if (std::any_of(context.begin(), context.end(),
                    [&](const Range& r) { return r.Overlaps(q.begin, q.end); }))
      continue;
    if (!in_block && q.approximate) continue;
    // Prefer the last quantity with a comparator: it carries the commitment
    // (男性の1か月以上の育児休暇の取得を1人以上とします -> 1人).
    if (main == nullptr || !q.comparison.empty() || main->comparison.empty()) main = &q;
  }
  if (!in_block && main == nullptr) return std::nullopt;
  if (in_block && main == nullptr && !AnyContains(rules_.targets.statement, text))
    return std::nullopt;

  Target t;
  t.text = std::string(text);
  t.loc = item.Loc();
  if (main != nullptr) {
    t.value = main->value;
    t.unit = main->unit;
    t.comparison = main->comparison;
    t.maintain = main->maintain;
    if (t.comparison.empty() && AnyContains(rules_.targets.implies_eq, text.substr(main->begin)))
      t.comparison = "eq";
    t.metric = Metric(text, main->begin);
  }

  // Baseline: the first parenthetical after the value that holds a quantity and does not
  // restate the target (延べ300日, 5年間で15人).
  for (const Range& r : parens) {
    if (main != nullptr && r.begin < main->end) continue;
    if (Restates(text.substr(r.begin, r.end - r.begin))) continue;
    auto b = quantities::ParseBaseline(dates_, quantities_, text.substr(r.begin, r.end - r.begin));
    if (!b) continue;
    t.baseline = TargetBaseline{b->value, b->unit, b->date, b->fiscal_year};
    break;
  }

  // Due: a date outside parentheses said with 現在 / 時点 / まで, a month end, or a date
  // directly qualifying the measured thing (平成22年4月の職員数).
  dates::DateContext ctx;
  ctx.document_fiscal_year = fiscal_year;
  std::vector<dates::DateExpr> exprs;
  dates_.Scan(text, ctx, exprs);
  const dates::DateExpr* due = nullptr;
  const dates::DateExpr* superseded = nullptr;
  for (size_t i = 0; i < exprs.size(); ++i) {
    const dates::DateExpr& e = exprs[i];
    if (InsideAny(parens, e.begin, e.end) || (e.value.empty() && dates::DueDate(e).empty()))
      continue;
    bool marked = e.marker == dates::DateMarker::kAsOf || e.marker == dates::DateMarker::kUntil;
    bool qualifies = (e.kind == dates::DateKind::kDate || e.kind == dates::DateKind::kMonth) &&
                     text.substr(e.end).starts_with("の") &&
                     (main == nullptr || e.end <= main->begin);
    if (!marked && !qualifies && e.kind != dates::DateKind::kMonthEnd) continue;
    if (due != nullptr && due->end == e.begin && due->marker == dates::DateMarker::kNone)
      superseded = due;
    due = &e;
  }
  if (due != nullptr) {
    t.due = DueOf(*due);
    if (superseded != nullptr) {
      warnings.push_back({"revised_due_date",
                          superseded->text + due->text +
                              ": two due dates run together (a struck-through "
                              "revision?); using the later one, " +
                              t.due,
                          t.loc});
    }
  }
  return t;
}

std::optional<Target> TargetBuilder::FromBlockItem(TextPiece item, int fiscal_year,
                                                   std::vector<Warning>& warnings) const {
  return Build(item, true, fiscal_year, warnings);
}

std::optional<Target> TargetBuilder::FromSentence(TextPiece sentence, int fiscal_year,
                                                  std::vector<Warning>& warnings) const {
  return Build(sentence, false, fiscal_year, warnings);
}

// Calls read(pattern, match) for each match of `patterns` in `text`, in pattern order, except
// those overlapping text an earlier call read (read returns whether it read the match).
template <typename Read>
void ForEachUnreadMatch(const std::vector<Pattern>& patterns, std::string_view text, Read read) {
  std::vector<Range> taken;
  Match m;
  for (const Pattern& p : patterns) {
    for (size_t from = 0; from < text.size() && p.Find(text, from, m) && m.end > m.begin;
         from = m.end) {
      if (std::any_of(taken.begin(), taken.end(),
                      [&](const Range& r) { return r.Overlaps(m.begin, m.end); }))
        continue;
      if (read(p, m)) taken.push_back({m.begin, m.end});
    }
  }
}

namespace {

// A progress row (指標名 目標値 指標名 実績値 達成率) is read only when it holds together: the
// metric printed again before the actual is the same, and the printed 達成率 is actual / target.
bool ProgressRowHolds(const Pattern& p, const Match& m, std::string_view text, double target,
                      double actual) {
  std::string_view again = GroupOf(p, m, text, "same_metric");
  if (p.GroupIndex("same_metric") > 0 && again != GroupOf(p, m, text, "metric")) return false;
  std::string_view rate = GroupOf(p, m, text, "rate");
  if (p.GroupIndex("rate") <= 0) return true;
  auto r = ReadPlainValue(rate);
  if (!r || target <= 0) return false;
  // 75 / 80 = 93.75% is printed 93.8% or 94%: within half a unit of the last digit printed.
  size_t dot = rate.find('.');
  size_t decimals = 0;
  while (dot != std::string_view::npos && dot + 1 + decimals < rate.size() &&
         IsAsciiDigit(static_cast<unsigned char>(rate[dot + 1 + decimals])))
    ++decimals;
  return std::abs(actual / target * 100 - r->value) <=
         0.5 * std::pow(10.0, -double(decimals)) + 1e-9;
}

}  // namespace

size_t TargetBuilder::InLine(TextPiece piece, int fiscal_year, std::vector<Target>& out,
                             std::vector<Actual>& actuals, std::vector<Warning>& warnings) const {
  std::string_view text = piece.text;
  size_t before = out.size();
  // The progress headers in the text, by where they end: a row takes the last one before it.
  struct HeaderYears {
    size_t end;
    int due, measured;
  };
  std::vector<HeaderYears> headers;
  for (const Pattern& p : rules_.targets.progress_header) {
    Match h;
    for (size_t from = 0; from < text.size() && p.Find(text, from, h) && h.end > h.begin;
         from = h.end)
      headers.push_back({h.end, DueYearOf(dates_, GroupOf(p, h, text, "due")),
                         YearOf(dates_, GroupOf(p, h, text, "measured"))});
  }
  std::sort(headers.begin(), headers.end(),
            [](const HeaderYears& a, const HeaderYears& b) { return a.end < b.end; });
  auto header_before = [&](size_t at) -> const HeaderYears* {
    const HeaderYears* last = nullptr;
    for (const HeaderYears& h : headers)
      if (h.end <= at) last = &h;
    return last;
  };
  ForEachUnreadMatch(rules_.targets.in_line, text, [&](const Pattern& p, const Match& m) {
    std::optional<Target> t;
    if (std::string_view item = GroupOf(p, m, text, "item"); !item.empty()) {
      // 《数値目標》5年間で100人の雇用の創出を図ります。: the labelled text is a target block item.
      size_t at = static_cast<size_t>(item.data() - text.data());
      t = Build(piece.Sub(at, at + item.size()), true, fiscal_year, warnings);
    } else if (auto v = ReadPlainValue(GroupOf(p, m, text, "value"))) {
      t.emplace();
      t->text = std::string(text.substr(m.begin, m.end - m.begin));
      t->loc = piece.Sub(m.begin).Loc();
      t->value = v->value;
      t->unit = v->unit;
      t->comparison = v->comparison;
      std::string_view metric = GroupOf(p, m, text, "metric");
      t->metric = Metric(metric, metric.size());
      if (auto b = ReadPlainValue(GroupOf(p, m, text, "baseline")))
        t->baseline = TargetBaseline{b->value, b->unit, "",
                                     YearOf(dates_, GroupOf(p, m, text, "baseline_year"))};
    }
    if (!t) return false;
    std::optional<PlainValue> measured;
    if (p.GroupIndex("actual") > 0) {
      measured = ReadPlainValue(GroupOf(p, m, text, "actual"));
      if (!measured || !ProgressRowHolds(p, m, text, t->value.value_or(0), measured->value))
        return false;
    }
    int year = YearOf(dates_, GroupOf(p, m, text, "year"));
    if (year == 0) year = YearOf(dates_, GroupOf(p, m, text, "year_after"));
    const HeaderYears* header = measured ? header_before(m.begin) : nullptr;
    if (year == 0 && header != nullptr) year = header->due;
    if (year != 0) t->fiscal_year = year;
    if (measured) {
      std::string_view actual = GroupOf(p, m, text, "actual");
      Actual a;
      if (header != nullptr) a.fiscal_year = header->measured;
      a.text = std::string(actual);
      a.metric = t->metric;
      a.value = measured->value;
      a.unit = measured->unit;
      a.loc = piece.Sub(static_cast<size_t>(actual.data() - text.data())).Loc();
      actuals.push_back(std::move(a));
    }
    out.push_back(std::move(*t));
    return true;
  });
  return out.size() - before;
}

size_t TargetBuilder::ActualsInLine(TextPiece piece, std::string_view metric,
                                    std::vector<Actual>& out) const {
  std::string_view text = piece.text;
  size_t before = out.size();
  ForEachUnreadMatch(rules_.targets.actual_in_line, text, [&](const Pattern& p, const Match& m) {
    auto v = ReadPlainValue(GroupOf(p, m, text, "value"));
    if (!v) return false;
    Actual a;
    a.text = std::string(text.substr(m.begin, m.end - m.begin));
    a.metric = std::string(metric);
    a.value = v->value;
    a.unit = v->unit;
    a.fiscal_year = YearOf(dates_, GroupOf(p, m, text, "year"));
    a.loc = piece.Sub(m.begin).Loc();
    out.push_back(std::move(a));
    return true;
  });
  return out.size() - before;
}

int TargetBuilder::YearIn(std::string_view text) const { return YearOf(dates_, text); }

bool TargetBuilder::Restates(std::string_view parenthetical) const {
  if (parenthetical.starts_with("(")) parenthetical.remove_prefix(1);
  if (parenthetical.ends_with(")")) parenthetical.remove_suffix(1);
  Match m;
  return std::any_of(rules_.targets.restatement.begin(), rules_.targets.restatement.end(),
                     [&](const Pattern& p) { return p.Find(parenthetical, 0, m) && m.begin == 0; });
}

std::optional<Target> TargetBuilder::FromTableRow(TextPiece metric, TextPiece target,
                                                  TextPiece baseline, int fiscal_year,
                                                  std::vector<Warning>& warnings) const {
  std::optional<Target> t = Build(target, true, fiscal_year, warnings);
  if (!t) return std::nullopt;
  if (!metric.text.empty()) {
    t->metric = std::string(metric.text);
    t->text = t->metric + " " + t->text;
    t->loc = metric.Loc();
  }
  if (!baseline.text.empty() && !t->baseline) {
    // 9人(延べ243日): the restatement in parentheses is not the baseline's value.
    std::string cell(baseline.text);
    std::vector<Range> parens = Parentheticals(cell);
    for (auto r = parens.rbegin(); r != parens.rend(); ++r)
      if (Restates(std::string_view(cell).substr(r->begin, r->end - r->begin)))
        cell.erase(r->begin, r->end - r->begin);
    if (auto b = quantities::ParseBaseline(dates_, quantities_, cell)) {
      t->baseline = TargetBaseline{b->value, b->unit, b->date, b->fiscal_year};
    }
  }
  return t;
}

}  // namespace gyosei::extract
