#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dates/date_parser.h"

namespace gyosei::dates::internal {

namespace {

int FiscalYearOfDay(int y, int m) { return m >= 4 ? y : y - 1; }
Ymd LastDayOf(int y, int m) { return {y, m, DaysInMonth(y, m)}; }

// H27~H31: a period written with bare abbreviations at both ends is a plan's period, and plans
// run by fiscal year (総合戦略期間(H27~H31), (H27~H31累計)). A single bare H27 stays a calendar
// year (観光客数[暦年] H23 H24, H27国勢調査).
void LoneToFiscalYear(Atom* a) {
  int fy = a->value.y;
  a->kind = DateKind::kFiscalYear;
  a->fiscal_year = fy;
  a->first = {fy, 4, 1};
  a->last = {fy + 1, 3, 31};
}

// 令和7~3年, H7~H2: a range that ends before it starts is not one.
bool Backwards(const Atom& a, const Atom& b) { return !a.null && !b.null && b.last < a.first; }

// 1-2 ASCII digits at s[i]: the month and day of a numeric date are never kanji.
bool AsciiNumber(std::string_view s, size_t i, int* value, size_t* end) {
  return i < s.size() && IsAsciiDigit(static_cast<unsigned char>(s[i])) &&
         ParseSmallInt(s, i, 2, value, end);
}

// Characters that start the unit of a measured number: 2021.7万人, 2000.5km and 2020.3% are
// numbers, not year-months.
constexpr std::u32string_view kUnitStarts = U"万億千百十円人名件回個歳台校社戸冊棟園倍割分点%㎡℃";

}  // namespace

// Parses the expression starting at s_[i], if there is one, with its marker and, for
// から / ～, the second half of a range.
bool Parser::Expression(size_t i, Atom* out) {
  if (EraYearSpan(i, out)) return true;
  Atom a;
  if (!Single(i, nullptr, nullptr, &a)) return false;
  Remember(a);
  size_t j = SkipSpaces(s_, a.end);
  // 2024/4/1-2024/4/30: a hyphen joins two full dates only; elsewhere it is too common.
  bool dash = j < s_.size() && (s_[j] == '~' || (s_[j] == '-' && a.kind == DateKind::kDate));
  if (a.marker == DateMarker::kFrom && StartsWithAt(s_, SkipSpaces(s_, a.end), "から")) {
    j = SkipSpaces(s_, a.marker_end);
  } else if (dash) {
    j = SkipSpaces(s_, j + 1);
  } else {
    *out = std::move(a);
    return true;
  }
  // 2005年11月から翌2006年7月: 翌 only says the second year follows the first (not 翌年度).
  if (StartsWithAt(s_, j, "翌") && !StartsWithAt(s_, j, "翌年")) j += std::string_view("翌").size();
  Atom b;
  range_second_ = j;
  bool second = Single(j, a.era, a.null ? nullptr : &a, &b) || SameMonthEnd(j, a, &b);
  range_second_ = std::string_view::npos;
  if (!second || Backwards(a, b)) {
    *out = std::move(a);
    return true;
  }
  if (a.lone && b.lone && a.kind == DateKind::kYear && b.kind == DateKind::kYear) {
    LoneToFiscalYear(&a);
    LoneToFiscalYear(&b);
  }
  Remember(b);
  *out = Range(std::move(a), std::move(b));
  return true;
}

// 令和3～5年度, 平成20～24年: one era for both ends of a range of years.
bool Parser::EraYearSpan(size_t i, Atom* out) {
  const Era* era;
  size_t j;
  YearPart first;
  spaced_ = false;
  if (!MatchEra(i, &era, &j) || !EraNumber(SkipSpaces(s_, j), &first.era_year, &j)) return false;
  // 令和3～5年度, 平成23-24年, and 令和7・8年度 (two years listed, which for consecutive years
  // is the same span: 入札参加資格 令和7・8年度).
  size_t k = SkipSpaces(s_, j), second = 0;
  const bool listed = StartsWithAt(s_, k, "・");
  if (k < s_.size() && (s_[k] == '~' || s_[k] == '-')) {
    second = SkipSpaces(s_, k + 1);
  } else if (listed) {
    second = SkipSpaces(s_, k + std::string_view("・").size());
  } else {
    return false;
  }
  Atom a, b;
  if (!Single(second, era, nullptr, &b) || b.era != era || b.kind == DateKind::kRange) return false;
  const int b_year = b.kind == DateKind::kFiscalYear ? b.fiscal_year
                     : b.kind == DateKind::kYear     ? b.value.y
                                                     : 0;
  if (listed && b_year != era->first_year + first.era_year) return false;
  first.era = era;
  first.year = era->first_year + first.era_year - 1;
  if (b.lone && b.kind == DateKind::kYear) LoneToFiscalYear(&b);
  first.fiscal = b.kind == DateKind::kFiscalYear || b.fiscal_year != 0;
  first.year_word = true;
  first.end = j;
  EraYearPastEnd(i, &first);
  a.begin = i;
  a.era = era;
  a.warnings = std::move(first.warnings);
  if (first.fiscal) {
    FiscalTail(first, &a);
  } else {
    CalendarTail(first, &a);
  }
  if (Backwards(a, b)) return false;
  Remember(a);
  Remember(b);
  *out = Range(std::move(a), std::move(b));
  return true;
}

// One expression without range handling. `era` lends its era to a bare 5年度 after
// 令和3年度～; `anchor` resolves a bare month after 令和3年4月～.
bool Parser::Single(size_t i, const Era* era, const Atom* anchor, Atom* a) {
  YearPart y;
  a->begin = i;
  if (ParseYear(i, era, &y)) {
    a->era = y.era;
    a->numeric = y.numeric;
    a->lone = y.lone;
    a->anaphoric = y.anaphoric;
    a->document_relative = y.document_relative;
    a->warnings = std::move(y.warnings);
    if (y.fiscal) {
      FiscalTail(y, a);
    } else {
      CalendarTail(y, a);
    }
  } else if (!BareMonth(i, anchor, a)) {
    return false;
  }
  if (a->anaphoric && a->null && a->warnings.empty()) Unresolved(a);
  Marker(a);
  return true;
}

bool Parser::FiscalSuffixAt(size_t k) {
  static constexpr std::string_view kSuffixes[] = {"末", "上期", "上半期", "下期", "下半期", "第"};
  for (std::string_view s : kSuffixes)
    if (StartsWithAt(s_, k, s)) return s != "第" || Quarter(k, nullptr, nullptr);
  return false;
}

bool Parser::Quarter(size_t k, int* q, size_t* end) {
  if (!StartsWithAt(s_, k, "第")) return false;
  // One digit only: in 第一四半期 the 四 of 四半期 is not part of the number.
  size_t j = k + std::string_view("第").size(), len;
  if (j >= s_.size()) return false;
  char32_t c = DecodeAfter(j);
  int n = IsAsciiDigit(c) ? static_cast<int>(c - '0') : KanjiDigitValue(c);
  DecodeAt(s_, j, &len);
  j += len;
  if (n < 1 || n > 4 || !StartsWithAt(s_, j, "四半期")) return false;
  if (q) *q = n;
  if (end) *end = j + std::string_view("四半期").size();
  return true;
}

void Parser::FiscalTail(const YearPart& y, Atom* a) {
  int fy = y.year;
  a->end = y.end;
  a->kind = DateKind::kFiscalYear;
  a->fiscal_year = fy;
  a->null = fy == 0;
  a->first = {fy, 4, 1};
  a->last = {fy + 1, 3, 31};
  size_t k = y.end;
  int q;
  size_t q_end;
  auto range = [&](Ymd first, Ymd last, size_t end) {
    a->kind = DateKind::kRange;
    a->first = first;
    a->last = last;
    a->end = end;
  };
  if (StartsWithAt(s_, k, "末")) {
    a->kind = DateKind::kMonthEnd;
    a->value = a->first = a->last = {fy + 1, 3, 31};
    a->end = k + std::string_view("末").size();
  } else if (StartsWithAt(s_, k, "上半期") || StartsWithAt(s_, k, "上期")) {
    range({fy, 4, 1}, {fy, 9, 30}, k + (StartsWithAt(s_, k, "上期") ? 6 : 9));
  } else if (StartsWithAt(s_, k, "下半期") || StartsWithAt(s_, k, "下期")) {
    range({fy, 10, 1}, {fy + 1, 3, 31}, k + (StartsWithAt(s_, k, "下期") ? 6 : 9));
  } else if (Quarter(k, &q, &q_end)) {
    int m = 4 + 3 * (q - 1), year = m > 12 ? fy + 1 : fy;
    m = (m - 1) % 12 + 1;
    range({year, m, 1}, LastDayOf(year, m + 2), q_end);
  }
  if (fy == 0) a->first = a->last = a->value = {};
}

// A number and its counter, spaces allowed between: 4月, 1 日; not a length (3月間, 10日間).
// *n is left alone unless the counter is there: 2021年4年度 has no month.
bool Parser::Counted(size_t i, std::string_view counter, int* n, size_t* end) {
  size_t j;
  int value;
  if (!Number(SkipSpaces(s_, i), 2, &value, &j)) return false;
  j = SkipSpaces(s_, j);
  if (!StartsWithAt(s_, j, counter) || StartsWithAt(s_, j + counter.size(), "間")) return false;
  *n = value;
  *end = j + counter.size();
  return true;
}

// The month and day after a year written with numbers and separators, from the separator at
// s_[k]: /7/18, .7.18, -7-18, ・7・18, and the year-months /7 and .7 (day 0). The separator
// repeats (2021/7-18 is not a date) and the month is 1..12. Not a date when a number goes on:
// 2021.7.18.3 is a section number, 2021.7% and 2021.7万人 are numbers, 令和3・4・5年度 is a
// list of years. A year-month is only written with / or .: 2021-7 is a code and 令和3・4年度
// a list. Conventions of gyosei's (peer-tests ja-timex A06 A27 A29, A09 A11-A13): a comma is
// a list or thousands separator, never a date separator (2021,7,18 is no date), and mixes
// of 年/月 with a slash are left alone (2021/7月 is no date, 2021年/7月 only its year).
bool Parser::NumericMonthDay(size_t k, int* m, int* d, size_t* end) const {
  size_t sep = 0;
  if (k < s_.size() && (s_[k] == '.' || s_[k] == '/' || s_[k] == '-')) {
    sep = 1;
  } else if (StartsWithAt(s_, k, "・")) {
    sep = std::string_view("・").size();
  }
  if (sep == 0) return false;
  const std::string_view mark = s_.substr(k, sep);
  size_t j;
  if (!AsciiNumber(s_, k + sep, m, &j) || *m < 1 || *m > 12) return false;
  *d = 0;
  if (StartsWithAt(s_, j, mark)) {
    if (!AsciiNumber(s_, j + sep, d, &j) || *d < 1) return false;
  } else if (mark != "/" && mark != ".") {
    return false;
  }
  char32_t next = DecodeAfter(j);
  if (IsAsciiDigit(next) || next == U'年' || next == U'月' || next == U'日' ||
      (StartsWithAt(s_, j, mark) && IsAsciiDigit(DecodeAfter(j + sep))) ||
      (*d == 0 && (IsAsciiLetter(next) || kUnitStarts.find(next) != std::u32string_view::npos ||
                   AmongNumbers(k, j))))
    return false;
  *end = j;
  return true;
}

// Whether the year-month whose separator is at s_[k] and which ends at s_[end] stands in a row
// of numbers (2089.1  2090.7  2107.4 in a table): then it is one of them, not a month.
bool Parser::AmongNumbers(size_t k, size_t end) const {
  size_t b = k;
  while (b > 0 && IsAsciiDigit(static_cast<unsigned char>(s_[b - 1]))) --b;
  size_t gap = b;
  while (gap > 0 && (s_[gap - 1] == ' ' || s_[gap - 1] == '\t')) --gap;
  if (gap < b && gap > 0 && IsAsciiDigit(static_cast<unsigned char>(s_[gap - 1]))) return true;
  size_t after = SkipSpaces(s_, end);
  return after > end && IsAsciiDigit(DecodeAfter(after));
}

void Parser::CalendarTail(const YearPart& y, Atom* a) {
  int m = 0, d = 0;
  size_t k = y.end;
  if (size_t j; y.numeric && NumericMonthDay(k, &m, &d, &j)) {  // H30.4.1, 2024/4/1, R3.10
    k = j;
  } else if (size_t j; y.year_word && Counted(k, "月", &m, &j)) {
    k = j;
    if (m == 0) m = -1;  // 0月 was written: a month that does not exist, not a missing one
    if (Counted(k, "日", &d, &j)) k = j;
  }
  a->end = k;
  a->value = {y.year, m, d};
  a->kind = m == 0 ? DateKind::kYear : d == 0 ? DateKind::kMonth : DateKind::kDate;
  MonthTail(a);
  if (y.year == 0) {
    a->null = true;
    return;
  }
  if (!Exists(a)) return;
  EraBounds(y, a);
}

// 末, 初, 上旬 / 中旬 / 下旬 after a month (or 末 after a year); then the span covered.
void Parser::MonthTail(Atom* a) {
  Ymd& v = a->value;
  size_t k = a->end;
  auto take = [&](std::string_view w) {
    if (!StartsWithAt(s_, k, w)) return false;
    a->end = k + w.size();
    return true;
  };
  if (v.d == 0 && (take("末日") || take("末"))) {
    a->kind = DateKind::kMonthEnd;
    if (v.m == 0) v.m = 12;
    v.d = DaysInMonth(v.y, v.m);
  } else if (v.m != 0 && v.d == 0 && (take("上旬") || take("初旬"))) {
    a->kind = DateKind::kRange;
    a->first = {v.y, v.m, 1};
    a->last = {v.y, v.m, 10};
    return;
  } else if (v.m != 0 && v.d == 0 && (take("初め") || take("初"))) {
    a->kind = DateKind::kDate;
    v.d = 1;
  } else if (v.m != 0 && v.d == 0 && take("中旬")) {
    a->kind = DateKind::kRange;
    a->first = {v.y, v.m, 11};
    a->last = {v.y, v.m, 20};
    return;
  } else if (v.m != 0 && v.d == 0 && take("下旬")) {
    a->kind = DateKind::kRange;
    a->first = {v.y, v.m, 21};
    a->last = LastDayOf(v.y, v.m);
    return;
  }
  a->first = {v.y, v.m == 0 ? 1 : v.m, v.d == 0 ? 1 : v.d};
  a->last = v.m == 0 ? Ymd{v.y, 12, 31} : v.d == 0 ? LastDayOf(v.y, v.m) : v;
}

bool Parser::Exists(Atom* a) {
  const Ymd& v = a->value;
  int m = v.m;
  if (a->kind == DateKind::kYear || (m >= 1 && m <= 12 && (v.d == 0 || v.d <= DaysInMonth(v.y, m))))
    return true;
  if (m < 0) m = 0;
  std::string why = m < 1 || m > 12
                        ? "there is no month " + std::to_string(m)
                        : Iso(v.y, m) + " has " + std::to_string(DaysInMonth(v.y, m)) + " days";
  a->warnings.push_back({"nonexistent_date", Text(a->begin, a->end) + ": " + why});
  a->null = true;
  return false;
}

// ICU's lenient calendar accepts 平成31年5月1日 and 令和元年4月1日; the documents do too.
void Parser::EraBounds(const YearPart& y, Atom* a) {
  const Era* e = y.era;
  if (e == nullptr || a->value.m == 0) return;
  if (e->last.y != 0 && y.era_year > e->LastEraYear()) return;  // already warned
  Ymd v = a->value;
  bool day = a->kind == DateKind::kDate || a->kind == DateKind::kMonthEnd;
  auto cut = [&](Ymd b) { return day ? b : Ymd{b.y, b.m, 0}; };
  if (!day) v.d = 0;
  if (e->last.y != 0 && v > cut(e->last)) {
    a->warnings.push_back({"date_past_era_end",
                           Text(a->begin, a->end) + ": " + e->name + " ended on " + Iso(e->last)});
  } else if (v < cut(e->start)) {
    a->warnings.push_back({"date_before_era_start",
                           Text(a->begin, a->end) + ": " + e->name + " began on " + Iso(e->start)});
  }
}

// The second half of a range that only names a day of the first half's month: 4月3日～6日,
// 2012/4/3~6; or, after a numeric date, a month and day: 2021/4/1~6/30.
bool Parser::SameMonthEnd(size_t i, const Atom& first, Atom* b) {
  const Ymd& v = first.value;
  if (first.kind != DateKind::kDate || v.d == 0) return false;
  int m = v.m, d;
  size_t end;
  if (!Counted(i, "日", &d, &end)) {
    if (!first.numeric || !AsciiNumber(s_, i, &d, &end)) return false;
    // 2021/4/1~6/30: the first half's separator, then the day of another month.
    const std::string_view written = s_.substr(first.begin, first.end - first.begin);
    const size_t sep = written.find_first_of("/.-");
    if (sep != std::string_view::npos && end < s_.size() && s_[end] == written[sep]) {
      m = d;
      if (!AsciiNumber(s_, end + 1, &d, &end)) return false;
    }
  }
  char32_t next = DecodeAfter(end);
  if (IsAsciiDigit(next) || next == '.' || next == '/' || next == U'年' || next == U'月' ||
      kUnitStarts.find(next) != std::u32string_view::npos)
    return false;
  int y = m < v.m ? v.y + 1 : v.y;
  if (m < 1 || m > 12 || (m == v.m && d <= v.d) || d > DaysInMonth(y, m)) return false;
  b->begin = i;
  b->end = end;
  b->kind = DateKind::kDate;
  b->null = first.null;
  b->anaphoric = first.anaphoric;
  b->value = b->first = b->last = {y, m, d};
  Marker(b);
  return true;
}

// 4月, 1月末, 10月29日 with no year: the fiscal year in context, or the month of the
// first half of a range (令和3年4月～9月).
bool Parser::BareMonth(size_t i, const Atom* anchor, Atom* a) {
  char32_t before = DecodeBefore(s_, i);
  static constexpr char32_t kCounters[] = {U'か', U'ヶ', U'カ', U'ヵ', U'ケ', U'箇',
                                           U'第', U'毎', U'.',  U',',  U'/',  U'-'};
  if (IsAsciiDigit(before) || IsKanjiNumeral(before) || IsAsciiLetter(before)) return false;
  for (char32_t c : kCounters)
    if (before == c) return false;
  int m, d = 0;
  size_t end, d_end;
  if (i >= s_.size() || s_[i] == ' ' || !Counted(i, "月", &m, &end)) return false;
  if (Counted(end, "日", &d, &d_end)) end = d_end;
  a->end = end;
  a->anaphoric = true;
  int year = 0;
  if (anchor != nullptr && anchor->value.m != 0) {
    year = m >= anchor->value.m ? anchor->value.y : anchor->value.y + 1;
  } else if (int fy = Or(ctx_.last_fiscal_year, ctx_.document_fiscal_year); fy != 0) {
    year = m >= 4 ? fy : fy + 1;
  }
  a->value = {year, m, d};
  a->kind = d == 0 ? DateKind::kMonth : DateKind::kDate;
  MonthTail(a);
  if (year == 0) {
    a->null = true;
  } else {
    Exists(a);
  }
  return true;
}

void Parser::Marker(Atom* a) {
  static constexpr std::pair<std::string_view, DateMarker> kMarkers[] = {
      {"時点", DateMarker::kAsOf},  {"現在", DateMarker::kAsOf}, {"までに", DateMarker::kUntil},
      {"まで", DateMarker::kUntil}, {"から", DateMarker::kFrom}, {"以降", DateMarker::kFrom},
      {"より", DateMarker::kFrom},
  };
  size_t k = SkipSpaces(s_, a->end);
  for (const auto& [word, marker] : kMarkers) {
    if (StartsWithAt(s_, k, word)) {
      a->marker = marker;
      a->marker_end = k + word.size();
      return;
    }
  }
}

Atom Parser::Range(Atom a, Atom b) {
  Atom r;
  r.begin = a.begin;
  r.end = b.marker == DateMarker::kUntil ? b.marker_end : b.end;
  if (b.marker != DateMarker::kUntil) r.marker = b.marker;
  r.marker_end = b.marker_end;
  r.kind = DateKind::kRange;
  r.anaphoric = a.anaphoric || b.anaphoric;
  r.null = a.null || b.null;
  r.first = a.first;
  r.last = b.last;
  r.warnings = std::move(a.warnings);
  for (DateWarning& w : b.warnings) r.warnings.push_back(std::move(w));
  // One unresolved range is one warning, about the whole range.
  auto unresolved = [](const DateWarning& w) { return w.code == "unresolved_anaphora"; };
  if (std::erase_if(r.warnings, unresolved) > 0) Unresolved(&r);
  return r;
}

// Later anaphora resolve against this expression.
void Parser::Remember(const Atom& a) {
  if (a.null || a.document_relative) return;
  if (a.fiscal_year != 0) {
    ctx_.last_fiscal_year = a.fiscal_year;
    return;
  }
  ctx_.last_year = a.value.y != 0 ? a.value.y : a.last.y;
  if (a.kind != DateKind::kYear) ctx_.last_fiscal_year = FiscalYearOfDay(a.last.y, a.last.m);
}

void Parser::Unresolved(Atom* a) {
  a->warnings.push_back({"unresolved_anaphora",
                         Text(a->begin, a->end) + ": no preceding date or document fiscal year"});
}

}  // namespace gyosei::dates::internal
