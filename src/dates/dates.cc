#include "dates/dates.h"

#include <utility>
#include <vector>

#include "dates/date_parser.h"
#include "dates/era.h"
#include "dates/text.h"

namespace gyosei::dates {

using internal::DaysInMonth;
using internal::Era;
using internal::Iso;
using internal::Ymd;

const char* DateKindName(DateKind kind) {
  switch (kind) {
    case DateKind::kDate:
      return "date";
    case DateKind::kMonth:
      return "month";
    case DateKind::kYear:
      return "year";
    case DateKind::kFiscalYear:
      return "fiscal_year";
    case DateKind::kMonthEnd:
      return "month_end";
    case DateKind::kRange:
      return "range";
  }
  return "date";
}

const char* DateMarkerName(DateMarker marker) {
  switch (marker) {
    case DateMarker::kNone:
      return "";
    case DateMarker::kAsOf:
      return "as_of";
    case DateMarker::kUntil:
      return "until";
    case DateMarker::kFrom:
      return "from";
  }
  return "";
}

namespace {

using namespace internal;

DateExpr ToExpr(const Folded& f, Atom a) {
  DateExpr e;
  e.begin = f.source[a.begin];
  e.end = f.source[a.end];
  e.text = f.text.substr(a.begin, a.end - a.begin);
  e.kind = a.kind;
  e.fiscal_year = a.null && a.anaphoric ? 0 : a.fiscal_year;
  e.marker = a.marker;
  e.anaphoric = a.anaphoric;
  e.warnings = std::move(a.warnings);
  if (a.null) return e;
  const Ymd& v = a.value;
  switch (a.kind) {
    case DateKind::kYear:
      e.value = Iso(v.y);
      break;
    case DateKind::kMonth:
      e.value = Iso(v.y, v.m);
      break;
    case DateKind::kDate:
    case DateKind::kMonthEnd:
      e.value = Iso(v);
      break;
    case DateKind::kFiscalYear:
    case DateKind::kRange:
      e.range_start = Iso(a.first);
      e.range_end = Iso(a.last);
      break;
  }
  return e;
}

}  // namespace

DateScanner::DateScanner() = default;
DateScanner::DateScanner(DateScanner&&) noexcept = default;
DateScanner& DateScanner::operator=(DateScanner&&) noexcept = default;
DateScanner::~DateScanner() = default;

Expected<DateScanner> DateScanner::Create() {
  auto eras = internal::LoadModernEras();
  if (!eras) return eras.status();
  DateScanner scanner;
  scanner.eras_ = std::move(*eras);
  return scanner;
}

void DateScanner::Scan(std::string_view text, DateContext& ctx, std::vector<DateExpr>& out) const {
  Folded folded = Fold(text);
  Parser parser(eras_, folded.text, ctx);
  for (size_t i = 0; i < folded.text.size();) {
    Atom a;
    if (parser.Expression(i, &a)) {
      i = a.end;
      out.push_back(ToExpr(folded, std::move(a)));
      continue;
    }
    size_t len;
    DecodeAt(folded.text, i, &len);
    i += len;
  }
}

int DateScanner::FiscalYearOf(std::string_view heading) const {
  DateContext ctx;
  std::vector<DateExpr> found;
  Scan(heading, ctx, found);
  for (const DateExpr& e : found)
    if (e.fiscal_year != 0 && !e.anaphoric) return e.fiscal_year;
  return 0;
}

std::string DueDate(const DateExpr& e) {
  if (!e.range_end.empty()) return e.range_end;
  if (e.value.empty()) return "";
  int y = std::stoi(e.value.substr(0, 4));
  if (e.value.size() == 4) return Iso(y, 12, 31);
  int m = std::stoi(e.value.substr(5, 2));
  if (e.value.size() == 7) return Iso(y, m, DaysInMonth(y, m));
  return e.value;
}

std::string FirstDay(const DateExpr& e) {
  if (!e.range_start.empty()) return e.range_start;
  if (e.value.empty()) return "";
  if (e.value.size() == 4) return e.value + "-01-01";
  if (e.value.size() == 7) return e.value + "-01";
  return e.value;
}

}  // namespace gyosei::dates
