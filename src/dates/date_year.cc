#include <string>
#include <string_view>

#include "dates/date_parser.h"

namespace gyosei::dates::internal {

namespace {

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

// Words that only a fiscal year takes. Table headings write the 年度 of a budget or a plan as
// the bare abbreviation: H24予算 H24決算 H25実績 H26見込 H27計画 are 平成24年度 ... A lone
// abbreviation before anything else stays a calendar year (観光客数[暦年] H23 H24, H27国勢調査).
constexpr std::string_view kFiscalWords[] = {"予算", "決算", "実績", "見込",
                                             "計画", "当初", "補正"};

}  // namespace

bool Parser::ParseYear(size_t i, const Era* borrowed, YearPart* y) {
  // Each form starts afresh: a failed one may have filled in part of *y.
  spaced_ = false;
  if (*y = {}; ParseAnaphor(i, y)) return true;
  *y = {};
  bool read = ParseEraYear(i, y);
  if (!read) {
    *y = {};
    spaced_ = false;
    read = ParseWesternYear(i, y);
  }
  if (read) {
    OtherCalendarYear(i, y);
    return true;
  }
  if (*y = {}; borrowed != nullptr) return ParseBorrowedEraYear(i, borrowed, y);
  return false;
}

// 1971年(昭和46年)9月24日, 令和3年(2021年): the same year in the other calendar, in
// parentheses, cross-checked and read past. As with 2024(令和6)年度, the Western year wins a
// mismatch.
void Parser::OtherCalendarYear(size_t i, YearPart* y) {
  size_t k = SkipSpaces(s_, y->end);
  if (!y->year_word || y->fiscal || k >= s_.size() || s_[k] != '(') return;
  YearPart other;
  bool spaced = spaced_;
  size_t p = SkipSpaces(s_, k + 1);
  bool read = y->era != nullptr ? ParseWesternYear(p, &other) : ParseEraYear(p, &other);
  spaced_ = spaced;
  size_t close = SkipSpaces(s_, other.end);
  if (!read || !other.year_word || other.fiscal || other.numeric || !StartsWithAt(s_, close, ")"))
    return;
  y->end = close + 1;
  if (y->era != nullptr) {
    CrossCheck(i, other.year, y);
    return;
  }
  y->era = other.era;
  y->era_year = other.era_year;
  CrossCheck(i, y->year, y);
}

bool Parser::ParseAnaphor(size_t i, YearPart* y) {
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
      if (!Counted(end, "月", &m, &m_end)) return false;
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
  // 上期, 下半期, 第1四半期 with neither year nor 年度: a part of the fiscal year in context,
  // resolved like a bare month.
  if (FiscalSuffixAt(i) && !StartsWithAt(s_, i, "末")) {
    char32_t before = DecodeBefore(s_, i);
    if (IsKanji(before) || IsAsciiDigit(before) || IsAsciiLetter(before)) return false;
    y->end = i;
    y->fiscal = y->year_word = y->anaphoric = true;
    y->year = Or(ctx_.last_fiscal_year, ctx_.document_fiscal_year);
    return true;
  }
  return false;
}

bool Parser::MatchEra(size_t i, const Era** era, size_t* end) {
  char32_t before = DecodeBefore(s_, i);
  for (const Era& e : eras_) {
    if (StartsWithAt(s_, i, e.name)) {
      *era = &e;
      *end = i + e.name.size();
      return true;
    }
    if (MatchSpacedName(i, e.name, end)) {
      *era = &e;
      return true;
    }
  }
  for (const Era& e : eras_) {
    bool letter = StartsWithAt(s_, i, e.letter) && !IsAsciiLetter(before) && !IsAsciiDigit(before);
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

// 令 和 3 年 (letter-spaced, as PDF exports of Word space them out): an era name with
// spaces between its characters; sets spaced_.
bool Parser::MatchSpacedName(size_t i, std::string_view name, size_t* end) {
  size_t j = i;
  for (size_t n = 0; n < name.size();) {
    size_t len;
    DecodeAt(name, n, &len);
    if (n > 0) {
      if (j >= s_.size() || s_[j] != ' ') return false;
      j = SkipSpaces(s_, j);
    }
    if (!StartsWithAt(s_, j, name.substr(n, len))) return false;
    j += len;
    n += len;
  }
  spaced_ = true;
  *end = j;
  return true;
}

// A number at s_[i]: ParseSmallInt, or with spaced_ set, ASCII digits with single spaces
// between them (平 成 2 5 年).
bool Parser::Number(size_t i, int max_digits, int* value, size_t* end) const {
  if (!spaced_) return ParseSmallInt(s_, i, max_digits, value, end);
  int v = 0, n = 0;
  size_t j = i;
  while (j < s_.size() && IsAsciiDigit(static_cast<unsigned char>(s_[j]))) {
    if (++n > max_digits) return false;
    v = v * 10 + (s_[j++] - '0');
    *end = j;
    if (j + 1 < s_.size() && s_[j] == ' ' && IsAsciiDigit(static_cast<unsigned char>(s_[j + 1])))
      ++j;
  }
  if (n == 0) return ParseSmallInt(s_, i, max_digits, value, end);
  *value = v;
  return true;
}

bool Parser::EraNumber(size_t i, int* value, size_t* end) {
  if (StartsWithAt(s_, i, "元")) {
    *value = 1;
    *end = i + std::string_view("元").size();
    return true;
  }
  return Number(i, 2, value, end) && *value >= 1;
}

bool Parser::ParseEraYear(size_t i, YearPart* y) {
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
    size_t w_begin = SkipSpaces(s_, k + 1), w_end;
    if (ParseSmallInt(s_, w_begin, 4, &western, &w_end) && w_end - w_begin == 4 &&
        StartsWithAt(s_, SkipSpaces(s_, w_end), ")")) {
      k = SkipSpaces(s_, SkipSpaces(s_, w_end) + 1);
    } else {
      western = 0;
    }
  }
  if (!YearWord(k, y)) {
    if (western != 0) return false;
    int m, d;
    size_t md_end;
    if (NumericMonthDay(j, &m, &d, &md_end)) {
      // H30.4.1, R3.10, 令和3/7/18, 令和3.7: the month and day follow with separators.
      y->end = j;
      y->numeric = true;
    } else if (abbreviated && StartsWithAt(s_, i, era->letter) && LoneAbbreviationEnds(j) &&
               (era->last.y == 0 || n <= era->LastEraYear())) {
      // A lone R3: letters only.
      y->end = j;
      y->lone = true;
      y->fiscal = FiscalWordAt(j);
    } else {
      return false;
    }
  }
  if (western != 0) CrossCheck(i, western, y);
  EraYearPastEnd(i, y);
  return true;
}

// 令和3年度～5年度: the second half has no era of its own.
bool Parser::ParseBorrowedEraYear(size_t i, const Era* era, YearPart* y) {
  int n;
  size_t j;
  if (!EraNumber(i, &n, &j) || !YearWord(SkipSpaces(s_, j), y)) return false;
  y->era = era;
  y->era_year = n;
  y->year = era->first_year + n - 1;
  EraYearPastEnd(i, y);
  return true;
}

bool Parser::ParseWesternYear(size_t i, YearPart* y) {
  char32_t before = DecodeBefore(s_, i);
  // After a colon only when a label precedes it (公開日:2024年3月1日, 作成日:2024/3/1), not a
  // number (a time, a ratio: 1:2000).
  bool after_number = before == ':' && i >= 1 && IsAsciiDigit(DecodeBefore(s_, i - 1));
  if (IsAsciiDigit(before) || IsAsciiLetter(before) || before == '.' || before == ',' ||
      (before == '-' && i != range_second_) || before == '/' || after_number)
    return false;
  int year;
  size_t j;
  // Four ASCII digits, or kanji (二〇二四年, 二千二十四年); never a part of a longer number.
  // A convention of gyosei's (peer-tests ja-timex A15 A44 A45): a Western year has four
  // digits and lies in 1868..2200, so 13/8, 500年 and 50,000年前 are not dates.
  bool ascii = i < s_.size() && IsAsciiDigit(static_cast<unsigned char>(s_[i]));
  if (!ParseSmallInt(s_, i, 4, &year, &j) || (ascii && j - i != 4) || IsKanjiNumeral(before) ||
      year < 1868 || year > 2200)
    return false;
  if (!ascii && !StartsWithAt(s_, SkipSpaces(s_, j), "年")) return false;
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
  // 2024/4/1, 2024.4.1, 2024-04-01, 2021・7・18, and the year-months 2021/7 and 2021.7.
  int m, d;
  size_t md_end;
  if (!ascii || !NumericMonthDay(j, &m, &d, &md_end)) return false;
  y->end = j;
  y->numeric = true;
  return true;
}

// 年度 or 年 at s_[k] (not 年代, 年間, 年問題 ...); sets end and fiscal.
bool Parser::YearWord(size_t k, YearPart* y) {
  if (StartsWithAt(s_, k, "年度")) {
    y->end = k + std::string_view("年度").size();
    y->fiscal = y->year_word = true;
    return true;
  }
  if (spaced_ && StartsWithAt(s_, k, "年 度")) {  // 令 和 3 年 度
    y->end = k + std::string_view("年 度").size();
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

// R3 with no 年 is a year where text or a cell boundary follows (R3予算, H27国勢調査, R3、);
// before katakana, Latin letters or more digits the letter and number are a name (S1サイズ,
// M2ボルト, R35, H2O).
bool Parser::LoneAbbreviationEnds(size_t j) {
  static constexpr std::u32string_view kNameChars = U".-%,/_";
  char32_t next = DecodeAfter(j);
  bool katakana = next >= 0x30A0 && next <= 0x30FF;
  return !katakana && !IsAsciiLetter(next) && !IsAsciiDigit(next) &&
         kNameChars.find(next) == std::u32string_view::npos;
}

bool Parser::FiscalWordAt(size_t k) const {
  for (std::string_view word : kFiscalWords)
    if (StartsWithAt(s_, SkipSpaces(s_, k), word)) return true;
  return false;
}

void Parser::CrossCheck(size_t i, int western, YearPart* y) {
  int from_era = y->era->first_year + y->era_year - 1;
  if (western == from_era) return;
  std::string era_text = y->era->name + std::to_string(y->era_year);
  y->warnings.push_back(
      {"era_mismatch", Text(i, y->end) + ": " + era_text + " is " + std::to_string(from_era)});
  y->year = western;  // the Western year is the one authors type last and check most
}

void Parser::EraYearPastEnd(size_t i, YearPart* y) {
  if (y->era == nullptr || y->era->last.y == 0 || y->era_year <= y->era->LastEraYear()) return;
  if (y->warnings.empty() || y->warnings.back().code != "era_mismatch") {
    y->warnings.push_back({"era_year_past_end", Text(i, y->end) + ": " + y->era->name +
                                                    " ended on " + Iso(y->era->last) +
                                                    "; read as " + std::to_string(y->year)});
  }
}

}  // namespace gyosei::dates::internal
