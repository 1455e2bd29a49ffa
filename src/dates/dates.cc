#include "dates/dates.h"

#include <utility>
#include <vector>

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

int FiscalYearOfDay(int y, int m) { return m >= 4 ? y : y - 1; }
Ymd LastDayOf(int y, int m) { return {y, m, DaysInMonth(y, m)}; }

// One expression as parsed, in folded-text offsets, before it becomes a DateExpr.
struct Atom {
  size_t begin = 0, end = 0;
  DateKind kind = DateKind::kDate;
  bool null = false;  // unresolved or nonexistent: no value, no span
  Ymd value;          // the point for date / month_end; y (and m) for year / month
  int fiscal_year = 0;
  Ymd first, last;  // the days covered
  DateMarker marker = DateMarker::kNone;
  size_t marker_end = 0;  // end of the marker word, for a から ... まで range
  bool anaphoric = false;
  bool document_relative = false;
  const Era* era = nullptr;  // for 令和3年度～5年度, whose second half borrows the era
  std::vector<DateWarning> warnings;
};

// The year an expression starts with: an era year, a Western year, or an anaphor.
struct YearPart {
  size_t end = 0;
  bool fiscal = false;     // ... 年度 rather than ... 年
  bool year_word = false;  // 年 or 年度 was written (R3 alone has neither)
  int year = 0;            // Gregorian (fiscal) year; 0 = unresolved anaphor
  const Era* era = nullptr;
  int era_year = 0;
  bool anaphoric = false;
  // 今年度 / 昨年度 are relative to the document: remembering them would let a second 昨年度
  // count back from the first.
  bool document_relative = false;
  std::vector<DateWarning> warnings;
};

struct Anaphor {
  std::string_view word;
  bool fiscal;
  int offset;
  enum Base { kNearest, kDocument } base;
};
// Longest first: 同年度 must win over 同年.
constexpr Anaphor kAnaphors[] = {
    {"同年度", true, 0, Anaphor::kNearest},  {"翌年度", true, 1, Anaphor::kNearest},
    {"次年度", true, 1, Anaphor::kNearest},  {"前年度", true, -1, Anaphor::kNearest},
    {"今年度", true, 0, Anaphor::kDocument}, {"本年度", true, 0, Anaphor::kDocument},
    {"当年度", true, 0, Anaphor::kDocument}, {"昨年度", true, -1, Anaphor::kDocument},
    {"来年度", true, 1, Anaphor::kDocument}, {"同年", false, 0, Anaphor::kNearest},
    {"翌年", false, 1, Anaphor::kNearest},   {"前年", false, -1, Anaphor::kNearest},
};

// Words after a number + 年 that make it something other than a year.
constexpr std::string_view kNotAYear[] = {"問題", "代", "間", "ぶり", "以上", "未満", "目"};

// Scans one folded text. Holds per-call state only; the era table belongs to the scanner.
class Parser {
 public:
  Parser(const std::vector<Era>& eras, std::string_view s, DateContext& ctx)
      : eras_(eras), s_(s), ctx_(ctx) {}

  // Parses the expression starting at s_[i], if there is one, with its marker and, for
  // から / ～, the second half of a range.
  bool Expression(size_t i, Atom* out) {
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
    Atom b;
    range_second_ = j;
    if (!Single(j, a.era, a.null ? nullptr : &a, &b)) {
      *out = std::move(a);
      return true;
    }
    Remember(b);
    *out = Range(std::move(a), std::move(b));
    return true;
  }

 private:
  // 令和3～5年度, 平成20～24年: one era for both ends of a range of years.
  bool EraYearSpan(size_t i, Atom* out) {
    const Era* era;
    size_t j;
    YearPart first;
    if (!MatchEra(i, &era, &j) || !EraNumber(SkipSpaces(s_, j), &first.era_year, &j)) return false;
    size_t k = SkipSpaces(s_, j);
    if (k >= s_.size() || s_[k] != '~') return false;
    Atom a, b;
    if (!Single(SkipSpaces(s_, k + 1), era, nullptr, &b) || b.era != era ||
        b.kind == DateKind::kRange)
      return false;
    first.era = era;
    first.year = era->first_year + first.era_year - 1;
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
    Remember(a);
    Remember(b);
    *out = Range(std::move(a), std::move(b));
    return true;
  }

