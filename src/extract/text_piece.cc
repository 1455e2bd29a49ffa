#include "extract/text_piece.h"

#include "core/utf8.h"

namespace gyosei::extract {

TextPiece Trim(TextPiece p) {
  size_t b = 0, e = p.text.size();
  while (b < e && p.text[b] == ' ') ++b;
  while (e > b && p.text[e - 1] == ' ') --e;
  return p.Sub(b, e);
}

namespace {

bool IsCircledNumber(char32_t c) { return (c >= U'①' && c <= U'⑳') || (c >= U'㉑' && c <= U'㉟'); }

template <typename SplitBefore, typename SplitAfter>
std::vector<TextPiece> SplitWhere(TextPiece p, SplitBefore before, SplitAfter after) {
  std::vector<TextPiece> out;
  size_t start = 0;
  char32_t prev = 0;
  auto emit = [&](size_t end) {
    TextPiece piece = Trim(p.Sub(start, end));
    if (!piece.text.empty()) out.push_back(piece);
    start = end;
  };
  for (size_t i = 0; i < p.text.size();) {
    size_t at = i;
    char32_t c = DecodeUtf8(p.text, i);
    if (at > start && before(c, prev)) emit(at);
    if (after(c)) emit(i);
    prev = c;
  }
  emit(p.text.size());
  return out;
}

}  // namespace

std::vector<TextPiece> SplitItems(TextPiece p) {
  std::vector<TextPiece> items = SplitWhere(
      p,
      [](char32_t c, char32_t prev) {
        return IsCircledNumber(c) ||
               (c == U'・' && (prev == ')' || prev == U'。' || prev == U'】' || prev == ' '));
      },
      [](char32_t c) { return c == U'。'; });
  // "…以上とします。(令和2年度末実績:78件)": a parenthesis after the sentence is its baseline.
  std::vector<TextPiece> merged;
  for (const TextPiece& item : items) {
    if (!merged.empty() && item.text.starts_with("(")) {
      TextPiece& prev = merged.back();
      prev = p.Sub(prev.offset - p.offset, item.offset - p.offset + item.text.size());
    } else {
      merged.push_back(item);
    }
  }
  return merged;
}

std::vector<TextPiece> SplitSentences(TextPiece p) {
  return SplitWhere(
      p, [](char32_t, char32_t) { return false; },
      [](char32_t c) { return c == U'。' || c == U'！' || c == U'？'; });
}

}  // namespace gyosei::extract
