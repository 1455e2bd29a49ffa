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
  e.begin = f.Source(a.begin);
  e.end = f.Source(a.end);
  e.text = f.text().substr(a.begin, a.end - a.begin);
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

namespace {

// Every date expression holds a digit or one of 年 月 日 度 期 (令和元年, 同年度, 上期, 4月~9月,
// R3): the scanner only tries the few characters before such an anchor, not every position of
// a line of prose.
bool IsAnchor(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= '0' && c <= '9') return true;
  if (c != 0xE5 && c != 0xE6) return false;  // the lead byte of all five kanji
  static constexpr std::string_view kAnchors[] = {"年", "月", "日", "度", "期"};
  for (std::string_view a : kAnchors)
    if (s.substr(i, a.size()) == a) return true;
  return false;
}

// How far back from an anchor an expression may start, in characters: 昭和六十一年 is 5.
constexpr int kMaxLead = 12;

// Characters that may come before an expression's anchor: era names and their letters, digits
// and kanji numerals, 元, anaphora (同 翌 前 今 本 昨 来 次 当), 上/下/半/第 of 上期 and 第1四半期,
// and the punctuation of 2024(令和6), H30.4.1, 2024/4/1.
bool MayLead(char32_t c) {
  if (c < 0x80)
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '(' ||
           c == ')' || c == '.' || c == '/' || c == '-' || c == ' ' || c == '~';
  static constexpr std::u32string_view kLead =
      U"〇一二三四五六七八九十百千元明治大正昭和平成令同翌前今本昨来次当上下半第〜";
  return kLead.find(c) != std::u32string_view::npos;
}

// The earliest position an expression ending at or after `anchor` can start: back over at most
// kMaxLead characters that MayLead, not before `floor`.
size_t BackUp(std::string_view s, size_t anchor, size_t floor, int chars) {
  size_t pos = anchor;
  while (pos > floor && chars > 0) {
    size_t prev = pos - 1;
    while (prev > floor && (static_cast<unsigned char>(s[prev]) & 0xC0) == 0x80) --prev;
    size_t len;
    if (!MayLead(DecodeAt(s, prev, &len))) break;
    pos = prev;
    --chars;
  }
  return pos;
}

}  // namespace

void DateScanner::Scan(std::string_view text, DateContext& ctx, std::vector<DateExpr>& out) const {
  Folded folded = Fold(text);
  const std::string_view s = folded.text();
  Parser parser(eras_, s, ctx);
  size_t i = 0;
  while (i < s.size()) {
    size_t anchor = i;
    while (anchor < s.size() && !IsAnchor(s, anchor)) ++anchor;
    if (anchor == s.size()) break;
    bool found = false;
    for (size_t k = BackUp(s, anchor, i, kMaxLead); k <= anchor;) {
      Atom a;
      if (parser.Expression(k, &a)) {
        i = a.end;
        out.push_back(ToExpr(folded, std::move(a)));
        found = true;
        break;
      }
      size_t len;
      DecodeAt(s, k, &len);
      k += len;
    }
    if (!found) {
      size_t len;
      DecodeAt(s, anchor, &len);
      i = anchor + len;
    }
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