  // One expression without range handling. `era` lends its era to a bare 5年度 after
  // 令和3年度～; `anchor` resolves a bare month after 令和3年4月～.
  bool Single(size_t i, const Era* era, const Atom* anchor, Atom* a) {
    YearPart y;
    a->begin = i;
    if (ParseYear(i, era, &y)) {
      a->era = y.era;
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

  // --- the year --------------------------------------------------------------------------

  bool ParseYear(size_t i, const Era* borrowed, YearPart* y) {
    if (ParseAnaphor(i, y)) return true;
    if (ParseEraYear(i, y)) return true;
    if (ParseWesternYear(i, y)) return true;
    if (borrowed != nullptr) return ParseBorrowedEraYear(i, borrowed, y);
    return false;
  }

  bool ParseAnaphor(size_t i, YearPart* y) {
    for (const Anaphor& an : kAnaphors) {
      if (!StartsWithAt(s_, i, an.word)) continue;
      int base = an.fiscal ? (an.base == Anaphor::kDocument
                                  ? Or(ctx_.document_fiscal_year, ctx_.last_fiscal_year)
                                  : Or(ctx_.last_fiscal_year, ctx_.document_fiscal_year))
                           : ctx_.last_year;
      size_t end = i + an.word.size();
      if (!an.fiscal) {
        // 同年 alone is too vague to be worth a value (同年比, 同年代); it needs a month.
        size_t m_end;
        int m;
        if (!Month(end, &m, &m_end)) return false;
      }
      y->end = end;
      y->fiscal = an.fiscal;
      y->year_word = true;
      y->year = base == 0 ? 0 : base + an.offset;
      y->anaphoric = true;
      y->document_relative = an.base == Anaphor::kDocument;
      return true;
    }
    // 年度末 / 年度上期 with no year in front: the fiscal year in context.
    if (StartsWithAt(s_, i, "年度")) {
      char32_t before = DecodeBefore(s_, i);
      if (IsKanji(before) || IsAsciiDigit(before) || IsAsciiLetter(before)) return false;
      size_t end = i + std::string_view("年度").size();
      if (!FiscalSuffixAt(end)) return false;
      int base = Or(ctx_.document_fiscal_year, ctx_.last_fiscal_year);
      y->end = end;
      y->fiscal = y->year_word = y->anaphoric = y->document_relative = true;
      y->year = base;
      return true;
    }
    return false;
  }

  bool MatchEra(size_t i, const Era** era, size_t* end) {
    char32_t before = DecodeBefore(s_, i);
    for (const Era& e : eras_) {
      if (StartsWithAt(s_, i, e.name)) {
        *era = &e;
        *end = i + e.name.size();
        return true;
      }
    }
    for (const Era& e : eras_) {
      bool letter =
          StartsWithAt(s_, i, e.letter) && !IsAsciiLetter(before) && !IsAsciiDigit(before);
      bool initial = StartsWithAt(s_, i, e.initial) && !IsKanji(before);
      if (!letter && !initial) continue;
      *era = &e;
      *end = i + (letter ? e.letter.size() : e.initial.size());
      // An abbreviation must be followed directly by its year: 令3, R3, H30.
      size_t len;
      char32_t next = *end < s_.size() ? DecodeAt(s_, *end, &len) : 0;
      return IsAsciiDigit(next) || (initial && IsKanjiNumeral(next));
    }
    return false;
  }

  bool EraNumber(size_t i, int* value, size_t* end) {
    if (StartsWithAt(s_, i, "元")) {
      *value = 1;
      *end = i + std::string_view("元").size();
      return true;
    }
    return ParseSmallInt(s_, i, 2, value, end) && *value >= 1;
  }

  bool ParseEraYear(size_t i, YearPart* y) {
    const Era* era;
    size_t j;
    if (!MatchEra(i, &era, &j)) return false;
    bool abbreviated = !StartsWithAt(s_, i, era->name);
    int n;
    if (!EraNumber(SkipSpaces(s_, j), &n, &j)) return false;
    y->era = era;
    y->era_year = n;
    y->year = era->first_year + n - 1;
    size_t k = SkipSpaces(s_, j);
    int western = 0;
    if (k < s_.size() && s_[k] == '(') {  // 令和6(2024)年度
      size_t w_end;
      if (ParseSmallInt(s_, SkipSpaces(s_, k + 1), 4, &western, &w_end) &&
          StartsWithAt(s_, SkipSpaces(s_, w_end), ")")) {
        k = SkipSpaces(s_, SkipSpaces(s_, w_end) + 1);
      } else {
        western = 0;
      }
    }
    if (!YearWord(k, y)) {
      if (western != 0) return false;
      // Dotted forms (H30.4.1, R3.10) and a lone R3: letters and kanji initials only.
      if (k < s_.size() && s_[k] == '.' && abbreviated) {
        y->end = j;
      } else if (abbreviated && StartsWithAt(s_, i, era->letter) && LoneAbbreviationEnds(j) &&
                 (era->last.y == 0 || n <= era->LastEraYear())) {
        y->end = j;
      } else {
        return false;
      }
    }
    if (western != 0) CrossCheck(i, western, y);
    EraYearPastEnd(i, y);
    return true;
  }

  // 令和3年度～5年度: the second half has no era of its own.
  bool ParseBorrowedEraYear(size_t i, const Era* era, YearPart* y) {
    int n;
    size_t j;
    if (!EraNumber(i, &n, &j) || !YearWord(SkipSpaces(s_, j), y)) return false;
    y->era = era;
    y->era_year = n;
    y->year = era->first_year + n - 1;
    EraYearPastEnd(i, y);
    return true;
  }

  bool ParseWesternYear(size_t i, YearPart* y) {
    char32_t before = DecodeBefore(s_, i);
    if (IsAsciiDigit(before) || IsAsciiLetter(before) || before == '.' || before == ',' ||
        (before == '-' && i != range_second_) || before == '/' || before == ':')
      return false;
    int year;
    size_t j;
    if (i >= s_.size() || !IsAsciiDigit(static_cast<unsigned char>(s_[i])) ||
        !ParseSmallInt(s_, i, 4, &year, &j) || j - i != 4 || year < 1868 || year > 2200)
      return false;
    y->year = year;
    size_t k = SkipSpaces(s_, j);
    if (k < s_.size() && s_[k] == '(') {  // 2024(令和6)年度
      const Era* era;
      size_t e_end;
      int n;
      if (!MatchEra(SkipSpaces(s_, k + 1), &era, &e_end) ||
          !EraNumber(SkipSpaces(s_, e_end), &n, &e_end) ||
          !StartsWithAt(s_, SkipSpaces(s_, e_end), ")"))
        return false;
      if (!YearWord(SkipSpaces(s_, SkipSpaces(s_, e_end) + 1), y)) return false;
      y->era = era;
      y->era_year = n;
      CrossCheck(i, year, y);
      EraYearPastEnd(i, y);
      return true;
    }
    if (YearWord(k, y)) return true;
    // 2024/4/1, 2024.4.1, 2024-04-01: the same separator twice, and a day.
    if (j < s_.size() && (s_[j] == '/' || s_[j] == '.' || s_[j] == '-')) {
      int m, d;
      size_t m_end, d_end;
      if (ParseSmallInt(s_, j + 1, 2, &m, &m_end) && m_end < s_.size() && s_[m_end] == s_[j] &&
          ParseSmallInt(s_, m_end + 1, 2, &d, &d_end) && !IsAsciiDigit(DecodeAfter(d_end))) {
        y->end = j;
        return true;
      }
    }
    return false;
  }

  // 年度 or 年 at s_[k] (not 年代, 年間, 年問題 ...); sets end and fiscal.
  bool YearWord(size_t k, YearPart* y) {
    if (StartsWithAt(s_, k, "年度")) {
      y->end = k + std::string_view("年度").size();
      y->fiscal = y->year_word = true;
      return true;
    }
    if (!StartsWithAt(s_, k, "年")) return false;
    size_t end = k + std::string_view("年").size();
    for (std::string_view word : kNotAYear)
      if (StartsWithAt(s_, SkipSpaces(s_, end), word)) return false;
    y->end = end;
    y->year_word = true;
    return true;
  }

  bool LoneAbbreviationEnds(size_t j) {
    char32_t next = DecodeAfter(j);
    return !IsAsciiLetter(next) && !IsAsciiDigit(next) && next != '.' && next != '-' &&
           next != '%' && next != ',' && next != ':' && next != '/';
  }

  void CrossCheck(size_t i, int western, YearPart* y) {
    int from_era = y->era->first_year + y->era_year - 1;
    if (western == from_era) return;
    std::string era_text = y->era->name + std::to_string(y->era_year);
    y->warnings.push_back(
        {"era_mismatch", Text(i, y->end) + ": " + era_text + " is " + std::to_string(from_era)});
    y->year = western;  // the Western year is the one authors type last and check most
  }

  void EraYearPastEnd(size_t i, YearPart* y) {
    if (y->era == nullptr || y->era->last.y == 0 || y->era_year <= y->era->LastEraYear()) return;
    if (y->warnings.empty() || y->warnings.back().code != "era_mismatch") {
      y->warnings.push_back({"era_year_past_end", Text(i, y->end) + ": " + y->era->name +
                                                      " ended on " + Iso(y->era->last) +
                                                      "; read as " + std::to_string(y->year)});
    }
  }

  // --- after the year ------------------------------------------------------------------

  bool FiscalSuffixAt(size_t k) {
    static constexpr std::string_view kSuffixes[] = {"末",   "上期",   "上半期",
                                                     "下期", "下半期", "第"};
    for (std::string_view s : kSuffixes)
      if (StartsWithAt(s_, k, s)) return s != "第" || Quarter(k, nullptr, nullptr);
    return false;
  }

  bool Quarter(size_t k, int* q, size_t* end) {
    if (!StartsWithAt(s_, k, "第")) return false;
    // One digit only: in 第一四半期 the 四 of 四半期 is not part of the number.
    size_t j = k + std::string_view("第").size(), len;
    char32_t c = DecodeAfter(j);
    int n = IsAsciiDigit(c) ? static_cast<int>(c - '0') : KanjiDigitValue(c);
    DecodeAt(s_, j, &len);
    j += len;
    if (n < 1 || n > 4 || !StartsWithAt(s_, j, "四半期")) return false;
    if (q) *q = n;
    if (end) *end = j + std::string_view("四半期").size();
    return true;
  }

  void FiscalTail(const YearPart& y, Atom* a) {
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

  bool Month(size_t i, int* m, size_t* end) {
    size_t j;
    if (!ParseSmallInt(s_, SkipSpaces(s_, i), 2, m, &j)) return false;
    j = SkipSpaces(s_, j);
    if (!StartsWithAt(s_, j, "月") || StartsWithAt(s_, j, "月間")) return false;
    *end = j + std::string_view("月").size();
    return true;
  }

  bool Day(size_t i, int* d, size_t* end) {
    size_t j;
    if (!ParseSmallInt(s_, SkipSpaces(s_, i), 2, d, &j)) return false;
    j = SkipSpaces(s_, j);
    if (!StartsWithAt(s_, j, "日") || StartsWithAt(s_, j, "日間")) return false;
    *end = j + std::string_view("日").size();
    return true;
  }

  void CalendarTail(const YearPart& y, Atom* a) {
    int m = 0, d = 0;
    size_t k = y.end;
    bool dotted = k < s_.size() && (s_[k] == '.' || s_[k] == '/' || s_[k] == '-');
    if (!y.year_word && dotted) {  // H30.4.1, 2024/4/1, R3.10
      char sep = s_[k];
      size_t j;
      if (ParseSmallInt(s_, k + 1, 2, &m, &j)) {
        k = j;
        if (j + 1 < s_.size() && s_[j] == sep && ParseSmallInt(s_, j + 1, 2, &d, &j)) k = j;
      }
    } else if (size_t j; y.year_word && Month(k, &m, &j)) {
      k = j;
      if (m == 0) m = -1;  // 0月 was written: a month that does not exist, not a missing one
      if (Day(k, &d, &j)) k = j;
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
  void MonthTail(Atom* a) {
    Ymd& v = a->value;
    size_t k = a->end;
    auto take = [&](std::string_view w) {
      if (!StartsWithAt(s_, k, w)) return false;
      a->end = k + w.size();
      return true;
    };
    if (v.d == 0 && take("末")) {
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

  bool Exists(Atom* a) {
    const Ymd& v = a->value;
    int m = v.m;
    if (a->kind == DateKind::kYear ||
        (m >= 1 && m <= 12 && (v.d == 0 || v.d <= DaysInMonth(v.y, m))))
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
  void EraBounds(const YearPart& y, Atom* a) {
    const Era* e = y.era;
    if (e == nullptr || a->value.m == 0) return;
    if (e->last.y != 0 && y.era_year > e->LastEraYear()) return;  // already warned
    Ymd v = a->value;
    bool day = a->kind == DateKind::kDate || a->kind == DateKind::kMonthEnd;
    auto cut = [&](Ymd b) { return day ? b : Ymd{b.y, b.m, 0}; };
    if (!day) v.d = 0;
    if (e->last.y != 0 && v > cut(e->last)) {
      a->warnings.push_back({"date_past_era_end", Text(a->begin, a->end) + ": " + e->name +
                                                      " ended on " + Iso(e->last)});
    } else if (v < cut(e->start)) {
      a->warnings.push_back({"date_before_era_start", Text(a->begin, a->end) + ": " + e->name +
                                                          " began on " + Iso(e->start)});
    }
  }

  // 4月, 1月末, 10月29日 with no year: the fiscal year in context, or the month of the
  // first half of a range (令和3年4月～9月).
  bool BareMonth(size_t i, const Atom* anchor, Atom* a) {
    char32_t before = DecodeBefore(s_, i);
    static constexpr char32_t kCounters[] = {U'か', U'ヶ', U'カ', U'ヵ', U'ケ', U'箇',
                                             U'第', U'毎', U'.',  U',',  U'/',  U'-'};
    if (IsAsciiDigit(before) || IsKanjiNumeral(before) || IsAsciiLetter(before)) return false;
    for (char32_t c : kCounters)
      if (before == c) return false;
    int m, d = 0;
    size_t end, d_end;
    if (i >= s_.size() || s_[i] == ' ' || !Month(i, &m, &end)) return false;
    if (Day(end, &d, &d_end)) end = d_end;
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

  void Marker(Atom* a) {
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

  Atom Range(Atom a, Atom b) {
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
  void Remember(const Atom& a) {
    if (a.null || a.document_relative) return;
    if (a.fiscal_year != 0) {
      ctx_.last_fiscal_year = a.fiscal_year;
      return;
    }
    ctx_.last_year = a.value.y != 0 ? a.value.y : a.last.y;
    if (a.kind != DateKind::kYear) ctx_.last_fiscal_year = FiscalYearOfDay(a.last.y, a.last.m);
  }

  void Unresolved(Atom* a) {
    a->warnings.push_back({"unresolved_anaphora",
                           Text(a->begin, a->end) + ": no preceding date or document fiscal year"});
  }

  static int Or(int a, int b) { return a != 0 ? a : b; }
  std::string Text(size_t b, size_t e) const { return std::string(s_.substr(b, e - b)); }
  char32_t DecodeAfter(size_t j) const {
    size_t len;
    return j < s_.size() ? DecodeAt(s_, j, &len) : 0;
  }

  const std::vector<Era>& eras_;
  std::string_view s_;
  DateContext& ctx_;
  size_t range_second_ = std::string_view::npos;  // where the second half of a range starts
};

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
