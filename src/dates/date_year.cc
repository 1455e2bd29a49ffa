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

}  // namespace

bool Parser::ParseYear(size_t i, const Era* borrowed, YearPart* y) {
  // Each form starts afresh: a failed one may have filled in part of *y.
  if (*y = {}; ParseAnaphor(i, y)) return true;
  if (*y = {}; ParseEraYear(i, y)) return true;
  if (*y = {}; ParseWesternYear(i, y)) return true;
  if (*y = {}; borrowed != nullptr) return ParseBorrowedEraYear(i, borrowed, y);
  return false;
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

bool Parser::EraNumber(size_t i, int* value, size_t* end) {
  if (StartsWithAt(s_, i, "元")) {
    *value = 1;
    *end = i + std::string_view("元").size();
    return true;
  }
  return ParseSmallInt(s_, i, 2, value, end) && *value >= 1;
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
  if (IsAsciiDigit(before) || IsAsciiLetter(before) || before == '.' || before == ',' ||
      (before == '-' && i != range_second_) || before == '/' || before == ':')
    return false;
  int year;
  size_t j;
  // Four ASCII digits, or kanji (二〇二四年, 二千二十四年); never a part of a longer number.
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
bool Parser::YearWord(size_t k, YearPart* y) {
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
