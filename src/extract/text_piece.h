// Substrings of normalized lines that remember where they are, so every target, rating and
// description part can say which page and line it came from. Internal to extract.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace gyosei::extract {

struct TextPiece {
  std::string_view text;
  const Line* line = nullptr;
  size_t offset = 0;  // of text within line->text

  SourceLoc Loc() const { return line ? line->LocAt(offset) : SourceLoc{}; }
  TextPiece Sub(size_t begin, size_t end = std::string_view::npos) const {
    end = std::min(end, text.size());
    return TextPiece{text.substr(begin, end - begin), line, offset + begin};
  }
};

inline TextPiece WholeLine(const Line& line) { return TextPiece{line.text, &line, 0}; }

// Trims ASCII spaces from both ends.
TextPiece Trim(TextPiece p);

// Splits at 【label】 brackets: pieces[i] is the text after label i (labels[0] = "" for the
// text before the first bracket). `role_of` gives a bracket's content its role; brackets it
// gives none ("") stay in the text. The role is kept so that callers need not classify again.
struct LabelledPiece {
  std::string_view label;  // within the split piece's line
  std::string role;
  TextPiece body;
};
template <typename RoleOf>
std::vector<LabelledPiece> SplitBracketLabels(TextPiece p, RoleOf role_of);

// Splits a target block's text into items: before ①..⑳ and before a ・ bullet that starts the
// text or follows ) 。 】 or a space; after 。.
std::vector<TextPiece> SplitItems(TextPiece p);

// Splits running text into sentences (after 。！？).
std::vector<TextPiece> SplitSentences(TextPiece p);

template <typename RoleOf>
std::vector<LabelledPiece> SplitBracketLabels(TextPiece p, RoleOf role_of) {
  constexpr std::string_view kOpen = "【", kClose = "】";
  std::vector<LabelledPiece> out{{"", "", p.Sub(0, 0)}};
  size_t body_begin = 0, search = 0;
  while (true) {
    size_t open = p.text.find(kOpen, search);
    if (open == std::string_view::npos) break;
    size_t close = p.text.find(kClose, open);
    if (close == std::string_view::npos) break;
    std::string_view label = p.text.substr(open + kOpen.size(), close - open - kOpen.size());
    search = close + kClose.size();
    std::string role = role_of(label);
    if (role.empty()) continue;
    out.back().body = Trim(p.Sub(body_begin, open));
    out.push_back({label, std::move(role), p.Sub(search, search)});
    body_begin = search;
  }
  out.back().body = Trim(p.Sub(body_begin));
  return out;
}

}  // namespace gyosei::extract
