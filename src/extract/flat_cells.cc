#include "extract/flat_cells.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>

#include "core/utf8.h"

namespace gyosei::extract {
namespace {

bool AnyFullMatch(const std::vector<Pattern>& patterns, std::string_view text) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const Pattern& p) { return p.FullMatch(text); });
}

bool AnyContains(const std::vector<Pattern>& patterns, std::string_view text) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const Pattern& p) { return p.Contains(text); });
}

struct Token {
  std::string_view text;
  size_t begin = 0;
};

// The cells: split at spaces and at the source line breaks.
std::vector<Token> SplitCells(std::string_view line, const std::vector<size_t>& breaks) {
  std::vector<Token> out;
  auto next_break = breaks.begin();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t start = i;
    while (next_break != breaks.end() && *next_break <= start) ++next_break;
    size_t stop = next_break == breaks.end() ? line.size() : *next_break;
    while (i < stop && line[i] != ' ') ++i;
    if (i > start) out.push_back({line.substr(start, i - start), start});
  }
  return out;
}

// The text runs of a cell between its numbers: 就業相談者数100人 -> 就業相談者数, 人.
std::vector<std::string_view> TextRuns(std::string_view token) {
  std::vector<std::string_view> out;
  size_t i = 0, start = 0;
  bool in_text = false;
  while (i < token.size()) {
    size_t at = i;
    char32_t c = DecodeUtf8(token, i);
    // a point or comma only inside a number (12.5, 1,000): elsewhere it is the text's (創出,若者)
    bool number = IsAsciiDigit(c) || c == '%' || (!in_text && at > 0 && (c == '.' || c == ','));
    if (!number && !in_text) start = at;
    if (number && in_text) out.push_back(token.substr(start, at - start));
    in_text = !number;
  }
  if (in_text) out.push_back(token.substr(start));
  return out;
}

bool IsAsciiWord(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return IsAsciiAlpha(c); });
}

// Whether the word dictionary reads `a` + `b` with no word boundary where they meet (連 + 携した:
// 連携). One break iterator per thread, made once.
bool JoinsInsideWord(std::string_view a, std::string_view b) {
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getJapanese(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  if (!words) return false;
  icu::UnicodeString head =
      icu::UnicodeString::fromUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())));
  icu::UnicodeString text = head;
  text.append(
      icu::UnicodeString::fromUTF8(icu::StringPiece(b.data(), static_cast<int32_t>(b.size()))));
  words->setText(text);
  return !words->isBoundary(head.length());
}

// Where the header's cells end (the index of the first cell token), or 0 when `tokens` holds no
// header. The first goal header may have the text before it run into its token
// (…(KPI)》具体的な施策).
size_t CellsStart(const std::vector<Token>& tokens, const FlatCellRules& rules) {
  auto goal = [&](std::string_view s) { return AnyFullMatch(rules.goal_header, s); };
  auto other = [&](std::string_view s) { return AnyFullMatch(rules.other_header, s); };
  // Only a header cell's length from the end: a token of a text without spaces may be megabytes.
  constexpr size_t kLongestHeaderCell = 48;  // bytes: sixteen kanji
  auto ends_with_goal = [&](std::string_view s) {
    size_t i = s.size() > kLongestHeaderCell ? s.size() - kLongestHeaderCell : 0;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;  // a lead byte
    // A suffix that is a header is a match inside the tail: one search rules most tokens out.
    if (!AnyContains(rules.goal_header, s.substr(i))) return false;
    for (; i < s.size();) {
      if (goal(s.substr(i))) return true;
      DecodeUtf8(s, i);
    }
    return false;
  };
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!ends_with_goal(tokens[i].text)) continue;
    size_t j = i + 1;
    while (j < tokens.size() && goal(tokens[j].text)) ++j;
    size_t k = j;
    while (k < tokens.size() && other(tokens[k].text)) ++k;
    if (k > j) return k;
  }
  return 0;
}

struct CellPiece {
  std::string text;
  size_t begin = 0;
  int width = 0;
  bool complete = false;  // ends like a title
};

}  // namespace

