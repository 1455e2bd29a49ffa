// Dates in Japanese municipal documents, turned into exact values.
//
//   auto scanner = gyosei::dates::DateScanner::Create();   // once; reads ICU's era data
//   gyosei::dates::DateContext ctx;
//   ctx.document_fiscal_year = 2021;                        // optional
//   std::vector<gyosei::dates::DateExpr> found;
//   for (const std::string& line : lines) scanner->Scan(line, ctx, found);  // in order
//
// What is recognised (every example is from, or shaped like, a published document):
//
//   令和4年4月1日, 令和三年十月二十九日, 平成 15年 8月  kind date / month, value 2022-04-01 ...
//   令和3年04月01日, 令 和 3 年 4 月 1 日, 平 成2 5年度   zero-padded, letter-spaced (Word PDFs)
//   令和元年                                          kind year, value 2019 (a year stays a year)
//   R3.10.29, H30.4.1, Ｒ３, H30, 令3年度             abbreviations (ICU's narrow era names
//                                                     and the first kanji of the era name); a
//                                                     lone R3 is a year (H27国勢調査) but not
//                                                     in a name (S1サイズ, H2O); before a word
//                                                     only fiscal years take (H24決算, R3予算,
//                                                     H26見込, H27計画) a fiscal year, and so
//                                                     is a period H27~H31 (2015-04..2020-03)
//   令和3.7.18, 令和3/7/18, R3-7-18, 令和3・7・18       numeric era dates; 令和3.7, R3/7 months
//   2024年, 2024年4月1日, 2024/4/1, 2024.4.1          Western forms (also 二〇二四年, 2021・7・18,
//   2021/7, 2021.7, 公開日:2024年3月1日)              and year-months; after a label's colon)
//   1971年(昭和46年)9月24日, 昭和57年(1982年)          the other calendar's year in parentheses,
//                                                     cross-checked like 2024(令和6)年度
//   令和3年度, 平成二十年度, 2024年度                  kind fiscal_year: fiscal_year 2021, value
//                                                     null, range_start/end 2021-04-01/2022-03-31
//   2024(令和6)年度, 令和6(2024)年度                   cross-checked; on a mismatch the Western
//                                                     year wins and an era_mismatch warning is set
//   令和3年2月末 -> 2021-02-28, 令和2年度末 -> 2021-03-31 (fiscal_year 2020)   kind month_end
//   令和3年4月初 -> 2021-04-01                        kind date
//   令和3年4月上旬 / 中旬 / 下旬                       kind range, 04-01..04-10 / 11..20 / 21..30
//   令和3年度上期 / 下期 / 第1四半期                    kind range with fiscal_year 2021
//   平成20年度から平成24年度まで, 令和3年4月～9月      kind range 2008-04-01 .. 2013-03-31
//   令和3～5年度, 令和3年度～5年度, 2024/4/1-2024/4/30  kind range (the era carries over)
//   平成23-24年, 令和7・8年度 (two consecutive years)  kind range
//   4月3日～6日, 2012/4/3~6, 2021/4/1~6/30            kind range (the month / year carries over)
//   2005年11月から翌2006年7月                         kind range 2005-11-01 .. 2006-07-31
//   令和4年4月1日現在, 令和3年2月末時点 / まで(に) / から   marker as_of / until / from
//
// Anaphora are resolved from the DateContext, which Scan updates as it goes:
//   同年5月 (calendar year of the nearest preceding date), 同年度 / 翌年度 / 前年度 / 次年度
//   (fiscal year of the nearest preceding expression, else the document's), 今年度 / 本年度 /
//   昨年度 / 来年度 (the document's fiscal year), a bare month such as 1月 (in the fiscal year
//   of the context: after 令和6年度, 1月 is 2025-01), 年度末 / 年度上期 without a year, and
//   上期 / 下半期 / 第1四半期 alone (like a bare month).
// With nothing to resolve against the expression is still reported, with value null and an
// unresolved_anaphora warning.
//
// Not dates: 2025年問題, 2020年代, 第2次, 7-1-1, 0595-22-9601, 1か月以上, 5年間, 3ヵ年, and the
// numbers that look like numeric dates: 2021.7万人, 2020.3%, 2089.1 2090.7 (a row of values),
// 2021.7.18.3 and 1.2.3 (section numbers), 2021-7 (a code), 令和3・4年度 (a list of years).
//
// A wrong value is worse than none. 令和3年2月30日 gives value null and nonexistent_date.
// Dates ICU's lenient calendar would silently accept are converted but warned about:
// 平成32年度 -> fiscal_year 2020 with era_year_past_end; 平成31年5月1日 -> 2019-05-01 with
// date_past_era_end; 令和元年4月1日 -> 2019-04-01 with date_before_era_start.
//
// ICU: Create() asks ICU's Japanese calendar, once, for each era's name, narrow name (R, H),
// Gregorian year of 元年 (UCAL_EXTENDED_YEAR) and first day. Scan then converts with that
// table alone, which is the arithmetic ICU's calendar does, so the hot path builds no ICU
// object and takes no lock, and an era ICU adds later is recognised without a code change.
//
// Threads: a DateScanner is immutable after Create(); Scan is const and may be called from
// several threads at once, each with its own DateContext.
//
// CLI: `gyosei dates [--fiscal-year N] FILE|-` scans line by line with one context and prints
// one JSON object per expression: text, date, fiscal_year, kind, start/end (ranges and fiscal
// years), marker and anaphoric when set, loc {page: null, line}, and "warnings": [{code,
// message}] on the object when there are any.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gyosei::dates {

