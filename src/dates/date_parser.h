// Internal to src/dates: the date grammar. A Parser reads one folded text (see text.h) from a
// given position; DateScanner::Scan drives it along the text. Year forms (era, Western,
// anaphor) are in date_year.cc, everything after the year in date_parser.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dates/dates.h"
#include "dates/era.h"
#include "dates/text.h"

namespace gyosei::dates::internal {

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
  bool numeric = false;      // written with separators (2012/4/3): 2012/4/3~6 ends on the 6th
  bool lone = false;         // a bare abbreviation (R3, H27), with neither 年 nor month
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
  bool numeric = false;  // month and day follow with separators: 2021/7/18, R3.4.1
  bool lone = false;     // a bare abbreviation: R3, H27
  std::vector<DateWarning> warnings;
};

// Scans one folded text. Holds per-call state only; the era table belongs to the scanner, so
// one DateScanner serves many threads, each with its own Parser.
class Parser {
 public:
  Parser(const std::vector<Era>& eras, std::string_view s, DateContext& ctx)
      : eras_(eras), s_(s), ctx_(ctx) {}

  // Parses the expression starting at s_[i], if there is one, with its marker and, for
  // から / ～, the second half of a range.
  bool Expression(size_t i, Atom* out);

 private:
  // 令和3～5年度, 平成20～24年: one era for both ends of a range of years.
  bool EraYearSpan(size_t i, Atom* out);
  // One expression without range handling. `era` lends its era to a bare 5年度 after
  // 令和3年度～; `anchor` resolves a bare month after 令和3年4月～.
  bool Single(size_t i, const Era* era, const Atom* anchor, Atom* a);
  // The second half of a range that only names a day of the first half's month: 4月3日～6日,
  // 2012/4/3~6; or, after a numeric date, a month and day: 2021/4/1~6/30.
  bool SameMonthEnd(size_t i, const Atom& first, Atom* b);
  // The year (date_year.cc).
  bool ParseYear(size_t i, const Era* borrowed, YearPart* y);
  bool ParseAnaphor(size_t i, YearPart* y);
  bool MatchEra(size_t i, const Era** era, size_t* end);
  bool EraNumber(size_t i, int* value, size_t* end);
  bool ParseEraYear(size_t i, YearPart* y);
  // 令和3年度～5年度: the second half has no era of its own.
  bool ParseBorrowedEraYear(size_t i, const Era* era, YearPart* y);
  bool ParseWesternYear(size_t i, YearPart* y);
  // 1971年(昭和46年)9月24日, 令和3年(2021年): the same year in the other calendar, in
  // parentheses, cross-checked and read past.
  void OtherCalendarYear(size_t i, YearPart* y);
  // A lone abbreviation before a word that only fiscal years take: H24決算, R3予算.
  bool FiscalWordAt(size_t k) const;
  // 令 和 3 年 (letter-spaced, as PDF exports of Word space them out): an era name with
  // spaces between its characters; sets spaced_.
  bool MatchSpacedName(size_t i, std::string_view name, size_t* end);
  // A number at s_[i]: ParseSmallInt, or with spaced_ set, ASCII digits with single spaces
  // between them (平 成 2 5 年).
  bool Number(size_t i, int max_digits, int* value, size_t* end) const;
  // 年度 or 年 at s_[k] (not 年代, 年間, 年問題 ...); sets end and fiscal.
  bool YearWord(size_t k, YearPart* y);
  // The month and day after a year written with numbers and separators, from the separator
  // at s_[k] (date_parser.cc).
  bool NumericMonthDay(size_t k, int* m, int* d, size_t* end) const;
  bool AmongNumbers(size_t k, size_t end) const;
  bool LoneAbbreviationEnds(size_t j);
  void CrossCheck(size_t i, int western, YearPart* y);
  void EraYearPastEnd(size_t i, YearPart* y);

  // After the year (date_parser.cc).
  bool FiscalSuffixAt(size_t k);
  bool Quarter(size_t k, int* q, size_t* end);
  void FiscalTail(const YearPart& y, Atom* a);
  bool Counted(size_t i, std::string_view counter, int* n, size_t* end);
  void CalendarTail(const YearPart& y, Atom* a);
  // 末, 初, 上旬 / 中旬 / 下旬 after a month (or 末 after a year); then the span covered.
  void MonthTail(Atom* a);
  bool Exists(Atom* a);
  // ICU's lenient calendar accepts 平成31年5月1日 and 令和元年4月1日; the documents do too.
  void EraBounds(const YearPart& y, Atom* a);
  // 4月, 1月末, 10月29日 with no year: the fiscal year in context, or the month of the
  // first half of a range (令和3年4月～9月).
  bool BareMonth(size_t i, const Atom* anchor, Atom* a);
  void Marker(Atom* a);
  Atom Range(Atom a, Atom b);
  // Later anaphora resolve against this expression.
  void Remember(const Atom& a);
  void Unresolved(Atom* a);

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
  bool spaced_ = false;  // the expression being read is letter-spaced (令 和 3 年)
};

}  // namespace gyosei::dates::internal
