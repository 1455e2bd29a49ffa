#include "quantities/baseline.h"

#include <vector>

namespace gyosei::quantities {

using dates::DateContext;
using dates::DateExpr;
using dates::DateKind;
using dates::DateScanner;

namespace {

std::string_view StripParentheses(std::string_view t) {
  static constexpr std::string_view kOpen[] = {"(", "（"};
  static constexpr std::string_view kClose[] = {")", "）"};
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  for (std::string_view o : kOpen)
    if (t.starts_with(o)) t.remove_prefix(o.size());
  for (std::string_view c : kClose)
    if (t.ends_with(c)) t.remove_suffix(c.size());
  return t;
}

// The words between the date and the value that name what was measured, without the
// particles and colons around them: 時点のfacebook発信回数： -> facebook発信回数.
std::string Label(std::string_view between) {
  static constexpr std::string_view kTrimFront[] = {"時点", "現在", "の", "で", " "};
  static constexpr std::string_view kTrimBack[] = {"：", ":", "は", " "};
  for (bool again = true; again;) {
    again = false;
    for (std::string_view w : kTrimFront) {
      if (between.starts_with(w)) {
        between.remove_prefix(w.size());
        again = true;
      }
    }
    for (std::string_view w : kTrimBack) {
      if (between.ends_with(w)) {
        between.remove_suffix(w.size());
        again = true;
      }
    }
  }
  return std::string(between);
}

}  // namespace

std::optional<Baseline> ParseBaseline(const DateScanner& dates, const QuantityScanner& quantities,
                                      std::string_view text) {
  text = StripParentheses(text);
  std::vector<Quantity> found;
  quantities.Scan(text, found);
  if (found.empty()) return std::nullopt;
  const Quantity& q = found.back();  // a value follows its date and label
  Baseline b;
  b.value = q.value;
  b.unit = q.unit;

  DateContext ctx;
  std::vector<DateExpr> exprs;
  dates.Scan(text.substr(0, q.begin), ctx, exprs);
  if (exprs.empty()) return b;
  const DateExpr& d = exprs.back();
  b.fiscal_year = d.fiscal_year;
  if (d.kind != DateKind::kFiscalYear && d.kind != DateKind::kRange) b.date = d.value;
  b.label = Label(text.substr(d.end, q.begin - d.end));
  return b;
}

}  // namespace gyosei::quantities