enum class DateKind { kDate, kMonth, kYear, kFiscalYear, kMonthEnd, kRange };
// "date" "month" "year" "fiscal_year" "month_end" "range", as in the output contract.
const char* DateKindName(DateKind kind);

// The word after an expression that says how it is meant.
enum class DateMarker { kNone, kAsOf, kUntil, kFrom };
// "" for kNone; "as_of" (時点, 現在), "until" (まで, までに), "from" (から, 以降, より).
const char* DateMarkerName(DateMarker marker);

// Codes are stable lower_snake ids: era_mismatch, era_year_past_end, date_past_era_end,
// date_before_era_start, nonexistent_date, unresolved_anaphora.
struct DateWarning {
  std::string code;
  std::string message;  // "2024(令和5)年度: 令和5 is 2023"
};

struct DateExpr {
  size_t begin = 0;  // byte offsets into the text given to Scan; the marker word is not
  size_t end = 0;    // included, except the まで that closes a から ... まで range
  std::string text;  // text[begin, end) with full-width ASCII folded: "令和3年2月末"
  DateKind kind = DateKind::kDate;
  std::string value;        // ISO; precision by length: "2022-04-01" | "2022-04" | "2022" | ""
  int fiscal_year = 0;      // 令和3年度 -> 2021; the 年度 of 年度末 / 上期 too; 0 = none
  std::string range_start;  // first and last day for kinds range and fiscal_year; "" = null
  std::string range_end;
  DateMarker marker = DateMarker::kNone;
  bool anaphoric = false;  // resolved from the context (同年, 翌年度, a bare month ...)
  std::vector<DateWarning> warnings;
};

// Per-document state. Set document_fiscal_year when it is known (from the heading, see
// DateScanner::FiscalYearOf, or from the caller); Scan keeps the rest up to date, so scan a
// document's lines in order with one context.
struct DateContext {
  int document_fiscal_year = 0;
  int last_year = 0;         // calendar year of the nearest preceding dated expression
  int last_fiscal_year = 0;  // fiscal year of the nearest preceding expression that has one
};

namespace internal {
struct Era;
}

class DateScanner {
 public:
  // Reads the eras (names, narrow names, first days) from ICU's ja_JP@calendar=japanese.
  static Expected<DateScanner> Create();

  DateScanner(DateScanner&&) noexcept;
  DateScanner& operator=(DateScanner&&) noexcept;
  ~DateScanner();

  // Appends every date expression in `text` to `out`, in order, resolving anaphora from
  // `ctx` and updating it. `text` is UTF-8, one line or more; offsets are into it.
  void Scan(std::string_view text, DateContext& ctx, std::vector<DateExpr>& out) const;

  // The fiscal year a heading names: 令和3年度 総務部の運営方針 -> 2021,
  // 2024(令和6)年度 部局マニフェスト -> 2024. 0 when it names none.
  int FiscalYearOf(std::string_view heading) const;

 private:
  DateScanner();
  std::vector<internal::Era> eras_;
};

// The day an expression is due by, i.e. the last day it covers: 令和4年4月1日現在 ->
// 2022-04-01, 令和3年度末 -> 2022-03-31, 令和4年3月まで -> 2022-03-31, 令和3年度 ->
// 2022-03-31, 2024年 -> 2024-12-31, a range -> its end. "" when the value is null.
std::string DueDate(const DateExpr& expr);

// The first day an expression covers: 令和3年度 -> 2021-04-01, 令和4年3月 -> 2022-03-01.
std::string FirstDay(const DateExpr& expr);

}  // namespace gyosei::dates
