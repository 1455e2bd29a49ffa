// Internal to the scanners: the text handling the date scanner and the quantity scanner
// (src/quantities/) share. Not part of the public API.
//
// Scanners do not trust the caller to have width-normalized the text, so they work on a
// folded copy: full-width ASCII (Ｒ３, ６，５００, （）) becomes ASCII, the ideographic
// space a space, wave dashes '~'. Folding only shrinks characters, so every folded byte maps
// back to a byte of the input and offsets reported to the caller stay in the input's terms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace gyosei::dates::internal {

// Most lines have nothing to fold (the normalizer has already folded them): then Folded is
// the input itself, with no copy and no offset table.
struct Folded {
  std::string_view input;
  bool changed = false;
  std::string folded;  // only when changed
  // source[i]: offset in the input of the character folded byte i belongs to; one extra
  // entry for folded.size() so that end offsets map too. Only when changed.
  std::vector<uint32_t> source;

  std::string_view text() const { return changed ? std::string_view(folded) : input; }
  uint32_t Source(size_t i) const { return changed ? source[i] : static_cast<uint32_t>(i); }
};
Folded Fold(std::string_view input);

// The code point starting at s[i], i < s.size() (U+FFFD for a malformed byte); *len gets
// its length.
char32_t DecodeAt(std::string_view s, size_t i, size_t* len);
// The code point ending just before s[i]; 0 at the start of s.
char32_t DecodeBefore(std::string_view s, size_t i);

using gyosei::IsAsciiDigit;
inline bool IsAsciiLetter(char32_t c) { return gyosei::IsAsciiAlpha(c); }
bool IsKanji(char32_t c);         // CJK unified ideographs, including 々
bool IsKanjiDigit(char32_t c);    // 〇一二三四五六七八九
int KanjiDigitValue(char32_t c);  // 0..9, or -1 for anything else
bool IsKanjiNumeral(char32_t c);  // a digit or 十百千
bool StartsWithAt(std::string_view s, size_t i, std::string_view literal);
size_t SkipSpaces(std::string_view s, size_t i);

// An integer at s[i]: ASCII digits (at most max_digits of them) or kanji numerals up to
// 千 (二十九, 三百十八, 二〇二四). On success sets *value and *end and returns true.
bool ParseSmallInt(std::string_view s, size_t i, int max_digits, int* value, size_t* end);

// Value of a run of kanji numerals including 万 and 億 (千二十七 -> 1027, 三万 -> 30000).
// Returns -1 for an empty or malformed run.
int64_t KanjiNumeralValue(std::string_view run);

}  // namespace gyosei::dates::internal