std::vector<FlatCellTitle> ReadFlatCellTitles(std::string_view line, const FlatCellRules& rules,
                                              const std::vector<size_t>& breaks) {
  if (rules.goal_header.empty() || rules.title_end.empty()) return {};
  std::vector<Token> tokens = SplitCells(line, breaks);
  size_t first = CellsStart(tokens, rules);
  if (first == 0) return {};
  // The text each cell token starts with (a latin word printed apart joins the next: UIJ ターン).
  std::vector<CellPiece> pieces;
  std::map<std::string, int, std::less<>> seen;  // every text run: an indicator repeats
  for (size_t t = first; t < tokens.size(); ++t) {
    std::string text(tokens[t].text);
    size_t begin = tokens[t].begin;
    while (IsAsciiWord(tokens[t].text) && t + 1 < tokens.size())
      text += " " + std::string(tokens[++t].text);
    std::vector<std::string_view> runs = TextRuns(text);
    for (std::string_view r : runs) ++seen[std::string(r)];
    if (runs.empty() || runs.front().data() != text.data()) continue;  // starts with a number
    CellPiece p{std::string(runs.front()), begin, 0, false};
    p.width = DisplayWidth(p.text);
    p.complete = AnyContains(rules.title_end, p.text);
    pieces.push_back(std::move(p));
  }
  std::erase_if(pieces, [&](const CellPiece& p) { return seen.find(p.text)->second > 1; });
  int column = 0;
  for (const CellPiece& p : pieces) column = std::max(column, p.width);
  constexpr int kMinColumn = 16;  // eight kanji: narrower columns hold codes and values
  if (column < kMinColumn) return {};
  constexpr int kWrapSlack = 3;  // a wrapped line may fall a kanji and a half short of the edge
  auto wrapped = [&](const CellPiece& p) { return p.width >= column - kWrapSlack && !p.complete; };
  auto may_continue = [&](const CellPiece& p) { return p.width < column - kWrapSlack; };
  // A cell's next line comes within a few rows' cells of its first: the search stops there.
  constexpr size_t kWindow = 48;
  std::vector<int> continuation(pieces.size(), -1);
  std::vector<bool> used(pieces.size(), false);
  auto joined_is_title = [&](size_t f, size_t c) {
    return AnyContains(rules.title_end, pieces[f].text + pieces[c].text);
  };
  // The dictionary first: only one later piece continues the wrapped word.
  for (size_t f = 0; f < pieces.size(); ++f) {
    if (!wrapped(pieces[f])) continue;
    int only = -1, count = 0;
    for (size_t c = f + 1; c < std::min(pieces.size(), f + kWindow); ++c) {
      if (used[c] || !may_continue(pieces[c]) || !joined_is_title(f, c) ||
          !JoinsInsideWord(pieces[f].text, pieces[c].text))
        continue;
      only = static_cast<int>(c);
      ++count;
    }
    if (count == 1) {
      continuation[f] = only;
      used[static_cast<size_t>(only)] = true;
    }
  }
  // Then the order rows print in: the next line of a cell comes before the next wrapped cell.
  for (size_t f = 0; f < pieces.size(); ++f) {
    if (!wrapped(pieces[f]) || continuation[f] >= 0) continue;
    for (size_t c = f + 1; c < std::min(pieces.size(), f + kWindow); ++c) {
      if (wrapped(pieces[c]) && continuation[c] < 0) break;
      if (used[c] || !may_continue(pieces[c]) || !joined_is_title(f, c)) continue;
      continuation[f] = static_cast<int>(c);
      used[c] = true;
      break;
    }
  }
  std::vector<FlatCellTitle> out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (used[i]) continue;
    if (continuation[i] >= 0)
      out.push_back(
          {pieces[i].text + pieces[static_cast<size_t>(continuation[i])].text, pieces[i].begin});
    else if (pieces[i].complete)
      out.push_back({pieces[i].text, pieces[i].begin});
  }
  return out;
}

}  // namespace gyosei::extract
